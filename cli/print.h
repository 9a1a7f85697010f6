/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output in the style of iproute2: every field is printed by one call that
 * writes either "label value" text or a JSON member, so the two forms come
 * from the same code and cannot drift apart.
 *
 * key: the spec's name of the field (JSON key, dashes become underscores;
 * NULL inside arrays). label: the text before the value; NULL means the
 * key, "" means the value alone.
 */
#ifndef _KTLSCTL_PRINT_H
#define _KTLSCTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"

#define PRINT_MAX_DEPTH	JSON_MAX_DEPTH

struct printer {
	FILE *out;
	bool json;
	struct json j;
	unsigned int depth;
	const char *sep[PRINT_MAX_DEPTH];	/* text separator per level */
	const char *pending;			/* text before the next field */
	bool array;				/* the document is a list */
};

void print_start(struct printer *p, FILE *out, bool json, bool pretty);
/*
 * The same for a list: in JSON an array of objects (print_open_object with
 * key NULL for each), in text one line per object (end each with
 * print_nl); nothing at all in text when the list is empty.
 */
void print_start_array(struct printer *p, FILE *out, bool json, bool pretty);
/* Closes the JSON object, flushes; -errno when the output failed. */
int print_end(struct printer *p);

/* Members of an object are separated by sep in text ("  " or " "). */
void print_open_object(struct printer *p, const char *key, const char *label,
		       const char *sep);
void print_close_object(struct printer *p);
void print_open_array(struct printer *p, const char *key, const char *label);
/* The same with the text items separated by sep (" " above, or ","). */
void print_open_list(struct printer *p, const char *key, const char *label,
		     const char *sep);
void print_close_array(struct printer *p);

void print_str(struct printer *p, const char *key, const char *label,
	       const char *val);
void print_uint(struct printer *p, const char *key, const char *label,
		uint64_t val);
/*
 * A socket address: "label 192.0.2.1:443" or "label [2001:db8::1]:443" in
 * text, {"addr": "...", "port": N} in JSON; addr NULL or port 0: left out.
 */
void print_endpoint(struct printer *p, const char *key, const char *label,
		    const char *addr, uint16_t port);
/*
 * An address selector: "label 10.0.0.0/8:443", "label [2001:db8::]/32:443"
 * (brackets only with a port), "label :443" in text; {"addr": "...",
 * "prefix_len": N, "port": N} in JSON. addr NULL or port 0: left out.
 */
void print_prefix(struct printer *p, const char *key, const char *label,
		  const char *addr, unsigned int prefix_len, uint16_t port);
/*
 * A time in seconds since the epoch: "label 2026-01-31T12:00:00Z" (UTC)
 * in text; in JSON both, "key": seconds and "key_utc": "2026-...Z".
 */
void print_time(struct printer *p, const char *key, const char *label,
		uint64_t secs);
/* Ends a line of text; nothing in JSON. */
void print_nl(struct printer *p);

#endif /* _KTLSCTL_PRINT_H */
