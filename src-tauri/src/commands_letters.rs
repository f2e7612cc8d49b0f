//! IPC commands of 告知书: drafts, issuing (numbered, kept with the request), templates and
//! settings, the letters still to issue, and printing. Printing hands a PDF, written to this
//! account's own print folder, to the system's default PDF viewer, which owns the printer dialog,
//! and records the print in the ledger; the window itself has no file or shell access.

use gongkai_core::fee::FeeQuote;
use gongkai_core::letter::{FilledLetter, LetterKind, Template};
use gongkai_core::AppError;
use gongkai_ledger::letters::{
    self, BatchSummary, IssuedLetter, LetterDraft, LetterOption, LetterSettings, LetterSettingsView, PendingLetter, TemplateView,
};
use gongkai_report::letter::{render_letter_with, render_letters};
use tauri::State;

use crate::state::{today, LedgerState, Res};

#[tauri::command(async)]
pub fn letter_settings(state: State<'_, LedgerState>) -> Res<LetterSettingsView> {
    state.with(|l| letters::settings_view(l))
}

#[tauri::command(async)]
pub fn letter_save_settings(state: State<'_, LedgerState>, settings: LetterSettings) -> Res<LetterSettingsView> {
    state.with(|l| {
        letters::save_letter_settings(l, &settings)?;
        letters::settings_view(l)
    })
}

#[tauri::command(async)]
pub fn letter_save_template(state: State<'_, LedgerState>, key: String, template: Template) -> Res<TemplateView> {
    let actor = state.actor();
    state.with(|l| {
        letters::save_template(l, &key, &template, &actor)?;
        letters::template(l, &key)
    })
}

#[tauri::command(async)]
pub fn letter_restore_template(state: State<'_, LedgerState>, key: String) -> Res<TemplateView> {
    state.with(|l| {
        letters::restore_template(l, &key)?;
        letters::template(l, &key)
    })
}

#[tauri::command(async)]
pub fn letter_draft(state: State<'_, LedgerState>, number: String, kind: LetterKind) -> Res<LetterDraft> {
    state.with(|l| letters::draft(l, &number, kind, today()))
}

#[tauri::command(async)]
pub fn letter_issue(
    state: State<'_, LedgerState>,
    number: String,
    kind: LetterKind,
    text: FilledLetter,
) -> Res<IssuedLetter> {
    let actor = state.actor();
    state.with(|l| {
        let font = gongkai_app::report::body_font(l);
        let render = |p: &gongkai_core::letter::LetterPrint| render_letter_with(p, font.as_ref());
        letters::issue(l, &number, kind, Some(&text), &actor, &render).map(|(i, _)| i)
    })
}

#[tauri::command(async)]
pub fn letter_list(state: State<'_, LedgerState>, number: String) -> Res<Vec<IssuedLetter>> {
    state.with(|l| letters::issued_for(l, &number))
}

/// The kinds of letter the request's state allows now, and why the others wait.
#[tauri::command(async)]
pub fn letter_options(state: State<'_, LedgerState>, number: String) -> Res<Vec<LetterOption>> {
    state.with(|l| letters::options(l, &number))
}

#[tauri::command(async)]
pub fn letter_pending(state: State<'_, LedgerState>) -> Res<Vec<PendingLetter>> {
    state.with(|l| letters::pending(l, today()))
}

#[tauri::command(async)]
pub fn letter_fee_quote(state: State<'_, LedgerState>, number: String, pages: Option<u32>) -> Res<FeeQuote> {
    state.with(|l| letters::fee_quote(l, &number, pages))
}

/// Issues every pending letter with its template's text and opens them as one PDF for printing;
/// the print is recorded (台账事件 打印) once the file is written.
#[tauri::command(async)]
pub fn letter_issue_pending(state: State<'_, LedgerState>) -> Res<BatchSummary> {
    let actor = state.actor();
    let (outcome, outgoing) = state.with(|l| {
        let font = gongkai_app::report::body_font(l);
        let render = |p: &gongkai_core::letter::LetterPrint| render_letter_with(p, font.as_ref());
        let outcome = letters::issue_pending(l, &actor, &render)?;
        let prints: Vec<_> = outcome.issued.iter().map(|(_, p)| p.clone()).collect();
        let outgoing = if prints.is_empty() {
            None
        } else {
            let bytes = render_letters(&prints, font.as_ref()).map_err(gongkai_ledger::Error::Validation)?;
            let names: Vec<String> = outcome.issued.iter().map(|(i, _)| format!("{} {}{}", i.request_number, i.kind_label, i.letter_number)).collect();
            Some(gongkai_app::access::letters_print(bytes, &format!("待出具告知书-{}", today()), &names))
        };
        Ok((outcome, outgoing))
    })?;
    let path = match outgoing {
        Some(outgoing) => Some(print_pdf(&state, outgoing)?),
        None => None,
    };
    Ok(outcome.summary(path))
}

/// Opens an issued letter (its stored PDF, checked against its SHA-256) for printing; the print
/// is recorded (台账事件 打印) once the file is written.
#[tauri::command(async)]
pub fn letter_print(state: State<'_, LedgerState>, letter_id: i64) -> Res<String> {
    let outgoing = state.with(|l| gongkai_app::access::letter_print(l, letter_id))?;
    print_pdf(&state, outgoing)
}

/// Writes a letter's PDF into this account's print folder (`gongkai_app::print`: 0700, a new 0600
/// file under an unguessable name, day-old files removed), records the print, and hands the file
/// to the system's PDF viewer (`crate::desktop`). `GONGKAI_NO_OPEN=1` (the end-to-end tests) writes and records the
/// file without opening a viewer.
fn print_pdf(state: &LedgerState, outgoing: gongkai_app::access::Outgoing) -> Res<String> {
    let stem = outgoing.name.trim_end_matches(".pdf").to_string();
    let path = gongkai_app::print::write(&stem, &outgoing.bytes)?;
    state.with(|l| outgoing.written(l, &path))?;
    crate::desktop::open(&path).map_err(|e| {
        tracing::warn!(error = %e, "cannot open PDF viewer");
        AppError::validation(format!("没有找到可以打开 PDF 的程序；文件已保存在 {}，请手动打开打印", path.display()))
    })?;
    Ok(path.display().to_string())
}
