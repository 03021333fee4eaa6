#!/usr/bin/env bash
# Cold start with the whole advisory data set (bench/Scout.Bench.ColdIndex): seeds DynamoDB Local or the Firestore
# emulator with N advisories shaped like the OSV test data, then times cold processes: the store reads of a P-package
# analysis (raw), the analysis as hosts run it (index read per package), and the analysis after reading every advisory
# (as hosts did before). Inside a private network namespace when root (DynamoDB Local listens on all interfaces).
#   scripts/bench-cold-index.sh dynamodb|firestore [--advisories 500000] [--packages 1000] [--matched 300] [--runs 3] [--no-full] [--lambda] [--cloudrun]
# --lambda (dynamodb): also the real QueueAnalysis bootstrap as Lambda starts it, handed one SQS event by a local runtime
# API: JIT, and Native AOT when scripts/publish-aws.sh has published functions/Scout.Functions.Aws/bin/lambda/bootstrap.
# --cloudrun (firestore): also the real queue function as Cloud Run starts it, sent one Pub/Sub push once its port
# accepts: JIT, and ReadyToRun when scripts/publish-gcp.sh has published functions/Scout.Functions.Gcp/bin/cloudrun.
set -euo pipefail
cd "$(dirname "$0")/.."
export SCOUT_TESTDATA="${SCOUT_TESTDATA:-$(cd .. && pwd)/shared/testdata}"
[ "${1:-}" = dynamodb ] && bash scripts/tools/aws.sh check
dotnet build bench/Scout.Bench.ColdIndex -c Release --nologo -v q >/dev/null
case " $* " in *" --lambda "*) dotnet build functions/Scout.Functions.Aws -c Release --nologo -v q >/dev/null ;; esac
case " $* " in *" --cloudrun "*) dotnet build functions/Scout.Functions.Gcp -c Release --nologo -v q >/dev/null ;; esac
run=(dotnet bench/Scout.Bench.ColdIndex/bin/Release/net10.0/Scout.Bench.ColdIndex.dll "$@")
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  unshare -n bash -c 'ip link set lo up && "$@"' _ "${run[@]}"
else
  "${run[@]}"
fi
