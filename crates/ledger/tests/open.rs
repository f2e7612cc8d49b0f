//! Opening the ledger: creation, migration, WAL, refusing foreign and newer files untouched.

use std::path::Path;

use gongkai_ledger::{settings, Error, Ledger, APPLICATION_ID, LATEST_VERSION, MIGRATIONS};
use rusqlite::Connection;

mod common;
use common::outside;

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
    let pragmas = ledger.connection_settings().unwrap();
    assert_eq!(pragmas.journal_mode, "wal");
    assert!(pragmas.foreign_keys);
    assert_eq!(pragmas.synchronous, "full");
    let mode: String = outside(&ledger).query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal", "WAL is a property of the file, not only of our connection");
    let app_id: i32 = outside(&ledger).query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
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
    outside(&l)
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

/// Run as a separate process by the test below: opens the ledger as any other program would
/// (the CLI, a checker), prints how many `setting` rows it sees, and closes it.
#[test]
#[ignore = "run as a child process by another_process_closing_the_ledger_never_hides_the_windows_writes"]
fn child_process_reads_the_ledger() {
    let Some(path) = std::env::var_os("GONGKAI_CHILD_LEDGER") else { return };
    let conn = Connection::open(&path).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM department WHERE name LIKE 'child_test_%'", [], |r| r.get(0)).unwrap();
    println!("CHILD_SEES={n}");
    drop(conn);
}

/// How many test rows another program sees after opening and closing the ledger. The program is
/// Python's sqlite3 (a checker or spreadsheet tool a clerk might run; its SQLite takes itself for
/// the last user and deletes the WAL whenever it can lock the file), else this test binary.
fn count_seen_by_another_process(path: &Path) -> i64 {
    const PY: &str = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
print('CHILD_SEES=%d' % c.execute(\"SELECT count(*) FROM department WHERE name LIKE 'child_test_%'\").fetchone()[0]); c.close()";
    let python = std::process::Command::new("python3").arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
    let out = if python {
        std::process::Command::new("python3").args(["-c", PY]).arg(path).output().unwrap()
    } else {
        std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "child_process_reads_the_ledger", "--ignored", "--nocapture", "--test-threads=1"])
            .env("GONGKAI_CHILD_LEDGER", path)
            .output()
            .unwrap()
    };
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.split("CHILD_SEES=").nth(1).map(str::trim))
        .unwrap_or_else(|| panic!("the child printed no count: {text}{}", String::from_utf8_lossy(&out.stderr)))
        .parse()
        .unwrap()
}

/// The window keeps its ledger open while its daily backup opens the same file a second time,
/// read-only. Looking at the file must not drop the window connection's locks: another process
/// that then opens and closes the ledger would take itself for the last user, checkpoint and
/// delete the WAL, and every later write of the window would vanish into the deleted file.
#[test]
fn another_process_closing_the_ledger_never_hides_the_windows_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let mut window = Ledger::open(&path).unwrap();
    // Each write goes through the window's own connection, whose locks are the point.
    let mut put = |name: &str, names: &mut Vec<String>| {
        names.push(name.to_string());
        settings::save_departments(&mut window, names).unwrap();
    };
    let mut names = Vec::new();
    put("child_test_1", &mut names);
    // What the daily backup thread does beside the open window.
    drop(Ledger::open_read_only(&path).unwrap());
    assert_eq!(count_seen_by_another_process(&path), 1);
    put("child_test_2", &mut names);
    assert_eq!(count_seen_by_another_process(&path), 2, "a write after another process closed the ledger is visible");
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(Path::new(&wal).exists(), "the window's WAL is still there");
    drop(window);
    let reopened = Ledger::open(&path).unwrap();
    assert_eq!(settings::departments(&reopened).unwrap().iter().filter(|d| d.name.starts_with("child_test_")).count(), 2);
}

/// The `CREATE TRIGGER name … END;` statement for `name` in a migration's text.
fn trigger_sql(migration: &str, name: &str) -> String {
    let start = migration.find(&format!("CREATE TRIGGER {name} ")).unwrap_or_else(|| panic!("{name} in the migration"));
    let end = start + migration[start..].find("END;").unwrap() + "END;".len();
    migration[start..end].to_string()
}

