// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The handler side of a request: ACCEPT (decode the reply into a struct,
 * copying what the daemon keeps) and DONE (build and send the result).
 *
 * Secrets pass through here in both directions: private keys and PSKs in
 * the credential file whose descriptor the ACCEPT reply carries (read,
 * decoded and closed here), traffic keys in DONE. The file's buffer is
 * zeroed once decoded, the send buffer once DONE is sent, and the copies
 * in struct ktlsctl_accept are zeroed by ktlsctl_accept_release().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "ktlsctl-priv.h"

static void ktlsctl_wipe(void *p, size_t len)
{
	if (p && len)
		explicit_bzero(p, len);
}

static void ktlsctl_blob_free(struct ktlsctl_blob *b)
{
	ktlsctl_wipe(b->data, b->len);
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

static int ktlsctl_blob_set(struct ktlsctl_blob *b, const struct nlattr *attr)
{
	size_t len = mnl_attr_get_payload_len(attr);

	ktlsctl_blob_free(b);
	b->data = malloc(len ? len : 1);
	if (!b->data)
		return -ENOMEM;
	memcpy(b->data, mnl_attr_get_payload(attr), len);
	b->len = len;
	return 0;
}

void ktlsctl_accept_release(struct ktlsctl_accept *acc)
{
	unsigned int i;

	for (i = 0; i < KTLSCTL_ACCEPT_MAX_CREDS; i++) {
		struct ktlsctl_handed_cred *c = &acc->creds[i];

		ktlsctl_blob_free(&c->cert);
		ktlsctl_blob_free(&c->key);
		ktlsctl_blob_free(&c->psk_identity);
		ktlsctl_blob_free(&c->psk_secret);
		ktlsctl_blob_free(&c->ca);
		ktlsctl_blob_free(&c->crl);
		c->psk_hash = 0;
	}
	ktlsctl_blob_free(&acc->alpn);
	acc->n_creds = 0;
}

static int ktlsctl_accept_cred(struct ktlsctl_sock *sock,
			       const struct nlattr *nest,
			       struct ktlsctl_handed_cred *c)
{
	const struct nlattr *tb[KTLSCTL_A_CRED_MAX + 1];
	static const struct {
		unsigned int type;
		size_t off;
	} blobs[] = {
		{ KTLSCTL_A_CRED_CERT,
		  offsetof(struct ktlsctl_handed_cred, cert) },
		{ KTLSCTL_A_CRED_KEY,
		  offsetof(struct ktlsctl_handed_cred, key) },
		{ KTLSCTL_A_CRED_PSK_IDENTITY,
		  offsetof(struct ktlsctl_handed_cred, psk_identity) },
		{ KTLSCTL_A_CRED_PSK_SECRET,
		  offsetof(struct ktlsctl_handed_cred, psk_secret) },
		{ KTLSCTL_A_CRED_CA,
		  offsetof(struct ktlsctl_handed_cred, ca) },
		{ KTLSCTL_A_CRED_CRL,
		  offsetof(struct ktlsctl_handed_cred, crl) },
	};
	unsigned int i;
	int err;

	err = ktlsctl_parse_nested(sock, nest, &ktlsctl_cred_set, tb);
	if (err)
		return err;
	if (tb[KTLSCTL_A_CRED_NAME])
		ktlsctl_attr_strcpy(c->name, sizeof(c->name),
				    tb[KTLSCTL_A_CRED_NAME]);
	if (tb[KTLSCTL_A_CRED_TYPE])
		c->type = mnl_attr_get_u32(tb[KTLSCTL_A_CRED_TYPE]);
	if (tb[KTLSCTL_A_CRED_PSK_HASH])
		c->psk_hash = mnl_attr_get_u32(tb[KTLSCTL_A_CRED_PSK_HASH]);
	for (i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++) {
		if (!tb[blobs[i].type])
			continue;
		err = ktlsctl_blob_set((struct ktlsctl_blob *)
				       ((char *)c + blobs[i].off),
				       tb[blobs[i].type]);
		if (err)
			return err;
	}
	return 0;
}

/* Appends one ALPN identifier to the wire-format list. */
static int ktlsctl_accept_alpn(struct ktlsctl_accept *acc,
			       const struct nlattr *attr)
{
	size_t len = mnl_attr_get_payload_len(attr);
	unsigned char *p;

	if (!len || len > KTLSCTL_ALPN_MAX_LEN)
		return -EINVAL;
	p = realloc(acc->alpn.data, acc->alpn.len + 1 + len);
	if (!p)
		return -ENOMEM;
	p[acc->alpn.len] = (unsigned char)len;
	memcpy(p + acc->alpn.len + 1, mnl_attr_get_payload(attr), len);
	acc->alpn.data = p;
	acc->alpn.len += 1 + len;
	return 0;
}

static int ktlsctl_accept_creds(struct ktlsctl_sock *sock,
				struct ktlsctl_accept *acc,
				const unsigned char *buf, size_t len)
{
	const struct nlattr *attr;
	size_t used = 0;
	int err;

	mnl_attr_for_each_payload((const void *)buf, len) {
		used = (const unsigned char *)attr - buf +
		       MNL_ALIGN(attr->nla_len);
		if (mnl_attr_get_type(attr) != KTLSCTL_A_REQUEST_CRED) {
			ktlsctl_set_error(sock, "credential file: record %u",
					  mnl_attr_get_type(attr));
			return -EPROTO;
		}
		if (acc->n_creds == KTLSCTL_ACCEPT_MAX_CREDS) {
			ktlsctl_set_error(sock, "more than %u credentials",
					  KTLSCTL_ACCEPT_MAX_CREDS);
			return -E2BIG;
		}
		err = ktlsctl_accept_cred(sock, attr,
					  &acc->creds[acc->n_creds++]);
		if (err)
			return err;
	}
	if (used < len) {
		ktlsctl_set_error(sock, "credential file truncated");
		return -EPROTO;
	}
	return 0;
}

/* Moves @len bytes to a new buffer of @size, wiping the old one. */
static unsigned char *ktlsctl_grow(unsigned char *old, size_t len,
				   size_t size)
{
	unsigned char *p = malloc(size);

	if (p && len)
		memcpy(p, old, len);
	ktlsctl_wipe(old, len);
	free(old);
	return p;
}

static int ktlsctl_credfile_too_big(struct ktlsctl_sock *sock)
{
	ktlsctl_set_error(sock, "credential file over %u bytes",
			  KTLSCTL_CREDFILE_MAX);
	return -EFBIG;
}

/*
 * Reads the credential file handed out with a request and decodes it into
 * @acc->creds: @len bytes when the reply gave its length (@len_known), no
 * read past them; else to its end. The buffer is zeroed before it is freed.
 */
static int ktlsctl_accept_credfile(struct ktlsctl_sock *sock, int fd,
				   struct ktlsctl_accept *acc,
				   bool len_known, size_t want)
{
	size_t len = 0, size = 0;
	unsigned char *buf = NULL;
	ssize_t n;
	int err;

	if (len_known && want > KTLSCTL_CREDFILE_MAX)
		return ktlsctl_credfile_too_big(sock);
	for (;;) {
		if (len_known && len == want)
			break;
		if (len == size) {
			if (size >= KTLSCTL_CREDFILE_MAX) {
				err = ktlsctl_credfile_too_big(sock);
				goto out;
			}
			size = len_known ? want : size ? 2 * size : 16384;
			buf = ktlsctl_grow(buf, len, size);
			if (!buf) {
				len = 0;
				err = -ENOMEM;
				goto out;
			}
		}
		n = read(fd, buf + len, size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			ktlsctl_set_error(sock, "reading the credential file: %s",
					  strerror(errno));
			goto out;
		}
		if (!n)
			break;
		len += (size_t)n;
	}
	if (len_known && len < want) {
		ktlsctl_set_error(sock, "credential file of %zu bytes, %zu announced",
				  len, want);
		err = -EPROTO;
		goto out;
	}
	err = ktlsctl_accept_creds(sock, acc, buf, len);
out:
	ktlsctl_wipe(buf, len);
	free(buf);
	return err;
}

static int ktlsctl_accept_decode(struct ktlsctl_sock *sock,
				 const struct nlmsghdr *nlh,
				 struct ktlsctl_accept *acc, int credfd)
{
	const struct nlattr *tb[KTLSCTL_A_REQUEST_MAX + 1];
	const struct nlattr *attr;
	int err;

	err = ktlsctl_parse(sock, nlh, &ktlsctl_request_set, tb);
	if (err)
		return err;
	if (!tb[KTLSCTL_A_REQUEST_ID] || !tb[KTLSCTL_A_REQUEST_SOCKFD]) {
		ktlsctl_set_error(sock, "accept reply without id or sockfd");
		return -EPROTO;
	}
	if (tb[KTLSCTL_A_REQUEST_HANDLER])
		acc->handler = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_HANDLER]);
	if (tb[KTLSCTL_A_REQUEST_HANDLER_VERSION])
		acc->handler_version =
			mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_HANDLER_VERSION]);
	if (tb[KTLSCTL_A_REQUEST_ROLE])
		acc->role = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_ROLE]);
	if (tb[KTLSCTL_A_REQUEST_AUTH])
		acc->auth = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_AUTH]);
	if (tb[KTLSCTL_A_REQUEST_TIMEOUT_MS])
		acc->timeout_ms =
			mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_TIMEOUT_MS]);
	if (tb[KTLSCTL_A_REQUEST_PEER_NAME])
		ktlsctl_attr_strcpy(acc->peer_name, sizeof(acc->peer_name),
				    tb[KTLSCTL_A_REQUEST_PEER_NAME]);
	if (tb[KTLSCTL_A_REQUEST_TLS_MIN])
		acc->tls_min = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_TLS_MIN]);
	if (tb[KTLSCTL_A_REQUEST_TLS_MAX])
		acc->tls_max = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_TLS_MAX]);
	if (tb[KTLSCTL_A_REQUEST_POLICY_ID])
		acc->policy_id =
			mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_POLICY_ID]);
	if (tb[KTLSCTL_A_REQUEST_OFFLOAD])
		acc->offload = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_OFFLOAD]);
	if (tb[KTLSCTL_A_REQUEST_BACKLOG])
		acc->backlog = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_BACKLOG]);
	if (tb[KTLSCTL_A_REQUEST_TAG])
		ktlsctl_attr_strcpy(acc->tag, sizeof(acc->tag),
				    tb[KTLSCTL_A_REQUEST_TAG]);
	if (tb[KTLSCTL_A_REQUEST_LOCAL]) {
		err = ktlsctl_addr_parse(sock, tb[KTLSCTL_A_REQUEST_LOCAL],
					 &acc->local);
		if (err)
			return err;
	}
	if (tb[KTLSCTL_A_REQUEST_REMOTE]) {
		err = ktlsctl_addr_parse(sock, tb[KTLSCTL_A_REQUEST_REMOTE],
					 &acc->remote);
		if (err)
			return err;
	}

	/* Multi-attributes, in order. */
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(attr)) {
		case KTLSCTL_A_REQUEST_CIPHER:
			if (acc->n_ciphers == KTLSCTL_ACCEPT_MAX_CIPHERS)
				break;
			acc->ciphers[acc->n_ciphers++] = mnl_attr_get_u32(attr);
			break;
		case KTLSCTL_A_REQUEST_ALPN:
			err = ktlsctl_accept_alpn(acc, attr);
			if (err) {
				ktlsctl_set_error(sock, "bad ALPN list");
				return err;
			}
			break;
		}
	}
	if (credfd < 0)
		return 0;
	attr = tb[KTLSCTL_A_REQUEST_CRED_LEN];
	return ktlsctl_accept_credfile(sock, credfd, acc, attr,
				       attr ? mnl_attr_get_u32(attr) : 0);
}

