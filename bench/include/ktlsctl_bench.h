/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause */
/*
 * ktlsctl bench: the ioctl interface between the ktlsctl_bench module (a
 * kernel consumer that issues many handshake requests at once, as a client
 * or as a server, and times them) and the ktlsctl-bench tool. Not a stable ABI: both come from one
 * build.
 */
#ifndef _KTLSCTL_BENCH_H
#define _KTLSCTL_BENCH_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define KTLSCTL_BENCH_DEV "ktlsctl-bench"

/* Most connections one open file of the device holds at once. */
#define KTLSCTL_BENCH_MAX_CONNS	4096

struct ktlsctl_bench_buf {
	__u64 ptr;
	__u32 len;
	__u32 pad;
};

/**
 * struct ktlsctl_bench_req - what every handshake of a run asks for
 * @port: server port, host byte order
 * @pad0: zero
 * @addr: IPv4 server address, network order
 * @tls_version: the one KTLSCTL_TLS_VERSION_* allowed
 * @cipher: the one KTLSCTL_CIPHER_* allowed
 * @timeout_ms: handshake timeout (0: the module's default)
 * @pad1: zero
 * @peer_name: SNI and name to verify
 * @ca: trusted CAs (PEM)
 */
struct ktlsctl_bench_req {
	__u16 port;
	__u16 pad0;
	__u32 addr;
	__u32 tls_version;
	__u32 cipher;
	__u32 timeout_ms;
	__u32 pad1;
	struct ktlsctl_bench_buf peer_name;
	struct ktlsctl_bench_buf ca;
};

/**
 * struct ktlsctl_bench_run - KTLSCTL_BENCH_RUN: @n client handshakes, at
 * most @concurrency in flight (connect, submit; a completed one is closed
 * and the next connected), timed from the first connect to the last
 * callback.
 * KTLSCTL_BENCH_CONNECT connects @n sockets and keeps them; _SUBMIT submits
 * a request on each at once (returns when all are queued; @elapsed_ns is
 * the submission time); _WAIT waits for every callback (with @cancel set,
 * cancels the pending ones first), fills the results and closes them.
 * @req: the handshake
 * @n: connections
 * @concurrency: RUN only: most in flight at once (0: @n)
 * @cancel: WAIT only: cancel what is pending first
 * @lat_ns: out: per connection, submission to callback (n __u64), or 0
 * @elapsed_ns: out: RUN: first connect to last callback; SUBMIT: the
 *	submissions; WAIT: first submission to last callback
 * @ok: out: callbacks with status 0
 * @failed: out: callbacks with an error
 * @refused: out: submissions refused at once (no callback)
 * @first_error: out: the first negative errno seen (callback or refusal)
 */
struct ktlsctl_bench_run {
	struct ktlsctl_bench_req req;
	__u32 n;
	__u32 concurrency;
	__u32 cancel;
	__u32 pad;
	struct ktlsctl_bench_buf lat_ns;
	__u64 elapsed_ns;
	__u32 ok;
	__u32 failed;
	__u32 refused;
	__s32 first_error;
};

/**
 * struct ktlsctl_bench_fd - KTLSCTL_BENCH_FD: one client handshake on a
 * socket of the caller's network namespace; on success the socket, with
 * kTLS TX and RX installed by the ktlsctl module, becomes a new fd of the
 * caller (O_CLOEXEC).
 * @req: the handshake
 * @fd: out: the fd
 * @status: out: 0 or the handshake's negative errno
 * @tx_mode: out: KTLSCTL_KEY_MODE_*
 * @rx_mode: out: KTLSCTL_KEY_MODE_*
 */
struct ktlsctl_bench_fd {
	struct ktlsctl_bench_req req;
	__s32 fd;
	__s32 status;
	__u32 tx_mode;
	__u32 rx_mode;
};

/**
 * struct ktlsctl_bench_serve - KTLSCTL_BENCH_SERVE: @run.n server
 * handshakes. Listens on @run.req's port and address (0: any) in the
 * caller's network namespace, accepts @run.n connections and asks for a
 * server handshake on each (X.509, @cert and @key handed by value, no
 * client certificate asked for), at most @run.concurrency submitted and
 * not yet called back (0: @run.n); each connection is shut down at its
 * callback and closed. @run.req.timeout_ms also bounds each wait for a
 * connection (-EAGAIN); a signal ends the run (-EINTR) and cancels what is
 * pending. @run.req.peer_name and @run.req.ca must be empty. The results
 * as for RUN, @run.elapsed_ns from the first accept to the last callback.
 * @run: the run
 * @cert: certificate chain (PEM), leaf first
 * @key: the leaf's private key (PEM)
 */
struct ktlsctl_bench_serve {
	struct ktlsctl_bench_run run;
	struct ktlsctl_bench_buf cert;
	struct ktlsctl_bench_buf key;
};

#define KTLSCTL_BENCH_RUN	_IOWR('b', 1, struct ktlsctl_bench_run)
#define KTLSCTL_BENCH_CONNECT	_IOWR('b', 2, struct ktlsctl_bench_run)
#define KTLSCTL_BENCH_SUBMIT	_IOWR('b', 3, struct ktlsctl_bench_run)
#define KTLSCTL_BENCH_WAIT	_IOWR('b', 4, struct ktlsctl_bench_run)
#define KTLSCTL_BENCH_FD	_IOWR('b', 5, struct ktlsctl_bench_fd)
#define KTLSCTL_BENCH_SERVE	_IOWR('b', 6, struct ktlsctl_bench_serve)

#endif /* _KTLSCTL_BENCH_H */
