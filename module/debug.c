// SPDX-License-Identifier: GPL-2.0
/*
 * Debug-build object accounting: see debug.h. Built only with
 * KTLSCTL_DEBUG=1 (module/Kbuild).
 */
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/printk.h>

#include "debug.h"

static const char *const ktlsctl_dbg_names[KTLSCTL_DBG_NR] = {
	[KTLSCTL_DBG_REQ] = "requests",
	[KTLSCTL_DBG_CRED] = "credentials",
};

static atomic_long_t ktlsctl_dbg_live[KTLSCTL_DBG_NR];

void ktlsctl_dbg_get(enum ktlsctl_dbg_obj obj)
{
	atomic_long_inc(&ktlsctl_dbg_live[obj]);
}

void ktlsctl_dbg_put(enum ktlsctl_dbg_obj obj)
{
	/* More frees than allocations: a double free the allocator missed. */
	WARN(atomic_long_dec_return(&ktlsctl_dbg_live[obj]) < 0,
	     "ktlsctl: more %s freed than allocated\n", ktlsctl_dbg_names[obj]);
}

/* Module exit, after everything is torn down: nothing may be left. */
void ktlsctl_dbg_exit(void)
{
	long n;
	int i;

	for (i = 0; i < KTLSCTL_DBG_NR; i++) {
		n = atomic_long_read(&ktlsctl_dbg_live[i]);
		WARN(n, "ktlsctl: %ld %s still live at module exit\n", n,
		     ktlsctl_dbg_names[i]);
	}
	pr_info("ktlsctl: debug accounting checked at exit\n");
}
