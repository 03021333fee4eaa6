#!/usr/bin/env bash
# Runs every test. Servers the tests need (DynamoDB Local, moto, Firestore and Pub/Sub emulators) are
# started by the test fixtures themselves on 127.0.0.1 inside a private network namespace, and stopped by them.
set -euo pipefail
cd "$(dirname "$0")/.."
export SCOUT_TESTDATA="${SCOUT_TESTDATA:-$(cd .. && pwd)/shared/testdata}"
for f in scripts/tools/*.sh; do [ -f "$f" ] && bash "$f" install; done  # idempotent: quick when present
dotnet build Scout.Serverless.sln -c Release --nologo -v q
results=$(mktemp -d)
run_tests() {
  dotnet test Scout.Serverless.sln -c Release --no-build --nologo -v q --logger "console;verbosity=minimal" \
    --logger "trx" --results-directory "$results" "$@"
}
status=0
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  export -f run_tests; export results
  unshare -n bash -c 'ip link set lo up && run_tests "$@"' _ "$@" || status=$?
else
  echo "note: not root or no unshare: servers bind 127.0.0.1 in the host namespace" >&2
  run_tests "$@" || status=$?
fi
python3 - "$results" <<'PY'
import sys, glob, re
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    t = open(path, encoding="utf-8").read()
    m = re.search(r'<Counters [^>]*>', t)
    if not m: continue
    c = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)); s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
rm -rf "$results"
exit $status
