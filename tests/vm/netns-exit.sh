#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# A network namespace destroyed with requests pending and a daemon inside
# (vm-run --no-daemon). The probe, from the initial namespace, creates its
# kernel sockets in namespace "doomed" (--netns: neither the tool nor the
# sockets hold it, as with a container's NFS mount); the daemon, capped at
# one handshake (-m 1), and a silent TLS peer run inside:
#  - the first request is accepted, the daemon writes its ClientHello and
#    waits; the second waits in the kernel's queue;
#  - SIGKILL the daemon: the accepted request fails with -ECONNABORTED (its
#    stream was touched, so it is not put back), the other stays queued;
#  - the peer leaves and the namespace is deleted: its exit fails the
#    queued request with -ENETDOWN, before TCP leaves the namespace;
#  - each callback found no reference of ktlsctl's to the socket's file
#    (the consumer's release is the last one, in its own context), the
#    probe's namespace exit waited for its sockets, and the namespace's
#    teardown finished (rmmod of the probe waits for it);
#  - the kernel log stays clean (vm-run's verdict).
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"

ns=ktlsctl-doomed
port=7443

# shellcheck disable=SC2317 # the EXIT trap
cleanup() {
	bg_cleanup
	ip netns del "$ns" 2>/dev/null
	return 0
}
work_dir
hold_open
trap cleanup EXIT

# in_ns_status JQ-EXPR: the doomed namespace's status satisfies JQ-EXPR.
# shellcheck disable=SC2317 # called through wait_until
in_ns_status() {
	ip netns exec "$ns" ktlsctl -j status 2>/dev/null | jq -e "$1" >/dev/null
}

# hello_sent: a connection to the silent peer holds bytes it never read.
# shellcheck disable=SC2317 # called through wait_until
hello_sent() {
	ip netns exec "$ns" ss -Htn state established "( sport = :$port )" |
		awk '$1 > 0 { found = 1 } END { exit !found }'
}

# probe_fails PID TENTHS NAME ERRNO DESC: probe NAME (PID) ends within
# TENTHS/10 s with status ERRNO; its JSON line in r. Fails unless it did.
r=
probe_fails() {
	if bg_wait "$1" "$2"; then
		not_ok "$5 (the probe exited 0)"
		return 1
	fi
	r=$(tail -n 1 "$work/probe$3.out")
	echo "# $3: $r"
	# shellcheck disable=SC2016 # a jq variable
	check "$5" jq -e --arg e "$4" '.status == $e' <<<"$r"
}

check "create namespace $ns" ip netns add "$ns"
check "loopback up in $ns" ip -n "$ns" link set lo up

# A TLS server that accepts connections and never answers.
bg "$work/peer.log" - ip netns exec "$ns" python3 -c '
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(16)
open(sys.argv[2], "w").close()
time.sleep(3600)
' "$port" "$work/peer.ready"
peer_pid=$bg_pid
if ! wait_until 300 test -e "$work/peer.ready"; then
	not_ok "silent peer listening in $ns"
	diag_file peer "$work/peer.log"
	done_testing
fi
ok "silent peer listening in $ns"

# -t 0: the held request must stay held while the other waits, however
# slow the kernel (a full daemon would otherwise fail a silent handshake
# to make room).
bg "$work/ktlsctld.log" - ip netns exec "$ns" ktlsctld --foreground \
	--ready-file "$work/ktlsctld.ready" -m 1 -t 0
daemon_pid=$bg_pid
if wait_until 300 test -e "$work/ktlsctld.ready"; then
	ok "daemon started in $ns (-m 1)"
else
	not_ok "daemon started in $ns (-m 1)"
	diag_file ktlsctld "$work/ktlsctld.log"
fi

probe=(ktlsctl-probe connect "127.0.0.1:$port" --netns "/run/netns/$ns"
	--auth anon --timeout 300000)
bg "$work/probefirst.out" "$work/probefirst.err" "${probe[@]}"
probe1=$bg_pid
check "the first request is accepted (in progress in $ns)" \
	wait_until 300 in_ns_status '.in_progress == 1 and .queued == 0'
check "the daemon wrote its ClientHello (the peer holds unread bytes)" \
	wait_until 300 hello_sent
bg "$work/probesecond.out" "$work/probesecond.err" "${probe[@]}"
probe2=$bg_pid
check "the second waits in the queue (the daemon holds one at most)" \
	wait_until 300 in_ns_status '.in_progress == 1 and .queued == 1'
check "the tool holds no descriptor of $ns" \
	sh -c "! ls -l /proc/$probe1/fd /proc/$probe2/fd | grep -q 'net:'"

figure faults 1
kill -KILL "$daemon_pid"
bg_wait "$daemon_pid" 100 >/dev/null
probe_fails "$probe1" 300 first -ECONNABORTED \
	"the accepted request fails with -ECONNABORTED (stream touched)"
check "the queued one is still queued, with no daemon" \
	in_ns_status '.queued == 1 and .in_progress == 0 and
		.stats.failed == 1 and .stats.requeued == 0'

bg_stop "$peer_pid"
figure faults 1
check "delete namespace $ns with a request queued" ip netns del "$ns"
if probe_fails "$probe2" 600 second -ENETDOWN \
	"the queued request fails with -ENETDOWN as the namespace goes"; then
	check "its callback found no reference of ktlsctl's to the file" \
		jq -e '.file_refs == 0' <<<"$r"
fi
diag_file "probe stderr" "$work/probesecond.err"

# rmmod takes the lock a namespace's teardown holds: it returns once the
# teardown (every exit method, TCP's included) is over.
check "the probe module unloads once $ns is torn down" \
	timeout 120 rmmod ktlsctl_probe
check "nothing left in the initial namespace" is_clean
figure leak_checks 1
done_testing
