// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-bench-peer: the TLS server every benchmark row talks to, so that
 * the in-place and the upcall handshakes meet the very same peer. OpenSSL,
 * one SSL_CTX loaded once, TLS 1.3 with one cipher, no session tickets;
 * THREADS threads, each with its own SO_REUSEPORT listener and a
 * non-blocking epoll loop. After the handshake, by --mode:
 *   hs      read until the client closes (never close first: kTLS refuses
 *           keys on a socket the peer already half-closed)
 *   sink    read and count application data until the client closes
 *   source  write --bytes of application data in 16 KiB SSL_write()s,
 *           then wait for the client to close
 *   silent  never answer: accept and hold the connection until it closes
 * sink and source print one JSON line per connection (bytes and TLS
 * records each way, counted from the record headers OpenSSL reports).
 * SIGTERM or SIGINT: print the totals as one JSON line and exit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>

#include "common.h"

enum mode { MODE_HS, MODE_SINK, MODE_SOURCE, MODE_SILENT };

struct conn {
	int fd;
	SSL *ssl;
	struct sockbio io;
	bool hs_done;
	uint64_t sent;
	uint64_t rec_in, rec_out;
	uint64_t app_in;
};

static enum mode mode = MODE_HS;
static uint64_t source_bytes = 64 << 20;
static SSL_CTX *ctx;
static struct sockaddr_in addr;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_ullong n_conns, n_ok, n_failed;
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void msg_cb(int write_p, int version, int content_type,
		   const void *buf, size_t len, SSL *ssl, void *arg)
{
	struct conn *c = SSL_get_app_data(ssl);

	(void)buf;
	(void)version;
	(void)arg;
	/* Every record's header, before decryption / after encryption. */
	if (content_type != SSL3_RT_HEADER || len < 5 || !c)
		return;
	if (write_p)
		c->rec_out++;
	else
		c->rec_in++;
}

static void conn_close(int ep, struct conn *c)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
	if (c->hs_done && (mode == MODE_SINK || mode == MODE_SOURCE)) {
		pthread_mutex_lock(&out_lock);
		printf("{\"conn\":true,\"app_bytes_in\":%llu,\"app_bytes_out\":%llu,"
		       "\"records_in\":%llu,\"records_out\":%llu}\n",
		       (unsigned long long)c->app_in,
		       (unsigned long long)c->sent,
		       (unsigned long long)c->rec_in,
		       (unsigned long long)c->rec_out);
		fflush(stdout);
		pthread_mutex_unlock(&out_lock);
	}
	if (c->ssl)
		SSL_free(c->ssl);
	close(c->fd);
	free(c);
}

/* Drives @c as far as the socket allows; false when it is finished. */
static bool conn_step(struct conn *c)
{
	static __thread char buf[65536];
	int ret, err;

	if (!c->hs_done) {
		ERR_clear_error();
		ret = SSL_do_handshake(c->ssl);
		if (ret != 1) {
			err = SSL_get_error(c->ssl, ret);
			if (err == SSL_ERROR_WANT_READ ||
			    err == SSL_ERROR_WANT_WRITE)
				return true;
			n_failed++;
			return false;
		}
		c->hs_done = true;
		/* Count the records of the data phase only. */
		c->rec_in = 0;
		c->rec_out = 0;
		n_ok++;
	}
	if (mode == MODE_SOURCE) {
		while (c->sent < source_bytes) {
			size_t len = source_bytes - c->sent;

			if (len > 16384)
				len = 16384;
			ret = SSL_write(c->ssl, buf, (int)len);
			if (ret <= 0) {
				err = SSL_get_error(c->ssl, ret);
				return err == SSL_ERROR_WANT_WRITE ||
				       err == SSL_ERROR_WANT_READ;
			}
			c->sent += (uint64_t)ret;
		}
	}
	for (;;) {
		ret = SSL_read(c->ssl, buf, sizeof(buf));
		if (ret > 0) {
			c->app_in += (uint64_t)ret;
			continue;
		}
		err = SSL_get_error(c->ssl, ret);
		return err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE;
	}
}

