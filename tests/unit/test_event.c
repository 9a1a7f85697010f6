// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding the monitor group's events: request-ntf as the module sends it
 * (ktlsctl_nl_fill_ntf) for a queued, an installed and a timed-out
 * request, config-ntf (which the module does not send yet), and what is
 * no monitor event or breaks the spec.
 */
#include <errno.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "check.h"
#include "genlmsg.h"
#include "ktlsctl-priv.h"

static char buf[4096] __attribute__((aligned(4)));

static struct nlmsghdr *start(uint8_t cmd)
{
	return genl_msg(buf, sizeof(buf), cmd);
}

/* The module's request-ntf: the result parts once the request ended. */
static struct nlmsghdr *request_ntf(uint32_t state, uint32_t status)
{
	struct nlmsghdr *nlh = start(KTLSCTL_CMD_REQUEST_NTF);

	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ID, 42);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_HANDLER, KTLSCTL_HANDLER_TLS);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ROLE, KTLSCTL_ROLE_SERVER);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_STATE, state);
	mnl_attr_put_strz(nlh, KTLSCTL_A_REQUEST_PEER_NAME, "server.test");
	mnl_attr_put_strz(nlh, KTLSCTL_A_REQUEST_TAG, "nfs");
	if (state == KTLSCTL_STATE_QUEUED || state == KTLSCTL_STATE_ACCEPTED)
		return nlh;
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_STATUS, status);
	if (status)
		return nlh;
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_VERSION,
			 KTLSCTL_TLS_VERSION_TLS13);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_CIPHER,
			 KTLSCTL_CIPHER_CHACHA20_POLY1305);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_KEY_MODE, KTLSCTL_KEY_MODE_SW);
	mnl_attr_put_strz(nlh, KTLSCTL_A_REQUEST_PEER_IDENTITY,
			  "CN=client.test");
	return nlh;
}

#define BASE	(KTLSCTL_REQUEST_HAS_HANDLER | KTLSCTL_REQUEST_HAS_ROLE | \
		 KTLSCTL_REQUEST_HAS_STATE | KTLSCTL_REQUEST_HAS_PEER_NAME | \
		 KTLSCTL_REQUEST_HAS_TAG)

static void test_request(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	const struct ktlsctl_request *r;
	struct ktlsctl_ntf ntf;

	r = &ntf.request;
	CHECK(ktlsctl_ntf_parse(sock, request_ntf(KTLSCTL_STATE_QUEUED, 0),
				&ntf) == 0);
	CHECK(ntf.cmd == KTLSCTL_CMD_REQUEST_NTF);
	CHECK(r->has == BASE);
	CHECK(r->id == 42 && r->state == KTLSCTL_STATE_QUEUED &&
	      r->role == KTLSCTL_ROLE_SERVER &&
	      r->handler == KTLSCTL_HANDLER_TLS);
	CHECK_STR(r->peer_name, "server.test");
	CHECK_STR(r->tag, "nfs");
	CHECK(!r->local.present && !r->remote.present);

	CHECK(ktlsctl_ntf_parse(sock, request_ntf(KTLSCTL_STATE_INSTALLED, 0),
				&ntf) == 0);
	CHECK(r->has == (BASE | KTLSCTL_REQUEST_HAS_STATUS |
			 KTLSCTL_REQUEST_HAS_VERSION |
			 KTLSCTL_REQUEST_HAS_CIPHER |
			 KTLSCTL_REQUEST_HAS_KEY_MODE |
			 KTLSCTL_REQUEST_HAS_PEER_IDENTITY));
	CHECK(r->state == KTLSCTL_STATE_INSTALLED && r->status == 0);
	CHECK(r->version == KTLSCTL_TLS_VERSION_TLS13 &&
	      r->cipher == KTLSCTL_CIPHER_CHACHA20_POLY1305 &&
	      r->key_mode == KTLSCTL_KEY_MODE_SW);
	CHECK_STR(r->peer_identity, "CN=client.test");

	CHECK(ktlsctl_ntf_parse(sock, request_ntf(KTLSCTL_STATE_TIMED_OUT,
						  ETIMEDOUT), &ntf) == 0);
	CHECK(r->has == (BASE | KTLSCTL_REQUEST_HAS_STATUS));
	CHECK(r->state == KTLSCTL_STATE_TIMED_OUT && r->status == ETIMEDOUT);
	CHECK_STR(r->peer_identity, "");
	ktlsctl_close(sock);
}

