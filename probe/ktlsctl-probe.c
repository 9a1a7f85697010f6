// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-probe: drive the ktlsctl_probe kernel module, a kernel consumer of
 * the handshake API, from the command line (tests and demos).
 *
 *   ktlsctl-probe connect HOST:PORT [options]
 *   ktlsctl-probe listen PORT [options]
 *   ktlsctl-probe burst HOST:PORT --count N [options]
 *
 * Prints one JSON object; exits 0 only when the handshake succeeded and the
 * data asked for was moved and verified (burst: every socket connected and
 * every request queued completed).
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/ktlsctl.h>

#include "ktlsctl_probe.h"
#include "probe.h"

static void usage(FILE *f)
{
	fputs("usage: ktlsctl-probe connect HOST:PORT [OPTION]...\n"
	      "       ktlsctl-probe listen [ADDR:]PORT [OPTION]...\n"
	      "       ktlsctl-probe burst HOST:PORT --count N [OPTION]...\n"
	      "options:\n"
	      "  --auth anon|x509|psk     authentication (default: the matching policy's,\n"
	      "                           else psk with --psk-*, x509 with --cert or\n"
	      "                           when listening, else anon)\n"
	      "                           Without --cert, --ca and --psk-*, the first\n"
	      "                           matching policy of the store supplies the\n"
	      "                           credentials (ktlsctl policy add ...)\n"
	      "  --peer-name NAME         SNI and name to verify (default: HOST)\n"
	      "  --cert FILE --key FILE   certificate chain and key (PEM)\n"
	      "  --ca FILE                trusted CA certificates (PEM)\n"
	      "  --psk-identity ID --psk-hex HEX   external PSK\n"
	      "  --psk-hash sha256|sha384 the PSK's hash in TLS 1.3 (default: sha256)\n"
	      "  --store-cred NAME --store-trust NAME --store-psk NAME\n"
	      "                           entries of the namespace's store, by name\n"
	      "  --tls 1.2|1.3            the only version allowed\n"
	      "  --cipher NAME            AES-128-GCM, AES-256-GCM, CHACHA20-POLY1305,\n"
	      "                           AES-128-CCM\n"
	      "  --alpn LIST              ALPN protocols, comma-separated: offered\n"
	      "                           (connect), or accepted in order of preference\n"
	      "                           (listen)\n"
	      "  --timeout MS             handshake timeout\n"
	      "  --cancel-after MS        cancel the handshake after MS\n"
	      "  --send N                 connect: send N random bytes\n"
	      "  --send-file FILE         connect: send the bytes of FILE\n"
	      "  --expect-echo            connect: read the data back and compare\n"
	      "  --echo                   listen: echo what arrives until end of file\n"
	      "  --ready-file FILE        listen: create FILE once listening\n"
	      "  --netns PATH             connect: create the socket in the network\n"
	      "                           namespace of PATH (e.g. /run/netns/NAME),\n"
	      "                           which neither the tool nor the socket holds\n"
	      "  --count N                burst: connect N sockets (1..65536), then\n"
	      "                           request N handshakes at once\n"
	      "  --wait MS                burst: wait at most MS for the callbacks\n"
	      "                           (default: the timeout plus 30 s), then cancel\n",
	      f);
}

enum {
	OPT_AUTH = 256, OPT_PEER_NAME, OPT_CERT, OPT_KEY, OPT_CA,
	OPT_PSK_ID, OPT_PSK_HEX, OPT_TLS, OPT_CIPHER, OPT_TIMEOUT,
	OPT_CANCEL, OPT_SEND, OPT_SEND_FILE, OPT_EXPECT_ECHO, OPT_ECHO,
	OPT_READY, OPT_PSK_HASH, OPT_ALPN, OPT_STORE_CRED, OPT_STORE_TRUST,
	OPT_STORE_PSK, OPT_COUNT, OPT_WAIT, OPT_NETNS, OPT_HELP,
};

static const struct option options[] = {
	{ "auth", required_argument, NULL, OPT_AUTH },
	{ "peer-name", required_argument, NULL, OPT_PEER_NAME },
	{ "cert", required_argument, NULL, OPT_CERT },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "ca", required_argument, NULL, OPT_CA },
	{ "psk-identity", required_argument, NULL, OPT_PSK_ID },
	{ "psk-hex", required_argument, NULL, OPT_PSK_HEX },
	{ "tls", required_argument, NULL, OPT_TLS },
	{ "cipher", required_argument, NULL, OPT_CIPHER },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "cancel-after", required_argument, NULL, OPT_CANCEL },
	{ "send", required_argument, NULL, OPT_SEND },
	{ "send-file", required_argument, NULL, OPT_SEND_FILE },
	{ "expect-echo", no_argument, NULL, OPT_EXPECT_ECHO },
	{ "echo", no_argument, NULL, OPT_ECHO },
	{ "ready-file", required_argument, NULL, OPT_READY },
	{ "psk-hash", required_argument, NULL, OPT_PSK_HASH },
	{ "alpn", required_argument, NULL, OPT_ALPN },
	{ "store-cred", required_argument, NULL, OPT_STORE_CRED },
	{ "store-trust", required_argument, NULL, OPT_STORE_TRUST },
	{ "store-psk", required_argument, NULL, OPT_STORE_PSK },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "wait", required_argument, NULL, OPT_WAIT },
	{ "netns", required_argument, NULL, OPT_NETNS },
	{ "help", no_argument, NULL, OPT_HELP },
	{}
};

