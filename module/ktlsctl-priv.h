/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktlsctl: kernel-initiated TLS handshakes served by a user-space daemon.
 * Private declarations shared by the module's files.
 */
#ifndef _KTLSCTL_PRIV_H
#define _KTLSCTL_PRIV_H

#include <linux/atomic.h>
#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <uapi/linux/ktlsctl.h>
#include <ktlsctl/handshake.h>
#include "debug.h"

#define KTLSCTL_VERSION "0.1.0"

/* Limits of the consumer API (handshake.c), beyond the spec's lengths. */
#define KTLSCTL_MAX_CREDS	8
#define KTLSCTL_MAX_ALPN	16
#define KTLSCTL_MAX_CIPHERS	KTLSCTL_CIPHER_AES_128_CCM
#define KTLSCTL_PSK_SECRET_MAX_LEN 64
/* Timeout of a request whose consumer passed 0. */
#define KTLSCTL_DEFAULT_TIMEOUT_MS 60000

#define KTLSCTL_REQ_HASH_BITS	7

/**
 * struct ktlsctl_net - per network namespace state
 * @stats: counters, indexed by the KTLSCTL_A_STATS_* attribute they are
 *	reported as (index 0 and the pad attribute stay unused)
 * @queued: requests waiting for a daemon
 * @in_progress: requests accepted by a daemon, not yet done
 * @lock: protects everything below and each request's list membership,
 *	@claimed and @state; taken with interrupts off (cancel may come from
 *	any context)
 * @queue: queued requests, oldest first
 * @active: accepted requests
 * @sock_hash: every request whose callback has not started, by socket
 * @id_hash: same, by id
 * @next_id: next request id to try
 * @dying: the namespace (or the module) is going away: no new requests,
 *	no events
 * @store_lock: serializes changes to, and reads of, the store below
 * @creds: the credential store (struct ktlsctl_cred_entry), in add order
 * @num_creds: its size
 * @policies: the policies (struct ktlsctl_policy), in match order
 * @num_policies: their number
 * @next_policy_id: next policy id to try
 * @store_gen: bumped on every change, for dump consistency
 */
struct ktlsctl_net {
	atomic64_t stats[KTLSCTL_A_STATS_MAX + 1];
	atomic_t queued;
	atomic_t in_progress;

	spinlock_t lock; /* see @lock above */
	struct list_head queue;
	struct list_head active;
	DECLARE_HASHTABLE(sock_hash, KTLSCTL_REQ_HASH_BITS);
	DECLARE_HASHTABLE(id_hash, KTLSCTL_REQ_HASH_BITS);
	u32 next_id;
	bool dying;

	struct mutex store_lock; /* see @store_lock above */
	struct list_head creds;
	unsigned int num_creds;
	struct list_head policies;
	unsigned int num_policies;
	u32 next_policy_id;
	u32 store_gen;
};

enum {
	KTLSCTL_BLOB_CERT,
	KTLSCTL_BLOB_KEY,
	KTLSCTL_BLOB_CA,
	KTLSCTL_BLOB_PSK_IDENTITY,
	KTLSCTL_BLOB_PSK_SECRET,
	KTLSCTL_BLOB_CRL,
	KTLSCTL_NUM_BLOBS
};

/**
 * struct ktlsctl_req_cred - a credential of a request, or a store entry's
 * @name: store entry name or NULL
 * @type: KTLSCTL_CRED_TYPE_*
 * @psk_hash: KTLSCTL_PSK_HASH_* or 0
 * @blob: cert, key, ca, psk identity, psk secret, crl (NULL when absent)
 * @len: their lengths
 * @shared: a request's credential from the store: the entry (referenced)
 *	whose @name and blobs these are; NULL when they are its own copies
 */
struct ktlsctl_req_cred {
	char *name;
	u32 type;
	u32 psk_hash;
	u8 *blob[KTLSCTL_NUM_BLOBS];
	size_t len[KTLSCTL_NUM_BLOBS];
	struct ktlsctl_cred_entry *shared;
};

void ktlsctl_req_cred_release(struct ktlsctl_req_cred *c);

/**
 * struct ktlsctl_req - one handshake request
 * @list: in @kn->queue or @kn->active while not claimed
 * @sock_node: in @kn->sock_hash until the callback starts
 * @id_node: in @kn->id_hash until the callback starts
 * @kn: namespace state
 * @net: namespace of the socket
 * @sock: the consumer's socket
 * @file: its file, pinned for the request's lifetime
 * @ref: references: one for the request until its callback returned, one
 *	per netlink handler using it
 * @id: identifier, unique in the namespace
 * @state: KTLSCTL_STATE_*
 * @claimed: the outcome is decided (or DONE is installing keys): timeout,
 *	cancel and daemon loss no longer apply
 * @requeued: already put back once after its daemon went away
 * @portid: netlink port that accepted the request
 * @seq_sent: TCP write_seq when the daemon accepted the request
 * @seq_read: TCP copied_seq then
 * @requeue_node: on a local list while READY goes out again
 * @submitted: jiffies at submission
 * @deadline: jiffies when the request times out
 * @timer: the timeout
 * @work: runs the consumer callback
 * @role: KTLSCTL_ROLE_*
 * @handler: KTLSCTL_HANDLER_*
 * @auth: KTLSCTL_AUTH_*
 * @tls_min: KTLSCTL_TLS_VERSION_*
 * @tls_max: KTLSCTL_TLS_VERSION_*
 * @offload: KTLSCTL_OFFLOAD_*
 * @timeout_ms: timeout asked for (after defaulting)
 * @peer_name: copied peer name or NULL
 * @tag: copied tag or NULL
 * @policy_id: the policy that applies, 0 when none
 * @creds: copied credentials
 * @num_creds: their number
 * @ciphers: allowed ciphers
 * @num_ciphers: their number
 * @alpn: copied ALPN identifiers
 * @num_alpn: their number
 * @done: consumer callback
 * @data: its argument
 * @res: the result handed to @done; its strings are owned by the request
 */
