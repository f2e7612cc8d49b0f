//! 告知书: the letters a disclosure request produces, as editable templates with named
//! placeholders (`{申请人}`), the shipped default texts, and the pure fill step. Which value each
//! placeholder takes for a given request is the ledger's business (`gongkai_ledger::letters`);
//! this module only knows the vocabulary and the wording.
//!
//! A placeholder written `{名称?}` may come out empty; every other placeholder a template uses is
//! required, and a letter whose required value is missing is refused with the value's name.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::request::ReplyType;
use crate::taxonomy::ReplyResult;

mod state;
pub use state::state_allows;

/// The kinds of letter, by the Chinese name the CLI and the window use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    /// 登记回执: issued for a request in any state.
    Receipt,
    /// 补正告知书 (Art. 30)
    CorrectionNotice,
    /// 延期答复告知书 (Art. 33 para. 2)
    ExtensionNotice,
    /// 征求第三方意见书 (Art. 32), addressed to the third party.
    ThirdPartyConsultation,
    /// 第三方公开决定告知书 (Art. 32): the organ discloses despite the third party's objection and
    /// tells it, in writing, what will be disclosed and why. Addressed to the third party.
    DisclosureDecision,
    /// 征求其他机关意见函 (Art. 34): information made with another organ; 15 working days, no
    /// answer counts as consent. Addressed to the other organ.
    AgencyConsultation,
    /// 说明理由通知书 (Art. 35): asks an applicant whose requests clearly exceed a reasonable range
    /// to give reasons.
    ReasonsRequest,
    /// 收费通知 (信息处理费, 国办函〔2020〕109号)
    FeeNotice,
    /// 答复书: one template per reply result (and Art. 36 reply type where it changes the text).
    Reply,
}

impl LetterKind {
    pub const ALL: [LetterKind; 9] = [
        LetterKind::Receipt,
        LetterKind::CorrectionNotice,
        LetterKind::ExtensionNotice,
        LetterKind::ThirdPartyConsultation,
        LetterKind::DisclosureDecision,
        LetterKind::AgencyConsultation,
        LetterKind::ReasonsRequest,
        LetterKind::FeeNotice,
        LetterKind::Reply,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LetterKind::Receipt => "receipt",
            LetterKind::CorrectionNotice => "correction",
            LetterKind::ExtensionNotice => "extension",
            LetterKind::ThirdPartyConsultation => "consultation",
            LetterKind::DisclosureDecision => "disclosure_decision",
            LetterKind::AgencyConsultation => "agency_consultation",
            LetterKind::ReasonsRequest => "reasons",
            LetterKind::FeeNotice => "fee",
            LetterKind::Reply => "reply",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Receipt => "登记回执",
            LetterKind::CorrectionNotice => "补正告知书",
            LetterKind::ExtensionNotice => "延期答复告知书",
            LetterKind::ThirdPartyConsultation => "征求第三方意见书",
            LetterKind::DisclosureDecision => "公开决定告知书",
            LetterKind::AgencyConsultation => "征求其他机关意见函",
            LetterKind::ReasonsRequest => "说明理由通知书",
            LetterKind::FeeNotice => "收费通知",
            LetterKind::Reply => "答复书",
        }
    }

    pub fn from_code(code: &str) -> Option<LetterKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Accepts the Chinese name (登记回执 …) or the code.
    pub fn from_label(label: &str) -> Option<LetterKind> {
        let l = label.trim();
        Self::ALL.into_iter().find(|k| k.label() == l || k.code() == l)
    }

    /// The Chinese names, for messages: "登记回执、补正告知书、…".
    pub fn names() -> String {
        Self::ALL.map(|k| k.label()).join("、")
    }
}

/// A letter's editable text: title, 主送 line and body (one paragraph per line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Template {
    pub title: String,
    pub addressee: String,
    pub body: String,
}

