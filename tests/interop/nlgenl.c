// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-nlgenl-test: a second, independent reading of the wire format.
 * Uses libnl-genl-3 only (not libktlsctl, not libmnl): resolves the family
 * and its groups, sends status-get, and parses the reply with nla_policy
 * arrays built at run time from the generated attribute tables. Prints one
 * JSON line of what it decoded and exits 0, or a message and exits 1.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include <linux/ktlsctl.h>

#include "ktlsctl-attrs.h"

#define PROG "ktlsctl-nlgenl-test"

struct status {
	bool done;		/* ack or error seen */
	bool got;		/* a reply was decoded */
	int error;		/* kernel errno (negative) */
	char extack[256];
	char fail[256];		/* our own reason to fail */
	const char *version;
	char version_buf[64];
	bool has_fv, has_hv, has_queued, has_in_progress, has_limit;
	uint32_t family_version, handler_version;
	uint32_t queued, in_progress, queue_limit;
	uint32_t handlers[16];
	unsigned int n_handlers;
	bool has_stats;
	uint64_t stats[KTLSCTL_A_STATS_MAX + 1];
	bool stats_present[KTLSCTL_A_STATS_MAX + 1];
};

static struct nla_policy status_pol[KTLSCTL_A_STATUS_MAX + 1];
static struct nla_policy stats_pol[KTLSCTL_A_STATS_MAX + 1];

__attribute__((noreturn, format(printf, 1, 2)))
static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

__attribute__((format(printf, 2, 3)))
static void set_fail(struct status *st, const char *fmt, ...)
{
	va_list ap;

	if (st->fail[0])
		return;
	va_start(ap, fmt);
	vsnprintf(st->fail, sizeof(st->fail), fmt, ap);
	va_end(ap);
}

/* The libnl policy of a generated attribute set. */
static void build_policy(const struct ktlsctl_attr_set *set,
			 struct nla_policy *pol, unsigned int max)
{
	const struct ktlsctl_attr_desc *d;
	unsigned int t;
	uint16_t size;

	if (set->max != max)
		die("generated set %s has max %u, header says %u",
		    set->name, set->max, max);
	memset(pol, 0, sizeof(*pol) * (max + 1));
	for (t = 1; t <= max; t++) {
		d = &set->attrs[t];
		size = 0;
		switch (d->kind) {
		case KTLSCTL_KIND_U8:
			pol[t].type = NLA_U8;
			size = 1;
			break;
		case KTLSCTL_KIND_U16:
			pol[t].type = NLA_U16;
			size = 2;
			break;
		case KTLSCTL_KIND_U32:
			pol[t].type = NLA_U32;
			size = 4;
			break;
		case KTLSCTL_KIND_S32:
			pol[t].type = NLA_S32;
			size = 4;
			break;
		case KTLSCTL_KIND_U64:
			pol[t].type = NLA_U64;
			size = 8;
			break;
		case KTLSCTL_KIND_STRING:
			/* libnl's maxlen counts the NUL. */
			pol[t].type = NLA_STRING;
			pol[t].maxlen = d->max_len ? d->max_len + 1 : 0;
			break;
		case KTLSCTL_KIND_BINARY:
			pol[t].type = NLA_BINARY;
			pol[t].minlen = d->exact_len ? d->exact_len : d->min_len;
			pol[t].maxlen = d->exact_len ? d->exact_len : d->max_len;
			break;
		case KTLSCTL_KIND_NEST:
			pol[t].type = NLA_NESTED;
			break;
		case KTLSCTL_KIND_FLAG:
			pol[t].type = NLA_FLAG;
			break;
		default:	/* pad, unused */
			pol[t].type = NLA_UNSPEC;
		}
		/* Integers: exactly their size. */
		if (size) {
			pol[t].minlen = size;
			pol[t].maxlen = size;
		}
	}
}

static void get_stats(struct status *st, struct nlattr *nest)
{
	struct nlattr *tb[KTLSCTL_A_STATS_MAX + 1];
	unsigned int t;
	int err;

	err = nla_parse_nested(tb, KTLSCTL_A_STATS_MAX, nest, stats_pol);
	if (err < 0) {
		set_fail(st, "libnl refused the stats nest: %s",
			 nl_geterror(err));
		return;
	}
	st->has_stats = true;
	for (t = 1; t <= KTLSCTL_A_STATS_MAX; t++) {
		if (!tb[t] || ktlsctl_stats_set.attrs[t].kind != KTLSCTL_KIND_U64)
			continue;
		st->stats[t] = nla_get_u64(tb[t]);
		st->stats_present[t] = true;
	}
}

