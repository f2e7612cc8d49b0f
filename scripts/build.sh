#!/usr/bin/env bash
# Builds the UI into ui/dist and the `gongkai` binary with the frontend embedded
# (the custom-protocol feature, as `tauri build` does). Prints the binary's path.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/tmp/gongkai-target}
(cd ui && npm run build >&2)
cargo build -p gongkai --features custom-protocol >&2
echo "$CARGO_TARGET_DIR/debug/gongkai"
