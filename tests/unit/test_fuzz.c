// SPDX-License-Identifier: GPL-2.0
/*
 * Random and mutated messages for the parser, the decoders of requests,
 * monitor events, credential and policy listings, and the reply
 * processing: nothing may crash or read out of bounds (built with ASan and
 * UBSan).
 * Usage: unit-fuzz [ITERATIONS [SEED]]
 */
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "check.h"
#include "ktlsctl-priv.h"

#define BUF_SIZE	8192

static uint64_t rng_state;
static unsigned long n_ok, n_bad, n_cred, n_policy;

static uint32_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static const struct ktlsctl_attr_set *const sets[] = {
	&ktlsctl_stats_set, &ktlsctl_status_set, &ktlsctl_crypto_set,
	&ktlsctl_addr_set, &ktlsctl_cred_set, &ktlsctl_request_set,
	&ktlsctl_policy_set, &ktlsctl_config_set,
};

#define N_SETS (sizeof(sets) / sizeof(sets[0]))

static size_t kind_len(const struct ktlsctl_attr_desc *d)
{
	switch (d->kind) {
	case KTLSCTL_KIND_U8:
		return 1;
	case KTLSCTL_KIND_U16:
		return 2;
	case KTLSCTL_KIND_U32:
	case KTLSCTL_KIND_S32:
		return 4;
	case KTLSCTL_KIND_U64:
		return 8;
	case KTLSCTL_KIND_STRING:
		return below(d->max_len ? d->max_len + 3u : 40u);
	case KTLSCTL_KIND_BINARY:
		return below(d->max_len ? d->max_len + 3u : 80u);
	default:
		return 0;
	}
}

static void gen_attrs(struct nlmsghdr *nlh, const struct ktlsctl_attr_set *set,
		      unsigned int depth);

static void gen_attr(struct nlmsghdr *nlh, const struct ktlsctl_attr_set *set,
		     unsigned int depth)
{
	const struct ktlsctl_attr_desc *d;
	unsigned char data[300];
	uint16_t type;
	struct nlattr *nest;
	size_t len, i;

	switch (below(10)) {
	case 0:
		type = (uint16_t)rnd();
		break;
	case 1:
		type = (uint16_t)(set->max + 1 + below(4));
		break;
	default:
		type = (uint16_t)(1 + below(set->max));
	}
	d = &set->attrs[type <= set->max ? type : 0];
	if (d->kind == KTLSCTL_KIND_NEST && depth < 4 && below(4)) {
		nest = mnl_attr_nest_start(nlh, type);
		gen_attrs(nlh, d->nest, depth + 1);
		mnl_attr_nest_end(nlh, nest);
		return;
	}
	len = below(8) ? kind_len(d) : below(20);
	if (len > sizeof(data))
		len = sizeof(data);
	for (i = 0; i < len; i++)
		data[i] = below(3) ? 'a' + below(26) : (unsigned char)rnd();
	if (d->kind == KTLSCTL_KIND_STRING && len && below(8))
		data[len - 1] = '\0';
	if (d->enum_desc && len == 4 && below(4)) {
		uint32_t v = d->enum_desc->entries[below(d->enum_desc->n)].value;

		memcpy(data, &v, 4);
	}
	mnl_attr_put(nlh, type, len, data);
}

static void gen_attrs(struct nlmsghdr *nlh, const struct ktlsctl_attr_set *set,
		      unsigned int depth)
{
	unsigned int i, n = below(12);

	for (i = 0; i < n && nlh->nlmsg_len < BUF_SIZE - 1024; i++)
		gen_attr(nlh, set, depth);
}

static void mutate(unsigned char *p, size_t len)
{
	unsigned int i, n = below(8);

	if (!len)
		return;
	for (i = 0; i < n; i++) {
		size_t at = below((uint32_t)len);

		switch (below(3)) {
		case 0:
			p[at] = (unsigned char)rnd();
			break;
		case 1:
			p[at] ^= (unsigned char)(1u << below(8));
			break;
		default:
			/* Aim at a length field. */
			p[at & ~(size_t)3] = (unsigned char)below(64);
		}
	}
}

/* Parses a nest and everything below it that the tables describe. */
static void parse_deep(const struct nlattr *nest,
		       const struct ktlsctl_attr_set *set, unsigned int depth)
{
	const struct nlattr *tb[64];
	unsigned int t;

	if (depth > 8 || ktlsctl_parse_nested(NULL, nest, set, tb))
		return;
	for (t = 1; t <= set->max; t++)
		if (tb[t] && set->attrs[t].kind == KTLSCTL_KIND_NEST)
			parse_deep(tb[t], set->attrs[t].nest, depth + 1);
}

