// SPDX-License-Identifier: GPL-2.0
/*
 * The policy commands: policy-add (the reply carries the new id),
 * policy-del, policy-flush and the policy-get dump, in match order.
 */
#include <linux/ctype.h>
#include <linux/in.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "ktlsctl-priv.h"
#include "ktlsctl-nl.h"
#include "store.h"

static int ktlsctl_policy_addr(struct ktlsctl_addr_match *m,
			       const struct nlattr *nest,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KTLSCTL_A_ADDR_MAX + 1];
	unsigned int max_prefix;
	int err, len;

	if (!nest)
		return 0;
	err = nla_parse_nested(tb, KTLSCTL_A_ADDR_MAX, nest,
			       ktlsctl_addr_nl_policy, extack);
	if (err)
		return err;
	m->set = true;
	if (tb[KTLSCTL_A_ADDR_PORT])
		m->port = nla_get_be16(tb[KTLSCTL_A_ADDR_PORT]);
	if (!tb[KTLSCTL_A_ADDR_ADDR]) {
		if (tb[KTLSCTL_A_ADDR_PREFIX_LEN]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_ADDR_PREFIX_LEN],
					    "a prefix length needs an address");
			return -EINVAL;
		}
		if (!m->port) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "an address selector needs an address or a port");
			return -EINVAL;
		}
		return 0;
	}
	len = nla_len(tb[KTLSCTL_A_ADDR_ADDR]);
	if (len != 4 && len != 16) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_ADDR_ADDR],
				    "an address has 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	m->family = len == 4 ? AF_INET : AF_INET6;
	max_prefix = len * 8;
	memcpy(m->addr, nla_data(tb[KTLSCTL_A_ADDR_ADDR]), len);
	m->prefix_len = max_prefix;
	if (tb[KTLSCTL_A_ADDR_PREFIX_LEN]) {
		m->prefix_len = nla_get_u8(tb[KTLSCTL_A_ADDR_PREFIX_LEN]);
		if (m->prefix_len > max_prefix) {
			NL_SET_ERR_MSG_ATTR(extack,
					    tb[KTLSCTL_A_ADDR_PREFIX_LEN],
					    "prefix length longer than the address");
			return -EINVAL;
		}
	}
	return 0;
}

static int ktlsctl_policy_str(char **dst, const struct nlattr *nla,
			      bool name, struct netlink_ext_ack *extack)
{
	const char *s;

	if (!nla)
		return 0;
	s = nla_data(nla);
	if (!*s) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "empty string");
		return -EINVAL;
	}
	/* ASCII only, as the names of the store (see cred-nl.c) */
	for (; name && *s; s++) {
		if (!isascii(*s) || (!isalnum(*s) && !strchr("._:@+-", *s))) {
			NL_SET_ERR_MSG_ATTR(extack, nla,
					    "names are letters, digits and ._:@+- only");
			return -EINVAL;
		}
	}
	*dst = kstrdup(nla_data(nla), GFP_KERNEL);
	return *dst ? 0 : -ENOMEM;
}

/* The multi-attributes: ciphers and ALPN identifiers, in message order. */
static int ktlsctl_policy_lists(struct ktlsctl_policy *pol,
				struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	const struct nlattr *nla;
	unsigned int i;
	int rem;

	nla_for_each_attr(nla, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(nla) == KTLSCTL_A_POLICY_CIPHER) {
			u32 c = nla_get_u32(nla);

			if (c < KTLSCTL_CIPHER_AES_128_GCM ||
			    c > KTLSCTL_CIPHER_AES_128_CCM) {
				NL_SET_ERR_MSG_ATTR(extack, nla, "unknown cipher");
				return -EINVAL;
			}
			for (i = 0; i < pol->num_ciphers; i++) {
				if (pol->ciphers[i] == c) {
					NL_SET_ERR_MSG_ATTR(extack, nla,
							    "cipher listed twice");
					return -EINVAL;
				}
			}
			pol->ciphers[pol->num_ciphers++] = c;
		} else if (nla_type(nla) == KTLSCTL_A_POLICY_ALPN) {
			if (pol->num_alpn >= KTLSCTL_MAX_ALPN) {
				NL_SET_ERR_MSG_ATTR(extack, nla,
						    "too many ALPN identifiers");
				return -EINVAL;
			}
			if (nla_len(nla) > KTLSCTL_ALPN_MAX_LEN ||
			    memchr(nla_data(nla), 0, nla_len(nla))) {
				NL_SET_ERR_MSG_ATTR(extack, nla,
						    "an ALPN identifier has 1 to 255 bytes, none of them 0");
				return -EINVAL;
			}
			pol->alpn[pol->num_alpn] = kmemdup_nul(nla_data(nla),
							       nla_len(nla),
							       GFP_KERNEL);
			if (!pol->alpn[pol->num_alpn])
				return -ENOMEM;
			pol->num_alpn++;
		}
	}
	return 0;
}

