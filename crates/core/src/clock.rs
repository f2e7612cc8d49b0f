//! 法定时限 (statutory clock): the 补正 and 答复 deadlines of a 依申请公开 request, derived from
//! its events, `today` and the working-day calendar (条例 Art. 30–35, statutes.md §1).
//!
//! Deadlines are never stored. Every function here is a pure function of its arguments, so the
//! same events always give the same deadline, and each deadline carries a Chinese derivation a
//! clerk can redo by hand with a wall calendar.
//!
//! Rules, in the order they apply:
//! - 补正告知 (Art. 30): due 7 working days after receipt.
//! - 答复 (Art. 33): due 20 working days after receipt; when a correction was asked, counted
//!   again from the day the corrected request arrives (Art. 30).
//! - 征求意见 (Art. 33 para 3): working days spent consulting a third party or another agency are
//!   not counted. A consultation started on S and ended on E pauses the working days in (S, E]:
//!   S is an ordinary day of the period (the letter goes out that day), E is the last paused
//!   day. An ongoing consultation pauses through `today`, so while it lasts the deadline moves
//!   one working day later each working day. Overlapping consultations pause each day once.
//! - 延期 (Art. 33 para 2): adds the approved working days, at most 20 in total.
//! - 延迟答复 (Art. 35): a reply date the agency set overrides all of the above.

use std::collections::VecDeque;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::{Calendar, Estimate, ESTIMATE_REASON};

/// Art. 30: "自收到申请之日起7个工作日内一次性告知申请人作出补正".
pub const CORRECTION_NOTICE_WORKDAYS: u32 = 7;
/// Art. 33: "自收到申请之日起20个工作日内予以答复".
pub const REPLY_WORKDAYS: u32 = 20;
/// Art. 33: "延长的期限最长不得超过20个工作日".
pub const MAX_EXTENSION_WORKDAYS: u32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationKind {
    /// 征求第三方意见 (Art. 32).
    ThirdParty,
    /// 征求其他机关意见 (Art. 33 para 3, Art. 34).
    OtherAgency,
}

impl ConsultationKind {
    pub const ALL: [ConsultationKind; 2] = [ConsultationKind::ThirdParty, ConsultationKind::OtherAgency];

