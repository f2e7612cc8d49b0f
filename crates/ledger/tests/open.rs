//! Opening the ledger: creation, migration, WAL, refusing foreign and newer files untouched.

use std::path::Path;

use gongkai_ledger::{settings, Error, Ledger, APPLICATION_ID, LATEST_VERSION, MIGRATIONS};
use rusqlite::Connection;

fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn creates_and_migrates_a_new_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/ledger.db");
    let ledger = Ledger::open(&path).unwrap();
    assert!(path.exists());
    assert_eq!(ledger.schema_version().unwrap(), LATEST_VERSION);
    let mode: String = ledger.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = ledger.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    let app_id: i32 = ledger.conn().query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(app_id, APPLICATION_ID);
    assert!(ledger.check_integrity().unwrap().is_empty());
    assert!(ledger.is_empty().unwrap());
}

#[test]
fn migrations_are_numbered_without_gaps_and_apply_to_an_empty_database() {
    for (i, (v, sql)) in MIGRATIONS.iter().enumerate() {
        assert_eq!(*v as usize, i + 1, "migration numbers run 1, 2, 3, …");
        assert!(sql.trim_start().starts_with("--"), "migration {v} opens with a comment saying why");
    }
    let conn = Connection::open_in_memory().unwrap();
    for (_, sql) in MIGRATIONS {
        conn.execute_batch(sql).unwrap();
    }
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.db");
    {
        let mut l = Ledger::open(&path).unwrap();
        settings::save_organ_name(&mut l, "某区人民政府办公室").unwrap();
    }
    let l = Ledger::open(&path).unwrap();
    assert_eq!(settings::organ_settings(&l).unwrap().organ_name, "某区人民政府办公室");
    assert!(!l.is_empty().unwrap());
}

#[test]
fn an_older_ledger_is_migrated_forward() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0].1).unwrap();
        conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;")).unwrap();
        conn.execute("INSERT INTO setting (key, value) VALUES ('organ_name', '旧台账')", []).unwrap();
    }
    let l = Ledger::open(&path).unwrap();
    assert_eq!(l.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(settings::organ_settings(&l).unwrap().organ_name, "旧台账");
}

#[test]
fn a_text_file_is_refused_in_chinese_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "not a ledger\n".repeat(40)).unwrap();
    let before = sha(&path);
    let err = Ledger::open(&path).err().expect("refused");
    assert!(matches!(err, Error::NotALedger(_)));
    assert!(err.to_string().contains("不是政务公开台账文件"));
    assert_eq!(sha(&path), before);
    assert!(!dir.path().join("notes.db-wal").exists());
}

#[test]
fn another_apps_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    }
    let before = sha(&path);
    assert!(matches!(Ledger::open(&path), Err(Error::NotALedger(_))));
    assert_eq!(sha(&path), before);
}

#[test]
fn a_ledger_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Ledger::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}; PRAGMA journal_mode = DELETE;", LATEST_VERSION + 1)).unwrap();
    }
    let before = sha(&path);
    let err = Ledger::open(&path).err().expect("refused");
    assert!(matches!(err, Error::TooNew { .. }), "{err:?}");
    assert!(err.to_string().contains("更新版本"));
    assert_eq!(sha(&path), before);
}

#[test]
fn an_empty_file_becomes_a_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let l = Ledger::open(&path).unwrap();
    assert_eq!(l.schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn integrity_check_reports_a_dangling_reference() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fk.db");
    let l = Ledger::open(&path).unwrap();
    l.conn()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             CREATE TABLE child (id INTEGER PRIMARY KEY, dep INTEGER REFERENCES department(id));
             INSERT INTO child (dep) VALUES (42);",
        )
        .unwrap();
    let problems = l.check_integrity().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("外键检查"));
}

#[test]
fn departments_are_retired_not_deleted_and_validated() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::open(&dir.path().join("d.db")).unwrap();
    settings::save_departments(&mut l, &["信息中心".into(), "规划局".into()]).unwrap();
    settings::save_departments(&mut l, &["规划局".into()]).unwrap();
    let deps = settings::organ_settings(&l).unwrap().departments;
    assert_eq!(deps.iter().map(|d| (d.name.as_str(), d.retired)).collect::<Vec<_>>(), [("规划局", false), ("信息中心", true)]);
    let err = settings::save_departments(&mut l, &["规划局".into(), " 规划局 ".into()]).unwrap_err();
    assert!(err.to_string().contains("重复"));
    let err = settings::save_departments(&mut l, &["".into()]).unwrap_err();
    assert!(err.to_string().contains("为空"));
    // the refused saves wrote nothing
    assert_eq!(settings::organ_settings(&l).unwrap().departments.len(), 2);
}
