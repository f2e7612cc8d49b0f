//! 汇总 (issue 20): a unit's report tables (二, 三, 四) read from a workbook's cells by their
//! labels, not their positions: the app's own `report --format xlsx` export, or the official
//! layout made by another tool or by hand (half-width parentheses, "，" for "、", a missing
//! "申请" are tolerated). Each submission is checked with the 勾稽 rules of the 2021 format per
//! column; the district's tables are the cell-wise sum of the units' figures. Pure: the ledger
//! reads the workbook and passes its sheets here as grids of text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::document::YearFigures;
use crate::report::{AnnualFigures, ByApplicant, CheckFailure, ReviewOutcomes, SectionTwo, TableFour, TableThree, GROUPS};
use crate::taxonomy::ReplyResult;

/// One worksheet as text: rows of cells (merged cells hold their text in the top-left cell).
#[derive(Debug, Clone, Default)]
pub struct SheetGrid {
    pub name: String,
    pub cells: Vec<Vec<String>>,
}

/// The tables of one submission as read, with the printed totals a reader can get wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmittedTables {
    /// The numbers the district counts: the six applicant columns, each leaf, each outcome.
    pub figures: AnnualFigures,
    /// Table 三 as printed: 一, 二, the 21 leaves, （七）总计, 四; seven numbers each (总计 last).
    pub three_printed: Vec<(String, [u32; 7])>,
    /// Table 四 as printed: 行政复议, 直接起诉, 复议后起诉, five numbers each (总计 last).
    pub four_printed: [[u32; 5]; 3],
    /// Tables not found in the workbook (counted as empty), in Chinese.
    pub notes: Vec<String>,
}

/// The seven column names of table 三, as messages name them.
pub const THREE_COLUMNS: [&str; 7] = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
const OUTCOMES: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
const FOUR_BLOCKS: [&str; 3] = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"];

/// A label as compared: no spaces or line breaks, full-width parentheses, "、" for "，" and ",",
/// "." for "．", straight quotes, and without "申请" (row 二 is written with and without it).
pub fn normalize_label(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' | '，' => '、',
            '．' => '.',
            '“' | '”' | '＂' => '"',
            c => c,
        })
        .collect::<String>()
        .replace("申请", "")
}

fn cell(grid: &SheetGrid, r: usize, c: usize) -> &str {
    grid.cells.get(r).and_then(|row| row.get(c)).map(|s| s.trim()).unwrap_or("")
}

/// The first cell (sheet, row, column) whose label is `label`.
fn find(sheets: &[SheetGrid], label: &str) -> Option<(usize, usize, usize)> {
    let want = normalize_label(label);
    for (s, grid) in sheets.iter().enumerate() {
        for (r, row) in grid.cells.iter().enumerate() {
            if let Some(c) = row.iter().position(|v| normalize_label(v) == want) {
                return Some((s, r, c));
            }
        }
    }
    None
}

