/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libktlsctl: the ktlsctl generic netlink protocol for user space.
 *
 * Plain structs in, plain structs out; netlink stays inside. Every call
 * returns 0 or a negative errno; after a failure, ktlsctl_error() holds the
 * kernel's extack message (or a message of the library's own), so callers
 * can print "Error: <msg>.".
 */
#ifndef _LIBKTLSCTL_H
#define _LIBKTLSCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/ktlsctl.h>

#include "ktlsctl-attrs.h"

struct nlattr;
struct nlmsghdr;
struct ktlsctl_sock;

/*
 * Opening, family and group resolution. On failure *sockp still holds a
 * socket object when memory allowed, so that ktlsctl_error() can tell why
 * (e.g. "ktlsctl family not found: ..." with -ENOENT); close it as usual.
 * ktlsctl_close(NULL) does nothing. ktlsctl_error() is "" when there is no
 * message.
 */
int ktlsctl_open(struct ktlsctl_sock **sockp);
void ktlsctl_close(struct ktlsctl_sock *sock);
int ktlsctl_fd(const struct ktlsctl_sock *sock);
uint16_t ktlsctl_family_id(const struct ktlsctl_sock *sock);
uint32_t ktlsctl_family_version(const struct ktlsctl_sock *sock);
int ktlsctl_group_id(const struct ktlsctl_sock *sock, const char *group,
		     uint32_t *id);
int ktlsctl_join(struct ktlsctl_sock *sock, const char *group);
const char *ktlsctl_error(const struct ktlsctl_sock *sock);

/*
 * Requests: build, then do (one reply or an ack) or dump (many replies).
 * The message lives in the socket's send buffer (256 KiB: room for the
 * largest request of the spec) until the next ktlsctl_msg(); add attributes
 * with libmnl's mnl_attr_put_*(). do and dump fill in sequence and flags.
 */
struct nlmsghdr *ktlsctl_msg(struct ktlsctl_sock *sock, uint8_t cmd,
			     uint16_t flags);

/*
 * Called for each reply or event; return <0 to stop with that error. The
 * callback of an event may run requests (ktlsctl_do); events that arrive
 * during a request are queued and delivered by ktlsctl_recv_events().
 */
typedef int (*ktlsctl_msg_cb)(const struct nlmsghdr *nlh, void *data);

int ktlsctl_do(struct ktlsctl_sock *sock, struct nlmsghdr *nlh,
	       ktlsctl_msg_cb cb, void *data);
int ktlsctl_dump(struct ktlsctl_sock *sock, struct nlmsghdr *nlh,
		 ktlsctl_msg_cb cb, void *data);
/* Reads one batch of multicast events (blocking unless the fd is not). */
int ktlsctl_recv_events(struct ktlsctl_sock *sock, ktlsctl_msg_cb cb,
			void *data);

/*
 * Parsing against the generated tables: tb[type] for each attribute of SET
 * present in the message (the last one for multi-attributes); tb has room
 * for set->max + 1 entries and is cleared first. Attributes that break the
 * spec's checks fail with -EINVAL and a message naming them, kept in sock
 * for ktlsctl_error() (sock may be NULL). Types the set does not know are
 * skipped; the contents of nests are checked when parsed in turn.
 */
int ktlsctl_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
		  const struct ktlsctl_attr_set *set,
		  const struct nlattr **tb);
int ktlsctl_parse_nested(struct ktlsctl_sock *sock, const struct nlattr *nest,
			 const struct ktlsctl_attr_set *set,
			 const struct nlattr **tb);

/* Enum names from the spec: NULL, or -EINVAL, when unknown. */
const char *ktlsctl_enum_name(const struct ktlsctl_enum_desc *desc,
			      uint32_t value);
int ktlsctl_enum_value(const struct ktlsctl_enum_desc *desc, const char *name,
		       uint32_t *value);

