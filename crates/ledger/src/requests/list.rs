//! Lists of requests: filters and facets, sort orders served by indices, totals from request_tally, the 工作台 due list.

use std::collections::HashMap;
use chrono::NaiveDate;
use gongkai_core::calendar::Calendar;
use gongkai_core::clock::{self, ClockState};
use gongkai_core::identity::{self};
use gongkai_core::request::{
    self, RequestEvent, RequestStatus,
};
use gongkai_core::taxonomy::ApplicantType;
use rusqlite::{Connection, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::{Error, Ledger, Result};
use super::detail::{DueState, RECORD_COLUMNS, RequestRecord, due_state, record_from_row};
use super::events::{decode_event, load_events};
use super::register::ymd;

/// 工作台 shows open requests whose reply is due within this many working days.
pub const DUE_SOON_WORKDAYS: i64 = 5;
pub const MAX_PAGE_SIZE: u32 = 200;

/// Which field the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum RequestSort {
    #[default]
    Received,
    Number,
    Concluded,
}

/// List filters. Empty/None means "all".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct RequestFilter {
    /// Searches 申请人 and 申请内容 (full text), and 受理编号 by prefix.
    pub query: String,
    pub status: Option<RequestStatus>,
    pub applicant_type: Option<ApplicantType>,
    /// Received in this year.
    pub year: Option<i32>,
    pub due: Option<DueState>,
    pub sort: RequestSort,
    pub descending: bool,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

/// One row of the list: personal data masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestRow {
    #[ts(type = "number")]
    pub id: i64,
    pub number: String,
    pub applicant_type: ApplicantType,
    pub applicant_type_label: String,
    pub applicant_name: String,
    pub id_number_masked: String,
    pub contact_masked: String,
    pub channel_label: String,
    pub received_date: String,
    pub content: String,
    pub status: RequestStatus,
    pub status_label: String,
    pub concluded_date: Option<String>,
    pub result_label: Option<String>,
    /// The reply deadline while open.
    pub reply_due: Option<String>,
    /// 预计 (issue 23): the reply deadline rests on predicted holidays; the Monday–Friday date and
    /// the reason.
    pub reply_estimate: Option<gongkai_core::calendar::Estimate>,
    #[ts(type = "number | null")]
    pub workdays_left: Option<i64>,
    pub due: DueState,
    pub due_label: String,
    pub imported: bool,
    /// 获取形式 and 获取方式 the applicant asked for (Art. 29): carried by the export.
    pub form_wanted: String,
    pub delivery_wanted: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestPage {
    pub rows: Vec<RequestRow>,
    #[ts(type = "number")]
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
}

/// The WHERE clause for everything but the due state, with its parameters.
fn where_clause(filter: &RequestFilter) -> (String, Vec<Box<dyn ToSql>>) {
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let q = filter.query.trim();
    if !q.is_empty() {
        if q.chars().count() >= 3 {
            // A quoted FTS5 string: the clerk's text is matched as a phrase, never as syntax.
            let phrase = format!("\"{}\"", q.replace('"', "\"\""));
            args.push(Box::new(phrase));
            args.push(Box::new(q.to_string()));
            conds.push(format!(
                "(id IN (SELECT rowid FROM request_fts WHERE request_fts MATCH ?{}) OR (number >= ?{n} AND number < ?{n} || char(1114111)))",
                args.len() - 1,
                n = args.len()
            ));
        } else {
            // trigram cannot index fewer than 3 characters
            let esc = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            args.push(Box::new(format!("%{esc}%")));
            let n = args.len();
            conds.push(format!(
                "(applicant_name LIKE ?{n} ESCAPE '\\' OR content LIKE ?{n} ESCAPE '\\' OR number LIKE ?{n} ESCAPE '\\')"
            ));
        }
    }
    facet_conditions(filter, Facets::Request, &mut conds, &mut args);
    (where_of(&conds), args)
}

/// Where the list's facets are counted: the rows themselves, or their tally (migration 0009),
/// which has the same 状态 and 申请人类型 columns, the year as a number and open/concluded as 0/1.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facets {
    Request,
    Tally,
}