/// A count as written: empty is 0; "3" or "3.0" (Excel numbers) is 3.
fn count(text: &str, place: impl Fn() -> String) -> Result<u32, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    let parsed = t.parse::<u32>().ok().or_else(|| t.parse::<f64>().ok().filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e9).map(|f| f as u32));
    parsed.ok_or_else(|| format!("{}的“{}”不是件数（应为不小于 0 的整数）", place(), crate::error::clip(t)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ThreeLine {
    Received,
    CarriedIn,
    Leaf(ReplyResult),
    Total,
    CarriedOut,
}

impl ThreeLine {
    fn label(self) -> String {
        match self {
            ThreeLine::Received => "一、本年新收政府信息公开申请数量".into(),
            ThreeLine::CarriedIn => "二、上年结转政府信息公开申请数量".into(),
            ThreeLine::Leaf(r) => match r.group() {
                crate::taxonomy::ResultGroup::Disclosed | crate::taxonomy::ResultGroup::PartlyDisclosed => r.numbered_label(),
                g => format!("{}{}", g.label(), r.numbered_label()),
            },
            ThreeLine::Total => "（七）总计".into(),
            ThreeLine::CarriedOut => "四、结转下年度继续办理".into(),
        }
    }
}

fn group_of(part: &str) -> Option<usize> {
    ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"].iter().position(|p| part.starts_with(p))
}

fn read_three(sheets: &[SheetGrid]) -> Result<Option<(TableThree, Vec<(String, [u32; 7])>)>, String> {
    let Some((s, r0, c0)) = find(sheets, "自然人") else { return Ok(None) };
    let grid = &sheets[s];
    // The columns, by their labels in the header rows (自然人's row and the few below it).
    let mut cols = [0usize; 7];
    let mut header_end = r0;
    for (i, label) in THREE_COLUMNS.iter().enumerate() {
        let want = normalize_label(label);
        let found = (r0..(r0 + 4).min(grid.cells.len())).find_map(|r| {
            grid.cells[r].iter().enumerate().skip(c0).find(|(_, v)| normalize_label(v) == want).map(|(c, _)| (r, c))
        });
        let (r, c) = found.ok_or_else(|| format!("表三（工作表“{}”）找不到“{label}”列", grid.name))?;
        cols[i] = c;
        header_end = header_end.max(r);
    }
    let mut seen: Vec<(ThreeLine, [u32; 7])> = Vec::new();
    let mut group: Option<usize> = None;
    for r in header_end + 1..grid.cells.len() {
        let parts: Vec<String> = (0..c0).map(|c| normalize_label(cell(grid, r, c))).filter(|p| !p.is_empty()).collect();
        let Some(last) = parts.last() else { continue };
        let joined = parts.concat();
        let values: Vec<&str> = cols.iter().map(|&c| cell(grid, r, c)).collect();
        let has_numbers = values.iter().any(|v| !v.is_empty());
        for p in &parts {
            if let Some(g) = group_of(p) {
                group = Some(g);
            }
        }
        let line = if joined.starts_with("一、本年新收") {
            Some(ThreeLine::Received)
        } else if joined.starts_with("二、上年结转") {
            Some(ThreeLine::CarriedIn)
        } else if joined.starts_with("四、结转下年度") {
            Some(ThreeLine::CarriedOut)
        } else if last.starts_with("（七）") {
            Some(ThreeLine::Total)
        } else if last.starts_with("（一）") {
            Some(ThreeLine::Leaf(ReplyResult::Disclosed))
        } else if last.starts_with("（二）") {
            Some(ThreeLine::Leaf(ReplyResult::PartlyDisclosed))
        } else if last.starts_with(|c: char| c.is_ascii_digit()) {
            let number: String = last.chars().take_while(char::is_ascii_digit).collect();
            let by_label = ReplyResult::from_label(last).filter(|r| group.is_none_or(|g| GROUPS[g] == r.group()));
            let by_number = group.and_then(|g| ReplyResult::ALL.into_iter().find(|r| r.group() == GROUPS[g] && r.number() == format!("{number}.")));
            match by_label.or(by_number) {
                Some(leaf) => Some(ThreeLine::Leaf(leaf)),
                None => return Err(format!("表三第{}行“{}”不是 2021 年格式中的一项", r + 1, crate::error::clip(&joined))),
            }
        } else if group_of(last).is_some() && has_numbers {
            return Err(format!(
                "表三第{}行“{}”填了数字，但 2021 年格式中该项分为几行、本行不填数，请按 2021 年格式填报",
                r + 1,
                crate::error::clip(last)
            ));
        } else {
            None
        };
        let Some(line) = line else { continue };
        if seen.iter().any(|(l, _)| *l == line) {
            return Err(format!("表三“{}”行出现了两次（第{}行）", line.label(), r + 1));
        }
        let mut numbers = [0u32; 7];
        for (i, v) in values.iter().enumerate() {
            numbers[i] = count(v, || format!("表三“{}”行“{}”列", line.label(), THREE_COLUMNS[i]))?;
        }
        seen.push((line, numbers));
        if line == ThreeLine::CarriedOut {
            break;
        }
    }
    let order: Vec<ThreeLine> = [ThreeLine::Received, ThreeLine::CarriedIn]
        .into_iter()
        .chain(ReplyResult::ALL.into_iter().map(ThreeLine::Leaf))
        .chain([ThreeLine::Total, ThreeLine::CarriedOut])
        .collect();
    let missing: Vec<String> = order.iter().filter(|l| !seen.iter().any(|(x, _)| x == *l)).map(|l| format!("“{}”", l.label())).collect();
    if !missing.is_empty() {
        return Err(format!("表三缺少{}行", missing.join("、")));
    }
    let get = |l: ThreeLine| seen.iter().find(|(x, _)| *x == l).map(|(_, n)| *n).unwrap_or_default();
    let six = |n: [u32; 7]| {
        let mut b = ByApplicant::default();
        b.0.copy_from_slice(&n[..6]);
        b
    };
    let table = TableThree {
        received: six(get(ThreeLine::Received)),
        carried_in: six(get(ThreeLine::CarriedIn)),
        results: ReplyResult::ALL.iter().map(|r| (*r, six(get(ThreeLine::Leaf(*r))))).collect(),
        carried_out: six(get(ThreeLine::CarriedOut)),
    };
    let printed = order.iter().map(|l| (l.label(), get(*l))).collect();
    Ok(Some((table, printed)))
}

fn read_four(sheets: &[SheetGrid]) -> Result<Option<[[u32; 5]; 3]>, String> {
    let Some((s, r0, _)) = find(sheets, "结果维持") else { return Ok(None) };
    let grid = &sheets[s];
    let outcomes: Vec<String> = OUTCOMES.iter().map(|o| normalize_label(o)).collect();
    let mut columns: Vec<(usize, usize)> = Vec::new(); // (column, header row)
    for r in r0..(r0 + 3).min(grid.cells.len()) {
        for (c, v) in grid.cells[r].iter().enumerate() {
            if outcomes.contains(&normalize_label(v)) && !columns.iter().any(|(x, _)| *x == c) {
                columns.push((c, r));
            }
        }
    }
    columns.sort_unstable();
    if columns.len() != 15 {
        return Err(format!(
            "表四（工作表“{}”）应有 15 列（行政复议、未经复议直接起诉、复议后起诉各 5 列：{}），只找到 {} 列",
            grid.name,
            OUTCOMES.join("、"),
            columns.len()
        ));
    }
    let header_end = columns.iter().map(|(_, r)| *r).max().unwrap_or(r0);
    let data = (header_end + 1..grid.cells.len())
        .find(|&r| columns.iter().any(|(c, _)| !cell(grid, r, *c).is_empty()))
        .ok_or_else(|| "表四没有数字行".to_string())?;
    let mut out = [[0u32; 5]; 3];
    for (k, (c, _)) in columns.iter().enumerate() {
        let (b, o) = (k / 5, k % 5);
        out[b][o] = count(cell(grid, data, *c), || format!("表四“{}”的“{}”", FOUR_BLOCKS[b], OUTCOMES[o]))?;
    }
    Ok(Some(out))
}

fn read_two(sheets: &[SheetGrid]) -> Result<Option<SectionTwo>, String> {
    let Some((s, r0, _)) = find(sheets, "本年制发件数") else { return Ok(None) };
    let grid = std::slice::from_ref(&sheets[s]);
    let head = &grid[0];
    let col = |label: &str| -> Result<usize, String> {
        let want = normalize_label(label);
        head.cells[r0].iter().position(|v| normalize_label(v) == want).ok_or_else(|| format!("表二找不到“{label}”列"))
    };
    let (ci, cr, cf) = (col("本年制发件数")?, col("本年废止件数")?, col("现行有效件数")?);
    let figures = |label: &str| -> Result<YearFigures, String> {
        let (_, r, _) = find(grid, label).ok_or_else(|| format!("表二缺少“{label}”行"))?;
        let place = |what: &'static str| move || format!("表二“{label}”的“{what}”");
        Ok(YearFigures {
            issued: count(cell(head, r, ci), place("本年制发件数"))?,
            repealed: count(cell(head, r, cr), place("本年废止件数"))?,
            in_force: count(cell(head, r, cf), place("现行有效件数"))?,
        })
    };
    // 第二十条第（五）（六）（八）项: the first filled cell right of the label; absent or empty is unset.
    let right_of = |label: &str| -> Option<(String, usize, usize)> {
        let (_, r, c) = find(grid, label)?;
        let v = head.cells[r].iter().skip(c + 1).map(|v| v.trim()).find(|v| !v.is_empty())?;
        Some((v.to_string(), r, c))
    };
    let decisions = |label: &str| -> Result<Option<u32>, String> {
        right_of(label).map(|(v, _, _)| count(&v, || format!("表二“{label}”的“本年处理决定数量”"))).transpose()
    };
    let fees = match right_of("行政事业性收费") {
        None => None,
        Some((v, _, _)) => {
            let f: f64 = v.parse().map_err(|_| format!("表二“行政事业性收费”的“本年收费金额（单位：万元）”“{}”不是数", crate::error::clip(&v)))?;
            crate::report::check_wan_yuan(f).map_err(|e| format!("表二：{e}"))?;
            Some(f)
        }
    };
    Ok(Some(SectionTwo {
        regulations: figures("规章")?,
        normative: figures("行政规范性文件")?,
        licensing: decisions("行政许可")?,
        penalties: decisions("行政处罚")?,
        enforcement: decisions("行政强制")?,
        fees_wan_yuan: fees,
    }))
}

/// Reads a unit's tables from the workbook's sheets. Table 三 must be there; a missing table 二 or
/// 四 counts as empty and is noted.
pub fn read_submission(year: i32, sheets: &[SheetGrid]) -> Result<SubmittedTables, String> {
    let (table_three, three_printed) = read_three(sheets)?
        .ok_or_else(|| "没有找到表三（收到和处理政府信息公开申请情况）：未见“自然人”列。请导入本软件导出的年度报告 Excel，或按 2021 年格式填写的表格".to_string())?;
    let mut notes = Vec::new();
    let section_two = read_two(sheets)?.unwrap_or_else(|| {
        notes.push("未找到表二（主动公开政府信息情况），按空白计".to_string());
        SectionTwo::default()
    });
    let four_printed = read_four(sheets)?.unwrap_or_else(|| {
        notes.push("未找到表四（行政复议、行政诉讼情况），按 0 计".to_string());
        [[0; 5]; 3]
    });
    let block = |n: [u32; 5]| ReviewOutcomes { upheld: n[0], corrected: n[1], other: n[2], pending: n[3] };
    let table_four = TableFour {
        reconsideration: block(four_printed[0]),
        litigation_direct: block(four_printed[1]),
        litigation_after: block(four_printed[2]),
    };
    Ok(SubmittedTables { figures: AnnualFigures { year, section_two, table_three, table_four }, three_printed, four_printed, notes })
}

/// The 勾稽 rules of the 2021 format on the printed tables, per column: 一 + 二 = （七） + 四;
/// （七）总计 = the sum of the leaves; 总计 = the six applicant columns; table 四's 总计 = its four
/// outcomes. Each failure names the column (or row) and the rule.
pub fn check_submission(t: &SubmittedTables) -> Vec<CheckFailure> {
    let mut out = Vec::new();
    let rows = &t.three_printed;
    let row = |prefix: &str| rows.iter().find(|(l, _)| l.starts_with(prefix)).map(|(_, n)| *n).unwrap_or_default();
    let (received, carried_in, total, carried_out) = (row("一、"), row("二、"), row("（七）"), row("四、"));
    let leaves: Vec<[u32; 7]> = rows.iter().filter(|(l, _)| !["一、", "二、", "（七）", "四、"].iter().any(|p| l.starts_with(p))).map(|(_, n)| *n).collect();
    for (i, column) in THREE_COLUMNS.iter().enumerate() {
        let (left, right) = (received[i] + carried_in[i], total[i] + carried_out[i]);
        if left != right {
            out.push(CheckFailure {
                message: format!(
                    "“{column}”列：一、本年新收 {} + 二、上年结转 {} = {left}，不等于（七）总计 {} + 四、结转下年度继续办理 {} = {right}（勾稽关系：第一项加第二项之和，等于第三项加第四项之和）",
                    received[i], carried_in[i], total[i], carried_out[i]
                ),
            });
        }
        let sum: u32 = leaves.iter().map(|n| n[i]).sum();
        if sum != total[i] {
            out.push(CheckFailure { message: format!("“{column}”列：（七）总计 {} 不等于三、本年度办理结果各项之和 {sum}", total[i]) });
        }
    }
    out.extend(crate::report::check_rows(rows));
    for (b, n) in t.four_printed.iter().enumerate() {
        let sum: u32 = n[..4].iter().sum();
        if sum != n[4] {
            out.push(CheckFailure { message: format!("表四“{}”：总计 {} 不等于结果维持、结果纠正、其他结果、尚未审结之和 {sum}", FOUR_BLOCKS[b], n[4]) });
        }
    }
    out
}

/// Across years (practice, not the format): this year's 二 against the same unit's last-year 四,
/// per column; a mismatch is a warning.
pub fn cross_year_warnings(this: &AnnualFigures, last: &AnnualFigures) -> Vec<String> {
    let (now, then) = (this.table_three.carried_in.columns(), last.table_three.carried_out.columns());
    THREE_COLUMNS
        .iter()
        .enumerate()
        .filter(|(i, _)| now[*i] != then[*i])
        .map(|(i, c)| format!("“{c}”列：本年“二、上年结转” {} 不等于上年报送的“四、结转下年度继续办理” {}", now[i], then[i]))
        .collect()
}

fn add_opt(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    }
}

/// The district's figures: the cell-wise sum of the units' (an item no unit filled stays unset;
/// fees are added in fen so that six decimals stay exact).
pub fn sum_figures(year: i32, units: &[AnnualFigures]) -> AnnualFigures {
    let mut t = AnnualFigures { year, ..Default::default() };
    t.table_three = TableThree::compute(year, std::iter::empty());
    let mut fen: Option<i64> = None;
    let plus = |a: &mut ByApplicant, b: &ByApplicant| a.0.iter_mut().zip(b.0).for_each(|(x, y)| *x += y);
    let yf = |a: &mut YearFigures, b: &YearFigures| {
        a.issued += b.issued;
        a.repealed += b.repealed;
        a.in_force += b.in_force;
    };
    let ro = |a: &mut ReviewOutcomes, b: &ReviewOutcomes| {
        a.upheld += b.upheld;
        a.corrected += b.corrected;
        a.other += b.other;
        a.pending += b.pending;
    };
    for u in units {
        let (two, s) = (&mut t.section_two, &u.section_two);
        yf(&mut two.regulations, &s.regulations);
        yf(&mut two.normative, &s.normative);
        two.licensing = add_opt(two.licensing, s.licensing);
        two.penalties = add_opt(two.penalties, s.penalties);
        two.enforcement = add_opt(two.enforcement, s.enforcement);
        if let Some(f) = s.fees_wan_yuan {
            fen = Some(fen.unwrap_or(0) + (f * 1_000_000.0).round() as i64);
        }
        let (three, s) = (&mut t.table_three, &u.table_three);
        plus(&mut three.received, &s.received);
        plus(&mut three.carried_in, &s.carried_in);
        plus(&mut three.carried_out, &s.carried_out);
        for (r, b) in &s.results {
            if let Some((_, a)) = three.results.iter_mut().find(|(x, _)| x == r) {
                plus(a, b);
            }
        }
        ro(&mut t.table_four.reconsideration, &u.table_four.reconsideration);
        ro(&mut t.table_four.litigation_direct, &u.table_four.litigation_direct);
        ro(&mut t.table_four.litigation_after, &u.table_four.litigation_after);
    }
    t.section_two.fees_wan_yuan = fen.map(|f| f as f64 / 1_000_000.0);
    t
}

/// One unit's line of the consolidated report's appendix (附表).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitTotals {
    /// 一、本年新收 (总计)
    pub received: u32,
    /// 二、上年结转
    pub carried_in: u32,
    /// （七）总计: 办结
    pub concluded: u32,
    /// 四、结转下年度继续办理
    pub carried_out: u32,
    /// 行政复议 总计
    pub reconsideration: u32,
    /// 行政诉讼 总计 (直接起诉 and 复议后起诉)
    pub litigation: u32,
}

