//! The spreadsheet guard (issue 16): a workbook is inspected cheaply, streaming, before calamine
//! reads it, and refused when reading it would cost more than any register could need. calamine
//! allocates the whole box between a sheet's first and last cell with a value, and reserves what a
//! file declares (a shared-string count, an .xls DIMENSIONS record) before reading it: one stray
//! value in XFD1048576, or a forged count, would abort the process. What is refused:
//!
//! - a used box wider than [`MAX_COLUMNS`] columns, or of more than [`MAX_CELLS`] cells (rows ×
//!   columns), named by its far cell;
//! - an .xlsx unpacking to more than [`MAX_UNPACKED`] bytes, or with a part that unpacks to more
//!   than the zip directory says;
//! - a shared-string table declaring more strings than its part could hold.
//!
//! .xlsx is inspected in `xlsx.rs` (zip directory, first sheet's XML, shared strings), .xls in
//! `xls.rs` (every sheet's BIFF records: calamine reads them all when it opens the file).

mod xls;
mod xlsx;

use crate::{Error, Result};

/// The widest used box a sheet may have.
pub(crate) const MAX_COLUMNS: u64 = 200;
/// The most cells (rows × columns of the used box) a sheet may have.
pub(crate) const MAX_CELLS: u64 = 20_000_000;
/// The most an .xlsx may unpack to, all parts together.
pub(crate) const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
/// The most strings a shared-string table may declare, whatever its size.
pub(crate) const MAX_SHARED_STRINGS: u64 = 10_000_000;

/// Refuses a workbook (.xlsx by its zip signature, .xls by its CFB signature) that would cost more
/// to read than any register needs; anything else passes untouched. A file the guard cannot make
/// sense of is left to calamine, which refuses it in its own words, unless the guard's reading
/// stopped partway (then calamine would read on past what was inspected).
/// The answer says what the inspection learned of the first sheet when it read it whole: whether
/// a formula is in it (then the importer need not have calamine read the sheet a second time for
/// its formulas), whether its cells come in reading order, and how many rows it spans.
pub(crate) fn check(bytes: &[u8]) -> Result<Inspection> {
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx::check(bytes)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        xls::check(bytes).map(|()| Inspection::UNKNOWN)
    } else {
        Ok(Inspection::UNKNOWN)
    }
}

/// The part of [`check`] that concerns opening an .xlsx (its zip directory, its shared-string
/// table): what calamine reads before any sheet. A reader may open the workbook once this passes,
/// while [`check`] goes through the first sheet, and read the sheet once that has passed too.
/// Anything but an .xlsx passes untouched.
pub(crate) fn check_book(bytes: &[u8]) -> Result<()> {
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx::check_book(bytes)
    } else {
        Ok(())
    }
}

/// What the inspection learned of the first sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inspection {
    pub formulas: Formulas,
    /// Every cell with content came after the one before it, row by row and left to right, as
    /// spreadsheet programs write them: a reader streaming the sheet meets its first row first and
    /// each row whole. False when the sheet was not read.
    pub in_order: bool,
    /// Rows between the first and the last row with content, both counted (0 for an empty sheet
    /// or one not read): what a streaming reader will go through, for a progress bar.
    pub rows: u32,
    /// The leftmost column with content (0-based): where calamine's range of the sheet starts, and
    /// so the column a streaming reader counts a row's cells from (a table far to the right costs
    /// it nothing for the columns before it).
    pub first_col: u32,
}

impl Inspection {
    /// Nothing learned: an .xls, or a file left to calamine.
    pub(crate) const UNKNOWN: Inspection = Inspection { formulas: Formulas::Unknown, in_order: false, rows: 0, first_col: 0 };
}

/// What the inspection learned of the first sheet's formulas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Formulas {
    /// Every cell of the first sheet was read and none holds a formula (`<f>`).
    None,
    /// The sheet holds a formula, or was not read (an .xls, or a file left to calamine).
    Unknown,
}

/// The same for every sheet of a workbook (an .xls is always inspected whole).
pub(crate) fn check_all_sheets(bytes: &[u8]) -> Result<()> {
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx::check_all(bytes)
    } else {
        check(bytes).map(|_| ())
    }
}

/// The box around a sheet's cells with content, as calamine will allocate it, and the cells that
/// stretch it furthest right and furthest down (0-based row, column).
#[derive(Debug, Default)]
pub(crate) struct UsedBox {
    first: Option<(u32, u32)>,
    min_row: u32,
    max_row: u32,
    min_col: u32,
    max_col: u32,
    far_right: (u32, u32),
    far_down: (u32, u32),
}

