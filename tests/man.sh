#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/man.sh KTLSCTL KTLSCTLD: the manual pages format without a warning
# (groff -ww, and man --warnings when man is there), and they cover what
# the binaries' --help lists: every ktlsctl command has its section, every
# long option of both is documented. TAP output; skipped (77) without
# groff.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
ktlsctl=${1:?usage: man.sh KTLSCTL KTLSCTLD}
ktlsctld=${2:?usage: man.sh KTLSCTL KTLSCTLD}

command -v groff >/dev/null || { echo "1..0 # SKIP groff not installed"; exit 77; }

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

for page in ktlsctl.8 ktlsctld.8; do
	f=$top/man/$page
	out=$(LC_ALL=C.UTF-8 groff -man -ww -z "$f" 2>&1)
	if [ -z "$out" ]; then ok "$page: groff -man -ww: no warning"; else not_ok "$page: groff: $out"; fi
	if command -v man >/dev/null; then
		out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null)
		if [ -z "$out" ]; then ok "$page: man --warnings: no warning"; else not_ok "$page: man: $out"; fi
	fi
done

# Every command of the dispatch table has a section of its own.
mapfile -t cmds < <("$ktlsctl" --help | sed -n '/^Commands:/,/^[^ ]/s/^  \([a-z]*\) .*/\1/p')
[ ${#cmds[@]} -ge 8 ] || not_ok "ktlsctl --help lists only ${#cmds[@]} commands"
for c in "${cmds[@]}"; do
	if grep -qx "\.SS $c" "$top/man/ktlsctl.8"; then ok "ktlsctl.8: section $c"; else not_ok "ktlsctl.8: no section for $c"; fi
done

# Every long option of --help, as the page writes it (\-\-name).
for pair in "$ktlsctl:ktlsctl.8" "$ktlsctld:ktlsctld.8"; do
	bin=${pair%:*}
	page=${pair##*:}
	mapfile -t opts < <("$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
	for o in "${opts[@]}"; do
		if grep -qF -- "${o//-/\\-}" "$top/man/$page"; then ok "$page: $o"; else not_ok "$page: $o not documented"; fi
	done
done

echo "1..$n"
[ "$failed" -eq 0 ] || { echo "# $failed of $n failed"; exit 1; }
