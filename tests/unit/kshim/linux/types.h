/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: kernel integer types on top of the uapi header. */
#ifndef _KSHIM_LINUX_TYPES_H
#define _KSHIM_LINUX_TYPES_H

#include_next <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;	/* as in the kernel, for %llu */
typedef long long s64;

#endif
