// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Attribute parsing against the tables generated from the spec. Every
 * attribute the set knows is checked (length by kind, string termination
 * and length, integer range, enum membership); attribute types the set
 * does not know are skipped, so that a newer module stays readable. Nests
 * are checked when the caller parses them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <inttypes.h>
#include <string.h>

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "ktlsctl-priv.h"

struct ktlsctl_pctx {
	struct ktlsctl_sock *sock;
	const struct ktlsctl_attr_set *set;
};

__attribute__((format(printf, 3, 4)))
static int ktlsctl_bad(const struct ktlsctl_pctx *p,
		       const struct ktlsctl_attr_desc *d, const char *fmt, ...)
{
	char what[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	ktlsctl_set_error(p->sock, "invalid attribute %s.%s: %s",
			  p->set->name, d->name, what);
	return -EINVAL;
}

/* Payload length each fixed-size kind needs; -1 for the variable ones. */
static int ktlsctl_kind_len(enum ktlsctl_attr_kind kind)
{
	switch (kind) {
	case KTLSCTL_KIND_U8:
		return 1;
	case KTLSCTL_KIND_U16:
		return 2;
	case KTLSCTL_KIND_U32:
	case KTLSCTL_KIND_S32:
		return 4;
	case KTLSCTL_KIND_U64:
		return 8;
	case KTLSCTL_KIND_FLAG:
		return 0;
	default:
		return -1;
	}
}

static bool ktlsctl_is_int(enum ktlsctl_attr_kind kind)
{
	return kind == KTLSCTL_KIND_U8 || kind == KTLSCTL_KIND_U16 ||
	       kind == KTLSCTL_KIND_U32 || kind == KTLSCTL_KIND_S32 ||
	       kind == KTLSCTL_KIND_U64;
}

static uint64_t ktlsctl_int_value(const struct ktlsctl_attr_desc *d,
				  const struct nlattr *attr)
{
	uint16_t v16;

	switch (d->kind) {
	case KTLSCTL_KIND_U8:
		return mnl_attr_get_u8(attr);
	case KTLSCTL_KIND_U16:
		v16 = mnl_attr_get_u16(attr);
		return d->big_endian ? ntohs(v16) : v16;
	case KTLSCTL_KIND_U32:
		return d->big_endian ? ntohl(mnl_attr_get_u32(attr)) :
				       mnl_attr_get_u32(attr);
	case KTLSCTL_KIND_S32:
		return (uint64_t)(int64_t)(int32_t)mnl_attr_get_u32(attr);
	default:
		return mnl_attr_get_u64(attr);
	}
}

static int ktlsctl_check_int(const struct ktlsctl_pctx *p,
			     const struct ktlsctl_attr_desc *d,
			     const struct nlattr *attr)
{
	uint64_t v = ktlsctl_int_value(d, attr);
	unsigned int i;

	if (d->kind == KTLSCTL_KIND_S32) {
		if (d->has_min && (int64_t)v < (int64_t)d->min)
			return ktlsctl_bad(p, d, "value %" PRId64 ", min %" PRId64,
					   (int64_t)v, (int64_t)d->min);
		if (d->has_max && (int64_t)v > (int64_t)d->max)
			return ktlsctl_bad(p, d, "value %" PRId64 ", max %" PRId64,
					   (int64_t)v, (int64_t)d->max);
	} else {
		if (d->has_min && v < d->min)
			return ktlsctl_bad(p, d, "value %" PRIu64 ", min %" PRIu64,
					   v, d->min);
		if (d->has_max && v > d->max)
			return ktlsctl_bad(p, d, "value %" PRIu64 ", max %" PRIu64,
					   v, d->max);
	}
	if (!d->enum_desc)
		return 0;
	for (i = 0; i < d->enum_desc->n; i++)
		if (d->enum_desc->entries[i].value == v)
			return 0;
	return ktlsctl_bad(p, d, "unknown %s value %" PRIu64,
			   d->enum_desc->name, v);
}

static int ktlsctl_check_string(const struct ktlsctl_pctx *p,
				const struct ktlsctl_attr_desc *d,
				const struct nlattr *attr)
{
	uint16_t len = mnl_attr_get_payload_len(attr);
	const char *s = mnl_attr_get_payload(attr);
	size_t slen;

	if (!len || s[len - 1] != '\0')
		return ktlsctl_bad(p, d, "length %u, not NUL-terminated", len);
	slen = strlen(s);
	if (d->max_len && slen > d->max_len)
		return ktlsctl_bad(p, d, "string length %zu, max %u",
				   slen, d->max_len);
	return 0;
}

static int ktlsctl_check_binary(const struct ktlsctl_pctx *p,
				const struct ktlsctl_attr_desc *d,
				const struct nlattr *attr)
{
	uint16_t len = mnl_attr_get_payload_len(attr);

	if (d->exact_len && len != d->exact_len)
		return ktlsctl_bad(p, d, "length %u, want %u",
				   len, d->exact_len);
	if (d->min_len && len < d->min_len)
		return ktlsctl_bad(p, d, "length %u, min %u",
				   len, d->min_len);
	if (d->max_len && len > d->max_len)
		return ktlsctl_bad(p, d, "length %u, max %u",
				   len, d->max_len);
	return 0;
}

static int ktlsctl_check(const struct ktlsctl_pctx *p,
			 const struct ktlsctl_attr_desc *d,
			 const struct nlattr *attr)
{
	uint16_t len = mnl_attr_get_payload_len(attr);
	int want = ktlsctl_kind_len(d->kind);

	if (want >= 0 && len != want)
		return ktlsctl_bad(p, d, "length %u, want %d", len, want);
	if (ktlsctl_is_int(d->kind))
		return ktlsctl_check_int(p, d, attr);
	switch (d->kind) {
	case KTLSCTL_KIND_STRING:
		return ktlsctl_check_string(p, d, attr);
	case KTLSCTL_KIND_BINARY:
		return ktlsctl_check_binary(p, d, attr);
	default:
		return 0;	/* flag, nest (checked when parsed) */
	}
}

static int ktlsctl_parse_attrs(struct ktlsctl_sock *sock, const void *payload,
			       size_t len, const struct ktlsctl_attr_set *set,
			       const struct nlattr **tb)
{
	struct ktlsctl_pctx p = { .sock = sock, .set = set };
	const struct ktlsctl_attr_desc *d;
	const struct nlattr *attr;
	uint16_t type;
	size_t off;
	int err;

	memset(tb, 0, sizeof(*tb) * (set->max + 1));
	mnl_attr_for_each_payload(payload, len) {
		type = mnl_attr_get_type(attr);
		if (!type || type > set->max)
			continue;
		d = &set->attrs[type];
		if (d->kind == KTLSCTL_KIND_UNUSED ||
		    d->kind == KTLSCTL_KIND_PAD)
			continue;
		err = ktlsctl_check(&p, d, attr);
		if (err)
			return err;
		tb[type] = attr;
	}
	off = (size_t)((const char *)attr - (const char *)payload);
	if (off < len) {
		ktlsctl_set_error(sock,
				  "invalid attributes of %s: truncated at offset %zu",
				  set->name, off);
		return -EINVAL;
	}
	return 0;
}

int ktlsctl_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
		  const struct ktlsctl_attr_set *set, const struct nlattr **tb)
{
	const void *attrs;
	size_t len;

	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + GENL_HDRLEN) {
		memset(tb, 0, sizeof(*tb) * (set->max + 1));
		ktlsctl_set_error(sock, "invalid %s message: too short",
				  set->name);
		return -EINVAL;
	}
	len = nlh->nlmsg_len - MNL_NLMSG_HDRLEN - GENL_HDRLEN;
	attrs = mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN);
	return ktlsctl_parse_attrs(sock, attrs, len, set, tb);
}

