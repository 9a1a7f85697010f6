#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The family exists in every network namespace, with its own state.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"

check "create a namespace" ip netns add ktlsctl-t
json=$(ip netns exec ktlsctl-t ktlsctl -j status)
echo "# $json"
check "status answers in the new namespace" \
	jq -e '.family.name == "ktlsctl" and .queued == 0' <<<"$json"
check "delete the namespace" ip netns del ktlsctl-t
check "init namespace still answers" ktlsctl status
done_testing
