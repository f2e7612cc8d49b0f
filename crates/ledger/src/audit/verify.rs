//! `verify`: what the audit trail proves. Reads only. It checks, in order: the hash chain (every
//! entry links to the one before and hashes to what it says); the anchors (heads recorded outside
//! the file: in backups, in this workstation's record, typed by hand) still stand in the chain;
//! the schema is exactly this version's (no append-only trigger dropped, nothing foreign added);
//! the schema version is the one the last recorded upgrade reached; and every audited row equals
//! the last state the log holds for it.
//!
//! An upgrade (`Ledger::open` on an older ledger) runs the same checks first ([`pre_upgrade`]),
//! records what they found, and afterwards logs as `baseline` only the rows the upgrade itself
//! changed ([`baseline_after_upgrade`]): a row edited out of band stays flagged after the upgrade.

use std::collections::{BTreeMap, HashSet};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{append, audited_tables, current_rows, entry_hash, last_states, Head, SYSTEM_OPERATOR};
use crate::{has_table, Error, Ledger, Result, MIGRATIONS};

/// The result of `verify`: empty `problems` means the chain is intact, every anchor stands, the
/// schema is this version's and every row matches its last logged state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditReport {
    #[ts(type = "number")]
    pub entries: u64,
    #[ts(type = "number")]
    pub rows: u64,
    /// How many anchors (heads recorded outside the ledger) were checked.
    #[ts(type = "number")]
    pub anchors: u64,
    /// The newest entry: what to record as the next anchor.
    pub head: Option<Head>,
    pub problems: Vec<String>,
}

/// A head recorded outside the ledger, and where (in Chinese: "备份“…”", "本机记录", "手工输入").
/// `head.hash` may be the full hash or the printed 16-digit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub head: Head,
    pub source: String,
}

/// What kind of file is being verified: a ledger, or a backup (which also holds `sqlar` and
/// `backup_manifest`, and nothing else foreign).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Ledger,
    Backup,
}

