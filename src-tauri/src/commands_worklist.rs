//! IPC commands of 工作台's work order (issue 23): dismissing a 待出具告知书 item with a reason
//! (and restoring it), and the one recorded step that marks an import's old backlog done
//! (`gongkai_ledger::backlog`).

use gongkai_core::dates::parse_field;
use gongkai_core::letter::LetterKind;
use gongkai_core::AppError;
use gongkai_ledger::backlog::{self, BacklogCounts, BacklogResult};
use gongkai_ledger::documents::WriteSource;
use gongkai_ledger::letters::{self, DismissedLetter};
use tauri::State;

use crate::state::{LedgerState, Res};

#[tauri::command(async)]
pub fn letter_dismiss(state: State<'_, LedgerState>, number: String, kind: LetterKind, since: String, reason: String) -> Res<i64> {
    let since = parse_field("办理日期", &since).map_err(AppError::validation)?;
    let actor = state.actor();
    state.with(|l| letters::dismiss(l, &number, kind, since, &reason, &actor))
}

#[tauri::command(async)]
pub fn letter_dismissed(state: State<'_, LedgerState>) -> Res<Vec<DismissedLetter>> {
    state.with(|l| letters::dismissed(l))
}

#[tauri::command(async)]
pub fn letter_restore_dismissed(state: State<'_, LedgerState>, id: i64) -> Res<()> {
    let actor = state.actor();
    state.with(|l| letters::restore_dismissed(l, id, &actor))
}

#[tauri::command(async)]
pub fn backlog_counts(state: State<'_, LedgerState>, cutoff: String) -> Res<BacklogCounts> {
    let cutoff = parse_field("截止日期", &cutoff).map_err(AppError::validation)?;
    state.with(|l| backlog::counts(l, cutoff))
}

/// 工作台's offer after an import: the chosen registers' old backlog marked done in one
/// transaction (`backlog::close_backlog`), after the window's confirmation naming the counts.
#[tauri::command(async)]
pub fn backlog_close(
    state: State<'_, LedgerState>,
    cutoff: String,
    documents_reason: Option<String>,
    requests_reason: Option<String>,
) -> Res<BacklogResult> {
    let cutoff = parse_field("截止日期", &cutoff).map_err(AppError::validation)?;
    let actor = state.actor();
    state.with(|l| {
        backlog::close_backlog(l, cutoff, documents_reason.as_deref(), requests_reason.as_deref(), WriteSource::Window, &actor)
    })
}
