#!/usr/bin/env bash
# npm test: everything — system packages, typecheck, lint, build, unit + integration, e2e.
# In CI (CI=true) or with GONOGO_STRICT=1 nothing may be skipped for a missing tool.
set -euo pipefail
cd "$(dirname "$0")/.."

# Command → Debian package that provides it, for every real tool the tests use.
declare -A PACKAGE_FOR=(
  [chromium]=chromium
  [dbus-run-session]=dbus
  [gnome-keyring-daemon]=gnome-keyring
  [prometheus]=prometheus
  [ssh-keygen]=openssh-client
  [pdfsig]=poppler-utils
  [qpdf]=qpdf
  [certutil]=libnss3-tools
)

missing=()
for cmd in "${!PACKAGE_FOR[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${PACKAGE_FOR[$cmd]}")
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "npm test needs these system packages: ${missing[*]} (Debian/Ubuntu: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
export GONOGO_STRICT="${GONOGO_STRICT:-$([[ "${CI:-}" == "true" ]] && echo 1 || echo 0)}"
mkdir -p test-results

echo "== typecheck"
npx tsc --noEmit -p tsconfig.json
echo "== lint"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
echo "== dependency audit"
bash scripts/audit.sh
echo "== build"
npm run build --silent >/dev/null
echo "== unit + integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
echo "== renderer e2e (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright-chromium.json \
  npx playwright test --project=chromium --reporter=list,json
echo "== Electron e2e"
if node scripts/electron-binary.mjs >/dev/null; then
  PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright-electron.json \
    npx playwright test --project=electron --reporter=list,json
else
  echo "NOT RUN: no Electron binary on this machine (it cannot be downloaded here). These Electron specs did not run:"
  npx playwright test --project=electron --list 2>/dev/null | grep -E '›' | sed 's/^ */  - /'
fi
node scripts/test-summary.mjs
