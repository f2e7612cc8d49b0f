//! The request workflow as pure functions: which actions each state allows, what `apply`
//! refuses and with which code, the summary the projection is written from, and the clock events.

use chrono::NaiveDate;
use gongkai_core::clock::{ClockEvent, ConsultationKind};
use gongkai_core::request::{
    allowed_actions, apply, clock_events, status, summarize, ActionKind, EventDetail, RequestEvent, RequestStatus,
};
use gongkai_core::taxonomy::ReplyResult;
use gongkai_core::ErrorCode;

use ActionKind as A;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn ev(date: &str, detail: EventDetail) -> RequestEvent {
    RequestEvent::new(d(date), detail)
}

fn registered() -> RequestEvent {
    ev("2025-03-03", EventDetail::Registered {})
}

fn asked() -> RequestEvent {
    ev(
        "2025-03-04",
        EventDetail::CorrectionRequested {
            grounds: vec![],
            items: "写明文号".into(),
            correct_by: None,
        },
    )
}

fn started(kind: ConsultationKind) -> RequestEvent {
    ev(
        "2025-03-05",
        EventDetail::ConsultationStarted {
            consultation: kind,
            party: "某公司".into(),
        },
    )
}

fn replied(result: ReplyResult) -> RequestEvent {
    ev(
        "2025-03-20",
        EventDetail::Replied {
            method: "书面".into(),
            result,
            reply_type: None,
            note: String::new(),
        },
    )
}

#[test]
fn each_state_offers_exactly_its_actions() {
    let fee = ev(
        "2025-03-06",
        EventDetail::FeeNoticeIssued {
            amount: 100,
            basis: "按件".into(),
        },
    );
    let cases: Vec<(Vec<RequestEvent>, Option<RequestStatus>, Vec<ActionKind>)> = vec![
        (vec![], None, vec![A::Registered]),
        (
            vec![registered()],
            Some(RequestStatus::Processing),
            vec![
                A::Replied,
                A::CorrectionRequested,
                A::ConsultationStarted,
                A::Extended,
                A::FeeNoticeIssued,
                A::Deferred,
                A::Withdrawn,
            ],
        ),
        (
            vec![registered(), asked()],
            Some(RequestStatus::AwaitingCorrection),
            vec![A::CorrectionReceived, A::CorrectionLapsed, A::Withdrawn],
        ),
        (
            vec![registered(), started(ConsultationKind::OtherAgency)],
            Some(RequestStatus::Consulting),
            vec![
                A::ConsultationEnded,
                A::ConsultationStarted,
                A::Extended,
                A::Deferred,
                A::Withdrawn,
            ],
        ),
        (
            vec![registered(), fee],
            Some(RequestStatus::AwaitingFee),
            vec![A::FeePaid, A::FeeUnpaid, A::Withdrawn],
        ),
        (
            vec![registered(), replied(ReplyResult::Disclosed)],
            Some(RequestStatus::Replied),
            vec![A::Delivered, A::Archived],
        ),
        (
            vec![
                registered(),
                ev("2025-03-04", EventDetail::Withdrawn { reason: String::new() }),
            ],
            Some(RequestStatus::Withdrawn),
            vec![A::Archived],
        ),
    ];
    for (events, want_status, want) in cases {
        assert_eq!(status(&events), want_status, "{events:?}");
        assert_eq!(allowed_actions(&events), want, "{events:?}");
        // everything else is refused as an invalid transition
        for kind in ActionKind::ALL.into_iter().filter(|k| !want.contains(k)) {
            let probe = match kind {
                A::ConsultationEnded => EventDetail::ConsultationEnded {
                    consultation: ConsultationKind::ThirdParty,
                    opinion: String::new(),
                },
                A::Replied => replied(ReplyResult::Disclosed).detail,
                _ => continue,
            };
            let e = apply(&events, &ev("2025-03-25", probe)).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidTransition, "{kind:?} after {events:?}");
        }
    }
}

#[test]
fn extensions_stop_being_offered_at_twenty_working_days() {
    let mut events = vec![registered()];
    let ext = |n| {
        ev(
            "2025-03-10",
            EventDetail::Extended {
                workdays: n,
                approver: "主任".into(),
                reason: "复杂".into(),
            },
        )
    };
    apply(&events, &ext(15)).unwrap();
    events.push(ext(15));
    let e = apply(&events, &ext(6)).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(e.message.contains("已延期 15 个工作日"), "{}", e.message);
    apply(&events, &ext(5)).unwrap();
    events.push(ext(5));
    assert!(!allowed_actions(&events).contains(&A::Extended));
    let e = apply(&events, &ext(1)).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidTransition);
    assert!(e.message.contains("上限"), "{}", e.message);
    // an extension needs its approver and reason
    let e = apply(
        &[registered()],
        &ev(
            "2025-03-10",
            EventDetail::Extended {
                workdays: 5,
                approver: " ".into(),
                reason: "x".into(),
            },
        ),
    )
    .unwrap_err();
    assert!(e.message.contains("审批人"), "{}", e.message);
}

