//! 工作要点: the year's 政务公开工作要点 as published, parsed into parts, tasks and the units
//! responsible for each, and the vocabulary of following them up (units' 类别, a pair's 状态).
//! Pure: the text comes in (pasted, or read from a file by the ledger), a [`ParsedPlan`] goes out;
//! nothing is dropped: a line that fits nowhere is kept in [`ParsedPlan::unparsed`].
//!
//! Two layouts: [`text`] (一、/（一）/1. headings with a 责任单位 line after each task, or the same
//! in parentheses at the end of the item) and [`table`] (tab-separated rows under a header row such
//! as 工作任务 | 工作要求 | 牵头单位 | 配合单位). Units are read by [`units::parse_units`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod table;
pub mod text;
pub mod units;

pub use units::{parse_units, UnitGroup, UnitRefs};

/// 类别 of a unit (报送单位) in the app's one register of units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub enum UnitCategory {
    /// 部门: a department of the district government; reports by 31 January.
    Department,
    /// 乡镇街道: a town or street office.
    Township,
    /// 其他
    Other,
}

impl UnitCategory {
    pub const ALL: [UnitCategory; 3] = [UnitCategory::Department, UnitCategory::Township, UnitCategory::Other];

    pub fn label(self) -> &'static str {
        match self {
            UnitCategory::Department => "部门",
            UnitCategory::Township => "乡镇街道",
            UnitCategory::Other => "其他",
        }
    }

    pub fn parse(text: &str) -> Option<UnitCategory> {
        let t = text.trim();
        UnitCategory::ALL.into_iter().find(|c| c.label() == t || format!("{c:?}").eq_ignore_ascii_case(t))
    }

    /// The reporting due date (month, day of the year after the reported one) when none is set:
    /// 31 January for 部门 (条例 第四十九条); the others are set locally.
    pub fn default_report_due(self) -> Option<(u32, u32)> {
        match self {
            UnitCategory::Department => Some((1, 31)),
            _ => None,
        }
    }

    /// Whether a unit of this category is one of `group`'s.
    pub fn in_group(self, group: UnitGroup) -> bool {
        match group {
            UnitGroup::All => true,
            UnitGroup::Departments => self == UnitCategory::Department,
            UnitGroup::Townships => self == UnitCategory::Township,
        }
    }
}

/// 状态 of a (task, unit) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub enum TaskState {
    /// 未开始
    NotStarted,
    /// 推进中
    InProgress,
    /// 已完成
    Done,
    /// 不适用
    NotApplicable,
}

impl TaskState {
    pub const ALL: [TaskState; 4] = [TaskState::NotStarted, TaskState::InProgress, TaskState::Done, TaskState::NotApplicable];

    pub fn label(self) -> &'static str {
        match self {
            TaskState::NotStarted => "未开始",
            TaskState::InProgress => "推进中",
            TaskState::Done => "已完成",
            TaskState::NotApplicable => "不适用",
        }
    }

    pub fn parse(text: &str) -> Option<TaskState> {
        let t = text.trim();
        TaskState::ALL.into_iter().find(|s| s.label() == t)
    }

    /// Still owed: a pair in this state past its due date is overdue.
    pub fn is_open(self) -> bool {
        matches!(self, TaskState::NotStarted | TaskState::InProgress)
    }
}

/// A pair is overdue when it is still open and its due date has passed.
pub fn is_overdue(state: TaskState, due: NaiveDate, today: NaiveDate) -> bool {
    state.is_open() && due < today
}

/// The annual report's section 一 subheadings a completed task is offered under.
pub const REPORT_SUBHEADINGS: [&str; 5] = ["主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"];

/// The subheading a part's heading suggests (the clerk assigns each task once; this prefills it).
pub fn suggest_subheading(part_heading: &str) -> &'static str {
    let h = part_heading;
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&["依申请"]) {
        "依申请公开"
    } else if has(&["网站", "平台", "新媒体", "政务服务", "大厅", "热线"]) {
        "平台建设"
    } else if has(&["制度", "组织", "保障", "监督", "考核", "培训", "领导"]) {
        "监督保障"
    } else if has(&["管理", "台账", "目录", "指南", "规范性文件"]) {
        "政府信息管理"
    } else {
        "主动公开"
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum PlanLayout {
    /// Headings and 责任单位 lines.
    Text,
    /// Tab-separated rows under a header row.
    Table,
}

/// A part of the plan: its heading as written (一、加强解读回应工作力度).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanPart {
    pub heading: String,
    /// Text under the heading before its first item (kept, shown; not a task).
    pub intro: String,
}

