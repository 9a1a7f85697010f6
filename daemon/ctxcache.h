/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SSL_CTX cache (ctxcache.c): contexts shared by the handshakes that
 * ask for the same credentials and policy, bounded in number and idle time.
 */
#ifndef _KTLSCTLD_CTXCACHE_H
#define _KTLSCTLD_CTXCACHE_H

#include <stdbool.h>

#include <openssl/ssl.h>

#include "tls.h"

#define CTX_KEY_LEN	32

/* The key of the context @p asks for (no PSK in it). 0 or ENOMEM. */
int ctxcache_key(const struct tls_params *p, unsigned char key[CTX_KEY_LEN]);
/* A new reference to the context under @key, or NULL; its verify flag. */
SSL_CTX *ctxcache_get(const unsigned char key[CTX_KEY_LEN], bool *verify_peer);
/* Keeps a reference to @ctx under @key (the caller keeps its own). */
void ctxcache_put(const unsigned char key[CTX_KEY_LEN], SSL_CTX *ctx,
		  bool verify_peer);
void ctxcache_stats(unsigned long *hits, unsigned long *misses,
		    unsigned int *entries);
/* Frees every context (daemon exit). */
void ctxcache_flush(void);

#endif /* _KTLSCTLD_CTXCACHE_H */
