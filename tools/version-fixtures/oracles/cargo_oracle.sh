#!/bin/bash
# Build the Rust oracle offline against Debian's librust-semver-dev (a path dependency; no registry access).
set -e
here=$(cd "$(dirname "$0")" && pwd)
work=/tmp/scout-cargo-oracle
if [ ! -x "$work/target/release/scout-semver-oracle" ]; then
  mkdir -p "$work/src" && cp "$here/cargo/Cargo.toml" "$work/" && cp "$here/cargo/src/main.rs" "$work/src/"
  (cd "$work" && cargo build --release --offline -q 2>/dev/null)
fi
exec "$work/target/release/scout-semver-oracle"
