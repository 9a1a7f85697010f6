// SPDX-License-Identifier: GPL-2.0
/*
 * The handshake commands of the ktlsctl family: ACCEPT and DONE from
 * daemons, the request-get dump, and the READY and request-ntf events.
 */
#include <linux/file.h>
#include <linux/in.h>
#include <linux/net.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/inet_sock.h>
#include <net/sock.h>

#include "ktlsctl-priv.h"
#include "ktlsctl-nl.h"
#include "keys.h"
#include "trace.h"

/*
 * Events stop before the family is unregistered at module exit; a
 * completion that runs later must not multicast on a stale family.
 */
static DECLARE_RWSEM(ktlsctl_nl_events_sem);
static bool ktlsctl_nl_events_on = true;

void ktlsctl_nl_events_stop(void)
{
	down_write(&ktlsctl_nl_events_sem);
	ktlsctl_nl_events_on = false;
	up_write(&ktlsctl_nl_events_sem);
}

static void ktlsctl_nl_event(struct ktlsctl_req *req, u32 state,
			     unsigned int group,
			     int (*fill)(struct sk_buff *msg,
					 struct ktlsctl_req *req, u32 state),
			     u8 cmd)
{
	struct sk_buff *msg;
	void *hdr;

	down_read(&ktlsctl_nl_events_sem);
	if (!ktlsctl_nl_events_on || READ_ONCE(req->kn->dying) ||
	    !genl_has_listeners(&ktlsctl_nl_family, req->net, group))
		goto out;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		goto out;
	hdr = genlmsg_put(msg, 0, 0, &ktlsctl_nl_family, 0, cmd);
	if (!hdr || fill(msg, req, state)) {
		nlmsg_free(msg);
		goto out;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&ktlsctl_nl_family, req->net, msg, 0, group,
				GFP_KERNEL);
out:
	up_read(&ktlsctl_nl_events_sem);
}

static int ktlsctl_nl_fill_ready(struct sk_buff *msg, struct ktlsctl_req *req,
				 u32 state)
{
	if (nla_put_u32(msg, KTLSCTL_A_REQUEST_ID, req->id) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_HANDLER, req->handler))
		return -EMSGSIZE;
	return 0;
}

void ktlsctl_nl_ready(struct ktlsctl_req *req)
{
	/* Before it goes out: the ACCEPT it prompts comes after. */
	trace_ktlsctl_req_ready(req);
	ktlsctl_nl_event(req, KTLSCTL_STATE_QUEUED, KTLSCTL_NLGRP_HANDSHAKE,
			 ktlsctl_nl_fill_ready, KTLSCTL_CMD_READY);
}

static int ktlsctl_nl_fill_abort(struct sk_buff *msg, struct ktlsctl_req *req,
				 u32 state)
{
	if (nla_put_u32(msg, KTLSCTL_A_REQUEST_ID, req->id) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_HANDLER, req->handler) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_STATE, state) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_STATUS, -req->res.status))
		return -EMSGSIZE;
	return 0;
}

/* A request accepted by a daemon ended without its DONE. */
void ktlsctl_nl_abort(struct ktlsctl_req *req)
{
	ktlsctl_nl_event(req, READ_ONCE(req->state), KTLSCTL_NLGRP_HANDSHAKE,
			 ktlsctl_nl_fill_abort, KTLSCTL_CMD_ABORT);
}

static int ktlsctl_nl_put_str(struct sk_buff *msg, int type, const char *s)
{
	return s ? nla_put_string(msg, type, s) : 0;
}

