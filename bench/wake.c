// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-bench wake: the yardstick of the latency row. One thread sends a
 * few bytes on a socket, a second thread asleep in epoll_wait() on the
 * other end wakes, reads them and answers the same way, each thread on a
 * CPU of its own. Half a round trip is one hop of the kind the upcall is
 * made of (READY wakes the daemon, which reads it and writes its ACCEPT).
 * scripts/bench runs it in the VM, where it is the unit the upcall's own
 * hops are counted in, and on the host, where it is what one such wake
 * costs without the emulator.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "client.h"
#include "common.h"

#define WAKE_MSG	64

/* Runs the calling thread on @cpu, if there is one (best effort). */
static void wake_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* The far end: each message that wakes it goes back as it came. */
static void *wake_echo(void *arg)
{
	int fd = *(int *)arg, ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN };
	char buf[WAKE_MSG];
	ssize_t len;

	wake_pin(1);
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
		bench_die("wake: epoll");
	for (;;) {
		if (epoll_wait(ep, &ev, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			bench_die("wake: epoll_wait");
		}
		len = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (len == 0)
			break;
		if (len < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			bench_die("wake: recv");
		}
		if (send(fd, buf, (size_t)len, 0) != len)
			bench_die("wake: send");
	}
	close(ep);
	return NULL;
}

int bench_wake(unsigned int n)
{
	uint64_t *hop = calloc(n, sizeof(*hop)), t0;
	char buf[WAKE_MSG] = { 0 };
	pthread_t thread;
	unsigned int i;
	int sv[2];

	if (!hop || socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		bench_die("wake: setup");
	/*
	 * Each end on a CPU of its own, as the daemon's worker and the
	 * consumer: a hop wakes a CPU that was idle.
	 */
	wake_pin(0);
	if (pthread_create(&thread, NULL, wake_echo, &sv[1]))
		bench_die("wake: thread");
	for (i = 0; i < n; i++) {
		/* Let the echo thread fall asleep before each round trip. */
		usleep(200);
		t0 = bench_now_ns();
		if (send(sv[0], buf, sizeof(buf), 0) != sizeof(buf) ||
		    recv(sv[0], buf, sizeof(buf), 0) != sizeof(buf))
			bench_die("wake: round trip");
		hop[i] = (bench_now_ns() - t0) / 2;
	}
	shutdown(sv[0], SHUT_WR);
	pthread_join(thread, NULL);
	close(sv[0]);
	close(sv[1]);
	printf("{\"mode\":\"wake\",\"n\":%u", n);
	bench_print_lat(hop, n);
	printf("}\n");
	free(hop);
	return 0;
}
