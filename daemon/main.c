// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctld: serves the ktlsctl module's handshake requests.
 *
 * Threads. The main thread owns a control socket and a signalfd; it never
 * touches a request. At startup it kicks every worker, so that requests
 * queued before we came are taken. N worker threads (-w, default: the
 * number of CPUs) each hear the "handshake" multicast group's READY and
 * ABORT on a socket of their own, so a request waits for no other thread
 * (event.c), ACCEPT on their own netlink socket until the queue is empty,
 * run many non-blocking handshakes in an epoll loop and answer each with
 * DONE on the same socket (worker.c). In fork mode (--fork-per-request)
 * the main thread subscribes instead and forks a child per READY. The
 * engine (tls.c, record.c, keys.c, creds.c) knows nothing of netlink.
 *
 * SIGINT/SIGTERM: the workers answer their in-flight requests with DONE
 * status ESHUTDOWN and close the sockets; the ready file goes; exit 0.
 * SIGHUP is ignored.
 *
 * Readiness: once subscribed and with every worker running, the daemon
 * writes its pid to the ready file (default /run/ktlsctld.ready) and
 * removes it on exit, so that scripts and the VM harness can wait for it
 * without sleeping. The file is written under a temporary name before the
 * privileges go (harden.c: no file is opened for writing afterwards) and
 * renamed into place once the workers run.
 *
 * Start-up order: signals, OpenSSL, the netlink sockets (control and
 * workers), the temporary ready file, then harden_apply() (capabilities,
 * no_new_privs, not dumpable, mlockall, seccomp), and only then the worker
 * threads, which inherit all of it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "ctxcache.h"
#include "event.h"
#include "fork.h"
#include "harden.h"
#include "libktlsctl.h"
#include "log.h"
#include "tls.h"
#include "worker.h"

#define DEFAULT_READY_FILE "/run/ktlsctld.ready"
/* Handshakes held at once; the rest wait in the kernel's queue. */
#define DEFAULT_MAX_INFLIGHT 256
#define DEFAULT_STALL_MS 10000

struct daemon_ctx {
	struct ktlsctl_sock *nl;
	const char *ready_file;
	char *ready_tmp;
	unsigned int n_workers;
	unsigned int max_inflight;
	unsigned int stall_ms;
	bool fork_mode;		/* --fork-per-request (benchmarks) */
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctld [-f|--foreground] [-s|--syslog] [-v|--verbose]\n"
		"                [-w|--workers N] [-m|--max-inflight N]\n"
		"                [-t|--stall-timeout MS] [--ready-file FILE]\n"
		"                [--no-drop] [--no-seccomp] [--fork-per-request]\n"
		"                [-h|--help] [-V|--version]\n"
		"Serves TLS handshake requests of the ktlsctl kernel module.\n"
		"Runs in the foreground (for systemd or a supervisor); logs to\n"
		"stderr unless --syslog. -w: worker threads (default: CPUs).\n"
		"-m: handshakes held at once (default %u); the rest wait in\n"
		"the kernel's queue. -t: while requests wait for a full\n"
		"worker, its handshakes that received nothing for MS fail\n"
		"with ETIMEDOUT to make room (default %u; 0: never).\n"
		"Once started it keeps only CAP_NET_ADMIN, locks its memory and\n"
		"allows itself a fixed set of system calls; for debugging,\n"
		"--no-drop keeps the privileges and --no-seccomp the calls.\n"
		"--fork-per-request: a process per request instead of the\n"
		"workers, for benchmarks only (no seccomp, no cap).\n",
		DEFAULT_MAX_INFLIGHT, DEFAULT_STALL_MS);
}

/* The ready file, under a temporary name until publish_ready_file(). */
static int write_ready_file(struct daemon_ctx *ctx)
{
	FILE *f;

	if (asprintf(&ctx->ready_tmp, "%s.%ld.tmp", ctx->ready_file,
		     (long)getpid()) < 0) {
		ctx->ready_tmp = NULL;
		return -ENOMEM;
	}
	f = fopen(ctx->ready_tmp, "we");
	if (!f)
		return -errno;
	fprintf(f, "%ld\n", (long)getpid());
	if (fclose(f))
		return -errno;
	return 0;
}

