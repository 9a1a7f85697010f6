/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktlsctl: kernel-initiated TLS handshakes served by a user-space daemon.
 * Private declarations shared by the module's files.
 */
#ifndef _KTLSCTL_PRIV_H
#define _KTLSCTL_PRIV_H

#include <linux/atomic.h>
#include <net/net_namespace.h>
#include <uapi/linux/ktlsctl.h>

#define KTLSCTL_VERSION "0.1.0"

/**
 * struct ktlsctl_net - per network namespace state
 * @stats: counters, indexed by the KTLSCTL_A_STATS_* attribute they are
 *	reported as (index 0 and the pad attribute stay unused)
 * @queued: requests waiting for a daemon
 * @in_progress: requests accepted by a daemon, not yet done
 * @queue_limit: most requests that may wait at once
 */
struct ktlsctl_net {
	atomic64_t stats[KTLSCTL_A_STATS_MAX + 1];
	atomic_t queued;
	atomic_t in_progress;
	u32 queue_limit;
};

/* netns.c */
int ktlsctl_netns_init(void);
void ktlsctl_netns_exit(void);
struct ktlsctl_net *ktlsctl_pernet(const struct net *net);
void ktlsctl_stat_inc(struct ktlsctl_net *kn, unsigned int stat);

/* netlink.c */
int ktlsctl_netlink_init(void);
void ktlsctl_netlink_exit(void);

#endif /* _KTLSCTL_PRIV_H */