/// The tables a backup adds to the ledger it copies (backup.rs creates them with exactly this SQL).
pub(crate) const BACKUP_TABLES: &[(&str, &str)] = &[
    ("sqlar", "CREATE TABLE sqlar(name TEXT PRIMARY KEY, mode INT, mtime INT, sz INT, data BLOB)"),
    ("backup_manifest", "CREATE TABLE backup_manifest(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
];

/// Checks the ledger's chain, schema, version and rows (no anchors from outside).
pub fn verify(ledger: &Ledger) -> Result<AuditReport> {
    verify_in(ledger.conn(), &[], FileKind::Ledger, &|_| Ok(false))
}

/// The same, also checking `anchors`; an anchor of a timeline that a recorded restore replaced
/// stands if the restore's safety copy holds it (anchors.rs).
pub fn verify_with(ledger: &Ledger, anchors: &[Anchor]) -> Result<AuditReport> {
    verify_in(ledger.conn(), anchors, FileKind::Ledger, &|a| crate::anchors::explained_by_restore(ledger, a))
}

/// Verifies a backup file: a ledger plus its `sqlar` and `backup_manifest` tables.
pub fn verify_backup(ledger: &Ledger) -> Result<AuditReport> {
    verify_in(ledger.conn(), &[], FileKind::Backup, &|_| Ok(false))
}

pub(crate) fn verify_in(
    conn: &Connection,
    anchors: &[Anchor],
    kind: FileKind,
    explained: &dyn Fn(&Anchor) -> Result<bool>,
) -> Result<AuditReport> {
    Ok(verify_parts(conn, anchors, kind, explained)?.0)
}

/// `verify_in`, also returning the rows that differ from the log (an upgrade must not absorb them).
fn verify_parts(
    conn: &Connection,
    anchors: &[Anchor],
    kind: FileKind,
    explained: &dyn Fn(&Anchor) -> Result<bool>,
) -> Result<(AuditReport, Vec<RowProblem>)> {
    let version = crate::user_version(conn)?;
    let mut problems = Vec::new();
    if !has_table(conn, "audit_log")? {
        problems.extend(check_schema(conn, version, kind)?);
        return Ok((AuditReport { entries: 0, rows: 0, anchors: 0, head: None, problems }, Vec::new()));
    }
    let (entries, chain) = check_chain(conn)?;
    problems.extend(chain);
    for a in anchors {
        if let Some(p) = anchor_problem(conn, a)? {
            if !explained(a)? {
                problems.push(p);
            }
        }
    }
    problems.extend(check_schema(conn, version, kind)?);
    problems.extend(check_version(conn, version)?);
    let (rows, row_problems) = check_rows(conn)?;
    problems.extend(row_problems.iter().map(RowProblem::message));
    Ok((AuditReport { entries, rows, anchors: anchors.len() as u64, head: super::head_in(conn)?, problems }, row_problems))
}

/// Walks the chain; stops at the first broken link.
fn check_chain(conn: &Connection) -> Result<(u64, Option<String>)> {
    let mut stmt = conn
        .prepare("SELECT id, at, operator, action, table_name, row_id, before, after, prev_hash, hash FROM audit_log ORDER BY id")
        .map_err(|e| Error::sqlite("读取审计日志", e))?;
    let mut rows = stmt.query([]).map_err(|e| Error::sqlite("读取审计日志", e))?;
    let mut prev = String::new();
    let mut entries = 0u64;
    while let Some(r) = rows.next().map_err(|e| Error::sqlite("读取审计日志", e))? {
        entries += 1;
        let get = |i: usize| r.get::<_, Option<String>>(i).ok().flatten();
        let id: i64 = r.get(0).unwrap_or(0);
        let row_id: i64 = r.get(5).unwrap_or(0);
        let (at, op, action, table) = (get(1).unwrap_or_default(), get(2).unwrap_or_default(), get(3).unwrap_or_default(), get(4).unwrap_or_default());
        let (before, after, prev_hash, hash) = (get(6), get(7), get(8).unwrap_or_default(), get(9).unwrap_or_default());
        if prev_hash != prev {
            return Ok((entries, Some(format!("审计日志第 {id} 条：与前一条的链接断开（前面的日志被删除或改动）"))));
        }
        if entry_hash(&prev_hash, &at, &op, &action, &table, row_id, before.as_deref(), after.as_deref()) != hash {
            return Ok((entries, Some(format!("审计日志第 {id} 条（{table} 表第 {row_id} 行，{at}）的内容被改动"))));
        }
        prev = hash;
    }
    Ok((entries, None))
}

/// Why `anchor` does not stand in the chain of `conn`, or None when it does.
pub(crate) fn anchor_problem(conn: &Connection, anchor: &Anchor) -> Result<Option<String>> {
    let Anchor { head, source } = anchor;
    let found: Option<String> = conn
        .query_row("SELECT hash FROM audit_log WHERE id = ?1", [head.entry], |r| r.get(0))
        .optional()
        .map_err(|e| Error::sqlite("读取审计日志", e))?;
    let code = Head { entry: head.entry, hash: head.hash.clone() }.code();
    Ok(match found {
        None => Some(format!(
            "{source}记录了审计日志第 {} 条（校验码 {code}），台账中却没有这一条：该条及其后的审计日志被删除或截去",
            head.entry
        )),
        Some(hash) if !hash.starts_with(&head.hash) => Some(format!(
            "{source}记录的审计日志第 {} 条校验码为 {code}，台账中为 {}：该条及其之前的审计日志被改写",
            head.entry,
            Head { entry: head.entry, hash }.code()
        )),
        Some(_) => None,
    })
}

/// `(type, name) → sql` of a schema, without SQLite's statistics tables.
type Schema = BTreeMap<(String, String), Option<String>>;

fn schema_of(conn: &Connection) -> Result<Schema> {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM main.sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'")
        .map_err(|e| Error::sqlite("读取台账结构", e))?;
    let rows = stmt
        .query_map([], |r| Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), r.get::<_, Option<String>>(2)?)))
        .map_err(|e| Error::sqlite("读取台账结构", e))?;
    rows.collect::<rusqlite::Result<Schema>>().map_err(|e| Error::sqlite("读取台账结构", e))
}

