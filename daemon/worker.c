// SPDX-License-Identifier: GPL-2.0
/*
 * Worker threads. Each worker owns
 *   - its own libktlsctl socket: it ACCEPTs on it, and DONE must come from
 *     the socket that accepted (the module checks);
 *   - a second one subscribed to the "handshake" group, so that READY and
 *     ABORT reach it with no hop through another thread (event.c);
 *   - an epoll set with both, an eventfd (kicks from the main thread and
 *     the other workers) and the sockets of the handshakes it runs, all
 *     non-blocking;
 *   - its requests, each with a deadline from the request's timeout-ms
 *     (DEFAULT_TIMEOUT_MS when the module sent none).
 * Every worker hears every READY; the one whose index is the request id
 * modulo the number of workers ACCEPTs until the queue is empty (-ENOENT),
 * the others let it be, so one READY costs one ACCEPT and a burst spreads
 * over the workers (they race for the same queue). After lost events
 * (ENOBUFS) a worker drains the queue itself; at startup the main thread
 * kicks them all. A slow peer only ever waits in epoll.
 *
 * Each worker holds at most its share of the daemon's --max-inflight
 * handshakes: at its cap it stops accepting and leaves the rest queued in
 * the kernel (for another worker or daemon), and takes more as its own
 * finish. This bounds the daemon's memory whatever the peers do. So that
 * peers that stall (connect, then say nothing) cannot hold every slot
 * until their timeouts while other requests wait, a worker at its cap
 * fails the handshakes whose socket gave no sign of life for --stall-timeout
 * (ETIMEDOUT) and takes the next ones. Below the cap, only the request's
 * own deadline applies. The limit follows the peers that do answer
 * (stall.h).
 *
 * Stopping: every request still in flight is answered with DONE status
 * ESHUTDOWN (so the consumer learns at once rather than at its timeout),
 * its fd is closed, and the thread exits.
 *
 * DONE comes before close(): the module finds the request by the fd in
 * our table. The fd is closed, never shut down: the kernel keeps the
 * connection. Freeing the SSL waits until the worker is idle (or keeps
 * more than RETIRED_MAX of them): the callback that DONE triggers often
 * brings the consumer's next request at once.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "answer.h"
#include "clock.h"
#include "event.h"
#include "libktlsctl.h"
#include "log.h"
#include "stall.h"
#include "tls.h"
#include "worker.h"

#define DEFAULT_TIMEOUT_MS	30000
#define MAX_EVENTS		64
/* ABORTs a worker keeps until it wakes; more fall back to the deadline. */
#define MAX_ABORTS		256
/* Released requests a busy worker keeps before it tears them down anyway. */
#define RETIRED_MAX		4

struct request {
	struct request *next, *prev;
	uint32_t id;
	int fd;
	struct tls_conn *tls;
	uint64_t deadline;	/* CLOCK_MONOTONIC, ms */
	uint64_t progress;	/* the last time the peer's socket woke us */
	uint32_t events;	/* registered with epoll; 0: not yet */
};

struct worker {
	pthread_t thread;
	bool started;
	unsigned int index;
	struct ktlsctl_sock *nl;
	struct ktlsctl_sock *ev;	/* the "handshake" group's events */
	int epfd, efd;
	atomic_bool kick;
	struct request *reqs;
	unsigned int n_reqs;
	struct request *retired;	/* released, not yet torn down */
	unsigned int n_retired;
	int last_accept_err;
	atomic_bool full;	/* stopped accepting at the cap */
	bool ready;		/* a READY of ours in this batch of events */
	struct stall stall;	/* its peers' silences */
	uint32_t aborts[MAX_ABORTS];	/* ids the module ended (ABORT) */
	unsigned int n_aborts;
};

static struct worker *workers;
static unsigned int n_workers;
static unsigned int max_per_worker;
static unsigned int stall_ms;
static atomic_bool stopping;

/*
 * Done with @r: our copies of its secrets zeroed, its fd closed at once
 * (the kernel keeps the connection; the consumer's release of its socket
 * must not wait on us), out of the worker's requests. Its SSL's free waits
 * until the worker has nothing else to do (teardown()): a consumer that
 * asks again at its callback finds its next request accepted at once, not
 * behind the last one's cleanup.
 */
static void release(struct worker *w, struct request *r)
{
	tls_conn_wipe(r->tls);
	if (r->events)
		epoll_ctl(w->epfd, EPOLL_CTL_DEL, r->fd, NULL);
	close(r->fd);
	r->fd = -1;
	if (r->prev)
		r->prev->next = r->next;
	else
		w->reqs = r->next;
	if (r->next)
		r->next->prev = r->prev;
	w->n_reqs--;
	r->next = w->retired;
	w->retired = r;
	w->n_retired++;
}

