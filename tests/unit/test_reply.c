// SPDX-License-Identifier: GPL-2.0
/*
 * Reply processing without a socket: extended acks of NLMSG_ERROR and
 * NLMSG_DONE, multi-part dumps, NLM_F_DUMP_INTR, sequence and port checks.
 */
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "check.h"
#include "ktlsctl-priv.h"

#define SEQ	0x1234
#define PORT	0x4321

static char buf[16384] __attribute__((aligned(4)));
static size_t used;

static void reset(void)
{
	memset(buf, 0, sizeof(buf));
	used = 0;
}

static struct nlmsghdr *add(uint16_t type, uint16_t flags, uint32_t seq,
			    uint32_t pid)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf + used);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = pid;
	return nlh;
}

static void done(struct nlmsghdr *nlh)
{
	used += NLMSG_ALIGN(nlh->nlmsg_len);
}

/* The request the errors refer to. */
static const struct nlmsghdr req = {
	.nlmsg_len = 28, .nlmsg_type = 0x22,
	.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK, .nlmsg_seq = SEQ,
};

static struct nlmsghdr *add_error(int error, bool capped, bool tlvs)
{
	struct nlmsghdr *nlh;
	struct nlmsgerr *e;
	size_t extra;

	nlh = add(NLMSG_ERROR, (capped ? NLM_F_CAPPED : 0) |
	      (tlvs ? NLM_F_ACK_TLVS : 0), SEQ, PORT);
	extra = capped ? 0 : req.nlmsg_len - sizeof(req);
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e) + extra);
	e->error = error;
	e->msg = req;
	memset(e + 1, 0xaa, extra);
	return nlh;
}

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	unsigned int *n = data;

	(void)nlh;
	(*n)++;
	return 0;
}

static int fail_cb(const struct nlmsghdr *nlh, void *data)
{
	unsigned int *n = data;

	(void)nlh;
	(*n)++;
	return -E2BIG;
}

/* Processes buf as the answer to a request; reply_ends: asked no ack. */
static void run_as(struct ktlsctl_sock *sock, struct ktlsctl_rx *rx,
		   ktlsctl_msg_cb cb, unsigned int *n, bool reply_ends)
{
	*n = 0;
	memset(rx, 0, sizeof(*rx));
	rx->sock = sock;
	rx->seq = SEQ;
	rx->portid = PORT;
	rx->cb = cb;
	rx->data = n;
	rx->reply_ends = reply_ends;
	ktlsctl_clear_error(sock);
	ktlsctl_rx_process(rx, buf, used);
}

static void run(struct ktlsctl_sock *sock, struct ktlsctl_rx *rx,
		ktlsctl_msg_cb cb, unsigned int *n)
{
	run_as(sock, rx, cb, n, false);
}

static void test_extack(struct ktlsctl_sock *sock)
{
	const char *eperm = "ktlsctl: requires CAP_NET_ADMIN";
	struct nlmsghdr *nlh;
	struct ktlsctl_rx rx;
	char msg[128];
	unsigned int n;

	/* Capped error with a message: what NETLINK_CAP_ACK gives. */
	reset();
	nlh = add_error(-EPERM, true, true);
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, eperm);
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
	CHECK(ktlsctl_extack(nlh, msg, sizeof(msg)) == -EPERM);
	CHECK_STR(msg, eperm);
	done(nlh);
	run(sock, &rx, count_cb, &n);
	CHECK(rx.done && rx.err == -EPERM && n == 0);
	CHECK_STR(ktlsctl_error(sock), eperm);

	/* Uncapped: the whole request comes back before the TLVs. */
	reset();
	nlh = add_error(-EINVAL, false, true);
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "bad attribute");
	CHECK(ktlsctl_extack(nlh, msg, sizeof(msg)) == -EINVAL);
	CHECK_STR(msg, "bad attribute");

	/* No TLVs flag: no message, even if bytes follow. */
	reset();
	nlh = add_error(-ENOENT, true, false);
	CHECK(ktlsctl_extack(nlh, msg, sizeof(msg)) == -ENOENT);
	CHECK_STR(msg, "");
	done(nlh);
	run(sock, &rx, count_cb, &n);
	CHECK(rx.done && rx.err == -ENOENT);
	CHECK_STR(ktlsctl_error(sock), "");

	/* An ack may carry a warning. */
	reset();
	nlh = add_error(0, true, true);
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "just a warning");
	CHECK(ktlsctl_extack(nlh, msg, sizeof(msg)) == 0);
	CHECK_STR(msg, "just a warning");

	/* Only the missing attribute. */
	reset();
	nlh = add_error(-EINVAL, true, true);
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_MISS_TYPE, 5);
	CHECK(ktlsctl_extack(nlh, msg, sizeof(msg)) == -EINVAL);
	CHECK_STR(msg, "missing attribute of type 5");

	/* NLMSG_DONE of a dump that failed, with its message. */
	reset();
	nlh = add(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, SEQ, PORT);
	*(int *)mnl_nlmsg_put_extra_header(nlh, sizeof(int)) = -EOPNOTSUPP;
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "command not implemented yet");
	CHECK(ktlsctl_extack(nlh, msg, sizeof(msg)) == -EOPNOTSUPP);
	CHECK_STR(msg, "command not implemented yet");
	done(nlh);
	run(sock, &rx, count_cb, &n);
	CHECK(rx.done && rx.err == -EOPNOTSUPP);
	CHECK_STR(ktlsctl_error(sock), "command not implemented yet");

	/* A message too short for struct nlmsgerr. */
	reset();
	nlh = add(NLMSG_ERROR, 0, SEQ, PORT);
	mnl_nlmsg_put_extra_header(nlh, 2);
	CHECK(ktlsctl_extack(nlh, msg, sizeof(msg)) == -EBADMSG);
	done(nlh);
	run(sock, &rx, count_cb, &n);
	CHECK(rx.done && rx.err == -EBADMSG);
	CHECK_STR(ktlsctl_error(sock), "truncated netlink error message");
}

