// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctld-sandbox-test: the daemon's sandbox (daemon/harden.c, the very
 * code, built with the daemon's sanitizer flags) from the outside, for
 * tests/vm/daemon-hardening.sh. Run as root in the VM:
 *
 *   leak [--harden]   leaks 4242 bytes and exits 0: LeakSanitizer must
 *                     report it and make the exit status 23; with
 *                     --harden, after harden_apply() as the daemon does
 *                     (the leak check works inside the sandbox). Exits
 *                     77 when not built with the sanitizers.
 *   allowed           hardens, then does what a worker does (malloc, a
 *                     thread, a read-only open, write): exits 0
 *   socket | exec     hardens, then opens a TCP socket / execs /bin/true:
 *                     must be killed by SIGSYS, never return
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harden.h"
#include "log.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#else
#define SANITIZED 0
#endif

static void *volatile leaked;

/* Leaks 4242 bytes: reachable from a global until overwritten. */
static __attribute__((noinline)) void leak(void)
{
	leaked = malloc(4242);
	if (leaked)
		memset(leaked, 0x5a, 4242);
	leaked = NULL;
}

/*
 * LeakSanitizer counts any word that points into a block as a reference,
 * on the stack and in the registers it finds at exit: overwrite the stack
 * and the scratch registers where a stale copy of the pointer (memset's
 * end, say) could still sit, or the leak is missed now and then.
 */
static __attribute__((noinline)) void scrub(void)
{
	char junk[16384];

	explicit_bzero(junk, sizeof(junk));	/* not optimized away */
}

static int harden(void)
{
	struct harden_opts o = { .drop = true, .seccomp = true };

	return harden_apply(&o) ? 1 : 0;
}

static void *thread_main(void *arg)
{
	char *p = malloc(64);

	if (p)
		snprintf(p, 64, "%s", (const char *)arg);
	free(p);
	return NULL;
}

static int allowed(void)
{
	pthread_t t;
	char buf[16];
	int fd;

	if (harden())
		return 1;
	if (pthread_create(&t, NULL, thread_main, "worker") ||
	    pthread_join(t, NULL))
		return 1;
	fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, buf, sizeof(buf)) <= 0)
		return 1;
	close(fd);
	printf("allowed: ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	log_init(false, false);
	if (!strcmp(mode, "leak")) {
		if (!SANITIZED) {
			printf("not built with the sanitizers\n");
			return 77;
		}
		if (argc > 2 && !strcmp(argv[2], "--harden") && harden())
			return 1;
		leak();
		scrub();
		return 0;
	}
	if (!strcmp(mode, "allowed"))
		return allowed();
	if (!strcmp(mode, "socket")) {
		if (harden())
			return 1;
		socket(AF_INET, SOCK_STREAM, 0);
		printf("socket: returned\n");
		return 0;
	}
	if (!strcmp(mode, "exec")) {
		if (harden())
			return 1;
		execl("/bin/true", "true", (char *)NULL);
		printf("exec: returned\n");
		return 0;
	}
	fprintf(stderr, "usage: ktlsctld-sandbox-test leak [--harden] | allowed | socket | exec\n");
	return 2;
}
