// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink handlers of the ktlsctl family. Policies, the op table and
 * the family itself are generated from genl-spec/ktlsctl.yaml into
 * ktlsctl-nl.{c,h}; this file holds the family's registration, the
 * permission and header checks, status-get and the config event; the
 * handshake commands are in handshake-nl.c, the store's in cred-nl.c and
 * policy-nl.c.
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
 * own namespace but never its parent's. Each generated op carries
 * GENL_UNS_ADMIN_PERM (scripts/genl-gen adds it): genetlink refuses an
 * unprivileged caller with -EPERM before it parses anything, whatever the
 * message holds. DONE and cred-add do the same check themselves, first, so
 * that the refused message is wiped too (ktlsctl_nl_raw_parse()).
 */
static int ktlsctl_nl_admin(struct sk_buff *skb, struct net *net,
			    struct netlink_ext_ack *extack)
{
	if (netlink_ns_capable(skb, net->user_ns, CAP_NET_ADMIN))
		return 0;
	NL_SET_ERR_MSG_MOD(extack,
			   "requires CAP_NET_ADMIN in the network namespace's user namespace");
	return -EPERM;
}

/**
 * ktlsctl_nl_hdr_check - genetlink's header rules, below resv_start_op
 * @nlh: the request
 * @extack: for the reason
 *
 * genetlink checks the reserved byte of the genetlink header and refuses
 * request flags it gives no meaning to, but only for commands from the
 * family's resv_start_op on (see ktlsctl_netlink_init()); the commands
 * below it check the same here.
 *
 * Return: 0, or -EINVAL with the reason.
 */
int ktlsctl_nl_hdr_check(const struct nlmsghdr *nlh,
			 struct netlink_ext_ack *extack)
{
	const struct genlmsghdr *hdr = nlmsg_data(nlh);
	u16 flags = nlh->nlmsg_flags;

	if (hdr->reserved) {
		NL_SET_ERR_MSG_MOD(extack, "genlmsghdr.reserved field is not 0");
		return -EINVAL;
	}
	if ((flags & NLM_F_DUMP) == NLM_F_DUMP)
		flags &= ~NLM_F_DUMP;
	if (flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "ambiguous or reserved bits set in nlmsg_flags");
		return -EINVAL;
	}
	return 0;
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

	err = ktlsctl_nl_hdr_check(info->nlhdr, info->extack);
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

static int ktlsctl_nl_fill_config(struct sk_buff *msg, u32 object,
				  u32 action, u32 cred_type,
				  const char *name, u32 policy_id)
{
	if (nla_put_u32(msg, KTLSCTL_A_CONFIG_OBJECT, object) ||
	    nla_put_u32(msg, KTLSCTL_A_CONFIG_ACTION, action) ||
	    (cred_type &&
	     nla_put_u32(msg, KTLSCTL_A_CONFIG_CRED_TYPE, cred_type)) ||
	    (name && nla_put_string(msg, KTLSCTL_A_CONFIG_NAME, name)) ||
	    (policy_id &&
	     nla_put_u32(msg, KTLSCTL_A_CONFIG_POLICY_ID, policy_id)))
		return -EMSGSIZE;
	return 0;
}

/**
 * ktlsctl_nl_config_ntf - tell "monitor" that the store changed
 * @net: the namespace whose store it is
 * @object: KTLSCTL_CONFIG_OBJECT_*
 * @action: KTLSCTL_CONFIG_ACTION_*
 * @cred_type: KTLSCTL_CRED_TYPE_* or 0
 * @name: the credential's name or NULL
 * @policy_id: the policy's id or 0
 *
 * Called from the store's command handlers, while the family is
 * registered. Best effort; never carries a secret.
 */
void ktlsctl_nl_config_ntf(struct net *net, u32 object, u32 action,
			   u32 cred_type, const char *name, u32 policy_id)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&ktlsctl_nl_family, net, KTLSCTL_NLGRP_MONITOR))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &ktlsctl_nl_family, 0,
			  KTLSCTL_CMD_CONFIG_NTF);
	if (!hdr || ktlsctl_nl_fill_config(msg, object, action, cred_type,
					   name, policy_id)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&ktlsctl_nl_family, net, msg, 0,
				KTLSCTL_NLGRP_MONITOR, GFP_KERNEL);
}

/*
 * DONE carries traffic keys and cred-add private keys and PSKs, and
 * genetlink frees a message that fails policy validation without zeroizing
 * it. So the family is registered with a copy of the generated op table in
 * which these two commands have no policy, and they are the only commands
 * below resv_start_op: genetlink then hands them over unparsed, and their
 * handlers parse them strictly with the generated policy
 * (ktlsctl_nl_raw_parse()) and wipe them on every path
 * (ktlsctl_nl_raw_wipe()). The commands between them keep their policies
 * and genetlink's strict validation. Every other command keeps genetlink's
 * full validation. genetlink checks the header (reserved byte, request
 * flags) only from resv_start_op on: the commands below it call
 * ktlsctl_nl_hdr_check() themselves.
 */
