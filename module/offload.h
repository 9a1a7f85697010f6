/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Explicit TLS hardware-offload hook, in the spirit of XFRM's xfrmdev_ops.
 *
 * kTLS chooses device offload on its own: TLS_TX (and TLS_RX) try the device
 * of the socket's route first and fall back to software, whenever that device
 * advertises NETIF_F_HW_TLS_TX (_RX) and implements tlsdev_ops. Nothing asks
 * the caller. ktlsctl makes the choice visible and, for policies that
 * REQUIRE offload, checkable before the socket is touched: a driver (or an
 * emulation of one) registers a struct ktlsctl_offload_ops saying which
 * devices and which keys it offloads, and ktlsctl_keys_install() consults the
 * registered ops for the route's device.
 *
 * What each KTLSCTL_OFFLOAD_* policy means (see install.c):
 *  - NONE (or 0): ktlsctl does not ask for offload. kTLS may still pick the
 *    device on its own when the route's device advertises TLS offload; the
 *    mode reported is the one kTLS chose.
 *  - PREFER: install; whatever kTLS chooses is accepted and reported.
 *  - REQUIRE: before anything is installed, a registered ops must accept the
 *    route's device for both directions, else -EOPNOTSUPP and the socket is
 *    untouched; after installation, both directions must have ended in
 *    hardware (kTLS's own choice), else -EOPNOTSUPP with the keys already
 *    installed (the consumer closes the socket).
 */
#ifndef _KTLSCTL_OFFLOAD_H
#define _KTLSCTL_OFFLOAD_H

#include <linux/list.h>
#include <linux/types.h>

struct module;
struct net_device;
struct netlink_ext_ack;
struct sock;
struct ktlsctl_keys;

/* Direction argument of ktlsctl_offload_ops.dev_ok(). */
enum ktlsctl_offload_dir {
	KTLSCTL_OFFLOAD_DIR_TX,
	KTLSCTL_OFFLOAD_DIR_RX,
};

/**
 * struct ktlsctl_offload_ops - a TLS offload provider
 * @name: short name, unique among registered providers
 * @owner: module that implements the callbacks (THIS_MODULE)
 * @dev_ok: may @dev offload direction @dir (enum ktlsctl_offload_dir) of a
 *	socket with @keys (version, cipher, key and IV lengths)? Called under
 *	rcu_read_lock(): must not sleep. Returning true is a promise that kTLS
 *	will take the device path for that direction (the device advertises
 *	NETIF_F_HW_TLS_TX/_RX and implements tlsdev_ops for these keys).
 * @list: registry linkage, private to ktlsctl
 */
struct ktlsctl_offload_ops {
	const char *name;
	struct module *owner;
	bool (*dev_ok)(struct net_device *dev, const struct ktlsctl_keys *keys,
		       int dir);
	struct list_head list;
};

int ktlsctl_offload_register(struct ktlsctl_offload_ops *ops);
void ktlsctl_offload_unregister(struct ktlsctl_offload_ops *ops);

/*
 * ktlsctl_offload_check - the early REQUIRE check: does a registered
 * provider accept the device of @sk's current route for both directions of
 * @keys? Returns 0 or -EOPNOTSUPP with an extack message. Does not touch
 * @sk beyond reading its cached route.
 */
int ktlsctl_offload_check(struct sock *sk, const struct ktlsctl_keys *keys,
			  struct netlink_ext_ack *extack);

#endif /* _KTLSCTL_OFFLOAD_H */
