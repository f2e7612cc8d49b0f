//! Writing the register: creating, editing, status changes, 解读材料 and 退文, each in one transaction, recording edits and keeping the 要件 projection.

use chrono::NaiveDate;
use gongkai_core::dates::ymd;
use gongkai_core::document::{
    self as rules, Category, Disclosure, DisclosureMode, Elements, Status,
};
use gongkai_core::AppError;
use std::sync::LazyLock;

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, ToSql, Transaction};
use crate::{Error, Ledger, Result};
use super::read::{Document, ReturnKind, load};
use super::validate::{DocumentInput, InterpretationInput, MAX_SHORT, MAX_TEXT, ReturnInput, StatusChangeInput, ValidDocument, ValidInterpretation, WriteSource, date, field_errors_to_error, text, validate, validate_interpretation};

pub(super) fn now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}


pub(super) fn opt_ymd(d: Option<NaiveDate>) -> Option<String> {
    d.map(ymd)
}

/// The department's id; unknown names are added when `add_missing`, otherwise refused.
/// Returns whether it was added.
pub(super) fn department_id(tx: &Connection, name: &str, add_missing: bool) -> Result<(i64, bool)> {
    if let Some(id) = tx
        .query_row("SELECT id FROM department WHERE name = ?1", [name], |r| r.get::<_, i64>(0))
        .optional()
        .map_err(|e| Error::sqlite("读取部门", e))?
    {
        return Ok((id, false));
    }
    if !add_missing {
        return Err(Error::Validation(format!("起草部门：“{name}”不在部门列表中，请先在“设置”中添加该部门")));
    }
    tx.execute(
        "INSERT INTO department (name, sort, retired) VALUES (?1, (SELECT coalesce(max(sort), -1) + 1 FROM department), 0)",
        [name],
    )
    .map_err(|e| Error::sqlite("添加部门", e))?;
    Ok((tx.last_insert_rowid(), true))
}

/// The register's document with this 文号 for this 制发机关, other than `except`.
pub(super) fn duplicate(conn: &Connection, issuer: &str, doc_number: &str, except: Option<i64>) -> Result<Option<(i64, String)>> {
    conn.query_row(
        "SELECT id, title FROM document WHERE issuer = ?1 AND doc_number = ?2 AND id IS NOT ?3",
        params![issuer, doc_number, except],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map_err(|e| Error::sqlite("检查文号", e))
}

pub(super) fn duplicate_message(issuer: &str, doc_number: &str, title: &str) -> String {
    format!("文号：{issuer}已登记文号为“{doc_number}”的文件《{title}》，同一制发机关的文号不能重复")
}

/// Recomputes the 要件 projection from the stored facts with the core rule.
fn refresh_missing(tx: &Connection, id: i64) -> Result<()> {
    let (category, disclosure, reason, mode, secrecy, no_interp, interps): (
        String,
        Option<String>,
        String,
        Option<String>,
        Option<i64>,
        Option<String>,
        i64,
    ) = tx
        .query_row(
            "SELECT category, disclosure, disclosure_reason, disclosure_mode, secrecy_reviewed, no_interpretation_reason,
                    (SELECT count(*) FROM document_interpretation WHERE document_id = d.id)
               FROM document d WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .map_err(|e| Error::sqlite("检查要件", e))?;
    let elements = Elements {
        disclosure: disclosure.as_deref().and_then(Disclosure::from_code),
        disclosure_reason: reason,
        disclosure_mode: mode.as_deref().and_then(DisclosureMode::from_code),
        secrecy_reviewed: secrecy.map(|v| v != 0),
        interpretations: interps as usize,
        no_interpretation_reason: no_interp,
    };
    let category = Category::from_code(&category).unwrap_or(Category::OtherPolicy);
    let missing = rules::missing_items(category, &elements).join("、");
    tx.execute("UPDATE document SET missing = ?1 WHERE id = ?2 AND missing IS NOT ?1", params![missing, id])
        .map_err(|e| Error::sqlite("检查要件", e))?;
    Ok(())
}

fn insert_interpretation(
    tx: &Connection,
    id: i64,
    i: &ValidInterpretation,
    source: WriteSource,
    at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO document_interpretation (document_id, title, form, published_on, url, source, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, i.title, i.form.code(), opt_ymd(i.published_on), i.url, source.code(), at],
    )
    .map_err(|e| Error::sqlite("保存解读材料", e))?;
    Ok(())
}

/// What `insert` did besides adding the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inserted {
    pub id: i64,
    pub added_department: Option<String>,
}

