//! The plan as CSV (`gongkai plan list --format csv`: one row per task) and the year-end 完成情况
//! workbook (one row per (task, unit) pair, with its latest note and evidence).

use chrono::NaiveDate;

use crate::{Error, Ledger, Result};

pub const PLAN_CSV_HEADER: [&str; 8] = ["部分", "序号", "任务", "牵头单位", "责任单位", "全部单位", "状态", "完成时限"];

/// One row per task in the plan's order: 部分 as written, 序号, 任务, 牵头单位 and 责任单位 as
/// written (joined with 、, an 等相关部门 suffix dropped), 全部单位 是/否, the task's 状态, 完成时限
/// as written.
pub fn plan_csv(ledger: &Ledger, year: i32, today: NaiveDate) -> Result<Vec<u8>> {
    let view = super::plan(ledger, year, today)?;
    let mut rows: Vec<Vec<String>> = vec![PLAN_CSV_HEADER.iter().map(|s| s.to_string()).collect()];
    for t in &view.tasks {
        rows.push(vec![
            t.part.clone(),
            t.seq.to_string(),
            t.title.clone(),
            t.lead.clone(),
            t.responsible.clone(),
            if t.all_units { "是" } else { "否" }.into(),
            t.state().label().into(),
            t.deadline.clone(),
        ]);
    }
    crate::sheet::csv_bytes(rows)
}

/// 完成情况: every pair with its state, latest note, evidence and whether it is overdue.
pub fn plan_xlsx(ledger: &Ledger, year: i32, today: NaiveDate) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let view = super::plan(ledger, year, today)?;
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Validation(format!("生成 Excel 文件失败（{e}）"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("完成情况").map_err(fail)?;
    let bold = Format::new().set_bold();
    let header = ["部分", "序号", "任务", "单位", "角色", "状态", "状态日期", "进展说明", "佐证链接", "佐证附件", "完成时限", "是否逾期"];
    for (c, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold).map_err(fail)?;
        let width = match *name {
            "任务" | "进展说明" => 36.0,
            "部分" | "单位" | "佐证链接" | "佐证附件" => 22.0,
            _ => 10.0,
        };
        sheet.set_column_width(c as u16, width).map_err(fail)?;
    }
    let mut r = 1u32;
    for t in &view.tasks {
        for p in &t.pairs {
            let last = p.notes.last();
            let cells = [
                t.part.clone(),
                t.seq.to_string(),
                t.title.clone(),
                p.unit_name.clone(),
                p.role.clone(),
                p.state.label().to_string(),
                p.state_on.clone().unwrap_or_default(),
                last.map(|n| n.note.clone()).unwrap_or_default(),
                last.map(|n| n.link.clone()).unwrap_or_default(),
                // Every file kept as evidence for the pair, oldest first.
                p.notes.iter().filter_map(|n| n.evidence.as_ref().map(|e| e.file_name.clone())).collect::<Vec<_>>().join("、"),
                if t.deadline.is_empty() { t.due_on.clone() } else { t.deadline.clone() },
                if p.overdue { "逾期" } else { "" }.to_string(),
            ];
            for (c, v) in cells.iter().enumerate() {
                sheet.write_string(r, c as u16, v).map_err(fail)?;
            }
            r += 1;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}
