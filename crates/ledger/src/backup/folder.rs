//! 备份到文件夹 (issue 23): a copy the clerk takes away, into a folder they pick (a USB drive):
//! `<folder>/政务公开台账备份-<stamp>-<id8>/` holding
//!
//! - `台账备份.db`: the usual one-file backup (file.rs: the ledger, every attachment in `sqlar`, a
//!   manifest with the audit anchor), which 设置 → 备份与恢复 and `gongkai restore` restore from;
//! - `附件/`: the attachments folder (`<ledger>-附件/`) as plain files, so they can be read on a
//!   computer without this app;
//! - `校验清单.txt`: `SHA-256  path` of every file, for checking the copy by hand (`sha256sum -c`).
//!
//! Everything is written under a `.part` name and renamed into place only when the copy has been
//! read back and verified: `integrity_check` on the copied ledger, its attachments against their
//! SHA-256, and each plain file against the ledger's SHA-256. A failed copy leaves nothing behind
//! but says why, in Chinese (not a folder, not writable, read-only, full). The backup is recorded
//! as a 台账事件 (`EventKind::Backup`). Files and folders are created owner-only (private.rs); a
//! FAT-formatted USB drive has no owners, which the clerk is told in 设置.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::file::{self, attachment_dir_of, attachment_rows, safe_relative};
use crate::audit::{self, EventKind};
use crate::{private, requests, Error, Ledger, Result};

/// The backup file's name inside the folder.
pub const FOLDER_LEDGER: &str = "台账备份.db";
/// The plain attachments' folder inside the folder.
pub const FOLDER_ATTACHMENTS: &str = "附件";
/// The checksum list inside the folder.
pub const FOLDER_CHECKSUMS: &str = "校验清单.txt";
/// Kept free on the target beyond the copy itself.
const SPARE_BYTES: u64 = 1 << 20;

/// Where a backup to a folder stands, for a progress bar (the window) or a line (the CLI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FolderProgress {
    /// 复制台账 / 复制附件 / 校验
    pub stage: String,
    #[ts(type = "number")]
    pub done_bytes: u64,
    #[ts(type = "number")]
    pub total_bytes: u64,
    /// The attachment being copied or checked, empty otherwise.
    pub file: String,
}

/// What a backup to a folder wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FolderBackup {
    /// The folder made inside the chosen one.
    pub folder: String,
    /// Attachments copied as plain files (and held in the backup file).
    pub attachments: usize,
    #[ts(type = "number")]
    pub bytes: u64,
    /// The audit chain's head in the copy, "N:HASH", empty for an empty log.
    pub head: String,
    /// Attachments the ledger lists that were missing or altered on disk: not in the copy.
    pub missing: Vec<String>,
}

