/* SPDX-License-Identifier: GPL-2.0 */
/* The ktlsctl command: global options and the per-object commands. */
#ifndef _KTLSCTL_CLI_H
#define _KTLSCTL_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ktlsctl_addr_sel;
struct ktlsctl_cred_entry;
struct ktlsctl_enum_desc;
struct ktlsctl_ntf;
struct ktlsctl_policy;
struct ktlsctl_request;
struct printer;

struct cli {
	bool json;
	bool pretty;
	bool quiet;	/* restore: no output but errors */
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

/* "-h" or "--help": a command's own usage follows. */
int cli_help_arg(const char *arg);
/* A decimal number from 0 to UINT32_MAX: 0 or -EINVAL. */
int cli_u32(const char *s, uint32_t *v);
/* An enum value by its spec name, case-insensitive: 0 or -EINVAL. */
int cli_enum_arg(const struct ktlsctl_enum_desc *desc, const char *name,
		 uint32_t *value);
/*
 * Reads a whole file of at most max bytes into a new buffer: 0, -EFBIG
 * when it is larger, or -errno. Buffers that hold a key or a secret go
 * with cli_free_secret(), which zeroes them first.
 */
int cli_read_file(const char *path, size_t max, unsigned char **buf,
		  size_t *len);
void cli_free_secret(unsigned char *buf, size_t len);

/* A growing array of items of one size (a dump, printed once complete). */
struct cli_list {
	void *items;
	size_t n, size;
};

/* Appends a copy of item: 0 or -ENOMEM. free(items) when done. */
int cli_list_add(struct cli_list *l, const void *item, size_t item_size);

/*
 * The words of one line of a restore file, in place: separated by blanks;
 * "..." keeps blanks and takes \" and \\. Returns the number of words (0
 * for a blank line or a # comment), or -EINVAL for an unterminated quote
 * or more than max words.
 */
int cli_split_line(char *line, char **words, int max);

#define CLI_NETNS_DIR	"/run/netns"
/*
 * -n NETNS: enters the network namespace /run/netns/NETNS (as ip -n),
 * before any netlink socket is opened. 0, or -errno after a message.
 */
int cli_netns(const char *name);

/* request.c */

/* The fields of a request that its message carried, in one order. */
void request_print(struct printer *p, const struct ktlsctl_request *req);
/* A list of requests: one line each, or a JSON array. 0 or -errno. */
int request_list_print(FILE *out, const struct cli *cli,
		       const struct ktlsctl_request *reqs, size_t n);

/* cred.c: the cred (certificate), psk and trust commands */

/* The words of "add", as given (NULL when absent). */
struct cred_args {
	const char *name;
	const char *cert, *key;			/* cred */
	const char *identity, *secret_file;	/* psk */
	const char *hash;
	uint32_t psk_hash;			/* hash, 0 when absent */
	const char *ca, *crl;			/* trust */
};

/*
 * The arguments of "add" for a type (KTLSCTL_CRED_TYPE_*), from NAME on:
 * 0, or after a message on stderr -ENOENT when the grammar is broken
 * (unknown, missing or repeated word: show the usage), -EINVAL for a bad
 * value.
 */
int cred_args(uint32_t type, int argc, char **argv, struct cred_args *a);
/*
 * A PSK secret file's text: hex digits of 16 to 64 bytes, whitespace
 * allowed around them only. 0, -EINVAL (not hex), -ERANGE (length).
 */
int cred_psk_hex(const unsigned char *text, size_t len, unsigned char *out,
		 size_t *outlen);
/* The words of add that name files, by KTLSCTL_CRED_PATH_*. */
extern const char *const cred_path_words[];
/* The fields of a listed credential, in one order; never a secret. */
void cred_print(struct printer *p, const struct ktlsctl_cred_entry *e);
/* A listing: one line each, or a JSON array. 0 or -errno. */
int cred_list_print(FILE *out, const struct cli *cli,
		    const struct ktlsctl_cred_entry *e, size_t n);

/* selector.c */

/*
 * ADDR[/LEN][:PORT], [IPV6ADDR][/LEN][:PORT] or :PORT into *a: NULL, or
 * why it is not one.
 */
const char *sel_parse(const char *s, struct ktlsctl_addr_sel *a);
/* The address of a selector as text in buf, or NULL when it has none. */
const char *sel_addr(const struct ktlsctl_addr_sel *a, char *buf);
/* "10.0.0.0/8:443", "[fd00::]/8:443", ":443"; an object in JSON. */
void sel_print(struct printer *p, const char *key,
	       const struct ktlsctl_addr_sel *a);

/* policy.c */

/*
 * The keywords of "policy add" into *pol: 0, or after a message on stderr
 * -ENOENT (unknown, valueless or repeated keyword) or -EINVAL (bad value).
 */
int policy_args(int argc, char **argv, struct ktlsctl_policy *pol);
void policy_print(struct printer *p, const struct ktlsctl_policy *pol);
int policy_list_print(FILE *out, const struct cli *cli,
		      const struct ktlsctl_policy *pols, size_t n);
/* What "policy add" prints: "id N", or {"id": N}. */
int policy_id_print(FILE *out, const struct cli *cli, uint32_t id);

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
int cmd_cred(struct cli *cli, int argc, char **argv);
int cmd_psk(struct cli *cli, int argc, char **argv);
int cmd_trust(struct cli *cli, int argc, char **argv);
int cmd_policy(struct cli *cli, int argc, char **argv);
/* save.c */
int cmd_save(struct cli *cli, int argc, char **argv);
int cmd_restore(struct cli *cli, int argc, char **argv);

/* main.c: runs one command (argv[0] is its name): its exit status. */
int cli_run(struct cli *cli, int argc, char **argv);

#endif /* _KTLSCTL_CLI_H */
