/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktlsctl-bench serve-kernel and serve-inplace: the two servers of the
 * server rows (serve.c); what kernel.c lends them is in client.h.
 */
#ifndef KTLSCTL_BENCH_SERVE_H
#define KTLSCTL_BENCH_SERVE_H

#include <netinet/in.h>
#include <stdint.h>

struct bench_serve_opts {
	struct sockaddr_in addr;	/* where to listen */
	unsigned int n;			/* connections to serve */
	unsigned int c;			/* most handshakes at once */
	const char *cert, *key;		/* PEM files */
	const char *suite;		/* the one TLS 1.3 suite */
	uint32_t cipher;		/* the same, KTLSCTL_CIPHER_* */
	unsigned int timeout_ms;	/* most time without any event */
};

/* Each serves @so->n handshakes, prints one JSON line; the exit status. */
int bench_serve_kernel(const struct bench_serve_opts *so);
int bench_serve_inplace(const struct bench_serve_opts *so);

#endif
