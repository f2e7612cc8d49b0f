//! 告知书 as printed documents: the clerk's final text (title, 文书编号, 主送, body) above the
//! organ's signature and the place for its seal, in the same GB/T 9704 layout and fonts as the
//! annual report. A batch of letters prints as one file, each letter starting on a new page.

pub use gongkai_core::letter::{chinese_date, LetterPrint};
use gongkai_pdf::{Block, Doc};

use crate::ORGAN_PLACEHOLDER;

fn blocks(l: &LetterPrint) -> Vec<Block> {
    let mut out = Vec::new();
    // On this letter's pages only: in a batch the next letter brings its own (or none).
    out.push(Block::PageNote(l.anchor.trim().to_string()));
    if !l.letter_number.trim().is_empty() {
        out.push(Block::Centered(l.letter_number.trim().to_string()));
        out.push(Block::Spacer(4.0));
    }
    if !l.addressee.trim().is_empty() {
        out.push(Block::Addressee(l.addressee.trim().to_string()));
    }
    let body: Vec<&str> = l.body.lines().map(str::trim).filter(|p| !p.is_empty()).collect();
    out.push(Block::Paragraph(body.join("\n")));
    // GB/T 9704: the seal sits within a line of the text (the signature leaves the room).
    let organ = if l.organ.trim().is_empty() { ORGAN_PLACEHOLDER } else { l.organ.trim() };
    if l.seal_circle {
        out.push(Block::SealCircle);
    }
    out.push(Block::Signature { organ: organ.to_string(), date: chinese_date(l.date) });
    out
}

/// One letter as a document.
pub fn letter_doc(l: &LetterPrint) -> Doc {
    Doc { title: l.title.clone(), blocks: blocks(l), footer_page_numbers: false }
}

/// The same, numbered "— 1 —" at the foot of each page when it runs over one page (issue 23).
fn numbered_if_long(doc: Doc, body: Option<&gongkai_pdf::BodyFont>) -> Result<Vec<u8>, String> {
    if gongkai_pdf::page_count_with(&doc, body).map_err(|e| e.to_string())? > 1 {
        gongkai_pdf::render_with(&Doc { footer_page_numbers: true, ..doc }, body).map_err(|e| e.to_string())
    } else {
        gongkai_pdf::render_with(&doc, body).map_err(|e| e.to_string())
    }
}

/// Several letters in one file for printing, each from the top of a new page.
pub fn letters_doc(letters: &[LetterPrint]) -> Doc {
    let mut out = Vec::new();
    for (i, l) in letters.iter().enumerate() {
        if i > 0 {
            out.push(Block::PageBreak);
        }
        out.push(Block::Title(l.title.clone()));
        out.extend(blocks(l));
    }
    Doc { title: String::new(), blocks: out, footer_page_numbers: false }
}

/// One letter's PDF; the error is a Chinese message (e.g. a character no embedded font has).
pub fn render_letter(l: &LetterPrint) -> Result<Vec<u8>, String> {
    render_letter_with(l, None)
}

/// One letter's PDF with the body font chosen in 设置, if any.
pub fn render_letter_with(l: &LetterPrint, body: Option<&gongkai_pdf::BodyFont>) -> Result<Vec<u8>, String> {
    numbered_if_long(letter_doc(l), body)
}

/// A batch of letters as one PDF for printing.
pub fn render_letters(letters: &[LetterPrint], body: Option<&gongkai_pdf::BodyFont>) -> Result<Vec<u8>, String> {
    gongkai_pdf::render_with(&letters_doc(letters), body).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn sample(name: &str) -> LetterPrint {
        LetterPrint {
            title: "政府信息公开申请登记回执".into(),
            letter_number: "净管公开〔2025〕第12号".into(),
            addressee: format!("{name}："),
            body: "您于2025年3月4日提交的政府信息公开申请已收到。\n特此回执。".into(),
            organ: String::new(),
            date: NaiveDate::from_ymd_opt(2025, 3, 5).unwrap(),
            anchor: String::new(),
            seal_circle: false,
        }
    }

    #[test]
    fn a_letter_has_number_addressee_and_signature_with_a_placeholder_organ() {
        let doc = letter_doc(&sample("张三"));
        assert_eq!(doc.title, "政府信息公开申请登记回执");
        assert_eq!(doc.blocks[1], Block::Centered("净管公开〔2025〕第12号".into()));
        assert!(doc.blocks.contains(&Block::Addressee("张三：".into())));
        assert!(doc.blocks.contains(&Block::Signature { organ: ORGAN_PLACEHOLDER.into(), date: "2025年3月5日".into() }));
        let pdf = gongkai_pdf::render(&doc).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn the_seal_circle_is_printed_only_when_the_setting_asks_for_it() {
        let off = letter_doc(&sample("张三"));
        assert!(!off.blocks.contains(&Block::SealCircle), "off by default");
        let on = letter_doc(&LetterPrint { seal_circle: true, ..sample("张三") });
        let circle = on.blocks.iter().position(|b| *b == Block::SealCircle).expect("the circle when asked");
        assert!(matches!(on.blocks[circle + 1], Block::Signature { .. }), "right before the signature");
    }

    #[test]
    fn rare_characters_in_a_name_render() {
        // Names clerks meet that are outside the everyday set must be drawn, not .notdef.
        for name in ["刘龑", "刘䶮", "王堃"] {
            gongkai_pdf::render(&letter_doc(&sample(name))).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn a_batch_starts_each_letter_with_its_title() {
        let doc = letters_doc(&[sample("张三"), sample("李四")]);
        assert_eq!(doc.blocks.iter().filter(|b| matches!(b, Block::Title(_))).count(), 2);
        assert_eq!(doc.blocks.iter().filter(|b| matches!(b, Block::PageBreak)).count(), 1);
        assert!(gongkai_pdf::render(&doc).is_ok());
    }
}
