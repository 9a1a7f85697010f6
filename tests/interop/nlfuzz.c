// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-nlfuzz: hostile input for the ktlsctl family (see nlfuzz.h).
 *
 *   ktlsctl-nlfuzz [--seed N] [--count N] [--time SEC] [--live N]
 *                  [--probe PATH] [--strict-extack] [--json FILE]
 *
 * Sends --count messages (default 100000), deterministic from --seed,
 * stopping early after --time seconds (default 120): most from two
 * privileged sockets, a tenth from a child that dropped to nobody and one
 * in a user namespace of its own. With --live N, N requests from
 * ktlsctl-probe are queued, then accepted, while DONE and ACCEPT mutants
 * hit them; they must stay intact, then end as the run ends them. The run
 * then removes what it added to the store, and the module must be idle.
 * Exit status 0 only when no check failed; the last line is the summary.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/netlink.h>

#include "nlfuzz.h"

struct nlf_opts {
	uint64_t seed;
	unsigned long count;
	double time;
	unsigned int live;
	const char *probe, *json;
	bool strict_extack;
};

static double nlf_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double nlf_start;

/*
 * @count messages from @fds (the first is the owner of live requests),
 * privileged or not; @focus, when non-zero, is the command most of them
 * are (DONE or ACCEPT, against live requests).
 */
static void nlf_run(struct nlf_rng *r, struct nlf_world *w, const int *fds,
		    unsigned int n_fds, unsigned long count, bool privileged,
		    uint8_t focus, const struct nlf_opts *o,
		    struct nlf_stats *st)
{
	static struct nlf_msg msgs[NLF_BATCH];
	struct nlf_reply rep[NLF_BATCH];
	struct nlf_msg *m[NLF_BATCH];
	struct nlf_verdict v;
	unsigned long sent = 0;
	unsigned int i, n, k;
	size_t total;

	while (sent < count && nlf_now() - nlf_start < o->time) {
		k = n_fds > 1 && nlf_chance(r, 20) ? 1 + nlf_below(r, n_fds - 1) : 0;
		/* under the socket's send buffer: at most 64 KiB + one */
		for (n = 0, total = 0; n < NLF_BATCH && sent + n < count &&
		     total < 65536;) {
			m[n] = &msgs[n];
			if (focus && nlf_chance(r, 70))
				nlf_gen_cmd(r, w, m[n], focus, false);
			else
				nlf_gen(r, w, m[n]);
			nlf_mutate(r, m[n]);
			nlf_judge(m[n], w, k == 0, &v);
			if (privileged && v.hits_live) {
				st->dropped++;	/* would end the request */
				continue;
			}
			total += m[n]->len;
			/* a dump runs until read: one per batch, the last */
			if (((struct nlmsghdr *)m[n++]->buf)->nlmsg_flags &
			    NLM_F_DUMP)
				break;
		}
		if (nlf_exchange(fds[k], m, n, rep)) {
			printf("FAIL: send: %s\n", strerror(errno));
			st->failures++;
			return;
		}
		/* judged again in order: the world as the batch left it */
		for (i = 0; i < n; i++) {
			nlf_judge(m[i], w, k == 0, &v);
			nlf_check(m[i], &v, &rep[i], privileged,
				  o->strict_extack, st);
			if (privileged)
				nlf_note(w, m[i], &rep[i]);
		}
		sent += n;
	}
}

static void nlf_add(struct nlf_stats *a, const struct nlf_stats *b)
{
	unsigned int i;

	a->sent += b->sent;
	for (i = 0; i < NLF_NCMD; i++)
		a->by_cmd[i] += b->by_cmd[i];
	a->rejected += b->rejected;
	a->accepted += b->accepted;
	a->core += b->core;
	a->missing_extack += b->missing_extack;
	a->refused_valid += b->refused_valid;
	a->eperm += b->eperm;
	a->dropped += b->dropped;
	a->failures += b->failures;
}

/*
 * A child without CAP_NET_ADMIN over the family's namespace; @focus as
 * nlf_run()'s, at the live requests the world holds, if any.
 */
