//! The one spreadsheet reader both importers use: an Excel workbook (.xlsx, .xls, told by its
//! signature) or CSV text (UTF-8, UTF-8 with BOM, or GBK) becomes a header and rows of cells, with
//! Excel date cells (and numbers in a date column) as dates, formula cells refused by name, and
//! values quoted back in an error clipped (a 1 MB cell must not become a 1 MB message). A workbook
//! passes `crate::sheet_guard` before calamine reads it. Also the one CSV writer of the exports,
//! whose files this reader reads back.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Sheets};
use chrono::NaiveDate;
use gongkai_core::dates;

use crate::sheet_guard::{Formulas, Inspection};
use crate::{Error, Result};

/// The format of an export, named by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    /// UTF-8 with a BOM (so Excel and WPS open it in Chinese), CRLF, fields quoted when needed.
    Csv,
}

impl ExportFormat {
    /// The format `path`'s extension names (.xlsx or .csv, any case); None for anything else.
    pub fn of_path(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" => Some(Self::Xlsx),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
        }
    }
}

/// The characters that make a spreadsheet read a CSV cell as a formula (=, +, -, @, and the tab
/// and carriage return that hide one).
const FORMULA_LEADS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `s` begins, after any apostrophes, with a formula lead.
fn formula_like(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_LEADS)
}

/// A CSV cell as exported: a value a spreadsheet would run as a formula (CSV injection:
/// `=HYPERLINK(…)` in an applicant's name) gets a leading apostrophe, which Excel and WPS show
/// as text and hide. An apostrophe already in front of such a value gets one more, so that
/// [`csv_unguard`] gives back exactly what was exported.
pub(crate) fn csv_guard(s: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A CSV cell as imported: the apostrophe [`csv_guard`] added is taken off again.
pub(crate) fn csv_unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => s,
    }
}

/// Rows of text as an export's CSV file: BOM, header first, CRLF, every cell through
/// [`csv_guard`].
pub(crate) fn csv_bytes<R: AsRef<[String]>>(rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>> {
    let fail = |e: csv::Error| Error::Validation(format!("生成 CSV 文件失败（{e}）"));
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in rows {
        w.write_record(row.as_ref().iter().map(|c| csv_guard(c).into_owned())).map_err(fail)?;
    }
    w.into_inner().map_err(|e| Error::Validation(format!("生成 CSV 文件失败（{e}）")))
}

/// A cell as read from either format.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    /// An Excel date cell, or a serial number in a date column: already a date.
    Date(NaiveDate),
    /// An Excel number cell, as shown (without a trailing ".0"): an importer that wants text of
    /// digits (证件号码) can tell that Excel stored it as a number and may have lost digits.
    Number(String),
}

impl Cell {
    /// The cell as text, trimmed; a date as YYYY-MM-DD.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Number(s) => s.trim().to_string(),
            Cell::Date(d) => dates::ymd(*d),
        }
    }
}

/// Every sheet of a workbook (.xlsx or .xls) as text, for readers that find their tables by
/// labels (汇总's submissions). Guarded like [`read_table`], every sheet; formula cells refused.
pub(crate) fn read_sheets(bytes: &[u8]) -> Result<Vec<gongkai_core::submission::SheetGrid>> {
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])) {
        return Err(Error::Validation("不是 Excel 文件（.xlsx）：请导入本软件导出的年度报告 Excel，或按 2021 年格式填写的 Excel 表格".into()));
    }
    crate::sheet_guard::check_all_sheets(bytes)?;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| Error::Validation(format!("无法读取 Excel 文件（{}）", clip(&e.to_string()))))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| Error::Validation(format!("无法读取工作表“{}”（{}）", clip(&name), clip(&e.to_string()))))?;
        let formulas = book
            .worksheet_formula(&name)
            .map_err(|e| Error::Validation(format!("无法读取 Excel 文件的公式（{}）", clip(&e.to_string()))))?;
        if let Some((r, c, _)) = formulas.used_cells().find(|(_, _, f)| !f.trim().is_empty()) {
            let (fr, fc) = formulas.start().unwrap_or((0, 0));
            return Err(Error::Validation(format!(
                "工作表“{}”的 {} 单元格是公式。公式的结果会随表格变化，不能作为报送数据导入；请在 Excel 中把表格复制后“选择性粘贴 → 数值”，再导入",
                clip(&name),
                crate::sheet_guard::cell_name(fr + r as u32, fc + c as u32)
            )));
        }
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells: Vec<Vec<String>> = vec![Vec::new(); r0 as usize];
        for row in range.rows() {
            let mut line = vec![String::new(); c0 as usize];
            line.extend(row.iter().map(|c| cell_of(c, false).text()));
            cells.push(line);
        }
        out.push(gongkai_core::submission::SheetGrid { name, cells });
    }
    Ok(out)
}

