//! The annual report's figures, counted from the ledger for a year: section 二 from the register
//! and the clerk's per-year entries, table 三 from the requests' projection columns, table 四
//! from the reviews. Pure counting lives in `gongkai_core::report`; this is the SQL side.

use chrono::NaiveDate;
use gongkai_core::overview::{self, OverviewSections};
use gongkai_core::report::{reconcile, AnnualFigures, CheckFailure, RequestFact, ReviewOutcomes, SectionTwo, TableFour, TableThree};
use gongkai_core::taxonomy::{ApplicantType, ReplyResult};
use rusqlite::{params, Connection, OptionalExtension};

use crate::{documents, Error, Ledger, Result};

pub(crate) fn check_year(year: i32) -> Result<()> {
    if (1949..=2100).contains(&year) {
        Ok(())
    } else {
        Err(Error::Validation(format!("年度“{year}”无效，应为四位数字，例如 2025")))
    }
}

/// A stored YYYY-MM-DD date (the schema's CHECK guarantees the shape; the calendar decides).
fn date(s: &str) -> Result<NaiveDate> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + (c - b'0') as u32))
    };
    let parsed = if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
            _ => None,
        }
    } else {
        None
    };
    parsed.ok_or_else(|| Error::Validation(format!("台账中的日期“{s}”无效")))
}

/// Requests that can be counted in `year` (`RequestFact::rows_in`): received by 31 December and
/// open or concluded on or after 1 January. A request concluded before the year is in none of
/// its rows (a conclusion never precedes its receipt), so the year's report reads one year of
/// conclusions, not two (issue 22); the cross-year check needs no more, see `annual_figures`.
pub(crate) fn request_facts(conn: &Connection, year: i32) -> Result<Vec<RequestFact>> {
    let mut stmt = conn
        .prepare_cached(
            // Two disjoint halves, each a range of the index request_concluded_report that holds
            // all four columns: the OR form makes SQLite visit every row received before ?1.
            "SELECT applicant_type, received_date, concluded_date, result_code, id FROM request
               WHERE concluded_date >= ?2 AND received_date <= ?1
             UNION ALL
             SELECT applicant_type, received_date, NULL, NULL, id FROM request
               WHERE concluded_date IS NULL AND received_date <= ?1",
        )
        .map_err(|e| Error::sqlite("统计依申请公开", e))?;
    let mut rows = stmt
        .query(params![format!("{year:04}-12-31"), format!("{year:04}-01-01")])
        .map_err(|e| Error::sqlite("统计依申请公开", e))?;
    let mut out = Vec::new();
    // A year of requests is a hundred thousand rows: read the text in place, no String per cell.
    let sql_err = |e| Error::sqlite("统计依申请公开", e);
    while let Some(r) = rows.next().map_err(sql_err)? {
        let text = |i| -> Result<Option<&str>> {
            match r.get_ref(i).map_err(sql_err)? {
                rusqlite::types::ValueRef::Text(t) => Ok(std::str::from_utf8(t).ok()),
                _ => Ok(None),
            }
        };
        let applicant = text(0)?.unwrap_or_default();
        let applicant = ApplicantType::from_code(applicant)
            .ok_or_else(|| Error::Validation(format!("台账中的申请人类型“{applicant}”无法识别")))?;
        let received = date(text(1)?.unwrap_or_default())?;
        let concluded = match (text(2)?, text(3)?) {
            (Some(d), Some(code)) => {
                let result = ReplyResult::from_code(code)
                    .ok_or_else(|| Error::Validation(format!("台账中的办理结果代码“{code}”无法识别")))?;
                Some((date(d)?, result))
            }
            _ => None,
        };
        let id = r.get::<_, i64>(4).map_err(|e| Error::sqlite("统计依申请公开", e))?;
        out.push(RequestFact { id, applicant, received, concluded });
    }
    Ok(out)
}

/// The reviews table 四 counts for a year (?1 = 1 January, ?2 = 31 December): filed in the
/// year, with the outcome as it stood on 31 December. Both the counts and the drill-down select
/// from it, so they cannot disagree.
pub(crate) const REVIEWS_OF_YEAR: &str =
    "SELECT id, request_id, kind, filed_date, CASE WHEN decided_date IS NULL OR decided_date > ?2 THEN 'pending' ELSE outcome END AS outcome
       FROM review WHERE filed_date BETWEEN ?1 AND ?2";

