// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-nlfuzz: sending messages and judging every reply against the
 * model (nlfuzz-model.c): what must be refused is, with an extack message,
 * EPERM for the unprivileged; and what the run added, for its removal.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"

#define NLF_ATTRS_AT	(NLMSG_HDRLEN + GENL_HDRLEN)

int nlf_socket(void)
{
	struct timeval tv = { .tv_sec = 5 };
	int fd, one = 1, big = 1 << 20;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

/* The extack message in the TLVs from @p, up to @end. */
static void nlf_tlv_msg(const unsigned char *p, const unsigned char *end,
			struct nlf_reply *rep)
{
	while (p + NLA_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)p;

		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			return;
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
			snprintf(rep->msg, sizeof(rep->msg), "%.*s",
				 (int)(a->nla_len - NLA_HDRLEN), p + NLA_HDRLEN);
		p += NLA_ALIGN(a->nla_len);
	}
}

/* A data reply: the new policy's id, the fds an ACCEPT handed out. */
static void nlf_data(const struct nlmsghdr *nlh, struct nlf_reply *rep)
{
	const unsigned char *p = (const unsigned char *)nlh + NLF_ATTRS_AT;
	const unsigned char *end = (const unsigned char *)nlh + nlh->nlmsg_len;
	uint8_t cmd = ((const struct genlmsghdr *)NLMSG_DATA(nlh))->cmd;

	while (p + NLA_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)p;
		unsigned int type = a->nla_type & NLA_TYPE_MASK;

		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			return;
		if (cmd == KTLSCTL_CMD_POLICY_ADD && type == KTLSCTL_A_POLICY_ID)
			rep->policy_id = nlf_u32(a);
		if (cmd == KTLSCTL_CMD_ACCEPT && rep->n_fds < 4 &&
		    (type == KTLSCTL_A_REQUEST_SOCKFD ||
		     type == KTLSCTL_A_REQUEST_CRED_FD))
			rep->fds[rep->n_fds++] = (int)nlf_u32(a);
		p += NLA_ALIGN(a->nla_len);
	}
}

/* One reply message for @rep: true when it ends the exchange. */
static bool nlf_reply_msg(const struct nlmsghdr *nlh, struct nlf_reply *rep)
{
	const unsigned char *p = NLMSG_DATA(nlh);
	const unsigned char *end = (const unsigned char *)nlh + nlh->nlmsg_len;

	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = (const void *)p;

		rep->error = e->error;
		p += sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			p += e->msg.nlmsg_len - NLMSG_HDRLEN;
	} else if (nlh->nlmsg_type == NLMSG_DONE) {
		memcpy(&rep->error, p, sizeof(int));
		p += sizeof(int);
	} else {
		nlf_data(nlh, rep);
		return false;
	}
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		nlf_tlv_msg(p, end, rep);
	return true;
}

/*
 * Sends @n messages in one datagram (netlink answers each in turn) and
 * reads until each has its ack, error or end of dump.
 */
int nlf_exchange(int fd, struct nlf_msg **m, unsigned int n,
		 struct nlf_reply *rep)
{
	static unsigned char buf[1 << 17], out[NLF_BATCH * NLF_BUF];
	static uint32_t seq = 1 << 20;
	uint32_t first = seq + 1;
	unsigned int i, left = n;
	size_t len = 0;
	ssize_t got;

	for (i = 0; i < n; i++) {
		memset(&rep[i], 0, sizeof(rep[i]));
		((struct nlmsghdr *)m[i]->buf)->nlmsg_seq = ++seq;
		memcpy(out + len, m[i]->buf, m[i]->len);
		len += NLMSG_ALIGN(m[i]->len);
	}
	if (send(fd, out, len, 0) < 0)
		return -errno;
	while (left) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

		got = recv(fd, buf, sizeof(buf), 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			for (i = 0; i < n; i++)
				rep[i].timeout = errno == EAGAIN;
			return errno == EAGAIN ? 0 : -errno;
		}
		for (; NLMSG_OK(nlh, got); nlh = NLMSG_NEXT(nlh, got)) {
			i = nlh->nlmsg_seq - first;
			if (i < n && !rep[i].timeout &&
			    nlf_reply_msg(nlh, &rep[i])) {
				rep[i].timeout = true;	/* done: for now */
				left--;
			}
		}
	}
	for (i = 0; i < n; i++)
		rep[i].timeout = false;
	return 0;
}

