//! 积压处理: after an import, the one recorded step that marks the old backlog done, so 工作台
//! shows the work that can still be done (issue 23).
//!
//! - **Documents 已上网.** Actively disclosed documents not marked as on the portal, neither
//!   repealed nor expired, whose 成文日期 (else 发布日期) is before the cut-off: their
//!   门户网站发布日期 becomes their own 发布日期 (the office states they went online when they were
//!   published), each with a `document_edit` row (门户网站发布) and its audited row change.
//! - **Requests 导入前已办结.** Imported requests still open, received before the cut-off and
//!   untouched since the import (no event recorded in the ledger): each gets a
//!   `ClosedBeforeImport` event with the reason, through the workflow's checks. No reply and no
//!   letter are invented: the request leaves the workflow as 已终止 and counts, like 撤回, in
//!   table 三（六）3 其他 of the step's year. A request a clerk has worked on is never closed here.
//!
//! Each step is one transaction and one `backlog_step` row (register, cut-off, date, reason, the
//! changed rows' ids); every changed row is in the audit trail like any other change.

use chrono::NaiveDate;
use gongkai_core::account::Role;
use gongkai_core::request::{EventDetail, RequestEvent};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::WriteSource;
use crate::requests::{self, Actor};
use crate::{Error, Ledger, Result};

/// The reason recorded when the clerk gives none.
pub const DEFAULT_REQUEST_REASON: &str = "导入前已办结";
pub const DEFAULT_DOCUMENT_REASON: &str = "导入前已在门户网站发布";

/// How many rows each step would change for a cut-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BacklogCounts {
    pub documents: u32,
    pub requests: u32,
}

/// What one step did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BacklogOutcome {
    #[ts(type = "number")]
    pub step_id: i64,
    pub changed: u32,
    /// The changed rows: 文号 or 文件名称 of documents, 受理编号 of requests.
    pub rows: Vec<String>,
}

const DOCUMENTS_WHERE: &str = "disclosure_mode = 'active' AND portal_published_on IS NULL
    AND status NOT IN ('repealed', 'expired') AND coalesce(written_on, published_on) < ?1";
const REQUESTS_WHERE: &str = "concluded_date IS NULL AND imported = 1 AND received_date < ?1
    AND NOT EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = request.id AND e.imported = 0)";

/// The rows each step would change for `cutoff`, without changing anything.
pub fn counts(ledger: &Ledger, cutoff: NaiveDate) -> Result<BacklogCounts> {
    let conn = ledger.conn();
    let count = |sql: String| -> Result<u32> {
        conn.query_row(&sql, [requests::ymd(cutoff)], |r| r.get::<_, u32>(0)).map_err(|e| Error::sqlite("统计积压", e))
    };
    Ok(BacklogCounts {
        documents: count(format!("SELECT count(*) FROM document WHERE {DOCUMENTS_WHERE}"))?,
        requests: count(format!("SELECT count(*) FROM request WHERE {REQUESTS_WHERE}"))?,
    })
}

fn check(cutoff: NaiveDate, reason: &str, actor: &Actor) -> Result<String> {
    if cutoff > actor.today() {
        return Err(Error::Validation(format!("截止日期 {cutoff} 晚于今天，只能处理今天以前的记录")));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Validation("请填写理由".into()));
    }
    if reason.chars().count() > 500 {
        return Err(Error::Validation("理由不能超过 500 字".into()));
    }
    Ok(reason.to_string())
}

fn record_step(tx: &Connection, register: &str, cutoff: NaiveDate, reason: &str, ids: &[i64], actor: &Actor) -> Result<i64> {
    let ids = serde_json::to_string(ids).map_err(|e| Error::Validation(format!("积压处理记录无法保存：{e}")))?;
    tx.execute(
        "INSERT INTO backlog_step (register, cutoff, step_date, reason, row_ids, operator, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![register, requests::ymd(cutoff), requests::ymd(actor.today()), reason, ids, actor.operator, actor.stamp()],
    )
    .map_err(|e| Error::sqlite("保存积压处理记录", e))?;
    Ok(tx.last_insert_rowid())
}

/// Marks every old document not yet on the portal (see the module's note) as 已上网 on its own
/// 发布日期, in one recorded step.
pub fn mark_documents_published(
    ledger: &mut Ledger,
    cutoff: NaiveDate,
    reason: &str,
    source: WriteSource,
    actor: &Actor,
) -> Result<BacklogOutcome> {
    crate::accounts::require(ledger, Role::Clerk)?;
    let actor = crate::accounts::signed(ledger, actor);
    let reason = check(cutoff, reason, &actor)?;
    ledger.with_tx(|tx| documents_in_tx(tx, cutoff, &reason, source, &actor))
}

