//! IPC commands of 设置 → 正文字体: the font files installed on this computer and the clerk's
//! choice for the body text of reports and letters, checked (it must draw common Chinese) before
//! it is saved. Font files are found here because the window itself cannot read the disk.

use std::path::{Path, PathBuf};

use gongkai_core::AppError;
use gongkai_ledger::settings::{self, PdfFontSettings};
use tauri::State;

use crate::state::{LedgerState, Res};


const MAX_FONTS: usize = 2000;

/// The folders where Windows, macOS and Linux desktops keep installed fonts.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("/usr/share/fonts"),
        PathBuf::from("/usr/local/share/fonts"),
        PathBuf::from("/Library/Fonts"),
        PathBuf::from("/System/Library/Fonts"),
        PathBuf::from(r"C:\Windows\Fonts"),
    ];
    if let Some(home) = dirs::home_dir() {
        dirs.push(home.join(".fonts"));
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(local) = dirs::data_local_dir() {
        dirs.push(local.join(r"Microsoft\Windows\Fonts"));
    }
    dirs
}

fn collect(dir: &Path, depth: u32, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        if out.len() >= MAX_FONTS {
            return;
        }
        let path = e.path();
        if path.is_dir() {
            if depth > 0 {
                collect(&path, depth - 1, out);
            }
        } else if matches!(
            path.extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase).as_deref(),
            Some("ttf" | "otf" | "ttc")
        ) {
            out.push(path.display().to_string());
        }
    }
}

/// Installed font files, the likely Chinese ones (仿宋, 宋, 楷, 黑, CJK, SC) first.
fn candidates() -> Vec<String> {
    let mut out = Vec::new();
    for d in font_dirs() {
        collect(&d, 4, &mut out);
    }
    let chinese = |p: &str| {
        let l = p.to_lowercase();
        ["fang", "song", "kai", "hei", "cjk", "sc", "仿宋", "宋", "楷", "黑", "simsun", "fz"].iter().any(|k| l.contains(k))
    };
    out.sort_by_key(|p| (!chinese(p), p.to_lowercase()));
    out.dedup();
    out
}

fn view(state: &LedgerState) -> Res<PdfFontSettings> {
    let current = state.with(|l| settings::pdf_body_font(l))?.unwrap_or_default();
    Ok(PdfFontSettings { current, candidates: candidates() })
}

#[tauri::command(async)]
pub fn pdf_font_settings(state: State<'_, LedgerState>) -> Res<PdfFontSettings> {
    view(&state)
}

/// Saves `path` as the body font after checking it draws common Chinese; empty restores the
/// embedded fonts.
#[tauri::command(async)]
pub fn pdf_save_body_font(state: State<'_, LedgerState>, path: String) -> Res<PdfFontSettings> {
    let path = path.trim().to_string();
    if !path.is_empty() {
        gongkai_pdf::BodyFont::from_file(Path::new(&path)).map_err(|e| AppError::validation(e.to_string()))?;
    }
    state.with(|l| settings::save_pdf_body_font(l, &path))?;
    view(&state)
}
