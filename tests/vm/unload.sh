#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The module unloads cleanly while the daemon is subscribed, the family is
# gone, and it loads and answers again.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"

check "status before unload" ktlsctl status
check "rmmod ktlsctl" rmmod ktlsctl
check "family gone from /proc/modules" sh -c '! grep -q "^ktlsctl " /proc/modules'
check_fails_with "status says the module is not loaded" \
	"family not found.*module loaded" ktlsctl status
check "insmod again" insmod "$(module_path)"
check "status after reload" ktlsctl status
for i in 1 2 3; do
	if ! { rmmod ktlsctl && insmod "$(module_path)"; }; then
		not_ok "reload cycle $i"
	fi
done
check "status after three reload cycles" ktlsctl status
done_testing
