// SPDX-License-Identifier: GPL-2.0
/*
 * The credential store in libktlsctl: cred-add built in the send buffer
 * and parsed back against the spec (every attribute, the largest message,
 * each limit refused with a message), the send buffer zeroed after a
 * cred-add whatever the send did, the cred-del and cred-get requests, and
 * cred-get listings decoded (binary identities, SANs, secrets never kept).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "check.h"
#include "genlmsg.h"
#include "ktlsctl-priv.h"

static const char cert_pem[] = "-----BEGIN CERTIFICATE-----\ncert\n";
static const char key_pem[] = "-----BEGIN PRIVATE KEY-----\nKEY-MARKER\n";
static const unsigned char secret[32] = "PSK-SECRET-MARKER-0123456789abc";

static uint8_t cmd_of(const struct nlmsghdr *nlh)
{
	return ((const struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd;
}

static bool attr_is(const struct nlattr *a, const void *data, size_t len)
{
	return a && mnl_attr_get_payload_len(a) == len &&
	       !memcmp(mnl_attr_get_payload(a), data, len);
}

static bool all_zero(const void *p, size_t len)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (c[i])
			return false;
	return true;
}

static void test_add_msg(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	const struct nlattr *tb[KTLSCTL_A_CRED_MAX + 1];
	struct ktlsctl_cred c = {
		.name = "web", .type = KTLSCTL_CRED_TYPE_CERT,
		.cert = cert_pem, .cert_len = sizeof(cert_pem) - 1,
		.key = key_pem, .key_len = sizeof(key_pem) - 1,
	};
	struct nlmsghdr *nlh;

	CHECK(ktlsctl_cred_add_msg(sock, &c, &nlh) == 0);
	CHECK(nlh && cmd_of(nlh) == KTLSCTL_CMD_CRED_ADD);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_cred_set, tb) == 0);
	CHECK_STR(mnl_attr_get_str(tb[KTLSCTL_A_CRED_NAME]), "web");
	CHECK(mnl_attr_get_u32(tb[KTLSCTL_A_CRED_TYPE]) ==
	      KTLSCTL_CRED_TYPE_CERT);
	CHECK(attr_is(tb[KTLSCTL_A_CRED_CERT], cert_pem, sizeof(cert_pem) - 1));
	CHECK(attr_is(tb[KTLSCTL_A_CRED_KEY], key_pem, sizeof(key_pem) - 1));
	CHECK(!tb[KTLSCTL_A_CRED_PSK_IDENTITY] &&
	      !tb[KTLSCTL_A_CRED_PSK_SECRET] && !tb[KTLSCTL_A_CRED_PSK_HASH] &&
	      !tb[KTLSCTL_A_CRED_CA] && !tb[KTLSCTL_A_CRED_CRL]);

	memset(&c, 0, sizeof(c));
	c.name = "nfs";
	c.type = KTLSCTL_CRED_TYPE_PSK;
	c.psk_identity = "\x01id";
	c.psk_identity_len = 3;
	c.psk_secret = secret;
	c.psk_secret_len = sizeof(secret);
	c.psk_hash = KTLSCTL_PSK_HASH_SHA384;
	CHECK(ktlsctl_cred_add_msg(sock, &c, &nlh) == 0);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_cred_set, tb) == 0);
	CHECK(mnl_attr_get_u32(tb[KTLSCTL_A_CRED_TYPE]) ==
	      KTLSCTL_CRED_TYPE_PSK);
	CHECK(attr_is(tb[KTLSCTL_A_CRED_PSK_IDENTITY], "\x01id", 3));
	CHECK(attr_is(tb[KTLSCTL_A_CRED_PSK_SECRET], secret, sizeof(secret)));
	CHECK(mnl_attr_get_u32(tb[KTLSCTL_A_CRED_PSK_HASH]) ==
	      KTLSCTL_PSK_HASH_SHA384);
	CHECK(!tb[KTLSCTL_A_CRED_CERT] && !tb[KTLSCTL_A_CRED_KEY]);

	memset(&c, 0, sizeof(c));
	c.name = "corp";
	c.type = KTLSCTL_CRED_TYPE_TRUST;
	c.ca = cert_pem;
	c.ca_len = 10;
	c.crl = "crl";
	c.crl_len = 3;
	CHECK(ktlsctl_cred_add_msg(sock, &c, &nlh) == 0);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_cred_set, tb) == 0);
	CHECK(attr_is(tb[KTLSCTL_A_CRED_CA], cert_pem, 10));
	CHECK(attr_is(tb[KTLSCTL_A_CRED_CRL], "crl", 3));
	CHECK(!tb[KTLSCTL_A_CRED_PSK_HASH]);
	ktlsctl_close(sock);
}

/* Four blobs of the largest size and every other part: it fits. */
static void test_add_largest(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	const struct nlattr *tb[KTLSCTL_A_CRED_MAX + 1];
	unsigned char *blob = malloc(KTLSCTL_BLOB_MAX_LEN);
	unsigned char ident[KTLSCTL_PSK_IDENTITY_MAX_LEN];
	unsigned char sec[KTLSCTL_PSK_SECRET_MAX_LEN];
	char name[KTLSCTL_NAME_MAX_LEN + 1];
	struct ktlsctl_cred c = {};
	struct nlmsghdr *nlh;

	memset(blob, 'b', KTLSCTL_BLOB_MAX_LEN);
	memset(ident, 'i', sizeof(ident));
	memset(sec, 's', sizeof(sec));
	memset(name, 'n', KTLSCTL_NAME_MAX_LEN);
	name[KTLSCTL_NAME_MAX_LEN] = '\0';
	c.name = name;
	c.type = KTLSCTL_CRED_TYPE_CERT;
	c.cert = blob;
	c.key = blob;
	c.ca = blob;
	c.crl = blob;
	c.cert_len = KTLSCTL_BLOB_MAX_LEN;
	c.key_len = KTLSCTL_BLOB_MAX_LEN;
	c.ca_len = KTLSCTL_BLOB_MAX_LEN;
	c.crl_len = KTLSCTL_BLOB_MAX_LEN;
	c.psk_identity = ident;
	c.psk_identity_len = sizeof(ident);
	c.psk_secret = sec;
	c.psk_secret_len = sizeof(sec);
	CHECK(ktlsctl_cred_add_msg(sock, &c, &nlh) == 0);
	CHECK(nlh->nlmsg_len < KTLSCTL_TX_SIZE);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_cred_set, tb) == 0);
	CHECK(attr_is(tb[KTLSCTL_A_CRED_CRL], blob, KTLSCTL_BLOB_MAX_LEN));
	CHECK(attr_is(tb[KTLSCTL_A_CRED_PSK_SECRET], sec, sizeof(sec)));
	CHECK_STR(mnl_attr_get_str(tb[KTLSCTL_A_CRED_NAME]), name);
	free(blob);
	ktlsctl_close(sock);
}

