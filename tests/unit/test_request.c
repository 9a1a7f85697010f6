// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding request-get replies built the way the module builds them
 * (ktlsctl_nl_fill_req), alone and as a multi-part dump in two datagrams;
 * replies that break the spec are refused with a message.
 */
#include <errno.h>
#include <string.h>

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "check.h"
#include "ktlsctl-priv.h"

#define SEQ	0x5151
#define PORT	0x7777
#define FAMILY	0x22

static char buf[8192] __attribute__((aligned(4)));
static size_t used;

static const uint8_t v4_local[4] = { 10, 99, 0, 1 };
static const uint8_t v4_remote[4] = { 10, 99, 0, 2 };
static const uint8_t v6_local[16] = { 0xfd, 0, 0, 0, 0, 0, 0, 0,
				      0, 0, 0, 0, 0, 0, 0, 1 };
static const uint8_t v6_remote[16] = { 0xfd, 0, 0, 0, 0, 0, 0, 0,
				       0, 0, 0, 0, 0, 0, 0, 2 };

static void reset(void)
{
	memset(buf, 0, sizeof(buf));
	used = 0;
}

static struct nlmsghdr *start(uint16_t type, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf + used);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = SEQ;
	nlh->nlmsg_pid = PORT;
	if (type >= NLMSG_MIN_TYPE) {
		genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
		genl->cmd = KTLSCTL_CMD_REQUEST_GET;
		genl->version = KTLSCTL_FAMILY_VERSION;
	}
	return nlh;
}

static void end(struct nlmsghdr *nlh)
{
	used += NLMSG_ALIGN(nlh->nlmsg_len);
}

static void put_addr(struct nlmsghdr *nlh, uint16_t type, const void *addr,
		     size_t len, uint16_t port)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	mnl_attr_put(nlh, KTLSCTL_A_ADDR_ADDR, len, addr);
	mnl_attr_put_u16(nlh, KTLSCTL_A_ADDR_PORT, htons(port));
	mnl_attr_nest_end(nlh, nest);
}

/* One request as the dump sends it; v6 adds a policy id. */
static struct nlmsghdr *request(uint32_t id, uint32_t state, bool v6)
{
	struct nlmsghdr *nlh = start(FAMILY, NLM_F_MULTI);

	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ID, id);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_HANDLER, KTLSCTL_HANDLER_TLS);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ROLE, KTLSCTL_ROLE_CLIENT);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_AUTH, KTLSCTL_AUTH_X509);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_STATE, state);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_TIMEOUT_MS, 4000 + id);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_AGE_MS, 1000 + id);
	mnl_attr_put_strz(nlh, KTLSCTL_A_REQUEST_PEER_NAME, "server.test");
	mnl_attr_put_strz(nlh, KTLSCTL_A_REQUEST_TAG, "probe");
	if (v6) {
		mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_POLICY_ID, 9);
		put_addr(nlh, KTLSCTL_A_REQUEST_LOCAL, v6_local, 16, 40000);
		put_addr(nlh, KTLSCTL_A_REQUEST_REMOTE, v6_remote, 16, 443);
	} else {
		put_addr(nlh, KTLSCTL_A_REQUEST_LOCAL, v4_local, 4, 40000 + id);
		put_addr(nlh, KTLSCTL_A_REQUEST_REMOTE, v4_remote, 4, 20001);
	}
	return nlh;
}

static void test_one(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	struct ktlsctl_request r;
	uint32_t want;

	reset();
	CHECK(ktlsctl_request_parse(sock, request(7, KTLSCTL_STATE_QUEUED,
						  false), &r) == 0);
	want = KTLSCTL_REQUEST_HAS_HANDLER | KTLSCTL_REQUEST_HAS_ROLE |
	       KTLSCTL_REQUEST_HAS_AUTH | KTLSCTL_REQUEST_HAS_STATE |
	       KTLSCTL_REQUEST_HAS_TIMEOUT | KTLSCTL_REQUEST_HAS_AGE |
	       KTLSCTL_REQUEST_HAS_PEER_NAME | KTLSCTL_REQUEST_HAS_TAG |
	       KTLSCTL_REQUEST_HAS_LOCAL | KTLSCTL_REQUEST_HAS_REMOTE;
	CHECK(r.has == want);
	CHECK(r.id == 7 && r.handler == KTLSCTL_HANDLER_TLS &&
	      r.role == KTLSCTL_ROLE_CLIENT && r.auth == KTLSCTL_AUTH_X509 &&
	      r.state == KTLSCTL_STATE_QUEUED);
	CHECK(r.timeout_ms == 4007 && r.age_ms == 1007 && r.policy_id == 0);
	CHECK_STR(r.peer_name, "server.test");
	CHECK_STR(r.tag, "probe");
	CHECK_STR(r.peer_identity, "");
	CHECK(r.local.present && r.local.addr_len == 4 &&
	      !memcmp(r.local.addr, v4_local, 4) && r.local.port == 40007);
	CHECK(r.remote.present && r.remote.addr_len == 4 &&
	      !memcmp(r.remote.addr, v4_remote, 4) && r.remote.port == 20001);

	reset();
	CHECK(ktlsctl_request_parse(sock, request(8, KTLSCTL_STATE_ACCEPTED,
						  true), &r) == 0);
	CHECK(r.has == (want | KTLSCTL_REQUEST_HAS_POLICY_ID));
	CHECK(r.state == KTLSCTL_STATE_ACCEPTED && r.policy_id == 9);
	CHECK(r.local.addr_len == 16 && !memcmp(r.local.addr, v6_local, 16) &&
	      r.local.port == 40000);
	CHECK(r.remote.addr_len == 16 &&
	      !memcmp(r.remote.addr, v6_remote, 16) && r.remote.port == 443);
	ktlsctl_close(sock);
}

