//! 佐证附件: a file attached to a progress note as evidence, besides the link. Copied like a
//! request's attachments into the ledger's attachments folder (`工作要点/<note id>/<SHA-256
//! prefix>-<name>`), recorded in `plan_evidence` with its SHA-256 (migration 0015), carried by
//! backups and restores with the other attachments (`backup::file::attachment_rows`), checked
//! whenever it is listed or opened. Appended, never changed.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::requests::{attachment_dir, read_checked, safe_file_name, sha256_hex_pub, write_copy, Actor, StoredFile, MAX_ATTACHMENT_BYTES};
use crate::{Error, Ledger, Result};

/// The folder under the attachments folder that holds 工作要点 evidence.
pub const EVIDENCE_FOLDER: &str = "工作要点";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// The stored copy still has the recorded SHA-256.
    pub intact: bool,
}

/// The file's name, trimmed and checked, with its bytes.
pub(super) fn check(f: super::progress::EvidenceFile<'_>) -> Result<(String, Vec<u8>)> {
    let name = f.file_name.trim();
    let name = Path::new(name).file_name().and_then(|n| n.to_str()).unwrap_or("").trim().to_string();
    if name.is_empty() {
        return Err(Error::Validation("佐证附件的文件名为空".into()));
    }
    if name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(Error::Validation(format!("佐证附件的文件名“{}”过长或包含控制字符", gongkai_core::error::clip(&name))));
    }
    if f.bytes.is_empty() {
        return Err(Error::Validation(format!("佐证附件“{name}”是空文件")));
    }
    if f.bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(Error::Validation(format!("佐证附件“{name}”超过 50 MB")));
    }
    Ok((name, f.bytes.to_vec()))
}

/// Copies the file and records it against progress note `progress_id`, inside the caller's
/// transaction. The caller discards the copy when its transaction does not commit.
pub(super) fn store(tx: &Connection, dir: &Path, progress_id: i64, name: &str, bytes: &[u8], actor: &Actor) -> Result<StoredFile> {
    let sha = sha256_hex_pub(bytes);
    let relative = format!("{EVIDENCE_FOLDER}/{progress_id}/{}-{}", &sha[..16], safe_file_name(name));
    let file = write_copy(dir, &relative, bytes, sha.clone())?;
    let inserted = tx.execute(
        "INSERT INTO plan_evidence (progress_id, file_name, stored_path, sha256, size_bytes, operator, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![progress_id, name, relative, sha, bytes.len() as i64, actor.operator, actor.stamp()],
    );
    match inserted {
        Ok(_) => Ok(file),
        Err(e) => {
            file.discard();
            Err(Error::sqlite("登记佐证附件", e))
        }
    }
}

/// Every evidence file of a plan's progress notes: (progress note id, info).
pub(super) fn of_plan(ledger: &Ledger, plan_id: i64) -> Result<Vec<(i64, EvidenceInfo)>> {
    let dir = attachment_dir(ledger);
    let sql_err = |e| Error::sqlite("读取佐证附件", e);
    let mut stmt = ledger
        .conn()
        .prepare(
            "SELECT e.progress_id, e.id, e.file_name, e.stored_path, e.sha256, e.size_bytes
             FROM plan_evidence e JOIN plan_progress g ON g.id = e.progress_id JOIN plan_assignment a ON a.id = g.assignment_id
             JOIN plan_task t ON t.id = a.task_id WHERE t.plan_id = ?1 ORDER BY e.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([plan_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, i64>(5)?))
        })
        .map_err(sql_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (progress, id, file_name, stored, sha256, size) = row.map_err(sql_err)?;
        let intact = std::fs::read(dir.join(&stored)).map(|b| sha256_hex_pub(&b) == sha256).unwrap_or(false);
        out.push((progress, EvidenceInfo { id, file_name, sha256, size_bytes: size as u64, intact }));
    }
    Ok(out)
}

/// Opens an evidence file: its name and bytes, refused when the stored copy no longer has the
/// recorded SHA-256 (changed or damaged outside the app) or is gone.
pub fn open_evidence(ledger: &Ledger, id: i64) -> Result<(String, Vec<u8>)> {
    let (name, stored, sha): (String, String, String) = ledger
        .conn()
        .query_row("SELECT file_name, stored_path, sha256 FROM plan_evidence WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()
        .map_err(|e| Error::sqlite("读取佐证附件", e))?
        .ok_or_else(|| Error::NotFound("该佐证附件不存在".into()))?;
    let bytes = read_checked(ledger, &stored, &sha, "佐证附件", &name)?;
    Ok((name, bytes))
}

/// What an evidence file belongs to, in words: "2025 年工作要点任务 3（财政局）".
pub fn evidence_owner(ledger: &Ledger, id: i64) -> Result<String> {
    ledger
        .conn()
        .query_row(
            "SELECT p.year, t.seq, d.name FROM plan_evidence e JOIN plan_progress g ON g.id = e.progress_id
             JOIN plan_assignment a ON a.id = g.assignment_id JOIN plan_task t ON t.id = a.task_id
             JOIN plan p ON p.id = t.plan_id JOIN department d ON d.id = a.unit_id WHERE e.id = ?1",
            [id],
            |r| Ok(format!("{} 年工作要点任务 {}（{}）", r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)),
        )
        .optional()
        .map_err(|e| Error::sqlite("读取佐证附件", e))?
        .ok_or_else(|| Error::NotFound("该佐证附件不存在".into()))
}
