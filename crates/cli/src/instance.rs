//! 单实例: one window per ledger. The first start listens on a local socket named after the
//! ledger file's canonical path (so two spellings of one file, through a symlink or `..`, are one
//! ledger); a second start on the same ledger connects, asks that window to come to the front, and
//! exits before it opens the ledger. `gongkai restore` asks the same socket whether a window holds
//! the ledger (`ping`) and refuses if one answers. A window that opens another ledger (设置 → 关于)
//! gives up its socket ([`release`]) and takes the new ledger's. Plain std rather than
//! tauri-plugin-single-instance: the plugin needs a D-Bus session bus (absent on many kiosk and Xvfb
//! set-ups, where it silently lets a second instance run) and would pull a second async runtime into
//! the shell.
//!
//! The protocol (one line `focus` or `ping`, one line `ok` or `no` back) is the same everywhere; only
//! the transport is per system:
//!
//! | system | transport | tested |
//! |---|---|---|
//! | Unix (Linux, BSD, macOS) | a Unix-domain socket `gongkai-<hash>.sock` in `$XDG_RUNTIME_DIR` (a 0700 folder of this account), else the temp folder | yes |
//! | Windows | not implemented: [`acquire`] fails with `Unsupported`, so the window logs it and starts anyway (two windows on one ledger are then possible; SQLite's locking still keeps the file whole), and [`window_holds`] answers no. The equivalent is a named pipe `\\.\pipe\gongkai-<hash>` created with `FILE_FLAG_FIRST_PIPE_INSTANCE` and a DACL for the current user, carrying the same two lines (or `std::os::windows` once std has local sockets) | no: cannot be built here |

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[cfg(unix)]
mod transport {
    pub use std::os::unix::net::{UnixListener as Listener, UnixStream as Stream};

    pub fn bind(socket: &std::path::Path) -> std::io::Result<Listener> {
        Listener::bind(socket)
    }
}

#[cfg(not(unix))]
mod transport {
    //! No transport yet (see the module's table): every call fails with `Unsupported`.
    use std::io::{Error, ErrorKind, Result};
    use std::path::Path;

    fn unsupported() -> Error {
        Error::new(ErrorKind::Unsupported, "single-instance socket not implemented on this system")
    }

    pub struct Stream;
    impl Stream {
        pub fn connect(_: &Path) -> Result<Stream> {
            Err(unsupported())
        }
        pub fn set_read_timeout(&self, _: Option<std::time::Duration>) -> Result<()> {
            Err(unsupported())
        }
    }
    impl std::io::Read for &Stream {
        fn read(&mut self, _: &mut [u8]) -> Result<usize> {
            Err(unsupported())
        }
    }
    impl std::io::Write for Stream {
        fn write(&mut self, _: &[u8]) -> Result<usize> {
            Err(unsupported())
        }
        fn flush(&mut self) -> Result<()> {
            Ok(())
        }
    }

    pub struct Listener;
    impl Listener {
        pub fn incoming(&self) -> std::iter::Empty<Result<Stream>> {
            std::iter::empty()
        }
    }

    pub fn bind(_: &Path) -> Result<Listener> {
        Err(unsupported())
    }
}

pub use transport::Listener;
use transport::Stream;

pub enum Instance {
    /// We are the first: serve this listener so later starts can find us.
    First(Listener),
    /// Another window has this ledger and came to the front: exit.
    Second,
}
/// The socket of the window that has `db` open: in the user's runtime folder (else the temp
/// folder), named by a hash of the ledger's absolute path so that different ledgers do not meet.
pub fn socket_path(db: &Path) -> PathBuf {
    let dir = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).filter(|d| d.is_dir()).unwrap_or_else(std::env::temp_dir);
    socket_path_in(&dir, db)
}

/// The one spelling of `db`: symlinks and `..` resolved; for a file not yet created, its folder's
/// canonical path joined with its name.
pub fn canonical(db: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(db) {
        return p;
    }
    let absolute = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    match (absolute.parent().and_then(|p| std::fs::canonicalize(p).ok()), absolute.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => absolute,
    }
}

/// The socket for `db` inside `dir`, named by a stable hash (FNV-1a) of its canonical path.
pub fn socket_path_in(dir: &Path, db: &Path) -> PathBuf {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical(db).as_os_str().as_encoded_bytes() {
        h = (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    dir.join(format!("gongkai-{h:016x}.sock"))
}

/// Whether a window has the ledger at `db` open: its socket answers `ping`.
pub fn window_holds(db: &Path) -> bool {
    window_holds_at(&socket_path(db))
}

pub fn window_holds_at(socket: &Path) -> bool {
    let Ok(mut stream) = Stream::connect(socket) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
    if stream.write_all(b"ping\n").is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = BufReader::new(&stream).read_line(&mut answer);
    answer.trim() == "ok"
}

/// Finds the running window of this ledger and asks it to show itself, or becomes that window.
/// A socket left by a window that crashed answers nobody and is replaced.
pub fn acquire(socket: &Path) -> std::io::Result<Instance> {
    if let Ok(mut stream) = Stream::connect(socket) {
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
    Ok(Instance::First(transport::bind(socket)?))
}

/// Answers later starts on a thread of its own: `focus` returns whether a window came forward.
pub fn serve(listener: Listener, focus: impl Fn() -> bool + Send + 'static) {
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
            let mut line = String::new();
            if BufReader::new(&stream).read_line(&mut line).is_ok() {
                let answer: &[u8] = match line.trim() {
                    "focus" if focus() => b"ok\n",
                    "focus" => b"no\n",
                    "ping" => b"ok\n",
                    _ => continue,
                };
                let _ = stream.write_all(answer);
            }
        }
    });
}

/// Gives up the socket of a ledger this window no longer has open: later starts and `gongkai
/// restore` stop finding this window there. (The serving thread stays blocked in `accept` on the
/// unlinked socket, which nobody can reach any more.)
pub fn release(socket: &Path) {
    let _ = std::fs::remove_file(socket);
}

#[cfg(all(test, unix))]
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
        drop(std::os::unix::net::UnixListener::bind(&stale).unwrap());
        assert!(stale.exists());
        assert!(matches!(acquire(&stale).unwrap(), Instance::First(_)));
    }

    #[test]
    fn two_spellings_of_one_ledger_share_a_socket_and_ping_finds_the_window() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        std::fs::write(dir.path().join("real/ledger.db"), b"").unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
        let a = socket_path_in(dir.path(), &dir.path().join("real/ledger.db"));
        assert_eq!(a, socket_path_in(dir.path(), &dir.path().join("link/ledger.db")), "through a symlinked folder");
        assert_eq!(a, socket_path_in(dir.path(), &dir.path().join("real/../link/./ledger.db")), "through .. and .");
        assert!(!window_holds_at(&a), "no window yet");
        let Instance::First(listener) = acquire(&a).unwrap() else { panic!() };
        serve(listener, || true);
        assert!(window_holds_at(&a), "the window answers ping");
        release(&a);
        assert!(!window_holds_at(&a), "a window that opened another ledger no longer answers for this one");
        assert!(matches!(acquire(&a).unwrap(), Instance::First(_)), "and a new start on it is first");
    }

    #[test]
    fn different_ledgers_have_different_sockets() {
        let a = socket_path(Path::new("/tmp/a/ledger.db"));
        assert_eq!(a, socket_path(Path::new("/tmp/a/ledger.db")));
        assert_ne!(a, socket_path(Path::new("/tmp/b/ledger.db")));
        assert!(a.as_os_str().len() < 100, "fits a Unix socket address");
    }
}
