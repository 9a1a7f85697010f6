// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Handshake policies: policy-add (whose reply carries the new id),
 * policy-del, policy-flush, and the policy-get listing in match order.
 * One struct for what is sent and what is listed.
 */
#include <errno.h>
#include <string.h>

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "ktlsctl-priv.h"

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* The u32 attributes of the policy set and where they go. */
static const struct {
	unsigned int type;
	uint32_t has;
	size_t off;
} ktlsctl_policy_u32[] = {
	{ KTLSCTL_A_POLICY_PRIORITY, KTLSCTL_POLICY_HAS_PRIORITY,
	  offsetof(struct ktlsctl_policy, priority) },
	{ KTLSCTL_A_POLICY_ROLE, KTLSCTL_POLICY_HAS_ROLE,
	  offsetof(struct ktlsctl_policy, role) },
	{ KTLSCTL_A_POLICY_HANDLER, KTLSCTL_POLICY_HAS_HANDLER,
	  offsetof(struct ktlsctl_policy, handler) },
	{ KTLSCTL_A_POLICY_AUTH, KTLSCTL_POLICY_HAS_AUTH,
	  offsetof(struct ktlsctl_policy, auth) },
	{ KTLSCTL_A_POLICY_TLS_MIN, KTLSCTL_POLICY_HAS_TLS_MIN,
	  offsetof(struct ktlsctl_policy, tls_min) },
	{ KTLSCTL_A_POLICY_TLS_MAX, KTLSCTL_POLICY_HAS_TLS_MAX,
	  offsetof(struct ktlsctl_policy, tls_max) },
	{ KTLSCTL_A_POLICY_TIMEOUT_MS, KTLSCTL_POLICY_HAS_TIMEOUT,
	  offsetof(struct ktlsctl_policy, timeout_ms) },
	{ KTLSCTL_A_POLICY_OFFLOAD, KTLSCTL_POLICY_HAS_OFFLOAD,
	  offsetof(struct ktlsctl_policy, offload) },
};

#define POLICY_STR(type, flag, field)					\
	{ type, flag, offsetof(struct ktlsctl_policy, field),		\
	  sizeof(((struct ktlsctl_policy *)0)->field) }

static const struct {
	unsigned int type;
	uint32_t has;
	size_t off, size;
} ktlsctl_policy_str[] = {
	POLICY_STR(KTLSCTL_A_POLICY_PEER_NAME, KTLSCTL_POLICY_HAS_PEER_NAME,
		   peer_name),
	POLICY_STR(KTLSCTL_A_POLICY_TAG, KTLSCTL_POLICY_HAS_TAG, tag),
	POLICY_STR(KTLSCTL_A_POLICY_CRED, KTLSCTL_POLICY_HAS_CRED, cred),
	POLICY_STR(KTLSCTL_A_POLICY_TRUST, KTLSCTL_POLICY_HAS_TRUST, trust),
	POLICY_STR(KTLSCTL_A_POLICY_PSK, KTLSCTL_POLICY_HAS_PSK, psk),
};

static uint32_t ktlsctl_policy_u32_get(const struct ktlsctl_policy *pol,
				       unsigned int i)
{
	uint32_t v;

	memcpy(&v, (const char *)pol + ktlsctl_policy_u32[i].off, sizeof(v));
	return v;
}

static int ktlsctl_sel_check(struct ktlsctl_sock *sock, const char *what,
			     const struct ktlsctl_addr_sel *a)
{
	if (a->addr_len != 0 && a->addr_len != 4 && a->addr_len != 16) {
		ktlsctl_set_error(sock, "%s: address of %zu bytes", what,
				  a->addr_len);
		return -EINVAL;
	}
	if (a->prefix_len > a->addr_len * 8) {
		ktlsctl_set_error(sock, "%s: prefix length %u, at most %zu",
				  what, a->prefix_len, a->addr_len * 8);
		return -EINVAL;
	}
	if (!a->addr_len && !a->port) {
		ktlsctl_set_error(sock, "%s: neither address nor port", what);
		return -EINVAL;
	}
	return 0;
}

