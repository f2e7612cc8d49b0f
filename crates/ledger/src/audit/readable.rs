//! 审计日志 in words (issue 23, point 6): the stored entries stay exactly as they were logged
//! (they are hashed into the chain); this module only says them in the clerk's words when they
//! are shown, in the window and on the command line alike. Fields get their Chinese names, coded
//! values the labels the rest of the app uses (the core's vocabularies), and an entry names its
//! record by the key a clerk knows it by (受理编号, 文号, 登录名…) rather than by its row number.
//! The compact entries of an import (`import_batch`) list their rows' keys.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::batch::{BatchSummary, BATCH_TABLE};
use super::EventKind;
use crate::{settings, Error, Result};
use gongkai_core::document::{Category, Disclosure, DisclosureMode, InterpretationForm, Status};
use gongkai_core::identity::IdKind;
use gongkai_core::letter::LetterKind;
use gongkai_core::request::{ActionKind, Channel, RequestStatus, ReviewKind, ReviewOutcome};
use gongkai_core::taxonomy::{ApplicantType, ReplyResult};

/// One field of a logged record, before and after the change, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditField {
    /// The field's Chinese name (the column's own name where it has none).
    pub field: String,
    /// "" when the entry has no before (an insert).
    pub before: String,
    /// "" when the entry has no after (a delete).
    pub after: String,
    pub changed: bool,
}

/// Tables as the clerk knows them (the log's 表 column and filter), in one place for the window
/// (generated into `ui/src/bindings.ts` as `TABLE_LABEL`) and the command line.
pub const TABLE_LABELS: &[(&str, &str)] = &[
    ("setting", "设置"),
    ("department", "单位名录"),
    ("calendar_day", "工作日历"),
    ("calendar_year", "日历年度"),
    ("document", "文件台账"),
    ("document_status", "文件状态"),
    ("document_interpretation", "解读材料"),
    ("document_return", "退文"),
    ("document_edit", "文件修改记录"),
    ("request", "依申请公开"),
    ("request_event", "办理记录"),
    ("review", "复议诉讼"),
    ("attachment", "附件"),
    ("report_year", "年报填报"),
    ("report_override", "年报例外导出"),
    ("letter_template", "告知书模板"),
    ("letter", "告知书"),
    ("ledger_identity", "台账标识"),
    ("ledger_event", "台账事件"),
    ("account", "账户"),
    ("plan", "工作要点"),
    ("plan_part", "工作要点部分"),
    ("plan_task", "工作要点任务"),
    ("plan_assignment", "任务分工"),
    ("plan_progress", "任务进展"),
    ("plan_evidence", "佐证附件"),
    ("submission", "单位报送"),
    (BATCH_TABLE, "导入批次"),
];

/// The table's Chinese name, or its own name.
pub fn table_label(table: &str) -> &str {
    TABLE_LABELS.iter().find(|(t, _)| *t == table).map_or(table, |(_, l)| l)
}

/// An entry's action as the clerk reads it (generated into `ui/src/bindings.ts` as `ACTION_LABEL`).
pub const ACTION_LABELS: &[(&str, &str)] = &[("insert", "新增"), ("update", "修改"), ("delete", "删除"), ("baseline", "基线记录")];

/// 新增 / 修改 / 删除.
pub fn action_label(action: &str) -> &str {
    ACTION_LABELS.iter().find(|(a, _)| *a == action).map_or(action, |(_, l)| l)
}

