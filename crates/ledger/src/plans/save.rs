//! Saving a parsed plan: all or nothing, in one transaction, after the checks that make a bad
//! plan refuse before it writes (a year that already has a plan, no tasks, lines the parser could
//! not place, units not in the register unless the clerk asked to add them).

use gongkai_core::account::Role;
use gongkai_core::workplan::{deadline_date, ParsedPlan, UnitCategory, UnitGroup};
use rusqlite::params;

use crate::requests::Actor;
use crate::units::{guess_category, insert_in, units_in, UnitInput};
use crate::{Error, Ledger, Result};

/// What the clerk decided, in the window, for one unit the register does not know: add it with a
/// 类别, or map it onto an existing unit (`map_to`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct UnknownUnitChoice {
    pub name: String,
    /// The 类别 it is added with (when `map_to` is empty).
    pub category: UnitCategory,
    /// The existing unit it is; empty: add it as a new unit.
    pub map_to: String,
}

impl PlanSaveOptions {
    /// Options from the window's choices: each unknown unit mapped or added with its 类别.
    pub fn from_choices(source_name: String, add_units: bool, choices: &[UnknownUnitChoice]) -> PlanSaveOptions {
        let mut options = PlanSaveOptions { source_name, add_units, ..Default::default() };
        for c in choices {
            if c.map_to.trim().is_empty() {
                options.new_units.push((c.name.trim().to_string(), c.category));
            } else {
                options.map.push((c.name.trim().to_string(), c.map_to.trim().to_string()));
            }
        }
        options
    }
}

#[derive(Debug, Clone, Default)]
pub struct PlanSaveOptions {
    /// The file's name or "粘贴文本".
    pub source_name: String,
    /// Add the plan's unknown units to the register (类别 guessed from the name).
    pub add_units: bool,
    /// (name in the plan, unit in the register): names the plan spells differently.
    pub map: Vec<(String, String)>,
    /// (name in the plan, 类别): unknown units the clerk chose to add, with the 类别 chosen.
    pub new_units: Vec<(String, UnitCategory)>,
}

/// Saves `parsed` as `year`'s plan; returns the number of tasks and of (task, unit) pairs.
pub fn save_plan(ledger: &mut Ledger, year: i32, parsed: &ParsedPlan, options: &PlanSaveOptions, actor: &Actor) -> Result<(usize, usize)> {
    crate::accounts::require(ledger, Role::Clerk)?;
    let actor = crate::accounts::signed(ledger, actor);
    if !(2000..=2100).contains(&year) {
        return Err(Error::Validation(format!("年度 {year} 无效")));
    }
    if super::plan_id(ledger.conn(), year)?.is_some() {
        return Err(Error::Conflict(format!("{year} 年已有工作要点，未重复导入")));
    }
    if parsed.tasks.is_empty() {
        return Err(Error::Validation("没有识别出任何任务：请检查是否包含“一、”“（一）”标题和“责任单位：”行，或表格的表头行".into()));
    }
    if let Some(first) = parsed.unparsed.first() {
        let more = if parsed.unparsed.len() > 1 { format!("等 {} 处", parsed.unparsed.len()) } else { String::new() };
        return Err(Error::Validation(format!(
            "第 {} 行无法识别（{}）：{}{more}；请修改后再导入，未保存任何内容",
            first.line,
            first.reason,
            gongkai_core::error::clip(&first.text)
        )));
    }
    let known: Vec<String> = units_in(ledger.conn())?.into_iter().filter(|u| !u.retired).map(|u| u.name).collect();
    let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut mapped = parsed.clone();
    for (from, to) in &options.map {
        if !known_refs.contains(&to.trim()) {
            return Err(Error::Validation(format!("对应的单位“{}”不在单位名录中", gongkai_core::error::clip(to))));
        }
        mapped.map_unit(from.trim(), to.trim());
    }
    let parsed = &mapped;
    let unknown = parsed.unknown_units(&known_refs);
    let category_of = |name: &str| options.new_units.iter().find(|(n, _)| n.trim() == name).map(|(_, c)| *c);
    let left: Vec<&str> = unknown.iter().map(String::as_str).filter(|n| category_of(n).is_none()).collect();
    if !left.is_empty() && !options.add_units {
        return Err(Error::Validation(format!(
            "以下单位不在单位名录中：{}。请先添加这些单位（或选择一并添加、对应到已有单位），未保存任何内容",
            left.join("、")
        )));
    }
    ledger.with_tx(|tx| {
        for name in &unknown {
            insert_in(tx, &UnitInput::named(name, category_of(name).unwrap_or_else(|| guess_category(name))))?;
        }
        let sql = |e| Error::sqlite("保存工作要点", e);
        tx.execute(
            "INSERT INTO plan (year, doc_number, title, header, footer, layout, source_name, imported_at, operator)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                year,
                parsed.doc_number,
                parsed.title,
                parsed.header.join("\n"),
                parsed.footer.join("\n"),
                match parsed.layout {
                    gongkai_core::workplan::PlanLayout::Text => "text",
                    gongkai_core::workplan::PlanLayout::Table => "table",
                },
                options.source_name,
                actor.stamp(),
                actor.operator
            ],
        )
        .map_err(sql)?;
        let plan = tx.last_insert_rowid();
        let mut part_ids = Vec::with_capacity(parsed.parts.len());
        for (i, p) in parsed.parts.iter().enumerate() {
            tx.execute("INSERT INTO plan_part (plan_id, seq, heading) VALUES (?1, ?2, ?3)", params![plan, i as i64 + 1, p.heading])
                .map_err(sql)?;
            part_ids.push(tx.last_insert_rowid());
        }
        let register: Vec<(i64, String, UnitCategory)> =
            units_in(tx)?.into_iter().filter(|u| !u.retired).map(|u| (u.id, u.name, u.category)).collect();
        let id_of = |name: &str| register.iter().find(|(_, n, _)| n == name).map(|(id, ..)| *id);
        let mut pairs = 0;
        for t in &parsed.tasks {
            let due = deadline_date(&t.deadline, year).map(gongkai_core::dates::ymd);
            tx.execute(
                "INSERT INTO plan_task (plan_id, part_id, seq, label, title, requirement, lead_written, resp_written,
                                        all_units, incomplete, deadline_text, due_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    plan,
                    part_ids[t.part],
                    t.seq,
                    t.label,
                    t.title,
                    t.requirement,
                    t.lead.written_text(),
                    t.responsible.written_text(),
                    t.all_units() as i64,
                    t.incomplete() as i64,
                    t.deadline,
                    due
                ],
            )
            .map_err(sql)?;
            let task = tx.last_insert_rowid();
            let mut assigned: Vec<(i64, &str)> = Vec::new();
            for n in &t.lead.named {
                if let Some(id) = id_of(n) {
                    assigned.push((id, "牵头"));
                }
            }
            for n in &t.responsible.named {
                if let Some(id) = id_of(n) {
                    assigned.push((id, "责任"));
                }
            }
            let groups: Vec<UnitGroup> = t.groups();
            for (id, _, category) in &register {
                if groups.iter().any(|g| category.in_group(*g)) {
                    assigned.push((*id, "责任"));
                }
            }
            let mut seen = Vec::new();
            for (unit, role) in assigned {
                if seen.contains(&unit) {
                    continue;
                }
                seen.push(unit);
                tx.execute("INSERT INTO plan_assignment (task_id, unit_id, role) VALUES (?1, ?2, ?3)", params![task, unit, role])
                    .map_err(sql)?;
                pairs += 1;
            }
        }
        Ok((parsed.tasks.len(), pairs))
    })
}
