//! One backup is one file: a SQLite copy of the ledger (SQLite's online backup) that also holds,
//! in SQLite's archive table `sqlar`, every attachment (issued letters' PDFs included), and in
//! `backup_manifest` the ledger's identity, the audit chain's head at the copy (an anchor), the
//! kind of backup and when it was made. `sqlite3 F -Ax` extracts the attachments without this app.

use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::backup::Backup;
use rusqlite::{params, Connection, OptionalExtension};

use crate::audit::verify::BACKUP_TABLES;
use crate::audit::{self, Head};
use crate::{anchors, has_table, private, requests, Error, Ledger, Result};

/// What `backup_manifest` of a backup says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub ledger_id: Option<String>,
    pub head: Option<Head>,
    pub kind: String,
    pub created_at: String,
}

/// What one backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub head: Option<Head>,
    pub attachments: usize,
    /// Attachments the ledger lists that were missing or altered on disk: not in the backup.
    pub missing: Vec<String>,
}

/// The attachments folder of the ledger at `db`: `ledger.db` → `ledger.db-附件`.
pub fn attachment_dir_of(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "ledger".into());
    name.push("-附件");
    db.with_file_name(name)
}

/// `(stored_path, sha256, file_name)` of every file the ledger at `conn` keeps in its attachments
/// folder: requests' attachments (issued letters' PDFs included), then 工作要点 evidence (0015).
pub(crate) fn attachment_rows(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    for (table, sql) in [
        ("attachment", "SELECT stored_path, sha256, file_name FROM attachment ORDER BY id"),
        ("plan_evidence", "SELECT stored_path, sha256, file_name FROM plan_evidence ORDER BY id"),
    ] {
        if !has_table(conn, table)? {
            continue;
        }
        let mut stmt = conn.prepare(sql).map_err(|e| Error::sqlite("读取附件", e))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(|e| Error::sqlite("读取附件", e))?;
        for row in rows {
            out.push(row.map_err(|e| Error::sqlite("读取附件", e))?);
        }
    }
    Ok(out)
}

/// A stored path as the ledger records it, refused if it could leave the attachments folder.
pub(crate) fn safe_relative(stored: &str) -> Option<PathBuf> {
    let p = Path::new(stored);
    let plain = !stored.is_empty() && p.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    plain.then(|| p.to_path_buf())
}

/// Copies the open ledger, with its attachments and a manifest, to `out` (a new file: an existing
/// one is never overwritten). The copy is written beside `out` and renamed into place when whole.
pub fn write(ledger: &Ledger, out: &Path, kind: &str) -> Result<Written> {
    write_from(ledger.conn(), ledger.path(), out, kind)
}

