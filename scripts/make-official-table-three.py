#!/usr/bin/env python3
"""Makes crates/cli/tests/data/official-table-three-2025.xlsx: table 三 of the 2021 format laid
out as another tool or a clerk would (openpyxl, labels in the first three columns, merged label
cells, half-width parentheses, "，" for "、" in (六)1/2, "申请" missing in row 二, a title naming
no organ), with the numbers of the contract sample's 2025 report
(crates/ledger/tests/data/requests-sample-expected-2025.json). The test
crates/cli/tests/consolidation.rs imports it and expects the app's own numbers. Run once
(`pip install openpyxl`), commit the .xlsx: CI does not need openpyxl."""
import json
import os
import sys

from openpyxl import Workbook
from openpyxl.styles import Alignment

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "crates/ledger/tests/data/requests-sample-expected-2025.json")
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "crates/cli/tests/data/official-table-three-2025.xlsx")
COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

d = json.load(open(SRC, encoding="utf-8"))
wb = Workbook()
ws = wb.active
ws.title = "Sheet1"
ws["A1"] = "【机关名称未设置】2025年政府信息公开工作年度报告"
ws["A3"] = "三、收到和处理政府信息公开申请情况"
# Header: rows 4-6.
ws.merge_cells("A4:C6")
ws["A4"] = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
ws.merge_cells("D4:J4")
ws["D4"] = "申请人情况"
ws.merge_cells("D5:D6")
ws["D5"] = "自然人"
ws.merge_cells("E5:I5")
ws["E5"] = "法人或其他组织"
ws.merge_cells("J5:J6")
ws["J5"] = "总计"
for i, c in enumerate(COLS[1:]):
    ws.cell(row=6, column=5 + i, value=c)

row = 7


def numbers(r, counts):
    values = [counts[c] for c in COLS]
    for i, v in enumerate(values):
        ws.cell(row=r, column=4 + i, value=v)
    ws.cell(row=r, column=10, value=sum(values))


def whole(label, counts):
    global row
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    ws.cell(row=row, column=1, value=label)
    numbers(row, counts)
    row += 1


whole("一、本年新收政府信息公开数量", d["新收"])
whole("二、上年结转政府信息公开数量", d["上年结转"])
res = d["结果"]
groups = [
    ("(三)不予公开", ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
                  "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"]),
    ("(四)无法提供", ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"]),
    ("(五)不予处理", ["信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息"]),
    ("(六)其他处理", ["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"]),
]
first = row
for label, key in [("(一)予以公开", "予以公开"), ("(二)部分公开(区分处理的，只计这一情形，不计其他情形)", "部分公开")]:
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
    ws.cell(row=row, column=2, value=label)
    numbers(row, res[key])
    row += 1
for group, leaves in groups:
    ws.merge_cells(start_row=row, start_column=2, end_row=row + len(leaves) - 1, end_column=2)
    ws.cell(row=row, column=2, value=group)
    for i, leaf in enumerate(leaves):
        # The variant seen in real reports: "，" for "、" in (六)1 and 2.
        written = leaf.replace("、行政机关", "，行政机关")
        ws.cell(row=row, column=3, value=f"{i + 1}.{written}")
        numbers(row, res[leaf])
        row += 1
total = {c: sum(res[k][c] for k in res) for c in COLS}
ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
ws.cell(row=row, column=2, value="(七)总计")
numbers(row, total)
ws.merge_cells(start_row=first, start_column=1, end_row=row, end_column=1)
ws.cell(row=first, column=1, value="三、本年度办理结果")
row += 1
whole("四、结转下年度继续办理", d["结转下年度"])
for r in ws.iter_rows():
    for c in r:
        c.alignment = Alignment(wrap_text=True, vertical="center")
wb.save(OUT)
print(OUT)
