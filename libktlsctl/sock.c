// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The socket object: opening, family and group resolution through nlctrl,
 * joining groups, and the error message of the last call.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "ktlsctl-priv.h"

void ktlsctl_set_error(struct ktlsctl_sock *sock, const char *fmt, ...)
{
	va_list ap;

	if (!sock)
		return;
	va_start(ap, fmt);
	vsnprintf(sock->err, sizeof(sock->err), fmt, ap);
	va_end(ap);
}

void ktlsctl_clear_error(struct ktlsctl_sock *sock)
{
	if (sock)
		sock->err[0] = '\0';
}

const char *ktlsctl_error(const struct ktlsctl_sock *sock)
{
	return sock ? sock->err : "";
}

struct ktlsctl_sock *ktlsctl_sock_alloc(void)
{
	struct ktlsctl_sock *sock;

	sock = calloc(1, sizeof(*sock));
	if (!sock)
		return NULL;
	/* Zeroed: attribute padding is sent as it is in the buffer. */
	sock->tx = calloc(1, KTLSCTL_TX_SIZE);
	sock->rx.data = malloc(KTLSCTL_RX_SIZE);
	sock->ev.data = malloc(KTLSCTL_RX_SIZE);
	if (!sock->tx || !sock->rx.data || !sock->ev.data) {
		ktlsctl_close(sock);
		return NULL;
	}
	sock->rx.size = KTLSCTL_RX_SIZE;
	sock->ev.size = KTLSCTL_RX_SIZE;
	sock->ev_tail = &sock->ev_head;
	return sock;
}

void ktlsctl_close(struct ktlsctl_sock *sock)
{
	struct ktlsctl_event *ev;

	if (!sock)
		return;
	while ((ev = sock->ev_head)) {
		sock->ev_head = ev->next;
		free(ev);
	}
	if (sock->nl)
		mnl_socket_close(sock->nl);
	free(sock->tx);
	free(sock->rx.data);
	free(sock->ev.data);
	free(sock);
}

static void ktlsctl_sockopt(struct ktlsctl_sock *sock, int opt)
{
	int one = 1;

	/* All exist since 4.12; without them we only lose messages. */
	mnl_socket_setsockopt(sock->nl, opt, &one, sizeof(one));
}

