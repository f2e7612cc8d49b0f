//! 汇总 (issue 20): the units' own annual reports (报送), imported from their workbooks, checked
//! with the 勾稽 rules per column, and added up into the district's tables. A submission is
//! appended, never changed: a later one for the same unit and year replaces the earlier one in
//! the sum (the newest counts) and the earlier one stays viewable. One that fails the checks is
//! refused, and nothing is written, unless the clerk accepts it with a reason, which is kept.
//! The workbook is read (by labels, `gongkai_core::submission`) before the ledger is locked.

use chrono::{Datelike, NaiveDate};
use gongkai_core::account::Role;
use gongkai_core::report::{check_rows, reconcile, table_three_rows, AnnualFigures, CheckFailure};
use gongkai_core::submission::{check_submission, cross_year_warnings, read_submission, sum_figures, UnitTotals};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::requests::Actor;
use crate::units::{self, Unit};
use crate::{Error, Ledger, Result};

/// One stored submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SubmissionInfo {
    pub id: i64,
    pub unit: String,
    pub unit_id: i64,
    pub year: i32,
    /// 报送日期 (YYYY-MM-DD).
    pub submitted_on: String,
    pub imported_at: String,
    pub operator: String,
    pub source_name: String,
    /// The 勾稽 checks it failed (empty when it passed).
    pub failures: Vec<String>,
    /// Cross-year mismatches and tables not found: shown, never blocking.
    pub warnings: Vec<String>,
    /// Why it was accepted although a check failed.
    pub accept_reason: Option<String>,
    /// Whether it is the one counted (the unit's newest for the year).
    pub current: bool,
    pub figures: AnnualFigures,
    /// The figures as the rows of the CSV, for viewing an earlier submission.
    pub rows: Vec<Vec<String>>,
}

/// What the clerk gives with a workbook.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubmissionInput {
    pub year: i32,
    pub unit: String,
    pub source_name: String,
    /// 报送日期 as typed (any form `gongkai_core::dates` reads); empty: today.
    pub submitted_on: String,
    /// 勾稽未通过仍接收的理由; None or blank: a failing submission is refused.
    pub accept_reason: Option<String>,
}

/// The state of a unit for a year, as 报送情况 lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum SubmissionState {
    /// 未报送
    Missing,
    /// 已报送 (on or before the due date, or no due date set)
    OnTime,
    /// 逾期报送
    Late,
    /// 勾稽未通过 (accepted with a reason)
    CheckFailed,
}

impl SubmissionState {
    pub fn label(self) -> &'static str {
        match self {
            SubmissionState::Missing => "未报送",
            SubmissionState::OnTime => "已报送",
            SubmissionState::Late => "逾期报送",
            SubmissionState::CheckFailed => "勾稽未通过",
        }
    }
}

/// One line of 报送情况.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UnitStatus {
    pub unit: Unit,
    pub state: SubmissionState,
    /// "未报送", "已报送（2026-01-20）", "逾期报送（2026-02-03）", "勾稽未通过（2026-01-20）".
    pub label: String,
    pub submitted_on: Option<String>,
    /// The due date for the year (YYYY-MM-DD of the following year); None when the unit has none.
    pub due: Option<String>,
    /// Days from today to the due date (negative: overdue), for a unit that has not reported.
    pub days_left: Option<i64>,
    /// The same as shown: "剩余 3 天", "今天截止", "已逾期 5 天" or empty ([`days_text`]).
    pub days_text: String,
    /// How many submissions the unit made for the year (earlier ones kept).
    pub submissions: u32,
}

/// One unit's counted submission in the sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Contribution {
    pub unit: String,
    pub submitted_on: String,
    pub totals: UnitTotals,
    /// The unit's figures as the rows of the CSV (`gongkai_core::report::csv_rows`).
    pub rows: Vec<Vec<String>>,
    pub accept_reason: Option<String>,
}

