/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How long a worker at its cap lets a silent peer be (stall.c). A busy
 * server answers every handshake late, not only a hostile one's: failing
 * those would bring them back as retries (a reconnect storm feeding
 * itself), so the limit follows the peers that do answer: twice the
 * longest silence, in the last STALL_MEMORY stall-timeouts, after which a
 * peer spoke, if that is longer, up to STALL_MAX times --stall-timeout.
 */
#ifndef _KTLSCTLD_STALL_H
#define _KTLSCTLD_STALL_H

#include <stdint.h>

/* The stall limit's memory and ceiling, in --stall-timeouts. */
#define STALL_MEMORY		6
#define STALL_MAX		6

/* One worker's memory of its peers' silences. */
struct stall {
	uint64_t slow_ms;	/* the longest silence a peer then broke */
	uint64_t slow_at;	/* ... seen then (CLOCK_MONOTONIC, ms) */
};

/* A peer spoke at @now after @silence ms; @stall_ms is --stall-timeout. */
void stall_note(struct stall *s, unsigned int stall_ms, uint64_t silence,
		uint64_t now);

/* How long a peer may be silent at @now while its worker is full. */
uint64_t stall_limit(const struct stall *s, unsigned int stall_ms,
		     uint64_t now);

#endif /* _KTLSCTLD_STALL_H */
