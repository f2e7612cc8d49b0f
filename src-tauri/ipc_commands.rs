//! The IPC command list has one source: the `tauri::generate_handler![…]` call in `src/lib.rs`.
//! `build.rs` reads it from there to generate the commands' permissions, and
//! `tests/ipc_commands.rs` checks the other places that name commands against it (the window's
//! capability, `ui/src/api.ts`, the `#[tauri::command]` functions). Shared by `#[path]` includes.

/// The command names registered in `lib_rs`'s `generate_handler![…]`, in order.
pub fn registered_commands(lib_rs: &str) -> Vec<String> {
    let start = lib_rs.find("generate_handler![").expect("src/lib.rs registers its commands with tauri::generate_handler!");
    let body = &lib_rs[start + "generate_handler![".len()..];
    let end = body.find(']').expect("generate_handler![ is closed");
    body[..end]
        .split(',')
        .map(|entry| entry.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<String>())
        .map(|entry| entry.trim().rsplit("::").next().unwrap_or_default().trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}
