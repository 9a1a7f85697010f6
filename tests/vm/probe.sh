# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The probe and one matrix cell each way, for the end-to-end TLS tests
# (sourced by pki.sh, whose PKI, peers and globals they use).
# shellcheck disable=SC2034,SC2154 # globals for the scripts, from lib.sh

# --- the probe -----------------------------------------------------------------

# probe_creds connect|listen AUTH: the probe's credential options. With
# PROBE_STORE set, none: the store's policy supplies them (connect names
# the peer PROBE_STORE).
probe_creds() {
	local ca=${PROBE_CA:-$pki/ca.crt}
	if [ -n "${PROBE_STORE:-}" ]; then
		creds=()
		[ "$1" = listen ] || creds=(--peer-name "$PROBE_STORE")
		return 0
	fi
	case $1:$2 in
	# anon: no client certificate; the server is still verified.
	connect:anon) creds=(--auth anon --ca "$ca" --peer-name server.test) ;;
	connect:x509 | connect:rogue)
		creds=(--auth x509 --ca "$ca" --peer-name server.test)
		;;
	connect:mtls)
		creds=(--auth x509 --ca "$ca" --peer-name server.test
			--cert "$pki/client.crt" --key "$pki/client.key")
		;;
	listen:x509) creds=(--auth x509 --cert "$pki/server.crt" --key "$pki/server.key") ;;
	listen:mtls)
		creds=(--auth x509 --cert "$pki/server.crt" --key "$pki/server.key"
			--ca "$ca")
		;;
	*:psk) creds=(--auth psk --psk-identity "$PSK_ID" --psk-hex "$PSK_HEX") ;;
	*) return 1 ;;
	esac
}

# probe_show: the probe's command, result and stderr as diagnostics.
probe_show() {
	echo "# probe $probe_args"
	echo "# -> exit $probe_rc in $probe_ms ms: ${probe_json:-(no output)}"
	[ ! -s "$work/probe.err" ] || sed 's/^/#   stderr: /' "$work/probe.err"
}

# probe ARG...: run ktlsctl-probe ARG... (bounded by PEER_LIMIT); sets
# probe_json (its stdout), probe_rc, probe_ms.
probe() {
	local t0
	probe_args="$*"
	t0=$(now_ms)
	probe_json=$(timeout -k 2 "$PEER_LIMIT" ktlsctl-probe "$@" \
		2>"$work/probe.err") && probe_rc=0 || probe_rc=$?
	probe_ms=$(($(now_ms) - t0))
	probe_show
}

# probe_bg ARG...: start ktlsctl-probe ARG... in the background; its pid in
# probe_pid. probe_collect afterwards.
probe_bg() {
	probe_args="$*"
	probe_t0=$(now_ms)
	bg "$work/probe.json" "$work/probe.err" \
		timeout -k 2 "$PEER_LIMIT" ktlsctl-probe "$@"
	probe_pid=$bg_pid
}

# probe_collect TENTHS: wait for the background probe (at most TENTHS/10
# s), then as probe.
probe_collect() {
	bg_wait "$probe_pid" "$1" && probe_rc=0 || probe_rc=$?
	probe_ms=$(($(now_ms) - probe_t0))
	probe_json=$(cat "$work/probe.json")
	probe_show
}

# silent_probes N MS ARG...: N probes in the background, each connecting
# to a silent listener of its own with --timeout MS and ARGs; their pids in
# silent_pids, their results collected by silent_probe_end.
silent_probes() {
	local n=$1 ms=$2 i
	shift 2
	silent_pids=()
	for ((i = 1; i <= n; i++)); do
		next_port
		peer_listener "$port" silent || not_ok "silent listener $i did not start"
		bg "$work/silent-$i.json" "$work/silent-$i.err" \
			timeout -k 2 "$PEER_LIMIT" ktlsctl-probe connect \
			"$REMOTE:$port" "$@" --timeout "$ms"
		silent_pids+=("$bg_pid")
	done
}

# silent_probe_end I TENTHS: wait for silent probe I (at most TENTHS/10 s),
# then set probe_rc and probe_json as probe does.
silent_probe_end() {
	bg_wait "${silent_pids[$1 - 1]}" "$2" && probe_rc=0 || probe_rc=$?
	probe_json=$(cat "$work/silent-$1.json")
	echo "# silent probe $1: exit $probe_rc: $probe_json"
}

