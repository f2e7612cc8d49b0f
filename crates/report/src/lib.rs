//! Turns the ledger's figures into printed documents: the annual report (政府信息公开工作年度报告)
//! laid out in the 2021 format's tables, as a `gongkai_pdf::Doc`. Knows no SQL and no Tauri.

pub mod consolidated;
pub mod letter;

use chrono::{Datelike, NaiveDate};
use gongkai_core::report::{format_wan_yuan, table_three_rows, AnnualFigures, ReviewOutcomes};
use gongkai_core::taxonomy::ApplicantType;
use gongkai_pdf::{Block, Cell, Doc, Table};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod xlsx;

/// What the clerk writes for a year: the narrative sections the ledger cannot count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportTexts {
    /// 一、总体情况 as one text (reports written before the five subheadings); printed only when
    /// `overview_sections` is empty, and when both are empty the summary generated from the figures.
    pub overview: String,
    /// 一、总体情况 under its five subheadings （一）主动公开 … （五）监督保障.
    #[serde(default)]
    pub overview_sections: gongkai_core::overview::OverviewSections,
    /// 五、存在的主要问题及改进情况
    pub problems: String,
    /// 六、其他需要报告的事项
    pub other: String,
}

/// The notice the preamble cites: the notice that issued the 2021 format, by its own title (the
/// format is its annex, not a document of its own).
pub const FORMAT_NOTICE: &str =
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）";

/// 机关名称 shown when the clerk has not set one: visible, never silently blank.
pub use gongkai_core::letter::ORGAN_PLACEHOLDER;

/// The factual summary used for 一、总体情况 when the clerk wrote none.
pub fn generated_overview(f: &AnnualFigures) -> String {
    let t = &f.table_three;
    let two = &f.section_two;
    format!(
        "{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。本年制发规章{ri}件、行政规范性文件{ni}件，\
         废止规章{rr}件、行政规范性文件{nr}件，截至年底现行有效规章{rf}件、行政规范性文件{nf}件。\
         本年新收政府信息公开申请{recv}件，上年结转{cin}件，本年度办结{done}件，结转下年度继续办理{cout}件。",
        year = f.year,
        ri = two.regulations.issued,
        ni = two.normative.issued,
        rr = two.regulations.repealed,
        nr = two.normative.repealed,
        rf = two.regulations.in_force,
        nf = two.normative.in_force,
        recv = t.received.total(),
        cin = t.carried_in.total(),
        done = t.results_total().total(),
        cout = t.carried_out.total(),
    )
}

fn n(v: u32) -> Cell {
    Cell::new(v.to_string()).center()
}

fn opt<T: ToString>(v: Option<T>) -> Cell {
    Cell::new(v.map(|v| v.to_string()).unwrap_or_default()).center()
}

fn head(t: &str) -> Cell {
    Cell::new(t).center().bold()
}

/// The rows of table 二 that are a sub-table's title (第二十条第（…）项) or its column heads.
pub const SECTION_TWO_HEADS: [usize; 8] = [0, 1, 4, 5, 7, 8, 11, 12];

pub(crate) fn section_two(f: &AnnualFigures) -> Table {
    let two = &f.section_two;
    let cov = Cell::covered;
    let block = |title: &str| vec![head(title).span(4, 1), cov(), cov(), cov()];
    let wide = |label: &str, value: Cell| vec![Cell::new(label).center(), value.span(3, 1), cov(), cov()];
    let fees = two.fees_wan_yuan.map(format_wan_yuan);
    Table {
        col_widths_mm: vec![39.0, 39.0, 39.0, 39.0],
        rows: vec![
            block("第二十条第（一）项"),
            vec![head("信息内容"), head("本年制发件数"), head("本年废止件数"), head("现行有效件数")],
            vec![Cell::new("规章").center(), n(two.regulations.issued), n(two.regulations.repealed), n(two.regulations.in_force)],
            vec![Cell::new("行政规范性文件").center(), n(two.normative.issued), n(two.normative.repealed), n(two.normative.in_force)],
            block("第二十条第（五）项"),
            vec![head("信息内容"), head("本年处理决定数量").span(3, 1), cov(), cov()],
            wide("行政许可", opt(two.licensing)),
            block("第二十条第（六）项"),
            vec![head("信息内容"), head("本年处理决定数量").span(3, 1), cov(), cov()],
            wide("行政处罚", opt(two.penalties)),
            wide("行政强制", opt(two.enforcement)),
            block("第二十条第（八）项"),
            vec![head("信息内容"), head("本年收费金额（单位：万元）").span(3, 1), cov(), cov()],
            wide("行政事业性收费", opt(fees)),
        ],
        font_size_pt: 10.5,
        header_rows: 0,
        // Each 第二十条第（…）项 title and its column heads stay with the item's first row.
        keep_with_next: SECTION_TWO_HEADS.to_vec(),
    }
}

