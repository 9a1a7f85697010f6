/* SPDX-License-Identifier: GPL-2.0 */
/* ktlsctl-probe: shared declarations of the tool's files. */
#ifndef KTLSCTL_PROBE_TOOL_H
#define KTLSCTL_PROBE_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ktlsctl_probe.h"

struct probe_opts {
	struct ktlsctl_probe_args args;
	bool listen;
	bool burst;
	uint32_t count;		/* burst: --count */
	uint32_t wait_ms;	/* burst: --wait */
	const char *where;	/* HOST:PORT or [ADDR:]PORT */
	const char *ready_file;
	const char *netns;	/* connect: --netns */
};

/* args.c */
uint32_t probe_auth(const char *s);
uint32_t probe_tls_version(const char *s);
uint32_t probe_cipher(const char *s);
uint32_t probe_psk_hash(const char *s);
int probe_alpn(struct ktlsctl_probe_buf *b, const char *list);
const char *probe_cipher_name(uint32_t cipher);
const char *probe_version_name(uint32_t version);
int probe_number(const char *s, unsigned long long *n);
int probe_hex(struct ktlsctl_probe_buf *b, const char *hex);
int probe_bad(const char *what, const char *arg);
void probe_set_buf(struct ktlsctl_probe_buf *b, const void *p, size_t len);
void *probe_read_file(const char *path, size_t *len);
int probe_address(struct probe_opts *o);

/* run.c */
int probe_run(struct probe_opts *o);
int probe_burst(struct probe_opts *o);

#endif
