//! Handing a file or a folder to the desktop: the system's default PDF viewer prints a letter
//! (it owns the printer dialog), the file manager shows 设置 → 关于's folders. The one place
//! that starts another program; the window itself has no shell permission.
//!
//! | system | how | tested |
//! |---|---|---|
//! | Linux, BSD (UOS, 麒麟, deepin, Debian, Ubuntu) | `xdg-open PATH` (freedesktop: the desktop's default application) | yes, here |
//! | Windows | `explorer.exe PATH`: a file opens in its associated program, a folder in Explorer; no `cmd /C start`, whose parser would read `&` and `^` in a path | no: cannot be built here |
//! | macOS | `open PATH` | no |
//!
//! `GONGKAI_NO_OPEN=1` (the end-to-end tests) skips the hand-off: the file is written, nothing starts.

use std::path::Path;
use std::process::Command;

/// The command that shows `path` with the desktop's default program.
fn command(path: &Path) -> Command {
    #[cfg(target_os = "windows")]
    let mut c = Command::new("explorer.exe");
    #[cfg(target_os = "macos")]
    let mut c = Command::new("open");
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut c = Command::new("xdg-open");
    c.arg(path);
    c
}

/// Whether hand-offs are switched off (`GONGKAI_NO_OPEN`, set by the end-to-end runner).
pub fn disabled() -> bool {
    std::env::var_os("GONGKAI_NO_OPEN").is_some_and(|v| !v.is_empty())
}

/// Shows `path` (a file or a folder) with the desktop's default program, without waiting for it.
/// Does nothing when [`disabled`].
pub fn open(path: &Path) -> std::io::Result<()> {
    if disabled() {
        tracing::info!(path = %path.display(), "hand-off to the desktop skipped (GONGKAI_NO_OPEN)");
        return Ok(());
    }
    let mut child = command(path).spawn()?;
    // Reap the launcher (xdg-open returns at once) so it does not linger as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_path_is_one_argument_never_parsed_by_a_shell() {
        let path = std::path::Path::new("/tmp/a b&c;rm -rf ~/台账.pdf");
        let c = super::command(path);
        let args: Vec<_> = c.get_args().collect();
        assert_eq!(args, [path.as_os_str()]);
    }
}
