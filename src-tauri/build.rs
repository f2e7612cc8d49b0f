//! Generates the Tauri context and the permissions of the app's own commands.
fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "ledger_info",
            "organ_settings",
            "save_organ_name",
            "save_departments",
            "calendar_rows",
            "calendar_upsert",
            "calendar_remove",
            "calendar_import",
            "calendar_due",
            "request_options",
            "request_save_number_pattern",
            "request_list",
            "request_get",
            "request_register",
            "request_append_event",
            "request_due_list",
            "request_import",
            "request_export",
            "request_add_review",
            "request_update_review",
            "request_add_attachment",
            "request_open_attachment",
        ]),
    ))
    .expect("tauri build script failed");
}
