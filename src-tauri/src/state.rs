//! The window's handle on the ledger. A ledger that cannot be opened is not fatal: every
//! command answers with the reason, so the window can show it to the clerk. The handle can be
//! closed and reopened in place, which is how 设置 restores a backup without a restart, and it
//! carries this workstation's 操作人, recorded on every change made from the window.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use gongkai_core::AppError;
use gongkai_ledger::{backup, Ledger};

use crate::workstation;

/// What every IPC command returns: its DTO, or the boundary error `{code, message}`.
pub type Res<T> = Result<T, AppError>;

/// Today on this computer's clock: the shell reads the clock and passes it down.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub struct LedgerState {
    path: PathBuf,
    ledger: Mutex<Result<Ledger, AppError>>,
    /// The 操作人 this workstation kept before accounts: it signs what a ledger without accounts
    /// records before its first 管理员 exists.
    operator: Option<String>,
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
    pub fn open(path: PathBuf, config_dir: PathBuf) -> LedgerState {
        let operator = workstation::load_operator(&config_dir);
        let ledger = open_ledger(&path, operator.as_deref());
        LedgerState { path, ledger: Mutex::new(ledger), operator }
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

    pub fn path(&self) -> &Path {
        &self.path
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
        let from = backup::resolve(&self.path, name).map_err(|e| e.to_app_error())?;
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

/// The window's automatic backups: one at start, then whenever the newest automatic backup of
/// this ledger is older than the interval (设置: 自动备份间隔, default 4 hours). Runs for the
/// window's life on its own thread and read-only connection.
pub fn auto_backups(db: &Path) {
    loop {
        if let Err(e) = backup::auto_backup_as_set(db, chrono::Local::now().naive_local()) {
            tracing::error!(error = %e, "automatic backup failed");
        }
        std::thread::sleep(AUTO_BACKUP_TICK);
    }
}
