// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-nlfuzz: real requests for DONE and ACCEPT to hit. Each comes
 * from a ktlsctl-probe connecting to a listener of ours on the loopback
 * that never speaks: the request waits queued, then accepted by the run's
 * own socket, as long as the run likes. At the end each one is ended a
 * different way and its probe must report exactly that.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nlfuzz.h"

struct nlf_live {
	int listener;
	unsigned int n;
	pid_t pids[NLF_MAX_LIVE];
	int out[NLF_MAX_LIVE];	/* the probes' stdout */
};

static void nlf_nap(void)
{
	struct timespec ts = { .tv_nsec = 50 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

struct nlf_seen {
	uint32_t ids[NLF_MAX_IDS], states[NLF_MAX_IDS];
	unsigned int n;
};

static int nlf_seen_cb(const struct ktlsctl_request *req, void *data)
{
	struct nlf_seen *s = data;

	if (s->n < NLF_MAX_IDS) {
		s->ids[s->n] = req->id;
		s->states[s->n++] = req->state;
	}
	return 0;
}

static int nlf_requests(struct ktlsctl_sock *s, struct nlf_seen *seen)
{
	int err;

	do {
		memset(seen, 0, sizeof(*seen));
		err = ktlsctl_request_dump(s, nlf_seen_cb, seen);
	} while (err == -EINTR);
	return err;
}

static pid_t nlf_probe(const char *probe, int port, int *out)
{
	char addr[32];
	int p[2];
	pid_t pid;

	snprintf(addr, sizeof(addr), "127.0.0.1:%d", port);
	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		close(p[0]);
		close(p[1]);
		execlp(probe, probe, "connect", addr, "--auth", "anon",
		       "--timeout", "60000", (char *)NULL);
		perror(probe);
		_exit(127);
	}
	close(p[1]);
	*out = p[0];
	return pid;
}

struct nlf_live *nlf_live_start(const char *probe, unsigned int n,
				struct ktlsctl_sock *owner,
				struct nlf_world *w)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	struct nlf_live *l = calloc(1, sizeof(*l));
	struct nlf_seen seen;
	unsigned int i, tries;

	if (!l || n > NLF_MAX_LIVE)
		return NULL;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l->listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (l->listener < 0 ||
	    bind(l->listener, (struct sockaddr *)&sin, sizeof(sin)) ||
	    listen(l->listener, 16) ||
	    getsockname(l->listener, (struct sockaddr *)&sin, &len)) {
		perror("nlfuzz: listener");
		return NULL;
	}
	w->other_fd = l->listener;	/* open, and no request's socket */
	/* one at a time: the ids then follow the probes' order */
	for (i = 0; i < n; i++) {
		l->pids[i] = nlf_probe(probe, ntohs(sin.sin_port), &l->out[i]);
		if (l->pids[i] < 0)
			return NULL;
		l->n++;
		for (tries = 0; tries < 400; tries++) {
			if (!nlf_requests(owner, &seen) && seen.n == i + 1)
				break;
			nlf_nap();
		}
		if (seen.n != i + 1) {
			printf("FAIL: probe %u: no request queued (%u seen)\n",
			       i, seen.n);
			return NULL;
		}
		w->live_ids[i] = seen.ids[i];
		w->live_fds[i] = -1;
		w->n_live = i + 1;
	}
	return l;
}

/* Every live request still there, in @state (and no other request). */
int nlf_live_intact(struct nlf_live *l, struct ktlsctl_sock *s,
		    const struct nlf_world *w, uint32_t state)
{
	struct nlf_seen seen;
	unsigned int i, j, ok = 0;

	if (nlf_requests(s, &seen))
		return -1;
	for (i = 0; i < w->n_live; i++)
		for (j = 0; j < seen.n; j++)
			ok += seen.ids[j] == w->live_ids[i] &&
			      seen.states[j] == state;
	if (ok != l->n || seen.n != l->n) {
		printf("FAIL: live requests not intact: %u of %u in state %u, %u listed\n",
		       ok, l->n, state, seen.n);
		return -1;
	}
	return 0;
}

int nlf_live_accept(struct nlf_live *l, struct ktlsctl_sock *owner,
		    struct nlf_world *w)
{
	struct ktlsctl_accept acc;
	unsigned int i, k;
	int err;

	for (k = 0; k < l->n; k++) {
		err = ktlsctl_accept(owner, KTLSCTL_HANDLER_TLS, &acc);
		if (err) {
			printf("FAIL: accept: %d (%s)\n", err,
			       ktlsctl_error(owner));
			return -1;
		}
		for (i = 0; i < w->n_live; i++)
			if (w->live_ids[i] == acc.id)
				w->live_fds[i] = acc.sockfd;
		ktlsctl_accept_release(&acc);
	}
	for (i = 0; i < w->n_live; i++)
		if (w->live_fds[i] < 0)
			return -1;
	return 0;
}

/*
 * The first request fails with EACCES, as a daemon reports a refused
 * certificate; the second gets keys too long for its cipher (the DONE is
 * refused, and the request fails with EPROTO); any other, ETIMEDOUT.
 */
int nlf_live_finish(struct nlf_live *l, struct ktlsctl_sock *owner,
		    struct nlf_world *w)
{
	static const char *const want[] = { "-EACCES", "-EPROTO",
					    "-ETIMEDOUT", "-ETIMEDOUT" };
	char out[4096];
	unsigned int i;
	int err, bad = 0, status;
	ssize_t n;

	for (i = 0; i < w->n_live; i++) {
		struct ktlsctl_done d = {
			.id = w->live_ids[i], .sockfd = w->live_fds[i],
			.status = i == 0 ? EACCES : i == 1 ? 0 : ETIMEDOUT,
			.version = KTLSCTL_TLS_VERSION_TLS13,
			.cipher = KTLSCTL_CIPHER_AES_128_GCM,
		};

		d.tx.key_len = d.rx.key_len = i == 1 ? 32 : 16;
		d.tx.iv_len = d.rx.iv_len = 12;
		err = ktlsctl_done(owner, &d);
		if ((i == 1) != (err != 0) ||
		    (i == 1 && !*ktlsctl_error(owner))) {
			printf("FAIL: DONE %u ending request %u: %d (%s)\n", i,
			       d.id, err, ktlsctl_error(owner));
			bad = -1;
		}
		close(w->live_fds[i]);
		w->done_ids[w->n_done++] = w->live_ids[i];
	}
	w->n_live = 0;
	for (i = 0; i < l->n; i++) {
		n = read(l->out[i], out, sizeof(out) - 1);
		out[n > 0 ? n : 0] = 0;
		waitpid(l->pids[i], &status, 0);
		close(l->out[i]);
		if (!strstr(out, want[i])) {
			printf("FAIL: probe %u did not report %s: %s\n", i,
			       want[i], out);
			bad = -1;
		} else {
			printf("# probe %u: %s", i, out);
		}
	}
	return bad;
}

/* No request queued, in progress or alive at all (within 5 s). */
int nlf_live_idle(struct ktlsctl_sock *s)
{
	struct ktlsctl_status st;
	unsigned int tries;

	for (tries = 0; tries < 100; tries++) {
		if (!ktlsctl_status_get(s, &st) && !st.queued &&
		    !st.in_progress &&
		    !st.stats[KTLSCTL_A_STATS_LIVE_REQUESTS])
			return 0;
		nlf_nap();
	}
	printf("FAIL: not idle: %u queued, %u in progress, %llu live\n",
	       st.queued, st.in_progress,
	       (unsigned long long)st.stats[KTLSCTL_A_STATS_LIVE_REQUESTS]);
	return -1;
}
