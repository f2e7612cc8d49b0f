//! The bulk path of a document write (issue 22): `insert_all` and the document importer check
//! every row first, then write the lot in a few set-wise statements, as the request import does
//! (`crates/ledger/src/requests/bulk.rs`, which explains why). Written row by row, each document
//! became a one-row segment of the trigram index: FTS5 flushes its pending entries at the start
//! of every statement that opens a statement savepoint, and the status row, the edit record and
//! the 要件 update that followed each document were such statements; 100,000 documents took
//! minutes. Here rows are staged in TEMP tables and copied by `INSERT … SELECT`s of [`CHUNK`]
//! documents each, so the full-text index receives whole chunks, and the audit trail gets compact
//! `import_batch` entries (`crates/ledger/src/audit/batch.rs`) instead of a whole row per row.
//!
//! What is written is what `write::insert` writes for each document in turn: the document with
//! its 要件 projection (`missing`, from the core rule), its first status row (linked to the
//! 状态变更依据 already in the register or earlier in the batch), its interpretations and the 登记
//! edit record. Ids are the ones SQLite would have given row by row (one past the largest).

use std::borrow::Borrow;

use gongkai_core::document::{self as rules, Elements};
use rusqlite::{params, params_from_iter, Connection, ToSql};

use super::validate::{ValidDocument, WriteSource};
use super::write::{department_id, document_values, duplicate, duplicate_message, now, opt_ymd, status_reason, DOCUMENT_COLUMNS};
use crate::progress::Progress;
use crate::{audit, Error, Result};

/// Documents per `INSERT … SELECT`: the full-text index gets a segment per chunk and the
/// progress bar a step (smaller chunks would give the index more segments to merge).
const CHUNK: usize = 2_000;

/// The tables a document write adds rows to, logged by the batch's audit entries.
const TABLES: [&str; 5] = ["department", "document", "document_status", "document_interpretation", "document_edit"];

/// What a bulk write did besides adding the documents.
#[derive(Debug, Default)]
pub(crate) struct BulkOutcome {
    /// 起草部门 added to the department list, in order of first use.
    pub added_departments: Vec<String>,
    /// Documents written whose 要件 are not all there.
    pub incomplete: usize,
}

fn fail(e: rusqlite::Error) -> Error {
    Error::sqlite("保存文件", e)
}

