//! 依申请公开 in the ledger: registration, the append-only event log with its projection
//! columns, the detail view with the statutory clock, lists and search, the 工作台 due list,
//! 复议/诉讼 records and attachments. All SQL for the request tables lives here (and the import
//! in `import_requests.rs`).
//!
//! Every write goes through the core workflow (`gongkai_core::request::apply`) and rewrites the
//! projection (`status`, `received_date`, `concluded_date`, `result_code`) in the same IMMEDIATE
//! transaction as the event it follows from, so the annual report can count in SQL.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use gongkai_core::calendar::Calendar;
use gongkai_core::clock::{self, ClockState};
use gongkai_core::identity::{self, IdKind};
use gongkai_core::request::{
    self, ActionKind, Channel, EventDetail, NumberPattern, ReplyType, RequestEvent, RequestStatus, ReviewKind,
    ReviewOutcome,
};
use gongkai_core::taxonomy::{ApplicantType, ReplyResult};
use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::{settings, Error, Ledger, Result};

/// Setting key of the 受理编号 pattern (`{year}-{seq:04}` when absent).
pub const KEY_NUMBER_PATTERN: &str = "request_number_pattern";
/// 工作台 shows open requests whose reply is due within this many working days.
pub const DUE_SOON_WORKDAYS: i64 = 5;
pub const MAX_PAGE_SIZE: u32 = 200;

/// Who writes, and when: the caller reads the clock, the store never does.
#[derive(Debug, Clone)]
pub struct Actor {
    pub operator: String,
    pub now: NaiveDateTime,
}

impl Actor {
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }
    pub(crate) fn stamp(&self) -> String {
        self.now.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

pub(crate) fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_stored_date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// 登记 form as the clerk fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestInput {
    /// 受理编号; empty to generate one from the pattern setting.
    pub number: String,
    pub applicant_type: ApplicantType,
    pub applicant_name: String,
    pub id_kind: IdKind,
    pub id_number: String,
    /// 联系方式 (phone)
    pub contact: String,
    pub address: String,
    pub channel: Channel,
    /// 收到申请之日 (Art. 31), YYYY-MM-DD
    pub received_date: String,
    pub content: String,
    /// 文号或名称 of the information sought
    pub document_ref: String,
    #[ts(type = "number | null")]
    pub document_id: Option<i64>,
    /// 获取信息的形式 (纸质、电子…)
    pub form_wanted: String,
    /// 获取信息的方式 (邮寄、自行领取、电子邮件…)
    pub delivery_wanted: String,
}

/// A request checked field by field; messages name the field (and, in an import, the row).
#[derive(Debug, Clone)]
pub(crate) struct CheckedRequest {
    pub number: Option<String>,
    pub applicant_type: ApplicantType,
    pub applicant_name: String,
    pub id_kind: IdKind,
    pub id_number: String,
    pub contact: String,
    pub address: String,
    pub channel: Channel,
    pub received: NaiveDate,
    pub content: String,
    pub document_ref: String,
    pub document_id: Option<i64>,
    pub form_wanted: String,
    pub delivery_wanted: String,
}

fn text(field: &str, value: &str, max: usize, required: bool) -> std::result::Result<String, String> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(format!("“{field}”不能为空"));
    }
    if v.chars().count() > max {
        return Err(format!("“{field}”不能超过 {max} 个字"));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(format!("“{field}”含有控制字符"));
    }
    Ok(v.to_string())
}

/// The applicant's document: the kind must suit the applicant (a person's 居民身份证, an
/// organisation's 统一社会信用代码) and the checksum must hold.
pub(crate) fn check_applicant_id(
    applicant_type: ApplicantType,
    kind: IdKind,
    number: &str,
) -> std::result::Result<String, String> {
    match (applicant_type.is_natural_person(), kind) {
        (true, IdKind::CreditCode) => return Err("自然人的证件不能是统一社会信用代码".into()),
        (false, IdKind::ResidentId) => return Err("法人或其他组织的证件应为统一社会信用代码或其他证件".into()),
        _ => {}
    }
    identity::check_id(kind, number).map_err(|e| format!("“证件号码”{e}"))
}

impl RequestInput {
    pub(crate) fn check(&self, today: NaiveDate) -> std::result::Result<CheckedRequest, String> {
        let number = text("受理编号", &self.number, 50, false)?;
        let received = NaiveDate::parse_from_str(self.received_date.trim(), "%Y-%m-%d")
            .map_err(|_| format!("“收到日期”“{}”无效，应为 YYYY-MM-DD 格式的真实日期", self.received_date))?;
        if received > today {
            return Err(format!("“收到日期”{received} 晚于今天 {today}"));
        }
        Ok(CheckedRequest {
            number: (!number.is_empty()).then_some(number),
            applicant_type: self.applicant_type,
            applicant_name: text("申请人", &self.applicant_name, 100, true)?,
            id_kind: self.id_kind,
            id_number: check_applicant_id(self.applicant_type, self.id_kind, &self.id_number)?,
            contact: text("联系方式", &self.contact, 100, false)?,
            address: text("通讯地址", &self.address, 200, false)?,
            channel: self.channel,
            received,
            content: text("申请内容", &self.content, 5000, true)?,
            document_ref: text("文号或名称", &self.document_ref, 200, false)?,
            document_id: self.document_id,
            form_wanted: text("获取形式", &self.form_wanted, 50, false)?,
            delivery_wanted: text("获取方式", &self.delivery_wanted, 50, false)?,
        })
    }
}

/// The pattern setting, checked.
pub fn number_pattern(conn: &Connection) -> Result<NumberPattern> {
    let raw = settings::get(conn, KEY_NUMBER_PATTERN)?.unwrap_or_else(|| request::DEFAULT_NUMBER_PATTERN.to_string());
    Ok(NumberPattern::parse(&raw)?)
}

pub fn save_number_pattern(ledger: &mut Ledger, pattern: &str) -> Result<()> {
    NumberPattern::parse(pattern)?;
    ledger.with_tx(|tx| settings::set(tx, KEY_NUMBER_PATTERN, pattern.trim()))
}

