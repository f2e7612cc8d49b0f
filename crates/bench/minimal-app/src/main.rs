//! A minimal Tauri 2 app, the yardstick for `gongkai-bench`'s start-up figure: one window, one
//! page, one command. The command appends the same line to `GONGKAI_BENCH_READY_FILE` as the real
//! app's hook (src-tauri/src/bench_hook.rs) does when a call is answered.

use std::io::Write;

#[tauri::command(async)]
fn ready() -> u64 {
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or(0);
    if let Some(path) = std::env::var_os("GONGKAI_BENCH_READY_FILE") {
        if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
            let _ = writeln!(f, "{micros} u64");
        }
    }
    micros as u64
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the minimal app could not start");
}