static void add_fails(const struct ktlsctl_cred *c, int want, const char *msg)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	struct nlmsghdr *nlh = (void *)1;

	CHECK(ktlsctl_cred_add_msg(sock, c, &nlh) == want);
	CHECK(!nlh);
	CHECK_STR(ktlsctl_error(sock), msg);
	/* Refused before a byte went into the send buffer. */
	CHECK(all_zero(sock->tx, KTLSCTL_TX_SIZE));
	CHECK(ktlsctl_cred_add(sock, c) == want);
	ktlsctl_close(sock);
}

static void test_add_limits(void)
{
	unsigned char *big = calloc(1, KTLSCTL_BLOB_MAX_LEN + 1);
	char name[KTLSCTL_NAME_MAX_LEN + 2];
	unsigned char ident[256] = "x";
	struct ktlsctl_cred psk = {
		.name = "p", .type = KTLSCTL_CRED_TYPE_PSK,
		.psk_identity = ident, .psk_identity_len = 1,
		.psk_secret = secret, .psk_secret_len = 16,
	};
	struct ktlsctl_cred cert = {
		.name = "c", .type = KTLSCTL_CRED_TYPE_CERT,
		.cert = big, .cert_len = KTLSCTL_BLOB_MAX_LEN + 1,
		.key = key_pem, .key_len = 4,
	};
	struct ktlsctl_cred c;

	add_fails(&cert, -EMSGSIZE, "cert of 60001 bytes, at most 60000");
	cert.cert_len = 4;
	cert.key = big;
	cert.key_len = KTLSCTL_BLOB_MAX_LEN + 1;
	add_fails(&cert, -EMSGSIZE, "key of 60001 bytes, at most 60000");
	cert.key_len = 4;
	c = cert;
	c.ca = big;
	c.ca_len = KTLSCTL_BLOB_MAX_LEN + 1;
	add_fails(&c, -EMSGSIZE, "ca of 60001 bytes, at most 60000");
	c = cert;
	c.crl = big;
	c.crl_len = KTLSCTL_BLOB_MAX_LEN + 1;
	add_fails(&c, -EMSGSIZE, "crl of 60001 bytes, at most 60000");
	c = cert;
	c.key = NULL;
	c.key_len = 0;
	add_fails(&c, -EINVAL,
		  "a cert credential needs a certificate and its key");

	c = psk;
	c.psk_secret_len = 15;
	add_fails(&c, -EINVAL, "psk secret of 15 bytes, at least 16");
	c.psk_secret = big;
	c.psk_secret_len = 65;
	add_fails(&c, -EMSGSIZE, "psk secret of 65 bytes, at most 64");
	c = psk;
	c.psk_identity_len = 256;
	add_fails(&c, -EMSGSIZE, "psk identity of 256 bytes, at most 255");
	c = psk;
	c.psk_secret = NULL;
	c.psk_secret_len = 0;
	add_fails(&c, -EINVAL, "a psk credential needs an identity and a secret");
	c = psk;
	c.psk_hash = 3;
	add_fails(&c, -EINVAL, "unknown psk hash 3");

	c = psk;
	c.type = KTLSCTL_CRED_TYPE_TRUST;
	add_fails(&c, -EINVAL, "a trust credential needs CA certificates");
	c.type = 0;
	add_fails(&c, -EINVAL, "unknown credential type 0");
	c.type = 4;
	add_fails(&c, -EINVAL, "unknown credential type 4");
	c = psk;
	c.name = "";
	add_fails(&c, -EINVAL, "credential without a name");
	c.name = NULL;
	add_fails(&c, -EINVAL, "credential without a name");
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	c.name = name;
	add_fails(&c, -EINVAL, "credential name of 65 bytes, at most 64");
	free(big);
}

