// Over 700 lines because the GB/T 9704 page flow is one state machine (Sheet): splitting it would scatter the keep-together rules.
//! Page geometry per GB/T 9704 and the flow of blocks down the pages.
//!
//! All lengths are PDF points. Vertical positions are measured downwards from the top of
//! the page (or of the 版心), and turned into PDF's bottom-up coordinates only when an
//! operation is emitted.

use printpdf::{
    Color, FontId, Greyscale, Line, LineCapStyle, LineDashPattern, LinePoint, Mm, Op, PdfDocument,
    PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, TextItem,
};

use crate::fonts::{FaceId, Faces, ALL_FACES};
use crate::linebreak::break_lines;
use crate::table::{self, LaidTable};
use crate::{Block, Doc, PdfError, Result};

pub(crate) const MM: f32 = 72.0 / 25.4;
const PAGE_H: f32 = 297.0 * MM;
/// 订口 (left margin), GB/T 9704 5.2.1.
pub(crate) const LEFT: f32 = 28.0 * MM;
/// 天头 (top margin).
pub(crate) const TOP: f32 = 37.0 * MM;
/// 版心 156 mm × 225 mm.
pub(crate) const BODY_W: f32 = 156.0 * MM;
pub(crate) const BODY_H: f32 = 225.0 * MM;
/// 3号.
const BODY_PT: f32 = 16.0;
/// 22 lines fill the 版心 (GB/T 9704 5.2.3): about 28.99 pt.
const PITCH: f32 = BODY_H / 22.0;
/// One character of the 28-per-line grid. Slightly narrower than 3号, so body text is set
/// with a small negative character spacing and 28 characters fill the 版心 exactly.
const GRID: f32 = BODY_W / 28.0;
const BODY_TC: f32 = GRID - BODY_PT;
/// 2号 title.
const TITLE_PT: f32 = 22.0;
const TITLE_PITCH: f32 = PITCH * 1.2;
/// 4号 page numbers, their dashes 7 mm below the 版心.
const PAGE_NO_PT: f32 = 14.0;
const PAGE_NO_GAP: f32 = 7.0 * MM;
/// Top of the ideographic em box above the baseline, in em (Noto CJK: 880/1000).
const EM_ASCENT: f32 = 0.88;
/// An official seal is 42 mm across (a 4.2 cm round seal).
const SEAL_R: f32 = 21.0 * MM;
const RULE_PT: f32 = 0.5;
const TABLE_GAP: f32 = PITCH * 0.4;

/// How many pages `doc` lays out to.
pub(crate) fn page_count(doc: &Doc, faces: &Faces) -> Result<usize> {
    check_glyphs(doc, faces)?;
    let mut pdf = PdfDocument::new("");
    Ok(lay_out_pages(doc, faces, &mut pdf)?.0.len())
}

/// Where each table's rows fell, page by page.
pub(crate) fn table_segments(doc: &Doc, faces: &Faces) -> Result<Vec<crate::TableSegment>> {
    check_glyphs(doc, faces)?;
    let mut pdf = PdfDocument::new("");
    Ok(lay_out_pages(doc, faces, &mut pdf)?.1)
}

pub(crate) fn render(doc: &Doc, faces: &Faces) -> Result<Vec<u8>> {
    check_glyphs(doc, faces)?;

    let mut pdf = PdfDocument::new(&clean(&doc.title).replace('\n', ""));
    pdf.metadata.info.creator = "政务公开台账".into();
    let pages = lay_out_pages(doc, faces, &mut pdf)?
        .0
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    pdf.with_pages(pages);
    save(pdf)
}

type Laid = (Vec<Vec<Op>>, Vec<crate::TableSegment>);