/// The next 受理编号 for a request received on `received`: one past the highest sequence the
/// pattern has produced in that year (numbers written by hand or imported are skipped over).
pub(crate) fn next_number(conn: &Connection, received: NaiveDate) -> Result<String> {
    let pattern = number_pattern(conn)?;
    let (before, _) = pattern.affixes(received.year());
    // A range on the unique index instead of LIKE, which SQLite cannot serve from it.
    let mut stmt = conn
        .prepare_cached("SELECT number FROM request WHERE number >= ?1 AND number < ?1 || char(1114111)")
        .map_err(|e| Error::sqlite("生成受理编号", e))?;
    let numbers = stmt
        .query_map([&before], |r| r.get::<_, String>(0))
        .map_err(|e| Error::sqlite("生成受理编号", e))?;
    let mut max = 0;
    for n in numbers {
        let n = n.map_err(|e| Error::sqlite("生成受理编号", e))?;
        if let Some(seq) = pattern.seq_of(received.year(), &n) {
            max = max.max(seq);
        }
    }
    Ok(pattern.format(received, max + 1))
}

pub(crate) fn insert_request(
    tx: &Connection,
    r: &CheckedRequest,
    number: &str,
    actor: &Actor,
    imported: bool,
) -> Result<i64> {
    // Cached statements: an import runs these once per row, and each INSERT or UPDATE on an
    // audited table compiles its trigger programs, which costs more than the row itself.
    let exists: bool = tx
        .prepare_cached("SELECT 1 FROM request WHERE number = ?1")
        .map_err(|e| Error::sqlite("登记申请", e))?
        .query_row([number], |_| Ok(true))
        .optional()
        .map_err(|e| Error::sqlite("登记申请", e))?
        .unwrap_or(false);
    if exists {
        return Err(Error::Conflict(format!("受理编号“{number}”已存在")));
    }
    tx.prepare_cached(
        "INSERT INTO request (number, applicant_name, id_kind, id_number, contact, address, channel, content,
                              document_ref, document_id, form_wanted, delivery_wanted, created_at,
                              status, received_date, applicant_type, imported)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'processing', ?14, ?15, ?16)",
    )
    .and_then(|mut stmt| stmt.execute(params![
            number,
            r.applicant_name,
            r.id_kind.code(),
            r.id_number,
            r.contact,
            r.address,
            r.channel.code(),
            r.content,
            r.document_ref,
            r.document_id,
            r.form_wanted,
            r.delivery_wanted,
            actor.stamp(),
            ymd(r.received),
            r.applicant_type.code(),
            imported as i64,
        ]))
    .map_err(|e| Error::sqlite("登记申请", e))?;
    Ok(tx.last_insert_rowid())
}

/// Registers a request and its 登记 event; returns the 受理编号.
pub fn register(ledger: &mut Ledger, input: &RequestInput, actor: &Actor) -> Result<String> {
    let checked = input.check(actor.today()).map_err(Error::Validation)?;
    ledger.with_tx(|tx| {
        let number = match &checked.number {
            Some(n) => n.clone(),
            None => next_number(tx, checked.received)?,
        };
        let mut checked = checked.clone();
        checked.document_id = link_document(tx, checked.document_id, &checked.document_ref)?;
        let id = insert_request(tx, &checked, &number, actor, false)?;
        append_in_tx(
            tx,
            id,
            RequestEvent::new(checked.received, EventDetail::Registered {}),
            actor,
            Append::Checked,
        )?;
        Ok(number)
    })
}

/// The register document a request asks for. One chosen in the form must exist; otherwise a
/// 文号 or exact 文件名称 written in 文号或名称 links the request when exactly one document has it.
fn link_document(conn: &Connection, chosen: Option<i64>, written: &str) -> Result<Option<i64>> {
    if let Some(id) = chosen {
        let found = conn
            .query_row("SELECT 1 FROM document WHERE id = ?1", [id], |_| Ok(()))
            .optional()
            .map_err(|e| Error::sqlite("关联台账文件", e))?;
        return match found {
            Some(()) => Ok(Some(id)),
            None => Err(Error::Validation("“文号或名称”：所选的台账文件已不存在，请重新选择".into())),
        };
    }
    let written = written.trim();
    if written.is_empty() {
        return Ok(None);
    }
    let number = gongkai_core::document::normalize_doc_number(written);
    for (sql, key) in [
        ("SELECT id FROM document WHERE doc_number = ?1 LIMIT 2", number.as_str()),
        ("SELECT id FROM document WHERE title = ?1 LIMIT 2", written.trim_matches(['《', '》'])),
    ] {
        let mut stmt = conn.prepare_cached(sql).map_err(|e| Error::sqlite("关联台账文件", e))?;
        let ids: Vec<i64> = stmt
            .query_map([key], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| Error::sqlite("关联台账文件", e))?;
        if ids.len() == 1 {
            return Ok(Some(ids[0]));
        }
    }
    Ok(None)
}

/// The register document a request is linked to, as its detail shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinkedDocument {
    pub id: i64,
    pub title: String,
    pub doc_number: String,
    pub status_label: String,
}

fn linked_document(conn: &Connection, id: Option<i64>) -> Result<Option<LinkedDocument>> {
    let Some(id) = id else { return Ok(None) };
    conn.query_row("SELECT id, title, doc_number, status FROM document WHERE id = ?1", [id], |r| {
        let status: String = r.get(3)?;
        Ok(LinkedDocument {
            id: r.get(0)?,
            title: r.get(1)?,
            doc_number: r.get(2)?,
            status_label: gongkai_core::document::Status::from_code(&status).map(|s| s.label()).unwrap_or("").into(),
        })
    })
    .optional()
    .map_err(|e| Error::sqlite("读取关联文件", e))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Append {
    /// Through the workflow's checks: a clerk's action.
    Checked,
    /// History from an import: recorded as it was, marked imported.
    Imported,
}

/// Appends one event and rewrites the projection from all events, inside the caller's transaction.
pub(crate) fn append_in_tx(
    tx: &Connection,
    request_id: i64,
    event: RequestEvent,
    actor: &Actor,
    how: Append,
) -> Result<()> {
    let mut events: Vec<RequestEvent> = load_events(tx, request_id)?.into_iter().map(|e| e.event).collect();
    if how == Append::Checked {
        request::apply(&events, &event)?;
    }
    let payload =
        serde_json::to_string(&event.detail).map_err(|e| Error::Validation(format!("办理记录无法保存：{e}")))?;
    tx.prepare_cached(
        "INSERT INTO request_event (request_id, seq, kind, event_date, payload, operator, recorded_at, imported)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut stmt| stmt.execute(params![
            request_id,
            events.len() as i64 + 1,
            event.detail.kind().code(),
            ymd(event.date),
            payload,
            actor.operator,
            actor.stamp(),
            (how == Append::Imported) as i64,
        ]))
    .map_err(|e| Error::sqlite("保存办理记录", e))?;
    events.push(event);
    let s = request::summarize(&events);
    let status = s.status.ok_or_else(|| Error::Validation("办理记录缺少登记".into()))?;
    let received = s.received.ok_or_else(|| Error::Validation("办理记录缺少登记".into()))?;
    tx.prepare_cached(
        "UPDATE request SET status = ?2, received_date = ?3, concluded_date = ?4, result_code = ?5 WHERE id = ?1",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            request_id,
            status.code(),
            ymd(received),
            s.concluded.map(ymd),
            s.result.map(|r| r.code())
        ])
    })
    .map_err(|e| Error::sqlite("更新办理状态", e))?;
    Ok(())
}

