//! The bulk path of a request import (issue 22): every row is checked before this runs, then
//! each request is written once in its final state (projection columns included) together with
//! its events, in a few set-wise statements instead of a handful of statements per row.
//!
//! Why set-wise: FTS5 writes its pending index entries to disk at the start of every statement
//! that opens a statement savepoint (`fts5SavepointMethod`), so an import that wrote a request
//! and then its events row by row gave the full-text index a one-row segment per request, and
//! FTS5's merging of those segments grew with the index already there: each 50,000-row chunk of
//! the benchmark took longer than the last. Rows are staged in TEMP tables (no triggers, no
//! index), then copied into `request` and `request_event` by `INSERT … SELECT`s of up to
//! [`BATCH`] rows each, so the full-text index receives whole batches and the window's progress
//! bar still moves between them. Batches are written as the importer hands them over, while it
//! reads on (exchange.rs): reading the file and writing the ledger share the machine's cores. The audit trail gets compact entries for the lot
//! (`crates/ledger/src/audit/batch.rs`: the source file once, a digest per row) instead of a
//! whole row's JSON per row; `audit::verify` holds for imported rows exactly as for others.

use gongkai_core::request::{self, RequestEvent};
use rusqlite::{params, params_from_iter, Connection, ToSql};

use super::register::{input_values, ymd, Actor, CheckedRequest, INPUT_COLUMNS};
use crate::audit;
use crate::{Error, Result};

/// Rows per batch, and so per `INSERT … SELECT`: the full-text index gets a segment per batch and
/// the progress bar a step.
pub(crate) const BATCH: usize = 2_000;

/// One request to write: checked, numbered, with its history (the 登记 event first).
pub(crate) struct BulkRequest<'a> {
    /// The file's line, for an error.
    pub line: usize,
    pub request: &'a CheckedRequest,
    pub number: &'a str,
    pub events: Vec<RequestEvent>,
}

fn fail(e: rusqlite::Error) -> Error {
    Error::sqlite("导入申请", e)
}

/// What became of the rows staged so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Batch {
    /// Staged, and written once enough were staged ([`BulkWriter::written`] says how many).
    Staged,
    /// A 受理编号 among the rows not yet written is already in the ledger: none of them was
    /// written ([`BulkWriter::taken`] names them).
    NumberTaken,
}

/// Writes requests (all marked imported) inside the caller's transaction, a batch at a time, so
/// that an importer can write what it has checked while it reads on: [`BulkWriter::begin`],
/// [`BulkWriter::write`] for each batch, then [`BulkWriter::finish`], which writes what is still
/// staged and logs every row written to the audit trail. The caller's transaction must not commit
/// without `finish`: `verify` would name each row left unlogged.
pub(crate) struct BulkWriter<'t> {
    tx: &'t Connection,
    operator: String,
    stamp: String,
    /// The largest request and event ids before the first batch: each request gets the id
    /// SQLite would give it row by row (one past the largest), written out so that its events
    /// need no lookup by 受理编号, and the audit entries log every row above them.
    requests_before: i64,
    events_before: i64,
    /// Requests and events staged so far (the staging tables' next keys), and written so far.
    staged: i64,
    events_staged: i64,
    written: i64,
    events_written: i64,
}

/// Staged rows copied into the ledger by one `INSERT … SELECT` once this many wait: a batch.
/// (Copies of 10,000 rows with FTS5 holding 64 MB of pending entries, for fewer segments to
/// merge, measured no faster on the benchmark's 100,000-row import.)
const WRITE_EVERY: i64 = BATCH as i64;

impl<'t> BulkWriter<'t> {
    pub(crate) fn begin(tx: &'t Connection, actor: &Actor) -> Result<BulkWriter<'t>> {
        // The input columns are register.rs's, bound by the same function as a registration's.
        let columns = INPUT_COLUMNS.join(", ");
        tx.execute_batch(&format!(
            "CREATE TEMP TABLE IF NOT EXISTS import_request (
                 k INTEGER PRIMARY KEY, line INTEGER, {columns}, status, received_date, concluded_date, result_code);
             CREATE TEMP TABLE IF NOT EXISTS import_event (
                 k INTEGER PRIMARY KEY, request_k INTEGER, seq INTEGER, kind TEXT, event_date TEXT, payload TEXT);
             DELETE FROM temp.import_request; DELETE FROM temp.import_event;"
        ))
        .map_err(fail)?;
        let last_id = |table: &str| -> Result<i64> {
            tx.query_row(&format!("SELECT coalesce(max(rowid), 0) FROM main.{table}"), [], |r| r.get(0)).map_err(fail)
        };
        let (requests_before, events_before) = (last_id("request")?, last_id("request_event")?);
        // The rows are logged by `finish`, a few entries for the lot, instead of an entry each.
        audit::batch::suspend(tx)?;
        Ok(BulkWriter {
            tx,
            operator: actor.operator.clone(),
            stamp: actor.stamp(),
            requests_before,
            events_before,
            staged: 0,
            events_staged: 0,
            written: 0,
            events_written: 0,
        })
    }

    /// Requests written so far.
    pub(crate) fn written(&self) -> usize {
        self.written as usize
    }

