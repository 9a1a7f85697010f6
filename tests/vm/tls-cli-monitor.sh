#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The operators' read commands against real requests (vm-run --netns
# --no-daemon; the script starts its own ktlsctld halfway):
#
#   guest (init netns)                          netns remote
#   ktlsctl-probe (10.99.0.1) ---- veth ---- (10.99.0.2) nc -l / s_server
#   ktlsctl -j monitor, ktlsctl monitor -t,
#   ktlsctl -j monitor --count 2   (in the background throughout)
#   ktlsctl request show|list, ktlsctl stats, ktlsctld (from step 3)
#
# 1. No daemon: a request to a silent listener waits in the queue.
#    `request show` (text), `-j request show`, `-p request list` list it:
#    id, state queued, handler, role, auth, age, time left, peer name, tag
#    "probe", local and remote address:port. It times out; the JSON monitor
#    printed its queued and its timed-out event (status ETIMEDOUT), the text
#    monitor the same lines with timestamps; afterwards the list is empty.
# 2. Still no daemon: a cancelled request ends in a cancelled event
#    (ECANCELED).
# 3. The daemon takes a request to a silent peer: listed as accepted, then
#    it fails with ETIMEDOUT.
# 4. Successful handshakes (x509 TLS 1.3, PSK TLS 1.2) end in an installed
#    event: status 0, version, cipher, key mode sw, peer identity.
# 5. `stats` and `-j stats` moved by exactly what happened and agree with
#    `-j status`; the monitors stop with exit status 0 on SIGINT and
#    SIGTERM, --count 2 after two events; every JSON line is one valid
#    object; nothing secret-looking appears in any output; an unprivileged
#    `request show` fails with the kernel's extack text.
#
# shellcheck disable=SC2016,SC2317 # jq programs; helpers run through check
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"

tls_setup probe no-daemon
# Bounds every monitor: far beyond what the script needs.
MON_LIMIT=400

nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"; }

# subscribed PID: the ktlsctl that timeout(1) PID runs has joined a
# generic netlink group (its portid is its pid: the first socket of the
# process). /proc/net/netlink shows the first 32 groups.
subscribed() {
	local pid
	pid=$(pgrep -P "$1" -x ktlsctl) || return 1
	awk -v pid="$pid" '$2 == 16 && $3 == pid && $4 != "00000000" { f = 1 }
		END { exit !f }' /proc/net/netlink
}

# ev_count FILE FILTER: how many events of the JSON monitor's FILE match
# the jq FILTER (a partial last line, if any, is not counted).
ev_count() {
	jq -c "select($2)" "$1" 2>/dev/null | wc -l
}

# has_event FILTER: the JSON monitor printed an event matching FILTER.
has_event() {
	[ "$(ev_count "$mon" "$1")" -ge 1 ]
}

# check_event DESC FILTER: within 5 s the JSON monitor printed an event
# matching FILTER.
check_event() {
	if wait_until 50 has_event "$2"; then
		ok "$1"
	else
		not_ok "$1"
		echo "# want: $2"
		diag_file "JSON monitor" "$mon"
	fi
}

# req_filter ID STATE: jq filter for a request event.
req_filter() {
	echo ".request.id == $1 and .request.state == \"$2\""
}

# jqe ARG...: jq -e, quietly.
jqe() {
	jq -e "$@" >/dev/null
}

# more_events FILTER N: the JSON monitor printed more than N events
# matching FILTER.
more_events() {
	[ "$(ev_count "$mon" "$1")" -gt "$2" ]
}

# lines_are N CMD...: CMD succeeds and prints N lines.
lines_are() {
	local out
	out=$("${@:2}") && [ "$(wc -l <<<"$out")" = "$1" ]
}

# stop_with SIG PID: signal the monitor under timeout(1) PID (which
# relays it); succeeds when the monitor exits 0 within 5 s.
stop_with() {
	kill "-$1" "$2" && bg_wait "$2" 50
}