/// A clear Chinese message for a failed write into the chosen folder.
pub fn folder_error(folder: &Path, e: &io::Error) -> Error {
    let shown = folder.display();
    let why = match e.kind() {
        io::ErrorKind::PermissionDenied => "没有写入权限（U 盘是否处于写保护状态？）".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "该磁盘是只读的（U 盘是否处于写保护状态？）".to_string(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "磁盘空间不足，请换一个有足够空间的 U 盘或文件夹".to_string(),
        io::ErrorKind::NotFound => "文件夹不存在（U 盘是否已拔出？）".to_string(),
        io::ErrorKind::NotADirectory => "这不是一个文件夹".to_string(),
        _ => format!("写入失败（{e}）"),
    };
    Error::Validation(format!("无法备份到“{shown}”：{why}。台账没有任何改动"))
}

/// Refuses a target without room for `needed` bytes (plus a little), naming both amounts.
pub fn check_space(folder: &Path, needed: u64, available: Option<u64>) -> Result<()> {
    match available {
        Some(free) if free < needed + SPARE_BYTES => Err(Error::Validation(format!(
            "无法备份到“{}”：磁盘空间不足，备份约需 {}，该磁盘只剩 {}。请换一个有足够空间的 U 盘或文件夹。台账没有任何改动",
            folder.display(),
            megabytes(needed + SPARE_BYTES),
            megabytes(free)
        ))),
        _ => Ok(()),
    }
}

fn megabytes(b: u64) -> String {
    format!("{:.1} MB", b as f64 / 1_048_576.0)
}

/// Bytes free for this account on the file system holding `dir`; None when unknown.
fn available_bytes(dir: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
        let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: `c` is a valid NUL-terminated path and `s` a writable statvfs.
        if unsafe { libc::statvfs(c.as_ptr(), &mut s) } != 0 {
            return None;
        }
        Some((s.f_bavail as u64).saturating_mul(s.f_frsize as u64))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// Copies the open ledger and its attachments into a new folder inside `target`, verifies the
/// copy and records it. `stamp` names the folder ("20261201-233000"); `progress` hears each step.
pub fn backup_to_folder(ledger: &mut Ledger, target: &Path, stamp: &str, progress: &mut dyn FnMut(&FolderProgress)) -> Result<FolderBackup> {
    match std::fs::metadata(target) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(folder_error(target, &io::Error::from(io::ErrorKind::NotADirectory))),
        Err(e) => return Err(folder_error(target, &e)),
    }
    let target = target.canonicalize().map_err(|e| folder_error(target, &e))?;
    let id = crate::anchors::ledger_id(ledger)?;
    let name = format!("政务公开台账备份-{stamp}-{}", super::short_id(id.as_deref()));
    let out = target.join(&name);
    if out.exists() {
        return Err(Error::Conflict(format!("“{}”中已有“{name}”，不会覆盖；请稍后再试", target.display())));
    }
    if out.starts_with(attachment_dir_of(ledger.path())) || out.starts_with(super::backups_dir(ledger.path())) {
        return Err(Error::Validation("请选择台账文件夹以外的位置（如 U 盘），备份不能放进台账自己的附件或备份文件夹".into()));
    }

    // What will be copied, and whether it fits: the backup file holds the ledger and every
    // attachment; the plain copies hold the attachments again.
    let folder = attachment_dir_of(ledger.path());
    let rows = attachment_rows(ledger.conn())?;
    let sizes: Vec<u64> = rows
        .iter()
        .map(|(stored, _, _)| safe_relative(stored).and_then(|r| std::fs::metadata(folder.join(r)).ok()).map_or(0, |m| m.len()))
        .collect();
    let attachment_bytes: u64 = sizes.iter().sum();
    let ledger_bytes = ledger_size(ledger)?;
    let total = ledger_bytes + 2 * attachment_bytes;
    check_space(&target, total, available_bytes(&target))?;

    let part = target.join(format!("{name}.part"));
    let result = (|| -> Result<FolderBackup> {
        std::fs::create_dir(&part).map_err(|e| folder_error(&target, &e))?;
        private::restrict(&part, 0o700).map_err(|e| folder_error(&target, &e))?;
        let mut done = 0u64;
        let mut say = |stage: &str, done: u64, file: &str| progress(&FolderProgress { stage: stage.into(), done_bytes: done, total_bytes: total, file: file.into() });
        say("复制台账", 0, "");
        let written = file::write(ledger, &part.join(FOLDER_LEDGER), "备份到文件夹").map_err(|e| on_write(&target, e))?;
        done += ledger_bytes + attachment_bytes;
        say("复制附件", done, "");

        let mut sums = Vec::new();
        let mut copied = 0usize;
        for ((stored, sha, file_name), size) in rows.iter().zip(&sizes) {
            if written.missing.iter().any(|m| m.contains(&format!("（{stored}）"))) {
                continue;
            }
            let Some(rel) = safe_relative(stored) else { continue };
            let to = part.join(FOLDER_ATTACHMENTS).join(&rel);
            copy_checked(&folder.join(&rel), &to, sha).map_err(|e| match e {
                Copy::Io(e) => folder_error(&target, &e),
                Copy::Changed => Error::Validation(format!("附件“{file_name}”在复制时与登记时的 SHA-256 不一致，备份已停止")),
            })?;
            sums.push(format!("{sha}  {FOLDER_ATTACHMENTS}/{stored}"));
            copied += 1;
            done += size;
            say("复制附件", done, file_name);
        }

        // Read everything back from the target before calling it a backup.
        say("校验", done, "");
        let summary = super::inspect(&part.join(FOLDER_LEDGER))?;
        // Attachments already missing or altered in the ledger are named in `missing`, not here.
        let left_out = |p: &String| rows.iter().any(|(stored, _, _)| p.contains(&format!("（{stored}）")) && !sums.iter().any(|l| l.ends_with(&format!("/{stored}"))));
        if let Some(p) = summary.problems.iter().find(|p| !left_out(p)) {
            return Err(Error::Validation(format!("备份校验未通过：{p}。请换一个 U 盘或文件夹再试")));
        }
        for ((stored, sha, file_name), _) in rows.iter().zip(&sizes) {
            if !sums.iter().any(|l| l.ends_with(&format!("/{stored}"))) {
                continue;
            }
            let to = part.join(FOLDER_ATTACHMENTS).join(safe_relative(stored).expect("checked above"));
            match sha256_file(&to) {
                Ok(got) if &got == sha => {}
                Ok(_) => return Err(Error::Validation(format!("备份校验未通过：复制的附件“{file_name}”与原件不一致。请换一个 U 盘或文件夹再试"))),
                Err(e) => return Err(folder_error(&target, &e)),
            }
        }
        let ledger_sha = sha256_file(&part.join(FOLDER_LEDGER)).map_err(|e| folder_error(&target, &e))?;
        sums.insert(0, format!("{ledger_sha}  {FOLDER_LEDGER}"));
        let mut list = private::create_new(&part.join(FOLDER_CHECKSUMS)).map_err(|e| folder_error(&target, &e))?;
        list.write_all((sums.join("\n") + "\n").as_bytes()).and_then(|_| list.sync_all()).map_err(|e| folder_error(&target, &e))?;
        say("校验", total, "");
        Ok(FolderBackup {
            folder: out.display().to_string(),
            attachments: copied,
            bytes: total,
            head: written.head.map(|h| h.to_string()).unwrap_or_default(),
            missing: written.missing,
        })
    })();
    let done = match result {
        Ok(done) => done,
        Err(e) => {
            // Our own unfinished copy, never a record: nothing of it is kept.
            let _ = std::fs::remove_dir_all(&part);
            return Err(e);
        }
    };
    std::fs::rename(&part, &out).map_err(|e| folder_error(&target, &e))?;
    let _ = std::fs::File::open(&target).and_then(|d| d.sync_all());
    let missing = if done.missing.is_empty() { String::new() } else { format!("；{} 个附件缺失或被改动，未备份", done.missing.len()) };
    audit::events::record(
        ledger,
        EventKind::Backup,
        &format!("备份到文件夹“{}”：台账和 {} 个附件，已校验{missing}", done.folder, done.attachments),
        done.attachments as u64,
    )?;
    Ok(done)
}

/// The ledger file's size as SQLite sees it (pages × page size).
fn ledger_size(ledger: &Ledger) -> Result<u64> {
    let conn = ledger.conn();
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).map_err(|e| Error::sqlite("读取台账大小", e))?;
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).map_err(|e| Error::sqlite("读取台账大小", e))?;
    Ok((pages.max(0) as u64) * (size.max(0) as u64))
}

