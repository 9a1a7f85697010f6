// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl policy: add (prints the new id), del, flush and show (in match
 * order: ascending priority, then id). The keywords of add map onto the
 * policy attributes of the spec: dir is the role, proto the handler.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "libktlsctl.h"
#include "print.h"

/* A dump interrupted by a concurrent change is read again this often. */
#define POLICY_DUMP_TRIES	3

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctl [-j|-p] policy add [ dir client | server ]\n"
		"               [ proto tcp | udp | quic ] [ src SELECTOR ] [ dst SELECTOR ]\n"
		"               [ peer-name PATTERN ] [ tag TAG ] [ cred NAME ] [ trust NAME ]\n"
		"               [ psk NAME ] [ auth anon | x509 | psk ]\n"
		"               [ tls-min 1.2 | 1.3 ] [ tls-max 1.2 | 1.3 ] [ cipher LIST ]\n"
		"               [ alpn LIST ] [ timeout MS ] [ offload none | prefer | require ]\n"
		"               [ priority N ]\n"
		"       ktlsctl policy del ID\n"
		"       ktlsctl policy flush [ dir client | server ]\n"
		"       ktlsctl [-j|-p] policy [ show | list ]\n"
		"SELECTOR: ADDR[/LEN][:PORT], [IPV6ADDR][/LEN][:PORT] or :PORT\n"
		"  an IPv4 or IPv6 address or prefix (LEN defaults to 32 or 128), a\n"
		"  port, or both; an IPv6 address with a port goes in brackets:\n"
		"  [2001:db8::]/32:443 (2001:db8::1:443 is an address).\n"
		"proto: tcp (TLS), udp (DTLS), quic. cipher LIST: comma-separated, in\n"
		"  order of preference, of aes-128-gcm aes-256-gcm chacha20-poly1305\n"
		"  aes-128-ccm. alpn LIST: comma-separated protocol identifiers (h2,\n"
		"  http/1.1), at most %u. peer-name: a shell pattern (*.example.com).\n"
		"  timeout: in milliseconds. A request takes the first policy that\n"
		"  matches, by ascending priority, then by id.\n"
		"add prints the new policy's id; flush deletes all policies, or those\n"
		"of one direction.\n",
		KTLSCTL_POLICY_MAX_ALPN);
}

__attribute__((format(printf, 3, 4)))
static int policy_bad(const char *word, const char *val, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ktlsctl: policy add: %s \"%s\": ", word, val);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -EINVAL;
}

static int policy_sel(const char *word, const char *val,
		      struct ktlsctl_addr_sel *a)
{
	const char *why = sel_parse(val, a);

	return why ? policy_bad(word, val, "%s", why) : 0;
}

/* A comma-separated list: each item, 1 to max bytes, to cb. */
static int policy_list(const char *word, const char *list, size_t max,
		       int (*cb)(const char *word, const char *item,
				 size_t len, struct ktlsctl_policy *pol),
		       struct ktlsctl_policy *pol)
{
	const char *p = list, *comma;
	size_t n;
	int err;

	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (!n)
			return policy_bad(word, list, "empty item");
		if (n > max)
			return policy_bad(word, list, "an item over %zu bytes",
					  max);
		err = cb(word, p, n, pol);
		if (err)
			return err;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

static int policy_cipher_item(const char *word, const char *item, size_t len,
			      struct ktlsctl_policy *pol)
{
	char name[32];
	uint32_t v;
	unsigned int i;

	snprintf(name, sizeof(name), "%.*s", (int)len, item);
	if (len >= sizeof(name) ||
	    cli_enum_arg(&ktlsctl_cipher_enum, name, &v))
		return policy_bad(word, name, "unknown cipher (%s)",
				  "aes-128-gcm, aes-256-gcm, chacha20-poly1305, aes-128-ccm");
	for (i = 0; i < pol->n_ciphers; i++)
		if (pol->ciphers[i] == v)
			return policy_bad(word, name, "listed twice");
	if (pol->n_ciphers == KTLSCTL_POLICY_MAX_CIPHERS)
		return policy_bad(word, name, "more than %u ciphers",
				  KTLSCTL_POLICY_MAX_CIPHERS);
	pol->ciphers[pol->n_ciphers++] = v;
	return 0;
}

static int policy_alpn_item(const char *word, const char *item, size_t len,
			    struct ktlsctl_policy *pol)
{
	struct ktlsctl_alpn_id *a;

