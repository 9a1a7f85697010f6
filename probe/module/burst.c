// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl_probe: a burst of client handshakes (KTLSCTL_PROBE_BURST), as a
 * storage client reconnecting all its queues at once would ask for them.
 * It connects @count kernel TCP sockets, submits a request on each back to
 * back, waits for every callback and counts what the API did: refused at
 * submission (-EAGAIN past the queue limit), completed, failed, by errno,
 * with the time each phase took. No data moves.
 */
#include <linux/atomic.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <linux/nsproxy.h>
#include <linux/refcount.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/wait.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include <ktlsctl/handshake.h>
#include "ktlsctl_probe.h"
#include "probe-priv.h"

/* A connect that takes longer fails the socket (-EINPROGRESS). */
#define KTLSCTL_PROBE_BURST_CONNECT_TIMEOUT	(10 * HZ)
/* After a cancel, callbacks come promptly; this long at most. */
#define KTLSCTL_PROBE_BURST_CANCEL_WAIT		(10 * HZ)
/* Added to the requests' timeout for the default wait. */
#define KTLSCTL_PROBE_BURST_GRACE_MS		30000
#define KTLSCTL_PROBE_DEFAULT_TIMEOUT_MS	60000

struct ktlsctl_probe_burst_run;

/**
 * struct ktlsctl_probe_burst_ent - one socket of a burst
 * @run: the burst
 * @sock: the connected socket, owned by @file
 * @file: the waiter's reference (NULL once released)
 * @status: the callback's status
 * @queued: submitted: one callback follows
 * @done: the callback ran (@status is set; release/acquire)
 */
struct ktlsctl_probe_burst_ent {
	struct ktlsctl_probe_burst_run *run;
	struct socket *sock;
	struct file *file;
	int status;
	bool queued;
	bool done;
};

/**
 * struct ktlsctl_probe_burst_run - what the waiter and the callbacks share
 * @refs: the waiter's reference and one per callback still to come: a
 *	waiter that gives up leaves the rest to the last callback
 * @pending: requests submitted and not called back yet
 * @wq: the waiter sleeps here until @pending is zero
 * @last_done_ns: monotonic time of the latest callback
 * @ents: one entry per socket (kvcalloc)
 */
struct ktlsctl_probe_burst_run {
	refcount_t refs;
	atomic_t pending;
	wait_queue_head_t wq;
	atomic64_t last_done_ns;
	struct ktlsctl_probe_burst_ent *ents;
};

static void ktlsctl_probe_burst_put(struct ktlsctl_probe_burst_run *run)
{
	if (refcount_dec_and_test(&run->refs)) {
		kvfree(run->ents);
		kfree(run);
	}
}

/* Runs in process context (the API's workqueue). */
static void ktlsctl_probe_burst_done(void *data,
				     const struct ktlsctl_handshake_result *res)
{
	struct ktlsctl_probe_burst_ent *e = data;
	struct ktlsctl_probe_burst_run *run = e->run;
	s64 now = ktime_get_ns();
	s64 old = atomic64_read(&run->last_done_ns);

	while (old < now &&
	       !atomic64_try_cmpxchg(&run->last_done_ns, &old, now))
		;
	e->status = res->status;
	/* Pairs with the waiter's acquire: @status is set before @done. */
	smp_store_release(&e->done, true);
	if (atomic_dec_and_test(&run->pending))
		wake_up(&run->wq);
	ktlsctl_probe_burst_put(run);
}

static void ktlsctl_probe_errs_add(struct ktlsctl_probe_errs *h, int err)
{
	unsigned int i;

	for (i = 0; i < KTLSCTL_PROBE_BURST_ERRS; i++) {
		if (!h->err[i] || h->err[i] == err) {
			h->err[i] = err;
			h->count[i]++;
			return;
		}
	}
	h->other++;
}

static int ktlsctl_probe_burst_connect(struct net *net, int family,
				       struct sockaddr_storage *ss, int len,
				       struct ktlsctl_probe_burst_ent *e)
{
	struct socket *sock;
	struct file *file;
	int err;

