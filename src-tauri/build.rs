//! Generates the Tauri context and the permissions of the app's own commands. The command list is
//! read from `src/lib.rs`'s `generate_handler![…]` (see `ipc_commands.rs`), never written again.

#[path = "ipc_commands.rs"]
mod ipc_commands;

fn main() {
    println!("cargo:rerun-if-changed=src/lib.rs");
    let lib_rs = std::fs::read_to_string("src/lib.rs").expect("src/lib.rs is readable");
    let commands = ipc_commands::registered_commands(&lib_rs);
    let names: Vec<&str> = commands.iter().map(String::as_str).collect();
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&names)),
    )
    .expect("tauri build script failed");
}
