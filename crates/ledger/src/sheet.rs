//! What both importers need when they read a clerk's spreadsheet: values quoted back in an error
//! are clipped (a 1 MB cell must not become a 1 MB message), and formula cells are found so they
//! can be refused by name instead of being imported as their cached results.

use std::io::Cursor;

use calamine::{Reader, Sheets};

use crate::{Error, Result};

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

/// Longest value quoted back to the clerk in an error message.
const MAX_QUOTED_CHARS: usize = 40;

/// `s` as quoted in an error: at most 40 characters, then "…（共 N 字）".
pub(crate) fn clip(s: &str) -> String {
    let n = s.chars().count();
    if n <= MAX_QUOTED_CHARS {
        return s.to_string();
    }
    let head: String = s.chars().take(MAX_QUOTED_CHARS).collect();
    format!("{head}…（共 {n} 字）")
}

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
    use super::clip;

    #[test]
    fn clip_keeps_short_values_and_cuts_long_ones() {
        assert_eq!(clip("2025-13-01"), "2025-13-01");
        let long = "政".repeat(1000);
        assert_eq!(clip(&long), format!("{}…（共 1000 字）", "政".repeat(40)));
    }
}