/// 机关名称 shown when the clerk has not set one: visible, never silently blank.
pub const ORGAN_PLACEHOLDER: &str = "【机关名称未设置】";
/// 复议机关 shown in a preview while the setting is empty; a 答复书 is not issued with it.
pub const REVIEW_ORGAN_PLACEHOLDER: &str = "【复议机关未设置】";
/// 人民法院 when the setting is empty: the remedy still reads, naming no particular court.
pub const COURT_DEFAULT: &str = "人民法院";

/// Every placeholder a template may use, with what it stands for (shown in 设置).
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("机关名称", "设置中的机关名称；未设置时显示醒目的占位文字"),
    ("复议机关", "设置中的复议机关；未设置时显示【复议机关未设置】，答复书不能出具"),
    ("人民法院", "设置中管辖行政诉讼的人民法院；未设置时为“人民法院”"),
    ("联系方式", "设置中的机关地址和联系电话，如“（地址：…；电话：…）”；都未设置时为空"),
    ("文书编号", "按文书编号格式和年度流水号生成，例如 净管公开〔2025〕第12号"),
    ("成文日期", "出具告知书的日期"),
    ("受理编号", "申请的受理编号"),
    ("申请人", "申请人姓名或名称"),
    ("收到日期", "收到申请之日（条例第三十一条）"),
    ("申请方式", "当面、邮寄、网络、传真或其他"),
    ("申请内容", "申请公开的政府信息的描述"),
    ("所需信息", "所需信息的文号或名称；未填写时为申请内容"),
    ("获取方式", "申请人要求的提供形式和获取方式"),
    ("提供方式", "答复书中提供信息的形式和方式：申请人要求的获取方式，未填写时按本机关保存信息的实际情况确定"),
    ("答复期限", "按法定时钟计算的答复期限"),
    ("补正事项", "补正告知中需要补正的事项：勾选的第二十九条缺项逐项列出，另加填写的内容"),
    ("补正期限", "补正告知中给出的补正期限"),
    ("延期工作日", "延长答复期限的工作日数"),
    ("延期理由", "延期的理由"),
    ("延期审批人", "同意延期的政府信息公开工作机构负责人"),
    ("新答复期限", "延期后的答复期限"),
    ("第三方", "被征求意见的第三方"),
    ("意见期限", "第三方提出意见的期限（自征求之日起15个工作日）"),
    ("第三方意见", "第三方提出的意见（登记“征求意见结束”时填写）"),
    ("其他机关", "被征求意见的其他行政机关（第三十四条）"),
    ("复函期限", "其他机关提出意见的期限（自征求之日起15个工作日）"),
    ("收费金额", "信息处理费金额（元）"),
    ("收费依据", "计费方式和依据（按件或按量）"),
    ("缴费期限", "缴纳信息处理费的期限（设置中的工作日数）"),
    ("答复日期", "作出答复（或办结）的日期"),
    ("答复结果", "年度报告口径的办理结果"),
    ("法律依据", "答复所依据的条例条款"),
    ("答复说明", "答复时登记的说明"),
];

pub fn is_known_placeholder(name: &str) -> bool {
    PLACEHOLDERS.iter().any(|(n, _)| *n == name)
}

/// One use of a placeholder in a template text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    pub name: String,
    /// Written `{名称?}`: may be empty.
    pub optional: bool,
}

/// The placeholders used in `text`, in order; refuses unbalanced braces and unknown names.
pub fn uses(field: &str, text: &str) -> Result<Vec<Use>, AppError> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(AppError::validation(format!("{field}中有多余的“}}”，占位符应写成 {{申请人}} 的形式")));
        }
        let after = &rest[open + 1..];
        let close = after
            .find(['}', '{', '\n'])
            .filter(|&i| after[i..].starts_with('}'))
            .ok_or_else(|| AppError::validation(format!("{field}中的占位符“{{”没有闭合")))?;
        let inner = after[..close].trim();
        let (name, optional) = match inner.strip_suffix(['?', '？']) {
            Some(n) => (n.trim(), true),
            None => (inner, false),
        };
        if !is_known_placeholder(name) {
            return Err(AppError::validation(format!(
                "{field}使用了本程序不认识的占位符“{{{name}}}”；可用的占位符见模板编辑页的列表"
            )));
        }
        out.push(Use { name: name.to_string(), optional });
        rest = &after[close + 1..];
    }
    Ok(out)
}

