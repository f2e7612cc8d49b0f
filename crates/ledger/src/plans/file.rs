//! A plan file as text for the parser: .txt (UTF-8 or GBK), .docx (word/document.xml: each
//! paragraph a line, each table row a line of tab-separated cells, a cell's paragraphs joined with
//! a space) or .xlsx / .xls (the first sheet's rows, cells joined with tabs, through the one
//! guarded spreadsheet reader).

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::{Error, Result};

/// The most a .docx's document part may unpack to.
const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;
pub const MAX_PLAN_FILE: usize = 20 * 1024 * 1024;

/// The text of a plan file, by its name's extension.
pub fn plan_file_text(file_name: &str, bytes: &[u8]) -> Result<String> {
    if bytes.len() > MAX_PLAN_FILE {
        return Err(Error::Validation("文件超过 20 MB，不是工作要点".into()));
    }
    let ext = std::path::Path::new(file_name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "docx" => docx_text(bytes),
        "xlsx" | "xls" | "csv" => sheet_text(bytes),
        "txt" | "text" | "md" | "" => Ok(crate::sheet::decode_text(bytes)?.0),
        "doc" => Err(Error::Validation("不能读取旧版 Word（.doc）文件，请另存为 .docx 或复制正文粘贴".into())),
        other => Err(Error::Validation(format!("不能读取 .{} 文件，请选择 .txt、.docx 或 .xlsx 文件", gongkai_core::error::clip(other)))),
    }
}

fn sheet_text(bytes: &[u8]) -> Result<String> {
    let table = crate::sheet::read_table(bytes, &[])?;
    let mut out = String::new();
    for row in std::iter::once(table.header.iter().map(|h| h.to_string()).collect::<Vec<_>>())
        .chain(table.rows.iter().map(|r| r.iter().map(|c| c.text()).collect()))
    {
        let cells: Vec<String> = row.iter().map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    Ok(out)
}

fn docx_text(bytes: &[u8]) -> Result<String> {
    let unreadable = |what: &str| Error::Validation(format!("无法读取 Word 文件（{what}）；请确认是 .docx 文件，或复制正文粘贴"));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable("不是有效的 .docx 压缩包"))?;
    let file = zip.by_name("word/document.xml").map_err(|_| unreadable("缺少 word/document.xml"))?;
    if file.size() > MAX_DOCUMENT_XML {
        return Err(Error::Validation("Word 文件正文解压后超过 64 MB，不是工作要点".into()));
    }
    let mut xml = String::new();
    file.take(MAX_DOCUMENT_XML + 1).read_to_string(&mut xml).map_err(|_| unreadable("正文不是 UTF-8 文本"))?;
    document_xml_text(&xml).map_err(|e| unreadable(&e))
}

/// word/document.xml → lines.
pub(crate) fn document_xml_text(xml: &str) -> std::result::Result<String, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = String::new();
    let mut para = String::new();
    // Per open table: the current row's cells and the current cell's paragraphs.
    let mut tables: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| format!("XML 错误：{e}"))?;
        match event {
            Event::Start(e) | Event::Empty(e) if matches!(e.local_name().as_ref(), "tab") => para.push('\t'),
            Event::Start(e) | Event::Empty(e) if matches!(e.local_name().as_ref(), "br" | "cr") => para.push('\n'),
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tbl" => tables.push((Vec::new(), Vec::new())),
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.0.clear();
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.1.clear();
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    para.push(c);
                } else {
                    let name: &str = r.as_ref();
                    para.push_str(match name {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let p = std::mem::take(&mut para);
                    match tables.last_mut() {
                        Some(t) => t.1.push(p.replace(['\t', '\n'], " ")),
                        None => {
                            out.push_str(&p);
                            out.push('\n');
                        }
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = t.1.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
                        t.0.push(cell);
                    }
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        let row = t.0.join("\t");
                        if tables.len() == 1 {
                            out.push_str(&row);
                            out.push('\n');
                        } else {
                            // A nested table's row becomes text of the outer cell.
                            let outer = tables.len() - 2;
                            tables[outer].1.push(row.replace('\t', " "));
                        }
                    }
                }
                "tbl" => {
                    tables.pop();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraphs_and_table_rows() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>一、公开</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>工作任务</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>责任单位</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>任务 &amp; 甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>财政局</w:t></w:r></w:p><w:p><w:r><w:t>教育局</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t xml:space="preserve">责任单位：</w:t></w:r><w:r><w:t>甲局</w:t></w:r></w:p>
</w:body></w:document>"#;
        let text = super::document_xml_text(xml).unwrap();
        assert_eq!(text, "一、公开\n工作任务\t责任单位\n任务 & 甲\t财政局 教育局\n责任单位：甲局\n");
    }
}
