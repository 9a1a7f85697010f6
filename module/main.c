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

	err = ktlsctl_request_init();
	if (err)
		goto out;

	err = ktlsctl_netns_init();
	if (err)
		goto out_request;

	/* Needs the per-namespace state; must be gone before it. */
	err = ktlsctl_request_notifier_register();
	if (err)
		goto out_netns;

	err = ktlsctl_netlink_init();
	if (err)
		goto out_notifier;

	pr_info("ktlsctl " KTLSCTL_VERSION " loaded\n");
	return 0;

out_notifier:
	ktlsctl_request_notifier_unregister();
out_netns:
	ktlsctl_netns_exit();
out_request:
	ktlsctl_request_exit();
out:
	return err;
}

/*
 * Consumers link against the exported API, so no consumer is loaded here;
 * still, leaving namespaces' exit completes whatever is pending (-ENETDOWN)
 * and waits for the callbacks before the workqueue goes.
 */
static void __exit ktlsctl_exit(void)
{
	ktlsctl_netlink_exit();
	ktlsctl_request_notifier_unregister();
	ktlsctl_netns_exit();
	ktlsctl_request_exit();
	ktlsctl_dbg_exit();
}

module_init(ktlsctl_init);
module_exit(ktlsctl_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Kernel-initiated TLS handshakes served by a user-space daemon");
MODULE_VERSION(KTLSCTL_VERSION);
/* What genetlink asks for when a family is missing: load on first use. */
MODULE_ALIAS("net-pf-" __stringify(PF_NETLINK) "-proto-" __stringify(NETLINK_GENERIC)
	     "-family-" KTLSCTL_FAMILY_NAME);