/// Appends a clerk's event to the request `number`, through the workflow's checks.
pub fn append_event(ledger: &mut Ledger, number: &str, event: RequestEvent, actor: &Actor) -> Result<()> {
    if event.date > actor.today() {
        return Err(Error::Validation(format!(
            "{}日期 {} 晚于今天 {}，办理记录只登记已经发生的事",
            event.detail.kind().label(),
            event.date,
            actor.today()
        )));
    }
    ledger.with_tx(|tx| {
        let id = request_id(tx, number)?;
        append_in_tx(tx, id, event, actor, Append::Checked)
    })
}

pub(crate) fn request_id(conn: &Connection, number: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM request WHERE number = ?1", [number.trim()], |r| {
        r.get(0)
    })
    .optional()
    .map_err(|e| Error::sqlite("查找申请", e))?
    .ok_or_else(|| Error::NotFound(format!("没有受理编号为“{}”的申请", number.trim())))
}

pub(crate) struct StoredEvent {
    pub seq: i64,
    pub event: RequestEvent,
    pub operator: String,
    pub recorded_at: String,
    pub imported: bool,
}

pub(crate) fn load_events(conn: &Connection, request_id: i64) -> Result<Vec<StoredEvent>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT seq, event_date, payload, operator, recorded_at, imported FROM request_event
             WHERE request_id = ?1 ORDER BY seq",
        )
        .map_err(|e| Error::sqlite("读取办理记录", e))?;
    let rows = stmt
        .query_map([request_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)? != 0,
            ))
        })
        .map_err(|e| Error::sqlite("读取办理记录", e))?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, date, payload, operator, recorded_at, imported) =
            row.map_err(|e| Error::sqlite("读取办理记录", e))?;
        out.push(StoredEvent {
            seq,
            event: decode_event(request_id, seq, &date, &payload)?,
            operator,
            recorded_at,
            imported,
        });
    }
    Ok(out)
}

/// One stored event from its `event_date` and JSON `payload`.
fn decode_event(request_id: i64, seq: i64, date: &str, payload: &str) -> Result<RequestEvent> {
    let date = parse_stored_date(date).map_err(|e| Error::sqlite("读取办理记录", e))?;
    let detail: EventDetail = serde_json::from_str(payload).map_err(|e| {
        tracing::error!(request_id, seq, error = %e, "unreadable event payload");
        Error::Validation(format!("第 {seq} 条办理记录无法读取"))
    })?;
    Ok(RequestEvent { date, detail })
}

/// 到期状态 of a request on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// 已逾期
    Overdue,
    /// 5 个工作日内到期
    DueSoon,
    /// 办理中，期限未近
    Running,
    /// 已办结 (replied, withdrawn, closed)
    Concluded,
}

impl DueState {
    pub fn label(self) -> &'static str {
        match self {
            DueState::Overdue => "已逾期",
            DueState::DueSoon => "即将到期",
            DueState::Running => "办理中",
            DueState::Concluded => "已办结",
        }
    }
}

fn due_state(status: RequestStatus, clock: &ClockState) -> DueState {
    if !status.is_open() {
        DueState::Concluded
    } else if clock.overdue {
        DueState::Overdue
    } else if clock.workdays_left.is_some_and(|w| w <= DUE_SOON_WORKDAYS) {
        DueState::DueSoon
    } else {
        DueState::Running
    }
}

/// A request's own fields and its projection, unmasked (the detail view is the clerk's case file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub number: String,
    pub applicant_type: ApplicantType,
    pub applicant_type_label: String,
    pub applicant_name: String,
    pub id_kind: IdKind,
    pub id_kind_label: String,
    pub id_number: String,
    pub contact: String,
    pub address: String,
    pub channel: Channel,
    pub channel_label: String,
    pub received_date: String,
    pub content: String,
    pub document_ref: String,
    #[ts(type = "number | null")]
    pub document_id: Option<i64>,
    pub form_wanted: String,
    pub delivery_wanted: String,
    pub created_at: String,
    pub status: RequestStatus,
    pub status_label: String,
    pub concluded_date: Option<String>,
    pub result: Option<ReplyResult>,
    pub result_label: Option<String>,
    pub imported: bool,
}

const RECORD_COLUMNS: &str =
    "id, number, applicant_type, applicant_name, id_kind, id_number, contact, address, channel,
     received_date, content, document_ref, document_id, form_wanted, delivery_wanted, created_at, status,
     concluded_date, result_code, imported";

fn record_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RequestRecord> {
    let bad = |what: &str, v: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, format!("{what} {v}").into())
    };
    let applicant_type: String = r.get(2)?;
    let applicant_type =
        ApplicantType::from_code(&applicant_type).ok_or_else(|| bad("applicant_type", applicant_type))?;
    let id_kind: String = r.get(4)?;
    let id_kind = IdKind::from_code(&id_kind).ok_or_else(|| bad("id_kind", id_kind))?;
    let channel: String = r.get(8)?;
    let channel = Channel::from_code(&channel).ok_or_else(|| bad("channel", channel))?;
    let status: String = r.get(16)?;
    let status = RequestStatus::from_code(&status).ok_or_else(|| bad("status", status))?;
    let result: Option<String> = r.get(18)?;
    let result = match result {
        Some(code) => Some(ReplyResult::from_code(&code).ok_or_else(|| bad("result_code", code))?),
        None => None,
    };
    Ok(RequestRecord {
        id: r.get(0)?,
        number: r.get(1)?,
        applicant_type,
        applicant_type_label: applicant_type.label().into(),
        applicant_name: r.get(3)?,
        id_kind,
        id_kind_label: id_kind.label().into(),
        id_number: r.get(5)?,
        contact: r.get(6)?,
        address: r.get(7)?,
        channel,
        channel_label: channel.label().into(),
        received_date: r.get(9)?,
        content: r.get(10)?,
        document_ref: r.get(11)?,
        document_id: r.get(12)?,
        form_wanted: r.get(13)?,
        delivery_wanted: r.get(14)?,
        created_at: r.get(15)?,
        status,
        status_label: status.label().into(),
        concluded_date: r.get(17)?,
        result,
        result_label: result.map(|r| r.label().to_string()),
        imported: r.get::<_, i64>(19)? != 0,
    })
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelineEntry {
    pub seq: u32,
    pub kind: ActionKind,
    pub label: String,
    pub date: String,
    pub summary: String,
    pub detail: EventDetail,
    pub operator: String,
    pub recorded_at: String,
    /// Brought in by an import, not recorded through the workflow.
    pub imported: bool,
}

