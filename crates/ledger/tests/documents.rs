//! The register in the ledger: validation with named fields, duplicate 文号, history rows,
//! 要件 projection, 退文, search and filters, deadlines for 工作台, annual figures by hand count,
//! and import/export (CSV in UTF-8 and GBK, .xlsx with date cells), all or nothing.

use gongkai_core::calendar::Calendar;
use gongkai_core::document::{Category, Disclosure, DisclosureMode, InterpretationForm, PortalState, Status};
use gongkai_core::ErrorCode;
use gongkai_ledger::documents::{
    self, DocumentFilter, DocumentInput, DocumentSort, InterpretationInput, ReturnInput, StatusChangeInput, WriteSource,
};
use gongkai_ledger::{settings, Ledger};

mod common;
use common::{d, outside};

const W: WriteSource = WriteSource::Window;
const ORGAN: &str = "长春净月高新技术产业开发区管理委员会";

fn ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::open(&dir.path().join("t.db")).unwrap();
    settings::save_departments(&mut l, &["规划局".into(), "财政局".into()]).unwrap();
    (dir, l)
}

fn input(title: &str, number: &str, category: Category, published: &str) -> DocumentInput {
    DocumentInput {
        title: title.into(),
        doc_number: number.into(),
        category: Some(category),
        issuer: ORGAN.into(),
        published_on: Some(published.into()),
        ..Default::default()
    }
}

fn complete(mut i: DocumentInput) -> DocumentInput {
    i.disclosure = Some(Disclosure::Full);
    i.disclosure_mode = Some(DisclosureMode::Active);
    i.secrecy_reviewed = Some(true);
    i.no_interpretation_reason = Some("内部管理事项".into());
    i
}

fn err_code(e: gongkai_ledger::Error) -> (ErrorCode, String) {
    let a = e.to_app_error();
    (a.code, a.message)
}

fn detail(l: &Ledger, id: i64) -> documents::DocumentDetail {
    documents::get(l, id, &Calendar::shipped(), d("2025-06-01")).unwrap()
}

fn filter() -> DocumentFilter {
    DocumentFilter { page_size: 500, ..DocumentFilter::default() }
}

fn titles(l: &Ledger, f: &DocumentFilter) -> Vec<String> {
    documents::list(l, f).unwrap().rows.into_iter().map(|r| r.title).collect()
}

#[test]
fn the_schema_is_strict_append_only_and_searchable() {
    let (_dir, l) = ledger();
    let c = outside(&l);
    for t in ["document", "document_status", "document_interpretation", "document_return", "document_edit"] {
        let sql: String = c.query_row("SELECT sql FROM sqlite_schema WHERE name = ?1", [t], |r| r.get(0)).unwrap();
        assert!(sql.trim_end().ends_with("STRICT"), "{t} is STRICT");
    }
    let fts: String =
        c.query_row("SELECT sql FROM sqlite_schema WHERE name = 'document_fts'", [], |r| r.get(0)).unwrap();
    assert!(fts.contains("trigram"));
    let mut l = l;
    let id = documents::create(
        &mut l,
        &input("关于某项工作的通知", "长净管发〔2025〕1号", Category::Normative, "2025-01-02"),
        W,
    )
    .unwrap();
    let c = outside(&l);
    let e = c.execute("DELETE FROM document WHERE id = ?1", [id]).unwrap_err().to_string();
    assert!(e.contains("不能删除"), "{e}");
    assert!(c.execute("UPDATE document_status SET status = 'repealed'", []).is_err());
    assert!(c.execute("DELETE FROM document_status", []).is_err());
}

#[test]
fn creating_validates_each_field_in_chinese() {
    let (_dir, mut l) = ledger();
    let cases: Vec<(DocumentInput, &str)> = vec![
        (input("", "x〔2025〕1号", Category::Rule, "2025-01-01"), "文件名称：不能为空"),
        (input("标题", " ", Category::Rule, "2025-01-01"), "文号：不能为空"),
        (DocumentInput { category: None, ..input("标题", "x〔2025〕1号", Category::Rule, "2025-01-01") }, "类别"),
        (
            DocumentInput { issuer: "".into(), ..input("标题", "x〔2025〕1号", Category::Rule, "2025-01-01") },
            "制发机关：不能为空",
        ),
        (input("标题", "x〔2025〕1号", Category::Rule, "2025-02-30"), "发布日期：“2025-02-30”不是有效日期"),
        (
            DocumentInput { published_on: None, ..input("标题", "x〔2025〕1号", Category::Rule, "") },
            "发布日期：不能为空",
        ),
        (
            DocumentInput {
                written_on: Some("2025-03-01".into()),
                ..input("标题", "x〔2025〕1号", Category::Rule, "2025-02-01")
            },
            "发布日期：2025-02-01 早于成文日期 2025-03-01",
        ),
        (
            DocumentInput {
                status: Some(Status::Repealed),
                ..input("标题", "x〔2025〕1号", Category::Rule, "2025-01-01")
            },
            "状态变更日期：状态为“已废止”时必须填写",
        ),
        (
            DocumentInput {
                valid_until: Some("2024-12-31".into()),
                ..input("标题", "x〔2025〕1号", Category::Rule, "2025-01-01")
            },
            "有效期至：2024-12-31 早于发布日期 2025-01-01",
        ),
        (
            DocumentInput {
                drafting_department: "不存在的局".into(),
                ..input("标题", "x〔2025〕1号", Category::Rule, "2025-01-01")
            },
            "起草部门：“不存在的局”不在部门列表中",
        ),
    ];
    for (i, want) in cases {
        let (code, msg) = err_code(documents::create(&mut l, &i, W).unwrap_err());
        assert_eq!(code, ErrorCode::Validation, "{msg}");
        assert!(msg.contains(want), "want “{want}” in “{msg}”");
    }
    assert_eq!(documents::count(&l).unwrap(), 0, "nothing was written");
}

