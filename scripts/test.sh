#!/usr/bin/env bash
# Set up from nothing and run the whole test suite: the virtual environment .venv with the package
# and its test extras, and (as root with apt, e.g. in CI) Debian's Chromium for the dashboard test.
# Without Chromium the browser test is skipped with the install line as its reason.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
.venv/bin/python -m pytest -q "$@"
