//! 告知书 in the ledger: the templates a clerk edited (over the shipped defaults of
//! `gongkai_core::letter`), the letter settings (文书编号 pattern, 缴费期限), drafting a letter from
//! a request's record and events, issuing it (per-year number, text and PDF kept with the request,
//! a `LetterIssued` event on its timeline) and the letters still to be issued.
//!
//! The ledger does not lay out PDFs: `issue` takes the renderer as an argument, so the CLI and the
//! window pass `gongkai_report::letter` and the ledger stays free of layout code.

use chrono::{Datelike, Duration, NaiveDate};
use gongkai_core::clock::{self, ConsultationKind};
use gongkai_core::letter::{
    self, chinese_date, FilledLetter, LetterKind, LetterPrint, Template, TemplateEntry, Value, Values,
    ORGAN_PLACEHOLDER,
};
use gongkai_core::request::{self, EventDetail, NumberPattern, RequestEvent};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::requests::{self, Actor, Append, StoredEvent};
use crate::{settings, Error, Ledger, Result};

pub const KEY_LETTER_NUMBER_PATTERN: &str = "letter_number_pattern";
/// Used until the clerk sets the organ's own pattern (e.g. 净管公开〔{year}〕第{seq}号).
pub const DEFAULT_LETTER_NUMBER_PATTERN: &str = "〔{year}〕{seq}号";
pub const KEY_FEE_PAYMENT_WORKDAYS: &str = "fee_payment_workdays";
/// 缴费期限: 20 working days after the notice in the provincial measures read (statutes.md §2,
/// UNVERIFIED nationally), hence a setting.
pub const DEFAULT_FEE_PAYMENT_WORKDAYS: u32 = 20;
/// Art. 32: the third party answers within 15 working days.
pub const THIRD_PARTY_WORKDAYS: u32 = 15;
/// 待出具告知书 looks this many days back for events that call for a letter.
pub const PENDING_LOOKBACK_DAYS: i64 = 30;

/// 设置 → 告知书.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterSettings {
    /// 文书编号格式 with `{year}` and `{seq}` (or `{seq:04}`).
    pub number_pattern: String,
    /// 缴费期限：收费通知之日起的工作日数.
    pub fee_payment_workdays: u32,
}

fn parse_pattern(pattern: &str) -> Result<NumberPattern> {
    NumberPattern::parse(pattern).map_err(|e| Error::Validation(e.message.replace("受理编号格式", "文书编号格式")))
}

pub fn letter_settings(conn: &Connection) -> Result<LetterSettings> {
    let number_pattern = settings::get(conn, KEY_LETTER_NUMBER_PATTERN)?
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_LETTER_NUMBER_PATTERN.to_string());
    let fee_payment_workdays = settings::get(conn, KEY_FEE_PAYMENT_WORKDAYS)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_FEE_PAYMENT_WORKDAYS);
    Ok(LetterSettings { number_pattern, fee_payment_workdays })
}

pub fn save_letter_settings(ledger: &mut Ledger, s: &LetterSettings) -> Result<()> {
    parse_pattern(&s.number_pattern)?;
    if !(1..=60).contains(&s.fee_payment_workdays) {
        return Err(Error::Validation("缴费期限应为 1 至 60 个工作日".into()));
    }
    ledger.with_tx(|tx| {
        settings::set(tx, KEY_LETTER_NUMBER_PATTERN, s.number_pattern.trim())?;
        settings::set(tx, KEY_FEE_PAYMENT_WORKDAYS, &s.fee_payment_workdays.to_string())
    })
}

/// A template as 设置 shows it: the text in use, whether the clerk changed it, and the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateView {
    pub key: String,
    pub kind: LetterKind,
    pub name: String,
    pub template: Template,
    pub customized: bool,
    pub default: Template,
}

/// A placeholder with what it stands for, for the template editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlaceholderInfo {
    pub name: String,
    pub meaning: String,
}

pub fn placeholders() -> Vec<PlaceholderInfo> {
    letter::PLACEHOLDERS
        .iter()
        .map(|(n, m)| PlaceholderInfo { name: n.to_string(), meaning: m.to_string() })
        .collect()
}

fn entry(key: &str) -> Result<TemplateEntry> {
    letter::template_entries()
        .into_iter()
        .find(|e| e.key == key)
        .ok_or_else(|| Error::NotFound(format!("没有名为“{key}”的告知书模板")))
}