/// One task of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanTask {
    /// Index into [`ParsedPlan::parts`].
    pub part: usize,
    /// 序号: 1, 2, … in the plan's order, across parts.
    pub seq: u32,
    /// The item's own number as written: （一）, 1., or empty.
    pub label: String,
    /// The task (工作任务; in the text layout the item's heading).
    pub title: String,
    /// 工作要求: the item's text.
    pub requirement: String,
    /// 牵头单位
    pub lead: UnitRefs,
    /// 责任单位 / 配合单位
    pub responsible: UnitRefs,
    /// 完成时限 as written; empty when the plan sets none.
    pub deadline: String,
    /// Line (1-based) of the task's first line in the text.
    pub line: usize,
}

impl PlanTask {
    /// Marked for all units (各部门、各单位 in either list).
    pub fn all_units(&self) -> bool {
        self.lead.groups.contains(&UnitGroup::All) || self.responsible.groups.contains(&UnitGroup::All)
    }

    /// 等相关部门: the named units are not all; the clerk completes the list.
    pub fn incomplete(&self) -> bool {
        self.lead.and_others || self.responsible.and_others
    }

    /// Every group named in either list, without repeats.
    pub fn groups(&self) -> Vec<UnitGroup> {
        let mut g: Vec<UnitGroup> = self.lead.groups.iter().chain(&self.responsible.groups).copied().collect();
        g.sort();
        g.dedup();
        g
    }

    /// The units named in either list (牵头 first), without repeats.
    pub fn named_units(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for n in self.lead.named.iter().chain(&self.responsible.named) {
            if !out.contains(&n.as_str()) {
                out.push(n);
            }
        }
        out
    }

    /// Names no unit and no group.
    pub fn has_no_units(&self) -> bool {
        self.lead.is_empty() && self.responsible.is_empty()
    }
}

/// A line the parser could not place, shown to the clerk (never silently dropped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanLine {
    /// 1-based line number in the text.
    pub line: usize,
    pub text: String,
    pub reason: String,
}

/// A plan as parsed, before the clerk confirms it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParsedPlan {
    pub layout: PlanLayout,
    /// 文号 of the covering notice (长净管办〔2019〕41号), empty when none.
    pub doc_number: String,
    /// The plan's title (…政务公开工作要点…), empty when none was found.
    pub title: String,
    /// The front matter as written: red header, 文号, title, addressees, notice text, 附件 lines.
    pub header: Vec<String>,
    /// What follows the last task: 落款, date.
    pub footer: Vec<String>,
    pub parts: Vec<PlanPart>,
    pub tasks: Vec<PlanTask>,
    pub unparsed: Vec<PlanLine>,
}

impl ParsedPlan {
    /// Every unit named anywhere in the plan, in order of first appearance.
    pub fn named_units(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &self.tasks {
            for n in t.named_units() {
                if !out.iter().any(|o| o == n) {
                    out.push(n.to_string());
                }
            }
        }
        out
    }

    /// The named units that are not in `known`, in order of first appearance.
    pub fn unknown_units(&self, known: &[&str]) -> Vec<String> {
        self.named_units().into_iter().filter(|n| !known.contains(&n.as_str())).collect()
    }

    /// Reads the unit `from` as the register's `to` wherever the plan names it (the clerk maps a
    /// name the plan spells differently onto an existing unit). The written lists keep `from`.
    pub fn map_unit(&mut self, from: &str, to: &str) {
        for t in &mut self.tasks {
            for refs in [&mut t.lead, &mut t.responsible] {
                let mut named: Vec<String> = Vec::with_capacity(refs.named.len());
                for n in refs.named.drain(..) {
                    let n = if n == from { to.to_string() } else { n };
                    if !named.contains(&n) {
                        named.push(n);
                    }
                }
                refs.named = named;
            }
        }
    }

    /// Number of tasks of each part, in the parts' order.
    pub fn tasks_per_part(&self) -> Vec<usize> {
        let mut counts = vec![0; self.parts.len()];
        for t in &self.tasks {
            if let Some(c) = counts.get_mut(t.part) {
                *c += 1;
            }
        }
        counts
    }
}

