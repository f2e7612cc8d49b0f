//! What stands behind the annual report's numbers: the drill-down (the requests, documents or
//! reviews counted in one cell of tables 二, 三, 四) and the monthly series the charts draw.
//! Every list is selected by the same definition that counts it (`RequestFact::rows_in`,
//! `AnnualFacts::counts_in`, `report::REVIEWS_OF_YEAR`, `MonthSeries::source`), so a cell's
//! number and the length of its list cannot drift apart.

use chrono::NaiveDate;
use gongkai_core::document::{Category, FigureColumn};
use gongkai_core::report::{ThreeRow, GROUPS};
use gongkai_core::taxonomy::{ApplicantType, ReplyResult};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::report::{request_facts, REVIEWS_OF_YEAR};
use crate::{documents, Error, Ledger, Result};

/// One cell of the report or one point of a chart. `table` is "two", "three", "four" or "month".
/// - two: row "rule" | "normative"; column 0 本年制发, 1 本年废止, 2 现行有效.
/// - three: row a `ThreeRow` key (received, carried_in, result:<code>, group:<n>, results_total,
///   carried_out); column 0–5 the applicant types, 6 总计.
/// - four: row "reconsideration" | "lawsuit_direct" | "lawsuit_after_reconsideration"; column
///   0 结果维持, 1 结果纠正, 2 其他结果, 3 尚未审结, 4 总计.
/// - month: row a `MonthSeries` code; column the month, 1–12.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellKey {
    pub table: String,
    pub row: String,
    pub column: u32,
}

/// A request behind a number; the applicant's name is masked for a natural person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DrillRequest {
    pub number: String,
    pub applicant: String,
    pub applicant_type: String,
    pub received_date: String,
    pub concluded_date: Option<String>,
    /// 办理结果 (or 办理中); for table 四 the review and its outcome.
    pub result: String,
}

/// A document behind a number of table 二 or of the register's chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DrillDocument {
    pub id: i64,
    pub doc_number: String,
    pub title: String,
    pub category: String,
    pub published_on: String,
    pub repealed_on: Option<String>,
    pub valid_until: Option<String>,
}

/// The list behind one number: requests or documents, with a Chinese caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DrillDown {
    pub title: String,
    pub requests: Vec<DrillRequest>,
    pub documents: Vec<DrillDocument>,
}

/// A natural person's name shows its first character only (王**); an organisation's in full.
pub fn mask_name(name: &str, applicant_type: ApplicantType) -> String {
    if !applicant_type.is_natural_person() {
        return name.to_string();
    }
    let mut chars = name.trim().chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

fn bad_cell(key: &CellKey) -> Error {
    Error::Validation(format!("报表单元格“{} {} {}”不存在", key.table, key.row, key.column))
}

const THREE_LABELS: [&str; 7] = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];

