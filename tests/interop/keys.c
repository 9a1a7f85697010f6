// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon's handshake engine against real TLS peers on 127.0.0.1, and
 * proof that the record-layer state it extracts is exact, without a kernel:
 * after the engine's handshake, this program seals an application record
 * itself with the extracted tx key/IV/sequence number (RFC 8446 5.2-5.3,
 * RFC 5246 6.2.3.3 / RFC 7905 nonce and AAD), sends it, and opens the
 * peer's records with the rx state (a TLS 1.3 server's NewSessionTickets
 * included), exactly as kTLS would continue the stream.
 *
 *   ktlsctl-keys-test MODE VERSION CIPHER
 *   MODE    openssl | gnutls     engine client vs s_server -rev / gnutls-serv --echo
 *           server | server-mtls engine server (2 tickets in TLS 1.3) vs s_client
 *           psk                  engine client, external PSK, vs s_server -psk
 *           neg-ca | neg-name | neg-psk | neg-mtls   failures and their status
 *   VERSION tls12 | tls13;  CIPHER aes128gcm | aes256gcm | chacha | aes128ccm
 *
 * Exit 0 pass, 1 fail, 77 skip (peer tool missing).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "tls.h"

#define TIMEOUT_MS 8000

static char dir[64];
static pid_t peer_pid = -1;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void cleanup(void)
{
	char cmd[160];

	if (peer_pid > 0) {
		kill(peer_pid, SIGTERM);
		waitpid(peer_pid, NULL, 0);
		peer_pid = -1;
	}
	if (dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd))
			fprintf(stderr, "cannot remove %s\n", dir);
		dir[0] = '\0';
	}
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "FAIL: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (dir[0]) {
		char cmd[160];

		snprintf(cmd, sizeof(cmd), "cat '%s/peer.log' >&2 2>/dev/null",
			 dir);
		if (system(cmd))
			fprintf(stderr, "(no peer log)\n");
	}
	cleanup();
	exit(1);
}

static void run(const char *cmd)
{
	if (system(cmd))
		fail("command failed: %s", cmd);
}

/* A CA, a server (localhost) and a client certificate, ECDSA P-256. */
static void make_certs(void)
{
	static const char *const cmds[] = {
		"printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' >srv.ext",
		"for ca in ca otherca; do openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $ca.key -out $ca.pem -subj /CN=$ca -days 2 -addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign 2>/dev/null || exit 1; done",
		"openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout srv.key -out srv.csr -subj /CN=localhost 2>/dev/null && openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem -days 2 -extfile srv.ext 2>/dev/null",
		"openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout cli.key -out cli.csr -subj /O=ktlsctl/CN=client1 2>/dev/null && openssl x509 -req -in cli.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out cli.pem -days 2 2>/dev/null",
	};
	unsigned int i;

	if (chdir(dir))
		fail("%s: %s", dir, strerror(errno));
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		run(cmds[i]);
}

static struct ktlsctl_blob file_blob(const char *name)
{
	struct ktlsctl_blob b = { 0 };
	char path[128];
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0)
		fail("%s: %s", path, strerror(errno));
	rewind(f);
	b.data = malloc((size_t)n);
	b.len = fread(b.data, 1, (size_t)n, f);
	fclose(f);
	return b;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Starts argv with stdin/stdout on pipes (fds returned, -1: none). */
