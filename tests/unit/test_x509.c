// SPDX-License-Identifier: GPL-2.0
/*
 * The module's certificate, key and CRL inspector (module/x509.c,
 * x509-key.c, pem.c) in user space: built as it is against kshim/ (the
 * kernel headers it includes, on libc and libcrypto), with ASan and UBSan.
 * Fixtures come from the openssl command (x509-fixtures.sh), made afresh in
 * a temporary directory; the test skips (77) without openssl.
 *
 * Checked: the listing fields against what openssl says of the same
 * certificate (subject, each SAN, notAfter, SHA-256 fingerprint, SPKI),
 * chains in PEM, DER and PEM with text between blocks, the certificate
 * limit, key matches and mismatches in every format with their errno and
 * message, every truncation of valid input, random byte flips, malformed
 * PEM and base64, CRLs, objects of the wrong kind, allocation failures,
 * and that every rejection carries a message.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <net/netlink.h>

#include "check.h"
#include "der.h"
#include "x509.h"

long kshim_alloc_budget = -1;

static char dir[] = "/tmp/ktlsctl-x509.XXXXXX";

struct blob {
	u8 *data;
	size_t len;
};

/* A fixture, in a buffer of exactly its size (so ASan sees any overread). */
static struct blob load(const char *name)
{
	struct blob b = {};
	char path[256];
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(1);
	}
	b.len = n;
	b.data = malloc(b.len);
	if (!b.data || fread(b.data, 1, b.len, f) != b.len)
		exit(1);
	fclose(f);
	return b;
}

/* The first @len bytes of @b in a buffer of exactly that size. */
static u8 *prefix(const struct blob *b, size_t len)
{
	u8 *p = malloc(len ? len : 1);

	if (!p)
		exit(1);
	memcpy(p, b->data, len);
	return p;
}

static struct blob text(const char *s)
{
	struct blob b = { (u8 *)strdup(s), strlen(s) };

	return b;
}

/* The message of a rejection, checked to be there. */
static const char *msg_of(int ret, const struct netlink_ext_ack *ext)
{
	if (ret && ret != -ENOMEM && !ext->_msg) {
		fprintf(stderr, "error %d without an extack message\n", ret);
		check_failed++;
	}
	return ext->_msg ? ext->_msg : "";
}

static int parse(const struct blob *b, struct ktlsctl_x509_info *info,
		 const char **msg)
{
	static struct netlink_ext_ack ext;
	int ret;

	ext._msg = NULL;
	ret = ktlsctl_x509_parse(b->data, b->len, info, &ext);
	*msg = msg_of(ret, &ext);
	return ret;
}

static int key_match(const struct blob *key, const struct blob *spki,
		     const char **msg)
{
	static struct netlink_ext_ack ext;
	int ret;

	ext._msg = NULL;
	ret = ktlsctl_x509_key_match(key->data, key->len, spki->data,
				     spki->len, &ext);
	*msg = msg_of(ret, &ext);
	return ret;
}

static int check_crl(const struct blob *b, const char **msg)
{
	static struct netlink_ext_ack ext;
	int ret;

	ext._msg = NULL;
	ret = ktlsctl_x509_check_crl(b->data, b->len, &ext);
	*msg = msg_of(ret, &ext);
	return ret;
}

/*
 * A rejection with this errno and message; @call may use _m (the message)
 * and _i (an info to parse into).
 */
#define CHECK_ERR(call, err, text) do {					\
	const char *_m;							\
	struct ktlsctl_x509_info _i;					\
	int _r;								\
									\
	(void)_i;							\
	_r = (call);							\
	if (_r != (err) || strncmp(_m, "ktlsctl: ", 9) ||		\
	    strcmp(_m + 9, text)) {					\
		fprintf(stderr, "%s:%d: %s: %d \"%s\", expected %d \"%s\"\n", \
			__FILE__, __LINE__, #call, _r, _m, err, text);	\
		check_failed++;						\
	}								\
} while (0)

