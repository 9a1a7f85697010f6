#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The module's tracepoints (trace system ktlsctl, module/trace.h): every
# event is registered; one client handshake against openssl s_server shows,
# for its request id and in this order, submit, ready, accept, done,
# keys_installed, end and callback, each with status 0 and the right
# fields; a cancelled request ends (cancelled, -ECANCELED) without a DONE;
# a request timing out against a silent peer ends with -ETIMEDOUT (by the
# module's timer, or by its daemon's DONE: both deadlines expire
# together); a submission refused (a store credential that does not exist)
# shows one submit event with its errno and id 0, and nothing else. No
# event names the peer. Each case leaves nothing behind.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

T=/sys/kernel/tracing
EVENTS=(req_submit req_ready req_accept req_requeue req_done keys_installed
	req_end req_callback)

tls_setup probe

[ -d "$T/events" ] || mount -t tracefs nodev "$T" ||
	{ echo "Bail out! cannot mount tracefs on $T"; exit 1; }
if [ ! -d "$T/events/ktlsctl" ]; then
	echo "Bail out! no trace system ktlsctl in $T/events"
	exit 1
fi
for e in "${EVENTS[@]}"; do
	check "event ktlsctl_$e is registered" test -d "$T/events/ktlsctl/ktlsctl_$e"
done
# Requests of this namespace only (ids are unique per namespace).
netns=$(stat -L -c %i /proc/self/ns/net)

# trace_on: an empty buffer, every ktlsctl event on, and a clock that
# orders events across CPUs (the default "local" need not).
trace_on() {
	echo global >"$T/trace_clock" &&
		echo 0 >"$T/events/ktlsctl/enable" &&
		: >"$T/trace" &&
		echo 1 >"$T/events/ktlsctl/enable" &&
		echo 1 >"$T/tracing_on"
}

# trace_events: our namespace's events in the buffer, oldest first, one per
# line: EVENT TIMESTAMP netns=N id=N FIELD=VALUE... (EVENT without its
# ktlsctl_ prefix).
trace_events() {
	sed -n "s/^.* \([0-9]*\.[0-9]*\): ktlsctl_\([a-z_]*\): \(netns=$netns .*\)$/\2 \1 \3/p" \
		"$T/trace"
}

# events_of ID: the names of request ID's events, in order, on one line.
events_of() {
	trace_events | awk -v id="id=$1" \
		'$4 == id { printf "%s%s", sep, $1; sep = " " }'
}

# trace_show: the buffer's events as diagnostics, times relative to the
# first one (the latency breakdown of issue #6).
trace_show() {
	trace_events | awk '
		NR == 1 { t0 = $2 }
		{ us = ($2 - t0) * 1e6; $2 = sprintf("+%d us", us); print "#   " $0 }'
}

# submitted_id: the id of the one request queued since trace_on (status 0).
submitted_id() {
	trace_events | awk '$1 == "req_submit" && $NF == "status=0" {
		sub("id=", "", $4); print $4 }'
}

# expect_events DESC ID EVENT...: request ID's events are exactly EVENT...,
# in this order.
expect_events() {
	local desc=$1 id=$2 got want
	shift 2
	want="$*"
	got=$(events_of "$id")
	if [ "$got" = "$want" ]; then
		ok "$desc: events $want"
	else
		not_ok "$desc: events $want (got: ${got:-none})"
		trace_show
	fi
}

# expect_fields DESC ID EVENT FIELD=VALUE...: request ID's EVENT shows each
# FIELD=VALUE.
expect_fields() {
	local desc=$1 id=$2 ev=$3 line kv
	shift 3
	line=$(trace_events | awk -v id="id=$id" -v ev="$ev" \
		'$1 == ev && $4 == id { print; exit }')
	for kv; do
		if [[ " $line " != *" $kv "* ]]; then
			not_ok "$desc: $ev $* (got: ${line:-none})"
			return
		fi
	done
	ok "$desc: $ev $*"
}

# no_peer_names DESC: no event names the peer (peer name and identity are
# server.test here).
no_peer_names() {
	if grep -q 'server\.test' "$T/trace"; then
		not_ok "$1: no peer name in the trace"
	else
		ok "$1: no peer name in the trace"
	fi
}

# --- one handshake, from submit to callback --------------------------------------
desc="handshake"
if trace_on; then
	ok "tracing on (events/ktlsctl/enable)"
else
	not_ok "tracing on (events/ktlsctl/enable)"
