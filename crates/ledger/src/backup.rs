//! 备份与恢复: an online copy of the ledger through SQLite's backup API; the automatic copies
//! (the first start of each day, before every migration) kept in `backups/` beside the ledger
//! with rotation (7 daily, 4 weekly, 12 monthly); listing and read-only inspection of backups for
//! 设置; and a restore that checks the file first and keeps a copy of the ledger it replaces.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Ledger, Result, LATEST_VERSION};

/// File-name prefixes of the copies in `backups/`; the kind of a backup is read from its name.
pub const DAILY_PREFIX: &str = "自动备份-";
pub const MANUAL_PREFIX: &str = "手动备份-";
pub const MIGRATION_PREFIX: &str = "升级前-";
pub const RESTORE_PREFIX: &str = "恢复前-";

/// How many automatic daily backups rotation keeps: the newest of each of the last N days,
/// weeks and months that have one.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 12;

/// Copies the open ledger to `out` while it stays usable (SQLite's online backup).
pub fn backup_to(ledger: &Ledger, out: &Path) -> Result<()> {
    copy_connection(ledger.conn(), out)
}

fn copy_connection(src: &Connection, out: &Path) -> Result<()> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("创建备份文件夹", parent, e))?;
    }
    let tmp = out.with_extension("part");
    let _ = std::fs::remove_file(&tmp);
    {
        let mut dst = Connection::open(&tmp).map_err(|e| Error::sqlite("创建备份文件", e))?;
        {
            let backup = Backup::new(src, &mut dst).map_err(|e| Error::sqlite("备份台账", e))?;
            backup
                .run_to_completion(256, std::time::Duration::from_millis(5), None)
                .map_err(|e| Error::sqlite("备份台账", e))?;
        }
        // A backup is one self-contained file: no WAL beside it.
        dst.execute_batch("PRAGMA journal_mode = DELETE;").map_err(|e| Error::sqlite("备份台账", e))?;
    }
    std::fs::rename(&tmp, out).map_err(|e| Error::io("保存备份文件", out, e))?;
    Ok(())
}

/// Where the copy of a ledger replaced by a restore goes: `backups/` beside it.
pub fn backups_dir(ledger_path: &Path) -> PathBuf {
    ledger_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// Checks `from` (a ledger of ours, sound, not newer than this program), backs up the ledger at
/// `to` if there is one, then replaces it. Returns the path of that safety copy, if any.
pub fn restore(from: &Path, to: &Path, stamp: &str) -> Result<Option<PathBuf>> {
    let candidate = Ledger::open_read_only(from)?;
    let problems = candidate.check_integrity()?;
    if !problems.is_empty() {
        return Err(Error::Validation(format!("备份文件未通过完整性检查：{}", problems.join("；"))));
    }
    drop(candidate);
    let safety = if to.exists() {
        let current = Ledger::open(to)?;
        let dest = backups_dir(to).join(format!("{RESTORE_PREFIX}{stamp}.db"));
        backup_to(&current, &dest)?;
        Some(dest)
    } else {
        None
    };
    let tmp = to.with_extension("restoring");
    std::fs::copy(from, &tmp).map_err(|e| Error::io("复制备份文件", from, e))?;
    for suffix in ["-wal", "-shm"] {
        let mut side = to.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&tmp, to).map_err(|e| Error::io("替换台账文件", to, e))?;
    // Opening migrates a restored older ledger forward, like any other.
    Ledger::open(to)?;
    Ok(safety)
}

/// Which automatic daily backups rotation keeps, by date (one backup per day by construction):
/// the newest of each of the last 7 days, of the last 4 ISO weeks and of the last 12 months that
/// have a backup. Everything else may go. Pure, so that the rule is tested by a table.
pub fn rotation_keep(dates: &[NaiveDate]) -> BTreeSet<NaiveDate> {
    let mut sorted: Vec<NaiveDate> = dates.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.dedup();
    let mut keep: BTreeSet<NaiveDate> = sorted.iter().take(KEEP_DAILY).copied().collect();
    let newest_per = |key: &dyn Fn(&NaiveDate) -> (i32, u32), n: usize| -> Vec<NaiveDate> {
        let mut by: BTreeMap<(i32, u32), NaiveDate> = BTreeMap::new();
        for d in &sorted {
            by.entry(key(d)).or_insert(*d); // `sorted` is newest first
        }
        by.into_values().rev().take(n).collect()
    };
    keep.extend(newest_per(&|d| (d.iso_week().year(), d.iso_week().week()), KEEP_WEEKLY));
    keep.extend(newest_per(&|d| (d.year(), d.month()), KEEP_MONTHLY));
    keep
}

/// The date of an automatic daily backup, from its file name (`自动备份-2025-06-02.db`).
fn daily_date(name: &str) -> Option<NaiveDate> {
    let date = name.strip_prefix(DAILY_PREFIX)?.strip_suffix(".db")?;
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// The automatic backup of the first start of `today`: copies the ledger at `db_path` into
/// `backups/自动备份-<today>.db` unless today's copy exists (or the ledger is missing or still
/// empty), then rotates the daily copies. Other backups (manual, before a migration or a restore)
/// are never rotated away. Opens its own read-only connection, so the shell can run it on a
/// background thread while the window works. Returns the new copy, if one was made.
pub fn daily_backup(db_path: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    if !db_path.exists() {
        return Ok(None);
    }
    let dir = backups_dir(db_path);
    let target = dir.join(format!("{DAILY_PREFIX}{}.db", today.format("%Y-%m-%d")));
    let made = if target.exists() {
        None
    } else {
        let ledger = Ledger::open_read_only(db_path)?;
        if ledger.is_empty()? {
            return Ok(None);
        }
        backup_to(&ledger, &target)?;
        tracing::info!(file = %target.display(), "daily backup written");
        Some(target)
    };
    rotate(&dir)?;
    Ok(made)
}

/// Deletes the automatic daily copies that `rotation_keep` lets go; logs each one.
fn rotate(dir: &Path) -> Result<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(Vec::new()) };
    let daily: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((daily_date(e.file_name().to_str()?)?, e.path())))
        .collect();
    let keep = rotation_keep(&daily.iter().map(|(d, _)| *d).collect::<Vec<_>>());
    let mut removed = Vec::new();
    for (date, path) in daily {
        if !keep.contains(&date) {
            std::fs::remove_file(&path).map_err(|e| Error::io("删除过期的自动备份", &path, e))?;
            tracing::info!(file = %path.display(), "rotated out an old daily backup");
            removed.push(path);
        }
    }
    Ok(removed)
}

