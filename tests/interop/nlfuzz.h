/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktlsctl-nlfuzz: a fuzzer of the ktlsctl generic netlink family, run in
 * the VM by tests/vm/nl-fuzz.sh. One file per part:
 *
 *   nlfuzz-gen.c    plausible messages for every command, from the
 *                   generated tables of libktlsctl (attribute kinds, checks,
 *                   enums, the request attributes of each command)
 *   nlfuzz-mut.c    mutations of a message: truncation, wrong lengths and
 *                   types, nested garbage, duplicates, header bits
 *   nlfuzz-model.c  the model: what the kernel must refuse
 *   nlfuzz-check.c  sending messages and judging every reply
 *   nlfuzz-live.c   real requests from ktlsctl-probe for DONE and ACCEPT
 *                   to hit, and their fate
 *   nlfuzz.c        options, the runs (privileged, unprivileged), summary
 */
#ifndef _NLFUZZ_H
#define _NLFUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libktlsctl.h"

struct nlattr;

#define NLF_BUF		(KTLSCTL_BLOB_MAX_LEN + 8192)
#define NLF_MAX_LIVE	4
#define NLF_MAX_IDS	64
#define NLF_BATCH	16
#define NLF_NCMD	(KTLSCTL_CMD_MAX + 2)	/* the last: unknown commands */

/* xorshift64*: the whole run follows from the seed. */
struct nlf_rng {
	uint64_t s;
};

uint32_t nlf_rand(struct nlf_rng *r);
uint32_t nlf_below(struct nlf_rng *r, uint32_t n);
bool nlf_chance(struct nlf_rng *r, unsigned int percent);

struct nlf_msg {
	union {
		unsigned char buf[NLF_BUF];
		uint32_t align;
	};
	size_t len;
	uint8_t cmd;
	bool dump;
	const char *mutation;	/* the last one applied, for reports */
};

/* What the generator may aim at: the store the run made, live requests. */
struct nlf_world {
	uint16_t family;
	uint32_t seq;
	/* credentials and policies the run added (for removal) */
	struct { uint32_t type; char name[KTLSCTL_NAME_MAX_LEN + 1]; }
		creds[NLF_MAX_IDS];
	unsigned int n_creds;
	struct { uint32_t id, role; } policies[NLF_MAX_IDS];
	unsigned int n_policies;
	bool policies_lost;	/* more added than tracked: flush at the end */
	/* requests: queued or accepted (with the fd), and finished ids */
	uint32_t live_ids[NLF_MAX_LIVE];
	int live_fds[NLF_MAX_LIVE];	/* -1 while queued */
	unsigned int n_live;
	uint32_t done_ids[NLF_MAX_LIVE];
	unsigned int n_done;
	int other_fd;	/* an open fd that is no request's socket */
};

/* Counters of a run; the unprivileged child sends its own to the parent. */
struct nlf_stats {
	unsigned long sent, by_cmd[NLF_NCMD];
	unsigned long rejected, accepted, core, missing_extack, eperm;
	unsigned long refused_valid;	/* privileged, the model: may succeed */
	unsigned long dropped, failures;
};

/* nlfuzz-gen.c */
const struct ktlsctl_op_desc *nlf_op(uint8_t cmd);
void nlf_gen(struct nlf_rng *r, const struct nlf_world *w, struct nlf_msg *m);
void nlf_gen_cmd(struct nlf_rng *r, const struct nlf_world *w,
		 struct nlf_msg *m, uint8_t cmd, bool dump);
void nlf_put_attr(struct nlf_msg *m, uint16_t type, const void *data,
		  size_t len);
void nlf_put_u32(struct nlf_msg *m, uint16_t type, uint32_t v);
void nlf_header(struct nlf_msg *m, const struct nlf_world *w, uint8_t cmd,
		bool dump);

/* nlfuzz-mut.c */
void nlf_mutate(struct nlf_rng *r, struct nlf_msg *m);

/* nlfuzz-model.c and nlfuzz-check.c */
struct nlf_verdict {
	bool refuse;		/* the kernel must refuse it */
	bool core;		/* refused by genetlink before the family: */
				/* no extack message is due */
	bool before_perm;	/* refused before the permission check */
	bool may_succeed;	/* success allowed (else a failure) */
	bool hits_live;		/* could end or take a live request: */
				/* not sent while the run keeps them */
	const char *why;
};

struct nlf_reply {
	int error;		/* 0, or the negative errno */
	bool timeout;
	char msg[256];		/* the extack message, "" without one */
	uint32_t policy_id;	/* from a policy-add reply */
	int fds[4];		/* fds an ACCEPT reply installed */
	unsigned int n_fds;
};

void nlf_judge(const struct nlf_msg *m, const struct nlf_world *w,
	       bool owner, struct nlf_verdict *v);
void nlf_parse(const struct nlf_msg *m, const struct nlattr **tb);
uint32_t nlf_u32(const struct nlattr *a);
const char *nlf_str(const struct nlattr *a);
int nlf_exchange(int fd, struct nlf_msg **m, unsigned int n,
		 struct nlf_reply *rep);
bool nlf_check(const struct nlf_msg *m, const struct nlf_verdict *v,
	       const struct nlf_reply *rep, bool privileged,
	       bool strict_extack, struct nlf_stats *st);
void nlf_note(struct nlf_world *w, const struct nlf_msg *m,
	      const struct nlf_reply *rep);
int nlf_socket(void);

/* nlfuzz-live.c */
struct nlf_live;
struct nlf_live *nlf_live_start(const char *probe, unsigned int n,
				struct ktlsctl_sock *owner,
				struct nlf_world *w);
int nlf_live_accept(struct nlf_live *l, struct ktlsctl_sock *owner,
		    struct nlf_world *w);
int nlf_live_intact(struct nlf_live *l, struct ktlsctl_sock *s,
		    const struct nlf_world *w, uint32_t state);
int nlf_live_finish(struct nlf_live *l, struct ktlsctl_sock *owner,
		    struct nlf_world *w);
int nlf_live_idle(struct ktlsctl_sock *s);

#endif /* _NLFUZZ_H */
