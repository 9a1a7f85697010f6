// SPDX-License-Identifier: GPL-2.0
/*
 * The "handshake" multicast group's events: READY (a request was queued)
 * and ABORT (the module ended a request without our DONE). Each worker
 * reads them on a socket of its own (worker.c); the main thread only in
 * fork mode (main.c).
 */
#include <linux/genetlink.h>

#include "event.h"
#include "log.h"

int event_decode(struct ktlsctl_sock *nl, const struct nlmsghdr *nlh,
		 uint8_t *cmd, uint32_t *id)
{
	const struct nlattr *tb[KTLSCTL_A_REQUEST_MAX + 1] = {};
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	uint32_t handler = 0;

	*cmd = genl->cmd;
	*id = 0;
	if (genl->cmd != KTLSCTL_CMD_READY && genl->cmd != KTLSCTL_CMD_ABORT) {
		log_debug("ignoring event %u", genl->cmd);
		return 0;
	}
	if (ktlsctl_parse(nl, nlh, &ktlsctl_request_set, tb)) {
		log_warn("malformed event %u: %s", genl->cmd,
			 ktlsctl_error(nl));
		return 0;
	}
	if (tb[KTLSCTL_A_REQUEST_ID])
		*id = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_ID]);
	if (tb[KTLSCTL_A_REQUEST_HANDLER])
		handler = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_HANDLER]);
	if (handler && handler != KTLSCTL_HANDLER_TLS) {
		log_debug("request %u: handler %u is not ours", *id, handler);
		return 0;
	}
	return 1;
}
