//! Issue 23 (point 6): `gongkai audit list` prints the 审计日志 in words, as the window shows it:
//! Chinese field names and values, the record by its 受理编号, an import's compact entry with its
//! rows' keys; `--json` prints the entries exactly as logged.

mod common;

use common::{imported, s};
use gongkai_cli::run_captured;

#[test]
fn the_audit_list_names_fields_values_and_the_record_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let run = |args: &[&str]| {
        let mut a = args.to_vec();
        a.extend(["--db", s(&db)]);
        run_captured(&a)
    };
    let (code, _, err) = run(&["request", "event", "YSQ-2024-0001", "送达", "--date", "2025-01-10", "--method", "邮寄", "--proof", "EMS1"]);
    assert_eq!(code, 0, "{err}");

    let (code, out, err) = run(&["audit", "list"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    // Newest first: the status change of the request, named by its 受理编号, with Chinese values.
    assert!(lines[0].contains("修改\t依申请公开\t受理编号 YSQ-2024-0001\t办理状态：已答复 → 已送达"), "{out}");
    assert!(lines[1].contains("办理记录\t受理编号 YSQ-2024-0001\t办理记录：送达（2025-01-10；方式：邮寄；送达凭证：EMS1）"), "{out}");
    // The import's compact entry lists its keys, first to last.
    let batch = lines.iter().find(|l| l.contains("导入批次\t受理编号")).expect("the import's batch entry");
    assert!(batch.contains("受理编号 YSQ-2024-0001 至 YSQ-2024-0048"), "{batch}");
    assert!(batch.contains("导入 48 条申请：YSQ-2024-0001、YSQ-2025-0002、YSQ-2024-0003 … YSQ-2024-0048（来自 requests-sample.csv）"), "{batch}");
    assert!(!out.contains("delivered") && !out.contains("行号 "), "no codes, no bare row numbers: {out}");
    assert!(err.contains("共 6 条"), "{err}");

    // --record finds the request's entries, the import batch included (by its key); --detail
    // lists each changed field.
    let (code, out, _) = run(&["audit", "list", "--record", "YSQ-2024-0048", "--detail"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().filter(|l| l.starts_with("第 ")).count(), 1, "{out}");
    assert!(out.contains("    各条记录：YSQ-2024-0001、") && out.contains("    来源文件：requests-sample.csv"), "{out}");
    let (_, out, _) = run(&["audit", "list", "--record", "YSQ-2024-0001", "--detail", "--limit", "1"]);
    assert!(out.contains("    办理状态：已答复 → 已送达"), "{out}");
    // A 受理编号 finds the request's events too, though they name it only by its row id.
    let (_, out, _) = run(&["audit", "list", "--record", "YSQ-2024-0001"]);
    assert!(out.contains("办理记录\t受理编号 YSQ-2024-0001\t办理记录：送达"), "{out}");
    assert_eq!(out.lines().count(), 3, "the change, the event and the import batch: {out}");

    // 表 as the window names it.
    let (_, out, _) = run(&["audit", "list", "--table", "办理记录"]);
    assert_eq!(out.lines().count(), 1, "{out}");

    // --json: the entries as logged, codes and all.
    let (code, out, _) = run(&["audit", "list", "--json", "--limit", "1"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["table_name"], "request");
    assert!(v[0]["after"].as_str().unwrap().contains("\"status\":\"delivered\""), "{out}");

    let (code, _, err) = run(&["audit", "list", "--limit", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("条数"), "{err}");
}
