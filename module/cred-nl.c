// SPDX-License-Identifier: GPL-2.0
/*
 * The credential store's commands: cred-add, cred-del and the cred-get
 * dump. Listings and events carry names, types and what the certificates
 * say about themselves, never a private key or a PSK.
 */
#include <crypto/sha2.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "ktlsctl-priv.h"
#include "ktlsctl-nl.h"
#include "store.h"

/* Blob attributes of cred-add and where each goes; 0 for "not allowed". */
struct ktlsctl_cred_layout {
	u32 type;
	const char *what;
	u16 required[2];
	u16 optional;
};

static const struct ktlsctl_cred_layout ktlsctl_cred_layouts[] = {
	{ KTLSCTL_CRED_TYPE_CERT, "a certificate",
	  { KTLSCTL_A_CRED_CERT, KTLSCTL_A_CRED_KEY }, 0 },
	{ KTLSCTL_CRED_TYPE_PSK, "a PSK",
	  { KTLSCTL_A_CRED_PSK_IDENTITY, KTLSCTL_A_CRED_PSK_SECRET },
	  KTLSCTL_A_CRED_PSK_HASH },
	{ KTLSCTL_CRED_TYPE_TRUST, "a trust bundle",
	  { KTLSCTL_A_CRED_CA, 0 }, KTLSCTL_A_CRED_CRL },
};

static const u16 ktlsctl_cred_content_attrs[] = {
	KTLSCTL_A_CRED_CERT, KTLSCTL_A_CRED_KEY, KTLSCTL_A_CRED_PSK_IDENTITY,
	KTLSCTL_A_CRED_PSK_SECRET, KTLSCTL_A_CRED_PSK_HASH, KTLSCTL_A_CRED_CA,
	KTLSCTL_A_CRED_CRL,
};

/* Each blob, its attribute, and the attribute naming its file. */
static const struct {
	u16 attr;
	u16 path;
	size_t max;
} ktlsctl_cred_blobs[KTLSCTL_NUM_BLOBS] = {
	[KTLSCTL_BLOB_CERT] = { KTLSCTL_A_CRED_CERT, KTLSCTL_A_CRED_CERT_PATH,
				KTLSCTL_BLOB_MAX_LEN },
	[KTLSCTL_BLOB_KEY] = { KTLSCTL_A_CRED_KEY, KTLSCTL_A_CRED_KEY_PATH,
			       KTLSCTL_BLOB_MAX_LEN },
	[KTLSCTL_BLOB_CA] = { KTLSCTL_A_CRED_CA, KTLSCTL_A_CRED_CA_PATH,
			      KTLSCTL_BLOB_MAX_LEN },
	[KTLSCTL_BLOB_PSK_IDENTITY] = { KTLSCTL_A_CRED_PSK_IDENTITY, 0,
					KTLSCTL_PSK_IDENTITY_MAX_LEN },
	[KTLSCTL_BLOB_PSK_SECRET] = { KTLSCTL_A_CRED_PSK_SECRET,
				      KTLSCTL_A_CRED_PSK_SECRET_PATH,
				      KTLSCTL_PSK_SECRET_MAX_LEN },
	[KTLSCTL_BLOB_CRL] = { KTLSCTL_A_CRED_CRL, KTLSCTL_A_CRED_CRL_PATH,
			       KTLSCTL_BLOB_MAX_LEN },
};

/*
 * Names go into listings, save files and command lines: keep them plain.
 * ASCII only: the kernel's isalnum() counts Latin-1 letters (0xc0 to 0xff)
 * too, which are not even UTF-8 on their own.
 */
static bool ktlsctl_cred_name_ok(const char *name)
{
	if (!*name)
		return false;
	for (; *name; name++)
		if (!isascii(*name) ||
		    (!isalnum(*name) && !strchr("._:@+-", *name)))
			return false;
	return true;
}

static int ktlsctl_cred_name(struct genl_info *info, struct nlattr **tb,
			     char **name)
{
	if (GENL_REQ_ATTR_CHECK(info, KTLSCTL_A_CRED_NAME)) {
		NL_SET_ERR_MSG_MOD(info->extack, "credential name missing");
		return -EINVAL;
	}
	if (!ktlsctl_cred_name_ok(nla_data(tb[KTLSCTL_A_CRED_NAME]))) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[KTLSCTL_A_CRED_NAME],
				    "names are letters, digits and ._:@+- only");
		return -EINVAL;
	}
	*name = nla_data(tb[KTLSCTL_A_CRED_NAME]);
	return 0;
}