/// Table 四: reviews filed in `year`, with the outcome as it stood on 31 December.
fn table_four(conn: &Connection, year: i32) -> Result<TableFour> {
    let mut stmt = conn
        .prepare_cached(&format!("SELECT kind, outcome, count(*) FROM ({REVIEWS_OF_YEAR}) GROUP BY 1, 2"))
        .map_err(|e| Error::sqlite("统计复议诉讼", e))?;
    let rows = stmt
        .query_map(params![format!("{year:04}-01-01"), format!("{year:04}-12-31")], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, u32>(2)?))
        })
        .map_err(|e| Error::sqlite("统计复议诉讼", e))?;
    let mut t = TableFour::default();
    for row in rows {
        let (kind, outcome, n) = row.map_err(|e| Error::sqlite("统计复议诉讼", e))?;
        let block: &mut ReviewOutcomes = match kind.as_str() {
            "reconsideration" => &mut t.reconsideration,
            "lawsuit_direct" => &mut t.litigation_direct,
            _ => &mut t.litigation_after,
        };
        match outcome.as_str() {
            "upheld" => block.upheld += n,
            "corrected" => block.corrected += n,
            "other" => block.other += n,
            _ => block.pending += n,
        }
    }
    Ok(t)
}

/// What the clerk entered for a year (figures from other systems, narrative sections).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct YearEntries {
    pub licensing: Option<u32>,
    pub penalties: Option<u32>,
    pub enforcement: Option<u32>,
    pub fees_wan_yuan: Option<f64>,
    /// 一、总体情况 as one text: what reports before the five subheadings kept (printed only when
    /// the five are empty).
    pub overview: String,
    /// 一、总体情况 under its five subheadings.
    pub overview_sections: OverviewSections,
    pub problems: String,
    pub other: String,
}

impl YearEntries {
    /// The sections the PDF prints as "（本节尚未填写）", by their printed headings: an empty
    /// subheading of 一 (when any of the five is filled; five empty ones print the generated
    /// overview), 五 and 六. The window asks before exporting such a report; the CLI warns.
    pub fn unfilled(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.overview_sections.is_empty() {
            for (heading, text) in self.overview_sections.headed() {
                if text.trim().is_empty() {
                    out.push(format!("一、总体情况{heading}"));
                }
            }
        }
        if self.problems.trim().is_empty() {
            out.push("五、存在的主要问题及改进情况".into());
        }
        if self.other.trim().is_empty() {
            out.push("六、其他需要报告的事项".into());
        }
        out
    }
}

pub(crate) fn year_entries(conn: &Connection, year: i32) -> Result<YearEntries> {
    Ok(saved_entries(conn, year)?.unwrap_or_default())
}

/// The year's saved entries, None when the clerk has saved nothing for it.
fn saved_entries(conn: &Connection, year: i32) -> Result<Option<YearEntries>> {
    conn
        .query_row(
            "SELECT licensing, penalties, enforcement, fees_wan_yuan, overview, problems, other,
                    overview_active, overview_requests, overview_management, overview_platform, overview_oversight
               FROM report_year WHERE year = ?1",
            [year],
            |r| {
                Ok(YearEntries {
                    licensing: r.get(0)?,
                    penalties: r.get(1)?,
                    enforcement: r.get(2)?,
                    fees_wan_yuan: r.get(3)?,
                    overview: r.get(4)?,
                    problems: r.get(5)?,
                    other: r.get(6)?,
                    overview_sections: OverviewSections::from_texts([r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?]),
                })
            },
        )
        .optional()
        .map_err(|e| Error::sqlite("读取年度报告", e))
}