/// The requests, documents or reviews counted in `key` for `year`.
pub fn drill_down(ledger: &Ledger, year: i32, key: &CellKey) -> Result<DrillDown> {
    crate::report::check_year(year)?;
    let conn = ledger.conn();
    match key.table.as_str() {
        "three" => {
            let row = ThreeRow::from_key(&key.row).ok_or_else(|| bad_cell(key))?;
            let column = match key.column {
                c @ 0..=5 => Some(ApplicantType::ALL[c as usize]),
                6 => None,
                _ => return Err(bad_cell(key)),
            };
            let ids: Vec<i64> =
                request_facts(conn, year)?.into_iter().filter(|f| f.counts_in(year, row, column)).map(|f| f.id).collect();
            let title = format!("{}年 表三 {} · {}", year, three_row_label(row), THREE_LABELS[key.column as usize]);
            Ok(DrillDown { title, requests: requests_by_id(conn, &ids)?, documents: vec![] })
        }
        "two" => {
            let category = match key.row.as_str() {
                "rule" => Category::Rule,
                "normative" => Category::Normative,
                _ => return Err(bad_cell(key)),
            };
            let column = *FigureColumn::ALL.get(key.column as usize).ok_or_else(|| bad_cell(key))?;
            let ids: Vec<i64> = documents::annual_facts_with_ids(conn)?
                .into_iter()
                .filter(|(_, f)| f.category == category && f.counts_in(year, column))
                .map(|(id, _)| id)
                .collect();
            let col = ["本年制发件数", "本年废止件数", "现行有效件数"][key.column as usize];
            let title = format!("{}年 {} · {}", year, category.label(), col);
            Ok(DrillDown { title, requests: vec![], documents: documents_by_id(conn, &ids)? })
        }
        "four" => {
            let kind_label = match key.row.as_str() {
                "reconsideration" => "行政复议",
                "lawsuit_direct" => "行政诉讼（未经复议直接起诉）",
                "lawsuit_after_reconsideration" => "行政诉讼（复议后起诉）",
                _ => return Err(bad_cell(key)),
            };
            let outcomes = ["upheld", "corrected", "other", "pending"];
            let outcome: Option<&str> = match key.column {
                c @ 0..=3 => Some(outcomes[c as usize]),
                4 => None,
                _ => return Err(bad_cell(key)),
            };
            let col = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"][key.column as usize];
            let title = format!("{year}年 表四 {kind_label} · {col}");
            Ok(DrillDown { title, requests: reviews(conn, year, &key.row, outcome, kind_label)?, documents: vec![] })
        }
        "month" => {
            let series = MonthSeries::from_code(&key.row).ok_or_else(|| bad_cell(key))?;
            if !(1..=12).contains(&key.column) {
                return Err(bad_cell(key));
            }
            let start = NaiveDate::from_ymd_opt(year, key.column, 1).expect("valid month");
            let end = start.checked_add_months(chrono::Months::new(1)).expect("valid month") - chrono::Duration::days(1);
            let mut stmt = conn
                .prepare(&format!("SELECT id FROM ({}) WHERE day BETWEEN ?1 AND ?2 ORDER BY day, id", series.source()))
                .map_err(|e| Error::sqlite("查询明细", e))?;
            let ids = stmt
                .query_map(params![start.to_string(), end.to_string()], |r| r.get::<_, i64>(0))
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .map_err(|e| Error::sqlite("查询明细", e))?;
            let title = format!("{}年{}月 {}", year, key.column, series.label());
            if series.is_documents() {
                Ok(DrillDown { title, requests: vec![], documents: documents_by_id(conn, &ids)? })
            } else {
                Ok(DrillDown { title, requests: requests_by_id(conn, &ids)?, documents: vec![] })
            }
        }
        _ => Err(bad_cell(key)),
    }
}

fn three_row_label(row: ThreeRow) -> String {
    match row {
        ThreeRow::Received => "一、本年新收".into(),
        ThreeRow::CarriedIn => "二、上年结转".into(),
        // （一）予以公开 and （二）部分公开 are their own group: named once, not "（一）予以公开 （一）予以公开".
        ThreeRow::Result(r) if r.number().is_empty() => r.numbered_label(),
        ThreeRow::Result(r) => format!("{} {}", r.group().label(), r.numbered_label()),
        ThreeRow::Group(g) => g.label().into(),
        ThreeRow::ResultsTotal => "（七）总计".into(),
        ThreeRow::CarriedOut => "四、结转下年度继续办理".into(),
    }
}

/// Ids go in as a JSON array: one statement whatever the number of ids.
fn requests_by_id(conn: &Connection, ids: &[i64]) -> Result<Vec<DrillRequest>> {
    let mut stmt = conn
        .prepare(
            "SELECT number, applicant_name, applicant_type, received_date, concluded_date, result_code
               FROM request WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY received_date, number",
        )
        .map_err(|e| Error::sqlite("查询明细", e))?;
    let json = serde_json::to_string(ids).expect("ids serialise");
    let rows = stmt
        .query_map([json], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?, r.get::<_, Option<String>>(5)?))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| Error::sqlite("查询明细", e))?;
    Ok(rows
        .into_iter()
        .map(|(number, name, t, received_date, concluded_date, result)| {
            let t = ApplicantType::from_code(&t).unwrap_or(ApplicantType::Other);
            DrillRequest {
                number,
                applicant: mask_name(&name, t),
                applicant_type: t.label().to_string(),
                received_date,
                concluded_date,
                result: result
                    .as_deref()
                    .and_then(ReplyResult::from_code)
                    .map(|r| r.label().to_string())
                    .unwrap_or_else(|| "办理中".to_string()),
            }
        })
        .collect())
}

