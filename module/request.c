// SPDX-License-Identifier: GPL-2.0
/*
 * Handshake requests: their life cycle, the per-namespace queue, the timeout
 * and the completion that calls the consumer back.
 *
 * A request is QUEUED (on kn->queue) until a daemon accepts it, then
 * ACCEPTED (on kn->active). Whoever decides its outcome first "claims" it
 * under kn->lock: DONE (which then installs the keys), the consumer's
 * cancel, the timeout, the loss of the accepting daemon's netlink socket
 * (unless the request can still go back to the queue, see
 * ktlsctl_req_netlink_event()), or the namespace going away. Claiming
 * takes the request off its list, so exactly one of them wins; the winner
 * queues the completion work, which runs the consumer's callback once, in
 * process context, and drops the request's own reference. The request
 * stays in the per-socket and per-id hashes until that callback starts, so
 * that a second request on the same socket is refused meanwhile and a late
 * DONE learns what happened.
 */
#include <linux/file.h>
#include <linux/jiffies.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "ktlsctl-priv.h"
#include "trace.h"

static struct workqueue_struct *ktlsctl_wq;

/* Established sockets: their addresses no longer change. */
static void ktlsctl_req_addrs(struct ktlsctl_req_addrs *a,
			      const struct sock *sk)
{
	const struct inet_sock *inet = inet_sk(sk);

	a->family = sk->sk_family;
	a->local_port = inet->inet_sport;
	a->remote_port = inet->inet_dport;
#if IS_ENABLED(CONFIG_IPV6)
	if (sk->sk_family == AF_INET6) {
		memcpy(a->local, &sk->sk_v6_rcv_saddr, 16);
		memcpy(a->remote, &sk->sk_v6_daddr, 16);
		return;
	}
#endif
	memcpy(a->local, &inet->inet_saddr, 4);
	memcpy(a->remote, &inet->inet_daddr, 4);
}

u32 ktlsctl_req_remaining_ms(const struct ktlsctl_req *req)
{
	unsigned long now = jiffies;

	if (!time_before(now, req->deadline))
		return 0;
	return jiffies_to_msecs(req->deadline - now);
}

static void ktlsctl_req_free(struct ktlsctl_req *req)
{
	unsigned int i;

	for (i = 0; i < req->num_creds; i++)
		ktlsctl_req_cred_release(&req->creds[i]);
	kfree_sensitive(req->creds);
	for (i = 0; i < req->num_alpn; i++)
		kfree(req->alpn[i]);
	kfree(req->alpn);
	kfree(req->peer_name);
	kfree(req->tag);
	kfree(req->res.peer_identity);
	kfree(req->res.alpn);
	/* A request that was never submitted still holds its file. */
	if (req->file)
		fput(req->file);
	ktlsctl_stat_dec(req->kn, KTLSCTL_A_STATS_LIVE_REQUESTS);
	kfree(req);
	ktlsctl_dbg_put(KTLSCTL_DBG_REQ);
}

void ktlsctl_req_put(struct ktlsctl_req *req)
{
	if (refcount_dec_and_test(&req->ref))
		ktlsctl_req_free(req);
}

/* Runs the consumer callback: exactly once per submitted request. */
static void ktlsctl_req_work(struct work_struct *work)
{
	struct ktlsctl_req *req = container_of(work, struct ktlsctl_req, work);
	struct ktlsctl_net *kn = req->kn;
	unsigned long flags;

	timer_delete_sync(&req->timer);

	spin_lock_irqsave(&kn->lock, flags);
	hash_del(&req->sock_node);
	hash_del(&req->id_node);
	spin_unlock_irqrestore(&kn->lock, flags);

	/* Claimed: the final state no longer changes. */
	ktlsctl_nl_request_ntf(req, READ_ONCE(req->state));
	/* A daemon still working on it learns that it can stop. */
	if (req->portid && !req->by_done)
		ktlsctl_nl_abort(req);
	/*
	 * Give the socket back before calling back: the consumer may release
	 * it in the callback (a namespace going away, for one), and the last
	 * reference must then be its own, dropped in its context, not ours,
	 * dropped later from this worker through the delayed fput list when
	 * TCP may be gone from the namespace. Whoever still holds @req (a
	 * DONE in progress) only compares @sk.
	 */
	fput(req->file);
	req->file = NULL;
	req->sock = NULL;
	trace_ktlsctl_req_callback(req, READ_ONCE(req->state), req->res.status);
	req->done(req->data, &req->res);
	ktlsctl_req_put(req);
}

