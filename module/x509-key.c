// SPDX-License-Identifier: GPL-2.0
/*
 * Does a private key belong to a certificate? The key's public half is
 * compared with the certificate's SubjectPublicKeyInfo: an RSA key's
 * modulus and public exponent, an EC key's named curve and public point
 * (which SEC1 keys carry beside the secret scalar). Nothing is computed
 * from the secret, and a decoded PEM key is wiped before it is freed.
 *
 * Formats: PKCS#8 PrivateKeyInfo ("PRIVATE KEY"), PKCS#1 RSAPrivateKey
 * ("RSA PRIVATE KEY"), SEC1 ECPrivateKey ("EC PRIVATE KEY", after which
 * OpenSSL may put an "EC PARAMETERS" block), as PEM or DER.
 */
#include <linux/slab.h>
#include <net/netlink.h>

#include "der.h"
#include "x509.h"

enum pk_type {
	PK_OTHER,
	PK_RSA,
	PK_EC,
	PK_ED25519,
	PK_ED448,
	PK_X25519,
	PK_X448,
	PK_DSA,
};

enum pk_format {
	PK_BAD,
	PK_ANY,	/* DER: whichever it is */
	PK_PKCS8,
	PK_PKCS1,
	PK_SEC1,
	PK_ENCRYPTED,
};

/* The public half of a key, as windows on its DER. */
struct pk_pub {
	enum pk_type type;
	struct ktlsctl_der n, e;	/* RSA: INTEGER contents */
	struct ktlsctl_der curve;	/* EC: the named curve's OID contents */
	struct ktlsctl_der point;	/* EC: BIT STRING contents */
};

static const struct {
	u8 oid[9];
	u8 len;
	enum pk_type type;
} key_algs[] = {
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 }, 9, PK_RSA },
	/* id-RSASSA-PSS: an RSA key restricted to PSS */
	{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a }, 9, PK_RSA },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 }, 7, PK_EC },
	{ { 0x2b, 0x65, 0x70 }, 3, PK_ED25519 },
	{ { 0x2b, 0x65, 0x71 }, 3, PK_ED448 },
	{ { 0x2b, 0x65, 0x6e }, 3, PK_X25519 },
	{ { 0x2b, 0x65, 0x6f }, 3, PK_X448 },
	{ { 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01 }, 7, PK_DSA },
};

static enum pk_type key_alg(const struct ktlsctl_der *oid)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(key_algs); i++)
		if (ktlsctl_der_is(oid, key_algs[i].oid, key_algs[i].len))
			return key_algs[i].type;
	return PK_OTHER;
}

/* Says which key type is not supported. */
static int key_unsupported(enum pk_type type, struct netlink_ext_ack *extack)
{
	switch (type) {
	case PK_ED25519:
		NL_SET_ERR_MSG_MOD(extack, "Ed25519 keys are not supported");
		break;
	case PK_ED448:
		NL_SET_ERR_MSG_MOD(extack, "Ed448 keys are not supported");
		break;
	case PK_X25519:
		NL_SET_ERR_MSG_MOD(extack, "X25519 keys are not supported");
		break;
	case PK_X448:
		NL_SET_ERR_MSG_MOD(extack, "X448 keys are not supported");
		break;
	case PK_DSA:
		NL_SET_ERR_MSG_MOD(extack, "DSA keys are not supported");
		break;
	default:
		NL_SET_ERR_MSG_MOD(extack,
				   "unsupported private key type (RSA and EC are)");
		break;
	}
	return -EINVAL;
}

/* Takes an INTEGER with contents off @d. */
static int key_int(struct ktlsctl_der *d, struct ktlsctl_der *val)
{
	return ktlsctl_der_take(d, DER_INTEGER, val) || !val->len ? -EINVAL : 0;
}

/* Equal as unsigned numbers: leading zero bytes do not count. */
static bool key_int_eq(const struct ktlsctl_der *a, const struct ktlsctl_der *b)
{
	struct ktlsctl_der x = *a, y = *b;

	while (x.len > 1 && !x.p[0]) {
		x.p++;
		x.len--;
	}
	while (y.len > 1 && !y.p[0]) {
		y.p++;
		y.len--;
	}
	return x.len == y.len && !memcmp(x.p, y.p, x.len);
}

