/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libktlsctl: the ktlsctl generic netlink protocol for user space.
 *
 * Plain structs in, plain structs out; netlink stays inside. Every call
 * returns 0 or a negative errno; after a failure, ktlsctl_error() holds the
 * kernel's extack message (or a message of the library's own), so callers
 * can print "Error: <msg>.".
 */
#ifndef _LIBKTLSCTL_H
#define _LIBKTLSCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/ktlsctl.h>

#include "ktlsctl-attrs.h"

struct nlattr;
struct nlmsghdr;
struct ktlsctl_sock;

/*
 * Opening, family and group resolution. On failure *sockp still holds a
 * socket object when memory allowed, so that ktlsctl_error() can tell why
 * (e.g. "ktlsctl family not found: ..." with -ENOENT); close it as usual.
 * ktlsctl_close(NULL) does nothing. ktlsctl_error() is "" when there is no
 * message.
 */
int ktlsctl_open(struct ktlsctl_sock **sockp);
void ktlsctl_close(struct ktlsctl_sock *sock);
int ktlsctl_fd(const struct ktlsctl_sock *sock);
uint16_t ktlsctl_family_id(const struct ktlsctl_sock *sock);
uint32_t ktlsctl_family_version(const struct ktlsctl_sock *sock);
int ktlsctl_group_id(const struct ktlsctl_sock *sock, const char *group,
		     uint32_t *id);
int ktlsctl_join(struct ktlsctl_sock *sock, const char *group);
const char *ktlsctl_error(const struct ktlsctl_sock *sock);

/*
 * Requests: build, then do (one reply or an ack) or dump (many replies).
 * The message lives in the socket's send buffer (256 KiB: room for the
 * largest request of the spec) until the next ktlsctl_msg(); add attributes
 * with libmnl's mnl_attr_put_*(). do and dump fill in sequence and flags.
 */
struct nlmsghdr *ktlsctl_msg(struct ktlsctl_sock *sock, uint8_t cmd,
			     uint16_t flags);

/*
 * Called for each reply or event; return <0 to stop with that error. The
 * callback of an event may run requests (ktlsctl_do); events that arrive
 * during a request are queued and delivered by ktlsctl_recv_events().
 */
typedef int (*ktlsctl_msg_cb)(const struct nlmsghdr *nlh, void *data);

int ktlsctl_do(struct ktlsctl_sock *sock, struct nlmsghdr *nlh,
	       ktlsctl_msg_cb cb, void *data);
int ktlsctl_dump(struct ktlsctl_sock *sock, struct nlmsghdr *nlh,
		 ktlsctl_msg_cb cb, void *data);
/* Reads one batch of multicast events (blocking unless the fd is not). */
int ktlsctl_recv_events(struct ktlsctl_sock *sock, ktlsctl_msg_cb cb,
			void *data);

/*
 * Parsing against the generated tables: tb[type] for each attribute of SET
 * present in the message (the last one for multi-attributes); tb has room
 * for set->max + 1 entries and is cleared first. Attributes that break the
 * spec's checks fail with -EINVAL and a message naming them, kept in sock
 * for ktlsctl_error() (sock may be NULL). Types the set does not know are
 * skipped; the contents of nests are checked when parsed in turn.
 */
int ktlsctl_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
		  const struct ktlsctl_attr_set *set,
		  const struct nlattr **tb);
int ktlsctl_parse_nested(struct ktlsctl_sock *sock, const struct nlattr *nest,
			 const struct ktlsctl_attr_set *set,
			 const struct nlattr **tb);

/* Enum names from the spec: NULL, or -EINVAL, when unknown. */
const char *ktlsctl_enum_name(const struct ktlsctl_enum_desc *desc,
			      uint32_t value);
int ktlsctl_enum_value(const struct ktlsctl_enum_desc *desc, const char *name,
		       uint32_t *value);

/* status-get */
struct ktlsctl_status {
	char version[32];
	uint16_t family_id;
	uint32_t family_version;
	uint32_t handler_version;
	uint32_t handlers[8];
	unsigned int n_handlers;
	uint32_t queued;
	uint32_t in_progress;
	uint32_t queue_limit;
	/* indexed by KTLSCTL_A_STATS_*; stats_present[i] says it was sent */
	uint64_t stats[KTLSCTL_A_STATS_MAX + 1];
	bool stats_present[KTLSCTL_A_STATS_MAX + 1];
};

int ktlsctl_status_get(struct ktlsctl_sock *sock,
		       struct ktlsctl_status *status);

#endif /* _LIBKTLSCTL_H */