#[test]
fn the_summary_is_what_the_projection_stores() {
    let events = vec![
        registered(),
        asked(),
        ev("2025-03-10", EventDetail::CorrectionLapsed { note: String::new() }),
    ];
    let s = summarize(&events);
    assert_eq!(s.status, Some(RequestStatus::Closed));
    assert_eq!(
        (s.received, s.concluded, s.result),
        (
            Some(d("2025-03-03")),
            Some(d("2025-03-10")),
            Some(ReplyResult::CorrectionOverdue)
        )
    );

    let events = vec![
        registered(),
        ev(
            "2025-03-06",
            EventDetail::FeeNoticeIssued {
                amount: 100,
                basis: String::new(),
            },
        ),
        ev("2025-03-30", EventDetail::FeeUnpaid { note: String::new() }),
    ];
    assert_eq!(summarize(&events).result, Some(ReplyResult::FeeUnpaid));

    // archiving after a reply keeps the reply's date and result
    let events = vec![
        registered(),
        replied(ReplyResult::NotHeld),
        ev(
            "2025-03-25",
            EventDetail::Archived {
                archive_number: "A1".into(),
            },
        ),
    ];
    let s = summarize(&events);
    assert_eq!(
        (s.status, s.concluded, s.result),
        (
            Some(RequestStatus::Archived),
            Some(d("2025-03-20")),
            Some(ReplyResult::NotHeld)
        )
    );
}

#[test]
fn only_clock_relevant_events_become_clock_events() {
    let events = vec![
        registered(),
        asked(),
        ev("2025-03-06", EventDetail::CorrectionReceived {}),
        started(ConsultationKind::ThirdParty),
        ev(
            "2025-03-12",
            EventDetail::ConsultationEnded {
                consultation: ConsultationKind::ThirdParty,
                opinion: String::new(),
            },
        ),
        ev(
            "2025-03-13",
            EventDetail::Extended {
                workdays: 5,
                approver: "主任".into(),
                reason: "复杂".into(),
            },
        ),
        ev(
            "2025-03-14",
            EventDetail::Deferred {
                until: d("2025-05-30"),
                reason: "大量申请".into(),
            },
        ),
        replied(ReplyResult::Disclosed),
    ];
    assert_eq!(
        clock_events(&events),
        vec![
            ClockEvent::Received { date: d("2025-03-03") },
            ClockEvent::CorrectionRequested { date: d("2025-03-04") },
            ClockEvent::CorrectionReceived { date: d("2025-03-06") },
            ClockEvent::ConsultationStarted {
                date: d("2025-03-05"),
                kind: ConsultationKind::ThirdParty
            },
            ClockEvent::ConsultationEnded {
                date: d("2025-03-12"),
                kind: ConsultationKind::ThirdParty
            },
            ClockEvent::Extended {
                date: d("2025-03-13"),
                workdays: 5
            },
            ClockEvent::Deferred {
                date: d("2025-03-14"),
                until: d("2025-05-30")
            },
        ]
    );
}

#[test]
fn details_are_checked() {
    let base = vec![registered()];
    let e = apply(
        &base,
        &ev(
            "2025-03-04",
            EventDetail::CorrectionRequested {
                grounds: vec![],
                items: "  ".into(),
                correct_by: None,
            },
        ),
    )
    .unwrap_err();
    assert!(e.message.contains("需要补正的内容"));
    let e = apply(
        &base,
        &ev(
            "2025-03-04",
            EventDetail::Deferred {
                until: d("2025-03-04"),
                reason: "x".into(),
            },
        ),
    )
    .unwrap_err();
    assert!(e.message.contains("应晚于"));
    let e = apply(
        &base,
        &ev(
            "2025-03-04",
            EventDetail::Archived {
                archive_number: "1".into(),
            },
        ),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidTransition);
    assert!(e.message.contains("办理中"), "{}", e.message);
    let e = apply(&base, &registered()).unwrap_err();
    assert!(e.message.contains("不能重复登记"));
    let fee = vec![
        registered(),
        ev(
            "2025-03-06",
            EventDetail::FeeNoticeIssued {
                amount: 100,
                basis: String::new(),
            },
        ),
    ];
    let e = apply(&fee, &ev("2025-03-08", EventDetail::FeePaid { amount: 90 })).unwrap_err();
    assert!(e.message.contains("不一致"));
}
