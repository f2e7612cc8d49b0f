#!/usr/bin/env bash
# Builds what the benchmark needs and runs it (issue 9): the UI, the `gongkai` window with the
# frontend embedded and the minimal Tauri 2 app it is compared with, both in release as the .deb
# ships them (scripts/package.sh) and in one cargo invocation so that shared dependencies keep the
# same features, the minimal app's second page (the stack's floor for the memory line, built from
# crates/bench/minimal-app/floor/ with ui/node_modules into its dist/floor/), and gongkai-bench
# itself. Arguments go to gongkai-bench, e.g. `scripts/bench.sh --quick` for a small smoke run;
# `scripts/bench.sh --help` lists them.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/tmp/gongkai-target}
(cd ui && npm run build >&2)
node ui/node_modules/vite/bin/vite.js build --config crates/bench/minimal-app/floor/vite.config.mjs >&2
cargo build --release -p gongkai -p gongkai-bench-minimal --features gongkai/custom-protocol,gongkai-bench-minimal/custom-protocol >&2
cargo build --release -p gongkai-bench >&2
exec "$CARGO_TARGET_DIR/release/gongkai-bench" --app "$CARGO_TARGET_DIR/release/gongkai" \
  --minimal-app "$CARGO_TARGET_DIR/release/gongkai-bench-minimal" "$@"
