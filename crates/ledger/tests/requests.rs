//! 依申请公开 through the real store: one story per path (plain reply; 补正 then reply; 逾期未补正;
//! consultation, extension, 部分公开; 撤回), refused transitions, the projection columns the annual
//! report counts, lists and search, the 工作台 due list, 复议/诉讼, attachments, import and export.

use gongkai_core::calendar::Calendar;
use gongkai_core::clock::{self, ConsultationKind};
use gongkai_core::identity::IdKind;
use gongkai_core::request::{
    self, ActionKind, EventDetail, ReplyType, RequestEvent, RequestStatus, ReviewKind, ReviewOutcome,
};
use gongkai_core::taxonomy::{ApplicantType, ReplyResult};
use gongkai_core::ErrorCode;
use gongkai_ledger::requests::{self, DueState, RequestFilter, RequestInput, ReviewInput};
use gongkai_ledger::{Error, Ledger};

mod common;
use common::{actor, d, ledger, outside, request_input as input};

fn event(l: &mut Ledger, number: &str, date: &str, detail: EventDetail) -> Result<(), Error> {
    requests::append_event(l, number, RequestEvent::new(d(date), detail), &actor("2025-12-31"))
}

fn reply(result: ReplyResult) -> EventDetail {
    EventDetail::Replied {
        method: "书面答复".into(),
        result,
        reply_type: Some(ReplyType::Provided),
        note: String::new(),
    }
}

/// The projection columns exactly as the annual report reads them.
fn projection(l: &Ledger, number: &str) -> (String, String, Option<String>, Option<String>, String, i64) {
    outside(l)
        .query_row(
            "SELECT status, received_date, concluded_date, result_code, applicant_type, imported FROM request WHERE number = ?1",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .unwrap()
}

fn app_code(e: Error) -> (ErrorCode, String) {
    let a = e.to_app_error();
    (a.code, a.message)
}

#[test]
fn story_plain_reply_delivery_archive() {
    let (_dir, mut l) = ledger();
    let n = requests::register(&mut l, &input("2025-03-03"), &actor("2025-12-31")).unwrap();
    assert_eq!(n, "2025-0001");
    let detail = requests::get(&l, &n, d("2025-03-05")).unwrap();
    assert_eq!(detail.request.status, RequestStatus::Processing);
    assert!(detail.correction_relevant);
    // 2025-03-03 (Mon) + 20 working days = 2025-03-31; + 7 = 2025-03-12.
    assert_eq!(detail.clock.reply.as_ref().unwrap().date, d("2025-03-31"));
    assert_eq!(detail.clock.correction.as_ref().unwrap().date, d("2025-03-12"));
    let kinds: Vec<ActionKind> = detail.allowed.iter().map(|a| a.kind).collect();
    assert!(kinds.contains(&ActionKind::Replied) && kinds.contains(&ActionKind::CorrectionRequested));
    assert!(!kinds.contains(&ActionKind::Delivered));

    event(&mut l, &n, "2025-03-20", reply(ReplyResult::Disclosed)).unwrap();
    assert_eq!(
        projection(&l, &n),
        (
            "replied".into(),
            "2025-03-03".into(),
            Some("2025-03-20".into()),
            Some("disclosed".into()),
            "natural_person".into(),
            0
        )
    );
    event(
        &mut l,
        &n,
        "2025-03-21",
        EventDetail::Delivered {
            method: "邮寄".into(),
            proof: "EMS 1234567890".into(),
        },
    )
    .unwrap();
    event(
        &mut l,
        &n,
        "2025-03-24",
        EventDetail::Archived {
            archive_number: "2025-YSQ-001".into(),
        },
    )
    .unwrap();
    let detail = requests::get(&l, &n, d("2025-04-01")).unwrap();
    assert_eq!(detail.request.status, RequestStatus::Archived);
    assert!(detail.allowed.is_empty());
    assert_eq!(detail.timeline.len(), 4);
    assert_eq!(
        detail.timeline.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
        ["登记", "答复", "送达", "归档"]
    );
    assert!(detail.timeline[1].summary.contains("予以公开"));
    assert_eq!(detail.timeline[1].operator, "测试员");
    // archiving does not move the conclusion
    assert_eq!(projection(&l, &n).2.as_deref(), Some("2025-03-20"));
    assert_eq!(detail.due, DueState::Concluded);
}

#[test]
fn story_correction_then_reply_restarts_the_clock() {
    let (_dir, mut l) = ledger();
    let n = requests::register(&mut l, &input("2025-04-01"), &actor("2025-12-31")).unwrap();
    event(
        &mut l,
        &n,
        "2025-04-03",
        EventDetail::CorrectionRequested {
            grounds: vec![],
            items: "请写明文件名称或文号".into(),
            correct_by: Some(d("2025-04-18")),
        },
    )
    .unwrap();
    let detail = requests::get(&l, &n, d("2025-04-08")).unwrap();
    assert_eq!(detail.request.status, RequestStatus::AwaitingCorrection);
    assert!(detail.clock.awaiting_correction);
    assert!(detail.clock.reply.is_none());
    assert!(!detail.correction_relevant);
    let kinds: Vec<ActionKind> = detail.allowed.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [
            ActionKind::CorrectionReceived,
            ActionKind::CorrectionLapsed,
            ActionKind::Withdrawn
        ]
    );

    event(&mut l, &n, "2025-04-10", EventDetail::CorrectionReceived {}).unwrap();
    let detail = requests::get(&l, &n, d("2025-04-11")).unwrap();
    let reply_due = detail.clock.reply.clone().unwrap();
    // 20 working days from 2025-04-10 (Thu): 04-27 (Sun) is an adjusted working day, 05-01..05 are 劳动节.
    assert_eq!(reply_due.date, Calendar::shipped().add_workdays(d("2025-04-10"), 20));
    assert!(
        reply_due.derivation.contains("2025-04-10 收到补正"),
        "{}",
        reply_due.derivation
    );
    assert!(
        !detail.allowed.iter().any(|a| a.kind == ActionKind::CorrectionRequested),
        "补正 is told once"
    );

    event(&mut l, &n, "2025-04-25", reply(ReplyResult::StillUnclear)).unwrap();
    assert_eq!(projection(&l, &n).3.as_deref(), Some("still_unclear"));
    assert_eq!(projection(&l, &n).2.as_deref(), Some("2025-04-25"));
}