/// An action the clerk may take now, with its label for the button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionOption {
    pub kind: ActionKind,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Review {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: ReviewKind,
    pub kind_label: String,
    pub filed_date: String,
    pub outcome: ReviewOutcome,
    pub outcome_label: String,
    pub decided_date: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachmentInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub added_at: String,
    pub operator: String,
    /// The stored copy still has the recorded SHA-256.
    pub intact: bool,
}

/// Everything the detail view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestDetail {
    pub request: RequestRecord,
    /// Art. 31's rule for the request's channel.
    pub receipt_rule: String,
    pub timeline: Vec<TimelineEntry>,
    pub allowed: Vec<ActionOption>,
    /// `clock::assess` on the request's events, today and the ledger's calendar.
    pub clock: ClockState,
    /// Show the 补正告知 deadline: the request is open and no correction was asked yet.
    pub correction_relevant: bool,
    pub due: DueState,
    pub due_label: String,
    /// Working days of 延期 still available (20 in total).
    pub extension_left: u32,
    pub reviews: Vec<Review>,
    pub attachments: Vec<AttachmentInfo>,
    /// The register document the request asks for, when it is linked.
    pub document: Option<LinkedDocument>,
}

pub(crate) fn load_record(conn: &Connection, id: i64) -> Result<RequestRecord> {
    conn.query_row(
        &format!("SELECT {RECORD_COLUMNS} FROM request WHERE id = ?1"),
        [id],
        record_from_row,
    )
    .map_err(|e| Error::sqlite("读取申请", e))
}

/// The detail of request `number` on `today`.
pub fn get(ledger: &Ledger, number: &str, today: NaiveDate) -> Result<RequestDetail> {
    let conn = ledger.conn();
    let id = request_id(conn, number)?;
    let record = load_record(conn, id)?;
    let stored = load_events(conn, id)?;
    let events: Vec<RequestEvent> = stored.iter().map(|e| e.event.clone()).collect();
    let cal = crate::calendar::effective(ledger)?;
    let clock = clock::assess(&request::clock_events(&events), today, &cal);
    let summary = request::summarize(&events);
    let timeline = stored
        .into_iter()
        .map(|e| TimelineEntry {
            seq: e.seq as u32,
            kind: e.event.detail.kind(),
            label: e.event.detail.kind().label().into(),
            date: ymd(e.event.date),
            summary: e.event.detail.summary(),
            detail: e.event.detail,
            operator: e.operator,
            recorded_at: e.recorded_at,
            imported: e.imported,
        })
        .collect();
    let allowed = request::allowed_actions(&events)
        .into_iter()
        .map(|kind| ActionOption {
            kind,
            label: kind.label().into(),
        })
        .collect();
    let due = due_state(record.status, &clock);
    Ok(RequestDetail {
        receipt_rule: record.channel.receipt_rule().into(),
        correction_relevant: record.status.is_open() && !summary.correction_asked,
        due,
        due_label: due.label().into(),
        extension_left: clock::MAX_EXTENSION_WORKDAYS.saturating_sub(request::extension_total(&events)),
        clock,
        timeline,
        allowed,
        reviews: reviews(conn, id)?,
        document: linked_document(conn, record.document_id)?,
        attachments: attachments(ledger, id)?,
        request: record,
    })
}

/// Which field the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum RequestSort {
    #[default]
    Received,
    Number,
    Concluded,
}

/// List filters. Empty/None means "all".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct RequestFilter {
    /// Searches 申请人 and 申请内容 (full text), and 受理编号 by prefix.
    pub query: String,
    pub status: Option<RequestStatus>,
    pub applicant_type: Option<ApplicantType>,
    /// Received in this year.
    pub year: Option<i32>,
    pub due: Option<DueState>,
    pub sort: RequestSort,
    pub descending: bool,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

/// One row of the list: personal data masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestRow {
    #[ts(type = "number")]
    pub id: i64,
    pub number: String,
    pub applicant_type: ApplicantType,
    pub applicant_type_label: String,
    pub applicant_name: String,
    pub id_number_masked: String,
    pub contact_masked: String,
    pub channel_label: String,
    pub received_date: String,
    pub content: String,
    pub status: RequestStatus,
    pub status_label: String,
    pub concluded_date: Option<String>,
    pub result_label: Option<String>,
    /// The reply deadline while open.
    pub reply_due: Option<String>,
    #[ts(type = "number | null")]
    pub workdays_left: Option<i64>,
    pub due: DueState,
    pub due_label: String,
    pub imported: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestPage {
    pub rows: Vec<RequestRow>,
    #[ts(type = "number")]
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
}

/// The WHERE clause for everything but the due state, with its parameters.
fn where_clause(filter: &RequestFilter) -> (String, Vec<Box<dyn ToSql>>) {
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let q = filter.query.trim();
    if !q.is_empty() {
        if q.chars().count() >= 3 {
            // A quoted FTS5 string: the clerk's text is matched as a phrase, never as syntax.
            let phrase = format!("\"{}\"", q.replace('"', "\"\""));
            args.push(Box::new(phrase));
            args.push(Box::new(q.to_string()));
            conds.push(format!(
                "(id IN (SELECT rowid FROM request_fts WHERE request_fts MATCH ?{}) OR (number >= ?{n} AND number < ?{n} || char(1114111)))",
                args.len() - 1,
                n = args.len()
            ));
        } else {
            // trigram cannot index fewer than 3 characters
            let esc = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            args.push(Box::new(format!("%{esc}%")));
            let n = args.len();
            conds.push(format!(
                "(applicant_name LIKE ?{n} ESCAPE '\\' OR content LIKE ?{n} ESCAPE '\\' OR number LIKE ?{n} ESCAPE '\\')"
            ));
        }
    }
    facet_conditions(filter, Facets::Request, &mut conds, &mut args);
    (where_of(&conds), args)
}

