#!/usr/bin/env bash
# Installs what the browser tests of `convene review` need: Debian's Chromium and Playwright's Python client.
# Playwright's own browser download is not used (no `playwright install`): the tests launch /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
"$PYTHON" -m pip install -q playwright==1.65.2
chromium --version
