//! `gongkai`: with no subcommand it opens the window, with one it works headless.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    gongkai_shell::main()
}