fn stored_template(conn: &Connection, key: &str) -> Result<Option<Template>> {
    conn.query_row("SELECT title, addressee, body FROM letter_template WHERE key = ?1", [key], |r| {
        Ok(Template { title: r.get(0)?, addressee: r.get(1)?, body: r.get(2)? })
    })
    .optional()
    .map_err(|e| Error::sqlite("读取告知书模板", e))
}

fn view(conn: &Connection, e: TemplateEntry) -> Result<TemplateView> {
    let default = letter::default_template(&e.key).expect("every entry has a default");
    let stored = stored_template(conn, &e.key)?;
    Ok(TemplateView {
        customized: stored.is_some(),
        template: stored.unwrap_or_else(|| default.clone()),
        default,
        key: e.key,
        kind: e.kind,
        name: e.name,
    })
}

pub fn templates(ledger: &Ledger) -> Result<Vec<TemplateView>> {
    letter::template_entries().into_iter().map(|e| view(ledger.conn(), e)).collect()
}

pub fn template(ledger: &Ledger, key: &str) -> Result<TemplateView> {
    view(ledger.conn(), entry(key)?)
}

/// Saves the clerk's text for `key`, refusing an unknown placeholder by name.
pub fn save_template(ledger: &mut Ledger, key: &str, t: &Template, actor: &Actor) -> Result<()> {
    let e = entry(key)?;
    letter::validate(t).map_err(|err| Error::Validation(format!("模板“{}”未保存：{}", e.name, err.message)))?;
    ledger.with_tx(|tx| {
        tx.execute(
            "INSERT INTO letter_template (key, title, addressee, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (key) DO UPDATE SET title = excluded.title, addressee = excluded.addressee,
               body = excluded.body, updated_at = excluded.updated_at",
            params![key, t.title.trim(), t.addressee.trim(), t.body.trim(), actor.stamp()],
        )
        .map_err(|e| Error::sqlite("保存告知书模板", e))?;
        Ok(())
    })
}

/// Goes back to the shipped text (the clerk's row is removed; the audit log keeps it).
pub fn restore_template(ledger: &mut Ledger, key: &str) -> Result<()> {
    entry(key)?;
    ledger.with_tx(|tx| {
        tx.execute("DELETE FROM letter_template WHERE key = ?1", [key])
            .map_err(|e| Error::sqlite("恢复默认模板", e))?;
        Ok(())
    })
}

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
}

fn next_seq(conn: &Connection, year: i32) -> Result<u32> {
    conn.query_row("SELECT coalesce(max(seq), 0) + 1 FROM letter WHERE year = ?1", [year], |r| r.get(0))
        .map_err(|e| Error::sqlite("读取文书编号", e))
}

struct Case {
    id: i64,
    record: requests::RequestRecord,
    events: Vec<StoredEvent>,
}

