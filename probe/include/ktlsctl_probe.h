/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause */
/*
 * ktlsctl probe: the ioctl interface between the ktlsctl_probe test module
 * (a kernel consumer of the handshake API, as NFS or NVMe-TCP would be) and
 * the ktlsctl-probe tool. Not a stable ABI: both come from one build.
 */
#ifndef _KTLSCTL_PROBE_H
#define _KTLSCTL_PROBE_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define KTLSCTL_PROBE_DEV "ktlsctl-probe"

/* A user-space buffer handed to the module. */
struct ktlsctl_probe_buf {
	__u64 ptr;
	__u32 len;
	__u32 pad;
};

enum {
	KTLSCTL_PROBE_F_EXPECT_ECHO = 1 << 0,	/* connect: read back, compare */
	KTLSCTL_PROBE_F_ECHO = 1 << 1,		/* listen: echo until EOF */
};

/*
 * Most bytes of the ALPN list (@alpn below). The number of identifiers is
 * left to the handshake API, which refuses more than it supports (-EINVAL).
 */
#define KTLSCTL_PROBE_ALPN_MAX_LEN	4096

/**
 * struct ktlsctl_probe_args - one run of the probe
 * @family: AF_INET or AF_INET6
 * @port: TCP port, host byte order
 * @addr: peer address (connect) or local address (listen), network order
 * @auth: KTLSCTL_AUTH_*, 0 to let the module decide
 * @tls_min: lowest KTLSCTL_TLS_VERSION_* (0: default)
 * @tls_max: highest (0: default)
 * @cipher: the one KTLSCTL_CIPHER_* allowed, 0 for any
 * @timeout_ms: handshake timeout (0: the module's default)
 * @cancel_after_ms: cancel the handshake after this long (0: never)
 * @flags: KTLSCTL_PROBE_F_*
 * @send_len: connect: random bytes to send when @send_data is empty
 * @peer_name: SNI / name to verify
 * @cert: certificate chain (PEM)
 * @key: private key (PEM)
 * @ca: trusted CAs (PEM)
 * @psk_identity: PSK identity
 * @psk_secret: PSK
 * @send_data: connect: bytes to send instead of random ones
 * @alpn: ALPN identifiers offered (client) or accepted (server), in the
 *	wire format: each one 1 to 255 bytes, without NUL, preceded by its
 *	length byte; empty for no ALPN
 * @cred_name: a certificate credential of the namespace's store, by name
 * @trust_name: a trust bundle of the store, by name
 * @psk_name: a PSK of the store, by name
 * @psk_hash: KTLSCTL_PSK_HASH_* of the PSK (0: SHA-256)
 * @pad2: must be zero
 * @status: out: 0 or the negative errno of the handshake
 * @data_status: out: 0 or the negative errno of the data phase; -EBADFD
 *	when the socket's file came back with O_NONBLOCK set (the daemon
 *	shares the struct file and must restore its flags)
 * @version: out: negotiated KTLSCTL_TLS_VERSION_*
 * @cipher_out: out: negotiated KTLSCTL_CIPHER_*
 * @tx_mode: out: KTLSCTL_KEY_MODE_*
 * @rx_mode: out: KTLSCTL_KEY_MODE_*
 * @bytes_ok: out: bytes sent and verified (connect) or echoed (listen)
 * @peer: out: verified peer identity, NUL-terminated
 * @alpn_sel_len: out: length of @alpn_sel, 0 when no protocol was selected
 * @file_refs: out: references to the socket's file, besides the probe's
 *	own, when the callback ran: the daemon's until it closes its
 *	descriptor, never ktlsctl's (which must be given back before the
 *	callback, so that a consumer's release is the last one)
 * @alpn_sel: out: the selected ALPN protocol (not NUL-terminated)
 *
 * The input's pad fields, and those of each struct ktlsctl_probe_buf, must
 * be zero (else -EINVAL). A buffer longer than the module takes fails the
 * ioctl with -EMSGSIZE, a malformed @alpn with -EINVAL. What the handshake
 * API checks itself (blob lengths up to 65535 bytes, @psk_hash, the number
 * of ALPN identifiers) is passed on, so that its own errors are what tests
 * see: then @status holds them.
 */
