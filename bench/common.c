// SPDX-License-Identifier: GPL-2.0
/* ktlsctl-bench and ktlsctl-bench-peer: what both programs share. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>

#include <openssl/err.h>

#include "common.h"

const char *bench_tls13_suite(const char *cipher)
{
	if (!strcmp(cipher, "AES-128-GCM"))
		return "TLS_AES_128_GCM_SHA256";
	if (!strcmp(cipher, "AES-256-GCM"))
		return "TLS_AES_256_GCM_SHA384";
	if (!strcmp(cipher, "CHACHA20-POLY1305"))
		return "TLS_CHACHA20_POLY1305_SHA256";
	if (!strcmp(cipher, "AES-128-CCM"))
		return "TLS_AES_128_CCM_SHA256";
	return NULL;
}

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int bench_parse_addr(const char *s, struct sockaddr_in *sin)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	char *end;
	long port;

	if (!colon || (size_t)(colon - s) >= sizeof(host))
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || port <= 0 || port > 65535)
		return -1;
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	if (!host[0])
		sin->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
		return -1;
	return 0;
}

char *bench_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		goto out;
	buf = malloc((size_t)size + 1);
	if (!buf)
		goto out;
	if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[size] = '\0';
	*len = (size_t)size;
out:
	fclose(f);
	return buf;
}

static int bench_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

uint64_t bench_percentile(uint64_t *v, size_t n, double p)
{
	size_t i;

	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), bench_cmp_u64);
	i = (size_t)(p / 100.0 * (double)(n - 1) + 0.5);
	return v[i < n ? i : n - 1];
}

void bench_print_lat(uint64_t *lat, size_t n)
{
	uint64_t sum = 0, p50, p99;
	size_t i;

	for (i = 0; i < n; i++)
		sum += lat[i];
	/* Sorts lat: lat[0] is the least, lat[n - 1] the most. */
	p50 = bench_percentile(lat, n, 50);
	p99 = bench_percentile(lat, n, 99);
	printf(",\"lat_p50_us\":%.1f,\"lat_p99_us\":%.1f,\"lat_min_us\":%.1f,"
	       "\"lat_max_us\":%.1f,\"lat_mean_us\":%.1f",
	       p50 / 1e3, p99 / 1e3,
	       n ? lat[0] / 1e3 : 0, n ? lat[n - 1] / 1e3 : 0,
	       n ? (double)sum / (double)n / 1e3 : 0);
}

SSL_CTX *bench_server_ctx(const char *cert, const char *key, const char *suite)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

	if (!ctx || !SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_ciphersuites(ctx, suite) ||
	    SSL_CTX_use_certificate_chain_file(ctx, cert) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
		ERR_print_errors_fp(stderr);
		SSL_CTX_free(ctx);
		return NULL;
	}
	SSL_CTX_set_num_tickets(ctx, 0);
	SSL_CTX_set_read_ahead(ctx, 0);
	SSL_CTX_clear_options(ctx, SSL_OP_ENABLE_KTLS);
	SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
	return ctx;
}

int bench_hs_step(int ep, int fd, SSL *ssl, void *ptr)
{
	struct epoll_event ev = { .data.ptr = ptr };
	int ret, err;

	ERR_clear_error();
	ret = SSL_do_handshake(ssl);
	if (ret == 1)
		return 1;
	err = SSL_get_error(ssl, ret);
	if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
		ev.events = err == SSL_ERROR_WANT_READ ? EPOLLIN : EPOLLOUT;
		epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
		return 0;
	}
	ERR_print_errors_fp(stderr);
	return -1;
}
