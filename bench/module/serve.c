// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl_bench, the server side: a kernel listening socket whose accepted
 * connections each get a ktlsctl_server_hello(), as a kernel TLS server
 * (an NFS server, an NVMe-TCP target) asks for them; timed from submission
 * to the callback (keys installed), like the client runs of main.c.
 */
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/in.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/net.h>
#include <linux/nsproxy.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include <ktlsctl/handshake.h>
#include "bench.h"

/* A listening TCP socket of the caller's namespace on @req's address. */
static int ktlsctl_bench_listen(const struct ktlsctl_bench_req *req,
				struct socket **out)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(req->port),
		.sin_addr.s_addr = req->addr,
	};
	struct socket *sock;
	int err;

	err = sock_create_kern(current->nsproxy->net_ns, AF_INET, SOCK_STREAM,
			       IPPROTO_TCP, &sock);
	if (err)
		return err;
	/* The previous run's connections may linger in TIME_WAIT. */
	sock_set_reuseaddr(sock->sk);
	if (req->timeout_ms)
		WRITE_ONCE(sock->sk->sk_rcvtimeo,
			   msecs_to_jiffies(req->timeout_ms));
	err = kernel_bind(sock, (struct sockaddr *)&sin, sizeof(sin));
	if (!err)
		err = kernel_listen(sock, SOMAXCONN);
	if (err) {
		sock_release(sock);
		return err;
	}
	*out = sock;
	return 0;
}

/* Accepts the next connection into @c, a socket with a file. */
static int ktlsctl_bench_accept(struct ktlsctl_bench_file *bf,
				struct socket *lsock,
				struct ktlsctl_bench_conn *c)
{
	struct socket *sock;
	int err;

	c->bf = bf;
	err = kernel_accept(lsock, &sock, 0);
	if (err)
		/* A signal ends the run; no restart of the whole of it. */
		return err == -ERESTARTSYS ? -EINTR : err;
	return ktlsctl_bench_hold(c, sock);
}

static int ktlsctl_bench_serve_creds(struct ktlsctl_bench_file *bf,
				     const struct ktlsctl_bench_serve *s)
{
	void *p;

	p = ktlsctl_bench_copy(&s->cert, KTLSCTL_BENCH_MAX_BLOB);
	if (IS_ERR(p))
		return PTR_ERR(p);
	bf->cert = p;
	bf->cert_len = s->cert.len;
	p = ktlsctl_bench_copy(&s->key, KTLSCTL_BENCH_MAX_BLOB);
	if (IS_ERR(p))
		return PTR_ERR(p);
	bf->key = p;
	bf->key_len = s->key.len;
	bf->server = true;
	return 0;
}

int ktlsctl_bench_serve(struct ktlsctl_bench_file *bf,
			struct ktlsctl_bench_serve *s)
{
	struct ktlsctl_bench_run *r = &s->run;
	struct socket *lsock;
	u32 conc, i, reaped = 0;
	int err;

	if (r->req.peer_name.len || r->req.ca.len || !s->cert.len ||
	    !s->key.len || s->cert.pad || s->key.pad)
		return -EINVAL;
	err = ktlsctl_bench_setup(bf, &r->req, r->n);
	if (err)
		return err;
	err = ktlsctl_bench_serve_creds(bf, s);
	if (err)
		goto out;
	err = ktlsctl_bench_listen(&r->req, &lsock);
	if (err)
		goto out;
	conc = r->concurrency ? r->concurrency : r->n;
	for (i = 0; i < r->n; i++) {
		err = ktlsctl_bench_next_slot(bf, conc, &reaped, i);
		if (err)
			break;
		err = ktlsctl_bench_accept(bf, lsock, &bf->conns[i]);
		if (err)
			break;
		if (!i)
			bf->t0 = ktime_get_ns();
		bf->n = i + 1;
		ktlsctl_bench_submit(bf, &bf->conns[i]);
	}
	/* No more connections: later ones are refused, not left queued. */
	sock_release(lsock);
	ktlsctl_bench_wait_all(bf, err);
	if (!err)
		err = ktlsctl_bench_results(bf, r);
out:
	ktlsctl_bench_reset(bf);
	return err;
}
