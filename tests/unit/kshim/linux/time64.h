/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: time64_t. */
#ifndef _KSHIM_LINUX_TIME64_H
#define _KSHIM_LINUX_TIME64_H

#include <linux/types.h>

typedef s64 time64_t;

#endif
