// SPDX-License-Identifier: GPL-2.0
/* ktlsctl-probe: command-line values and the address. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <linux/ktlsctl.h>

#include "probe.h"

static const struct {
	const char *name;
	uint32_t cipher;
} ciphers[] = {
	{ "AES-128-GCM", KTLSCTL_CIPHER_AES_128_GCM },
	{ "AES-256-GCM", KTLSCTL_CIPHER_AES_256_GCM },
	{ "CHACHA20-POLY1305", KTLSCTL_CIPHER_CHACHA20_POLY1305 },
	{ "AES-128-CCM", KTLSCTL_CIPHER_AES_128_CCM },
};

uint32_t probe_auth(const char *s)
{
	if (!strcmp(s, "anon"))
		return KTLSCTL_AUTH_ANON;
	if (!strcmp(s, "x509"))
		return KTLSCTL_AUTH_X509;
	if (!strcmp(s, "psk"))
		return KTLSCTL_AUTH_PSK;
	return 0;
}

uint32_t probe_tls_version(const char *s)
{
	if (!strcmp(s, "1.2"))
		return KTLSCTL_TLS_VERSION_TLS12;
	if (!strcmp(s, "1.3"))
		return KTLSCTL_TLS_VERSION_TLS13;
	return 0;
}

uint32_t probe_psk_hash(const char *s)
{
	if (!strcasecmp(s, "sha256"))
		return KTLSCTL_PSK_HASH_SHA256;
	if (!strcasecmp(s, "sha384"))
		return KTLSCTL_PSK_HASH_SHA384;
	return 0;
}

/* "h2,http/1.1" to the ALPN wire format: each name after its length. */
int probe_alpn(struct ktlsctl_probe_buf *b, const char *list)
{
	size_t len = strlen(list), off = 0, n;
	const char *p = list, *comma;
	unsigned char *out;

	if (!len || len + 1 > KTLSCTL_PROBE_ALPN_MAX_LEN)
		return probe_bad("--alpn", list);
	out = malloc(len + 1);
	if (!out)
		return -1;
	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (!n || n > KTLSCTL_ALPN_MAX_LEN) {
			free(out);
			return probe_bad("--alpn", list);
		}
		out[off++] = (unsigned char)n;
		memcpy(out + off, p, n);
		off += n;
		if (!comma)
			break;
		p = comma + 1;
	}
	probe_set_buf(b, out, off);
	return 0;
}

uint32_t probe_cipher(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(ciphers) / sizeof(ciphers[0]); i++)
		if (!strcasecmp(s, ciphers[i].name))
			return ciphers[i].cipher;
	return 0;
}

const char *probe_cipher_name(uint32_t cipher)
{
	size_t i;

	for (i = 0; i < sizeof(ciphers) / sizeof(ciphers[0]); i++)
		if (ciphers[i].cipher == cipher)
			return ciphers[i].name;
	return NULL;
}

const char *probe_version_name(uint32_t version)
{
	switch (version) {
	case KTLSCTL_TLS_VERSION_TLS12:
		return "TLSv1.2";
	case KTLSCTL_TLS_VERSION_TLS13:
		return "TLSv1.3";
	}
	return NULL;
}

int probe_number(const char *s, unsigned long long *n)
{
	char *end;

	errno = 0;
	*n = strtoull(s, &end, 10);
	return (errno || end == s || *end || *s == '-') ? -1 : 0;
}

int probe_bad(const char *what, const char *arg)
{
	fprintf(stderr, "ktlsctl-probe: bad %s '%s'\n", what, arg);
	return -1;
}

void probe_set_buf(struct ktlsctl_probe_buf *b, const void *p, size_t len)
{
	b->ptr = (uintptr_t)p;
	b->len = len;
}

int probe_hex(struct ktlsctl_probe_buf *b, const char *hex)
{
	size_t i, len = strlen(hex);
	unsigned char *out;
	unsigned int v;

	if (!len || len % 2)
		return probe_bad("--psk-hex", hex);
	out = malloc(len / 2);
	if (!out)
		return -1;
	for (i = 0; i < len / 2; i++) {
		if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
			free(out);
			return probe_bad("--psk-hex", hex);
		}
		out[i] = v;
	}
	probe_set_buf(b, out, len / 2);
	return 0;
}

void *probe_read_file(const char *path, size_t *len)
{
	size_t cap = 65536, n = 0, r;
	char *buf = malloc(cap), *p;
	FILE *f = fopen(path, "rb");

	if (!f || !buf) {
		fprintf(stderr, "ktlsctl-probe: %s: %s\n", path,
			strerror(errno));
		goto fail;
	}
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			p = realloc(buf, cap * 2);
			if (!p)
				goto fail;
			buf = p;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "ktlsctl-probe: %s: read error\n", path);
		goto fail;
	}
	fclose(f);
	*len = n;
	return buf;
fail:
	if (f)
		fclose(f);
	free(buf);
	return NULL;
}

static int probe_port(const char *s, uint16_t *port)
{
	unsigned long long n;

	if (probe_number(s, &n) || !n || n > 65535)
		return probe_bad("port", s);
	*port = n;
	return 0;
}

/* HOST:PORT, [V6]:PORT, or (listen) PORT alone. */
int probe_address(struct probe_opts *o)
{
	struct ktlsctl_probe_args *a = &o->args;
	char *host = strdup(o->where), *port;
	struct addrinfo hints = {}, *ai;
	int err;

	if (!host)
		return -1;
	port = strrchr(host, ':');
	if (!port && o->listen) {
		a->family = AF_INET;	/* any address */
		err = probe_port(host, &a->port);
		free(host);
		return err;
	}
	if (!port || port == host) {
		free(host);
		return probe_bad("address (HOST:PORT)", o->where);
	}
	*port++ = '\0';
	if (probe_port(port, &a->port))
		goto fail;
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	hints.ai_socktype = SOCK_STREAM;
	err = getaddrinfo(host, NULL, &hints, &ai);
	if (err) {
		fprintf(stderr, "ktlsctl-probe: %s: %s\n", host,
			gai_strerror(err));
		goto fail;
	}
	a->family = ai->ai_family;
	if (ai->ai_family == AF_INET)
		memcpy(a->addr, &((struct sockaddr_in *)ai->ai_addr)->sin_addr,
		       4);
	else
		memcpy(a->addr,
		       &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, 16);
	freeaddrinfo(ai);
	/* Clients verify the name they connect to unless told otherwise. */
	if (!o->listen && !a->peer_name.len)
		probe_set_buf(&a->peer_name, host, strlen(host));
	else
		free(host);
	return 0;
fail:
	free(host);
	return -1;
}
