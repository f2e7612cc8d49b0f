//! The 受理编号 pattern (`{year}-{seq:04}` by default): formatting a number and reading its sequence back.

use chrono::{Datelike, NaiveDate};
use crate::AppError;

/// 受理编号 pattern: `{year}` and `{seq}` / `{seq:04}` (zero-padded to 4).
pub const DEFAULT_NUMBER_PATTERN: &str = "{year}-{seq:04}";

/// A checked 受理编号 pattern, split around its sequence number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberPattern {
    before: String,
    after: String,
    width: usize,
}

impl NumberPattern {
    pub fn parse(pattern: &str) -> Result<NumberPattern, AppError> {
        let bad = |why: &str| {
            AppError::validation(format!(
                "受理编号格式“{pattern}”无效：{why}；示例：{DEFAULT_NUMBER_PATTERN}"
            ))
        };
        let p = pattern.trim();
        let (before, rest) = p
            .split_once("{seq")
            .ok_or_else(|| bad("须包含序号 {seq} 或 {seq:04}"))?;
        let (spec, after) = rest.split_once('}').ok_or_else(|| bad("序号占位符没有闭合"))?;
        let width = match spec {
            "" => 0,
            s => s
                .strip_prefix(":0")
                .and_then(|w| w.parse::<usize>().ok())
                .filter(|w| (1..=9).contains(w))
                .ok_or_else(|| bad("序号宽度应写成 {seq:04} 这样的形式"))?,
        };
        for part in [before, after] {
            let without_year = part.replace("{year}", "");
            if without_year.contains(['{', '}']) {
                return Err(bad("只支持 {year} 和 {seq} 两个占位符"));
            }
            if without_year.chars().any(|c| c.is_control() || c == '%' || c == '_') {
                return Err(bad("不能包含控制字符、% 或 _"));
            }
        }
        Ok(NumberPattern {
            before: before.to_string(),
            after: after.to_string(),
            width,
        })
    }

    /// The text before and after the sequence number in `year`.
    pub fn affixes(&self, year: i32) -> (String, String) {
        let y = year.to_string();
        (self.before.replace("{year}", &y), self.after.replace("{year}", &y))
    }

    pub fn format(&self, date: NaiveDate, seq: u32) -> String {
        let (before, after) = self.affixes(date.year());
        format!("{before}{seq:0width$}{after}", width = self.width)
    }

    /// The sequence number of `number` if it was made by this pattern in `year`.
    pub fn seq_of(&self, year: i32, number: &str) -> Option<u32> {
        let (before, after) = self.affixes(year);
        let mid = number.strip_prefix(&before)?.strip_suffix(&after)?;
        if mid.is_empty() || !mid.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        mid.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_pattern_numbers_by_year() {
        let p = NumberPattern::parse(DEFAULT_NUMBER_PATTERN).unwrap();
        let d = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
        assert_eq!(p.format(d, 1), "2025-0001");
        assert_eq!(p.format(d, 12345), "2025-12345");
        assert_eq!(p.seq_of(2025, "2025-0042"), Some(42));
        assert_eq!(p.seq_of(2024, "2025-0042"), None);
        assert_eq!(p.seq_of(2025, "2025-00a2"), None);
        let q = NumberPattern::parse("净高依申〔{year}〕{seq}号").unwrap();
        assert_eq!(q.format(d, 7), "净高依申〔2025〕7号");
        assert_eq!(q.seq_of(2025, "净高依申〔2025〕17号"), Some(17));
    }

    #[test]
    fn bad_patterns_are_refused_in_chinese() {
        for p in ["{year}", "{seq:4}", "{year}-{seq:04", "{month}-{seq}", "A%{seq}"] {
            let e = NumberPattern::parse(p).unwrap_err();
            assert!(e.message.contains("受理编号格式"), "{p}: {}", e.message);
        }
    }
}