/// A sheet: its first row as column names, then the data rows.
pub(crate) struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// "Excel", or the CSV text's encoding ("UTF-8", "UTF-8（带 BOM）", "GBK").
    pub source: &'static str,
}

/// Reads a workbook's first sheet or a CSV file. Numbers in the columns named in `date_columns`
/// are Excel serial dates (a date typed into a cell without a date format arrives as one).
pub(crate) fn read_table(bytes: &[u8], date_columns: &[&str]) -> Result<Table> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return read_workbook(bytes, date_columns);
    }
    let (text, source) = decode_text(bytes)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| Error::Validation(format!("第{}行：CSV 格式有误（{e}）", i + 1)))?;
        records.push(rec.iter().map(|s| Cell::Text(csv_unguard(s).to_string())).collect::<Vec<_>>());
    }
    let mut it = records.into_iter();
    let header = it.next().ok_or_else(|| Error::Validation("文件是空的：第1行应为列名".into()))?;
    Ok(Table { header: header.iter().map(Cell::text).collect(), rows: it.collect(), source })
}

fn read_workbook(bytes: &[u8], date_columns: &[&str]) -> Result<Table> {
    // Inspected first, cheaply: calamine allocates what a file declares (issue 16).
    let inspection = crate::sheet_guard::check(bytes)?;
    read_inspected_workbook(bytes, date_columns, inspection)
}

/// [`read_workbook`] of a workbook the guard has passed.
fn read_inspected_workbook(bytes: &[u8], date_columns: &[&str], inspection: Inspection) -> Result<Table> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| Error::Validation(format!("无法读取 Excel 文件（{}）", clip(&e.to_string()))))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| Error::Validation("Excel 文件中没有工作表".into()))?
        .map_err(|e| Error::Validation(format!("无法读取 Excel 文件的第一个工作表（{}）", clip(&e.to_string()))))?;
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .ok_or_else(|| Error::Validation("文件是空的：第1行应为列名".into()))?
        .iter()
        .map(|c| cell_of(c, false).text())
        .collect();
    let date_cols: Vec<bool> = header.iter().map(|h| date_columns.contains(&column_name(h))).collect();
    let rows = rows
        .map(|row| row.iter().enumerate().map(|(j, c)| cell_of(c, date_cols.get(j).copied().unwrap_or(false))).collect())
        .collect();
    // The guard read every cell of this sheet: without a `<f>` there is nothing to look for, and
    // calamine would parse the whole sheet again to find that out.
    let formulas = match inspection.formulas {
        Formulas::None => Vec::new(),
        Formulas::Unknown => formula_cells(&mut book, range.start())?,
    };
    if !formulas.is_empty() {
        return Err(formula_error(&formulas, &header));
    }
    Ok(Table { header, rows, source: "Excel" })
}

