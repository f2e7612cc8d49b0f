//! The append-only event log: appending an event through the core workflow and rewriting the projection columns in the same transaction, and reading a request's events back.

use gongkai_core::request::{
    self, EventDetail, RequestEvent,
};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::{Error, Ledger, Result};
use super::register::{Actor, parse_stored_date, ymd};

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
    // Rejecting a proposed extension is the 负责人's decision; every other event is the 登记员's.
    let role = match event.detail {
        EventDetail::ExtensionRejected { .. } => gongkai_core::account::Role::Head,
        _ => gongkai_core::account::Role::Clerk,
    };
    crate::accounts::require(ledger, role)?;
    let signed = crate::accounts::signed(ledger, actor);
    let actor = &signed;
    // With accounts, an extension is proposed by a 登记员 and approved by whoever approves it
    // (`approve_extension`): a typed approver no longer counts (条例第三十三条第二款).
    let event = match event.detail {
        EventDetail::Extended { workdays, approver, reason } if crate::accounts::any(ledger)? => {
            if !approver.trim().is_empty() {
                return Err(Error::Validation(
                    "该台账已启用账户，延期不再填写审批人：由登记员提出，负责人在“批准延期”中审批".into(),
                ));
            }
            RequestEvent::new(event.date, EventDetail::ExtensionProposed { workdays, reason })
        }
        _ => event,
    };
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
pub(super) fn decode_event(request_id: i64, seq: i64, date: &str, payload: &str) -> Result<RequestEvent> {
    let date = parse_stored_date(date).map_err(|e| Error::sqlite("读取办理记录", e))?;
    let detail: EventDetail = serde_json::from_str(payload).map_err(|e| {
        tracing::error!(request_id, seq, error = %e, "unreadable event payload");
        Error::Validation(format!("第 {seq} 条办理记录无法读取"))
    })?;
    Ok(RequestEvent { date, detail })
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

/// 批准延期 (条例第三十三条第二款: 经政府信息公开工作机构负责人同意): the signed-in 负责人 approves
/// the extension waiting on request `number`, on `date`. The deadline moves only now, and the
/// derivation names the approver. An approval after the current deadline has passed is refused:
/// an extension must be decided within the period it extends.
pub fn approve_extension(ledger: &mut Ledger, number: &str, date: chrono::NaiveDate, actor: &Actor) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Head)?;
    let signed = crate::accounts::signed(ledger, actor);
    if date > signed.today() {
        return Err(Error::Validation(format!("批准日期 {date} 晚于今天 {}，只登记已经发生的事", signed.today())));
    }
    let id = request_id(ledger.conn(), number)?;
    let events: Vec<RequestEvent> = load_events(ledger.conn(), id)?.into_iter().map(|e| e.event).collect();
    let Some((workdays, reason, proposed)) = request::pending_extension(&events) else {
        return Err(Error::App(gongkai_core::AppError::invalid_transition(format!("申请 {} 没有待审批的延期", number.trim()))));
    };
    if date < proposed {
        return Err(Error::Validation(format!("批准日期 {date} 早于提出延期的日期 {proposed}")));
    }
    let cal = crate::calendar::effective(ledger)?;
    let clock = gongkai_core::clock::assess(&request::clock_events(&events), date, &cal);
    if let Some(due) = clock.reply.as_ref().filter(|d| date > d.date) {
        return Err(Error::Validation(format!(
            "批准日期 {date} 已过当前答复期限 {}：延期须在答复期限届满前决定，不能再批准",
            due.date
        )));
    }
    let event = RequestEvent::new(date, EventDetail::Extended { workdays, approver: signed.operator.clone(), reason });
    ledger.with_tx(|tx| append_in_tx(tx, id, event, &signed, Append::Checked))
}
