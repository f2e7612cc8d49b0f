//! 文件台账的导入导出: reads a register kept in Excel (.xlsx, .xls) or CSV (UTF-8 with or without
//! BOM, or GBK as Chinese Excel saves it), validates every row before writing any, and writes the
//! filtered register, or a blank template, back to .xlsx or .csv.

use std::collections::{BTreeSet, HashMap};

use gongkai_core::document::{Category, Disclosure, DisclosureMode, InterpretationForm, Status};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, Workbook, XlsxError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::{self, DocumentFilter, DocumentInput, InterpretationInput, ValidDocument, WriteSource};
use crate::progress::{ImportStage, Progress};
use crate::sheet::{self, clip, Cell};
use crate::{Error, Ledger, Result};

/// The columns of the exchange format, in order. The first five marked required must be present.
pub const HEADERS: [&str; 24] = [
    "文件名称",
    "文号",
    "类别",
    "制发机关",
    "起草部门",
    "成文日期",
    "发布日期",
    "施行日期",
    "有效期至",
    "状态",
    "状态变更日期",
    "公开属性",
    "公开方式",
    "保密审查",
    "解读材料",
    "备注",
    // Not among the sixteen, but kept so that an export imports back without loss.
    "门户网站发布日期",
    "门户网站链接",
    // The reasons and reviewer that make a 删减后公开 / 不予公开 or 无需解读 document complete.
    "不全文公开理由",
    "保密审查人",
    "保密审查日期",
    "无需解读理由",
    // As published registers are written (issue 18): the portal's 索引号, and the 文号 of the
    // decision that amended or repealed the document.
    "索引号",
    "状态变更依据",
];
/// Headers of published normative-document pages, read as the exchange columns they stand for.
pub const HEADER_ALIASES: [(&str, &str); 5] = [
    ("标题", "文件名称"),
    ("发文字号", "文号"),
    ("发文机关", "制发机关"),
    ("有效性", "状态"),
    ("文件标题", "文件名称"),
];
/// A register without a 类别 column written as a published normative-document page (有效性,
/// 索引号) lists 行政规范性文件: that is what those pages publish.
const PUBLISHED_PAGE_MARKERS: [&str; 2] = ["有效性", "索引号"];
const REQUIRED: [&str; 5] = ["文件名称", "文号", "类别", "制发机关", "发布日期"];
const DATE_COLUMNS: [&str; 7] =
    ["成文日期", "发布日期", "施行日期", "有效期至", "状态变更日期", "门户网站发布日期", "保密审查日期"];
/// Columns the export adds for the reader; an import ignores them.
const EXPORT_ONLY: [&str; 2] = ["要件齐全", "缺少要件"];
/// At most this many problems are listed; the message says how many there were in all.
const MAX_LISTED_ERRORS: usize = 30;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    pub imported: u32,
    /// Imported but not 要件齐全 (flagged in the list).
    pub incomplete: u32,
    /// 起草部门 that were not in the departments list and have been added to it.
    pub added_departments: Vec<String>,
    /// Columns that are not part of the format and were ignored.
    pub ignored_columns: Vec<String>,
    /// The 类别 given to every row of a published-page register that has no 类别 column.
    pub default_category: Option<String>,
}

impl ImportSummary {
    /// "已导入 14 件文件", then the notes, each a sentence.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("已导入 {} 件文件", self.imported)];
        if self.incomplete > 0 {
            out.push(format!("其中 {} 件要件不齐全，已在列表中标出", self.incomplete));
        }
        if !self.added_departments.is_empty() {
            out.push(format!("部门列表中新增了起草部门：{}", self.added_departments.join("、")));
        }
        if let Some(c) = &self.default_category {
            out.push(format!("文件中没有“类别”列，按公开页面的写法全部作为{c}导入"));
        }
        if !self.ignored_columns.is_empty() {
            out.push(format!("以下列不属于文件台账，已忽略：{}", self.ignored_columns.join("、")));
        }
        out
    }
}

