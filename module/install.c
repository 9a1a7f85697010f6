// SPDX-License-Identifier: GPL-2.0
/*
 * Record-layer keys from DONE (keys.h): validation, and installation into
 * kTLS: TCP_ULP "tls", then SOL_TLS TLS_TX and TLS_RX, each through the
 * socket's own setsockopt op with a kernel sockptr, as user space would.
 *
 * Mapping of the crypto nest onto struct tls12_crypto_info_*:
 *  - TLS 1.3 (every cipher) and TLS 1.2 CHACHA20-POLY1305: the nest's iv is
 *    the 12-byte static IV; kTLS wants its first salt bytes (4 for AES-GCM
 *    and AES-CCM, none for ChaCha) in @salt and the rest in @iv.
 *  - TLS 1.2 AES-GCM and AES-CCM: the nest's iv is the 4-byte implicit salt;
 *    @iv is the explicit nonce of the next record, which kTLS sends and
 *    increments per record: OpenSSL uses the sequence number, so do we.
 *  - @rec_seq: the sequence number, big-endian.
 */
#include <linux/kmod.h>
#include <linux/net.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <net/inet_connection_sock.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <net/tls.h>
#include <uapi/linux/tls.h>

#include "keys.h"
#include "ktlsctl-nl.h"
#include "offload.h"

/**
 * struct ktlsctl_cipher_desc - how one cipher maps onto kTLS
 * @type: TLS_CIPHER_*
 * @key_len: key bytes
 * @salt_len: bytes of @salt in the crypto_info
 * @iv_len: bytes of @iv in the crypto_info
 *
 * Every struct tls12_crypto_info_* is, without padding, struct
 * tls_crypto_info then iv[], key[], salt[] and rec_seq[8] (uapi; checked
 * in ktlsctl_crypto_info_fill()), so these lengths give the layout.
 */
struct ktlsctl_cipher_desc {
	u16 type;
	u8 key_len;
	u8 salt_len;
	u8 iv_len;
};

#define KTLSCTL_CIPHER(name)						\
	{								\
		.type = TLS_CIPHER_##name,				\
		.key_len = TLS_CIPHER_##name##_KEY_SIZE,		\
		.salt_len = TLS_CIPHER_##name##_SALT_SIZE,		\
		.iv_len = TLS_CIPHER_##name##_IV_SIZE,			\
	}

static const struct ktlsctl_cipher_desc ktlsctl_ciphers[] = {
	[KTLSCTL_CIPHER_AES_128_GCM] = KTLSCTL_CIPHER(AES_GCM_128),
	[KTLSCTL_CIPHER_AES_256_GCM] = KTLSCTL_CIPHER(AES_GCM_256),
	[KTLSCTL_CIPHER_CHACHA20_POLY1305] = KTLSCTL_CIPHER(CHACHA20_POLY1305),
	[KTLSCTL_CIPHER_AES_128_CCM] = KTLSCTL_CIPHER(AES_CCM_128),
};

#define KTLSCTL_REC_SEQ_LEN	TLS_CIPHER_AES_GCM_128_REC_SEQ_SIZE

/* Big enough for any cipher's crypto_info. */
union ktlsctl_crypto_info {
	struct tls_crypto_info info;
	struct tls12_crypto_info_aes_gcm_128 aes_gcm_128;
	struct tls12_crypto_info_aes_gcm_256 aes_gcm_256;
	struct tls12_crypto_info_chacha20_poly1305 chacha20_poly1305;
	struct tls12_crypto_info_aes_ccm_128 aes_ccm_128;
};

static const struct ktlsctl_cipher_desc *ktlsctl_cipher_desc(u32 cipher)
{
	if (cipher >= ARRAY_SIZE(ktlsctl_ciphers) || !ktlsctl_ciphers[cipher].type)
		return NULL;
	return &ktlsctl_ciphers[cipher];
}

/*
 * Bytes the crypto nest's iv carries: the whole 12-byte static IV, except
 * in TLS 1.2 with a salted cipher (AES-GCM, AES-CCM), where only the salt.
 */
