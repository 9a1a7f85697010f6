/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktlsctl_bench: what main.c (the device, the client runs) and serve.c
 * (the kernel server) share.
 */
#ifndef _KTLSCTL_BENCH_PRIV_H
#define _KTLSCTL_BENCH_PRIV_H

#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "ktlsctl_bench.h"

#define KTLSCTL_BENCH_MAX_BLOB	65535

struct ktlsctl_bench_file;

/* One connection and its request. */
struct ktlsctl_bench_conn {
	struct ktlsctl_bench_file *bf;
	struct socket *sock;
	struct file *file;
	u64 t_submit;
	u64 t_done;
	int status;
	u32 tx_mode;
	u32 rx_mode;
	bool submitted;
	bool refused;
	bool done;
};

/*
 * What one open file of the device holds. Each pending request holds a
 * reference, so that a callback may still wake the waiter after the
 * file is gone. With @server, the requests are server handshakes with
 * @cert and @key, and each callback shuts its connection down.
 */
struct ktlsctl_bench_file {
	struct kref ref;
	struct mutex lock;	/* serialises ioctls on this file */
	wait_queue_head_t wq;
	atomic_t pending;	/* submitted, callback not run yet */
	struct ktlsctl_bench_req req;
	char *peer_name;
	void *ca;
	void *cert;
	void *key;		/* secret: kfree_sensitive() */
	u32 cert_len;
	u32 key_len;
	bool server;
	struct ktlsctl_bench_conn *conns;
	u32 n_alloc;
	u32 n;			/* connected (or accepted) */
	u64 t0;
};

void *ktlsctl_bench_copy(const struct ktlsctl_bench_buf *b, u32 max);
void ktlsctl_bench_reset(struct ktlsctl_bench_file *bf);
int ktlsctl_bench_setup(struct ktlsctl_bench_file *bf,
			const struct ktlsctl_bench_req *req, u32 n);
void ktlsctl_bench_submit(struct ktlsctl_bench_file *bf,
			  struct ktlsctl_bench_conn *c);
void ktlsctl_bench_wait_all(struct ktlsctl_bench_file *bf, bool cancel);
int ktlsctl_bench_hold(struct ktlsctl_bench_conn *c, struct socket *sock);
int ktlsctl_bench_next_slot(struct ktlsctl_bench_file *bf, u32 conc,
			    u32 *reaped, u32 i);
int ktlsctl_bench_results(struct ktlsctl_bench_file *bf,
			  struct ktlsctl_bench_run *r);

int ktlsctl_bench_serve(struct ktlsctl_bench_file *bf,
			struct ktlsctl_bench_serve *s);

#endif /* _KTLSCTL_BENCH_PRIV_H */
