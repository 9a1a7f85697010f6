// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon's SSL_CTX cache (daemon/ctxcache.c) through the engine's
 * tls_conn_new(): the same credentials and policy share a context, any
 * difference (a byte of the CA, the version range, the role) builds
 * another, a PSK is per connection and never part of the key, a refused
 * request caches nothing, the cache stays bounded, and a flush empties it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "check.h"
#include "ctxcache.h"
#include "tls-priv.h"

static unsigned char *pem_of(int (*write)(BIO *, const void *), const void *obj,
		    size_t *len)
{
	BIO *b = BIO_new(BIO_s_mem());
	unsigned char *out;
	char *data;
	long n;

	if (!b || !write(b, obj))
		abort();
	n = BIO_get_mem_data(b, &data);
	out = malloc((size_t)n);
	if (!out)
		abort();
	memcpy(out, data, (size_t)n);
	*len = (size_t)n;
	BIO_free(b);
	return out;
}

static int write_cert(BIO *b, const void *x)
{
	return PEM_write_bio_X509(b, (X509 *)x);
}

static int write_key(BIO *b, const void *k)
{
	return PEM_write_bio_PrivateKey(b, (EVP_PKEY *)k, NULL, NULL, 0, NULL,
					NULL);
}

/* A self-signed P-256 certificate and its key, as PEM. */
static void make_cert(struct ktlsctl_blob *cert, struct ktlsctl_blob *key)
{
	EVP_PKEY *pk = EVP_EC_gen("P-256");
	X509 *x = X509_new();
	X509_NAME *name;

	if (!pk || !x)
		abort();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400);
	X509_set_pubkey(x, pk);
	name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
				   (const unsigned char *)"cache.test", -1, -1, 0);
	X509_set_issuer_name(x, name);
	if (!X509_sign(x, pk, EVP_sha256()))
		abort();
	cert->data = pem_of(write_cert, x, &cert->len);
	key->data = pem_of(write_key, pk, &key->len);
	X509_free(x);
	EVP_PKEY_free(pk);
}

/* tls_conn_new() on one end of a socket pair; its status. */
static int conn(const struct tls_params *p, struct tls_conn **c)
{
	int sv[2], err;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		abort();
	err = tls_conn_new(p, sv[0], c);
	close(sv[1]);
	if (err)
		close(sv[0]);
	return err;
}

static void conn_free(struct tls_conn *c)
{
	int fd = c->io.fd;

	tls_conn_free(c);
	close(fd);
}

static unsigned long hits(void)
{
	unsigned long h, m;
	unsigned int n;

	ctxcache_stats(&h, &m, &n);
	return h;
}

static unsigned int entries(void)
{
	unsigned long h, m;
	unsigned int n;

	ctxcache_stats(&h, &m, &n);
	return n;
}

int main(void)
{
	struct ktlsctl_handed_cred trust = { .type = KTLSCTL_CRED_TYPE_TRUST };
	struct ktlsctl_handed_cred own = { .type = KTLSCTL_CRED_TYPE_CERT };
	struct ktlsctl_handed_cred psk = { .type = KTLSCTL_CRED_TYPE_PSK };
	struct tls_conn *a, *b;
	struct tls_params p;
	unsigned char secret[32];
	unsigned char *ca2;
	unsigned int i;

	CHECK(tls_init() == 0);
	make_cert(&own.cert, &own.key);
	trust.ca = own.cert;

	/* A client verifying against one CA: built once, then shared. */
	p = (struct tls_params){ .role = KTLSCTL_ROLE_CLIENT,
				 .auth = KTLSCTL_AUTH_X509,
				 .peer_name = "cache.test", .creds = &trust,
				 .n_creds = 1 };
	CHECK(conn(&p, &a) == 0);
	CHECK(entries() == 1 && hits() == 0);
	CHECK(conn(&p, &b) == 0);
	CHECK(entries() == 1 && hits() == 1);
	CHECK(a->ssl && b->ssl && SSL_get_SSL_CTX(a->ssl) == SSL_get_SSL_CTX(b->ssl));
	CHECK(a->verify_peer && b->verify_peer);
	conn_free(a);
	conn_free(b);

	/* The same CA with one byte changed (a comment line): another. */
	ca2 = malloc(trust.ca.len + 2);
	if (!ca2)
		abort();
	memcpy(ca2, "\n", 1);
	memcpy(ca2 + 1, trust.ca.data, trust.ca.len);
	trust.ca.data = ca2;
	trust.ca.len++;
	CHECK(conn(&p, &a) == 0);
	CHECK(entries() == 2 && hits() == 1);
	conn_free(a);
	trust.ca = own.cert;

	/* Another version range: another context. */
	p.tls_max = KTLSCTL_TLS_VERSION_TLS12;
	CHECK(conn(&p, &a) == 0);
	CHECK(entries() == 3 && hits() == 1);
	conn_free(a);

	/* PSK: one context for two secrets, each connection its own. */
	memset(secret, 0x11, sizeof(secret));
	psk.psk_identity.data = (unsigned char *)"client1";
	psk.psk_identity.len = 7;
	psk.psk_secret.data = secret;
	psk.psk_secret.len = sizeof(secret);
	p = (struct tls_params){ .role = KTLSCTL_ROLE_CLIENT,
				 .auth = KTLSCTL_AUTH_PSK, .creds = &psk,
				 .n_creds = 1 };
	CHECK(conn(&p, &a) == 0);
	secret[0] = 0x22;
	CHECK(conn(&p, &b) == 0);
	CHECK(entries() == 4 && hits() == 2);
	CHECK(a->creds.have_psk && b->creds.have_psk);
	CHECK(a->creds.psk[0] == 0x11 && b->creds.psk[0] == 0x22);
	conn_free(a);
	conn_free(b);
	/* A PSK request without a PSK is refused. */
	p.creds = &trust;
	CHECK(conn(&p, &a) == ENOKEY);

	/* A server without a certificate is refused and caches nothing. */
	p = (struct tls_params){ .role = KTLSCTL_ROLE_SERVER,
				 .auth = KTLSCTL_AUTH_X509, .creds = &trust,
				 .n_creds = 1 };
	CHECK(conn(&p, &a) == ENOKEY);
	CHECK(entries() == 4);

	/* Bounded: forty servers that differ in their tickets. */
	p.creds = &own;
	for (i = 0; i < 40; i++) {
		p.num_tickets = (int)i;
		CHECK(conn(&p, &a) == 0);
		if (a)
			conn_free(a);
	}
	CHECK(entries() == 32);

	ctxcache_flush();
	CHECK(entries() == 0);
	free(ca2);
	free(own.cert.data);
	free(own.key.data);
	return check_done("ctxcache");
}
