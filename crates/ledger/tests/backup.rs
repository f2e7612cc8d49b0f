//! Backups (issue 8, point 2): the rotation rule as a table, the daily backup of the first
//! start of a day, the backup before a migration, listing, read-only inspection and restore.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use gongkai_ledger::backup::{self, rotation_keep};
use gongkai_ledger::{settings, Ledger, APPLICATION_ID, LATEST_VERSION, MIGRATIONS};
use rusqlite::Connection;

mod common;
use common::d;

/// Every day from `from` to `to`, inclusive.
fn days(from: &str, to: &str) -> Vec<NaiveDate> {
    let (mut day, end) = (d(from), d(to));
    let mut out = Vec::new();
    while day <= end {
        out.push(day);
        day = day + Days::new(1);
    }
    out
}

fn set(dates: &[&str]) -> BTreeSet<NaiveDate> {
    dates.iter().map(|s| d(s)).collect()
}

#[test]
fn rotation_keeps_seven_daily_four_weekly_twelve_monthly() {
    // (backups present, kept)
    let cases: Vec<(Vec<NaiveDate>, BTreeSet<NaiveDate>)> = vec![
        (vec![], set(&[])),
        // Fewer than seven: all stay.
        (days("2025-06-01", "2025-06-05"), days("2025-06-01", "2025-06-05").into_iter().collect()),
        // Twenty daily backups in June 2025 (Sun 1st … Fri 20th): the last seven days, the newest
        // of ISO weeks 23 (Jun 8), 22 (Jun 1) — week 24 and 25's newest are among the seven —
        // and of May? none; of June the 20th.
        (
            days("2025-06-01", "2025-06-20"),
            set(&["2025-06-14", "2025-06-15", "2025-06-16", "2025-06-17", "2025-06-18", "2025-06-19", "2025-06-20", "2025-06-08", "2025-06-01"]),
        ),
        // A year and a half of daily backups: 7 days + 4 weeks' newest (Sundays, the 7 days
        // already hold this week's) + 12 months' last day.
        (
            days("2024-06-01", "2025-11-26"),
            set(&[
                "2025-11-20", "2025-11-21", "2025-11-22", "2025-11-23", "2025-11-24", "2025-11-25", "2025-11-26",
                "2025-11-16", "2025-11-09", // weeks 46, 45 (weeks 48 and 47 are in the seven days)
                "2025-10-31", "2025-09-30", "2025-08-31", "2025-07-31", "2025-06-30", "2025-05-31", "2025-04-30",
                "2025-03-31", "2025-02-28", "2025-01-31", "2024-12-31", // with November: twelve months
            ]),
        ),
        // Sparse backups (the app is not started every day): the seven newest whatever their age,
        // and January 2023 as a month of its own; 2024-03-01 goes (March 2024 keeps the 2nd).
        (
            vec![d("2023-01-05"), d("2024-03-01"), d("2024-03-02"), d("2025-01-10"), d("2025-06-01"), d("2025-06-03"), d("2025-07-01"), d("2025-07-02"), d("2025-09-09")],
            set(&["2024-03-02", "2025-01-10", "2025-06-01", "2025-06-03", "2025-07-01", "2025-07-02", "2025-09-09", "2023-01-05"]),
        ),
    ];
    for (present, want) in cases {
        let kept = rotation_keep(&present);
        assert_eq!(kept, want, "present: {} backups from {:?}", present.len(), present.first());
        assert!(kept.iter().all(|k| present.contains(k)), "only existing backups are kept");
    }
    // However long the history, at most 7 + 4 + 12.
    assert!(rotation_keep(&days("2015-01-01", "2025-12-31")).len() <= 23);
}

fn ledger_with_data(dir: &Path) -> PathBuf {
    let path = dir.join("ledger.db");
    let mut l = Ledger::open(&path).unwrap();
    settings::save_organ_name(&mut l, "某区人民政府办公室").unwrap();
    path
}

