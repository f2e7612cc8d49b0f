//! The units a responsibility line or a cell names: split on 、，, ； and blanks; group phrases
//! (各部门、各单位, 各镇、街道, 区直各单位, 区直有关单位 …) kept whole and read as "all units of that
//! group"; an 等相关部门 suffix dropped from the name and flagged.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A group of units a plan names as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub enum UnitGroup {
    /// 各部门、各单位: every unit.
    All,
    /// 区直各单位 / 区直有关单位: every unit of 类别 部门.
    Departments,
    /// 各镇、街道: every unit of 类别 乡镇街道.
    Townships,
}

impl UnitGroup {
    pub fn label(self) -> &'static str {
        match self {
            UnitGroup::All => "全部单位",
            UnitGroup::Departments => "全部部门",
            UnitGroup::Townships => "全部乡镇街道",
        }
    }
}

/// What one list of units says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitRefs {
    /// Every item as written, groups as one item each (各部门、各单位), 等相关部门 dropped.
    pub written: Vec<String>,
    /// The units named one by one.
    pub named: Vec<String>,
    /// The groups named.
    pub groups: Vec<UnitGroup>,
    /// The list ended with 等相关部门 (or 等有关单位 …): the clerk completes it.
    pub and_others: bool,
}

impl UnitRefs {
    pub fn is_empty(&self) -> bool {
        self.named.is_empty() && self.groups.is_empty()
    }

    /// The items as written, joined with 、.
    pub fn written_text(&self) -> String {
        self.written.join("、")
    }

    /// Adds another list's items (a task's 责任单位 split over two lines).
    pub fn extend(&mut self, other: UnitRefs) {
        for w in other.written {
            if !self.written.contains(&w) {
                self.written.push(w);
            }
        }
        for n in other.named {
            if !self.named.contains(&n) {
                self.named.push(n);
            }
        }
        for g in other.groups {
            if !self.groups.contains(&g) {
                self.groups.push(g);
            }
        }
        self.and_others |= other.and_others;
    }
}

/// Group phrases, longest first where one starts another.
const GROUPS: &[(&str, UnitGroup)] = &[
    ("各部门、各单位", UnitGroup::All),
    ("各部门，各单位", UnitGroup::All),
    ("各部门,各单位", UnitGroup::All),
    ("各部门各单位", UnitGroup::All),
    ("各单位、各部门", UnitGroup::All),
    ("各有关部门", UnitGroup::All),
    ("各相关部门", UnitGroup::All),
    ("各有关单位", UnitGroup::All),
    ("各相关单位", UnitGroup::All),
    ("各部门", UnitGroup::All),
    ("各单位", UnitGroup::All),
    ("区直各单位", UnitGroup::Departments),
    ("区直有关单位", UnitGroup::Departments),
    ("区直相关单位", UnitGroup::Departments),
    ("区直各部门", UnitGroup::Departments),
    ("区直有关部门", UnitGroup::Departments),
    ("区直相关部门", UnitGroup::Departments),
    ("各镇、街道办事处", UnitGroup::Townships),
    ("各镇、街道", UnitGroup::Townships),
    ("各镇，街道", UnitGroup::Townships),
    ("各镇街道办事处", UnitGroup::Townships),
    ("各镇街道", UnitGroup::Townships),
    ("各乡镇（街道）", UnitGroup::Townships),
    ("各乡镇(街道)", UnitGroup::Townships),
    ("各镇（街道）", UnitGroup::Townships),
    ("各乡镇、街道办事处", UnitGroup::Townships),
    ("各乡镇、街道", UnitGroup::Townships),
    ("各乡镇街道", UnitGroup::Townships),
    ("各街道办事处", UnitGroup::Townships),
    ("各镇街", UnitGroup::Townships),
    ("各乡镇", UnitGroup::Townships),
    ("各街道", UnitGroup::Townships),
    ("各镇", UnitGroup::Townships),
];

