//! IPC for 年度报告: the year's figures with their 勾稽 result, the clerk's entries, the PDF.

use gongkai_core::AppError;
use gongkai_ledger::report::{self, ReportView, YearEntries};
use tauri::State;

use crate::state::LedgerState;

#[tauri::command(async)]
pub fn report_view(state: State<'_, LedgerState>, year: i32) -> Result<ReportView, AppError> {
    state.with(|l| report::report_view(l, year))
}

#[tauri::command(async)]
pub fn report_save_entries(state: State<'_, LedgerState>, year: i32, entries: YearEntries) -> Result<ReportView, AppError> {
    state.with(|l| {
        report::save_year_entries(l, year, &entries)?;
        report::report_view(l, year)
    })
}

/// The PDF's bytes (a failed 勾稽 check is refused unless a reason is given, which is recorded).
#[tauri::command(async)]
pub fn report_pdf(state: State<'_, LedgerState>, year: i32, override_reason: Option<String>) -> Result<Vec<u8>, AppError> {
    state.with(|l| gongkai_cli::report::pdf_for_window(l, year, override_reason.as_deref()).map_err(gongkai_ledger::Error::App))
}
