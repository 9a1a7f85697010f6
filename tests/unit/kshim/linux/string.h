/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: libc's string functions and memzero_explicit(). */
#ifndef _KSHIM_LINUX_STRING_H
#define _KSHIM_LINUX_STRING_H

#include <string.h>

#define memzero_explicit(p, n)	explicit_bzero(p, n)

#endif