struct collect {
	struct ktlsctl_sock *sock;
	struct ktlsctl_request reqs[8];
	unsigned int n;
};

static int collect_cb(const struct nlmsghdr *nlh, void *data)
{
	struct collect *c = data;
	int err;

	if (c->n == 8)
		return -E2BIG;
	err = ktlsctl_request_parse(c->sock, nlh, &c->reqs[c->n]);
	if (!err)
		c->n++;
	return err;
}

/* Three requests over two datagrams, then NLMSG_DONE. */
static void test_dump(bool intr)
{
	struct collect c = { .sock = ktlsctl_sock_alloc() };
	struct ktlsctl_rx rx = {
		.sock = c.sock, .seq = SEQ, .portid = PORT,
		.cb = collect_cb, .data = &c,
	};
	struct nlmsghdr *nlh;
	int zero = 0;

	reset();
	end(request(1, KTLSCTL_STATE_QUEUED, false));
	end(request(2, KTLSCTL_STATE_QUEUED, true));
	ktlsctl_rx_process(&rx, buf, used);
	CHECK(!rx.done && !rx.err && c.n == 2);

	reset();
	nlh = request(3, KTLSCTL_STATE_ACCEPTED, false);
	if (intr)
		nlh->nlmsg_flags |= NLM_F_DUMP_INTR;
	end(nlh);
	nlh = start(NLMSG_DONE, NLM_F_MULTI);
	mnl_nlmsg_put_extra_header(nlh, sizeof(zero));
	end(nlh);
	ktlsctl_rx_process(&rx, buf, used);
	CHECK(rx.done && !rx.err && c.n == 3);
	CHECK(rx.intr == intr);
	CHECK(c.reqs[0].id == 1 && c.reqs[1].id == 2 && c.reqs[2].id == 3);
	CHECK(c.reqs[1].local.addr_len == 16);
	CHECK(c.reqs[2].state == KTLSCTL_STATE_ACCEPTED);
	ktlsctl_close(c.sock);
}

/* Replies that break the spec, each with its message. */
static void test_bad(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	struct ktlsctl_request r;
	struct nlmsghdr *nlh;
	char name[300];
	struct nlattr *nest;

	reset();
	nlh = start(FAMILY, 0);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_STATE, KTLSCTL_STATE_QUEUED);
	CHECK(ktlsctl_request_parse(sock, nlh, &r) == -EPROTO);
	CHECK_STR(ktlsctl_error(sock), "request without id");

	reset();
	nlh = start(FAMILY, 0);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ID, 1);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_STATE, 99);
	CHECK(ktlsctl_request_parse(sock, nlh, &r) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute request.state: unknown state value 99");

	reset();
	nlh = start(FAMILY, 0);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ID, 1);
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	mnl_attr_put_strz(nlh, KTLSCTL_A_REQUEST_PEER_NAME, name);
	CHECK(ktlsctl_request_parse(sock, nlh, &r) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute request.peer-name: string length 299, max 255");

	reset();
	nlh = start(FAMILY, 0);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ID, 1);
	nest = mnl_attr_nest_start(nlh, KTLSCTL_A_REQUEST_REMOTE);
	mnl_attr_put(nlh, KTLSCTL_A_ADDR_ADDR, 5, "abcde");
	mnl_attr_nest_end(nlh, nest);
	CHECK(ktlsctl_request_parse(sock, nlh, &r) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock), "address of 5 bytes");

	reset();
	nlh = start(FAMILY, 0);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ID, 1);
	nest = mnl_attr_nest_start(nlh, KTLSCTL_A_REQUEST_LOCAL);
	mnl_attr_put_u32(nlh, KTLSCTL_A_ADDR_PORT, 443);
	mnl_attr_nest_end(nlh, nest);
	CHECK(ktlsctl_request_parse(sock, nlh, &r) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute addr.port: length 4, want 2");
	ktlsctl_close(sock);
}

int main(void)
{
	test_one();
	test_dump(false);
	test_dump(true);
	test_bad();
	return check_done("request");
}