/*
 * The socket's addresses, taken at submission: events and dumps show them
 * without touching the socket, which the request pins only until its
 * callback (see ktlsctl_req_work()).
 */
struct ktlsctl_req_addrs {
	u16 family;
	__be16 local_port;
	__be16 remote_port;
	u8 local[16];
	u8 remote[16];
};

struct ktlsctl_req {
	struct list_head list;
	struct hlist_node sock_node;
	struct hlist_node id_node;
	struct ktlsctl_net *kn;
	struct net *net;
	struct socket *sock;	/* valid while @file is held */
	struct sock *sk;	/* identity only: never dereferenced */
	struct file *file;	/* put before the callback */
	struct ktlsctl_req_addrs addrs;
	refcount_t ref;
	u32 id;
	u32 state;
	bool claimed;
	bool requeued;
	bool by_done;		/* claimed by its daemon's DONE */
	u32 portid;
	u32 seq_sent;
	u32 seq_read;
	struct list_head requeue_node;
	unsigned long submitted;
	unsigned long deadline;
	struct timer_list timer;
	struct work_struct work;

	u32 role;
	u32 handler;
	u32 auth;
	u32 tls_min;
	u32 tls_max;
	u32 offload;
	u32 timeout_ms;
	char *peer_name;
	char *tag;
	u32 policy_id;
	struct ktlsctl_req_cred *creds;
	unsigned int num_creds;
	u32 ciphers[KTLSCTL_MAX_CIPHERS];
	unsigned int num_ciphers;
	char **alpn;
	unsigned int num_alpn;
	void (*done)(void *data, const struct ktlsctl_handshake_result *res);
	void *data;

	struct ktlsctl_handshake_result res;
};

/* netns.c */
int ktlsctl_netns_init(void);
void ktlsctl_netns_exit(void);
struct ktlsctl_net *ktlsctl_pernet(const struct net *net);
u32 ktlsctl_queue_limit(void);
void ktlsctl_stat_inc(struct ktlsctl_net *kn, unsigned int stat);
void ktlsctl_stat_dec(struct ktlsctl_net *kn, unsigned int stat);

/* netlink.c */
int ktlsctl_netlink_init(void);
void ktlsctl_netlink_exit(void);
int ktlsctl_nl_hdr_check(const struct nlmsghdr *nlh,
			 struct netlink_ext_ack *extack);
int ktlsctl_nl_raw_parse(struct sk_buff *skb, struct genl_info *info,
			 struct nlattr **tb);
void ktlsctl_nl_raw_wipe(struct genl_info *info);
void ktlsctl_nl_config_ntf(struct net *net, u32 object, u32 action,
			   u32 cred_type, const char *name, u32 policy_id);

/* request.c */
int ktlsctl_request_init(void);
void ktlsctl_request_exit(void);
int ktlsctl_request_notifier_register(void);
void ktlsctl_request_notifier_unregister(void);
void ktlsctl_request_net_init(struct ktlsctl_net *kn);
void ktlsctl_request_net_exit(struct ktlsctl_net *kn);
struct ktlsctl_req *ktlsctl_req_alloc(struct socket *sock);
void ktlsctl_req_put(struct ktlsctl_req *req);
int ktlsctl_req_submit(struct ktlsctl_req *req);
struct ktlsctl_req *ktlsctl_req_take(struct ktlsctl_net *kn, u32 handler,
				     u32 portid, struct file **file,
				     u32 *backlog);
void ktlsctl_req_requeue(struct ktlsctl_req *req);
struct ktlsctl_req *ktlsctl_req_find(struct ktlsctl_net *kn, u32 id);
int ktlsctl_req_claim_done(struct ktlsctl_req *req, u32 portid, bool claim,
			   struct netlink_ext_ack *extack);
void ktlsctl_req_finish(struct ktlsctl_req *req, int status);
int ktlsctl_req_cancel(struct sock *sk);
u32 ktlsctl_req_remaining_ms(const struct ktlsctl_req *req);

/* cred.c */
void ktlsctl_store_net_init(struct ktlsctl_net *kn);
void ktlsctl_store_net_exit(struct ktlsctl_net *kn);
int ktlsctl_cred_resolve(struct ktlsctl_req *req);

/* policy.c */
int ktlsctl_policy_apply(struct ktlsctl_req *req);

/* credfile.c */
struct file *ktlsctl_credfile_open(const struct ktlsctl_req *req, u32 *len);

/* handshake-nl.c */
void ktlsctl_nl_abort(struct ktlsctl_req *req);
void ktlsctl_nl_ready(struct ktlsctl_req *req);
void ktlsctl_nl_request_ntf(struct ktlsctl_req *req, u32 state);
void ktlsctl_nl_events_stop(void);

#endif /* _KTLSCTL_PRIV_H */