/// What [`stream_table`] hands its reader: the header once, then each data row.
pub(crate) enum RowEvent<'a> {
    /// The first row with content, as column names, and how many rows follow it at most (for a
    /// progress bar: blank rows are counted, and skipped by the readers).
    Header(&'a [String], usize),
    /// Data row `i` (0 is the row under the header: the file's line `i + 2`), its cells by column
    /// as in the header; a row may be shorter than the header.
    Row(usize, Vec<Cell>),
}

/// [`read_table`] row by row, for an importer that checks and writes rows while the rest of the
/// file is still being read. An .xlsx whose first sheet the guard read whole, without a formula
/// and with its cells in reading order, is streamed from calamine's cell reader (never held
/// whole, and its rows reach `on` as they are read); anything else is read whole first. Either
/// way `on` sees the same header and rows with the same numbers, and an error from `on` stops
/// the reading. Returns the source ("Excel" or the CSV text's encoding).
pub(crate) fn stream_table(bytes: &[u8], date_columns: &[&str], on: &mut dyn FnMut(RowEvent<'_>) -> Result<()>) -> Result<&'static str> {
    let table = if bytes.starts_with(b"PK\x03\x04") {
        // The workbook is opened (calamine reads its shared strings and styles) while the guard
        // goes through the first sheet, once the guard has passed what opening it reads.
        crate::sheet_guard::check_book(bytes)?;
        let (inspection, book) = std::thread::scope(|s| {
            let inspection = s.spawn(|| crate::sheet_guard::check(bytes));
            let book: std::result::Result<calamine::Xlsx<_>, calamine::XlsxError> = calamine::open_workbook_from_rs(Cursor::new(bytes));
            (inspection.join().unwrap_or_else(|_| Err(Error::Validation("无法读取 Excel 文件".into()))), book)
        });
        let inspection = inspection?;
        if inspection.formulas == Formulas::None && inspection.in_order {
            let mut book = book.map_err(|e| Error::Validation(format!("无法读取 Excel 文件（{}）", clip(&e.to_string()))))?;
            stream_xlsx(&mut book, date_columns, &inspection, on)?;
            return Ok("Excel");
        }
        read_inspected_workbook(bytes, date_columns, inspection)?
    } else {
        read_table(bytes, date_columns)?
    };
    on(RowEvent::Header(&table.header, table.rows.len()))?;
    for (i, row) in table.rows.into_iter().enumerate() {
        on(RowEvent::Row(i, row))?;
    }
    Ok(table.source)
}

/// The first sheet of an .xlsx, cell by cell. Rows and columns are placed as calamine's range
/// places them: the header is the first row with a cell that is not empty, and a row's cells are
/// counted from the sheet's leftmost column with content, which the guard found.
fn stream_xlsx(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    date_columns: &[&str],
    inspection: &Inspection,
    on: &mut dyn FnMut(RowEvent<'_>) -> Result<()>,
) -> Result<()> {
    let (rows, first_col) = (inspection.rows, inspection.first_col);
    let name = book.sheet_names().first().cloned().ok_or_else(|| Error::Validation("Excel 文件中没有工作表".into()))?;
    let read_error = |e: calamine::XlsxError| Error::Validation(format!("无法读取 Excel 文件的第一个工作表（{}）", clip(&e.to_string())));
    let mut cells = book.worksheet_cells_reader(&name).map_err(read_error)?;
    // The header's row and which of its columns hold dates, once its row is whole; the row being
    // gathered.
    let mut header: Option<(u32, Vec<bool>)> = None;
    let mut row: Option<(u32, Vec<Cell>)> = None;
    // A whole row: the header when there is none yet, else a data row.
    let mut finish = |header: &mut Option<(u32, Vec<bool>)>, (r, line): (u32, Vec<Cell>)| -> Result<()> {
        match header {
            Some((h, _)) => match r.checked_sub(*h + 1) {
                Some(i) => on(RowEvent::Row(i as usize, line)),
                // The guard saw the cells in reading order; calamine must meet them so too.
                None => Err(out_of_order(r)),
            },
            None => {
                let names: Vec<String> = line.iter().map(Cell::text).collect();
                on(RowEvent::Header(&names, rows.saturating_sub(1) as usize))?;
                *header = Some((r, names.iter().map(|h| date_columns.contains(&column_name(h))).collect()));
                Ok(())
            }
        }
    };
    while let Some(cell) = cells.next_cell().map_err(read_error)? {
        if cell.get_value().is_empty() {
            continue;
        }
        let (r, c) = cell.get_position();
        if row.as_ref().is_some_and(|(rr, _)| *rr != r) {
            finish(&mut header, row.take().expect("checked above"))?;
        }
        // No cell lies left of the guard's leftmost one, nor within a row before the last.
        let Some(c) = c.checked_sub(first_col).map(|c| c as usize) else { return Err(out_of_order(r)) };
        let in_date = header.as_ref().and_then(|(_, dates)| dates.get(c).copied()).unwrap_or(false);
        let (_, line) = row.get_or_insert_with(|| (r, Vec::new()));
        if line.len() > c {
            return Err(out_of_order(r));
        }
        line.resize(c, Cell::Text(String::new()));
        line.push(cell_of(&Data::from(cell.get_value().clone()), in_date));
    }
    match row {
        Some(last) => finish(&mut header, last),
        None => Err(Error::Validation("文件是空的：第1行应为列名".into())),
    }
}

/// A sheet whose cells calamine meets out of the order the guard saw them in: refused rather than
/// read with rows misplaced.
fn out_of_order(row: u32) -> Error {
    Error::Validation(format!(
        "无法读取 Excel 文件的第一个工作表（第{}行的单元格顺序异常）；请在 Excel 中打开后另存为 .xlsx 再导入",
        u64::from(row) + 1
    ))
}

/// A column name as the importers match it: without a BOM, spaces or a required-column star.
pub(crate) fn column_name(h: &str) -> &str {
    h.trim().trim_start_matches('\u{feff}').trim_end_matches(['*', '＊']).trim()
}

fn cell_of(c: &Data, in_date_column: bool) -> Cell {
    match c {
        Data::Empty => Cell::Text(String::new()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Float(f) if in_date_column => dates::excel_serial(*f, false).map(Cell::Date).unwrap_or_else(|| number(*f)),
        Data::Int(i) if in_date_column => {
            dates::excel_serial(*i as f64, false).map(Cell::Date).unwrap_or_else(|| Cell::Number(i.to_string()))
        }
        Data::Float(f) => number(*f),
        Data::Int(i) => Cell::Number(i.to_string()),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)
                .map(Cell::Date)
                .unwrap_or_else(|| Cell::Text(dt.as_f64().to_string()))
        }
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// A number typed into a cell, shown as written: without a trailing ".0".
fn number(f: f64) -> Cell {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        Cell::Number(format!("{}", f as i64))
    } else {
        Cell::Number(f.to_string())
    }
}

/// A CSV file's text and the encoding it was read in ("UTF-8", "UTF-8（带 BOM）" or "GBK"). UTF-8
/// (a BOM is dropped); bytes that are not valid UTF-8 are read as GBK, which is what Chinese Excel
/// writes when it saves "CSV (逗号分隔)", through GB18030, its superset, so that a rare character
/// in a name (䶮) survives too. A BOM in front of anything else is a damaged file, not one to guess at.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<(String, &'static str)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(|s| (s.to_string(), "UTF-8（带 BOM）")).map_err(|_| {
            Error::Validation("文件以 UTF-8 标记开头，但内容不是有效的 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”后重试".into())
        });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Error::Validation(
            "文件既不是 UTF-8 编码也不是 GBK 编码，也不是 Excel 文件，请在 Excel 中另存为“CSV UTF-8”后重试".into(),
        ));
    }
    Ok((text.into_owned(), "GBK"))
}

