//! 设置：the disclosing organ's name (机关名称) and the departments list (部门), plus the
//! key/value settings table that later features keep their options in.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Ledger, Result};

pub const KEY_ORGAN_NAME: &str = "organ_name";
/// 复议机关: named in every 答复书's remedy paragraph (行政复议法第二十条); a 答复书 is not
/// issued while it is empty.
pub const KEY_REVIEW_ORGAN: &str = "review_organ";
/// 人民法院: the court a 答复书 names for 行政诉讼; empty reads "人民法院".
pub const KEY_COURT: &str = "court";
/// 机关地址 and 联系电话: printed where a letter says "与本机关联系" (issue 23).
pub const KEY_ORGAN_ADDRESS: &str = "organ_address";
pub const KEY_ORGAN_PHONE: &str = "organ_phone";

const MAX_ORGAN_NAME: usize = 100;
const MAX_DEPARTMENT_NAME: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Department {
    pub id: i64,
    pub name: String,
    /// 已停用：kept so that old records still show their department.
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrganSettings {
    /// 机关名称; empty until the clerk sets it.
    pub organ_name: String,
    /// 复议机关; empty until the clerk sets it (答复书 are refused meanwhile).
    pub review_organ: String,
    /// 人民法院 named for 行政诉讼; empty prints "人民法院".
    pub court: String,
    /// 机关地址; empty until set.
    pub address: String,
    /// 联系电话; empty until set.
    pub telephone: String,
    /// Active departments first, in the clerk's order.
    pub departments: Vec<Department>,
}

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .map_err(|e| Error::sqlite("读取设置", e))
}

pub(crate) fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .map_err(|e| Error::sqlite("保存设置", e))?;
    Ok(())
}

pub fn organ_settings(ledger: &Ledger) -> Result<OrganSettings> {
    let conn = ledger.conn();
    Ok(OrganSettings {
        organ_name: get(conn, KEY_ORGAN_NAME)?.unwrap_or_default(),
        review_organ: get(conn, KEY_REVIEW_ORGAN)?.unwrap_or_default(),
        court: get(conn, KEY_COURT)?.unwrap_or_default(),
        address: get(conn, KEY_ORGAN_ADDRESS)?.unwrap_or_default(),
        telephone: get(conn, KEY_ORGAN_PHONE)?.unwrap_or_default(),
        departments: departments_in(conn)?,
    })
}

pub fn departments(ledger: &Ledger) -> Result<Vec<Department>> {
    departments_in(ledger.conn())
}

/// The same, on a connection or inside a transaction.
pub(crate) fn departments_in(conn: &Connection) -> Result<Vec<Department>> {
    let mut stmt = conn
        .prepare("SELECT id, name, retired FROM department ORDER BY retired, sort, id")
        .map_err(|e| Error::sqlite("读取部门", e))?;
    let rows = stmt
        .query_map([], |r| Ok(Department { id: r.get(0)?, name: r.get(1)?, retired: r.get::<_, i64>(2)? != 0 }))
        .map_err(|e| Error::sqlite("读取部门", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取部门", e))
}

fn save_name(ledger: &mut Ledger, key: &str, label: &str, name: &str) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    let name = name.trim();
    if name.chars().count() > MAX_ORGAN_NAME {
        return Err(Error::Validation(format!("{label}不能超过 {MAX_ORGAN_NAME} 个字")));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::Validation(format!("{label}不能包含换行或控制字符")));
    }
    ledger.with_tx(|tx| set(tx, key, name))
}

/// Validates and saves 机关名称.
pub fn save_organ_name(ledger: &mut Ledger, name: &str) -> Result<()> {
    save_name(ledger, KEY_ORGAN_NAME, "机关名称", name)
}

/// Validates and saves 复议机关 (机关信息).
pub fn save_review_organ(ledger: &mut Ledger, name: &str) -> Result<()> {
    save_name(ledger, KEY_REVIEW_ORGAN, "复议机关", name)
}

