//! Excel and CSV exchange of the request ledger (issue 5, point 8): import an existing ledger
//! from .csv (UTF-8 with or without BOM, or GBK) or .xlsx, all or nothing with row-level Chinese
//! errors; export the filtered list to .xlsx or .csv with ID and phone numbers masked unless asked.
//!
//! An imported request is history, not a new case: it gets a 登记 event and, when concluded, the
//! event that concluded it, both marked imported and recorded without the workflow's checks.

use std::collections::HashMap;
use std::sync::mpsc;

use chrono::NaiveDate;
use gongkai_core::identity::{self, IdKind};
use gongkai_core::request::{Channel, EventDetail, RequestEvent};
use gongkai_core::taxonomy::{ApplicantType, ReplyResult};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::requests::{self, Actor, CheckedRequest, RequestFilter};
use crate::progress::{ImportStage, Progress};
use crate::sheet::{self, clip, Cell, RowEvent};
use crate::{Error, Ledger, Result};

/// The columns of an import file, in the order of the template.
pub const COLUMNS: [&str; 12] = [
    "受理编号",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系方式",
    "申请方式",
    "收到日期",
    "申请内容",
    "办结日期",
    "办理结果",
    // Optional (条例第二十九条第二款第（三）项): the form and the way the applicant wants it.
    "获取形式",
    "获取方式",
];
/// Other names clerks give the optional columns.
const COLUMN_ALIASES: [(&str, &str); 3] = [("获取信息的方式", "获取方式"), ("提供形式", "获取形式"), ("信息形式", "获取形式")];
/// Columns whose numbers are Excel serial dates.
const DATE_COLUMNS: [&str; 2] = ["收到日期", "办结日期"];
pub(crate) const REQUIRED: [&str; 6] = ["受理编号", "申请人类型", "申请人", "申请方式", "收到日期", "申请内容"];
/// Errors listed before the rest are only counted: enough to fix a file in one go, short enough to read.
const MAX_LISTED_ERRORS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "RequestImportSummary")]
pub struct ImportSummary {
    /// Requests written.
    pub imported: u32,
    /// Of which concluded (办结日期 given).
    pub concluded: u32,
    /// Of which still open.
    pub open: u32,
    /// "UTF-8", "UTF-8（带 BOM）", "GBK" or "Excel".
    pub source: String,
    /// Columns of the file that are not import columns and were left out.
    pub ignored_columns: Vec<String>,
}

impl ImportSummary {
    /// The one line the command line prints.
    pub fn line(&self) -> String {
        let mut s = format!(
            "已导入 {} 条申请（已办结 {} 条，未办结 {} 条；文件编码 {}）",
            self.imported, self.concluded, self.open, self.source
        );
        if !self.ignored_columns.is_empty() {
            s.push_str(&format!("；未导入的列：{}", self.ignored_columns.join("、")));
        }
        s
    }
}

/// Refuses a file whose name's extension is not one the spreadsheet reader reads.
fn check_extension(file_name: &str) -> Result<()> {
    let lower = file_name.to_lowercase();
    if [".xlsx", ".xlsm", ".xls", ".csv", ".txt"].iter().any(|ext| lower.ends_with(ext)) {
        Ok(())
    } else {
        Err(Error::Validation(format!(
            "无法识别文件“{}”的格式：请使用 .xlsx 或 .csv 文件",
            clip(file_name)
        )))
    }
}

struct ImportRow {
    line: usize,
    request: CheckedRequest,
    concluded: Option<(NaiveDate, ReplyResult)>,
}

struct Errors(Vec<String>, usize);

impl Errors {
    fn push(&mut self, line: usize, column: &str, reason: impl Into<String>) {
        self.1 += 1;
        if self.0.len() < MAX_LISTED_ERRORS {
            self.0.push(format!("第{line}行“{column}”：{}", reason.into()));
        }
    }
}

/// Checks rows one by one against the rules that need no ledger, collecting every error.
struct RowChecker {
    /// Column of each import column in the file.
    index: HashMap<&'static str, usize>,
    /// Columns of the file that are not import columns.
    ignored: Vec<String>,
    errors: Errors,
    /// Each 受理编号 met so far, with its line.
    seen: HashMap<String, usize>,
    today: NaiveDate,
}

