//! The .xlsx side of the guard: the zip directory's sizes, the shared-string table's declared
//! counts and every cell reference of the first sheet (the one the importers read), streamed with
//! the zip and XML readers calamine itself uses. Parts are found the way calamine finds them
//! (`_rels/.rels` → workbook → its relationships → the first `<sheet>`, names compared without
//! case), so the sheet inspected is the sheet calamine reads.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::ZipArchive;

use super::{damaged, parse_cell, parse_row, Formulas, Inspection, UsedBox, MAX_SHARED_STRINGS, MAX_UNPACKED};
use crate::sheet::clip;
use crate::{Error, Result};

type Zip<'a> = ZipArchive<Cursor<&'a [u8]>>;
type Xml<'z, 'b> = Reader<BufReader<Capped<zip::read::ZipFile<'z, Cursor<&'b [u8]>>>>>;

/// Shared formulas calamine keeps in a table indexed by their number (`si`): a larger number
/// than any sheet could need is a forged one.
const MAX_SHARED_FORMULA_INDEX: u64 = 1_000_000;

pub(super) fn check(bytes: &[u8]) -> Result<Inspection> {
    check_sheets(bytes, Sheets::First)
}

/// The same, for every sheet of the workbook (a reader that reads them all: 汇总's submissions).
pub(super) fn check_all(bytes: &[u8]) -> Result<()> {
    check_sheets(bytes, Sheets::All).map(|_| ())
}

/// The same without reading any sheet: what calamine reads when it opens the workbook.
pub(super) fn check_book(bytes: &[u8]) -> Result<()> {
    check_sheets(bytes, Sheets::None).map(|_| ())
}

/// The sheets an inspection reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sheets {
    None,
    First,
    All,
}

/// What the first sheet holds, when it was read whole.
fn check_sheets(bytes: &[u8], read: Sheets) -> Result<Inspection> {
    // A zip the zip reader cannot open is calamine's to refuse, in its own words.
    let Ok(zip) = ZipArchive::new(Cursor::new(bytes)) else { return Ok(Inspection::UNKNOWN) };
    if zip.has_duplicate_names() {
        return Err(damaged("压缩包中有重名的部件"));
    }
    let mut unpacked = 0u64;
    let mut names: HashMap<String, usize> = HashMap::new();
    for i in 0..zip.len() {
        let entry = zip.by_index_data(i).map_err(unreadable)?;
        unpacked = unpacked.saturating_add(entry.size());
        let name = entry.name().map_err(unreadable)?.replace('\\', "/").to_ascii_lowercase();
        if names.insert(name, i).is_some() {
            return Err(damaged("压缩包中有重名的部件"));
        }
    }
    if unpacked > MAX_UNPACKED {
        return Err(Error::Validation(format!(
            "Excel 文件解压后有 {} MB，超出导入范围（最多 {} MB）；请只保留要导入的表格，另存后重试",
            unpacked.div_ceil(1024 * 1024),
            MAX_UNPACKED / 1024 / 1024
        )));
    }
    let mut book = Book { zip, names };
    // Without these calamine refuses the file itself.
    let Some((xl_path, workbook_name)) = book.office_document()? else { return Ok(Inspection::UNKNOWN) };
    book.shared_strings(&format!("{xl_path}sharedStrings.xml"))?;
    let sheets = book.sheets(&xl_path, &workbook_name)?;
    let Some((first, rest)) = sheets.split_first() else { return Ok(Inspection::UNKNOWN) };
    if read == Sheets::None {
        return Ok(Inspection::UNKNOWN);
    }
    let inspection = book.sheet(first)?;
    for sheet in rest.iter().filter(|_| read == Sheets::All) {
        book.sheet(sheet)?;
    }
    Ok(inspection)
}

struct Book<'a> {
    zip: Zip<'a>,
    /// Entry names without case, as calamine looks them up.
    names: HashMap<String, usize>,
}

impl<'a> Book<'a> {
    /// A part as a stream of XML events, configured as calamine reads it; None when absent.
    fn open(&mut self, path: &str) -> Result<Option<(Xml<'_, 'a>, u64)>> {
        let Some(&index) = self.names.get(&path.to_ascii_lowercase()) else { return Ok(None) };
        let file = self.zip.by_index(index).map_err(unreadable)?;
        let size = file.size();
        let mut xml = Reader::from_reader(BufReader::new(Capped { inner: file, left: size.min(MAX_UNPACKED) }));
        let config = xml.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        config.expand_empty_elements = true;
        Ok(Some((xml, size)))
    }

