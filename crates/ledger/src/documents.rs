//! 文件台账 in the ledger: all SQL of the document register (documents, status history,
//! 解读材料, 退文, edits, full-text search) and the figures the annual report and 工作台 read.
//! Rules (validation vocabularies, 要件齐全, deadlines, annual counting) come from
//! `gongkai_core::document`; this module only stores, projects and queries.

use chrono::NaiveDate;
use gongkai_core::calendar::Calendar;
use gongkai_core::document::{
    self as rules, AnnualFacts, AnnualFigures, Category, Disclosure, DisclosureMode, Elements, InterpretationForm,
    PortalDeadline, Status,
};
use gongkai_core::AppError;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Ledger, Result};

const MAX_TITLE: usize = 300;
const MAX_SHORT: usize = 100;
const MAX_TEXT: usize = 2000;
pub const MAX_PAGE_SIZE: u32 = 500;
/// 工作台 lists at most this many documents awaiting the portal, most urgent first.
const MAX_DEADLINE_ITEMS: usize = 200;

/// Where a write came from; stored on every row it adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WriteSource {
    /// 窗口录入
    Window,
    /// 文件导入
    Import,
    /// 命令行
    Cli,
}

impl WriteSource {
    fn code(self) -> &'static str {
        match self {
            WriteSource::Window => "window",
            WriteSource::Import => "import",
            WriteSource::Cli => "cli",
        }
    }
}

/// A document as the form or an import row gives it. Dates are text (YYYY-MM-DD, 2025/3/1 or
/// 2025年3月1日) so that a wrong one gets a Chinese message naming the field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DocumentInput {
    /// 文件名称
    pub title: String,
    /// 文号
    pub doc_number: String,
    /// 类别
    pub category: Option<Category>,
    /// 制发机关
    pub issuer: String,
    /// 起草部门 (a name from the departments list; empty = not recorded)
    pub drafting_department: String,
    /// 成文日期
    pub written_on: Option<String>,
    /// 发布日期
    pub published_on: Option<String>,
    /// 施行日期
    pub effective_on: Option<String>,
    /// 有效期至
    pub valid_until: Option<String>,
    /// 状态 at registration (ignored by updates: status changes are recorded separately).
    pub status: Option<Status>,
    /// 状态变更日期: when that status took effect (required for 已修改, 已废止, 失效).
    pub status_date: Option<String>,
    /// 公开属性
    pub disclosure: Option<Disclosure>,
    /// 不予全文公开的理由
    pub disclosure_reason: String,
    /// 公开方式
    pub disclosure_mode: Option<DisclosureMode>,
    /// 保密审查: null = not stated, false = not done
    pub secrecy_reviewed: Option<bool>,
    pub secrecy_reviewer: String,
    pub secrecy_reviewed_on: Option<String>,
    /// 无需解读 and why; null when interpretations are expected
    pub no_interpretation_reason: Option<String>,
    /// 门户网站发布日期
    pub portal_published_on: Option<String>,
    /// 门户网站链接
    pub portal_url: String,
    /// 备注
    pub note: String,
    /// 解读材料 registered with the document (create only).
    pub interpretations: Vec<InterpretationInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InterpretationInput {
    pub title: String,
    /// 形式; 文字 when not given.
    pub form: Option<InterpretationForm>,
    pub published_on: Option<String>,
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StatusChangeInput {
    pub status: Option<Status>,
    pub date: String,
    pub reason: String,
    /// 文号 of the amending or repealing document; linked when it is in the register.
    pub by_doc_number: String,
}

/// 退文 or 重新报送.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReturnInput {
    pub date: String,
    pub reason: String,
}

/// One field that is wrong: its label (the column header on import) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub reason: String,
}

impl FieldError {
    fn new(field: &'static str, reason: impl Into<String>) -> FieldError {
        FieldError { field, reason: reason.into() }
    }
}

fn field_errors_to_error(errors: Vec<FieldError>) -> Error {
    Error::Validation(errors.iter().map(|e| format!("{}：{}", e.field, e.reason)).collect::<Vec<_>>().join("；"))
}

