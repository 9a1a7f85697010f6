// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon's only way to log: syslog, or stderr with a priority prefix.
 * Key material never passes through here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

static bool log_syslog;
static bool log_verbose;

void log_init(bool use_syslog, bool verbose)
{
	log_syslog = use_syslog;
	log_verbose = verbose;
	/* Connected now: the seccomp filter (harden.c) comes later. */
	if (use_syslog)
		openlog("ktlsctld", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void log_msg(int prio, const char *fmt, ...)
{
	static const char *const names[] = {
		[LOG_ERR] = "error", [LOG_WARNING] = "warning",
		[LOG_INFO] = "info", [LOG_DEBUG] = "debug",
	};
	char line[512];
	va_list ap;
	int n;

	if (prio == LOG_DEBUG && !log_verbose)
		return;
	va_start(ap, fmt);
	if (log_syslog) {
		vsyslog(prio, fmt, ap);
	} else {
		/* One write per line: worker threads log concurrently. */
		n = snprintf(line, sizeof(line), "ktlsctld: %s: ",
			     prio < LOG_DEBUG + 1 && names[prio] ?
			     names[prio] : "log");
		vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
		strcat(line, "\n");
		fputs(line, stderr);
	}
	va_end(ap);
}
