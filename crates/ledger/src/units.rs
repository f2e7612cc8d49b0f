//! 报送单位: the app's one register of units, grown from the 部门 of 设置 (the `department`
//! table): each unit has a 类别 (部门, 乡镇街道, 其他), a contact and its own reporting due date
//! (部门 default to 31 January). Shared by 工作要点 (issue 21) and 汇总 (issue 20). Units are
//! retired, never deleted.

use gongkai_core::account::Role;
use gongkai_core::workplan::UnitCategory;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Ledger, Result};

const MAX_NAME: usize = 50;
const MAX_CONTACT: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Unit {
    pub id: i64,
    pub name: String,
    pub category: UnitCategory,
    /// 联系人及电话, as the clerk typed it.
    pub contact: String,
    /// 报送截止日 as set ("MM-DD" of the year after the reported one); None: the category's default.
    pub report_due: Option<String>,
    /// The due date in force: the one set, else the category's default (部门 "01-31"), else None.
    pub report_due_effective: Option<String>,
    /// 已停用: kept so that old records still show the unit.
    pub retired: bool,
}

/// What the clerk enters for a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitInput {
    pub name: String,
    pub category: UnitCategory,
    pub contact: String,
    /// "MM-DD", "1月31日" or empty for the category's default.
    pub report_due: String,
}

impl UnitInput {
    pub fn named(name: &str, category: UnitCategory) -> UnitInput {
        UnitInput { name: name.into(), category, contact: String::new(), report_due: String::new() }
    }
}

/// Reads a due date as "MM-DD" ("01-31", "1-31", "1月31日", "1/31"); empty is None.
pub fn parse_report_due(text: &str) -> std::result::Result<Option<String>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let nums: Vec<u32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    match nums.as_slice() {
        [m, d] if chrono::NaiveDate::from_ymd_opt(2024, *m, *d).is_some() => Ok(Some(format!("{m:02}-{d:02}"))),
        _ => Err(format!("报送截止日“{}”无效，应为 月-日，如 01-31 或 1月31日", gongkai_core::error::clip(t))),
    }
}

fn effective(category: UnitCategory, set: &Option<String>) -> Option<String> {
    set.clone().or_else(|| category.default_report_due().map(|(m, d)| format!("{m:02}-{d:02}")))
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Unit> {
    let category: String = r.get(2)?;
    let category = UnitCategory::parse(&category).unwrap_or(UnitCategory::Other);
    let report_due: Option<String> = r.get(4)?;
    Ok(Unit {
        id: r.get(0)?,
        name: r.get(1)?,
        category,
        contact: r.get(3)?,
        report_due_effective: effective(category, &report_due),
        report_due,
        retired: r.get::<_, i64>(5)? != 0,
    })
}

const SELECT: &str = "SELECT id, name, category, contact, report_due, retired FROM department";

/// Every unit: active first, in the clerk's order, then retired ones.
pub fn units(ledger: &Ledger) -> Result<Vec<Unit>> {
    units_in(ledger.conn())
}

pub(crate) fn units_in(conn: &Connection) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY retired, sort, id")).map_err(|e| Error::sqlite("读取单位", e))?;
    let rows = stmt.query_map([], row).map_err(|e| Error::sqlite("读取单位", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取单位", e))
}

pub(crate) fn unit_by_name(conn: &Connection, name: &str) -> Result<Option<Unit>> {
    conn.query_row(&format!("{SELECT} WHERE name = ?1"), [name.trim()], row)
        .optional()
        .map_err(|e| Error::sqlite("读取单位", e))
}

pub(crate) fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Validation("单位名称为空".into()));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::Validation(format!("单位“{}”的名称超过 {MAX_NAME} 个字", gongkai_core::error::clip(name))));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::Validation(format!("单位“{}”的名称包含换行或控制字符", gongkai_core::error::clip(name))));
    }
    Ok(name.to_string())
}

