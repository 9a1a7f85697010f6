#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Options beyond the cipher matrix, against real peers, both sides:
#  - ALPN (--alpn): the selected protocol in the probe's JSON ("alpn", null
#    when none); no common protocol: OpenSSL's s_server and the daemon as a
#    server answer no_application_protocol (-EPROTO), gnutls-serv without
#    --alpn-fatal goes on without ALPN; more identifiers than the API takes
#    are refused (-EINVAL).
#  - TLS 1.3 external PSKs bound to SHA-384 (--psk-hash sha384) with
#    openssl's -psk_session (its -psk is SHA-256 only), and mismatched
#    hashes (-EPROTO). GnuTLS 3.7 binds external PSKs to SHA-256: skipped.
#  - RSA-2048 certificates (pki_make_rsa): server-authenticated and mutual,
#    TLS 1.2 (ECDHE-RSA, DHE-RSA for CCM) and 1.3.
#  - A CA bundle of exactly KTLSCTL_BLOB_MAX_LEN bytes (the system's CAs,
#    ours last) works as --ca; one byte more is refused by the API
#    (-EINVAL), more than a netlink attribute holds by the probe itself
#    (-EMSGSIZE).
# Every case: the JSON, the data, the counters, nothing left behind.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

BLOB_MAX=60000		# KTLSCTL_BLOB_MAX_LEN
PROBE_BLOB_MAX=65535	# KTLSCTL_PROBE_MAX_BLOB
SYSTEM_CAS=/etc/ssl/certs/ca-certificates.crt
SIZE=4096

# psk_session FILE CIPHER: an SSL_SESSION (PEM) for openssl's -psk_session:
# TLS 1.3, PSK_HEX as the key, CIPHER (hex, 1302 for TLS_AES_256_GCM_SHA384)
# giving the PSK's hash.
psk_session() {
	cat >"$1.cnf" <<-EOF
		asn1=SEQUENCE:sess
		[sess]
		version=INTEGER:1
		ssl_version=INTEGER:0x0304
		cipher=FORMAT:HEX,OCTETSTRING:$2
		session_id=OCTETSTRING:
		master_key=FORMAT:HEX,OCTETSTRING:$PSK_HEX
		time=EXPLICIT:1,INTEGER:$(date +%s)
		timeout=EXPLICIT:2,INTEGER:86400
	EOF
	openssl asn1parse -genconf "$1.cnf" -out "$1.der" -noout &&
		openssl sess_id -inform DER -in "$1.der" -out "$1"
}

# ca_bundle FILE SIZE: exactly SIZE bytes of PEM: as many whole
# certificates of the system's bundle as fit, filler comment lines, and our
# CA last (so that the whole bundle must be read).
ca_bundle() {
	local ours
	ours=$(stat -c %s "$pki/ca.crt") || return 1
	awk -v room="$(($2 - ours))" '
		BEGIN { pad = "#"; while (length(pad) < 63) pad = pad "#" }
		/-----BEGIN CERTIFICATE-----/ { cert = "" }
		{ cert = cert $0 "\n" }
		/-----END CERTIFICATE-----/ {
			if (used + length(cert) > room)
				exit
			printf "%s", cert
			used += length(cert)
		}
		END {
			for (left = room - used; left > 0; left -= len) {
				len = left > 64 ? 64 : left
				printf "%s\n", substr(pad, 1, len - 1)
			}
		}' "$SYSTEM_CAS" >"$1" && cat "$pki/ca.crt" >>"$1" &&
		[ "$(stat -c %s "$1")" = "$2" ]
}

# expect_alpn DESC NAME: the probe's JSON says ALPN NAME was selected (""
# for none: null).
expect_alpn() {
	if jq -e --arg a "$2" 'if $a == "" then .alpn == null
		else .alpn == $a end' <<<"$probe_json" >/dev/null 2>&1; then
		ok "$1: alpn ${2:-null}"
	else
		not_ok "$1: alpn ${2:-null} (got $(jq -c .alpn <<<"$probe_json" 2>&1))"
	fi
}

# rsa2048 NAME: $pki/NAME.crt holds an RSA-2048 key.
# shellcheck disable=SC2317 # called by check
rsa2048() {
	openssl x509 -in "$pki/$1.crt" -noout -text |
		grep -A1 rsaEncryption | grep -q "Public-Key: (2048 bit)"
}

