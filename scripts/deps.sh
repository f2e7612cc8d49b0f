#!/usr/bin/env bash
# Installs what building and testing need and is missing: Debian packages (WebKitGTK, the WebKit
# WebDriver, Xvfb, CJK fonts, poppler, lintian and dpkg-dev for the package check, xdotool for the
# benchmark's sign-in), tauri-driver, and
# the UI's npm packages (the Tauri CLI among them). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libssl-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
  webkit2gtk-driver xvfb xauth dbus-x11 xdotool
  fonts-noto-cjk poppler-utils imagemagick python3
  lintian dpkg-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> 安装系统软件包：${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "==> 安装 tauri-driver" >&2
  cargo install tauri-driver --locked --version '^2'
fi

if [[ ! -d ui/node_modules ]] || [[ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
  echo "==> 安装界面依赖（npm ci）" >&2
  (cd ui && npm ci --no-audit --no-fund)
fi