/// The district's tables for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Consolidation {
    pub year: i32,
    pub statuses: Vec<UnitStatus>,
    pub figures: AnnualFigures,
    /// The sum as the rows of the CSV, the same shape as a single organ's.
    pub rows: Vec<Vec<String>>,
    /// The 勾稽 checks run again on the sum.
    pub failures: Vec<CheckFailure>,
    pub contributions: Vec<Contribution>,
    /// Every submission of the year, newest first (earlier ones kept and viewable).
    pub history: Vec<SubmissionInfo>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Imported {
    pub submission: SubmissionInfo,
    /// The earlier submission of the same unit and year it replaces in the sum.
    pub replaced: Option<i64>,
}

fn db(e: rusqlite::Error) -> Error {
    Error::sqlite("读取报送记录", e)
}

fn check_year(year: i32) -> Result<()> {
    if (2000..=2100).contains(&year) {
        Ok(())
    } else {
        Err(Error::Validation(format!("年度“{year}”无效，应为 2000 至 2100 之间的四位数字")))
    }
}

const SELECT: &str = "SELECT s.id, s.unit_id, d.name, s.year, s.submitted_on, s.imported_at, s.operator, s.source_name,
        s.figures, s.failures, s.warnings, s.accept_reason,
        s.id = (SELECT max(id) FROM submission x WHERE x.unit_id = s.unit_id AND x.year = s.year)
   FROM submission s JOIN department d ON d.id = s.unit_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SubmissionInfo> {
    let json = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let unreadable = |i: usize, e: serde_json::Error| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e));
    // An unreadable list is refused like unreadable figures, never read as "no failures".
    let list = |i: usize| -> rusqlite::Result<Vec<String>> { serde_json::from_str::<Vec<String>>(&json(i)?).map_err(|e| unreadable(i, e)) };
    let figures: AnnualFigures = serde_json::from_str(&json(8)?).map_err(|e| unreadable(8, e))?;
    Ok(SubmissionInfo {
        rows: gongkai_core::report::csv_rows(&figures),
        figures,
        id: r.get(0)?,
        unit_id: r.get(1)?,
        unit: r.get(2)?,
        year: r.get(3)?,
        submitted_on: r.get(4)?,
        imported_at: r.get(5)?,
        operator: r.get(6)?,
        source_name: r.get(7)?,
        failures: list(9)?,
        warnings: list(10)?,
        accept_reason: r.get(11)?,
        current: r.get::<_, i64>(12)? != 0,
    })
}

