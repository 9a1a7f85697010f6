/* SPDX-License-Identifier: GPL-2.0 */
/* The ktlsctl command: global options and the per-object commands. */
#ifndef _KTLSCTL_CLI_H
#define _KTLSCTL_CLI_H

#include <stdbool.h>

struct cli {
	bool json;
	bool pretty;
};

/* Prints "ktlsctl: <what>: <strerror>[: <msg>]" on stderr. */
void cli_error(const char *what, int err, const char *msg);

int cmd_status(struct cli *cli, int argc, char **argv);

#endif /* _KTLSCTL_CLI_H */
