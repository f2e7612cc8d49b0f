#!/usr/bin/env bash
# The package check of scripts/test.sh: bundles the .deb (scripts/package.sh; `--debug` by default,
# the binary the tests just built, so CI does not compile a release build), then checks it the way
# an office PC would meet it: lintian reports no errors; the data holds the binary, the desktop
# entry, the icons, copyright and changelog.gz; and the copy unpacked with `dpkg-deb -x` into a
# scratch root runs: `--version` is the workspace version, `check` creates a new ledger, and the
# window starts under Xvfb and answers its first IPC call.
#
#   tests/package/check.sh [--release]
# Skips, saying why, only when the Tauri CLI cannot be had (no ui/node_modules/.bin/tauri).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/tmp/gongkai-target}
fail() { echo "安装包检查失败：$*" >&2; exit 1; }

if [[ ! -x ui/node_modules/.bin/tauri ]]; then
  echo "跳过安装包检查：没有 Tauri CLI（ui/node_modules/.bin/tauri；scripts/deps.sh 用 npm ci 安装 @tauri-apps/cli）" >&2
  exit 0
fi
for tool in lintian dpkg-deb dpkg-shlibdeps Xvfb; do
  command -v "$tool" >/dev/null || fail "缺少 $tool，请先运行 scripts/deps.sh"
done

mode=--debug
[[ ${1:-} == --release ]] && mode=
deb=$(scripts/package.sh $mode)
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
[[ $(basename "$deb") == "gongkai_${version}_$(dpkg --print-architecture).deb" ]] || fail "文件名 $(basename "$deb") 不含工作区版本 $version"
echo "安装包：$deb（$(du -h "$deb" | cut -f1)）"

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# The control data.
dpkg-deb -f "$deb" Package Version Maintainer Depends >"$work/control"
cat "$work/control"
grep -qx "Package: gongkai" "$work/control" || fail "包名不是 gongkai"
grep -qx "Version: $version" "$work/control" || fail "版本不是工作区版本 $version"
grep -Eq '^Maintainer: .+ <[^@ ]+@[^@ ]+>$' "$work/control" || fail "Maintainer 没有电子邮件地址"
grep -q 'libwebkit2gtk-4.1-0' "$work/control" && grep -q 'libgtk-3-0' "$work/control" || fail "Depends 不含 WebKitGTK 4.1 和 GTK 3"

# lintian: no errors (warnings are printed for a person to read). No overrides exist to hide any.
lintian --tag-display-limit 0 "$deb" >"$work/lintian" 2>&1 || true
cat "$work/lintian"
errors=$(grep '^E:' "$work/lintian" || true)
[[ -z $errors ]] || fail "lintian 报告错误：
$errors"
echo "lintian：0 个错误，$(grep -c '^W:' "$work/lintian" || true) 个警告"

# What is in the package.
dpkg-deb -c "$deb" >"$work/contents"
for f in usr/bin/gongkai usr/share/applications/gongkai.desktop usr/share/doc/gongkai/copyright usr/share/doc/gongkai/changelog.gz; do
  grep -Eq " (\./)?$f\$" "$work/contents" || fail "包中没有 $f"
done
for size in 16 24 32 48 64 128 256 512; do
  grep -Eq " (\./)?usr/share/icons/hicolor/${size}x${size}/apps/gongkai.png\$" "$work/contents" || fail "包中没有 ${size}x${size} 图标"
done
root="$work/root"
dpkg-deb -x "$deb" "$root"
desktop="$root/usr/share/applications/gongkai.desktop"
for line in 'Name=政务公开台账' 'Name\[zh_CN\]=政务公开台账' 'Categories=Office;' 'Exec=gongkai' 'Icon=gongkai' 'Keywords\[zh_CN\]=.*依申请公开'; do
  grep -q "^$line" "$desktop" || fail "桌面文件缺少 $line"
done

# The unpacked copy runs.
bin="$root/usr/bin/gongkai"
export GONGKAI_CONFIG_DIR="$work/config"
unset GONGKAI_DB
got=$("$bin" --version)
[[ $got == "gongkai $version" ]] || fail "--version 输出“$got”，应为“gongkai $version”"
out=$("$bin" check --db "$work/new.db")
[[ $out == *台账正常（新建）* ]] || fail "check 没有新建台账：$out"
echo "解包后的程序：$got；$out"

# The window: under a private Xvfb, on the new ledger, until it answers its first IPC call
# (GONGKAI_BENCH_READY_FILE gets a line per answer, see src-tauri/src/bench_hook.rs).
n=$(( (RANDOM % 300) + 600 ))
Xvfb ":$n" -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$n ]] && break; sleep 0.1; done
ready="$work/ready"
DISPLAY=":$n" WEBKIT_DISABLE_DMABUF_RENDERER=1 GONGKAI_SINGLE_INSTANCE=off GONGKAI_BENCH_READY_FILE="$ready" \
  "$bin" --db "$work/new.db" >"$work/window.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do [[ -s $ready ]] && break; sleep 0.1; done
[[ -s $ready ]] || { cat "$work/window.log" >&2; fail "窗口 60 秒内没有回应第一个 IPC 调用"; }
echo "窗口已启动，第一个 IPC 调用已回应：$(head -1 "$ready" | cut -d' ' -f2)"
echo "安装包检查通过"
