// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The credential store: cred-add (which carries a private key or a PSK,
 * so its message is zeroed once sent), cred-del, and the cred-get listing,
 * which never carries a secret.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "ktlsctl-priv.h"

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

static int ktlsctl_cred_name_check(struct ktlsctl_sock *sock,
				   const char *name)
{
	size_t len = name ? strlen(name) : 0;

	if (!len) {
		ktlsctl_set_error(sock, "credential without a name");
		return -EINVAL;
	}
	if (len > KTLSCTL_NAME_MAX_LEN) {
		ktlsctl_set_error(sock, "credential name of %zu bytes, at most %u",
				  len, KTLSCTL_NAME_MAX_LEN);
		return -EINVAL;
	}
	return 0;
}

static int ktlsctl_cred_type_check(struct ktlsctl_sock *sock, uint32_t type)
{
	if (ktlsctl_enum_name(&ktlsctl_cred_type_enum, type))
		return 0;
	ktlsctl_set_error(sock, "unknown credential type %u", type);
	return -EINVAL;
}

/* What each type needs, and the bounds of every part. */
static int ktlsctl_cred_check(struct ktlsctl_sock *sock,
			      const struct ktlsctl_cred *c)
{
	const struct {
		const char *what;
		const void *data;
		size_t len, min, max;
	} parts[] = {
		{ "cert", c->cert, c->cert_len, 0, KTLSCTL_BLOB_MAX_LEN },
		{ "key", c->key, c->key_len, 0, KTLSCTL_BLOB_MAX_LEN },
		{ "ca", c->ca, c->ca_len, 0, KTLSCTL_BLOB_MAX_LEN },
		{ "crl", c->crl, c->crl_len, 0, KTLSCTL_BLOB_MAX_LEN },
		{ "psk identity", c->psk_identity, c->psk_identity_len, 1,
		  KTLSCTL_PSK_IDENTITY_MAX_LEN },
		{ "psk secret", c->psk_secret, c->psk_secret_len,
		  KTLSCTL_PSK_SECRET_MIN_LEN, KTLSCTL_PSK_SECRET_MAX_LEN },
	};
	unsigned int i;
	int err;

	err = ktlsctl_cred_name_check(sock, c->name);
	if (!err)
		err = ktlsctl_cred_type_check(sock, c->type);
	if (err)
		return err;
	for (i = 0; i < ARRAY_LEN(parts); i++) {
		if (!parts[i].data || !parts[i].len)
			continue;
		if (parts[i].len > parts[i].max) {
			ktlsctl_set_error(sock, "%s of %zu bytes, at most %zu",
					  parts[i].what, parts[i].len,
					  parts[i].max);
			return -EMSGSIZE;
		}
		if (parts[i].len < parts[i].min) {
			ktlsctl_set_error(sock, "%s of %zu bytes, at least %zu",
					  parts[i].what, parts[i].len,
					  parts[i].min);
			return -EINVAL;
		}
	}
	for (i = 0; i < KTLSCTL_CRED_NUM_PATHS; i++) {
		if (c->path[i] && strlen(c->path[i]) > KTLSCTL_PATH_MAX_LEN) {
			ktlsctl_set_error(sock, "file name longer than %u bytes",
					  KTLSCTL_PATH_MAX_LEN);
			return -ENAMETOOLONG;
		}
	}
	if (c->psk_hash &&
	    !ktlsctl_enum_name(&ktlsctl_psk_hash_enum, c->psk_hash)) {
		ktlsctl_set_error(sock, "unknown psk hash %u", c->psk_hash);
		return -EINVAL;
	}

	switch (c->type) {
	case KTLSCTL_CRED_TYPE_CERT:
		if (!c->cert_len || !c->key_len || !c->cert || !c->key) {
			ktlsctl_set_error(sock,
					  "a cert credential needs a certificate and its key");
			return -EINVAL;
		}
		break;
	case KTLSCTL_CRED_TYPE_PSK:
		if (!c->psk_identity_len || !c->psk_secret_len ||
		    !c->psk_identity || !c->psk_secret) {
			ktlsctl_set_error(sock,
					  "a psk credential needs an identity and a secret");
			return -EINVAL;
		}
		break;
	case KTLSCTL_CRED_TYPE_TRUST:
		if (!c->ca_len || !c->ca) {
			ktlsctl_set_error(sock,
					  "a trust credential needs CA certificates");
			return -EINVAL;
		}
		break;
	}
	return 0;
}

const uint16_t ktlsctl_cred_path_attr[KTLSCTL_CRED_NUM_PATHS] = {
	[KTLSCTL_CRED_PATH_CERT] = KTLSCTL_A_CRED_CERT_PATH,
	[KTLSCTL_CRED_PATH_KEY] = KTLSCTL_A_CRED_KEY_PATH,
	[KTLSCTL_CRED_PATH_CA] = KTLSCTL_A_CRED_CA_PATH,
	[KTLSCTL_CRED_PATH_CRL] = KTLSCTL_A_CRED_CRL_PATH,
	[KTLSCTL_CRED_PATH_PSK_SECRET] = KTLSCTL_A_CRED_PSK_SECRET_PATH,
};

