#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Handshakes configured only through the store (vm-run --netns
# --no-daemon; the test runs its own ktlsctld): an operator adds a trust
# bundle, a client certificate and a policy with ktlsctl, and the probe,
# naming no credentials, completes mutual TLS with openssl s_server
# -Verify and gnutls-serv, while ktlsctl monitor shows the configuration,
# the handshake and the key installation. A consumer naming store entries
# itself, known and unknown. Then the server side, a PSK
# policy, the policies' match order (priority, a selector that does not
# match), the policy's versions, ciphers and ALPN, a CRL that revokes the
# server's certificate, and save, module reload, restore: the same
# handshake works again.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe
port=25000
start_daemon

# must DESC CMD...: CMD succeeds (else its output as a diagnostic).
must() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then ok "$desc"; else not_ok "$desc: $out"; fi
}

mtls_store() {
	must "trust add ca" ktlsctl trust add ca ca "$pki/ca.crt"
	must "cred add client" ktlsctl cred add client cert "$pki/client.crt" \
		key "$pki/client.key"
	must "policy add: mTLS to the remote host" ktlsctl policy add dir client \
		dst "$REMOTE/32" peer-name 'server.*' cred client trust ca \
		priority 100
}

bg "$work/monitor.out" "$work/monitor.err" ktlsctl -j monitor
mon=$bg_pid
nap 5

mtls_store
export PROBE_STORE=server.test CASE_TAG=policy
client_case openssl mtls 1.3 AES-128-GCM 4096
client_case gnutls mtls 1.2 CHACHA20-POLY1305 4096

# A consumer may name store entries itself (then no policy applies); a
# name the store does not hold refuses the request at submission.
unset PROBE_STORE
next_port
peer_server openssl mtls 1.3 AES-128-GCM "$port" || not_ok "peer started"
probe connect "$REMOTE:$port" --peer-name server.test --store-cred client \
	--store-trust ca --timeout 20000
expect_ok "a consumer naming store entries" 1.3 AES-128-GCM server.test ""
bg_stop "$peer_pid"
# A request shares the entries it names (no copy): deleted from the store
# while it waits in the queue, they stay the request's until it ends.
must "trust add ca-tmp" ktlsctl trust add ca-tmp ca "$pki/ca.crt"
must "cred add client-tmp" ktlsctl cred add client-tmp cert \
	"$pki/client.crt" key "$pki/client.key"
next_port
peer_server openssl mtls 1.3 AES-128-GCM "$port" || not_ok "peer started"
kill -STOP "$dpid"
probe_bg connect "$REMOTE:$port" --peer-name server.test \
	--store-cred client-tmp --store-trust ca-tmp --timeout 30000
# shellcheck disable=SC2317 # called through wait_until
queued_one() { ktlsctl -j status | jq -e '.queued == 1' >/dev/null; }
wait_until 100 queued_one || not_ok "the request queued"
must "trust del ca-tmp while a request holds it" ktlsctl trust del ca-tmp
must "cred del client-tmp while a request holds it" ktlsctl cred del \
	client-tmp
kill -CONT "$dpid"
probe_collect 400
expect_ok "entries deleted while the request waited" 1.3 AES-128-GCM \
	server.test ""
bg_stop "$peer_pid"
next_port
peer_listener "$port" silent || not_ok "listener started"
probe connect "$REMOTE:$port" --peer-name server.test --store-cred nosuch \
	--timeout 20000
expect_fail "a name the store does not hold" -ENOENT
bg_stop "$peer_pid"
export PROBE_STORE=server.test

# The server side: the probe listens with the store's certificate and
# verifies the client against the trust bundle.
must "cred add server" ktlsctl cred add server cert "$pki/server.crt" \
	key "$pki/server.key"
must "policy add: server" ktlsctl policy add dir server cred server trust ca
server_case openssl mtls 1.3 AES-256-GCM 4096

# A PSK policy, selected by peer name.
echo "$PSK_HEX" >"$work/psk.hex"
must "psk add" ktlsctl psk add p1 identity "$PSK_ID" secret-file "$work/psk.hex"
must "policy add: PSK for psk.test" ktlsctl policy add dir client \
	peer-name psk.test psk p1 auth psk priority 50
PROBE_STORE=psk.test client_case openssl psk 1.3 AES-128-GCM 4096

