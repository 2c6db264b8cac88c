#!/usr/bin/env bash
# Regenerates server/data/catalogue.json: every released 2.x version of `tauri` and of
# the official plugins that ship permissions, unpacked with cargo into a scratch cargo
# home and read with tauri-acl's own discovery code. Network: crates.io, through cargo.
#
#   bash scripts/catalogue/generate.sh [--cargo-home DIR] [--offline]
#
# The scratch cargo home (default: $TMPDIR/tauri-acl-catalogue) is kept so a second run
# only downloads new releases; delete it when done.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec cargo run --quiet --locked -p tauri-acl-catalogue -- --out server/data/catalogue.json "$@"
