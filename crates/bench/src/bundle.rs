//! The first page's JavaScript (issue 22: ≤ 400 KB uncompressed), read from the built `ui/dist`,
//! the very files the window embeds. The window parses the entry script `index.html` names and
//! every chunk that imports statically, then the chunks of what it shows first: 工作台
//! (`Dashboard-*.js`) when nobody has to sign in, the login dialog (`LoginDialog-*.js`) on a ledger
//! with accounts, where the page waits for the sign-in. Each of those chunks counts with its own
//! static imports. What a page fetches later by `import()` (the charts, a dialog opened by a
//! click) is not part of the first page and is not counted.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Bytes of each first page: (工作台, 登录, the entry's share).
pub struct FirstPage {
    pub dashboard: u64,
    pub login: u64,
    pub entry: u64,
}

/// The default `ui/dist`: beside this crate in the workspace.
pub fn default_dist() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/dist")
}

pub fn measure(dist: &Path) -> Result<FirstPage, String> {
    let html = std::fs::read_to_string(dist.join("index.html")).map_err(|e| format!("没有 {}/index.html（先 cd ui && npm run build）：{e}", dist.display()))?;
    let entry = html
        .split("<script")
        .skip(1)
        .find_map(|tag| {
            let tag = &tag[..tag.find('>')?];
            let src = tag.split("src=\"").nth(1)?.split('"').next()?;
            Some(src.trim_start_matches('/').to_string())
        })
        .ok_or("index.html 没有入口脚本")?;
    let assets = dist.join("assets");
    let chunk = |prefix: &str| -> Result<Option<String>, String> {
        let dir = std::fs::read_dir(&assets).map_err(|e| format!("无法读取 {}：{e}", assets.display()))?;
        let mut found: Vec<String> = dir
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|n| n.ends_with(".js") && n.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('-')))
            .collect();
        found.sort();
        match found.len() {
            0 | 1 => Ok(found.pop().map(|n| format!("assets/{n}"))),
            _ => Err(format!("ui/dist 里有多个 {prefix} 块（{}），请先清空后重新构建", found.join("、"))),
        }
    };
    let entry_set = closure(dist, &[entry])?;
    let with = |first: Option<String>| -> Result<u64, String> {
        let mut set = entry_set.clone();
        if let Some(first) = first {
            set.extend(closure(dist, &[first])?);
        }
        total(dist, &set)
    };
    let dashboard = chunk("Dashboard")?.ok_or("ui/dist 里没有工作台的块（Dashboard-*.js）")?;
    Ok(FirstPage { dashboard: with(Some(dashboard))?, login: with(chunk("LoginDialog")?)?, entry: total(dist, &entry_set)? })
}

/// `roots` and every chunk they import statically (`import … from "./x.js"`, `import "./x.js"`),
/// as paths under `dist`. Dynamic `import("./x.js")` is left out: it runs later, if at all.
fn closure(dist: &Path, roots: &[String]) -> Result<BTreeSet<String>, String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = roots.to_vec();
    while let Some(file) = todo.pop() {
        if !seen.insert(file.clone()) {
            continue;
        }
        let code = std::fs::read_to_string(dist.join(&file)).map_err(|e| format!("无法读取 {file}：{e}"))?;
        let dir = Path::new(&file).parent().map(Path::to_path_buf).unwrap_or_default();
        for spec in static_imports(&code) {
            let path = dir.join(spec.trim_start_matches("./"));
            todo.push(path.to_string_lossy().into_owned());
        }
    }
    Ok(seen)
}

/// The relative specifiers of `code`'s static imports: a string right after `from` or `import`
/// (a dynamic import has a parenthesis there).
fn static_imports(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for keyword in ["from", "import"] {
        let mut rest = code;
        while let Some(at) = rest.find(keyword) {
            let after = rest[at + keyword.len()..].trim_start();
            let before_ok = at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphanumeric() && rest.as_bytes()[at - 1] != b'_' && rest.as_bytes()[at - 1] != b'$';
            if before_ok {
                if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                    if let Some(end) = after[1..].find(q) {
                        let spec = &after[1..1 + end];
                        if spec.starts_with("./") && spec.ends_with(".js") {
                            out.push(spec);
                        }
                    }
                }
            }
            rest = &rest[at + keyword.len()..];
        }
    }
    out
}

fn total(dist: &Path, files: &BTreeSet<String>) -> Result<u64, String> {
    files.iter().map(|f| std::fs::metadata(dist.join(f)).map(|m| m.len()).map_err(|e| format!("无法读取 {f}：{e}"))).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_imports_are_followed_and_dynamic_ones_are_not() {
        let code = r#"import{a as b}from"./index-1.js";import"./side-2.js";const x=()=>import("./Later-3.js");export{y as from};"#;
        assert_eq!(static_imports(code), vec!["./index-1.js", "./side-2.js"]);
    }

    #[test]
    fn the_first_pages_count_their_own_chunks_and_the_entrys_once() {
        let dir = tempfile::tempdir().unwrap();
        let assets = dir.path().join("assets");
        std::fs::create_dir(&assets).unwrap();
        std::fs::write(dir.path().join("index.html"), r#"<script type="module" crossorigin src="/assets/index-e.js"></script>"#).unwrap();
        // entry 100 bytes importing vue 50; Dashboard 30 importing table 20 and the entry; login 7; charts 1000 (dynamic).
        let pad = |head: &str, n: usize| format!("{head}{}", " ".repeat(n - head.len()));
        std::fs::write(assets.join("index-e.js"), pad(r#"import"./vue-v.js";()=>import("./Dashboard-d.js")"#, 100)).unwrap();
        std::fs::write(assets.join("vue-v.js"), pad("", 50)).unwrap();
        std::fs::write(assets.join("Dashboard-d.js"), pad(r#"import{t}from"./table-t.js";import{v}from"./index-e.js";import("./Charts-c.js")"#, 130)).unwrap();
        std::fs::write(assets.join("table-t.js"), pad("", 20)).unwrap();
        std::fs::write(assets.join("LoginDialog-l.js"), pad("", 7)).unwrap();
        std::fs::write(assets.join("Charts-c.js"), pad("", 1000)).unwrap();
        let page = measure(dir.path()).unwrap();
        assert_eq!((page.entry, page.dashboard, page.login), (150, 300, 157));
    }
}
