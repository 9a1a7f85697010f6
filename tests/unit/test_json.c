// SPDX-License-Identifier: GPL-2.0
/* The CLI's JSON writer (escaping, compact, pretty) and its text twin. */
#include <stdlib.h>

#include "check.h"
#include "memout.h"
#include "json.h"
#include "print.h"

static void quote_is(const char *in, const char *want)
{
	FILE *f = out_open();

	json_quote(f, in);
	CHECK_STR(out_close(f), want);
}

static void test_quote(void)
{
	quote_is("plain", "\"plain\"");
	quote_is("", "\"\"");
	quote_is("a\"b\\c/d", "\"a\\\"b\\\\c/d\"");
	quote_is("\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\"");
	quote_is("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
	/* Valid UTF-8 passes through. */
	quote_is("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
		 "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
	/* Invalid bytes, truncated, overlong and surrogate sequences. */
	quote_is("\xff", "\"\\ufffd\"");
	quote_is("x\xc3", "\"x\\ufffd\"");
	quote_is("\xc0\xaf", "\"\\ufffd\\ufffd\"");
	quote_is("\xe0\x80\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	quote_is("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	quote_is("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	quote_is("\xe2\x82", "\"\\ufffd\\ufffd\"");
}

static void write_doc(struct json *j)
{
	json_open_object(j, NULL);
	json_uint(j, "a", 1);
	json_open_array(j, "b");
	json_close_array(j);
	json_open_object(j, "c");
	json_string(j, "d\"", "x");
	json_close_object(j);
	json_open_array(j, "e");
	json_uint(j, NULL, 18446744073709551615ULL);
	json_int(j, NULL, -2);
	json_bool(j, NULL, true);
	json_close_array(j);
	json_close_object(j);
}

static void test_writer(void)
{
	struct json j;
	FILE *f;

	f = out_open();
	json_init(&j, f, false);
	write_doc(&j);
	CHECK_STR(out_close(f),
		  "{\"a\":1,\"b\":[],\"c\":{\"d\\\"\":\"x\"},"
		  "\"e\":[18446744073709551615,-2,true]}\n");

	f = out_open();
	json_init(&j, f, true);
	write_doc(&j);
	CHECK_STR(out_close(f),
		  "{\n"
		  "  \"a\": 1,\n"
		  "  \"b\": [],\n"
		  "  \"c\": {\n"
		  "    \"d\\\"\": \"x\"\n"
		  "  },\n"
		  "  \"e\": [\n"
		  "    18446744073709551615,\n"
		  "    -2,\n"
		  "    true\n"
		  "  ]\n"
		  "}\n");
}

static void print_doc(struct printer *p, FILE *f, bool json)
{
	print_start(p, f, json, false);
	print_str(p, "version", "ktlsctl", "0.1.0");
	print_open_object(p, "family", "family", " ");
	print_str(p, "name", "", "ktlsctl");
	print_uint(p, "id", NULL, 34);
	print_close_object(p);
	print_uint(p, "handler-version", NULL, 1);
	print_nl(p);
	print_open_array(p, "handlers", "handlers:");
	print_str(p, NULL, "", "tls");
	print_str(p, NULL, "", "quic");
	print_close_array(p);
	print_nl(p);
	print_open_object(p, "stats", "stats:", "  ");
	print_uint(p, "timed-out", NULL, 5);
	print_uint(p, "live-requests", NULL, 0);
	print_close_object(p);
	print_nl(p);
	CHECK(print_end(p) == 0);
}

static void test_print(void)
{
	struct printer p;
	FILE *f;

	f = out_open();
	print_doc(&p, f, false);
	CHECK_STR(out_close(f),
		  "ktlsctl 0.1.0  family ktlsctl id 34  handler-version 1\n"
		  "handlers: tls quic\n"
		  "stats: timed-out 5  live-requests 0\n");

	f = out_open();
	print_doc(&p, f, true);
	CHECK_STR(out_close(f),
		  "{\"version\":\"0.1.0\",\"family\":{\"name\":\"ktlsctl\","
		  "\"id\":34},\"handler_version\":1,\"handlers\":[\"tls\","
		  "\"quic\"],\"stats\":{\"timed_out\":5,\"live_requests\":0}}\n");
}

int main(void)
{
	test_quote();
	test_writer();
	test_print();
	free(out_buf);
	return check_done("json");
}
