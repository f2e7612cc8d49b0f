//! The page note ([`crate::Block::PageNote`]): one small grey line centred at the foot of the
//! page, below the page number and inside the 35 mm bottom margin (GB/T 9704 leaves that margin
//! to the page number alone, so the note keeps well clear of it), for what is recorded on a copy
//! rather than said by the document, e.g. an archived copy's audit anchor.

use printpdf::{Color, FontId, Greyscale, Op};

use crate::fonts::{FaceId, Faces};
use crate::layout::{clean, emit_text, text_width, BODY_H, BODY_W, LEFT, MM, TOP};

/// 小五.
const NOTE_PT: f32 = 9.0;
/// Baseline 18 mm below the 版心: under the page number (7 mm below it, 4号), 17 mm above the
/// paper's edge, within what every office printer prints.
const NOTE_GAP: f32 = 18.0 * MM;

/// Draws `text` as the note of the page whose operations are `ops`.
pub(crate) fn draw(ops: &mut Vec<Op>, faces: &Faces, font_ids: &[FontId; 3], text: &str) {
    let text = clean(text).replace('\n', " ");
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    // A long note is set smaller rather than wrapped or cut: it stays one line within the 版心's width.
    let natural = text_width(faces, FaceId::Serif, NOTE_PT, text, 0.0);
    let size = if natural > BODY_W { NOTE_PT * BODY_W / natural } else { NOTE_PT };
    let w = text_width(faces, FaceId::Serif, size, text, 0.0);
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale::new(0.35, None)) });
    emit_text(ops, faces, font_ids, FaceId::Serif, size, LEFT + (BODY_W - w) / 2.0, TOP + BODY_H + NOTE_GAP, text, 0.0);
    ops.push(Op::RestoreGraphicsState);
}
