//! Personal data leaving the ledger leaves a trace in it (台账事件, `ledger_event`): an export with
//! full 证件号码 and 联系方式, a saved copy of an attachment or of an issued letter's PDF, a letter
//! sent to the printer, and a change of 操作人. The window and the command line both go through
//! here, so each access is recorded the same way: who (the ledger's current 操作人) and when are
//! added by the ledger, what and how many records are said here, in Chinese.
//!
//! Content is prepared first ([`Outgoing`]); the caller writes it wherever it goes (a save dialog,
//! `--out`, the print folder) and then calls [`Outgoing::written`], so a write that fails is never
//! recorded as done, and the ledger is not held while a dialog is open.

use std::path::Path;

use chrono::NaiveDate;
use gongkai_core::AppError;
use gongkai_ledger::audit::events::{self, EventKind};
use gongkai_ledger::requests::{self, RequestFilter};
use gongkai_ledger::{letters, ExportFormat, Ledger, Result};

/// How many 受理编号 an event's detail names before it says "等".
const NUMBERS_NAMED: usize = 20;

/// Content about to leave the ledger, and the event its writing must leave behind (none for a
/// masked export).
#[must_use = "call `written` once the content has been written, so the access is recorded"]
#[derive(Debug)]
pub struct Outgoing {
    pub bytes: Vec<u8>,
    /// The name the content is offered under (the attachment's own name, say).
    pub name: String,
    /// How many records it holds (requests exported; 1 for an attachment or a letter).
    pub records: usize,
    trace: Option<(EventKind, String)>,
}

impl Outgoing {
    /// Whether writing this content is recorded.
    pub fn is_recorded(&self) -> bool {
        self.trace.is_some()
    }

    /// Records the access now that the content is at `target`. An error here means the file is
    /// written but the ledger has no record of it: the message says both.
    pub fn written(self, ledger: &mut Ledger, target: &Path) -> Result<()> {
        let Some((kind, what)) = self.trace else { return Ok(()) };
        let detail = format!("{what}；写入“{}”", target.display());
        events::record(ledger, kind, &detail, self.records as u64).map(|_| ()).map_err(|e| {
            tracing::error!(error = %e, kind = kind.code(), "access not recorded");
            AppError::internal(format!(
                "文件已写入“{}”，但未能在台账中记录这次“{}”（{e}）；请告知管理员",
                target.display(),
                kind.label()
            ))
            .into()
        })
    }
}

/// The requests matching `filter` as a workbook. With `unmasked` (full 证件号码 and 联系方式) its
/// writing is recorded with the filter, the 受理编号 and the count; a masked export is not.
pub fn request_export(ledger: &Ledger, filter: &RequestFilter, today: NaiveDate, unmasked: bool) -> Result<Outgoing> {
    request_export_as(ledger, filter, today, unmasked, ExportFormat::Xlsx)
}

/// The same as `format` (a workbook or a UTF-8 CSV file): masked alike, recorded alike, the
/// event naming the format.
pub fn request_export_as(
    ledger: &Ledger,
    filter: &RequestFilter,
    today: NaiveDate,
    unmasked: bool,
    format: ExportFormat,
) -> Result<Outgoing> {
    // Full personal data leaves the ledger only for a signed-in 登记员 once accounts exist.
    if unmasked {
        gongkai_ledger::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    }
    let (bytes, count) = requests::exchange::export(ledger, filter, today, unmasked, format)?;
    let name = format!("依申请公开台账-{}.{}", today.format("%Y%m%d"), format.extension());
    let trace = if unmasked {
        let numbers: Vec<String> = requests::list_all(ledger, filter, today, false)?.into_iter().map(|r| r.number).collect();
        let what = match format {
            ExportFormat::Xlsx => "Excel",
            ExportFormat::Csv => "CSV",
        };
        Some((EventKind::ExportUnmasked, format!("导出 {count} 件申请（{what}，含完整证件号码和联系方式）；筛选：{}；受理编号：{}", describe(filter), name_numbers(&numbers))))
    } else {
        None
    };
    Ok(Outgoing { bytes, name, records: count, trace })
}

/// A copy of an attachment (an issued letter's PDF is one too), to be saved out of the ledger.
pub fn attachment_save(ledger: &Ledger, attachment_id: i64) -> Result<Outgoing> {
    let (name, bytes) = requests::open_attachment(ledger, attachment_id)?;
    let number = requests::attachment_request_number(ledger, attachment_id)?;
    let what = format!("另存申请 {number} 的附件“{name}”");
    Ok(Outgoing { bytes, name, records: 1, trace: Some((EventKind::AttachmentSave, what)) })
}

/// A 工作要点 evidence file (佐证附件) saved as a copy under its own name, recorded like a
/// request's attachment.
pub fn evidence_save(ledger: &Ledger, evidence_id: i64) -> Result<Outgoing> {
    let (name, bytes) = gongkai_ledger::plans::open_evidence(ledger, evidence_id)?;
    let owner = gongkai_ledger::plans::evidence_owner(ledger, evidence_id)?;
    let what = format!("另存{owner}的佐证附件“{name}”");
    Ok(Outgoing { bytes, name, records: 1, trace: Some((EventKind::AttachmentSave, what)) })
}

/// An issued letter's PDF, to be handed to the printer.
pub fn letter_print(ledger: &Ledger, letter_id: i64) -> Result<Outgoing> {
    let (name, bytes) = letters::issued_pdf(ledger, letter_id)?;
    let what = format!("打印告知书“{name}”");
    Ok(Outgoing { bytes, name, records: 1, trace: Some((EventKind::Print, what)) })
}

/// Letters just issued together, as one PDF for the printer; `names` say which (受理编号, kind
/// and 文书编号 of each).
pub fn letters_print(bytes: Vec<u8>, name: &str, names: &[String]) -> Outgoing {
    let what = format!("打印 {} 份告知书：{}", names.len(), name_list(names));
    Outgoing { bytes, name: name.to_string(), records: names.len(), trace: Some((EventKind::Print, what)) }
}

/// The filter of an export in words: "全部" when it is empty.
fn describe(f: &RequestFilter) -> String {
    let mut parts = Vec::new();
    if !f.query.trim().is_empty() {
        parts.push(format!("关键词“{}”", f.query.trim()));
    }
    if let Some(y) = f.year {
        parts.push(format!("{y}年收到"));
    }
    if let Some(s) = f.status {
        parts.push(format!("状态 {}", s.label()));
    }
    if let Some(t) = f.applicant_type {
        parts.push(format!("申请人类型 {}", t.label()));
    }
    if let Some(d) = f.due {
        parts.push(format!("到期状态 {}", d.label()));
    }
    if parts.is_empty() {
        "全部".into()
    } else {
        parts.join("，")
    }
}

fn name_numbers(numbers: &[String]) -> String {
    if numbers.is_empty() {
        "无".into()
    } else {
        name_list(numbers)
    }
}

/// The first [`NUMBERS_NAMED`] items, then "等 N 件".
fn name_list(items: &[String]) -> String {
    let shown = items.iter().take(NUMBERS_NAMED).map(String::as_str).collect::<Vec<_>>().join("、");
    if items.len() > NUMBERS_NAMED {
        format!("{shown} 等 {} 件", items.len())
    } else {
        shown
    }
}