/// Where the list's facets are counted: the rows themselves, or their tally (migration 0009),
/// which has the same 状态 and 申请人类型 columns, the year as a number and open/concluded as 0/1.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facets {
    Request,
    Tally,
}

/// The conditions for 状态, 申请人类型, year and open/concluded (the due-state filter narrowed to
/// what SQL knows), appended to `conds` with their parameters.
fn facet_conditions(filter: &RequestFilter, on: Facets, conds: &mut Vec<String>, args: &mut Vec<Box<dyn ToSql>>) {
    if let Some(s) = filter.status {
        args.push(Box::new(s.code()));
        conds.push(format!("status = ?{}", args.len()));
    }
    if let Some(t) = filter.applicant_type {
        args.push(Box::new(t.code()));
        conds.push(format!("applicant_type = ?{}", args.len()));
    }
    if let Some(y) = filter.year {
        if on == Facets::Tally {
            args.push(Box::new(y as i64));
            conds.push(format!("year = ?{}", args.len()));
        } else {
            args.push(Box::new(format!("{y:04}-01-01")));
            args.push(Box::new(format!("{y:04}-12-31")));
            conds.push(format!("received_date BETWEEN ?{} AND ?{}", args.len() - 1, args.len()));
        }
    }
    if let Some(due) = filter.due {
        let concluded = due == DueState::Concluded;
        conds.push(
            match (on, concluded) {
                (Facets::Tally, true) => "concluded = 1",
                (Facets::Tally, false) => "concluded = 0",
                (Facets::Request, true) => "concluded_date IS NOT NULL",
                (Facets::Request, false) => "concluded_date IS NULL",
            }
            .into(),
        );
    }
}

fn where_of(conds: &[String]) -> String {
    if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    }
}

fn order_clause(filter: &RequestFilter) -> String {
    let dir = if filter.descending { "DESC" } else { "ASC" };
    match filter.sort {
        RequestSort::Received => format!("ORDER BY received_date {dir}, number {dir}"),
        RequestSort::Number => format!("ORDER BY number {dir}"),
        // Open requests (no 办结日期) come last. SQLite sorts NULL first, so descending already puts
        // them last, as does a filter to concluded requests or to one status (all open or all
        // concluded); ascending otherwise sorts open ones as 9999-12-31. Each order is an index's
        // (migrations 0008, 0009), so a page never sorts every matching row.
        RequestSort::Concluded
            if filter.descending || filter.due == Some(DueState::Concluded) || filter.status.is_some() =>
        {
            format!("ORDER BY concluded_date {dir}, number {dir}")
        }
        RequestSort::Concluded => format!("ORDER BY ifnull(concluded_date, '9999-12-31') {dir}, number {dir}"),
    }
}

struct Assessed {
    record: RequestRecord,
    clock: Option<ClockState>,
    due: DueState,
}

fn assess_record(conn: &Connection, cal: &Calendar, record: RequestRecord, today: NaiveDate) -> Result<Assessed> {
    if !record.status.is_open() {
        return Ok(Assessed {
            record,
            clock: None,
            due: DueState::Concluded,
        });
    }
    let events: Vec<RequestEvent> = load_events(conn, record.id)?.into_iter().map(|e| e.event).collect();
    Ok(assess_open(cal, record, &events, today))
}

fn assess_open(cal: &Calendar, record: RequestRecord, events: &[RequestEvent], today: NaiveDate) -> Assessed {
    let clock = clock::assess(&request::clock_events(events), today, cal);
    let due = due_state(record.status, &clock);
    Assessed {
        record,
        clock: Some(clock),
        due,
    }
}

/// The events of every open request, read in one pass instead of one query per request: the
/// due-state filters and 工作台 assess all open requests.
fn open_events(conn: &Connection) -> Result<HashMap<i64, Vec<RequestEvent>>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT request_id, seq, event_date, payload FROM request_event
             WHERE request_id IN (SELECT id FROM request WHERE concluded_date IS NULL)
             ORDER BY request_id, seq",
        )
        .map_err(|e| Error::sqlite("读取办理记录", e))?;
    let mut rows = stmt.query([]).map_err(|e| Error::sqlite("读取办理记录", e))?;
    let mut out: HashMap<i64, Vec<RequestEvent>> = HashMap::new();
    while let Some(row) = rows.next().map_err(|e| Error::sqlite("读取办理记录", e))? {
        let read = || -> rusqlite::Result<(i64, i64, String, String)> { Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)) };
        let (request_id, seq, date, payload) = read().map_err(|e| Error::sqlite("读取办理记录", e))?;
        out.entry(request_id).or_default().push(decode_event(request_id, seq, &date, &payload)?);
    }
    Ok(out)
}

/// Assesses open requests with their events read by [`open_events`].
fn assess_all_open(
    conn: &Connection,
    cal: &Calendar,
    records: Vec<RequestRecord>,
    today: NaiveDate,
) -> Result<Vec<Assessed>> {
    let mut events = open_events(conn)?;
    records
        .into_iter()
        .map(|record| match events.remove(&record.id) {
            Some(ev) if record.status.is_open() => Ok(assess_open(cal, record, &ev, today)),
            _ => assess_record(conn, cal, record, today),
        })
        .collect()
}

fn row_of(a: Assessed, unmasked: bool) -> RequestRow {
    let r = a.record;
    let reply = a.clock.as_ref().and_then(|c| c.reply.as_ref());
    RequestRow {
        id: r.id,
        id_number_masked: if unmasked {
            r.id_number.clone()
        } else {
            identity::mask_id(&r.id_number)
        },
        contact_masked: if unmasked {
            r.contact.clone()
        } else {
            identity::mask_phone(&r.contact)
        },
        number: r.number,
        applicant_type: r.applicant_type,
        applicant_type_label: r.applicant_type_label,
        applicant_name: r.applicant_name,
        channel_label: r.channel_label,
        received_date: r.received_date,
        content: r.content,
        status: r.status,
        status_label: r.status_label,
        concluded_date: r.concluded_date,
        result_label: r.result_label,
        reply_due: reply.map(|d| ymd(d.date)),
        workdays_left: a.clock.as_ref().and_then(|c| c.workdays_left),
        due: a.due,
        due_label: a.due.label().into(),
        imported: r.imported,
    }
}

