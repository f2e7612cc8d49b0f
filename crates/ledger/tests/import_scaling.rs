//! Issue 22, point 1: an import's work must not grow with the ledger it goes into. Two equal
//! imports (same number of rows, same shape: hundreds of requests a day, as the benchmark's
//! million-request ledger has) go through one open `Ledger`; the second may not ask SQLite's pager
//! for many more pages than the first. Pages fetched are counted by SQLite, so the figure is the
//! same on every machine and at every load.

mod common;

use common::actor;
use gongkai_core::request::{EventDetail, RequestEvent};
use gongkai_ledger::audit;
use gongkai_ledger::requests::{self, exchange};

/// `n` import rows starting at `from`, `per_day` of them received each day from 2024-01-02 on,
/// nearly all concluded, in the benchmark's shape.
fn csv(from: usize, n: usize, per_day: usize) -> String {
    let mut out = exchange::COLUMNS[..10].join(",");
    out.push('\n');
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    for i in from..from + n {
        let day = start + chrono::Days::new((i / per_day) as u64);
        let concluded = day + chrono::Days::new(3);
        let (c, r) = if i % 10 == 0 { (String::new(), String::new()) } else { (concluded.to_string(), "予以公开".to_string()) };
        out.push_str(&format!(
            "{}-{:07},自然人,申请人{},,1380000{:04},网络,{day},申请公开第{}号地块的房屋征收补偿方案及附件,{c},{r}\n",
            day.format("%Y"),
            i + 1,
            i % 997,
            i % 10_000,
            i % 4001,
        ));
    }
    out
}

#[test]
fn the_second_of_two_equal_imports_costs_about_what_the_first_did() {
    let (_dir, mut ledger) = common::ledger();
    let actor = actor("2026-06-01");
    // 2,000 rows at 340 a day: the benchmark's density. Pages fetched per import, on the code
    // before issue 22 (events written row by row after their request): 378,497 then 528,897.
    const N: usize = 2_000;
    let mut costs = Vec::new();
    for k in 0..2 {
        let file = csv(k * N, N, 340);
        let before = ledger.pages_fetched();
        let summary = exchange::import(&mut ledger, "申请台账.csv", file.as_bytes(), &actor).unwrap();
        assert_eq!(summary.imported as usize, N);
        costs.push(ledger.pages_fetched() - before);
    }
    let (first, second) = (costs[0], costs[1]);
    assert!(first > 0, "the counter counts");
    assert!(
        second * 100 <= first * 120,
        "the second import fetched {second} pages against the first's {first}: an import's work grows with the ledger"
    );
}