# json_lines FILE: every line of FILE is exactly one JSON object.
json_lines() {
	local line
	while IFS= read -r line; do
		jq -e 'type == "object"' <<<"$line" >/dev/null || return 1
		[ "$(jq -c . <<<"$line" | wc -l)" = 1 ] || return 1
	done <"$1"
}

# stats_text_is JSON TEXT: TEXT (ktlsctl stats) has one line per member of
# JSON (ktlsctl -j stats), "name<spaces>value", in the same order.
stats_text_is() {
	jq -r 'to_entries[] | "\(.key | gsub("_"; "-")) \(.value)"' <<<"$1" |
		diff - <(tr -s ' ' <<<"$2")
}

# none_nonempty FILE...: every FILE is empty.
none_nonempty() {
	local f
	for f; do
		[ ! -s "$f" ] || { diag_file "$f" "$f"; return 1; }
	done
}

# no_secrets FILE...: no PSK (whole or its start), no PEM key, no long
# run of hex digits, no fd or secret attribute name.
no_secrets() {
	! grep -qiF -e "$PSK_HEX" -e "${PSK_HEX:0:16}" "$@" &&
		! grep -qE '[0-9a-fA-F]{32}|PRIVATE KEY|sockfd|secret' "$@"
}

# --- the monitors -------------------------------------------------------------

mon=$work/mon.json
bg "$mon" "$work/mon.err" timeout -k 2 "$MON_LIMIT" ktlsctl -j monitor
mon_pid=$bg_pid
bg "$work/mon.txt" "$work/mon-txt.err" \
	timeout -k 2 "$MON_LIMIT" ktlsctl monitor -t
mon_txt_pid=$bg_pid
bg "$work/mon-count.json" "$work/mon-count.err" \
	timeout -k 2 "$MON_LIMIT" ktlsctl -j monitor --count 2
mon_count_pid=$bg_pid
for p in "$mon_pid" "$mon_txt_pid" "$mon_count_pid"; do
	check "monitor $p subscribed" wait_until 100 subscribed "$p"
done
stats0=$(ktlsctl -j stats)
echo "# stats: $stats0"

# --- 1. queued, listed, timed out --------------------------------------------

next_port
peer_listener "$port" silent || not_ok "listener did not start"
probe_bg connect "$REMOTE:$port" "${X509[@]}" --timeout 8000
check "queued: the module holds it" wait_until 100 gauge queued 1
show_json=$(ktlsctl -j request show) || not_ok "ktlsctl -j request show"
show_text=$(ktlsctl request show) || not_ok "ktlsctl request show"
list_pretty=$(ktlsctl -p request list) || not_ok "ktlsctl -p request list"
printf '%s\n' "$show_json" "$show_text" "$list_pretty" >>"$work/shown"
echo "# $show_json"
echo "# $show_text"
id=$(jq -r '.[0].id' <<<"$show_json")
echo "# request id $id"
check "-j request show: one request, queued, as asked" \
	jqe --arg remote "$REMOTE" --arg local "$LOCAL" --argjson port "$port" '
	length == 1 and (.[0] |
		(.id | type) == "number" and .state == "queued" and
		.handler == "tls" and .role == "client" and .auth == "x509" and
		.peer_name == "server.test" and .tag == "probe" and
		.age_ms >= 0 and .timeout_ms > 0 and .timeout_ms <= 8000 and
		.remote == { addr: $remote, port: $port } and
		.local.addr == $local and .local.port > 0 and
		(has("policy_id") | not))' <<<"$show_json"
check "-j request show: nothing beyond the spec's listing" jqe '
	.[0] | keys - ["id", "state", "handler", "role", "auth", "age_ms",
		"timeout_ms", "peer_name", "tag", "policy_id", "local",
		"remote"] == []' <<<"$show_json"
check "request show: one line with the same request" \
	grep -Eqx "id $id  state queued  handler tls  role client  auth x509  age-ms [0-9]+  timeout-ms [0-9]+  peer-name server.test  tag probe  local $LOCAL:[0-9]+  remote $REMOTE:$port" \
	<<<"$show_text"