/* status-get */
struct ktlsctl_status {
	char version[32];
	uint16_t family_id;
	uint32_t family_version;
	uint32_t handler_version;
	uint32_t handlers[8];
	unsigned int n_handlers;
	uint32_t queued;
	uint32_t in_progress;
	uint32_t queue_limit;
	/* indexed by KTLSCTL_A_STATS_*; stats_present[i] says it was sent */
	uint64_t stats[KTLSCTL_A_STATS_MAX + 1];
	bool stats_present[KTLSCTL_A_STATS_MAX + 1];
};

int ktlsctl_status_get(struct ktlsctl_sock *sock,
		       struct ktlsctl_status *status);

/*
 * The handshake path (handler side): ACCEPT takes the oldest queued request
 * for a handler, DONE reports its result. Both run on the socket that
 * accepted (the module checks that DONE comes from it).
 */
struct ktlsctl_blob {
	unsigned char *data;	/* malloc'd copy; NULL when absent */
	size_t len;
};

struct ktlsctl_handed_cred {
	char name[KTLSCTL_NAME_MAX_LEN + 1];
	uint32_t type;		/* KTLSCTL_CRED_TYPE_*, 0 when not sent */
	struct ktlsctl_blob cert, key, psk_identity, psk_secret, ca, crl;
	uint32_t psk_hash;	/* KTLSCTL_PSK_HASH_*, 0 when not sent */
};

struct ktlsctl_addr_sel {
	bool present;
	uint8_t addr[16];
	size_t addr_len;	/* 4, 16, or 0 */
	uint8_t prefix_len;
	uint16_t port;		/* host order; 0 when not sent */
};

#define KTLSCTL_ACCEPT_MAX_CIPHERS	8
#define KTLSCTL_ACCEPT_MAX_CREDS	8

struct ktlsctl_accept {
	uint32_t id;
	uint32_t handler;
	uint32_t handler_version;
	uint32_t role;		/* KTLSCTL_ROLE_* */
	uint32_t auth;		/* KTLSCTL_AUTH_* */
	int32_t sockfd;		/* -1 when the reply carried none */
	uint32_t timeout_ms;	/* 0 when not sent */
	char peer_name[KTLSCTL_PEER_NAME_MAX_LEN + 1];
	uint32_t tls_min, tls_max;	/* KTLSCTL_TLS_VERSION_*, 0: unset */
	uint32_t ciphers[KTLSCTL_ACCEPT_MAX_CIPHERS];	/* in preference order */
	unsigned int n_ciphers;
	/* Offered ALPN identifiers in wire format (length-prefixed list). */
	struct ktlsctl_blob alpn;
	struct ktlsctl_handed_cred creds[KTLSCTL_ACCEPT_MAX_CREDS];
	unsigned int n_creds;
	uint32_t policy_id;
	struct ktlsctl_addr_sel local, remote;
	uint32_t offload;
	char tag[KTLSCTL_NAME_MAX_LEN + 1];
	/*
	 * Requests still queued when this one was taken: at 0, no ACCEPT
	 * before the next READY. KTLSCTL_BACKLOG_UNKNOWN from a module that
	 * does not say (accept again until -ENOENT).
	 */
	uint32_t backlog;
};

#define KTLSCTL_BACKLOG_UNKNOWN	UINT32_MAX

/*
 * ACCEPT for handler (KTLSCTL_HANDLER_*). 0 with *acc filled in, -ENOENT
 * when nothing is queued, another -errno on failure. When a reply came but
 * could not be decoded, acc->id and acc->sockfd still say what was handed
 * out (sockfd >= 0): the caller must answer with DONE and close it. The
 * credentials come in a file whose descriptor the reply carries: it is
 * read, decoded into acc->creds and closed here on every path, and the
 * buffer that held the secrets is zeroed.
 * ktlsctl_accept_release() zeroes and frees the copies (never the fd);
 * call it after every ktlsctl_accept() or ktlsctl_accept_parse(), which
 * start from a cleared *acc (release a previous one first).
 */
