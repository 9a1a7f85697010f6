/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kshim: kmalloc on malloc. While kshim_alloc_budget is not negative, it is
 * the number of allocations that still succeed; the next one fails.
 */
#ifndef _KSHIM_LINUX_SLAB_H
#define _KSHIM_LINUX_SLAB_H

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#define GFP_KERNEL	0

extern long kshim_alloc_budget;

static inline void *kmalloc(size_t size, int gfp)
{
	(void)gfp;
	if (kshim_alloc_budget == 0)
		return NULL;
	if (kshim_alloc_budget > 0)
		kshim_alloc_budget--;
	return malloc(size);
}

static inline void *kmemdup(const void *p, size_t size, int gfp)
{
	void *q = kmalloc(size, gfp);

	return q ? memcpy(q, p, size) : NULL;
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

static inline void kfree_sensitive(const void *p)
{
	if (p)
		explicit_bzero((void *)p, malloc_usable_size((void *)p));
	free((void *)p);
}

#endif
