//! 账户: the people who sign changes. Accounts live in the ledger (migration 0012), passwords as
//! argon2id PHC strings. A ledger without accounts (every ledger before issue 17) works as before;
//! once the first account exists (it must hold 管理员), writes need a signed-in account with the
//! role the action asks for, checked here, in the ledger, not only in the page: `require` refuses
//! with `Error::Forbidden` naming the role.
//!
//! Sign-in counts failed attempts on the account's row (audited like any change): five in a row
//! lock it for five minutes. A 管理员's reset sets `must_change`, so the window asks for a new
//! password at next login.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::NaiveDateTime;
use gongkai_core::account::{self as rules, Role};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::EventKind;
use crate::{Error, Ledger, Result};

std::thread_local! {
    static CREDENTIALS: std::cell::RefCell<Option<(String, String)>> = const { std::cell::RefCell::new(None) };
}

/// The command line's `--user` and `GONGKAI_PASSWORD` for this thread: every ledger opened on it
/// afterwards signs in with them (a wrong password fails the open). None: open without signing in.
pub fn set_thread_credentials(credentials: Option<(String, String)>) {
    CREDENTIALS.with(|c| *c.borrow_mut() = credentials);
}

/// Signs in with this thread's credentials, if any (called by `Ledger::open`).
pub(crate) fn sign_in_from_thread(ledger: &mut Ledger) -> Result<()> {
    let Some((login, password)) = CREDENTIALS.with(|c| c.borrow().clone()) else { return Ok(()) };
    if !any(ledger)? {
        return Err(Error::Validation("该台账还没有账户，不需要 --user；请先用 gongkai user add 添加第一个管理员".into()));
    }
    sign_in(ledger, &login, &password, chrono::Local::now().naive_local()).map(|_| ())
}

/// An account as lists show it (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Account {
    #[ts(type = "number")]
    pub id: i64,
    pub login: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub enabled: bool,
    /// A 管理员 reset the password: the next login must set a new one.
    pub must_change: bool,
    /// Locked after five failed logins until this local time, "YYYY-MM-DD HH:MM:SS".
    pub locked_until: Option<String>,
}

impl Account {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// "姓名（登录名）": how audit entries, events and letters name the account.
    pub fn signature(&self) -> String {
        format!("{}（{}）", self.name, self.login)
    }
}

const STAMP: &str = "%Y-%m-%d %H:%M:%S";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: r.get(0)?,
        login: r.get(1)?,
        name: r.get(2)?,
        roles: rules::roles_from_code(&r.get::<_, String>(3)?),
        enabled: r.get::<_, i64>(4)? == 1,
        must_change: r.get::<_, i64>(5)? == 1,
        locked_until: r.get(6)?,
    })
}

const COLUMNS: &str = "id, login, name, roles, enabled, must_change, locked_until";

/// Whether the ledger has any account (then writes need a signed-in account). Asked before every
/// write: once seen, the answer is kept on the handle (accounts are never deleted); until then it
/// is asked again, since another program (the command line) may add the first account meanwhile.
pub fn any(ledger: &Ledger) -> Result<bool> {
    if ledger.accounts_seen.get() {
        return Ok(true);
    }
    // A ledger opened read-only is not migrated and may predate the table.
    if ledger.read_only && !crate::has_table(ledger.conn(), "account")? {
        return Ok(false);
    }
    let seen = ledger
        .conn()
        .query_row("SELECT EXISTS (SELECT 1 FROM account)", [], |r| r.get::<_, bool>(0))
        .map_err(|e| Error::sqlite("读取账户", e))?;
    ledger.accounts_seen.set(seen);
    Ok(seen)
}

/// Every account, by 登录名.
pub fn list(ledger: &Ledger) -> Result<Vec<Account>> {
    let mut stmt = ledger
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM account ORDER BY login"))
        .map_err(|e| Error::sqlite("读取账户", e))?;
    let rows = stmt.query_map([], read).map_err(|e| Error::sqlite("读取账户", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取账户", e))
}

fn find(ledger: &Ledger, login: &str) -> Result<Option<(Account, String, i64)>> {
    ledger
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS}, password_hash, failed_logins FROM account WHERE login = ?1"),
            [login.trim()],
            |r| Ok((read(r)?, r.get::<_, String>(7)?, r.get::<_, i64>(8)?)),
        )
        .optional()
        .map_err(|e| Error::sqlite("读取账户", e))
}

fn get(ledger: &Ledger, login: &str) -> Result<Account> {
    find(ledger, login)?
        .map(|(a, _, _)| a)
        .ok_or_else(|| Error::NotFound(format!("没有登录名为“{}”的账户", gongkai_core::error::clip(login.trim()))))
}

fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Validation(format!("无法处理该密码（{e}）")))
}

fn matches(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// What the window needs to decide between 操作人 (no accounts) and the login screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountStatus {
    pub has_accounts: bool,
    /// The account signed in on this handle, if any.
    pub signed_in: Option<Account>,
}

