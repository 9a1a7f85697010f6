/* SPDX-License-Identifier: GPL-2.0 */
/* The daemon's clock for deadlines and idle times: CLOCK_MONOTONIC in ms. */
#ifndef _KTLSCTLD_CLOCK_H
#define _KTLSCTLD_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

#endif /* _KTLSCTLD_CLOCK_H */
