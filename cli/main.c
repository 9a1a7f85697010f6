// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl: the operators' command for the ktlsctl module. Global options,
 * then an object and its arguments, dispatched through a table.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef KTLSCTL_TOOLS_VERSION
#define KTLSCTL_TOOLS_VERSION "unknown"
#endif

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{ "status", cmd_status, "module version, handlers, queues, counters" },
	{ "stats", cmd_stats, "the counters alone" },
	{ "request", cmd_request, "queued and in-progress handshake requests" },
	{ "cred", cmd_cred, "certificate credentials: add, del, show" },
	{ "psk", cmd_psk, "pre-shared keys: add, del, show" },
	{ "trust", cmd_trust, "trust bundles (CAs, CRL): add, del, show" },
	{ "policy", cmd_policy, "handshake policies: add, del, flush, show" },
	{ "monitor", cmd_monitor, "request and config events as they come" },
	{ "save", cmd_save, "the store as the commands that rebuild it" },
	{ "restore", cmd_restore, "run the commands save wrote" },
};

int cli_run(struct cli *cli, int argc, char **argv)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[0], commands[i].name))
			return commands[i].run(cli, argc, argv);
	fprintf(stderr, "ktlsctl: unknown command \"%s\"\n", argv[0]);
	return 2;
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"Usage: ktlsctl [-j|-p] [-n NETNS] COMMAND [ARGS]\n"
		"Options:\n"
		"  -j, --json      JSON output\n"
		"  -p, --pretty    pretty-printed JSON output (implies -j)\n"
		"  -n, --netns NETNS\n"
		"                  run in network namespace NETNS\n"
		"                  (" CLI_NETNS_DIR "/NETNS, as ip -n)\n"
		"  -h, --help      this help\n"
		"  -V, --version   the tools' version\n"
		"Commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-14s  %s\n", commands[i].name,
			commands[i].help);
	fprintf(out, "ktlsctl COMMAND --help: the command's own usage.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "netns", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	const char *netns = NULL;
	struct cli cli = {};
	size_t i;
	int c;

	/* "+": options end at the command, which parses its own. */
	while ((c = getopt_long(argc, argv, "+jpn:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			cli.json = true;
			break;
		case 'p':
			cli.json = true;
			cli.pretty = true;
			break;
		case 'n':
			netns = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("ktlsctl %s\n", KTLSCTL_TOOLS_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind == argc) {
		fprintf(stderr, "ktlsctl: no command given\n");
		usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name))
			continue;
		/* Before any netlink socket: every command runs there. */
		if (netns && cli_netns(netns))
			return 1;
		return commands[i].run(&cli, argc - optind, argv + optind);
	}
	fprintf(stderr, "ktlsctl: unknown command \"%s\"\n", argv[optind]);
	usage(stderr);
	return 2;
}