    /// `_rels/.rels`'s officeDocument: the workbook's folder ("xl/") and file name.
    fn office_document(&mut self) -> Result<Option<(String, String)>> {
        let Some((mut xml, _)) = self.open("_rels/.rels")? else { return Ok(None) };
        let mut buf = Vec::new();
        let mut target = None;
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf).map_err(unreadable)? {
                Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                    let is_document = attr(&e, "Type")?.is_some_and(|t| t.ends_with("/relationships/officeDocument"));
                    if let (true, Some(t)) = (is_document, attr(&e, "Target")?) {
                        target = Some(unescape(&t)?);
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(target.map(|t| {
            let (dir, name) = t.rsplit_once('/').map(|(d, n)| (format!("{d}/"), n.to_string())).unwrap_or((String::new(), t.clone()));
            (dir.strip_prefix('/').unwrap_or(&dir).to_string(), name)
        }))
    }

    /// Refuses a shared-string table declaring more strings than it could hold: calamine
    /// reserves room for `uniqueCount` strings before reading one.
    fn shared_strings(&mut self, path: &str) -> Result<()> {
        let Some((mut xml, size)) = self.open(path)? else { return Ok(()) };
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf).map_err(unreadable)? {
                Event::Start(e) if e.local_name().as_ref() == "sst" => {
                    for name in ["uniqueCount", "count"] {
                        let Some(value) = attr(&e, name)? else { continue };
                        let n: u64 = value.trim().parse().unwrap_or(u64::MAX);
                        if n > MAX_SHARED_STRINGS || n > size {
                            return Err(damaged(&format!(
                                "共享字符串表声明了 {} 个字符串，超出文件实际能容纳的数量",
                                clip(value.trim())
                            )));
                        }
                    }
                    return Ok(());
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// The paths of the workbook's sheets in order, as calamine resolves them.
    fn sheets(&mut self, xl_path: &str, workbook_name: &str) -> Result<Vec<String>> {
        let mut targets: HashMap<String, String> = HashMap::new();
        let Some((mut xml, _)) = self.open(&format!("{xl_path}_rels/{workbook_name}.rels"))? else { return Ok(Vec::new()) };
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf).map_err(unreadable)? {
                Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                    if let Some(id) = attr(&e, "Id")? {
                        targets.insert(id, attr(&e, "Target")?.unwrap_or_default());
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
                Event::Eof => break,
                _ => {}
            }
        }
        drop(xml);
        let Some((mut xml, _)) = self.open(&format!("{xl_path}{workbook_name}"))? else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf).map_err(unreadable)? {
                Event::Start(e) if e.local_name().as_ref() == "sheet" => {
                    let id = local_attr(&e, "id")?.unwrap_or_default();
                    // The first sheet without a target ends the list, as calamine's first sheet did.
                    let Some(t) = targets.get(&id) else { return Ok(out) };
                    out.push(match t.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("{xl_path}{t}"),
                    });
                }
                Event::Eof => return Ok(out),
                _ => {}
            }
        }
    }

    /// Streams the sheet's cells, placing each as calamine does (a `<c>` without `r` follows the
    /// previous one, a `<row>` without `r` the previous row), and refuses a box beyond the limits.
    /// The `<dimension>` is read but not believed: it can lie or be missing.
    /// [`Formulas::None`] when the sheet was read to its end without a `<f>` in any cell.
    fn sheet(&mut self, path: &str) -> Result<Inspection> {
        let Some((mut xml, _)) = self.open(path)? else { return Ok(Inspection::UNKNOWN) };
        let mut buf = Vec::new();
        let mut inner = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf).map_err(unreadable)? {
                Event::Start(e) if e.local_name().as_ref() == "dimension" => {
                    if let Some(range) = attr(&e, "ref")? {
                        check_range(&range)?;
                    }
                }
                Event::Start(e) if e.local_name().as_ref() == "sheetData" => break,
                Event::Eof => return Ok(Inspection { formulas: Formulas::None, in_order: true, rows: 0, first_col: 0 }),
                _ => {}
            }
        }
        let mut used = UsedBox::default();
        let mut formulas = Formulas::None;
        // The last cell with content, to tell whether the cells come in reading order.
        let mut last: Option<(u32, u32)> = None;
        let mut in_order = true;
        let (mut row, mut col) = (0u32, 0u32);
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf).map_err(unreadable)? {
                Event::Start(e) if e.local_name().as_ref() == "row" => {
                    if let Some(r) = attr(&e, "r")? {
                        row = parse_row(&r).ok_or_else(|| bad_reference(&r))?;
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "row" => {
                    row = row.saturating_add(1);
                    col = 0;
                }
                Event::Start(e) if e.local_name().as_ref() == "c" => {
                    let at = match attr(&e, "r")? {
                        Some(r) => parse_cell(&r).ok_or_else(|| bad_reference(&r))?,
                        None => (row, col),
                    };
                    col = at.1;
                    let mut content = false;
                    loop {
                        inner.clear();
                        match xml.read_event_into(&mut inner).map_err(unreadable)? {
                            Event::Start(f) => {
                                content = true;
                                if f.local_name().as_ref() == "f" {
                                    check_formula(&f)?;
                                    formulas = Formulas::Unknown;
                                }
                            }
                            Event::End(end) if end.local_name().as_ref() == "c" => break,
                            Event::Eof => return Err(unreadable("单元格未结束")),
                            _ => {}
                        }
                    }
                    if content {
                        used.add(at.0, at.1);
                        in_order &= last.is_none_or(|l| at > l);
                        last = Some(at);
                    }
                    col = col.saturating_add(1);
                }
                Event::End(e) if e.local_name().as_ref() == "sheetData" => break,
                Event::Eof => break,
                _ => {}
            }
        }
        used.check("工作表")?;
        Ok(Inspection { formulas, in_order, rows: used.rows(), first_col: used.first_col() })
    }
}