/// Before a migration changes an existing ledger that holds data, copy it as it is into
/// `backups/升级前-v<version>-<stamp>.db`. `conn` is the ledger's own connection, not yet
/// migrated. Returns the copy, or None when there is nothing to keep (new or empty ledger).
pub(crate) fn before_migration(path: &Path, conn: &Connection, version: u32, stamp: &str) -> Result<Option<PathBuf>> {
    if version == 0 || version >= LATEST_VERSION || !has_rows(conn)? {
        return Ok(None);
    }
    let out = backups_dir(path).join(format!("{MIGRATION_PREFIX}v{version}-{stamp}.db"));
    copy_connection(conn, &out).map_err(|e| {
        tracing::error!(error = %e, "backup before migration failed");
        Error::Conflict(format!("升级台账结构前的备份失败（{e}），台账未升级，也未作任何改动"))
    })?;
    tracing::info!(file = %out.display(), version, "backup before migration written");
    Ok(Some(out))
}

/// Whether any table of the file holds a row (whatever its schema version). Full-text indexes
/// and their shadow tables do not count: an empty index still has its configuration rows.
fn has_rows(conn: &Connection) -> Result<bool> {
    let names = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql).map_err(|e| Error::sqlite("读取台账结构", e))?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(|e| Error::sqlite("读取台账结构", e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| Error::sqlite("读取台账结构", e))
    };
    let virtual_tables = names("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")?;
    let tables = names("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?;
    let tables = tables
        .into_iter()
        .filter(|t| !virtual_tables.iter().any(|v| t == v || t.starts_with(&format!("{v}_"))));
    for t in tables {
        let any: Option<i64> = conn
            .query_row(&format!("SELECT 1 FROM \"{t}\" LIMIT 1"), [], |r| r.get(0))
            .optional()
            .map_err(|e| Error::sqlite("读取台账", e))?;
        if any.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A manual backup (设置 → 立即备份): `backups/手动备份-<stamp>.db`.
pub fn backup_now(ledger: &Ledger, stamp: &str) -> Result<PathBuf> {
    let out = backups_dir(ledger.path()).join(format!("{MANUAL_PREFIX}{stamp}.db"));
    if out.exists() {
        return Err(Error::Conflict("同一秒内已备份过一次，请稍后再试".into()));
    }
    backup_to(ledger, &out)?;
    Ok(out)
}

/// One file in `backups/`, as 设置 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupFile {
    /// File name inside `backups/`; the handle the window uses to restore or inspect it.
    pub name: String,
    /// 每日自动 / 手动 / 升级前 / 恢复前 / 其他
    pub kind: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// Last modified, local time, "YYYY-MM-DD HH:MM:SS".
    pub modified: String,
}

fn kind_of(name: &str) -> &'static str {
    if name.starts_with(DAILY_PREFIX) {
        "每日自动"
    } else if name.starts_with(MANUAL_PREFIX) {
        "手动"
    } else if name.starts_with(MIGRATION_PREFIX) {
        "升级前"
    } else if name.starts_with(RESTORE_PREFIX) {
        "恢复前"
    } else {
        "其他"
    }
}

