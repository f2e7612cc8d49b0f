//! The letter settings (文书编号 pattern, 缴费期限) and the templates a clerk edited over the shipped defaults of `gongkai_core::letter`.

use gongkai_core::letter::{
    self, LetterKind, Template, TemplateEntry,
};
use gongkai_core::request::NumberPattern;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::requests::Actor;
use crate::{settings, Error, Ledger, Result};

pub const KEY_LETTER_NUMBER_PATTERN: &str = "letter_number_pattern";
/// The organ code part of a 文书编号 pattern, filled from the setting 机关代字 (issue 23).
pub const ORGAN_CODE_PLACEHOLDER: &str = "{机关代字}";
/// Used until the clerk sets the organ's own pattern: 机关代字 then 〔year〕 and the year's
/// number, e.g. 净管公开〔2026〕1号, never a bare 〔2026〕1号.
pub const DEFAULT_LETTER_NUMBER_PATTERN: &str = "{机关代字}〔{year}〕{seq}号";
/// 机关代字: the short form of the organ a 文书编号 starts with (净管公开, 某政公).
pub const KEY_ORGAN_CODE: &str = "organ_code";
const MAX_ORGAN_CODE: usize = 20;
pub const KEY_FEE_PAYMENT_WORKDAYS: &str = "fee_payment_workdays";
/// 缴费期限: 20 working days after the notice in the provincial measures read (statutes.md §2,
/// UNVERIFIED nationally), hence a setting.
pub const DEFAULT_FEE_PAYMENT_WORKDAYS: u32 = 20;
/// 设置 → 告知书.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterSettings {
    /// 文书编号格式 with `{year}` and `{seq}` (or `{seq:04}`).
    pub number_pattern: String,
    /// 缴费期限：收费通知之日起的工作日数.
    pub fee_payment_workdays: u32,
    /// 机关代字, filling `{机关代字}` in the pattern; empty until the clerk sets it.
    pub organ_code: String,
    /// 盖章处圆圈: print the dashed circle where the seal goes (off by default).
    pub seal_circle: bool,
}

pub(super) fn parse_pattern(pattern: &str) -> Result<NumberPattern> {
    NumberPattern::parse(pattern).map_err(|e| Error::Validation(e.message.replace("受理编号格式", "文书编号格式")))
}

/// The 文书编号 pattern in use with `{机关代字}` filled in, and, when 机关代字 is needed but
/// unset, what the clerk should set. Until then the 机关名称 stands in for the code (so a letter
/// never carries a bare 〔2026〕1号, and a deployment that set only 机关名称 keeps issuing), and
/// 【机关代字】 in a preview on a ledger that has neither.
pub(crate) fn number_pattern_in(conn: &Connection) -> Result<(NumberPattern, Option<String>)> {
    let s = letter_settings(conn)?;
    if !s.number_pattern.contains(ORGAN_CODE_PLACEHOLDER) {
        return Ok((parse_pattern(&s.number_pattern)?, None));
    }
    let code = s.organ_code.trim();
    if !code.is_empty() {
        return Ok((parse_pattern(&s.number_pattern.replace(ORGAN_CODE_PLACEHOLDER, code))?, None));
    }
    let organ = settings::get(conn, settings::KEY_ORGAN_NAME)?.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let stand_in = organ.as_deref().unwrap_or("【机关代字】");
    let note = format!(
        "尚未设置“机关代字”，文书编号暂以“{stand_in}”开头（如 {stand_in}〔年度〕1号）。请在“设置 → 告知书”中填写机关代字（或运行 gongkai settings set 机关代字 某政公），例如“净管公开”"
    );
    Ok((parse_pattern(&s.number_pattern.replace(ORGAN_CODE_PLACEHOLDER, stand_in))?, Some(note)))
}

fn check_organ_code(code: &str) -> Result<()> {
    let code = code.trim();
    if code.chars().count() > MAX_ORGAN_CODE {
        return Err(Error::Validation(format!("机关代字不能超过 {MAX_ORGAN_CODE} 个字")));
    }
    if code.chars().any(|c| c.is_control() || c.is_whitespace() || "{}〔〕[]".contains(c)) {
        return Err(Error::Validation(format!("机关代字“{code}”无效：不能包含空格、换行、花括号或六角括号")));
    }
    Ok(())
}

pub(crate) fn letter_settings(conn: &Connection) -> Result<LetterSettings> {
    let number_pattern = settings::get(conn, KEY_LETTER_NUMBER_PATTERN)?
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_LETTER_NUMBER_PATTERN.to_string());
    let fee_payment_workdays = settings::get(conn, KEY_FEE_PAYMENT_WORKDAYS)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_FEE_PAYMENT_WORKDAYS);
    let organ_code = settings::get(conn, KEY_ORGAN_CODE)?.map(|v| v.trim().to_string()).unwrap_or_default();
    let seal_circle = settings::seal_circle_in(conn)?;
    Ok(LetterSettings { number_pattern, fee_payment_workdays, organ_code, seal_circle })
}