fn load_case(conn: &Connection, number: &str) -> Result<Case> {
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
fn values(ledger: &Ledger, case: &Case, organ: &str, letter_number: &str, today: NaiveDate) -> Result<Values> {
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
    let reply_due = clock.reply.as_ref().map(|d| chinese_date(d.date));
    v.insert(
        "答复期限",
        reply_due.clone().map(text).unwrap_or_else(|| missing("该申请当前没有正在计算的答复期限")),
    );

    let last = |pred: &dyn Fn(&EventDetail) -> bool| events.iter().rev().find(|e| pred(&e.detail));
    match last(&|d| matches!(d, EventDetail::CorrectionRequested { .. })) {
        Some(RequestEvent { detail: EventDetail::CorrectionRequested { items, correct_by }, .. }) => {
            v.insert("补正事项", text(items));
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
        Some(RequestEvent { detail: EventDetail::Extended { workdays, reason, .. }, .. }) => {
            v.insert("延期工作日", text(workdays.to_string()));
            v.insert("延期理由", text(reason));
            v.insert("新答复期限", reply_due.map(text).unwrap_or_else(|| missing("该申请当前没有正在计算的答复期限")));
        }
        _ => {
            let hint = "请先在办理记录中登记“延期”";
            for k in ["延期工作日", "延期理由", "新答复期限"] {
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
        LetterKind::FeeNotice => Some("收费金额"),
        LetterKind::Reply => Some("答复结果"),
    }
}

fn reply_type(events: &[StoredEvent]) -> Option<request::ReplyType> {
    events.iter().rev().find_map(|e| match &e.event.detail {
        EventDetail::Replied { reply_type, .. } => *reply_type,
        _ => None,
    })
}

fn draft_case(ledger: &Ledger, case: &Case, kind: LetterKind, today: NaiveDate) -> Result<LetterDraft> {
    let conn = ledger.conn();
    let organ = settings::get(conn, settings::KEY_ORGAN_NAME)?.unwrap_or_default();
    let pattern = parse_pattern(&letter_settings(conn)?.number_pattern)?;
    let letter_number = pattern.format(today, next_seq(conn, today.year())?);
    let values = values(ledger, case, &organ, &letter_number, today)?;
    if let Some(name) = essential(kind) {
        if let Some(Value::Missing { hint }) = values.get(name) {
            return Err(Error::Validation(format!("无法生成{}：缺少“{name}”，{hint}", kind.label())));
        }
    }
    let key = letter::template_key(kind, case.record.result, reply_type(&case.events));
    let view = view(conn, entry(&key)?)?;
    let filled = letter::fill(kind, &view.template, &values)?;
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
    })
}

/// The letter `kind` for request `number`, filled in but not issued.
pub fn draft(ledger: &Ledger, number: &str, kind: LetterKind, today: NaiveDate) -> Result<LetterDraft> {
    let case = load_case(ledger.conn(), number)?;
    draft_case(ledger, &case, kind, today)
}

/// A letter that was issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IssuedLetter {
    #[ts(type = "number")]
    pub id: i64,
    pub request_number: String,
    pub kind: LetterKind,
    pub kind_label: String,
    pub letter_number: String,
    pub title: String,
    pub issued_date: String,
    pub operator: String,
    /// The PDF, kept as an attachment of the request.
    #[ts(type = "number")]
    pub attachment_id: i64,
}

/// Renders a letter to PDF bytes; the error is a Chinese message.
pub type Render<'a> = &'a dyn Fn(&LetterPrint) -> std::result::Result<Vec<u8>, String>;

fn check_text(t: &FilledLetter) -> Result<()> {
    if t.title.trim().is_empty() {
        return Err(Error::Validation("告知书标题不能为空".into()));
    }
    if t.body.trim().is_empty() {
        return Err(Error::Validation("告知书正文不能为空".into()));
    }
    if t.title.chars().count() > 60 {
        return Err(Error::Validation("告知书标题不能超过 60 个字".into()));
    }
    if t.body.chars().count() > 20_000 {
        return Err(Error::Validation("告知书正文不能超过 20000 个字".into()));
    }
    if let Ok(uses) = letter::uses("正文", &t.body) {
        if let Some(u) = uses.first() {
            return Err(Error::Validation(format!("正文中还有未填写的占位符“{{{}}}”", u.name)));
        }
    }
    Ok(())
}

/// Issues letter `kind` for request `number` with the clerk's final `text` (or the draft's when
/// `None`): takes the next number of the year, renders the PDF, keeps text and PDF with the
/// request and records a `LetterIssued` event, all in one transaction.
pub fn issue(
    ledger: &mut Ledger,
    number: &str,
    kind: LetterKind,
    text: Option<&FilledLetter>,
    actor: &Actor,
    render: Render<'_>,
) -> Result<(IssuedLetter, LetterPrint)> {
    let today = actor.today();
    let case = load_case(ledger.conn(), number)?;
    let draft = draft_case(ledger, &case, kind, today)?;
    let text = text.cloned().unwrap_or_else(|| draft.text.clone());
    check_text(&text)?;
    let pattern = parse_pattern(&letter_settings(ledger.conn())?.number_pattern)?;
    let dir = requests::attachment_dir(ledger);
    let mut stored: Option<requests::StoredFile> = None;
    let result = ledger.with_tx(|tx| {
        let seq = next_seq(tx, today.year())?;
        let letter_number = pattern.format(today, seq);
        // The draft showed the number the counter stood at; another letter may have taken it since.
        let swap = |s: &str| s.replace(&draft.letter_number, &letter_number);
        let print = LetterPrint {
            title: swap(text.title.trim()),
            letter_number: letter_number.clone(),
            addressee: swap(text.addressee.trim()),
            body: swap(text.body.trim()),
            organ: draft.organ.clone(),
            date: today,
        };
        let bytes = render(&print).map_err(Error::Validation)?;
        let file_name = format!("{}{}.pdf", kind.label(), requests::safe_file_name(&letter_number));
        let file = requests::store_attachment(tx, &dir, case.id, &file_name, &bytes, actor)?;
        let attachment_id = file.id;
        stored = Some(file);
        tx.execute(
            "INSERT INTO letter (request_id, kind, template_key, year, seq, number, issued_date, title, addressee,
                                 body, organ, attachment_id, operator, issued_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                case.id,
                kind.code(),
                draft.template_key,
                today.year(),
                seq,
                letter_number,
                requests::ymd(today),
                print.title,
                print.addressee,
                print.body,
                print.organ,
                attachment_id,
                actor.operator,
                actor.stamp()
            ],
        )
        .map_err(|e| Error::sqlite("登记告知书", e))?;
        let id = tx.last_insert_rowid();
        let event = RequestEvent::new(
            today,
            EventDetail::LetterIssued { letter: kind, letter_number: letter_number.clone(), title: print.title.clone() },
        );
        requests::append_in_tx(tx, case.id, event, actor, Append::Checked)?;
        Ok((
            IssuedLetter {
                id,
                request_number: case.record.number.clone(),
                kind,
                kind_label: kind.label().into(),
                letter_number,
                title: print.title.clone(),
                issued_date: requests::ymd(today),
                operator: actor.operator.clone(),
                attachment_id,
            },
            print,
        ))
    });
    if result.is_err() {
        if let Some(file) = stored {
            file.discard();
        }
    }
    result
}