fn query_records(conn: &Connection, sql: &str, args: &[Box<dyn ToSql>]) -> Result<Vec<RequestRecord>> {
    let mut stmt = conn.prepare(sql).map_err(|e| Error::sqlite("查询申请", e))?;
    let params: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
    let rows = stmt
        .query_map(params.as_slice(), record_from_row)
        .map_err(|e| Error::sqlite("查询申请", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::sqlite("查询申请", e))
}

/// The years requests were received in, newest first, for the list's year filter. Walks the
/// received-date index one year at a time, so a million requests cost a few lookups.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn
        .prepare_cached("SELECT min(received_date) FROM request WHERE received_date >= ?1")
        .map_err(|e| Error::sqlite("查询年份", e))?;
    let mut years = Vec::new();
    let mut from = String::new();
    while let Some(first) = stmt
        .query_row([&from], |r| r.get::<_, Option<String>>(0))
        .map_err(|e| Error::sqlite("查询年份", e))?
    {
        let Some(year) = first.get(..4).and_then(|y| y.parse::<i32>().ok()) else { break };
        years.push(year);
        from = format!("{:04}-01-01", year + 1);
    }
    years.reverse();
    Ok(years)
}

/// The list: filters, search, sort and pagination in SQL. The due states of open requests are
/// derived (never stored), so a due-state filter narrows to open requests in SQL, assesses them
/// and pages the result; open requests are few next to a ledger's history.
pub fn list(ledger: &Ledger, filter: &RequestFilter, today: NaiveDate) -> Result<RequestPage> {
    let page_size = filter.page_size.clamp(1, MAX_PAGE_SIZE);
    let page = filter.page.max(1);
    let (rows, total) = select(ledger, filter, today, Some((page, page_size)))?;
    Ok(RequestPage {
        rows: rows.into_iter().map(|a| row_of(a, false)).collect(),
        total,
        page,
        page_size,
    })
}

/// Every row matching the filter (no pagination), for the export.
pub fn list_all(ledger: &Ledger, filter: &RequestFilter, today: NaiveDate, unmasked: bool) -> Result<Vec<RequestRow>> {
    let (rows, _) = select(ledger, filter, today, None)?;
    Ok(rows.into_iter().map(|a| row_of(a, unmasked)).collect())
}

fn select(
    ledger: &Ledger,
    filter: &RequestFilter,
    today: NaiveDate,
    paging: Option<(u32, u32)>,
) -> Result<(Vec<Assessed>, u64)> {
    let conn = ledger.conn();
    let cal = crate::calendar::effective(ledger)?;
    let (clause, mut args) = where_clause(filter);
    let order = order_clause(filter);
    let derived_filter = filter.due.filter(|d| *d != DueState::Concluded);
    if let Some(want) = derived_filter {
        let records = query_records(
            conn,
            &format!("SELECT {RECORD_COLUMNS} FROM request {clause} {order}"),
            &args,
        )?;
        let mut matching = assess_all_open(conn, &cal, records, today)?;
        matching.retain(|a| a.due == want);
        let total = matching.len() as u64;
        let rows = match paging {
            Some((page, size)) => matching
                .into_iter()
                .skip(((page - 1) * size) as usize)
                .take(size as usize)
                .collect(),
            None => matching,
        };
        return Ok((rows, total));
    }
    let total: i64 = if filter.query.trim().is_empty() {
        tally_count(conn, filter)?
    } else {
        let params: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
        conn.query_row(
            &format!("SELECT count(*) FROM request {clause}"),
            params.as_slice(),
            |r| r.get(0),
        )
        .map_err(|e| Error::sqlite("查询申请", e))?
    };
    let mut sql = format!("SELECT {RECORD_COLUMNS} FROM request {clause} {order}");
    if let Some((page, size)) = paging {
        args.push(Box::new(size as i64));
        args.push(Box::new(((page - 1) * size) as i64));
        sql.push_str(&format!(" LIMIT ?{} OFFSET ?{}", args.len() - 1, args.len()));
    }
    let records = query_records(conn, &sql, &args)?;
    let rows = records
        .into_iter()
        .map(|r| assess_record(conn, &cal, r, today))
        .collect::<Result<Vec<_>>>()?;
    Ok((rows, total as u64))
}

/// How many requests match a filter without search words, summed from `request_tally` (kept by
/// triggers, migration 0009) instead of counted row by row: a million-request ledger's list
/// would otherwise spend most of its time on the total.
fn tally_count(conn: &Connection, filter: &RequestFilter) -> Result<i64> {
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    facet_conditions(filter, Facets::Tally, &mut conds, &mut args);
    let clause = where_of(&conds);
    let params: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
    conn.query_row(
        &format!("SELECT coalesce(sum(n), 0) FROM request_tally {clause}"),
        params.as_slice(),
        |r| r.get(0),
    )
    .map_err(|e| Error::sqlite("查询申请", e))
}

/// One line of 工作台's list of requests due soon or overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DueItem {
    pub number: String,
    pub applicant_name: String,
    pub status_label: String,
    pub reply_due: String,
    #[ts(type = "number")]
    pub workdays_left: i64,
    pub due: DueState,
    pub due_label: String,
    /// The deadline's derivation, for a tooltip.
    pub derivation: String,
    pub paused: bool,
}

/// Open requests overdue or due within [`DUE_SOON_WORKDAYS`] working days, most urgent first.
pub fn due_list(ledger: &Ledger, today: NaiveDate) -> Result<Vec<DueItem>> {
    let conn = ledger.conn();
    let cal = crate::calendar::effective(ledger)?;
    let records = query_records(
        conn,
        &format!("SELECT {RECORD_COLUMNS} FROM request WHERE concluded_date IS NULL ORDER BY received_date, number"),
        &[],
    )?;
    let mut items = Vec::new();
    for a in assess_all_open(conn, &cal, records, today)? {
        if !matches!(a.due, DueState::Overdue | DueState::DueSoon) {
            continue;
        }
        let (Some(clock), r) = (a.clock, a.record) else {
            continue;
        };
        let (Some(reply), Some(left)) = (clock.reply, clock.workdays_left) else {
            continue;
        };
        items.push(DueItem {
            number: r.number,
            applicant_name: r.applicant_name,
            status_label: r.status_label,
            reply_due: ymd(reply.date),
            workdays_left: left,
            due: a.due,
            due_label: a.due.label().into(),
            derivation: reply.derivation,
            paused: clock.paused,
        });
    }
    items.sort_by(|a, b| {
        a.workdays_left
            .cmp(&b.workdays_left)
            .then(a.reply_due.cmp(&b.reply_due))
            .then(a.number.cmp(&b.number))
    });
    Ok(items)
}

/// 复议/诉讼 as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewInput {
    pub kind: ReviewKind,
    /// YYYY-MM-DD
    pub filed_date: String,
    pub outcome: ReviewOutcome,
    /// YYYY-MM-DD; empty while 尚未审结
    pub decided_date: String,
    pub note: String,
}