/* Takes @req off its list; the caller decides the outcome. */
static bool ktlsctl_req_claim_locked(struct ktlsctl_req *req)
{
	struct ktlsctl_net *kn = req->kn;

	lockdep_assert_held(&kn->lock);
	if (req->claimed)
		return false;
	req->claimed = true;
	list_del_init(&req->list);
	if (req->state == KTLSCTL_STATE_QUEUED)
		atomic_dec(&kn->queued);
	else
		atomic_dec(&kn->in_progress);
	timer_delete(&req->timer);
	return true;
}

/* Records the outcome of a claimed request and schedules its callback. */
static void ktlsctl_req_complete(struct ktlsctl_req *req, u32 state,
				 int status)
{
	static const unsigned int stat[] = {
		[KTLSCTL_STATE_INSTALLED] = KTLSCTL_A_STATS_COMPLETED,
		[KTLSCTL_STATE_FAILED] = KTLSCTL_A_STATS_FAILED,
		[KTLSCTL_STATE_CANCELLED] = KTLSCTL_A_STATS_CANCELLED,
		[KTLSCTL_STATE_TIMED_OUT] = KTLSCTL_A_STATS_TIMED_OUT,
	};

	req->state = state;
	req->res.status = status;
	if (status) {
		req->res.version = 0;
		req->res.cipher = 0;
	}
	if (state < ARRAY_SIZE(stat) && stat[state])
		ktlsctl_stat_inc(req->kn, stat[state]);
	trace_ktlsctl_req_end(req, state, status);
	queue_work(ktlsctl_wq, &req->work);
}

void ktlsctl_req_finish(struct ktlsctl_req *req, int status)
{
	ktlsctl_req_complete(req, status ? KTLSCTL_STATE_FAILED :
			     KTLSCTL_STATE_INSTALLED, status);
}

static void ktlsctl_req_timeout(struct timer_list *t)
{
	struct ktlsctl_req *req = from_timer(req, t, timer);
	struct ktlsctl_net *kn = req->kn;
	unsigned long flags;

	spin_lock_irqsave(&kn->lock, flags);
	if (ktlsctl_req_claim_locked(req))
		ktlsctl_req_complete(req, KTLSCTL_STATE_TIMED_OUT, -ETIMEDOUT);
	spin_unlock_irqrestore(&kn->lock, flags);
}

struct ktlsctl_req *ktlsctl_req_alloc(struct socket *sock)
{
	struct ktlsctl_req *req;

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return NULL;
	req->net = sock_net(sock->sk);
	req->kn = ktlsctl_pernet(req->net);
	req->sock = sock;
	req->sk = sock->sk;
	req->file = get_file(sock->file);
	ktlsctl_req_addrs(&req->addrs, sock->sk);
	refcount_set(&req->ref, 1);
	INIT_LIST_HEAD(&req->list);
	INIT_LIST_HEAD(&req->requeue_node);
	INIT_HLIST_NODE(&req->sock_node);
	INIT_HLIST_NODE(&req->id_node);
	timer_setup(&req->timer, ktlsctl_req_timeout, 0);
	INIT_WORK(&req->work, ktlsctl_req_work);
	ktlsctl_stat_inc(req->kn, KTLSCTL_A_STATS_LIVE_REQUESTS);
	ktlsctl_dbg_get(KTLSCTL_DBG_REQ);
	return req;
}

static struct ktlsctl_req *ktlsctl_req_by_sk_locked(struct ktlsctl_net *kn,
						    const struct sock *sk)
{
	struct ktlsctl_req *req;

	hash_for_each_possible(kn->sock_hash, req, sock_node, (unsigned long)sk)
		if (req->sk == sk)
			return req;
	return NULL;
}

