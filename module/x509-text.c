// SPDX-License-Identifier: GPL-2.0
/*
 * The text of a certificate's listing: a Name rendered as "CN=a, O=b",
 * strings escaped and capped at KTLSCTL_X509_MAX_STR bytes, object
 * identifiers in dotted decimal, IPv6 addresses in RFC 5952 form. Used by
 * x509.c; built the same way in user space by the unit test.
 */
#include <linux/slab.h>
#include <linux/string.h>

#include "x509.h"
#include "x509-text.h"

static const struct {
	u8 oid[9];
	u8 len;
	const char *name;
} x509_attrs[] = {
	{ { 0x55, 0x04, 0x03 }, 3, "CN" },
	{ { 0x55, 0x04, 0x0a }, 3, "O" },
	{ { 0x55, 0x04, 0x0b }, 3, "OU" },
	{ { 0x55, 0x04, 0x06 }, 3, "C" },
	{ { 0x55, 0x04, 0x08 }, 3, "ST" },
	{ { 0x55, 0x04, 0x07 }, 3, "L" },
	{ { 0x55, 0x04, 0x05 }, 3, "serialNumber" },
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01 }, 9,
	  "emailAddress" },
};

int ktlsctl_x509_str_init(struct x509_str *s)
{
	s->buf = kmalloc(KTLSCTL_X509_MAX_STR + 1, GFP_KERNEL);
	if (!s->buf)
		return -ENOMEM;
	s->buf[0] = '\0';
	s->len = 0;
	s->full = false;
	return 0;
}

void ktlsctl_x509_str_put(struct x509_str *s, const char *p, size_t n)
{
	if (s->full || n > KTLSCTL_X509_MAX_STR - s->len) {
		s->full = true;
		return;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

static void str_u64(struct x509_str *s, u64 v)
{
	char tmp[24];

	ktlsctl_x509_str_put(s, tmp, snprintf(tmp, sizeof(tmp), "%llu", v));
}

/* Printable ASCII as it is; any other byte, and '\', as \xNN. */
void ktlsctl_x509_str_esc(struct x509_str *s, const u8 *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char esc[4] = { '\\', 'x' };
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\') {
			ktlsctl_x509_str_put(s, (const char *)p + i, 1);
			continue;
		}
		esc[2] = hex[p[i] >> 4];
		esc[3] = hex[p[i] & 0xf];
		ktlsctl_x509_str_put(s, esc, sizeof(esc));
	}
}

/* RFC 5952: the longest run of two or more zero groups (the first of
 * equals) becomes "::".
 */
void ktlsctl_x509_str_ip6(struct x509_str *s, const u8 *a)
{
	int best = -1, best_len = 1, i, j;
	char tmp[8];
	u16 w[8];

	for (i = 0; i < 8; i++)
		w[i] = a[2 * i] << 8 | a[2 * i + 1];
	for (i = 0; i < 8; i = j + 1) {
		for (j = i; j < 8 && !w[j]; j++)
			;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
	}
	for (i = 0; i < 8; i++) {
		if (i == best) {
			ktlsctl_x509_str_put(s, "::", 2);
			i += best_len - 1;
			continue;
		}
		if (i && i != best + best_len)
			ktlsctl_x509_str_put(s, ":", 1);
		ktlsctl_x509_str_put(s, tmp, snprintf(tmp, sizeof(tmp), "%x", w[i]));
	}
}

/* Every subidentifier ends, and fits in 63 bits. */
bool ktlsctl_x509_oid_ok(const struct ktlsctl_der *oid)
{
	size_t i, run = 0;

	if (!oid->len || oid->p[oid->len - 1] & 0x80)
		return false;
	for (i = 0; i < oid->len; i++) {
		run = oid->p[i] & 0x80 ? run + 1 : 0;
		if (run > 8)
			return false;
	}
	return true;
}

/* Dotted decimal; the first subidentifier holds the first two arcs. */
static void str_oid(struct x509_str *s, const struct ktlsctl_der *oid)
{
	u64 arc = 0, top;
	bool first = true;
	size_t i;

	for (i = 0; i < oid->len; i++) {
		arc = arc << 7 | (oid->p[i] & 0x7f);
		if (oid->p[i] & 0x80)
			continue;
		if (first) {
			top = arc < 80 ? arc / 40 : 2;
			str_u64(s, top);
			arc -= top * 40;
			first = false;
		}
		ktlsctl_x509_str_put(s, ".", 1);
		str_u64(s, arc);
		arc = 0;
	}
}

/*
 * Checks a Name (SEQUENCE OF SET OF {type, value}) and, with @s, renders
 * it: "CN=a, O=b", a multi-valued RDN joined with " + ".
 */
int ktlsctl_x509_name(const struct ktlsctl_der *name, struct x509_str *s)
{
	struct ktlsctl_der rdns = *name, rdn, ava, oid, val;
	const char *sep = "";
	size_t i, width;
	u8 tag;

	while (rdns.len) {
		if (ktlsctl_der_take(&rdns, DER_SET, &rdn) || !rdn.len)
			return -EINVAL;
		while (rdn.len) {
			if (ktlsctl_der_take(&rdn, DER_SEQ, &ava) ||
			    ktlsctl_der_take(&ava, DER_OID, &oid) ||
			    !ktlsctl_x509_oid_ok(&oid) ||
			    ktlsctl_der_next(&ava, &tag, &val) || ava.len)
				return -EINVAL;
			width = tag == DER_BMP_STRING ? 2 :
				tag == DER_UNIVERSAL_STRING ? 4 : 1;
			if (val.len % width)
				return -EINVAL;
			if (!s)
				continue;

			ktlsctl_x509_str_put(s, sep, strlen(sep));
			sep = rdn.len ? " + " : ", ";
			for (i = 0; i < ARRAY_SIZE(x509_attrs); i++)
				if (ktlsctl_der_is(&oid, x509_attrs[i].oid,
						   x509_attrs[i].len))
					break;
			if (i < ARRAY_SIZE(x509_attrs))
				ktlsctl_x509_str_put(s, x509_attrs[i].name,
						     strlen(x509_attrs[i].name));
			else
				str_oid(s, &oid);
			ktlsctl_x509_str_put(s, "=", 1);
			if (width == 1)
				ktlsctl_x509_str_esc(s, val.p, val.len);
			for (i = 0; width > 1 && i < val.len; i += width)
				ktlsctl_x509_str_put(s, "?", 1);
		}
	}
	return 0;
}
