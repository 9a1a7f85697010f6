#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The TLS suite's own assumptions, without ktlsctl: every peer command line
# the tls-*.sh scripts use (pki.sh) is run against the other implementation
# in the remote namespace, for each version, cipher and authentication of
# the matrix; the negotiated parameters are read from the client's log; the
# setups the failure tests rely on really fail. If a peer or its options
# change, this says so before the probe's tests fail for the wrong reason.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup no-probe

# negotiated CIMPL VER CIPHER AUTH: the client's log names the version and
# cipher (s_client -brief: "Protocol version: TLSv1.3", "Ciphersuite:
# TLS_AES_128_GCM_SHA256"; gnutls-cli: "- Description:
# (TLS1.3-X.509)-...-(AES-128-GCM)").
negotiated() {
	local opts=()
	if [ "$1" = openssl ]; then
		ossl_opts "$2" "$3" "$4"
		grep -aq "^Protocol version: TLSv$2\$" "$client_log" &&
			grep -aq "^Ciphersuite: ${opts[-1]}\$" "$client_log"
	else
		grep -aq -- "- Description: (TLS$2-.*-($3)\$" "$client_log.info"
	fi
}

# pair SIMPL CIMPL AUTH VER CIPHER SIZE [want_fail]: an SIMPL server and a
# CIMPL client, both in the remote namespace (10.99.0.2).
pair() {
	local simpl=$1 cimpl=$2 auth=$3 ver=$4 cipher=$5 size=$6 fail=${7:-}
	local desc data out rc fails=$failed sauth=$auth cauth=$auth
	next_port
	desc="$cimpl -> $simpl $auth TLS $ver $cipher"
	data=$(data_file "$size")
	[ "$simpl" = openssl ] || data=$(data_file "$size" text)
	out=$work/echo-$port
	[ "$auth" = rogue ] && cauth=x509
	if ! peer_server "$simpl" "$sauth" "$ver" "$cipher" "$port"; then
		not_ok "$desc: server did not start ($peer_cmd)"
		return
	fi
	[ "$simpl" = gnutls ] || out=-
	peer_client "$cimpl" "$cauth" "${CLIENT_VER:-$ver}" \
		"${CLIENT_CIPHER:-$cipher}" "$REMOTE" "$port" "$data" "$out" &&
		rc=0 || rc=$?
	if [ "$simpl" = openssl ]; then
		bg_wait "$peer_pid" 100
		out=$peer_out
	else
		bg_stop "$peer_pid"
	fi
	if [ -n "$fail" ]; then
		if [ "$rc" != 0 ] && ! cmp -s "$data" "$out"; then
			ok "$desc fails ($fail)"
		else
			not_ok "$desc fails ($fail): client exit $rc"
		fi
	else
		if [ "$rc" = 0 ] && cmp -s "$data" "$out"; then
			ok "$desc: $size bytes through"
		else
			not_ok "$desc: $size bytes through (client exit $rc, $(stat -c %s "$out") bytes)"
		fi
		if negotiated "$cimpl" "$ver" "$cipher" "$auth"; then
			ok "$desc: $cimpl negotiated TLS $ver $cipher"
		else
			not_ok "$desc: $cimpl negotiated TLS $ver $cipher"
		fi
	fi
	if [ "$failed" != "$fails" ]; then
		echo "# server: $peer_cmd"
		diag_file "server log" "$peer_log"
		echo "# client: $client_cmd"
		diag_file "client log" "$client_log"
		diag_file "client info" "$client_log.info"
	fi
}

t0=$(now_ms)
# x509 (server authenticated), both versions, every cipher, both directions.
for ver in 1.3 1.2; do
	for c in "${CIPHERS[@]}"; do
		pair gnutls openssl x509 "$ver" "$c" 4096
		pair openssl gnutls x509 "$ver" "$c" 4096
	done
done
# PSK: TLS 1.3 external PSKs are SHA-256, no AES-256-GCM.
for c in AES-128-GCM CHACHA20-POLY1305 AES-128-CCM; do
	pair gnutls openssl psk 1.3 "$c" 4096
	pair openssl gnutls psk 1.3 "$c" 4096
done
for c in "${CIPHERS[@]}"; do
	pair gnutls openssl psk 1.2 "$c" 4096
	pair openssl gnutls psk 1.2 "$c" 4096
done
# Mutual authentication.
for ver in 1.3 1.2; do
	pair gnutls openssl mtls "$ver" AES-128-GCM 4096
	pair openssl gnutls mtls "$ver" CHACHA20-POLY1305 4096
done
# The pipe the server-side tests use, at their sizes: 16 KiB for s_client
# (64 KiB and 1 MiB from s_client to gnutls-serv --echo came back empty,
# s_client exit 1), a MiB for gnutls-cli. gnutls-serv closes every
# connection 30 s after it began, busy or not: on the debug kernel (KASAN
# under TCG) a MiB through its echo took longer, so a quarter there.
big=1048576
! on_debug_kernel || big=262144
pair gnutls openssl x509 1.3 AES-256-GCM 16384
pair gnutls gnutls x509 1.2 AES-128-GCM "$big"
echo "# matrix: $(($(now_ms) - t0)) ms"

# What the failure tests rely on.
pair openssl gnutls rogue 1.3 AES-128-GCM 4096 "untrusted CA"
pair gnutls openssl rogue 1.3 AES-128-GCM 4096 "untrusted CA"
CLIENT_PSK_HEX=$PSK_BAD_HEX pair openssl gnutls psk 1.3 AES-128-GCM 4096 "wrong PSK"
CLIENT_PSK_HEX=$PSK_BAD_HEX pair openssl openssl psk 1.2 AES-128-GCM 4096 "wrong PSK"
CLIENT_VER=1.2 pair openssl gnutls x509 1.3 AES-128-GCM 4096 "version mismatch"
CLIENT_CIPHER=AES-256-GCM pair openssl gnutls x509 1.3 AES-128-GCM 4096 "cipher mismatch"

# The silent listener takes the ClientHello and says nothing.
next_port
peer_listener "$port" silent
t1=$(now_ms)
data=$(data_file 4096)
PEER_LIMIT=3 peer_client gnutls x509 1.3 AES-128-GCM "$REMOTE" "$port" "$data" - &&
	rc=0 || rc=$?
dt=$(($(now_ms) - t1))
if [ "$rc" != 0 ] && [ "$dt" -ge 2500 ] &&
	[ "$(head -c 1 "$peer_out" | od -An -tx1 | tr -d ' ')" = 16 ]; then
	ok "silent listener: got a handshake record, answered nothing ($dt ms)"
else
	not_ok "silent listener (client exit $rc after $dt ms)"
	diag_file "client log" "$client_log"
fi
bg_stop "$peer_pid"

# The halfway listener closes in the middle of the ServerHello.
next_port
peer_listener "$port" halfway
t1=$(now_ms)
peer_client openssl x509 1.3 AES-128-GCM "$REMOTE" "$port" "$data" - &&
	rc=0 || rc=$?
dt=$(($(now_ms) - t1))
if [ "$rc" != 0 ] && [ "$dt" -lt 10000 ]; then
	ok "halfway listener: the client fails at once ($dt ms)"
else
	not_ok "halfway listener (client exit $rc after $dt ms)"
fi
diag_file "client log" "$client_log"
bg_stop "$peer_pid"

echo "# total: $(($(now_ms) - t0)) ms"
done_testing