static void ktlsctl_put_blob(struct nlmsghdr *nlh, uint16_t type,
			     const void *data, size_t len)
{
	if (data && len)
		mnl_attr_put(nlh, type, len, data);
}

int ktlsctl_cred_add_msg(struct ktlsctl_sock *sock,
			 const struct ktlsctl_cred *c, struct nlmsghdr **nlhp)
{
	struct nlmsghdr *nlh;
	unsigned int i;
	int err;

	*nlhp = NULL;
	ktlsctl_clear_error(sock);
	err = ktlsctl_cred_check(sock, c);
	if (err)
		return err;

	/* At most 4 blobs of 60000 bytes and a few small ones: it fits. */
	nlh = ktlsctl_msg(sock, KTLSCTL_CMD_CRED_ADD, 0);
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, c->name);
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_TYPE, c->type);
	ktlsctl_put_blob(nlh, KTLSCTL_A_CRED_CERT, c->cert, c->cert_len);
	ktlsctl_put_blob(nlh, KTLSCTL_A_CRED_KEY, c->key, c->key_len);
	ktlsctl_put_blob(nlh, KTLSCTL_A_CRED_PSK_IDENTITY, c->psk_identity,
			 c->psk_identity_len);
	ktlsctl_put_blob(nlh, KTLSCTL_A_CRED_PSK_SECRET, c->psk_secret,
			 c->psk_secret_len);
	if (c->psk_hash)
		mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_PSK_HASH, c->psk_hash);
	ktlsctl_put_blob(nlh, KTLSCTL_A_CRED_CA, c->ca, c->ca_len);
	ktlsctl_put_blob(nlh, KTLSCTL_A_CRED_CRL, c->crl, c->crl_len);
	for (i = 0; i < KTLSCTL_CRED_NUM_PATHS; i++)
		if (c->path[i] && *c->path[i])
			mnl_attr_put_strz(nlh, ktlsctl_cred_path_attr[i],
					  c->path[i]);
	*nlhp = nlh;
	return 0;
}

int ktlsctl_cred_add(struct ktlsctl_sock *sock, const struct ktlsctl_cred *c)
{
	struct nlmsghdr *nlh;
	size_t len;
	int err;

	err = ktlsctl_cred_add_msg(sock, c, &nlh);
	if (err)
		return err;
	len = nlh->nlmsg_len;
	err = ktlsctl_do(sock, nlh, NULL, NULL);
	/* The key or the PSK was in there: on every path. */
	explicit_bzero(sock->tx, len);
	/*
	 * An error echoes the request unless NETLINK_CAP_ACK took (sock.c
	 * asks for it and goes on without): no copy in the receive buffer.
	 */
	if (sock->rx.data)
		explicit_bzero(sock->rx.data, sock->rx.size);
	return err;
}

static struct nlmsghdr *ktlsctl_cred_msg(struct ktlsctl_sock *sock,
					 uint8_t cmd, uint32_t type,
					 const char *name)
{
	struct nlmsghdr *nlh;

	nlh = ktlsctl_msg(sock, cmd, 0);
	if (name)
		mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, name);
	if (type)
		mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_TYPE, type);
	return nlh;
}

int ktlsctl_cred_del(struct ktlsctl_sock *sock, uint32_t type,
		     const char *name)
{
	struct nlmsghdr *nlh;
	int err;

	ktlsctl_clear_error(sock);
	err = ktlsctl_cred_name_check(sock, name);
	if (!err)
		err = ktlsctl_cred_type_check(sock, type);
	if (err)
		return err;
	nlh = ktlsctl_cred_msg(sock, KTLSCTL_CMD_CRED_DEL, type, name);
	return ktlsctl_do(sock, nlh, NULL, NULL);
}

/* As the daemon reports a PSK peer: itself when printable, else hex. */
static void ktlsctl_identity_str(struct ktlsctl_cred_entry *e)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *id = e->psk_identity;
	size_t i, len = e->psk_identity_len;

	for (i = 0; i < len && id[i] >= 0x20 && id[i] < 0x7f; i++)
		;
	if (i == len) {
		memcpy(e->psk_identity_str, id, len);
		e->psk_identity_str[len] = '\0';
		return;
	}
	for (i = 0; i < len; i++) {
		e->psk_identity_str[2 * i] = hex[id[i] >> 4];
		e->psk_identity_str[2 * i + 1] = hex[id[i] & 0xf];
	}
	e->psk_identity_str[2 * len] = '\0';
}