fn check_review(input: &ReviewInput, today: NaiveDate) -> Result<(NaiveDate, Option<NaiveDate>, String)> {
    let filed = crate::calendar::parse_date("申请复议或起诉日期", &input.filed_date)?;
    if filed > today {
        return Err(Error::Validation(format!("申请复议或起诉日期 {filed} 晚于今天")));
    }
    let decided = match (input.outcome, input.decided_date.trim()) {
        (ReviewOutcome::Pending, "") => None,
        (ReviewOutcome::Pending, _) => return Err(Error::Validation("尚未审结的案件不填审结日期".into())),
        (_, "") => {
            return Err(Error::Validation(format!(
                "结果为“{}”时请填写审结日期",
                input.outcome.label()
            )))
        }
        (_, d) => {
            let d = crate::calendar::parse_date("审结日期", d)?;
            if d < filed {
                return Err(Error::Validation(format!(
                    "审结日期 {d} 早于申请复议或起诉日期 {filed}"
                )));
            }
            if d > today {
                return Err(Error::Validation(format!("审结日期 {d} 晚于今天")));
            }
            Some(d)
        }
    };
    let note = text("备注", &input.note, 500, false).map_err(Error::Validation)?;
    Ok((filed, decided, note))
}

pub fn add_review(ledger: &mut Ledger, number: &str, input: &ReviewInput, actor: &Actor) -> Result<i64> {
    let (filed, decided, note) = check_review(input, actor.today())?;
    ledger.with_tx(|tx| {
        let id = request_id(tx, number)?;
        tx.execute(
            "INSERT INTO review (request_id, kind, filed_date, outcome, decided_date, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                input.kind.code(),
                ymd(filed),
                input.outcome.code(),
                decided.map(ymd),
                note,
                actor.stamp()
            ],
        )
        .map_err(|e| Error::sqlite("登记复议诉讼", e))?;
        Ok(tx.last_insert_rowid())
    })
}

/// Records the decision of a case (or corrects its record).
pub fn update_review(ledger: &mut Ledger, review_id: i64, input: &ReviewInput, actor: &Actor) -> Result<()> {
    let (filed, decided, note) = check_review(input, actor.today())?;
    ledger.with_tx(|tx| {
        let n = tx
            .execute(
                "UPDATE review SET kind = ?2, filed_date = ?3, outcome = ?4, decided_date = ?5, note = ?6 WHERE id = ?1",
                params![review_id, input.kind.code(), ymd(filed), input.outcome.code(), decided.map(ymd), note],
            )
            .map_err(|e| Error::sqlite("更新复议诉讼", e))?;
        if n == 0 {
            return Err(Error::NotFound("该复议诉讼记录不存在".into()));
        }
        Ok(())
    })
}

fn reviews(conn: &Connection, request_id: i64) -> Result<Vec<Review>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, kind, filed_date, outcome, decided_date, note FROM review WHERE request_id = ?1 ORDER BY filed_date, id")
        .map_err(|e| Error::sqlite("读取复议诉讼", e))?;
    let rows = stmt
        .query_map([request_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .map_err(|e| Error::sqlite("读取复议诉讼", e))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind, filed_date, outcome, decided_date, note) = row.map_err(|e| Error::sqlite("读取复议诉讼", e))?;
        let kind =
            ReviewKind::from_code(&kind).ok_or_else(|| Error::Validation(format!("复议诉讼类型“{kind}”无法识别")))?;
        let outcome = ReviewOutcome::from_code(&outcome)
            .ok_or_else(|| Error::Validation(format!("复议诉讼结果“{outcome}”无法识别")))?;
        out.push(Review {
            id,
            kind,
            kind_label: kind.label().into(),
            filed_date,
            outcome,
            outcome_label: outcome.label().into(),
            decided_date,
            note,
        });
    }
    Ok(out)
}

/// The folder next to the ledger that holds attachment copies: `ledger.db` → `ledger.db-附件`.
pub fn attachment_dir(ledger: &Ledger) -> PathBuf {
    let mut name = ledger
        .path()
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "ledger".into());
    name.push("-附件");
    ledger.path().with_file_name(name)
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A file name safe on every file system, keeping the clerk's name readable.
pub(crate) fn safe_file_name(name: &str) -> String {
    let base = Path::new(name).file_name().and_then(|n| n.to_str()).unwrap_or("附件");
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    if cleaned.trim().is_empty() {
        "附件".into()
    } else {
        cleaned
    }
}

pub const MAX_ATTACHMENT_BYTES: usize = 50 * 1024 * 1024;

/// Copies `bytes` into the attachment folder and records it with its SHA-256.
pub fn add_attachment(
    ledger: &mut Ledger,
    number: &str,
    file_name: &str,
    bytes: &[u8],
    actor: &Actor,
) -> Result<AttachmentInfo> {
    let name = text("文件名", file_name, 200, true).map_err(Error::Validation)?;
    if bytes.is_empty() {
        return Err(Error::Validation(format!("附件“{name}”是空文件")));
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(Error::Validation(format!("附件“{name}”超过 50 MB")));
    }
    let dir = attachment_dir(ledger);
    let id = request_id(ledger.conn(), number)?;
    let mut stored: Option<StoredFile> = None;
    let result = ledger.with_tx(|tx| {
        let file = store_attachment(tx, &dir, id, &name, bytes, actor)?;
        let info = AttachmentInfo {
            id: file.id,
            file_name: name.clone(),
            sha256: file.sha256.clone(),
            size_bytes: bytes.len() as u64,
            added_at: actor.stamp(),
            operator: actor.operator.clone(),
            intact: true,
        };
        stored = Some(file);
        Ok(info)
    });
    if result.is_err() {
        if let Some(file) = stored {
            file.discard();
        }
    }
    result
}

/// A file copied into the attachment folder and recorded in `attachment`.
pub(crate) struct StoredFile {
    pub id: i64,
    pub sha256: String,
    path: PathBuf,
    /// The file was not there before (an identical copy may already be stored for the request).
    created: bool,
}