# split_args: the words of "$@" up to "--" in before, the rest in after.
split_args() {
	before=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		before+=("$1")
		shift
	done
	[ $# -eq 0 ] || shift
	after=("$@")
}

# connect_case DESC WANT IMPL AUTH VER CIPHER [PEER-ARG...] -- [PROBE-ARG...]:
# an IMPL server (peer_server IMPL AUTH VER CIPHER PORT PEER-ARGs); the
# probe connects with probe_creds' options, --tls VER and PROBE-ARGs, and
# sends SIZE bytes (gnutls-serv: text, echoed and compared). WANT: alpn=NAME
# (success, NAME selected; alpn= for none) or -EXXX (the handshake fails so).
connect_case() {
	local desc=$1 want=$2 impl=$3 auth=$4 ver=$5 cipher=$6 fails=$failed
	local creds=() data echo=() want_peer="" before after
	shift 6
	split_args "$@"
	next_port
	case $auth in x509 | mtls) want_peer=server.test ;; psk) want_peer=$PSK_ID ;; esac
	probe_creds connect "$auth"
	echo "# --- $desc"
	stats_snap
	if ! peer_server "$impl" "$auth" "$ver" "$cipher" "$port" "${before[@]}"; then
		not_ok "$desc: peer did not start ($peer_cmd)"
		return
	fi
	data=$(data_file "$SIZE")
	[ "$impl" = openssl ] || { data=$(data_file "$SIZE" text) && echo=(--expect-echo); }
	probe connect "$REMOTE:$port" "${creds[@]}" --tls "$ver" --timeout 20000 \
		--send-file "$data" "${echo[@]}" "${after[@]}"
	if [ "${want#alpn=}" != "$want" ]; then
		expect_ok "$desc" "$ver" "$cipher" "$want_peer" "$SIZE"
		expect_alpn "$desc" "${want#alpn=}"
		if [ "$impl" = openssl ]; then
			bg_wait "$peer_pid" 100
			if cmp -s "$data" "$peer_out"; then
				ok "$desc: s_server received the file"
			else
				not_ok "$desc: s_server received the file"
			fi
		else
			bg_stop "$peer_pid"
		fi
		after_case "$desc" ok
	else
		expect_fail "$desc" "$want"
		bg_stop "$peer_pid"
		after_case "$desc" fail
	fi
	if [ "$failed" != "$fails" ]; then
		echo "# peer: $peer_cmd"
		diag_file "peer log" "$peer_log"
	fi
}

# listen_case DESC WANT IMPL AUTH VER CIPHER [CLIENT-ARG...] -- [PROBE-ARG...]:
# the probe listens (probe_creds' options, --tls VER, PROBE-ARGs, --echo);
# an IMPL client (peer_client IMPL AUTH VER CIPHER ... CLIENT-ARGs) sends
# SIZE bytes and must read them back. WANT as for connect_case; when it is
# an errno, the client must fail too.
listen_case() {
	local desc=$1 want=$2 impl=$3 auth=$4 ver=$5 cipher=$6 fails=$failed
	local creds=() data ready out=- want_peer="" rc before after
	shift 6
	split_args "$@"
	next_port
	case $auth in mtls) want_peer=client.test ;; psk) want_peer=$PSK_ID ;; esac
	probe_creds listen "$auth"
	data=$(data_file "$SIZE")
	[ "$impl" = openssl ] || data=$(data_file "$SIZE" text)
	ready=$work/ready-$port
	[ "${want#alpn=}" = "$want" ] || out=$work/echo-$port
	echo "# --- $desc"
	stats_snap
	probe_bg listen "$port" "${creds[@]}" --tls "$ver" --timeout 20000 \
		--ready-file "$ready" --echo "${after[@]}"
	if ! wait_until 150 test -e "$ready"; then
		probe_collect 10
		not_ok "$desc: probe not listening after 15 s"
		after_case "$desc" ok
		return
	fi
	peer_client "$impl" "$auth" "$ver" "$cipher" "$LOCAL" "$port" \
		"$data" "$out" "${before[@]}" && rc=0 || rc=$?
	probe_collect 200
	if [ "$out" != - ]; then
		expect_ok "$desc" "$ver" "$cipher" "$want_peer" "$SIZE"
		expect_alpn "$desc" "${want#alpn=}"
		if [ "$rc" = 0 ] && cmp -s "$data" "$out"; then
			ok "$desc: $impl read back what it sent"
		else
			not_ok "$desc: $impl read back what it sent (exit $rc)"
		fi
		after_case "$desc" ok
	else
		expect_fail "$desc" "$want"
		if [ "$rc" != 0 ]; then
			ok "$desc: $impl failed too (exit $rc)"
		else
			not_ok "$desc: $impl failed too (it succeeded)"
		fi
		after_case "$desc" fail
	fi
	if [ "$failed" != "$fails" ]; then
		echo "# client: $client_cmd"
		diag_file "client log" "$client_log"
		diag_file "client info" "$client_log.info"
	fi
}

