//! Figures read from the register: the annual report's 第二十条第（一）项 facts and the 工作台 deadlines (Art. 26 portal, 解读 sync).

use gongkai_core::worklist::{self, WorkGroup};
use chrono::NaiveDate;
use gongkai_core::calendar::Calendar;
use gongkai_core::document::{
    self as rules, AnnualFacts, AnnualFigures, Category, DisclosureMode,
    PortalDeadline,
};
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::{Error, Ledger, Result};
use super::read::{code, opt_date};
use gongkai_core::dates::ymd;

/// 工作台 lists at most this many documents awaiting the portal, most urgent first.
const MAX_DEADLINE_ITEMS: usize = 200;

/// The facts of every 规章 and 行政规范性文件 the annual figures count.
pub(crate) fn annual_facts(conn: &Connection) -> Result<Vec<AnnualFacts>> {
    Ok(annual_facts_with_ids(conn)?.into_iter().map(|(_, f)| f).collect())
}

/// `annual_facts` with each document's id, so a counted figure can list its documents.
pub(crate) fn annual_facts_with_ids(conn: &Connection) -> Result<Vec<(i64, AnnualFacts)>> {
    let mut stmt = conn
        .prepare(
            // The first 已废止 and 失效 dates of the few documents that have one, gathered in one
            // pass over their status rows (not two lookups per document: issue 22).
            "SELECT d.category, d.published_on, d.valid_until, s.repealed, s.expired, d.id
               FROM document d
               LEFT JOIN (SELECT document_id,
                                 min(CASE WHEN status = 'repealed' THEN date END) AS repealed,
                                 min(CASE WHEN status = 'expired' THEN date END) AS expired
                            FROM document_status WHERE status IN ('repealed', 'expired') GROUP BY document_id) s
                 ON s.document_id = d.id
              WHERE d.category IN ('rule', 'normative')",
        )
        .map_err(|e| Error::sqlite("统计文件", e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(5)?,
                AnnualFacts {
                    category: code(r, 0, Category::from_code)?,
                    published_on: opt_date(r, 1)?.unwrap_or_default(),
                    valid_until: opt_date(r, 2)?,
                    repealed_on: opt_date(r, 3)?,
                    expired_on: opt_date(r, 4)?,
                },
            ))
        })
        .map_err(|e| Error::sqlite("统计文件", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("统计文件", e))
}

/// 第二十条第（一）项 for `year`: 本年制发件数, 本年废止件数 and 现行有效件数 of 规章 and of
/// 行政规范性文件, counted by `gongkai_core::document::annual_figures`.
pub fn annual_figures(ledger: &Ledger, year: i32) -> Result<AnnualFigures> {
    annual_figures_in(ledger.conn(), year)
}

/// The same, on a connection or inside a transaction.
pub(crate) fn annual_figures_in(conn: &Connection, year: i32) -> Result<AnnualFigures> {
    if !(1949..=2100).contains(&year) {
        return Err(Error::Validation(format!("年度“{year}”无效")));
    }
    Ok(rules::annual_figures(&annual_facts(conn)?, year))
}

/// A document on 工作台.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeadlineItem {
    pub id: i64,
    pub title: String,
    pub doc_number: String,
    pub drafting_department: Option<String>,
    pub portal: Option<PortalDeadline>,
    #[ts(type = "string | null")]
    pub valid_until: Option<NaiveDate>,
    /// Where it sits on 工作台 (`gongkai_core::worklist`): in time, overdue, or 积压.
    pub group: WorkGroup,
}

/// What 工作台 shows of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentDeadlines {
    /// Actively disclosed documents not yet on the portal, in 工作台's order (`worklist::order_key`):
    /// due today and soon first, then overdue, then 积压.
    pub portal: Vec<DeadlineItem>,
    /// How many there are in all (the list stops at the most urgent 200).
    pub portal_total: u32,
    /// How many of them are overdue (积压 included).
    pub overdue: u32,
    /// How many of them are 积压: overdue by more than `worklist::BACKLOG_WORKDAYS` working days.
    pub backlog: u32,
    /// In-force documents whose 有效期至 falls within the next six months, soonest first.
    pub expiring: Vec<DeadlineItem>,
    /// Documents returned (退文) and not resubmitted.
    pub awaiting_resubmission: u32,
    /// Incomplete 规章 and 行政规范性文件.
    pub incomplete: u32,
}

