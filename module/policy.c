// SPDX-License-Identifier: GPL-2.0
/*
 * Policies of a network namespace, XFRM-SPD style: an ordered list of
 * selectors and actions. A request whose consumer named no credentials
 * takes the first policy whose selector matches it (by ascending priority,
 * then id): the policy's credentials are copied into the request, and its
 * other settings fill in what the consumer left unset. Policies name
 * credentials of the store, which must exist when the policy is added and
 * cannot be deleted while a policy names them.
 */
#include <linux/glob.h>
#include <linux/in.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "ktlsctl-priv.h"
#include "store.h"

void ktlsctl_policy_free(struct ktlsctl_policy *pol)
{
	unsigned int i;

	if (!pol)
		return;
	kfree(pol->peer_name);
	kfree(pol->tag);
	kfree(pol->cred);
	kfree(pol->trust);
	kfree(pol->psk);
	for (i = 0; i < pol->num_alpn; i++)
		kfree(pol->alpn[i]);
	kfree(pol);
}

static bool ktlsctl_policy_names(const struct ktlsctl_policy *pol, u32 type,
				 const char *name)
{
	const char *ref;

	switch (type) {
	case KTLSCTL_CRED_TYPE_CERT:
		ref = pol->cred;
		break;
	case KTLSCTL_CRED_TYPE_TRUST:
		ref = pol->trust;
		break;
	case KTLSCTL_CRED_TYPE_PSK:
		ref = pol->psk;
		break;
	default:
		return false;
	}
	return ref && !strcmp(ref, name);
}

/* The id of the first policy that names the entry, 0 when none does. */
u32 ktlsctl_policy_using(struct ktlsctl_net *kn, u32 type, const char *name)
{
	struct ktlsctl_policy *pol;

	lockdep_assert_held(&kn->store_lock);
	list_for_each_entry(pol, &kn->policies, list)
		if (ktlsctl_policy_names(pol, type, name))
			return pol->id;
	return 0;
}

static struct ktlsctl_policy *ktlsctl_policy_find(struct ktlsctl_net *kn,
						  u32 id)
{
	struct ktlsctl_policy *pol;

	list_for_each_entry(pol, &kn->policies, list)
		if (pol->id == id)
			return pol;
	return NULL;
}

static int ktlsctl_policy_check_refs(struct ktlsctl_net *kn,
				     const struct ktlsctl_policy *pol,
				     struct netlink_ext_ack *extack)
{
	if (pol->cred &&
	    !ktlsctl_cred_find(kn, KTLSCTL_CRED_TYPE_CERT, pol->cred)) {
		NL_SET_ERR_MSG_MOD(extack, "no certificate credential of that name (cred)");
		return -ENOENT;
	}
	if (pol->trust &&
	    !ktlsctl_cred_find(kn, KTLSCTL_CRED_TYPE_TRUST, pol->trust)) {
		NL_SET_ERR_MSG_MOD(extack, "no trust bundle of that name (trust)");
		return -ENOENT;
	}
	if (pol->psk &&
	    !ktlsctl_cred_find(kn, KTLSCTL_CRED_TYPE_PSK, pol->psk)) {
		NL_SET_ERR_MSG_MOD(extack, "no PSK of that name (psk)");
		return -ENOENT;
	}
	return 0;
}

/**
 * ktlsctl_policy_insert - add a validated policy and give it an id
 * @kn: namespace state
 * @pol: the policy; the store owns it on success, and pol->id is set
 * @extack: for the reason of a refusal
 *
 * Return: 0; -ENOENT when a credential it names is not in the store;
 * -ENOSPC when the namespace has too many policies.
 */
int ktlsctl_policy_insert(struct ktlsctl_net *kn, struct ktlsctl_policy *pol,
			  struct netlink_ext_ack *extack)
{
	struct ktlsctl_policy *pos;
	int err;

