//! IPC for 工作要点 and the units register (报送单位): preview a plan from pasted text or a file,
//! save it after the clerk confirms, the matrix, progress, 督办 and the 完成情况 workbook.

use gongkai_ledger::plans::{self, OverduePair, PlanPreview, PlanSaveOptions, PlanTaskView, PlanView, ProgressInput, UnknownUnitChoice};
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

/// Saves the confirmed text (parsed again here: what is saved is what Rust read), with the
/// clerk's choice for each unknown unit.
#[tauri::command(async)]
pub fn plan_save(state: State<'_, LedgerState>, year: i32, text: String, source_name: String, add_units: bool, choices: Vec<UnknownUnitChoice>) -> Res<PlanView> {
    let parsed = gongkai_core::workplan::parse_plan(&text);
    let actor = state.actor();
    let options = PlanSaveOptions::from_choices(source_name, add_units, &choices);
    state.with(|l| {
        plans::save_plan(l, year, &parsed, &options, &actor)?;
        plans::plan(l, year, today())
    })
}

#[tauri::command(async)]
pub fn plan_get(state: State<'_, LedgerState>, year: i32) -> Res<PlanView> {
    state.with(|l| plans::plan(l, year, today()))
}

/// A progress note, with an evidence file picked in the page (sent as bytes) when `file_name` is
/// given.
#[tauri::command(async)]
pub fn plan_record_progress(state: State<'_, LedgerState>, input: ProgressInput, file_name: Option<String>, bytes: Option<Vec<u8>>) -> Res<PlanView> {
    let actor = state.actor();
    state.with(|l| {
        let evidence = match (&file_name, &bytes) {
            (Some(name), Some(bytes)) => Some(plans::EvidenceFile { file_name: name, bytes }),
            _ => None,
        };
        plans::record_progress_with(l, &input, evidence, &actor)?;
        plans::plan(l, input.year, today())
    })
}

/// The year's completed tasks under the report's five subheadings, for 年度报告 section 一.
#[tauri::command(async)]
pub fn plan_completed_tasks(state: State<'_, LedgerState>, year: i32) -> Res<Vec<(String, Vec<PlanTaskView>)>> {
    state.with(|l| plans::completed_tasks(l, year, today()))
}

/// Assigns a task to one of the five subheadings (登记员); the year's completed tasks again.
#[tauri::command(async)]
pub fn plan_set_subheading(state: State<'_, LedgerState>, year: i32, seq: u32, subheading: String) -> Res<Vec<(String, Vec<PlanTaskView>)>> {
    state.with(|l| {
        plans::set_report_subheading(l, year, seq, &subheading)?;
        plans::completed_tasks(l, year, today())
    })
}

#[tauri::command(async)]
pub fn plan_overdue(state: State<'_, LedgerState>) -> Res<Vec<OverduePair>> {
    state.with(|l| plans::overdue_pairs(l, today()))
}
