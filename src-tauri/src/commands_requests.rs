//! IPC commands of 依申请公开: DTO in, one ledger call, DTO out. The shell reads the clock and the
//! operator's name here, because the ledger and the core take them as arguments.

use gongkai_ledger::requests::exchange::ImportSummary;
use gongkai_ledger::progress::{ImportProgress, Progress};
use gongkai_ledger::requests::{
    self, AttachmentInfo, DueItem, EventInput, RequestDetail, RequestFilter, RequestInput, RequestOptions,
    RequestPage, ReviewInput,
};
use gongkai_ledger::requests::signoff::{SignoffStep, WaitingItem};
use tauri::State;

use crate::state::{today, LedgerState, Res};




#[tauri::command(async)]
pub fn request_options(state: State<'_, LedgerState>) -> Res<RequestOptions> {
    state.with(|l| requests::options(l))
}

#[tauri::command(async)]
pub fn request_save_number_pattern(state: State<'_, LedgerState>, pattern: String) -> Res<RequestOptions> {
    state.with(|l| {
        requests::save_number_pattern(l, &pattern)?;
        requests::options(l)
    })
}

#[tauri::command(async)]
pub fn request_list(state: State<'_, LedgerState>, filter: RequestFilter) -> Res<RequestPage> {
    state.with(|l| requests::list(l, &filter, today()))
}

/// The years requests were received in, newest first, for the year filter.
#[tauri::command(async)]
pub fn request_years(state: State<'_, LedgerState>) -> Res<Vec<i32>> {
    state.with(|l| requests::years(l))
}

#[tauri::command(async)]
pub fn request_get(state: State<'_, LedgerState>, number: String) -> Res<RequestDetail> {
    state.with(|l| requests::get(l, &number, today()))
}

#[tauri::command(async)]
pub fn request_register(state: State<'_, LedgerState>, input: RequestInput) -> Res<RequestDetail> {
    let actor = state.actor();
    state.with(|l| {
        let number = requests::register(l, &input, &actor)?;
        requests::get(l, &number, actor.today())
    })
}

/// 批准延期 by the signed-in 负责人 on `date` (YYYY-MM-DD); returns the request as it is now.
#[tauri::command(async)]
pub fn request_approve_extension(state: State<'_, LedgerState>, number: String, date: String) -> Res<RequestDetail> {
    let actor = state.actor();
    let date = gongkai_core::dates::parse_field("批准日期", &date).map_err(gongkai_core::AppError::validation)?;
    state.with(|l| {
        requests::approve_extension(l, &number, date, &actor)?;
        requests::get(l, &number, actor.today())
    })
}

/// What the reply's 答复书 goes through before it is issued: `step` is 审核, 签发 or 退回, by the
/// signed-in 审核人 or 负责人 on `date`, with an optional comment (required to send it back).
#[tauri::command(async)]
pub fn request_signoff(state: State<'_, LedgerState>, number: String, step: SignoffStep, date: String, comment: String) -> Res<RequestDetail> {
    let actor = state.actor();
    let date = gongkai_core::dates::parse_field("日期", &date).map_err(gongkai_core::AppError::validation)?;
    state.with(|l| {
        match step {
            SignoffStep::Review => requests::signoff::review_reply(l, &number, date, &comment, &actor)?,
            SignoffStep::Sign => requests::signoff::sign_reply(l, &number, date, &comment, &actor)?,
            SignoffStep::SendBack => requests::signoff::send_back_reply(l, &number, date, &comment, &actor)?,
        }
        requests::get(l, &number, actor.today())
    })
}

/// 工作台's 待我办理: approvals waiting (延期待审批, 待审核, 待签发) with their deadlines.
#[tauri::command(async)]
pub fn request_waiting(state: State<'_, LedgerState>) -> Res<Vec<WaitingItem>> {
    state.with(|l| requests::signoff::waiting(l, today()))
}

#[tauri::command(async)]
pub fn request_append_event(state: State<'_, LedgerState>, number: String, event: EventInput) -> Res<RequestDetail> {
    let actor = state.actor();
    state.with(|l| {
        requests::append_event(l, &number, event.to_event()?, &actor)?;
        requests::get(l, &number, actor.today())
    })
}

#[tauri::command(async)]
pub fn request_due_list(state: State<'_, LedgerState>) -> Res<Vec<DueItem>> {
    state.with(|l| requests::due_list(l, today()))
}

/// The window reads the chosen file itself (it has no file-system permission) and sends its bytes.
#[tauri::command(async)]
pub fn request_import(
    state: State<'_, LedgerState>,
    file_name: String,
    bytes: Vec<u8>,
    on_progress: tauri::ipc::Channel<ImportProgress>,
) -> Res<ImportSummary> {
    let actor = state.actor();
    let mut send = |p: ImportProgress| {
        // A window that went away no longer needs to hear; the import goes on.
        let _ = on_progress.send(p);
    };
    let mut progress = Progress::new(&mut send);
    // The file is inspected (the spreadsheet guard) and its header read before the ledger's lock
    // is taken: a hostile or unreadable file never holds up the window's other commands. Its rows
    // are then checked on a thread of their own while the ledger writes those already checked; a
    // bad row rolls the import back, so a refusal still leaves the ledger untouched.
    let reader = requests::exchange::read(&file_name, bytes, actor.today()).map_err(|e| e.to_app_error())?;
    state.with(|l| requests::exchange::apply(l, reader, &actor, &mut progress))
}

#[tauri::command(async)]
pub fn request_add_review(state: State<'_, LedgerState>, number: String, review: ReviewInput) -> Res<RequestDetail> {
    let actor = state.actor();
    state.with(|l| {
        requests::add_review(l, &number, &review, &actor)?;
        requests::get(l, &number, actor.today())
    })
}

#[tauri::command(async)]
pub fn request_update_review(
    state: State<'_, LedgerState>,
    number: String,
    id: i64,
    review: ReviewInput,
) -> Res<RequestDetail> {
    let actor = state.actor();
    state.with(|l| {
        requests::update_review(l, id, &review, &actor)?;
        requests::get(l, &number, actor.today())
    })
}

#[tauri::command(async)]
pub fn request_add_attachment(
    state: State<'_, LedgerState>,
    number: String,
    file_name: String,
    bytes: Vec<u8>,
) -> Res<AttachmentInfo> {
    let actor = state.actor();
    state.with(|l| requests::add_attachment(l, &number, &file_name, &bytes, &actor))
}

