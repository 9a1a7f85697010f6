#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Handshakes that must fail, each with a negative errno in the probe's
# status, in bounded time, counted as unsuccessful, leaving nothing behind
# (no queued, in-progress or live request; the daemon back at its fds):
# untrusted server certificate, wrong host name, no client certificate for
# a server that requires one, wrong PSK (both sides), version and cipher
# mismatches, a peer that never answers (-ETIMEDOUT after --timeout), a
# peer that closes in the middle of the handshake (fails at once), a
# client that connects and leaves, and a cancelled request (-ECANCELED),
# which the daemon drops at once (the module's ABORT event).
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe

PSK=(--auth psk --psk-identity "$PSK_ID" --psk-hex "$PSK_HEX")

# refused DESC ERRNO MIN MAX COUNTER IMPL AUTH VER CIPHER -- PROBE-ARG...:
# an IMPL server (AUTH VER CIPHER; IMPL listener: AUTH is silent or
# halfway), then the probe connects with PROBE-ARGs and must fail with
# ERRNO ("" any errno; "!-ETIMEDOUT" any other) in MIN..MAX ms.
# daemon_at_base: the daemon holds its baseline of fds.
# shellcheck disable=SC2317 # called through wait_until
daemon_at_base() {
	[ "$(daemon_fds)" = "$daemon_fd_base" ]
}

refused() {
	local desc=$1 errno=$2 min=$3 max=$4 counter=$5 impl=$6 auth=$7
	local ver=$8 cipher=$9 fails=$failed st
	shift 10
	figure bad_peers 1
	next_port
	echo "# --- $desc"
	stats_snap
	if [ "$impl" = listener ]; then
		peer_listener "$port" "$auth"
	else
		peer_server "$impl" "$auth" "$ver" "$cipher" "$port"
	fi || {
		not_ok "$desc: peer did not start ($peer_cmd)"
		return
	}
	probe connect "$REMOTE:$port" "$@"
	if [ "${errno#!}" != "$errno" ]; then
		expect_fail "$desc" && {
			st=$(jq -r .status <<<"$probe_json")
			if [ "$st" = "${errno#!}" ]; then
				not_ok "$desc: not ${errno#!}"
			else
				ok "$desc: not ${errno#!}"
			fi
		}
	else
		expect_fail "$desc" "$errno"
	fi
	expect_ms "$desc: in time" "$min" "$max"
	# The module ended it (cancel, timeout) while the peer still holds
	# the connection: ABORT tells the daemon, which drops it at once
	# (without it, the daemon would wait for the request's own deadline).
	if [ "$counter" = cancelled ] && [ -n "$daemon_fd_base" ]; then
		if wait_until 30 daemon_at_base; then
			ok "$desc: the daemon dropped it at once (ABORT)"
		else
			not_ok "$desc: the daemon dropped it at once (ABORT; fds $(daemon_fds), baseline $daemon_fd_base)"
		fi
	fi
	bg_stop "$peer_pid"
	after_case "$desc" "$counter"
	if [ "$failed" != "$fails" ]; then
		echo "# peer: $peer_cmd"
		diag_file "peer log" "$peer_log"
	fi
}

refused "untrusted server certificate" "" 0 15000 fail \
	openssl rogue 1.3 AES-128-GCM -- "${X509[@]}" --timeout 20000
refused "untrusted server certificate (TLS 1.2)" "" 0 15000 fail \
	gnutls rogue 1.2 AES-128-GCM -- "${X509[@]}" --timeout 20000
refused "wrong host name" "" 0 15000 fail \
	openssl x509 1.3 AES-128-GCM -- --auth x509 --ca "$pki/ca.crt" \
	--peer-name other.test --timeout 20000
# TLS 1.2: the server refuses before its Finished. (In TLS 1.3 the client's
# handshake is complete before the server looks at the certificate; its
# alert then arrives as the first record after the handshake.)
refused "server requires a client certificate, none given" "" 0 15000 fail \
	openssl mtls 1.2 AES-128-GCM -- "${X509[@]}" --timeout 20000
refused "wrong PSK" "" 0 15000 fail \
	openssl psk 1.3 AES-128-GCM -- --auth psk --psk-identity "$PSK_ID" \
	--psk-hex "$PSK_BAD_HEX" --timeout 20000
refused "wrong PSK (TLS 1.2)" "" 0 15000 fail \
	gnutls psk 1.2 AES-128-GCM -- --auth psk --psk-identity "$PSK_ID" \
	--psk-hex "$PSK_BAD_HEX" --tls 1.2 --timeout 20000
refused "version mismatch: --tls 1.2 against a TLS 1.3-only server" "" \
	0 15000 fail openssl x509 1.3 AES-128-GCM -- "${X509[@]}" --tls 1.2 \
	--timeout 20000
refused "cipher mismatch: AES-256-GCM against AES-128-GCM only" "" \
	0 15000 fail openssl x509 1.3 AES-128-GCM -- "${X509[@]}" --tls 1.3 \
	--cipher AES-256-GCM --timeout 20000
refused "peer never answers: --timeout 3000" -ETIMEDOUT 2700 9000 fail \
	listener silent - - -- "${X509[@]}" --timeout 3000
refused "peer closes in the middle of the ServerHello" '!-ETIMEDOUT' \
	0 10000 fail listener halfway - - -- "${X509[@]}" --timeout 20000
refused "cancel after 1000 ms" -ECANCELED 800 8000 cancelled \
	listener silent - - -- "${X509[@]}" --timeout 20000 --cancel-after 1000

# Server side: a client with the wrong PSK, and one that connects and
# leaves without a word: if it is gone before the probe asks for the
# handshake, the module refuses the closed socket at once (-ENOTCONN, no
# request, no callback); otherwise the handshake fails.
server_refused() {
	local desc=$1 ready rc fails=$failed outcome=fail
	shift
	figure bad_peers 1
	next_port
	echo "# --- $desc"
	ready=$work/ready-$port
	stats_snap
	probe_bg listen "$port" "${PSK[@]}" --timeout 20000 \
		--ready-file "$ready" --echo
	if ! wait_until 150 test -e "$ready"; then
		probe_collect 10
		not_ok "$desc: probe not listening after 15 s"
		return
	fi
	"$@" && rc=0 || rc=$?
	echo "# client exit $rc"
	probe_collect 150
	expect_fail "$desc"
	expect_ms "$desc: in time" 0 15000
	[ "$1" = hit_and_run ] &&
		[ "$(jq -r .status <<<"$probe_json")" = -ENOTCONN ] &&
		outcome=refused
	after_case "$desc" "$outcome"
	[ "$failed" = "$fails" ] || diag_file "client log" "$client_log"
}

# shellcheck disable=SC2317 # called by server_refused
bad_psk_client() {
	CLIENT_PSK_HEX=$PSK_BAD_HEX peer_client openssl psk 1.3 AES-128-GCM \
		"$LOCAL" "$port" "$(data_file 4096)" -
}
# shellcheck disable=SC2317 # called by server_refused
hit_and_run() {
	client_log=$work/client-$port.log
	timeout -k 2 2 ip netns exec "$PEER_NS" busybox nc "$LOCAL" "$port" \
		</dev/null >/dev/null 2>"$client_log"
}
server_refused "listen: client with the wrong PSK" bad_psk_client
server_refused "listen: client connects and leaves" hit_and_run

echo "# $(($(now_ms) - t0)) ms"
done_testing