pub(crate) fn write_from(src: &Connection, db_path: &Path, out: &Path, kind: &str) -> Result<Written> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        private::create_dir(parent).map_err(|e| Error::io("创建备份文件夹", parent, e))?;
    }
    if out.exists() {
        return Err(Error::Conflict(format!("文件“{}”已存在，不会覆盖；请换一个文件名", out.display())));
    }
    let mut tmp_name = out.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    tmp_name.push(".part");
    let tmp = out.with_file_name(tmp_name);
    let _ = std::fs::remove_file(&tmp);
    drop(private::create_new(&tmp).map_err(|e| Error::io("创建备份文件", &tmp, e))?);
    let result = (|| -> Result<Written> {
        let mut dst = Connection::open(&tmp).map_err(|e| Error::sqlite("创建备份文件", e))?;
        {
            let backup = Backup::new(src, &mut dst).map_err(|e| Error::sqlite("备份台账", e))?;
            backup.run_to_completion(256, std::time::Duration::from_millis(5), None).map_err(|e| Error::sqlite("备份台账", e))?;
        }
        // A backup is one self-contained file: no WAL beside it.
        dst.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;").map_err(|e| Error::sqlite("备份台账", e))?;
        let written = fill(&mut dst, db_path, out, kind)?;
        drop(dst);
        std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(|e| Error::io("保存备份文件", &tmp, e))?;
        Ok(written)
    })();
    match result {
        Ok(written) => {
            std::fs::rename(&tmp, out).map_err(|e| Error::io("保存备份文件", out, e))?;
            if let Some(dir) = out.parent() {
                let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
            }
            Ok(written)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Adds the manifest and the attachments to a fresh copy, in one transaction.
fn fill(dst: &mut Connection, db_path: &Path, out: &Path, kind: &str) -> Result<Written> {
    let tx = dst.transaction().map_err(|e| Error::sqlite("备份台账", e))?;
    for (_, sql) in BACKUP_TABLES {
        tx.execute_batch(sql).map_err(|e| Error::sqlite("备份台账", e))?;
    }
    // Read from the copy, not the live ledger: the head and attachments are the copy's own.
    let head = if has_table(&tx, "audit_log")? { audit::head_in(&tx)? } else { None };
    let ledger_id = anchors::ledger_id_in(&tx)?;
    let folder = attachment_dir_of(db_path);
    let (mut count, mut missing) = (0usize, Vec::new());
    for (stored, sha, name) in attachment_rows(&tx)? {
        let Some(rel) = safe_relative(&stored) else {
            missing.push(format!("附件“{name}”的存放路径不合规（{stored}）"));
            continue;
        };
        let bytes = match read_limited(&folder.join(&rel)) {
            Some(b) if requests::sha256_hex_pub(&b) == sha => b,
            Some(_) => {
                missing.push(format!("附件“{name}”（{stored}）与登记时的 SHA-256 不一致，未备份"));
                continue;
            }
            None => {
                missing.push(format!("附件“{name}”（{stored}）的文件缺失，未备份"));
                continue;
            }
        };
        tx.execute(
            "INSERT INTO sqlar (name, mode, mtime, sz, data) VALUES (?1, ?2, strftime('%s', 'now'), ?3, ?4)",
            params![stored, 0o100600, bytes.len() as i64, bytes],
        )
        .map_err(|e| Error::sqlite("备份附件", e))?;
        count += 1;
    }
    let created = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
    let mut manifest: Vec<(String, String)> = vec![
        ("format".into(), "gongkai-backup-1".into()),
        ("kind".into(), kind.into()),
        ("created_at".into(), created),
        ("app_version".into(), env!("CARGO_PKG_VERSION").into()),
        ("attachments".into(), count.to_string()),
    ];
    if let Some(id) = &ledger_id {
        manifest.push(("ledger_id".into(), id.clone()));
    }
    if let Some(h) = &head {
        manifest.push(("head".into(), h.to_string()));
    }
    for (i, m) in missing.iter().enumerate() {
        manifest.push((format!("missing_{i}"), m.clone()));
    }
    for (k, v) in manifest {
        tx.execute("INSERT INTO backup_manifest (key, value) VALUES (?1, ?2)", params![k, v]).map_err(|e| Error::sqlite("备份台账", e))?;
    }
    tx.commit().map_err(|e| Error::sqlite("备份台账", e))?;
    if !missing.is_empty() {
        tracing::warn!(file = %out.display(), missing = ?missing, "backup written without some attachments");
    }
    Ok(Written { path: out.to_path_buf(), head, attachments: count, missing })
}

/// A regular file's bytes, at most the attachment size limit; None when absent or unreadable.
fn read_limited(path: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > requests::MAX_ATTACHMENT_BYTES as u64 {
        return None;
    }
    std::fs::read(path).ok()
}

/// Whether the file open on `conn` is a backup (has a manifest) rather than a ledger.
pub(crate) fn is_backup(conn: &Connection) -> Result<bool> {
    has_table(conn, "backup_manifest")
}

/// The manifest of a backup; for a plain copy of a ledger (older backups), what the copy itself
/// says: its identity and its head.
pub(crate) fn manifest(conn: &Connection) -> Result<Manifest> {
    if !is_backup(conn)? {
        return Ok(Manifest {
            ledger_id: anchors::ledger_id_in(conn)?,
            head: if has_table(conn, "audit_log")? { audit::head_in(conn)? } else { None },
            kind: String::new(),
            created_at: String::new(),
        });
    }
    let get = |k: &str| -> Result<Option<String>> {
        conn.query_row("SELECT value FROM backup_manifest WHERE key = ?1", [k], |r| r.get(0))
            .optional()
            .map_err(|e| Error::sqlite("读取备份清单", e))
    };
    Ok(Manifest {
        ledger_id: get("ledger_id")?,
        head: get("head")?.and_then(|h| Head::parse(&h).ok()),
        kind: get("kind")?.unwrap_or_default(),
        created_at: get("created_at")?.unwrap_or_default(),
    })
}

/// Every attachment of a live ledger against its SHA-256: the missing and altered ones, named.
pub fn check_attachments(ledger: &Ledger) -> Result<Vec<String>> {
    let folder = attachment_dir_of(ledger.path());
    let mut problems = Vec::new();
    for (stored, sha, name) in attachment_rows(ledger.conn())? {
        let path = safe_relative(&stored).map(|r| folder.join(r));
        match path.as_deref().and_then(read_limited) {
            None => problems.push(format!("附件缺失：“{name}”（{}）", folder.join(&stored).display())),
            Some(b) if requests::sha256_hex_pub(&b) != sha => {
                problems.push(format!("附件被改动：“{name}”（{}）与登记时的 SHA-256 不一致", folder.join(&stored).display()))
            }
            Some(_) => {}
        }
    }
    Ok(problems)
}

/// Every attachment a backup's ledger lists against the copy inside the backup.
pub fn check_backup_attachments(backup: &Ledger) -> Result<Vec<String>> {
    let conn = backup.conn();
    if !is_backup(conn)? {
        return Ok(Vec::new());
    }
    let mut problems = Vec::new();
    for (stored, sha, name) in attachment_rows(conn)? {
        let data: Option<Vec<u8>> = conn
            .query_row("SELECT data FROM sqlar WHERE name = ?1", [&stored], |r| r.get(0))
            .optional()
            .map_err(|e| Error::sqlite("读取备份中的附件", e))?;
        match data {
            None => problems.push(format!("备份中缺少附件“{name}”（{stored}）")),
            Some(b) if requests::sha256_hex_pub(&b) != sha => problems.push(format!("备份中的附件“{name}”（{stored}）与登记时的 SHA-256 不一致")),
            Some(_) => {}
        }
    }
    Ok(problems)
}

/// Writes the attachments held in `backup` into the attachments folder of the ledger at `db`:
/// a missing file is written, an identical one kept; a different file already there is moved
/// aside (never deleted) as `<name>.恢复前-<stamp>`. Returns how many files were written.
pub(crate) fn extract_attachments(backup: &Connection, db: &Path, stamp: &str) -> Result<usize> {
    if !is_backup(backup)? {
        return Ok(0);
    }
    let folder = attachment_dir_of(db);
    let mut stmt = backup.prepare("SELECT name, data FROM sqlar ORDER BY name").map_err(|e| Error::sqlite("读取备份中的附件", e))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))
        .map_err(|e| Error::sqlite("读取备份中的附件", e))?;
    let mut written = 0;
    for row in rows {
        let (name, data) = row.map_err(|e| Error::sqlite("读取备份中的附件", e))?;
        let Some(rel) = safe_relative(&name) else { continue };
        let target = folder.join(&rel);
        if let Some(parent) = target.parent() {
            private::own_dir(parent).map_err(|e| Error::io("创建附件文件夹", parent, e))?;
        }
        if let Ok(existing) = std::fs::read(&target) {
            if existing == data {
                continue;
            }
            let mut aside = target.as_os_str().to_owned();
            aside.push(format!(".恢复前-{stamp}"));
            std::fs::rename(&target, PathBuf::from(aside)).map_err(|e| Error::io("保留原附件", &target, e))?;
        }
        let mut tmp = target.as_os_str().to_owned();
        tmp.push(".restoring");
        let tmp = PathBuf::from(tmp);
        let _ = std::fs::remove_file(&tmp);
        let mut f = private::create_new(&tmp).map_err(|e| Error::io("恢复附件", &tmp, e))?;
        f.write_all(&data).and_then(|_| f.sync_all()).map_err(|e| Error::io("恢复附件", &tmp, e))?;
        std::fs::rename(&tmp, &target).map_err(|e| Error::io("恢复附件", &target, e))?;
        written += 1;
    }
    Ok(written)
}