static int ktlsctl_nl_fill_ntf(struct sk_buff *msg, struct ktlsctl_req *req,
			       u32 state)
{
	const struct ktlsctl_handshake_result *res = &req->res;

	if (nla_put_u32(msg, KTLSCTL_A_REQUEST_ID, req->id) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_HANDLER, req->handler) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_ROLE, req->role) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_STATE, state) ||
	    ktlsctl_nl_put_str(msg, KTLSCTL_A_REQUEST_PEER_NAME,
			       req->peer_name) ||
	    ktlsctl_nl_put_str(msg, KTLSCTL_A_REQUEST_TAG, req->tag))
		return -EMSGSIZE;
	if (state == KTLSCTL_STATE_QUEUED || state == KTLSCTL_STATE_ACCEPTED)
		return 0;
	if (nla_put_u32(msg, KTLSCTL_A_REQUEST_STATUS, -res->status))
		return -EMSGSIZE;
	if (res->status)
		return 0;
	if (nla_put_u32(msg, KTLSCTL_A_REQUEST_VERSION, res->version) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_CIPHER, res->cipher) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_KEY_MODE, res->tx_mode) ||
	    ktlsctl_nl_put_str(msg, KTLSCTL_A_REQUEST_PEER_IDENTITY,
			       res->peer_identity))
		return -EMSGSIZE;
	return 0;
}

/*
 * Best effort: operators watching "monitor" see every state change. The
 * caller names the state it moved the request to: by the time the event
 * is built, the request may have moved on (a queued request accepted, an
 * accepted one completed), and each event must say its own step.
 */
void ktlsctl_nl_request_ntf(struct ktlsctl_req *req, u32 state)
{
	ktlsctl_nl_event(req, state, KTLSCTL_NLGRP_MONITOR,
			 ktlsctl_nl_fill_ntf, KTLSCTL_CMD_REQUEST_NTF);
}

static int ktlsctl_nl_put_addr(struct sk_buff *msg, int type,
			       const void *addr, int len, __be16 port)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, type);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put(msg, KTLSCTL_A_ADDR_ADDR, len, addr) ||
	    nla_put_be16(msg, KTLSCTL_A_ADDR_PORT, port)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* The addresses taken at submission (the socket may be gone). */
static int ktlsctl_nl_put_addrs(struct sk_buff *msg,
				const struct ktlsctl_req *req)
{
	const struct ktlsctl_req_addrs *a = &req->addrs;
	int len = a->family == AF_INET6 ? 16 : 4;

	return ktlsctl_nl_put_addr(msg, KTLSCTL_A_REQUEST_LOCAL, a->local, len,
				   a->local_port) ?:
	       ktlsctl_nl_put_addr(msg, KTLSCTL_A_REQUEST_REMOTE, a->remote,
				   len, a->remote_port);
}

static size_t ktlsctl_nl_str_size(const char *s)
{
	return s ? nla_total_size(strlen(s) + 1) : 0;
}

static size_t ktlsctl_nl_accept_size(const struct ktlsctl_req *req)
{
	size_t size = 14 * nla_total_size(sizeof(u32));
	unsigned int i;

	size += ktlsctl_nl_str_size(req->peer_name);
	size += ktlsctl_nl_str_size(req->tag);
	size += req->num_ciphers * nla_total_size(sizeof(u32));
	for (i = 0; i < req->num_alpn; i++)
		size += nla_total_size(strlen(req->alpn[i]));
	/* local and remote: nest, address, port */
	size += 2 * (nla_total_size(0) + nla_total_size(16) +
		     nla_total_size(sizeof(u16)));
	return size;
}

/**
 * struct ktlsctl_nl_handout - what one ACCEPT hands out beside the request
 * @fd: the descriptor reserved for the socket
 * @credfd: the one reserved for the credential file, -1 without one
 * @cred_len: the credential file's length
 * @version: the handler version the daemon speaks
 * @backlog: requests still queued when this one was taken
 */
struct ktlsctl_nl_handout {
	int fd;
	int credfd;
	u32 cred_len;
	u32 version;
	u32 backlog;
};

