// SPDX-License-Identifier: LGPL-2.1-or-later
/* status-get: module version, handlers, queue gauges and counters. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "ktlsctl-priv.h"

struct ktlsctl_status_ctx {
	struct ktlsctl_sock *sock;
	struct ktlsctl_status *st;
	bool seen;
};

static uint32_t ktlsctl_u32(const struct nlattr **tb, unsigned int type)
{
	return tb[type] ? mnl_attr_get_u32(tb[type]) : 0;
}

static int ktlsctl_status_stats(struct ktlsctl_status_ctx *ctx,
				const struct nlattr *nest)
{
	const struct nlattr *tb[KTLSCTL_A_STATS_MAX + 1];
	struct ktlsctl_status *st = ctx->st;
	unsigned int i;
	int err;

	err = ktlsctl_parse_nested(ctx->sock, nest, &ktlsctl_stats_set, tb);
	if (err)
		return err;
	for (i = 1; i <= KTLSCTL_A_STATS_MAX; i++) {
		if (!tb[i] ||
		    ktlsctl_stats_set.attrs[i].kind != KTLSCTL_KIND_U64)
			continue;
		st->stats[i] = mnl_attr_get_u64(tb[i]);
		st->stats_present[i] = true;
	}
	return 0;
}

int ktlsctl_status_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
			 struct ktlsctl_status *st)
{
	const struct nlattr *tb[KTLSCTL_A_STATUS_MAX + 1];
	struct ktlsctl_status_ctx ctx = { .sock = sock, .st = st };
	const struct nlattr *attr;
	int err;

	err = ktlsctl_parse(sock, nlh, &ktlsctl_status_set, tb);
	if (err)
		return err;
	if (!tb[KTLSCTL_A_STATUS_VERSION] ||
	    !tb[KTLSCTL_A_STATUS_FAMILY_VERSION]) {
		ktlsctl_set_error(sock,
				  "status reply without version attributes");
		return -EPROTO;
	}
	snprintf(st->version, sizeof(st->version), "%s",
		 mnl_attr_get_str(tb[KTLSCTL_A_STATUS_VERSION]));
	st->family_version = ktlsctl_u32(tb, KTLSCTL_A_STATUS_FAMILY_VERSION);
	st->handler_version = ktlsctl_u32(tb, KTLSCTL_A_STATUS_HANDLER_VERSION);
	st->queued = ktlsctl_u32(tb, KTLSCTL_A_STATUS_QUEUED);
	st->in_progress = ktlsctl_u32(tb, KTLSCTL_A_STATUS_IN_PROGRESS);
	st->queue_limit = ktlsctl_u32(tb, KTLSCTL_A_STATUS_QUEUE_LIMIT);

	/* Multi-attribute: every instance, already checked by the parse. */
	st->n_handlers = 0;
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != KTLSCTL_A_STATUS_HANDLER)
			continue;
		if (st->n_handlers ==
		    sizeof(st->handlers) / sizeof(st->handlers[0]))
			break;
		st->handlers[st->n_handlers++] = mnl_attr_get_u32(attr);
	}

	if (tb[KTLSCTL_A_STATUS_STATS])
		return ktlsctl_status_stats(&ctx, tb[KTLSCTL_A_STATUS_STATS]);
	return 0;
}

static int ktlsctl_status_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ktlsctl_status_ctx *ctx = data;
	int err;

	err = ktlsctl_status_parse(ctx->sock, nlh, ctx->st);
	if (err)
		return err;
	ctx->seen = true;
	return 0;
}

int ktlsctl_status_get(struct ktlsctl_sock *sock,
		       struct ktlsctl_status *status)
{
	struct ktlsctl_status_ctx ctx = { .sock = sock, .st = status };
	struct nlmsghdr *nlh;
	int err;

	memset(status, 0, sizeof(*status));
	nlh = ktlsctl_msg(sock, KTLSCTL_CMD_STATUS_GET, 0);
	err = ktlsctl_do(sock, nlh, ktlsctl_status_cb, &ctx);
	if (err)
		return err;
	if (!ctx.seen) {
		ktlsctl_set_error(sock, "no status reply");
		return -EPROTO;
	}
	status->family_id = sock->family_id;
	return 0;
}
