// SPDX-License-Identifier: GPL-2.0
/*
 * Policies in libktlsctl: policy-add built in the send buffer with every
 * attribute and parsed back with ktlsctl_policy_parse() into the same
 * struct; the address selector nests on the wire; what the builder
 * refuses; the policy-del, policy-flush and policy-get requests; listings
 * that break the spec or overflow the struct.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "check.h"
#include "genlmsg.h"
#include "ktlsctl-priv.h"

static uint8_t cmd_of(const struct nlmsghdr *nlh)
{
	return ((const struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd;
}

/* Every attribute of the set, as "policy add" with every keyword. */
static void full_policy(struct ktlsctl_policy *p)
{
	static const uint8_t v6[16] = { 0xfd, 0x00, [15] = 0 };

	memset(p, 0, sizeof(*p));
	p->has = KTLSCTL_POLICY_HAS_PRIORITY | KTLSCTL_POLICY_HAS_ROLE |
		 KTLSCTL_POLICY_HAS_HANDLER | KTLSCTL_POLICY_HAS_SRC |
		 KTLSCTL_POLICY_HAS_DST | KTLSCTL_POLICY_HAS_PEER_NAME |
		 KTLSCTL_POLICY_HAS_TAG | KTLSCTL_POLICY_HAS_CRED |
		 KTLSCTL_POLICY_HAS_TRUST | KTLSCTL_POLICY_HAS_PSK |
		 KTLSCTL_POLICY_HAS_AUTH | KTLSCTL_POLICY_HAS_TLS_MIN |
		 KTLSCTL_POLICY_HAS_TLS_MAX | KTLSCTL_POLICY_HAS_CIPHER |
		 KTLSCTL_POLICY_HAS_ALPN | KTLSCTL_POLICY_HAS_TIMEOUT |
		 KTLSCTL_POLICY_HAS_OFFLOAD;
	p->priority = 10;
	p->role = KTLSCTL_ROLE_CLIENT;
	p->handler = KTLSCTL_HANDLER_TLS;
	p->src.present = true;
	p->src.addr[0] = 10;
	p->src.addr_len = 4;
	p->src.prefix_len = 8;
	p->dst.present = true;
	memcpy(p->dst.addr, v6, 16);
	p->dst.addr_len = 16;
	p->dst.prefix_len = 64;
	p->dst.port = 443;
	strcpy(p->peer_name, "*.example.com");
	strcpy(p->tag, "nfs");
	strcpy(p->cred, "client-cert");
	strcpy(p->trust, "corp-ca");
	strcpy(p->psk, "nfs-psk");
	p->auth = KTLSCTL_AUTH_X509;
	p->tls_min = KTLSCTL_TLS_VERSION_TLS12;
	p->tls_max = KTLSCTL_TLS_VERSION_TLS13;
	p->ciphers[0] = KTLSCTL_CIPHER_CHACHA20_POLY1305;
	p->ciphers[1] = KTLSCTL_CIPHER_AES_128_GCM;
	p->n_ciphers = 2;
	p->alpn[0].len = 2;
	memcpy(p->alpn[0].id, "h2", 2);
	p->alpn[1].len = 8;
	memcpy(p->alpn[1].id, "http/1.1", 8);
	p->alpn[2].len = 2;
	memcpy(p->alpn[2].id, "\x00\xff", 2);
	p->n_alpn = 3;
	p->timeout_ms = 5000;
	p->offload = KTLSCTL_OFFLOAD_PREFER;
}