static void spawn(char *const argv[], int *in, int *out)
{
	int pin[2], pout[2];

	if (pipe2(pin, O_CLOEXEC) || pipe2(pout, O_CLOEXEC))
		fail("pipe");
	peer_pid = fork();
	if (peer_pid < 0)
		fail("fork");
	if (!peer_pid) {
		char log[128];
		int lfd;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		snprintf(log, sizeof(log), "%s/peer.log", dir);
		lfd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		if (lfd >= 0)
			dup2(lfd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pin[0]);
	close(pout[1]);
	*in = pin[1];
	*out = pout[0];
}

/*
 * Reads from fd until needle shows up, and with line a newline after it
 * (or the deadline); buf gets it all.
 */
static void wait_for(int fd, const char *needle, bool line, char *buf,
		     size_t size)
{
	uint64_t end = now_ms() + TIMEOUT_MS;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t len = 0;
	ssize_t n;

	buf[0] = '\0';
	while (!strstr(buf, needle) ||
	       (line && !strchr(strstr(buf, needle), '\n'))) {
		if (now_ms() >= end || poll(&p, 1, (int)(end - now_ms())) <= 0)
			fail("timeout waiting for \"%s\" (got \"%s\")", needle,
			     buf);
		n = read(fd, buf + len, size - len - 1);
		if (n <= 0)
			fail("peer output ended before \"%s\" (got \"%s\")",
			     needle, buf);
		len += (size_t)n;
		buf[len] = '\0';
	}
}

static int connect_port(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	uint64_t end = now_ms() + TIMEOUT_MS;
	int fd;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (;;) {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (!connect(fd, (struct sockaddr *)&a, sizeof(a)))
			return fd;
		close(fd);
		if (now_ms() >= end)
			fail("cannot connect to port %d", port);
		usleep(20000);
	}
}

static int listen_any(int *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(fd, 1) || getsockname(fd, (struct sockaddr *)&a, &len))
		fail("listen: %s", strerror(errno));
	*port = ntohs(a.sin_port);
	return fd;
}

/* Runs the engine to completion: 0, or the failure status. */
static int handshake(const struct tls_params *p, int fd, struct tls_result *r)
{
	uint64_t end = now_ms() + TIMEOUT_MS;
	struct tls_conn *c;
	struct pollfd pfd = { .fd = fd };
	uint32_t ev = 0;
	int ret;

	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	ret = tls_conn_new(p, fd, &c);
	if (ret)
		return ret;
	while ((ret = tls_conn_step(c, &ev)) == -EAGAIN) {
		pfd.events = (short)ev;
		if (now_ms() >= end ||
		    poll(&pfd, 1, (int)(end - now_ms())) <= 0) {
			ret = ETIMEDOUT;
			break;
		}
	}
	if (!ret)
		ret = tls_conn_result(c, r);
	else
		fprintf(stderr, "handshake: %s (%s)\n", strerror(ret),
			tls_conn_error(c));
	tls_conn_free(c);
	return ret;
}

/* The record layer, as kTLS runs it. */
struct rl {
	uint32_t version, cipher;
	struct ktlsctl_crypto *c;
};

static const EVP_CIPHER *rl_aead(uint32_t cipher)
{
	switch (cipher) {
	case KTLSCTL_CIPHER_AES_128_GCM:
		return EVP_aes_128_gcm();
	case KTLSCTL_CIPHER_AES_256_GCM:
		return EVP_aes_256_gcm();
	case KTLSCTL_CIPHER_CHACHA20_POLY1305:
		return EVP_chacha20_poly1305();
	default:
		return EVP_aes_128_ccm();
	}
}

static int aead(const struct rl *rl, int enc, const uint8_t *nonce,
		const uint8_t *aad, size_t aadlen, const uint8_t *in,
		size_t len, uint8_t *out, uint8_t *tag)
{
	bool ccm = rl->cipher == KTLSCTL_CIPHER_AES_128_CCM;
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n, ok;

	ok = EVP_CipherInit_ex(ctx, rl_aead(rl->cipher), NULL, NULL, NULL,
			       enc) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) &&
	     (!ccm || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16,
					  enc ? NULL : tag)) &&
	     EVP_CipherInit_ex(ctx, NULL, NULL, rl->c->key, nonce, enc) &&
	     (!ccm || EVP_CipherUpdate(ctx, NULL, &n, NULL, (int)len)) &&
	     EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aadlen) &&
	     EVP_CipherUpdate(ctx, out, &n, in, (int)len) > 0;
	if (ok && !ccm) {
		if (!enc)
			ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16,
						 tag);
		ok = ok && EVP_CipherFinal_ex(ctx, out + n, &n);
	}
	if (ok && enc)
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, tag);
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

