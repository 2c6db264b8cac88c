#!/usr/bin/env bash
# Regenerates server/data/catalogue.json: every released 2.x version of `tauri` and of
# the official plugins that ship permissions, unpacked with cargo into a scratch cargo
# home and read with tauri-acl's own discovery code. Network: crates.io, through cargo.
#
#   bash scripts/catalogue/generate.sh [--cargo-home DIR] [--offline] [--only CRATE]
#   bash scripts/catalogue/generate.sh --download-only --newest N [--cargo-home DIR]
#
# The second form only unpacks the newest N releases of each crate, for the tests that
# hold the bundled data to the real crates (CI uses it).
# The scratch cargo home (default: $TMPDIR/tauri-acl-catalogue) is kept so a second run
# only downloads new releases; delete it when done.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec cargo run --quiet --locked -p tauri-acl-catalogue -- --out server/data/catalogue.json "$@"
