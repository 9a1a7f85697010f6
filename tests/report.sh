#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/report.sh [LOG]: the reliability figures of a test run.
#
# Reads ctest's log (default: $KTLSCTL_BUILD_DIR or build/, then
# Testing/Temporary/LastTest.log) and sums the "# figures: KEY=N ..." lines
# the VM tests print (tests/vm/lib.sh: figure, done_testing) over the
# suite: faults injected, bad netlink messages sent, hostile peers faced,
# requests under load, requests taken and lost, leak checks and leaks.
# Prints a Markdown table (also written to report.md beside the log's
# build directory) and exits 1 when a leak or a lost request was counted.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${KTLSCTL_BUILD_DIR:-$top/build}
log=${1:-$build/Testing/Temporary/LastTest.log}
[ -r "$log" ] || { echo "report: no test log at $log" >&2; exit 2; }

awk '
function add(k, v, t) {
	if (!(k in sum)) keys[nkeys++] = k
	sum[k] += v
	if (v != 0) by[k] = by[k] (by[k] == "" ? "" : ", ") t "=" v
}
/^[0-9]+\/[0-9]+ Testing: / { name = $3; next }
/^# figures: / {
	for (i = 3; i <= NF; i++) {
		split($i, kv, "=")
		add(kv[1], kv[2] + 0, name)
	}
	next
}
/^Test Passed\./ { if (name ~ /^vm\./) vm_ok++; next }
/^Test Failed\./ { if (name ~ /^vm\./) vm_bad++; next }
END {
	label["faults"] = "faults injected (daemon killed, module pinned)"
	label["bad_messages"] = "hostile netlink messages sent"
	label["hostile_peers"] = "hostile TLS peers faced (one handshake each)"
	label["flood_requests"] = "requests against a flood of stalling peers"
	label["bad_peers"] = "failing peers (untrusted, mismatched, silent, leaving)"
	label["load_requests"] = "requests issued at once under load"
	label["load_refused"] = "of those, refused past the queue limit (-EAGAIN)"
	label["load_completed"] = "of those, completed"
	label["load_timed_out"] = "of those, timed out"
	label["requests"] = "handshake requests taken by the module"
	label["lost"] = "requests lost (not completed exactly once)"
	label["leak_checks"] = "leak checks (nothing left in module and daemon)"
	label["leaks"] = "leak checks failed"
	label["checks"] = "TAP checks"
	label["failed"] = "TAP checks failed"
	print "| figure | total | where |"
	print "|---|---:|---|"
	for (i = 0; i < nkeys; i++) {
		k = keys[i]
		l = (k in label) ? label[k] : k
		printf "| %s | %d | %s |\n", l, sum[k], (by[k] == "" ? "-" : by[k])
	}
	printf "| VM runs passed (a pass needs a clean kernel log: no oops, WARN, KASAN, lockdep) | %d | of %d |\n", vm_ok, vm_ok + vm_bad
	exit (sum["leaks"] > 0 || sum["lost"] > 0) ? 1 : 0
}' "$log" | tee "$build/report.md"