/* The reply holds no secret: credentials go in the file at @h->credfd. */
static struct sk_buff *ktlsctl_nl_accept_msg(struct ktlsctl_req *req,
					     struct genl_info *info,
					     const struct ktlsctl_nl_handout *h)
{
	struct sk_buff *msg;
	unsigned int i;
	void *hdr;

	msg = genlmsg_new(ktlsctl_nl_accept_size(req), GFP_KERNEL);
	if (!msg)
		return ERR_PTR(-ENOMEM);
	hdr = genlmsg_put_reply(msg, info, &ktlsctl_nl_family, 0,
				KTLSCTL_CMD_ACCEPT);
	if (!hdr)
		goto nospace;
	if (nla_put_u32(msg, KTLSCTL_A_REQUEST_ID, req->id) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_HANDLER, req->handler) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_HANDLER_VERSION, h->version) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_ROLE, req->role) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_AUTH, req->auth) ||
	    nla_put_s32(msg, KTLSCTL_A_REQUEST_SOCKFD, h->fd) ||
	    (h->credfd >= 0 &&
	     (nla_put_s32(msg, KTLSCTL_A_REQUEST_CRED_FD, h->credfd) ||
	      nla_put_u32(msg, KTLSCTL_A_REQUEST_CRED_LEN, h->cred_len))) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_TIMEOUT_MS,
			ktlsctl_req_remaining_ms(req)) ||
	    ktlsctl_nl_put_str(msg, KTLSCTL_A_REQUEST_PEER_NAME,
			       req->peer_name) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_TLS_MIN, req->tls_min) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_TLS_MAX, req->tls_max) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_OFFLOAD, req->offload) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_BACKLOG, h->backlog) ||
	    (req->policy_id &&
	     nla_put_u32(msg, KTLSCTL_A_REQUEST_POLICY_ID, req->policy_id)) ||
	    ktlsctl_nl_put_str(msg, KTLSCTL_A_REQUEST_TAG, req->tag) ||
	    ktlsctl_nl_put_addrs(msg, req))
		goto nospace;
	for (i = 0; i < req->num_ciphers; i++)
		if (nla_put_u32(msg, KTLSCTL_A_REQUEST_CIPHER, req->ciphers[i]))
			goto nospace;
	for (i = 0; i < req->num_alpn; i++)
		if (nla_put(msg, KTLSCTL_A_REQUEST_ALPN, strlen(req->alpn[i]),
			    req->alpn[i]))
			goto nospace;
	genlmsg_end(msg, hdr);
	return msg;

nospace:
	nlmsg_free(msg);
	return ERR_PTR(-EMSGSIZE);
}

/* The credential file of @req and a descriptor reserved for it. */
static int ktlsctl_nl_accept_creds(struct ktlsctl_req *req,
				   struct ktlsctl_nl_handout *h,
				   struct file **creds,
				   struct netlink_ext_ack *extack)
{
	struct file *file;
	int fd;

	if (!req->num_creds)
		return 0;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		NL_SET_ERR_MSG_MOD(extack, "no free file descriptor");
		return fd;
	}
	file = ktlsctl_credfile_open(req, &h->cred_len);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		NL_SET_ERR_MSG_MOD(extack, "could not hand out the credentials");
		return PTR_ERR(file);
	}
	h->credfd = fd;
	*creds = file;
	return 0;
}

