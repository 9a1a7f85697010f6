// SPDX-License-Identifier: GPL-2.0
/*
 * Key schedule pieces the daemon computes itself, because OpenSSL has no
 * public getter for record-layer keys:
 *
 * TLS 1.3 (RFC 8446 7.1, 7.3): OpenSSL gives the application traffic
 * secrets through the key-log callback; the write key and IV are
 * HKDF-Expand-Label(secret, "key"/"iv", "", len) with the suite's hash.
 * OpenSSL's TLS13-KDF in EXPAND_ONLY mode computes exactly that.
 *
 * TLS 1.2 (RFC 5246 6.3): key_block = PRF(master_secret, "key expansion",
 * server_random || client_random), cut into client MAC key, server MAC key
 * (both empty for AEAD suites), client key, server key, client IV, server
 * IV. The PRF is OpenSSL's TLS1-PRF with the suite's PRF hash.
 */
#include <ctype.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "keys.h"

void keys_wipe(void *p, size_t len)
{
	if (p && len)
		OPENSSL_cleanse(p, len);
}

static int keys_kdf(const char *name, OSSL_PARAM *params, uint8_t *out,
		    size_t out_len)
{
	EVP_KDF_CTX *kctx;
	EVP_KDF *kdf;
	int ok;

	kdf = EVP_KDF_fetch(NULL, name, NULL);
	if (!kdf)
		return -1;
	kctx = EVP_KDF_CTX_new(kdf);
	EVP_KDF_free(kdf);
	if (!kctx)
		return -1;
	ok = EVP_KDF_derive(kctx, out, out_len, params) > 0;
	EVP_KDF_CTX_free(kctx);
	return ok ? 0 : -1;
}

int keys_tls13_expand_label(const char *digest, const uint8_t *secret,
			    size_t secret_len, const char *label,
			    uint8_t *out, size_t out_len)
{
	static const char prefix[] = "tls13 ";
	int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
	OSSL_PARAM params[7], *p = params;

	*p++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						(char *)digest, 0);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						 (void *)secret, secret_len);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PREFIX,
						 (void *)prefix,
						 sizeof(prefix) - 1);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_LABEL,
						 (void *)label, strlen(label));
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_DATA,
						 (void *)"", 0);
	*p = OSSL_PARAM_construct_end();
	return keys_kdf("TLS13-KDF", params, out, out_len);
}

int keys_tls13_traffic(const char *digest, const uint8_t *secret,
		       size_t secret_len, size_t key_len,
		       struct keys_dir *out)
{
	if (key_len > sizeof(out->key))
		return -1;
	out->key_len = key_len;
	out->iv_len = 12;
	if (keys_tls13_expand_label(digest, secret, secret_len, "key",
				    out->key, key_len) ||
	    keys_tls13_expand_label(digest, secret, secret_len, "iv",
				    out->iv, out->iv_len)) {
		keys_wipe(out, sizeof(*out));
		return -1;
	}
	return 0;
}

int keys_tls12_prf(const char *digest, const uint8_t *secret,
		   size_t secret_len, const char *label,
		   const uint8_t *seed1, size_t seed1_len,
		   const uint8_t *seed2, size_t seed2_len,
		   uint8_t *out, size_t out_len)
{
	OSSL_PARAM params[6], *p = params;

	/* Several seed parameters are concatenated, label first. */
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						(char *)digest, 0);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET,
						 (void *)secret, secret_len);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED,
						 (void *)label, strlen(label));
	if (seed1_len)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED,
							 (void *)seed1,
							 seed1_len);
	if (seed2_len)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED,
							 (void *)seed2,
							 seed2_len);
	*p = OSSL_PARAM_construct_end();
	return keys_kdf("TLS1-PRF", params, out, out_len);
}

int keys_tls12_block(const char *digest, const uint8_t *master,
		     size_t master_len,
		     const uint8_t client_random[KEYS_RANDOM_LEN],
		     const uint8_t server_random[KEYS_RANDOM_LEN],
		     size_t key_len, size_t iv_len,
		     struct keys_dir *client_write,
		     struct keys_dir *server_write)
{
	uint8_t block[2 * 32 + 2 * 12];
	size_t len = 2 * key_len + 2 * iv_len;

	if (key_len > sizeof(client_write->key) ||
	    iv_len > sizeof(client_write->iv))
		return -1;
	if (keys_tls12_prf(digest, master, master_len, "key expansion",
			   server_random, KEYS_RANDOM_LEN,
			   client_random, KEYS_RANDOM_LEN, block, len)) {
		keys_wipe(block, sizeof(block));
		return -1;
	}
	memcpy(client_write->key, block, key_len);
	memcpy(server_write->key, block + key_len, key_len);
	memcpy(client_write->iv, block + 2 * key_len, iv_len);
	memcpy(server_write->iv, block + 2 * key_len + iv_len, iv_len);
	client_write->key_len = server_write->key_len = key_len;
	client_write->iv_len = server_write->iv_len = iv_len;
	keys_wipe(block, sizeof(block));
	return 0;
}

static int keys_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes hex up to a space or the end; the number of bytes, or -1. */
static int keys_unhex(const char **sp, uint8_t *out, size_t max)
{
	const char *s = *sp;
	size_t n = 0;
	int hi, lo;

	while (*s && *s != ' ' && *s != '\n') {
		hi = keys_hexval((unsigned char)s[0]);
		lo = s[1] ? keys_hexval((unsigned char)s[1]) : -1;
		if (hi < 0 || lo < 0 || n == max)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	*sp = s;
	return (int)n;
}

enum keys_keylog keys_keylog_parse(const char *line,
				   const uint8_t client_random[KEYS_RANDOM_LEN],
				   uint8_t secret[KEYS_SECRET_MAX],
				   size_t *secret_len)
{
	static const char cts[] = "CLIENT_TRAFFIC_SECRET_0 ";
	static const char sts[] = "SERVER_TRAFFIC_SECRET_0 ";
	uint8_t random[KEYS_RANDOM_LEN];
	enum keys_keylog which;
	int n;

	if (!strncmp(line, cts, sizeof(cts) - 1)) {
		which = KEYS_KEYLOG_CLIENT_TRAFFIC_0;
		line += sizeof(cts) - 1;
	} else if (!strncmp(line, sts, sizeof(sts) - 1)) {
		which = KEYS_KEYLOG_SERVER_TRAFFIC_0;
		line += sizeof(sts) - 1;
	} else {
		return KEYS_KEYLOG_OTHER;
	}
	if (keys_unhex(&line, random, sizeof(random)) != KEYS_RANDOM_LEN ||
	    memcmp(random, client_random, KEYS_RANDOM_LEN) || *line != ' ')
		return KEYS_KEYLOG_OTHER;
	line++;
	n = keys_unhex(&line, secret, KEYS_SECRET_MAX);
	if (n <= 0) {
		keys_wipe(secret, KEYS_SECRET_MAX);
		return KEYS_KEYLOG_OTHER;
	}
	*secret_len = (size_t)n;
	return which;
}
