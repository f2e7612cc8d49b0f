//! What the command-line tests share: the public request sample, a ledger imported from it, and
//! the bytes of a ledger's files for "nothing changed" checks. Each test file uses some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use gongkai_cli::run_captured;

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The public sample of requests the contract check uses too.
pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ledger/tests/data/requests-sample.csv")
}

/// A ledger `x.db` in `dir` with the sample imported.
pub fn imported(dir: &Path) -> PathBuf {
    let db = dir.join("x.db");
    let (code, _, err) = run_captured(&["import", "requests", s(&sample()), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    db
}

/// The ledger's files (the database and any -wal or -shm beside it): name, length and a hash of
/// the bytes.
pub fn ledger_bytes(db: &Path) -> Vec<(String, usize, u64)> {
    use std::hash::{Hash, Hasher};
    let name = db.file_name().unwrap().to_string_lossy().into_owned();
    let mut files: Vec<(String, usize, u64)> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&name))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            (p.file_name().unwrap().to_string_lossy().into_owned(), bytes.len(), h.finish())
        })
        .collect();
    files.sort();
    files
}
