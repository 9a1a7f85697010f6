// SPDX-License-Identifier: GPL-2.0
/*
 * The CLI's output for the credential and policy store: credential
 * listings, policies, the new policy's id and config events, text and
 * JSON from one printing path, no secret ever printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "check.h"
#include "genlmsg.h"
#include "memout.h"
#include "cli.h"
#include "libktlsctl.h"

static const struct cli text = { .json = false };
static const struct cli json = { .json = true };

/* A policy from "policy add" keywords. */
static int args(struct ktlsctl_policy *p, ...)
{
	char *argv[64];
	va_list ap;
	int argc = 0;

	va_start(ap, p);
	while (argc < 63 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	return policy_args(argc, argv, p);
}

static void cred_is(const struct cli *cli, const struct ktlsctl_cred_entry *e,
		    size_t n, const char *want)
{
	FILE *f = out_open();

	CHECK(cred_list_print(f, cli, e, n) == 0);
	CHECK_STR(out_close(f), want);
}

static char msg[8192] __attribute__((aligned(4)));

static void test_cred_print(void)
{
	struct ktlsctl_cred_entry *e = calloc(3, sizeof(*e));
	struct nlmsghdr *nlh;
	unsigned int i;
	FILE *f;

	/* A cert entry as the module lists it, with secrets it must not. */
	nlh = genl_msg(msg, sizeof(msg), KTLSCTL_CMD_CRED_GET);
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_NAME, "web");
	mnl_attr_put_u32(nlh, KTLSCTL_A_CRED_TYPE, KTLSCTL_CRED_TYPE_CERT);
	mnl_attr_put(nlh, KTLSCTL_A_CRED_KEY, 17, "SECRET-KEY-BYTES");
	mnl_attr_put(nlh, KTLSCTL_A_CRED_PSK_SECRET, 20, "SECRET-PSK-BYTES-123");
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_SUBJECT, "CN=web.test");
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_SAN, "DNS:web.test");
	mnl_attr_put_strz(nlh, KTLSCTL_A_CRED_SAN, "IP:10.0.0.1");
	mnl_attr_put_u64(nlh, KTLSCTL_A_CRED_NOT_AFTER, 1767225600);
	{
		unsigned char fp[32];

		for (i = 0; i < 32; i++)
			fp[i] = (unsigned char)(i * 8);
		mnl_attr_put(nlh, KTLSCTL_A_CRED_FINGERPRINT, 32, fp);
	}
	CHECK(ktlsctl_cred_parse(NULL, nlh, &e[0]) == 0);

	strcpy(e[1].name, "nfs");
	e[1].has = KTLSCTL_CRED_HAS_TYPE | KTLSCTL_CRED_HAS_PSK_IDENTITY |
		   KTLSCTL_CRED_HAS_PSK_HASH;
	e[1].type = KTLSCTL_CRED_TYPE_PSK;
	strcpy(e[1].psk_identity_str, "client1");
	e[1].psk_hash = KTLSCTL_PSK_HASH_SHA384;

	strcpy(e[2].name, "corp");
	e[2].has = KTLSCTL_CRED_HAS_TYPE | KTLSCTL_CRED_HAS_SUBJECT |
		   KTLSCTL_CRED_HAS_NOT_AFTER;
	e[2].type = KTLSCTL_CRED_TYPE_TRUST;
	strcpy(e[2].subject, "CN=Corp \"Root\" CA");
	e[2].not_after = UINT64_MAX;	/* beyond any calendar */

	cred_is(&text, e, 3,
		"name web  type cert  subject CN=web.test  "
		"san DNS:web.test,IP:10.0.0.1  not-after 2026-01-01T00:00:00Z  "
		"fingerprint 00:08:10:18:20:28:30:38:40:48:50:58:60:68:70:78:"
		"80:88:90:98:A0:A8:B0:B8:C0:C8:D0:D8:E0:E8:F0:F8\n"
		"name nfs  type psk  psk-identity client1  psk-hash sha384\n"
		"name corp  type trust  subject CN=Corp \"Root\" CA  "
		"not-after 18446744073709551615\n");
	cred_is(&json, e, 3,
		"[{\"name\":\"web\",\"type\":\"cert\",\"subject\":\"CN=web.test\","
		"\"sans\":[\"DNS:web.test\",\"IP:10.0.0.1\"],"
		"\"not_after\":1767225600,"
		"\"not_after_utc\":\"2026-01-01T00:00:00Z\","
		"\"fingerprint\":\"00:08:10:18:20:28:30:38:40:48:50:58:60:68:"
		"70:78:80:88:90:98:A0:A8:B0:B8:C0:C8:D0:D8:E0:E8:F0:F8\"},"
		"{\"name\":\"nfs\",\"type\":\"psk\",\"psk_identity\":\"client1\","
		"\"psk_hash\":\"sha384\"},"
		"{\"name\":\"corp\",\"type\":\"trust\","
		"\"subject\":\"CN=Corp \\\"Root\\\" CA\","
		"\"not_after\":18446744073709551615}]\n");
	cred_is(&text, e, 0, "");
	cred_is(&json, e, 0, "[]\n");

	/* Nothing secret in either form. */
	f = out_open();
	CHECK(cred_list_print(f, &text, e, 1) == 0);
	CHECK(!strstr(out_close(f), "SECRET"));
	f = out_open();
	CHECK(cred_list_print(f, &json, e, 1) == 0);
	CHECK(!strstr(out_close(f), "SECRET"));
	free(e);
}

static void policy_is(const struct cli *cli, const struct ktlsctl_policy *p,
		      size_t n, const char *want)
{
	FILE *f = out_open();

	CHECK(policy_list_print(f, cli, p, n) == 0);
	CHECK_STR(out_close(f), want);
}

