// SPDX-License-Identifier: GPL-2.0
/*
 * Certificates and CRLs as operators add them to the credential store: a
 * structure check of every certificate or CRL in a PEM (pem.c) or DER
 * blob, and the listing summary of a chain's leaf (subject, SANs,
 * notAfter, SHA-256 fingerprint, SubjectPublicKeyInfo).
 *
 * Every element is taken off a bounded window (der.h), and every string
 * that reaches a listing is escaped and capped. Nothing is verified here:
 * signatures, chains and validity dates are the TLS library's business,
 * in the daemon.
 */
#include <crypto/sha2.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <net/netlink.h>

#include "der.h"
#include "x509.h"
#include "x509-text.h"

static const u8 x509_oid_san[] = { 0x55, 0x1d, 0x11 };

static unsigned int x509_dd(const u8 *p)
{
	return (p[0] - '0') * 10 + p[1] - '0';
}

/* Takes a Time off @d: UTCTime YYMMDDHHMMSSZ or GeneralizedTime
 * YYYYMMDDHHMMSSZ, as RFC 5280 has them.
 */
static int x509_time(struct ktlsctl_der *d, time64_t *t)
{
	unsigned int year, f[5], i, n;
	struct ktlsctl_der v;
	u8 tag;

	if (ktlsctl_der_next(d, &tag, &v))
		return -EINVAL;
	if (tag == DER_UTC_TIME && v.len == 13)
		n = 2;
	else if (tag == DER_GEN_TIME && v.len == 15)
		n = 4;
	else
		return -EINVAL;
	if (v.p[v.len - 1] != 'Z')
		return -EINVAL;
	for (i = 0; i < v.len - 1; i++)
		if (v.p[i] < '0' || v.p[i] > '9')
			return -EINVAL;
	year = x509_dd(v.p);
	if (n == 4)
		year = year * 100 + x509_dd(v.p + 2);
	else
		year += year < 50 ? 2000 : 1900;
	for (i = 0; i < 5; i++)
		f[i] = x509_dd(v.p + n + 2 * i);
	if (!year || f[0] < 1 || f[0] > 12 || f[1] < 1 || f[1] > 31 ||
	    f[2] > 23 || f[3] > 59 || f[4] > 60)
		return -EINVAL;
	*t = mktime64(year, f[0], f[1], f[2], f[3], f[4]);
	return 0;
}

static int x509_san(struct ktlsctl_x509_info *info, u8 tag,
		    const struct ktlsctl_der *v)
{
	struct x509_str s;
	const char *kind;
	char tmp[16];

	switch (tag) {
	case DER_CTX(1):
		kind = "email:";
		break;
	case DER_CTX(2):
		kind = "DNS:";
		break;
	case DER_CTX(6):
		kind = "URI:";
		break;
	case DER_CTX(7):
		if (v->len != 4 && v->len != 16)
			return 0;
		kind = "IP:";
		break;
	default:
		return 0;
	}
	if (ktlsctl_x509_str_init(&s))
		return -ENOMEM;
	ktlsctl_x509_str_put(&s, kind, strlen(kind));
	if (tag != DER_CTX(7))
		ktlsctl_x509_str_esc(&s, v->p, v->len);
	else if (v->len == 16)
		ktlsctl_x509_str_ip6(&s, v->p);
	else
		ktlsctl_x509_str_put(&s, tmp,
				     snprintf(tmp, sizeof(tmp), "%u.%u.%u.%u",
					      v->p[0], v->p[1], v->p[2],
					      v->p[3]));
	info->sans[info->num_sans++] = s.buf;
	return 0;
}

/* GeneralNames; with @info, the first KTLSCTL_X509_MAX_SANS we list. */
static int x509_sans(const struct ktlsctl_der *octets,
		     struct ktlsctl_x509_info *info)
{
	struct ktlsctl_der names, name;
	int err;
	u8 tag;