#[test]
fn story_correction_lapsed_closes_the_request() {
    let (_dir, mut l) = ledger();
    let n = requests::register(&mut l, &input("2025-05-06"), &actor("2025-12-31")).unwrap();
    event(
        &mut l,
        &n,
        "2025-05-08",
        EventDetail::CorrectionRequested {
            grounds: vec![],
            items: "请提供身份证明".into(),
            correct_by: Some(d("2025-05-22")),
        },
    )
    .unwrap();
    event(
        &mut l,
        &n,
        "2025-05-26",
        EventDetail::CorrectionLapsed {
            note: "补正期限届满未补正".into(),
        },
    )
    .unwrap();
    assert_eq!(
        projection(&l, &n),
        (
            "closed".into(),
            "2025-05-06".into(),
            Some("2025-05-26".into()),
            Some("correction_overdue".into()),
            "natural_person".into(),
            0
        )
    );
    let detail = requests::get(&l, &n, d("2025-06-01")).unwrap();
    assert_eq!(
        detail.allowed.iter().map(|a| a.kind).collect::<Vec<_>>(),
        [ActionKind::Archived]
    );
    let e = event(&mut l, &n, "2025-06-02", reply(ReplyResult::Disclosed)).unwrap_err();
    let (code, message) = app_code(e);
    assert_eq!(code, ErrorCode::InvalidTransition);
    assert!(message.contains("已终止"), "{message}");
}

#[test]
fn story_consultation_extension_partial_disclosure() {
    let (_dir, mut l) = ledger();
    let mut i = input("2025-06-03");
    i.applicant_type = ApplicantType::Business;
    i.applicant_name = "某某科技有限公司".into();
    i.id_kind = IdKind::CreditCode;
    i.id_number = "91350100M000100Y43".into();
    let n = requests::register(&mut l, &i, &actor("2025-12-31")).unwrap();
    event(
        &mut l,
        &n,
        "2025-06-05",
        EventDetail::ConsultationStarted {
            consultation: ConsultationKind::ThirdParty,
            party: "某某建设公司".into(),
        },
    )
    .unwrap();
    let consulting = requests::get(&l, &n, d("2025-06-10")).unwrap();
    assert_eq!(consulting.request.status, RequestStatus::Consulting);
    assert!(consulting.clock.paused);
    assert!(
        !consulting.allowed.iter().any(|a| a.kind == ActionKind::Replied),
        "no reply while a consultation is open"
    );
    event(
        &mut l,
        &n,
        "2025-06-20",
        EventDetail::ConsultationEnded {
            consultation: ConsultationKind::ThirdParty,
            opinion: "部分同意公开".into(),
        },
    )
    .unwrap();
    event(
        &mut l,
        &n,
        "2025-06-23",
        EventDetail::Extended {
            workdays: 10,
            approver: "李主任".into(),
            reason: "需区分处理".into(),
        },
    )
    .unwrap();

    // The deadline shown is exactly the statutory clock's, with its derivation.
    let detail = requests::get(&l, &n, d("2025-06-24")).unwrap();
    let events: Vec<RequestEvent> = vec![
        RequestEvent::new(d("2025-06-03"), EventDetail::Registered {}),
        RequestEvent::new(
            d("2025-06-05"),
            EventDetail::ConsultationStarted {
                consultation: ConsultationKind::ThirdParty,
                party: "某某建设公司".into(),
            },
        ),
        RequestEvent::new(
            d("2025-06-20"),
            EventDetail::ConsultationEnded {
                consultation: ConsultationKind::ThirdParty,
                opinion: "部分同意公开".into(),
            },
        ),
        RequestEvent::new(
            d("2025-06-23"),
            EventDetail::Extended {
                workdays: 10,
                approver: "李主任".into(),
                reason: "需区分处理".into(),
            },
        ),
    ];
    let mut want = clock::assess(&request::clock_events(&events), d("2025-06-24"), &Calendar::shipped());
    // The ledger names who agreed to the extension and when (条例第三十三条第二款).
    let due = want.reply.as_mut().unwrap();
    due.derivation = due.derivation.replace("延期 10 个工作日", "经负责人李主任 2025-06-23 同意延期 10 个工作日");
    assert_eq!(detail.clock, want);
    let derivation = &detail.clock.reply.as_ref().unwrap().derivation;
    assert!(derivation.contains("征求第三方意见暂停 11 个工作日"), "{derivation}");
    assert!(derivation.contains("经负责人李主任 2025-06-23 同意延期 10 个工作日"), "{derivation}");
    assert!(derivation.contains("延期 10 个工作日"), "{derivation}");
    assert_eq!(detail.extension_left, 10);

    let e = event(
        &mut l,
        &n,
        "2025-06-25",
        EventDetail::Extended {
            workdays: 11,
            approver: "李主任".into(),
            reason: "再延".into(),
        },
    )
    .unwrap_err();
    let (code, message) = app_code(e);
    assert_eq!(code, ErrorCode::Validation);
    assert!(message.contains("不得超过 20 个工作日"), "{message}");

    event(&mut l, &n, "2025-07-10", reply(ReplyResult::PartlyDisclosed)).unwrap();
    assert_eq!(
        projection(&l, &n),
        (
            "replied".into(),
            "2025-06-03".into(),
            Some("2025-07-10".into()),
            Some("partly_disclosed".into()),
            "business".into(),
            0
        )
    );
}

#[test]
fn story_withdrawal_counts_as_other() {
    let (_dir, mut l) = ledger();
    let n = requests::register(&mut l, &input("2025-09-01"), &actor("2025-12-31")).unwrap();
    event(
        &mut l,
        &n,
        "2025-09-04",
        EventDetail::Withdrawn {
            reason: "申请人书面撤回".into(),
        },
    )
    .unwrap();
    assert_eq!(
        projection(&l, &n),
        (
            "withdrawn".into(),
            "2025-09-01".into(),
            Some("2025-09-04".into()),
            Some("other".into()),
            "natural_person".into(),
            0
        )
    );
    let (code, message) = app_code(event(&mut l, &n, "2025-09-05", reply(ReplyResult::Disclosed)).unwrap_err());
    assert_eq!(code, ErrorCode::InvalidTransition);
    assert!(message.contains("已撤回"), "{message}");
}

