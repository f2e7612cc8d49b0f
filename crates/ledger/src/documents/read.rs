//! One document as stored: the row mapping and the detail view with status history, 解读材料, 退文 and edits.

use chrono::NaiveDate;
use gongkai_core::calendar::Calendar;
use gongkai_core::document::{
    self as rules, Category, Disclosure, DisclosureMode, InterpretationForm,
    PortalDeadline, Status,
};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::{Error, Ledger, Result};
use super::validate::WriteSource;

/// A document as lists, the detail drawer and the edit form show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Document {
    pub id: i64,
    pub title: String,
    pub doc_number: String,
    pub category: Category,
    pub issuer: String,
    pub drafting_department: Option<String>,
    #[ts(type = "string | null")]
    pub written_on: Option<NaiveDate>,
    #[ts(type = "string")]
    pub published_on: NaiveDate,
    #[ts(type = "string | null")]
    pub effective_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub valid_until: Option<NaiveDate>,
    pub status: Status,
    #[ts(type = "string | null")]
    pub status_since: Option<NaiveDate>,
    pub disclosure: Option<Disclosure>,
    pub disclosure_reason: String,
    pub disclosure_mode: Option<DisclosureMode>,
    pub secrecy_reviewed: Option<bool>,
    pub secrecy_reviewer: String,
    #[ts(type = "string | null")]
    pub secrecy_reviewed_on: Option<NaiveDate>,
    pub no_interpretation_reason: Option<String>,
    #[ts(type = "string | null")]
    pub portal_published_on: Option<NaiveDate>,
    pub portal_url: String,
    /// 索引号
    pub index_number: String,
    pub note: String,
    /// 要件齐全
    pub complete: bool,
    /// What is missing, e.g. ["解读材料", "保密审查"].
    pub missing: Vec<String>,
    /// Returned (退文) and not resubmitted yet.
    pub awaiting_resubmission: bool,
    /// Some interpretation was published after the document (not 同步).
    pub unsynced_interpretation: bool,
    pub interpretation_count: u32,
}

pub(super) const DOCUMENT_COLUMNS: &str = "d.id, d.title, d.doc_number, d.category, d.issuer, dep.name, d.written_on, d.published_on,
    d.effective_on, d.valid_until, d.status, d.status_since, d.disclosure, d.disclosure_reason, d.disclosure_mode,
    d.secrecy_reviewed, d.secrecy_reviewer, d.secrecy_reviewed_on, d.no_interpretation_reason, d.portal_published_on,
    d.portal_url, d.note, d.missing,
    coalesce((SELECT r.kind = 'returned' FROM document_return r WHERE r.document_id = d.id ORDER BY r.date DESC, r.id DESC LIMIT 1), 0),
    EXISTS (SELECT 1 FROM document_interpretation i WHERE i.document_id = d.id AND i.published_on > d.published_on),
    (SELECT count(*) FROM document_interpretation i WHERE i.document_id = d.id), d.index_number";

pub(super) const DOCUMENT_FROM: &str = "FROM document d LEFT JOIN department dep ON dep.id = d.drafting_department_id";

pub(super) fn opt_date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = r.get(i)?;
    Ok(s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
}

pub(super) fn code<T>(r: &Row<'_>, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    parse(&s).ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, s.into()))
}

fn opt_code<T>(r: &Row<'_>, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = r.get(i)?;
    Ok(s.and_then(|s| parse(&s)))
}

pub(super) fn document_from_row(r: &Row<'_>) -> rusqlite::Result<Document> {
    let missing: String = r.get(22)?;
    let missing: Vec<String> = missing.split('、').filter(|s| !s.is_empty()).map(str::to_string).collect();
    Ok(Document {
        id: r.get(0)?,
        title: r.get(1)?,
        doc_number: r.get(2)?,
        category: code(r, 3, Category::from_code)?,
        issuer: r.get(4)?,
        drafting_department: r.get(5)?,
        written_on: opt_date(r, 6)?,
        published_on: opt_date(r, 7)?.unwrap_or_default(),
        effective_on: opt_date(r, 8)?,
        valid_until: opt_date(r, 9)?,
        status: code(r, 10, Status::from_code)?,
        status_since: opt_date(r, 11)?,
        disclosure: opt_code(r, 12, Disclosure::from_code)?,
        disclosure_reason: r.get(13)?,
        disclosure_mode: opt_code(r, 14, DisclosureMode::from_code)?,
        secrecy_reviewed: r.get::<_, Option<i64>>(15)?.map(|v| v != 0),
        secrecy_reviewer: r.get(16)?,
        secrecy_reviewed_on: opt_date(r, 17)?,
        no_interpretation_reason: r.get(18)?,
        portal_published_on: opt_date(r, 19)?,
        portal_url: r.get(20)?,
        note: r.get(21)?,
        complete: missing.is_empty(),
        missing,
        awaiting_resubmission: r.get::<_, i64>(23)? != 0,
        unsynced_interpretation: r.get::<_, i64>(24)? != 0,
        interpretation_count: r.get::<_, i64>(25)? as u32,
        index_number: r.get(26)?,
    })
}

