/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The socket BIO: plain send() and recv() on a connected fd, for OpenSSL.
 *
 * Debian's OpenSSL is built with kTLS, and its own socket BIO attaches the
 * "tls" ULP to the fd (BIO_set_fd(), SSL_set_fd()) even when kTLS is off in
 * the SSL. The module installs the keys itself and must find the socket
 * without a ULP, so the daemon never gives OpenSSL the fd: it gives it this
 * BIO, which only moves bytes and answers 0 to every kTLS control. The
 * in-place benchmark (bench/) uses it too, so that both do the same I/O.
 */
#ifndef _KTLSCTLD_SOCKBIO_H
#define _KTLSCTLD_SOCKBIO_H

#include <stdbool.h>
#include <stdint.h>

#include <openssl/bio.h>

struct sockbio {
	int fd;
	int flags;		/* added to every send() and recv() */
	bool eof;		/* recv() returned 0: the peer closed */
	int io_errno;		/* the last error other than "try again" */
	uint64_t syscalls;	/* send() and recv() calls */
	uint64_t bytes;		/* moved by them */
};

/*
 * Makes the BIO method once (the daemon calls it at start, before it drops
 * its privileges); false when out of memory.
 */
bool sockbio_ready(void);

/*
 * A BIO on @io, which must outlive it (BIO_free() leaves @io alone);
 * NULL when out of memory.
 */
BIO *sockbio_new(struct sockbio *io);

#endif /* _KTLSCTLD_SOCKBIO_H */