#[test]
fn refused_transitions_and_details() {
    let (_dir, mut l) = ledger();
    let n = requests::register(&mut l, &input("2025-03-03"), &actor("2025-12-31")).unwrap();
    // 撤回 is only possible before the reply
    event(&mut l, &n, "2025-03-10", reply(ReplyResult::NotHeld)).unwrap();
    let (code, message) = app_code(
        event(
            &mut l,
            &n,
            "2025-03-11",
            EventDetail::Withdrawn { reason: String::new() },
        )
        .unwrap_err(),
    );
    assert_eq!(code, ErrorCode::InvalidTransition);
    assert!(
        message.contains("撤回只能在答复之前") && message.contains("已答复"),
        "{message}"
    );
    // a second reply
    let (code, _) = app_code(event(&mut l, &n, "2025-03-12", reply(ReplyResult::Disclosed)).unwrap_err());
    assert_eq!(code, ErrorCode::InvalidTransition);

    let n2 = requests::register(&mut l, &input("2025-03-03"), &actor("2025-12-31")).unwrap();
    assert_eq!(n2, "2025-0002");
    // ending a consultation that never started
    let (code, message) = app_code(
        event(
            &mut l,
            &n2,
            "2025-03-05",
            EventDetail::ConsultationEnded {
                consultation: ConsultationKind::OtherAgency,
                opinion: String::new(),
            },
        )
        .unwrap_err(),
    );
    assert_eq!(code, ErrorCode::InvalidTransition);
    assert!(message.contains("征求其他机关意见"), "{message}");
    // out of order
    let (code, message) = app_code(event(&mut l, &n2, "2025-03-01", reply(ReplyResult::Disclosed)).unwrap_err());
    assert_eq!(code, ErrorCode::Validation);
    assert!(message.contains("早于"), "{message}");
    // in the future
    let e = requests::append_event(
        &mut l,
        &n2,
        RequestEvent::new(d("2026-01-05"), reply(ReplyResult::Disclosed)),
        &actor("2025-12-31"),
    )
    .unwrap_err();
    assert!(app_code(e).1.contains("晚于今天"));
    // 逾期未补正 is not a reply; 补正后仍不明确 needs a correction
    assert!(
        app_code(event(&mut l, &n2, "2025-03-10", reply(ReplyResult::CorrectionOverdue)).unwrap_err())
            .1
            .contains("逾期未补正")
    );
    assert!(
        app_code(event(&mut l, &n2, "2025-03-10", reply(ReplyResult::StillUnclear)).unwrap_err())
            .1
            .contains("已收到补正")
    );
    // an unknown number
    let (code, _) = app_code(event(&mut l, "2025-9999", "2025-03-10", reply(ReplyResult::Disclosed)).unwrap_err());
    assert_eq!(code, ErrorCode::NotFound);
    // nothing of the refused events was written
    assert_eq!(requests::get(&l, &n2, d("2025-03-10")).unwrap().timeline.len(), 1);
    // the log is append-only, even to SQL
    assert!(outside(&l)
        .execute("UPDATE request_event SET event_date = '2025-01-01'", [])
        .is_err());
    assert!(outside(&l).execute("DELETE FROM request_event", []).is_err());
}

