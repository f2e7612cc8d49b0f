//! A rare-character applicant name (龑, 䶮 from CJK Extension A, 堃) prints as a real glyph, not as
//! .notdef: the layout finds each character in an embedded face (it refuses text it cannot set),
//! every glyph the pages show has a non-zero glyph id (id 0 is .notdef), the fonts are embedded
//! and subset, and pdftotext gives the names back.

use std::process::Command;

use gongkai_pdf::{Block, Cell, Doc, Table};

const NAMES: [&str; 3] = ["龑小明", "䶮建国", "王堃"];

fn doc() -> Doc {
    let cov = Cell::covered;
    Doc {
        title: "政府信息公开申请答复告知书".into(),
        blocks: vec![
            Block::Addressee(format!("{}：", NAMES[0])),
            Block::Paragraph(format!("本机关收到{}、{}和{}提出的政府信息公开申请，现告知如下。", NAMES[0], NAMES[1], NAMES[2])),
            // A bold face without Extension A falls back to the body face for 䶮.
            Block::Heading2(format!("（一）关于{}的申请", NAMES[1])),
            Block::Table(Table {
                col_widths_mm: vec![40.0, 58.0, 58.0],
                rows: vec![
                    vec![Cell::new("申请人").center().bold(), Cell::new("受理编号").center().bold().span(2, 1), cov()],
                    vec![Cell::new(NAMES[1]).center(), Cell::new("2025-0001").center().span(2, 1), cov()],
                    vec![Cell::new(NAMES[2]).center(), Cell::new("2025-0002").center().span(2, 1), cov()],
                ],
                font_size_pt: 10.5,
                header_rows: 1,
                keep_with_next: vec![],
            }),
        ],
        footer_page_numbers: true,
    }
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name} (poppler-utils) is required: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn rare_characters_of_names_are_real_glyphs_in_an_embedded_subset() {
    let bytes = gongkai_pdf::render(&doc()).expect("every character has a glyph in the embedded faces");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rare.pdf");
    std::fs::write(&path, &bytes).unwrap();
    if let Ok(out) = std::env::var("GONGKAI_PDF_OUT") {
        std::fs::copy(&path, std::path::Path::new(&out).join("rare-names.pdf")).unwrap();
    }
    let path = path.to_str().unwrap();

    let text: String = tool("pdftotext", &[path, "-"]).chars().filter(|c| !c.is_whitespace()).collect();
    for name in NAMES {
        assert!(text.contains(name), "“{name}” not extracted: {text}");
    }

    let fonts = tool("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name … emb sub uni object-id generation: emb and sub are the 5th and 4th from the end.
        let (emb, sub) = (cols[cols.len() - 5], cols[cols.len() - 4]);
        assert_eq!((emb, sub), ("yes", "yes"), "not embedded as a subset: {row}");
        assert!(cols[0].contains('+'), "subset fonts carry a tag: {row}");
    }

    // Every string a text operator shows is two-byte glyph ids (Identity-H); none is 0 (.notdef).
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let mut glyphs = 0;
    for (_, page) in pdf.get_pages() {
        let content = lopdf::content::Content::decode(&pdf.get_page_content(page)).unwrap();
        for op in content.operations {
            let strings: Vec<&[u8]> = match op.operator.as_str() {
                "Tj" | "'" | "\"" => op.operands.iter().filter_map(|o| o.as_str().ok()).collect(),
                "TJ" => op
                    .operands
                    .iter()
                    .filter_map(|o| o.as_array().ok())
                    .flatten()
                    .filter_map(|o| o.as_str().ok())
                    .collect(),
                _ => continue,
            };
            for s in strings {
                for id in s.chunks(2) {
                    assert_eq!(id.len(), 2, "two-byte glyph ids expected");
                    assert_ne!(u16::from_be_bytes([id[0], id[1]]), 0, "a character was set as .notdef");
                    glyphs += 1;
                }
            }
        }
    }
    let characters = doc_characters();
    assert!(glyphs >= characters, "{glyphs} glyphs shown for {characters} characters");
}

/// How many non-space characters the document holds (each must be shown as a glyph).
fn doc_characters() -> usize {
    let d = doc();
    let mut n = d.title.chars().filter(|c| !c.is_whitespace()).count();
    for b in &d.blocks {
        match b {
            Block::Addressee(t) | Block::Paragraph(t) | Block::Heading2(t) => n += t.chars().filter(|c| !c.is_whitespace()).count(),
            Block::Table(t) => n += t.rows.iter().flatten().map(|c| c.text.chars().filter(|c| !c.is_whitespace()).count()).sum::<usize>(),
            _ => {}
        }
    }
    n
}