/// Writes `docs` inside the caller's transaction, all or none, logging them under `source_label`
/// (the file they came from) and reporting documents written to `progress` (already started on
/// the 写入 stage with `docs.len()`). A 文号 already in the register for the same 制发机关, or twice
/// in `docs`, is a Conflict and writes nothing.
pub(crate) fn write<D: Borrow<ValidDocument>>(
    tx: &Connection,
    docs: &[D],
    source: WriteSource,
    add_departments: bool,
    source_label: &str,
    progress: &mut Progress<'_>,
) -> Result<BulkOutcome> {
    let mut seen = std::collections::HashMap::new();
    for d in docs {
        let d = d.borrow();
        if let Some(first) = seen.insert((d.issuer.as_str(), d.doc_number.as_str()), d.title.as_str()) {
            return Err(Error::Conflict(duplicate_message(&d.issuer, &d.doc_number, first)));
        }
        if let Some((_, title)) = duplicate(tx, &d.issuer, &d.doc_number, None)? {
            return Err(Error::Conflict(duplicate_message(&d.issuer, &d.doc_number, &title)));
        }
    }
    let mut before = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let last: i64 =
            tx.query_row(&format!("SELECT coalesce(max(rowid), 0) FROM main.{table}"), [], |r| r.get(0)).map_err(fail)?;
        before.push((table, last));
    }
    let base = before[1].1;
    audit::batch::suspend(tx)?;
    let mut outcome = BulkOutcome::default();
    let mut departments: std::collections::HashMap<&str, Option<i64>> = std::collections::HashMap::new();
    tx.execute_batch(&format!(
        "CREATE TEMP TABLE IF NOT EXISTS import_document (k INTEGER PRIMARY KEY, {}, missing, status_basis);
         CREATE TEMP TABLE IF NOT EXISTS import_interpretation (k INTEGER PRIMARY KEY, document_k, title, form, published_on, url);
         DELETE FROM temp.import_document; DELETE FROM temp.import_interpretation;",
        DOCUMENT_COLUMNS.join(", ")
    ))
    .map_err(fail)?;
    // Where each document's interpretations start among the staged ones (and, last, their
    // count): a chunk copies its interpretations by a range of their own key.
    let mut interpretation_start: Vec<i64> = Vec::with_capacity(docs.len() + 1);
    let mut staged: i64 = 0;
    {
        let mut put_document = tx
            .prepare(&format!(
                "INSERT INTO temp.import_document VALUES (?, {}, ?, ?)",
                vec!["?"; DOCUMENT_COLUMNS.len()].join(", ")
            ))
            .map_err(fail)?;
        let mut put_interpretation = tx
            .prepare("INSERT INTO temp.import_interpretation (k, document_k, title, form, published_on, url) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .map_err(fail)?;
        for (k, d) in docs.iter().enumerate() {
            let d = d.borrow();
            let department = match &d.drafting_department {
                Some(name) => match departments.get(name.as_str()) {
                    Some(id) => *id,
                    None => {
                        // Unknown names are added (or refused) in the order they are first used,
                        // as row by row.
                        let (id, added) = department_id(tx, name, add_departments)?;
                        if added {
                            outcome.added_departments.push(name.clone());
                        }
                        departments.insert(name, Some(id));
                        Some(id)
                    }
                },
                None => None,
            };
            let elements = Elements {
                disclosure: d.disclosure,
                disclosure_reason: d.disclosure_reason.clone(),
                disclosure_mode: d.disclosure_mode,
                secrecy_reviewed: d.secrecy_reviewed,
                interpretations: d.interpretations.len(),
                no_interpretation_reason: d.no_interpretation_reason.clone(),
            };
            let missing = rules::missing_items(d.category, &elements).join("、");
            if !missing.is_empty() {
                outcome.incomplete += 1;
            }
            let k = k as i64;
            let values = document_values(d, department);
            let head: [&dyn ToSql; 1] = [&k];
            let tail: [&dyn ToSql; 2] = [&missing, &d.status_basis];
            put_document
                .execute(params_from_iter(head.into_iter().chain(values.iter().map(|v| v as &dyn ToSql)).chain(tail)))
                .map_err(fail)?;
            interpretation_start.push(staged);
            for i in &d.interpretations {
                put_interpretation
                    .execute(params![staged, k, i.title, i.form.code(), opt_ymd(i.published_on), i.url])
                    .map_err(fail)?;
                staged += 1;
            }
        }
        interpretation_start.push(staged);
    }
    let at = now();
    let columns = DOCUMENT_COLUMNS.join(", ");
    let mut insert_documents = tx
        .prepare(&format!(
            "INSERT INTO main.document (id, {columns}, missing, source, created_at, updated_at)
             SELECT ?3 + k + 1, {columns}, missing, ?4, ?5, ?5 FROM temp.import_document
             WHERE k >= ?1 AND k < ?2 ORDER BY k"
        ))
        .map_err(fail)?;
    // The 状态变更依据 is linked as row by row: the register's document with that 文号 (the same
    // 制发机关 first), among those written before this one.
    let mut insert_statuses = tx
        .prepare(
            "INSERT INTO main.document_status (document_id, date, status, reason, by_document_id, by_doc_number, source, recorded_at)
             SELECT ?3 + i.k + 1, i.status_since, i.status, ?6,
                    CASE WHEN i.status_basis = '' THEN NULL ELSE
                        (SELECT d.id FROM main.document d WHERE d.doc_number = i.status_basis AND d.id < ?3 + i.k + 1
                          ORDER BY (d.issuer = i.issuer) DESC, d.id LIMIT 1) END,
                    i.status_basis, ?4, ?5
             FROM temp.import_document i WHERE i.k >= ?1 AND i.k < ?2 ORDER BY i.k",
        )
        .map_err(fail)?;
    let mut insert_interpretations = tx
        .prepare(
            "INSERT INTO main.document_interpretation (document_id, title, form, published_on, url, source, recorded_at)
             SELECT ?3 + document_k + 1, title, form, published_on, url, ?4, ?5 FROM temp.import_interpretation
             WHERE k >= ?1 AND k < ?2 ORDER BY k",
        )
        .map_err(fail)?;
    let mut insert_edits = tx
        .prepare(
            "INSERT INTO main.document_edit (document_id, changed, source, recorded_at)
             SELECT ?3 + k + 1, '登记', ?4, ?5 FROM temp.import_document WHERE k >= ?1 AND k < ?2 ORDER BY k",
        )
        .map_err(fail)?;
    let reason = status_reason(source);
    let mut from = 0;
    while from < docs.len() {
        let to = (from + CHUNK).min(docs.len());
        let (f, t) = (from as i64, to as i64);
        insert_documents.execute(params![f, t, base, source.code(), at]).map_err(fail)?;
        insert_statuses.execute(params![f, t, base, source.code(), at, reason]).map_err(fail)?;
        let (fi, ti) = (interpretation_start[from], interpretation_start[to]);
        insert_interpretations.execute(params![fi, ti, base, source.code(), at]).map_err(fail)?;
        insert_edits.execute(params![f, t, base, source.code(), at]).map_err(fail)?;
        progress.advance(to);
        from = to;
    }
    audit::batch::resume(tx)?;
    audit::batch::log_rows(tx, source_label, &before)?;
    tx.execute_batch("DELETE FROM temp.import_document; DELETE FROM temp.import_interpretation;").map_err(fail)?;
    Ok(outcome)
}