/* ECParameters (whole): a named curve, the only kind supported. */
static int key_curve(const struct ktlsctl_der *params, struct ktlsctl_der *curve,
		     struct netlink_ext_ack *extack)
{
	if (!ktlsctl_der_one(params, DER_OID, curve) && curve->len)
		return 0;
	if (ktlsctl_der_peek(params) == DER_SEQ)
		NL_SET_ERR_MSG_MOD(extack,
				   "EC keys with explicit curve parameters are not supported");
	else
		NL_SET_ERR_MSG_MOD(extack, "malformed EC private key");
	return -EINVAL;
}

/* RSAPrivateKey: version, n, e, d, p, q, dp, dq, qinv, otherPrimeInfos. */
static int key_pkcs1(const struct ktlsctl_der *der, struct pk_pub *k)
{
	struct ktlsctl_der seq, v;
	int i;

	if (ktlsctl_der_one(der, DER_SEQ, &seq) || key_int(&seq, &v) ||
	    key_int(&seq, &k->n) || key_int(&seq, &k->e))
		return -EINVAL;
	for (i = 0; i < 6; i++)
		if (key_int(&seq, &v))
			return -EINVAL;
	if (ktlsctl_der_opt(&seq, DER_SEQ, &v) < 0 || seq.len)
		return -EINVAL;
	k->type = PK_RSA;
	return 0;
}

/*
 * ECPrivateKey: version 1, privateKey, [0] parameters, [1] publicKey.
 * @k->curve may already hold the curve PKCS#8 named.
 */
static int key_sec1(const struct ktlsctl_der *der, struct pk_pub *k,
		    struct netlink_ext_ack *extack)
{
	struct ktlsctl_der seq, v, curve = {};
	int ret;

	if (ktlsctl_der_one(der, DER_SEQ, &seq) || key_int(&seq, &v) ||
	    v.len != 1 || v.p[0] != 1 ||
	    ktlsctl_der_take(&seq, DER_OCTET_STRING, &v))
		goto bad;
	ret = ktlsctl_der_opt(&seq, DER_CTX_CONS(0), &v);
	if (ret < 0)
		goto bad;
	if (ret && key_curve(&v, &curve, extack))
		return -EINVAL;
	ret = ktlsctl_der_opt(&seq, DER_CTX_CONS(1), &v);
	if (ret < 0 || seq.len ||
	    (ret && (ktlsctl_der_bits(&v, &k->point) || v.len)))
		goto bad;
	if (!k->curve.len)
		k->curve = curve;
	else if (curve.len && !ktlsctl_der_is(&curve, k->curve.p, k->curve.len))
		goto bad;
	if (!k->curve.len) {
		NL_SET_ERR_MSG_MOD(extack, "EC private key names no curve");
		return -EINVAL;
	}
	if (!ret) {
		NL_SET_ERR_MSG_MOD(extack,
				   "EC private key without its public key is not supported");
		return -EINVAL;
	}
	k->type = PK_EC;
	return 0;

bad:
	NL_SET_ERR_MSG_MOD(extack, "malformed EC private key");
	return -EINVAL;
}

/* PrivateKeyInfo / OneAsymmetricKey (RFC 5958). */
static int key_pkcs8(const struct ktlsctl_der *der, struct pk_pub *k,
		     struct netlink_ext_ack *extack)
{
	struct ktlsctl_der seq, v, oid, params, priv;
	enum pk_type type;

