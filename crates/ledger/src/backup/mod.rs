//! 备份与恢复: one file per backup (file.rs: the ledger, its attachments and a manifest naming the
//! ledger and the audit chain's head); the automatic copies (at start and every few hours while
//! the window is open, before every migration) kept in `backups/` beside the ledger with rotation
//! (the newest of each of 7 days, 4 weeks, 12 months); listing and read-only inspection for 设置,
//! only of the same ledger's backups; a copy into a folder the clerk picks, a USB drive
//! (folder.rs, verified after writing); and a restore (restore.rs) into the live connection.

mod file;
mod folder;
mod restore;

pub use file::{attachment_dir_of, check_attachments, check_backup_attachments, write, Manifest, Written};
pub use folder::{backup_to_folder, check_space, folder_backups, folder_error, FolderBackup, FolderProgress, FOLDER_ATTACHMENTS, FOLDER_CHECKSUMS, FOLDER_LEDGER};
pub use restore::{restore_into, RestoreOutcome};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
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

/// Copies the open ledger, its attachments and a manifest to `out` while it stays usable.
pub fn backup_to(ledger: &Ledger, out: &Path) -> Result<Written> {
    file::write(ledger, out, "手动")
}

/// Where the copies of a ledger go: `backups/` beside it (0700).
pub fn backups_dir(ledger_path: &Path) -> PathBuf {
    ledger_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// The first 8 hex digits of a ledger's identity, as backup names and messages carry it; 未标明
/// for a ledger older than identities.
pub fn short_id(id: Option<&str>) -> String {
    id.map(|i| i[..i.len().min(8)].to_string()).unwrap_or_else(|| "未标明".into())
}

/// `backups/<prefix><stamp>-<id8>.db` for the ledger open on `conn` at `db_path`; a ledger older
/// than identities is named by its file name instead (`-<file name>`).
fn named(db_path: &Path, conn: &Connection, prefix: &str, stamp: &str) -> Result<PathBuf> {
    let id = crate::anchors::ledger_id_in(conn)?;
    let dir = backups_dir(db_path);
    crate::private::own_dir(&dir).map_err(|e| Error::io("创建备份文件夹", &dir, e))?;
    let owner = match id {
        Some(id) => format!("-{}", short_id(Some(&id))),
        None => {
            let stem = db_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let stem: String = stem.chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\')).take(40).collect();
            if stem.is_empty() { String::new() } else { format!("-{stem}") }
        }
    };
    Ok(dir.join(format!("{prefix}{stamp}{owner}.db")))
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

/// When an automatic backup was made and whose it is, from its file name
/// (`自动备份-2025-06-02-1430-ab12cd34.db`; older ones: `自动备份-2025-06-02.db`).
fn auto_stamp(name: &str) -> Option<(NaiveDateTime, Option<String>)> {
    let rest = name.strip_prefix(DAILY_PREFIX)?.strip_suffix(".db")?;
    let date = NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = &rest[10..];
    if rest.is_empty() {
        return Some((date.and_hms_opt(0, 0, 0)?, None));
    }
    let time = chrono::NaiveTime::parse_from_str(rest.get(1..5)?, "%H%M").ok()?;
    let id = rest.get(6..).filter(|i| !i.is_empty()).map(str::to_string);
    Some((date.and_time(time), id))
}

/// Hours between automatic backups while the window is open (设置 may change it).
pub const DEFAULT_INTERVAL_HOURS: u32 = 4;

/// The automatic backup: copies the ledger at `db_path` into
/// `backups/自动备份-<date>-<HHMM>-<id8>.db` when this ledger's newest automatic backup is
/// `interval_hours` or more older than `now` (or there is none, or it is from the future: the
/// clock was changed), then rotates this ledger's automatic copies. The window calls it at start
/// and every few minutes; `now` is injected so that tests can drive the clock. Opens its own
/// read-only connection, so it may run on a background thread while the window works.
pub fn auto_backup(db_path: &Path, now: NaiveDateTime, interval_hours: u32) -> Result<Option<PathBuf>> {
    auto_backup_every(db_path, now, Some(interval_hours))
}

/// [`auto_backup`] at the interval the ledger's setting asks for (自动备份间隔), read on the same
/// read-only handle: the window's backup thread opens the ledger once per look at the clock.
pub fn auto_backup_as_set(db_path: &Path, now: NaiveDateTime) -> Result<Option<PathBuf>> {
    auto_backup_every(db_path, now, None)
}

fn auto_backup_every(db_path: &Path, now: NaiveDateTime, interval_hours: Option<u32>) -> Result<Option<PathBuf>> {
    if !db_path.exists() {
        return Ok(None);
    }
    let ledger = Ledger::open_read_only(db_path)?;
    if ledger.is_empty()? {
        return Ok(None);
    }
    let interval_hours = match interval_hours {
        Some(h) => h,
        None => crate::settings::backup_interval_hours(&ledger).unwrap_or(DEFAULT_INTERVAL_HOURS),
    };
    let id = crate::anchors::ledger_id_in(ledger.conn())?;
    let dir = backups_dir(db_path);
    let newest = autos(&dir, id.as_deref()).into_iter().map(|(t, _)| t).max();
    let due = match newest {
        None => true,
        Some(t) => t > now || now - t >= chrono::Duration::hours(interval_hours.max(1) as i64),
    };
    let made = if due {
        let target = named(db_path, ledger.conn(), DAILY_PREFIX, &now.format("%Y-%m-%d-%H%M").to_string())?;
        if target.exists() {
            None
        } else {
            file::write_from(ledger.conn(), db_path, &target, "自动")?;
            tracing::info!(file = %target.display(), "automatic backup written");
            Some(target)
        }
    } else {
        None
    };
    rotate(&dir, id.as_deref())?;
    Ok(made)
}

/// The automatic backups of ledger `id` in `dir`: (when, path).
fn autos(dir: &Path, id: Option<&str>) -> Vec<(NaiveDateTime, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let short = id.map(|i| short_id(Some(i)));
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let (t, owner) = auto_stamp(e.file_name().to_str()?)?;
            (owner.is_some() && owner == short).then(|| (t, e.path()))
        })
        .collect()
}