fn issued_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<IssuedLetter> {
    let code: String = r.get(2)?;
    let kind = LetterKind::from_code(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, format!("letter kind {code}").into())
    })?;
    Ok(IssuedLetter {
        id: r.get(0)?,
        request_number: r.get(1)?,
        kind,
        kind_label: kind.label().into(),
        letter_number: r.get(3)?,
        title: r.get(4)?,
        issued_date: r.get(5)?,
        operator: r.get(6)?,
        attachment_id: r.get(7)?,
    })
}

const ISSUED_COLUMNS: &str = "l.id, r.number, l.kind, l.number, l.title, l.issued_date, l.operator, l.attachment_id";

/// The letters issued for request `number`, oldest first.
pub fn issued_for(ledger: &Ledger, number: &str) -> Result<Vec<IssuedLetter>> {
    let conn = ledger.conn();
    let id = requests::request_id(conn, number)?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {ISSUED_COLUMNS} FROM letter l JOIN request r ON r.id = l.request_id WHERE l.request_id = ?1 ORDER BY l.id"
        ))
        .map_err(|e| Error::sqlite("读取告知书", e))?;
    let rows = stmt.query_map([id], issued_from_row).map_err(|e| Error::sqlite("读取告知书", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取告知书", e))
}

/// The printed form of an issued letter, exactly as issued (for reprinting in a batch).
pub fn issued_print(ledger: &Ledger, letter_id: i64) -> Result<LetterPrint> {
    ledger
        .conn()
        .query_row(
            "SELECT title, number, addressee, body, organ, issued_date FROM letter WHERE id = ?1",
            [letter_id],
            |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, String>(5)?))
            },
        )
        .optional()
        .map_err(|e| Error::sqlite("读取告知书", e))?
        .ok_or_else(|| Error::NotFound("该告知书不存在".into()))
        .and_then(|(title, letter_number, addressee, body, organ, date)| {
            let date = crate::calendar::parse_date("出具日期", &date)?;
            Ok(LetterPrint { title, letter_number, addressee, body, organ, date })
        })
}

/// A letter that an event calls for and that has not been issued since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PendingLetter {
    pub request_number: String,
    pub applicant_name: String,
    pub kind: LetterKind,
    pub kind_label: String,
    /// The date of the event that calls for the letter.
    pub since: String,
}

/// Which letter an event calls for.
fn called_for(detail: &EventDetail) -> Option<LetterKind> {
    Some(match detail {
        EventDetail::Registered {} => LetterKind::Receipt,
        EventDetail::CorrectionRequested { .. } => LetterKind::CorrectionNotice,
        EventDetail::Extended { .. } => LetterKind::ExtensionNotice,
        EventDetail::ConsultationStarted { consultation: ConsultationKind::ThirdParty, .. } => {
            LetterKind::ThirdPartyConsultation
        }
        EventDetail::FeeNoticeIssued { .. } => LetterKind::FeeNotice,
        EventDetail::Replied { .. } | EventDetail::CorrectionLapsed { .. } | EventDetail::FeeUnpaid { .. } => {
            LetterKind::Reply
        }
        _ => return None,
    })
}

