//! 工作台 in the order work can still be done (issue 23, point 3): the order and the 积压 rule,
//! the one recorded step that closes an import's old backlog, and dismissing a 待出具告知书 item.

mod common;

use common::{actor, d, ledger, outside, request_input};
use gongkai_core::calendar::Calendar;
use gongkai_core::document::{Category, Disclosure, DisclosureMode};
use gongkai_core::letter::LetterKind;
use gongkai_core::request::{CorrectionGround, EventDetail, RequestEvent, RequestStatus};
use gongkai_core::taxonomy::ReplyResult;
use gongkai_core::worklist::WorkGroup;
use gongkai_ledger::documents::{self, DocumentInput, WriteSource};
use gongkai_ledger::{audit, backlog, letters, requests, Ledger};

fn register(l: &mut Ledger, received: &str) -> String {
    requests::register(l, &request_input(received), &actor(received)).unwrap()
}

fn event(l: &mut Ledger, number: &str, day: &str, detail: EventDetail) {
    requests::append_event(l, number, RequestEvent::new(d(day), detail), &actor(day)).unwrap();
}

fn pending(l: &Ledger, today: &str) -> Vec<(String, LetterKind)> {
    letters::pending(l, d(today)).unwrap().into_iter().map(|p| (p.request_number, p.kind)).collect()
}

fn verified(l: &Ledger) {
    let report = audit::verify(l).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// How many audit entries record a change of `table`'s row `id`.
fn audited(l: &Ledger, table: &str, id: i64) -> i64 {
    outside(l)
        .query_row("SELECT count(*) FROM audit_log WHERE table_name = ?1 AND row_id = ?2", rusqlite::params![table, id], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_pending_list_never_proposes_a_letter_the_state_no_longer_allows() {
    let (_dir, mut l) = ledger();
    let a = register(&mut l, "2025-03-03");
    event(&mut l, &a, "2025-03-04", EventDetail::CorrectionRequested { grounds: vec![CorrectionGround::Contact], items: String::new(), correct_by: None });
    assert!(pending(&l, "2025-03-05").contains(&(a.clone(), LetterKind::CorrectionNotice)));
    event(&mut l, &a, "2025-03-05", EventDetail::CorrectionReceived {});
    event(&mut l, &a, "2025-03-06", EventDetail::Replied { method: "邮寄".into(), result: ReplyResult::Disclosed, reply_type: None, note: String::new() });
    event(&mut l, &a, "2025-03-07", EventDetail::Archived { archive_number: "2025-WS-1".into() });
    let now = pending(&l, "2025-03-07");
    assert!(!now.contains(&(a.clone(), LetterKind::CorrectionNotice)), "no 补正告知书 for an archived request: {now:?}");
    assert!(now.contains(&(a.clone(), LetterKind::Reply)) && now.contains(&(a.clone(), LetterKind::Receipt)), "{now:?}");
    // Issuing refuses it with the same rule.
    let refused = letters::draft(&l, &a, LetterKind::CorrectionNotice, d("2025-03-07")).unwrap_err().to_string();
    assert!(refused.contains("不能出具补正告知书") && refused.contains("已归档"), "{refused}");

    let b = register(&mut l, "2025-03-03");
    event(&mut l, &b, "2025-03-04", EventDetail::Extended { workdays: 5, approver: "王主任".into(), reason: "情况复杂".into() });
    assert!(pending(&l, "2025-03-05").contains(&(b.clone(), LetterKind::ExtensionNotice)));
    event(&mut l, &b, "2025-03-06", EventDetail::Replied { method: "邮寄".into(), result: ReplyResult::NotHeld, reply_type: None, note: String::new() });
    let now = pending(&l, "2025-03-06");
    assert!(!now.contains(&(b.clone(), LetterKind::ExtensionNotice)), "no 延期答复告知书 after the reply: {now:?}");
    assert!(now.contains(&(b.clone(), LetterKind::Reply)), "{now:?}");
    // The letter panel's menu follows the same rule: 延期答复告知书 greyed out after the reply, with
    // the reason; 答复书 and the receipt offered.
    let options = letters::options(&l, &b).unwrap();
    assert_eq!(options.iter().map(|o| o.kind).collect::<Vec<_>>(), LetterKind::ALL.to_vec());
    let refused = |k: LetterKind| options.iter().find(|o| o.kind == k).unwrap().refused.clone();
    assert!(refused(LetterKind::ExtensionNotice).is_some_and(|why| why.contains("答复之前")), "{options:?}");
    assert_eq!((refused(LetterKind::Reply), refused(LetterKind::Receipt)), (None, None));
    assert!(refused(LetterKind::CorrectionNotice).is_some());
}

#[test]
fn a_dismissal_needs_a_reason_is_audited_visible_and_restorable_once() {
    let (_dir, mut l) = ledger();
    let a = register(&mut l, "2025-03-03");
    let today = actor("2025-03-05");
    let err = letters::dismiss(&mut l, &a, LetterKind::Receipt, d("2025-03-03"), "  ", &today).unwrap_err().to_string();
    assert!(err.contains("理由"), "{err}");
    let err = letters::dismiss(&mut l, &a, LetterKind::Reply, d("2025-03-03"), "当面告知", &today).unwrap_err().to_string();
    assert!(err.contains("不在待出具告知书中"), "{err}");
    let id = letters::dismiss(&mut l, &a, LetterKind::Receipt, d("2025-03-03"), "申请人当面递交，已当场出具纸质回执", &today).unwrap();
    assert!(pending(&l, "2025-03-05").is_empty());
    let listed = letters::dismissed(&l).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].request_number.as_str(), listed[0].kind, listed[0].reason.as_str()), (a.as_str(), LetterKind::Receipt, "申请人当面递交，已当场出具纸质回执"));
    assert_eq!(audited(&l, "letter_dismissal", id), 1);
    verified(&l);

    letters::restore_dismissed(&mut l, id, &today).unwrap();
    assert_eq!(pending(&l, "2025-03-05"), vec![(a.clone(), LetterKind::Receipt)]);
    assert!(letters::dismissed(&l).unwrap().is_empty());
    assert_eq!(audited(&l, "letter_dismissal", id), 2, "the restore is a logged change of the same row");
    assert!(letters::restore_dismissed(&mut l, id, &today).unwrap_err().to_string().contains("已恢复"));
    // The record itself cannot be rewritten or removed.
    let c = outside(&l);
    assert!(c.execute("UPDATE letter_dismissal SET reason = 'x' WHERE id = ?1", [id]).is_err());
    assert!(c.execute("DELETE FROM letter_dismissal WHERE id = ?1", [id]).is_err());
    drop(c);
    verified(&l);
}

