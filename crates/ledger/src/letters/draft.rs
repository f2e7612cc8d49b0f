//! Drafting a letter: the values a template's placeholders take from a request's record, events, statutory clock and the settings, refusing by name a value the letter cannot do without.

use chrono::{Datelike, NaiveDate};
use gongkai_core::clock::{self, ConsultationKind};
use gongkai_core::letter::{
    self, chinese_date, FilledLetter, LetterKind, Value, Values,
    COURT_DEFAULT, ORGAN_PLACEHOLDER, REVIEW_ORGAN_PLACEHOLDER,
};
use gongkai_core::request::{self, EventDetail, RequestEvent};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::requests::{self, StoredEvent};
use crate::{settings, Error, Ledger, Result};
use super::issue::next_seq;
use super::templates::{entry, letter_settings, number_pattern_in, view};

/// Art. 32: the third party answers within 15 working days.
pub const THIRD_PARTY_WORKDAYS: u32 = 15;
/// Art. 34: another organ consulted answers within 15 working days; silence counts as consent.
pub const OTHER_AGENCY_WORKDAYS: u32 = 15;
/// A letter filled from the ledger, for the clerk to read and edit before issuing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterDraft {
    pub kind: LetterKind,
    pub kind_label: String,
    pub template_key: String,
    pub template_name: String,
    pub request_number: String,
    /// The number the letter will get if issued now (the counter moves only on issue).
    pub letter_number: String,
    pub organ: String,
    pub date: String,
    pub text: FilledLetter,
    /// What the clerk should know before issuing (a 预计 deadline and the date the letter gives).
    pub warnings: Vec<String>,
}

pub(super) struct Case {
    pub(super) id: i64,
    pub(super) record: requests::RequestRecord,
    pub(super) events: Vec<StoredEvent>,
}

pub(super) fn load_case(conn: &Connection, number: &str) -> Result<Case> {
    let id = requests::request_id(conn, number)?;
    Ok(Case { id, record: requests::load_record(conn, id)?, events: requests::load_events(conn, id)? })
}

fn text(v: impl Into<String>) -> Value {
    Value::Text(v.into())
}

fn missing(hint: &str) -> Value {
    Value::Missing { hint: hint.into() }
}

