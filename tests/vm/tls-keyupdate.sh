#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# After the handshake, a TLS 1.3 peer updates its keys (openssl s_client's
# "k" command sends a KeyUpdate). kTLS on the target kernels cannot follow
# a rekey in place, so ktlsctl_recvmsg() must report it as its own error,
# -EKEYEXPIRED, after delivering the data that came before it; and a
# consumer that reads on after a session ticket must not see -EIO.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe
port=25000

# keyupdate_case DESC WANT LINE...: the probe listens and echoes; s_client
# sends each LINE a second apart (a line "k" is a KeyUpdate) and stays
# connected a while (kTLS refuses keys on a socket the peer already shut
# down); the probe's data_status must be WANT.
keyupdate_case() {
	local desc=$1 want=$2 ready st line
	shift 2
	next_port
	echo "# --- $desc"
	ready=$work/ready-$port
	stats_snap
	probe_bg listen "$port" --auth x509 --cert "$pki/server.crt" \
		--key "$pki/server.key" --tls 1.3 --timeout 20000 \
		--ready-file "$ready" --echo
	if ! wait_until 150 test -e "$ready"; then
		probe_collect 10
		not_ok "$desc: probe not listening after 15 s"
		return
	fi
	for line in "$@"; do
		sleep 1
		echo "$line"
	done | timeout -k 2 30 ip netns exec "$PEER_NS" \
		openssl s_client -connect "$LOCAL:$port" -brief \
		-CAfile "$pki/ca.crt" -verify_return_error \
		-servername server.test >"$work/client-$port.out" 2>&1
	echo "# s_client exit $?"
	probe_collect 150
	st=$(jq -r .data_status <<<"$probe_json")
	if [ "$st" = "$want" ]; then
		ok "$desc: data_status $st"
	else
		not_ok "$desc: data_status $st, want $want"
		diag_file "s_client" "$work/client-$port.out"
	fi
	if grep -q '^hello$' "$work/client-$port.out"; then
		ok "$desc: the data before it was echoed"
	else
		not_ok "$desc: the data before it was echoed"
		diag_file "s_client" "$work/client-$port.out"
	fi
	after_case "$desc" ok
}

keyupdate_case "peer sends KeyUpdate" -EKEYEXPIRED hello k after
keyupdate_case "no KeyUpdate: plain close" 0 hello ""
done_testing
