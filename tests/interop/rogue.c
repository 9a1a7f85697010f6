// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-rogue-test: plays a daemon that breaks the rules, against the
 * module in the VM (tests/vm/tls-rogue.sh). TAP output.
 *
 *   ktlsctl-rogue-test empty   ACCEPT with nothing queued: -ENOENT
 *   ktlsctl-rogue-test forge   one request is queued, with a certificate
 *                              and its private key: take it on socket A
 *                              (the key comes in the credential file, not
 *                              in the reply), then DONE from socket B
 *                              (-EPERM; also one that the policy refuses),
 *                              with a foreign fd (-EBADF), an unknown id
 *                              (-ENOENT), the real failure (0), and again
 *                              (-ENOENT); no refused DONE keeps its keys
 *   ktlsctl-rogue-test credadd [eperm]
 *                              cred-add of a PSK that genetlink's policy
 *                              refuses, and one the module's precheck
 *                              refuses (or, with eperm, a valid one from an
 *                              unprivileged caller): no refused cred-add
 *                              keeps its secret
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
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
 * Sends @nlh raw from @b with the full request echoed in the error ack;
 * the module must refuse it with @want and leave no key bytes in the
 * request (the echo shows what is left of it).
 */
static void refused_keys(struct ktlsctl_sock *b, struct nlmsghdr *nlh,
			 int want, const char *what)
{
	static unsigned char buf[65536];
	const struct nlmsgerr *e;
	unsigned char pat[12];
	char line[160];
	ssize_t len;
	int off = 0;

	memset(pat, 0xa5, sizeof(pat));
	setsockopt(ktlsctl_fd(b), SOL_NETLINK, NETLINK_CAP_ACK, &off,
		   sizeof(off));
	snprintf(line, sizeof(line), "%s is refused", what);
	if (send(ktlsctl_fd(b), nlh, nlh->nlmsg_len, 0) < 0) {
		check(0, line, -errno, NULL);
		return;
	}
	len = recv(ktlsctl_fd(b), buf, sizeof(buf), 0);
	nlh = (struct nlmsghdr *)buf;
	e = (const struct nlmsgerr *)(buf + NLMSG_HDRLEN);
	check(len > 0 && nlh->nlmsg_type == NLMSG_ERROR && e->error == want,
	      line, len > 0 ? e->error : -errno, NULL);
	if (len <= 0)
		return;
	check(e->msg.nlmsg_len > 100 && (ssize_t)e->msg.nlmsg_len < len,
	      "the ack echoes the whole request", e->msg.nlmsg_len, NULL);
	snprintf(line, sizeof(line), "no key or IV byte is left in it (%s)",
		 what);
	check(!memmem(&e->msg, e->msg.nlmsg_len, pat, sizeof(pat)), line, 0,
	      NULL);
}

/* Forged DONEs carrying keys: from a foreign socket, and malformed. */
static void forged_keys(struct ktlsctl_sock *b, uint32_t id, int fd)
{
	struct ktlsctl_done d = {
		.id = id, .sockfd = fd, .version = KTLSCTL_TLS_VERSION_TLS13,
		.cipher = KTLSCTL_CIPHER_AES_128_GCM,
	};
	struct nlmsghdr *nlh;

	d.tx.key_len = d.rx.key_len = 16;
	d.tx.iv_len = d.rx.iv_len = 12;
	memset(d.tx.key, 0xa5, 16);
	memset(d.rx.key, 0xa5, 16);
	memset(d.tx.iv, 0xa5, 12);
	memset(d.rx.iv, 0xa5, 12);
	refused_keys(b, ktlsctl_done_msg(b, &d), -EPERM,
		     "forged DONE with keys");
	/* An attribute DONE does not know: genetlink's policy refuses it. */
	nlh = ktlsctl_done_msg(b, &d);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_MAX + 1, 1);
	refused_keys(b, nlh, -EINVAL, "DONE with keys the policy refuses");
}

/*
 * ACCEPT by hand, to look at the reply itself: the socket and the
 * credential file come as descriptors, and the private key the probe
 * passed is in the file, never in the message.
 */
