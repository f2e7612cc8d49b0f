//! The one reader of dates a clerk types or a spreadsheet holds, used by both importers, the
//! command line and every IPC input: 2025-03-04, 2025/3/4, 2025.3.4, 2025年3月4日, 20250304 (with
//! a time of day after a space or `T` ignored), and Excel's serial day numbers.

use chrono::NaiveDate;

use crate::error::clip;

/// The formats named in every refusal, so a clerk sees what is accepted.
pub const ACCEPTED_FORMATS: &str = "2025-03-04、2025/3/4、2025.3.4 或 2025年3月4日";

/// Reads a date as clerks write it; an impossible date (2025-02-30) or anything else is `None`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    // "2025-03-04 00:00:00" or "2025-03-04T09:30": a spreadsheet's date-time text.
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(t, "%Y%m%d").ok();
    }
    let t = t.strip_suffix('日').unwrap_or(t);
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    if parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
        return None;
    }
    let (y, m, d) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
    NaiveDate::from_ymd_opt(y, m, d)
}

/// "“2025-02-30”不是有效日期，应写作 …": the refusal of a value that is not a date.
pub fn invalid_date(value: &str) -> String {
    format!("“{}”不是有效日期，应写作 {ACCEPTED_FORMATS}", clip(value.trim()))
}

/// A date typed into a named field, or a Chinese refusal naming the field and the value.
pub fn parse_field(field: &str, value: &str) -> Result<NaiveDate, String> {
    parse_date(value).ok_or_else(|| format!("{field}{}", invalid_date(value)))
}

/// An Excel serial day number as a date: day 1 is 1900-01-01 (counted from 1899-12-30 because of
/// Excel's fictitious 1900-02-29), or in the 1904 system day 0 is 1904-01-01. The time of day is
/// dropped; a number outside Excel's range (up to 9999-12-31) is `None`.
pub fn excel_serial(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    let days = serial.floor();
    if !(1.0..=2_958_465.0).contains(&days) {
        return None;
    }
    let base = if is_1904 { NaiveDate::from_ymd_opt(1904, 1, 1)? } else { NaiveDate::from_ymd_opt(1899, 12, 30)? };
    base.checked_add_days(chrono::Days::new(days as u64))
}

/// A date as the ledger stores and prints it: YYYY-MM-DD.
pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn the_formats_a_clerk_types() {
        for (text, expected) in [
            ("2025-03-04", d(2025, 3, 4)),
            ("2025/3/4", d(2025, 3, 4)),
            ("2025.3.4", d(2025, 3, 4)),
            ("2025年3月4日", d(2025, 3, 4)),
            ("2025年03月04", d(2025, 3, 4)),
            (" 2025-3-4 ", d(2025, 3, 4)),
            ("20250304", d(2025, 3, 4)),
            ("2025-03-04 00:00:00", d(2025, 3, 4)),
            ("2025-03-04T09:30", d(2025, 3, 4)),
            // Impossible or foreign: refused, never guessed.
            ("2025-02-30", None),
            ("2025-13-01", None),
            ("25-3-4", None),
            ("2025-003-04", None),
            ("3/4/2025", None),
            ("明天", None),
            ("", None),
            ("2025--4", None),
        ] {
            assert_eq!(parse_date(text), expected, "{text:?}");
        }
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_serial(45658.0, false), d(2025, 1, 1));
        assert_eq!(excel_serial(45658.75, false), d(2025, 1, 1), "a time of day is dropped");
        assert_eq!(excel_serial(1.0, false), d(1899, 12, 31));
        assert_eq!(excel_serial(61.0, false), d(1900, 3, 1));
        assert_eq!(excel_serial(44196.0, true), d(2025, 1, 1));
        assert_eq!(excel_serial(0.0, false), None);
        assert_eq!(excel_serial(-3.0, false), None);
        assert_eq!(excel_serial(3e9, false), None);
    }

    #[test]
    fn refusals_name_the_field_and_the_formats() {
        assert_eq!(
            parse_field("收到日期", "2025-02-30").unwrap_err(),
            "收到日期“2025-02-30”不是有效日期，应写作 2025-03-04、2025/3/4、2025.3.4 或 2025年3月4日"
        );
        assert!(invalid_date(&"9".repeat(100)).contains("（共 100 字）"));
    }
}
