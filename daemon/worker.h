/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Worker threads: each owns a netlink socket, takes requests with ACCEPT
 * and drives their handshakes concurrently in an epoll loop.
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
/* Asks worker i (mod n), or every worker with -1, to drain the queue. */
void workers_kick(int i);
/*
 * The module ended request id without our DONE (ABORT): the worker holding
 * it drops it at once (else it would wait for its deadline).
 */
void workers_abort(uint32_t id);
/* Fails in-flight requests with ESHUTDOWN, stops and joins every worker. */
void workers_stop(void);

#endif /* _KTLSCTLD_WORKER_H */
