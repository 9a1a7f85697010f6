/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handshake engine: one non-blocking OpenSSL handshake on a connected
 * socket, driven step by step by an event loop, and the record-layer state
 * it ends in. No netlink here, so tests drive it against real peers.
 */
#ifndef _KTLSCTLD_TLS_H
#define _KTLSCTLD_TLS_H

#include <stdbool.h>
#include <stdint.h>

#include "libktlsctl.h"

struct tls_params {
	uint32_t role;			/* KTLSCTL_ROLE_* */
	uint32_t auth;			/* KTLSCTL_AUTH_* */
	const char *peer_name;		/* SNI and name to verify; may be "" */
	uint32_t tls_min, tls_max;	/* KTLSCTL_TLS_VERSION_*; 0: 1.2 / 1.3 */
	const uint32_t *ciphers;	/* KTLSCTL_CIPHER_*, preferred first */
	unsigned int n_ciphers;		/* 0: all four */
	const unsigned char *alpn;	/* wire-format list; may be NULL */
	size_t alpn_len;
	const struct ktlsctl_handed_cred *creds;
	unsigned int n_creds;
	int num_tickets;		/* TLS 1.3 server: tickets to send */
};

struct tls_result {
	uint32_t version;		/* KTLSCTL_TLS_VERSION_* */
	uint32_t cipher;		/* KTLSCTL_CIPHER_* */
	struct ktlsctl_crypto tx, rx;
	char peer_identity[KTLSCTL_PEER_NAME_MAX_LEN + 1];
	unsigned char alpn[KTLSCTL_ALPN_MAX_LEN];
	size_t alpn_len;
};

struct tls_conn;

/*
 * Initialises OpenSSL (its configuration file, error strings, the TLS
 * algorithms) before the daemon drops its privileges. 0 or ENOMEM.
 */
int tls_init(void);

/*
 * Prepares a handshake on fd (connected, made non-blocking by the caller;
 * never closed or shut down here). 0 or a positive errno.
 */
int tls_conn_new(const struct tls_params *p, int fd, struct tls_conn **out);

/*
 * Runs the handshake as far as the socket allows: 0 when it completed,
 * -EAGAIN with *events (EPOLLIN/EPOLLOUT) to wait for, or the failure as a
 * positive errno (see the mapping in tls.c).
 */
int tls_conn_step(struct tls_conn *c, uint32_t *events);

/* After a completed handshake: versions, keys, sequence numbers. */
int tls_conn_result(struct tls_conn *c, struct tls_result *r);

/* What went wrong, after a failed tls_conn_step(). */
const char *tls_conn_error(const struct tls_conn *c);

/*
 * Zeroes the secrets of ours the connection holds (the traffic secrets,
 * the PSK) once they went out with DONE; OpenSSL's own go at the free.
 */
void tls_conn_wipe(struct tls_conn *c);

/* Frees the connection and zeroes every secret it held. */
void tls_conn_free(struct tls_conn *c);

void tls_result_wipe(struct tls_result *r);

#endif /* _KTLSCTLD_TLS_H */
