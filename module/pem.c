// SPDX-License-Identifier: GPL-2.0
/*
 * PEM framing for x509.c and x509-key.c: BEGIN/END blocks found in text
 * (anything between blocks is skipped, as OpenSSL does), and a strict
 * base64 decoder that skips whitespace. The kernel's base64_decode()
 * neither skips whitespace nor checks where '=' stands.
 */
#include <linux/slab.h>
#include <net/netlink.h>

#include "der.h"

/* Where @str first occurs in @p[0..@len), or @len. */
static size_t find(const u8 *p, size_t len, const char *str)
{
	size_t n = strlen(str), i;

	for (i = 0; n <= len && i <= len - n; i++)
		if (!memcmp(p + i, str, n))
			return i;
	return len;
}

/**
 * ktlsctl_pem_text() - is a blob PEM rather than DER?
 * @data: the blob
 * @len: its length
 *
 * Every DER object we accept is a SEQUENCE, whose first byte (0x30, '0')
 * does not start a PEM file.
 *
 * Return: true for PEM (or garbage), false for DER (or an empty blob).
 */
bool ktlsctl_pem_text(const u8 *data, size_t len)
{
	return len && data[0] != DER_SEQ;
}

/**
 * ktlsctl_pem_next() - find the next PEM block
 * @in: the text left; advanced past the block's END line
 * @blk: filled with the block's label and body
 * @extack: netlink extended ack for the error message
 *
 * Text before a BEGIN line and after an END line is skipped.
 *
 * Return: 1 with @blk filled, 0 when no BEGIN line is left, or -EINVAL
 * for a BEGIN line without its label or its matching END line.
 */
int ktlsctl_pem_next(struct ktlsctl_der *in, struct ktlsctl_pem *blk,
		     struct netlink_ext_ack *extack)
{
	static const char begin[] = "-----BEGIN ", end[] = "-----END ";
	const u8 *s = in->p;
	size_t n = in->len, i, j;

	i = find(s, n, begin);
	if (i == n) {
		in->p += n;
		in->len = 0;
		return 0;
	}
	i += sizeof(begin) - 1;
	j = i + find(s + i, n - i, "-----");
	if (j == n || memchr(s + i, '\n', j - i))
		goto bad_begin;
	blk->label = (const char *)s + i;
	blk->label_len = j - i;
	for (i = j + 5; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r');)
		i++;
	if (i == n || s[i++] != '\n')
		goto bad_begin;

	j = i + find(s + i, n - i, end);
	if (j == n)
		goto bad_end;
	blk->body = s + i;
	blk->body_len = j - i;
	j += sizeof(end) - 1;
	if (n - j < blk->label_len + 5 ||
	    memcmp(s + j, blk->label, blk->label_len) ||
	    memcmp(s + j + blk->label_len, "-----", 5))
		goto bad_end;
	j += blk->label_len + 5;
	in->p += j;
	in->len -= j;
	return 1;

bad_begin:
	NL_SET_ERR_MSG_MOD(extack, "malformed PEM BEGIN line");
	return -EINVAL;
bad_end:
	NL_SET_ERR_MSG_MOD(extack, "PEM block without its matching END line");
	return -EINVAL;
}

/**
 * ktlsctl_pem_is() - does a PEM block carry a label?
 * @blk: the block
 * @label: e.g. "CERTIFICATE"
 *
 * Return: true if @blk's label is exactly @label.
 */
bool ktlsctl_pem_is(const struct ktlsctl_pem *blk, const char *label)
{
	return blk->label_len == strlen(label) &&
	       !memcmp(blk->label, label, blk->label_len);
}

/**
 * ktlsctl_pem_has() - does a PEM block's body contain a string?
 * @blk: the block
 * @str: e.g. "Proc-Type:"
 *
 * Return: true if it does.
 */
bool ktlsctl_pem_has(const struct ktlsctl_pem *blk, const char *str)
{
	return find(blk->body, blk->body_len, str) < blk->body_len;
}

static int b64(u8 c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	return c == '/' ? 63 : -1;
}

/**
 * ktlsctl_pem_decode() - decode a PEM block's base64 body
 * @blk: the block
 * @der: set to the decoded bytes, kmalloc'd; the caller frees them (with
 *	kfree_sensitive() if they may be a key)
 * @len: set to their length
 * @extack: netlink extended ack for the error message
 *
 * Whitespace is skipped; anything else outside the base64 alphabet, a
 * missing or misplaced '=' and nonzero padding bits are errors.
 *
 * Return: 0, -EINVAL for bad base64 (nothing allocated), or -ENOMEM.
 */
int ktlsctl_pem_decode(const struct ktlsctl_pem *blk, u8 **der, size_t *len,
		       struct netlink_ext_ack *extack)
{
	unsigned int bits = 0, pad = 0;
	size_t i, n = 0, chars = 0;
	u32 acc = 0;
	u8 *out;
	int v;

	out = kmalloc(blk->body_len / 4 * 3 + 3, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	for (i = 0; i < blk->body_len; i++) {
		u8 c = blk->body[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		chars++;
		if (c == '=' && ++pad <= 2)
			continue;
		v = b64(c);
		if (v < 0 || pad)
			goto bad;
		acc = acc << 6 | v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = acc >> bits;
		}
	}
	if (chars % 4 || (acc & ((1U << bits) - 1)))
		goto bad;
	*der = out;
	*len = n;
	return 0;

bad:
	kfree_sensitive(out);
	NL_SET_ERR_MSG_MOD(extack, "malformed base64 in PEM block");
	return -EINVAL;
}