/// The conditions for 状态, 申请人类型, year and open/concluded (the due-state filter narrowed to
/// what SQL knows), appended to `conds` with their parameters.
fn facet_conditions(filter: &RequestFilter, on: Facets, conds: &mut Vec<String>, args: &mut Vec<Box<dyn ToSql>>) {
    if let Some(s) = filter.status {
        args.push(Box::new(s.code()));
        conds.push(format!("status = ?{}", args.len()));
    }
    if let Some(t) = filter.applicant_type {
        args.push(Box::new(t.code()));
        conds.push(format!("applicant_type = ?{}", args.len()));
    }
    if let Some(y) = filter.year {
        if on == Facets::Tally {
            args.push(Box::new(y as i64));
            conds.push(format!("year = ?{}", args.len()));
        } else {
            args.push(Box::new(format!("{y:04}-01-01")));
            args.push(Box::new(format!("{y:04}-12-31")));
            conds.push(format!("received_date BETWEEN ?{} AND ?{}", args.len() - 1, args.len()));
        }
    }
    if let Some(due) = filter.due {
        let concluded = due == DueState::Concluded;
        conds.push(
            match (on, concluded) {
                (Facets::Tally, true) => "concluded = 1",
                (Facets::Tally, false) => "concluded = 0",
                (Facets::Request, true) => "concluded_date IS NOT NULL",
                (Facets::Request, false) => "concluded_date IS NULL",
            }
            .into(),
        );
    }
}

fn where_of(conds: &[String]) -> String {
    if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    }
}

fn order_clause(filter: &RequestFilter) -> String {
    let dir = if filter.descending { "DESC" } else { "ASC" };
    match filter.sort {
        RequestSort::Received => format!("ORDER BY received_date {dir}, number {dir}"),
        RequestSort::Number => format!("ORDER BY number {dir}"),
        // Open requests (no 办结日期) come last. SQLite sorts NULL first, so descending already puts
        // them last, as does a filter to concluded requests or to one status (all open or all
        // concluded); ascending otherwise sorts open ones as 9999-12-31. Each order is an index's
        // (migrations 0008, 0009), so a page never sorts every matching row.
        RequestSort::Concluded
            if filter.descending || filter.due == Some(DueState::Concluded) || filter.status.is_some() =>
        {
            format!("ORDER BY concluded_date {dir}, number {dir}")
        }
        RequestSort::Concluded => format!("ORDER BY ifnull(concluded_date, '9999-12-31') {dir}, number {dir}"),
    }
}

struct Assessed {
    record: RequestRecord,
    clock: Option<ClockState>,
    due: DueState,
}

fn assess_record(conn: &Connection, cal: &Calendar, record: RequestRecord, today: NaiveDate) -> Result<Assessed> {
    if !record.status.is_open() {
        return Ok(Assessed {
            record,
            clock: None,
            due: DueState::Concluded,
        });
    }
    let events: Vec<RequestEvent> = load_events(conn, record.id)?.into_iter().map(|e| e.event).collect();
    Ok(assess_open(cal, record, &events, today))
}

fn assess_open(cal: &Calendar, record: RequestRecord, events: &[RequestEvent], today: NaiveDate) -> Assessed {
    let clock = clock::assess(&request::clock_events(events), today, cal);
    let due = due_state(record.status, &clock);
    Assessed {
        record,
        clock: Some(clock),
        due,
    }
}

/// The events of every open request, read in one pass instead of one query per request: the
/// due-state filters and 工作台 assess all open requests.
fn open_events(conn: &Connection) -> Result<HashMap<i64, Vec<RequestEvent>>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT request_id, seq, event_date, payload FROM request_event
             WHERE request_id IN (SELECT id FROM request WHERE concluded_date IS NULL)
             ORDER BY request_id, seq",
        )
        .map_err(|e| Error::sqlite("读取办理记录", e))?;
    let mut rows = stmt.query([]).map_err(|e| Error::sqlite("读取办理记录", e))?;
    let mut out: HashMap<i64, Vec<RequestEvent>> = HashMap::new();
    while let Some(row) = rows.next().map_err(|e| Error::sqlite("读取办理记录", e))? {
        let read = || -> rusqlite::Result<(i64, i64, String, String)> { Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)) };
        let (request_id, seq, date, payload) = read().map_err(|e| Error::sqlite("读取办理记录", e))?;
        out.entry(request_id).or_default().push(decode_event(request_id, seq, &date, &payload)?);
    }
    Ok(out)
}

/// Assesses open requests with their events read by [`open_events`].
fn assess_all_open(
    conn: &Connection,
    cal: &Calendar,
    records: Vec<RequestRecord>,
    today: NaiveDate,
) -> Result<Vec<Assessed>> {
    let mut events = open_events(conn)?;
    records
        .into_iter()
        .map(|record| match events.remove(&record.id) {
            Some(ev) if record.status.is_open() => Ok(assess_open(cal, record, &ev, today)),
            _ => assess_record(conn, cal, record, today),
        })
        .collect()
}

