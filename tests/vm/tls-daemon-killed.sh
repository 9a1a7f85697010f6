#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The daemon dies in the middle of a handshake (vm-run --no-daemon --netns;
# the test runs its own ktlsctld): SIGKILL while it waits for a peer that
# never answers must fail the request at once (not at the consumer's
# 30 s timeout), leave nothing behind, and a restarted daemon must serve
# the next handshake. Then SIGTERM in the same spot: the daemon exits 0
# within 10 s and the request fails promptly too.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe

# mid_handshake SIGNAL: kill the daemon with SIGNAL while it waits for the
# silent peer's ServerHello.
mid_handshake() {
	local sig=$1 t_kill drc fails=$failed
	next_port
	stats_snap
	peer_listener "$port" silent || not_ok "listener did not start"
	probe_bg connect "$REMOTE:$port" "${X509[@]}" --timeout 30000
	check "SIG$sig: the daemon took the request" wait_until 150 gauge in_progress 1
	check "SIG$sig: the peer got the ClientHello" \
		wait_until 100 test -s "$peer_out"
	t_kill=$(now_ms)
	figure faults 1
	kill "-$sig" "$dpid"
	bg_wait "$dpid" 100 && drc=0 || drc=$?
	echo "# daemon exit status $drc"
	[ "$sig" != TERM ] || check "SIGTERM: the daemon exits 0" test "$drc" = 0
	daemon_fd_base=
	probe_collect 250
	expect_fail "SIG$sig: the request fails"
	probe_ms=$(($(now_ms) - t_kill))
	expect_ms "SIG$sig: promptly after the daemon went" 0 10000
	bg_stop "$peer_pid"
	after_case "SIG$sig mid-handshake" fail
	[ "$failed" = "$fails" ] || diag_file "ktlsctld" "$work/ktlsctld.log"
}

start_daemon
mid_handshake KILL
start_daemon
client_case openssl x509 1.3 AES-128-GCM 4096
mid_handshake TERM

echo "# $(($(now_ms) - t0)) ms"
done_testing