int ktlsctl_accept(struct ktlsctl_sock *sock, uint32_t handler,
		   struct ktlsctl_accept *acc);
int ktlsctl_accept_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
			 struct ktlsctl_accept *acc);
void ktlsctl_accept_release(struct ktlsctl_accept *acc);

/* Record-layer state of one direction. */
struct ktlsctl_crypto {
	uint8_t key[KTLSCTL_KEY_MAX_LEN];
	size_t key_len;
	uint8_t iv[KTLSCTL_IV_MAX_LEN];
	size_t iv_len;
	uint64_t rec_seq;	/* sequence number of the next record */
};

struct ktlsctl_done {
	uint32_t id;
	int32_t sockfd;
	uint32_t status;	/* positive errno, 0 for success */
	/* The rest is sent only with status 0. */
	uint32_t version;	/* KTLSCTL_TLS_VERSION_* */
	uint32_t cipher;	/* KTLSCTL_CIPHER_* */
	struct ktlsctl_crypto tx, rx;
	const char *peer_identity;	/* may be NULL */
	const unsigned char *alpn;	/* selected protocol; may be NULL */
	size_t alpn_len;
};

/*
 * Builds DONE in the socket's send buffer (ktlsctl_done_msg, for tests) and
 * sends it (ktlsctl_done). The send buffer is zeroed after the send.
 */
struct nlmsghdr *ktlsctl_done_msg(struct ktlsctl_sock *sock,
				  const struct ktlsctl_done *done);
int ktlsctl_done(struct ktlsctl_sock *sock, const struct ktlsctl_done *done);

/*
 * request-get (queued and in-progress requests) and request-ntf (a request
 * changed state). One struct for both: has says which attributes the
 * message carried (KTLSCTL_REQUEST_HAS_*); what it did not carry is 0 or
 * "". No secret is ever part of either message.
 */
enum {
	KTLSCTL_REQUEST_HAS_HANDLER	= 1U << 0,
	KTLSCTL_REQUEST_HAS_ROLE	= 1U << 1,
	KTLSCTL_REQUEST_HAS_AUTH	= 1U << 2,
	KTLSCTL_REQUEST_HAS_STATE	= 1U << 3,
	KTLSCTL_REQUEST_HAS_STATUS	= 1U << 4,
	KTLSCTL_REQUEST_HAS_TIMEOUT	= 1U << 5,
	KTLSCTL_REQUEST_HAS_AGE		= 1U << 6,
	KTLSCTL_REQUEST_HAS_POLICY_ID	= 1U << 7,
	KTLSCTL_REQUEST_HAS_VERSION	= 1U << 8,
	KTLSCTL_REQUEST_HAS_CIPHER	= 1U << 9,
	KTLSCTL_REQUEST_HAS_KEY_MODE	= 1U << 10,
	KTLSCTL_REQUEST_HAS_PEER_NAME	= 1U << 11,
	KTLSCTL_REQUEST_HAS_PEER_IDENTITY = 1U << 12,
	KTLSCTL_REQUEST_HAS_TAG		= 1U << 13,
	KTLSCTL_REQUEST_HAS_LOCAL	= 1U << 14,
	KTLSCTL_REQUEST_HAS_REMOTE	= 1U << 15,
};