/* Nonce: TLS 1.3 and TLS 1.2 ChaCha XOR the sequence into the IV; TLS
 * 1.2 GCM/CCM is the salt and the explicit part (here the sequence). */
static void rl_nonce(const struct rl *rl, uint64_t seq, const uint8_t *expl,
		     uint8_t nonce[12])
{
	int i;

	if (rl->c->iv_len == 4) {
		memcpy(nonce, rl->c->iv, 4);
		memcpy(nonce + 4, expl, 8);
		return;
	}
	memcpy(nonce, rl->c->iv, 12);
	for (i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(seq >> (8 * i));
}

static void be64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

static size_t rl_seal(struct rl *rl, const char *text, uint8_t *rec)
{
	size_t len = strlen(text), off = 5, clen;
	uint8_t nonce[12], aad[13], expl[8], in[512];
	bool tls13 = rl->version == KTLSCTL_TLS_VERSION_TLS13;
	uint64_t seq = rl->c->rec_seq++;

	memcpy(in, text, len);
	be64(expl, seq);
	rl_nonce(rl, seq, expl, nonce);
	if (tls13) {
		in[len++] = 23;			/* inner content type */
		clen = len + 16;
	} else {
		clen = len + 16 + (rl->c->iv_len == 4 ? 8 : 0);
	}
	rec[0] = 23;
	rec[1] = 3;
	rec[2] = 3;
	rec[3] = (uint8_t)(clen >> 8);
	rec[4] = (uint8_t)clen;
	if (tls13) {
		memcpy(aad, rec, 5);
	} else {
		be64(aad, seq);
		aad[8] = 23;
		aad[9] = 3;
		aad[10] = 3;
		aad[11] = (uint8_t)(len >> 8);
		aad[12] = (uint8_t)len;
		if (rl->c->iv_len == 4) {
			memcpy(rec + off, expl, 8);
			off += 8;
		}
	}
	if (aead(rl, 1, nonce, aad, tls13 ? 5 : 13, in, len, rec + off,
		 rec + off + len))
		fail("seal");
	return 5 + clen;
}

static void read_full(int fd, uint8_t *buf, size_t len)
{
	uint64_t end = now_ms() + TIMEOUT_MS;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = recv(fd, buf + got, len - got, 0);
		if (n > 0) {
			got += (size_t)n;
			continue;
		}
		if (!n)
			fail("peer closed after %zu of %zu bytes", got, len);
		if (errno != EAGAIN || now_ms() >= end ||
		    poll(&p, 1, (int)(end - now_ms())) <= 0)
			fail("reading a record: %s", strerror(errno));
	}
}

/* Opens the next record; returns its content type, text in out. */
static int rl_open(struct rl *rl, int fd, char *out, size_t size)
{
	uint8_t hdr[5], body[18000], nonce[12], aad[13], pt[18000];
	bool tls13 = rl->version == KTLSCTL_TLS_VERSION_TLS13;
	uint64_t seq = rl->c->rec_seq;
	size_t len, off = 0, plen;
	int type;

	read_full(fd, hdr, 5);
	len = (size_t)hdr[3] << 8 | hdr[4];
	if (len < 17 || len > sizeof(body))
		fail("record of %zu bytes", len);
	read_full(fd, body, len);
	if (!tls13 && rl->c->iv_len == 4)
		off = 8;
	rl_nonce(rl, seq, body, nonce);
	plen = len - off - 16;
	if (tls13) {
		memcpy(aad, hdr, 5);
	} else {
		be64(aad, seq);
		aad[8] = hdr[0];
		aad[9] = 3;
		aad[10] = 3;
		aad[11] = (uint8_t)(plen >> 8);
		aad[12] = (uint8_t)plen;
	}
	if (aead(rl, 0, nonce, aad, tls13 ? 5 : 13, body + off, plen, pt,
		 body + off + plen))
		fail("record %llu (type %u, %zu bytes) does not open with the rx state",
		     (unsigned long long)seq, hdr[0], len);
	rl->c->rec_seq++;
	type = hdr[0];
	if (tls13) {
		while (plen && !pt[plen - 1])
			plen--;
		if (!plen)
			fail("empty TLS 1.3 record");
		type = pt[--plen];
	}
	if (plen >= size)
		plen = size - 1;
	memcpy(out, pt, plen);
	out[plen] = '\0';
	return type;
}

