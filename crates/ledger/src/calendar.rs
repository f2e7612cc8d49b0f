//! The clerk's calendar entries (新一年的放假通知, 本地调整) and the effective calendar: the
//! shipped national data overlaid with what is stored in this ledger.

use chrono::NaiveDate;
use gongkai_core::calendar::{Calendar, DayEntry, DayKind};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Ledger, Result};

/// Where a stored calendar row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CalendarSource {
    /// 国务院办公厅放假通知 for a year the shipped data does not cover.
    Notice,
    /// 本地调整 (e.g. a local holiday).
    Local,
}

impl CalendarSource {
    fn as_sql(self) -> &'static str {
        match self {
            CalendarSource::Notice => "notice",
            CalendarSource::Local => "local",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarRow {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
    pub source: CalendarSource,
}

fn kind_sql(kind: DayKind) -> &'static str {
    match kind {
        DayKind::Holiday => "holiday",
        DayKind::Workday => "workday",
    }
}

/// The rows this ledger adds to the shipped calendar, by date.
pub fn rows(ledger: &Ledger) -> Result<Vec<CalendarRow>> {
    let conn = ledger.conn();
    let mut stmt = conn
        .prepare("SELECT date, kind, name, source FROM calendar_day ORDER BY date")
        .map_err(|e| Error::sqlite("读取日历", e))?;
    let rows = stmt
        .query_map([], |r| {
            let date: String = r.get(0)?;
            let kind: String = r.get(1)?;
            let source: String = r.get(3)?;
            Ok((date, kind, r.get::<_, String>(2)?, source))
        })
        .map_err(|e| Error::sqlite("读取日历", e))?;
    let mut out = Vec::new();
    for row in rows {
        let (date, kind, name, source) = row.map_err(|e| Error::sqlite("读取日历", e))?;
        let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|_| Error::Validation(format!("日历中的日期“{date}”无效")))?;
        let kind = if kind == "workday" { DayKind::Workday } else { DayKind::Holiday };
        let source = if source == "notice" { CalendarSource::Notice } else { CalendarSource::Local };
        out.push(CalendarRow { date, kind, name, source });
    }
    Ok(out)
}

/// Years whose notice the clerk entered and confirmed complete (已录入完整). Entering a notice's
/// rows no longer marks the year (issue 23): one row said nothing about the rest of the notice.
pub(crate) fn confirmed_years_in(conn: &Connection) -> Result<Vec<i32>> {
    noted_years(conn)
}

/// The years whose holidays are complete, for 设置 → 工作日历: the shipped notices' and those the
/// clerk confirmed.
pub fn confirmed_years(ledger: &Ledger) -> Result<Vec<i32>> {
    let mut years = Calendar::shipped().covered_years();
    years.extend(noted_years(ledger.conn())?);
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

/// Marks `year`'s notice as entered complete (已录入完整): deadlines in it are no longer 预计,
/// and days it does not list are Monday–Friday.
pub fn confirm_year(ledger: &mut Ledger, year: i32) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    if !(2000..=2100).contains(&year) {
        return Err(Error::Validation(format!("年份“{year}”无效")));
    }
    ledger.with_tx(|tx| {
        tx.execute("INSERT OR IGNORE INTO calendar_year (year) VALUES (?1)", [year])
            .map_err(|e| Error::sqlite("保存日历", e))?;
        Ok(())
    })
}

fn noted_years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT year FROM calendar_year ORDER BY year").map_err(|e| Error::sqlite("读取日历", e))?;
    let years = stmt.query_map([], |r| r.get::<_, i32>(0)).map_err(|e| Error::sqlite("读取日历", e))?;
    years.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取日历", e))
}

/// The effective calendar: shipped national data, then this ledger's rows on top.
pub fn effective(ledger: &Ledger) -> Result<Calendar> {
    let conn = ledger.conn();
    let mut cal = Calendar::shipped().with_entries(
        rows(ledger)?.into_iter().map(|r| DayEntry { date: r.date, kind: r.kind, name: r.name }),
    );
    for year in noted_years(conn)? {
        cal = cal.with_covered_year(year);
    }
    Ok(cal)
}