pub fn save_letter_settings(ledger: &mut Ledger, s: &LetterSettings) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    parse_pattern(&s.number_pattern.replace(ORGAN_CODE_PLACEHOLDER, "代字"))?;
    check_organ_code(&s.organ_code)?;
    if !(1..=60).contains(&s.fee_payment_workdays) {
        return Err(Error::Validation("缴费期限应为 1 至 60 个工作日".into()));
    }
    ledger.with_tx(|tx| {
        settings::set(tx, KEY_LETTER_NUMBER_PATTERN, s.number_pattern.trim())?;
        settings::set(tx, KEY_FEE_PAYMENT_WORKDAYS, &s.fee_payment_workdays.to_string())?;
        settings::set(tx, KEY_ORGAN_CODE, s.organ_code.trim())?;
        settings::set(tx, settings::KEY_SEAL_CIRCLE, if s.seal_circle { "1" } else { "0" })
    })
}

/// A template as 设置 shows it: the text in use, whether the clerk changed it, and the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateView {
    pub key: String,
    pub kind: LetterKind,
    pub name: String,
    pub template: Template,
    pub customized: bool,
    pub default: Template,
}

/// A placeholder with what it stands for, for the template editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlaceholderInfo {
    pub name: String,
    pub meaning: String,
}

pub fn placeholders() -> Vec<PlaceholderInfo> {
    letter::PLACEHOLDERS
        .iter()
        .map(|(n, m)| PlaceholderInfo { name: n.to_string(), meaning: m.to_string() })
        .collect()
}

pub(super) fn entry(key: &str) -> Result<TemplateEntry> {
    letter::template_entries()
        .into_iter()
        .find(|e| e.key == key)
        .ok_or_else(|| Error::NotFound(format!("没有名为“{key}”的告知书模板")))
}

fn stored_template(conn: &Connection, key: &str) -> Result<Option<Template>> {
    conn.query_row("SELECT title, addressee, body FROM letter_template WHERE key = ?1", [key], |r| {
        Ok(Template { title: r.get(0)?, addressee: r.get(1)?, body: r.get(2)? })
    })
    .optional()
    .map_err(|e| Error::sqlite("读取告知书模板", e))
}

pub(super) fn view(conn: &Connection, e: TemplateEntry) -> Result<TemplateView> {
    let default = letter::default_template(&e.key).expect("every entry has a default");
    let stored = stored_template(conn, &e.key)?;
    Ok(TemplateView {
        customized: stored.is_some(),
        template: stored.unwrap_or_else(|| default.clone()),
        default,
        key: e.key,
        kind: e.kind,
        name: e.name,
    })
}

pub fn templates(ledger: &Ledger) -> Result<Vec<TemplateView>> {
    letter::template_entries().into_iter().map(|e| view(ledger.conn(), e)).collect()
}

pub fn template(ledger: &Ledger, key: &str) -> Result<TemplateView> {
    view(ledger.conn(), entry(key)?)
}

/// Saves the clerk's text for `key`, refusing an unknown placeholder by name.
pub fn save_template(ledger: &mut Ledger, key: &str, t: &Template, actor: &Actor) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    let signed = crate::accounts::signed(ledger, actor);
    let actor = &signed;
    let e = entry(key)?;
    letter::validate(t).map_err(|err| Error::Validation(format!("模板“{}”未保存：{}", e.name, err.message)))?;
    ledger.with_tx(|tx| {
        tx.execute(
            "INSERT INTO letter_template (key, title, addressee, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (key) DO UPDATE SET title = excluded.title, addressee = excluded.addressee,
               body = excluded.body, updated_at = excluded.updated_at",
            params![key, t.title.trim(), t.addressee.trim(), t.body.trim(), actor.stamp()],
        )
        .map_err(|e| Error::sqlite("保存告知书模板", e))?;
        Ok(())
    })
}

/// Goes back to the shipped text (the clerk's row is removed; the audit log keeps it).
pub fn restore_template(ledger: &mut Ledger, key: &str) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Admin)?;
    entry(key)?;
    ledger.with_tx(|tx| {
        tx.execute("DELETE FROM letter_template WHERE key = ?1", [key])
            .map_err(|e| Error::sqlite("恢复默认模板", e))?;
        Ok(())
    })
}

/// Everything 设置 → 告知书 shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterSettingsView {
    pub settings: LetterSettings,
    pub templates: Vec<TemplateView>,
    pub placeholders: Vec<PlaceholderInfo>,
}

pub fn settings_view(ledger: &Ledger) -> Result<LetterSettingsView> {
    Ok(LetterSettingsView {
        settings: letter_settings(ledger.conn())?,
        templates: templates(ledger)?,
        placeholders: placeholders(),
    })
}
