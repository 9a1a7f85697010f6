// SPDX-License-Identifier: GPL-2.0
/* The stall limit of a full worker (the policy is in stall.h). */
#include "stall.h"

void stall_note(struct stall *s, unsigned int stall_ms, uint64_t silence,
		uint64_t now)
{
	if (silence >= s->slow_ms ||
	    now - s->slow_at >= (uint64_t)STALL_MEMORY * stall_ms) {
		s->slow_ms = silence;
		s->slow_at = now;
	}
}

uint64_t stall_limit(const struct stall *s, unsigned int stall_ms,
		     uint64_t now)
{
	uint64_t lim = stall_ms;

	if (now - s->slow_at < (uint64_t)STALL_MEMORY * stall_ms &&
	    2 * s->slow_ms > lim)
		lim = 2 * s->slow_ms;
	return lim < (uint64_t)STALL_MAX * stall_ms ? lim :
	       (uint64_t)STALL_MAX * stall_ms;
}
