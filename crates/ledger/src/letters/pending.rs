//! The letters that recent events call for and have not been issued yet, and issuing them as one printed batch.

use chrono::{Duration, NaiveDate};
use gongkai_core::clock::ConsultationKind;
use gongkai_core::letter::{self, LetterKind, LetterPrint};
use gongkai_core::request::EventDetail;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::requests::{self, Actor};
use crate::{Error, Ledger, Result};
use super::issue::{IssuedLetter, Render, issue};

/// 待出具告知书 looks this many days back for events that call for a letter.
pub const PENDING_LOOKBACK_DAYS: i64 = 30;

/// A letter that an event calls for and that has not been issued since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PendingLetter {
    pub request_number: String,
    pub applicant_name: String,
    pub kind: LetterKind,
    pub kind_label: String,
    /// The date of the event that calls for the letter.
    pub since: String,
}

/// Which letter an event calls for.
fn called_for(detail: &EventDetail) -> Option<LetterKind> {
    Some(match detail {
        EventDetail::Registered {} => LetterKind::Receipt,
        EventDetail::CorrectionRequested { .. } => LetterKind::CorrectionNotice,
        EventDetail::Extended { .. } => LetterKind::ExtensionNotice,
        EventDetail::ConsultationStarted { consultation: ConsultationKind::ThirdParty, .. } => {
            LetterKind::ThirdPartyConsultation
        }
        EventDetail::ConsultationStarted { consultation: ConsultationKind::OtherAgency, .. } => {
            LetterKind::AgencyConsultation
        }
        EventDetail::FeeNoticeIssued { .. } => LetterKind::FeeNotice,
        EventDetail::Replied { .. } | EventDetail::CorrectionLapsed { .. } | EventDetail::FeeUnpaid { .. } => {
            LetterKind::Reply
        }
        _ => return None,
    })
}

/// The letters called for by events of the last [`PENDING_LOOKBACK_DAYS`] days (imported history
/// excepted) that have not been issued since the event, that the request's state still allows
/// and that were not dismissed, oldest first.
pub fn pending(ledger: &Ledger, today: NaiveDate) -> Result<Vec<PendingLetter>> {
    let conn = ledger.conn();
    let from = requests::ymd(today - Duration::days(PENDING_LOOKBACK_DAYS));
    let kinds = ["registered", "correction_requested", "extended", "consultation_started", "fee_notice_issued", "replied", "correction_lapsed", "fee_unpaid"];
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT DISTINCT r.id, r.number, r.applicant_name FROM request_event e JOIN request r ON r.id = e.request_id
             WHERE e.kind IN ({}) AND e.event_date >= ?1 AND e.event_date <= ?2 AND e.imported = 0
             ORDER BY r.id",
            kinds.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")
        ))
        .map_err(|e| Error::sqlite("读取待出具告知书", e))?;
    let cases = stmt
        .query_map(params![from, requests::ymd(today)], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .map_err(|e| Error::sqlite("读取待出具告知书", e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::sqlite("读取待出具告知书", e))?;
    let mut out = Vec::new();
    for (id, number, applicant_name) in cases {
        let events = requests::load_events(conn, id)?;
        let plain: Vec<_> = events.iter().map(|e| e.event.clone()).collect();
        let dismissed = super::dismiss::dismissed_keys(conn, id)?;
        let mut open: Vec<(LetterKind, NaiveDate)> = Vec::new();
        for e in &events {
            if let EventDetail::LetterIssued { letter, .. } = &e.event.detail {
                open.retain(|(k, _)| k != letter);
                continue;
            }
            if e.imported || requests::ymd(e.event.date) < from {
                continue;
            }
            if let Some(kind) = called_for(&e.event.detail) {
                open.retain(|(k, _)| *k != kind);
                open.push((kind, e.event.date));
            }
        }
        // Never propose what issuing would refuse now (the one rule, `letter::state_allows`), nor
        // what the office dismissed with a reason.
        open.retain(|(kind, since)| {
            letter::state_allows(*kind, &plain).is_ok()
                && !dismissed.iter().any(|(k, s)| k == kind.code() && *s == requests::ymd(*since))
        });
        out.extend(open.into_iter().map(|(kind, since)| PendingLetter {
            request_number: number.clone(),
            applicant_name: applicant_name.clone(),
            kind,
            kind_label: kind.label().into(),
            since: requests::ymd(since),
        }));
    }
    out.sort_by(|a, b| a.since.cmp(&b.since).then_with(|| a.request_number.cmp(&b.request_number)));
    Ok(out)
}

/// What a batch issue did: the letters issued (with their printed form, for one combined PDF)
/// and, for each letter that could not be made, why.
#[derive(Debug, Clone)]
pub struct BatchOutcome {
    pub issued: Vec<(IssuedLetter, LetterPrint)>,
    pub skipped: Vec<(PendingLetter, String)>,
}

/// Issues every pending letter with its template's text (each in its own transaction).
pub fn issue_pending(ledger: &mut Ledger, actor: &Actor, render: Render<'_>) -> Result<BatchOutcome> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let signed = crate::accounts::signed(ledger, actor);
    let actor = &signed;
    let mut out = BatchOutcome { issued: Vec::new(), skipped: Vec::new() };
    for p in pending(ledger, actor.today())? {
        match issue(ledger, &p.request_number, p.kind, None, actor, render) {
            Ok(done) => out.issued.push(done),
            Err(e @ (Error::Validation(_) | Error::App(_) | Error::NotFound(_))) => out.skipped.push((p, e.to_string())),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// A letter a batch could not make, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SkippedLetter {
    pub request_number: String,
    pub kind_label: String,
    pub reason: String,
}

/// What 批量出具并打印 did, for the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchSummary {
    pub issued: Vec<IssuedLetter>,
    pub skipped: Vec<SkippedLetter>,
    /// The combined PDF sent to the system's PDF viewer for printing, when one was made.
    pub pdf_path: Option<String>,
}

impl BatchOutcome {
    pub fn summary(&self, pdf_path: Option<String>) -> BatchSummary {
        BatchSummary {
            issued: self.issued.iter().map(|(i, _)| i.clone()).collect(),
            skipped: self
                .skipped
                .iter()
                .map(|(p, reason)| SkippedLetter {
                    request_number: p.request_number.clone(),
                    kind_label: p.kind_label.clone(),
                    reason: reason.clone(),
                })
                .collect(),
            pdf_path,
        }
    }
}
