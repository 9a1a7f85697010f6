// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding an ACCEPT reply as the module sends it (ktlsctl_nl_accept_msg):
 * the backlog, and the credential file read by the length the reply gives
 * (no read past it), or to its end when an older module gives none; a file
 * shorter than announced is an error and leaves nothing behind.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "check.h"
#include "genlmsg.h"
#include "ktlsctl-priv.h"

static char buf[4096] __attribute__((aligned(4)));
static char file[1024] __attribute__((aligned(4)));

/* One credential record, as credfile.c renders it; returns its length. */
static size_t render_cred(void)
{
	char tmp[sizeof(file)] __attribute__((aligned(4))) = { 0 };
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(tmp);
	struct nlattr *nest;
	size_t len;

	nest = mnl_attr_nest_start(nlh, KTLSCTL_A_REQUEST_CRED);
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, "ca");
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_TYPE, KTLSCTL_CRED_TYPE_TRUST);
	mnl_attr_put(nlh, KTLSCTL_A_CRED_CA, 5, "-----");
	mnl_attr_nest_end(nlh, nest);
	len = nlh->nlmsg_len - MNL_NLMSG_HDRLEN;
	memcpy(file, mnl_nlmsg_get_payload(nlh), len);
	return len;
}

/*
 * A pipe holding the first @len bytes of the file; its read end. With
 * @wfd its write end stays open there: a read past @len fails (EAGAIN).
 */
static int credfd(size_t len, int *wfd)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC))
		return -1;
	if (write(p[1], file, len) != (ssize_t)len) {
		close(p[0]);
		p[0] = -1;
	}
	if (wfd) {
		*wfd = p[1];
		fcntl(p[0], F_SETFL, O_NONBLOCK);	/* fail, not hang */
	} else {
		close(p[1]);
	}
	return p[0];
}

static struct nlmsghdr *reply(int fd, bool give_len, uint32_t len,
			      bool give_backlog)
{
	struct nlmsghdr *nlh = genl_msg(buf, sizeof(buf), KTLSCTL_CMD_ACCEPT);

	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ID, 7);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_HANDLER, KTLSCTL_HANDLER_TLS);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ROLE, KTLSCTL_ROLE_CLIENT);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_SOCKFD, 100);
	if (fd >= 0)
		mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_CRED_FD, (uint32_t)fd);
	if (give_len)
		mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_CRED_LEN, len);
	if (give_backlog)
		mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_BACKLOG, 3);
	return nlh;
}

/* Whether @fd was closed by the parser (it closes it on every path). */
static bool closed(int fd)
{
	return fcntl(fd, F_GETFD) < 0 && errno == EBADF;
}

static void test_accept(struct ktlsctl_sock *sock)
{
	struct ktlsctl_accept acc;
	size_t len = render_cred();
	int fd, wfd = -1, err;

	/* The length given: read to it, not to the end; the backlog. */
	fd = credfd(len, &wfd);
	err = ktlsctl_accept_parse(sock, reply(fd, true, len, true), &acc);
	CHECK(!err && acc.id == 7 && acc.sockfd == 100 && acc.backlog == 3);
	CHECK(acc.n_creds == 1 && acc.creds[0].ca.len == 5 &&
	      !memcmp(acc.creds[0].ca.data, "-----", 5));
	CHECK_STR(acc.creds[0].name, "ca");
	CHECK(closed(fd));
	close(wfd);
	ktlsctl_accept_release(&acc);

	/* An older module: no length (read to the end), no backlog. */
	fd = credfd(len, NULL);
	err = ktlsctl_accept_parse(sock, reply(fd, false, 0, false), &acc);
	CHECK(!err && acc.n_creds == 1 &&
	      acc.backlog == KTLSCTL_BACKLOG_UNKNOWN);
	CHECK(closed(fd));
	ktlsctl_accept_release(&acc);

	/* The file ends before the length announced. */
	fd = credfd(len, NULL);
	err = ktlsctl_accept_parse(sock, reply(fd, true, len + 8, true), &acc);
	CHECK(err == -EPROTO && acc.n_creds == 0 && acc.sockfd == 100);
	CHECK(strstr(ktlsctl_error(sock), "announced") != NULL);
	CHECK(closed(fd));
	ktlsctl_accept_release(&acc);

	/* A length beyond what a request may carry is not read at all. */
	fd = credfd(len, NULL);
	err = ktlsctl_accept_parse(sock, reply(fd, true, UINT32_MAX, true),
				   &acc);
	CHECK(err == -EFBIG && acc.n_creds == 0);
	CHECK(closed(fd));
	ktlsctl_accept_release(&acc);
}

int main(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();

	CHECK(sock);
	if (!sock)
		return 1;
	test_accept(sock);
	ktlsctl_close(sock);
	return check_done("accept");
}
