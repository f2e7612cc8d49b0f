//! 审计日志: every change to every ledger table, appended by TEMP triggers that `Ledger::open`
//! installs on this connection, chained by SHA-256. `verify` finds an entry or a row that was
//! changed behind the app's back. Writes need not remember to log: the triggers do it.

use std::collections::HashMap;

use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::{Error, Ledger, Result};

pub mod events;
pub(crate) mod batch;
pub mod readable;
pub(crate) mod verify;
pub use events::{EventKind, LedgerEvent};
pub use readable::{action_label, table_label, AuditField, ACTION_LABELS, TABLE_LABELS};
pub use verify::{verify, verify_backup, verify_with, Anchor, AuditReport};
pub(crate) use verify::{baseline_after_upgrade, pre_upgrade};

/// The operator recorded when none was set (migrations, the very first open).
pub const SYSTEM_OPERATOR: &str = "系统";

/// Tables kept by triggers from other tables, in the same transaction: their changes are the
/// audited rows' changes over again, and they can be rebuilt from those rows.
const DERIVED_TABLES: &[&str] = &["request_tally"];

/// Tables the trail does not cover: itself, derived tables, a backup's own tables (its archive
/// of attachments and its manifest, written after the copy), and SQLite's and FTS5's internals.
/// Foreign tables are caught by the schema check instead.
fn is_audited(name: &str, virtual_tables: &[String]) -> bool {
    name != "audit_log"
        && !DERIVED_TABLES.contains(&name)
        && !verify::BACKUP_TABLES.iter().any(|(t, _)| *t == name)
        && !name.starts_with("sqlite_")
        && !virtual_tables.iter().any(|v| name == v || name.starts_with(&format!("{v}_")))
}

/// (table, columns) for every audited table, in a stable order.
pub(crate) fn audited_tables(conn: &Connection) -> Result<Vec<(String, Vec<String>)>> {
    let q = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql).map_err(|e| Error::sqlite("读取台账结构", e))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(|e| Error::sqlite("读取台账结构", e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取台账结构", e))
    };
    let virtual_tables = q("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")?;
    let mut out = Vec::new();
    for table in q("SELECT name FROM main.sqlite_schema WHERE type = 'table' ORDER BY name")? {
        if !is_audited(&table, &virtual_tables) {
            continue;
        }
        let columns = q(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))?;
        out.push((table, columns));
    }
    Ok(out)
}

/// `json_object('c1', P.c1, …)` for a row alias `P` (NEW, OLD or the table itself).
fn json_expr(columns: &[String], alias: &str) -> String {
    let parts: Vec<String> = columns.iter().map(|c| format!("'{c}', {alias}.\"{c}\"")).collect();
    format!("json_object({})", parts.join(", "))
}

/// The chain's hash of one entry. The same function runs in the triggers (as `gk_audit_hash`)
/// and in `verify`.
#[allow(clippy::too_many_arguments)]
pub fn entry_hash(
    prev: &str,
    at: &str,
    operator: &str,
    action: &str,
    table: &str,
    row_id: i64,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, operator, action, table, &row_id.to_string(), before.unwrap_or("\u{2205}"), after.unwrap_or("\u{2205}")] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Installs the hash function, the operator context and the triggers on this connection.
