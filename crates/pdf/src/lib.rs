//! GB/T 9704-style A4 documents (the statutory annual report, 告知书 letters) rendered to PDF with an embedded, subset Chinese font.
//!
//! The caller describes a document as a list of [`Block`]s; this crate owns every layout
//! decision (margins, line pitch, line breaking, table pagination, page numbers).
//! It knows nothing about requests, reports or Tauri: it only lays out text and tables.

mod fonts;
mod layout;
pub mod linebreak;
mod note;
mod table;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A document: a title (2号, centred) followed by blocks laid out top to bottom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "PreviewDoc")]
pub struct Doc {
    /// Printed at the top of the first page and written to the PDF's metadata.
    /// An empty title prints nothing.
    pub title: String,
    pub blocks: Vec<Block>,
    /// Print "— 1 —" (4号, centred) 7 mm below the 版心 on every page.
    pub footer_page_numbers: bool,
}

/// One element of the document body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "PreviewBlock")]
pub enum Block {
    /// 一、… : 黑体-like (Noto Sans SC Bold) 3号, indented two characters, kept with what follows.
    Heading1(String),
    /// （一）… : bold 宋体-like (Noto Serif SC Bold) 3号, indented two characters, kept with what follows.
    Heading2(String),
    /// A further title (2号, centred) inside the document, e.g. each letter of a printed batch.
    Title(String),
    /// A line of body text centred on the 版心, e.g. a letter's 文书编号 under its title.
    Centered(String),
    /// 主送 line of a letter ("张三：", "各科室："): body text without the indent (居左顶格).
    Addressee(String),
    /// Body text 3号, first line indented two characters, justified to the 版心.
    /// A `\n` inside the text starts a new paragraph.
    Paragraph(String),
    Table(Table),
    /// Organ name centred over the date, the date four characters in from the right edge,
    /// with room above for the seal, which is pressed by hand (issue 23: no circle unless a
    /// `SealCircle` came before).
    Signature {
        organ: String,
        date: String,
    },
    /// Print the dashed 盖章处 circle around the signatures that follow (off by default).
    SealCircle,
    /// Vertical space in millimetres. Near the end of a page it uses up what is left of
    /// that page and does not carry over to the next.
    Spacer(f32),
    /// Start a new page (ignored when the current page is still empty).
    PageBreak,
    /// A small line (小五, grey, centred) at the foot of the page, below the page number: printed
    /// on the page this block falls on and on every later page, until the next `PageNote` (an
    /// empty one ends it). Outside the 版心, so it never moves the body. For records that are not
    /// part of the official text, e.g. an archived copy's audit anchor.
    PageNote(String),
}

/// A ruled table. `rows[r][c]` addresses a grid position; every row has one entry per
/// column, and positions covered by a neighbour's colspan/rowspan hold [`Cell::covered`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "PreviewTable")]
pub struct Table {
    /// Column widths in millimetres. A table wider than the 版心 (156 mm) is scaled down
    /// proportionally; a narrower one is centred.
    pub col_widths_mm: Vec<f32>,
    pub rows: Vec<Vec<Cell>>,
    /// Font size of the cell text, e.g. 10.5 (五号) or 9 for the nine-column 三 table.
    pub font_size_pt: f32,
    /// The first `header_rows` rows are repeated at the top of every page the table spans.
    /// Their spans must stay within the header.
    pub header_rows: usize,
    /// Rows kept on the same page as the row after them (keep-with-next): a sub-table's title
    /// and column heads inside a table, e.g. 表二's "第二十条第（六）项", never end a page.
    #[serde(default)]
    pub keep_with_next: Vec<usize>,
}

/// Where one table of a document fell: the body rows `first_row..end_row` on page `page`
/// (0-based), for checking page breaks without looking at pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSegment {
    /// Index of the table in `Doc::blocks`.
    pub block: usize,
    pub page: usize,
    pub first_row: usize,
    pub end_row: usize,
}

/// The page segments of every table in `doc`, in order (with `body` when given).
pub fn table_segments(doc: &Doc, body: Option<&BodyFont>) -> Result<Vec<TableSegment>> {
    let embedded = fonts::Faces::get()?;
    match body {
        None => layout::table_segments(doc, embedded),
        Some(b) => layout::table_segments(doc, &embedded.with_body(b.face.clone())),
    }
}

