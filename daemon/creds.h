/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Handed credentials (struct ktlsctl_handed_cred from ACCEPT) as OpenSSL
 * objects, and the system trust store, loaded once per process.
 */
#ifndef _KTLSCTLD_CREDS_H
#define _KTLSCTLD_CREDS_H

#include <stdbool.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "libktlsctl.h"

struct creds {
	X509 *leaf;			/* certificate to present */
	STACK_OF(X509) *chain;		/* its intermediates */
	EVP_PKEY *pkey;
	X509_STORE *trust;		/* handed CA (+CRL); NULL: none handed */
	bool have_psk;
	unsigned char psk_identity[KTLSCTL_PSK_IDENTITY_MAX_LEN];
	size_t psk_identity_len;
	unsigned char psk[64];
	size_t psk_len;
	uint32_t psk_hash;		/* KTLSCTL_PSK_HASH_*; SHA256 if unset */
};

/*
 * Loads what the handed credentials carry (PEM or DER): a certificate
 * chain and its key, CA certificates and CRLs (into one store), a PSK.
 * 0 or a positive errno (EINVAL: unparsable or inconsistent, ENOMEM).
 */
int creds_load(struct creds *c, const struct ktlsctl_handed_cred *hc,
	       unsigned int n);
/* The same for the PSK alone (the rest is in a cached context). */
int creds_load_psk(struct creds *c, const struct ktlsctl_handed_cred *hc,
		   unsigned int n);
/* Frees and zeroes everything, the PSK included. */
void creds_free(struct creds *c);

/* The system's default trust store, shared; a new reference or NULL. */
X509_STORE *creds_default_store(void);

#endif /* _KTLSCTLD_CREDS_H */
