//! The command-line contract of the register: `import documents`, `export documents` and
//! `report --format csv`, run in-process on the shared contract samples and on generated files.

use std::path::{Path, PathBuf};

use gongkai_cli::run_captured;

const CONTRACT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/contract");

fn contract(name: &str) -> PathBuf {
    // The shared samples live beside the worktrees; fall back to the canonical place.
    let near = Path::new(CONTRACT).join(name);
    if near.exists() {
        near
    } else {
        Path::new("/work/shared/contract").join(name)
    }
}

fn run(args: &[&str]) -> (u8, String, String) {
    run_captured(args)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Rows of `report --format csv` as (label, numbers).
fn report_rows(db: &Path, year: i32) -> Vec<(String, Vec<u32>)> {
    let (code, out, err) = run(&["report", "--year", &year.to_string(), "--format", "csv", "--db", s(db)]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("信息内容,本年制发件数,本年废止件数,现行有效件数"));
    lines
        .map(|l| {
            let mut cells = l.split(',');
            let label = cells.next().unwrap().to_string();
            (label, cells.map(|c| c.parse().unwrap()).collect())
        })
        .collect()
}

/// The expected block of `expected_2025.json`, read with a tiny scan (no JSON dependency).
fn expected_2025() -> Vec<(String, Vec<u32>)> {
    let text = std::fs::read_to_string(contract("expected_2025.json")).unwrap();
    let block = &text[text.find("第二十条第（一）项").unwrap()..];
    ["规章", "行政规范性文件"]
        .iter()
        .map(|label| {
            let at = block.find(&format!("\"{label}\"")).unwrap();
            let body = &block[at..at + block[at..].find('}').unwrap()];
            let num = |key: &str| -> u32 {
                let k = body.find(key).unwrap() + key.len();
                body[k..]
                    .trim_start_matches(['"', ':', ' '])
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            (label.to_string(), vec![num("本年制发件数"), num("本年废止件数"), num("现行有效件数")])
        })
        .collect()
}

fn document_count(db: &Path) -> u64 {
    let ledger = gongkai_ledger::Ledger::open(db).unwrap();
    gongkai_ledger::documents::count(ledger.conn()).unwrap()
}

#[test]
fn the_contract_sample_imports_once_and_reports_the_expected_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let sample = contract("documents.csv");
    let (code, out, err) = run(&["import", "documents", s(&sample), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let rows = std::fs::read_to_string(&sample).unwrap().lines().skip(1).filter(|l| !l.trim().is_empty()).count();
    assert_eq!(out.trim(), format!("已导入 {rows} 件文件"));
    assert_eq!(out.lines().count(), 1, "stdout is the one-line summary");
    // The sample has no 解读材料 column: every 规章 and 规范性文件 is incomplete, and says so.
    assert!(err.contains("要件不齐全"), "{err}");
    assert!(err.contains("新增了起草部门"), "{err}");

    let (code, out, err) = run(&["import", "documents", s(&sample), "--db", s(&db)]);
    assert_ne!(code, 0, "a re-import must be refused");
    assert!(out.is_empty());
    assert!(err.contains("第2行“文号”") && err.contains("不能重复导入"), "{err}");
    assert_eq!(document_count(&db), rows as u64, "the refused re-import left the register unchanged");

    assert_eq!(report_rows(&db, 2025), expected_2025());
}

#[test]
fn a_gbk_csv_imports_like_the_utf8_one() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(contract("documents.csv")).unwrap();
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let file = dir.path().join("gbk.csv");
    std::fs::write(&file, &gbk).unwrap();
    let db = dir.path().join("g.db");
    let (code, out, err) = run(&["import", "documents", s(&file), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "已导入 14 件文件");
    // And with a BOM, as Excel writes "CSV UTF-8".
    let file = dir.path().join("bom.csv");
    std::fs::write(&file, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
    let db2 = dir.path().join("b.db");
    let (code, _, err) = run(&["import", "documents", s(&file), "--db", s(&db2)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(report_rows(&db, 2025), report_rows(&db2, 2025));
}