/// The schema the migrations 1..=`version` build, on an empty in-memory database.
fn expected_schema(version: u32) -> Result<Schema> {
    let conn = Connection::open_in_memory().map_err(|e| Error::sqlite("读取台账结构", e))?;
    for (_, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= version) {
        conn.execute_batch(sql).map_err(|e| Error::sqlite("读取台账结构", e))?;
    }
    schema_of(&conn)
}

/// Whether two texts of one object are the same, whitespace aside.
fn same_sql(a: &Option<String>, b: &Option<String>) -> bool {
    let norm = |s: &Option<String>| s.as_deref().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
    norm(a) == norm(b)
}

fn kind_label(t: &str) -> &'static str {
    match t {
        "table" => "表",
        "index" => "索引",
        "trigger" => "触发器",
        "view" => "视图",
        _ => "对象",
    }
}

/// The file's schema must be exactly what this version's migrations build: nothing missing (an
/// append-only trigger dropped), nothing changed, nothing foreign (a backup may add its two
/// tables). At version 9 the two tally triggers had two landed texts (see 0010): either is fine.
fn check_schema(conn: &Connection, version: u32, kind: FileKind) -> Result<Vec<String>> {
    if version == 0 || version > crate::LATEST_VERSION {
        return Ok(Vec::new());
    }
    let mut expected = expected_schema(version)?;
    if kind == FileKind::Backup {
        for (name, sql) in BACKUP_TABLES {
            expected.insert(("table".into(), name.to_string()), Some(sql.to_string()));
            expected.insert(("index".into(), format!("sqlite_autoindex_{name}_1")), None);
        }
    }
    let found = schema_of(conn)?;
    let loose = |name: &str| version == 9 && (name == "request_tally_insert" || name == "request_tally_update");
    let mut problems = Vec::new();
    for ((t, name), sql) in &expected {
        match found.get(&(t.clone(), name.clone())) {
            None => problems.push(format!("台账结构缺少{} {name}（被绕过程序删除）", kind_label(t))),
            Some(actual) if !same_sql(actual, sql) && !loose(name) => {
                problems.push(format!("台账结构中的{} {name} 与本版本不同（被绕过程序改动）", kind_label(t)))
            }
            Some(_) => {}
        }
    }
    for (t, name) in found.keys() {
        if !expected.contains_key(&(t.clone(), name.clone())) {
            problems.push(format!("台账结构中多出{} {name}（不是本程序建立的）", kind_label(t)));
        }
    }
    Ok(problems)
}

/// The version the last recorded upgrade reached, if the ledger records upgrades.
fn recorded_version(conn: &Connection) -> Result<Option<u32>> {
    if !has_table(conn, "ledger_event")? {
        return Ok(None);
    }
    let detail: Option<String> = conn
        .query_row("SELECT detail FROM ledger_event WHERE kind = 'upgrade' ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .optional()
        .map_err(|e| Error::sqlite("读取台账事件", e))?;
    Ok(detail
        .and_then(|d| serde_json::from_str::<serde_json::Value>(&d).ok())
        .and_then(|v| v.get("to").and_then(|t| t.as_u64()))
        .map(|v| v as u32))
}

/// A schema version lower than the last recorded upgrade: someone lowered `user_version` so that
/// the next open would migrate again.
fn version_lowered(conn: &Connection, version: u32) -> Result<Option<String>> {
    Ok(recorded_version(conn)?.filter(|r| *r > version).map(|r| {
        format!("台账结构版本为 {version}，但审计日志记录最近一次升级已到 {r}：版本号被绕过程序改低")
    }))
}

fn check_version(conn: &Connection, version: u32) -> Result<Vec<String>> {
    Ok(version_lowered(conn, version)?.into_iter().collect())
}

/// How a row differs from the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowState {
    Edited,
    Undeleted,
    Unlogged,
    Vanished,
}

#[derive(Debug, Clone)]
struct RowProblem {
    table: String,
    row_id: i64,
    state: RowState,
}