static u32 ktlsctl_policy_u32(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u32(tb[type]) : 0;
}

static bool ktlsctl_version_ok(u32 v)
{
	return !v || v == KTLSCTL_TLS_VERSION_TLS12 ||
	       v == KTLSCTL_TLS_VERSION_TLS13;
}

/* One precheck for the rules between attributes of policy-add. */
static int ktlsctl_policy_precheck(const struct ktlsctl_policy *pol,
				   struct nlattr **tb,
				   struct netlink_ext_ack *extack)
{
	if (!ktlsctl_version_ok(pol->tls_min) ||
	    !ktlsctl_version_ok(pol->tls_max)) {
		NL_SET_ERR_MSG_MOD(extack, "TLS versions are 1.2 or 1.3");
		return -EINVAL;
	}
	if (pol->tls_min && pol->tls_max && pol->tls_min > pol->tls_max) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_POLICY_TLS_MIN],
				    "tls-min is above tls-max");
		return -EINVAL;
	}
	switch (pol->auth) {
	case KTLSCTL_AUTH_ANON:
		if (pol->role == KTLSCTL_ROLE_SERVER) {
			NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_POLICY_AUTH],
					    "a server cannot be anonymous");
			return -EINVAL;
		}
		if (pol->cred || pol->psk) {
			NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_POLICY_AUTH],
					    "auth anon takes no cred and no psk");
			return -EINVAL;
		}
		break;
	case KTLSCTL_AUTH_PSK:
		if (!pol->psk) {
			NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_POLICY_AUTH],
					    "auth psk needs a psk");
			return -EINVAL;
		}
		break;
	case KTLSCTL_AUTH_X509:
		if (pol->role == KTLSCTL_ROLE_SERVER && !pol->cred) {
			NL_SET_ERR_MSG_ATTR(extack, tb[KTLSCTL_A_POLICY_AUTH],
					    "a server policy with auth x509 needs a cred");
			return -EINVAL;
		}
		break;
	}
	return 0;
}

static int ktlsctl_policy_build(struct ktlsctl_policy *pol,
				struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **tb = info->attrs;
	int err;

	pol->priority = ktlsctl_policy_u32(tb, KTLSCTL_A_POLICY_PRIORITY);
	pol->role = ktlsctl_policy_u32(tb, KTLSCTL_A_POLICY_ROLE);
	pol->handler = ktlsctl_policy_u32(tb, KTLSCTL_A_POLICY_HANDLER);
	pol->auth = ktlsctl_policy_u32(tb, KTLSCTL_A_POLICY_AUTH);
	pol->tls_min = ktlsctl_policy_u32(tb, KTLSCTL_A_POLICY_TLS_MIN);
	pol->tls_max = ktlsctl_policy_u32(tb, KTLSCTL_A_POLICY_TLS_MAX);
	pol->timeout_ms = ktlsctl_policy_u32(tb, KTLSCTL_A_POLICY_TIMEOUT_MS);
	pol->offload = ktlsctl_policy_u32(tb, KTLSCTL_A_POLICY_OFFLOAD);

	err = ktlsctl_policy_addr(&pol->src, tb[KTLSCTL_A_POLICY_SRC],
				  extack) ?:
	      ktlsctl_policy_addr(&pol->dst, tb[KTLSCTL_A_POLICY_DST],
				  extack) ?:
	      ktlsctl_policy_str(&pol->peer_name, tb[KTLSCTL_A_POLICY_PEER_NAME],
				 false, extack) ?:
	      ktlsctl_policy_str(&pol->tag, tb[KTLSCTL_A_POLICY_TAG], false,
				 extack) ?:
	      ktlsctl_policy_str(&pol->cred, tb[KTLSCTL_A_POLICY_CRED], true,
				 extack) ?:
	      ktlsctl_policy_str(&pol->trust, tb[KTLSCTL_A_POLICY_TRUST], true,
				 extack) ?:
	      ktlsctl_policy_str(&pol->psk, tb[KTLSCTL_A_POLICY_PSK], true,
				 extack) ?:
	      ktlsctl_policy_lists(pol, info);
	return err ?: ktlsctl_policy_precheck(pol, tb, extack);
}

