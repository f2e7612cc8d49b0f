//! Two hooks for `gongkai-bench` (crates/bench), inert unless their environment variables are set:
//! `GONGKAI_BENCH_READY_FILE` gets one line per answered IPC call (Unix time in microseconds and
//! the answer's type), so the bench can time start-up to the first answer and see when the list
//! page has its data; `GONGKAI_START_ROUTE` (e.g. `/requests`) opens the window on that page.
//! Neither changes what a command does or answers.

use std::io::Write;
use std::sync::OnceLock;

use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{Runtime, Webview};

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

/// Moves the freshly loaded page to `GONGKAI_START_ROUTE` (the router uses hash history).
pub fn on_page_load<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    if payload.event() != PageLoadEvent::Finished {
        return;
    }
    let Ok(route) = std::env::var("GONGKAI_START_ROUTE") else { return };
    // Only an app path: a route is letters, digits, '/' and '-', nothing a script could hide in.
    if !route.starts_with('/') || !route.chars().all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-') {
        return;
    }
    if payload.url().fragment().is_some_and(|f| f == route) {
        return;
    }
    let _ = webview.eval(format!("window.location.hash = '#{route}'"));
}
