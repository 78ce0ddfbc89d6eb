#!/usr/bin/env bash
# The browser flows (README.md): installs playwright-core and axe-core from package-lock.json when
# node_modules is missing or older than the lock file, then runs flows.mjs against the stack
# scripts/test started (MEDASSIST_TEST_* variables). Exit 77 (ctest: skipped) without one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if [ -z "${MEDASSIST_TEST_BASE_URL:-}" ]; then
    echo "browser_flows: MEDASSIST_TEST_BASE_URL is not set (run through scripts/test); skipped"
    exit 77
fi
command -v node >/dev/null || { echo "browser_flows: node is missing (apt-get install nodejs npm)"; exit 1; }
[ -x "${MEDASSIST_TEST_CHROMIUM:-/usr/bin/chromium}" ] \
    || { echo "browser_flows: ${MEDASSIST_TEST_CHROMIUM:-/usr/bin/chromium} is missing (apt-get install chromium)"; exit 1; }

# playwright-core (the browser is Debian's, never a downloaded one) and axe-core.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d node_modules/playwright-core ] || [ ! -f node_modules/axe-core/axe.min.js ] \
        || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "browser_flows: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
fi

exec node flows.mjs "$@"