impl UnitTotals {
    pub fn of(f: &AnnualFigures) -> UnitTotals {
        let t = &f.table_three;
        let four = &f.table_four;
        UnitTotals {
            received: t.received.total(),
            carried_in: t.carried_in.total(),
            concluded: t.results_total().total(),
            carried_out: t.carried_out.total(),
            reconsideration: four.reconsideration.total(),
            litigation: four.litigation_direct.total() + four.litigation_after.total(),
        }
    }
}

/// Columns of [`UnitTotals`] as printed in the appendix, with the unit and the date around them.
pub const APPENDIX_COLUMNS: [&str; 8] = ["单位", "新收", "上年结转", "办结", "结转下年度", "行政复议", "行政诉讼", "报送日期"];

impl UnitTotals {
    pub fn columns(&self) -> [u32; 6] {
        [self.received, self.carried_in, self.concluded, self.carried_out, self.reconsideration, self.litigation]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::ApplicantType;

    #[test]
    fn column_names_are_the_applicant_types_in_order() {
        assert!(ApplicantType::ALL.iter().zip(THREE_COLUMNS).all(|(a, c)| a.label() == c));
    }

    /// Table 三 in the official layout as text: header, then each row's labels and seven numbers.
    fn official(rows: &[(&str, &str, &str, [u32; 7])]) -> SheetGrid {
        let mut cells = vec![
            vec!["（本列数据的勾稽关系为：…）".into(), "".into(), "".into(), "申请人情况".into()],
            ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"].map(String::from).to_vec(),
            ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""].map(String::from).to_vec(),
        ];
        for (a, b, c, n) in rows {
            cells.push([a.to_string(), b.to_string(), c.to_string()].into_iter().chain(n.iter().map(|v| v.to_string())).collect());
        }
        SheetGrid { name: "表三".into(), cells }
    }

