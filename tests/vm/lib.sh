# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the tests that run inside the VM (sourced). TAP output; the
# script's exit status is non-zero when any check failed.

set -uo pipefail

n=0
failed=0
declare -A figures=()

ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
}

# skip DESCRIPTION REASON: a check that cannot run here (TAP SKIP).
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

# check DESCRIPTION CMD...: CMD must succeed.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc (exit $?)"; fi
}

# check_fails_with DESCRIPTION PATTERN CMD...: CMD must fail, its stderr
# matching PATTERN (an extended regex).
check_fails_with() {
	local desc=$1 pattern=$2 err rc
	shift 2
	err=$("$@" 2>&1 >/dev/null) && rc=0 || rc=$?
	if [ "$rc" -eq 0 ]; then
		not_ok "$desc (succeeded)"
	elif ! grep -Eq -- "$pattern" <<<"$err"; then
		not_ok "$desc (stderr: $err)"
	else
		ok "$desc"
	fi
}

# The module as built for the guest's kernel.
module_path() {
	echo "${KTLSCTL_BUILD_DIR:?}/kmod/${KTLSCTL_KERNEL:?}/ktlsctl/ktlsctl.ko"
}

# figure KEY N: add N to this script's figure KEY. done_testing prints them
# as one "# figures: KEY=N ..." line, which tests/report.sh sums over the
# suite (faults injected, bad inputs, hostile peers, requests under load,
# leak checks).
figure() {
	figures[$1]=$((${figures[$1]:-0} + $2))
}

# account_requests: every request the module took in this namespace ended
# exactly one way (completed, failed, timed out, cancelled) or is still
# queued or in progress; figures requests and lost. Skipped when the
# module is not loaded.
account_requests() {
	local st lost
	st=$(ktlsctl -j status 2>/dev/null) || return 0
	lost=$(jq '.stats.requests - .stats.completed - .stats.failed -
		.stats.timed_out - .stats.cancelled - .queued - .in_progress' \
		<<<"$st") || return 0
	figure requests "$(jq .stats.requests <<<"$st")"
	figure lost "$lost"
	if [ "$lost" = 0 ]; then
		ok "every request accounted for"
	else
		not_ok "every request accounted for ($lost lost: $st)"
	fi
}

done_testing() {
	local k line
	account_requests
	line="checks=$n failed=$failed"
	for k in "${!figures[@]}"; do
		line+=" $k=${figures[$k]}"
	done
	echo "# figures: $line"
	echo "1..$n"
	[ "$failed" -eq 0 ] || { echo "# $failed of $n failed"; exit 1; }
	exit 0
}

# --- helpers for the end-to-end tests (tls-*.sh) -----------------------------

# work_dir: a scratch directory for this script, removed on exit by
# bg_cleanup (set as the EXIT trap by tls_setup in pki.sh).
work=
work_dir() {
	[ -n "$work" ] || work=$(mktemp -d /tmp/ktlsctl-test.XXXXXX) ||
		{ echo "Bail out! mktemp failed"; exit 1; }
}

# A FIFO opened read-write and never written: reading it blocks, so it is a
# stdin that never ends for peers, and nap sleeps on it without a fork (each
# exec costs ~50 ms under TCG).
hold_fd=
hold_open() {
	[ -z "$hold_fd" ] || return 0
	work_dir
	if ! mkfifo "$work/hold" || ! exec {hold_fd}<>"$work/hold"; then
		echo "Bail out! cannot open $work/hold"
		exit 1
	fi
}

# nap: sleep 0.1 s (always succeeds: loops end with it).
nap() {
	hold_open
	read -r -t 0.1 -u "$hold_fd" _
	return 0
}

# on_debug_kernel: the guest runs the debug kernel (scripts/debug-kernel).
on_debug_kernel() {
	case $(uname -r) in *-debug) return 0 ;; esac
	return 1
}

# now_ms: milliseconds since the epoch, without a fork.
now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((t / 1000))
}

