//! `gongkai report --format xlsx --out FILE`: the workbook is written (also when the extension
//! says .xlsx), refused without --out, and blocked like the PDF when 勾稽 fails.

use gongkai_cli::run_captured;

mod common;
use common::{imported, s};

#[test]
fn the_report_workbook_is_written_and_needs_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let out = dir.path().join("年报.xlsx");
    let (code, stdout, err) = run_captured(&["report", "--year", "2025", "--format", "xlsx", "--out", s(&out), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("已生成"), "{stdout}");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"));

    // The extension is enough; the content is the same workbook.
    let inferred = dir.path().join("inferred.xlsx");
    let (code, _, err) = run_captured(&["report", "--year", "2025", "--out", s(&inferred), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&inferred).unwrap().starts_with(b"PK"));

    let (code, stdout, err) = run_captured(&["report", "--year", "2025", "--format", "xlsx", "--db", s(&db)]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(err.contains("--out"), "{err}");
    let (code, _, err) = run_captured(&["report", "--year", "2025", "--format", "docx", "--out", "x.docx", "--db", s(&db)]);
    assert_eq!(code, 2);
    assert!(err.contains("csv、pdf 或 xlsx"), "{err}");
}