static void test_config(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	const struct ktlsctl_config_event *c;
	struct ktlsctl_ntf ntf;
	struct nlmsghdr *nlh;
	char name[80];

	c = &ntf.config;
	nlh = start(KTLSCTL_CMD_CONFIG_NTF);
	mnl_attr_put_u32(nlh, KTLSCTL_A_CONFIG_OBJECT,
			 KTLSCTL_CONFIG_OBJECT_CRED);
	mnl_attr_put_u32(nlh, KTLSCTL_A_CONFIG_ACTION,
			 KTLSCTL_CONFIG_ACTION_ADD);
	mnl_attr_put_u32(nlh, KTLSCTL_A_CONFIG_CRED_TYPE,
			 KTLSCTL_CRED_TYPE_CERT);
	mnl_attr_put_strz(nlh, KTLSCTL_A_CONFIG_NAME, "web");
	CHECK(ktlsctl_ntf_parse(sock, nlh, &ntf) == 0);
	CHECK(ntf.cmd == KTLSCTL_CMD_CONFIG_NTF);
	CHECK(c->has == (KTLSCTL_CONFIG_HAS_OBJECT | KTLSCTL_CONFIG_HAS_ACTION |
			 KTLSCTL_CONFIG_HAS_CRED_TYPE |
			 KTLSCTL_CONFIG_HAS_NAME));
	CHECK(c->object == KTLSCTL_CONFIG_OBJECT_CRED &&
	      c->action == KTLSCTL_CONFIG_ACTION_ADD &&
	      c->cred_type == KTLSCTL_CRED_TYPE_CERT);
	CHECK_STR(c->name, "web");

	nlh = start(KTLSCTL_CMD_CONFIG_NTF);
	mnl_attr_put_u32(nlh, KTLSCTL_A_CONFIG_OBJECT,
			 KTLSCTL_CONFIG_OBJECT_POLICY);
	mnl_attr_put_u32(nlh, KTLSCTL_A_CONFIG_ACTION,
			 KTLSCTL_CONFIG_ACTION_DEL);
	mnl_attr_put_u32(nlh, KTLSCTL_A_CONFIG_POLICY_ID, 7);
	CHECK(ktlsctl_ntf_parse(sock, nlh, &ntf) == 0);
	CHECK(c->has == (KTLSCTL_CONFIG_HAS_OBJECT | KTLSCTL_CONFIG_HAS_ACTION |
			 KTLSCTL_CONFIG_HAS_POLICY_ID));
	CHECK(c->object == KTLSCTL_CONFIG_OBJECT_POLICY &&
	      c->action == KTLSCTL_CONFIG_ACTION_DEL && c->policy_id == 7);
	CHECK_STR(c->name, "");

	/* The spec has no maximum for this name; the store's names do. */
	nlh = start(KTLSCTL_CMD_CONFIG_NTF);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	mnl_attr_put_strz(nlh, KTLSCTL_A_CONFIG_NAME, name);
	CHECK(ktlsctl_ntf_parse(sock, nlh, &ntf) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute config.name: string length 79, max 64");

	nlh = start(KTLSCTL_CMD_CONFIG_NTF);
	mnl_attr_put_u32(nlh, KTLSCTL_A_CONFIG_ACTION, 9);
	CHECK(ktlsctl_ntf_parse(sock, nlh, &ntf) == -EINVAL);
	ktlsctl_close(sock);
}

static void test_other(void)
{
	struct ktlsctl_sock *sock = ktlsctl_sock_alloc();
	struct ktlsctl_ntf ntf;
	struct nlmsghdr *nlh;
	char want[64];

	/* READY goes to the handshake group: no monitor event. */
	nlh = start(KTLSCTL_CMD_READY);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ID, 1);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_HANDLER, KTLSCTL_HANDLER_TLS);
	CHECK(ktlsctl_ntf_parse(sock, nlh, &ntf) == -ENOMSG);
	snprintf(want, sizeof(want), "not a monitor event (command %d)",
		 KTLSCTL_CMD_READY);
	CHECK_STR(ktlsctl_error(sock), want);

	nlh = start(KTLSCTL_CMD_REQUEST_NTF);
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 2;
	CHECK(ktlsctl_ntf_parse(sock, nlh, &ntf) == -EINVAL);

	nlh = start(KTLSCTL_CMD_REQUEST_NTF);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_STATE, KTLSCTL_STATE_QUEUED);
	CHECK(ktlsctl_ntf_parse(sock, nlh, &ntf) == -EPROTO);

	/* A status beyond the largest errno breaks the spec's check. */
	nlh = start(KTLSCTL_CMD_REQUEST_NTF);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_ID, 1);
	mnl_attr_put_u32(nlh, KTLSCTL_A_REQUEST_STATUS, 5000);
	CHECK(ktlsctl_ntf_parse(sock, nlh, &ntf) == -EINVAL);
	CHECK_STR(ktlsctl_error(sock),
		  "invalid attribute request.status: value 5000, max 4095");
	ktlsctl_close(sock);
}

int main(void)
{
	test_request();
	test_config();
	test_other();
	return check_done("event");
}