/// 工作台: Art. 26 portal deadlines (overdue flagged) and documents to evaluate before expiry.
pub fn deadlines(ledger: &Ledger, cal: &Calendar, today: NaiveDate) -> Result<DocumentDeadlines> {
    let conn = ledger.conn();
    let item = |r: &Row<'_>| -> rusqlite::Result<(DeadlineItem, Option<NaiveDate>, NaiveDate)> {
        Ok((
            DeadlineItem {
                id: r.get(0)?,
                title: r.get(1)?,
                doc_number: r.get(2)?,
                drafting_department: r.get(3)?,
                portal: None,
                valid_until: opt_date(r, 6)?,
                group: WorkGroup::Workable,
            },
            opt_date(r, 4)?,
            opt_date(r, 5)?.unwrap_or_default(),
        ))
    };
    let select = "SELECT d.id, d.title, d.doc_number, dep.name, d.written_on, d.published_on, d.valid_until
                    FROM document d LEFT JOIN department dep ON dep.id = d.drafting_department_id";
    let mut stmt = conn
        .prepare(&format!(
            "{select} WHERE d.disclosure_mode = 'active' AND d.portal_published_on IS NULL
                        AND d.status NOT IN ('repealed', 'expired')"
        ))
        .map_err(|e| Error::sqlite("查询待上网文件", e))?;
    let mut portal = Vec::new();
    for row in stmt.query_map([], item).map_err(|e| Error::sqlite("查询待上网文件", e))? {
        let (mut it, written, published) = row.map_err(|e| Error::sqlite("查询待上网文件", e))?;
        it.portal = rules::portal_deadline(cal, Some(DisclosureMode::Active), written, published, None, today);
        portal.push(it);
    }
    for it in &mut portal {
        it.group = it.portal.as_ref().map_or(WorkGroup::Workable, |p| worklist::group(p.workdays_left, false));
    }
    portal.sort_by_key(|it| (it.portal.as_ref().map(|p| worklist::order_key(p.workdays_left, false)), it.id));
    let backlog = portal.iter().filter(|it| it.group == WorkGroup::Backlog).count() as u32;
    let overdue =
        portal.iter().filter(|it| it.portal.as_ref().is_some_and(|p| p.state == rules::PortalState::Overdue)).count()
            as u32;
    let portal_total = portal.len() as u32;
    portal.truncate(MAX_DEADLINE_ITEMS);
    let horizon = today.checked_add_months(chrono::Months::new(rules::EXPIRY_NOTICE_MONTHS)).unwrap_or(today);
    let mut stmt = conn
        .prepare(&format!(
            "{select} WHERE d.valid_until BETWEEN ?1 AND ?2 AND d.status IN ('pending', 'in_force', 'amended')
              ORDER BY d.valid_until, d.id"
        ))
        .map_err(|e| Error::sqlite("查询即将到期文件", e))?;
    let expiring = stmt
        .query_map([ymd(today), ymd(horizon)], item)
        .map_err(|e| Error::sqlite("查询即将到期文件", e))?
        .map(|r| r.map(|(it, _, _)| it))
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::sqlite("查询即将到期文件", e))?;
    let (awaiting, incomplete): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM document d
                      WHERE (SELECT r.kind FROM document_return r WHERE r.document_id = d.id
                              ORDER BY r.date DESC, r.id DESC LIMIT 1) = 'returned'),
                    (SELECT count(*) FROM document WHERE complete = 0)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| Error::sqlite("统计文件", e))?;
    Ok(DocumentDeadlines {
        portal,
        portal_total,
        overdue,
        backlog,
        expiring,
        awaiting_resubmission: awaiting as u32,
        incomplete: incomplete as u32,
    })
}
