//! The annual report as it leaves the app, one way for the window and the command line: the 勾稽
//! gate (a failed check blocks an export unless a reason is given, which is recorded in the
//! ledger), the PDF and workbook with this ledger's organ name and texts, the preview document,
//! and the body font chosen in 设置 with its fallback.

use chrono::{NaiveDate, NaiveDateTime};
use gongkai_core::report::{AnnualFigures, CheckFailure};
use gongkai_core::AppError;
use gongkai_ledger::audit::Head;
use gongkai_ledger::{report, settings, Ledger};
use gongkai_report::{annual_report, ReportTexts};

/// What leaves the app: the same gate for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Pdf,
    Xlsx,
}

/// Which copy leaves the app. The published report is exactly the 2021 format; the archived copy
/// (存档副本) is the same report with a small line at the foot of every page: the audit chain's
/// head the figures were read at and the time of export, so the copy kept on file can later be
/// checked against the ledger (`gongkai audit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    Published,
    /// Exported at this local time.
    Archived(NaiveDateTime),
}

/// The figures of a year that passed the gate.
#[derive(Debug)]
pub struct Cleared {
    pub figures: AnnualFigures,
    /// The audit chain's head when the figures were read (in the same read transaction), before
    /// any override reason was recorded.
    pub head: Option<Head>,
    /// The 勾稽 checks that failed; empty unless a reason overrode them.
    pub failures: Vec<CheckFailure>,
    /// The reason recorded in the ledger when failures were overridden.
    pub override_reason: Option<String>,
}

/// Why the gate refused.
#[derive(Debug)]
pub enum Refused {
    /// 勾稽 checks failed and no reason was given: nothing was recorded or written.
    ChecksFailed { year: i32, failures: Vec<CheckFailure> },
    Ledger(gongkai_ledger::Error),
}

impl From<gongkai_ledger::Error> for Refused {
    fn from(e: gongkai_ledger::Error) -> Self {
        Refused::Ledger(e)
    }
}

/// The 勾稽 gate: the year's figures when every check passes, or when `override_reason` (not
/// blank) is given, in which case the reason and the failures are recorded in the ledger first.
pub fn clear_for_export(ledger: &mut Ledger, year: i32, override_reason: Option<&str>) -> Result<Cleared, Refused> {
    let (figures, failures, head) = report::annual_figures_at_head(ledger, year)?;
    if failures.is_empty() {
        return Ok(Cleared { figures, head, failures, override_reason: None });
    }
    match override_reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(reason) => {
            report::record_override(ledger, year, reason, &failures)?;
            Ok(Cleared { figures, head, failures, override_reason: Some(reason.to_string()) })
        }
        None => Err(Refused::ChecksFailed { year, failures }),
    }
}

/// The report PDF or workbook for the window, behind the gate; a refusal tells the clerk to check
/// the ledger or give a reason.
pub fn export(
    ledger: &mut Ledger,
    year: i32,
    kind: ExportKind,
    override_reason: Option<&str>,
    today: NaiveDate,
    edition: Edition,
) -> Result<Vec<u8>, AppError> {
    if kind == ExportKind::Pdf {
        // Refused before the gate records anything.
        settings::require_organ_name(ledger, "导出年度报告 PDF").map_err(|e| e.to_app_error())?;
    }
    let cleared = match clear_for_export(ledger, year, override_reason) {
        Ok(c) => c,
        Err(Refused::ChecksFailed { year, failures }) => {
            return Err(AppError::validation(format!(
                "{year}年报告有 {} 项勾稽检查未通过，请核对台账，或填写理由后导出",
                failures.len()
            )))
        }
        Err(Refused::Ledger(e)) => return Err(e.to_app_error()),
    };
    match edition {
        Edition::Published => render(ledger, &cleared.figures, kind, today),
        Edition::Archived(at) => render_archived(ledger, &cleared, kind, today, at),
    }
}

/// The PDF or workbook of figures that passed the gate.
pub fn render(ledger: &Ledger, figures: &AnnualFigures, kind: ExportKind, today: NaiveDate) -> Result<Vec<u8>, AppError> {
    render_noted(ledger, figures, kind, today, None)
}

