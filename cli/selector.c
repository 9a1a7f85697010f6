// SPDX-License-Identifier: GPL-2.0
/*
 * Address selectors of policies (src, dst): an address or prefix, a port,
 * or both, read from the command line and printed back in the same form.
 */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "libktlsctl.h"
#include "print.h"

/* Up to 3 (prefix) or 5 (port) decimal digits, no sign, up to max. */
static const char *sel_digits(const char **s, unsigned int ndigits,
			      unsigned long max, unsigned long *v)
{
	const char *p = *s;
	unsigned int n = 0;

	*v = 0;
	while (*p >= '0' && *p <= '9' && n <= ndigits) {
		*v = *v * 10 + (unsigned long)(*p++ - '0');
		n++;
	}
	if (!n)
		return "a number is missing";
	if (n > ndigits || *v > max)
		return "number out of range";
	*s = p;
	return NULL;
}

const char *sel_parse(const char *s, struct ktlsctl_addr_sel *a)
{
	char buf[INET6_ADDRSTRLEN];
	const char *rest = s, *why, *end;
	unsigned long v;
	bool bare6 = false;
	size_t n;

	memset(a, 0, sizeof(*a));
	if (!*s)
		return "empty selector";
	if (*s == '[') {
		end = strchr(s, ']');
		if (!end)
			return "missing \"]\"";
		n = (size_t)(end - s - 1);
		if (n >= sizeof(buf))
			return "not an IPv6 address";
		memcpy(buf, s + 1, n);
		buf[n] = '\0';
		if (inet_pton(AF_INET6, buf, a->addr) != 1)
			return "not an IPv6 address";
		a->addr_len = 16;
		rest = end + 1;
	} else if (s[0] != ':' || s[1] == ':') {	/* ":PORT", not "::1" */
		/* IPv4 first: the address ends at "/" or ":". */
		n = strcspn(s, "/:");
		if (n < sizeof(buf)) {
			memcpy(buf, s, n);
			buf[n] = '\0';
			if (inet_pton(AF_INET, buf, a->addr) == 1)
				a->addr_len = 4;
		}
		if (!a->addr_len) {
			n = strcspn(s, "/");
			if (n >= sizeof(buf))
				return "not an IPv4 or IPv6 address";
			memcpy(buf, s, n);
			buf[n] = '\0';
			if (inet_pton(AF_INET6, buf, a->addr) != 1)
				return "not an IPv4 or IPv6 address";
			a->addr_len = 16;
			bare6 = true;
		}
		rest = s + n;
	}

	a->prefix_len = (uint8_t)(a->addr_len * 8);
	if (*rest == '/') {
		if (!a->addr_len)
			return "a prefix length needs an address";
		rest++;
		why = sel_digits(&rest, 3, a->addr_len * 8, &v);
		if (why)
			return a->addr_len == 4 ?
			       "prefix length is 0 to 32 for IPv4" :
			       "prefix length is 0 to 128 for IPv6";
		a->prefix_len = (uint8_t)v;
	}
	if (*rest == ':') {
		if (bare6)
			return "an IPv6 address with a port goes in brackets: [ADDR]:PORT";
		rest++;
		why = sel_digits(&rest, 5, 65535, &v);
		if (why || !v)
			return "port is 1 to 65535";
		a->port = (uint16_t)v;
	}
	if (*rest)
		return "trailing characters";
	a->present = true;
	return NULL;
}

/* buf has room for INET6_ADDRSTRLEN bytes. */
const char *sel_addr(const struct ktlsctl_addr_sel *a, char *buf)
{
	if (!a->addr_len)
		return NULL;
	return inet_ntop(a->addr_len == 4 ? AF_INET : AF_INET6, a->addr, buf,
			 INET6_ADDRSTRLEN);
}

void sel_print(struct printer *p, const char *key,
	       const struct ktlsctl_addr_sel *a)
{
	char buf[INET6_ADDRSTRLEN];

	print_prefix(p, key, NULL, sel_addr(a, buf), a->prefix_len, a->port);
}
