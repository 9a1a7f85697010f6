/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-namespace configuration store: credentials (cred.c) and policies
 * (policy.c), and their netlink commands (cred-nl.c, policy-nl.c).
 */
#ifndef _KTLSCTL_STORE_H
#define _KTLSCTL_STORE_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/types.h>
#include <net/netlink.h>

#include "ktlsctl-priv.h"
#include "x509.h"

/* Bounds of one namespace's store. */
#define KTLSCTL_STORE_MAX_CREDS		256
#define KTLSCTL_STORE_MAX_POLICIES	1024

/**
 * struct ktlsctl_cred_entry - one entry of the credential store
 * @list: in kn->creds
 * @c: name, type and blobs, as handed to daemons
 * @info: what listings show: of the leaf certificate (CERT), of the first
 *	CA certificate (TRUST), or only the fingerprint of the identity (PSK)
 * @path: for each blob, the file the operator read it from, or NULL
 * @ref: the store's reference, and one per request credential sharing it
 */
struct ktlsctl_cred_entry {
	struct list_head list;
	refcount_t ref;
	struct ktlsctl_req_cred c;
	struct ktlsctl_x509_info info;
	char *path[KTLSCTL_NUM_BLOBS];
};

/**
 * struct ktlsctl_addr_match - address selector of a policy
 * @set: the selector was given
 * @family: AF_INET or AF_INET6, 0 when only a port was given
 * @prefix_len: bits of @addr that must match
 * @addr: address, network order
 * @port: port, 0 for any
 */
struct ktlsctl_addr_match {
	bool set;
	u8 family;
	u8 prefix_len;
	u8 addr[16];
	__be16 port;
};

/**
 * struct ktlsctl_policy - a selector and an action
 * @list: in kn->policies, by ascending @priority, then @id
 * @id: identifier, unique in the namespace
 * @priority: lower matches first
 *
 * Selector, each 0 or NULL for "any":
 * @role: KTLSCTL_ROLE_*
 * @handler: KTLSCTL_HANDLER_*
 * @src: the socket's local address
 * @dst: the socket's remote address
 * @peer_name: glob pattern matched against the request's peer name
 * @tag: the consumer's tag, exactly
 *
 * Action, each 0 or NULL for "the consumer's, or the default":
 * @cred: name of a CERT entry
 * @trust: name of a TRUST entry
 * @psk: name of a PSK entry
 * @auth: KTLSCTL_AUTH_*
 * @tls_min: KTLSCTL_TLS_VERSION_*
 * @tls_max: KTLSCTL_TLS_VERSION_*
 * @ciphers: allowed ciphers in order of preference
 * @num_ciphers: their number
 * @alpn: ALPN identifiers (NUL-terminated)
 * @num_alpn: their number
 * @timeout_ms: handshake timeout
 * @offload: KTLSCTL_OFFLOAD_*
 */
struct ktlsctl_policy {
	struct list_head list;
	u32 id;
	u32 priority;

	u32 role;
	u32 handler;
	struct ktlsctl_addr_match src;
	struct ktlsctl_addr_match dst;
	char *peer_name;
	char *tag;

	char *cred;
	char *trust;
	char *psk;
	u32 auth;
	u32 tls_min;
	u32 tls_max;
	u32 ciphers[KTLSCTL_MAX_CIPHERS];
	unsigned int num_ciphers;
	char *alpn[KTLSCTL_MAX_ALPN];
	unsigned int num_alpn;
	u32 timeout_ms;
	u32 offload;
};

/* cred.c */
struct ktlsctl_cred_entry *ktlsctl_cred_alloc(void);
void ktlsctl_cred_put(struct ktlsctl_cred_entry *e);
struct ktlsctl_cred_entry *ktlsctl_cred_find(struct ktlsctl_net *kn, u32 type,
					     const char *name);
int ktlsctl_cred_insert(struct ktlsctl_net *kn, struct ktlsctl_cred_entry *e,
			struct netlink_ext_ack *extack);
int ktlsctl_cred_remove(struct ktlsctl_net *kn, u32 type, const char *name,
			struct netlink_ext_ack *extack);
void ktlsctl_cred_share(struct ktlsctl_req_cred *dst,
			struct ktlsctl_cred_entry *e);

/* policy.c */
void ktlsctl_policy_free(struct ktlsctl_policy *pol);
int ktlsctl_policy_insert(struct ktlsctl_net *kn, struct ktlsctl_policy *pol,
			  struct netlink_ext_ack *extack);
int ktlsctl_policy_remove(struct ktlsctl_net *kn, u32 id,
			  struct netlink_ext_ack *extack);
unsigned int ktlsctl_policy_flush(struct ktlsctl_net *kn, u32 role);
void ktlsctl_policy_flush_all(struct ktlsctl_net *kn);
u32 ktlsctl_policy_using(struct ktlsctl_net *kn, u32 type, const char *name);

#endif /* _KTLSCTL_STORE_H */