/// The bulk import logs its rows in a few compact entries (a digest per row), and the audit
/// trail proves for them what it proves for any row: a later change through the app verifies, and
/// an edit, insertion or deletion behind the app's back is named by table and row.
#[test]
fn imported_rows_are_held_by_the_audit_trail_like_any_other() {
    let (dir, mut ledger) = common::ledger();
    let actor = actor("2026-06-01");
    const N: usize = 1_200;
    exchange::import(&mut ledger, "申请台账.csv", csv(0, N, 340).as_bytes(), &actor).unwrap();
    let report = audit::verify(&ledger).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.rows as usize >= N * 2, "{report:?}");
    assert!(report.entries < 20, "a few entries for the lot, not one per row: {report:?}");
    let page = audit::list(&ledger, &audit::AuditFilter { limit: 50, table_name: Some("import_batch".into()), ..Default::default() }).unwrap();
    // Who: the operator every entry of this connection records; where: the file, once per entry.
    let who = gongkai_ledger::default_operator();
    assert!(!page.entries.is_empty());
    assert!(page.entries.iter().all(|e| e.operator == who && e.after.as_deref().unwrap().contains("\"source\":\"申请台账.csv\"")));
    // The log's 记录 filter finds an imported request by its 受理编号, in the entry that logged it.
    let found = audit::list(&ledger, &audit::AuditFilter { limit: 5, record: Some("2024-0000700".into()), ..Default::default() }).unwrap();
    assert_eq!(found.entries.len(), 1, "{:?}", found.entries.iter().map(|e| &e.table_name).collect::<Vec<_>>());
    assert_eq!(found.entries[0].table_name, "import_batch");

    // Row 1 is still open (every tenth row is): the clerk records its withdrawal in the app.
    let number = "2024-0000001";
    requests::append_event(&mut ledger, number, RequestEvent::new(common::d("2026-05-01"), EventDetail::Withdrawn { reason: "申请人撤回".into() }), &actor).unwrap();
    let report = audit::verify(&ledger).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let changed = audit::list(&ledger, &audit::AuditFilter { limit: 5, table_name: Some("request".into()), ..Default::default() }).unwrap();
    let before = changed.entries[0].before.as_deref().unwrap();
    assert!(before.contains("2024-0000001") && before.contains("processing"), "the first change logs the imported state whole: {before}");

    // Behind the app's back: an imported request edited, an event inserted, another deleted.
    let path = ledger.path().to_path_buf();
    drop(ledger);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("UPDATE request SET applicant_name = '篡改后的申请人' WHERE id = 7", []).unwrap();
    raw.execute_batch(
        "DROP TRIGGER request_event_append_only_delete;
         DELETE FROM request_event WHERE id = 11;
         INSERT INTO request_event (request_id, seq, kind, event_date, payload, operator, recorded_at, imported)
         VALUES (9, 3, 'withdrawn', '2024-02-01', '{}', '某人', '2026-06-01 10:00:00', 0);",
    )
    .unwrap();
    drop(raw);
    let ledger = gongkai_ledger::Ledger::open(&path).unwrap();
    let problems = audit::verify(&ledger).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("request 表第 7 行与审计日志记录的最后状态不符")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("request_event 表第 11 行已不在台账中")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("request_event 表") && p.contains("没有审计记录")), "{problems:?}");
    drop(dir);
}

/// What the bulk path leaves in the derived structures is what row-by-row writes would leave. Two
/// imports into one ledger (the second adds to tally rows the first made); then the full-text index
/// agrees with its content table, every tally row is the count of its requests, a word finds
/// exactly the rows that hold it, the schema is what the migrations built (`audit::verify`), and a
/// change made afterwards is counted too.
#[test]
fn a_bulk_import_indexes_and_counts_its_rows_as_the_triggers_would() {
    let (_dir, mut ledger) = common::ledger();
    let actor = actor("2026-06-01");
    exchange::import(&mut ledger, "一.csv", csv(0, 700, 120).as_bytes(), &actor).unwrap();
    exchange::import(&mut ledger, "二.csv", csv(700, 900, 120).as_bytes(), &actor).unwrap();
    let raw = rusqlite::Connection::open(ledger.path()).unwrap();
    raw.execute("INSERT INTO request_fts (request_fts, rank) VALUES ('integrity-check', 1)", []).unwrap();
    let tally_differs = |raw: &rusqlite::Connection| -> i64 {
        raw.query_row(
            "WITH counted AS (
               SELECT status, applicant_type, CAST(substr(received_date, 1, 4) AS INTEGER) AS year,
                      concluded_date IS NOT NULL AS concluded, count(*) AS n
               FROM request GROUP BY 1, 2, 3, 4),
             kept AS (SELECT status, applicant_type, year, concluded, n FROM request_tally WHERE n > 0)
             SELECT (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM counted))
                  + (SELECT count(*) FROM (SELECT * FROM counted EXCEPT SELECT * FROM kept))",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(tally_differs(&raw), 0, "request_tally is the count of its requests");
    let holding: i64 = raw.query_row("SELECT count(*) FROM request WHERE content LIKE '%第17号地块%'", [], |r| r.get(0)).unwrap();
    assert!(holding > 0);
    let filter = requests::RequestFilter { query: "第17号地块".into(), page: 1, page_size: 50, ..Default::default() };
    let found = requests::list(&ledger, &filter, common::d("2026-06-01")).unwrap();
    assert_eq!(found.total as i64, holding, "the full-text index finds exactly the rows holding the word");
    let unfiltered = requests::RequestFilter { page: 1, page_size: 50, ..Default::default() };
    assert_eq!(requests::list(&ledger, &unfiltered, common::d("2026-06-01")).unwrap().total, 1_600, "the list's total, from the tally");
    let report = audit::verify(&ledger).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // A change after the import: a withdrawal moves an open imported request to another tally row.
    requests::append_event(&mut ledger, "2024-0000011", RequestEvent::new(common::d("2026-05-01"), EventDetail::Withdrawn { reason: "申请人撤回".into() }), &actor)
        .unwrap();
    assert_eq!(tally_differs(&raw), 0, "the tally follows a change made after the import");
    raw.execute("INSERT INTO request_fts (request_fts, rank) VALUES ('integrity-check', 1)", []).unwrap();
}

