#!/usr/bin/env bash
# Runs the end-to-end tests against BIN under a private Xvfb, with tauri-driver, on a scratch ledger.
set -euo pipefail
BIN=$(realpath "$1")
cd "$(dirname "$0")"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pkill -f "WebKitWebDriver.*--port=$((port + 1))" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A display and ports of our own, so parallel runs do not meet.
n=$(( (RANDOM % 400) + 100 ))
display=${E2E_DISPLAY:-:$n}
port=$(( 20000 + n * 2 ))
Xvfb "$display" -screen 0 1366x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done

# WebKitGTK under Xvfb has no GPU: the DMA-BUF renderer would paint nothing.
export WEBKIT_DISABLE_DMABUF_RENDERER=1
export GONGKAI_DB="$work/e2e.db"
# This workstation's settings go to a scratch folder.
export GONGKAI_CONFIG_DIR="$work/config"
# Each test file starts a new window on the same scratch ledger while tauri-driver may still be
# closing the last one, which would then be asked to come forward instead: one window per ledger
# is tested by src-tauri/tests/cli.rs, not here.
export GONGKAI_SINGLE_INSTANCE=off
mkdir -p "$GONGKAI_CONFIG_DIR"
export GONGKAI_BIN="$BIN"
# Printing hands a PDF to the system viewer; under test only the file is written.
export GONGKAI_NO_OPEN=1
export GONGKAI_SHOTS=${GONGKAI_SHOTS:-$work/shots}
# The window saves exports here instead of opening the native save dialog, which WebDriver cannot click.
export GONGKAI_SAVE_DIR="$work/saved"
mkdir -p "$GONGKAI_SAVE_DIR"
# 设置 → 关于's 打开其他台账 and 新建台账 answer this path instead of the native dialog.
export GONGKAI_LEDGER_DIALOG="$work/second.db"
# 设置 → 台账文件's 备份到 U 盘 backs up into this folder instead of asking the native folder dialog.
export GONGKAI_BACKUP_DIALOG="$work/usb"
mkdir -p "$GONGKAI_BACKUP_DIALOG"
export WEBDRIVER_URL="http://127.0.0.1:$port"
tauri-driver --port "$port" --native-port $((port + 1)) >"$work/driver.log" 2>&1 &
pids+=($!)

status=0
node --test --test-concurrency=1 ${E2E_FILES:-./*.test.mjs} || status=$?
if ((status)); then
  echo "---- tauri-driver log ----"; tail -50 "$work/driver.log" || true
fi
exit $status
