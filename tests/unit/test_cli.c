// SPDX-License-Identifier: GPL-2.0
/*
 * The CLI's printing of requests and events: the text line and the JSON
 * object of each come from one path; addresses, errno names, unknown enum
 * values, an empty list, timestamps.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "memout.h"
#include "cli.h"
#include "libktlsctl.h"

static const struct cli text = { .json = false };
static const struct cli json = { .json = true };

static void event_is(const struct cli *cli, const struct ktlsctl_ntf *ntf,
		     const char *want)
{
	FILE *f = out_open();

	CHECK(monitor_print(f, cli, false, ntf) == 0);
	CHECK_STR(out_close(f), want);
}

static void ntf_request(struct ktlsctl_ntf *ntf, uint32_t state)
{
	struct ktlsctl_request *r = &ntf->request;

	memset(ntf, 0, sizeof(*ntf));
	ntf->cmd = KTLSCTL_CMD_REQUEST_NTF;
	r->has = KTLSCTL_REQUEST_HAS_HANDLER | KTLSCTL_REQUEST_HAS_ROLE |
		 KTLSCTL_REQUEST_HAS_STATE | KTLSCTL_REQUEST_HAS_PEER_NAME |
		 KTLSCTL_REQUEST_HAS_TAG;
	r->id = 42;
	r->handler = KTLSCTL_HANDLER_TLS;
	r->role = KTLSCTL_ROLE_CLIENT;
	r->state = state;
	strcpy(r->peer_name, "server.test");
	strcpy(r->tag, "probe");
}

static void test_events(void)
{
	struct ktlsctl_request *r;
	struct ktlsctl_ntf ntf;

	ntf_request(&ntf, KTLSCTL_STATE_QUEUED);
	event_is(&text, &ntf,
		 "request id 42  state queued  handler tls  role client  "
		 "peer-name server.test  tag probe\n");
	event_is(&json, &ntf,
		 "{\"request\":{\"id\":42,\"state\":\"queued\",\"handler\":\"tls\","
		 "\"role\":\"client\",\"peer_name\":\"server.test\","
		 "\"tag\":\"probe\"}}\n");

	ntf_request(&ntf, KTLSCTL_STATE_INSTALLED);
	r = &ntf.request;
	r->has |= KTLSCTL_REQUEST_HAS_STATUS | KTLSCTL_REQUEST_HAS_VERSION |
		  KTLSCTL_REQUEST_HAS_CIPHER | KTLSCTL_REQUEST_HAS_KEY_MODE |
		  KTLSCTL_REQUEST_HAS_PEER_IDENTITY;
	r->version = KTLSCTL_TLS_VERSION_TLS12;
	r->cipher = KTLSCTL_CIPHER_AES_128_GCM;
	r->key_mode = KTLSCTL_KEY_MODE_SW;
	strcpy(r->peer_identity, "CN=server.test");
	event_is(&text, &ntf,
		 "request id 42  state installed  handler tls  role client  "
		 "peer-name server.test  tag probe  status 0  version tls12  "
		 "cipher aes-128-gcm  key-mode sw  peer-identity CN=server.test\n");
	event_is(&json, &ntf,
		 "{\"request\":{\"id\":42,\"state\":\"installed\",\"handler\":\"tls\","
		 "\"role\":\"client\",\"peer_name\":\"server.test\","
		 "\"tag\":\"probe\",\"status\":0,\"version\":\"tls12\","
		 "\"cipher\":\"aes-128-gcm\",\"key_mode\":\"sw\","
		 "\"peer_identity\":\"CN=server.test\"}}\n");

	ntf_request(&ntf, KTLSCTL_STATE_TIMED_OUT);
	ntf.request.has |= KTLSCTL_REQUEST_HAS_STATUS;
	ntf.request.status = ETIMEDOUT;
	event_is(&json, &ntf,
		 "{\"request\":{\"id\":42,\"state\":\"timed-out\",\"handler\":\"tls\","
		 "\"role\":\"client\",\"peer_name\":\"server.test\","
		 "\"tag\":\"probe\",\"status\":\"ETIMEDOUT\"}}\n");
	/* Values the spec does not know (a newer module): their numbers. */
	ntf.request.state = 77;
	ntf.request.status = 4000;
	event_is(&text, &ntf,
		 "request id 42  state 77  handler tls  role client  "
		 "peer-name server.test  tag probe  status 4000\n");

	memset(&ntf, 0, sizeof(ntf));
	ntf.cmd = KTLSCTL_CMD_CONFIG_NTF;
	ntf.config.has = KTLSCTL_CONFIG_HAS_OBJECT | KTLSCTL_CONFIG_HAS_ACTION |
			 KTLSCTL_CONFIG_HAS_CRED_TYPE | KTLSCTL_CONFIG_HAS_NAME;
	ntf.config.object = KTLSCTL_CONFIG_OBJECT_CRED;
	ntf.config.action = KTLSCTL_CONFIG_ACTION_ADD;
	ntf.config.cred_type = KTLSCTL_CRED_TYPE_PSK;
	strcpy(ntf.config.name, "nfs-psk");
	event_is(&text, &ntf,
		 "config object cred  action add  cred-type psk  name nfs-psk\n");
	event_is(&json, &ntf,
		 "{\"config\":{\"object\":\"cred\",\"action\":\"add\","
		 "\"cred_type\":\"psk\",\"name\":\"nfs-psk\"}}\n");
}

