// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl_warn: a module that only emits a kernel warning when loaded.
 *
 * The VM harness self-test (tests/vm/harness.sh) loads it to check that
 * scripts/vm-run fails a run whose guest kernel log shows a WARNING.
 */

#include <linux/bug.h>
#include <linux/init.h>
#include <linux/module.h>

static int __init ktlsctl_warn_init(void)
{
	WARN(1, "ktlsctl_warn: deliberate warning for the harness self-test\n");
	return 0;
}

static void __exit ktlsctl_warn_exit(void)
{
}

module_init(ktlsctl_warn_init);
module_exit(ktlsctl_warn_exit);

MODULE_DESCRIPTION("Deliberate WARN() for the ktlsctl VM harness self-test");
MODULE_LICENSE("GPL");