# expect_ok DESC VER CIPHER PEER BYTES: the probe succeeded with VER and
# CIPHER in software kTLS (veth has no TLS offload); its peer identity
# contains PEER and it verified BYTES bytes (each check skipped when "").
expect_ok() {
	if [ "$probe_rc" = 0 ] && jq -e --arg v "TLSv$2" --arg c "$3" \
		--arg p "$4" --arg n "$5" '
		.status == 0 and .version == $v and .cipher == $c and
		.tx_mode == "sw" and .rx_mode == "sw" and
		($p == "" or ((.peer // "") | tostring | contains($p))) and
		($n == "" or .bytes_ok == ($n | tonumber))' \
		<<<"$probe_json" >/dev/null 2>&1; then
		ok "$1"
		return 0
	fi
	not_ok "$1 (want $3 TLSv$2 peer '${4:-any}' bytes ${5:-any})"
	return 1
}

# expect_fail DESC [ERRNO]: the probe failed, its status a negative errno
# name (ERRNO exactly, when given).
expect_fail() {
	local st
	st=$(jq -r '.status' <<<"$probe_json" 2>/dev/null)
	echo "# status: ${st:-none}"
	if [ "$probe_rc" = 0 ]; then
		not_ok "$1 (the probe succeeded)"
	elif ! [[ $st =~ ^-E[A-Z0-9]+$ ]]; then
		not_ok "$1 (status '$st' is not a negative errno name)"
	elif [ -n "${2:-}" ] && [ "$st" != "$2" ]; then
		not_ok "$1 (status $st, want $2)"
	else
		ok "$1 ($st)"
		return 0
	fi
	return 1
}

# expect_ms DESC MIN MAX: the probe took MIN..MAX ms.
expect_ms() {
	if [ "$probe_ms" -ge "$2" ] && [ "$probe_ms" -le "$3" ]; then
		ok "$1 ($probe_ms ms)"
	else
		not_ok "$1 ($probe_ms ms, want $2..$3)"
	fi
}

# expect_counters DESC OUTCOME: since stats_snap one more request, and one
# more completed (OUTCOME ok) or failed/timed out/cancelled (OUTCOME fail,
# or the counter's name: timed_out, cancelled, failed); none for OUTCOME
# refused (refused before it was queued).
expect_counters() {
	case $2 in
	ok) counters_are "$1" 1 1 0 ;;
	refused) counters_are "$1" 0 0 0 ;;
	fail) counters_are "$1" 1 0 1 ;;
	*) counters_are "$1" 1 0 1 "$2" ;;
	esac
}

# after_case DESC OUTCOME: counters, and nothing left behind.
after_case() {
	check_clean "$1"
	expect_counters "$1" "$2"
}

# --- matrix cells ----------------------------------------------------------------

# client_case IMPL AUTH VER CIPHER SIZE: the probe connects to an IMPL
# server in the remote namespace. openssl (s_server has no echo): the probe
# sends a SIZE-byte file, s_server's output must equal it. gnutls
# (gnutls-serv --echo, line-based): the probe sends a SIZE-byte text file
# and checks the echo itself (bytes_ok == SIZE).
client_case() {
	local impl=$1 auth=$2 ver=$3 cipher=$4 size=$5 desc data want_peer=""
	local creds=() fails=$failed pauth=$auth
	next_port
	desc="${CASE_TAG:+$CASE_TAG: }connect $auth TLS $ver $cipher $size B to $impl"
	[ "$auth" = anon ] && pauth=x509
	case $auth in x509 | mtls) want_peer=server.test ;; psk) want_peer=$PSK_ID ;; esac
	probe_creds connect "$auth"
	echo "# --- $desc"
	stats_snap
	if ! peer_server "$impl" "$pauth" "$ver" "$cipher" "$port"; then
		not_ok "$desc: peer did not start ($peer_cmd)"
		return
	fi
	if [ "$impl" = openssl ]; then
		data=$(data_file "$size")
		probe connect "$REMOTE:$port" "${creds[@]}" --tls "$ver" \
			--cipher "$cipher" --timeout 20000 --send-file "$data"
		expect_ok "$desc" "$ver" "$cipher" "$want_peer" ""
		bg_wait "$peer_pid" 100
		if cmp -s "$data" "$peer_out"; then
			ok "$desc: s_server received the file"
		else
			not_ok "$desc: s_server received the file ($(stat -c %s "$peer_out") of $size bytes, or different)"
		fi
	else
		data=$(data_file "$size" text)
		probe connect "$REMOTE:$port" "${creds[@]}" --tls "$ver" \
			--cipher "$cipher" --timeout 20000 --send-file "$data" \
			--expect-echo
		expect_ok "$desc" "$ver" "$cipher" "$want_peer" "$size"
		bg_stop "$peer_pid"
	fi
	after_case "$desc" ok
	if [ "$failed" != "$fails" ]; then
		echo "# peer: $peer_cmd"
		diag_file "peer log" "$peer_log"
	fi
}

# server_case IMPL AUTH VER CIPHER SIZE: the probe listens (--echo), an
# IMPL client in the remote namespace sends a SIZE-byte file and must read
# the same bytes back.
server_case() {
	local impl=$1 auth=$2 ver=$3 cipher=$4 size=$5 desc data ready out
	local creds=() fails=$failed want_peer="" rc
	next_port
	desc="${CASE_TAG:+$CASE_TAG: }listen $auth TLS $ver $cipher $size B from $impl"
	case $auth in mtls) want_peer=client.test ;; psk) want_peer=$PSK_ID ;; esac
	probe_creds listen "$auth"
	data=$(data_file "$size")
	[ "$impl" = openssl ] || data=$(data_file "$size" text)
	ready=$work/ready-$port
	out=$work/echo-$port
	echo "# --- $desc"
	stats_snap
	probe_bg listen "$port" "${creds[@]}" --tls "$ver" --cipher "$cipher" \
		--timeout 20000 --ready-file "$ready" --echo
	if ! wait_until 150 test -e "$ready"; then
		probe_collect 10
		not_ok "$desc: probe not listening after 15 s"
		after_case "$desc" ok
		return
	fi
	peer_client "$impl" "$auth" "$ver" "$cipher" "$LOCAL" "$port" \
		"$data" "$out" && rc=0 || rc=$?
	probe_collect 200
	expect_ok "$desc" "$ver" "$cipher" "$want_peer" "$size"
	if [ "$rc" = 0 ] && cmp -s "$data" "$out"; then
		ok "$desc: $impl read back what it sent"
	else
		not_ok "$desc: $impl read back what it sent (exit $rc, $(stat -c %s "$out") of $size bytes)"
	fi
	after_case "$desc" ok
	if [ "$failed" != "$fails" ]; then
		echo "# client: $client_cmd"
		diag_file "client log" "$client_log"
		diag_file "client info" "$client_log.info"
	fi
}
