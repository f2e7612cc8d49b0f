//! The command-line contract of the register: `import documents`, `export documents` and
//! `report --format csv`, run in-process on the shared contract samples and on generated files.

use std::path::{Path, PathBuf};

use gongkai_cli::run_captured;

mod common;
use common::{ledger_bytes};

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
    assert!(out.contains("信息内容,本年制发件数,本年废止件数,现行有效件数\n"), "{out}");
    // The 第二十条第（一）项 block: its two rows, in the report's order.
    out.lines()
        .filter(|l| l.starts_with("规章,") || l.starts_with("行政规范性文件,"))
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
    gongkai_ledger::documents::count(&ledger).unwrap()
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

const HEAD: &str = "文件名称,文号,类别,制发机关,起草部门,成文日期,发布日期,施行日期,有效期至,状态,状态变更日期,公开属性,公开方式,保密审查,解读材料,备注";

/// A 60-row register in the format: three categories, five years, every status, dates
/// in the three written forms, interpretations on some rows.
fn sixty_rows() -> String {
    let mut csv = String::from(HEAD);
    csv.push('\n');
    let cats = ["规章", "行政规范性文件", "其他政策文件"];
    let deps = ["规划局", "财政局", "教育局", "社会发展局"];
    for i in 1..=60u32 {
        let year = 2021 + i % 5;
        let (m, d) = (1 + i % 12, 1 + i % 28);
        let published = match i % 3 {
            0 => format!("{year}-{m:02}-{d:02}"),
            1 => format!("{year}/{m}/{d}"),
            _ => format!("{year}年{m}月{d}日"),
        };
        let (status, since) = match i % 6 {
            0 => ("已废止", format!("{}-12-01", year + 1)),
            1 => ("已修改", format!("{}-06-15", year + 1)),
            2 => ("失效", format!("{}-11-30", year + 1)),
            _ => ("现行有效", String::new()),
        };
        let interp =
            if i % 4 == 0 { format!("第{i}号文件解读|文字|{year}-{m:02}-{d:02}") } else { String::new() };
        csv.push_str(&format!(
            "关于第{i}项工作的通知,长净管发〔{year}〕{i}号,{},长春净月高新技术产业开发区管理委员会,{},{year}-{m:02}-01,{published},,,{status},{since},全文公开,主动公开,是,{interp},\n",
            cats[(i % 3) as usize],
            deps[(i % 4) as usize],
        ));
    }
    csv
}

/// The report rows for `year`, counted from the generator's own parameters rather than from the
/// ledger: row i is published in 2021 + i % 5; i % 6 = 0 is repealed on 1 Dec, 1 amended (still in
/// force), 2 expired on 30 Nov of the next year.
fn sixty_rows_counted_by_hand(year: u32) -> Vec<(String, Vec<u32>)> {
    ["规章", "行政规范性文件"]
        .iter()
        .enumerate()
        .map(|(cat, label)| {
            let mut n = [0u32; 3];
            for i in (1..=60u32).filter(|i| (i % 3) as usize == cat) {
                let published = 2021 + i % 5;
                let ended = matches!(i % 6, 0 | 2).then_some(published + 1); // both end in their Nov/Dec
                n[0] += (published == year) as u32;
                n[1] += (i % 6 == 0 && published + 1 == year) as u32;
                n[2] += (published <= year && ended.is_none_or(|e| e > year)) as u32;
            }
            (label.to_string(), n.to_vec())
        })
        .collect()
}