/// Writes already validated documents in one transaction, all or none, in bulk (`bulk.rs`:
/// set-wise statements, compact audit entries); an import goes through `exchange`, which
/// validates and reports progress too.
pub fn insert_all(ledger: &mut Ledger, docs: &[ValidDocument], source: WriteSource, add_departments: bool) -> Result<usize> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    ledger.with_tx(|tx| {
        super::bulk::write(tx, docs, source, add_departments, "批量登记", &mut crate::progress::Progress::none())?;
        Ok(docs.len())
    })
}

/// The columns of `document` a registration takes from the validated document, in the order
/// [`document_values`] binds them: `insert` and the bulk path (`bulk.rs`) both write these
/// through the pair, so a column added here is written by both (the array lengths must agree).
pub(super) const DOCUMENT_COLUMNS: [&str; 22] = [
    "title",
    "doc_number",
    "category",
    "issuer",
    "drafting_department_id",
    "written_on",
    "published_on",
    "effective_on",
    "valid_until",
    "status",
    "status_since",
    "disclosure",
    "disclosure_reason",
    "disclosure_mode",
    "secrecy_reviewed",
    "secrecy_reviewer",
    "secrecy_reviewed_on",
    "no_interpretation_reason",
    "portal_published_on",
    "portal_url",
    "note",
    "index_number",
];

/// The values of [`DOCUMENT_COLUMNS`] for `doc` drafted by department `department`, in that order.
pub(super) fn document_values(doc: &ValidDocument, department: Option<i64>) -> [Value; DOCUMENT_COLUMNS.len()] {
    let text = |s: &str| Value::Text(s.to_string());
    let date = |d: Option<NaiveDate>| d.map_or(Value::Null, |d| Value::Text(ymd(d)));
    [
        text(&doc.title),
        text(&doc.doc_number),
        text(doc.category.code()),
        text(&doc.issuer),
        department.map_or(Value::Null, Value::Integer),
        date(doc.written_on),
        date(Some(doc.published_on)),
        date(doc.effective_on),
        date(doc.valid_until),
        text(doc.status.code()),
        date(Some(doc.status_date)),
        doc.disclosure.map_or(Value::Null, |d| text(d.code())),
        text(&doc.disclosure_reason),
        doc.disclosure_mode.map_or(Value::Null, |m| text(m.code())),
        doc.secrecy_reviewed.map_or(Value::Null, |v| Value::Integer(i64::from(v))),
        text(&doc.secrecy_reviewer),
        date(doc.secrecy_reviewed_on),
        doc.no_interpretation_reason.as_deref().map_or(Value::Null, text),
        date(doc.portal_published_on),
        text(&doc.portal_url),
        text(&doc.note),
        text(&doc.index_number),
    ]
}

/// The reason of a document's first status row.
pub(super) fn status_reason(source: WriteSource) -> &'static str {
    if source == WriteSource::Import { "导入时的状态" } else { "登记时的状态" }
}