/// Records 导入前已办结 with `reason` on every old imported request still open and untouched since
/// the import (see the module's note), in one recorded step.
pub fn close_requests_before_import(ledger: &mut Ledger, cutoff: NaiveDate, reason: &str, actor: &Actor) -> Result<BacklogOutcome> {
    crate::accounts::require(ledger, Role::Clerk)?;
    let actor = crate::accounts::signed(ledger, actor);
    let reason = check(cutoff, reason, &actor)?;
    ledger.with_tx(|tx| requests_in_tx(tx, cutoff, &reason, &actor))
}

/// What 工作台's offer does in one transaction: either register or both (a register with nothing
/// to change is passed over when the other has rows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BacklogResult {
    pub documents: Option<BacklogOutcome>,
    pub requests: Option<BacklogOutcome>,
}

/// Both steps at once, for the window's single confirmation: `documents_reason` and
/// `requests_reason` choose the registers (None leaves one alone). All or nothing.
pub fn close_backlog(
    ledger: &mut Ledger,
    cutoff: NaiveDate,
    documents_reason: Option<&str>,
    requests_reason: Option<&str>,
    source: WriteSource,
    actor: &Actor,
) -> Result<BacklogResult> {
    crate::accounts::require(ledger, Role::Clerk)?;
    let actor = crate::accounts::signed(ledger, actor);
    if documents_reason.is_none() && requests_reason.is_none() {
        return Err(Error::Validation("请至少选择文件或申请中的一项".into()));
    }
    let documents_reason = documents_reason.map(|r| check(cutoff, r, &actor)).transpose()?;
    let requests_reason = requests_reason.map(|r| check(cutoff, r, &actor)).transpose()?;
    let counts = counts(ledger, cutoff)?;
    let documents_reason = documents_reason.filter(|_| counts.documents > 0 || counts.requests == 0);
    let requests_reason = requests_reason.filter(|_| counts.requests > 0 || counts.documents == 0);
    ledger.with_tx(|tx| {
        let documents = documents_reason.as_deref().map(|r| documents_in_tx(tx, cutoff, r, source, &actor)).transpose()?;
        let requests = requests_reason.as_deref().map(|r| requests_in_tx(tx, cutoff, r, &actor)).transpose()?;
        Ok(BacklogResult { documents, requests })
    })
}

fn documents_in_tx(tx: &Connection, cutoff: NaiveDate, reason: &str, source: WriteSource, actor: &Actor) -> Result<BacklogOutcome> {
    let mut stmt = tx
        .prepare(&format!(
            "SELECT id, CASE WHEN doc_number <> '' THEN doc_number ELSE title END FROM document
              WHERE {DOCUMENTS_WHERE} ORDER BY id"
        ))
        .map_err(|e| Error::sqlite("查询积压文件", e))?;
    let rows = stmt
        .query_map([requests::ymd(cutoff)], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .map_err(|e| Error::sqlite("查询积压文件", e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::sqlite("查询积压文件", e))?;
    if rows.is_empty() {
        return Err(Error::Validation(format!("没有成文日期早于 {cutoff} 且未标记上网的主动公开文件")));
    }
    let at = actor.stamp();
    let today = requests::ymd(actor.today());
    for (id, _) in &rows {
        tx.execute(
            "UPDATE document SET portal_published_on = min(published_on, ?2), updated_at = ?3 WHERE id = ?1",
            params![id, today, at],
        )
        .map_err(|e| Error::sqlite("标记文件已上网", e))?;
        tx.execute(
            "INSERT INTO document_edit (document_id, changed, source, recorded_at) VALUES (?1, '门户网站发布', ?2, ?3)",
            params![id, source.code(), at],
        )
        .map_err(|e| Error::sqlite("标记文件已上网", e))?;
    }
    let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    let step_id = record_step(tx, "documents", cutoff, reason, &ids, actor)?;
    Ok(BacklogOutcome { step_id, changed: rows.len() as u32, rows: rows.into_iter().map(|(_, n)| n).collect() })
}

fn requests_in_tx(tx: &Connection, cutoff: NaiveDate, reason: &str, actor: &Actor) -> Result<BacklogOutcome> {
    let mut stmt = tx
        .prepare(&format!("SELECT id, number FROM request WHERE {REQUESTS_WHERE} ORDER BY received_date, id"))
        .map_err(|e| Error::sqlite("查询积压申请", e))?;
    let rows = stmt
        .query_map([requests::ymd(cutoff)], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .map_err(|e| Error::sqlite("查询积压申请", e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::sqlite("查询积压申请", e))?;
    if rows.is_empty() {
        return Err(Error::Validation(format!("没有收到日期早于 {cutoff}、导入后未办理的未办结申请")));
    }
    for (id, number) in &rows {
        let event = RequestEvent::new(actor.today(), EventDetail::ClosedBeforeImport { reason: reason.to_string() });
        requests::append_in_tx(tx, *id, event, actor, requests::Append::Checked)
            .map_err(|e| Error::Validation(format!("{number}：{e}")))?;
    }
    let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    let step_id = record_step(tx, "requests", cutoff, reason, &ids, actor)?;
    Ok(BacklogOutcome { step_id, changed: rows.len() as u32, rows: rows.into_iter().map(|(_, n)| n).collect() })
}
