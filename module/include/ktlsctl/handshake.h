/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktlsctl consumer API: kernel code that holds a connected socket asks for a
 * TLS handshake; a user-space daemon runs it and the ktlsctl module installs
 * the negotiated record-layer keys into kTLS before calling back.
 *
 * Contract:
 *  - ktlsctl_client_hello() / ktlsctl_server_hello() return 0 when the
 *    request was queued: then exactly one call of @args->done follows, with
 *    success or an error (-ETIMEDOUT, -ECANCELED, -EACCES, ...). A negative
 *    return means the request was refused and no callback follows.
 *  - Everything @args points to is copied before the call returns; secrets
 *    are zeroized when the request is freed.
 *  - The socket must be a connected TCP socket with a file (sock->file; see
 *    sock_alloc_file()). The module pins that file until the callback has
 *    returned; the consumer must not release the socket before then.
 *  - The callback runs in process context (a workqueue), never under a lock
 *    of the consumer's, exactly once, and may sleep.
 *  - The module enforces @args->timeout_ms itself.
 *  - When the socket's network namespace goes away, pending requests
 *    complete with -ENETDOWN in ktlsctl's pernet pre_exit, so every
 *    callback has run before any pernet exit method (the consumer's own,
 *    where it releases its kernel sockets, and TCP's) is called.
 *  - A daemon lost before it touched the stream does not fail the request:
 *    it goes back to the queue once; otherwise -ECONNABORTED.
 *  - ktlsctl_handshake_cancel() may be called from any context, softirq
 *    included.
 */
#ifndef _KTLSCTL_HANDSHAKE_H
#define _KTLSCTL_HANDSHAKE_H

#include <linux/types.h>
#include <uapi/linux/ktlsctl.h>

struct socket;
struct sock;
struct msghdr;

/**
 * struct ktlsctl_cred - a credential handed to the daemon with the request
 * @name: entry of the module's credential store (NULL: the blobs below are
 *	the credential itself, as the probe passes them)
 * @type: KTLSCTL_CRED_TYPE_*
 * @cert: certificate chain, PEM or DER, leaf first (CERT)
 * @cert_len: its length
 * @key: private key of the leaf (CERT); secret
 * @key_len: its length
 * @ca: CA certificates, PEM or DER (TRUST)
 * @ca_len: its length
 * @psk_identity: PSK identity (PSK)
 * @psk_identity_len: its length
 * @psk_secret: PSK (PSK); secret
 * @psk_secret_len: its length (16..64)
 * @psk_hash: KTLSCTL_PSK_HASH_* (0: SHA-256)
 */
struct ktlsctl_cred {
	const char *name;
	u32 type;
	const void *cert;
	size_t cert_len;
	const void *key;
	size_t key_len;
	const void *ca;
	size_t ca_len;
	const void *psk_identity;
	size_t psk_identity_len;
	const void *psk_secret;
	size_t psk_secret_len;
	u32 psk_hash;
};

/**
 * struct ktlsctl_handshake_result - what the callback learns
 * @status: 0 on success, else a negative errno
 * @version: negotiated KTLSCTL_TLS_VERSION_* (0 on failure)
 * @cipher: negotiated KTLSCTL_CIPHER_* (0 on failure)
 * @tx_mode: KTLSCTL_KEY_MODE_SW or _HW for the transmit direction
 * @rx_mode: same for receive
 * @peer_identity: verified peer identity (certificate subject or PSK
 *	identity), NUL-terminated, or NULL; valid during the callback only
 * @alpn: selected ALPN protocol or NULL; valid during the callback only
 * @alpn_len: its length
 */
struct ktlsctl_handshake_result {
	int status;
	u32 version;
	u32 cipher;
	u32 tx_mode;
	u32 rx_mode;
	const char *peer_identity;
	const u8 *alpn;
	size_t alpn_len;
};

/**
 * struct ktlsctl_handshake_args - one handshake request
 * @sock: the connected socket (with a file)
 * @handler: KTLSCTL_HANDLER_* (0: TLS)
 * @auth: KTLSCTL_AUTH_ANON (client only), _X509 or _PSK; 0 lets the policy
 *	decide, else it follows the credentials (a PSK alone: PSK; a
 *	certificate, or the server role: X.509; else anonymous)
 * @peer_name: client: SNI and the name the server certificate must match;
 *	server: optional name the client certificate must match; may be NULL
 * @creds: credentials for the daemon (certificate and key, trust bundle,
 *	PSKs); an entry with a @name and no contents is taken from the
 *	namespace's credential store. NULL with @num_creds 0 lets the
 *	policies decide: the first policy that matches the request supplies
 *	its credentials, and its settings fill in every field below left 0
 *	(the two versions as a pair)
 * @num_creds: number of @creds
 * @tls_min: lowest KTLSCTL_TLS_VERSION_* allowed (0: TLS 1.2)
 * @tls_max: highest allowed (0: TLS 1.3)
 * @ciphers: allowed KTLSCTL_CIPHER_* in order of preference (NULL: all
 *	that kTLS supports)
 * @num_ciphers: number of @ciphers
 * @alpn: ALPN identifiers, each a NUL-terminated string; may be NULL
 * @num_alpn: number of @alpn
 * @timeout_ms: overall time limit from submission (0: the module default)
 * @offload: KTLSCTL_OFFLOAD_* (0: none)
 * @tag: who asks ("nfs", "nvme", "probe"; shown to operators), may be NULL
 * @done: completion callback
 * @data: passed to @done
 */
struct ktlsctl_handshake_args {
	struct socket *sock;
	u32 handler;
	u32 auth;
	const char *peer_name;
	const struct ktlsctl_cred *creds;
	unsigned int num_creds;
	u32 tls_min;
	u32 tls_max;
	const u32 *ciphers;
	unsigned int num_ciphers;
	const char * const *alpn;
	unsigned int num_alpn;
	unsigned int timeout_ms;
	u32 offload;
	const char *tag;
	void (*done)(void *data, const struct ktlsctl_handshake_result *res);
	void *data;
};

int ktlsctl_client_hello(const struct ktlsctl_handshake_args *args);
int ktlsctl_server_hello(const struct ktlsctl_handshake_args *args);

/*
 * ktlsctl_handshake_cancel - cancel the pending request on @sk.
 * Returns 0 when a pending request was found: its callback follows with
 * -ECANCELED unless the handshake completed first (then with that result).
 * Returns -ENOENT when @sk has no pending request (never submitted, or its
 * callback already ran or is running).
 */
int ktlsctl_handshake_cancel(struct sock *sk);

/*
 * ktlsctl_recvmsg - read application data from a kTLS socket.
 * Like kernel_recvmsg() on @sock with @msg's iterator, but it always passes a
 * control-message buffer and handles non-data records itself:
 *  - NewSessionTicket (and other post-handshake messages that need no
 *    action) are consumed quietly and the read continues;
 *  - close_notify reads as end of file (returns 0);
 *  - a fatal alert returns -ECONNRESET, with the alert description stored
 *    in *@alert when @alert is not NULL;
 *  - a KeyUpdate returns -EKEYEXPIRED: the peer moved to new keys that this
 *    socket cannot follow in place (no kTLS rekey before Linux 6.14).
 * @msg's iterator must be a kvec or bvec (kernel memory). @flags may hold
 * MSG_DONTWAIT, MSG_NOSIGNAL and MSG_WAITALL; anything else is -EINVAL.
 * Returns the number of bytes read, 0 at end of file, or a negative errno.
 */
int ktlsctl_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
		    int flags, u8 *alert);

#endif /* _KTLSCTL_HANDSHAKE_H */
