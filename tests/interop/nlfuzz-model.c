// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-nlfuzz: the model of what the kernel must do with a message. It
 * parses the bytes sent the way strict genetlink validation does with the
 * generated policies (nlf_attrs_ok()), then applies the rules of the
 * module that make a well-formed message fail anyway (nlf_semantic()).
 */
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"

#define NLF_ATTRS_AT	(NLMSG_HDRLEN + GENL_HDRLEN)

static const char nlf_ok_chars[] =
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:@+-";

static bool nlf_int_ok(const struct ktlsctl_attr_desc *d, const void *p,
		       size_t len)
{
	uint64_t v = 0;
	unsigned int i;

	if (len != (d->kind == KTLSCTL_KIND_U8 ? 1u :
		    d->kind == KTLSCTL_KIND_U16 ? 2u :
		    d->kind == KTLSCTL_KIND_U64 ? 8u : 4u))
		return false;
	memcpy(&v, p, len);
	if (d->enum_desc) {
		uint32_t lo = UINT32_MAX, hi = 0;

		for (i = 0; i < d->enum_desc->n; i++) {
			uint32_t e = d->enum_desc->entries[i].value;

			lo = e < lo ? e : lo;
			hi = e > hi ? e : hi;
		}
		return v >= lo && v <= hi;
	}
	return (!d->has_min || v >= d->min) && (!d->has_max || v <= d->max);
}

/* NLA_NUL_STRING with .len = max_len, as lib/nlattr.c checks it. */
static bool nlf_string_ok(const struct ktlsctl_attr_desc *d,
			  const unsigned char *p, size_t len)
{
	size_t minlen = d->max_len ? (len < d->max_len + 1u ? len :
				      d->max_len + 1u) : len;

	if (!minlen || !memchr(p, 0, minlen))
		return false;
	if (d->max_len) {
		if (p[len - 1] == 0)
			len--;
		if (len > d->max_len)
			return false;
	}
	return true;
}

/* Strict validation of an attribute stream against a set and a mask. */
static bool nlf_attrs_ok(const unsigned char *p, size_t len,
			 const struct ktlsctl_attr_set *set, uint64_t mask,
			 const struct nlattr **tb)
{
	size_t at = 0;

	while (at < len) {
		const struct nlattr *a = (const struct nlattr *)(p + at);
		const struct ktlsctl_attr_desc *d;
		unsigned int type;
		size_t plen;

		if (len - at < NLA_HDRLEN || a->nla_len < NLA_HDRLEN ||
		    a->nla_len > len - at)
			return false;
		type = a->nla_type & NLA_TYPE_MASK;
		if (!type || type > set->max || type > 63 ||
		    !(mask & (1ULL << type)))
			return false;
		d = &set->attrs[type];
		plen = a->nla_len - NLA_HDRLEN;
		if ((d->kind == KTLSCTL_KIND_NEST) !=
		    !!(a->nla_type & NLA_F_NESTED))
			return false;
		switch (d->kind) {
		case KTLSCTL_KIND_U8:
		case KTLSCTL_KIND_U16:
		case KTLSCTL_KIND_U32:
		case KTLSCTL_KIND_S32:
		case KTLSCTL_KIND_U64:
			if (!nlf_int_ok(d, p + at + NLA_HDRLEN, plen))
				return false;
			break;
		case KTLSCTL_KIND_STRING:
			if (!nlf_string_ok(d, p + at + NLA_HDRLEN, plen))
				return false;
			break;
		case KTLSCTL_KIND_BINARY:
			if (plen < d->min_len ||
			    (d->exact_len && plen != d->exact_len))
				return false;
			break;
		case KTLSCTL_KIND_NEST:
			if (!nlf_attrs_ok(p + at + NLA_HDRLEN, plen, d->nest,
					  ~0ULL, NULL))
				return false;
			break;
		default:
			return false;	/* pad, unused */
		}
		if (tb)
			tb[type] = a;
		at += NLA_ALIGN(a->nla_len);
	}
	return true;
}

uint32_t nlf_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (a)
		memcpy(&v, (const unsigned char *)a + NLA_HDRLEN, sizeof(v));
	return v;
}

static size_t nlf_plen(const struct nlattr *a)
{
	return a ? a->nla_len - NLA_HDRLEN : 0;
}

const char *nlf_str(const struct nlattr *a)
{
	return a ? (const char *)a + NLA_HDRLEN : NULL;
}

static bool nlf_name_ok(const char *s)
{
	if (!s || !*s)
		return false;
	return strspn(s, nlf_ok_chars) == strlen(s);
}

static bool nlf_have_cred(const struct nlf_world *w, uint32_t type,
			  const char *name)
{
	unsigned int i;

	for (i = 0; name && i < w->n_creds; i++)
		if (w->creds[i].type == type && !strcmp(w->creds[i].name, name))
			return true;
	return false;
}

