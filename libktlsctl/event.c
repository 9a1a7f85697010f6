// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The "monitor" group: joining it, and decoding its events (request-ntf,
 * config-ntf) into plain structs for a callback.
 */
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "ktlsctl-priv.h"

static int ktlsctl_config_parse(struct ktlsctl_sock *sock,
				const struct nlmsghdr *nlh,
				struct ktlsctl_config_event *ev)
{
	const struct nlattr *tb[KTLSCTL_A_CONFIG_MAX + 1];
	const struct nlattr *name;
	size_t len;
	int err;

	memset(ev, 0, sizeof(*ev));
	err = ktlsctl_parse(sock, nlh, &ktlsctl_config_set, tb);
	if (err)
		return err;
	if (tb[KTLSCTL_A_CONFIG_OBJECT]) {
		ev->object = mnl_attr_get_u32(tb[KTLSCTL_A_CONFIG_OBJECT]);
		ev->has |= KTLSCTL_CONFIG_HAS_OBJECT;
	}
	if (tb[KTLSCTL_A_CONFIG_ACTION]) {
		ev->action = mnl_attr_get_u32(tb[KTLSCTL_A_CONFIG_ACTION]);
		ev->has |= KTLSCTL_CONFIG_HAS_ACTION;
	}
	if (tb[KTLSCTL_A_CONFIG_CRED_TYPE]) {
		ev->cred_type =
			mnl_attr_get_u32(tb[KTLSCTL_A_CONFIG_CRED_TYPE]);
		ev->has |= KTLSCTL_CONFIG_HAS_CRED_TYPE;
	}
	if (tb[KTLSCTL_A_CONFIG_POLICY_ID]) {
		ev->policy_id =
			mnl_attr_get_u32(tb[KTLSCTL_A_CONFIG_POLICY_ID]);
		ev->has |= KTLSCTL_CONFIG_HAS_POLICY_ID;
	}
	name = tb[KTLSCTL_A_CONFIG_NAME];
	if (name) {
		/* The spec sets no maximum here; the store's names have one. */
		len = strlen(mnl_attr_get_str(name));
		if (len >= sizeof(ev->name)) {
			ktlsctl_set_error(sock,
					  "invalid attribute %s.name: string length %zu, max %zu",
					  ktlsctl_config_set.name, len,
					  sizeof(ev->name) - 1);
			return -EINVAL;
		}
		memcpy(ev->name, mnl_attr_get_str(name), len + 1);
		ev->has |= KTLSCTL_CONFIG_HAS_NAME;
	}
	return 0;
}

int ktlsctl_ntf_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
		      struct ktlsctl_ntf *ntf)
{
	const struct genlmsghdr *genl;

	memset(ntf, 0, sizeof(*ntf));
	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN) {
		ktlsctl_set_error(sock, "event without a genetlink header");
		return -EINVAL;
	}
	genl = mnl_nlmsg_get_payload(nlh);
	ntf->cmd = genl->cmd;
	switch (genl->cmd) {
	case KTLSCTL_CMD_REQUEST_NTF:
		return ktlsctl_request_parse(sock, nlh, &ntf->request);
	case KTLSCTL_CMD_CONFIG_NTF:
		return ktlsctl_config_parse(sock, nlh, &ntf->config);
	default:
		ktlsctl_set_error(sock, "not a monitor event (command %u)",
				  genl->cmd);
		return -ENOMSG;
	}
}

int ktlsctl_monitor_join(struct ktlsctl_sock *sock)
{
	return ktlsctl_join(sock, KTLSCTL_MCGRP_MONITOR);
}

struct ktlsctl_monitor_ctx {
	struct ktlsctl_sock *sock;
	ktlsctl_ntf_cb cb;
	void *data;
};

static int ktlsctl_monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ktlsctl_monitor_ctx *ctx = data;
	struct ktlsctl_ntf ntf;
	int err;

	/* Other families' groups, and our other commands (READY). */
	if (nlh->nlmsg_type != ctx->sock->family_id)
		return 0;
	err = ktlsctl_ntf_parse(ctx->sock, nlh, &ntf);
	if (err == -ENOMSG)
		return 0;
	if (err)
		return err;
	return ctx->cb(&ntf, ctx->data);
}

int ktlsctl_monitor_recv(struct ktlsctl_sock *sock, ktlsctl_ntf_cb cb,
			 void *data)
{
	struct ktlsctl_monitor_ctx ctx = {
		.sock = sock, .cb = cb, .data = data,
	};

	return ktlsctl_recv_events(sock, ktlsctl_monitor_cb, &ctx);
}
