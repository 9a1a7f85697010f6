// SPDX-License-Identifier: GPL-2.0
/*
 * The credential store of a network namespace: named certificates with
 * their private keys, PSKs and trust bundles, added by operators over
 * netlink (cred-nl.c) and handed to daemons with the requests that name
 * them, directly or through a policy (policy.c).
 *
 * Entries are immutable once added; a change is a delete and an add. The
 * store is small and changes rarely, so one mutex per namespace serializes
 * changes, dumps and the lookups of submitting requests. A request that
 * names an entry shares it, by reference, instead of copying its blobs
 * (a thousand queued requests hold one CA bundle, not a thousand): deleting
 * an entry unlinks it and never waits for handshakes; the last reference
 * zeroizes and frees it.
 */
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ktlsctl-priv.h"
#include "store.h"

/* A new entry, with the caller's reference; ktlsctl_cred_put() frees it. */
struct ktlsctl_cred_entry *ktlsctl_cred_alloc(void)
{
	struct ktlsctl_cred_entry *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return NULL;
	refcount_set(&e->ref, 1);
	ktlsctl_dbg_get(KTLSCTL_DBG_CRED);
	return e;
}

void ktlsctl_cred_put(struct ktlsctl_cred_entry *e)
{
	unsigned int i;

	if (!e || !refcount_dec_and_test(&e->ref))
		return;
	kfree(e->c.name);
	for (i = 0; i < KTLSCTL_NUM_BLOBS; i++) {
		kfree_sensitive(e->c.blob[i]);
		kfree(e->path[i]);
	}
	ktlsctl_x509_info_free(&e->info);
	kfree_sensitive(e);
	ktlsctl_dbg_put(KTLSCTL_DBG_CRED);
}

struct ktlsctl_cred_entry *ktlsctl_cred_find(struct ktlsctl_net *kn, u32 type,
					     const char *name)
{
	struct ktlsctl_cred_entry *e;

	lockdep_assert_held(&kn->store_lock);
	list_for_each_entry(e, &kn->creds, list)
		if (e->c.type == type && !strcmp(e->c.name, name))
			return e;
	return NULL;
}

/**
 * ktlsctl_cred_insert - add a validated entry to the store
 * @kn: namespace state
 * @e: the entry; the store owns it on success
 * @extack: for the reason of a refusal
 *
 * Return: 0; -EEXIST when an entry of that type and name exists; -ENOSPC
 * when the store is full.
 */
int ktlsctl_cred_insert(struct ktlsctl_net *kn, struct ktlsctl_cred_entry *e,
			struct netlink_ext_ack *extack)
{
	int err = 0;

	mutex_lock(&kn->store_lock);
	if (ktlsctl_cred_find(kn, e->c.type, e->c.name)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a credential of this type and name exists");
		err = -EEXIST;
	} else if (kn->num_creds >= KTLSCTL_STORE_MAX_CREDS) {
		NL_SET_ERR_MSG_MOD(extack, "the credential store is full");
		err = -ENOSPC;
	} else {
		list_add_tail(&e->list, &kn->creds);
		kn->num_creds++;
		kn->store_gen++;
	}
	mutex_unlock(&kn->store_lock);
	return err;
}

/**
 * ktlsctl_cred_remove - delete a named entry and zeroize it
 * @kn: namespace state
 * @type: KTLSCTL_CRED_TYPE_*
 * @name: its name
 * @extack: for the reason of a refusal
 *
 * Return: 0; -ENOENT when there is no such entry; -EBUSY when a policy
 * names it (delete the policy first).
 */
int ktlsctl_cred_remove(struct ktlsctl_net *kn, u32 type, const char *name,
			struct netlink_ext_ack *extack)
{
	struct ktlsctl_cred_entry *e;
	int err = 0;

	mutex_lock(&kn->store_lock);
	e = ktlsctl_cred_find(kn, type, name);
	if (!e) {
		NL_SET_ERR_MSG_MOD(extack, "no credential of this type and name");
		err = -ENOENT;
		goto out_unlock;
	}
	if (ktlsctl_policy_using(kn, type, name)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the credential is used by a policy (see policy show)");
		err = -EBUSY;
		goto out_unlock;
	}
	list_del(&e->list);
	kn->num_creds--;
	kn->store_gen++;
out_unlock:
	mutex_unlock(&kn->store_lock);
	if (!err)
		ktlsctl_cred_put(e);
	return err;
}

/**
 * ktlsctl_cred_share - a request's credential from a store entry
 * @dst: the request's credential; released with the request
 * @e: the entry (store lock held)
 *
 * @dst gets the entry's name and blobs and a reference that keeps them,
 * also after the entry leaves the store.
 */
void ktlsctl_cred_share(struct ktlsctl_req_cred *dst,
			struct ktlsctl_cred_entry *e)
{
	*dst = e->c;
	refcount_inc(&e->ref);
	dst->shared = e;
}

/**
 * ktlsctl_req_cred_release - what a request's credential holds
 * @c: the credential: a store entry's (dropped) or its own (zeroized)
 */
void ktlsctl_req_cred_release(struct ktlsctl_req_cred *c)
{
	unsigned int i;

	if (c->shared) {
		ktlsctl_cred_put(c->shared);
	} else {
		kfree(c->name);
		for (i = 0; i < KTLSCTL_NUM_BLOBS; i++)
			kfree_sensitive(c->blob[i]);
	}
	memset(c, 0, sizeof(*c));
}

void ktlsctl_store_net_init(struct ktlsctl_net *kn)
{
	mutex_init(&kn->store_lock);
	INIT_LIST_HEAD(&kn->creds);
	INIT_LIST_HEAD(&kn->policies);
	kn->next_policy_id = 1;
}

/* The namespace is gone: nothing else can reach the store. */
void ktlsctl_store_net_exit(struct ktlsctl_net *kn)
{
	struct ktlsctl_cred_entry *e, *tmp;

	ktlsctl_policy_flush_all(kn);
	list_for_each_entry_safe(e, tmp, &kn->creds, list) {
		list_del(&e->list);
		ktlsctl_cred_put(e);
	}
	kn->num_creds = 0;
	mutex_destroy(&kn->store_lock);
}

/* A credential the consumer named but did not pass is the store's. */
static bool ktlsctl_cred_by_name(const struct ktlsctl_req_cred *c)
{
	unsigned int i;

	if (!c->name)
		return false;
	for (i = 0; i < KTLSCTL_NUM_BLOBS; i++)
		if (c->blob[i])
			return false;
	return true;
}

/**
 * ktlsctl_cred_resolve - fill in the credentials a request names
 * @req: a request being submitted
 *
 * Return: 0, -ENOENT when a named entry is not in the store of the
 * request's namespace, or -ENOMEM.
 */
int ktlsctl_cred_resolve(struct ktlsctl_req *req)
{
	struct ktlsctl_net *kn = req->kn;
	struct ktlsctl_cred_entry *e;
	unsigned int i;
	int err = 0;

	mutex_lock(&kn->store_lock);
	for (i = 0; i < req->num_creds && !err; i++) {
		struct ktlsctl_req_cred *c = &req->creds[i];

		if (!ktlsctl_cred_by_name(c))
			continue;
		e = ktlsctl_cred_find(kn, c->type, c->name);
		if (!e) {
			err = -ENOENT;
			break;
		}
		/* The entry brings its own name; the request's goes. */
		ktlsctl_req_cred_release(c);
		ktlsctl_cred_share(c, e);
	}
	mutex_unlock(&kn->store_lock);
	return err;
}
