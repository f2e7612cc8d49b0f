//! The command-line contract of the real `gongkai` binary: results on stdout, Chinese refusals on
//! stderr with non-zero exits, `--db` before or after the arguments, and `GONGKAI_DB`.

use std::path::Path;
use std::process::{Command, Output};

/// This workstation's records (audit anchors) of the binary under test: never the real config folder.
fn test_config_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("gongkai-cli-test-config-{}", std::process::id()))
}

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env_remove("GONGKAI_DB")
        .env("GONGKAI_CONFIG_DIR", test_config_dir())
        .output()
        .unwrap()
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
    assert!(stderr(&o).contains("2027年放假通知未录入完整") && stderr(&o).contains("预计"), "{}", stderr(&o));
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

/// Restore while a window holds the ledger (issue 16): the command line refuses, whichever spelling
/// of the path it is given, and says to restore from the window; the window restores through its
/// own connection, so a second connection to the same file (another window reaching it through a
/// symlinked folder) keeps writing into the restored ledger and no write is lost.
#[test]
fn restore_while_a_window_holds_the_ledger_loses_no_write() {
    use gongkai_ledger::{audit, backup, settings, Ledger};
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();
    let db = real.join("ledger.db");
    let other_spelling = dir.path().join("link/../link/ledger.db");
    assert!(gongkai(&["demo", "--db", db.to_str().unwrap()]).status.success());
    let bak = dir.path().join("before.db");
    assert!(gongkai(&["backup", "--out", bak.to_str().unwrap(), "--db", db.to_str().unwrap()]).status.success());

    // The window: its ledger open and its single-instance socket answering.
    let runtime = dir.path().join("run");
    std::fs::create_dir(&runtime).unwrap();
    let socket = gongkai_shell::instance_socket_in(&runtime, &db);
    let gongkai_cli::instance::Instance::First(listener) = gongkai_cli::instance::acquire(&socket).unwrap() else { panic!() };
    gongkai_cli::instance::serve(listener, || true);
    let mut window = Ledger::open(&db).unwrap();
    window.set_workstation_dir(None);
    settings::save_organ_name(&mut window, "窗口里刚保存的机关").unwrap();

    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["restore", bak.to_str().unwrap(), "--yes", "--db", other_spelling.to_str().unwrap()])
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("GONGKAI_CONFIG_DIR", test_config_dir())
        .env_remove("GONGKAI_DB")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("正在窗口中打开") && stderr(&o).contains("在窗口"), "{}", stderr(&o));
    assert_eq!(settings::organ_settings(&window).unwrap().organ_name, "窗口里刚保存的机关", "the refused restore changed nothing");

    // A second connection through the other spelling, open across the restore.
    let mut second = Ledger::open(&other_spelling).unwrap();
    second.set_workstation_dir(None);
    let outcome = backup::restore_into(&mut window, &bak, false, "20260101-120000").unwrap();
    assert_ne!(settings::organ_settings(&window).unwrap().organ_name, "窗口里刚保存的机关", "the backup is what the window shows now");
    settings::save_departments(&mut second, &["恢复后登记的部门".into()]).unwrap();
    settings::save_organ_name(&mut window, "恢复后窗口保存的机关").unwrap();
    drop(second);
    drop(window);

    let fresh = Ledger::open_read_only(&db).unwrap();
    let depts = settings::organ_settings(&fresh).unwrap();
    assert_eq!(depts.organ_name, "恢复后窗口保存的机关");
    assert!(depts.departments.iter().any(|d| d.name == "恢复后登记的部门"), "the second connection's write is in the ledger: {depts:?}");
    assert!(audit::verify(&fresh).unwrap().problems.is_empty());
    // What the window had before the restore is kept, not lost: in the 恢复前 copy.
    let safety = backup::inspect(&backup::backups_dir(&db).join(&outcome.safety_copy)).unwrap();
    assert_eq!(safety.organ_name, "窗口里刚保存的机关");
}