/* Reads application data until want shows up; skips handshake records. */
static void expect_text(struct rl *rl, int fd, const char *want)
{
	char text[4096] = "", rec[2048];
	int type;

	while (!strstr(text, want)) {
		type = rl_open(rl, fd, rec, sizeof(rec));
		if (type == 22)
			continue;	/* NewSessionTicket */
		if (type != 23)
			fail("record type %d", type);
		strncat(text, rec, sizeof(text) - strlen(text) - 1);
	}
}

static void send_text(struct rl *rl, int fd, const char *text)
{
	uint8_t rec[1024];
	size_t len = rl_seal(rl, text, rec);

	if (send(fd, rec, len, MSG_NOSIGNAL) != (ssize_t)len)
		fail("send: %s", strerror(errno));
}

static const struct {
	const char *name;
	uint32_t id;
	const char *tls13, *tls12, *tls12_psk, *gnutls;
} ciphers[] = {
	{ "aes128gcm", KTLSCTL_CIPHER_AES_128_GCM, "TLS_AES_128_GCM_SHA256",
	  "ECDHE-ECDSA-AES128-GCM-SHA256", "PSK-AES128-GCM-SHA256",
	  "AES-128-GCM" },
	{ "aes256gcm", KTLSCTL_CIPHER_AES_256_GCM, "TLS_AES_256_GCM_SHA384",
	  "ECDHE-ECDSA-AES256-GCM-SHA384", "PSK-AES256-GCM-SHA384",
	  "AES-256-GCM" },
	{ "chacha", KTLSCTL_CIPHER_CHACHA20_POLY1305,
	  "TLS_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305",
	  "PSK-CHACHA20-POLY1305", "CHACHA20-POLY1305" },
	{ "aes128ccm", KTLSCTL_CIPHER_AES_128_CCM, "TLS_AES_128_CCM_SHA256",
	  "ECDHE-ECDSA-AES128-CCM", "PSK-AES128-CCM", "AES-128-CCM" },
};

#define PSK_HEX "00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef"

static void version_args(char **argv, int *argc, uint32_t version,
			 unsigned int ci, bool psk)
{
	if (version == KTLSCTL_TLS_VERSION_TLS13) {
		argv[(*argc)++] = "-tls1_3";
		argv[(*argc)++] = "-ciphersuites";
		argv[(*argc)++] = (char *)ciphers[ci].tls13;
	} else {
		argv[(*argc)++] = "-tls1_2";
		argv[(*argc)++] = "-cipher";
		argv[(*argc)++] = (char *)(psk ? ciphers[ci].tls12_psk :
					   ciphers[ci].tls12);
	}
}

static void path(char *buf, const char *name)
{
	snprintf(buf, 128, "%s/%s", dir, name);
}

