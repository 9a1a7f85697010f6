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
check "root may join it (and stops after its one event)" \
	sh -c 'ktlsctl monitor --count 1 & m=$!; sleep 1;
		ktlsctl policy add tag eperm-test >/dev/null; wait $m'
check "root of a new user namespace may join its own netns's group" \
	nobody unshare -U -r -n sh -c 'ktlsctl monitor --count 1 & m=$!;
		sleep 1; ktlsctl policy add tag x >/dev/null; wait $m'
ktlsctl policy flush
done_testing