struct ktlsctl_request {
	uint32_t has;		/* KTLSCTL_REQUEST_HAS_* */
	uint32_t id;		/* always sent */
	uint32_t handler;	/* KTLSCTL_HANDLER_* */
	uint32_t role;		/* KTLSCTL_ROLE_* */
	uint32_t auth;		/* KTLSCTL_AUTH_* */
	uint32_t state;		/* KTLSCTL_STATE_* */
	uint32_t status;	/* positive errno, 0 for success (finished) */
	uint32_t timeout_ms;	/* time left before the request times out */
	uint32_t age_ms;	/* time since the consumer submitted it */
	uint32_t policy_id;
	uint32_t version;	/* KTLSCTL_TLS_VERSION_* negotiated */
	uint32_t cipher;	/* KTLSCTL_CIPHER_* negotiated */
	uint32_t key_mode;	/* KTLSCTL_KEY_MODE_* of the transmit side */
	char peer_name[KTLSCTL_PEER_NAME_MAX_LEN + 1];
	char peer_identity[KTLSCTL_PEER_NAME_MAX_LEN + 1];
	char tag[KTLSCTL_NAME_MAX_LEN + 1];
	struct ktlsctl_addr_sel local, remote;	/* the socket's addresses */
};

/*
 * Decodes one request-get reply or request-ntf event into *req (cleared
 * first): -EINVAL when an attribute breaks the spec, -EPROTO without id.
 */
int ktlsctl_request_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
			  struct ktlsctl_request *req);

/* Return <0 to stop the dump with that error. */
typedef int (*ktlsctl_request_cb)(const struct ktlsctl_request *req,
				  void *data);

/*
 * Dumps the queued requests (oldest first), then those in progress, calling
 * cb for each. -EINTR when the dump was interrupted by a concurrent change
 * (cb saw a partial list: start again).
 */
int ktlsctl_request_dump(struct ktlsctl_sock *sock, ktlsctl_request_cb cb,
			 void *data);

/* The files a credential's blobs come from (struct ktlsctl_cred.path). */
enum {
	KTLSCTL_CRED_PATH_CERT,
	KTLSCTL_CRED_PATH_KEY,
	KTLSCTL_CRED_PATH_CA,
	KTLSCTL_CRED_PATH_CRL,
	KTLSCTL_CRED_PATH_PSK_SECRET,
	KTLSCTL_CRED_NUM_PATHS
};
/* Their attributes, and the words of "add" that name them. */
extern const uint16_t ktlsctl_cred_path_attr[KTLSCTL_CRED_NUM_PATHS];

/*
 * The credential store (cred-add, cred-del, cred-get). An entry is named
 * within its type: a certificate with its private key (cert, key), a
 * pre-shared key (psk_identity, psk_secret, psk_hash) or a trust bundle
 * (ca, crl). Secrets are write-only: no listing carries them.
 */
struct ktlsctl_cred {
	const char *name;	/* 1 to KTLSCTL_NAME_MAX_LEN bytes */
	uint32_t type;		/* KTLSCTL_CRED_TYPE_* */
	/* NULL (or length 0) when absent; each at most BLOB_MAX_LEN bytes */
	const void *cert, *key, *ca, *crl;
	size_t cert_len, key_len, ca_len, crl_len;
	const void *psk_identity;	/* 1 to PSK_IDENTITY_MAX_LEN bytes */
	size_t psk_identity_len;
	const void *psk_secret;		/* PSK_SECRET_MIN_LEN to _MAX_LEN */
	size_t psk_secret_len;
	uint32_t psk_hash;	/* KTLSCTL_PSK_HASH_*; 0: not sent */
	/*
	 * The files the blobs came from, recorded in the module for save and
	 * restore (never opened by it); NULL when not recorded.
	 */
	const char *path[KTLSCTL_CRED_NUM_PATHS];
};

/* Bounds the module checks on a PSK secret (the spec's comment). */
#define KTLSCTL_PSK_SECRET_MIN_LEN	16
#define KTLSCTL_PSK_SECRET_MAX_LEN	64

/*
 * Builds cred-add in the socket's send buffer (for tests) and sends it.
 * Both check the entry first: -EINVAL without a name or a known type, or
 * without what the type needs (cert and key; psk identity and secret; ca),
 * -EMSGSIZE for a part over its limit, with the reason in ktlsctl_error().
 * ktlsctl_cred_add() zeroes the message in the send buffer after the send,
 * on every path (it carries the private key or the PSK), and the receive
 * buffer (where an error could echo it). The caller wipes its own copies.
 */
