//! IPC for the ledger as a legal record: 审计日志 (list, 校验), 备份 (list, 立即备份, 备份到文件夹,
//! 只读查看, 恢复) and this workstation's 操作人.

use std::path::PathBuf;

use gongkai_ledger::audit::{self, AuditFilter, AuditPage, AuditReport};
use gongkai_ledger::backup::{self, BackupFile, FolderBackup, FolderProgress, LedgerSummary};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::{LedgerState, Res};


#[tauri::command(async)]
pub fn audit_list(state: State<'_, LedgerState>, filter: AuditFilter) -> Res<AuditPage> {
    state.with(|l| audit::list(l, &filter))
}

#[tauri::command(async)]
pub fn audit_verify(state: State<'_, LedgerState>) -> Res<AuditReport> {
    state.with(|l| gongkai_ledger::anchors::verify_all(l, Vec::new()))
}

#[tauri::command(async)]
pub fn backups_list(state: State<'_, LedgerState>) -> Res<Vec<BackupFile>> {
    backup::list(&state.path()).map_err(|e| e.to_app_error())
}

/// 立即备份: an online copy into `backups/`; returns the list with the new copy.
#[tauri::command(async)]
pub fn backup_now(state: State<'_, LedgerState>) -> Res<Vec<BackupFile>> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    state.with(|l| backup::backup_now(l, &stamp))?;
    backup::list(&state.path()).map_err(|e| e.to_app_error())
}

/// Replaces the folder dialog of 备份到文件夹 in end-to-end tests (which cannot click a GTK
/// dialog): the folder it answers. Unset, the native dialog asks.
const FOLDER_DIALOG_OVERRIDE: &str = "GONGKAI_BACKUP_DIALOG";

/// The folder the clerk picks in the native dialog (Rust asks it: the page has no dialog or
/// file-system permission); None when cancelled.
fn pick_folder(app: &AppHandle) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(FOLDER_DIALOG_OVERRIDE).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    app.dialog().file().set_title("选择备份到的文件夹（如 U 盘）").blocking_pick_folder().and_then(|p| p.into_path().ok())
}

/// 备份到文件夹: the ledger and its attachments into a folder the clerk picks (a USB drive),
/// verified and recorded, with progress on `on_progress`; None when the dialog was cancelled.
#[tauri::command(async)]
pub fn backup_to_folder(app: AppHandle, state: State<'_, LedgerState>, on_progress: tauri::ipc::Channel<FolderProgress>) -> Res<Option<FolderBackup>> {
    let Some(dir) = pick_folder(&app) else { return Ok(None) };
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    state
        .with(|l| {
            backup::backup_to_folder(l, &dir, &stamp, &mut |p| {
                // A window that went away no longer needs to hear; the copy goes on.
                let _ = on_progress.send(p.clone());
            })
        })
        .map(Some)
}

/// Hours between automatic backups while the window is open (设置 → 备份与恢复).
#[tauri::command(async)]
pub fn backup_interval(state: State<'_, LedgerState>) -> Res<u32> {
    state.with(|l| gongkai_ledger::settings::backup_interval_hours(l))
}

#[tauri::command(async)]
pub fn backup_save_interval(state: State<'_, LedgerState>, hours: u32) -> Res<u32> {
    state.with(|l| {
        gongkai_ledger::settings::save_backup_interval_hours(l, hours)?;
        gongkai_ledger::settings::backup_interval_hours(l)
    })
}

/// 只读查看: what a backup holds, read without changing it.
#[tauri::command(async)]
pub fn backup_inspect(state: State<'_, LedgerState>, name: String) -> Res<LedgerSummary> {
    let path = backup::resolve(&state.path(), &name).map_err(|e| e.to_app_error())?;
    backup::inspect(&path).map_err(|e| e.to_app_error())
}

/// 恢复: returns the name of the copy the replaced ledger was kept as.
#[tauri::command(async)]
pub fn backup_restore(state: State<'_, LedgerState>, name: String, other_ledger_confirmed: bool) -> Res<String> {
    state.restore(&name, other_ledger_confirmed)
}

