//! The vocabularies the request form offers, from the core enums, with the 受理编号 pattern in force.

use gongkai_core::identity::IdKind;
use gongkai_core::request::{
    self, Channel, ReplyType, RequestStatus, ReviewKind,
    ReviewOutcome,
};
use gongkai_core::taxonomy::{ApplicantType, ReplyResult};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::{settings, Ledger, Result};
use super::register::KEY_NUMBER_PATTERN;

/// A code with its Chinese label (and, for results, the report group it sits in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LabeledOption {
    pub value: String,
    pub label: String,
    pub group: String,
}

/// The choices of every select in the request forms, with the statutory labels from the core,
/// so the window never spells a label of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestOptions {
    pub applicant_types: Vec<LabeledOption>,
    pub id_kinds: Vec<LabeledOption>,
    pub channels: Vec<LabeledOption>,
    pub statuses: Vec<LabeledOption>,
    pub results: Vec<LabeledOption>,
    pub reply_types: Vec<LabeledOption>,
    pub review_kinds: Vec<LabeledOption>,
    pub review_outcomes: Vec<LabeledOption>,
    /// The 受理编号 pattern in force.
    pub number_pattern: String,
}

pub fn options(ledger: &Ledger) -> Result<RequestOptions> {
    fn opt(value: &str, label: &str, group: &str) -> LabeledOption {
        LabeledOption {
            value: value.into(),
            label: label.into(),
            group: group.into(),
        }
    }
    let pattern = settings::get(ledger.conn(), KEY_NUMBER_PATTERN)?
        .unwrap_or_else(|| request::DEFAULT_NUMBER_PATTERN.to_string());
    Ok(RequestOptions {
        applicant_types: ApplicantType::ALL
            .iter()
            .map(|t| {
                opt(
                    t.code(),
                    t.label(),
                    if t.is_natural_person() {
                        ""
                    } else {
                        "法人或其他组织"
                    },
                )
            })
            .collect(),
        id_kinds: IdKind::ALL.iter().map(|k| opt(k.code(), k.label(), "")).collect(),
        channels: Channel::ALL
            .iter()
            .map(|c| opt(c.code(), c.label(), c.receipt_rule()))
            .collect(),
        statuses: RequestStatus::ALL
            .iter()
            .map(|s| opt(s.code(), s.label(), ""))
            .collect(),
        // 逾期未补正 and 逾期未缴费 are recorded by their own actions, not as a reply.
        results: ReplyResult::ALL
            .iter()
            .filter(|r| !matches!(r, ReplyResult::CorrectionOverdue | ReplyResult::FeeUnpaid))
            .map(|r| opt(&code_of(r), r.label(), r.group().label()))
            .collect(),
        reply_types: ReplyType::ALL.iter().map(|t| opt(&code_of(t), t.label(), "")).collect(),
        review_kinds: ReviewKind::ALL.iter().map(|k| opt(k.code(), k.label(), "")).collect(),
        review_outcomes: ReviewOutcome::ALL
            .iter()
            .map(|o| opt(o.code(), o.label(), ""))
            .collect(),
        number_pattern: pattern,
    })
}

/// The serde name of a unit enum value, which is what the window sends back (for ReplyResult it
/// differs from the stored code: `other_reason` vs `other`).
fn code_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