/// `s` as quoted in an error: at most 40 characters (one rule, `gongkai_core::error::clip`).
pub(crate) use gongkai_core::error::clip;

/// Formula cells of the workbook's first sheet, as (row, column) relative to the first cell of
/// the sheet's value range (`value_start`), which is how the importers number their table.
pub(crate) fn formula_cells(book: &mut Sheets<Cursor<Vec<u8>>>, value_start: Option<(u32, u32)>) -> Result<Vec<(usize, usize)>> {
    let Some(name) = book.sheet_names().first().cloned() else { return Ok(Vec::new()) };
    // A workbook whose formulas cannot be read is damaged: refuse it like any unreadable file.
    let formulas = book
        .worksheet_formula(&name)
        .map_err(|e| Error::Validation(format!("无法读取 Excel 文件的公式（{}）", clip(&e.to_string()))))?;
    let Some((fr, fc)) = formulas.start() else { return Ok(Vec::new()) };
    let (vr, vc) = value_start.unwrap_or((0, 0));
    let mut out: Vec<(usize, usize)> = formulas
        .used_cells()
        .filter(|(_, _, f)| !f.trim().is_empty())
        .filter_map(|(r, c, _)| {
            let (row, col) = (fr as i64 + r as i64 - vr as i64, fc as i64 + c as i64 - vc as i64);
            (row >= 0 && col >= 0).then_some((row as usize, col as usize))
        })
        .collect();
    out.sort_unstable();
    Ok(out)
}