/// `gongkai ARGS --db DB`, signed in as `user` (login, password in GONGKAI_PASSWORD) when given,
/// with `new_password` in GONGKAI_NEW_PASSWORD when given, and nothing else from the environment.
fn as_account(db: &str, args: &[&str], user: Option<(&str, &str)>, new_password: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.args(args).args(["--db", db]).env_remove("GONGKAI_DB").env_remove("GONGKAI_PASSWORD").env_remove("GONGKAI_NEW_PASSWORD");
    c.env("GONGKAI_CONFIG_DIR", test_config_dir());
    if let Some((login, pw)) = user {
        c.args(["--user", login]).env("GONGKAI_PASSWORD", pw);
    }
    if let Some(pw) = new_password {
        c.env("GONGKAI_NEW_PASSWORD", pw);
    }
    c.output().unwrap()
}

/// Accounts from the command line (issue 17): the first account is a 管理员 added without signing
/// in; after that every write needs `--user` with `GONGKAI_PASSWORD`, each refused for the wrong
/// role (exit 4, Forbidden, naming the role) or a wrong password; `--operator` is refused; reads
/// need no account; changes name the account and the audit trail still verifies.
#[test]
fn accounts_gate_every_write_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    let db_s = db.to_str().unwrap();
    let run = |args: &[&str], user: Option<(&str, &str)>, new_password: Option<&str>| as_account(db_s, args, user, new_password);
    let admin = Some(("admin", "admin-password"));
    assert!(run(&["demo"], None, None).status.success());
    // The first account must be a 管理员; it needs no --user.
    let o = run(&["user", "add", "wang", "--name", "王某", "--role", "登记员"], None, Some("password-1"));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("第一个账户必须有管理员角色"), "{}", stderr(&o));
    let o = run(&["user", "add", "admin", "--name", "管理员甲", "--role", "管理员"], None, None);
    assert_eq!(o.status.code(), Some(2), "no password: {}", stderr(&o));
    assert!(stderr(&o).contains("GONGKAI_NEW_PASSWORD"));
    let o = run(&["user", "add", "admin", "--name", "管理员甲", "--role", "管理员"], None, Some("admin-password"));
    assert!(o.status.success(), "{}", stderr(&o));
    // From now on a write without an account, or by the wrong role, is refused.
    let o = run(&["user", "add", "wang", "--name", "王某", "--role", "登记员"], None, Some("password-1"));
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("请先登录") && stderr(&o).contains("Forbidden"), "{}", stderr(&o));
    assert!(run(&["user", "add", "wang", "--name", "王某", "--role", "登记员"], admin, Some("password-1")).status.success());
    assert!(run(&["user", "add", "li", "--name", "李某", "--role", "负责人,审核人"], admin, Some("password-2")).status.success());
    let o = run(&["user", "list"], None, None);
    assert!(stdout(&o).contains("li\t李某\t审核人、负责人\t启用"), "{}", stdout(&o));

    let wang = Some(("wang", "password-1"));
    let add_day = ["calendar", "add", "2026-10-10", "workday", "调休上班"];
    let o = run(&add_day, None, None);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let o = run(&add_day, wang, None);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("需要管理员角色") && stderr(&o).contains("王某（wang）"), "{}", stderr(&o));
    assert!(run(&add_day, admin, None).status.success());
    let o = run(&add_day, Some(("wang", "wrong-password")), None);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("登录名或密码不正确"), "{}", stderr(&o));
    let o = run(&["--operator", "张三", "calendar", "add", "2026-10-11", "workday", "调休上班"], None, None);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("--user"), "{}", stderr(&o));

    // Reads need no account.
    for args in [&["calendar", "due", "2026-03-02", "20"][..], &["report", "--year", "2025", "--format", "csv"], &["audit", "verify"]] {
        let o = run(args, None, None);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    // A 登记员 imports; the changes name the account. (The demo's own entries before it are by 系统.)
    let all = gongkai_ledger::audit::AuditFilter { limit: 100_000, ..Default::default() };
    let last_before = {
        let l = gongkai_ledger::Ledger::open_read_only(&db).unwrap();
        gongkai_ledger::audit::list(&l, &all).unwrap().entries.iter().map(|e| e.id).max().unwrap_or(0)
    };
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/ledger/tests/data/requests-sample.csv");
    let o = run(&["import", "requests", sample.to_str().unwrap()], wang, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let l = gongkai_ledger::Ledger::open_read_only(&db).unwrap();
    let entries: Vec<_> = gongkai_ledger::audit::list(&l, &all).unwrap().entries.into_iter()
        // (signing in resets the account's failed-login count, logged before the account signs)
        .filter(|e| e.id > last_before && e.table_name != "account")
        .collect();
    assert!(entries.iter().any(|e| e.table_name == "import_batch"), "the import is logged in compact entries: {:?}", entries.first());
    assert!(entries.iter().all(|e| e.operator == "王某（wang）"), "{:?}", entries.iter().find(|e| e.operator != "王某（wang）"));
    drop(l);
    assert!(run(&["audit", "verify"], None, None).status.success());

    // A disabled account signs nothing.
    assert!(run(&["user", "disable", "wang"], admin, None).status.success());
    let o = run(&["import", "requests", sample.to_str().unwrap()], wang, None);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("已停用"), "{}", stderr(&o));
}

