// SPDX-License-Identifier: GPL-2.0
/*
 * The record-layer state a handshake ends in, for the kernel to continue:
 * keys, IVs and the sequence number of the next record in each direction.
 *
 * Secrets. TLS 1.3: the key-log callback hands out CLIENT_TRAFFIC_SECRET_0
 * and SERVER_TRAFFIC_SECRET_0; the line names the client random, which is
 * checked against this SSL's (the callback also names the SSL). TLS 1.2:
 * the session's master secret and both randoms. keys.c derives the rest.
 *
 * Sequence numbers (no public getter in OpenSSL). The message callback
 * reports every record header read or written (SSL3_RT_HEADER) and every
 * handshake message and ChangeCipherSpec, in the order the record layer
 * sees them. A direction's keys change at its Finished message, which is
 *   - TLS 1.2: record 0 under the new keys (ChangeCipherSpec came just
 *     before; the read side does not report it in OpenSSL 3.0, so the
 *     Finished is the anchor): the count restarts at 1 there, and the
 *     first application record is normally 1;
 *   - TLS 1.3: the last record under handshake keys: the count restarts
 *     at 0 right after it.
 * The header of the record carrying Finished is reported before the
 * message itself, in both directions.
 * The count of record headers since then is the next sequence number: a
 * TLS 1.3 server has written its NewSessionTickets by the time
 * SSL_do_handshake() returns, so its tx starts at the number of tickets.
 * Headers are reported when a record is built, flushed or not; the
 * handshake does not complete before its writes are flushed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "tls-priv.h"

static void tls_keylog_cb(const SSL *ssl, const char *line)
{
	struct tls_conn *c = SSL_get_app_data(ssl);
	uint8_t random[KEYS_RANDOM_LEN], secret[KEYS_SECRET_MAX];
	size_t len = 0;

	if (!c)
		return;
	if (SSL_get_client_random(ssl, random, sizeof(random)) !=
	    sizeof(random))
		return;
	switch (keys_keylog_parse(line, random, secret, &len)) {
	case KEYS_KEYLOG_CLIENT_TRAFFIC_0:
		memcpy(c->client_secret, secret, len);
		c->client_secret_len = len;
		break;
	case KEYS_KEYLOG_SERVER_TRAFFIC_0:
		memcpy(c->server_secret, secret, len);
		c->server_secret_len = len;
		break;
	default:
		break;
	}
	keys_wipe(secret, sizeof(secret));
}

static void tls_msg_cb(int write_p, int version, int content_type,
		       const void *buf, size_t len, SSL *ssl, void *arg)
{
	struct tls_conn *c = arg;
	struct tls_dir_count *d = write_p ? &c->tx : &c->rx;

	(void)version;
	switch (content_type) {
	case SSL3_RT_HEADER:
		d->records++;
		break;
	case SSL3_RT_HANDSHAKE:
		if (len < 1 || *(const uint8_t *)buf != SSL3_MT_FINISHED)
			break;
		/* TLS 1.3: Finished was the last record under handshake
		 * keys; TLS 1.2: it was record 0 under the new keys. */
		d->records = SSL_version(ssl) == TLS1_3_VERSION ? 0 : 1;
		break;
	default:
		break;
	}
}

/* Once per context (contexts are shared: see ctxcache.c). */
void tls_record_ctx(SSL_CTX *ctx)
{
	SSL_CTX_set_keylog_callback(ctx, tls_keylog_cb);
}

void tls_record_setup(SSL *ssl, struct tls_conn *c)
{
	SSL_set_msg_callback(ssl, tls_msg_cb);
	SSL_set_msg_callback_arg(ssl, c);
}

static int tls_cipher_info(const SSL_CIPHER *cipher, uint32_t *id,
			   size_t *key_len)
{
	const char *name = SSL_CIPHER_get_name(cipher);

	/* The 8-byte-tag CCM suites share the NID; kTLS has no CCM_8. */
	if (strstr(name, "CCM8") || strstr(name, "CCM_8"))
		return -1;
	switch (SSL_CIPHER_get_cipher_nid(cipher)) {
	case NID_aes_128_gcm:
		*id = KTLSCTL_CIPHER_AES_128_GCM;
		*key_len = 16;
		return 0;
	case NID_aes_256_gcm:
		*id = KTLSCTL_CIPHER_AES_256_GCM;
		*key_len = 32;
		return 0;
	case NID_chacha20_poly1305:
		*id = KTLSCTL_CIPHER_CHACHA20_POLY1305;
		*key_len = 32;
		return 0;
	case NID_aes_128_ccm:
		*id = KTLSCTL_CIPHER_AES_128_CCM;
		*key_len = 16;
		return 0;
	default:
		return -1;
	}
}

