/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal check helper for the unit tests. */
#ifndef _KTLSCTL_CHECK_H
#define _KTLSCTL_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
			__FILE__, __LINE__, #cond);			\
		check_failed++;						\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *_a = (a), *_b = (b);				\
	if (!_a || !_b || strcmp(_a, _b)) {				\
		fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n",		\
			__FILE__, __LINE__, _a ? _a : "(null)",		\
			_b ? _b : "(null)");				\
		check_failed++;						\
	}								\
} while (0)

static inline int check_done(const char *name)
{
	if (check_failed) {
		fprintf(stderr, "%s: %d checks failed\n", name, check_failed);
		return 1;
	}
	printf("%s: all checks passed\n", name);
	return 0;
}

#endif /* _KTLSCTL_CHECK_H */
