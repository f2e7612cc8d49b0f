//! The bulk path of a request import (issue 22): every row is checked before this runs, then
//! each request is written once in its final state (projection columns included) together with
//! its events, in a few set-wise statements instead of a handful of statements per row.
//!
//! Why set-wise: FTS5 writes its pending index entries to disk at the start of every statement
//! that opens a statement savepoint (`fts5SavepointMethod`), so an import that wrote a request
//! and then its events row by row gave the full-text index a one-row segment per request, and
//! FTS5's merging of those segments grew with the index already there: each 50,000-row chunk of
//! the benchmark took longer than the last. Rows are staged in TEMP tables (no triggers, no
//! index), then copied into `request` and `request_event` by `INSERT … SELECT`s of
//! [`CHUNK`] rows each, so the full-text index receives whole chunks and the window's progress
//! bar still moves between them. The audit trail gets compact entries for the lot
//! (`crates/ledger/src/audit/batch.rs`: the source file once, a digest per row) instead of a
//! whole row's JSON per row; `audit::verify` holds for imported rows exactly as for others.

use gongkai_core::request::{self, RequestEvent};
use rusqlite::{params, params_from_iter, Connection, ToSql};

use super::register::{input_values, ymd, Actor, CheckedRequest, INPUT_COLUMNS};
use crate::audit;
use crate::progress::Progress;
use crate::{Error, Result};

/// Rows per `INSERT … SELECT`: the full-text index gets a segment per chunk and the progress bar
/// a step.
const CHUNK: usize = 2_000;

/// One request to write: checked, numbered, with its history (the 登记 event first).
pub(crate) struct BulkRequest<'a> {
    pub request: &'a CheckedRequest,
    pub number: &'a str,
    pub events: Vec<RequestEvent>,
}

fn fail(e: rusqlite::Error) -> Error {
    Error::sqlite("导入申请", e)
}

/// Writes `rows` (all marked imported) inside the caller's transaction, reporting rows written to
/// `progress` (already started on the 写入 stage with `rows.len()`).
pub(crate) fn write(tx: &Connection, source: &str, rows: &[BulkRequest<'_>], actor: &Actor, progress: &mut Progress<'_>) -> Result<()> {
    // The input columns are register.rs's, bound by the same function as a registration's.
    let columns = INPUT_COLUMNS.join(", ");
    tx.execute_batch(&format!(
        "CREATE TEMP TABLE IF NOT EXISTS import_request (
             k INTEGER PRIMARY KEY, {columns}, status, received_date, concluded_date, result_code);
         CREATE TEMP TABLE IF NOT EXISTS import_event (
             k INTEGER PRIMARY KEY, request_k INTEGER, seq INTEGER, kind TEXT, event_date TEXT, payload TEXT);
         DELETE FROM temp.import_request; DELETE FROM temp.import_event;"
    ))
    .map_err(fail)?;
    let stamp = actor.stamp();
    // Where each request's events start among the staged events (and, last, their count): a
    // chunk of requests copies its events by a range of the events' own key.
    let mut event_start: Vec<i64> = Vec::with_capacity(rows.len() + 1);
    let mut events_staged: i64 = 0;
    {
        let mut put_request = tx
            .prepare_cached(&format!(
                "INSERT INTO temp.import_request VALUES (?, {}, ?, ?, ?, ?)",
                vec!["?"; INPUT_COLUMNS.len()].join(", ")
            ))
            .map_err(fail)?;
        let mut put_event = tx
            .prepare_cached("INSERT INTO temp.import_event (k, request_k, seq, kind, event_date, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .map_err(fail)?;
        for (k, row) in rows.iter().enumerate() {
            event_start.push(events_staged);
            let s = request::summarize(&row.events);
            let status = s.status.ok_or_else(|| Error::Validation("办理记录缺少登记".into()))?;
            let received = s.received.ok_or_else(|| Error::Validation("办理记录缺少登记".into()))?;
            let k = k as i64;
            let input = input_values(row.request, row.number);
            let (received, concluded, result) = (ymd(received), s.concluded.map(ymd), s.result.map(|r| r.code()));
            let head: [&dyn ToSql; 1] = [&k];
            let tail: [&dyn ToSql; 4] = [&status.code(), &received, &concluded, &result];
            put_request
                .execute(params_from_iter(head.into_iter().chain(input.iter().map(|v| v as &dyn ToSql)).chain(tail)))
                .map_err(fail)?;
            for (i, event) in row.events.iter().enumerate() {
                let payload = serde_json::to_string(&event.detail)
                    .map_err(|e| Error::Validation(format!("办理记录无法保存：{e}")))?;
                put_event
                    .execute(params![events_staged, k, i as i64 + 1, event.detail.kind().code(), ymd(event.date), payload])
                    .map_err(fail)?;
                events_staged += 1;
            }
        }
        event_start.push(events_staged);
    }
    // Requests first, then their events: half of the progress each.
    let total = rows.len();
    let mut insert_requests = tx
        .prepare_cached(&format!(
            "INSERT INTO main.request (id, {columns}, created_at, status, received_date, concluded_date, result_code, imported)
             SELECT ?4 + k + 1, {columns}, ?3, status, received_date, concluded_date, result_code, 1
             FROM temp.import_request WHERE k >= ?1 AND k < ?2 ORDER BY k"
        ))
        .map_err(fail)?;
    let mut insert_events = tx
        .prepare_cached(
            "INSERT INTO main.request_event (request_id, seq, kind, event_date, payload, operator, recorded_at, imported)
             SELECT ?5 + e.request_k + 1, e.seq, e.kind, e.event_date, e.payload, ?3, ?4, 1
             FROM temp.import_event e WHERE e.k >= ?1 AND e.k < ?2 ORDER BY e.k",
        )
        .map_err(fail)?;
    let last_id = |table: &str| -> Result<i64> {
        tx.query_row(&format!("SELECT coalesce(max(rowid), 0) FROM main.{table}"), [], |r| r.get(0)).map_err(fail)
    };
    // Each request gets the id SQLite would give it row by row (one past the largest), written
    // out so that its events need no lookup by 受理编号.
    let (requests_before, events_before) = (last_id("request")?, last_id("request_event")?);
    // The rows are logged below, a few entries for the lot, instead of an entry each.
    audit::batch::suspend(tx)?;
    let mut from = 0;
    while from < total {
        let to = (from + CHUNK).min(total);
        insert_requests.execute(params![from as i64, to as i64, stamp, requests_before]).map_err(fail)?;
        progress.advance(to / 2);
        from = to;
    }
    let mut from = 0;
    while from < total {
        let to = (from + CHUNK).min(total);
        insert_events.execute(params![event_start[from], event_start[to], actor.operator, stamp, requests_before]).map_err(fail)?;
        progress.advance(total / 2 + to - to / 2);
        from = to;
    }
    audit::batch::resume(tx)?;
    audit::batch::log_rows(tx, source, &[("request", requests_before), ("request_event", events_before)])?;
    tx.execute_batch("DELETE FROM temp.import_request; DELETE FROM temp.import_event;").map_err(fail)?;
    Ok(())
}
