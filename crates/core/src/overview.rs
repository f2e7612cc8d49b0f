//! 一、总体情况 as real annual reports write it: five subheadings, each prefilled with what the
//! ledger knows for the year and left for the clerk to complete. A new year's draft starts from
//! last year's text under the same headings, with last year's prefilled sentence replaced by this
//! year's (its numbers belong to last year).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::report::AnnualFigures;
use crate::taxonomy::ResultGroup;

/// The five subheadings of 一、总体情况, in printed order.
pub const OVERVIEW_HEADINGS: [&str; 5] =
    ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"];

/// The text under each subheading of 一、总体情况.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OverviewSections {
    /// （一）主动公开
    pub active: String,
    /// （二）依申请公开
    pub requests: String,
    /// （三）政府信息管理
    pub management: String,
    /// （四）政府信息公开平台建设
    pub platform: String,
    /// （五）监督保障
    pub oversight: String,
}

impl OverviewSections {
    /// The five texts in printed order.
    pub fn texts(&self) -> [&str; 5] {
        [&self.active, &self.requests, &self.management, &self.platform, &self.oversight]
    }

    fn texts_mut(&mut self) -> [&mut String; 5] {
        [&mut self.active, &mut self.requests, &mut self.management, &mut self.platform, &mut self.oversight]
    }

    pub fn from_texts(t: [String; 5]) -> OverviewSections {
        let [active, requests, management, platform, oversight] = t;
        OverviewSections { active, requests, management, platform, oversight }
    }

    pub fn is_empty(&self) -> bool {
        self.texts().iter().all(|t| t.trim().is_empty())
    }

    /// (heading, text) pairs as printed.
    pub fn headed(&self) -> Vec<(&'static str, &str)> {
        OVERVIEW_HEADINGS.into_iter().zip(self.texts()).collect()
    }
}

/// What the ledger knows beyond the report's tables: 解读材料 published in the year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OverviewFacts {
    pub interpretations: u32,
}

/// The sentences the ledger can write for each subheading of `f`'s year (empty where it knows
/// nothing: 政府信息管理, 平台建设 and 监督保障 are the clerk's to write).
pub fn prefilled(f: &AnnualFigures, facts: OverviewFacts) -> OverviewSections {
    let two = &f.section_two;
    let t = &f.table_three;
    let group = |g: ResultGroup| -> u32 { t.results.iter().filter(|(r, _)| r.group() == g).map(|(_, n)| n.total()).sum() };
    let four = &f.table_four;
    let active = format!(
        "{y}年，本机关制发规章{ri}件、行政规范性文件{ni}件，废止规章{rr}件、行政规范性文件{nr}件，截至年底现行有效规章{rf}件、行政规范性文件{nf}件；发布政策解读材料{interp}件。",
        y = f.year,
        ri = two.regulations.issued,
        ni = two.normative.issued,
        rr = two.regulations.repealed,
        nr = two.normative.repealed,
        rf = two.regulations.in_force,
        nf = two.normative.in_force,
        interp = facts.interpretations,
    );
    let requests = format!(
        "{y}年，本机关新收政府信息公开申请{recv}件，上年结转{cin}件；本年度办结{done}件，其中予以公开{a}件、部分公开{b}件、不予公开{c}件、无法提供{d}件、不予处理{e}件、其他处理{g}件；结转下年度继续办理{cout}件。因政府信息公开被申请行政复议{rev}件，被提起行政诉讼{lit}件。",
        y = f.year,
        recv = t.received.total(),
        cin = t.carried_in.total(),
        done = t.results_total().total(),
        a = group(ResultGroup::Disclosed),
        b = group(ResultGroup::PartlyDisclosed),
        c = group(ResultGroup::Withheld),
        d = group(ResultGroup::Unavailable),
        e = group(ResultGroup::NotHandled),
        g = group(ResultGroup::OtherHandling),
        cout = t.carried_out.total(),
        rev = four.reconsideration.total(),
        lit = four.litigation_direct.total() + four.litigation_after.total(),
    );
    OverviewSections { active, requests, ..Default::default() }
}

/// A year's draft from last year's text: under each heading this year's prefilled sentence, then
/// what the clerk wrote last year with last year's prefilled sentence taken out.
pub fn carried_forward(last: &OverviewSections, last_prefilled: &OverviewSections, now: &OverviewSections) -> OverviewSections {
    let mut out = now.clone();
    for ((slot, last_text), last_pre) in out.texts_mut().into_iter().zip(last.texts()).zip(last_prefilled.texts()) {
        let kept = if last_pre.is_empty() { last_text.trim().to_string() } else { last_text.replace(last_pre, "").trim().to_string() };
        if !kept.is_empty() {
            *slot = if slot.is_empty() { kept } else { format!("{slot}\n{kept}") };
        }
    }
    out
}

/// The sections with each empty one filled from `prefilled`.
pub fn fill_empty(saved: &OverviewSections, prefilled: &OverviewSections) -> OverviewSections {
    let mut out = saved.clone();
    for (slot, pre) in out.texts_mut().into_iter().zip(prefilled.texts()) {
        if slot.trim().is_empty() {
            *slot = pre.to_string();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ByApplicant, TableThree};
    use crate::taxonomy::ReplyResult;

    fn figures(year: i32, received: u32, disclosed: u32) -> AnnualFigures {
        let mut f = AnnualFigures { year, ..Default::default() };
        f.section_two.normative.issued = 3;
        f.table_three = TableThree {
            received: ByApplicant([received, 0, 0, 0, 0, 0]),
            results: vec![(ReplyResult::Disclosed, ByApplicant([disclosed, 0, 0, 0, 0, 0]))],
            ..Default::default()
        };
        f.table_four.reconsideration.upheld = 1;
        f
    }

    #[test]
    fn the_ledger_prefills_what_it_knows() {
        let p = prefilled(&figures(2025, 7, 5), OverviewFacts { interpretations: 2 });
        assert!(p.active.contains("行政规范性文件3件") && p.active.contains("解读材料2件"), "{}", p.active);
        assert!(p.requests.contains("新收政府信息公开申请7件") && p.requests.contains("予以公开5件"), "{}", p.requests);
        assert!(p.requests.contains("行政复议1件"), "{}", p.requests);
        assert_eq!((p.management.as_str(), p.platform.as_str(), p.oversight.as_str()), ("", "", ""));
        assert_eq!(OVERVIEW_HEADINGS.len(), p.texts().len());
    }

    #[test]
    fn a_new_year_starts_from_last_years_text_with_this_years_numbers() {
        let last_pre = prefilled(&figures(2024, 4, 4), OverviewFacts::default());
        let last = OverviewSections {
            active: format!("{}\n本机关坚持以公开为常态。", last_pre.active),
            platform: "门户网站改版上线。".into(),
            ..last_pre.clone()
        };
        let now = prefilled(&figures(2025, 7, 5), OverviewFacts::default());
        let draft = carried_forward(&last, &last_pre, &now);
        assert!(draft.active.starts_with("2025年") && draft.active.ends_with("本机关坚持以公开为常态。"), "{}", draft.active);
        assert!(!draft.active.contains("2024年"), "last year's numbers are dropped: {}", draft.active);
        assert_eq!(draft.requests, now.requests);
        assert_eq!(draft.platform, "门户网站改版上线。");
        let filled = fill_empty(&OverviewSections { oversight: "已写".into(), ..Default::default() }, &now);
        assert_eq!(filled.active, now.active);
        assert_eq!(filled.oversight, "已写");
    }
}