static void test_roundtrip(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	const struct nlattr *tb[KTLSCTL_A_POLICY_MAX + 1];
	struct ktlsctl_policy *in = malloc(sizeof(*in));
	struct ktlsctl_policy *out = malloc(sizeof(*out));
	struct nlmsghdr *nlh;

	full_policy(in);
	in->id = 99;	/* never sent by add */
	CHECK(ktlsctl_policy_add_msg(sock, in, &nlh) == 0);
	CHECK(cmd_of(nlh) == KTLSCTL_CMD_POLICY_ADD);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_policy_set, tb) == 0);
	CHECK(!tb[KTLSCTL_A_POLICY_ID]);
	/* Without an id it is no listing. */
	CHECK(ktlsctl_policy_parse(sock, nlh, out) == -EPROTO);
	CHECK_STR(ktlsctl_error(sock), "policy without id");

	/* The module's answer to a dump: the same with the id. */
	mnl_attr_put_u32(nlh, KTLSCTL_A_POLICY_ID, 7);
	CHECK(ktlsctl_policy_parse(sock, nlh, out) == 0);
	in->id = 7;
	in->has |= KTLSCTL_POLICY_HAS_ID;
	CHECK(out->has == in->has);
	CHECK(out->id == 7 && out->priority == 10);
	CHECK(out->role == KTLSCTL_ROLE_CLIENT &&
	      out->handler == KTLSCTL_HANDLER_TLS);
	CHECK(out->src.addr_len == 4 && out->src.prefix_len == 8 &&
	      out->src.port == 0 && out->src.addr[0] == 10);
	CHECK(out->dst.addr_len == 16 && out->dst.prefix_len == 64 &&
	      out->dst.port == 443 && out->dst.addr[0] == 0xfd);
	CHECK_STR(out->peer_name, "*.example.com");
	CHECK_STR(out->tag, "nfs");
	CHECK_STR(out->cred, "client-cert");
	CHECK_STR(out->trust, "corp-ca");
	CHECK_STR(out->psk, "nfs-psk");
	CHECK(out->auth == KTLSCTL_AUTH_X509);
	CHECK(out->tls_min == KTLSCTL_TLS_VERSION_TLS12 &&
	      out->tls_max == KTLSCTL_TLS_VERSION_TLS13);
	CHECK(out->n_ciphers == 2 &&
	      out->ciphers[0] == KTLSCTL_CIPHER_CHACHA20_POLY1305 &&
	      out->ciphers[1] == KTLSCTL_CIPHER_AES_128_GCM);
	CHECK(out->n_alpn == 3 && out->alpn[1].len == 8 &&
	      !memcmp(out->alpn[1].id, "http/1.1", 8) &&
	      out->alpn[2].len == 2 && !memcmp(out->alpn[2].id, "\x00\xff", 2));
	CHECK(out->timeout_ms == 5000 &&
	      out->offload == KTLSCTL_OFFLOAD_PREFER);
	/* And nothing else: the two structs are the same bytes. */
	CHECK(!memcmp(in, out, sizeof(*in)));

	/* Nothing set: an empty message. */
	memset(in, 0, sizeof(*in));
	CHECK(ktlsctl_policy_add_msg(sock, in, &nlh) == 0);
	CHECK(nlh->nlmsg_len == MNL_NLMSG_HDRLEN + GENL_HDRLEN);
	free(in);
	free(out);
	ktlsctl_close(sock);
}

/* The selector nests: address with its prefix, port in network order. */
static void test_selectors(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	const struct nlattr *tb[KTLSCTL_A_POLICY_MAX + 1];
	const struct nlattr *nt[KTLSCTL_A_ADDR_MAX + 1];
	struct ktlsctl_policy p = {};
	const uint8_t *port;
	struct nlmsghdr *nlh;

	p.has = KTLSCTL_POLICY_HAS_SRC | KTLSCTL_POLICY_HAS_DST;
	p.src.port = 443;
	p.dst.addr_len = 4;
	p.dst.addr[0] = 192;
	p.dst.prefix_len = 0;
	CHECK(ktlsctl_policy_add_msg(sock, &p, &nlh) == 0);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_policy_set, tb) == 0);
	CHECK(ktlsctl_parse_nested(sock, tb[KTLSCTL_A_POLICY_SRC],
				   &ktlsctl_addr_set, nt) == 0);
	CHECK(!nt[KTLSCTL_A_ADDR_ADDR] && !nt[KTLSCTL_A_ADDR_PREFIX_LEN]);
	port = mnl_attr_get_payload(nt[KTLSCTL_A_ADDR_PORT]);
	CHECK(port[0] == 0x01 && port[1] == 0xbb);
	CHECK(ktlsctl_parse_nested(sock, tb[KTLSCTL_A_POLICY_DST],
				   &ktlsctl_addr_set, nt) == 0);
	CHECK(mnl_attr_get_payload_len(nt[KTLSCTL_A_ADDR_ADDR]) == 4);
	/* A /0 is sent: it says "any IPv4 address". */
	CHECK(nt[KTLSCTL_A_ADDR_PREFIX_LEN] &&
	      mnl_attr_get_u8(nt[KTLSCTL_A_ADDR_PREFIX_LEN]) == 0);
	CHECK(!nt[KTLSCTL_A_ADDR_PORT]);
	ktlsctl_close(sock);
}

