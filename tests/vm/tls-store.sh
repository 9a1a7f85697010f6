#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The credential and policy store through the ktlsctl CLI (vm-run --netns):
# every command, success and failure, with the kernel's extack text in the
# error. What the listings say is checked against openssl's own reading of
# the files; no private key or PSK byte ever appears in a show, a -j show,
# a monitor event or a save. Unprivileged callers get EPERM; a second
# network namespace has a store of its own. Handshakes through the store
# are tls-policy's.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup no-probe
# shellcheck disable=SC2317 # called through check_fails_with
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"; }

# ok_cmd DESC CMD...: CMD succeeds; its output in $out.
ok_cmd() {
	local desc=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		not_ok "$desc: $out"
	fi
}

# jq_ok DESC FILTER JSON: the filter holds.
jq_ok() {
	if jq -e "$2" <<<"$3" >/dev/null 2>&1; then
		ok "$1"
	else
		not_ok "$1 (jq '$2' on: $3)"
	fi
}

# The monitor records every config event of this test.
bg "$work/monitor.out" "$work/monitor.err" ktlsctl -j monitor
mon=$bg_pid
nap 5

# --- certificates --------------------------------------------------------------
ok_cmd "cred add" ktlsctl cred add server cert "$pki/server.crt" key "$pki/server.key"
ok_cmd "cred show -j" ktlsctl -j cred show server
json=$out
want_fp=$(openssl x509 -in "$pki/server.crt" -noout -fingerprint -sha256 | sed 's/.*=//')
want_end=$(date -u -d "$(openssl x509 -in "$pki/server.crt" -noout -enddate | sed 's/.*=//')" +%s)
jq_ok "listing: name and type" '.[0].name == "server" and .[0].type == "cert"' "$json"
jq_ok "listing: subject" '.[0].subject == "CN=server.test"' "$json"
jq_ok "listing: SANs" '.[0].sans == ["DNS:server.test", "IP:'"$REMOTE"'", "IP:'"$LOCAL"'"]' "$json"
jq_ok "listing: not-after as openssl reads it" ".[0].not_after == $want_end" "$json"
jq_ok "listing: fingerprint as openssl computes it" \
	"(.[0].fingerprint | ascii_upcase) == \"$want_fp\"" "$json"
ok_cmd "cred show (text)" ktlsctl cred show
text=$out
check "text listing names the subject" grep -q "CN=server.test" <<<"$text"

check_fails_with "duplicate name refused" "exists" \
	ktlsctl cred add server cert "$pki/server.crt" key "$pki/server.key"
check_fails_with "mismatched key refused" "does not match" \
	ktlsctl cred add bad cert "$pki/server.crt" key "$pki/client.key"
printf 'not a certificate\n' >"$work/junk.pem"
check_fails_with "malformed PEM refused" "Invalid argument: ktlsctl: no certificate found" \
	ktlsctl cred add bad cert "$work/junk.pem" key "$pki/server.key"
{
	echo "-----BEGIN CERTIFICATE-----"
	echo "AAAA!!!!"
	echo "-----END CERTIFICATE-----"
} >"$work/badb64.pem"
check_fails_with "bad base64 refused" "malformed base64" \
	ktlsctl cred add bad cert "$work/badb64.pem" key "$pki/server.key"
head -c 60001 /dev/urandom >"$work/huge"
check_fails_with "oversize blob refused before it is sent" "larger than 60000 bytes" \
	ktlsctl cred add bad cert "$work/huge" key "$pki/server.key"
check_fails_with "bad name refused" "Invalid argument: names are letters" \
	ktlsctl cred add "bad/name" cert "$pki/server.crt" key "$pki/server.key"
ok_cmd "nothing added by the refusals" ktlsctl -j cred show
jq_ok "the store holds only server" '[.[].name] == ["server"]' "$out"