# Match order: a policy that trusts the wrong CA, ahead of the good one,
# makes the handshake fail; behind a selector that does not match (another
# port), it is skipped.
must "trust add rogue" ktlsctl trust add rogue ca "$pki/rogue-ca.crt"
out=$(ktlsctl -j policy add dir client dst "$REMOTE/24" trust rogue priority 10)
bad=$(jq -r .id <<<"$out")
next_port
peer_server openssl x509 1.3 AES-128-GCM "$port" || not_ok "peer started"
probe connect "$REMOTE:$port" --peer-name server.test --timeout 20000
expect_fail "the first matching policy applies (untrusted CA)" -EACCES
bg_stop "$peer_pid"
must "policy del" ktlsctl policy del "$bad"
must "policy add: the rogue one, on another port" ktlsctl policy add dir client \
	dst "$REMOTE/24:1" trust rogue priority 10
client_case openssl mtls 1.3 AES-128-GCM 1024

# The policy's settings fill in what the consumer left unset (the probe
# passes no --tls, --cipher or --alpn here): its ALPN and version and
# cipher lists reach the handshake.
next_port
must "policy add: settings for one port" ktlsctl policy add dir client \
	dst "$REMOTE/32:$port" trust ca tls-min 1.3 cipher aes-128-gcm \
	alpn h2,http/1.1 priority 1
peer_server openssl x509 1.3 AES-128-GCM "$port" -alpn h2 ||
	not_ok "peer started"
probe connect "$REMOTE:$port" --peer-name server.test --timeout 20000
expect_ok "the policy's versions, ciphers and ALPN apply" 1.3 AES-128-GCM \
	server.test "" && check "the policy's ALPN was selected" \
	jq -e '.alpn == "h2"' <<<"$probe_json"
bg_stop "$peer_pid"
next_port
must "policy add: TLS 1.2 only, for another port" ktlsctl policy add dir client \
	dst "$REMOTE/32:$port" trust ca tls-max 1.2 priority 1
peer_server openssl x509 1.3 AES-128-GCM "$port" || not_ok "peer started"
probe connect "$REMOTE:$port" --peer-name server.test --timeout 20000
expect_fail "a TLS 1.3-only server fails a TLS 1.2-only policy"
bg_stop "$peer_pid"

# A trust bundle's CRL: one that revokes the server's certificate makes
# the handshake fail; an empty one does not.
pki_crl "$work/revoked.pem" "$pki/server.crt" || not_ok "CRL made"
pki_crl "$work/empty.pem" || not_ok "empty CRL made"
must "trust add: the CA with a CRL revoking server.test" ktlsctl trust add \
	ca-revoked ca "$pki/ca.crt" crl "$work/revoked.pem"
must "trust add: the CA with an empty CRL" ktlsctl trust add ca-crl \
	ca "$pki/ca.crt" crl "$work/empty.pem"
for t in ca-revoked ca-crl; do
	next_port
	must "policy add: $t for one port" ktlsctl policy add dir client \
		dst "$REMOTE/32:$port" trust "$t" priority 1
	peer_server openssl x509 1.3 AES-128-GCM "$port" ||
		not_ok "peer started"
	probe connect "$REMOTE:$port" --peer-name server.test --timeout 20000
	if [ "$t" = ca-revoked ]; then
		expect_fail "a revoked server certificate is refused" -EACCES
	else
		expect_ok "an empty CRL lets it through" 1.3 AES-128-GCM \
			server.test ""
	fi
	bg_stop "$peer_pid"
done

# save, reload the module, restore: the same handshake.
must "save" sh -c "ktlsctl save >$work/saved"
bg_stop "$mon"
stop_daemon
rmmod ktlsctl_probe 2>/dev/null
check "rmmod ktlsctl" rmmod ktlsctl
check "insmod ktlsctl" insmod "$(module_path)"
must "the store is empty after the reload" test "$(ktlsctl -j policy show)" = "[]"
must "restore" ktlsctl restore "$work/saved"
start_daemon
must "restored policies read back" test \
	"$(ktlsctl -j policy show | jq length)" = 8
CASE_TAG="after restore" client_case openssl mtls 1.3 AES-128-GCM 4096

# What the monitor saw: config changes, and each handshake's states with
# the key installation (sw: veth has no offload).
events=$work/monitor.out
check "monitor: config events" jq -se \
	'map(select(.config.object == "cred" and .config.action == "add")) | length >= 4' "$events"
check "monitor: a policy-driven handshake installed in software" jq -se \
	'map(select(.request.state == "installed" and .request.key_mode == "sw")) | length >= 4' "$events"
grep -q "$(grep -v -- ----- "$pki/client.key" | head -1 | cut -c1-40)" "$events" &&
	not_ok "monitor output carries no key"
check_clean "policies"
stop_daemon
done_testing
