#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# ktlsctl status, text and JSON, against the module in the guest; the
# daemon started by vm-run is subscribed and ready.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"

check "daemon is ready" test -s /run/ktlsctld.ready
check "daemon is alive" kill -0 "$(cat /run/ktlsctld.ready)"

text=$(ktlsctl status) || not_ok "ktlsctl status failed"
while IFS= read -r line; do echo "# $line"; done <<<"$text"
check "text names the family" grep -q "family ktlsctl" <<<"$text"

json=$(ktlsctl -j status) || not_ok "ktlsctl -j status failed"
echo "# $json"
check "JSON parses" jq -e . <<<"$json" >/dev/null
check "family name and version" \
	jq -e '.family.name == "ktlsctl" and .family.version == 1' <<<"$json"
check "family id is a dynamic genl id" \
	jq -e '.family.id >= 16 and .family.id < 65536' <<<"$json"
version=$(cat /sys/module/ktlsctl/version)
check "module version matches modinfo" \
	jq -e ".version == \"$version\"" <<<"$json"
check "serves the tls handler" jq -e '.handlers | index("tls")' <<<"$json"
check "idle gauges are zero" \
	jq -e '.queued == 0 and .in_progress == 0 and .queue_limit > 0' <<<"$json"
check "every counter is reported and zero" \
	jq -e '.stats | length >= 10 and all(.[]; . == 0)' <<<"$json"
check "no live request objects" jq -e '.stats.live_requests == 0' <<<"$json"

check_fails_with "unknown command is refused" "unknown command" ktlsctl bogus
done_testing
