//! A progress note on a (task, unit) pair: appended, never changed; its trigger sets the pair's
//! state (migration 0013).

use chrono::NaiveDate;
use gongkai_core::account::Role;
use gongkai_core::workplan::TaskState;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::requests::Actor;
use crate::{Error, Ledger, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgressInput {
    pub year: i32,
    /// 序号 of the task.
    pub seq: u32,
    pub unit_name: String,
    pub state: TaskState,
    /// YYYY-MM-DD (or any form `dates` reads); empty: today.
    pub on_date: String,
    pub note: String,
    /// Evidence: the published page.
    pub link: String,
}

pub(crate) fn task_id(conn: &Connection, year: i32, seq: u32) -> Result<i64> {
    super::plan_id(conn, year)?.ok_or_else(|| super::no_plan(year))?;
    conn.query_row(
        "SELECT t.id FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE p.year = ?1 AND t.seq = ?2",
        params![year, seq],
        |r| r.get(0),
    )
    .optional()
    .map_err(|e| Error::sqlite("读取工作要点", e))?
    .ok_or_else(|| Error::NotFound(format!("{year} 年工作要点没有序号为 {seq} 的任务")))
}

/// Records a dated progress note on (task, unit) (登记员); returns the pair's new state.
pub fn record_progress(ledger: &mut Ledger, input: &ProgressInput, actor: &Actor) -> Result<TaskState> {
    record_progress_with(ledger, input, None, actor)
}

/// A file the clerk gives as evidence with a progress note.
#[derive(Debug, Clone, Copy)]
pub struct EvidenceFile<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
}

/// Records a progress note with an optional evidence file (登记员): the note and the file's record
/// commit together, or neither does (and the copied file is removed again).
pub fn record_progress_with(ledger: &mut Ledger, input: &ProgressInput, evidence: Option<EvidenceFile<'_>>, actor: &Actor) -> Result<TaskState> {
    crate::accounts::require(ledger, Role::Clerk)?;
    let actor = crate::accounts::signed(ledger, actor);
    let conn = ledger.conn();
    let task = task_id(conn, input.year, input.seq)?;
    let unit_name = input.unit_name.trim();
    let assignment: i64 = conn
        .query_row(
            "SELECT a.id FROM plan_assignment a JOIN department d ON d.id = a.unit_id WHERE a.task_id = ?1 AND d.name = ?2",
            params![task, unit_name],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| Error::sqlite("读取工作要点", e))?
        .ok_or_else(|| Error::NotFound(format!("任务 {} 的责任单位中没有“{}”", input.seq, gongkai_core::error::clip(unit_name))))?;
    let on: NaiveDate = if input.on_date.trim().is_empty() {
        actor.today()
    } else {
        gongkai_core::dates::parse_field("日期", &input.on_date).map_err(Error::Validation)?
    };
    if on > actor.today() {
        return Err(Error::Validation(format!("日期 {} 晚于今天", gongkai_core::dates::ymd(on))));
    }
    let note = input.note.trim();
    if note.chars().count() > 2000 {
        return Err(Error::Validation("进展说明不能超过 2000 个字".into()));
    }
    let link = input.link.trim();
    if !link.is_empty() && !(link.starts_with("http://") || link.starts_with("https://")) || link.chars().count() > 1000 || link.chars().any(char::is_whitespace) {
        return Err(Error::Validation(format!("链接“{}”无效，应以 http:// 或 https:// 开头", gongkai_core::error::clip(link))));
    }
    let evidence = match evidence {
        Some(f) => Some(super::evidence::check(f)?),
        None => None,
    };
    let dir = crate::requests::attachment_dir(ledger);
    let mut stored: Option<crate::requests::StoredFile> = None;
    let result = ledger.with_tx(|tx| {
        tx.execute(
            "INSERT INTO plan_progress (assignment_id, on_date, state, note, link, recorded_at, operator)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![assignment, gongkai_core::dates::ymd(on), input.state.label(), note, link, actor.stamp(), actor.operator],
        )
        .map_err(|e| Error::sqlite("记录进展", e))?;
        if let Some((name, bytes)) = &evidence {
            stored = Some(super::evidence::store(tx, &dir, tx.last_insert_rowid(), name, bytes, &actor)?);
        }
        let state: String = tx
            .query_row("SELECT state FROM plan_assignment WHERE id = ?1", [assignment], |r| r.get(0))
            .map_err(|e| Error::sqlite("记录进展", e))?;
        Ok(TaskState::parse(&state).unwrap_or(TaskState::NotStarted))
    });
    if result.is_err() {
        if let Some(file) = stored {
            file.discard();
        }
    }
    result
}