static int start_openssl_server(const char *mode, uint32_t version,
				unsigned int ci)
{
	char *argv[32], cert[128], key[128], buf[4096], *p;
	bool psk = !strcmp(mode, "psk") || !strcmp(mode, "neg-psk");
	int argc = 0, in, out;

	argv[argc++] = "openssl";
	argv[argc++] = "s_server";
	argv[argc++] = "-accept";
	argv[argc++] = "127.0.0.1:0";
	argv[argc++] = "-naccept";
	argv[argc++] = "1";
	argv[argc++] = "-rev";
	if (psk) {
		argv[argc++] = "-nocert";
		argv[argc++] = "-psk";
		argv[argc++] = PSK_HEX;
		argv[argc++] = "-psk_identity";
		argv[argc++] = "ktlsctl-test";
	} else {
		path(cert, "srv.pem");
		path(key, "srv.key");
		argv[argc++] = "-cert";
		argv[argc++] = cert;
		argv[argc++] = "-key";
		argv[argc++] = key;
	}
	version_args(argv, &argc, version, ci, psk);
	argv[argc] = NULL;
	spawn(argv, &in, &out);
	close(in);
	wait_for(out, "ACCEPT 127.0.0.1:", true, buf, sizeof(buf));
	p = strstr(buf, "ACCEPT 127.0.0.1:") + strlen("ACCEPT 127.0.0.1:");
	return atoi(p);
}

static int start_gnutls_server(uint32_t version, unsigned int ci)
{
	char cert[128], key[128], prio[160], port_s[16];
	char *argv[] = { "gnutls-serv", "--echo", "-q", "-p", port_s,
			 "--x509certfile", cert, "--x509keyfile", key,
			 "--priority", prio, NULL };
	int lfd, port, in, out;

	lfd = listen_any(&port);
	close(lfd);
	snprintf(port_s, sizeof(port_s), "%d", port);
	path(cert, "srv.pem");
	path(key, "srv.key");
	snprintf(prio, sizeof(prio),
		 "NORMAL:-VERS-ALL:+VERS-TLS1.%d:-CIPHER-ALL:+%s",
		 version == KTLSCTL_TLS_VERSION_TLS13 ? 3 : 2,
		 ciphers[ci].gnutls);
	spawn(argv, &in, &out);
	close(in);
	return port;
}

static void reverse(char *s)
{
	size_t i, n = strlen(s);
	char t;

	for (i = 0; i < n / 2; i++) {
		t = s[i];
		s[i] = s[n - 1 - i];
		s[n - 1 - i] = t;
	}
}