static int ktlsctl_policy_reply(struct genl_info *info, u32 id)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(nla_total_size(sizeof(u32)), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &ktlsctl_nl_family, 0,
				KTLSCTL_CMD_POLICY_ADD);
	if (!hdr || nla_put_u32(msg, KTLSCTL_A_POLICY_ID, id)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int ktlsctl_nl_policy_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ktlsctl_policy *pol;
	u32 id;
	int err;

	pol = kzalloc(sizeof(*pol), GFP_KERNEL);
	if (!pol)
		return -ENOMEM;
	err = ktlsctl_policy_build(pol, info);
	if (!err)
		err = ktlsctl_policy_insert(ktlsctl_pernet(net), pol,
					    info->extack);
	if (err) {
		ktlsctl_policy_free(pol);
		return err;
	}
	/* @pol belongs to the store now and may already be gone. */
	id = pol->id;
	ktlsctl_nl_config_ntf(net, KTLSCTL_CONFIG_OBJECT_POLICY,
			      KTLSCTL_CONFIG_ACTION_ADD, 0, NULL, id);
	return ktlsctl_policy_reply(info, id);
}

int ktlsctl_nl_policy_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	u32 id;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, KTLSCTL_A_POLICY_ID)) {
		NL_SET_ERR_MSG_MOD(info->extack, "policy id missing");
		return -EINVAL;
	}
	id = nla_get_u32(info->attrs[KTLSCTL_A_POLICY_ID]);
	err = ktlsctl_policy_remove(ktlsctl_pernet(net), id, info->extack);
	if (err)
		return err;
	ktlsctl_nl_config_ntf(net, KTLSCTL_CONFIG_OBJECT_POLICY,
			      KTLSCTL_CONFIG_ACTION_DEL, 0, NULL, id);
	return 0;
}

int ktlsctl_nl_policy_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);

	if (ktlsctl_policy_flush(ktlsctl_pernet(net),
				 ktlsctl_policy_u32(info->attrs,
						    KTLSCTL_A_POLICY_ROLE)))
		ktlsctl_nl_config_ntf(net, KTLSCTL_CONFIG_OBJECT_POLICY,
				      KTLSCTL_CONFIG_ACTION_FLUSH, 0, NULL, 0);
	return 0;
}