pub fn save_year_entries(ledger: &mut Ledger, year: i32, e: &YearEntries) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    check_year(year)?;
    if let Some(v) = e.fees_wan_yuan {
        gongkai_core::report::check_wan_yuan(v).map_err(Error::Validation)?;
    }
    let s = e.overview_sections.texts().map(str::trim);
    for (heading, text) in gongkai_core::overview::OVERVIEW_HEADINGS.iter().zip(s) {
        if text.chars().count() > 20_000 {
            return Err(Error::Validation(format!("一、总体情况{heading}不能超过 20000 字")));
        }
    }
    ledger.with_tx(|tx| {
        tx.execute(
            "INSERT INTO report_year (year, licensing, penalties, enforcement, fees_wan_yuan, overview, problems, other,
                                      overview_active, overview_requests, overview_management, overview_platform, overview_oversight)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (year) DO UPDATE SET licensing = excluded.licensing, penalties = excluded.penalties,
               enforcement = excluded.enforcement, fees_wan_yuan = excluded.fees_wan_yuan,
               overview = excluded.overview, problems = excluded.problems, other = excluded.other,
               overview_active = excluded.overview_active, overview_requests = excluded.overview_requests,
               overview_management = excluded.overview_management, overview_platform = excluded.overview_platform,
               overview_oversight = excluded.overview_oversight",
            params![
                year, e.licensing, e.penalties, e.enforcement, e.fees_wan_yuan, e.overview, e.problems, e.other,
                s[0], s[1], s[2], s[3], s[4]
            ],
        )
        .map_err(|e| Error::sqlite("保存年度报告", e))?;
        Ok(())
    })
}

/// The report's figures for `year`, and the 勾稽 failures (including against last year when
/// the ledger holds requests from then).
pub fn annual_figures(ledger: &Ledger, year: i32) -> Result<(AnnualFigures, Vec<CheckFailure>)> {
    check_year(year)?;
    let conn = ledger.conn();
    let docs = documents::annual_figures(ledger, year)?;
    let entries = year_entries(conn, year)?;
    let facts = request_facts(conn, year)?;
    let table_three = TableThree::compute(year, facts.iter().copied());
    // The cross-year check compares this year's 上年结转 with last year's 结转下年度继续办理:
    // requests received before 1 January and open on it, all among `facts`. Only that row of
    // last year's table is counted (and only that row is compared).
    let has_last_year = facts.iter().any(|f| chrono::Datelike::year(&f.received) < year);
    let last = has_last_year
        .then(|| TableThree { carried_out: TableThree::compute(year - 1, facts.iter().copied()).carried_out, ..Default::default() });
    let failures = reconcile(&table_three, last.as_ref());
    let figures = AnnualFigures {
        year,
        section_two: SectionTwo {
            regulations: docs.rules,
            normative: docs.normative,
            licensing: entries.licensing,
            penalties: entries.penalties,
            enforcement: entries.enforcement,
            fees_wan_yuan: entries.fees_wan_yuan,
        },
        table_three,
        table_four: table_four(conn, year)?,
    };
    Ok((figures, failures))
}

/// The same figures with the audit chain's head, both read in one read transaction: the head is
/// the state of the ledger the figures were counted from (an archived copy prints it).
pub fn annual_figures_at_head(ledger: &Ledger, year: i32) -> Result<(AnnualFigures, Vec<CheckFailure>, Option<crate::audit::Head>)> {
    // DEFERRED: the snapshot is taken at the first read and holds until the end; nothing is written.
    let tx = ledger.conn().unchecked_transaction().map_err(|e| Error::sqlite("读取年度报告", e))?;
    let (figures, failures) = annual_figures(ledger, year)?;
    let head = crate::audit::head_in(&tx)?;
    tx.commit().map_err(|e| Error::sqlite("读取年度报告", e))?;
    Ok((figures, failures, head))
}

/// Records that the clerk exported despite failed checks, with the reason (never printed).
pub fn record_override(ledger: &mut Ledger, year: i32, reason: &str, failures: &[CheckFailure]) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Head)?;
    if reason.trim().is_empty() {
        return Err(Error::Validation("勾稽检查未通过时导出，须填写理由".into()));
    }
    let text = failures.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("\n");
    ledger.with_tx(|tx| {
        tx.execute(
            "INSERT INTO report_override (year, reason, failures, at) VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            params![year, reason.trim(), text],
        )
        .map_err(|e| Error::sqlite("记录导出理由", e))?;
        Ok(())
    })
}

/// 信息处理费 collected in a year: requests that paid (an 已缴费 event dated in the year) and the
/// amount in yuan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct FeeSummary {
    pub requests: u32,
    pub yuan: u32,
}

