//! The three embedded Chinese faces (subsets of Noto CJK SC, see assets/fonts/README.md) and their advance widths.
//!
//! The faces are compiled into the binary so a report renders the same on any machine.
//! They are parsed once per process; printpdf subsets them again when it writes a file,
//! so a PDF carries only the glyphs it uses.

use std::sync::{Arc, OnceLock};

use printpdf::ParsedFont;

use crate::PdfError;

const SERIF_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSerifSC-Regular.otf");
const SERIF_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSerifSC-Bold.otf");
const SANS_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-Bold.otf");

/// Which face a run of text is set in. The order is the fallback order for missing glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FaceId {
    /// Body text, tables, page numbers: stands in for 仿宋/宋体.
    Serif = 0,
    /// Title (小标宋), level-2 headings (楷体 in GB/T 9704) and bold table cells.
    SerifBold = 1,
    /// Level-1 headings: stands in for 黑体.
    SansBold = 2,
}

pub(crate) const ALL_FACES: [FaceId; 3] = [FaceId::Serif, FaceId::SerifBold, FaceId::SansBold];

pub(crate) struct Face {
    pub(crate) font: ParsedFont,
    units_per_em: f32,
}

impl Face {
    pub(crate) fn parse(name: &str, bytes: &[u8]) -> Result<Face, String> {
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| format!("{name}: {warnings:?}"))?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Ok(Face { font, units_per_em })
    }

    pub(crate) fn has(&self, c: char) -> bool {
        self.font
            .lookup_glyph_index(c as u32)
            .is_some_and(|g| g != 0)
    }

    /// Advance of `c` in em. Rounded down to 1/1000 em like the PDF's /W array,
    /// so what we measure is exactly what a viewer draws.
    pub(crate) fn advance_em(&self, c: char) -> f32 {
        let Some(gid) = self.font.lookup_glyph_index(c as u32) else {
            return 1.0;
        };
        let units = f32::from(self.font.get_horizontal_advance(gid));
        (units * 1000.0 / self.units_per_em).trunc() / 1000.0
    }
}

pub(crate) struct Faces {
    faces: [Arc<Face>; 3],
}

impl Faces {
    /// The faces, parsed on first use.
    pub(crate) fn get() -> Result<&'static Faces, PdfError> {
        static FACES: OnceLock<Result<Faces, String>> = OnceLock::new();
        FACES
            .get_or_init(|| {
                Ok(Faces {
                    faces: [
                        Arc::new(Face::parse("NotoSerifSC-Regular", SERIF_REGULAR)?),
                        Arc::new(Face::parse("NotoSerifSC-Bold", SERIF_BOLD)?),
                        Arc::new(Face::parse("NotoSansSC-Bold", SANS_BOLD)?),
                    ],
                })
            })
            .as_ref()
            .map_err(|e| PdfError::Font(e.clone()))
    }

    /// These faces with `body` (a font the clerk chose) for body text and tables; the embedded
    /// faces stay as headings and as the fallback for characters `body` lacks.
    pub(crate) fn with_body(&self, body: Arc<Face>) -> Faces {
        Faces { faces: [body, self.faces[1].clone(), self.faces[2].clone()] }
    }

    pub(crate) fn face(&self, id: FaceId) -> &Face {
        &self.faces[id as usize]
    }

    /// The face that draws `c`: `want` if it can, else the first face that can.
    pub(crate) fn resolve(&self, want: FaceId, c: char) -> Option<FaceId> {
        if self.face(want).has(c) {
            return Some(want);
        }
        ALL_FACES.into_iter().find(|&id| self.face(id).has(c))
    }

    /// Advance of `c` set in `want` at `size` pt (falling back like [`Faces::resolve`]).
    pub(crate) fn advance(&self, want: FaceId, c: char, size: f32) -> f32 {
        let id = self.resolve(want, c).unwrap_or(want);
        self.face(id).advance_em(c) * size
    }
}
