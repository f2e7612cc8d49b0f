//! 工作日历 (working-day calendar): which days are working days, and how to count N working days.
//!
//! A working day is Monday–Friday unless the calendar lists it as a holiday, or a weekend day
//! the calendar lists as an adjusted working day (调休上班). Counting follows 民法典 Art. 201:
//! the starting day is never counted, whatever kind of day it is.
//!
//! The calendar also knows which years it *covers* (a 国务院办公厅 notice has been entered for
//! them). Outside those years it still answers, Monday–Friday, but every answer that relied on
//! an uncovered year says so, because a silent guess could put a statutory deadline on a holiday.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The national data shipped with the app (国务院办公厅 notices 2019–2026, see statutes.md §4).
const SHIPPED_TABLE: &str = include_str!("../../../assets/holidays-cn.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// 放假: not a working day, even if it is a weekday.
    Holiday,
    /// 调休上班: a working day, even if it is a weekend day.
    Workday,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayEntry {
    pub date: NaiveDate,
    pub kind: DayKind,
    /// The festival the notice names ("国庆节、中秋节"), or the user's note for a local override.
    pub name: String,
}

impl DayEntry {
    pub fn new(date: NaiveDate, kind: DayKind, name: impl Into<String>) -> DayEntry {
        DayEntry {
            date,
            kind,
            name: name.into(),
        }
    }
}

/// A counted period: its last day, and the reasons a clerk should double-check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Due {
    pub date: NaiveDate,
    /// One "YYYY年节假日安排未录入…" line per uncovered year the period runs through.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("第{line}行：至少需要日期和类型两列")]
    MissingColumns { line: usize },
    #[error("第{line}行：日期“{value}”无效")]
    InvalidDate { line: usize, value: String },
    #[error("第{line}行：类型“{value}”无法识别，应为 放假（holiday）或 上班（workday）")]
    InvalidKind { line: usize, value: String },
    #[error("第{line}行：年份“{value}”无效")]
    InvalidYear { line: usize, value: String },
    #[error("第{line}行：日期 {date} 与第{first_line}行重复")]
    DuplicateDate {
        line: usize,
        first_line: usize,
        date: NaiveDate,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    entries: BTreeMap<NaiveDate, DayEntry>,
    covered: BTreeSet<i32>,
}

impl Calendar {
    /// The embedded national data; it covers exactly the notice years (`source_year`) it holds.
    pub fn shipped() -> Calendar {
        static SHIPPED: OnceLock<Calendar> = OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                // The table is compiled in and checked by a test, so a parse error here is a
                // build defect, not a user error.
                let rows = Calendar::parse_table(SHIPPED_TABLE)
                    .unwrap_or_else(|e| panic!("内置节假日表有误：{e}"));
                Calendar::default().with_table(rows)
            })
            .clone()
    }

    /// Reads a holiday table as clerks keep it: TSV or CSV (the first line decides), an optional
    /// header, columns `date, kind, name[, source_year]`. Kinds may be written in English or in
    /// the words the notices use. Errors name the line so the clerk can fix the file.
    pub fn parse_table(text: &str) -> Result<Vec<(DayEntry, Option<i32>)>, CalendarError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let separator = detect_separator(text);
        let mut rows = Vec::new();
        let mut first_line_of: HashMap<NaiveDate, usize> = HashMap::new();
        let mut seen_content = false;

        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fields = split_fields(trimmed, separator);
            let is_first_content = !seen_content;
            seen_content = true;
            if is_first_content && looks_like_header(&fields[0]) {
                continue;
            }
            if fields.len() < 2 || fields[1].is_empty() {
                return Err(CalendarError::MissingColumns { line });
            }

            let date = crate::dates::parse_date(&fields[0]).ok_or_else(|| CalendarError::InvalidDate {
                line,
                value: fields[0].clone(),
            })?;
            let kind = parse_kind(&fields[1]).ok_or_else(|| CalendarError::InvalidKind {
                line,
                value: fields[1].clone(),
            })?;
            let name = fields.get(2).cloned().unwrap_or_default();
            let source_year = match fields.get(3).map(String::as_str) {
                None | Some("") => None,
                Some(value) => {
                    Some(parse_year(value).ok_or_else(|| CalendarError::InvalidYear {
                        line,
                        value: value.to_owned(),
                    })?)
                }
            };

            // Two rows for one day are almost always a typing slip; silently keeping one of
            // them would hide it.
            if let Some(&first_line) = first_line_of.get(&date) {
                return Err(CalendarError::DuplicateDate {
                    line,
                    first_line,
                    date,
                });
            }
            first_line_of.insert(date, line);
            rows.push((DayEntry { date, kind, name }, source_year));
        }
        Ok(rows)
    }

    /// Adds or replaces days. A later entry wins over an earlier or shipped one for the same date,
    /// so a local adjustment can be layered over the national data.
    ///
    /// This does not mark any year as covered: one local override says nothing about the rest of
    /// that year's holidays. Use [`Calendar::with_covered_year`] or [`Calendar::with_table`].
    pub fn with_entries(mut self, entries: impl IntoIterator<Item = DayEntry>) -> Calendar {
        for entry in entries {
            self.entries.insert(entry.date, entry);
        }
        self
    }

    /// Adds the rows of a parsed table and marks each of their `source_year`s as covered, as for
    /// a year's notice entered by the user.
    pub fn with_table(
        mut self,
        rows: impl IntoIterator<Item = (DayEntry, Option<i32>)>,
    ) -> Calendar {
        for (entry, source_year) in rows {
            if let Some(year) = source_year {
                self.covered.insert(year);
            }
            self.entries.insert(entry.date, entry);
        }
        self
    }

    pub fn with_covered_year(mut self, year: i32) -> Calendar {
        self.covered.insert(year);
        self
    }

    pub fn is_workday(&self, d: NaiveDate) -> bool {
        match self.entries.get(&d) {
            Some(entry) => entry.kind == DayKind::Workday,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    pub fn entry(&self, d: NaiveDate) -> Option<&DayEntry> {
        self.entries.get(&d)
    }

    /// All listed days in date order.
    pub fn entries(&self) -> impl Iterator<Item = &DayEntry> {
        self.entries.values()
    }

    pub fn covers(&self, year: i32) -> bool {
        self.covered.contains(&year)
    }

    pub fn covered_years(&self) -> Vec<i32> {
        self.covered.iter().copied().collect()
    }

    /// The n-th working day after `from`; `from` itself is never counted. n = 0 gives `from`.
    pub fn add_workdays(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            let Some(next) = day.succ_opt() else {
                return day;
            };
            day = next;
            if self.is_workday(day) {
                left -= 1;
            }
        }
        day
    }

    /// Like [`Calendar::add_workdays`], with a warning for each uncovered year the period enters.
    pub fn due(&self, from: NaiveDate, n: u32) -> Due {
        let date = self.add_workdays(from, n);
        Due {
            date,
            warnings: self.coverage_warnings(from, date),
        }
    }

    /// Working days in (after, upto]; 0 when `upto` is not after `after`.
    pub fn workdays_between(&self, after: NaiveDate, upto: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = after;
        while day < upto {
            let Some(next) = day.succ_opt() else { break };
            day = next;
            if self.is_workday(day) {
                count += 1;
            }
        }
        count
    }

    /// One warning per uncovered year among the days in (after, upto], oldest first.
    pub fn coverage_warnings(&self, after: NaiveDate, upto: NaiveDate) -> Vec<String> {
        let Some(first) = after.succ_opt() else {
            return Vec::new();
        };
        if upto < first {
            return Vec::new();
        }
        (first.year()..=upto.year())
            .filter(|year| !self.covers(*year))
            .map(|year| format!("{year}年节假日安排未录入，按周一至周五计算"))
            .collect()
    }
}