static void add_fails(const struct ktlsctl_policy *p, const char *msg)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	struct nlmsghdr *nlh;
	uint32_t id = 5;

	CHECK(ktlsctl_policy_add_msg(sock, p, &nlh) == -EINVAL);
	CHECK(!nlh);
	CHECK_STR(ktlsctl_error(sock), msg);
	CHECK(ktlsctl_policy_add(sock, p, &id) == -EINVAL && id == 5);
	ktlsctl_close(sock);
}

static void test_refused(void)
{
	struct ktlsctl_policy *p = malloc(sizeof(*p));

	full_policy(p);
	p->src.prefix_len = 33;
	add_fails(p, "src: prefix length 33, at most 32");
	full_policy(p);
	p->dst.prefix_len = 129;
	add_fails(p, "dst: prefix length 129, at most 128");
	full_policy(p);
	p->src.addr_len = 5;
	add_fails(p, "src: address of 5 bytes");
	full_policy(p);
	memset(&p->src, 0, sizeof(p->src));
	add_fails(p, "src: neither address nor port");
	full_policy(p);
	p->n_alpn = KTLSCTL_POLICY_MAX_ALPN + 1;
	add_fails(p, "17 ALPN identifiers, 1 to 16");
	full_policy(p);
	p->alpn[1].len = 0;
	add_fails(p, "ALPN identifier of 0 bytes, 1 to 255");
	full_policy(p);
	p->alpn[1].len = 256;
	add_fails(p, "ALPN identifier of 256 bytes, 1 to 255");
	full_policy(p);
	p->n_ciphers = 0;
	add_fails(p, "0 ciphers, 1 to 8");
	full_policy(p);
	p->ciphers[1] = 9;
	add_fails(p, "unknown cipher value 9");
	full_policy(p);
	p->role = 3;
	add_fails(p, "unknown role value 3");
	full_policy(p);
	p->tls_max = 0x0302;
	add_fails(p, "unknown tls-max value 770");
	full_policy(p);
	memset(p->peer_name, 'a', sizeof(p->peer_name));
	add_fails(p, "peer-name of more than 255 bytes");
	full_policy(p);
	memset(p->psk, 'a', sizeof(p->psk));
	add_fails(p, "psk of more than 64 bytes");
	/* Fields without their flag are not looked at. */
	full_policy(p);
	p->has &= ~KTLSCTL_POLICY_HAS_PSK;
	memset(p->psk, 'a', sizeof(p->psk));
	p->has &= ~KTLSCTL_POLICY_HAS_ROLE;
	p->role = 77;
	{
		struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
		struct nlmsghdr *nlh;

		CHECK(ktlsctl_policy_add_msg(sock, p, &nlh) == 0);
		ktlsctl_close(sock);
	}
	free(p);
}

static void test_requests(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	const struct nlattr *tb[KTLSCTL_A_POLICY_MAX + 1];
	const struct nlmsghdr *nlh = (const void *)sock->tx;

	CHECK(ktlsctl_policy_del(sock, 42) == -ENOTCONN);
	CHECK(cmd_of(nlh) == KTLSCTL_CMD_POLICY_DEL);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_policy_set, tb) == 0);
	CHECK(mnl_attr_get_u32(tb[KTLSCTL_A_POLICY_ID]) == 42);

	CHECK(ktlsctl_policy_flush(sock, KTLSCTL_ROLE_SERVER) == -ENOTCONN);
	CHECK(cmd_of(nlh) == KTLSCTL_CMD_POLICY_FLUSH);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_policy_set, tb) == 0);
	CHECK(mnl_attr_get_u32(tb[KTLSCTL_A_POLICY_ROLE]) ==
	      KTLSCTL_ROLE_SERVER);
	CHECK(ktlsctl_policy_flush(sock, 0) == -ENOTCONN);
	CHECK(nlh->nlmsg_len == MNL_NLMSG_HDRLEN + GENL_HDRLEN);

	CHECK(ktlsctl_policy_dump(sock, NULL, NULL) == -ENOTCONN);
	CHECK(cmd_of(nlh) == KTLSCTL_CMD_POLICY_GET);
	CHECK(nlh->nlmsg_flags & NLM_F_DUMP);
	CHECK(nlh->nlmsg_len == MNL_NLMSG_HDRLEN + GENL_HDRLEN);
	ktlsctl_close(sock);
}