/// The story of an extension under Art. 33 on a ledger with accounts (issue 17): 登记员 王
/// registers a request and proposes 10 working days; `request show` says 延期待审批 and the due
/// date has not moved; 王 cannot approve (exit 4, names 负责人); 负责人 李 approves; the due date is
/// now 10 working days later, as `gongkai calendar due` computes it, and the derivation names 李.
#[test]
fn an_extension_is_proposed_by_the_clerk_and_approved_by_the_head() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db_s = db.to_str().unwrap();
    let run = |args: &[&str], user: Option<(&str, &str)>, new_password: Option<&str>| as_account(db_s, args, user, new_password);
    let (admin, wang, li) = (Some(("admin", "admin-password")), Some(("wang", "password-1")), Some(("li", "password-2")));
    assert!(run(&["user", "add", "admin", "--name", "管理员甲", "--role", "管理员"], None, Some("admin-password")).status.success());
    assert!(run(&["user", "add", "wang", "--name", "王某", "--role", "登记员"], admin, Some("password-1")).status.success());
    assert!(run(&["user", "add", "li", "--name", "李某", "--role", "负责人"], admin, Some("password-2")).status.success());
    // Letters need 机关名称 (issue 23).
    assert!(run(&["settings", "set", "机关名称", "某区人民政府办公室"], admin, None).status.success());

    let register = ["request", "register", "--type", "自然人", "--name", "张三", "--channel", "当面", "--content", "申请公开某道路工程的批复文件", "--other-id"];
    let o = run(&register, wang, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let number = stdout(&o).lines().last().unwrap().split_whitespace().find(|w| w.contains('-')).unwrap_or("").trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-').to_string();
    assert!(!number.is_empty(), "{}", stdout(&o));
    let due_of = |o: &Output| -> String {
        let text = stdout(o);
        let line = text.lines().find(|l| l.starts_with("答复期限：")).unwrap_or_else(|| panic!("{text}")).to_string();
        line.trim_start_matches("答复期限：").chars().take(10).collect()
    };
    let before = due_of(&run(&["request", "show", &number], None, None));

    // The clerk proposes: the approver is no longer typed.
    let o = run(&["request", "event", &number, "延期", "--workdays", "10", "--reason", "需要调取档案", "--approver", "王主任"], wang, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("不再填写审批人"), "{}", stderr(&o));
    let o = run(&["request", "event", &number, "延期", "--workdays", "10", "--reason", "需要调取档案"], wang, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = run(&["request", "show", &number], None, None);
    assert!(stdout(&shown).contains("延期待审批"), "{}", stdout(&shown));
    assert_eq!(due_of(&shown), before, "the deadline does not move for a proposal");

    // The 延期答复告知书 waits for the approval, then names the approver.
    let notice = dir.path().join("延期答复告知书.pdf");
    let letter = ["letter", &number, "延期答复告知书", "--out", notice.to_str().unwrap()];
    let o = run(&letter, wang, None);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("尚待负责人批准"), "{}", stderr(&o));

    let o = run(&["request", "approve", &number], wang, None);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("负责人"), "{}", stderr(&o));
    let o = run(&["request", "approve", &number], li, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&letter, wang, None);
    assert!(o.status.success(), "{}", stderr(&o));
    if let Ok(text) = Command::new("pdftotext").args([notice.to_str().unwrap(), "-"]).output() {
        let text = String::from_utf8_lossy(&text.stdout).replace(char::is_whitespace, "");
        assert!(text.contains("负责人李某同意"), "{text}");
    }

    let shown = run(&["request", "show", &number], None, None);
    let expected = stdout(&run(&["calendar", "due", &before, "10"], None, None));
    assert_eq!(due_of(&shown), expected.trim(), "{}", stdout(&shown));
    assert!(stdout(&shown).contains("经负责人李某（li）") && stdout(&shown).contains("同意延期 10 个工作日"), "{}", stdout(&shown));
    assert!(!stdout(&shown).contains("延期待审批"), "{}", stdout(&shown));
    assert!(run(&["audit", "verify"], None, None).status.success());
}