static void fuzz_parse(struct ktlsctl_sock *sock, char *buf)
{
	const struct ktlsctl_attr_set *set = sets[below(N_SETS)];
	static struct ktlsctl_cred_entry cred;
	static struct ktlsctl_policy pol;
	const struct nlattr *tb[64];
	struct ktlsctl_request req;
	struct ktlsctl_ntf ntf;
	struct nlmsghdr *nlh;
	unsigned char *copy;
	struct genlmsghdr *genl;
	size_t len;
	unsigned int t;

	memset(buf, 0, BUF_SIZE);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = 0x22;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = 1;
	gen_attrs(nlh, set, 0);
	len = nlh->nlmsg_len;
	if (below(4) == 0)
		mutate((unsigned char *)buf + MNL_NLMSG_HDRLEN + GENL_HDRLEN,
		       len - MNL_NLMSG_HDRLEN - GENL_HDRLEN);
	if (below(8) == 0)
		len -= below((uint32_t)(len - MNL_NLMSG_HDRLEN + 1));
	nlh->nlmsg_len = (uint32_t)len;

	/* An exact-size copy, so that any overread is caught. */
	copy = malloc(len);
	memcpy(copy, buf, len);
	nlh = (struct nlmsghdr *)copy;
	if (ktlsctl_parse(below(2) ? sock : NULL, nlh, set, tb)) {
		n_bad++;
	} else {
		n_ok++;
		for (t = 1; t <= set->max; t++)
			if (tb[t] && set->attrs[t].kind == KTLSCTL_KIND_NEST)
				parse_deep(tb[t], set->attrs[t].nest, 0);
	}
	/* The same bytes against another set. */
	ktlsctl_parse(sock, nlh, sets[below(N_SETS)], tb);
	/* And through the decoders of requests, listings, monitor events. */
	ktlsctl_request_parse(sock, nlh, &req);
	if (!ktlsctl_cred_parse(sock, nlh, &cred))
		n_cred++;
	if (!ktlsctl_policy_parse(sock, nlh, &pol))
		n_policy++;
	if (len >= MNL_NLMSG_HDRLEN + GENL_HDRLEN)
		((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd =
			set == &ktlsctl_config_set ? KTLSCTL_CMD_CONFIG_NTF :
						     KTLSCTL_CMD_REQUEST_NTF;
	ktlsctl_ntf_parse(sock, nlh, &ntf);
	free(copy);
}

static int cb(const struct nlmsghdr *nlh, void *data)
{
	struct ktlsctl_sock *sock = data;
	const struct nlattr *tb[64];

	ktlsctl_parse(sock, nlh, sets[below(N_SETS)], tb);
	return below(16) ? 0 : -1;
}

/* A datagram of replies, errors and dones, then mutated. */
static void fuzz_reply(struct ktlsctl_sock *sock, char *buf)
{
	struct ktlsctl_rx rx = { .sock = sock, .seq = 7, .portid = 9,
				 .cb = cb, .data = sock };
	size_t used = 0;
	unsigned int i, n = 1 + below(4);
	unsigned char *copy;

	memset(buf, 0, BUF_SIZE);
	for (i = 0; i < n; i++) {
		struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf + used);
		size_t extra;

		nlh->nlmsg_seq = below(8) ? 7 : rnd();
		nlh->nlmsg_pid = below(8) ? 9 : rnd();
		nlh->nlmsg_flags = (uint16_t)(below(2) ? rnd() :
					      NLM_F_ACK_TLVS | NLM_F_CAPPED);
		switch (below(3)) {
		case 0:
			nlh->nlmsg_type = NLMSG_ERROR;
			extra = below(4) ? sizeof(struct nlmsgerr) : below(40);
			break;
		case 1:
			nlh->nlmsg_type = NLMSG_DONE;
			extra = below(8);
			break;
		default:
			nlh->nlmsg_type = 0x22;
			extra = GENL_HDRLEN;
		}
		mnl_nlmsg_put_extra_header(nlh, extra);
		if (nlh->nlmsg_type == NLMSG_ERROR && extra >= sizeof(struct nlmsgerr))
			((struct nlmsgerr *)mnl_nlmsg_get_payload(nlh))->msg.nlmsg_len =
				below(2) ? 16 : rnd();
		if (below(2))
			mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "message");
		gen_attrs(nlh, sets[below(N_SETS)], 0);
		used += NLMSG_ALIGN(nlh->nlmsg_len);
		if (used > BUF_SIZE - 2048)
			break;
	}
	if (below(2))
		mutate((unsigned char *)buf, used);
	if (below(8) == 0)
		used -= below((uint32_t)used + 1);
	copy = malloc(used ? used : 1);
	memcpy(copy, buf, used);
	ktlsctl_rx_process(&rx, copy, used);
	free(copy);
}

int main(int argc, char **argv)
{
	unsigned long iters = argc > 1 ? strtoul(argv[1], NULL, 0) : 100000;
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	char *buf = malloc(BUF_SIZE);
	unsigned long i;

	rng_state = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x6b746c73ULL;
	if (!rng_state)
		rng_state = 1;
	CHECK(sock && buf);
	if (!sock || !buf)
		return 1;
	for (i = 0; i < iters; i++) {
		fuzz_parse(sock, buf);
		fuzz_reply(sock, buf);
	}
	free(buf);
	ktlsctl_close(sock);
	printf("fuzz: %lu iterations, %lu messages valid, %lu refused; "
	       "%lu credential and %lu policy listings decoded\n",
	       iters, n_ok, n_bad, n_cred, n_policy);
	CHECK(!iters || (n_ok && n_bad));
	/* The generator reaches the new decoders' paths, not just refusals. */
	CHECK(iters < 1000 || (n_cred && n_policy));
	return check_done("fuzz");
}
