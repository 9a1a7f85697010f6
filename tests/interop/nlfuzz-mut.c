// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-nlfuzz: mutations of a generated message. The netlink framing
 * stays sound (nlmsg_len is the length sent, so every message gets its own
 * answer); everything inside it may break: the genetlink header, attribute
 * lengths and types, nests, order, duplicates, truncation, stray bytes.
 */
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"

#define NLF_ATTRS_AT	(NLMSG_HDRLEN + GENL_HDRLEN)
#define NLF_MAX_WALK	256

static void nlf_set_len(struct nlf_msg *m, size_t len)
{
	m->len = len;
	((struct nlmsghdr *)m->buf)->nlmsg_len = (uint32_t)len;
}

/* Offsets of the well-formed top-level attributes. */
static unsigned int nlf_walk(const struct nlf_msg *m, size_t *off)
{
	size_t at = NLF_ATTRS_AT;
	unsigned int n = 0;

	while (at + NLA_HDRLEN <= m->len && n < NLF_MAX_WALK) {
		const struct nlattr *a = (const struct nlattr *)(m->buf + at);

		if (a->nla_len < NLA_HDRLEN || at + a->nla_len > m->len)
			break;
		off[n++] = at;
		at += NLA_ALIGN(a->nla_len);
	}
	return n;
}

static struct nlattr *nlf_pick(struct nlf_rng *r, struct nlf_msg *m)
{
	size_t off[NLF_MAX_WALK];
	unsigned int n = nlf_walk(m, off);

	return n ? (struct nlattr *)(m->buf + off[nlf_below(r, n)]) : NULL;
}

/* Inserts @len bytes at @at (room permitting). */
static bool nlf_insert(struct nlf_msg *m, size_t at, const void *p,
		       size_t len)
{
	if (at > m->len || m->len + len > sizeof(m->buf))
		return false;
	memmove(m->buf + at + len, m->buf + at, m->len - at);
	memcpy(m->buf + at, p, len);
	nlf_set_len(m, m->len + len);
	return true;
}

static void nlf_remove(struct nlf_msg *m, size_t at, size_t len)
{
	if (len > m->len - at)
		len = m->len - at;	/* the last one, unpadded */
	memmove(m->buf + at, m->buf + at + len, m->len - at - len);
	nlf_set_len(m, m->len - len);
}

static void nlf_mut_truncate(struct nlf_rng *r, struct nlf_msg *m)
{
	size_t min = nlf_chance(r, 10) ? NLMSG_HDRLEN : NLF_ATTRS_AT;

	if (m->len > min)
		nlf_set_len(m, min + nlf_below(r, (uint32_t)(m->len - min)));
}

static void nlf_mut_attr_len(struct nlf_rng *r, struct nlf_msg *m)
{
	struct nlattr *a = nlf_pick(r, m);
	static const uint16_t odd[] = { 0, 1, 3, 4, 5, 7, 0xffff };

	if (!a)
		return;
	if (nlf_chance(r, 50))
		a->nla_len = odd[nlf_below(r, sizeof(odd) / sizeof(odd[0]))];
	else
		a->nla_len = (uint16_t)(a->nla_len + nlf_below(r, 9) - 4);
}

static void nlf_mut_type(struct nlf_rng *r, struct nlf_msg *m)
{
	struct nlattr *a = nlf_pick(r, m);
	static const uint16_t odd[] = { 0, 31, 32, 63, 64, 0x3fff, 0xffff };

	if (!a)
		return;
	if (nlf_chance(r, 60))
		a->nla_type = (uint16_t)((a->nla_type & NLA_F_NESTED) |
					 (1 + nlf_below(r, 30)));
	else
		a->nla_type = odd[nlf_below(r, sizeof(odd) / sizeof(odd[0]))];
}

/* Payload one or a few bytes longer or shorter: a u32 of 3 or 5 bytes. */
static void nlf_mut_resize(struct nlf_rng *r, struct nlf_msg *m)
{
	struct nlattr *a = nlf_pick(r, m);
	size_t at, plen, nlen;
	unsigned char pad[8] = { 0 };

	if (!a)
		return;
	at = (size_t)((unsigned char *)a - m->buf);
	plen = a->nla_len - NLA_HDRLEN;
	nlen = nlf_chance(r, 50) ? plen + 1 + nlf_below(r, 4) :
	       plen > 4 ? plen - 1 - nlf_below(r, 4) : nlf_below(r, 3);
	nlf_remove(m, at, NLA_ALIGN(a->nla_len));
	{
		unsigned char tmp[NLA_HDRLEN + 72];
		struct nlattr *b = (struct nlattr *)tmp;
		size_t i;

		if (nlen > 64)
			nlen = 64;
		b->nla_type = a->nla_type;
		b->nla_len = (uint16_t)(NLA_HDRLEN + nlen);
		for (i = 0; i < nlen; i++)
			tmp[NLA_HDRLEN + i] = (unsigned char)nlf_rand(r);
		memcpy(tmp + NLA_HDRLEN + nlen, pad, NLA_ALIGN(nlen) - nlen);
		nlf_insert(m, at, tmp, NLA_HDRLEN + NLA_ALIGN(nlen));
	}
}

