//! 政府信息公开工作年度报告: the tables of the 2021 format (国办公开办函〔2021〕30号) as numbers,
//! their reconciliation (勾稽), and the CSV form. Pure: the ledger supplies the facts.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::document::YearFigures;
use crate::taxonomy::{ApplicantType, ReplyResult, ResultGroup};

/// One number per applicant column: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他.
/// 总计 is derived, never stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ByApplicant(pub [u32; 6]);

impl ByApplicant {
    pub fn add(&mut self, t: ApplicantType) {
        self.0[t as usize] += 1;
    }
    pub fn get(&self, t: ApplicantType) -> u32 {
        self.0[t as usize]
    }
    pub fn total(&self) -> u32 {
        self.0.iter().sum()
    }
    /// The seven printed columns: six applicant types and 总计.
    pub fn columns(&self) -> [u32; 7] {
        let mut c = [0; 7];
        c[..6].copy_from_slice(&self.0);
        c[6] = self.total();
        c
    }
    fn plus(&self, other: &ByApplicant) -> ByApplicant {
        let mut out = *self;
        for (a, b) in out.0.iter_mut().zip(other.0) {
            *a += b;
        }
        out
    }
}

/// What the report needs to know of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestFact {
    /// The ledger's row id, so that a counted cell can list its requests (drill-down).
    pub id: i64,
    pub applicant: ApplicantType,
    /// 收到申请之日 (Art. 31).
    pub received: NaiveDate,
    /// When and how the request left the workflow (答复, 撤回 → 其他, 逾期未补正 …).
    pub concluded: Option<(NaiveDate, ReplyResult)>,
}

/// Table 三.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableThree {
    /// 一、本年新收
    pub received: ByApplicant,
    /// 二、上年结转
    pub carried_in: ByApplicant,
    /// 三、本年度办理结果, one row per leaf in `ReplyResult::ALL` order.
    pub results: Vec<(ReplyResult, ByApplicant)>,
    /// 四、结转下年度继续办理
    pub carried_out: ByApplicant,
}

/// The six groups of 三、本年度办理结果 in printed order.
pub const GROUPS: [ResultGroup; 6] = [
    ResultGroup::Disclosed,
    ResultGroup::PartlyDisclosed,
    ResultGroup::Withheld,
    ResultGroup::Unavailable,
    ResultGroup::NotHandled,
    ResultGroup::OtherHandling,
];

/// A numbered row of table 三, as the page and the drill-down name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreeRow {
    /// 一、本年新收
    Received,
    /// 二、上年结转
    CarriedIn,
    /// A leaf of 三、本年度办理结果
    Result(ReplyResult),
    /// （七）总计
    ResultsTotal,
    /// All leaves of one group, e.g. （三）不予公开 (charts; the table prints no numbers there).
    Group(ResultGroup),
    /// 四、结转下年度继续办理
    CarriedOut,
}

impl ThreeRow {
    /// Stable key: received, carried_in, result:<code>, results_total, carried_out.
    pub fn key(self) -> String {
        match self {
            ThreeRow::Received => "received".into(),
            ThreeRow::CarriedIn => "carried_in".into(),
            ThreeRow::Result(r) => format!("result:{}", r.code()),
            ThreeRow::ResultsTotal => "results_total".into(),
            ThreeRow::Group(g) => format!("group:{}", GROUPS.iter().position(|x| *x == g).unwrap_or(0)),
            ThreeRow::CarriedOut => "carried_out".into(),
        }
    }

    pub fn from_key(key: &str) -> Option<ThreeRow> {
        Some(match key {
            "received" => ThreeRow::Received,
            "carried_in" => ThreeRow::CarriedIn,
            "results_total" => ThreeRow::ResultsTotal,
            "carried_out" => ThreeRow::CarriedOut,
            k if k.starts_with("group:") => ThreeRow::Group(*GROUPS.get(k[6..].parse::<usize>().ok()?)?),
            k => ThreeRow::Result(ReplyResult::from_code(k.strip_prefix("result:")?)?),
        })
    }
}

