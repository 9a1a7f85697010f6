/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's "handshake" multicast group, as the daemon reads it.
 */
#ifndef _KTLSCTLD_EVENT_H
#define _KTLSCTLD_EVENT_H

#include <stdint.h>

#include <libmnl/libmnl.h>

#include "libktlsctl.h"

/*
 * Decodes an event of the group: 1 for a READY or ABORT of a request for
 * our handler (TLS), with the command and the request's id (0 when the
 * module sent none); 0 for anything else (other handlers, other commands,
 * malformed: logged at debug or warning level).
 */
int event_decode(struct ktlsctl_sock *nl, const struct nlmsghdr *nlh,
		 uint8_t *cmd, uint32_t *id);

#endif /* _KTLSCTLD_EVENT_H */
