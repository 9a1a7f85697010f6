// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-bench kernel, storm and hold: the client rows whose handshakes
 * the ktlsctl_bench module asks for (ktlsctl_bench.ko, its device's
 * ioctls), through ktlsctl and the daemon; and what the other files take
 * of the module: its device, the request the options make, a run's JSON.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/ktlsctl.h>
#include "client.h"
#include "common.h"
#include "ktlsctl_bench.h"

int bench_dev(void)
{
	int fd = open("/dev/" KTLSCTL_BENCH_DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		bench_die("/dev/" KTLSCTL_BENCH_DEV
			  " (insmod ktlsctl_bench.ko)");
	return fd;
}

void bench_fill_req(const struct bench_opts *o, struct ktlsctl_bench_req *r)
{
	memset(r, 0, sizeof(*r));
	r->port = ntohs(o->addr.sin_port);
	r->addr = o->addr.sin_addr.s_addr;
	r->tls_version = KTLSCTL_TLS_VERSION_TLS13;
	r->cipher = bench_cipher_id(o->cipher);
	r->timeout_ms = o->timeout_ms;
	r->peer_name.ptr = (uintptr_t)o->name;
	r->peer_name.len = (uint32_t)strlen(o->name);
	if (!o->ca_by_policy) {
		r->ca.ptr = (uintptr_t)o->ca;
		r->ca.len = (uint32_t)o->ca_len;
	}
}

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

int bench_kernel(const struct bench_opts *o)
{
	struct ktlsctl_bench_run r;
	uint64_t *lat = calloc(o->n, sizeof(*lat));
	int fd = bench_dev();

	memset(&r, 0, sizeof(r));
	bench_fill_req(o, &r.req);
	r.n = o->n;
	r.concurrency = o->c;
	r.lat_ns.ptr = (uintptr_t)lat;
	r.lat_ns.len = o->n * sizeof(*lat);
	if (ioctl(fd, KTLSCTL_BENCH_RUN, &r))
		bench_die("KTLSCTL_BENCH_RUN");
	bench_print_run("kernel", &r, lat);
	return r.ok == o->n ? 0 : 1;
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

int bench_storm(const struct bench_opts *o, bool hold)
{
	struct ktlsctl_bench_run r;
	uint64_t *lat = calloc(o->n, sizeof(*lat));
	int fd = bench_dev();
	long long m0, m1, m2;
	uint64_t submit_ns;

	memset(&r, 0, sizeof(r));
	bench_fill_req(o, &r.req);
	r.n = o->n;
	m0 = kmem();
	if (ioctl(fd, KTLSCTL_BENCH_CONNECT, &r))
		bench_die("KTLSCTL_BENCH_CONNECT");
	m1 = kmem();
	if (ioctl(fd, KTLSCTL_BENCH_SUBMIT, &r))
		bench_die("KTLSCTL_BENCH_SUBMIT");
	submit_ns = r.elapsed_ns;
	m2 = kmem();
	if (hold)
		usleep(o->hold_ms * 1000u);
	r.cancel = hold;
	r.lat_ns.ptr = (uintptr_t)lat;
	r.lat_ns.len = o->n * sizeof(*lat);
	if (ioctl(fd, KTLSCTL_BENCH_WAIT, &r))
		bench_die("KTLSCTL_BENCH_WAIT");
	bench_print_run(hold ? "hold" : "storm", &r, lat);
	/* Close the connections and print what the module kept meanwhile. */
	printf("{\"submit_ns\":%llu,\"slab_before_connect\":%lld,"
	       "\"slab_connected\":%lld,\"slab_submitted\":%lld}\n",
	       (unsigned long long)submit_ns, m0, m1, m2);
	return 0;
}
