//! The register's list: filters, full-text search, sort orders and paging, and the whole filtered set for exports.

use gongkai_core::document::{
    self as rules, Category, InterpretationForm, Status,
};
use rusqlite::types::Value;
use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::{Error, Ledger, Result};
use super::read::{DOCUMENT_COLUMNS, DOCUMENT_FROM, Document, InterpretationRecord, code, document_from_row, opt_date};

pub const MAX_PAGE_SIZE: u32 = 500;
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentSort {
    #[default]
    PublishedOn,
    WrittenOn,
    DocNumber,
    Title,
    UpdatedAt,
}

impl DocumentSort {
    fn column(self) -> &'static str {
        match self {
            DocumentSort::PublishedOn => "d.published_on",
            DocumentSort::WrittenOn => "d.written_on",
            DocumentSort::DocNumber => "d.doc_number",
            DocumentSort::Title => "d.title",
            DocumentSort::UpdatedAt => "d.updated_at",
        }
    }
}

/// The list's search box, filters, sort and page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DocumentFilter {
    /// Words to find in 文件名称, 文号 and 备注.
    pub query: String,
    pub category: Option<Category>,
    pub status: Option<Status>,
    /// Year of the 发布日期.
    pub year: Option<i32>,
    pub department_id: Option<i64>,
    /// true = 要件齐全 only, false = incomplete only.
    pub complete: Option<bool>,
    pub sort: DocumentSort,
    pub descending: bool,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
    /// Count every match of a search, however many (the clerk asked for the exact number);
    /// otherwise a search counts up to `SEARCH_COUNT_CAP` and says "more" beyond.
    pub exact_total: bool,
}

impl Default for DocumentFilter {
    fn default() -> Self {
        DocumentFilter {
            query: String::new(),
            category: None,
            status: None,
            year: None,
            department_id: None,
            complete: None,
            sort: DocumentSort::PublishedOn,
            descending: true,
            page: 1,
            page_size: 20,
            exact_total: false,
        }
    }
}

/// A search counts its matches up to this many; beyond, the page says "1,000+ 条" (`total_capped`)
/// until the clerk asks for the exact number or pages to the end of the first thousand (issue 22).
pub const SEARCH_COUNT_CAP: u64 = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentPage {
    /// How many documents match; with `total_capped`, at least this many (a search that matched
    /// more than `SEARCH_COUNT_CAP` and was not asked for the exact number).
    #[ts(type = "number")]
    pub total: u64,
    pub total_capped: bool,
    pub page: u32,
    pub page_size: u32,
    pub rows: Vec<Document>,
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// The WHERE clause and its parameters for `filter` (without sort and page).
fn where_clause(filter: &DocumentFilter) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    for term in filter.query.split_whitespace() {
        // 文号 brackets are stored as 〔 〕: a search for "[2019]" should find them.
        let term = rules::normalize_doc_number(term);
        if term.chars().count() >= 3 {
            clauses.push("d.id IN (SELECT rowid FROM document_fts WHERE document_fts MATCH ?)".into());
            args.push(Value::Text(format!("\"{}\"", term.replace('"', "\"\""))));
        } else {
            // Trigrams cannot match one or two characters: scan instead.
            clauses.push(
                "(d.title LIKE ? ESCAPE '\\' OR d.doc_number LIKE ? ESCAPE '\\' OR d.note LIKE ? ESCAPE '\\')".into(),
            );
            let pattern = format!("%{}%", escape_like(&term));
            args.extend([Value::Text(pattern.clone()), Value::Text(pattern.clone()), Value::Text(pattern)]);
        }
    }
    if let Some(c) = filter.category {
        clauses.push("d.category = ?".into());
        args.push(Value::Text(c.code().into()));
    }
    if let Some(s) = filter.status {
        clauses.push("d.status = ?".into());
        args.push(Value::Text(s.code().into()));
    }
    if let Some(y) = filter.year {
        clauses.push("d.published_on BETWEEN ? AND ?".into());
        args.push(Value::Text(format!("{y:04}-01-01")));
        args.push(Value::Text(format!("{y:04}-12-31")));
    }
    if let Some(dep) = filter.department_id {
        clauses.push("d.drafting_department_id = ?".into());
        args.push(Value::Integer(dep));
    }
    if let Some(c) = filter.complete {
        clauses.push("d.complete = ?".into());
        args.push(Value::Integer(c as i64));
    }
    let sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (sql, args)
}

