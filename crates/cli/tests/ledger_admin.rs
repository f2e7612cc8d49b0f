//! The ledger as a legal record from the command line: the full report CSV, `audit verify`
//! catching edits made behind the app's back, and backup/restore round trips. The SQL here is
//! an outside program's (someone editing the file with sqlite3, another writer holding it): what
//! the app reads, these tests read through the `Ledger` API like everything else.

use std::path::{Path, PathBuf};

use gongkai_cli::run_captured;

fn contract(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ledger/tests/data").join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn imported(dir: &Path) -> PathBuf {
    let db = dir.join("q.db");
    let (code, _, err) = run_captured(&["import", "requests", s(&contract("requests-sample.csv")), "--db", s(&db), "--operator", "王五"]);
    assert_eq!(code, 0, "{err}");
    db
}

fn report_csv(db: &Path) -> String {
    let (code, out, err) = run_captured(&["report", "--year", "2025", "--format", "csv", "--db", s(db)]);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn audit_verify_passes_after_an_import_and_names_a_request_edited_behind_its_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let (code, out, err) = run_captured(&["audit", "verify", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("审计日志完好"), "{out}");
    let raw = rusqlite::Connection::open(&db).unwrap();
    raw.execute("UPDATE request SET applicant_name = '篡改' WHERE id = 3", []).unwrap();
    drop(raw);
    let (code, _, err) = run_captured(&["audit", "verify", "--db", s(&db)]);
    assert_ne!(code, 0);
    assert!(err.contains("request 表第 3 行"), "{err}");
}

#[test]
fn audit_verify_names_an_edited_audit_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let raw = rusqlite::Connection::open(&db).unwrap();
    // The import's own entry (issue 22: an import is logged in a few compact entries).
    let id: i64 = raw.query_row("SELECT min(id) FROM audit_log WHERE table_name = 'import_batch'", [], |r| r.get(0)).unwrap();
    raw.execute_batch(&format!("DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET operator = '李四' WHERE id = {id};")).unwrap();
    drop(raw);
    let (code, _, err) = run_captured(&["audit", "verify", "--db", s(&db)]);
    assert_ne!(code, 0);
    assert!(err.contains(&format!("审计日志第 {id} 条")), "{err}");
}

#[test]
fn the_operator_flag_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let ledger = gongkai_ledger::Ledger::open(&db).unwrap();
    // An import logs its rows in compact import_batch entries (issue 22), under the operator.
    let filter = gongkai_ledger::audit::AuditFilter {
        table_name: Some("import_batch".into()),
        operator: Some("王五".into()),
        limit: 1,
        ..Default::default()
    };
    assert!(gongkai_ledger::audit::list(&ledger, &filter).unwrap().total > 0);
}

