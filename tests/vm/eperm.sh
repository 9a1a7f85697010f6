#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Only CAP_NET_ADMIN over the netns's user namespace may talk to the family.
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
done_testing
