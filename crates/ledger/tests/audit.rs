//! The audit trail: every change is logged with its operator; edits behind the app's back, to a
//! row or to the log itself, are caught by `verify`.

use gongkai_ledger::{audit, settings, Ledger};
use rusqlite::Connection;

fn ledger_with_data(dir: &tempfile::TempDir) -> (std::path::PathBuf, Ledger) {
    let path = dir.path().join("a.db");
    let mut l = Ledger::open(&path).unwrap();
    l.set_operator("张三").unwrap();
    settings::save_organ_name(&mut l, "某区人民政府办公室").unwrap();
    settings::save_departments(&mut l, &["信息中心".into(), "规划局".into()]).unwrap();
    settings::save_departments(&mut l, &["规划局".into()]).unwrap();
    (path, l)
}

/// A connection without the app's triggers: what the sqlite3 shell would be.
fn behind_the_back(path: &std::path::Path) -> Connection {
    Connection::open(path).unwrap()
}

#[test]
fn changes_are_logged_with_operator_and_the_chain_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (_, l) = ledger_with_data(&dir);
    let report = audit::verify(&l).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.entries >= 5, "{report:?}");
    let entries = audit::list(&l, &audit::AuditFilter { limit: 100, ..Default::default() }).unwrap().entries;
    let clerks: Vec<_> = entries.iter().filter(|e| e.table_name == "setting" || e.table_name == "department").collect();
    assert!(clerks.len() >= 4 && clerks.iter().all(|e| e.operator == "张三"), "{clerks:?}");
    let retire = entries
        .iter()
        .find(|e| {
            let after = e.after.as_deref().unwrap_or("");
            e.table_name == "department" && e.action == "update" && after.contains("信息中心") && after.contains("\"retired\":1")
        })
        .expect("retiring 信息中心 is logged as an update");
    assert!(retire.before.as_deref().unwrap().contains("\"retired\":0"));
}

#[test]
fn a_row_edited_behind_the_apps_back_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, l) = ledger_with_data(&dir);
    drop(l);
    behind_the_back(&path).execute("UPDATE setting SET value = '伪造机关' WHERE key = 'organ_name'", []).unwrap();
    let l = Ledger::open(&path).unwrap();
    let report = audit::verify(&l).unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(report.problems[0].contains("setting 表"), "{}", report.problems[0]);
}

#[test]
fn a_row_inserted_or_deleted_behind_the_apps_back_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, l) = ledger_with_data(&dir);
    drop(l);
    let raw = behind_the_back(&path);
    raw.execute("INSERT INTO department (name) VALUES ('暗加部门')", []).unwrap();
    raw.execute("DELETE FROM setting WHERE key = 'organ_name'", []).unwrap();
    drop(raw);
    let l = Ledger::open(&path).unwrap();
    let problems = audit::verify(&l).unwrap().problems;
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("没有审计记录")));
    assert!(problems.iter().any(|p| p.contains("被绕过程序删除")));
}

#[test]
fn an_audit_entry_edited_or_removed_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, l) = ledger_with_data(&dir);
    drop(l);
    // The log refuses the edit itself; an editor drops the append-only trigger first.
    let raw = behind_the_back(&path);
    assert!(raw.execute("UPDATE audit_log SET operator = '李四' WHERE id = 2", []).is_err(), "audit_log is append-only");
    raw.execute_batch("DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET operator = '李四' WHERE id = 2;").unwrap();
    drop(raw);
    let l = Ledger::open(&path).unwrap();
    let problems = audit::verify(&l).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("审计日志第 2 条")), "{problems:?}");
    drop(l);

    let dir = tempfile::tempdir().unwrap();
    let (path, l) = ledger_with_data(&dir);
    drop(l);
    let raw = behind_the_back(&path);
    assert!(raw.execute("DELETE FROM audit_log WHERE id = 3", []).is_err(), "audit_log is append-only");
    raw.execute_batch("DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log WHERE id = 3;").unwrap();
    drop(raw);
    let l = Ledger::open(&path).unwrap();
    let problems = audit::verify(&l).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("审计日志第 4 条")), "{problems:?}");
}

