#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# libnl-genl-3 decodes the family independently of libktlsctl, and both
# agree on what the module said.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"

nl=$(ktlsctl-nlgenl-test) || not_ok "ktlsctl-nlgenl-test failed"
echo "# libnl: $nl"
ours=$(ktlsctl -j status)
echo "# libktlsctl: $ours"
check "libnl output is JSON" jq -e . <<<"$nl" >/dev/null
check "same family id" test "$(jq .family_id <<<"$nl")" = "$(jq .family.id <<<"$ours")"
check "same module version" \
	test "$(jq -r .version <<<"$nl")" = "$(jq -r .version <<<"$ours")"
done_testing
