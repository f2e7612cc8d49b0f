//! 汇总 as it leaves the app, one way for the window and the command line: the district's
//! tables from the units' counted submissions as CSV (exactly the shape of a single organ's),
//! a workbook, or a GB/T 9704 PDF with the appendix of units (`gongkai_report::consolidated`).

use chrono::NaiveDate;
use gongkai_core::AppError;
use gongkai_ledger::submissions::{self, Consolidation};
use gongkai_ledger::{settings, Ledger};
use gongkai_report::consolidated::{consolidated_report, consolidated_xlsx, AppendixLine};

/// What the consolidated report is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsolidatedFormat {
    Csv,
    Xlsx,
    Pdf,
}

/// The appendix lines of the counted submissions, in the register's order.
pub fn appendix(c: &Consolidation) -> Vec<AppendixLine> {
    c.contributions
        .iter()
        .map(|u| AppendixLine { unit: u.unit.clone(), totals: u.totals, submitted_on: u.submitted_on.clone() })
        .collect()
}

/// The consolidated report's bytes for `year`, and the view it was made from (its 勾稽 failures
/// and the units that have not reported are the caller's to show).
pub fn render(ledger: &Ledger, year: i32, format: ConsolidatedFormat, today: NaiveDate) -> Result<(Vec<u8>, Consolidation), AppError> {
    let c = submissions::consolidation(ledger, year, today).map_err(|e| e.to_app_error())?;
    let organ = settings::organ_settings(ledger).map_err(|e| e.to_app_error())?.organ_name;
    let bytes = match format {
        ConsolidatedFormat::Csv => gongkai_core::report::to_csv(&c.figures).into_bytes(),
        ConsolidatedFormat::Xlsx => consolidated_xlsx(&organ, &c.figures, &appendix(&c)).map_err(AppError::internal)?,
        ConsolidatedFormat::Pdf => {
            let doc = consolidated_report(&organ, &c.figures, &appendix(&c), today);
            gongkai_pdf::render_with(&doc, crate::report::body_font(ledger).as_ref())
                .map_err(|e| AppError::internal(format!("生成 PDF 失败：{e}")))?
        }
    };
    Ok((bytes, c))
}

/// The printable 催报 list of the units that have not reported `year`, as a PDF.
pub fn reminder_pdf(ledger: &Ledger, year: i32, today: NaiveDate) -> Result<Vec<u8>, AppError> {
    let statuses = submissions::statuses(ledger, year, today).map_err(|e| e.to_app_error())?;
    let lines: Vec<gongkai_report::consolidated::ReminderLine> = statuses
        .iter()
        .filter(|s| s.state == submissions::SubmissionState::Missing)
        .map(|s| gongkai_report::consolidated::ReminderLine {
            unit: s.unit.name.clone(),
            contact: s.unit.contact.clone(),
            due: s.due.clone().unwrap_or_default(),
            days: s.days_text.clone(),
        })
        .collect();
    let organ = settings::organ_settings(ledger).map_err(|e| e.to_app_error())?.organ_name;
    let doc = gongkai_report::consolidated::reminder_list(&organ, year, &lines, today);
    gongkai_pdf::render_with(&doc, crate::report::body_font(ledger).as_ref()).map_err(|e| AppError::internal(format!("生成 PDF 失败：{e}")))
}
