//! Bad input for the importers (issue 8, point 5): random bytes, truncated and corrupted .xlsx,
//! wrong encodings, 1 MB cells, formula cells and 100,000 empty rows, fed to both the request and
//! the document importer. Each must end in a short Chinese error — never a panic — and leave the
//! ledger exactly as it was (same row counts, same audit chain head).

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::NaiveDate;
use gongkai_ledger::requests::Actor;
use gongkai_ledger::{documents, requests, Ledger};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rust_xlsxwriter::{Formula, Workbook};

mod common;
use common::outside;

const ORGAN: &str = "长春净月高新技术产业开发区管理委员会";
const REQ_HEAD: &str = "受理编号,申请人类型,申请人,证件号码,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果";
const DOC_HEAD: &str = "文件名称,文号,类别,制发机关,起草部门,成文日期,发布日期,施行日期,有效期至,状态,状态变更日期,公开属性,公开方式,保密审查,解读材料,备注";
/// A refusal is read by a clerk: it may list rows, but it must not echo a megabyte back.
const MAX_MESSAGE_CHARS: usize = 6_000;

fn actor() -> Actor {
    Actor { operator: "测试员".into(), now: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap().and_hms_opt(9, 0, 0).unwrap() }
}

fn req_row(number: &str) -> String {
    format!("{number},自然人,王小明,,13912345678,当面,2025-03-03,申请公开某道路工程的批复,2025-03-20,予以公开")
}

fn doc_row(n: u32) -> String {
    format!("关于第{n}件的办法,长净管规[2025]{n}号,规章,{ORGAN},规划局,2025-03-01,2025-03-03,,,现行有效,,全文公开,主动公开,是,,")
}

/// A ledger that already holds a request and a document, so "unchanged" means something.
fn seeded() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::open(&dir.path().join("f.db")).unwrap();
    requests::exchange::import(&mut l, "seed.csv", format!("{REQ_HEAD}\n{}\n", req_row("YSQ-2025-0001")).as_bytes(), &actor()).unwrap();
    documents::exchange::import(&mut l, format!("{DOC_HEAD}\n{}\n", doc_row(1)).as_bytes()).unwrap();
    (dir, l)
}

