/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Worker threads: each hears READY and ABORT on a netlink socket of its
 * own, takes requests with ACCEPT on another and drives their handshakes
 * concurrently in an epoll loop.
 */
#ifndef _KTLSCTLD_WORKER_H
#define _KTLSCTLD_WORKER_H

#include <stdint.h>

/*
 * Opens the sockets of n workers (before the daemon drops its privileges),
 * which together will hold at most max_inflight handshakes (rounded up to
 * a multiple of n); a worker at its cap fails handshakes silent for
 * stall_timeout_ms (0: never) to make room. 0 or -errno (nothing left).
 */
int workers_init(unsigned int n, unsigned int max_inflight,
		 unsigned int stall_timeout_ms);
/* Starts their threads. 0 or -errno (nothing left). */
int workers_start(void);
/*
 * Asks worker i (mod n), or every worker with -1, to drain the queue (the
 * workers hear READY themselves: this is for requests queued before).
 */
void workers_kick(int i);
/* Fails in-flight requests with ESHUTDOWN, stops and joins every worker. */
void workers_stop(void);

#endif /* _KTLSCTLD_WORKER_H */