int ktlsctl_nl_accept_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ktlsctl_net *kn = ktlsctl_pernet(genl_info_net(info));
	struct netlink_ext_ack *extack = info->extack;
	struct ktlsctl_nl_handout h = { .credfd = -1 };
	struct file *file, *creds = NULL;
	struct ktlsctl_req *req;
	struct sk_buff *msg;
	u32 handler;
	int err;

	err = ktlsctl_nl_hdr_check(info->nlhdr, extack);
	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, KTLSCTL_A_REQUEST_HANDLER)) {
		NL_SET_ERR_MSG_MOD(extack, "accept: handler missing");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, KTLSCTL_A_REQUEST_HANDLER_VERSION)) {
		NL_SET_ERR_MSG_MOD(extack, "accept: handler-version missing");
		return -EINVAL;
	}

	handler = nla_get_u32(info->attrs[KTLSCTL_A_REQUEST_HANDLER]);
	if (handler != KTLSCTL_HANDLER_TLS) {
		NL_SET_ERR_MSG_ATTR(extack,
				    info->attrs[KTLSCTL_A_REQUEST_HANDLER],
				    "handler not served by this module");
		return -EOPNOTSUPP;
	}
	h.version = nla_get_u32(info->attrs[KTLSCTL_A_REQUEST_HANDLER_VERSION]);
	if (!h.version || h.version > KTLSCTL_HANDLER_VERSION) {
		NL_SET_ERR_MSG_ATTR(extack,
				    info->attrs[KTLSCTL_A_REQUEST_HANDLER_VERSION],
				    "unsupported handler version");
		return -EOPNOTSUPP;
	}

	/* Reserve the descriptors, send the reply, and only then install. */
	h.fd = get_unused_fd_flags(O_CLOEXEC);
	if (h.fd < 0) {
		NL_SET_ERR_MSG_MOD(extack, "no free file descriptor");
		return h.fd;
	}
	req = ktlsctl_req_take(kn, handler, info->snd_portid, &file,
			       &h.backlog);
	if (!req) {
		put_unused_fd(h.fd);
		NL_SET_ERR_MSG_MOD(extack, "no request queued");
		return -ENOENT;
	}
	err = ktlsctl_nl_accept_creds(req, &h, &creds, extack);
	if (err)
		goto requeue;

	msg = ktlsctl_nl_accept_msg(req, info, &h);
	if (IS_ERR(msg)) {
		err = PTR_ERR(msg);
		NL_SET_ERR_MSG_MOD(extack, "request does not fit in a message");
		goto requeue;
	}
	err = genlmsg_reply(msg, info);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "could not send the request");
		goto requeue;
	}
	fd_install(h.fd, file);
	if (creds)
		fd_install(h.credfd, creds);

	ktlsctl_stat_inc(kn, KTLSCTL_A_STATS_ACCEPTED);
	ktlsctl_nl_request_ntf(req, KTLSCTL_STATE_ACCEPTED);
	ktlsctl_req_put(req);
	return 0;

requeue:
	if (creds) {
		put_unused_fd(h.credfd);
		fput(creds);
	}
	put_unused_fd(h.fd);
	ktlsctl_req_requeue(req);
	ktlsctl_req_put(req);
	fput(file);
	return err;
}

/* DONE's sockfd must be the request's socket in the caller's table. */
static int ktlsctl_nl_done_sock(struct ktlsctl_req *req,
				const struct nlattr *attr,
				struct netlink_ext_ack *extack)
{
	struct socket *sock;
	struct file *file;
	bool same;

	file = fget(nla_get_s32(attr));
	if (!file) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "sockfd is not an open file");
		return -EBADF;
	}
	sock = sock_from_file(file);
	same = sock && sock->sk == req->sk;
	fput(file);
	if (!same) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "sockfd is not the request's socket");
		return -EBADF;
	}
	return 0;
}

/*
 * The result parts of a successful DONE. A malformed one still ends the
 * request (the handshake is over on the wire): it fails with -EPROTO.
 */
static int ktlsctl_nl_done_parse(struct ktlsctl_keys *keys,
				 struct ktlsctl_handshake_result *res,
				 struct genl_info *info)
{
	struct nlattr *alpn = info->attrs[KTLSCTL_A_REQUEST_ALPN];
	struct nlattr *id = info->attrs[KTLSCTL_A_REQUEST_PEER_IDENTITY];
	int err;

