//! The Tauri shell: decides between window and command line, opens the ledger for the window
//! and wires the IPC commands. Everything that knows the domain lives in the Tauri-free crates.

mod bench_hook;
mod commands_about;
mod commands_consolidation;
mod commands_accounts;
mod commands_settings;
mod commands_documents;
mod commands_fonts;
mod commands_letters;
mod commands_ledger;
mod commands_report;
mod commands_requests;
mod commands_save;
mod commands_plans;
mod commands_worklist;
mod desktop;
mod state;
mod workstation;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tauri::{AppHandle, Manager};

/// The ledger in the platform's app-data folder for this build's identifier (the development
/// overlay has its own identifier, so development never opens a clerk's real ledger).
fn default_db_path(identifier: &str) -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(identifier).join("ledger.db")
}

/// The single-instance socket of the window that has `db` open, when the runtime folder is
/// `runtime_dir`: lets the binary's tests play the running window.
pub fn instance_socket_in(runtime_dir: &std::path::Path, db: &std::path::Path) -> PathBuf {
    gongkai_cli::instance::socket_path_in(runtime_dir, db)
}

pub fn main() -> ExitCode {
    let cli = match gongkai_cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let context = tauri::generate_context!();
    let default_db = default_db_path(&context.config().identifier);
    let config_dir = workstation::config_dir(&context.config().identifier);
    if cli.command.is_some() {
        return gongkai_cli::run(cli, default_db, config_dir);
    }
    // The window's ledgers keep this workstation's record of audit anchors.
    gongkai_ledger::anchors::set_workstation_dir(config_dir.clone());
    gongkai_cli::init_logging();
    // --db / GONGKAI_DB, else the ledger the window opened last, else the default place.
    let (db, source) = workstation::window_ledger(cli.global.db.clone(), &config_dir, default_db);
    run_window(context, db, source, config_dir)
}

/// One window per ledger, unless the end-to-end runner turned it off: it starts a new window for
/// each test file while tauri-driver may still be tearing the previous one down.
fn single_instance_on() -> bool {
    !std::env::var("GONGKAI_SINGLE_INSTANCE").is_ok_and(|v| v == "off")
}

/// Another window has that ledger open (and was asked to come forward).
pub(crate) struct InstanceTaken;

/// Takes the single-instance socket of `db` for this window and answers on it (later starts on the
/// same ledger bring this window forward); the socket taken, or None when switched off or
/// unavailable on this system.
pub(crate) fn take_instance(app: &AppHandle, db: &Path) -> Result<Option<PathBuf>, InstanceTaken> {
    let Some((socket, listener)) = acquire_instance(db)? else { return Ok(None) };
    serve_instance(app, listener);
    Ok(Some(socket))
}

fn acquire_instance(db: &Path) -> Result<Option<(PathBuf, gongkai_cli::instance::Listener)>, InstanceTaken> {
    if !single_instance_on() {
        return Ok(None);
    }
    let socket = gongkai_cli::instance::socket_path(db);
    match gongkai_cli::instance::acquire(&socket) {
        Ok(gongkai_cli::instance::Instance::Second) => Err(InstanceTaken),
        Ok(gongkai_cli::instance::Instance::First(listener)) => Ok(Some((socket, listener))),
        Err(e) => {
            tracing::warn!(error = %e, "single-instance socket unavailable; starting anyway");
            Ok(None)
        }
    }
}

fn serve_instance(app: &AppHandle, listener: gongkai_cli::instance::Listener) {
    let handle = app.clone();
    gongkai_cli::instance::serve(listener, move || {
        let Some(window) = handle.get_webview_window("main") else { return false };
        let _ = window.unminimize();
        let _ = window.show();
        window.set_focus().is_ok()
    });
}

