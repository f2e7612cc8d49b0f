//! 备份与恢复: an online copy of the ledger through SQLite's backup API, and a restore that
//! checks the file first and keeps a copy of the ledger it replaces.

use std::path::{Path, PathBuf};

use rusqlite::backup::Backup;
use rusqlite::Connection;

use crate::{Error, Ledger, Result};

/// Copies the open ledger to `out` while it stays usable (SQLite's online backup).
pub fn backup_to(ledger: &Ledger, out: &Path) -> Result<()> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("创建备份文件夹", parent, e))?;
    }
    let tmp = out.with_extension("part");
    let _ = std::fs::remove_file(&tmp);
    {
        let mut dst = Connection::open(&tmp).map_err(|e| Error::sqlite("创建备份文件", e))?;
        {
            let backup = Backup::new(ledger.conn(), &mut dst).map_err(|e| Error::sqlite("备份台账", e))?;
            backup
                .run_to_completion(256, std::time::Duration::from_millis(5), None)
                .map_err(|e| Error::sqlite("备份台账", e))?;
        }
        // A backup is one self-contained file: no WAL beside it.
        dst.execute_batch("PRAGMA journal_mode = DELETE;").map_err(|e| Error::sqlite("备份台账", e))?;
    }
    std::fs::rename(&tmp, out).map_err(|e| Error::io("保存备份文件", out, e))?;
    Ok(())
}

/// Where the copy of a ledger replaced by a restore goes: `backups/` beside it.
pub fn backups_dir(ledger_path: &Path) -> PathBuf {
    ledger_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// Checks `from` (a ledger of ours, sound, not newer than this program), backs up the ledger at
/// `to` if there is one, then replaces it. Returns the path of that safety copy, if any.
pub fn restore(from: &Path, to: &Path, stamp: &str) -> Result<Option<PathBuf>> {
    let candidate = Ledger::open_read_only(from)?;
    let problems = candidate.check_integrity()?;
    if !problems.is_empty() {
        return Err(Error::Validation(format!("备份文件未通过完整性检查：{}", problems.join("；"))));
    }
    drop(candidate);
    let safety = if to.exists() {
        let current = Ledger::open(to)?;
        let dest = backups_dir(to).join(format!("恢复前-{stamp}.db"));
        backup_to(&current, &dest)?;
        Some(dest)
    } else {
        None
    };
    let tmp = to.with_extension("restoring");
    std::fs::copy(from, &tmp).map_err(|e| Error::io("复制备份文件", from, e))?;
    for suffix in ["-wal", "-shm"] {
        let mut side = to.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&tmp, to).map_err(|e| Error::io("替换台账文件", to, e))?;
    // Opening migrates a restored older ledger forward, like any other.
    Ledger::open(to)?;
    Ok(safety)
}
