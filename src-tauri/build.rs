//! Generates the Tauri context and the permissions of the app's own commands. The command list is
//! read from `src/lib.rs`'s `generate_handler![…]` (see `ipc_commands.rs`), never written again.

#[path = "ipc_commands.rs"]
mod ipc_commands;

fn main() {
    println!("cargo:rerun-if-changed=src/lib.rs");
    let lib_rs = std::fs::read_to_string("src/lib.rs").expect("src/lib.rs is readable");
    // tauri-build keeps the list for the whole build: 'static, and a build script may leak.
    let names: &'static [&'static str] = Vec::leak(
        ipc_commands::registered_commands(&lib_rs).into_iter().map(|c| &*String::leak(c)).collect(),
    );
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(names)))
    .expect("tauri build script failed");
}