/*
 * The socket has no netlink socket, so the send fails (-ENOTCONN) after
 * the message was built: the buffer must be all zeroes all the same.
 */
static void test_add_zeroed(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	struct ktlsctl_cred c = {
		.name = "web", .type = KTLSCTL_CRED_TYPE_CERT,
		.cert = cert_pem, .cert_len = sizeof(cert_pem) - 1,
		.key = key_pem, .key_len = sizeof(key_pem) - 1,
	};
	struct nlmsghdr *nlh;
	size_t len;

	/* The builder leaves the key there (so the test sees it go). */
	CHECK(ktlsctl_cred_add_msg(sock, &c, &nlh) == 0);
	CHECK(memmem(sock->tx, KTLSCTL_TX_SIZE, "KEY-MARKER", 10));
	len = nlh->nlmsg_len;
	memset(sock->tx, 0xa5, KTLSCTL_TX_SIZE);
	/* As if an error had echoed the request. */
	memcpy(sock->rx.data, sock->tx, 64);
	memcpy(sock->rx.data + 64, "KEY-MARKER", 10);

	CHECK(ktlsctl_cred_add(sock, &c) == -ENOTCONN);
	CHECK(!memmem(sock->tx, KTLSCTL_TX_SIZE, "KEY-MARKER", 10));
	/* All of the message, not just the secret; nothing beyond. */
	CHECK(all_zero(sock->tx, len));
	CHECK((unsigned char)sock->tx[len] == 0xa5);
	CHECK(all_zero(sock->rx.data, sock->rx.size));

	memset(sock->tx, 0, KTLSCTL_TX_SIZE);
	c.name = "nfs";
	c.type = KTLSCTL_CRED_TYPE_PSK;
	c.psk_identity = "id";
	c.psk_identity_len = 2;
	c.psk_secret = secret;
	c.psk_secret_len = sizeof(secret);
	CHECK(ktlsctl_cred_add(sock, &c) == -ENOTCONN);
	CHECK(all_zero(sock->tx, KTLSCTL_TX_SIZE));
	ktlsctl_close(sock);
}