static void *serve(void *arg)
{
	struct epoll_event ev, evs[64];
	int one = 1, lfd, ep, i, n;

	(void)arg;
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (lfd < 0 ||
	    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    setsockopt(lfd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) ||
	    bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) ||
	    listen(lfd, 4096)) {
		perror("ktlsctl-bench-peer: listen");
		exit(1);
	}
	ep = epoll_create1(EPOLL_CLOEXEC);
	ev.events = EPOLLIN;
	ev.data.ptr = NULL;
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	while (!stop) {
		n = epoll_wait(ep, evs, 64, 200);
		for (i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;

			if (!c) {
				int fd;

				while ((fd = accept4(lfd, NULL, NULL,
						     SOCK_NONBLOCK |
						     SOCK_CLOEXEC)) >= 0) {
					c = calloc(1, sizeof(*c));
					if (!c) {
						close(fd);
						continue;
					}
					n_conns++;
					c->fd = fd;
					c->io.fd = fd;
					setsockopt(fd, IPPROTO_TCP, TCP_NODELAY,
						   &one, sizeof(one));
					ev.events = EPOLLIN | EPOLLOUT |
						    EPOLLRDHUP | EPOLLET;
					ev.data.ptr = c;
					if (mode != MODE_SILENT) {
						c->ssl = SSL_new(ctx);
						SSL_set_app_data(c->ssl, c);
						BIO *b = sockbio_new(&c->io);

						SSL_set_bio(c->ssl, b, b);
						SSL_set_accept_state(c->ssl);
					}
					epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
					if (c->ssl && !conn_step(c))
						conn_close(ep, c);
				}
				continue;
			}
			if (!c->ssl) {
				if (evs[i].events & (EPOLLRDHUP | EPOLLHUP |
						     EPOLLERR))
					conn_close(ep, c);
				continue;
			}
			if (!conn_step(c))
				conn_close(ep, c);
		}
	}
	return NULL;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: ktlsctl-bench-peer [ADDR]:PORT --cert FILE --key FILE\n"
		"       [--mode hs|sink|source|silent] [--bytes N] [--threads N]\n"
		"       [--cipher AES-128-GCM|CHACHA20-POLY1305|...]\n"
		"       [--ready-file FILE]\n");
	exit(2);
}

static void raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= rl.rlim_max)
		return;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		perror("ktlsctl-bench-peer: setrlimit");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cert", required_argument, NULL, 'c' },
		{ "key", required_argument, NULL, 'k' },
		{ "mode", required_argument, NULL, 'm' },
		{ "bytes", required_argument, NULL, 'b' },
		{ "threads", required_argument, NULL, 't' },
		{ "cipher", required_argument, NULL, 'C' },
		{ "ready-file", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cert = NULL, *key = NULL, *cipher = "AES-128-GCM";
	const char *ready = NULL, *suite;
	unsigned int threads = 1, i;
	pthread_t *tids;
	struct sigaction sa;
	int o;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'c': cert = optarg; break;
		case 'k': key = optarg; break;
		case 'b': source_bytes = strtoull(optarg, NULL, 0); break;
		case 't': threads = (unsigned int)atoi(optarg); break;
		case 'C': cipher = optarg; break;
		case 'r': ready = optarg; break;
		case 'm':
			if (!strcmp(optarg, "hs"))
				mode = MODE_HS;
			else if (!strcmp(optarg, "sink"))
				mode = MODE_SINK;
			else if (!strcmp(optarg, "source"))
				mode = MODE_SOURCE;
			else if (!strcmp(optarg, "silent"))
				mode = MODE_SILENT;
			else
				usage();
			break;
		default: usage();
		}
	}
	if (optind + 1 != argc || !cert || !key || !threads ||
	    bench_parse_addr(argv[optind], &addr))
		usage();
	suite = bench_tls13_suite(cipher);
	if (!suite)
		usage();

	ctx = bench_server_ctx(cert, key, suite);
	if (!ctx)
		return 1;
	SSL_CTX_set_msg_callback(ctx, msg_cb);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	/*
	 * A storm holds a thousand connections and more: at the usual 1024
	 * descriptors accept() fails with EMFILE, the listener stays readable
	 * and the connections past the limit are never served.
	 */
	raise_nofile();
	tids = calloc(threads, sizeof(*tids));
	for (i = 0; i < threads; i++)
		pthread_create(&tids[i], NULL, serve, NULL);
	if (ready) {
		/* The listeners are up when each thread has bound: wait a bit. */
		FILE *f;

		usleep(100000);
		f = fopen(ready, "w");
		if (f) {
			fprintf(f, "%d\n", getpid());
			fclose(f);
		}
	}
	for (i = 0; i < threads; i++)
		pthread_join(tids[i], NULL);
	printf("{\"conns\":%llu,\"handshakes\":%llu,\"failed\":%llu}\n",
	       (unsigned long long)n_conns, (unsigned long long)n_ok,
	       (unsigned long long)n_failed);
	SSL_CTX_free(ctx);
	return 0;
}
