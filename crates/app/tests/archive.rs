//! The archived copy (存档副本) of the annual report: every page carries the audit chain's head
//! the figures were read at and the time of export; the published report carries neither.

use chrono::NaiveDate;
use gongkai_app::report::{export, Edition, ExportKind};
use gongkai_ledger::{audit, Ledger};

fn pdftotext(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_archived_copy_prints_the_head_at_export_and_the_published_report_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("台账.db")).unwrap();
    // The printed report needs 机关名称 (issue 23).
    gongkai_ledger::settings::save_organ_name(&mut ledger, "某区人民政府办公室").unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
    let at = today.and_hms_opt(14, 30, 5).unwrap();
    let head = audit::head(&ledger).unwrap().expect("a new ledger's log records its creation");

    let archived = export(&mut ledger, 2025, ExportKind::Pdf, None, today, Edition::Archived(at)).unwrap();
    let published = export(&mut ledger, 2025, ExportKind::Pdf, None, today, Edition::Published).unwrap();
    // Exporting writes nothing: the head printed is still the ledger's.
    assert_eq!(audit::head(&ledger).unwrap().as_ref(), Some(&head));

    let Some(archived) = pdftotext(&archived) else {
        panic!("pdftotext (poppler-utils) is required: scripts/deps.sh installs it");
    };
    let published = pdftotext(&published).unwrap();
    let note = format!("存档副本 · {} · 导出于 2026-01-20 14:30", head.printed());
    let pages = archived.matches('\u{c}').count().max(1);
    assert_eq!(archived.matches(&note).count(), pages, "the note on each of {pages} pages:\n{archived}");
    assert!(archived.contains("政府信息公开工作年度报告"));
    for absent in ["存档副本", "校验码", &head.code()] {
        assert!(!published.contains(absent), "{absent} in the published report");
    }
}

#[test]
fn the_archived_workbook_carries_the_note_and_the_published_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("台账.db")).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
    let head = audit::head(&ledger).unwrap().unwrap();
    let unzip = |bytes: Vec<u8>| -> String {
        // The shared strings of an .xlsx hold every text cell; a plain search is enough here.
        let path = dir.path().join("book.xlsx");
        std::fs::write(&path, bytes).unwrap();
        let out = std::process::Command::new("unzip").arg("-p").arg(&path).arg("xl/sharedStrings.xml").output();
        out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default()
    };
    let archived = unzip(export(&mut ledger, 2025, ExportKind::Xlsx, None, today, Edition::Archived(today.and_hms_opt(9, 5, 0).unwrap())).unwrap());
    let published = unzip(export(&mut ledger, 2025, ExportKind::Xlsx, None, today, Edition::Published).unwrap());
    if archived.is_empty() {
        eprintln!("SKIP: unzip not installed; the workbook's text was not checked");
        return;
    }
    assert!(archived.contains(&format!("存档副本 · {} · 导出于 2026-01-20 09:05", head.printed())), "{archived}");
    assert!(!published.contains("校验码"));
}