pub(crate) fn fees_collected(conn: &Connection, year: i32) -> Result<FeeSummary> {
    conn.query_row(
        "SELECT count(DISTINCT request_id), coalesce(sum(json_extract(payload, '$.amount')), 0)
           FROM request_event WHERE kind = 'fee_paid' AND event_date BETWEEN ?1 AND ?2",
        params![format!("{year:04}-01-01"), format!("{year:04}-12-31")],
        |r| Ok(FeeSummary { requests: r.get(0)?, yuan: r.get(1)? }),
    )
    .map_err(|e| Error::sqlite("统计信息处理费", e))
}

/// The sentence section 六 starts from.
pub fn fee_sentence(year: i32, fees: FeeSummary) -> String {
    if fees.requests == 0 {
        format!("{year}年，本机关未收取政府信息公开信息处理费。")
    } else {
        format!("{year}年，本机关对{}件政府信息公开申请收取信息处理费，共计{}元。", fees.requests, fees.yuan)
    }
}

/// The entries the page and the PDF use for a year: what the clerk saved; for a year with
/// nothing saved, a draft from last year's narrative. Section 六 always starts from the year's
/// 信息处理费 sentence when the clerk has not written it (last year's sentence is dropped from
/// the draft, since its numbers belong to last year).
/// Returns the entries, whether they were saved, and the year a draft was taken from.
///
/// 一、总体情况's five subheadings: an empty one is prefilled with what the ledger knows for the
/// year; a year with nothing saved starts from last year's text under each heading, last year's
/// prefilled sentence replaced by this year's. A saved one-piece 总体情况 of an older report is
/// left as it was (the five stay empty, and it prints as written).
pub fn effective_entries(ledger: &Ledger, year: i32) -> Result<(YearEntries, bool, Option<i32>)> {
    let figures = annual_figures(ledger, year)?.0;
    effective_entries_with(ledger, year, &figures)
}

/// `effective_entries` with the year's figures already counted (the report page counts once).
pub fn effective_entries_with(ledger: &Ledger, year: i32, figures: &AnnualFigures) -> Result<(YearEntries, bool, Option<i32>)> {
    let (mut e, saved, from) = effective_entries_in(ledger.conn(), year)?;
    if saved && !e.overview.trim().is_empty() && e.overview_sections.is_empty() {
        return Ok((e, saved, from));
    }
    let now = overview::prefilled(figures, overview_facts(ledger.conn(), year)?);
    e.overview_sections = match from {
        Some(last_year) if !e.overview_sections.is_empty() => {
            let last_pre = overview::prefilled(&annual_figures(ledger, last_year)?.0, overview_facts(ledger.conn(), last_year)?);
            overview::carried_forward(&e.overview_sections, &last_pre, &now)
        }
        _ => overview::fill_empty(&e.overview_sections, &now),
    };
    Ok((e, saved, from))
}

/// What 一、总体情况 says beyond the tables: 解读材料 published in the year.
fn overview_facts(conn: &Connection, year: i32) -> Result<overview::OverviewFacts> {
    let interpretations = conn
        .query_row(
            "SELECT count(*) FROM document_interpretation WHERE published_on BETWEEN ?1 AND ?2",
            params![format!("{year:04}-01-01"), format!("{year:04}-12-31")],
            |r| r.get(0),
        )
        .map_err(|e| Error::sqlite("统计解读材料", e))?;
    Ok(overview::OverviewFacts { interpretations })
}

/// The same, on a connection or inside a transaction.
pub(crate) fn effective_entries_in(conn: &Connection, year: i32) -> Result<(YearEntries, bool, Option<i32>)> {
    let fees = fee_sentence(year, fees_collected(conn, year)?);
    let (mut e, saved, from) = match saved_entries(conn, year)? {
        Some(e) => (e, true, None),
        None => match saved_entries(conn, year - 1)? {
            Some(last) => {
                let last_fees = fee_sentence(year - 1, fees_collected(conn, year - 1)?);
                let other = last.other.replace(&last_fees, "").trim().to_string();
                let overview_sections = last.overview_sections;
                (YearEntries { overview: last.overview, overview_sections, problems: last.problems, other, ..Default::default() }, false, Some(year - 1))
            }
            None => (YearEntries::default(), false, None),
        },
    };
    if !saved || e.other.trim().is_empty() {
        e.other = if e.other.trim().is_empty() { fees } else { format!("{fees}\n{}", e.other) };
    }
    Ok((e, saved, from))
}

