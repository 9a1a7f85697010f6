// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctld: serves the ktlsctl module's handshake requests.
 *
 * Architecture. One thread runs a poll loop over two descriptors: the
 * generic netlink socket subscribed to the "handshake" multicast group, on
 * which the module announces READY for each queued request, and a signalfd
 * for SIGINT/SIGTERM (clean exit) and SIGHUP (ignored for now). On READY the
 * loop takes the request with ACCEPT. Handshakes themselves will run on a
 * pool of worker threads, each owning its requests end to end (ACCEPT reply
 * -> OpenSSL on the passed fd -> DONE), so that one slow peer never delays
 * another; the loop never blocks on a peer. Shared state: none yet.
 *
 * Status of this file: the loop, the subscription and the ready file work;
 * the module does not queue requests yet (the ACCEPT/DONE path lands with
 * the handshake work), so a READY is answered with an ACCEPT whose refusal
 * is logged.
 *
 * Readiness: once subscribed, the daemon writes its pid to the ready file
 * (default /run/ktlsctld.ready) and removes it on exit, so that scripts and
 * the VM harness can wait for it without sleeping.
 */
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

#include "libktlsctl.h"
#include "log.h"

#define DEFAULT_READY_FILE "/run/ktlsctld.ready"

struct daemon_ctx {
	struct ktlsctl_sock *nl;
	const char *ready_file;
	unsigned long ready_seen;
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctld [-f|--foreground] [-s|--syslog] [-v|--verbose]\n"
		"                [--ready-file FILE] [-h|--help] [-V|--version]\n"
		"Serves TLS handshake requests of the ktlsctl kernel module.\n"
		"Runs in the foreground (for systemd or a supervisor); logs to\n"
		"stderr unless --syslog.\n");
}

static int write_ready_file(const char *path)
{
	FILE *f;

	f = fopen(path, "we");
	if (!f)
		return -errno;
	fprintf(f, "%ld\n", (long)getpid());
	if (fclose(f))
		return -errno;
	return 0;
}

static int on_event(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[KTLSCTL_A_REQUEST_MAX + 1] = {};
	struct daemon_ctx *ctx = data;
	const struct genlmsghdr *genl;
	struct nlmsghdr *req;
	uint32_t id = 0;
	int err;

	genl = mnl_nlmsg_get_payload(nlh);
	if (genl->cmd != KTLSCTL_CMD_READY) {
		log_debug("ignoring event %u", genl->cmd);
		return 0;
	}
	err = ktlsctl_parse(ctx->nl, nlh, &ktlsctl_request_set, tb);
	if (err) {
		log_warn("malformed READY: %s", ktlsctl_error(ctx->nl));
		return 0;
	}
	if (tb[KTLSCTL_A_REQUEST_ID])
		id = mnl_attr_get_u32(tb[KTLSCTL_A_REQUEST_ID]);
	ctx->ready_seen++;
	log_info("request %u ready", id);

	req = ktlsctl_msg(ctx->nl, KTLSCTL_CMD_ACCEPT, 0);
	mnl_attr_put_u32(req, KTLSCTL_A_REQUEST_HANDLER, KTLSCTL_HANDLER_TLS);
	mnl_attr_put_u32(req, KTLSCTL_A_REQUEST_HANDLER_VERSION,
			 KTLSCTL_HANDLER_VERSION);
	err = ktlsctl_do(ctx->nl, req, NULL, NULL);
	if (err)
		log_warn("accept: %s: %s", strerror(-err),
			 ktlsctl_error(ctx->nl));
	return 0;
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
			if (si.ssi_signo == SIGHUP)
				continue;
			log_info("signal %u: exiting", si.ssi_signo);
			return 0;
		}
		if (pfd[0].revents & POLLIN) {
			err = ktlsctl_recv_events(ctx->nl, on_event, ctx);
			if (err == -ENOBUFS) {
				/* Events were lost: a later READY or a rescan
				 * will pick the requests up. */
				log_warn("event queue overrun");
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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	struct daemon_ctx ctx = { .ready_file = DEFAULT_READY_FILE };
	bool use_syslog = false, verbose = false;
	sigset_t mask;
	int c, err, sfd;

	while ((c = getopt_long(argc, argv, "fsvhV", opts, NULL)) != -1) {
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
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0 ||
	    (sfd = signalfd(-1, &mask, SFD_CLOEXEC)) < 0) {
		log_err("signals: %s", strerror(errno));
		return 1;
	}

	err = ktlsctl_open(&ctx.nl);
	if (err) {
		log_err("%s: %s", strerror(-err),
			ctx.nl ? ktlsctl_error(ctx.nl) : "cannot open netlink");
		return 1;
	}
	err = ktlsctl_join(ctx.nl, KTLSCTL_MCGRP_HANDSHAKE);
	if (err) {
		log_err("join %s: %s: %s", KTLSCTL_MCGRP_HANDSHAKE,
			strerror(-err), ktlsctl_error(ctx.nl));
		goto out;
	}
	err = write_ready_file(ctx.ready_file);
	if (err) {
		log_err("%s: %s", ctx.ready_file, strerror(-err));
		goto out;
	}
	log_info("ready: family %s id %u, serving handler tls v%u",
		 KTLSCTL_FAMILY_NAME, ktlsctl_family_id(ctx.nl),
		 KTLSCTL_HANDLER_VERSION);

	err = run(&ctx, sfd);
	unlink(ctx.ready_file);
out:
	ktlsctl_close(ctx.nl);
	close(sfd);
	return err ? 1 : 0;
}
