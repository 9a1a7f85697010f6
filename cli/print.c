// SPDX-License-Identifier: GPL-2.0
/* Text or JSON from one printing path (see print.h). */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "print.h"

#define PRINT_KEY_LEN	64

/* The JSON form of a spec name: dashes become underscores. */
static const char *json_key(const char *key, char *buf)
{
	size_t i;

	if (!key)
		return NULL;
	for (i = 0; key[i] && i < PRINT_KEY_LEN - 1; i++)
		buf[i] = key[i] == '-' ? '_' : key[i];
	buf[i] = '\0';
	return buf;
}

void print_start(struct printer *p, FILE *out, bool json, bool pretty)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->json = json;
	p->sep[0] = "  ";
	if (json) {
		json_init(&p->j, out, pretty);
		json_open_object(&p->j, NULL);
	}
}

void print_start_array(struct printer *p, FILE *out, bool json, bool pretty)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->json = json;
	p->array = true;
	p->sep[0] = "  ";
	if (json) {
		json_init(&p->j, out, pretty);
		json_open_array(&p->j, NULL);
	}
}

int print_end(struct printer *p)
{
	if (p->json && p->array)
		json_close_array(&p->j);
	else if (p->json)
		json_close_object(&p->j);
	else if (p->pending)
		putc('\n', p->out);
	errno = 0;
	if (fflush(p->out) || ferror(p->out))
		return errno ? -errno : -EIO;
	return 0;
}

/* Text: the separator, then the label and a space unless it is "". */
static void text_label(struct printer *p, const char *key, const char *label)
{
	if (!label)
		label = key;
	if (p->pending)
		fputs(p->pending, p->out);
	if (label && *label)
		fprintf(p->out, "%s ", label);
	p->pending = p->sep[p->depth];
}

static void text_push(struct printer *p, const char *sep)
{
	if (p->depth + 1 < PRINT_MAX_DEPTH)
		p->depth++;
	p->sep[p->depth] = sep;
}

void print_open_object(struct printer *p, const char *key, const char *label,
		       const char *sep)
{
	char buf[PRINT_KEY_LEN];

	if (p->json) {
		json_open_object(&p->j, json_key(key, buf));
		return;
	}
	if (!label)
		label = key;
	if (p->pending)
		fputs(p->pending, p->out);
	/* The first member follows the label after one space. */
	if (label && *label) {
		fputs(label, p->out);
		p->pending = " ";
	} else {
		p->pending = NULL;
	}
	text_push(p, sep);
}

void print_close_object(struct printer *p)
{
	if (p->json) {
		json_close_object(&p->j);
		return;
	}
	if (p->depth)
		p->depth--;
	p->pending = p->sep[p->depth];
}

void print_open_list(struct printer *p, const char *key, const char *label,
		     const char *sep)
{
	char buf[PRINT_KEY_LEN];

	if (p->json)
		json_open_array(&p->j, json_key(key, buf));
	else
		print_open_object(p, key, label, sep);
}

void print_open_array(struct printer *p, const char *key, const char *label)
{
	print_open_list(p, key, label, " ");
}

void print_close_array(struct printer *p)
{
	if (p->json)
		json_close_array(&p->j);
	else
		print_close_object(p);
}

void print_str(struct printer *p, const char *key, const char *label,
	       const char *val)
{
	char buf[PRINT_KEY_LEN];

	if (p->json) {
		json_string(&p->j, json_key(key, buf), val);
		return;
	}
	text_label(p, key, label);
	fputs(val, p->out);
}

void print_uint(struct printer *p, const char *key, const char *label,
		uint64_t val)
{
	char buf[PRINT_KEY_LEN];

	if (p->json) {
		json_uint(&p->j, json_key(key, buf), val);
		return;
	}
	text_label(p, key, label);
	fprintf(p->out, "%" PRIu64, val);
}

void print_endpoint(struct printer *p, const char *key, const char *label,
		    const char *addr, uint16_t port)
{
	char buf[PRINT_KEY_LEN];
	bool v6 = addr && strchr(addr, ':');

	if (p->json) {
		json_open_object(&p->j, json_key(key, buf));
		if (addr)
			json_string(&p->j, "addr", addr);
		if (port)
			json_uint(&p->j, "port", port);
		json_close_object(&p->j);
		return;
	}
	text_label(p, key, label);
	if (addr)
		fprintf(p->out, v6 ? "[%s]" : "%s", addr);
	if (port)
		fprintf(p->out, ":%u", port);
}

void print_prefix(struct printer *p, const char *key, const char *label,
		  const char *addr, unsigned int prefix_len, uint16_t port)
{
	char buf[PRINT_KEY_LEN];
	bool v6 = addr && strchr(addr, ':');

	if (p->json) {
		json_open_object(&p->j, json_key(key, buf));
		if (addr) {
			json_string(&p->j, "addr", addr);
			json_uint(&p->j, "prefix_len", prefix_len);
		}
		if (port)
			json_uint(&p->j, "port", port);
		json_close_object(&p->j);
		return;
	}
	text_label(p, key, label);
	if (addr)
		fprintf(p->out, v6 && port ? "[%s]/%u" : "%s/%u", addr,
			prefix_len);
	if (port)
		fprintf(p->out, ":%u", port);
}

void print_time(struct printer *p, const char *key, const char *label,
		uint64_t secs)
{
	char buf[PRINT_KEY_LEN], utc[PRINT_KEY_LEN], date[32] = "";
	time_t t = (time_t)secs;
	struct tm tm;

	/* Beyond what gmtime can say: the number alone. */
	if ((uint64_t)t == secs && secs <= INT64_MAX && gmtime_r(&t, &tm))
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (p->json) {
		json_uint(&p->j, json_key(key, buf), secs);
		if (!date[0])
			return;
		snprintf(utc, sizeof(utc), "%s-utc", key);
		json_string(&p->j, json_key(utc, buf), date);
		return;
	}
	text_label(p, key, label);
	if (date[0])
		fputs(date, p->out);
	else
		fprintf(p->out, "%" PRIu64, secs);
}

void print_nl(struct printer *p)
{
	if (p->json)
		return;
	putc('\n', p->out);
	p->pending = NULL;
}
