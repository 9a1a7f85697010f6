/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Debug-build object accounting (KTLSCTL_DEBUG, set by scripts/vm-run
 * --debug-kernel through scripts/kmod-build): live requests and stored
 * credentials are counted, and module exit warns when any is left, naming
 * the kind. Without KTLSCTL_DEBUG the hooks compile to nothing.
 */
#ifndef _KTLSCTL_DEBUG_H
#define _KTLSCTL_DEBUG_H

enum ktlsctl_dbg_obj {
	KTLSCTL_DBG_REQ,	/* struct ktlsctl_req: req_alloc .. req_free */
	KTLSCTL_DBG_CRED,	/* struct ktlsctl_cred_entry: cred-add .. cred_free */
	KTLSCTL_DBG_NR,
};

#ifdef KTLSCTL_DEBUG
void ktlsctl_dbg_get(enum ktlsctl_dbg_obj obj);
void ktlsctl_dbg_put(enum ktlsctl_dbg_obj obj);
void ktlsctl_dbg_exit(void);
#else
static inline void ktlsctl_dbg_get(enum ktlsctl_dbg_obj obj) { }
static inline void ktlsctl_dbg_put(enum ktlsctl_dbg_obj obj) { }
static inline void ktlsctl_dbg_exit(void) { }
#endif

#endif /* _KTLSCTL_DEBUG_H */
