// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl request: the queued and in-progress handshake requests
 * (request-get), one per line or as a JSON array; and the printing of one
 * request, which monitor shares for its request events.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "libktlsctl.h"
#include "print.h"

/* A dump interrupted by a concurrent change is read again this often. */
#define REQUEST_DUMP_TRIES	3

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctl [-j|-p] request [ show | list ]\n"
		"The handshake requests queued for a daemon (oldest first), then\n"
		"those a daemon is running: id, state, handler, role, auth,\n"
		"age-ms (since the consumer asked), timeout-ms (time left),\n"
		"peer-name, tag (which consumer), policy-id, local and remote\n"
		"address. \"list\" is \"show\"; no word means \"show\".\n");
}

static void request_endpoint(struct printer *p, const char *key,
			     const struct ktlsctl_addr_sel *a)
{
	char buf[INET6_ADDRSTRLEN];

	print_endpoint(p, key, NULL, sel_addr(a, buf), a->port);
}

void request_print(struct printer *p, const struct ktlsctl_request *r)
{
	uint32_t has = r->has;

	print_uint(p, "id", NULL, r->id);
	if (has & KTLSCTL_REQUEST_HAS_STATE)
		cli_print_enum(p, "state", &ktlsctl_state_enum, r->state);
	if (has & KTLSCTL_REQUEST_HAS_HANDLER)
		cli_print_enum(p, "handler", &ktlsctl_handler_enum, r->handler);
	if (has & KTLSCTL_REQUEST_HAS_ROLE)
		cli_print_enum(p, "role", &ktlsctl_role_enum, r->role);
	if (has & KTLSCTL_REQUEST_HAS_AUTH)
		cli_print_enum(p, "auth", &ktlsctl_auth_enum, r->auth);
	if (has & KTLSCTL_REQUEST_HAS_AGE)
		print_uint(p, "age-ms", NULL, r->age_ms);
	if (has & KTLSCTL_REQUEST_HAS_TIMEOUT)
		print_uint(p, "timeout-ms", NULL, r->timeout_ms);
	if (has & KTLSCTL_REQUEST_HAS_PEER_NAME)
		print_str(p, "peer-name", NULL, r->peer_name);
	if (has & KTLSCTL_REQUEST_HAS_TAG)
		print_str(p, "tag", NULL, r->tag);
	if (has & KTLSCTL_REQUEST_HAS_POLICY_ID)
		print_uint(p, "policy-id", NULL, r->policy_id);
	if (has & KTLSCTL_REQUEST_HAS_LOCAL)
		request_endpoint(p, "local", &r->local);
	if (has & KTLSCTL_REQUEST_HAS_REMOTE)
		request_endpoint(p, "remote", &r->remote);
	if (has & KTLSCTL_REQUEST_HAS_STATUS)
		cli_print_status(p, "status", r->status);
	if (has & KTLSCTL_REQUEST_HAS_VERSION)
		cli_print_enum(p, "version", &ktlsctl_tls_version_enum,
			       r->version);
	if (has & KTLSCTL_REQUEST_HAS_CIPHER)
		cli_print_enum(p, "cipher", &ktlsctl_cipher_enum, r->cipher);
	if (has & KTLSCTL_REQUEST_HAS_KEY_MODE)
		cli_print_enum(p, "key-mode", &ktlsctl_key_mode_enum,
			       r->key_mode);
	if (has & KTLSCTL_REQUEST_HAS_PEER_IDENTITY)
		print_str(p, "peer-identity", NULL, r->peer_identity);
}

int request_list_print(FILE *out, const struct cli *cli,
		       const struct ktlsctl_request *reqs, size_t n)
{
	struct printer p;
	size_t i;

	print_start_array(&p, out, cli->json, cli->pretty);
	for (i = 0; i < n; i++) {
		print_open_object(&p, NULL, "", "  ");
		request_print(&p, &reqs[i]);
		print_close_object(&p);
		print_nl(&p);
	}
	return print_end(&p);
}

/* The whole list first: a dump that must be read again prints once. */
struct request_list {
	struct ktlsctl_request *reqs;
	size_t n, size;
};

static int request_add(const struct ktlsctl_request *req, void *data)
{
	struct request_list *l = data;
	struct ktlsctl_request *reqs;
	size_t size;

	if (l->n == l->size) {
		size = l->size ? 2 * l->size : 16;
		reqs = realloc(l->reqs, size * sizeof(*reqs));
		if (!reqs)
			return -ENOMEM;
		l->reqs = reqs;
		l->size = size;
	}
	l->reqs[l->n++] = *req;
	return 0;
}

static int request_show(const struct cli *cli)
{
	struct request_list l = {};
	struct ktlsctl_sock *sock;
	int err, tries;

	err = ktlsctl_open(&sock);
	for (tries = 0; !err && tries < REQUEST_DUMP_TRIES; tries++) {
		l.n = 0;
		err = ktlsctl_request_dump(sock, request_add, &l);
		if (err != -EINTR)
			break;
	}
	if (err) {
		cli_error("request show", err, ktlsctl_error(sock));
		ktlsctl_close(sock);
		free(l.reqs);
		return 1;
	}
	ktlsctl_close(sock);

	err = request_list_print(stdout, cli, l.reqs, l.n);
	free(l.reqs);
	if (err) {
		cli_error("request show: output", err, NULL);
		return 1;
	}
	return 0;
}

int cmd_request(struct cli *cli, int argc, char **argv)
{
	int ret;

	if (argc > 1 && !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && argv[1][0] != '-') {
		if (strcmp(argv[1], "show") && strcmp(argv[1], "list")) {
			fprintf(stderr, "ktlsctl: request: unknown command \"%s\"\n",
				argv[1]);
			usage(stderr);
			return 2;
		}
		argc--;
		argv++;
	}
	ret = cli_no_options(argc, argv, usage);
	if (ret >= 0)
		return ret;
	return request_show(cli);
}
