// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Requests as operators see them: the request-get dump, and the decoding
 * of one request that it shares with the request-ntf event (event.c).
 */
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "ktlsctl-priv.h"

/* The u32 attributes of the request set and where they go. */
static const struct {
	unsigned int type;
	uint32_t has;
	size_t off;
} ktlsctl_request_u32[] = {
	{ KTLSCTL_A_REQUEST_HANDLER, KTLSCTL_REQUEST_HAS_HANDLER,
	  offsetof(struct ktlsctl_request, handler) },
	{ KTLSCTL_A_REQUEST_ROLE, KTLSCTL_REQUEST_HAS_ROLE,
	  offsetof(struct ktlsctl_request, role) },
	{ KTLSCTL_A_REQUEST_AUTH, KTLSCTL_REQUEST_HAS_AUTH,
	  offsetof(struct ktlsctl_request, auth) },
	{ KTLSCTL_A_REQUEST_STATE, KTLSCTL_REQUEST_HAS_STATE,
	  offsetof(struct ktlsctl_request, state) },
	{ KTLSCTL_A_REQUEST_STATUS, KTLSCTL_REQUEST_HAS_STATUS,
	  offsetof(struct ktlsctl_request, status) },
	{ KTLSCTL_A_REQUEST_TIMEOUT_MS, KTLSCTL_REQUEST_HAS_TIMEOUT,
	  offsetof(struct ktlsctl_request, timeout_ms) },
	{ KTLSCTL_A_REQUEST_AGE_MS, KTLSCTL_REQUEST_HAS_AGE,
	  offsetof(struct ktlsctl_request, age_ms) },
	{ KTLSCTL_A_REQUEST_POLICY_ID, KTLSCTL_REQUEST_HAS_POLICY_ID,
	  offsetof(struct ktlsctl_request, policy_id) },
	{ KTLSCTL_A_REQUEST_VERSION, KTLSCTL_REQUEST_HAS_VERSION,
	  offsetof(struct ktlsctl_request, version) },
	/* Multi-attribute: the negotiated one, the last of the message. */
	{ KTLSCTL_A_REQUEST_CIPHER, KTLSCTL_REQUEST_HAS_CIPHER,
	  offsetof(struct ktlsctl_request, cipher) },
	{ KTLSCTL_A_REQUEST_KEY_MODE, KTLSCTL_REQUEST_HAS_KEY_MODE,
	  offsetof(struct ktlsctl_request, key_mode) },
};

static const struct {
	unsigned int type;
	uint32_t has;
	size_t off, size;
} ktlsctl_request_str[] = {
	{ KTLSCTL_A_REQUEST_PEER_NAME, KTLSCTL_REQUEST_HAS_PEER_NAME,
	  offsetof(struct ktlsctl_request, peer_name),
	  sizeof(((struct ktlsctl_request *)0)->peer_name) },
	{ KTLSCTL_A_REQUEST_PEER_IDENTITY, KTLSCTL_REQUEST_HAS_PEER_IDENTITY,
	  offsetof(struct ktlsctl_request, peer_identity),
	  sizeof(((struct ktlsctl_request *)0)->peer_identity) },
	{ KTLSCTL_A_REQUEST_TAG, KTLSCTL_REQUEST_HAS_TAG,
	  offsetof(struct ktlsctl_request, tag),
	  sizeof(((struct ktlsctl_request *)0)->tag) },
};

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

int ktlsctl_request_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
			  struct ktlsctl_request *req)
{
	const struct nlattr *tb[KTLSCTL_A_REQUEST_MAX + 1];
	const struct nlattr *a;
	unsigned int i;
	int err;

	memset(req, 0, sizeof(*req));
	err = ktlsctl_parse(sock, nlh, &ktlsctl_request_set, tb);
	if (err)
		return err;
	if (!tb[KTLSCTL_A_REQUEST_ID]) {
		ktlsctl_set_error(sock, "request without id");
		return -EPROTO;
	}
	req->id = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_ID]);

	for (i = 0; i < ARRAY_LEN(ktlsctl_request_u32); i++) {
		a = tb[ktlsctl_request_u32[i].type];
		if (!a)
			continue;
		*(uint32_t *)((char *)req + ktlsctl_request_u32[i].off) =
			mnl_attr_get_u32(a);
		req->has |= ktlsctl_request_u32[i].has;
	}
	/* The parse checked the spec's maximum lengths: the copies fit. */
	for (i = 0; i < ARRAY_LEN(ktlsctl_request_str); i++) {
		a = tb[ktlsctl_request_str[i].type];
		if (!a)
			continue;
		ktlsctl_attr_strcpy((char *)req + ktlsctl_request_str[i].off,
				    ktlsctl_request_str[i].size, a);
		req->has |= ktlsctl_request_str[i].has;
	}
	if (tb[KTLSCTL_A_REQUEST_LOCAL]) {
		err = ktlsctl_addr_parse(sock, tb[KTLSCTL_A_REQUEST_LOCAL],
					 &req->local);
		if (err)
			return err;
		req->has |= KTLSCTL_REQUEST_HAS_LOCAL;
	}
	if (tb[KTLSCTL_A_REQUEST_REMOTE]) {
		err = ktlsctl_addr_parse(sock, tb[KTLSCTL_A_REQUEST_REMOTE],
					 &req->remote);
		if (err)
			return err;
		req->has |= KTLSCTL_REQUEST_HAS_REMOTE;
	}
	return 0;
}

struct ktlsctl_request_ctx {
	struct ktlsctl_sock *sock;
	ktlsctl_request_cb cb;
	void *data;
};

static int ktlsctl_request_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ktlsctl_request_ctx *ctx = data;
	struct ktlsctl_request req;
	int err;

	err = ktlsctl_request_parse(ctx->sock, nlh, &req);
	if (err)
		return err;
	return ctx->cb(&req, ctx->data);
}

int ktlsctl_request_dump(struct ktlsctl_sock *sock, ktlsctl_request_cb cb,
			 void *data)
{
	struct ktlsctl_request_ctx ctx = {
		.sock = sock, .cb = cb, .data = data,
	};
	struct nlmsghdr *nlh;

	nlh = ktlsctl_msg(sock, KTLSCTL_CMD_REQUEST_GET, 0);
	return ktlsctl_dump(sock, nlh, ktlsctl_request_dump_cb, &ctx);
}