fn lay_out_pages(doc: &Doc, faces: &Faces, pdf: &mut PdfDocument) -> Result<Laid> {
    let font_ids = ALL_FACES.map(|id| pdf.add_font(&faces.face(id).font));
    let mut sheet = Sheet::new(faces, font_ids);

    if !doc.title.trim().is_empty() {
        sheet.title(&doc.title);
    }
    // Tables are laid out once: their row heights are needed both to keep a heading with
    // the table that follows it and to draw the table.
    let tables: Vec<Option<LaidTable>> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => table::lay_out(t, faces).map(Some),
            _ => Ok(None),
        })
        .collect::<Result<_>>()?;

    for (i, block) in doc.blocks.iter().enumerate() {
        sheet.block = i;
        match block {
            Block::Heading1(text) | Block::Heading2(text) => {
                let face = if matches!(block, Block::Heading1(_)) {
                    FaceId::SansBold
                } else {
                    FaceId::SerifBold
                };
                let need = sheet.lead(&doc.blocks[i..], &tables[i..]);
                if sheet.remaining() + 0.01 < need && !sheet.empty {
                    sheet.new_page();
                }
                sheet.paragraphs(face, text, Indent::FirstLine, None);
            }
            Block::Paragraph(text) => sheet.paragraphs(
                FaceId::Serif,
                text,
                Indent::FirstLine,
                signature_after(&doc.blocks[i + 1..], sheet.seal_circle),
            ),
            Block::Addressee(text) => sheet.paragraphs(FaceId::Serif, text, Indent::None, None),
            Block::Title(text) => {
                if sheet.remaining() + 0.01 < TITLE_PITCH + 2.0 * PITCH && !sheet.empty {
                    sheet.new_page();
                }
                sheet.title(text);
            }
            Block::Centered(text) => sheet.centered(text),
            Block::Table(_) => {
                tables[i].as_ref().expect("laid out above").draw(&mut sheet);
                // Breathing room before the text that follows.
                if sheet.remaining() > TABLE_GAP {
                    sheet.y += TABLE_GAP;
                }
            }
            Block::Signature { organ, date } => sheet.signature(organ, date),
            Block::Spacer(mm) => {
                // Past the end of the page the space is simply used up: whatever
                // follows starts the next page, and a trailing spacer adds no blank page.
                if *mm > 0.0 {
                    sheet.y = (sheet.y + mm * MM).min(BODY_H);
                    sheet.empty = false;
                }
            }
            Block::PageBreak => {
                if !sheet.empty {
                    sheet.new_page();
                }
            }
            Block::PageNote(text) => sheet.note = Some(text.clone()).filter(|t| !t.trim().is_empty()),
            Block::SealCircle => sheet.seal_circle = true,
        }
    }

    let segments = std::mem::take(&mut sheet.segments);
    Ok((sheet.finish(doc.footer_page_numbers), segments))
}

fn save(pdf: PdfDocument) -> Result<Vec<u8>> {
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let bytes = pdf.save(&opts, &mut warnings);
    let errors: Vec<String> = warnings
        .into_iter()
        .filter(|w| w.severity == PdfParseErrorSeverity::Error)
        .map(|w| w.msg)
        .collect();
    if !errors.is_empty() {
        return Err(PdfError::Write(errors.join("; ")));
    }
    Ok(bytes)
}

/// Refuse text that no embedded face can draw, rather than print blanks in an official document.
fn check_glyphs(doc: &Doc, faces: &Faces) -> Result<()> {
    let mut texts: Vec<&str> = vec![&doc.title];
    for block in &doc.blocks {
        match block {
            Block::Heading1(t)
            | Block::Heading2(t)
            | Block::Paragraph(t)
            | Block::Addressee(t)
            | Block::Title(t)
            | Block::Centered(t)
            | Block::PageNote(t) => texts.push(t),
            Block::Table(t) => texts.extend(t.rows.iter().flatten().map(|c| c.text.as_str())),
            Block::Signature { organ, date } => texts.extend([organ.as_str(), date.as_str()]),
            Block::Spacer(_) | Block::PageBreak | Block::SealCircle => {}
        }
    }
    let mut missing = String::new();
    for c in texts
        .iter()
        .flat_map(|t| clean(t).chars().collect::<Vec<_>>())
    {
        if c != '\n' && faces.resolve(FaceId::Serif, c).is_none() && !missing.contains(c) {
            missing.push(c);
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(PdfError::MissingGlyphs(missing))
    }
}

/// Tabs become spaces; other control characters (except `\n`) are dropped.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Indent {
    /// Two characters on the first line of each paragraph.
    FirstLine,
    None,
}

/// Baseline of text of `size` pt vertically centred in a band of height `band`.
pub(crate) fn baseline_in_band(band_top: f32, band: f32, size: f32) -> f32 {
    band_top + (band - size) / 2.0 + EM_ASCENT * size
}

