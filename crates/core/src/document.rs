//! 文件台账的规则 (rules of the register of regulations and normative documents): the closed
//! vocabularies (类别, 状态, 公开属性, 公开方式, 解读形式), 文号 normalisation, 要件齐全,
//! 解读同步, the Art. 26 portal deadline, status transitions and the annual figures of the report's
//! 第二十条第（一）项. Pure functions: no I/O, no clock; `today` and the calendar are arguments.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::Calendar;

/// 条例 Art. 26: actively disclosed information is published "自该政府信息形成或者变更之日起20个工作日内".
pub const PORTAL_WORKDAYS: u32 = 20;
/// 工作台 lists documents whose 有效期至 falls within this many months, for evaluation.
pub const EXPIRY_NOTICE_MONTHS: u32 = 6;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal $(, $alias:literal)*)),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The Chinese word a clerk reads and writes.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            /// The stable code stored in the ledger (same as the serde name).
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }

            /// Accepts the label, a common alias, or the code.
            pub fn from_label(text: &str) -> Option<$name> {
                let t = text.trim();
                match t {
                    $($label $(| $alias)* => Some($name::$variant),)*
                    _ => Self::from_code(t),
                }
            }

            /// "a、b、c", for error messages that list what is allowed.
            pub fn labels() -> String {
                Self::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join("、")
            }
        }
    };
}

vocabulary! {
    /// 类别
    Category {
        /// 规章
        Rule = ("rule", "规章"),
        /// 行政规范性文件
        Normative = ("normative", "行政规范性文件", "规范性文件"),
        /// 其他政策文件
        OtherPolicy = ("other_policy", "其他政策文件", "其他"),
    }
}

vocabulary! {
    /// 状态 (the current one is the latest row of the status history)
    Status {
        /// 尚未生效
        Pending = ("pending", "尚未生效", "未生效"),
        /// 现行有效
        InForce = ("in_force", "现行有效", "有效"),
        /// 已修改: still in force, as amended
        Amended = ("amended", "已修改"),
        /// 已废止
        Repealed = ("repealed", "已废止", "废止"),
        /// 失效
        Expired = ("expired", "失效", "已失效"),
    }
}

vocabulary! {
    /// 公开属性
    Disclosure {
        /// 全文公开
        Full = ("full", "全文公开"),
        /// 删减后公开
        Redacted = ("redacted", "删减后公开"),
        /// 不予公开
        Withheld = ("withheld", "不予公开"),
    }
}

vocabulary! {
    /// 公开方式
    DisclosureMode {
        /// 主动公开
        Active = ("active", "主动公开"),
        /// 依申请公开
        OnRequest = ("on_request", "依申请公开"),
    }
}

vocabulary! {
    /// 解读材料的形式
    InterpretationForm {
        /// 文字
        Text = ("text", "文字", "文字解读"),
        /// 图解
        Graphic = ("graphic", "图解", "图表", "图片"),
        /// 音视频
        Video = ("video", "音视频", "视频", "音频"),
        /// 问答
        Qa = ("qa", "问答", "政策问答"),
        /// 其他
        Other = ("other", "其他"),
    }
}

impl Category {
    /// 规章 and 行政规范性文件 must carry the 要件 and are counted in the annual report.
    pub fn needs_elements(self) -> bool {
        matches!(self, Category::Rule | Category::Normative)
    }
}

impl Status {
    /// Still in force (已修改 counts: the amended text is in force).
    pub fn in_force(self) -> bool {
        matches!(self, Status::InForce | Status::Amended)
    }

    /// 已废止 and 失效 are final.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Repealed | Status::Expired)
    }

    /// Whether a status change needs the date it took effect (状态变更日期).
    pub fn needs_change_date(self) -> bool {
        matches!(self, Status::Amended | Status::Repealed | Status::Expired)
    }
}

/// Why a status change is refused.
pub fn check_transition(from: Status, to: Status) -> Result<(), String> {
    if from.is_final() {
        return Err(format!("文件已{}，不能再变更状态", if from == Status::Repealed { "废止" } else { "失效" }));
    }
    if to == Status::Pending {
        return Err("已登记的文件不能改回“尚未生效”".into());
    }
    // 已修改 may repeat (amended again); any other same-status change records nothing new.
    if from == to && to != Status::Amended {
        return Err(format!("文件当前已是“{}”", to.label()));
    }
    if from == Status::Amended && to == Status::InForce {
        return Err("已修改的文件仍然有效，不需要改回“现行有效”".into());
    }
    Ok(())
}