int ktlsctl_cred_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
		       struct ktlsctl_cred_entry *e)
{
	const struct nlattr *tb[KTLSCTL_A_CRED_MAX + 1];
	const struct nlattr *attr;
	unsigned int i;
	size_t len;
	int err;

	memset(e, 0, sizeof(*e));
	err = ktlsctl_parse(sock, nlh, &ktlsctl_cred_set, tb);
	if (err)
		return err;
	if (!tb[KTLSCTL_A_CRED_NAME]) {
		ktlsctl_set_error(sock, "credential without a name");
		return -EPROTO;
	}
	ktlsctl_attr_strcpy(e->name, sizeof(e->name), tb[KTLSCTL_A_CRED_NAME]);
	if (tb[KTLSCTL_A_CRED_TYPE]) {
		e->type = mnl_attr_get_u32(tb[KTLSCTL_A_CRED_TYPE]);
		e->has |= KTLSCTL_CRED_HAS_TYPE;
	}
	attr = tb[KTLSCTL_A_CRED_PSK_IDENTITY];
	if (attr) {
		/* The spec leaves the maximum to the module. */
		len = mnl_attr_get_payload_len(attr);
		if (len > sizeof(e->psk_identity)) {
			ktlsctl_set_error(sock,
					  "invalid attribute %s.psk-identity: length %zu, max %zu",
					  ktlsctl_cred_set.name, len,
					  sizeof(e->psk_identity));
			return -EINVAL;
		}
		memcpy(e->psk_identity, mnl_attr_get_payload(attr), len);
		e->psk_identity_len = len;
		ktlsctl_identity_str(e);
		e->has |= KTLSCTL_CRED_HAS_PSK_IDENTITY;
	}
	if (tb[KTLSCTL_A_CRED_PSK_HASH]) {
		e->psk_hash = mnl_attr_get_u32(tb[KTLSCTL_A_CRED_PSK_HASH]);
		e->has |= KTLSCTL_CRED_HAS_PSK_HASH;
	}
	if (tb[KTLSCTL_A_CRED_SUBJECT]) {
		ktlsctl_attr_strcpy(e->subject, sizeof(e->subject),
				    tb[KTLSCTL_A_CRED_SUBJECT]);
		e->has |= KTLSCTL_CRED_HAS_SUBJECT;
	}
	if (tb[KTLSCTL_A_CRED_NOT_AFTER]) {
		e->not_after = mnl_attr_get_u64(tb[KTLSCTL_A_CRED_NOT_AFTER]);
		e->has |= KTLSCTL_CRED_HAS_NOT_AFTER;
	}
	if (tb[KTLSCTL_A_CRED_FINGERPRINT]) {
		/* Exactly 32 bytes: checked by the parse. */
		memcpy(e->fingerprint,
		       mnl_attr_get_payload(tb[KTLSCTL_A_CRED_FINGERPRINT]),
		       sizeof(e->fingerprint));
		e->has |= KTLSCTL_CRED_HAS_FINGERPRINT;
	}
	for (i = 0; i < KTLSCTL_CRED_NUM_PATHS; i++)
		if (tb[ktlsctl_cred_path_attr[i]])
			ktlsctl_attr_strcpy(e->path[i], sizeof(e->path[i]),
					    tb[ktlsctl_cred_path_attr[i]]);

	/* Multi-attribute, in order; every instance checked by the parse. */
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != KTLSCTL_A_CRED_SAN)
			continue;
		if (e->n_sans == KTLSCTL_CRED_MAX_SANS)
			break;
		ktlsctl_attr_strcpy(e->sans[e->n_sans++], KTLSCTL_CRED_SAN_LEN,
				    attr);
	}
	return 0;
}

struct ktlsctl_cred_ctx {
	struct ktlsctl_sock *sock;
	ktlsctl_cred_cb cb;
	void *data;
};

static int ktlsctl_cred_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ktlsctl_cred_ctx *ctx = data;
	struct ktlsctl_cred_entry e;
	int err;

	err = ktlsctl_cred_parse(ctx->sock, nlh, &e);
	if (err)
		return err;
	return ctx->cb(&e, ctx->data);
}

int ktlsctl_cred_dump(struct ktlsctl_sock *sock, uint32_t type,
		      const char *name, ktlsctl_cred_cb cb, void *data)
{
	struct ktlsctl_cred_ctx ctx = {
		.sock = sock, .cb = cb, .data = data,
	};
	struct nlmsghdr *nlh;
	int err;

	ktlsctl_clear_error(sock);
	if (name) {
		err = ktlsctl_cred_name_check(sock, name);
		if (err)
			return err;
	}
	if (type) {
		err = ktlsctl_cred_type_check(sock, type);
		if (err)
			return err;
	}
	nlh = ktlsctl_cred_msg(sock, KTLSCTL_CMD_CRED_GET, type, name);
	return ktlsctl_dump(sock, nlh, ktlsctl_cred_dump_cb, &ctx);
}