/// A formula's shared-formula number and range, which calamine uses to size a table and to
/// compute a box.
fn check_formula(f: &BytesStart<'_>) -> Result<()> {
    if attr(f, "t")?.as_deref() != Some("shared") {
        return Ok(());
    }
    if let Some(si) = attr(f, "si")? {
        if si.trim().parse::<u64>().is_ok_and(|n| n > MAX_SHARED_FORMULA_INDEX) {
            return Err(damaged(&format!("共享公式编号“{}”过大", clip(&si))));
        }
    }
    match attr(f, "ref")? {
        Some(range) => check_range(&range),
        None => Ok(()),
    }
}

/// A range such as "A1:J20" whose corners calamine can read, top left before bottom right.
fn check_range(range: &str) -> Result<()> {
    let corners: Vec<(u32, u32)> = range.split(':').map(|c| parse_cell(c).ok_or_else(|| bad_reference(range))).collect::<Result<_>>()?;
    match corners.as_slice() {
        [_] => Ok(()),
        [a, b] if a.0 <= b.0 && a.1 <= b.1 => Ok(()),
        _ => Err(bad_reference(range)),
    }
}

fn bad_reference(r: &str) -> Error {
    damaged(&format!("第一个工作表中的单元格位置“{}”无效", clip(r)))
}

/// An attribute's raw value, by its full name.
fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>> {
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(unreadable)?;
        if a.key.as_ref() == name {
            return Ok(Some(a.value.into_owned()));
        }
    }
    Ok(None)
}

/// An attribute's raw value, by its name without the namespace prefix (`r:id`).
fn local_attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>> {
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(unreadable)?;
        if a.key.local_name().as_ref() == name {
            return Ok(Some(a.value.into_owned()));
        }
    }
    Ok(None)
}

fn unescape(s: &str) -> Result<String> {
    quick_xml::escape::unescape(s).map(|c| c.into_owned()).map_err(unreadable)
}

/// A reading failure partway: calamine would read on past what was inspected, so the file is
/// refused here. A part unpacking to more than the zip directory says is named as such.
fn unreadable(e: impl std::fmt::Display) -> Error {
    let text = e.to_string();
    if text.contains(OVERSIZED) || text.contains("larger than its declared") {
        return damaged("压缩包中的部件解压后比声明的大小更大");
    }
    Error::Validation(format!("无法读取 Excel 文件（{}）", clip(&text)))
}

const OVERSIZED: &str = "part larger than declared";

/// A part read with a limit: its declared size (the zip reader checks that too), and never more
/// than the whole file may unpack to.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, OVERSIZED)),
            };
        }
        let max = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(formula: bool) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        sheet.write_string(0, 0, "受理编号").unwrap();
        sheet.write_string(1, 0, "2025-0001").unwrap();
        sheet.write_number(1, 1, 3.0).unwrap();
        if formula {
            sheet.write_formula(2, 1, "=B2*2").unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    /// Only a sheet read to its end without a `<f>` spares calamine's second reading.
    #[test]
    fn a_sheet_without_formulas_says_so_and_one_with_a_formula_does_not() {
        assert_eq!(check(&book(false)).unwrap().formulas, Formulas::None);
        assert_eq!(check(&book(true)).unwrap().formulas, Formulas::Unknown);
    }
}
