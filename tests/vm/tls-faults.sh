#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Daemon faults (vm-run --no-daemon --netns; the test runs its daemons).
# The probe listens and a Python (OpenSSL) client connects, then holds its
# ClientHello back until told, so that a daemon holds a request whose
# stream it has not touched yet:
#  - SIGKILL that daemon: the module puts the request back in the queue
#    (stats.requeued), a restarted daemon takes it, the handshake works;
#  - the same request is put back only once: killing the second daemon
#    too fails it with -ECONNABORTED, at once;
#  - two daemons each capped at two handshakes (-m 2) share four held
#    requests two and two, a fifth waits in the kernel's queue until one
#    finishes, all five complete;
#    (rmmod of ktlsctl or of the consumer is refused meanwhile: consumers
#    pin the module, so its exit never finds a request);
#  - with two daemons running, killing the one that holds a request hands
#    it to the other without a restart.
# A daemon killed after it wrote the ClientHello fails the request instead
# (tls-daemon-killed.sh).
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe
daemon_fd_base=
# The held requests wait through several steps (two daemons filling, the
# fifth queued, two refused rmmods) before they are let go: on a loaded
# host that took over 40 s once. Their timeouts only bound a hang.
PEER_LIMIT=180
SERVER=(--auth x509 --cert "$pki/server.crt" --key "$pki/server.key"
	--tls 1.3 --timeout 120000 --echo)

# daemon_up NAME ARG...: start ktlsctld NAME (log $work/NAME.log) and wait
# until it is ready; its pid in pid_NAME, its fd count in base_NAME.
daemon_up() {
	local name=$1 ready=$work/$1.ready
	shift
	rm -f "$ready"
	bg "$work/$name.log" - ktlsctld --foreground --ready-file "$ready" "$@"
	printf -v "pid_$name" %s "$bg_pid"
	if wait_until 100 test -e "$ready"; then
		printf -v "base_$name" %s "$(fd_count "$bg_pid")"
		ok "daemon $name started (pid $bg_pid)"
	else
		not_ok "daemon $name started"
		diag_file "$name" "$work/$name.log"
	fi
}

# daemon_kill NAME: SIGKILL daemon NAME and reap it.
daemon_kill() {
	local pid_var=pid_$1
	figure faults 1
	kill -KILL "${!pid_var}" 2>/dev/null
	bg_wait "${!pid_var}" 50 >/dev/null
}