/// Every placeholder's value for `case` on `today`.
fn values(ledger: &Ledger, case: &Case, organ: &str, letter_number: &str, today: NaiveDate, notes: &mut Vec<String>) -> Result<Values> {
    let conn = ledger.conn();
    let r = &case.record;
    let events: Vec<RequestEvent> = case.events.iter().map(|e| e.event.clone()).collect();
    let cal = crate::calendar::effective(ledger)?;
    let clock = clock::assess(&request::clock_events(&events), today, &cal);
    let summary = request::summarize(&events);
    let settings = letter_settings(conn)?;
    let date = |s: &str| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").map(chinese_date).unwrap_or_else(|_| s.to_string())
    };

    let mut v = Values::new();
    v.insert("机关名称", text(if organ.trim().is_empty() { ORGAN_PLACEHOLDER } else { organ.trim() }));
    let review_organ = settings::review_organ_in(conn)?;
    v.insert("复议机关", text(review_organ.as_deref().unwrap_or(REVIEW_ORGAN_PLACEHOLDER)));
    let court = settings::get(conn, settings::KEY_COURT)?.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    v.insert("人民法院", text(court.as_deref().unwrap_or(COURT_DEFAULT)));
    v.insert("联系方式", text(settings::contact_in(conn)?));
    v.insert("文书编号", text(letter_number));
    v.insert("成文日期", text(chinese_date(today)));
    v.insert("受理编号", text(&r.number));
    v.insert("申请人", text(&r.applicant_name));
    v.insert("收到日期", text(date(&r.received_date)));
    v.insert("申请方式", text(&r.channel_label));
    v.insert("申请内容", text(r.content.trim().trim_end_matches(['。', '.'])));
    let sought = if r.document_ref.trim().is_empty() { &r.content } else { &r.document_ref };
    v.insert("所需信息", text(sought.trim()));
    let wanted: Vec<&str> = [r.form_wanted.trim(), r.delivery_wanted.trim()].into_iter().filter(|s| !s.is_empty()).collect();
    v.insert("获取方式", text(wanted.join("，")));
    // Art. 40: as the applicant asked, else as the organ keeps the information.
    v.insert(
        "提供方式",
        text(if wanted.is_empty() {
            "根据本机关保存该政府信息的实际情况确定提供形式（第四十条）".to_string()
        } else {
            wanted.join("，")
        }),
    );
    // A deadline resting on predicted holidays (a year whose notice is not confirmed complete) is
    // never promised silently: the letter gives the earlier of it and the plain Monday–Friday
    // date, and the clerk is told why (issue 23).
    let reply_due = clock.reply.as_ref().map(|d| {
        if !d.warnings.iter().any(|w| w.contains("期限为预计")) {
            return chinese_date(d.date);
        }
        let plain_cal = (today.year() - 3..=today.year() + 3).fold(cal.clone(), |c, y| c.with_covered_year(y));
        let plain = clock::assess(&request::clock_events(&events), today, &plain_cal).reply.map_or(d.date, |p| p.date);
        let given = plain.min(d.date);
        notes.push(format!(
            "答复期限 {} 是预计的（按周一至周五计算为 {}）：{}。告知书中写的是较早的 {}；录入并确认放假通知后可重新生成。",
            d.date, plain, gongkai_core::calendar::ESTIMATE_REASON, given
        ));
        chinese_date(given)
    });
    v.insert(
        "答复期限",
        reply_due.clone().map(text).unwrap_or_else(|| missing("该申请当前没有正在计算的答复期限")),
    );

    let last = |pred: &dyn Fn(&EventDetail) -> bool| events.iter().rev().find(|e| pred(&e.detail));
    match last(&|d| matches!(d, EventDetail::CorrectionRequested { .. })) {
        Some(RequestEvent { detail: EventDetail::CorrectionRequested { grounds, items, correct_by }, .. }) => {
            // Each ticked Art. 29 ground on its own, numbered, then what the clerk wrote.
            let mut asked: Vec<String> = grounds.iter().map(|g| g.request_text().to_string()).collect();
            if !items.trim().is_empty() {
                asked.push(items.trim().trim_end_matches(['。', '；', ';']).to_string());
            }
            let listed = if asked.len() == 1 {
                asked.remove(0)
            } else {
                asked.iter().enumerate().map(|(i, a)| format!("（{}）{a}", i + 1)).collect::<Vec<_>>().join("；")
            };
            v.insert("补正事项", text(listed));
            v.insert(
                "补正期限",
                correct_by
                    .map(|d| text(chinese_date(d)))
                    .unwrap_or_else(|| missing("登记“告知补正”时没有填写补正期限")),
            );
        }
        _ => {
            let hint = "请先在办理记录中登记“告知补正”";
            v.insert("补正事项", missing(hint));
            v.insert("补正期限", missing(hint));
        }
    }
    match last(&|d| matches!(d, EventDetail::Extended { .. })) {
        Some(RequestEvent { detail: EventDetail::Extended { workdays, reason, approver }, .. }) => {
            v.insert("延期工作日", text(workdays.to_string()));
            v.insert("延期理由", text(reason));
            // An account signs as 姓名（登录名）; the letter names the person.
            let name = approver.split('（').next().unwrap_or(approver).trim().to_string();
            v.insert("延期审批人", text(&name));
            v.insert("新答复期限", reply_due.map(text).unwrap_or_else(|| missing("该申请当前没有正在计算的答复期限")));
        }
        _ => {
            let hint = if gongkai_core::request::pending_extension(&events).is_some() {
                "延期尚待负责人批准，批准后才能出具"
            } else {
                "请先在办理记录中登记“延期”"
            };
            for k in ["延期工作日", "延期理由", "延期审批人", "新答复期限"] {
                v.insert(k, missing(hint));
            }
        }
    }
    let third_party = |d: &EventDetail| {
        matches!(d, EventDetail::ConsultationStarted { consultation: ConsultationKind::ThirdParty, .. })
    };
    match last(&third_party) {
        Some(RequestEvent { date, detail: EventDetail::ConsultationStarted { party, .. } }) => {
            v.insert("第三方", text(party));
            v.insert("意见期限", text(chinese_date(cal.add_workdays(*date, THIRD_PARTY_WORKDAYS))));
        }
        _ => {
            let hint = "请先在办理记录中登记“征求意见”（征求第三方意见）";
            v.insert("第三方", missing(hint));
            v.insert("意见期限", missing(hint));
        }
    }
    match last(&|d| matches!(d, EventDetail::ConsultationEnded { consultation: ConsultationKind::ThirdParty, .. })) {
        Some(RequestEvent { detail: EventDetail::ConsultationEnded { opinion, .. }, .. }) => {
            let opinion = opinion.trim().trim_end_matches(['。', '.']);
            v.insert("第三方意见", text(if opinion.is_empty() { "未提出书面意见" } else { opinion }));
        }
        _ => {
            v.insert("第三方意见", missing("请先在办理记录中登记“征求意见结束”（第三方的意见）"));
        }
    }
    let other_agency = |d: &EventDetail| {
        matches!(d, EventDetail::ConsultationStarted { consultation: ConsultationKind::OtherAgency, .. })
    };
    match last(&other_agency) {
        Some(RequestEvent { date, detail: EventDetail::ConsultationStarted { party, .. } }) => {
            v.insert("其他机关", text(party));
            v.insert("复函期限", text(chinese_date(cal.add_workdays(*date, OTHER_AGENCY_WORKDAYS))));
        }
        _ => {
            let hint = "请先在办理记录中登记“征求意见”（征求其他机关意见）";
            v.insert("其他机关", missing(hint));
            v.insert("复函期限", missing(hint));
        }
    }
    match last(&|d| matches!(d, EventDetail::FeeNoticeIssued { .. })) {
        Some(RequestEvent { date, detail: EventDetail::FeeNoticeIssued { amount, basis } }) => {
            v.insert("收费金额", text(amount.to_string()));
            v.insert("收费依据", text(basis));
            let by = cal.add_workdays(*date, settings.fee_payment_workdays);
            v.insert("缴费期限", text(chinese_date(by)));
        }
        _ => {
            let hint = "请先在办理记录中登记“发出收费通知”（含金额）";
            for k in ["收费金额", "收费依据", "缴费期限"] {
                v.insert(k, missing(hint));
            }
        }
    }
    match (summary.concluded, summary.result) {
        (Some(d), Some(result)) => {
            v.insert("答复日期", text(chinese_date(d)));
            v.insert("答复结果", text(result.label()));
            v.insert("法律依据", text(result.legal_basis()));
            let note = events.iter().rev().find_map(|e| match &e.detail {
                EventDetail::Replied { note, .. }
                | EventDetail::CorrectionLapsed { note }
                | EventDetail::FeeUnpaid { note } => Some(note.clone()),
                EventDetail::Withdrawn { reason } => Some(reason.clone()),
                _ => None,
            });
            v.insert("答复说明", text(note.unwrap_or_default()));
        }
        _ => {
            let hint = "该申请尚未答复或办结，请先在办理记录中登记“答复”";
            for k in ["答复日期", "答复结果", "法律依据", "答复说明"] {
                v.insert(k, missing(hint));
            }
        }
    }
    Ok(v)
}