fn documents_by_id(conn: &Connection, ids: &[i64]) -> Result<Vec<DrillDocument>> {
    let mut stmt = conn
        .prepare(
            "SELECT d.id, d.doc_number, d.title, d.category, d.published_on,
                    (SELECT min(s.date) FROM document_status s WHERE s.document_id = d.id AND s.status = 'repealed'),
                    d.valid_until
               FROM document d WHERE d.id IN (SELECT value FROM json_each(?1)) ORDER BY d.published_on, d.id",
        )
        .map_err(|e| Error::sqlite("查询明细", e))?;
    let json = serde_json::to_string(ids).expect("ids serialise");
    let rows = stmt
        .query_map([json], |r| {
            let category: String = r.get(3)?;
            Ok(DrillDocument {
                id: r.get(0)?,
                doc_number: r.get(1)?,
                title: r.get(2)?,
                category: Category::from_code(&category).map(|c| c.label().to_string()).unwrap_or(category),
                published_on: r.get(4)?,
                repealed_on: r.get(5)?,
                valid_until: r.get(6)?,
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| Error::sqlite("查询明细", e))?;
    Ok(rows)
}

/// Table 四's cell: one line per review (a request may be reviewed twice), from `REVIEWS_OF_YEAR`.
fn reviews(conn: &Connection, year: i32, kind: &str, outcome: Option<&str>, kind_label: &str) -> Result<Vec<DrillRequest>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT r.number, r.applicant_name, r.applicant_type, r.received_date, r.concluded_date, rv.filed_date, rv.outcome
               FROM ({REVIEWS_OF_YEAR}) rv JOIN request r ON r.id = rv.request_id
              WHERE rv.kind = ?3 AND (?4 IS NULL OR rv.outcome = ?4) ORDER BY rv.filed_date, rv.id"
        ))
        .map_err(|e| Error::sqlite("查询明细", e))?;
    let rows = stmt
        .query_map(params![format!("{year:04}-01-01"), format!("{year:04}-12-31"), kind, outcome], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| Error::sqlite("查询明细", e))?;
    Ok(rows
        .into_iter()
        .map(|(number, name, t, received_date, concluded_date, filed, outcome)| {
            let t = ApplicantType::from_code(&t).unwrap_or(ApplicantType::Other);
            let outcome = match outcome.as_str() {
                "upheld" => "结果维持",
                "corrected" => "结果纠正",
                "other" => "其他结果",
                _ => "尚未审结",
            };
            DrillRequest {
                number,
                applicant: mask_name(&name, t),
                applicant_type: t.label().to_string(),
                received_date,
                concluded_date,
                result: format!("{kind_label}（{filed}提起）：{outcome}"),
            }
        })
        .collect())
}

/// A monthly series of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthSeries {
    /// 收到申请 (收到申请之日 in the month)
    Received,
    /// 办结 (办结日期 in the month)
    Concluded,
    /// 规章和行政规范性文件 发布
    Issued,
    /// 规章和行政规范性文件 废止
    Repealed,
}

impl MonthSeries {
    pub const ALL: [MonthSeries; 4] = [MonthSeries::Received, MonthSeries::Concluded, MonthSeries::Issued, MonthSeries::Repealed];

