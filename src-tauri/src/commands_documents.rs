//! IPC commands of 文件台账: DTO in, one ledger call, DTO out. Files cross as bytes: the window
//! has no file-system permission, so the page reads the chosen file and downloads the export.

use gongkai_ledger::documents::{
    self, DocumentDeadlines, DocumentDetail, DocumentFilter, DocumentInput, DocumentPage, InterpretationInput,
    ReturnInput, StatusChangeInput, WriteSource,
};
use gongkai_ledger::documents::exchange::ImportSummary;
use gongkai_ledger::progress::{ImportProgress, Progress};
use gongkai_ledger::{calendar, Ledger};
use tauri::State;

use crate::state::{today, LedgerState, Res};


fn detail(l: &Ledger, id: i64) -> Result<DocumentDetail, gongkai_ledger::Error> {
    documents::get(l, id, &calendar::effective(l)?, today())
}

#[tauri::command(async)]
pub fn documents_list(state: State<'_, LedgerState>, filter: DocumentFilter) -> Res<DocumentPage> {
    state.with(|l| documents::list(l, &filter))
}

#[tauri::command(async)]
pub fn documents_years(state: State<'_, LedgerState>) -> Res<Vec<i32>> {
    state.with(|l| documents::years(l))
}

#[tauri::command(async)]
pub fn document_get(state: State<'_, LedgerState>, id: i64) -> Res<DocumentDetail> {
    state.with(|l| detail(l, id))
}

#[tauri::command(async)]
pub fn document_create(state: State<'_, LedgerState>, input: DocumentInput) -> Res<DocumentDetail> {
    state.with(|l| {
        let id = documents::create(l, &input, WriteSource::Window)?;
        detail(l, id)
    })
}

#[tauri::command(async)]
pub fn document_update(state: State<'_, LedgerState>, id: i64, input: DocumentInput) -> Res<DocumentDetail> {
    state.with(|l| {
        documents::update(l, id, &input, WriteSource::Window)?;
        detail(l, id)
    })
}

#[tauri::command(async)]
pub fn document_change_status(state: State<'_, LedgerState>, id: i64, input: StatusChangeInput) -> Res<DocumentDetail> {
    state.with(|l| {
        documents::change_status(l, id, &input, WriteSource::Window)?;
        detail(l, id)
    })
}

#[tauri::command(async)]
pub fn document_add_interpretation(
    state: State<'_, LedgerState>,
    id: i64,
    input: InterpretationInput,
) -> Res<DocumentDetail> {
    state.with(|l| {
        documents::add_interpretation(l, id, &input, WriteSource::Window)?;
        detail(l, id)
    })
}

#[tauri::command(async)]
pub fn document_return(state: State<'_, LedgerState>, id: i64, input: ReturnInput) -> Res<DocumentDetail> {
    state.with(|l| {
        documents::record_return(l, id, &input, WriteSource::Window)?;
        detail(l, id)
    })
}

#[tauri::command(async)]
pub fn document_resubmit(state: State<'_, LedgerState>, id: i64, input: ReturnInput) -> Res<DocumentDetail> {
    state.with(|l| {
        documents::record_resubmission(l, id, &input, WriteSource::Window)?;
        detail(l, id)
    })
}

#[tauri::command(async)]
pub fn documents_import(
    state: State<'_, LedgerState>,
    bytes: Vec<u8>,
    on_progress: tauri::ipc::Channel<ImportProgress>,
) -> Res<ImportSummary> {
    let mut send = |p: ImportProgress| {
        // A window that went away no longer needs to hear; the import goes on.
        let _ = on_progress.send(p);
    };
    let mut progress = Progress::new(&mut send);
    // The file is read and checked before the ledger's lock is taken: a large or hostile file
    // never holds up the window's other commands, and a refusal leaves the ledger untouched.
    let parsed = documents::exchange::parse(&bytes, &mut progress).map_err(|e| e.to_app_error())?;
    state.with(|l| documents::exchange::apply(l, &parsed, &mut progress))
}

#[tauri::command(async)]
pub fn document_deadlines(state: State<'_, LedgerState>) -> Res<DocumentDeadlines> {
    state.with(|l| documents::deadlines(l, &calendar::effective(l)?, today()))
}
