//! `gongkai backlog close-old` and `mark-published` (issue 23): without --yes only the count,
//! nothing written; with it one recorded step, the audit still verifying; refusals in Chinese.

use std::path::Path;

use gongkai_cli::run_captured;

mod common;
use common::{ledger_bytes, s};

fn run(args: &[&str], db: &Path) -> (u8, String, String) {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--db", s(db)]);
    run_captured(&all)
}

const REQUESTS: &str = "受理编号,申请人类型,申请人,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果
OLD-1,自然人,张三,13912345678,当面,2024-05-06,申请公开旧事项一,,
OLD-2,自然人,李四,13912345678,当面,2024-06-03,申请公开旧事项二,2024-06-20,予以公开
";

const DOCUMENTS: &str = "文件名称,文号,类别,制发机关,成文日期,发布日期,公开方式,公开属性
旧文件,区政发〔2024〕1号,其他政策文件,某区人民政府,2024-03-01,2024-03-05,主动公开,全文公开
";

#[test]
fn old_open_requests_and_unpublished_documents_are_closed_in_one_recorded_step() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let requests = dir.path().join("old.csv");
    std::fs::write(&requests, REQUESTS).unwrap();
    let documents = dir.path().join("docs.csv");
    std::fs::write(&documents, DOCUMENTS).unwrap();
    assert_eq!(run(&["import", "requests", s(&requests)], &db).0, 0);
    let (code, _, err) = run(&["import", "documents", s(&documents)], &db);
    assert_eq!(code, 0, "{err}");

    // Asked first: the count, and nothing written.
    let before = ledger_bytes(&db);
    let (code, out, err) = run(&["backlog", "close-old", "--before", "2025-01-01"], &db);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("将把 1 件") && out.contains("导入前已办结"), "{out}");
    assert!(err.contains("--yes"), "{err}");
    // (A read-only open of a WAL ledger leaves an empty -wal and its -shm beside it.)
    let after = ledger_bytes(&db);
    assert_eq!(after.iter().find(|f| f.0 == "b.db"), before.iter().find(|f| f.0 == "b.db"), "nothing written without --yes");
    assert!(after.iter().all(|f| !f.0.ends_with("-wal") || f.1 == 0), "{after:?}");

    let (code, _, err) = run(&["backlog", "close-old", "--before", "2025-13-01", "--yes"], &db);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--before"), "{err}");

    let (code, out, err) = run(&["backlog", "close-old", "--before", "2025-01-01", "--reason", "2024年已书面答复，导入时缺办结日期", "--yes"], &db);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已把 1 件申请标记为导入前已办结"), "{out}");
    assert!(err.contains("OLD-1"), "{err}");
    let (_, shown, _) = run(&["request", "show", "OLD-1"], &db);
    assert!(shown.contains("已终止") && shown.contains("导入前已办结") && shown.contains("2024年已书面答复"), "{shown}");
    // Nothing left: refused, exit non-zero.
    let (code, _, err) = run(&["backlog", "close-old", "--before", "2025-01-01", "--yes"], &db);
    assert_ne!(code, 0);
    assert!(err.contains("没有"), "{err}");

    let (code, out, err) = run(&["backlog", "mark-published", "--before", "2025-01-01", "--yes"], &db);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已把 1 件文件标记为已上网"), "{out}");
    assert!(err.contains("区政发〔2024〕1号"), "{err}");

    let (code, out, err) = run(&["audit", "verify"], &db);
    assert_eq!(code, 0, "{out}{err}");
}
