//! Personal data leaving the ledger leaves one 台账事件 each time, with who, what and how many;
//! a masked export leaves none, and content that was never written is never recorded.

use chrono::NaiveDate;
use gongkai_app::access;
use gongkai_core::identity::IdKind;
use gongkai_core::request::Channel;
use gongkai_core::taxonomy::ApplicantType;
use gongkai_ledger::audit::events::{self, EventKind, LedgerEvent};
use gongkai_ledger::requests::{self, Actor, RequestFilter, RequestInput};
use gongkai_ledger::Ledger;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn actor() -> Actor {
    Actor { operator: "测试员".into(), now: d("2025-06-02").and_hms_opt(10, 0, 0).unwrap() }
}

fn input() -> RequestInput {
    RequestInput {
        number: String::new(),
        applicant_type: ApplicantType::NaturalPerson,
        applicant_name: "王小明".into(),
        id_kind: IdKind::ResidentId,
        id_number: "11010519491231002X".into(),
        contact: "13912345678".into(),
        address: "某市某区某路1号".into(),
        channel: Channel::InPerson,
        received_date: "2025-06-02".into(),
        content: "申请公开某某道路改造工程的立项批复文件".into(),
        document_ref: String::new(),
        document_id: None,
        form_wanted: "纸质".into(),
        delivery_wanted: "邮寄".into(),
    }
}

/// A ledger with three requests, its 操作人 张三.
fn ledger() -> (tempfile::TempDir, Ledger, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::open(&dir.path().join("l.db")).unwrap();
    let numbers = (0..3).map(|_| requests::register(&mut l, &input(), &actor()).unwrap()).collect();
    l.set_operator("张三").unwrap();
    (dir, l, numbers)
}

/// Every 台账事件 but the upgrade that created the ledger (recorded when any ledger is opened new).
fn all_events(l: &Ledger) -> Vec<LedgerEvent> {
    events::list(l, None, 100).unwrap().into_iter().filter(|e| e.kind != "upgrade").collect()
}

#[test]
fn an_unmasked_export_leaves_one_event_with_the_count_once_written() {
    let (dir, mut l, numbers) = ledger();
    let out = access::request_export(&l, &RequestFilter::default(), d("2025-06-02"), true).unwrap();
    assert_eq!(out.records, 3);
    assert!(out.is_recorded());
    assert!(all_events(&l).is_empty(), "nothing is recorded before the file is written");
    let target = dir.path().join(&out.name);
    std::fs::write(&target, &out.bytes).unwrap();
    out.written(&mut l, &target).unwrap();

    let events = all_events(&l);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.kind, EventKind::ExportUnmasked.code());
    assert_eq!(e.kind_label, "导出完整个人信息");
    assert_eq!(e.operator, "张三", "who: the ledger's 操作人");
    assert_eq!(e.records, 3, "how many");
    assert!(e.detail.contains("筛选：全部"), "{}", e.detail);
    assert!(numbers.iter().all(|n| e.detail.contains(n.as_str())), "which requests: {}", e.detail);
    assert!(e.detail.contains(&out_name(&target)), "where to: {}", e.detail);
}

fn out_name(p: &std::path::Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn an_unmasked_export_names_its_filter() {
    let (dir, mut l, _) = ledger();
    let filter = RequestFilter { year: Some(2025), query: "道路".into(), ..RequestFilter::default() };
    let out = access::request_export(&l, &filter, d("2025-06-02"), true).unwrap();
    let target = dir.path().join("x.xlsx");
    out.written(&mut l, &target).unwrap();
    let detail = &all_events(&l)[0].detail;
    assert!(detail.contains("关键词“道路”") && detail.contains("2025年收到"), "{detail}");
}

#[test]
fn a_masked_export_leaves_none() {
    let (dir, mut l, _) = ledger();
    let out = access::request_export(&l, &RequestFilter::default(), d("2025-06-02"), false).unwrap();
    assert_eq!(out.records, 3);
    assert!(!out.is_recorded());
    out.written(&mut l, &dir.path().join("x.xlsx")).unwrap();
    assert!(all_events(&l).is_empty());
}

#[test]
fn an_attachment_save_leaves_one() {
    let (dir, mut l, numbers) = ledger();
    let att = requests::add_attachment(&mut l, &numbers[1], "申请表.pdf", b"%PDF-1.4 form", &actor()).unwrap();
    let out = access::attachment_save(&l, att.id).unwrap();
    assert_eq!(out.name, "申请表.pdf");
    assert_eq!(out.bytes, b"%PDF-1.4 form");
    let target = dir.path().join("另存的申请表.pdf");
    out.written(&mut l, &target).unwrap();
    let events = all_events(&l);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.kind, EventKind::AttachmentSave.code());
    assert_eq!(e.records, 1);
    assert!(e.detail.contains(&numbers[1]) && e.detail.contains("申请表.pdf") && e.detail.contains("另存的申请表.pdf"), "{}", e.detail);
}


#[test]
fn a_batch_print_names_its_letters() {
    let (dir, mut l, _) = ledger();
    let names: Vec<String> = (1..=25).map(|i| format!("答复书{i}.pdf")).collect();
    let out = access::letters_print(b"%PDF".to_vec(), "待出具告知书", &names);
    out.written(&mut l, &dir.path().join("p.pdf")).unwrap();
    let e = &all_events(&l)[0];
    assert_eq!((e.kind.as_str(), e.records), (EventKind::Print.code(), 25));
    assert!(e.detail.contains("答复书1.pdf") && e.detail.contains("等 25 件") && !e.detail.contains("答复书25.pdf"), "{}", e.detail);
}

/// Saving a 工作要点 evidence file as a copy is recorded like a request's attachment, naming the
/// plan's year, the task and the unit.
#[test]
fn an_evidence_save_leaves_one() {
    let (dir, mut l, _) = ledger();
    let parsed = gongkai_core::workplan::parse_plan("一、主动公开\n（一）公开预决算\n责任单位：财政局\n");
    let options = gongkai_ledger::plans::PlanSaveOptions { add_units: true, ..Default::default() };
    gongkai_ledger::plans::save_plan(&mut l, 2025, &parsed, &options, &actor()).unwrap();
    let input = gongkai_ledger::plans::ProgressInput {
        year: 2025,
        seq: 1,
        unit_name: "财政局".into(),
        state: gongkai_core::workplan::TaskState::Done,
        on_date: "2025-06-01".into(),
        note: String::new(),
        link: String::new(),
    };
    let file = gongkai_ledger::plans::EvidenceFile { file_name: "公开截图.png", bytes: b"png bytes" };
    gongkai_ledger::plans::record_progress_with(&mut l, &input, Some(file), &actor()).unwrap();
    let id = gongkai_ledger::plans::plan(&l, 2025, d("2025-06-02")).unwrap().tasks[0].pairs[0].notes[0].evidence.as_ref().unwrap().id;
    let out = access::evidence_save(&l, id).unwrap();
    assert_eq!((out.name.as_str(), out.bytes.as_slice()), ("公开截图.png", b"png bytes".as_slice()));
    assert!(out.is_recorded());
    out.written(&mut l, &dir.path().join("另存.png")).unwrap();
    let events = all_events(&l);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, EventKind::AttachmentSave.code());
    assert!(events[0].detail.contains("2025 年工作要点任务 1（财政局）") && events[0].detail.contains("公开截图.png"), "{}", events[0].detail);
}
