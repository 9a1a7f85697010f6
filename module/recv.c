// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl_recvmsg(): reading application data from a kTLS socket in the
 * kernel, with the non-data records handled (handshake.h).
 *
 * kTLS hands out one record type per recvmsg() and reports it in a
 * SOL_TLS/TLS_GET_RECORD_TYPE control message; without a control buffer a
 * non-data record fails the read with -EIO and stays queued. Every read here
 * therefore passes a (kernel) control buffer:
 *  - data (or no type at all: a socket without kTLS RX) is returned as is;
 *  - a non-data record is read whole into a scratch buffer (kTLS strips the
 *    record header, so at most TLS_MAX_PAYLOAD_SIZE bytes) and handled:
 *    handshake records are parsed message by message (NewSessionTicket and
 *    TLS 1.2 HelloRequest are dropped and the read goes on, KeyUpdate gives
 *    -EKEYEXPIRED, anything else -EPROTO); close_notify reads as end of
 *    file; any other alert is -ECONNRESET with its description in *alert;
 *    other record types are -EPROTO.
 *
 * The first read of a call goes straight into the caller's buffer, so the
 * common case (a data record) costs one recvmsg. When that read turns out to
 * be a non-data record, its bytes are taken back out of the caller's
 * (kernel) buffer and the caller's iterator is restored: hence @msg's
 * iterator must be ITER_KVEC or ITER_BVEC (what kernel_recvmsg() and
 * iov_iter_bvec() set up), anything else is -EINVAL.
 *
 * Flags: MSG_DONTWAIT and MSG_NOSIGNAL are passed to kTLS. MSG_WAITALL
 * keeps reading across non-data records until @len bytes arrived; once some
 * data is in hand, the next record is peeked at first, so that a
 * close_notify, an alert or a KeyUpdate is left queued (the call returns the
 * data, the next call reports the event) instead of being lost. A blocking
 * read that is interrupted or times out returns what it has, or the error.
 * Other flags (MSG_PEEK included) are -EINVAL.
 *
 * Limits: a handshake message split across records is -EPROTO (OpenSSL
 * never splits NewSessionTicket or KeyUpdate); one call consumes at most
 * KTLSCTL_RECV_MAX_RECORDS non-data records without returning, then gives
 * -EPROTO (or the data it has), so a peer cannot keep it spinning on
 * tickets.
 */
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/uio.h>
#include <net/sock.h>
#include <net/tls.h>

#include <ktlsctl/handshake.h>

/* TLS content types and handshake message types (RFC 8446, RFC 5246). */
#define KTLSCTL_CT_ALERT		21
#define KTLSCTL_CT_HANDSHAKE		22
#define KTLSCTL_CT_DATA			23
#define KTLSCTL_HS_HELLO_REQUEST	0
#define KTLSCTL_HS_NEW_SESSION_TICKET	4
#define KTLSCTL_HS_KEY_UPDATE		24
#define KTLSCTL_ALERT_CLOSE_NOTIFY	0

/* Largest plaintext of one record, as kTLS delivers it. */
#define KTLSCTL_RECORD_MAX		TLS_MAX_PAYLOAD_SIZE
#define KTLSCTL_RECV_MAX_RECORDS	64

/* Returned by the record handler: the record was consumed, read on. */
#define KTLSCTL_RECORD_SKIP		1

/*
 * One sock_recvmsg() with a control buffer. @type receives the record type
 * kTLS reported (0: none), @eor whether the record was read to its end.
 */
static int ktlsctl_recv_one(struct socket *sock, struct msghdr *msg,
			    int flags, u8 *type, bool *eor)
{
	union {
		struct cmsghdr hdr;
		u8 buf[CMSG_SPACE(sizeof(u8))];
	} cbuf;
	int ret;

	memset(&cbuf, 0, sizeof(cbuf));
	msg->msg_control = &cbuf;
	msg->msg_controllen = sizeof(cbuf);
	msg->msg_control_is_user = false;
	msg->msg_flags = 0;

	ret = sock_recvmsg(sock, msg, flags);

	*type = 0;
	*eor = msg->msg_flags & MSG_EOR;
	if (msg->msg_flags & MSG_CTRUNC)
		return ret < 0 ? ret : -EIO;
	if (msg->msg_controllen < sizeof(cbuf) &&
	    cbuf.hdr.cmsg_level == SOL_TLS &&
	    cbuf.hdr.cmsg_type == TLS_GET_RECORD_TYPE &&
	    cbuf.hdr.cmsg_len >= CMSG_LEN(sizeof(u8)))
		*type = *(u8 *)CMSG_DATA(&cbuf.hdr);
	return ret;
}