static int ktlsctl_policy_put_addr(struct sk_buff *msg, int type,
				   const struct ktlsctl_addr_match *m)
{
	struct nlattr *nest;

	if (!m->set)
		return 0;
	nest = nla_nest_start(msg, type);
	if (!nest)
		return -EMSGSIZE;
	if ((m->family &&
	     (nla_put(msg, KTLSCTL_A_ADDR_ADDR,
		      m->family == AF_INET ? 4 : 16, m->addr) ||
	      nla_put_u8(msg, KTLSCTL_A_ADDR_PREFIX_LEN, m->prefix_len))) ||
	    (m->port && nla_put_be16(msg, KTLSCTL_A_ADDR_PORT, m->port))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int ktlsctl_policy_put_u32(struct sk_buff *msg, int type, u32 v)
{
	return v ? nla_put_u32(msg, type, v) : 0;
}

static int ktlsctl_policy_put_str(struct sk_buff *msg, int type,
				  const char *s)
{
	return s ? nla_put_string(msg, type, s) : 0;
}

static int ktlsctl_policy_fill(struct sk_buff *msg,
			       const struct ktlsctl_policy *pol)
{
	unsigned int i;

	if (nla_put_u32(msg, KTLSCTL_A_POLICY_ID, pol->id) ||
	    nla_put_u32(msg, KTLSCTL_A_POLICY_PRIORITY, pol->priority) ||
	    ktlsctl_policy_put_u32(msg, KTLSCTL_A_POLICY_ROLE, pol->role) ||
	    ktlsctl_policy_put_u32(msg, KTLSCTL_A_POLICY_HANDLER,
				   pol->handler) ||
	    ktlsctl_policy_put_addr(msg, KTLSCTL_A_POLICY_SRC, &pol->src) ||
	    ktlsctl_policy_put_addr(msg, KTLSCTL_A_POLICY_DST, &pol->dst) ||
	    ktlsctl_policy_put_str(msg, KTLSCTL_A_POLICY_PEER_NAME,
				   pol->peer_name) ||
	    ktlsctl_policy_put_str(msg, KTLSCTL_A_POLICY_TAG, pol->tag) ||
	    ktlsctl_policy_put_str(msg, KTLSCTL_A_POLICY_CRED, pol->cred) ||
	    ktlsctl_policy_put_str(msg, KTLSCTL_A_POLICY_TRUST, pol->trust) ||
	    ktlsctl_policy_put_str(msg, KTLSCTL_A_POLICY_PSK, pol->psk) ||
	    ktlsctl_policy_put_u32(msg, KTLSCTL_A_POLICY_AUTH, pol->auth) ||
	    ktlsctl_policy_put_u32(msg, KTLSCTL_A_POLICY_TLS_MIN,
				   pol->tls_min) ||
	    ktlsctl_policy_put_u32(msg, KTLSCTL_A_POLICY_TLS_MAX,
				   pol->tls_max) ||
	    ktlsctl_policy_put_u32(msg, KTLSCTL_A_POLICY_TIMEOUT_MS,
				   pol->timeout_ms) ||
	    ktlsctl_policy_put_u32(msg, KTLSCTL_A_POLICY_OFFLOAD,
				   pol->offload))
		return -EMSGSIZE;
	for (i = 0; i < pol->num_ciphers; i++)
		if (nla_put_u32(msg, KTLSCTL_A_POLICY_CIPHER, pol->ciphers[i]))
			return -EMSGSIZE;
	for (i = 0; i < pol->num_alpn; i++)
		if (nla_put(msg, KTLSCTL_A_POLICY_ALPN, strlen(pol->alpn[i]),
			    pol->alpn[i]))
			return -EMSGSIZE;
	return 0;
}

/*
 * Policies in match order; cb->args[0] counts those already sent. A
 * change between two parts of the dump sets NLM_F_DUMP_INTR.
 */
int ktlsctl_nl_policy_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct ktlsctl_net *kn = ktlsctl_pernet(sock_net(cb->skb->sk));
	long idx = 0, skip = cb->args[0];
	struct ktlsctl_policy *pol;
	void *hdr;

	mutex_lock(&kn->store_lock);
	cb->seq = kn->store_gen;
	list_for_each_entry(pol, &kn->policies, list) {
		if (idx < skip) {
			idx++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &ktlsctl_nl_family,
				  NLM_F_MULTI, KTLSCTL_CMD_POLICY_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (ktlsctl_policy_fill(skb, pol)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		idx++;
	}
	mutex_unlock(&kn->store_lock);
	cb->args[0] = idx;
	/* An entry too big for an empty message must not end the dump. */
	if (!skb->len && !list_entry_is_head(pol, &kn->policies, list))
		return -EMSGSIZE;
	return skb->len;
}