static void test_policy_print(void)
{
	struct ktlsctl_policy *p = calloc(2, sizeof(*p));
	FILE *f;

	CHECK(args(&p[0], "dir", "client", "proto", "tcp", "src", "10.0.0.0/8",
		   "dst", "[fd00::]/64:443", "peer-name", "*.example.com",
		   "tag", "nfs", "cred", "cli", "trust", "corp", "psk", "p1",
		   "auth", "x509", "tls-min", "1.2", "tls-max", "1.3",
		   "cipher", "chacha20-poly1305,aes-128-gcm",
		   "alpn", "h2,http/1.1", "timeout", "5000",
		   "offload", "prefer", "priority", "10", NULL) == 0);
	p[0].id = 1;
	p[0].has |= KTLSCTL_POLICY_HAS_ID;
	CHECK(args(&p[1], "dst", ":2049", "src", "fd00::/8", NULL) == 0);
	p[1].id = 2;
	p[1].has |= KTLSCTL_POLICY_HAS_ID;
	p[1].alpn[0].len = 3;
	memcpy(p[1].alpn[0].id, "a,\x01", 3);
	p[1].n_alpn = 1;
	p[1].has |= KTLSCTL_POLICY_HAS_ALPN;

	policy_is(&text, p, 2,
		  "id 1  priority 10  role client  handler tls  src 10.0.0.0/8  "
		  "dst [fd00::]/64:443  peer-name *.example.com  tag nfs  "
		  "cred cli  trust corp  psk p1  auth x509  tls-min tls12  "
		  "tls-max tls13  cipher chacha20-poly1305,aes-128-gcm  "
		  "alpn h2,http/1.1  timeout-ms 5000  offload prefer\n"
		  "id 2  src fd00::/8  dst :2049  alpn 0x612c01\n");
	policy_is(&json, p, 2,
		  "[{\"id\":1,\"priority\":10,\"role\":\"client\","
		  "\"handler\":\"tls\","
		  "\"src\":{\"addr\":\"10.0.0.0\",\"prefix_len\":8},"
		  "\"dst\":{\"addr\":\"fd00::\",\"prefix_len\":64,\"port\":443},"
		  "\"peer_name\":\"*.example.com\",\"tag\":\"nfs\","
		  "\"cred\":\"cli\",\"trust\":\"corp\",\"psk\":\"p1\","
		  "\"auth\":\"x509\",\"tls_min\":\"tls12\",\"tls_max\":\"tls13\","
		  "\"ciphers\":[\"chacha20-poly1305\",\"aes-128-gcm\"],"
		  "\"alpn\":[\"h2\",\"http/1.1\"],\"timeout_ms\":5000,"
		  "\"offload\":\"prefer\"},"
		  "{\"id\":2,\"src\":{\"addr\":\"fd00::\",\"prefix_len\":8},"
		  "\"dst\":{\"port\":2049},\"alpn\":[\"0x612c01\"]}]\n");
	policy_is(&text, p, 0, "");
	policy_is(&json, p, 0, "[]\n");

	f = out_open();
	CHECK(policy_id_print(f, &text, 17) == 0);
	CHECK_STR(out_close(f), "id 17\n");
	f = out_open();
	CHECK(policy_id_print(f, &json, 17) == 0);
	CHECK_STR(out_close(f), "{\"id\":17}\n");
	free(p);
}

static void event_is(const struct cli *cli, const struct ktlsctl_ntf *ntf,
		     const char *want)
{
	FILE *f = out_open();

	CHECK(monitor_print(f, cli, false, ntf) == 0);
	CHECK_STR(out_close(f), want);
}

static void test_config_events(void)
{
	struct ktlsctl_ntf ntf = { .cmd = KTLSCTL_CMD_CONFIG_NTF };
	struct ktlsctl_config_event *c = &ntf.config;

	c->has = KTLSCTL_CONFIG_HAS_OBJECT | KTLSCTL_CONFIG_HAS_ACTION |
		 KTLSCTL_CONFIG_HAS_POLICY_ID;
	c->object = KTLSCTL_CONFIG_OBJECT_POLICY;
	c->action = KTLSCTL_CONFIG_ACTION_ADD;
	c->policy_id = 12;
	event_is(&text, &ntf, "config object policy  action add  policy-id 12\n");
	event_is(&json, &ntf,
		 "{\"config\":{\"object\":\"policy\",\"action\":\"add\","
		 "\"policy_id\":12}}\n");

	c->has = KTLSCTL_CONFIG_HAS_OBJECT | KTLSCTL_CONFIG_HAS_ACTION;
	c->action = KTLSCTL_CONFIG_ACTION_FLUSH;
	event_is(&text, &ntf, "config object policy  action flush\n");

	c->has = KTLSCTL_CONFIG_HAS_OBJECT | KTLSCTL_CONFIG_HAS_ACTION |
		 KTLSCTL_CONFIG_HAS_CRED_TYPE | KTLSCTL_CONFIG_HAS_NAME;
	c->object = KTLSCTL_CONFIG_OBJECT_CRED;
	c->action = KTLSCTL_CONFIG_ACTION_DEL;
	c->cred_type = KTLSCTL_CRED_TYPE_TRUST;
	strcpy(c->name, "corp");
	event_is(&text, &ntf,
		 "config object cred  action del  cred-type trust  name corp\n");
	event_is(&json, &ntf,
		 "{\"config\":{\"object\":\"cred\",\"action\":\"del\","
		 "\"cred_type\":\"trust\",\"name\":\"corp\"}}\n");
}

int main(void)
{
	test_cred_print();
	test_policy_print();
	test_config_events();
	free(out_buf);
	return check_done("cli-store");
}
