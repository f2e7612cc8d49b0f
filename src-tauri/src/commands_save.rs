//! Saving the app's files where the clerk chooses: the annual report (PDF, Excel) and the
//! registers' exports. Rust generates the content, asks for the path with the native save
//! dialog (tauri-plugin-dialog, called here, so the page holds no file-system or dialog
//! permission and cannot name a path itself), writes the file and returns the chosen path, or
//! null when the clerk cancels. Personal data saved this way (an unmasked export, a copy of an
//! attachment) is recorded in the ledger once written. With GONGKAI_SAVE_DIR set (end-to-end tests, which cannot click
//! a GTK dialog) the file goes into that folder under its suggested name, without a dialog.

use std::path::PathBuf;

use gongkai_app::access::{self, Outgoing};
use gongkai_app::report::{Edition, ExportKind};
use gongkai_core::AppError;
use gongkai_ledger::documents::DocumentFilter;
use gongkai_ledger::requests::RequestFilter;
use gongkai_ledger::documents;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::{today, LedgerState, Res};


const XLSX: (&str, &[&str]) = ("Excel 工作簿", &["xlsx"]);
const PDF: (&str, &[&str]) = ("PDF 文件", &["pdf"]);

/// The path to write `name` to: GONGKAI_SAVE_DIR/name, or the clerk's choice in the save dialog.
fn choose_path(app: &AppHandle, name: &str, filter: Option<(&str, &[&str])>) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GONGKAI_SAVE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join(name));
    }
    let mut dialog = app.dialog().file().set_title("保存文件").set_file_name(name);
    if let Some((label, extensions)) = filter {
        dialog = dialog.add_filter(label, extensions);
    }
    if let Some(dir) = dirs::document_dir().or_else(dirs::home_dir) {
        dialog = dialog.set_directory(dir);
    }
    // Blocking is fine: async commands run on a worker thread, not the event loop.
    dialog.blocking_save_file().and_then(|p| p.into_path().ok())
}

/// Asks for a path and writes `bytes` there; the chosen path, or None when cancelled.
fn save(app: &AppHandle, name: &str, filter: Option<(&str, &[&str])>, bytes: &[u8]) -> Res<Option<String>> {
    Ok(save_path(app, name, filter, bytes)?.map(|p| p.display().to_string()))
}

fn save_path(app: &AppHandle, name: &str, filter: Option<(&str, &[&str])>, bytes: &[u8]) -> Res<Option<PathBuf>> {
    let Some(path) = choose_path(app, name, filter) else { return Ok(None) };
    std::fs::write(&path, bytes).map_err(|e| {
        tracing::error!(path = %path.display(), error = %e, "cannot write the saved file");
        AppError::validation(format!("无法保存到所选位置（{e}），请换一个文件夹"))
    })?;
    tracing::info!(path = %path.display(), bytes = bytes.len(), "saved");
    Ok(Some(path))
}

/// Saves content holding personal data and, once it is written, records the access in the ledger
/// (`gongkai_app::access`); nothing is recorded when the clerk cancels or the write fails.
fn save_recorded(
    app: &AppHandle,
    state: &LedgerState,
    outgoing: Outgoing,
    name: &str,
    filter: Option<(&str, &[&str])>,
) -> Res<Option<String>> {
    let Some(path) = save_path(app, name, filter, &outgoing.bytes)? else { return Ok(None) };
    state.with(|l| outgoing.written(l, &path))?;
    Ok(Some(path.display().to_string()))
}


/// 年度报告 as PDF (`format` "pdf") or Excel ("xlsx"), behind the 勾稽 gate: the content is made
/// (and any override reason recorded) before the dialog opens, so a refusal never asks for a path.
/// `archive` makes the 存档副本, with the audit anchor and the time of export on every page.
#[tauri::command(async)]
pub fn report_save(app: AppHandle, state: State<'_, LedgerState>, year: i32, format: String, override_reason: Option<String>, archive: bool) -> Res<Option<String>> {
    let (kind, ext, filter) = match format.as_str() {
        "pdf" => (ExportKind::Pdf, "pdf", PDF),
        "xlsx" => (ExportKind::Xlsx, "xlsx", XLSX),
        other => return Err(AppError::validation(format!("导出格式“{other}”无效，应为 pdf 或 xlsx"))),
    };
    let edition = if archive { Edition::Archived(chrono::Local::now().naive_local()) } else { Edition::Published };
    let bytes = state.with(|l| {
        gongkai_app::report::export(l, year, kind, override_reason.as_deref(), today(), edition)
            .map_err(gongkai_ledger::Error::App)
    })?;
    let copy = if archive { "（存档副本）" } else { "" };
    save(&app, &format!("{year}年政府信息公开工作年度报告{copy}.{ext}"), Some(filter), &bytes)
}

