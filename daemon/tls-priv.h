/* SPDX-License-Identifier: GPL-2.0 */
/* Internals shared by tls.c (the engine) and record.c (its key state). */
#ifndef _KTLSCTLD_TLS_PRIV_H
#define _KTLSCTLD_TLS_PRIV_H

#include <openssl/ssl.h>

#include "creds.h"
#include "keys.h"
#include "sockbio.h"
#include "tls.h"

/* Record counting of one direction, see record.c. */
struct tls_dir_count {
	uint64_t records;	/* since the last key change */
};

struct tls_conn {
	SSL *ssl;
	struct sockbio io;	/* the fd, and what its BIO saw */
	uint32_t role, auth;
	struct creds creds;
	bool verify_peer;	/* a certificate of the peer is verified */
	bool psk_used;		/* the PSK callbacks handed out the key */
	bool psk_unknown;	/* the peer named an identity we lack */
	/* TLS 1.3 application traffic secrets of generation 0 */
	uint8_t client_secret[KEYS_SECRET_MAX], server_secret[KEYS_SECRET_MAX];
	size_t client_secret_len, server_secret_len;
	struct tls_dir_count tx, rx;
	char psk_peer[KTLSCTL_PSK_IDENTITY_MAX_LEN * 2 + 1];
	unsigned char *alpn;	/* our ALPN list, wire format */
	size_t alpn_len;
	char error[160];	/* why the handshake failed */
};

/* psk.c: the PSK callbacks of a client (@client) or server connection. */
void tls_psk_setup(SSL *ssl, bool client);

/* record.c: callbacks that follow the key state of a connection. */
void tls_record_ctx(SSL_CTX *ctx);
void tls_record_setup(SSL *ssl, struct tls_conn *c);
int tls_record_result(struct tls_conn *c, struct tls_result *r);

#endif /* _KTLSCTLD_TLS_PRIV_H */
