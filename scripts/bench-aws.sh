#!/usr/bin/env bash
# DynamoDB store throughput vs raw BatchWriteItem (bench/Scout.Bench.Aws) on DynamoDB Local, inside a private
# network namespace when root (DynamoDB Local listens on all interfaces).
#   scripts/bench-aws.sh [--parallelism 1,4,8] [--rounds 7]   store vs raw BatchWriteItem, alternating, median ratio
#   scripts/bench-aws.sh smoke-http   a few HttpUpload GETs through the published bootstrap, printing the answers
#   scripts/bench-aws.sh coldstart    Native AOT bootstrap vs the JIT build, start-to-first-post (runs publish-aws.sh if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/tools/aws.sh check
dotnet build bench/Scout.Bench.Aws -c Release --nologo -v q
run=(dotnet bench/Scout.Bench.Aws/bin/Release/net10.0/Scout.Bench.Aws.dll)
if [ "${1:-}" = coldstart ]; then
  [ -x functions/Scout.Functions.Aws/bin/lambda/bootstrap ] || bash scripts/publish-aws.sh
  dotnet build functions/Scout.Functions.Aws -c Release --nologo -v q
  run+=(coldstart "$PWD/functions/Scout.Functions.Aws/bin/lambda/bootstrap" "$PWD/functions/Scout.Functions.Aws/bin/Release/net10.0/bootstrap.dll")
fi
if [ "${1:-}" = smoke-http ]; then
  [ -x functions/Scout.Functions.Aws/bin/lambda/bootstrap ] || bash scripts/publish-aws.sh
  run+=(smoke-http "$PWD/functions/Scout.Functions.Aws/bin/lambda/bootstrap")
fi
[ "${1:-}" = coldstart ] || [ "${1:-}" = smoke-http ] || run+=("$@")
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  unshare -n bash -c 'ip link set lo up && "$@"' _ "${run[@]}"
else
  "${run[@]}"
fi