/// The value without which a letter of `kind` makes no sense, whatever its template says.
fn essential(kind: LetterKind) -> Option<&'static str> {
    match kind {
        LetterKind::Receipt => None,
        LetterKind::CorrectionNotice => Some("补正事项"),
        LetterKind::ExtensionNotice => Some("新答复期限"),
        LetterKind::ThirdPartyConsultation => Some("第三方"),
        LetterKind::DisclosureDecision => Some("第三方意见"),
        LetterKind::AgencyConsultation => Some("其他机关"),
        LetterKind::ReasonsRequest => None,
        LetterKind::FeeNotice => Some("收费金额"),
        LetterKind::Reply => Some("答复结果"),
    }
}

/// Whether the request is in a state where a letter of `kind` makes sense, beyond its essential
/// value: `letter::state_allows`, the rule 工作台's 待出具告知书 uses too.
fn check_state(kind: LetterKind, case: &Case) -> Result<()> {
    let events: Vec<RequestEvent> = case.events.iter().map(|e| e.event.clone()).collect();
    letter::state_allows(kind, &events).map_err(|why| Error::Validation(format!("不能出具{}：{why}", kind.label())))
}

/// Whether a letter of `kind` must name the 复议机关 (the decisions that can be
/// challenged: every 答复书 and the Art. 32 decision).
pub(super) fn names_review_organ(kind: LetterKind) -> bool {
    matches!(kind, LetterKind::Reply | LetterKind::DisclosureDecision)
}

