/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: an extended ack that keeps the last message, as the kernel's does. */
#ifndef _KSHIM_NET_NETLINK_H
#define _KSHIM_NET_NETLINK_H

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "ktlsctl"
#endif

struct netlink_ext_ack {
	const char *_msg;
};

#define NL_SET_ERR_MSG_MOD(extack, msg) do {				\
	struct netlink_ext_ack *__extack = (extack);			\
									\
	if (__extack)							\
		__extack->_msg = KBUILD_MODNAME ": " msg;		\
} while (0)

#endif