fn query(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<SubmissionInfo>> {
    let mut stmt = conn.prepare(&format!("{SELECT} {filter}")).map_err(db)?;
    let rows = stmt.query_map(args, row).map_err(db)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
}

/// Every submission of `year`, newest first.
pub fn submissions(ledger: &Ledger, year: i32) -> Result<Vec<SubmissionInfo>> {
    query(ledger.conn(), "WHERE s.year = ?1 ORDER BY s.id DESC", [year])
}

/// One submission by id (an earlier one included).
pub fn submission(ledger: &Ledger, id: i64) -> Result<SubmissionInfo> {
    query(ledger.conn(), "WHERE s.id = ?1", [id])?.pop().ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的报送记录")))
}

fn current_of(conn: &Connection, unit_id: i64, year: i32) -> Result<Option<SubmissionInfo>> {
    Ok(query(conn, "WHERE s.unit_id = ?1 AND s.year = ?2 ORDER BY s.id DESC LIMIT 1", params![unit_id, year])?.pop())
}

/// Reads and checks a workbook for a unit without writing: the tables, the 勾稽 failures and
/// the warnings (tables not found, and last year's 四 against this year's 二 for the unit).
pub fn read_workbook(ledger: &Ledger, year: i32, unit: &str, bytes: &[u8]) -> Result<(AnnualFigures, Vec<CheckFailure>, Vec<String>, Unit)> {
    check_year(year)?;
    let unit = units::unit_by_name(ledger.conn(), unit)?
        .ok_or_else(|| Error::NotFound(format!("单位名录中没有“{}”，请先添加该单位", gongkai_core::error::clip(unit.trim()))))?;
    let sheets = crate::sheet::read_sheets(bytes)?;
    let tables = read_submission(year, &sheets).map_err(|e| Error::Validation(format!("“{}”的报送表无法导入：{e}", unit.name)))?;
    let failures = check_submission(&tables);
    let mut warnings = tables.notes.clone();
    if let Some(last) = current_of(ledger.conn(), unit.id, year - 1)? {
        warnings.extend(cross_year_warnings(&tables.figures, &last.figures).into_iter().map(|w| format!("与上年报送不衔接：{w}")));
    }
    Ok((tables.figures, failures, warnings, unit))
}

/// Imports a unit's report tables for a year (登记员). Refused, with nothing written, when a 勾稽
/// check fails and no reason is given; the failures are named in the message.
pub fn import(ledger: &mut Ledger, input: &SubmissionInput, bytes: &[u8], actor: &Actor) -> Result<Imported> {
    crate::accounts::require(ledger, Role::Clerk)?;
    let (figures, failures, warnings, unit) = read_workbook(ledger, input.year, &input.unit, bytes)?;
    let reason = input.accept_reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if !failures.is_empty() && reason.is_none() {
        return Err(Error::Validation(format!(
            "“{}”{}年的报送表有 {} 项勾稽检查未通过，未导入：{}。请该单位核对后重新报送；确需接收的，请填写理由后接收",
            unit.name,
            input.year,
            failures.len(),
            failures.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("；")
        )));
    }
    if reason.is_some_and(|r| r.chars().count() > 500) {
        return Err(Error::Validation("接收理由超过 500 个字".into()));
    }
    let submitted_on = match input.submitted_on.trim() {
        "" => actor.today(),
        t => gongkai_core::dates::parse_field("报送日期", t).map_err(Error::Validation)?,
    };
    if submitted_on.year() <= input.year {
        return Err(Error::Validation(format!("报送日期 {submitted_on} 早于 {} 年结束，{}年的年度报告应在次年报送", input.year + 1, input.year)));
    }
    let actor = crate::accounts::signed(ledger, actor);
    let source = input.source_name.trim().chars().take(200).collect::<String>();
    let to_json = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    let failure_texts: Vec<String> = failures.iter().map(|f| f.message.clone()).collect();
    let figures_json = serde_json::to_string(&figures).map_err(|e| Error::Validation(format!("保存报送表失败（{e}）")))?;
    let (id, replaced) = ledger.with_tx(|tx| {
        let replaced = current_of(tx, unit.id, input.year)?.map(|s| s.id);
        tx.execute(
            "INSERT INTO submission (unit_id, year, submitted_on, imported_at, operator, source_name, figures, failures, warnings, accept_reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                unit.id,
                input.year,
                submitted_on.format("%Y-%m-%d").to_string(),
                actor.now.format("%Y-%m-%dT%H:%M:%S").to_string(),
                actor.operator,
                source,
                figures_json,
                to_json(&failure_texts),
                to_json(&warnings),
                if failures.is_empty() { None } else { reason },
            ],
        )
        .map_err(|e| Error::sqlite("保存报送记录", e))?;
        Ok((tx.last_insert_rowid(), replaced))
    })?;
    Ok(Imported { submission: submission(ledger, id)?, replaced })
}

/// The due date of `unit`'s report on `year`: its "MM-DD" in the following year.
pub fn due_date(unit: &Unit, year: i32) -> Option<NaiveDate> {
    let (m, d) = unit.report_due_effective.as_deref()?.split_once('-')?;
    NaiveDate::from_ymd_opt(year + 1, m.parse().ok()?, d.parse().ok()?)
}

/// "剩余 3 天" / "今天截止" / "已逾期 5 天" / "" (reported, or no due date).
pub fn days_text(days_left: Option<i64>) -> String {
    match days_left {
        Some(0) => "今天截止".into(),
        Some(d) if d > 0 => format!("剩余 {d} 天"),
        Some(d) => format!("已逾期 {} 天", -d),
        None => String::new(),
    }
}