static unsigned int ktlsctl_iv_attr_len(const struct ktlsctl_cipher_desc *c,
					u32 version)
{
	if (version == KTLSCTL_TLS_VERSION_TLS12 && c->salt_len)
		return c->salt_len;
	return c->salt_len + c->iv_len;
}

static bool ktlsctl_dir_keys_ok(const struct ktlsctl_dir_keys *d,
				const struct ktlsctl_cipher_desc *c, u32 version)
{
	return d->key_len == c->key_len &&
	       d->iv_len == ktlsctl_iv_attr_len(c, version);
}

void ktlsctl_keys_wipe(struct ktlsctl_keys *keys)
{
	memzero_explicit(keys, sizeof(*keys));
}

static int ktlsctl_dir_parse(struct ktlsctl_dir_keys *d, struct nlattr *nest,
			     const struct ktlsctl_cipher_desc *c, u32 version,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KTLSCTL_A_CRYPTO_MAX + 1];
	unsigned int iv_len;
	int ret;

	ret = nla_parse_nested(tb, KTLSCTL_A_CRYPTO_MAX, nest,
			       ktlsctl_crypto_nl_policy, extack);
	if (ret)
		return ret;

	if (!tb[KTLSCTL_A_CRYPTO_KEY]) {
		NL_SET_ERR_ATTR_MISS(extack, nest, KTLSCTL_A_CRYPTO_KEY);
		NL_SET_ERR_MSG_MOD(extack, "crypto: key missing");
		return -EINVAL;
	}
	if (nla_len(tb[KTLSCTL_A_CRYPTO_KEY]) != c->key_len) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_CRYPTO_KEY],
				    "crypto: key length does not match the cipher");
		return -EINVAL;
	}
	if (!tb[KTLSCTL_A_CRYPTO_IV]) {
		NL_SET_ERR_ATTR_MISS(extack, nest, KTLSCTL_A_CRYPTO_IV);
		NL_SET_ERR_MSG_MOD(extack, "crypto: iv missing");
		return -EINVAL;
	}
	iv_len = ktlsctl_iv_attr_len(c, version);
	if (nla_len(tb[KTLSCTL_A_CRYPTO_IV]) != iv_len) {
		if (iv_len == c->salt_len)
			NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_CRYPTO_IV],
					    "crypto: iv must be the 4-byte salt for TLS 1.2 AES-GCM/CCM");
		else
			NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_CRYPTO_IV],
					    "crypto: iv must be the 12-byte static IV");
		return -EINVAL;
	}
	if (!tb[KTLSCTL_A_CRYPTO_REC_SEQ]) {
		NL_SET_ERR_ATTR_MISS(extack, nest, KTLSCTL_A_CRYPTO_REC_SEQ);
		NL_SET_ERR_MSG_MOD(extack, "crypto: rec-seq missing");
		return -EINVAL;
	}

	BUILD_BUG_ON(sizeof(d->key) < TLS_CIPHER_AES_GCM_256_KEY_SIZE);
	BUILD_BUG_ON(sizeof(d->iv) < TLS_CIPHER_CHACHA20_POLY1305_IV_SIZE);
	nla_memcpy(d->key, tb[KTLSCTL_A_CRYPTO_KEY], c->key_len);
	d->key_len = c->key_len;
	nla_memcpy(d->iv, tb[KTLSCTL_A_CRYPTO_IV], iv_len);
	d->iv_len = iv_len;
	d->rec_seq = nla_get_u64(tb[KTLSCTL_A_CRYPTO_REC_SEQ]);
	return 0;
}

int ktlsctl_keys_parse(struct ktlsctl_keys *keys, struct nlattr **tb,
		       struct netlink_ext_ack *extack)
{
	const struct ktlsctl_cipher_desc *c;
	int ret;

	memset(keys, 0, sizeof(*keys));