/* What the spec bounds; the module checks the rest (names exist...). */
static int ktlsctl_policy_check(struct ktlsctl_sock *sock,
				const struct ktlsctl_policy *pol)
{
	const struct ktlsctl_attr_desc *d;
	unsigned int i;
	size_t len;
	int err;

	for (i = 0; i < ARRAY_LEN(ktlsctl_policy_u32); i++) {
		if (!(pol->has & ktlsctl_policy_u32[i].has))
			continue;
		d = &ktlsctl_policy_set.attrs[ktlsctl_policy_u32[i].type];
		if (d->enum_desc &&
		    !ktlsctl_enum_name(d->enum_desc,
				       ktlsctl_policy_u32_get(pol, i))) {
			ktlsctl_set_error(sock, "unknown %s value %u", d->name,
					  ktlsctl_policy_u32_get(pol, i));
			return -EINVAL;
		}
	}
	for (i = 0; i < ARRAY_LEN(ktlsctl_policy_str); i++) {
		if (!(pol->has & ktlsctl_policy_str[i].has))
			continue;
		d = &ktlsctl_policy_set.attrs[ktlsctl_policy_str[i].type];
		len = strnlen((const char *)pol + ktlsctl_policy_str[i].off,
			      ktlsctl_policy_str[i].size);
		if (len == ktlsctl_policy_str[i].size ||
		    (d->max_len && len > d->max_len)) {
			ktlsctl_set_error(sock, "%s of more than %u bytes",
					  d->name, d->max_len);
			return -EINVAL;
		}
	}
	if (pol->has & KTLSCTL_POLICY_HAS_SRC) {
		err = ktlsctl_sel_check(sock, "src", &pol->src);
		if (err)
			return err;
	}
	if (pol->has & KTLSCTL_POLICY_HAS_DST) {
		err = ktlsctl_sel_check(sock, "dst", &pol->dst);
		if (err)
			return err;
	}
	if ((pol->has & KTLSCTL_POLICY_HAS_CIPHER) &&
	    (!pol->n_ciphers || pol->n_ciphers > KTLSCTL_POLICY_MAX_CIPHERS)) {
		ktlsctl_set_error(sock, "%u ciphers, 1 to %u", pol->n_ciphers,
				  KTLSCTL_POLICY_MAX_CIPHERS);
		return -EINVAL;
	}
	for (i = 0; i < pol->n_ciphers; i++) {
		if (!(pol->has & KTLSCTL_POLICY_HAS_CIPHER))
			break;
		if (!ktlsctl_enum_name(&ktlsctl_cipher_enum, pol->ciphers[i])) {
			ktlsctl_set_error(sock, "unknown cipher value %u",
					  pol->ciphers[i]);
			return -EINVAL;
		}
	}
	if (pol->has & KTLSCTL_POLICY_HAS_ALPN) {
		if (!pol->n_alpn || pol->n_alpn > KTLSCTL_POLICY_MAX_ALPN) {
			ktlsctl_set_error(sock, "%u ALPN identifiers, 1 to %u",
					  pol->n_alpn, KTLSCTL_POLICY_MAX_ALPN);
			return -EINVAL;
		}
		for (i = 0; i < pol->n_alpn; i++) {
			len = pol->alpn[i].len;
			if (!len || len > KTLSCTL_ALPN_MAX_LEN) {
				ktlsctl_set_error(sock, "ALPN identifier of %zu bytes, 1 to %u",
						  len, KTLSCTL_ALPN_MAX_LEN);
				return -EINVAL;
			}
		}
	}
	return 0;
}

static void ktlsctl_put_sel(struct nlmsghdr *nlh, uint16_t type,
			    const struct ktlsctl_addr_sel *a)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, type);
	if (a->addr_len) {
		mnl_attr_put(nlh, KTLSCTL_A_ADDR_ADDR, a->addr_len, a->addr);
		mnl_attr_put_u8(nlh, KTLSCTL_A_ADDR_PREFIX_LEN, a->prefix_len);
	}
	if (a->port)
		mnl_attr_put_u16(nlh, KTLSCTL_A_ADDR_PORT, htons(a->port));
	mnl_attr_nest_end(nlh, nest);
}

int ktlsctl_policy_add_msg(struct ktlsctl_sock *sock,
			   const struct ktlsctl_policy *pol,
			   struct nlmsghdr **nlhp)
{
	struct nlmsghdr *nlh;
	unsigned int i;
	int err;

	*nlhp = NULL;
	ktlsctl_clear_error(sock);
	err = ktlsctl_policy_check(sock, pol);
	if (err)
		return err;