/* A read into @buf (scratch), not into the caller's buffer. */
static int ktlsctl_recv_scratch(struct socket *sock, void *buf, size_t len,
				int flags, u8 *type, bool *eor)
{
	struct kvec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = {};

	iov_iter_kvec(&msg.msg_iter, ITER_DEST, &iov, 1, len);
	return ktlsctl_recv_one(sock, &msg, flags, type, eor);
}

/*
 * Copies the first @n bytes that a read stored through @dst (the caller's
 * iterator as it was before the read) into @buf.
 */
static int ktlsctl_iter_readback(const struct iov_iter *dst, void *buf,
				 size_t n)
{
	size_t total = dst->iov_offset + dst->count;
	struct iov_iter src;

	if (iov_iter_is_kvec(dst))
		iov_iter_kvec(&src, ITER_SOURCE, dst->kvec, dst->nr_segs, total);
	else if (iov_iter_is_bvec(dst))
		iov_iter_bvec(&src, ITER_SOURCE, dst->bvec, dst->nr_segs, total);
	else
		return -EINVAL;
	iov_iter_advance(&src, dst->iov_offset);
	return copy_from_iter(buf, n, &src) == n ? 0 : -EFAULT;
}

static int ktlsctl_handshake_record(const u8 *buf, size_t len)
{
	size_t off = 0;

	if (!len)
		return -EPROTO;
	while (off < len) {
		u32 mlen;

		if (len - off < 4)
			return -EPROTO;
		mlen = (buf[off + 1] << 16) | (buf[off + 2] << 8) | buf[off + 3];
		if (mlen > len - off - 4)
			return -EPROTO;
		switch (buf[off]) {
		case KTLSCTL_HS_NEW_SESSION_TICKET:
			break;
		case KTLSCTL_HS_HELLO_REQUEST:
			/* TLS 1.2 renegotiation request: may be ignored */
			if (mlen)
				return -EPROTO;
			break;
		case KTLSCTL_HS_KEY_UPDATE:
			return -EKEYEXPIRED;
		default:
			return -EPROTO;
		}
		off += 4 + mlen;
	}
	return KTLSCTL_RECORD_SKIP;
}

/*
 * What a whole non-data record means: KTLSCTL_RECORD_SKIP, 0 (end of file)
 * or a negative errno. Stores an alert's description in *@alert.
 */
static int ktlsctl_record(u8 type, const u8 *buf, size_t len, u8 *alert)
{
	switch (type) {
	case KTLSCTL_CT_HANDSHAKE:
		return ktlsctl_handshake_record(buf, len);
	case KTLSCTL_CT_ALERT:
		if (len < 2)
			return -EPROTO;
		if (buf[1] == KTLSCTL_ALERT_CLOSE_NOTIFY)
			return 0;
		if (alert)
			*alert = buf[1];
		return -ECONNRESET;
	default:
		return -EPROTO;
	}
}

static bool ktlsctl_is_data(u8 type)
{
	return !type || type == KTLSCTL_CT_DATA;
}

/*
 * Reads the rest of a non-data record of @type whose first @n bytes are in
 * @buf already; returns the record's length or a negative errno.
 */
static int ktlsctl_recv_rest(struct socket *sock, u8 *buf, size_t n, u8 type,
			     bool eor)
{
	while (!eor) {
		u8 t;
		int ret;

		if (n >= KTLSCTL_RECORD_MAX)
			return -EPROTO;
		/* The rest waits in kTLS's rx_list: never blocks. */
		ret = ktlsctl_recv_scratch(sock, buf + n, KTLSCTL_RECORD_MAX - n,
					   MSG_DONTWAIT, &t, &eor);
		if (ret < 0)
			return ret;
		if (!ret || t != type)
			return -EPROTO;
		n += ret;
	}
	return n;
}

/*
 * With data in hand (MSG_WAITALL): look at the next record without taking
 * it. Returns KTLSCTL_NEXT_DATA when it is data (read it normally),
 * KTLSCTL_NEXT_SKIPPED after consuming a record that needs no action, and
 * KTLSCTL_NEXT_STOP when the call should return the data it has: an event
 * (left queued for the next call), end of file, an error or, with
 * MSG_DONTWAIT, nothing to read.
 */
enum ktlsctl_next {
	KTLSCTL_NEXT_STOP,
	KTLSCTL_NEXT_DATA,
	KTLSCTL_NEXT_SKIPPED,
};