static void test_timestamp(void)
{
	struct ktlsctl_ntf ntf;
	const char *s;
	FILE *f;

	ntf_request(&ntf, KTLSCTL_STATE_QUEUED);
	f = out_open();
	CHECK(monitor_print(f, &text, true, &ntf) == 0);
	s = out_close(f);
	/* 2025-01-31T12:34:56.123456+0100  request id 42 ... */
	CHECK(strlen(s) > 33 && s[4] == '-' && s[10] == 'T' && s[19] == '.' &&
	      (s[26] == '+' || s[26] == '-'));
	CHECK(!strncmp(s + 31, "  request id 42  state queued", 29));

	f = out_open();
	CHECK(monitor_print(f, &json, true, &ntf) == 0);
	s = out_close(f);
	CHECK(!strncmp(s, "{\"timestamp\":\"", 14) &&
	      !strncmp(s + 45, "\",\"request\":{\"id\":42,", 21));
}

static void list_is(const struct cli *cli, const struct ktlsctl_request *reqs,
		    size_t n, const char *want)
{
	FILE *f = out_open();

	CHECK(request_list_print(f, cli, reqs, n) == 0);
	CHECK_STR(out_close(f), want);
}

static void test_list(void)
{
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	struct ktlsctl_request reqs[2] = {};
	unsigned int i;

	for (i = 0; i < 2; i++) {
		reqs[i].has = KTLSCTL_REQUEST_HAS_HANDLER |
			      KTLSCTL_REQUEST_HAS_ROLE |
			      KTLSCTL_REQUEST_HAS_AUTH |
			      KTLSCTL_REQUEST_HAS_STATE |
			      KTLSCTL_REQUEST_HAS_TIMEOUT |
			      KTLSCTL_REQUEST_HAS_AGE |
			      KTLSCTL_REQUEST_HAS_TAG |
			      KTLSCTL_REQUEST_HAS_LOCAL |
			      KTLSCTL_REQUEST_HAS_REMOTE;
		reqs[i].id = i + 1;
		reqs[i].handler = KTLSCTL_HANDLER_TLS;
		reqs[i].auth = KTLSCTL_AUTH_X509;
		reqs[i].age_ms = 12;
		reqs[i].timeout_ms = 3000;
		strcpy(reqs[i].tag, "probe");
	}
	reqs[0].role = KTLSCTL_ROLE_CLIENT;
	reqs[0].state = KTLSCTL_STATE_QUEUED;
	reqs[0].has |= KTLSCTL_REQUEST_HAS_PEER_NAME;
	strcpy(reqs[0].peer_name, "server.test");
	reqs[0].local = (struct ktlsctl_addr_sel){
		.present = true, .addr = { 10, 99, 0, 1 }, .addr_len = 4,
		.port = 40000 };
	reqs[0].remote = (struct ktlsctl_addr_sel){
		.present = true, .addr = { 10, 99, 0, 2 }, .addr_len = 4,
		.port = 20001 };
	reqs[1].role = KTLSCTL_ROLE_SERVER;
	reqs[1].state = KTLSCTL_STATE_ACCEPTED;
	reqs[1].has |= KTLSCTL_REQUEST_HAS_POLICY_ID;
	reqs[1].policy_id = 9;
	reqs[1].local.present = reqs[1].remote.present = true;
	memcpy(reqs[1].local.addr, v6, 16);
	reqs[1].local.addr_len = 16;
	reqs[1].local.port = 443;
	memcpy(reqs[1].remote.addr, v6, 16);
	reqs[1].remote.addr[15] = 2;
	reqs[1].remote.addr_len = 16;
	reqs[1].remote.port = 51000;

	list_is(&text, reqs, 2,
		"id 1  state queued  handler tls  role client  auth x509  "
		"age-ms 12  timeout-ms 3000  peer-name server.test  tag probe  "
		"local 10.99.0.1:40000  remote 10.99.0.2:20001\n"
		"id 2  state accepted  handler tls  role server  auth x509  "
		"age-ms 12  timeout-ms 3000  tag probe  policy-id 9  "
		"local [2001:db8::1]:443  remote [2001:db8::2]:51000\n");
	list_is(&json, reqs, 2,
		"[{\"id\":1,\"state\":\"queued\",\"handler\":\"tls\","
		"\"role\":\"client\",\"auth\":\"x509\",\"age_ms\":12,"
		"\"timeout_ms\":3000,\"peer_name\":\"server.test\","
		"\"tag\":\"probe\",\"local\":{\"addr\":\"10.99.0.1\","
		"\"port\":40000},\"remote\":{\"addr\":\"10.99.0.2\","
		"\"port\":20001}},"
		"{\"id\":2,\"state\":\"accepted\",\"handler\":\"tls\","
		"\"role\":\"server\",\"auth\":\"x509\",\"age_ms\":12,"
		"\"timeout_ms\":3000,\"tag\":\"probe\",\"policy_id\":9,"
		"\"local\":{\"addr\":\"2001:db8::1\",\"port\":443},"
		"\"remote\":{\"addr\":\"2001:db8::2\",\"port\":51000}}]\n");
	list_is(&text, reqs, 0, "");
	list_is(&json, reqs, 0, "[]\n");
}

int main(void)
{
	test_events();
	test_timestamp();
	test_list();
	free(out_buf);
	return check_done("cli");
}