impl RowChecker {
    /// The checker for a file with `header`; refuses a header without the required columns.
    fn new(header: &[String], today: NaiveDate) -> Result<RowChecker> {
        let mut index: HashMap<&'static str, usize> = HashMap::new();
        let mut ignored = Vec::new();
        for (i, name) in header.iter().enumerate() {
            let name = sheet::column_name(name);
            let name = COLUMN_ALIASES.iter().find(|(alias, _)| *alias == name).map(|(_, c)| *c).unwrap_or(name);
            match COLUMNS.iter().find(|c| **c == name) {
                Some(c) if index.contains_key(c) => {
                    return Err(Error::Validation(format!("第1行：列“{c}”出现了两次")));
                }
                Some(c) => {
                    index.insert(c, i);
                }
                None if name.is_empty() => {}
                None => ignored.push(name.to_string()),
            }
        }
        let missing: Vec<&str> = REQUIRED.iter().copied().filter(|c| !index.contains_key(c)).collect();
        if !missing.is_empty() {
            return Err(Error::Validation(format!(
                "第1行：缺少必需的列 {}（表头应为：{}）",
                missing.iter().map(|c| format!("“{c}”")).collect::<Vec<_>>().join("、"),
                COLUMNS.join("、")
            )));
        }
        Ok(RowChecker { index, ignored, errors: Errors(Vec::new(), 0), seen: HashMap::new(), today })
    }

    /// Checks data row `i` (the file's line `i + 2`): the request it holds, or None for a blank
    /// row or one with errors (counted in `self.errors`).
    fn check(&mut self, i: usize, cells: &[Cell]) -> Option<ImportRow> {
        let RowChecker { index, errors, seen, today, .. } = self;
        let today = *today;
        let line = i + 2;
        let get = |col: &str| -> Option<&Cell> { index.get(col).and_then(|&j| cells.get(j)) };
        let val = |col: &str| get(col).map(Cell::text).unwrap_or_default();
        if cells.iter().all(|c| c.text().is_empty()) {
            return None; // blank lines at the end of a sheet
        }
        let before = errors.1;
        let mut required = |col: &str, max: usize| {
            let v = val(col);
            if v.is_empty() {
                errors.push(line, col, "不能为空");
            } else if v.chars().count() > max {
                errors.push(line, col, format!("不能超过 {max} 个字"));
            }
            v
        };
        let number = required("受理编号", 50);
        let type_label = required("申请人类型", 20);
        let name = required("申请人", 100);
        let channel_label = required("申请方式", 20);
        let received_text = required("收到日期", 30);
        let content = required("申请内容", 5000);
        let applicant_type = ApplicantType::from_label(&type_label);
        if applicant_type.is_none() && !type_label.is_empty() {
            errors.push(line, "申请人类型", format!("“{}”不是年报的申请人类型（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）", clip(&type_label)));
        }
        let channel = Channel::from_label(&channel_label);
        if channel.is_none() && !channel_label.is_empty() {
            errors.push(
                line,
                "申请方式",
                format!("“{}”无法识别，应为当面、邮寄、网络、传真或其他", clip(&channel_label)),
            );
        }
        let date_of = |errors: &mut Errors, col: &str| -> Option<NaiveDate> {
            let cell = get(col)?;
            if let Cell::Date(d) = cell {
                return Some(*d);
            }
            let t = cell.text();
            if t.is_empty() {
                return None;
            }
            let d = gongkai_core::dates::parse_date(&t);
            if d.is_none() {
                errors.push(line, col, gongkai_core::dates::invalid_date(&t));
            }
            d
        };
        let received = if received_text.is_empty() {
            None
        } else {
            date_of(errors, "收到日期")
        };
        if let Some(r) = received.filter(|r| *r > today) {
            errors.push(line, "收到日期", format!("{r} 晚于今天"));
        }
        let concluded = date_of(errors, "办结日期");
        if let (Some(c), Some(r)) = (concluded, received) {
            if c < r {
                errors.push(line, "办结日期", format!("{c} 早于收到日期 {r}"));
            }
            if c > today {
                errors.push(line, "办结日期", format!("{c} 晚于今天"));
            }
        }
        let result_text = val("办理结果");
        let result = if result_text.is_empty() {
            None
        } else {
            ReplyResult::from_label(&result_text)
        };
        if !result_text.is_empty() && result.is_none() {
            errors.push(
                line,
                "办理结果",
                format!("“{}”不是年报“本年度办理结果”的类别（不带编号写，如 予以公开、属于国家秘密、其他）", clip(&result_text)),
            );
        }
        let has_concluded_text = !val("办结日期").is_empty();
        if has_concluded_text && result_text.is_empty() {
            errors.push(line, "办理结果", "填写了办结日期，必须填写办理结果");
        }
        if !has_concluded_text && !result_text.is_empty() {
            errors.push(line, "办结日期", "填写了办理结果，必须填写办结日期");
        }
        let id_text = val("证件号码");
        if !id_text.is_empty() && matches!(get("证件号码"), Some(Cell::Number(_))) {
            // Excel keeps 15 significant digits: an 18-digit number typed into a number cell has
            // already lost its last digits, so no checksum message would tell the clerk why.
            errors.push(
                line,
                "证件号码",
                format!(
                    "“{}”是数字单元格：Excel 把 18 位号码当作数字保存，最后几位已经丢失。请把“证件号码”列的单元格格式设置为“文本”，再重新输入这些号码后导入",
                    clip(&id_text)
                ),
            );
        }
        let id_kind = match (id_text.chars().count(), applicant_type) {
            (0, _) => IdKind::None,
            (18, Some(t)) if t.is_natural_person() => IdKind::ResidentId,
            (18, Some(_)) => IdKind::CreditCode,
            _ => IdKind::Other,
        };
        let id_number = match identity::check_id(id_kind, &id_text) {
            Ok(n) => n,
            Err(_) if matches!(get("证件号码"), Some(Cell::Number(_))) => String::new(),
            Err(e) => {
                errors.push(line, "证件号码", e);
                String::new()
            }
        };
        let mut optional = |col: &str| {
            let v = val(col);
            if v.chars().count() > 50 {
                errors.push(line, col, "不能超过 50 个字");
            }
            v
        };
        let form_wanted = optional("获取形式");
        let delivery_wanted = optional("获取方式");
        let contact = val("联系方式");
        if contact.chars().count() > 100 {
            errors.push(line, "联系方式", "不能超过 100 个字");
        }
        if !number.is_empty() {
            if let Some(first) = seen.insert(number.clone(), line) {
                errors.push(line, "受理编号", format!("“{}”与第{first}行重复", clip(&number)));
            }
        }
        if errors.1 > before {
            return None;
        }
        let (Some(applicant_type), Some(channel), Some(received)) = (applicant_type, channel, received) else {
            return None;
        };
        Some(ImportRow {
            line,
            request: CheckedRequest {
                number: Some(number),
                applicant_type,
                applicant_name: name,
                id_kind,
                id_number,
                contact,
                address: String::new(),
                channel,
                received,
                content,
                document_ref: String::new(),
                document_id: None,
                form_wanted,
                delivery_wanted,
            },
            concluded: concluded.zip(result),
        })
    }
}