/// Parses a plan's text as copied from the document (or a sheet's rows joined with tabs). The
/// table layout is chosen when a tab-separated header row names a task column and a unit column.
pub fn parse_plan(input: &str) -> ParsedPlan {
    let lines = normalise(input);
    match table::find_header(&lines) {
        Some(h) => table::parse(&lines, h),
        None => text::parse(&lines),
    }
}

/// A line of the input: its 1-based number and its text, trimmed, without markdown marks.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub no: usize,
    pub text: String,
    /// The raw line had tabs (a table row); `text` keeps them.
    pub tabbed: bool,
}

/// Splits into lines, drops empty ones and horizontal rules, strips a BOM, markdown heading marks
/// and emphasis, and trims (half- and full-width spaces). Tabs are kept.
pub(crate) fn normalise(input: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in input.trim_start_matches('\u{feff}').split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{0c}']).enumerate() {
        let tabbed = raw.contains('\t') && raw.split('\t').filter(|c| !clean(c).is_empty()).count() >= 2;
        let text = if tabbed {
            raw.split('\t').map(clean).collect::<Vec<_>>().join("\t")
        } else {
            clean(raw)
        };
        if text.trim_matches('\t').is_empty() || (!tabbed && is_rule(&text)) {
            continue;
        }
        out.push(Line { no: i + 1, text, tabbed });
    }
    out
}

fn is_rule(text: &str) -> bool {
    text.chars().count() >= 3 && text.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | '—'))
}

/// One line or cell without markdown marks and surrounding blanks.
pub(crate) fn clean(raw: &str) -> String {
    let mut s = raw.trim_matches(is_blank);
    let hashes = s.chars().take_while(|c| *c == '#').count();
    if hashes > 0 && hashes <= 6 {
        s = s[hashes..].trim_start_matches(is_blank);
    }
    let s = s.trim_start_matches('>').trim_matches(is_blank);
    let s = s.replace("**", "").replace("__", "");
    // Collapse runs of blanks to one space (a cell's "one unit per line" arrives space-separated).
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for c in s.trim_matches(is_blank).chars() {
        if is_blank(c) {
            if !blank {
                out.push(' ');
            }
            blank = true;
        } else if !c.is_control() {
            out.push(c);
            blank = false;
        }
    }
    out
}

pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

pub(crate) const CN_DIGITS: &str = "一二三四五六七八九十";

/// `一、加强…` → ("一、", "加强…").
pub(crate) fn part_heading(text: &str) -> Option<(String, String)> {
    let n = text.chars().take_while(|c| CN_DIGITS.contains(*c)).count();
    if n == 0 || n > 3 {
        return None;
    }
    let rest: String = text.chars().skip(n).collect();
    let after = rest.strip_prefix('、').or_else(|| rest.strip_prefix('．')).or_else(|| rest.strip_prefix('.'))?;
    let label: String = text.chars().take(n + 1).collect();
    Some((label, after.trim().to_string()))
}

/// How items are numbered under a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// （一）
    Paren,
    /// 1. / 1． / 1、
    Arabic,
    /// （1）
    ParenArabic,
}

/// `（一）全面推进…` → (Paren, "（一）", "全面推进…").
pub(crate) fn item_heading(text: &str) -> Option<(ItemKind, String, String)> {
    let chars: Vec<char> = text.chars().collect();
    if matches!(chars.first(), Some('（') | Some('(')) {
        let close = chars.iter().position(|c| *c == '）' || *c == ')')?;
        let inner: String = chars[1..close].iter().collect();
        if inner.is_empty() || inner.chars().count() > 3 {
            return None;
        }
        let kind = if inner.chars().all(|c| CN_DIGITS.contains(c)) {
            ItemKind::Paren
        } else if inner.chars().all(|c| c.is_ascii_digit()) {
            ItemKind::ParenArabic
        } else {
            return None;
        };
        let label: String = chars[..=close].iter().collect();
        let rest: String = chars[close + 1..].iter().collect();
        return Some((kind, label, rest.trim().to_string()));
    }
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let mark = *chars.get(digits)?;
    if !matches!(mark, '.' | '．' | '、') {
        return None;
    }
    // "4.5%" is a number, not an item.
    if chars.get(digits + 1).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let label: String = chars[..=digits].iter().collect();
    let rest: String = chars[digits + 1..].iter().collect();
    Some((ItemKind::Arabic, label, rest.trim().to_string()))
}