#[test]
fn a_duplicate_doc_number_for_the_same_issuer_is_a_conflict() {
    let (_dir, mut l) = ledger();
    let id =
        documents::create(&mut l, &input("甲", "长净管办[2019]41号", Category::Normative, "2019-07-04"), W).unwrap();
    assert_eq!(detail(&l, id).document.doc_number, "长净管办〔2019〕41号");
    let (code, msg) = err_code(
        documents::create(&mut l, &input("乙", "长净管办（2019）41号", Category::Normative, "2019-07-05"), W)
            .unwrap_err(),
    );
    assert_eq!(code, ErrorCode::Conflict);
    assert!(msg.contains("文号") && msg.contains("《甲》"), "{msg}");
    // Another issuer may use the same number.
    let other = DocumentInput {
        issuer: "某某局".into(),
        ..input("丙", "长净管办〔2019〕41号", Category::Normative, "2019-07-05")
    };
    documents::create(&mut l, &other, W).unwrap();
    // Editing a document into another's number is refused too.
    let id2 =
        documents::create(&mut l, &input("丁", "长净管办〔2019〕42号", Category::Normative, "2019-07-05"), W).unwrap();
    let e = documents::update(&mut l, id2, &input("丁", "长净管办〔2019〕41号", Category::Normative, "2019-07-05"), W)
        .unwrap_err();
    assert_eq!(err_code(e).0, ErrorCode::Conflict);
}

#[test]
fn completeness_follows_the_elements_and_interpretations() {
    let (_dir, mut l) = ledger();
    let mut i = input("关于规范某事项的办法", "长净管规〔2025〕1号", Category::Rule, "2025-03-05");
    i.drafting_department = "规划局".into();
    let id = documents::create(&mut l, &i, W).unwrap();
    let doc = detail(&l, id).document;
    assert!(!doc.complete);
    assert_eq!(doc.missing, vec!["公开属性", "公开方式", "解读材料", "保密审查"]);
    assert_eq!(detail(&l, id).edits[0].changed, "登记");
    assert_eq!(detail(&l, id).history.len(), 1);
    assert_eq!(detail(&l, id).history[0].status, Status::InForce);

    i.disclosure = Some(Disclosure::Full);
    i.disclosure_mode = Some(DisclosureMode::Active);
    i.secrecy_reviewed = Some(true);
    i.secrecy_reviewer = "张三".into();
    let doc = documents::update(&mut l, id, &i, W).unwrap();
    assert_eq!(doc.missing, vec!["解读材料"]);
    let edits = detail(&l, id).edits;
    assert_eq!(edits.last().unwrap().changed, "公开属性、公开方式、保密审查");

    let late = InterpretationInput {
        title: "《办法》政策解读".into(),
        form: Some(InterpretationForm::Graphic),
        published_on: Some("2025-03-06".into()),
        url: String::new(),
    };
    let doc = documents::add_interpretation(&mut l, id, &late, W).unwrap();
    assert!(doc.complete, "{:?}", doc.missing);
    assert!(doc.unsynced_interpretation, "published a day after the document");
    let det = detail(&l, id);
    assert!(!det.interpretations[0].in_sync);
    assert_eq!(det.interpretations[0].form, InterpretationForm::Graphic);
    // Saving the same values records no edit.
    documents::update(&mut l, id, &i, W).unwrap();
    assert_eq!(detail(&l, id).edits.len(), edits.len());
    // 其他政策文件 carry no requirement.
    let other =
        documents::create(&mut l, &input("工作方案", "长净管办〔2025〕9号", Category::OtherPolicy, "2025-03-05"), W)
            .unwrap();
    assert!(detail(&l, other).document.complete);
}

#[test]
fn status_changes_are_history_rows_linked_to_the_amending_document() {
    let (_dir, mut l) = ledger();
    let old =
        documents::create(&mut l, &input("旧办法", "长净管规〔2020〕1号", Category::Rule, "2020-01-10"), W).unwrap();
    let new =
        documents::create(&mut l, &input("新办法", "长净管规〔2024〕2号", Category::Rule, "2024-05-10"), W).unwrap();
    let change = |status, date: &str, by: &str| StatusChangeInput {
        status: Some(status),
        date: date.into(),
        reason: "依新办法".into(),
        by_doc_number: by.into(),
    };
    let doc =
        documents::change_status(&mut l, old, &change(Status::Amended, "2023-01-01", "长净管规[2021]9号"), W).unwrap();
    assert_eq!(doc.status, Status::Amended);
    let doc =
        documents::change_status(&mut l, old, &change(Status::Repealed, "2024-05-10", "长净管规(2024)2号"), W).unwrap();
    assert_eq!((doc.status, doc.status_since), (Status::Repealed, Some(d("2024-05-10"))));
    let h = detail(&l, old).history;
    assert_eq!(
        h.iter().map(|r| r.status).collect::<Vec<_>>(),
        vec![Status::InForce, Status::Amended, Status::Repealed]
    );
    assert_eq!(h[1].by_document_id, None, "〔2021〕9号 is not in the register");
    assert_eq!(h[1].by_doc_number, "长净管规〔2021〕9号");
    assert_eq!(h[2].by_document_id, Some(new));
    assert_eq!(h[2].by_title.as_deref(), Some("新办法"));
    // Final statuses stay final.
    let (code, msg) =
        err_code(documents::change_status(&mut l, old, &change(Status::Amended, "2024-06-01", ""), W).unwrap_err());
    assert_eq!(code, ErrorCode::InvalidTransition, "{msg}");
    // A change dated before the current status is refused; so is one before publication.
    let (code, _) =
        err_code(documents::change_status(&mut l, new, &change(Status::Amended, "2024-05-01", ""), W).unwrap_err());
    assert_eq!(code, ErrorCode::Validation);
    documents::change_status(&mut l, new, &change(Status::Amended, "2024-08-01", ""), W).unwrap();
    let (code, _) =
        err_code(documents::change_status(&mut l, new, &change(Status::Repealed, "2024-07-01", ""), W).unwrap_err());
    assert_eq!(code, ErrorCode::InvalidTransition);
    let e = documents::change_status(
        &mut l,
        new,
        &StatusChangeInput { status: None, ..change(Status::Repealed, "2025-01-01", "") },
        W,
    );
    assert!(err_code(e.unwrap_err()).1.contains("状态"));
    let e = documents::change_status(&mut l, 999, &change(Status::Repealed, "2025-01-01", ""), W).unwrap_err();
    assert_eq!(err_code(e).0, ErrorCode::NotFound);
}

