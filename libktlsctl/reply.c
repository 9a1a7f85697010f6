// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Processing of the replies to one request: data messages go to the
 * caller's callback, NLMSG_ERROR and NLMSG_DONE end the request, and their
 * extended ack (NLMSGERR_ATTR_MSG) becomes the socket's error message.
 * Works on a buffer: the socket I/O lives in msg.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/netlink.h>

#include "ktlsctl-priv.h"

/* Where the TLVs of an extended ack start, relative to the payload. */
static size_t ktlsctl_tlv_offset(const struct nlmsghdr *nlh, int *errp)
{
	const struct nlmsgerr *e;
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	int err;

	if (nlh->nlmsg_type == NLMSG_DONE) {
		if (plen < sizeof(int))
			return 0;
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
		*errp = err;
		return NLMSG_ALIGN(sizeof(int));
	}
	if (plen < sizeof(*e)) {
		*errp = -EBADMSG;
		return 0;
	}
	e = mnl_nlmsg_get_payload(nlh);
	*errp = e->error;
	/* The request follows in full unless capped; an ack never has it. */
	if (e->error == 0 || (nlh->nlmsg_flags & NLM_F_CAPPED))
		return sizeof(*e);
	if (e->msg.nlmsg_len < sizeof(struct nlmsghdr))
		return 0;
	return sizeof(int) + NLMSG_ALIGN((size_t)e->msg.nlmsg_len);
}

int ktlsctl_extack(const struct nlmsghdr *nlh, char *msg, size_t size)
{
	size_t off, plen = mnl_nlmsg_get_payload_len(nlh);
	const struct nlattr *attr, *miss = NULL;
	const char *payload;
	const void *tlvs;
	int err = 0;

	if (size)
		msg[0] = '\0';
	off = ktlsctl_tlv_offset(nlh, &err);
	if (err > 0)
		err = -err;	/* a positive errno would be a kernel bug */
	if (!off || !(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off >= plen)
		return err;

	payload = mnl_nlmsg_get_payload(nlh);
	tlvs = payload + off;
	mnl_attr_for_each_payload(tlvs, plen - off) {
		switch (mnl_attr_get_type(attr)) {
		case NLMSGERR_ATTR_MSG:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
				break;
			if (size)
				snprintf(msg, size, "%s",
					 mnl_attr_get_str(attr));
			return err;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
				miss = attr;
			break;
		}
	}
	if (miss && size)
		snprintf(msg, size, "missing attribute of type %u",
			 mnl_attr_get_u32(miss));
	return err;
}

static void ktlsctl_rx_fail(struct ktlsctl_rx *rx, int err)
{
	if (!rx->err)
		rx->err = err;
}

/* NLMSG_ERROR (ack or error) or NLMSG_DONE: the request is over. */
static void ktlsctl_rx_end(struct ktlsctl_rx *rx, const struct nlmsghdr *nlh)
{
	char msg[KTLSCTL_ERR_LEN];
	int err;

	err = ktlsctl_extack(nlh, msg, sizeof(msg));
	rx->done = true;
	/* An error of the callback wins: it is the caller's own. */
	if (rx->err)
		return;
	if (msg[0])
		ktlsctl_set_error(rx->sock, "%s", msg);
	/* genetlink's refusal of the unprivileged comes without a reason. */
	if (err == -EPERM && !msg[0])
		ktlsctl_set_error(rx->sock,
				  "requires CAP_NET_ADMIN in the network namespace's user namespace");
	if (err == -EBADMSG && !msg[0])
		ktlsctl_set_error(rx->sock, "truncated netlink error message");
	rx->err = err;
}

static void ktlsctl_rx_one(struct ktlsctl_rx *rx, const struct nlmsghdr *nlh)
{
	int ret;

	/* Leftovers of an earlier, abandoned request. */
	if (nlh->nlmsg_seq != rx->seq || nlh->nlmsg_pid != rx->portid)
		return;
	if (rx->done)
		return;
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		rx->intr = true;

	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
	case NLMSG_DONE:
		ktlsctl_rx_end(rx, nlh);
		return;
	}
	if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
		return;		/* NLMSG_NOOP, NLMSG_OVERRUN */
	/* No ack was asked: this reply is the last message. */
	if (rx->reply_ends && !(nlh->nlmsg_flags & NLM_F_MULTI))
		rx->done = true;
	/* After a callback error, the rest is drained unseen. */
	if (rx->err || !rx->cb)
		return;
	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN) {
		ktlsctl_set_error(rx->sock, "reply without a genetlink header");
		ktlsctl_rx_fail(rx, -EBADMSG);
		return;
	}
	ret = rx->cb(nlh, rx->data);
	if (ret < 0)
		ktlsctl_rx_fail(rx, ret);
}

void ktlsctl_rx_process(struct ktlsctl_rx *rx, const void *buf, size_t len)
{
	const struct nlmsghdr *nlh = buf;

	for (; ktlsctl_nlmsg_ok(nlh, len); nlh = ktlsctl_nlmsg_next(nlh, &len))
		ktlsctl_rx_one(rx, nlh);
	if (len > 0 && !rx->done) {
		ktlsctl_set_error(rx->sock, "truncated netlink message");
		ktlsctl_rx_fail(rx, -EBADMSG);
		rx->done = true;
	}
}
