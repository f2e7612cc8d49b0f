//! 工作要点: the year's plan, its tasks and the (task, unit) pairs with their state and dated
//! progress notes. A plan is saved whole or not at all (`save`); a pair changes only by appending
//! a progress note, whose trigger projects the pair's state (migration 0013). Every write is
//! 登记员's and audited by the ledger's triggers like any other row. Overdue is derived, not stored.

use chrono::NaiveDate;
use gongkai_core::workplan::{is_overdue, TaskState, REPORT_SUBHEADINGS};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Ledger, Result};

mod evidence;
mod export;
mod file;
pub use evidence::{evidence_owner, open_evidence, EvidenceInfo, EVIDENCE_FOLDER};
pub use file::plan_file_text;
mod progress;
mod save;
pub use export::{plan_csv, plan_xlsx, PLAN_CSV_HEADER};
pub use progress::{record_progress, record_progress_with, EvidenceFile, ProgressInput};
pub use save::{save_plan, PlanSaveOptions, UnknownUnitChoice};

/// A pair's unit and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanPair {
    pub assignment_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    /// 牵头 or 责任.
    pub role: String,
    pub state: TaskState,
    /// Date of the progress note that set the state.
    pub state_on: Option<String>,
    /// Still open after the task's due date.
    pub overdue: bool,
    /// Progress notes, oldest first.
    pub notes: Vec<ProgressNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgressNote {
    pub on_date: String,
    pub state: TaskState,
    pub note: String,
    pub link: String,
    /// Evidence as a file (佐证附件), if one was attached to this note.
    pub evidence: Option<EvidenceInfo>,
    pub operator: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanTaskView {
    pub id: i64,
    /// 序号
    pub seq: u32,
    pub part: String,
    pub label: String,
    pub title: String,
    pub requirement: String,
    /// 牵头单位 as written, joined with 、.
    pub lead: String,
    /// 责任单位 as written, joined with 、.
    pub responsible: String,
    pub all_units: bool,
    /// 等相关部门: the clerk completes the list.
    pub incomplete: bool,
    /// 完成时限 as written.
    pub deadline: String,
    /// The due date (the deadline's, else 31 December of the year).
    pub due_on: String,
    /// The report subheading: as assigned, else suggested from the part.
    pub report_subheading: String,
    pub pairs: Vec<PlanPair>,
}

impl PlanTaskView {
    /// The task's state over its pairs (不适用 aside): 已完成 when all are, 未开始 when none has
    /// started, else 推进中; 不适用 when every pair is.
    pub fn state(&self) -> TaskState {
        let live: Vec<TaskState> = self.pairs.iter().map(|p| p.state).filter(|s| *s != TaskState::NotApplicable).collect();
        if live.is_empty() {
            if self.pairs.is_empty() {
                TaskState::NotStarted
            } else {
                TaskState::NotApplicable
            }
        } else if live.iter().all(|s| *s == TaskState::Done) {
            TaskState::Done
        } else if live.iter().all(|s| *s == TaskState::NotStarted) {
            TaskState::NotStarted
        } else {
            TaskState::InProgress
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanView {
    pub year: i32,
    pub doc_number: String,
    pub title: String,
    pub header: String,
    pub footer: String,
    pub parts: Vec<String>,
    pub tasks: Vec<PlanTaskView>,
    pub imported_at: String,
    pub operator: String,
}

/// The years that have a plan, newest first.
pub fn plan_years(ledger: &Ledger) -> Result<Vec<i32>> {
    let mut stmt = ledger.conn().prepare("SELECT year FROM plan ORDER BY year DESC").map_err(|e| Error::sqlite("读取工作要点", e))?;
    let rows = stmt.query_map([], |r| r.get::<_, i32>(0)).map_err(|e| Error::sqlite("读取工作要点", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取工作要点", e))
}

pub(crate) fn plan_id(conn: &Connection, year: i32) -> Result<Option<i64>> {
    conn.query_row("SELECT id FROM plan WHERE year = ?1", [year], |r| r.get(0))
        .optional()
        .map_err(|e| Error::sqlite("读取工作要点", e))
}

fn no_plan(year: i32) -> Error {
    Error::NotFound(format!("{year} 年还没有导入工作要点"))
}

/// The year's plan with every task and pair, as of `today` (for the overdue flags).
pub fn plan(ledger: &Ledger, year: i32, today: NaiveDate) -> Result<PlanView> {
    let conn = ledger.conn();
    let id = plan_id(conn, year)?.ok_or_else(|| no_plan(year))?;
    let sql_err = |e| Error::sqlite("读取工作要点", e);
    let (doc_number, title, header, footer, imported_at, operator) = conn
        .query_row("SELECT doc_number, title, header, footer, imported_at, operator FROM plan WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .map_err(sql_err)?;
    let mut stmt = conn.prepare("SELECT heading FROM plan_part WHERE plan_id = ?1 ORDER BY seq").map_err(sql_err)?;
    let parts = stmt.query_map([id], |r| r.get::<_, String>(0)).map_err(sql_err)?.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_err)?;

    let mut stmt = conn
        .prepare(
            "SELECT t.id, t.seq, p.heading, t.label, t.title, t.requirement, t.lead_written, t.resp_written, t.all_units,
                    t.incomplete, t.deadline_text, coalesce(t.due_on, ?2 || '-12-31'), t.report_subheading
             FROM plan_task t JOIN plan_part p ON p.id = t.part_id WHERE t.plan_id = ?1 ORDER BY t.seq",
        )
        .map_err(sql_err)?;
    let mut tasks = stmt
        .query_map(params![id, year.to_string()], |r| {
            let part: String = r.get(2)?;
            let assigned: Option<String> = r.get(12)?;
            Ok(PlanTaskView {
                id: r.get(0)?,
                seq: r.get(1)?,
                report_subheading: assigned.unwrap_or_else(|| gongkai_core::workplan::suggest_subheading(&part).to_string()),
                part,
                label: r.get(3)?,
                title: r.get(4)?,
                requirement: r.get(5)?,
                lead: r.get(6)?,
                responsible: r.get(7)?,
                all_units: r.get::<_, i64>(8)? != 0,
                incomplete: r.get::<_, i64>(9)? != 0,
                deadline: r.get(10)?,
                due_on: r.get(11)?,
                pairs: Vec::new(),
            })
        })
        .map_err(sql_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(sql_err)?;

    let mut stmt = conn
        .prepare(
            "SELECT a.id, a.task_id, a.unit_id, d.name, a.role, a.state, a.state_on
             FROM plan_assignment a JOIN plan_task t ON t.id = a.task_id JOIN department d ON d.id = a.unit_id
             WHERE t.plan_id = ?1 ORDER BY t.seq, a.role = '责任', d.sort, d.id",
        )
        .map_err(sql_err)?;
    let pairs = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(1)?,
                PlanPair {
                    assignment_id: r.get(0)?,
                    unit_id: r.get(2)?,
                    unit_name: r.get(3)?,
                    role: r.get(4)?,
                    state: TaskState::parse(&r.get::<_, String>(5)?).unwrap_or(TaskState::NotStarted),
                    state_on: r.get(6)?,
                    overdue: false,
                    notes: Vec::new(),
                },
            ))
        })
        .map_err(sql_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(sql_err)?;
    let mut stmt = conn
        .prepare(
            "SELECT g.assignment_id, g.on_date, g.state, g.note, g.link, g.operator, g.recorded_at, g.id
             FROM plan_progress g JOIN plan_assignment a ON a.id = g.assignment_id JOIN plan_task t ON t.id = a.task_id
             WHERE t.plan_id = ?1 ORDER BY g.on_date, g.id",
        )
        .map_err(sql_err)?;
    let mut files: std::collections::HashMap<i64, EvidenceInfo> = evidence::of_plan(ledger, id)?.into_iter().collect();
    let notes = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(7)?,
                ProgressNote {
                    on_date: r.get(1)?,
                    state: TaskState::parse(&r.get::<_, String>(2)?).unwrap_or(TaskState::NotStarted),
                    note: r.get(3)?,
                    link: r.get(4)?,
                    evidence: None,
                    operator: r.get(5)?,
                    recorded_at: r.get(6)?,
                },
            ))
        })
        .map_err(sql_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(sql_err)?;
    let notes: Vec<(i64, ProgressNote)> =
        notes.into_iter().map(|(a, g, n)| (a, ProgressNote { evidence: files.remove(&g), ..n })).collect();
    let mut by_task: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for (i, t) in tasks.iter().enumerate() {
        by_task.insert(t.id, i);
    }
    for (task_id, mut pair) in pairs {
        let Some(&i) = by_task.get(&task_id) else { continue };
        let due = gongkai_core::dates::parse_date(&tasks[i].due_on).unwrap_or(NaiveDate::MAX);
        pair.overdue = is_overdue(pair.state, due, today);
        pair.notes = notes.iter().filter(|(a, _)| *a == pair.assignment_id).map(|(_, n)| n.clone()).collect();
        tasks[i].pairs.push(pair);
    }
    Ok(PlanView { year, doc_number, title, header, footer, parts, tasks, imported_at, operator })
}

/// An overdue (task, unit) pair, for 督办.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OverduePair {
    pub year: i32,
    pub seq: u32,
    pub title: String,
    pub unit_name: String,
    pub state: TaskState,
    pub due_on: String,
    /// Calendar days past the due date.
    pub days_late: i64,
}

