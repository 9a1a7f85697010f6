/* SPDX-License-Identifier: GPL-2.0 */
/* The ktlsctl command: global options and the per-object commands. */
#ifndef _KTLSCTL_CLI_H
#define _KTLSCTL_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ktlsctl_enum_desc;
struct ktlsctl_ntf;
struct ktlsctl_request;
struct printer;

struct cli {
	bool json;
	bool pretty;
};

/* common.c */

/* Prints "ktlsctl: <what>: <strerror>[: <msg>]" on stderr. */
void cli_error(const char *what, int err, const char *msg);
/*
 * Options of a command that has none but -h, --help (argv[0] is the
 * command): -1 to go on, else the exit status (0 after the help, 2 after
 * a bad option or an argument, with the usage on stderr).
 */
int cli_no_options(int argc, char **argv, void (*usage)(FILE *out));
/* An enum value by its spec name; its number when the spec has none. */
void cli_print_enum(struct printer *p, const char *key,
		    const struct ktlsctl_enum_desc *desc, uint32_t value);
/* A request's status: 0, or the errno name ("ETIMEDOUT"). */
void cli_print_status(struct printer *p, const char *key, uint32_t status);

/* request.c */

/* The fields of a request that its message carried, in one order. */
void request_print(struct printer *p, const struct ktlsctl_request *req);
/* A list of requests: one line each, or a JSON array. 0 or -errno. */
int request_list_print(FILE *out, const struct cli *cli,
		       const struct ktlsctl_request *reqs, size_t n);

/* monitor.c */

/* One event: one line, or one JSON object; flushed. 0 or -errno. */
int monitor_print(FILE *out, const struct cli *cli, bool timestamp,
		  const struct ktlsctl_ntf *ntf);

int cmd_status(struct cli *cli, int argc, char **argv);
/*
 * status.c: fetch status-get and print it with @print; errors name @what.
 * Returns the command's exit status.
 */
struct ktlsctl_status;
int cli_status_show(const struct cli *cli, const char *what,
		    int (*print)(const struct cli *cli,
				 const struct ktlsctl_status *st));
int cmd_stats(struct cli *cli, int argc, char **argv);
int cmd_request(struct cli *cli, int argc, char **argv);
int cmd_monitor(struct cli *cli, int argc, char **argv);

#endif /* _KTLSCTL_CLI_H */