/// The pages being filled, and the position on the current one.
pub(crate) struct Sheet<'f> {
    faces: &'f Faces,
    font_ids: [FontId; 3],
    done: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Distance from the top of the 版心 to the next free position.
    pub(crate) y: f32,
    /// Nothing has been drawn on the current page yet.
    pub(crate) empty: bool,
    /// The `PageNote` in force, and the one of each finished page.
    note: Option<String>,
    notes: Vec<Option<String>>,
    /// Draw the 盖章处 circle (a `SealCircle` block came before).
    seal_circle: bool,
    /// The block being laid out, and where each table's rows fell (`table_segments`).
    block: usize,
    pub(crate) segments: Vec<crate::TableSegment>,
}

impl<'f> Sheet<'f> {
    fn new(faces: &'f Faces, font_ids: [FontId; 3]) -> Self {
        Sheet {
            faces,
            font_ids,
            done: Vec::new(),
            ops: Vec::new(),
            y: 0.0,
            empty: true,
            note: None,
            notes: Vec::new(),
            seal_circle: false,
            block: 0,
            segments: Vec::new(),
        }
    }

    /// Notes that the current table's body rows `first..end` go on the current page.
    pub(crate) fn note_segment(&mut self, first: usize, end: usize) {
        let (block, page) = (self.block, self.done.len());
        self.segments.push(crate::TableSegment { block, page, first_row: first, end_row: end });
    }

    pub(crate) fn remaining(&self) -> f32 {
        BODY_H - self.y
    }

