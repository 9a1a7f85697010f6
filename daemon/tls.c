// SPDX-License-Identifier: GPL-2.0
/*
 * The handshake engine: OpenSSL on a socket handed over by the module.
 *
 * One SSL_CTX per set of credentials and policy, shared by the requests
 * that hand the same (ctxcache.c; the system trust store is shared too,
 * see creds.c), with no session cache: nothing of one handshake serves
 * another. Per request: the SSL, the peer name, ALPN and PSK. Never
 * read-ahead: bytes OpenSSL buffered
 * past Finished would be lost to the kernel, which continues the stream.
 *
 * The ULP: the engine never gives the fd to OpenSSL, only its own BIO
 * (sockbio.c, MSG_DONTWAIT: the file is the consumer's, its flags stay as
 * they are), so OpenSSL never touches TCP_ULP and its kTLS path stays off.
 *
 * Status of a failed handshake, a positive errno for DONE:
 *   EACCES        the peer's certificate did not verify (chain, name, CRL,
 *                 missing client certificate), or the peer rejected ours
 *                 (alerts bad/unsupported/revoked/expired/unknown
 *                 certificate, unknown_ca, access_denied,
 *                 certificate_required)
 *   EKEYREJECTED  PSK mode: the peer named an identity we do not have, the
 *                 binder or Finished did not verify (wrong secret), or the
 *                 peer said decrypt_error / bad_record_mac /
 *                 unknown_psk_identity / illegal_parameter (what an
 *                 OpenSSL 3.0 server sends for a bad binder)
 *   EPROTO        anything else in the protocol: no common version or
 *                 cipher, handshake_failure, illegal_parameter,
 *                 no_application_protocol, malformed messages, bytes
 *                 buffered past the handshake
 *   ECONNABORTED  the peer closed the connection during the handshake
 *   ECONNRESET    the peer reset it (also EPIPE)
 *   other errno   a socket error as it came (e.g. ETIMEDOUT from TCP)
 *   ENOKEY        the request lacks the credential its mode needs
 *   EINVAL        a handed credential or the policy could not be used
 *   EOPNOTSUPP    unknown role or authentication mode
 *   ENOMEM        out of memory
 * The worker adds ETIMEDOUT (the request's deadline passed) and ESHUTDOWN
 * (the daemon is stopping).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "ctxcache.h"
#include "log.h"
#include "sockbio.h"
#include "tls-priv.h"

/* KTLSCTL_CIPHER_* to OpenSSL names; TLS 1.2 lists forward secret first. */
static const struct {
	uint32_t id;
	const char *tls13;
	const char *tls12_cert;
	const char *tls12_psk;
} tls_ciphers[] = {
	{ KTLSCTL_CIPHER_AES_128_GCM, "TLS_AES_128_GCM_SHA256",
	  "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
	  "DHE-RSA-AES128-GCM-SHA256",
	  "DHE-PSK-AES128-GCM-SHA256:PSK-AES128-GCM-SHA256" },
	{ KTLSCTL_CIPHER_AES_256_GCM, "TLS_AES_256_GCM_SHA384",
	  "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
	  "DHE-RSA-AES256-GCM-SHA384",
	  "DHE-PSK-AES256-GCM-SHA384:PSK-AES256-GCM-SHA384" },
	{ KTLSCTL_CIPHER_CHACHA20_POLY1305, "TLS_CHACHA20_POLY1305_SHA256",
	  "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
	  "DHE-RSA-CHACHA20-POLY1305",
	  "ECDHE-PSK-CHACHA20-POLY1305:DHE-PSK-CHACHA20-POLY1305:"
	  "PSK-CHACHA20-POLY1305" },
	{ KTLSCTL_CIPHER_AES_128_CCM, "TLS_AES_128_CCM_SHA256",
	  "ECDHE-ECDSA-AES128-CCM:DHE-RSA-AES128-CCM",
	  "DHE-PSK-AES128-CCM:PSK-AES128-CCM" },
};

