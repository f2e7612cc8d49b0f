//! Issue 23: `gongkai demo` fills an empty ledger a newcomer can explore, in this year and the
//! year before: the annual reports of both years show non-zero tables and pass every 勾稽 check
//! (the CSV export runs the gate without an override reason), letters and a review are there, and
//! the audit chain verifies. A second run on the filled ledger is refused.

use std::path::Path;

use chrono::Datelike;
use gongkai_cli::run_captured;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The numbers of the CSV line that starts with `label`.
fn row(csv: &str, label: &str) -> Vec<u32> {
    let line = csv.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("{label} in {csv}"));
    line.split(',').skip(1).filter_map(|c| c.parse().ok()).collect()
}

#[test]
fn the_demo_ledger_reports_both_years_with_passing_checks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (code, out, err) = run_captured(&["demo", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已填入演示数据"), "{out}");
    let year = chrono::Local::now().date_naive().year();

    let report = |y: i32| {
        let (code, csv, err) = run_captured(&["report", "--year", &y.to_string(), "--format", "csv", "--db", s(&db)]);
        assert_eq!(code, 0, "{y}: the 勾稽 gate passes without a reason: {err}");
        assert!(!err.contains("勾稽检查未通过"), "{err}");
        csv
    };
    let last = report(year - 1);
    assert!(row(&last, "一、本年新收政府信息公开申请数量").last().copied().unwrap_or(0) >= 8, "{last}");
    assert!(row(&last, "（七）总计").last().copied().unwrap_or(0) >= 8, "{last}");
    assert!(row(&last, "行政规范性文件")[0] > 0 && row(&last, "规章")[0] > 0, "{last}");
    assert_eq!(row(&last, "行政复议"), vec![1, 0, 0, 0, 1], "the review is counted");
    let this = report(year);
    assert!(row(&this, "一、本年新收政府信息公开申请数量").last().copied().unwrap_or(0) > 0, "{this}");

    // letters were issued and numbered with the organ's pattern, and the record verifies
    let conn = rusqlite::Connection::open(&db).unwrap();
    let letters: i64 = conn.query_row("SELECT count(*) FROM letter", [], |r| r.get(0)).unwrap();
    assert!(letters >= 8, "{letters}");
    let states: i64 = conn.query_row("SELECT count(DISTINCT status) FROM request", [], |r| r.get(0)).unwrap();
    assert!(states >= 5, "requests in many states: {states}");
    assert_eq!(run_captured(&["audit", "verify", "--db", s(&db)]).0, 0);

    // 文件台账 has interpretations (one not 同步) and a 退文 with its 重新报送.
    let interpretations: i64 = conn.query_row("SELECT count(*) FROM document_interpretation", [], |r| r.get(0)).unwrap();
    assert!(interpretations >= 4, "{interpretations}");
    let kinds: Vec<String> = conn.prepare("SELECT kind FROM document_return ORDER BY id").unwrap()
        .query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(kinds.len(), 2, "a 退文 and its 重新报送: {kinds:?}");
    // the letters carry the organ's code, never a bare 〔year〕N号
    let numbers: Vec<String> = conn.prepare("SELECT number FROM letter").unwrap()
        .query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(numbers.iter().all(|n| n.starts_with("净管公开〔")), "{numbers:?}");
    // the review is on record, and this year's tables are not empty either
    let reviews: i64 = conn.query_row("SELECT count(*) FROM review", [], |r| r.get(0)).unwrap();
    assert_eq!(reviews, 1);
    assert!(row(&this, "（七）总计").last().copied().unwrap_or(0) > 0 || today_is_early_january(), "{this}");

    let (code, _, err) = run_captured(&["demo", "--db", s(&db)]);
    assert_ne!(code, 0);
    assert!(err.contains("空台账"), "{err}");
}

/// In the first days of January this year's requests may not be concluded yet.
fn today_is_early_january() -> bool {
    let t = chrono::Local::now().date_naive();
    t.month() == 1 && t.day() < 20
}