#[test]
fn registration_checks_fields() {
    let (_dir, mut l) = ledger();
    let today = actor("2025-12-31");
    let mut bad = input("2025-03-03");
    bad.id_number = "110105194912310021".into();
    let (code, message) = app_code(requests::register(&mut l, &bad, &today).unwrap_err());
    assert_eq!(code, ErrorCode::Validation);
    assert!(message.contains("证件号码") && message.contains("校验位"), "{message}");
    let mut bad = input("2025-03-03");
    bad.applicant_type = ApplicantType::Research;
    assert!(app_code(requests::register(&mut l, &bad, &today).unwrap_err())
        .1
        .contains("法人或其他组织"));
    let mut bad = input("2025-02-30");
    bad.number = "X-1".into();
    assert!(app_code(requests::register(&mut l, &bad, &today).unwrap_err())
        .1
        .contains("收到日期"));
    let mut bad = input("2025-03-03");
    bad.content = "  ".into();
    assert!(app_code(requests::register(&mut l, &bad, &today).unwrap_err())
        .1
        .contains("申请内容"));
    let mut own = input("2025-03-03");
    own.number = "依申〔2025〕7号".into();
    assert_eq!(requests::register(&mut l, &own, &today).unwrap(), "依申〔2025〕7号");
    let (code, _) = app_code(requests::register(&mut l, &own, &today).unwrap_err());
    assert_eq!(code, ErrorCode::Conflict);
    requests::save_number_pattern(&mut l, "YSQ-{year}-{seq:03}").unwrap();
    assert_eq!(
        requests::register(&mut l, &input("2024-12-30"), &today).unwrap(),
        "YSQ-2024-001"
    );
    assert_eq!(
        requests::register(&mut l, &input("2024-12-31"), &today).unwrap(),
        "YSQ-2024-002"
    );
    assert!(requests::save_number_pattern(&mut l, "{year}").is_err());
    assert_eq!(
        outside(&l)
            .query_row("SELECT count(*) FROM request", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        3
    );
}

#[test]
fn list_search_filters_and_due_list() {
    let (_dir, mut l) = ledger();
    let a = actor("2025-12-31");
    let mut numbers = Vec::new();
    for (day, name, content) in [
        ("2025-11-03", "赵一", "申请公开某小区规划许可证"),
        ("2025-11-20", "钱二", "申请公开环境影响评价报告"),
        ("2025-12-05", "孙三", "申请公开某道路拆迁补偿方案"),
        ("2025-06-02", "李四", "申请公开预算执行情况"),
    ] {
        let mut i = input(day);
        i.applicant_name = name.into();
        i.content = content.into();
        numbers.push(requests::register(&mut l, &i, &a).unwrap());
    }
    event(&mut l, &numbers[3], "2025-06-20", reply(ReplyResult::Disclosed)).unwrap();

    let today = d("2025-12-11");
    let page = requests::list(
        &l,
        &RequestFilter {
            page: 1,
            page_size: 2,
            descending: true,
            ..Default::default()
        },
        today,
    )
    .unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.rows.len(), 2);
    assert_eq!(page.rows[0].applicant_name, "孙三");
    assert_eq!(page.rows[0].contact_masked, "139****5678");
    assert_eq!(page.rows[0].id_number_masked, "110105********002X");

    let search = |q: &str| {
        requests::list(
            &l,
            &RequestFilter {
                query: q.into(),
                page: 1,
                page_size: 20,
                ..Default::default()
            },
            today,
        )
        .unwrap()
    };
    assert_eq!(
        search("环境影响评价")
            .rows
            .iter()
            .map(|r| r.applicant_name.as_str())
            .collect::<Vec<_>>(),
        ["钱二"]
    );
    assert_eq!(search("孙三").total, 1, "two-character names fall back to LIKE");
    assert_eq!(search("2025-000").total, 4, "受理编号 by prefix");
    assert_eq!(search("不存在的内容").total, 0);

    let by_status = RequestFilter {
        status: Some(RequestStatus::Replied),
        page: 1,
        page_size: 20,
        ..Default::default()
    };
    assert_eq!(requests::list(&l, &by_status, today).unwrap().total, 1);
    let by_year = RequestFilter {
        year: Some(2024),
        page: 1,
        page_size: 20,
        ..Default::default()
    };
    assert_eq!(requests::list(&l, &by_year, today).unwrap().total, 0);

    // On 2025-12-11: 赵一's reply was due 2025-12-01 (overdue); 钱二's on 2025-12-18, 5 working
    // days away (due soon); 孙三's in January (running). 工作台's order puts what can still be done
    // in time first (gongkai_core::worklist).
    let cal = Calendar::shipped();
    assert_eq!(cal.add_workdays(d("2025-11-03"), 20), d("2025-12-01"));
    let due = requests::due_list(&l, today).unwrap();
    assert_eq!(
        due.iter().map(|i| i.applicant_name.as_str()).collect::<Vec<_>>(),
        ["钱二", "赵一"]
    );
    assert_eq!(due[1].due, DueState::Overdue);
    assert!(due[1].workdays_left < 0);
    assert_eq!(due[0].reply_due, cal.add_workdays(d("2025-11-20"), 20).to_string());
    let overdue = RequestFilter {
        due: Some(DueState::Overdue),
        page: 1,
        page_size: 20,
        ..Default::default()
    };
    let page = requests::list(&l, &overdue, today).unwrap();
    assert_eq!((page.total, page.rows[0].applicant_name.as_str()), (1, "赵一"));
    let concluded = RequestFilter {
        due: Some(DueState::Concluded),
        page: 1,
        page_size: 20,
        ..Default::default()
    };
    assert_eq!(requests::list(&l, &concluded, today).unwrap().total, 1);
}

#[test]
fn reviews_and_attachments() {
    let (dir, mut l) = ledger();
    let a = actor("2025-12-31");
    let n = requests::register(&mut l, &input("2025-03-03"), &a).unwrap();
    let review = ReviewInput {
        kind: ReviewKind::Reconsideration,
        filed_date: "2025-04-10".into(),
        outcome: ReviewOutcome::Pending,
        decided_date: String::new(),
        note: String::new(),
    };
    let id = requests::add_review(&mut l, &n, &review, &a).unwrap();
    let decided = ReviewInput {
        outcome: ReviewOutcome::Upheld,
        decided_date: "2025-06-01".into(),
        ..review.clone()
    };
    requests::update_review(&mut l, id, &decided, &a).unwrap();
    let bad = ReviewInput {
        outcome: ReviewOutcome::Corrected,
        decided_date: String::new(),
        ..review
    };
    assert!(app_code(requests::update_review(&mut l, id, &bad, &a).unwrap_err())
        .1
        .contains("审结日期"));
    let detail = requests::get(&l, &n, d("2025-06-02")).unwrap();
    assert_eq!(detail.reviews.len(), 1);
    assert_eq!(detail.reviews[0].outcome_label, "结果维持");

    let att = requests::add_attachment(&mut l, &n, "申请表.pdf", b"%PDF-1.4 application form", &a).unwrap();
    assert!(att.intact);
    let (name, bytes) = requests::open_attachment(&l, att.id).unwrap();
    assert_eq!(
        (name.as_str(), bytes.as_slice()),
        ("申请表.pdf", b"%PDF-1.4 application form".as_slice())
    );
    let folder = requests::attachment_dir(&l);
    assert!(folder.starts_with(dir.path()));
    // damage the stored copy behind the app's back
    let stored: String = outside(&l)
        .query_row("SELECT stored_path FROM attachment", [], |r| r.get(0))
        .unwrap();
    std::fs::write(folder.join(stored), b"tampered").unwrap();
    assert!(!requests::get(&l, &n, d("2025-06-02")).unwrap().attachments[0].intact);
    let (code, message) = app_code(requests::open_attachment(&l, att.id).unwrap_err());
    assert_eq!(code, ErrorCode::Conflict);
    assert!(message.contains("SHA-256"), "{message}");
}

const SAMPLE: &str = include_str!("data/requests-sample.csv");
const EXPECTED: &str = include_str!("data/requests-sample-expected-2025.json");

