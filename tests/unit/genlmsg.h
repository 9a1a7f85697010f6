/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A ktlsctl message as the kernel would send it, built by hand for the
 * parsers: genl_msg() zeroes BUF (SIZE bytes, 4-aligned) and puts the
 * netlink and generic-netlink headers for CMD; the family id is arbitrary.
 */
#ifndef _KTLSCTL_GENLMSG_H
#define _KTLSCTL_GENLMSG_H

#include <stdint.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include <linux/ktlsctl.h>

static inline struct nlmsghdr *genl_msg(void *buf, size_t size, uint8_t cmd)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	memset(buf, 0, size);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = 0x22;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = KTLSCTL_FAMILY_VERSION;
	return nlh;
}

#endif /* _KTLSCTL_GENLMSG_H */
