#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# No daemon (vm-run --no-daemon --netns): a request waits in the queue
# until the consumer's timeout (-ETIMEDOUT, not before, not long after) or
# its cancel (-ECANCELED), and leaves nothing behind; four at once are all
# queued (60 s timeouts, so that none ends before the fifth is asked: on
# the debug kernel under load, 20 s did not last that long), then all
# time out. With the queue_limit module parameter at 4, a
# fifth is refused at once (-EAGAIN, counted as rejected); the parameter
# refuses values out of range and status reports it.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/vm/pki.sh
. "$here/pki.sh"
# The four queued probes wait out their 60 s timeouts (bg_wait 150 s each).
PEER_LIMIT=180

tls_setup probe no-daemon

next_port
stats_snap
peer_server openssl x509 1.3 AES-128-GCM "$port" || not_ok "peer did not start"
probe connect "$REMOTE:$port" "${X509[@]}" --timeout 3000
expect_fail "no daemon: times out" -ETIMEDOUT
expect_ms "no daemon: after --timeout 3000" 2700 20000
bg_stop "$peer_pid"
after_case "no daemon, timeout" fail

next_port
stats_snap
peer_server openssl x509 1.3 AES-128-GCM "$port" || not_ok "peer did not start"
probe connect "$REMOTE:$port" "${X509[@]}" --timeout 20000 --cancel-after 1000
expect_fail "no daemon: cancelled while queued" -ECANCELED
expect_ms "no daemon: cancelled after 1000 ms" 800 15000
bg_stop "$peer_pid"
after_case "no daemon, cancel" cancelled

# Four at once, each to its own silent listener, with room for four.
limit=/sys/module/ktlsctl/parameters/queue_limit
check "queue_limit 0 is refused" sh -c "! echo 0 >$limit"
check "queue_limit 2000000 is refused" sh -c "! echo 2000000 >$limit"
check "queue_limit is still the default" test "$(cat $limit)" = 4096
echo 4 >"$limit"
check "status reports the queue limit" sh -c \
	"ktlsctl -j status | jq -e '.queue_limit == 4' >/dev/null"
stats_snap
silent_probes 4 60000 "${X509[@]}"
check "four requests queued at once" wait_until 60 gauge queued 4
next_port
peer_listener "$port" silent || not_ok "listener 5 did not start"
probe connect "$REMOTE:$port" "${X509[@]}" --timeout 20000
expect_fail "a fifth request with the queue full is refused" -EAGAIN
expect_ms "refused before its timeout" 0 15000
check "the refusal is counted" test "$(stats_delta rejected)" = 1
for i in 1 2 3 4; do
	silent_probe_end "$i" 1500
	expect_fail "queued request $i times out" -ETIMEDOUT
done
check_clean "four queued requests"
counters_are "four queued requests, timed out" 4 0 4 timed_out
echo 4096 >"$limit"

echo "# $(($(now_ms) - t0)) ms"
done_testing
