// SPDX-License-Identifier: GPL-2.0
/*
 * Registry of TLS offload providers (offload.h): an RCU-protected list that
 * ktlsctl_keys_install() consults for policies that REQUIRE offload. No
 * provider exists yet; with none registered, REQUIRE always fails early.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/string.h>
#include <net/dst.h>
#include <net/sock.h>

#include "keys.h"
#include "offload.h"

static LIST_HEAD(ktlsctl_offload_list);
static DEFINE_MUTEX(ktlsctl_offload_mutex);

/**
 * ktlsctl_offload_register - add a TLS offload provider
 * @ops: the provider; must stay valid until ktlsctl_offload_unregister()
 *
 * Returns 0, -EINVAL when @ops lacks a name or dev_ok, or -EEXIST when a
 * provider of that name is registered already.
 */
int ktlsctl_offload_register(struct ktlsctl_offload_ops *ops)
{
	struct ktlsctl_offload_ops *cur;
	int ret = 0;

	if (!ops || !ops->name || !ops->dev_ok)
		return -EINVAL;

	mutex_lock(&ktlsctl_offload_mutex);
	list_for_each_entry(cur, &ktlsctl_offload_list, list) {
		if (!strcmp(cur->name, ops->name)) {
			ret = -EEXIST;
			goto out;
		}
	}
	list_add_tail_rcu(&ops->list, &ktlsctl_offload_list);
out:
	mutex_unlock(&ktlsctl_offload_mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(ktlsctl_offload_register);

/**
 * ktlsctl_offload_unregister - remove a provider added by
 * ktlsctl_offload_register(); waits until no reader uses it any more, so
 * the caller may free @ops (or unload) on return. Sockets that kTLS already
 * placed on a device are the driver's business (tlsdev_ops), not ktlsctl's.
 * @ops: the provider
 */
void ktlsctl_offload_unregister(struct ktlsctl_offload_ops *ops)
{
	mutex_lock(&ktlsctl_offload_mutex);
	list_del_rcu(&ops->list);
	mutex_unlock(&ktlsctl_offload_mutex);
	synchronize_rcu();
}
EXPORT_SYMBOL_GPL(ktlsctl_offload_unregister);

static bool ktlsctl_offload_dev_ok(struct net_device *dev,
				   const struct ktlsctl_keys *keys)
{
	struct ktlsctl_offload_ops *ops;

	list_for_each_entry_rcu(ops, &ktlsctl_offload_list, list) {
		if (ops->dev_ok(dev, keys, KTLSCTL_OFFLOAD_DIR_TX) &&
		    ops->dev_ok(dev, keys, KTLSCTL_OFFLOAD_DIR_RX))
			return true;
	}
	return false;
}

int ktlsctl_offload_check(struct sock *sk, const struct ktlsctl_keys *keys,
			  struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct dst_entry *dst;
	bool routed, ok = false;

	/* kTLS offloads TLS 1.2 only (tls_set_device_offload{,_rx}). */
	if (keys->version != KTLSCTL_TLS_VERSION_TLS12) {
		NL_SET_ERR_MSG_MOD(extack,
				   "offload required, but kTLS offloads TLS 1.2 only");
		return -EOPNOTSUPP;
	}

	rcu_read_lock();
	dst = __sk_dst_get(sk);
	routed = dst;
	dev = dst ? dst->dev : NULL;
	/* The device kTLS itself looks at (bonding picks a slave). */
	if (dev)
		dev = netdev_sk_get_lowest_dev(dev, sk);
	if (dev && (dev->features & NETIF_F_HW_TLS_TX) &&
	    (dev->features & NETIF_F_HW_TLS_RX))
		ok = ktlsctl_offload_dev_ok(dev, keys);
	rcu_read_unlock();

	if (!routed) {
		NL_SET_ERR_MSG_MOD(extack,
				   "offload required, but the socket has no route");
		return -EOPNOTSUPP;
	}
	if (!ok) {
		NL_SET_ERR_MSG_MOD(extack,
				   "offload required, but no offload provider accepts the route's device");
		return -EOPNOTSUPP;
	}
	return 0;
}
