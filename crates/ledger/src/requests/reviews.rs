//! 复议/诉讼 records of a request (table 四 of the annual report).

use chrono::NaiveDate;
use gongkai_core::request::{
    ReviewKind,
    ReviewOutcome,
};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::{Error, Ledger, Result};
use super::events::{request_id};
use super::register::{Actor, text, ymd};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Review {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: ReviewKind,
    pub kind_label: String,
    pub filed_date: String,
    pub outcome: ReviewOutcome,
    pub outcome_label: String,
    pub decided_date: Option<String>,
    pub note: String,
}

/// 复议/诉讼 as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewInput {
    pub kind: ReviewKind,
    /// YYYY-MM-DD
    pub filed_date: String,
    pub outcome: ReviewOutcome,
    /// YYYY-MM-DD; empty while 尚未审结
    pub decided_date: String,
    pub note: String,
}

fn check_review(input: &ReviewInput, today: NaiveDate) -> Result<(NaiveDate, Option<NaiveDate>, String)> {
    let filed = crate::calendar::parse_date("申请复议或起诉日期", &input.filed_date)?;
    if filed > today {
        return Err(Error::Validation(format!("申请复议或起诉日期 {filed} 晚于今天")));
    }
    let decided = match (input.outcome, input.decided_date.trim()) {
        (ReviewOutcome::Pending, "") => None,
        (ReviewOutcome::Pending, _) => return Err(Error::Validation("尚未审结的案件不填审结日期".into())),
        (_, "") => {
            return Err(Error::Validation(format!(
                "结果为“{}”时请填写审结日期",
                input.outcome.label()
            )))
        }
        (_, d) => {
            let d = crate::calendar::parse_date("审结日期", d)?;
            if d < filed {
                return Err(Error::Validation(format!(
                    "审结日期 {d} 早于申请复议或起诉日期 {filed}"
                )));
            }
            if d > today {
                return Err(Error::Validation(format!("审结日期 {d} 晚于今天")));
            }
            Some(d)
        }
    };
    let note = text("备注", &input.note, 500, false).map_err(Error::Validation)?;
    Ok((filed, decided, note))
}

pub fn add_review(ledger: &mut Ledger, number: &str, input: &ReviewInput, actor: &Actor) -> Result<i64> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let signed = crate::accounts::signed(ledger, actor);
    let actor = &signed;
    let (filed, decided, note) = check_review(input, actor.today())?;
    ledger.with_tx(|tx| {
        let id = request_id(tx, number)?;
        tx.execute(
            "INSERT INTO review (request_id, kind, filed_date, outcome, decided_date, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                input.kind.code(),
                ymd(filed),
                input.outcome.code(),
                decided.map(ymd),
                note,
                actor.stamp()
            ],
        )
        .map_err(|e| Error::sqlite("登记复议诉讼", e))?;
        Ok(tx.last_insert_rowid())
    })
}

/// Records the decision of a case (or corrects its record).
pub fn update_review(ledger: &mut Ledger, review_id: i64, input: &ReviewInput, actor: &Actor) -> Result<()> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let signed = crate::accounts::signed(ledger, actor);
    let actor = &signed;
    let (filed, decided, note) = check_review(input, actor.today())?;
    ledger.with_tx(|tx| {
        let n = tx
            .execute(
                "UPDATE review SET kind = ?2, filed_date = ?3, outcome = ?4, decided_date = ?5, note = ?6 WHERE id = ?1",
                params![review_id, input.kind.code(), ymd(filed), input.outcome.code(), decided.map(ymd), note],
            )
            .map_err(|e| Error::sqlite("更新复议诉讼", e))?;
        if n == 0 {
            return Err(Error::NotFound("该复议诉讼记录不存在".into()));
        }
        Ok(())
    })
}

pub(super) fn reviews(conn: &Connection, request_id: i64) -> Result<Vec<Review>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, kind, filed_date, outcome, decided_date, note FROM review WHERE request_id = ?1 ORDER BY filed_date, id")
        .map_err(|e| Error::sqlite("读取复议诉讼", e))?;
    let rows = stmt
        .query_map([request_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .map_err(|e| Error::sqlite("读取复议诉讼", e))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind, filed_date, outcome, decided_date, note) = row.map_err(|e| Error::sqlite("读取复议诉讼", e))?;
        let kind =
            ReviewKind::from_code(&kind).ok_or_else(|| Error::Validation(format!("复议诉讼类型“{kind}”无法识别")))?;
        let outcome = ReviewOutcome::from_code(&outcome)
            .ok_or_else(|| Error::Validation(format!("复议诉讼结果“{outcome}”无法识别")))?;
        out.push(Review {
            id,
            kind,
            kind_label: kind.label().into(),
            filed_date,
            outcome,
            outcome_label: outcome.label().into(),
            decided_date,
            note,
        });
    }
    Ok(out)
}
