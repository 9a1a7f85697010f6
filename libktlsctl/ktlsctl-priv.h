/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libktlsctl internals: the socket object and the reply processing, which
 * works on a plain buffer so that it can be tested without a socket.
 */
#ifndef _KTLSCTL_PRIV_H
#define _KTLSCTL_PRIV_H

#include <stdarg.h>
#include <sys/types.h>

#include <linux/netlink.h>

#include <linux/genetlink.h>

#include "libktlsctl.h"

#define KTLSCTL_ERR_LEN		512
#define KTLSCTL_MAX_GROUPS	8
/* Room for the largest request of the spec (cred-add with four blobs). */
#define KTLSCTL_TX_SIZE		(256 * 1024)
/* Receive buffers: twice the largest datagram the kernel sends (32 KiB). */
#define KTLSCTL_RX_SIZE		(64 * 1024)
/* Largest credential file ACCEPT may hand out (8 credentials of 5 blobs). */
#define KTLSCTL_CREDFILE_MAX	(4u << 20)
/* Events that arrive during a request are kept for ktlsctl_recv_events(). */
#define KTLSCTL_MAX_QUEUED	256
/* How long a request waits for its answer after a receive overrun. */
#define KTLSCTL_OVERRUN_WAIT_MS	5000

struct mnl_socket;

struct ktlsctl_group {
	char name[GENL_NAMSIZ];
	uint32_t id;
};

struct ktlsctl_buf {
	char *data;
	size_t size;
};

struct ktlsctl_event {
	struct ktlsctl_event *next;
	size_t len;
	char data[];
};

struct ktlsctl_sock {
	struct mnl_socket *nl;
	uint32_t portid;
	uint32_t seq;
	uint16_t family_id;
	uint32_t family_version;
	unsigned int n_groups;
	struct ktlsctl_group groups[KTLSCTL_MAX_GROUPS];
	char *tx;
	struct ktlsctl_buf rx;		/* replies of do and dump */
	struct ktlsctl_buf ev;		/* multicast events */
	struct ktlsctl_event *ev_head, **ev_tail;
	unsigned int n_queued;
	bool ev_lost;
	bool busy;			/* a do or dump is running */
	bool in_events;			/* ktlsctl_recv_events() is running */
	char err[KTLSCTL_ERR_LEN];
};

/* State of one request while its replies are processed. */
struct ktlsctl_rx {
	struct ktlsctl_sock *sock;	/* error messages; may be NULL */
	uint32_t seq;
	uint32_t portid;
	ktlsctl_msg_cb cb;
	void *data;
	int err;		/* first error: callback's or kernel's */
	bool done;		/* the final ack, error or NLMSG_DONE came */
	bool intr;		/* a dump part had NLM_F_DUMP_INTR */
	bool reply_ends;	/* no ack asked: the reply is the end */
};

/*
 * Iteration over the messages of a datagram; unlike mnl_nlmsg_ok(), safe
 * against lengths beyond INT_MAX.
 */
static inline bool ktlsctl_nlmsg_ok(const struct nlmsghdr *nlh, size_t len)
{
	return len >= sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= len;
}

static inline const struct nlmsghdr *
ktlsctl_nlmsg_next(const struct nlmsghdr *nlh, size_t *len)
{
	size_t step = NLMSG_ALIGN((size_t)nlh->nlmsg_len);

	if (step > *len)
		step = *len;
	*len -= step;
	return (const struct nlmsghdr *)((const char *)nlh + step);
}

/*
 * A do whose command always answers with one reply message: no ack is
 * asked, the reply (or an error) ends it, one datagram fewer than
 * ktlsctl_do(). Not for commands that may succeed without a reply.
 */
int ktlsctl_do_reply(struct ktlsctl_sock *sock, struct nlmsghdr *nlh,
		     ktlsctl_msg_cb cb, void *data);

/* Processes one unicast datagram of replies; sets rx->done at the end. */
void ktlsctl_rx_process(struct ktlsctl_rx *rx, const void *buf, size_t len);

/*
 * Extended ack of an NLMSG_ERROR or NLMSG_DONE message: the errno it
 * carries (<= 0) and its message, copied into msg ("" when none).
 */
int ktlsctl_extack(const struct nlmsghdr *nlh, char *msg, size_t size);

/* A socket object with buffers but no netlink socket (tests, open). */
struct ktlsctl_sock *ktlsctl_sock_alloc(void);

__attribute__((format(printf, 2, 3)))
void ktlsctl_set_error(struct ktlsctl_sock *sock, const char *fmt, ...);
void ktlsctl_clear_error(struct ktlsctl_sock *sock);

/* Builds a request header for any generic netlink family. */
struct nlmsghdr *ktlsctl_genl_msg(struct ktlsctl_sock *sock, uint16_t type,
				  uint8_t cmd, uint8_t version,
				  uint16_t flags);

/*
 * Copies a string attribute (already checked by the parse) into dst,
 * cut to size.
 */
void ktlsctl_attr_strcpy(char *dst, size_t size, const struct nlattr *attr);
/* Decodes an addr nest; sets a->present. */
int ktlsctl_addr_parse(struct ktlsctl_sock *sock, const struct nlattr *nest,
		       struct ktlsctl_addr_sel *a);

/* Decodes a status-get reply into st (which the caller cleared). */
int ktlsctl_status_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
			 struct ktlsctl_status *st);

/* Resolves the family and its groups through nlctrl. */
int ktlsctl_resolve(struct ktlsctl_sock *sock);

#endif /* _KTLSCTL_PRIV_H */