#[test]
fn a_sixty_row_csv_imports_a_reimport_is_refused_and_an_impossible_date_names_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sixty.db");
    let file = dir.path().join("sixty.csv");
    let csv = sixty_rows();
    std::fs::write(&file, &csv).unwrap();
    let (code, out, err) = run(&["import", "documents", s(&file), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "已导入 60 件文件");
    let figures: Vec<_> = (2021..=2027).map(|y| report_rows(&db, y)).collect();
    assert_eq!(figures, (2021..=2027).map(sixty_rows_counted_by_hand).collect::<Vec<_>>());

    let (code, out, err) = run(&["import", "documents", s(&file), "--db", s(&db)]);
    assert_eq!(code, 1, "a duplicate is a conflict: {err}");
    assert!(out.is_empty());
    assert!(
        err.contains("共 60 处问题") && err.contains("第2行“文号”") && err.contains("另有 30 处问题未列出"),
        "{err}"
    );
    assert_eq!(document_count(&db), 60);
    assert_eq!((2021..=2027).map(|y| report_rows(&db, y)).collect::<Vec<_>>(), figures, "register unchanged");

    // The same file with one impossible date, in a fresh ledger: refused, that row named, nothing written.
    let bad_line = 37;
    let bad: String = csv
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == bad_line {
                let mut cells: Vec<String> = l.split(',').map(str::to_string).collect();
                cells[6] = "2025-02-30".into();
                cells.join(",")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let bad_file = dir.path().join("bad.csv");
    std::fs::write(&bad_file, bad).unwrap();
    let fresh = dir.path().join("fresh.db");
    let (code, out, err) = run(&["import", "documents", s(&bad_file), "--db", s(&fresh)]);
    assert_eq!(code, 2, "bad input exits 2: {err}");
    assert!(out.is_empty());
    assert!(err.contains(&format!("第{bad_line}行“发布日期”：“2025-02-30”不是有效日期")), "{err}");
    assert!(err.contains("共 1 处问题"), "{err}");
    assert_eq!(document_count(&fresh), 0);
}

#[test]
fn export_writes_the_register_and_a_template_that_import_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let (code, _, err) = run(&["import", "documents", s(&contract("documents.csv")), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let out_file = dir.path().join("台账.xlsx");
    let (code, out, err) = run(&["export", "documents", "--out", s(&out_file), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("已导出 14 件文件："), "{out}");
    let copy = dir.path().join("copy.db");
    let (code, out, err) = run(&["import", "documents", s(&out_file), "--db", s(&copy)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "已导入 14 件文件");
    for y in 2022..=2025 {
        assert_eq!(report_rows(&db, y), report_rows(&copy, y));
    }
    let (code, out, _) = run(&["export", "documents", "--year", "2025", "--out", s(&out_file), "--db", s(&db)]);
    assert_eq!(code, 0);
    assert!(out.starts_with("已导出 5 件文件："), "2025: 样本2、4、9、10、12: {out}");
    let template = dir.path().join("模板.xlsx");
    let (code, _, err) = run(&["export", "documents", "--template", "--out", s(&template), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&template).unwrap().starts_with(b"PK"));
}

/// `--out 台账.csv` writes CSV (UTF-8 with a BOM, the import's columns in the import's order),
/// not a workbook, and the file imports back; `--template` follows the extension too.
#[test]
fn export_to_csv_writes_csv_that_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let (code, _, err) = run(&["import", "documents", s(&contract("documents.csv")), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let csv = dir.path().join("台账.csv");
    let (code, out, err) = run(&["export", "documents", "--out", s(&csv), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("已导出 14 件文件："), "{out}");
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM, not a zip");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let header = text.lines().next().unwrap();
    let headers = gongkai_ledger::documents::exchange::HEADERS;
    assert!(header.starts_with(&headers.join(",")), "the import's columns first, in order: {header}");
    assert_eq!(text.lines().count(), 15, "header and 14 rows (no line break inside a field here)");
    assert!(text.contains("\r\n"), "CRLF, as Excel writes CSV");
    let copy = dir.path().join("copy.db");
    let (code, out, err) = run(&["import", "documents", s(&csv), "--db", s(&copy)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "已导入 14 件文件");
    for y in 2022..=2025 {
        assert_eq!(report_rows(&db, y), report_rows(&copy, y));
    }
    let template = dir.path().join("模板.csv");
    let (code, _, err) = run(&["export", "documents", "--template", "--out", s(&template), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&template).unwrap(), format!("\u{feff}{}\r\n", headers.join(",")).into_bytes());
}

/// Any other extension is refused in Chinese with exit 2, and nothing is written.
#[test]
fn export_to_another_extension_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let (code, _, err) = run(&["import", "documents", s(&contract("documents.csv")), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let before = ledger_bytes(&db);
    for name in ["台账.txt", "台账", "台账.xls", "台账.pdf"] {
        for template in [false, true] {
            let target = dir.path().join(name);
            let mut args = vec!["export", "documents", "--out", s(&target), "--db", s(&db)];
            if template {
                args.push("--template");
            }
            let (code, out, err) = run(&args);
            assert_eq!(code, 2, "{name}: {err}");
            assert!(out.is_empty());
            assert!(err.contains("扩展名应为 .xlsx") && err.contains(".csv") && err.contains("未写入任何文件"), "{err}");
            assert!(!target.exists(), "{name} written");
        }
    }
    assert_eq!(ledger_bytes(&db), before);
}

#[test]
fn report_and_export_refuse_bad_arguments_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    for args in [
        vec!["report", "--year", "二〇二五", "--format", "csv"],
        vec!["report", "--year", "2025", "--format", "pdf"],
        vec!["report", "--year", "2025"],
        vec!["export", "documents", "--year", "25", "--out", "x.xlsx"],
    ] {
        let mut args = args.clone();
        args.extend(["--db", s(&db)]);
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{err}");
    }
    let (code, _, err) = run(&["import", "documents", "/nonexistent/file.csv", "--db", s(&db)]);
    assert_eq!(code, 1);
    assert!(err.contains("无法读取文件"), "{err}");
    // An empty ledger reports zeros, not an error.
    let (code, out, _) = run(&["report", "--year", "2025", "--format", "csv", "--db", s(&db)]);
    assert_eq!(code, 0);
    assert!(out.contains("规章,0,0,0") && out.contains("行政规范性文件,0,0,0"), "{out}");
}

#[test]
fn a_stray_value_in_xfd1048576_is_refused_and_nothing_changes() {
    // A clerk's accident: the register with one value far away in XFD1048576 (issue 16).
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let head = ["文件名称", "文号", "类别", "制发机关", "发布日期"];
    let row = ["关于某事项的办法", "长净管规〔2025〕1号", "规章", "长春净月高新技术产业开发区管理委员会", "2025-03-03"];
    let write = |stray: bool, path: &Path| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, (h, v)) in head.iter().zip(row).enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
            sheet.write_string(1, c as u16, v).unwrap();
        }
        if stray {
            sheet.write_string(1_048_575, 16_383, "x").unwrap();
        }
        std::fs::write(path, book.save_to_buffer().unwrap()).unwrap();
    };
    // A ledger with something in it, so "unchanged" means something.
    let seed = dir.path().join("seed.xlsx");
    write(false, &seed);
    let (code, _, err) = run(&["import", "documents", s(&seed), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let file = dir.path().join("stray.xlsx");
    write(true, &file);
    let before = ledger_bytes(&db);
    let (code, out, err) = run(&["import", "documents", s(&file), "--db", s(&db)]);
    assert_ne!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("工作表在 XFD1048576 有内容，超出导入范围（最多 200 列）；请删除多余的单元格后重试"),
        "{err}"
    );
    assert_eq!(ledger_bytes(&db), before, "the ledger changed");
}
