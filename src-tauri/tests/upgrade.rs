//! Upgrades keep the data. `tests/fixtures/upgrade-v12/` holds a ledger written by an older build
//! (schema version 12, main at 07dec8e: documents, requests through their workflow, issued letters
//! and their PDFs as attachments) with the report CSVs that build printed, all made by
//! `scripts/make-upgrade-fixture.sh`. This binary opens a copy: the file migrates to this build's
//! schema, a 升级前 backup of the old file appears, the audit chain verifies, every attachment
//! still matches its SHA-256, and the report is the same, figure for figure.
//!
//! The test does not name the newest schema version: it reads it from the ledger crate, so the
//! migrations that land after this fixture are exercised by it as they come.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE_VERSION: u32 = 12;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/upgrade-v12")
}

fn gongkai(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env_remove("GONGKAI_DB")
        .env("GONGKAI_CONFIG_DIR", config)
        .output()
        .unwrap()
}

fn ok(o: &Output, what: &str) -> String {
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(o.status.success(), "{what} failed ({:?}):\n{out}\n{}", o.status.code(), String::from_utf8_lossy(&o.stderr));
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn backups(db: &Path) -> Vec<String> {
    let dir = db.parent().unwrap().join("backups");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_ledger_of_the_previous_schema_upgrades_with_a_backup_and_keeps_its_report() {
    let latest = gongkai_ledger::LATEST_VERSION;
    assert!(latest >= FIXTURE_VERSION, "this build knows schema {latest}, older than the fixture's {FIXTURE_VERSION}");
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("台账");
    copy_dir(&fixture(), &work);
    let config = dir.path().join("config");
    let db = work.join("ledger.db");
    let s = |p: &Path| p.to_str().unwrap().to_string();

    // Before: the old file as the old build left it.
    let before = ok(&gongkai(&config, &["check", "--read-only", "--db", &s(&db)]), "check --read-only before");
    assert!(before.contains(&format!("结构版本 {FIXTURE_VERSION}")), "{before}");
    assert!(before.contains("依申请公开 6 件") && before.contains("文件台账 6 件"), "the fixture holds what the script wrote: {before}");
    assert!(!before.contains("附件 0 个"), "the fixture has attachments: {before}");
    assert!(backups(&db).is_empty(), "no backups before: {:?}", backups(&db));

    // Open with this build: the upgrade, and its backup of the file as it was.
    let opened = ok(&gongkai(&config, &["check", "--db", &s(&db)]), "check (open and upgrade)");
    assert!(opened.contains(&format!("结构版本 {latest}")), "{opened}");
    assert!(opened.contains("附件均与登记时的 SHA-256 一致"), "{opened}");
    let upgrade_backups: Vec<String> = backups(&db).into_iter().filter(|n| n.starts_with("升级前-")).collect();
    if latest > FIXTURE_VERSION {
        assert_eq!(upgrade_backups.len(), 1, "one 升级前 backup: {:?}", backups(&db));
        assert!(upgrade_backups[0].starts_with(&format!("升级前-v{FIXTURE_VERSION}-")), "{upgrade_backups:?}");
        let backup = work.join("backups").join(&upgrade_backups[0]);
        let kept = ok(&gongkai(&config, &["check", "--read-only", "--db", &s(&backup)]), "check of the 升级前 backup");
        assert!(kept.contains("备份正常") && kept.contains(&format!("结构版本 {FIXTURE_VERSION}")), "the backup is the old file: {kept}");
    } else {
        // The fixture is as new as this build (no migration has landed since it was made): there is
        // nothing to upgrade, and opening it must not pretend to.
        assert!(upgrade_backups.is_empty(), "no migration, no 升级前 backup: {upgrade_backups:?}");
        eprintln!("note: this build's schema is still {latest}; the upgrade path is exercised once a migration lands");
    }

    // The record: the chain verifies after the upgrade (read-only, nothing written).
    let verified = ok(&gongkai(&config, &["audit", "verify", "--db", &s(&db)]), "audit verify after the upgrade");
    assert!(!verified.trim().is_empty());

    // The report, figure for figure, as the old build printed it.
    for year in ["2025", "2024"] {
        let got = ok(&gongkai(&config, &["report", "--year", year, "--format", "csv", "--db", &s(&db)]), "report");
        let want = std::fs::read_to_string(fixture().join(format!("report-{year}.csv"))).unwrap();
        assert_eq!(got, want, "the {year} report changed across the upgrade");
    }

    // Opening again changes nothing more: no second upgrade backup.
    ok(&gongkai(&config, &["check", "--db", &s(&db)]), "check again");
    assert_eq!(backups(&db).into_iter().filter(|n| n.starts_with("升级前-")).count(), upgrade_backups.len());
}