	if (pol->n_alpn == KTLSCTL_POLICY_MAX_ALPN)
		return policy_bad(word, item, "more than %u identifiers",
				  KTLSCTL_POLICY_MAX_ALPN);
	a = &pol->alpn[pol->n_alpn++];
	memcpy(a->id, item, len);
	a->len = len;
	return 0;
}

static const struct {
	const char *name;
	uint32_t value;
} policy_protos[] = {
	{ "tcp", KTLSCTL_HANDLER_TLS },
	{ "udp", KTLSCTL_HANDLER_DTLS },
	{ "quic", KTLSCTL_HANDLER_QUIC },
}, policy_versions[] = {
	{ "1.2", KTLSCTL_TLS_VERSION_TLS12 },
	{ "1.3", KTLSCTL_TLS_VERSION_TLS13 },
	/* The spec's names, as show prints them. */
	{ "tls12", KTLSCTL_TLS_VERSION_TLS12 },
	{ "tls13", KTLSCTL_TLS_VERSION_TLS13 },
};

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* The name-valued keywords: where their value goes, or NULL. */
static char *policy_name_field(const char *w, struct ktlsctl_policy *p)
{
	if (!strcmp(w, "tag"))
		return p->tag;
	if (!strcmp(w, "cred"))
		return p->cred;
	if (!strcmp(w, "trust"))
		return p->trust;
	if (!strcmp(w, "psk"))
		return p->psk;
	return NULL;
}

/* One keyword of add and its value. */
static int policy_word(const char *w, const char *v, struct ktlsctl_policy *p)
{
	unsigned int i;
	size_t len = strlen(v);

	if (!strcmp(w, "dir")) {
		if (cli_enum_arg(&ktlsctl_role_enum, v, &p->role))
			return policy_bad(w, v, "client or server");
	} else if (!strcmp(w, "proto")) {
		for (i = 0; i < ARRAY_LEN(policy_protos); i++)
			if (!strcmp(v, policy_protos[i].name))
				break;
		if (i == ARRAY_LEN(policy_protos))
			return policy_bad(w, v, "tcp, udp or quic");
		p->handler = policy_protos[i].value;
	} else if (!strcmp(w, "src")) {
		return policy_sel(w, v, &p->src);
	} else if (!strcmp(w, "dst")) {
		return policy_sel(w, v, &p->dst);
	} else if (!strcmp(w, "peer-name")) {
		if (!len || len > KTLSCTL_PEER_NAME_MAX_LEN)
			return policy_bad(w, v, "1 to %u bytes",
					  KTLSCTL_PEER_NAME_MAX_LEN);
		strcpy(p->peer_name, v);
	} else if (policy_name_field(w, p)) {
		if (!len || len > KTLSCTL_NAME_MAX_LEN)
			return policy_bad(w, v, "1 to %u bytes",
					  KTLSCTL_NAME_MAX_LEN);
		strcpy(policy_name_field(w, p), v);
	} else if (!strcmp(w, "auth")) {
		if (cli_enum_arg(&ktlsctl_auth_enum, v, &p->auth))
			return policy_bad(w, v, "anon, x509 or psk");
	} else if (!strcmp(w, "tls-min") || !strcmp(w, "tls-max")) {
		for (i = 0; i < ARRAY_LEN(policy_versions); i++)
			if (!strcasecmp(v, policy_versions[i].name))
				break;
		if (i == ARRAY_LEN(policy_versions))
			return policy_bad(w, v, "1.2 or 1.3");
		if (!strcmp(w, "tls-min"))
			p->tls_min = policy_versions[i].value;
		else
			p->tls_max = policy_versions[i].value;
	} else if (!strcmp(w, "cipher")) {
		return policy_list(w, v, 31, policy_cipher_item, p);
	} else if (!strcmp(w, "alpn")) {
		return policy_list(w, v, KTLSCTL_ALPN_MAX_LEN,
				   policy_alpn_item, p);
	} else if (!strcmp(w, "timeout")) {
		if (cli_u32(v, &p->timeout_ms) || !p->timeout_ms)
			return policy_bad(w, v, "milliseconds, 1 to %u",
					  UINT32_MAX);
	} else if (!strcmp(w, "offload")) {
		if (cli_enum_arg(&ktlsctl_offload_enum, v, &p->offload))
			return policy_bad(w, v, "none, prefer or require");
	} else if (!strcmp(w, "priority")) {
		if (cli_u32(v, &p->priority))
			return policy_bad(w, v, "0 to %u", UINT32_MAX);
	}
	return 0;
}

static const struct {
	const char *word;
	uint32_t has;
} policy_words[] = {
	{ "dir", KTLSCTL_POLICY_HAS_ROLE },
	{ "proto", KTLSCTL_POLICY_HAS_HANDLER },
	{ "src", KTLSCTL_POLICY_HAS_SRC },
	{ "dst", KTLSCTL_POLICY_HAS_DST },
	{ "peer-name", KTLSCTL_POLICY_HAS_PEER_NAME },
	{ "tag", KTLSCTL_POLICY_HAS_TAG },
	{ "cred", KTLSCTL_POLICY_HAS_CRED },
	{ "trust", KTLSCTL_POLICY_HAS_TRUST },
	{ "psk", KTLSCTL_POLICY_HAS_PSK },
	{ "auth", KTLSCTL_POLICY_HAS_AUTH },
	{ "tls-min", KTLSCTL_POLICY_HAS_TLS_MIN },
	{ "tls-max", KTLSCTL_POLICY_HAS_TLS_MAX },
	{ "cipher", KTLSCTL_POLICY_HAS_CIPHER },
	{ "alpn", KTLSCTL_POLICY_HAS_ALPN },
	{ "timeout", KTLSCTL_POLICY_HAS_TIMEOUT },
	{ "offload", KTLSCTL_POLICY_HAS_OFFLOAD },
	{ "priority", KTLSCTL_POLICY_HAS_PRIORITY },
};

int policy_args(int argc, char **argv, struct ktlsctl_policy *pol)
{
	unsigned int i;
	int n, err;

	memset(pol, 0, sizeof(*pol));
	for (n = 0; n < argc; n += 2) {
		for (i = 0; i < ARRAY_LEN(policy_words); i++)
			if (!strcmp(argv[n], policy_words[i].word))
				break;
		if (i == ARRAY_LEN(policy_words)) {
			fprintf(stderr, "ktlsctl: policy add: unknown keyword \"%s\"\n",
				argv[n]);
			return -ENOENT;
		}
		if (n + 1 == argc) {
			fprintf(stderr, "ktlsctl: policy add: \"%s\" needs a value\n",
				argv[n]);
			return -ENOENT;
		}
		if (pol->has & policy_words[i].has) {
			fprintf(stderr, "ktlsctl: policy add: \"%s\" given twice\n",
				argv[n]);
			return -ENOENT;
		}
		err = policy_word(argv[n], argv[n + 1], pol);
		if (err)
			return err;
		pol->has |= policy_words[i].has;
	}
	if ((pol->has & KTLSCTL_POLICY_HAS_TLS_MIN) &&
	    (pol->has & KTLSCTL_POLICY_HAS_TLS_MAX) &&
	    pol->tls_min > pol->tls_max) {
		fprintf(stderr, "ktlsctl: policy add: tls-min above tls-max\n");
		return -EINVAL;
	}
	return 0;
}

/* Printable ASCII but space and the list's comma. */
static bool policy_alpn_plain(const struct ktlsctl_alpn_id *a)
{
	size_t i;

	for (i = 0; i < a->len; i++)
		if (a->id[i] <= 0x20 || a->id[i] >= 0x7f || a->id[i] == ',')
			return false;
	return true;
}

/* As is when plain, else 0x and hex. */
static void policy_alpn_print(struct printer *p, const struct ktlsctl_alpn_id *a)
{
	char buf[2 * KTLSCTL_ALPN_MAX_LEN + 3];
	size_t i;

	if (policy_alpn_plain(a)) {
		memcpy(buf, a->id, a->len);
		buf[a->len] = '\0';
	} else {
		strcpy(buf, "0x");
		for (i = 0; i < a->len; i++)
			snprintf(buf + 2 + 2 * i, 3, "%02x", a->id[i]);
	}
	print_str(p, NULL, "", buf);
}

void policy_print(struct printer *p, const struct ktlsctl_policy *pol)
{
	uint32_t has = pol->has;
	unsigned int i;

	print_uint(p, "id", NULL, pol->id);
	if (has & KTLSCTL_POLICY_HAS_PRIORITY)
		print_uint(p, "priority", NULL, pol->priority);
	if (has & KTLSCTL_POLICY_HAS_ROLE)
		cli_print_enum(p, "role", &ktlsctl_role_enum, pol->role);
	if (has & KTLSCTL_POLICY_HAS_HANDLER)
		cli_print_enum(p, "handler", &ktlsctl_handler_enum,
			       pol->handler);
	if (has & KTLSCTL_POLICY_HAS_SRC)
		sel_print(p, "src", &pol->src);
	if (has & KTLSCTL_POLICY_HAS_DST)
		sel_print(p, "dst", &pol->dst);
	if (has & KTLSCTL_POLICY_HAS_PEER_NAME)
		print_str(p, "peer-name", NULL, pol->peer_name);
	if (has & KTLSCTL_POLICY_HAS_TAG)
		print_str(p, "tag", NULL, pol->tag);
	if (has & KTLSCTL_POLICY_HAS_CRED)
		print_str(p, "cred", NULL, pol->cred);
	if (has & KTLSCTL_POLICY_HAS_TRUST)
		print_str(p, "trust", NULL, pol->trust);
	if (has & KTLSCTL_POLICY_HAS_PSK)
		print_str(p, "psk", NULL, pol->psk);
	if (has & KTLSCTL_POLICY_HAS_AUTH)
		cli_print_enum(p, "auth", &ktlsctl_auth_enum, pol->auth);
	if (has & KTLSCTL_POLICY_HAS_TLS_MIN)
		cli_print_enum(p, "tls-min", &ktlsctl_tls_version_enum,
			       pol->tls_min);
	if (has & KTLSCTL_POLICY_HAS_TLS_MAX)
		cli_print_enum(p, "tls-max", &ktlsctl_tls_version_enum,
			       pol->tls_max);
	if (pol->n_ciphers) {
		print_open_list(p, "ciphers", "cipher", ",");
		for (i = 0; i < pol->n_ciphers; i++)
			cli_print_enum(p, NULL, &ktlsctl_cipher_enum,
				       pol->ciphers[i]);
		print_close_array(p);
	}
	if (pol->n_alpn) {
		print_open_list(p, "alpn", "alpn", ",");
		for (i = 0; i < pol->n_alpn; i++)
			policy_alpn_print(p, &pol->alpn[i]);
		print_close_array(p);
	}
	if (has & KTLSCTL_POLICY_HAS_TIMEOUT)
		print_uint(p, "timeout-ms", NULL, pol->timeout_ms);
	if (has & KTLSCTL_POLICY_HAS_OFFLOAD)
		cli_print_enum(p, "offload", &ktlsctl_offload_enum,
			       pol->offload);
}

int policy_list_print(FILE *out, const struct cli *cli,
		      const struct ktlsctl_policy *pols, size_t n)
{
	struct printer p;
	size_t i;

	print_start_array(&p, out, cli->json, cli->pretty);
	for (i = 0; i < n; i++) {
		print_open_object(&p, NULL, "", "  ");
		policy_print(&p, &pols[i]);
		print_close_object(&p);
		print_nl(&p);
	}
	return print_end(&p);
}

int policy_id_print(FILE *out, const struct cli *cli, uint32_t id)
{
	struct printer p;

	print_start(&p, out, cli->json, cli->pretty);
	print_uint(&p, "id", NULL, id);
	print_nl(&p);
	return print_end(&p);
}

static int policy_add(const struct cli *cli, int argc, char **argv)
{
	struct ktlsctl_policy pol;
	struct ktlsctl_sock *sock;
	uint32_t id = 0;
	int err;

	err = policy_args(argc, argv, &pol);
	if (err == -ENOENT)
		usage(stderr);
	if (err)
		return 2;
	err = ktlsctl_open(&sock);
	if (!err)
		err = ktlsctl_policy_add(sock, &pol, &id);
	if (err) {
		cli_error("policy add", err, ktlsctl_error(sock));
		ktlsctl_close(sock);
		return 1;
	}
	ktlsctl_close(sock);
	err = cli->quiet ? 0 : policy_id_print(stdout, cli, id);
	if (err) {
		cli_error("policy add: output", err, NULL);
		return 1;
	}
	return 0;
}

static int policy_del(int argc, char **argv)
{
	struct ktlsctl_sock *sock;
	uint32_t id;
	int err;

	if (argc != 1 || cli_u32(argv[0], &id)) {
		fprintf(stderr, "ktlsctl: policy del: %s\n",
			argc == 1 ? "bad id" : "one id");
		usage(stderr);
		return 2;
	}
	err = ktlsctl_open(&sock);
	if (!err)
		err = ktlsctl_policy_del(sock, id);
	if (err)
		cli_error("policy del", err, ktlsctl_error(sock));
	ktlsctl_close(sock);
	return err ? 1 : 0;
}

static int policy_flush(int argc, char **argv)
{
	struct ktlsctl_sock *sock;
	uint32_t role = 0;
	int err;

	if (argc == 2 && !strcmp(argv[0], "dir")) {
		if (cli_enum_arg(&ktlsctl_role_enum, argv[1], &role)) {
			fprintf(stderr, "ktlsctl: policy flush: dir \"%s\": client or server\n",
				argv[1]);
			return 2;
		}
	} else if (argc) {
		fprintf(stderr, "ktlsctl: policy flush: unexpected argument \"%s\"\n",
			argv[0]);
		usage(stderr);
		return 2;
	}
	err = ktlsctl_open(&sock);
	if (!err)
		err = ktlsctl_policy_flush(sock, role);
	if (err)
		cli_error("policy flush", err, ktlsctl_error(sock));
	ktlsctl_close(sock);
	return err ? 1 : 0;
}

/* The whole list first: a dump that must be read again prints once. */
static int policy_list_add(const struct ktlsctl_policy *pol, void *data)
{
	return cli_list_add(data, pol, sizeof(*pol));
}

static int policy_show(const struct cli *cli, int argc, char **argv)
{
	struct cli_list l = {};
	struct ktlsctl_sock *sock;
	int err, tries;

	if (argc) {
		fprintf(stderr, "ktlsctl: policy show: unexpected argument \"%s\"\n",
			argv[0]);
		usage(stderr);
		return 2;
	}
	err = ktlsctl_open(&sock);
	for (tries = 0; !err && tries < POLICY_DUMP_TRIES; tries++) {
		l.n = 0;
		err = ktlsctl_policy_dump(sock, policy_list_add, &l);
		if (err != -EINTR)
			break;
	}
	if (err) {
		cli_error("policy show", err, ktlsctl_error(sock));
		ktlsctl_close(sock);
		free(l.items);
		return 1;
	}
	ktlsctl_close(sock);

	err = policy_list_print(stdout, cli, l.items, l.n);
	free(l.items);
	if (err) {
		cli_error("policy show: output", err, NULL);
		return 1;
	}
	return 0;
}

int cmd_policy(struct cli *cli, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "show";
	int n = argc > 1 ? argc - 2 : 0;

	if (!strcmp(verb, "help") || cli_help_arg(verb) ||
	    (argc > 2 && cli_help_arg(argv[2]))) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(verb, "add"))
		return policy_add(cli, n, argv + 2);
	if (!strcmp(verb, "del") || !strcmp(verb, "delete"))
		return policy_del(n, argv + 2);
	if (!strcmp(verb, "flush"))
		return policy_flush(n, argv + 2);
	if (!strcmp(verb, "show") || !strcmp(verb, "list"))
		return policy_show(cli, n, argv + 2);
	fprintf(stderr, "ktlsctl: policy: unknown command \"%s\"\n", verb);
	usage(stderr);
	return 2;
}
