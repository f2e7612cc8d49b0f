//! Tests for the statutory clock: 补正, 征求意见 pauses, 延期, Art. 35 延迟答复, calendar coverage
//! and the derivation text a clerk reads.
//!
//! Working days around 2024 国庆, used throughout (from assets/holidays-cn.tsv): after receipt on
//! Fri 2024-09-27, 09-29 (Sun, 调休) is day 1, 09-30 day 2, 10-01..07 are 国庆, 10-08..11 days
//! 3–6, 10-12 (Sat, 调休) day 7, then Monday–Friday: 10-30 is day 20, 11-04 day 23, 12-02 day 43.

use chrono::NaiveDate;
use gongkai_core::calendar::Calendar;
use gongkai_core::clock::{
    assess, correction_deadline, reply_deadline, validate_extension, ClockError, ClockEvent,
    ClockState, ConsultationKind, Deadline,
};
use proptest::prelude::*;
use ts_rs::TS;

use ClockEvent::*;
use ConsultationKind::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {s}"))
}

fn reply(events: &[ClockEvent], today: &str) -> Deadline {
    reply_deadline(events, d(today), &Calendar::shipped()).expect("a reply deadline")
}

fn received(date: &str) -> ClockEvent {
    Received { date: d(date) }
}

fn started(date: &str, kind: ConsultationKind) -> ClockEvent {
    ConsultationStarted {
        date: d(date),
        kind,
    }
}

fn ended(date: &str, kind: ConsultationKind) -> ClockEvent {
    ConsultationEnded {
        date: d(date),
        kind,
    }
}

