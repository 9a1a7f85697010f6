// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-bench: the client side of every benchmark row; one JSON object on
 * stdout per run.
 *
 *   inplace HOST:PORT -n N [-c C] [--ctx-per-hs] [--wait-close]   N
 *       OpenSSL client handshakes done in this process, C at once
 *       (non-blocking, epoll), with the same BIO, version, cipher, SNI and
 *       verification as the daemon's; the SSL_CTX and the CA are loaded
 *       once (--ctx-per-hs: once per handshake, from memory, as the daemon
 *       does per request). --wait-close: after its handshake, each
 *       connection reads until the server closes it (a kernel server
 *       installs its keys after the handshake, and kTLS refuses keys on a
 *       socket the client already half-closed), and counts as done then;
 *       the client driver of the server rows
 *   kernel HOST:PORT -n N [-c C]   the same N handshakes asked for by the
 *       ktlsctl_bench module (kernel sockets, C at once), through ktlsctl
 *       and the daemon, timed from submission to the callback (keys
 *       installed)
 *   storm HOST:PORT -n K   K sockets connected first, then K requests
 *       submitted at once; the time until the last callback
 *   hold HOST:PORT -n K --hold-ms MS   K requests submitted and left
 *       pending for MS ms (then cancelled); the kernel's slab memory
 *       before and after the submissions
 *   serve-kernel [ADDR]:PORT -n N [-c C] --cert FILE --key FILE   N
 *       server handshakes asked for by the ktlsctl_bench module on the
 *       connections its kernel listening socket accepts (C submitted at
 *       once), through ktlsctl and the daemon, each connection shut down
 *       at its callback (keys installed)
 *   serve-inplace [ADDR]:PORT -n N [-c C] --cert FILE --key FILE   the
 *       same N server handshakes done in this process (both in serve.c)
 *   data HOST:PORT --mode M --bytes N   after one handshake, move N bytes
 *       in 16 KiB calls: ossl-write (SSL_write), ossl-read (SSL_read),
 *       ktls-write (write() on the socket whose keys ktlsctl installed),
 *       ktls-sendfile (sendfile() from --file), ktls-read (read());
 *       system calls and bytes through user space counted, CPU by
 *       getrusage, the handshake excluded
 *
 * Common options: --ca FILE (not for serve-*) --name SNI --cipher NAME
 * (TLS 1.3 always),
 * --timeout MS. --ca-by-policy: the kernel's requests carry no CA (the
 * store's policy for the peer names one), as a consumer configured by the
 * operator submits them; in place, --ca still is the trust.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <linux/ktlsctl.h>
#include "common.h"
#include "ktlsctl_bench.h"
#include "serve.h"

static struct {
	const char *cmd;
	struct sockaddr_in addr;
	unsigned int n, c;
	const char *ca_file, *name, *cipher, *mode, *file, *cert, *key;
	char *ca;
	size_t ca_len;
	bool ctx_per_hs, ca_by_policy, wait_close;
	unsigned int timeout_ms, hold_ms;
	uint64_t bytes;
	size_t chunk;
} o = {
	.n = 1, .name = "server.test", .cipher = "AES-128-GCM",
	.timeout_ms = 60000, .bytes = 64 << 20, .chunk = 16384,
};