	if (ktlsctl_der_one(der, DER_SEQ, &seq) || key_int(&seq, &v) ||
	    v.len != 1 || v.p[0] > 1 ||
	    ktlsctl_der_alg(&seq, &oid, &params) ||
	    ktlsctl_der_take(&seq, DER_OCTET_STRING, &priv) ||
	    ktlsctl_der_opt(&seq, DER_CTX_CONS(0), &v) < 0 ||
	    ktlsctl_der_opt(&seq, DER_CTX(1), &v) < 0 || seq.len)
		goto bad;
	type = key_alg(&oid);
	switch (type) {
	case PK_RSA:
		if (key_pkcs1(&priv, k))
			goto bad;
		return 0;
	case PK_EC:
		if (key_curve(&params, &k->curve, extack))
			return -EINVAL;
		return key_sec1(&priv, k, extack);
	default:
		return key_unsupported(type, extack);
	}

bad:
	NL_SET_ERR_MSG_MOD(extack, "malformed private key");
	return -EINVAL;
}

/* Which format a DER key is in, by its first elements. */
static enum pk_format key_detect(const struct ktlsctl_der *der)
{
	struct ktlsctl_der seq, v;

	if (ktlsctl_der_one(der, DER_SEQ, &seq))
		return PK_BAD;
	/* EncryptedPrivateKeyInfo: algorithm, encryptedData */
	if (!ktlsctl_der_take(&seq, DER_SEQ, &v))
		return !ktlsctl_der_take(&seq, DER_OCTET_STRING, &v) &&
		       !seq.len ? PK_ENCRYPTED : PK_BAD;
	if (ktlsctl_der_take(&seq, DER_INTEGER, &v))
		return PK_BAD;
	switch (ktlsctl_der_peek(&seq)) {
	case DER_SEQ:
		return PK_PKCS8;
	case DER_INTEGER:
		return PK_PKCS1;
	case DER_OCTET_STRING:
		return PK_SEC1;
	default:
		return PK_BAD;
	}
}

/*
 * Finds the key in a PEM or DER blob: *@buf is NULL (@der points into
 * @data) or the decoded PEM block, for the caller to kfree_sensitive().
 */
static int key_load(const u8 *data, size_t len, struct ktlsctl_der *der,
		    enum pk_format *fmt, u8 **buf,
		    struct netlink_ext_ack *extack)
{
	struct ktlsctl_der in = { data, len };
	struct ktlsctl_pem blk;
	enum pk_format f;
	int err;

	*buf = NULL;
	*fmt = PK_ANY;
	der->p = data;
	der->len = len;
	if (!ktlsctl_pem_text(data, len))
		return 0;
	while ((err = ktlsctl_pem_next(&in, &blk, extack)) > 0) {
		if (ktlsctl_pem_is(&blk, "EC PARAMETERS"))
			continue;
		if (ktlsctl_pem_is(&blk, "ENCRYPTED PRIVATE KEY") ||
		    ktlsctl_pem_has(&blk, "Proc-Type:")) {
			NL_SET_ERR_MSG_MOD(extack,
					   "encrypted private keys are not supported");
			err = -EINVAL;
			break;
		}
		if (ktlsctl_pem_is(&blk, "PRIVATE KEY")) {
			f = PK_PKCS8;
		} else if (ktlsctl_pem_is(&blk, "RSA PRIVATE KEY")) {
			f = PK_PKCS1;
		} else if (ktlsctl_pem_is(&blk, "EC PRIVATE KEY")) {
			f = PK_SEC1;
		} else {
			NL_SET_ERR_MSG_MOD(extack, "PEM block is not a private key");
			err = -EINVAL;
			break;
		}
		if (*buf) {
			NL_SET_ERR_MSG_MOD(extack, "more than one private key");
			err = -EINVAL;
			break;
		}
		err = ktlsctl_pem_decode(&blk, buf, &der->len, extack);
		if (err)
			break;
		der->p = *buf;
		*fmt = f;
	}
	if (!err && !*buf) {
		NL_SET_ERR_MSG_MOD(extack, "no private key found");
		err = -EINVAL;
	}
	if (err) {
		kfree_sensitive(*buf);
		*buf = NULL;
	}
	return err;
}

/* The certificate's SubjectPublicKeyInfo; types we do not know are kept
 * as PK_OTHER, which matches no private key.
 */