#[test]
fn a_returned_document_can_be_resubmitted_and_both_are_recorded() {
    let (_dir, mut l) = ledger();
    let id = documents::create(&mut l, &input("某规定", "长净管发〔2025〕3号", Category::Normative, "2025-04-01"), W)
        .unwrap();
    let r = |date: &str, reason: &str| ReturnInput { date: date.into(), reason: reason.into() };
    let e = documents::record_return(&mut l, id, &r("2025-03-20", ""), W).unwrap_err();
    assert!(err_code(e).1.contains("退文原因：不能为空"));
    let doc = documents::record_return(&mut l, id, &r("2025-03-20", "缺少解读材料"), W).unwrap();
    assert!(doc.awaiting_resubmission);
    assert_eq!(
        err_code(documents::record_return(&mut l, id, &r("2025-03-21", "再退"), W).unwrap_err()).0,
        ErrorCode::InvalidTransition
    );
    assert!(documents::list(&l, &filter()).unwrap().rows[0].awaiting_resubmission);
    let e = documents::record_resubmission(&mut l, id, &r("2025-03-19", ""), W).unwrap_err();
    assert!(err_code(e).1.contains("早于上一条退文记录"));
    let doc = documents::record_resubmission(&mut l, id, &r("2025-03-25", "已补齐解读材料"), W).unwrap();
    assert!(!doc.awaiting_resubmission);
    assert_eq!(
        err_code(documents::record_resubmission(&mut l, id, &r("2025-03-26", ""), W).unwrap_err()).0,
        ErrorCode::InvalidTransition
    );
    let kinds: Vec<_> = detail(&l, id).returns.iter().map(|r| (r.kind, r.date)).collect();
    assert_eq!(
        kinds,
        vec![(documents::ReturnKind::Returned, d("2025-03-20")), (documents::ReturnKind::Resubmitted, d("2025-03-25"))]
    );
}

fn sample_register(l: &mut Ledger) {
    let rows = [
        ("关于加强城市规划管理的通知", "长净管发〔2023〕1号", Category::Normative, "2023-02-01", "规划局", "城市规划"),
        ("关于财政资金管理的办法", "长净管规〔2024〕2号", Category::Rule, "2024-03-01", "财政局", ""),
        ("关于规划许可办理的规定", "长净管发〔2024〕3号", Category::Normative, "2024-06-01", "规划局", "含附件"),
        ("净月区绿化工作方案", "长净管办〔2025〕4号", Category::OtherPolicy, "2025-01-15", "", "备注里有城市规划"),
        ("关于预算编制的通知", "长净管发〔2025〕5号", Category::Normative, "2025-05-20", "财政局", ""),
    ];
    for (title, number, cat, date, dep, note) in rows {
        let mut i = input(title, number, cat, date);
        i.drafting_department = dep.into();
        i.note = note.into();
        if number.ends_with("3号") {
            i = complete(i);
        }
        documents::create(l, &i, W).unwrap();
    }
}