const IMPORT: &str = "受理编号,申请人类型,申请人,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果
YSQ-OLD-1,自然人,张三,13912345678,当面,2024-05-06,申请公开旧事项一,,
YSQ-OLD-2,自然人,李四,13912345678,当面,2024-06-03,申请公开旧事项二,,
YSQ-OLD-3,自然人,王五,13912345678,当面,2024-06-04,申请公开旧事项三,2024-06-20,予以公开
YSQ-NEW-1,自然人,赵六,13912345678,当面,2025-06-03,申请公开新事项,,
";

#[test]
fn the_old_backlog_is_closed_in_one_recorded_step_and_the_audit_still_verifies() {
    let (_dir, mut l) = ledger();
    let today = actor("2025-07-01");
    requests::exchange::import(&mut l, "old.csv", IMPORT.as_bytes(), &today).unwrap();
    // A clerk worked on YSQ-OLD-2 since the import: it is no longer untouched backlog.
    event(&mut l, "YSQ-OLD-2", "2025-06-30", EventDetail::Extended { workdays: 5, approver: "王主任".into(), reason: "补录".into() });

    let due = requests::due_list(&l, d("2025-07-01")).unwrap();
    let order: Vec<(&str, WorkGroup)> = due.iter().map(|i| (i.number.as_str(), i.group)).collect();
    // Both long overdue; YSQ-OLD-2 (extended) less so, so it comes first.
    assert_eq!(order, vec![("YSQ-NEW-1", WorkGroup::Workable), ("YSQ-OLD-2", WorkGroup::Backlog), ("YSQ-OLD-1", WorkGroup::Backlog)]);

    assert_eq!(backlog::counts(&l, d("2025-01-01")).unwrap().requests, 1);
    let err = backlog::close_requests_before_import(&mut l, d("2025-07-02"), "导入前已办结", &today).unwrap_err().to_string();
    assert!(err.contains("晚于今天"), "{err}");
    let err = backlog::close_requests_before_import(&mut l, d("2025-01-01"), " ", &today).unwrap_err().to_string();
    assert!(err.contains("理由"), "{err}");

    let out = backlog::close_requests_before_import(&mut l, d("2025-01-01"), backlog::DEFAULT_REQUEST_REASON, &today).unwrap();
    assert_eq!((out.changed, out.rows.clone()), (1, vec!["YSQ-OLD-1".to_string()]));
    let case = requests::get(&l, "YSQ-OLD-1", d("2025-07-01")).unwrap();
    assert_eq!(case.request.status, RequestStatus::Closed);
    assert_eq!(case.request.result, Some(ReplyResult::OtherReason));
    let last = case.timeline.last().unwrap();
    assert_eq!(last.detail, EventDetail::ClosedBeforeImport { reason: "导入前已办结".into() });
    assert_eq!((last.date.as_str(), last.label.as_str(), last.imported), ("2025-07-01", "导入前已办结", false));
    // Its change is in the audit trail: the event row and the request's projection.
    let id: i64 = outside(&l).query_row("SELECT id FROM request WHERE number = 'YSQ-OLD-1'", [], |r| r.get(0)).unwrap();
    // (The import itself is logged by its compact batch entry.)
    let closing: String = outside(&l)
        .query_row("SELECT after FROM audit_log WHERE table_name = 'request' AND row_id = ?1 AND action = 'update'", [id], |r| r.get(0))
        .unwrap();
    assert!(closing.contains("\"status\":\"closed\"") && closing.contains("\"result_code\":\"other\""), "{closing}");
    let event: String = outside(&l)
        .query_row("SELECT a.after FROM audit_log a JOIN request_event e ON e.id = a.row_id
                     WHERE a.table_name = 'request_event' AND a.action = 'insert' AND e.request_id = ?1", [id], |r| r.get(0))
        .unwrap();
    assert!(event.contains("closed_before_import") && event.contains("导入前已办结"), "{event}");
    let step: (String, String, String) = outside(&l)
        .query_row("SELECT register, reason, row_ids FROM backlog_step WHERE id = ?1", [out.step_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    assert_eq!(step, ("requests".into(), "导入前已办结".into(), format!("[{id}]")));
    assert_eq!(audited(&l, "backlog_step", out.step_id), 1);
    verified(&l);

    // No reply letter is invented for it, and 工作台 no longer lists it.
    assert!(!pending(&l, "2025-07-01").iter().any(|(n, _)| n == "YSQ-OLD-1"));
    let refused = letters::draft(&l, "YSQ-OLD-1", LetterKind::Reply, d("2025-07-01")).unwrap_err().to_string();
    assert!(refused.contains("导入前已办结"), "{refused}");
    let due: Vec<String> = requests::due_list(&l, d("2025-07-01")).unwrap().into_iter().map(|i| i.number).collect();
    assert_eq!(due, vec!["YSQ-NEW-1", "YSQ-OLD-2"]);
    // Nothing left to close: refused, nothing written.
    let err = backlog::close_requests_before_import(&mut l, d("2025-01-01"), "导入前已办结", &today).unwrap_err().to_string();
    assert!(err.contains("没有"), "{err}");
}

fn active(title: &str, number: &str, written: &str) -> DocumentInput {
    DocumentInput {
        title: title.into(),
        doc_number: number.into(),
        category: Some(Category::OtherPolicy),
        issuer: "某某区人民政府".into(),
        written_on: Some(written.into()),
        published_on: Some(written.into()),
        disclosure: Some(Disclosure::Full),
        disclosure_mode: Some(DisclosureMode::Active),
        secrecy_reviewed: Some(true),
        no_interpretation_reason: Some("内部管理事项".into()),
        ..Default::default()
    }
}

#[test]
fn documents_are_ordered_by_the_work_left_and_old_ones_marked_published_in_one_step() {
    let (_dir, mut l) = ledger();
    let cal = Calendar::shipped();
    let today = d("2025-07-01");
    // 2025-07-01 is a Tuesday: 成文 2025-06-03 is due today (20 working days), 2025-05-30 overdue
    // by a day or so, 2024-03-01 long overdue (积压), 2025-06-30 due in 19 working days.
    let due_today = documents::create(&mut l, &active("今天到期", "区政发〔2025〕1号", "2025-06-03"), WriteSource::Window).unwrap();
    let late = documents::create(&mut l, &active("刚逾期", "区政发〔2025〕2号", "2025-05-29"), WriteSource::Window).unwrap();
    let old = documents::create(&mut l, &active("旧文件", "区政发〔2024〕3号", "2024-03-01"), WriteSource::Window).unwrap();
    let fresh = documents::create(&mut l, &active("新文件", "区政发〔2025〕4号", "2025-06-30"), WriteSource::Window).unwrap();
    let dl = documents::deadlines(&l, &cal, today).unwrap();
    let order: Vec<(i64, WorkGroup)> = dl.portal.iter().map(|i| (i.id, i.group)).collect();
    assert_eq!(order, vec![(due_today, WorkGroup::Workable), (fresh, WorkGroup::Workable), (late, WorkGroup::Overdue), (old, WorkGroup::Backlog)]);
    assert_eq!(dl.portal[0].portal.as_ref().unwrap().workdays_left, 0);
    assert_eq!((dl.overdue, dl.backlog), (2, 1));

    assert_eq!(backlog::counts(&l, d("2025-01-01")).unwrap().documents, 1);
    let out = backlog::mark_documents_published(&mut l, d("2025-01-01"), backlog::DEFAULT_DOCUMENT_REASON, WriteSource::Window, &actor("2025-07-01")).unwrap();
    assert_eq!((out.changed, out.rows.clone()), (1, vec!["区政发〔2024〕3号".to_string()]));
    let detail = documents::get(&l, old, &cal, today).unwrap();
    assert_eq!(detail.document.portal_published_on, Some(d("2024-03-01")), "on its own 发布日期");
    assert!(detail.edits.iter().any(|e| e.changed == "门户网站发布"), "{:?}", detail.edits);
    assert!(audited(&l, "document", old) >= 2, "creation and the change");
    verified(&l);
    let dl = documents::deadlines(&l, &cal, today).unwrap();
    assert_eq!(dl.portal.iter().map(|i| i.id).collect::<Vec<_>>(), vec![due_today, fresh, late]);
    assert_eq!(dl.backlog, 0);
}