static int set_file(struct ktlsctl_probe_buf *b, const char *path)
{
	size_t len;
	void *data = probe_read_file(path, &len);

	if (!data)
		return -1;
	probe_set_buf(b, data, len);
	return 0;
}

static int parse_option(struct probe_opts *o, int c, const char *arg)
{
	struct ktlsctl_probe_args *a = &o->args;
	unsigned long long n;

	switch (c) {
	case OPT_AUTH:
		a->auth = probe_auth(arg);
		return a->auth ? 0 : probe_bad("--auth", arg);
	case OPT_PEER_NAME:
		probe_set_buf(&a->peer_name, arg, strlen(arg));
		return 0;
	case OPT_CERT:
		return set_file(&a->cert, arg);
	case OPT_KEY:
		return set_file(&a->key, arg);
	case OPT_CA:
		return set_file(&a->ca, arg);
	case OPT_PSK_ID:
		probe_set_buf(&a->psk_identity, arg, strlen(arg));
		return 0;
	case OPT_PSK_HEX:
		return probe_hex(&a->psk_secret, arg);
	case OPT_TLS:
		a->tls_min = probe_tls_version(arg);
		a->tls_max = a->tls_min;
		return a->tls_min ? 0 : probe_bad("--tls", arg);
	case OPT_CIPHER:
		a->cipher = probe_cipher(arg);
		return a->cipher ? 0 : probe_bad("--cipher", arg);
	case OPT_TIMEOUT:
	case OPT_CANCEL:
	case OPT_SEND:
		if (probe_number(arg, &n) || (c != OPT_SEND && n > UINT32_MAX))
			return probe_bad(c == OPT_SEND ? "--send" : "a time",
					 arg);
		if (c == OPT_TIMEOUT)
			a->timeout_ms = n;
		else if (c == OPT_CANCEL)
			a->cancel_after_ms = n;
		else
			a->send_len = n;
		return 0;
	case OPT_SEND_FILE:
		return set_file(&a->send_data, arg);
	case OPT_EXPECT_ECHO:
		a->flags |= KTLSCTL_PROBE_F_EXPECT_ECHO;
		return 0;
	case OPT_ECHO:
		a->flags |= KTLSCTL_PROBE_F_ECHO;
		return 0;
	case OPT_READY:
		o->ready_file = arg;
		return 0;
	case OPT_PSK_HASH:
		a->psk_hash = probe_psk_hash(arg);
		return a->psk_hash ? 0 : probe_bad("--psk-hash", arg);
	case OPT_ALPN:
		return probe_alpn(&a->alpn, arg);
	case OPT_STORE_CRED:
		probe_set_buf(&a->cred_name, arg, strlen(arg));
		return 0;
	case OPT_STORE_TRUST:
		probe_set_buf(&a->trust_name, arg, strlen(arg));
		return 0;
	case OPT_STORE_PSK:
		probe_set_buf(&a->psk_name, arg, strlen(arg));
		return 0;
	case OPT_COUNT:
		if (probe_number(arg, &n) || !n || n > KTLSCTL_PROBE_BURST_MAX)
			return probe_bad("--count", arg);
		o->count = n;
		return 0;
	case OPT_WAIT:
		if (probe_number(arg, &n) || n > UINT32_MAX)
			return probe_bad("--wait", arg);
		o->wait_ms = n;
		return 0;
	case OPT_NETNS:
		o->netns = arg;
		return 0;
	case OPT_HELP:
		usage(stdout);
		exit(0);
	}
	usage(stderr);
	return -1;
}

/* burst moves no data and never cancels on a timer. */
static bool burst_options_ok(const struct probe_opts *o)
{
	const struct ktlsctl_probe_args *a = &o->args;

	return !a->send_len && !a->send_data.len && !a->flags &&
	       !a->cancel_after_ms && !o->ready_file;
}

int main(int argc, char **argv)
{
	struct probe_opts o = {};
	int c;

	if (argc < 3) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "connect"))
		o.listen = false;
	else if (!strcmp(argv[1], "listen"))
		o.listen = true;
	else if (!strcmp(argv[1], "burst"))
		o.burst = true;
	else {
		usage(stderr);
		return 2;
	}
	o.where = argv[2];
	optind = 3;
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (parse_option(&o, c, optarg))
			return 2;
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (probe_address(&o))
		return 2;
	if (o.args.psk_hash && !o.args.psk_secret.len) {
		fputs("ktlsctl-probe: --psk-hash needs --psk-hex\n", stderr);
		return 2;
	}
	if (o.burst != !!o.count || (o.burst && !burst_options_ok(&o))) {
		fputs("ktlsctl-probe: burst needs --count, and takes no data, "
		      "--cancel-after or --ready-file; --count and --wait are "
		      "for burst\n", stderr);
		return 2;
	}
	if (o.netns && (o.burst || o.listen)) {
		fputs("ktlsctl-probe: --netns is for connect\n", stderr);
		return 2;
	}
	if (!o.burst && o.wait_ms) {
		fputs("ktlsctl-probe: --wait is for burst\n", stderr);
		return 2;
	}
	/* Without --auth the module decides: the policy's, else by the
	 * credentials (see include/ktlsctl/handshake.h).
	 */
	return o.burst ? probe_burst(&o) : probe_run(&o);
}
