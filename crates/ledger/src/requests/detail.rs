//! One request as the detail view shows it: its record, timeline, statutory clock, due state and the actions allowed next.

use chrono::NaiveDate;
use gongkai_core::clock::{self, ClockState};
use gongkai_core::identity::IdKind;
use gongkai_core::request::{
    self, ActionKind, Channel, EventDetail, ReplyStage, RequestEvent, RequestStatus,
};
use gongkai_core::taxonomy::{ApplicantType, ReplyResult};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::{Error, Ledger, Result};
use super::attachments::{AttachmentInfo, attachments};
use super::events::{load_events, request_id};
use super::list::{DUE_SOON_WORKDAYS};
use super::register::{LinkedDocument, linked_document, ymd};
use super::reviews::{Review, reviews};

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

pub(super) fn due_state(status: RequestStatus, clock: &ClockState) -> DueState {
    if status.is_open() { pressure(clock) } else { DueState::Concluded }
}

/// How close the clock's reply deadline is, for work still to be done on it (an open request, or
/// a reply waiting for 审核 and 签发).
pub(super) fn pressure(clock: &ClockState) -> DueState {
    if clock.overdue {
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

pub(super) const RECORD_COLUMNS: &str =
    "id, number, applicant_type, applicant_name, id_kind, id_number, contact, address, channel,
     received_date, content, document_ref, document_id, form_wanted, delivery_wanted, created_at, status,
     concluded_date, result_code, imported";

pub(super) fn record_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RequestRecord> {
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
    /// An extension proposed and waiting for the 负责人 (延期待审批), in words; the deadline has
    /// not moved for it.
    pub pending_extension: Option<String>,
    /// Where the reply's 答复书 stands in 审核 and 签发, when the ledger asks for them for this
    /// reply (accounts, the setting on, the reply recorded after the first account); else None.
    pub reply_stage: Option<ReplyStage>,
    pub reply_stage_label: Option<String>,
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

/// The deadline's derivation says who agreed to each extension and when ("经负责人李某（li）
/// 2025-03-10 同意延期 10 个工作日") instead of only how long, when every extension names its
/// approver.
fn name_approvers(clock: &mut gongkai_core::clock::ClockState, events: &[RequestEvent]) {
    let approvals: Vec<String> = events
        .iter()
        .filter_map(|e| match &e.detail {
            request::EventDetail::Extended { workdays, approver, .. } => Some((e.date, *workdays, approver.trim().to_string())),
            _ => None,
        })
        .map(|(date, workdays, approver)| {
            if approver.is_empty() { String::new() } else { format!("经负责人{approver} {date} 同意延期 {workdays} 个工作日") }
        })
        .collect();
    if approvals.is_empty() || approvals.iter().any(String::is_empty) {
        return;
    }
    let total = request::extension_total(events).min(clock::MAX_EXTENSION_WORKDAYS);
    if let Some(reply) = clock.reply.as_mut() {
        reply.derivation = reply.derivation.replace(&format!("延期 {total} 个工作日"), &approvals.join("；"));
    }
}

/// The detail of request `number` on `today`.
pub fn get(ledger: &Ledger, number: &str, today: NaiveDate) -> Result<RequestDetail> {
    let conn = ledger.conn();
    let id = request_id(conn, number)?;
    let record = load_record(conn, id)?;
    let stored = load_events(conn, id)?;
    let events: Vec<RequestEvent> = stored.iter().map(|e| e.event.clone()).collect();
    let reply_stage = super::signoff::gated_stage(ledger, &stored)?;
    let cal = crate::calendar::effective(ledger)?;
    let mut clock = clock::assess(&request::clock_events(&events), today, &cal);
    name_approvers(&mut clock, &events);
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
        pending_extension: request::pending_extension(&events).map(|(workdays, reason, date)| {
            format!("延期待审批：{date} 提出延期 {workdays} 个工作日（理由：{}），待负责人审批，答复期限未变", reason.trim())
        }),
        reply_stage,
        reply_stage_label: reply_stage.map(|s| s.label().to_string()),
        clock,
        timeline,
        allowed,
        reviews: reviews(conn, id)?,
        document: linked_document(conn, record.document_id)?,
        attachments: attachments(ledger, id)?,
        request: record,
    })
}