    fn leaves(first: [u32; 7]) -> Vec<(&'static str, &'static str, &'static str, [u32; 7])> {
        let z = [0; 7];
        let mut rows = vec![("三、本年度办理结果", "（一）予以公开", "", first), ("", "（二）部分公开", "", z)];
        for (g, n) in [("（三）不予公开", 8), ("（四）无法提供", 3), ("（五）不予处理", 5), ("（六）其他处理", 3)] {
            for i in 0..n {
                let label: &'static str = ["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8."][i];
                rows.push(("", if i == 0 { g } else { "" }, label, z));
            }
        }
        rows
    }

    #[test]
    fn a_table_by_labels_is_read_and_a_broken_column_named_with_its_rule() {
        let n = |v: u32| [v, 0, 0, 0, 0, 0, v];
        let mut rows = vec![("一、本年新收政府信息公开数量", "", "", n(3)), ("二、上年结转政府信息公开申请数量", "", "", n(1))];
        rows.extend(leaves(n(2)));
        rows.push(("", "(七)总计", "", n(2)));
        rows.push(("四、结转下年度继续办理", "", "", n(2)));
        let t = read_submission(2025, &[official(&rows)]).unwrap();
        assert_eq!(t.figures.table_three.received.0[0], 3);
        assert_eq!(t.figures.table_three.result(ReplyResult::Disclosed).0[0], 2);
        assert!(check_submission(&t).is_empty(), "{:?}", check_submission(&t));
        assert_eq!(t.notes.len(), 2, "tables 二 and 四 not found are noted");

        rows[0].3 = [4, 0, 0, 0, 0, 0, 4];
        let failures = check_submission(&read_submission(2025, &[official(&rows)]).unwrap());
        assert_eq!(failures.len(), 2, "{failures:?}");
        assert!(failures[0].message.starts_with("“自然人”列：一、本年新收 4 + 二、上年结转 1 = 5，不等于（七）总计 2 + 四、结转下年度继续办理 2 = 4"));
        assert!(failures[1].message.starts_with("“总计”列"));

        rows.retain(|r| !r.0.starts_with("四、"));
        assert_eq!(read_submission(2025, &[official(&rows)]).unwrap_err(), "表三缺少“四、结转下年度继续办理”行");
    }

