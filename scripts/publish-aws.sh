#!/usr/bin/env bash
# Publishes the Lambda `bootstrap` for provided.al2023 into functions/Scout.Functions.Aws/bin/lambda, where
# template.yaml (CodeUri) and the CDK app (context lambdaCode) pick it up. Not part of the test run (slow).
#   scripts/publish-aws.sh            Native AOT, linux-x64 (needs clang: flock /tmp/apt.lock apt-get install -y clang)
#   scripts/publish-aws.sh --arm64    Native AOT, linux-arm64 (needs an arm64 cross toolchain)
#   scripts/publish-aws.sh --jit      self-contained JIT build (no clang; bigger, slower cold start)
# The AOT closure is trim/AOT-clean (Scout.Core and Scout.Hosting are IsAotCompatible, JSON is source-generated),
# so any trim/AOT warning (IL2xxx/IL3xxx) from the ILC publish fails the script: a reflection path that compiles
# can still fail at run time in the native binary. The warnings are listed in bin/lambda-warnings.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
rid=linux-x64
aot=true
for arg in "$@"; do
  case "$arg" in
    --arm64) rid=linux-arm64 ;;
    --jit) aot=false ;;
    *) echo "usage: $0 [--arm64] [--jit]" >&2; exit 2 ;;
  esac
done
project=functions/Scout.Functions.Aws
out=$project/bin/lambda
log=$project/bin/lambda-warnings.txt
if [ "$aot" = true ] && ! command -v clang >/dev/null; then
  echo "publish-aws.sh: Native AOT needs clang (flock /tmp/apt.lock apt-get install -y clang), or use --jit" >&2
  exit 1
fi
rm -rf "$out" && mkdir -p "$project/bin"
args=(-c Release -r "$rid" -o "$out" --nologo -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= -p:PublishAot="$aot")
[ "$aot" = true ] || args+=(--self-contained -p:PublishSingleFile=false)
dotnet publish "$project" "${args[@]}" 2>&1 | tee "$log.full" | grep -E "warning IL[0-9]+" | sed -E 's/ \[[^]]*\]$//' | sort -u > "$log" || true
if [ ! -x "$out/bootstrap" ]; then
  cat "$log.full" >&2
  echo "publish-aws.sh: no bootstrap produced" >&2
  exit 1
fi
rm -f "$log.full"
if [ "$aot" = true ] && [ -s "$log" ]; then
  cat "$log" >&2
  echo "publish-aws.sh: $(wc -l < "$log") trim/AOT warnings (listed in $log); the native binary may fail where they point" >&2
  exit 1
fi
# the zip Lambda takes; SAM/CDK upload the folder themselves
[ "$aot" = true ] && rm -f "$out"/*.dbg "$out"/*.pdb
echo "bootstrap ($([ "$aot" = true ] && echo "Native AOT" || echo "JIT, self-contained") $rid): $(du -sh "$out" | cut -f1) in $out; $(wc -l < "$log") trim/AOT warnings in $log"