fn import_failure(errors: Errors) -> Error {
    let mut message = format!(
        "导入失败，未写入任何记录。共 {} 处错误：\n{}",
        errors.1,
        errors.0.join("\n")
    );
    if errors.1 > errors.0.len() {
        message.push_str(&format!("\n……另有 {} 处错误未列出", errors.1 - errors.0.len()));
    }
    Error::Validation(message)
}

/// A checked row as the bulk writer takes it: its 登记 event and, when concluded, the event that
/// concluded it.
fn bulk_request(row: &ImportRow) -> requests::BulkRequest<'_> {
    let mut events = vec![RequestEvent::new(row.request.received, EventDetail::Registered {})];
    events.extend(row.concluded.map(|(date, result)| concluding_event(date, result)));
    requests::BulkRequest { line: row.line, request: &row.request, number: row.request.number.as_deref().unwrap_or_default(), events }
}

/// The event that concluded an imported request, by its result.
fn concluding_event(date: NaiveDate, result: ReplyResult) -> RequestEvent {
    let note = "由导入的台账记录".to_string();
    let detail = match result {
        ReplyResult::CorrectionOverdue => EventDetail::CorrectionLapsed { note },
        ReplyResult::FeeUnpaid => EventDetail::FeeUnpaid { note },
        result => EventDetail::Replied {
            method: "导入".into(),
            result,
            reply_type: None,
            note,
        },
    };
    RequestEvent::new(date, detail)
}

