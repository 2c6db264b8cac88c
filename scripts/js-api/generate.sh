#!/usr/bin/env bash
# Regenerates server/data/js-api.json: for every released 2.x version of @tauri-apps/api
# and of each official @tauri-apps/plugin-*, which IPC commands each export reaches,
# read from the published package's own code with tauri-acl's reader
# (server/src/workspace/js_api/), plus the globals the official plugins' crates inject
# (read from the crates with cargo, like scripts/catalogue/). Network: the npm registry
# through npm (`npm view`, `npm pack`; nothing is installed or run), crates.io through cargo.
#
#   bash scripts/js-api/generate.sh [--scratch DIR] [--cargo-home DIR] [--download-only]
#
# The scratch folder (default: $TMPDIR/tauri-acl-js-api) keeps the unpacked tarballs so
# a second run only downloads new releases; delete it when done. Each plugin's crate of
# the same version is unpacked into the cargo home (default: <scratch>/cargo-home; the
# catalogue generator's scratch home holds them already) with `cargo install --no-track`,
# which downloads and unpacks the crate, then stops with "nothing to install": expected.
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch="${TMPDIR:-/tmp}/tauri-acl-js-api"
cargo_home=""
download_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --scratch) scratch="$2"; shift 2 ;;
    --cargo-home) cargo_home="$2"; shift 2 ;;
    --download-only) download_only=true; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$scratch/npm"
cargo_home="${cargo_home:-$scratch/cargo-home}"
mkdir -p "$cargo_home"

# The packages: @tauri-apps/api and one per plugin crate of the bundled catalogue
# (server/data/catalogue.json); a plugin without an npm package is listed as such.
packages="@tauri-apps/api $(
  sed -n 's/^"tauri-plugin-\([a-z-]*\)":{.*/@tauri-apps\/plugin-\1/p' server/data/catalogue.json
)"

for package in $packages; do
  dir="$scratch/npm/${package//\//+}"
  mkdir -p "$dir"
  if ! npm view "$package" versions --json >"$dir/versions.json" 2>/dev/null; then
    echo "$package: not on the npm registry" >&2
    echo '[]' >"$dir/versions.json"
    continue
  fi
  # Released 2.x versions only; pre-releases are counted by the reader.
  wanted=$(node -e '
    const all = [].concat(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")));
    console.log(all.filter((v) => /^2\.\d+\.\d+$/.test(v)).join(" "));
  ' "$dir/versions.json")
  missing=()
  for version in $wanted; do
    [ -f "$dir/$version/package/package.json" ] || missing+=("$package@$version")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "$package: downloading ${#missing[@]} versions" >&2
    (cd "$dir" && npm pack --silent --ignore-scripts "${missing[@]}" >/dev/null)
    for tarball in "$dir"/*.tgz; do
      version="${tarball##*-}"
      version="${version%.tgz}"
      mkdir -p "$dir/$version"
      tar xzf "$tarball" -C "$dir/$version"
      rm "$tarball"
    done
  fi
  # The plugin's crate of each version, for the scripts it injects.
  if [ "$package" != "@tauri-apps/api" ]; then
    crate="tauri-plugin-${package#@tauri-apps/plugin-}"
    for version in $wanted; do
      if ! ls -d "$cargo_home"/registry/src/*/"$crate-$version" >/dev/null 2>&1; then
        CARGO_HOME="$cargo_home" cargo install --quiet "$crate@$version" --no-track \
          --root "$scratch/cargo-root" >/dev/null 2>&1 || true
      fi
    done
  fi
done

if [ "$download_only" = true ]; then
  exit 0
fi
exec cargo run --quiet --locked -p tauri-acl-js-api -- --scratch "$scratch" \
  --cargo-home "$cargo_home" --out server/data/js-api.json
