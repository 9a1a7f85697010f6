// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-bench inplace: N OpenSSL client handshakes done in this process,
 * C at once (non-blocking, epoll), with the daemon's BIO, version, cipher,
 * SNI and verification; and that client's context and connection, which
 * data.c's ossl-* modes use too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "client.h"
#include "common.h"

static X509_STORE *load_store(const struct bench_opts *o)
{
	X509_STORE *st = X509_STORE_new();
	BIO *b = BIO_new_mem_buf(o->ca, (int)o->ca_len);
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
		bench_die_ssl("no CA certificate");
	return st;
}

/* The client context: TLS 1.3, one suite, verify the peer with the CA. */
SSL_CTX *bench_client_ctx(const struct bench_opts *o)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

	if (!ctx || !SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_ciphersuites(ctx, bench_tls13_suite(o->cipher)))
		bench_die_ssl("SSL_CTX");
	SSL_CTX_set_read_ahead(ctx, 0);
	SSL_CTX_clear_options(ctx, SSL_OP_ENABLE_KTLS);
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
	SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
	SSL_CTX_set_cert_store(ctx, load_store(o));
	/* A server that closes without close_notify: end of file, not error. */
	if (o->wait_close)
		SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
	return ctx;
}

SSL *bench_client_ssl(const struct bench_opts *o, SSL_CTX *ctx,
		      struct sockbio *io)
{
	SSL *ssl = SSL_new(ctx);
	BIO *b = sockbio_new(io);

	if (!ssl || !b)
		bench_die_ssl("SSL_new");
	SSL_set_bio(ssl, b, b);
	SSL_set_connect_state(ssl);
	SSL_set_verify(ssl, SSL_VERIFY_PEER, NULL);
	if (!SSL_set_tlsext_host_name(ssl, o->name) ||
	    !SSL_set1_host(ssl, o->name))
		bench_die_ssl("SNI");
	return ssl;
}

int bench_tcp_socket(bool nonblock)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC |
			(nonblock ? SOCK_NONBLOCK : 0), 0);

	if (fd < 0)
		bench_die("socket");
	return fd;
}

/* One of the inplace row's handshakes. */
struct hs {
	int fd;
	SSL *ssl;
	struct sockbio io;
	uint64_t t0;
	bool connected;
	bool hs_done;	/* --wait-close: reading until the server closes */
};

/* Starts handshake @h: connect (non-blocking), nothing else yet. */
static void hs_start(const struct bench_opts *o, int ep, struct hs *h)
{
	struct epoll_event ev = { .events = EPOLLOUT, .data.ptr = h };

	memset(h, 0, sizeof(*h));
	h->fd = bench_tcp_socket(true);
	h->io.fd = h->fd;
	if (connect(h->fd, (struct sockaddr *)&o->addr, sizeof(o->addr)) &&
	    errno != EINPROGRESS)
		bench_die("connect");
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
static int hs_step(const struct bench_opts *o, int ep, struct hs *h,
		   SSL_CTX *shared)
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
		/* Timed from here, as the kernel's from its submission. */
		h->t0 = bench_now_ns();
		ctx = shared ? shared : bench_client_ctx(o);
		h->ssl = bench_client_ssl(o, ctx, &h->io);
		if (!shared)
			SSL_CTX_free(ctx);	/* the SSL holds it */
	}
	ret = bench_hs_step(ep, h->fd, h->ssl, h);
	if (ret == 1 && o->wait_close) {
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

int bench_inplace(const struct bench_opts *o)
{
	struct epoll_event evs[64];
	struct rusage ru;
	SSL_CTX *shared = o->ctx_per_hs ? NULL : bench_client_ctx(o);
	unsigned int started = 0, done = 0, ok = 0, failed = 0, i;
	struct hs *slots = calloc(o->c, sizeof(*slots));
	uint64_t *lat = calloc(o->n, sizeof(*lat));
	uint64_t t0;
	int ep = epoll_create1(EPOLL_CLOEXEC), n;

	if (!slots || !lat || ep < 0)
		bench_die("setup");
	for (i = 0; i < o->c; i++)
		slots[i].fd = -1;
	t0 = bench_now_ns();
	for (i = 0; i < o->c && started < o->n; i++, started++)
		hs_start(o, ep, &slots[i]);
	while (done < o->n) {
		n = epoll_wait(ep, evs, 64, 1000);
		for (i = 0; i < (unsigned int)n; i++) {
			struct hs *h = evs[i].data.ptr;
			int r = hs_step(o, ep, h, shared);

			if (!r)
				continue;
			if (r > 0) {
				lat[ok++] = bench_now_ns() - h->t0;
			} else {
				failed++;
			}
			done++;
			hs_end(h);
			if (started < o->n) {
				hs_start(o, ep, h);
				started++;
			}
		}
	}
	/* This process's CPU: "all but the client" for the server rows. */
	getrusage(RUSAGE_SELF, &ru);
	printf("{\"mode\":\"inplace\",\"ctx_per_hs\":%s,\"wait_close\":%s,"
	       "\"n\":%u,\"c\":%u,\"ok\":%u,\"failed\":%u,\"elapsed_ns\":%llu,"
	       "\"self_cpu_s\":%.3f",
	       o->ctx_per_hs ? "true" : "false",
	       o->wait_close ? "true" : "false", o->n, o->c, ok, failed,
	       (unsigned long long)(bench_now_ns() - t0),
	       (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	bench_print_lat(lat, ok);
	printf("}\n");
	SSL_CTX_free(shared);
	return failed ? 1 : 0;
}
