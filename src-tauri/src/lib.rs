//! The Tauri shell: decides between window and command line, opens the ledger for the window
//! and wires the IPC commands. Everything that knows the domain lives in the Tauri-free crates.

mod bench_hook;
mod commands;
mod commands_documents;
mod commands_report;
mod commands_requests;
mod state;

use std::path::PathBuf;
use std::process::ExitCode;

/// The ledger in the platform's app-data folder for this build's identifier (the development
/// overlay has its own identifier, so development never opens a clerk's real ledger).
fn default_db_path(identifier: &str) -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(identifier).join("ledger.db")
}

pub fn main() -> ExitCode {
    let cli = match gongkai_cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let context = tauri::generate_context!();
    let default_db = default_db_path(&context.config().identifier);
    if cli.command.is_some() {
        return gongkai_cli::run(cli, default_db);
    }
    gongkai_cli::init_logging();
    let db = cli.global.db.clone().unwrap_or(default_db);
    run_window(context, db)
}

fn run_window(context: tauri::Context<tauri::Wry>, db: PathBuf) -> ExitCode {
    let state = state::LedgerState::open(db);
    let result = tauri::Builder::default()
        .manage(state)
        .on_page_load(bench_hook::on_page_load)
        .invoke_handler(tauri::generate_handler![
            commands::ledger_info,
            commands::organ_settings,
            commands::save_organ_name,
            commands::save_departments,
            commands::calendar_rows,
            commands::calendar_upsert,
            commands::calendar_remove,
            commands::calendar_import,
            commands::calendar_due,
            commands_documents::documents_list,
            commands_documents::documents_years,
            commands_documents::document_get,
            commands_documents::document_create,
            commands_documents::document_update,
            commands_documents::document_change_status,
            commands_documents::document_add_interpretation,
            commands_documents::document_return,
            commands_documents::document_resubmit,
            commands_documents::documents_import,
            commands_documents::documents_export,
            commands_documents::documents_template,
            commands_documents::document_deadlines,
            commands_report::report_view,
            commands_report::report_save_entries,
            commands_report::report_pdf,
            commands_requests::request_options,
            commands_requests::request_save_number_pattern,
            commands_requests::request_list,
            commands_requests::request_get,
            commands_requests::request_register,
            commands_requests::request_append_event,
            commands_requests::request_due_list,
            commands_requests::request_import,
            commands_requests::request_export,
            commands_requests::request_add_review,
            commands_requests::request_update_review,
            commands_requests::request_add_attachment,
            commands_requests::request_open_attachment,
        ])
        .run(context);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：无法启动窗口（{e}）");
            ExitCode::FAILURE
        }
    }
}