	if (ktlsctl_der_one(octets, DER_SEQ, &names))
		return -EINVAL;
	while (names.len) {
		if (ktlsctl_der_next(&names, &tag, &name))
			return -EINVAL;
		if (!info || info->num_sans == KTLSCTL_X509_MAX_SANS)
			continue;
		err = x509_san(info, tag, &name);
		if (err)
			return err;
	}
	return 0;
}

/* The contents of [3] (certificates) or [0] (CRLs): Extensions. */
static int x509_exts(const struct ktlsctl_der *wrap,
		     struct ktlsctl_x509_info *info)
{
	struct ktlsctl_der exts, ext, oid, val;
	int err;

	if (ktlsctl_der_one(wrap, DER_SEQ, &exts) || !exts.len)
		return -EINVAL;
	while (exts.len) {
		if (ktlsctl_der_take(&exts, DER_SEQ, &ext) ||
		    ktlsctl_der_take(&ext, DER_OID, &oid) || !ktlsctl_x509_oid_ok(&oid))
			return -EINVAL;
		err = ktlsctl_der_opt(&ext, DER_BOOLEAN, &val);
		if (err < 0 || (err && val.len != 1) ||
		    ktlsctl_der_take(&ext, DER_OCTET_STRING, &val) || ext.len)
			return -EINVAL;
		if (DER_IS(&oid, x509_oid_san)) {
			err = x509_sans(&val, info);
			if (err)
				return err;
		}
	}
	return 0;
}

/*
 * One Certificate: @raw whole, @crt its contents. With @info (the leaf),
 * fills the listing fields.
 */
static int x509_cert(const struct ktlsctl_der *raw,
		     const struct ktlsctl_der *crt,
		     struct ktlsctl_x509_info *info,
		     struct netlink_ext_ack *extack)
{
	struct ktlsctl_der c = *crt, tbs, v, w, oid, params, subject, spki;
	struct x509_str s;
	time64_t not_after;
	int err;

	if (ktlsctl_der_take(&c, DER_SEQ, &tbs) ||
	    ktlsctl_der_alg(&c, &oid, &params) ||
	    ktlsctl_der_bits(&c, &v) || c.len)
		goto bad;
	err = ktlsctl_der_opt(&tbs, DER_CTX_CONS(0), &v);
	if (err < 0 || (err && ktlsctl_der_one(&v, DER_INTEGER, &w)))
		goto bad;
	if (ktlsctl_der_take(&tbs, DER_INTEGER, &v) || !v.len ||
	    ktlsctl_der_alg(&tbs, &oid, &params) ||
	    ktlsctl_der_take(&tbs, DER_SEQ, &v))
		goto bad;
	if (ktlsctl_x509_name(&v, NULL))
		goto bad_name;
	if (ktlsctl_der_take(&tbs, DER_SEQ, &v))
		goto bad;
	if (x509_time(&v, &not_after) || x509_time(&v, &not_after) || v.len)
		goto bad_time;
	if (ktlsctl_der_take(&tbs, DER_SEQ, &subject))
		goto bad;
	if (ktlsctl_x509_name(&subject, NULL))
		goto bad_name;
	spki = tbs;
	if (ktlsctl_der_take(&tbs, DER_SEQ, &v) ||
	    ktlsctl_der_alg(&v, &oid, &params) ||
	    ktlsctl_der_bits(&v, &w) || v.len)
		goto bad_spki;
	spki.len -= tbs.len;
	if (ktlsctl_der_opt(&tbs, DER_CTX(1), &v) < 0 ||
	    ktlsctl_der_opt(&tbs, DER_CTX(2), &v) < 0)
		goto bad;
	err = ktlsctl_der_opt(&tbs, DER_CTX_CONS(3), &v);
	if (err < 0 || tbs.len)
		goto bad;
	if (err) {
		err = x509_exts(&v, info);
		if (err == -ENOMEM)
			return err;
		if (err)
			goto bad_ext;
	}
	if (!info)
		return 0;

