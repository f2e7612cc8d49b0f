//! IPC commands of 设置 → 正文字体: the font files installed on this computer and the clerk's
//! choice for the body text of reports and letters, checked before it is saved (one of the listed
//! files, a regular file of at most 64 MB that draws common Chinese: `gongkai_app::fonts`). Font
//! files are found by Rust because the window itself cannot read the disk.

use std::path::Path;

use gongkai_core::AppError;
use gongkai_ledger::settings::{self, PdfFontSettings};
use tauri::State;

use crate::state::{LedgerState, Res};

fn view(state: &LedgerState) -> Res<PdfFontSettings> {
    let current = state.with(|l| settings::pdf_body_font(l))?.unwrap_or_default();
    Ok(PdfFontSettings { current, candidates: gongkai_app::fonts::candidates() })
}

#[tauri::command(async)]
pub fn pdf_font_settings(state: State<'_, LedgerState>) -> Res<PdfFontSettings> {
    view(&state)
}

/// Saves `path` as the body font after checking it is one of the listed font files, a regular
/// file of at most 64 MB, and draws common Chinese; empty restores the embedded fonts.
#[tauri::command(async)]
pub fn pdf_save_body_font(state: State<'_, LedgerState>, path: String) -> Res<PdfFontSettings> {
    let path = path.trim().to_string();
    if !path.is_empty() {
        gongkai_app::fonts::check_choice(Path::new(&path)).map_err(AppError::validation)?;
    }
    state.with(|l| settings::save_pdf_body_font(l, &path))?;
    view(&state)
}
