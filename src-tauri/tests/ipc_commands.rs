//! Every IPC command is named in four places: registered in `src/lib.rs` (the one source, which
//! `build.rs` reads to generate permissions), granted in `capabilities/main.json`, called from
//! `ui/src/api.ts`, and defined as a `#[tauri::command]` function. This fails, naming the command
//! and the place, when they drift apart.

use std::collections::BTreeSet;
use std::path::Path;

#[path = "../ipc_commands.rs"]
mod ipc_commands;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn registered() -> BTreeSet<String> {
    let list = ipc_commands::registered_commands(&read("src/lib.rs"));
    let set: BTreeSet<String> = list.iter().cloned().collect();
    assert_eq!(set.len(), list.len(), "a command is registered twice in src/lib.rs: {list:?}");
    assert!(set.len() > 30, "the parser found too few commands in src/lib.rs: {set:?}");
    set
}

/// `allow-report-save` → `report_save`.
fn granted() -> BTreeSet<String> {
    let json = read("capabilities/main.json");
    let start = json.find("\"permissions\"").expect("main.json has permissions");
    let list = &json[start..];
    let list = &list[list.find('[').unwrap() + 1..list.find(']').unwrap()];
    list.split(',')
        .map(|p| p.trim().trim_matches('"').to_string())
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("capabilities/main.json grants “{p}”, which is not one of the app's own commands"))
                .replace('-', "_")
        })
        .collect()
}

/// Every `call<…>('name'` in api.ts (its only way to reach Rust).
fn called() -> BTreeSet<String> {
    let api = read("../ui/src/api.ts");
    let mut out = BTreeSet::new();
    for (i, _) in api.match_indices("call<") {
        let rest = &api[i..];
        let open = rest.find("('").expect("call<T>('name', …)");
        let name = &rest[open + 2..];
        out.insert(name[..name.find('\'').unwrap()].to_string());
    }
    assert!(out.len() > 30, "the parser found too few calls in ui/src/api.ts: {out:?}");
    out
}

/// The functions marked `#[tauri::command]` in src/*.rs.
fn defined() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (i, _) in text.match_indices("#[tauri::command") {
            let rest = &text[i..];
            let f = rest.find("fn ").expect("a command is a function");
            let name: String = rest[f + 3..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.insert(name);
        }
    }
    out
}

fn differences(what: &str, expected: &BTreeSet<String>, found: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for name in expected.difference(found) {
        out.push(format!("{name}: registered in src/lib.rs but missing from {what}"));
    }
    for name in found.difference(expected) {
        out.push(format!("{name}: in {what} but not registered in src/lib.rs"));
    }
    out
}

#[test]
fn every_command_is_registered_granted_called_and_defined() {
    let registered = registered();
    let mut problems = differences("capabilities/main.json", &registered, &granted());
    problems.extend(differences("ui/src/api.ts", &registered, &called()));
    problems.extend(differences("the #[tauri::command] functions of src/", &registered, &defined()));
    assert!(problems.is_empty(), "the IPC command lists disagree:\n{}", problems.join("\n"));
}

#[test]
fn only_api_ts_calls_invoke() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src");
    let mut offenders = Vec::new();
    let mut stack = vec![ui.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "api.ts")
                && std::fs::read_to_string(&path).is_ok_and(|t| t.contains("invoke("))
            {
                offenders.push(path.strip_prefix(&ui).unwrap().display().to_string());
            }
        }
    }
    assert!(offenders.is_empty(), "only ui/src/api.ts may call invoke: {offenders:?}");
}

#[test]
fn the_parser_reads_a_handler_list_with_comments() {
    let lib = "x.invoke_handler(tauri::generate_handler![\n  a::one,\n  // b::gone,\n  c::two ,\n])";
    assert_eq!(ipc_commands::registered_commands(lib), ["one", "two"]);
}
