/* SPDX-License-Identifier: GPL-2.0 */
/* The fork-per-request mode, a benchmark comparison (see fork.c). */
#ifndef _KTLSCTLD_FORK_H
#define _KTLSCTLD_FORK_H

/* Forks a child that serves one queued request. 0 or -errno. */
int fork_one(void);
/* Reaps the children that exited. */
void fork_reap(void);

#endif /* _KTLSCTLD_FORK_H */