	err = sock_create_kern(net, family, SOCK_STREAM, IPPROTO_TCP, &sock);
	if (err)
		return err;
	/* Bounds the blocking connect, as SO_SNDTIMEO does. */
	sock->sk->sk_sndtimeo = KTLSCTL_PROBE_BURST_CONNECT_TIMEOUT;
	err = kernel_connect(sock, (struct sockaddr *)ss, len, 0);
	if (err) {
		sock_release(sock);
		return err;
	}
	/* The API wants a file-backed socket; on error it was released. */
	file = sock_alloc_file(sock, 0, NULL);
	if (IS_ERR(file))
		return PTR_ERR(file);
	e->sock = sock;
	e->file = file;
	return 0;
}

static u64 ktlsctl_probe_us_since(ktime_t t)
{
	return ktime_us_delta(ktime_get(), t);
}

/* Cancels what is still pending, then waits (bounded) for the callbacks. */
static void ktlsctl_probe_burst_cancel(struct ktlsctl_probe_burst_run *run,
				       u32 count)
{
	struct ktlsctl_probe_burst_ent *e;
	u32 i;

	for (i = 0; i < count; i++) {
		e = &run->ents[i];
		/* Pairs with the callback's release (a cancel may be late). */
		if (e->queued && !smp_load_acquire(&e->done))
			ktlsctl_handshake_cancel(e->sock->sk);
	}
	wait_event_timeout(run->wq, !atomic_read(&run->pending),
			   KTLSCTL_PROBE_BURST_CANCEL_WAIT);
}

/* Submits every connected socket's request; false when killed meanwhile. */
static bool ktlsctl_probe_burst_submit(struct ktlsctl_probe_burst *p,
				       struct ktlsctl_probe_burst_run *run,
				       const struct ktlsctl_probe_bufs *b)
{
	struct ktlsctl_cred creds[KTLSCTL_PROBE_CREDS];
	struct ktlsctl_handshake_args args;
	struct ktlsctl_probe_burst_ent *e;
	int err;
	u32 i;

	ktlsctl_probe_hs_args(&args, creds, &p->args, b);
	args.done = ktlsctl_probe_burst_done;
	for (i = 0; i < p->count; i++) {
		e = &run->ents[i];
		if (!e->file)
			continue;
		if (fatal_signal_pending(current))
			return false;
		args.sock = e->sock;
		args.data = e;
		refcount_inc(&run->refs);
		atomic_inc(&run->pending);
		err = ktlsctl_client_hello(&args);
		if (err) {
			/* No callback follows; the waiter's ref remains. */
			atomic_dec(&run->pending);
			refcount_dec(&run->refs);
			p->refused++;
			ktlsctl_probe_errs_add(&p->refused_errs, err);
			continue;
		}
		e->queued = true;
		p->submitted++;
	}
	return true;
}

/* The outputs start at zero, whatever the caller passed in them. */
static void ktlsctl_probe_burst_clear(struct ktlsctl_probe_burst *p)
{
	struct ktlsctl_probe_args *a = &p->args;

	a->status = 0;
	a->data_status = 0;
	a->version = 0;
	a->cipher_out = 0;
	a->tx_mode = 0;
	a->rx_mode = 0;
	a->bytes_ok = 0;
	memset(a->peer, 0, sizeof(a->peer));
	a->alpn_sel_len = 0;
	a->file_refs = 0;
	memset(a->alpn_sel, 0, sizeof(a->alpn_sel));
	p->connected = 0;
	p->submitted = 0;
	p->refused = 0;
	p->completed = 0;
	p->failed = 0;
	p->unfinished = 0;
	memset(&p->connect_errs, 0, sizeof(p->connect_errs));
	memset(&p->refused_errs, 0, sizeof(p->refused_errs));
	memset(&p->failed_errs, 0, sizeof(p->failed_errs));
	p->connect_us = 0;
	p->submit_us = 0;
	p->done_us = 0;
	p->total_us = 0;
}

