//! ARCHITECTURE.md stays true: every repo path it (or a `docs/*.md` page) names in backticks, and
//! every relative link there and in README.md, exists. Paths are written repo-relative, so the
//! check is strict: `crates/ledger/src/sheet.rs`, never `sheet.rs`.
//!
//! It lives beside `boundaries.rs`, the other test of what ARCHITECTURE.md claims, in the crate at
//! the top of the Tauri-free stack (it builds without the window's system libraries).

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the repository root")
}

/// Endings that make a backticked token a file name.
const EXTENSIONS: &[&str] = &[
    ".rs", ".ts", ".vue", ".sql", ".md", ".json", ".sh", ".mjs", ".js", ".toml", ".tsv", ".csv", ".lock", ".otf",
    ".png", ".html", ".py", ".txt",
];

#[derive(Debug, PartialEq, Eq)]
enum Token {
    /// A command, an identifier, an environment variable, a URL, Chinese text, an absolute path…
    NotAPath,
    /// A path with a placeholder for something that exists only at run time: `<ledger>-附件/`.
    Placeholder,
    /// A pattern that must match at least one existing path: `*` any run of characters, `NNNN`
    /// four digits (`crates/ledger/src/migrations/NNNN_*.sql`).
    Pattern,
    /// A path relative to the repository root that must exist.
    Path,
}

fn classify(token: &str) -> Token {
    let looks_like_file = token.contains('/') || EXTENSIONS.iter().any(|e| token.ends_with(e));
    // `.xlsx` alone is a kind of file, not a file; `/var/tmp/…` lies outside the repository.
    let extension_alone = token.starts_with('.') && !token.contains('/');
    if !looks_like_file || extension_alone || token.contains("://") || token.starts_with('/') {
        return Token::NotAPath;
    }
    if token.contains('<') && token.contains('>') {
        return Token::Placeholder;
    }
    if !token.chars().all(|c| c.is_ascii_alphanumeric() || "._-/*".contains(c)) {
        return Token::NotAPath;
    }
    if token.contains('*') || token.contains("NNNN") {
        return Token::Pattern;
    }
    Token::Path
}

/// `check(token, expected)`: how the test reads a backticked token.
#[test]
fn tokens_are_classified_as_the_docs_mean_them() {
    let check = |token: &str, expected: Token| assert_eq!(classify(token), expected, "`{token}`");
    check("crates/ledger/src/sheet.rs", Token::Path);
    check("crates/core", Token::Path); // a folder
    check("ui/src/components/", Token::Path);
    check("ARCHITECTURE.md", Token::Path);
    check(".ci/run", Token::Path);
    check("sheet.rs", Token::Path); // strict: must be written repo-relative, so this one fails
    check("gongkai audit verify", Token::NotAPath); // a command
    check("UPDATE_BINDINGS=1 cargo test -p gongkai-app --test bindings", Token::NotAPath);
    check("GONGKAI_DB", Token::NotAPath); // an environment variable
    check("Ledger::open", Token::NotAPath); // an identifier
    check("gongkai_core::request::apply", Token::NotAPath);
    check("https://example.org/a.md", Token::NotAPath);
    check("/var/tmp/gongkai-target", Token::NotAPath); // outside the repository
    check("$XDG_RUNTIME_DIR", Token::NotAPath);
    check(".xlsx", Token::NotAPath); // a kind of file
    check("已修改/已废止", Token::NotAPath); // Chinese words with a slash
    check("Channel<ImportProgress>", Token::NotAPath);
    check("<ledger>-附件/", Token::Placeholder);
    check("<ledger folder>/backups/", Token::Placeholder);
    check("crates/ledger/src/migrations/NNNN_*.sql", Token::Pattern);
    check("tests/e2e/*.test.mjs", Token::Pattern);
}

