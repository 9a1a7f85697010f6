#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard | while read -r f; do
	head -n1 "$f" 2>/dev/null | grep -q '^#!.*\(bash\|/sh\)' && echo "$f"
done)
shellcheck -x "${files[@]}"
echo "shellcheck: ${#files[@]} scripts clean"