/* An address selector the module refuses (policy-nl.c). */
static bool nlf_bad_sel(const struct nlattr *nest)
{
	const struct nlattr *tb[KTLSCTL_A_ADDR_MAX + 1] = { NULL };
	size_t alen;

	if (!nest)
		return false;
	nlf_attrs_ok((const unsigned char *)nest + NLA_HDRLEN, nlf_plen(nest),
		     &ktlsctl_addr_set, ~0ULL, tb);
	alen = nlf_plen(tb[KTLSCTL_A_ADDR_ADDR]);
	if (!tb[KTLSCTL_A_ADDR_ADDR]) {
		uint16_t port = 0;

		if (tb[KTLSCTL_A_ADDR_PORT])
			memcpy(&port, (const unsigned char *)tb[KTLSCTL_A_ADDR_PORT] +
			       NLA_HDRLEN, 2);
		return tb[KTLSCTL_A_ADDR_PREFIX_LEN] || !port;
	}
	if (alen != 4 && alen != 16)
		return true;
	return tb[KTLSCTL_A_ADDR_PREFIX_LEN] &&
	       *((const uint8_t *)tb[KTLSCTL_A_ADDR_PREFIX_LEN] + NLA_HDRLEN) >
	       alen * 8;
}

/* Lists of policy-add: ciphers twice, too many or odd ALPN identifiers. */
static bool nlf_bad_lists(const struct nlf_msg *m)
{
	size_t at = NLF_ATTRS_AT;
	uint32_t seen = 0, c;
	unsigned int alpn = 0;

	while (at + NLA_HDRLEN <= m->len) {
		const struct nlattr *a = (const struct nlattr *)(m->buf + at);
		unsigned int type = a->nla_type & NLA_TYPE_MASK;

		if (type == KTLSCTL_A_POLICY_CIPHER) {
			c = nlf_u32(a);
			if (seen & (1U << c))
				return true;
			seen |= 1U << c;
		} else if (type == KTLSCTL_A_POLICY_ALPN) {
			if (++alpn > 16 || nlf_plen(a) > KTLSCTL_ALPN_MAX_LEN ||
			    memchr(nlf_str(a), 0, nlf_plen(a)))
				return true;
		}
		at += NLA_ALIGN(a->nla_len);
	}
	return false;
}

static bool nlf_policy_refused(const struct nlf_msg *m,
			       const struct nlf_world *w,
			       const struct nlattr **tb)
{
	uint32_t role = nlf_u32(tb[KTLSCTL_A_POLICY_ROLE]);
	uint32_t auth = nlf_u32(tb[KTLSCTL_A_POLICY_AUTH]);
	uint32_t lo = nlf_u32(tb[KTLSCTL_A_POLICY_TLS_MIN]);
	uint32_t hi = nlf_u32(tb[KTLSCTL_A_POLICY_TLS_MAX]);
	const char *psk = nlf_str(tb[KTLSCTL_A_POLICY_PSK]);
	bool cred = tb[KTLSCTL_A_POLICY_CRED];
	unsigned int i;

	for (i = KTLSCTL_A_POLICY_PEER_NAME; i <= KTLSCTL_A_POLICY_PSK; i++)
		if (tb[i] && !*nlf_str(tb[i]))
			return true;	/* empty string */
	if (cred || tb[KTLSCTL_A_POLICY_TRUST] ||
	    (psk && !nlf_have_cred(w, KTLSCTL_CRED_TYPE_PSK, psk)))
		return true;	/* the run never adds a certificate */
	if (lo && hi && lo > hi)
		return true;
	if (auth == KTLSCTL_AUTH_ANON &&
	    (role == KTLSCTL_ROLE_SERVER || cred || psk))
		return true;
	if (auth == KTLSCTL_AUTH_PSK && !psk)
		return true;
	if (auth == KTLSCTL_AUTH_X509 && role == KTLSCTL_ROLE_SERVER && !cred)
		return true;
	return nlf_bad_sel(tb[KTLSCTL_A_POLICY_SRC]) ||
	       nlf_bad_sel(tb[KTLSCTL_A_POLICY_DST]) || nlf_bad_lists(m);
}

/* Only a PSK can be right: the run's certificates are all garbage. */
static bool nlf_cred_refused(const struct nlf_world *w,
			     const struct nlattr **tb)
{
	static const uint16_t alien[] = { KTLSCTL_A_CRED_CERT,
		KTLSCTL_A_CRED_KEY, KTLSCTL_A_CRED_CA, KTLSCTL_A_CRED_CRL,
		KTLSCTL_A_CRED_CERT_PATH, KTLSCTL_A_CRED_KEY_PATH,
		KTLSCTL_A_CRED_CA_PATH, KTLSCTL_A_CRED_CRL_PATH };
	const char *name = nlf_str(tb[KTLSCTL_A_CRED_NAME]);
	size_t id = nlf_plen(tb[KTLSCTL_A_CRED_PSK_IDENTITY]);
	size_t secret = nlf_plen(tb[KTLSCTL_A_CRED_PSK_SECRET]);
	unsigned int i;

	if (nlf_u32(tb[KTLSCTL_A_CRED_TYPE]) != KTLSCTL_CRED_TYPE_PSK ||
	    !nlf_name_ok(name) || !id || id > KTLSCTL_PSK_IDENTITY_MAX_LEN ||
	    !secret || secret > 64 ||
	    nlf_have_cred(w, KTLSCTL_CRED_TYPE_PSK, name))
		return true;
	for (i = 0; i < sizeof(alien) / sizeof(alien[0]); i++)
		if (tb[alien[i]])
			return true;
	return false;
}

