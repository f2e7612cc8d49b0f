//! Compact audit entries for a bulk write (issue 22): an import of 100,000 requests wrote about
//! 290,000 entries of a whole row's JSON each, 60 % of the ledger's bytes and most of the
//! import's time. Instead, the bulk path suspends the per-row triggers on this connection for
//! its set-wise statements ([`suspend`] / [`resume`]) and then logs the rows it wrote in a few
//! entries ([`log_rows`]) of table `import_batch`: each names its source file once and holds,
//! per row, the first 128 bits of the SHA-256 of the row's JSON (the very JSON the triggers would
//! have logged). The entries are hashed into the chain like any other.
//!
//! What the trail proves does not change: `verify` compares each row's JSON with its last logged
//! state, and for a row last logged by a batch entry it compares the digest instead
//! ([`matches`]); a row edited, inserted or deleted behind the app's back is named exactly as
//! before. The first later change of such a row logs its whole state as `before`, as always.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{append, json_expr, SYSTEM_OPERATOR};
use crate::{Error, Result};

/// `table_name` of the compact entries (no such table exists).
pub const BATCH_TABLE: &str = "import_batch";
/// Rows per entry: an entry stays readable in the log view (about 20 KB).
const ROWS_PER_ENTRY: usize = 500;
/// A logged state that is a digest, not JSON, starts with this.
const DIGEST_MARK: &str = "sha256/128:";
/// Hex digits of a row's digest (128 bits).
const DIGEST_HEX: usize = 32;

/// The `after` of one batch entry.
#[derive(Debug, Serialize, Deserialize)]
struct BatchEntry {
    /// The file the rows came from (“where”); who and when are the entry's own columns.
    source: String,
    table: String,
    /// Runs of row ids `[first, count]`, in the order of `digests`.
    rows: Vec<(i64, i64)>,
    /// 32 hex digits per row.
    digests: String,
    /// Each row's own key in the order of `digests` (受理编号 of a request, 文号 of a document),
    /// so that the log's 记录 filter finds an imported row by the key a clerk knows it by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    keys: Vec<String>,
}

/// The column a clerk knows a row of `table` by, where the table has one.
fn key_column(table: &str) -> Option<&'static str> {
    match table {
        "request" => Some("number"),
        "document" => Some("doc_number"),
        _ => None,
    }
}

/// The logged state of a row known by its digest.
fn digest_state(json: &str) -> String {
    let d = Sha256::digest(json.as_bytes());
    let mut s = String::with_capacity(DIGEST_MARK.len() + DIGEST_HEX);
    s.push_str(DIGEST_MARK);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in &d[..DIGEST_HEX / 2] {
        s.push(HEX[usize::from(b >> 4)] as char);
        s.push(HEX[usize::from(b & 15)] as char);
    }
    s
}

/// Whether a row's current JSON is its last logged state (`last`: JSON or a digest state).
pub(crate) fn matches(last: &str, json: &str) -> bool {
    match last.strip_prefix(DIGEST_MARK) {
        Some(_) => digest_state(json) == last,
        None => last == json,
    }
}

/// Stops the per-row audit triggers of this connection until [`resume`], inside the caller's
/// transaction (a rollback resumes them too). Every row written meanwhile must be logged by
/// [`log_rows`] before the transaction commits: `verify` names any that is not.
pub(crate) fn suspend(conn: &Connection) -> Result<()> {
    conn.execute_batch("INSERT INTO temp.audit_bulk VALUES (1)").map_err(|e| Error::sqlite("写入审计日志", e))
}

pub(crate) fn resume(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM temp.audit_bulk").map_err(|e| Error::sqlite("写入审计日志", e))
}