impl StoredFile {
    /// Removes the copy again when the transaction that recorded it did not commit.
    pub(crate) fn discard(self) {
        if self.created {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Writes `bytes` under `dir` as `<request id>/<SHA-256 prefix>-<safe name>` and records it, with
/// its SHA-256, size and operator, in `tx`. The row's insert failing removes a file this call
/// created; when the caller's transaction fails later, it calls [`StoredFile::discard`].
pub(crate) fn store_attachment(
    tx: &Connection,
    dir: &Path,
    request_id: i64,
    file_name: &str,
    bytes: &[u8],
    actor: &Actor,
) -> Result<StoredFile> {
    let sha = sha256_hex(bytes);
    let relative = format!("{request_id}/{}-{}", &sha[..16], safe_file_name(file_name));
    let target = dir.join(&relative);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("创建附件文件夹", parent, e))?;
    }
    let created = !target.exists();
    std::fs::write(&target, bytes).map_err(|e| Error::io("保存附件", &target, e))?;
    let file = StoredFile { id: 0, sha256: sha, path: target, created };
    let inserted = tx
        .execute(
            "INSERT INTO attachment (request_id, file_name, stored_path, sha256, size_bytes, operator, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![request_id, file_name, relative, file.sha256, bytes.len() as i64, actor.operator, actor.stamp()],
        )
        .map_err(|e| match &e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                Error::Conflict(format!("该申请已有同一份附件“{file_name}”"))
            }
            _ => Error::sqlite("登记附件", e),
        });
    match inserted {
        Ok(_) => Ok(StoredFile { id: tx.last_insert_rowid(), ..file }),
        Err(e) => {
            file.discard();
            Err(e)
        }
    }
}

fn attachments(ledger: &Ledger, request_id: i64) -> Result<Vec<AttachmentInfo>> {
    let dir = attachment_dir(ledger);
    let mut stmt = ledger
        .conn()
        .prepare_cached(
            "SELECT id, file_name, stored_path, sha256, size_bytes, added_at, operator FROM attachment
             WHERE request_id = ?1 ORDER BY id",
        )
        .map_err(|e| Error::sqlite("读取附件", e))?;
    let rows = stmt
        .query_map([request_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .map_err(|e| Error::sqlite("读取附件", e))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, file_name, stored, sha, size, added_at, operator) = row.map_err(|e| Error::sqlite("读取附件", e))?;
        let intact = std::fs::read(dir.join(&stored))
            .map(|b| sha256_hex(&b) == sha)
            .unwrap_or(false);
        out.push(AttachmentInfo {
            id,
            file_name,
            sha256: sha,
            size_bytes: size as u64,
            added_at,
            operator,
            intact,
        });
    }
    Ok(out)
}

/// Opens an attachment: its name and bytes, refused when the stored copy no longer has the
/// recorded SHA-256 (changed or damaged outside the app).
pub fn open_attachment(ledger: &Ledger, attachment_id: i64) -> Result<(String, Vec<u8>)> {
    let (name, stored, sha): (String, String, String) = ledger
        .conn()
        .query_row(
            "SELECT file_name, stored_path, sha256 FROM attachment WHERE id = ?1",
            [attachment_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(|e| Error::sqlite("读取附件", e))?
        .ok_or_else(|| Error::NotFound("该附件不存在".into()))?;
    let path = attachment_dir(ledger).join(&stored);
    let bytes = std::fs::read(&path).map_err(|_| Error::NotFound(format!("附件“{name}”的文件已不在附件文件夹中")))?;
    if sha256_hex(&bytes) != sha {
        return Err(Error::Conflict(format!(
            "附件“{name}”与登记时的 SHA-256 不一致，文件已被改动或损坏"
        )));
    }
    Ok((name, bytes))
}

/// An event as the window sends it: the date typed as text, checked here with a Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventInput {
    /// YYYY-MM-DD
    pub date: String,
    pub detail: EventDetail,
}

impl EventInput {
    pub fn to_event(&self) -> Result<RequestEvent> {
        let date = crate::calendar::parse_date(&format!("{}日期", self.detail.kind().label()), &self.date)?;
        Ok(RequestEvent::new(date, self.detail.clone()))
    }
}

/// A code with its Chinese label (and, for results, the report group it sits in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LabeledOption {
    pub value: String,
    pub label: String,
    pub group: String,
}

/// The choices of every select in the request forms, with the statutory labels from the core,
/// so the window never spells a label of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestOptions {
    pub applicant_types: Vec<LabeledOption>,
    pub id_kinds: Vec<LabeledOption>,
    pub channels: Vec<LabeledOption>,
    pub statuses: Vec<LabeledOption>,
    pub results: Vec<LabeledOption>,
    pub reply_types: Vec<LabeledOption>,
    pub review_kinds: Vec<LabeledOption>,
    pub review_outcomes: Vec<LabeledOption>,
    /// The 受理编号 pattern in force.
    pub number_pattern: String,
}

pub fn options(ledger: &Ledger) -> Result<RequestOptions> {
    fn opt(value: &str, label: &str, group: &str) -> LabeledOption {
        LabeledOption {
            value: value.into(),
            label: label.into(),
            group: group.into(),
        }
    }
    let pattern = settings::get(ledger.conn(), KEY_NUMBER_PATTERN)?
        .unwrap_or_else(|| request::DEFAULT_NUMBER_PATTERN.to_string());
    Ok(RequestOptions {
        applicant_types: ApplicantType::ALL
            .iter()
            .map(|t| {
                opt(
                    t.code(),
                    t.label(),
                    if t.is_natural_person() {
                        ""
                    } else {
                        "法人或其他组织"
                    },
                )
            })
            .collect(),
        id_kinds: IdKind::ALL.iter().map(|k| opt(k.code(), k.label(), "")).collect(),
        channels: Channel::ALL
            .iter()
            .map(|c| opt(c.code(), c.label(), c.receipt_rule()))
            .collect(),
        statuses: RequestStatus::ALL
            .iter()
            .map(|s| opt(s.code(), s.label(), ""))
            .collect(),
        // 逾期未补正 and 逾期未缴费 are recorded by their own actions, not as a reply.
        results: ReplyResult::ALL
            .iter()
            .filter(|r| !matches!(r, ReplyResult::CorrectionOverdue | ReplyResult::FeeUnpaid))
            .map(|r| opt(&code_of(r), r.label(), r.group().label()))
            .collect(),
        reply_types: ReplyType::ALL.iter().map(|t| opt(&code_of(t), t.label(), "")).collect(),
        review_kinds: ReviewKind::ALL.iter().map(|k| opt(k.code(), k.label(), "")).collect(),
        review_outcomes: ReviewOutcome::ALL
            .iter()
            .map(|o| opt(o.code(), o.label(), ""))
            .collect(),
        number_pattern: pattern,
    })
}

/// The serde name of a unit enum value, which is what the window sends back (for ReplyResult it
/// differs from the stored code: `other_reason` vs `other`).
fn code_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
