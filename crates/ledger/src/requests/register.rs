//! Registering a request: the input and its checks, the 受理编号 pattern and counter, and the link to the register document it asks for.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use gongkai_core::identity::{self, IdKind};
use gongkai_core::request::{
    self, Channel, EventDetail, NumberPattern, RequestEvent,
};
use gongkai_core::taxonomy::ApplicantType;
use std::sync::LazyLock;

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::{settings, Error, Ledger, Result};
use super::events::{Append, append_in_tx};

/// Setting key of the 受理编号 pattern (`{year}-{seq:04}` when absent).
pub const KEY_NUMBER_PATTERN: &str = "request_number_pattern";
/// Who writes, and when: the caller reads the clock, the store never does.
#[derive(Debug, Clone)]
pub struct Actor {
    pub operator: String,
    pub now: NaiveDateTime,
}

impl Actor {
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }
    pub(crate) fn stamp(&self) -> String {
        self.now.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

pub(crate) use gongkai_core::dates::ymd;

pub(super) fn parse_stored_date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// 登记 form as the clerk fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestInput {
    /// 受理编号; empty to generate one from the pattern setting.
    pub number: String,
    pub applicant_type: ApplicantType,
    pub applicant_name: String,
    pub id_kind: IdKind,
    pub id_number: String,
    /// 联系方式 (phone)
    pub contact: String,
    pub address: String,
    pub channel: Channel,
    /// 收到申请之日 (Art. 31), YYYY-MM-DD
    pub received_date: String,
    pub content: String,
    /// 文号或名称 of the information sought
    pub document_ref: String,
    #[ts(type = "number | null")]
    pub document_id: Option<i64>,
    /// 获取信息的形式 (纸质、电子…)
    pub form_wanted: String,
    /// 获取信息的方式 (邮寄、自行领取、电子邮件…)
    pub delivery_wanted: String,
}

/// A request checked field by field; messages name the field (and, in an import, the row).
#[derive(Debug, Clone)]
pub(crate) struct CheckedRequest {
    pub number: Option<String>,
    pub applicant_type: ApplicantType,
    pub applicant_name: String,
    pub id_kind: IdKind,
    pub id_number: String,
    pub contact: String,
    pub address: String,
    pub channel: Channel,
    pub received: NaiveDate,
    pub content: String,
    pub document_ref: String,
    pub document_id: Option<i64>,
    pub form_wanted: String,
    pub delivery_wanted: String,
}

pub(super) fn text(field: &str, value: &str, max: usize, required: bool) -> std::result::Result<String, String> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(format!("“{field}”不能为空"));
    }
    if v.chars().count() > max {
        return Err(format!("“{field}”不能超过 {max} 个字"));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(format!("“{field}”含有控制字符"));
    }
    Ok(v.to_string())
}

/// The applicant's document: the kind must suit the applicant (a person's 居民身份证, an
/// organisation's 统一社会信用代码) and the checksum must hold.
pub(crate) fn check_applicant_id(
    applicant_type: ApplicantType,
    kind: IdKind,
    number: &str,
) -> std::result::Result<String, String> {
    match (applicant_type.is_natural_person(), kind) {
        (true, IdKind::CreditCode) => return Err("自然人的证件不能是统一社会信用代码".into()),
        (false, IdKind::ResidentId) => return Err("法人或其他组织的证件应为统一社会信用代码或其他证件".into()),
        _ => {}
    }
    identity::check_id(kind, number).map_err(|e| format!("“证件号码”{e}"))
}

impl RequestInput {
    pub(crate) fn check(&self, today: NaiveDate) -> std::result::Result<CheckedRequest, String> {
        let number = text("受理编号", &self.number, 50, false)?;
        let received = gongkai_core::dates::parse_field("“收到日期”", &self.received_date)?;
        if received > today {
            return Err(format!("“收到日期”{received} 晚于今天 {today}"));
        }
        Ok(CheckedRequest {
            number: (!number.is_empty()).then_some(number),
            applicant_type: self.applicant_type,
            applicant_name: text("申请人", &self.applicant_name, 100, true)?,
            id_kind: self.id_kind,
            id_number: check_applicant_id(self.applicant_type, self.id_kind, &self.id_number)?,
            contact: text("联系方式", &self.contact, 100, false)?,
            address: text("通讯地址", &self.address, 200, false)?,
            channel: self.channel,
            received,
            content: text("申请内容", &self.content, 5000, true)?,
            document_ref: text("文号或名称", &self.document_ref, 200, false)?,
            document_id: self.document_id,
            form_wanted: text("获取形式", &self.form_wanted, 50, false)?,
            delivery_wanted: text("获取方式", &self.delivery_wanted, 50, false)?,
        })
    }
}