static bool nlf_semantic(const struct nlf_msg *m, const struct nlf_world *w,
			 bool owner, const struct nlattr **tb,
			 struct nlf_verdict *v)
{
	unsigned int i, queued = 0;

	for (i = 0; i < w->n_live; i++)
		queued += w->live_fds[i] < 0;
	switch (m->cmd) {
	case KTLSCTL_CMD_DONE:
		for (i = 0; i < w->n_live; i++)
			if (owner && w->live_fds[i] >= 0 &&
			    nlf_u32(tb[KTLSCTL_A_REQUEST_ID]) == w->live_ids[i] &&
			    (int32_t)nlf_u32(tb[KTLSCTL_A_REQUEST_SOCKFD]) ==
			    w->live_fds[i])
				v->hits_live = true;
		return true;
	case KTLSCTL_CMD_ACCEPT:
		if (queued && nlf_u32(tb[KTLSCTL_A_REQUEST_HANDLER]) ==
		    KTLSCTL_HANDLER_TLS &&
		    nlf_u32(tb[KTLSCTL_A_REQUEST_HANDLER_VERSION]) - 1 <
		    KTLSCTL_HANDLER_VERSION)
			v->hits_live = true;
		return true;
	case KTLSCTL_CMD_CRED_ADD:
		return nlf_cred_refused(w, tb);
	case KTLSCTL_CMD_CRED_DEL:
		return !nlf_have_cred(w, nlf_u32(tb[KTLSCTL_A_CRED_TYPE]),
				      nlf_str(tb[KTLSCTL_A_CRED_NAME]));
	case KTLSCTL_CMD_POLICY_ADD:
		return nlf_policy_refused(m, w, tb);
	case KTLSCTL_CMD_POLICY_DEL:
		for (i = 0; i < w->n_policies; i++)
			if (w->policies[i].id == nlf_u32(tb[KTLSCTL_A_POLICY_ID]))
				return false;
		return !w->policies_lost;
	default:
		return false;
	}
}

/* The model: @owner when @m goes out on the socket that accepted. */
void nlf_judge(const struct nlf_msg *m, const struct nlf_world *w,
	       bool owner, struct nlf_verdict *v)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)m->buf;
	const struct genlmsghdr *g =
		(const struct genlmsghdr *)(m->buf + NLMSG_HDRLEN);
	const struct nlattr *tb[64] = { NULL };
	const struct ktlsctl_op_desc *op;
	uint16_t flags = nlh->nlmsg_flags;
	bool dump = (flags & NLM_F_DUMP) == NLM_F_DUMP;

	memset(v, 0, sizeof(*v));
	v->refuse = true;
	/* genetlink looks at these before the permission. */
	v->before_perm = true;
	if (m->len < NLF_ATTRS_AT) {
		v->core = true;
		v->why = "genetlink header cut short";
		return;
	}
	op = nlf_op(g->cmd);
	if (!op || op->is_event || (dump ? !op->has_dump : !op->has_do)) {
		v->core = true;	/* genetlink: -EOPNOTSUPP, no message */
		v->why = "no such command";
		return;
	}
	if (dump)
		flags &= ~NLM_F_DUMP;
	if (g->reserved || (flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO))) {
		/* genetlink's check from resv_start_op on; below, ours */
		v->before_perm = g->cmd > KTLSCTL_CMD_CRED_ADD;
		v->why = "reserved header bits";
		return;
	}
	v->before_perm = false;
	if (!nlf_attrs_ok(m->buf + NLF_ATTRS_AT, m->len - NLF_ATTRS_AT, op->set,
			  dump ? op->dump_attrs : op->do_attrs, tb)) {
		v->why = "attributes break the policy";
		return;
	}
	v->refuse = nlf_semantic(m, w, owner, tb, v);
	v->may_succeed = !v->refuse;
	v->why = v->refuse ? "the module's own rules refuse it" : NULL;
}

/* The attributes of @m (the last of each type), whatever its command. */
void nlf_parse(const struct nlf_msg *m, const struct nlattr **tb)
{
	const struct ktlsctl_op_desc *op = nlf_op(m->cmd);

	if (op && m->len >= NLF_ATTRS_AT)
		nlf_attrs_ok(m->buf + NLF_ATTRS_AT, m->len - NLF_ATTRS_AT,
			     op->set, ~0ULL, tb);
}