static int nlf_unprivileged(struct nlf_world *w, unsigned long count,
			    bool userns, uint8_t focus,
			    const struct nlf_opts *o, struct nlf_stats *st)
{
	struct nlf_stats cs;
	int p[2], fd, status;
	pid_t pid;

	if (pipe(p))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct nlf_rng r = { o->seed * 7919 + (userns ? 2 : 1) };

		memset(&cs, 0, sizeof(cs));
		close(p[0]);
		if (userns ? unshare(CLONE_NEWUSER) :
		    setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534)) {
			perror("nlfuzz: dropping privileges");
			_exit(1);
		}
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		fd = nlf_socket();
		if (fd < 0)
			_exit(1);
		nlf_run(&r, w, &fd, 1, count, false, w->n_live ? focus : 0, o,
			&cs);
		if (write(p[1], &cs, sizeof(cs)) != sizeof(cs))
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &cs, sizeof(cs)) != sizeof(cs) ||
	    waitpid(pid, &status, 0) != pid || status) {
		printf("FAIL: the unprivileged run (%s) did not complete\n",
		       userns ? "user namespace" : "nobody");
		st->failures++;
		close(p[0]);
		return -1;
	}
	close(p[0]);
	nlf_add(st, &cs);
	return 0;
}

static int nlf_count_cred(const struct ktlsctl_cred_entry *e, void *data)
{
	(void)e;
	++*(unsigned int *)data;
	return 0;
}

static int nlf_count_policy(const struct ktlsctl_policy *pol, void *data)
{
	(void)pol;
	++*(unsigned int *)data;
	return 0;
}

/* Removes what the run added, and checks nothing else is left. */
static int nlf_cleanup(struct ktlsctl_sock *s, struct nlf_world *w)
{
	unsigned int i, n = 0;
	int err = ktlsctl_policy_flush(s, 0);

	for (i = 0; !err && i < w->n_creds; i++)
		err = ktlsctl_cred_del(s, w->creds[i].type, w->creds[i].name);
	if (!err)
		err = ktlsctl_cred_dump(s, 0, NULL, nlf_count_cred, &n);
	if (!err)
		err = ktlsctl_policy_dump(s, nlf_count_policy, &n);
	if (err || n) {
		printf("FAIL: store not empty after cleanup: %d (%s), %u left\n",
		       err, ktlsctl_error(s), n);
		return -1;
	}
	return 0;
}

static void nlf_report(const struct nlf_stats *st, const struct nlf_opts *o,
		       double secs)
{
	unsigned int i;
	FILE *f;

	printf("nlfuzz: seed %llu: %lu messages in %.1f s: %lu rejected, %lu accepted, %lu EPERM, %lu core refusals, %lu missing extack, %lu refused that the model lets succeed, %lu failures; by command:",
	       (unsigned long long)o->seed, st->sent, secs, st->rejected,
	       st->accepted, st->eperm, st->core, st->missing_extack,
	       st->refused_valid, st->failures);
	for (i = 0; i < NLF_NCMD; i++)
		if (st->by_cmd[i])
			printf(" %s=%lu", nlf_op((uint8_t)i) ?
			       nlf_op((uint8_t)i)->name : "other", st->by_cmd[i]);
	printf("\n");
	if (!o->json)
		return;
	f = fopen(o->json, "w");
	if (!f) {
		perror(o->json);
		return;
	}
	fprintf(f, "{\"seed\": %llu, \"messages\": %lu, \"seconds\": %.1f, \"rejected\": %lu, \"accepted\": %lu, \"eperm\": %lu, \"core_refusals\": %lu, \"missing_extack\": %lu, \"refused_valid\": %lu, \"failures\": %lu, \"by_command\": {",
		(unsigned long long)o->seed, st->sent, secs, st->rejected,
		st->accepted, st->eperm, st->core, st->missing_extack,
		st->refused_valid, st->failures);
	for (i = 0; i < NLF_NCMD; i++)
		fprintf(f, "%s\"%s\": %lu", i ? ", " : "",
			nlf_op((uint8_t)i) ? nlf_op((uint8_t)i)->name : "other",
			st->by_cmd[i]);
	fprintf(f, "}}\n");
	fclose(f);
}

