// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl cred, psk, trust: the credential store, one command word per
 * type (certificate with its key, pre-shared key, trust bundle): add, del
 * and show. Files are read whole into buffers that are zeroed once the
 * message is sent; listings never carry a secret.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "libktlsctl.h"
#include "print.h"

/* A dump interrupted by a concurrent change is read again this often. */
#define CRED_DUMP_TRIES		3
/* A PSK secret file: hex text with some whitespace around it. */
#define CRED_SECRET_FILE_MAX	4096

static void cred_usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctl cred add NAME cert FILE key FILE\n"
		"       ktlsctl cred del NAME\n"
		"       ktlsctl [-j|-p] cred [ show | list ] [ NAME ]\n"
		"Certificate credentials: a certificate chain (PEM or DER, leaf\n"
		"first) and its private key, at most %u bytes each. show prints\n"
		"name, type, subject, san, not-after (UTC), fingerprint (SHA-256\n"
		"of the leaf); never the key.\n",
		KTLSCTL_BLOB_MAX_LEN);
}

static void psk_usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctl psk add NAME identity ID secret-file FILE\n"
		"                       [ hash sha256 | sha384 ]\n"
		"       ktlsctl psk del NAME\n"
		"       ktlsctl [-j|-p] psk [ show | list ] [ NAME ]\n"
		"External pre-shared keys. ID: the identity, 1 to %u bytes as\n"
		"given. FILE: the secret as hex text, as \"openssl rand -hex 32\"\n"
		"writes it (the format ktlsctl-probe --psk-hex takes): %u to %u\n"
		"hex digits (%u to %u bytes), either case, whitespace only around\n"
		"them; raw binary is refused. hash: the TLS 1.3 hash the PSK is\n"
		"bound to (sha256 unless given). show prints name, type,\n"
		"psk-identity (hex unless printable), psk-hash, fingerprint; never\n"
		"the secret.\n",
		KTLSCTL_PSK_IDENTITY_MAX_LEN, 2 * KTLSCTL_PSK_SECRET_MIN_LEN,
		2 * KTLSCTL_PSK_SECRET_MAX_LEN, KTLSCTL_PSK_SECRET_MIN_LEN,
		KTLSCTL_PSK_SECRET_MAX_LEN);
}

static void trust_usage(FILE *out)
{
	fprintf(out,
		"Usage: ktlsctl trust add NAME ca FILE [ crl FILE ]\n"
		"       ktlsctl trust del NAME\n"
		"       ktlsctl [-j|-p] trust [ show | list ] [ NAME ]\n"
		"Trust bundles: CA certificates (PEM or DER) and an optional CRL,\n"
		"at most %u bytes each. show prints name, type, subject (of the\n"
		"first CA), not-after, fingerprint.\n",
		KTLSCTL_BLOB_MAX_LEN);
}

struct cred_object {
	const char *word;	/* the command */
	uint32_t type;		/* KTLSCTL_CRED_TYPE_* */
	void (*usage)(FILE *out);
};

static const struct cred_object cred_objects[] = {
	{ "cred", KTLSCTL_CRED_TYPE_CERT, cred_usage },
	{ "psk", KTLSCTL_CRED_TYPE_PSK, psk_usage },
	{ "trust", KTLSCTL_CRED_TYPE_TRUST, trust_usage },
};

/* The keywords of add: which type takes each, and whether it must. */
static const struct {
	const char *word;
	uint32_t type;
	bool required;
	size_t off;
} cred_words[] = {
	{ "cert", KTLSCTL_CRED_TYPE_CERT, true,
	  offsetof(struct cred_args, cert) },
	{ "key", KTLSCTL_CRED_TYPE_CERT, true,
	  offsetof(struct cred_args, key) },
	{ "identity", KTLSCTL_CRED_TYPE_PSK, true,
	  offsetof(struct cred_args, identity) },
	{ "secret-file", KTLSCTL_CRED_TYPE_PSK, true,
	  offsetof(struct cred_args, secret_file) },
	{ "hash", KTLSCTL_CRED_TYPE_PSK, false,
	  offsetof(struct cred_args, hash) },
	{ "ca", KTLSCTL_CRED_TYPE_TRUST, true,
	  offsetof(struct cred_args, ca) },
	{ "crl", KTLSCTL_CRED_TYPE_TRUST, false,
	  offsetof(struct cred_args, crl) },
};

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