struct ktlsctl_probe_args {
	__u32 family;
	__u16 port;
	__u16 pad0;
	__u8 addr[16];
	__u32 auth;
	__u32 tls_min;
	__u32 tls_max;
	__u32 cipher;
	__u32 timeout_ms;
	__u32 cancel_after_ms;
	__u32 flags;
	__u32 pad1;
	__u64 send_len;
	struct ktlsctl_probe_buf peer_name;
	struct ktlsctl_probe_buf cert;
	struct ktlsctl_probe_buf key;
	struct ktlsctl_probe_buf ca;
	struct ktlsctl_probe_buf psk_identity;
	struct ktlsctl_probe_buf psk_secret;
	struct ktlsctl_probe_buf send_data;
	struct ktlsctl_probe_buf alpn;
	struct ktlsctl_probe_buf cred_name;
	struct ktlsctl_probe_buf trust_name;
	struct ktlsctl_probe_buf psk_name;
	__u32 psk_hash;
	__u32 pad2;
	__s32 status;
	__s32 data_status;
	__u32 version;
	__u32 cipher_out;
	__u32 tx_mode;
	__u32 rx_mode;
	__u64 bytes_ok;
	char peer[256];
	__u32 alpn_sel_len;
	__u32 file_refs;
	__u8 alpn_sel[256];
};

/* Most handshakes of one burst. */
#define KTLSCTL_PROBE_BURST_MAX		65536
/* Distinct errno values a burst counts apiece (the rest: @other). */
#define KTLSCTL_PROBE_BURST_ERRS	8

/**
 * struct ktlsctl_probe_errs - a small histogram of negative errno values
 * @err: the values, in order of first occurrence; 0 marks unused slots
 * @count: how many times each occurred
 * @other: occurrences of further values, when all slots are taken
 * @pad: zero
 */
struct ktlsctl_probe_errs {
	__s32 err[KTLSCTL_PROBE_BURST_ERRS];
	__u32 count[KTLSCTL_PROBE_BURST_ERRS];
	__u32 other;
	__u32 pad;
};

/**
 * struct ktlsctl_probe_burst - many client handshakes at once
 * @args: the target and what each request asks for, as for
 *	KTLSCTL_PROBE_CONNECT (family, addr, port, auth, versions, cipher,
 *	timeout_ms, peer name, credentials, ALPN); @args.cancel_after_ms,
 *	@args.flags, @args.send_len and @args.send_data must be 0 (no data
 *	moves); the outputs of @args are left zero
 * @count: in: sockets to connect and requests to submit,
 *	1..KTLSCTL_PROBE_BURST_MAX
 * @wait_ms: in: the longest wait for the callbacks after the last
 *	submission (0: @args.timeout_ms, or the API's default of 60 s,
 *	plus 30 s); then the rest are cancelled
 * @connected: out: sockets connected
 * @submitted: out: requests the API queued (each called back once)
 * @refused: out: requests the API refused at submission
 * @completed: out: callbacks with status 0 (kTLS installed)
 * @failed: out: callbacks with an error
 * @unfinished: out: requests still without a callback after @wait_ms
 *	and the cancel that follows (none, unless the API loses callbacks)
 * @connect_errs: out: connect failures by errno (fewer sockets connected)
 * @refused_errs: out: submissions refused, by errno
 * @failed_errs: out: callbacks with an error, by status
 * @connect_us: out: time to connect every socket
 * @submit_us: out: time to submit every request, back to back
 * @done_us: out: from the first submission to the last callback
 * @total_us: out: the whole ioctl, until every socket was released
 *
 * The sockets are connected one after the other, then every request is
 * submitted without a pause; the refused sockets are released at once,
 * the others once called back. A fatal signal cancels every pending
 * request and returns -EINTR once they all came back (or 10 s passed).
 */
struct ktlsctl_probe_burst {
	struct ktlsctl_probe_args args;
	__u32 count;
	__u32 wait_ms;
	__u32 connected;
	__u32 submitted;
	__u32 refused;
	__u32 completed;
	__u32 failed;
	__u32 unfinished;
	struct ktlsctl_probe_errs connect_errs;
	struct ktlsctl_probe_errs refused_errs;
	struct ktlsctl_probe_errs failed_errs;
	__u64 connect_us;
	__u64 submit_us;
	__u64 done_us;
	__u64 total_us;
};

/*
 * The network namespace of an nsfs file descriptor (an __s32) for the next
 * socket KTLSCTL_PROBE_CONNECT creates on this device file; the probe lets
 * the namespace go as soon as the socket exists, so that it can be
 * destroyed during the handshake (the probe's sockets then hold up the
 * namespace's exit until the probe released them).
 */
#define KTLSCTL_PROBE_NETNS	_IOW('k', 5, __s32)
/* Bind and listen on @addr:@port (only family, addr, port are read). */
#define KTLSCTL_PROBE_LISTEN	_IOW('k', 1, struct ktlsctl_probe_args)
/* Connect (or accept on the listening socket), handshake, move data. */
#define KTLSCTL_PROBE_CONNECT	_IOWR('k', 2, struct ktlsctl_probe_args)
#define KTLSCTL_PROBE_ACCEPT	_IOWR('k', 3, struct ktlsctl_probe_args)
/* Connect @count sockets, submit them all, wait for every callback. */
#define KTLSCTL_PROBE_BURST	_IOWR('k', 4, struct ktlsctl_probe_burst)

#endif /* _KTLSCTL_PROBE_H */
