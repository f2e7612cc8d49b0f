//! The window's handle on the ledger. A ledger that cannot be opened is not fatal: every
//! command answers with the reason, so the window can show it to the clerk.

use std::path::PathBuf;
use std::sync::Mutex;

use gongkai_core::AppError;
use gongkai_ledger::Ledger;

pub struct LedgerState {
    ledger: Result<Mutex<Ledger>, AppError>,
}

impl LedgerState {
    pub fn open(path: PathBuf) -> LedgerState {
        let ledger = Ledger::open(&path).map(Mutex::new).map_err(|e| {
            tracing::error!(path = %path.display(), error = %e, "cannot open ledger");
            e.to_app_error()
        });
        LedgerState { ledger }
    }

    /// Runs `f` with the ledger locked. The lock is never held across an `.await`.
    pub fn with<T>(&self, f: impl FnOnce(&mut Ledger) -> Result<T, gongkai_ledger::Error>) -> Result<T, AppError> {
        let mutex = self.ledger.as_ref().map_err(Clone::clone)?;
        let mut guard = mutex.lock().map_err(|_| AppError::internal("台账处于异常状态，请重新启动程序"))?;
        let out = f(&mut guard).map_err(|e| e.to_app_error());
        crate::bench_hook::answered::<T>();
        out
    }
}