    pub fn code(self) -> &'static str {
        match self {
            MonthSeries::Received => "received",
            MonthSeries::Concluded => "concluded",
            MonthSeries::Issued => "issued",
            MonthSeries::Repealed => "repealed",
        }
    }

    pub fn from_code(code: &str) -> Option<MonthSeries> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            MonthSeries::Received => "收到申请",
            MonthSeries::Concluded => "办结申请",
            MonthSeries::Issued => "制发规章和行政规范性文件",
            MonthSeries::Repealed => "废止规章和行政规范性文件",
        }
    }

    fn is_documents(self) -> bool {
        matches!(self, MonthSeries::Issued | MonthSeries::Repealed)
    }

    /// (id, day) rows: the series counts them by month, the drill-down lists one month. The
    /// document sources match 第二十条第（一）项 (规章 and 行政规范性文件; the first 已废止 date).
    fn source(self) -> &'static str {
        match self {
            MonthSeries::Received => "SELECT id, received_date AS day FROM request",
            MonthSeries::Concluded => "SELECT id, concluded_date AS day FROM request WHERE concluded_date IS NOT NULL",
            MonthSeries::Issued => "SELECT id, published_on AS day FROM document WHERE category IN ('rule', 'normative')",
            MonthSeries::Repealed => {
                "SELECT d.id, min(s.date) AS day FROM document d JOIN document_status s ON s.document_id = d.id AND s.status = 'repealed'
                  WHERE d.category IN ('rule', 'normative') GROUP BY d.id"
            }
        }
    }
}

/// One chart series: twelve monthly counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthlySeries {
    /// The `CellKey` row for the drill-down: received, concluded, issued, repealed.
    pub code: String,
    pub label: String,
    pub months: Vec<u32>,
}

/// A slice of a pie chart: its label, its count and the table-三 cell it drills into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChartSlice {
    pub label: String,
    pub value: u32,
    pub cell: CellKey,
}

/// What the charts of 年度报告 and 工作台 draw for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportCharts {
    pub year: i32,
    /// 收到申请, 办结申请, 制发, 废止: per month, counted in SQL.
    pub monthly: Vec<MonthlySeries>,
    /// 本年度办理结果 by group （一）–（六）.
    pub results: Vec<ChartSlice>,
    /// 本年新收 by applicant type.
    pub applicants: Vec<ChartSlice>,
}

pub fn charts(ledger: &Ledger, year: i32) -> Result<ReportCharts> {
    crate::report::check_year(year)?;
    let conn = ledger.conn();
    let mut monthly = Vec::new();
    for s in MonthSeries::ALL {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT CAST(substr(day, 6, 2) AS INTEGER), count(*) FROM ({}) WHERE day BETWEEN ?1 AND ?2 GROUP BY 1",
                s.source()
            ))
            .map_err(|e| Error::sqlite("统计月度数据", e))?;
        let mut months = vec![0u32; 12];
        let rows = stmt
            .query_map(params![format!("{year:04}-01-01"), format!("{year:04}-12-31")], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?)))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| Error::sqlite("统计月度数据", e))?;
        for (m, n) in rows {
            if (1..=12).contains(&m) {
                months[m as usize - 1] = n;
            }
        }
        monthly.push(MonthlySeries { code: s.code().into(), label: s.label().into(), months });
    }
    let facts = request_facts(conn, year)?;
    let count = |row: ThreeRow, column: Option<ApplicantType>| facts.iter().filter(|f| f.counts_in(year, row, column)).count() as u32;
    let results = GROUPS
        .iter()
        .map(|g| {
            let row = ThreeRow::Group(*g);
            // The pie shows the short name: （二）部分公开 without its parenthetical note.
            let label = g.label().split('（').take(2).collect::<Vec<_>>().join("（");
            ChartSlice { label, value: count(row, None), cell: CellKey { table: "three".into(), row: row.key(), column: 6 } }
        })
        .collect();
    let applicants = ApplicantType::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| ChartSlice {
            label: t.label().into(),
            value: count(ThreeRow::Received, Some(*t)),
            cell: CellKey { table: "three".into(), row: ThreeRow::Received.key(), column: i as u32 },
        })
        .collect();
    Ok(ReportCharts { year, monthly, results, applicants })
}
