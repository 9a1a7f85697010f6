/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Certificates, private keys and CRLs as operators add them to the
 * credential store: checked for structure and summarized for listing
 * (x509.c, x509-key.c). Nothing here verifies a signature or a chain.
 */
#ifndef _KTLSCTL_X509_H
#define _KTLSCTL_X509_H

#include <crypto/sha2.h>
#include <linux/time64.h>
#include <linux/types.h>

struct netlink_ext_ack;

#define KTLSCTL_X509_MAX_SANS	16	/* SANs kept for listing; more are ignored */
#define KTLSCTL_X509_MAX_CERTS	32	/* certificates in one blob */
#define KTLSCTL_X509_MAX_STR	255	/* bytes of the subject and of each SAN */

/**
 * struct ktlsctl_x509_info - what a listing shows of a certificate chain
 * @subject: the leaf's subject, e.g. "CN=server.test, O=ktlsctl"; "" if
 *	empty; at most KTLSCTL_X509_MAX_STR bytes (truncated)
 * @sans: the leaf's subjectAltName entries: "DNS:a.test", "IP:10.0.0.1",
 *	"IP:fd00::1", "email:x@y", "URI:..."; other kinds are skipped
 * @num_sans: entries in @sans
 * @not_after: the leaf's notAfter, in seconds since the epoch
 * @fingerprint: SHA-256 of the leaf's DER
 * @spki: a copy of the leaf's SubjectPublicKeyInfo DER
 * @spki_len: its length
 * @num_certs: certificates in the blob
 *
 * The strings and @spki are kmalloc'd; ktlsctl_x509_info_free() frees them.
 */
struct ktlsctl_x509_info {
	char *subject;
	char *sans[KTLSCTL_X509_MAX_SANS];
	unsigned int num_sans;
	time64_t not_after;
	u8 fingerprint[SHA256_DIGEST_SIZE];
	u8 *spki;
	size_t spki_len;
	unsigned int num_certs;
};

/* x509.c */
int ktlsctl_x509_parse(const u8 *data, size_t len,
		       struct ktlsctl_x509_info *info,
		       struct netlink_ext_ack *extack);
void ktlsctl_x509_info_free(struct ktlsctl_x509_info *info);
int ktlsctl_x509_check_crl(const u8 *data, size_t len,
			   struct netlink_ext_ack *extack);

/* x509-key.c */
int ktlsctl_x509_key_match(const u8 *key, size_t key_len,
			   const u8 *spki, size_t spki_len,
			   struct netlink_ext_ack *extack);

#endif /* _KTLSCTL_X509_H */