#[test]
fn search_filters_sort_and_pages_are_done_in_sql() {
    let (_dir, mut l) = ledger();
    sample_register(&mut l);
    let q = |s: &str| DocumentFilter { query: s.into(), ..filter() };
    // Trigram: any substring of three or more characters, in 文件名称, 文号 or 备注.
    assert_eq!(titles(&l, &q("城市规划")), vec!["净月区绿化工作方案", "关于加强城市规划管理的通知"]);
    assert_eq!(titles(&l, &q("许可办")), vec!["关于规划许可办理的规定"]);
    assert_eq!(titles(&l, &q("〔2024〕")).len(), 2);
    assert_eq!(titles(&l, &q("[2024]")).len(), 2, "brackets are normalised in the query too");
    // Shorter queries scan: two characters, one character.
    assert_eq!(titles(&l, &q("预算")), vec!["关于预算编制的通知"]);
    assert_eq!(titles(&l, &q("附")), vec!["关于规划许可办理的规定"]);
    assert_eq!(titles(&l, &q("规划 通知")), vec!["关于加强城市规划管理的通知"]);
    assert!(titles(&l, &q("不存在的内容")).is_empty());
    assert!(titles(&l, &q("%")).is_empty(), "LIKE wildcards are literal");

    let f = DocumentFilter { category: Some(Category::Normative), ..filter() };
    assert_eq!(titles(&l, &f).len(), 3);
    let f = DocumentFilter { year: Some(2024), ..filter() };
    assert_eq!(titles(&l, &f), vec!["关于规划许可办理的规定", "关于财政资金管理的办法"]);
    let deps = settings::departments(&l).unwrap();
    let planning = deps.iter().find(|d| d.name == "规划局").unwrap().id;
    let f = DocumentFilter { department_id: Some(planning), ..filter() };
    assert_eq!(titles(&l, &f).len(), 2);
    let f = DocumentFilter { complete: Some(true), ..filter() };
    assert_eq!(titles(&l, &f), vec!["净月区绿化工作方案", "关于规划许可办理的规定"]);
    let f = DocumentFilter { complete: Some(false), category: Some(Category::Normative), ..filter() };
    assert_eq!(titles(&l, &f).len(), 2);
    let f = DocumentFilter { status: Some(Status::Repealed), ..filter() };
    assert!(titles(&l, &f).is_empty());

    let f = DocumentFilter { sort: DocumentSort::DocNumber, descending: false, ..filter() };
    assert_eq!(
        documents::list(&l, &f).unwrap().rows.iter().map(|r| r.doc_number.clone()).collect::<Vec<_>>(),
        vec![
            "长净管办〔2025〕4号",
            "长净管发〔2023〕1号",
            "长净管发〔2024〕3号",
            "长净管发〔2025〕5号",
            "长净管规〔2024〕2号"
        ]
    );
    let page2 =
        documents::list(&l, &DocumentFilter { page: 2, page_size: 2, ..DocumentFilter::default() }).unwrap();
    assert_eq!(page2.total, 5);
    assert_eq!(page2.rows.iter().map(|r| r.published_on).collect::<Vec<_>>(), vec![d("2024-06-01"), d("2024-03-01")]);
    assert!(documents::list(&l, &DocumentFilter { page_size: 0, ..filter() }).is_err());
    assert_eq!(documents::years(&l).unwrap(), vec![2025, 2024, 2023]);

    // The index follows edits.
    let id = documents::list(&l, &q("预算编制")).unwrap().rows[0].id;
    let mut i = input("关于决算编制的通知", "长净管发〔2025〕5号", Category::Normative, "2025-05-20");
    i.drafting_department = "财政局".into();
    documents::update(&mut l, id, &i, W).unwrap();
    assert!(titles(&l, &q("预算编制")).is_empty());
    assert_eq!(titles(&l, &q("决算编制")), vec!["关于决算编制的通知"]);
}

#[test]
fn workbench_lists_portal_deadlines_and_expiring_documents() {
    let (_dir, mut l) = ledger();
    let mut a = complete(input("待上网文件", "长净管发〔2025〕10号", Category::Normative, "2025-03-05"));
    a.written_on = Some("2025-03-03".into());
    let a = documents::create(&mut l, &a, W).unwrap();
    let mut b = complete(input("已上网文件", "长净管发〔2025〕11号", Category::Normative, "2025-03-05"));
    b.portal_published_on = Some("2025-03-10".into());
    documents::create(&mut l, &b, W).unwrap();
    let mut c = complete(input("依申请公开文件", "长净管发〔2025〕12号", Category::Normative, "2025-03-05"));
    c.disclosure_mode = Some(DisclosureMode::OnRequest);
    c.valid_until = Some("2025-08-31".into());
    let c = documents::create(&mut l, &c, W).unwrap();
    let mut e = input("明年到期文件", "长净管发〔2025〕13号", Category::Normative, "2025-03-05");
    e.valid_until = Some("2026-03-31".into());
    documents::create(&mut l, &e, W).unwrap();

    let cal = Calendar::shipped();
    let w = documents::deadlines(&l, &cal, d("2025-03-20")).unwrap();
    assert_eq!(w.portal.iter().map(|i| i.id).collect::<Vec<_>>(), vec![a]);
    assert_eq!(w.portal[0].portal.as_ref().unwrap().due, d("2025-03-31"));
    assert_eq!(w.overdue, 0);
    assert_eq!(w.expiring.iter().map(|i| i.id).collect::<Vec<_>>(), vec![c]);
    assert_eq!(w.incomplete, 1);
    let w = documents::deadlines(&l, &cal, d("2025-04-01")).unwrap();
    assert_eq!(w.overdue, 1);
    assert_eq!(w.portal[0].portal.as_ref().unwrap().state, PortalState::Overdue);
    // Once on the portal it leaves the list.
    let mut a_in = complete(input("待上网文件", "长净管发〔2025〕10号", Category::Normative, "2025-03-05"));
    a_in.written_on = Some("2025-03-03".into());
    a_in.portal_published_on = Some("2025-04-02".into());
    documents::update(&mut l, a, &a_in, W).unwrap();
    assert!(documents::deadlines(&l, &cal, d("2025-04-03")).unwrap().portal.is_empty());
    assert_eq!(detail(&l, a).portal.unwrap().state, PortalState::Late);
}

fn contract_csv() -> Vec<u8> {
    for p in [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/contract/documents.csv"),
        "/work/shared/contract/documents.csv",
    ] {
        if let Ok(b) = std::fs::read(p) {
            return b;
        }
    }
    panic!("the shared contract sample documents.csv is missing");
}

