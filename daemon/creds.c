// SPDX-License-Identifier: GPL-2.0
/*
 * Credentials handed with a request, as OpenSSL objects. Blobs are PEM
 * (possibly several objects) or DER (one object). The handed copies are
 * zeroed by the caller (ktlsctl_accept_release) once loaded; the PSK is
 * copied here because the handshake's callbacks need it, and zeroed by
 * creds_free(). Private keys live in EVP_PKEYs, which OpenSSL clears when
 * they are freed.
 *
 * The default trust store (no "ca" handed) is loaded once per process and
 * shared between threads: loading the system CA directory per handshake
 * costs a sixth of the handshake rate.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>

#include "creds.h"
#include "keys.h"
#include "log.h"

static bool creds_is_pem(const struct ktlsctl_blob *b)
{
	return b->len > 10 && memmem(b->data, b->len, "-----BEGIN", 10);
}

/* Certificates of a blob, in order; NULL when none could be read. */
static STACK_OF(X509) *creds_certs(const struct ktlsctl_blob *b)
{
	STACK_OF(X509) *sk = sk_X509_new_null();
	const unsigned char *p = b->data;
	X509 *x;
	BIO *bio;

	if (!sk)
		return NULL;
	if (creds_is_pem(b)) {
		bio = BIO_new_mem_buf(b->data, (int)b->len);
		while (bio && (x = PEM_read_bio_X509(bio, NULL, NULL, NULL)))
			if (!sk_X509_push(sk, x))
				X509_free(x);
		BIO_free(bio);
		ERR_clear_error();	/* the end of the PEM stream */
	} else {
		x = d2i_X509(NULL, &p, (long)b->len);
		if (x && !sk_X509_push(sk, x))
			X509_free(x);
	}
	if (!sk_X509_num(sk)) {
		sk_X509_free(sk);
		return NULL;
	}
	return sk;
}

static EVP_PKEY *creds_key(const struct ktlsctl_blob *b)
{
	const unsigned char *p = b->data;
	EVP_PKEY *pkey;
	BIO *bio;

	if (creds_is_pem(b)) {
		bio = BIO_new_mem_buf(b->data, (int)b->len);
		pkey = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) :
			     NULL;
		BIO_free(bio);
		return pkey;
	}
	return d2i_AutoPrivateKey(NULL, &p, (long)b->len);
}

static int creds_add_crls(X509_STORE *store, const struct ktlsctl_blob *b)
{
	const unsigned char *p = b->data;
	X509_CRL *crl;
	int n = 0;
	BIO *bio;

	if (creds_is_pem(b)) {
		bio = BIO_new_mem_buf(b->data, (int)b->len);
		while (bio &&
		       (crl = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL))) {
			n += X509_STORE_add_crl(store, crl);
			X509_CRL_free(crl);
		}
		BIO_free(bio);
		ERR_clear_error();
	} else if ((crl = d2i_X509_CRL(NULL, &p, (long)b->len))) {
		n += X509_STORE_add_crl(store, crl);
		X509_CRL_free(crl);
	}
	return n ? 0 : EINVAL;
}

static int creds_add_trust(struct creds *c, const struct ktlsctl_handed_cred *h)
{
	STACK_OF(X509) *sk;
	int i, err = 0;

	if (!c->trust && !(c->trust = X509_STORE_new()))
		return ENOMEM;
	if (h->ca.data) {
		sk = creds_certs(&h->ca);
		if (!sk) {
			log_warn("credential %s: unreadable CA certificates",
				 h->name);
			return EINVAL;
		}
		for (i = 0; i < sk_X509_num(sk); i++)
			if (!X509_STORE_add_cert(c->trust, sk_X509_value(sk, i)))
				err = EINVAL;
		sk_X509_pop_free(sk, X509_free);
	}
	if (!err && h->crl.data) {
		err = creds_add_crls(c->trust, &h->crl);
		if (err)
			log_warn("credential %s: unreadable CRL", h->name);
		else
			/* Revocation of the leaf; a CRL for every CA would
			 * be needed with CRL_CHECK_ALL. */
			X509_STORE_set_flags(c->trust, X509_V_FLAG_CRL_CHECK);
	}
	ERR_clear_error();
	return err;
}