static int nlf_opts(int argc, char **argv, struct nlf_opts *o)
{
	static const struct option lo[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'c' },
		{ "time", required_argument, NULL, 't' },
		{ "live", required_argument, NULL, 'l' },
		{ "probe", required_argument, NULL, 'p' },
		{ "json", required_argument, NULL, 'j' },
		{ "strict-extack", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*o = (struct nlf_opts){ .seed = 1, .count = 100000, .time = 120,
				.probe = "ktlsctl-probe" };
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': o->seed = strtoull(optarg, NULL, 0); break;
		case 'c': o->count = strtoul(optarg, NULL, 0); break;
		case 't': o->time = strtod(optarg, NULL); break;
		case 'l': o->live = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'p': o->probe = optarg; break;
		case 'j': o->json = optarg; break;
		case 'x': o->strict_extack = true; break;
		default: return -1;
		}
	}
	return optind == argc && o->live <= NLF_MAX_LIVE && o->seed ? 0 : -1;
}

int main(int argc, char **argv)
{
	static struct nlf_world w;
	struct ktlsctl_sock *a = NULL, *b = NULL;
	struct nlf_stats st = { 0 };
	struct nlf_live *live = NULL;
	struct nlf_opts o;
	struct nlf_rng r;
	unsigned long bulk, unpriv, each;
	int fds[2];

	if (nlf_opts(argc, argv, &o)) {
		fprintf(stderr, "usage: ktlsctl-nlfuzz [--seed N] [--count N] [--time SEC] [--live N (<= %d)] [--probe PATH] [--strict-extack] [--json FILE]\n",
			NLF_MAX_LIVE);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (ktlsctl_open(&a) || ktlsctl_open(&b)) {
		printf("Bail out! cannot open the ktlsctl family\n");
		return 1;
	}
	r.s = o.seed;
	nlf_start = nlf_now();
	w.family = ktlsctl_family_id(a);
	w.other_fd = STDIN_FILENO;
	fds[0] = ktlsctl_fd(a);
	fds[1] = ktlsctl_fd(b);
	unpriv = o.count / 10;
	each = o.live ? o.count / 20 : 0;
	bulk = o.count - unpriv - 3 * each;

	nlf_run(&r, &w, fds, 2, bulk, true, 0, &o, &st);
	if (o.live) {
		live = nlf_live_start(o.probe, o.live, a, &w);
		if (!live)
			st.failures++;
	}
	/*
	 * The unprivileged: with live requests queued, most of the first
	 * child's messages are ACCEPTs; once they are accepted, most of the
	 * second's are DONEs for them. Every one EPERM, the requests intact.
	 */
	nlf_unprivileged(&w, unpriv / 2, false, KTLSCTL_CMD_ACCEPT, &o, &st);
	if (live) {
		if (nlf_live_intact(live, a, &w, KTLSCTL_STATE_QUEUED))
			st.failures++;
		nlf_run(&r, &w, fds, 2, each, true, KTLSCTL_CMD_ACCEPT, &o,
			&st);
		if (nlf_live_intact(live, a, &w, KTLSCTL_STATE_QUEUED) ||
		    nlf_live_accept(live, a, &w))
			st.failures++;
	}
	/* the child inherits the accepted fds: DONE names the right one */
	nlf_unprivileged(&w, unpriv - unpriv / 2, true, KTLSCTL_CMD_DONE, &o,
			 &st);
	if (live) {
		if (nlf_live_intact(live, a, &w, KTLSCTL_STATE_ACCEPTED))
			st.failures++;
		nlf_run(&r, &w, fds, 2, each, true, KTLSCTL_CMD_DONE, &o, &st);
		if (nlf_live_intact(live, a, &w, KTLSCTL_STATE_ACCEPTED) ||
		    nlf_live_finish(live, a, &w))
			st.failures++;
		/* and DONE for what is over now */
		nlf_run(&r, &w, fds, 2, each, true, KTLSCTL_CMD_DONE, &o, &st);
	}
	if (nlf_cleanup(a, &w) || nlf_live_idle(a))
		st.failures++;
	nlf_report(&st, &o, nlf_now() - nlf_start);
	ktlsctl_close(a);
	ktlsctl_close(b);
	return st.failures ? 1 : 0;
}