	nlh = ktlsctl_msg(sock, KTLSCTL_CMD_POLICY_ADD, 0);
	for (i = 0; i < ARRAY_LEN(ktlsctl_policy_u32); i++)
		if (pol->has & ktlsctl_policy_u32[i].has)
			mnl_attr_put_u32(nlh, ktlsctl_policy_u32[i].type,
					 ktlsctl_policy_u32_get(pol, i));
	if (pol->has & KTLSCTL_POLICY_HAS_SRC)
		ktlsctl_put_sel(nlh, KTLSCTL_A_POLICY_SRC, &pol->src);
	if (pol->has & KTLSCTL_POLICY_HAS_DST)
		ktlsctl_put_sel(nlh, KTLSCTL_A_POLICY_DST, &pol->dst);
	for (i = 0; i < ARRAY_LEN(ktlsctl_policy_str); i++)
		if (pol->has & ktlsctl_policy_str[i].has)
			mnl_attr_put_strz(nlh, ktlsctl_policy_str[i].type,
					  (const char *)pol +
					  ktlsctl_policy_str[i].off);
	if (pol->has & KTLSCTL_POLICY_HAS_CIPHER)
		for (i = 0; i < pol->n_ciphers; i++)
			mnl_attr_put_u32(nlh, KTLSCTL_A_POLICY_CIPHER,
					 pol->ciphers[i]);
	if (pol->has & KTLSCTL_POLICY_HAS_ALPN)
		for (i = 0; i < pol->n_alpn; i++)
			mnl_attr_put(nlh, KTLSCTL_A_POLICY_ALPN,
				     pol->alpn[i].len, pol->alpn[i].id);
	*nlhp = nlh;
	return 0;
}

/* The id of a policy-add reply, or of a policy-get entry. */
static int ktlsctl_policy_id(struct ktlsctl_sock *sock,
			     const struct nlattr **tb, uint32_t *id)
{
	if (!tb[KTLSCTL_A_POLICY_ID]) {
		ktlsctl_set_error(sock, "policy without id");
		return -EPROTO;
	}
	*id = mnl_attr_get_u32(tb[KTLSCTL_A_POLICY_ID]);
	return 0;
}

struct ktlsctl_policy_add_ctx {
	struct ktlsctl_sock *sock;
	uint32_t id;
	bool seen;
};

static int ktlsctl_policy_add_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[KTLSCTL_A_POLICY_MAX + 1];
	struct ktlsctl_policy_add_ctx *ctx = data;
	int err;

	err = ktlsctl_parse(ctx->sock, nlh, &ktlsctl_policy_set, tb);
	if (!err)
		err = ktlsctl_policy_id(ctx->sock, tb, &ctx->id);
	if (err)
		return err;
	ctx->seen = true;
	return 0;
}

int ktlsctl_policy_add(struct ktlsctl_sock *sock,
		       const struct ktlsctl_policy *pol, uint32_t *id)
{
	struct ktlsctl_policy_add_ctx ctx = { .sock = sock };
	struct nlmsghdr *nlh;
	int err;

	err = ktlsctl_policy_add_msg(sock, pol, &nlh);
	if (err)
		return err;
	err = ktlsctl_do(sock, nlh, ktlsctl_policy_add_cb, &ctx);
	if (err)
		return err;
	if (!ctx.seen) {
		ktlsctl_set_error(sock, "no policy-add reply");
		return -EPROTO;
	}
	*id = ctx.id;
	return 0;
}

int ktlsctl_policy_del(struct ktlsctl_sock *sock, uint32_t id)
{
	struct nlmsghdr *nlh;

	nlh = ktlsctl_msg(sock, KTLSCTL_CMD_POLICY_DEL, 0);
	mnl_attr_put_u32(nlh, KTLSCTL_A_POLICY_ID, id);
	return ktlsctl_do(sock, nlh, NULL, NULL);
}

int ktlsctl_policy_flush(struct ktlsctl_sock *sock, uint32_t role)
{
	struct nlmsghdr *nlh;

	nlh = ktlsctl_msg(sock, KTLSCTL_CMD_POLICY_FLUSH, 0);
	if (role)
		mnl_attr_put_u32(nlh, KTLSCTL_A_POLICY_ROLE, role);
	return ktlsctl_do(sock, nlh, NULL, NULL);
}

