#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/cli-usage.sh KTLSCTL: what ktlsctl answers without the module:
# each command's --help (exit 0, the grammar on stdout), usage errors
# (exit 2, one line naming the fault), files that cannot be read and a
# network namespace that does not exist (exit 1). TAP output.
set -uo pipefail

ktlsctl=${1:?usage: cli-usage.sh KTLSCTL}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0

# run WANT_STATUS STDERR_REGEX ARGS...: ktlsctl ARGS exits WANT_STATUS
# and the first line of its stderr matches STDERR_REGEX ("" for none).
run() {
	local want=$1 pattern=$2 rc err
	shift 2
	err=$("$ktlsctl" "$@" 2>&1 >"$tmp/out")
	rc=$?
	n=$((n + 1))
	if [ "$rc" -ne "$want" ]; then
		failed=$((failed + 1))
		echo "not ok $n - ktlsctl ${*@Q}: exit $rc, want $want: ${err%%$'\n'*}"
	elif [ -n "$pattern" ] && ! [[ ${err%%$'\n'*} =~ $pattern ]]; then
		failed=$((failed + 1))
		echo "not ok $n - ktlsctl ${*@Q}: stderr \"${err%%$'\n'*}\" !~ $pattern"
	elif [ -z "$pattern" ] && [ -n "$err" ]; then
		failed=$((failed + 1))
		echo "not ok $n - ktlsctl ${*@Q}: unexpected stderr: $err"
	else
		echo "ok $n - ktlsctl ${*@Q}: exit $rc"
	fi
}

for c in cred psk trust policy; do
	run 0 "" "$c" --help
	grep -q "^Usage: ktlsctl .*$c" "$tmp/out" || {
		n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $c --help: no usage"; }
	run 0 "" "$c" help
	run 0 "" "$c" add --help
done
run 0 "" --help
grep -q -- "-n, --netns NETNS" "$tmp/out" || {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - --help: no -n"; }

run 2 '^ktlsctl: policy add: src "10\.0\.0\.0/33": prefix length is 0 to 32' policy add src 10.0.0.0/33
run 2 '^ktlsctl: policy add: dst "\[fd00::1": missing "\]"$' policy add dst '[fd00::1'
run 2 '^ktlsctl: policy add: dst ":0": port is 1 to 65535$' policy add dst :0
run 2 '^ktlsctl: policy add: src "1\.2\.3\.4:70000": port' policy add src 1.2.3.4:70000
run 2 '^ktlsctl: policy add: cipher "rc4": unknown cipher' policy add cipher aes-128-gcm,rc4
run 2 '^ktlsctl: policy add: alpn "h2,": empty item$' policy add alpn h2,
run 2 '^ktlsctl: policy add: unknown keyword "color"$' policy add color red
run 2 '^ktlsctl: policy add: "dir" given twice$' policy add dir client dir server
run 2 '^ktlsctl: policy add: "timeout" needs a value$' policy add timeout
run 2 '^ktlsctl: policy del: bad id$' policy del x
run 2 '^ktlsctl: policy flush: dir "both"' policy flush dir both
run 2 '^ktlsctl: policy: unknown command "frob"$' policy frob
run 2 '^ktlsctl: cred add: "key" missing$' cred add web cert c.pem
run 2 '^ktlsctl: psk add: unknown keyword "cert"$' psk add nfs cert c.pem
run 2 '^ktlsctl: psk add: bad hash "md5"' psk add nfs identity i secret-file f hash md5
run 2 '^ktlsctl: trust del: no name given$' trust del
run 2 '^ktlsctl: cred show: one name only$' cred show a b

# Files are read (and refused) before any netlink socket is opened.
run 1 '^ktlsctl: cred add: cert /nonexistent/c\.pem: No such file' cred add web cert /nonexistent/c.pem key /nonexistent/k.pem
head -c 60001 /dev/zero >"$tmp/big"
run 1 '^ktlsctl: trust add: ca .*/big: larger than 60000 bytes$' trust add corp ca "$tmp/big"
: >"$tmp/empty"
run 1 '^ktlsctl: trust add: ca .*/empty: empty file$' trust add corp ca "$tmp/empty"
printf '0011' >"$tmp/short.hex"
run 1 'short\.hex: 16 to 64 bytes \(32 to 128 hex digits\)$' psk add nfs identity i secret-file "$tmp/short.hex"
for _ in 1 2 3 4 5 6 7 8; do printf '\001\002\376\200'; done >"$tmp/raw.bin"
run 1 'secret-file .*/raw\.bin: not hex text$' psk add nfs identity i secret-file "$tmp/raw.bin"

run 1 '^ktlsctl: netns ktlsctl-test-none: /run/netns/ktlsctl-test-none: No such file or directory$' -n ktlsctl-test-none status
run 1 '^ktlsctl: netns "\.\./x": not a namespace name$' -n ../x policy show
run 2 'requires an argument' -n

echo "1..$n"
[ "$failed" -eq 0 ] || { echo "# $failed of $n failed"; exit 1; }