#[test]
fn reply_is_due_twenty_working_days_after_receipt() {
    let deadline = reply(&[received("2024-09-27")], "2024-10-08");
    assert_eq!(deadline.date, d("2024-10-30"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；答复期限 2024-10-30"
    );
    assert!(deadline.warnings.is_empty());
}

#[test]
fn nothing_is_due_before_receipt() {
    let cal = Calendar::shipped();
    assert_eq!(reply_deadline(&[], d("2024-10-08"), &cal), None);
    assert_eq!(
        correction_deadline(
            &[CorrectionRequested {
                date: d("2024-10-08")
            }],
            &cal
        ),
        None
    );
    let state = assess(&[], d("2024-10-08"), &cal);
    assert_eq!(
        state,
        ClockState {
            reply: None,
            correction: None,
            paused: false,
            workdays_left: None,
            overdue: false,
            awaiting_correction: false
        }
    );
}

#[test]
fn correction_notice_is_due_seven_working_days_after_receipt() {
    let cal = Calendar::shipped();
    // 09-29 1, 09-30 2, 10-08..11 3–6, 10-12 Sat 调休 7.
    let deadline = correction_deadline(&[received("2024-09-27")], &cal).expect("received");
    assert_eq!(deadline.date, d("2024-10-12"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；7 个工作日内一次性告知补正；补正告知期限 2024-10-12"
    );
    assert!(deadline.warnings.is_empty());

    let late = correction_deadline(
        &[
            received("2024-09-27"),
            CorrectionRequested {
                date: d("2024-10-14"),
            },
        ],
        &cal,
    )
    .expect("received");
    assert_eq!(late.date, d("2024-10-12"));
    assert_eq!(
        late.warnings,
        vec!["2024-10-14 告知补正，晚于补正告知期限 2024-10-12".to_owned()]
    );
}

#[test]
fn reply_clock_restarts_when_the_corrected_request_arrives() {
    let events = [
        received("2024-09-27"),
        CorrectionRequested {
            date: d("2024-10-09"),
        },
        CorrectionReceived {
            date: d("2024-10-15"),
        },
    ];
    // From Tue 10-15: 10-16..18 1–3, 10-21..25 4–8, 10-28..11-01 9–13, 11-04..08 14–18,
    // 11-11 19, 11-12 20.
    let deadline = reply(&events, "2024-10-16");
    assert_eq!(deadline.date, d("2024-11-12"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；2024-10-09 告知补正；2024-10-15 收到补正，答复期限自该日起重新计算；答复期限 2024-11-12"
    );
    // The correction notice deadline still counts from the original receipt.
    let cal = Calendar::shipped();
    assert_eq!(
        correction_deadline(&events, &cal).map(|c| c.date),
        Some(d("2024-10-12"))
    );
}

#[test]
fn no_reply_deadline_while_waiting_for_the_correction() {
    let cal = Calendar::shipped();
    let events = [
        received("2024-09-27"),
        CorrectionRequested {
            date: d("2024-10-09"),
        },
    ];
    assert_eq!(reply_deadline(&events, d("2024-12-31"), &cal), None);
    let state = assess(&events, d("2024-12-31"), &cal);
    assert!(state.awaiting_correction);
    assert!(state.reply.is_none());
    assert_eq!(state.workdays_left, None);
    assert!(!state.overdue, "the applicant's delay is not the agency's");
    assert_eq!(state.correction.map(|c| c.date), Some(d("2024-10-12")));
}

#[test]
fn the_issue_example_third_party_pause_and_extension() {
    let events = [
        received("2024-09-27"),
        // (10-14, 10-17]: Tue 15, Wed 16, Thu 17.
        started("2024-10-14", ThirdParty),
        ended("2024-10-17", ThirdParty),
        Extended {
            date: d("2024-10-25"),
            workdays: 20,
        },
    ];
    // 20 + 3 + 20 = 43 working days after 09-27.
    let deadline = reply(&events, "2024-10-28");
    assert_eq!(deadline.date, d("2024-12-02"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；征求第三方意见暂停 3 个工作日；延期 20 个工作日；答复期限 2024-12-02"
    );
    assert!(deadline.warnings.is_empty());

    // Without the extension: 23 working days.
    assert_eq!(reply(&events[..3], "2024-10-28").date, d("2024-11-04"));
}

#[test]
fn the_consultation_start_day_counts_and_the_end_day_is_paused() {
    // Started and ended the same day: nothing paused.
    let same_day = [
        received("2024-09-27"),
        started("2024-10-14", ThirdParty),
        ended("2024-10-14", ThirdParty),
    ];
    let deadline = reply(&same_day, "2024-10-15");
    assert_eq!(deadline.date, d("2024-10-30"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；答复期限 2024-10-30"
    );

    // Mon 10-14 to Sat 10-19: Tue 15 .. Fri 18 are paused, the Monday is not; day 24 is 11-05.
    let to_saturday = [
        received("2024-09-27"),
        started("2024-10-14", ThirdParty),
        ended("2024-10-19", ThirdParty),
    ];
    let deadline = reply(&to_saturday, "2024-10-21");
    assert_eq!(deadline.date, d("2024-11-05"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；征求第三方意见暂停 4 个工作日；答复期限 2024-11-05"
    );

    // Sun 10-20 to Tue 10-22: Monday and the end day Tuesday are paused; day 22 is 11-01.
    let from_sunday = [
        received("2024-09-27"),
        started("2024-10-20", OtherAgency),
        ended("2024-10-22", OtherAgency),
    ];
    let deadline = reply(&from_sunday, "2024-10-23");
    assert_eq!(deadline.date, d("2024-11-01"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；征求其他机关意见暂停 2 个工作日；答复期限 2024-11-01"
    );
}

#[test]
fn overlapping_consultations_pause_each_day_once() {
    let events = [
        received("2024-09-27"),
        // Third party (10-14, 10-17]: 15, 16, 17.
        started("2024-10-14", ThirdParty),
        // Other agency (10-16, 10-22]: 17, 18, 21, 22.
        started("2024-10-16", OtherAgency),
        ended("2024-10-17", ThirdParty),
        ended("2024-10-22", OtherAgency),
    ];
    // Union: 15, 16, 17, 18, 21, 22 = 6 days; 26 working days after 09-27 is 11-07.
    let deadline = reply(&events, "2024-10-23");
    assert_eq!(deadline.date, d("2024-11-07"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；征求第三方意见暂停 3 个工作日；征求其他机关意见暂停 4 个工作日；重叠 1 个工作日只计一次，共暂停 6 个工作日；答复期限 2024-11-07"
    );

    // Two third parties at once: the same six days.
    let same_kind = [
        received("2024-09-27"),
        started("2024-10-14", ThirdParty),
        started("2024-10-16", ThirdParty),
        ended("2024-10-17", ThirdParty),
        ended("2024-10-22", ThirdParty),
    ];
    let deadline = reply(&same_kind, "2024-10-23");
    assert_eq!(deadline.date, d("2024-11-07"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；征求第三方意见暂停 6 个工作日；答复期限 2024-11-07"
    );
}

#[test]
fn an_ongoing_consultation_pauses_through_today() {
    let cal = Calendar::shipped();
    let events = [received("2024-09-27"), started("2024-10-14", ThirdParty)];

    // Today Fri 10-18: paused 15..18 = 4 days, so day 24 = 11-05.
    let state = assess(&events, d("2024-10-18"), &cal);
    let deadline = state.reply.clone().expect("running");
    assert_eq!(deadline.date, d("2024-11-05"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；征求第三方意见中，期限暂停（截至 2024-10-18 已暂停 4 个工作日）；答复期限 2024-11-05（暂停结束前逐日顺延）"
    );
    assert!(state.paused);
    assert!(!state.overdue);
    // 8 days were used before the pause (09-29, 09-30, 10-08..12, 10-14), so 12 remain.
    assert_eq!(state.workdays_left, Some(12));

    // One working day later the deadline moves one working day later, and 12 still remain.
    let state = assess(&events, d("2024-10-21"), &cal);
    assert_eq!(state.reply.map(|r| r.date), Some(d("2024-11-06")));
    assert_eq!(state.workdays_left, Some(12));

    // Once it ends, the clock runs again.
    let done = [
        received("2024-09-27"),
        started("2024-10-14", ThirdParty),
        ended("2024-10-21", ThirdParty),
    ];
    let state = assess(&done, d("2024-10-22"), &cal);
    assert!(!state.paused);
    assert_eq!(state.reply.map(|r| r.date), Some(d("2024-11-06")));
    assert_eq!(state.workdays_left, Some(11));
}

#[test]
fn a_consultation_begun_after_the_deadline_does_not_revive_it() {
    let cal = Calendar::shipped();
    let events = [received("2024-09-27"), started("2024-11-01", ThirdParty)];
    let state = assess(&events, d("2024-11-05"), &cal);
    let deadline = state.reply.expect("running");
    assert_eq!(deadline.date, d("2024-10-30"));
    assert_eq!(
        deadline.warnings,
        vec!["2024-11-01 开始征求第三方意见时答复期限 2024-10-30 已届满，不再暂停".to_owned()]
    );
    assert!(!state.paused);
    assert!(state.overdue);
}

#[test]
fn only_pauses_after_the_restart_count() {
    let events = [
        received("2024-09-27"),
        CorrectionRequested {
            date: d("2024-09-30"),
        },
        // Wholly before the restart.
        started("2024-09-30", ThirdParty),
        ended("2024-10-11", ThirdParty),
        // Straddling the restart on 10-15: only 10-16 is inside the new period.
        started("2024-10-14", OtherAgency),
        CorrectionReceived {
            date: d("2024-10-15"),
        },
        ended("2024-10-16", OtherAgency),
    ];
    // 21 working days after 10-15 is 11-13.
    let deadline = reply(&events, "2024-10-17");
    assert_eq!(deadline.date, d("2024-11-13"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；2024-09-30 告知补正；2024-10-15 收到补正，答复期限自该日起重新计算；征求其他机关意见暂停 1 个工作日；答复期限 2024-11-13"
    );
}

#[test]
fn an_end_without_a_start_is_reported_and_ignored() {
    let deadline = reply(
        &[received("2024-09-27"), ended("2024-10-10", OtherAgency)],
        "2024-10-11",
    );
    assert_eq!(deadline.date, d("2024-10-30"));
    assert_eq!(
        deadline.warnings,
        vec!["2024-10-10 征求其他机关意见结束，但此前未登记开始，未计入暂停".to_owned()]
    );
}

#[test]
fn an_extension_adds_its_working_days() {
    // 30 working days after 09-27: 10-31 21, 11-01 22, 11-04..08 23–27, 11-11..13 28–30.
    let deadline = reply(
        &[
            received("2024-09-27"),
            Extended {
                date: d("2024-10-25"),
                workdays: 10,
            },
        ],
        "2024-10-28",
    );
    assert_eq!(deadline.date, d("2024-11-13"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；延期 10 个工作日；答复期限 2024-11-13"
    );
}

#[test]
fn extensions_beyond_twenty_working_days_are_refused() {
    assert_eq!(validate_extension(&[received("2024-09-27")], 20), Ok(()));
    assert_eq!(
        validate_extension(&[received("2024-09-27")], 21),
        Err(ClockError::ExtensionTooLong {
            already: 0,
            requested: 21
        })
    );
    let once = [
        received("2024-09-27"),
        Extended {
            date: d("2024-10-25"),
            workdays: 15,
        },
    ];
    assert_eq!(validate_extension(&once, 5), Ok(()));
    let err = validate_extension(&once, 10).expect_err("15 + 10 > 20");
    assert_eq!(
        err,
        ClockError::ExtensionTooLong {
            already: 15,
            requested: 10
        }
    );
    assert_eq!(
        err.to_string(),
        "延期合计不得超过 20 个工作日：已延期 15 个工作日，本次 10 个工作日"
    );
    assert_eq!(
        validate_extension(&once, 0),
        Err(ClockError::EmptyExtension)
    );
    assert_eq!(
        ClockError::EmptyExtension.to_string(),
        "延期须至少 1 个工作日"
    );
}

#[test]
fn recorded_extensions_beyond_the_cap_count_as_twenty() {
    let events = [
        received("2024-09-27"),
        Extended {
            date: d("2024-10-25"),
            workdays: 15,
        },
        Extended {
            date: d("2024-10-28"),
            workdays: 10,
        },
    ];
    // 40 working days: three before 12-02 (day 43) is 11-27.
    let deadline = reply(&events, "2024-10-29");
    assert_eq!(deadline.date, d("2024-11-27"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；延期 20 个工作日；答复期限 2024-11-27"
    );
    assert_eq!(
        deadline.warnings,
        vec!["延期合计 25 个工作日，超过法定上限 20 个工作日，按 20 个工作日计算".to_owned()]
    );
}

#[test]
fn an_extension_decided_after_the_deadline_is_flagged() {
    let deadline = reply(
        &[
            received("2024-09-27"),
            Extended {
                date: d("2024-11-01"),
                workdays: 5,
            },
        ],
        "2024-11-01",
    );
    // 25 working days: 11-04 23, 11-05 24, 11-06 25.
    assert_eq!(deadline.date, d("2024-11-06"));
    assert_eq!(
        deadline.warnings,
        vec!["2024-11-01 决定延期，晚于原答复期限 2024-10-30".to_owned()]
    );
}

#[test]
fn an_article_35_date_overrides_the_statutory_one() {
    let cal = Calendar::shipped();
    let events = [
        received("2024-09-27"),
        started("2024-10-14", ThirdParty),
        ended("2024-10-17", ThirdParty),
        Extended {
            date: d("2024-10-25"),
            workdays: 20,
        },
        Deferred {
            date: d("2024-11-20"),
            until: d("2025-01-15"),
        },
    ];
    let state = assess(&events, d("2024-12-02"), &cal);
    let deadline = state.reply.expect("deferred");
    assert_eq!(deadline.date, d("2025-01-15"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；征求第三方意见暂停 3 个工作日；延期 20 个工作日；法定答复期限 2024-12-02；2024-11-20 依第三十五条确定延迟答复期限；答复期限 2025-01-15"
    );
    assert!(!state.overdue);
    // (12-02, 2025-01-15]: December 3–6, 9–13, 16–20, 23–27, 30–31 = 21; January 2, 3, 6–10,
    // 13–15 = 10 (01-01 is 元旦).
    assert_eq!(state.workdays_left, Some(31));

    // An Art. 35 date earlier than the statutory one still wins, with a warning.
    let early = [
        received("2024-09-27"),
        Deferred {
            date: d("2024-10-08"),
            until: d("2024-10-20"),
        },
    ];
    let deadline = reply(&early, "2024-10-08");
    assert_eq!(deadline.date, d("2024-10-20"));
    assert_eq!(
        deadline.warnings,
        vec!["第三十五条确定的答复期限 2024-10-20 早于法定答复期限 2024-10-30".to_owned()]
    );
}

#[test]
fn an_article_35_date_applies_even_while_waiting_for_a_correction() {
    let events = [
        received("2024-09-27"),
        CorrectionRequested {
            date: d("2024-10-09"),
        },
        Deferred {
            date: d("2024-10-10"),
            until: d("2024-12-31"),
        },
    ];
    let deadline = reply(&events, "2024-10-11");
    assert_eq!(deadline.date, d("2024-12-31"));
    assert_eq!(
        deadline.derivation,
        "2024-09-27 收到申请；2024-10-09 告知补正；待申请人补正，答复期限自收到补正之日起计算；2024-10-10 依第三十五条确定延迟答复期限；答复期限 2024-12-31"
    );
}

#[test]
fn a_period_into_an_uncovered_year_says_so() {
    let events = [received("2026-12-20")];
    let cal = Calendar::shipped();
    // 12-21..25 1–5, 12-28..31 6–9, then 2027 without a notice: 01-01 元旦 predicted (issue 23),
    // 01-04..08 10–14, 01-11..15 15–19, 01-18 20.
    let deadline = reply_deadline(&events, d("2026-12-21"), &cal).expect("received");
    assert_eq!(deadline.date, d("2027-01-18"));
    assert_eq!(
        deadline.warnings,
        vec!["2027年放假通知未录入完整：按放假办法预计法定节假日，期限为预计；调休无法预计，实际期限可能更早".to_owned()]
    );
    // 12-21..25 1–5, 12-28 6, 12-29 7: all in 2026.
    let correction = correction_deadline(&events, &cal).expect("received");
    assert_eq!(correction.date, d("2026-12-29"));
    assert!(correction.warnings.is_empty());

    let with_2027 = Calendar::shipped().with_covered_year(2027);
    assert!(reply_deadline(&events, d("2026-12-21"), &with_2027)
        .expect("received")
        .warnings
        .is_empty());
}

#[test]
fn workdays_left_and_overdue() {
    let cal = Calendar::shipped();
    let events = [received("2024-09-27")];
    let at = |today: &str| {
        let state = assess(&events, d(today), &cal);
        (state.workdays_left, state.overdue)
    };
    assert_eq!(at("2024-10-29"), (Some(1), false));
    // Sat 10-26: Mon 28, Tue 29, Wed 30.
    assert_eq!(at("2024-10-26"), (Some(3), false));
    assert_eq!(at("2024-10-30"), (Some(0), false));
    // (10-30, 11-01]: Thu 31, Fri 1.
    assert_eq!(at("2024-11-01"), (Some(-2), true));
    // (10-30, 11-03]: the weekend adds nothing.
    assert_eq!(at("2024-11-03"), (Some(-2), true));
}

#[test]
fn events_in_any_order_give_the_same_deadline() {
    let in_order = [
        received("2024-09-27"),
        started("2024-10-14", ThirdParty),
        ended("2024-10-17", ThirdParty),
        Extended {
            date: d("2024-10-25"),
            workdays: 20,
        },
    ];
    let shuffled = [
        in_order[3].clone(),
        in_order[2].clone(),
        in_order[0].clone(),
        in_order[1].clone(),
    ];
    let cal = Calendar::shipped();
    assert_eq!(
        assess(&shuffled, d("2024-10-28"), &cal),
        assess(&in_order, d("2024-10-28"), &cal)
    );
}

#[test]
fn the_first_receipt_is_the_one_that_counts() {
    let deadline = reply(
        &[received("2024-10-08"), received("2024-09-27")],
        "2024-10-09",
    );
    assert_eq!(deadline.date, d("2024-10-30"));
}

#[test]
fn types_cross_the_ipc_boundary_as_serde_writes_them() {
    let cfg = ts_rs::Config::default();
    // serde writes i64 as a JSON number, so the TypeScript type must not be bigint.
    let state = ClockState::decl(&cfg);
    assert!(state.contains("workdays_left: number | null"), "{state}");
    // Events are internally tagged with snake_case names, as the ledger stores them.
    let event = ClockEvent::decl(&cfg);
    assert!(
        event.contains("\"type\": \"consultation_started\""),
        "{event}"
    );
    assert!(ConsultationKind::decl(&cfg).contains("\"third_party\""));
}

fn days_paused_in(derivation: &str) -> u32 {
    let after = derivation.split("暂停 ").nth(1).unwrap_or("0 ");
    after
        .split(' ')
        .next()
        .unwrap_or("0")
        .parse()
        .expect("a number of days")
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..2900).prop_map(|offset| d("2019-01-01") + chrono::Duration::days(offset))
}

proptest! {
    #[test]
    fn a_consultation_never_brings_the_deadline_earlier(
        receipt in any_date(),
        start_after in 0i64..60,
        length in 0i64..40,
        still_open in any::<bool>(),
        today_after in 0i64..120,
        third_party in any::<bool>(),
    ) {
        let cal = Calendar::shipped();
        let kind = if third_party { ThirdParty } else { OtherAgency };
        let begin = receipt + chrono::Duration::days(start_after);
        let today = receipt + chrono::Duration::days(today_after);
        let mut events = vec![Received { date: receipt }, ConsultationStarted { date: begin, kind }];
        if !still_open {
            events.push(ConsultationEnded { date: begin + chrono::Duration::days(length), kind });
        }
        let without = reply_deadline(&events[..1], today, &cal).expect("received").date;
        let with = reply_deadline(&events, today, &cal).expect("received").date;
        prop_assert!(with >= without, "{with} < {without}");
    }

    #[test]
    fn the_derivation_can_be_redone_by_hand(
        receipt in any_date(),
        start_after in 0i64..40,
        length in 0i64..40,
        extension in 0u32..=20,
    ) {
        let cal = Calendar::shipped();
        let begin = receipt + chrono::Duration::days(start_after);
        let mut events = vec![
            Received { date: receipt },
            ConsultationStarted { date: begin, kind: ThirdParty },
            ConsultationEnded { date: begin + chrono::Duration::days(length), kind: ThirdParty },
        ];
        if extension > 0 {
            events.push(Extended { date: receipt, workdays: extension });
        }
        let deadline = reply_deadline(&events, begin, &cal).expect("received");
        let paused = days_paused_in(&deadline.derivation);
        prop_assert_eq!(deadline.date, cal.add_workdays(receipt, 20 + paused + extension), "{}", deadline.derivation);
    }

    #[test]
    fn an_article_35_date_always_wins(
        receipt in any_date(),
        consult_after in 0i64..30,
        extension in 0u32..=20,
        decided_after in 0i64..60,
        until_after in 0i64..200,
        today_after in 0i64..200,
    ) {
        let cal = Calendar::shipped();
        let decided = receipt + chrono::Duration::days(decided_after);
        let until = receipt + chrono::Duration::days(until_after);
        let events = [
            Received { date: receipt },
            ConsultationStarted { date: receipt + chrono::Duration::days(consult_after), kind: OtherAgency },
            Extended { date: receipt, workdays: extension },
            Deferred { date: decided, until },
        ];
        let state = assess(&events, receipt + chrono::Duration::days(today_after), &cal);
        prop_assert_eq!(state.reply.map(|r| r.date), Some(until));
        prop_assert!(!state.paused);
    }
}

/// Issue 23: a reply deadline counted through a year whose notice is not confirmed carries 预计,
/// with the Monday–Friday date beside it (元旦 2030 is predicted: 2030-01-02, not 2030-01-01). The
/// 补正告知 deadline of the same request is exact (it ends in 2029, confirmed here), a date fixed
/// under Art. 35 is never 预计, and confirming 2030 ends it.
#[test]
fn a_reply_deadline_through_an_unconfirmed_year_is_marked_with_its_weekday_date() {
    let cal = Calendar::shipped().with_covered_year(2029);
    let events = [received("2029-12-04")];
    let clock = assess(&events, d("2029-12-05"), &cal);
    let reply = clock.reply.expect("a reply deadline");
    assert_eq!(reply.date, d("2030-01-02"));
    let estimate = reply.estimate.expect("预计");
    assert_eq!(estimate.weekday_date, d("2030-01-01"));
    assert!(estimate.reason.contains("调休无法预计"), "{}", estimate.reason);
    assert!(clock.correction.expect("补正告知期限").estimate.is_none(), "seven working days end in 2029");

    // An extension counted the same way moves both dates on.
    let extended = [received("2029-12-04"), Extended { date: d("2029-12-20"), workdays: 5 }];
    let reply = assess(&extended, d("2029-12-21"), &cal).reply.expect("a reply deadline");
    assert_eq!(reply.date, d("2030-01-09"));
    assert_eq!(reply.estimate.expect("预计").weekday_date, d("2030-01-08"));

    let deferred = [received("2029-12-04"), Deferred { date: d("2029-12-10"), until: d("2030-02-01") }];
    assert!(assess(&deferred, d("2029-12-11"), &cal).reply.expect("Art. 35 date").estimate.is_none());

    let confirmed = cal.with_covered_year(2030);
    let reply = assess(&events, d("2029-12-05"), &confirmed).reply.expect("a reply deadline");
    assert!(reply.estimate.is_none() && reply.warnings.is_empty());
    assert_eq!(reply.date, d("2030-01-01"), "a confirmed year without 元旦 entered counts it as a working day");
}
