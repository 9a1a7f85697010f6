/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: snprintf, ARRAY_SIZE and the limits. */
#ifndef _KSHIM_LINUX_KERNEL_H
#define _KSHIM_LINUX_KERNEL_H

#include_next <linux/kernel.h>
#include <limits.h>
#include <stdio.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif
