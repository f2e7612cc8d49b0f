//! IPC of 设置 → 关于: what this installation is and where its files are, showing a folder in the
//! file manager, and opening another ledger file or creating a new one. The native dialogs are
//! called from Rust (tauri-plugin-dialog), so the page holds no dialog or file-system permission
//! and never names a path. With GONGKAI_LEDGER_DIALOG set (end-to-end tests, which cannot click a
//! GTK dialog) both dialogs answer that path without showing.

use std::path::{Path, PathBuf};

use gongkai_app::about::{self, AboutInfo, Folder};
use gongkai_core::{AppError, ErrorCode};
use gongkai_ledger::backup;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::{LedgerState, Res};

/// Replaces both ledger dialogs in tests: the path they answer.
const DIALOG_OVERRIDE: &str = "GONGKAI_LEDGER_DIALOG";

fn info(state: &LedgerState) -> AboutInfo {
    let path = state.path();
    AboutInfo {
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        ledger_path: path.display().to_string(),
        ledger_source: state.source().describe().to_string(),
        backups_dir: backup::backups_dir(&path).display().to_string(),
        config_dir: state.config_dir().display().to_string(),
        // A ledger that failed to open still shows where things are; only the fonts need it.
        fonts: state.with(|l| Ok(about::fonts_in_use(l))).unwrap_or_default(),
    }
}

#[tauri::command(async)]
pub fn about_info(state: State<'_, LedgerState>) -> Res<AboutInfo> {
    Ok(info(&state))
}

/// Shows one of the app's folders in the system's file manager (`crate::desktop`).
#[tauri::command(async)]
pub fn open_folder(state: State<'_, LedgerState>, which: Folder) -> Res<()> {
    let path = state.path();
    let dir = match which {
        Folder::Ledger => gongkai_cli::instance::canonical(&path).parent().map(Path::to_path_buf).unwrap_or_default(),
        Folder::Backups => backup::backups_dir(&path),
        Folder::Config => state.config_dir().to_path_buf(),
    };
    if !dir.is_dir() {
        let what = match which {
            Folder::Backups => "备份文件夹还没有建立（尚无备份）",
            _ => "该文件夹不存在",
        };
        return Err(AppError::validation(format!("{what}：{}", dir.display())));
    }
    crate::desktop::open(&dir).map_err(|e| {
        tracing::warn!(error = %e, "cannot open the file manager");
        AppError::validation(format!("没有找到可以打开文件夹的程序；文件夹在 {}", dir.display()))
    })
}

/// Opens an existing ledger chosen in the native open dialog; None when the clerk cancels.
#[tauri::command(async)]
pub fn ledger_open(app: AppHandle, state: State<'_, LedgerState>) -> Res<Option<AboutInfo>> {
    let Some(path) = choose(&app, &state, false) else { return Ok(None) };
    if !path.is_file() {
        return Err(AppError::validation(format!("所选台账文件不存在：{}", path.display())));
    }
    if backup::is_backup_file(&path).unwrap_or(false) {
        return Err(AppError::validation(
            "所选文件是备份，不能直接作为台账打开；请在 设置 → 台账文件 → 备份 中只读查看或恢复",
        ));
    }
    switch(&app, &state, path).map(Some)
}

/// Creates a new, empty ledger where the clerk chooses in the native save dialog and opens it;
/// None when the clerk cancels. An existing file is never overwritten.
#[tauri::command(async)]
pub fn ledger_create(app: AppHandle, state: State<'_, LedgerState>) -> Res<Option<AboutInfo>> {
    let Some(mut path) = choose(&app, &state, true) else { return Ok(None) };
    if path.extension().is_none() {
        path.set_extension("db");
    }
    if path.exists() {
        return Err(AppError::validation(format!(
            "文件已存在：{}；新建台账不会覆盖已有文件，要打开它请用“打开其他台账”",
            path.display()
        )));
    }
    if !path.parent().is_some_and(Path::is_dir) {
        return Err(AppError::validation(format!("所选文件夹不存在：{}", path.display())));
    }
    switch(&app, &state, path).map(Some)
}

/// The path from the native dialog (GONGKAI_LEDGER_DIALOG in tests), starting in the current
/// ledger's folder.
fn choose(app: &AppHandle, state: &LedgerState, create: bool) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(DIALOG_OVERRIDE).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let mut dialog = app.dialog().file().add_filter("台账文件", &["db"]).add_filter("所有文件", &["*"]);
    if let Some(dir) = state.path().parent().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    // Blocking is fine: async commands run on a worker thread, not the event loop.
    let chosen = if create {
        dialog.set_title("新建台账").set_file_name("台账.db").blocking_save_file()
    } else {
        dialog.set_title("打开台账").blocking_pick_file()
    };
    chosen.and_then(|p| p.into_path().ok())
}

/// Points the window at `path`: takes its single-instance socket (refusing when another window has
/// it open, which comes forward), opens it (creating or migrating it as `Ledger::open` does), and
/// only then lets the current ledger go. Remembered for the next start.
fn switch(app: &AppHandle, state: &LedgerState, path: PathBuf) -> Res<AboutInfo> {
    let path = gongkai_cli::instance::canonical(&path);
    if path == gongkai_cli::instance::canonical(&state.path()) {
        return Ok(info(state));
    }
    let socket = match crate::take_instance(app, &path) {
        Ok(socket) => socket,
        Err(crate::InstanceTaken) => {
            return Err(AppError::new(ErrorCode::Conflict, "该台账已在另一个窗口中打开，已切换到那个窗口"));
        }
    };
    if let Err(e) = state.switch_to(path.clone(), socket.clone()) {
        if let Some(s) = socket {
            gongkai_cli::instance::release(&s);
        }
        return Err(e);
    }
    // The new ledger's first automatic backup, as at start; the backup thread follows it from now on.
    std::thread::spawn(move || crate::state::auto_backup_once(&path));
    Ok(info(state))
}
