#!/usr/bin/env bash
# Adds every project under shared/ functions/ infra/ tests/ bench/ to the solution (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=(); for d in shared functions infra tests bench; do [ -d "$d" ] && dirs+=("$d"); done
find "${dirs[@]}" -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort |
  xargs dotnet sln Scout.Serverless.sln add >/dev/null