fd_count() {
	local fds=("/proc/$1/fd"/*)
	echo "${#fds[@]}"
}

# holding NAME: how many request fds daemon NAME holds above its baseline.
holding() {
	local pid_var=pid_$1 base_var=base_$1
	echo $(($(fd_count "${!pid_var}") - ${!base_var}))
}

# held_start I: probe I listens on a fresh port and a held client connects
# to it; probe I's handshake is then queued (or taken by a daemon).
held_start() {
	local i=$1 ready
	next_port
	ready=$work/listening-$i
	rm -f "$work/go-$i"
	bg "$work/probe-$i.json" "$work/probe-$i.err" timeout -k 2 "$PEER_LIMIT" \
		ktlsctl-probe listen "$port" "${SERVER[@]}" --ready-file "$ready"
	printf -v "probe_$i" %s "$bg_pid"
	if ! wait_until 150 test -e "$ready"; then
		not_ok "probe $i listening"
		return 1
	fi
	bg "$work/client-$i.out" - timeout -k 2 "$PEER_LIMIT" \
		ip netns exec "$PEER_NS" python3 "$here/held-client.py" \
		"$LOCAL" "$port" "$pki/ca.crt" server.test "$work/go-$i" 50
	printf -v "client_$i" %s "$bg_pid"
}

# held_release I: let client I speak.
held_release() {
	: >"$work/go-$1"
}

# held_result I WANT: probe I and client I ended, the probe's status WANT
# (0, or a negative errno name); with 0 the client read its echo.
held_result() {
	local i=$1 want=$2 p=probe_$1 c=client_$1 st
	bg_wait "${!p}" 300 >/dev/null
	st=$(jq -r .status "$work/probe-$i.json" 2>/dev/null)
	if [ "$st" = "$want" ]; then
		ok "request $i: status $want"
	else
		not_ok "request $i: status ${st:-none}, want $want"
		diag_file "probe $i" "$work/probe-$i.err"
	fi
	[ "$want" = 0 ] || { bg_stop "${!c}"; return 0; }
	if bg_wait "${!c}" 150 >/dev/null && grep -q "echo ok" "$work/client-$i.out"; then
		ok "request $i: the client read its echo"
	else
		not_ok "request $i: the client read its echo"
		diag_file "client $i" "$work/client-$i.out"
	fi
}

# --- SIGKILL with an untouched request: put back once, then handed over
echo "# --- requeue after SIGKILL"
stats_snap
daemon_up a
held_start 1
check "daemon a took request 1" wait_until 150 status_is '.in_progress == 1'
daemon_kill a
check "request 1 is queued again" wait_until 50 status_is '.queued == 1 and .in_progress == 0'
check "stats: one request put back" test "$(stats_delta requeued)" = 1
daemon_up b
check "restarted daemon b took request 1" \
	wait_until 150 status_is '.in_progress == 1'
held_release 1
held_result 1 0
after_case "requeue after SIGKILL" ok

# --- a request is put back once only
echo "# --- requeued once only"
stats_snap
held_start 2
check "daemon b took request 2" wait_until 150 status_is '.in_progress == 1'
daemon_kill b
check "request 2 is queued again" wait_until 50 status_is '.queued == 1'
daemon_up c
check "daemon c took request 2" wait_until 150 status_is '.in_progress == 1'
t_kill=$(now_ms)
daemon_kill c
held_result 2 -ECONNABORTED
probe_ms=$(($(now_ms) - t_kill))
expect_ms "second loss fails it at once" 0 10000
check "stats: put back once, not twice" test "$(stats_delta requeued)" = 1
after_case "requeued once only" fail

# --- two daemons share the load, each at most two handshakes at once
echo "# --- two daemons, -m 2 each"
stats_snap
# -t 0: the held clients stall on purpose, for as long as the case needs;
# a full daemon must not fail them to make room (tls-hostile tests that).
daemon_up d -w 1 -m 2 -t 0
daemon_up e -w 1 -m 2 -t 0
for i in 3 4 5 6; do held_start "$i"; done
check "four requests in flight" wait_until 150 status_is '.in_progress == 4'
check "daemon d holds two" test "$(holding d)" = 2
check "daemon e holds two" test "$(holding e)" = 2
held_start 7
check "a fifth waits in the kernel's queue" \
	wait_until 50 status_is '.queued == 1 and .in_progress == 4'
# Consumers pin the module: it cannot go while their requests are pending.
check_fails_with "rmmod ktlsctl refused with requests pending" "in use" \
	rmmod ktlsctl
check_fails_with "rmmod of the consumer refused while it waits" "in use" \
	rmmod ktlsctl_probe
figure faults 2
check "the requests are intact" status_is '.queued == 1 and .in_progress == 4'
for i in 3 4 5 6 7; do held_release "$i"; done
for i in 3 4 5 6 7; do held_result "$i" 0; done
n_d=$(grep -c 'request [0-9]*: TLS' "$work/d.log")
n_e=$(grep -c 'request [0-9]*: TLS' "$work/e.log")
echo "# daemon d completed $n_d, daemon e $n_e"
check "both daemons completed handshakes (5 in all)" \
	test "$n_d" -ge 2 -a "$n_e" -ge 2 -a $((n_d + n_e)) = 5
check "daemon d holds nothing" wait_until 50 test "$(holding d)" = 0
check "daemon e holds nothing" wait_until 50 test "$(holding e)" = 0
check "stats: nothing put back" test "$(stats_delta requeued)" = 0
check_clean "two daemons"
check "stats: five completed" test "$(stats_delta completed)" = 5

# --- the survivor takes over at once
echo "# --- handed to the other daemon"
stats_snap
held_start 8
check "a daemon took request 8" wait_until 150 status_is '.in_progress == 1'
if [ "$(holding d)" = 1 ]; then gone=d survivor=e; else gone=e survivor=d; fi
echo "# daemon $gone holds it, $survivor does not"
daemon_kill "$gone"
check "daemon $survivor took request 8 at once" \
	wait_until 100 test "$(holding "$survivor")" = 1
held_release 8
held_result 8 0
check "stats: put back once" test "$(stats_delta requeued)" = 1
after_case "handed over" ok
daemon_kill "$survivor"

echo "# $(($(now_ms) - t0)) ms"
done_testing