static bool ktlsctl_cred_layout_has(const struct ktlsctl_cred_layout *l,
				    u16 attr)
{
	return attr == l->required[0] || attr == l->required[1] ||
	       attr == l->optional;
}

/* One precheck for the cross-attribute rules of cred-add. */
static int ktlsctl_cred_precheck(struct genl_info *info, struct nlattr **tb,
				 const struct ktlsctl_cred_layout **layout)
{
	const struct ktlsctl_cred_layout *l = NULL;
	unsigned int i;
	u32 type;

	if (GENL_REQ_ATTR_CHECK(info, KTLSCTL_A_CRED_TYPE)) {
		NL_SET_ERR_MSG_MOD(info->extack, "credential type missing");
		return -EINVAL;
	}
	type = nla_get_u32(tb[KTLSCTL_A_CRED_TYPE]);
	for (i = 0; i < ARRAY_SIZE(ktlsctl_cred_layouts); i++)
		if (ktlsctl_cred_layouts[i].type == type)
			l = &ktlsctl_cred_layouts[i];
	if (!l) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[KTLSCTL_A_CRED_TYPE],
				    "unknown credential type");
		return -EINVAL;
	}
	for (i = 0; i < ARRAY_SIZE(ktlsctl_cred_content_attrs); i++) {
		u16 attr = ktlsctl_cred_content_attrs[i];

		if (tb[attr] && !ktlsctl_cred_layout_has(l, attr)) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[attr],
					    "attribute does not belong to this credential type");
			return -EINVAL;
		}
	}
	for (i = 0; i < ARRAY_SIZE(l->required); i++) {
		if (l->required[i] &&
		    GENL_REQ_ATTR_CHECK(info, l->required[i])) {
			NL_SET_ERR_MSG_MOD(info->extack,
					   "an attribute this credential type needs is missing");
			return -EINVAL;
		}
	}
	for (i = 0; i < KTLSCTL_NUM_BLOBS; i++) {
		u16 path = ktlsctl_cred_blobs[i].path;

		if (path && tb[path] && !tb[ktlsctl_cred_blobs[i].attr]) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[path],
					    "a file name without the contents it names");
			return -EINVAL;
		}
	}
	*layout = l;
	return 0;
}

static int ktlsctl_cred_blob(struct ktlsctl_cred_entry *e, unsigned int blob,
			     struct nlattr **tb,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *nla = tb[ktlsctl_cred_blobs[blob].attr];
	u16 path = ktlsctl_cred_blobs[blob].path;

	if (!nla)
		return 0;
	if (nla_len(nla) > ktlsctl_cred_blobs[blob].max) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "attribute is too long");
		return -EMSGSIZE;
	}
	e->c.blob[blob] = kmemdup(nla_data(nla), nla_len(nla), GFP_KERNEL);
	if (!e->c.blob[blob])
		return -ENOMEM;
	e->c.len[blob] = nla_len(nla);
	if (!path || !tb[path])
		return 0;
	e->path[blob] = nla_strdup(tb[path], GFP_KERNEL);
	return e->path[blob] ? 0 : -ENOMEM;
}

static int ktlsctl_cred_copy_blobs(struct ktlsctl_cred_entry *e,
				   struct nlattr **tb,
				   struct netlink_ext_ack *extack)
{
	unsigned int i;
	int err;

	for (i = 0; i < KTLSCTL_NUM_BLOBS; i++) {
		err = ktlsctl_cred_blob(e, i, tb, extack);
		if (err)
			return err;
	}
	return 0;
}

/* What the contents say about themselves, checked on the way. */
static int ktlsctl_cred_inspect(struct ktlsctl_cred_entry *e,
				struct nlattr **tb,
				struct netlink_ext_ack *extack)
{
	const struct ktlsctl_req_cred *c = &e->c;
	int err;