/// 文号 as the register stores it: trimmed, inner blanks removed, and the brackets around the
/// year written as 〔 〕, whatever the clerk typed ([ ], ( ), （ ）, 【 】, ［ ］, 〔 〕).
/// "长净管办[2019]41号" → "长净管办〔2019〕41号".
pub fn normalize_doc_number(raw: &str) -> String {
    let s: String = raw.trim().chars().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = s.chars().collect();
    let is_open = |c: char| matches!(c, '[' | '(' | '（' | '【' | '［' | '〔' | '〖');
    let is_close = |c: char| matches!(c, ']' | ')' | '）' | '】' | '］' | '〕' | '〗');
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A bracket pair around exactly four digits is the year.
        if is_open(c)
            && i + 5 < chars.len()
            && chars[i + 1..i + 5].iter().all(|d| d.is_ascii_digit())
            && is_close(chars[i + 5])
        {
            out.push('〔');
            out.extend(&chars[i + 1..i + 5]);
            out.push('〕');
            i += 6;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The facts 要件齐全 depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Elements {
    pub disclosure: Option<Disclosure>,
    /// Why not 全文公开; required when `disclosure` is 删减后公开 or 不予公开.
    pub disclosure_reason: String,
    pub disclosure_mode: Option<DisclosureMode>,
    /// 保密审查: None = not stated, Some(false) = not done.
    pub secrecy_reviewed: Option<bool>,
    pub interpretations: usize,
    /// 无需解读 with its reason.
    pub no_interpretation_reason: Option<String>,
}

/// What a 规章 or 行政规范性文件 still lacks (empty = 要件齐全), in the order of the 工作要点:
/// 公开属性, 公开方式, 解读材料, 保密审查. Other policy documents carry no such requirement.
pub fn missing_items(category: Category, e: &Elements) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if !category.needs_elements() {
        return missing;
    }
    match e.disclosure {
        None => missing.push("公开属性"),
        Some(Disclosure::Full) => {}
        Some(_) if e.disclosure_reason.trim().is_empty() => missing.push("不予全文公开的理由"),
        Some(_) => {}
    }
    if e.disclosure_mode.is_none() {
        missing.push("公开方式");
    }
    let no_need = e.no_interpretation_reason.as_deref().map(str::trim).is_some_and(|r| !r.is_empty());
    if e.interpretations == 0 && !no_need {
        missing.push("解读材料");
    }
    if e.secrecy_reviewed != Some(true) {
        missing.push("保密审查");
    }
    missing
}

/// "同步": an interpretation published after its document was not published with it.
/// Without a date either way there is nothing to flag.
pub fn interpretation_in_sync(document_published: NaiveDate, interpretation_published: Option<NaiveDate>) -> bool {
    interpretation_published.is_none_or(|d| d <= document_published)
}

/// Where a document stands against its Art. 26 portal deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PortalState {
    /// Not on the portal yet, still within the period.
    Pending,
    /// Not on the portal and the period is over.
    Overdue,
    /// Published on the portal within the period.
    OnTime,
    /// Published on the portal after the period.
    Late,
}

impl PortalState {
    pub const ALL: &'static [PortalState] =
        &[PortalState::Pending, PortalState::Overdue, PortalState::OnTime, PortalState::Late];

    pub fn label(self) -> &'static str {
        match self {
            PortalState::Pending => "待上网",
            PortalState::Overdue => "逾期未上网",
            PortalState::OnTime => "按时上网",
            PortalState::Late => "逾期上网",
        }
    }
}

/// The Art. 26 deadline of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PortalDeadline {
    pub due: NaiveDate,
    pub state: PortalState,
    /// Working days from `today` to `due`; negative when overdue, 0 on the day.
    #[ts(type = "number")]
    pub workdays_left: i64,
    /// "成文日期 2025-03-03 起 20 个工作日：2025-03-31", so a clerk can check it by hand.
    pub derivation: String,
    pub warnings: Vec<String>,
    /// 预计 (issue 23): `due` rests on predicted holidays of a year not confirmed complete.
    pub estimate: Option<crate::calendar::Estimate>,
}

