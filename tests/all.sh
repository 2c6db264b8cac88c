#!/usr/bin/env bash
# Every test of the project, as CI runs them (after formatting and lints):
#   1. the Rust crate: unit and snapshot tests, end-to-end tests with the real binary,
#      and the real-client test in headless Neovim (skipped without `nvim` locally,
#      a failure without it under CI=true);
#   2. the VS Code extension: type check, bundle, unit tests, grammar tests and the
#      protocol test against the binary step 1 built.
# Installs nothing. Needs a Rust toolchain, Node.js 18 or later with `npm ci` run in
# vscode-extension/, and Debian's `neovim` package for the editor test.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --locked

if [ ! -d vscode-extension/node_modules ]; then
  echo "tests/all.sh: vscode-extension/node_modules is missing: run \`npm ci\` in vscode-extension/ first" >&2
  exit 1
fi
npm --prefix vscode-extension test