impl UsedBox {
    pub(crate) fn add(&mut self, row: u32, col: u32) {
        if self.first.is_none() {
            *self = UsedBox {
                first: Some((row, col)),
                min_row: row,
                max_row: row,
                min_col: col,
                max_col: col,
                far_right: (row, col),
                far_down: (row, col),
            };
            return;
        }
        self.min_row = self.min_row.min(row);
        self.min_col = self.min_col.min(col);
        if col > self.max_col {
            self.max_col = col;
            self.far_right = (row, col);
        }
        if row > self.max_row {
            self.max_row = row;
            self.far_down = (row, col);
        }
    }

    /// The leftmost column with content (0 when there is none).
    pub(crate) fn first_col(&self) -> u32 {
        if self.first.is_none() {
            0
        } else {
            self.min_col
        }
    }

    /// Rows from the first to the last with content (0 when there is none).
    pub(crate) fn rows(&self) -> u32 {
        if self.first.is_none() {
            0
        } else {
            (self.max_row - self.min_row).saturating_add(1)
        }
    }

    /// Refuses a box beyond the limits; `sheet` names the sheet in the message ("工作表").
    pub(crate) fn check(&self, sheet: &str) -> Result<()> {
        if self.first.is_none() {
            return Ok(());
        }
        let cols = u64::from(self.max_col - self.min_col) + 1;
        if cols > MAX_COLUMNS {
            return Err(too_far(sheet, self.far_right, &format!("最多 {MAX_COLUMNS} 列")));
        }
        let rows = u64::from(self.max_row - self.min_row) + 1;
        if rows * cols > MAX_CELLS {
            return Err(too_far(sheet, self.far_down, &format!("最多 {} 行", MAX_CELLS / cols)));
        }
        Ok(())
    }
}

fn too_far(sheet: &str, (row, col): (u32, u32), limit: &str) -> Error {
    Error::Validation(format!(
        "{sheet}在 {} 有内容，超出导入范围（{limit}）；请删除多余的单元格后重试",
        cell_name(row, col)
    ))
}

/// "XFD1048576" for the 0-based (1048575, 16383).
pub(crate) fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), u64::from(row) + 1)
}

/// The 0-based (row, column) of an A1 reference such as "XFD1048576"; None when it is not one,
/// or when its numbers overflow what calamine counts in (a u32), which calamine cannot survive.
pub(crate) fn parse_cell(reference: &str) -> Option<(u32, u32)> {
    let (row, col) = parse_row_col(reference)?;
    Some((row, col?))
}

/// A row reference as calamine reads `<row r=…>`: digits, optionally after column letters.
pub(crate) fn parse_row(reference: &str) -> Option<u32> {
    parse_row_col(reference).map(|(row, _)| row)
}

fn parse_row_col(reference: &str) -> Option<(u32, Option<u32>)> {
    let split = reference.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(reference.len());
    let (letters, digits) = reference.split_at(split);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut col = 0u32;
    for b in letters.bytes() {
        col = col.checked_mul(26)?.checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1)?;
    }
    let mut row = 0u32;
    for b in digits.bytes() {
        row = row.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)))
}

/// A part of the file that says it holds more than it can: the file is damaged or forged.
pub(crate) fn damaged(what: &str) -> Error {
    Error::Validation(format!("Excel 文件已损坏（{what}），请在 Excel 中打开并另存后重试"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_round_trip() {
        for (name, pos) in [("A1", (0, 0)), ("Z9", (8, 25)), ("AA10", (9, 26)), ("XFD1048576", (1_048_575, 16_383))] {
            assert_eq!(parse_cell(name), Some(pos));
            assert_eq!(cell_name(pos.0, pos.1), name);
        }
        assert_eq!(parse_cell("xfd1"), Some((0, 16_383)));
        for bad in ["", "A", "12", "A0", "A1B", "1A", "A99999999999", "AAAAAAAAAAAAAAA1"] {
            assert_eq!(parse_cell(bad), None, "{bad}");
        }
        assert_eq!(parse_row("12"), Some(11));
        assert_eq!(parse_row("B12"), Some(11));
    }

    #[test]
    fn the_box_names_its_far_cell() {
        let mut b = UsedBox::default();
        b.add(0, 0);
        b.add(0, 9);
        b.add(5, 3);
        assert!(b.check("工作表").is_ok());
        b.add(1_048_575, 16_383);
        let m = b.check("工作表").unwrap_err().to_string();
        assert!(m.contains("工作表在 XFD1048576 有内容，超出导入范围（最多 200 列）；请删除多余的单元格后重试"), "{m}");
        let mut b = UsedBox::default();
        b.add(0, 0);
        b.add(0, 9);
        b.add(2_000_000, 1);
        let m = b.check("工作表").unwrap_err().to_string();
        assert!(m.contains("在 B2000001 有内容，超出导入范围（最多 2000000 行）"), "{m}");
    }
}
