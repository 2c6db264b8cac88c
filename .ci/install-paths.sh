#!/usr/bin/env bash
# Each way to install tauri-acl, into a temporary folder, with the release binary CI
# built (target/release/tauri-acl):
#   1. cargo install --locked --path server (reusing target/, so no second build);
#   2. the npm packages: npm/build.mjs makes and packs `tauri-acl` and
#      `@tauri-acl/linux-x64`, a scratch app installs both tarballs and runs
#      `npx tauri-acl check`;
#   3. action.yml, validated and its steps run (.ci/action-test.py);
#   4. .pre-commit-hooks.yaml, through `pre-commit try-repo` in a scratch git repository.
# pre-commit and PyYAML come from PyPI into target/ci-tools/venv.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
binary="${1:-$root/target/release/tauri-acl}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

say() { printf '\n--> %s\n' "$*"; }
expect_exit() {
  local want="$1"; shift
  local got=0
  "$@" > "$scratch/out.txt" 2>&1 || got=$?
  if [ "$got" != "$want" ]; then
    cat "$scratch/out.txt"
    echo "expected exit code $want from: $*; got $got" >&2
    exit 1
  fi
  tail -n 1 "$scratch/out.txt"
}

# The apps every path checks: a clean one and one with errors, beside the fixture cargo
# home their tauri-acl.toml names.
for name in demo-app fixes-app cargo-home; do
  cp -r "fixtures/$name" "$scratch/$name"
done

say "cargo install --locked --path server"
CARGO_TARGET_DIR="$root/target" cargo install --locked --quiet --path server --root "$scratch/cargo"
expect_exit 0 "$scratch/cargo/bin/tauri-acl" check "$scratch/demo-app"
expect_exit 1 "$scratch/cargo/bin/tauri-acl" check "$scratch/fixes-app"

say "npm: tauri-acl and @tauri-acl/linux-x64, packed and installed into a scratch app"
node npm/build.mjs --binary "$binary" --out "$scratch/npm"
mkdir "$scratch/npm-app"
(
  cd "$scratch/npm-app"
  npm init -y >/dev/null
  npm install --save-dev --no-audit --no-fund "$scratch"/npm/tauri-acl-[0-9]*.tgz "$scratch"/npm/tauri-acl-linux-x64-*.tgz
  expect_exit 0 npx --no-install tauri-acl check "$scratch/demo-app"
  expect_exit 1 npx --no-install tauri-acl check "$scratch/fixes-app"
  # The launcher runs the platform package's binary, not one from PATH.
  PATH="$(dirname "$(command -v node)"):/usr/bin:/bin" expect_exit 0 npx --no-install tauri-acl check "$scratch/demo-app"
)

venv="$root/target/ci-tools/venv"
if [ ! -x "$venv/bin/pre-commit" ]; then
  say "pre-commit and PyYAML from PyPI"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pre-commit==4.3.0 pyyaml==6.0.3
fi

say "action.yml"
"$venv/bin/python" .ci/action-test.py "$binary"

say "pre-commit: .pre-commit-hooks.yaml through pre-commit try-repo"
# A scratch git repository holding one app: the hook fails on fixes-app's errors and
# passes on demo-app.
precommit() {
  local app="$1" want="$2" repo="$scratch/precommit-$1"
  mkdir "$repo"
  cp -r "$scratch/$app" "$scratch/cargo-home" "$repo/"
  (
    cd "$repo"
    git init --quiet
    git add .
    PATH="$scratch/cargo/bin:$PATH" PRE_COMMIT_HOME="$scratch/pre-commit-home" \
      expect_exit "$want" "$venv/bin/pre-commit" try-repo "$root" tauri-acl --all-files
  )
}
precommit fixes-app 1
grep -q 'error\[unknown-permission\]' "$scratch/out.txt" || { cat "$scratch/out.txt"; exit 1; }
precommit demo-app 0
echo "all install paths work"