int ktlsctl_parse_nested(struct ktlsctl_sock *sock, const struct nlattr *nest,
			 const struct ktlsctl_attr_set *set,
			 const struct nlattr **tb)
{
	return ktlsctl_parse_attrs(sock, mnl_attr_get_payload(nest),
				   mnl_attr_get_payload_len(nest), set, tb);
}

void ktlsctl_attr_strcpy(char *dst, size_t size, const struct nlattr *attr)
{
	size_t len = strnlen(mnl_attr_get_str(attr),
			     mnl_attr_get_payload_len(attr));

	if (len >= size)
		len = size - 1;
	memcpy(dst, mnl_attr_get_str(attr), len);
	dst[len] = '\0';
}

int ktlsctl_addr_parse(struct ktlsctl_sock *sock, const struct nlattr *nest,
		       struct ktlsctl_addr_sel *a)
{
	const struct nlattr *tb[KTLSCTL_A_ADDR_MAX + 1];
	size_t len;
	int err;

	err = ktlsctl_parse_nested(sock, nest, &ktlsctl_addr_set, tb);
	if (err)
		return err;
	a->present = true;
	if (tb[KTLSCTL_A_ADDR_ADDR]) {
		len = mnl_attr_get_payload_len(tb[KTLSCTL_A_ADDR_ADDR]);
		if (len != 4 && len != 16) {
			ktlsctl_set_error(sock, "address of %zu bytes", len);
			return -EINVAL;
		}
		memcpy(a->addr, mnl_attr_get_payload(tb[KTLSCTL_A_ADDR_ADDR]),
		       len);
		a->addr_len = len;
	}
	if (tb[KTLSCTL_A_ADDR_PREFIX_LEN])
		a->prefix_len = mnl_attr_get_u8(tb[KTLSCTL_A_ADDR_PREFIX_LEN]);
	if (tb[KTLSCTL_A_ADDR_PORT])
		a->port = ntohs(mnl_attr_get_u16(tb[KTLSCTL_A_ADDR_PORT]));
	return 0;
}