pub fn status(ledger: &Ledger) -> Result<AccountStatus> {
    Ok(AccountStatus { has_accounts: any(ledger)?, signed_in: ledger.session.clone() })
}

/// The account signed in on this ledger handle, if any.
pub fn current(ledger: &Ledger) -> Option<&Account> {
    ledger.session.as_ref()
}

/// `actor` as the ledger records it: when an account is signed in, the account (姓名（登录名）)
/// rather than whatever name the caller passed; events, letters and attachments then name the
/// same person as the audit entries.
pub fn signed(ledger: &Ledger, actor: &crate::requests::Actor) -> crate::requests::Actor {
    match &ledger.session {
        Some(a) => crate::requests::Actor { operator: a.signature(), now: actor.now },
        None => actor.clone(),
    }
}

/// Refuses unless the ledger has no accounts, or the signed-in account holds `role`.
pub fn require(ledger: &Ledger, role: Role) -> Result<()> {
    if !any(ledger)? {
        return Ok(());
    }
    match &ledger.session {
        None => Err(Error::Forbidden(format!("该台账已启用账户，请先登录（此操作需要{}角色）", role.label()))),
        Some(a) if a.has(role) => Ok(()),
        Some(a) => Err(Error::Forbidden(format!(
            "此操作需要{}角色；当前账户 {} 的角色是{}",
            role.label(),
            a.signature(),
            rules::roles_label(&a.roles)
        ))),
    }
}

/// Adds an account. The first account of a ledger needs no sign-in and must hold 管理员; every
/// later one is added by a signed-in 管理员.
pub fn create(ledger: &mut Ledger, login: &str, name: &str, roles: &[Role], password: &str, now: NaiveDateTime) -> Result<Account> {
    let login = rules::check_login(login).map_err(Error::Validation)?;
    let name = rules::check_name(name).map_err(Error::Validation)?;
    rules::check_password(&login, password).map_err(Error::Validation)?;
    let first = !any(ledger)?;
    if first && !roles.contains(&Role::Admin) {
        return Err(Error::Validation("第一个账户必须有管理员角色，之后由管理员添加其他账户".into()));
    }
    if !first {
        require(ledger, Role::Admin)?;
    }
    if roles.is_empty() {
        return Err(Error::Validation("至少要有一个角色（登记员、审核人、负责人、管理员）".into()));
    }
    if find(ledger, &login)?.is_some() {
        return Err(Error::Conflict(format!("登录名“{login}”已被使用")));
    }
    let phc = hash(password)?;
    ledger.with_tx(|tx| {
        tx.execute(
            "INSERT INTO account (login, name, roles, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![login, name, rules::roles_code(roles), phc, now.format(STAMP).to_string()],
        )
        .map_err(|e| Error::sqlite("添加账户", e))?;
        Ok(())
    })?;
    get(ledger, &login)
}

/// Signs in on this ledger handle: checks the password (argon2id), counts failures (five in a row
/// lock the account for five minutes), refuses a disabled or locked account, and from now on
/// records every change as this account. Returns the account (`must_change` tells the caller to
/// ask for a new password).
pub fn sign_in(ledger: &mut Ledger, login: &str, password: &str, now: NaiveDateTime) -> Result<Account> {
    let refused = || Error::Forbidden("登录名或密码不正确".into());
    let Some((account, phc, failed)) = find(ledger, login)? else { return Err(refused()) };
    if !account.enabled {
        return Err(Error::Forbidden(format!("账户 {} 已停用，请联系管理员", account.login)));
    }
    if let Some(until) = account.locked_until.as_deref().and_then(|u| NaiveDateTime::parse_from_str(u, STAMP).ok()) {
        if until > now {
            let minutes = ((until - now).num_seconds() + 59) / 60;
            return Err(Error::Forbidden(format!("账户 {} 因连续 {} 次密码错误已锁定，请 {minutes} 分钟后再试", account.login, rules::MAX_FAILED_LOGINS)));
        }
    }
    if !matches(password, &phc) {
        let failed = failed + 1;
        let lock = (failed >= rules::MAX_FAILED_LOGINS).then(|| (now + chrono::Duration::minutes(rules::LOCK_MINUTES)).format(STAMP).to_string());
        let id = account.id;
        ledger.with_tx(|tx| {
            tx.execute(
                "UPDATE account SET failed_logins = ?1, locked_until = coalesce(?2, locked_until) WHERE id = ?3",
                params![if lock.is_some() { 0 } else { failed }, lock, id],
            )
            .map_err(|e| Error::sqlite("记录登录失败", e))?;
            Ok(())
        })?;
        if lock.is_some() {
            return Err(Error::Forbidden(format!(
                "密码错误已连续 {} 次，账户 {} 锁定 {} 分钟",
                rules::MAX_FAILED_LOGINS,
                account.login,
                rules::LOCK_MINUTES
            )));
        }
        return Err(refused());
    }
    if failed > 0 || account.locked_until.is_some() {
        let id = account.id;
        ledger.with_tx(|tx| {
            tx.execute("UPDATE account SET failed_logins = 0, locked_until = NULL WHERE id = ?1", [id])
                .map_err(|e| Error::sqlite("登录", e))?;
            Ok(())
        })?;
    }
    let account = get(ledger, &account.login)?;
    ledger.set_operator(&account.signature())?;
    ledger.session = Some(account.clone());
    let host = std::env::var("HOSTNAME").ok().or_else(|| std::fs::read_to_string("/etc/hostname").ok()).unwrap_or_default();
    let os_user = ["USER", "USERNAME", "LOGNAME"].iter().find_map(|k| std::env::var(k).ok()).unwrap_or_default();
    crate::audit::events::record(
        ledger,
        EventKind::SignIn,
        &format!("{} 登录（本机用户 {}，计算机 {}）", account.signature(), os_user.trim(), host.trim()),
        0,
    )?;
    Ok(account)
}