/// Where an imported request's bytes go (run by hand: `cargo test --test import_scaling -- --ignored --nocapture`).
#[test]
#[ignore]
fn bytes_per_request_by_table() {
    let (_dir, mut ledger) = common::ledger();
    let actor = actor("2026-06-01");
    const N: usize = 20_000;
    exchange::import(&mut ledger, "申请台账.csv", csv(0, N, 340).as_bytes(), &actor).unwrap();
    ledger.checkpoint().unwrap();
    let c = common::outside(&ledger);
    let mut st = c.prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").unwrap();
    let rows: Vec<(String, i64)> = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect();
    let total: i64 = rows.iter().map(|r| r.1).sum();
    for (name, bytes) in rows.iter().take(25) {
        eprintln!("{name:40} {:8.0} B/request", *bytes as f64 / N as f64);
    }
    eprintln!("total {:.0} B/request", total as f64 / N as f64);
}

/// Documents written in bulk (`documents::insert_all`, the benchmark's builder) are logged the
/// same compact way; verification holds, and an edit behind the app's back is named.
#[test]
fn documents_written_in_bulk_are_held_by_the_audit_trail() {
    use gongkai_core::document::{Category, Disclosure, DisclosureMode};
    use gongkai_ledger::documents::{self, DocumentInput, InterpretationInput, WriteSource};
    let (_dir, mut ledger) = common::ledger();
    let docs: Vec<_> = (0..300)
        .map(|k| {
            documents::validate(&DocumentInput {
                title: format!("关于做好第{k}项工作的通知"),
                doc_number: format!("区政发〔2024〕{}号", k + 1),
                category: Some(Category::OtherPolicy),
                issuer: "区人民政府".into(),
                drafting_department: format!("科室{}", k % 3),
                published_on: Some("2024-03-01".into()),
                disclosure: Some(Disclosure::Full),
                disclosure_mode: Some(DisclosureMode::Active),
                secrecy_reviewed: Some(true),
                interpretations: if k % 2 == 0 {
                    vec![InterpretationInput { title: "政策解读".into(), form: None, published_on: Some("2024-03-01".into()), url: String::new() }]
                } else {
                    vec![]
                },
                no_interpretation_reason: (k % 2 == 1).then(|| "内部管理事项".to_string()),
                ..Default::default()
            })
            .unwrap()
        })
        .collect();
    assert_eq!(documents::insert_all(&mut ledger, &docs, WriteSource::Import, true).unwrap(), 300);
    let report = audit::verify(&ledger).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.entries < 20, "{report:?}");
    let path = ledger.path().to_path_buf();
    drop(ledger);
    rusqlite::Connection::open(&path).unwrap().execute("UPDATE document SET title = '篡改' WHERE id = 12", []).unwrap();
    let ledger = gongkai_ledger::Ledger::open(&path).unwrap();
    let problems = audit::verify(&ledger).unwrap().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("document 表第 12 行"), "{problems:?}");
}
