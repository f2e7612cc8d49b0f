//! IPC for 年度报告: the year's figures with their 勾稽 result, the clerk's entries, the PDF.

use gongkai_core::AppError;
use gongkai_ledger::report::{self, ReportDeadline, ReportView, YearEntries};
use gongkai_ledger::report_drill::{self, CellKey, DrillDown, ReportCharts};
use tauri::State;

use crate::state::{today, LedgerState};

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

/// The document the PDF lays out, for the preview drawn in the page (no 勾稽 gate: nothing leaves).
#[tauri::command(async)]
pub fn report_preview(state: State<'_, LedgerState>, year: i32) -> Result<gongkai_pdf::Doc, AppError> {
    state.with(|l| gongkai_app::report::preview_doc(l, year, today()).map_err(gongkai_ledger::Error::App))
}

/// The requests or documents behind one number of the tables or one point of a chart.
#[tauri::command(async)]
pub fn report_drill(state: State<'_, LedgerState>, year: i32, cell: CellKey) -> Result<DrillDown, AppError> {
    state.with(|l| report_drill::drill_down(l, year, &cell))
}

#[tauri::command(async)]
pub fn report_charts(state: State<'_, LedgerState>, year: i32) -> Result<ReportCharts, AppError> {
    state.with(|l| report_drill::charts(l, year))
}

#[tauri::command(async)]
pub fn report_deadline(state: State<'_, LedgerState>) -> Result<ReportDeadline, AppError> {
    state.with(|l| report::report_deadline(l, today()))
}

/// 报告截止日期: "01-31" or "03-31".
#[tauri::command(async)]
pub fn report_save_due(state: State<'_, LedgerState>, setting: String) -> Result<ReportDeadline, AppError> {
    state.with(|l| {
        report::save_report_due(l, &setting)?;
        report::report_deadline(l, today())
    })
}