	if (!tb[KTLSCTL_A_REQUEST_VERSION]) {
		NL_SET_ERR_ATTR_MISS(extack, NULL, KTLSCTL_A_REQUEST_VERSION);
		NL_SET_ERR_MSG_MOD(extack, "done: version missing");
		return -EINVAL;
	}
	keys->version = nla_get_u32(tb[KTLSCTL_A_REQUEST_VERSION]);
	if (keys->version != KTLSCTL_TLS_VERSION_TLS12 &&
	    keys->version != KTLSCTL_TLS_VERSION_TLS13) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_REQUEST_VERSION],
				    "done: version must be TLS 1.2 or TLS 1.3");
		ret = -EINVAL;
		goto err;
	}

	if (!tb[KTLSCTL_A_REQUEST_CIPHER]) {
		NL_SET_ERR_ATTR_MISS(extack, NULL, KTLSCTL_A_REQUEST_CIPHER);
		NL_SET_ERR_MSG_MOD(extack, "done: cipher missing");
		ret = -EINVAL;
		goto err;
	}
	keys->cipher = nla_get_u32(tb[KTLSCTL_A_REQUEST_CIPHER]);
	c = ktlsctl_cipher_desc(keys->cipher);
	if (!c) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_REQUEST_CIPHER],
				    "done: cipher not supported by kTLS");
		ret = -EINVAL;
		goto err;
	}

	if (!tb[KTLSCTL_A_REQUEST_TX]) {
		NL_SET_ERR_ATTR_MISS(extack, NULL, KTLSCTL_A_REQUEST_TX);
		NL_SET_ERR_MSG_MOD(extack, "done: tx keys missing");
		ret = -EINVAL;
		goto err;
	}
	if (!tb[KTLSCTL_A_REQUEST_RX]) {
		NL_SET_ERR_ATTR_MISS(extack, NULL, KTLSCTL_A_REQUEST_RX);
		NL_SET_ERR_MSG_MOD(extack, "done: rx keys missing");
		ret = -EINVAL;
		goto err;
	}
	ret = ktlsctl_dir_parse(&keys->tx, tb[KTLSCTL_A_REQUEST_TX], c,
				keys->version, extack);
	if (ret)
		goto err;
	ret = ktlsctl_dir_parse(&keys->rx, tb[KTLSCTL_A_REQUEST_RX], c,
				keys->version, extack);
	if (ret)
		goto err;
	return 0;

err:
	ktlsctl_keys_wipe(keys);
	return ret;
}

