#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch --strict over the module's hand-written sources (the generated
# ktlsctl-nl.{c,h} and uapi header come from the kernel's own generator).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
src=$("$top/scripts/linux-source")
cd "$top"
mapfile -t files < <(git ls-files --cached --others --exclude-standard 'module/*.[ch]' 'tests/*module/*.[ch]' 'probe/module/*.[ch]' 'probe/include/*.h' 'bench/module/*.[ch]' 'bench/include/*.h' |
	grep -v -e 'ktlsctl-nl\.[ch]$' -e '/include/uapi/')
[ ${#files[@]} -gt 0 ] || { echo "no files"; exit 1; }
perl "$src/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG -f "${files[@]}"
echo "checkpatch --strict: ${#files[@]} files clean"
