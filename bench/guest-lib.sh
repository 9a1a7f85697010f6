# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# bench/guest-lib.sh: what bench/run-in-guest and bench/soak-in-guest share
# inside the VM. The sourcing script sets work (a scratch directory), NS
# (the peers' namespace), REMOTE (its address), the arrays pids (peers to
# kill at exit) and defines log(). Sets pki, dpid, peer_pid. scripts/bench
# also sources it on the host, for bench_pki alone (the host peer's PKI).

# Storms hold a thousand sockets and more, each an fd in the peer and, while
# in flight, in the daemon: raise the descriptor limit for both.
ulimit -Hn 1048576 2>/dev/null || true
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# bench_pki: one P-256 CA and a server certificate for server.test and
# REMOTE, in $work/pki (pki).
pki=
# shellcheck disable=SC2154 # work: set by the sourcing script
bench_pki() {
	pki=$work/pki
	mkdir -p "$pki"
	{
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
			-nodes -days 2 -subj "/CN=ktlsctl bench CA" \
			-keyout "$pki/ca.key" -out "$pki/ca.crt" \
			-addext basicConstraints=critical,CA:TRUE \
			-addext keyUsage=critical,keyCertSign
		openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
			-days 2 -subj "/CN=server.test" -keyout "$pki/server.key" \
			-out "$pki/server.crt" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
			-addext "subjectAltName=DNS:server.test,IP:$REMOTE" \
			-addext basicConstraints=critical,CA:FALSE \
			-addext keyUsage=critical,digitalSignature \
			-addext extendedKeyUsage=serverAuth
	} 2>"$pki/log" || { cat "$pki/log" >&2; exit 1; }
}

# daemon_start ARGS...: (re)start ktlsctld with ARGS, ready (dpid).
dpid=
daemon_start() {
	daemon_stop
	rm -f /run/ktlsctld.ready
	ktlsctld --foreground "$@" </dev/null >>"$work/ktlsctld.log" 2>&1 &
	dpid=$!
	daemon_ready /run/ktlsctld.ready "$work/ktlsctld.log"
}

# daemon_ready FILE LOG: wait until a daemon wrote its ready FILE; if it
# does not within 10 s, show its LOG and exit.
daemon_ready() {
	for _ in $(seq 100); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	log "daemon did not start"
	cat "$2" >&2
	exit 1
}

# daemon_stop: SIGTERM the daemon and reap it.
daemon_stop() {
	[ -n "$dpid" ] || return 0
	kill "$dpid" 2>/dev/null || true
	wait "$dpid" 2>/dev/null || true
	dpid=
}

# peer_start PORT MODE CIPHER [ARGS...]: ktlsctl-bench-peer in NS, listening
# (peer_pid).
peer_pid=
peer_start() {
	local port=$1 mode=$2 cipher=$3
	shift 3
	ip netns exec "$NS" ktlsctl-bench-peer "0.0.0.0:$port" \
		--cert "$pki/server.crt" --key "$pki/server.key" --mode "$mode" \
		--cipher "$cipher" "$@" >"$work/peer-$port.out" \
		2>"$work/peer-$port.err" &
	peer_pid=$!
	pids+=("$peer_pid")
	for _ in $(seq 100); do
		[ -n "$(ss -N "$NS" -Hltn "sport = :$port" 2>/dev/null)" ] && return 0
		sleep 0.1
	done
	log "peer on $port did not listen"
	cat "$work/peer-$port.err" >&2
	exit 1
}