/* Free one released request. */
static void teardown(struct worker *w)
{
	struct request *r = w->retired;

	w->retired = r->next;
	w->n_retired--;
	tls_conn_free(r->tls);
	free(r);
}

/* DONE with status (0: the handshake's result), then release. */
static void finish(struct worker *w, struct request *r, int status)
{
	answer_done(w->nl, r->id, r->fd, r->tls, status);
	release(w, r);
}

/* The module ended these requests (ABORT): drop the ones we hold. */
static void take_aborts(struct worker *w)
{
	struct request *r, *next;
	unsigned int i;

	for (i = 0; i < w->n_aborts; i++) {
		for (r = w->reqs; r; r = next) {
			next = r->next;
			if (r->id != w->aborts[i])
				continue;
			log_debug("request %u: ended in the module: dropped",
				  r->id);
			release(w, r);
			break;
		}
	}
	w->n_aborts = 0;
}

static void drive(struct worker *w, struct request *r)
{
	struct epoll_event ev = { .data.ptr = r };
	uint32_t events = 0;
	int ret;

	ret = tls_conn_step(r->tls, &events);
	if (ret == -EAGAIN) {
		if (events == r->events)
			return;
		ev.events = events;
		if (epoll_ctl(w->epfd, r->events ? EPOLL_CTL_MOD : EPOLL_CTL_ADD,
			      r->fd, &ev) < 0) {
			log_warn("request %u: epoll: %s", r->id, strerror(errno));
			finish(w, r, errno);
			return;
		}
		r->events = events;
		return;
	}
	if (ret > 0)
		log_debug("request %u: %s", r->id, tls_conn_error(r->tls));
	finish(w, r, ret > 0 ? ret : 0);
}

static void start(struct worker *w, const struct ktlsctl_accept *acc)
{
	struct tls_params p;
	struct request *r;
	int err;

	answer_params(&p, acc);
	r = calloc(1, sizeof(*r));
	if (!r) {
		answer_done(w->nl, acc->id, acc->sockfd, NULL, ENOMEM);
		close(acc->sockfd);
		return;
	}
	r->id = acc->id;
	r->fd = acc->sockfd;
	r->progress = clock_ms();
	r->deadline = r->progress + (acc->timeout_ms ? acc->timeout_ms :
				     DEFAULT_TIMEOUT_MS);
	r->next = w->reqs;
	if (w->reqs)
		w->reqs->prev = r;
	w->reqs = r;
	w->n_reqs++;
	log_debug("request %u: accepted by worker %u (%s, %s, peer \"%s\")",
		  r->id, w->index,
		  ktlsctl_enum_name(&ktlsctl_role_enum, acc->role) ?: "?",
		  ktlsctl_enum_name(&ktlsctl_auth_enum, acc->auth) ?: "?",
		  acc->peer_name);

	if (acc->handler != KTLSCTL_HANDLER_TLS) {
		finish(w, r, EOPNOTSUPP);
		return;
	}
	/*
	 * The fd shares the consumer's struct file: its flags are not ours
	 * to change (nor to restore, if a daemon died holding it). Every
	 * send and recv is MSG_DONTWAIT instead of O_NONBLOCK.
	 */
	err = tls_conn_new(&p, r->fd, &r->tls);
	if (err) {
		finish(w, r, err);
		return;
	}
	drive(w, r);
}

static void worker_wake(struct worker *w);

/* At the cap: hand the kick to a worker that has room, if any. */
static void pass_kick(struct worker *w)
{
	unsigned int k, i;

	for (k = 1; k < n_workers; k++) {
		i = (w->index + k) % n_workers;
		if (!atomic_load(&workers[i].full)) {
			atomic_store(&workers[i].kick, true);
			worker_wake(&workers[i]);
			return;
		}
	}
}

/* ACCEPT until the queue is empty or this worker is at its cap. */
static void drain(struct worker *w)
{
	struct ktlsctl_accept acc;
	int err;

	while (!atomic_load(&stopping)) {
		atomic_store(&w->full, w->n_reqs >= max_per_worker);
		if (atomic_load(&w->full)) {
			pass_kick(w);
			return;
		}
		err = ktlsctl_accept(w->nl, KTLSCTL_HANDLER_TLS, &acc);
		if (!err) {
			/* None left: the next request's READY wakes us. */
			bool more = acc.backlog != 0;

			w->last_accept_err = 0;
			start(w, &acc);
			ktlsctl_accept_release(&acc);
			if (!more)
				return;
			continue;
		}
		if (acc.sockfd >= 0) {
			/* Handed out but undecodable: answer, close, go on. */
			log_warn("request %u: bad accept reply: %s", acc.id,
				 ktlsctl_error(w->nl));
			answer_done(w->nl, acc.id, acc.sockfd, NULL, EINVAL);
			close(acc.sockfd);
			ktlsctl_accept_release(&acc);
			continue;
		}
		ktlsctl_accept_release(&acc);
		if (err == -ENOENT || err == -EAGAIN)
			return;
		/* Once per kind of error, not per READY. */
		if (err != w->last_accept_err)
			log_warn("accept: %s: %s", strerror(-err),
				 ktlsctl_error(w->nl));
		w->last_accept_err = err;
		return;
	}
}