fn detect_separator(text: &str) -> char {
    let first = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .unwrap_or("");
    ['\t', ',', '，']
        .into_iter()
        .find(|sep| first.contains(*sep))
        .unwrap_or('\t')
}

/// Splits one line, honouring double quotes the way spreadsheet exports write them.
fn split_fields(line: &str, separator: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut in_quotes = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            '"' => in_quotes = !in_quotes,
            c if c == separator && !in_quotes => {
                fields.push(current.trim().to_owned());
                current.clear();
            }
            c => current.push(c),
        }
    }
    fields.push(current.trim().to_owned());
    fields
}

/// Only the first line can be a header, and only if it cannot be mistaken for a mistyped date:
/// "2024-13-01" must be reported, not skipped.
fn looks_like_header(first_field: &str) -> bool {
    !first_field.starts_with(|c: char| c.is_ascii_digit())
}

fn parse_kind(value: &str) -> Option<DayKind> {
    match value.to_lowercase().as_str() {
        "holiday" | "放假" | "休息日" | "假日" | "节假日" => Some(DayKind::Holiday),
        "workday" | "上班" | "调休上班" | "工作日" => Some(DayKind::Workday),
        _ => None,
    }
}

fn parse_year(value: &str) -> Option<i32> {
    let year: i32 = value.trim_end_matches('年').parse().ok()?;
    (1900..=2200).contains(&year).then_some(year)
}
