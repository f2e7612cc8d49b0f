#!/usr/bin/env bash
# Builds what the benchmark needs and runs it (issue 9): the UI and the `gongkai` window with the
# frontend embedded (scripts/build.sh), the minimal Tauri 2 app it is compared with (same profile,
# same features), and gongkai-bench itself in release. Arguments go to gongkai-bench, e.g.
# `scripts/bench.sh --quick` for a small smoke run; `scripts/bench.sh --help` lists them.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/tmp/gongkai-target}
app=$(scripts/build.sh)
# Built together with the window so that shared dependencies keep the same features (and are reused).
cargo build -p gongkai -p gongkai-bench-minimal --features gongkai/custom-protocol,gongkai-bench-minimal/custom-protocol >&2
cargo build --release -p gongkai-bench >&2
exec "$CARGO_TARGET_DIR/release/gongkai-bench" --app "$app" \
  --minimal-app "$CARGO_TARGET_DIR/debug/gongkai-bench-minimal" "$@"
