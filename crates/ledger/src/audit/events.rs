//! 台账事件 (`ledger_event`): what happens to the ledger as a whole, or what is read out of it, as
//! opposed to a change of one record: upgrades (with the verification run before them), restores,
//! unmasked exports, saved attachments, changes of 操作人. Each is a row of an append-only table,
//! so the audit triggers put it in the hash chain like any other change.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Ledger, Result};

/// The kinds of [`LedgerEvent`]; stored by [`EventKind::code`], shown by [`EventKind::label`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// The schema was upgraded; `detail` says from and to which version and what verification found.
    Upgrade,
    /// The ledger was replaced by a backup; `detail` names the file, its head and the head replaced.
    Restore,
    /// An export with full 证件号码 and 联系方式.
    ExportUnmasked,
    /// A copy of an attachment (or an issued letter's PDF) saved out of the ledger.
    AttachmentSave,
    /// The workstation's 操作人 changed.
    OperatorChange,
    /// A letter holding personal data sent to the printer.
    Print,
    /// An account signed in (with the computer's login and name).
    SignIn,
    /// A copy of the ledger and its attachments written to a folder the clerk chose (a USB drive).
    Backup,
}

impl EventKind {
    pub const ALL: [EventKind; 8] = [
        EventKind::Upgrade,
        EventKind::Restore,
        EventKind::ExportUnmasked,
        EventKind::AttachmentSave,
        EventKind::OperatorChange,
        EventKind::Print,
        EventKind::SignIn,
        EventKind::Backup,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EventKind::Upgrade => "upgrade",
            EventKind::Restore => "restore",
            EventKind::ExportUnmasked => "export_unmasked",
            EventKind::AttachmentSave => "attachment_save",
            EventKind::OperatorChange => "operator_change",
            EventKind::Print => "print",
            EventKind::SignIn => "sign_in",
            EventKind::Backup => "backup",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EventKind::Upgrade => "升级台账结构",
            EventKind::Restore => "从备份恢复",
            EventKind::ExportUnmasked => "导出完整个人信息",
            EventKind::AttachmentSave => "另存附件",
            EventKind::OperatorChange => "更换操作人",
            EventKind::Print => "打印",
            EventKind::SignIn => "登录",
            EventKind::Backup => "备份到文件夹",
        }
    }

    pub fn from_code(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One row of `ledger_event`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LedgerEvent {
    #[ts(type = "number")]
    pub id: i64,
    /// UTC, "YYYY-MM-DDTHH:MM:SS.sssZ"
    pub at: String,
    pub operator: String,
    /// The stored code (`upgrade`, `restore`, …).
    pub kind: String,
    /// The kind in Chinese.
    pub kind_label: String,
    pub detail: String,
    /// How many records the event touched (rows exported, say); 0 when it is not about records.
    #[ts(type = "number")]
    pub records: i64,
}

/// Records an event under the connection's current 操作人, in the caller's transaction if any.
pub(crate) fn record_in(conn: &Connection, kind: EventKind, detail: &str, records: u64) -> Result<i64> {
    conn.execute(
        &format!(
            "INSERT INTO ledger_event (at, operator, kind, detail, records)
             VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                     coalesce((SELECT operator FROM temp.audit_context LIMIT 1), '{}'), ?1, ?2, ?3)",
            super::SYSTEM_OPERATOR
        ),
        params![kind.code(), detail, records as i64],
    )
    .map_err(|e| Error::sqlite("记录台账事件", e))?;
    Ok(conn.last_insert_rowid())
}

/// Records an event (an unmasked export of 37 requests, a saved attachment, …) under the ledger's
/// current 操作人. The audit triggers chain it like any change.
pub fn record(ledger: &mut Ledger, kind: EventKind, detail: &str, records: u64) -> Result<i64> {
    ledger.with_tx(|tx| record_in(tx, kind, detail, records))
}

/// The events of `kind` (all kinds when None), newest first, at most `limit`.
pub fn list(ledger: &Ledger, kind: Option<EventKind>, limit: i64) -> Result<Vec<LedgerEvent>> {
    let mut stmt = ledger
        .conn()
        .prepare(
            "SELECT id, at, operator, kind, detail, records FROM ledger_event
             WHERE ?1 IS NULL OR kind = ?1 ORDER BY id DESC LIMIT ?2",
        )
        .map_err(|e| Error::sqlite("读取台账事件", e))?;
    let rows = stmt
        .query_map(params![kind.map(EventKind::code), limit.clamp(1, 10_000)], |r| {
            let kind: String = r.get(3)?;
            Ok(LedgerEvent {
                id: r.get(0)?,
                at: r.get(1)?,
                operator: r.get(2)?,
                kind_label: EventKind::from_code(&kind).map(EventKind::label).unwrap_or("其他").to_string(),
                kind,
                detail: r.get(4)?,
                records: r.get(5)?,
            })
        })
        .map_err(|e| Error::sqlite("读取台账事件", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取台账事件", e))
}
