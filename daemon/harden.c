// SPDX-License-Identifier: GPL-2.0
/*
 * Least privilege for ktlsctld, applied once at start-up by the main
 * thread, after the netlink sockets are open and OpenSSL is initialised,
 * before any worker thread starts (they inherit all of it).
 *
 * Capabilities. Only CAP_NET_ADMIN stays, in the permitted and effective
 * sets and in the bounding set; the inheritable and ambient sets are
 * emptied. The daemon cannot do without it: generic netlink checks the
 * sender of every message, not only the opener of the socket. The
 * family's handlers call netlink_ns_capable(skb, net->user_ns,
 * CAP_NET_ADMIN) (module/netlink.c, and the GENL_ADMIN_PERM flag does the
 * same), which is file_ns_capable() of the socket's opener *and*
 * ns_capable() of the current task; the message is processed in the
 * sender's context during its sendmsg(), so every ACCEPT and DONE needs
 * CAP_NET_ADMIN in the daemon's effective set at the time it is sent.
 * Joining the "handshake" group (GENL_MCAST_CAP_NET_ADMIN) is checked at
 * join time only, but the commands are not.
 *
 * no_new_privs: execve() can never grant anything again (it is not in the
 * allowlist either). PR_SET_DUMPABLE 0: no core dump holds a key, and
 * processes of the same uid without CAP_SYS_PTRACE cannot ptrace the daemon
 * or read its /proc/PID/mem. mlockall(MCL_CURRENT | MCL_FUTURE |
 * MCL_ONFAULT): nothing that ever held a key is swapped out; MCL_ONFAULT
 * locks pages as they are touched rather than populating every mapping
 * (glibc's per-thread malloc arenas and the sanitizers' shadow memory are
 * large reservations that are never touched), and RLIMIT_MEMLOCK is
 * raised first (with the same reservations counted, only "unlimited"
 * works; a unit that withholds CAP_SYS_RESOURCE sets LimitMEMLOCK). The
 * system call is made directly: the ASan runtime's mlockall() does
 * nothing.
 *
 * seccomp: an allowlist, any other system call kills the process
 * (SCMP_ACT_KILL_PROCESS; a foreign architecture too). The list is what
 * the daemon was seen to call from this point on (strace on the VM suite,
 * 6.12 and 6.1, glibc 2.36, OpenSSL 3.0), by group in harden_syscalls
 * below. Arguments are checked where that closes a door the group would
 * open: openat() only for reading (the system trust store is read lazily
 * at verification time), clone() only for threads (clone3() answers ENOSYS
 * so that glibc falls back to clone(), whose flags can be checked),
 * tgkill() only of our own threads (abort()), socket() and connect() only
 * with --syslog, for a datagram AF_UNIX socket (glibc reconnects to
 * /dev/log when syslogd restarts). The ready file is written before the
 * filter and only renamed into place and unlinked afterwards.
 *
 * Sanitizer builds (KTLSCTL_SANITIZE_DAEMON) also allow what the
 * AddressSanitizer runtime needs: LeakSanitizer's check at exit clones a
 * tracer task that ptrace()s every thread (PR_SET_PTRACER, PR_SET_DUMPABLE
 * back to 1 for the while, wait4(), sigaltstack()), and reports may probe
 * the terminal (ioctl TCGETS).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/capability.h>

#include "harden.h"
#include "log.h"

#if defined(__SANITIZE_ADDRESS__)
#define HARDEN_SANITIZER 1
#else
#define HARDEN_SANITIZER 0
#endif

#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

/* The kernel's __O_TMPFILE bit (glibc's O_TMPFILE adds O_DIRECTORY). */
#define HARDEN_O_TMPFILE 020000000