int ktlsctl_open(struct ktlsctl_sock **sockp)
{
	struct ktlsctl_sock *sock;
	int err;

	*sockp = NULL;
	sock = ktlsctl_sock_alloc();
	if (!sock)
		return -ENOMEM;
	*sockp = sock;

	sock->nl = mnl_socket_open2(NETLINK_GENERIC, SOCK_CLOEXEC);
	if (!sock->nl) {
		err = -errno;
		ktlsctl_set_error(sock, "cannot open a generic netlink socket");
		return err;
	}
	if (mnl_socket_bind(sock->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		ktlsctl_set_error(sock, "cannot bind the netlink socket");
		return err;
	}
	sock->portid = mnl_socket_get_portid(sock->nl);
	ktlsctl_sockopt(sock, NETLINK_CAP_ACK);
	ktlsctl_sockopt(sock, NETLINK_EXT_ACK);
	/* Tells events from replies (see ktlsctl_recv()). */
	ktlsctl_sockopt(sock, NETLINK_PKTINFO);

	return ktlsctl_resolve(sock);
}

int ktlsctl_fd(const struct ktlsctl_sock *sock)
{
	return sock->nl ? mnl_socket_get_fd(sock->nl) : -1;
}

uint16_t ktlsctl_family_id(const struct ktlsctl_sock *sock)
{
	return sock->family_id;
}

uint32_t ktlsctl_family_version(const struct ktlsctl_sock *sock)
{
	return sock->family_version;
}

int ktlsctl_group_id(const struct ktlsctl_sock *sock, const char *group,
		     uint32_t *id)
{
	unsigned int i;

	for (i = 0; i < sock->n_groups; i++) {
		if (!strcmp(sock->groups[i].name, group)) {
			*id = sock->groups[i].id;
			return 0;
		}
	}
	return -ENOENT;
}

int ktlsctl_join(struct ktlsctl_sock *sock, const char *group)
{
	uint32_t id;
	int grp;

	ktlsctl_clear_error(sock);
	if (ktlsctl_group_id(sock, group, &id)) {
		ktlsctl_set_error(sock, "%s family has no group \"%s\"",
				  KTLSCTL_FAMILY_NAME, group);
		return -ENOENT;
	}
	grp = (int)id;
	if (mnl_socket_setsockopt(sock->nl, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0) {
		grp = -errno;
		if (grp == -EPERM)
			ktlsctl_set_error(sock,
					  "joining group \"%s\" requires CAP_NET_ADMIN in the network namespace's user namespace",
					  group);
		else
			ktlsctl_set_error(sock, "cannot join group \"%s\" (%u)",
					  group, id);
		return grp;
	}
	return 0;
}

/* nlctrl's answer to CTRL_CMD_GETFAMILY. */

static int ktlsctl_ctrl_attr(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type <= CTRL_ATTR_MAX)
		tb[type] = attr;
	return MNL_CB_OK;
}

static int ktlsctl_ctrl_group(struct ktlsctl_sock *sock,
			      const struct nlattr *grp)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = {};
	struct ktlsctl_group *g;
	const char *name;
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, grp) {
		uint16_t type = mnl_attr_get_type(a);

		if (type <= CTRL_ATTR_MCAST_GRP_MAX)
			tb[type] = a;
	}
	a = tb[CTRL_ATTR_MCAST_GRP_NAME];
	if (!a || !tb[CTRL_ATTR_MCAST_GRP_ID] ||
	    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0 ||
	    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_ID], MNL_TYPE_U32) < 0)
		return -EPROTO;
	name = mnl_attr_get_str(a);
	if (strlen(name) >= GENL_NAMSIZ ||
	    sock->n_groups == KTLSCTL_MAX_GROUPS)
		return 0;
	g = &sock->groups[sock->n_groups++];
	strcpy(g->name, name);
	g->id = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	return 0;
}

static int ktlsctl_ctrl_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = {};
	struct ktlsctl_sock *sock = data;
	const struct nlattr *grp;
	int err;

	if (mnl_attr_parse(nlh, GENL_HDRLEN, ktlsctl_ctrl_attr, tb) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_ID] ||
	    mnl_attr_validate(tb[CTRL_ATTR_FAMILY_ID], MNL_TYPE_U16) < 0)
		goto bad;
	sock->family_id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION]) {
		if (mnl_attr_validate(tb[CTRL_ATTR_VERSION], MNL_TYPE_U32) < 0)
			goto bad;
		sock->family_version = mnl_attr_get_u32(tb[CTRL_ATTR_VERSION]);
	}
	sock->n_groups = 0;
	if (tb[CTRL_ATTR_MCAST_GROUPS]) {
		mnl_attr_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS]) {
			err = ktlsctl_ctrl_group(sock, grp);
			if (err)
				goto bad;
		}
	}
	return 0;
bad:
	ktlsctl_set_error(sock, "malformed nlctrl reply for family %s",
			  KTLSCTL_FAMILY_NAME);
	return -EPROTO;
}

int ktlsctl_resolve(struct ktlsctl_sock *sock)
{
	struct nlmsghdr *nlh;
	int err;

	nlh = ktlsctl_genl_msg(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, KTLSCTL_FAMILY_NAME);
	sock->family_id = 0;
	err = ktlsctl_do(sock, nlh, ktlsctl_ctrl_cb, sock);
	if (err == -ENOENT) {
		ktlsctl_set_error(sock, "%s family not found: is the %s module loaded?",
				  KTLSCTL_FAMILY_NAME, KTLSCTL_FAMILY_NAME);
		return err;
	}
	if (err)
		return err;
	if (!sock->family_id) {
		ktlsctl_set_error(sock, "nlctrl did not answer for family %s",
				  KTLSCTL_FAMILY_NAME);
		return -EPROTO;
	}
	return 0;
}