/// 报送情况: every unit in use (and any retired one that reported) with its state for the year.
pub fn statuses(ledger: &Ledger, year: i32, today: NaiveDate) -> Result<Vec<UnitStatus>> {
    check_year(year)?;
    let all = submissions(ledger, year)?;
    let mut out = Vec::new();
    for unit in units::units(ledger)? {
        let mine: Vec<&SubmissionInfo> = all.iter().filter(|s| s.unit_id == unit.id).collect();
        if unit.retired && mine.is_empty() {
            continue;
        }
        let due = due_date(&unit, year);
        let current = mine.iter().find(|s| s.current);
        let (state, submitted_on) = match current {
            None => (SubmissionState::Missing, None),
            Some(s) => {
                let on = NaiveDate::parse_from_str(&s.submitted_on, "%Y-%m-%d").ok();
                let state = if !s.failures.is_empty() {
                    SubmissionState::CheckFailed
                } else if due.is_some_and(|d| on.is_some_and(|on| on > d)) {
                    SubmissionState::Late
                } else {
                    SubmissionState::OnTime
                };
                (state, Some(s.submitted_on.clone()))
            }
        };
        let label = match &submitted_on {
            Some(on) => format!("{}（{on}）", state.label()),
            None => state.label().to_string(),
        };
        let days_left = if submitted_on.is_none() { due.map(|d| (d - today).num_days()) } else { None };
        out.push(UnitStatus {
            days_left,
            days_text: days_text(days_left),
            due: due.map(|d| d.format("%Y-%m-%d").to_string()),
            submissions: mine.len() as u32,
            unit,
            state,
            label,
            submitted_on,
        });
    }
    Ok(out)
}

/// The district's tables: the cell-wise sum of the counted submissions, checked again.
pub fn consolidation(ledger: &Ledger, year: i32, today: NaiveDate) -> Result<Consolidation> {
    let statuses = statuses(ledger, year, today)?;
    let history = submissions(ledger, year)?;
    // Counted: each unit's newest, in the order of 报送情况 (the register's order).
    let counted: Vec<&SubmissionInfo> =
        statuses.iter().filter_map(|st| history.iter().find(|s| s.current && s.unit_id == st.unit.id)).collect();
    let figures = sum_figures(year, &counted.iter().map(|s| s.figures.clone()).collect::<Vec<_>>());
    let mut failures = reconcile(&figures.table_three, None);
    let printed: Vec<(String, [u32; 7])> = table_three_rows(&figures.table_three).into_iter().filter_map(|(l, n)| n.map(|n| (l, n))).collect();
    failures.extend(check_rows(&printed));
    let contributions = counted
        .iter()
        .map(|s| Contribution {
            unit: s.unit.clone(),
            submitted_on: s.submitted_on.clone(),
            totals: UnitTotals::of(&s.figures),
            rows: gongkai_core::report::csv_rows(&s.figures),
            accept_reason: s.accept_reason.clone(),
        })
        .collect();
    Ok(Consolidation { year, rows: gongkai_core::report::csv_rows(&figures), statuses, figures, failures, contributions, history })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored submission read back with `failures` / `warnings` as given.
    fn read(failures: &str, warnings: &str) -> rusqlite::Result<SubmissionInfo> {
        let conn = Connection::open_in_memory().unwrap();
        let figures = serde_json::to_string(&AnnualFigures::default()).unwrap();
        conn.query_row(
            "SELECT 1, 2, '财政局', 2025, '2026-01-10', '2026-01-10T01:00:00Z', '张三', '财政局.xlsx', ?1, ?2, ?3, NULL, 1",
            params![figures, failures, warnings],
            row,
        )
    }

    #[test]
    fn an_unreadable_list_of_failures_or_warnings_is_refused_like_unreadable_figures() {
        let ok = read(r#"["表三 第1列 不平"]"#, "[]").unwrap();
        assert_eq!((ok.failures, ok.warnings), (vec!["表三 第1列 不平".to_string()], vec![]));
        for (failures, warnings, column) in [("不是 JSON", "[]", 9), ("[]", "{\"a\":1}", 10), ("[1, 2]", "[]", 9)] {
            match read(failures, warnings) {
                Err(rusqlite::Error::FromSqlConversionFailure(i, _, _)) => assert_eq!(i, column, "{failures} / {warnings}"),
                other => panic!("{failures} / {warnings} must be refused, got {other:?}"),
            }
        }
        let figures = Connection::open_in_memory().unwrap().query_row(
            "SELECT 1, 2, '财政局', 2025, '2026-01-10', 'x', '张三', '', '不是 JSON', '[]', '[]', NULL, 1",
            [],
            row,
        );
        assert!(matches!(figures, Err(rusqlite::Error::FromSqlConversionFailure(8, _, _))), "the figures, as before");
    }
}
