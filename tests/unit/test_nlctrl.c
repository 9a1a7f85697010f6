// SPDX-License-Identifier: GPL-2.0
/*
 * The socket path against the running kernel's nlctrl, which needs no
 * module: opening (the ktlsctl family is missing on a build host, present
 * in the VM), a multi-part dump, a do with a reply, errors with their
 * extended ack. Skips (77) where generic netlink is not available.
 */
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "check.h"
#include "ktlsctl-priv.h"

struct families {
	unsigned int n;
	bool nlctrl;
	uint16_t nlctrl_id;
};

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct families *f = data;
	const struct nlattr *attr;
	const char *name = NULL;
	uint16_t id = 0;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(attr)) {
		case CTRL_ATTR_FAMILY_NAME:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
				name = mnl_attr_get_str(attr);
			break;
		case CTRL_ATTR_FAMILY_ID:
			if (mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
				id = mnl_attr_get_u16(attr);
			break;
		}
	}
	f->n++;
	if (name && !strcmp(name, "nlctrl")) {
		f->nlctrl = true;
		f->nlctrl_id = id;
	}
	return 0;
}

static int stop_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(*(unsigned int *)data)++;
	return -ECANCELED;
}

int main(void)
{
	struct families f = {};
	struct ktlsctl_sock *sock;
	struct nlmsghdr *nlh;
	unsigned int calls = 0;
	uint32_t grp;
	int err;

	err = ktlsctl_open(&sock);
	if (err && err != -ENOENT) {
		printf("skip: %s: %s\n", strerror(-err),
		       sock ? ktlsctl_error(sock) : "");
		ktlsctl_close(sock);
		return 77;
	}
	CHECK(sock);
	if (!sock)
		return 1;
	if (err == -ENOENT) {
		CHECK_STR(ktlsctl_error(sock),
			  "ktlsctl family not found: is the ktlsctl module loaded?");
		CHECK(ktlsctl_join(sock, KTLSCTL_MCGRP_MONITOR) == -ENOENT);
	} else {
		CHECK(ktlsctl_family_id(sock) >= GENL_MIN_ID);
		CHECK(ktlsctl_family_version(sock) == KTLSCTL_FAMILY_VERSION);
		CHECK(ktlsctl_group_id(sock, KTLSCTL_MCGRP_HANDSHAKE, &grp) == 0);
		CHECK(ktlsctl_group_id(sock, KTLSCTL_MCGRP_MONITOR, &grp) == 0);
		CHECK(ktlsctl_join(sock, KTLSCTL_MCGRP_MONITOR) == 0);
	}
	CHECK(ktlsctl_group_id(sock, "no-such-group", &grp) == -ENOENT);
	CHECK(ktlsctl_fd(sock) >= 0);

	/* Every family, in as many parts as the kernel likes. */
	nlh = ktlsctl_genl_msg(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	err = ktlsctl_dump(sock, nlh, family_cb, &f);
	CHECK(err == 0);
	CHECK(f.n >= 1 && f.nlctrl && f.nlctrl_id == GENL_ID_CTRL);
	printf("dump: %u families\n", f.n);

	/* A callback that stops: the dump is drained, the socket usable. */
	nlh = ktlsctl_genl_msg(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	CHECK(ktlsctl_dump(sock, nlh, stop_cb, &calls) == -ECANCELED);
	CHECK(calls == 1);

	/* A do with one reply. */
	memset(&f, 0, sizeof(f));
	nlh = ktlsctl_genl_msg(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	CHECK(ktlsctl_do(sock, nlh, family_cb, &f) == 0);
	CHECK(f.n == 1 && f.nlctrl);

	/* Errors: an unknown family, a malformed attribute. */
	nlh = ktlsctl_genl_msg(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "no-such-family");
	CHECK(ktlsctl_do(sock, nlh, family_cb, &f) == -ENOENT);

	nlh = ktlsctl_genl_msg(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put(nlh, CTRL_ATTR_FAMILY_NAME, 6, "nlctrl");
	err = ktlsctl_do(sock, nlh, family_cb, &f);
	printf("malformed request: %s: \"%s\"\n", strerror(-err),
	       ktlsctl_error(sock));
	CHECK(err == -EINVAL);
	CHECK(ktlsctl_error(sock)[0] != '\0');

	/* The socket still works after all that. */
	memset(&f, 0, sizeof(f));
	nlh = ktlsctl_genl_msg(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	CHECK(ktlsctl_do(sock, nlh, family_cb, &f) == 0);
	CHECK(f.n == 1 && f.nlctrl);

	ktlsctl_close(sock);
	return check_done("nlctrl");
}