/// Checks a template before it is saved: title and body present, every placeholder known.
pub fn validate(t: &Template) -> Result<(), AppError> {
    if t.title.trim().is_empty() {
        return Err(AppError::validation("模板标题不能为空"));
    }
    if t.body.trim().is_empty() {
        return Err(AppError::validation("模板正文不能为空"));
    }
    if t.title.chars().count() > 60 {
        return Err(AppError::validation("模板标题不能超过 60 个字"));
    }
    if t.body.chars().count() > 10_000 {
        return Err(AppError::validation("模板正文不能超过 10000 个字"));
    }
    uses("标题", &t.title)?;
    uses("主送", &t.addressee)?;
    uses("正文", &t.body)?;
    Ok(())
}

/// What the ledger knows for one placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// The letter cannot do without it; the hint says how to supply it ("请先登记延期").
    Missing { hint: String },
}

pub type Values = BTreeMap<&'static str, Value>;

/// A letter with every placeholder filled in, ready for the clerk to edit and issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FilledLetter {
    pub title: String,
    pub addressee: String,
    pub body: String,
}

fn fill_text(kind_label: &str, field: &str, text: &str, values: &Values) -> Result<String, AppError> {
    uses(field, text)?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').expect("checked by uses()");
        let inner = after[..close].trim();
        let (name, optional) = match inner.strip_suffix(['?', '？']) {
            Some(n) => (n.trim(), true),
            None => (inner, false),
        };
        match values.get(name) {
            Some(Value::Text(v)) if !v.trim().is_empty() || optional => out.push_str(v.trim()),
            Some(Value::Missing { .. }) | None if optional => {}
            Some(Value::Missing { hint }) => {
                return Err(AppError::validation(format!("无法生成{kind_label}：缺少“{name}”，{hint}")))
            }
            _ => {
                return Err(AppError::validation(format!(
                    "无法生成{kind_label}：“{name}”为空，请先在申请中补充"
                )))
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Fills a template; refuses, naming it, the first required value that is missing or empty.
/// Paragraphs that come out empty (an optional placeholder alone on its line) are dropped.
pub fn fill(kind: LetterKind, t: &Template, values: &Values) -> Result<FilledLetter, AppError> {
    let label = kind.label();
    let body = fill_text(label, "正文", &t.body, values)?;
    let body = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Ok(FilledLetter {
        title: fill_text(label, "标题", &t.title, values)?.trim().to_string(),
        addressee: fill_text(label, "主送", &t.addressee, values)?.trim().to_string(),
        body,
    })
}

/// How a letter addresses the applicant (issue 23): 您 for a 自然人, 贵单位 for a 法人或其他组织.
/// The shipped texts write "您（单位）" where they first name the applicant and "您" after it; a
/// template the clerk wrote may use either. Applied to the template before it is filled, so text the
/// applicant or the clerk typed into a value (申请内容, 说明) is never rewritten.
pub fn address_applicant(text: &str, natural_person: bool) -> String {
    if natural_person {
        text.replace("您（单位）", "您")
    } else {
        text.replace("您（单位）", "贵单位").replace('您', "贵单位")
    }
}

/// [`address_applicant`] on a template's title, addressee and body.
pub fn addressed_to(t: &Template, natural_person: bool) -> Template {
    Template {
        title: address_applicant(&t.title, natural_person),
        addressee: address_applicant(&t.addressee, natural_person),
        body: address_applicant(&t.body, natural_person),
    }
}

/// One letter as it will be printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterPrint {
    pub title: String,
    /// 文书编号, printed centred under the title.
    pub letter_number: String,
    /// 主送: "张三：".
    pub addressee: String,
    /// One paragraph per line.
    pub body: String,
    /// 机关名称; empty prints the visible placeholder.
    pub organ: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The audit anchor of the issue, "审计日志第 N 条 校验码 xxxxxxxx-xxxxxxxx" (the entry that
    /// recorded the letter), printed small at the foot of the letter's pages; empty on a preview.
    #[serde(default)]
    pub anchor: String,
    /// Print the dashed 盖章处 circle around the signature (setting 盖章处圆圈, off by default:
    /// the seal is pressed by hand).
    #[serde(default)]
    pub seal_circle: bool,
}

/// 2025年3月4日: GB/T 9704 writes dates in Arabic numerals, without leading zeros.
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Template keys: one per kind, and for 答复书 one per result (`reply.disclosed` …) plus the
/// Art. 36 types whose wording differs within a result (`reply.already_public`, `reply.not_responsible`).
pub fn template_key(kind: LetterKind, result: Option<ReplyResult>, reply_type: Option<ReplyType>) -> String {
    match kind {
        LetterKind::Reply => match (result, reply_type) {
            (Some(ReplyResult::Disclosed), Some(ReplyType::AlreadyPublic)) => "reply.already_public".into(),
            (Some(ReplyResult::NotHeld), Some(ReplyType::NotResponsible)) => "reply.not_responsible".into(),
            (Some(r), _) => format!("reply.{}", r.code()),
            (None, _) => "reply.other".into(),
        },
        k => k.code().into(),
    }
}

/// A template key with the name 设置 shows for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateEntry {
    pub key: String,
    pub kind: LetterKind,
    pub name: String,
}

/// Every template key, in the order 设置 lists them.
pub fn template_entries() -> Vec<TemplateEntry> {
    let mut out: Vec<TemplateEntry> = LetterKind::ALL
        .into_iter()
        .filter(|k| *k != LetterKind::Reply)
        .map(|k| TemplateEntry { key: k.code().into(), kind: k, name: k.label().into() })
        .collect();
    let reply = |key: String, name: String| TemplateEntry { key, kind: LetterKind::Reply, name };
    out.push(reply("reply.already_public".into(), "答复书：已主动公开（第三十六条第（一）项）".into()));
    for r in ReplyResult::ALL {
        let basis = if r.legal_basis().is_empty() { String::new() } else { format!("（{}）", r.legal_basis()) };
        out.push(reply(format!("reply.{}", r.code()), format!("答复书：{}{basis}", r.label())));
        if r == ReplyResult::NotHeld {
            out.push(reply(
                "reply.not_responsible".into(),
                "答复书：不属于本机关负责公开（第三十六条第（五）项）".into(),
            ));
        }
    }
    out
}

const LAW: &str = "《中华人民共和国政府信息公开条例》";

/// The opening every 答复书 shares.
const REPLY_OPENING: &str = "您（单位）于{收到日期}提交的政府信息公开申请（受理编号：{受理编号}）收悉。您申请公开：{申请内容}。";
/// The remedies paragraph of a 答复书 that withholds nothing: either 复议 within 60 days
/// (行政复议法第二十条) or 诉讼 within 6 months (行政诉讼法第四十六条), naming where.
pub const REMEDY_EITHER: &str = "如对本答复不服，可以自收到本答复之日起六十日内向{复议机关}申请行政复议，或者自收到本答复之日起六个月内依法向{人民法院}提起行政诉讼。";
/// 复议前置 (行政复议法 2023 第二十三条第一款第（四）项): a reply that withholds says the
/// applicant must apply for 行政复议 first.
pub const REMEDY_REVIEW_FIRST: &str = "如对本答复不服，应当自收到本答复之日起六十日内先向{复议机关}申请行政复议，对行政复议决定不服的，可以依法向人民法院提起行政诉讼。";
/// 部分公开: review first for the withheld part, either/or for the rest.
pub const REMEDY_PARTLY: &str = "如对本答复中不予公开的部分不服，应当自收到本答复之日起六十日内先向{复议机关}申请行政复议，对行政复议决定不服的，可以依法向人民法院提起行政诉讼；对本答复其他内容不服的，可以自收到本答复之日起六十日内向{复议机关}申请行政复议，或者自收到本答复之日起六个月内依法向{人民法院}提起行政诉讼。";

/// Which remedy paragraph a reply with `result` ends with.
pub fn remedy_for(result: Option<ReplyResult>) -> &'static str {
    use crate::taxonomy::ResultGroup;
    match result {
        Some(ReplyResult::PartlyDisclosed) => REMEDY_PARTLY,
        Some(r) if r.group() == ResultGroup::Withheld => REMEDY_REVIEW_FIRST,
        _ => REMEDY_EITHER,
    }
}

fn reply_body_with(middle: &str, remedy: &str) -> String {
    format!("{REPLY_OPENING}\n{middle}\n{{答复说明?}}\n{remedy}\n特此告知。")
}

fn reply_body(middle: &str) -> String {
    reply_body_with(middle, REMEDY_EITHER)
}

/// The shipped text for a template key; `None` for a key the app does not know.
pub fn default_template(key: &str) -> Option<Template> {
    let t = |title: &str, addressee: &str, body: String| Template {
        title: title.into(),
        addressee: addressee.into(),
        body,
    };
    let to_applicant = "{申请人}：";
    let reply_title = "政府信息公开申请答复书";
    let withheld = |what: &str, article: &str| {
        reply_body_with(
            &format!("经审查，您申请公开的政府信息{what}。根据{LAW}{article}和第三十六条第（三）项的规定，本机关决定不予公开。"),
            REMEDY_REVIEW_FIRST,
        )
    };
    let provided = "提供方式：{提供方式}。";
    Some(match key {
        "receipt" => t(
            "政府信息公开申请登记回执",
            to_applicant,
            format!(
                "您（单位）于{{收到日期}}以{{申请方式}}方式提交的政府信息公开申请已收到，受理编号为{{受理编号}}。申请内容：{{申请内容}}。\n\
                 根据{LAW}第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复；需要延长答复期限的，将另行书面告知。征求第三方和其他机关意见所需时间不计算在上述期限内。\n\
                 如有疑问，请凭受理编号与本机关联系{{联系方式?}}。\n特此回执。"
            ),
        ),
        "correction" => t(
            "政府信息公开申请补正告知书",
            to_applicant,
            format!(
                "您（单位）于{{收到日期}}提交的政府信息公开申请（受理编号：{{受理编号}}）收悉。申请内容：{{申请内容}}。\n\
                 经审查，您的申请内容不够明确。根据{LAW}第二十九条、第三十条的规定，请您对以下事项作出补正：{{补正事项}}。\n\
                 请于{{补正期限}}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。\n\
                 特此告知。"
            ),
        ),
        "extension" => t(
            "政府信息公开申请延期答复告知书",
            to_applicant,
            format!(
                "您（单位）于{{收到日期}}提交的政府信息公开申请（受理编号：{{受理编号}}）收悉。申请内容：{{申请内容}}。\n\
                 因{{延期理由}}，本机关不能在规定期限内作出答复。根据{LAW}第三十三条第二款的规定，经政府信息公开工作机构负责人{{延期审批人}}同意，答复期限延长{{延期工作日}}个工作日，本机关将于{{新答复期限}}前作出答复。\n\
                 特此告知。"
            ),
        ),
        "consultation" => t(
            "政府信息公开征求第三方意见书",
            "{第三方}：",
            format!(
                "本机关于{{收到日期}}收到一件政府信息公开申请（受理编号：{{受理编号}}），申请公开以下信息：{{申请内容}}。\n\
                 经审查，公开该政府信息可能损害你方合法权益。根据{LAW}第三十二条的规定，现书面征求你方意见。请于{{意见期限}}前（自收到本意见书之日起15个工作日内）以书面形式提出意见；不同意公开的，请说明理由。\n\
                 逾期未提出意见的，由本机关依照{LAW}的规定决定是否公开。\n\
                 特此函询。"
            ),
        ),
        "disclosure_decision" => t(
            "政府信息公开决定告知书",
            "{第三方}：",
            format!(
                "本机关于{{收到日期}}收到一件政府信息公开申请（受理编号：{{受理编号}}），申请公开以下信息：{{申请内容}}。本机关曾就此书面征求你方意见，你方意见为：{{第三方意见}}。\n\
                 经审查，本机关认为不公开该政府信息可能对公共利益造成重大影响。根据{LAW}第三十二条的规定，本机关决定予以公开，现将决定公开的政府信息内容和理由告知如下。\n\
                 决定公开的政府信息内容：{{所需信息}}。\n\
                 如对本决定不服，可以自收到本告知书之日起六十日内向{{复议机关}}申请行政复议，或者自收到本告知书之日起六个月内依法向{{人民法院}}提起行政诉讼。\n\
                 特此告知。"
            ),
        ),
        "agency_consultation" => t(
            "政府信息公开征求意见函",
            "{其他机关}：",
            format!(
                "本机关于{{收到日期}}收到一件政府信息公开申请（受理编号：{{受理编号}}），申请公开以下信息：{{申请内容}}。\n\
                 经审查，该政府信息由本机关与你机关共同制作。根据{LAW}第三十四条的规定，现征求你机关意见。请于{{复函期限}}前（自收到本函之日起15个工作日内）书面提出是否同意公开的意见；不同意公开的，请说明理由。\n\
                 逾期未提出意见的，视为同意公开。征求意见所需时间不计算在答复期限内。\n\
                 特此函商。"
            ),
        ),
        "reasons" => t(
            "政府信息公开申请说明理由通知书",
            to_applicant,
            format!(
                "您（单位）于{{收到日期}}提交的政府信息公开申请（受理编号：{{受理编号}}）收悉。申请内容：{{申请内容}}。\n\
                 经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据{LAW}第三十五条的规定，请您就提出上述申请的理由作出书面说明，并提交本机关。\n\
                 本机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理，但无法在{LAW}第三十三条规定的期限内答复的，将确定延迟答复的合理期限并告知您。\n\
                 特此通知。"
            ),
        ),
        "fee" => t(
            "政府信息公开信息处理费收费通知",
            to_applicant,
            format!(
                "您（单位）于{{收到日期}}提交的政府信息公开申请（受理编号：{{受理编号}}）收悉。\n\
                 因您申请公开政府信息的数量、频次明显超过合理范围，根据{LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关依法收取信息处理费。计费方式：{{收费依据}}；应缴金额：人民币{{收费金额}}元。\n\
                 请于{{缴费期限}}前缴纳上述费用。逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。\n\
                 特此通知。"
            ),
        ),
        "reply.already_public" => t(reply_title, to_applicant, reply_body(&format!(
            "经审查，您申请获取的政府信息已经主动公开。根据{LAW}第三十六条第（一）项的规定，现告知您获取该政府信息的方式和途径如下。\n{provided}"
        ))),
        "reply.disclosed" => t(reply_title, to_applicant, reply_body(&format!(
            "经审查，您申请公开的政府信息属于可以公开的政府信息。根据{LAW}第三十六条第（二）项的规定，本机关决定予以公开，现按您要求的形式提供该政府信息。\n{provided}"
        ))),
        "reply.partly_disclosed" => t(reply_title, to_applicant, reply_body_with(&format!(
            "经审查，您申请公开的政府信息中含有不应当公开的内容，但能够作区分处理。根据{LAW}第三十七条的规定，本机关向您提供可以公开的部分，对不予公开的部分说明理由如下。\n{provided}"
        ), REMEDY_PARTLY)),
        "reply.state_secret" => t(reply_title, to_applicant, withheld("属于国家秘密", "第十四条")),
        "reply.prohibited_by_law" => t(reply_title, to_applicant, withheld("属于法律、行政法规禁止公开的政府信息", "第十四条")),
        "reply.three_securities" => t(reply_title, to_applicant, withheld("公开后可能危及国家安全、公共安全、经济安全、社会稳定", "第十四条")),
        "reply.third_party_rights" => t(reply_title, to_applicant, withheld("涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的内容，且第三方不同意公开", "第十五条、第三十二条")),
        "reply.internal_affairs" => t(reply_title, to_applicant, withheld("属于人事管理、后勤管理、内部工作流程等方面的内部事务信息", "第十六条第一款")),
        "reply.process_information" => t(reply_title, to_applicant, withheld("属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息", "第十六条第二款")),
        "reply.enforcement_file" => t(reply_title, to_applicant, withheld("属于行政执法案卷信息", "第十六条第二款")),
        "reply.administrative_query" => t(reply_title, to_applicant, reply_body_with(&format!(
            "经审查，您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的信息。根据{LAW}第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理。"
        ), REMEDY_REVIEW_FIRST)),
        "reply.not_held" => t(reply_title, to_applicant, reply_body(&format!(
            "经检索，本机关未制作或者获取您申请公开的政府信息。根据{LAW}第三十六条第（四）项的规定，告知您该政府信息不存在。"
        ))),
        "reply.not_responsible" => t(reply_title, to_applicant, reply_body(&format!(
            "经审查，您申请公开的政府信息不属于本机关负责公开。根据{LAW}第三十六条第（五）项的规定，特此告知；能够确定负责公开该政府信息的行政机关的，其名称和联系方式如下。"
        ))),
        "reply.needs_creation" => t(reply_title, to_applicant, reply_body(&format!(
            "经审查，本机关没有您所申请的现成信息，提供该信息需要对现有政府信息进行加工、分析。根据{LAW}第三十八条的规定，本机关不予提供。"
        ))),
        "reply.still_unclear" => t(reply_title, to_applicant, reply_body(&format!(
            "本机关已告知您对申请内容作出补正，但补正后申请内容仍不明确，无法确定您所需要的政府信息。根据{LAW}第三十条的规定，本机关无法提供。"
        ))),
        "reply.petition" => t(reply_title, to_applicant, reply_body(&format!(
            "经审查，您提出的申请实质上属于信访、投诉、举报等诉求。根据{LAW}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。"
        ))),
        "reply.repeated" => t(reply_title, to_applicant, reply_body(&format!(
            "经查，本机关已就您的同一申请作出答复。根据{LAW}第三十六条第（六）项的规定，本机关不予重复处理。"
        ))),
        "reply.publication" => t(reply_title, to_applicant, reply_body(&format!(
            "经审查，您申请获取的信息属于政府公报、报刊、书籍等公开出版物。根据{LAW}第三十九条第二款的规定，请您通过相应的出版发行渠道获取。"
        ))),
        "reply.excessive" => t(reply_title, to_applicant, reply_body(&format!(
            "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，您说明的理由不合理。根据{LAW}第三十五条的规定，本机关不予处理。"
        ))),
        "reply.confirm_or_reissue" => t(reply_title, to_applicant, reply_body(&format!(
            "经审查，您的申请系要求本机关确认或者重新出具您已获取的信息，不属于{LAW}所规定的政府信息公开申请，本机关不作为政府信息公开申请处理。"
        ))),
        "reply.correction_overdue" => t("政府信息公开申请不再处理告知书", to_applicant, reply_body(&format!(
            "本机关已书面告知您对申请作出补正，您无正当理由逾期未补正。根据{LAW}第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。"
        ))),
        "reply.fee_unpaid" => t("政府信息公开申请不再处理告知书", to_applicant, reply_body(&format!(
            "本机关已向您发出信息处理费收费通知，您逾期未按通知要求缴纳费用。根据{LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为放弃申请，本机关不再处理该政府信息公开申请。"
        ))),
        "reply.other" => t(
            reply_title,
            to_applicant,
            format!("{REPLY_OPENING}\n经研究，现答复如下：{{答复说明}}\n{REMEDY_EITHER}\n特此告知。"),
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