#define TLS_N_CIPHERS (sizeof(tls_ciphers) / sizeof(tls_ciphers[0]))

static int tls_alpn_select_cb(SSL *ssl, const unsigned char **out,
			      unsigned char *outlen, const unsigned char *in,
			      unsigned int inlen, void *arg)
{
	struct tls_conn *c = SSL_get_app_data(ssl);
	unsigned char *sel;

	(void)arg;
	if (!c->alpn_len)
		return SSL_TLSEXT_ERR_NOACK;
	if (SSL_select_next_proto(&sel, outlen, c->alpn, c->alpn_len, in,
				  inlen) != OPENSSL_NPN_NEGOTIATED)
		return SSL_TLSEXT_ERR_ALERT_FATAL;
	*out = sel;
	return SSL_TLSEXT_ERR_OK;
}

/* Builds the two cipher strings; 0 or EINVAL. */
static int tls_cipher_strings(const struct tls_params *p, char *s13,
			      size_t n13, char *s12, size_t n12)
{
	static const uint32_t all[] = {
		KTLSCTL_CIPHER_AES_128_GCM, KTLSCTL_CIPHER_AES_256_GCM,
		KTLSCTL_CIPHER_CHACHA20_POLY1305, KTLSCTL_CIPHER_AES_128_CCM,
	};
	const uint32_t *ids = p->n_ciphers ? p->ciphers : all;
	unsigned int n = p->n_ciphers ? p->n_ciphers : 4, i, j;

	s13[0] = s12[0] = '\0';
	for (i = 0; i < n; i++) {
		for (j = 0; j < TLS_N_CIPHERS; j++)
			if (tls_ciphers[j].id == ids[i])
				break;
		if (j == TLS_N_CIPHERS)
			continue;	/* not a kTLS cipher: skip */
		snprintf(s13 + strlen(s13), n13 - strlen(s13), "%s%s",
			 s13[0] ? ":" : "", tls_ciphers[j].tls13);
		snprintf(s12 + strlen(s12), n12 - strlen(s12), "%s%s",
			 s12[0] ? ":" : "",
			 p->auth == KTLSCTL_AUTH_PSK ? tls_ciphers[j].tls12_psk :
			 tls_ciphers[j].tls12_cert);
	}
	return s13[0] ? 0 : EINVAL;
}

static int tls_setup_ctx(SSL_CTX *ctx, const struct tls_params *p,
			 struct tls_conn *c)
{
	char s13[256], s12[1024];
	uint32_t min = p->tls_min ? p->tls_min : KTLSCTL_TLS_VERSION_TLS12;
	uint32_t max = p->tls_max ? p->tls_max : KTLSCTL_TLS_VERSION_TLS13;
	bool server = p->role == KTLSCTL_ROLE_SERVER;
	X509_STORE *store;

