#!/usr/bin/env bash
# The real-VS-Code test: installs code-server (tests/vscode/install.sh), then drives the
# given .vsix in it with Chromium (tests/vscode/e2e.mjs). Screenshots and code-server's
# logs go to target/vscode-e2e/.
#
#   bash tests/vscode/run.sh vscode-extension/tauri-acl-linux-x64-0.1.0.vsix
#
# Needs Node.js 20, Debian's `chromium` and `ripgrep` (CHROMIUM=/path overrides the
# browser), and a C++ compiler for code-server's native modules.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
vsix="$(realpath "${1:?usage: tests/vscode/run.sh <extension.vsix>}")"

bash "$root/tests/vscode/install.sh"
cd "$root"
node tests/vscode/e2e.mjs "$vsix" target/vscode-e2e