fn row_of(a: Assessed, unmasked: bool) -> RequestRow {
    let r = a.record;
    let reply = a.clock.as_ref().and_then(|c| c.reply.as_ref());
    RequestRow {
        id: r.id,
        id_number_masked: if unmasked {
            r.id_number.clone()
        } else {
            identity::mask_id(&r.id_number)
        },
        contact_masked: if unmasked {
            r.contact.clone()
        } else {
            identity::mask_phone(&r.contact)
        },
        number: r.number,
        applicant_type: r.applicant_type,
        applicant_type_label: r.applicant_type_label,
        applicant_name: r.applicant_name,
        channel_label: r.channel_label,
        received_date: r.received_date,
        content: r.content,
        status: r.status,
        status_label: r.status_label,
        concluded_date: r.concluded_date,
        result_label: r.result_label,
        form_wanted: r.form_wanted,
        delivery_wanted: r.delivery_wanted,
        reply_due: reply.map(|d| ymd(d.date)),
        reply_estimate: reply.and_then(|d| d.estimate.clone()),
        workdays_left: a.clock.as_ref().and_then(|c| c.workdays_left),
        due: a.due,
        due_label: a.due.label().into(),
        imported: r.imported,
    }
}

fn query_records(conn: &Connection, sql: &str, args: &[Box<dyn ToSql>]) -> Result<Vec<RequestRecord>> {
    let mut stmt = conn.prepare(sql).map_err(|e| Error::sqlite("查询申请", e))?;
    let params: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
    let rows = stmt
        .query_map(params.as_slice(), record_from_row)
        .map_err(|e| Error::sqlite("查询申请", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::sqlite("查询申请", e))
}

/// The years requests were received in, newest first, for the list's year filter. Walks the
/// received-date index one year at a time, so a million requests cost a few lookups.
pub fn years(ledger: &Ledger) -> Result<Vec<i32>> {
    let conn = ledger.conn();
    let mut stmt = conn
        .prepare_cached("SELECT min(received_date) FROM request WHERE received_date >= ?1")
        .map_err(|e| Error::sqlite("查询年份", e))?;
    let mut years = Vec::new();
    let mut from = String::new();
    while let Some(first) = stmt
        .query_row([&from], |r| r.get::<_, Option<String>>(0))
        .map_err(|e| Error::sqlite("查询年份", e))?
    {
        let Some(year) = first.get(..4).and_then(|y| y.parse::<i32>().ok()) else { break };
        years.push(year);
        from = format!("{:04}-01-01", year + 1);
    }
    years.reverse();
    Ok(years)
}

/// The list: filters, search, sort and pagination in SQL. The due states of open requests are
/// derived (never stored), so a due-state filter narrows to open requests in SQL, assesses them
/// and pages the result; open requests are few next to a ledger's history.
pub fn list(ledger: &Ledger, filter: &RequestFilter, today: NaiveDate) -> Result<RequestPage> {
    let page_size = filter.page_size.clamp(1, MAX_PAGE_SIZE);
    let page = filter.page.max(1);
    let (rows, total) = select(ledger, filter, today, Some((page, page_size)))?;
    Ok(RequestPage {
        rows: rows.into_iter().map(|a| row_of(a, false)).collect(),
        total,
        page,
        page_size,
    })
}

/// Every row matching the filter (no pagination), for the export.
pub fn list_all(ledger: &Ledger, filter: &RequestFilter, today: NaiveDate, unmasked: bool) -> Result<Vec<RequestRow>> {
    let (rows, _) = select(ledger, filter, today, None)?;
    Ok(rows.into_iter().map(|a| row_of(a, unmasked)).collect())
}

fn select(
    ledger: &Ledger,
    filter: &RequestFilter,
    today: NaiveDate,
    paging: Option<(u32, u32)>,
) -> Result<(Vec<Assessed>, u64)> {
    let conn = ledger.conn();
    let cal = crate::calendar::effective(ledger)?;
    let (clause, mut args) = where_clause(filter);
    let order = order_clause(filter);
    let derived_filter = filter.due.filter(|d| *d != DueState::Concluded);
    if let Some(want) = derived_filter {
        let records = query_records(
            conn,
            &format!("SELECT {RECORD_COLUMNS} FROM request {clause} {order}"),
            &args,
        )?;
        let mut matching = assess_all_open(conn, &cal, records, today)?;
        matching.retain(|a| a.due == want);
        let total = matching.len() as u64;
        let rows = match paging {
            Some((page, size)) => matching
                .into_iter()
                .skip(((page - 1) * size) as usize)
                .take(size as usize)
                .collect(),
            None => matching,
        };
        return Ok((rows, total));
    }
    let total: i64 = if filter.query.trim().is_empty() {
        tally_count(conn, filter)?
    } else {
        let params: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
        conn.query_row(
            &format!("SELECT count(*) FROM request {clause}"),
            params.as_slice(),
            |r| r.get(0),
        )
        .map_err(|e| Error::sqlite("查询申请", e))?
    };
    let mut sql = format!("SELECT {RECORD_COLUMNS} FROM request {clause} {order}");
    if let Some((page, size)) = paging {
        args.push(Box::new(size as i64));
        args.push(Box::new(((page - 1) * size) as i64));
        sql.push_str(&format!(" LIMIT ?{} OFFSET ?{}", args.len() - 1, args.len()));
    }
    let records = query_records(conn, &sql, &args)?;
    let rows = records
        .into_iter()
        .map(|r| assess_record(conn, &cal, r, today))
        .collect::<Result<Vec<_>>>()?;
    Ok((rows, total as u64))
}

/// How many requests match a filter without search words, summed from `request_tally` (kept by
/// triggers, migrations 0009 and 0010) instead of counted row by row: a million-request ledger's list
/// would otherwise spend most of its time on the total.
fn tally_count(conn: &Connection, filter: &RequestFilter) -> Result<i64> {
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    facet_conditions(filter, Facets::Tally, &mut conds, &mut args);
    let clause = where_of(&conds);
    let params: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
    conn.query_row(
        &format!("SELECT coalesce(sum(n), 0) FROM request_tally {clause}"),
        params.as_slice(),
        |r| r.get(0),
    )
    .map_err(|e| Error::sqlite("查询申请", e))
}

/// One line of 工作台's list of requests due soon or overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DueItem {
    pub number: String,
    pub applicant_name: String,
    pub status_label: String,
    pub reply_due: String,
    /// Set when the deadline rests on predicted holidays (预计): as in the request list.
    pub reply_estimate: Option<gongkai_core::calendar::Estimate>,
    #[ts(type = "number")]
    pub workdays_left: i64,
    pub due: DueState,
    pub due_label: String,
    /// The deadline's derivation, for a tooltip.
    pub derivation: String,
    pub paused: bool,
    /// Where it sits on 工作台 (`gongkai_core::worklist`): in time, overdue, or 积压 (overdue long
    /// ago, or imported and untouched since).
    pub group: gongkai_core::worklist::WorkGroup,
}