#[tauri::command(async)]
pub fn documents_export_save(app: AppHandle, state: State<'_, LedgerState>, filter: DocumentFilter, name: String) -> Res<Option<String>> {
    let bytes = state.with(|l| documents::exchange::export_xlsx(l, &filter))?;
    save(&app, &file_name(&name, "文件台账.xlsx"), Some(XLSX), &bytes)
}

/// 工作要点完成情况 of `year` as a workbook (one row per task and unit).
#[tauri::command(async)]
pub fn plan_export_save(app: AppHandle, state: State<'_, LedgerState>, year: i32) -> Res<Option<String>> {
    let bytes = state.with(|l| gongkai_ledger::plans::plan_xlsx(l, year, today()))?;
    save(&app, &format!("{year}年工作要点完成情况.xlsx"), Some(XLSX), &bytes)
}

#[tauri::command(async)]
pub fn documents_template_save(app: AppHandle) -> Res<Option<String>> {
    let bytes = documents::exchange::template_xlsx().map_err(|e| e.to_app_error())?;
    save(&app, "文件台账导入模板.xlsx", Some(XLSX), &bytes)
}

/// The blank 依申请公开 import form (开始使用).
#[tauri::command(async)]
pub fn requests_template_save(app: AppHandle) -> Res<Option<String>> {
    let bytes = gongkai_ledger::requests::template::template_xlsx().map_err(|e| e.to_app_error())?;
    save(&app, "依申请公开台账导入模板.xlsx", Some(XLSX), &bytes)
}

/// 依申请公开台账 as a workbook; with `unmasked` (导出完整证件号码和电话) the export is recorded
/// (台账事件) once the file is written.
#[tauri::command(async)]
pub fn request_export_save(app: AppHandle, state: State<'_, LedgerState>, filter: RequestFilter, unmasked: bool) -> Res<Option<String>> {
    let outgoing = state.with(|l| access::request_export(l, &filter, today(), unmasked))?;
    let name = outgoing.name.clone();
    save_recorded(&app, &state, outgoing, &name, Some(XLSX))
}

/// An attachment (or an issued letter's PDF) saved as a copy under its own name, and recorded.
#[tauri::command(async)]
pub fn request_attachment_save(app: AppHandle, state: State<'_, LedgerState>, id: i64) -> Res<Option<String>> {
    let outgoing = state.with(|l| access::attachment_save(l, id))?;
    let name = file_name(&outgoing.name, "附件");
    save_recorded(&app, &state, outgoing, &name, None)
}

/// A 工作要点 evidence file saved as a copy under its own name, and recorded.
#[tauri::command(async)]
pub fn plan_evidence_save(app: AppHandle, state: State<'_, LedgerState>, id: i64) -> Res<Option<String>> {
    let outgoing = state.with(|l| access::evidence_save(l, id))?;
    let name = file_name(&outgoing.name, "佐证附件");
    save_recorded(&app, &state, outgoing, &name, None)
}

/// A suggested name from the page, reduced to a bare file name (no folders).
fn file_name(name: &str, fallback: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if base.is_empty() || base == "." || base == ".." {
        fallback.to_string()
    } else {
        base.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_suggested_name_cannot_leave_the_chosen_folder() {
        assert_eq!(super::file_name("../../etc/passwd", "x"), "passwd");
        assert_eq!(super::file_name("..", "x.xlsx"), "x.xlsx");
        assert_eq!(super::file_name("文件台账-2025.xlsx", "x"), "文件台账-2025.xlsx");
    }
}

/// 汇总: the district's tables (`csv`, `xlsx`, `pdf` with the appendix of units) or the 催报 list
/// (`reminder`, a PDF) of `year`.
#[tauri::command(async)]
pub fn consolidation_save(app: AppHandle, state: State<'_, LedgerState>, year: i32, format: String) -> Res<Option<String>> {
    use gongkai_app::consolidation::{self, ConsolidatedFormat};
    let (kind, ext, filter, name) = match format.as_str() {
        "csv" => (Some(ConsolidatedFormat::Csv), "csv", ("CSV 文件", &["csv"][..]), "政府信息公开工作年度报告汇总表"),
        "xlsx" => (Some(ConsolidatedFormat::Xlsx), "xlsx", XLSX, "政府信息公开工作年度报告汇总表"),
        "pdf" => (Some(ConsolidatedFormat::Pdf), "pdf", PDF, "政府信息公开工作年度报告汇总表"),
        "reminder" => (None, "pdf", PDF, "政府信息公开工作年度报告催报单"),
        other => return Err(AppError::validation(format!("导出格式“{other}”无效，应为 csv、xlsx、pdf 或 reminder"))),
    };
    let bytes = state.with(|l| {
        match kind {
            Some(k) => consolidation::render(l, year, k, today()).map(|(b, _)| b),
            None => consolidation::reminder_pdf(l, year, today()),
        }
        .map_err(gongkai_ledger::Error::App)
    })?;
    save(&app, &format!("{year}年{name}.{ext}"), Some(filter), &bytes)
}
