#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 120 s each; pass seconds as $1),
# starting from the committed seeds plus whatever earlier runs found (fuzz/corpus/,
# not committed). Needs nightly and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz --locked
# A crash stops the run with its input under fuzz/artifacts/<target>/; fix it in the
# engine and keep the input as a regression test in the server crate's tests.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-120}"
targets=(parse_json parse_json5 parse_toml model resolve text_sync)
if [ $# -gt 1 ]; then targets=("${@:2}"); fi
cargo +nightly fuzz build -O
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "==> $target for ${seconds}s"
  cargo +nightly fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1
done