/// What must not move: every table's row count and the head of the audit chain.
fn fingerprint(l: &Ledger) -> Vec<(String, i64)> {
    let c = outside(l);
    let mut tables: Vec<String> = {
        let mut stmt = c.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    tables.retain(|t| !t.contains("fts"));
    let mut out: Vec<(String, i64)> = tables
        .into_iter()
        .map(|t| {
            let n = c.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect();
    let head: String = c.query_row("SELECT coalesce(max(hash), '') || max(id) FROM audit_log", [], |r| r.get(0)).unwrap();
    out.push((head, 0));
    out
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Which importer, under which file name (the request importer goes by extension).
#[derive(Clone, Copy, Debug)]
enum Target {
    Requests(&'static str),
    Documents,
}

/// Runs one import; returns the error message, or None when the file was accepted.
fn try_import(l: &mut Ledger, target: Target, bytes: &[u8]) -> Result<Option<String>, String> {
    let run = catch_unwind(AssertUnwindSafe(|| match target {
        Target::Requests(name) => requests::exchange::import(l, name, bytes, &actor()).map(|_| ()),
        Target::Documents => documents::exchange::import(l, bytes).map(|_| ()),
    }));
    match run {
        Err(_) => Err(format!("{target:?}: the importer panicked")),
        Ok(Ok(())) => Ok(None),
        Ok(Err(e)) => Ok(Some(e.to_app_error().message)),
    }
}

/// The contract for a malformed file: refused, a short Chinese message, the ledger untouched.
fn assert_refused(l: &mut Ledger, case: &str, target: Target, bytes: &[u8]) {
    let before = fingerprint(l);
    let message = match try_import(l, target, bytes) {
        Err(panic) => panic!("{case}: {panic}"),
        Ok(None) => panic!("{case}: {target:?} accepted a malformed file"),
        Ok(Some(m)) => m,
    };
    assert!(!message.trim().is_empty(), "{case}: empty message");
    assert!(has_cjk(&message), "{case}: message not in Chinese: {message}");
    let chars = message.chars().count();
    assert!(chars <= MAX_MESSAGE_CHARS, "{case} ({target:?}): message of {chars} characters: {}…", message.chars().take(200).collect::<String>());
    assert_eq!(fingerprint(l), before, "{case}: the ledger changed");
}

fn all_targets() -> [Target; 3] {
    [Target::Requests("x.csv"), Target::Requests("x.xlsx"), Target::Documents]
}

/// An .xlsx whose first sheet holds `rows` (cells starting with `=` become formulas).
fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Some(f) = cell.strip_prefix('=') {
                sheet.write_formula(r as u32, c as u16, Formula::new(format!("={f}"))).unwrap();
            } else {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn split(line: &str) -> Vec<String> {
    line.split(',').map(str::to_string).collect()
}

#[test]
fn random_bytes_are_refused_in_chinese() {
    let (_dir, l) = seeded();
    let l = std::cell::RefCell::new(l);
    let mut runner = TestRunner::new(Config { cases: 160, failure_persistence: None, ..Config::default() });
    let strategy = (proptest::collection::vec(any::<u8>(), 0..3000), 0usize..3, any::<bool>());
    runner
        .run(&strategy, |(mut bytes, which, zip_magic)| {
            // Half the time pretend to be a zip (an .xlsx) so the Excel reader sees garbage too.
            if zip_magic {
                bytes.splice(0..0, *b"PK\x03\x04");
            }
            assert_refused(&mut l.borrow_mut(), "random bytes", all_targets()[which], &bytes);
            Ok(())
        })
        .unwrap();
}

#[test]
fn truncated_and_corrupted_xlsx_are_refused_or_read_whole() {
    let (_dir, mut l) = seeded();
    let req = xlsx(&[split(REQ_HEAD), split(&req_row("YSQ-2025-0100"))]);
    let doc = xlsx(&[split(DOC_HEAD), split(&doc_row(100))]);
    for (bytes, target) in [(&req, Target::Requests("t.xlsx")), (&doc, Target::Documents)] {
        // Cut points in the first and last 200 bytes (zip header, central directory), then every
        // 53rd byte between.
        let cuts = (0..bytes.len()).filter(|&n| (n < 200 || n + 200 > bytes.len()) && n % 3 == 0 || n % 53 == 0);
        for n in cuts {
            assert_refused(&mut l, &format!("xlsx cut at {n} of {}", bytes.len()), target, &bytes[..n]);
        }
    }
    // Flipped bytes: the zip's checksums usually catch it; when the damage lands somewhere
    // harmless the file may import, but it must never panic or leave a half-written ledger.
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    for i in 0..120 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let (bytes, target) = if i % 2 == 0 { (&req, Target::Requests("t.xlsx")) } else { (&doc, Target::Documents) };
        let mut bad = bytes.clone();
        let at = (x as usize) % bad.len();
        bad[at] ^= (x >> 32) as u8 | 1;
        let before = fingerprint(&l);
        match try_import(&mut l, target, &bad) {
            Err(panic) => panic!("flip at {at}: {panic}"),
            Ok(Some(m)) => {
                assert!(has_cjk(&m) && m.chars().count() <= MAX_MESSAGE_CHARS, "flip at {at}: {m}");
                assert_eq!(fingerprint(&l), before, "flip at {at}: refused but the ledger changed");
            }
            Ok(None) => {
                // Accepted: then it was whole. Take it back out of the comparison by reseeding.
                let (dir, fresh) = seeded();
                std::mem::forget(dir);
                l = fresh;
            }
        }
    }
}

#[test]
fn wrong_encodings_are_refused() {
    let (_dir, mut l) = seeded();
    let req = format!("{REQ_HEAD}\n{}\n", req_row("YSQ-2025-0200"));
    let doc = format!("{DOC_HEAD}\n{}\n", doc_row(200));
    for (text, targets) in [(&req, &[Target::Requests("e.csv")][..]), (&doc, &[Target::Documents][..])] {
        // UTF-16 without its BOM (with one it is unambiguous, and the document importer reads it).
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let (big5, _, _) = encoding_rs::BIG5.encode(text);
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let (euc_kr, _, _) = encoding_rs::EUC_KR.encode(text);
        // A UTF-8 BOM in front of GBK bytes: the file says one thing and is another.
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let lying_bom: Vec<u8> = b"\xEF\xBB\xBF".iter().copied().chain(gbk.iter().copied()).collect();
        // Latin-1 mojibake: UTF-8 bytes read as Windows-1252 and saved again as UTF-8.
        let (mojibake, _, _) = encoding_rs::WINDOWS_1252.decode(text.as_bytes());
        let cases: [(&str, &[u8]); 7] = [
            ("UTF-16LE", &utf16le),
            ("UTF-16BE", &utf16be),
            ("Big5", &big5),
            ("Shift_JIS", &sjis),
            ("EUC-KR", &euc_kr),
            ("BOM + GBK", &lying_bom),
            ("mojibake", mojibake.as_bytes()),
        ];
        for (name, bytes) in cases {
            for &target in targets {
                assert_refused(&mut l, name, target, bytes);
            }
        }
    }
}

#[test]
fn megabyte_cells_are_refused_with_a_short_message() {
    let (_dir, mut l) = seeded();
    let huge = "政".repeat(1 << 20);
    // Every column in turn holds the megabyte: the message names the cell without echoing it.
    for col in 0..10 {
        let mut row = split(&req_row("YSQ-2025-0300"));
        row[col] = huge.clone();
        let csv = format!("{REQ_HEAD}\n{}\n", row.join(","));
        assert_refused(&mut l, &format!("1 MB in request column {col}"), Target::Requests("m.csv"), csv.as_bytes());
    }
    for col in 0..16 {
        let mut row = split(&doc_row(300));
        row[col] = huge.clone();
        let csv = format!("{DOC_HEAD}\n{}\n", row.join(","));
        assert_refused(&mut l, &format!("1 MB in document column {col}"), Target::Documents, csv.as_bytes());
    }
    // Excel keeps at most 32,767 characters in a cell: a full cell in an .xlsx, and a megabyte header.
    let full = "政".repeat(32_767);
    let mut row = split(&req_row("YSQ-2025-0301"));
    row[7] = full.clone();
    assert_refused(&mut l, "full xlsx cell", Target::Requests("m.xlsx"), &xlsx(&[split(REQ_HEAD), row]));
    let mut row = split(&doc_row(301));
    row[0] = full;
    assert_refused(&mut l, "full xlsx cell", Target::Documents, &xlsx(&[split(DOC_HEAD), row]));
    let header = format!("{REQ_HEAD},{huge}\n");
    assert_refused(&mut l, "1 MB header", Target::Requests("m.csv"), header.as_bytes());
}

#[test]
fn formula_cells_are_refused_naming_the_cell() {
    let (_dir, mut l) = seeded();
    let mut row = split(&req_row("YSQ-2025-0400"));
    row[7] = "=HYPERLINK(\"http://example.invalid\",\"点击\")".into();
    let bytes = xlsx(&[split(REQ_HEAD), row]);
    assert_refused(&mut l, "request formula", Target::Requests("f.xlsx"), &bytes);
    let m = try_import(&mut l, Target::Requests("f.xlsx"), &bytes).unwrap().unwrap();
    assert!(m.contains("第2行") && m.contains("申请内容") && m.contains("公式"), "{m}");

    let mut row = split(&doc_row(400));
    row[6] = "=DATE(2025,3,3)".into();
    let bytes = xlsx(&[split(DOC_HEAD), row]);
    assert_refused(&mut l, "document formula", Target::Documents, &bytes);
    let m = try_import(&mut l, Target::Documents, &bytes).unwrap().unwrap();
    assert!(m.contains("第2行") && m.contains("发布日期") && m.contains("公式"), "{m}");

    // In a CSV a formula is only text: where it lands in a date it is a bad date, said briefly.
    let mut row = split(&req_row("YSQ-2025-0401"));
    row[6] = "=TODAY()".into();
    assert_refused(&mut l, "csv formula", Target::Requests("f.csv"), format!("{REQ_HEAD}\n{}\n", row.join(",")).as_bytes());
}

#[test]
fn a_hundred_thousand_empty_rows_are_refused_quickly() {
    let (_dir, mut l) = seeded();
    let started = std::time::Instant::now();
    let blank_req = format!("{REQ_HEAD}\n{}", ",,,,,,,,,\n".repeat(100_000));
    assert_refused(&mut l, "100k empty csv rows", Target::Requests("e.csv"), blank_req.as_bytes());
    let blank_doc = format!("{DOC_HEAD}\n{}", ",,,,,,,,,,,,,,,\n".repeat(100_000));
    assert_refused(&mut l, "100k empty csv rows", Target::Documents, blank_doc.as_bytes());
    // In Excel: rows of blanks (spaces) down to row 100,001.
    let mut rows = vec![split(REQ_HEAD)];
    rows.extend((0..100_000).map(|_| vec![" ".to_string()]));
    assert_refused(&mut l, "100k blank xlsx rows", Target::Requests("e.xlsx"), &xlsx(&rows));
    rows[0] = split(DOC_HEAD);
    assert_refused(&mut l, "100k blank xlsx rows", Target::Documents, &xlsx(&rows));
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "took {:?}", started.elapsed());
}
