// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl save and restore: the namespace's store as the ktlsctl commands
 * that rebuild it, one per line, trust bundles and PSKs first, then
 * certificates, then policies in match order.
 *
 * Secrets never appear: the module keeps the absolute names of the files
 * each entry was read from, and save writes those names; restore reads
 * the files again. An entry whose files were not recorded (added by
 * another tool) cannot be saved: save says which and fails. Policy ids
 * are not kept (restore makes new ones); priorities and order are.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>

#include "cli.h"
#include "libktlsctl.h"

#define SAVE_LINE_MAX	(4 * KTLSCTL_PATH_MAX_LEN + 4096)
#define SAVE_MAX_WORDS	64

static void save_usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctl save\n"
		"       ktlsctl restore FILE\n"
		"save prints the store of the namespace as the ktlsctl commands\n"
		"that rebuild it (credentials by the files they were added from,\n"
		"never a key or a PSK; policies in match order). restore runs such\n"
		"a file (\"-\": standard input) line by line and stops at the\n"
		"first command that fails. Lines starting with # are comments.\n");
}

/* A word as restore reads it back: quoted when it has to be. */
static void save_word(FILE *out, const char *w)
{
	const char *c;

	if (*w && !strpbrk(w, " \t\"\\#"))
		goto plain;
	fputs(" \"", out);
	for (c = w; *c; c++) {
		if (*c == '"' || *c == '\\')
			fputc('\\', out);
		fputc(*c, out);
	}
	fputc('"', out);
	return;
plain:
	fprintf(out, " %s", w);
}

static void save_kw(FILE *out, const char *kw, const char *val)
{
	fprintf(out, " %s", kw);
	save_word(out, val);
}

struct save_ctx {
	FILE *out;
	uint32_t type;
	int err;
};

static bool save_has_paths(const struct ktlsctl_cred_entry *e,
			   const unsigned int *need, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!e->path[need[i]][0])
			return false;
	return true;
}

static int save_cred(const struct ktlsctl_cred_entry *e, void *data)
{
	static const unsigned int cert[] = { KTLSCTL_CRED_PATH_CERT,
					     KTLSCTL_CRED_PATH_KEY };
	static const unsigned int psk[] = { KTLSCTL_CRED_PATH_PSK_SECRET };
	static const unsigned int trust[] = { KTLSCTL_CRED_PATH_CA };
	struct save_ctx *ctx = data;
	FILE *out = ctx->out;
	bool ok;

	if (e->type != ctx->type)
		return 0;
	switch (e->type) {
	case KTLSCTL_CRED_TYPE_CERT:
		ok = save_has_paths(e, cert, 2);
		break;
	case KTLSCTL_CRED_TYPE_PSK:
		/* The identity as given on a command line: printable. */
		ok = save_has_paths(e, psk, 1) &&
		     strlen(e->psk_identity_str) == e->psk_identity_len &&
		     !memcmp(e->psk_identity_str, e->psk_identity,
			     e->psk_identity_len);
		break;
	default:
		ok = save_has_paths(e, trust, 1);
		break;
	}
	if (!ok) {
		fprintf(stderr,
			"ktlsctl: save: %s: the files it was added from are not recorded (added by another tool?)\n",
			e->name);
		ctx->err = -ENOENT;
		return 0;
	}
	switch (e->type) {
	case KTLSCTL_CRED_TYPE_CERT:
		fprintf(out, "cred add");
		save_word(out, e->name);
		save_kw(out, "cert", e->path[KTLSCTL_CRED_PATH_CERT]);
		save_kw(out, "key", e->path[KTLSCTL_CRED_PATH_KEY]);
		break;
	case KTLSCTL_CRED_TYPE_PSK:
		fprintf(out, "psk add");
		save_word(out, e->name);
		save_kw(out, "identity", e->psk_identity_str);
		save_kw(out, "secret-file",
			e->path[KTLSCTL_CRED_PATH_PSK_SECRET]);
		if (e->has & KTLSCTL_CRED_HAS_PSK_HASH)
			save_kw(out, "hash",
				ktlsctl_enum_name(&ktlsctl_psk_hash_enum,
						  e->psk_hash) ?: "sha256");
		break;
	default:
		fprintf(out, "trust add");
		save_word(out, e->name);
		save_kw(out, "ca", e->path[KTLSCTL_CRED_PATH_CA]);
		if (e->path[KTLSCTL_CRED_PATH_CRL][0])
			save_kw(out, "crl", e->path[KTLSCTL_CRED_PATH_CRL]);
		break;
	}
	fputc('\n', out);
	return 0;
}

