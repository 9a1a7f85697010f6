#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# A daemon that breaks the rules (run with vm-run --netns --no-daemon):
# ACCEPT on an empty queue, then, with one request queued by the probe
# (connecting to a silent peer, with a client certificate and key: they
# come in the credential file, not in the reply), DONE from a netlink
# socket that did not
# accept it, DONE naming another fd, DONE for an unknown id: all refused,
# and the request still completes once, with the status the accepting
# socket sends (EACCES), and nothing is left behind. A cred-add of a PSK
# refused by genetlink's policy, by the module's precheck, or for an
# unprivileged caller leaves no secret in the request its error ack echoes.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"

trap bg_cleanup EXIT
work_dir
: "${KTLSCTL_NETNS:?run under vm-run --netns}"
port=24001

# rogue [AS-NOBODY] MODE [ARG]: run ktlsctl-rogue-test MODE [ARG], its TAP
# lines as ours.
rogue() {
	local line rc=0 run=()
	if [ "$1" = as-nobody ]; then
		run=(setpriv --reuid=65534 --regid=65534 --clear-groups
			--inh-caps=-all)
		shift
	fi
	"${run[@]}" ktlsctl-rogue-test "$@" >"$work/rogue.out" 2>&1 || rc=$?
	grep -q '^ok ' "$work/rogue.out" ||
		not_ok "ktlsctl-rogue-test $* ran no check (exit $rc)"
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok * - }" ;;
		"not ok "*) not_ok "${line#not ok * - }" ;;
		"1.."*) ;;
		*) echo "# $line" ;;
		esac
	done <"$work/rogue.out"
}

rogue empty
rogue credadd
rogue as-nobody credadd eperm

bg "$work/nc.out" - timeout 60 ip netns exec "$KTLSCTL_NETNS" \
	busybox nc -l -p "$port"
wait_until 50 ip netns exec "$KTLSCTL_NETNS" sh -c \
	"ss -Hltn 'sport = :$port' | grep -q ." || not_ok "silent peer listening"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-subj /CN=client.test -days 1 -keyout "$work/client.key" \
	-out "$work/client.crt" 2>/dev/null || not_ok "client certificate made"
stats_snap
bg "$work/probe.json" "$work/probe.err" timeout 60 ktlsctl-probe connect \
	"$KTLSCTL_REMOTE_ADDR:$port" --auth x509 --peer-name server.test \
	--cert "$work/client.crt" --key "$work/client.key" \
	--ca "$work/client.crt" --timeout 30000
probe=$bg_pid
check "the probe's request is queued" wait_until 100 gauge queued 1

rogue forge

bg_wait "$probe" 100
json=$(cat "$work/probe.json")
echo "# probe: $json"
if jq -e '.status == "-EACCES"' <<<"$json" >/dev/null; then
	ok "the consumer gets the accepting socket's status"
else
	not_ok "the consumer gets the accepting socket's status"
fi
check "counted once, as failed" test \
	"$(stats_delta requests) $(stats_delta failed completed)" = "1 1"
check_clean "forged DONEs"
done_testing