/// Every open pair past its task's due date, in every plan, most late first.
pub fn overdue_pairs(ledger: &Ledger, today: NaiveDate) -> Result<Vec<OverduePair>> {
    let conn = ledger.conn();
    let sql_err = |e| Error::sqlite("读取督办事项", e);
    let mut stmt = conn
        .prepare(
            "SELECT p.year, t.seq, t.title, d.name, a.state, coalesce(t.due_on, p.year || '-12-31') AS due
             FROM plan_assignment a JOIN plan_task t ON t.id = a.task_id JOIN plan p ON p.id = t.plan_id
             JOIN department d ON d.id = a.unit_id
             WHERE a.state IN ('未开始', '推进中') AND due < ?1
             ORDER BY due, p.year, t.seq, d.sort, d.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([gongkai_core::dates::ymd(today)], |r| {
            let due: String = r.get(5)?;
            Ok(OverduePair {
                year: r.get(0)?,
                seq: r.get(1)?,
                title: r.get(2)?,
                unit_name: r.get(3)?,
                state: TaskState::parse(&r.get::<_, String>(4)?).unwrap_or(TaskState::NotStarted),
                days_late: gongkai_core::dates::parse_date(&due).map(|d| (today - d).num_days()).unwrap_or(0),
                due_on: due,
            })
        })
        .map_err(sql_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql_err)
}

/// The year's completed tasks (every pair 已完成 or 不适用, at least one 已完成) grouped under the
/// annual report's section 一 subheadings, in their order: (subheading, tasks). For the report to
/// offer; each task's subheading is the one assigned, else the one its part suggests.
pub fn completed_tasks(ledger: &Ledger, year: i32, today: NaiveDate) -> Result<Vec<(String, Vec<PlanTaskView>)>> {
    let view = match plan(ledger, year, today) {
        Ok(v) => v,
        Err(Error::NotFound(_)) => return Ok(REPORT_SUBHEADINGS.iter().map(|s| (s.to_string(), Vec::new())).collect()),
        Err(e) => return Err(e),
    };
    let mut out: Vec<(String, Vec<PlanTaskView>)> = REPORT_SUBHEADINGS.iter().map(|s| (s.to_string(), Vec::new())).collect();
    for t in view.tasks {
        if t.state() != TaskState::Done {
            continue;
        }
        if let Some((_, list)) = out.iter_mut().find(|(s, _)| *s == t.report_subheading) {
            list.push(t);
        }
    }
    Ok(out)
}

/// Assigns a task's report subheading once (登记员); one of the five.
pub fn set_report_subheading(ledger: &mut Ledger, year: i32, seq: u32, subheading: &str) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    if !REPORT_SUBHEADINGS.contains(&subheading) {
        return Err(Error::Validation(format!("年报小标题“{}”无效，应为 {} 之一", gongkai_core::error::clip(subheading), REPORT_SUBHEADINGS.join("、"))));
    }
    let task = progress::task_id(ledger.conn(), year, seq)?;
    ledger.with_tx(|tx| {
        tx.execute("UPDATE plan_task SET report_subheading = ?2 WHERE id = ?1", params![task, subheading])
            .map_err(|e| Error::sqlite("保存年报小标题", e))?;
        Ok(())
    })
}