static time_t openssl_enddate(const char *name)
{
	char file[64], line[128];
	struct tm tm = {};
	struct blob b;

	snprintf(file, sizeof(file), "%s.enddate", name);
	b = load(file);
	snprintf(line, sizeof(line), "%.*s", (int)b.len, (char *)b.data);
	free(b.data);
	if (!strptime(line, "notAfter=%b %d %H:%M:%S %Y GMT", &tm))
		return -1;
	return timegm(&tm);
}

static void check_fingerprint(const char *name, const u8 *fp)
{
	char file[64], want[128], got[128];
	struct blob b;
	char *eq;
	int i;

	snprintf(file, sizeof(file), "%s.fingerprint", name);
	b = load(file);
	snprintf(want, sizeof(want), "%.*s", (int)b.len, (char *)b.data);
	free(b.data);
	want[strcspn(want, "\n")] = '\0';
	eq = strchr(want, '=');
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		sprintf(got + 3 * i, "%02X:", fp[i]);
	got[3 * SHA256_DIGEST_SIZE - 1] = '\0';
	CHECK_STR(eq ? eq + 1 : want, got);
}

/* Parses NAME.pem and NAME.der; checks against openssl and @sans. */
static void check_cert(const char *name, const char *subject,
		       const char *const *sans, unsigned int num_sans)
{
	struct ktlsctl_x509_info info, der_info;
	struct blob pem, der, spki;
	char file[64];
	const char *m;
	unsigned int i;

	snprintf(file, sizeof(file), "%s.pem", name);
	pem = load(file);
	snprintf(file, sizeof(file), "%s.der", name);
	der = load(file);
	snprintf(file, sizeof(file), "%s.spki", name);
	spki = load(file);

	CHECK(parse(&pem, &info, &m) == 0);
	CHECK_STR(info.subject, subject);
	CHECK(info.num_sans == num_sans);
	for (i = 0; i < num_sans && i < info.num_sans; i++)
		CHECK_STR(info.sans[i], sans[i]);
	CHECK(info.num_certs == 1);
	CHECK(info.not_after == openssl_enddate(name));
	check_fingerprint(name, info.fingerprint);
	CHECK(info.spki_len == spki.len &&
	      !memcmp(info.spki, spki.data, spki.len));
	CHECK(key_match(&spki, &spki, &m) == -EINVAL);

	CHECK(parse(&der, &der_info, &m) == 0);
	CHECK_STR(der_info.subject, subject);
	CHECK(der_info.num_sans == info.num_sans);
	CHECK(!memcmp(der_info.fingerprint, info.fingerprint,
		      SHA256_DIGEST_SIZE));
	ktlsctl_x509_info_free(&der_info);
	ktlsctl_x509_info_free(&info);
	ktlsctl_x509_info_free(&info);	/* safe twice */
	CHECK(!info.subject && !info.spki && !info.num_sans);
	free(pem.data);
	free(der.data);
	free(spki.data);
}

