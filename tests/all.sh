#!/usr/bin/env bash
# Every test of the project, as CI runs them (after formatting and lints):
#   1. the Rust crate: unit and snapshot tests, end-to-end tests with the real binary,
#      and the real-client test in headless Neovim (skipped without `nvim` locally,
#      a failure without it under CI=true);
#   2. the VS Code extension: type check, bundle, unit tests, grammar tests and the
#      protocol test against the binary step 1 built.
# Needs a Rust toolchain, Node.js 18 or later and Debian's `neovim` package for the
# editor test. Installs the extension's and fixtures/usage-app's npm packages (`npm ci`,
# from the npm registry) when they are missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

# The usage fixture's @tauri-apps packages, for the tests that read their code
# (server/src/workspace/js_api/tests.rs): installed from the npm registry, never run.
if ! node -e '
  const fs = require("fs");
  const want = JSON.parse(fs.readFileSync("fixtures/usage-app/package-lock.json", "utf8")).packages;
  const have = JSON.parse(fs.readFileSync("fixtures/usage-app/node_modules/.package-lock.json", "utf8")).packages;
  for (const [name, entry] of Object.entries(want)) {
    if (name !== "" && have[name]?.version !== entry.version) process.exit(1);
  }
' 2>/dev/null; then
  echo "tests/all.sh: installing fixtures/usage-app's npm packages (npm ci --ignore-scripts)"
  npm --prefix fixtures/usage-app ci --ignore-scripts --no-audit --no-fund
fi

cargo test --workspace --locked

# npm writes node_modules/.package-lock.json on every install: when it is missing or
# differs from package-lock.json's packages, the install is missing or stale.
if ! node -e '
  const fs = require("fs");
  const want = JSON.parse(fs.readFileSync("vscode-extension/package-lock.json", "utf8")).packages;
  const have = JSON.parse(fs.readFileSync("vscode-extension/node_modules/.package-lock.json", "utf8")).packages;
  for (const [name, entry] of Object.entries(want)) {
    if (name !== "" && !entry.optional && have[name]?.version !== entry.version) process.exit(1);
  }
' 2>/dev/null; then
  echo "tests/all.sh: installing the extension's npm packages (npm ci)"
  npm --prefix vscode-extension ci --no-audit --no-fund
fi
npm --prefix vscode-extension test