impl RequestFact {
    /// The rows of table 三 for `year` this request is counted in (（七）总计 aside, which is
    /// every `Result` row). This is the one definition both the counts and the drill-down use.
    pub fn rows_in(&self, year: i32) -> Vec<ThreeRow> {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year");
        let end = NaiveDate::from_ymd_opt(year, 12, 31).expect("valid year");
        let concluded_on = self.concluded.map(|(d, _)| d);
        let mut rows = Vec::with_capacity(3);
        if self.received.year() == year {
            rows.push(ThreeRow::Received);
        }
        if self.received < start && concluded_on.is_none_or(|d| d >= start) {
            rows.push(ThreeRow::CarriedIn);
        }
        if let Some((d, result)) = self.concluded {
            if d.year() == year && self.received <= end {
                rows.push(ThreeRow::Result(result));
            }
        }
        if self.received <= end && concluded_on.is_none_or(|d| d > end) {
            rows.push(ThreeRow::CarriedOut);
        }
        rows
    }

    /// Whether this request is behind the cell (`row`, `column`) of table 三 for `year`;
    /// `column` None is 总计.
    pub fn counts_in(&self, year: i32, row: ThreeRow, column: Option<ApplicantType>) -> bool {
        if column.is_some_and(|c| c != self.applicant) {
            return false;
        }
        let rows = self.rows_in(year);
        match row {
            ThreeRow::ResultsTotal => rows.iter().any(|r| matches!(r, ThreeRow::Result(_))),
            ThreeRow::Group(g) => rows.iter().any(|r| matches!(r, ThreeRow::Result(x) if x.group() == g)),
            row => rows.contains(&row),
        }
    }
}

impl TableThree {
    /// Counts `facts` for year `year` under the format's definitions (`RequestFact::rows_in`).
    pub fn compute(year: i32, facts: impl IntoIterator<Item = RequestFact>) -> TableThree {
        let mut t = TableThree { results: ReplyResult::ALL.iter().map(|r| (*r, ByApplicant::default())).collect(), ..Default::default() };
        for f in facts {
            for row in f.rows_in(year) {
                match row {
                    ThreeRow::Received => t.received.add(f.applicant),
                    ThreeRow::CarriedIn => t.carried_in.add(f.applicant),
                    ThreeRow::Result(r) => t.add_result(r, f.applicant),
                    ThreeRow::CarriedOut => t.carried_out.add(f.applicant),
                    ThreeRow::ResultsTotal | ThreeRow::Group(_) => {}
                }
            }
        }
        t
    }

    pub fn add_result(&mut self, result: ReplyResult, applicant: ApplicantType) {
        if let Some((_, row)) = self.results.iter_mut().find(|(r, _)| *r == result) {
            row.add(applicant);
        }
    }

    pub fn result(&self, r: ReplyResult) -> ByApplicant {
        self.results.iter().find(|(x, _)| *x == r).map(|(_, b)| *b).unwrap_or_default()
    }

    /// （七）总计: the sum of the leaves.
    pub fn results_total(&self) -> ByApplicant {
        self.results.iter().fold(ByApplicant::default(), |acc, (_, b)| acc.plus(b))
    }
}

/// Section 二: the register's figures and what the clerk enters from other systems.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SectionTwo {
    pub regulations: YearFigures,
    pub normative: YearFigures,
    /// 第二十条第（五）项 行政许可 本年处理决定数量
    pub licensing: Option<u32>,
    /// 第二十条第（六）项 行政处罚 本年处理决定数量
    pub penalties: Option<u32>,
    /// 第二十条第（六）项 行政强制 本年处理决定数量
    pub enforcement: Option<u32>,
    /// 第二十条第（八）项 行政事业性收费 本年收费金额（单位：万元）
    pub fees_wan_yuan: Option<f64>,
}

/// One block of table 四: 结果维持, 结果纠正, 其他结果, 尚未审结 (总计 derived).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewOutcomes {
    pub upheld: u32,
    pub corrected: u32,
    pub other: u32,
    pub pending: u32,
}

impl ReviewOutcomes {
    pub fn total(&self) -> u32 {
        self.upheld + self.corrected + self.other + self.pending
    }
    pub fn columns(&self) -> [u32; 5] {
        [self.upheld, self.corrected, self.other, self.pending, self.total()]
    }
}

/// Table 四.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableFour {
    /// 行政复议
    pub reconsideration: ReviewOutcomes,
    /// 行政诉讼 未经复议直接起诉
    pub litigation_direct: ReviewOutcomes,
    /// 行政诉讼 复议后起诉
    pub litigation_after: ReviewOutcomes,
}

