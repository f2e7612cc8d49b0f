//! 账户与角色: the office's roles and the rules for login names and passwords. Pure: hashing and
//! storage are the ledger's (crates/ledger/src/accounts.rs).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The roles of a disclosure office. One person may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub enum Role {
    /// 登记员: registers documents and requests, records events, drafts letters.
    Clerk,
    /// 审核人: reviews replies.
    Reviewer,
    /// 负责人: approves extensions, signs replies, approves a report export whose 勾稽 failed.
    Head,
    /// 管理员: accounts, settings, calendar, templates, restore.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Clerk, Role::Reviewer, Role::Head, Role::Admin];

    pub fn label(self) -> &'static str {
        match self {
            Role::Clerk => "登记员",
            Role::Reviewer => "审核人",
            Role::Head => "负责人",
            Role::Admin => "管理员",
        }
    }

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Reviewer => "reviewer",
            Role::Head => "head",
            Role::Admin => "admin",
        }
    }

    /// A role by its Chinese label or its code.
    pub fn parse(text: &str) -> Option<Role> {
        let t = text.trim();
        Role::ALL.into_iter().find(|r| r.label() == t || r.code() == t)
    }
}

/// Parses a list of roles ("登记员,审核人", also with "，" or "、"): at least one, no unknown ones;
/// returned sorted and without repeats.
pub fn parse_roles(text: &str) -> Result<Vec<Role>, String> {
    let mut roles = Vec::new();
    for part in text.split([',', '，', '、', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
        let role = Role::parse(part).ok_or_else(|| {
            format!("角色“{}”无效，应为 登记员、审核人、负责人、管理员 之一", crate::error::clip(part))
        })?;
        roles.push(role);
    }
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err("至少要有一个角色（登记员、审核人、负责人、管理员）".into());
    }
    Ok(roles)
}

/// The stored form of a role list: codes joined by commas.
pub fn roles_code(roles: &[Role]) -> String {
    roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
}

/// The stored form back; unknown codes are dropped (a newer program's role).
pub fn roles_from_code(code: &str) -> Vec<Role> {
    let mut roles: Vec<Role> = code.split(',').filter_map(Role::parse).collect();
    roles.sort();
    roles.dedup();
    roles
}

/// Roles in Chinese: "登记员、审核人".
pub fn roles_label(roles: &[Role]) -> String {
    roles.iter().map(|r| r.label()).collect::<Vec<_>>().join("、")
}

/// A 登录名: 2–32 characters, letters, digits, `.`, `_`, `-`, or Chinese characters; trimmed.
pub fn check_login(login: &str) -> Result<String, String> {
    let l = login.trim();
    let n = l.chars().count();
    if n < 2 || n > 32 {
        return Err("登录名应为 2 到 32 个字符".into());
    }
    if !l.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return Err("登录名只能包含字母、数字、汉字和 . _ -".into());
    }
    Ok(l.to_string())
}

/// A 姓名: trimmed, 1–20 characters, no control characters.
pub fn check_name(name: &str) -> Result<String, String> {
    let n = name.trim();
    if n.is_empty() {
        return Err("姓名不能为空".into());
    }
    if n.chars().count() > 20 {
        return Err("姓名不能超过 20 个字".into());
    }
    if n.chars().any(char::is_control) {
        return Err("姓名不能包含控制字符".into());
    }
    Ok(n.to_string())
}

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// A password: at least 8 characters, at most 128, not the 登录名 (in any case).
pub fn check_password(login: &str, password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(format!("密码至少要 {MIN_PASSWORD_CHARS} 个字符"));
    }
    if n > 128 {
        return Err("密码不能超过 128 个字符".into());
    }
    if password.trim().to_lowercase() == login.trim().to_lowercase() {
        return Err("密码不能与登录名相同".into());
    }
    Ok(())
}

/// Failed logins in a row that lock an account, and for how long.
pub const MAX_FAILED_LOGINS: i64 = 5;
pub const LOCK_MINUTES: i64 = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_labels_and_codes_sorted_without_repeats() {
        assert_eq!(parse_roles("审核人,登记员，审核人").unwrap(), vec![Role::Clerk, Role::Reviewer]);
        assert_eq!(parse_roles("head、admin").unwrap(), vec![Role::Head, Role::Admin]);
        assert!(parse_roles("").unwrap_err().contains("至少"));
        assert!(parse_roles("登记员,科长").unwrap_err().contains("科长"));
        assert_eq!(roles_from_code(&roles_code(&[Role::Admin, Role::Clerk])), vec![Role::Clerk, Role::Admin]);
        assert_eq!(roles_label(&[Role::Clerk, Role::Head]), "登记员、负责人");
    }

    #[test]
    fn logins_names_and_passwords() {
        assert_eq!(check_login(" wang ").unwrap(), "wang");
        assert!(check_login("w").is_err());
        assert!(check_login("wang li").is_err());
        assert_eq!(check_login("王五").unwrap(), "王五");
        assert!(check_name("  ").is_err());
        assert!(check_password("wang", "1234567").unwrap_err().contains("8"));
        assert!(check_password("wangwang", "WangWang").unwrap_err().contains("登录名"));
        assert!(check_password("wang", "correct horse").is_ok());
    }
}