/// Art. 26 for a document disclosed actively: due 20 working days after its 成文日期 (or its
/// 发布日期 when the 成文日期 is not recorded, which the derivation says). None when the document
/// is not disclosed actively.
pub fn portal_deadline(
    cal: &Calendar,
    mode: Option<DisclosureMode>,
    written_on: Option<NaiveDate>,
    published_on: NaiveDate,
    portal_published_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<PortalDeadline> {
    if mode != Some(DisclosureMode::Active) {
        return None;
    }
    let (from, what) = match written_on {
        Some(d) => (d, "成文日期"),
        None => (published_on, "发布日期（未录入成文日期）"),
    };
    let due = cal.due(from, PORTAL_WORKDAYS);
    let state = match portal_published_on {
        Some(p) if p <= due.date => PortalState::OnTime,
        Some(_) => PortalState::Late,
        None if today > due.date => PortalState::Overdue,
        None => PortalState::Pending,
    };
    let workdays_left = if today <= due.date {
        cal.workdays_between(today, due.date) as i64
    } else {
        -(cal.workdays_between(due.date, today) as i64)
    };
    Some(PortalDeadline {
        due: due.date,
        state,
        workdays_left,
        derivation: format!("{what} {from} 起 {PORTAL_WORKDAYS} 个工作日：{}", due.date),
        warnings: due.warnings,
        estimate: due.estimate,
    })
}

/// Whether a 有效期至 falls within the evaluation window: from `today` up to six months later.
pub fn expires_soon(valid_until: Option<NaiveDate>, today: NaiveDate) -> bool {
    let Some(v) = valid_until else { return false };
    let horizon = today.checked_add_months(chrono::Months::new(EXPIRY_NOTICE_MONTHS)).unwrap_or(NaiveDate::MAX);
    today <= v && v <= horizon
}

/// What the annual figures need to know of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualFacts {
    pub category: Category,
    pub published_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    /// The date of its 已废止 status row, if any.
    pub repealed_on: Option<NaiveDate>,
    /// The date of its 失效 status row, if any.
    pub expired_on: Option<NaiveDate>,
}

impl AnnualFacts {
    /// In force on `day`: published by then, and neither repealed, nor expired, nor past its
    /// 有效期至 by then. 已修改 documents remain in force; a document published but not yet
    /// 施行 counts too, as the report counts what has been issued and not abolished.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.published_on <= day
            && self.repealed_on.is_none_or(|r| r > day)
            && self.expired_on.is_none_or(|e| e > day)
            && self.valid_until.is_none_or(|v| v >= day)
    }
}

/// One row of 第二十条第（一）项.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct YearFigures {
    /// 本年制发件数: 发布日期 in the year.
    pub issued: u32,
    /// 本年废止件数: changed to 已废止 in the year.
    pub repealed: u32,
    /// 现行有效件数: in force on 31 December of the year.
    pub in_force: u32,
}

/// 第二十条第（一）项 of the annual report for one year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnnualFigures {
    pub year: i32,
    /// 规章
    pub rules: YearFigures,
    /// 行政规范性文件
    pub normative: YearFigures,
}

impl AnnualFigures {
    /// The report's rows in order, with their 信息内容 labels.
    pub fn rows(&self) -> [(&'static str, YearFigures); 2] {
        [(Category::Rule.label(), self.rules), (Category::Normative.label(), self.normative)]
    }
}

/// A column of 第二十条第（一）项: 本年制发件数, 本年废止件数, 现行有效件数.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureColumn {
    Issued,
    Repealed,
    InForce,
}

impl FigureColumn {
    pub const ALL: [FigureColumn; 3] = [FigureColumn::Issued, FigureColumn::Repealed, FigureColumn::InForce];
}

impl AnnualFacts {
    /// Whether this document is counted in `column` for `year`: the one definition used by the
    /// figures and by the drill-down that lists them.
    pub fn counts_in(&self, year: i32, column: FigureColumn) -> bool {
        let Some(year_end) = NaiveDate::from_ymd_opt(year, 12, 31) else { return false };
        match column {
            FigureColumn::Issued => self.published_on.year() == year,
            FigureColumn::Repealed => self.repealed_on.is_some_and(|r| r.year() == year),
            FigureColumn::InForce => self.in_force_on(year_end),
        }
    }
}

/// Counts 本年制发件数, 本年废止件数 and 现行有效件数 for `year`. Other policy documents are not
/// part of 第二十条第（一）项 and are ignored.
pub fn annual_figures<'a>(docs: impl IntoIterator<Item = &'a AnnualFacts>, year: i32) -> AnnualFigures {
    let mut fig = AnnualFigures { year, ..Default::default() };
    if NaiveDate::from_ymd_opt(year, 12, 31).is_none() {
        return fig;
    }
    for d in docs {
        let row = match d.category {
            Category::Rule => &mut fig.rules,
            Category::Normative => &mut fig.normative,
            Category::OtherPolicy => continue,
        };
        for (column, n) in FigureColumn::ALL.into_iter().zip([&mut row.issued, &mut row.repealed, &mut row.in_force]) {
            if d.counts_in(year, column) {
                *n += 1;
            }
        }
    }
    fig
}