/// Counts table 三 of year `y` from the projection columns, the way the report is specified.
fn table3(l: &Ledger, y: i32) -> serde_json::Value {
    let (start, end) = (format!("{y}-01-01"), format!("{y}-12-31"));
    let c = outside(l);
    let count = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> serde_json::Value {
        c.query_row(sql, params, |r| r.get::<_, i64>(0)).unwrap().into()
    };
    let by_type = |f: &dyn Fn(&str) -> serde_json::Value| -> serde_json::Value {
        ApplicantType::ALL
            .iter()
            .map(|t| (t.label().to_string(), f(t.code())))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    // 本年新收: received in Y.
    let new = by_type(&|t| {
        count(
            "SELECT count(*) FROM request WHERE applicant_type = ?1 AND received_date BETWEEN ?2 AND ?3",
            &[&t, &start, &end],
        )
    });
    // 上年结转: received before Y and not concluded before Y-01-01.
    let carried_in = by_type(&|t| {
        count(
            "SELECT count(*) FROM request WHERE applicant_type = ?1 AND received_date < ?2 AND (concluded_date IS NULL OR concluded_date >= ?2)",
            &[&t, &start],
        )
    });
    // 结转下年度: received by Y-12-31 and not concluded by then.
    let carried_out = by_type(&|t| {
        count(
            "SELECT count(*) FROM request WHERE applicant_type = ?1 AND received_date <= ?2 AND (concluded_date IS NULL OR concluded_date > ?2)",
            &[&t, &end],
        )
    });
    // 办理结果: concluded in Y, by result.
    let results: serde_json::Map<_, _> = ReplyResult::ALL
        .iter()
        .map(|r| {
            let m = by_type(&|t| {
                count(
                    "SELECT count(*) FROM request WHERE applicant_type = ?1 AND concluded_date BETWEEN ?2 AND ?3 AND result_code = ?4",
                    &[&t, &start, &end, &r.code()],
                )
            });
            (r.label().to_string(), m)
        })
        .collect();
    serde_json::json!({ "新收": new, "上年结转": carried_in, "结果": results, "结转下年度": carried_out })
}

#[test]
fn sample_import_gives_the_expected_2025_figures() {
    let (_dir, mut l) = ledger();
    let s = requests::exchange::import(&mut l, "requests.csv", SAMPLE.as_bytes(), &actor("2026-01-05")).unwrap();
    let rows = SAMPLE.lines().count() as u32 - 1;
    assert_eq!(s.imported, rows);
    assert_eq!(s.source, "UTF-8");
    let open = SAMPLE.lines().skip(1).filter(|l| l.ends_with(",,")).count() as u32;
    assert_eq!((s.concluded, s.open), (rows - open, open));
    let mut expected: serde_json::Value = serde_json::from_str(EXPECTED).unwrap();
    expected.as_object_mut().unwrap().remove("第二十条第（一）项");
    assert_eq!(table3(&l, 2025), expected);

    // imported history: 登记 and the concluding event, both marked imported
    let detail = requests::get(&l, "YSQ-2024-0026", d("2026-01-05")).unwrap();
    assert!(detail.request.imported);
    assert_eq!(
        detail.timeline.iter().map(|t| (t.kind, t.imported)).collect::<Vec<_>>(),
        [(ActionKind::Registered, true), (ActionKind::CorrectionLapsed, true)]
    );
    assert_eq!(detail.request.result, Some(ReplyResult::CorrectionOverdue));

    // a re-import is refused as a whole, naming the row
    let e = requests::exchange::import(&mut l, "requests.csv", SAMPLE.as_bytes(), &actor("2026-01-05")).unwrap_err();
    let (code, message) = app_code(e);
    assert_eq!(code, ErrorCode::Validation);
    assert!(
        message.contains("第2行“受理编号”：“YSQ-2024-0001”已在台账中"),
        "{message}"
    );
}

#[test]
fn import_accepts_bom_gbk_and_xlsx_and_refuses_bad_rows_whole() {
    let (_dir, mut l) = ledger();
    let a = actor("2026-01-05");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SAMPLE.as_bytes());
    let s = requests::exchange::import(&mut l, "a.csv", &bom, &a).unwrap();
    assert_eq!(s.source, "UTF-8（带 BOM）");

    let (_dir2, mut l2) = ledger();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(SAMPLE);
    assert!(!unmappable);
    assert_eq!(
        requests::exchange::import(&mut l2, "b.CSV", &gbk, &a).unwrap().source,
        "GBK"
    );
    assert_eq!(table3(&l2, 2025), table3(&l, 2025));

    // an unmasked export imports again into an empty ledger with the same figures
    let (bytes, n) = requests::exchange::export_xlsx(&l, &RequestFilter::default(), d("2026-01-05"), true).unwrap();
    assert_eq!(n as u32, s.imported);
    let (_dir3, mut l3) = ledger();
    let s3 = requests::exchange::import(&mut l3, "export.xlsx", &bytes, &a).unwrap();
    assert_eq!(s3.source, "Excel");
    assert_eq!(s3.ignored_columns, ["办理状态", "答复期限", "到期状态"]);
    assert_eq!(table3(&l3, 2025), table3(&l, 2025));

    // bad rows: every problem is listed with its row and column, nothing is written
    let (_dir4, mut l4) = ledger();
    let bad = "受理编号,申请人类型,申请人,证件号码,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果\n\
               A-1,自然人,张三,11010519491231002X,139,当面,2025-01-06,内容,2025-01-10,\"危及\"\"三安全一稳定\"\"\"\n\
               A-2,个人,李四,,,当面,2025-01-06,内容,,\n\
               A-3,自然人,王五,,,当面,2025-13-01,内容,,\n\
               A-4,自然人,赵六,,,当面,2025-01-06,内容,2025-01-08,\n\
               A-1,自然人,钱七,,,当面,2025-01-06,内容,,\n\
               A-6,商业企业,某公司,91350100M000100Y44,,当面,2025-01-06,内容,,\n\
               A-7,自然人,孙八,,,当面,2025-01-06,内容,,予以公开\n";
    let (code, message) = app_code(requests::exchange::import(&mut l4, "bad.csv", bad.as_bytes(), &a).unwrap_err());
    assert_eq!(code, ErrorCode::Validation);
    for want in [
        "第3行“申请人类型”：“个人”",
        "第4行“收到日期”：“2025-13-01”不是有效日期",
        "第5行“办理结果”：填写了办结日期，必须填写办理结果",
        "第6行“受理编号”：“A-1”与第2行重复",
        "第7行“证件号码”：统一社会信用代码校验位不正确",
        "第8行“办结日期”：填写了办理结果，必须填写办结日期",
    ] {
        assert!(message.contains(want), "missing {want} in {message}");
    }
    assert!(
        !message.contains("第2行“"),
        "row 2 is valid (straight quotes accepted): {message}"
    );
    assert_eq!(
        outside(&l4)
            .query_row("SELECT count(*) FROM request", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        0
    );

    let missing = "受理编号,申请人\nA,B\n";
    assert!(
        app_code(requests::exchange::import(&mut l4, "m.csv", missing.as_bytes(), &a).unwrap_err())
            .1
            .contains("缺少必需的列")
    );
    assert!(
        app_code(requests::exchange::import(&mut l4, "m.pdf", missing.as_bytes(), &a).unwrap_err())
            .1
            .contains(".xlsx 或 .csv")
    );
}

#[test]
fn export_masks_unless_asked() {
    let (_dir, mut l) = ledger();
    requests::register(&mut l, &input("2025-03-03"), &actor("2025-12-31")).unwrap();
    let read = |bytes: Vec<u8>| -> Vec<String> {
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        range.rows().nth(1).unwrap().iter().map(|c| c.to_string()).collect()
    };
    let masked = read(
        requests::exchange::export_xlsx(&l, &RequestFilter::default(), d("2025-03-04"), false)
            .unwrap()
            .0,
    );
    assert_eq!(masked[3], "110105********002X");
    assert_eq!(masked[4], "139****5678");
    assert_eq!((masked[10].as_str(), masked[11].as_str()), ("纸质", "邮寄"), "获取形式, 获取方式 (issue 18)");
    assert_eq!(masked[12], "办理中");
    let plain = read(
        requests::exchange::export_xlsx(&l, &RequestFilter::default(), d("2025-03-04"), true)
            .unwrap()
            .0,
    );
    assert_eq!(
        (plain[3].as_str(), plain[4].as_str()),
        ("11010519491231002X", "13912345678")
    );
}

#[test]
fn import_reports_progress_checking_and_writing_every_row() {
    use gongkai_ledger::progress::{ImportProgress, ImportStage, Progress};
    let (_dir, mut l) = ledger();
    let mut seen: Vec<ImportProgress> = Vec::new();
    let mut sink = |p: ImportProgress| seen.push(p);
    let s = requests::exchange::import_with(&mut l, "requests.csv", SAMPLE.as_bytes(), &actor("2026-01-05"), &mut Progress::new(&mut sink))
        .unwrap();
    assert!(seen.iter().all(|p| p.stage == ImportStage::CheckingAndWriting), "rows are checked and written at once: {seen:?}");
    assert_eq!(seen.first().map(|p| p.done), Some(0));
    assert_eq!(seen.last().map(|p| (p.done, p.total)), Some((s.imported, s.imported)));
    assert!(seen.windows(2).all(|w| w[0].done < w[1].done), "progress only moves forward: {seen:?}");
}

/// Rows are written while the rest of the file is read (issue 22): a bad row far down a file,
/// after several batches were written, still leaves the ledger as it was, and every error of
/// the file is listed; the progress bar turns to 校验 once the row fails.
#[test]
fn a_bad_row_after_batches_were_written_rolls_the_whole_import_back() {
    use gongkai_ledger::progress::{ImportProgress, ImportStage, Progress};
    let (_dir, mut l) = ledger();
    let mut csv = String::from("受理编号,申请人类型,申请人,申请方式,收到日期,申请内容,办结日期,办理结果\n");
    for i in 1..=30_000 {
        let result = match i {
            25_001 => "同意公开",
            28_500 => "也不对",
            _ => "予以公开",
        };
        csv.push_str(&format!("R-{i},自然人,申请人{i},网络,2025-03-04,内容{i},2025-03-10,{result}\n"));
    }
    let raw = outside(&l);
    let count = |table: &str| raw.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0)).unwrap();
    let before = count("audit_log");
    let mut seen: Vec<ImportProgress> = Vec::new();
    let mut sink = |p: ImportProgress| seen.push(p);
    let err = requests::exchange::import_with(&mut l, "big.csv", csv.as_bytes(), &actor("2026-01-05"), &mut Progress::new(&mut sink))
        .unwrap_err()
        .to_string();
    assert!(err.contains("共 2 处错误"), "{err}");
    assert!(err.contains("第25002行“办理结果”：“同意公开”"), "{err}");
    assert!(err.contains("第28501行“办理结果”：“也不对”"), "{err}");
    assert_eq!((count("request"), count("request_event"), count("request_tally")), (0, 0, 0), "nothing written");
    assert_eq!(count("audit_log"), before, "nothing logged");
    let written = seen.iter().filter(|p| p.stage == ImportStage::CheckingAndWriting).map(|p| p.done).max().unwrap();
    assert!(written >= 20_000, "batches were written before the bad row was read: {seen:?}");
    assert_eq!(seen.last().map(|p| (p.stage, p.done)), Some((ImportStage::Validating, 30_000)), "the file is read to its end");
    // The same rows without the bad ones import whole.
    let fixed = csv.replace("同意公开", "予以公开").replace("也不对", "予以公开");
    let s = requests::exchange::import(&mut l, "big.csv", fixed.as_bytes(), &actor("2026-01-05")).unwrap();
    assert_eq!(s.imported, 30_000);
    assert_eq!(count("request"), 30_000);
}

