/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Record-layer keys from the handshake's secrets: the TLS 1.3 traffic key
 * and IV from an application traffic secret (HKDF-Expand-Label), the TLS
 * 1.2 key block from the master secret (the PRF's "key expansion"), and the
 * key-log lines OpenSSL hands out. Pure functions, unit-tested against
 * published vectors (tests/unit/test_keysched.c).
 */
#ifndef _KTLSCTLD_KEYS_H
#define _KTLSCTLD_KEYS_H

#include <stddef.h>
#include <stdint.h>

#define KEYS_SECRET_MAX		64	/* EVP_MAX_MD_SIZE */
#define KEYS_RANDOM_LEN		32

/* One direction's key and static IV (TLS 1.2 GCM/CCM: the 4-byte salt). */
struct keys_dir {
	uint8_t key[32];
	size_t key_len;
	uint8_t iv[12];
	size_t iv_len;
};

/*
 * HKDF-Expand-Label(secret, label, "", out_len) with the "tls13 " prefix,
 * through OpenSSL's TLS13-KDF in expand-only mode. digest is an OpenSSL
 * digest name ("SHA256", "SHA384"). 0 or -1.
 */
int keys_tls13_expand_label(const char *digest, const uint8_t *secret,
			    size_t secret_len, const char *label,
			    uint8_t *out, size_t out_len);

/* Traffic key (key_len bytes) and 12-byte IV of a traffic secret. */
int keys_tls13_traffic(const char *digest, const uint8_t *secret,
		       size_t secret_len, size_t key_len,
		       struct keys_dir *out);

/* The TLS 1.2 PRF (P_<digest>) over label || seed1 || seed2. 0 or -1. */
int keys_tls12_prf(const char *digest, const uint8_t *secret,
		   size_t secret_len, const char *label,
		   const uint8_t *seed1, size_t seed1_len,
		   const uint8_t *seed2, size_t seed2_len,
		   uint8_t *out, size_t out_len);

/*
 * The key block of an AEAD suite (no MAC keys): client and server write
 * keys of key_len bytes, then client and server IVs of iv_len bytes (4 for
 * GCM and CCM, 12 for ChaCha20-Poly1305). 0 or -1.
 */
int keys_tls12_block(const char *digest, const uint8_t *master,
		     size_t master_len,
		     const uint8_t client_random[KEYS_RANDOM_LEN],
		     const uint8_t server_random[KEYS_RANDOM_LEN],
		     size_t key_len, size_t iv_len,
		     struct keys_dir *client_write,
		     struct keys_dir *server_write);

enum keys_keylog {
	KEYS_KEYLOG_OTHER,
	KEYS_KEYLOG_CLIENT_TRAFFIC_0,
	KEYS_KEYLOG_SERVER_TRAFFIC_0,
};

/*
 * Parses a key-log line "LABEL <client random hex> <secret hex>": the
 * application traffic secrets of generation 0 whose client random is
 * client_random go to secret (*secret_len bytes); anything else is
 * KEYS_KEYLOG_OTHER, as is a malformed line.
 */
enum keys_keylog keys_keylog_parse(const char *line,
				   const uint8_t client_random[KEYS_RANDOM_LEN],
				   uint8_t secret[KEYS_SECRET_MAX],
				   size_t *secret_len);

/* Zeroes key material (OPENSSL_cleanse). */
void keys_wipe(void *p, size_t len);

#endif /* _KTLSCTLD_KEYS_H */