/// Signs out: changes are recorded under the default operator again (and refused on a ledger with
/// accounts).
pub fn sign_out(ledger: &mut Ledger) -> Result<()> {
    ledger.session = None;
    ledger.set_operator(&crate::default_operator())
}

fn admin_update(ledger: &mut Ledger, login: &str, sql: &str, value: &dyn rusqlite::ToSql, action: &'static str) -> Result<Account> {
    require(ledger, Role::Admin)?;
    let account = get(ledger, login)?;
    ledger.with_tx(|tx| {
        tx.execute(sql, params![value, account.id]).map_err(|e| Error::sqlite(action, e))?;
        Ok(())
    })?;
    get(ledger, &account.login)
}

/// Enabled, disabled: a disabled account cannot sign in. The last enabled 管理员 stays.
pub fn set_enabled(ledger: &mut Ledger, login: &str, enabled: bool) -> Result<Account> {
    if !enabled {
        guard_last_admin(ledger, login, None)?;
    }
    admin_update(ledger, login, "UPDATE account SET enabled = ?1 WHERE id = ?2", &(enabled as i64), "停用账户")
}

/// Replaces an account's roles; the last enabled 管理员 keeps 管理员.
pub fn set_roles(ledger: &mut Ledger, login: &str, roles: &[Role]) -> Result<Account> {
    if roles.is_empty() {
        return Err(Error::Validation("至少要有一个角色（登记员、审核人、负责人、管理员）".into()));
    }
    guard_last_admin(ledger, login, Some(roles))?;
    admin_update(ledger, login, "UPDATE account SET roles = ?1 WHERE id = ?2", &rules::roles_code(roles), "修改角色")
}

fn guard_last_admin(ledger: &Ledger, login: &str, new_roles: Option<&[Role]>) -> Result<()> {
    let target = get(ledger, login)?;
    let keeps_admin = new_roles.is_some_and(|r| r.contains(&Role::Admin));
    if !target.has(Role::Admin) || !target.enabled || keeps_admin {
        return Ok(());
    }
    let others = list(ledger)?.into_iter().filter(|a| a.enabled && a.has(Role::Admin) && a.id != target.id).count();
    if others == 0 {
        return Err(Error::Conflict(format!("{} 是唯一启用的管理员，不能停用或去掉管理员角色；请先让另一个账户成为管理员", target.signature())));
    }
    Ok(())
}

/// The signed-in account changes its own password (the old one is asked again).
pub fn change_password(ledger: &mut Ledger, old: &str, new: &str) -> Result<()> {
    let Some(me) = ledger.session.clone() else { return Err(Error::Forbidden("请先登录".into())) };
    let (_, phc, _) = find(ledger, &me.login)?.ok_or_else(|| Error::NotFound("账户不存在".into()))?;
    if !matches(old, &phc) {
        return Err(Error::Validation("原密码不正确".into()));
    }
    if old == new {
        return Err(Error::Validation("新密码不能与原密码相同".into()));
    }
    rules::check_password(&me.login, new).map_err(Error::Validation)?;
    let phc = hash(new)?;
    ledger.with_tx(|tx| {
        tx.execute("UPDATE account SET password_hash = ?1, must_change = 0 WHERE id = ?2", params![phc, me.id])
            .map_err(|e| Error::sqlite("修改密码", e))?;
        Ok(())
    })?;
    ledger.session = Some(get(ledger, &me.login)?);
    Ok(())
}

/// A 管理员 sets another account's password; that account must change it at its next login in
/// the window (the command line accepts it at once).
pub fn reset_password(ledger: &mut Ledger, login: &str, new: &str) -> Result<Account> {
    require(ledger, Role::Admin)?;
    let account = get(ledger, login)?;
    rules::check_password(&account.login, new).map_err(Error::Validation)?;
    let phc = hash(new)?;
    ledger.with_tx(|tx| {
        tx.execute(
            "UPDATE account SET password_hash = ?1, must_change = 1, failed_logins = 0, locked_until = NULL WHERE id = ?2",
            params![phc, account.id],
        )
        .map_err(|e| Error::sqlite("重设密码", e))?;
        Ok(())
    })?;
    get(ledger, &account.login)
}
