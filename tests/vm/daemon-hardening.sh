#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The daemon's least privilege (daemon/harden.c), on the harness's daemon
# (vm-run --netns): every thread of it holds CAP_NET_ADMIN alone (effective,
# permitted, bounding; nothing inheritable or ambient), no_new_privs, a
# seccomp filter, locked memory; it is not dumpable (a process of the same
# uid and the same capabilities cannot read its /proc/PID/environ, while it
# can a dumpable one's); and a handshake still works, the daemon still
# there and unchanged afterwards. harden.c's filter from the outside,
# through ktlsctld-sandbox-test (the same code): what a worker does is
# allowed, a TCP socket() or an execve() kills with SIGSYS. And the leak
# check is live in the guest: a deliberate leak fails with LeakSanitizer's
# report, also under the daemon's sandbox (skipped unless the build has
# KTLSCTL_SANITIZE_DAEMON). The daemon's own exit (LSan at exit, no
# sanitizer report) is checked by scripts/vm-init after the run.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe
NET_ADMIN=0000000000001000	# 1 << CAP_NET_ADMIN (12)

read -r pid </run/ktlsctld.ready 2>/dev/null
if [ -z "${pid:-}" ] || [ ! -d "/proc/$pid" ]; then
	echo "Bail out! no daemon (this test needs the harness's ktlsctld)"
	exit 1
fi
echo "# daemon pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline")"
if grep -q 'libasan' "/proc/$pid/maps"; then
	echo "# the daemon is a sanitizer build (ASan, UBSan, LSan)"
fi

# shellcheck disable=SC2317
# field FILE NAME: the value of "NAME:" in a /proc status file.
field() {
	sed -n "s/^$2:[[:space:]]*//p" "$1"
}

# shellcheck disable=SC2317 # these are called through check
# proc_status_is FILE NAME VALUE
proc_status_is() {
	local v
	v=$(field "$1" "$2")
	[ "$v" = "$3" ] || { echo "# $1: $2 is '$v', not '$3'"; return 1; }
}

# shellcheck disable=SC2317
# hardened FILE: a thread's status shows the whole sandbox.
hardened() {
	local f=$1 bad=0
	proc_status_is "$f" CapEff "$NET_ADMIN" || bad=1
	proc_status_is "$f" CapPrm "$NET_ADMIN" || bad=1
	proc_status_is "$f" CapBnd "$NET_ADMIN" || bad=1
	proc_status_is "$f" CapInh 0000000000000000 || bad=1
	proc_status_is "$f" CapAmb 0000000000000000 || bad=1
	proc_status_is "$f" NoNewPrivs 1 || bad=1
	proc_status_is "$f" Seccomp 2 || bad=1
	proc_status_is "$f" Seccomp_filters 1 || bad=1
	return "$bad"
}

# shellcheck disable=SC2317
# locked PID: VmLck (locked memory) over 0 kB.
locked() {
	local kb
	kb=$(field "/proc/$1/status" VmLck)
	echo "# VmLck: $kb"
	kb=${kb%% *}
	[ -n "$kb" ] && [ "$kb" -gt 0 ]
}

# shellcheck disable=SC2317
# all_threads_hardened PID: every thread of PID (main and workers).
all_threads_hardened() {
	local t n=0
	for t in "/proc/$1/task"/*; do
		hardened "$t/status" || return 1
		n=$((n + 1))
	done
	echo "# $n threads hardened"
	[ "$n" -ge 2 ]
}

# same_caps_reads PID: a root process with the daemon's capabilities alone
# (the bounding set decides what root gets at exec) reads PID's environ.
# Refused for a non-dumpable PID (ptrace access mode READ), allowed for a
# dumpable one of the same uid.
same_caps_reads() {
	setpriv --bounding-set=-all,+net_admin --inh-caps=-all \
		cat "/proc/$1/environ" >/dev/null 2>&1
}

check "CapEff/CapPrm/CapBnd: CAP_NET_ADMIN alone, no inheritable or ambient, NoNewPrivs 1, Seccomp 2 (filter), in the main thread" \
	hardened "/proc/$pid/status"
check "the same in every worker thread" all_threads_hardened "$pid"
check "memory locked (VmLck > 0)" locked "$pid"

# Control first: the reader works on a dumpable process with the same caps.
bg /dev/null - setpriv --bounding-set=-all,+net_admin --inh-caps=-all \
	sleep 30
ctl=$bg_pid
if wait_until 50 grep -q '^CapEff:.*0000000000001000' "/proc/$ctl/status" 2>/dev/null &&
	same_caps_reads "$ctl"; then
	ok "control: same uid and caps read a dumpable process's environ"
	if same_caps_reads "$pid"; then
		not_ok "not dumpable: same uid and caps cannot read the daemon's environ"
	else
		ok "not dumpable: same uid and caps cannot read the daemon's environ"
	fi
else
	not_ok "control: same uid and caps read a dumpable process's environ"
fi
bg_stop "$ctl"

# A handshake through the sandboxed daemon, which is still the same and
# still sandboxed afterwards.
client_case openssl x509 1.3 AES-128-GCM 4096
client_case openssl psk 1.2 AES-256-GCM 4096
check "the same daemon is alive after the handshakes" kill -0 "$pid"
check "and still hardened" all_threads_hardened "$pid"

# harden.c's filter from the outside.
# shellcheck disable=SC2317
sandbox() {
	ktlsctld-sandbox-test "$@" >"$work/sandbox.out" 2>&1
}
check "sandbox: what a worker does is allowed" sandbox allowed
for what in socket exec; do
	sandbox "$what" && rc=0 || rc=$?
	if [ "$rc" = 159 ]; then
		ok "sandbox: $what is killed by SIGSYS"
	else
		not_ok "sandbox: $what is killed by SIGSYS (exit $rc)"
		diag_file "sandbox $what" "$work/sandbox.out"
	fi
done

# LeakSanitizer is live in the guest, plain and inside the sandbox.
for how in "" --harden; do
	desc="LeakSanitizer reports a deliberate leak"
	[ -z "$how" ] || desc="$desc under the sandbox of the daemon"
	# shellcheck disable=SC2086 # no word when empty
	sandbox leak $how && rc=0 || rc=$?
	if [ "$rc" = 77 ]; then
		skip "$desc" "not a KTLSCTL_SANITIZE_DAEMON build"
	elif [ "$rc" = 23 ] &&
		grep -q 'ERROR: LeakSanitizer: detected memory leaks' "$work/sandbox.out" &&
		grep -q 'Direct leak of 4242 byte' "$work/sandbox.out"; then
		ok "$desc"
	else
		not_ok "$desc (exit $rc)"
		diag_file "sandbox leak $how" "$work/sandbox.out"
	fi
done
done_testing
