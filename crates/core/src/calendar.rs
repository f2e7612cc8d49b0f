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
/// 春节, 清明, 端午 and 中秋 by year, 2019–2050, for predicting a year without a notice.
const FESTIVALS_TABLE: &str = include_str!("../../../assets/festivals-cn.tsv");

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
    /// One "YYYY年放假通知未录入完整…" line per uncovered year the period runs through.
    pub warnings: Vec<String>,
    /// 预计: the period runs through a year whose notice is not confirmed complete, so `date`
    /// rests on predicted statutory holidays (issue 23).
    pub estimate: Option<Estimate>,
}

/// Why a deadline is only 预计, and the plain Monday–Friday date beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Estimate {
    /// The same count over Monday–Friday alone in the unconfirmed years.
    #[ts(type = "string")]
    pub weekday_date: NaiveDate,
    pub reason: String,
}

/// The reason a deadline in an unconfirmed year is 预计.
pub const ESTIMATE_REASON: &str = "放假通知未录入或未确认录入完整，按《全国年节及纪念日放假办法》预计法定节假日（周末逢节日顺延补假）；调休无法预计，实际期限可能更早。请在“设置 → 工作日历”录入通知并标记“已录入完整”";

/// The statutory holidays (全国年节及纪念日放假办法 as amended in 2024) predicted for `year`,
/// with the make-up day of each holiday falling on a weekend (第六条; the notices give it on the
/// next working day). Empty outside the festival table (2019–2050). 调休 swaps are not predicted.
pub fn predicted_holidays(year: i32) -> Vec<DayEntry> {
    static TABLE: OnceLock<HashMap<i32, Vec<DayEntry>>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let mut out = HashMap::new();
            for line in FESTIVALS_TABLE.lines().filter(|l| !l.starts_with('#') && !l.starts_with("year")) {
                let f: Vec<&str> = line.split('\t').collect();
                let (Some(y), Some(dates)) = (
                    f.first().and_then(|y| y.parse::<i32>().ok()),
                    f.get(1..5).map(|d| d.iter().filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).collect::<Vec<_>>()),
                ) else {
                    panic!("内置节日表有误：{line}")
                };
                assert_eq!(dates.len(), 4, "内置节日表有误：{line}");
                out.insert(y, predict(y, dates[0], dates[1], dates[2], dates[3]));
            }
            out
        })
        .get(&year)
        .cloned()
        .unwrap_or_default()
}

fn predict(year: i32, spring: NaiveDate, qingming: NaiveDate, duanwu: NaiveDate, midautumn: NaiveDate) -> Vec<DayEntry> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("fixed date");
    let span = |first: NaiveDate, days: i64| (0..days).map(move |i| first + chrono::Duration::days(i));
    let blocks: Vec<(&str, Vec<NaiveDate>)> = vec![
        ("元旦", span(ymd(1, 1), 1).collect()),
        ("春节", span(spring - chrono::Duration::days(1), 4).collect()),
        ("清明节", vec![qingming]),
        ("劳动节", span(ymd(5, 1), 2).collect()),
        ("端午节", vec![duanwu]),
        ("中秋节", vec![midautumn]),
        ("国庆节", span(ymd(10, 1), 3).collect()),
    ];
    let weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    let mut days: BTreeMap<NaiveDate, String> = BTreeMap::new();
    for (name, block) in &blocks {
        for d in block {
            days.entry(*d).or_insert_with(|| format!("{name}（预计）"));
        }
    }
    for (name, block) in &blocks {
        let owed = block.iter().filter(|d| weekend(**d)).count();
        let mut d = *block.last().expect("non-empty");
        for _ in 0..owed {
            loop {
                d = d.succ_opt().expect("in range");
                if !weekend(d) && !days.contains_key(&d) {
                    break;
                }
            }
            days.insert(d, format!("{name}补假（预计）"));
        }
    }
    days.into_iter().filter(|(d, _)| d.year() == year).map(|(d, n)| DayEntry::new(d, DayKind::Holiday, n)).collect()
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

    /// A listed day is what the list says; in a year not covered, a predicted statutory holiday
    /// is not a working day; otherwise Monday–Friday.
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        self.is_workday_with(d, true)
    }

    fn is_workday_with(&self, d: NaiveDate, predicting: bool) -> bool {
        match self.entries.get(&d) {
            Some(entry) => entry.kind == DayKind::Workday,
            None if predicting && !self.covers(d.year()) && self.predicted(d).is_some() => false,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The predicted holiday on `d` (whatever the year's coverage), if any.
    pub fn predicted(&self, d: NaiveDate) -> Option<DayEntry> {
        predicted_holidays(d.year()).into_iter().find(|e| e.date == d)
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
        self.add_workdays_with(from, n, true)
    }

    fn add_workdays_with(&self, from: NaiveDate, n: u32, predicting: bool) -> NaiveDate {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            let Some(next) = day.succ_opt() else {
                return day;
            };
            day = next;
            if self.is_workday_with(day, predicting) {
                left -= 1;
            }
        }
        day
    }

    /// Like [`Calendar::add_workdays`], with a warning for each uncovered year the period enters.
    pub fn due(&self, from: NaiveDate, n: u32) -> Due {
        let date = self.add_workdays(from, n);
        let warnings = self.coverage_warnings(from, date);
        let estimate = (!warnings.is_empty()).then(|| Estimate {
            weekday_date: self.add_workdays_with(from, n, false),
            reason: ESTIMATE_REASON.to_string(),
        });
        Due { date, warnings, estimate }
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

    /// The years among the days in (after, upto] whose notice is not confirmed complete, oldest
    /// first: a period running through one of them is 预计.
    pub fn uncovered_years(&self, after: NaiveDate, upto: NaiveDate) -> Vec<i32> {
        let Some(first) = after.succ_opt() else {
            return Vec::new();
        };
        if upto < first {
            return Vec::new();
        }
        (first.year()..=upto.year()).filter(|year| !self.covers(*year)).collect()
    }

    /// This calendar with `years` taken as confirmed: their predicted holidays are not counted,
    /// so periods through them run over Monday–Friday (and any entered rows) alone.
    pub fn without_predictions(&self, years: &[i32]) -> Calendar {
        years.iter().fold(self.clone(), |c, y| c.with_covered_year(*y))
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
            .map(|year| {
                if predicted_holidays(year).is_empty() {
                    format!("{year}年节假日安排未录入，按周一至周五计算")
                } else {
                    format!("{year}年放假通知未录入完整：按放假办法预计法定节假日，期限为预计；调休无法预计，实际期限可能更早")
                }
            })
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