static void save_sel(FILE *out, const char *kw,
		     const struct ktlsctl_addr_sel *a)
{
	char addr_buf[INET6_ADDRSTRLEN], buf[INET6_ADDRSTRLEN + 16] = "";
	const char *addr = sel_addr(a, addr_buf);
	size_t n = 0;

	if (addr)
		n = (size_t)snprintf(buf, sizeof(buf),
				     a->addr_len == 16 ? "[%s]/%u" : "%s/%u",
				     addr, a->prefix_len);
	if (a->port)
		snprintf(buf + n, sizeof(buf) - n, ":%u", a->port);
	save_kw(out, kw, buf);
}

static void save_enum(FILE *out, const char *kw,
		      const struct ktlsctl_enum_desc *desc, uint32_t v)
{
	const char *name = ktlsctl_enum_name(desc, v);
	char num[16];

	if (!name) {
		snprintf(num, sizeof(num), "%u", v);
		name = num;
	}
	save_kw(out, kw, name);
}

static const char *save_version(uint32_t v)
{
	return v == KTLSCTL_TLS_VERSION_TLS12 ? "1.2" : "1.3";
}

static const char *const save_protos[] = {
	[KTLSCTL_HANDLER_TLS] = "tcp",
	[KTLSCTL_HANDLER_DTLS] = "udp",
	[KTLSCTL_HANDLER_QUIC] = "quic",
};

static void save_list(FILE *out, const char *kw, const char *const *items,
		      unsigned int n)
{
	char buf[KTLSCTL_POLICY_MAX_ALPN * (KTLSCTL_ALPN_MAX_LEN + 1) + 1];
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
					i ? "," : "", items[i]);
	save_kw(out, kw, buf);
}

static void save_lists(FILE *out, const struct ktlsctl_policy *pol)
{
	char alpn[KTLSCTL_POLICY_MAX_ALPN][KTLSCTL_ALPN_MAX_LEN + 1];
	const char *items[KTLSCTL_POLICY_MAX_ALPN];
	unsigned int i;

	if (pol->n_ciphers) {
		for (i = 0; i < pol->n_ciphers; i++)
			items[i] = ktlsctl_enum_name(&ktlsctl_cipher_enum,
						     pol->ciphers[i]) ?: "?";
		save_list(out, "cipher", items, pol->n_ciphers);
	}
	if (pol->n_alpn) {
		for (i = 0; i < pol->n_alpn; i++) {
			memcpy(alpn[i], pol->alpn[i].id, pol->alpn[i].len);
			alpn[i][pol->alpn[i].len] = '\0';
			items[i] = alpn[i];
		}
		save_list(out, "alpn", items, pol->n_alpn);
	}
}

static int save_policy(const struct ktlsctl_policy *pol, void *data)
{
	struct save_ctx *ctx = data;
	FILE *out = ctx->out;
	uint32_t h = pol->has;

	fprintf(out, "policy add");
	if (h & KTLSCTL_POLICY_HAS_ROLE)
		save_enum(out, "dir", &ktlsctl_role_enum, pol->role);
	if ((h & KTLSCTL_POLICY_HAS_HANDLER) && pol->handler &&
	    pol->handler <= KTLSCTL_HANDLER_QUIC)
		save_kw(out, "proto", save_protos[pol->handler]);
	if (h & KTLSCTL_POLICY_HAS_SRC)
		save_sel(out, "src", &pol->src);
	if (h & KTLSCTL_POLICY_HAS_DST)
		save_sel(out, "dst", &pol->dst);
	if (h & KTLSCTL_POLICY_HAS_PEER_NAME)
		save_kw(out, "peer-name", pol->peer_name);
	if (h & KTLSCTL_POLICY_HAS_TAG)
		save_kw(out, "tag", pol->tag);
	if (h & KTLSCTL_POLICY_HAS_CRED)
		save_kw(out, "cred", pol->cred);
	if (h & KTLSCTL_POLICY_HAS_TRUST)
		save_kw(out, "trust", pol->trust);
	if (h & KTLSCTL_POLICY_HAS_PSK)
		save_kw(out, "psk", pol->psk);
	if (h & KTLSCTL_POLICY_HAS_AUTH)
		save_enum(out, "auth", &ktlsctl_auth_enum, pol->auth);
	if (h & KTLSCTL_POLICY_HAS_TLS_MIN)
		save_kw(out, "tls-min", save_version(pol->tls_min));
	if (h & KTLSCTL_POLICY_HAS_TLS_MAX)
		save_kw(out, "tls-max", save_version(pol->tls_max));
	save_lists(out, pol);
	if (h & KTLSCTL_POLICY_HAS_TIMEOUT)
		fprintf(out, " timeout %u", pol->timeout_ms);
	if (h & KTLSCTL_POLICY_HAS_OFFLOAD)
		save_enum(out, "offload", &ktlsctl_offload_enum, pol->offload);
	fprintf(out, " priority %u\n", pol->priority);
	return 0;
}

