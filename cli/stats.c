// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl stats: the counters of status-get alone, one per line with its
 * value in a column, or one flat JSON object.
 */
#include <stdio.h>

#include "cli.h"
#include "libktlsctl.h"
#include "print.h"

/* Wide enough for the longest counter name of the spec. */
#define STATS_NAME_WIDTH	16

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctl [-j|-p] stats\n"
		"The counters of this network namespace, as status shows them:\n"
		"requests submitted, accepted by a daemon, completed, failed,\n"
		"timed out, cancelled, rejected (queue full), keys installed in\n"
		"software and in hardware, and live request objects (a gauge).\n");
}

static int stats_print(const struct cli *cli, const struct ktlsctl_status *st)
{
	char label[STATS_NAME_WIDTH + 1];
	const struct ktlsctl_attr_desc *d;
	struct printer p;
	unsigned int i;

	print_start(&p, stdout, cli->json, cli->pretty);
	for (i = 1; i <= ktlsctl_stats_set.max; i++) {
		d = &ktlsctl_stats_set.attrs[i];
		if (d->kind != KTLSCTL_KIND_U64 || !st->stats_present[i])
			continue;
		/* The name padded to a column; the value follows a space. */
		snprintf(label, sizeof(label), "%-*s", STATS_NAME_WIDTH - 1,
			 d->name);
		print_uint(&p, d->name, label, st->stats[i]);
		print_nl(&p);
	}
	return print_end(&p);
}

int cmd_stats(struct cli *cli, int argc, char **argv)
{
	int err;

	err = cli_no_options(argc, argv, usage);
	if (err >= 0)
		return err;
	return cli_status_show(cli, "stats", stats_print);
}