/// Writes a validated document inside the caller's transaction: the document, its first status
/// row, its interpretations and the 登记 edit record. Refuses a duplicate 文号 (Conflict).
pub(crate) fn insert(
    tx: &Transaction<'_>,
    doc: &ValidDocument,
    source: WriteSource,
    add_departments: bool,
) -> Result<Inserted> {
    if let Some((_, title)) = duplicate(tx, &doc.issuer, &doc.doc_number, None)? {
        return Err(Error::Conflict(duplicate_message(&doc.issuer, &doc.doc_number, &title)));
    }
    let mut added_department = None;
    let department = match &doc.drafting_department {
        Some(name) => {
            let (id, added) = department_id(tx, name, add_departments)?;
            if added {
                added_department = Some(name.clone());
            }
            Some(id)
        }
        None => None,
    };
    let at = now();
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "INSERT INTO document ({}, source, created_at, updated_at) VALUES ({}, ?, ?, ?)",
            DOCUMENT_COLUMNS.join(", "),
            vec!["?"; DOCUMENT_COLUMNS.len()].join(", ")
        )
    });
    let values = document_values(doc, department);
    let tail: [&dyn ToSql; 3] = [&source.code(), &at, &at];
    tx.execute(&SQL, params_from_iter(values.iter().map(|v| v as &dyn ToSql).chain(tail)))
        .map_err(|e| Error::sqlite("保存文件", e))?;
    let id = tx.last_insert_rowid();
    let reason = status_reason(source);
    // 状态变更依据 links the decision when it is in the register already.
    let by_document_id: Option<i64> = if doc.status_basis.is_empty() {
        None
    } else {
        tx.query_row(
            "SELECT id FROM document WHERE doc_number = ?1 AND id <> ?2 ORDER BY (issuer = ?3) DESC, id LIMIT 1",
            params![doc.status_basis, id, doc.issuer],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| Error::sqlite("保存状态", e))?
    };
    tx.execute(
        "INSERT INTO document_status (document_id, date, status, reason, by_document_id, by_doc_number, source, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, ymd(doc.status_date), doc.status.code(), reason, by_document_id, doc.status_basis, source.code(), at],
    )
    .map_err(|e| Error::sqlite("保存状态", e))?;
    for i in &doc.interpretations {
        insert_interpretation(tx, id, i, source, &at)?;
    }
    tx.execute(
        "INSERT INTO document_edit (document_id, changed, source, recorded_at) VALUES (?1, '登记', ?2, ?3)",
        params![id, source.code(), at],
    )
    .map_err(|e| Error::sqlite("保存文件", e))?;
    refresh_missing(tx, id)?;
    Ok(Inserted { id, added_department })
}

/// Registers a document from the form; the 起草部门 must be in the departments list.
pub fn create(ledger: &mut Ledger, input: &DocumentInput, source: WriteSource) -> Result<i64> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let doc = validate(input).map_err(field_errors_to_error)?;
    ledger.with_tx(|tx| Ok(insert(tx, &doc, source, false)?.id))
}