/// Review and sign-off of a reply on a ledger with accounts (issue 17): its 答复书 cannot be issued
/// before 签发; the 审核人 reviews, the 负责人 signs, each refused for the wrong role or out of
/// order; then the letter issues and names both.
#[test]
fn a_reply_is_reviewed_and_signed_before_its_letter_issues() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db_s = db.to_str().unwrap();
    let run = |args: &[&str], user: Option<(&str, &str)>, new_password: Option<&str>| as_account(db_s, args, user, new_password);
    let admin = Some(("admin", "admin-password"));
    assert!(run(&["user", "add", "admin", "--name", "管理员甲", "--role", "管理员"], None, Some("admin-password")).status.success());
    for (login, name, role, pw) in [("wang", "王某", "登记员", "password-1"), ("zhao", "赵某", "审核人", "password-3"), ("li", "李某", "负责人", "password-2")] {
        assert!(run(&["user", "add", login, "--name", name, "--role", role], admin, Some(pw)).status.success());
    }
    let (wang, zhao, li) = (Some(("wang", "password-1")), Some(("zhao", "password-3")), Some(("li", "password-2")));
    // Issue 18: the 答复书 names the 复议机关 a 管理员 set on the command line.
    assert!(run(&["settings", "set", "机关名称", "某区人民政府办公室"], admin, None).status.success());
    let o = run(&["settings", "set", "复议机关", "长春市人民政府"], admin, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let register = ["request", "register", "--type", "自然人", "--name", "张三", "--channel", "当面", "--content", "申请公开某道路工程的批复文件", "--other-id"];
    let o = run(&register, wang, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let number = stdout(&o).lines().last().unwrap().split_whitespace().find(|w| w.contains('-')).unwrap_or("").trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-').to_string();
    let o = run(&["request", "event", &number, "答复", "--result", "予以公开"], wang, None);
    assert!(o.status.success(), "{}", stderr(&o));

    let pdf = dir.path().join("答复书.pdf");
    let letter = ["letter", &number, "答复书", "--out", pdf.to_str().unwrap()];
    let o = run(&letter, wang, None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("审核") && stderr(&o).contains("签发"), "{}", stderr(&o));
    assert!(!pdf.exists());

    let o = run(&["request", "sign", &number], li, None);
    assert_eq!(o.status.code(), Some(3), "signing before review: {}", stderr(&o));
    assert!(stderr(&o).contains("待审核"), "{}", stderr(&o));
    let o = run(&["request", "review", &number], wang, None);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("审核人"), "{}", stderr(&o));
    assert!(run(&["request", "review", &number, "--comment", "同意"], zhao, None).status.success());
    // Sent back by the 负责人, reviewed again, then signed.
    assert_eq!(run(&["request", "send-back", &number], li, None).status.code(), Some(2), "a send-back needs a comment");
    assert!(run(&["request", "send-back", &number, "--comment", "请补充公开方式"], li, None).status.success());
    assert_eq!(run(&["request", "sign", &number], li, None).status.code(), Some(3));
    assert!(run(&["request", "review", &number], zhao, None).status.success());
    let o = run(&["request", "sign", &number], li, None);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = run(&letter, wang, None);
    assert!(o.status.success(), "{}", stderr(&o));
    if let Ok(text) = Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output() {
        let text = String::from_utf8_lossy(&text.stdout).replace(char::is_whitespace, "");
        assert!(text.contains("审核赵某（zhao）") && text.contains("签发李某（li）"), "{text}");
        assert!(text.contains("向长春市人民政府申请行政复议"), "{text}");
    }
    assert!(run(&["audit", "verify"], None, None).status.success());
}