fn check(input: &UnitInput) -> Result<(String, String, Option<String>)> {
    let name = check_name(&input.name)?;
    let contact = input.contact.trim().to_string();
    if contact.chars().count() > MAX_CONTACT || contact.chars().any(char::is_control) {
        return Err(Error::Validation(format!("单位“{name}”的联系人超过 {MAX_CONTACT} 个字或包含换行")));
    }
    let due = parse_report_due(&input.report_due).map_err(Error::Validation)?;
    Ok((name, contact, due))
}

/// Inserts a unit inside a transaction (an existing name is refused unless retired, which brings
/// it back with the new details).
pub(crate) fn insert_in(tx: &Connection, input: &UnitInput) -> Result<i64> {
    let (name, contact, due) = check(input)?;
    if let Some(u) = unit_by_name(tx, &name)? {
        if !u.retired {
            return Err(Error::Conflict(format!("单位“{name}”已存在")));
        }
        tx.execute(
            "UPDATE department SET retired = 0, category = ?2, contact = ?3, report_due = ?4 WHERE id = ?1",
            params![u.id, input.category.label(), contact, due],
        )
        .map_err(|e| Error::sqlite("保存单位", e))?;
        return Ok(u.id);
    }
    tx.execute(
        "INSERT INTO department (name, sort, retired, category, contact, report_due)
         VALUES (?1, (SELECT coalesce(max(sort), -1) + 1 FROM department), 0, ?2, ?3, ?4)",
        params![name, input.category.label(), contact, due],
    )
    .map_err(|e| Error::sqlite("保存单位", e))?;
    Ok(tx.last_insert_rowid())
}

/// Adds a unit (登记员). A retired unit of the same name comes back.
pub fn add_unit(ledger: &mut Ledger, input: &UnitInput) -> Result<Unit> {
    crate::accounts::require(ledger, Role::Clerk)?;
    let id = ledger.with_tx(|tx| insert_in(tx, input))?;
    unit(ledger, id)
}

pub fn unit(ledger: &Ledger, id: i64) -> Result<Unit> {
    ledger
        .conn()
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], row)
        .optional()
        .map_err(|e| Error::sqlite("读取单位", e))?
        .ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的单位")))
}

/// Changes a unit's name, 类别, contact or due date (登记员).
pub fn update_unit(ledger: &mut Ledger, id: i64, input: &UnitInput) -> Result<Unit> {
    crate::accounts::require(ledger, Role::Clerk)?;
    let (name, contact, due) = check(input)?;
    unit(ledger, id)?;
    ledger.with_tx(|tx| {
        if unit_by_name(tx, &name)?.is_some_and(|u| u.id != id) {
            return Err(Error::Conflict(format!("单位“{name}”已存在")));
        }
        tx.execute(
            "UPDATE department SET name = ?2, category = ?3, contact = ?4, report_due = ?5 WHERE id = ?1",
            params![id, name, input.category.label(), contact, due],
        )
        .map_err(|e| Error::sqlite("保存单位", e))?;
        Ok(())
    })?;
    unit(ledger, id)
}

/// Retires a unit (停用) or brings it back; never deletes it (登记员).
pub fn set_unit_retired(ledger: &mut Ledger, id: i64, retired: bool) -> Result<Unit> {
    crate::accounts::require(ledger, Role::Clerk)?;
    unit(ledger, id)?;
    ledger.with_tx(|tx| {
        tx.execute("UPDATE department SET retired = ?2 WHERE id = ?1", params![id, retired as i64])
            .map_err(|e| Error::sqlite("保存单位", e))?;
        Ok(())
    })?;
    unit(ledger, id)
}

/// The 类别 a new unit's name suggests: 镇, 乡, 街道 → 乡镇街道; else 部门.
pub fn guess_category(name: &str) -> UnitCategory {
    let n = name.trim_end_matches("人民政府").trim_end_matches("办事处");
    if n.ends_with('镇') || n.ends_with('乡') || n.ends_with("街道") {
        UnitCategory::Township
    } else {
        UnitCategory::Department
    }
}
