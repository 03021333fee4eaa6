#!/usr/bin/env bash
# `scout sbom normalize` of a generated N-component CycloneDX JSON (default 50,000) as a whole process, against a
# process that only reads the same file and parses it with JsonDocument (Scout.Sbom.Bench --parse): both run in turn,
# A B A B ..., after one warm-up each, timed by GNU time (/usr/bin/time). Prints each run's wall, cpu (user+sys) and
# peak RSS, and the per-pair ratios' min / median / max (the machine is shared: quote the median ratio); first on all
# cores, then with both processes held to one core (taskset -c 0).
# scout is measured as users run it: the Release build output (`dotnet build -c Release`), which holds ReadyToRun images
# of our assemblies (functions/Scout.Cli/ReadyToRunOnBuild.targets) and the CLI's runtimeconfig (tiering, GC settings).
#   bench/sbom-normalize.sh [COMPONENTS] [RUNS]
# Then the queue analysis of the same SBOM through the embedded platform (Scout.Bench big-sbom): its peak RSS, with
# scout's GC settings (what `scout serve` runs with) and with .NET's defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
components=${1:-50000}
runs=${2:-5}
[ -x /usr/bin/time ] || { echo "sbom-normalize.sh: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }
dotnet build functions/Scout.Cli -c Release --nologo -v q >/dev/null
dotnet build bench/Scout.Sbom.Bench -c Release --nologo -v q >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sbom="$work/sbom-$components.json"
dotnet bench/Scout.Sbom.Bench/bin/Release/net10.0/Scout.Sbom.Bench.dll --write "$components" "$sbom"
scout=(dotnet functions/Scout.Cli/bin/Release/net10.0/scout.dll sbom normalize "$sbom" --format json)
proxy=(dotnet bench/Scout.Sbom.Bench/bin/Release/net10.0/Scout.Sbom.Bench.dll --parse "$sbom")
measure() { # $1: label; rest: command. Appends "label wall cpu maxrss_kib" to $work/runs.
  local label=$1; shift
  /usr/bin/time -f "$label %e %U %S %M" -o "$work/one" "$@" >"$work/out.$label" 2>"$work/err" || { echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  awk '{ printf "%s %s %.3f %s\n", $1, $2, $3 + $4, $5 }' "$work/one" >>"$work/runs"
}
pairs() { # $@: a prefix for both commands (empty, or taskset). Runs A B A B ... and prints the figures and ratios.
  : >"$work/runs"
  for _ in $(seq "$runs"); do measure A "$@" "${scout[@]}"; measure B "$@" "${proxy[@]}"; done
  python3 - "$work/runs" <<'PY2'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
a = [tuple(map(float, r[1:])) for r in rows if r[0] == "A"]
b = [tuple(map(float, r[1:])) for r in rows if r[0] == "B"]
def mmm(xs): xs = sorted(xs); return f"{xs[0]:8.3f} {statistics.median(xs):8.3f} {xs[-1]:8.3f}"
print(f"{'':16} {'min':>8} {'median':>8} {'max':>8}")
for i, name in enumerate(["wall s", "cpu s", "peak RSS MiB"]):
    scale = 1024 if i == 2 else 1
    print(f"A {name:14} {mmm([x[i] / scale for x in a])}")
    print(f"B {name:14} {mmm([x[i] / scale for x in b])}")
for i, name in enumerate(["wall", "cpu", "peak RSS"]):
    print(f"A/B {name:12} {mmm([x[i] / y[i] for x, y in zip(a, b)])}")
PY2
}
"${scout[@]}" >/dev/null 2>&1; "${proxy[@]}" >/dev/null # warm-up (file cache, dotnet host)
echo "$(wc -c <"$sbom") bytes, $components components; A = scout sbom normalize, B = JsonDocument.Parse only; $runs runs each"
echo "on all cores (scout reads a big components array on two threads, Json/ComponentSplit.cs):"
pairs
echo "A wrote $(wc -c <"$work/out.A" | tr -d ' ') bytes"
# The same pairs with both processes held to one core: the work each does, without the second reader's parallel
# running (on a 2-core VM two busy threads each run slower, so cpu seconds rise while wall time falls).
if command -v taskset >/dev/null; then
  echo "on one core (taskset -c 0):"
  pairs taskset -c 0
else
  echo "on one core: skipped (taskset is missing: apt-get install -y util-linux)"
fi
dotnet build bench/Scout.Bench -c Release --nologo -v q >/dev/null
# The embedded default runs in `scout serve`: measured with scout's own GC settings (functions/Scout.Cli/Scout.Cli.csproj:
# small gen0 budget, no concurrent GC), copied into the bench's runtimeconfig; then with the bench's .NET defaults.
bench=bench/Scout.Bench/bin/Release/net10.0
python3 - "$bench/Scout.Bench.runtimeconfig.json" functions/Scout.Cli/bin/Release/net10.0/scout.runtimeconfig.json "$work/as-scout.runtimeconfig.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
scout = json.load(open(sys.argv[2]))["runtimeOptions"].get("configProperties", {})
config["runtimeOptions"].setdefault("configProperties", {}).update({k: v for k, v in scout.items() if k.startswith("System.GC.")})
json.dump(config, open(sys.argv[3], "w"))
PY
echo "queue analysis with scout's GC settings (as in scout serve):"
dotnet exec --runtimeconfig "$work/as-scout.runtimeconfig.json" "$bench/Scout.Bench.dll" big-sbom --sbom "$sbom"
echo "queue analysis with .NET's default GC settings:"
dotnet "$bench/Scout.Bench.dll" big-sbom --sbom "$sbom"
