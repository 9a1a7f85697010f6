// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-bench: the client side of every benchmark row; one JSON object on
 * stdout per run.
 *
 *   inplace HOST:PORT -n N [-c C] [--ctx-per-hs] [--wait-close]   N
 *       OpenSSL client handshakes done in this process, C at once
 *       (non-blocking, epoll), each timed from its connection's
 *       establishment (as the kernel's from its submission, on a connected
 *       socket), with the same BIO, version, cipher, SNI and
 *       verification as the daemon's; the SSL_CTX and the CA are loaded
 *       once (--ctx-per-hs: once per handshake, from memory, as the daemon
 *       does per request). --wait-close: after its handshake, each
 *       connection reads until the server closes it (a kernel server
 *       installs its keys after the handshake, and kTLS refuses keys on a
 *       socket the client already half-closed), and counts as done then;
 *       the client driver of the server rows
 *   kernel HOST:PORT -n N [-c C]   the same N handshakes asked for by the
 *       ktlsctl_bench module (kernel sockets, C at once), through ktlsctl
 *       and the daemon, timed from submission to the callback (keys
 *       installed)
 *   storm HOST:PORT -n K   K sockets connected first, then K requests
 *       submitted at once; the time until the last callback
 *   hold HOST:PORT -n K --hold-ms MS   K requests submitted and left
 *       pending for MS ms (then cancelled); the kernel's slab memory
 *       before and after the submissions
 *   serve-kernel [ADDR]:PORT -n N [-c C] --cert FILE --key FILE   N
 *       server handshakes asked for by the ktlsctl_bench module on the
 *       connections its kernel listening socket accepts (C submitted at
 *       once), through ktlsctl and the daemon, each connection shut down
 *       at its callback (keys installed)
 *   serve-inplace [ADDR]:PORT -n N [-c C] --cert FILE --key FILE   the
 *       same N server handshakes done in this process (both in serve.c)
 *   wake -n N   N hops from one thread to another asleep in epoll over a
 *       socket pair (half a round trip each): what a hop of the upcall
 *       costs where this runs, the host or the VM (wake.c)
 *   data HOST:PORT --mode M --bytes N   after one handshake, move N bytes
 *       in 16 KiB calls: ossl-write (SSL_write), ossl-read (SSL_read),
 *       ktls-write (write() on the socket whose keys ktlsctl installed),
 *       ktls-sendfile (sendfile() from --file), ktls-read (read());
 *       system calls and bytes through user space counted, CPU by
 *       getrusage, the handshake excluded
 *
 * Each row in its file: inplace.c, kernel.c (kernel, storm, hold), data.c,
 * serve.c, wake.c; this one parses the options (struct bench_opts, client.h).
 *
 * Common options: --ca FILE (not for serve-*) --name SNI --cipher NAME
 * (TLS 1.3 always),
 * --timeout MS. --ca-by-policy: the kernel's requests carry no CA (the
 * store's policy for the peer names one), as a consumer configured by the
 * operator submits them; in place, --ca still is the trust.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include <linux/ktlsctl.h>
#include "client.h"
#include "common.h"
#include "serve.h"

static struct bench_opts o = {
	.n = 1, .name = "server.test", .cipher = "AES-128-GCM",
	.timeout_ms = 60000, .bytes = 64 << 20, .chunk = 16384,
};

static void usage(void)
{
	fprintf(stderr,
		"usage: ktlsctl-bench inplace|kernel|storm|hold|data HOST:PORT\n"
		"       [-n N] [-c C] [--ctx-per-hs] [--wait-close] [--hold-ms MS]\n"
		"       [--mode ossl-write|ossl-read|ktls-write|ktls-sendfile|ktls-read]\n"
		"       [--bytes N] [--file FILE] [--ca FILE] [--name SNI]\n"
		"       [--cipher NAME] [--timeout MS] [--ca-by-policy]\n"
		"       ktlsctl-bench serve-kernel|serve-inplace [ADDR]:PORT\n"
		"       [-n N] [-c C] --cert FILE --key FILE [--cipher NAME]\n"
		"       [--timeout MS]\n"
		"       ktlsctl-bench wake -n N\n");
	exit(2);
}

