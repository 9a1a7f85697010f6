# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the tests that run inside the VM (sourced). TAP output; the
# script's exit status is non-zero when any check failed.

set -uo pipefail

n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
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

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ] || { echo "# $failed of $n failed"; exit 1; }
	exit 0
}