/// A write failure of the backup file: an I/O error becomes the folder's message.
fn on_write(target: &Path, e: Error) -> Error {
    match e {
        Error::Io { source, .. } => folder_error(target, &source),
        other => other,
    }
}

enum Copy {
    Io(io::Error),
    Changed,
}

/// Copies `from` to the new file `to` (owner-only), refusing bytes whose SHA-256 is not `sha`.
fn copy_checked(from: &Path, to: &Path, sha: &str) -> std::result::Result<(), Copy> {
    if let Some(parent) = to.parent() {
        private::create_dir(parent).map_err(Copy::Io)?;
    }
    let bytes = std::fs::read(from).map_err(Copy::Io)?;
    if requests::sha256_hex_pub(&bytes) != sha {
        return Err(Copy::Changed);
    }
    let mut f = private::create_new(to).map_err(Copy::Io)?;
    f.write_all(&bytes).and_then(|_| f.sync_all()).map_err(Copy::Io)
}

fn sha256_file(path: &Path) -> io::Result<String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    Ok(requests::sha256_hex_pub(&bytes))
}

/// The folders a backup to a folder made inside `target`, newest first (for tests and 设置).
pub fn folder_backups(target: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(target)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_dir() && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("政务公开台账备份-") && !n.ends_with(".part")))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.reverse();
    out
}