static void test_certs(void)
{
	static const char *const ec_sans[] = {
		"DNS:server.test", "DNS:alt.test", "IP:10.0.0.1",
		"IP:fd00::1", "email:admin@server.test",
		"URI:https://server.test/x",
	};
	static const char *const rsa_sans[] = {
		"DNS:rsa.test", "IP:192.0.2.7", "IP:2001:db8::7",
		"email:rsa@rsa.test",
	};
	static const char *const many_sans[] = {
		"IP:2001:db8::1:0:0:1", "IP:::", "IP:::1", "IP:1::",
		"IP:0:0:1::1", "IP:1:0:1:1:1:1:1:1", "DNS:d01.test",
		"DNS:d02.test", "DNS:d03.test", "DNS:d04.test", "DNS:d05.test",
		"DNS:d06.test", "DNS:d07.test", "DNS:d08.test", "DNS:d09.test",
		"DNS:d10.test",
	};
	static const char *const leaf_sans[] = { "DNS:leaf.test" };
	struct ktlsctl_x509_info info;
	char want[512];
	struct blob b;
	const char *m;
	int i;

	check_cert("ec", "CN=server.test, O=ktlsctl", ec_sans, 6);
	check_cert("rsa", "CN=rsa.test, O=ktlsctl", rsa_sans, 4);
	check_cert("ed", "CN=ed.test", NULL, 0);
	check_cert("many", "CN=many.test", many_sans, 16);
	check_cert("leaf", "CN=leaf.test", leaf_sans, 1);

	b = load("names.pem");
	CHECK(parse(&b, &info, &m) == 0);
	CHECK_STR(info.subject, "C=DE, ST=Berlin, L=Kreuzberg, O=ktlsctl, "
		  "OU=unit, CN=names.test, emailAddress=ops@names.test, "
		  "serialNumber=42, 2.5.4.12=ops, "
		  "0.9.2342.19200300.100.1.25=test");
	ktlsctl_x509_info_free(&info);
	free(b.data);

	b = load("esc.pem");
	CHECK(parse(&b, &info, &m) == 0);
	CHECK_STR(info.subject, "CN=Gr\\xc3\\xbcn\\x5c, O=multi + OU=tab\\x09x");
	ktlsctl_x509_info_free(&info);
	free(b.data);

	/* Capped at 255 bytes, cut where a piece no longer fits. */
	snprintf(want, sizeof(want), "CN=long.test");
	for (i = 0; i < 5; i++) {
		size_t n = strlen(want);

		n += snprintf(want + n, sizeof(want) - n, ", OU=");
		memset(want + n, 'a' + i, 60);
		want[n + 60] = '\0';
	}
	b = load("long.pem");
	CHECK(parse(&b, &info, &m) == 0);
	CHECK(info.subject && strlen(info.subject) >= 250 &&
	      strlen(info.subject) <= KTLSCTL_X509_MAX_STR &&
	      !strncmp(info.subject, want, strlen(info.subject)));
	ktlsctl_x509_info_free(&info);
	free(b.data);

	/* GeneralizedTime from 2050 on, UTCTime 19xx. */
	b = load("gentime.pem");
	CHECK(parse(&b, &info, &m) == 0);
	CHECK(info.not_after == 2524608000LL);
	ktlsctl_x509_info_free(&info);
	free(b.data);
	b = load("utctime.pem");
	CHECK(parse(&b, &info, &m) == 0);
	CHECK(info.not_after == 946684799LL);
	ktlsctl_x509_info_free(&info);
	free(b.data);
}

static void test_chains(void)
{
	static const char *const files[] = {
		"chain.pem", "chain.der", "chain-text.pem",
	};
	struct ktlsctl_x509_info info, leaf;
	struct blob b, one, many;
	unsigned int i;
	const char *m;

	b = load("leaf.pem");
	CHECK(parse(&b, &leaf, &m) == 0);
	free(b.data);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		b = load(files[i]);
		CHECK(parse(&b, &info, &m) == 0);
		CHECK(info.num_certs == 3);
		CHECK_STR(info.subject, "CN=leaf.test");
		CHECK(!memcmp(info.fingerprint, leaf.fingerprint,
			      SHA256_DIGEST_SIZE));
		CHECK(info.spki && leaf.spki && info.spki_len == leaf.spki_len &&
		      !memcmp(info.spki, leaf.spki, leaf.spki_len));
		ktlsctl_x509_info_free(&info);
		free(b.data);
	}
	ktlsctl_x509_info_free(&leaf);

	/* 32 certificates are fine, 33 are not. */
	one = load("ec.der");
	many.data = malloc(33 * one.len);
	for (i = 0; i < 33; i++)
		memcpy(many.data + i * one.len, one.data, one.len);
	many.len = 32 * one.len;
	CHECK(parse(&many, &info, &m) == 0 && info.num_certs == 32);
	ktlsctl_x509_info_free(&info);
	many.len = 33 * one.len;
	CHECK_ERR(parse(&many, &_i, &_m), -EINVAL, "more than 32 certificates");
	free(many.data);
	free(one.data);
}