	if (alpn && (!nla_len(alpn) || nla_len(alpn) > KTLSCTL_ALPN_MAX_LEN)) {
		NL_SET_ERR_MSG_ATTR(info->extack, alpn,
				    "ALPN must be 1 to 255 bytes");
		return -EINVAL;
	}
	err = ktlsctl_keys_parse(keys, info->attrs, info->extack);
	if (err)
		return err;
	if (id) {
		res->peer_identity = nla_strdup(id, GFP_KERNEL);
		if (!res->peer_identity)
			goto nomem;
	}
	if (alpn) {
		res->alpn = nla_memdup(alpn, GFP_KERNEL);
		if (!res->alpn)
			goto nomem;
		res->alpn_len = nla_len(alpn);
	}
	res->version = keys->version;
	res->cipher = keys->cipher;
	return 0;
nomem:
	ktlsctl_keys_wipe(keys);
	return -ENOMEM;
}

static void ktlsctl_nl_done_install(struct ktlsctl_req *req,
				    struct ktlsctl_keys *keys,
				    struct ktlsctl_handshake_result *res,
				    struct netlink_ext_ack *extack)
{
	int err;

	err = ktlsctl_keys_install(req->sock, keys, req->offload,
				   &res->tx_mode, &res->rx_mode, extack);
	trace_ktlsctl_keys_installed(req, err, keys->version, keys->cipher,
				     res->tx_mode, res->rx_mode);
	ktlsctl_keys_wipe(keys);
	res->status = err;
	if (err)
		return;
	if (res->tx_mode == KTLSCTL_KEY_MODE_HW ||
	    res->rx_mode == KTLSCTL_KEY_MODE_HW)
		ktlsctl_stat_inc(req->kn, KTLSCTL_A_STATS_INSTALLED_HW);
	else
		ktlsctl_stat_inc(req->kn, KTLSCTL_A_STATS_INSTALLED_SW);
}

static int ktlsctl_nl_done(struct sk_buff *skb, struct genl_info *info)
{
	struct ktlsctl_net *kn = ktlsctl_pernet(genl_info_net(info));
	struct netlink_ext_ack *extack = info->extack;
	struct ktlsctl_handshake_result res = {};
	struct ktlsctl_keys keys;
	struct ktlsctl_req *req;
	int err, parse_err = 0;
	u32 status = 0;

	if (GENL_REQ_ATTR_CHECK(info, KTLSCTL_A_REQUEST_ID)) {
		NL_SET_ERR_MSG_MOD(extack, "done: request id missing");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, KTLSCTL_A_REQUEST_SOCKFD)) {
		NL_SET_ERR_MSG_MOD(extack, "done: sockfd missing");
		return -EINVAL;
	}

	req = ktlsctl_req_find(kn, nla_get_u32(info->attrs[KTLSCTL_A_REQUEST_ID]));
	if (!req) {
		NL_SET_ERR_MSG_ATTR(extack, info->attrs[KTLSCTL_A_REQUEST_ID],
				    "no such request");
		return -ENOENT;
	}
	/* Only the netlink socket that accepted the request may end it. */
	err = ktlsctl_req_claim_done(req, info->snd_portid, false, extack);
	if (err)
		goto out;
	err = ktlsctl_nl_done_sock(req, info->attrs[KTLSCTL_A_REQUEST_SOCKFD],
				   extack);
	if (err)
		goto out;

	if (info->attrs[KTLSCTL_A_REQUEST_STATUS])
		status = nla_get_u32(info->attrs[KTLSCTL_A_REQUEST_STATUS]);
	if (!status)
		parse_err = ktlsctl_nl_done_parse(&keys, &res, info);

	/* From here no timeout or cancel can complete the request. */
	err = ktlsctl_req_claim_done(req, info->snd_portid, true, extack);
	if (err) {
		if (!status && !parse_err)
			ktlsctl_keys_wipe(&keys);
		kfree(res.peer_identity);
		kfree(res.alpn);
		goto out;
	}
	trace_ktlsctl_req_done(req, info->snd_portid, -(int)status);

	if (status) {
		ktlsctl_req_finish(req, -(int)status);
		goto out;
	}
	if (parse_err) {
		kfree(res.peer_identity);
		kfree(res.alpn);
		ktlsctl_req_finish(req, -EPROTO);
		err = parse_err;
		goto out;
	}

	ktlsctl_nl_done_install(req, &keys, &res, extack);
	err = res.status;
	if (err) {
		kfree(res.peer_identity);
		kfree(res.alpn);
		ktlsctl_req_finish(req, err);
		goto out;
	}
	req->res = res;
	ktlsctl_req_finish(req, 0);