/* Fills @ci (zeroed here) for one direction; returns its length. */
static unsigned int ktlsctl_crypto_info_fill(union ktlsctl_crypto_info *ci,
					     const struct ktlsctl_keys *keys,
					     const struct ktlsctl_dir_keys *d,
					     const struct ktlsctl_cipher_desc *c)
{
	__be64 seq = cpu_to_be64(d->rec_seq);
	u8 *iv = (u8 *)ci + sizeof(ci->info);
	u8 *key = iv + c->iv_len;
	u8 *salt = key + c->key_len;
	u8 *rec_seq = salt + c->salt_len;

	BUILD_BUG_ON(sizeof(struct tls12_crypto_info_aes_gcm_128) !=
		     sizeof(struct tls_crypto_info) +
		     TLS_CIPHER_AES_GCM_128_IV_SIZE +
		     TLS_CIPHER_AES_GCM_128_KEY_SIZE +
		     TLS_CIPHER_AES_GCM_128_SALT_SIZE + KTLSCTL_REC_SEQ_LEN);
	BUILD_BUG_ON(sizeof(struct tls12_crypto_info_aes_gcm_256) !=
		     sizeof(struct tls_crypto_info) +
		     TLS_CIPHER_AES_GCM_256_IV_SIZE +
		     TLS_CIPHER_AES_GCM_256_KEY_SIZE +
		     TLS_CIPHER_AES_GCM_256_SALT_SIZE + KTLSCTL_REC_SEQ_LEN);
	BUILD_BUG_ON(sizeof(struct tls12_crypto_info_chacha20_poly1305) !=
		     sizeof(struct tls_crypto_info) +
		     TLS_CIPHER_CHACHA20_POLY1305_IV_SIZE +
		     TLS_CIPHER_CHACHA20_POLY1305_KEY_SIZE +
		     TLS_CIPHER_CHACHA20_POLY1305_SALT_SIZE +
		     KTLSCTL_REC_SEQ_LEN);
	BUILD_BUG_ON(sizeof(struct tls12_crypto_info_aes_ccm_128) !=
		     sizeof(struct tls_crypto_info) +
		     TLS_CIPHER_AES_CCM_128_IV_SIZE +
		     TLS_CIPHER_AES_CCM_128_KEY_SIZE +
		     TLS_CIPHER_AES_CCM_128_SALT_SIZE + KTLSCTL_REC_SEQ_LEN);
	BUILD_BUG_ON(offsetof(struct tls12_crypto_info_aes_gcm_128, iv) !=
		     sizeof(struct tls_crypto_info));
	BUILD_BUG_ON(offsetof(struct tls12_crypto_info_aes_gcm_128, key) !=
		     offsetof(struct tls12_crypto_info_aes_gcm_128, iv) +
		     TLS_CIPHER_AES_GCM_128_IV_SIZE);
	BUILD_BUG_ON(sizeof(seq) != KTLSCTL_REC_SEQ_LEN);

	memset(ci, 0, sizeof(*ci));
	ci->info.version = keys->version == KTLSCTL_TLS_VERSION_TLS13 ?
			   TLS_1_3_VERSION : TLS_1_2_VERSION;
	ci->info.cipher_type = c->type;
	memcpy(key, d->key, c->key_len);
	memcpy(salt, d->iv, c->salt_len);
	if (ktlsctl_iv_attr_len(c, keys->version) == c->salt_len) {
		/* TLS 1.2 AES-GCM/CCM: explicit nonce = sequence number */
		BUILD_BUG_ON(sizeof(seq) != TLS_CIPHER_AES_GCM_128_IV_SIZE);
		memcpy(iv, &seq, sizeof(seq));
	} else {
		memcpy(iv, d->iv + c->salt_len, c->iv_len);
	}
	memcpy(rec_seq, &seq, sizeof(seq));
	return rec_seq + sizeof(seq) - (u8 *)ci;
}

static bool ktlsctl_ulp_is_fresh_tls(struct sock *sk)
{
	const struct tcp_ulp_ops *ulp;
	struct tls_context *ctx;
	bool fresh;

	lock_sock(sk);
	ulp = inet_csk(sk)->icsk_ulp_ops;
	ctx = tls_get_ctx(sk);
	fresh = ulp && !strcmp(ulp->name, "tls") && ctx &&
		ctx->tx_conf == TLS_BASE && ctx->rx_conf == TLS_BASE;
	release_sock(sk);
	return fresh;
}

/*
 * Attaches the "tls" ULP, or accepts one attached already with nothing
 * configured (Debian's OpenSSL attaches it in SSL_set_fd()). TCP's own
 * autoload of tls.ko needs CAP_NET_ADMIN in the initial namespace, which
 * the daemon need not have: on -ENOENT, load it here and retry once.
 */
static int ktlsctl_ulp_attach(struct socket *sock,
			      struct netlink_ext_ack *extack)
{
	char name[] = "tls";
	int ret;

	ret = sock->ops->setsockopt(sock, SOL_TCP, TCP_ULP,
				    KERNEL_SOCKPTR(name), strlen(name));
	if (ret == -ENOENT) {
		request_module("tcp-ulp-%s", name);
		ret = sock->ops->setsockopt(sock, SOL_TCP, TCP_ULP,
					    KERNEL_SOCKPTR(name), strlen(name));
	}
	if (ret == -EEXIST && ktlsctl_ulp_is_fresh_tls(sock->sk))
		ret = 0;

	switch (ret) {
	case 0:
		break;
	case -EEXIST:
		NL_SET_ERR_MSG_MOD(extack,
				   "socket has another ULP, or kTLS keys already");
		break;
	case -ENOENT:
		NL_SET_ERR_MSG_MOD(extack, "kTLS (tls.ko) is not available");
		break;
	case -ENOTCONN:
		NL_SET_ERR_MSG_MOD(extack, "socket is not connected");
		break;
	default:
		NL_SET_ERR_MSG_MOD(extack, "cannot attach the tls ULP");
		break;
	}
	return ret;
}