static void test_keys(void)
{
	static const char *const ec_keys[] = {
		"ec.key", "ec-p8.der", "ec-sec1.pem", "ec-sec1.der",
		"ec-params-sec1.pem",
	};
	static const char *const rsa_keys[] = {
		"rsa.key", "rsa-p1.pem", "rsa-p1.der", "rsa-p8.der",
	};
	struct blob ec, rsa, ed, k, cert;
	struct ktlsctl_x509_info info;
	unsigned int i;
	const char *m;

	ec = load("ec.spki");
	rsa = load("rsa.spki");
	ed = load("ed.spki");
	for (i = 0; i < sizeof(ec_keys) / sizeof(ec_keys[0]); i++) {
		k = load(ec_keys[i]);
		if (key_match(&k, &ec, &m)) {
			fprintf(stderr, "%s: %s\n", ec_keys[i], m);
			check_failed++;
		}
		CHECK_ERR(key_match(&k, &rsa, &_m), -EKEYREJECTED,
			  "private key does not match the certificate");
		free(k.data);
	}
	for (i = 0; i < sizeof(rsa_keys) / sizeof(rsa_keys[0]); i++) {
		k = load(rsa_keys[i]);
		if (key_match(&k, &rsa, &m)) {
			fprintf(stderr, "%s: %s\n", rsa_keys[i], m);
			check_failed++;
		}
		CHECK_ERR(key_match(&k, &ec, &_m), -EKEYREJECTED,
			  "private key does not match the certificate");
		CHECK_ERR(key_match(&k, &ed, &_m), -EKEYREJECTED,
			  "private key does not match the certificate");
		free(k.data);
	}

	/* The SPKI as the parser hands it over. */
	cert = load("ec.pem");
	k = load("ec.key");
	CHECK(parse(&cert, &info, &m) == 0);
	CHECK(ktlsctl_x509_key_match(k.data, k.len, info.spki, info.spki_len,
				     NULL) == 0);
	ktlsctl_x509_info_free(&info);
	free(k.data);

#define KEY_ERR(file, spki, err, text) do {				\
	k = load(file);							\
	CHECK_ERR(key_match(&k, &(spki), &_m), err, text);		\
	free(k.data);							\
} while (0)
	KEY_ERR("ec-other.pem", ec, -EKEYREJECTED,
		"private key does not match the certificate");
	KEY_ERR("ec-p384.key", ec, -EKEYREJECTED,
		"private key does not match the certificate");
	KEY_ERR("rsa-other.key", rsa, -EKEYREJECTED,
		"private key does not match the certificate");
	KEY_ERR("rsa-enc.pem", rsa, -EINVAL,
		"encrypted private keys are not supported");
	KEY_ERR("rsa-enc-trad.pem", rsa, -EINVAL,
		"encrypted private keys are not supported");
	KEY_ERR("rsa-enc.der", rsa, -EINVAL,
		"encrypted private keys are not supported");
	KEY_ERR("ec-nopub.pem", ec, -EINVAL,
		"EC private key without its public key is not supported");
	KEY_ERR("ec-explicit.pem", ec, -EINVAL,
		"EC keys with explicit curve parameters are not supported");
	KEY_ERR("ed.key", ed, -EINVAL, "Ed25519 keys are not supported");
	KEY_ERR("ec.pem", ec, -EINVAL, "PEM block is not a private key");
	KEY_ERR("ec.der", ec, -EINVAL,
		"not a private key (PKCS#8, PKCS#1 or SEC1)");
	KEY_ERR("ec-mislabeled.pem", ec, -EINVAL,
		"not a private key (PKCS#8, PKCS#1 or SEC1)");
	KEY_ERR("ec-params.pem", ec, -EINVAL, "no private key found");
	KEY_ERR("ec.key", cert, -EINVAL, "malformed public key in certificate");
#undef KEY_ERR
	free(cert.data);

	/* Two keys in one blob, a key beside a certificate. */
	k = load("ec.key");
	cert.data = malloc(2 * k.len);
	memcpy(cert.data, k.data, k.len);
	memcpy(cert.data + k.len, k.data, k.len);
	cert.len = 2 * k.len;
	CHECK_ERR(key_match(&cert, &ec, &_m), -EINVAL, "more than one private key");
	free(cert.data);
	free(k.data);

	free(ec.data);
	free(rsa.data);
	free(ed.data);
}

