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
fn a_hundred_thousand_empty_rows_are_refused() {
    // How fast is the benchmark's business; this checks that such files end in a refusal naming
    // the problem and write nothing.
    let (_dir, mut l) = seeded();
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
}

// Hostile and odd workbooks (issue 16): refused by the spreadsheet guard before calamine reads them,
// with the far cell named, and nothing written.

/// Rewrites the parts of an .xlsx for which `edit(name, text)` returns new text.
fn patch_xlsx(bytes: &[u8], edit: impl Fn(&str, &str) -> Option<String>) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        let data = std::str::from_utf8(&data).ok().and_then(|t| edit(&name, t)).map(String::into_bytes).unwrap_or(data);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A request file with one good row, then `stray` written into the first sheet at (row, col).
fn with_stray(row: u32, col: u16) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in [REQ_HEAD.to_string(), req_row("YSQ-2025-0500")].iter().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    sheet.write_string(row, col, "多余").unwrap();
    book.save_to_buffer().unwrap()
}

/// Refused, in Chinese, with `expected` in the message, the ledger untouched: for both importers.
fn assert_refused_with(l: &mut Ledger, case: &str, bytes: &[u8], expected: &str) {
    for target in [Target::Requests("h.xlsx"), Target::Documents] {
        assert_refused(l, case, target, bytes);
        let m = try_import(l, target, bytes).unwrap().unwrap();
        assert!(m.contains(expected), "{case} ({target:?}): {m}");
    }
}

#[test]
fn a_stray_value_in_xfd1048576_is_refused_naming_the_cell() {
    let (_dir, mut l) = seeded();
    let bytes = with_stray(1_048_575, 16_383);
    assert!(bytes.len() < 10_000, "a small file: {} bytes", bytes.len());
    assert_refused_with(
        &mut l,
        "XFD1048576",
        &bytes,
        "工作表在 XFD1048576 有内容，超出导入范围（最多 200 列）；请删除多余的单元格后重试",
    );
    // Column GS is the 201st: one past the limit; GR, the 200th, is read (and its column ignored).
    assert_refused_with(&mut l, "GS2", &with_stray(1, 200), "工作表在 GS2 有内容，超出导入范围（最多 200 列）");
    let (_d, mut fresh) = seeded();
    requests::exchange::import(&mut fresh, "w.xlsx", &with_stray(1, 199), &actor()).unwrap();
}

#[test]
fn a_stray_value_far_down_is_refused_by_the_cell_cap() {
    let (_dir, mut l) = seeded();
    // Ten columns, and a value in B2000001 (beyond Excel's own rows, as a forged file may be):
    // 2,000,001 rows × 10 columns passes 20 million cells.
    let far = patch_xlsx(&with_stray(1_048_575, 1), |name, text| {
        name.starts_with("xl/worksheets/").then(|| text.replace("1048576", "2000001"))
    });
    assert_refused_with(&mut l, "B2000001", &far, "工作表在 B2000001 有内容，超出导入范围（最多 2000000 行）");
}

#[test]
fn a_lying_or_missing_dimension_is_not_believed() {
    let (_dir, mut l) = seeded();
    let sheet = |name: &str| name.starts_with("xl/worksheets/");
    let dimension = |text: &str| {
        let start = text.find("<dimension").unwrap();
        let end = start + text[start..].find("/>").unwrap() + 2;
        (start, end)
    };
    // Says A1:J2, holds XFD1048576.
    let lying = patch_xlsx(&with_stray(1_048_575, 16_383), |name, text| {
        sheet(name).then(|| {
            let (s, e) = dimension(text);
            format!("{}<dimension ref=\"A1:J2\"/>{}", &text[..s], &text[e..])
        })
    });
    assert_refused_with(&mut l, "lying dimension", &lying, "工作表在 XFD1048576 有内容");
    // No dimension at all, and cells without an `r` (placed after the previous cell and row).
    let absent = patch_xlsx(&with_stray(1_048_575, 16_383), |name, text| {
        sheet(name).then(|| {
            let (s, e) = dimension(text);
            format!("{}{}", &text[..s], &text[e..])
        })
    });
    assert_refused_with(&mut l, "no dimension", &absent, "工作表在 XFD1048576 有内容");
    let unplaced = patch_xlsx(&xlsx(&[split(REQ_HEAD), split(&req_row("YSQ-2025-0600"))]), |name, text| {
        sheet(name).then(|| text.replace("<row r=\"2\"", "<row r=\"700000\"").replace(" r=\"A2\"", "").replace("</sheetData>", &format!("<row>{}</row></sheetData>", "<c t=\"inlineStr\"><is><t>x</t></is></c>".repeat(201))))
    });
    assert_refused_with(&mut l, "cells without r", &unplaced, "工作表在 GS700001 有内容");
    // Says A1:XFD1048576, holds two rows: read as usual.
    let wide = patch_xlsx(&xlsx(&[split(REQ_HEAD), split(&req_row("YSQ-2025-0601"))]), |name, text| {
        sheet(name).then(|| {
            let (s, e) = dimension(text);
            format!("{}<dimension ref=\"A1:XFD1048576\"/>{}", &text[..s], &text[e..])
        })
    });
    let (_d, mut fresh) = seeded();
    let summary = requests::exchange::import(&mut fresh, "w.xlsx", &wide, &actor()).unwrap();
    assert_eq!(summary.imported, 1);
}

