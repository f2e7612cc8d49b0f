//! IPC for 年度报告 → 汇总: the year's 报送情况 and the district's tables, and a unit's workbook
//! (read in the page, sent as bytes) imported as its submission.

use gongkai_ledger::requests::Actor;
use gongkai_ledger::submissions::{self, Consolidation, Imported, SubmissionInput};
use tauri::State;

use crate::state::{today, LedgerState, Res};

#[tauri::command(async)]
pub fn consolidation_view(state: State<'_, LedgerState>, year: i32) -> Res<Consolidation> {
    state.with(|l| submissions::consolidation(l, year, today()))
}

/// A unit's workbook: refused with the failing 勾稽 rules named unless `input.accept_reason` is given.
#[tauri::command(async)]
pub fn submission_import(state: State<'_, LedgerState>, input: SubmissionInput, bytes: Vec<u8>) -> Res<Imported> {
    let actor = Actor { operator: gongkai_ledger::default_operator(), now: chrono::Local::now().naive_local() };
    state.with(|l| submissions::import(l, &input, &bytes, &actor))
}