	if (ktlsctl_x509_str_init(&s))
		return -ENOMEM;
	info->subject = s.buf;
	ktlsctl_x509_name(&subject, &s);
	info->not_after = not_after;
	sha256(raw->p, raw->len, info->fingerprint);
	info->spki = kmemdup(spki.p, spki.len, GFP_KERNEL);
	if (!info->spki)
		return -ENOMEM;
	info->spki_len = spki.len;
	return 0;

bad:
	NL_SET_ERR_MSG_MOD(extack, "malformed certificate");
	return -EINVAL;
bad_name:
	NL_SET_ERR_MSG_MOD(extack, "malformed name in certificate");
	return -EINVAL;
bad_time:
	NL_SET_ERR_MSG_MOD(extack, "malformed validity in certificate");
	return -EINVAL;
bad_spki:
	NL_SET_ERR_MSG_MOD(extack, "malformed public key in certificate");
	return -EINVAL;
bad_ext:
	NL_SET_ERR_MSG_MOD(extack, "malformed extensions in certificate");
	return -EINVAL;
}

/* One CertificateList's contents (RFC 5280 5.1). */
static int x509_crl(const struct ktlsctl_der *crl,
		    struct netlink_ext_ack *extack)
{
	struct ktlsctl_der c = *crl, tbs, v, oid, params, list, entry;
	time64_t t;
	int err;
	u8 tag;

	if (ktlsctl_der_take(&c, DER_SEQ, &tbs) ||
	    ktlsctl_der_alg(&c, &oid, &params) ||
	    ktlsctl_der_bits(&c, &v) || c.len ||
	    ktlsctl_der_opt(&tbs, DER_INTEGER, &v) < 0 ||
	    ktlsctl_der_alg(&tbs, &oid, &params) ||
	    ktlsctl_der_take(&tbs, DER_SEQ, &v) || ktlsctl_x509_name(&v, NULL) ||
	    x509_time(&tbs, &t))
		goto bad;
	tag = ktlsctl_der_peek(&tbs);
	if ((tag == DER_UTC_TIME || tag == DER_GEN_TIME) && x509_time(&tbs, &t))
		goto bad;
	err = ktlsctl_der_opt(&tbs, DER_SEQ, &list);
	if (err < 0)
		goto bad;
	while (err && list.len) {
		if (ktlsctl_der_take(&list, DER_SEQ, &entry) ||
		    ktlsctl_der_take(&entry, DER_INTEGER, &v) || !v.len ||
		    x509_time(&entry, &t) ||
		    ktlsctl_der_opt(&entry, DER_SEQ, &v) < 0 || entry.len)
			goto bad;
	}
	err = ktlsctl_der_opt(&tbs, DER_CTX_CONS(0), &v);
	if (err < 0 || (err && x509_exts(&v, NULL)) || tbs.len)
		goto bad;
	return 0;

bad:
	NL_SET_ERR_MSG_MOD(extack, "malformed CRL");
	return -EINVAL;
}

/* Takes the @n-th object of a blob off @der and checks it. */
static int x509_one(struct ktlsctl_der *der, bool crl, unsigned int n,
		    struct ktlsctl_x509_info *info,
		    struct netlink_ext_ack *extack)
{
	struct ktlsctl_der obj, raw = *der;
	u8 tag;

	if (!crl && n == KTLSCTL_X509_MAX_CERTS) {
		NL_SET_ERR_MSG_MOD(extack, "more than 32 certificates");
		return -EINVAL;
	}
	if (ktlsctl_der_next(der, &tag, &obj) || tag != DER_SEQ) {
		if (crl)
			NL_SET_ERR_MSG_MOD(extack, "malformed CRL");
		else
			NL_SET_ERR_MSG_MOD(extack, "malformed certificate");
		return -EINVAL;
	}
	raw.len -= der->len;
	if (crl)
		return x509_crl(&obj, extack);
	return x509_cert(&raw, &obj, n ? NULL : info, extack);
}

/* Takes the next PEM block off @in and checks the object in it: 1, 0 at
 * the end of @in, or an error.
 */
static int x509_pem_one(struct ktlsctl_der *in, bool crl, unsigned int n,
			struct ktlsctl_x509_info *info,
			struct netlink_ext_ack *extack)
{
	struct ktlsctl_pem blk;
	struct ktlsctl_der der;
	u8 *buf;
	int err;