/// A validated document, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDocument {
    pub title: String,
    pub doc_number: String,
    pub category: Category,
    pub issuer: String,
    pub drafting_department: Option<String>,
    pub written_on: Option<NaiveDate>,
    pub published_on: NaiveDate,
    pub effective_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub status: Status,
    pub status_date: NaiveDate,
    pub disclosure: Option<Disclosure>,
    pub disclosure_reason: String,
    pub disclosure_mode: Option<DisclosureMode>,
    pub secrecy_reviewed: Option<bool>,
    pub secrecy_reviewer: String,
    pub secrecy_reviewed_on: Option<NaiveDate>,
    pub no_interpretation_reason: Option<String>,
    pub portal_published_on: Option<NaiveDate>,
    pub portal_url: String,
    pub note: String,
    pub interpretations: Vec<ValidInterpretation>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidInterpretation {
    pub title: String,
    pub form: InterpretationForm,
    pub published_on: Option<NaiveDate>,
    pub url: String,
}

fn text(field: &'static str, value: &str, max: usize, required: bool, errors: &mut Vec<FieldError>) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        errors.push(FieldError::new(field, "不能为空"));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, format!("不能超过 {max} 个字")));
    } else if v.chars().any(|c| c.is_control() && c != '\n') {
        errors.push(FieldError::new(field, "不能包含控制字符"));
    }
    v.to_string()
}

fn date(field: &'static str, value: Option<&str>, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    match rules::parse_date(v) {
        Some(d) if (1949..=2100).contains(&chrono::Datelike::year(&d)) => Some(d),
        Some(_) => {
            errors.push(FieldError::new(field, format!("“{}”的年份不在 1949 到 2100 之间", crate::sheet::clip(v))));
            None
        }
        None => {
            errors.push(FieldError::new(
                field,
                format!("“{}”不是有效日期，应写作 2025-03-01、2025/3/1 或 2025年3月1日", crate::sheet::clip(v)),
            ));
            None
        }
    }
}

fn validate_interpretation(i: &InterpretationInput, errors: &mut Vec<FieldError>) -> ValidInterpretation {
    ValidInterpretation {
        title: text("解读材料", &i.title, MAX_TITLE, true, errors),
        form: i.form.unwrap_or(InterpretationForm::Text),
        published_on: date("解读材料", i.published_on.as_deref(), errors),
        url: text("解读材料", &i.url, MAX_TEXT, false, errors),
    }
}

