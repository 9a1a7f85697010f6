// SPDX-License-Identifier: GPL-2.0
/* ktlsctl_parse() on crafted messages, against the generated tables. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "check.h"
#include "genlmsg.h"
#include "ktlsctl-priv.h"

static char buf[8192] __attribute__((aligned(4)));

static struct nlmsghdr *new_msg(uint8_t cmd)
{
	return genl_msg(buf, sizeof(buf), cmd);
}

static void put_stats(struct nlmsghdr *nlh, unsigned int len_requests)
{
	struct nlattr *nest;
	unsigned int i;

	nest = mnl_attr_nest_start(nlh, KTLSCTL_A_STATUS_STATS);
	mnl_attr_put(nlh, KTLSCTL_A_STATS_PAD, 0, NULL);
	for (i = KTLSCTL_A_STATS_REQUESTS; i <= KTLSCTL_A_STATS_MAX; i++) {
		uint64_t v = i * 1000;

		if (i == KTLSCTL_A_STATS_REQUESTS && len_requests != 8)
			mnl_attr_put(nlh, i, len_requests, &v);
		else
			mnl_attr_put_u64(nlh, i, v);
	}
	mnl_attr_nest_end(nlh, nest);
}

static struct nlmsghdr *good_status(void)
{
	struct nlmsghdr *nlh = new_msg(KTLSCTL_CMD_STATUS_GET);

	mnl_attr_put_strz(nlh, KTLSCTL_A_STATUS_VERSION, "0.1.0");
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_FAMILY_VERSION, 1);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_HANDLER_VERSION, 1);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_HANDLER, KTLSCTL_HANDLER_TLS);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_HANDLER, KTLSCTL_HANDLER_DTLS);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_QUEUED, 3);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_IN_PROGRESS, 2);
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_QUEUE_LIMIT, 4096);
	return nlh;
}

static void test_good(struct ktlsctl_sock *sock)
{
	const struct nlattr *tb[KTLSCTL_A_STATUS_MAX + 1];
	const struct nlattr *st[KTLSCTL_A_STATS_MAX + 1];
	struct nlmsghdr *nlh = good_status();
	unsigned int i;

	put_stats(nlh, 8);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_status_set, tb) == 0);
	CHECK_STR(ktlsctl_error(sock), "");
	CHECK(tb[KTLSCTL_A_STATUS_VERSION]);
	CHECK_STR(mnl_attr_get_str(tb[KTLSCTL_A_STATUS_VERSION]), "0.1.0");
	CHECK(mnl_attr_get_u32(tb[KTLSCTL_A_STATUS_QUEUE_LIMIT]) == 4096);
	/* The last instance of a multi-attribute. */
	CHECK(mnl_attr_get_u32(tb[KTLSCTL_A_STATUS_HANDLER]) ==
	      KTLSCTL_HANDLER_DTLS);
	CHECK(tb[KTLSCTL_A_STATUS_STATS]);
	CHECK(ktlsctl_parse_nested(sock, tb[KTLSCTL_A_STATUS_STATS],
				   &ktlsctl_stats_set, st) == 0);
	CHECK(!st[KTLSCTL_A_STATS_PAD]);
	for (i = KTLSCTL_A_STATS_REQUESTS; i <= KTLSCTL_A_STATS_MAX; i++)
		CHECK(st[i] && mnl_attr_get_u64(st[i]) == i * 1000);
	/* Without a socket there is no message, but the same answer. */
	CHECK(ktlsctl_parse(NULL, nlh, &ktlsctl_status_set, tb) == 0);
}

static void expect_fail(struct ktlsctl_sock *sock, struct nlmsghdr *nlh,
			const struct ktlsctl_attr_set *set, const char *msg)
{
	const struct nlattr *tb[64];

	CHECK(ktlsctl_parse(sock, nlh, set, tb) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock), msg);
	CHECK(ktlsctl_parse(NULL, nlh, set, tb) == -EINVAL);
}

