// SPDX-License-Identifier: GPL-2.0
/*
 * The SSL_CTX cache. Building a context costs as much as a good part of a
 * handshake: OpenSSL fetches its algorithms, the certificate chain and key
 * are parsed and matched, the CA bundle becomes a store. Requests under
 * one policy hand the same credentials each time, so a context is kept
 * under the SHA-256 of everything it was built from (role, mode, versions,
 * ciphers, tickets, and the bytes of each certificate, key, CA bundle and
 * CRL) and shared by the handshakes that ask for the same. A PSK never
 * enters a context (the PSK callbacks read it from the connection), nor
 * the key, so the hash of a PSK is never kept.
 *
 * Bounded: at most CTX_CACHE_MAX contexts, the least recently used one
 * goes first, and a context unused for CTX_CACHE_IDLE_MS is freed (with
 * its private key: OpenSSL cleanses key material when it frees it), so a
 * credential deleted from the module's store leaves the daemon soon after.
 * Changed credentials hash differently: a new context, never a stale one.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "clock.h"
#include "ctxcache.h"

#define CTX_CACHE_MAX		32
#define CTX_CACHE_IDLE_MS	120000

struct ctx_entry {
	unsigned char key[CTX_KEY_LEN];
	SSL_CTX *ctx;
	bool verify_peer;
	uint64_t used;		/* CLOCK_MONOTONIC, ms */
};

static pthread_mutex_t ctx_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ctx_entry ctx_entries[CTX_CACHE_MAX];
static unsigned int ctx_n;
static unsigned long ctx_hits, ctx_misses;

static void ctx_hash_u32(EVP_MD_CTX *md, uint32_t v)
{
	EVP_DigestUpdate(md, &v, sizeof(v));
}

/* Length first, so that no two sequences of blobs hash alike. */
static void ctx_hash_blob(EVP_MD_CTX *md, const struct ktlsctl_blob *b)
{
	uint64_t len = b->data ? b->len : UINT64_MAX;

	EVP_DigestUpdate(md, &len, sizeof(len));
	if (b->data && b->len)
		EVP_DigestUpdate(md, b->data, b->len);
}

int ctxcache_key(const struct tls_params *p, unsigned char key[CTX_KEY_LEN])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned int i, len = 0;
	int ok;

	if (!md)
		return ENOMEM;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	ctx_hash_u32(md, 1);	/* the layout of what follows */
	ctx_hash_u32(md, p->role);
	ctx_hash_u32(md, p->auth);
	ctx_hash_u32(md, p->tls_min);
	ctx_hash_u32(md, p->tls_max);
	ctx_hash_u32(md, (uint32_t)p->num_tickets);
	ctx_hash_u32(md, p->n_ciphers);
	for (i = 0; i < p->n_ciphers; i++)
		ctx_hash_u32(md, p->ciphers[i]);
	ctx_hash_u32(md, p->n_creds);
	for (i = 0; i < p->n_creds; i++) {
		const struct ktlsctl_handed_cred *h = &p->creds[i];

		ctx_hash_u32(md, h->type);
		ctx_hash_blob(md, &h->cert);
		ctx_hash_blob(md, &h->key);
		ctx_hash_blob(md, &h->ca);
		ctx_hash_blob(md, &h->crl);
		/* Only whether there is a PSK: it shapes the mode, not the context. */
		ctx_hash_u32(md, !!h->psk_secret.data);
	}
	ok = ok && EVP_DigestFinal_ex(md, key, &len) && len == CTX_KEY_LEN;
	EVP_MD_CTX_free(md);
	return ok ? 0 : ENOMEM;
}

static void ctx_drop(unsigned int i)
{
	SSL_CTX_free(ctx_entries[i].ctx);
	ctx_entries[i] = ctx_entries[--ctx_n];
	memset(&ctx_entries[ctx_n], 0, sizeof(ctx_entries[ctx_n]));
}

/* Frees the contexts idle for too long; the lock is held. */
static void ctx_expire(uint64_t now)
{
	unsigned int i = 0;

	while (i < ctx_n) {
		if (now - ctx_entries[i].used >= CTX_CACHE_IDLE_MS)
			ctx_drop(i);
		else
			i++;
	}
}

SSL_CTX *ctxcache_get(const unsigned char key[CTX_KEY_LEN], bool *verify_peer)
{
	uint64_t now = clock_ms();
	SSL_CTX *ctx = NULL;
	unsigned int i;

	pthread_mutex_lock(&ctx_lock);
	ctx_expire(now);
	for (i = 0; i < ctx_n; i++) {
		if (memcmp(ctx_entries[i].key, key, CTX_KEY_LEN))
			continue;
		if (SSL_CTX_up_ref(ctx_entries[i].ctx)) {
			ctx = ctx_entries[i].ctx;
			*verify_peer = ctx_entries[i].verify_peer;
			ctx_entries[i].used = now;
		}
		break;
	}
	if (ctx)
		ctx_hits++;
	else
		ctx_misses++;
	pthread_mutex_unlock(&ctx_lock);
	return ctx;
}

void ctxcache_put(const unsigned char key[CTX_KEY_LEN], SSL_CTX *ctx,
		  bool verify_peer)
{
	uint64_t now = clock_ms(), oldest;
	unsigned int i, lru;

	if (!SSL_CTX_up_ref(ctx))
		return;
	pthread_mutex_lock(&ctx_lock);
	ctx_expire(now);
	for (i = 0; i < ctx_n; i++) {
		/* Another worker built the same meanwhile: keep the first. */
		if (!memcmp(ctx_entries[i].key, key, CTX_KEY_LEN)) {
			pthread_mutex_unlock(&ctx_lock);
			SSL_CTX_free(ctx);
			return;
		}
	}
	if (ctx_n == CTX_CACHE_MAX) {
		lru = 0;
		oldest = ctx_entries[0].used;
		for (i = 1; i < ctx_n; i++) {
			if (ctx_entries[i].used < oldest) {
				oldest = ctx_entries[i].used;
				lru = i;
			}
		}
		ctx_drop(lru);
	}
	memcpy(ctx_entries[ctx_n].key, key, CTX_KEY_LEN);
	ctx_entries[ctx_n].ctx = ctx;
	ctx_entries[ctx_n].verify_peer = verify_peer;
	ctx_entries[ctx_n].used = now;
	ctx_n++;
	pthread_mutex_unlock(&ctx_lock);
}

void ctxcache_stats(unsigned long *hits, unsigned long *misses,
		    unsigned int *entries)
{
	pthread_mutex_lock(&ctx_lock);
	*hits = ctx_hits;
	*misses = ctx_misses;
	*entries = ctx_n;
	pthread_mutex_unlock(&ctx_lock);
}

void ctxcache_flush(void)
{
	pthread_mutex_lock(&ctx_lock);
	while (ctx_n)
		ctx_drop(ctx_n - 1);
	pthread_mutex_unlock(&ctx_lock);
}