fn reply_type(events: &[StoredEvent]) -> Option<request::ReplyType> {
    events.iter().rev().find_map(|e| match &e.event.detail {
        EventDetail::Replied { reply_type, .. } => *reply_type,
        _ => None,
    })
}

pub(super) fn draft_case(ledger: &Ledger, case: &Case, kind: LetterKind, today: NaiveDate) -> Result<LetterDraft> {
    let conn = ledger.conn();
    let organ = settings::get(conn, settings::KEY_ORGAN_NAME)?.unwrap_or_default();
    let (pattern, code_note) = number_pattern_in(conn)?;
    let letter_number = pattern.format(today, next_seq(conn, today.year())?);
    let mut warnings: Vec<String> = code_note.into_iter().collect();
    let values = values(ledger, case, &organ, &letter_number, today, &mut warnings)?;
    if let Some(name) = essential(kind) {
        if let Some(Value::Missing { hint }) = values.get(name) {
            return Err(Error::Validation(format!("无法生成{}：缺少“{name}”，{hint}", kind.label())));
        }
    }
    check_state(kind, case)?;
    let key = letter::template_key(kind, case.record.result, reply_type(&case.events));
    let view = view(conn, entry(&key)?)?;
    let template = letter::addressed_to(&view.template, case.record.applicant_type.is_natural_person());
    let filled = letter::fill(kind, &template, &values)?;
    Ok(LetterDraft {
        kind,
        kind_label: kind.label().into(),
        template_key: key,
        template_name: view.name,
        request_number: case.record.number.clone(),
        letter_number,
        organ,
        date: requests::ymd(today),
        text: filled,
        warnings,
    })
}

/// The letter `kind` for request `number`, filled in but not issued.
pub fn draft(ledger: &Ledger, number: &str, kind: LetterKind, today: NaiveDate) -> Result<LetterDraft> {
    let case = load_case(ledger.conn(), number)?;
    draft_case(ledger, &case, kind, today)
}

/// A kind of letter and whether request's state allows it now: the letter panel offers only
/// these, and says why the others wait (the same rule issuing and 工作台 apply).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterOption {
    pub kind: LetterKind,
    pub label: String,
    /// Why the request's state does not allow it now (None: it does).
    pub refused: Option<String>,
}

/// Every kind of letter for request `number`, in the ledger's order, with why a kind is refused now.
pub fn options(ledger: &Ledger, number: &str) -> Result<Vec<LetterOption>> {
    let case = load_case(ledger.conn(), number)?;
    let events: Vec<RequestEvent> = case.events.iter().map(|e| e.event.clone()).collect();
    Ok(LetterKind::ALL
        .into_iter()
        .map(|kind| LetterOption { kind, label: kind.label().to_string(), refused: letter::state_allows(kind, &events).err() })
        .collect())
}

/// The 信息处理费 for request `number`: 按量 for `pages`, else 按件, counting the applicant's
/// requests (same name and 证件号码) received in the same calendar month up to this one.
pub fn fee_quote(ledger: &Ledger, number: &str, pages: Option<u32>) -> Result<gongkai_core::fee::FeeQuote> {
    use gongkai_core::fee::{quote, FeeBasis};
    let conn = ledger.conn();
    let id = requests::request_id(conn, number)?;
    let basis = match pages {
        Some(pages) => FeeBasis::PerPage { pages },
        None => {
            let nth: u32 = conn
                .query_row(
                    "SELECT count(*) FROM request o, request r WHERE r.id = ?1
                       AND o.applicant_name = r.applicant_name AND o.id_number = r.id_number
                       AND substr(o.received_date, 1, 7) = substr(r.received_date, 1, 7)
                       AND (o.received_date < r.received_date OR (o.received_date = r.received_date AND o.id <= r.id))",
                    [id],
                    |r| r.get(0),
                )
                .map_err(|e| Error::sqlite("统计申请件数", e))?;
            FeeBasis::PerItem { nth }
        }
    };
    Ok(quote(basis))
}