pub(super) fn load(conn: &Connection, id: i64) -> Result<Document> {
    conn.query_row(&format!("SELECT {DOCUMENT_COLUMNS} {DOCUMENT_FROM} WHERE d.id = ?1"), [id], document_from_row)
        .optional()
        .map_err(|e| Error::sqlite("读取文件", e))?
        .ok_or_else(|| Error::NotFound(format!("文件台账中没有编号为 {id} 的文件")))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusRecord {
    pub id: i64,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub status: Status,
    pub reason: String,
    /// The amending or repealing document, when it is in the register.
    pub by_document_id: Option<i64>,
    pub by_doc_number: String,
    pub by_title: Option<String>,
    pub source: WriteSource,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InterpretationRecord {
    pub id: i64,
    pub title: String,
    pub form: InterpretationForm,
    #[ts(type = "string | null")]
    pub published_on: Option<NaiveDate>,
    pub url: String,
    /// 同步: published no later than the document.
    pub in_sync: bool,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReturnKind {
    /// 退文
    Returned,
    /// 重新报送
    Resubmitted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReturnRecord {
    pub id: i64,
    pub kind: ReturnKind,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub reason: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EditRecord {
    /// Field labels joined by "、", or "登记" for the registration itself.
    pub changed: String,
    pub source: WriteSource,
    pub recorded_at: String,
}

/// Everything the detail drawer shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentDetail {
    pub document: Document,
    pub history: Vec<StatusRecord>,
    pub interpretations: Vec<InterpretationRecord>,
    pub returns: Vec<ReturnRecord>,
    pub edits: Vec<EditRecord>,
    /// Art. 26 deadline, for documents disclosed actively.
    pub portal: Option<PortalDeadline>,
}

fn source_from(s: &str) -> Option<WriteSource> {
    match s {
        "window" => Some(WriteSource::Window),
        "import" => Some(WriteSource::Import),
        "cli" => Some(WriteSource::Cli),
        _ => None,
    }
}

pub(super) fn collect<T>(conn: &Connection, sql: &str, id: i64, f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql).map_err(|e| Error::sqlite("读取文件记录", e))?;
    let rows = stmt.query_map([id], f).map_err(|e| Error::sqlite("读取文件记录", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取文件记录", e))
}

/// One document with its status history, interpretations, returns and edits.
pub fn get(ledger: &Ledger, id: i64, cal: &Calendar, today: NaiveDate) -> Result<DocumentDetail> {
    let conn = ledger.conn();
    let document = load(conn, id)?;
    let history = collect(
        conn,
        "SELECT s.id, s.date, s.status, s.reason, s.by_document_id, s.by_doc_number, b.title, s.source, s.recorded_at
           FROM document_status s LEFT JOIN document b ON b.id = s.by_document_id
          WHERE s.document_id = ?1 ORDER BY s.date, s.id",
        id,
        |r| {
            Ok(StatusRecord {
                id: r.get(0)?,
                date: opt_date(r, 1)?.unwrap_or_default(),
                status: code(r, 2, Status::from_code)?,
                reason: r.get(3)?,
                by_document_id: r.get(4)?,
                by_doc_number: r.get(5)?,
                by_title: r.get(6)?,
                source: code(r, 7, source_from)?,
                recorded_at: r.get(8)?,
            })
        },
    )?;
    let published = document.published_on;
    let interpretations = collect(
        conn,
        "SELECT id, title, form, published_on, url, recorded_at FROM document_interpretation
          WHERE document_id = ?1 ORDER BY coalesce(published_on, '9999'), id",
        id,
        |r| {
            let published_on = opt_date(r, 3)?;
            Ok(InterpretationRecord {
                id: r.get(0)?,
                title: r.get(1)?,
                form: code(r, 2, InterpretationForm::from_code)?,
                published_on,
                url: r.get(4)?,
                in_sync: rules::interpretation_in_sync(published, published_on),
                recorded_at: r.get(5)?,
            })
        },
    )?;
    let returns = collect(
        conn,
        "SELECT id, kind, date, reason, recorded_at FROM document_return WHERE document_id = ?1 ORDER BY date, id",
        id,
        |r| {
            let kind: String = r.get(1)?;
            Ok(ReturnRecord {
                id: r.get(0)?,
                kind: if kind == "returned" { ReturnKind::Returned } else { ReturnKind::Resubmitted },
                date: opt_date(r, 2)?.unwrap_or_default(),
                reason: r.get(3)?,
                recorded_at: r.get(4)?,
            })
        },
    )?;
    let edits = collect(
        conn,
        "SELECT changed, source, recorded_at FROM document_edit WHERE document_id = ?1 ORDER BY id",
        id,
        |r| Ok(EditRecord { changed: r.get(0)?, source: code(r, 1, source_from)?, recorded_at: r.get(2)? }),
    )?;
    let portal = rules::portal_deadline(
        cal,
        document.disclosure_mode,
        document.written_on,
        document.published_on,
        document.portal_published_on,
        today,
    );
    Ok(DocumentDetail { document, history, interpretations, returns, edits, portal })
}

/// 状态变更依据 of every document whose current status names one: document id → the 文号 on its
/// latest status row (for the export, which carries it so that a file imports back unchanged).
pub(crate) fn status_bases(ledger: &Ledger) -> Result<std::collections::HashMap<i64, String>> {
    let conn = ledger.conn();
    let mut stmt = conn
        .prepare(
            "SELECT s.document_id, s.by_doc_number FROM document_status s
              WHERE s.id = (SELECT t.id FROM document_status t WHERE t.document_id = s.document_id
                             ORDER BY t.date DESC, t.id DESC LIMIT 1)
                AND s.by_doc_number <> ''",
        )
        .map_err(|e| Error::sqlite("读取状态记录", e))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .map_err(|e| Error::sqlite("读取状态记录", e))?;
    rows.collect::<rusqlite::Result<_>>().map_err(|e| Error::sqlite("读取状态记录", e))
}
