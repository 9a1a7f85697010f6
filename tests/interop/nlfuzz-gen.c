// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-nlfuzz: plausible messages for every command. What a command
 * takes, the kind, bounds and enum of each attribute come from the tables
 * libktlsctl generates from the spec; values sit mostly inside the bounds
 * and sometimes just outside. Ids and fds come from the world the run
 * made: live requests, finished ones, the credentials and policies added.
 */
#include <errno.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"

uint32_t nlf_rand(struct nlf_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

uint32_t nlf_below(struct nlf_rng *r, uint32_t n)
{
	return n ? nlf_rand(r) % n : 0;
}

bool nlf_chance(struct nlf_rng *r, unsigned int percent)
{
	return nlf_below(r, 100) < percent;
}

const struct ktlsctl_op_desc *nlf_op(uint8_t cmd)
{
	unsigned int i;

	for (i = 0; i < ktlsctl_n_ops; i++)
		if (ktlsctl_ops[i].cmd == cmd)
			return &ktlsctl_ops[i];
	return NULL;
}

void nlf_header(struct nlf_msg *m, const struct nlf_world *w, uint8_t cmd,
		bool dump)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;
	struct genlmsghdr *g = (struct genlmsghdr *)(m->buf + NLMSG_HDRLEN);

	memset(m->buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_type = w->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	g->cmd = cmd;
	g->version = KTLSCTL_FAMILY_VERSION;
	m->len = NLMSG_HDRLEN + GENL_HDRLEN;
	m->cmd = cmd;
	m->dump = dump;
	m->mutation = "none";
}

static void nlf_fix_len(struct nlf_msg *m)
{
	((struct nlmsghdr *)m->buf)->nlmsg_len = (uint32_t)m->len;
}

void nlf_put_attr(struct nlf_msg *m, uint16_t type, const void *data,
		  size_t len)
{
	struct nlattr *a = (struct nlattr *)(m->buf + m->len);
	size_t total = NLA_ALIGN(NLA_HDRLEN + len);

	if (m->len + total > sizeof(m->buf) || len > 0xffff - NLA_HDRLEN)
		return;
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy(m->buf + m->len + NLA_HDRLEN, data, len);
	memset(m->buf + m->len + NLA_HDRLEN + len, 0,
	       total - NLA_HDRLEN - len);
	m->len += total;
	nlf_fix_len(m);
}

void nlf_put_u32(struct nlf_msg *m, uint16_t type, uint32_t v)
{
	nlf_put_attr(m, type, &v, sizeof(v));
}

static const char nlf_name_chars[] =
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:@+-";

static size_t nlf_gen_string(struct nlf_rng *r,
			     const struct ktlsctl_attr_desc *d,
			     unsigned char *out)
{
	size_t max = d->max_len ? d->max_len : 300, len, i;

	len = nlf_chance(r, 85) ? 1 + nlf_below(r, max < 24 ? max : 24) :
	      nlf_below(r, (uint32_t)max + 3);
	for (i = 0; i < len; i++)
		out[i] = nlf_chance(r, 97) ?
			 (unsigned char)nlf_name_chars[nlf_below(r,
					sizeof(nlf_name_chars) - 1)] :
			 (unsigned char)nlf_rand(r);
	if (nlf_chance(r, 96))
		out[len++] = 0;
	return len;
}

static size_t nlf_gen_binary(struct nlf_rng *r,
			     const struct ktlsctl_attr_desc *d,
			     unsigned char *out)
{
	static const size_t sizes[] = { 0, 1, 4, 12, 16, 31, 32, 33, 64, 65,
					255, 256, 1000 };
	size_t len, i;

	if (nlf_chance(r, 40) && d->min_len)
		len = d->min_len - 1 + nlf_below(r, 3);
	else if (nlf_chance(r, 1))
		len = KTLSCTL_BLOB_MAX_LEN - 1 + nlf_below(r, 3);
	else
		len = sizes[nlf_below(r, sizeof(sizes) / sizeof(sizes[0]))];
	if (len && nlf_chance(r, 30)) {
		static const char pem[] = "-----BEGIN CERTIFICATE-----\nMII";

		for (i = 0; i < len; i++)
			out[i] = (unsigned char)nlf_name_chars[nlf_below(r, 62)];
		memcpy(out, pem, len < sizeof(pem) - 1 ? len : sizeof(pem) - 1);
		return len;
	}
	for (i = 0; i < len; i++)
		out[i] = (unsigned char)nlf_rand(r);
	if (len >= 4 && nlf_chance(r, 30)) {
		out[0] = 0x30;	/* a DER SEQUENCE, of some length */
		out[1] = 0x82;
	}
	return len;
}

/* An id: of a live request, a finished one, a policy, or anything. */
static uint32_t nlf_gen_id(struct nlf_rng *r, const struct nlf_world *w,
			   bool policy)
{
	unsigned int k = nlf_below(r, 10);

	if (policy && w->n_policies && k < 6)
		return w->policies[nlf_below(r, w->n_policies)].id;
	if (!policy && w->n_live && k < 6)
		return w->live_ids[nlf_below(r, w->n_live)];
	if (!policy && w->n_done && k < 8)
		return w->done_ids[nlf_below(r, w->n_done)];
	return k == 9 ? nlf_rand(r) : nlf_below(r, 4);
}

static int32_t nlf_gen_fd(struct nlf_rng *r, const struct nlf_world *w)
{
	static const int32_t odd[] = { -1, 0, 1, 2, 1023, 0x7fffffff,
				       (int32_t)0x80000000 };
	unsigned int k = nlf_below(r, 10);

	if (w->n_live && k < 6)
		return w->live_fds[nlf_below(r, w->n_live)];
	if (k < 8)
		return w->other_fd;
	return odd[nlf_below(r, sizeof(odd) / sizeof(odd[0]))];
}

static uint64_t nlf_gen_int(struct nlf_rng *r, const struct nlf_world *w,
			    const struct ktlsctl_attr_set *set, unsigned int type,
			    const struct ktlsctl_attr_desc *d)
{
	if (d->enum_desc && nlf_chance(r, 85))
		return d->enum_desc->entries[nlf_below(r, d->enum_desc->n)].value;
	if (set == &ktlsctl_request_set) {
		switch (type) {
		case KTLSCTL_A_REQUEST_ID:
			return nlf_gen_id(r, w, false);
		case KTLSCTL_A_REQUEST_SOCKFD:
			return (uint32_t)nlf_gen_fd(r, w);
		case KTLSCTL_A_REQUEST_STATUS:
			return nlf_chance(r, 50) ? 0 : nlf_chance(r, 80) ?
			       EACCES : 4095 + nlf_below(r, 3);
		case KTLSCTL_A_REQUEST_HANDLER_VERSION:
			return nlf_below(r, 4);
		}
	}
	if (set == &ktlsctl_policy_set && type == KTLSCTL_A_POLICY_ID)
		return nlf_gen_id(r, w, true);
	if (d->has_max && nlf_chance(r, 80))
		return d->max - 2 + nlf_below(r, 4);
	return nlf_chance(r, 50) ? nlf_below(r, 5) : nlf_rand(r);
}

static void nlf_gen_set(struct nlf_rng *r, const struct nlf_world *w,
			struct nlf_msg *m, const struct ktlsctl_attr_set *set,
			uint64_t mask, unsigned int depth);

static void nlf_gen_attr(struct nlf_rng *r, const struct nlf_world *w,
			 struct nlf_msg *m, const struct ktlsctl_attr_set *set,
			 unsigned int type, unsigned int depth)
{
	const struct ktlsctl_attr_desc *d = &set->attrs[type];
	static unsigned char val[KTLSCTL_BLOB_MAX_LEN + 8];
	uint64_t v;
	size_t len = 0, start;

	switch (d->kind) {
	case KTLSCTL_KIND_U8:
	case KTLSCTL_KIND_U16:
	case KTLSCTL_KIND_U32:
	case KTLSCTL_KIND_S32:
	case KTLSCTL_KIND_U64:
		v = nlf_gen_int(r, w, set, type, d);
		len = d->kind == KTLSCTL_KIND_U8 ? 1 :
		      d->kind == KTLSCTL_KIND_U16 ? 2 :
		      d->kind == KTLSCTL_KIND_U64 ? 8 : 4;
		if (d->kind == KTLSCTL_KIND_U16 && d->big_endian)
			v = (uint16_t)((v >> 8 | v << 8) & 0xffff);
		memcpy(val, &v, len);	/* little-endian host */
		break;
	case KTLSCTL_KIND_STRING:
		if (set == &ktlsctl_cred_set && type == KTLSCTL_A_CRED_NAME &&
		    w->n_creds && nlf_chance(r, 50)) {
			const char *name =
				w->creds[nlf_below(r, w->n_creds)].name;

			len = strlen(name) + 1;
			memcpy(val, name, len);
			break;
		}
		len = nlf_gen_string(r, d, val);
		break;
	case KTLSCTL_KIND_BINARY:
		len = nlf_gen_binary(r, d, val);
		if (set == &ktlsctl_addr_set && nlf_chance(r, 80))
			len = nlf_chance(r, 50) ? 4 : 16;
		break;
	case KTLSCTL_KIND_NEST:
		start = m->len;
		nlf_put_attr(m, (uint16_t)(type | NLA_F_NESTED), NULL, 0);
		if (depth < 3)
			nlf_gen_set(r, w, m, d->nest, ~0ULL, depth + 1);
		((struct nlattr *)(m->buf + start))->nla_len =
			(uint16_t)(m->len - start);
		return;
	default:
		break;
	}
	nlf_put_attr(m, (uint16_t)type, val, len);
}

static void nlf_gen_set(struct nlf_rng *r, const struct nlf_world *w,
			struct nlf_msg *m, const struct ktlsctl_attr_set *set,
			uint64_t mask, unsigned int depth)
{
	unsigned int type, n, i;

	for (type = 1; type <= set->max; type++) {
		if (!(mask & (1ULL << type)) ||
		    set->attrs[type].kind == KTLSCTL_KIND_UNUSED ||
		    set->attrs[type].kind == KTLSCTL_KIND_PAD ||
		    !nlf_chance(r, 80))
			continue;
		n = set->attrs[type].multi ? 1 + nlf_below(r, 3) : 1;
		for (i = 0; i < n; i++)
			nlf_gen_attr(r, w, m, set, type, depth);
	}
}

/* cred-add shaped for one type: deeper than a mix of everything. */
static uint64_t nlf_cred_mask(struct nlf_rng *r, struct nlf_msg *m)
{
	static const uint64_t by_type[] = {
		[KTLSCTL_CRED_TYPE_CERT] = 1ULL << KTLSCTL_A_CRED_CERT |
			1ULL << KTLSCTL_A_CRED_KEY |
			1ULL << KTLSCTL_A_CRED_CERT_PATH |
			1ULL << KTLSCTL_A_CRED_KEY_PATH,
		[KTLSCTL_CRED_TYPE_PSK] = 1ULL << KTLSCTL_A_CRED_PSK_IDENTITY |
			1ULL << KTLSCTL_A_CRED_PSK_SECRET |
			1ULL << KTLSCTL_A_CRED_PSK_HASH |
			1ULL << KTLSCTL_A_CRED_PSK_SECRET_PATH,
		[KTLSCTL_CRED_TYPE_TRUST] = 1ULL << KTLSCTL_A_CRED_CA |
			1ULL << KTLSCTL_A_CRED_CRL |
			1ULL << KTLSCTL_A_CRED_CA_PATH |
			1ULL << KTLSCTL_A_CRED_CRL_PATH,
	};
	uint32_t type = 1 + nlf_below(r, 3);

	nlf_put_u32(m, KTLSCTL_A_CRED_TYPE, type);
	return by_type[type] | 1ULL << KTLSCTL_A_CRED_NAME;
}

void nlf_gen_cmd(struct nlf_rng *r, const struct nlf_world *w,
		 struct nlf_msg *m, uint8_t cmd, bool dump)
{
	const struct ktlsctl_op_desc *op = nlf_op(cmd);
	uint64_t mask;

	nlf_header(m, w, cmd, dump);
	((struct nlmsghdr *)m->buf)->nlmsg_len = (uint32_t)m->len;
	if (!op) {
		if (nlf_chance(r, 50))
			nlf_gen_set(r, w, m, &ktlsctl_request_set, ~0ULL, 0);
		return;
	}
	mask = dump ? op->dump_attrs : op->do_attrs;
	if (op->is_event || nlf_chance(r, 3))
		mask = ~0ULL;	/* what the command does not take, too */
	if (cmd == KTLSCTL_CMD_CRED_ADD && nlf_chance(r, 70))
		mask = nlf_cred_mask(r, m);
	nlf_gen_set(r, w, m, op->set, mask, 0);
}

/* Mostly the commands the family serves, the way it serves them. */
void nlf_gen(struct nlf_rng *r, const struct nlf_world *w, struct nlf_msg *m)
{
	static const uint8_t odd[] = { 0, KTLSCTL_CMD_MAX + 1, 0x7f, 0xff };
	const struct ktlsctl_op_desc *op;
	unsigned int k = nlf_below(r, 100);

	if (k < 3) {
		nlf_gen_cmd(r, w, m, odd[nlf_below(r, sizeof(odd))], false);
		return;
	}
	do
		op = &ktlsctl_ops[nlf_below(r, ktlsctl_n_ops)];
	while (op->is_event && k >= 6);
	if (k < 10)	/* the other kind: do as dump, dump as do */
		nlf_gen_cmd(r, w, m, op->cmd, !op->has_dump);
	else
		nlf_gen_cmd(r, w, m, op->cmd, op->has_dump);
}