/// Validates and saves 人民法院 (机关信息).
pub fn save_court(ledger: &mut Ledger, name: &str) -> Result<()> {
    save_name(ledger, KEY_COURT, "人民法院", name)
}

/// Validates and saves 机关地址.
pub fn save_address(ledger: &mut Ledger, address: &str) -> Result<()> {
    save_name(ledger, KEY_ORGAN_ADDRESS, "机关地址", address)
}

/// Validates and saves 联系电话 (digits, spaces, “-”, “转”, parentheses, at most 40 characters).
pub fn save_telephone(ledger: &mut Ledger, phone: &str) -> Result<()> {
    let ok = phone.trim().chars().all(|c| c.is_ascii_digit() || " -()（）转、,，+".contains(c));
    if !ok || phone.trim().chars().count() > 40 {
        return Err(Error::Validation(format!("联系电话“{}”无效：只能包含数字、空格、“-”、括号和“转”，不超过 40 个字符", phone.trim())));
    }
    save_name(ledger, KEY_ORGAN_PHONE, "联系电话", phone)
}

/// The contact a letter prints after "与本机关联系": "（地址：…；电话：…）", or empty.
pub(crate) fn contact_in(conn: &Connection) -> Result<String> {
    let address = get(conn, KEY_ORGAN_ADDRESS)?.map(|v| v.trim().to_string()).unwrap_or_default();
    let phone = get(conn, KEY_ORGAN_PHONE)?.map(|v| v.trim().to_string()).unwrap_or_default();
    let parts: Vec<String> = [("地址", address), ("电话", phone)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}：{v}"))
        .collect();
    Ok(if parts.is_empty() { String::new() } else { format!("（{}）", parts.join("；")) })
}

/// What the 开始使用 checklist ticks by itself (issue 23): each item is read from the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FirstStart {
    pub organ_name: bool,
    pub contact: bool,
    pub departments: bool,
    /// The 文书编号 carries the organ's code: 机关代字 is set, or the clerk's own pattern has none.
    pub letter_number_pattern: bool,
    /// The year whose holiday notice the checklist asks for (next year).
    pub calendar_year: i32,
    /// That year's notice is entered and confirmed complete.
    pub calendar_confirmed: bool,
    #[ts(type = "number")]
    pub documents: i64,
    #[ts(type = "number")]
    pub requests: i64,
    /// A body font was chosen for letters and reports.
    pub body_font: bool,
}

pub fn first_start(ledger: &Ledger, today: chrono::NaiveDate) -> Result<FirstStart> {
    use chrono::Datelike;
    let conn = ledger.conn();
    let filled = |k: &str| -> Result<bool> { Ok(get(conn, k)?.is_some_and(|v| !v.trim().is_empty())) };
    let count = |table: &str| -> Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).map_err(|e| Error::sqlite("读取台账", e))
    };
    let year = today.year() + 1;
    Ok(FirstStart {
        organ_name: filled(KEY_ORGAN_NAME)?,
        contact: filled(KEY_ORGAN_ADDRESS)? && filled(KEY_ORGAN_PHONE)?,
        departments: departments_in(conn)?.iter().any(|d| !d.retired),
        // Done when the number carries the organ's code: 机关代字 set, or a pattern of the
        // clerk's own without the placeholder.
        letter_number_pattern: filled(crate::letters::KEY_ORGAN_CODE)?
            || (filled(crate::letters::KEY_LETTER_NUMBER_PATTERN)?
                && !crate::letters::number_pattern_setting(conn)?.contains(crate::letters::ORGAN_CODE_PLACEHOLDER)),
        calendar_year: year,
        calendar_confirmed: crate::calendar::confirmed_years_in(conn)?.contains(&year),
        documents: count("document")?,
        requests: count("request")?,
        body_font: filled(KEY_PDF_BODY_FONT)?,
    })
}

