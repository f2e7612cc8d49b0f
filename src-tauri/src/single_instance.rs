//! 单实例: one window per ledger. The first start listens on a Unix socket named after the
//! ledger file; a second start on the same ledger connects, asks that window to come to the
//! front, and exits before it opens the ledger. Plain std rather than tauri-plugin-single-instance:
//! the plugin needs a D-Bus session bus (absent on many kiosk and Xvfb set-ups, where it silently
//! lets a second instance run) and would pull a second async runtime into the shell.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub enum Instance {
    /// We are the first: serve this listener so later starts can find us.
    First(UnixListener),
    /// Another window has this ledger and came to the front: exit.
    Second,
}

/// The socket of the window that has `db` open: in the user's runtime folder (else the temp
/// folder), named by a hash of the ledger's absolute path so that different ledgers do not meet.
pub fn socket_path(db: &Path) -> PathBuf {
    let dir = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).filter(|d| d.is_dir()).unwrap_or_else(std::env::temp_dir);
    socket_path_in(&dir, db)
}

/// The socket for `db` inside `dir`.
pub fn socket_path_in(dir: &Path, db: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let absolute = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    absolute.hash(&mut h);
    dir.join(format!("gongkai-{:016x}.sock", h.finish()))
}

/// Finds the running window of this ledger and asks it to show itself, or becomes that window.
/// A socket left by a window that crashed answers nobody and is replaced.
pub fn acquire(socket: &Path) -> std::io::Result<Instance> {
    if let Ok(mut stream) = UnixStream::connect(socket) {
        stream.set_read_timeout(Some(Duration::from_secs(3)))?;
        stream.write_all(b"focus\n")?;
        let mut answer = String::new();
        let _ = BufReader::new(&stream).read_line(&mut answer);
        if answer.trim() == "ok" {
            return Ok(Instance::Second);
        }
        // A window that is closing (no answer, or "no"): start normally.
    }
    let _ = std::fs::remove_file(socket);
    Ok(Instance::First(UnixListener::bind(socket)?))
}

/// Answers later starts on a thread of its own: `focus` returns whether a window came forward.
pub fn serve(listener: UnixListener, focus: impl Fn() -> bool + Send + 'static) {
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
            let mut line = String::new();
            if BufReader::new(&stream).read_line(&mut line).is_ok() && line.trim() == "focus" {
                let answer: &[u8] = if focus() { b"ok\n" } else { b"no\n" };
                let _ = stream.write_all(answer);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn a_second_start_on_the_same_ledger_focuses_the_first_and_a_stale_socket_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("g.sock");
        let Instance::First(listener) = acquire(&socket).unwrap() else { panic!("the first start is first") };
        let focused = Arc::new(AtomicUsize::new(0));
        let f = focused.clone();
        serve(listener, move || {
            f.fetch_add(1, Ordering::SeqCst);
            true
        });
        assert!(matches!(acquire(&socket).unwrap(), Instance::Second));
        assert!(matches!(acquire(&socket).unwrap(), Instance::Second));
        assert_eq!(focused.load(Ordering::SeqCst), 2, "each second start brought the window forward");

        // A window without a window to show (closing) says no: the new start goes ahead.
        let other = dir.path().join("h.sock");
        let Instance::First(listener) = acquire(&other).unwrap() else { panic!() };
        serve(listener, || false);
        assert!(matches!(acquire(&other).unwrap(), Instance::First(_)));

        // A crashed window left its socket file behind: nobody answers, the next start is first.
        let stale = dir.path().join("s.sock");
        drop(UnixListener::bind(&stale).unwrap());
        assert!(stale.exists());
        assert!(matches!(acquire(&stale).unwrap(), Instance::First(_)));
    }

    #[test]
    fn different_ledgers_have_different_sockets() {
        let a = socket_path(Path::new("/tmp/a/ledger.db"));
        assert_eq!(a, socket_path(Path::new("/tmp/a/ledger.db")));
        assert_ne!(a, socket_path(Path::new("/tmp/b/ledger.db")));
        assert!(a.as_os_str().len() < 100, "fits a Unix socket address");
    }
}
