/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: mktime64() on timegm(). */
#ifndef _KSHIM_LINUX_TIME_H
#define _KSHIM_LINUX_TIME_H

#include <time.h>
#include <linux/time64.h>

static inline time64_t mktime64(unsigned int year, unsigned int mon,
				unsigned int day, unsigned int hour,
				unsigned int min, unsigned int sec)
{
	struct tm tm = {
		.tm_year = (int)year - 1900, .tm_mon = (int)mon - 1,
		.tm_mday = (int)day, .tm_hour = (int)hour,
		.tm_min = (int)min, .tm_sec = (int)sec,
	};

	return timegm(&tm);
}

#endif
