//! `gongkai report --archive`: the 存档副本 carries, on every page, the audit chain's head the
//! figures were read at (the same one `gongkai_ledger::audit::head` gives) and says it on
//! standard output; the report without the flag carries none; CSV has no archived copy.

use std::path::Path;
use std::process::Command;

use gongkai_cli::run_captured;
use gongkai_ledger::{audit, Ledger};

mod common;
use common::{imported, s};

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils): scripts/deps.sh installs it");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_archive_flag_prints_the_audit_anchor_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    // The printed report needs 机关名称 (issue 23).
    gongkai_ledger::settings::save_organ_name(&mut Ledger::open(&db).unwrap(), "某区人民政府办公室").unwrap();
    let head = audit::head(&Ledger::open_read_only(&db).unwrap()).unwrap().unwrap();

    let archived = dir.path().join("存档.pdf");
    let (code, stdout, err) = run_captured(&["report", "--year", "2025", "--out", s(&archived), "--archive", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains(&format!("存档副本：{}", head.printed())), "{stdout}");
    let text = pdftotext(&archived);
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 2, "the sample's report runs to several pages");
    assert_eq!(text.matches(&format!("存档副本 · {} · 导出于 ", head.printed())).count(), pages, "{text}");

    // The code names an entry of the chain: parsed back, it is that entry's hash.
    let parsed = audit::Head::parse(&format!("{}:{}", head.entry, head.code())).unwrap();
    assert!(head.matches(&parsed.hash));

    let published = dir.path().join("公布.pdf");
    let (code, stdout, err) = run_captured(&["report", "--year", "2025", "--out", s(&published), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(!stdout.contains("存档副本"));
    let text = pdftotext(&published);
    assert!(!text.contains("校验码") && !text.contains(&head.code()), "{text}");

    let (code, stdout, err) = run_captured(&["report", "--year", "2025", "--format", "csv", "--archive", "--db", s(&db)]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(err.contains("存档副本"), "{err}");
}