static void nlf_fail(const struct nlf_msg *m, const struct nlf_verdict *v,
		     const struct nlf_reply *rep, const char *what,
		     bool privileged, struct nlf_stats *st)
{
	size_t i;

	if (++st->failures > 25)
		return;
	printf("FAIL: %s: %s cmd %u%s, mutation %s, model: %s, got %d (%s); message:",
	       what, privileged ? "privileged" : "unprivileged", m->cmd,
	       m->dump ? " (dump)" : "", m->mutation,
	       v->why ? v->why : "may succeed", rep->error, rep->msg);
	for (i = 0; i < m->len && i < 160; i++)
		printf(" %02x", m->buf[i]);
	printf("\n");
}

/* Counts the exchange and holds its reply against the model. */
bool nlf_check(const struct nlf_msg *m, const struct nlf_verdict *v,
	       const struct nlf_reply *rep, bool privileged,
	       bool strict_extack, struct nlf_stats *st)
{
	unsigned long before = st->failures;
	int e = -rep->error;

	st->sent++;
	st->by_cmd[nlf_op(m->cmd) ? m->cmd : NLF_NCMD - 1]++;
	if (rep->timeout) {
		nlf_fail(m, v, rep, "no answer", privileged, st);
		return false;
	}
	if (!rep->error) {
		st->accepted++;
		if (!privileged || !v->may_succeed)
			nlf_fail(m, v, rep, "accepted what must be refused",
				 privileged, st);
		return st->failures == before;
	}
	st->rejected++;
	st->eperm += e == EPERM;
	/* A wrongful refusal, or a rule the model lacks: either a failure. */
	if (privileged && v->may_succeed) {
		st->refused_valid++;
		nlf_fail(m, v, rep, "refused what the model lets succeed",
			 privileged, st);
	}
	/*
	 * genetlink refuses the unprivileged (GENL_UNS_ADMIN_PERM) before it
	 * parses anything: only a header it cannot use comes first.
	 */
	if (!privileged && e != EPERM && !v->before_perm)
		nlf_fail(m, v, rep, "unprivileged caller not refused with EPERM",
			 privileged, st);
	if (!rep->msg[0]) {
		/* genetlink's own refusals carry no message. */
		if (v->core || (!privileged && e == EPERM)) {
			st->core++;
		} else {
			st->missing_extack++;
			if (strict_extack)
				nlf_fail(m, v, rep, "refused without an extack message",
					 privileged, st);
			else if (st->missing_extack <= 10)
				printf("# no extack: cmd %u, mutation %s, errno %d\n",
				       m->cmd, m->mutation, e);
		}
	}
	return st->failures == before;
}

/* The world after an accepted message: what the run must remove. */
void nlf_note(struct nlf_world *w, const struct nlf_msg *m,
	      const struct nlf_reply *rep)
{
	const struct nlattr *tb[64] = { NULL };
	unsigned int i;

	for (i = 0; i < rep->n_fds; i++)
		if (rep->fds[i] > 2)
			close(rep->fds[i]);
	if (rep->error || rep->timeout)
		return;
	nlf_parse(m, tb);
	switch (m->cmd) {
	case KTLSCTL_CMD_CRED_ADD:
		if (w->n_creds < NLF_MAX_IDS) {
			w->creds[w->n_creds].type = nlf_u32(tb[KTLSCTL_A_CRED_TYPE]);
			snprintf(w->creds[w->n_creds++].name,
				 sizeof(w->creds[0].name), "%s",
				 nlf_str(tb[KTLSCTL_A_CRED_NAME]));
		}
		break;
	case KTLSCTL_CMD_CRED_DEL:
		for (i = 0; i < w->n_creds; i++)
			if (w->creds[i].type == nlf_u32(tb[KTLSCTL_A_CRED_TYPE]) &&
			    !strcmp(w->creds[i].name, nlf_str(tb[KTLSCTL_A_CRED_NAME])))
				w->creds[i--] = w->creds[--w->n_creds];
		break;
	case KTLSCTL_CMD_POLICY_ADD:
		if (w->n_policies == NLF_MAX_IDS) {
			w->policies_lost = true;
			break;
		}
		w->policies[w->n_policies].id = rep->policy_id;
		w->policies[w->n_policies++].role =
			nlf_u32(tb[KTLSCTL_A_POLICY_ROLE]);
		break;
	case KTLSCTL_CMD_POLICY_DEL:
		for (i = 0; i < w->n_policies; i++)
			if (w->policies[i].id == nlf_u32(tb[KTLSCTL_A_POLICY_ID]))
				w->policies[i--] = w->policies[--w->n_policies];
		break;
	case KTLSCTL_CMD_POLICY_FLUSH:
		for (i = 0; i < w->n_policies; i++)
			if (!tb[KTLSCTL_A_POLICY_ROLE] || w->policies[i].role ==
			    nlf_u32(tb[KTLSCTL_A_POLICY_ROLE]))
				w->policies[i--] = w->policies[--w->n_policies];
		break;
	}
}