/* A nest of garbage, or of attributes of garbage. */
static void nlf_mut_nest(struct nlf_rng *r, struct nlf_msg *m)
{
	unsigned char tmp[NLA_HDRLEN + 64];
	struct nlattr *a = (struct nlattr *)tmp;
	size_t n = 4 * nlf_below(r, 16), i;

	for (i = 0; i < n; i++)
		tmp[NLA_HDRLEN + i] = (unsigned char)nlf_rand(r);
	if (n >= 8 && nlf_chance(r, 50)) {
		struct nlattr *in = (struct nlattr *)(tmp + NLA_HDRLEN);

		in->nla_len = (uint16_t)(NLA_HDRLEN + nlf_below(r, 8));
		in->nla_type = (uint16_t)nlf_below(r, 8);
	}
	a->nla_type = (uint16_t)((nlf_chance(r, 80) ? NLA_F_NESTED : 0) |
				 (1 + nlf_below(r, 28)));
	a->nla_len = (uint16_t)(NLA_HDRLEN + n);
	nlf_insert(m, nlf_chance(r, 50) ? NLF_ATTRS_AT : m->len, tmp,
		   NLA_HDRLEN + n);
}

static void nlf_mut_duplicate(struct nlf_rng *r, struct nlf_msg *m)
{
	static unsigned char tmp[0x10000];
	struct nlattr *a = nlf_pick(r, m);
	size_t len;

	if (!a)
		return;
	len = NLA_ALIGN(a->nla_len);
	memcpy(tmp, a, len);
	nlf_insert(m, nlf_chance(r, 50) ? NLF_ATTRS_AT : m->len, tmp, len);
}

/* The attributes in reverse order. */
static void nlf_mut_reorder(struct nlf_rng *r, struct nlf_msg *m)
{
	static unsigned char tmp[NLF_BUF];
	size_t off[NLF_MAX_WALK], at = NLF_ATTRS_AT, end;
	unsigned int n = nlf_walk(m, off), i;

	(void)r;
	if (n < 2)
		return;
	end = off[n - 1] +
	      NLA_ALIGN(((struct nlattr *)(m->buf + off[n - 1]))->nla_len);
	for (i = n; i-- > 0;) {
		size_t len = NLA_ALIGN(((struct nlattr *)(m->buf + off[i]))->nla_len);

		memcpy(tmp + at, m->buf + off[i], len);
		at += len;
	}
	memcpy(m->buf + NLF_ATTRS_AT, tmp + NLF_ATTRS_AT, end - NLF_ATTRS_AT);
}

static void nlf_mut_flip(struct nlf_rng *r, struct nlf_msg *m)
{
	unsigned int n = 1 + nlf_below(r, 4), i;

	if (m->len <= NLF_ATTRS_AT)
		return;
	for (i = 0; i < n; i++)
		m->buf[NLF_ATTRS_AT + nlf_below(r, (uint32_t)(m->len - NLF_ATTRS_AT))] ^=
			(unsigned char)(1 << nlf_below(r, 8));
}

static void nlf_mut_header(struct nlf_rng *r, struct nlf_msg *m)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;
	struct genlmsghdr *g = (struct genlmsghdr *)(m->buf + NLMSG_HDRLEN);
	static const uint16_t flags[] = { NLM_F_ECHO, NLM_F_ROOT, NLM_F_MATCH,
					  NLM_F_ATOMIC, NLM_F_REPLACE,
					  NLM_F_CREATE, NLM_F_DUMP_INTR,
					  0x8000 };

	switch (nlf_below(r, 3)) {
	case 0:
		g->reserved = (uint16_t)(1 + nlf_below(r, 0xffff));
		break;
	case 1:
		nlh->nlmsg_flags |= flags[nlf_below(r, sizeof(flags) /
						    sizeof(flags[0]))];
		break;
	default:
		g->version = (uint8_t)nlf_rand(r);
		break;
	}
}

static void nlf_mut_drop(struct nlf_rng *r, struct nlf_msg *m)
{
	struct nlattr *a = nlf_pick(r, m);

	if (a)
		nlf_remove(m, (size_t)((unsigned char *)a - m->buf),
			   NLA_ALIGN(a->nla_len));
}

static void nlf_mut_trailing(struct nlf_rng *r, struct nlf_msg *m)
{
	unsigned char junk[3] = { 0xff, 0x00, 0x07 };

	nlf_insert(m, m->len, junk, 1 + nlf_below(r, 3));
}

static void nlf_mut_nested_flag(struct nlf_rng *r, struct nlf_msg *m)
{
	struct nlattr *a = nlf_pick(r, m);

	if (a)
		a->nla_type ^= nlf_chance(r, 80) ? NLA_F_NESTED :
			       NLA_F_NET_BYTEORDER;
}

static const struct {
	const char *name;
	void (*fn)(struct nlf_rng *r, struct nlf_msg *m);
} nlf_mutations[] = {
	{ "truncate", nlf_mut_truncate },
	{ "attr-len", nlf_mut_attr_len },
	{ "type", nlf_mut_type },
	{ "resize", nlf_mut_resize },
	{ "nest", nlf_mut_nest },
	{ "duplicate", nlf_mut_duplicate },
	{ "reorder", nlf_mut_reorder },
	{ "flip", nlf_mut_flip },
	{ "header", nlf_mut_header },
	{ "drop", nlf_mut_drop },
	{ "trailing", nlf_mut_trailing },
	{ "nested-flag", nlf_mut_nested_flag },
};

/* None (a plausible message as it is), or one to three mutations. */
void nlf_mutate(struct nlf_rng *r, struct nlf_msg *m)
{
	unsigned int n, i, k;

	if (nlf_chance(r, 25))
		return;
	n = 1 + nlf_below(r, 3);
	for (i = 0; i < n; i++) {
		k = nlf_below(r, sizeof(nlf_mutations) /
				 sizeof(nlf_mutations[0]));
		nlf_mutations[k].fn(r, m);
		m->mutation = nlf_mutations[k].name;
	}
}