static enum ktlsctl_next ktlsctl_peek_next(struct socket *sock, u8 *scratch,
					   int flags)
{
	bool eor;
	u8 type, t;
	int ret;

	ret = ktlsctl_recv_scratch(sock, scratch, KTLSCTL_RECORD_MAX,
				   (flags & (MSG_DONTWAIT | MSG_NOSIGNAL)) |
				   MSG_PEEK, &type, &eor);
	if (ret <= 0)
		return KTLSCTL_NEXT_STOP;
	if (ktlsctl_is_data(type))
		return KTLSCTL_NEXT_DATA;
	if (ktlsctl_record(type, scratch, ret, NULL) != KTLSCTL_RECORD_SKIP)
		return KTLSCTL_NEXT_STOP;
	/* Nothing but tickets: consume exactly what was peeked. */
	if (ktlsctl_recv_scratch(sock, scratch, ret, MSG_DONTWAIT, &t,
				 &eor) != ret || t != type)
		return KTLSCTL_NEXT_STOP;
	return KTLSCTL_NEXT_SKIPPED;
}

/**
 * ktlsctl_recvmsg - read application data from a kTLS socket
 * @sock: a socket with kTLS RX keys (or a plain TCP socket)
 * @msg: the caller's message; its iterator (ITER_KVEC or ITER_BVEC)
 *	receives the data, its control fields are used internally and
 *	restored, its msg_flags are those of the last data read
 * @len: most bytes to read (also bounded by the iterator)
 * @flags: MSG_DONTWAIT, MSG_WAITALL, MSG_NOSIGNAL
 * @alert: receives the description of a fatal alert, may be NULL
 *
 * See handshake.h and the comment at the top of this file.
 * Return: bytes read, 0 at end of file (close_notify or TCP FIN), or a
 * negative errno: -ECONNRESET (alert), -EKEYEXPIRED (KeyUpdate), -EPROTO
 * (unexpected or malformed record), -EINVAL (flags or iterator), or what
 * the socket returned (-EAGAIN, -EBADMSG, ...).
 */
int ktlsctl_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
		    int flags, u8 *alert)
{
	void *control = msg->msg_control;
	size_t controllen = msg->msg_controllen;
	bool control_is_user = msg->msg_control_is_user;
	unsigned int records = 0;
	size_t truncated, copied = 0;
	enum ktlsctl_next next;
	u8 *scratch = NULL;
	int ret = 0;

	if (flags & ~(MSG_DONTWAIT | MSG_WAITALL | MSG_NOSIGNAL))
		return -EINVAL;
	if ((!iov_iter_is_kvec(&msg->msg_iter) &&
	     !iov_iter_is_bvec(&msg->msg_iter)) ||
	    iov_iter_rw(&msg->msg_iter) != READ)
		return -EINVAL;

	len = min3(len, msg_data_left(msg), (size_t)INT_MAX);
	if (!len)
		return 0;
	truncated = msg_data_left(msg) - len;
	iov_iter_truncate(&msg->msg_iter, len);

	while (copied < len) {
		struct iov_iter saved;
		size_t n;
		bool eor;
		u8 type;

		if (copied) {
			/* MSG_WAITALL, and a non-data record cut the read short */
			if (!scratch)
				scratch = kmalloc(KTLSCTL_RECORD_MAX, GFP_KERNEL);
			if (!scratch)
				break;
			next = ktlsctl_peek_next(sock, scratch, flags);
			if (next == KTLSCTL_NEXT_STOP)
				break;
			if (next == KTLSCTL_NEXT_SKIPPED) {
				if (++records >= KTLSCTL_RECV_MAX_RECORDS)
					break;
				continue;
			}
		}

		saved = msg->msg_iter;
		ret = ktlsctl_recv_one(sock, msg, flags, &type, &eor);
		if (ret < 0)
			break;
		if (ktlsctl_is_data(type)) {
			copied += ret;
			if (!ret || !(flags & MSG_WAITALL))
				break;
			continue;
		}

		/* A non-data record went into the caller's buffer: take it back. */
		msg->msg_iter = saved;
		if (!ret || ret > KTLSCTL_RECORD_MAX) {
			ret = -EPROTO;
			break;
		}
		if (!scratch)
			scratch = kmalloc(KTLSCTL_RECORD_MAX, GFP_KERNEL);
		if (!scratch) {
			ret = -ENOMEM;
			break;
		}
		n = ret;
		ret = ktlsctl_iter_readback(&saved, scratch, n);
		if (ret < 0)
			break;
		ret = ktlsctl_recv_rest(sock, scratch, n, type, eor);
		if (ret < 0)
			break;
		ret = ktlsctl_record(type, scratch, ret, alert);
		if (ret != KTLSCTL_RECORD_SKIP)
			break;
		ret = 0;
		if (++records >= KTLSCTL_RECV_MAX_RECORDS) {
			ret = -EPROTO;
			break;
		}
	}

	kfree_sensitive(scratch);
	iov_iter_reexpand(&msg->msg_iter, msg_data_left(msg) + truncated);
	msg->msg_control = control;
	msg->msg_controllen = controllen;
	msg->msg_control_is_user = control_is_user;
	return copied ? copied : ret;
}
EXPORT_SYMBOL_GPL(ktlsctl_recvmsg);
