#!/bin/bash
# apk-tools is not packaged for Debian. Build the oracle from upstream's own version.c:
#   build_apk_oracle.sh /path/to/apk-tools-git-checkout [tag]   (default tag v2.14.10, the last 2.x)
# Writes oracles/apk_oracle (not committed).
set -euo pipefail
src=${1:?path to an apk-tools git checkout (or bare repo)}
tag=${2:-v2.14.10}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
git -C "$src" show "$tag:src/version.c" > "$work/version.c"
git -C "$src" show "$tag:src/apk_version.h" > "$work/apk_version.h"
cp "$here/apk/apk_blob.h" "$here/apk/apk_defines.h" "$work/"
gcc -O2 -w -I"$work" -o "$here/apk_oracle" "$here/apk/apk_oracle.c" "$work/version.c"
echo "apk oracle built from $tag" >&2
