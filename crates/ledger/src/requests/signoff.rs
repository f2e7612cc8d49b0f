//! 审核与签发: on a ledger with accounts, and with the setting 答复须经审核签发 on (the default),
//! a reply recorded after accounts exist has its 答复书 reviewed by a 审核人 and signed off by a
//! 负责人 (either may send it back with a comment) before it can be issued; the issued letter
//! names both. Replies recorded before the ledger had accounts are issued as before.

use chrono::NaiveDate;
use gongkai_core::account::Role;
use gongkai_core::clock;
use gongkai_core::request::{self, EventDetail, ReplyStage, RequestEvent};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::detail::DueState;
use super::events::{append_in_tx, load_events, request_id, Append, StoredEvent};
use super::register::Actor;
use crate::{accounts, settings, Error, Ledger, Result};

fn append(ledger: &mut Ledger, number: &str, date: NaiveDate, detail: EventDetail, actor: &Actor) -> Result<()> {
    let signed = accounts::signed(ledger, actor);
    if date > signed.today() {
        return Err(Error::Validation(format!("日期 {date} 晚于今天 {}，只登记已经发生的事", signed.today())));
    }
    let event = RequestEvent::new(date, detail);
    ledger.with_tx(|tx| {
        let id = request_id(tx, number)?;
        append_in_tx(tx, id, event, &signed, Append::Checked)
    })
}

/// A step of the sign-off, as the window asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum SignoffStep {
    /// 审核通过 (审核人)
    Review,
    /// 签发 (负责人)
    Sign,
    /// 退回 (审核人 or 负责人), with a comment
    SendBack,
}

/// 审核: the signed-in 审核人 reviews the reply's 答复书.
pub fn review_reply(ledger: &mut Ledger, number: &str, date: NaiveDate, comment: &str, actor: &Actor) -> Result<()> {
    accounts::require(ledger, Role::Reviewer)?;
    append(ledger, number, date, EventDetail::ReplyReviewed { comment: comment.trim().into() }, actor)
}

/// 签发: the signed-in 负责人 signs the reviewed reply off.
pub fn sign_reply(ledger: &mut Ledger, number: &str, date: NaiveDate, comment: &str, actor: &Actor) -> Result<()> {
    accounts::require(ledger, Role::Head)?;
    append(ledger, number, date, EventDetail::ReplySigned { comment: comment.trim().into() }, actor)
}

/// 退回: the 审核人 or the 负责人 sends the reply back with a comment; it is reviewed again.
pub fn send_back_reply(ledger: &mut Ledger, number: &str, date: NaiveDate, comment: &str, actor: &Actor) -> Result<()> {
    if accounts::require(ledger, Role::Reviewer).is_err() {
        accounts::require(ledger, Role::Head).map_err(|_| Error::Forbidden("退回答复需要审核人或负责人角色".into()))?;
    }
    append(ledger, number, date, EventDetail::ReplySentBack { comment: comment.trim().into() }, actor)
}

/// Where the reply of a request stands in the sign-off, when sign-off applies to it: the ledger has
/// accounts, 答复须经审核签发 is on and the (last) reply was recorded after the first account.
/// None: no reply yet, or the reply is issued as before.
pub(crate) fn gated_stage(ledger: &Ledger, stored: &[StoredEvent]) -> Result<Option<ReplyStage>> {
    let Some(since) = signoff_since(ledger)? else { return Ok(None) };
    Ok(stage_since(&since, stored))
}

/// From when replies need sign-off (the first account's creation, as `recorded_at` writes it), or
/// None when they do not (no accounts, or the setting is off).
fn signoff_since(ledger: &Ledger) -> Result<Option<String>> {
    if !accounts::any(ledger)? || !settings::reply_needs_signoff(ledger)? {
        return Ok(None);
    }
    let first: String = ledger
        .conn()
        .query_row("SELECT min(created_at) FROM account", [], |r| r.get(0))
        .map_err(|e| Error::sqlite("读取账户", e))?;
    Ok(Some(first))
}

fn stage_since(since: &str, stored: &[StoredEvent]) -> Option<ReplyStage> {
    let reply = stored.iter().rev().find(|e| matches!(e.event.detail, EventDetail::Replied { .. }))?;
    if reply.imported {
        return None; // a reply from an imported register was issued outside this ledger
    }
    // Both stamps are local "YYYY-MM-DD HH:MM:SS" (events may write a "T" between date and time).
    if stamp(&reply.recorded_at) < stamp(since) {
        return None; // recorded before the ledger had accounts: issued as before
    }
    let events: Vec<RequestEvent> = stored.iter().map(|e| e.event.clone()).collect();
    request::reply_stage(&events)
}

fn stamp(s: &str) -> String {
    s.replacen('T', " ", 1)
}