/// The letters called for by events of the last [`PENDING_LOOKBACK_DAYS`] days (imported history
/// excepted) that have not been issued since the event, oldest first.
pub fn pending(ledger: &Ledger, today: NaiveDate) -> Result<Vec<PendingLetter>> {
    let conn = ledger.conn();
    let from = requests::ymd(today - Duration::days(PENDING_LOOKBACK_DAYS));
    let kinds = ["registered", "correction_requested", "extended", "consultation_started", "fee_notice_issued", "replied", "correction_lapsed", "fee_unpaid"];
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT DISTINCT r.id, r.number, r.applicant_name FROM request_event e JOIN request r ON r.id = e.request_id
             WHERE e.kind IN ({}) AND e.event_date >= ?1 AND e.event_date <= ?2 AND e.imported = 0
             ORDER BY r.id",
            kinds.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")
        ))
        .map_err(|e| Error::sqlite("读取待出具告知书", e))?;
    let cases = stmt
        .query_map(params![from, requests::ymd(today)], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .map_err(|e| Error::sqlite("读取待出具告知书", e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::sqlite("读取待出具告知书", e))?;
    let mut out = Vec::new();
    for (id, number, applicant_name) in cases {
        let events = requests::load_events(conn, id)?;
        let mut open: Vec<(LetterKind, NaiveDate)> = Vec::new();
        for e in &events {
            if let EventDetail::LetterIssued { letter, .. } = &e.event.detail {
                open.retain(|(k, _)| k != letter);
                continue;
            }
            if e.imported || requests::ymd(e.event.date) < from {
                continue;
            }
            if let Some(kind) = called_for(&e.event.detail) {
                open.retain(|(k, _)| *k != kind);
                open.push((kind, e.event.date));
            }
        }
        out.extend(open.into_iter().map(|(kind, since)| PendingLetter {
            request_number: number.clone(),
            applicant_name: applicant_name.clone(),
            kind,
            kind_label: kind.label().into(),
            since: requests::ymd(since),
        }));
    }
    out.sort_by(|a, b| a.since.cmp(&b.since).then_with(|| a.request_number.cmp(&b.request_number)));
    Ok(out)
}

/// What a batch issue did: the letters issued (with their printed form, for one combined PDF)
/// and, for each letter that could not be made, why.
#[derive(Debug, Clone)]
pub struct BatchOutcome {
    pub issued: Vec<(IssuedLetter, LetterPrint)>,
    pub skipped: Vec<(PendingLetter, String)>,
}

/// Issues every pending letter with its template's text (each in its own transaction).
pub fn issue_pending(ledger: &mut Ledger, actor: &Actor, render: Render<'_>) -> Result<BatchOutcome> {
    let mut out = BatchOutcome { issued: Vec::new(), skipped: Vec::new() };
    for p in pending(ledger, actor.today())? {
        match issue(ledger, &p.request_number, p.kind, None, actor, render) {
            Ok(done) => out.issued.push(done),
            Err(e @ (Error::Validation(_) | Error::App(_) | Error::NotFound(_))) => out.skipped.push((p, e.to_string())),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// A letter a batch could not make, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SkippedLetter {
    pub request_number: String,
    pub kind_label: String,
    pub reason: String,
}

/// What 批量出具并打印 did, for the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchSummary {
    pub issued: Vec<IssuedLetter>,
    pub skipped: Vec<SkippedLetter>,
    /// The combined PDF sent to the system's PDF viewer for printing, when one was made.
    pub pdf_path: Option<String>,
}

impl BatchOutcome {
    pub fn summary(&self, pdf_path: Option<String>) -> BatchSummary {
        BatchSummary {
            issued: self.issued.iter().map(|(i, _)| i.clone()).collect(),
            skipped: self
                .skipped
                .iter()
                .map(|(p, reason)| SkippedLetter {
                    request_number: p.request_number.clone(),
                    kind_label: p.kind_label.clone(),
                    reason: reason.clone(),
                })
                .collect(),
            pdf_path,
        }
    }
}

/// Everything 设置 → 告知书 shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterSettingsView {
    pub settings: LetterSettings,
    pub templates: Vec<TemplateView>,
    pub placeholders: Vec<PlaceholderInfo>,
}

pub fn settings_view(ledger: &Ledger) -> Result<LetterSettingsView> {
    Ok(LetterSettingsView {
        settings: letter_settings(ledger.conn())?,
        templates: templates(ledger)?,
        placeholders: placeholders(),
    })
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
