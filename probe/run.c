// SPDX-License-Identifier: GPL-2.0
/*
 * ktlsctl-probe: load the probe module when needed, run the ioctls, print
 * the result as one JSON object.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <linux/ktlsctl.h>

#include "probe.h"

#define PROBE_DEV_PATH "/dev/" KTLSCTL_PROBE_DEV

static const struct {
	int err;
	const char *name;
} errnames[] = {
#define E(x) { x, #x }
	E(EPERM), E(ENOENT), E(EINTR), E(EIO), E(EBADF), E(EAGAIN),
	E(ENOMEM), E(EACCES), E(EFAULT), E(EBUSY), E(EEXIST), E(EINVAL),
	E(ENOSPC), E(EPIPE), E(ERANGE), E(EPROTO), E(EBADMSG),
	E(EMSGSIZE), E(EOPNOTSUPP), E(EAFNOSUPPORT), E(EADDRINUSE),
	E(ENETDOWN), E(ENETUNREACH), E(ECONNABORTED), E(ECONNRESET),
	E(ENOBUFS), E(EISCONN), E(ENOTCONN), E(ESHUTDOWN), E(ETIMEDOUT),
	E(ECONNREFUSED), E(EHOSTUNREACH), E(ECANCELED), E(ENOKEY),
	E(EKEYEXPIRED), E(EKEYREVOKED), E(EKEYREJECTED), E(ENOTTY),
	E(ENODEV),
#undef E
	{ 512, "ERESTARTSYS" }, { 524, "ENOTSUPP" },
};

/* A negative errno as a JSON string: "-EAGAIN", else "-E<number>". */
static void print_errname(int err)
{
	size_t i;

	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++) {
		if (errnames[i].err == -err) {
			printf("\"-%s\"", errnames[i].name);
			return;
		}
	}
	printf("\"-E%d\"", -err);
}

static void print_status(const char *key, int err)
{
	if (!err) {
		printf("\"%s\":0", key);
		return;
	}
	printf("\"%s\":", key);
	print_errname(err);
}

