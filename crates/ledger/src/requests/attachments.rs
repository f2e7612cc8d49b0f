//! Files kept with a request: copied under the attachment folder by content hash, recorded with their SHA-256 and checked when opened.

use std::path::{Path, PathBuf};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use crate::{private, Error, Ledger, Result};
use super::events::{request_id};
use super::register::{Actor, text};

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
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let signed = crate::accounts::signed(ledger, actor);
    let actor = &signed;
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
///
/// The folder is the owner's alone (0700) and so is every copy (0600). A copy is written in full
/// and synced under a temporary name, then linked to its own name, which must not exist: an
/// existing copy is never overwritten (an identical one is kept and used, a different one refused).
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
    let file = write_copy(dir, &relative, bytes, sha)?;
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

/// Writes `bytes` (whose SHA-256 is `sha`) under `dir` at `relative`, owner-only, never over a
/// different file (an identical copy already there is used). The caller records it; when that
/// fails, it calls [`StoredFile::discard`]. Shared by request attachments and 工作要点 evidence.
pub(crate) fn write_copy(dir: &Path, relative: &str, bytes: &[u8], sha: String) -> Result<StoredFile> {
    let target = dir.join(relative);
    private::own_dir(dir).map_err(|e| Error::io("创建附件文件夹", dir, e))?;
    if let Some(parent) = target.parent() {
        private::create_dir(parent).map_err(|e| Error::io("创建附件文件夹", parent, e))?;
    }
    let created = match write_new(&target, bytes) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            // The same content under the same name: a copy stored before (its row may exist).
            if std::fs::read(&target).map(|b| sha256_hex(&b) == sha).unwrap_or(false) {
                false
            } else {
                return Err(Error::Conflict(format!(
                    "附件文件夹中已有同名但内容不同的文件“{}”，未覆盖；请检查附件文件夹",
                    target.display()
                )));
            }
        }
        Err(e) => return Err(Error::io("保存附件", &target, e)),
    };
    Ok(StoredFile { id: 0, sha256: sha, path: target, created })
}

/// Writes `bytes` to `target`, which must not exist yet (`AlreadyExists` when it does): into a new
/// 0600 temporary file in the same folder, synced, then linked to `target` (a link never replaces
/// a file); the folder is synced so the new name survives a crash too.
fn write_new(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = target.parent().unwrap_or(Path::new("."));
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let temp = folder.join(format!(".保存中-{}-{nanos}.tmp", std::process::id()));
    let written = (|| {
        let mut file = private::create_new(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        match std::fs::hard_link(&temp, target) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            // File systems without hard links (FAT on a USB stick): writers are serialised by the
            // caller's IMMEDIATE transaction, so looking first and renaming cannot race another.
            Err(_) if target.symlink_metadata().is_ok() => Err(std::io::ErrorKind::AlreadyExists.into()),
            Err(_) => std::fs::rename(&temp, target),
        }
    })();
    let _ = std::fs::remove_file(&temp);
    written?;
    sync_folder(folder);
    Ok(())
}

/// Makes a new name in `folder` durable (Unix; elsewhere the file system does it on close).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Err(e) = std::fs::File::open(folder).and_then(|f| f.sync_all()) {
        tracing::warn!(folder = %folder.display(), error = %e, "cannot sync the attachment folder");
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// The 受理编号 of the request an attachment (or an issued letter's PDF) belongs to.
pub fn attachment_request_number(ledger: &Ledger, attachment_id: i64) -> Result<String> {
    ledger
        .conn()
        .query_row(
            "SELECT r.number FROM attachment a JOIN request r ON r.id = a.request_id WHERE a.id = ?1",
            [attachment_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| Error::sqlite("读取附件", e))?
        .ok_or_else(|| Error::NotFound("该附件不存在".into()))
}

pub(super) fn attachments(ledger: &Ledger, request_id: i64) -> Result<Vec<AttachmentInfo>> {
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
    let bytes = read_checked(ledger, &stored, &sha, "附件", &name)?;
    Ok((name, bytes))
}

/// The bytes of a stored copy (`stored`, under the attachments folder), refused when it is gone
/// or no longer has the recorded SHA-256. `what` names the kind in the message (附件, 佐证附件).
pub(crate) fn read_checked(ledger: &Ledger, stored: &str, sha: &str, what: &str, name: &str) -> Result<Vec<u8>> {
    let path = attachment_dir(ledger).join(stored);
    let bytes = std::fs::read(&path).map_err(|_| Error::NotFound(format!("{what}“{name}”的文件已不在附件文件夹中")))?;
    if sha256_hex(&bytes) != sha {
        return Err(Error::Conflict(format!("{what}“{name}”与登记时的 SHA-256 不一致，文件已被改动或损坏")));
    }
    Ok(bytes)
}
