#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Shows that `scripts/genl-gen --check` fails when the spec changes without
# regenerating: a copy of the tree gets one more enum entry in its spec.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$top" && tar -cf - scripts genl-spec module/include module/ktlsctl-nl.c \
	module/ktlsctl-nl.h libktlsctl/ktlsctl-attrs.c libktlsctl/ktlsctl-attrs.h) |
	tar -xf - -C "$tmp"

"$tmp/scripts/genl-gen" --check >/dev/null || {
	echo "FAIL: the unmodified copy is not fresh"; exit 1; }

sed -i 's/entries: \[ sw, hw \]/entries: [ sw, hw, stale-check ]/' \
	"$tmp/genl-spec/ktlsctl.yaml"
grep -q stale-check "$tmp/genl-spec/ktlsctl.yaml" || {
	echo "FAIL: could not edit the spec copy"; exit 1; }

if "$tmp/scripts/genl-gen" --check >"$tmp/out" 2>&1; then
	echo "FAIL: --check passed on a stale tree"; exit 1
fi
grep -q 'KTLSCTL_KEY_MODE_STALE_CHECK' "$tmp/out" || {
	echo "FAIL: the diff does not show the new enum"; cat "$tmp/out"; exit 1; }
grep -q 'generated files are stale' "$tmp/out"
echo "ok: --check fails on a stale tree:"
grep -m3 'STALE_CHECK' "$tmp/out"
