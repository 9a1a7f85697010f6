/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The daemon's least privilege: once its netlink sockets are open, before
 * any worker thread exists, it keeps CAP_NET_ADMIN alone, can gain nothing
 * by exec, cannot be ptraced or dumped, keeps its memory (key material)
 * out of swap, and may make only the system calls a handshake needs.
 */
#ifndef _KTLSCTLD_HARDEN_H
#define _KTLSCTLD_HARDEN_H

#include <stdbool.h>

struct harden_opts {
	bool drop;	/* capabilities, no_new_privs, not dumpable, mlockall */
	bool seccomp;	/* the system-call allowlist */
	bool syslog;	/* allow reconnecting to the syslog socket */
};

/*
 * Applies what @opts asks for to the calling thread and the process; call
 * it before any other thread starts (capabilities are per thread, and new
 * threads inherit the caller's). 0, or -errno with the reason logged.
 */
int harden_apply(const struct harden_opts *opts);

#endif /* _KTLSCTLD_HARDEN_H */