/// One import row made into a document input, or the problems of the row.
fn row_input(
    cols: &HashMap<&'static str, usize>,
    row: &[String],
    default_category: Option<Category>,
) -> (DocumentInput, Vec<(&'static str, String)>) {
    let get = |name: &str| cols.get(name).and_then(|&i| row.get(i)).map(|s| s.trim()).unwrap_or("");
    let opt = |name: &str| Some(get(name).to_string()).filter(|s| !s.is_empty());
    let mut errors: Vec<(&'static str, String)> = Vec::new();
    fn choice<T: Copy>(
        errors: &mut Vec<(&'static str, String)>,
        field: &'static str,
        value: &str,
        parse: fn(&str) -> Option<T>,
        allowed: String,
    ) -> Option<T> {
        if value.is_empty() {
            return None;
        }
        let parsed = parse(value);
        if parsed.is_none() {
            errors.push((field, format!("“{}”无法识别，应为 {allowed}", clip(value))));
        }
        parsed
    }
    let category = match (get("类别"), default_category) {
        ("", Some(c)) => c.label(),
        (given, _) => given,
    };
    if category.is_empty() {
        errors.push(("类别", format!("不能为空，应为 {}", Category::labels())));
    }
    let category = choice(&mut errors, "类别", category, Category::from_label, Category::labels());
    let status = choice(&mut errors, "状态", get("状态"), Status::from_label, Status::labels());
    let disclosure = choice(&mut errors, "公开属性", get("公开属性"), Disclosure::from_label, Disclosure::labels());
    let mode = choice(&mut errors, "公开方式", get("公开方式"), DisclosureMode::from_label, DisclosureMode::labels());
    let secrecy = match get("保密审查") {
        "" => None,
        "是" | "已审查" | "已完成" | "Y" | "y" | "1" => Some(true),
        "否" | "未审查" | "N" | "n" | "0" => Some(false),
        other => {
            errors.push(("保密审查", format!("“{}”无法识别，应为 是 或 否", clip(other))));
            None
        }
    };
    let mut interpretations = Vec::new();
    for item in get("解读材料").split(['；', ';']).map(str::trim).filter(|s| !s.is_empty()) {
        let parts: Vec<&str> = item.split(['|', '｜']).map(str::trim).collect();
        if parts.len() > 4 {
            errors.push(("解读材料", format!("“{}”的部分多于四个，应写作 标题|形式|发布日期|链接", clip(item))));
            continue;
        }
        let form = match parts.get(1).copied().unwrap_or("") {
            "" => None,
            f => match InterpretationForm::from_label(f) {
                Some(form) => Some(form),
                None => {
                    errors.push(("解读材料", format!("形式“{}”无法识别，应为 {}", clip(f), InterpretationForm::labels())));
                    None
                }
            },
        };
        interpretations.push(InterpretationInput {
            title: parts[0].to_string(),
            form,
            published_on: parts.get(2).map(|s| s.to_string()).filter(|s| !s.is_empty()),
            url: parts.get(3).unwrap_or(&"").to_string(),
        });
    }
    let input = DocumentInput {
        title: get("文件名称").into(),
        doc_number: get("文号").into(),
        category,
        issuer: get("制发机关").into(),
        drafting_department: get("起草部门").into(),
        written_on: opt("成文日期"),
        published_on: opt("发布日期"),
        effective_on: opt("施行日期"),
        valid_until: opt("有效期至"),
        status,
        status_date: opt("状态变更日期"),
        disclosure,
        disclosure_reason: get("不全文公开理由").into(),
        disclosure_mode: mode,
        secrecy_reviewed: secrecy,
        secrecy_reviewer: get("保密审查人").into(),
        secrecy_reviewed_on: opt("保密审查日期"),
        no_interpretation_reason: opt("无需解读理由"),
        portal_published_on: opt("门户网站发布日期"),
        portal_url: get("门户网站链接").into(),
        index_number: get("索引号").into(),
        status_basis: get("状态变更依据").into(),
        note: get("备注").into(),
        interpretations,
    };
    (input, errors)
}

/// Reads, validates and imports a register file. All or nothing: any problem is reported as
/// "第N行“列名”：原因" (the header is line 1) and nothing is written. A duplicate 文号, within the
/// file or against the register, is such a problem.
pub fn import(ledger: &mut Ledger, bytes: &[u8]) -> Result<ImportSummary> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    import_with(ledger, bytes, &mut Progress::none())
}

/// [`import`], reporting each stage's rows to `progress`: [`parse`], then [`apply`].
pub fn import_with(ledger: &mut Ledger, bytes: &[u8], progress: &mut Progress<'_>) -> Result<ImportSummary> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let parsed = parse(bytes, progress)?;
    apply(ledger, &parsed, progress)
}

/// A register file read and checked row by row without the ledger (so the window can do it
/// before taking the ledger's lock): the valid rows, and the problems found so far, which
/// [`apply`] reports together with any duplicates against the register, in one message.
pub struct ParsedImport {
    valid: Vec<(usize, ValidDocument)>,
    problems: Vec<String>,
    conflicts_only: bool,
    ignored: Vec<String>,
    default_category: Option<Category>,
}

impl ParsedImport {
    /// The documents to be written, if nothing is wrong.
    pub fn len(&self) -> usize {
        self.valid.len()
    }

    pub fn is_empty(&self) -> bool {
        self.valid.is_empty()
    }
}

/// Reads `bytes` and checks every row against the rules that need no ledger, reporting the 校验
/// stage to `progress`. A file without the required columns, or without rows, is refused here.
pub fn parse(bytes: &[u8], progress: &mut Progress<'_>) -> Result<ParsedImport> {
    let table = sheet::read_table(bytes, &DATE_COLUMNS)?;
    let data_rows = table.rows.len();
    let header = table.header;
    // Row 1 is the header: data rows are numbered from 2 in messages.
    let rows = table.rows.into_iter().map(|r| r.iter().map(Cell::text).collect::<Vec<String>>()).enumerate().map(|(i, r)| (i + 1, r));
    let mut cols: HashMap<&'static str, usize> = HashMap::new();
    let mut ignored = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let name = sheet::column_name(name);
        let name = HEADER_ALIASES.iter().find(|(alias, _)| *alias == name).map(|(_, canonical)| *canonical).unwrap_or(name);
        match HEADERS.iter().find(|h| **h == name) {
            Some(h) if cols.contains_key(h) => problems.push(format!("第1行“{h}”：列名重复")),
            Some(h) => {
                cols.insert(h, i);
            }
            None if name.is_empty() || name == "序号" || EXPORT_ONLY.contains(&name) => {}
            None => ignored.push(name.to_string()),
        }
    }
    let published_page = header.iter().any(|h| PUBLISHED_PAGE_MARKERS.contains(&sheet::column_name(h)));
    let default_category = (published_page && !cols.contains_key("类别")).then_some(Category::Normative);
    for r in REQUIRED {
        if r == "类别" && default_category.is_some() {
            continue;
        }
        if !cols.contains_key(r) {
            problems.push(format!("第1行：缺少必需的列“{r}”"));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Validation(problems.join("\n")));
    }

    let mut valid = Vec::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut conflicts_only = true;
    progress.start(ImportStage::Validating, data_rows);
    for (index, row) in rows {
        let line = index + 1;
        progress.advance(index - 1);
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (input, row_errors) = row_input(&cols, &row, default_category);
        let before = problems.len();
        problems.extend(row_errors.into_iter().map(|(f, r)| format!("第{line}行“{f}”：{r}")));
        match documents::validate(&input) {
            Ok(doc) => {
                if problems.len() == before {
                    let key = (doc.issuer.clone(), doc.doc_number.clone());
                    if let Some(first) = seen.get(&key) {
                        problems.push(format!("第{line}行“文号”：“{}”与第{first}行重复", doc.doc_number));
                    } else {
                        seen.insert(key, line);
                        valid.push((line, doc));
                    }
                }
            }
            Err(errors) => {
                // The vocabulary columns already said what is wrong with them.
                let said: BTreeSet<String> = problems[before..]
                    .iter()
                    .filter_map(|p| Some(p.split('“').nth(1)?.split('”').next()?.to_string()))
                    .collect();
                problems.extend(
                    errors
                        .into_iter()
                        .filter(|e| !said.contains(e.field))
                        .map(|e| format!("第{line}行“{}”：{}", e.field, e.reason)),
                );
            }
        }
        if problems.len() > before {
            conflicts_only = false;
        }
    }
    progress.advance(data_rows);
    if valid.is_empty() && problems.is_empty() {
        return Err(Error::Validation("文件中只有列名，没有文件记录".into()));
    }
    Ok(ParsedImport { valid, problems, conflicts_only, ignored, default_category })
}

/// Checks a parsed file against the register and writes it in one transaction, reporting the
/// 写入 stage to `progress`. All or nothing: any problem, the parser's or a 文号 already in the
/// register, writes nothing.
pub fn apply(ledger: &mut Ledger, parsed: &ParsedImport, progress: &mut Progress<'_>) -> Result<ImportSummary> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let (valid, mut problems, conflicts_only) = (&parsed.valid, parsed.problems.clone(), parsed.conflicts_only);
    // Duplicates against the register are Conflicts, the rest are Validation errors.
    for (line, doc) in valid {
        if let Some((_, title)) = documents_duplicate(ledger, &doc.issuer, &doc.doc_number)? {
            problems.push(format!(
                "第{line}行“文号”：{}已登记文号为“{}”的文件《{title}》，不能重复导入",
                doc.issuer, doc.doc_number
            ));
        }
    }
    if !problems.is_empty() {
        let total = problems.len();
        let mut message = format!("导入失败，未写入任何记录。共 {total} 处问题：\n");
        message.push_str(&problems.iter().take(MAX_LISTED_ERRORS).cloned().collect::<Vec<_>>().join("\n"));
        if total > MAX_LISTED_ERRORS {
            message.push_str(&format!("\n……另有 {} 处问题未列出", total - MAX_LISTED_ERRORS));
        }
        return Err(if conflicts_only { Error::Conflict(message) } else { Error::Validation(message) });
    }
    ledger.with_tx(|tx| {
        let mut summary = ImportSummary {
            ignored_columns: parsed.ignored.clone(),
            default_category: parsed.default_category.map(|c| c.label().to_string()),
            ..Default::default()
        };
        progress.start(ImportStage::Writing, valid.len());
        let docs: Vec<&ValidDocument> = valid.iter().map(|(_, doc)| doc).collect();
        let outcome = documents::bulk_write(tx, &docs, WriteSource::Import, true, "导入文件台账", progress)?;
        summary.added_departments = outcome.added_departments;
        summary.incomplete = outcome.incomplete as _;
        summary.imported = docs.len() as _;
        Ok(summary)
    })
}

fn documents_duplicate(ledger: &Ledger, issuer: &str, doc_number: &str) -> Result<Option<(i64, String)>> {
    use rusqlite::OptionalExtension;
    ledger
        .conn()
        .query_row("SELECT id, title FROM document WHERE issuer = ?1 AND doc_number = ?2", [issuer, doc_number], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .map_err(|e| Error::sqlite("检查文号", e))
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::Validation(format!("生成 Excel 文件失败（{e}）"))
}

fn header_format() -> Format {
    Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7)).set_border(rust_xlsxwriter::FormatBorder::Thin)
}