#define KTLSCTL_NL_RAW_LAST	KTLSCTL_CMD_CRED_ADD

/*
 * The commands that take no attribute (status-get and the request-get and
 * policy-get dumps) get this policy instead of none: without one,
 * genetlink would not look at their attributes at all below
 * resv_start_op, and above it one kernel (6.1, ops converted from
 * genl_ops) refuses them while another (split ops) ignores them. With it,
 * any attribute is refused alike everywhere.
 */
static const struct nla_policy ktlsctl_nl_no_attrs[] = {
	[0] = { .type = NLA_REJECT,
		.reject_message = "this command takes no attributes" },
	[1] = { .type = NLA_REJECT,
		.reject_message = "this command takes no attributes" },
};

struct ktlsctl_nl_raw_op {
	const struct nla_policy *policy;
	unsigned int maxattr;
};

static struct ktlsctl_nl_raw_op ktlsctl_nl_raw[KTLSCTL_NL_RAW_LAST + 1]
	__ro_after_init;
static struct genl_split_ops *ktlsctl_nl_ops_run;

static bool ktlsctl_nl_is_raw(u8 cmd)
{
	return cmd == KTLSCTL_CMD_DONE || cmd == KTLSCTL_CMD_CRED_ADD;
}

/**
 * ktlsctl_nl_raw_parse - check and parse a policy-less command strictly
 * @skb: the request's skb, for the sender's capabilities
 * @info: the command; its attribute set's table must have room for the
 *	command's generated maxattr + 1 entries
 * @tb: the table to fill
 *
 * The permission check first, then the header's, then nlmsg_parse() with
 * the command's generated policy.
 *
 * Return: 0, or the error with its extack message.
 */
int ktlsctl_nl_raw_parse(struct sk_buff *skb, struct genl_info *info,
			 struct nlattr **tb)
{
	const struct ktlsctl_nl_raw_op *op;
	u8 cmd = info->genlhdr->cmd;
	int err;

	if (WARN_ON_ONCE(!ktlsctl_nl_is_raw(cmd)))
		return -EINVAL;
	err = ktlsctl_nl_admin(skb, genl_info_net(info), info->extack) ?:
	      ktlsctl_nl_hdr_check(info->nlhdr, info->extack);
	if (err)
		return err;
	op = &ktlsctl_nl_raw[cmd];
	return nlmsg_parse(info->nlhdr, GENL_HDRLEN, tb, op->maxattr,
			   op->policy, info->extack);
}

/* The message is the handler's to scribble on: its skb is freed after. */
void ktlsctl_nl_raw_wipe(struct genl_info *info)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)info->nlhdr;

	memzero_explicit(nlmsg_attrdata(nlh, GENL_HDRLEN),
			 nlmsg_attrlen(nlh, GENL_HDRLEN));
}

int ktlsctl_netlink_init(void)
{
	unsigned int i, n = ktlsctl_nl_family.n_split_ops;
	struct genl_split_ops *ops;
	int err;

	BUILD_BUG_ON(KTLSCTL_CMD_DONE != 1 || KTLSCTL_CMD_CRED_ADD != 7);
	ops = kmemdup(ktlsctl_nl_family.split_ops, n * sizeof(*ops),
		      GFP_KERNEL);
	if (!ops)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (WARN_ON(!(ops[i].flags & GENL_UNS_ADMIN_PERM))) {
			err = -EINVAL;
			goto out_free;
		}
		if (!ops[i].policy && !ktlsctl_nl_is_raw(ops[i].cmd)) {
			ops[i].policy = ktlsctl_nl_no_attrs;
			ops[i].maxattr = ARRAY_SIZE(ktlsctl_nl_no_attrs) - 1;
		}
		if (!ktlsctl_nl_is_raw(ops[i].cmd) || !ops[i].doit)
			continue;
		ktlsctl_nl_raw[ops[i].cmd].policy = ops[i].policy;
		ktlsctl_nl_raw[ops[i].cmd].maxattr = ops[i].maxattr;
		ops[i].policy = NULL;
		ops[i].maxattr = 0;
		/* Refused, and wiped, by ktlsctl_nl_raw_parse(). */
		ops[i].flags &= ~GENL_UNS_ADMIN_PERM;
	}
	if (WARN_ON(!ktlsctl_nl_raw[KTLSCTL_CMD_DONE].policy ||
		    !ktlsctl_nl_raw[KTLSCTL_CMD_CRED_ADD].policy ||
		    ktlsctl_nl_raw[KTLSCTL_CMD_DONE].maxattr >
		    KTLSCTL_A_REQUEST_MAX ||
		    ktlsctl_nl_raw[KTLSCTL_CMD_CRED_ADD].maxattr >
		    KTLSCTL_A_CRED_MAX)) {
		err = -EINVAL;
		goto out_free;
	}
	ktlsctl_nl_family.split_ops = ops;
	ktlsctl_nl_family.resv_start_op = KTLSCTL_NL_RAW_LAST + 1;
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