pub(crate) fn install(conn: &Connection, operator: &str) -> Result<()> {
    conn.create_scalar_function("gk_audit_hash", 8, FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC, |ctx| {
        let text = |i: usize| -> rusqlite::Result<Option<String>> { ctx.get::<Option<String>>(i) };
        Ok(entry_hash(
            &text(0)?.unwrap_or_default(),
            &text(1)?.unwrap_or_default(),
            &text(2)?.unwrap_or_default(),
            &text(3)?.unwrap_or_default(),
            &text(4)?.unwrap_or_default(),
            ctx.get::<i64>(5)?,
            text(6)?.as_deref(),
            text(7)?.as_deref(),
        ))
    })
    .map_err(|e| Error::sqlite("安装审计函数", e))?;
    // audit_bulk holds a row while a bulk write logs its rows itself (batch.rs).
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS audit_context (operator TEXT NOT NULL);
         CREATE TEMP TABLE IF NOT EXISTS audit_bulk (on_ INTEGER);",
    )
        .map_err(|e| Error::sqlite("安装审计日志", e))?;
    set_operator(conn, operator)?;
    for (table, columns) in audited_tables(conn)? {
        for (action, timing_row, before, after) in [
            ("insert", "INSERT", "NULL".to_string(), json_expr(&columns, "NEW")),
            ("update", "UPDATE", json_expr(&columns, "OLD"), json_expr(&columns, "NEW")),
            ("delete", "DELETE", json_expr(&columns, "OLD"), "NULL".to_string()),
        ] {
            let row = if action == "delete" { "OLD.rowid" } else { "NEW.rowid" };
            // An UPDATE that changes nothing is not a change worth a line; a bulk write logs its
            // rows itself (batch.rs).
            let bulk = "NOT EXISTS (SELECT 1 FROM temp.audit_bulk)";
            let when = if action == "update" { format!(" WHEN {bulk} AND {before} IS NOT {after}") } else { format!(" WHEN {bulk}") };
            let sql = format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS \"audit_{table}_{action}\" AFTER {timing_row} ON main.\"{table}\"{when} BEGIN
                   INSERT INTO audit_log (at, operator, action, table_name, row_id, before, after, prev_hash, hash)
                   SELECT x.at, x.op, '{action}', '{table}', {row}, x.b, x.a, x.prev,
                          gk_audit_hash(x.prev, x.at, x.op, '{action}', '{table}', {row}, x.b, x.a)
                   FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
                                coalesce((SELECT operator FROM temp.audit_context LIMIT 1), '{SYSTEM_OPERATOR}') AS op,
                                {before} AS b, {after} AS a,
                                coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev) AS x;
                 END;"
            );
            conn.execute_batch(&sql).map_err(|e| Error::sqlite("安装审计日志", e))?;
        }
    }
    Ok(())
}

/// Longest 操作人 name accepted from a clerk.
pub const MAX_OPERATOR_CHARS: usize = 20;

/// Checks a name a clerk entered as 操作人 (the window's per-workstation name): trimmed, not
/// empty, at most 20 characters, no control characters, and not the system's own name.
pub fn check_operator_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Validation("操作人姓名不能为空".into()));
    }
    if name.chars().count() > MAX_OPERATOR_CHARS {
        return Err(Error::Validation(format!("操作人姓名不能超过 {MAX_OPERATOR_CHARS} 个字")));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::Validation("操作人姓名不能包含控制字符".into()));
    }
    if name == SYSTEM_OPERATOR {
        return Err(Error::Validation(format!("“{SYSTEM_OPERATOR}”留给程序自身使用，请填写操作人的姓名")));
    }
    Ok(name.to_string())
}

/// Records `operator` on every following change made through this connection.
pub(crate) fn set_operator(conn: &Connection, operator: &str) -> Result<()> {
    let operator = operator.trim();
    let operator = if operator.is_empty() { SYSTEM_OPERATOR } else { operator };
    conn.execute("DELETE FROM temp.audit_context", []).map_err(|e| Error::sqlite("设置操作人", e))?;
    conn.execute("INSERT INTO temp.audit_context (operator) VALUES (?1)", [operator])
        .map_err(|e| Error::sqlite("设置操作人", e))?;
    Ok(())
}

pub(crate) fn last_hash(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get::<_, String>(0))
        .optional()
        .map_err(|e| Error::sqlite("读取审计日志", e))?
        .unwrap_or_default())
}

/// The last logged state of every row of `table`: row id → JSON, or a digest state for a row
/// last logged by a bulk write's entry (compare with `batch::matches`); None once deleted.
pub(crate) fn last_states(conn: &Connection, table: &str) -> Result<HashMap<i64, Option<String>>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, table_name, row_id, after FROM audit_log WHERE table_name = ?1 OR table_name = ?2 ORDER BY id",
        )
        .map_err(|e| Error::sqlite("读取审计日志", e))?;
    let rows = stmt
        .query_map([table, batch::BATCH_TABLE], |r| {
            Ok((r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, Option<String>>(3)?))
        })
        .map_err(|e| Error::sqlite("读取审计日志", e))?;
    let mut out = HashMap::new();
    for row in rows {
        let (name, id, after) = row.map_err(|e| Error::sqlite("读取审计日志", e))?;
        if name == table {
            out.insert(id, after);
        } else if let Some(after) = after {
            for (id, state) in batch::expand(&after, table) {
                out.insert(id, Some(state));
            }
        }
    }
    Ok(out)
}