#[test]
fn annual_figures_equal_a_hand_count_for_every_year_of_the_sample() {
    let (_dir, mut l) = ledger();
    let summary = documents::exchange::import(&mut l, &contract_csv()).unwrap();
    assert_eq!(summary.imported, 14);
    // Hand count from documents.csv (样本 numbers in brackets):
    //   规章: 1 (2024-07-20), 3 (2022-11-29, 废止 2023-07-02), 7 (2022-02-03, 废止 2023-08-04), 9 (2025-09-12)
    //   规范性: 2, 4, 10, 12 (2025); 5, 8 (2024); 6, 11 (2023); 13 (2022, 废止 2022-11-19); 14 (2022, 废止 2023-06-20)
    let hand = [
        (2021, [0, 0, 0], [0, 0, 0]),
        (2022, [2, 0, 2], [2, 1, 1]),
        (2023, [0, 2, 0], [2, 1, 2]),
        (2024, [1, 0, 1], [2, 0, 4]),
        (2025, [1, 0, 2], [4, 0, 8]),
        (2026, [0, 0, 2], [0, 0, 8]),
    ];
    let check = |l: &Ledger, hand: &[(i32, [u32; 3], [u32; 3])]| {
        for (year, r, n) in hand {
            let f = documents::annual_figures(&l, *year).unwrap();
            assert_eq!([f.rules.issued, f.rules.repealed, f.rules.in_force], *r, "{year} 规章");
            assert_eq!([f.normative.issued, f.normative.repealed, f.normative.in_force], *n, "{year} 行政规范性文件");
        }
    };
    check(&l, &hand);
    // Repeal 样本5 in 2025 and let 样本6 expire by its 有效期至 (2025-06-30): the figures follow history.
    let id_of = |l: &Ledger, number: &str| {
        documents::list(&l, &DocumentFilter { query: number.into(), ..filter() }).unwrap().rows[0].id
    };
    let five = id_of(&l, "长净管发〔2024〕5号");
    let change = StatusChangeInput { status: Some(Status::Repealed), date: "2025-05-01".into(), ..Default::default() };
    documents::change_status(&mut l, five, &change, W).unwrap();
    let six = id_of(&l, "长净管发〔2023〕6号");
    let detail6 = detail(&l, six).document;
    let mut i = input(&detail6.title, &detail6.doc_number, Category::Normative, "2023-12-14");
    i.written_on = Some("2023-12-14".into());
    i.effective_on = Some("2023-12-14".into());
    i.drafting_department = "教育局".into();
    i.valid_until = Some("2025-06-30".into());
    i.disclosure = Some(Disclosure::Full);
    i.disclosure_mode = Some(DisclosureMode::Active);
    i.secrecy_reviewed = Some(true);
    documents::update(&mut l, six, &i, W).unwrap();
    check(&l, &[(2024, [1, 0, 1], [2, 0, 4]), (2025, [1, 0, 2], [4, 1, 6]), (2026, [0, 0, 2], [0, 0, 6])]);
    assert!(documents::annual_figures(&l, 20250).is_err());
}

#[test]
fn import_reads_utf8_gbk_and_excel_and_exports_back() {
    let (_dir, mut l) = ledger();
    let text = String::from_utf8(contract_csv()).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    assert!(std::str::from_utf8(&gbk).is_err(), "the GBK file is not accidentally UTF-8");
    let summary = documents::exchange::import(&mut l, &gbk).unwrap();
    assert_eq!(summary.imported, 14);
    assert_eq!(summary.incomplete, 14, "no 解读材料 column: every document lacks it");
    assert_eq!(summary.added_departments, vec!["社会发展局", "教育局", "经济发展局"], "规划局 and 财政局 existed");
    assert!(summary.lines()[0] == "已导入 14 件文件");
    let names: Vec<String> = settings::departments(&l).unwrap().into_iter().map(|d| d.name).collect();
    assert!(names.contains(&"教育局".to_string()));

    // Export to .xlsx (dates as Excel date cells) and import into a fresh ledger: same register.
    let xlsx =
        documents::exchange::export_xlsx(&l, &DocumentFilter { descending: false, ..DocumentFilter::default() }).unwrap();
    assert!(xlsx.starts_with(b"PK"));
    let (_dir2, mut l2) = ledger();
    let again = documents::exchange::import(&mut l2, &xlsx).unwrap();
    assert_eq!(again.imported, 14);
    assert!(again.ignored_columns.is_empty(), "{:?}", again.ignored_columns);
    for year in 2022..=2026 {
        assert_eq!(
            documents::annual_figures(&l, year).unwrap(),
            documents::annual_figures(&l2, year).unwrap()
        );
    }
    let a = documents::list(&l, &filter()).unwrap().rows;
    let b = documents::list(&l2, &filter()).unwrap().rows;
    let key = |r: &documents::Document| {
        (r.doc_number.clone(), r.published_on, r.written_on, r.status, r.status_since, r.missing.clone())
    };
    assert_eq!(a.iter().map(key).collect::<Vec<_>>(), b.iter().map(key).collect::<Vec<_>>());
    // Importing the export into the ledger it came from is refused: every 文号 is there already.
    let e = documents::exchange::import(&mut l, &xlsx).unwrap_err();
    let (code, msg) = err_code(e);
    assert_eq!(code, ErrorCode::Conflict);
    assert!(msg.starts_with("导入失败，未写入任何记录。共 14 处问题"), "{msg}");

    let template = documents::exchange::template_xlsx().unwrap();
    let e = documents::exchange::import(&mut l2, &template).unwrap_err();
    assert!(err_code(e).1.contains("没有文件记录"));
}

const HEAD: &str = "文件名称,文号,类别,制发机关,起草部门,成文日期,发布日期,施行日期,有效期至,状态,状态变更日期,公开属性,公开方式,保密审查,解读材料,备注";

