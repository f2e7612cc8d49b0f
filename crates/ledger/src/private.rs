//! Files that hold personal data (the ledger, its backups, attachments, letters for printing) are
//! readable by their owner only: 0600 files in 0700 folders on Unix. Every place that creates such
//! a file or folder goes through here (the print folder's extra checks, a real folder owned by this
//! account, are in `gongkai_app::print`).
//!
//! | system | how | tested |
//! |---|---|---|
//! | Unix (Linux, BSD, macOS) | `mode` 0600 / 0700 at creation (`O_EXCL` for new files), `chmod` for existing ones | yes |
//! | Windows | nothing is done here yet: files inherit the ACL of their folder. The ledger's default place (`%APPDATA%\cn.gov.gongkai.ledger`) and the print folder (`%LOCALAPPDATA%`) are already readable by the account alone (and administrators); a ledger the clerk puts elsewhere (a shared drive) is not. The equivalent is an explicit DACL (owner: full control; no inheritance) set with `SetNamedSecurityInfoW` in `create_dir`, `create_new` and `restrict`; the print folder's owner check would compare the folder's owner SID with the process token's | no: cannot be built here |

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `dir` and its missing parents; the folders this call creates are 0700. An existing
/// folder is left as it is (it may be the clerk's own, shared with other files).
pub fn create_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// Creates `dir` if needed and makes it 0700 even when it existed (a folder that is ours alone:
/// the attachments of a ledger, its backups, the print folder).
pub fn own_dir(dir: &Path) -> io::Result<()> {
    create_dir(dir)?;
    restrict(dir, 0o700)
}

/// Creates a new file that must not exist yet (O_EXCL: a planted file or link is refused), 0600.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Makes an existing file or folder readable by its owner only (`mode` 0o600 or 0o700).
pub fn restrict(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let current = std::fs::metadata(path)?.permissions().mode() & 0o777;
        if current != mode {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}
