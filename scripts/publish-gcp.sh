#!/usr/bin/env bash
# Publishes the Cloud Run image's contents (functions/Scout.Functions.Gcp) ReadyToRun for linux-x64 into
# functions/Scout.Functions.Gcp/bin/cloudrun, the build context of its Dockerfile: methods are compiled ahead of time,
# so a cold instance's first request spends less time in the JIT. Framework-dependent (the aspnet:10.0 base image
# holds the runtime). Not part of the test run (slow).
#   scripts/publish-gcp.sh && docker build -f functions/Scout.Functions.Gcp/Dockerfile functions/Scout.Functions.Gcp/bin/cloudrun
set -euo pipefail
cd "$(dirname "$0")/.."
out=functions/Scout.Functions.Gcp/bin/cloudrun
rm -rf "$out"
dotnet publish functions/Scout.Functions.Gcp -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out" --nologo -v q
echo "Cloud Run host (ReadyToRun linux-x64): $(du -sh "$out" | cut -f1) in $out"