/// The archived copy of what passed the gate: [`archive_note`] at the foot of every page (PDF) or
/// under every table (workbook).
pub fn render_archived(ledger: &Ledger, cleared: &Cleared, kind: ExportKind, today: NaiveDate, at: NaiveDateTime) -> Result<Vec<u8>, AppError> {
    render_noted(ledger, &cleared.figures, kind, today, Some(&archive_note(cleared.head.as_ref(), at)))
}

/// "存档副本 · 审计日志第 N 条 校验码 xxxxxxxx-xxxxxxxx · 导出于 YYYY-MM-DD HH:MM".
pub fn archive_note(head: Option<&Head>, at: NaiveDateTime) -> String {
    let anchor = head.map_or_else(|| "审计日志尚无记录".to_string(), Head::printed);
    format!("存档副本 · {anchor} · 导出于 {}", at.format("%Y-%m-%d %H:%M"))
}

fn render_noted(ledger: &Ledger, figures: &AnnualFigures, kind: ExportKind, today: NaiveDate, note: Option<&str>) -> Result<Vec<u8>, AppError> {
    match kind {
        ExportKind::Pdf => {
            // The printed report is the organ's: never signed with the placeholder.
            settings::require_organ_name(ledger, "导出年度报告 PDF").map_err(|e| e.to_app_error())?;
            let mut doc = report_doc(ledger, figures, today)?;
            if let Some(note) = note {
                doc.blocks.insert(0, gongkai_pdf::Block::PageNote(note.to_string()));
            }
            gongkai_pdf::render_with(&doc, body_font(ledger).as_ref())
                .map_err(|e| AppError::internal(format!("生成 PDF 失败：{e}")))
        }
        ExportKind::Xlsx => {
            let organ = settings::organ_settings(ledger).map_err(|e| e.to_app_error())?.organ_name;
            gongkai_report::xlsx::annual_report_xlsx_noted(&organ, figures, note).map_err(AppError::internal)
        }
    }
}

/// The preview shown before saving: the very document the PDF lays out (title, blocks, tables
/// with their spans), for the page to draw; no gate, since nothing leaves the app. (WebKitGTK
/// shows no PDF inside the page, so the preview is drawn from the document, not the file.)
pub fn preview_doc(ledger: &Ledger, year: i32, today: NaiveDate) -> Result<gongkai_pdf::Doc, AppError> {
    let (figures, _) = report::annual_figures(ledger, year).map_err(|e| e.to_app_error())?;
    report_doc(ledger, &figures, today)
}

/// The report as a document: this ledger's organ name and the texts the page shows (the saved
/// entries, or the draft from last year's narrative and the 信息处理费), dated `today`.
fn report_doc(ledger: &Ledger, figures: &AnnualFigures, today: NaiveDate) -> Result<gongkai_pdf::Doc, AppError> {
    let organ = settings::organ_settings(ledger).map_err(|e| e.to_app_error())?.organ_name;
    let (e, _, _) = report::effective_entries_with(ledger, figures.year, figures).map_err(|e| e.to_app_error())?;
    let texts = ReportTexts { overview: e.overview, overview_sections: e.overview_sections, problems: e.problems, other: e.other };
    Ok(annual_report(&organ, figures, &texts, today))
}

/// The body font chosen in 设置, if it is set and still loads. A font file that has gone missing
/// never blocks a report or a letter: the embedded fonts are used and the log says why. The path
/// passes the same checks as when it was chosen (`crate::fonts`): a path put in the ledger by
/// other means is never read whatever it is.
pub fn body_font(ledger: &Ledger) -> Option<gongkai_pdf::BodyFont> {
    let path = settings::pdf_body_font(ledger).ok().flatten()?;
    match crate::fonts::load(std::path::Path::new(&path)) {
        Ok(font) => Some(font),
        Err(e) => {
            tracing::warn!(path, error = %e, "chosen body font unavailable; using the embedded fonts");
            None
        }
    }
}
