//! 不出具: a 待出具告知书 item the office decides not to issue is dismissed with a reason. The
//! dismissal is a row of `letter_dismissal` (audited like every row), listed on 工作台 under
//! 已决定不出具, and can be restored once, after which the item is proposed again.

use chrono::NaiveDate;
use gongkai_core::account::Role;
use gongkai_core::letter::LetterKind;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::requests::{self, Actor};
use crate::{Error, Ledger, Result};

/// A dismissed 待出具告知书 item, for the window's list of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DismissedLetter {
    #[ts(type = "number")]
    pub id: i64,
    pub request_number: String,
    pub applicant_name: String,
    pub kind: LetterKind,
    pub kind_label: String,
    pub since: String,
    pub reason: String,
    pub operator: String,
    pub recorded_at: String,
}

/// The (kind, since) pairs of `request_id` dismissed and not restored.
pub(super) fn dismissed_keys(conn: &Connection, request_id: i64) -> Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT kind, since FROM letter_dismissal WHERE request_id = ?1 AND restored_at IS NULL")
        .map_err(|e| Error::sqlite("读取不出具记录", e))?;
    let rows = stmt
        .query_map([request_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(|e| Error::sqlite("读取不出具记录", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取不出具记录", e))
}

/// Dismisses the pending letter `kind` of request `number` called for on `since`, with `reason`.
/// Refused unless that item is on the pending list now.
pub fn dismiss(ledger: &mut Ledger, number: &str, kind: LetterKind, since: NaiveDate, reason: &str, actor: &Actor) -> Result<i64> {
    crate::accounts::require(ledger, Role::Clerk)?;
    let actor = crate::accounts::signed(ledger, actor);
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Validation("请填写不出具的理由".into()));
    }
    if reason.chars().count() > 500 {
        return Err(Error::Validation("不出具的理由不能超过 500 字".into()));
    }
    let since_text = requests::ymd(since);
    let listed = super::pending(ledger, actor.today())?
        .into_iter()
        .any(|p| p.request_number == number.trim() && p.kind == kind && p.since == since_text);
    if !listed {
        return Err(Error::Validation(format!(
            "{} 的{}（{since_text}）不在待出具告知书中，无需标记不出具",
            number.trim(),
            kind.label()
        )));
    }
    ledger.with_tx(|tx| {
        let id = requests::request_id(tx, number)?;
        tx.execute(
            "INSERT INTO letter_dismissal (request_id, kind, since, reason, operator, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, kind.code(), since_text, reason, actor.operator, actor.stamp()],
        )
        .map_err(|e| Error::sqlite("保存不出具记录", e))?;
        Ok(tx.last_insert_rowid())
    })
}

/// Restores a dismissal: the item is proposed again (if its request's state still allows it).
pub fn restore_dismissed(ledger: &mut Ledger, id: i64, actor: &Actor) -> Result<()> {
    crate::accounts::require(ledger, Role::Clerk)?;
    let actor = crate::accounts::signed(ledger, actor);
    ledger.with_tx(|tx| {
        let open: Option<bool> = tx
            .query_row("SELECT restored_at IS NULL FROM letter_dismissal WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| Error::sqlite("读取不出具记录", e))?;
        match open {
            None => return Err(Error::NotFound(format!("没有编号为 {id} 的不出具记录"))),
            Some(false) => return Err(Error::Validation("该不出具记录已恢复过".into())),
            Some(true) => {}
        }
        tx.execute(
            "UPDATE letter_dismissal SET restored_at = ?2, restored_by = ?3 WHERE id = ?1",
            params![id, actor.stamp(), actor.operator],
        )
        .map_err(|e| Error::sqlite("恢复不出具记录", e))?;
        Ok(())
    })
}

/// Dismissals not restored, newest first.
pub fn dismissed(ledger: &Ledger) -> Result<Vec<DismissedLetter>> {
    let mut stmt = ledger
        .conn()
        .prepare_cached(
            "SELECT d.id, r.number, r.applicant_name, d.kind, d.since, d.reason, d.operator, d.recorded_at
               FROM letter_dismissal d JOIN request r ON r.id = d.request_id
              WHERE d.restored_at IS NULL ORDER BY d.id DESC",
        )
        .map_err(|e| Error::sqlite("读取不出具记录", e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })
        .map_err(|e| Error::sqlite("读取不出具记录", e))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, request_number, applicant_name, kind, since, reason, operator, recorded_at) =
            row.map_err(|e| Error::sqlite("读取不出具记录", e))?;
        let kind = LetterKind::from_code(&kind).ok_or_else(|| Error::Validation(format!("未知的告知书种类：{kind}")))?;
        out.push(DismissedLetter { id, request_number, applicant_name, kind, kind_label: kind.label().into(), since, reason, operator, recorded_at });
    }
    Ok(out)
}
