//! 锚点: the audit chain's head recorded where an editor of the ledger file cannot reach all of
//! them. Three places: every backup (its `backup_manifest`, backup.rs), this workstation's record
//! (`anchors.json` in the config folder, updated when a ledger that was written to closes and after
//! a verification that found nothing), and by hand (`--anchor N:HASH`, the code printed on
//! reports and letters). `gather` collects the first two for `audit verify`.
//!
//! A restore legitimately rewinds the chain: anchors of the replaced timeline then no longer stand.
//! Each restore records the head it replaced and the safety copy it kept; an anchor that fails is
//! accepted only if that copy holds it and ends at the recorded head.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Anchor, Head};
use crate::{backup, private, Error, Ledger, Result};

/// The workstation record's file name inside the config folder.
pub const FILE: &str = "anchors.json";

static PROCESS_DIR: OnceLock<PathBuf> = OnceLock::new();

thread_local! {
    static THREAD_DIR: RefCell<Option<Option<PathBuf>>> = const { RefCell::new(None) };
}

/// Sets, once per process, the config folder whose record ledgers opened from now on keep.
pub fn set_workstation_dir(dir: PathBuf) {
    let _ = PROCESS_DIR.set(dir);
}

/// Overrides the folder for ledgers opened on this thread (the CLI's `--config-dir`, which tests
/// running the CLI in-process set per test); None: keep no record on this thread.
pub fn set_thread_workstation_dir(dir: Option<PathBuf>) {
    THREAD_DIR.with(|d| *d.borrow_mut() = Some(dir));
}

/// The folder a ledger opened now keeps its record in.
pub fn workstation_dir() -> Option<PathBuf> {
    THREAD_DIR.with(|d| d.borrow().clone()).unwrap_or_else(|| PROCESS_DIR.get().cloned())
}

/// One ledger's entry in the workstation record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// Where the ledger was when last recorded (for people reading the file).
    pub path: String,
    pub entry: i64,
    pub hash: String,
    /// Local time of the record.
    pub at: String,
}

/// The ledger's identity (created once by migration 0011), None before it.
pub fn ledger_id(ledger: &Ledger) -> Result<Option<String>> {
    ledger_id_in(ledger.conn())
}

pub(crate) fn ledger_id_in(conn: &Connection) -> Result<Option<String>> {
    if !crate::has_table(conn, "ledger_identity")? {
        return Ok(None);
    }
    conn.query_row("SELECT ledger_id FROM ledger_identity WHERE id = 1", [], |r| r.get(0))
        .optional()
        .map_err(|e| Error::sqlite("读取台账标识", e))
}

/// The whole record: ledger id → its last recorded head.
pub fn read_record(dir: &Path) -> BTreeMap<String, Recorded> {
    std::fs::read_to_string(dir.join(FILE))
        .ok()
        .and_then(|t| serde_json::from_str(&t).map_err(|e| tracing::warn!(error = %e, "workstation anchors unreadable")).ok())
        .unwrap_or_default()
}

fn write_record(dir: &Path, record: &BTreeMap<String, Recorded>) -> Result<()> {
    private::create_dir(dir).map_err(|e| Error::io("创建本机记录文件夹", dir, e))?;
    let tmp = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let json = serde_json::to_string_pretty(record).unwrap_or_default();
    let write = || -> std::io::Result<()> {
        use std::io::Write;
        let mut f = private::create_new(&tmp)?;
        f.write_all(json.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, dir.join(FILE))
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io("保存本机审计锚点", &dir.join(FILE), e)
    })
}

/// Records `head` as this workstation's anchor for the ledger `id`.
pub fn record_head(dir: &Path, id: &str, path: &Path, head: &Head) -> Result<()> {
    let mut record = read_record(dir);
    record.insert(
        id.to_string(),
        Recorded {
            path: path.display().to_string(),
            entry: head.entry,
            hash: head.hash.clone(),
            at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        },
    );
    write_record(dir, &record)
}

/// The anchor this workstation recorded for the ledger `id`, if any.
pub fn recorded(dir: &Path, id: &str) -> Option<Anchor> {
    read_record(dir)
        .remove(id)
        .map(|r| Anchor { head: Head { entry: r.entry, hash: r.hash }, source: "本机记录".into() })
}

