//! IPC for accounts (issue 17): whether the ledger has accounts and who is signed in on this
//! window; the first 管理员 of a ledger without accounts; signing in, out and locking; one's own
//! password; and a 管理员's account management. The ledger does every check (roles included);
//! this only passes the window's clock.

use gongkai_core::account::Role;
use gongkai_ledger::accounts::{self, status, Account, AccountStatus};
use gongkai_ledger::settings::{self, SecuritySettings};
use tauri::State;

use crate::state::{LedgerState, Res};

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

#[tauri::command(async)]
pub fn account_status(state: State<'_, LedgerState>) -> Res<AccountStatus> {
    state.with(|l| status(l))
}

/// The first account of a ledger without accounts (it must hold 管理员), signed in at once.
#[tauri::command(async)]
pub fn account_create_first(state: State<'_, LedgerState>, login: String, name: String, roles: Vec<Role>, password: String) -> Res<AccountStatus> {
    state.with(|l| {
        if accounts::any(l)? {
            return Err(gongkai_ledger::Error::Conflict("该台账已有账户，请登录；新账户由管理员在“设置 → 账户与安全”中添加".into()));
        }
        let account = accounts::create(l, &login, &name, &roles, &password, now())?;
        accounts::sign_in(l, &account.login, &password, now())?;
        status(l)
    })
}

#[tauri::command(async)]
pub fn account_sign_in(state: State<'_, LedgerState>, login: String, password: String) -> Res<AccountStatus> {
    state.with(|l| {
        accounts::sign_in(l, &login, &password, now())?;
        status(l)
    })
}

/// 退出 and the idle lock: nothing more is recorded under the account until it signs in again.
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

#[tauri::command(async)]
pub fn account_list(state: State<'_, LedgerState>) -> Res<Vec<Account>> {
    state.with(|l| accounts::list(l))
}

/// A 管理员 adds an account.
#[tauri::command(async)]
pub fn account_add(state: State<'_, LedgerState>, login: String, name: String, roles: Vec<Role>, password: String) -> Res<Vec<Account>> {
    state.with(|l| {
        accounts::create(l, &login, &name, &roles, &password, now())?;
        accounts::list(l)
    })
}

/// A 管理员 enables or disables an account (never deletes it).
#[tauri::command(async)]
pub fn account_set_enabled(state: State<'_, LedgerState>, login: String, enabled: bool) -> Res<Vec<Account>> {
    state.with(|l| {
        accounts::set_enabled(l, &login, enabled)?;
        accounts::list(l)
    })
}

#[tauri::command(async)]
pub fn account_set_roles(state: State<'_, LedgerState>, login: String, roles: Vec<Role>) -> Res<Vec<Account>> {
    state.with(|l| {
        accounts::set_roles(l, &login, &roles)?;
        accounts::list(l)
    })
}

/// A 管理员 resets another's password; that account must change it at its next login.
#[tauri::command(async)]
pub fn account_reset_password(state: State<'_, LedgerState>, login: String, password: String) -> Res<Vec<Account>> {
    state.with(|l| {
        accounts::reset_password(l, &login, &password)?;
        accounts::list(l)
    })
}

#[tauri::command(async)]
pub fn security_settings(state: State<'_, LedgerState>) -> Res<SecuritySettings> {
    state.with(|l| settings::security_settings(l))
}

#[tauri::command(async)]
pub fn save_security_settings(state: State<'_, LedgerState>, settings: SecuritySettings) -> Res<SecuritySettings> {
    state.with(|l| {
        settings::save_security_settings(l, &settings)?;
        settings::security_settings(l)
    })
}