/// Whether the 答复书 of request `number` may be issued now: Ok(None) when no sign-off is asked
/// for; Ok(Some((审核人, 签发人))) once signed; refused with where it stands otherwise.
pub(crate) fn reply_gate(ledger: &Ledger, number: &str) -> Result<Option<(String, String)>> {
    let id = request_id(ledger.conn(), number)?;
    let stored = load_events(ledger.conn(), id)?;
    match gated_stage(ledger, &stored)? {
        None => Ok(None),
        Some(ReplyStage::Signed) => {
            let by = |want: fn(&EventDetail) -> bool| {
                stored.iter().rev().find(|e| want(&e.event.detail)).map(|e| e.operator.clone()).unwrap_or_default()
            };
            let reviewer = by(|d| matches!(d, EventDetail::ReplyReviewed { .. }));
            let signer = by(|d| matches!(d, EventDetail::ReplySigned { .. }));
            Ok(Some((reviewer, signer)))
        }
        Some(stage) => Err(Error::App(gongkai_core::AppError::invalid_transition(format!(
            "答复书须经审核人审核、负责人签发后才能出具（当前：{}）",
            stage.label()
        )))),
    }
}

/// One line of 工作台's 待我办理: an approval waiting for someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WaitingItem {
    pub number: String,
    pub applicant_name: String,
    /// 延期待审批, 待审核 or 待签发.
    pub stage_label: String,
    /// Who acts next: 负责人 for an extension and a sign-off, 审核人 for a review.
    pub role: Role,
    pub role_label: String,
    /// What waits, in words (the extension's days and reason; the reply's result).
    pub summary: String,
    /// The reply deadline the approval works against.
    pub reply_due: String,
    #[ts(type = "number")]
    pub workdays_left: i64,
    pub due: DueState,
    pub derivation: String,
}

/// Every approval waiting, most pressing first: extensions proposed and not yet decided (负责人),
/// replies drafted and waiting for 审核 (审核人) or reviewed and waiting for 签发 (负责人). The
/// window shows each account the lines of its roles.
pub fn waiting(ledger: &Ledger, today: NaiveDate) -> Result<Vec<WaitingItem>> {
    if !accounts::any(ledger)? {
        return Ok(Vec::new());
    }
    let since = signoff_since(ledger)?;
    let conn = ledger.conn();
    // Only requests with an extension proposed, or a reply recorded since sign-off began, can wait.
    let mut stmt = conn
        .prepare(
            "SELECT DISTINCT r.id, r.number, r.applicant_name FROM request r JOIN request_event e ON e.request_id = r.id
             WHERE e.kind = 'extension_proposed' OR (e.kind = 'replied' AND e.imported = 0 AND ?1 IS NOT NULL AND replace(e.recorded_at, 'T', ' ') >= ?1)
             ORDER BY r.number",
        )
        .map_err(|e| Error::sqlite("读取待审批事项", e))?;
    let candidates = stmt
        .query_map([since.as_deref()], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| Error::sqlite("读取待审批事项", e))?;
    let cal = crate::calendar::effective(ledger)?;
    let mut out = Vec::new();
    for (id, number, applicant_name) in candidates {
        let stored = load_events(conn, id)?;
        let events: Vec<RequestEvent> = stored.iter().map(|e| e.event.clone()).collect();
        let mut lines: Vec<(&str, Role, String)> = Vec::new();
        if let Some((workdays, reason, date)) = request::pending_extension(&events) {
            lines.push(("延期待审批", Role::Head, format!("{date} 提出延期 {workdays} 个工作日：{}", reason.trim())));
        }
        if let Some(since) = &since {
            let stage = stage_since(since, &stored);
            let result = || {
                events
                    .iter()
                    .rev()
                    .find(|e| matches!(e.detail, EventDetail::Replied { .. }))
                    .map(|e| e.detail.summary())
                    .unwrap_or_default()
            };
            match stage {
                Some(ReplyStage::Drafted) => lines.push(("待审核", Role::Reviewer, result())),
                Some(ReplyStage::Reviewed) => lines.push(("待签发", Role::Head, result())),
                _ => {}
            }
        }
        if lines.is_empty() {
            continue;
        }
        let clock = clock::assess(&request::clock_events(&events), today, &cal);
        let (Some(reply), Some(left)) = (clock.reply.as_ref(), clock.workdays_left) else { continue };
        let due = super::detail::pressure(&clock);
        for (stage, role, summary) in lines {
            out.push(WaitingItem {
                number: number.clone(),
                applicant_name: applicant_name.clone(),
                stage_label: stage.into(),
                role,
                role_label: role.label().into(),
                summary,
                reply_due: reply.date.format("%Y-%m-%d").to_string(),
                workdays_left: left,
                due,
                derivation: reply.derivation.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.workdays_left.cmp(&b.workdays_left).then(a.number.cmp(&b.number)));
    Ok(out)
}