/// The request_tally triggers as `sqlite_schema` holds them.
fn tally_triggers(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'request_tally_%' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

/// Every row of `sql`'s result as text, to compare a table before and after a migration.
fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

/// 0009 first landed with two-statement tally triggers and was later edited in place to one UPSERT;
/// 0010 brings a ledger migrated with either text to the triggers a new ledger has, changing no
/// row: no tally row moves, and the audit trail gets no `baseline` entry.
/// Audit entries about the tables a version-9 ledger has (0011's are new and logged at upgrade).
const OLD_TABLES_ENTRIES: &str = "SELECT count(*) FROM audit_log WHERE table_name NOT IN ('ledger_identity', 'ledger_event', 'account')";

#[test]
fn a_ledger_at_version_9_with_either_tally_trigger_text_ends_with_the_current_triggers() {
    use gongkai_core::identity::IdKind;
    use gongkai_core::request::Channel;
    use gongkai_core::taxonomy::ApplicantType;
    use gongkai_ledger::requests::{self, Actor, RequestInput};
    use gongkai_ledger::audit;

    let dir = tempfile::tempdir().unwrap();
    let fresh = Ledger::open(&dir.path().join("fresh.db")).unwrap();
    let current = tally_triggers(&outside(&fresh));
    assert_eq!(current.len(), 3);
    let first = include_str!("data/0009_tally_triggers_first_landed.sql");
    assert!(first.contains("INSERT OR IGNORE INTO request_tally"), "0009 as it first landed");
    let edited = MIGRATIONS[8].1;
    assert!(edited.contains("ON CONFLICT"), "0009 as it was edited in place");

    for (form, text) in [("landed 0009", first), ("edited 0009", edited)] {
        let path = dir.path().join(format!("{form}.db"));
        let actor = Actor { operator: "测试员".into(), now: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap().and_hms_opt(9, 0, 0).unwrap() };
        {
            let mut l = Ledger::open(&path).unwrap();
            requests::exchange::import(&mut l, "requests.csv", include_bytes!("data/requests-sample.csv"), &actor).unwrap();
        }
        // As a program of version 9 left it: the tally triggers in `form`'s text.
        {
            let conn = Connection::open(&path).unwrap();
            // Without what 0011 and later added (the ledger's identity, its events, the append-only
            // log, accounts, the units' columns and the 工作要点 tables).
            let mut sql = String::from(
                "DROP TABLE backlog_step; DROP TABLE letter_dismissal; DROP TABLE submission; DROP TABLE account; DROP TABLE ledger_identity; DROP TABLE ledger_event;
                 DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;
                 DROP TABLE plan_evidence;
                 DROP TABLE plan_progress; DROP TABLE plan_assignment; DROP TABLE plan_task; DROP TABLE plan_part;
                 DROP TABLE plan; DROP TRIGGER department_no_delete; ALTER TABLE department DROP COLUMN category;
                 ALTER TABLE department DROP COLUMN contact; ALTER TABLE department DROP COLUMN report_due;
                 DROP TRIGGER request_tally_insert; DROP TRIGGER request_tally_update;\n",
            );
            sql += &common::undo_0013_sql();
            for name in ["request_tally_insert", "request_tally_update"] {
                sql += &trigger_sql(text, name);
                sql += "\n";
            }
            conn.execute_batch(&sql).unwrap();
            conn.execute_batch("PRAGMA user_version = 9;").unwrap();
        }
        let (tally, audit_entries) = {
            let conn = Connection::open(&path).unwrap();
            if form == "landed 0009" {
                assert_ne!(tally_triggers(&conn), current, "{form}: the old triggers are in place");
            }
            let tally = rows(&conn, "SELECT json_array(status, applicant_type, year, concluded, n) FROM request_tally ORDER BY 1");
            let entries: i64 = conn.query_row(OLD_TABLES_ENTRIES, [], |r| r.get(0)).unwrap();
            (tally, entries)
        };
        assert!(tally.len() > 5, "{form}: the sample fills the tally ({})", tally.len());

        let mut l = Ledger::open(&path).unwrap();
        assert_eq!(l.schema_version().unwrap(), LATEST_VERSION, "{form}");
        let c = outside(&l);
        assert_eq!(tally_triggers(&c), current, "{form}: the triggers a new ledger has");
        let after = rows(&c, "SELECT json_array(status, applicant_type, year, concluded, n) FROM request_tally ORDER BY 1");
        assert_eq!(after, tally, "{form}: no tally row changed");
        let entries: i64 = c.query_row(OLD_TABLES_ENTRIES, [], |r| r.get(0)).unwrap();
        assert_eq!(entries, audit_entries, "{form}: the migration changed no row of version 9's tables, so none was rebaselined");
        assert!(audit::verify(&l).unwrap().problems.is_empty(), "{form}");

        // The new triggers keep counting: a registration (insert) and a change of status (update).
        let input = RequestInput {
            number: String::new(),
            applicant_type: ApplicantType::Business,
            applicant_name: "某某有限公司".into(),
            id_kind: IdKind::None,
            id_number: String::new(),
            contact: "13912345678".into(),
            address: "某市某区某路1号".into(),
            channel: Channel::InPerson,
            received_date: "2025-12-01".into(),
            content: "申请公开某某道路改造工程的立项批复文件".into(),
            document_ref: String::new(),
            document_id: None,
            form_wanted: "纸质".into(),
            delivery_wanted: "邮寄".into(),
        };
        let number = requests::register(&mut l, &input, &actor).unwrap();
        c.execute("UPDATE request SET applicant_type = 'research', received_date = '2024-12-30' WHERE number = ?1", [&number]).unwrap();
        let mismatched: i64 = c
            .query_row(
                "SELECT count(*) FROM (SELECT status, applicant_type, CAST(substr(received_date, 1, 4) AS INTEGER) AS year,
                        concluded_date IS NOT NULL AS concluded, count(*) AS n FROM request GROUP BY 1, 2, 3, 4) c
                 FULL JOIN (SELECT * FROM request_tally WHERE n > 0) t USING (status, applicant_type, year, concluded)
                 WHERE c.n IS NOT t.n",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(mismatched, 0, "{form}: the tally equals a count of the rows");
    }
}
