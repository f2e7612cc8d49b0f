//! The command-line contract of the real `gongkai` binary: results on stdout, Chinese refusals on
//! stderr with non-zero exits, `--db` before or after the arguments, and `GONGKAI_DB`.

use std::path::Path;
use std::process::{Command, Output};

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).env_remove("GONGKAI_DB").output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn help_and_version() {
    let o = gongkai(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("政务公开台账"));
    assert!(stdout(&o).contains("calendar"));
    let o = gongkai(&["--version"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn check_creates_a_ledger_at_a_new_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested/new.db");
    let o = gongkai(&["check", "--db", db.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(db.exists());
    assert!(stdout(&o).contains("结构版本"));
    // --db before the subcommand works too
    let o = gongkai(&["--db", db.to_str().unwrap(), "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn check_refuses_a_foreign_file_in_chinese_and_leaves_it_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.db");
    std::fs::write(&bad, "not a ledger\n".repeat(40)).unwrap();
    let before = std::fs::read(&bad).unwrap();
    let o = gongkai(&["check", "--db", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(has_han(&stderr(&o)), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "stdout carries only results");
    assert_eq!(std::fs::read(&bad).unwrap(), before);
}

#[test]
fn gongkai_db_environment_variable_selects_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai")).arg("check").env("GONGKAI_DB", &db).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(db.exists());
}

#[test]
fn calendar_due_and_is_workday() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let db = db.to_str().unwrap();
    for (date, n, want) in [("2024-09-27", "20", "2024-10-30"), ("2020-01-20", "7", "2020-02-06")] {
        let o = gongkai(&["calendar", "due", date, n, "--db", db]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o), want);
    }
    let o = gongkai(&["calendar", "is-workday", "2024-10-01", "--db", db]);
    assert_eq!(stdout(&o), "休息日");
    let o = gongkai(&["calendar", "is-workday", "2024-10-12", "--db", db]);
    assert_eq!(stdout(&o), "工作日", "2024-10-12 is a Saturday worked for 国庆");
}

#[test]
fn calendar_rejects_bad_input_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let db = db.to_str().unwrap();
    for args in [
        vec!["calendar", "due", "2024-13-01", "5", "--db", db],
        vec!["calendar", "due", "2024-02-30", "5", "--db", db],
        vec!["calendar", "due", "2024-09-27", "-3", "--db", db],
        vec!["calendar", "due", "2024-09-27", "abc", "--db", db],
        vec!["calendar", "is-workday", "昨天", "--db", db],
    ] {
        let o = gongkai(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(has_han(&stderr(&o)), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn a_local_holiday_changes_calendar_due_for_that_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    let db = db.to_str().unwrap();
    assert_eq!(stdout(&gongkai(&["calendar", "due", "2024-09-27", "20", "--db", db])), "2024-10-30");
    let o = gongkai(&["calendar", "add", "2024-10-29", "holiday", "本地调休", "--db", db]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&gongkai(&["calendar", "due", "2024-09-27", "20", "--db", db])), "2024-10-31");
}

#[test]
fn an_uncovered_year_is_announced_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    let o = gongkai(&["calendar", "due", "2026-12-20", "20", "--db", db.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("2027年节假日安排未录入"), "{}", stderr(&o));
    assert_eq!(stdout(&o).len(), 10, "stdout is only the date");
}

#[test]
fn demo_fills_an_empty_ledger_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let o = gongkai(&["demo", "--db", db]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = gongkai(&["demo", "--db", db]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("已有数据"));
}

#[test]
fn unknown_subcommand_is_refused_in_chinese() {
    let o = gongkai(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(has_han(&stderr(&o)));
}

#[test]
fn a_missing_parent_folder_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a/b/c/l.db");
    assert!(gongkai(&["check", "--db", db.to_str().unwrap()]).status.success());
    assert!(Path::new(&db).exists());
}

/// One window per ledger: with a window already answering for the ledger, a second start (no
/// subcommand) asks it to come forward, says so in Chinese and exits without opening the ledger.
#[test]
fn a_second_start_on_an_open_ledger_brings_the_first_window_forward_and_opens_nothing() {
    use std::io::{BufRead, BufReader, Write};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("open.db");
    let runtime = dir.path().join("run");
    std::fs::create_dir(&runtime).unwrap();
    let listener = std::os::unix::net::UnixListener::bind(gongkai_shell::instance_socket_in(&runtime, &db)).unwrap();
    let window = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line).unwrap();
        stream.write_all(b"ok\n").unwrap();
        line
    });
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["--db", db.to_str().unwrap()])
        .env("XDG_RUNTIME_DIR", &runtime)
        .env_remove("GONGKAI_DB")
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("已在运行"), "{}", stderr(&o));
    assert_eq!(window.join().unwrap().trim(), "focus");
    assert!(!db.exists(), "the second start never opened the ledger");
}
