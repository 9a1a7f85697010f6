/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Record-layer keys from a DONE message, and their installation into kTLS
 * (install.c). The request core (request.c, netlink.c) calls these from the
 * DONE handler, in process context, without holding the socket lock.
 */
#ifndef _KTLSCTL_KEYS_H
#define _KTLSCTL_KEYS_H

#include <linux/types.h>
#include <net/netlink.h>
#include <uapi/linux/ktlsctl.h>

struct socket;

/**
 * struct ktlsctl_dir_keys - record-layer state of one direction
 * @key: traffic key
 * @iv: static IV as carried in the crypto nest's iv attribute: 12 bytes for
 *	TLS 1.3 and for TLS 1.2 CHACHA20-POLY1305, the 4-byte implicit salt for
 *	TLS 1.2 AES-GCM and AES-CCM (the explicit nonce of the first record is
 *	then @rec_seq, as OpenSSL does)
 * @rec_seq: sequence number of the next record
 * @key_len: bytes in @key
 * @iv_len: bytes in @iv
 */
struct ktlsctl_dir_keys {
	u8 key[KTLSCTL_KEY_MAX_LEN];
	u8 iv[KTLSCTL_IV_MAX_LEN];
	u64 rec_seq;
	u8 key_len;
	u8 iv_len;
};

/**
 * struct ktlsctl_keys - what DONE carries for a successful handshake
 * @version: KTLSCTL_TLS_VERSION_*
 * @cipher: KTLSCTL_CIPHER_*
 * @tx: transmit direction
 * @rx: receive direction
 */
struct ktlsctl_keys {
	u32 version;
	u32 cipher;
	struct ktlsctl_dir_keys tx;
	struct ktlsctl_dir_keys rx;
};

/*
 * ktlsctl_keys_parse - fill @keys from DONE's request attributes @tb
 * (indexed by KTLSCTL_A_REQUEST_*: version, cipher, tx, rx). Checks that
 * version and cipher are ones kTLS supports and that every length matches
 * the cipher; sets an extack message on every rejection. On error @keys is
 * wiped.
 */
int ktlsctl_keys_parse(struct ktlsctl_keys *keys, struct nlattr **tb,
		       struct netlink_ext_ack *extack);

/*
 * ktlsctl_keys_install - attach the "tls" ULP to @sock (or accept one that
 * is already attached and not configured yet) and set TLS_TX then TLS_RX.
 * @offload is the request's KTLSCTL_OFFLOAD_* policy: with _REQUIRE the
 * install fails (-EOPNOTSUPP) unless both directions run in hardware.
 * *@tx_mode and *@rx_mode receive KTLSCTL_KEY_MODE_*. Does not wipe @keys.
 */
int ktlsctl_keys_install(struct socket *sock, const struct ktlsctl_keys *keys,
			 u32 offload, u32 *tx_mode, u32 *rx_mode,
			 struct netlink_ext_ack *extack);

/* ktlsctl_keys_wipe - zeroize @keys (memzero_explicit). */
void ktlsctl_keys_wipe(struct ktlsctl_keys *keys);

#endif /* _KTLSCTL_KEYS_H */
