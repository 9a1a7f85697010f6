// SPDX-License-Identifier: GPL-2.0
/* ktlsctl status: what status-get reports, as text or JSON. */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "libktlsctl.h"
#include "print.h"

static void status_handlers(struct printer *p, const struct ktlsctl_status *st)
{
	const char *name;
	char num[16];
	unsigned int i;

	print_open_array(p, "handlers", "handlers:");
	for (i = 0; i < st->n_handlers; i++) {
		name = ktlsctl_enum_name(&ktlsctl_handler_enum,
					 st->handlers[i]);
		if (!name) {
			snprintf(num, sizeof(num), "%u", st->handlers[i]);
			name = num;
		}
		print_str(p, NULL, "", name);
	}
	print_close_array(p);
}

/* Every counter of the generated stats set that the module sent. */
static void status_stats(struct printer *p, const struct ktlsctl_status *st)
{
	const struct ktlsctl_attr_desc *d;
	unsigned int i;

	print_open_object(p, "stats", "stats:", "  ");
	for (i = 1; i <= ktlsctl_stats_set.max; i++) {
		d = &ktlsctl_stats_set.attrs[i];
		if (d->kind != KTLSCTL_KIND_U64 || !st->stats_present[i])
			continue;
		print_uint(p, d->name, NULL, st->stats[i]);
	}
	print_close_object(p);
}

static int status_print(const struct cli *cli, const struct ktlsctl_status *st)
{
	struct printer p;

	print_start(&p, stdout, cli->json, cli->pretty);
	print_str(&p, "version", "ktlsctl", st->version);
	print_open_object(&p, "family", "family", " ");
	print_str(&p, "name", "", KTLSCTL_FAMILY_NAME);
	print_uint(&p, "id", NULL, st->family_id);
	print_uint(&p, "version", NULL, st->family_version);
	print_close_object(&p);
	print_uint(&p, "handler-version", NULL, st->handler_version);
	print_nl(&p);
	status_handlers(&p, st);
	print_nl(&p);
	print_uint(&p, "queued", NULL, st->queued);
	print_uint(&p, "in-progress", NULL, st->in_progress);
	print_uint(&p, "queue-limit", NULL, st->queue_limit);
	print_nl(&p);
	status_stats(&p, st);
	print_nl(&p);
	return print_end(&p);
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctl [-j|-p] status\n"
		"The module's version, the family, the handlers it serves, the\n"
		"queue gauges and the counters of this network namespace.\n");
}

int cli_status_show(const struct cli *cli, const char *what,
		    int (*print)(const struct cli *cli,
				 const struct ktlsctl_status *st))
{
	struct ktlsctl_status st;
	struct ktlsctl_sock *sock;
	char where[64];
	int err;

	err = ktlsctl_open(&sock);
	if (!err)
		err = ktlsctl_status_get(sock, &st);
	if (err) {
		cli_error(what, err, ktlsctl_error(sock));
		ktlsctl_close(sock);
		return 1;
	}
	ktlsctl_close(sock);

	err = print(cli, &st);
	if (err) {
		snprintf(where, sizeof(where), "%s: output", what);
		cli_error(where, err, NULL);
		return 1;
	}
	return 0;
}

int cmd_status(struct cli *cli, int argc, char **argv)
{
	int err;

	err = cli_no_options(argc, argv, usage);
	if (err >= 0)
		return err;
	return cli_status_show(cli, "status", status_print);
}