    pub(crate) fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.ops));
        self.notes.push(self.note.clone());
        self.y = 0.0;
        self.empty = true;
    }

    fn finish(mut self, page_numbers: bool) -> Vec<Vec<Op>> {
        self.done.push(std::mem::take(&mut self.ops));
        self.notes.push(self.note.clone());
        for (ops, note) in self.done.iter_mut().zip(&self.notes) {
            if let Some(text) = note {
                crate::note::draw(ops, self.faces, &self.font_ids, text);
            }
        }
        if page_numbers {
            let faces = self.faces;
            let ids = self.font_ids.clone();
            for (i, ops) in self.done.iter_mut().enumerate() {
                let label = format!("— {} —", i + 1);
                let w = text_width(faces, FaceId::Serif, PAGE_NO_PT, &label, 0.0);
                // The dashes sit at about a third of the em above the baseline.
                let baseline = TOP + BODY_H + PAGE_NO_GAP + 0.3 * PAGE_NO_PT;
                emit_text(
                    ops,
                    faces,
                    &ids,
                    FaceId::Serif,
                    PAGE_NO_PT,
                    LEFT + (BODY_W - w) / 2.0,
                    baseline,
                    &label,
                    0.0,
                );
            }
        }
        self.done
    }

    /// Draw one line of text; `x` and `baseline` are measured from the page's top-left corner.
    pub(crate) fn text(
        &mut self,
        face: FaceId,
        size: f32,
        x: f32,
        baseline: f32,
        text: &str,
        tc: f32,
    ) {
        if text.is_empty() {
            return;
        }
        self.empty = false;
        emit_text(
            &mut self.ops,
            self.faces,
            &self.font_ids,
            face,
            size,
            x,
            baseline,
            text,
            tc,
        );
    }

    /// Stroke the top and left edges of a box given by its top-left corner (page
    /// coordinates), and its right and bottom edges when asked.
    pub(crate) fn stroke_edges(
        &mut self,
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        right: bool,
        bottom: bool,
    ) {
        self.empty = false;
        let p = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(PAGE_H - y),
            },
            bezier: false,
        };
        let (x1, y1) = (x + w, top + h);
        let mut segment = |points: Vec<LinePoint>| {
            self.ops.push(Op::DrawLine {
                line: Line {
                    points,
                    is_closed: false,
                },
            })
        };
        match (right, bottom) {
            (true, true) => segment(vec![p(x, y1), p(x, top), p(x1, top), p(x1, y1), p(x, y1)]),
            (true, false) => segment(vec![p(x, y1), p(x, top), p(x1, top), p(x1, y1)]),
            (false, true) => {
                segment(vec![p(x1, top), p(x, top), p(x, y1), p(x1, y1)]);
            }
            (false, false) => segment(vec![p(x1, top), p(x, top), p(x, y1)]),
        }
    }

    pub(crate) fn set_rule(&mut self) {
        self.ops.push(Op::SetOutlineColor {
            col: Color::Greyscale(Greyscale::new(0.0, None)),
        });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(RULE_PT) });
        // Square caps close the corners where a cell's top edge meets its neighbour's left edge.
        self.ops.push(Op::SetLineCapStyle {
            cap: LineCapStyle::ProjectingSquare,
        });
    }

    pub(crate) fn width(&self, face: FaceId, size: f32, text: &str, tc: f32) -> f32 {
        text_width(self.faces, face, size, text, tc)
    }

    /// The title, centred; a `\n` in it forces a break (GB/T 9704 wants titles broken
    /// where the meaning allows, which only the caller knows).
    fn title(&mut self, title: &str) {
        for part in clean(title)
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            for line in balanced_lines(self.faces, FaceId::SerifBold, TITLE_PT, part, BODY_W) {
                let w = self.width(FaceId::SerifBold, TITLE_PT, &line, 0.0);
                let baseline = baseline_in_band(TOP + self.y, TITLE_PITCH, TITLE_PT);
                self.text(
                    FaceId::SerifBold,
                    TITLE_PT,
                    LEFT + (BODY_W - w) / 2.0,
                    baseline,
                    &line,
                    0.0,
                );
                self.y += TITLE_PITCH;
            }
        }
        // One blank line between title and text.
        self.y += PITCH;
    }

    /// One line of body text centred on the 版心 (a long one is wrapped and each line centred).
    fn centered(&mut self, text: &str) {
        for line in self.body_lines(FaceId::Serif, clean(text).replace('\n', "").trim(), 0.0) {
            if self.remaining() + 0.01 < PITCH && !self.empty {
                self.new_page();
            }
            let w = self.width(FaceId::Serif, BODY_PT, &line, BODY_TC);
            let baseline = baseline_in_band(TOP + self.y, PITCH, BODY_PT);
            self.text(FaceId::Serif, BODY_PT, LEFT + (BODY_W - w) / 2.0, baseline, &line, BODY_TC);
            self.y += PITCH;
        }
    }

    /// Body-style text: each `\n`-separated part is a paragraph with a two-character
    /// first-line indent, justified except for its last line.
    ///
    /// `tail` is the height of a signature block that follows: GB/T 9704 7.3.5 does not let
    /// the signature stand alone on a page, so when it will not fit after the text, the last
    /// two lines (or the whole of a shorter paragraph) move to the next page with it.
    fn paragraphs(&mut self, face: FaceId, text: &str, indent: Indent, tail: Option<f32>) {
        let first_indent = match indent {
            Indent::FirstLine => 2.0 * GRID,
            Indent::None => 0.0,
        };
        let paras = self.paragraph_lines(face, text, first_indent);
        // Issue 23: at least two body lines (across paragraphs) go with the signature.
        let total: usize = paras.iter().map(Vec::len).sum();
        let keep = if tail.is_some() { total.min(2) } else { 0 };
        let mut drawn = 0;
        for lines in paras.into_iter() {
            for (i, line) in lines.iter().enumerate() {
                let left = lines.len() - i;
                let left_total = total - drawn;
                drawn += 1;
                let need = if left_total == keep && keep > 0 {
                    keep as f32 * PITCH + tail.unwrap_or(0.0)
                } else {
                    PITCH
                };
                if self.remaining() + 0.01 < need && !self.empty {
                    self.new_page();
                }
                let indent = if i == 0 { first_indent } else { 0.0 };
                let tc = if left == 1 {
                    BODY_TC
                } else {
                    self.justify(face, line, BODY_W - indent)
                };
                let baseline = baseline_in_band(TOP + self.y, PITCH, BODY_PT);
                self.text(face, BODY_PT, LEFT + indent, baseline, line, tc);
                self.y += PITCH;
            }
        }
    }

    /// The lines of each `\n`-separated paragraph of `text`.
    fn paragraph_lines(&self, face: FaceId, text: &str, first_indent: f32) -> Vec<Vec<String>> {
        clean(text)
            .split('\n')
            // The indent is ours: drop any the user typed.
            .map(|para| {
                self.body_lines(
                    face,
                    para.trim_start_matches([' ', '\u{3000}']).trim_end(),
                    first_indent,
                )
            })
            .collect()
    }

    fn body_lines(&self, face: FaceId, para: &str, first_indent: f32) -> Vec<String> {
        let measure = |c| self.faces.advance(face, c, BODY_PT) + BODY_TC;
        break_lines(para, BODY_W - first_indent, BODY_W, measure)
    }

    /// Character spacing that makes `line` end exactly at the right edge of the 版心.
    fn justify(&self, face: FaceId, line: &str, avail: f32) -> f32 {
        let n = line.chars().count();
        let natural = self.width(face, BODY_PT, line, 0.0);
        if n < 2 || natural + (n as f32 - 1.0) * BODY_TC < 0.8 * avail {
            // A short line (a long word moved down) would be spread too thin.
            return BODY_TC;
        }
        ((avail - natural) / (n as f32 - 1.0)).min(BODY_PT * 0.5)
    }

    /// Height that must fit on the page before a heading is placed: the heading, the
    /// headings directly after it, and the first line (or row) of what follows them.
    fn lead(&self, blocks: &[Block], tables: &[Option<LaidTable>]) -> f32 {
        let mut need = 0.0;
        for (i, (block, table)) in blocks.iter().zip(tables).enumerate() {
            match block {
                Block::Heading1(t) | Block::Heading2(t) => {
                    let face = if matches!(block, Block::Heading1(_)) {
                        FaceId::SansBold
                    } else {
                        FaceId::SerifBold
                    };
                    need += self
                        .paragraph_lines(face, t, 2.0 * GRID)
                        .iter()
                        .map(Vec::len)
                        .sum::<usize>() as f32
                        * PITCH;
                }
                Block::Addressee(_) | Block::Centered(_) => return need + PITCH,
                Block::Title(_) => return need + TITLE_PITCH,
                Block::Paragraph(t) => {
                    let lines = self.paragraph_lines(FaceId::Serif, t, 2.0 * GRID);
                    return match signature_after(&blocks[i + 1..], self.seal_circle) {
                        // A short last paragraph travels with the signature, and so with us.
                        Some(tail) if lines.len() == 1 && lines[0].len() <= 2 => {
                            need + lines[0].len() as f32 * PITCH + tail
                        }
                        _ => need + PITCH,
                    };
                }
                Block::Table(_) => return need + table.as_ref().map_or(0.0, |t| t.lead_height()),
                Block::Signature { .. } => return need + signature_height(self.seal_circle),
                Block::Spacer(_) | Block::PageBreak => return need,
                Block::PageNote(_) | Block::SealCircle => {}
            }
        }
        need
    }

    /// Organ name centred over the date, the date four characters in from the right, both
    /// in the lower half of a dashed circle where the seal is to be pressed.
    fn signature(&mut self, organ: &str, date: &str) {
        if self.remaining() < signature_height(self.seal_circle) && !self.empty {
            self.new_page();
        }
        let organ = clean(organ).replace('\n', "");
        let date = clean(date).replace('\n', "");
        let right = LEFT + BODY_W;
        let wd = self.width(FaceId::Serif, BODY_PT, &date, 0.0);
        let wo = self.width(FaceId::Serif, BODY_PT, &organ, 0.0);
        let date_x = right - 4.0 * GRID - wd;
        let date_cx = date_x + wd / 2.0;
        // A long organ name is kept inside the 版心, one character from the edge.
        let organ_x = (date_cx - wo / 2.0).min(right - GRID - wo).max(LEFT);
        let cx = (date_cx + organ_x + wo / 2.0) / 2.0;

        // GB/T 9704 7.3.5.1: the seal's top within a line of the text; without the printed
        // circle the seal is pressed by hand right under the text.
        let top = TOP + self.y + if self.seal_circle { 0.5 * PITCH } else { 0.0 };
        let cy = top + SEAL_R;
        // GB/T 9704 7.3.5.1: the signature sits a little below the centre of the seal.
        let organ_band = cy + 0.15 * SEAL_R - PITCH;
        if self.seal_circle {
            self.seal_mark(cx, cy);
        }
        self.text(
            FaceId::Serif,
            BODY_PT,
            organ_x,
            baseline_in_band(organ_band, PITCH, BODY_PT),
            &organ,
            0.0,
        );
        self.text(
            FaceId::Serif,
            BODY_PT,
            date_x,
            baseline_in_band(organ_band + PITCH, PITCH, BODY_PT),
            &date,
            0.0,
        );
        self.y = if self.seal_circle {
            (top + 2.0 * SEAL_R - TOP).max(organ_band + 2.0 * PITCH - TOP)
        } else {
            organ_band + 2.0 * PITCH - TOP
        };
    }

    /// A light dashed circle labelled 盖章处: visible on screen and paper, covered by the seal.
    fn seal_mark(&mut self, cx: f32, cy: f32) {
        const K: f32 = 0.552_284_8; // control-point distance for a quarter circle
        let r = SEAL_R;
        let pt = |x: f32, y: f32, bezier: bool| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(PAGE_H - y),
            },
            bezier,
        };
        let quarters = [(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0), (1.0, 0.0)];
        let mut points = vec![pt(cx + r, cy, false)];
        for w in quarters.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            points.push(pt(cx + r * (x0 + K * x1), cy + r * (y0 + K * y1), true));
            points.push(pt(cx + r * (x1 + K * x0), cy + r * (y1 + K * y0), true));
            points.push(pt(cx + r * x1, cy + r * y1, false));
        }
        let grey = Color::Greyscale(Greyscale::new(0.65, None));
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::SetOutlineColor { col: grey.clone() });
        self.ops.push(Op::SetFillColor { col: grey });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
        self.ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, &[3.0, 2.5]),
        });
        self.ops.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: true,
            },
        });
        let label = "盖章处";
        let size = 9.0;
        let w = self.width(FaceId::Serif, size, label, 0.0);
        self.text(
            FaceId::Serif,
            size,
            cx - w / 2.0,
            cy - r + 8.0 * MM,
            label,
            0.0,
        );
        self.ops.push(Op::RestoreGraphicsState);
    }
}

