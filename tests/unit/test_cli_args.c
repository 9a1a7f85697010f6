// SPDX-License-Identifier: GPL-2.0
/*
 * The CLI's arguments for the credential and policy store, without a
 * kernel: address selectors in every form (and the bad ones, and random
 * strings), the keywords of "policy add" and "cred|psk|trust add", PSK
 * secret files, the reading of files, -n with a bad namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "libktlsctl.h"

/* The error lines of the bad cases go nowhere; CHECK's still show. */
static int saved_stderr = -1;

static void quiet(bool on)
{
	fflush(stderr);
	if (on) {
		saved_stderr = dup(2);
		if (!freopen("/dev/null", "w", stderr))
			return;
	} else if (saved_stderr >= 0) {
		dup2(saved_stderr, 2);
		close(saved_stderr);
		saved_stderr = -1;
		clearerr(stderr);
	}
}

static void sel_ok(const char *s, unsigned int addr_len,
		   const char *addr_hex, unsigned int prefix, uint16_t port)
{
	struct ktlsctl_addr_sel a;
	const char *why = sel_parse(s, &a);
	char hex[40] = "";
	unsigned int i;

	if (why)
		fprintf(stderr, "selector \"%s\": %s\n", s, why);
	CHECK(!why);
	for (i = 0; i < a.addr_len && i < 16; i++)
		snprintf(hex + 2 * i, sizeof(hex) - 2 * i, "%02x", a.addr[i]);
	CHECK(a.present);
	CHECK(a.addr_len == addr_len);
	CHECK_STR(hex, addr_hex);
	CHECK(a.prefix_len == prefix);
	CHECK(a.port == port);
}

static void sel_bad(const char *s, const char *want)
{
	struct ktlsctl_addr_sel a;
	const char *why = sel_parse(s, &a);

	if (!why)
		fprintf(stderr, "selector \"%s\" accepted\n", s);
	CHECK_STR(why, want);
}

static void test_selectors(void)
{
	sel_ok("10.0.0.0/8", 4, "0a000000", 8, 0);
	sel_ok("10.0.0.1", 4, "0a000001", 32, 0);
	sel_ok("10.0.0.0/8:443", 4, "0a000000", 8, 443);
	sel_ok("10.0.0.1:443", 4, "0a000001", 32, 443);
	sel_ok("0.0.0.0/0", 4, "00000000", 0, 0);
	sel_ok("192.0.2.0/24:65535", 4, "c0000200", 24, 65535);
	sel_ok("fd00::/8", 16, "fd000000000000000000000000000000", 8, 0);
	sel_ok("fd00::1", 16, "fd000000000000000000000000000001", 128, 0);
	sel_ok("[fd00::1]", 16, "fd000000000000000000000000000001", 128, 0);
	sel_ok("[fd00::]/8:443", 16, "fd000000000000000000000000000000", 8,
	       443);
	sel_ok("[fd00::1]:443", 16, "fd000000000000000000000000000001", 128,
	       443);
	sel_ok("[fd00::]/64", 16, "fd000000000000000000000000000000", 64, 0);
	sel_ok("::/0", 16, "00000000000000000000000000000000", 0, 0);
	sel_ok("::1", 16, "00000000000000000000000000000001", 128, 0);
	sel_ok("[::]:443", 16, "00000000000000000000000000000000", 128, 443);
	sel_ok("[::ffff:10.0.0.1]:1", 16, "00000000000000000000ffff0a000001",
	       128, 1);
	/* Without brackets the last group is part of the address. */
	sel_ok("fd00::1:443", 16, "fd000000000000000000000000010443", 128, 0);
	sel_ok(":443", 0, "", 0, 443);
	sel_ok(":1", 0, "", 0, 1);

	sel_bad("10.0.0.0/33", "prefix length is 0 to 32 for IPv4");
	sel_bad("fd00::/129", "prefix length is 0 to 128 for IPv6");
	sel_bad("[fd00::]/129:443", "prefix length is 0 to 128 for IPv6");
	sel_bad("10.0.0.0/1000", "prefix length is 0 to 32 for IPv4");
	sel_bad("10.0.0.0/", "prefix length is 0 to 32 for IPv4");
	sel_bad("10.0.0.0/-1", "prefix length is 0 to 32 for IPv4");
	sel_bad("10.0.0.0/+8", "prefix length is 0 to 32 for IPv4");
	sel_bad("[fd00::1", "missing \"]\"");
	sel_bad("[10.0.0.1]", "not an IPv6 address");
	sel_bad("[]:443", "not an IPv6 address");
	sel_bad(":0", "port is 1 to 65535");
	sel_bad(":", "port is 1 to 65535");
	sel_bad(":65536", "port is 1 to 65535");
	sel_bad(":99999999999999999999", "port is 1 to 65535");
	sel_bad("10.0.0.1:65536", "port is 1 to 65535");
	sel_bad("[fd00::1]:70000", "port is 1 to 65535");
	sel_bad("10.0.0.1:", "port is 1 to 65535");
	sel_bad("10.0.0.1:-1", "port is 1 to 65535");
	sel_bad("fd00::/8:443",
		"an IPv6 address with a port goes in brackets: [ADDR]:PORT");
	sel_bad("", "empty selector");
	sel_bad("/8", "not an IPv4 or IPv6 address");
	sel_bad(":443/8", "trailing characters");
	sel_bad("::1:443:", "not an IPv4 or IPv6 address");
	sel_bad("::/0:443",
		"an IPv6 address with a port goes in brackets: [ADDR]:PORT");
	sel_bad("10.0.0.256", "not an IPv4 or IPv6 address");
	sel_bad("10.0.0", "not an IPv4 or IPv6 address");
	sel_bad("server.test:443", "not an IPv4 or IPv6 address");
	sel_bad("10.0.0.1/8x", "trailing characters");
	sel_bad("10.0.0.1:443:1", "trailing characters");
	sel_bad("[fd00::1]x", "trailing characters");
	sel_bad(" 10.0.0.1", "not an IPv4 or IPv6 address");
}