static int on_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[KTLSCTL_A_STATUS_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *genl = nlmsg_data(nlh);
	struct status *st = arg;
	struct nlattr *a;
	int err, rem;

	err = genlmsg_parse(nlh, 0, tb, KTLSCTL_A_STATUS_MAX, status_pol);
	if (err < 0) {
		set_fail(st, "libnl refused the status reply: %s",
			 nl_geterror(err));
		return NL_SKIP;
	}
	if (genl->cmd != KTLSCTL_CMD_STATUS_GET)
		set_fail(st, "reply has command %u, want %u", genl->cmd,
			 KTLSCTL_CMD_STATUS_GET);
	st->got = true;
	if (tb[KTLSCTL_A_STATUS_VERSION]) {
		nla_strlcpy(st->version_buf, tb[KTLSCTL_A_STATUS_VERSION],
			    sizeof(st->version_buf));
		st->version = st->version_buf;
	}
#define GET_U32(attr, field, flag) do {					\
	if (tb[attr]) {							\
		st->field = nla_get_u32(tb[attr]);			\
		st->flag = true;					\
	}								\
} while (0)
	GET_U32(KTLSCTL_A_STATUS_FAMILY_VERSION, family_version, has_fv);
	GET_U32(KTLSCTL_A_STATUS_HANDLER_VERSION, handler_version, has_hv);
	GET_U32(KTLSCTL_A_STATUS_QUEUED, queued, has_queued);
	GET_U32(KTLSCTL_A_STATUS_IN_PROGRESS, in_progress, has_in_progress);
	GET_U32(KTLSCTL_A_STATUS_QUEUE_LIMIT, queue_limit, has_limit);
#undef GET_U32
	/* handler is a multi-attribute: every instance counts. */
	nla_for_each_attr(a, genlmsg_attrdata(genl, 0),
			  genlmsg_attrlen(genl, 0), rem) {
		if (nla_type(a) != KTLSCTL_A_STATUS_HANDLER)
			continue;
		if (st->n_handlers < sizeof(st->handlers) / sizeof(st->handlers[0]))
			st->handlers[st->n_handlers++] = nla_get_u32(a);
	}
	if (tb[KTLSCTL_A_STATUS_STATS])
		get_stats(st, tb[KTLSCTL_A_STATUS_STATS]);
	return NL_OK;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct status *st = arg;

	(void)msg;
	st->done = true;
	return NL_STOP;
}

/* The kernel's message from an error's extended ack, if any. */
static void get_extack(struct status *st, struct nlmsgerr *e)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	int len = nlmsg_datalen(nlh);
	int off = sizeof(*e);

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off = sizeof(int) + NLMSG_ALIGN(e->msg.nlmsg_len);
	if (off >= len)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)e + off),
		      len - off, NULL) < 0 || !tb[NLMSGERR_ATTR_MSG])
		return;
	nla_strlcpy(st->extack, tb[NLMSGERR_ATTR_MSG], sizeof(st->extack));
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct status *st = arg;

	(void)nla;
	st->error = e->error;
	get_extack(st, e);
	st->done = true;
	return NL_STOP;
}

static const char *handler_name(uint32_t value)
{
	unsigned int i;

	for (i = 0; i < ktlsctl_handler_enum.n; i++)
		if (ktlsctl_handler_enum.entries[i].value == value)
			return ktlsctl_handler_enum.entries[i].name;
	return NULL;
}