static int harden_caps(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
	int cap;

	/* Bounding set first: dropping needs CAP_SETPCAP, still held. */
	for (cap = 0; ; cap++) {
		int ret = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);

		if (ret < 0)
			break;		/* EINVAL: past the last capability */
		if (!ret || cap == CAP_NET_ADMIN)
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
			log_err("harden: dropping capability %d from the bounding set: %s",
				cap, strerror(errno));
			return -errno;
		}
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 &&
	    errno != EINVAL) {
		log_err("harden: clearing the ambient set: %s", strerror(errno));
		return -errno;
	}
	data[CAP_TO_INDEX(CAP_NET_ADMIN)].permitted = CAP_TO_MASK(CAP_NET_ADMIN);
	data[CAP_TO_INDEX(CAP_NET_ADMIN)].effective = CAP_TO_MASK(CAP_NET_ADMIN);
	if (syscall(SYS_capset, &hdr, data) < 0) {
		log_err("harden: keeping CAP_NET_ADMIN alone: %s%s",
			strerror(errno), errno == EPERM ?
			" (the daemon needs CAP_NET_ADMIN)" : "");
		return -errno;
	}
	return 0;
}

static int harden_memory(void)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };

	/*
	 * Unlimited, or the first thread stack or malloc arena mapped after
	 * MCL_FUTURE fails: every mapping counts, touched or not.
	 */
	if (setrlimit(RLIMIT_MEMLOCK, &rl) < 0 &&
	    (getrlimit(RLIMIT_MEMLOCK, &rl) < 0 ||
	     rl.rlim_cur != RLIM_INFINITY)) {
		log_err("harden: RLIMIT_MEMLOCK must be unlimited (CAP_SYS_RESOURCE, or LimitMEMLOCK=infinity in the unit)");
		return -EPERM;
	}
	/* The system call itself: the sanitizers' runtimes intercept
	 * mlockall() and make it a no-op. */
	if (syscall(SYS_mlockall, MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) < 0) {
		log_err("harden: mlockall: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

/* Unconditional allowlist, by what needs it. */
static const int harden_syscalls[] = {
	/* I/O on the sockets, the eventfds, the credential file, stderr */
	SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev),
	SCMP_SYS(pread64), SCMP_SYS(lseek), SCMP_SYS(close),
	SCMP_SYS(fcntl), SCMP_SYS(fstat), SCMP_SYS(newfstatat),
	SCMP_SYS(statx), SCMP_SYS(getdents64),
	SCMP_SYS(sendto), SCMP_SYS(sendmsg), SCMP_SYS(recvfrom),
	SCMP_SYS(recvmsg),
	/* event loops */
	SCMP_SYS(poll), SCMP_SYS(ppoll), SCMP_SYS(epoll_wait),
	SCMP_SYS(epoll_pwait), SCMP_SYS(epoll_ctl),
	/* memory: malloc, thread stacks */
	SCMP_SYS(brk), SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap),
	SCMP_SYS(mprotect), SCMP_SYS(madvise),
	/* threads: start, synchronise, exit */
	SCMP_SYS(futex), SCMP_SYS(set_robust_list), SCMP_SYS(rseq),
	SCMP_SYS(sched_yield), SCMP_SYS(sched_getaffinity),
	SCMP_SYS(exit), SCMP_SYS(exit_group),
	/* signals: the blocked mask of new threads, abort() */
	SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction),
	SCMP_SYS(rt_sigreturn), SCMP_SYS(getpid), SCMP_SYS(gettid),
	/* A call interrupted by SIGSTOP resumes through it at SIGCONT. */
	SCMP_SYS(restart_syscall),
	/* time, randomness (OpenSSL's DRBG seeds per thread) */
	SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres),
	SCMP_SYS(gettimeofday), SCMP_SYS(time), SCMP_SYS(nanosleep),
	SCMP_SYS(clock_nanosleep), SCMP_SYS(getrandom),
	/* the ready file: renamed into place, removed at exit */
	SCMP_SYS(rename), SCMP_SYS(renameat), SCMP_SYS(renameat2),
	SCMP_SYS(unlink), SCMP_SYS(unlinkat),
};