/// A column's Chinese name. Columns of the same name mean the same thing in every table except
/// where a table says otherwise first.
fn field_label(table: &str, column: &str) -> Option<&'static str> {
    let own = match (table, column) {
        ("request", "number") => "受理编号",
        ("request", "status") => "办理状态",
        ("request", "content") => "申请内容",
        ("request", "created_at") => "登记时间",
        ("request_event", "kind") => "办理事项",
        ("request_event", "event_date") => "日期",
        ("request_event", "payload") => "办理内容",
        ("request_event", "seq") => "第几项",
        ("document", "status") => "状态",
        ("document", "status_since") => "状态变更日期",
        ("document", "source") | ("document_status", "source") => "录入方式",
        ("document_status", "date") => "状态变更日期",
        ("document_status", "reason") => "变更原因",
        ("document_return", "kind") => "退文或重新报送",
        ("document_return", "reason") => "退文原因",
        ("document_edit", "changed") => "修改的字段",
        ("document_interpretation", "title") => "解读材料名称",
        ("document_interpretation", "published_on") => "解读发布日期",
        ("letter", "number") => "文书编号",
        ("letter", "kind") => "告知书类型",
        ("letter", "title") => "标题",
        ("letter", "body") => "正文",
        ("letter", "organ") => "机关名称",
        ("review", "kind") => "类型",
        ("review", "note") => "说明",
        ("ledger_event", "kind") => "事件",
        ("ledger_event", "records") => "涉及记录数",
        ("ledger_event", "at") => "时间",
        ("account", "name") => "姓名",
        ("department", "name") => "名称",
        ("department", "category") => "类别",
        ("calendar_day", "kind") => "放假或调休上班",
        ("calendar_day", "name") => "名称",
        ("calendar_year", "note") => "说明",
        ("department", "contact") => "联系人",
        ("setting", "key") => "设置项",
        ("setting", "value") => "设置值",
        ("plan", "title") | ("plan_task", "title") => "标题",
        ("plan_part", "heading") => "部分标题",
        ("plan_task", "seq") => "序号",
        ("plan_assignment", "role") => "分工",
        ("plan_assignment", "state") | ("plan_progress", "state") => "进展状态",
        ("plan_progress", "note") => "进展",
        ("plan_progress", "link") => "佐证链接",
        ("submission", "figures") => "报送表数据",
        ("submission", "failures") => "勾稽未通过项",
        ("submission", "warnings") => "提示",
        ("submission", "accept_reason") => "勾稽未通过仍接收的理由",
        _ => "",
    };
    if !own.is_empty() {
        return Some(own);
    }
    Some(match column {
        "id" => "行号",
        "title" => "文件名称",
        "doc_number" => "文号",
        "category" => "类别",
        "issuer" => "制发机关",
        "drafting_department_id" => "起草部门",
        "written_on" => "成文日期",
        "published_on" => "发布日期",
        "effective_on" => "施行日期",
        "valid_until" => "有效期至",
        "status" => "状态",
        "disclosure" => "公开属性",
        "disclosure_reason" => "不予公开或删减理由",
        "disclosure_mode" => "公开方式",
        "secrecy_reviewed" => "保密审查",
        "secrecy_reviewer" => "保密审查人",
        "secrecy_reviewed_on" => "保密审查日期",
        "no_interpretation_reason" => "无需解读的理由",
        "portal_published_on" => "门户网站发布日期",
        "portal_url" => "门户网站链接",
        "note" => "备注",
        "missing" => "缺少的要件",
        "index_number" => "索引号",
        "by_document_id" => "依据文件",
        "by_doc_number" => "依据文号",
        "form" => "解读形式",
        "url" => "链接",
        "date" => "日期",
        "reason" => "原因",
        "source" => "来源",
        "recorded_at" => "记录时间",
        "created_at" => "创建时间",
        "updated_at" => "修改时间",
        "number" => "编号",
        "applicant_type" => "申请人类型",
        "applicant_name" => "申请人",
        "id_kind" => "证件类型",
        "id_number" => "证件号码",
        "contact" => "联系方式",
        "address" => "通信地址",
        "channel" => "申请方式",
        "content" => "内容",
        "document_ref" => "所需信息的文号或名称",
        "document_id" => "关联文件",
        "form_wanted" => "获取形式",
        "delivery_wanted" => "获取方式",
        "received_date" => "收到申请之日",
        "concluded_date" => "办结日期",
        "result_code" => "办理结果",
        "imported" => "导入的记录",
        "request_id" => "所属申请",
        "operator" => "操作人",
        "kind" => "类型",
        "filed_date" => "提起日期",
        "outcome" => "结果",
        "decided_date" => "审结日期",
        "file_name" => "文件名",
        "stored_path" => "保存位置",
        "sha256" => "SHA-256",
        "size_bytes" => "大小（字节）",
        "added_at" => "添加时间",
        "template_key" => "模板",
        "year" => "年度",
        "seq" => "序号",
        "issued_date" => "出具日期",
        "addressee" => "收件人",
        "attachment_id" => "附件",
        "issued_at" => "出具时间",
        "detail" => "内容",
        "login" => "登录名",
        "roles" => "角色",
        "enabled" => "启用",
        "password_hash" => "密码",
        "must_change" => "须修改密码",
        "failed_logins" => "连续登录失败次数",
        "locked_until" => "锁定至",
        "retired" => "停用",
        "sort" => "排序",
        "report_due" => "报送截止日",
        "day" => "日期",
        "day_kind" => "类别",
        "unit_id" => "报送单位",
        "submitted_on" => "报送日期",
        "imported_at" => "导入时间",
        "source_name" => "来源文件",
        "ledger_id" => "台账标识",
        "body" => "正文",
        "on_date" => "日期",
        "due_on" => "完成时限",
        "deadline_text" => "完成时限（原文）",
        "requirement" => "工作要求",
        "lead_written" => "牵头单位",
        "resp_written" => "责任单位",
        "task_id" => "任务",
        "plan_id" => "工作要点",
        "part_id" => "部分",
        "assignment_id" => "分工",
        "state_on" => "状态日期",
        "overview_active" => "总体情况（一）主动公开",
        "overview_requests" => "总体情况（二）依申请公开",
        "overview_management" => "总体情况（三）政府信息管理",
        "overview_platform" => "总体情况（四）政府信息公开平台建设",
        "overview_oversight" => "总体情况（五）监督保障",
        _ => return None,
    })
}

