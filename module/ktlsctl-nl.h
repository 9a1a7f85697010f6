/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ktlsctl.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_KTLSCTL_GEN_H
#define _LINUX_KTLSCTL_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/ktlsctl.h>
#include <linux/err.h>

/* Common nested types */
extern const struct nla_policy ktlsctl_addr_nl_policy[KTLSCTL_A_ADDR_PORT + 1];
extern const struct nla_policy ktlsctl_crypto_nl_policy[KTLSCTL_A_CRYPTO_REC_SEQ + 1];

int ktlsctl_nl_done_doit(struct sk_buff *skb, struct genl_info *info);
int ktlsctl_nl_status_get_doit(struct sk_buff *skb, struct genl_info *info);
int ktlsctl_nl_accept_doit(struct sk_buff *skb, struct genl_info *info);
int ktlsctl_nl_request_get_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb);
int ktlsctl_nl_cred_add_doit(struct sk_buff *skb, struct genl_info *info);
int ktlsctl_nl_cred_del_doit(struct sk_buff *skb, struct genl_info *info);
int ktlsctl_nl_cred_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);
int ktlsctl_nl_policy_add_doit(struct sk_buff *skb, struct genl_info *info);
int ktlsctl_nl_policy_del_doit(struct sk_buff *skb, struct genl_info *info);
int ktlsctl_nl_policy_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb);
int ktlsctl_nl_policy_flush_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	KTLSCTL_NLGRP_HANDSHAKE,
	KTLSCTL_NLGRP_MONITOR,
};

extern struct genl_family ktlsctl_nl_family;

#endif /* _LINUX_KTLSCTL_GEN_H */