fn run_window(context: tauri::Context<tauri::Wry>, db: PathBuf, source: workstation::LedgerSource, config_dir: PathBuf) -> ExitCode {
    // One window per ledger: a second start brings the first forward and never opens the ledger.
    let instance = match acquire_instance(&db) {
        Ok(instance) => instance,
        Err(InstanceTaken) => {
            eprintln!("政务公开台账已在运行，已切换到打开该台账的窗口");
            return ExitCode::SUCCESS;
        }
    };
    let mut builder = tauri::Builder::default().plugin(tauri_plugin_dialog::init());
    if let Some(start_route) = bench_hook::start_route() {
        builder = builder.plugin(start_route);
    }
    let result = builder
        .setup(move |app| {
            let (socket, listener) = instance.unzip();
            app.manage(state::LedgerState::open(db, source, config_dir, socket));
            if let Some(listener) = listener {
                serve_instance(app.handle(), listener);
            }
            // Automatic backups: shortly after start and every few hours while the window stays open, on a
            // thread and connection of their own, of whichever ledger the window has open.
            let handle = app.handle().clone();
            std::thread::spawn(move || state::auto_backups(|| handle.state::<state::LedgerState>().path()));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands_settings::ledger_info,
            commands_about::about_info,
            commands_about::open_folder,
            commands_about::ledger_open,
            commands_about::ledger_create,
            commands_settings::organ_settings,
            commands_settings::save_organ_name,
            commands_settings::save_review_bodies,
            commands_settings::save_organ_contact,
            commands_settings::first_start,
            commands_settings::calendar_confirmed_years,
            commands_settings::calendar_confirm_year,
            commands_settings::save_departments,
            commands_settings::calendar_rows,
            commands_settings::calendar_upsert,
            commands_settings::calendar_remove,
            commands_settings::calendar_import,
            commands_settings::calendar_due,
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
            commands_documents::document_deadlines,
            commands_report::report_view,
            commands_report::report_save_entries,
            commands_report::report_preview,
            commands_report::report_drill,
            commands_report::report_charts,
            commands_report::report_deadline,
            commands_report::report_save_due,
            commands_save::report_save,
            commands_save::documents_export_save,
            commands_save::plan_export_save,
            commands_save::plan_evidence_save,
            commands_save::consolidation_save,
            commands_consolidation::consolidation_view,
            commands_consolidation::submission_import,
            commands_plans::units_list,
            commands_plans::unit_add,
            commands_plans::unit_update,
            commands_plans::unit_set_retired,
            commands_plans::plan_years,
            commands_plans::plan_preview_text,
            commands_plans::plan_preview_file,
            commands_plans::plan_save,
            commands_plans::plan_get,
            commands_plans::plan_record_progress,
            commands_plans::plan_overdue,
            commands_plans::plan_completed_tasks,
            commands_plans::plan_set_subheading,
            commands_save::documents_template_save,
            commands_save::requests_template_save,
            commands_save::request_export_save,
            commands_save::request_attachment_save,
            commands_requests::request_options,
            commands_requests::request_save_number_pattern,
            commands_requests::request_list,
            commands_requests::request_years,
            commands_requests::request_get,
            commands_requests::request_register,
            commands_requests::request_append_event,
            commands_requests::request_approve_extension,
            commands_requests::request_signoff,
            commands_requests::request_waiting,
            commands_requests::request_due_list,
            commands_requests::request_import,
            commands_requests::request_add_review,
            commands_requests::request_update_review,
            commands_requests::request_add_attachment,
            commands_fonts::pdf_font_settings,
            commands_fonts::pdf_save_body_font,
            commands_letters::letter_settings,
            commands_letters::letter_save_settings,
            commands_letters::letter_save_template,
            commands_letters::letter_restore_template,
            commands_letters::letter_draft,
            commands_letters::letter_issue,
            commands_letters::letter_list,
            commands_letters::letter_options,
            commands_letters::letter_pending,
            commands_worklist::letter_dismiss,
            commands_worklist::letter_dismissed,
            commands_worklist::letter_restore_dismissed,
            commands_worklist::backlog_counts,
            commands_worklist::backlog_close,
            commands_letters::letter_fee_quote,
            commands_letters::letter_issue_pending,
            commands_letters::letter_print,
            commands_ledger::audit_list,
            commands_ledger::audit_verify,
            commands_ledger::backups_list,
            commands_ledger::backup_now,
            commands_ledger::backup_to_folder,
            commands_ledger::backup_interval,
            commands_ledger::backup_save_interval,
            commands_ledger::backup_inspect,
            commands_ledger::backup_restore,
            commands_accounts::account_status,
            commands_accounts::account_sign_in,
            commands_accounts::account_sign_out,
            commands_accounts::account_change_password,
            commands_accounts::account_create_first,
            commands_accounts::account_list,
            commands_accounts::account_add,
            commands_accounts::account_set_enabled,
            commands_accounts::account_set_roles,
            commands_accounts::account_reset_password,
            commands_accounts::security_settings,
            commands_accounts::save_security_settings,
        ])
        .build(context)
        .map(|app| {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    // Closing the ledger records its audit head for this workstation.
                    if let Some(state) = handle.try_state::<state::LedgerState>() {
                        state.close();
                    }
                }
            })
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：无法启动窗口（{e}）");
            ExitCode::FAILURE
        }
    }
}