# refused_case DESC ERRNO PROBE-ARG...: the probe connects to a silent
# listener and is refused with ERRNO before any request is queued.
refused_case() {
	local desc=$1 errno=$2
	shift 2
	next_port
	echo "# --- $desc"
	stats_snap
	if ! peer_listener "$port" silent; then
		not_ok "$desc: listener did not start"
		return
	fi
	probe connect "$REMOTE:$port" "$@" --timeout 20000
	expect_fail "$desc" "$errno"
	# Well before the 20 s timeout; the probe's own start took 7 s on the
	# debug kernel under load.
	expect_ms "$desc: at once" 0 15000
	bg_stop "$peer_pid"
	after_case "$desc" refused
}

tls_setup probe

# --- ALPN ------------------------------------------------------------------------

connect_case "ALPN: h2,http/1.1 to s_server -alpn http/1.1" alpn=http/1.1 \
	openssl x509 1.3 AES-128-GCM -alpn http/1.1 -- --alpn h2,http/1.1
connect_case "ALPN: TLS 1.2, h2,http/1.1 to gnutls-serv --alpn h2" alpn=h2 \
	gnutls x509 1.2 AES-256-GCM --alpn h2 -- --alpn h2,http/1.1
connect_case "ALPN: h2 to a server without ALPN" alpn= \
	openssl x509 1.3 CHACHA20-POLY1305 -- --alpn h2
connect_case "ALPN: no common protocol, gnutls-serv ignores it" alpn= \
	gnutls x509 1.3 AES-128-GCM --alpn foo -- --alpn h2,http/1.1
connect_case "ALPN: no common protocol, s_server refuses" -EPROTO \
	openssl x509 1.3 AES-128-GCM -alpn foo -- --alpn h2,http/1.1
check "ALPN: no common protocol, s_server refuses: its reason" \
	grep -q "no application protocol" "$peer_log"

listen_case "ALPN: listen h2,http/1.1, s_client -alpn http/1.1" alpn=http/1.1 \
	openssl x509 1.3 AES-128-GCM -alpn http/1.1 -- --alpn h2,http/1.1
# The server's preference wins: the daemon picks h2, gnutls-cli's second.
listen_case "ALPN: TLS 1.2, listen h2,http/1.1, gnutls-cli http/1.1,h2" \
	alpn=h2 gnutls x509 1.2 AES-128-GCM --alpn http/1.1 --alpn h2 -- \
	--alpn h2,http/1.1
listen_case "ALPN: listen h2, s_client offers none" alpn= \
	openssl x509 1.3 AES-128-GCM -- --alpn h2
listen_case "ALPN: listen without, s_client -alpn h2" alpn= \
	openssl x509 1.3 AES-128-GCM -alpn h2 --
listen_case "ALPN: listen h2,http/1.1, s_client -alpn foo" -EPROTO \
	openssl x509 1.3 AES-128-GCM -alpn foo -- --alpn h2,http/1.1
check "ALPN: listen h2,http/1.1, s_client -alpn foo: no_application_protocol" \
	grep -q "no application protocol" "$client_log"

alpn17=$(printf 'p%d,' {1..17})
refused_case "ALPN: 17 identifiers, more than the API takes" -EINVAL \
	"${X509[@]}" --alpn "${alpn17%,}"

# --- TLS 1.3 PSKs bound to SHA-384 --------------------------------------------

