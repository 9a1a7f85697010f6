/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What listings show of a certificate, as text (x509-text.c): names,
 * escaped strings, IPv6 addresses. Private to x509.c.
 */
#ifndef _KTLSCTL_X509_TEXT_H
#define _KTLSCTL_X509_TEXT_H

#include <linux/types.h>

#include "der.h"

#define DER_UNIVERSAL_STRING	0x1c
#define DER_BMP_STRING		0x1e

/* A string of at most KTLSCTL_X509_MAX_STR bytes; the first piece that
 * does not fit ends it.
 */
struct x509_str {
	char *buf;
	size_t len;
	bool full;
};

int ktlsctl_x509_str_init(struct x509_str *s);
void ktlsctl_x509_str_put(struct x509_str *s, const char *p, size_t n);
void ktlsctl_x509_str_esc(struct x509_str *s, const u8 *p, size_t n);
void ktlsctl_x509_str_ip6(struct x509_str *s, const u8 *a);
bool ktlsctl_x509_oid_ok(const struct ktlsctl_der *oid);
int ktlsctl_x509_name(const struct ktlsctl_der *name, struct x509_str *s);

#endif /* _KTLSCTL_X509_TEXT_H */