# wait_until TENTHS CMD...: poll CMD every 0.1 s until it succeeds; fail
# after TENTHS tries.
wait_until() {
	local tries=$1
	shift
	until "$@"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		nap
	done
	return 0
}

# bg OUT ERR CMD...: start CMD in the background, stdin a pipe that never
# ends, stdout to OUT, stderr to ERR ("-": to OUT too); its pid in bg_pid.
# Wrap CMD in timeout(1): bg_cleanup kills what is left, but nothing may run
# unbounded.
bg_pids=()
bg_pid=
bg() {
	local out=$1 err=$2
	shift 2
	hold_open
	if [ "$err" = - ]; then
		"$@" <&"$hold_fd" >"$out" 2>&1 &
	else
		"$@" <&"$hold_fd" >"$out" 2>"$err" &
	fi
	bg_pid=$!
	bg_pids+=("$bg_pid")
}

# bg_stop PID: SIGTERM PID (if still running) and reap it; its exit status.
bg_stop() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# bg_wait PID TENTHS: wait up to TENTHS/10 s for PID to exit by itself;
# its exit status, or 124 (and PID killed) when it did not.
bg_wait() {
	local pid=$1
	if wait_until "$2" exited "$pid"; then
		wait "$pid" 2>/dev/null
		return
	fi
	bg_stop "$pid"
	return 124
}

# exited PID: PID is no longer running.
exited() {
	! kill -0 "$1" 2>/dev/null
}

