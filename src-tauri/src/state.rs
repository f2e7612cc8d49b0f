//! The window's handle on the ledger. A ledger that cannot be opened is not fatal: every
//! command answers with the reason, so the window can show it to the clerk. The handle can be
//! closed and reopened in place, which is how 设置 restores a backup without a restart, and it
//! can be pointed at another ledger file (设置 → 关于: `switch_to`); it carries this
//! workstation's 操作人, recorded on every change made from the window, and the single-instance
//! socket of the ledger it has open.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use gongkai_core::AppError;
use gongkai_ledger::{backup, Ledger};

use crate::workstation::{self, LedgerSource};

/// What every IPC command returns: its DTO, or the boundary error `{code, message}`.
pub type Res<T> = Result<T, AppError>;

/// Today on this computer's clock: the shell reads the clock and passes it down.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub struct LedgerState {
    path: Mutex<PathBuf>,
    source: Mutex<LedgerSource>,
    config_dir: PathBuf,
    ledger: Mutex<Result<Ledger, AppError>>,
    /// The 操作人 this workstation kept before accounts: it signs what a ledger without accounts
    /// records before its first 管理员 exists.
    operator: Option<String>,
    /// The single-instance socket this window answers on for its ledger; None when switched off
    /// or unavailable.
    socket: Mutex<Option<PathBuf>>,
}

fn open_ledger(path: &Path, operator: Option<&str>) -> Result<Ledger, AppError> {
    let mut ledger = Ledger::open(path).map_err(|e| {
        tracing::error!(path = %path.display(), error = %e, "cannot open ledger");
        e.to_app_error()
    })?;
    if let Some(name) = operator {
        ledger.set_operator(name).map_err(|e| e.to_app_error())?;
    }
    Ok(ledger)
}

fn poisoned() -> AppError {
    AppError::internal("台账处于异常状态，请重新启动程序")
}

impl LedgerState {
    pub fn open(path: PathBuf, source: LedgerSource, config_dir: PathBuf, socket: Option<PathBuf>) -> LedgerState {
        let operator = workstation::load_operator(&config_dir);
        let ledger = open_ledger(&path, operator.as_deref());
        LedgerState {
            path: Mutex::new(path),
            source: Mutex::new(source),
            config_dir,
            ledger: Mutex::new(ledger),
            operator,
            socket: Mutex::new(socket),
        }
    }

    fn lock(&self) -> Result<MutexGuard<'_, Result<Ledger, AppError>>, AppError> {
        self.ledger.lock().map_err(|_| poisoned())
    }

    /// Runs `f` with the ledger locked. The lock is never held across an `.await`.
    pub fn with<T>(&self, f: impl FnOnce(&mut Ledger) -> Result<T, gongkai_ledger::Error>) -> Result<T, AppError> {
        let mut guard = self.lock()?;
        let ledger = guard.as_mut().map_err(|e| e.clone())?;
        let out = f(ledger).map_err(|e| e.to_app_error());
        crate::bench_hook::answered::<T>();
        out
    }

    /// The ledger file this window has open (or failed to open).
    pub fn path(&self) -> PathBuf {
        self.path.lock().map(|p| p.clone()).unwrap_or_default()
    }

    pub fn source(&self) -> LedgerSource {
        self.source.lock().map(|s| *s).unwrap_or(LedgerSource::Default)
    }

    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }

    /// Opens the ledger at `path` (creating it when it does not exist) and, once it opened, puts
    /// it in place of the current one, which is closed (its head goes into this workstation's
    /// record). `socket` is the single-instance socket already taken for `path`; the old one is
    /// given up. A ledger that does not open changes nothing: the window keeps the current one.
    pub fn switch_to(&self, path: PathBuf, socket: Option<PathBuf>) -> Result<(), AppError> {
        let operator = self.operator();
        let next = open_ledger(&path, operator.as_deref())?;
        *self.lock()? = Ok(next);
        *self.path.lock().map_err(|_| poisoned())? = path.clone();
        *self.source.lock().map_err(|_| poisoned())? = LedgerSource::Chosen;
        let old = std::mem::replace(&mut *self.socket.lock().map_err(|_| poisoned())?, socket);
        if let Some(old) = old {
            gongkai_cli::instance::release(&old);
        }
        if let Err(e) = workstation::save_last_ledger(&self.config_dir, &path) {
            tracing::warn!(error = %e.message, "the ledger opened but is not remembered for the next start");
        }
        tracing::info!(path = %path.display(), "window switched to another ledger");
        Ok(())
    }

    /// This workstation's 操作人, None until the clerk has entered one.
    pub fn operator(&self) -> Option<String> {
        self.operator.clone()
    }

    /// The name written into request events: the workstation's 操作人, else the one default rule
    /// (`gongkai_ledger::default_operator`), which the audit rows follow too.
    pub fn actor_name(&self) -> String {
        self.operator().unwrap_or_else(gongkai_ledger::default_operator)
    }

    /// Who acts now: this workstation's 操作人 (else the default rule), at this moment.
    pub fn actor(&self) -> gongkai_ledger::requests::Actor {
        gongkai_ledger::requests::Actor { operator: self.actor_name(), now: chrono::Local::now().naive_local() }
    }

    /// Restores backup `name` from `backups/` through the window's own connection (SQLite's
    /// backup API: no file is swapped under anyone). A backup of another ledger is refused until
    /// the clerk confirmed it (`other_ledger_confirmed`). Returns the safety copy's file name.
    pub fn restore(&self, name: &str, other_ledger_confirmed: bool) -> Result<String, AppError> {
        let from = backup::resolve(&self.path(), name).map_err(|e| e.to_app_error())?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
        self.with(|l| backup::restore_into(l, &from, other_ledger_confirmed, &stamp)).map(|o| o.safety_copy)
    }

    /// Closes the ledger (at exit): its head goes into this workstation's record.
    pub fn close(&self) {
        if let Ok(mut guard) = self.ledger.lock() {
            *guard = Err(AppError::new(gongkai_core::ErrorCode::Conflict, "台账已关闭"));
        }
    }
}

/// How often the automatic-backup thread looks at the clock.
const AUTO_BACKUP_TICK: std::time::Duration = std::time::Duration::from_secs(600);

/// One automatic backup of `db` if its newest is older than the interval (设置: 自动备份间隔,
/// default 4 hours).
pub fn auto_backup_once(db: &Path) {
    if let Err(e) = backup::auto_backup_as_set(db, chrono::Local::now().naive_local()) {
        tracing::error!(error = %e, "automatic backup failed");
    }
}

/// How long after the window starts the first automatic backup waits (issue 22): copying a big
/// ledger competes with the first paint and the clerk's first page for the disk and the CPU.
const AUTO_BACKUP_START_DELAY: std::time::Duration = std::time::Duration::from_secs(30);

/// The window's automatic backups: one shortly after start, then whenever the newest automatic
/// backup of the window's ledger (`current`, which 设置 → 关于 may change) is older than the
/// interval. Runs for the window's life on its own thread.
pub fn auto_backups(current: impl Fn() -> PathBuf) {
    std::thread::sleep(AUTO_BACKUP_START_DELAY);
    loop {
        auto_backup_once(&current());
        std::thread::sleep(AUTO_BACKUP_TICK);
    }
}