	mutex_lock(&kn->store_lock);
	err = ktlsctl_policy_check_refs(kn, pol, extack);
	if (err)
		goto out_unlock;
	if (kn->num_policies >= KTLSCTL_STORE_MAX_POLICIES) {
		NL_SET_ERR_MSG_MOD(extack, "too many policies in this namespace");
		err = -ENOSPC;
		goto out_unlock;
	}
	/* Fewer policies than ids: a free one is found. */
	do {
		pol->id = kn->next_policy_id++;
	} while (!pol->id || ktlsctl_policy_find(kn, pol->id));

	list_for_each_entry(pos, &kn->policies, list)
		if (pos->priority > pol->priority ||
		    (pos->priority == pol->priority && pos->id > pol->id))
			break;
	list_add_tail(&pol->list, &pos->list);
	kn->num_policies++;
	kn->store_gen++;
out_unlock:
	mutex_unlock(&kn->store_lock);
	return err;
}

int ktlsctl_policy_remove(struct ktlsctl_net *kn, u32 id,
			  struct netlink_ext_ack *extack)
{
	struct ktlsctl_policy *pol;

	mutex_lock(&kn->store_lock);
	pol = ktlsctl_policy_find(kn, id);
	if (pol) {
		list_del(&pol->list);
		kn->num_policies--;
		kn->store_gen++;
	}
	mutex_unlock(&kn->store_lock);
	if (!pol) {
		NL_SET_ERR_MSG_MOD(extack, "no policy with this id");
		return -ENOENT;
	}
	ktlsctl_policy_free(pol);
	return 0;
}

/* Deletes the policies of @role (0: all); returns how many went. */
unsigned int ktlsctl_policy_flush(struct ktlsctl_net *kn, u32 role)
{
	struct ktlsctl_policy *pol, *tmp;
	unsigned int n = 0;
	LIST_HEAD(gone);

	mutex_lock(&kn->store_lock);
	list_for_each_entry_safe(pol, tmp, &kn->policies, list) {
		if (role && pol->role != role)
			continue;
		list_move_tail(&pol->list, &gone);
		n++;
	}
	kn->num_policies -= n;
	if (n)
		kn->store_gen++;
	mutex_unlock(&kn->store_lock);

	list_for_each_entry_safe(pol, tmp, &gone, list)
		ktlsctl_policy_free(pol);
	return n;
}

void ktlsctl_policy_flush_all(struct ktlsctl_net *kn)
{
	ktlsctl_policy_flush(kn, 0);
}

static bool ktlsctl_prefix_equal(const u8 *a, const u8 *b, unsigned int bits)
{
	unsigned int bytes = bits / 8, rest = bits % 8;
	u8 mask;

	if (memcmp(a, b, bytes))
		return false;
	if (!rest)
		return true;
	mask = 0xff << (8 - rest);
	return !((a[bytes] ^ b[bytes]) & mask);
}

/* @local: the socket's local side, else its remote side. */
static bool ktlsctl_addr_matches(const struct ktlsctl_addr_match *m,
				 const struct sock *sk, bool local)
{
	const struct inet_sock *inet = inet_sk(sk);
	__be16 port = local ? inet->inet_sport : inet->inet_dport;
	__be32 v4 = local ? inet->inet_saddr : inet->inet_daddr;
	const u8 *addr = (const u8 *)&v4;
	u8 family = AF_INET;

	if (!m->set)
		return true;
	if (m->port && m->port != port)
		return false;
	if (!m->family)
		return true;
#if IS_ENABLED(CONFIG_IPV6)
	if (sk->sk_family == AF_INET6) {
		const struct in6_addr *a6 = local ? &sk->sk_v6_rcv_saddr :
						    &sk->sk_v6_daddr;

		/* IPv4 peers of a dual-stack socket match IPv4 selectors. */
		if (ipv6_addr_v4mapped(a6)) {
			addr = (const u8 *)&a6->s6_addr32[3];
		} else {
			addr = a6->s6_addr;
			family = AF_INET6;
		}
	}
#endif
	return family == m->family &&
	       ktlsctl_prefix_equal(addr, m->addr, m->prefix_len);
}

