/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: the uapi errno values (EKEYREJECTED among them). */
#ifndef _KSHIM_LINUX_ERRNO_H
#define _KSHIM_LINUX_ERRNO_H

#include_next <linux/errno.h>

#endif