	switch (c->type) {
	case KTLSCTL_CRED_TYPE_CERT:
		err = ktlsctl_x509_parse(c->blob[KTLSCTL_BLOB_CERT],
					 c->len[KTLSCTL_BLOB_CERT], &e->info,
					 extack);
		if (err) {
			NL_SET_BAD_ATTR(extack, tb[KTLSCTL_A_CRED_CERT]);
			return err;
		}
		err = ktlsctl_x509_key_match(c->blob[KTLSCTL_BLOB_KEY],
					     c->len[KTLSCTL_BLOB_KEY],
					     e->info.spki, e->info.spki_len,
					     extack);
		if (err)
			NL_SET_BAD_ATTR(extack, tb[KTLSCTL_A_CRED_KEY]);
		return err;
	case KTLSCTL_CRED_TYPE_TRUST:
		err = ktlsctl_x509_parse(c->blob[KTLSCTL_BLOB_CA],
					 c->len[KTLSCTL_BLOB_CA], &e->info,
					 extack);
		if (err) {
			NL_SET_BAD_ATTR(extack, tb[KTLSCTL_A_CRED_CA]);
			return err;
		}
		if (!c->blob[KTLSCTL_BLOB_CRL])
			return 0;
		err = ktlsctl_x509_check_crl(c->blob[KTLSCTL_BLOB_CRL],
					     c->len[KTLSCTL_BLOB_CRL], extack);
		if (err)
			NL_SET_BAD_ATTR(extack, tb[KTLSCTL_A_CRED_CRL]);
		return err;
	default:
		sha256(c->blob[KTLSCTL_BLOB_PSK_IDENTITY],
		       c->len[KTLSCTL_BLOB_PSK_IDENTITY], e->info.fingerprint);
		return 0;
	}
}

static int ktlsctl_cred_add(struct sk_buff *skb, struct genl_info *info,
			    struct nlattr **tb)
{
	struct net *net = genl_info_net(info);
	const struct ktlsctl_cred_layout *l;
	struct ktlsctl_cred_entry *e;
	char *name;
	int err;

	err = ktlsctl_cred_precheck(info, tb, &l) ?:
	      ktlsctl_cred_name(info, tb, &name);
	if (err)
		return err;

	e = ktlsctl_cred_alloc();
	if (!e)
		return -ENOMEM;
	e->c.type = l->type;
	if (l->type == KTLSCTL_CRED_TYPE_PSK)
		e->c.psk_hash = tb[KTLSCTL_A_CRED_PSK_HASH] ?
			nla_get_u32(tb[KTLSCTL_A_CRED_PSK_HASH]) :
			KTLSCTL_PSK_HASH_SHA256;
	e->c.name = kstrdup(name, GFP_KERNEL);
	err = e->c.name ? 0 : -ENOMEM;
	if (!err)
		err = ktlsctl_cred_copy_blobs(e, tb, info->extack);
	if (!err)
		err = ktlsctl_cred_inspect(e, tb, info->extack);
	if (!err)
		err = ktlsctl_cred_insert(ktlsctl_pernet(net), e, info->extack);
	if (err) {
		ktlsctl_cred_put(e);
		return err;
	}
	ktlsctl_nl_config_ntf(net, KTLSCTL_CONFIG_OBJECT_CRED,
			      KTLSCTL_CONFIG_ACTION_ADD, l->type, name, 0);
	return 0;
}

/*
 * cred-add carries private keys and PSKs: like DONE it comes unparsed (see
 * ktlsctl_netlink_init()) and is wiped on every path, the refusal of an
 * unprivileged caller included.
 */
int ktlsctl_nl_cred_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[KTLSCTL_A_CRED_MAX + 1];
	int err;

	err = ktlsctl_nl_raw_parse(skb, info, tb);
	if (!err) {
		info->attrs = tb;
		err = ktlsctl_cred_add(skb, info, tb);
		info->attrs = NULL;
	}
	ktlsctl_nl_raw_wipe(info);
	return err;
}