/// Saves edited fields (not the status, which changes by [`change_status`]), recording which
/// fields changed.
pub fn update(ledger: &mut Ledger, id: i64, input: &DocumentInput, source: WriteSource) -> Result<Document> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let doc = validate(input).map_err(field_errors_to_error)?;
    if !doc.interpretations.is_empty() {
        return Err(Error::Validation("解读材料：请在文件详情中逐条添加".into()));
    }
    ledger.with_tx(|tx| {
        let before = load(tx, id)?;
        if let Some((_, title)) = duplicate(tx, &doc.issuer, &doc.doc_number, Some(id))? {
            return Err(Error::Conflict(duplicate_message(&doc.issuer, &doc.doc_number, &title)));
        }
        let department = match &doc.drafting_department {
            Some(name) => Some(department_id(tx, name, false)?.0),
            None => None,
        };
        let mut changed: Vec<&str> = Vec::new();
        let mut diff = |label: &'static str, same: bool| {
            if !same {
                changed.push(label);
            }
        };
        diff("文件名称", before.title == doc.title);
        diff("文号", before.doc_number == doc.doc_number);
        diff("类别", before.category == doc.category);
        diff("制发机关", before.issuer == doc.issuer);
        diff("起草部门", before.drafting_department == doc.drafting_department);
        diff("成文日期", before.written_on == doc.written_on);
        diff("发布日期", before.published_on == doc.published_on);
        diff("施行日期", before.effective_on == doc.effective_on);
        diff("有效期至", before.valid_until == doc.valid_until);
        diff("公开属性", before.disclosure == doc.disclosure && before.disclosure_reason == doc.disclosure_reason);
        diff("公开方式", before.disclosure_mode == doc.disclosure_mode);
        diff(
            "保密审查",
            before.secrecy_reviewed == doc.secrecy_reviewed
                && before.secrecy_reviewer == doc.secrecy_reviewer
                && before.secrecy_reviewed_on == doc.secrecy_reviewed_on,
        );
        diff("无需解读", before.no_interpretation_reason == doc.no_interpretation_reason);
        diff(
            "门户网站发布",
            before.portal_published_on == doc.portal_published_on && before.portal_url == doc.portal_url,
        );
        diff("索引号", before.index_number == doc.index_number);
        diff("备注", before.note == doc.note);
        if changed.is_empty() {
            return Ok(before);
        }
        let at = now();
        tx.execute(
            "UPDATE document SET title = ?2, doc_number = ?3, category = ?4, issuer = ?5, drafting_department_id = ?6,
                written_on = ?7, published_on = ?8, effective_on = ?9, valid_until = ?10, disclosure = ?11,
                disclosure_reason = ?12, disclosure_mode = ?13, secrecy_reviewed = ?14, secrecy_reviewer = ?15,
                secrecy_reviewed_on = ?16, no_interpretation_reason = ?17, portal_published_on = ?18, portal_url = ?19,
                note = ?20, updated_at = ?21, index_number = ?22
              WHERE id = ?1",
            params![
                id,
                doc.title,
                doc.doc_number,
                doc.category.code(),
                doc.issuer,
                department,
                opt_ymd(doc.written_on),
                ymd(doc.published_on),
                opt_ymd(doc.effective_on),
                opt_ymd(doc.valid_until),
                doc.disclosure.map(|d| d.code()),
                doc.disclosure_reason,
                doc.disclosure_mode.map(|m| m.code()),
                doc.secrecy_reviewed.map(i64::from),
                doc.secrecy_reviewer,
                opt_ymd(doc.secrecy_reviewed_on),
                doc.no_interpretation_reason,
                opt_ymd(doc.portal_published_on),
                doc.portal_url,
                doc.note,
                at,
                doc.index_number,
            ],
        )
        .map_err(|e| Error::sqlite("保存文件", e))?;
        tx.execute(
            "INSERT INTO document_edit (document_id, changed, source, recorded_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, changed.join("、"), source.code(), at],
        )
        .map_err(|e| Error::sqlite("保存文件", e))?;
        refresh_missing(tx, id)?;
        load(tx, id)
    })
}

fn required_date(field: &'static str, value: &str) -> Result<NaiveDate> {
    let mut e = Vec::new();
    if value.trim().is_empty() {
        return Err(Error::Validation(format!("{field}：不能为空")));
    }
    date(field, Some(value), &mut e).ok_or_else(|| field_errors_to_error(e))
}

/// Records a status change (已修改, 已废止, 失效, or 现行有效 for a document that was 尚未生效).
pub fn change_status(ledger: &mut Ledger, id: i64, input: &StatusChangeInput, source: WriteSource) -> Result<Document> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let to = input.status.ok_or_else(|| Error::Validation(format!("状态：请选择，应为 {}", Status::labels())))?;
    let date = required_date("变更日期", &input.date)?;
    let mut e = Vec::new();
    let reason = text("变更原因", &input.reason, MAX_TEXT, false, &mut e);
    let by_doc_number = rules::normalize_doc_number(&text("文号", &input.by_doc_number, MAX_SHORT, false, &mut e));
    if !e.is_empty() {
        return Err(field_errors_to_error(e));
    }
    ledger.with_tx(|tx| {
        let doc = load(tx, id)?;
        rules::check_transition(doc.status, to).map_err(|m| Error::App(AppError::invalid_transition(m)))?;
        if date < doc.published_on {
            return Err(Error::Validation(format!("变更日期：{date} 早于发布日期 {}", doc.published_on)));
        }
        if let Some(since) = doc.status_since.filter(|s| date < *s) {
            return Err(Error::App(AppError::invalid_transition(format!(
                "变更日期 {date} 早于当前状态“{}”的日期 {since}",
                doc.status.label()
            ))));
        }
        let by_document_id: Option<i64> = if by_doc_number.is_empty() {
            None
        } else {
            tx.query_row(
                "SELECT id FROM document WHERE doc_number = ?1 AND id <> ?2 ORDER BY issuer = ?3 DESC, id LIMIT 1",
                params![by_doc_number, id, doc.issuer],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| Error::sqlite("查找关联文件", e))?
        };
        let at = now();
        tx.execute(
            "INSERT INTO document_status (document_id, date, status, reason, by_document_id, by_doc_number, source, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, ymd(date), to.code(), reason, by_document_id, by_doc_number, source.code(), at],
        )
        .map_err(|e| Error::sqlite("保存状态", e))?;
        tx.execute("UPDATE document SET updated_at = ?2 WHERE id = ?1", params![id, at])
            .map_err(|e| Error::sqlite("保存状态", e))?;
        load(tx, id)
    })
}