/// Deletes this ledger's automatic copies that rotation lets go: of each day only the newest is
/// kept, and of the days only those `rotation_keep` keeps. Logs each one.
fn rotate(dir: &Path, id: Option<&str>) -> Result<Vec<PathBuf>> {
    let mut all = autos(dir, id);
    all.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
    let keep_days = rotation_keep(&all.iter().map(|(t, _)| t.date()).collect::<Vec<_>>());
    let mut seen = BTreeSet::new();
    let mut removed = Vec::new();
    for (t, path) in all {
        let newest_of_day = seen.insert(t.date());
        if newest_of_day && keep_days.contains(&t.date()) {
            continue;
        }
        std::fs::remove_file(&path).map_err(|e| Error::io("删除过期的自动备份", &path, e))?;
        tracing::info!(file = %path.display(), "rotated out an old automatic backup");
        removed.push(path);
    }
    Ok(removed)
}

/// Before a migration changes an existing ledger that holds data, copy it as it is into
/// `backups/升级前-v<version>-<stamp>[-<id8>].db`. `conn` is the ledger's own connection, not yet
/// migrated. Returns the copy, or None when there is nothing to keep (new or empty ledger).
pub(crate) fn before_migration(path: &Path, conn: &Connection, version: u32, stamp: &str) -> Result<Option<PathBuf>> {
    if version == 0 || version >= LATEST_VERSION || !has_rows(conn)? {
        return Ok(None);
    }
    let out = named(path, conn, MIGRATION_PREFIX, &format!("v{version}-{stamp}"))?;
    file::write_from(conn, path, &out, "升级前").map_err(|e| {
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
    // The ledger's identity is written by a migration, not by a clerk: alone it is no data.
    let tables = tables
        .into_iter()
        .filter(|t| t != "ledger_identity")
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

/// A manual backup (设置 → 立即备份, `gongkai backup` without `--out`):
/// `backups/手动备份-<stamp>-<id8>.db`.
pub fn backup_now(ledger: &Ledger, stamp: &str) -> Result<PathBuf> {
    let out = named(ledger.path(), ledger.conn(), MANUAL_PREFIX, stamp)?;
    if out.exists() {
        return Err(Error::Conflict("同一秒内已备份过一次，请稍后再试".into()));
    }
    file::write(ledger, &out, "手动")?;
    Ok(out)
}

/// One file in `backups/`, as 设置 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupFile {
    /// File name inside `backups/`; the handle the window uses to restore or inspect it.
    pub name: String,
    /// 自动 / 手动 / 升级前 / 恢复前 / 其他
    pub kind: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// Last modified, local time, "YYYY-MM-DD HH:MM:SS".
    pub modified: String,
    /// The identity of the ledger it copies; None for backups older than identities.
    pub ledger_id: Option<String>,
    /// The audit chain's head in the copy: an anchor for `audit verify`.
    pub head: Option<crate::audit::Head>,
}

fn kind_of(name: &str) -> &'static str {
    if name.starts_with(DAILY_PREFIX) {
        "自动"
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

/// The backups of the ledger at `db_path` in `backups/` beside it, newest first: those naming
/// its identity, and older ones that name none (kind 旧备份). Other ledgers' backups in the same
/// folder are not listed.
pub fn list(db_path: &Path) -> Result<Vec<BackupFile>> {
    let own = if db_path.exists() { Ledger::open_read_only(db_path).ok().and_then(|l| crate::anchors::ledger_id(&l).ok().flatten()) } else { None };
    Ok(list_all(db_path)?
        .into_iter()
        .filter(|b| b.ledger_id.is_none() || b.ledger_id == own)
        .map(|mut b| {
            if b.ledger_id.is_none() {
                b.kind = "旧备份（未标明所属台账）".into();
            }
            b
        })
        .collect())
}

/// Every `.db` file in `backups/` beside the ledger at `db_path`, whoever's, newest first.
pub fn list_all(db_path: &Path) -> Result<Vec<BackupFile>> {
    let dir = backups_dir(db_path);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
    let mut out: Vec<(std::time::SystemTime, BackupFile)> = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        if !name.ends_with(".db") {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
        let local: chrono::DateTime<chrono::Local> = modified.into();
        let manifest = Ledger::open_read_only(&entry.path()).ok().and_then(|l| file::manifest(l.conn()).ok()).unwrap_or_default();
        out.push((
            modified,
            BackupFile {
                kind: kind_of(&name).into(),
                name,
                size_bytes: meta.len(),
                modified: local.format("%Y-%m-%d %H:%M:%S").to_string(),
                ledger_id: manifest.ledger_id,
                head: manifest.head,
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

/// Whether the file at `path` is a backup (it has a manifest) rather than a ledger: a cheap look,
/// read-only.
pub fn is_backup_file(path: &Path) -> Result<bool> {
    let ledger = Ledger::open_read_only(path)?;
    file::is_backup(ledger.conn())
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
    /// The identity of the ledger it is or copies.
    pub ledger_id: Option<String>,
    /// The audit chain's head in it.
    pub head: Option<crate::audit::Head>,
    /// A backup (with attachments and a manifest) rather than a ledger.
    pub is_backup: bool,
    #[ts(type = "number")]
    pub attachments: i64,
    /// `integrity_check` and `foreign_key_check` findings, and for a backup the attachments it
    /// lacks or holds altered; empty when sound.
    pub problems: Vec<String>,
}

/// Opens the ledger at `path` read-only (no migration, no write) and
/// summarises it.
pub fn inspect(path: &Path) -> Result<LedgerSummary> {
    let ledger = Ledger::open_read_only(path)?;
    let conn = ledger.conn();
    let has_table = |t: &str| crate::has_table(conn, t);
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
    let manifest = file::manifest(conn)?;
    let is_backup = file::is_backup(conn)?;
    let mut problems = ledger.check_integrity()?;
    if problems.is_empty() {
        problems.extend(check_backup_attachments(&ledger)?);
    }
    Ok(LedgerSummary {
        name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        schema_version: ledger.schema_version()?,
        supported_version: LATEST_VERSION,
        organ_name,
        requests: count("request")?,
        documents: count("document")?,
        audit_entries: count("audit_log")?,
        last_change,
        ledger_id: manifest.ledger_id,
        head: manifest.head,
        is_backup,
        attachments: count("attachment")? + count("plan_evidence")?,
        problems,
    })
}