/// Imports a request ledger from `bytes` (named `file_name`, whose extension decides the format).
/// All or nothing: any bad row, or a 受理编号 already in the ledger, writes nothing.
pub fn import(ledger: &mut Ledger, file_name: &str, bytes: &[u8], actor: &Actor) -> Result<ImportSummary> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let signed = crate::accounts::signed(ledger, actor);
    let actor = &signed;
    import_with(ledger, file_name, bytes, actor, &mut Progress::none())
}

/// [`import`], reporting to `progress`: [`read`], then [`apply`].
pub fn import_with(
    ledger: &mut Ledger,
    file_name: &str,
    bytes: &[u8],
    actor: &Actor,
    progress: &mut Progress<'_>,
) -> Result<ImportSummary> {
    let reader = read(file_name, bytes.to_vec(), actor.today())?;
    apply(ledger, reader, actor, progress)
}

/// What the reading thread hands the writer.
enum Message {
    /// The header was read and is sound; at most `total` data rows follow.
    Header { total: usize },
    /// Rows checked, in the file's order: `checked` rows of the file have been read so far, and
    /// `clean` says whether every one of them passed (then `rows` are the requests among them not
    /// handed over before; otherwise `rows` is empty and the writer writes no more).
    Rows { rows: Vec<ImportRow>, checked: usize, clean: bool },
}

/// What the reading thread found by the end of the file.
struct ReadOutcome {
    source: &'static str,
    ignored: Vec<String>,
    errors: Errors,
}

/// A request file being read and checked on a thread of its own ([`read`]), its checked rows
/// handed to [`apply`] in batches while the rest is read: reading the file and writing the ledger
/// share the machine's cores. Nothing is written but by `apply`, in one transaction.
pub struct ImportReader {
    file_name: String,
    /// Data rows at most (blank rows included): the progress bar's length.
    total: usize,
    receiver: mpsc::Receiver<Message>,
    thread: std::thread::JoinHandle<Result<ReadOutcome>>,
}

impl ImportReader {
    /// Data rows in the file at most (blank rows included).
    pub fn total(&self) -> usize {
        self.total
    }
}

/// Batches the reading thread may be ahead of the writer.
const BATCHES_AHEAD: usize = 8;

/// Starts reading `bytes` (named `file_name`) on a thread of its own and waits for its header:
/// a file that cannot be read, or whose header lacks a required column, is refused here, before
/// any ledger is involved. Row errors (dates after `today` among them) are reported by [`apply`].
pub fn read(file_name: &str, bytes: Vec<u8>, today: NaiveDate) -> Result<ImportReader> {
    check_extension(file_name)?;
    let (sender, receiver) = mpsc::sync_channel(BATCHES_AHEAD);
    let thread = std::thread::Builder::new()
        .name("gongkai-import-read".into())
        .spawn(move || read_rows(&bytes, today, &sender))
        .map_err(|e| Error::Validation(format!("无法开始读取文件（{e}）")))?;
    if let Ok(Message::Header { total }) = receiver.recv() {
        return Ok(ImportReader { file_name: file_name.to_string(), total, receiver, thread });
    }
    // The thread sends its header first, or ends with the reason it could not.
    drop(receiver);
    Err(match join(thread) {
        Err(e) => e,
        Ok(_) => Error::Validation("文件是空的：第1行应为列名".into()),
    })
}

/// Reads and checks every row of a file without any ledger: the refusal [`apply`] gives a bad
/// row (a 受理编号 already in a ledger aside), for a caller that must not create a ledger for a
/// file it will refuse (the command line importing into a new ledger file).
pub fn check(file_name: &str, bytes: Vec<u8>, today: NaiveDate) -> Result<()> {
    let ImportReader { receiver, thread, .. } = read(file_name, bytes, today)?;
    let mut any = false;
    for message in receiver.iter() {
        if let Message::Rows { rows, .. } = message {
            any |= !rows.is_empty();
        }
    }
    let outcome = join(thread)?;
    if outcome.errors.1 > 0 {
        return Err(import_failure(outcome.errors));
    }
    if !any {
        return Err(no_rows());
    }
    Ok(())
}

/// The refusal of a file with a header and no request.
fn no_rows() -> Error {
    Error::Validation("文件中没有申请记录（第1行是表头，从第2行起每行一条申请）".into())
}

/// The reading thread's outcome; a thread that panicked is an error like any other.
fn join(thread: std::thread::JoinHandle<Result<ReadOutcome>>) -> Result<ReadOutcome> {
    thread
        .join()
        .unwrap_or_else(|_| Err(Error::Validation("读取文件时出错，未写入任何记录".into())))
}