check "request show: nothing else" test "$(wc -l <<<"$show_text")" = 1
# The gauges move between the two dumps; the rest must be the same.
check "-p request list: the same list, pretty" jqe --argjson a "$show_json" '
	map(del(.age_ms, .timeout_ms)) == ($a | map(del(.age_ms, .timeout_ms)))' \
	<<<"$list_pretty"
check "-p request list: pretty (one member per line)" \
	test "$(wc -l <<<"$list_pretty")" -gt 10
check "request: no word means show" lines_are 1 ktlsctl request
check_event "monitor: queued event" "$(req_filter "$id" queued) and
	.request.handler == \"tls\" and .request.role == \"client\" and
	.request.peer_name == \"server.test\" and .request.tag == \"probe\" and
	(.request | has(\"status\") | not)"
probe_collect 200
expect_fail "no daemon: times out" -ETIMEDOUT
bg_stop "$peer_pid"
check_event "monitor: timed-out event, status ETIMEDOUT" \
	"$(req_filter "$id" timed-out) and .request.status == \"ETIMEDOUT\" and
	.request.tag == \"probe\" and .request.peer_name == \"server.test\" and
	(.request | has(\"version\") or has(\"cipher\") | not)"
check "monitor: exactly two events for it" \
	test "$(ev_count "$mon" ".request.id == $id")" = 2
check_clean "queued request"
show_json=$(ktlsctl -j request show) && show_text=$(ktlsctl request show)
check "request show: empty once it ended" \
	test "$show_json|$show_text" = "[]|"
# The text monitor prints the same events, each after its timestamp.
ts='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{6}[+-][0-9]{4}'
check "text monitor: the queued line" wait_until 50 grep -Eq \
	"^$ts  request id $id  state queued  handler tls  role client  peer-name server.test  tag probe$" \
	"$work/mon.txt"
check "text monitor: the timed-out line" wait_until 50 grep -Eq \
	"^$ts  request id $id  state timed-out  .*  status ETIMEDOUT$" \
	"$work/mon.txt"
check "monitor --count 2: exits 0 after two events" \
	bg_wait "$mon_count_pid" 50
check "monitor --count 2: printed those two" jqe -s --argjson id "$id" '
	length == 2 and .[0].request.id == $id and .[1].request.id == $id and
	.[0].request.state == "queued" and .[1].request.state == "timed-out"' \
	"$work/mon-count.json"

# --- 2. cancelled while queued -------------------------------------------------

next_port
peer_listener "$port" silent || not_ok "listener did not start"
probe connect "$REMOTE:$port" "${X509[@]}" --timeout 20000 --cancel-after 1000
expect_fail "no daemon: cancelled" -ECANCELED
bg_stop "$peer_pid"
check_event "monitor: cancelled event, status ECANCELED" \
	".request.state == \"cancelled\" and .request.status == \"ECANCELED\""
check_clean "cancelled request"

# --- 3. accepted by the daemon, then timed out ---------------------------------

start_daemon
next_port
peer_listener "$port" silent || not_ok "listener did not start"
probe_bg connect "$REMOTE:$port" "${X509[@]}" --timeout 5000
check "accepted: the daemon took it" wait_until 150 gauge in_progress 1
show_json=$(ktlsctl -j request show)
show_text=$(ktlsctl request show)
printf '%s\n' "$show_json" "$show_text" >>"$work/shown"
echo "# $show_json"
id=$(jq -r '.[0].id' <<<"$show_json")
check "-j request show: the accepted request" \
	jqe --argjson port "$port" 'length == 1 and .[0].state == "accepted" and
	.[0].remote.port == $port and .[0].tag == "probe"' <<<"$show_json"
check_event "monitor: accepted event" "$(req_filter "$id" accepted)"
probe_collect 200
expect_fail "silent peer: fails" -ETIMEDOUT
bg_stop "$peer_pid"
check_event "monitor: final event, status ETIMEDOUT" \
	".request.id == $id and (.request.state | IN(\"timed-out\", \"failed\"))
	and .request.status == \"ETIMEDOUT\""
check_clean "accepted request"

# --- 4. handshakes that succeed ---------------------------------------------

# installed_case IMPL AUTH VER CIPHER JQ_VERSION JQ_CIPHER PEER: a client
# case, then its installed event.
installed_case() {
	local before
	before=$(ev_count "$mon" '.request.state == "installed"')
	client_case "$1" "$2" "$3" "$4" 4096
	if ! wait_until 50 more_events '.request.state == "installed"' "$before"; then
		not_ok "$2 TLS $3: installed event"
		diag_file "JSON monitor" "$mon"
		return
	fi
	id=$(jq -c 'select(.request.state == "installed") | .request.id' \
		"$mon" 2>/dev/null | tail -n 1)
	check "$2 TLS $3: installed event, status 0, $5 $6 sw, peer $7" \
		has_event "$(req_filter "$id" installed) and
		.request.status == 0 and .request.version == \"$5\" and
		.request.cipher == \"$6\" and .request.key_mode == \"sw\" and
		(.request.peer_identity | contains(\"$7\")) and
		.request.tag == \"probe\""
	check "$2 TLS $3: queued or accepted before" \
		test "$(ev_count "$mon" ".request.id == $id")" -ge 2
}

installed_case openssl x509 1.3 AES-128-GCM tls13 aes-128-gcm server.test
installed_case openssl psk 1.2 AES-256-GCM tls12 aes-256-gcm "$PSK_ID"

# --- 5. counters, stopping, the output as a whole -----------------------------

stats1=$(ktlsctl -j stats)
status1=$(ktlsctl -j status)
stats_text=$(ktlsctl stats)
echo "# stats: $stats1"
while IFS= read -r line; do echo "#   $line"; done <<<"$stats_text"
check "-j stats: the counters of -j status" \
	jqe --argjson st "$status1" '. == $st.stats' <<<"$stats1"
check "-j stats: moved by what happened" jqe --argjson a "$stats0" '
	(.requests - $a.requests) == 5 and (.accepted - $a.accepted) == 3 and
	(.completed - $a.completed) == 2 and (.cancelled - $a.cancelled) == 1 and
	(.installed_sw - $a.installed_sw) == 2 and
	((.timed_out + .failed) - ($a.timed_out + $a.failed)) == 2 and
	(.timed_out - $a.timed_out) >= 1 and .live_requests == 0' <<<"$stats1"
check "stats: one aligned line per counter, the same values" \
	stats_text_is "$stats1" "$stats_text"

check "monitor -j: exits 0 on SIGINT" stop_with INT "$mon_pid"
check "monitor -t: exits 0 on SIGTERM" stop_with TERM "$mon_txt_pid"
check "monitor -j: every line is one JSON object ($(wc -l <"$mon") lines)" \
	json_lines "$mon"
check "monitor -j: only request events, ids and states known" jqe -s '
	all(.[]; keys == ["request"] and (.request.id | type) == "number" and
	(.request.state | IN("queued", "accepted", "installed", "failed",
		"cancelled", "timed-out")))' "$mon"
check "monitors: nothing on stderr" \
	none_nonempty "$work/mon.err" "$work/mon-txt.err" "$work/mon-count.err"
check "no secret-looking bytes in any output" no_secrets \
	"$mon" "$work/mon.txt" "$work/mon-count.json" "$work/shown"

check_fails_with "unprivileged request show: EPERM and the kernel's reason" \
	"^ktlsctl: request show: Operation not permitted: .*CAP_NET_ADMIN" \
	nobody ktlsctl request show
check_fails_with "unknown request command" 'unknown command "bogus"' \
	ktlsctl request bogus
check_fails_with "monitor: bad count" 'bad count' ktlsctl monitor --count 0

stop_daemon
diag_file "text monitor" "$work/mon.txt"
echo "# $(($(now_ms) - t0)) ms"
done_testing