/* @r's socket woke us at @now: how long the peer had been silent. */
static void note_progress(struct worker *w, struct request *r, uint64_t now)
{
	stall_note(&w->stall, stall_ms, now - r->progress, now);
	r->progress = now;
}

/* When @r is failed: its deadline, or sooner if it stalls while full. */
static uint64_t expiry(const struct worker *w, const struct request *r)
{
	uint64_t stall;

	if (!stall_ms || !atomic_load(&w->full))
		return r->deadline;
	stall = r->progress + stall_limit(&w->stall, stall_ms, clock_ms());
	return stall < r->deadline ? stall : r->deadline;
}

/*
 * Does a request wait in the kernel's queue? A full worker learns of one
 * by a READY, which may have been for a request another worker or daemon
 * took since: ask. Not full any more when none waits (or we cannot tell).
 */
static bool others_wait(struct worker *w)
{
	struct ktlsctl_status st;

	if (ktlsctl_status_get(w->nl, &st) || !st.queued) {
		atomic_store(&w->full, false);
		return false;
	}
	return true;
}

static void expire(struct worker *w, uint64_t now)
{
	struct request *r, *next;
	bool asked = false, evict = false;

	for (r = w->reqs; r; r = next) {
		next = r->next;
		if (now < expiry(w, r))
			continue;
		if (now < r->deadline) {
			/* Stalled, while full: only if others wait. */
			if (!asked) {
				evict = others_wait(w);
				asked = true;
			}
			if (!evict)
				continue;
			log_info("request %u: nothing from the peer for %llu ms "
				 "while requests wait: failed to make room",
				 r->id, (unsigned long long)(now - r->progress));
		}
		finish(w, r, ETIMEDOUT);
	}
}

static int next_timeout(const struct worker *w, uint64_t now)
{
	const struct request *r;
	uint64_t min = UINT64_MAX;

	for (r = w->reqs; r; r = r->next)
		if (expiry(w, r) < min)
			min = expiry(w, r);
	if (min == UINT64_MAX)
		return -1;
	if (min <= now)
		return 0;
	return min - now > 60000 ? 60000 : (int)(min - now);
}

static int on_event(const struct nlmsghdr *nlh, void *data)
{
	struct worker *w = data;
	uint32_t id;
	uint8_t cmd;

	if (!event_decode(w->ev, nlh, &cmd, &id))
		return 0;
	if (cmd == KTLSCTL_CMD_ABORT) {
		/* More than we keep fall back to their deadline. */
		if (id && w->n_aborts < MAX_ABORTS)
			w->aborts[w->n_aborts++] = id;
		return 0;
	}
	log_debug("request %u ready", id);
	if (id % n_workers == w->index)
		w->ready = true;
	return 0;
}

/* A batch of the group's events; lost ones: drain, as if kicked. */
static void read_events(struct worker *w)
{
	int err;

	err = ktlsctl_recv_events(w->ev, on_event, w);
	if (err == -ENOBUFS) {
		log_warn("worker %u: event queue overrun: draining", w->index);
		w->ready = true;
	} else if (err && err != -EAGAIN && err != -EINTR) {
		log_warn("worker %u: events: %s: %s", w->index,
			 strerror(-err), ktlsctl_error(w->ev));
	}
	if (w->ready) {
		w->ready = false;
		drain(w);
	}
}

