#!/usr/bin/env bash
# GCP test tools: google-cloud-cli with the Firestore and Pub/Sub emulators (and Java to run them).
# They come preinstalled on this machine kind and cannot be installed from the reachable registries, so
# `install` only verifies (idempotent) and `check` verifies; both fail with a clear message when one is missing.
set -euo pipefail

fail() { echo "gcp.sh: $*" >&2; exit 1; }

sdk_root() {
  if [ -n "${CLOUDSDK_ROOT_DIR:-}" ] && [ -d "$CLOUDSDK_ROOT_DIR" ]; then echo "$CLOUDSDK_ROOT_DIR"; return; fi
  command -v gcloud >/dev/null 2>&1 || fail "gcloud not found on PATH: install google-cloud-cli (it brings the Firestore and Pub/Sub emulators)"
  gcloud info --format='value(installation.sdk_root)' 2>/dev/null || fail "gcloud info failed"
}

verify() {
  local sdk firestore pubsub
  sdk=$(sdk_root)
  [ -d "$sdk" ] || fail "google-cloud-cli SDK root '$sdk' does not exist"
  firestore="$sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator"
  pubsub="$sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator"
  [ -x "$firestore" ] || fail "Firestore emulator missing at $firestore (google-cloud-cli component cloud-firestore-emulator)"
  [ -x "$pubsub" ] || fail "Pub/Sub emulator missing at $pubsub (google-cloud-cli component pubsub-emulator)"
  command -v java >/dev/null 2>&1 || fail "java not found: both emulators run on Java 11+"
  echo "gcp.sh: google-cloud-cli at $sdk with the Firestore and Pub/Sub emulators; $(java -version 2>&1 | head -1)"
}

case "${1:-}" in
  install) verify ;;  # nothing to download: preinstalled, see docs/deploy-gcp.md
  check) verify ;;
  *) echo "usage: $0 install|check" >&2; exit 2 ;;
esac
