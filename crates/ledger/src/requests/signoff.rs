//! 审核与签发: on a ledger with accounts, and with the setting 答复须经审核签发 on (the default),
//! a reply recorded after accounts exist has its 答复书 reviewed by a 审核人 and signed off by a
//! 负责人 (either may send it back with a comment) before it can be issued; the issued letter
//! names both. Replies recorded before the ledger had accounts are issued as before.

use chrono::NaiveDate;
use gongkai_core::account::Role;
use gongkai_core::request::{self, EventDetail, ReplyStage, RequestEvent};

use super::events::{append_in_tx, load_events, request_id, Append};
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

/// Whether the 答复书 of request `number` may be issued now: Ok(None) when no sign-off is asked
/// for; Ok(Some((审核人, 签发人))) once signed; refused with where it stands otherwise.
pub(crate) fn reply_gate(ledger: &Ledger, number: &str) -> Result<Option<(String, String)>> {
    if !accounts::any(ledger)? || !settings::reply_needs_signoff(ledger)? {
        return Ok(None);
    }
    let first_account: String = ledger
        .conn()
        .query_row("SELECT min(created_at) FROM account", [], |r| r.get(0))
        .map_err(|e| Error::sqlite("读取账户", e))?;
    let id = request_id(ledger.conn(), number)?;
    let stored = load_events(ledger.conn(), id)?;
    let Some(reply) = stored.iter().rev().find(|e| matches!(e.event.detail, EventDetail::Replied { .. })) else {
        return Ok(None); // no reply yet: the workflow refuses the 答复书 on its own terms
    };
    // Recorded before the ledger had accounts: issued as before.
    if reply.recorded_at.replace('T', " ") < first_account {
        return Ok(None);
    }
    let events: Vec<RequestEvent> = stored.iter().map(|e| e.event.clone()).collect();
    match request::reply_stage(&events) {
        Some(ReplyStage::Signed) => {
            let by = |want: fn(&EventDetail) -> bool| {
                stored.iter().rev().find(|e| want(&e.event.detail)).map(|e| e.operator.clone()).unwrap_or_default()
            };
            let reviewer = by(|d| matches!(d, EventDetail::ReplyReviewed { .. }));
            let signer = by(|d| matches!(d, EventDetail::ReplySigned { .. }));
            Ok(Some((reviewer, signer)))
        }
        stage => Err(Error::App(gongkai_core::AppError::invalid_transition(format!(
            "答复书须经审核人审核、负责人签发后才能出具（当前：{}）",
            stage.map(ReplyStage::label).unwrap_or("待审核")
        )))),
    }
}