/// One failed 勾稽 check, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckFailure {
    pub message: String,
}

/// The reconciliation of table 三 (and across years when last year's table is known).
pub fn reconcile(t: &TableThree, last_year: Option<&TableThree>) -> Vec<CheckFailure> {
    let mut out = Vec::new();
    let total = t.results_total();
    let columns = ApplicantType::ALL.iter().map(|a| a.label()).chain(["总计"]);
    let (received, carried_in, results, carried_out) =
        (t.received.columns(), t.carried_in.columns(), total.columns(), t.carried_out.columns());
    for (i, label) in columns.enumerate() {
        let left = received[i] + carried_in[i];
        let right = results[i] + carried_out[i];
        if left != right {
            out.push(CheckFailure {
                message: format!(
                    "“{label}”列：本年新收 {} + 上年结转 {} = {left}，不等于办理结果总计 {} + 结转下年度 {} = {right}",
                    received[i], carried_in[i], results[i], carried_out[i]
                ),
            });
        }
    }
    // 总计 = the six columns and （七） = the leaves hold by construction here; they are checked
    // again on the printed rows by `check_rows`, which is what a hand-edited table can break.
    if let Some(last) = last_year {
        let (now, then) = (t.carried_in.columns(), last.carried_out.columns());
        for (i, label) in ApplicantType::ALL.iter().map(|a| a.label()).chain(["总计"]).enumerate() {
            if now[i] != then[i] {
                out.push(CheckFailure {
                    message: format!("“{label}”列：本年“上年结转” {} 不等于上年“结转下年度继续办理” {}", now[i], then[i]),
                });
            }
        }
    }
    out
}

/// Checks printed rows (label, seven numbers) as a reader would: 总计 = the six columns.
pub fn check_rows(rows: &[(String, [u32; 7])]) -> Vec<CheckFailure> {
    rows.iter()
        .filter(|(_, c)| c[..6].iter().sum::<u32>() != c[6])
        .map(|(label, c)| CheckFailure {
            message: format!("“{label}”行：总计 {} 不等于六类申请人之和 {}", c[6], c[..6].iter().sum::<u32>()),
        })
        .collect()
}

/// The whole report's figures for one year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "ReportFigures")]
pub struct AnnualFigures {
    pub year: i32,
    pub section_two: SectionTwo,
    pub table_three: TableThree,
    pub table_four: TableFour,
}

/// The printed rows of table 三 in order: (label, numbers or None for a group row).
pub fn table_three_rows(t: &TableThree) -> Vec<(String, Option<[u32; 7]>)> {
    table_three_keyed_rows(t).into_iter().map(|(_, label, n)| (label, n)).collect()
}