static int ktlsctl_set_dir(struct socket *sock, const struct ktlsctl_keys *keys,
			   const struct ktlsctl_cipher_desc *c, bool tx,
			   struct netlink_ext_ack *extack)
{
	union ktlsctl_crypto_info ci;
	unsigned int len;
	int ret;

	len = ktlsctl_crypto_info_fill(&ci, keys, tx ? &keys->tx : &keys->rx, c);
	ret = sock->ops->setsockopt(sock, SOL_TLS, tx ? TLS_TX : TLS_RX,
				    KERNEL_SOCKPTR(&ci), len);
	memzero_explicit(&ci, sizeof(ci));

	switch (ret) {
	case 0:
		break;
	case -EBUSY:
		NL_SET_ERR_MSG_MOD(extack, "kTLS keys are set already");
		break;
	case -ENOENT:
		NL_SET_ERR_MSG_MOD(extack,
				   "kTLS: cipher implementation not available (crypto module missing)");
		break;
	default:
		if (tx)
			NL_SET_ERR_MSG_MOD(extack, "kTLS refused the TX keys");
		else
			NL_SET_ERR_MSG_MOD(extack, "kTLS refused the RX keys");
		break;
	}
	return ret;
}

int ktlsctl_keys_install(struct socket *sock, const struct ktlsctl_keys *keys,
			 u32 offload, u32 *tx_mode, u32 *rx_mode,
			 struct netlink_ext_ack *extack)
{
	const struct ktlsctl_cipher_desc *c;
	struct sock *sk = sock->sk;
	struct tls_context *ctx;
	int ret;

	*tx_mode = 0;
	*rx_mode = 0;

	c = ktlsctl_cipher_desc(keys->cipher);
	if (!c || (keys->version != KTLSCTL_TLS_VERSION_TLS12 &&
		   keys->version != KTLSCTL_TLS_VERSION_TLS13) ||
	    !ktlsctl_dir_keys_ok(&keys->tx, c, keys->version) ||
	    !ktlsctl_dir_keys_ok(&keys->rx, c, keys->version)) {
		NL_SET_ERR_MSG_MOD(extack, "keys: bad version, cipher or length");
		return -EINVAL;
	}
	if (!sk || sk->sk_type != SOCK_STREAM || sk->sk_protocol != IPPROTO_TCP) {
		NL_SET_ERR_MSG_MOD(extack, "socket is not a TCP socket");
		return -EINVAL;
	}
	if (offload > KTLSCTL_OFFLOAD_REQUIRE) {
		NL_SET_ERR_MSG_MOD(extack, "unknown offload policy");
		return -EINVAL;
	}

	/* Fail a REQUIRE that cannot be met before touching the socket. */
	if (offload == KTLSCTL_OFFLOAD_REQUIRE) {
		ret = ktlsctl_offload_check(sk, keys, extack);
		if (ret)
			return ret;
	}

	ret = ktlsctl_ulp_attach(sock, extack);
	if (ret)
		return ret;
	ret = ktlsctl_set_dir(sock, keys, c, true, extack);
	if (ret)
		return ret;
	ret = ktlsctl_set_dir(sock, keys, c, false, extack);
	if (ret)
		return ret;

	/*
	 * kTLS chose the device path itself when the route's device offers
	 * it, whatever the policy; report what it chose.
	 */
	lock_sock(sk);
	ctx = tls_get_ctx(sk);
	*tx_mode = ctx->tx_conf == TLS_HW ? KTLSCTL_KEY_MODE_HW :
					    KTLSCTL_KEY_MODE_SW;
	*rx_mode = ctx->rx_conf == TLS_HW ? KTLSCTL_KEY_MODE_HW :
					    KTLSCTL_KEY_MODE_SW;
	release_sock(sk);

	if (offload == KTLSCTL_OFFLOAD_REQUIRE &&
	    (*tx_mode != KTLSCTL_KEY_MODE_HW || *rx_mode != KTLSCTL_KEY_MODE_HW)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "offload required, but kTLS chose software for a direction");
		return -EOPNOTSUPP;
	}
	return 0;
}