/// Table 三: three label columns (三 → （三） → 1.…) and the seven numbers.
pub(crate) fn section_three(f: &AnnualFigures) -> Table {
    let cov = Cell::covered;
    let mut rows: Vec<Vec<Cell>> = vec![
        [
            vec![Cell::new("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）").span(3, 3).center(), cov(), cov()],
            vec![head("申请人情况").span(7, 1)],
            (0..6).map(|_| cov()).collect(),
        ]
        .concat(),
        [
            vec![cov(), cov(), cov(), head("自然人").span(1, 2), head("法人或其他组织").span(5, 1)],
            (0..4).map(|_| cov()).collect(),
            vec![head("总计").span(1, 2)],
        ]
        .concat(),
        [
            vec![cov(), cov(), cov(), cov()],
            ApplicantType::ALL[1..].iter().map(|a| head(a.label())).collect(),
            vec![cov()],
        ]
        .concat(),
    ];
    let numbers = |c: &[u32; 7]| c.iter().map(|v| n(*v)).collect::<Vec<_>>();
    let printed = table_three_rows(&f.table_three);
    // Rows of 三、本年度办理结果: from the row after "三、本年度办理结果" through （七）总计.
    let results_start = printed.iter().position(|(l, _)| l.starts_with("三、")).expect("三 row") + 1;
    let results_end = printed.iter().position(|(l, _)| l.starts_with("（七）")).expect("（七） row");
    let result_rows: Vec<&(String, Option<[u32; 7]>)> =
        printed[results_start..=results_end].iter().filter(|(_, v)| v.is_some()).collect();
    let span_three = result_rows.len();
    for (label, values) in &printed[..results_start - 1] {
        rows.push([vec![Cell::new(label.as_str()).span(3, 1), cov(), cov()], numbers(values.as_ref().expect("numbers"))].concat());
    }
    let mut first = true;
    let mut i = results_start;
    while i <= results_end {
        let (label, values) = &printed[i];
        let head3 = if first { Cell::new("三、本年度办理结果").span(1, span_three).center() } else { cov() };
        first = false;
        match values {
            Some(v) => {
                // （一）（二）（七）: a whole row spanning the group and leaf columns.
                rows.push([vec![head3, Cell::new(label.as_str()).span(2, 1), cov()], numbers(v)].concat());
                i += 1;
            }
            None => {
                // A group row: its leaves follow until the next group or （七）.
                let leaves: Vec<&(String, Option<[u32; 7]>)> = printed[i + 1..=results_end]
                    .iter()
                    .take_while(|(l, v)| v.is_some() && !l.starts_with('（'))
                    .collect();
                for (k, (leaf, v)) in leaves.iter().enumerate() {
                    let g = if k == 0 { Cell::new(label.as_str()).span(1, leaves.len()).center() } else { cov() };
                    let h = if k == 0 { head3.clone() } else { cov() };
                    rows.push([vec![h, g, Cell::new(leaf.as_str())], numbers(v.as_ref().expect("leaf numbers"))].concat());
                }
                i += 1 + leaves.len();
            }
        }
    }
    for (label, values) in &printed[results_end + 1..] {
        rows.push([vec![Cell::new(label.as_str()).span(3, 1), cov(), cov()], numbers(values.as_ref().expect("numbers"))].concat());
    }
    Table { col_widths_mm: [vec![10.0, 18.0, 37.0], vec![13.0; 7]].concat(), rows, font_size_pt: 9.0, header_rows: 3, keep_with_next: vec![] }
}

