//! The print folder: where a letter's PDF is written for the system's PDF viewer to print. It is
//! this account's own: `$XDG_RUNTIME_DIR/gongkai-print` when that is set, else the user cache
//! folder's `gongkai/print`. The folder is made 0700, and one that exists must be a real folder
//! (not a link) owned by this account, or nothing is written. Each file is new (exclusive
//! creation, 0600) under a name nobody can guess, and each print removes the files of the folder
//! older than a day.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use gongkai_core::AppError;
use gongkai_ledger::private;

/// Files in the print folder older than this are removed at the next print.
pub const KEEP: Duration = Duration::from_secs(24 * 60 * 60);

/// The print folder for `runtime` (`$XDG_RUNTIME_DIR`) and `cache` (the user cache folder): the
/// first when it is an existing absolute folder, else the second, else a per-user name in the
/// temporary folder (checked like the others before use).
pub fn choose_dir(runtime: Option<PathBuf>, cache: Option<PathBuf>) -> PathBuf {
    if let Some(r) = runtime.filter(|r| r.is_absolute() && r.is_dir()) {
        return r.join("gongkai-print");
    }
    match cache.filter(|c| c.is_absolute()) {
        Some(c) => c.join("gongkai").join("print"),
        None => std::env::temp_dir().join(format!("gongkai-print-{}", user_tag())),
    }
}

fn user_tag() -> String {
    #[cfg(unix)]
    {
        // SAFETY: geteuid has no preconditions and cannot fail.
        unsafe { libc::geteuid() }.to_string()
    }
    #[cfg(not(unix))]
    {
        std::env::var("USERNAME").unwrap_or_else(|_| "user".into())
    }
}

/// This process's print folder, created or checked (see [`ensure_own_dir`]).
pub fn print_dir() -> Result<PathBuf, AppError> {
    let dir = choose_dir(std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from), dirs::cache_dir());
    ensure_own_dir(&dir)?;
    Ok(dir)
}

fn refused(dir: &Path, why: &str) -> AppError {
    tracing::error!(dir = %dir.display(), why, "print folder refused");
    AppError::validation(format!(
        "打印文件夹“{}”{why}，为保护申请人的个人信息，未写入打印文件；请删除该文件夹或链接后重试",
        dir.display()
    ))
}