static void test_crls(void)
{
	struct ktlsctl_x509_info info;
	struct blob pem, der, cert;
	const char *m;

	pem = load("crl.pem");
	der = load("crl.der");
	CHECK(check_crl(&pem, &m) == 0);
	CHECK(check_crl(&der, &m) == 0);
	CHECK_ERR(parse(&pem, &_i, &_m), -EINVAL, "PEM block is not a certificate");
	CHECK(parse(&der, &info, &m) == -EINVAL);
	cert = load("ec.pem");
	CHECK_ERR(check_crl(&cert, &_m), -EINVAL, "PEM block is not a CRL");
	free(cert.data);
	cert = load("ec.der");
	CHECK_ERR(check_crl(&cert, &_m), -EINVAL, "malformed CRL");
	free(cert.data);
	cert = text("");
	CHECK_ERR(check_crl(&cert, &_m), -EINVAL, "no CRL found");
	free(cert.data);
	free(pem.data);
	free(der.data);
}

static void test_garbage(void)
{
	static const struct {
		const char *in;
		const char *msg;
	} pems[] = {
		{ "", "no certificate found" },
		{ "hello world\n", "no certificate found" },
		{ "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
		  "malformed base64 in PEM block" },
		{ "-----BEGIN CERTIFICATE-----\nQQ==QQ==\n-----END CERTIFICATE-----\n",
		  "malformed base64 in PEM block" },
		{ "-----BEGIN CERTIFICATE-----\nQQ==QUFA\n-----END CERTIFICATE-----\n",
		  "malformed base64 in PEM block" },
		{ "-----BEGIN CERTIFICATE-----\nQQ=\n-----END CERTIFICATE-----\n",
		  "malformed base64 in PEM block" },
		{ "-----BEGIN CERTIFICATE-----\nQR==\n-----END CERTIFICATE-----\n",
		  "malformed base64 in PEM block" },
		{ "-----BEGIN CERTIFICATE-----\nQQ===\n-----END CERTIFICATE-----\n",
		  "malformed base64 in PEM block" },
		{ "-----BEGIN CERTIFICATE-----\nQQ==\n-----END CERTIFICATE-----\n",
		  "malformed certificate" },
		{ "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
		  "malformed certificate" },
		{ "-----BEGIN CERTIFICATE-----\nMIIB\n",
		  "PEM block without its matching END line" },
		{ "-----BEGIN CERTIFICATE-----\nQQ==\n-----END X509 CRL-----\n",
		  "PEM block without its matching END line" },
		{ "-----BEGIN CERTIFICATE\nQQ==\n-----END CERTIFICATE-----\n",
		  "malformed PEM BEGIN line" },
		{ "-----BEGIN CERTIFICATE----- x\nQQ==\n-----END CERTIFICATE-----\n",
		  "malformed PEM BEGIN line" },
		{ "-----BEGIN X509 CRL-----\nQQ==\n-----END X509 CRL-----\n",
		  "PEM block is not a certificate" },
		/* DER: indefinite length, a high tag number, a 5-byte length */
		{ "\x30\x80\x30\x00\x00\x00", "malformed certificate" },
		{ "\x30\x03\x1f\x01\x00", "malformed certificate" },
		{ "\x30\x85\x00\x00\x00\x00\x01\x00", "malformed certificate" },
		{ "\x30\x84\xff\xff\xff\xff", "malformed certificate" },
	};
	struct blob b, der;
	unsigned int i;

	for (i = 0; i < sizeof(pems) / sizeof(pems[0]); i++) {
		b = text(pems[i].in);
		CHECK_ERR(parse(&b, &_i, &_m), -EINVAL, pems[i].msg);
		free(b.data);
	}

	b = load("ec.key");
	CHECK_ERR(parse(&b, &_i, &_m), -EINVAL, "PEM block is not a certificate");
	free(b.data);
	b = load("trailing.pem");
	CHECK_ERR(parse(&b, &_i, &_m), -EINVAL, "trailing data in PEM block");
	free(b.data);

	/* A byte after the certificate, and one inside it at the end. */
	der = load("ec.der");
	b.len = der.len + 1;
	b.data = malloc(b.len);
	memcpy(b.data, der.data, der.len);
	b.data[der.len] = 0;
	CHECK_ERR(parse(&b, &_i, &_m), -EINVAL, "malformed certificate");
	CHECK(b.data[1] == 0x82);
	if (++b.data[3] == 0)
		b.data[2]++;
	CHECK_ERR(parse(&b, &_i, &_m), -EINVAL, "malformed certificate");
	free(b.data);
	free(der.data);
}