/// Checks every field; all problems are returned, each naming its field.
pub fn validate(input: &DocumentInput) -> std::result::Result<ValidDocument, Vec<FieldError>> {
    let mut e = Vec::new();
    let title = text("文件名称", &input.title, MAX_TITLE, true, &mut e);
    let doc_number = rules::normalize_doc_number(&text("文号", &input.doc_number, MAX_SHORT, true, &mut e));
    let category = input.category;
    if category.is_none() {
        e.push(FieldError::new("类别", format!("请选择，应为 {}", Category::labels())));
    }
    let issuer = text("制发机关", &input.issuer, MAX_SHORT, true, &mut e);
    let department = text("起草部门", &input.drafting_department, MAX_SHORT, false, &mut e);
    let written_on = date("成文日期", input.written_on.as_deref(), &mut e);
    let published_on = date("发布日期", input.published_on.as_deref(), &mut e);
    if published_on.is_none() && input.published_on.as_deref().is_none_or(|s| s.trim().is_empty()) {
        e.push(FieldError::new("发布日期", "不能为空"));
    }
    let effective_on = date("施行日期", input.effective_on.as_deref(), &mut e);
    let valid_until = date("有效期至", input.valid_until.as_deref(), &mut e);
    let status = input.status.unwrap_or(Status::InForce);
    let status_date = date("状态变更日期", input.status_date.as_deref(), &mut e);
    if status.needs_change_date()
        && status_date.is_none()
        && input.status_date.as_deref().is_none_or(|s| s.trim().is_empty())
    {
        e.push(FieldError::new("状态变更日期", format!("状态为“{}”时必须填写", status.label())));
    }
    if let (Some(w), Some(p)) = (written_on, published_on) {
        if p < w {
            e.push(FieldError::new("发布日期", format!("{p} 早于成文日期 {w}")));
        }
    }
    if let (Some(v), Some(p)) = (valid_until, published_on) {
        if v < p {
            e.push(FieldError::new("有效期至", format!("{v} 早于发布日期 {p}")));
        }
    }
    if let (Some(s), Some(p)) = (status_date, published_on) {
        if status.needs_change_date() && s < p {
            e.push(FieldError::new("状态变更日期", format!("{s} 早于发布日期 {p}")));
        }
    }
    let disclosure_reason = text("不予全文公开的理由", &input.disclosure_reason, MAX_TEXT, false, &mut e);
    let secrecy_reviewer = text("保密审查人", &input.secrecy_reviewer, MAX_SHORT, false, &mut e);
    let secrecy_reviewed_on = date("保密审查日期", input.secrecy_reviewed_on.as_deref(), &mut e);
    let no_interpretation_reason = input
        .no_interpretation_reason
        .as_deref()
        .map(|r| text("无需解读的理由", r, MAX_TEXT, false, &mut e))
        .filter(|r| !r.is_empty());
    let portal_published_on = date("门户网站发布日期", input.portal_published_on.as_deref(), &mut e);
    let portal_url = text("门户网站链接", &input.portal_url, MAX_TEXT, false, &mut e);
    let note = text("备注", &input.note, MAX_TEXT, false, &mut e);
    let interpretations: Vec<ValidInterpretation> =
        input.interpretations.iter().map(|i| validate_interpretation(i, &mut e)).collect();
    if !e.is_empty() {
        return Err(e);
    }
    let (category, published_on) = (category.expect("checked above"), published_on.expect("checked above"));
    let status_date = match status_date {
        Some(d) => d,
        None if status == Status::Pending => published_on,
        None => effective_on.unwrap_or(published_on),
    };
    Ok(ValidDocument {
        title,
        doc_number,
        category,
        issuer,
        drafting_department: Some(department).filter(|d| !d.is_empty()),
        written_on,
        published_on,
        effective_on,
        valid_until,
        status,
        status_date,
        disclosure: input.disclosure,
        disclosure_reason,
        disclosure_mode: input.disclosure_mode,
        secrecy_reviewed: input.secrecy_reviewed,
        secrecy_reviewer,
        secrecy_reviewed_on,
        no_interpretation_reason,
        portal_published_on,
        portal_url,
        note,
        interpretations,
    })
}

// ---- reading -------------------------------------------------------------------------------

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

const DOCUMENT_COLUMNS: &str = "d.id, d.title, d.doc_number, d.category, d.issuer, dep.name, d.written_on, d.published_on,
    d.effective_on, d.valid_until, d.status, d.status_since, d.disclosure, d.disclosure_reason, d.disclosure_mode,
    d.secrecy_reviewed, d.secrecy_reviewer, d.secrecy_reviewed_on, d.no_interpretation_reason, d.portal_published_on,
    d.portal_url, d.note, d.missing,
    coalesce((SELECT r.kind = 'returned' FROM document_return r WHERE r.document_id = d.id ORDER BY r.date DESC, r.id DESC LIMIT 1), 0),
    EXISTS (SELECT 1 FROM document_interpretation i WHERE i.document_id = d.id AND i.published_on > d.published_on),
    (SELECT count(*) FROM document_interpretation i WHERE i.document_id = d.id)";

const DOCUMENT_FROM: &str = "FROM document d LEFT JOIN department dep ON dep.id = d.drafting_department_id";

fn opt_date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = r.get(i)?;
    Ok(s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
}

fn code<T>(r: &Row<'_>, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    parse(&s).ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, s.into()))
}

fn opt_code<T>(r: &Row<'_>, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = r.get(i)?;
    Ok(s.and_then(|s| parse(&s)))
}

fn document_from_row(r: &Row<'_>) -> rusqlite::Result<Document> {
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
    })
}