/// Suffixes that say the list is not complete.
const AND_OTHERS: &[&str] = &["等相关部门", "等相关单位", "等有关部门", "等有关单位", "等部门", "等单位"];

fn is_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '／') || super::is_blank(c)
}

/// Reads a list of units as written.
pub fn parse_units(text: &str) -> UnitRefs {
    let mut out = UnitRefs::default();
    let text = text.trim_matches(|c: char| super::is_blank(c) || matches!(c, '。' | '；' | ';' | '，' | ',' | '、' | '：' | ':'));
    let mut name = String::new();
    let mut rest = text;
    let flush = |name: &mut String, out: &mut UnitRefs| {
        let mut n = name.trim().to_string();
        name.clear();
        for suffix in AND_OTHERS {
            if let Some(stripped) = n.strip_suffix(suffix) {
                out.and_others = true;
                n = stripped.trim().to_string();
                break;
            }
        }
        // 无 / 暂无 / — in a cell mean no unit.
        if n.is_empty() || matches!(n.as_str(), "无" | "暂无" | "—" | "-" | "／" | "/") {
            return;
        }
        if !out.named.contains(&n) {
            out.named.push(n.clone());
        }
        if !out.written.contains(&n) {
            out.written.push(n);
        }
    };
    while let Some(c) = rest.chars().next() {
        if name.is_empty() {
            if let Some((phrase, group)) = GROUPS.iter().find(|(p, _)| rest.starts_with(p)) {
                // A group phrase is whole only when a separator or the end follows it
                // (各部门负责同志 is not the group); 办事处 and the like may trail it.
                let after = &rest[phrase.len()..];
                let mut tail = after;
                for extra in ["办事处", "政府"] {
                    if let Some(t) = tail.strip_prefix(extra) {
                        tail = t;
                    }
                }
                let at_end = tail.chars().next().is_none_or(is_separator) || AND_OTHERS.iter().any(|s| tail.starts_with(s));
                if at_end {
                    let taken = &rest[..rest.len() - tail.len()];
                    if !out.groups.contains(group) {
                        out.groups.push(*group);
                    }
                    if !out.written.iter().any(|w| w == taken) {
                        out.written.push(taken.to_string());
                    }
                    rest = tail;
                    if let Some(s) = AND_OTHERS.iter().find(|s| rest.starts_with(**s)) {
                        out.and_others = true;
                        rest = &rest[s.len()..];
                    }
                    continue;
                }
            }
        }
        if is_separator(c) {
            flush(&mut name, &mut out);
        } else {
            name.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut name, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_reads_groups() {
        let u = parse_units("财政局、规划局，教育局,卫生局 文化局；各镇、街道办事处");
        assert_eq!(u.named, ["财政局", "规划局", "教育局", "卫生局", "文化局"]);
        assert_eq!(u.groups, [UnitGroup::Townships]);
        assert_eq!(u.written.last().unwrap(), "各镇、街道办事处");
        let all = parse_units("各部门、各单位");
        assert_eq!((all.groups.as_slice(), all.named.len(), all.written_text().as_str()), (&[UnitGroup::All][..], 0, "各部门、各单位"));
        let d = parse_units("区直有关单位、各镇、街道");
        assert_eq!(d.groups, [UnitGroup::Departments, UnitGroup::Townships]);
    }

    #[test]
    fn and_others_is_flagged_and_dropped() {
        let u = parse_units("新闻信息中心、政务服务中心等相关部门");
        assert_eq!(u.named, ["新闻信息中心", "政务服务中心"]);
        assert!(u.and_others);
        assert_eq!(u.written_text(), "新闻信息中心、政务服务中心");
        assert!(!parse_units("新闻信息中心").and_others);
    }

    #[test]
    fn a_name_starting_like_a_group_is_a_name() {
        let u = parse_units("各部门负责同志");
        assert_eq!(u.named, ["各部门负责同志"]);
        assert!(u.groups.is_empty());
    }
}
