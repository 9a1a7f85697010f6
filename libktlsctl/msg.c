// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Requests and events on the socket: building a request, do (one reply or
 * an ack), dump (a multi-part answer), and multicast events. Events that
 * arrive while a request waits for its answer are queued and handed out by
 * the next ktlsctl_recv_events().
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "ktlsctl-priv.h"

struct nlmsghdr *ktlsctl_genl_msg(struct ktlsctl_sock *sock, uint16_t type,
				  uint8_t cmd, uint8_t version,
				  uint16_t flags)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	nlh = mnl_nlmsg_put_header(sock->tx);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

struct nlmsghdr *ktlsctl_msg(struct ktlsctl_sock *sock, uint8_t cmd,
			     uint16_t flags)
{
	return ktlsctl_genl_msg(sock, sock->family_id, cmd,
				KTLSCTL_FAMILY_VERSION, flags);
}

/* The multicast group of a datagram (NETLINK_PKTINFO), 0 for unicast. */
static uint32_t ktlsctl_dst_group(struct msghdr *mh)
{
	struct nl_pktinfo info;
	struct cmsghdr *cm;

	for (cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
		if (cm->cmsg_level != SOL_NETLINK ||
		    cm->cmsg_type != NETLINK_PKTINFO ||
		    cm->cmsg_len < CMSG_LEN(sizeof(info)))
			continue;
		memcpy(&info, CMSG_DATA(cm), sizeof(info));
		return info.group;
	}
	return 0;
}

/*
 * Receives one datagram from the kernel into b in one system call. Returns
 * its length, 0 for a datagram to ignore (not from the kernel), or -errno.
 * No peek to size the buffer first: the kernel sends nothing larger than
 * it (netlink caps a dump's datagram at 32 KiB, the module's messages are
 * at most a page); one that were larger would be cut and is reported as
 * -EMSGSIZE.
 * *mcast tells a multicast datagram: by NETLINK_PKTINFO, as nl_groups only
 * covers the first 32 groups.
 */
static ssize_t ktlsctl_recv(struct ktlsctl_sock *sock, struct ktlsctl_buf *b,
			    bool *mcast)
{
	char cbuf[CMSG_SPACE(sizeof(struct nl_pktinfo))]
		__attribute__((aligned(sizeof(size_t))));
	int fd = mnl_socket_get_fd(sock->nl);
	struct sockaddr_nl addr = {};
	struct iovec iov;
	struct msghdr mh = {
		.msg_name = &addr,
		.msg_namelen = sizeof(addr),
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = cbuf,
		.msg_controllen = sizeof(cbuf),
	};
	ssize_t n;

	iov.iov_base = b->data;
	iov.iov_len = b->size;
	n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC | MSG_TRUNC);
	if (n < 0)
		return -errno;
	if (mh.msg_flags & MSG_TRUNC) {
		ktlsctl_set_error(sock, "a datagram of %zd bytes is over the %zu-byte receive buffer: lost",
				  n, b->size);
		return -EMSGSIZE;
	}
	if (mh.msg_namelen != sizeof(addr) || addr.nl_pid != 0)
		return 0;
	*mcast = addr.nl_groups != 0 || ktlsctl_dst_group(&mh) != 0;
	return n;
}

/* Keeps a copy of the events of a multicast datagram. */
static void ktlsctl_queue(struct ktlsctl_sock *sock, const void *buf,
			  size_t len)
{
	struct ktlsctl_event *ev;

	if (sock->n_queued >= KTLSCTL_MAX_QUEUED) {
		sock->ev_lost = true;
		return;
	}
	ev = malloc(sizeof(*ev) + len);
	if (!ev) {
		sock->ev_lost = true;
		return;
	}
	ev->next = NULL;
	ev->len = len;
	memcpy(ev->data, buf, len);
	*sock->ev_tail = ev;
	sock->ev_tail = &ev->next;
	sock->n_queued++;
}

