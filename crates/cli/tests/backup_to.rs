//! Issue 23, point 7: `gongkai backup --to DIR` copies the ledger and its attachments into a new
//! folder inside DIR (a USB drive), with progress on standard error and the folder on standard
//! output; a folder that is not there is refused in Chinese with a non-zero exit.

use std::path::Path;

use gongkai_cli::run_captured;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn backup_to_a_folder_copies_the_ledger_and_its_attachments_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    // The demo issues letters, whose PDFs are attachments.
    assert_eq!(run_captured(&["demo", "--db", s(&db)]).0, 0);
    let usb = tempfile::tempdir().unwrap();
    let (code, out, err) = run_captured(&["backup", "--to", s(usb.path()), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let folder = out.trim().strip_prefix("已备份到 ").unwrap_or_else(|| panic!("{out}"));
    assert!(Path::new(folder).join("台账备份.db").is_file(), "{folder}");
    let list = std::fs::read_to_string(Path::new(folder).join("校验清单.txt")).unwrap();
    let attachments = list.lines().filter(|l| l.contains("  附件/")).count();
    assert!(attachments >= 8, "every letter's PDF: {list}");
    for stage in ["复制台账… 0%", "复制附件…", "校验… 100%"] {
        assert!(err.contains(stage), "{stage} in {err}");
    }
    assert!(err.contains(&format!("{attachments} 个附件与登记时的 SHA-256 一致")), "{err}");

    // The copy restores like any backup: `check` reads it without complaint.
    let (code, _, err) = run_captured(&["check", "--read-only", "--db", &format!("{folder}/台账备份.db")]);
    assert_eq!(code, 0, "{err}");

    let (code, out, err) = run_captured(&["backup", "--to", s(&usb.path().join("没插好的U盘")), "--db", s(&db)]);
    assert_ne!(code, 0);
    assert!(out.is_empty() && err.contains("文件夹不存在") && err.contains("台账没有任何改动"), "{err}");
    let (code, _, err) = run_captured(&["backup", "--to", s(usb.path()), "--out", s(&dir.path().join("x.db")), "--db", s(&db)]);
    assert_ne!(code, 0, "--to and --out together: {err}");
}
