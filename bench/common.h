/* SPDX-License-Identifier: GPL-2.0 */
/* ktlsctl-bench and ktlsctl-bench-peer: what both programs share. */
#ifndef KTLSCTL_BENCH_COMMON_H
#define KTLSCTL_BENCH_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

/*
 * Both programs give OpenSSL the daemon's socket BIO (sockbio_new()), so
 * that the in-place handshake does the daemon's I/O; it counts system calls
 * and bytes.
 */
#include "sockbio.h"

/* TLS 1.3 cipher suite name for a KTLSCTL_CIPHER_* name; NULL if unknown. */
const char *bench_tls13_suite(const char *cipher);

/* CLOCK_MONOTONIC in ns. */
uint64_t bench_now_ns(void);

/* "A.B.C.D:PORT" into a sockaddr_in; 0 or -1. */
struct sockaddr_in;
int bench_parse_addr(const char *s, struct sockaddr_in *sin);

/* A whole file into a NUL-terminated buffer; NULL on error. */
char *bench_read_file(const char *path, size_t *len);

/* Sorts @v (n entries) and returns its @p-th percentile (0..100). */
uint64_t bench_percentile(uint64_t *v, size_t n, double p);

/* Latencies (ns; sorted): p50, p99, min, max, mean in µs as JSON fields. */
void bench_print_lat(uint64_t *lat, size_t n);

/*
 * One SSL_do_handshake() step on a non-blocking @fd registered in @ep with
 * @ptr: 1 done, 0 in progress (@fd re-armed for what OpenSSL waits for),
 * -1 failed (OpenSSL's errors printed).
 */
int bench_hs_step(int ep, int fd, SSL *ssl, void *ptr);

/*
 * The servers' context (ktlsctl-bench-peer, ktlsctl-bench serve-inplace):
 * TLS 1.3 only, one suite, @cert (chain) and @key from PEM files, no
 * session tickets, no read-ahead, no OpenSSL kTLS. NULL on error (printed).
 */
SSL_CTX *bench_server_ctx(const char *cert, const char *key, const char *suite);

#endif