static int client_case(const char *mode, uint32_t version, unsigned int ci)
{
	struct ktlsctl_handed_cred cred = { .type = KTLSCTL_CRED_TYPE_TRUST };
	uint8_t secret[32];
	struct tls_params p = {
		.role = KTLSCTL_ROLE_CLIENT,
		.auth = KTLSCTL_AUTH_ANON,
		.peer_name = "localhost",
		.tls_min = version,
		.tls_max = version,
		.ciphers = &ciphers[ci].id,
		.n_ciphers = 1,
		.creds = &cred,
		.n_creds = 1,
		.num_tickets = -1,
	};
	char msg[64], want[64];
	struct tls_result r;
	struct rl tx, rx;
	int port, fd, status, expect = 0;
	unsigned int i;

	if (!strcmp(mode, "gnutls")) {
		port = start_gnutls_server(version, ci);
	} else {
		port = start_openssl_server(mode, version, ci);
	}
	if (!strcmp(mode, "psk") || !strcmp(mode, "neg-psk")) {
		p.auth = KTLSCTL_AUTH_PSK;
		cred.type = KTLSCTL_CRED_TYPE_PSK;
		for (i = 0; i < 32; i++)
			sscanf(PSK_HEX + 2 * i, "%2hhx", &secret[i]);
		if (!strcmp(mode, "neg-psk")) {
			secret[5] ^= 1;
			expect = EKEYREJECTED;
		}
		cred.psk_identity.data = (unsigned char *)"ktlsctl-test";
		cred.psk_identity.len = strlen("ktlsctl-test");
		cred.psk_secret.data = secret;
		cred.psk_secret.len = sizeof(secret);
		cred.psk_hash = KTLSCTL_PSK_HASH_SHA256;
	} else {
		cred.ca = file_blob(strcmp(mode, "neg-ca") ? "ca.pem" :
				    "otherca.pem");
		if (!strcmp(mode, "neg-ca"))
			expect = EACCES;
		if (!strcmp(mode, "neg-name")) {
			p.peer_name = "wrong.example";
			expect = EACCES;
		}
	}
	fd = connect_port(port);
	status = handshake(&p, fd, &r);
	if (status != expect)
		fail("handshake status %d (%s), expected %d", status,
		     strerror(status), expect);
	if (expect) {
		printf("PASS: %s failed as expected: %s\n", mode,
		       strerror(status));
		close(fd);
		return 0;
	}
	if (r.version != version || r.cipher != ciphers[ci].id)
		fail("negotiated %#x/%u", r.version, r.cipher);
	printf("%s: %s %s peer \"%s\" tx seq %llu rx seq %llu\n", mode,
	       version == KTLSCTL_TLS_VERSION_TLS13 ? "TLS1.3" : "TLS1.2",
	       ciphers[ci].name, r.peer_identity,
	       (unsigned long long)r.tx.rec_seq,
	       (unsigned long long)r.rx.rec_seq);
	if (!strcmp(mode, "psk") ? strcmp(r.peer_identity, "ktlsctl-test") :
	    strcmp(r.peer_identity, "CN=localhost"))
		fail("peer identity \"%s\"", r.peer_identity);

	tx = (struct rl){ r.version, r.cipher, &r.tx };
	rx = (struct rl){ r.version, r.cipher, &r.rx };
	snprintf(msg, sizeof(msg), "ping-%s-%s\n", mode, ciphers[ci].name);
	send_text(&tx, fd, msg);
	snprintf(want, sizeof(want), "ping-%s-%s", mode, ciphers[ci].name);
	if (strcmp(mode, "gnutls"))
		reverse(want);		/* s_server -rev */
	expect_text(&rx, fd, want);
	/* A second round: the sequence numbers moved on correctly. */
	send_text(&tx, fd, "again\n");
	expect_text(&rx, fd, strcmp(mode, "gnutls") ? "niaga" : "again");
	close(fd);
	tls_result_wipe(&r);
	free(cred.ca.data);
	printf("PASS\n");
	return 0;
}