/// A 受理编号 already in the ledger, far down the file, is found after batches were written and
/// still writes nothing.
#[test]
fn a_number_already_in_the_ledger_far_down_the_file_writes_nothing() {
    let (_dir, mut l) = ledger();
    let row = |i: usize| format!("R-{i},自然人,申请人{i},网络,2025-03-04,内容{i},2025-03-10,予以公开\n");
    let header = "受理编号,申请人类型,申请人,申请方式,收到日期,申请内容,办结日期,办理结果\n";
    let one: String = [header.to_string(), row(15_000), row(23_000)].concat();
    requests::exchange::import(&mut l, "one.csv", one.as_bytes(), &actor("2026-01-05")).unwrap();
    let csv: String = std::iter::once(header.to_string()).chain((1..=24_000).map(row)).collect();
    let err = requests::exchange::import(&mut l, "big.csv", csv.as_bytes(), &actor("2026-01-05")).unwrap_err().to_string();
    assert!(err.contains("共 2 处错误"), "{err}");
    assert!(err.contains("第15001行“受理编号”：“R-15000”已在台账中"), "{err}");
    assert!(err.contains("第23001行“受理编号”：“R-23000”已在台账中"), "{err}");
    let n: i64 = outside(&l).query_row("SELECT count(*) FROM request", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 2);
}

