//! IPC for accounts (issue 17): whether the ledger has accounts and who is signed in on this
//! window, signing in and out, the first 管理员 of a ledger without accounts, and changing one's
//! own password. The ledger does every check; this only passes the window's clock.

use gongkai_core::account::Role;
use gongkai_ledger::accounts::{self, status, AccountStatus};
use tauri::State;

use crate::state::{LedgerState, Res};

#[tauri::command(async)]
pub fn account_status(state: State<'_, LedgerState>) -> Res<AccountStatus> {
    state.with(|l| status(l))
}

#[tauri::command(async)]
pub fn account_sign_in(state: State<'_, LedgerState>, login: String, password: String) -> Res<AccountStatus> {
    state.with(|l| {
        accounts::sign_in(l, &login, &password, chrono::Local::now().naive_local())?;
        status(l)
    })
}

#[tauri::command(async)]
pub fn account_sign_out(state: State<'_, LedgerState>) -> Res<AccountStatus> {
    state.with(|l| {
        accounts::sign_out(l)?;
        status(l)
    })
}

/// The first account of a ledger without accounts: a 管理员, signed in at once.
#[tauri::command(async)]
pub fn account_create_first(state: State<'_, LedgerState>, login: String, name: String, password: String) -> Res<AccountStatus> {
    state.with(|l| {
        let now = chrono::Local::now().naive_local();
        let a = accounts::create(l, &login, &name, &[Role::Admin], &password, now)?;
        accounts::sign_in(l, &a.login, &password, now)?;
        status(l)
    })
}

#[tauri::command(async)]
pub fn account_change_password(state: State<'_, LedgerState>, old: String, new: String) -> Res<AccountStatus> {
    state.with(|l| {
        accounts::change_password(l, &old, &new)?;
        status(l)
    })
}
