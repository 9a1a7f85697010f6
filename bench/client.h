/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktlsctl-bench: the options main() parses (ktlsctl-bench.c) and what the
 * files of its client rows share (inplace.c, kernel.c, data.c); the server
 * rows' own are in serve.h.
 */
#ifndef KTLSCTL_BENCH_CLIENT_H
#define KTLSCTL_BENCH_CLIENT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

struct sockbio;
struct ktlsctl_bench_req;
struct ktlsctl_bench_run;

/* The command line, as the usage in ktlsctl-bench.c has it. */
struct bench_opts {
	const char *cmd;
	struct sockaddr_in addr;
	unsigned int n, c;
	const char *ca_file, *name, *cipher, *mode, *file, *cert, *key;
	char *ca;		/* --ca's file, read whole */
	size_t ca_len;
	bool ctx_per_hs, ca_by_policy, wait_close;
	unsigned int timeout_ms, hold_ms;
	uint64_t bytes;
	size_t chunk;
};

/* ktlsctl-bench.c */

/* Prints "ktlsctl-bench: @what: " and strerror(errno); exits 1. */
__attribute__((noreturn))
void bench_die(const char *what);
/* Prints "ktlsctl-bench: @what" and OpenSSL's errors; exits 1. */
__attribute__((noreturn))
void bench_die_ssl(const char *what);
/* KTLSCTL_CIPHER_* for a --cipher name; 0 if unknown. */
uint32_t bench_cipher_id(const char *s);

/* inplace.c: the in-place client (the inplace row, data's ossl-* modes) */

/* TLS 1.3, one suite, the peer verified with --ca; the daemon's settings. */
SSL_CTX *bench_client_ctx(const struct bench_opts *o);
/* A client SSL on @io's socket, with SNI and host check for --name. */
SSL *bench_client_ssl(const struct bench_opts *o, SSL_CTX *ctx,
		      struct sockbio *io);
/* A TCP socket, non-blocking if @nonblock. */
int bench_tcp_socket(bool nonblock);
int bench_inplace(const struct bench_opts *o);

/* wake.c: the latency row's yardstick, @n hops (one JSON object) */
int bench_wake(unsigned int n);

/* kernel.c: the rows asked of ktlsctl_bench.ko (kernel, storm, hold) */

/* The module's device (serve.c's and data.c's too). */
int bench_dev(void);
/* The client request to HOST:PORT the options make (data.c's too). */
void bench_fill_req(const struct bench_opts *o, struct ktlsctl_bench_req *r);
/* A run's outcome as one JSON line (serve.c's too). */
void bench_print_run(const char *mode, const struct ktlsctl_bench_run *r,
		     const uint64_t *lat);
int bench_kernel(const struct bench_opts *o);
/* storm, or hold (@hold): the requests held --hold-ms, then cancelled. */
int bench_storm(const struct bench_opts *o, bool hold);

/* data.c: the data row; --mode already checked by main() */
int bench_data(const struct bench_opts *o);

#endif
