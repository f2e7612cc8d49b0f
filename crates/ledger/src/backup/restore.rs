//! 恢复: a backup brought back into the ledger through SQLite's backup API, into the live
//! connection: whoever else has the file open sees the restored pages, never a file renamed away
//! under them (the window restores through its own connection; the command line refuses while a
//! window holds the ledger). The candidate is checked first: a ledger of ours, not newer, sound,
//! its chain and schema verify, and it is this ledger's unless the caller confirmed otherwise.
//! The ledger it replaces is kept as a 恢复前 copy, and the restore is recorded in the audit trail
//! with the head it brought and the head it replaced.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{file, named, RESTORE_PREFIX};
use crate::audit::{self, EventKind, Head};
use crate::{anchors, Error, Ledger, Result};

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreOutcome {
    /// File name of the copy of the ledger as it was before, in `backups/`.
    pub safety_copy: String,
    /// The head the restored file brought, and the head it replaced.
    pub restored_head: Option<Head>,
    pub replaced_head: Option<Head>,
    /// Attachments written back into the attachments folder.
    #[ts(type = "number")]
    pub attachments: u64,
}

/// Checks `from` and, unless `other_ledger_confirmed`, that it is this ledger's; keeps the ledger
/// as a 恢复前 copy; brings `from` in through the backup API; drops the backup's own tables;
/// reopens (which upgrades an older backup like any older ledger); writes its attachments back;
/// and records the restore. `ledger` is the restored ledger afterwards.
pub fn restore_into(ledger: &mut Ledger, from: &Path, other_ledger_confirmed: bool, stamp: &str) -> Result<RestoreOutcome> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    let from_name = from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (manifest, from_version) = {
        let candidate = Ledger::open_read_only(from)?;
        let mut problems = candidate.check_integrity()?;
        if problems.is_empty() {
            let report = if file::is_backup(candidate.conn())? { audit::verify_backup(&candidate)? } else { audit::verify(&candidate)? };
            problems.extend(report.problems);
            problems.extend(super::check_backup_attachments(&candidate)?);
        }
        if !problems.is_empty() {
            let shown: Vec<_> = problems.iter().take(5).cloned().collect();
            return Err(Error::Validation(format!("备份文件“{from_name}”未通过校验，未恢复：{}", shown.join("；"))));
        }
        (file::manifest(candidate.conn())?, candidate.schema_version()?)
    };
    let own_id = anchors::ledger_id(ledger)?;
    if manifest.ledger_id != own_id && !other_ledger_confirmed {
        return Err(Error::Conflict(format!(
            "备份“{from_name}”属于另一本台账（标识 {}），当前台账的标识是 {}；确认要用它替换当前台账，请再次确认（命令行加 --yes）",
            super::short_id(manifest.ledger_id.as_deref()),
            super::short_id(own_id.as_deref())
        )));
    }
    let replaced_head = audit::head(ledger)?;
    let safety = named(ledger.path(), ledger.conn(), RESTORE_PREFIX, stamp)?;
    file::write(ledger, &safety, "恢复前")?;
    let operator: String = ledger
        .conn
        .query_row("SELECT operator FROM temp.audit_context LIMIT 1", [], |r| r.get(0))
        .unwrap_or_else(|_| crate::default_operator());
    let path: PathBuf = ledger.path().to_path_buf();
    ledger
        .conn
        .restore("main", from, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| Error::sqlite("从备份恢复台账", e))?;
    ledger
        .conn
        .execute_batch("DROP TABLE IF EXISTS main.sqlar; DROP TABLE IF EXISTS main.backup_manifest;")
        .map_err(|e| Error::sqlite("从备份恢复台账", e))?;
    // Reopen: fresh audit triggers for the restored schema, and an upgrade if it is older.
    let workstation = ledger.workstation.take();
    let mut reopened = Ledger::open(&path)?;
    reopened.workstation = workstation;
    reopened.set_operator(&operator)?;
    *ledger = reopened;
    let attachments = {
        let candidate = Ledger::open_read_only(from)?;
        file::extract_attachments(candidate.conn(), &path, stamp)?
    };
    let safety_name = safety.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let detail = serde_json::json!({
        "from": from_name,
        "from_ledger": manifest.ledger_id,
        "from_version": from_version,
        "restored_head": manifest.head.as_ref().map(|h| h.to_string()),
        "replaced_ledger": own_id,
        "replaced_head": replaced_head.as_ref().map(|h| h.to_string()),
        "safety_copy": safety_name,
        "attachments": attachments,
    })
    .to_string();
    ledger.with_tx(|tx| audit::events::record_in(tx, EventKind::Restore, &detail, 0))?;
    // This workstation's anchor follows the restored chain (the replaced one stays provable
    // through the safety copy, see anchors.rs).
    if let (Some(dir), Some(id), Some(head)) = (ledger.workstation.clone(), anchors::ledger_id(ledger)?, audit::head(ledger)?) {
        anchors::record_head(&dir, &id, &path, &head)?;
    }
    Ok(RestoreOutcome { safety_copy: safety_name, restored_head: manifest.head, replaced_head, attachments: attachments as u64 })
}
