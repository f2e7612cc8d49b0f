//! IPC commands of 告知书: drafts, issuing (numbered, kept with the request), templates and
//! settings, the letters still to issue, and printing. Printing hands a PDF to the system's
//! default PDF viewer, which owns the printer dialog; the window itself has no file or shell access.

use std::path::PathBuf;

use gongkai_core::fee::FeeQuote;
use gongkai_core::letter::{FilledLetter, LetterKind, Template};
use gongkai_core::AppError;
use gongkai_ledger::letters::{
    self, BatchSummary, IssuedLetter, LetterDraft, LetterSettings, LetterSettingsView, PendingLetter, TemplateView,
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

#[tauri::command(async)]
pub fn letter_pending(state: State<'_, LedgerState>) -> Res<Vec<PendingLetter>> {
    state.with(|l| letters::pending(l, today()))
}

#[tauri::command(async)]
pub fn letter_fee_quote(state: State<'_, LedgerState>, number: String, pages: Option<u32>) -> Res<FeeQuote> {
    state.with(|l| letters::fee_quote(l, &number, pages))
}

/// Issues every pending letter with its template's text and opens them as one PDF for printing.
#[tauri::command(async)]
pub fn letter_issue_pending(state: State<'_, LedgerState>) -> Res<BatchSummary> {
    let actor = state.actor();
    let (outcome, bytes) = state.with(|l| {
        let font = gongkai_app::report::body_font(l);
        let render = |p: &gongkai_core::letter::LetterPrint| render_letter_with(p, font.as_ref());
        let outcome = letters::issue_pending(l, &actor, &render)?;
        let prints: Vec<_> = outcome.issued.iter().map(|(_, p)| p.clone()).collect();
        let bytes = if prints.is_empty() {
            None
        } else {
            Some(render_letters(&prints, font.as_ref()).map_err(gongkai_ledger::Error::Validation)?)
        };
        Ok((outcome, bytes))
    })?;
    let path = match bytes {
        Some(bytes) => Some(print_pdf(&format!("待出具告知书-{}", today()), &bytes)?),
        None => None,
    };
    Ok(outcome.summary(path))
}

/// Opens an issued letter (its stored PDF, checked against its SHA-256) for printing.
#[tauri::command(async)]
pub fn letter_print(state: State<'_, LedgerState>, letter_id: i64) -> Res<String> {
    let (name, bytes) = state.with(|l| letters::issued_pdf(l, letter_id))?;
    print_pdf(name.trim_end_matches(".pdf"), &bytes)
}

/// Writes `bytes` to the print folder and hands the file to the system's PDF viewer.
/// `GONGKAI_NO_OPEN=1` (the end-to-end tests) writes the file without opening a viewer.
fn print_pdf(stem: &str, bytes: &[u8]) -> Res<String> {
    let dir = std::env::temp_dir().join("gongkai-print");
    std::fs::create_dir_all(&dir).map_err(|e| AppError::internal(format!("无法创建打印文件夹：{e}")))?;
    let stem: String = stem.chars().map(|c| if "<>:\"/\\|?*".contains(c) || c.is_control() { '_' } else { c }).collect();
    let path: PathBuf = dir.join(format!("{stem}.pdf"));
    std::fs::write(&path, bytes).map_err(|e| AppError::internal(format!("无法写入打印文件：{e}")))?;
    if std::env::var_os("GONGKAI_NO_OPEN").is_none() {
        open_with_system(&path)?;
    }
    Ok(path.display().to_string())
}

fn open_with_system(path: &std::path::Path) -> Res<()> {
    #[cfg(target_os = "windows")]
    let result = std::process::Command::new("cmd").args(["/C", "start", ""]).arg(path).spawn();
    #[cfg(target_os = "macos")]
    let result = std::process::Command::new("open").arg(path).spawn();
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let result = std::process::Command::new("xdg-open").arg(path).spawn();
    result.map(|_| ()).map_err(|e| {
        tracing::warn!(error = %e, "cannot open PDF viewer");
        AppError::validation(format!("没有找到可以打开 PDF 的程序；文件已保存在 {}，请手动打开打印", path.display()))
    })
}