fn load(conn: &Connection, id: i64) -> Result<Document> {
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

fn collect<T>(conn: &Connection, sql: &str, id: i64, f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql).map_err(|e| Error::sqlite("读取文件记录", e))?;
    let rows = stmt.query_map([id], f).map_err(|e| Error::sqlite("读取文件记录", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取文件记录", e))
}

/// One document with its status history, interpretations, returns and edits.
pub fn get(conn: &Connection, id: i64, cal: &Calendar, today: NaiveDate) -> Result<DocumentDetail> {
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

// ---- writing -------------------------------------------------------------------------------

/// Today on this computer's clock: the shell and the command line pass it to the rules.
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn opt_ymd(d: Option<NaiveDate>) -> Option<String> {
    d.map(ymd)
}

/// The department's id; unknown names are added when `add_missing`, otherwise refused.
/// Returns whether it was added.
fn department_id(tx: &Connection, name: &str, add_missing: bool) -> Result<(i64, bool)> {
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
fn duplicate(conn: &Connection, issuer: &str, doc_number: &str, except: Option<i64>) -> Result<Option<(i64, String)>> {
    conn.query_row(
        "SELECT id, title FROM document WHERE issuer = ?1 AND doc_number = ?2 AND id IS NOT ?3",
        params![issuer, doc_number, except],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map_err(|e| Error::sqlite("检查文号", e))
}

fn duplicate_message(issuer: &str, doc_number: &str, title: &str) -> String {
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

/// Writes a validated document inside the caller's transaction: the document, its first status
/// row, its interpretations and the 登记 edit record. Refuses a duplicate 文号 (Conflict).
pub fn insert(
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
    tx.execute(
        "INSERT INTO document (title, doc_number, category, issuer, drafting_department_id, written_on, published_on,
            effective_on, valid_until, status, status_since, disclosure, disclosure_reason, disclosure_mode,
            secrecy_reviewed, secrecy_reviewer, secrecy_reviewed_on, no_interpretation_reason, portal_published_on,
            portal_url, note, source, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?23)",
        params![
            doc.title,
            doc.doc_number,
            doc.category.code(),
            doc.issuer,
            department,
            opt_ymd(doc.written_on),
            ymd(doc.published_on),
            opt_ymd(doc.effective_on),
            opt_ymd(doc.valid_until),
            doc.status.code(),
            ymd(doc.status_date),
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
            source.code(),
            at,
        ],
    )
    .map_err(|e| Error::sqlite("保存文件", e))?;
    let id = tx.last_insert_rowid();
    let reason = if source == WriteSource::Import { "导入时的状态" } else { "登记时的状态" };
    tx.execute(
        "INSERT INTO document_status (document_id, date, status, reason, source, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, ymd(doc.status_date), doc.status.code(), reason, source.code(), at],
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
    let doc = validate(input).map_err(field_errors_to_error)?;
    ledger.with_tx(|tx| Ok(insert(tx, &doc, source, false)?.id))
}

/// Saves edited fields (not the status, which changes by [`change_status`]), recording which
/// fields changed.
pub fn update(ledger: &mut Ledger, id: i64, input: &DocumentInput, source: WriteSource) -> Result<Document> {
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
                note = ?20, updated_at = ?21
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
    add_return(ledger, id, input, ReturnKind::Returned, source)
}

/// 重新报送 after a 退文.
pub fn record_resubmission(ledger: &mut Ledger, id: i64, input: &ReturnInput, source: WriteSource) -> Result<Document> {
    add_return(ledger, id, input, ReturnKind::Resubmitted, source)
}

// ---- lists and search ----------------------------------------------------------------------

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
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentPage {
    #[ts(type = "number")]
    pub total: u64,
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

fn order_by(filter: &DocumentFilter) -> String {
    let dir = if filter.descending { "DESC" } else { "ASC" };
    format!("ORDER BY {} {dir}, d.id {dir}", filter.sort.column())
}

/// One page of the filtered, sorted list, and the total count.
pub fn list(conn: &Connection, filter: &DocumentFilter) -> Result<DocumentPage> {
    if filter.page_size == 0 || filter.page_size > MAX_PAGE_SIZE {
        return Err(Error::Validation(format!("每页条数应在 1 到 {MAX_PAGE_SIZE} 之间")));
    }
    let page = filter.page.max(1);
    let (clause, args) = where_clause(filter);
    let total: i64 = conn
        .query_row(&format!("SELECT count(*) FROM document d {clause}"), params_from_iter(args.iter()), |r| r.get(0))
        .map_err(|e| Error::sqlite("查询文件", e))?;
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} {DOCUMENT_FROM} {clause} {} LIMIT {} OFFSET {}",
        order_by(filter),
        filter.page_size,
        (page as u64 - 1) * filter.page_size as u64
    );
    let mut stmt = conn.prepare(&sql).map_err(|e| Error::sqlite("查询文件", e))?;
    let rows =
        stmt.query_map(params_from_iter(args.iter()), document_from_row).map_err(|e| Error::sqlite("查询文件", e))?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("查询文件", e))?;
    Ok(DocumentPage { total: total as u64, page, page_size: filter.page_size, rows })
}

/// Every document matching `filter` (sorted, not paged), with its interpretations: for export.
pub fn list_all(conn: &Connection, filter: &DocumentFilter) -> Result<Vec<(Document, Vec<InterpretationRecord>)>> {
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
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn
        .prepare("SELECT DISTINCT CAST(substr(published_on, 1, 4) AS INTEGER) FROM document ORDER BY 1 DESC")
        .map_err(|e| Error::sqlite("查询年份", e))?;
    let rows = stmt.query_map([], |r| r.get(0)).map_err(|e| Error::sqlite("查询年份", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("查询年份", e))
}

// ---- figures for the report and 工作台 ------------------------------------------------------

/// The facts of every 规章 and 行政规范性文件 the annual figures count.
pub fn annual_facts(conn: &Connection) -> Result<Vec<AnnualFacts>> {
    Ok(annual_facts_with_ids(conn)?.into_iter().map(|(_, f)| f).collect())
}

/// `annual_facts` with each document's id, so a counted figure can list its documents.
pub fn annual_facts_with_ids(conn: &Connection) -> Result<Vec<(i64, AnnualFacts)>> {
    let mut stmt = conn
        .prepare(
            "SELECT d.category, d.published_on, d.valid_until,
                    (SELECT min(s.date) FROM document_status s WHERE s.document_id = d.id AND s.status = 'repealed'),
                    (SELECT min(s.date) FROM document_status s WHERE s.document_id = d.id AND s.status = 'expired'),
                    d.id
               FROM document d WHERE d.category IN ('rule', 'normative')",
        )
        .map_err(|e| Error::sqlite("统计文件", e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(5)?,
                AnnualFacts {
                    category: code(r, 0, Category::from_code)?,
                    published_on: opt_date(r, 1)?.unwrap_or_default(),
                    valid_until: opt_date(r, 2)?,
                    repealed_on: opt_date(r, 3)?,
                    expired_on: opt_date(r, 4)?,
                },
            ))
        })
        .map_err(|e| Error::sqlite("统计文件", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("统计文件", e))
}

/// 第二十条第（一）项 for `year`: 本年制发件数, 本年废止件数 and 现行有效件数 of 规章 and of
/// 行政规范性文件, counted by `gongkai_core::document::annual_figures`.
pub fn annual_figures(conn: &Connection, year: i32) -> Result<AnnualFigures> {
    if !(1949..=2100).contains(&year) {
        return Err(Error::Validation(format!("年度“{year}”无效")));
    }
    Ok(rules::annual_figures(&annual_facts(conn)?, year))
}

/// A document on 工作台.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeadlineItem {
    pub id: i64,
    pub title: String,
    pub doc_number: String,
    pub drafting_department: Option<String>,
    pub portal: Option<PortalDeadline>,
    #[ts(type = "string | null")]
    pub valid_until: Option<NaiveDate>,
}

/// What 工作台 shows of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentDeadlines {
    /// Actively disclosed documents not yet on the portal, most urgent first (overdue first).
    pub portal: Vec<DeadlineItem>,
    /// How many there are in all (the list stops at the most urgent 200).
    pub portal_total: u32,
    /// How many of them are overdue.
    pub overdue: u32,
    /// In-force documents whose 有效期至 falls within the next six months, soonest first.
    pub expiring: Vec<DeadlineItem>,
    /// Documents returned (退文) and not resubmitted.
    pub awaiting_resubmission: u32,
    /// Incomplete 规章 and 行政规范性文件.
    pub incomplete: u32,
}

/// 工作台: Art. 26 portal deadlines (overdue flagged) and documents to evaluate before expiry.
pub fn deadlines(conn: &Connection, cal: &Calendar, today: NaiveDate) -> Result<DocumentDeadlines> {
    let item = |r: &Row<'_>| -> rusqlite::Result<(DeadlineItem, Option<NaiveDate>, NaiveDate)> {
        Ok((
            DeadlineItem {
                id: r.get(0)?,
                title: r.get(1)?,
                doc_number: r.get(2)?,
                drafting_department: r.get(3)?,
                portal: None,
                valid_until: opt_date(r, 6)?,
            },
            opt_date(r, 4)?,
            opt_date(r, 5)?.unwrap_or_default(),
        ))
    };
    let select = "SELECT d.id, d.title, d.doc_number, dep.name, d.written_on, d.published_on, d.valid_until
                    FROM document d LEFT JOIN department dep ON dep.id = d.drafting_department_id";
    let mut stmt = conn
        .prepare(&format!(
            "{select} WHERE d.disclosure_mode = 'active' AND d.portal_published_on IS NULL
                        AND d.status NOT IN ('repealed', 'expired')"
        ))
        .map_err(|e| Error::sqlite("查询待上网文件", e))?;
    let mut portal = Vec::new();
    for row in stmt.query_map([], item).map_err(|e| Error::sqlite("查询待上网文件", e))? {
        let (mut it, written, published) = row.map_err(|e| Error::sqlite("查询待上网文件", e))?;
        it.portal = rules::portal_deadline(cal, Some(DisclosureMode::Active), written, published, None, today);
        portal.push(it);
    }
    portal.sort_by_key(|it| (it.portal.as_ref().map(|p| p.due), it.id));
    let overdue =
        portal.iter().filter(|it| it.portal.as_ref().is_some_and(|p| p.state == rules::PortalState::Overdue)).count()
            as u32;
    let portal_total = portal.len() as u32;
    portal.truncate(MAX_DEADLINE_ITEMS);
    let horizon = today.checked_add_months(chrono::Months::new(rules::EXPIRY_NOTICE_MONTHS)).unwrap_or(today);
    let mut stmt = conn
        .prepare(&format!(
            "{select} WHERE d.valid_until BETWEEN ?1 AND ?2 AND d.status IN ('pending', 'in_force', 'amended')
              ORDER BY d.valid_until, d.id"
        ))
        .map_err(|e| Error::sqlite("查询即将到期文件", e))?;
    let expiring = stmt
        .query_map([ymd(today), ymd(horizon)], item)
        .map_err(|e| Error::sqlite("查询即将到期文件", e))?
        .map(|r| r.map(|(it, _, _)| it))
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::sqlite("查询即将到期文件", e))?;
    let (awaiting, incomplete): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM document d
                      WHERE (SELECT r.kind FROM document_return r WHERE r.document_id = d.id
                              ORDER BY r.date DESC, r.id DESC LIMIT 1) = 'returned'),
                    (SELECT count(*) FROM document WHERE complete = 0)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| Error::sqlite("统计文件", e))?;
    Ok(DocumentDeadlines {
        portal,
        portal_total,
        overdue,
        expiring,
        awaiting_resubmission: awaiting as u32,
        incomplete: incomplete as u32,
    })
}

/// How many documents the register holds.
pub fn count(conn: &Connection) -> Result<u64> {
    conn.query_row("SELECT count(*) FROM document", [], |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
        .map_err(|e| Error::sqlite("统计文件", e))
}