int ktlsctl_accept_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
			 struct ktlsctl_accept *acc)
{
	const struct nlattr *attr;
	int credfd = -1, err;

	memset(acc, 0, sizeof(*acc));
	acc->sockfd = -1;
	acc->backlog = KTLSCTL_BACKLOG_UNKNOWN;

	/*
	 * The id and the fds first, whatever else the reply holds: a socket
	 * in our table must be answered and closed even when the rest is
	 * bad, and the credential file is closed here on every path.
	 */
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_payload_len(attr) != 4)
			continue;
		switch (mnl_attr_get_type(attr)) {
		case KTLSCTL_A_REQUEST_SOCKFD:
			acc->sockfd = (int32_t)mnl_attr_get_u32(attr);
			break;
		case KTLSCTL_A_REQUEST_CRED_FD:
			credfd = (int32_t)mnl_attr_get_u32(attr);
			break;
		case KTLSCTL_A_REQUEST_ID:
			acc->id = mnl_attr_get_u32(attr);
			break;
		}
	}

	err = ktlsctl_accept_decode(sock, nlh, acc, credfd);
	if (credfd >= 0)
		close(credfd);
	return err;
}

struct ktlsctl_accept_ctx {
	struct ktlsctl_sock *sock;
	struct ktlsctl_accept *acc;
	bool seen;
	int err;
};