/* The requests stay in the send buffer when the send fails: read them. */
static void test_del_dump_msg(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	const struct nlattr *tb[KTLSCTL_A_CRED_MAX + 1];
	const struct nlmsghdr *nlh = (const void *)sock->tx;

	CHECK(ktlsctl_cred_del(sock, KTLSCTL_CRED_TYPE_TRUST, "corp") ==
	      -ENOTCONN);
	CHECK(cmd_of(nlh) == KTLSCTL_CMD_CRED_DEL);
	CHECK(nlh->nlmsg_flags & NLM_F_ACK);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_cred_set, tb) == 0);
	CHECK_STR(mnl_attr_get_str(tb[KTLSCTL_A_CRED_NAME]), "corp");
	CHECK(mnl_attr_get_u32(tb[KTLSCTL_A_CRED_TYPE]) ==
	      KTLSCTL_CRED_TYPE_TRUST);
	CHECK(ktlsctl_cred_del(sock, KTLSCTL_CRED_TYPE_TRUST, "") == -EINVAL);
	CHECK(ktlsctl_cred_del(sock, 9, "corp") == -EINVAL);
	CHECK_STR(ktlsctl_error(sock), "unknown credential type 9");

	CHECK(ktlsctl_cred_dump(sock, KTLSCTL_CRED_TYPE_PSK, "nfs", NULL,
				NULL) == -ENOTCONN);
	CHECK(cmd_of(nlh) == KTLSCTL_CMD_CRED_GET);
	CHECK(nlh->nlmsg_flags & NLM_F_DUMP);
	CHECK(ktlsctl_parse(sock, nlh, &ktlsctl_cred_set, tb) == 0);
	CHECK_STR(mnl_attr_get_str(tb[KTLSCTL_A_CRED_NAME]), "nfs");
	CHECK(mnl_attr_get_u32(tb[KTLSCTL_A_CRED_TYPE]) ==
	      KTLSCTL_CRED_TYPE_PSK);

	/* No filter: no attribute at all. */
	CHECK(ktlsctl_cred_dump(sock, 0, NULL, NULL, NULL) == -ENOTCONN);
	CHECK(nlh->nlmsg_len == MNL_NLMSG_HDRLEN + GENL_HDRLEN);
	CHECK(ktlsctl_cred_dump(sock, 7, NULL, NULL, NULL) == -EINVAL);
	ktlsctl_close(sock);
}

static char buf[16384] __attribute__((aligned(4)));

static struct nlmsghdr *reply(void)
{
	struct nlmsghdr *nlh = genl_msg(buf, sizeof(buf), KTLSCTL_CMD_CRED_GET);

	nlh->nlmsg_flags = NLM_F_MULTI;
	return nlh;
}