/* Waits for data; -ETIMEDOUT after timeout_ms (-1: forever). */
static int ktlsctl_wait(struct ktlsctl_sock *sock, int timeout_ms)
{
	struct pollfd pfd = {
		.fd = mnl_socket_get_fd(sock->nl),
		.events = POLLIN,
	};
	int n;

	n = poll(&pfd, 1, timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	return n ? 0 : -ETIMEDOUT;
}

static int ktlsctl_request(struct ktlsctl_sock *sock, struct nlmsghdr *nlh,
			   ktlsctl_msg_cb cb, void *data, bool reply_ends)
{
	struct ktlsctl_rx rx = {
		.sock = sock, .cb = cb, .data = data, .reply_ends = reply_ends,
	};
	bool mcast = false, overrun = false;
	ssize_t n = 0;

	if (!sock->nl)
		return -ENOTCONN;
	if (sock->busy) {
		ktlsctl_set_error(sock, "a request is already running");
		return -EBUSY;
	}
	if (!sock->seq)
		sock->seq = (uint32_t)time(NULL);
	if (!++sock->seq)
		sock->seq = 1;
	nlh->nlmsg_seq = sock->seq;
	nlh->nlmsg_pid = 0;
	rx.seq = sock->seq;
	rx.portid = sock->portid;

	if (mnl_socket_sendto(sock->nl, nlh, nlh->nlmsg_len) < 0) {
		n = -errno;
		ktlsctl_set_error(sock, "cannot send the request");
		return (int)n;
	}

	sock->busy = true;
	while (!rx.done) {
		/*
		 * After an overrun the answer itself may have been dropped:
		 * wait for it a while, not forever.
		 */
		if (overrun && ktlsctl_wait(sock, KTLSCTL_OVERRUN_WAIT_MS)) {
			ktlsctl_set_error(sock, "reply lost in a receive buffer overrun");
			n = -ENOBUFS;
			break;
		}
		n = ktlsctl_recv(sock, &sock->rx, &mcast);
		if (n == -EINTR)
			continue;
		if (n == -EAGAIN || n == -EWOULDBLOCK) {
			n = ktlsctl_wait(sock, -1);
			if (n)
				break;
			continue;
		}
		if (n == -ENOBUFS) {
			/* Events were lost, and perhaps our answer. */
			sock->ev_lost = true;
			overrun = true;
			continue;
		}
		if (n < 0) {
			if (n != -EMSGSIZE)
				ktlsctl_set_error(sock, "cannot receive the reply");
			break;
		}
		if (!n)
			continue;
		if (mcast)
			ktlsctl_queue(sock, sock->rx.data, (size_t)n);
		else
			ktlsctl_rx_process(&rx, sock->rx.data, (size_t)n);
	}
	sock->busy = false;
	if (!rx.done)
		return (int)n;
	if (!rx.err && rx.intr) {
		ktlsctl_set_error(sock, "dump interrupted by a concurrent change: retry");
		return -EINTR;
	}
	return rx.err;
}

int ktlsctl_do(struct ktlsctl_sock *sock, struct nlmsghdr *nlh,
	       ktlsctl_msg_cb cb, void *data)
{
	ktlsctl_clear_error(sock);
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_flags &= ~NLM_F_DUMP;
	return ktlsctl_request(sock, nlh, cb, data, false);
}

int ktlsctl_do_reply(struct ktlsctl_sock *sock, struct nlmsghdr *nlh,
		     ktlsctl_msg_cb cb, void *data)
{
	ktlsctl_clear_error(sock);
	nlh->nlmsg_flags |= NLM_F_REQUEST;
	nlh->nlmsg_flags &= ~(NLM_F_ACK | NLM_F_DUMP);
	return ktlsctl_request(sock, nlh, cb, data, true);
}

int ktlsctl_dump(struct ktlsctl_sock *sock, struct nlmsghdr *nlh,
		 ktlsctl_msg_cb cb, void *data)
{
	ktlsctl_clear_error(sock);
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_DUMP;
	return ktlsctl_request(sock, nlh, cb, data, false);
}

/* Hands events of one datagram to cb; stops at the callback's error. */
static int ktlsctl_deliver(const void *buf, size_t len, ktlsctl_msg_cb cb,
			   void *data)
{
	const struct nlmsghdr *nlh = buf;
	int ret;

	for (; ktlsctl_nlmsg_ok(nlh, len);
	     nlh = ktlsctl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_type < NLMSG_MIN_TYPE ||
		    mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
			continue;
		ret = cb(nlh, data);
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* Events queued during requests, including those of callbacks below. */
static int ktlsctl_drain(struct ktlsctl_sock *sock, ktlsctl_msg_cb cb,
			 void *data)
{
	struct ktlsctl_event *ev;
	int err = 0;

	while (!err && (ev = sock->ev_head)) {
		sock->ev_head = ev->next;
		if (!sock->ev_head)
			sock->ev_tail = &sock->ev_head;
		sock->n_queued--;
		err = ktlsctl_deliver(ev->data, ev->len, cb, data);
		free(ev);
	}
	if (!err && sock->ev_lost) {
		sock->ev_lost = false;
		ktlsctl_set_error(sock, "events were lost");
		err = -ENOBUFS;
	}
	return err;
}

static int ktlsctl_recv_batch(struct ktlsctl_sock *sock, ktlsctl_msg_cb cb,
			      void *data)
{
	bool mcast = false;
	ssize_t n;
	int err;

	if (sock->ev_head || sock->ev_lost)
		return ktlsctl_drain(sock, cb, data);

	n = ktlsctl_recv(sock, &sock->ev, &mcast);
	if (n == -ENOBUFS)
		ktlsctl_set_error(sock, "events were lost");
	if (n < 0)
		return (int)n;
	/* Replies of abandoned requests are dropped here. */
	if (n > 0 && mcast) {
		err = ktlsctl_deliver(sock->ev.data, (size_t)n, cb, data);
		if (err)
			return err;
	}
	return ktlsctl_drain(sock, cb, data);
}

int ktlsctl_recv_events(struct ktlsctl_sock *sock, ktlsctl_msg_cb cb,
			void *data)
{
	int err;

	ktlsctl_clear_error(sock);
	if (!sock->nl)
		return -ENOTCONN;
	if (sock->busy || sock->in_events) {
		ktlsctl_set_error(sock, "events cannot be read from a callback");
		return -EBUSY;
	}
	sock->in_events = true;
	err = ktlsctl_recv_batch(sock, cb, data);
	sock->in_events = false;
	return err;
}
