// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl monitor: the events of the "monitor" group as they come, one
 * line (or one JSON object) per event, flushed at once. One poll loop over
 * the netlink socket (non-blocking) and a signalfd: SIGINT and SIGTERM end
 * it cleanly, with exit status 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "libktlsctl.h"
#include "print.h"

struct monitor {
	const struct cli *cli;
	bool timestamp;
	unsigned long count;	/* stop after this many events; 0: never */
	unsigned long seen;
	int out_err;		/* writing the output failed */
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctl [-j|-p] monitor [ -t | --timestamp ] [ -c | --count N ]\n"
		"One line per event of the \"monitor\" group (one JSON object with -j):\n"
		"  request id ID  state STATE  handler role peer-name tag, and once it\n"
		"      finished: status (0 or an errno name) version cipher key-mode\n"
		"      peer-identity\n"
		"  config object action cred-type name policy-id\n"
		"  -t, --timestamp  each event starts with the time it was read\n"
		"  -c, --count N    exit after N events\n"
		"SIGINT and SIGTERM stop it (exit status 0).\n");
}

/* ISO 8601, local time, microseconds: 2025-01-31T12:34:56.123456+0100 */
static void monitor_timestamp(struct printer *p)
{
	char date[32], zone[8], buf[64];
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	snprintf(buf, sizeof(buf), "%s.%06ld%s", date, ts.tv_nsec / 1000,
		 zone);
	print_str(p, "timestamp", "", buf);
}

static void config_print(struct printer *p,
			 const struct ktlsctl_config_event *c)
{
	if (c->has & KTLSCTL_CONFIG_HAS_OBJECT)
		cli_print_enum(p, "object", &ktlsctl_config_object_enum,
			       c->object);
	if (c->has & KTLSCTL_CONFIG_HAS_ACTION)
		cli_print_enum(p, "action", &ktlsctl_config_action_enum,
			       c->action);
	if (c->has & KTLSCTL_CONFIG_HAS_CRED_TYPE)
		cli_print_enum(p, "cred-type", &ktlsctl_cred_type_enum,
			       c->cred_type);
	if (c->has & KTLSCTL_CONFIG_HAS_NAME)
		print_str(p, "name", NULL, c->name);
	if (c->has & KTLSCTL_CONFIG_HAS_POLICY_ID)
		print_uint(p, "policy-id", NULL, c->policy_id);
}

int monitor_print(FILE *out, const struct cli *cli, bool timestamp,
		  const struct ktlsctl_ntf *ntf)
{
	struct printer p;

	print_start(&p, out, cli->json, cli->pretty);
	if (timestamp)
		monitor_timestamp(&p);
	if (ntf->cmd == KTLSCTL_CMD_REQUEST_NTF) {
		print_open_object(&p, "request", "request", "  ");
		request_print(&p, &ntf->request);
	} else {
		print_open_object(&p, "config", "config", "  ");
		config_print(&p, &ntf->config);
	}
	print_close_object(&p);
	print_nl(&p);
	return print_end(&p);	/* flushes */
}

static int monitor_event(const struct ktlsctl_ntf *ntf, void *data)
{
	struct monitor *m = data;

	m->out_err = monitor_print(stdout, m->cli, m->timestamp, ntf);
	if (m->out_err)
		return m->out_err;
	m->seen++;
	if (m->count && m->seen >= m->count)
		return -ECANCELED;	/* stops the batch: we are done */
	return 0;
}

/*
 * A signalfd for SIGINT and SIGTERM. Their disposition is reset first: a
 * shell starts background jobs with SIGINT ignored, and an ignored signal
 * never reaches a signalfd.
 */
static int monitor_signals(void)
{
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -errno;
	fd = signalfd(-1, &set, SFD_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* Waits for events; 1 when a signal came, 0 for events, or -errno. */
static int monitor_wait(int nlfd, int sigfd)
{
	struct pollfd pfd[2] = {
		{ .fd = sigfd, .events = POLLIN },
		{ .fd = nlfd, .events = POLLIN },
	};

	if (poll(pfd, 2, -1) < 0)
		return errno == EINTR ? 0 : -errno;
	return pfd[0].revents ? 1 : 0;
}

static int monitor_loop(struct ktlsctl_sock *sock, struct monitor *m,
			int sigfd)
{
	int nlfd = ktlsctl_fd(sock);
	int err;

	for (;;) {
		err = ktlsctl_monitor_recv(sock, monitor_event, m);
		if (m->count && m->seen >= m->count)
			return 0;
		if (m->out_err) {
			cli_error("monitor: output", m->out_err, NULL);
			return 1;
		}
		switch (err) {
		case 0:
		case -EINTR:
			continue;
		case -EAGAIN:
			err = monitor_wait(nlfd, sigfd);
			if (err == 1)
				return 0;
			if (err < 0) {
				cli_error("monitor: poll", err, NULL);
				return 1;
			}
			continue;
		case -ENOBUFS:
		case -EINVAL:
		case -EPROTO:
			/* Lost or malformed events: say so, go on. */
			cli_error("monitor", err, ktlsctl_error(sock));
			continue;
		default:
			cli_error("monitor", err, ktlsctl_error(sock));
			return 1;
		}
	}
}

static int monitor_args(struct monitor *m, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "timestamp", no_argument, NULL, 't' },
		{ "count", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	char *end;
	int c;

	optind = 0;	/* a fresh start: argv[0] is the command */
	while ((c = getopt_long(argc, argv, "+tc:h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			m->timestamp = true;
			break;
		case 'c':
			errno = 0;
			m->count = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || !m->count ||
			    optarg[0] == '-') {
				fprintf(stderr, "ktlsctl: monitor: bad count \"%s\"\n",
					optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ktlsctl: monitor: unexpected argument \"%s\"\n",
			argv[optind]);
		usage(stderr);
		return 2;
	}
	return -1;
}

int cmd_monitor(struct cli *cli, int argc, char **argv)
{
	struct monitor m = { .cli = cli };
	struct ktlsctl_sock *sock;
	int err, sigfd, ret;

	ret = monitor_args(&m, argc, argv);
	if (ret >= 0)
		return ret;

	/* Before the subscription: a signal from then on ends it cleanly. */
	sigfd = monitor_signals();
	if (sigfd < 0) {
		cli_error("monitor: signalfd", sigfd, NULL);
		return 1;
	}
	err = ktlsctl_open(&sock);
	if (!err)
		err = ktlsctl_monitor_join(sock);
	/* Requests never run on this socket: non-blocking is safe. */
	if (!err && fcntl(ktlsctl_fd(sock), F_SETFL,
			  fcntl(ktlsctl_fd(sock), F_GETFL) | O_NONBLOCK) < 0)
		err = -errno;
	if (err) {
		cli_error("monitor", err, ktlsctl_error(sock));
		ktlsctl_close(sock);
		close(sigfd);
		return 1;
	}
	ret = monitor_loop(sock, &m, sigfd);
	close(sigfd);
	ktlsctl_close(sock);
	return ret;
}
