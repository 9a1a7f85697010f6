// SPDX-License-Identifier: GPL-2.0
/* Decoding a status-get reply built the way the module builds it. */
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "check.h"
#include "ktlsctl-priv.h"

static char buf[4096] __attribute__((aligned(4)));

static struct nlmsghdr *reply(bool pad, bool version)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	unsigned int i;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = 34;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = KTLSCTL_CMD_STATUS_GET;
	genl->version = KTLSCTL_FAMILY_VERSION;
	if (version)
		mnl_attr_put_strz(nlh, KTLSCTL_A_STATUS_VERSION, "0.1.0");
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_FAMILY_VERSION, 1);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_HANDLER_VERSION, 1);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_HANDLER, KTLSCTL_HANDLER_TLS);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_QUEUED, 1);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_IN_PROGRESS, 2);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_QUEUE_LIMIT, 4096);
	nest = mnl_attr_nest_start(nlh, KTLSCTL_A_STATUS_STATS);
	for (i = KTLSCTL_A_STATS_PAD + 1; i <= KTLSCTL_A_STATS_MAX; i++) {
		/* nla_put_u64_64bit() pads where alignment matters. */
		if (pad)
			mnl_attr_put(nlh, KTLSCTL_A_STATS_PAD, 0, NULL);
		mnl_attr_put_u64(nlh, i, 100 + i);
	}
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

int main(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	struct ktlsctl_status st;
	unsigned int i;
	bool pad;

	CHECK(sock);
	if (!sock)
		return 1;
	for (pad = false; ; pad = true) {
		memset(&st, 0, sizeof(st));
		CHECK(ktlsctl_status_parse(sock, reply(pad, true), &st) == 0);
		CHECK_STR(st.version, "0.1.0");
		CHECK(st.family_version == 1 && st.handler_version == 1);
		CHECK(st.n_handlers == 1 &&
		      st.handlers[0] == KTLSCTL_HANDLER_TLS);
		CHECK(st.queued == 1 && st.in_progress == 2 &&
		      st.queue_limit == 4096);
		CHECK(!st.stats_present[KTLSCTL_A_STATS_PAD]);
		for (i = KTLSCTL_A_STATS_PAD + 1; i <= KTLSCTL_A_STATS_MAX; i++)
			CHECK(st.stats_present[i] && st.stats[i] == 100 + i);
		if (pad)
			break;
	}
	memset(&st, 0, sizeof(st));
	CHECK(ktlsctl_status_parse(sock, reply(false, false), &st) == -EPROTO);
	CHECK_STR(ktlsctl_error(sock), "status reply without version attributes");
	ktlsctl_close(sock);
	return check_done("status");
}
