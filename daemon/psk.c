// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctld: external PSKs for the handshake engine (tls.c): TLS 1.3 PSKs
 * as resumption-style sessions, TLS 1.2 PSKs through the identity/key
 * callbacks. The key comes from the credential handed with the request;
 * the identity that matched becomes the peer identity.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/ssl.h>

#include "tls-priv.h"

/* TLS 1.3 external PSK as a session: the hash picks the suite's hash. */
static SSL_SESSION *tls_psk_session(SSL *ssl, struct tls_conn *c)
{
	unsigned char id[2] = { 0x13, 0x01 };	/* TLS_AES_128_GCM_SHA256 */
	const SSL_CIPHER *cipher;
	SSL_SESSION *sess;

	if (c->creds.psk_hash == KTLSCTL_PSK_HASH_SHA384)
		id[1] = 0x02;			/* TLS_AES_256_GCM_SHA384 */
	cipher = SSL_CIPHER_find(ssl, id);
	sess = SSL_SESSION_new();
	if (!cipher || !sess ||
	    !SSL_SESSION_set1_master_key(sess, c->creds.psk, c->creds.psk_len) ||
	    !SSL_SESSION_set_cipher(sess, cipher) ||
	    !SSL_SESSION_set_protocol_version(sess, TLS1_3_VERSION)) {
		SSL_SESSION_free(sess);
		return NULL;
	}
	return sess;
}

/* The identity as peer-identity: itself when printable, else hex. */
static void tls_psk_peer(struct tls_conn *c, const unsigned char *id,
			 size_t len)
{
	size_t i;

	for (i = 0; i < len && id[i] >= 0x20 && id[i] < 0x7f; i++)
		;
	if (i == len) {
		memcpy(c->psk_peer, id, len);
		c->psk_peer[len] = '\0';
		return;
	}
	for (i = 0; i < len; i++)
		sprintf(c->psk_peer + 2 * i, "%02x", id[i]);
}

static int tls_psk_use_cb(SSL *ssl, const EVP_MD *md, const unsigned char **id,
			  size_t *idlen, SSL_SESSION **sessp)
{
	struct tls_conn *c = SSL_get_app_data(ssl);
	SSL_SESSION *sess = tls_psk_session(ssl, c);

	*sessp = NULL;
	if (!sess)
		return 0;
	if (md && md != SSL_CIPHER_get_handshake_digest(
			SSL_SESSION_get0_cipher(sess))) {
		SSL_SESSION_free(sess);	/* after HRR, another hash */
		return 1;
	}
	*id = c->creds.psk_identity;
	*idlen = c->creds.psk_identity_len;
	*sessp = sess;
	c->psk_used = true;
	tls_psk_peer(c, c->creds.psk_identity, c->creds.psk_identity_len);
	return 1;
}

static int tls_psk_find_cb(SSL *ssl, const unsigned char *id, size_t len,
			   SSL_SESSION **sessp)
{
	struct tls_conn *c = SSL_get_app_data(ssl);

	*sessp = NULL;
	if (len != c->creds.psk_identity_len ||
	    memcmp(id, c->creds.psk_identity, len)) {
		c->psk_unknown = true;
		return 1;
	}
	*sessp = tls_psk_session(ssl, c);
	if (!*sessp)
		return 0;
	c->psk_used = true;
	tls_psk_peer(c, id, len);
	return 1;
}

/* TLS 1.2 PSK: identities are C strings there. */
static unsigned int tls_psk12_client_cb(SSL *ssl, const char *hint,
					char *identity, unsigned int max_id,
					unsigned char *psk, unsigned int max_psk)
{
	struct tls_conn *c = SSL_get_app_data(ssl);
	size_t len = c->creds.psk_identity_len;

	(void)hint;
	if (len + 1 > max_id || memchr(c->creds.psk_identity, 0, len) ||
	    c->creds.psk_len > max_psk)
		return 0;
	memcpy(identity, c->creds.psk_identity, len);
	identity[len] = '\0';
	memcpy(psk, c->creds.psk, c->creds.psk_len);
	c->psk_used = true;
	tls_psk_peer(c, c->creds.psk_identity, len);
	return (unsigned int)c->creds.psk_len;
}

static unsigned int tls_psk12_server_cb(SSL *ssl, const char *identity,
					unsigned char *psk,
					unsigned int max_psk)
{
	struct tls_conn *c = SSL_get_app_data(ssl);
	size_t len = strlen(identity);

	if (len != c->creds.psk_identity_len ||
	    memcmp(identity, c->creds.psk_identity, len)) {
		c->psk_unknown = true;
		return 0;
	}
	if (c->creds.psk_len > max_psk)
		return 0;
	memcpy(psk, c->creds.psk, c->creds.psk_len);
	c->psk_used = true;
	tls_psk_peer(c, (const unsigned char *)identity, len);
	return (unsigned int)c->creds.psk_len;
}

void tls_psk_setup(SSL *ssl, bool client)
{
	if (client) {
		SSL_set_psk_use_session_callback(ssl, tls_psk_use_cb);
		SSL_set_psk_client_callback(ssl, tls_psk12_client_cb);
	} else {
		SSL_set_psk_find_session_callback(ssl, tls_psk_find_cb);
		SSL_set_psk_server_callback(ssl, tls_psk12_server_cb);
	}
}
