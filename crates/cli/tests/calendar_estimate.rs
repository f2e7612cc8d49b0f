//! Issue 23: a deadline in a year without a confirmed notice skips the predicted statutory
//! holidays and is marked 预计: standard output stays the bare date, 预计 and its reason go to
//! standard error, until `gongkai calendar confirm Y`; entering one row does not silence it.

use std::path::Path;

use gongkai_cli::run_captured;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_deadline_over_new_year_2030_is_predicted_until_the_year_is_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let due = || run_captured(&["calendar", "due", "2029-12-04", "20", "--db", s(&db)]);
    let (code, out, err) = due();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "2030-01-02\n", "stdout is the bare date, 元旦 2030 skipped");
    assert!(err.contains("预计") && err.contains("2030-01-01") && err.contains("调休无法预计"), "{err}");

    // One entered row of 2030 does not make the year complete.
    let (code, _, err) = run_captured(&["calendar", "add", "2030-01-01", "holiday", "元旦", "--notice", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let (_, out, err) = due();
    assert_eq!(out, "2030-01-02\n");
    assert!(err.contains("预计") && err.contains("2030年放假通知未录入完整"), "{err}");

    let (code, _, err) = run_captured(&["calendar", "confirm", "2030", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let (_, out, err) = due();
    assert_eq!(out, "2030-01-02\n");
    assert!(!err.contains("2030年放假通知未录入完整"), "2030 confirmed: {err}");
    assert!(err.contains("2029年放假通知未录入完整"), "2029 is still unconfirmed: {err}");
    assert_eq!(run_captured(&["calendar", "confirm", "2029", "--db", s(&db)]).0, 0);
    let (_, out, err) = due();
    assert_eq!((out.as_str(), err.as_str()), ("2030-01-02\n", ""), "no 预计 once both years are confirmed");

    assert_eq!(run_captured(&["calendar", "confirm", "20x7", "--db", s(&db)]).0, 2);
}

#[test]
fn the_shipped_years_stay_exact_and_unmarked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    for (from, n, want) in [("2024-09-27", "20", "2024-10-30"), ("2020-01-20", "7", "2020-02-06"), ("2025-12-31", "1", "2026-01-04")] {
        let (code, out, err) = run_captured(&["calendar", "due", from, n, "--db", s(&db)]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.trim(), want);
        assert!(!err.contains("预计"), "{err}");
    }
}
