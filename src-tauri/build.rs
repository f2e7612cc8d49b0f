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
            "documents_list",
            "documents_years",
            "document_get",
            "document_create",
            "document_update",
            "document_change_status",
            "document_add_interpretation",
            "document_return",
            "document_resubmit",
            "documents_import",
            "documents_export",
            "documents_template",
            "document_deadlines",
        ]),
    ))
    .expect("tauri build script failed");
}