/// 机关名称, or the refusal of `what` (a letter, the report PDF: issued and kept for good, so
/// never signed with the placeholder), naming the setting and how to set it.
pub fn require_organ_name(ledger: &Ledger, what: &str) -> Result<String> {
    require_organ_name_in(ledger.conn(), what)
}

pub(crate) fn require_organ_name_in(conn: &Connection, what: &str) -> Result<String> {
    match get(conn, KEY_ORGAN_NAME)?.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) {
        Some(name) => Ok(name),
        None => Err(Error::Validation(format!(
            "不能{what}：尚未设置“机关名称”。请先在“设置 → 机关信息”中填写机关名称（或运行 gongkai settings set 机关名称 某某区人民政府办公室）；预览不受影响"
        ))),
    }
}

/// 复议机关, if set (read inside a transaction too).
pub(crate) fn review_organ_in(conn: &Connection) -> Result<Option<String>> {
    Ok(get(conn, KEY_REVIEW_ORGAN)?.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()))
}

/// Replaces the active departments with `names`, in that order. A department left out is
/// retired (停用), never deleted; naming a retired one again brings it back.
pub fn save_departments(ledger: &mut Ledger, names: &[String]) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    let mut clean: Vec<&str> = Vec::with_capacity(names.len());
    for (i, raw) in names.iter().enumerate() {
        let name = raw.trim();
        if name.is_empty() {
            return Err(Error::Validation(format!("第 {} 个部门名称为空", i + 1)));
        }
        if name.chars().count() > MAX_DEPARTMENT_NAME {
            return Err(Error::Validation(format!("部门“{name}”的名称超过 {MAX_DEPARTMENT_NAME} 个字")));
        }
        if name.chars().any(char::is_control) {
            return Err(Error::Validation(format!("部门“{name}”的名称包含换行或控制字符")));
        }
        if clean.contains(&name) {
            return Err(Error::Validation(format!("部门“{name}”重复")));
        }
        clean.push(name);
    }
    ledger.with_tx(|tx| {
        tx.execute("UPDATE department SET retired = 1", []).map_err(|e| Error::sqlite("保存部门", e))?;
        for (sort, name) in clean.iter().enumerate() {
            tx.execute(
                "INSERT INTO department (name, sort, retired) VALUES (?1, ?2, 0)
                 ON CONFLICT (name) DO UPDATE SET sort = excluded.sort, retired = 0",
                params![name, sort as i64],
            )
            .map_err(|e| Error::sqlite("保存部门", e))?;
        }
        Ok(())
    })
}

/// Setting key of the body font file the clerk chose for PDFs (empty: the embedded fonts).
pub const KEY_PDF_BODY_FONT: &str = "pdf_body_font";

/// 设置 → 字体: the chosen body font file and the font files found on this computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PdfFontSettings {
    /// Path of the chosen font file; empty means the embedded Noto fonts.
    pub current: String,
    /// Font files installed on this computer (found by the shell), for the clerk to pick from.
    pub candidates: Vec<String>,
}

/// The chosen body font file, if any.
pub fn pdf_body_font(ledger: &Ledger) -> Result<Option<String>> {
    let conn = ledger.conn();
    Ok(get(conn, KEY_PDF_BODY_FONT)?.filter(|p| !p.trim().is_empty()))
}

/// Records the body font file (checked by the caller, who can read fonts); empty goes back to
/// the embedded fonts.
pub fn save_pdf_body_font(ledger: &mut Ledger, path: &str) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    if path.chars().count() > 1000 {
        return Err(Error::Validation("字体文件路径过长".into()));
    }
    ledger.with_tx(|tx| set(tx, KEY_PDF_BODY_FONT, path.trim()))
}

/// Setting key of 盖章处圆圈: "1" prints the dashed circle where the seal goes on letters; off
/// unless set (the seal is pressed by hand, issue 23).
pub const KEY_SEAL_CIRCLE: &str = "seal_circle";

/// Whether letters print the 盖章处 circle (read inside a transaction too).
pub(crate) fn seal_circle_in(conn: &Connection) -> Result<bool> {
    Ok(get(conn, KEY_SEAL_CIRCLE)?.is_some_and(|v| v.trim() == "1"))
}