/// 报告截止日期: 31 January (a government department, 条例 Art. 49) or 31 March (organs that
/// report with their government). Stored as "01-31" or "03-31".
pub const KEY_REPORT_DUE: &str = "report_due";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ReportDeadline {
    /// "01-31" or "03-31"
    pub setting: String,
    /// The year whose report is due next.
    pub report_year: i32,
    /// The year 年度报告 opens on (`preparing_year`): last year until 3月31日, this year from
    /// 1 April.
    pub preparing_year: i32,
    pub due_date: String,
    /// Calendar days from today to the due date (0 on the day).
    pub days_left: i64,
}

pub fn report_deadline(ledger: &Ledger, today: NaiveDate) -> Result<ReportDeadline> {
    let conn = ledger.conn();
    let setting = crate::settings::get(conn, KEY_REPORT_DUE)?.filter(|s| s == "03-31").unwrap_or_else(|| "01-31".into());
    let month = if setting == "03-31" { 3 } else { 1 };
    let due = |y: i32| NaiveDate::from_ymd_opt(y, month, 31).expect("31 January or March");
    let this = due(chrono::Datelike::year(&today));
    let (report_year, due_date) =
        if today <= this { (chrono::Datelike::year(&today) - 1, this) } else { (chrono::Datelike::year(&today), due(chrono::Datelike::year(&today) + 1)) };
    Ok(ReportDeadline {
        setting,
        report_year,
        preparing_year: preparing_year(today),
        due_date: due_date.to_string(),
        days_left: (due_date - today).num_days(),
    })
}

/// The year 年度报告 opens on, the one being prepared (issue 23): from 1 January to 31 March,
/// last year's, whose report is due by 1月31日 (or 3月31日 where that is the setting) and is still
/// being finished, corrected, published and archived in those months; from 1 April on, this year's,
/// whose figures the clerk watches grow. The rule is by date only: the ledger records no
/// "finalised" mark for a report, and either due date falls inside the first three months.
pub fn preparing_year(today: NaiveDate) -> i32 {
    use chrono::Datelike;
    if today.month() <= 3 { today.year() - 1 } else { today.year() }
}

pub fn save_report_due(ledger: &mut Ledger, setting: &str) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    if !matches!(setting, "01-31" | "03-31") {
        return Err(Error::Validation(format!("报告截止日期“{setting}”无效，应为 1月31日 或 3月31日")));
    }
    ledger.with_tx(|tx| crate::settings::set(tx, KEY_REPORT_DUE, setting))
}

/// One printed row of table 三: label and seven numbers (none for a group row), and the row's
/// drill-down key (none for a group row).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ReportRow {
    pub key: Option<String>,
    pub label: String,
    pub numbers: Option<Vec<u32>>,
}

/// What 年度报告 shows for a year.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ReportView {
    pub figures: AnnualFigures,
    pub table_three: Vec<ReportRow>,
    pub failures: Vec<CheckFailure>,
    /// Saved entries, or the draft when `saved` is false.
    pub entries: YearEntries,
    pub saved: bool,
    /// The year the draft's narrative was taken from.
    pub draft_from: Option<i32>,
    pub fees: FeeSummary,
    /// `entries.unfilled()`: the sections the PDF would print as "（本节尚未填写）".
    pub unfilled: Vec<String>,
}

pub fn report_view(ledger: &Ledger, year: i32) -> Result<ReportView> {
    let (figures, failures) = annual_figures(ledger, year)?;
    let table_three = gongkai_core::report::table_three_keyed_rows(&figures.table_three)
        .into_iter()
        .map(|(key, label, n)| ReportRow { key: key.map(|k| k.key()), label, numbers: n.map(|n| n.to_vec()) })
        .collect();
    let (entries, saved, draft_from) = effective_entries_with(ledger, year, &figures)?;
    let unfilled = entries.unfilled();
    Ok(ReportView { figures, table_three, failures, entries, saved, draft_from, fees: fees_collected(ledger.conn(), year)?, unfilled })
}