/* The multi-attributes, in order. */
static int ktlsctl_policy_multi(struct ktlsctl_sock *sock,
				const struct nlmsghdr *nlh,
				struct ktlsctl_policy *pol)
{
	const struct nlattr *attr;
	struct ktlsctl_alpn_id *a;
	size_t len;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(attr)) {
		case KTLSCTL_A_POLICY_CIPHER:
			if (pol->n_ciphers == KTLSCTL_POLICY_MAX_CIPHERS) {
				ktlsctl_set_error(sock, "policy with more than %u ciphers",
						  KTLSCTL_POLICY_MAX_CIPHERS);
				return -E2BIG;
			}
			pol->ciphers[pol->n_ciphers++] = mnl_attr_get_u32(attr);
			pol->has |= KTLSCTL_POLICY_HAS_CIPHER;
			break;
		case KTLSCTL_A_POLICY_ALPN:
			if (pol->n_alpn == KTLSCTL_POLICY_MAX_ALPN) {
				ktlsctl_set_error(sock, "policy with more than %u ALPN identifiers",
						  KTLSCTL_POLICY_MAX_ALPN);
				return -E2BIG;
			}
			/* The spec leaves the maximum to the module. */
			len = mnl_attr_get_payload_len(attr);
			if (len > KTLSCTL_ALPN_MAX_LEN) {
				ktlsctl_set_error(sock,
						  "invalid attribute %s.alpn: length %zu, max %u",
						  ktlsctl_policy_set.name, len,
						  KTLSCTL_ALPN_MAX_LEN);
				return -EINVAL;
			}
			a = &pol->alpn[pol->n_alpn++];
			memcpy(a->id, mnl_attr_get_payload(attr), len);
			a->len = len;
			pol->has |= KTLSCTL_POLICY_HAS_ALPN;
			break;
		}
	}
	return 0;
}

int ktlsctl_policy_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
			 struct ktlsctl_policy *pol)
{
	const struct nlattr *tb[KTLSCTL_A_POLICY_MAX + 1];
	const struct nlattr *a;
	unsigned int i;
	uint32_t v;
	int err;

	memset(pol, 0, sizeof(*pol));
	err = ktlsctl_parse(sock, nlh, &ktlsctl_policy_set, tb);
	if (!err)
		err = ktlsctl_policy_id(sock, tb, &pol->id);
	if (err)
		return err;
	pol->has |= KTLSCTL_POLICY_HAS_ID;

	for (i = 0; i < ARRAY_LEN(ktlsctl_policy_u32); i++) {
		a = tb[ktlsctl_policy_u32[i].type];
		if (!a)
			continue;
		v = mnl_attr_get_u32(a);
		memcpy((char *)pol + ktlsctl_policy_u32[i].off, &v, sizeof(v));
		pol->has |= ktlsctl_policy_u32[i].has;
	}
	/* The parse checked the spec's maximum lengths: the copies fit. */
	for (i = 0; i < ARRAY_LEN(ktlsctl_policy_str); i++) {
		a = tb[ktlsctl_policy_str[i].type];
		if (!a)
			continue;
		ktlsctl_attr_strcpy((char *)pol + ktlsctl_policy_str[i].off,
				    ktlsctl_policy_str[i].size, a);
		pol->has |= ktlsctl_policy_str[i].has;
	}
	if (tb[KTLSCTL_A_POLICY_SRC]) {
		err = ktlsctl_addr_parse(sock, tb[KTLSCTL_A_POLICY_SRC],
					 &pol->src);
		if (err)
			return err;
		pol->has |= KTLSCTL_POLICY_HAS_SRC;
	}
	if (tb[KTLSCTL_A_POLICY_DST]) {
		err = ktlsctl_addr_parse(sock, tb[KTLSCTL_A_POLICY_DST],
					 &pol->dst);
		if (err)
			return err;
		pol->has |= KTLSCTL_POLICY_HAS_DST;
	}
	return ktlsctl_policy_multi(sock, nlh, pol);
}

struct ktlsctl_policy_ctx {
	struct ktlsctl_sock *sock;
	ktlsctl_policy_cb cb;
	void *data;
};

static int ktlsctl_policy_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ktlsctl_policy_ctx *ctx = data;
	struct ktlsctl_policy pol;
	int err;

	err = ktlsctl_policy_parse(ctx->sock, nlh, &pol);
	if (err)
		return err;
	return ctx->cb(&pol, ctx->data);
}

int ktlsctl_policy_dump(struct ktlsctl_sock *sock, ktlsctl_policy_cb cb,
			void *data)
{
	struct ktlsctl_policy_ctx ctx = {
		.sock = sock, .cb = cb, .data = data,
	};
	struct nlmsghdr *nlh;

	nlh = ktlsctl_msg(sock, KTLSCTL_CMD_POLICY_GET, 0);
	return ktlsctl_dump(sock, nlh, ktlsctl_policy_dump_cb, &ctx);
}
