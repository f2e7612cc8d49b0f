//! The architecture's first invariant: no domain crate depends on `tauri`, directly or not.

use std::process::Command;

const DOMAIN_CRATES: &[&str] = &["gongkai-core", "gongkai-ledger", "gongkai-pdf", "gongkai-cli"];

#[test]
fn domain_crates_do_not_depend_on_tauri() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");
    for krate in DOMAIN_CRATES {
        let out = Command::new(&cargo)
            .args(["tree", "--offline", "--manifest-path", manifest, "-p", krate, "-e", "normal,build", "--prefix", "none"])
            .output()
            .expect("cargo tree runs");
        assert!(out.status.success(), "cargo tree -p {krate} failed: {}", String::from_utf8_lossy(&out.stderr));
        let tree = String::from_utf8_lossy(&out.stdout);
        assert!(tree.lines().count() > 1, "cargo tree -p {krate} printed no dependencies: {tree}");
        let offenders: Vec<&str> = tree.lines().filter(|l| l.starts_with("tauri") || l.starts_with("wry ")).collect();
        assert!(offenders.is_empty(), "{krate} depends on tauri: {offenders:?}");
    }
}

#[test]
fn the_shell_does_depend_on_tauri() {
    // Guards the test above against a `cargo tree` that silently prints nothing useful.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");
    let out = Command::new(&cargo)
        .args(["tree", "--offline", "--manifest-path", manifest, "-p", "gongkai", "-e", "normal", "--prefix", "none", "--depth", "1"])
        .output()
        .expect("cargo tree runs");
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.lines().any(|l| l.starts_with("tauri v2")), "gongkai should depend on tauri 2: {tree}");
}
