/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bounded DER walker and PEM framing, shared by x509.c (certificates and
 * CRLs) and x509-key.c (private keys). There is no ASN.1 compiler: every
 * element is taken off a window whose length was checked against what
 * remains of its parent, so nothing is read outside the caller's buffer.
 * Long-form lengths of up to four bytes are accepted; indefinite lengths,
 * high tag numbers and lengths beyond INT_MAX are not.
 */
#ifndef _KTLSCTL_DER_H
#define _KTLSCTL_DER_H

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

struct netlink_ext_ack;

#define DER_BOOLEAN	0x01
#define DER_INTEGER	0x02
#define DER_BIT_STRING	0x03
#define DER_OCTET_STRING 0x04
#define DER_OID		0x06
#define DER_UTC_TIME	0x17
#define DER_GEN_TIME	0x18
#define DER_SEQ		0x30
#define DER_SET		0x31
#define DER_CTX(n)	(0x80 | (n))	/* [n] IMPLICIT, primitive */
#define DER_CTX_CONS(n)	(0xa0 | (n))	/* [n], constructed */

/**
 * struct ktlsctl_der - a window on DER bytes
 * @p: its first byte
 * @len: its length
 */
struct ktlsctl_der {
	const u8 *p;
	size_t len;
};

/*
 * Takes the next element off @d: its tag into @tag, its contents into @val.
 * On an error @d is left as it was (so with _take() and _opt() below; the
 * others leave it anywhere).
 */
static inline int ktlsctl_der_next(struct ktlsctl_der *d, u8 *tag,
				   struct ktlsctl_der *val)
{
	size_t hdr = 2, vlen, i;

	if (d->len < 2 || (d->p[0] & 0x1f) == 0x1f)
		return -EINVAL;
	vlen = d->p[1];
	if (vlen & 0x80) {
		hdr += vlen & 0x7f;
		if (hdr == 2 || hdr > 6 || hdr > d->len)
			return -EINVAL;
		for (vlen = 0, i = 2; i < hdr; i++)
			vlen = vlen << 8 | d->p[i];
		if (vlen > INT_MAX)
			return -EINVAL;
	}
	if (vlen > d->len - hdr)
		return -EINVAL;
	*tag = d->p[0];
	val->p = d->p + hdr;
	val->len = vlen;
	d->p += hdr + vlen;
	d->len -= hdr + vlen;
	return 0;
}

/* The tag of the next element of @d, 0 at its end. */
static inline u8 ktlsctl_der_peek(const struct ktlsctl_der *d)
{
	return d->len ? d->p[0] : 0;
}

/* Takes the next element off @d; it must carry @tag. */
static inline int ktlsctl_der_take(struct ktlsctl_der *d, u8 tag,
				   struct ktlsctl_der *val)
{
	u8 t;

	if (ktlsctl_der_peek(d) != tag)
		return -EINVAL;
	return ktlsctl_der_next(d, &t, val);
}

/* Takes an optional element: 1 if it is there, 0 if not, or -EINVAL. */
static inline int ktlsctl_der_opt(struct ktlsctl_der *d, u8 tag,
				  struct ktlsctl_der *val)
{
	if (ktlsctl_der_peek(d) != tag)
		return 0;
	return ktlsctl_der_take(d, tag, val) ? -EINVAL : 1;
}

/* @d holds exactly one element, tagged @tag, and nothing after it. */
static inline int ktlsctl_der_one(const struct ktlsctl_der *d, u8 tag,
				  struct ktlsctl_der *val)
{
	struct ktlsctl_der rest = *d;

	if (ktlsctl_der_take(&rest, tag, val) || rest.len)
		return -EINVAL;
	return 0;
}

static inline bool ktlsctl_der_is(const struct ktlsctl_der *d, const u8 *p,
				  size_t len)
{
	return d->len == len && !memcmp(d->p, p, len);
}

/* Compares @d with a constant byte array, typically an OID's contents. */
#define DER_IS(d, arr)	ktlsctl_der_is(d, arr, sizeof(arr))

/*
 * Takes a BIT STRING off @d (its contents, the unused-bits byte first,
 * into @val).
 */
static inline int ktlsctl_der_bits(struct ktlsctl_der *d,
				   struct ktlsctl_der *val)
{
	if (ktlsctl_der_take(d, DER_BIT_STRING, val) || !val->len ||
	    val->p[0] > 7 || (val->len == 1 && val->p[0]))
		return -EINVAL;
	return 0;
}

/*
 * Takes an AlgorithmIdentifier off @d: the contents of its OID into @oid,
 * its parameters, whole (tag and length too; empty when absent), into
 * @params.
 */
static inline int ktlsctl_der_alg(struct ktlsctl_der *d,
				  struct ktlsctl_der *oid,
				  struct ktlsctl_der *params)
{
	struct ktlsctl_der alg, val;
	u8 tag;

	if (ktlsctl_der_take(d, DER_SEQ, &alg) ||
	    ktlsctl_der_take(&alg, DER_OID, oid) || !oid->len)
		return -EINVAL;
	*params = alg;
	if (alg.len && ktlsctl_der_next(&alg, &tag, &val))
		return -EINVAL;
	return alg.len ? -EINVAL : 0;
}

/**
 * struct ktlsctl_pem - one PEM block, within the caller's buffer
 * @label: what follows "-----BEGIN " (not NUL-terminated)
 * @label_len: its length
 * @body: everything between the BEGIN and END lines (headers and base64)
 * @body_len: its length
 */
struct ktlsctl_pem {
	const char *label;
	size_t label_len;
	const u8 *body;
	size_t body_len;
};

/* pem.c */
bool ktlsctl_pem_text(const u8 *data, size_t len);
int ktlsctl_pem_next(struct ktlsctl_der *in, struct ktlsctl_pem *blk,
		     struct netlink_ext_ack *extack);
bool ktlsctl_pem_is(const struct ktlsctl_pem *blk, const char *label);
bool ktlsctl_pem_has(const struct ktlsctl_pem *blk, const char *str);
int ktlsctl_pem_decode(const struct ktlsctl_pem *blk, u8 **der, size_t *len,
		       struct netlink_ext_ack *extack);

#endif /* _KTLSCTL_DER_H */
