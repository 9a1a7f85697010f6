// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-bench serve-kernel: N server handshakes asked for by the
 * ktlsctl_bench module (KTLSCTL_BENCH_SERVE) on the connections its kernel
 * listening socket accepts, through ktlsctl and the daemon.
 *
 * ktlsctl-bench serve-inplace: its in-place counterpart. Listens, accepts N
 * connections and does a non-blocking OpenSSL server handshake on each in
 * this process, C at once (epoll), with one SSL_CTX loaded once (TLS 1.3,
 * one suite, no tickets: bench_server_ctx(), as ktlsctl-bench-peer) and the
 * daemon's send()/recv() BIO; each connection is closed as soon as its
 * handshake is done, without close_notify, as the kernel server shuts its
 * down at the callback. Timed from the first accept to the last handshake;
 * per connection, from its accept to its handshake.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/err.h>

#include <linux/ktlsctl.h>
#include "client.h"
#include "common.h"
#include "ktlsctl_bench.h"
#include "serve.h"

int bench_serve_kernel(const struct bench_serve_opts *so)
{
	struct ktlsctl_bench_serve s;
	uint64_t *lat = calloc(so->n, sizeof(*lat));
	size_t cert_len = 0, key_len = 0;
	char *cert = bench_read_file(so->cert, &cert_len);
	char *key = bench_read_file(so->key, &key_len);
	int fd = bench_dev(), err;

	if (!cert || !key || !lat) {
		perror(!cert ? so->cert : so->key);
		return 1;
	}
	memset(&s, 0, sizeof(s));
	s.run.req.port = ntohs(so->addr.sin_port);
	s.run.req.addr = so->addr.sin_addr.s_addr;
	s.run.req.tls_version = KTLSCTL_TLS_VERSION_TLS13;
	s.run.req.cipher = so->cipher;
	s.run.req.timeout_ms = so->timeout_ms;
	s.run.n = so->n;
	s.run.concurrency = so->c;
	s.run.lat_ns.ptr = (uintptr_t)lat;
	s.run.lat_ns.len = so->n * sizeof(*lat);
	s.cert.ptr = (uintptr_t)cert;
	s.cert.len = (uint32_t)cert_len;
	s.key.ptr = (uintptr_t)key;
	s.key.len = (uint32_t)key_len;
	err = ioctl(fd, KTLSCTL_BENCH_SERVE, &s);
	OPENSSL_cleanse(key, key_len);
	free(key);
	free(cert);
	close(fd);
	if (err) {
		perror("ktlsctl-bench: KTLSCTL_BENCH_SERVE");
		return 1;
	}
	bench_print_run("serve-kernel", &s.run, lat);
	free(lat);
	return s.run.ok == so->n ? 0 : 1;
}

struct sconn {
	int fd;
	SSL *ssl;
	struct sockbio io;
	uint64_t t0;
};

/* Advances @sc's handshake: 1 done, 0 in progress, -1 failed. */
static int sconn_step(int ep, struct sconn *sc)
{
	return bench_hs_step(ep, sc->fd, sc->ssl, sc);
}

static struct sconn *sconn_new(int ep, int fd, SSL_CTX *ctx)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct sconn *sc = calloc(1, sizeof(*sc));
	BIO *b;

	if (!sc)
		return NULL;
	sc->fd = fd;
	sc->io.fd = fd;
	sc->t0 = bench_now_ns();
	sc->ssl = SSL_new(ctx);
	b = sockbio_new(&sc->io);
	if (!sc->ssl || !b) {
		BIO_free(b);
		SSL_free(sc->ssl);
		free(sc);
		return NULL;
	}
	SSL_set_bio(sc->ssl, b, b);
	SSL_set_accept_state(sc->ssl);
	ev.data.ptr = sc;
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	return sc;
}

static void sconn_free(int ep, struct sconn *sc)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, sc->fd, NULL);
	SSL_free(sc->ssl);
	close(sc->fd);
	free(sc);
}