static int ktlsctl_accept_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ktlsctl_accept_ctx *ctx = data;
	int err;

	if (ctx->seen)
		return 0;
	ctx->seen = true;
	err = ktlsctl_accept_parse(ctx->sock, nlh, ctx->acc);
	/* Keep going to the ack; report the decoding error afterwards. */
	ctx->err = err;
	return 0;
}

int ktlsctl_accept(struct ktlsctl_sock *sock, uint32_t handler,
		   struct ktlsctl_accept *acc)
{
	struct ktlsctl_accept_ctx ctx = { .sock = sock, .acc = acc };
	struct nlmsghdr *nlh;
	int err;

	memset(acc, 0, sizeof(*acc));
	acc->sockfd = -1;
	nlh = ktlsctl_msg(sock, KTLSCTL_CMD_ACCEPT, 0);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_HANDLER, handler);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_HANDLER_VERSION,
			 KTLSCTL_HANDLER_VERSION);
	err = ktlsctl_do_reply(sock, nlh, ktlsctl_accept_cb, &ctx);
	if (!err && ctx.err)
		err = ctx.err;
	if (!err && !ctx.seen) {
		ktlsctl_set_error(sock, "no accept reply");
		err = -EPROTO;
	}
	return err;
}

static void ktlsctl_put_crypto(struct nlmsghdr *nlh, uint16_t type,
			       const struct ktlsctl_crypto *c)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, type);
	mnl_attr_put(nlh, KTLSCTL_A_CRYPTO_KEY, c->key_len, c->key);
	mnl_attr_put(nlh, KTLSCTL_A_CRYPTO_IV, c->iv_len, c->iv);
	mnl_attr_put_u64(nlh, KTLSCTL_A_CRYPTO_REC_SEQ, c->rec_seq);
	mnl_attr_nest_end(nlh, nest);
}