/// The reading thread: every row read and checked, the checked ones sent on in batches.
fn read_rows(bytes: &[u8], today: NaiveDate, sender: &mpsc::SyncSender<Message>) -> Result<ReadOutcome> {
    // The writer stops listening when it fails; reading on would then be for nothing.
    let send = |m: Message| sender.send(m).map_err(|_| Error::Validation("导入已停止，未写入任何记录".into()));
    let mut checker: Option<RowChecker> = None;
    let mut batch = Vec::with_capacity(requests::BULK_BATCH);
    let mut checked = 0;
    let source = sheet::stream_table(bytes, &DATE_COLUMNS, &mut |event| match event {
        RowEvent::Header(header, total) => {
            checker = Some(RowChecker::new(header, today)?);
            send(Message::Header { total })
        }
        RowEvent::Row(i, cells) => {
            let Some(checker) = checker.as_mut() else { return Ok(()) };
            let row = checker.check(i, &cells);
            checked = i + 1;
            let clean = checker.errors.1 == 0;
            if clean {
                batch.extend(row);
            } else {
                batch.clear();
            }
            if batch.len() >= requests::BULK_BATCH || (!clean && checked % requests::BULK_BATCH == 0) {
                send(Message::Rows { rows: std::mem::take(&mut batch), checked, clean })?;
            }
            Ok(())
        }
    })?;
    let checker = checker.ok_or_else(|| Error::Validation("文件是空的：第1行应为列名".into()))?;
    send(Message::Rows { rows: batch, checked, clean: checker.errors.1 == 0 })?;
    Ok(ReadOutcome { source, ignored: checker.ignored, errors: checker.errors })
}

/// Writes what `reader` reads in one transaction, batch by batch as it comes, reporting to
/// `progress`: the 校验并写入 stage by rows written, or, once a row fails, the 校验 stage by rows read
/// (the file is read to its end so that every error is listed). All or nothing: a bad row, or a
/// 受理编号 already in the ledger, and the transaction is rolled back.
pub fn apply(ledger: &mut Ledger, reader: ImportReader, actor: &Actor, progress: &mut Progress<'_>) -> Result<ImportSummary> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let signed = crate::accounts::signed(ledger, actor);
    let actor = &signed;
    // One transaction writes far more pages than SQLite's default 2 MB cache holds; spilled
    // pages would be written to the WAL mid-way and again at commit. The import gets a larger
    // cache for its duration (filled only as needed), then the connection's own size returns.
    let cache_before: i64 = ledger
        .conn()
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .map_err(|e| Error::sqlite("导入申请", e))?;
    ledger
        .conn()
        .execute_batch(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))
        .map_err(|e| Error::sqlite("导入申请", e))?;
    let result = ledger.with_tx(|tx| write_rows(tx, reader, actor, progress));
    if let Err(e) = ledger.conn().execute_batch(&format!("PRAGMA cache_size = {cache_before}")) {
        tracing::warn!(error = %e, "cannot restore cache_size after import");
    }
    result
}

/// Page cache of an import's transaction, in KiB.
const IMPORT_CACHE_KIB: i64 = 128 * 1024;

