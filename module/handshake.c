// SPDX-License-Identifier: GPL-2.0
/*
 * The consumer API (include/ktlsctl/handshake.h): validate what a kernel
 * consumer asks for, copy it into a request and queue it.
 *
 * Refusals, with no callback to follow:
 *  -EINVAL      malformed arguments (NULL socket or callback, unknown enum
 *               value, anonymous server, tls_min > tls_max, a length over
 *               the spec's maximum, a credential missing its parts, ...)
 *  -ENOENT      a credential named (without its contents) is not in the
 *               namespace's store
 *  -ENOTSOCK    the socket has no file (see sock_alloc_file())
 *  -EPROTONOSUPPORT  not a TCP socket over IPv4 or IPv6
 *  -ENOTCONN    the socket is not established
 *  -EOPNOTSUPP  a reserved handler (DTLS, QUIC)
 *  -EBUSY       the socket already has a request whose callback has not run
 *  -EAGAIN      the namespace's queue is full (counted as "rejected")
 *  -ENETDOWN    the namespace is going away
 *  -ENOMEM
 * ktlsctl_client_hello() and ktlsctl_server_hello() may sleep; cancel may
 * be called from any context.
 */
#include <linux/file.h>
#include <linux/in.h>
#include <linux/module.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "ktlsctl-priv.h"
#include "trace.h"

