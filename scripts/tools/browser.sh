#!/usr/bin/env bash
# Browser for the dashboard's UI tests. `install`: idempotent; installs Debian's chromium and chromium-driver with
# apt-get when either is missing (nothing downloads a browser at run time). `check`: fast presence check.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver

fail() { echo "browser.sh: $*" >&2; exit 1; }

check() {
  [ -x "$CHROMIUM" ] || fail "$CHROMIUM is missing (the dashboard's browser tests need it): run 'bash scripts/tools/browser.sh install'"
  [ -x "$DRIVER" ] || fail "$DRIVER is missing (the dashboard's browser tests need it): run 'bash scripts/tools/browser.sh install'"
}

install() {
  if [ -x "$CHROMIUM" ] && [ -x "$DRIVER" ]; then check; return; fi
  command -v apt-get >/dev/null || fail "apt-get is missing: install Debian's chromium and chromium-driver by other means"
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver \
    || fail "apt-get install chromium chromium-driver failed"
  check
}

case "${1:-}" in
  install) install ;;
  check) check ;;
  *) echo "usage: $0 install|check" >&2; exit 2 ;;
esac