/// Lines of at most `width`, as even as possible (a trapezoid, not a long line and a
/// stub): the narrowest measure that still gives the same number of lines.
pub(crate) fn balanced_lines(
    faces: &Faces,
    face: FaceId,
    size: f32,
    text: &str,
    width: f32,
) -> Vec<String> {
    let measure = |c| faces.advance(face, c, size);
    let lines = break_lines(text, width, width, measure);
    if lines.len() < 2 {
        return lines;
    }
    let n = lines.len();
    let (mut lo, mut hi) = (0.0f32, width);
    for _ in 0..20 {
        let mid = (lo + hi) / 2.0;
        if break_lines(text, mid, mid, measure).len() <= n {
            hi = mid
        } else {
            lo = mid
        }
    }
    break_lines(text, hi, hi, measure)
}

/// Height of the spacers and signature directly after a block, if a signature follows.
fn signature_after(blocks: &[Block], circle: bool) -> Option<f32> {
    let mut h = 0.0;
    for block in blocks {
        match block {
            Block::Spacer(mm) => h += mm.max(0.0) * MM,
            Block::Signature { .. } => return Some(h + signature_height(circle)),
            Block::SealCircle => {}
            _ => return None,
        }
    }
    None
}

/// The signature's height: the whole seal circle when it is printed; else down to the date line
/// (the seal, pressed by hand, overlaps the signature and may reach below it).
fn signature_height(circle: bool) -> f32 {
    if circle {
        0.5 * PITCH + 2.0 * SEAL_R
    } else {
        1.15 * SEAL_R + PITCH
    }
}