static int creds_add_cert(struct creds *c, const struct ktlsctl_handed_cred *h)
{
	STACK_OF(X509) *sk;

	if (c->leaf) {
		log_warn("credential %s: a second certificate, ignored",
			 h->name);
		return 0;
	}
	if (!h->key.data) {
		log_warn("credential %s: certificate without a key", h->name);
		return EINVAL;
	}
	sk = creds_certs(&h->cert);
	c->pkey = creds_key(&h->key);
	if (!sk || !c->pkey) {
		log_warn("credential %s: unreadable certificate or key",
			 h->name);
		sk_X509_pop_free(sk, X509_free);
		ERR_clear_error();
		return EINVAL;
	}
	c->leaf = sk_X509_shift(sk);
	c->chain = sk;
	if (!X509_check_private_key(c->leaf, c->pkey)) {
		log_warn("credential %s: key does not match the certificate",
			 h->name);
		ERR_clear_error();
		return EINVAL;
	}
	return 0;
}

static int creds_add_psk(struct creds *c, const struct ktlsctl_handed_cred *h)
{
	if (!h->psk_identity.data || !h->psk_secret.data ||
	    h->psk_identity.len > sizeof(c->psk_identity) ||
	    h->psk_secret.len > sizeof(c->psk) || h->psk_secret.len < 16) {
		log_warn("credential %s: incomplete or oversized PSK", h->name);
		return EINVAL;
	}
	if (c->have_psk)
		return 0;
	memcpy(c->psk_identity, h->psk_identity.data, h->psk_identity.len);
	c->psk_identity_len = h->psk_identity.len;
	memcpy(c->psk, h->psk_secret.data, h->psk_secret.len);
	c->psk_len = h->psk_secret.len;
	c->psk_hash = h->psk_hash ? h->psk_hash : KTLSCTL_PSK_HASH_SHA256;
	c->have_psk = true;
	return 0;
}

static int creds_load_some(struct creds *c,
			   const struct ktlsctl_handed_cred *hc,
			   unsigned int n, bool psk_only)
{
	unsigned int i;
	int err = 0;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < n && !err; i++) {
		const struct ktlsctl_handed_cred *h = &hc[i];

		/* By type when sent, else by what the entry carries. */
		if (!psk_only && (h->ca.data || h->crl.data))
			err = creds_add_trust(c, h);
		if (!err && !psk_only && h->cert.data &&
		    (!h->type || h->type == KTLSCTL_CRED_TYPE_CERT))
			err = creds_add_cert(c, h);
		if (!err && (h->psk_secret.data || h->type == KTLSCTL_CRED_TYPE_PSK))
			err = creds_add_psk(c, h);
	}
	if (err)
		creds_free(c);
	return err;
}

int creds_load(struct creds *c, const struct ktlsctl_handed_cred *hc,
	       unsigned int n)
{
	return creds_load_some(c, hc, n, false);
}

int creds_load_psk(struct creds *c, const struct ktlsctl_handed_cred *hc,
		   unsigned int n)
{
	return creds_load_some(c, hc, n, true);
}

void creds_free(struct creds *c)
{
	X509_free(c->leaf);
	sk_X509_pop_free(c->chain, X509_free);
	EVP_PKEY_free(c->pkey);
	X509_STORE_free(c->trust);
	keys_wipe(c->psk, sizeof(c->psk));
	keys_wipe(c, sizeof(*c));
}

static pthread_once_t creds_once = PTHREAD_ONCE_INIT;
static X509_STORE *creds_default;

static void creds_default_init(void)
{
	creds_default = X509_STORE_new();
	if (creds_default && !X509_STORE_set_default_paths(creds_default)) {
		X509_STORE_free(creds_default);
		creds_default = NULL;
	}
	ERR_clear_error();
}

X509_STORE *creds_default_store(void)
{
	pthread_once(&creds_once, creds_default_init);
	if (creds_default && !X509_STORE_up_ref(creds_default))
		return NULL;
	return creds_default;
}