impl RowProblem {
    fn message(&self) -> String {
        let (t, r) = (&self.table, self.row_id);
        match self.state {
            RowState::Edited => format!("{t} 表第 {r} 行与审计日志记录的最后状态不符（被绕过程序改动）"),
            RowState::Undeleted => format!("{t} 表第 {r} 行在审计日志中已删除，却仍在台账中"),
            RowState::Unlogged => format!("{t} 表第 {r} 行没有审计记录（被绕过程序写入）"),
            RowState::Vanished => format!("{t} 表第 {r} 行已不在台账中，但审计日志没有删除记录（被绕过程序删除）"),
        }
    }
}

/// Every audited row against its last logged state. Reports at most about 50 rows.
fn check_rows(conn: &Connection) -> Result<(u64, Vec<RowProblem>)> {
    let mut problems = Vec::new();
    let mut checked = 0u64;
    for (table, columns) in audited_tables(conn)? {
        let mut logged = last_states(conn, &table)?;
        for (row_id, json) in current_rows(conn, &table, &columns)? {
            checked += 1;
            let state = match logged.remove(&row_id) {
                Some(Some(last)) if super::batch::matches(&last, &json) => continue,
                Some(Some(_)) => RowState::Edited,
                Some(None) => RowState::Undeleted,
                None => RowState::Unlogged,
            };
            problems.push(RowProblem { table: table.clone(), row_id, state });
        }
        for (row_id, last) in logged {
            if last.is_some() {
                problems.push(RowProblem { table: table.clone(), row_id, state: RowState::Vanished });
            }
        }
    }
    problems.sort_by(|a, b| a.table.cmp(&b.table).then(a.row_id.cmp(&b.row_id)));
    Ok((checked, problems))
}

/// What an upgrade found before it changed anything.
#[derive(Debug, Default)]
pub(crate) struct PreUpgrade {
    /// Everything verification found, in Chinese.
    pub problems: Vec<String>,
    /// Rows that already differed from the log: the upgrade must not absorb them.
    pub stale: HashSet<(String, i64)>,
    /// Whether the ledger had an audit trail at all before (older than version 3: no).
    pub had_trail: bool,
    /// Set when the schema version was lowered behind the app's back: the upgrade is refused.
    pub lowered: Option<String>,
}

/// Verifies a ledger about to be upgraded, on its own connection, before anything is written.
pub(crate) fn pre_upgrade(conn: &Connection, version: u32) -> Result<PreUpgrade> {
    if version == 0 || !has_table(conn, "audit_log")? {
        return Ok(PreUpgrade::default());
    }
    let (report, rows) = verify_parts(conn, &[], FileKind::Ledger, &|_| Ok(false))?;
    Ok(PreUpgrade {
        problems: report.problems,
        stale: rows.into_iter().map(|p| (p.table, p.row_id)).collect(),
        had_trail: true,
        lowered: version_lowered(conn, version)?,
    })
}

/// After an upgrade: logs, as the system, the state of every row the upgrade changed, created or
/// removed, and none of the rows that already differed from the log before it (`pre.stale`).
/// A ledger older than the trail gets every row logged, openly, as its first state.
pub(crate) fn baseline_after_upgrade(conn: &Connection, pre: &PreUpgrade) -> Result<usize> {
    let mut n = 0;
    for (table, columns) in audited_tables(conn)? {
        let mut logged = last_states(conn, &table)?;
        for (row_id, json) in current_rows(conn, &table, &columns)? {
            let before = logged.remove(&row_id).flatten();
            if before.as_deref().is_some_and(|b| super::batch::matches(b, &json)) || pre.stale.contains(&(table.clone(), row_id)) {
                continue;
            }
            append(conn, SYSTEM_OPERATOR, "baseline", &table, row_id, before.as_deref(), Some(&json))?;
            n += 1;
        }
        for (row_id, last) in logged {
            if last.is_some() && !pre.stale.contains(&(table.clone(), row_id)) {
                append(conn, SYSTEM_OPERATOR, "baseline", &table, row_id, last.as_deref(), None)?;
                n += 1;
            }
        }
    }
    Ok(n)
}