fi
client_case openssl x509 1.3 AES-256-GCM 4096
id=$(submitted_id)
if [[ $id =~ ^[1-9][0-9]*$ ]]; then
	ok "$desc: one request queued (id $id)"
	expect_events "$desc" "$id" req_submit req_ready req_accept req_done \
		keys_installed req_end req_callback
	expect_fields "$desc" "$id" req_submit handler=tls role=client \
		auth=x509 timeout_ms=20000 status=0
	expect_fields "$desc" "$id" req_ready handler=tls
	expect_fields "$desc" "$id" req_done status=0
	expect_fields "$desc" "$id" keys_installed status=0 version=tls13 \
		cipher=aes-256-gcm tx_mode=sw rx_mode=sw
	expect_fields "$desc" "$id" req_end state=installed status=0
	expect_fields "$desc" "$id" req_callback state=installed status=0
	echo "# $desc, request $id:"
	trace_show
else
	not_ok "$desc: one request queued (ids: '$id')"
	trace_show
fi
no_peer_names "$desc"

# --- cancel and timeout: a silent peer ----------------------------------------
# silent_case DESC OUTCOME PROBE-ARG...: the probe connects to a silent
# listener with PROBE-ARGs and fails; its request's events are returned in
# silent_id.
silent_id=
silent_case() {
	local desc=$1 outcome=$2
	shift 2
	next_port
	echo "# --- $desc"
	stats_snap
	trace_on || not_ok "$desc: tracing on"
	if ! peer_listener "$port" silent; then
		not_ok "$desc: peer did not start ($peer_cmd)"
		return 1
	fi
	probe connect "$REMOTE:$port" "${X509[@]}" "$@"
	bg_stop "$peer_pid"
	after_case "$desc" "$outcome"
	silent_id=$(submitted_id)
	if ! [[ $silent_id =~ ^[1-9][0-9]*$ ]]; then
		not_ok "$desc: one request queued (ids: '$silent_id')"
		trace_show
		return 1
	fi
	ok "$desc: one request queued (id $silent_id)"
}

desc="cancel after 500 ms"
if silent_case "$desc" cancelled --timeout 20000 --cancel-after 500; then
	expect_fail "$desc" -ECANCELED
	expect_events "$desc" "$silent_id" req_submit req_ready req_accept \
		req_end req_callback
	expect_fields "$desc" "$silent_id" req_end state=cancelled status=-125
	expect_fields "$desc" "$silent_id" req_callback state=cancelled \
		status=-125
fi

desc="silent peer, --timeout 2000"
if silent_case "$desc" fail --timeout 2000; then
	expect_fail "$desc" -ETIMEDOUT
	# Either deadline may win: the module's timer, or the daemon's
	# (its DONE then fails the request with the daemon's status).
	case $(events_of "$silent_id") in
	*req_done*)
		expect_events "$desc" "$silent_id" req_submit req_ready \
			req_accept req_done req_end req_callback
		expect_fields "$desc" "$silent_id" req_done status=-110
		state=failed
		;;
	*)
		expect_events "$desc" "$silent_id" req_submit req_ready \
			req_accept req_end req_callback
		state=timed-out
		;;
	esac
	expect_fields "$desc" "$silent_id" req_end state=$state status=-110
	expect_fields "$desc" "$silent_id" req_callback state=$state \
		status=-110
fi

# --- a refused submission ----------------------------------------------------------
desc="refused: unknown store credential"
next_port
echo "# --- $desc"
stats_snap
trace_on || not_ok "$desc: tracing on"
if peer_listener "$port" silent; then
	probe connect "$REMOTE:$port" --auth x509 --peer-name server.test \
		--store-trust ktlsctl-no-such --timeout 5000
	bg_stop "$peer_pid"
	expect_fail "$desc" -ENOENT
	got=$(trace_events | awk '{ printf "%s%s %s %s", sep, $1, $4, $NF; sep = "; " }')
	if [ "$got" = "req_submit id=0 status=-2" ]; then
		ok "$desc: one submit event, id 0, status -ENOENT"
	else
		not_ok "$desc: one submit event, id 0, status -ENOENT (got: ${got:-none})"
		trace_show
	fi
	after_case "$desc" refused
else
	not_ok "$desc: peer did not start ($peer_cmd)"
fi

echo 0 >"$T/events/ktlsctl/enable"
echo "# $(($(now_ms) - t0)) ms"
done_testing
