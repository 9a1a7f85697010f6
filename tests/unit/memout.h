/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a printer wrote, caught in memory: print to the FILE out_open()
 * gives, and out_close() returns the text, valid until the next out_open().
 */
#ifndef _KTLSCTL_MEMOUT_H
#define _KTLSCTL_MEMOUT_H

#include <stdio.h>
#include <stdlib.h>

static char *out_buf;
static size_t out_len;

static inline FILE *out_open(void)
{
	free(out_buf);
	out_buf = NULL;
	return open_memstream(&out_buf, &out_len);
}

static inline const char *out_close(FILE *f)
{
	fclose(f);
	return out_buf;
}

#endif /* _KTLSCTL_MEMOUT_H */