int ktlsctl_probe_burst(struct ktlsctl_probe_burst *p)
{
	struct net *net = current->nsproxy->net_ns;
	struct ktlsctl_probe_args *a = &p->args;
	struct ktlsctl_probe_burst_run *run;
	struct ktlsctl_probe_burst_ent *e;
	struct ktlsctl_probe_bufs b;
	struct sockaddr_storage ss;
	ktime_t t0, t1;
	long left, wait;
	int alen, err;
	u64 ms;
	u32 i;

	if (!p->count || p->count > KTLSCTL_PROBE_BURST_MAX)
		return -EINVAL;
	if (!ktlsctl_probe_pads_ok(a) || a->cancel_after_ms || a->flags ||
	    a->send_len || a->send_data.len)
		return -EINVAL;
	ktlsctl_probe_burst_clear(p);
	alen = ktlsctl_probe_addr(a, &ss);
	if (alen < 0)
		return alen;
	err = ktlsctl_probe_get_bufs(&b, a);
	if (err)
		return err;
	err = -ENOMEM;
	run = kzalloc(sizeof(*run), GFP_KERNEL);
	if (!run)
		goto out_bufs;
	run->ents = kvcalloc(p->count, sizeof(*run->ents), GFP_KERNEL);
	if (!run->ents) {
		kfree(run);
		goto out_bufs;
	}
	refcount_set(&run->refs, 1);
	atomic_set(&run->pending, 0);
	init_waitqueue_head(&run->wq);
	atomic64_set(&run->last_done_ns, 0);
	err = 0;

	/* 1. Connect every socket, one after the other. */
	t0 = ktime_get();
	for (i = 0; i < p->count; i++) {
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			goto release;
		}
		e = &run->ents[i];
		e->run = run;
		err = ktlsctl_probe_burst_connect(net, a->family, &ss, alen, e);
		if (err) {
			ktlsctl_probe_errs_add(&p->connect_errs, err);
			err = 0;
			continue;
		}
		p->connected++;
	}
	p->connect_us = ktlsctl_probe_us_since(t0);

	/* 2. Submit them all, back to back. */
	t1 = ktime_get();
	if (!ktlsctl_probe_burst_submit(p, run, &b))
		err = -EINTR;
	p->submit_us = ktlsctl_probe_us_since(t1);
	/* The refused ones end now: the peer sees them close. */
	for (i = 0; i < p->count; i++) {
		e = &run->ents[i];
		if (e->file && !e->queued)
			kernel_sock_shutdown(e->sock, SHUT_RDWR);
	}

	/* 3. Every callback, or cancel what is left. */
	ms = p->wait_ms;
	if (!ms)
		ms = (u64)(a->timeout_ms ?: KTLSCTL_PROBE_DEFAULT_TIMEOUT_MS) +
		     KTLSCTL_PROBE_BURST_GRACE_MS;
	wait = msecs_to_jiffies(min_t(u64, ms, U32_MAX));
	left = 0;
	if (!err)
		left = wait_event_killable_timeout(run->wq,
						   !atomic_read(&run->pending),
						   wait);
	if (left <= 0) {
		if (left < 0)
			err = -EINTR;
		ktlsctl_probe_burst_cancel(run, p->count);
	}
	for (i = 0; i < p->count; i++) {
		e = &run->ents[i];
		if (!e->queued)
			continue;
		/* Pairs with the callback's release: then @status is set. */
		if (!smp_load_acquire(&e->done)) {
			p->unfinished++;
		} else if (!e->status) {
			p->completed++;
		} else {
			p->failed++;
			ktlsctl_probe_errs_add(&p->failed_errs, e->status);
		}
	}
	if (atomic64_read(&run->last_done_ns))
		p->done_us = div_u64(atomic64_read(&run->last_done_ns) -
				     ktime_to_ns(t1), NSEC_PER_USEC);

release:
	/* The API gave its own reference back before calling back. */
	for (i = 0; i < p->count; i++) {
		e = &run->ents[i];
		if (e->file)
			fput(e->file);
		e->file = NULL;
	}
	p->total_us = ktlsctl_probe_us_since(t0);
	ktlsctl_probe_burst_put(run);
out_bufs:
	ktlsctl_probe_free_bufs(&b);
	return err;
}