static int raw_accept(struct ktlsctl_sock *a, struct ktlsctl_accept *acc)
{
	static unsigned char buf[65536];
	const struct ktlsctl_handed_cred *c = NULL;
	int credfd = -1, in_msg = 0, err;
	const struct nlattr *attr;
	struct nlmsghdr *nlh;
	unsigned int i;
	ssize_t len;

	memset(acc, 0, sizeof(*acc));
	acc->sockfd = -1;
	nlh = ktlsctl_msg(a, KTLSCTL_CMD_ACCEPT, 0);
	nlh->nlmsg_flags |= NLM_F_REQUEST;
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_HANDLER, KTLSCTL_HANDLER_TLS);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_HANDLER_VERSION,
			 KTLSCTL_HANDLER_VERSION);
	if (send(ktlsctl_fd(a), nlh, nlh->nlmsg_len, 0) < 0)
		return -errno;
	len = recv(ktlsctl_fd(a), buf, sizeof(buf), 0);
	nlh = (struct nlmsghdr *)buf;
	if (len <= 0 || nlh->nlmsg_type == NLMSG_ERROR ||
	    !mnl_nlmsg_ok(nlh, (int)len))
		return len < 0 ? -errno : -EPROTO;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) == KTLSCTL_A_REQUEST_CRED_FD)
			credfd = (int)mnl_attr_get_u32(attr);
		if (mnl_attr_get_type(attr) == KTLSCTL_A_REQUEST_CRED)
			in_msg = 1;
	}
	check(credfd >= 0, "the reply names a credential file", credfd, NULL);
	check(!in_msg && !memmem(buf, (size_t)len, "PRIVATE KEY", 11),
	      "the reply itself carries no credential", (int)len, NULL);
	err = fcntl(credfd, F_GETFD);
	check(err >= 0 && (err & FD_CLOEXEC),
	      "the credential file is close-on-exec", err, NULL);
	err = (int)write(credfd, "x", 1);
	check(err < 0 && errno == EBADF, "the credential file is read-only",
	      err < 0 ? -errno : err, NULL);

	err = ktlsctl_accept_parse(a, nlh, acc);
	for (i = 0; !err && i < acc->n_creds; i++)
		if (acc->creds[i].key.data)
			c = &acc->creds[i];
	check(c && memmem(c->key.data, c->key.len, "PRIVATE KEY", 11) &&
	      c->cert.data, "the file holds the certificate and its key", err,
	      ktlsctl_error(a));
	err = fcntl(credfd, F_GETFD);
	check(err < 0 && errno == EBADF, "the file is closed once decoded",
	      err, NULL);
	return 0;
}

static int forge(struct ktlsctl_sock *a, struct ktlsctl_sock *b)
{
	struct ktlsctl_accept acc;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int err, flags;

	err = raw_accept(a, &acc);
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

/* A cred-add of a PSK whose secret is the pattern refused_keys() seeks. */
static struct nlmsghdr *psk_add(struct ktlsctl_sock *s, const char *name)
{
	struct nlmsghdr *nlh = ktlsctl_msg(s, KTLSCTL_CMD_CRED_ADD, 0);
	unsigned char secret[32];

	memset(secret, 0xa5, sizeof(secret));
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, name);
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_TYPE, KTLSCTL_CRED_TYPE_PSK);
	mnl_attr_put_str(nlh, KTLSCTL_A_CRED_PSK_IDENTITY,
			 "rogue-identity-0123456789");
	mnl_attr_put(nlh, KTLSCTL_A_CRED_PSK_SECRET, sizeof(secret), secret);
	return nlh;
}

static void credadd(struct ktlsctl_sock *b, bool eperm)
{
	static unsigned char big[KTLSCTL_BLOB_MAX_LEN + 1];
	struct nlmsghdr *nlh;

	if (eperm) {
		refused_keys(b, psk_add(b, "rogue"), -EPERM,
			     "cred-add from an unprivileged caller");
		return;
	}
	nlh = psk_add(b, "rogue");
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_MAX + 1, 1);
	refused_keys(b, nlh, -EINVAL, "cred-add the policy refuses");
	/* A certificate attribute in a PSK: the module's precheck. */
	nlh = psk_add(b, "rogue");
	mnl_attr_put(nlh, KTLSCTL_A_CRED_CA, 4, "junk");
	refused_keys(b, nlh, -EINVAL, "cred-add the precheck refuses");
	nlh = psk_add(b, "bad name");
	refused_keys(b, nlh, -EINVAL, "cred-add with a bad name");
	/* Over the spec's blob bound, which the module checks itself. */
	nlh = ktlsctl_msg(b, KTLSCTL_CMD_CRED_ADD, 0);
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, "big");
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_TYPE, KTLSCTL_CRED_TYPE_CERT);
	memset(big, 0xa5, sizeof(big));
	mnl_attr_put(nlh, KTLSCTL_A_CRED_CERT, 16, big);
	mnl_attr_put(nlh, KTLSCTL_A_CRED_KEY, sizeof(big), big);
	refused_keys(b, nlh, -EMSGSIZE, "cred-add with an oversize key");
}

int main(int argc, char **argv)
{
	struct ktlsctl_sock *a = NULL, *b = NULL;
	struct ktlsctl_accept acc;
	int err;

	if (argc < 2 || argc > 3 ||
	    (strcmp(argv[1], "empty") && strcmp(argv[1], "forge") &&
	     strcmp(argv[1], "credadd")) ||
	    (argc == 3 && strcmp(argv[2], "eperm"))) {
		fprintf(stderr,
			"usage: ktlsctl-rogue-test empty|forge|credadd [eperm]\n");
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
	} else if (!strcmp(argv[1], "credadd")) {
		credadd(b, argc == 3);
	} else {
		forge(a, b);
	}
	ktlsctl_close(a);
	ktlsctl_close(b);
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
