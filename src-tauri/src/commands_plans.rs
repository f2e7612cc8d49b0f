//! IPC for 工作要点 and the units register (报送单位): preview a plan from pasted text or a file,
//! save it after the clerk confirms, the matrix, progress, 督办 and the 完成情况 workbook.

use gongkai_ledger::plans::{self, OverduePair, PlanPreview, PlanSaveOptions, PlanView, ProgressInput};
use gongkai_ledger::units::{self, Unit, UnitInput};
use tauri::State;

use crate::state::{today, LedgerState, Res};

#[tauri::command(async)]
pub fn units_list(state: State<'_, LedgerState>) -> Res<Vec<Unit>> {
    state.with(|l| units::units(l))
}

#[tauri::command(async)]
pub fn unit_add(state: State<'_, LedgerState>, input: UnitInput) -> Res<Vec<Unit>> {
    state.with(|l| {
        units::add_unit(l, &input)?;
        units::units(l)
    })
}

#[tauri::command(async)]
pub fn unit_update(state: State<'_, LedgerState>, id: i64, input: UnitInput) -> Res<Vec<Unit>> {
    state.with(|l| {
        units::update_unit(l, id, &input)?;
        units::units(l)
    })
}

#[tauri::command(async)]
pub fn unit_set_retired(state: State<'_, LedgerState>, id: i64, retired: bool) -> Res<Vec<Unit>> {
    state.with(|l| {
        units::set_unit_retired(l, id, retired)?;
        units::units(l)
    })
}

#[tauri::command(async)]
pub fn plan_years(state: State<'_, LedgerState>) -> Res<Vec<i32>> {
    state.with(|l| plans::plan_years(l))
}

/// Pasted text: parsed, nothing written.
#[tauri::command(async)]
pub fn plan_preview_text(state: State<'_, LedgerState>, year: i32, text: String) -> Res<PlanPreview> {
    state.with(|l| plans::preview_plan(l, year, text))
}

/// A picked file (.txt, .docx, .xlsx), read in the page and sent as bytes: parsed, nothing written.
#[tauri::command(async)]
pub fn plan_preview_file(state: State<'_, LedgerState>, year: i32, file_name: String, bytes: Vec<u8>) -> Res<PlanPreview> {
    let text = plans::plan_file_text(&file_name, &bytes).map_err(|e| e.to_app_error())?;
    state.with(|l| plans::preview_plan(l, year, text))
}

/// Saves the confirmed text (parsed again here: what is saved is what Rust read).
#[tauri::command(async)]
pub fn plan_save(state: State<'_, LedgerState>, year: i32, text: String, source_name: String, add_units: bool) -> Res<PlanView> {
    let parsed = gongkai_core::workplan::parse_plan(&text);
    let actor = state.actor();
    state.with(|l| {
        plans::save_plan(l, year, &parsed, &PlanSaveOptions { source_name, add_units, map: Vec::new() }, &actor)?;
        plans::plan(l, year, today())
    })
}

#[tauri::command(async)]
pub fn plan_get(state: State<'_, LedgerState>, year: i32) -> Res<PlanView> {
    state.with(|l| plans::plan(l, year, today()))
}

#[tauri::command(async)]
pub fn plan_record_progress(state: State<'_, LedgerState>, input: ProgressInput) -> Res<PlanView> {
    let actor = state.actor();
    state.with(|l| {
        plans::record_progress(l, &input, &actor)?;
        plans::plan(l, input.year, today())
    })
}

#[tauri::command(async)]
pub fn plan_overdue(state: State<'_, LedgerState>) -> Res<Vec<OverduePair>> {
    state.with(|l| plans::overdue_pairs(l, today()))
}