static void add_data(uint16_t flags, uint32_t seq, uint32_t pid)
{
	struct nlmsghdr *nlh = add(0x22, flags, seq, pid);
	struct genlmsghdr *genl;

	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = KTLSCTL_CMD_POLICY_GET;
	mnl_attr_put_u32(nlh, KTLSCTL_A_POLICY_ID, 1);
	done(nlh);
}

static void add_done(void)
{
	struct nlmsghdr *nlh = add(NLMSG_DONE, NLM_F_MULTI, SEQ, PORT);

	*(int *)mnl_nlmsg_put_extra_header(nlh, sizeof(int)) = 0;
	done(nlh);
}

static void test_dump(struct ktlsctl_sock *sock)
{
	struct ktlsctl_rx rx;
	unsigned int n;

	/* Parts of this dump; others' leftovers are skipped. */
	reset();
	add_data(NLM_F_MULTI, SEQ, PORT);
	add_data(NLM_F_MULTI, SEQ - 1, PORT);
	add_data(NLM_F_MULTI, SEQ, PORT + 1);
	add_data(NLM_F_MULTI, SEQ, PORT);
	run(sock, &rx, count_cb, &n);
	CHECK(!rx.done && !rx.err && n == 2);
	/* The next datagram ends it; nothing after the end counts. */
	reset();
	add_data(NLM_F_MULTI, SEQ, PORT);
	add_done();
	add_data(NLM_F_MULTI, SEQ, PORT);
	ktlsctl_rx_process(&rx, buf, used);
	CHECK(rx.done && !rx.err && !rx.intr && n == 3);

	reset();
	add_data(NLM_F_MULTI, SEQ, PORT);
	add_data(NLM_F_MULTI | NLM_F_DUMP_INTR, SEQ, PORT);
	add_done();
	run(sock, &rx, count_cb, &n);
	CHECK(rx.done && !rx.err && rx.intr && n == 2);

	/* A callback error stops the callbacks; the rest is drained. */
	reset();
	add_data(NLM_F_MULTI, SEQ, PORT);
	add_data(NLM_F_MULTI, SEQ, PORT);
	add_done();
	run(sock, &rx, fail_cb, &n);
	CHECK(rx.done && rx.err == -E2BIG && n == 1);

	/* A reply, then the ack of a do. */
	reset();
	add_data(0, SEQ, PORT);
	done(add_error(0, true, false));
	run(sock, &rx, count_cb, &n);
	CHECK(rx.done && !rx.err && n == 1);

	/* A message that claims more than the datagram holds. */
	reset();
	add_data(0, SEQ, PORT);
	((struct nlmsghdr *)buf)->nlmsg_len += 64;
	run(sock, &rx, count_cb, &n);
	CHECK(rx.done && rx.err == -EBADMSG && n == 0);
	CHECK_STR(ktlsctl_error(sock), "truncated netlink message");

	/* A reply without a genetlink header. */
	reset();
	done(add(0x22, 0, SEQ, PORT));
	done(add_error(0, true, false));
	run(sock, &rx, count_cb, &n);
	CHECK(rx.done && rx.err == -EBADMSG && n == 0);
}

/* A do that asks no ack (ktlsctl_do_reply): its reply is the end. */
static void test_reply_ends(struct ktlsctl_sock *sock)
{
	struct ktlsctl_rx rx;
	unsigned int n;

	/* Others' leftovers first; after our reply, nothing counts. */
	reset();
	add_data(0, SEQ - 1, PORT);
	add_data(0, SEQ, PORT);
	add_data(0, SEQ, PORT);
	run_as(sock, &rx, count_cb, &n, true);
	CHECK(rx.done && !rx.err && n == 1);

	/* An error instead of the reply ends it too. */
	reset();
	done(add_error(-ENOENT, true, false));
	run_as(sock, &rx, count_cb, &n, true);
	CHECK(rx.done && rx.err == -ENOENT && n == 0);

	/* The callback's error is kept; the reply still ends the request. */
	reset();
	add_data(0, SEQ, PORT);
	run_as(sock, &rx, fail_cb, &n, true);
	CHECK(rx.done && rx.err == -E2BIG && n == 1);

	/* Without it the same reply waits for its ack. */
	run(sock, &rx, count_cb, &n);
	CHECK(!rx.done && !rx.err && n == 1);
}

int main(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();

	CHECK(sock);
	if (!sock)
		return 1;
	test_extack(sock);
	test_dump(sock);
	test_reply_ends(sock);
	ktlsctl_close(sock);
	return check_done("reply");
}