/// The pattern setting, checked.
pub(crate) fn number_pattern(conn: &Connection) -> Result<NumberPattern> {
    let raw = settings::get(conn, KEY_NUMBER_PATTERN)?.unwrap_or_else(|| request::DEFAULT_NUMBER_PATTERN.to_string());
    Ok(NumberPattern::parse(&raw)?)
}

pub fn save_number_pattern(ledger: &mut Ledger, pattern: &str) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    NumberPattern::parse(pattern)?;
    ledger.with_tx(|tx| settings::set(tx, KEY_NUMBER_PATTERN, pattern.trim()))
}

/// The next 受理编号 for a request received on `received`: one past the highest sequence the
/// pattern has produced in that year (numbers written by hand or imported are skipped over).
pub(crate) fn next_number(conn: &Connection, received: NaiveDate) -> Result<String> {
    let pattern = number_pattern(conn)?;
    let (before, _) = pattern.affixes(received.year());
    // A range on the unique index instead of LIKE, which SQLite cannot serve from it.
    let mut stmt = conn
        .prepare_cached("SELECT number FROM request WHERE number >= ?1 AND number < ?1 || char(1114111)")
        .map_err(|e| Error::sqlite("生成受理编号", e))?;
    let numbers = stmt
        .query_map([&before], |r| r.get::<_, String>(0))
        .map_err(|e| Error::sqlite("生成受理编号", e))?;
    let mut max = 0;
    for n in numbers {
        let n = n.map_err(|e| Error::sqlite("生成受理编号", e))?;
        if let Some(seq) = pattern.seq_of(received.year(), &n) {
            max = max.max(seq);
        }
    }
    Ok(pattern.format(received, max + 1))
}

/// The columns of `request` a registration takes from the checked input, in the order
/// [`input_values`] binds them. `insert_request` and the import's bulk path (`bulk.rs`) both write
/// these through the pair, so a column added here is written by both (the array lengths must agree).
pub(crate) const INPUT_COLUMNS: [&str; 13] = [
    "number",
    "applicant_name",
    "id_kind",
    "id_number",
    "contact",
    "address",
    "channel",
    "content",
    "document_ref",
    "document_id",
    "form_wanted",
    "delivery_wanted",
    "applicant_type",
];

/// The values of [`INPUT_COLUMNS`] for `r` numbered `number`, in that order.
pub(crate) fn input_values<'a>(r: &'a CheckedRequest, number: &'a str) -> [ToSqlOutput<'a>; INPUT_COLUMNS.len()] {
    let text = |s: &'a str| ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()));
    [
        text(number),
        text(&r.applicant_name),
        text(r.id_kind.code()),
        text(&r.id_number),
        text(&r.contact),
        text(&r.address),
        text(r.channel.code()),
        text(&r.content),
        text(&r.document_ref),
        ToSqlOutput::Owned(r.document_id.map_or(Value::Null, Value::Integer)),
        text(&r.form_wanted),
        text(&r.delivery_wanted),
        text(r.applicant_type.code()),
    ]
}

