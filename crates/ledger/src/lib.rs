//! 台账文件：one SQLite file that is the single source of truth. Opening, migrating and the
//! queries of each table live here; nothing here knows about windows, IPC or the command line.

pub mod accounts;
pub mod anchors;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod backlog;
pub mod documents;
mod error;
pub mod info;
pub mod letters;
mod migrate;
pub mod report;
pub mod report_drill;
pub mod requests;
pub mod settings;
pub mod units;
pub mod submissions;
pub mod plans;
pub mod progress;
pub mod private;
mod sheet;
pub use sheet::ExportFormat;
mod sheet_guard;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use error::{Error, Result};
pub use migrate::{LATEST_VERSION, MIGRATIONS};

/// `PRAGMA application_id` of every ledger ("GKTZ"): tells our file from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x474B_545A;

/// How long a writer waits for another writer before giving up with a clear message.
pub const BUSY_TIMEOUT_MS: u32 = 5_000;

/// What [`Ledger::connection_settings`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionSettings {
    /// "wal" for a writable ledger
    pub journal_mode: String,
    pub foreign_keys: bool,
    /// "full": a committed write survives a crash of the machine
    pub synchronous: String,
    pub busy_timeout_ms: u32,
}

/// An open ledger: a connection with WAL, foreign keys and a busy timeout, migrated to
/// [`LATEST_VERSION`].
pub struct Ledger {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// This workstation's folder of anchors (anchors.rs); None: keep no record.
    workstation: Option<PathBuf>,
    /// The account signed in on this handle (accounts.rs).
    session: Option<accounts::Account>,
    /// The ledger was seen to have accounts: accounts are never deleted, so once true this stays
    /// true and `accounts::any` (asked before every write) need not query again.
    accounts_seen: std::cell::Cell<bool>,
}

impl Drop for Ledger {
    /// Closing a ledger it wrote to records its head in this workstation's record.
    fn drop(&mut self) {
        if !self.read_only {
            if let Some(dir) = self.workstation.clone() {
                anchors::record_close(&dir, self);
            }
        }
    }
}