#[test]
fn a_backup_is_a_sound_ledger_and_restoring_it_reports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let before = report_csv(&db);
    assert!(before.contains("一、本年新收政府信息公开申请数量,23,1,0,0,2,1,27"), "{before}");
    let bak = dir.path().join("b.db");
    let (code, _, err) = run_captured(&["backup", "--out", s(&bak), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_captured(&["check", "--db", s(&bak)]);
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = run_captured(&["backup", "--out", s(&bak), "--db", s(&db)]);
    assert_ne!(code, 0, "an existing backup is never overwritten");

    let other = dir.path().join("other.db");
    assert_eq!(run_captured(&["demo", "--db", s(&other)]).0, 0);
    let (code, _, err) = run_captured(&["restore", s(&bak), "--db", s(&other), "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("原台账已另存为"), "{err}");
    assert_eq!(report_csv(&other), before);
    assert_eq!(run_captured(&["audit", "verify", "--db", s(&other)]).0, 0);
}

#[test]
fn restoring_a_file_that_is_not_a_ledger_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let before = report_csv(&db);
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a ledger").unwrap();
    let (code, _, err) = run_captured(&["restore", s(&junk), "--db", s(&db), "--yes"]);
    assert_ne!(code, 0);
    assert!(err.contains("不是政务公开台账文件"), "{err}");
    assert_eq!(report_csv(&db), before);
}

#[test]
fn the_report_pdf_is_written_and_bad_arguments_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let pdf = dir.path().join("r.pdf");
    // Issue 23: no printed report without 机关名称, naming the setting; CSV and Excel still go out.
    let (code, _, err) = run_captured(&["report", "--year", "2025", "--out", s(&pdf), "--db", s(&db)]);
    assert_ne!(code, 0);
    assert!(err.contains("机关名称") && err.contains("gongkai settings set 机关名称"), "{err}");
    assert!(!pdf.exists(), "nothing written");
    let xlsx = dir.path().join("r.xlsx");
    let (code, _, err) = run_captured(&["report", "--year", "2025", "--format", "xlsx", "--out", s(&xlsx), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(run_captured(&["report", "--year", "2025", "--format", "csv", "--db", s(&db)]).0, 0);
    assert_eq!(run_captured(&["settings", "set", "机关名称", "某区人民政府办公室", "--db", s(&db)]).0, 0);
    let (code, out, err) = run_captured(&["report", "--year", "2025", "--out", s(&pdf), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已生成"));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert_eq!(run_captured(&["report", "--year", "20x5", "--format", "csv", "--db", s(&db)]).0, 2);
    assert_eq!(run_captured(&["report", "--year", "2025", "--format", "xml", "--db", s(&db)]).0, 2);
    assert_eq!(run_captured(&["report", "--year", "2025", "--db", s(&db)]).0, 2);
}

/// One writer at a time (issue 8, point 4): while another connection (the app) holds a write
/// transaction, a CLI write waits for the busy timeout, then fails in Chinese, writes nothing and
/// leaves a sound ledger; once the other writer is done the same command succeeds.
#[test]
fn a_cli_write_while_another_writer_holds_the_ledger_waits_then_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE; INSERT INTO setting (key, value) VALUES ('held_by_test', 'x');").unwrap();
    let started = std::time::Instant::now();
    let args = ["calendar", "add", "2025-10-11", "workday", "调休上班", "--db", s(&db)];
    let (code, out, err) = run_captured(&args);
    let waited = started.elapsed();
    assert_ne!(code, 0, "{out}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("台账文件正被其他程序写入，请稍后重试"), "{err}");
    assert!(waited >= std::time::Duration::from_millis(gongkai_ledger::BUSY_TIMEOUT_MS as u64 - 500), "waited only {waited:?}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    let ledger = gongkai_ledger::Ledger::open(&db).unwrap();
    assert!(ledger.check_integrity().unwrap().is_empty());
    let added = gongkai_ledger::calendar::rows(&ledger).unwrap().into_iter().filter(|r| r.date.to_string() == "2025-10-11").count();
    assert_eq!(added, 0, "the refused write wrote nothing");
    drop(ledger);
    let (code, _, err) = run_captured(&args);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_captured(&["audit", "verify", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
}

/// `check --read-only` looks at a backup without touching it, even one of an older schema.
#[test]
fn check_read_only_reports_a_backup_without_writing_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let bak = dir.path().join("b.db");
    assert_eq!(run_captured(&["backup", "--out", s(&bak), "--db", s(&db)]).0, 0);
    let raw = rusqlite::Connection::open(&bak).unwrap();
    let n: i64 = raw.query_row("SELECT count(*) FROM request", [], |r| r.get(0)).unwrap();
    raw.execute_batch(&format!("PRAGMA user_version = {}", gongkai_ledger::LATEST_VERSION - 1)).unwrap(); // as an older program left it
    drop(raw);
    let bytes = std::fs::read(&bak).unwrap();
    let (code, out, err) = run_captured(&["check", "--read-only", "--db", s(&bak)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("只读检查") && out.contains(&format!("依申请公开 {n} 件")) && out.contains("旧版本"), "{out}");
    assert_eq!(std::fs::read(&bak).unwrap(), bytes, "not a byte changed");
    assert!(!bak.with_extension("db-wal").exists());
    let (code, _, err) = run_captured(&["check", "--read-only", "--db", s(&dir.path().join("none.db"))]);
    assert_ne!(code, 0);
    assert!(err.contains("不存在"), "{err}");
    assert!(!dir.path().join("none.db").exists(), "a read-only check creates nothing");
}