static void test_lengths(struct ktlsctl_sock *sock)
{
	struct nlmsghdr *nlh;
	char name[80];

	nlh = new_msg(KTLSCTL_CMD_STATUS_GET);
	mnl_attr_put_u16(nlh, KTLSCTL_A_STATUS_QUEUED, 3);
	expect_fail(sock, nlh, &ktlsctl_status_set,
		    "invalid attribute status.queued: length 2, want 4");

	nlh = new_msg(KTLSCTL_CMD_STATUS_GET);
	mnl_attr_put_u64(nlh, KTLSCTL_A_STATUS_QUEUED, 3);
	expect_fail(sock, nlh, &ktlsctl_status_set,
		    "invalid attribute status.queued: length 8, want 4");

	nlh = new_msg(KTLSCTL_CMD_STATUS_GET);
	mnl_attr_put(nlh, KTLSCTL_A_STATUS_VERSION, 5, "0.1.0");
	expect_fail(sock, nlh, &ktlsctl_status_set,
		    "invalid attribute status.version: length 5, not NUL-terminated");

	nlh = new_msg(KTLSCTL_CMD_STATUS_GET);
	mnl_attr_put(nlh, KTLSCTL_A_STATUS_VERSION, 0, NULL);
	expect_fail(sock, nlh, &ktlsctl_status_set,
		    "invalid attribute status.version: length 0, not NUL-terminated");

	/* name-max-len is 64: 64 characters pass, 65 do not. */
	memset(name, 'n', sizeof(name));
	name[KTLSCTL_NAME_MAX_LEN] = '\0';
	nlh = new_msg(KTLSCTL_CMD_CRED_GET);
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, name);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_cred_set,
			    (const struct nlattr *[KTLSCTL_A_CRED_MAX + 1]){}) == 0);
	name[KTLSCTL_NAME_MAX_LEN] = 'n';
	name[KTLSCTL_NAME_MAX_LEN + 1] = '\0';
	nlh = new_msg(KTLSCTL_CMD_CRED_GET);
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, name);
	expect_fail(sock, nlh, &ktlsctl_cred_set,
		    "invalid attribute cred.name: string length 65, max 64");

	/* Binary: exact and minimum lengths. */
	nlh = new_msg(KTLSCTL_CMD_CRED_GET);
	mnl_attr_put(nlh, KTLSCTL_A_CRED_FINGERPRINT, 31, name);
	expect_fail(sock, nlh, &ktlsctl_cred_set,
		    "invalid attribute cred.fingerprint: length 31, want 32");
	nlh = new_msg(KTLSCTL_CMD_CRED_GET);
	mnl_attr_put(nlh, KTLSCTL_A_CRED_FINGERPRINT, 32, name);
	mnl_attr_put(nlh, KTLSCTL_A_CRED_PSK_IDENTITY, 1, name);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_cred_set,
			    (const struct nlattr *[KTLSCTL_A_CRED_MAX + 1]){}) == 0);
	nlh = new_msg(KTLSCTL_CMD_CRED_GET);
	mnl_attr_put(nlh, KTLSCTL_A_CRED_PSK_IDENTITY, 0, NULL);
	expect_fail(sock, nlh, &ktlsctl_cred_set,
		    "invalid attribute cred.psk-identity: length 0, min 1");

	/* Too short for a genetlink header. */
	nlh = new_msg(KTLSCTL_CMD_STATUS_GET);
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 2;
	expect_fail(sock, nlh, &ktlsctl_status_set,
		    "invalid status message: too short");

	/* An attribute header that claims more than the message holds. */
	nlh = good_status();
	nlh->nlmsg_len += 4;
	*(uint16_t *)((char *)nlh + nlh->nlmsg_len - 4) = 32;
	*(uint16_t *)((char *)nlh + nlh->nlmsg_len - 2) = 1;
	expect_fail(sock, nlh, &ktlsctl_status_set,
		    "invalid attributes of status: truncated at offset 68");
}

static void test_values(struct ktlsctl_sock *sock)
{
	const struct nlattr *tb[KTLSCTL_A_REQUEST_MAX + 1];
	struct nlmsghdr *nlh;

	nlh = good_status();
	mnl_attr_put_u32(nlh, KTLSCTL_A_STATUS_HANDLER, 9);
	expect_fail(sock, nlh, &ktlsctl_status_set,
		    "invalid attribute status.handler: unknown handler value 9");

	nlh = new_msg(KTLSCTL_CMD_DONE);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_VERSION, 771);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_STATUS, 4095);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_SOCKFD, (uint32_t)-1);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_request_set, tb) == 0);
	CHECK((int32_t)mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_SOCKFD]) == -1);

	nlh = new_msg(KTLSCTL_CMD_DONE);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_VERSION, 770);
	expect_fail(sock, nlh, &ktlsctl_request_set,
		    "invalid attribute request.version: unknown tls-version value 770");

	nlh = new_msg(KTLSCTL_CMD_DONE);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_STATUS, 4096);
	expect_fail(sock, nlh, &ktlsctl_request_set,
		    "invalid attribute request.status: value 4096, max 4095");
}

