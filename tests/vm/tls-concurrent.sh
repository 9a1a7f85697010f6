#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# One slow peer never delays another. Four requests go to peers that accept
# the TCP connection and never answer: the daemon (two workers in the VM)
# accepts all four and keeps them in progress. A fifth request, to a real
# gnutls-serv, completes meanwhile, with data echoed, while the four are
# still in progress; then the four time out, each on its own deadline, and
# nothing is left behind.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe

stats_snap
silent_probes 4 30000 "${X509[@]}"
check "four stalled handshakes in progress in the daemon" \
	wait_until 300 gauge in_progress 4

next_port
peer_server gnutls x509 1.3 AES-128-GCM "$port" ||
	not_ok "gnutls-serv did not start ($peer_cmd)"
data=$(data_file 4096 text)
probe connect "$REMOTE:$port" "${X509[@]}" --tls 1.3 --cipher AES-128-GCM \
	--timeout 20000 --send-file "$data" --expect-echo
expect_ok "a fifth handshake completes meanwhile" 1.3 AES-128-GCM \
	server.test 4096
check "the four are still in progress after it" gauge in_progress 4
bg_stop "$peer_pid"

for i in 1 2 3 4; do
	silent_probe_end "$i" 400
	expect_fail "stalled handshake $i times out" -ETIMEDOUT
done
check_clean "five concurrent handshakes"
counters_are "five requests, one completed, four unsuccessful" 5 1 4
echo "# $(($(now_ms) - t0)) ms"
done_testing
