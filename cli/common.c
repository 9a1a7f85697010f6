// SPDX-License-Identifier: GPL-2.0
/* What the commands share: errors, option parsing, enum and errno names. */
#define _GNU_SOURCE
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "libktlsctl.h"
#include "print.h"

void cli_error(const char *what, int err, const char *msg)
{
	if (err < 0)
		err = -err;
	if (msg && *msg)
		fprintf(stderr, "ktlsctl: %s: %s: %s\n", what, strerror(err),
			msg);
	else
		fprintf(stderr, "ktlsctl: %s: %s\n", what, strerror(err));
}

int cli_no_options(int argc, char **argv, void (*usage)(FILE *out))
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int c;

	optind = 0;	/* a fresh start: argv[0] is the command */
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 0;
		}
		usage(stderr);
		return 2;
	}
	if (optind < argc) {
		fprintf(stderr, "ktlsctl: %s: unexpected argument \"%s\"\n",
			argv[0], argv[optind]);
		usage(stderr);
		return 2;
	}
	return -1;
}

void cli_print_enum(struct printer *p, const char *key,
		    const struct ktlsctl_enum_desc *desc, uint32_t value)
{
	const char *name = ktlsctl_enum_name(desc, value);

	if (name)
		print_str(p, key, NULL, name);
	else
		print_uint(p, key, NULL, value);
}

void cli_print_status(struct printer *p, const char *key, uint32_t status)
{
	const char *name = NULL;

	if (status && status <= INT32_MAX)
		name = strerrorname_np((int)status);
	if (name)
		print_str(p, key, NULL, name);
	else
		print_uint(p, key, NULL, status);
}