static void json_quote(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* A spec name as a JSON key: dashes become underscores. */
static void json_key(const char *name)
{
	putchar('"');
	for (; *name; name++)
		putchar(*name == '-' ? '_' : *name);
	fputs("\":", stdout);
}

static void check(const struct status *st)
{
	unsigned int i, t;
	bool tls = false;

	if (st->fail[0])
		die("%s", st->fail);
	if (!st->got)
		die("no status reply");
	if (!st->version || !st->version[0])
		die("status: no module version");
	if (!st->has_fv || st->family_version != KTLSCTL_FAMILY_VERSION)
		die("status: family-version %u, want %u", st->family_version,
		    KTLSCTL_FAMILY_VERSION);
	if (!st->has_hv || st->handler_version != KTLSCTL_HANDLER_VERSION)
		die("status: handler-version %u, want %u", st->handler_version,
		    KTLSCTL_HANDLER_VERSION);
	if (!st->has_queued || !st->has_in_progress || !st->has_limit)
		die("status: queue gauges missing");
	if (!st->queue_limit)
		die("status: queue-limit is 0");
	for (i = 0; i < st->n_handlers; i++) {
		if (!handler_name(st->handlers[i]))
			die("status: unknown handler %u", st->handlers[i]);
		tls |= st->handlers[i] == KTLSCTL_HANDLER_TLS;
	}
	if (!tls)
		die("status: the tls handler is not served");
	if (!st->has_stats)
		die("status: no stats");
	for (t = 1; t <= KTLSCTL_A_STATS_MAX; t++) {
		if (ktlsctl_stats_set.attrs[t].kind == KTLSCTL_KIND_U64 &&
		    !st->stats_present[t])
			die("status: counter stats.%s missing",
			    ktlsctl_stats_set.attrs[t].name);
	}
}

static void print(const struct status *st, int family, uint8_t ctrl_version,
		  int grp_handshake, int grp_monitor)
{
	const char *name;
	unsigned int i, t;

	printf("{\"family_id\":%d,\"family_version\":%u,", family,
	       ctrl_version);
	printf("\"groups\":{\"%s\":%d,\"%s\":%d},", KTLSCTL_MCGRP_HANDSHAKE,
	       grp_handshake, KTLSCTL_MCGRP_MONITOR, grp_monitor);
	fputs("\"version\":", stdout);
	json_quote(st->version);
	printf(",\"status_family_version\":%u,\"handler_version\":%u,",
	       st->family_version, st->handler_version);
	fputs("\"handlers\":[", stdout);
	for (i = 0; i < st->n_handlers; i++) {
		name = handler_name(st->handlers[i]);
		if (i)
			putchar(',');
		if (name)
			json_quote(name);
		else
			printf("%u", st->handlers[i]);
	}
	printf("],\"queued\":%u,\"in_progress\":%u,\"queue_limit\":%u,",
	       st->queued, st->in_progress, st->queue_limit);
	fputs("\"stats\":{", stdout);
	for (i = 0, t = 1; t <= KTLSCTL_A_STATS_MAX; t++) {
		if (!st->stats_present[t])
			continue;
		if (i++)
			putchar(',');
		json_key(ktlsctl_stats_set.attrs[t].name);
		printf("%llu", (unsigned long long)st->stats[t]);
	}
	fputs("}}\n", stdout);
}

int main(void)
{
	int family, grp_hs, grp_mon, err, one = 1;
	struct genl_family *fam;
	struct status st = {};
	struct nl_cache *cache;
	uint8_t ctrl_version;
	struct nl_sock *sk;
	struct nl_msg *msg;

	build_policy(&ktlsctl_status_set, status_pol, KTLSCTL_A_STATUS_MAX);
	build_policy(&ktlsctl_stats_set, stats_pol, KTLSCTL_A_STATS_MAX);

	sk = nl_socket_alloc();
	if (!sk)
		die("out of memory");
	err = genl_connect(sk);
	if (err < 0)
		die("genl_connect: %s", nl_geterror(err));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one,
		   sizeof(one));

	family = genl_ctrl_resolve(sk, KTLSCTL_FAMILY_NAME);
	if (family < 0)
		die("resolve family %s: %s", KTLSCTL_FAMILY_NAME,
		    nl_geterror(family));
	grp_hs = genl_ctrl_resolve_grp(sk, KTLSCTL_FAMILY_NAME,
				       KTLSCTL_MCGRP_HANDSHAKE);
	grp_mon = genl_ctrl_resolve_grp(sk, KTLSCTL_FAMILY_NAME,
					KTLSCTL_MCGRP_MONITOR);
	if (grp_hs < 0 || grp_mon < 0)
		die("resolve groups: %s", nl_geterror(grp_hs < 0 ? grp_hs : grp_mon));
	if (!grp_hs || grp_hs == grp_mon)
		die("group ids %d and %d", grp_hs, grp_mon);

	err = genl_ctrl_alloc_cache(sk, &cache);
	if (err < 0)
		die("nlctrl cache: %s", nl_geterror(err));
	fam = genl_ctrl_search_by_name(cache, KTLSCTL_FAMILY_NAME);
	if (!fam)
		die("family %s not in the nlctrl dump", KTLSCTL_FAMILY_NAME);
	ctrl_version = (uint8_t)genl_family_get_version(fam);
	genl_family_put(fam);
	nl_cache_free(cache);
	if (ctrl_version != KTLSCTL_FAMILY_VERSION)
		die("nlctrl: family version %u, want %u", ctrl_version,
		    KTLSCTL_FAMILY_VERSION);

	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_reply, &st);
	nl_socket_modify_cb(sk, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &st);
	nl_socket_modify_err_cb(sk, NL_CB_CUSTOM, on_error, &st);

	msg = nlmsg_alloc();
	if (!msg)
		die("out of memory");
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0,
			 KTLSCTL_CMD_STATUS_GET, KTLSCTL_FAMILY_VERSION))
		die("genlmsg_put failed");
	err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (err < 0)
		die("send status-get: %s", nl_geterror(err));
	while (!st.done) {
		err = nl_recvmsgs_default(sk);
		if (err < 0)
			break;
	}
	nl_socket_free(sk);
	if (st.error)
		die("status-get: %s%s%s", strerror(-st.error),
		    st.extack[0] ? ": " : "", st.extack);
	if (err < 0)
		die("receive: %s", nl_geterror(err));

	check(&st);
	print(&st, family, ctrl_version, grp_hs, grp_mon);
	return 0;
}