static void tls_copy_dir(struct ktlsctl_crypto *dst, const struct keys_dir *k,
			 uint64_t seq)
{
	memcpy(dst->key, k->key, k->key_len);
	dst->key_len = k->key_len;
	memcpy(dst->iv, k->iv, k->iv_len);
	dst->iv_len = k->iv_len;
	dst->rec_seq = seq;
}

/* RFC 2253 one-line subject of the verified peer certificate. */
static void tls_peer_subject(SSL *ssl, char *out, size_t size)
{
	X509 *cert = SSL_get0_peer_certificate(ssl);
	BIO *bio;
	int n;

	out[0] = '\0';
	if (!cert || SSL_get_verify_result(ssl) != X509_V_OK)
		return;
	bio = BIO_new(BIO_s_mem());
	if (!bio)
		return;
	if (X509_NAME_print_ex(bio, X509_get_subject_name(cert), 0,
			       XN_FLAG_RFC2253) >= 0) {
		n = BIO_read(bio, out, (int)size - 1);
		out[n > 0 ? n : 0] = '\0';
	}
	BIO_free(bio);
}

int tls_record_result(struct tls_conn *c, struct tls_result *r)
{
	const SSL_CIPHER *cipher = SSL_get_current_cipher(c->ssl);
	struct keys_dir cw = { 0 }, sw = { 0 };
	uint8_t master[SSL_MAX_MASTER_KEY_LENGTH];
	uint8_t crand[KEYS_RANDOM_LEN], srand[KEYS_RANDOM_LEN];
	const unsigned char *alpn = NULL;
	unsigned int alpn_len = 0;
	const char *digest;
	size_t key_len, mlen;
	bool client = c->role == KTLSCTL_ROLE_CLIENT;
	int err = 0;

	memset(r, 0, sizeof(*r));
	if (!cipher || tls_cipher_info(cipher, &r->cipher, &key_len))
		return EPROTO;
	digest = EVP_MD_get0_name(SSL_CIPHER_get_handshake_digest(cipher));
	if (!digest)
		return EPROTO;

	switch (SSL_version(c->ssl)) {
	case TLS1_3_VERSION:
		r->version = KTLSCTL_TLS_VERSION_TLS13;
		if (!c->client_secret_len || !c->server_secret_len ||
		    keys_tls13_traffic(digest, c->client_secret,
				       c->client_secret_len, key_len, &cw) ||
		    keys_tls13_traffic(digest, c->server_secret,
				       c->server_secret_len, key_len, &sw))
			err = EPROTO;
		break;
	case TLS1_2_VERSION:
		r->version = KTLSCTL_TLS_VERSION_TLS12;
		mlen = SSL_SESSION_get_master_key(SSL_get_session(c->ssl),
						  master, sizeof(master));
		SSL_get_client_random(c->ssl, crand, sizeof(crand));
		SSL_get_server_random(c->ssl, srand, sizeof(srand));
		if (!mlen ||
		    keys_tls12_block(digest, master, mlen, crand, srand,
				     key_len,
				     r->cipher == KTLSCTL_CIPHER_CHACHA20_POLY1305 ?
				     12 : 4, &cw, &sw))
			err = EPROTO;
		keys_wipe(master, sizeof(master));
		break;
	default:
		err = EPROTO;
		break;
	}
	if (!err) {
		tls_copy_dir(&r->tx, client ? &cw : &sw, c->tx.records);
		tls_copy_dir(&r->rx, client ? &sw : &cw, c->rx.records);
		if (c->psk_used) {
			size_t n = strnlen(c->psk_peer,
					   sizeof(r->peer_identity) - 1);

			memcpy(r->peer_identity, c->psk_peer, n);
			r->peer_identity[n] = '\0';
		} else if (c->verify_peer) {
			tls_peer_subject(c->ssl, r->peer_identity,
					 sizeof(r->peer_identity));
		}
		SSL_get0_alpn_selected(c->ssl, &alpn, &alpn_len);
		if (alpn && alpn_len <= sizeof(r->alpn)) {
			memcpy(r->alpn, alpn, alpn_len);
			r->alpn_len = alpn_len;
		}
	}
	keys_wipe(&cw, sizeof(cw));
	keys_wipe(&sw, sizeof(sw));
	if (err)
		tls_result_wipe(r);
	return err;
}

void tls_result_wipe(struct tls_result *r)
{
	keys_wipe(r, sizeof(*r));
}