static struct ktlsctl_req *ktlsctl_req_by_id_locked(struct ktlsctl_net *kn,
						    u32 id)
{
	struct ktlsctl_req *req;

	hash_for_each_possible(kn->id_hash, req, id_node, id)
		if (req->id == id)
			return req;
	return NULL;
}

/*
 * Queue @req. On success the request owns itself (its callback will run)
 * and READY goes out; on error the caller still owns @req and frees it.
 */
int ktlsctl_req_submit(struct ktlsctl_req *req)
{
	struct ktlsctl_net *kn = req->kn;
	struct sock *sk = req->sk;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&kn->lock, flags);
	if (kn->dying) {
		err = -ENETDOWN;
		goto out;
	}
	if (ktlsctl_req_by_sk_locked(kn, sk)) {
		err = -EBUSY;
		goto out;
	}
	if (atomic_read(&kn->queued) >= ktlsctl_queue_limit()) {
		ktlsctl_stat_inc(kn, KTLSCTL_A_STATS_REJECTED);
		err = -EAGAIN;
		goto out;
	}
	do {
		req->id = kn->next_id++;
	} while (!req->id || ktlsctl_req_by_id_locked(kn, req->id));

	req->state = KTLSCTL_STATE_QUEUED;
	req->submitted = jiffies;
	req->deadline = req->submitted + msecs_to_jiffies(req->timeout_ms);
	hash_add(kn->sock_hash, &req->sock_node, (unsigned long)sk);
	hash_add(kn->id_hash, &req->id_node, req->id);
	list_add_tail(&req->list, &kn->queue);
	atomic_inc(&kn->queued);
	ktlsctl_stat_inc(kn, KTLSCTL_A_STATS_REQUESTS);
	mod_timer(&req->timer, req->deadline);
	/* Under the lock: before a daemon can see it, whatever wakes it. */
	trace_ktlsctl_req_submit(req, 0);
	/* Keep @req alive for the events below, whatever happens to it. */
	refcount_inc(&req->ref);
out:
	spin_unlock_irqrestore(&kn->lock, flags);
	if (err)
		return err;

	ktlsctl_nl_ready(req);
	ktlsctl_nl_request_ntf(req, KTLSCTL_STATE_QUEUED);
	ktlsctl_req_put(req);
	return 0;
}

static bool ktlsctl_req_is_tcp(const struct ktlsctl_req *req)
{
	const struct sock *sk = req->sock->sk;

	return sk->sk_type == SOCK_STREAM && sk->sk_protocol == IPPROTO_TCP;
}

/* Where the daemon starts: what it sends or reads moves these. */
static void ktlsctl_req_mark_seq(struct ktlsctl_req *req)
{
	const struct tcp_sock *tp;

	if (!ktlsctl_req_is_tcp(req))
		return;
	tp = tcp_sk(req->sock->sk);
	req->seq_sent = READ_ONCE(tp->write_seq);
	req->seq_read = READ_ONCE(tp->copied_seq);
}

/*
 * Did the daemon that accepted @req leave its stream as it found it? Only
 * then can another daemon start the handshake afresh. Other protocols are
 * never assumed untouched.
 */
static bool ktlsctl_req_untouched(const struct ktlsctl_req *req)
{
	const struct tcp_sock *tp;

	if (!ktlsctl_req_is_tcp(req))
		return false;
	tp = tcp_sk(req->sock->sk);
	return READ_ONCE(tp->write_seq) == req->seq_sent &&
	       READ_ONCE(tp->copied_seq) == req->seq_read;
}

/*
 * ACCEPT: the oldest queued request for @handler, with a reference, and a
 * reference to its socket's file in @file, taken while the request cannot
 * complete (its callback gives the request's own one back). @backlog: the
 * requests of any handler still queued after it.
 */
struct ktlsctl_req *ktlsctl_req_take(struct ktlsctl_net *kn, u32 handler,
				     u32 portid, struct file **file,
				     u32 *backlog)
{
	struct ktlsctl_req *req, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&kn->lock, flags);
	list_for_each_entry(req, &kn->queue, list) {
		if (req->handler != handler)
			continue;
		list_move_tail(&req->list, &kn->active);
		atomic_dec(&kn->queued);
		atomic_inc(&kn->in_progress);
		req->state = KTLSCTL_STATE_ACCEPTED;
		req->portid = portid;
		ktlsctl_req_mark_seq(req);
		trace_ktlsctl_req_accept(req, portid);
		refcount_inc(&req->ref);
		*file = get_file(req->file);
		found = req;
		break;
	}
	*backlog = atomic_read(&kn->queued);
	spin_unlock_irqrestore(&kn->lock, flags);
	return found;
}

