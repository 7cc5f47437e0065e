#!/usr/bin/env bash
# Chromium for the Playwright browser tests (tests/Optin.Forms.AspNetCore.Tests/Browser): Debian's package, used
# through ExecutablePath=/usr/bin/chromium. Nothing to start or stop.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (about 80 s)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null | head -n 1 || true
