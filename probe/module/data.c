// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl_probe: the data phase after the handshake, through kTLS: send,
 * echo, read back and compare with ktlsctl_recvmsg(), and a clean TLS
 * close.
 */
#include <linux/net.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <net/sock.h>
#include <net/tls.h>

#include <ktlsctl/handshake.h>
#include "ktlsctl_probe.h"
#include "probe-priv.h"

static int ktlsctl_probe_send(struct socket *sock, const void *buf,
			      size_t len)
{
	struct kvec iov;
	struct msghdr msg;
	int ret;

	while (len) {
		memset(&msg, 0, sizeof(msg));
		msg.msg_flags = MSG_NOSIGNAL;
		iov.iov_base = (void *)buf;
		iov.iov_len = len;
		ret = kernel_sendmsg(sock, &msg, &iov, 1, len);
		if (ret < 0)
			return ret;
		if (!ret)
			return -EPIPE;
		buf += ret;
		len -= ret;
	}
	return 0;
}

/*
 * Reads exactly @len bytes, or up to @len when @some is true. A fatal alert
 * from the peer leaves its description in *@alert.
 */
static int ktlsctl_probe_recv(struct socket *sock, void *buf, size_t len,
			      bool some, u8 *alert)
{
	size_t got = 0;
	struct kvec iov;
	struct msghdr msg;
	int ret;

	while (got < len) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = buf + got;
		iov.iov_len = len - got;
		iov_iter_kvec(&msg.msg_iter, ITER_DEST, &iov, 1, len - got);
		ret = ktlsctl_recvmsg(sock, &msg, len - got, 0, alert);
		if (ret < 0)
			return ret;
		if (!ret)
			return got ? (some ? got : -EPIPE) : 0;
		got += ret;
		if (some)
			break;
	}
	return got;
}

/* Sends a close_notify alert record through kTLS. */
static void ktlsctl_probe_close_notify(struct socket *sock)
{
	char cbuf[CMSG_SPACE(sizeof(unsigned char))] = {};
	u8 alert[2] = { 1, 0 };	/* warning, close_notify */
	struct msghdr msg = {};
	struct cmsghdr *cmsg;
	struct kvec iov = { .iov_base = alert, .iov_len = sizeof(alert) };

	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	msg.msg_flags = MSG_NOSIGNAL;
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_TLS;
	cmsg->cmsg_type = TLS_SET_RECORD_TYPE;
	cmsg->cmsg_len = CMSG_LEN(sizeof(unsigned char));
	*(unsigned char *)CMSG_DATA(cmsg) = 21;	/* alert */
	kernel_sendmsg(sock, &msg, &iov, 1, sizeof(alert));
}

/*
 * Ends the session as TLS wants it: close_notify, no more writes, then read
 * (tickets, late data) until the peer's close_notify or end of file, so that
 * closing the socket sends a FIN, not a reset that would make the peer drop
 * data it has not read yet.
 */
int ktlsctl_probe_shutdown(struct socket *sock)
{
	u8 *buf = kmalloc(KTLSCTL_PROBE_CHUNK, GFP_KERNEL);
	u8 alert = 0;
	int i, n = 0;

	/* Blocking, but bounded: the send queue may still hold megabytes. */
	sock->sk->sk_sndtimeo = 5 * HZ;
	ktlsctl_probe_close_notify(sock);
	kernel_sock_shutdown(sock, SHUT_WR);
	if (!buf)
		return 0;
	sock->sk->sk_rcvtimeo = 5 * HZ;
	for (i = 0; i < 1024; i++) {
		n = ktlsctl_probe_recv(sock, buf, KTLSCTL_PROBE_CHUNK, true,
				       &alert);
		if (n <= 0)
			break;
	}
	kfree(buf);
	/*
	 * A fatal alert or a protocol event fails the run; a peer that closes
	 * without close_notify, resets or takes long does not.
	 */
	if ((n == -ECONNRESET && alert) || n == -EPROTO || n == -EKEYEXPIRED)
		return n;
	return 0;
}

/* connect: send (and with EXPECT_ECHO read back) chunk by chunk. */
int ktlsctl_probe_client_data(struct socket *sock,
			      struct ktlsctl_probe_args *a,
			      const struct ktlsctl_probe_bufs *b)
{
	u64 total = b->send_data ? a->send_data.len : a->send_len;
	bool echo = a->flags & KTLSCTL_PROBE_F_EXPECT_ECHO;
	u8 *out, *in;
	u64 off;
	int err = 0;

	if (total > KTLSCTL_PROBE_MAX_DATA)
		return -EMSGSIZE;
	out = kmalloc(KTLSCTL_PROBE_CHUNK, GFP_KERNEL);
	in = kmalloc(KTLSCTL_PROBE_CHUNK, GFP_KERNEL);
	if (!out || !in) {
		err = -ENOMEM;
		goto out;
	}
	for (off = 0; off < total; off += KTLSCTL_PROBE_CHUNK) {
		size_t n = min_t(u64, total - off, KTLSCTL_PROBE_CHUNK);

		if (b->send_data)
			memcpy(out, b->send_data + off, n);
		else
			get_random_bytes(out, n);
		err = ktlsctl_probe_send(sock, out, n);
		if (err)
			break;
		if (echo) {
			err = ktlsctl_probe_recv(sock, in, n, false, NULL);
			if (err >= 0 && err != n)
				err = -EPIPE;
			if (err < 0)
				break;
			err = 0;
			if (memcmp(in, out, n)) {
				err = -EBADMSG;
				break;
			}
		}
		a->bytes_ok += n;
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
	}
out:
	kfree(in);
	kfree(out);
	return err;
}

/* listen --echo: write back what arrives, until end of file. */
int ktlsctl_probe_server_data(struct socket *sock,
			      struct ktlsctl_probe_args *a)
{
	u8 *buf;
	int n, err = 0;

	if (!(a->flags & KTLSCTL_PROBE_F_ECHO))
		return 0;
	buf = kmalloc(KTLSCTL_PROBE_CHUNK, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		n = ktlsctl_probe_recv(sock, buf, KTLSCTL_PROBE_CHUNK, true,
				       NULL);
		if (n <= 0) {
			err = n;
			break;
		}
		err = ktlsctl_probe_send(sock, buf, n);
		if (err)
			break;
		a->bytes_ok += n;
	}
	kfree(buf);
	return err;
}