# --- trust bundles and CRLs ----------------------------------------------------
pki_crl "$work/crl.pem" || not_ok "CRL made"
ok_cmd "trust add with a CRL" ktlsctl trust add ca ca "$pki/ca.crt" crl "$work/crl.pem"
ok_cmd "trust show -j" ktlsctl -j trust show
jq_ok "trust listing: subject of the CA" \
	'.[0].name == "ca" and .[0].type == "trust" and .[0].subject == "CN=ktlsctl test CA"' "$out"
check_fails_with "a certificate as a CRL is refused" "not a CRL" \
	ktlsctl trust add ca2 ca "$pki/ca.crt" crl "$pki/ca.crt"
check_fails_with "a key as a CA is refused" "not a certificate" \
	ktlsctl trust add ca2 ca "$pki/ca.key"

# --- PSKs --------------------------------------------------------------------------
echo "$PSK_HEX" >"$work/psk.hex"
ok_cmd "psk add (sha384)" ktlsctl psk add p1 identity "$PSK_ID" secret-file "$work/psk.hex" hash sha384
ok_cmd "psk show -j" ktlsctl -j psk show p1
jq_ok "psk listing: identity and hash" \
	".[0].psk_identity == \"$PSK_ID\" and .[0].psk_hash == \"sha384\"" "$out"
echo "0123" >"$work/short.hex"
check_fails_with "a PSK under 16 bytes is refused" "16 to 64 bytes" \
	ktlsctl psk add p2 identity x secret-file "$work/short.hex"
check_fails_with "unknown name on del" "No such file or directory: ktlsctl: no credential of this type and name" ktlsctl psk del nosuch

# --- policies ----------------------------------------------------------------------
ok_cmd "policy add (client, mTLS)" ktlsctl -j policy add dir client dst "$REMOTE/32:443" \
	peer-name '*.test' cred server trust ca auth x509 tls-min 1.3 \
	cipher aes-128-gcm,chacha20-poly1305 alpn h2,http/1.1 priority 20
id1=$(jq -r '.id' <<<"$out")
ok_cmd "policy add (server)" ktlsctl -j policy add dir server cred server priority 10
id2=$(jq -r '.id' <<<"$out")
ok_cmd "policy add (psk)" ktlsctl -j policy add psk p1 auth psk tag nfs priority 10
id3=$(jq -r '.id' <<<"$out")
ok_cmd "policy show -j" ktlsctl -j policy show
pol=$out
jq_ok "match order: priority, then id" "[.[].id] == [$id2, $id3, $id1]" "$pol"
jq_ok "the client policy reads back" \
	'.[2].role == "client" and .[2].cred == "server" and .[2].trust == "ca" and
	 .[2].auth == "x509" and .[2].tls_min == "tls13" and
	 .[2].ciphers == ["aes-128-gcm", "chacha20-poly1305"] and
	 .[2].alpn == ["h2", "http/1.1"] and .[2].peer_name == "*.test"' "$pol"
check_fails_with "a policy naming an unknown cred is refused" "No such file or directory: ktlsctl: no certificate credential" \
	ktlsctl policy add cred nosuch
check_fails_with "an anonymous server policy is refused" "Invalid argument: a server cannot be anonymous" \
	ktlsctl policy add dir server auth anon
check_fails_with "tls-min above tls-max is refused" "tls-min above tls-max" \
	ktlsctl policy add tls-min 1.3 tls-max 1.2
check_fails_with "a credential in use cannot be deleted" "Device or resource busy: ktlsctl: the credential is used by a policy" \
	ktlsctl cred del server
check_fails_with "unknown policy id on del" "No such file or directory: ktlsctl: no policy with this id" ktlsctl policy del 99999
ok_cmd "policy del" ktlsctl policy del "$id3"
ok_cmd "policy flush dir server" ktlsctl policy flush dir server
ok_cmd "policy show after del and flush" ktlsctl -j policy show
jq_ok "only the client policy is left" "[.[].id] == [$id1]" "$out"