fn auto_files(db: &Path) -> BTreeSet<String> {
    std::fs::read_dir(backup::backups_dir(db))
        .map(|rd| rd.filter_map(|e| e.ok()?.file_name().into_string().ok()).filter(|n| n.starts_with(backup::DAILY_PREFIX)).collect())
        .unwrap_or_default()
}

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// The window backs up at start and every 4 hours while it stays open (the clock is injected);
/// rotation keeps the newest of each day and only touches this ledger's automatic copies.
#[test]
fn automatic_backups_every_few_hours_rotated_per_ledger() {
    let dir = tempfile::tempdir().unwrap();
    // A new, empty ledger is not worth a copy; a missing one cannot be copied.
    assert_eq!(backup::auto_backup(&dir.path().join("missing.db"), at("2025-06-02 08:00"), 4).unwrap(), None);
    let empty = dir.path().join("empty/ledger.db");
    drop(Ledger::open(&empty).unwrap());
    assert_eq!(backup::auto_backup(&empty, at("2025-06-02 08:00"), 4).unwrap(), None);

    let db = ledger_with_data(dir.path());
    let id = gongkai_ledger::anchors::ledger_id(&Ledger::open_read_only(&db).unwrap()).unwrap().unwrap();
    let id8 = &id[..8];
    let first = backup::auto_backup(&db, at("2025-06-02 08:00"), 4).unwrap().expect("at start");
    assert!(first.ends_with(format!("backups/自动备份-2025-06-02-0800-{id8}.db")), "{}", first.display());
    assert_eq!(backup::auto_backup(&db, at("2025-06-02 09:00"), 4).unwrap(), None, "an hour later: not yet");
    assert_eq!(backup::auto_backup(&db, at("2025-06-02 11:59"), 4).unwrap(), None, "just under 4 hours");
    // The window's thread reads the interval from the ledger's setting (default 4 hours).
    assert_eq!(backup::auto_backup_as_set(&db, at("2025-06-02 11:59")).unwrap(), None, "the default is 4 hours too");
    let second = backup::auto_backup(&db, at("2025-06-02 12:00"), 4).unwrap().expect("4 hours on, the window still open");
    assert!(!first.exists(), "of one day only the newest copy stays");
    assert!(second.exists());
    let summary = backup::inspect(&second).unwrap();
    assert_eq!(summary.organ_name, "某区人民政府办公室");
    assert!(summary.problems.is_empty(), "{:?}", summary.problems);
    assert_eq!(summary.ledger_id.as_deref(), Some(id.as_str()));

    // Four hundred days of earlier copies (a stand-in file each), another ledger's copies and a
    // manual one that rotation must never touch; the next day's start leaves what the rule keeps.
    let backups = backup::backups_dir(&db);
    let history = days("2024-04-28", "2025-06-01");
    for day in &history {
        std::fs::write(backups.join(format!("自动备份-{day}-0900-{id8}.db")), b"x").unwrap();
        std::fs::write(backups.join(format!("自动备份-{day}-1300-{id8}.db")), b"x").unwrap();
    }
    std::fs::write(backups.join("自动备份-2024-05-01-0900-ffffffff.db"), b"x").unwrap();
    std::fs::write(backups.join("手动备份-20240101-120000.db"), b"x").unwrap();
    backup::auto_backup(&db, at("2025-06-03 08:30"), 4).unwrap().expect("a new day");
    let mut all = history.clone();
    all.extend([d("2025-06-02"), d("2025-06-03")]);
    let mut want: BTreeSet<String> = rotation_keep(&all)
        .iter()
        .map(|k| match k.to_string().as_str() {
            "2025-06-02" => format!("自动备份-2025-06-02-1200-{id8}.db"),
            "2025-06-03" => format!("自动备份-2025-06-03-0830-{id8}.db"),
            day => format!("自动备份-{day}-1300-{id8}.db"),
        })
        .collect();
    want.insert("自动备份-2024-05-01-0900-ffffffff.db".into());
    assert_eq!(auto_files(&db), want);
    assert!(backups.join("手动备份-20240101-120000.db").exists(), "manual backups are never rotated away");
    assert!(backups.join("自动备份-2024-05-01-0900-ffffffff.db").exists(), "another ledger's copies are not this one's to rotate");
}

/// A ledger file as an older version of the app left it: migrations up to `version` only.
fn old_ledger(path: &Path, version: u32, with_data: bool) {
    let conn = Connection::open(path).unwrap();
    for (_, sql) in &MIGRATIONS[..version as usize] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {version};")).unwrap();
    if with_data {
        conn.execute("INSERT INTO setting (key, value) VALUES ('organ_name', '旧版机关')", []).unwrap();
    }
}