#[test]
fn import_rows_carry_interpretations_and_any_bad_row_refuses_the_whole_file() {
    let (_dir, mut l) = ledger();
    let good = format!(
        "{HEAD}\n\
         关于甲的办法,长净管规[2025]1号,规章,{ORGAN},规划局,2025/3/1,2025年3月3日,2025-04-01,,现行有效,,全文公开,主动公开,是,《办法》解读|图解|2025-03-03|http://x/1；答记者问|问答,\n\
         关于乙的通知,长净管发〔2025〕2号,行政规范性文件,{ORGAN},新设局,2025-03-01,2025-03-02,,,已修改,2025-06-01,删减后公开,依申请公开,否,,备注文字\n"
    );
    let s = documents::exchange::import(&mut l, good.as_bytes()).unwrap();
    assert_eq!((s.imported, s.incomplete), (2, 1));
    assert_eq!(s.added_departments, vec!["新设局"]);
    let rows =
        documents::list(&l, &DocumentFilter { descending: false, sort: DocumentSort::DocNumber, ..filter() })
            .unwrap()
            .rows;
    let first = rows.iter().find(|r| r.doc_number == "长净管规〔2025〕1号").unwrap();
    assert!(first.complete, "{:?}", first.missing);
    assert_eq!(first.interpretation_count, 2);
    let det = detail(&l, first.id);
    assert_eq!(
        det.interpretations.iter().map(|i| i.form).collect::<Vec<_>>(),
        vec![InterpretationForm::Graphic, InterpretationForm::Qa]
    );
    assert_eq!(det.document.written_on, Some(d("2025-03-01")));
    assert_eq!(det.document.published_on, d("2025-03-03"));
    let second = rows.iter().find(|r| r.doc_number == "长净管发〔2025〕2号").unwrap();
    assert_eq!((second.status, second.status_since), (Status::Amended, Some(d("2025-06-01"))));
    assert_eq!(second.missing, vec!["不予全文公开的理由", "解读材料", "保密审查"]);

    let before = documents::count(&l).unwrap();
    let deps_before = settings::departments(&l).unwrap().len();
    let bad = format!(
        "{HEAD}\n\
         好的一行,长净管发〔2025〕20号,规章,{ORGAN},又一个新局,,2025-01-01,,,,,,,,,\n\
         ,长净管发〔2025〕21号,规章,{ORGAN},,,2025-01-01,,,,,,,,,\n\
         丙,长净管发〔2025〕22号,通知,{ORGAN},,,2025-02-30,,,已废止,,,,也许,解读|动画,\n\
         丁,长净管发〔2025〕20号,规章,{ORGAN},,,2025-01-01,,,,,,,,,\n"
    );
    let (code, msg) = err_code(documents::exchange::import(&mut l, bad.as_bytes()).unwrap_err());
    assert_eq!(code, ErrorCode::Validation);
    for want in [
        "第3行“文件名称”：不能为空",
        "第4行“类别”：“通知”无法识别",
        "第4行“发布日期”：“2025-02-30”不是有效日期",
        "第4行“状态变更日期”：状态为“已废止”时必须填写",
        "第4行“保密审查”：“也许”无法识别",
        "第4行“解读材料”：形式“动画”无法识别",
        "第5行“文号”：“长净管发〔2025〕20号”与第2行重复",
    ] {
        assert!(msg.contains(want), "want “{want}” in:\n{msg}");
    }
    assert_eq!(documents::count(&l).unwrap(), before, "nothing imported");
    assert_eq!(settings::departments(&l).unwrap().len(), deps_before, "no department added either");

    let missing_column = "文件名称,文号,类别,发布日期\n甲,x〔2025〕1号,规章,2025-01-01\n";
    let msg = err_code(documents::exchange::import(&mut l, missing_column.as_bytes()).unwrap_err()).1;
    assert!(msg.contains("第1行：缺少必需的列“制发机关”"), "{msg}");
    let extra =
        format!("序号,{HEAD},联系人\n1,戊,长净管发〔2025〕30号,其他政策文件,{ORGAN},,,2025-01-01,,,,,,,,,,张三\n");
    let s = documents::exchange::import(&mut l, extra.as_bytes()).unwrap();
    assert_eq!(s.ignored_columns, vec!["联系人"]);
    let not_text = [0xFFu8, 0xFE, 0x00, 0x41, 0x81];
    assert!(err_code(documents::exchange::import(&mut l, &not_text).unwrap_err()).1.contains("编码"));
}