int ktlsctl_cred_add_msg(struct ktlsctl_sock *sock,
			 const struct ktlsctl_cred *cred,
			 struct nlmsghdr **nlhp);
int ktlsctl_cred_add(struct ktlsctl_sock *sock,
		     const struct ktlsctl_cred *cred);
int ktlsctl_cred_del(struct ktlsctl_sock *sock, uint32_t type,
		     const char *name);

/* An entry of a cred-get listing; what it did not carry is 0 or "". */
enum {
	KTLSCTL_CRED_HAS_TYPE		= 1U << 0,
	KTLSCTL_CRED_HAS_PSK_IDENTITY	= 1U << 1,
	KTLSCTL_CRED_HAS_PSK_HASH	= 1U << 2,
	KTLSCTL_CRED_HAS_SUBJECT	= 1U << 3,
	KTLSCTL_CRED_HAS_NOT_AFTER	= 1U << 4,
	KTLSCTL_CRED_HAS_FINGERPRINT	= 1U << 5,
};

#define KTLSCTL_CRED_MAX_SANS		16
#define KTLSCTL_CRED_SAN_LEN		256	/* with the NUL; longer: cut */
#define KTLSCTL_CRED_SUBJECT_LEN	1024	/* with the NUL; longer: cut */
#define KTLSCTL_FINGERPRINT_LEN		32

struct ktlsctl_cred_entry {
	uint32_t has;		/* KTLSCTL_CRED_HAS_* */
	char name[KTLSCTL_NAME_MAX_LEN + 1];	/* always sent */
	uint32_t type;		/* KTLSCTL_CRED_TYPE_* */
	unsigned char psk_identity[KTLSCTL_PSK_IDENTITY_MAX_LEN];
	size_t psk_identity_len;
	/* For display: the identity itself when printable ASCII, else hex. */
	char psk_identity_str[2 * KTLSCTL_PSK_IDENTITY_MAX_LEN + 1];
	uint32_t psk_hash;	/* KTLSCTL_PSK_HASH_* */
	char subject[KTLSCTL_CRED_SUBJECT_LEN];
	/* The first KTLSCTL_CRED_MAX_SANS subject alternative names. */
	char sans[KTLSCTL_CRED_MAX_SANS][KTLSCTL_CRED_SAN_LEN];
	unsigned int n_sans;
	uint64_t not_after;	/* seconds since the epoch */
	uint8_t fingerprint[KTLSCTL_FINGERPRINT_LEN];	/* SHA-256 */
	/* The files the operator added it from; "" when not recorded. */
	char path[KTLSCTL_CRED_NUM_PATHS][KTLSCTL_PATH_MAX_LEN + 1];
};

/*
 * Decodes one cred-get reply into *e (cleared first): -EINVAL when an
 * attribute breaks the spec, -EPROTO without a name. Secret attributes,
 * should a message carry them, are never copied.
 */
int ktlsctl_cred_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
		       struct ktlsctl_cred_entry *e);

/* Return <0 to stop the dump with that error. */
typedef int (*ktlsctl_cred_cb)(const struct ktlsctl_cred_entry *e,
			       void *data);

/*
 * Lists the store: entries of one type (0: every type), of one name (NULL:
 * every name). -EINTR when a concurrent change interrupted the dump.
 */
int ktlsctl_cred_dump(struct ktlsctl_sock *sock, uint32_t type,
		      const char *name, ktlsctl_cred_cb cb, void *data);

/*
 * Policies (policy-add, policy-del, policy-get, policy-flush): a selector
 * (role, handler, src, dst, peer-name, tag) and an action (credentials,
 * auth, versions, ciphers, ALPN, timeout, offload). has says which
 * attributes are set (to send) or were sent (in a listing); id is only
 * ever read (the module assigns it).
 */
