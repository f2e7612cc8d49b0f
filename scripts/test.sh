#!/usr/bin/env bash
# 第二条命令：运行全部测试（Rust、界面 Vitest、真实窗口的端到端测试、安装包检查）。
# Installs what is missing first; needs no display (starts its own Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/tmp/gongkai-target}
export CARGO_TERM_COLOR=never
start=$(date +%s)
step() { echo; echo "==> [$(( $(date +%s) - start ))s] $*"; }

step "依赖"
scripts/deps.sh

step "界面：构建与 Vitest"
(cd ui && npm run build && npm test)

step "Rust：cargo test（全部 crate）"
cargo test --workspace --features gongkai/custom-protocol

# The `gongkai` that the integration tests just used is built with the frontend embedded
# (custom-protocol) and the same features: the end-to-end tests drive that very binary.
bin="$CARGO_TARGET_DIR/debug/gongkai"

step "端到端：tauri-driver + WebKitWebDriver + Xvfb"
tests/e2e/run.sh "$bin"

# The .deb of that same binary: lintian, unpacked into a scratch root, run (tests/package/check.sh).
step "安装包：打包、lintian、解包后运行"
tests/package/check.sh

step "全部测试通过，用时 $(( $(date +%s) - start )) 秒"