sess384=$work/psk-sha384.pem
if ! psk_session "$sess384" 1302 2>"$work/sess.log"; then
	echo "Bail out! cannot make the SHA-384 PSK session"
	diag_file openssl "$work/sess.log"
	exit 1
fi
gnutls_why="GnuTLS $(gnutls-cli --version | sed -n '1s/.* //p') binds external PSKs to SHA-256"

connect_case "PSK SHA-384: connect to s_server" alpn= \
	openssl psk 1.3 AES-256-GCM -psk_session "$sess384" -- \
	--psk-hash sha384 --cipher AES-256-GCM
skip "PSK SHA-384: connect to gnutls-serv" "$gnutls_why"
listen_case "PSK SHA-384: listen, s_client" alpn= \
	openssl psk 1.3 AES-256-GCM -psk_session "$sess384" -- --psk-hash sha384
skip "PSK SHA-384: listen, gnutls-cli" "$gnutls_why"
# The server finds the identity, but the binder is not the SHA-384 one.
connect_case "PSK SHA-256 to a SHA-384-only s_server" -EPROTO \
	openssl psk 1.3 AES-256-GCM -psk_session "$sess384" -- --psk-hash sha256
listen_case "PSK SHA-256 listening, s_client with SHA-384" -EPROTO \
	openssl psk 1.3 AES-256-GCM -psk_session "$sess384" --
connect_case "PSK SHA-384 to a SHA-256 s_server" -EPROTO \
	openssl psk 1.3 AES-128-GCM -- --psk-hash sha384

# --- RSA-2048 certificates ------------------------------------------------------

t1=$(now_ms)
if ! pki_make_rsa; then
	echo "Bail out! cannot make the RSA PKI"
	diag_file openssl "$work/pki-rsa/log"
	exit 1
fi
echo "# RSA PKI in $(($(now_ms) - t1)) ms"
pki_use rsa
CASE_TAG=RSA
check "RSA: the server's key is RSA-2048" rsa2048 server
check "RSA: the client's key is RSA-2048" rsa2048 client
client_case openssl x509 1.2 AES-128-GCM "$SIZE"
client_case gnutls x509 1.2 CHACHA20-POLY1305 "$SIZE"
client_case openssl x509 1.3 AES-256-GCM "$SIZE"
client_case openssl mtls 1.2 AES-128-CCM "$SIZE"
client_case gnutls mtls 1.3 AES-128-GCM "$SIZE"
server_case openssl mtls 1.2 AES-256-GCM "$SIZE"
server_case gnutls mtls 1.3 CHACHA20-POLY1305 "$SIZE"
server_case openssl x509 1.3 AES-128-GCM "$SIZE"
pki_use ec
CASE_TAG=

# --- a large CA bundle ----------------------------------------------------------

if [ -r "$SYSTEM_CAS" ]; then
	for size in "$BLOB_MAX" "$((BLOB_MAX + 1))" "$((PROBE_BLOB_MAX + 1))"; do
		if ! ca_bundle "$work/bundle-$size.pem" "$size"; then
			echo "Bail out! cannot make a $size-byte CA bundle"
			exit 1
		fi
	done
	bundle=$work/bundle-$BLOB_MAX.pem
	echo "# bundle: $(grep -c 'BEGIN CERTIFICATE' "$bundle") certificates, $BLOB_MAX bytes"
	CASE_TAG="CA bundle"
	PROBE_CA=$bundle client_case openssl x509 1.3 AES-128-GCM "$SIZE"
	PROBE_CA=$bundle client_case gnutls x509 1.2 AES-256-GCM "$SIZE"
	PROBE_CA=$bundle server_case openssl mtls 1.3 AES-128-GCM "$SIZE"
	CASE_TAG=
	refused_case "CA bundle of $((BLOB_MAX + 1)) bytes: over the API's limit" \
		-EINVAL --auth x509 --peer-name server.test \
		--ca "$work/bundle-$((BLOB_MAX + 1)).pem"
	refused_case "CA bundle of $((PROBE_BLOB_MAX + 1)) bytes: over the probe's" \
		-EMSGSIZE --auth x509 --peer-name server.test \
		--ca "$work/bundle-$((PROBE_BLOB_MAX + 1)).pem"
else
	skip "large CA bundles" "no $SYSTEM_CAS"
fi

echo "# $(($(now_ms) - t0)) ms"
done_testing
