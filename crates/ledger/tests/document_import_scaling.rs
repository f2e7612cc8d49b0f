//! Issue 22: a document import's work must not grow with the register it goes into, as for
//! requests (`import_scaling.rs`). Three equal imports go through one open `Ledger`; the third may
//! not ask SQLite's pager for many more pages than the second. Written row by row, each document
//! became its own segment of the trigram index and FTS5's merging of those segments grew with the
//! index already there; the bulk path writes them in chunks.

mod common;

use gongkai_ledger::audit;
use gongkai_ledger::documents::{self, exchange, DocumentFilter};

/// `n` register rows numbered from `from`: varied titles (the full-text index's work), every other
/// row with a 解读材料, one in five amended by a decision of the same file.
fn csv(from: usize, n: usize) -> String {
    let mut out = String::from("文件名称,文号,类别,制发机关,起草部门,发布日期,状态,状态变更日期,状态变更依据,公开属性,公开方式,保密审查,解读材料,无需解读理由\n");
    for i in from..from + n {
        let amended = i % 5 == 4;
        out.push_str(&format!(
            "关于印发第{}批{}项目实施方案的通知,区政发〔2024〕{}号,行政规范性文件,区人民政府,科室{},2024-03-{:02},{},{},{},全文公开,主动公开,是,{},{}\n",
            i % 7919,
            ["老旧小区改造", "城市更新", "学校建设", "医疗卫生", "乡村振兴"][i % 5],
            i + 1,
            i % 4,
            1 + i % 28,
            if amended { "已修改" } else { "现行有效" },
            if amended { "2024-04-01" } else { "" },
            if amended { format!("区政发〔2024〕{}号", i) } else { String::new() },
            if i % 2 == 0 { "政策解读" } else { "" },
            if i % 2 == 0 { "" } else { "内部管理事项" },
        ));
    }
    out
}

#[test]
fn the_third_of_three_equal_document_imports_costs_about_what_the_second_did() {
    let (_dir, mut ledger) = common::ledger();
    const N: usize = 1_000;
    // The first import fills an empty register, whose indices are shallower than they stay
    // afterwards: the second and third are compared.
    let mut costs = Vec::new();
    for k in 0..3 {
        let before = ledger.pages_fetched();
        let summary = exchange::import(&mut ledger, csv(k * N, N).as_bytes()).unwrap();
        assert_eq!(summary.imported as usize, N);
        costs.push(ledger.pages_fetched() - before);
    }
    eprintln!("pages fetched per import: {costs:?}");
    let (second, third) = (costs[1], costs[2]);
    assert!(second > 0, "the counter counts");
    assert!(
        third * 100 <= second * 110,
        "the third import fetched {third} pages against the second's {second}: an import's work grows with the register"
    );
}

/// The bulk path writes what row by row wrote: departments added once in order of first use, the
/// 状态变更依据 linked to the decision written earlier in the same file, 要件 and the full-text
/// index filled, and the audit trail holds every row in a few compact entries.
#[test]
fn a_bulk_document_import_writes_every_row_as_registration_does() {
    let (_dir, mut ledger) = common::ledger();
    let summary = exchange::import(&mut ledger, csv(0, 300).as_bytes()).unwrap();
    assert_eq!(summary.imported, 300);
    assert_eq!(summary.added_departments, vec!["科室0", "科室1", "科室2", "科室3"]);
    assert_eq!(summary.incomplete, 0, "{summary:?}");
    let c = common::outside(&ledger);
    let linked: Vec<(String, Option<String>)> = c
        .prepare(
            "SELECT d.doc_number, b.doc_number FROM document_status s JOIN document d ON d.id = s.document_id
             LEFT JOIN document b ON b.id = s.by_document_id WHERE s.by_doc_number <> '' ORDER BY d.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(linked.len(), 60);
    assert_eq!(linked[0], ("区政发〔2024〕5号".to_string(), Some("区政发〔2024〕4号".to_string())));
    assert!(linked.iter().all(|(_, b)| b.is_some()), "{linked:?}");
    let counts: (i64, i64, i64, i64) = c
        .query_row(
            "SELECT (SELECT count(*) FROM document_status), (SELECT count(*) FROM document_interpretation),
                    (SELECT count(*) FROM document_edit WHERE changed = '登记'), (SELECT count(*) FROM document WHERE status = 'amended')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(counts, (300, 150, 300, 60));
    let found = documents::list(&ledger, &DocumentFilter { query: "老旧小区改造项目".into(), page_size: 50, ..Default::default() }).unwrap();
    assert_eq!(found.total, 60);
    let report = audit::verify(&ledger).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.entries < 20, "{report:?}");
    // A file that repeats a 文号 already in the register writes nothing.
    let again = exchange::import(&mut ledger, csv(299, 2).as_bytes());
    assert!(again.is_err());
    let n: i64 = common::outside(&ledger).query_row("SELECT count(*) FROM document", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 300);
}