static void test_parse(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	struct ktlsctl_cred_entry *e = malloc(sizeof(*e));
	unsigned char fp[32], ident[256];
	struct nlmsghdr *nlh;
	char san[32];
	unsigned int i;

	for (i = 0; i < sizeof(fp); i++)
		fp[i] = (unsigned char)(0xf0 + i);
	nlh = reply();
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, "web");
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_TYPE, KTLSCTL_CRED_TYPE_CERT);
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_SUBJECT, "CN=web.test,O=Test");
	for (i = 0; i < KTLSCTL_CRED_MAX_SANS + 2; i++) {
		snprintf(san, sizeof(san), "DNS:host%u.test", i);
		mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_SAN, san);
	}
	mnl_attr_put_u64(nlh, KTLSCTL_A_CRED_NOT_AFTER, 1767225600);
	mnl_attr_put(nlh, KTLSCTL_A_CRED_FINGERPRINT, sizeof(fp), fp);
	/* A module that broke the rule: the secrets are never copied. */
	mnl_attr_put(nlh, KTLSCTL_A_CRED_KEY, sizeof(key_pem), key_pem);
	mnl_attr_put(nlh, KTLSCTL_A_CRED_PSK_SECRET, sizeof(secret), secret);
	CHECK(ktlsctl_cred_parse(sock, nlh, e) == 0);
	CHECK(e->has == (KTLSCTL_CRED_HAS_TYPE | KTLSCTL_CRED_HAS_SUBJECT |
			 KTLSCTL_CRED_HAS_NOT_AFTER |
			 KTLSCTL_CRED_HAS_FINGERPRINT));
	CHECK_STR(e->name, "web");
	CHECK(e->type == KTLSCTL_CRED_TYPE_CERT);
	CHECK_STR(e->subject, "CN=web.test,O=Test");
	CHECK(e->n_sans == KTLSCTL_CRED_MAX_SANS);
	CHECK_STR(e->sans[0], "DNS:host0.test");
	CHECK_STR(e->sans[15], "DNS:host15.test");
	CHECK(e->not_after == 1767225600);
	CHECK(!memcmp(e->fingerprint, fp, sizeof(fp)));
	CHECK(!memmem(e, sizeof(*e), "KEY-MARKER", 10));
	CHECK(!memmem(e, sizeof(*e), "PSK-SECRET-MARKER", 17));

	/* A PSK: binary identity shown in hex, a printable one as is. */
	nlh = reply();
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, "nfs");
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_TYPE, KTLSCTL_CRED_TYPE_PSK);
	mnl_attr_put(nlh, KTLSCTL_A_CRED_PSK_IDENTITY, 3, "\x00\xab\x7f");
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_PSK_HASH, KTLSCTL_PSK_HASH_SHA256);
	CHECK(ktlsctl_cred_parse(sock, nlh, e) == 0);
	CHECK(e->has == (KTLSCTL_CRED_HAS_TYPE | KTLSCTL_CRED_HAS_PSK_IDENTITY |
			 KTLSCTL_CRED_HAS_PSK_HASH));
	CHECK(e->psk_identity_len == 3 &&
	      !memcmp(e->psk_identity, "\x00\xab\x7f", 3));
	CHECK_STR(e->psk_identity_str, "00ab7f");
	CHECK(e->psk_hash == KTLSCTL_PSK_HASH_SHA256 && e->n_sans == 0);

	memset(ident, 'i', sizeof(ident));
	nlh = reply();
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, "nfs");
	mnl_attr_put(nlh, KTLSCTL_A_CRED_PSK_IDENTITY, 255, ident);
	CHECK(ktlsctl_cred_parse(sock, nlh, e) == 0);
	CHECK(strlen(e->psk_identity_str) == 255 &&
	      e->psk_identity_str[254] == 'i');

	/* Refused: too long an identity, a bad fingerprint, no name. */
	nlh = reply();
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, "nfs");
	mnl_attr_put(nlh, KTLSCTL_A_CRED_PSK_IDENTITY, 256, ident);
	CHECK(ktlsctl_cred_parse(sock, nlh, e) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute cred.psk-identity: length 256, max 255");
	nlh = reply();
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, "web");
	mnl_attr_put(nlh, KTLSCTL_A_CRED_FINGERPRINT, 20, fp);
	CHECK(ktlsctl_cred_parse(sock, nlh, e) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute cred.fingerprint: length 20, want 32");
	nlh = reply();
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_TYPE, KTLSCTL_CRED_TYPE_CERT);
	CHECK(ktlsctl_cred_parse(sock, nlh, e) == -EPROTO);
	CHECK_STR(ktlsctl_error(sock), "credential without a name");
	nlh = reply();
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, "web");
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_TYPE, 4);
	CHECK(ktlsctl_cred_parse(sock, nlh, e) == -EINVAL);
	free(e);
	ktlsctl_close(sock);
}

int main(void)
{
	test_add_msg();
	test_add_largest();
	test_add_limits();
	test_add_zeroed();
	test_del_dump_msg();
	test_parse();
	return check_done("cred");
}
