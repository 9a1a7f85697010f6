#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The bash completion of ktlsctl: sourced into this shell, then asked as
# bash asks it (COMP_WORDS, COMP_CWORD -> COMPREPLY) for commands,
# subcommands, keywords, enum values, comma lists and files. TAP output.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=completion/ktlsctl
. "$top/completion/ktlsctl" || { echo "Bail out! cannot source it"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/client.pem" "$tmp/client.key" "$tmp/other.txt"
cd "$tmp" || exit 1

n=0
failed=0

# expect "WANT" WORD...: completing the last WORD gives WANT (sorted,
# space-separated).
expect() {
	local want=$1 got
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_ktlsctl
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
	got=${got% }
	n=$((n + 1))
	if [ "$got" = "$want" ]; then
		echo "ok $n - ${*@Q}: $want"
	else
		failed=$((failed + 1))
		echo "not ok $n - ${*@Q}: want \"$want\", got \"$got\""
	fi
}

n=$((n + 1))
if [ "$(complete -p ktlsctl)" = "complete -F _ktlsctl ktlsctl" ]; then
	echo "ok $n - registered for ktlsctl"
else
	failed=$((failed + 1))
	echo "not ok $n - not registered for ktlsctl"
fi

expect "cred monitor policy psk request restore save stats status trust" ktlsctl ""
expect "policy psk" ktlsctl p
expect "--help --json --netns --pretty --version" ktlsctl --
expect "cred monitor policy psk request restore save stats status trust" ktlsctl -j ""
expect "policy" ktlsctl -n red -j pol
expect "--help add del flush help list show" ktlsctl policy ""
expect "--help add del help list show" ktlsctl psk ""
expect "add" ktlsctl -j trust a
expect "--help" ktlsctl status --

# Keywords of add, each once, by type; values after them.
expect "cert key" ktlsctl cred add web ""
expect "key" ktlsctl cred add web cert client.pem ""
expect "client.key client.pem" ktlsctl cred add web cert client.
expect "client.key" ktlsctl cred add web cert client.pem key client.k
expect "hash identity secret-file" ktlsctl psk add nfs ""
expect "sha256 sha384" ktlsctl psk add nfs identity host1 hash ""
expect "client.key client.pem other.txt" ktlsctl psk add nfs secret-file ""
expect "" ktlsctl psk add nfs identity ""
expect "ca crl" ktlsctl trust add corp ""
expect "other.txt" ktlsctl trust add corp ca o
expect "" ktlsctl cred add ""
expect "" ktlsctl cred del ""

expect "dir" ktlsctl policy flush ""
expect "client server" ktlsctl policy flush dir ""
expect "client server" ktlsctl policy add dir ""
expect "quic tcp udp" ktlsctl -n red policy add proto ""
expect "anon psk x509" ktlsctl policy add auth ""
expect "1.2 1.3" ktlsctl policy add dir client tls-max ""
expect "none prefer require" ktlsctl policy add offload ""
expect "aes-128-ccm aes-128-gcm aes-256-gcm" ktlsctl policy add cipher aes
expect "aes-256-gcm,chacha20-poly1305" ktlsctl policy add cipher aes-256-gcm,ch
expect "h2 http/1.1" ktlsctl policy add alpn ""
expect "tag timeout tls-max tls-min trust" ktlsctl policy add t
expect "tag timeout tls-min trust" ktlsctl policy add tls-max 1.3 t
expect "" ktlsctl policy add src ""
expect "" ktlsctl policy del ""
expect "--count --help --timestamp" ktlsctl monitor --
expect "" ktlsctl monitor -c ""
expect "--help help list show" ktlsctl request ""
expect "list" ktlsctl request l

echo "1..$n"
[ "$failed" -eq 0 ] || { echo "# $failed of $n failed"; exit 1; }