/* ACCEPT could not hand @req out: put it back at the head of the queue. */
void ktlsctl_req_requeue(struct ktlsctl_req *req)
{
	struct ktlsctl_net *kn = req->kn;
	unsigned long flags;
	bool requeued = false;

	spin_lock_irqsave(&kn->lock, flags);
	if (!req->claimed && req->state == KTLSCTL_STATE_ACCEPTED) {
		trace_ktlsctl_req_requeue(req, req->portid);
		list_move(&req->list, &kn->queue);
		atomic_dec(&kn->in_progress);
		atomic_inc(&kn->queued);
		req->state = KTLSCTL_STATE_QUEUED;
		req->portid = 0;
		requeued = true;
	}
	spin_unlock_irqrestore(&kn->lock, flags);
	if (requeued)
		ktlsctl_nl_ready(req);
}

/* DONE: the request with @id whose callback has not started, referenced. */
struct ktlsctl_req *ktlsctl_req_find(struct ktlsctl_net *kn, u32 id)
{
	struct ktlsctl_req *req;
	unsigned long flags;

	spin_lock_irqsave(&kn->lock, flags);
	req = ktlsctl_req_by_id_locked(kn, id);
	if (req)
		refcount_inc(&req->ref);
	spin_unlock_irqrestore(&kn->lock, flags);
	return req;
}

static int ktlsctl_req_owner_locked(struct ktlsctl_req *req, u32 portid,
				    struct netlink_ext_ack *extack)
{
	/* A request never accepted has portid 0, which no user socket has. */
	if (req->state == KTLSCTL_STATE_QUEUED || req->portid != portid) {
		NL_SET_ERR_MSG_MOD(extack,
				   "request not accepted by this netlink socket");
		return -EPERM;
	}
	if (req->state == KTLSCTL_STATE_TIMED_OUT) {
		NL_SET_ERR_MSG_MOD(extack, "request timed out");
		return -ETIMEDOUT;
	}
	if (req->claimed) {
		NL_SET_ERR_MSG_MOD(extack,
				   "request already completed or cancelled");
		return -ENOENT;
	}
	return 0;
}

/*
 * DONE from @portid: check that @portid accepted @req (with @claim false),
 * or check and claim it (with @claim true) so that no timeout or cancel
 * can complete it while its keys are installed.
 */
int ktlsctl_req_claim_done(struct ktlsctl_req *req, u32 portid, bool claim,
			   struct netlink_ext_ack *extack)
{
	struct ktlsctl_net *kn = req->kn;
	unsigned long flags;
	int err;

	spin_lock_irqsave(&kn->lock, flags);
	err = ktlsctl_req_owner_locked(req, portid, extack);
	if (!err && claim) {
		ktlsctl_req_claim_locked(req);
		req->by_done = true;
	}
	spin_unlock_irqrestore(&kn->lock, flags);
	return err;
}

int ktlsctl_req_cancel(struct sock *sk)
{
	struct ktlsctl_net *kn = ktlsctl_pernet(sock_net(sk));
	struct ktlsctl_req *req;
	unsigned long flags;
	int err = -ENOENT;

	spin_lock_irqsave(&kn->lock, flags);
	req = ktlsctl_req_by_sk_locked(kn, sk);
	if (req) {
		err = 0;
		if (ktlsctl_req_claim_locked(req))
			ktlsctl_req_complete(req, KTLSCTL_STATE_CANCELLED,
					     -ECANCELED);
	}
	spin_unlock_irqrestore(&kn->lock, flags);
	return err;
}

/*
 * A netlink socket closed: the daemon behind it may have crashed, and
 * nobody else can send the DONE of the requests it accepted. A request
 * whose stream the daemon did not touch yet goes back to the head of the
 * queue, once, with READY sent again so that another daemon (or the same
 * one restarted) takes it; any other is failed with -ECONNABORTED.
 */