/* Offsets just past each "-----END ...-----" line end, and of each BEGIN. */
static unsigned int pem_marks(const struct blob *b, size_t *ends, size_t *begins)
{
	const char *s = (const char *)b->data, *p = s, *q;
	unsigned int n = 0;

	while (n < 8 && (q = memmem(p, b->len - (p - s), "-----BEGIN ", 11))) {
		begins[n] = q - s;
		q = memmem(q, b->len - (q - s), "-----END ", 9);
		if (q)
			q = memmem(q + 9, b->len - (q + 9 - s), "-----", 5);
		if (!q)
			exit(1);
		ends[n++] = q + 5 - s;
		p = q + 5;
	}
	return n;
}

enum kind { CERTS, KEY, CRL };

/* Every prefix of a blob: rejected unless it holds whole objects only. */
static void truncations(const char *name, enum kind kind,
			const struct blob *spki)
{
	size_t ends[8], begins[8], len;
	struct ktlsctl_x509_info info;
	struct blob b = load(name), cut;
	unsigned int n = 0, whole;
	struct ktlsctl_der d;
	bool pem, ok;
	const char *m;
	int ret;
	u8 tag;

	pem = b.data[0] != 0x30;
	if (pem) {
		n = pem_marks(&b, ends, begins);
	} else {
		d.p = b.data;
		d.len = b.len;
		while (d.len && n < 8) {
			CHECK(ktlsctl_der_next(&d, &tag, &(struct ktlsctl_der){}) == 0);
			ends[n++] = b.len - d.len;
		}
	}
	for (len = 0; len < b.len; len++) {
		cut.len = len;
		cut.data = prefix(&b, len);
		for (whole = 0; whole < n && ends[whole] <= len;)
			whole++;
		/* Text after the last whole block is fine, a BEGIN is not. */
		ok = whole && (whole == n || !pem || begins[whole] + 11 > len) &&
		     (pem || ends[whole - 1] == len);
		if (kind == KEY) {
			/* a key: its one block or DER, whole */
			ok = len >= ends[n - 1];
			ret = key_match(&cut, spki, &m);
		} else if (kind == CRL) {
			ret = check_crl(&cut, &m);
		} else {
			ret = parse(&cut, &info, &m);
			if (!ret && info.num_certs != whole) {
				fprintf(stderr, "%s: %zu bytes: %u certificates, not %u\n",
					name, len, info.num_certs, whole);
				check_failed++;
			}
			if (!ret)
				ktlsctl_x509_info_free(&info);
		}
		if ((ret == 0) != ok || (ret && ret != -EINVAL)) {
			fprintf(stderr, "%s: %zu of %zu bytes: %d (%s)\n",
				name, len, b.len, ret, m);
			check_failed++;
		}
		free(cut.data);
	}
	/* and the whole blob */
	cut = b;
	ret = kind == KEY ? key_match(&cut, spki, &m) :
	      kind == CRL ? check_crl(&cut, &m) : parse(&cut, &info, &m);
	CHECK(ret == 0);
	if (!ret && kind == CERTS)
		ktlsctl_x509_info_free(&info);
	free(b.data);
}

static void test_truncations(void)
{
	struct blob ec = load("ec.spki"), rsa = load("rsa.spki");

	truncations("ec.der", CERTS, NULL);
	truncations("ec.pem", CERTS, NULL);
	truncations("rsa.der", CERTS, NULL);
	truncations("chain.der", CERTS, NULL);
	truncations("chain.pem", CERTS, NULL);
	truncations("chain-text.pem", CERTS, NULL);
	truncations("crl.der", CRL, NULL);
	truncations("crl.pem", CRL, NULL);
	truncations("ec.key", KEY, &ec);
	truncations("ec-p8.der", KEY, &ec);
	truncations("ec-sec1.der", KEY, &ec);
	truncations("ec-params-sec1.pem", KEY, &ec);
	truncations("rsa-p1.der", KEY, &rsa);
	truncations("rsa-p8.der", KEY, &rsa);
	free(ec.data);
	free(rsa.data);
}

