// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ktlsctl.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "ktlsctl-nl.h"

#include <uapi/linux/ktlsctl.h>
#include <linux/err.h>

/* Common nested types */
const struct nla_policy ktlsctl_addr_nl_policy[KTLSCTL_A_ADDR_PORT + 1] = {
	[KTLSCTL_A_ADDR_ADDR] = NLA_POLICY_MIN_LEN(4),
	[KTLSCTL_A_ADDR_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[KTLSCTL_A_ADDR_PORT] = { .type = NLA_U16, },
};

const struct nla_policy ktlsctl_crypto_nl_policy[KTLSCTL_A_CRYPTO_REC_SEQ + 1] = {
	[KTLSCTL_A_CRYPTO_KEY] = NLA_POLICY_MIN_LEN(16),
	[KTLSCTL_A_CRYPTO_IV] = NLA_POLICY_MIN_LEN(4),
	[KTLSCTL_A_CRYPTO_REC_SEQ] = { .type = NLA_U64, },
};

/* KTLSCTL_CMD_DONE - do */
static const struct nla_policy ktlsctl_done_nl_policy[KTLSCTL_A_REQUEST_PEER_IDENTITY + 1] = {
	[KTLSCTL_A_REQUEST_ID] = { .type = NLA_U32, },
	[KTLSCTL_A_REQUEST_SOCKFD] = { .type = NLA_S32, },
	[KTLSCTL_A_REQUEST_STATUS] = NLA_POLICY_MAX(NLA_U32, MAX_ERRNO),
	[KTLSCTL_A_REQUEST_VERSION] = NLA_POLICY_RANGE(NLA_U32, 771, 772),
	[KTLSCTL_A_REQUEST_CIPHER] = NLA_POLICY_RANGE(NLA_U32, 1, 4),
	[KTLSCTL_A_REQUEST_TX] = NLA_POLICY_NESTED(ktlsctl_crypto_nl_policy),
	[KTLSCTL_A_REQUEST_RX] = NLA_POLICY_NESTED(ktlsctl_crypto_nl_policy),
	[KTLSCTL_A_REQUEST_PEER_IDENTITY] = { .type = NLA_NUL_STRING, .len = KTLSCTL_PEER_NAME_MAX_LEN, },
	[KTLSCTL_A_REQUEST_ALPN] = NLA_POLICY_MIN_LEN(1),
};

/* KTLSCTL_CMD_ACCEPT - do */
static const struct nla_policy ktlsctl_accept_nl_policy[KTLSCTL_A_REQUEST_HANDLER_VERSION + 1] = {
	[KTLSCTL_A_REQUEST_HANDLER] = NLA_POLICY_RANGE(NLA_U32, 1, 3),
	[KTLSCTL_A_REQUEST_HANDLER_VERSION] = { .type = NLA_U32, },
};

/* KTLSCTL_CMD_CRED_ADD - do */
static const struct nla_policy ktlsctl_cred_add_nl_policy[KTLSCTL_A_CRED_PSK_SECRET_PATH + 1] = {
	[KTLSCTL_A_CRED_NAME] = { .type = NLA_NUL_STRING, .len = KTLSCTL_NAME_MAX_LEN, },
	[KTLSCTL_A_CRED_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, 3),
	[KTLSCTL_A_CRED_CERT] = { .type = NLA_BINARY, },
	[KTLSCTL_A_CRED_KEY] = { .type = NLA_BINARY, },
	[KTLSCTL_A_CRED_PSK_IDENTITY] = NLA_POLICY_MIN_LEN(1),
	[KTLSCTL_A_CRED_PSK_SECRET] = NLA_POLICY_MIN_LEN(16),
	[KTLSCTL_A_CRED_PSK_HASH] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
	[KTLSCTL_A_CRED_CA] = { .type = NLA_BINARY, },
	[KTLSCTL_A_CRED_CRL] = { .type = NLA_BINARY, },
	[KTLSCTL_A_CRED_CERT_PATH] = { .type = NLA_NUL_STRING, .len = KTLSCTL_PATH_MAX_LEN, },
	[KTLSCTL_A_CRED_KEY_PATH] = { .type = NLA_NUL_STRING, .len = KTLSCTL_PATH_MAX_LEN, },
	[KTLSCTL_A_CRED_CA_PATH] = { .type = NLA_NUL_STRING, .len = KTLSCTL_PATH_MAX_LEN, },
	[KTLSCTL_A_CRED_CRL_PATH] = { .type = NLA_NUL_STRING, .len = KTLSCTL_PATH_MAX_LEN, },
	[KTLSCTL_A_CRED_PSK_SECRET_PATH] = { .type = NLA_NUL_STRING, .len = KTLSCTL_PATH_MAX_LEN, },
};

/* KTLSCTL_CMD_CRED_DEL - do */
static const struct nla_policy ktlsctl_cred_del_nl_policy[KTLSCTL_A_CRED_TYPE + 1] = {
	[KTLSCTL_A_CRED_NAME] = { .type = NLA_NUL_STRING, .len = KTLSCTL_NAME_MAX_LEN, },
	[KTLSCTL_A_CRED_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, 3),
};

/* KTLSCTL_CMD_CRED_GET - dump */
static const struct nla_policy ktlsctl_cred_get_nl_policy[KTLSCTL_A_CRED_TYPE + 1] = {
	[KTLSCTL_A_CRED_NAME] = { .type = NLA_NUL_STRING, .len = KTLSCTL_NAME_MAX_LEN, },
	[KTLSCTL_A_CRED_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, 3),
};

/* KTLSCTL_CMD_POLICY_ADD - do */
static const struct nla_policy ktlsctl_policy_add_nl_policy[KTLSCTL_A_POLICY_OFFLOAD + 1] = {
	[KTLSCTL_A_POLICY_PRIORITY] = { .type = NLA_U32, },
	[KTLSCTL_A_POLICY_ROLE] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
	[KTLSCTL_A_POLICY_HANDLER] = NLA_POLICY_RANGE(NLA_U32, 1, 3),
	[KTLSCTL_A_POLICY_SRC] = NLA_POLICY_NESTED(ktlsctl_addr_nl_policy),
	[KTLSCTL_A_POLICY_DST] = NLA_POLICY_NESTED(ktlsctl_addr_nl_policy),
	[KTLSCTL_A_POLICY_PEER_NAME] = { .type = NLA_NUL_STRING, .len = KTLSCTL_PEER_NAME_MAX_LEN, },
	[KTLSCTL_A_POLICY_TAG] = { .type = NLA_NUL_STRING, .len = KTLSCTL_NAME_MAX_LEN, },
	[KTLSCTL_A_POLICY_CRED] = { .type = NLA_NUL_STRING, .len = KTLSCTL_NAME_MAX_LEN, },
	[KTLSCTL_A_POLICY_TRUST] = { .type = NLA_NUL_STRING, .len = KTLSCTL_NAME_MAX_LEN, },
	[KTLSCTL_A_POLICY_PSK] = { .type = NLA_NUL_STRING, .len = KTLSCTL_NAME_MAX_LEN, },
	[KTLSCTL_A_POLICY_AUTH] = NLA_POLICY_RANGE(NLA_U32, 1, 3),
	[KTLSCTL_A_POLICY_TLS_MIN] = NLA_POLICY_RANGE(NLA_U32, 771, 772),
	[KTLSCTL_A_POLICY_TLS_MAX] = NLA_POLICY_RANGE(NLA_U32, 771, 772),
	[KTLSCTL_A_POLICY_CIPHER] = NLA_POLICY_RANGE(NLA_U32, 1, 4),
	[KTLSCTL_A_POLICY_ALPN] = NLA_POLICY_MIN_LEN(1),
	[KTLSCTL_A_POLICY_TIMEOUT_MS] = { .type = NLA_U32, },
	[KTLSCTL_A_POLICY_OFFLOAD] = NLA_POLICY_RANGE(NLA_U32, 1, 3),
};

/* KTLSCTL_CMD_POLICY_DEL - do */
static const struct nla_policy ktlsctl_policy_del_nl_policy[KTLSCTL_A_POLICY_ID + 1] = {
	[KTLSCTL_A_POLICY_ID] = { .type = NLA_U32, },
};

/* KTLSCTL_CMD_POLICY_FLUSH - do */
static const struct nla_policy ktlsctl_policy_flush_nl_policy[KTLSCTL_A_POLICY_ROLE + 1] = {
	[KTLSCTL_A_POLICY_ROLE] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
};

/* Ops table for ktlsctl */
static const struct genl_split_ops ktlsctl_nl_ops[] = {
	{
		.cmd		= KTLSCTL_CMD_DONE,
		.doit		= ktlsctl_nl_done_doit,
		.policy		= ktlsctl_done_nl_policy,
		.maxattr	= KTLSCTL_A_REQUEST_PEER_IDENTITY,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd	= KTLSCTL_CMD_STATUS_GET,
		.doit	= ktlsctl_nl_status_get_doit,
		.flags	= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= KTLSCTL_CMD_ACCEPT,
		.doit		= ktlsctl_nl_accept_doit,
		.policy		= ktlsctl_accept_nl_policy,
		.maxattr	= KTLSCTL_A_REQUEST_HANDLER_VERSION,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd	= KTLSCTL_CMD_REQUEST_GET,
		.dumpit	= ktlsctl_nl_request_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= KTLSCTL_CMD_CRED_ADD,
		.doit		= ktlsctl_nl_cred_add_doit,
		.policy		= ktlsctl_cred_add_nl_policy,
		.maxattr	= KTLSCTL_A_CRED_PSK_SECRET_PATH,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= KTLSCTL_CMD_CRED_DEL,
		.doit		= ktlsctl_nl_cred_del_doit,
		.policy		= ktlsctl_cred_del_nl_policy,
		.maxattr	= KTLSCTL_A_CRED_TYPE,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= KTLSCTL_CMD_CRED_GET,
		.dumpit		= ktlsctl_nl_cred_get_dumpit,
		.policy		= ktlsctl_cred_get_nl_policy,
		.maxattr	= KTLSCTL_A_CRED_TYPE,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= KTLSCTL_CMD_POLICY_ADD,
		.doit		= ktlsctl_nl_policy_add_doit,
		.policy		= ktlsctl_policy_add_nl_policy,
		.maxattr	= KTLSCTL_A_POLICY_OFFLOAD,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= KTLSCTL_CMD_POLICY_DEL,
		.doit		= ktlsctl_nl_policy_del_doit,
		.policy		= ktlsctl_policy_del_nl_policy,
		.maxattr	= KTLSCTL_A_POLICY_ID,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd	= KTLSCTL_CMD_POLICY_GET,
		.dumpit	= ktlsctl_nl_policy_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= KTLSCTL_CMD_POLICY_FLUSH,
		.doit		= ktlsctl_nl_policy_flush_doit,
		.policy		= ktlsctl_policy_flush_nl_policy,
		.maxattr	= KTLSCTL_A_POLICY_ROLE,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
};

static const struct genl_multicast_group ktlsctl_nl_mcgrps[] = {
	[KTLSCTL_NLGRP_HANDSHAKE] = { "handshake", .flags = GENL_MCAST_CAP_NET_ADMIN, },
	[KTLSCTL_NLGRP_MONITOR] = { "monitor", .flags = GENL_MCAST_CAP_NET_ADMIN, },
};

struct genl_family ktlsctl_nl_family __ro_after_init = {
	.name		= KTLSCTL_FAMILY_NAME,
	.version	= KTLSCTL_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.split_ops	= ktlsctl_nl_ops,
	.n_split_ops	= ARRAY_SIZE(ktlsctl_nl_ops),
	.mcgrps		= ktlsctl_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(ktlsctl_nl_mcgrps),
};
