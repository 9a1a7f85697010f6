#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile netlink input (run with vm-run --no-daemon): ktlsctl-nlfuzz sends
# 100,000 malformed, truncated, oversized, wrong-typed, duplicated and
# out-of-order messages for every command of the family, privileged and
# not, with two live requests from ktlsctl-probe for DONE and ACCEPT to
# hit; every reply is checked (an extack message on every refusal, EPERM
# for the unprivileged, no success for what must be refused), the live
# requests end as the fuzzer ends them, and nothing is left behind. vm-run
# fails the case on any WARNING, oops or KASAN report in the guest's log.
# NLFUZZ_SEED and NLFUZZ_COUNT override the seed and the count.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
. "$here/lib.sh"

trap bg_cleanup EXIT
work_dir
seed=${NLFUZZ_SEED:-$(date +%s)}
count=${NLFUZZ_COUNT:-100000}
json=${KTLSCTL_BUILD_DIR:?}/nl-fuzz-$KTLSCTL_KERNEL.json

echo "# seed $seed (NLFUZZ_SEED=$seed reproduces this run)"
start=$(now_ms)
if timeout 600 ktlsctl-nlfuzz --seed "$seed" --count "$count" --time 300 \
	--live 2 --strict-extack --json "$json" >"$work/fuzz.out" 2>&1; then
	ok "ktlsctl-nlfuzz: every reply as the model says"
else
	not_ok "ktlsctl-nlfuzz: every reply as the model says"
fi
sed 's/^/# /' "$work/fuzz.out"
echo "# $(($(now_ms) - start)) ms"
# shellcheck disable=SC2317 # called through check
figures() { jq -e "$1" "$json" >/dev/null; }
check "at least $count messages sent" figures ".messages >= $count"
check "no refusal without an extack message" figures '.missing_extack == 0'
check_clean "after the fuzzing"
figure bad_messages "$(jq '.messages // 0' "$json" 2>/dev/null || echo 0)"
done_testing