static int ktlsctl_check_sock(const struct socket *sock)
{
	const struct sock *sk;

	if (!sock || !sock->sk)
		return -EINVAL;
	if (!sock->file)
		return -ENOTSOCK;
	sk = sock->sk;
	if (sk->sk_type != SOCK_STREAM || sk->sk_protocol != IPPROTO_TCP ||
	    (sk->sk_family != AF_INET && sk->sk_family != AF_INET6))
		return -EPROTONOSUPPORT;
	if (READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
		return -ENOTCONN;
	return 0;
}

/* An optional NUL-terminated string of at most @max bytes. */
static bool ktlsctl_str_ok(const char *s, size_t max)
{
	return !s || strnlen(s, max + 1) <= max;
}

static bool ktlsctl_blob_ok(const void *p, size_t len, size_t min, size_t max)
{
	if (!len)
		return true;
	return p && len >= min && len <= max;
}

static int ktlsctl_check_cred(const struct ktlsctl_cred *c)
{
	bool named = c->name;

	if (named && (!*c->name || !ktlsctl_str_ok(c->name, KTLSCTL_NAME_MAX_LEN)))
		return -EINVAL;
	if (!ktlsctl_blob_ok(c->cert, c->cert_len, 1, KTLSCTL_BLOB_MAX_LEN) ||
	    !ktlsctl_blob_ok(c->key, c->key_len, 1, KTLSCTL_BLOB_MAX_LEN) ||
	    !ktlsctl_blob_ok(c->ca, c->ca_len, 1, KTLSCTL_BLOB_MAX_LEN) ||
	    !ktlsctl_blob_ok(c->psk_identity, c->psk_identity_len, 1,
			     KTLSCTL_PSK_IDENTITY_MAX_LEN) ||
	    !ktlsctl_blob_ok(c->psk_secret, c->psk_secret_len, 16,
			     KTLSCTL_PSK_SECRET_MAX_LEN))
		return -EINVAL;

	switch (c->type) {
	case KTLSCTL_CRED_TYPE_CERT:
		if (!named && (!c->cert_len || !c->key_len))
			return -EINVAL;
		return 0;
	case KTLSCTL_CRED_TYPE_PSK:
		if (c->psk_hash > KTLSCTL_PSK_HASH_SHA384)
			return -EINVAL;
		if (!named && (!c->psk_identity_len || !c->psk_secret_len))
			return -EINVAL;
		return 0;
	case KTLSCTL_CRED_TYPE_TRUST:
		if (!named && !c->ca_len)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

static int ktlsctl_check_args(const struct ktlsctl_handshake_args *args,
			      u32 role)
{
	unsigned int i, j;
	int err;

	if (!args || !args->done)
		return -EINVAL;
	err = ktlsctl_check_sock(args->sock);
	if (err)
		return err;

	switch (args->handler) {
	case 0:
	case KTLSCTL_HANDLER_TLS:
		break;
	case KTLSCTL_HANDLER_DTLS:
	case KTLSCTL_HANDLER_QUIC:
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}

	switch (args->auth) {
	case 0:
		break;
	case KTLSCTL_AUTH_ANON:
		if (role != KTLSCTL_ROLE_CLIENT)
			return -EINVAL;
		break;
	case KTLSCTL_AUTH_X509:
	case KTLSCTL_AUTH_PSK:
		break;
	default:
		return -EINVAL;
	}

	if (!ktlsctl_str_ok(args->peer_name, KTLSCTL_PEER_NAME_MAX_LEN) ||
	    !ktlsctl_str_ok(args->tag, KTLSCTL_NAME_MAX_LEN))
		return -EINVAL;

	if ((args->tls_min && args->tls_min != KTLSCTL_TLS_VERSION_TLS12 &&
	     args->tls_min != KTLSCTL_TLS_VERSION_TLS13) ||
	    (args->tls_max && args->tls_max != KTLSCTL_TLS_VERSION_TLS12 &&
	     args->tls_max != KTLSCTL_TLS_VERSION_TLS13) ||
	    (args->tls_min ?: KTLSCTL_TLS_VERSION_TLS12) >
	    (args->tls_max ?: KTLSCTL_TLS_VERSION_TLS13))
		return -EINVAL;

	if (args->num_ciphers > KTLSCTL_MAX_CIPHERS ||
	    (args->num_ciphers && !args->ciphers))
		return -EINVAL;
	for (i = 0; i < args->num_ciphers; i++) {
		if (args->ciphers[i] < KTLSCTL_CIPHER_AES_128_GCM ||
		    args->ciphers[i] > KTLSCTL_CIPHER_AES_128_CCM)
			return -EINVAL;
		for (j = 0; j < i; j++)
			if (args->ciphers[j] == args->ciphers[i])
				return -EINVAL;
	}

	if (args->num_alpn > KTLSCTL_MAX_ALPN ||
	    (args->num_alpn && !args->alpn))
		return -EINVAL;
	for (i = 0; i < args->num_alpn; i++)
		if (!args->alpn[i] || !args->alpn[i][0] ||
		    !ktlsctl_str_ok(args->alpn[i], KTLSCTL_ALPN_MAX_LEN))
			return -EINVAL;

	if (args->offload > KTLSCTL_OFFLOAD_REQUIRE)
		return -EINVAL;

	if (args->num_creds > KTLSCTL_MAX_CREDS ||
	    (args->num_creds && !args->creds))
		return -EINVAL;
	for (i = 0; i < args->num_creds; i++) {
		err = ktlsctl_check_cred(&args->creds[i]);
		if (err)
			return err;
	}
	return 0;
}

static int ktlsctl_dup_blob(u8 **dst, size_t *dst_len, const void *src,
			    size_t len)
{
	if (!len)
		return 0;
	*dst = kmemdup(src, len, GFP_KERNEL);
	if (!*dst)
		return -ENOMEM;
	*dst_len = len;
	return 0;
}

static int ktlsctl_copy_cred(struct ktlsctl_req_cred *dst,
			     const struct ktlsctl_cred *c)
{
	dst->type = c->type;
	if (c->type == KTLSCTL_CRED_TYPE_PSK)
		dst->psk_hash = c->psk_hash ?: KTLSCTL_PSK_HASH_SHA256;
	if (c->name) {
		dst->name = kstrdup(c->name, GFP_KERNEL);
		if (!dst->name)
			return -ENOMEM;
	}
	if (ktlsctl_dup_blob(&dst->blob[KTLSCTL_BLOB_CERT],
			     &dst->len[KTLSCTL_BLOB_CERT], c->cert, c->cert_len) ||
	    ktlsctl_dup_blob(&dst->blob[KTLSCTL_BLOB_KEY],
			     &dst->len[KTLSCTL_BLOB_KEY], c->key, c->key_len) ||
	    ktlsctl_dup_blob(&dst->blob[KTLSCTL_BLOB_CA],
			     &dst->len[KTLSCTL_BLOB_CA], c->ca, c->ca_len) ||
	    ktlsctl_dup_blob(&dst->blob[KTLSCTL_BLOB_PSK_IDENTITY],
			     &dst->len[KTLSCTL_BLOB_PSK_IDENTITY],
			     c->psk_identity, c->psk_identity_len) ||
	    ktlsctl_dup_blob(&dst->blob[KTLSCTL_BLOB_PSK_SECRET],
			     &dst->len[KTLSCTL_BLOB_PSK_SECRET],
			     c->psk_secret, c->psk_secret_len))
		return -ENOMEM;
	return 0;
}

static int ktlsctl_copy_args(struct ktlsctl_req *req,
			     const struct ktlsctl_handshake_args *args)
{
	unsigned int i;
	int err;

	/* 0 stays "unset" until the policy and the defaults have their say. */
	req->handler = args->handler ?: KTLSCTL_HANDLER_TLS;
	req->auth = args->auth;
	req->tls_min = args->tls_min;
	req->tls_max = args->tls_max;
	req->offload = args->offload;
	req->timeout_ms = args->timeout_ms;
	req->done = args->done;
	req->data = args->data;

	if (args->peer_name && args->peer_name[0]) {
		req->peer_name = kstrdup(args->peer_name, GFP_KERNEL);
		if (!req->peer_name)
			return -ENOMEM;
	}
	if (args->tag && args->tag[0]) {
		req->tag = kstrdup(args->tag, GFP_KERNEL);
		if (!req->tag)
			return -ENOMEM;
	}

	for (i = 0; i < args->num_ciphers; i++)
		req->ciphers[i] = args->ciphers[i];
	req->num_ciphers = args->num_ciphers;

	if (args->num_alpn) {
		req->alpn = kcalloc(args->num_alpn, sizeof(*req->alpn),
				    GFP_KERNEL);
		if (!req->alpn)
			return -ENOMEM;
		for (i = 0; i < args->num_alpn; i++) {
			req->alpn[i] = kstrdup(args->alpn[i], GFP_KERNEL);
			if (!req->alpn[i])
				return -ENOMEM;
			req->num_alpn = i + 1;
		}
	}

	if (args->num_creds) {
		req->creds = kcalloc(args->num_creds, sizeof(*req->creds),
				     GFP_KERNEL);
		if (!req->creds)
			return -ENOMEM;
		/* Counted first: a partial copy is freed like a full one. */
		req->num_creds = args->num_creds;
		for (i = 0; i < args->num_creds; i++) {
			err = ktlsctl_copy_cred(&req->creds[i], &args->creds[i]);
			if (err)
				return err;
		}
	}
	return 0;
}

static bool ktlsctl_req_has_cred(const struct ktlsctl_req *req, u32 type)
{
	unsigned int i;

	for (i = 0; i < req->num_creds; i++)
		if (req->creds[i].type == type)
			return true;
	return false;
}

/*
 * What neither the consumer nor a policy set. Authentication follows the
 * credentials: a PSK alone means PSK, a certificate (or being the server)
 * means X.509, else the client is anonymous.
 */
static int ktlsctl_req_defaults(struct ktlsctl_req *req)
{
	bool cert = ktlsctl_req_has_cred(req, KTLSCTL_CRED_TYPE_CERT);

	if (!req->auth) {
		if (ktlsctl_req_has_cred(req, KTLSCTL_CRED_TYPE_PSK) && !cert)
			req->auth = KTLSCTL_AUTH_PSK;
		else if (cert || req->role == KTLSCTL_ROLE_SERVER)
			req->auth = KTLSCTL_AUTH_X509;
		else
			req->auth = KTLSCTL_AUTH_ANON;
	}
	if (req->auth == KTLSCTL_AUTH_ANON && req->role == KTLSCTL_ROLE_SERVER)
		return -EINVAL;
	req->tls_min = req->tls_min ?: KTLSCTL_TLS_VERSION_TLS12;
	req->tls_max = req->tls_max ?: KTLSCTL_TLS_VERSION_TLS13;
	if (req->tls_min > req->tls_max)
		return -EINVAL;
	req->offload = req->offload ?: KTLSCTL_OFFLOAD_NONE;
	req->timeout_ms = req->timeout_ms ?: KTLSCTL_DEFAULT_TIMEOUT_MS;
	return 0;
}

/*
 * Credentials named by the consumer come from the store; a consumer that
 * named none gets those of the first matching policy, if any.
 */
static int ktlsctl_req_configure(struct ktlsctl_req *req)
{
	int err;

	if (req->num_creds)
		err = ktlsctl_cred_resolve(req);
	else
		err = ktlsctl_policy_apply(req);
	return err ?: ktlsctl_req_defaults(req);
}

static int ktlsctl_hello(const struct ktlsctl_handshake_args *args, u32 role)
{
	struct ktlsctl_req *req;
	int err;

	might_sleep();
	err = ktlsctl_check_args(args, role);
	if (err)
		return err;

	req = ktlsctl_req_alloc(args->sock);
	if (!req)
		return -ENOMEM;
	req->role = role;
	err = ktlsctl_copy_args(req, args);
	if (!err)
		err = ktlsctl_req_configure(req);
	if (!err)
		err = ktlsctl_req_submit(req);
	if (err) {
		/* Refused: the id is still 0. */
		trace_ktlsctl_req_submit(req, err);
		ktlsctl_req_put(req);
	}
	return err;
}

int ktlsctl_client_hello(const struct ktlsctl_handshake_args *args)
{
	return ktlsctl_hello(args, KTLSCTL_ROLE_CLIENT);
}
EXPORT_SYMBOL_GPL(ktlsctl_client_hello);

int ktlsctl_server_hello(const struct ktlsctl_handshake_args *args)
{
	return ktlsctl_hello(args, KTLSCTL_ROLE_SERVER);
}
EXPORT_SYMBOL_GPL(ktlsctl_server_hello);

int ktlsctl_handshake_cancel(struct sock *sk)
{
	if (!sk)
		return -ENOENT;
	return ktlsctl_req_cancel(sk);
}
EXPORT_SYMBOL_GPL(ktlsctl_handshake_cancel);