	err = ktlsctl_pem_next(in, &blk, extack);
	if (err <= 0)
		return err;
	if (!ktlsctl_pem_is(&blk, crl ? "X509 CRL" : "CERTIFICATE")) {
		if (crl)
			NL_SET_ERR_MSG_MOD(extack, "PEM block is not a CRL");
		else
			NL_SET_ERR_MSG_MOD(extack, "PEM block is not a certificate");
		return -EINVAL;
	}
	err = ktlsctl_pem_decode(&blk, &buf, &der.len, extack);
	if (err)
		return err;
	der.p = buf;
	err = x509_one(&der, crl, n, info, extack);
	if (!err && der.len) {
		NL_SET_ERR_MSG_MOD(extack, "trailing data in PEM block");
		err = -EINVAL;
	}
	kfree(buf);
	return err ? err : 1;
}

/* Every object of a PEM or DER blob; *@count set to how many. */
static int x509_blob(const u8 *data, size_t len, bool crl,
		     struct ktlsctl_x509_info *info, unsigned int *count,
		     struct netlink_ext_ack *extack)
{
	struct ktlsctl_der in = { data, len };
	unsigned int n = 0;
	int err;

	if (!ktlsctl_pem_text(data, len)) {
		for (; in.len; n++) {
			err = x509_one(&in, crl, n, info, extack);
			if (err)
				return err;
		}
	} else {
		do {
			err = x509_pem_one(&in, crl, n, info, extack);
			if (err < 0)
				return err;
			n += err;
		} while (err);
	}
	if (!n) {
		if (crl)
			NL_SET_ERR_MSG_MOD(extack, "no CRL found");
		else
			NL_SET_ERR_MSG_MOD(extack, "no certificate found");
		return -EINVAL;
	}
	*count = n;
	return 0;
}

/**
 * ktlsctl_x509_parse() - check a certificate chain and summarize its leaf
 * @data: PEM ("CERTIFICATE" blocks, text between them allowed) or DER
 *	(Certificates one after the other)
 * @len: its length
 * @info: zeroed, then filled from the first certificate, and num_certs
 * @extack: netlink extended ack for the error message
 *
 * Every certificate must be well formed, with nothing trailing inside it.
 *
 * Return:
 * * 0 - @info filled; free it with ktlsctl_x509_info_free()
 * * -EINVAL - empty, malformed, a PEM block of another kind, or more than
 *   KTLSCTL_X509_MAX_CERTS certificates (with a message)
 * * -ENOMEM - out of memory
 *
 * On an error @info is left zeroed, nothing allocated.
 */
int ktlsctl_x509_parse(const u8 *data, size_t len,
		       struct ktlsctl_x509_info *info,
		       struct netlink_ext_ack *extack)
{
	int err;

	memset(info, 0, sizeof(*info));
	err = x509_blob(data, len, false, info, &info->num_certs, extack);
	if (err)
		ktlsctl_x509_info_free(info);
	return err;
}

/**
 * ktlsctl_x509_info_free() - free what ktlsctl_x509_parse() allocated
 * @info: filled, zeroed or already freed; left zeroed
 */
void ktlsctl_x509_info_free(struct ktlsctl_x509_info *info)
{
	unsigned int i;

	kfree(info->subject);
	for (i = 0; i < info->num_sans; i++)
		kfree(info->sans[i]);
	kfree(info->spki);
	memset(info, 0, sizeof(*info));
}

/**
 * ktlsctl_x509_check_crl() - check that a CRL blob is well formed
 * @data: PEM ("X509 CRL" blocks) or DER (CertificateLists one after the
 *	other)
 * @len: its length
 * @extack: netlink extended ack for the error message
 *
 * Return: 0, -EINVAL (empty, malformed or a PEM block of another kind,
 * with a message) or -ENOMEM.
 */
int ktlsctl_x509_check_crl(const u8 *data, size_t len,
			   struct netlink_ext_ack *extack)
{
	unsigned int n;

	return x509_blob(data, len, true, NULL, &n, extack);
}
