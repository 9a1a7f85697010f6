/* SPDX-License-Identifier: GPL-2.0 */
/* A small streaming JSON writer: compact or pretty, strings escaped. */
#ifndef _KTLSCTL_JSON_H
#define _KTLSCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	16

struct json {
	FILE *out;
	bool pretty;
	unsigned int depth;
	bool members[JSON_MAX_DEPTH];	/* the container has a member */
};

void json_init(struct json *j, FILE *out, bool pretty);
/* key is NULL for the top level and for array elements. */
void json_open_object(struct json *j, const char *key);
void json_close_object(struct json *j);
void json_open_array(struct json *j, const char *key);
void json_close_array(struct json *j);
void json_string(struct json *j, const char *key, const char *s);
void json_uint(struct json *j, const char *key, uint64_t v);
void json_int(struct json *j, const char *key, int64_t v);
void json_bool(struct json *j, const char *key, bool v);
/* Writes s as a quoted JSON string; invalid UTF-8 becomes U+FFFD. */
void json_quote(FILE *out, const char *s);

#endif /* _KTLSCTL_JSON_H */