static int key_spki(const u8 *data, size_t len, struct pk_pub *k,
		    struct netlink_ext_ack *extack)
{
	struct ktlsctl_der der = { data, len }, seq, oid, params, bits, rsa;

	if (ktlsctl_der_one(&der, DER_SEQ, &seq) ||
	    ktlsctl_der_alg(&seq, &oid, &params) ||
	    ktlsctl_der_bits(&seq, &bits) || seq.len)
		goto bad;
	k->type = key_alg(&oid);
	if (k->type == PK_RSA) {
		/* RSAPublicKey, a whole number of bytes */
		bits.p++;
		bits.len--;
		if (bits.p[-1] || ktlsctl_der_one(&bits, DER_SEQ, &rsa) ||
		    key_int(&rsa, &k->n) || key_int(&rsa, &k->e) || rsa.len)
			goto bad;
	} else if (k->type == PK_EC) {
		if (ktlsctl_der_one(&params, DER_OID, &k->curve))
			k->type = PK_OTHER;
		k->point = bits;
	}
	return 0;

bad:
	NL_SET_ERR_MSG_MOD(extack, "malformed public key in certificate");
	return -EINVAL;
}

static bool key_eq(const struct pk_pub *a, const struct pk_pub *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == PK_RSA)
		return key_int_eq(&a->n, &b->n) && key_int_eq(&a->e, &b->e);
	return a->type == PK_EC &&
	       ktlsctl_der_is(&a->curve, b->curve.p, b->curve.len) &&
	       ktlsctl_der_is(&a->point, b->point.p, b->point.len);
}

/**
 * ktlsctl_x509_key_match() - does a private key belong to a certificate?
 * @key: the private key: PEM ("PRIVATE KEY", "RSA PRIVATE KEY", or "EC
 *	PRIVATE KEY" with an optional "EC PARAMETERS" block) or DER (PKCS#8,
 *	PKCS#1 or SEC1)
 * @key_len: its length
 * @spki: the certificate's SubjectPublicKeyInfo DER
 *	(&ktlsctl_x509_info.spki)
 * @spki_len: its length
 * @extack: netlink extended ack for the error message
 *
 * RSA keys match on modulus and public exponent, EC keys on named curve
 * and public point. The decoded key is wiped before it is freed.
 *
 * Return:
 * * 0 - the key belongs to the certificate
 * * -EKEYREJECTED - it does not ("private key does not match the
 *   certificate")
 * * -EINVAL - malformed key or public key, an encrypted key, an EC key
 *   without its public key or with explicit curve parameters, or a key
 *   type other than RSA and EC (with a message saying which)
 * * -ENOMEM - out of memory
 */
int ktlsctl_x509_key_match(const u8 *key, size_t key_len,
			   const u8 *spki, size_t spki_len,
			   struct netlink_ext_ack *extack)
{
	struct pk_pub priv = {}, pub = {};
	enum pk_format fmt, found;
	struct ktlsctl_der der;
	u8 *buf;
	int err;

	err = key_load(key, key_len, &der, &fmt, &buf, extack);
	if (err)
		return err;
	found = key_detect(&der);
	if (found == PK_ENCRYPTED) {
		NL_SET_ERR_MSG_MOD(extack, "encrypted private keys are not supported");
		err = -EINVAL;
	} else if (found == PK_BAD || (fmt != PK_ANY && fmt != found)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "not a private key (PKCS#8, PKCS#1 or SEC1)");
		err = -EINVAL;
	} else if (found == PK_PKCS8) {
		err = key_pkcs8(&der, &priv, extack);
	} else if (found == PK_SEC1) {
		err = key_sec1(&der, &priv, extack);
	} else if (key_pkcs1(&der, &priv)) {
		NL_SET_ERR_MSG_MOD(extack, "malformed RSA private key");
		err = -EINVAL;
	}
	if (!err)
		err = key_spki(spki, spki_len, &pub, extack);
	if (!err && !key_eq(&priv, &pub)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "private key does not match the certificate");
		err = -EKEYREJECTED;
	}
	kfree_sensitive(buf);
	return err;
}