#[test]
fn a_request_links_to_the_register_document_it_asks_for() {
    use gongkai_core::document::Category;
    use gongkai_ledger::documents::{self, DocumentInput, WriteSource};
    let (_dir, mut l) = ledger();
    let doc = |title: &str, number: &str| DocumentInput {
        title: title.into(),
        doc_number: number.into(),
        category: Some(Category::Normative),
        issuer: "某区人民政府".into(),
        published_on: Some("2024-05-06".into()),
        ..Default::default()
    };
    let planning = documents::create(&mut l, &doc("某区国土空间规划管理办法", "某政发〔2024〕3号"), WriteSource::Window).unwrap();
    let roads = documents::create(&mut l, &doc("某区道路管理办法", "某政发〔2024〕9号"), WriteSource::Window).unwrap();
    let a = actor("2025-03-03");

    // Chosen in the form.
    let n1 = requests::register(&mut l, &RequestInput { document_id: Some(roads), document_ref: "道路管理办法".into(), ..input("2025-03-03") }, &a).unwrap();
    let linked = requests::get(&l, &n1, a.today()).unwrap().document.expect("linked");
    assert_eq!((linked.id, linked.title.as_str(), linked.doc_number.as_str()), (roads, "某区道路管理办法", "某政发〔2024〕9号"));
    assert_eq!(linked.status_label, "现行有效");

    // Written by hand, with the year in square brackets: the 文号 still finds it.
    let n2 = requests::register(&mut l, &RequestInput { document_ref: "某政发[2024]3号".into(), ..input("2025-03-03") }, &a).unwrap();
    assert_eq!(requests::get(&l, &n2, a.today()).unwrap().document.map(|d| d.id), Some(planning));
    // Or by its exact title in 书名号.
    let n3 = requests::register(&mut l, &RequestInput { document_ref: "《某区道路管理办法》".into(), ..input("2025-03-03") }, &a).unwrap();
    assert_eq!(requests::get(&l, &n3, a.today()).unwrap().document.map(|d| d.id), Some(roads));
    // Words that name no single document leave the request unlinked, as written.
    let n4 = requests::register(&mut l, &RequestInput { document_ref: "管理办法".into(), ..input("2025-03-03") }, &a).unwrap();
    let d4 = requests::get(&l, &n4, a.today()).unwrap();
    assert!(d4.document.is_none());
    assert_eq!(d4.request.document_ref, "管理办法");

    // A chosen document that is not in the register is refused, and nothing is written.
    let before = requests::list(&l, &RequestFilter { page_size: 50, ..Default::default() }, a.today()).unwrap().total;
    let e = requests::register(&mut l, &RequestInput { document_id: Some(9999), ..input("2025-03-03") }, &a).unwrap_err();
    let app = e.to_app_error();
    assert_eq!(app.code, ErrorCode::Validation);
    assert!(app.message.contains("文号或名称"), "{}", app.message);
    let after = requests::list(&l, &RequestFilter { page_size: 50, ..Default::default() }, a.today()).unwrap().total;
    assert_eq!(before, after);
}

/// The list's totals come from `request_tally` (kept by triggers) when there are no search words:
/// for every combination of 状态, 申请人类型, year and open/concluded they equal a count of the rows,
/// after an import, registrations, workflow steps that change the status, and raw SQL edits.
#[test]
fn list_totals_from_the_tally_equal_a_count_of_the_rows() {
    let (_dir, mut l) = ledger();
    requests::exchange::import(&mut l, "requests.csv", SAMPLE.as_bytes(), &actor("2026-01-05")).unwrap();
    let a = actor("2025-12-31");
    let mut numbers = Vec::new();
    for (day, kind) in [
        ("2025-11-03", ApplicantType::NaturalPerson),
        ("2025-11-20", ApplicantType::Business),
        ("2025-12-05", ApplicantType::LegalService),
        ("2024-06-02", ApplicantType::NaturalPerson),
    ] {
        let mut i = input(day);
        i.applicant_type = kind;
        if kind != ApplicantType::NaturalPerson {
            i.id_kind = IdKind::None;
            i.id_number = String::new();
        }
        numbers.push(requests::register(&mut l, &i, &a).unwrap());
    }
    event(&mut l, &numbers[3], "2024-06-20", reply(ReplyResult::Disclosed)).unwrap();
    event(&mut l, &numbers[1], "2025-11-21", EventDetail::Withdrawn { reason: "申请人撤回".into() }).unwrap();
    event(
        &mut l,
        &numbers[0],
        "2025-11-05",
        EventDetail::CorrectionRequested { grounds: vec![], items: "请写明文号".into(), correct_by: None },
    )
    .unwrap();

    let check = |l: &Ledger, when: &str| {
        let c = outside(l);
        let years: Vec<Option<i32>> = [None, Some(2023), Some(2024), Some(2025), Some(2026)].into();
        let dues = [None, Some(DueState::Concluded), Some(DueState::Running)];
        let statuses: Vec<Option<RequestStatus>> =
            std::iter::once(None).chain(RequestStatus::ALL.iter().copied().map(Some)).collect();
        let types: Vec<Option<ApplicantType>> =
            std::iter::once(None).chain(ApplicantType::ALL.iter().copied().map(Some)).collect();
        let mut nonzero = 0;
        for status in &statuses {
            for kind in &types {
                for year in &years {
                    for due in dues {
                        let f = RequestFilter {
                            status: *status,
                            applicant_type: *kind,
                            year: *year,
                            due,
                            page: 1,
                            page_size: 1,
                            ..Default::default()
                        };
                        let page = requests::list(l, &f, d("2025-12-11")).unwrap();
                        if due == Some(DueState::Running) {
                            continue; // derived from the clock, counted in Rust, not from the tally
                        }
                        let counted: i64 = c
                            .query_row(
                                "SELECT count(*) FROM request WHERE (?1 IS NULL OR status = ?1)
                                   AND (?2 IS NULL OR applicant_type = ?2)
                                   AND (?3 IS NULL OR substr(received_date, 1, 4) = ?3)
                                   AND (?4 IS NULL OR (concluded_date IS NOT NULL) = ?4)",
                                rusqlite::params![
                                    status.map(|s| s.code()),
                                    kind.map(|k| k.code()),
                                    year.map(|y| y.to_string()),
                                    due.map(|_| 1),
                                ],
                                |r| r.get(0),
                            )
                            .unwrap();
                        assert_eq!(page.total as i64, counted, "{when}: {f:?}");
                        nonzero += (counted > 0) as u32;
                    }
                }
            }
        }
        assert!(nonzero > 20, "{when}: the data reach many combinations ({nonzero})");
    };
    check(&l, "after import and workflow");

    // Whatever changes the rows, the tally follows, even edits of the projection made in SQL.
    outside(&l)
        .execute_batch(
            "UPDATE request SET applicant_type = 'research', received_date = '2023-12-29' WHERE number = 'YSQ-2025-0002';
             UPDATE request SET status = 'processing', concluded_date = NULL, result_code = NULL WHERE number = 'YSQ-2024-0001';",
        )
        .unwrap();
    check(&l, "after raw SQL edits");
    let total = requests::list(&l, &RequestFilter { page: 1, page_size: 1, ..Default::default() }, d("2025-12-11")).unwrap();
    assert_eq!(total.total as usize, SAMPLE.lines().count() - 1 + 4);
}