/* @len bytes of @s as a JSON string (null for NULL). */
static void print_bytes(const char *key, const void *s, size_t len)
{
	const unsigned char *p = s, *end;

	if (!s) {
		printf("\"%s\":null", key);
		return;
	}
	printf("\"%s\":\"", key);
	for (end = p + len; p < end; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void print_string(const char *key, const char *s)
{
	print_bytes(key, s, s ? strlen(s) : 0);
}

static const char *mode_name(uint32_t mode)
{
	switch (mode) {
	case KTLSCTL_KEY_MODE_SW:
		return "sw";
	case KTLSCTL_KEY_MODE_HW:
		return "hw";
	}
	return NULL;
}

/*
 * The module built for the running kernel: $KTLSCTL_PROBE_KO, else
 * <dir of this program>/../kmod/<major.minor>/probe/ktlsctl_probe.ko.
 */
static int probe_ko_path(char *path, size_t size)
{
	char exe[PATH_MAX], series[32];
	const char *env = getenv("KTLSCTL_PROBE_KO");
	struct utsname u;
	unsigned int major, minor;
	ssize_t n;

	if (env) {
		snprintf(path, size, "%s", env);
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0 || uname(&u) || sscanf(u.release, "%u.%u", &major,
					 &minor) != 2)
		return -1;
	exe[n] = '\0';
	snprintf(series, sizeof(series), "%u.%u", major, minor);
	snprintf(path, size, "%s/../kmod/%s/probe/ktlsctl_probe.ko",
		 dirname(exe), series);
	return 0;
}

static int open_device(void)
{
	char path[PATH_MAX];
	int fd, ko, i;

	fd = open(PROBE_DEV_PATH, O_RDWR | O_CLOEXEC);
	if (fd >= 0 || errno != ENOENT)
		goto out;
	if (probe_ko_path(path, sizeof(path)))
		goto out;
	ko = open(path, O_RDONLY | O_CLOEXEC);
	if (ko < 0) {
		fprintf(stderr, "ktlsctl-probe: %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	if (syscall(SYS_finit_module, ko, "", 0) && errno != EEXIST) {
		fprintf(stderr, "ktlsctl-probe: loading %s: %s\n", path,
			strerror(errno));
		close(ko);
		return -1;
	}
	close(ko);
	for (i = 0; i < 50; i++) {
		fd = open(PROBE_DEV_PATH, O_RDWR | O_CLOEXEC);
		if (fd >= 0 || errno != ENOENT)
			break;
		usleep(20000);
	}
out:
	if (fd < 0)
		fprintf(stderr, "ktlsctl-probe: %s: %s\n", PROBE_DEV_PATH,
			strerror(errno));
	return fd;
}

static int ready(const char *path)
{
	FILE *f;

	if (!path)
		return 0;
	f = fopen(path, "w");
	if (!f || fclose(f)) {
		fprintf(stderr, "ktlsctl-probe: %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	return 0;
}

/* The namespace of @path for the next socket, with no descriptor left open. */
static int set_netns(int fd, const char *path)
{
	int ns, err;

	ns = open(path, O_RDONLY | O_CLOEXEC);
	if (ns < 0) {
		fprintf(stderr, "ktlsctl-probe: %s: %s\n", path, strerror(errno));
		return -1;
	}
	err = ioctl(fd, KTLSCTL_PROBE_NETNS, &ns);
	if (err)
		fprintf(stderr, "ktlsctl-probe: --netns %s: %s\n", path,
			strerror(errno));
	close(ns);
	return err;
}

int probe_run(struct probe_opts *o)
{
	struct ktlsctl_probe_args *a = &o->args;
	uint64_t want;
	int fd, err = 0;
	bool ok;

	fd = open_device();
	if (fd < 0)
		return 1;
	if (o->listen) {
		if (ioctl(fd, KTLSCTL_PROBE_LISTEN, a) || ready(o->ready_file))
			err = -errno;
		else if (ioctl(fd, KTLSCTL_PROBE_ACCEPT, a))
			err = -errno;
	} else if (o->netns && set_netns(fd, o->netns)) {
		close(fd);
		return 1;
	} else if (ioctl(fd, KTLSCTL_PROBE_CONNECT, a)) {
		err = -errno;
	}
	close(fd);

	/* A failed socket call (connect, accept) is the run's status. */
	if (err)
		a->status = err;
	want = 0;
	if (!o->listen)
		want = a->send_data.len ? a->send_data.len : a->send_len;
	ok = !a->status && !a->data_status && a->bytes_ok >= want;

	putchar('{');
	print_status("status", a->status);
	putchar(',');
	print_string("version", probe_version_name(a->version));
	putchar(',');
	print_string("cipher", probe_cipher_name(a->cipher_out));
	putchar(',');
	print_string("peer", a->status ? NULL : a->peer);
	putchar(',');
	/* The selected ALPN protocol, null when none was. */
	print_bytes("alpn", a->alpn_sel_len ? a->alpn_sel : NULL,
		    a->alpn_sel_len);
	putchar(',');
	print_string("tx_mode", mode_name(a->tx_mode));
	putchar(',');
	print_string("rx_mode", mode_name(a->rx_mode));
	printf(",\"bytes_ok\":%llu,", (unsigned long long)a->bytes_ok);
	print_status("data_status", a->data_status);
	printf(",\"file_refs\":%u}\n", a->file_refs);
	return ok ? 0 : 1;
}

/* A histogram as {"-EAGAIN":9000,...}; "other" for the values past it. */
static void print_errs(const char *key, const struct ktlsctl_probe_errs *h)
{
	const char *sep = "";
	size_t i;

	printf("\"%s\":{", key);
	for (i = 0; i < KTLSCTL_PROBE_BURST_ERRS && h->err[i]; i++) {
		printf("%s", sep);
		print_errname(h->err[i]);
		printf(":%u", h->count[i]);
		sep = ",";
	}
	if (h->other)
		printf("%s\"other\":%u", sep, h->other);
	putchar('}');
}

static unsigned long long ms(uint64_t us)
{
	return (unsigned long long)(us / 1000);
}

/*
 * burst: one ioctl; exit 0 when every socket connected and every request
 * the API queued completed (refusals are the API's answer, not a failure:
 * the caller checks them).
 */
int probe_burst(struct probe_opts *o)
{
	struct ktlsctl_probe_burst p = { .args = o->args };
	int fd, err = 0;

	p.count = o->count;
	p.wait_ms = o->wait_ms;
	fd = open_device();
	if (fd < 0)
		return 1;
	if (ioctl(fd, KTLSCTL_PROBE_BURST, &p))
		err = -errno;
	close(fd);
	if (err) {
		putchar('{');
		print_status("error", err);
		printf("}\n");
		return 1;
	}
	printf("{\"count\":%u,\"connected\":%u,", p.count, p.connected);
	print_errs("connect_errs", &p.connect_errs);
	printf(",\"submitted\":%u,\"refused\":%u,", p.submitted, p.refused);
	print_errs("refused_errs", &p.refused_errs);
	printf(",\"completed\":%u,\"failed\":%u,", p.completed, p.failed);
	print_errs("failed_errs", &p.failed_errs);
	printf(",\"unfinished\":%u,\"connect_ms\":%llu,\"submit_ms\":%llu,"
	       "\"done_ms\":%llu,\"total_ms\":%llu}\n", p.unfinished,
	       ms(p.connect_us), ms(p.submit_us), ms(p.done_us),
	       ms(p.total_us));
	return p.connected == p.count && !p.failed && !p.unfinished ? 0 : 1;
}
