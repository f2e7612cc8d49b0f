//! Rooms stay small enough to find things in: no source file under `crates/*/src`, `src-tauri/src`
//! or `ui/src` grows past 700 lines unless its first three lines say why ("… because …").

use std::path::{Path, PathBuf};

const LIMIT: usize = 700;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "node_modules" && n != "migrations") {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| ["rs", "ts", "vue"].contains(&e.to_str().unwrap_or_default())) {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_is_over_700_lines_without_a_reason() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for krate in std::fs::read_dir(root.join("crates")).unwrap() {
        sources(&krate.unwrap().path().join("src"), &mut files);
    }
    sources(&root.join("src-tauri/src"), &mut files);
    sources(&root.join("ui/src"), &mut files);
    assert!(files.len() > 50, "found too few source files: {}", files.len());
    let mut too_long = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let lines = text.lines().count();
        let head: String = text.lines().take(3).collect::<Vec<_>>().join("\n");
        if lines > LIMIT && !head.contains("because") {
            too_long.push(format!("{} ({lines} 行)", f.strip_prefix(&root).unwrap_or(f).display()));
        }
    }
    assert!(
        too_long.is_empty(),
        "these files are over {LIMIT} lines; split them by concern, or say why in their first three lines (“… because …”):\n{}",
        too_long.join("\n")
    );
}
