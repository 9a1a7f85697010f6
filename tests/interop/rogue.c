// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-rogue-test: plays a daemon that breaks the rules, against the
 * module in the VM (tests/vm/tls-rogue.sh). TAP output.
 *
 *   ktlsctl-rogue-test empty   ACCEPT with nothing queued: -ENOENT
 *   ktlsctl-rogue-test forge   one request is queued: take it on socket A,
 *                              then DONE from socket B (-EPERM), with a
 *                              foreign fd (-EBADF), an unknown id
 *                              (-ENOENT), the real failure (0), and again
 *                              (-ENOENT)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netlink.h>

#include "libktlsctl.h"

static int n, failed;

static void check(int cond, const char *what, int err, const char *msg)
{
	n++;
	if (!cond)
		failed++;
	printf("%sok %d - %s (%d%s%s)\n", cond ? "" : "not ", n, what, err,
	       msg && *msg ? ": " : "", msg ? msg : "");
}

static int done(struct ktlsctl_sock *s, uint32_t id, int fd, uint32_t st)
{
	struct ktlsctl_done d = { .id = id, .sockfd = fd, .status = st };

	return ktlsctl_done(s, &d);
}

/*
 * A forged DONE carrying keys, sent raw from @b with the full request
 * echoed in the error ack: the module must refuse it and leave no key
 * bytes in the request (the echo shows what is left of it).
 */
static void forged_keys(struct ktlsctl_sock *b, uint32_t id, int fd)
{
	struct ktlsctl_done d = {
		.id = id, .sockfd = fd, .version = KTLSCTL_TLS_VERSION_TLS13,
		.cipher = KTLSCTL_CIPHER_AES_128_GCM,
	};
	static unsigned char buf[65536];
	const struct nlmsgerr *e;
	const struct nlmsghdr *nlh;
	unsigned char pat[16];
	int off = 0, zero = 0;
	ssize_t len;

	memset(pat, 0xa5, sizeof(pat));
	d.tx.key_len = d.rx.key_len = 16;
	d.tx.iv_len = d.rx.iv_len = 12;
	memset(d.tx.key, 0xa5, 16);
	memset(d.rx.key, 0xa5, 16);
	memset(d.tx.iv, 0xa5, 12);
	memset(d.rx.iv, 0xa5, 12);
	setsockopt(ktlsctl_fd(b), SOL_NETLINK, NETLINK_CAP_ACK, &off,
		   sizeof(off));
	nlh = ktlsctl_done_msg(b, &d);
	if (send(ktlsctl_fd(b), nlh, nlh->nlmsg_len, 0) < 0) {
		check(0, "forged DONE with keys sent", -errno, NULL);
		return;
	}
	len = recv(ktlsctl_fd(b), buf, sizeof(buf), 0);
	nlh = (const struct nlmsghdr *)buf;
	e = (const struct nlmsgerr *)(buf + NLMSG_HDRLEN);
	check(len > 0 && nlh->nlmsg_type == NLMSG_ERROR && e->error == -EPERM,
	      "forged DONE with keys is refused", len > 0 ? e->error : -errno,
	      NULL);
	if (len <= 0)
		return;
	check(e->msg.nlmsg_len > 100 && (ssize_t)e->msg.nlmsg_len <
	      len, "the ack echoes the whole request", e->msg.nlmsg_len, NULL);
	zero = !memmem(&e->msg, e->msg.nlmsg_len, pat, 12);
	check(zero, "no key or IV byte is left in the refused request", 0,
	      NULL);
}

static int forge(struct ktlsctl_sock *a, struct ktlsctl_sock *b)
{
	struct ktlsctl_accept acc;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int err, flags;

	err = ktlsctl_accept(a, KTLSCTL_HANDLER_TLS, &acc);
	check(!err && acc.sockfd >= 0, "accept hands out a socket fd", err,
	      ktlsctl_error(a));
	if (err)
		return 1;
	flags = fcntl(acc.sockfd, F_GETFD);
	check(flags >= 0 && (flags & FD_CLOEXEC), "the fd is close-on-exec",
	      flags, NULL);
	err = getpeername(acc.sockfd, (struct sockaddr *)&ss, &len);
	check(!err, "the fd is a connected socket", err ? -errno : 0, NULL);

	forged_keys(b, acc.id, acc.sockfd);
	err = done(b, acc.id, acc.sockfd, EACCES);
	check(err == -EPERM, "DONE from another netlink socket is refused",
	      err, ktlsctl_error(b));
	err = done(a, acc.id, 0, EACCES);
	check(err == -EBADF, "DONE naming another fd is refused", err,
	      ktlsctl_error(a));
	err = done(a, acc.id + 1000, acc.sockfd, EACCES);
	check(err == -ENOENT, "DONE for an unknown id is refused", err,
	      ktlsctl_error(a));
	err = done(a, acc.id, acc.sockfd, EACCES);
	check(!err, "DONE from the accepting socket completes it", err,
	      ktlsctl_error(a));
	err = done(a, acc.id, acc.sockfd, EACCES);
	check(err == -ENOENT, "a second DONE finds nothing", err,
	      ktlsctl_error(a));
	close(acc.sockfd);
	ktlsctl_accept_release(&acc);
	return 0;
}

int main(int argc, char **argv)
{
	struct ktlsctl_sock *a = NULL, *b = NULL;
	struct ktlsctl_accept acc;
	int err;

	if (argc != 2 || (strcmp(argv[1], "empty") && strcmp(argv[1], "forge"))) {
		fprintf(stderr, "usage: ktlsctl-rogue-test empty|forge\n");
		return 2;
	}
	if (ktlsctl_open(&a) || ktlsctl_open(&b)) {
		printf("Bail out! cannot open the ktlsctl family\n");
		return 1;
	}
	if (!strcmp(argv[1], "empty")) {
		err = ktlsctl_accept(a, KTLSCTL_HANDLER_TLS, &acc);
		check(err == -ENOENT && strstr(ktlsctl_error(a), "no request"),
		      "ACCEPT with nothing queued", err, ktlsctl_error(a));
		if (!err)
			ktlsctl_accept_release(&acc);
	} else {
		forge(a, b);
	}
	ktlsctl_close(a);
	ktlsctl_close(b);
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