enum {
	KTLSCTL_POLICY_HAS_ID		= 1U << 0,
	KTLSCTL_POLICY_HAS_PRIORITY	= 1U << 1,
	KTLSCTL_POLICY_HAS_ROLE		= 1U << 2,
	KTLSCTL_POLICY_HAS_HANDLER	= 1U << 3,
	KTLSCTL_POLICY_HAS_SRC		= 1U << 4,
	KTLSCTL_POLICY_HAS_DST		= 1U << 5,
	KTLSCTL_POLICY_HAS_PEER_NAME	= 1U << 6,
	KTLSCTL_POLICY_HAS_TAG		= 1U << 7,
	KTLSCTL_POLICY_HAS_CRED		= 1U << 8,
	KTLSCTL_POLICY_HAS_TRUST	= 1U << 9,
	KTLSCTL_POLICY_HAS_PSK		= 1U << 10,
	KTLSCTL_POLICY_HAS_AUTH		= 1U << 11,
	KTLSCTL_POLICY_HAS_TLS_MIN	= 1U << 12,
	KTLSCTL_POLICY_HAS_TLS_MAX	= 1U << 13,
	KTLSCTL_POLICY_HAS_CIPHER	= 1U << 14,
	KTLSCTL_POLICY_HAS_ALPN		= 1U << 15,
	KTLSCTL_POLICY_HAS_TIMEOUT	= 1U << 16,
	KTLSCTL_POLICY_HAS_OFFLOAD	= 1U << 17,
};

#define KTLSCTL_POLICY_MAX_CIPHERS	8
#define KTLSCTL_POLICY_MAX_ALPN		16

/* One ALPN protocol identifier (binary, 1 to ALPN_MAX_LEN bytes). */
struct ktlsctl_alpn_id {
	size_t len;
	unsigned char id[KTLSCTL_ALPN_MAX_LEN];
};

struct ktlsctl_policy {
	uint32_t has;		/* KTLSCTL_POLICY_HAS_* */
	uint32_t id;
	uint32_t priority;	/* lower first; then by id */
	uint32_t role;		/* KTLSCTL_ROLE_* */
	uint32_t handler;	/* KTLSCTL_HANDLER_* */
	/*
	 * Address selectors: an address (addr_len 4 or 16) with its prefix
	 * length, a port (0: any), or both; HAS_SRC/HAS_DST say they are set.
	 */
	struct ktlsctl_addr_sel src, dst;
	char peer_name[KTLSCTL_PEER_NAME_MAX_LEN + 1];	/* shell pattern */
	char tag[KTLSCTL_NAME_MAX_LEN + 1];
	char cred[KTLSCTL_NAME_MAX_LEN + 1];	/* certificate credential */
	char trust[KTLSCTL_NAME_MAX_LEN + 1];	/* trust bundle */
	char psk[KTLSCTL_NAME_MAX_LEN + 1];
	uint32_t auth;		/* KTLSCTL_AUTH_* */
	uint32_t tls_min, tls_max;	/* KTLSCTL_TLS_VERSION_* */
	uint32_t ciphers[KTLSCTL_POLICY_MAX_CIPHERS];	/* preference order */
	unsigned int n_ciphers;
	struct ktlsctl_alpn_id alpn[KTLSCTL_POLICY_MAX_ALPN];	/* in order */
	unsigned int n_alpn;
	uint32_t timeout_ms;
	uint32_t offload;	/* KTLSCTL_OFFLOAD_* */
};

/*
 * Builds policy-add in the socket's send buffer (for tests) and sends it;
 * *id is the new policy's id. Both check what the spec bounds first
 * (string lengths, address and prefix lengths, ALPN lengths, counts):
 * -EINVAL with the reason in ktlsctl_error(). The id of pol is not sent.
 */
