#!/usr/bin/env bash
# 第一条命令：安装缺少的依赖、构建并启动政务公开台账。
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
bin=$(scripts/build.sh)
echo "==> 启动：$bin" >&2
exec "$bin" "$@"