/// What the clerk checks before saving: the text as read, its parse, and the units the register
/// does not know yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanPreview {
    /// The text parsed (a file's text as read), sent back with the confirmation.
    pub text: String,
    pub parsed: gongkai_core::workplan::ParsedPlan,
    pub unknown_units: Vec<String>,
    /// The 类别 each unknown unit's name suggests (same order), for the clerk to confirm.
    pub unknown_suggested: Vec<gongkai_core::workplan::UnitCategory>,
    /// The year already has a plan (saving would be refused).
    pub year_taken: bool,
}

/// Parses `text` against the register, writing nothing.
pub fn preview_plan(ledger: &Ledger, year: i32, text: String) -> Result<PlanPreview> {
    let parsed = gongkai_core::workplan::parse_plan(&text);
    let known: Vec<String> = crate::units::units(ledger)?.into_iter().filter(|u| !u.retired).map(|u| u.name).collect();
    let unknown_units = parsed.unknown_units(&known.iter().map(String::as_str).collect::<Vec<_>>());
    let year_taken = plan_id(ledger.conn(), year)?.is_some();
    let unknown_suggested = unknown_units.iter().map(|n| crate::units::guess_category(n)).collect();
    Ok(PlanPreview { text, parsed, unknown_units, unknown_suggested, year_taken })
}