/// Creates `dir` (0700, missing parents too) or, when something is already there, accepts it only
/// if it is a real folder, not a link, owned by this account; it is then made 0700.
pub fn ensure_own_dir(dir: &Path) -> Result<(), AppError> {
    let cannot = |e: std::io::Error| {
        tracing::error!(dir = %dir.display(), error = %e, "cannot create the print folder");
        AppError::internal(format!("无法创建打印文件夹“{}”（{e}）", dir.display()))
    };
    if std::fs::symlink_metadata(dir).is_err() {
        if let Some(parent) = dir.parent() {
            private::create_dir(parent).map_err(cannot)?;
        }
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        match builder.create(dir) {
            Ok(()) => {}
            // Someone made it in between: it is checked below like any existing one.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(cannot(e)),
        }
    }
    let meta = std::fs::symlink_metadata(dir).map_err(cannot)?;
    if meta.file_type().is_symlink() {
        return Err(refused(dir, "是一个链接"));
    }
    if !meta.is_dir() {
        return Err(refused(dir, "不是文件夹"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        if meta.uid() != unsafe { libc::geteuid() } {
            return Err(refused(dir, "属于其他账户"));
        }
    }
    private::restrict(dir, 0o700).map_err(cannot)
}

/// Removes the files in `dir` last changed at least `keep` before `now`; the number removed.
/// Folders are left alone.
pub fn clean_old(dir: &Path, now: SystemTime, keep: Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let Ok(meta) = entry.path().symlink_metadata() else { continue };
        if meta.is_dir() {
            continue;
        }
        let old = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).is_some_and(|age| age >= keep);
        if old && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// `stem` made safe as a file name.
fn safe_stem(stem: &str) -> String {
    let s: String = stem
        .chars()
        .map(|c| if "<>:\"/\\|?*".contains(c) || c.is_control() { '_' } else { c })
        .take(80)
        .collect();
    if s.trim().is_empty() || s.starts_with('.') {
        format!("打印{s}")
    } else {
        s
    }
}

/// Writes `bytes` as a new PDF in `dir` (0600, exclusive creation) named `<stem>-<unguessable>.pdf`,
/// after removing the folder's files older than [`KEEP`].
pub fn write_in(dir: &Path, stem: &str, bytes: &[u8]) -> Result<PathBuf, AppError> {
    clean_old(dir, SystemTime::now(), KEEP);
    let stem = safe_stem(stem);
    let mut last = None;
    for _ in 0..8 {
        let path = dir.join(format!("{stem}-{}.pdf", unique_suffix()));
        match private::create_new(&path) {
            Ok(mut file) => {
                return file.write_all(bytes).map(|()| path).map_err(|e| {
                    tracing::error!(error = %e, "cannot write the print file");
                    AppError::internal(format!("无法写入打印文件（{e}）"))
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(AppError::internal(format!("无法写入打印文件（{e}）"))),
        }
    }
    Err(AppError::internal(format!("无法写入打印文件（{}）", last.map(|e| e.to_string()).unwrap_or_default())))
}

/// Writes `bytes` into this account's print folder (see [`write_in`]).
pub fn write(stem: &str, bytes: &[u8]) -> Result<PathBuf, AppError> {
    write_in(&print_dir()?, stem, bytes)
}

/// The process id and a keyed hash of the time: unique per call and not guessable from outside
/// the process.
fn unique_suffix() -> String {
    use std::hash::{BuildHasher, Hasher};
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    // RandomState is seeded from the OS's random source once per process.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    format!("{:x}{:016x}", std::process::id(), h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_folder_is_preferred_when_it_exists_else_the_cache_folder() {
        let dir = tempfile::tempdir().unwrap();
        let runtime = dir.path().join("run");
        std::fs::create_dir(&runtime).unwrap();
        let cache = dir.path().join("cache");
        assert_eq!(choose_dir(Some(runtime.clone()), Some(cache.clone())), runtime.join("gongkai-print"));
        assert_eq!(choose_dir(Some(dir.path().join("无")), Some(cache.clone())), cache.join("gongkai/print"));
        assert_eq!(choose_dir(Some(PathBuf::from("run")), Some(cache.clone())), cache.join("gongkai/print"));
        assert_eq!(choose_dir(None, Some(cache.clone())), cache.join("gongkai/print"));
        assert!(choose_dir(None, None).starts_with(std::env::temp_dir()));
    }

    #[cfg(unix)]
    #[test]
    fn the_folder_is_created_owner_only_and_a_planted_link_or_file_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;

        let fresh = dir.path().join("cache/gongkai/print");
        ensure_own_dir(&fresh).unwrap();
        assert_eq!(mode(&fresh), 0o700);
        assert_eq!(mode(fresh.parent().unwrap()), 0o700, "parents we create are ours alone too");

        let loose = dir.path().join("loose");
        std::fs::create_dir(&loose).unwrap();
        std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o777)).unwrap();
        ensure_own_dir(&loose).unwrap();
        assert_eq!(mode(&loose), 0o700, "an existing folder of ours is tightened");

        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        let link = dir.path().join("gongkai-print");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let e = ensure_own_dir(&link).unwrap_err();
        assert!(e.message.contains("是一个链接"), "{}", e.message);

        let file = dir.path().join("planted");
        std::fs::write(&file, b"").unwrap();
        let e = ensure_own_dir(&file).unwrap_err();
        assert!(e.message.contains("不是文件夹"), "{}", e.message);

        // Someone else's folder: root's when the tests do not run as root, else one given away.
        let theirs = if unsafe { libc::geteuid() } != 0 {
            PathBuf::from("/")
        } else {
            let theirs = dir.path().join("theirs");
            std::fs::create_dir(&theirs).unwrap();
            std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
            theirs
        };
        let e = ensure_own_dir(&theirs).unwrap_err();
        assert!(e.message.contains("属于其他账户"), "{}", e.message);
    }

    #[cfg(unix)]
    #[test]
    fn each_print_is_a_new_private_file_and_old_ones_are_removed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let a = write_in(dir.path(), "答复书/2025", b"%PDF-1").unwrap();
        let b = write_in(dir.path(), "答复书/2025", b"%PDF-2").unwrap();
        assert_ne!(a, b, "two prints never share a name");
        assert_eq!(std::fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(a.parent().unwrap(), dir.path(), "the stem cannot name another folder");
        assert!(a.file_name().unwrap().to_string_lossy().starts_with("答复书_2025-"));

        let old = dir.path().join("旧.pdf");
        std::fs::write(&old, b"old").unwrap();
        let sub = dir.path().join("子文件夹");
        std::fs::create_dir(&sub).unwrap();
        let day_ago = SystemTime::now() - KEEP - Duration::from_secs(60);
        std::fs::File::options().write(true).open(&old).unwrap().set_modified(day_ago).unwrap();
        assert_eq!(clean_old(dir.path(), SystemTime::now(), KEEP), 1);
        assert!(!old.exists(), "a file older than a day is removed");
        assert!(a.exists() && b.exists(), "today's files are kept");
        assert!(sub.exists(), "folders are left alone");
        // The next print cleans by itself.
        std::fs::write(&old, b"old").unwrap();
        std::fs::File::options().write(true).open(&old).unwrap().set_modified(day_ago).unwrap();
        write_in(dir.path(), "x", b"%PDF").unwrap();
        assert!(!old.exists());
    }
}