#[test]
fn the_register_reads_only_what_a_page_needs_at_a_hundred_thousand_documents() {
    let (_dir, l) = ledger();
    // Bulk rows straight in SQL from outside the app (the triggers keep the full-text index as for
    // any insert; the audit log, installed per connection by the app, is not what this measures).
    outside(&l)
        .execute_batch(
            "BEGIN IMMEDIATE;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
             INSERT INTO document (title, doc_number, category, issuer, published_on, missing, source, created_at, updated_at)
             SELECT '关于第' || i || '项工作的' || CASE i % 3 WHEN 0 THEN '通知' WHEN 1 THEN '意见' ELSE '办法' END,
                    '长净管发〔' || (2015 + i % 11) || '〕' || i || '号',
                    CASE i % 3 WHEN 0 THEN 'rule' WHEN 1 THEN 'normative' ELSE 'other_policy' END,
                    '长春净月高新技术产业开发区管理委员会',
                    printf('%04d-%02d-%02d', 2015 + i % 11, 1 + i % 12, 1 + i % 28),
                    CASE WHEN i % 2 = 0 THEN '解读材料' ELSE '' END, 'import', '2025-01-01 00:00:00', '2025-01-01 00:00:00'
               FROM n;
             COMMIT;",
        )
        .unwrap();
    // Counted in page requests to SQLite's pager (cache hits included: a deterministic figure), not
    // in wall time; how fast is the benchmark's business. A word found through the full-text index
    // touches a few hundred pages; a filter that must count its total, or a two-character word the
    // trigram index cannot serve, passes over the register a bounded number of times; the year's
    // figures take a handful of passes. What this catches is work per row that grows with the
    // register (a lookup per document, a sort repeated per page): that costs thousands of passes.
    let file_pages = outside(&l).query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0)).unwrap() as u64;
    let mut fetched = Vec::new();
    let mut mark = l.pages_fetched();
    let mut measure = |l: &Ledger, what: &str, bound: u64| {
        let now = l.pages_fetched();
        fetched.push((what.to_string(), now - mark, bound));
        mark = now;
    };
    let page =
        documents::list(&l, &DocumentFilter { query: "第12345项".into(), ..DocumentFilter::default() }).unwrap();
    assert_eq!(page.total, 1);
    measure(&l, "检索一个词", file_pages / 20);
    let page = documents::list(
        &l,
        &DocumentFilter {
            category: Some(Category::Rule),
            year: Some(2020),
            complete: Some(false),
            page: 3,
            ..DocumentFilter::default()
        },
    )
    .unwrap();
    assert!(page.total > 1000 && page.rows.len() == 20);
    measure(&l, "按类别、年度、要件筛选的第 3 页", 3 * file_pages);
    let page =
        documents::list(&l, &DocumentFilter { query: "办法".into(), page: 100, ..DocumentFilter::default() })
            .unwrap();
    assert_eq!(page.rows.len(), 20);
    measure(&l, "检索常见词的第 100 页", 3 * file_pages);
    documents::annual_figures(&l, 2025).unwrap();
    measure(&l, "年度数字", 15 * file_pages);
    eprintln!("file pages {file_pages}, fetched {fetched:?}");
    for (what, pages, bound) in &fetched {
        assert!(pages < bound, "{what} asked for {pages} pages of a {file_pages}-page file (bound {bound})");
    }
}

#[test]
fn import_reports_validating_row_by_row_then_writing_up_to_the_last_row() {
    use gongkai_ledger::progress::{ImportProgress, ImportStage, Progress};
    let (_dir, mut l) = ledger();
    let csv = contract_csv();
    let mut seen: Vec<ImportProgress> = Vec::new();
    let mut sink = |p: ImportProgress| seen.push(p);
    let summary = documents::exchange::import_with(&mut l, &csv, &mut Progress::new(&mut sink)).unwrap();
    let rows = summary.imported;
    // Validating reports every row of a file under 100 rows; writing goes in chunks (issue 22:
    // set-wise statements), reported from 0 to the last row, only forward, after every row is checked.
    let validating: Vec<(u32, u32)> =
        seen.iter().filter(|p| p.stage == ImportStage::Validating).map(|p| (p.done, p.total)).collect();
    assert_eq!(validating, (0..=rows).map(|n| (n, rows)).collect::<Vec<_>>());
    let first_write = seen.iter().position(|p| p.stage == ImportStage::Writing).unwrap();
    assert!(seen[..first_write].iter().all(|p| p.stage == ImportStage::Validating), "all rows are checked before any is written");
    let writing: Vec<(u32, u32)> = seen[first_write..].iter().map(|p| (p.done, p.total)).collect();
    assert!(seen[first_write..].iter().all(|p| p.stage == ImportStage::Writing));
    assert_eq!(writing.first(), Some(&(0, rows)));
    assert_eq!(writing.last(), Some(&(rows, rows)));
    assert!(writing.windows(2).all(|w| w[0].0 < w[1].0), "progress only moves forward");

    // A refused file never reaches the writing stage.
    let (_dir2, mut l2) = ledger();
    let bad = "文件名称,文号,类别,制发机关,发布日期\n甲,甲〔2025〕1号,规章,某局,2025-02-30\n";
    let mut seen2: Vec<ImportProgress> = Vec::new();
    let mut sink2 = |p: ImportProgress| seen2.push(p);
    assert!(documents::exchange::import_with(&mut l2, bad.as_bytes(), &mut Progress::new(&mut sink2)).is_err());
    assert!(seen2.iter().all(|p| p.stage == ImportStage::Validating));
    assert_eq!(seen2.last().map(|p| (p.done, p.total)), Some((1, 1)));
}