/// On closing a ledger that was written to: moves this workstation's anchor forward to the head,
/// but only when the previous anchor still stands in the chain (a ledger rewritten behind the
/// app's back must not overwrite the evidence against it). Never fails the close.
pub(crate) fn record_close(dir: &Path, ledger: &Ledger) {
    let run = || -> Result<()> {
        let (Some(id), Some(head)) = (ledger_id(ledger)?, audit::head(ledger)?) else { return Ok(()) };
        if let Some(previous) = recorded(dir, &id) {
            if previous.head == head {
                return Ok(());
            }
            if audit::verify::anchor_problem(ledger.conn(), &previous)?.is_some() {
                tracing::warn!(ledger = %ledger.path().display(), "the workstation's anchor no longer stands; not moving it");
                return Ok(());
            }
        }
        record_head(dir, &id, ledger.path(), &head)
    };
    if let Err(e) = run() {
        tracing::warn!(error = %e, "could not record the audit head for this workstation");
    }
}

/// Every anchor `audit verify` can find for `ledger`: the heads of the same ledger's backups in
/// its backups folder and this workstation's record (when `workstation` is given).
pub fn gather(ledger: &Ledger, workstation: Option<&Path>) -> Result<Vec<Anchor>> {
    let Some(id) = ledger_id(ledger)? else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for b in backup::list_all(ledger.path())? {
        if b.ledger_id.as_deref() != Some(id.as_str()) {
            continue;
        }
        if let Some(head) = b.head {
            out.push(Anchor { head, source: format!("备份“{}”", b.name) });
        }
    }
    if let Some(a) = workstation.and_then(|dir| recorded(dir, &id)) {
        out.push(a);
    }
    Ok(out)
}

/// A restore the ledger recorded: the head it replaced and the safety copy of what it replaced.
#[derive(Debug, Clone, Deserialize)]
struct RestoreRecord {
    replaced_head: Option<String>,
    safety_copy: Option<String>,
}

/// Whether a failed `anchor` belongs to a timeline a recorded restore replaced: a restore's
/// safety copy (in the backups folder) ends at the head the restore recorded as replaced, and
/// holds the anchor. Each anchor is checked against each recorded restore.
pub fn explained_by_restore(ledger: &Ledger, anchor: &Anchor) -> Result<bool> {
    let conn = ledger.conn();
    if !crate::has_table(conn, "ledger_event")? {
        return Ok(false);
    }
    let mut stmt = conn
        .prepare("SELECT detail FROM ledger_event WHERE kind = 'restore' ORDER BY id")
        .map_err(|e| Error::sqlite("读取台账事件", e))?;
    let details = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(|e| Error::sqlite("读取台账事件", e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::sqlite("读取台账事件", e))?;
    for detail in details {
        let Ok(rec) = serde_json::from_str::<RestoreRecord>(&detail) else { continue };
        let (Some(replaced), Some(copy)) = (rec.replaced_head, rec.safety_copy) else { continue };
        let Ok(replaced) = Head::parse(&replaced) else { continue };
        if anchor.head.entry > replaced.entry {
            continue;
        }
        let Ok(path) = backup::resolve(ledger.path(), &copy) else { continue };
        let Ok(old) = Ledger::open_read_only(&path) else { continue };
        if audit::head(&old)?.as_ref() != Some(&replaced) {
            continue;
        }
        if audit::verify::anchor_problem(old.conn(), anchor)?.is_none() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `audit verify` as the window and the command line run it: every anchor `gather` finds (this
/// ledger's workstation folder included) plus `given`, checked against the chain; on a clean
/// result this workstation's record moves to the head. Reads the ledger only.
pub fn verify_all(ledger: &Ledger, given: Vec<Anchor>) -> Result<audit::AuditReport> {
    let workstation = ledger.workstation_dir().map(Path::to_path_buf);
    let mut all = gather(ledger, workstation.as_deref())?;
    all.extend(given);
    let report = audit::verify_with(ledger, &all)?;
    if report.problems.is_empty() {
        if let (Some(dir), Some(id), Some(head)) = (workstation, ledger_id(ledger)?, report.head.as_ref()) {
            if let Err(e) = record_head(&dir, &id, ledger.path(), head) {
                tracing::warn!(error = %e, "could not record the audit head for this workstation");
            }
        }
    }
    Ok(report)
}