out:
	ktlsctl_req_put(req);
	return err;
}

/*
 * DONE is registered without a policy (see ktlsctl_netlink_init()): it is
 * parsed here, strictly, with the generated one, so that whatever becomes
 * of the message, a rejection by the policy included, no key stays behind
 * in it. The wipe also keeps the keys out of an error ack that echoes the
 * request. An unprivileged caller is refused before anything is parsed.
 */
int ktlsctl_nl_done_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[KTLSCTL_A_REQUEST_MAX + 1];
	int err;

	err = ktlsctl_nl_raw_parse(skb, info, tb);
	if (!err) {
		info->attrs = tb;
		err = ktlsctl_nl_done(skb, info);
		info->attrs = NULL;
	}
	ktlsctl_nl_raw_wipe(info);
	return err;
}

static int ktlsctl_nl_fill_req(struct sk_buff *msg,
			       const struct ktlsctl_req *req)
{
	if (nla_put_u32(msg, KTLSCTL_A_REQUEST_ID, req->id) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_HANDLER, req->handler) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_ROLE, req->role) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_AUTH, req->auth) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_STATE, req->state) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_TIMEOUT_MS,
			ktlsctl_req_remaining_ms(req)) ||
	    nla_put_u32(msg, KTLSCTL_A_REQUEST_AGE_MS,
			jiffies_to_msecs(jiffies - req->submitted)) ||
	    ktlsctl_nl_put_str(msg, KTLSCTL_A_REQUEST_PEER_NAME,
			       req->peer_name) ||
	    ktlsctl_nl_put_str(msg, KTLSCTL_A_REQUEST_TAG, req->tag) ||
	    (req->policy_id &&
	     nla_put_u32(msg, KTLSCTL_A_REQUEST_POLICY_ID, req->policy_id)) ||
	    ktlsctl_nl_put_addrs(msg, req))
		return -EMSGSIZE;
	return 0;
}

/*
 * Queued requests (oldest first), then accepted ones; cb->args[0] counts
 * the entries already sent. Requests that change state between two parts
 * of a dump may be missed or shown twice.
 */
int ktlsctl_nl_request_get_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb)
{
	struct net *net = sock_net(cb->skb->sk);
	struct ktlsctl_net *kn = ktlsctl_pernet(net);
	struct list_head *lists[] = { &kn->queue, &kn->active };
	long idx = 0, skip = cb->args[0];
	struct ktlsctl_req *req;
	unsigned long flags;
	unsigned int i;
	int err;
	void *hdr;

	err = ktlsctl_nl_hdr_check(cb->nlh, cb->extack);
	if (err)
		return err;

	spin_lock_irqsave(&kn->lock, flags);
	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		list_for_each_entry(req, lists[i], list) {
			if (idx++ < skip)
				continue;
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq,
					  &ktlsctl_nl_family, NLM_F_MULTI,
					  KTLSCTL_CMD_REQUEST_GET);
			if (!hdr)
				goto full;
			if (ktlsctl_nl_fill_req(skb, req)) {
				genlmsg_cancel(skb, hdr);
				goto full;
			}
			genlmsg_end(skb, hdr);
		}
	}
	spin_unlock_irqrestore(&kn->lock, flags);
	cb->args[0] = idx;
	return skb->len;
full:
	spin_unlock_irqrestore(&kn->lock, flags);
	cb->args[0] = idx - 1;
	return skb->len;
}
