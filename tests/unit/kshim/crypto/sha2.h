/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: sha256() on libcrypto. */
#ifndef _KSHIM_CRYPTO_SHA2_H
#define _KSHIM_CRYPTO_SHA2_H

#include <openssl/sha.h>
#include <linux/types.h>

#define SHA256_DIGEST_SIZE	32

static inline void sha256(const u8 *data, unsigned int len, u8 *out)
{
	SHA256(data, len, out);
}

#endif