/// A setting's name as 设置 shows it, for the settings this module can name.
fn setting_label(key: &str) -> Option<&'static str> {
    Some(match key {
        settings::KEY_ORGAN_NAME => "机关名称",
        settings::KEY_REVIEW_ORGAN => "复议机关",
        settings::KEY_COURT => "人民法院",
        settings::KEY_ORGAN_ADDRESS => "机关地址",
        settings::KEY_ORGAN_PHONE => "联系电话",
        settings::KEY_PDF_BODY_FONT => "正文字体",
        settings::KEY_BACKUP_INTERVAL_HOURS => "自动备份间隔",
        settings::KEY_REPLY_SIGNOFF => "答复须经审核签发",
        settings::KEY_IDLE_LOCK_MINUTES => "无操作锁定",
        "request_number_pattern" => "受理编号格式",
        "letter_number_pattern" => "文书编号格式",
        "report_due" => "报告截止日期",
        _ => return None,
    })
}

const YES_NO_COLUMNS: &[&str] =
    &["imported", "secrecy_reviewed", "enabled", "must_change", "retired", "all_units", "incomplete"];

/// A 办理记录's payload (`EventDetail` as stored) in words: "送达方式：邮寄；送达凭证：EMS1".
fn payload_text(json: &str) -> String {
    use gongkai_core::clock::ConsultationKind;
    use gongkai_core::request::{CorrectionGround, ReplyType};
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(json) else { return json.to_string() };
    fn as_label<T: serde::de::DeserializeOwned>(v: &Value, label: fn(T) -> &'static str) -> Option<String> {
        serde_json::from_value::<T>(v.clone()).ok().map(|t| label(t).to_string())
    }
    let parts: Vec<String> = map
        .iter()
        .filter(|(k, v)| *k != "kind" && !matches!(v, Value::Null) && v.as_str() != Some("") && v.as_array().is_none_or(|a| !a.is_empty()))
        .map(|(k, v)| {
            let name = match k.as_str() {
                "method" => "方式",
                "proof" => "送达凭证",
                "result" => "办理结果",
                "reply_type" => "答复类型",
                "note" => "说明",
                "archive_number" => "档号",
                "grounds" => "补正事项",
                "items" => "其他补正内容",
                "correct_by" => "补正期限",
                "consultation" => "征求意见对象",
                "party" => "被征求意见方",
                "opinion" => "意见",
                "workdays" => "延长工作日",
                "approver" => "批准人",
                "reason" => "理由",
                "comment" => "意见",
                "amount" => "金额（元）",
                "basis" => "收费依据",
                "until" => "答复日期",
                other => other,
            };
            let value = match k.as_str() {
                "result" => as_label::<ReplyResult>(v, ReplyResult::label),
                "reply_type" => as_label::<ReplyType>(v, ReplyType::label),
                "consultation" => as_label::<ConsultationKind>(v, ConsultationKind::label),
                "grounds" => v.as_array().map(|a| {
                    a.iter().map(|g| as_label::<CorrectionGround>(g, CorrectionGround::label).unwrap_or_else(|| g.to_string())).collect::<Vec<_>>().join("、")
                }),
                _ => None,
            }
            .unwrap_or_else(|| v.as_str().map_or_else(|| v.to_string(), str::to_string));
            format!("{name}：{value}")
        })
        .collect();
    if parts.is_empty() { "（无）".into() } else { parts.join("；") }
}

