#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Only CAP_NET_ADMIN over the netns's user namespace may talk to the family
# or listen to its multicast groups.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"

# shellcheck disable=SC2317 # called through check_fails_with
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"; }

# monitor_sees_add: a monitor that waits for one event gets it: policies
# are added until it exits (it may join after the first few), 10 s at most.
# shellcheck disable=SC2317 # called through check
monitor_sees_add() {
	local m i
	timeout 20 ktlsctl monitor --count 1 >/dev/null &
	m=$!
	for i in $(seq 50); do
		ktlsctl policy add tag "eperm$i" >/dev/null || return 1
		kill -0 "$m" 2>/dev/null || break
		sleep 0.2
	done
	wait "$m"
}

check "root may read status" ktlsctl status
check_fails_with "unprivileged user gets EPERM with the reason" \
	"Operation not permitted.*CAP_NET_ADMIN" nobody ktlsctl status
check_fails_with "root of a new user namespace is refused in the parent netns" \
	"Operation not permitted.*CAP_NET_ADMIN" nobody unshare -U -r ktlsctl status
check "root of a new user namespace owns its own new netns" \
	nobody unshare -U -r -n ktlsctl status
check_fails_with "unprivileged user cannot join the monitor group" \
	"Operation not permitted.*CAP_NET_ADMIN" nobody ktlsctl monitor --count 1
check_fails_with "nor from a new user namespace in the parent netns" \
	"Operation not permitted" nobody unshare -U -r ktlsctl monitor --count 1
check "root may join it and sees an event" monitor_sees_add
check "root of a new user namespace may join its own netns's group" \
	nobody unshare -U -r -n bash -c "$(declare -f monitor_sees_add); monitor_sees_add"
ktlsctl policy flush
done_testing
