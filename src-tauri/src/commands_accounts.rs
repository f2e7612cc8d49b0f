//! IPC for accounts (issue 17): whether the ledger has accounts and who is signed in on this
//! window, signing in and out, and changing one's own password. (The first 管理员 is added with
//! `gongkai user add` for now.) The ledger does every check; this only passes the window's clock.

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

#[tauri::command(async)]
pub fn account_change_password(state: State<'_, LedgerState>, old: String, new: String) -> Res<AccountStatus> {
    state.with(|l| {
        accounts::change_password(l, &old, &new)?;
        status(l)
    })
}
