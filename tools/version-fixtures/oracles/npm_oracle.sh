#!/bin/bash
# node-semver from the npm registry, installed once under /tmp (not committed).
set -e
here=$(cd "$(dirname "$0")" && pwd)
dir=/tmp/scout-npm-oracle
if [ ! -d "$dir/node_modules/semver" ]; then mkdir -p "$dir"; (cd "$dir" && npm install --silent --no-audit --no-fund semver >&2); fi
NODE_PATH="$dir/node_modules" exec node "$here/npm_oracle.js"