static char buf[16384] __attribute__((aligned(4)));

static struct nlmsghdr *reply(uint32_t id)
{
	struct nlmsghdr *nlh = genl_msg(buf, sizeof(buf),
					KTLSCTL_CMD_POLICY_GET);

	mnl_attr_put_u32(nlh, KTLSCTL_A_POLICY_ID, id);
	return nlh;
}

static void test_parse_refused(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	struct ktlsctl_policy *p = malloc(sizeof(*p));
	unsigned char alpn[256];
	struct nlattr *nest;
	struct nlmsghdr *nlh;
	unsigned int i;

	/* Just an id: nothing else is set. */
	nlh = reply(3);
	CHECK(ktlsctl_policy_parse(sock, nlh, p) == 0);
	CHECK(p->has == KTLSCTL_POLICY_HAS_ID && p->id == 3);

	nlh = reply(3);
	for (i = 0; i <= KTLSCTL_POLICY_MAX_CIPHERS; i++)
		mnl_attr_put_u32(nlh, KTLSCTL_A_POLICY_CIPHER,
				 KTLSCTL_CIPHER_AES_128_GCM);
	CHECK(ktlsctl_policy_parse(sock, nlh, p) == -E2BIG);
	CHECK_STR(ktlsctl_error(sock), "policy with more than 8 ciphers");

	nlh = reply(3);
	for (i = 0; i <= KTLSCTL_POLICY_MAX_ALPN; i++)
		mnl_attr_put(nlh, KTLSCTL_A_POLICY_ALPN, 2, "h2");
	CHECK(ktlsctl_policy_parse(sock, nlh, p) == -E2BIG);

	memset(alpn, 'a', sizeof(alpn));
	nlh = reply(3);
	mnl_attr_put(nlh, KTLSCTL_A_POLICY_ALPN, 256, alpn);
	CHECK(ktlsctl_policy_parse(sock, nlh, p) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute policy.alpn: length 256, max 255");
	nlh = reply(3);
	mnl_attr_put(nlh, KTLSCTL_A_POLICY_ALPN, 0, alpn);
	CHECK(ktlsctl_policy_parse(sock, nlh, p) == -EINVAL);

	nlh = reply(3);
	mnl_attr_put_u32(nlh, KTLSCTL_A_POLICY_OFFLOAD, 4);
	CHECK(ktlsctl_policy_parse(sock, nlh, p) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute policy.offload: unknown offload value 4");

	nlh = reply(3);
	nest = mnl_attr_nest_start(nlh, KTLSCTL_A_POLICY_SRC);
	mnl_attr_put(nlh, KTLSCTL_A_ADDR_ADDR, 5, "12345");
	mnl_attr_nest_end(nlh, nest);
	CHECK(ktlsctl_policy_parse(sock, nlh, p) == -EINVAL);

	nlh = reply(3);
	nest = mnl_attr_nest_start(nlh, KTLSCTL_A_POLICY_DST);
	mnl_attr_put_u8(nlh, KTLSCTL_A_ADDR_PREFIX_LEN, 129);
	mnl_attr_nest_end(nlh, nest);
	CHECK(ktlsctl_policy_parse(sock, nlh, p) == -EINVAL);

	nlh = reply(3);
	memset(alpn, 'p', sizeof(alpn));
	alpn[255] = '\0';
	mnl_attr_put_strz(nlh, KTLSCTL_A_POLICY_PEER_NAME, (char *)alpn);
	CHECK(ktlsctl_policy_parse(sock, nlh, p) == 0);
	CHECK(strlen(p->peer_name) == 255);
	nlh = reply(3);
	mnl_attr_put_strz(nlh, KTLSCTL_A_POLICY_TAG, (char *)alpn);
	CHECK(ktlsctl_policy_parse(sock, nlh, p) == -EINVAL);
	free(p);
	ktlsctl_close(sock);
}

int main(void)
{
	test_roundtrip();
	test_selectors();
	test_refused();
	test_requests();
	test_parse_refused();
	return check_done("policy");
}