impl Ledger {
    /// Opens the ledger at `path`, creating and migrating it when absent. A file that is not a
    /// ledger, or a ledger written by a newer version, is refused and left untouched.
    pub fn open(path: &Path) -> Result<Ledger> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            private::create_dir(parent).map_err(|e| Error::io("创建台账所在文件夹", parent, e))?;
        }
        // Look before touching: everything below this point may write to the file.
        if path.exists() {
            inspect_existing(path)?;
            keep_private(path);
        } else {
            // A new ledger is the owner's alone (0600) before SQLite writes a byte; SQLite gives
            // its -wal and -shm files the same permissions.
            match private::create_new(path) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => inspect_existing(path)?,
                Err(e) => return Err(Error::io("创建台账文件", path, e)),
            }
        }
        let conn = Connection::open(path).map_err(|e| Error::sqlite("打开台账", e))?;
        configure(&conn)?;
        let version = user_version(&conn)?;
        // An upgrade verifies first, changes nothing when the version was lowered behind the
        // app's back, and afterwards logs only what it changed itself (audit/verify.rs).
        let pre = if version < LATEST_VERSION { audit::pre_upgrade(&conn, version)? } else { Default::default() };
        if let Some(lowered) = &pre.lowered {
            return Err(Error::Conflict(format!("{lowered}；台账未升级，也未作任何改动。请核实后从备份恢复")));
        }
        // A migration rewrites a clerk's ledger: keep it as it was first.
        if version < LATEST_VERSION {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
            backup::before_migration(path, &conn, version, &stamp)?;
        }
        let mut ledger = Ledger { conn, path: path.to_path_buf(), read_only: false, workstation: anchors::workstation_dir(), session: None, accounts_seen: Default::default() };
        let migrated = migrate::apply(&mut ledger.conn)?;
        audit::install(&ledger.conn, audit::SYSTEM_OPERATOR)?;
        if migrated {
            // Schema changes alter rows' recorded shape: log the new state openly, as the system,
            // with what verification found before the upgrade.
            ledger.with_tx(|tx| {
                audit::baseline_after_upgrade(tx, &pre)?;
                let found = if pre.problems.is_empty() {
                    if pre.had_trail { "升级前校验：审计日志完好".to_string() } else { "升级前没有审计日志".to_string() }
                } else {
                    format!("升级前校验发现 {} 处问题，这些记录保持原样、继续标记：{}", pre.problems.len(), pre.problems.iter().take(20).cloned().collect::<Vec<_>>().join("；"))
                };
                let detail = serde_json::json!({ "from": version, "to": LATEST_VERSION, "verification": found }).to_string();
                audit::events::record_in(tx, audit::EventKind::Upgrade, &detail, 0).map(|_| ())
            })?;
        }
        audit::set_operator(&ledger.conn, &default_operator())?;
        accounts::sign_in_from_thread(&mut ledger)?;
        // Query-planner statistics for tables that have none yet or grew a lot since (a new index,
        // a big import): without them SQLite may sort a million requests for one page of the list.
        // `analysis_limit` keeps each ANALYZE to a sample, so this costs milliseconds.
        if let Err(e) = ledger.conn.execute_batch("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;") {
            tracing::warn!(error = %e, "PRAGMA optimize failed");
        }
        Ok(ledger)
    }

    /// Opens an existing ledger (a backup, say) read-only, without migrating it.
    pub fn open_read_only(path: &Path) -> Result<Ledger> {
        if !path.exists() {
            return Err(Error::NotFound(format!("文件不存在：{}", path.display())));
        }
        inspect_existing(path)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| Error::sqlite("以只读方式打开台账", e))?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS as u64))
            .map_err(|e| Error::sqlite("设置等待时间", e))?;
        Ok(Ledger { conn, path: path.to_path_buf(), read_only: true, workstation: anchors::workstation_dir(), session: None, accounts_seen: Default::default() })
    }

    /// Sets (or with None, stops) the folder of this workstation's record of anchors for this
    /// ledger; by default it is what `anchors::set_workstation_dir` chose for the thread.
    pub fn set_workstation_dir(&mut self, dir: Option<PathBuf>) {
        self.workstation = dir;
    }

    pub fn workstation_dir(&self) -> Option<&Path> {
        self.workstation.as_deref()
    }

    /// Records `operator` (操作人) on every following change.
    pub fn set_operator(&mut self, operator: &str) -> Result<()> {
        audit::set_operator(&self.conn, operator)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for this crate's modules only: every read and write from outside goes
    /// through the `Ledger` API, the store boundary (ARCHITECTURE.md).
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The settings this connection runs with (WAL, foreign keys, synchronous, busy timeout): the
    /// per-connection facts a second connection to the file cannot see.
    pub fn connection_settings(&self) -> Result<ConnectionSettings> {
        let text = |pragma: &str| -> Result<String> {
            self.conn
                .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get::<_, rusqlite::types::Value>(0))
                .map(|v| match v {
                    rusqlite::types::Value::Text(t) => t.to_lowercase(),
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    other => format!("{other:?}"),
                })
                .map_err(|e| Error::sqlite("读取台账参数", e))
        };
        let synchronous = match text("synchronous")?.as_str() {
            "0" => "off",
            "1" => "normal",
            "2" => "full",
            "3" => "extra",
            _ => "unknown",
        };
        Ok(ConnectionSettings {
            journal_mode: text("journal_mode")?,
            foreign_keys: text("foreign_keys")? == "1",
            synchronous: synchronous.to_string(),
            busy_timeout_ms: text("busy_timeout")?.parse().unwrap_or(0),
        })
    }

    /// Pages this connection has asked SQLite's pager for since it opened (cache hits plus
    /// misses, `SQLITE_DBSTATUS_CACHE_HIT` + `_MISS`): a count of the work a statement does that
    /// does not depend on the machine's speed, for tests that must notice work growing with the
    /// ledger (crates/ledger/tests/import_scaling.rs) and for the benchmark.
    pub fn pages_fetched(&self) -> u64 {
        let status = |op: i32| -> u64 {
            let (mut cur, mut high) = (0i32, 0i32);
            // SAFETY: the handle is this open connection's; sqlite3_db_status only reads counters.
            let rc = unsafe { rusqlite::ffi::sqlite3_db_status(self.conn.handle(), op, &mut cur, &mut high, 0) };
            if rc == rusqlite::ffi::SQLITE_OK { cur.max(0) as u64 } else { 0 }
        };
        status(rusqlite::ffi::SQLITE_DBSTATUS_CACHE_HIT) + status(rusqlite::ffi::SQLITE_DBSTATUS_CACHE_MISS)
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<u32> {
        user_version(&self.conn)
    }

    /// Runs `f` in an IMMEDIATE transaction: commits on `Ok`, rolls back on `Err`.
    pub(crate) fn with_tx<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| Error::sqlite("开始写入", e))?;
        let out = f(&tx)?;
        tx.commit().map_err(|e| Error::sqlite("提交写入", e))?;
        Ok(out)
    }

    /// Folds the write-ahead log back into the file and refreshes the planner's statistics (after
    /// a bulk load, so the next reader gets a compact file).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;")
            .map_err(|e| Error::sqlite("整理预写日志", e))
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`: an empty list means the file is sound.
    pub fn check_integrity(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check").map_err(|e| Error::sqlite("完整性检查", e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| Error::sqlite("完整性检查", e))?;
        for row in rows {
            let line = row.map_err(|e| Error::sqlite("完整性检查", e))?;
            if line != "ok" {
                problems.push(format!("完整性检查：{line}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check").map_err(|e| Error::sqlite("外键检查", e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))
            .map_err(|e| Error::sqlite("外键检查", e))?;
        for row in rows {
            let (table, rowid, parent) = row.map_err(|e| Error::sqlite("外键检查", e))?;
            problems.push(format!("外键检查：表 {table} 第 {} 行引用的 {parent} 记录不存在", rowid.unwrap_or(0)));
        }
        Ok(problems)
    }

    /// Whether the ledger holds any clerk data yet (used to keep `demo` off real ledgers).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM setting) + (SELECT count(*) FROM department)
                      + (SELECT count(*) FROM calendar_day) + (SELECT count(*) FROM calendar_year)
                      + (SELECT count(*) FROM document) + (SELECT count(*) FROM request)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| Error::sqlite("统计台账内容", e))?;
        Ok(n == 0)
    }
}

/// Makes an existing ledger readable by its owner only, as a new one is; a file this account may
/// not change (someone else's, a read-only share) is opened as it is, with a note in the log.
fn keep_private(path: &Path) {
    if let Err(e) = private::restrict(path, 0o600) {
        tracing::warn!(path = %path.display(), error = %e, "cannot make the ledger file owner-only");
    }
}

/// Refuses, without writing a byte, a file that is not a SQLite ledger of ours or that a newer
/// version of the app wrote.
///
/// The file is looked at through SQLite only, never through a `std::fs::File`: this runs while
/// the window's own connection may hold the ledger open (the daily backup opens a second,
/// read-only ledger on it), and closing any other descriptor of the file would drop that
/// connection's POSIX locks. Another process would then think nobody uses the ledger, checkpoint
/// and delete its WAL on closing, and the window's later writes would go to a deleted file.
fn inspect_existing(path: &Path) -> Result<()> {
    let len = std::fs::metadata(path).map_err(|e| Error::io("读取台账文件", path, e))?.len();
    if len == 0 {
        return Ok(()); // an empty file: SQLite treats it as a new database
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|_| Error::NotALedger(path.to_path_buf()))?;
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| Error::NotALedger(path.to_path_buf()))?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|_| Error::NotALedger(path.to_path_buf()))?;
    if app_id != APPLICATION_ID && !(app_id == 0 && tables == 0) {
        return Err(Error::NotALedger(path.to_path_buf()));
    }
    let version = user_version(&conn)?;
    if version > LATEST_VERSION {
        return Err(Error::TooNew { found: version, supported: LATEST_VERSION });
    }
    Ok(())
}

static DEFAULT_OPERATOR: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets, once per process, the 操作人 that ledgers opened from now on record (the CLI's
/// `--operator`); without it they record the login name.
pub fn set_default_operator(name: &str) {
    let _ = DEFAULT_OPERATOR.set(name.trim().to_string());
}

/// The one rule for the 操作人 a change is recorded under when nobody chose one in the window:
/// what `set_default_operator` set (the CLI's `--operator`), else the login name, else 系统.
/// Events and audit rows both take it, so they always name the same person.
pub fn default_operator() -> String {
    if let Some(name) = DEFAULT_OPERATOR.get().filter(|n| !n.is_empty()) {
        return name.clone();
    }
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| audit::SYSTEM_OPERATOR.to_string())
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS as u64))
        .map_err(|e| Error::sqlite("设置等待时间", e))?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| Error::sqlite("启用预写日志", e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(mode, "journal_mode is not WAL");
    }
    // FULL: a committed write survives a crash of the process and of the machine.
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
        .map_err(|e| Error::sqlite("设置台账参数", e))?;
    Ok(())
}

/// Whether the file open on `conn` has table `name` (older schemas, backups and foreign files lack some).
pub(crate) fn has_table(conn: &Connection, name: &str) -> Result<bool> {
    conn.query_row("SELECT count(*) FROM main.sqlite_schema WHERE type = 'table' AND name = ?1", [name], |r| r.get::<_, i64>(0))
        .map(|n| n > 0)
        .map_err(|e| Error::sqlite("读取台账结构", e))
}

pub(crate) fn user_version(conn: &Connection) -> Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map(|v| v as u32)
        .map_err(|e| Error::sqlite("读取台账版本", e))
}
