//! Issue 23, point 7: a backup into a folder the clerk picks (a USB drive), attachments included,
//! read back and verified, recorded, and refused with a clear Chinese message when the folder is
//! not a folder, does not exist, or is full; nothing is left of a failed copy.

use std::path::Path;

use gongkai_ledger::audit::{self, EventKind};
use gongkai_ledger::backup::{self, FolderProgress, FOLDER_ATTACHMENTS, FOLDER_CHECKSUMS, FOLDER_LEDGER};
use gongkai_ledger::requests;
use gongkai_ledger::Ledger;
use sha2::{Digest, Sha256};

mod common;
use common::{actor, ledger, request_input};

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A ledger with a request and two attachments, one in a sub-folder of its own.
fn filled() -> (tempfile::TempDir, Ledger, String) {
    let (dir, mut l) = ledger();
    let no = requests::register(&mut l, &request_input("2025-03-03"), &actor("2025-03-03")).unwrap();
    requests::add_attachment(&mut l, &no, "申请书.pdf", b"%PDF-1.4 the application", &actor("2025-03-03")).unwrap();
    requests::add_attachment(&mut l, &no, "身份证复印件.jpg", &[0xff, 0xd8, 0xff, 1, 2, 3], &actor("2025-03-03")).unwrap();
    (dir, l, no)
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_backup_to_a_folder_holds_the_ledger_and_every_attachment_verified_and_recorded() {
    let (_dir, mut l, no) = filled();
    let usb = tempfile::tempdir().unwrap();
    let mut seen: Vec<FolderProgress> = Vec::new();
    let done = backup::backup_to_folder(&mut l, usb.path(), "20250303-100000", &mut |p| seen.push(p.clone())).unwrap();

    let made = backup::folder_backups(usb.path());
    assert_eq!(made.len(), 1, "one folder, no .part left: {made:?}");
    let folder = &made[0];
    assert_eq!(done.folder, folder.display().to_string());
    assert!(folder.file_name().unwrap().to_str().unwrap().starts_with("政务公开台账备份-20250303-100000-"));
    assert_eq!(std::fs::read_dir(usb.path()).unwrap().count(), 1, "nothing else in the chosen folder");
    assert_eq!(done.attachments, 2);
    assert!(done.missing.is_empty());

    // The backup file is a sound backup of this ledger with both attachments inside.
    let summary = backup::inspect(&folder.join(FOLDER_LEDGER)).unwrap();
    assert!(summary.is_backup && summary.problems.is_empty(), "{:?}", summary.problems);
    assert_eq!((summary.requests, summary.attachments), (1, 2));
    // The attachments as plain files, byte for byte, and the checksum list names them all.
    let list = std::fs::read_to_string(folder.join(FOLDER_CHECKSUMS)).unwrap();
    let files = requests::get(&l, &no, common::d("2025-03-03")).unwrap().attachments;
    assert_eq!(files.len(), 2);
    let stored = attachments_on_disk(&l);
    for (rel, bytes) in &stored {
        let copy = std::fs::read(folder.join(FOLDER_ATTACHMENTS).join(rel)).unwrap();
        assert_eq!(&copy, bytes, "{rel}");
        assert!(list.contains(&format!("{}  {FOLDER_ATTACHMENTS}/{rel}", sha(bytes))), "{list}");
    }
    let ledger_bytes = std::fs::read(folder.join(FOLDER_LEDGER)).unwrap();
    assert!(list.starts_with(&format!("{}  {FOLDER_LEDGER}\n", sha(&ledger_bytes))), "{list}");
    // Personal data: owner-only.
    assert_eq!(mode(folder), 0o700);
    assert_eq!(mode(&folder.join(FOLDER_LEDGER)), 0o600);
    for (rel, _) in &stored {
        assert_eq!(mode(&folder.join(FOLDER_ATTACHMENTS).join(rel)), 0o600, "{rel}");
    }

    // Progress: the three stages in order, never past the total, ending at it.
    let stages: Vec<&str> = seen.iter().map(|p| p.stage.as_str()).collect();
    assert_eq!(stages.first(), Some(&"复制台账"));
    let first_check = stages.iter().position(|s| *s == "校验").unwrap();
    assert!(stages[..first_check].contains(&"复制附件"));
    assert!(seen.windows(2).all(|w| w[0].done_bytes <= w[1].done_bytes) && seen.iter().all(|p| p.done_bytes <= p.total_bytes));
    let last = seen.last().unwrap();
    assert_eq!((last.stage.as_str(), last.done_bytes), ("校验", last.total_bytes));

    // Recorded.
    let events = audit::events::list(&l, Some(EventKind::Backup), 10).unwrap();
    assert_eq!(events.len(), 1);
    assert!(events[0].detail.contains(&done.folder) && events[0].detail.contains("2 个附件"), "{}", events[0].detail);
    assert_eq!(events[0].kind_label, "备份到文件夹");

    // A second backup in the same second is refused rather than merged.
    let e = backup::backup_to_folder(&mut l, usb.path(), "20250303-100000", &mut |_| {}).unwrap_err().to_string();
    assert!(e.contains("不会覆盖"), "{e}");
}

/// (relative stored path, bytes) of every attachment in the ledger's folder.
fn attachments_on_disk(l: &Ledger) -> Vec<(String, Vec<u8>)> {
    let root = backup::attachment_dir_of(l.path());
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(&root).unwrap().to_str().unwrap().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    assert_eq!(out.len(), 2);
    out
}

#[test]
fn a_folder_that_is_missing_not_a_folder_or_full_is_refused_in_chinese_and_nothing_is_left() {
    let (_dir, mut l, _) = filled();
    let usb = tempfile::tempdir().unwrap();
    let gone = usb.path().join("已拔出的U盘");
    let e = backup::backup_to_folder(&mut l, &gone, "20250303-100000", &mut |_| {}).unwrap_err().to_app_error();
    assert!(e.message.contains("无法备份到") && e.message.contains("文件夹不存在"), "{}", e.message);
    let file = usb.path().join("一个文件.txt");
    std::fs::write(&file, "x").unwrap();
    let e = backup::backup_to_folder(&mut l, &file, "20250303-100000", &mut |_| {}).unwrap_err().to_app_error();
    assert!(e.message.contains("不是一个文件夹"), "{}", e.message);
    // Inside the ledger's own attachments folder: refused, it is not a copy kept elsewhere.
    let own = backup::attachment_dir_of(l.path());
    let e = backup::backup_to_folder(&mut l, &own, "20250303-100000", &mut |_| {}).unwrap_err().to_app_error();
    assert!(e.message.contains("台账文件夹以外"), "{}", e.message);

    // Full: the space check names both amounts; a write that runs out says so too.
    let e = backup::check_space(usb.path(), 50 << 20, Some(3 << 20)).unwrap_err().to_app_error();
    assert!(e.message.contains("磁盘空间不足") && e.message.contains("51.0 MB") && e.message.contains("3.0 MB"), "{}", e.message);
    assert!(backup::check_space(usb.path(), 1 << 20, Some(100 << 20)).is_ok());
    assert!(backup::check_space(usb.path(), 1 << 20, None).is_ok(), "unknown free space: the write itself will tell");
    let full = std::io::Error::from_raw_os_error(28); // ENOSPC
    assert!(backup::folder_error(usb.path(), &full).to_string().contains("磁盘空间不足"));
    let denied = std::io::Error::from_raw_os_error(13); // EACCES
    assert!(backup::folder_error(usb.path(), &denied).to_string().contains("没有写入权限"));
    let read_only = std::io::Error::from_raw_os_error(30); // EROFS
    assert!(backup::folder_error(usb.path(), &read_only).to_string().contains("只读"));

    // Nothing was written anywhere, and nothing recorded.
    assert_eq!(std::fs::read_dir(usb.path()).unwrap().count(), 1, "only the file made above");
    assert!(audit::events::list(&l, Some(EventKind::Backup), 10).unwrap().is_empty());
}

/// A folder this account cannot write to (checked only when not running as root, who can write
/// anywhere): refused with 没有写入权限, and nothing is left behind.
#[test]
fn a_folder_without_write_permission_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, mut l, _) = filled();
    let usb = tempfile::tempdir().unwrap();
    let locked = usb.path().join("写保护");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
    if std::fs::write(locked.join("probe"), "x").is_ok() {
        eprintln!("running as root: the permission case cannot be produced here");
        return;
    }
    let e = backup::backup_to_folder(&mut l, &locked, "20250303-100000", &mut |_| {}).unwrap_err().to_app_error();
    assert!(e.message.contains("没有写入权限"), "{}", e.message);
    assert_eq!(std::fs::read_dir(&locked).unwrap().count(), 0);
}

/// An attachment changed on disk after it was recorded is not copied as if it were the original:
/// the backup goes ahead without it and says so.
#[test]
fn an_altered_attachment_is_left_out_and_named() {
    let (_dir, mut l, _) = filled();
    let (rel, _) = attachments_on_disk(&l).into_iter().find(|(r, _)| r.ends_with(".jpg")).unwrap();
    std::fs::write(backup::attachment_dir_of(l.path()).join(&rel), b"changed").unwrap();
    let usb = tempfile::tempdir().unwrap();
    let done = backup::backup_to_folder(&mut l, usb.path(), "20250303-100000", &mut |_| {}).unwrap();
    assert_eq!(done.attachments, 1);
    assert_eq!(done.missing.len(), 1, "{:?}", done.missing);
    let folder = &backup::folder_backups(usb.path())[0];
    assert!(!folder.join(FOLDER_ATTACHMENTS).join(&rel).exists());
    let detail = &audit::events::list(&l, Some(EventKind::Backup), 1).unwrap()[0].detail;
    assert!(detail.contains("1 个附件缺失或被改动"), "{detail}");
}