# --- permissions ---------------------------------------------------------------------
for cmd in "cred show" "psk show" "trust show" "policy show" "psk del p1" \
	"policy flush"; do
	# shellcheck disable=SC2086 # the words of the command
	check_fails_with "unprivileged '$cmd': EPERM" "Operation not permitted" \
		nobody ktlsctl $cmd
done
install -m 644 "$work/psk.hex" "$work/psk-public.hex"
chmod 755 "$work"
check_fails_with "unprivileged psk add: EPERM" "Operation not permitted" \
	nobody ktlsctl psk add p9 identity x secret-file "$work/psk-public.hex"

# --- another namespace -------------------------------------------------------------
ip netns add store2 || not_ok "netns store2 made"
ok_cmd "-n: the other namespace's store is empty" ktlsctl -n store2 -j cred show
jq_ok "no entry there" 'length == 0' "$out"
ok_cmd "-n: add there" ktlsctl -n store2 psk add p1 identity other secret-file "$work/psk.hex"
ok_cmd "-n: listed there" ktlsctl -n store2 -j psk show
jq_ok "its own entry" '.[0].psk_identity == "other"' "$out"
ok_cmd "here, p1 is still ours" ktlsctl -j psk show p1
jq_ok "our identity" ".[0].psk_identity == \"$PSK_ID\"" "$out"
ok_cmd "-n: policies are separate too" ktlsctl -n store2 -j policy show
jq_ok "none there" 'length == 0' "$out"
# The bound: 256 credentials a namespace (restore adds them in one run).
for i in $(seq 2 256); do
	echo "psk add q$i identity id$i secret-file $work/psk.hex"
done >"$work/many"
ok_cmd "-n: restore fills the store to its bound" ktlsctl -n store2 restore "$work/many"
check_fails_with "-n: one more is refused" "No space left on device: ktlsctl: the credential store is full" \
	ktlsctl -n store2 psk add extra identity x secret-file "$work/psk.hex"
check_fails_with "restore names the line that failed" "restore: .*:1: failed" \
	ktlsctl -n store2 restore "$work/many"
# Namespace exit frees (and zeroizes) what is left there.
ip netns del store2

# --- save, and no secret anywhere ---------------------------------------------------
ok_cmd "save" ktlsctl save
save=$out
check "save names the key file, not the key" grep -q "key $pki/server.key" <<<"$save"
check "save names the PSK file, not the PSK" grep -q "secret-file $work/psk.hex" <<<"$save"

ok_cmd "policy flush" ktlsctl policy flush
ok_cmd "cred del" ktlsctl cred del server
ok_cmd "trust del" ktlsctl trust del ca
ok_cmd "psk del" ktlsctl psk del p1
ok_cmd "the store is empty" ktlsctl -j cred show
jq_ok "nothing left" 'length == 0' "$out"
nap 5
bg_stop "$mon"
events=$(cat "$work/monitor.out")
n_events=$(jq -s length <<<"$events" 2>/dev/null)
check "monitor saw every add and del ($n_events events)" test "${n_events:-0}" -ge 12
check "monitor saw a policy flush" grep -q '"flush"' <<<"$events"

# The secrets: lines of the private keys' base64, and the PSK in hex, also
# searched for as raw bytes in a hex dump of every output.
secrets=("$PSK_HEX" "${PSK_HEX^^}")
while IFS= read -r line; do
	secrets+=("$line")
done < <(grep -hv -- '-----' "$pki/server.key" "$pki/client.key" | cut -c1-40)
all="$json$text$pol$save$(cat "$work/monitor.out" "$work/monitor.err")"
leak=0
for s in "${secrets[@]}"; do
	! grep -qF -- "$s" <<<"$all" || { leak=1; echo "# leaked: $s"; }
done
! od -An -tx1 <<<"$all" | tr -d ' \n' | grep -qi -- "$PSK_HEX" ||
	{ leak=1; echo "# leaked: the PSK's raw bytes"; }
check "no secret in any show, -j, monitor or save output" test "$leak" = 0
check_clean "store"
done_testing