static int server_case(const char *mode, uint32_t version, unsigned int ci)
{
	struct ktlsctl_handed_cred creds[2] = {
		{ .type = KTLSCTL_CRED_TYPE_CERT },
		{ .type = KTLSCTL_CRED_TYPE_TRUST },
	};
	struct tls_params p = {
		.role = KTLSCTL_ROLE_SERVER,
		.auth = KTLSCTL_AUTH_X509,
		.tls_min = version,
		.tls_max = version,
		.ciphers = &ciphers[ci].id,
		.n_ciphers = 1,
		.creds = creds,
		.n_creds = 1,
		.num_tickets = 2,
	};
	char *argv[32], port_s[32], ca[128], cert[128], key[128], buf[4096];
	bool mtls = !strcmp(mode, "server-mtls") || !strcmp(mode, "neg-mtls");
	bool tls13 = version == KTLSCTL_TLS_VERSION_TLS13;
	struct pollfd pfd;
	struct tls_result r;
	struct rl tx, rx;
	int argc = 0, lfd, fd, port, in, out, status;

	creds[0].cert = file_blob("srv.pem");
	creds[0].key = file_blob("srv.key");
	if (mtls) {
		creds[1].ca = file_blob("ca.pem");
		p.n_creds = 2;
	}
	lfd = listen_any(&port);
	snprintf(port_s, sizeof(port_s), "127.0.0.1:%d", port);
	path(ca, "ca.pem");
	path(cert, "cli.pem");
	path(key, "cli.key");
	argv[argc++] = "openssl";
	argv[argc++] = "s_client";
	argv[argc++] = "-connect";
	argv[argc++] = port_s;
	argv[argc++] = "-servername";
	argv[argc++] = "localhost";
	argv[argc++] = "-CAfile";
	argv[argc++] = ca;
	argv[argc++] = "-verify_return_error";
	argv[argc++] = "-quiet";
	if (!strcmp(mode, "server-mtls")) {
		argv[argc++] = "-cert";
		argv[argc++] = cert;
		argv[argc++] = "-key";
		argv[argc++] = key;
	}
	version_args(argv, &argc, version, ci, false);
	argv[argc] = NULL;
	spawn(argv, &in, &out);

	pfd = (struct pollfd){ .fd = lfd, .events = POLLIN };
	if (poll(&pfd, 1, TIMEOUT_MS) <= 0)
		fail("s_client did not connect");
	fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	close(lfd);
	status = handshake(&p, fd, &r);
	if (!strcmp(mode, "neg-mtls")) {
		if (status != EACCES)
			fail("status %d (%s), expected EACCES", status,
			     strerror(status));
		printf("PASS: %s failed as expected: %s\n", mode,
		       strerror(status));
		return 0;
	}
	if (status)
		fail("handshake: %s", strerror(status));
	if (r.version != version || r.cipher != ciphers[ci].id)
		fail("negotiated %#x/%u", r.version, r.cipher);
	printf("%s: %s %s peer \"%s\" tx seq %llu rx seq %llu\n", mode,
	       tls13 ? "TLS1.3" : "TLS1.2", ciphers[ci].name, r.peer_identity,
	       (unsigned long long)r.tx.rec_seq,
	       (unsigned long long)r.rx.rec_seq);
	/* TLS 1.3: two tickets written under the application keys; TLS 1.2:
	 * Finished was record 0 in each direction. */
	if (r.tx.rec_seq != (tls13 ? 2 : 1) || r.rx.rec_seq != (tls13 ? 0 : 1))
		fail("unexpected sequence numbers");
	if (mtls && strcmp(r.peer_identity, "CN=client1,O=ktlsctl"))
		fail("peer identity \"%s\"", r.peer_identity);

	tx = (struct rl){ r.version, r.cipher, &r.tx };
	rx = (struct rl){ r.version, r.cipher, &r.rx };
	if (write(in, "hello-from-client\n", 18) != 18)
		fail("write to s_client");
	expect_text(&rx, fd, "hello-from-client");
	send_text(&tx, fd, "hello-from-server\n");
	wait_for(out, "hello-from-server", false, buf, sizeof(buf));
	close(fd);
	tls_result_wipe(&r);
	printf("PASS\n");
	return 0;
}

static bool have(const char *tool)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	return !system(cmd);
}

int main(int argc, char **argv)
{
	uint32_t version;
	unsigned int ci;
	int ret;

	if (argc != 4) {
		fprintf(stderr, "usage: %s MODE tls12|tls13 CIPHER\n", argv[0]);
		return 2;
	}
	version = !strcmp(argv[2], "tls13") ? KTLSCTL_TLS_VERSION_TLS13 :
						KTLSCTL_TLS_VERSION_TLS12;
	for (ci = 0; ci < 4 && strcmp(ciphers[ci].name, argv[3]); ci++)
		;
	if (ci == 4) {
		fprintf(stderr, "unknown cipher %s\n", argv[3]);
		return 2;
	}
	if (!have("openssl") ||
	    (!strcmp(argv[1], "gnutls") && !have("gnutls-serv"))) {
		printf("SKIP: peer tool missing\n");
		return 77;
	}
	signal(SIGPIPE, SIG_IGN);
	alarm(30);
	snprintf(dir, sizeof(dir), "/tmp/ktlsctl-keys.XXXXXX");
	if (!mkdtemp(dir))
		fail("mkdtemp");
	make_certs();
	if (!strncmp(argv[1], "server", 6) || !strcmp(argv[1], "neg-mtls"))
		ret = server_case(argv[1], version, ci);
	else
		ret = client_case(argv[1], version, ci);
	cleanup();
	return ret;
}
