//! The architecture's first invariant: no domain crate depends on `tauri`, directly or not. The
//! domain crates are every workspace member but the shell and the benchmark (`cargo metadata`).

use std::process::Command;

/// Workspace members that legitimately depend on `tauri`: the window shell, and the benchmark with
/// the minimal Tauri app it compares the window against. Every other member is a domain crate.
const TAURI_CRATES: &[&str] = &["gongkai", "gongkai-bench", "gongkai-bench-minimal"];

/// Crates that must be among the derived domain crates, so the test cannot pass on an empty list.
const KNOWN_DOMAIN_CRATES: &[&str] = &["gongkai-core", "gongkai-ledger", "gongkai-pdf", "gongkai-report", "gongkai-cli"];

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

const MANIFEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");

/// Every workspace member but the ones in [`TAURI_CRATES`], from `cargo metadata`, so a new crate
/// is covered the day it joins the workspace.
fn domain_crates() -> Vec<String> {
    let out = Command::new(cargo())
        .args(["metadata", "--offline", "--no-deps", "--format-version", "1", "--manifest-path", MANIFEST])
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let members: Vec<&str> = metadata["workspace_members"].as_array().expect("workspace_members").iter().filter_map(|m| m.as_str()).collect();
    let mut names: Vec<String> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|p| members.contains(&p["id"].as_str().unwrap_or_default()))
        .filter_map(|p| p["name"].as_str().map(String::from))
        .filter(|name| !TAURI_CRATES.contains(&name.as_str()))
        .collect();
    names.sort();
    names
}

#[test]
fn the_domain_crates_are_every_workspace_member_but_the_shell_and_the_benchmark() {
    let derived = domain_crates();
    let missing: Vec<&&str> = KNOWN_DOMAIN_CRATES.iter().filter(|k| !derived.iter().any(|d| d == *k)).collect();
    assert!(missing.is_empty(), "cargo metadata's workspace lacks {missing:?}; derived domain crates: {derived:?}");
}

#[test]
fn domain_crates_do_not_depend_on_tauri() {
    let derived = domain_crates();
    assert!(derived.len() >= KNOWN_DOMAIN_CRATES.len(), "derived domain crates: {derived:?}");
    let mut offending = Vec::new();
    for krate in &derived {
        let out = Command::new(cargo())
            .args(["tree", "--offline", "--manifest-path", MANIFEST, "-p", krate, "-e", "normal,build", "--prefix", "none"])
            .output()
            .expect("cargo tree runs");
        assert!(out.status.success(), "cargo tree -p {krate} failed: {}", String::from_utf8_lossy(&out.stderr));
        let tree = String::from_utf8_lossy(&out.stdout);
        assert!(tree.lines().count() > 1, "cargo tree -p {krate} printed no dependencies: {tree}");
        let offenders: Vec<&str> = tree.lines().filter(|l| l.starts_with("tauri") || l.starts_with("wry ")).collect();
        if !offenders.is_empty() {
            offending.push(format!("{krate} depends on tauri: {offenders:?}"));
        }
    }
    assert!(offending.is_empty(), "{}", offending.join("\n"));
}

#[test]
fn the_shell_does_depend_on_tauri() {
    // Guards the test above against a `cargo tree` that silently prints nothing useful.
    let out = Command::new(cargo())
        .args(["tree", "--offline", "--manifest-path", MANIFEST, "-p", "gongkai", "-e", "normal", "--prefix", "none", "--depth", "1"])
        .output()
        .expect("cargo tree runs");
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.lines().any(|l| l.starts_with("tauri v2")), "gongkai should depend on tauri 2: {tree}");
}
