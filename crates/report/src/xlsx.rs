//! The annual report's tables 二, 三 and 四 as an Excel workbook, one sheet per table, with the
//! 2021 format's merged header cells. The grid is the very `gongkai_pdf::Table` the PDF prints
//! (same spans, same labels), so the two exports cannot differ in layout or numbers.

use gongkai_core::report::AnnualFigures;
use gongkai_pdf::{Align, Table};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// Sheet names and the section heading printed above each table.
pub const SHEETS: [(&str, &str); 3] = [
    ("二、主动公开", "二、主动公开政府信息情况"),
    ("三、收到和处理申请", "三、收到和处理政府信息公开申请情况"),
    ("四、复议诉讼", "四、政府信息公开行政复议、行政诉讼情况"),
];

/// The first row of each table on its sheet (the heading is row 0, row 1 is empty).
pub const TABLE_FIRST_ROW: u32 = 2;

/// The workbook's bytes for `organ`'s report on the figures' year.
pub fn annual_report_xlsx(organ: &str, f: &AnnualFigures) -> Result<Vec<u8>, String> {
    annual_report_xlsx_noted(organ, f, None)
}

/// The same, with `note` (an archived copy's audit anchor) in small grey type one row below each
/// table, outside its borders.
pub fn annual_report_xlsx_noted(organ: &str, f: &AnnualFigures, note: Option<&str>) -> Result<Vec<u8>, String> {
    let organ = if organ.trim().is_empty() { crate::ORGAN_PLACEHOLDER } else { organ.trim() };
    workbook(&format!("{organ}{}年政府信息公开工作年度报告", f.year), f, &[], note)
}

/// The three tables' sheets headed "`title` 二、…", then `extra` sheets (name, heading, table).
pub(crate) fn workbook(title: &str, f: &AnnualFigures, extra: &[(&str, &str, Table)], note: Option<&str>) -> Result<Vec<u8>, String> {
    let tables = [crate::section_two(f), crate::section_three(f), crate::section_four(f)];
    let mut book = Workbook::new();
    let sheets = SHEETS.iter().zip(tables.iter()).map(|((n, h), t)| (*n, *h, t)).chain(extra.iter().map(|(n, h, t)| (*n, *h, t)));
    for (name, heading, table) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(err)?;
        write_sheet(sheet, &format!("{title} {heading}"), table).map_err(err)?;
        print_setup(sheet, table).map_err(err)?;
        if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
            let small = Format::new().set_font_size(9).set_font_color(rust_xlsxwriter::Color::Gray);
            sheet.write_string_with_format(TABLE_FIRST_ROW + table.rows.len() as u32 + 1, 0, note, &small).map_err(err)?;
        }
    }
    book.save_to_buffer().map_err(err)
}

/// Paper size 9 in the Office Open XML pageSetup: A4.
pub const PAPER_A4: u8 = 9;

/// Printed as the PDF is read (issue 23): A4 landscape, one page wide (as many pages tall as the
/// table needs), the heading and the table's header rows repeated on every page, centred.
fn print_setup(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    sheet.set_paper_size(PAPER_A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    // A table without header rows (表二 is several small tables) repeats only the heading.
    let last = if table.header_rows == 0 { 0 } else { TABLE_FIRST_ROW + table.header_rows as u32 - 1 };
    sheet.set_repeat_rows(0, last)?;
    Ok(())
}

fn err(e: XlsxError) -> String {
    format!("生成 Excel 失败：{e}")
}

fn write_sheet(sheet: &mut Worksheet, heading: &str, table: &Table) -> Result<(), XlsxError> {
    let cols = table.col_widths_mm.len() as u16;
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
    sheet.merge_range(0, 0, 0, cols - 1, heading, &title)?;
    sheet.set_row_height(0, 28)?;
    for (c, mm) in table.col_widths_mm.iter().enumerate() {
        // About 2 mm per character width unit; at least wide enough for two CJK characters.
        sheet.set_column_width(c as u16, f64::from(*mm / 2.0).max(6.0))?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let xr = TABLE_FIRST_ROW + r as u32;
        let mut lines = 1usize;
        for (c, cell) in row.iter().enumerate() {
            if cell.colspan == 0 || cell.rowspan == 0 {
                continue; // covered by a merged cell
            }
            let mut fmt = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
            fmt = match cell.align {
                Align::Left => fmt.set_align(FormatAlign::Left),
                Align::Center => fmt.set_align(FormatAlign::Center),
                Align::Right => fmt.set_align(FormatAlign::Right),
            };
            if cell.bold {
                fmt = fmt.set_bold();
            }
            let (c0, c1) = (c as u16, (c + cell.colspan - 1) as u16);
            let r1 = xr + cell.rowspan as u32 - 1;
            // Numbers stay numbers so the clerk can sum them; labels such as "1.属于国家秘密" do not parse.
            let number = (!cell.bold).then(|| cell.text.trim().parse::<f64>().ok()).flatten();
            if c0 != c1 || xr != r1 {
                sheet.merge_range(xr, c0, r1, c1, &cell.text, &fmt)?;
            }
            // A number shows in Excel as printed: as many decimals as the text has (the fee
            // keeps six, 4166.241619), never Excel's General rounding to eleven digits.
            if let Some(decimals) = number.and_then(|_| cell.text.trim().split_once('.')).map(|(_, d)| d.len()) {
                fmt = fmt.set_num_format(format!("0.{}", "0".repeat(decimals)));
            }
            match number {
                Some(n) => sheet.write_number_with_format(xr, c0, n, &fmt)?,
                None => sheet.write_string_with_format(xr, c0, &cell.text, &fmt)?,
            };
            // Excel does not grow a row for wrapped text in merged cells: size it here, sharing
            // a tall merged cell's lines among the rows it spans.
            let width: f32 = table.col_widths_mm[c..c + cell.colspan].iter().sum::<f32>() / 2.0;
            let chars = cell.text.chars().map(|ch| if ch.is_ascii() { 1.0 } else { 2.0 }).sum::<f32>();
            let needed = (chars / width.max(1.0)).ceil() as usize;
            lines = lines.max(needed.div_ceil(cell.rowspan));
        }
        sheet.set_row_height(xr, 16.0 * lines as f64 + 4.0)?;
    }
    Ok(())
}