	if (min < KTLSCTL_TLS_VERSION_TLS12 || max > KTLSCTL_TLS_VERSION_TLS13 ||
	    min > max)
		return EINVAL;
	SSL_CTX_set_read_ahead(ctx, 0);
	SSL_CTX_clear_options(ctx, SSL_OP_ENABLE_KTLS);
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION |
			    SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_TICKET);
	/* Shared by requests: no session of one may be resumed by another. */
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	tls_record_ctx(ctx);
	if (tls_cipher_strings(p, s13, sizeof(s13), s12, sizeof(s12)) ||
	    !SSL_CTX_set_ciphersuites(ctx, s13))
		return EINVAL;
	if (!SSL_CTX_set_cipher_list(ctx, s12)) {
		/* No TLS 1.2 suite for this mode: TLS 1.3 only. */
		if (max < KTLSCTL_TLS_VERSION_TLS13)
			return EINVAL;
		min = KTLSCTL_TLS_VERSION_TLS13;
	}
	if (!SSL_CTX_set_min_proto_version(ctx, (int)min) ||
	    !SSL_CTX_set_max_proto_version(ctx, (int)max))
		return EINVAL;
	if (server) {
		SSL_CTX_set_dh_auto(ctx, 1);
		SSL_CTX_set_num_tickets(ctx, p->num_tickets >= 0 ?
					(size_t)p->num_tickets : 0);
		SSL_CTX_set_alpn_select_cb(ctx, tls_alpn_select_cb, NULL);
	}

	if (p->auth == KTLSCTL_AUTH_PSK) {
		if (!c->creds.have_psk)
			return ENOKEY;
		return 0;
	}
	/* Certificates: trust to verify the peer, our own to present. */
	if (!server || c->creds.trust) {
		store = c->creds.trust;
		if (store ? !X509_STORE_up_ref(store) :
			    !(store = creds_default_store()))
			return ENOMEM;
		SSL_CTX_set_cert_store(ctx, store);
		c->verify_peer = true;
	}
	if (c->creds.leaf && (server || p->auth != KTLSCTL_AUTH_ANON)) {
		if (SSL_CTX_use_certificate(ctx, c->creds.leaf) != 1 ||
		    SSL_CTX_use_PrivateKey(ctx, c->creds.pkey) != 1 ||
		    (c->creds.chain && sk_X509_num(c->creds.chain) &&
		     !SSL_CTX_set1_chain(ctx, c->creds.chain)))
			return EINVAL;
	} else if (server) {
		return ENOKEY;
	}
	return 0;
}

static int tls_setup_ssl(SSL *ssl, const struct tls_params *p,
			 struct tls_conn *c)
{
	const char *name = p->peer_name ? p->peer_name : "";
	unsigned char ip[16];
	bool is_ip;

	SSL_set_app_data(ssl, c);
	if (p->role == KTLSCTL_ROLE_SERVER) {
		SSL_set_accept_state(ssl);
		if (c->verify_peer)
			SSL_set_verify(ssl, SSL_VERIFY_PEER |
				       SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
		if (p->auth == KTLSCTL_AUTH_PSK)
			tls_psk_setup(ssl, false);
		return 0;
	}

	SSL_set_connect_state(ssl);
	is_ip = inet_pton(AF_INET, name, ip) == 1 ||
		inet_pton(AF_INET6, name, ip) == 1;
	if (name[0] && !is_ip && !SSL_set_tlsext_host_name(ssl, name))
		return EINVAL;
	if (c->alpn_len && SSL_set_alpn_protos(ssl, c->alpn,
					       (unsigned int)c->alpn_len))
		return EINVAL;
	if (p->auth == KTLSCTL_AUTH_PSK) {
		tls_psk_setup(ssl, true);
		return 0;
	}
	SSL_set_verify(ssl, SSL_VERIFY_PEER, NULL);
	if (name[0]) {
		if (is_ip ? !X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl),
							   name) :
			    !SSL_set1_host(ssl, name))
			return EINVAL;
	}
	return 0;
}

int tls_init(void)
{
	SSL_CTX *ctx;

	if (!OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG |
			      OPENSSL_INIT_LOAD_SSL_STRINGS |
			      OPENSSL_INIT_LOAD_CRYPTO_STRINGS, NULL))
		return ENOMEM;
	if (!sockbio_ready())
		return ENOMEM;
	/* Fetches the TLS algorithms from the providers once. */
	ctx = SSL_CTX_new(TLS_method());
	SSL_CTX_free(ctx);
	ERR_clear_error();
	return ctx ? 0 : ENOMEM;
}