/// The 文号 in a line (长净管办〔2019〕41号, also with [ ] 【 】 （ ） around the year), with 〔 〕.
pub fn find_doc_number(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let opens = ['〔', '[', '【', '（', '(', '［'];
    let closes = ['〕', ']', '】', '）', ')', '］'];
    for i in 0..chars.len() {
        if !opens.contains(&chars[i]) {
            continue;
        }
        let year: String = chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
        if year.len() != 4 {
            continue;
        }
        let j = i + 5;
        if !chars.get(j).is_some_and(|c| closes.contains(c)) {
            continue;
        }
        let num: String = chars[j + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
        if num.is_empty() || chars.get(j + 1 + num.chars().count()) != Some(&'号') {
            continue;
        }
        let start = chars[..i].iter().rev().take_while(|c| is_han(**c)).count();
        if start == 0 {
            continue;
        }
        let prefix: String = chars[i - start..i].iter().collect();
        return Some(format!("{prefix}〔{year}〕{num}号"));
    }
    None
}

pub(crate) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// 文号 and title from the front matter: the first 文号, and the first line naming a 工作要点
/// (else a 方案, else an 通知) that is not the 文号 line.
pub(crate) fn header_facts(header: &[String]) -> (String, String) {
    let doc_number = header.iter().find_map(|l| find_doc_number(l)).unwrap_or_default();
    let title = ["要点", "方案", "通知"]
        .iter()
        .find_map(|w| {
            header
                .iter()
                .find(|l| l.contains(w) && find_doc_number(l).is_none() && l.chars().count() <= 80 && !l.ends_with('：'))
        })
        .cloned()
        .unwrap_or_default();
    (doc_number, title)
}

/// The date a 完成时限 as written sets in the plan's `year`: a date (2019年9月30日), a month's end
/// (9月底前, 2019年9月), 上半年, 第三季度, 年底/年内/全年 (31 December). None for 长期坚持 and the like.
pub fn deadline_date(text: &str, year: i32) -> Option<NaiveDate> {
    let t: String = text.chars().filter(|c| !is_blank(*c)).collect();
    if t.is_empty() {
        return None;
    }
    if let Some(d) = crate::dates::parse_date(&t) {
        return Some(d);
    }
    let end_of_month = |y: i32, m: u32| -> Option<NaiveDate> {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
    };
    let chars: Vec<char> = t.chars().collect();
    // [YYYY年]M月[D日|底|末|前]
    if let Some(m_at) = chars.iter().position(|c| *c == '月') {
        let digits_before = |end: usize| -> (String, usize) {
            let s: String = chars[..end].iter().rev().take_while(|c| c.is_ascii_digit()).collect::<Vec<_>>().into_iter().rev().collect();
            let n = s.len();
            (s, end - n)
        };
        let (m, m_start) = digits_before(m_at);
        if let Ok(month) = m.parse::<u32>() {
            let y = if m_start > 0 && chars[m_start - 1] == '年' {
                digits_before(m_start - 1).0.parse::<i32>().unwrap_or(year)
            } else {
                year
            };
            let day: String = chars[m_at + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
            let after_day = chars.get(m_at + 1 + day.len());
            if !day.is_empty() && matches!(after_day, Some('日') | Some('号')) {
                return NaiveDate::from_ymd_opt(y, month, day.parse().ok()?);
            }
            if (1..=12).contains(&month) {
                return end_of_month(y, month);
            }
        }
    }
    if t.contains("上半年") {
        return NaiveDate::from_ymd_opt(year, 6, 30);
    }
    for (word, m) in [("第一季度", 3), ("一季度", 3), ("第二季度", 6), ("二季度", 6), ("第三季度", 9), ("三季度", 9), ("第四季度", 12), ("四季度", 12)] {
        if t.contains(word) {
            return end_of_month(year, m);
        }
    }
    if ["年底", "年末", "年内", "全年", "下半年", "12月"].iter().any(|w| t.contains(w)) {
        return NaiveDate::from_ymd_opt(year, 12, 31);
    }
    None
}
