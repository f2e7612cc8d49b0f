//! Two hooks for `gongkai-bench` (crates/bench), inert unless their environment variables are set:
//! `GONGKAI_BENCH_READY_FILE` gets one line per answered IPC call (Unix time in microseconds and
//! the answer's type), so the bench can time start-up to the first answer and see when the list
//! page has its data; `GONGKAI_START_ROUTE` (e.g. `/requests`) opens the window on that page.
//! Neither changes what a command does or answers.

use std::io::Write;
use std::sync::OnceLock;

use tauri::plugin::TauriPlugin;
use tauri::Runtime;

fn ready_file() -> Option<&'static std::path::Path> {
    static PATH: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    PATH.get_or_init(|| std::env::var_os("GONGKAI_BENCH_READY_FILE").map(Into::into)).as_deref()
}

/// Called by `LedgerState::with` once a command's answer is ready to go back to the page.
pub fn answered<T>() {
    let Some(path) = ready_file() else { return };
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or(0);
    let line = format!("{micros} {}\n", std::any::type_name::<T>());
    // Best effort: a bench that cannot read the file reports that, the app carries on.
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = f.write_all(line.as_bytes());
    }
}

/// A plugin that opens the window on `GONGKAI_START_ROUTE` (the router uses hash history), or None
/// when the variable is not set or not an app path. Its script runs before any of the page's own
/// (an initialization script), so the router's first navigation reads the route: a hash set once
/// the page had loaded raced that navigation, which writes its own hash back, and was at times lost.
pub fn start_route<R: Runtime>() -> Option<TauriPlugin<R>> {
    let route = std::env::var("GONGKAI_START_ROUTE").ok()?;
    // Only an app path: a route is letters, digits, '/' and '-', nothing a script could hide in.
    if !route.starts_with('/') || !route.chars().all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-') {
        return None;
    }
    // A page that already has a route of its own (a reload) keeps it.
    let script = format!("if (location.hash === '' || location.hash === '#/') history.replaceState(history.state, '', '#{route}')");
    Some(tauri::plugin::Builder::new("bench-start-route").js_init_script(script).build())
}
