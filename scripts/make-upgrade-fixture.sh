#!/usr/bin/env bash
# Makes the upgrade fixture tests/fixtures/upgrade-v12/: a ledger written by an OLDER build (schema
# version 12, main at 07dec8e, before issue 19), with documents, requests through their workflow,
# issued letters and their PDFs (attachments), and the report CSV that build printed for it.
# src-tauri/tests/upgrade.rs opens a copy with the current binary and expects the same CSV.
#
# Usage: scripts/make-upgrade-fixture.sh [OLD_BIN]
#   OLD_BIN  a `gongkai` built at FIXTURE_COMMIT; without it the script checks that commit out in a
#            scratch git worktree and builds it there (cargo, same CARGO_TARGET_DIR).
# The fixture is history: run this once, commit the result, and never regenerate it with a newer
# build (a later schema gets a fixture of its own, in a folder named after its version).
set -euo pipefail
cd "$(dirname "$0")/.."
FIXTURE_COMMIT=07dec8e
OUT=tests/fixtures/upgrade-v12
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/tmp/gongkai-target}

bin=${1:-}
if [[ -z $bin ]]; then
  tree=$(mktemp -d)/old
  git worktree add --detach "$tree" "$FIXTURE_COMMIT" >&2
  trap 'git worktree remove --force "$tree"' EXIT
  # The CLI half needs no particular frontend, but the build embeds one: this tree's, when built
  # (the same features as the tests' build, so cargo reuses every compiled dependency).
  mkdir -p "$tree/ui/dist"
  [[ -f ui/dist/index.html ]] && cp -a ui/dist/. "$tree/ui/dist/"
  (cd "$tree" && cargo build -p gongkai --features gongkai/custom-protocol >&2)
  bin="$CARGO_TARGET_DIR/debug/gongkai"
  # Kept aside: the next build of this tree replaces it.
  cp "$bin" "${TMPDIR:-/tmp}/gongkai-$FIXTURE_COMMIT"
  bin="${TMPDIR:-/tmp}/gongkai-$FIXTURE_COMMIT"
fi
bin=$(realpath "$bin")

work=$(mktemp -d)
db="$work/ledger.db"
export GONGKAI_CONFIG_DIR="$work/config"
unset GONGKAI_DB
g() { "$bin" "$@" --db "$db" --operator 制表人; }

g check >&2
version=$(g check | sed -n 's/.*结构版本 \([0-9]*\).*/\1/p')
[[ $version == 12 ]] || { echo "错误：$bin 写出的结构版本是 $version，夹具应为 12" >&2; exit 1; }
g settings set 机关名称 测试区人民政府办公室 >&2

# 文件台账: six documents over two years, every category, statuses that move the year's figures.
cat >"$work/docs.csv" <<'CSV'
文件名称,文号,类别,制发机关,起草部门,成文日期,发布日期,施行日期,有效期至,状态,状态变更日期,公开属性,公开方式,保密审查,解读材料,备注
测试区物业管理办法,测政令〔2024〕1号,规章,测试区人民政府,建设局,2024-02-01,2024-02-10,2024-03-01,,现行有效,,全文公开,主动公开,是,物业管理办法政策解读|文字|2024-02-10,
测试区停车收费管理规定,测政规〔2024〕2号,行政规范性文件,测试区人民政府,财政局,2024-05-06,2024-05-08,2024-06-01,2029-05-31,已废止,2025-06-30,全文公开,主动公开,是,停车收费图解|图解,
测试区城市绿化管理办法,测政规〔2025〕1号,行政规范性文件,测试区人民政府,规划局,2025-01-15,2025-01-20,2025-02-20,2030-02-19,现行有效,,全文公开,主动公开,是,城市绿化管理办法政策解读|文字|2025-01-20,
测试区老旧小区改造实施意见,测政发〔2025〕3号,其他政策文件,测试区人民政府,建设局,2025-03-03,2025-03-10,2025-03-10,,现行有效,,删减后公开,主动公开,是,,
测试区优化营商环境若干措施,测政规〔2025〕2号,行政规范性文件,测试区人民政府,经济发展局,2025-04-01,2025-04-08,2025-05-01,2027-04-30,现行有效,,全文公开,主动公开,是,营商环境新闻发布会|音视频,
测试区公共数据管理暂行办法,测政规〔2025〕3号,行政规范性文件,测试区人民政府,信息中心,2025-08-18,2025-08-25,2025-09-25,2027-09-24,现行有效,,全文公开,主动公开,是,公共数据管理暂行办法政策解读|文字|2025-08-25,
CSV
g import documents "$work/docs.csv" >&2