static void usage(void)
{
	fprintf(stderr,
		"usage: ktlsctl-bench inplace|kernel|storm|hold|data HOST:PORT\n"
		"       [-n N] [-c C] [--ctx-per-hs] [--wait-close] [--hold-ms MS]\n"
		"       [--mode ossl-write|ossl-read|ktls-write|ktls-sendfile|ktls-read]\n"
		"       [--bytes N] [--file FILE] [--ca FILE] [--name SNI]\n"
		"       [--cipher NAME] [--timeout MS] [--ca-by-policy]\n"
		"       ktlsctl-bench serve-kernel|serve-inplace [ADDR]:PORT\n"
		"       [-n N] [-c C] --cert FILE --key FILE [--cipher NAME]\n"
		"       [--timeout MS]\n");
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "ktlsctl-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void die_ssl(const char *what)
{
	fprintf(stderr, "ktlsctl-bench: %s\n", what);
	ERR_print_errors_fp(stderr);
	exit(1);
}

static uint32_t cipher_id(const char *s)
{
	if (!strcmp(s, "AES-128-GCM"))
		return KTLSCTL_CIPHER_AES_128_GCM;
	if (!strcmp(s, "AES-256-GCM"))
		return KTLSCTL_CIPHER_AES_256_GCM;
	if (!strcmp(s, "CHACHA20-POLY1305"))
		return KTLSCTL_CIPHER_CHACHA20_POLY1305;
	if (!strcmp(s, "AES-128-CCM"))
		return KTLSCTL_CIPHER_AES_128_CCM;
	return 0;
}

/* --- in place ------------------------------------------------------------- */

static X509_STORE *load_store(void)
{
	X509_STORE *st = X509_STORE_new();
	BIO *b = BIO_new_mem_buf(o.ca, (int)o.ca_len);
	X509 *x;
	int n = 0;

	while (st && b && (x = PEM_read_bio_X509(b, NULL, NULL, NULL))) {
		X509_STORE_add_cert(st, x);
		X509_free(x);
		n++;
	}
	BIO_free(b);
	ERR_clear_error();
	if (!n)
		die_ssl("no CA certificate");
	return st;
}

/* The client context: TLS 1.3, one suite, verify the peer with the CA. */
static SSL_CTX *client_ctx(void)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

	if (!ctx || !SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_ciphersuites(ctx, bench_tls13_suite(o.cipher)))
		die_ssl("SSL_CTX");
	SSL_CTX_set_read_ahead(ctx, 0);
	SSL_CTX_clear_options(ctx, SSL_OP_ENABLE_KTLS);
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
	SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
	SSL_CTX_set_cert_store(ctx, load_store());
	/* A server that closes without close_notify: end of file, not error. */
	if (o.wait_close)
		SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
	return ctx;
}

struct hs {
	int fd;
	SSL *ssl;
	struct bench_io io;
	uint64_t t0;
	bool connected;
	bool hs_done;	/* --wait-close: reading until the server closes */
};

static SSL *client_ssl(SSL_CTX *ctx, struct bench_io *io)
{
	SSL *ssl = SSL_new(ctx);
	BIO *b = bench_bio_new(io);

	if (!ssl || !b)
		die_ssl("SSL_new");
	SSL_set_bio(ssl, b, b);
	SSL_set_connect_state(ssl);
	SSL_set_verify(ssl, SSL_VERIFY_PEER, NULL);
	if (!SSL_set_tlsext_host_name(ssl, o.name) || !SSL_set1_host(ssl, o.name))
		die_ssl("SNI");
	return ssl;
}

static int tcp_socket(bool nonblock)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC |
			(nonblock ? SOCK_NONBLOCK : 0), 0);

	if (fd < 0)
		die("socket");
	return fd;
}

/* Starts handshake @h: connect (non-blocking), nothing else yet. */
static void hs_start(int ep, struct hs *h)
{
	struct epoll_event ev = { .events = EPOLLOUT, .data.ptr = h };

	memset(h, 0, sizeof(*h));
	h->t0 = bench_now_ns();
	h->fd = tcp_socket(true);
	h->io.fd = h->fd;
	if (connect(h->fd, (struct sockaddr *)&o.addr, sizeof(o.addr)) &&
	    errno != EINPROGRESS)
		die("connect");
	epoll_ctl(ep, EPOLL_CTL_ADD, h->fd, &ev);
}

/* Waits for the server to close @h (--wait-close); as hs_step(). */
static int hs_drain(int ep, struct hs *h)
{
	struct epoll_event ev = { .data.ptr = h };
	char buf[256];
	int ret, err;

	for (;;) {
		ERR_clear_error();
		ret = SSL_read(h->ssl, buf, sizeof(buf));
		if (ret > 0)
			continue;
		err = SSL_get_error(h->ssl, ret);
		if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
			ev.events = err == SSL_ERROR_WANT_READ ? EPOLLIN : EPOLLOUT;
			epoll_ctl(ep, EPOLL_CTL_MOD, h->fd, &ev);
			return 0;
		}
		/* End of file (or close_notify): the server is done. */
		if (err == SSL_ERROR_ZERO_RETURN)
			return 1;
		fprintf(stderr, "ktlsctl-bench: waiting for the close: %s\n",
			err == SSL_ERROR_SYSCALL && h->io.io_errno ?
			strerror(h->io.io_errno) : "TLS error");
		ERR_print_errors_fp(stderr);
		return -1;
	}
}