/// Setting key of the hours between automatic backups while the window is open.
pub const KEY_BACKUP_INTERVAL_HOURS: &str = "backup_interval_hours";

/// Hours between automatic backups (1–168; default 4).
pub fn backup_interval_hours(ledger: &Ledger) -> Result<u32> {
    Ok(get(ledger.conn(), KEY_BACKUP_INTERVAL_HOURS)?
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|h| (1..=168).contains(h))
        .unwrap_or(crate::backup::DEFAULT_INTERVAL_HOURS))
}

/// Sets the hours between automatic backups.
pub fn save_backup_interval_hours(ledger: &mut Ledger, hours: u32) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    if !(1..=168).contains(&hours) {
        return Err(Error::Validation("自动备份间隔应为 1 到 168 小时".into()));
    }
    ledger.with_tx(|tx| set(tx, KEY_BACKUP_INTERVAL_HOURS, &hours.to_string()))
}

/// Setting key of 答复须经审核签发 ("0" turns it off; on by default).
pub const KEY_REPLY_SIGNOFF: &str = "reply_signoff";

/// Whether replies recorded on a ledger with accounts need 审核 and 签发 before their 答复书 is
/// issued (on unless turned off).
pub fn reply_needs_signoff(ledger: &Ledger) -> Result<bool> {
    Ok(get(ledger.conn(), KEY_REPLY_SIGNOFF)?.is_none_or(|v| v.trim() != "0"))
}

/// Turns 答复须经审核签发 on or off (管理员).
pub fn save_reply_needs_signoff(ledger: &mut Ledger, on: bool) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    ledger.with_tx(|tx| set(tx, KEY_REPLY_SIGNOFF, if on { "1" } else { "0" }))
}

/// Setting key of the minutes of inactivity after which the window locks (asks for the password
/// again, keeping what was typed).
pub const KEY_IDLE_LOCK_MINUTES: &str = "idle_lock_minutes";
/// 等保 2.0 asks for a session time-out: 15 minutes unless set otherwise.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 15;
const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=120;

/// Minutes of inactivity before the window locks (1–120; default 15).
pub fn idle_lock_minutes(ledger: &Ledger) -> Result<u32> {
    Ok(get(ledger.conn(), KEY_IDLE_LOCK_MINUTES)?
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|m| IDLE_LOCK_RANGE.contains(m))
        .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES))
}

/// Sets the minutes of inactivity before the window locks (管理员).
pub fn save_idle_lock_minutes(ledger: &mut Ledger, minutes: u32) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    if !IDLE_LOCK_RANGE.contains(&minutes) {
        return Err(Error::Validation(format!(
            "无操作自动锁定时间应为 {} 到 {} 分钟",
            IDLE_LOCK_RANGE.start(),
            IDLE_LOCK_RANGE.end()
        )));
    }
    ledger.with_tx(|tx| set(tx, KEY_IDLE_LOCK_MINUTES, &minutes.to_string()))
}

/// 设置 → 账户与安全: the settings that go with accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SecuritySettings {
    pub idle_lock_minutes: u32,
    pub reply_signoff: bool,
}

pub fn security_settings(ledger: &Ledger) -> Result<SecuritySettings> {
    Ok(SecuritySettings { idle_lock_minutes: idle_lock_minutes(ledger)?, reply_signoff: reply_needs_signoff(ledger)? })
}

/// Saves both (管理员); a value that did not change is not written again.
pub fn save_security_settings(ledger: &mut Ledger, s: &SecuritySettings) -> Result<()> {
    let now = security_settings(ledger)?;
    if now.idle_lock_minutes != s.idle_lock_minutes {
        save_idle_lock_minutes(ledger, s.idle_lock_minutes)?;
    }
    if now.reply_signoff != s.reply_signoff {
        save_reply_needs_signoff(ledger, s.reply_signoff)?;
    }
    Ok(())
}