    #[test]
    fn sums_add_every_cell_and_keep_unset_items_unset() {
        let mut a = AnnualFigures { year: 2025, ..Default::default() };
        a.table_three = TableThree::compute(2025, std::iter::empty());
        let mut b = a.clone();
        a.section_two.fees_wan_yuan = Some(0.1);
        b.section_two.fees_wan_yuan = Some(0.2);
        b.section_two.licensing = Some(4);
        b.table_three.add_result(ReplyResult::Repeated, ApplicantType::Other);
        a.table_four.reconsideration.pending = 2;
        let s = sum_figures(2025, &[a, b]);
        assert_eq!(s.section_two.fees_wan_yuan, Some(0.3));
        assert_eq!(s.section_two.licensing, Some(4));
        assert_eq!(s.section_two.penalties, None);
        assert_eq!(s.table_three.result(ReplyResult::Repeated).get(ApplicantType::Other), 1);
        assert_eq!(s.table_four.reconsideration.pending, 2);
    }

    #[test]
    fn labels_compare_across_the_variants_seen_in_real_reports() {
        assert_eq!(normalize_label("(三)不予公开"), normalize_label("（三）不予公开"));
        assert_eq!(normalize_label("二、上年结转政府信息公开数量"), normalize_label("二、上年结转政府信息公开申请数量"));
        assert_eq!(normalize_label("1.申请人无正当理由逾期不补正，行政机关"), normalize_label("1.申请人无正当理由逾期不补正、行政机关"));
        assert_ne!(normalize_label("规章"), normalize_label("行政规范性文件"));
    }
}