/// The full-text query of a filter that is nothing but search words of three characters or more
/// (the words joined by AND, as `where_clause` requires each), else None.
fn fts_only(filter: &DocumentFilter) -> Option<String> {
    let others = filter.category.is_some() || filter.status.is_some() || filter.year.is_some() || filter.department_id.is_some() || filter.complete.is_some();
    let terms: Vec<String> = filter.query.split_whitespace().map(rules::normalize_doc_number).collect();
    if others || terms.is_empty() || terms.iter().any(|t| t.chars().count() < 3) {
        return None;
    }
    Some(terms.iter().map(|t| format!("\"{}\"", t.replace('"', "\"\""))).collect::<Vec<_>>().join(" AND "))
}

fn order_by(filter: &DocumentFilter) -> String {
    let dir = if filter.descending { "DESC" } else { "ASC" };
    format!("ORDER BY {} {dir}, d.id {dir}", filter.sort.column())
}

/// The index that holds a sort order (ascending or descending, ties by id): a search with many
/// matches walks it and keeps the documents that match, so the first page is read without
/// sorting every match (issue 22).
fn sort_index(sort: DocumentSort) -> Option<&'static str> {
    match sort {
        DocumentSort::PublishedOn => Some("document_published"),
        DocumentSort::DocNumber => Some("document_doc_number"),
        DocumentSort::WrittenOn | DocumentSort::Title | DocumentSort::UpdatedAt => None,
    }
}

/// Whether walking the sort order's index beats sorting the matches: the walk visits about
/// `rows × documents / matches` index entries (cheap, in order), sorting looks up every match
/// (a row read each, about ten times an index entry's cost).
fn walk_pays(rows: u64, documents: u64, matches: u64) -> bool {
    rows.saturating_mul(documents) < 10u64.saturating_mul(matches).saturating_mul(matches)
}

/// How many documents `filter` matches, counting no further than `cap + 1` when a cap is given.
fn count_matches(conn: &rusqlite::Connection, filter: &DocumentFilter, clause: &str, args: &[Value], cap: Option<u64>) -> Result<u64> {
    // Search words alone: the full-text index counts its own matches, without a lookup of every
    // matching document; a document and its index entry come and go together.
    let (inner, args) = match fts_only(filter) {
        Some(query) => ("SELECT 1 FROM document_fts WHERE document_fts MATCH ?".to_string(), vec![Value::Text(query)]),
        None => (format!("SELECT 1 FROM document d {clause}"), args.to_vec()),
    };
    let limit = cap.map(|c| format!(" LIMIT {}", c + 1)).unwrap_or_default();
    conn.query_row(&format!("SELECT count(*) FROM ({inner}{limit})"), params_from_iter(args.iter()), |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
        .map_err(|e| Error::sqlite("查询文件", e))
}

/// One page of the filtered, sorted list, and the total count. A search counts its matches up
/// to `SEARCH_COUNT_CAP` unless asked for every one (`exact_total`) or paged to the end of them;
/// the order is the one asked for (发布日期, newest first, unless the clerk sorts by a column).
pub fn list(ledger: &Ledger, filter: &DocumentFilter) -> Result<DocumentPage> {
    let conn = ledger.conn();
    if filter.page_size == 0 || filter.page_size > MAX_PAGE_SIZE {
        return Err(Error::Validation(format!("每页条数应在 1 到 {MAX_PAGE_SIZE} 之间")));
    }
    let page = filter.page.max(1);
    let offset = (page as u64 - 1) * filter.page_size as u64;
    let (clause, args) = where_clause(filter);
    let searching = !filter.query.trim().is_empty();
    let cap = (searching && !filter.exact_total && offset + (filter.page_size as u64) < SEARCH_COUNT_CAP).then_some(SEARCH_COUNT_CAP);
    let counted = count_matches(conn, filter, &clause, &args, cap)?;
    let total_capped = cap.is_some_and(|c| counted > c);
    let total = if total_capped { SEARCH_COUNT_CAP } else { counted };
    // Many matches in an indexed order: walk the index, testing each entry against the matches.
    let walk = match sort_index(filter.sort) {
        Some(index) if searching => {
            let documents: i64 = conn
                .query_row("SELECT coalesce(max(id), 0) FROM document", [], |r| r.get(0))
                .map_err(|e| Error::sqlite("查询文件", e))?;
            walk_pays(offset + filter.page_size as u64, documents as u64, counted).then(|| format!("INDEXED BY {index}"))
        }
        _ => None,
    };
    // The page's ids first, then their columns: the per-row subqueries run for this page only.
    let order = order_by(filter);
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS}
           FROM (SELECT d.id AS page_id FROM document d {} {clause} {order} LIMIT {} OFFSET {offset}) AS p
           JOIN document d ON d.id = p.page_id LEFT JOIN department dep ON dep.id = d.drafting_department_id
          {order}",
        walk.unwrap_or_default(),
        filter.page_size,
    );
    let mut stmt = conn.prepare(&sql).map_err(|e| Error::sqlite("查询文件", e))?;
    let rows =
        stmt.query_map(params_from_iter(args.iter()), document_from_row).map_err(|e| Error::sqlite("查询文件", e))?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("查询文件", e))?;
    Ok(DocumentPage { total, total_capped, page, page_size: filter.page_size, rows })
}

