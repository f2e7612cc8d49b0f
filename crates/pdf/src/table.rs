//! Ruled tables: merged cells, text wrapped and centred in cells, rows split across pages with the header repeated.
//!
//! A table is laid out once ([`lay_out`]: spans checked, text wrapped, row heights found)
//! and then drawn page by page ([`LaidTable::draw`]). A page break falls between rows,
//! preferably where no merged cell crosses; when a merged cell has to be cut, each page
//! shows its part with the cell's text again, so a group label is never lost.

use crate::fonts::{FaceId, Faces};
use crate::layout::{
    balanced_lines, baseline_in_band, clean, Sheet, BODY_H, BODY_W, LEFT, MM, TOP,
};
use crate::linebreak::break_lines;
use crate::{Align, Cell, PdfError, Result, Table};

/// Horizontal padding: at least 1.2 mm, and at least about half the font size, so that
/// the texts of two neighbouring cells are a full em apart and pdftotext does not read
/// them as one line ("社会公法律服" instead of "社会公益组织").
fn pad_x(size: f32) -> f32 {
    (1.2 * MM).max(0.5 * size)
}
const PAD_Y: f32 = 1.2 * MM;
const LINE_FACTOR: f32 = 1.3;
const EPS: f32 = 0.01;

pub(crate) struct LaidTable {
    cells: Vec<Placed>,
    /// x of each column's left edge relative to the table, plus the right edge.
    col_x: Vec<f32>,
    row_h: Vec<f32>,
    header: usize,
    /// keep[r]: row r stays on the page of row r + 1 (`Table::keep_with_next`).
    keep: Vec<bool>,
    size: f32,
    line_h: f32,
    x0: f32,
}

struct Placed {
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
    lines: Vec<String>,
    face: FaceId,
    align: Align,
}

impl Placed {
    /// The lines to print: trailing blank lines (a cell ending in `\n`) take no room.
    fn visible_lines(&self) -> &[String] {
        let n = self
            .lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(0, |i| i + 1);
        &self.lines[..n]
    }

    fn text_height(&self, line_h: f32) -> f32 {
        self.visible_lines().len().max(1) as f32 * line_h + 2.0 * PAD_Y
    }
}

