//! `gongkai user add|list|disable|enable|passwd|roles`: accounts from the command line. Passwords
//! come from the environment, never from a prompt or an argument (which `ps` would show): the new
//! one from `GONGKAI_NEW_PASSWORD`, the signed-in account's from `GONGKAI_PASSWORD` (`--user`).

use std::path::Path;

use clap::Subcommand;
use gongkai_core::account::{self as rules};
use gongkai_ledger::{accounts, Ledger};

use crate::commands::{CmdResult, Failure, Io};

/// Where a new password comes from.
pub const NEW_PASSWORD_ENV: &str = "GONGKAI_NEW_PASSWORD";

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// 添加账户（第一个账户无需 --user，且必须有管理员角色；之后由管理员添加）；密码取自环境变量 GONGKAI_NEW_PASSWORD
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Add {
        /// 登录名
        #[arg(value_name = "登录名")]
        login: String,
        /// 姓名
        #[arg(long, value_name = "姓名")]
        name: String,
        /// 角色，逗号分隔：登记员,审核人,负责人,管理员
        #[arg(long = "role", value_name = "角色")]
        roles: String,
    },
    /// 列出账户（登录名、姓名、角色、状态）
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    List,
    /// 停用账户（账户不会被删除；由管理员操作）
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Disable {
        #[arg(value_name = "登录名")]
        login: String,
    },
    /// 重新启用账户（由管理员操作）
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Enable {
        #[arg(value_name = "登录名")]
        login: String,
    },
    /// 修改密码：不写登录名时改自己的（原密码为 GONGKAI_PASSWORD）；写登录名时由管理员重设他人的（对方在窗口下次登录时须修改）；新密码取自 GONGKAI_NEW_PASSWORD
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Passwd {
        #[arg(value_name = "登录名")]
        login: Option<String>,
    },
    /// 设置账户的角色（由管理员操作）
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Roles {
        #[arg(value_name = "登录名")]
        login: String,
        /// 角色，逗号分隔：登记员,审核人,负责人,管理员
        #[arg(long = "role", value_name = "角色")]
        roles: String,
    },
}

fn new_password() -> Result<String, Failure> {
    std::env::var(NEW_PASSWORD_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| Failure::usage(format!("请在环境变量 {NEW_PASSWORD_ENV} 中提供新密码（不会在命令行上询问或显示）")))
}

fn roles(text: &str) -> Result<Vec<rules::Role>, Failure> {
    rules::parse_roles(text).map_err(Failure::usage)
}

fn show(a: &accounts::Account) -> String {
    let state = if !a.enabled {
        "停用"
    } else if a.locked_until.is_some() {
        "锁定"
    } else {
        "启用"
    };
    let change = if a.must_change { "（下次登录须改密码）" } else { "" };
    format!("{}\t{}\t{}\t{state}{change}", a.login, a.name, rules::roles_label(&a.roles))
}

pub fn run(command: &UserCommand, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let now = chrono::Local::now().naive_local();
    match command {
        UserCommand::Add { login, name, roles: r } => {
            let roles = roles(r)?;
            let password = new_password()?;
            let mut ledger = Ledger::open(db)?;
            let a = accounts::create(&mut ledger, login, name, &roles, &password, now)?;
            let _ = writeln!(io.out, "已添加账户 {}（{}）", a.signature(), rules::roles_label(&a.roles));
        }
        UserCommand::List => {
            let ledger = Ledger::open(db)?;
            let all = accounts::list(&ledger)?;
            if all.is_empty() {
                let _ = writeln!(io.err, "该台账还没有账户");
            }
            for a in all {
                let _ = writeln!(io.out, "{}", show(&a));
            }
        }
        UserCommand::Disable { login } | UserCommand::Enable { login } => {
            let enable = matches!(command, UserCommand::Enable { .. });
            let mut ledger = Ledger::open(db)?;
            let a = accounts::set_enabled(&mut ledger, login, enable)?;
            let _ = writeln!(io.out, "已{}账户 {}", if enable { "启用" } else { "停用" }, a.signature());
        }
        UserCommand::Passwd { login } => {
            let password = new_password()?;
            let mut ledger = Ledger::open(db)?;
            match login {
                Some(login) => {
                    let a = accounts::reset_password(&mut ledger, login, &password)?;
                    let _ = writeln!(io.out, "已重设 {} 的密码；在窗口中下次登录时须修改", a.signature());
                }
                None => {
                    let old = std::env::var(crate::PASSWORD_ENV).unwrap_or_default();
                    accounts::change_password(&mut ledger, &old, &password)?;
                    let _ = writeln!(io.out, "已修改密码");
                }
            }
        }
        UserCommand::Roles { login, roles: r } => {
            let roles = roles(r)?;
            let mut ledger = Ledger::open(db)?;
            let a = accounts::set_roles(&mut ledger, login, &roles)?;
            let _ = writeln!(io.out, "{} 的角色：{}", a.signature(), rules::roles_label(&a.roles));
        }
    }
    Ok(())
}