/// Adds or replaces entries. A year becomes covered only by [`confirm_year`].
/// All or nothing: one bad row writes nothing.
pub fn upsert(ledger: &mut Ledger, entries: &[DayEntry], source: CalendarSource) -> Result<usize> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    for e in entries {
        if e.name.trim().is_empty() {
            return Err(Error::Validation(format!("{} 的名称为空", e.date)));
        }
        if e.name.chars().count() > 50 {
            return Err(Error::Validation(format!("{} 的名称超过 50 个字", e.date)));
        }
    }
    ledger.with_tx(|tx| {
        for e in entries {
            put(tx, e, source)?;
        }
        Ok(entries.len())
    })
}

fn put(conn: &Connection, e: &DayEntry, source: CalendarSource) -> Result<()> {
    conn.execute(
        "INSERT INTO calendar_day (date, kind, name, source) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = excluded.source",
        params![e.date.format("%Y-%m-%d").to_string(), kind_sql(e.kind), e.name.trim(), source.as_sql()],
    )
    .map_err(|e| Error::sqlite("保存日历", e))?;
    Ok(())
}

/// Removes this ledger's row for `date`, so the shipped data (or the weekday rule) applies again.
pub fn remove(ledger: &mut Ledger, date: NaiveDate) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    ledger.with_tx(|tx| {
        let n = tx
            .execute("DELETE FROM calendar_day WHERE date = ?1", [date.format("%Y-%m-%d").to_string()])
            .map_err(|e| Error::sqlite("删除日历条目", e))?;
        if n == 0 {
            return Err(Error::NotFound(format!("{date} 没有本地录入的日历条目")));
        }
        Ok(())
    })
}

/// One calendar row as typed in 设置.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarEntryInput {
    /// YYYY-MM-DD
    pub date: String,
    pub kind: DayKind,
    pub name: String,
}

/// A computed due date with the warnings (uncovered years) it carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DueResult {
    pub date: String,
    pub warnings: Vec<String>,
    /// 预计: why, and the plain Monday–Friday date (issue 23).
    pub estimate: Option<gongkai_core::calendar::Estimate>,
}

/// A date typed by a clerk (any format `gongkai_core::dates` reads); the refusal names the field.
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate> {
    gongkai_core::dates::parse_field(field, s).map_err(Error::Validation)
}

pub fn upsert_inputs(ledger: &mut Ledger, inputs: &[CalendarEntryInput], source: CalendarSource) -> Result<usize> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    let mut entries = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        let date = parse_date(&format!("第 {} 行的日期", i + 1), &input.date)?;
        entries.push(DayEntry { date, kind: input.kind, name: input.name.trim().to_string() });
    }
    upsert(ledger, &entries, source)
}

/// Imports a TSV or CSV table (date, kind, name); all or nothing.
pub fn import_table(ledger: &mut Ledger, text: &str, source: CalendarSource) -> Result<usize> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    let entries = parse_table(text)?;
    upsert(ledger, &entries, source)
}

/// Reads a TSV or CSV table (date, kind, name) without the ledger, for [`upsert`]; a table with
/// no rows is refused.
pub fn parse_table(text: &str) -> Result<Vec<DayEntry>> {
    let parsed = Calendar::parse_table(text).map_err(|e| Error::Validation(e.to_string()))?;
    if parsed.is_empty() {
        return Err(Error::Validation("文件中没有日历记录".into()));
    }
    Ok(parsed.into_iter().map(|(e, _)| e).collect())
}

pub fn due(ledger: &Ledger, date: &str, workdays: u32) -> Result<DueResult> {
    let from = parse_date("起算日期", date)?;
    if workdays > 3650 {
        return Err(Error::Validation("工作日数应在 0 到 3650 之间".into()));
    }
    let due = effective(ledger)?.due(from, workdays);
    Ok(DueResult { date: due.date.format("%Y-%m-%d").to_string(), warnings: due.warnings, estimate: due.estimate })
}