/* What the AddressSanitizer and LeakSanitizer runtimes add. */
static const int harden_sanitizer_syscalls[] = {
	SCMP_SYS(ptrace), SCMP_SYS(wait4), SCMP_SYS(waitid), SCMP_SYS(prctl),
	SCMP_SYS(sigaltstack), SCMP_SYS(clone), SCMP_SYS(kill),
	SCMP_SYS(getppid), SCMP_SYS(readlink), SCMP_SYS(readlinkat),
	SCMP_SYS(getrlimit), SCMP_SYS(prlimit64), SCMP_SYS(uname),
	SCMP_SYS(pipe2), SCMP_SYS(dup), SCMP_SYS(dup2), SCMP_SYS(dup3),
	SCMP_SYS(sched_getparam), SCMP_SYS(access), SCMP_SYS(faccessat),
	SCMP_SYS(tgkill), SCMP_SYS(getdents), SCMP_SYS(stat),
	SCMP_SYS(lstat),
};

static int harden_allow(scmp_filter_ctx ctx, const int *nrs, size_t n)
{
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		if (nrs[i] < 0)
			continue;	/* not on this architecture */
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nrs[i], 0);
		if (err)
			return err;
	}
	return 0;
}

/* The rules with arguments; see the comment at the top. */
static int harden_allow_args(scmp_filter_ctx ctx, const struct harden_opts *o)
{
	const scmp_datum_t wr = O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND |
				HARDEN_O_TMPFILE;
	const scmp_datum_t types = ~(scmp_datum_t)(SOCK_CLOEXEC | SOCK_NONBLOCK);
	int err;

	err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1,
			       SCMP_A2(SCMP_CMP_MASKED_EQ, wr, 0));
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(open), 1,
				       SCMP_A1(SCMP_CMP_MASKED_EQ, wr, 0));
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
				       SCMP_SYS(clone3), 0);
	if (!err && !HARDEN_SANITIZER)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
				       SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD,
					       CLONE_THREAD));
	if (!err && !HARDEN_SANITIZER)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
				       SCMP_A0(SCMP_CMP_EQ,
					       (scmp_datum_t)getpid()));
	if (!err && HARDEN_SANITIZER)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
				       SCMP_A1(SCMP_CMP_EQ, TCGETS));
	if (!err && o->syslog)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 2,
				       SCMP_A0(SCMP_CMP_EQ, AF_UNIX),
				       SCMP_A1(SCMP_CMP_MASKED_EQ, types,
					       SOCK_DGRAM));
	if (!err && o->syslog)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(connect), 0);
	return err;
}

static int harden_seccomp(const struct harden_opts *o)
{
	scmp_filter_ctx ctx;
	int err;

	ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
	if (!ctx) {
		log_err("harden: seccomp_init failed");
		return -ENOMEM;
	}
	/* Every thread, should one exist already (none should). */
	err = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	if (!err)
		err = harden_allow(ctx, harden_syscalls,
				   sizeof(harden_syscalls) /
				   sizeof(harden_syscalls[0]));
	if (!err && HARDEN_SANITIZER)
		err = harden_allow(ctx, harden_sanitizer_syscalls,
				   sizeof(harden_sanitizer_syscalls) /
				   sizeof(harden_sanitizer_syscalls[0]));
	if (!err)
		err = harden_allow_args(ctx, o);
	if (!err)
		err = seccomp_load(ctx);
	seccomp_release(ctx);
	if (err)
		log_err("harden: seccomp filter: %s", strerror(-err));
	return err;
}

int harden_apply(const struct harden_opts *opts)
{
	int err;

	if (opts->drop) {
		err = harden_memory();
		if (err)
			return err;
		if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
			log_err("harden: PR_SET_DUMPABLE: %s", strerror(errno));
			return -errno;
		}
		err = harden_caps();
		if (err)
			return err;
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
			log_err("harden: PR_SET_NO_NEW_PRIVS: %s",
				strerror(errno));
			return -errno;
		}
	}
	if (opts->seccomp)
		return harden_seccomp(opts);
	return 0;
}