int ktlsctl_nl_cred_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	char *name;
	u32 type;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, KTLSCTL_A_CRED_TYPE)) {
		NL_SET_ERR_MSG_MOD(info->extack, "credential type missing");
		return -EINVAL;
	}
	err = ktlsctl_cred_name(info, info->attrs, &name);
	if (err)
		return err;
	type = nla_get_u32(info->attrs[KTLSCTL_A_CRED_TYPE]);
	err = ktlsctl_cred_remove(ktlsctl_pernet(net), type, name,
				  info->extack);
	if (err)
		return err;
	ktlsctl_nl_config_ntf(net, KTLSCTL_CONFIG_OBJECT_CRED,
			      KTLSCTL_CONFIG_ACTION_DEL, type, name, 0);
	return 0;
}

static int ktlsctl_cred_fill(struct sk_buff *msg,
			     const struct ktlsctl_cred_entry *e)
{
	const struct ktlsctl_x509_info *info = &e->info;
	const struct ktlsctl_req_cred *c = &e->c;
	unsigned int i;

	for (i = 0; i < KTLSCTL_NUM_BLOBS; i++)
		if (e->path[i] &&
		    nla_put_string(msg, ktlsctl_cred_blobs[i].path, e->path[i]))
			return -EMSGSIZE;
	if (nla_put_string(msg, KTLSCTL_A_CRED_NAME, c->name) ||
	    nla_put_u32(msg, KTLSCTL_A_CRED_TYPE, c->type) ||
	    nla_put(msg, KTLSCTL_A_CRED_FINGERPRINT, sizeof(info->fingerprint),
		    info->fingerprint))
		return -EMSGSIZE;
	if (c->type == KTLSCTL_CRED_TYPE_PSK)
		return nla_put(msg, KTLSCTL_A_CRED_PSK_IDENTITY,
			       c->len[KTLSCTL_BLOB_PSK_IDENTITY],
			       c->blob[KTLSCTL_BLOB_PSK_IDENTITY]) ||
		       nla_put_u32(msg, KTLSCTL_A_CRED_PSK_HASH, c->psk_hash) ?
		       -EMSGSIZE : 0;
	if ((info->subject &&
	     nla_put_string(msg, KTLSCTL_A_CRED_SUBJECT, info->subject)) ||
	    nla_put_u64_64bit(msg, KTLSCTL_A_CRED_NOT_AFTER, info->not_after,
			      KTLSCTL_A_CRED_PAD))
		return -EMSGSIZE;
	for (i = 0; i < info->num_sans; i++)
		if (nla_put_string(msg, KTLSCTL_A_CRED_SAN, info->sans[i]))
			return -EMSGSIZE;
	return 0;
}

static bool ktlsctl_cred_selected(const struct ktlsctl_cred_entry *e,
				  struct nlattr **attrs)
{
	if (!attrs)
		return true;
	if (attrs[KTLSCTL_A_CRED_TYPE] &&
	    nla_get_u32(attrs[KTLSCTL_A_CRED_TYPE]) != e->c.type)
		return false;
	return !attrs[KTLSCTL_A_CRED_NAME] ||
	       !nla_strcmp(attrs[KTLSCTL_A_CRED_NAME], e->c.name);
}

/*
 * The store in add order, optionally one type and one name; cb->args[0]
 * counts the entries already looked at. A change between two parts of the
 * dump sets NLM_F_DUMP_INTR.
 */
int ktlsctl_nl_cred_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	struct ktlsctl_net *kn = ktlsctl_pernet(sock_net(cb->skb->sk));
	struct nlattr **attrs = ktlsctl_dump_attrs(cb);
	struct ktlsctl_cred_entry *e;
	long idx = 0, skip = cb->args[0];
	void *hdr;

	mutex_lock(&kn->store_lock);
	cb->seq = kn->store_gen;
	list_for_each_entry(e, &kn->creds, list) {
		if (idx++ < skip || !ktlsctl_cred_selected(e, attrs))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &ktlsctl_nl_family,
				  NLM_F_MULTI, KTLSCTL_CMD_CRED_GET);
		if (!hdr) {
			idx--;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (ktlsctl_cred_fill(skb, e)) {
			genlmsg_cancel(skb, hdr);
			idx--;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	mutex_unlock(&kn->store_lock);
	cb->args[0] = idx;
	/* An entry too big for an empty message must not end the dump. */
	if (!skb->len && !list_entry_is_head(e, &kn->creds, list))
		return -EMSGSIZE;
	return skb->len;
}