/// Adds one 解读材料.
pub fn add_interpretation(
    ledger: &mut Ledger,
    id: i64,
    input: &InterpretationInput,
    source: WriteSource,
) -> Result<Document> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let mut e = Vec::new();
    let i = validate_interpretation(input, &mut e);
    if !e.is_empty() {
        return Err(field_errors_to_error(e));
    }
    ledger.with_tx(|tx| {
        load(tx, id)?;
        let at = now();
        insert_interpretation(tx, id, &i, source, &at)?;
        tx.execute("UPDATE document SET updated_at = ?2 WHERE id = ?1", params![id, at])
            .map_err(|e| Error::sqlite("保存解读材料", e))?;
        refresh_missing(tx, id)?;
        load(tx, id)
    })
}

fn add_return(
    ledger: &mut Ledger,
    id: i64,
    input: &ReturnInput,
    kind: ReturnKind,
    source: WriteSource,
) -> Result<Document> {
    let date = required_date(if kind == ReturnKind::Returned { "退文日期" } else { "重新报送日期" }, &input.date)?;
    let mut e = Vec::new();
    let reason = text(
        if kind == ReturnKind::Returned { "退文原因" } else { "说明" },
        &input.reason,
        MAX_TEXT,
        kind == ReturnKind::Returned,
        &mut e,
    );
    if !e.is_empty() {
        return Err(field_errors_to_error(e));
    }
    ledger.with_tx(|tx| {
        let doc = load(tx, id)?;
        let last: Option<(String, String)> = tx
            .query_row(
                "SELECT kind, date FROM document_return WHERE document_id = ?1 ORDER BY date DESC, id DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| Error::sqlite("读取退文记录", e))?;
        match (kind, &last) {
            (ReturnKind::Returned, _) if doc.awaiting_resubmission => {
                return Err(Error::App(AppError::invalid_transition("该文件已退文，尚未重新报送")))
            }
            (ReturnKind::Resubmitted, _) if !doc.awaiting_resubmission => {
                return Err(Error::App(AppError::invalid_transition("该文件没有待重新报送的退文")))
            }
            _ => {}
        }
        if let Some((_, last_date)) = &last {
            if ymd(date) < *last_date {
                return Err(Error::Validation(format!("日期：{date} 早于上一条退文记录的日期 {last_date}")));
            }
        }
        tx.execute(
            "INSERT INTO document_return (document_id, kind, date, reason, source, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
                if kind == ReturnKind::Returned { "returned" } else { "resubmitted" },
                ymd(date),
                reason,
                source.code(),
                now()
            ],
        )
        .map_err(|e| Error::sqlite("保存退文记录", e))?;
        load(tx, id)
    })
}

/// 退文: the submission is returned to its drafting department, with the reason.
pub fn record_return(ledger: &mut Ledger, id: i64, input: &ReturnInput, source: WriteSource) -> Result<Document> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    add_return(ledger, id, input, ReturnKind::Returned, source)
}

/// 重新报送 after a 退文.
pub fn record_resubmission(ledger: &mut Ledger, id: i64, input: &ReturnInput, source: WriteSource) -> Result<Document> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    add_return(ledger, id, input, ReturnKind::Resubmitted, source)
}