fn write_rows(tx: &rusqlite::Transaction<'_>, reader: ImportReader, actor: &Actor, progress: &mut Progress<'_>) -> Result<ImportSummary> {
    let ImportReader { file_name, total, receiver, thread } = reader;
    progress.start(ImportStage::CheckingAndWriting, total);
    let mut writer = requests::BulkWriter::begin(tx, actor)?;
    // 受理编号 already in the ledger; whether every row so far passed (then rows are written).
    let mut taken = Errors(Vec::new(), 0);
    let mut writing = true;
    let mut concluded = 0u32;
    let name_taken = |taken: &mut Errors, found: Vec<(usize, String)>| {
        for (line, number) in found {
            taken.push(line, "受理编号", format!("“{}”已在台账中", clip(&number)));
        }
    };
    for message in receiver.iter() {
        let Message::Rows { rows, checked, clean } = message else { continue };
        if writing && !clean {
            // Nothing more is written; the file is read on for its other errors.
            writing = false;
            progress.start(ImportStage::Validating, total);
        }
        if writing {
            let bulk: Vec<requests::BulkRequest<'_>> = rows.iter().map(bulk_request).collect();
            concluded += rows.iter().filter(|r| r.concluded.is_some()).count() as u32;
            if writer.write(&bulk)? == requests::Batch::Staged {
                progress.advance(writer.written());
                continue;
            }
            writing = false;
            progress.start(ImportStage::Validating, total);
            name_taken(&mut taken, writer.taken()?);
        } else if clean {
            // A number already in the ledger was met: every such number of the file is named.
            let mut exists = tx
                .prepare_cached("SELECT 1 FROM request WHERE number = ?1")
                .map_err(|e| Error::sqlite("导入申请", e))?;
            for row in &rows {
                let number = row.request.number.as_deref().unwrap_or_default();
                let found = exists
                    .query_row([number], |_| Ok(()))
                    .optional()
                    .map_err(|e| Error::sqlite("导入申请", e))?;
                if found.is_some() {
                    name_taken(&mut taken, vec![(row.line, number.to_string())]);
                }
            }
        }
        progress.advance(checked);
    }
    let outcome = join(thread)?;
    if outcome.errors.1 > 0 {
        return Err(import_failure(outcome.errors));
    }
    if writing && writer.finish_writing()? == requests::Batch::NumberTaken {
        name_taken(&mut taken, writer.taken()?);
    }
    if taken.1 > 0 {
        return Err(import_failure(taken));
    }
    let written = writer.written();
    if written == 0 {
        return Err(no_rows());
    }
    writer.finish(&file_name)?;
    // Blank rows were counted in the total: the bar ends full either way.
    progress.advance(total);
    Ok(ImportSummary {
        imported: written as u32,
        concluded,
        open: written as u32 - concluded,
        source: outcome.source.to_string(),
        ignored_columns: outcome.ignored,
    })
}

/// The columns an export adds after the import columns (which come first, so an unmasked export
/// imports again): what the list shows.
const EXPORT_EXTRA_COLUMNS: [&str; 3] = ["办理状态", "答复期限", "到期状态"];

/// Exports every request matching `filter` (all pages) to an .xlsx workbook.
pub fn export_xlsx(
    ledger: &Ledger,
    filter: &RequestFilter,
    today: NaiveDate,
    unmasked: bool,
) -> Result<(Vec<u8>, usize)> {
    export(ledger, filter, today, unmasked, sheet::ExportFormat::Xlsx)
}

/// Exports every request matching `filter` (all pages) as `format`: the import's columns first, in
/// the import's order, then what the list shows. A CSV file is UTF-8 with a BOM.
pub fn export(
    ledger: &Ledger,
    filter: &RequestFilter,
    today: NaiveDate,
    unmasked: bool,
    format: sheet::ExportFormat,
) -> Result<(Vec<u8>, usize)> {
    let rows: Vec<[String; 15]> = requests::list_all(ledger, filter, today, unmasked)?
        .into_iter()
        .map(|r| {
            [
                r.number,
                r.applicant_type_label,
                r.applicant_name,
                r.id_number_masked,
                r.contact_masked,
                r.channel_label,
                r.received_date,
                r.content,
                r.concluded_date.unwrap_or_default(),
                r.result_label.unwrap_or_default(),
                r.form_wanted,
                r.delivery_wanted,
                r.status_label,
                r.reply_due.unwrap_or_default(),
                r.due_label,
            ]
        })
        .collect();
    let header: Vec<String> = COLUMNS.iter().chain(EXPORT_EXTRA_COLUMNS.iter()).map(|c| c.to_string()).collect();
    let bytes = match format {
        sheet::ExportFormat::Csv => sheet::csv_bytes(std::iter::once(header).chain(rows.iter().map(|r| r.to_vec())))?,
        sheet::ExportFormat::Xlsx => xlsx_of(&header, &rows)?,
    };
    Ok((bytes, rows.len()))
}

fn xlsx_of(header: &[String], rows: &[[String; 15]]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Validation(format!("生成 Excel 文件失败（{e}）"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("依申请公开").map_err(fail)?;
    let bold = Format::new().set_bold();
    for (c, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, name, &bold).map_err(fail)?;
        let width = match name.as_str() {
            "申请内容" => 40.0,
            "申请人" | "证件号码" | "办理结果" => 22.0,
            _ => 13.0,
        };
        sheet.set_column_width(c as u16, width).map_err(fail)?;
    }
    for (i, r) in rows.iter().enumerate() {
        for (c, v) in r.iter().enumerate() {
            sheet.write_string(i as u32 + 1, c as u16, v).map_err(fail)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}