static int ktlsctl_req_netlink_event(struct notifier_block *nb,
				     unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;
	struct ktlsctl_req *req, *tmp;
	struct ktlsctl_net *kn;
	unsigned long flags;
	LIST_HEAD(requeued);

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;

	kn = ktlsctl_pernet(n->net);
	spin_lock_irqsave(&kn->lock, flags);
	list_for_each_entry_safe(req, tmp, &kn->active, list) {
		if (req->portid != n->portid || req->claimed)
			continue;
		if (!kn->dying && !req->requeued &&
		    ktlsctl_req_untouched(req)) {
			trace_ktlsctl_req_requeue(req, req->portid);
			list_move(&req->list, &kn->queue);
			atomic_dec(&kn->in_progress);
			atomic_inc(&kn->queued);
			req->state = KTLSCTL_STATE_QUEUED;
			req->portid = 0;
			req->requeued = true;
			refcount_inc(&req->ref);
			list_add_tail(&req->requeue_node, &requeued);
			ktlsctl_stat_inc(kn, KTLSCTL_A_STATS_REQUEUED);
			continue;
		}
		ktlsctl_req_claim_locked(req);
		ktlsctl_req_complete(req, KTLSCTL_STATE_FAILED, -ECONNABORTED);
	}
	spin_unlock_irqrestore(&kn->lock, flags);

	list_for_each_entry_safe(req, tmp, &requeued, requeue_node) {
		list_del_init(&req->requeue_node);
		ktlsctl_nl_request_ntf(req, KTLSCTL_STATE_QUEUED);
		ktlsctl_nl_ready(req);
		ktlsctl_req_put(req);
	}
	return NOTIFY_DONE;
}

static struct notifier_block ktlsctl_req_netlink_nb = {
	.notifier_call = ktlsctl_req_netlink_event,
};

void ktlsctl_request_net_init(struct ktlsctl_net *kn)
{
	spin_lock_init(&kn->lock);
	INIT_LIST_HEAD(&kn->queue);
	INIT_LIST_HEAD(&kn->active);
	hash_init(kn->sock_hash);
	hash_init(kn->id_hash);
	kn->next_id = 1;
}

/*
 * The namespace goes away (or the module): refuse new requests, complete
 * every pending one with -ENETDOWN and wait for their callbacks. Requests
 * on kernel sockets do not hold the namespace, so there may be some.
 */
void ktlsctl_request_net_exit(struct ktlsctl_net *kn)
{
	struct ktlsctl_req *req, *tmp;
	unsigned long flags;
	LIST_HEAD(drain);

	spin_lock_irqsave(&kn->lock, flags);
	kn->dying = true;
	list_splice_init(&kn->queue, &drain);
	list_splice_tail_init(&kn->active, &drain);
	list_for_each_entry_safe(req, tmp, &drain, list) {
		if (ktlsctl_req_claim_locked(req))
			ktlsctl_req_complete(req, KTLSCTL_STATE_FAILED,
					     -ENETDOWN);
	}
	spin_unlock_irqrestore(&kn->lock, flags);

	flush_workqueue(ktlsctl_wq);
}

/* After the per-namespace state exists, before it goes. */
int ktlsctl_request_notifier_register(void)
{
	return netlink_register_notifier(&ktlsctl_req_netlink_nb);
}

void ktlsctl_request_notifier_unregister(void)
{
	netlink_unregister_notifier(&ktlsctl_req_netlink_nb);
}

int ktlsctl_request_init(void)
{
	/*
	 * Storage consumers reconnect under memory pressure: WQ_MEM_RECLAIM.
	 * Per-CPU and high priority: the callback runs on the CPU that
	 * finished the request (the daemon's DONE, the timer), next, rather
	 * than after waking a worker elsewhere; a consumer waits on it.
	 */
	ktlsctl_wq = alloc_workqueue("ktlsctl", WQ_HIGHPRI | WQ_MEM_RECLAIM, 0);
	return ktlsctl_wq ? 0 : -ENOMEM;
}

void ktlsctl_request_exit(void)
{
	destroy_workqueue(ktlsctl_wq);
}
