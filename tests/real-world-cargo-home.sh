#!/usr/bin/env bash
# Fills a scratch cargo home with the sources of every `tauri` and `tauri-plugin-*` crate
# that a Cargo.lock of the shared corpus locks from crates.io: state (b) of
# docs/real-world.md. Uses cargo itself (`cargo install <crate>@<version> --no-track`
# downloads and unpacks the crate, then stops with "there is nothing to install", which
# is expected for library crates). Git-pinned crates cannot be fetched this way; they
# are listed at the end.
#
#   tests/real-world-cargo-home.sh /tmp/real-world-cargo-home [../shared/corpus/checkouts]
#   TAURI_ACL_REAL_WORLD_CARGO_HOME=/tmp/real-world-cargo-home cargo test -p tauri-acl --test real_world
set -euo pipefail
home=${1:?usage: $0 <cargo-home> [corpus checkouts]}
checkouts=${2:-"$(dirname "$0")/../../shared/corpus/checkouts"}
mkdir -p "$home"
locked() { # <source prefix>: name@version of the tauri crates locked from that source
  find "$checkouts" -name Cargo.lock -print0 |
    xargs -0 awk -v want="$1" '
      /^\[\[package\]\]/ { name = ""; version = "" }
      /^name = /    { name = $3 }
      /^version = / { version = $3 }
      /^source = /  { if (index($3, "\"" want) == 1) print name "@" version }' |
    tr -d '"' | grep -E '^(tauri|tauri-plugin-[A-Za-z0-9_-]+)@' | sort -u
}
count=0
for crate in $(locked registry+); do
  name=${crate%@*}
  version=${crate#*@}
  if compgen -G "$home/registry/src/*/$name-$version" > /dev/null; then
    continue
  fi
  CARGO_HOME="$home" cargo install "$crate" --no-track --root "$home/.install-root" \
    > /dev/null 2>&1 || true
  if compgen -G "$home/registry/src/*/$name-$version" > /dev/null; then
    count=$((count + 1))
  else
    echo "not unpacked: $crate" >&2
  fi
done
rm -rf "$home/.install-root" "$home/registry/cache"
echo "unpacked $count new crates into $home/registry/src"
git_pinned=$(locked git+ | tr '\n' ' ')
if [ -n "$git_pinned" ]; then
  echo "git-pinned, not fetchable with the ordinary client here: $git_pinned"
fi