/// Open requests overdue or due within [`DUE_SOON_WORKDAYS`] working days, in 工作台's order
/// (`gongkai_core::worklist`): due today and soon first, then overdue, then 积压.
pub fn due_list(ledger: &Ledger, today: NaiveDate) -> Result<Vec<DueItem>> {
    let conn = ledger.conn();
    let cal = crate::calendar::effective(ledger)?;
    let records = query_records(
        conn,
        &format!("SELECT {RECORD_COLUMNS} FROM request WHERE concluded_date IS NULL ORDER BY received_date, number"),
        &[],
    )?;
    let untouched = untouched_imports(conn)?;
    let mut items = Vec::new();
    for a in assess_all_open(conn, &cal, records, today)? {
        if !matches!(a.due, DueState::Overdue | DueState::DueSoon) {
            continue;
        }
        let (Some(clock), r) = (a.clock, a.record) else {
            continue;
        };
        let (Some(reply), Some(left)) = (clock.reply, clock.workdays_left) else {
            continue;
        };
        let group = gongkai_core::worklist::group(left, untouched.contains(&r.id));
        items.push(DueItem {
            group,
            number: r.number,
            applicant_name: r.applicant_name,
            status_label: r.status_label,
            reply_due: ymd(reply.date),
            reply_estimate: reply.estimate.clone(),
            workdays_left: left,
            due: a.due,
            due_label: a.due.label().into(),
            derivation: reply.derivation,
            paused: clock.paused,
        });
    }
    items.sort_by(|a, b| {
        (a.group, a.workdays_left.abs())
            .cmp(&(b.group, b.workdays_left.abs()))
            .then(a.reply_due.cmp(&b.reply_due))
            .then(a.number.cmp(&b.number))
    });
    Ok(items)
}

/// Open imported requests with no event recorded since their import (积压 once overdue).
pub(crate) fn untouched_imports(conn: &rusqlite::Connection) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT r.id FROM request r WHERE r.concluded_date IS NULL AND r.imported = 1
               AND NOT EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.imported = 0)",
        )
        .map_err(|e| Error::sqlite("查询导入的申请", e))?;
    let ids = stmt
        .query_map([], |r| r.get::<_, i64>(0))
        .map_err(|e| Error::sqlite("查询导入的申请", e))?
        .collect::<rusqlite::Result<_>>()
        .map_err(|e| Error::sqlite("查询导入的申请", e))?;
    Ok(ids)
}