/// Every document matching `filter` (sorted, not paged), with its interpretations: for export.
pub fn list_all(ledger: &Ledger, filter: &DocumentFilter) -> Result<Vec<(Document, Vec<InterpretationRecord>)>> {
    let conn = ledger.conn();
    let (clause, args) = where_clause(filter);
    let sql = format!("SELECT {DOCUMENT_COLUMNS} {DOCUMENT_FROM} {clause} {}", order_by(filter));
    let mut stmt = conn.prepare(&sql).map_err(|e| Error::sqlite("查询文件", e))?;
    let docs = stmt
        .query_map(params_from_iter(args.iter()), document_from_row)
        .map_err(|e| Error::sqlite("查询文件", e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::sqlite("查询文件", e))?;
    let mut stmt = conn
        .prepare("SELECT id, title, form, published_on, url, recorded_at FROM document_interpretation WHERE document_id = ?1 ORDER BY id")
        .map_err(|e| Error::sqlite("查询解读材料", e))?;
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        let interps = stmt
            .query_map([d.id], |r| {
                let published_on = opt_date(r, 3)?;
                Ok(InterpretationRecord {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    form: code(r, 2, InterpretationForm::from_code)?,
                    published_on,
                    url: r.get(4)?,
                    in_sync: rules::interpretation_in_sync(d.published_on, published_on),
                    recorded_at: r.get(5)?,
                })
            })
            .map_err(|e| Error::sqlite("查询解读材料", e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| Error::sqlite("查询解读材料", e))?;
        out.push((d, interps));
    }
    Ok(out)
}

/// Years that have documents (by 发布日期), newest first: the year filter's choices.
pub fn years(ledger: &Ledger) -> Result<Vec<i32>> {
    let conn = ledger.conn();
    let mut stmt = conn
        .prepare("SELECT DISTINCT CAST(substr(published_on, 1, 4) AS INTEGER) FROM document ORDER BY 1 DESC")
        .map_err(|e| Error::sqlite("查询年份", e))?;
    let rows = stmt.query_map([], |r| r.get(0)).map_err(|e| Error::sqlite("查询年份", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("查询年份", e))
}


/// How many documents the register holds.
pub fn count(ledger: &Ledger) -> Result<u64> {
    let conn = ledger.conn();
    conn.query_row("SELECT count(*) FROM document", [], |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
        .map_err(|e| Error::sqlite("统计文件", e))
}