const COLUMN_WIDTHS: [f64; 24] = [
    40.0, 22.0, 14.0, 26.0, 14.0, 12.0, 12.0, 12.0, 12.0, 10.0, 13.0, 11.0, 11.0, 9.0, 40.0, 24.0, 15.0, 30.0, 24.0, 12.0,
    13.0, 24.0, 24.0, 22.0,
];

/// The position of an exchange column, for writing a row.
fn column(name: &str) -> u16 {
    HEADERS.iter().chain(EXPORT_ONLY.iter()).position(|h| *h == name).expect("a known column") as u16
}

/// One document as an exported row: its text cells and its date cells, by column.
type ExportRow = (Vec<(&'static str, String)>, Vec<(&'static str, Option<chrono::NaiveDate>)>);

fn export_row(d: &documents::Document, interps: &[documents::InterpretationRecord], status_basis: &str) -> ExportRow {
    let interps_text = interps
        .iter()
        .map(|i| {
            format!("{}|{}|{}|{}", i.title, i.form.label(), i.published_on.map(|d| d.to_string()).unwrap_or_default(), i.url)
                .trim_end_matches('|')
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("；");
    let texts = vec![
        ("文件名称", d.title.clone()),
        ("文号", d.doc_number.clone()),
        ("类别", d.category.label().to_string()),
        ("制发机关", d.issuer.clone()),
        ("起草部门", d.drafting_department.clone().unwrap_or_default()),
        ("状态", d.status.label().to_string()),
        ("公开属性", d.disclosure.map(|x| x.label()).unwrap_or("").to_string()),
        ("公开方式", d.disclosure_mode.map(|x| x.label()).unwrap_or("").to_string()),
        ("保密审查", d.secrecy_reviewed.map(|x| if x { "是" } else { "否" }).unwrap_or("").to_string()),
        ("解读材料", interps_text),
        ("备注", d.note.clone()),
        ("门户网站链接", d.portal_url.clone()),
        ("索引号", d.index_number.clone()),
        ("状态变更依据", status_basis.to_string()),
        ("不全文公开理由", d.disclosure_reason.clone()),
        ("保密审查人", d.secrecy_reviewer.clone()),
        ("无需解读理由", d.no_interpretation_reason.clone().unwrap_or_default()),
        ("要件齐全", if d.complete { "是" } else { "否" }.to_string()),
        ("缺少要件", d.missing.join("、")),
    ];
    let dates = vec![
        ("成文日期", d.written_on),
        ("发布日期", Some(d.published_on)),
        ("施行日期", d.effective_on),
        ("有效期至", d.valid_until),
        ("状态变更日期", d.status_since.filter(|_| d.status.needs_change_date())),
        ("门户网站发布日期", d.portal_published_on),
        ("保密审查日期", d.secrecy_reviewed_on),
    ];
    (texts, dates)
}

/// The filtered register as .xlsx, in the import format plus 要件齐全 and 缺少要件: dates are
/// Excel date cells, so the file sorts and filters in Excel and imports back unchanged.
pub fn export_xlsx(ledger: &Ledger, filter: &DocumentFilter) -> Result<Vec<u8>> {
    export(ledger, filter, sheet::ExportFormat::Xlsx)
}

/// The filtered register as `format`: .xlsx as [`export_xlsx`], or CSV (UTF-8 with a BOM) with the
/// same columns in the same order and dates as YYYY-MM-DD, which imports back unchanged too.
pub fn export(ledger: &Ledger, filter: &DocumentFilter, format: sheet::ExportFormat) -> Result<Vec<u8>> {
    let docs = documents::list_all(ledger, filter)?;
    let bases = documents::status_bases(ledger)?;
    let rows = docs.iter().map(|(d, interps)| export_row(d, interps, bases.get(&d.id).map(String::as_str).unwrap_or("")));
    let columns: Vec<&str> = HEADERS.iter().copied().chain(EXPORT_ONLY).collect();
    if format == sheet::ExportFormat::Csv {
        let header: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
        let lines = rows.map(|(texts, dates)| {
            let mut line = vec![String::new(); columns.len()];
            for (name, text) in texts {
                line[column(name) as usize] = text;
            }
            for (name, day) in dates {
                line[column(name) as usize] = day.map(gongkai_core::dates::ymd).unwrap_or_default();
            }
            line
        });
        return sheet::csv_bytes(std::iter::once(header).chain(lines));
    }
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("文件台账").map_err(xlsx_error)?;
    let head = header_format();
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    for (c, name) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &head).map_err(xlsx_error)?;
        sheet.set_column_width(c as u16, COLUMN_WIDTHS.get(c).copied().unwrap_or(24.0)).map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    for (r, (texts, dates)) in rows.enumerate() {
        let row = r as u32 + 1;
        for (name, text) in texts.iter().filter(|(_, t)| !t.is_empty()) {
            sheet.write_string(row, column(name), text).map_err(xlsx_error)?;
        }
        for (name, day) in dates {
            if let Some(day) = day {
                use chrono::Datelike;
                let cell = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
                    .map_err(xlsx_error)?;
                sheet.write_datetime_with_format(row, column(name), &cell, &date_fmt).map_err(xlsx_error)?;
            }
        }
    }
    book.save_to_buffer().map_err(xlsx_error)
}

/// A blank register to fill in as CSV: the header row alone (UTF-8 with a BOM).
pub fn template_csv() -> Result<Vec<u8>> {
    sheet::csv_bytes([HEADERS.map(String::from)])
}

/// A blank register to fill in: the header row (required columns marked) and a sheet of notes.
pub fn template_xlsx() -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("文件台账").map_err(xlsx_error)?;
    let head = header_format();
    let required = header_format().set_font_color(Color::RGB(0xC00000));
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    for (c, name) in HEADERS.iter().enumerate() {
        let fmt = if REQUIRED.contains(name) { &required } else { &head };
        sheet.write_string_with_format(0, c as u16, *name, fmt).map_err(xlsx_error)?;
        sheet.set_column_width(c as u16, COLUMN_WIDTHS[c]).map_err(xlsx_error)?;
        if DATE_COLUMNS.contains(name) {
            sheet.set_column_format(c as u16, &date_fmt).map_err(xlsx_error)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    let notes = book.add_worksheet();
    notes.set_name("填写说明").map_err(xlsx_error)?;
    notes.set_column_width(0, 16.0).map_err(xlsx_error)?;
    notes.set_column_width(1, 90.0).map_err(xlsx_error)?;
    let lines: Vec<(String, String)> = vec![
        ("必填列".into(), "文件名称、文号、类别、制发机关、发布日期（表头为红色）；其他列可以留空或删除".into()),
        (
            "文号".into(),
            "例如 长净管办〔2019〕41号；年份两侧的 [ ]、( )、【 】 会自动改为 〔 〕；同一制发机关的文号不能重复".into(),
        ),
        ("类别".into(), Category::labels()),
        ("状态".into(), format!("{}；留空为现行有效", Status::labels())),
        ("状态变更日期".into(), "当前状态开始的日期；状态为已修改、已废止、失效时必填".into()),
        ("日期".into(), "2025-03-01、2025/3/1、2025年3月1日，或 Excel 日期单元格".into()),
        ("公开属性".into(), Disclosure::labels()),
        ("公开方式".into(), DisclosureMode::labels()),
        ("保密审查".into(), "是 或 否；审查人和审查日期可填在“保密审查人”“保密审查日期”列".into()),
        ("不全文公开理由".into(), "公开属性为删减后公开或不予公开时填写，否则该文件要件不齐全".into()),
        ("无需解读理由".into(), "没有解读材料、也不需要解读的文件，在此写明理由".into()),
        ("门户网站".into(), "“门户网站发布日期”“门户网站链接”记录文件在门户网站发布的情况".into()),
        (
            "解读材料".into(),
            format!(
                "多条用“；”分隔，每条写作 标题|形式|发布日期|链接，后三项可省略；形式为 {}",
                InterpretationForm::labels()
            ),
        ),
        ("起草部门".into(), "不在部门列表中的部门会自动添加，导入结果中会列出".into()),
        (
            "导入规则".into(),
            "先逐行检查，任何一行有错都不导入，并列出第几行、哪一列、什么问题；要件不齐全的文件照常导入并标出".into(),
        ),
    ];
    let bold = Format::new().set_bold();
    for (r, (k, v)) in lines.iter().enumerate() {
        notes.write_string_with_format(r as u32, 0, k, &bold).map_err(xlsx_error)?;
        notes.write_string(r as u32, 1, v).map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}
