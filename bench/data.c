// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-bench data: after one handshake, --bytes moved in 16 KiB calls,
 * by OpenSSL in this process (ossl-*: inplace.c's client) or on the socket
 * whose keys ktlsctl installed (ktls-*: the module's KTLSCTL_BENCH_FD);
 * system calls and bytes through user space counted, time and CPU of the
 * data phase alone.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/ktlsctl.h>
#include "client.h"
#include "common.h"
#include "ktlsctl_bench.h"

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

static int data_ktls(const struct bench_opts *o, bool rx, bool use_sendfile,
		     struct counters *k)
{
	struct ktlsctl_bench_fd f;
	char *buf = malloc(o->chunk);
	int dev = bench_dev(), file = -1, one = 1;
	off_t off = 0;
	ssize_t n;

	memset(&f, 0, sizeof(f));
	bench_fill_req(o, &f.req);
	if (ioctl(dev, KTLSCTL_BENCH_FD, &f))
		bench_die("KTLSCTL_BENCH_FD");
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
	memset(buf, 'k', o->chunk);
	if (use_sendfile) {
		file = open(o->file, O_RDONLY | O_CLOEXEC);
		if (file < 0)
			bench_die(o->file);
	}
	data_start();
	while (k->bytes < o->bytes) {
		size_t len = o->bytes - k->bytes;

		if (len > o->chunk)
			len = o->chunk;
		k->syscalls++;
		if (rx)
			n = read(f.fd, buf, o->chunk);
		else if (use_sendfile)
			n = sendfile(f.fd, file, &off, len);
		else
			n = write(f.fd, buf, len);
		if (n <= 0)
			bench_die(rx ? "read" : "write");
		k->bytes += (uint64_t)n;
		if (!use_sendfile)
			k->user_bytes += (uint64_t)n;
	}
	if (file >= 0)
		close(file);
	return f.fd;
}

static int data_ossl(const struct bench_opts *o, bool rx, struct counters *k,
		     SSL **out_ssl, struct sockbio *io)
{
	SSL_CTX *ctx = bench_client_ctx(o);
	char *buf = malloc(o->chunk);
	int fd = bench_tcp_socket(false), one = 1, n;
	SSL *ssl;

	if (connect(fd, (struct sockaddr *)&o->addr, sizeof(o->addr)))
		bench_die("connect");
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	io->fd = fd;
	ssl = bench_client_ssl(o, ctx, io);
	SSL_CTX_free(ctx);
	if (SSL_do_handshake(ssl) != 1)
		bench_die_ssl("handshake");
	/* Count the data phase only. */
	io->syscalls = 0;
	io->bytes = 0;
	memset(buf, 'o', o->chunk);
	data_start();
	while (k->bytes < o->bytes) {
		size_t len = o->bytes - k->bytes;

		if (len > o->chunk)
			len = o->chunk;
		n = rx ? SSL_read(ssl, buf, (int)o->chunk) :
			 SSL_write(ssl, buf, (int)len);
		if (n <= 0)
			bench_die_ssl(rx ? "SSL_read" : "SSL_write");
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

int bench_data(const struct bench_opts *o)
{
	bool rx = strstr(o->mode, "read") != NULL;
	bool ossl = !strncmp(o->mode, "ossl-", 5);
	struct counters k = { 0 };
	struct rusage r0, r1;
	struct sockbio io = { 0 };
	SSL *ssl = NULL;
	uint64_t t0, t1;
	double cpu;
	int fd;

	/* Time and CPU of the data phase alone (data_start()). */
	if (ossl)
		fd = data_ossl(o, rx, &k, &ssl, &io);
	else
		fd = data_ktls(o, rx, !strcmp(o->mode, "ktls-sendfile"), &k);
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
	       o->mode, o->cipher, (unsigned long long)k.bytes, o->chunk,
	       (unsigned long long)(t1 - t0), cpu,
	       tv_s(&r1.ru_utime) - tv_s(&r0.ru_utime),
	       tv_s(&r1.ru_stime) - tv_s(&r0.ru_stime),
	       (unsigned long long)k.syscalls,
	       (unsigned long long)k.user_bytes);
	SSL_free(ssl);
	close(fd);
	return 0;
}