/// Does `pattern` (one path segment: `*` any run, `NNNN` four digits) match `name`?
fn segment_matches(pattern: &str, name: &str) -> bool {
    fn go(p: &[u8], n: &[u8]) -> bool {
        match p {
            [] => n.is_empty(),
            [b'*', rest @ ..] => (0..=n.len()).any(|i| go(rest, &n[i..])),
            [b'N', b'N', b'N', b'N', rest @ ..] => n.len() >= 4 && n[..4].iter().all(u8::is_ascii_digit) && go(rest, &n[4..]),
            [c, rest @ ..] => n.first() == Some(c) && go(rest, &n[1..]),
        }
    }
    go(pattern.as_bytes(), name.as_bytes())
}

/// Whether some path under `root` matches `pattern`, segment by segment.
fn pattern_exists(root: &Path, pattern: &str) -> bool {
    let segments: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    fn walk(dir: &Path, segments: &[&str]) -> bool {
        let Some((first, rest)) = segments.split_first() else { return true };
        if !first.contains('*') && !first.contains("NNNN") {
            let next = dir.join(first);
            return next.exists() && walk(&next, rest);
        }
        let Ok(entries) = std::fs::read_dir(dir) else { return false };
        entries.filter_map(|e| e.ok()).any(|e| segment_matches(first, &e.file_name().to_string_lossy()) && walk(&e.path(), rest))
    }
    walk(root, &segments)
}

/// Inline code spans outside fenced blocks.
fn backticked(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let parts: Vec<&str> = line.split('`').collect();
        out.extend(parts.iter().skip(1).step_by(2).take((parts.len() - 1) / 2).map(|s| s.to_string()));
    }
    out
}

/// Targets of relative Markdown links `[text](target)`, without `#anchors`.
fn relative_links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        let Some(end) = rest.find(')') else { break };
        let target = rest[..end].split('#').next().unwrap_or_default().trim();
        if !target.is_empty() && !target.contains("://") && !target.starts_with("mailto:") {
            out.push(target.to_string());
        }
        rest = &rest[end..];
    }
    out
}

/// ARCHITECTURE.md and every docs/*.md, as (repo-relative name, text).
fn documents(root: &Path) -> Vec<(String, String)> {
    let mut names = vec!["ARCHITECTURE.md".to_string()];
    if let Ok(entries) = std::fs::read_dir(root.join("docs")) {
        let mut pages: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md"))
            .map(|n| format!("docs/{n}"))
            .collect();
        pages.sort();
        names.extend(pages);
    }
    names.into_iter().map(|n| (n.clone(), std::fs::read_to_string(root.join(&n)).unwrap_or_else(|e| panic!("{n}: {e}")))).collect()
}

#[test]
fn every_path_the_architecture_names_exists() {
    let root = repo_root();
    let mut missing = Vec::new();
    let mut checked = 0;
    for (doc, text) in documents(&root) {
        for token in backticked(&text) {
            let found = match classify(&token) {
                Token::NotAPath | Token::Placeholder => continue,
                Token::Pattern => pattern_exists(&root, &token),
                Token::Path => root.join(&token).exists(),
            };
            checked += 1;
            if !found {
                missing.push(format!("{doc}: `{token}`"));
            }
        }
        let base = root.join(&doc).parent().unwrap().to_path_buf();
        for link in relative_links(&text) {
            checked += 1;
            if !base.join(&link).exists() {
                missing.push(format!("{doc}: link ({link})"));
            }
        }
    }
    assert!(checked > 40, "only {checked} paths found: is the extraction broken?");
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "{} path(s) named in the architecture do not exist (write paths repo-relative; fix the text or the path):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn readme_links_resolve() {
    let root = repo_root();
    let text = std::fs::read_to_string(root.join("README.md")).unwrap();
    let links = relative_links(&text);
    assert!(!links.is_empty(), "README.md links to ARCHITECTURE.md");
    let missing: Vec<&String> = links.iter().filter(|l| !root.join(l).exists()).collect();
    assert!(missing.is_empty(), "README.md links to missing files: {missing:?}");
}