/// Table 四 as the 2021 form draws it: row 1 行政复议 (five columns) | 行政诉讼 (ten); row 2 the
/// five 行政复议 outcomes, each down through row 3, | 未经复议直接起诉 | 复议后起诉; row 3 the ten
/// litigation outcomes; then the one row of fifteen numbers.
pub(crate) fn section_four(f: &AnnualFigures) -> Table {
    let cov = Cell::covered;
    let covs = |k: usize| (0..k).map(|_| cov()).collect::<Vec<_>>();
    let four = &f.table_four;
    const OUTCOMES: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let values = |o: &ReviewOutcomes| o.columns().iter().map(|v| n(*v)).collect::<Vec<_>>();
    Table {
        col_widths_mm: vec![10.4; 15],
        rows: vec![
            [vec![head("行政复议").span(5, 1)], covs(4), vec![head("行政诉讼").span(10, 1)], covs(9)].concat(),
            [
                OUTCOMES.map(|o| head(o).span(1, 2)).to_vec(),
                vec![head("未经复议直接起诉").span(5, 1)],
                covs(4),
                vec![head("复议后起诉").span(5, 1)],
                covs(4),
            ]
            .concat(),
            [covs(5), OUTCOMES.map(head).to_vec(), OUTCOMES.map(head).to_vec()].concat(),
            [values(&four.reconsideration), values(&four.litigation_direct), values(&four.litigation_after)].concat(),
        ],
        font_size_pt: 9.0,
        header_rows: 3,
        keep_with_next: vec![],
    }
}

fn paragraphs(text: &str) -> Vec<Block> {
    text.split('\n').map(str::trim).filter(|p| !p.is_empty()).map(|p| Block::Paragraph(p.to_string())).collect()
}

/// The annual report of `organ` for the figures' year, dated `date`.
pub fn annual_report(organ: &str, f: &AnnualFigures, texts: &ReportTexts, date: NaiveDate) -> Doc {
    let organ = if organ.trim().is_empty() { ORGAN_PLACEHOLDER } else { organ.trim() };
    let or_none = |t: &str, none: &str| if t.trim().is_empty() { none.to_string() } else { t.to_string() };
    let mut blocks = vec![Block::Paragraph(format!(
        "本报告由{organ}根据《中华人民共和国政府信息公开条例》和{FORMAT_NOTICE}编制，\
         所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
        y = f.year
    ))];
    blocks.push(Block::Heading1("一、总体情况".into()));
    if !texts.overview_sections.is_empty() {
        for (heading, text) in texts.overview_sections.headed() {
            blocks.push(Block::Heading2(heading.into()));
            blocks.extend(paragraphs(&or_none(text, "（本节尚未填写）")));
        }
    } else if !texts.overview.trim().is_empty() {
        blocks.extend(paragraphs(&texts.overview));
    } else {
        blocks.extend(paragraphs(&generated_overview(f)));
    }
    blocks.push(Block::Heading1("二、主动公开政府信息情况".into()));
    blocks.push(Block::Table(section_two(f)));
    blocks.push(Block::Heading1("三、收到和处理政府信息公开申请情况".into()));
    blocks.push(Block::Table(section_three(f)));
    blocks.push(Block::Heading1("四、政府信息公开行政复议、行政诉讼情况".into()));
    blocks.push(Block::Table(section_four(f)));
    blocks.push(Block::Heading1("五、存在的主要问题及改进情况".into()));
    blocks.extend(paragraphs(&or_none(&texts.problems, "（本节尚未填写）")));
    blocks.push(Block::Heading1("六、其他需要报告的事项".into()));
    blocks.extend(paragraphs(&or_none(&texts.other, "（本节尚未填写）")));
    blocks.push(Block::Spacer(8.0));
    blocks.push(Block::Signature {
        organ: organ.to_string(),
        date: format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    });
    Doc { title: format!("{organ}\n{}年政府信息公开工作年度报告", f.year), blocks, footer_page_numbers: true }
}
