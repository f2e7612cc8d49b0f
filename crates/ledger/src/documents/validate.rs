//! What a document write carries (input DTOs, where it came from) and its field-by-field validation with Chinese messages naming each field.

use chrono::NaiveDate;
use gongkai_core::document::{
    self as rules, Category, Disclosure, DisclosureMode, InterpretationForm, Status,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::Error;

const MAX_TITLE: usize = 300;
pub(super) const MAX_SHORT: usize = 100;
pub(super) const MAX_TEXT: usize = 2000;
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
    pub(crate) fn code(self) -> &'static str {
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
    /// 索引号: the number the portal gives the published document.
    pub index_number: String,
    /// 状态变更依据: 文号 of the decision that amended or repealed it (registration only).
    pub status_basis: String,
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

pub(super) fn field_errors_to_error(errors: Vec<FieldError>) -> Error {
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
    pub index_number: String,
    pub status_basis: String,
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

pub(super) fn text(field: &'static str, value: &str, max: usize, required: bool, errors: &mut Vec<FieldError>) -> String {
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

pub(super) fn date(field: &'static str, value: Option<&str>, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    match gongkai_core::dates::parse_date(v) {
        Some(d) if (1949..=2100).contains(&chrono::Datelike::year(&d)) => Some(d),
        Some(_) => {
            errors.push(FieldError::new(field, format!("“{}”的年份不在 1949 到 2100 之间", crate::sheet::clip(v))));
            None
        }
        None => {
            errors.push(FieldError::new(
                field,
                gongkai_core::dates::invalid_date(v),
            ));
            None
        }
    }
}

pub(super) fn validate_interpretation(i: &InterpretationInput, errors: &mut Vec<FieldError>) -> ValidInterpretation {
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
    let index_number = text("索引号", &input.index_number, MAX_SHORT, false, &mut e);
    let status_basis = rules::normalize_doc_number(&text("状态变更依据", &input.status_basis, MAX_SHORT, false, &mut e));
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
        index_number,
        status_basis,
        note,
        interpretations,
    })
}