fn files_with_prefix(db: &Path, prefix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(backup::backups_dir(db))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_migration_of_a_ledger_with_data_is_preceded_by_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let old = LATEST_VERSION - 1;
    let db = dir.path().join("old.db");
    old_ledger(&db, old, true);
    let l = Ledger::open(&db).unwrap();
    assert_eq!(l.schema_version().unwrap(), LATEST_VERSION);
    let copies = files_with_prefix(&db, backup::MIGRATION_PREFIX);
    assert_eq!(copies.len(), 1, "{copies:?}");
    let name = copies[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(&format!("升级前-v{old}-")), "{name}");
    let summary = backup::inspect(&copies[0]).unwrap();
    assert_eq!(summary.schema_version, old, "the copy is the ledger as it was before");
    assert_eq!(summary.organ_name, "旧版机关");
    drop(l);
    // Opening again: nothing to migrate, no new copy.
    drop(Ledger::open(&db).unwrap());
    assert_eq!(files_with_prefix(&db, backup::MIGRATION_PREFIX).len(), 1);

    // An old ledger with no rows, and a brand-new one, migrate without a copy.
    let empty_old = dir.path().join("empty-old.db");
    old_ledger(&empty_old, old, false);
    drop(Ledger::open(&empty_old).unwrap());
    let fresh = dir.path().join("fresh.db");
    drop(Ledger::open(&fresh).unwrap());
    assert!(files_with_prefix(&fresh, backup::MIGRATION_PREFIX).len() == 1, "only old.db's copy is in the shared folder");
}

#[test]
fn manual_backups_are_listed_inspected_read_only_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_data(dir.path());
    let mut l = Ledger::open(&db).unwrap();
    let made = backup::backup_now(&l, "20250602-101500").unwrap();
    let id = gongkai_ledger::anchors::ledger_id(&l).unwrap().unwrap();
    let name = format!("手动备份-20250602-101500-{}.db", &id[..8]);
    assert!(made.ends_with(format!("backups/{name}")), "{}", made.display());
    assert!(backup::backup_now(&l, "20250602-101500").is_err(), "never overwrites");
    settings::save_organ_name(&mut l, "改名后的机关").unwrap();

    let list = backup::list(&db).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].name.as_str(), list[0].kind.as_str()), (name.as_str(), "手动"));
    assert!(list[0].size_bytes > 0);

    let path = backup::resolve(&db, &list[0].name).unwrap();
    let before = std::fs::read(&path).unwrap();
    let summary = backup::inspect(&path).unwrap();
    assert_eq!((summary.organ_name.as_str(), summary.schema_version, summary.requests, summary.documents), ("某区人民政府办公室", LATEST_VERSION, 0, 0));
    assert!(summary.audit_entries > 0);
    assert_eq!(std::fs::read(&path).unwrap(), before, "inspecting changes nothing");
    for bad in ["../ledger.db", "/etc/passwd", "", ".hidden.db", "a/b.db", "无此文件.db", "ledger"] {
        let e = backup::resolve(&db, bad).unwrap_err().to_app_error();
        assert!(e.message.contains("备份文件"), "{bad}: {}", e.message);
    }

    let outcome = backup::restore_into(&mut l, &path, false, "20250602-103000").unwrap();
    assert_eq!(outcome.safety_copy, format!("恢复前-20250602-103000-{}.db", &id[..8]));
    let safety = backup::backups_dir(&db).join(&outcome.safety_copy);
    drop(l);
    let l = Ledger::open(&db).unwrap();
    assert_eq!(settings::organ_settings(&l).unwrap().organ_name, "某区人民政府办公室");
    assert_eq!(backup::inspect(&safety).unwrap().organ_name, "改名后的机关");
    let kinds: Vec<String> = backup::list(&db).unwrap().into_iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&"恢复前".to_string()) && kinds.contains(&"手动".to_string()), "{kinds:?}");
}

/// The window backs up while its own connection holds recent writes in the WAL: they are in the copy.
#[test]
fn a_backup_taken_from_an_open_connection_holds_its_latest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let mut l = Ledger::open(&db).unwrap();
    let reader = Ledger::open(&db).unwrap(); // another connection keeps the WAL from being checkpointed away
    settings::save_organ_name(&mut l, "写入未检查点的机关").unwrap();
    let made = backup::backup_now(&l, "20250602-120000").unwrap();
    let summary = backup::inspect(&made).unwrap();
    assert_eq!(summary.organ_name, "写入未检查点的机关");
    assert!(summary.audit_entries > 0);
    drop(reader);
}

/// 只读查看 and `check --read-only` of a ledger a window has open see what the window committed.
#[test]
fn a_read_only_look_sees_what_an_open_writer_committed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let mut l = Ledger::open(&db).unwrap();
    settings::save_organ_name(&mut l, "已提交的机关").unwrap();
    let summary = backup::inspect(&db).unwrap();
    assert_eq!(summary.organ_name, "已提交的机关");
    assert!(summary.audit_entries > 0);
    drop(l);
}
