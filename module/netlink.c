// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink handlers of the ktlsctl family. Policies, the op table and
 * the family itself are generated from genl-spec/ktlsctl.yaml into
 * ktlsctl-nl.{c,h}; this file holds status-get and the store commands'
 * handlers; the handshake commands are in handshake-nl.c.
 */
#include <linux/capability.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "ktlsctl-priv.h"
#include "ktlsctl-nl.h"

/*
 * Every command needs CAP_NET_ADMIN over the user namespace that owns the
 * network namespace, so that a daemon in a rootless container can serve its
 * own namespace but never its parent's.
 */
int ktlsctl_nl_admin(struct sk_buff *skb, struct net *net,
		     struct netlink_ext_ack *extack)
{
	if (netlink_ns_capable(skb, net->user_ns, CAP_NET_ADMIN))
		return 0;
	NL_SET_ERR_MSG_MOD(extack,
			   "requires CAP_NET_ADMIN in the network namespace's user namespace");
	return -EPERM;
}

static int ktlsctl_nl_admin_do(struct sk_buff *skb, struct genl_info *info)
{
	return ktlsctl_nl_admin(skb, genl_info_net(info), info->extack);
}

static int ktlsctl_nl_admin_dump(struct netlink_callback *cb)
{
	return ktlsctl_nl_admin(cb->skb, sock_net(cb->skb->sk), cb->extack);
}

static int ktlsctl_nl_put_stats(struct sk_buff *msg, struct ktlsctl_net *kn)
{
	struct nlattr *nest;
	unsigned int i;

	nest = nla_nest_start(msg, KTLSCTL_A_STATUS_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = KTLSCTL_A_STATS_PAD + 1; i <= KTLSCTL_A_STATS_MAX; i++) {
		if (nla_put_u64_64bit(msg, i, atomic64_read(&kn->stats[i]),
				      KTLSCTL_A_STATS_PAD)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int ktlsctl_nl_fill_status(struct sk_buff *msg, struct ktlsctl_net *kn)
{
	if (nla_put_string(msg, KTLSCTL_A_STATUS_VERSION, KTLSCTL_VERSION) ||
	    nla_put_u32(msg, KTLSCTL_A_STATUS_FAMILY_VERSION,
			KTLSCTL_FAMILY_VERSION) ||
	    nla_put_u32(msg, KTLSCTL_A_STATUS_HANDLER_VERSION,
			KTLSCTL_HANDLER_VERSION) ||
	    nla_put_u32(msg, KTLSCTL_A_STATUS_HANDLER, KTLSCTL_HANDLER_TLS) ||
	    nla_put_u32(msg, KTLSCTL_A_STATUS_QUEUED,
			atomic_read(&kn->queued)) ||
	    nla_put_u32(msg, KTLSCTL_A_STATUS_IN_PROGRESS,
			atomic_read(&kn->in_progress)) ||
	    nla_put_u32(msg, KTLSCTL_A_STATUS_QUEUE_LIMIT,
			ktlsctl_queue_limit()))
		return -EMSGSIZE;
	return ktlsctl_nl_put_stats(msg, kn);
}

int ktlsctl_nl_status_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ktlsctl_net *kn = ktlsctl_pernet(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = ktlsctl_nl_admin_do(skb, info);
	if (err)
		return err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &ktlsctl_nl_family, 0,
				KTLSCTL_CMD_STATUS_GET);
	if (!hdr) {
		err = -EMSGSIZE;
		goto out_free;
	}

	err = ktlsctl_nl_fill_status(msg, kn);
	if (err)
		goto out_free;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

out_free:
	nlmsg_free(msg);
	return err;
}

/*
 * Commands of the protocol whose implementation has not landed yet. They
 * are part of the spec so the wire format is fixed from the start; until
 * then each refuses with a message that says so.
 */
static int ktlsctl_nl_todo_do(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	err = ktlsctl_nl_admin_do(skb, info);
	if (err)
		return err;
	NL_SET_ERR_MSG_MOD(info->extack, "command not implemented yet");
	return -EOPNOTSUPP;
}

static int ktlsctl_nl_todo_dump(struct netlink_callback *cb)
{
	int err;

	err = ktlsctl_nl_admin_dump(cb);
	if (err)
		return err;
	NL_SET_ERR_MSG_MOD(cb->extack, "command not implemented yet");
	return -EOPNOTSUPP;
}

int ktlsctl_nl_cred_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	return ktlsctl_nl_todo_do(skb, info);
}

int ktlsctl_nl_cred_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return ktlsctl_nl_todo_do(skb, info);
}

int ktlsctl_nl_cred_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	return ktlsctl_nl_todo_dump(cb);
}

int ktlsctl_nl_policy_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	return ktlsctl_nl_todo_do(skb, info);
}

int ktlsctl_nl_policy_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return ktlsctl_nl_todo_do(skb, info);
}

int ktlsctl_nl_policy_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	return ktlsctl_nl_todo_dump(cb);
}

int ktlsctl_nl_policy_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	return ktlsctl_nl_todo_do(skb, info);
}

/*
 * DONE carries traffic keys, and genetlink frees a message that fails
 * policy validation without zeroizing it. So the family is registered with
 * a copy of the generated op table in which DONE has no policy, and DONE
 * (command 1) is the only command below resv_start_op: genetlink then hands
 * it over unparsed, and its handler parses it strictly with the generated
 * policy and wipes it on every path (ktlsctl_nl_done_doit()). Every other
 * command keeps genetlink's full validation.
 */
static struct genl_split_ops *ktlsctl_nl_ops_run;
const struct nla_policy *ktlsctl_nl_done_policy __ro_after_init;
unsigned int ktlsctl_nl_done_maxattr __ro_after_init;

int ktlsctl_netlink_init(void)
{
	unsigned int i, n = ktlsctl_nl_family.n_split_ops;
	struct genl_split_ops *ops;
	int err;

	BUILD_BUG_ON(KTLSCTL_CMD_DONE != 1);
	ops = kmemdup(ktlsctl_nl_family.split_ops, n * sizeof(*ops),
		      GFP_KERNEL);
	if (!ops)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (ops[i].cmd != KTLSCTL_CMD_DONE || !ops[i].doit)
			continue;
		ktlsctl_nl_done_policy = ops[i].policy;
		ktlsctl_nl_done_maxattr = ops[i].maxattr;
		ops[i].policy = NULL;
		ops[i].maxattr = 0;
	}
	if (WARN_ON(!ktlsctl_nl_done_policy ||
		    ktlsctl_nl_done_maxattr > KTLSCTL_A_REQUEST_MAX)) {
		err = -EINVAL;
		goto out_free;
	}
	ktlsctl_nl_family.split_ops = ops;
	ktlsctl_nl_family.resv_start_op = KTLSCTL_CMD_DONE + 1;
	err = genl_register_family(&ktlsctl_nl_family);
	if (err)
		goto out_free;
	ktlsctl_nl_ops_run = ops;
	return 0;

out_free:
	kfree(ops);
	return err;
}

void ktlsctl_netlink_exit(void)
{
	ktlsctl_nl_events_stop();
	genl_unregister_family(&ktlsctl_nl_family);
	kfree(ktlsctl_nl_ops_run);
}