    /// The word that completes "征求…意见".
    pub fn label(self) -> &'static str {
        match self {
            ConsultationKind::ThirdParty => "第三方",
            ConsultationKind::OtherAgency => "其他机关",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClockEvent {
    /// 收到申请, on the receipt date fixed by Art. 31.
    Received { date: NaiveDate },
    /// 告知补正 sent to the applicant.
    CorrectionRequested { date: NaiveDate },
    /// 收到补正后的申请: the reply clock starts again from here.
    CorrectionReceived { date: NaiveDate },
    ConsultationStarted {
        date: NaiveDate,
        kind: ConsultationKind,
    },
    ConsultationEnded {
        date: NaiveDate,
        kind: ConsultationKind,
    },
    /// 延期, approved by the head of the disclosure office and told to the applicant.
    Extended { date: NaiveDate, workdays: u32 },
    /// 延迟答复 under Art. 35: the agency set a later reply date.
    Deferred { date: NaiveDate, until: NaiveDate },
}

impl ClockEvent {
    pub fn date(&self) -> NaiveDate {
        match *self {
            ClockEvent::Received { date }
            | ClockEvent::CorrectionRequested { date }
            | ClockEvent::CorrectionReceived { date }
            | ClockEvent::ConsultationStarted { date, .. }
            | ClockEvent::ConsultationEnded { date, .. }
            | ClockEvent::Extended { date, .. }
            | ClockEvent::Deferred { date, .. } => date,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Deadline {
    pub date: NaiveDate,
    /// Steps a clerk can redo by hand, e.g. "2024-09-27 收到申请；答复期限 2024-10-30".
    pub derivation: String,
    /// Things to double-check: uncovered calendar years, late or oversized steps.
    pub warnings: Vec<String>,
    /// 预计: the counted period runs through a year whose notice is not confirmed complete, so
    /// `date` rests on predicted statutory holidays; the plain Monday–Friday date and the reason
    /// go beside it (issue 23). None for a date the agency fixed (Art. 35).
    pub estimate: Option<Estimate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClockState {
    /// None before receipt, and while waiting for the corrected request (unless Art. 35 set a date).
    pub reply: Option<Deadline>,
    pub correction: Option<Deadline>,
    /// A consultation is under way and is holding the reply deadline back.
    pub paused: bool,
    /// Working days from `today` to the reply deadline, negative when overdue.
    #[ts(type = "number | null")]
    pub workdays_left: Option<i64>,
    pub overdue: bool,
    /// A correction was asked and the corrected request has not arrived yet.
    pub awaiting_correction: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("延期须至少 1 个工作日")]
    EmptyExtension,
    #[error("延期合计不得超过 20 个工作日：已延期 {already} 个工作日，本次 {requested} 个工作日")]
    ExtensionTooLong { already: u32, requested: u32 },
}

/// Checks a new extension against those already recorded, before it is appended: the law caps
/// the total, not each decision.
pub fn validate_extension(events: &[ClockEvent], workdays: u32) -> Result<(), ClockError> {
    if workdays == 0 {
        return Err(ClockError::EmptyExtension);
    }
    let already = extension_total(events.iter());
    if already.saturating_add(workdays) > MAX_EXTENSION_WORKDAYS {
        return Err(ClockError::ExtensionTooLong {
            already,
            requested: workdays,
        });
    }
    Ok(())
}

/// The Art. 30 deadline for telling the applicant what to correct. None when nothing was received.
pub fn correction_deadline(events: &[ClockEvent], cal: &Calendar) -> Option<Deadline> {
    let events = sorted(events);
    let receipt = receipt_date(&events)?;
    let due = cal.due(receipt, CORRECTION_NOTICE_WORKDAYS);
    let mut warnings = due.warnings;
    let first_request = events.iter().find_map(|e| match e {
        ClockEvent::CorrectionRequested { date } if *date >= receipt => Some(*date),
        _ => None,
    });
    if let Some(requested) = first_request.filter(|requested| *requested > due.date) {
        warnings.push(format!(
            "{requested} 告知补正，晚于补正告知期限 {}",
            due.date
        ));
    }
    Some(Deadline {
        date: due.date,
        derivation: format!(
            "{receipt} 收到申请；{CORRECTION_NOTICE_WORKDAYS} 个工作日内一次性告知补正；补正告知期限 {}",
            due.date
        ),
        warnings,
        estimate: due.estimate,
    })
}

/// The reply deadline (Art. 30, 33, 35). None when nothing was received, and while a requested
/// correction has not arrived, unless an Art. 35 date was set.
pub fn reply_deadline(events: &[ClockEvent], today: NaiveDate, cal: &Calendar) -> Option<Deadline> {
    analyze(events, today, cal).and_then(|reply| reply.deadline)
}

/// Everything the request list shows about the clock on `today`.
pub fn assess(events: &[ClockEvent], today: NaiveDate, cal: &Calendar) -> ClockState {
    let correction = correction_deadline(events, cal);
    let Some(reply) = analyze(events, today, cal) else {
        return ClockState {
            reply: None,
            correction,
            paused: false,
            workdays_left: None,
            overdue: false,
            awaiting_correction: false,
        };
    };
    let (workdays_left, overdue) = match &reply.deadline {
        None => (None, false),
        Some(deadline) if deadline.date >= today => {
            // Paused days after today only exist if an end date was entered ahead of time;
            // they are not days the clerk has to work with.
            let left = count_days(today, deadline.date, |d| {
                cal.is_workday(d) && !reply.counting_pauses.iter().any(|p| p.contains(d))
            });
            (Some(i64::from(left)), false)
        }
        Some(deadline) => (
            Some(-i64::from(cal.workdays_between(deadline.date, today))),
            true,
        ),
    };
    ClockState {
        reply: reply.deadline,
        correction,
        paused: reply.paused,
        workdays_left,
        overdue,
        awaiting_correction: reply.awaiting_correction,
    }
}

struct Reply {
    deadline: Option<Deadline>,
    awaiting_correction: bool,
    paused: bool,
    /// The pauses the deadline was counted with; empty when Art. 35 fixed the date.
    counting_pauses: Vec<Pause>,
}

/// Working days in (after, until] are not counted.
#[derive(Debug, Clone, Copy)]
struct Pause {
    kind: ConsultationKind,
    started: NaiveDate,
    until: NaiveDate,
    ongoing: bool,
}

impl Pause {
    fn contains(&self, d: NaiveDate) -> bool {
        self.started < d && d <= self.until
    }
}

/// The Monday–Friday reply date beside a 预计 one: the same events counted on `cal` with the
/// unconfirmed `years` taken as having no predicted holidays. None when no year is unconfirmed.
fn estimate_of(events: &[ClockEvent], today: NaiveDate, cal: &Calendar, years: Vec<i32>) -> Option<Estimate> {
    if years.is_empty() {
        return None;
    }
    let plain = cal.without_predictions(&years);
    let weekday_date = analyze(events, today, &plain)?.deadline?.date;
    Some(Estimate {
        weekday_date,
        reason: ESTIMATE_REASON.to_string(),
    })
}

fn analyze(events_all: &[ClockEvent], today: NaiveDate, cal: &Calendar) -> Option<Reply> {
    let events = sorted(events_all);
    let receipt = receipt_date(&events)?;
    let mut parts = vec![format!("{receipt} 收到申请")];
    let mut warnings = Vec::new();

    // Walk the correction steps: each request stops the clock, each corrected request restarts it.
    let mut start = receipt;
    let mut awaiting_correction = false;
    for event in &events {
        match **event {
            ClockEvent::CorrectionRequested { date } | ClockEvent::CorrectionReceived { date }
                if date < receipt =>
            {
                warnings.push(format!("{date} 的补正记录早于收到申请日 {receipt}，未计入"));
            }
            ClockEvent::CorrectionRequested { date } => {
                awaiting_correction = true;
                parts.push(format!("{date} 告知补正"));
            }
            ClockEvent::CorrectionReceived { date } => {
                awaiting_correction = false;
                start = date;
                parts.push(format!("{date} 收到补正，答复期限自该日起重新计算"));
            }
            _ => {}
        }
    }

    let deferral = events.iter().rev().find_map(|e| match **e {
        ClockEvent::Deferred { date, until } => Some((date, until)),
        _ => None,
    });

    if awaiting_correction {
        parts.push("待申请人补正，答复期限自收到补正之日起计算".to_owned());
        let deadline = deferral.map(|(decided, until)| {
            parts.push(format!("{decided} 依第三十五条确定延迟答复期限"));
            parts.push(format!("答复期限 {until}"));
            Deadline {
                date: until,
                derivation: parts.join("；"),
                warnings,
                estimate: None,
            }
        });
        return Some(Reply {
            deadline,
            awaiting_correction,
            paused: false,
            counting_pauses: Vec::new(),
        });
    }

    let pauses = consultation_pauses(&events, today, &mut warnings);
    let is_paused = |d: NaiveDate| pauses.iter().any(|p| p.contains(d));
    let count_from_start =
        |n: u32| add_counted_days(start, n, |d| cal.is_workday(d) && !is_paused(d));

    let recorded_extension = extension_total(events.iter().copied());
    let extension = recorded_extension.min(MAX_EXTENSION_WORKDAYS);
    if recorded_extension > MAX_EXTENSION_WORKDAYS {
        warnings.push(format!(
            "延期合计 {recorded_extension} 个工作日，超过法定上限 {MAX_EXTENSION_WORKDAYS} 个工作日，按 {MAX_EXTENSION_WORKDAYS} 个工作日计算"
        ));
    }
    let unextended = count_from_start(REPLY_WORKDAYS);
    let statutory = count_from_start(REPLY_WORKDAYS + extension);
    for event in &events {
        if let ClockEvent::Extended { date, .. } = **event {
            if date > unextended {
                warnings.push(format!("{date} 决定延期，晚于原答复期限 {unextended}"));
            }
        }
    }

    let effective_ongoing = pause_parts(
        &pauses,
        start,
        statutory,
        today,
        cal,
        &mut parts,
        &mut warnings,
    );
    if extension > 0 {
        parts.push(format!("延期 {extension} 个工作日"));
    }
    // Pause days and uncovered years both lie inside the counted span, so one check covers them.
    warnings.extend(cal.coverage_warnings(start, statutory));

    let reply = match deferral {
        None => {
            let suffix = if effective_ongoing {
                "（暂停结束前逐日顺延）"
            } else {
                ""
            };
            parts.push(format!("答复期限 {statutory}{suffix}"));
            Reply {
                deadline: Some(Deadline {
                    date: statutory,
                    derivation: parts.join("；"),
                    warnings,
                    estimate: estimate_of(events_all, today, cal, cal.uncovered_years(start, statutory)),
                }),
                awaiting_correction,
                paused: effective_ongoing,
                counting_pauses: pauses,
            }
        }
        Some((decided, until)) => {
            parts.push(format!("法定答复期限 {statutory}"));
            parts.push(format!("{decided} 依第三十五条确定延迟答复期限"));
            parts.push(format!("答复期限 {until}"));
            if until < statutory {
                warnings.push(format!(
                    "第三十五条确定的答复期限 {until} 早于法定答复期限 {statutory}"
                ));
            }
            Reply {
                deadline: Some(Deadline {
                    date: until,
                    derivation: parts.join("；"),
                    warnings,
                    estimate: None,
                }),
                awaiting_correction,
                paused: false,
                counting_pauses: Vec::new(),
            }
        }
    };
    Some(reply)
}

/// Pairs starts and ends of the same kind first-in, first-out: two third parties consulted at
/// once are two intervals, and the event log does not say which one answered first.
fn consultation_pauses(
    events: &[&ClockEvent],
    today: NaiveDate,
    warnings: &mut Vec<String>,
) -> Vec<Pause> {
    let slot = |kind: ConsultationKind| match kind {
        ConsultationKind::ThirdParty => 0,
        ConsultationKind::OtherAgency => 1,
    };
    let mut open: [VecDeque<NaiveDate>; 2] = Default::default();
    let mut pauses = Vec::new();
    for event in events {
        match **event {
            ClockEvent::ConsultationStarted { date, kind } => open[slot(kind)].push_back(date),
            ClockEvent::ConsultationEnded { date, kind } => match open[slot(kind)].pop_front() {
                Some(started) => pauses.push(Pause {
                    kind,
                    started,
                    until: date,
                    ongoing: false,
                }),
                None => warnings.push(format!(
                    "{date} 征求{}意见结束，但此前未登记开始，未计入暂停",
                    kind.label()
                )),
            },
            _ => {}
        }
    }
    for kind in [ConsultationKind::ThirdParty, ConsultationKind::OtherAgency] {
        for &started in &open[slot(kind)] {
            pauses.push(Pause {
                kind,
                started,
                until: today,
                ongoing: true,
            });
        }
    }
    pauses
}

/// Writes the consultation steps of the derivation, counting paused working days in
/// (start, deadline] so that `start + 20 + paused + extension` working days gives the deadline.
/// Returns whether an ongoing consultation is holding the deadline back.
fn pause_parts(
    pauses: &[Pause],
    start: NaiveDate,
    deadline: NaiveDate,
    today: NaiveDate,
    cal: &Calendar,
    parts: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> bool {
    let paused_days = |filter: &dyn Fn(&Pause) -> bool| {
        count_days(start, deadline, |d| {
            cal.is_workday(d) && pauses.iter().any(|p| filter(p) && p.contains(d))
        })
    };

    let mut effective_ongoing = false;
    let mut shown = Vec::new();
    for kind in [ConsultationKind::ThirdParty, ConsultationKind::OtherAgency] {
        let days = paused_days(&|p| p.kind == kind);
        // An ongoing consultation begun after the deadline passed cannot revive it.
        let ongoing = pauses
            .iter()
            .any(|p| p.kind == kind && p.ongoing && p.started < deadline);
        for late in pauses
            .iter()
            .filter(|p| p.kind == kind && p.ongoing && p.started >= deadline)
        {
            warnings.push(format!(
                "{} 开始征求{}意见时答复期限 {deadline} 已届满，不再暂停",
                late.started,
                kind.label()
            ));
        }
        effective_ongoing |= ongoing;
        if ongoing {
            parts.push(format!(
                "征求{}意见中，期限暂停（截至 {today} 已暂停 {days} 个工作日）",
                kind.label()
            ));
        } else if days > 0 {
            parts.push(format!("征求{}意见暂停 {days} 个工作日", kind.label()));
        }
        if ongoing || days > 0 {
            shown.push(days);
        }
    }
    if shown.len() > 1 {
        let total = paused_days(&|_| true);
        let overlap = shown.iter().sum::<u32>() - total;
        if overlap > 0 {
            parts.push(format!(
                "重叠 {overlap} 个工作日只计一次，共暂停 {total} 个工作日"
            ));
        }
    }
    effective_ongoing
}

/// Events in date order; same-day events keep the order given, which is the order they happened.
fn sorted(events: &[ClockEvent]) -> Vec<&ClockEvent> {
    let mut events: Vec<&ClockEvent> = events.iter().collect();
    events.sort_by_key(|e| e.date());
    events
}

/// The first receipt wins: a second `Received` is a registration slip, and moving the start later
/// would hide time already spent.
fn receipt_date(events: &[&ClockEvent]) -> Option<NaiveDate> {
    events.iter().find_map(|e| match **e {
        ClockEvent::Received { date } => Some(date),
        _ => None,
    })
}

fn extension_total<'a>(events: impl Iterator<Item = &'a ClockEvent>) -> u32 {
    events
        .filter_map(|e| match *e {
            ClockEvent::Extended { workdays, .. } => Some(workdays),
            _ => None,
        })
        .fold(0u32, u32::saturating_add)
}

/// The n-th day after `from` that `counts`; `from` itself is never counted.
fn add_counted_days(from: NaiveDate, n: u32, counts: impl Fn(NaiveDate) -> bool) -> NaiveDate {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        let Some(next) = day.succ_opt() else {
            return day;
        };
        day = next;
        if counts(day) {
            left -= 1;
        }
    }
    day
}

/// Days in (after, upto] that `counts`.
fn count_days(after: NaiveDate, upto: NaiveDate, counts: impl Fn(NaiveDate) -> bool) -> u32 {
    after
        .iter_days()
        .skip(1)
        .take_while(|d| *d <= upto)
        .filter(|d| counts(*d))
        .count() as u32
}
