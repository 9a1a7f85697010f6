// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon's key schedule against published vectors.
 *
 * TLS 1.3: RFC 8448 section 3 (simple 1-RTT handshake, TLS_AES_128_GCM_
 * SHA256): the client and server application traffic secrets and the
 * write key and IV derived from each ("derive write traffic keys for
 * application data").
 *
 * TLS 1.2: the P_SHA256 PRF vector circulated on the IETF TLS list
 * (secret 9bbe..., label "test label", 100 bytes), used by many TLS stacks'
 * tests; then the key block split, checked against the PRF output itself
 * (the block is PRF("key expansion", server_random || client_random) cut
 * in order: keys, then IVs) and against an HMAC-SHA256 P_hash computed
 * here independently of the TLS1-PRF KDF.
 *
 * And the key-log line parser, with a made-up client random.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "check.h"
#include "keys.h"

static size_t unhex(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;
	unsigned int v;

	while (s[0] && s[1] && n < max) {
		if (s[0] == ' ') {
			s++;
			continue;
		}
		sscanf(s, "%2x", &v);
		out[n++] = (uint8_t)v;
		s += 2;
	}
	return n;
}

static bool eq_hex(const uint8_t *got, size_t len, const char *want)
{
	uint8_t buf[256];
	size_t n = unhex(want, buf, sizeof(buf));

	return n == len && !memcmp(got, buf, len);
}

static void test_tls13_rfc8448(void)
{
	static const struct {
		const char *secret, *key, *iv;
	} v[] = {
		{ /* {server} application traffic secret */
		  "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643",
		  "9f02283b6c9c07efc26bb9f2ac92e356",
		  "cf782b88dd83549aadf1e984" },
		{ /* {client} application traffic secret */
		  "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5",
		  "17422dda596ed5d9acd890e3c63f5051",
		  "5b78923dee08579033e523d9" },
		{ /* {server} handshake traffic secret */
		  "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38",
		  "3fce516009c21727d0f2e4e86ee403bc",
		  "5d313eb2671276ee13000b30" },
	};
	struct keys_dir d;
	uint8_t secret[32];
	unsigned int i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		unhex(v[i].secret, secret, sizeof(secret));
		CHECK(!keys_tls13_traffic("SHA256", secret, 32, 16, &d));
		CHECK(d.key_len == 16 && d.iv_len == 12);
		CHECK(eq_hex(d.key, d.key_len, v[i].key));
		CHECK(eq_hex(d.iv, d.iv_len, v[i].iv));
	}
}

static void test_tls12_prf_vector(void)
{
	uint8_t secret[16], seed[16], out[100];

	unhex("9bbe436ba940f017b17652849a71db35", secret, sizeof(secret));
	unhex("a0ba9f936cda311827a6f796ffd5198c", seed, sizeof(seed));
	CHECK(!keys_tls12_prf("SHA256", secret, 16, "test label", seed, 16,
			      NULL, 0, out, sizeof(out)));
	CHECK(eq_hex(out, sizeof(out),
		     "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
		     "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
		     "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
		     "87347b66"));
	/* The seed split in two gives the same (label || seed1 || seed2). */
	CHECK(!keys_tls12_prf("SHA256", secret, 16, "test label", seed, 7,
			      seed + 7, 9, out, sizeof(out)));
	CHECK(eq_hex(out, 16, "e3f229ba727be17b8d122620557cd453"));
}

/* P_SHA256(secret, seed) by hand, RFC 5246 section 5. */
static void p_sha256(const uint8_t *secret, size_t slen, const uint8_t *seed,
		     size_t seedlen, uint8_t *out, size_t len)
{
	uint8_t a[32], buf[32 + 128], block[32];
	unsigned int alen = 32, blen = 32;
	size_t done = 0, n;

	HMAC(EVP_sha256(), secret, (int)slen, seed, seedlen, a, &alen);
	while (done < len) {
		memcpy(buf, a, 32);
		memcpy(buf + 32, seed, seedlen);
		HMAC(EVP_sha256(), secret, (int)slen, buf, 32 + seedlen, block,
		     &blen);
		n = len - done < 32 ? len - done : 32;
		memcpy(out + done, block, n);
		done += n;
		HMAC(EVP_sha256(), secret, (int)slen, a, 32, a, &alen);
	}
}

static void test_tls12_block(void)
{
	uint8_t master[48], crand[32], srand[32], seed[13 + 64], ref[88];
	struct keys_dir cw, sw;
	unsigned int i;

	for (i = 0; i < 48; i++)
		master[i] = (uint8_t)(i * 7 + 1);
	for (i = 0; i < 32; i++) {
		crand[i] = (uint8_t)(0xc0 + i);
		srand[i] = (uint8_t)(0x50 + i);
	}
	memcpy(seed, "key expansion", 13);
	memcpy(seed + 13, srand, 32);
	memcpy(seed + 45, crand, 32);
	p_sha256(master, 48, seed, sizeof(seed), ref, sizeof(ref));

	/* AES-128-GCM: 16-byte keys, 4-byte salts. */
	CHECK(!keys_tls12_block("SHA256", master, 48, crand, srand, 16, 4,
				&cw, &sw));
	CHECK(cw.key_len == 16 && cw.iv_len == 4);
	CHECK(!memcmp(cw.key, ref, 16) && !memcmp(sw.key, ref + 16, 16));
	CHECK(!memcmp(cw.iv, ref + 32, 4) && !memcmp(sw.iv, ref + 36, 4));

	/* ChaCha20-Poly1305: 32-byte keys, 12-byte IVs. */
	CHECK(!keys_tls12_block("SHA256", master, 48, crand, srand, 32, 12,
				&cw, &sw));
	CHECK(!memcmp(cw.key, ref, 32) && !memcmp(sw.key, ref + 32, 32));
	CHECK(!memcmp(cw.iv, ref + 64, 12) && !memcmp(sw.iv, ref + 76, 12));
}

static void test_keylog(void)
{
	uint8_t random[32], other[32], secret[KEYS_SECRET_MAX];
	char line[300];
	size_t len = 0;
	unsigned int i;

	for (i = 0; i < 32; i++) {
		random[i] = (uint8_t)i;
		other[i] = (uint8_t)(i + 1);
	}
	strcpy(line, "SERVER_TRAFFIC_SECRET_0 ");
	for (i = 0; i < 32; i++)
		sprintf(line + strlen(line), "%02x", random[i]);
	strcat(line, " a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643");
	CHECK(keys_keylog_parse(line, random, secret, &len) ==
	      KEYS_KEYLOG_SERVER_TRAFFIC_0);
	CHECK(len == 32 && eq_hex(secret, 32,
		"a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643"));
	/* Another connection's line is not ours. */
	CHECK(keys_keylog_parse(line, other, secret, &len) ==
	      KEYS_KEYLOG_OTHER);
	line[0] = 'C';
	memcpy(line, "CLIENT", 6);
	CHECK(keys_keylog_parse(line, random, secret, &len) ==
	      KEYS_KEYLOG_CLIENT_TRAFFIC_0);
	memcpy(line, "EXPORTER_SECRET", 15);
	CHECK(keys_keylog_parse(line, random, secret, &len) ==
	      KEYS_KEYLOG_OTHER);
	CHECK(keys_keylog_parse("CLIENT_TRAFFIC_SECRET_0 zz 00", random,
				secret, &len) == KEYS_KEYLOG_OTHER);
}

int main(void)
{
	test_tls13_rfc8448();
	test_tls12_prf_vector();
	test_tls12_block();
	test_keylog();
	return check_done("keysched");
}
