/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small, named shims that let the module build against the oldest target
 * kernel (Debian bookworm's 6.1). Kbuild detects what the target kernel's
 * headers provide and defines KTLSCTL_COMPAT_* for what is missing; each
 * shim names the kernel that made it unnecessary.
 */
#ifndef _KTLSCTL_COMPAT_H
#define _KTLSCTL_COMPAT_H

/*
 * Split ops (6.2): the generated op table uses struct genl_split_ops and the
 * family's split_ops/n_split_ops. Before 6.2, struct genl_ops carries the
 * same fields the generator emits (cmd, doit, dumpit, policy, maxattr,
 * flags), and every command of our spec has either a do or a dump handler,
 * never both, so each table entry maps to exactly one genl_ops entry.
 */
#ifdef KTLSCTL_COMPAT_NO_SPLIT_OPS
#define genl_split_ops genl_ops
#define split_ops ops
#define n_split_ops n_ops
#endif

/*
 * genl_info_dump() (6.7): the attributes of a dump request. Before, they
 * sit in struct genl_dumpit_info itself.
 */
#ifdef KTLSCTL_COMPAT_NO_GENL_INFO_DUMP
#define ktlsctl_dump_attrs(cb) (genl_dumpit_info(cb)->attrs)
#else
#define ktlsctl_dump_attrs(cb) (genl_info_dump(cb)->attrs)
#endif

#endif /* _KTLSCTL_COMPAT_H */