static const char *cred_object_word(uint32_t type)
{
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(cred_objects); i++)
		if (cred_objects[i].type == type)
			return cred_objects[i].word;
	return "cred";
}

static const char **cred_arg(struct cred_args *a, unsigned int i)
{
	return (const char **)((char *)a + cred_words[i].off);
}

static int cred_name_arg(const char *obj, const char *name)
{
	size_t len = strlen(name);

	if (len && len <= KTLSCTL_NAME_MAX_LEN)
		return 0;
	fprintf(stderr, "ktlsctl: %s: bad name \"%s\": 1 to %u bytes\n", obj,
		name, KTLSCTL_NAME_MAX_LEN);
	return -EINVAL;
}

int cred_args(uint32_t type, int argc, char **argv, struct cred_args *a)
{
	const char *obj = cred_object_word(type);
	unsigned int i;
	int n;

	memset(a, 0, sizeof(*a));
	if (argc < 1) {
		fprintf(stderr, "ktlsctl: %s add: no name given\n", obj);
		return -ENOENT;
	}
	if (cred_name_arg(obj, argv[0]))
		return -EINVAL;
	a->name = argv[0];
	for (n = 1; n < argc; n += 2) {
		for (i = 0; i < ARRAY_LEN(cred_words); i++)
			if (cred_words[i].type == type &&
			    !strcmp(argv[n], cred_words[i].word))
				break;
		if (i == ARRAY_LEN(cred_words)) {
			fprintf(stderr, "ktlsctl: %s add: unknown keyword \"%s\"\n",
				obj, argv[n]);
			return -ENOENT;
		}
		if (n + 1 == argc) {
			fprintf(stderr, "ktlsctl: %s add: \"%s\" needs a value\n",
				obj, argv[n]);
			return -ENOENT;
		}
		if (*cred_arg(a, i)) {
			fprintf(stderr, "ktlsctl: %s add: \"%s\" given twice\n",
				obj, argv[n]);
			return -ENOENT;
		}
		*cred_arg(a, i) = argv[n + 1];
	}
	for (i = 0; i < ARRAY_LEN(cred_words); i++) {
		if (cred_words[i].type == type && cred_words[i].required &&
		    !*cred_arg(a, i)) {
			fprintf(stderr, "ktlsctl: %s add: \"%s\" missing\n",
				obj, cred_words[i].word);
			return -ENOENT;
		}
	}
	if (a->identity && (!a->identity[0] ||
			    strlen(a->identity) > KTLSCTL_PSK_IDENTITY_MAX_LEN)) {
		fprintf(stderr, "ktlsctl: psk add: bad identity: 1 to %u bytes\n",
			KTLSCTL_PSK_IDENTITY_MAX_LEN);
		return -EINVAL;
	}
	if (a->hash &&
	    cli_enum_arg(&ktlsctl_psk_hash_enum, a->hash, &a->psk_hash)) {
		fprintf(stderr, "ktlsctl: psk add: bad hash \"%s\": sha256 or sha384\n",
			a->hash);
		return -EINVAL;
	}
	return 0;
}

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int cred_psk_hex(const unsigned char *text, size_t len, unsigned char *out,
		 size_t *outlen)
{
	size_t i, n;
	int hi, lo;

	while (len && is_space(text[len - 1]))
		len--;
	while (len && is_space(*text)) {
		text++;
		len--;
	}
	for (i = 0; i < len; i++)
		if (hex_digit(text[i]) < 0)
			return -EINVAL;
	if (len % 2)
		return -EINVAL;
	n = len / 2;
	if (n < KTLSCTL_PSK_SECRET_MIN_LEN || n > KTLSCTL_PSK_SECRET_MAX_LEN)
		return -ERANGE;
	for (i = 0; i < n; i++) {
		hi = hex_digit(text[2 * i]);
		lo = hex_digit(text[2 * i + 1]);
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	*outlen = n;
	return 0;
}

/* What add read from its files; every buffer goes with cred_files_free. */
struct cred_files {
	unsigned char *cert, *key, *ca, *crl, *secret_text;
	size_t cert_len, key_len, ca_len, crl_len, secret_text_len;
	unsigned char secret[KTLSCTL_PSK_SECRET_MAX_LEN];
	/* Absolute names of the files, recorded for save (realpath). */
	char *path[KTLSCTL_CRED_NUM_PATHS];
};

static void cred_files_free(struct cred_files *f)
{
	free(f->cert);
	free(f->ca);
	free(f->crl);
	cli_free_secret(f->key, f->key_len);
	cli_free_secret(f->secret_text, f->secret_text_len);
	explicit_bzero(f->secret, sizeof(f->secret));
	for (unsigned int i = 0; i < KTLSCTL_CRED_NUM_PATHS; i++)
		free(f->path[i]);
}

/* The words of add that name files, by KTLSCTL_CRED_PATH_*. */
const char *const cred_path_words[KTLSCTL_CRED_NUM_PATHS] = {
	[KTLSCTL_CRED_PATH_CERT] = "cert",
	[KTLSCTL_CRED_PATH_KEY] = "key",
	[KTLSCTL_CRED_PATH_CA] = "ca",
	[KTLSCTL_CRED_PATH_CRL] = "crl",
	[KTLSCTL_CRED_PATH_PSK_SECRET] = "secret-file",
};

/* Each file's absolute name, for the module to record. */
static int cred_paths(const char *obj, const struct cred_args *a,
		      struct cred_files *f, struct ktlsctl_cred *c)
{
	const char *given[KTLSCTL_CRED_NUM_PATHS] = {
		a->cert, a->key, a->ca, a->crl, a->secret_file,
	};
	unsigned int i;

	for (i = 0; i < KTLSCTL_CRED_NUM_PATHS; i++) {
		if (!given[i])
			continue;
		f->path[i] = realpath(given[i], NULL);
		if (!f->path[i]) {
			fprintf(stderr, "ktlsctl: %s add: %s %s: %s\n", obj,
				cred_path_words[i], given[i], strerror(errno));
			return -errno;
		}
		c->path[i] = f->path[i];
	}
	return 0;
}

static int cred_file(const char *obj, const char *word, const char *path,
		     size_t max, unsigned char **buf, size_t *len)
{
	int err;

	if (!path)
		return 0;
	err = cli_read_file(path, max, buf, len);
	if (err == -EFBIG)
		fprintf(stderr, "ktlsctl: %s add: %s %s: larger than %zu bytes\n",
			obj, word, path, max);
	else if (err)
		fprintf(stderr, "ktlsctl: %s add: %s %s: %s\n", obj, word,
			path, strerror(-err));
	else if (!*len) {
		fprintf(stderr, "ktlsctl: %s add: %s %s: empty file\n", obj,
			word, path);
		err = -EINVAL;
	}
	return err;
}

static int cred_load(uint32_t type, const struct cred_args *a,
		     struct cred_files *f, struct ktlsctl_cred *c)
{
	const char *obj = cred_object_word(type);
	int err;

	err = cred_file(obj, "cert", a->cert, KTLSCTL_BLOB_MAX_LEN, &f->cert,
			&f->cert_len);
	if (!err)
		err = cred_file(obj, "key", a->key, KTLSCTL_BLOB_MAX_LEN,
				&f->key, &f->key_len);
	if (!err)
		err = cred_file(obj, "ca", a->ca, KTLSCTL_BLOB_MAX_LEN, &f->ca,
				&f->ca_len);
	if (!err)
		err = cred_file(obj, "crl", a->crl, KTLSCTL_BLOB_MAX_LEN,
				&f->crl, &f->crl_len);
	if (!err)
		err = cred_file(obj, "secret-file", a->secret_file,
				CRED_SECRET_FILE_MAX, &f->secret_text,
				&f->secret_text_len);
	if (err)
		return err;

	memset(c, 0, sizeof(*c));
	c->name = a->name;
	c->type = type;
	c->cert = f->cert;
	c->cert_len = f->cert_len;
	c->key = f->key;
	c->key_len = f->key_len;
	c->ca = f->ca;
	c->ca_len = f->ca_len;
	c->crl = f->crl;
	c->crl_len = f->crl_len;
	c->psk_hash = a->psk_hash;
	err = cred_paths(obj, a, f, c);
	if (err)
		return err;
	if (!a->secret_file)
		return 0;
	err = cred_psk_hex(f->secret_text, f->secret_text_len, f->secret,
			   &c->psk_secret_len);
	if (err) {
		if (err == -ERANGE)
			fprintf(stderr, "ktlsctl: psk add: secret-file %s: %u to %u bytes (%u to %u hex digits)\n",
				a->secret_file, KTLSCTL_PSK_SECRET_MIN_LEN,
				KTLSCTL_PSK_SECRET_MAX_LEN,
				2 * KTLSCTL_PSK_SECRET_MIN_LEN,
				2 * KTLSCTL_PSK_SECRET_MAX_LEN);
		else
			fprintf(stderr, "ktlsctl: psk add: secret-file %s: not hex text\n",
				a->secret_file);
		return err;
	}
	c->psk_secret = f->secret;
	c->psk_identity = a->identity;
	c->psk_identity_len = strlen(a->identity);
	return 0;
}

static int cred_add(const struct cred_object *o, int argc, char **argv)
{
	struct cred_files f = {};
	struct ktlsctl_sock *sock;
	struct ktlsctl_cred c;
	struct cred_args a;
	char what[32];
	int err;

	err = cred_args(o->type, argc, argv, &a);
	if (err == -ENOENT)
		o->usage(stderr);
	if (err)
		return 2;
	snprintf(what, sizeof(what), "%s add", o->word);
	err = cred_load(o->type, &a, &f, &c);
	if (err) {
		cred_files_free(&f);
		return 1;
	}
	err = ktlsctl_open(&sock);
	/* The send buffer is zeroed in there, our copies below. */
	if (!err)
		err = ktlsctl_cred_add(sock, &c);
	cred_files_free(&f);
	if (err)
		cli_error(what, err, ktlsctl_error(sock));
	ktlsctl_close(sock);
	return err ? 1 : 0;
}

static int cred_del(const struct cred_object *o, int argc, char **argv)
{
	struct ktlsctl_sock *sock;
	char what[32];
	int err;

	if (argc != 1) {
		fprintf(stderr, "ktlsctl: %s del: %s\n", o->word,
			argc ? "one name only" : "no name given");
		o->usage(stderr);
		return 2;
	}
	if (cred_name_arg(o->word, argv[0]))
		return 2;
	snprintf(what, sizeof(what), "%s del", o->word);
	err = ktlsctl_open(&sock);
	if (!err)
		err = ktlsctl_cred_del(sock, o->type, argv[0]);
	if (err)
		cli_error(what, err, ktlsctl_error(sock));
	ktlsctl_close(sock);
	return err ? 1 : 0;
}

void cred_print(struct printer *p, const struct ktlsctl_cred_entry *e)
{
	static const char hex_upper[] = "0123456789ABCDEF";
	char fp[3 * KTLSCTL_FINGERPRINT_LEN];
	unsigned int i;

	print_str(p, "name", NULL, e->name);
	if (e->has & KTLSCTL_CRED_HAS_TYPE)
		cli_print_enum(p, "type", &ktlsctl_cred_type_enum, e->type);
	if (e->has & KTLSCTL_CRED_HAS_PSK_IDENTITY)
		print_str(p, "psk-identity", NULL, e->psk_identity_str);
	if (e->has & KTLSCTL_CRED_HAS_PSK_HASH)
		cli_print_enum(p, "psk-hash", &ktlsctl_psk_hash_enum,
			       e->psk_hash);
	if (e->has & KTLSCTL_CRED_HAS_SUBJECT)
		print_str(p, "subject", NULL, e->subject);
	if (e->n_sans) {
		print_open_list(p, "sans", "san", ",");
		for (i = 0; i < e->n_sans; i++)
			print_str(p, NULL, "", e->sans[i]);
		print_close_array(p);
	}
	if (e->has & KTLSCTL_CRED_HAS_NOT_AFTER)
		print_time(p, "not-after", NULL, e->not_after);
	if (e->has & KTLSCTL_CRED_HAS_FINGERPRINT) {
		/* "AB:CD:...:EF", as openssl x509 -fingerprint writes it. */
		for (i = 0; i < KTLSCTL_FINGERPRINT_LEN; i++) {
			fp[3 * i] = hex_upper[e->fingerprint[i] >> 4];
			fp[3 * i + 1] = hex_upper[e->fingerprint[i] & 0xf];
			fp[3 * i + 2] = ':';
		}
		fp[sizeof(fp) - 1] = '\0';
		print_str(p, "fingerprint", NULL, fp);
	}
	for (i = 0; i < KTLSCTL_CRED_NUM_PATHS; i++)
		if (e->path[i][0])
			print_str(p, cred_path_words[i], NULL, e->path[i]);
}

int cred_list_print(FILE *out, const struct cli *cli,
		    const struct ktlsctl_cred_entry *e, size_t n)
{
	struct printer p;
	size_t i;

	print_start_array(&p, out, cli->json, cli->pretty);
	for (i = 0; i < n; i++) {
		print_open_object(&p, NULL, "", "  ");
		cred_print(&p, &e[i]);
		print_close_object(&p);
		print_nl(&p);
	}
	return print_end(&p);
}

/* The whole list first: a dump that must be read again prints once. */
static int cred_list_add(const struct ktlsctl_cred_entry *e, void *data)
{
	return cli_list_add(data, e, sizeof(*e));
}

static int cred_show(const struct cli *cli, const struct cred_object *o,
		     int argc, char **argv)
{
	struct cli_list l = {};
	struct ktlsctl_sock *sock;
	const char *name = NULL;
	char what[32];
	int err, tries;

	if (argc > 1) {
		fprintf(stderr, "ktlsctl: %s show: one name only\n", o->word);
		o->usage(stderr);
		return 2;
	}
	if (argc == 1) {
		if (cred_name_arg(o->word, argv[0]))
			return 2;
		name = argv[0];
	}
	snprintf(what, sizeof(what), "%s show", o->word);
	err = ktlsctl_open(&sock);
	for (tries = 0; !err && tries < CRED_DUMP_TRIES; tries++) {
		l.n = 0;
		err = ktlsctl_cred_dump(sock, o->type, name, cred_list_add, &l);
		if (err != -EINTR)
			break;
	}
	if (err) {
		cli_error(what, err, ktlsctl_error(sock));
		ktlsctl_close(sock);
		free(l.items);
		return 1;
	}
	ktlsctl_close(sock);

	err = cred_list_print(stdout, cli, l.items, l.n);
	free(l.items);
	if (err) {
		snprintf(what, sizeof(what), "%s show: output", o->word);
		cli_error(what, err, NULL);
		return 1;
	}
	return 0;
}

static int cred_run(struct cli *cli, const struct cred_object *o, int argc,
		    char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "show";

	if (!strcmp(verb, "help") || cli_help_arg(verb) ||
	    (argc > 2 && cli_help_arg(argv[2]))) {
		o->usage(stdout);
		return 0;
	}
	if (!strcmp(verb, "add"))
		return cred_add(o, argc - 2, argv + 2);
	if (!strcmp(verb, "del") || !strcmp(verb, "delete"))
		return cred_del(o, argc - 2, argv + 2);
	if (!strcmp(verb, "show") || !strcmp(verb, "list"))
		return cred_show(cli, o, argc > 1 ? argc - 2 : 0, argv + 2);
	fprintf(stderr, "ktlsctl: %s: unknown command \"%s\"\n", o->word, verb);
	o->usage(stderr);
	return 2;
}

int cmd_cred(struct cli *cli, int argc, char **argv)
{
	return cred_run(cli, &cred_objects[0], argc, argv);
}

int cmd_psk(struct cli *cli, int argc, char **argv)
{
	return cred_run(cli, &cred_objects[1], argc, argv);
}

int cmd_trust(struct cli *cli, int argc, char **argv)
{
	return cred_run(cli, &cred_objects[2], argc, argv);
}