/// 办结日期 sorts put open requests last in both directions, and with a status filter too (each
/// order is an index's, so the SQL differs by case).
#[test]
fn sorting_by_conclusion_puts_open_requests_last() {
    let (_dir, mut l) = ledger();
    let a = actor("2025-12-31");
    let mut numbers = Vec::new();
    for day in ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"] {
        numbers.push(requests::register(&mut l, &input(day), &a).unwrap());
    }
    event(&mut l, &numbers[0], "2025-03-20", reply(ReplyResult::Disclosed)).unwrap();
    event(&mut l, &numbers[2], "2025-03-10", reply(ReplyResult::Disclosed)).unwrap();
    let order = |descending: bool, status: Option<RequestStatus>| {
        let f = RequestFilter {
            sort: requests::RequestSort::Concluded,
            descending,
            status,
            page: 1,
            page_size: 20,
            ..Default::default()
        };
        requests::list(&l, &f, d("2025-12-11"))
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.number)
            .collect::<Vec<_>>()
    };
    let n = |i: usize| numbers[i].clone();
    assert_eq!(order(false, None), [n(2), n(0), n(1), n(3)]);
    assert_eq!(order(true, None), [n(0), n(2), n(3), n(1)]);
    assert_eq!(order(false, Some(RequestStatus::Replied)), [n(2), n(0)]);
    assert_eq!(order(true, Some(RequestStatus::Processing)), [n(3), n(1)]);
}

/// Adding the same file twice is refused and leaves the stored copy in place: the second call
/// overwrote nothing it may then remove.
#[test]
fn a_duplicate_attachment_is_refused_and_the_stored_copy_survives() {
    let (_dir, mut l) = ledger();
    let a = actor("2025-06-02");
    let n = requests::register(&mut l, &input("2025-06-02"), &a).unwrap();
    let first = requests::add_attachment(&mut l, &n, "申请表.pdf", b"%PDF-1.4 form", &a).unwrap();
    let (code, message) = app_code(requests::add_attachment(&mut l, &n, "申请表.pdf", b"%PDF-1.4 form", &a).unwrap_err());
    assert_eq!(code, ErrorCode::Conflict);
    assert!(message.contains("申请表.pdf"), "{message}");
    let (_, bytes) = requests::open_attachment(&l, first.id).unwrap();
    assert_eq!(bytes, b"%PDF-1.4 form");
    let detail = requests::get(&l, &n, d("2025-06-02")).unwrap();
    assert_eq!(detail.attachments.len(), 1);
    assert!(detail.attachments[0].intact);
    let request_id: i64 = outside(&l).query_row("SELECT id FROM request WHERE number = ?1", [&n], |r| r.get(0)).unwrap();
    let files = std::fs::read_dir(requests::attachment_dir(&l).join(request_id.to_string())).unwrap().count();
    assert_eq!(files, 1, "one stored file");
}

/// Issue 23: a reply deadline running into a year whose holiday notice is not confirmed complete
/// is 预计 in the list and the detail alike, with the Monday–Friday date beside it; 2026 is a
/// shipped (confirmed) year, so a deadline inside it is exact.
#[test]
fn a_deadline_into_an_unconfirmed_year_is_marked_in_the_list_and_the_detail() {
    let (_dir, mut l) = ledger();
    let a = actor("2026-12-31");
    let late = requests::register(&mut l, &input("2026-12-21"), &a).unwrap();
    let early = requests::register(&mut l, &input("2026-06-01"), &a).unwrap();
    let today = d("2026-12-22");
    let page = requests::list(&l, &RequestFilter { page: 1, page_size: 20, ..Default::default() }, today).unwrap();
    let row = |n: &str| page.rows.iter().find(|r| r.number == n).unwrap().clone();

    let late_row = row(&late);
    // 元旦 2027 (a Friday) is predicted: 2027-01-19, where Monday–Friday alone gives 2027-01-18.
    assert_eq!(late_row.reply_due.as_deref(), Some("2027-01-19"));
    let estimate = late_row.reply_estimate.expect("预计 in the list");
    assert_eq!(estimate.weekday_date, d("2027-01-18"));
    assert!(estimate.reason.contains("工作日历"), "{}", estimate.reason);
    assert!(row(&early).reply_estimate.is_none(), "a deadline inside 2026 is exact");

    let detail = requests::get(&l, &late, today).unwrap();
    let reply = detail.clock.reply.expect("reply deadline");
    assert_eq!(reply.date, d("2027-01-19"));
    assert_eq!(reply.estimate, Some(estimate));
}