static void test_unknown(struct ktlsctl_sock *sock)
{
	const struct nlattr *tb[KTLSCTL_A_STATUS_MAX + 2];
	const struct nlattr *canary = (const void *)&tb;
	struct nlmsghdr *nlh = good_status();

	/* Types above max (a newer module) and type 0 are skipped. */
	mnl_attr_put_u16(nlh, KTLSCTL_A_STATUS_MAX + 1, 7);
	mnl_attr_put_strz(nlh, 200, "from the future");
	mnl_attr_put_u8(nlh, 0, 1);
	tb[KTLSCTL_A_STATUS_MAX + 1] = canary;
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_status_set, tb) == 0);
	CHECK(tb[KTLSCTL_A_STATUS_MAX + 1] == canary);
	CHECK(!tb[0]);

	/* Pad attributes are skipped, whatever their length. */
	nlh = new_msg(KTLSCTL_CMD_STATUS_GET);
	mnl_attr_put_u16(nlh, KTLSCTL_A_CRYPTO_PAD, 1);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_crypto_set,
			    (const struct nlattr *[KTLSCTL_A_CRYPTO_MAX + 1]){}) == 0);
}

static void test_nested(struct ktlsctl_sock *sock)
{
	const struct nlattr *tb[KTLSCTL_A_REQUEST_MAX + 1];
	const struct nlattr *st[KTLSCTL_A_STATUS_MAX + 1];
	const struct nlattr *at[KTLSCTL_A_ADDR_MAX + 1];
	struct nlmsghdr *nlh = good_status();
	struct nlattr *nest;

	/* The nest's contents are checked when it is parsed, not before. */
	put_stats(nlh, 4);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_status_set, st) == 0);
	CHECK(ktlsctl_parse_nested(sock, st[KTLSCTL_A_STATUS_STATS],
				   &ktlsctl_stats_set,
				   (const struct nlattr *[KTLSCTL_A_STATS_MAX + 1]){}) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute stats.requests: length 4, want 8");

	nlh = new_msg(KTLSCTL_CMD_REQUEST_GET);
	nest = mnl_attr_nest_start(nlh, KTLSCTL_A_REQUEST_LOCAL);
	mnl_attr_put(nlh, KTLSCTL_A_ADDR_ADDR, 4, "\x0a\x00\x00\x01");
	mnl_attr_put_u8(nlh, KTLSCTL_A_ADDR_PREFIX_LEN, 200);
	mnl_attr_put_u16(nlh, KTLSCTL_A_ADDR_PORT, htons(443));
	mnl_attr_nest_end(nlh, nest);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_request_set, tb) == 0);
	CHECK(ktlsctl_parse_nested(sock, tb[KTLSCTL_A_REQUEST_LOCAL],
				   &ktlsctl_addr_set, at) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute addr.prefix-len: value 200, max 128");

	nlh = new_msg(KTLSCTL_CMD_REQUEST_GET);
	nest = mnl_attr_nest_start(nlh, KTLSCTL_A_REQUEST_REMOTE);
	mnl_attr_put(nlh, KTLSCTL_A_ADDR_ADDR, 4, "\x0a\x00\x00\x01");
	mnl_attr_put_u8(nlh, KTLSCTL_A_ADDR_PREFIX_LEN, 32);
	mnl_attr_put_u16(nlh, KTLSCTL_A_ADDR_PORT, htons(443));
	mnl_attr_nest_end(nlh, nest);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_request_set, tb) == 0);
	CHECK(ktlsctl_parse_nested(sock, tb[KTLSCTL_A_REQUEST_REMOTE],
				   &ktlsctl_addr_set, at) == 0);
	CHECK(ntohs(mnl_attr_get_u16(at[KTLSCTL_A_ADDR_PORT])) == 443);

	/* A malformed nest fails when parsed. */
	nlh = new_msg(KTLSCTL_CMD_REQUEST_GET);
	mnl_attr_put(nlh, KTLSCTL_A_REQUEST_TX, 3, "abc");
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_request_set, tb) == 0);
	CHECK(ktlsctl_parse_nested(sock, tb[KTLSCTL_A_REQUEST_TX],
				   &ktlsctl_crypto_set,
				   (const struct nlattr *[KTLSCTL_A_CRYPTO_MAX + 1]){}) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attributes of crypto: truncated at offset 0");
}

int main(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();

	CHECK(sock);
	if (!sock)
		return 1;
	test_good(sock);
	test_lengths(sock);
	test_values(sock);
	test_unknown(sock);
	test_nested(sock);
	ktlsctl_close(sock);
	return check_done("parse");
}