/* The context @p asks for: from the cache, or built (and cached). */
static int tls_ctx_get(const struct tls_params *p, struct tls_conn *c,
		       SSL_CTX **out)
{
	unsigned char key[CTX_KEY_LEN];
	SSL_CTX *ctx;
	int err;

	*out = NULL;
	err = ctxcache_key(p, key);
	if (err)
		return err;
	ctx = ctxcache_get(key, &c->verify_peer);
	if (ctx) {
		err = creds_load_psk(&c->creds, p->creds, p->n_creds);
		if (!err && p->auth == KTLSCTL_AUTH_PSK && !c->creds.have_psk)
			err = ENOKEY;
		if (err) {
			SSL_CTX_free(ctx);
			return err;
		}
		*out = ctx;
		return 0;
	}
	err = creds_load(&c->creds, p->creds, p->n_creds);
	if (err)
		return err;
	ctx = SSL_CTX_new(TLS_method());
	if (!ctx)
		return ENOMEM;
	err = tls_setup_ctx(ctx, p, c);
	if (err) {
		SSL_CTX_free(ctx);
		return err;
	}
	ctxcache_put(key, ctx, c->verify_peer);
	*out = ctx;
	return 0;
}

int tls_conn_new(const struct tls_params *p, int fd, struct tls_conn **out)
{
	struct tls_conn *c;
	SSL_CTX *ctx = NULL;
	BIO *bio;
	int err;

	*out = NULL;
	if ((p->role != KTLSCTL_ROLE_CLIENT && p->role != KTLSCTL_ROLE_SERVER) ||
	    p->auth < KTLSCTL_AUTH_ANON || p->auth > KTLSCTL_AUTH_PSK)
		return EOPNOTSUPP;
	c = calloc(1, sizeof(*c));
	if (!c)
		return ENOMEM;
	c->io.fd = fd;
	c->io.flags = MSG_DONTWAIT;
	c->role = p->role;
	c->auth = p->auth;
	if (p->alpn_len) {
		c->alpn = malloc(p->alpn_len);
		if (!c->alpn) {
			free(c);
			return ENOMEM;
		}
		memcpy(c->alpn, p->alpn, p->alpn_len);
		c->alpn_len = p->alpn_len;
	}
	err = tls_ctx_get(p, c, &ctx);
	if (err)
		goto fail;
	c->ssl = SSL_new(ctx);
	if (!c->ssl) {
		err = ENOMEM;
		goto fail;
	}
	tls_record_setup(c->ssl, c);
	err = tls_setup_ssl(c->ssl, p, c);
	if (err)
		goto fail;
	bio = sockbio_new(&c->io);
	if (!bio) {
		err = ENOMEM;
		goto fail;
	}
	SSL_set_bio(c->ssl, bio, bio);
	SSL_CTX_free(ctx);	/* the SSL holds it */
	*out = c;
	return 0;
fail:
	SSL_CTX_free(ctx);
	tls_conn_free(c);
	ERR_clear_error();
	return err;
}

/* A received alert (reason SSL_AD_REASON_OFFSET + alert) as a status. */
static int tls_alert_status(const struct tls_conn *c, int alert)
{
	bool psk = c->auth == KTLSCTL_AUTH_PSK;

	switch (alert) {
	case SSL_AD_BAD_CERTIFICATE:
	case SSL_AD_UNSUPPORTED_CERTIFICATE:
	case SSL_AD_CERTIFICATE_REVOKED:
	case SSL_AD_CERTIFICATE_EXPIRED:
	case SSL_AD_CERTIFICATE_UNKNOWN:
	case SSL_AD_UNKNOWN_CA:
	case SSL_AD_ACCESS_DENIED:
	case SSL_AD_CERTIFICATE_REQUIRED:
		return EACCES;
	case SSL_AD_UNKNOWN_PSK_IDENTITY:
		return EKEYREJECTED;
	case SSL_AD_DECRYPT_ERROR:
	case SSL_AD_BAD_RECORD_MAC:
	/* OpenSSL 3.0 servers answer a bad PSK binder with this one. */
	case SSL_AD_ILLEGAL_PARAMETER:
		return psk ? EKEYREJECTED : EPROTO;
	default:
		return EPROTO;
	}
}