static int publish_ready_file(struct daemon_ctx *ctx)
{
	if (rename(ctx->ready_tmp, ctx->ready_file) < 0)
		return -errno;
	free(ctx->ready_tmp);
	ctx->ready_tmp = NULL;
	return 0;
}

/* The contexts go (their keys with them); how well the cache served. */
static void log_ctx_cache(void)
{
	unsigned long hits, misses;
	unsigned int n;

	ctxcache_stats(&hits, &misses, &n);
	log_debug("SSL_CTX cache: %lu hits, %lu misses, %u kept", hits, misses,
		  n);
	ctxcache_flush();
}

/* Fork mode: a child per READY. ABORTs: the child learns at its DONE. */
static int on_event(const struct nlmsghdr *nlh, void *data)
{
	struct daemon_ctx *ctx = data;
	uint32_t id;
	uint8_t cmd;

	if (event_decode(ctx->nl, nlh, &cmd, &id) &&
	    cmd == KTLSCTL_CMD_READY) {
		log_debug("request %u ready", id);
		fork_one();
	}
	return 0;
}

/*
 * Requests may wait that we heard no READY for (queued before we joined,
 * or events lost): the workers drain the queue; in fork mode, a child for
 * each request queued.
 */
static void rescan(const struct daemon_ctx *ctx)
{
	struct ktlsctl_status st;
	struct ktlsctl_sock *nl;
	uint32_t i;

	if (!ctx->fork_mode) {
		workers_kick(-1);
		return;
	}
	if (ktlsctl_open(&nl))
		return;
	if (!ktlsctl_status_get(nl, &st))
		for (i = 0; i < st.queued; i++)
			fork_one();
	ktlsctl_close(nl);
}