/* Random strings of the selector alphabet: accepted ones make sense. */
static void test_selectors_random(void)
{
	static const char abc[] = "0123456789abcdef:./[]f:0.1";
	struct ktlsctl_addr_sel a;
	uint64_t x = 0x6b746c73;
	unsigned int i, j, n, ok = 0;
	char s[48];

	for (i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		n = (unsigned int)(x % 24);
		for (j = 0; j < n; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			s[j] = abc[x % (sizeof(abc) - 1)];
		}
		s[n] = '\0';
		if (sel_parse(s, &a))
			continue;
		ok++;
		CHECK(a.present && (a.addr_len || a.port));
		CHECK(a.addr_len == 0 || a.addr_len == 4 || a.addr_len == 16);
		CHECK(a.prefix_len <= a.addr_len * 8);
	}
	CHECK(ok > 0);
}

static int args(struct ktlsctl_policy *p, ...)
{
	char *argv[64];
	va_list ap;
	int argc = 0, err;

	va_start(ap, p);
	while (argc < 63 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	quiet(true);
	err = policy_args(argc, argv, p);
	quiet(false);
	return err;
}

static void test_policy_args(void)
{
	struct ktlsctl_policy *p = malloc(sizeof(*p));
	char many[16 * 3 + 8], big[300];
	unsigned int i;

	CHECK(args(p, "dir", "server", "proto", "tcp", "src", "10.0.0.0/8",
		   "dst", "[fd00::1]:443", "peer-name", "*.example.com",
		   "tag", "nfs", "cred", "srv", "trust", "corp", "psk", "p1",
		   "auth", "x509", "tls-min", "1.2", "tls-max", "tls13",
		   "cipher", "aes-256-gcm,AES-128-GCM", "alpn", "h2,http/1.1",
		   "timeout", "5000", "offload", "require", "priority", "0",
		   NULL) == 0);
	CHECK(p->has == (KTLSCTL_POLICY_HAS_ROLE | KTLSCTL_POLICY_HAS_HANDLER |
			 KTLSCTL_POLICY_HAS_SRC | KTLSCTL_POLICY_HAS_DST |
			 KTLSCTL_POLICY_HAS_PEER_NAME | KTLSCTL_POLICY_HAS_TAG |
			 KTLSCTL_POLICY_HAS_CRED | KTLSCTL_POLICY_HAS_TRUST |
			 KTLSCTL_POLICY_HAS_PSK | KTLSCTL_POLICY_HAS_AUTH |
			 KTLSCTL_POLICY_HAS_TLS_MIN |
			 KTLSCTL_POLICY_HAS_TLS_MAX |
			 KTLSCTL_POLICY_HAS_CIPHER | KTLSCTL_POLICY_HAS_ALPN |
			 KTLSCTL_POLICY_HAS_TIMEOUT |
			 KTLSCTL_POLICY_HAS_OFFLOAD |
			 KTLSCTL_POLICY_HAS_PRIORITY));
	CHECK(p->role == KTLSCTL_ROLE_SERVER &&
	      p->handler == KTLSCTL_HANDLER_TLS);
	CHECK(p->src.addr_len == 4 && p->src.prefix_len == 8);
	CHECK(p->dst.addr_len == 16 && p->dst.port == 443);
	CHECK_STR(p->peer_name, "*.example.com");
	CHECK_STR(p->tag, "nfs");
	CHECK_STR(p->cred, "srv");
	CHECK_STR(p->trust, "corp");
	CHECK_STR(p->psk, "p1");
	CHECK(p->auth == KTLSCTL_AUTH_X509);
	CHECK(p->tls_min == KTLSCTL_TLS_VERSION_TLS12 &&
	      p->tls_max == KTLSCTL_TLS_VERSION_TLS13);
	CHECK(p->n_ciphers == 2 && p->ciphers[0] == KTLSCTL_CIPHER_AES_256_GCM &&
	      p->ciphers[1] == KTLSCTL_CIPHER_AES_128_GCM);
	CHECK(p->n_alpn == 2 && p->alpn[0].len == 2 && p->alpn[1].len == 8 &&
	      !memcmp(p->alpn[1].id, "http/1.1", 8));
	CHECK(p->timeout_ms == 5000 && p->offload == KTLSCTL_OFFLOAD_REQUIRE &&
	      p->priority == 0);

	CHECK(args(p, NULL) == 0 && p->has == 0);
	CHECK(args(p, "proto", "udp", NULL) == 0 &&
	      p->handler == KTLSCTL_HANDLER_DTLS);
	CHECK(args(p, "proto", "quic", "dst", ":853", NULL) == 0 &&
	      p->handler == KTLSCTL_HANDLER_QUIC && p->dst.port == 853 &&
	      !p->dst.addr_len);
	CHECK(args(p, "priority", "4294967295", NULL) == 0 &&
	      p->priority == UINT32_MAX);

	/* Grammar: unknown, valueless, repeated. */
	CHECK(args(p, "bogus", "1", NULL) == -ENOENT);
	CHECK(args(p, "dir", NULL) == -ENOENT);
	CHECK(args(p, "dir", "client", "dir", "server", NULL) == -ENOENT);
	/* Values. */
	CHECK(args(p, "src", "10.0.0.0/33", NULL) == -EINVAL);
	CHECK(args(p, "dst", "[fd00::1", NULL) == -EINVAL);
	CHECK(args(p, "dst", ":0", NULL) == -EINVAL);
	CHECK(args(p, "dst", "10.0.0.1:65536", NULL) == -EINVAL);
	CHECK(args(p, "dir", "both", NULL) == -EINVAL);
	CHECK(args(p, "proto", "sctp", NULL) == -EINVAL);
	CHECK(args(p, "proto", "tls", NULL) == -EINVAL);
	CHECK(args(p, "auth", "none", NULL) == -EINVAL);
	CHECK(args(p, "tls-min", "1.1", NULL) == -EINVAL);
	CHECK(args(p, "tls-min", "1.3", "tls-max", "1.2", NULL) == -EINVAL);
	CHECK(args(p, "cipher", "aes-128-gcm,des", NULL) == -EINVAL);
	CHECK(args(p, "cipher", "aes-128-gcm,", NULL) == -EINVAL);
	CHECK(args(p, "cipher", "", NULL) == -EINVAL);
	CHECK(args(p, "cipher", "aes-128-gcm,aes-128-gcm", NULL) == -EINVAL);
	CHECK(args(p, "cipher", "aes-128-gcm-with-a-very-long-name-x",
		   NULL) == -EINVAL);
	CHECK(args(p, "alpn", "h2,", NULL) == -EINVAL);
	CHECK(args(p, "alpn", ",h2", NULL) == -EINVAL);
	CHECK(args(p, "alpn", "h2,,http/1.1", NULL) == -EINVAL);
	CHECK(args(p, "alpn", "", NULL) == -EINVAL);
	for (i = 0; i < 17; i++)
		memcpy(many + 3 * i, i < 16 ? "a1," : "a1\0", 3);
	CHECK(args(p, "alpn", many, NULL) == -EINVAL);
	many[3 * 15 + 2] = '\0';	/* sixteen */
	CHECK(args(p, "alpn", many, NULL) == 0 && p->n_alpn == 16);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(args(p, "alpn", big, NULL) == -EINVAL);
	CHECK(args(p, "peer-name", big, NULL) == -EINVAL);
	big[255] = '\0';
	CHECK(args(p, "peer-name", big, NULL) == 0);
	CHECK(args(p, "alpn", big, NULL) == 0 && p->alpn[0].len == 255);
	big[65] = '\0';
	CHECK(args(p, "cred", big, NULL) == -EINVAL);
	CHECK(args(p, "tag", "", NULL) == -EINVAL);
	big[64] = '\0';
	CHECK(args(p, "trust", big, NULL) == 0);
	CHECK(args(p, "timeout", "0", NULL) == -EINVAL);
	CHECK(args(p, "timeout", "-5", NULL) == -EINVAL);
	CHECK(args(p, "timeout", "4294967296", NULL) == -EINVAL);
	CHECK(args(p, "timeout", "10ms", NULL) == -EINVAL);
	CHECK(args(p, "priority", "-1", NULL) == -EINVAL);
	CHECK(args(p, "priority", "0x10", NULL) == -EINVAL);
	CHECK(args(p, "offload", "always", NULL) == -EINVAL);
	free(p);
}

static int cargs(uint32_t type, struct cred_args *a, ...)
{
	char *argv[16];
	va_list ap;
	int argc = 0, err;

	va_start(ap, a);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	quiet(true);
	err = cred_args(type, argc, argv, a);
	quiet(false);
	return err;
}

static void test_cred_args(void)
{
	const uint32_t cert = KTLSCTL_CRED_TYPE_CERT;
	const uint32_t psk = KTLSCTL_CRED_TYPE_PSK;
	const uint32_t trust = KTLSCTL_CRED_TYPE_TRUST;
	char name[80];
	struct cred_args a;

	CHECK(cargs(cert, &a, "web", "cert", "c.pem", "key", "k.pem",
		    NULL) == 0);
	CHECK_STR(a.name, "web");
	CHECK_STR(a.cert, "c.pem");
	CHECK_STR(a.key, "k.pem");
	CHECK(cargs(cert, &a, "web", "key", "k.pem", "cert", "c.pem",
		    NULL) == 0);
	CHECK(cargs(cert, &a, "web", "cert", "c.pem", NULL) == -ENOENT);
	CHECK(cargs(cert, &a, NULL) == -ENOENT);
	CHECK(cargs(cert, &a, "web", "cert", "c.pem", "key", NULL) == -ENOENT);
	CHECK(cargs(cert, &a, "web", "cert", "c", "cert", "d", "key", "k",
		    NULL) == -ENOENT);
	/* Another type's keyword. */
	CHECK(cargs(cert, &a, "web", "cert", "c", "key", "k", "ca", "x",
		    NULL) == -ENOENT);
	memset(name, 'n', 65);
	name[65] = '\0';
	CHECK(cargs(cert, &a, name, "cert", "c", "key", "k", NULL) == -EINVAL);
	name[64] = '\0';
	CHECK(cargs(cert, &a, name, "cert", "c", "key", "k", NULL) == 0);

	CHECK(cargs(psk, &a, "nfs", "identity", "client1", "secret-file",
		    "s.hex", NULL) == 0);
	CHECK_STR(a.identity, "client1");
	CHECK_STR(a.secret_file, "s.hex");
	CHECK(a.psk_hash == 0 && !a.hash);
	CHECK(cargs(psk, &a, "nfs", "identity", "client1", "secret-file",
		    "s.hex", "hash", "sha384", NULL) == 0);
	CHECK(a.psk_hash == KTLSCTL_PSK_HASH_SHA384);
	CHECK(cargs(psk, &a, "nfs", "identity", "client1", "secret-file",
		    "s.hex", "hash", "md5", NULL) == -EINVAL);
	CHECK(cargs(psk, &a, "nfs", "identity", "", "secret-file", "s",
		    NULL) == -EINVAL);
	CHECK(cargs(psk, &a, "nfs", "secret-file", "s", NULL) == -ENOENT);
	CHECK(cargs(psk, &a, "nfs", "identity", "i", "secret", "s",
		    NULL) == -ENOENT);

	CHECK(cargs(trust, &a, "corp", "ca", "ca.pem", NULL) == 0);
	CHECK(!a.crl);
	CHECK(cargs(trust, &a, "corp", "ca", "ca.pem", "crl", "crl.pem",
		    NULL) == 0);
	CHECK_STR(a.crl, "crl.pem");
	CHECK(cargs(trust, &a, "corp", "crl", "crl.pem", NULL) == -ENOENT);
	CHECK(cargs(trust, &a, "", "ca", "ca.pem", NULL) == -EINVAL);
}

static int hex(const char *s, unsigned char *out, size_t *len)
{
	return cred_psk_hex((const unsigned char *)s, strlen(s), out, len);
}

static void test_psk_hex(void)
{
	unsigned char out[KTLSCTL_PSK_SECRET_MAX_LEN];
	char digits[200];
	size_t len = 0;

	/* As "openssl rand -hex 16" writes it. */
	CHECK(hex("00112233445566778899aabbccddeeff\n", out, &len) == 0);
	CHECK(len == 16 && out[0] == 0x00 && out[1] == 0x11 &&
	      out[15] == 0xff);
	CHECK(hex("  \t00112233445566778899AABBCCDDEEFF\r\n\n", out,
		  &len) == 0);
	CHECK(len == 16 && out[10] == 0xaa);
	memset(digits, 'f', 128);
	digits[128] = '\0';
	CHECK(hex(digits, out, &len) == 0 && len == 64 && out[63] == 0xff);
	digits[130] = '\0';
	digits[129] = 'f';
	digits[128] = 'f';
	CHECK(hex(digits, out, &len) == -ERANGE);
	CHECK(hex("00112233445566778899aabbccddee", out, &len) == -ERANGE);
	CHECK(hex("", out, &len) == -ERANGE);
	CHECK(hex("0011223344556677 8899aabbccddeeff", out, &len) == -EINVAL);
	CHECK(hex("00112233445566778899aabbccddeeff0", out, &len) == -EINVAL);
	CHECK(hex("0x112233445566778899aabbccddeeff", out, &len) == -EINVAL);
	/* Raw binary is refused, whatever its length. */
	CHECK(cred_psk_hex((const unsigned char *)"\x01\x02\xfe\x80"
			   "0123456789abcdef0123456789ab", 32, out,
			   &len) == -EINVAL);
}

static void test_files(void)
{
	char path[] = "/tmp/ktlsctl-unit-XXXXXX";
	unsigned char *buf;
	size_t len;
	int fd;

	fd = mkstemp(path);
	CHECK(fd >= 0);
	CHECK(write(fd, "0123456789", 10) == 10);
	close(fd);
	CHECK(cli_read_file(path, 10, &buf, &len) == 0);
	CHECK(len == 10 && !memcmp(buf, "0123456789", 10));
	cli_free_secret(buf, len);
	CHECK(cli_read_file(path, 9, &buf, &len) == -EFBIG && !buf && !len);
	unlink(path);
	CHECK(cli_read_file(path, 10, &buf, &len) == -ENOENT && !buf);

	quiet(true);
	CHECK(cli_netns("../x") == -EINVAL);
	CHECK(cli_netns("") == -EINVAL);
	CHECK(cli_netns("ktlsctl-unit-no-such-netns") == -ENOENT);
	quiet(false);
}

/* The words of restore lines, as save quotes them. */
static void test_split_line(void)
{
	char *w[8];
	char line[128];

	strcpy(line, "  cred add  a cert /x/y.crt\n");
	CHECK(cli_split_line(line, w, 8) == 5);
	CHECK(!strcmp(w[0], "cred") && !strcmp(w[4], "/x/y.crt"));
	strcpy(line, "psk add p identity \"a b \\\"c\\\\\" hash sha384");
	CHECK(cli_split_line(line, w, 8) == 7);
	CHECK(!strcmp(w[4], "a b \"c\\"));
	CHECK(!strcmp(w[6], "sha384"));
	strcpy(line, "peer-name \"\"");
	CHECK(cli_split_line(line, w, 8) == 2 && !strcmp(w[1], ""));
	strcpy(line, "# a comment");
	CHECK(cli_split_line(line, w, 8) == 0);
	strcpy(line, " \t\r\n");
	CHECK(cli_split_line(line, w, 8) == 0);
	strcpy(line, "tag \"open");
	CHECK(cli_split_line(line, w, 8) == -EINVAL);
	strcpy(line, "a b c d e f g h i");
	CHECK(cli_split_line(line, w, 8) == -EINVAL);
	strcpy(line, "a#b c");
	CHECK(cli_split_line(line, w, 8) == 2 && !strcmp(w[0], "a#b"));
}

int main(void)
{
	test_selectors();
	test_selectors_random();
	test_policy_args();
	test_cred_args();
	test_psk_hex();
	test_files();
	test_split_line();
	return check_done("cli-args");
}