static int tls_reason_status(const struct tls_conn *c, int reason)
{
	bool psk = c->auth == KTLSCTL_AUTH_PSK;

	if (reason >= SSL_AD_REASON_OFFSET)
		return tls_alert_status(c, reason - SSL_AD_REASON_OFFSET);
	switch (reason) {
	case SSL_R_CERTIFICATE_VERIFY_FAILED:
	case SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE:
		return EACCES;
	case SSL_R_BINDER_DOES_NOT_VERIFY:
		return EKEYREJECTED;
	case SSL_R_DIGEST_CHECK_FAILED:
	case SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC:
		return psk ? EKEYREJECTED : EPROTO;
	case SSL_R_UNEXPECTED_EOF_WHILE_READING:
		return ECONNABORTED;
	default:
		return EPROTO;
	}
}

/* The status of a failed SSL call; the error queue is consumed. */
static int tls_failure(struct tls_conn *c, int ssl_err)
{
	unsigned long e, last = 0;
	int status;

	while ((e = ERR_get_error()))
		if (ERR_GET_LIB(e) == ERR_LIB_SSL || !last)
			last = e;
	if (last)
		ERR_error_string_n(last, c->error, sizeof(c->error));
	if (c->verify_peer && SSL_get_verify_result(c->ssl) != X509_V_OK) {
		snprintf(c->error, sizeof(c->error), "certificate: %s",
			 X509_verify_cert_error_string(
				SSL_get_verify_result(c->ssl)));
		return EACCES;
	}
	if (c->auth == KTLSCTL_AUTH_PSK && c->psk_unknown) {
		snprintf(c->error, sizeof(c->error), "unknown PSK identity");
		return EKEYREJECTED;
	}
	if (c->io.io_errno) {
		snprintf(c->error, sizeof(c->error), "socket: %s",
			 strerror(c->io.io_errno));
		return c->io.io_errno == EPIPE ? ECONNRESET : c->io.io_errno;
	}
	if (last && ERR_GET_LIB(last) == ERR_LIB_SSL) {
		status = tls_reason_status(c, ERR_GET_REASON(last));
		if (status != ECONNABORTED || !c->io.eof)
			return status;
	}
	if (c->io.eof || ssl_err == SSL_ERROR_SYSCALL ||
	    ssl_err == SSL_ERROR_ZERO_RETURN) {
		snprintf(c->error, sizeof(c->error), "peer closed the connection");
		return ECONNABORTED;
	}
	return EPROTO;
}

int tls_conn_step(struct tls_conn *c, uint32_t *events)
{
	int ret, err;

	ERR_clear_error();
	ret = SSL_do_handshake(c->ssl);
	if (ret == 1) {
		if (SSL_has_pending(c->ssl)) {
			snprintf(c->error, sizeof(c->error),
				 "data buffered past the handshake");
			return EPROTO;
		}
		return 0;
	}
	err = SSL_get_error(c->ssl, ret);
	if (err == SSL_ERROR_WANT_READ) {
		*events = EPOLLIN;
		return -EAGAIN;
	}
	if (err == SSL_ERROR_WANT_WRITE) {
		*events = EPOLLOUT;
		return -EAGAIN;
	}
	return tls_failure(c, err);
}

int tls_conn_result(struct tls_conn *c, struct tls_result *r)
{
	return tls_record_result(c, r);
}

const char *tls_conn_error(const struct tls_conn *c)
{
	return c->error[0] ? c->error : "unknown error";
}

void tls_conn_wipe(struct tls_conn *c)
{
	if (!c)
		return;
	keys_wipe(c->client_secret, sizeof(c->client_secret));
	keys_wipe(c->server_secret, sizeof(c->server_secret));
	keys_wipe(c->creds.psk, sizeof(c->creds.psk));
}

void tls_conn_free(struct tls_conn *c)
{
	if (!c)
		return;
	SSL_free(c->ssl);
	creds_free(&c->creds);
	free(c->alpn);
	keys_wipe(c, sizeof(*c));
	free(c);
}