/// Logs every row of each `(table, after_id)` whose rowid is above `after_id`, as batch entries
/// naming `source`, under the connection's 操作人. Returns the entries written.
pub(crate) fn log_rows(conn: &Connection, source: &str, tables: &[(&str, i64)]) -> Result<usize> {
    let operator: String = conn
        .query_row("SELECT coalesce((SELECT operator FROM temp.audit_context LIMIT 1), ?1)", [SYSTEM_OPERATOR], |r| r.get(0))
        .map_err(|e| Error::sqlite("写入审计日志", e))?;
    let columns_of = super::audited_tables(conn)?;
    let mut entries = 0;
    for (table, after_id) in tables {
        let Some((_, columns)) = columns_of.iter().find(|(t, _)| t == table) else {
            return Err(Error::Validation(format!("审计日志：{table} 不是受审计的表")));
        };
        let key = key_column(table).map_or("NULL".to_string(), |c| format!("\"{c}\""));
        let sql = format!(
            "SELECT rowid, {}, {key} FROM main.\"{table}\" WHERE rowid > ?1 ORDER BY rowid",
            json_expr(columns, &format!("\"{table}\""))
        );
        let mut stmt = conn.prepare(&sql).map_err(|e| Error::sqlite("写入审计日志", e))?;
        let mut rows = stmt.query([after_id]).map_err(|e| Error::sqlite("写入审计日志", e))?;
        let mut batch: Vec<(i64, String, Option<String>)> = Vec::with_capacity(ROWS_PER_ENTRY);
        let mut flush = |batch: &mut Vec<(i64, String, Option<String>)>| -> Result<()> {
            if batch.is_empty() {
                return Ok(());
            }
            let mut runs: Vec<(i64, i64)> = Vec::new();
            let mut digests = String::with_capacity(batch.len() * DIGEST_HEX);
            let keys: Vec<String> = if key_column(table).is_some() {
                batch.iter().map(|(_, _, k)| k.clone().unwrap_or_default()).collect()
            } else {
                Vec::new()
            };
            for (id, state, _) in batch.iter() {
                match runs.last_mut() {
                    Some((first, count)) if *first + *count == *id => *count += 1,
                    _ => runs.push((*id, 1)),
                }
                digests.push_str(&state[DIGEST_MARK.len()..]);
            }
            let entry = BatchEntry { source: source.to_string(), table: table.to_string(), rows: runs, digests, keys };
            let after = serde_json::to_string(&entry).map_err(|e| Error::Validation(format!("审计日志无法写入：{e}")))?;
            append(conn, &operator, "insert", BATCH_TABLE, batch[0].0, None, Some(&after))?;
            entries += 1;
            batch.clear();
            Ok(())
        };
        while let Some(r) = rows.next().map_err(|e| Error::sqlite("写入审计日志", e))? {
            let id: i64 = r.get(0).map_err(|e| Error::sqlite("写入审计日志", e))?;
            let json: String = r.get(1).map_err(|e| Error::sqlite("写入审计日志", e))?;
            let key: Option<String> = r.get(2).map_err(|e| Error::sqlite("写入审计日志", e))?;
            batch.push((id, digest_state(&json), key));
            if batch.len() == ROWS_PER_ENTRY {
                flush(&mut batch)?;
            }
        }
        flush(&mut batch)?;
    }
    Ok(entries)
}

/// The rows of `table` a batch entry's `after` logs, as (row id, digest state); none when the
/// entry is about another table or unreadable (an unreadable entry leaves its rows unlogged, so
/// `verify` names them).
pub(crate) fn expand(after: &str, table: &str) -> Vec<(i64, String)> {
    if !after.contains(&format!("\"table\":\"{table}\"")) {
        return Vec::new();
    }
    let Ok(entry) = serde_json::from_str::<BatchEntry>(after) else { return Vec::new() };
    if entry.table != table || !entry.digests.is_ascii() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut digests = entry.digests.as_bytes().chunks(DIGEST_HEX);
    for (first, count) in entry.rows {
        for id in first..first.saturating_add(count.max(0)) {
            let Some(d) = digests.next() else { return out };
            out.push((id, format!("{DIGEST_MARK}{}", String::from_utf8_lossy(d))));
        }
    }
    out
}

/// What a batch entry says, in words (`readable.rs`): how many rows of which table came from
/// which file, with their keys.
pub(crate) struct BatchSummary {
    source: String,
    table: String,
    rows: i64,
    keys: Vec<String>,
}

/// Keys listed before "…" in the one-line summary.
const KEYS_SHOWN: usize = 3;

impl BatchSummary {
    /// None for an entry that is not a readable batch entry.
    pub(crate) fn read(after: &str) -> Option<BatchSummary> {
        let e: BatchEntry = serde_json::from_str(after).ok()?;
        let rows = e.rows.iter().map(|(_, n)| (*n).max(0)).sum();
        Some(BatchSummary { source: e.source, table: e.table, rows, keys: e.keys })
    }

    /// 申请 / 文件 / the table's label.
    fn noun(&self) -> &str {
        match self.table.as_str() {
            "request" => "申请",
            "request_event" => "办理记录",
            "document" => "文件",
            t => super::readable::table_label(t),
        }
    }

    fn keys_text(&self) -> String {
        let keys: Vec<&str> = self.keys.iter().map(String::as_str).filter(|k| !k.is_empty()).collect();
        match keys.len() {
            0 => String::new(),
            n if n <= KEYS_SHOWN + 1 => keys.join("、"),
            n => format!("{} … {}", keys[..KEYS_SHOWN].join("、"), keys[n - 1]),
        }
    }

    /// "导入 500 条申请：2026-0001、2026-0002、2026-0003 … 2026-0500（来自 申请.xlsx）".
    pub(crate) fn summary(&self) -> String {
        let keys = self.keys_text();
        let from = if self.source.is_empty() { String::new() } else { format!("（来自 {}）", self.source) };
        if keys.is_empty() {
            format!("导入 {} 条{}{from}", self.rows, self.noun())
        } else {
            format!("导入 {} 条{}：{keys}{from}", self.rows, self.noun())
        }
    }

    /// The record column: the first and last key, or the count.
    pub(crate) fn record(&self) -> String {
        let keys: Vec<&str> = self.keys.iter().map(String::as_str).filter(|k| !k.is_empty()).collect();
        let key = if self.table == "document" { "文号" } else { "受理编号" };
        match keys.as_slice() {
            [] => format!("{} 条{}", self.rows, self.noun()),
            [one] => format!("{key} {one}"),
            [first, .., last] => format!("{key} {first} 至 {last}"),
        }
    }

    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    pub(crate) fn table(&self) -> &str {
        &self.table
    }

    pub(crate) fn rows(&self) -> i64 {
        self.rows
    }

    /// Every key, for the detail view.
    pub(crate) fn all_keys(&self) -> String {
        self.keys.join("、")
    }
}
