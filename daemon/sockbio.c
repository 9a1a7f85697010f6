// SPDX-License-Identifier: GPL-2.0
/* The socket BIO (sockbio.h): send() and recv(), no ULP, no kTLS. */
#include <errno.h>
#include <pthread.h>
#include <sys/socket.h>

#include "sockbio.h"

/* The outcome of one send() or recv() of @n, as a BIO returns it. */
static int sockbio_result(BIO *b, struct sockbio *io, ssize_t n, bool rd)
{
	io->syscalls++;
	if (n > 0) {
		io->bytes += (uint64_t)n;
		return (int)n;
	}
	if (!n) {
		if (rd)
			io->eof = true;
		return 0;
	}
	if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
		if (rd)
			BIO_set_retry_read(b);
		else
			BIO_set_retry_write(b);
	} else {
		io->io_errno = errno;
	}
	return -1;
}

static int sockbio_write(BIO *b, const char *buf, int len)
{
	struct sockbio *io = BIO_get_data(b);

	BIO_clear_retry_flags(b);
	return sockbio_result(b, io, send(io->fd, buf, (size_t)len,
					  io->flags | MSG_NOSIGNAL), false);
}

static int sockbio_read(BIO *b, char *buf, int len)
{
	struct sockbio *io = BIO_get_data(b);

	BIO_clear_retry_flags(b);
	return sockbio_result(b, io, recv(io->fd, buf, (size_t)len, io->flags),
			      true);
}

static long sockbio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	struct sockbio *io = BIO_get_data(b);

	(void)num;
	(void)ptr;
	switch (cmd) {
	case BIO_CTRL_FLUSH:
		return 1;
	case BIO_CTRL_EOF:
		return io && io->eof;
	default:
		return 0;	/* no kTLS, no fd for OpenSSL */
	}
}

static pthread_once_t sockbio_once = PTHREAD_ONCE_INIT;
static BIO_METHOD *sockbio_method;

static void sockbio_init(void)
{
	BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() |
				     BIO_TYPE_SOURCE_SINK, "ktlsctl socket");

	if (!m)
		return;
	BIO_meth_set_write(m, sockbio_write);
	BIO_meth_set_read(m, sockbio_read);
	BIO_meth_set_ctrl(m, sockbio_ctrl);
	sockbio_method = m;
}

bool sockbio_ready(void)
{
	pthread_once(&sockbio_once, sockbio_init);
	return sockbio_method;
}

BIO *sockbio_new(struct sockbio *io)
{
	BIO *b;

	if (!sockbio_ready())
		return NULL;
	b = BIO_new(sockbio_method);
	if (!b)
		return NULL;
	BIO_set_data(b, io);
	BIO_set_init(b, 1);
	return b;
}