/// A 台账事件's detail: upgrades and restores keep their facts as JSON, said here in words.
fn event_detail(kind: &str, detail: &str) -> String {
    let Ok(Value::Object(d)) = serde_json::from_str::<Value>(detail) else { return detail.to_string() };
    let s = |k: &str| d.get(k).map_or(String::new(), |v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
    let head = |k: &str| {
        let h = s(k);
        match h.split_once(':') {
            Some((n, hash)) => format!("第 {n} 条（校验码 {}）", super::Head { entry: 0, hash: hash.to_string() }.code()),
            None => "（无）".into(),
        }
    };
    match kind {
        "upgrade" if d.get("from").and_then(Value::as_i64) == Some(0) => format!("新建台账，结构版本 {}；{}", s("to"), s("verification")),
        "upgrade" => format!("结构版本由 {} 升级到 {}；{}", s("from"), s("to"), s("verification")),
        "restore" => format!(
            "从“{}”恢复，恢复到审计日志{}；替换前为{}，原台账另存为“{}”；写回附件 {} 个",
            s("from"),
            head("restored_head"),
            head("replaced_head"),
            s("safety_copy"),
            s("attachments")
        ),
        _ => detail.to_string(),
    }
}

/// A logged value in words: coded values by the core's labels, flags as 是/否, nothing as （空）.
fn value_text(table: &str, column: &str, value: &Value) -> String {
    let text = match value {
        Value::Null => return "（空）".into(),
        Value::String(s) if s.is_empty() => return "（空）".into(),
        Value::String(s) => s.as_str(),
        Value::Number(n) if YES_NO_COLUMNS.contains(&column) => {
            return if n.as_i64() == Some(0) { "否" } else { "是" }.into();
        }
        Value::Number(n) => return n.to_string(),
        Value::Bool(b) => return if *b { "是" } else { "否" }.into(),
        other => return other.to_string(),
    };
    let label: Option<&str> = match (table, column) {
        ("request", "status") => RequestStatus::from_code(text).map(RequestStatus::label),
        ("document" | "document_status", "status") => Status::from_code(text).map(Status::label),
        (_, "category") => Category::from_code(text).map(Category::label),
        (_, "disclosure") => Disclosure::from_code(text).map(Disclosure::label),
        (_, "disclosure_mode") => DisclosureMode::from_code(text).map(DisclosureMode::label),
        ("document_interpretation", "form") => InterpretationForm::from_code(text).map(InterpretationForm::label),
        ("document_return", "kind") => match text {
            "returned" => Some("退文"),
            "resubmitted" => Some("重新报送"),
            _ => None,
        },
        (t, "source") if t != "calendar_day" => match text {
            "window" => Some("窗口录入"),
            "import" => Some("文件导入"),
            "cli" => Some("命令行"),
            _ => None,
        },
        (_, "channel") => Channel::from_code(text).map(Channel::label),
        (_, "applicant_type") => ApplicantType::from_code(text).map(ApplicantType::label),
        (_, "id_kind") => IdKind::from_code(text).map(IdKind::label),
        (_, "result_code") => ReplyResult::from_code(text).map(ReplyResult::label),
        ("request_event", "kind") => ActionKind::from_code(text).map(ActionKind::label),
        ("review", "kind") => ReviewKind::from_code(text).map(ReviewKind::label),
        ("review", "outcome") => ReviewOutcome::from_code(text).map(ReviewOutcome::label),
        ("letter", "kind") => LetterKind::from_code(text).map(LetterKind::label),
        ("ledger_event", "kind") => EventKind::ALL.into_iter().find(|k| k.code() == text).map(EventKind::label),
        ("setting", "key") => setting_label(text),
        ("calendar_day", "kind") => match text {
            "holiday" => Some("放假"),
            "workday" => Some("调休上班"),
            _ => None,
        },
        ("calendar_day", "source") => match text {
            "notice" => Some("放假通知"),
            "local" => Some("本地调整"),
            _ => None,
        },
        ("request_event", "payload") => return payload_text(text),
        ("account", "roles") => {
            let roles = gongkai_core::account::parse_roles(text).ok();
            return roles.map_or_else(|| text.to_string(), |r| r.iter().map(|r| r.label()).collect::<Vec<_>>().join("、"));
        }
        _ => None,
    };
    label.unwrap_or(text).to_string()
}

fn object(json: Option<&str>) -> Option<Map<String, Value>> {
    match serde_json::from_str::<Value>(json?) {
        Ok(Value::Object(map)) => Some(map),
        _ => {
            let mut map = Map::new();
            map.insert("内容".into(), Value::String(json?.to_string()));
            Some(map)
        }
    }
}

/// The fields of an entry as the detail shows them: an import batch by its source, table, count
/// and keys (its digests are for `verify`, not for reading); any other entry field by field.
pub fn entry_fields(table: &str, before: Option<&str>, after: Option<&str>) -> Vec<AuditField> {
    if table == BATCH_TABLE {
        if let Some(s) = after.and_then(BatchSummary::read) {
            let row = |field: &str, after: String| AuditField { field: field.into(), before: String::new(), after, changed: true };
            return vec![
                row("内容", s.summary()),
                row("来源文件", s.source().to_string()),
                row("表", table_label(s.table()).to_string()),
                row("条数", s.rows().to_string()),
                row("各条记录", s.all_keys()),
            ];
        }
    }
    fields(table, before, after)
}

/// Every field of the entry, changed ones first (an insert or a delete changes them all).
pub fn fields(table: &str, before: Option<&str>, after: Option<&str>) -> Vec<AuditField> {
    let (b, a) = (object(before), object(after));
    let mut names: Vec<&String> = Vec::new();
    for map in [&b, &a].into_iter().flatten() {
        for k in map.keys() {
            if !names.contains(&k) {
                names.push(k);
            }
        }
    }
    let show = |map: &Option<Map<String, Value>>, k: &str| {
        map.as_ref().map_or(String::new(), |m| m.get(k).map_or(String::new(), |v| value_text(table, k, v)))
    };
    let rows: Vec<AuditField> = names
        .into_iter()
        .map(|k| AuditField {
            field: field_label(table, k).map_or_else(|| k.clone(), str::to_string),
            before: show(&b, k),
            after: show(&a, k),
            changed: b.is_none() || a.is_none() || b.as_ref().and_then(|m| m.get(k)) != a.as_ref().and_then(|m| m.get(k)),
        })
        .collect();
    let (mut changed, same): (Vec<_>, Vec<_>) = rows.into_iter().partition(|f| f.changed);
    changed.extend(same);
    changed
}

/// Keys of records looked up while describing a page of entries (one query per record).
#[derive(Default)]
pub(crate) struct Names {
    requests: HashMap<i64, Option<String>>,
    documents: HashMap<i64, Option<String>>,
}

impl Names {
    fn lookup(conn: &Connection, sql: &str, id: i64) -> Result<Option<String>> {
        conn.query_row(sql, [id], |r| r.get::<_, String>(0)).optional().map_err(|e| Error::sqlite("读取审计日志", e))
    }

    fn request(&mut self, conn: &Connection, id: i64) -> Result<Option<String>> {
        if let Some(n) = self.requests.get(&id) {
            return Ok(n.clone());
        }
        let n = Self::lookup(conn, "SELECT number FROM request WHERE id = ?1", id)?;
        self.requests.insert(id, n.clone());
        Ok(n)
    }

    fn document(&mut self, conn: &Connection, id: i64) -> Result<Option<String>> {
        if let Some(n) = self.documents.get(&id) {
            return Ok(n.clone());
        }
        let n = Self::lookup(conn, "SELECT doc_number FROM document WHERE id = ?1", id)?;
        self.documents.insert(id, n.clone());
        Ok(n)
    }
}

/// The record an entry is about, by the key a clerk knows it by: "受理编号 2026-0001",
/// "文号 某府发〔2026〕1号", "账户 wang"…; "第 N 行" where a table has no such key.
pub(crate) fn record_name(conn: &Connection, names: &mut Names, table: &str, row_id: i64, before: Option<&str>, after: Option<&str>) -> Result<String> {
    let (b, a) = (object(before), object(after));
    let get = |k: &str| -> Option<Value> { a.as_ref().and_then(|m| m.get(k)).or_else(|| b.as_ref().and_then(|m| m.get(k))).cloned() };
    let text = |k: &str| get(k).and_then(|v| v.as_str().map(str::to_string)).filter(|s| !s.is_empty());
    let id = |k: &str| get(k).and_then(|v| v.as_i64());
    let fallback = format!("第 {row_id} 行");
    let named = |label: &str, v: Option<String>| v.map_or_else(|| fallback.clone(), |v| format!("{label} {v}"));
    Ok(match table {
        "request" => named("受理编号", text("number")),
        "request_event" | "review" | "attachment" | "letter" => match id("request_id") {
            Some(r) => {
                let number = names.request(conn, r)?;
                let own = if table == "letter" { text("number").map(|n| format!("（文书编号 {n}）")) } else { None };
                format!("{}{}", named("受理编号", number), own.unwrap_or_default())
            }
            None => fallback,
        },
        "document" => named("文号", text("doc_number")),
        "document_status" | "document_interpretation" | "document_return" | "document_edit" => match id("document_id") {
            Some(d) => named("文号", names.document(conn, d)?),
            None => fallback,
        },
        "account" => named("账户", text("login")),
        "setting" => text("key").map_or(fallback.clone(), |k| format!("设置 {}", setting_label(&k).unwrap_or(&k))),
        "department" => named("单位", text("name")),
        "calendar_day" => named("日期", text("date")),
        "calendar_year" | "report_year" => get("year").map_or(fallback.clone(), |y| format!("{y} 年度")),
        "plan" => get("year").map_or(fallback.clone(), |y| format!("{y} 年工作要点")),
        "ledger_event" => text("kind").map_or(fallback.clone(), |k| {
            EventKind::ALL.into_iter().find(|e| e.code() == k).map_or(k.clone(), |e| e.label().to_string())
        }),
        BATCH_TABLE => after.and_then(BatchSummary::read).map_or(fallback.clone(), |s| s.record()),
        _ => fallback,
    })
}

/// The one-line 变化 of an entry: "办理状态：已送达 → 已归档；…" for a change, "新增：…" for an
/// insert, "导入 500 条申请：2026-0001、… 2026-0500" for an import batch.
pub(crate) fn summary(table: &str, action: &str, before: Option<&str>, after: Option<&str>, max: usize) -> String {
    if table == BATCH_TABLE {
        if let Some(s) = after.and_then(BatchSummary::read) {
            return s.summary();
        }
    }
    if table == "ledger_event" && before.is_none() {
        if let Some(a) = object(after) {
            let code = a.get("kind").and_then(Value::as_str).unwrap_or_default();
            let kind = a.get("kind").map(|v| value_text(table, "kind", v)).unwrap_or_default();
            let detail = event_detail(code, a.get("detail").and_then(Value::as_str).unwrap_or_default());
            let records = a.get("records").and_then(Value::as_i64).filter(|n| *n > 0).map(|n| format!("（{n} 条）")).unwrap_or_default();
            return format!("{kind}{records}：{detail}");
        }
    }
    if table == "request_event" && before.is_none() {
        if let Some(a) = object(after) {
            let kind = a.get("kind").map(|v| value_text(table, "kind", v)).unwrap_or_default();
            let date = a.get("event_date").and_then(Value::as_str).unwrap_or_default();
            let payload = a.get("payload").and_then(Value::as_str).map(payload_text).filter(|p| p != "（无）");
            return match payload {
                Some(p) => format!("办理记录：{kind}（{date}；{p}）"),
                None => format!("办理记录：{kind}（{date}）"),
            };
        }
    }
    let all = fields(table, before, after);
    match (before, after) {
        (None, _) => {
            let shown: Vec<String> = all.iter().filter(|f| f.after != "（空）" && f.field != "行号").take(max).map(|f| format!("{}：{}", f.field, f.after)).collect();
            format!("{}：{}", action_label(action), shown.join("；"))
        }
        (_, None) => "删除记录".into(),
        _ => {
            let changed: Vec<&AuditField> = all.iter().filter(|f| f.changed).collect();
            let mut parts: Vec<String> = changed.iter().take(max).map(|f| format!("{}：{} → {}", f.field, f.before, f.after)).collect();
            if changed.len() > max {
                parts.push(format!("等 {} 处", changed.len()));
            }
            if parts.is_empty() { "无变化".into() } else { parts.join("；") }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_change_reads_in_chinese() {
        let before = r#"{"id":3,"number":"2026-0001","status":"delivered","applicant_type":"natural_person"}"#;
        let after = r#"{"id":3,"number":"2026-0001","status":"archived","applicant_type":"natural_person"}"#;
        assert_eq!(summary("request", "update", Some(before), Some(after), 3), "办理状态：已送达 → 已归档");
        let f = fields("request", Some(before), Some(after));
        assert_eq!(f[0], AuditField { field: "办理状态".into(), before: "已送达".into(), after: "已归档".into(), changed: true });
        assert!(f.iter().any(|f| f.field == "申请人类型" && f.after == "自然人" && !f.changed));
    }

    #[test]
    fn an_unknown_column_keeps_its_name_and_value() {
        let f = fields("request", None, Some(r#"{"zz_new":"x","status":"no_such"}"#));
        assert!(f.iter().any(|f| f.field == "zz_new" && f.after == "x"));
        assert!(f.iter().any(|f| f.field == "办理状态" && f.after == "no_such"));
    }

    #[test]
    fn ledger_events_upgrades_and_restores_read_in_words() {
        let after = r#"{"id":1,"kind":"export_unmasked","detail":"导出 3 件申请","records":3}"#;
        assert_eq!(summary("ledger_event", "insert", None, Some(after), 3), "导出完整个人信息（3 条）：导出 3 件申请");
        let upgrade = serde_json::json!({"kind": "upgrade", "records": 0,
            "detail": serde_json::json!({"from": 10, "to": 11, "verification": "升级前校验：审计日志完好"}).to_string()});
        assert_eq!(summary("ledger_event", "insert", None, Some(&upgrade.to_string()), 3), "升级台账结构：结构版本由 10 升级到 11；升级前校验：审计日志完好");
        let detail = serde_json::json!({"from": "b.db", "restored_head": format!("40:{}", "ab".repeat(32)),
            "replaced_head": format!("55:{}", "cd".repeat(32)), "safety_copy": "恢复前-x.db", "attachments": 2});
        let restore = serde_json::json!({"kind": "restore", "records": 0, "detail": detail.to_string()});
        assert_eq!(
            summary("ledger_event", "insert", None, Some(&restore.to_string()), 3),
            "从备份恢复：从“b.db”恢复，恢复到审计日志第 40 条（校验码 abababab-abababab）；替换前为第 55 条（校验码 cdcdcdcd-cdcdcdcd），原台账另存为“恢复前-x.db”；写回附件 2 个"
        );
    }

    #[test]
    fn an_insert_a_delete_and_an_event_payload_read_in_words() {
        let doc = r#"{"id":5,"title":"关于某事的通知","doc_number":"某府发〔2026〕1号","category":"normative","status":"in_force","secrecy_reviewed":1}"#;
        let s = summary("document", "insert", None, Some(doc), 3);
        assert!(s.starts_with("新增：") && s.contains("类别：行政规范性文件"), "{s}");
        let f = fields("document", None, Some(doc));
        assert!(f.iter().all(|f| f.changed && f.before.is_empty()));
        assert!(f.iter().any(|f| f.field == "保密审查" && f.after == "是"));
        assert!(f.iter().any(|f| f.field == "状态" && f.after == "现行有效"));
        assert_eq!(summary("document", "delete", Some(doc), None, 3), "删除记录");
        let event = r#"{"request_id":1,"kind":"replied","event_date":"2026-03-02","payload":"{\"kind\":\"replied\",\"method\":\"邮寄\",\"result\":\"disclosed\",\"reply_type\":null,\"note\":\"\"}"}"#;
        let s = summary("request_event", "insert", None, Some(event), 3);
        assert!(s.starts_with("办理记录：答复（2026-03-02；") && s.contains("方式：邮寄") && !s.contains("reply_type"), "{s}");
        assert_eq!(value_text("account", "roles", &Value::String("clerk,head".into())), "登记员、负责人");
        assert_eq!(value_text("setting", "key", &Value::String("organ_name".into())), "机关名称");
    }
}