/// Check the grid, wrap the cell texts and find the row heights.
pub(crate) fn lay_out(t: &Table, faces: &Faces) -> Result<LaidTable> {
    let err = |m: String| Err(PdfError::Table(m));
    let ncols = t.col_widths_mm.len();
    let nrows = t.rows.len();
    if ncols == 0 {
        return err("没有列宽".into());
    }
    if t.col_widths_mm.iter().any(|w| !(w.is_finite() && *w > 0.0)) {
        return err("列宽必须为正数".into());
    }
    if !(t.font_size_pt.is_finite() && t.font_size_pt > 0.0) {
        return err("字号必须为正数".into());
    }
    if let Some(r) = t.keep_with_next.iter().find(|&&r| r >= nrows) {
        return err(format!("与下一行同页的第 {} 行超出总行数 {nrows}", r + 1));
    }
    if t.header_rows > nrows {
        return err(format!("表头行数 {} 超过总行数 {nrows}", t.header_rows));
    }

    let total_mm: f32 = t.col_widths_mm.iter().sum();
    let scale = (BODY_W / (total_mm * MM)).min(1.0);
    let mut col_x = vec![0.0];
    for w in &t.col_widths_mm {
        col_x.push(col_x.last().unwrap() + w * MM * scale);
    }
    let table_w = col_x[ncols];
    let size = t.font_size_pt;
    let line_h = size * LINE_FACTOR;

    // owner[r][c]: index into `cells` of the cell occupying that position.
    let mut owner: Vec<Vec<Option<usize>>> = vec![vec![None; ncols]; nrows];
    let mut cells = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        if row.len() != ncols {
            return err(format!(
                "第{}行有{}格，应为{ncols}格（被合并的位置用 Cell::covered() 占位）",
                r + 1,
                row.len()
            ));
        }
        for (c, cell) in row.iter().enumerate() {
            if cell.is_covered() {
                continue;
            }
            if owner[r][c].is_some() {
                return err(format!(
                    "第{}行第{}列已被合并单元格覆盖，应为 Cell::covered()",
                    r + 1,
                    c + 1
                ));
            }
            let (rows, cols) = (cell.rowspan, cell.colspan);
            if r + rows > nrows || c + cols > ncols {
                return err(format!("第{}行第{}列的合并范围超出表格", r + 1, c + 1));
            }
            if r < t.header_rows && r + rows > t.header_rows {
                return err(format!(
                    "表头第{}行第{}列的合并范围伸入了表体",
                    r + 1,
                    c + 1
                ));
            }
            let index = cells.len();
            for (rr, owner_row) in owner.iter_mut().enumerate().skip(r).take(rows) {
                for (cc, slot) in owner_row.iter_mut().enumerate().skip(c).take(cols) {
                    if slot.is_some() {
                        return err(format!(
                            "第{}行第{}列被两个合并单元格重叠覆盖",
                            rr + 1,
                            cc + 1
                        ));
                    }
                    if (rr, cc) != (r, c) && !t.rows[rr][cc].is_covered() {
                        return err(format!(
                            "第{}行第{}列已被合并单元格覆盖，应为 Cell::covered()",
                            rr + 1,
                            cc + 1
                        ));
                    }
                    *slot = Some(index);
                }
            }
            let face = if cell.bold {
                FaceId::SerifBold
            } else {
                FaceId::Serif
            };
            let inner = (col_x[c + cols] - col_x[c] - 2.0 * pad_x(size)).max(size);
            cells.push(Placed {
                row: r,
                col: c,
                rows,
                cols,
                lines: wrap(faces, face, size, cell, inner),
                face,
                align: cell.align,
            });
        }
    }
    for (r, row) in owner.iter().enumerate() {
        if let Some(c) = row.iter().position(Option::is_none) {
            return err(format!(
                "第{}行第{}列标为被覆盖，但没有单元格覆盖它",
                r + 1,
                c + 1
            ));
        }
    }

    // Row heights: single-row cells first, then each merged cell stretches the rows it
    // spans (evenly) if its text needs more room than they give.
    let min_h = line_h + 2.0 * PAD_Y;
    let mut row_h = vec![min_h; nrows];
    for p in cells.iter().filter(|p| p.rows == 1) {
        row_h[p.row] = row_h[p.row].max(p.text_height(line_h));
    }
    let mut spanning: Vec<&Placed> = cells.iter().filter(|p| p.rows > 1).collect();
    spanning.sort_by_key(|p| p.rows);
    for p in spanning {
        let have: f32 = row_h[p.row..p.row + p.rows].iter().sum();
        let need = p.text_height(line_h);
        if need > have {
            let extra = (need - have) / p.rows as f32;
            for h in &mut row_h[p.row..p.row + p.rows] {
                *h += extra;
            }
        }
    }

    Ok(LaidTable {
        cells,
        col_x,
        row_h,
        header: t.header_rows,
        keep: (0..nrows).map(|r| t.keep_with_next.contains(&r)).collect(),
        size,
        line_h,
        x0: LEFT + (BODY_W - table_w) / 2.0,
    })
}

/// Wrap a cell's text to `inner` pt. Centred cells (headers) get balanced lines:
/// "商业/企业" rather than "商业企/业".
fn wrap(faces: &Faces, face: FaceId, size: f32, cell: &Cell, inner: f32) -> Vec<String> {
    let measure = |c| faces.advance(face, c, size);
    let mut out = Vec::new();
    for part in clean(&cell.text).split('\n') {
        let part = part.trim();
        if cell.align == Align::Center {
            out.extend(balanced_lines(faces, face, size, part, inner));
        } else {
            out.extend(break_lines(part, inner, inner, measure));
        }
    }
    out
}

impl LaidTable {
    fn height(&self, rows: std::ops::Range<usize>) -> f32 {
        self.row_h[rows].iter().sum()
    }

    fn header_height(&self) -> f32 {
        self.height(0..self.header)
    }

    /// What must fit below a heading for the heading to stay with this table: the header, the
    /// first body row and the rows that keep with it.
    pub(crate) fn lead_height(&self) -> f32 {
        let n = self.row_h.len();
        let end = (self.header..n).find(|&r| !self.keep[r]).map_or(n, |r| r + 1);
        self.header_height() + self.height(self.header.min(n)..end)
    }

    /// The page may end above row `b` only when row `b - 1` does not keep with its next: steps
    /// back over such rows, no further than `a` (then the whole segment must move).
    fn keep_back(&self, a: usize, b: usize) -> usize {
        let mut k = b;
        while k > a && self.keep[k - 1] {
            k -= 1;
        }
        k
    }

    /// No merged cell crosses the boundary just above row `k`.
    fn clean_boundary(&self, k: usize) -> bool {
        self.cells
            .iter()
            .all(|p| !(p.row < k && k < p.row + p.rows))
    }

    /// A break above row `k` leaves every cut cell enough room for its text on both pages.
    fn acceptable_boundary(&self, k: usize) -> bool {
        self.cells
            .iter()
            .filter(|p| p.row < k && k < p.row + p.rows)
            .all(|p| {
                let need = p.text_height(self.line_h) - EPS;
                self.height(p.row..k) >= need && self.height(k..p.row + p.rows) >= need
            })
    }

