#!/usr/bin/env bash
# One set-up command for a fresh Debian 12 machine: system packages, then npm dependencies.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-apt.sh
# Browsers come from Debian (chromium); never let Playwright download its own.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci
echo "Set-up done. Start the app with: npm start    Run the tests with: npm test"