#[test]
fn formatted_but_empty_cells_far_away_are_read_as_usual() {
    // A clerk formats a cell far away (or Excel keeps a styled empty cell): no value, so nothing
    // for calamine to allocate; the sheet reads as before, with its blank trailing rows ignored.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut lines = vec![REQ_HEAD.to_string(), req_row("YSQ-2025-0700"), req_row("YSQ-2025-0701")];
    lines.extend((0..50).map(|_| ",,,,,,,,,".to_string()));
    for (r, line) in lines.iter().enumerate() {
        for (c, cell) in line.split(',').enumerate().filter(|(_, s)| !s.is_empty() || r > 2) {
            sheet.write_string(r as u32, c as u16, if cell.is_empty() { " " } else { cell }).unwrap();
        }
    }
    let bold = rust_xlsxwriter::Format::new().set_bold();
    sheet.write_blank(1_048_575, 16_383, &bold).unwrap();
    sheet.write_blank(500, 150, &bold).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (_dir, mut l) = seeded();
    let summary = requests::exchange::import(&mut l, "f.xlsx", &bytes, &actor()).unwrap();
    assert_eq!(summary.imported, 2);
}

#[test]
fn a_forged_shared_string_count_is_refused() {
    let (_dir, mut l) = seeded();
    let bytes = xlsx(&[split(REQ_HEAD), split(&req_row("YSQ-2025-0800"))]);
    for forged in ["4000000000", "99999999999999999999999", "10000001"] {
        let patched = patch_xlsx(&bytes, |name, text| {
            (name == "xl/sharedStrings.xml").then(|| {
                let start = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
                let end = start + text[start..].find('"').unwrap();
                format!("{}{forged}{}", &text[..start], &text[end..])
            })
        });
        assert_refused_with(&mut l, &format!("uniqueCount {forged}"), &patched, "共享字符串表声明了");
    }
}

/// Sets the uncompressed size the zip directory (central and local headers) declares for `part`.
fn declare_size(mut bytes: Vec<u8>, part: &str, size: u32) -> Vec<u8> {
    let name = part.as_bytes();
    for (signature, name_at, size_at) in [(b"PK\x01\x02", 46, 24), (b"PK\x03\x04", 30, 22)] {
        let mut i = 0;
        while i + name_at + name.len() <= bytes.len() {
            if &bytes[i..i + 4] == signature && bytes[i + name_at..].starts_with(name) {
                bytes[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
            }
            i += 1;
        }
    }
    bytes
}

#[test]
fn zip_bombs_are_refused_before_they_unpack() {
    let (_dir, mut l) = seeded();
    // A sheet padded with 64 MB of spaces (a few dozen KB packed) that declares 4 KB.
    let padded = patch_xlsx(&xlsx(&[split(REQ_HEAD), split(&req_row("YSQ-2025-0900"))]), |name, text| {
        name.starts_with("xl/worksheets/").then(|| text.replace("<sheetData>", &format!("<sheetData>{}", " ".repeat(64 << 20))))
    });
    assert!(padded.len() < 1 << 20, "packed small: {} bytes", padded.len());
    let bomb = declare_size(padded, "xl/worksheets/sheet1.xml", 4096);
    assert_refused_with(&mut l, "declared small", &bomb, "解压后比声明的大小更大");
    // A directory declaring more than 256 MB in all.
    let big = declare_size(xlsx(&[split(REQ_HEAD)]), "xl/styles.xml", 300 << 20);
    assert_refused_with(&mut l, "declared large", &big, "超出导入范围（最多 256 MB）");
}