#[test]
fn a_no_op_update_is_not_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut l) = ledger_with_data(&dir);
    let before = audit::verify(&l).unwrap().entries;
    settings::save_organ_name(&mut l, "某区人民政府办公室").unwrap();
    assert_eq!(audit::verify(&l).unwrap().entries, before);
}

#[test]
fn the_log_view_filters_pages_in_sql_and_masks_personal_data() {
    use chrono::NaiveDate;
    use gongkai_core::identity::IdKind;
    use gongkai_core::request::Channel;
    use gongkai_core::taxonomy::ApplicantType;
    use gongkai_ledger::requests::{self, Actor, RequestInput};
    let dir = tempfile::tempdir().unwrap();
    let (_, mut l) = ledger_with_data(&dir);
    l.set_operator("李四").unwrap();
    let actor = Actor { operator: "李四".into(), now: NaiveDate::from_ymd_opt(2025, 6, 2).unwrap().and_hms_opt(9, 0, 0).unwrap() };
    let input = RequestInput {
        number: "YSQ-2025-0042".into(),
        applicant_type: ApplicantType::NaturalPerson,
        applicant_name: "王小明".into(),
        id_kind: IdKind::ResidentId,
        id_number: "11010519491231002X".into(),
        contact: "13912345678".into(),
        address: String::new(),
        channel: Channel::InPerson,
        received_date: "2025-06-02".into(),
        content: "申请公开某道路工程的批复".into(),
        document_ref: String::new(),
        document_id: None,
        form_wanted: String::new(),
        delivery_wanted: String::new(),
    };
    requests::register(&mut l, &input, &actor).unwrap();
    let all = audit::list(&l, &audit::AuditFilter { limit: 500, ..Default::default() }).unwrap();
    assert_eq!(all.total as usize, all.entries.len());
    assert!(all.operators.contains(&"张三".to_string()) && all.operators.contains(&"李四".to_string()), "{:?}", all.operators);
    assert!(all.tables.contains(&"request".to_string()));

    let by_record = audit::list(&l, &audit::AuditFilter { record: Some("YSQ-2025-0042".into()), limit: 50, ..Default::default() }).unwrap();
    // The request row, and (issue 23) its events, which carry only the row id, found by the number.
    let tables: Vec<&str> = by_record.entries.iter().map(|e| e.table_name.as_str()).collect();
    assert!(tables.contains(&"request_event") && by_record.entries.iter().all(|e| e.table_name.starts_with("request")), "{tables:?}");
    assert!(by_record.entries.iter().all(|e| e.record == "受理编号 YSQ-2025-0042"), "each names the request by its number");
    let entry = by_record.entries.iter().find(|e| e.table_name == "request" && e.action == "insert").expect("the request row");
    assert_eq!((entry.table_name.as_str(), entry.operator.as_str(), entry.action.as_str()), ("request", "李四", "insert"));
    assert!(entry.fields.iter().any(|f| f.field == "证件号码" && f.after == "110105********002X"), "masked in words too");
    let after = entry.after.as_deref().unwrap();
    assert!(after.contains("110105********002X") && after.contains("139****5678"), "{after}");
    assert!(!after.contains("11010519491231002X") && !after.contains("13912345678"), "{after}");

    let by_op = audit::list(&l, &audit::AuditFilter { operator: Some("张三".into()), table_name: Some("department".into()), limit: 2, offset: 1, ..Default::default() }).unwrap();
    assert!(by_op.total >= 3, "{}", by_op.total);
    assert_eq!(by_op.entries.len(), 2, "a page of two");
    assert!(by_op.entries.iter().all(|e| e.operator == "张三" && e.table_name == "department"));
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let dated = audit::list(&l, &audit::AuditFilter { from: Some(today.clone()), to: Some(today), limit: 500, ..Default::default() }).unwrap();
    assert_eq!(dated.total, all.total);
    let none = audit::list(&l, &audit::AuditFilter { to: Some("2000-01-01".into()), limit: 500, ..Default::default() }).unwrap();
    assert_eq!(none.total, 0);
    let bad = audit::list(&l, &audit::AuditFilter { from: Some("明天".into()), limit: 5, ..Default::default() }).unwrap_err();
    assert!(bad.to_app_error().message.contains("起始日期"));
}
