//! Landed migrations are history: the bytes of every file in `src/migrations/` are pinned here by
//! SHA-256, so editing one that has landed (even its line endings) fails, naming the file.

use std::collections::BTreeMap;

use gongkai_ledger::MIGRATIONS;
use sha2::{Digest, Sha256};

/// (file name, SHA-256 of its bytes). A new migration is pinned in the same commit that adds it;
/// once it has landed on main its line here never changes again.
const PINS: &[(&str, &str)] = &[
    ("0001_foundation.sql", "b92f0691da97aa9b0b9c66e4526c88bc0ffa88be8c55b69cdd278b67ed960688"),
    ("0002_calendar.sql", "ceea595fab1818183f23cffdcb33259491b47c3c76f25d831da3ad673937590d"),
    ("0003_audit.sql", "ffcaf38f99243734f58a60d4d98957a0facd9572d5ce14adb5849597efd9032c"),
    ("0004_documents.sql", "0d6034a3b9f6067628feccc23c7af5cc807522e3fbd30c6562ade7689b790c3c"),
    ("0005_requests.sql", "537e1d214ba20ca763173e454dd6024f8ef50187503e591e3138c79fc0b92df6"),
    ("0006_report.sql", "1efc8881339aeea46ac214e46f1b5e473644b5d0415abe9fc916705245012404"),
    ("0007_letters.sql", "94080bda1bacd99e4e5937a11a86702ff3d1a78268349825fc6abf2493821197"),
    ("0008_request_indices.sql", "b1836f70d53217ef98ca5e39977fb9d9c669fbd57b8598dce1bb531ec6f11768"),
    // As it stands since 3760a76, which edited it in place after a3ad46c had landed it; both texts
    // migrated ledgers, so it stays as it is and 0010 gives every ledger the same triggers.
    ("0009_request_tally.sql", "2aed2d332e41286ed6e43101398bf505b5ef78a56438474801cab0ed7afaf3ae"),
    ("0010_request_tally_upsert.sql", "27ca7151740d8d280347c5e14164cd6bfb36744ac368a1502bb1cf4bd61a91e5"),
    ("0011_record.sql", "14bd260af8cbfd043ecf65098ef9c19d01f4d21ab04f328db28685f8dc5c9eb1"),
    ("0012_accounts.sql", "ebb0cb30171b4af8db1c7cd03ebdf7c00dcf42ac661dcfbf61c2f0834c365a83"),
    ("0013_fidelity.sql", "57d61b48185b541dafabc0a55751a2300c56879bfcae3a4c7f3efa32f40e51b3"),
    ("0014_workplan.sql", "9f7da3116a85806f8a36ca5408686528f21d8879fc6bfe9317571cb3ded625c9"),
    ("0015_plan_evidence.sql", "9938ef47fada731511f4b6d328dca536de782dfb2a88b427d1cce294e2b9c4eb"),
    ("0016_consolidation.sql", "c2c63102b1fd7314ec9ce9b58c1f906db60932c60ba41db8a68c4b0222f96d26"),
    ("0017_worklist.sql", "a5bf4a42823f1f77ba7c78f3094b1ad7caba2b949b9ac8a29d0b4a4027f33ee9"),
];

fn migrations_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/migrations")
}

/// Every file of the folder, by name, with the hex SHA-256 of its bytes (read as bytes, so a
/// change of line endings or encoding counts as a change).
fn digests() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(migrations_dir()).expect("src/migrations/ is readable") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {name}: {e}"));
        let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        out.insert(name, hex);
    }
    out
}

#[test]
fn landed_migrations_are_byte_for_byte_as_pinned() {
    let found = digests();
    let mut problems = Vec::new();
    for (name, pinned) in PINS {
        match found.get(*name) {
            None => problems.push(format!(
                "{name}: pinned but no longer in crates/ledger/src/migrations/ — a landed migration is never removed or renamed"
            )),
            Some(actual) if actual != pinned => problems.push(format!(
                "{name}: its bytes changed (SHA-256 {actual}, pinned {pinned}) — a landed migration is never edited, \
                 not even its line endings; restore it and add the change as the next numbered migration"
            )),
            Some(_) => {}
        }
    }
    for (name, actual) in &found {
        if !PINS.iter().any(|(pinned, _)| pinned == name) {
            problems.push(format!(
                "{name}: a new migration without a pin — add (\"{name}\", \"{actual}\") to PINS in \
                 crates/ledger/tests/migrations_pinned.rs in the commit that adds it; once it has landed it never changes"
            ));
        }
    }
    assert!(problems.is_empty(), "migrations differ from their pins:\n{}", problems.join("\n"));
}

/// The pinned files are the ones the binary applies: every `.sql` file, in file-name order, is
/// the migration of its number in `MIGRATIONS` (so a file cannot be pinned yet never registered).
#[test]
fn every_migration_file_is_registered_in_order() {
    let dir = migrations_dir();
    let files: Vec<String> = digests().into_keys().filter(|n| n.ends_with(".sql")).collect();
    assert_eq!(files.len(), MIGRATIONS.len(), "files {files:?} against {} entries of MIGRATIONS (migrate.rs)", MIGRATIONS.len());
    for (name, (version, sql)) in files.iter().zip(MIGRATIONS) {
        assert!(name.starts_with(&format!("{version:04}_")), "{name} is migration {version} in MIGRATIONS");
        let bytes = std::fs::read(dir.join(name)).unwrap();
        assert_eq!(bytes, sql.as_bytes(), "{name} is what MIGRATIONS embeds for version {version}");
    }
}