pub(crate) fn current_rows(conn: &Connection, table: &str, columns: &[String]) -> Result<Vec<(i64, String)>> {
    let sql = format!("SELECT rowid, {} FROM main.\"{table}\" ORDER BY rowid", json_expr(columns, &format!("\"{table}\"")));
    let mut stmt = conn.prepare(&sql).map_err(|e| Error::sqlite("读取台账", e))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| Error::sqlite("读取台账", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取台账", e))
}

pub(crate) fn append(conn: &Connection, operator: &str, action: &str, table: &str, row_id: i64, before: Option<&str>, after: Option<&str>) -> Result<()> {
    let prev = last_hash(conn)?;
    let at: String = conn
        .query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", [], |r| r.get(0))
        .map_err(|e| Error::sqlite("写入审计日志", e))?;
    let hash = entry_hash(&prev, &at, operator, action, table, row_id, before, after);
    conn.execute(
        "INSERT INTO audit_log (at, operator, action, table_name, row_id, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![at, operator, action, table, row_id, before, after, prev, hash],
    )
    .map_err(|e| Error::sqlite("写入审计日志", e))?;
    Ok(())
}

/// One entry as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub table_name: String,
    #[ts(type = "number")]
    pub row_id: i64,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The record by the key a clerk knows it by ("受理编号 2026-0001", "文号 …"), else "第 N 行".
    pub record: String,
    /// The change in one line, in words ("办理状态：已送达 → 已归档").
    pub summary: String,
    /// Field by field, in words, changed fields first.
    pub fields: Vec<AuditField>,
}

/// Filters for the log view; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditFilter {
    pub table_name: Option<String>,
    pub operator: Option<String>,
    /// YYYY-MM-DD, inclusive
    pub from: Option<String>,
    /// YYYY-MM-DD, inclusive
    pub to: Option<String>,
    /// A record's key: its row number, or text its logged content contains (受理编号, 文号, …);
    /// a 受理编号 or 文号 also finds the entries of the request's events, letters, reviews and
    /// attachments, or of the document's status rows, interpretations, returns and edits.
    pub record: Option<String>,
    #[ts(type = "number")]
    pub limit: i64,
    #[ts(type = "number")]
    pub offset: i64,
}

/// One page of the log with what the filters can choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Entries matching the filter, over all pages.
    #[ts(type = "number")]
    pub total: i64,
    /// Every table and operator in the log, for the filter lists.
    pub tables: Vec<String>,
    pub operators: Vec<String>,
}

/// Columns whose values are personal data: masked in the log view as in every list.
fn mask_personal(json: Option<String>) -> Option<String> {
    let json = json?;
    let Ok(serde_json::Value::Object(mut map)) = serde_json::from_str::<serde_json::Value>(&json) else { return Some(json) };
    let mut changed = false;
    let hidden = |_: &str| "（已隐藏）".to_string();
    for (key, mask) in [
        ("id_number", gongkai_core::identity::mask_id as fn(&str) -> String),
        ("contact", gongkai_core::identity::mask_phone),
        ("password_hash", hidden as fn(&str) -> String),
    ] {
        if let Some(serde_json::Value::String(v)) = map.get_mut(key) {
            *v = mask(v);
            changed = true;
        }
    }
    Some(if changed { serde_json::Value::Object(map).to_string() } else { json })
}

/// Changed fields named in an entry's one-line summary before "等 N 处".
const SUMMARY_FIELDS: usize = 3;

const FILTER_SQL: &str = "(?1 IS NULL OR table_name = ?1) AND (?2 IS NULL OR operator = ?2)
    AND (?3 IS NULL OR date(at, 'localtime') >= ?3) AND (?4 IS NULL OR date(at, 'localtime') <= ?4)
    AND (?5 IS NULL OR CAST(row_id AS TEXT) = ?5 OR instr(coalesce(after, ''), ?5) > 0 OR instr(coalesce(before, ''), ?5) > 0
         OR (table_name IN ('request_event', 'review', 'attachment', 'letter')
             AND json_extract(coalesce(after, before), '$.request_id') IN (SELECT id FROM request WHERE number = ?5))
         OR (table_name IN ('document_status', 'document_interpretation', 'document_return', 'document_edit')
             AND json_extract(coalesce(after, before), '$.document_id') IN (SELECT id FROM document WHERE doc_number = ?5)))";

