//! Files holding personal data are the owner's alone: a new ledger and its -wal are 0600 in a
//! folder we create 0700, the attachment folder is 0700 and every stored copy 0600. Copies are
//! written in full before they get their name and never replace an existing file.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use gongkai_core::ErrorCode;
use gongkai_ledger::requests;
use gongkai_ledger::Ledger;

mod common;
use common::{actor, ledger, outside, request_input};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    s.into()
}

#[test]
fn a_new_ledger_its_wal_and_the_folder_we_create_are_the_owners_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("新建").join("台账.db");
    let l = Ledger::open(&path).unwrap();
    assert_eq!(mode(&path), 0o600, "ledger file");
    assert_eq!(mode(path.parent().unwrap()), 0o700, "the folder open created");
    let wal = with_suffix(&path, "-wal");
    assert!(wal.exists(), "WAL mode keeps a -wal file while the ledger is open");
    assert_eq!(mode(&wal), 0o600, "-wal");
    let shm = with_suffix(&path, "-shm");
    if shm.exists() {
        assert_eq!(mode(&shm), 0o600, "-shm");
    }
    drop(l);
}

#[test]
fn an_existing_folder_is_left_as_it_is_and_an_existing_ledger_is_made_private() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("l.db");
    drop(Ledger::open(&path).unwrap());
    assert_eq!(mode(dir.path()), 0o755, "the clerk's own folder keeps its mode");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(Ledger::open(&path).unwrap());
    assert_eq!(mode(&path), 0o600, "a ledger from before is made owner-only on opening");
}

#[test]
fn the_attachment_folder_and_each_stored_copy_are_the_owners_alone() {
    let (_dir, mut l) = ledger();
    let a = actor("2025-06-02");
    let n = requests::register(&mut l, &request_input("2025-06-02"), &a).unwrap();
    requests::add_attachment(&mut l, &n, "申请表.pdf", b"%PDF-1.4 form", &a).unwrap();
    let folder = requests::attachment_dir(&l);
    assert_eq!(mode(&folder), 0o700, "attachment folder");
    let stored: String = outside(&l).query_row("SELECT stored_path FROM attachment", [], |r| r.get(0)).unwrap();
    let file = folder.join(&stored);
    assert_eq!(mode(&file), 0o600, "stored copy");
    assert_eq!(mode(file.parent().unwrap()), 0o700, "the request's folder");
    let names: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left behind: {names:?}");
}

#[test]
fn an_attachment_folder_from_before_is_made_private() {
    let (_dir, mut l) = ledger();
    let folder = requests::attachment_dir(&l);
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    let a = actor("2025-06-02");
    let n = requests::register(&mut l, &request_input("2025-06-02"), &a).unwrap();
    requests::add_attachment(&mut l, &n, "申请表.pdf", b"%PDF-1.4 form", &a).unwrap();
    assert_eq!(mode(&folder), 0o700);
}

/// A file already lying under the name a copy would take, with other content (planted, or left
/// by an older version that crashed mid-write), is neither overwritten nor removed, and nothing is
/// recorded.
#[test]
fn a_different_file_under_the_copys_name_is_never_overwritten() {
    let (_dir, mut l) = ledger();
    let a = actor("2025-06-02");
    let n = requests::register(&mut l, &request_input("2025-06-02"), &a).unwrap();
    // Learn the name the copy takes, then put other content there with the row gone.
    let first = requests::add_attachment(&mut l, &n, "申请表.pdf", b"%PDF-1.4 form", &a).unwrap();
    let folder = requests::attachment_dir(&l);
    let stored: String = outside(&l).query_row("SELECT stored_path FROM attachment", [], |r| r.get(0)).unwrap();
    let other = requests::register(&mut l, &request_input("2025-06-01"), &a).unwrap();
    let other_id: i64 = outside(&l).query_row("SELECT id FROM request WHERE number = ?1", [&other], |r| r.get(0)).unwrap();
    let planted = folder.join(format!("{other_id}/{}", stored.split_once('/').unwrap().1));
    std::fs::create_dir_all(planted.parent().unwrap()).unwrap();
    std::fs::write(&planted, b"something else").unwrap();
    let e = requests::add_attachment(&mut l, &other, "申请表.pdf", b"%PDF-1.4 form", &a).unwrap_err().to_app_error();
    assert_eq!(e.code, ErrorCode::Conflict, "{}", e.message);
    assert!(e.message.contains("未覆盖"), "{}", e.message);
    assert_eq!(std::fs::read(&planted).unwrap(), b"something else", "left as it was");
    let rows: i64 = outside(&l).query_row("SELECT count(*) FROM attachment", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 1);
    assert_eq!(requests::open_attachment(&l, first.id).unwrap().1, b"%PDF-1.4 form");
}

/// An identical copy already under the name (the row lost with a transaction that failed after
/// the file was linked, say) is used as it is: recorded, and kept when a later step fails.
#[test]
fn an_identical_copy_under_the_name_is_used_and_kept() {
    let (_dir, mut l) = ledger();
    let a = actor("2025-06-02");
    let n = requests::register(&mut l, &request_input("2025-06-02"), &a).unwrap();
    let first = requests::add_attachment(&mut l, &n, "申请表.pdf", b"%PDF-1.4 form", &a).unwrap();
    let folder = requests::attachment_dir(&l);
    let stored: String = outside(&l).query_row("SELECT stored_path FROM attachment", [], |r| r.get(0)).unwrap();
    let other = requests::register(&mut l, &request_input("2025-06-01"), &a).unwrap();
    let other_id: i64 = outside(&l).query_row("SELECT id FROM request WHERE number = ?1", [&other], |r| r.get(0)).unwrap();
    let there = folder.join(format!("{other_id}/{}", stored.split_once('/').unwrap().1));
    std::fs::create_dir_all(there.parent().unwrap()).unwrap();
    std::fs::write(&there, b"%PDF-1.4 form").unwrap();
    let second = requests::add_attachment(&mut l, &other, "申请表.pdf", b"%PDF-1.4 form", &a).unwrap();
    assert_eq!(requests::open_attachment(&l, second.id).unwrap().1, b"%PDF-1.4 form");
    assert_eq!(requests::open_attachment(&l, first.id).unwrap().1, b"%PDF-1.4 form");
    assert_eq!(requests::attachment_request_number(&l, second.id).unwrap(), other);
}