pub(crate) fn text_width(faces: &Faces, face: FaceId, size: f32, text: &str, tc: f32) -> f32 {
    let n = text.chars().count() as f32;
    text.chars()
        .map(|c| faces.advance(face, c, size))
        .sum::<f32>()
        + tc * (n - 1.0).max(0.0)
}

/// One text object: the line is split into runs by the face that can draw each character.
#[allow(clippy::too_many_arguments)]
pub(crate) fn emit_text(
    ops: &mut Vec<Op>,
    faces: &Faces,
    font_ids: &[FontId; 3],
    face: FaceId,
    size: f32,
    x: f32,
    baseline: f32,
    text: &str,
    tc: f32,
) {
    ops.push(Op::StartTextSection);
    // Character spacing is text state and outlives the text object: set it every time.
    ops.push(Op::SetCharacterSpacing { multiplier: tc });
    ops.push(Op::SetTextCursor {
        pos: Point {
            x: Pt(x),
            y: Pt(PAGE_H - baseline),
        },
    });
    let mut run = String::new();
    let mut run_face: Option<FaceId> = None;
    let flush = |ops: &mut Vec<Op>, run: &mut String, f: Option<FaceId>| {
        if let (false, Some(f)) = (run.is_empty(), f) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_ids[f as usize].clone()),
                size: Pt(size),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(std::mem::take(run))],
            });
        }
    };
    for c in text.chars() {
        let f = faces.resolve(face, c).unwrap_or(face);
        if run_face != Some(f) {
            flush(ops, &mut run, run_face);
            run_face = Some(f);
        }
        run.push(c);
    }
    flush(ops, &mut run, run_face);
    ops.push(Op::EndTextSection);
}