/// Newest first, paged in SQL; the dates are the workstation's local dates (the log is kept in
/// UTC). Personal data (证件号码, 联系方式) in the logged rows is masked.
pub fn list(ledger: &Ledger, f: &AuditFilter) -> Result<AuditPage> {
    let conn = ledger.conn();
    let blank = |o: &Option<String>| o.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let (table, operator, record) = (blank(&f.table_name), blank(&f.operator), blank(&f.record));
    // Any date a clerk types, compared in SQL as YYYY-MM-DD.
    let date = |label: &str, d: Option<String>| -> Result<Option<String>> {
        d.map(|d| gongkai_core::dates::parse_field(label, &d).map(gongkai_core::dates::ymd).map_err(Error::Validation))
            .transpose()
    };
    let (from, to) = (date("起始日期", blank(&f.from))?, date("截止日期", blank(&f.to))?);
    let limit = f.limit.clamp(1, 500);
    let total: i64 = conn
        .query_row(&format!("SELECT count(*) FROM audit_log WHERE {FILTER_SQL}"), params![table, operator, from, to, record], |r| r.get(0))
        .map_err(|e| Error::sqlite("读取审计日志", e))?;
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id, at, operator, action, table_name, row_id, before, after FROM audit_log
             WHERE {FILTER_SQL} ORDER BY id DESC LIMIT ?6 OFFSET ?7"
        ))
        .map_err(|e| Error::sqlite("读取审计日志", e))?;
    let rows = stmt
        .query_map(params![table, operator, from, to, record, limit, f.offset.max(0)], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                operator: r.get(2)?,
                action: r.get(3)?,
                table_name: r.get(4)?,
                row_id: r.get(5)?,
                before: mask_personal(r.get(6)?),
                after: mask_personal(r.get(7)?),
                record: String::new(),
                summary: String::new(),
                fields: Vec::new(),
            })
        })
        .map_err(|e| Error::sqlite("读取审计日志", e))?;
    let mut entries = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取审计日志", e))?;
    let mut names = readable::Names::default();
    for e in &mut entries {
        let (before, after) = (e.before.as_deref(), e.after.as_deref());
        e.record = readable::record_name(conn, &mut names, &e.table_name, e.row_id, before, after)?;
        e.summary = readable::summary(&e.table_name, &e.action, before, after, SUMMARY_FIELDS);
        e.fields = readable::entry_fields(&e.table_name, before, after);
    }
    let distinct = |col: &str| -> Result<Vec<String>> {
        let mut stmt = conn
            .prepare(&format!("SELECT DISTINCT {col} FROM audit_log ORDER BY {col}"))
            .map_err(|e| Error::sqlite("读取审计日志", e))?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(|e| Error::sqlite("读取审计日志", e))?;
        rows.collect::<rusqlite::Result<Vec<String>>>().map_err(|e| Error::sqlite("读取审计日志", e))
    };
    Ok(AuditPage { entries, total, tables: distinct("table_name")?, operators: distinct("operator")? })
}

/// The chain's head: the number and hash of the newest entry. Recorded outside the ledger (in
/// backups, in this workstation's record, on reports and letters) it anchors the chain: the
/// entries up to it can no longer be rewritten or cut off unnoticed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Head {
    #[ts(type = "number")]
    pub entry: i64,
    /// 64 hex digits
    pub hash: String,
}

impl Head {
    /// The printed 校验码: the first 16 hex digits of the hash as two groups of 8.
    pub fn code(&self) -> String {
        let h = &self.hash[..self.hash.len().min(16)];
        if h.len() > 8 {
            format!("{}-{}", &h[..8], &h[8..])
        } else {
            h.to_string()
        }
    }

    /// "审计日志第 N 条 校验码 xxxxxxxx-xxxxxxxx", as printed on reports and letters.
    pub fn printed(&self) -> String {
        format!("审计日志第 {} 条 校验码 {}", self.entry, self.code())
    }

    /// Parses `N:HASH`, where HASH is the full hash or the printed code (16 hex digits, with or
    /// without its hyphen).
    pub fn parse(text: &str) -> Result<Head> {
        let bad = || Error::Validation(format!("锚点“{}”格式不对，应为“条号:校验码”，例如 128:3f2a9c01-7b4e8d20", gongkai_core::error::clip(text)));
        let (n, h) = text.trim().split_once(':').ok_or_else(bad)?;
        let entry: i64 = n.trim().parse().map_err(|_| bad())?;
        let hash: String = h.trim().chars().filter(|c| *c != '-').collect::<String>().to_lowercase();
        if entry < 1 || !(hash.len() == 16 || hash.len() == 64) || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(Head { entry, hash })
    }

    /// Whether `other` (a full hash or a 16-digit code) names this entry's hash.
    pub fn matches(&self, hash: &str) -> bool {
        !hash.is_empty() && self.hash.starts_with(hash)
    }
}

impl std::fmt::Display for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.entry, self.hash)
    }
}

/// The newest entry, None for an empty log.
pub fn head(ledger: &Ledger) -> Result<Option<Head>> {
    head_in(ledger.conn())
}

pub(crate) fn head_in(conn: &Connection) -> Result<Option<Head>> {
    conn.query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok(Head { entry: r.get(0)?, hash: r.get(1)? }))
        .optional()
        .map_err(|e| Error::sqlite("读取审计日志", e))
}
