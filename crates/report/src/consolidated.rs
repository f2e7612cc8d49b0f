//! The district's report from its units' reports (汇总, issue 20): tables 二, 三 and 四 as the
//! cell-wise sum of the accepted submissions, laid out exactly as a single organ's, and an
//! appendix (附表) with one row per unit: 新收, 上年结转, 办结, 结转下年度, 行政复议, 行政诉讼,
//! 报送日期. As a GB/T 9704 PDF and as a workbook with the same grids.

use chrono::{Datelike, NaiveDate};
use gongkai_core::report::AnnualFigures;
use gongkai_core::submission::{UnitTotals, APPENDIX_COLUMNS};
use gongkai_pdf::{Block, Cell, Doc, Table};

/// One line of the appendix: a unit, its totals and its 报送日期.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendixLine {
    pub unit: String,
    pub totals: UnitTotals,
    pub submitted_on: String,
}

/// The appendix table: a header row, one row per unit, and a 合计 row.
pub fn appendix_table(lines: &[AppendixLine]) -> Table {
    let head = |t: &str| Cell::new(t).center().bold();
    let mut rows = vec![APPENDIX_COLUMNS.iter().map(|c| head(c)).collect::<Vec<_>>()];
    let mut sum = [0u32; 6];
    for l in lines {
        let cols = l.totals.columns();
        sum.iter_mut().zip(cols).for_each(|(s, v)| *s += v);
        rows.push(
            std::iter::once(Cell::new(l.unit.as_str()))
                .chain(cols.iter().map(|v| Cell::new(v.to_string()).center()))
                .chain([Cell::new(l.submitted_on.as_str()).center()])
                .collect(),
        );
    }
    rows.push(
        std::iter::once(head("合计"))
            .chain(sum.iter().map(|v| Cell::new(v.to_string()).center()))
            .chain([Cell::new("")])
            .collect(),
    );
    Table { col_widths_mm: vec![40.0, 15.0, 17.0, 15.0, 19.0, 16.0, 16.0, 24.0], rows, font_size_pt: 10.5, header_rows: 1, keep_with_next: vec![] }
}

/// The title of the consolidated report.
pub fn title(organ: &str, year: i32) -> String {
    let organ = if organ.trim().is_empty() { crate::ORGAN_PLACEHOLDER } else { organ.trim() };
    format!("{organ}\n{year}年政府信息公开工作年度报告汇总表")
}

/// The consolidated report of `organ` (the district) for the figures' year, dated `date`.
pub fn consolidated_report(organ: &str, f: &AnnualFigures, lines: &[AppendixLine], date: NaiveDate) -> Doc {
    let organ_name = if organ.trim().is_empty() { crate::ORGAN_PLACEHOLDER } else { organ.trim() };
    let mut blocks = vec![Block::Paragraph(format!(
        "本表由{organ_name}根据本区{n}个单位报送的{y}年政府信息公开工作年度报告逐项相加汇总，\
         表格格式依据{notice}，所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。各单位报送情况见附表。",
        n = lines.len(),
        y = f.year,
        notice = crate::FORMAT_NOTICE
    ))];
    blocks.push(Block::Heading1("二、主动公开政府信息情况".into()));
    blocks.push(Block::Table(crate::section_two(f)));
    blocks.push(Block::Heading1("三、收到和处理政府信息公开申请情况".into()));
    blocks.push(Block::Table(crate::section_three(f)));
    blocks.push(Block::Heading1("四、政府信息公开行政复议、行政诉讼情况".into()));
    blocks.push(Block::Table(crate::section_four(f)));
    blocks.push(Block::Heading1("附表：各单位报送情况".into()));
    if lines.is_empty() {
        blocks.push(Block::Paragraph("（尚无单位报送）".into()));
    } else {
        blocks.push(Block::Table(appendix_table(lines)));
    }
    blocks.push(Block::Spacer(8.0));
    blocks.push(Block::Signature { organ: organ_name.to_string(), date: format!("{}年{}月{}日", date.year(), date.month(), date.day()) });
    Doc { title: title(organ, f.year), blocks, footer_page_numbers: true }
}

/// The workbook: the three tables of a single organ's workbook, summed, and a fourth sheet with
/// the appendix.
pub fn consolidated_xlsx(organ: &str, f: &AnnualFigures, lines: &[AppendixLine]) -> Result<Vec<u8>, String> {
    let organ = if organ.trim().is_empty() { crate::ORGAN_PLACEHOLDER } else { organ.trim() };
    crate::xlsx::workbook(
        &format!("{organ}{}年政府信息公开工作年度报告汇总表", f.year),
        f,
        &[("附表、各单位报送情况", "附表：各单位报送情况", appendix_table(lines))],
        None,
    )
}

/// One unit on the 催报 list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderLine {
    pub unit: String,
    pub contact: String,
    /// 报送截止日 (YYYY-MM-DD) or empty.
    pub due: String,
    /// "剩余 3 天" / "已逾期 5 天" / "".
    pub days: String,
}

/// The printable 催报 list: the units that have not reported the year's tables, dated `date`.
pub fn reminder_list(organ: &str, year: i32, lines: &[ReminderLine], date: NaiveDate) -> Doc {
    let organ_name = if organ.trim().is_empty() { crate::ORGAN_PLACEHOLDER } else { organ.trim() };
    let head = |t: &str| Cell::new(t).center().bold();
    let mut rows = vec![["序号", "单位", "联系人", "报送截止日", "情况"].map(head).to_vec()];
    for (i, l) in lines.iter().enumerate() {
        rows.push(vec![
            Cell::new((i + 1).to_string()).center(),
            Cell::new(l.unit.as_str()),
            Cell::new(l.contact.as_str()),
            Cell::new(l.due.as_str()).center(),
            Cell::new(l.days.as_str()).center(),
        ]);
    }
    let mut blocks = vec![Block::Paragraph(format!(
        "截至{}年{}月{}日，下列{}个单位尚未报送{year}年政府信息公开工作年度报告。请按《中华人民共和国政府信息公开条例》第四十九条的规定，尽快报送。",
        date.year(),
        date.month(),
        date.day(),
        lines.len()
    ))];
    if lines.is_empty() {
        blocks.push(Block::Paragraph("（各单位均已报送）".into()));
    } else {
        blocks.push(Block::Table(Table { col_widths_mm: vec![14.0, 42.0, 36.0, 30.0, 34.0], rows, font_size_pt: 12.0, header_rows: 1, keep_with_next: vec![] }));
    }
    blocks.push(Block::Spacer(8.0));
    blocks.push(Block::Signature { organ: organ_name.to_string(), date: format!("{}年{}月{}日", date.year(), date.month(), date.day()) });
    Doc { title: format!("{year}年政府信息公开工作年度报告催报单"), blocks, footer_page_numbers: true }
}