/* Advances @h; 1 done, 0 in progress, -1 failed. */
static int hs_step(int ep, struct hs *h, SSL_CTX *shared)
{
	SSL_CTX *ctx;
	int ret, err;

	if (h->hs_done)
		return hs_drain(ep, h);
	if (!h->connected) {
		socklen_t len = sizeof(err);

		if (getsockopt(h->fd, SOL_SOCKET, SO_ERROR, &err, &len) || err)
			return -1;
		h->connected = true;
		ctx = shared ? shared : client_ctx();
		h->ssl = client_ssl(ctx, &h->io);
		if (!shared)
			SSL_CTX_free(ctx);	/* the SSL holds it */
	}
	ret = bench_hs_step(ep, h->fd, h->ssl, h);
	if (ret == 1 && o.wait_close) {
		h->hs_done = true;
		return hs_drain(ep, h);
	}
	return ret;
}

static void hs_end(struct hs *h)
{
	SSL_free(h->ssl);
	close(h->fd);	/* as the kernel path: no close_notify */
	h->fd = -1;
}

static int cmd_inplace(void)
{
	struct epoll_event evs[64];
	struct rusage ru;
	SSL_CTX *shared = o.ctx_per_hs ? NULL : client_ctx();
	unsigned int started = 0, done = 0, ok = 0, failed = 0, i;
	struct hs *slots = calloc(o.c, sizeof(*slots));
	uint64_t *lat = calloc(o.n, sizeof(*lat));
	uint64_t t0;
	int ep = epoll_create1(EPOLL_CLOEXEC), n;

	if (!slots || !lat || ep < 0)
		die("setup");
	for (i = 0; i < o.c; i++)
		slots[i].fd = -1;
	t0 = bench_now_ns();
	for (i = 0; i < o.c && started < o.n; i++, started++)
		hs_start(ep, &slots[i]);
	while (done < o.n) {
		n = epoll_wait(ep, evs, 64, 1000);
		for (i = 0; i < (unsigned int)n; i++) {
			struct hs *h = evs[i].data.ptr;
			int r = hs_step(ep, h, shared);

			if (!r)
				continue;
			if (r > 0) {
				lat[ok++] = bench_now_ns() - h->t0;
			} else {
				failed++;
			}
			done++;
			hs_end(h);
			if (started < o.n) {
				hs_start(ep, h);
				started++;
			}
		}
	}
	/* This process's CPU: "all but the client" for the server rows. */
	getrusage(RUSAGE_SELF, &ru);
	printf("{\"mode\":\"inplace\",\"ctx_per_hs\":%s,\"wait_close\":%s,"
	       "\"n\":%u,\"c\":%u,\"ok\":%u,\"failed\":%u,\"elapsed_ns\":%llu,"
	       "\"self_cpu_s\":%.3f",
	       o.ctx_per_hs ? "true" : "false", o.wait_close ? "true" : "false",
	       o.n, o.c, ok, failed, (unsigned long long)(bench_now_ns() - t0),
	       (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	bench_print_lat(lat, ok);
	printf("}\n");
	SSL_CTX_free(shared);
	return failed ? 1 : 0;
}

/* --- through the module ---------------------------------------------------- */

/* The module's device (serve.c's too). */
int bench_dev(void)
{
	int fd = open("/dev/" KTLSCTL_BENCH_DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		die("/dev/" KTLSCTL_BENCH_DEV " (insmod ktlsctl_bench.ko)");
	return fd;
}

static void fill_req(struct ktlsctl_bench_req *r)
{
	memset(r, 0, sizeof(*r));
	r->port = ntohs(o.addr.sin_port);
	r->addr = o.addr.sin_addr.s_addr;
	r->tls_version = KTLSCTL_TLS_VERSION_TLS13;
	r->cipher = cipher_id(o.cipher);
	r->timeout_ms = o.timeout_ms;
	r->peer_name.ptr = (uintptr_t)o.name;
	r->peer_name.len = (uint32_t)strlen(o.name);
	if (!o.ca_by_policy) {
		r->ca.ptr = (uintptr_t)o.ca;
		r->ca.len = (uint32_t)o.ca_len;
	}
}

/* A run's outcome as one JSON line (serve.c's too). */
void bench_print_run(const char *mode, const struct ktlsctl_bench_run *r,
		     const uint64_t *lat)
{
	uint64_t *ok = calloc(r->n, sizeof(*ok));
	size_t i, k = 0;

	for (i = 0; ok && i < r->n; i++)
		if (lat[i])
			ok[k++] = lat[i];
	printf("{\"mode\":\"%s\",\"n\":%u,\"c\":%u,\"ok\":%u,\"failed\":%u,"
	       "\"refused\":%u,\"first_error\":%d,\"elapsed_ns\":%llu",
	       mode, r->n, r->concurrency ? r->concurrency : r->n, r->ok,
	       r->failed, r->refused, r->first_error,
	       (unsigned long long)r->elapsed_ns);
	bench_print_lat(ok, k);
	printf("}\n");
	free(ok);
}

static int cmd_kernel(void)
{
	struct ktlsctl_bench_run r;
	uint64_t *lat = calloc(o.n, sizeof(*lat));
	int fd = bench_dev();

	memset(&r, 0, sizeof(r));
	fill_req(&r.req);
	r.n = o.n;
	r.concurrency = o.c;
	r.lat_ns.ptr = (uintptr_t)lat;
	r.lat_ns.len = o.n * sizeof(*lat);
	if (ioctl(fd, KTLSCTL_BENCH_RUN, &r))
		die("KTLSCTL_BENCH_RUN");
	bench_print_run("kernel", &r, lat);
	return r.ok == o.n ? 0 : 1;
}

/* Slab + the kernel's other allocations, in bytes, from /proc/meminfo. */
static long long kmem(void)
{
	FILE *f;
	char line[256];
	long long v, sum = 0;
	int fd;

	/* Fold the per-CPU counter deltas in first (else up to 1 s late). */
	fd = open("/proc/sys/vm/stat_refresh", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "1", 1) < 0)
			perror("ktlsctl-bench: stat_refresh");
		close(fd);
	}
	f = fopen("/proc/meminfo", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Slab: %lld", &v) == 1)
			sum += v;
	fclose(f);
	return sum * 1024;
}

static int cmd_storm(bool hold)
{
	struct ktlsctl_bench_run r;
	uint64_t *lat = calloc(o.n, sizeof(*lat));
	int fd = bench_dev();
	long long m0, m1, m2;
	uint64_t submit_ns;

	memset(&r, 0, sizeof(r));
	fill_req(&r.req);
	r.n = o.n;
	m0 = kmem();
	if (ioctl(fd, KTLSCTL_BENCH_CONNECT, &r))
		die("KTLSCTL_BENCH_CONNECT");
	m1 = kmem();
	if (ioctl(fd, KTLSCTL_BENCH_SUBMIT, &r))
		die("KTLSCTL_BENCH_SUBMIT");
	submit_ns = r.elapsed_ns;
	m2 = kmem();
	if (hold)
		usleep(o.hold_ms * 1000u);
	r.cancel = hold;
	r.lat_ns.ptr = (uintptr_t)lat;
	r.lat_ns.len = o.n * sizeof(*lat);
	if (ioctl(fd, KTLSCTL_BENCH_WAIT, &r))
		die("KTLSCTL_BENCH_WAIT");
	bench_print_run(hold ? "hold" : "storm", &r, lat);
	/* Close the connections and print what the module kept meanwhile. */
	printf("{\"submit_ns\":%llu,\"slab_before_connect\":%lld,"
	       "\"slab_connected\":%lld,\"slab_submitted\":%lld}\n",
	       (unsigned long long)submit_ns, m0, m1, m2);
	return 0;
}

/* --- data path -------------------------------------------------------------- */

struct counters {
	uint64_t syscalls, user_bytes, bytes;
};

/* The data phase's start: after the handshake. */
static struct rusage data_r0;
static uint64_t data_t0;

static void data_start(void)
{
	getrusage(RUSAGE_SELF, &data_r0);
	data_t0 = bench_now_ns();
}

static int data_ktls(bool rx, bool use_sendfile, struct counters *k)
{
	struct ktlsctl_bench_fd f;
	char *buf = malloc(o.chunk);
	int dev = bench_dev(), file = -1, one = 1;
	off_t off = 0;
	ssize_t n;

	memset(&f, 0, sizeof(f));
	fill_req(&f.req);
	if (ioctl(dev, KTLSCTL_BENCH_FD, &f))
		die("KTLSCTL_BENCH_FD");
	if (f.status) {
		fprintf(stderr, "ktlsctl-bench: handshake: %s\n",
			strerror(-f.status));
		exit(1);
	}
	close(dev);
	/*
	 * The daemon made the file non-blocking for its handshake (file
	 * status flags are the file's, shared with every fd of it).
	 */
	fcntl(f.fd, F_SETFL, fcntl(f.fd, F_GETFL) & ~O_NONBLOCK);
	setsockopt(f.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	memset(buf, 'k', o.chunk);
	if (use_sendfile) {
		file = open(o.file, O_RDONLY | O_CLOEXEC);
		if (file < 0)
			die(o.file);
	}
	data_start();
	while (k->bytes < o.bytes) {
		size_t len = o.bytes - k->bytes;

		if (len > o.chunk)
			len = o.chunk;
		k->syscalls++;
		if (rx)
			n = read(f.fd, buf, o.chunk);
		else if (use_sendfile)
			n = sendfile(f.fd, file, &off, len);
		else
			n = write(f.fd, buf, len);
		if (n <= 0)
			die(rx ? "read" : "write");
		k->bytes += (uint64_t)n;
		if (!use_sendfile)
			k->user_bytes += (uint64_t)n;
	}
	if (file >= 0)
		close(file);
	return f.fd;
}

static int data_ossl(bool rx, struct counters *k, SSL **out_ssl,
		     struct bench_io *io)
{
	SSL_CTX *ctx = client_ctx();
	char *buf = malloc(o.chunk);
	int fd = tcp_socket(false), one = 1, n;
	SSL *ssl;

	if (connect(fd, (struct sockaddr *)&o.addr, sizeof(o.addr)))
		die("connect");
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	io->fd = fd;
	ssl = client_ssl(ctx, io);
	SSL_CTX_free(ctx);
	if (SSL_do_handshake(ssl) != 1)
		die_ssl("handshake");
	/* Count the data phase only. */
	io->syscalls = 0;
	io->bytes = 0;
	memset(buf, 'o', o.chunk);
	data_start();
	while (k->bytes < o.bytes) {
		size_t len = o.bytes - k->bytes;

		if (len > o.chunk)
			len = o.chunk;
		n = rx ? SSL_read(ssl, buf, (int)o.chunk) :
			 SSL_write(ssl, buf, (int)len);
		if (n <= 0)
			die_ssl(rx ? "SSL_read" : "SSL_write");
		k->bytes += (uint64_t)n;
	}
	k->syscalls = io->syscalls;
	k->user_bytes = io->bytes;
	*out_ssl = ssl;
	return fd;
}

static double tv_s(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

static int cmd_data(void)
{
	bool rx = strstr(o.mode, "read") != NULL;
	bool ossl = !strncmp(o.mode, "ossl-", 5);
	struct counters k = { 0 };
	struct rusage r0, r1;
	struct bench_io io = { 0 };
	SSL *ssl = NULL;
	uint64_t t0, t1;
	double cpu;
	int fd;

	if (strcmp(o.mode, "ossl-write") && strcmp(o.mode, "ossl-read") &&
	    strcmp(o.mode, "ktls-write") && strcmp(o.mode, "ktls-read") &&
	    strcmp(o.mode, "ktls-sendfile"))
		usage();
	if (!strcmp(o.mode, "ktls-sendfile") && !o.file)
		usage();
	/* Time and CPU of the data phase alone (data_start()). */
	if (ossl)
		fd = data_ossl(rx, &k, &ssl, &io);
	else
		fd = data_ktls(rx, !strcmp(o.mode, "ktls-sendfile"), &k);
	t1 = bench_now_ns();
	t0 = data_t0;
	r0 = data_r0;
	getrusage(RUSAGE_SELF, &r1);
	cpu = tv_s(&r1.ru_utime) - tv_s(&r0.ru_utime) +
	      tv_s(&r1.ru_stime) - tv_s(&r0.ru_stime);
	printf("{\"mode\":\"%s\",\"cipher\":\"%s\",\"bytes\":%llu,"
	       "\"chunk\":%zu,\"elapsed_ns\":%llu,\"cpu_s\":%.3f,"
	       "\"user_s\":%.3f,\"sys_s\":%.3f,\"syscalls\":%llu,"
	       "\"user_bytes\":%llu}\n",
	       o.mode, o.cipher, (unsigned long long)k.bytes, o.chunk,
	       (unsigned long long)(t1 - t0), cpu,
	       tv_s(&r1.ru_utime) - tv_s(&r0.ru_utime),
	       tv_s(&r1.ru_stime) - tv_s(&r0.ru_stime),
	       (unsigned long long)k.syscalls,
	       (unsigned long long)k.user_bytes);
	SSL_free(ssl);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ca", required_argument, NULL, 'a' },
		{ "name", required_argument, NULL, 'N' },
		{ "cipher", required_argument, NULL, 'C' },
		{ "ctx-per-hs", no_argument, NULL, 'x' },
		{ "ca-by-policy", no_argument, NULL, 'P' },
		{ "timeout", required_argument, NULL, 't' },
		{ "hold-ms", required_argument, NULL, 'h' },
		{ "mode", required_argument, NULL, 'm' },
		{ "bytes", required_argument, NULL, 'b' },
		{ "file", required_argument, NULL, 'f' },
		{ "cert", required_argument, NULL, 'e' },
		{ "key", required_argument, NULL, 'k' },
		{ "wait-close", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	bool serve;
	int opt;

	if (argc < 3)
		usage();
	o.cmd = argv[1];
	if (bench_parse_addr(argv[2], &o.addr))
		usage();
	optind = 3;
	while ((opt = getopt_long(argc, argv, "n:c:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': o.n = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'c': o.c = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'a': o.ca_file = optarg; break;
		case 'N': o.name = optarg; break;
		case 'C': o.cipher = optarg; break;
		case 'x': o.ctx_per_hs = true; break;
		case 'P': o.ca_by_policy = true; break;
		case 't': o.timeout_ms = (unsigned int)atoi(optarg); break;
		case 'h': o.hold_ms = (unsigned int)atoi(optarg); break;
		case 'm': o.mode = optarg; break;
		case 'b': o.bytes = strtoull(optarg, NULL, 0); break;
		case 'f': o.file = optarg; break;
		case 'e': o.cert = optarg; break;
		case 'k': o.key = optarg; break;
		case 'w': o.wait_close = true; break;
		default: usage();
		}
	}
	serve = !strncmp(o.cmd, "serve-", 6);
	if (optind != argc || !o.n || !cipher_id(o.cipher) ||
	    (serve ? !o.cert || !o.key : !o.ca_file))
		usage();
	if (!o.c || o.c > o.n)
		o.c = o.n;
	signal(SIGPIPE, SIG_IGN);
	if (serve) {
		struct bench_serve_opts so = {
			.addr = o.addr, .n = o.n, .c = o.c, .cert = o.cert,
			.key = o.key, .suite = bench_tls13_suite(o.cipher),
			.cipher = cipher_id(o.cipher), .timeout_ms = o.timeout_ms,
		};

		if (!strcmp(o.cmd, "serve-kernel"))
			return bench_serve_kernel(&so);
		if (!strcmp(o.cmd, "serve-inplace"))
			return bench_serve_inplace(&so);
		usage();
	}
	o.ca = bench_read_file(o.ca_file, &o.ca_len);
	if (!o.ca)
		die(o.ca_file);
	if (!strcmp(o.cmd, "inplace"))
		return cmd_inplace();
	if (!strcmp(o.cmd, "kernel"))
		return cmd_kernel();
	if (!strcmp(o.cmd, "storm"))
		return cmd_storm(false);
	if (!strcmp(o.cmd, "hold"))
		return cmd_storm(true);
	if (!strcmp(o.cmd, "data") && o.mode)
		return cmd_data();
	usage();
	return 2;
}
