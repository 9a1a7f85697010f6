#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/harness.sh KERNEL: self-test of scripts/vm-run on KERNEL (6.12, 6.1
# or 6.12-debug), run on the host; every case boots its own guest. TAP
# output; exits non-zero when any case failed.
#
# Uses the warn module from $KTLSCTL_BUILD_DIR/kmod/KERNEL/warn/ (default
# build dir <repo>/build). Passes --no-module to vm-run while ktlsctl.ko is
# not built for KERNEL; never starts the daemon.
#
# The guest commands are single-quoted on purpose:
# shellcheck disable=SC2016
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 6.12|6.1|6.12-debug" >&2; exit 2; }
kernel=$1
build=$(realpath -m "${KTLSCTL_BUILD_DIR:-$top/build}")
export KTLSCTL_BUILD_DIR=$build
vmrun=$top/scripts/vm-run
HARNESS_FAIL=125

# TAP helpers (ok, not_ok, done_testing), shared with the in-guest tests.
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"

opts=(--kernel "$kernel" --no-daemon)
if [ ! -f "$build/kmod/$kernel/ktlsctl/ktlsctl.ko" ]; then
	echo "# ktlsctl.ko not built for $kernel: running with --no-module"
	opts+=(--no-module)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# vm [VM-RUN OPTION]... -- CMD...: vm-run with the common options; stdout
# in $work/out, stderr in $work/err, status in $rc.
rc=0
vm() {
	rc=0
	"$vmrun" "${opts[@]}" "$@" >"$work/out" 2>"$work/err" || rc=$?
}

# detail: the end of the last run's stderr, as TAP comments.
detail() {
	tail -n 15 "$work/err" | sed 's/^/#   /'
}

# expect_rc DESCRIPTION WANT: the last run exited WANT.
expect_rc() {
	if [ "$rc" -eq "$2" ]; then
		ok "$1"
	else
		not_ok "$1 (exit $rc, want $2)"
		detail
	fi
}

# (a) - (c): exit statuses pass through.
vm -- true
expect_rc "true exits 0" 0
vm -- false
expect_rc "false exits 1" 1
vm -- sh -c 'exit 7'
expect_rc "sh -c 'exit 7' exits 7" 7

# (d) stdout and stderr byte-exact and separate.
vm -- sh -c "printf 'a\\nb'; printf 'e\\r\\n' >&2"
printf 'a\nb' >"$work/want-out"
printf 'e\r\n' >"$work/want-err"
if [ "$rc" -eq 0 ] && cmp -s "$work/out" "$work/want-out"; then
	ok "stdout is byte-exact"
else
	not_ok "stdout is byte-exact (exit $rc, got: $(od -c "$work/out" | head -n 3))"
fi
if cmp -s "$work/err" "$work/want-err"; then
	ok "stderr is separate and byte-exact"
else
	not_ok "stderr is separate and byte-exact (got: $(od -c "$work/err" | head -n 3))"
fi

# A larger output arrives complete, right before power-off.
vm -- sh -c 'head -c 300000 /dev/zero | tr "\0" x; echo end'
if [ "$rc" -eq 0 ] && [ "$(wc -c <"$work/out")" -eq 300004 ] &&
	[ "$(tail -c 4 "$work/out")" = end ]; then
	ok "300 KB of output arrives complete"
else
	not_ok "300 KB of output arrives complete (exit $rc, $(wc -c <"$work/out") bytes)"
fi

# (e) the current directory is visible and writable at the same path.
dir=$(mktemp -d "$PWD/.harness-cwd.XXXXXX")
vm -- sh -c "cd '$dir' && test \"\$PWD\" = '$dir' && echo guest-wrote >file"
if [ "$rc" -eq 0 ] && [ "$(cat "$dir/file" 2>/dev/null)" = guest-wrote ]; then
	ok "the cwd is writable from the guest"
else
	not_ok "the cwd is writable from the guest (exit $rc)"
	detail
fi
rm -rf "$dir"
vm -- sh -c 'touch /usr/ktlsctl-harness 2>/dev/null && exit 1; exit 0'
expect_rc "the rest of the host root is read-only" 0

# KTLSCTL_* variables are passed through; the kernel and build dir are set.
KTLSCTL_HARNESS_PROBE='a b$c' vm -- sh -c \
	'[ "$KTLSCTL_HARNESS_PROBE" = "a b\$c" ] &&
	 [ "$KTLSCTL_KERNEL" = "$1" ] && [ "$KTLSCTL_BUILD_DIR" = "$2" ]' \
	sh "$kernel" "$build"
expect_rc "KTLSCTL_* environment reaches the guest" 0

# (f) --netns: veth pair between the init netns and "remote".
# The guest's root is this host's: iputils ping if installed, else busybox.
ping=ping
command -v ping >/dev/null || ping="busybox ping"
vm --netns -- sh -c '[ "$KTLSCTL_NETNS" = remote ] &&
	[ "$KTLSCTL_LOCAL_ADDR" = 10.99.0.1 ] &&
	[ "$KTLSCTL_REMOTE_ADDR" = 10.99.0.2 ] &&
	ip netns exec "$KTLSCTL_NETNS" $1 -c1 -W2 "$KTLSCTL_LOCAL_ADDR" &&
	$1 -c1 -W2 "$KTLSCTL_REMOTE_ADDR"' sh "$ping"
expect_rc "--netns: the two namespaces ping each other" 0

# (g) a kernel warning fails the run.
warn=$build/kmod/$kernel/warn/ktlsctl_warn.ko
if [ ! -f "$warn" ]; then
	not_ok "a WARNING in the guest fails the run (warn module not built: $warn)"
else
	vm -- insmod "$warn"
	if [ "$rc" -eq "$HARNESS_FAIL" ] && grep -q WARNING "$work/err"; then
		ok "a WARNING in the guest fails the run"
	else
		not_ok "a WARNING in the guest fails the run (exit $rc)"
		detail
	fi
	# A guest that reports an error and then hangs is stopped once
	# quiet for KTLSCTL_VM_QUIET s, long before its --timeout.
	t0=$SECONDS
	KTLSCTL_VM_QUIET=20 vm --timeout 1200 -- sh -c 'insmod "$1"; sleep 1200' \
		sh "$warn"
	if [ "$rc" -eq "$HARNESS_FAIL" ] &&
		grep -q "nothing more came for 20 s" "$work/err" &&
		[ $((SECONDS - t0)) -lt 900 ]; then
		ok "a guest quiet after a kernel error is stopped early"
	else
		not_ok "a guest quiet after a kernel error is stopped early" \
			"(exit $rc after $((SECONDS - t0)) s)"
		detail
	fi
fi

# (h) host tools work in the guest.
vm -- sh -c 'openssl version && gnutls-cli --version && ip -V'
expect_rc "openssl, gnutls-cli and ip run in the guest" 0

# (i) vm-run's setup loaded real modules of the guest kernel (the debug
# kernel has veth built in).
if [ "$kernel" = 6.12-debug ]; then
	rel=$("$top/scripts/debug-kernel" release) veth=
else
	rel=$("$top/scripts/kernel" version "$kernel") veth=veth
fi
vm -- sh -c 'grep -w tls /proc/modules &&
	{ [ -z "$2" ] || grep -w "$2" /proc/modules; } &&
	test "$(uname -r)" = "$1"' sh "$rel" "$veth"
expect_rc "the guest runs $kernel with tls${veth:+ and $veth} loaded" 0

# A guest that hangs is killed at --timeout.
vm --timeout 20 -- sleep 600
expect_rc "--timeout stops a hung guest" "$HARNESS_FAIL"

done_testing