pub(crate) fn insert_request(
    tx: &Connection,
    r: &CheckedRequest,
    number: &str,
    actor: &Actor,
    imported: bool,
) -> Result<i64> {
    // Cached statements: an import runs these once per row, and each INSERT or UPDATE on an
    // audited table compiles its trigger programs, which costs more than the row itself.
    let exists: bool = tx
        .prepare_cached("SELECT 1 FROM request WHERE number = ?1")
        .map_err(|e| Error::sqlite("登记申请", e))?
        .query_row([number], |_| Ok(true))
        .optional()
        .map_err(|e| Error::sqlite("登记申请", e))?
        .unwrap_or(false);
    if exists {
        return Err(Error::Conflict(format!("受理编号“{number}”已存在")));
    }
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "INSERT INTO request ({}, created_at, status, received_date, imported) VALUES ({}, ?, 'processing', ?, ?)",
            INPUT_COLUMNS.join(", "),
            vec!["?"; INPUT_COLUMNS.len()].join(", ")
        )
    });
    let stamp = actor.stamp();
    let received = ymd(r.received);
    let imported = imported as i64;
    let input = input_values(r, number);
    let tail: [&dyn ToSql; 3] = [&stamp, &received, &imported];
    tx.prepare_cached(&SQL)
        .and_then(|mut stmt| stmt.execute(params_from_iter(input.iter().map(|v| v as &dyn ToSql).chain(tail))))
    .map_err(|e| Error::sqlite("登记申请", e))?;
    Ok(tx.last_insert_rowid())
}

/// Registers a request and its 登记 event; returns the 受理编号.
pub fn register(ledger: &mut Ledger, input: &RequestInput, actor: &Actor) -> Result<String> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let signed = crate::accounts::signed(ledger, actor);
    let actor = &signed;
    let checked = input.check(actor.today()).map_err(Error::Validation)?;
    ledger.with_tx(|tx| {
        let number = match &checked.number {
            Some(n) => n.clone(),
            None => next_number(tx, checked.received)?,
        };
        let mut checked = checked.clone();
        checked.document_id = link_document(tx, checked.document_id, &checked.document_ref)?;
        let id = insert_request(tx, &checked, &number, actor, false)?;
        append_in_tx(
            tx,
            id,
            RequestEvent::new(checked.received, EventDetail::Registered {}),
            actor,
            Append::Checked,
        )?;
        Ok(number)
    })
}

/// The register document a request asks for. One chosen in the form must exist; otherwise a
/// 文号 or exact 文件名称 written in 文号或名称 links the request when exactly one document has it.
fn link_document(conn: &Connection, chosen: Option<i64>, written: &str) -> Result<Option<i64>> {
    if let Some(id) = chosen {
        let found = conn
            .query_row("SELECT 1 FROM document WHERE id = ?1", [id], |_| Ok(()))
            .optional()
            .map_err(|e| Error::sqlite("关联台账文件", e))?;
        return match found {
            Some(()) => Ok(Some(id)),
            None => Err(Error::Validation("“文号或名称”：所选的台账文件已不存在，请重新选择".into())),
        };
    }
    let written = written.trim();
    if written.is_empty() {
        return Ok(None);
    }
    let number = gongkai_core::document::normalize_doc_number(written);
    for (sql, key) in [
        ("SELECT id FROM document WHERE doc_number = ?1 LIMIT 2", number.as_str()),
        ("SELECT id FROM document WHERE title = ?1 LIMIT 2", written.trim_matches(['《', '》'])),
    ] {
        let mut stmt = conn.prepare_cached(sql).map_err(|e| Error::sqlite("关联台账文件", e))?;
        let ids: Vec<i64> = stmt
            .query_map([key], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| Error::sqlite("关联台账文件", e))?;
        if ids.len() == 1 {
            return Ok(Some(ids[0]));
        }
    }
    Ok(None)
}

/// The register document a request is linked to, as its detail shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinkedDocument {
    pub id: i64,
    pub title: String,
    pub doc_number: String,
    pub status_label: String,
}

pub(super) fn linked_document(conn: &Connection, id: Option<i64>) -> Result<Option<LinkedDocument>> {
    let Some(id) = id else { return Ok(None) };
    conn.query_row("SELECT id, title, doc_number, status FROM document WHERE id = ?1", [id], |r| {
        let status: String = r.get(3)?;
        Ok(LinkedDocument {
            id: r.get(0)?,
            title: r.get(1)?,
            doc_number: r.get(2)?,
            status_label: gongkai_core::document::Status::from_code(&status).map(|s| s.label()).unwrap_or("").into(),
        })
    })
    .optional()
    .map_err(|e| Error::sqlite("读取关联文件", e))
}
