#!/usr/bin/env bash
# 打包：生成可安装的 .deb（sudo apt install ./gongkai_X.Y.Z_amd64.deb）。
#
#   scripts/package.sh            release build, stripped: <target dir>/release/bundle/deb/
#   scripts/package.sh --debug    bundles the debug binary the tests built (scripts/test.sh), no
#                                 rebuild: a stripped copy, bundled in a scratch target folder; the
#                                 .deb is then copied to <target dir>/debug/bundle/deb/
#
# Through the Tauri CLI v2 (the npm package @tauri-apps/cli, a devDependency of ui/), with
# `--bundles deb` only: AppImage's tools are downloaded from the internet, which the office's PCs
# cannot reach. The package's Depends are computed from the binary by dpkg-shlibdeps (WebKitGTK
# 4.1, GTK 3, libc and the rest), its version is the workspace version, its Maintainer the
# workspace authors. Prints the .deb's path on standard output.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/tmp/gongkai-target}
export CARGO_TERM_COLOR=never

profile=release
[[ ${1:-} == --debug ]] && profile=debug

tauri=ui/node_modules/.bin/tauri
if [[ ! -x $tauri ]]; then
  echo "错误：找不到 Tauri CLI（$tauri）；请先运行 scripts/deps.sh（npm ci 安装 ui/ 的 @tauri-apps/cli）" >&2
  exit 3
fi
for tool in dpkg-shlibdeps dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "错误：缺少 $tool（dpkg-dev），请先运行 scripts/deps.sh" >&2; exit 3; }
done

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
changelog_version=$(sed -n '1s/^gongkai (\([^)]*\)).*/\1/p' packaging/deb/changelog)
if [[ $version != "$changelog_version" ]]; then
  echo "错误：工作区版本是 $version，packaging/deb/changelog 最新一条是 $changelog_version；请先在 changelog 顶部为 $version 写一条" >&2
  exit 1
fi

bin="$CARGO_TARGET_DIR/$profile/gongkai"
if [[ $profile == release ]]; then
  echo "==> 界面：npm run build" >&2
  (cd ui && npm run build >&2)
  # The same cargo build as the tests use (frontend embedded), in release:
  # profile.release strips. `tauri bundle` then packages that binary.
  echo "==> 程序：cargo build --release（嵌入界面，去除符号）" >&2
  cargo build --release -p gongkai --features gongkai/custom-protocol >&2
else
  [[ -x $bin ]] || { echo "错误：没有 $bin；--debug 打包测试已构建的程序，请先运行 cargo test 或 cargo build --features gongkai/custom-protocol" >&2; exit 1; }
fi

# Depends: the shared libraries the binary links, as Debian names them, with the minimum versions
# its symbols need (dpkg-shlibdeps wants a debian/control to exist; a scratch one does).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/debian"
: >"$scratch/debian/control"
depends=$(cd "$scratch" && dpkg-shlibdeps -O --warnings=0 "$bin" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[[ $depends == *libwebkit2gtk-4.1-0* && $depends == *libgtk-3-0* ]] || {
  echo "错误：依赖计算结果不含 WebKitGTK 4.1 或 GTK 3：$depends" >&2
  exit 1
}
depends_json=$(python3 -c 'import json,sys; print(json.dumps([d.strip() for d in sys.argv[1].split(",") if d.strip()]))' "$depends")
echo "==> Depends: $depends" >&2

mode=()
target=$CARGO_TARGET_DIR
if [[ $profile == debug ]]; then
  # The tests' binary stays as it is; the package gets a stripped copy, like the release build's.
  mode=(--debug)
  target="$scratch/target"
  mkdir -p "$target/debug"
  strip -o "$target/debug/gongkai" "$bin"
fi
echo "==> 打包：tauri bundle ${mode[*]} --bundles deb" >&2
(cd src-tauri && CARGO_TARGET_DIR="$target" "../$tauri" bundle "${mode[@]}" --bundles deb --ci \
  --config "{\"bundle\":{\"linux\":{\"deb\":{\"depends\":$depends_json}}}}" >&2)

name="gongkai_${version}_$(dpkg --print-architecture).deb"
deb="$CARGO_TARGET_DIR/$profile/bundle/deb/$name"
if [[ $profile == debug ]]; then
  mkdir -p "$(dirname "$deb")"
  cp "$target/debug/bundle/deb/$name" "$deb"
fi
[[ -f $deb ]] || { echo "错误：没有生成 $deb" >&2; exit 1; }
echo "$deb"
