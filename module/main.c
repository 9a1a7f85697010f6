// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl: kernel-initiated TLS handshakes served by a user-space daemon.
 * Module init and exit only.
 */
#include <linux/module.h>
#include <linux/netlink.h>
#include <linux/socket.h>

#include "ktlsctl-priv.h"

static int __init ktlsctl_init(void)
{
	int err;

	err = ktlsctl_netns_init();
	if (err)
		goto out;

	err = ktlsctl_netlink_init();
	if (err)
		goto out_netns;

	pr_info("ktlsctl " KTLSCTL_VERSION " loaded\n");
	return 0;

out_netns:
	ktlsctl_netns_exit();
out:
	return err;
}

static void __exit ktlsctl_exit(void)
{
	ktlsctl_netlink_exit();
	ktlsctl_netns_exit();
}

module_init(ktlsctl_init);
module_exit(ktlsctl_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Kernel-initiated TLS handshakes served by a user-space daemon");
MODULE_VERSION(KTLSCTL_VERSION);
/* What genetlink asks for when a family is missing: load on first use. */
MODULE_ALIAS("net-pf-" __stringify(PF_NETLINK) "-proto-" __stringify(NETLINK_GENERIC)
	     "-family-" KTLSCTL_FAMILY_NAME);