struct nlmsghdr *ktlsctl_done_msg(struct ktlsctl_sock *sock,
				  const struct ktlsctl_done *d)
{
	struct nlmsghdr *nlh;

	nlh = ktlsctl_msg(sock, KTLSCTL_CMD_DONE, 0);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ID, d->id);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_SOCKFD, (uint32_t)d->sockfd);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_STATUS, d->status);
	if (d->status)
		return nlh;
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_VERSION, d->version);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_CIPHER, d->cipher);
	ktlsctl_put_crypto(nlh, KTLSCTL_A_REQUEST_TX, &d->tx);
	ktlsctl_put_crypto(nlh, KTLSCTL_A_REQUEST_RX, &d->rx);
	if (d->peer_identity && d->peer_identity[0]) {
		char ident[KTLSCTL_PEER_NAME_MAX_LEN + 1];

		snprintf(ident, sizeof(ident), "%s", d->peer_identity);
		mnl_attr_put_strz(nlh, KTLSCTL_A_REQUEST_PEER_IDENTITY, ident);
	}
	if (d->alpn && d->alpn_len)
		mnl_attr_put(nlh, KTLSCTL_A_REQUEST_ALPN, d->alpn_len, d->alpn);
	return nlh;
}

int ktlsctl_done(struct ktlsctl_sock *sock, const struct ktlsctl_done *d)
{
	struct nlmsghdr *nlh;
	int err;

	nlh = ktlsctl_done_msg(sock, d);
	err = ktlsctl_do(sock, nlh, NULL, NULL);
	ktlsctl_wipe(sock->tx, nlh->nlmsg_len);
	return err;
}