    /// Stages one batch in the TEMP tables, and copies what is staged into `request` and
    /// `request_event` (one `INSERT … SELECT` each) once [`WRITE_EVERY`] rows wait.
    pub(crate) fn write(&mut self, rows: &[BulkRequest<'_>]) -> Result<Batch> {
        let tx = self.tx;
        let mut put_request = tx
            .prepare_cached(&format!(
                "INSERT INTO temp.import_request VALUES (?, ?, {}, ?, ?, ?, ?)",
                vec!["?"; INPUT_COLUMNS.len()].join(", ")
            ))
            .map_err(fail)?;
        let mut put_event = tx
            .prepare_cached("INSERT INTO temp.import_event (k, request_k, seq, kind, event_date, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .map_err(fail)?;
        for row in rows {
            let s = request::summarize(&row.events);
            let status = s.status.ok_or_else(|| Error::Validation("办理记录缺少登记".into()))?;
            let received = s.received.ok_or_else(|| Error::Validation("办理记录缺少登记".into()))?;
            let (k, line) = (self.staged, row.line as i64);
            let input = input_values(row.request, row.number);
            let (received, concluded, result) = (ymd(received), s.concluded.map(ymd), s.result.map(|r| r.code()));
            let head: [&dyn ToSql; 2] = [&k, &line];
            let tail: [&dyn ToSql; 4] = [&status.code(), &received, &concluded, &result];
            put_request
                .execute(params_from_iter(head.into_iter().chain(input.iter().map(|v| v as &dyn ToSql)).chain(tail)))
                .map_err(fail)?;
            for (i, event) in row.events.iter().enumerate() {
                let payload = serde_json::to_string(&event.detail)
                    .map_err(|e| Error::Validation(format!("办理记录无法保存：{e}")))?;
                put_event
                    .execute(params![self.events_staged, k, i as i64 + 1, event.detail.kind().code(), ymd(event.date), payload])
                    .map_err(fail)?;
                self.events_staged += 1;
            }
            self.staged += 1;
        }
        if self.staged - self.written >= WRITE_EVERY {
            return self.copy();
        }
        Ok(Batch::Staged)
    }

    /// Copies the rows staged and not yet written into the ledger. A 受理编号 already in the
    /// ledger is found by the table's UNIQUE index rather than looked up row by row: the copy is
    /// then undone (its statement alone) and [`Batch::NumberTaken`] returned.
    fn copy(&mut self) -> Result<Batch> {
        if self.staged == self.written {
            return Ok(Batch::Staged);
        }
        let tx = self.tx;
        let columns = INPUT_COLUMNS.join(", ");
        let inserted = tx
            .prepare_cached(&format!(
                "INSERT INTO main.request (id, {columns}, created_at, status, received_date, concluded_date, result_code, imported)
                 SELECT ?4 + k + 1, {columns}, ?3, status, received_date, concluded_date, result_code, 1
                 FROM temp.import_request WHERE k >= ?1 AND k < ?2 ORDER BY k"
            ))
            .and_then(|mut s| s.execute(params![self.written, self.staged, self.stamp, self.requests_before]));
        match inserted {
            Ok(_) => {}
            // `number` is the one UNIQUE column the staged rows can collide on (ids are new, and
            // the file's own repeats were refused while it was checked).
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
                return Ok(Batch::NumberTaken);
            }
            Err(e) => return Err(fail(e)),
        }
        tx.prepare_cached(
            "INSERT INTO main.request_event (request_id, seq, kind, event_date, payload, operator, recorded_at, imported)
             SELECT ?5 + e.request_k + 1, e.seq, e.kind, e.event_date, e.payload, ?3, ?4, 1
             FROM temp.import_event e WHERE e.k >= ?1 AND e.k < ?2 ORDER BY e.k",
        )
        .and_then(|mut s| s.execute(params![self.events_written, self.events_staged, self.operator, self.stamp, self.requests_before]))
        .map_err(fail)?;
        (self.written, self.events_written) = (self.staged, self.events_staged);
        Ok(Batch::Staged)
    }

    /// The staged rows not written whose 受理编号 is already in the ledger, as (line, 受理编号).
    pub(crate) fn taken(&self) -> Result<Vec<(usize, String)>> {
        let mut stmt = self
            .tx
            .prepare_cached(
                "SELECT t.line, t.number FROM temp.import_request t
                 WHERE t.k >= ?1 AND EXISTS (SELECT 1 FROM main.request r WHERE r.number = t.number) ORDER BY t.k",
            )
            .map_err(fail)?;
        let rows = stmt.query_map([self.written], |r| Ok((r.get::<_, i64>(0)? as usize, r.get(1)?))).map_err(fail)?;
        rows.collect::<std::result::Result<_, _>>().map_err(fail)
    }

    /// Writes what is still staged.
    pub(crate) fn finish_writing(&mut self) -> Result<Batch> {
        self.copy()
    }

    /// Logs every row written to the audit trail (naming `source`, the file) and clears the
    /// staging tables; after [`BulkWriter::finish_writing`].
    pub(crate) fn finish(self, source: &str) -> Result<()> {
        audit::batch::resume(self.tx)?;
        audit::batch::log_rows(self.tx, source, &[("request", self.requests_before), ("request_event", self.events_before)])?;
        self.tx
            .execute_batch("DELETE FROM temp.import_request; DELETE FROM temp.import_event;")
            .map_err(fail)?;
        Ok(())
    }
}
