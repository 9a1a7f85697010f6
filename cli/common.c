// SPDX-License-Identifier: GPL-2.0
/*
 * What the commands share: errors, option parsing, enum and errno names,
 * numbers and files from the command line, the network namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

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

int cli_help_arg(const char *arg)
{
	return arg && (!strcmp(arg, "-h") || !strcmp(arg, "--help"));
}

int cli_u32(const char *s, uint32_t *v)
{
	unsigned long long n;
	char *end;

	/* Decimal digits only: no sign, no space, no 0x. */
	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || *end || n > UINT32_MAX)
		return -EINVAL;
	*v = (uint32_t)n;
	return 0;
}

int cli_enum_arg(const struct ktlsctl_enum_desc *desc, const char *name,
		 uint32_t *value)
{
	unsigned int i;

	for (i = 0; i < desc->n; i++) {
		if (!strcasecmp(desc->entries[i].name, name)) {
			*value = desc->entries[i].value;
			return 0;
		}
	}
	return -EINVAL;
}

int cli_list_add(struct cli_list *l, const void *item, size_t item_size)
{
	size_t size;
	void *p;

	if (l->n == l->size) {
		size = l->size ? 2 * l->size : 8;
		p = realloc(l->items, size * item_size);
		if (!p)
			return -ENOMEM;
		l->items = p;
		l->size = size;
	}
	memcpy((char *)l->items + l->n++ * item_size, item, item_size);
	return 0;
}

int cli_read_file(const char *path, size_t max, unsigned char **bufp,
		  size_t *lenp)
{
	unsigned char *buf;
	size_t len = 0;
	ssize_t n;
	int fd, err = 0;

	*bufp = NULL;
	*lenp = 0;
	/*
	 * One buffer of the largest size, read(2) straight into it: no
	 * stdio buffer and no realloc leaves a copy of a key behind.
	 */
	buf = malloc(max + 1);
	if (!buf)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		free(buf);
		return err;
	}
	while (len <= max) {
		n = read(fd, buf + len, max + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		if (!n)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (!err && len > max)
		err = -EFBIG;
	if (err) {
		explicit_bzero(buf, len);
		free(buf);
		return err;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

void cli_free_secret(unsigned char *buf, size_t len)
{
	if (buf)
		explicit_bzero(buf, len);
	free(buf);
}

int cli_netns(const char *name)
{
	char path[sizeof(CLI_NETNS_DIR) + 256];
	int fd, err;

	/* As ip netns: a name, never a path. */
	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..") || strlen(name) > 255) {
		fprintf(stderr, "ktlsctl: netns \"%s\": not a namespace name\n",
			name);
		return -EINVAL;
	}
	snprintf(path, sizeof(path), "%s/%s", CLI_NETNS_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		fprintf(stderr, "ktlsctl: netns %s: %s: %s\n", name, path,
			strerror(-err));
		return err;
	}
	err = setns(fd, CLONE_NEWNET) ? -errno : 0;
	close(fd);
	if (err)
		fprintf(stderr, "ktlsctl: netns %s: cannot enter it: %s\n",
			name, strerror(-err));
	return err;
}

/*
 * The words of one line: separated by blanks, "..." keeps blanks and
 * takes \" and \\. Returns the number of words (0 for a blank line or a
 * comment), or -EINVAL for an unterminated quote or too many words.
 */
int cli_split_line(char *line, char **words, int max)
{
	char *r = line, *w = line;
	int n = 0;

	for (;;) {
		while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
			r++;
		if (!*r || (*r == '#' && !n))
			return n;
		if (n == max)
			return -EINVAL;
		words[n++] = w;
		while (*r && *r != ' ' && *r != '\t' && *r != '\n' &&
		       *r != '\r') {
			if (*r != '"') {
				*w++ = *r++;
				continue;
			}
			for (r++; *r != '"'; r++) {
				if (!*r)
					return -EINVAL;
				if (*r == '\\' && (r[1] == '"' || r[1] == '\\'))
					r++;
				*w++ = *r;
			}
			r++;
		}
		if (*r)
			r++;
		*w++ = '\0';
	}
}