/// The refusal for a workbook with formulas: "第N行“列”" for the first few, and how many in all.
pub(crate) fn formula_error(cells: &[(usize, usize)], header: &[String]) -> Error {
    let named: Vec<String> = cells
        .iter()
        .take(10)
        .map(|&(r, c)| {
            let column = header.get(c).map(|h| h.trim()).filter(|h| !h.is_empty()).map(clip).unwrap_or_else(|| format!("第{}列", c + 1));
            format!("第{}行“{column}”", r + 1)
        })
        .collect();
    let more = if cells.len() > named.len() { format!("等 {} 个单元格", cells.len()) } else { String::new() };
    Error::Validation(format!(
        "导入失败，未写入任何记录：{}{more}是公式。公式的结果会随表格变化，不能作为台账记录导入；请在 Excel 中把这些单元格复制后“选择性粘贴 → 数值”，再导入",
        named.join("、")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an importer sees of a table: each data row's number and its cells by column name.
    fn by_name(header: &[String], rows: &[(usize, Vec<Cell>)]) -> Vec<(usize, Vec<(String, Cell)>)> {
        rows.iter()
            .map(|(i, cells)| {
                let named = header
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| !h.trim().is_empty())
                    .map(|(j, h)| (h.clone(), cells.get(j).cloned().unwrap_or(Cell::Text(String::new()))))
                    .collect();
                (*i, named)
            })
            .collect()
    }

    fn streamed(bytes: &[u8]) -> (Vec<String>, Vec<(usize, Vec<Cell>)>) {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        stream_table(bytes, &["收到日期"], &mut |e| {
            match e {
                RowEvent::Header(h, _) => header = h.to_vec(),
                RowEvent::Row(i, cells) => rows.push((i, cells)),
            }
            Ok(())
        })
        .unwrap();
        (header, rows)
    }

    /// The streamed .xlsx (issue 22) gives an importer the very rows the whole-sheet reader gives:
    /// a table that starts below empty rows and right of column A, a stray value left of it further
    /// down (which moves the whole-sheet range's first column), a blank row, a short row, a date
    /// cell, a serial number in a date column, and a number cell.
    #[test]
    fn a_streamed_sheet_reads_as_the_whole_sheet_does() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        for (c, h) in ["受理编号", "申请人", "收到日期", "证件号码"].iter().enumerate() {
            sheet.write_string(2, c as u16 + 2, *h).unwrap();
        }
        sheet.write_string(3, 2, "A-1").unwrap();
        sheet.write_string(3, 3, "张三").unwrap();
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3, 4).unwrap();
        sheet.write_datetime_with_format(3, 4, &day, &date).unwrap();
        sheet.write_number(3, 5, 110105194912310000.0).unwrap();
        // row 5 (index 4) is blank; row 6 is short and has a serial number for its date
        sheet.write_string(5, 2, "A-2").unwrap();
        sheet.write_number(5, 4, 45720.0).unwrap();
        sheet.write_string(7, 0, "备注：以上为全部").unwrap();
        let bytes = wb.save_to_buffer().unwrap();

        let inspection = crate::sheet_guard::check(&bytes).unwrap();
        assert!(inspection.in_order && inspection.formulas == Formulas::None, "{inspection:?}");
        assert_eq!((inspection.rows, inspection.first_col), (6, 0), "rows 3 to 8, from column A");
        let whole = read_table(&bytes, &["收到日期"]).unwrap();
        let whole_rows: Vec<(usize, Vec<Cell>)> = whole.rows.iter().cloned().enumerate().filter(|(_, r)| r.iter().any(|c| !c.text().is_empty())).collect();
        let (header, rows) = streamed(&bytes);
        assert_eq!(by_name(&header, &rows), by_name(&whole.header, &whole_rows));
        // Counted from the same first column, the header is the same to the letter.
        assert_eq!(header, whole.header);
        assert_eq!(rows.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![0, 2, 4], "lines 2, 4 and 6 under the header");
        let named = by_name(&header, &rows);
        assert!(named[0].1.contains(&("收到日期".into(), Cell::Date(NaiveDate::from_ymd_opt(2025, 3, 4).unwrap()))), "{named:?}");
        assert!(named[1].1.iter().any(|(h, c)| h == "收到日期" && matches!(c, Cell::Date(_))), "a serial in a date column: {named:?}");
        assert!(named[0].1.iter().any(|(h, c)| h == "证件号码" && matches!(c, Cell::Number(_))), "{named:?}");
    }

    /// A table far to the right is read from its own first column: a row's cells start there, as
    /// calamine's range starts there, and nothing is kept for the empty columns before it.
    #[test]
    fn a_streamed_sheet_far_to_the_right_counts_from_its_first_column() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        sheet.write_string(0, 15_000, "受理编号").unwrap();
        sheet.write_string(0, 15_001, "申请人").unwrap();
        sheet.write_string(1, 15_000, "A-1").unwrap();
        sheet.write_string(1, 15_001, "张三").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let (header, rows) = streamed(&bytes);
        assert_eq!(header, vec!["受理编号".to_string(), "申请人".to_string()]);
        assert_eq!(rows, vec![(0, vec![Cell::Text("A-1".into()), Cell::Text("张三".into())])]);
        assert_eq!(header, read_table(&bytes, &[]).unwrap().header);
    }

    #[test]
    fn formula_leads_are_guarded_and_read_back_exactly() {
        for v in ["=HYPERLINK(\"http://x\",\"点我\")", "+86 138", "-1", "@SUM(A1)", "\tx", "'=1", "''+2"] {
            let guarded = csv_guard(v);
            assert!(guarded.starts_with('\''), "{v}");
            assert_eq!(csv_unguard(&guarded), v, "round trip of {v}");
        }
        for v in ["张三", "'引号开头", "2025-03-04", "", "长净管规〔2025〕1号"] {
            assert_eq!(csv_guard(v), v, "{v} is left alone");
            assert_eq!(csv_unguard(v), v);
        }
        let bytes = csv_bytes([vec!["姓名".to_string()], vec!["=1+1".to_string()]]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("'=1+1"), "{text}");
        let table = read_table(text.as_bytes(), &[]).unwrap();
        assert_eq!(table.rows[0][0].text(), "=1+1");
    }
}
