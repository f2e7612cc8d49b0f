//! `gongkai export requests --out F` writes what F's extension names (issue 18, point 8): .csv is
//! UTF-8 CSV with a BOM in the import's column order, so it imports again; .xlsx is a workbook;
//! anything else is refused in Chinese (exit 2) and writes nothing. Masking and the record of an
//! unmasked export hold for both formats.

use std::path::Path;

use gongkai_cli::run_captured;

mod common;
use common::{imported, ledger_bytes, s, sample};

fn events(db: &Path) -> Vec<(String, String, i64)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut st = c.prepare("SELECT kind, detail, records FROM ledger_event WHERE kind <> 'upgrade' ORDER BY id").unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

fn sample_rows() -> usize {
    std::fs::read_to_string(sample()).unwrap().lines().skip(1).filter(|l| !l.trim().is_empty()).count()
}

/// A contact number of the sample, in full.
fn a_phone() -> String {
    let text = std::fs::read_to_string(sample()).unwrap();
    text.lines().nth(1).unwrap().split(',').nth(3).unwrap().to_string()
}

#[test]
fn csv_export_is_utf8_with_bom_in_the_import_order_and_imports_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let csv = dir.path().join("申请.csv");
    let (code, out, err) = run_captured(&["export", "requests", "--out", s(&csv), "--unmasked", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("已导出 {} 条申请", sample_rows())) && out.contains("未隐藏"), "{out}");
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM, not a zip: {:?}", &bytes[..4]);
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let columns = gongkai_ledger::requests::exchange::COLUMNS;
    assert_eq!(text.lines().next().unwrap(), format!("{},办理状态,答复期限,到期状态", columns.join(",")));
    assert!(text.contains(&a_phone()), "unmasked: the full number");
    // Recorded as for a workbook, the format named.
    let ev = events(&db);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].0, "export_unmasked");
    assert!(ev[0].1.contains("CSV") && ev[0].1.contains("申请.csv"), "{}", ev[0].1);
    assert_eq!(ev[0].2 as usize, sample_rows());
    // The file imports again into a fresh ledger, every row.
    let again = dir.path().join("again.db");
    let (code, out, err) = run_captured(&["import", "requests", s(&csv), "--db", s(&again)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("已导入 {} 条申请", sample_rows())), "{out}");
    let list = |db: &Path| run_captured(&["request", "list", "--db", s(db)]).1;
    assert_eq!(list(&db), list(&again));
}

#[test]
fn a_masked_csv_export_hides_the_numbers_and_is_not_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let csv = dir.path().join("masked.CSV");
    let (code, out, err) = run_captured(&["export", "requests", "--out", s(&csv), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已部分隐藏"), "{out}");
    let text = String::from_utf8(std::fs::read(&csv).unwrap()[3..].to_vec()).unwrap();
    let phone = a_phone();
    assert!(!text.contains(&phone), "masked");
    assert!(text.contains(&format!("{}****{}", &phone[..3], &phone[7..])), "3 + 4 shown");
    assert!(events(&db).is_empty(), "a masked export is not recorded");
}

#[test]
fn xlsx_stays_a_workbook_and_other_extensions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let xlsx = dir.path().join("申请.xlsx");
    let (code, _, err) = run_captured(&["export", "requests", "--out", s(&xlsx), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK\x03\x04"));
    let before = ledger_bytes(&db);
    for name in ["申请.txt", "申请", "申请.xls", "申请.csv.bak"] {
        let target = dir.path().join(name);
        for unmasked in [false, true] {
            let mut args = vec!["export", "requests", "--out", s(&target), "--db", s(&db)];
            if unmasked {
                args.push("--unmasked");
            }
            let (code, out, err) = run_captured(&args);
            assert_eq!(code, 2, "{name}: {err}");
            assert!(out.is_empty(), "{out}");
            assert!(err.contains("扩展名应为 .xlsx") && err.contains(".csv") && err.contains("未写入任何文件"), "{err}");
            assert!(!target.exists(), "{name} written");
        }
    }
    assert_eq!(ledger_bytes(&db), before, "a refused export does not touch the ledger");
    assert!(events(&db).is_empty());
}