    pub(crate) fn draw(&self, sheet: &mut Sheet) {
        let n = self.row_h.len();
        let header_h = self.header_height();
        let mut a = self.header;
        loop {
            let avail = sheet.remaining() - header_h;
            let mut b = a;
            let mut used = 0.0;
            while b < n && used + self.row_h[b] <= avail + EPS {
                used += self.row_h[b];
                b += 1;
            }
            if b == a && a < n {
                if !sheet.empty {
                    sheet.new_page();
                    continue;
                }
                b = a + 1; // taller than a page: draw it anyway
            }
            if b < n {
                let clean = (a + 1..=b).rev().find(|&k| self.clean_boundary(k));
                let acceptable = (a + 1..=b)
                    .rev()
                    .find(|&k| self.acceptable_boundary(k))
                    .unwrap_or(b);
                // A group of rows tied together by merged cells is moved whole to the next
                // page when it fits there and no more than a third of this page is lost;
                // a group too tall for any page is cut where it stands.
                let movable = |k: usize| {
                    let end = (k + 1..=n).find(|&e| self.clean_boundary(e)).unwrap_or(n);
                    self.height(k..b) <= BODY_H / 3.0 && header_h + self.height(k..end) <= BODY_H
                };
                match clean {
                    Some(k) if movable(k) => b = k,
                    Some(_) => b = acceptable,
                    None if !sheet.empty && movable(a) => {
                        sheet.new_page();
                        continue;
                    }
                    None => b = acceptable,
                }
                // Keep-with-next: a sub-table's title and column heads never end a page. When
                // the whole segment is such rows it moves to the next page; on a page of its
                // own (a chain taller than a page) it is cut where it stands.
                match self.keep_back(a, b) {
                    k if k > a => b = k,
                    _ if !sheet.empty => {
                        sheet.new_page();
                        continue;
                    }
                    _ => {}
                }
            }
            self.draw_segment(sheet, a, b);
            a = b;
            if a >= n {
                break;
            }
            sheet.new_page();
        }
    }

    /// Draw the header rows and body rows `a..b` at the sheet's position.
    fn draw_segment(&self, sheet: &mut Sheet, a: usize, b: usize) {
        sheet.note_segment(a, b);
        // Top of each visible grid row on this page.
        let mut tops = vec![f32::NAN; self.row_h.len() + 1];
        let mut y = TOP + sheet.y;
        for r in (0..self.header).chain(a..b) {
            tops[r] = y;
            y += self.row_h[r];
        }
        sheet.set_rule();
        for p in &self.cells {
            let (first, last) = if p.row < self.header {
                (p.row, p.row + p.rows)
            } else if p.row < b && p.row + p.rows > a {
                (p.row.max(a), (p.row + p.rows).min(b))
            } else {
                continue;
            };
            let x = self.x0 + self.col_x[p.col];
            let w = self.col_x[p.col + p.cols] - self.col_x[p.col];
            let top = tops[first];
            let h = self.height(first..last);
            // Every inner edge is the top or left edge of some cell: draw those, and the
            // right and bottom edges only on the table's outline, so no rule is drawn twice.
            let right = p.col + p.cols == self.col_x.len() - 1;
            let bottom = last == b || (p.row < self.header && last == self.header && a == b);
            sheet.stroke_edges(x, top, w, h, right, bottom);
            self.draw_text(sheet, p, x, top, w, h);
        }
        sheet.y = y - TOP;
    }

    /// The cell's lines, centred vertically; if the box is too low (a cut merged cell with no
    /// better break), as many lines as fit from the top.
    fn draw_text(&self, sheet: &mut Sheet, p: &Placed, x: f32, top: f32, w: f32, h: f32) {
        let mut lines = p.visible_lines();
        let fit = (((h - 2.0 * PAD_Y) / self.line_h) + EPS).floor().max(0.0) as usize;
        let block = if lines.len() <= fit {
            lines.len() as f32 * self.line_h
        } else {
            lines = &lines[..fit];
            h - 2.0 * PAD_Y
        };
        let y0 = top + (h - block) / 2.0;
        for (i, line) in lines.iter().enumerate() {
            let lw = sheet.width(p.face, self.size, line, 0.0);
            let lx = match p.align {
                Align::Left => x + pad_x(self.size),
                Align::Center => x + (w - lw) / 2.0,
                Align::Right => x + w - pad_x(self.size) - lw,
            };
            let baseline = baseline_in_band(y0 + i as f32 * self.line_h, self.line_h, self.size);
            sheet.text(p.face, self.size, lx, baseline, line, 0.0);
        }
    }
}
