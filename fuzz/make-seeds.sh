#!/usr/bin/env bash
# Builds the seed corpus of each fuzz target from the project's fixtures (fixtures/ and
# tests/fidelity/apps/) into fuzz/seeds/<target>/. Run it again when the fixtures change.
set -euo pipefail
cd "$(dirname "$0")"
seeds=seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{parse_json,parse_json5,parse_toml,model,resolve,text_sync}
fixtures=(../fixtures ../tests/fidelity/apps)

n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  case "$file" in
    *.json) target=parse_json ;;
    *.json5) target=parse_json5 ;;
    *.toml) target=parse_toml ;;
  esac
  cp "$file" "$seeds/$target/fixture-$n"
  # model: the first byte picks the kind (0 capability, 1 permission file, 2 config,
  # 3 acl-manifests.json, 4 build.rs, 5 Rust) plus 6 × the format (0 json, 1 json5, 2 toml).
  case "$file" in
    *.json) format=0 ;; *.json5) format=1 ;; *.toml) format=2 ;;
  esac
  case "$file" in
    */capabilities/*) kind=0 ;;
    */permissions/*) kind=1 ;;
    *tauri.conf.json*|*Tauri.toml) kind=2 ;;
    */acl-manifests.json) kind=3 ;;
    *) kind=1 ;;
  esac
  selector=$((kind + 6 * format))
  { printf "\\$(printf '%03o' "$selector")"; cat "$file"; } > "$seeds/model/fixture-$n"
done < <(find "${fixtures[@]}" -type f \( -name '*.json' -o -name '*.json5' -o -name '*.toml' \) \
  -not -path '*/cargo-home/registry/*' -size -64k -print0 | sort -z)

# The core table and Rust label scanners, through the model target.
while IFS= read -r -d '' file; do
  n=$((n + 1))
  case "$file" in
    */tauri-2.12.5/build.rs|*/tauri/build.rs) selector=4 ;;
    *) selector=5 ;;
  esac
  { printf "\\$(printf '%03o' "$selector")"; cat "$file"; } > "$seeds/model/rust-$n"
done < <(find "${fixtures[@]}" -type f -name '*.rs' -size -64k -print0 | sort -z)

# resolve: plugin fz's manifest, plugin gz's, the app's permissions and a capability,
# separated by `----` lines (see fuzz_targets/resolve.rs).
edge=../tests/fidelity/apps/edge-app
i=0
for capability in "$edge"/src-tauri/capabilities/*.json ../fixtures/*/src-tauri/capabilities/*.json; do
  i=$((i + 1))
  {
    sed 's/alpha/fz/g; s/beta/gz/g' "$edge/plugins/alpha/permissions/write.toml"
    printf '\n----\n'
    sed 's/alpha/fz/g; s/beta/gz/g' "$edge/plugins/beta/permissions/default.toml"
    printf '\n----\n'
    sed 's/alpha/fz/g; s/beta/gz/g' "$edge/src-tauri/permissions/more/shadow.toml"
    printf '\n----\n'
    sed 's/alpha:/fz:/g; s/beta:/gz:/g; s/"fs:/"fz:/g; s/"dialog:/"gz:/g' "$capability"
  } > "$seeds/resolve/app-$i"
done

# text_sync takes structured input (cargo fuzz's `arbitrary`); fixture texts are a fine
# start for its bytes too.
cp "$seeds"/parse_json/fixture-* "$seeds/text_sync/" 2>/dev/null || true
for target in "$seeds"/*; do
  echo "$(basename "$target"): $(ls "$target" | wc -l) seeds"
done