int cmd_save(struct cli *cli, int argc, char **argv)
{
	static const uint32_t order[] = { KTLSCTL_CRED_TYPE_TRUST,
					  KTLSCTL_CRED_TYPE_PSK,
					  KTLSCTL_CRED_TYPE_CERT };
	struct save_ctx ctx = { .out = stdout };
	struct ktlsctl_sock *sock;
	char date[32] = "";
	time_t now = time(NULL);
	struct tm tm;
	unsigned int i;
	int err;

	(void)cli;
	err = cli_no_options(argc, argv, save_usage);
	if (err >= 0)
		return err;
	err = ktlsctl_open(&sock);
	if (err) {
		cli_error("save", err, ktlsctl_error(sock));
		ktlsctl_close(sock);
		return 1;
	}
	if (gmtime_r(&now, &tm))
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("# ktlsctl store, saved %s; ktlsctl restore FILE rebuilds it\n",
	       date);
	for (i = 0; i < sizeof(order) / sizeof(order[0]) && !err; i++) {
		ctx.type = order[i];
		err = ktlsctl_cred_dump(sock, order[i], NULL, save_cred, &ctx);
	}
	if (!err)
		err = ktlsctl_policy_dump(sock, save_policy, &ctx);
	if (err)
		cli_error("save", err, ktlsctl_error(sock));
	ktlsctl_close(sock);
	return err || ctx.err ? 1 : 0;
}

/* What a restore file may hold: the commands save writes. */
static bool save_restorable(int argc, char **argv)
{
	static const char *const objects[] = { "cred", "psk", "trust",
					       "policy" };
	unsigned int i;

	if (argc < 2 || strcmp(argv[1], "add"))
		return false;
	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		if (!strcmp(argv[0], objects[i]))
			return true;
	return false;
}

int cmd_restore(struct cli *cli, int argc, char **argv)
{
	char *words[SAVE_MAX_WORDS];
	unsigned int lineno = 0;
	char *line;
	FILE *in;
	int n, rc = 0;

	if (argc == 2 && cli_help_arg(argv[1])) {
		save_usage(stdout);
		return 0;
	}
	if (argc != 2) {
		save_usage(stderr);
		return 2;
	}
	in = strcmp(argv[1], "-") ? fopen(argv[1], "r") : stdin;
	if (!in) {
		fprintf(stderr, "ktlsctl: restore: %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	cli->quiet = true;
	line = malloc(SAVE_LINE_MAX);
	while (line && !rc && fgets(line, SAVE_LINE_MAX, in)) {
		lineno++;
		n = cli_split_line(line, words, SAVE_MAX_WORDS);
		if (n < 0 || (n > 0 && !save_restorable(n, words))) {
			fprintf(stderr,
				"ktlsctl: restore: %s:%u: not a command save writes\n",
				argv[1], lineno);
			rc = 1;
		} else if (n > 0 && cli_run(cli, n, words)) {
			fprintf(stderr, "ktlsctl: restore: %s:%u: failed\n",
				argv[1], lineno);
			rc = 1;
		}
	}
	if (!line) {
		fprintf(stderr, "ktlsctl: restore: out of memory\n");
		rc = 1;
	}
	free(line);
	if (in != stdin)
		fclose(in);
	return rc;
}