static bool ktlsctl_policy_matches(const struct ktlsctl_policy *pol,
				   const struct ktlsctl_req *req)
{
	const struct sock *sk = req->sock->sk;

	if ((pol->role && pol->role != req->role) ||
	    (pol->handler && pol->handler != req->handler))
		return false;
	if (pol->tag && (!req->tag || strcmp(pol->tag, req->tag)))
		return false;
	if (pol->peer_name &&
	    (!req->peer_name || !glob_match(pol->peer_name, req->peer_name)))
		return false;
	return ktlsctl_addr_matches(&pol->src, sk, true) &&
	       ktlsctl_addr_matches(&pol->dst, sk, false);
}

/* The credentials a policy names, shared from the store (lock held). */
static int ktlsctl_policy_copy_creds(struct ktlsctl_req *req,
				     const struct ktlsctl_policy *pol)
{
	const struct {
		u32 type;
		const char *name;
	} refs[] = {
		{ KTLSCTL_CRED_TYPE_CERT, pol->cred },
		{ KTLSCTL_CRED_TYPE_TRUST, pol->trust },
		{ KTLSCTL_CRED_TYPE_PSK, pol->psk },
	};
	struct ktlsctl_cred_entry *e;
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(refs); i++)
		n += !!refs[i].name;
	if (!n)
		return 0;
	req->creds = kcalloc(n, sizeof(*req->creds), GFP_KERNEL);
	if (!req->creds)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(refs); i++) {
		if (!refs[i].name)
			continue;
		e = ktlsctl_cred_find(req->kn, refs[i].type, refs[i].name);
		/* Entries named by a policy cannot be deleted. */
		if (WARN_ON_ONCE(!e))
			return -ENOENT;
		ktlsctl_cred_share(&req->creds[req->num_creds++], e);
	}
	return 0;
}

static int ktlsctl_policy_fill(struct ktlsctl_req *req,
			       const struct ktlsctl_policy *pol)
{
	unsigned int i;

	req->policy_id = pol->id;
	if (!req->auth)
		req->auth = pol->auth;
	if (!req->tls_min && !req->tls_max) {
		req->tls_min = pol->tls_min;
		req->tls_max = pol->tls_max;
	}
	if (!req->timeout_ms)
		req->timeout_ms = pol->timeout_ms;
	if (!req->offload)
		req->offload = pol->offload;
	if (!req->num_ciphers) {
		memcpy(req->ciphers, pol->ciphers, sizeof(req->ciphers));
		req->num_ciphers = pol->num_ciphers;
	}
	if (!req->num_alpn && pol->num_alpn) {
		req->alpn = kcalloc(pol->num_alpn, sizeof(*req->alpn),
				    GFP_KERNEL);
		if (!req->alpn)
			return -ENOMEM;
		for (i = 0; i < pol->num_alpn; i++) {
			req->alpn[i] = kstrdup(pol->alpn[i], GFP_KERNEL);
			if (!req->alpn[i])
				return -ENOMEM;
			req->num_alpn = i + 1;
		}
	}
	return ktlsctl_policy_copy_creds(req, pol);
}

/**
 * ktlsctl_policy_apply - apply the first matching policy to a request
 * @req: a request being submitted, whose consumer named no credentials;
 *	its settings are the consumer's, with 0 for "unset"
 *
 * Return: 0 (also when no policy matches: req->policy_id stays 0), or
 * -ENOMEM. A partial fill is freed with the request.
 */
int ktlsctl_policy_apply(struct ktlsctl_req *req)
{
	struct ktlsctl_net *kn = req->kn;
	struct ktlsctl_policy *pol;
	int err = 0;

	mutex_lock(&kn->store_lock);
	list_for_each_entry(pol, &kn->policies, list) {
		if (ktlsctl_policy_matches(pol, req)) {
			err = ktlsctl_policy_fill(req, pol);
			break;
		}
	}
	mutex_unlock(&kn->store_lock);
	return err;
}