void bench_die(const char *what)
{
	fprintf(stderr, "ktlsctl-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

void bench_die_ssl(const char *what)
{
	fprintf(stderr, "ktlsctl-bench: %s\n", what);
	ERR_print_errors_fp(stderr);
	exit(1);
}

uint32_t bench_cipher_id(const char *s)
{
	if (!strcmp(s, "AES-128-GCM"))
		return KTLSCTL_CIPHER_AES_128_GCM;
	if (!strcmp(s, "AES-256-GCM"))
		return KTLSCTL_CIPHER_AES_256_GCM;
	if (!strcmp(s, "CHACHA20-POLY1305"))
		return KTLSCTL_CIPHER_CHACHA20_POLY1305;
	if (!strcmp(s, "AES-128-CCM"))
		return KTLSCTL_CIPHER_AES_128_CCM;
	return 0;
}

/* --mode: one of the data row's; ktls-sendfile wants --file. */
static bool data_mode_ok(void)
{
	if (!o.mode)
		return false;
	if (!strcmp(o.mode, "ktls-sendfile"))
		return o.file != NULL;
	return !strcmp(o.mode, "ossl-write") || !strcmp(o.mode, "ossl-read") ||
	       !strcmp(o.mode, "ktls-write") || !strcmp(o.mode, "ktls-read");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ca", required_argument, NULL, 'a' },
		{ "name", required_argument, NULL, 'N' },
		{ "cipher", required_argument, NULL, 'C' },
		{ "ctx-per-hs", no_argument, NULL, 'x' },
		{ "ca-by-policy", no_argument, NULL, 'P' },
		{ "timeout", required_argument, NULL, 't' },
		{ "hold-ms", required_argument, NULL, 'h' },
		{ "mode", required_argument, NULL, 'm' },
		{ "bytes", required_argument, NULL, 'b' },
		{ "file", required_argument, NULL, 'f' },
		{ "cert", required_argument, NULL, 'e' },
		{ "key", required_argument, NULL, 'k' },
		{ "wait-close", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	bool serve;
	int opt;

	if (argc == 4 && !strcmp(argv[1], "wake") && !strcmp(argv[2], "-n") &&
	    atoi(argv[3]) > 0)
		return bench_wake((unsigned int)atoi(argv[3]));
	if (argc < 3)
		usage();
	o.cmd = argv[1];
	if (bench_parse_addr(argv[2], &o.addr))
		usage();
	optind = 3;
	while ((opt = getopt_long(argc, argv, "n:c:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': o.n = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'c': o.c = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'a': o.ca_file = optarg; break;
		case 'N': o.name = optarg; break;
		case 'C': o.cipher = optarg; break;
		case 'x': o.ctx_per_hs = true; break;
		case 'P': o.ca_by_policy = true; break;
		case 't': o.timeout_ms = (unsigned int)atoi(optarg); break;
		case 'h': o.hold_ms = (unsigned int)atoi(optarg); break;
		case 'm': o.mode = optarg; break;
		case 'b': o.bytes = strtoull(optarg, NULL, 0); break;
		case 'f': o.file = optarg; break;
		case 'e': o.cert = optarg; break;
		case 'k': o.key = optarg; break;
		case 'w': o.wait_close = true; break;
		default: usage();
		}
	}
	serve = !strncmp(o.cmd, "serve-", 6);
	if (optind != argc || !o.n || !bench_cipher_id(o.cipher) ||
	    (serve ? !o.cert || !o.key : !o.ca_file))
		usage();
	if (!o.c || o.c > o.n)
		o.c = o.n;
	signal(SIGPIPE, SIG_IGN);
	if (serve) {
		struct bench_serve_opts so = {
			.addr = o.addr, .n = o.n, .c = o.c, .cert = o.cert,
			.key = o.key, .suite = bench_tls13_suite(o.cipher),
			.cipher = bench_cipher_id(o.cipher),
			.timeout_ms = o.timeout_ms,
		};

		if (!strcmp(o.cmd, "serve-kernel"))
			return bench_serve_kernel(&so);
		if (!strcmp(o.cmd, "serve-inplace"))
			return bench_serve_inplace(&so);
		usage();
	}
	o.ca = bench_read_file(o.ca_file, &o.ca_len);
	if (!o.ca)
		bench_die(o.ca_file);
	if (!strcmp(o.cmd, "inplace"))
		return bench_inplace(&o);
	if (!strcmp(o.cmd, "kernel"))
		return bench_kernel(&o);
	if (!strcmp(o.cmd, "storm"))
		return bench_storm(&o, false);
	if (!strcmp(o.cmd, "hold"))
		return bench_storm(&o, true);
	if (!strcmp(o.cmd, "data") && data_mode_ok())
		return bench_data(&o);
	usage();
	return 2;
}
