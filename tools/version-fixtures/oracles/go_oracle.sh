#!/bin/bash
# Build the Go oracle offline against Debian's golang-golang-x-mod-dev (GOPATH mode, no module download).
set -e
here=$(cd "$(dirname "$0")" && pwd)
bin=/tmp/scout-go-oracle/oracle
if [ ! -x "$bin" ]; then
  mkdir -p /tmp/scout-go-oracle/gopath/src/scoutoracle
  cp "$here/go/main.go" /tmp/scout-go-oracle/gopath/src/scoutoracle/
  (cd /tmp/scout-go-oracle/gopath/src/scoutoracle && GO111MODULE=off GOFLAGS= GOPATH=/tmp/scout-go-oracle/gopath:/usr/share/gocode GOCACHE=/tmp/scout-go-oracle/cache go build -o "$bin" . >&2)
fi
exec "$bin"