/* Random byte flips: no crash, no leak, a message on every rejection. */
static void test_flips(unsigned int rounds)
{
	static const char *const files[] = {
		"ec.der", "rsa.der", "chain.der", "many.der", "names.der",
		"crl.der", "ec.pem", "ec-p8.der", "ec-sec1.der", "rsa-p1.der",
		"rsa-p8.der", "ec.spki", "rsa.spki",
	};
	struct blob b, ec, rsa, eckey, rsakey, f;
	struct ktlsctl_x509_info info;
	unsigned int i, r, j;
	const char *m;

	srandom(1);
	ec = load("ec.spki");
	rsa = load("rsa.spki");
	eckey = load("ec.key");
	rsakey = load("rsa-p1.der");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		b = load(files[i]);
		for (r = 0; r < rounds; r++) {
			f.len = b.len;
			f.data = prefix(&b, b.len);
			/* anywhere, or among the first tags and lengths */
			for (j = random() % 4 + 1; j; j--)
				f.data[random() % (j % 2 || f.len < 64 ? f.len : 64)] ^=
					1 << (random() % 8);
			if (!parse(&f, &info, &m))
				ktlsctl_x509_info_free(&info);
			check_crl(&f, &m);
			key_match(&f, &ec, &m);
			key_match(&f, &rsa, &m);
			key_match(&eckey, &f, &m);
			key_match(&rsakey, &f, &m);
			free(f.data);
		}
		free(b.data);
	}
	free(ec.data);
	free(rsa.data);
	free(eckey.data);
	free(rsakey.data);
}

/* Every allocation failing in turn: -ENOMEM, nothing leaked, @info zeroed. */
static void test_enomem(void)
{
	struct blob chain = load("chain.pem"), key = load("ec.key");
	struct blob spki = load("ec.spki");
	struct ktlsctl_x509_info info;
	const char *m;
	long budget;
	int ret;

	for (budget = 0;; budget++) {
		kshim_alloc_budget = budget;
		ret = parse(&chain, &info, &m);
		kshim_alloc_budget = -1;
		if (!ret) {
			ktlsctl_x509_info_free(&info);
			break;
		}
		CHECK(ret == -ENOMEM && !info.subject && !info.spki &&
		      !info.num_sans && !info.sans[0]);
		if (budget > 100)
			break;
	}
	CHECK(budget > 2 && budget <= 100);
	kshim_alloc_budget = 0;
	CHECK(key_match(&key, &spki, &m) == -ENOMEM);
	kshim_alloc_budget = -1;
	free(chain.data);
	free(key.data);
	free(spki.data);
}

int main(int argc, char **argv)
{
	unsigned int rounds = argc > 1 ? strtoul(argv[1], NULL, 0) : 10000;
	char cmd[512];

	if (system("command -v openssl >/dev/null 2>&1")) {
		printf("openssl not found: skipped\n");
		return 77;
	}
	if (!mkdtemp(dir))
		return 1;
	snprintf(cmd, sizeof(cmd), "%s %s >%s/log 2>&1", X509_FIXTURES, dir,
		 dir);
	if (system(cmd)) {
		fprintf(stderr, "%s failed:\n", X509_FIXTURES);
		snprintf(cmd, sizeof(cmd), "cat %s/log >&2", dir);
		(void)!system(cmd);
		return 1;
	}

	test_certs();
	test_chains();
	test_keys();
	test_crls();
	test_garbage();
	test_truncations();
	test_flips(rounds);
	test_enomem();

	if (check_failed) {
		fprintf(stderr, "fixtures kept in %s\n", dir);
	} else {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd))
			return 1;
	}
	return check_done("unit.x509");
}