static int listen_on(const struct sockaddr_in *addr)
{
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (const struct sockaddr *)addr, sizeof(*addr)) ||
	    listen(fd, SOMAXCONN)) {
		perror("ktlsctl-bench: serve-inplace: listen");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* A run's state. */
struct srv {
	const struct bench_serve_opts *so;
	int ep, lfd;
	unsigned int accepted, inflight, done, ok;
	bool listening;
	uint64_t t0, t_last;
	uint64_t *lat;
};

/* The listener is polled only while fewer than C handshakes are running. */
static void srv_listen(struct srv *s)
{
	bool on = s->accepted < s->so->n && s->inflight < s->so->c;
	struct epoll_event ev = { .events = on ? EPOLLIN : 0 };

	if (on == s->listening)
		return;
	epoll_ctl(s->ep, EPOLL_CTL_MOD, s->lfd, &ev);
	s->listening = on;
}

/* @sc's handshake ended (@r: 1 done, -1 failed): close it, count it. */
static void srv_end(struct srv *s, struct sconn *sc, int r)
{
	s->t_last = bench_now_ns();
	if (r > 0)
		s->lat[s->ok++] = s->t_last - sc->t0;
	s->done++;
	s->inflight--;
	sconn_free(s->ep, sc);
}

static void srv_accept(struct srv *s, SSL_CTX *ctx)
{
	struct sconn *sc;
	int fd, r;

	while (s->accepted < s->so->n && s->inflight < s->so->c &&
	       (fd = accept4(s->lfd, NULL, NULL,
			     SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
		if (!s->accepted)
			s->t0 = bench_now_ns();
		s->accepted++;
		s->inflight++;
		sc = sconn_new(s->ep, fd, ctx);
		if (!sc) {
			close(fd);
			s->done++;
			s->inflight--;
			continue;
		}
		r = sconn_step(s->ep, sc);
		if (r)
			srv_end(s, sc, r);
	}
}

int bench_serve_inplace(const struct bench_serve_opts *so)
{
	struct srv s = { .so = so, .listening = true };
	struct epoll_event ev = { .events = EPOLLIN }, evs[64];
	SSL_CTX *ctx;
	int k, i;

	/*
	 * A thread name of its own: the client driver is a ktlsctl-bench too,
	 * and the bench counts each one's system calls by name (2.sys).
	 */
	prctl(PR_SET_NAME, "bench-serve", 0, 0, 0);
	s.lat = calloc(so->n, sizeof(*s.lat));
	ctx = bench_server_ctx(so->cert, so->key, so->suite);
	if (!ctx || !s.lat)
		return 1;
	s.lfd = listen_on(&so->addr);
	s.ep = epoll_create1(EPOLL_CLOEXEC);
	if (s.lfd < 0 || s.ep < 0)
		return 1;
	ev.data.ptr = NULL;
	epoll_ctl(s.ep, EPOLL_CTL_ADD, s.lfd, &ev);
	while (s.done < so->n) {
		k = epoll_wait(s.ep, evs, 64,
			       so->timeout_ms ? (int)so->timeout_ms : -1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			fprintf(stderr, "ktlsctl-bench: serve-inplace: %s after %u of %u\n",
				k ? strerror(errno) : "timed out", s.done, so->n);
			break;
		}
		for (i = 0; i < k; i++) {
			struct sconn *sc = evs[i].data.ptr;
			int r;

			if (!sc) {
				srv_accept(&s, ctx);
			} else {
				r = sconn_step(s.ep, sc);
				if (r)
					srv_end(&s, sc, r);
			}
			srv_listen(&s);
		}
	}
	close(s.lfd);
	printf("{\"mode\":\"serve-inplace\",\"n\":%u,\"c\":%u,\"ok\":%u,"
	       "\"failed\":%u,\"elapsed_ns\":%llu",
	       so->n, so->c, s.ok, so->n - s.ok,
	       (unsigned long long)(s.t_last > s.t0 ? s.t_last - s.t0 : 0));
	bench_print_lat(s.lat, s.ok);
	printf("}\n");
	SSL_CTX_free(ctx);
	free(s.lat);
	return s.ok == so->n ? 0 : 1;
}
