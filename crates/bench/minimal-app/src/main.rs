//! A minimal Tauri 2 app, the yardstick for `gongkai-bench`'s start-up and memory figures: one
//! window, one page, one command. The command appends the same line to `GONGKAI_BENCH_READY_FILE`
//! as the real app's hook (src-tauri/src/bench_hook.rs) does when a call is answered.
//!
//! With `GONGKAI_BENCH_PAGE=floor` the window opens the stack's floor page instead (floor/, built
//! by scripts/bench.sh into dist/floor/): the request list's page in Vue 3 and Element Plus alone,
//! which makes the same one call once mounted.

use std::io::Write;

/// The page `GONGKAI_BENCH_PAGE=floor` opens, inside the embedded dist/.
const FLOOR_PAGE: &str = "floor/index.html";

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
        .setup(|app| {
            // The window is made here (tauri.conf.json has it with `create: false`) so that its
            // page can be chosen: index.html, or the floor page when asked for.
            let mut config = app.config().app.windows.first().cloned().ok_or("tauri.conf.json has no window")?;
            if std::env::var("GONGKAI_BENCH_PAGE").as_deref() == Ok("floor") {
                if app.asset_resolver().get(FLOOR_PAGE.into()).is_none() {
                    // Built without dist/floor/ (scripts/bench.sh builds it first): say so and stop
                    // rather than leave the bench waiting for a call that never comes.
                    eprintln!("找不到 {FLOOR_PAGE}：先用 scripts/bench.sh 构建最简页面");
                    std::process::exit(3);
                }
                config.url = tauri::WebviewUrl::App(FLOOR_PAGE.into());
            }
            tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the minimal app could not start");
}