#[test]
fn reasons_and_reviewer_columns_import_and_survive_an_export_round_trip() {
    let (_dir, mut l) = ledger();
    let csv = format!(
        "{HEAD},不全文公开理由,保密审查人,保密审查日期,无需解读理由\n\
         关于丙的办法,长净管规〔2025〕7号,规章,{ORGAN},规划局,2025-03-01,2025-03-05,,,现行有效,,删减后公开,主动公开,是,,,涉及第三方商业秘密的附件删除后公开,李审,2025年3月2日,属于内部程序性规定\n\
         关于丁的通知,长净管发〔2025〕8号,行政规范性文件,{ORGAN},规划局,2025-03-01,2025-03-05,,,现行有效,,删减后公开,主动公开,是,,,,,,\n"
    );
    let s = documents::exchange::import(&mut l, csv.as_bytes()).unwrap();
    assert_eq!((s.imported, s.incomplete), (2, 1), "the row without reasons is the incomplete one");
    let rows = documents::list(&l, &filter()).unwrap().rows;
    let bing = rows.iter().find(|r| r.doc_number == "长净管规〔2025〕7号").unwrap();
    assert!(bing.complete, "{:?}", bing.missing);
    assert_eq!(bing.disclosure_reason, "涉及第三方商业秘密的附件删除后公开");
    assert_eq!(bing.secrecy_reviewer, "李审");
    assert_eq!(bing.secrecy_reviewed_on, Some(d("2025-03-02")));
    assert_eq!(bing.no_interpretation_reason.as_deref(), Some("属于内部程序性规定"));
    let ding = rows.iter().find(|r| r.doc_number == "长净管发〔2025〕8号").unwrap();
    assert!(!ding.complete);

    // The export carries the same columns, so the round trip keeps the document complete.
    let xlsx = documents::exchange::export_xlsx(&l, &filter()).unwrap();
    let (_dir2, mut l2) = ledger();
    let again = documents::exchange::import(&mut l2, &xlsx).unwrap();
    assert_eq!((again.imported, again.incomplete), (2, 1));
    assert!(again.ignored_columns.is_empty(), "{:?}", again.ignored_columns);
    let key = |r: &documents::Document| {
        (
            r.doc_number.clone(),
            r.complete,
            r.disclosure_reason.clone(),
            r.secrecy_reviewer.clone(),
            r.secrecy_reviewed_on,
            r.no_interpretation_reason.clone(),
        )
    };
    let mut a: Vec<_> = rows.iter().map(key).collect();
    let mut b: Vec<_> = documents::list(&l2, &filter()).unwrap().rows.iter().map(key).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

/// Issue 22: a search counts up to a thousand matches ("1,000+ 条") unless asked for all or paged
/// to the thousandth, and each page is the very slice of the whole sorted result (as the export
/// sorts it), whether the page walks the sort order's index or sorts the matches.
#[test]
fn a_search_counts_a_thousand_and_pages_through_the_order_asked_for() {
    let (_dir, l) = ledger();
    outside(&l)
        .execute_batch(
            "BEGIN IMMEDIATE;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
             INSERT INTO document (title, doc_number, category, issuer, published_on, source, created_at, updated_at)
             SELECT '关于第' || i || '项工作的' || CASE i % 3 WHEN 0 THEN '通知' WHEN 1 THEN '意见' ELSE '管理办法' END
                        || CASE WHEN i % 500 = 7 THEN '（垃圾分类）' ELSE '' END,
                    '长净管发〔' || (2015 + i % 11) || '〕' || i || '号',
                    CASE i % 4 WHEN 0 THEN 'rule' WHEN 1 THEN 'normative' ELSE 'other_policy' END,
                    '长春净月高新技术产业开发区管理委员会',
                    -- dates unrelated to the order of entry, with ties
                    date('2010-01-01', '+' || ((i * 7919) % 3000) || ' days'),
                    'import', '2025-01-01 00:00:00', '2025-01-01 00:00:00'
               FROM n;
             COMMIT;",
        )
        .unwrap();
    let ids = |rows: &[documents::Document]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
    let whole = |f: &DocumentFilter| ids(&documents::list_all(&l, f).unwrap().into_iter().map(|(d, _)| d).collect::<Vec<_>>());
    let page = |f: &DocumentFilter, p: u32| documents::list(&l, &DocumentFilter { page: p, ..f.clone() }).unwrap();

    // 2,000 matches, sorted by 发布日期 (newest first, as the list opens): a thousand counted.
    let search = DocumentFilter { query: "管理办法".into(), ..DocumentFilter::default() };
    let all = whole(&search);
    assert_eq!(all.len(), 2000);
    let first = page(&search, 1);
    assert_eq!((first.total, first.total_capped), (1000, true));
    assert_eq!(ids(&first.rows), all[..20]);
    let p = page(&search, 49);
    assert_eq!((p.total, p.total_capped, ids(&p.rows)), (1000, true, all[960..980].to_vec()));
    // The page that reaches the thousandth match counts them all, and so does asking.
    let p = page(&search, 50);
    assert_eq!((p.total, p.total_capped, ids(&p.rows)), (2000, false, all[980..1000].to_vec()));
    let p = page(&search, 100);
    assert_eq!((p.total, p.total_capped, ids(&p.rows)), (2000, false, all[1980..].to_vec()));
    let exact = documents::list(&l, &DocumentFilter { exact_total: true, ..search.clone() }).unwrap();
    assert_eq!((exact.total, exact.total_capped, ids(&exact.rows)), (2000, false, all[..20].to_vec()));

    // Every order, ascending and descending, with a filter or a two-character word (no trigram).
    for sort in [DocumentSort::PublishedOn, DocumentSort::DocNumber, DocumentSort::Title, DocumentSort::WrittenOn, DocumentSort::UpdatedAt] {
        for descending in [true, false] {
            for f in [
                DocumentFilter { sort, descending, ..search.clone() },
                DocumentFilter { sort, descending, category: Some(Category::Rule), ..search.clone() },
                DocumentFilter { sort, descending, query: "办法".into(), page_size: 50, ..DocumentFilter::default() },
            ] {
                let all = whole(&f);
                for p in [1, 3, 20] {
                    let from = ((p - 1) * f.page_size) as usize;
                    let want = all[from.min(all.len())..(from + f.page_size as usize).min(all.len())].to_vec();
                    assert_eq!(ids(&page(&f, p).rows), want, "{f:?} page {p}");
                }
            }
        }
    }
    // Few matches: counted exactly, sorted as asked.
    let rare = DocumentFilter { query: "垃圾分类".into(), ..DocumentFilter::default() };
    let p = page(&rare, 1);
    assert_eq!((p.total, p.total_capped), (12, false));
    assert_eq!(ids(&p.rows), whole(&rare));
    // Without search words the count is exact, however large.
    let p = page(&DocumentFilter::default(), 1);
    assert_eq!((p.total, p.total_capped), (6000, false));
}