int ktlsctl_policy_add_msg(struct ktlsctl_sock *sock,
			   const struct ktlsctl_policy *pol,
			   struct nlmsghdr **nlhp);
int ktlsctl_policy_add(struct ktlsctl_sock *sock,
		       const struct ktlsctl_policy *pol, uint32_t *id);
int ktlsctl_policy_del(struct ktlsctl_sock *sock, uint32_t id);
/* Deletes every policy, or those of one role (KTLSCTL_ROLE_*; 0: all). */
int ktlsctl_policy_flush(struct ktlsctl_sock *sock, uint32_t role);

/*
 * Decodes one policy-get reply into *pol (cleared first): -EINVAL when an
 * attribute breaks the spec, -EPROTO without an id, -E2BIG with more
 * ciphers or ALPN identifiers than the struct holds.
 */
int ktlsctl_policy_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
			 struct ktlsctl_policy *pol);

/* Return <0 to stop the dump with that error. */
typedef int (*ktlsctl_policy_cb)(const struct ktlsctl_policy *pol,
				 void *data);

/*
 * Lists the policies in match order. -EINTR when a concurrent change
 * interrupted the dump (cb saw a partial list: start again).
 */
int ktlsctl_policy_dump(struct ktlsctl_sock *sock, ktlsctl_policy_cb cb,
			void *data);

/* config-ntf: the credential or policy store changed. */
enum {
	KTLSCTL_CONFIG_HAS_OBJECT	= 1U << 0,
	KTLSCTL_CONFIG_HAS_ACTION	= 1U << 1,
	KTLSCTL_CONFIG_HAS_CRED_TYPE	= 1U << 2,
	KTLSCTL_CONFIG_HAS_NAME		= 1U << 3,
	KTLSCTL_CONFIG_HAS_POLICY_ID	= 1U << 4,
};

struct ktlsctl_config_event {
	uint32_t has;		/* KTLSCTL_CONFIG_HAS_* */
	uint32_t object;	/* KTLSCTL_CONFIG_OBJECT_* */
	uint32_t action;	/* KTLSCTL_CONFIG_ACTION_* */
	uint32_t cred_type;	/* KTLSCTL_CRED_TYPE_* */
	char name[KTLSCTL_NAME_MAX_LEN + 1];
	uint32_t policy_id;
};

/* One event of the "monitor" group. */
struct ktlsctl_ntf {
	uint8_t cmd;	/* KTLSCTL_CMD_REQUEST_NTF or KTLSCTL_CMD_CONFIG_NTF */
	union {
		struct ktlsctl_request request;		/* request-ntf */
		struct ktlsctl_config_event config;	/* config-ntf */
	};
};

/*
 * Decodes an event of the monitor group into *ntf: -ENOMSG for a message
 * that is none (another command), -EINVAL or -EPROTO for a malformed one.
 */
int ktlsctl_ntf_parse(struct ktlsctl_sock *sock, const struct nlmsghdr *nlh,
		      struct ktlsctl_ntf *ntf);

/* Return <0 to stop with that error (the rest stays for the next call). */
typedef int (*ktlsctl_ntf_cb)(const struct ktlsctl_ntf *ntf, void *data);

/*
 * The monitor: ktlsctl_monitor_join() subscribes the socket to the
 * "monitor" group; ktlsctl_monitor_recv() reads one batch of events (as
 * ktlsctl_recv_events(): blocking unless the fd is not, -EAGAIN then) and
 * calls cb for each request-ntf and config-ntf, skipping other messages.
 * A malformed event is consumed and fails with -EINVAL or -EPROTO, lost
 * events (receive buffer overrun) with -ENOBUFS; the socket stays usable
 * after both.
 */
int ktlsctl_monitor_join(struct ktlsctl_sock *sock);
int ktlsctl_monitor_recv(struct ktlsctl_sock *sock, ktlsctl_ntf_cb cb,
			 void *data);

#endif /* _LIBKTLSCTL_H */