static void *worker_main(void *arg)
{
	struct epoll_event evs[MAX_EVENTS];
	struct worker *w = arg;
	uint64_t val;
	int i, n;

	while (!atomic_load(&stopping)) {
		/* Only a look while a teardown waits for idle. */
		n = epoll_wait(w->epfd, evs, MAX_EVENTS, w->retired ? 0 :
			       next_timeout(w, clock_ms()));
		if (n < 0 && errno != EINTR) {
			log_err("worker %u: epoll: %s", w->index,
				strerror(errno));
			break;
		}
		for (i = 0; i < n && !atomic_load(&stopping); i++) {
			if (evs[i].data.ptr == w) {
				read_events(w);
				continue;
			}
			if (evs[i].data.ptr) {
				struct request *r = evs[i].data.ptr;

				note_progress(w, r, clock_ms());
				drive(w, r);
				continue;
			}
			if (read(w->efd, &val, sizeof(val)) < 0 &&
			    errno != EAGAIN)
				log_warn("worker %u: eventfd: %s", w->index,
					 strerror(errno));
			if (atomic_exchange(&w->kick, false))
				drain(w);
		}
		/*
		 * Not inside the loop: an event later in evs[] may be for a
		 * request an ABORT frees.
		 */
		if (w->n_aborts)
			take_aborts(w);
		expire(w, clock_ms());
		/* Below the cap again: take what waited meanwhile. */
		if (atomic_load(&w->full) && w->n_reqs < max_per_worker)
			drain(w);
		/* One at a time, looking for work in between. */
		if (w->retired && (n <= 0 || w->n_retired > RETIRED_MAX))
			teardown(w);
	}
	while (w->reqs)
		finish(w, w->reqs, ESHUTDOWN);
	while (w->retired)
		teardown(w);
	return NULL;
}

static void worker_close(struct worker *w)
{
	if (w->epfd >= 0)
		close(w->epfd);
	if (w->efd >= 0)
		close(w->efd);
	ktlsctl_close(w->ev);
	ktlsctl_close(w->nl);
}

static int worker_init(struct worker *w, unsigned int index)
{
	struct epoll_event kick = { .events = EPOLLIN, .data.ptr = NULL };
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = w };
	int err;

	w->index = index;
	err = ktlsctl_open(&w->nl);
	if (!err)
		err = ktlsctl_open(&w->ev);
	if (err) {
		log_err("worker %u: netlink: %s: %s", index, strerror(-err),
			w->ev ? ktlsctl_error(w->ev) :
			w->nl ? ktlsctl_error(w->nl) : "");
		return err;
	}
	/* Before the privileges go (harden.c): the group is admin-only. */
	err = ktlsctl_join(w->ev, KTLSCTL_MCGRP_HANDSHAKE);
	if (err) {
		log_err("worker %u: join %s: %s: %s", index,
			KTLSCTL_MCGRP_HANDSHAKE, strerror(-err),
			ktlsctl_error(w->ev));
		return err;
	}
	w->epfd = epoll_create1(EPOLL_CLOEXEC);
	w->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (w->epfd < 0 || w->efd < 0 ||
	    epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->efd, &kick) < 0 ||
	    epoll_ctl(w->epfd, EPOLL_CTL_ADD, ktlsctl_fd(w->ev), &ev) < 0) {
		err = -errno;
		log_err("worker %u: %s", index, strerror(-err));
		return err;
	}
	return 0;
}

int workers_init(unsigned int n, unsigned int max_inflight,
		 unsigned int stall_timeout_ms)
{
	unsigned int i;
	int err;

	max_per_worker = (max_inflight + n - 1) / n;
	stall_ms = stall_timeout_ms;

	workers = calloc(n, sizeof(*workers));
	if (!workers)
		return -ENOMEM;
	n_workers = n;
	for (i = 0; i < n; i++)
		workers[i].epfd = workers[i].efd = -1;
	for (i = 0; i < n; i++) {
		err = worker_init(&workers[i], i);
		if (err) {
			workers_stop();
			return err;
		}
	}
	return 0;
}

int workers_start(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < n_workers; i++) {
		err = -pthread_create(&workers[i].thread, NULL, worker_main,
				      &workers[i]);
		if (err) {
			workers_stop();
			return err;
		}
		workers[i].started = true;
	}
	return 0;
}

static void worker_wake(struct worker *w)
{
	uint64_t one = 1;

	if (write(w->efd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		log_warn("worker %u: wake: %s", w->index, strerror(errno));
}

void workers_kick(int i)
{
	unsigned int k;

	if (!n_workers)
		return;
	if (i >= 0) {
		k = (unsigned int)i % n_workers;
		atomic_store(&workers[k].kick, true);
		worker_wake(&workers[k]);
		return;
	}
	for (k = 0; k < n_workers; k++) {
		atomic_store(&workers[k].kick, true);
		worker_wake(&workers[k]);
	}
}

void workers_stop(void)
{
	unsigned int k;

	atomic_store(&stopping, true);
	for (k = 0; k < n_workers; k++)
		if (workers[k].started)
			worker_wake(&workers[k]);
	for (k = 0; k < n_workers; k++) {
		if (workers[k].started)
			pthread_join(workers[k].thread, NULL);
		worker_close(&workers[k]);
	}
	free(workers);
	workers = NULL;
	n_workers = 0;
}