/// One table cell. A `colspan`/`rowspan` of 0 marks a position covered by another cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "PreviewCell")]
pub struct Cell {
    /// Wrapped inside the cell; `\n` forces a line break.
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    pub align: Align,
    pub bold: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "PreviewAlign")]
pub enum Align {
    Left,
    Center,
    Right,
}

impl Cell {
    /// A left-aligned, regular-weight cell spanning one grid position.
    pub fn new(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            align: Align::Left,
            bold: false,
        }
    }

    /// The placeholder for a grid position covered by another cell's span.
    pub fn covered() -> Self {
        Cell {
            text: String::new(),
            colspan: 0,
            rowspan: 0,
            align: Align::Left,
            bold: false,
        }
    }

    /// Span `cols` columns and `rows` rows (both at least 1).
    pub fn span(mut self, cols: usize, rows: usize) -> Self {
        self.colspan = cols.max(1);
        self.rowspan = rows.max(1);
        self
    }

    pub fn center(mut self) -> Self {
        self.align = Align::Center;
        self
    }

    pub fn right(mut self) -> Self {
        self.align = Align::Right;
        self
    }

    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    pub fn is_covered(&self) -> bool {
        self.colspan == 0 || self.rowspan == 0
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// An embedded font could not be parsed (a build problem, not a user one).
    #[error("内嵌字体无法加载：{0}")]
    Font(String),
    /// Text contains characters that none of the embedded fonts can draw.
    #[error("以下字符无法用内嵌字体排印，请改用常用字或同音说明：{0}")]
    MissingGlyphs(String),
    /// The table's rows, spans and covered positions do not fit together.
    #[error("表格结构有误：{0}")]
    Table(String),
    /// printpdf reported an error while writing the file.
    #[error("PDF 生成失败：{0}")]
    Write(String),
}

pub type Result<T> = std::result::Result<T, PdfError>;

/// Lay out `doc` and return the bytes of the PDF file.
pub fn render(doc: &Doc) -> Result<Vec<u8>> {
    layout::render(doc, fonts::Faces::get()?)
}

/// A font file the clerk chose for body text and tables (e.g. an installed 仿宋). Headings keep
/// the embedded faces, and characters the chosen font lacks fall back to them.
#[derive(Clone)]
pub struct BodyFont {
    face: std::sync::Arc<fonts::Face>,
    name: String,
}

/// Characters every report and letter prints: a font without them cannot set Chinese body text.
const BODY_SAMPLE: &str = "政府信息公开工作年度报告申请人答复本机关依据条例第条款年月日";

impl BodyFont {
    /// Parses `bytes` (TrueType or OpenType; the first face of a collection) and checks that it
    /// draws common Chinese text. `name` is how the clerk knows the file, for messages.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<BodyFont> {
        let face = fonts::Face::parse(name, bytes).map_err(|_| PdfError::Font(format!("“{name}”不是可用的字体文件")))?;
        let missing: String = BODY_SAMPLE.chars().filter(|c| !face.has(*c)).collect();
        if !missing.is_empty() {
            return Err(PdfError::Font(format!("“{name}”不含常用汉字（如“{}”），不能用作正文字体", missing.chars().take(4).collect::<String>())));
        }
        Ok(BodyFont { face: std::sync::Arc::new(face), name: name.to_string() })
    }

    /// Reads and checks the font file at `path`.
    pub fn from_file(path: &std::path::Path) -> Result<BodyFont> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = std::fs::read(path).map_err(|_| PdfError::Font(format!("无法读取字体文件“{}”", path.display())))?;
        BodyFont::from_bytes(&name, &bytes)
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// How many pages `doc` lays out to (with `body` when given), without writing the file.
pub fn page_count_with(doc: &Doc, body: Option<&BodyFont>) -> Result<usize> {
    let embedded = fonts::Faces::get()?;
    match body {
        None => layout::page_count(doc, embedded),
        Some(b) => layout::page_count(doc, &embedded.with_body(b.face.clone())),
    }
}

/// Like [`render`], with `body` (when given) for body text and tables.
pub fn render_with(doc: &Doc, body: Option<&BodyFont>) -> Result<Vec<u8>> {
    let embedded = fonts::Faces::get()?;
    match body {
        None => layout::render(doc, embedded),
        Some(b) => layout::render(doc, &embedded.with_body(b.face.clone())),
    }
}