static int run(struct daemon_ctx *ctx, int sfd)
{
	struct pollfd pfd[2] = {
		{ .fd = ktlsctl_fd(ctx->nl), .events = POLLIN },
		{ .fd = sfd, .events = POLLIN },
	};
	struct signalfd_siginfo si;
	int err;

	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (pfd[1].revents & POLLIN) {
			if (read(sfd, &si, sizeof(si)) != sizeof(si))
				return -EIO;
			if (si.ssi_signo == SIGCHLD) {
				fork_reap();
				continue;
			}
			if (si.ssi_signo == SIGHUP)
				continue;
			log_info("signal %u: exiting", si.ssi_signo);
			return 0;
		}
		if (pfd[0].revents & POLLIN) {
			err = ktlsctl_recv_events(ctx->nl, on_event, ctx);
			if (err == -ENOBUFS) {
				log_warn("event queue overrun: rescanning");
				rescan(ctx);
				continue;
			}
			if (err && err != -EAGAIN && err != -EINTR) {
				log_err("netlink: %s", strerror(-err));
				return err;
			}
		}
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "foreground", no_argument, NULL, 'f' },
		{ "syslog", no_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "ready-file", required_argument, NULL, 'r' },
		{ "workers", required_argument, NULL, 'w' },
		{ "max-inflight", required_argument, NULL, 'm' },
		{ "stall-timeout", required_argument, NULL, 't' },
		{ "no-drop", no_argument, NULL, 'D' },
		{ "no-seccomp", no_argument, NULL, 'S' },
		{ "fork-per-request", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	struct daemon_ctx ctx = { .ready_file = DEFAULT_READY_FILE,
				  .max_inflight = DEFAULT_MAX_INFLIGHT,
				  .stall_ms = DEFAULT_STALL_MS };
	struct harden_opts hopts = { .drop = true, .seccomp = true };
	bool use_syslog = false, verbose = false;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	char *end;
	sigset_t mask;
	int c, err, sfd;

	ctx.n_workers = ncpu > 0 ? (unsigned int)ncpu : 1;
	while ((c = getopt_long(argc, argv, "fsvw:m:t:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			break;
		case 's':
			use_syslog = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'r':
			ctx.ready_file = optarg;
			break;
		case 'D':
			hopts.drop = false;
			break;
		case 'S':
			hopts.seccomp = false;
			break;
		case 'F':
			ctx.fork_mode = true;
			break;
		case 'w':
			errno = 0;
			ncpu = strtol(optarg, &end, 10);
			if (errno || *end || ncpu < 1 || ncpu > 1024) {
				fprintf(stderr, "ktlsctld: bad worker count %s\n",
					optarg);
				return 2;
			}
			ctx.n_workers = (unsigned int)ncpu;
			break;
		case 'm':
			errno = 0;
			ncpu = strtol(optarg, &end, 10);
			if (errno || *end || ncpu < 1 || ncpu > 65536) {
				fprintf(stderr,
					"ktlsctld: bad in-flight limit %s (1..65536)\n",
					optarg);
				return 2;
			}
			ctx.max_inflight = (unsigned int)ncpu;
			break;
		case 't':
			errno = 0;
			ncpu = strtol(optarg, &end, 10);
			if (errno || *end || ncpu < 0 || ncpu > 3600000) {
				fprintf(stderr,
					"ktlsctld: bad stall timeout %s (0..3600000 ms)\n",
					optarg);
				return 2;
			}
			ctx.stall_ms = (unsigned int)ncpu;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("ktlsctld %s\n", KTLSCTL_TOOLS_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	log_init(use_syslog, verbose);

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	if (ctx.fork_mode)
		sigaddset(&mask, SIGCHLD);
	/* Blocked before any thread starts, so that all inherit the mask;
	 * the workers send with MSG_NOSIGNAL, SIGPIPE is ignored anyway. */
	signal(SIGPIPE, SIG_IGN);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0 ||
	    (sfd = signalfd(-1, &mask, SFD_CLOEXEC)) < 0) {
		log_err("signals: %s", strerror(errno));
		return 1;
	}

	err = tls_init();
	if (err) {
		log_err("cannot initialise OpenSSL");
		goto out;
	}
	err = ktlsctl_open(&ctx.nl);
	if (err) {
		log_err("%s: %s", strerror(-err),
			ctx.nl ? ktlsctl_error(ctx.nl) : "cannot open netlink");
		goto out;
	}
	/* The workers hear READY on their own sockets (worker.c). */
	err = ctx.fork_mode ? ktlsctl_join(ctx.nl, KTLSCTL_MCGRP_HANDSHAKE) : 0;
	if (err) {
		log_err("join %s: %s: %s", KTLSCTL_MCGRP_HANDSHAKE,
			strerror(-err), ktlsctl_error(ctx.nl));
		goto out;
	}
	if (ctx.max_inflight < ctx.n_workers)
		ctx.n_workers = ctx.max_inflight;
	if (ctx.fork_mode) {
		/* Children are forked: the filter allows clone() for threads. */
		ctx.n_workers = 0;
		hopts.seccomp = false;
	}
	err = ctx.fork_mode ? 0 :
	      workers_init(ctx.n_workers, ctx.max_inflight, ctx.stall_ms);
	if (err) {
		log_err("workers: %s", strerror(-err));
		goto out;
	}
	err = write_ready_file(&ctx);
	if (err) {
		log_err("%s: %s", ctx.ready_tmp ?: ctx.ready_file,
			strerror(-err));
		goto out_workers;
	}
	hopts.syslog = use_syslog;
	err = harden_apply(&hopts);
	if (err)
		goto out_workers;
	err = ctx.fork_mode ? 0 : workers_start();
	if (err) {
		log_err("workers: %s", strerror(-err));
		goto out;
	}
	err = publish_ready_file(&ctx);
	if (err) {
		log_err("%s: %s", ctx.ready_file, strerror(-err));
		goto out_workers;
	}
	log_info("ready: family %s id %u, serving handler tls v%u, %u workers, at most %u in flight%s%s%s",
		 KTLSCTL_FAMILY_NAME, ktlsctl_family_id(ctx.nl),
		 KTLSCTL_HANDLER_VERSION, ctx.n_workers, ctx.max_inflight,
		 ctx.fork_mode ? ", a process per request" : "",
		 hopts.drop ? "" : ", privileges kept",
		 hopts.seccomp ? "" : ", no seccomp");
	/* Requests queued before we subscribed. */
	rescan(&ctx);

	err = run(&ctx, sfd);
	workers_stop();
	log_ctx_cache();
	unlink(ctx.ready_file);
	goto out;
out_workers:
	workers_stop();
out:
	if (ctx.ready_tmp) {
		unlink(ctx.ready_tmp);
		free(ctx.ready_tmp);
	}
	ktlsctl_close(ctx.nl);
	close(sfd);
	return err ? 1 : 0;
}