# shellcheck disable=SC2317 # the EXIT trap
bg_cleanup() {
	local p
	for p in "${bg_pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	for p in "${bg_pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	[ -z "$hold_fd" ] || exec {hold_fd}>&-
	[ -z "$work" ] || rm -rf "$work"
}

# diag_file TITLE FILE: FILE as TAP diagnostics (last 40 lines).
diag_file() {
	echo "# ---- $1"
	tail -n 40 "$2" 2>/dev/null | sed 's/^/#   /'
}

# --- the daemon and the module's gauges ---------------------------------------

# daemon_fds: how many fds the running daemon holds (fails without one).
daemon_fds() {
	local pid fds
	read -r pid 2>/dev/null </run/ktlsctld.ready || return 1
	[ -d "/proc/$pid/fd" ] || return 1
	fds=("/proc/$pid/fd"/*)
	echo "${#fds[@]}"
}

# start_daemon: our own ktlsctld (for tests under vm-run --no-daemon),
# ready; its pid in dpid, its fd baseline in daemon_fd_base. It runs as
# vm-init's would: hardened, and under the sanitizers' options vm-init
# exports; stop it with stop_daemon, which checks how it ended.
dpid=
start_daemon() {
	rm -f /run/ktlsctld.ready
	# KTLSCTL_DAEMON_WRAP and _ARGS: see scripts/vm-init.
	# shellcheck disable=SC2086 # words on purpose
	bg "$work/ktlsctld.log" - ${KTLSCTL_DAEMON_WRAP:-} ktlsctld \
		--foreground ${KTLSCTL_DAEMON_ARGS:-}
	dpid=$bg_pid
	if wait_until 300 test -e /run/ktlsctld.ready; then
		daemon_fd_base=$(daemon_fds)
		ok "daemon started (pid $dpid, $daemon_fd_base fds)"
	else
		not_ok "daemon started"
		diag_file "ktlsctld" "$work/ktlsctld.log"
	fi
}

# stop_daemon: SIGTERM start_daemon's ktlsctld and wait up to 10 s for it;
# not ok unless it exits 0 and its log holds no sanitizer report. In a
# KTLSCTL_SANITIZE_DAEMON build an ASan or UBSan error halts the daemon
# and LeakSanitizer's check at exit turns a leak into status 23
# (LSAN_OPTIONS from scripts/vm-init); SIGSYS is a seccomp kill.
stop_daemon() {
	local rc why
	[ -n "$dpid" ] || return 0
	kill -TERM "$dpid" 2>/dev/null
	bg_wait "$dpid" 100 && rc=0 || rc=$?
	dpid=
	daemon_fd_base=
	if [ "$rc" = 0 ] && ! grep -qE 'ERROR: [A-Za-z]+Sanitizer|runtime error:' \
		"$work/ktlsctld.log"; then
		ok "daemon exits 0 on SIGTERM, no sanitizer report"
		return 0
	fi
	case $rc in
	0) why="a sanitizer report" ;;
	23) why="LeakSanitizer: leaks at exit" ;;
	124) why="still running 10 s after SIGTERM" ;;
	159) why="SIGSYS: a system call outside the seccomp allowlist" ;;
	*) why="exit status $rc" ;;
	esac
	not_ok "daemon exits 0 on SIGTERM, no sanitizer report ($why)"
	diag_file "ktlsctld" "$work/ktlsctld.log"
	return 1
}

# daemon_sanitized: ktlsctld is built with AddressSanitizer (as CI builds
# it, KTLSCTL_SANITIZE_DAEMON): its memory figures then carry redzones,
# shadow and the quarantine of freed blocks.
daemon_sanitized() {
	# Not ldd | grep -q: with pipefail, grep leaving early fails the pipe.
	grep -qa __asan_init "$(command -v ktlsctld)"
}

# stats_snap: remember the module's counters (before a case).
stats_before=
stats_snap() {
	stats_before=$(ktlsctl -j status) || stats_before=
}

# stats_delta FIELD...: how much the sum of .stats.FIELD... grew since
# stats_snap.
stats_delta() {
	local now sum
	now=$(ktlsctl -j status) || return 1
	sum=$(printf '.stats.%s+' "$@")
	sum=${sum%+}
	jq -n --argjson a "$stats_before" --argjson b "$now" \
		"(\$b | $sum) - (\$a | $sum)"
}

# counters_are DESC REQ FIN BAD [COUNTER...]: since stats_snap the module
# took REQ more requests, completed FIN and ended BAD otherwise (as
# COUNTERs, by default failed, timed_out and cancelled).
counters_are() {
	local desc=$1 want="+$2 +$3 +$4" got
	shift 4
	[ $# -gt 0 ] || set -- failed timed_out cancelled
	got="+$(stats_delta requests) +$(stats_delta completed) +$(stats_delta "$@")"
	if [ "$got" = "$want" ]; then
		ok "$desc: counters ($want)"
	else
		not_ok "$desc: counters (requests, completed, $*: $got; want $want)"
	fi
}

# status_is [JQ-OPTION...] JQ-EXPR: ktlsctl -j status satisfies JQ-EXPR.
status_is() {
	ktlsctl -j status | jq -e "$@" >/dev/null
}

# gauge NAME N: ktlsctl -j status reports N for gauge NAME (queued,
# in_progress, ...).
gauge() {
	status_is --argjson n "$2" ".$1 == \$n"
}

# Nothing left behind: no queued or in-progress request, no live request
# object, and the daemon (when one runs) back at its baseline of fds
# (daemon_fd_base, set by the script before its first case).
daemon_fd_base=
is_clean() {
	local st fds
	st=$(ktlsctl -j status) || return 1
	jq -e '.queued == 0 and .in_progress == 0 and
		.stats.live_requests == 0' <<<"$st" >/dev/null || return 1
	[ -z "$daemon_fd_base" ] && return 0
	fds=$(daemon_fds) && [ "$fds" = "$daemon_fd_base" ]
}

# check_clean DESC [TENTHS]: is_clean within TENTHS/10 s (default 5 s),
# else not ok with the details.
check_clean() {
	if wait_until "${2:-50}" is_clean; then
		ok "$1: nothing left behind"
		figure leak_checks 1
		return
	fi
	figure leaks 1
	not_ok "$1: nothing left behind"
	echo "# status: $(ktlsctl -j status 2>&1)"
	[ -z "$daemon_fd_base" ] ||
		echo "# daemon fds: $(daemon_fds) (baseline $daemon_fd_base)"
}