/// The `.db` files in `backups/` beside the ledger at `db_path`, newest first.
pub fn list(db_path: &Path) -> Result<Vec<BackupFile>> {
    let dir = backups_dir(db_path);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
    let mut out: Vec<(std::time::SystemTime, BackupFile)> = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        if !name.ends_with(".db") {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
        let local: chrono::DateTime<chrono::Local> = modified.into();
        out.push((
            modified,
            BackupFile {
                kind: kind_of(&name).into(),
                name,
                size_bytes: meta.len(),
                modified: local.format("%Y-%m-%d %H:%M:%S").to_string(),
            },
        ));
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.name.cmp(&a.1.name)));
    Ok(out.into_iter().map(|(_, f)| f).collect())
}

/// The path of backup `name` beside the ledger at `db_path`. Only a plain file name of an
/// existing `.db` in `backups/` is accepted: the window never names arbitrary paths.
pub fn resolve(db_path: &Path, name: &str) -> Result<PathBuf> {
    let plain = !name.is_empty()
        && !name.contains(['/', '\\'])
        && !name.starts_with('.')
        && name.ends_with(".db")
        && Path::new(name).file_name().and_then(|n| n.to_str()) == Some(name);
    let path = backups_dir(db_path).join(name);
    if !plain || !path.is_file() {
        return Err(Error::NotFound(format!("备份文件“{}”不存在", crate::sheet::clip(name))));
    }
    Ok(path)
}

/// What a backup holds, read without changing it (设置 → 只读查看, `gongkai check --read-only`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LedgerSummary {
    pub name: String,
    pub schema_version: u32,
    pub supported_version: u32,
    /// 机关名称, empty when not set.
    pub organ_name: String,
    #[ts(type = "number")]
    pub requests: i64,
    #[ts(type = "number")]
    pub documents: i64,
    #[ts(type = "number")]
    pub audit_entries: i64,
    /// Newest change logged, "YYYY-MM-DDTHH:MM:SS…Z", empty when none.
    pub last_change: String,
    /// `integrity_check` and `foreign_key_check` findings; empty when sound.
    pub problems: Vec<String>,
}

/// Opens the ledger at `path` read-only (no migration, no write) and
/// summarises it.
pub fn inspect(path: &Path) -> Result<LedgerSummary> {
    let ledger = Ledger::open_read_only(path)?;
    let conn = ledger.conn();
    let has_table = |t: &str| -> Result<bool> {
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", [t], |r| r.get::<_, i64>(0))
            .map(|n| n > 0)
            .map_err(|e| Error::sqlite("读取备份", e))
    };
    let count = |t: &str| -> Result<i64> {
        if !has_table(t)? {
            return Ok(0);
        }
        conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).map_err(|e| Error::sqlite("读取备份", e))
    };
    let organ_name = if has_table("setting")? {
        crate::settings::get(conn, crate::settings::KEY_ORGAN_NAME)?.unwrap_or_default()
    } else {
        String::new()
    };
    let last_change = if has_table("audit_log")? {
        conn.query_row("SELECT coalesce(max(at), '') FROM audit_log", [], |r| r.get(0)).map_err(|e| Error::sqlite("读取备份", e))?
    } else {
        String::new()
    };
    Ok(LedgerSummary {
        name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        schema_version: ledger.schema_version()?,
        supported_version: LATEST_VERSION,
        organ_name,
        requests: count("request")?,
        documents: count("document")?,
        audit_entries: count("audit_log")?,
        last_change,
        problems: ledger.check_integrity()?,
    })
}
