//! Generates the minimal app's context and the permission of its one command.
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["ready"])),
    )
    .expect("tauri build script failed");
}