# 依申请公开: a carry-over from 2024, and 2025's requests replied, corrected, consulted, withdrawn
# and still open at the year's end.
reg() { g request register "$@"; }
r1=$(reg --type 自然人 --name 王小明 --channel 邮寄 --received 2024-12-20 --content 申请公开某道路改造工程立项批复 --id 11010519491231002X --contact 13912345678)
r2=$(reg --type 自然人 --name 李华 --channel 当面 --received 2025-03-03 --content 申请公开测试区物业管理办法 --document 测政令〔2024〕1号 --id 11010519491231002X --contact 13800001111)
r3=$(reg --type 商业企业 --name 某某建设有限公司 --channel 网络 --received 2025-04-07 --content 申请公开老旧小区改造招标文件 --id 91110000100000000R)
r4=$(reg --type 自然人 --name 张三 --channel 当面 --received 2025-05-12 --content 申请公开某拆迁补偿标准)
r5=$(reg --type 法律服务机构 --name 某某律师事务所 --channel 邮寄 --received 2025-06-02 --content 申请公开某行政处罚决定)
r6=$(reg --type 自然人 --name 赵六 --channel 网络 --received 2025-12-22 --content 申请公开公共数据目录)
ev() { g request event "$@" >&2; }
ev "$r1" 答复 --date 2025-01-10 --result 予以公开 --reply-type 1
ev "$r1" 送达 --date 2025-01-13 --method 邮寄 --proof EMS0001
ev "$r2" 告知补正 --date 2025-03-04 --items 请写明所需信息的文号 --correct-by 2025-03-18
ev "$r2" 收到补正 --date 2025-03-07
ev "$r2" 答复 --date 2025-03-20 --result 部分公开 --reply-type 2
ev "$r3" 征求意见 --date 2025-04-09 --party 某某第三方公司
ev "$r3" 征求意见结束 --date 2025-04-25 --opinion 不同意公开商业秘密部分
ev "$r3" 答复 --date 2025-05-06 --result 部分公开 --reply-type 2
ev "$r4" 撤回 --date 2025-05-20 --reason 申请人书面撤回
ev "$r5" 答复 --date 2025-06-20 --result 本机关不掌握相关政府信息 --reply-type 5
for n in "$r2" "$r3" "$r6"; do
  g letter "$n" 登记回执 --out "$work/receipt-$n.pdf" >&2
done
g letter "$r2" 补正告知书 --out "$work/correction-$r2.pdf" >&2

g audit verify >&2
g report --year 2025 --format csv >"$work/report-2025.csv"
g report --year 2024 --format csv >"$work/report-2024.csv"
g check >&2

counts=$("$bin" check --read-only --db "$db" 2>&1)
# The old build closed the ledger: its WAL is checkpointed into the file, which alone is the fixture.
rm -rf "$OUT"
mkdir -p "$OUT"
cp "$db" "$OUT/ledger.db"
[[ -d "$db-附件" ]] && cp -a "$db-附件" "$OUT/ledger.db-附件"
cp "$work/report-2025.csv" "$work/report-2024.csv" "$OUT/"
{
  echo "made by scripts/make-upgrade-fixture.sh with the gongkai of commit $(git rev-parse --short "$FIXTURE_COMMIT" 2>/dev/null || echo "$FIXTURE_COMMIT")"
  echo "schema version: $version"
  echo "binary: $("$bin" --version)"
  echo "counts: $counts"
} >"$OUT/ORIGIN.txt"
chmod -R u+rw,go-w "$OUT"
rm -rf "$work"
echo "已生成 $OUT" >&2