/// The printed rows of table 三 with the drill-down row of each numbered row.
pub fn table_three_keyed_rows(t: &TableThree) -> Vec<(Option<ThreeRow>, String, Option<[u32; 7]>)> {
    let mut rows = vec![
        (Some(ThreeRow::Received), "一、本年新收政府信息公开申请数量".to_string(), Some(t.received.columns())),
        (Some(ThreeRow::CarriedIn), "二、上年结转政府信息公开申请数量".to_string(), Some(t.carried_in.columns())),
        (None, "三、本年度办理结果".to_string(), None),
    ];
    let mut group = None;
    for (r, counts) in &t.results {
        let g = r.group();
        if group != Some(g) && !matches!(g, ResultGroup::Disclosed | ResultGroup::PartlyDisclosed) {
            rows.push((None, g.label().to_string(), None));
        }
        group = Some(g);
        rows.push((Some(ThreeRow::Result(*r)), r.numbered_label(), Some(counts.columns())));
    }
    rows.push((Some(ThreeRow::ResultsTotal), "（七）总计".to_string(), Some(t.results_total().columns())));
    rows.push((Some(ThreeRow::CarriedOut), "四、结转下年度继续办理".to_string(), Some(t.carried_out.columns())));
    rows
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Decimals 本年收费金额（单位：万元） keeps: six, down to the fen (0.000001 万元 = 0.01 元), as
/// real reports print it (4166.241619).
pub const WAN_YUAN_DECIMALS: usize = 6;

/// The largest 本年收费金额 accepted, in 万元 (below it every six-decimal amount survives the
/// ledger's REAL column exactly).
pub const WAN_YUAN_MAX: f64 = 100_000_000.0;

/// 本年收费金额（单位：万元） as printed: the amount entered, up to six decimals, without trailing
/// zeros and without a bare point ("4166.241619", "12.5", "0").
pub fn format_wan_yuan(v: f64) -> String {
    let s = format!("{v:.WAN_YUAN_DECIMALS$}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

/// Checks an entered 本年收费金额（单位：万元）: a number, not negative, at most six decimals
/// (a seventh would be a fraction of a fen, which no account holds).
pub fn check_wan_yuan(v: f64) -> Result<(), String> {
    const FIELD: &str = "“本年收费金额（单位：万元）”";
    if !v.is_finite() || v < 0.0 {
        return Err(format!("{FIELD}应为不小于 0 的数"));
    }
    if v >= WAN_YUAN_MAX {
        return Err(format!("{FIELD}应小于 1 亿万元，请核对单位是否为万元"));
    }
    if format!("{v:.WAN_YUAN_DECIMALS$}").parse::<f64>() != Ok(v) {
        return Err(format!("{FIELD}最多六位小数（万元的第六位小数即分），请核对：{v}"));
    }
    Ok(())
}

fn fmt_opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The report's tables as CSV (UTF-8): one row per printed row, label first, numbers after.
pub fn to_csv(f: &AnnualFigures) -> String {
    let lines: Vec<String> =
        csv_rows(f).iter().map(|cells| cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(",")).collect();
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The cells of [`to_csv`], row by row: the one grid the CSV, the consolidated report's
/// drill-down and its per-unit comparison share.
pub fn csv_rows(f: &AnnualFigures) -> Vec<Vec<String>> {
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut push = |cells: Vec<String>| lines.push(cells);
    let s = |x: &str| x.to_string();
    push(vec![format!("{}年政府信息公开工作年度报告", f.year)]);
    push(vec![s("二、主动公开政府信息情况")]);
    push(vec![s("第二十条第（一）项")]);
    push(vec![s("信息内容"), s("本年制发件数"), s("本年废止件数"), s("现行有效件数")]);
    let two = &f.section_two;
    for (label, r) in [("规章", two.regulations), ("行政规范性文件", two.normative)] {
        push(vec![s(label), r.issued.to_string(), r.repealed.to_string(), r.in_force.to_string()]);
    }
    push(vec![s("第二十条第（五）项")]);
    push(vec![s("信息内容"), s("本年处理决定数量")]);
    push(vec![s("行政许可"), fmt_opt(two.licensing)]);
    push(vec![s("第二十条第（六）项")]);
    push(vec![s("信息内容"), s("本年处理决定数量")]);
    push(vec![s("行政处罚"), fmt_opt(two.penalties)]);
    push(vec![s("行政强制"), fmt_opt(two.enforcement)]);
    push(vec![s("第二十条第（八）项")]);
    push(vec![s("信息内容"), s("本年收费金额（单位：万元）")]);
    push(vec![s("行政事业性收费"), fmt_opt(two.fees_wan_yuan.map(format_wan_yuan))]);
    push(vec![s("三、收到和处理政府信息公开申请情况")]);
    push(
        std::iter::once(s("申请人情况"))
            .chain(ApplicantType::ALL.iter().map(|a| s(a.label())))
            .chain([s("总计")])
            .collect(),
    );
    for (label, numbers) in table_three_rows(&f.table_three) {
        let mut row = vec![label];
        if let Some(n) = numbers {
            row.extend(n.iter().map(u32::to_string));
        }
        push(row);
    }
    push(vec![s("四、政府信息公开行政复议、行政诉讼情况")]);
    push(
        std::iter::once(s("类别"))
            .chain(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].iter().map(|x| s(x)))
            .collect(),
    );
    let four = &f.table_four;
    for (label, o) in [
        ("行政复议", four.reconsideration),
        ("行政诉讼（未经复议直接起诉）", four.litigation_direct),
        ("行政诉讼（复议后起诉）", four.litigation_after),
    ] {
        push(std::iter::once(s(label)).chain(o.columns().iter().map(u32::to_string)).collect());
    }
    lines
}
