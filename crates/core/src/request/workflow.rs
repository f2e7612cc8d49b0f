//! The status derived from a request's events, the actions allowed next, and `apply`, the one gate every appended event passes (条例 Art. 30–37, 42, 45), with the events' translation for the statutory clock.

use std::fmt;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::clock::{self, ClockEvent, ConsultationKind};
use crate::taxonomy::ReplyResult;
use crate::AppError;
use super::events::{ActionKind, EventDetail, RequestEvent};

/// 办理状态, derived from the events, never stored except as a projection for list filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// 办理中
    Processing,
    /// 待补正
    AwaitingCorrection,
    /// 征求意见中
    Consulting,
    /// 待缴费
    AwaitingFee,
    /// 已答复
    Replied,
    /// 已送达
    Delivered,
    /// 已终止: 逾期未补正 or 逾期未缴费.
    Closed,
    /// 已撤回
    Withdrawn,
    /// 已归档
    Archived,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 9] = [
        RequestStatus::Processing,
        RequestStatus::AwaitingCorrection,
        RequestStatus::Consulting,
        RequestStatus::AwaitingFee,
        RequestStatus::Replied,
        RequestStatus::Delivered,
        RequestStatus::Closed,
        RequestStatus::Withdrawn,
        RequestStatus::Archived,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::Processing => "processing",
            RequestStatus::AwaitingCorrection => "awaiting_correction",
            RequestStatus::Consulting => "consulting",
            RequestStatus::AwaitingFee => "awaiting_fee",
            RequestStatus::Replied => "replied",
            RequestStatus::Delivered => "delivered",
            RequestStatus::Closed => "closed",
            RequestStatus::Withdrawn => "withdrawn",
            RequestStatus::Archived => "archived",
        }
    }

    pub fn from_code(code: &str) -> Option<RequestStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Processing => "办理中",
            RequestStatus::AwaitingCorrection => "待补正",
            RequestStatus::Consulting => "征求意见中",
            RequestStatus::AwaitingFee => "待缴费",
            RequestStatus::Replied => "已答复",
            RequestStatus::Delivered => "已送达",
            RequestStatus::Closed => "已终止",
            RequestStatus::Withdrawn => "已撤回",
            RequestStatus::Archived => "已归档",
        }
    }

    /// Still inside the workflow: the reply deadline runs.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RequestStatus::Processing
                | RequestStatus::AwaitingCorrection
                | RequestStatus::Consulting
                | RequestStatus::AwaitingFee
        )
    }
}

impl fmt::Display for RequestStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Everything the events say, folded once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub status: Option<RequestStatus>,
    pub received: Option<NaiveDate>,
    /// The day the request left the workflow: reply, 撤回, 逾期未补正 or 逾期未缴费.
    pub concluded: Option<NaiveDate>,
    /// The report's leaf: the reply's result; 撤回 counts as 其他; the two closings as their rows.
    pub result: Option<ReplyResult>,
    pub correction_asked: bool,
    pub correction_received: bool,
    pub fee_notice_issued: bool,
    pub last_date: Option<NaiveDate>,
    /// Consultations started and not yet ended, per kind.
    pub open_consultations: Vec<ConsultationKind>,
}

/// Folds the events in the order they were appended.
pub fn summarize(events: &[RequestEvent]) -> Summary {
    let mut s = Summary {
        status: None,
        received: None,
        concluded: None,
        result: None,
        correction_asked: false,
        correction_received: false,
        fee_notice_issued: false,
        last_date: None,
        open_consultations: Vec::new(),
    };
    let mut awaiting_correction = false;
    let mut awaiting_fee = false;
    let (mut replied, mut delivered, mut closed, mut withdrawn, mut archived) = (false, false, false, false, false);
    for e in events {
        // A letter is paperwork about the case, not a step of it: reprinting a 登记回执 today must
        // not stop a clerk from recording yesterday's reply.
        if !matches!(e.detail, EventDetail::LetterIssued { .. }) {
            s.last_date = Some(s.last_date.map_or(e.date, |d| d.max(e.date)));
        }
        match &e.detail {
            EventDetail::Registered {} => {
                s.received.get_or_insert(e.date);
            }
            EventDetail::CorrectionRequested { .. } => {
                s.correction_asked = true;
                awaiting_correction = true;
            }
            EventDetail::CorrectionReceived {} => {
                s.correction_received = true;
                awaiting_correction = false;
            }
            EventDetail::CorrectionLapsed { .. } => {
                closed = true;
                conclude(&mut s, e.date, ReplyResult::CorrectionOverdue);
            }
            EventDetail::ConsultationStarted { consultation, .. } => s.open_consultations.push(*consultation),
            EventDetail::ConsultationEnded { consultation, .. } => {
                if let Some(i) = s.open_consultations.iter().position(|k| k == consultation) {
                    s.open_consultations.remove(i);
                }
            }
            EventDetail::Extended { .. }
            | EventDetail::Deferred { .. }
            | EventDetail::ExtensionProposed { .. }
            | EventDetail::ExtensionRejected { .. }
            | EventDetail::ReplyReviewed { .. }
            | EventDetail::ReplySigned { .. }
            | EventDetail::ReplySentBack { .. } => {}
            EventDetail::FeeNoticeIssued { .. } => {
                s.fee_notice_issued = true;
                awaiting_fee = true;
            }
            EventDetail::FeePaid { .. } => awaiting_fee = false,
            EventDetail::FeeUnpaid { .. } => {
                awaiting_fee = false;
                closed = true;
                conclude(&mut s, e.date, ReplyResult::FeeUnpaid);
            }
            EventDetail::Replied { result, .. } => {
                replied = true;
                conclude(&mut s, e.date, *result);
            }
            EventDetail::Delivered { .. } => delivered = true,
            EventDetail::Archived { .. } => archived = true,
            EventDetail::Withdrawn { .. } => {
                withdrawn = true;
                conclude(&mut s, e.date, ReplyResult::OtherReason);
            }
            EventDetail::LetterIssued { .. } => {}
            EventDetail::ClosedBeforeImport { .. } => {
                closed = true;
                conclude(&mut s, e.date, ReplyResult::OtherReason);
            }
        }
    }
    if s.received.is_some() {
        s.status = Some(if archived {
            RequestStatus::Archived
        } else if withdrawn {
            RequestStatus::Withdrawn
        } else if closed {
            RequestStatus::Closed
        } else if delivered {
            RequestStatus::Delivered
        } else if replied {
            RequestStatus::Replied
        } else if awaiting_correction {
            RequestStatus::AwaitingCorrection
        } else if awaiting_fee {
            RequestStatus::AwaitingFee
        } else if !s.open_consultations.is_empty() {
            RequestStatus::Consulting
        } else {
            RequestStatus::Processing
        });
    }
    s
}

/// The first conclusion wins: a request leaves the workflow once.
fn conclude(s: &mut Summary, date: NaiveDate, result: ReplyResult) {
    if s.concluded.is_none() {
        s.concluded = Some(date);
        s.result = Some(result);
    }
}

pub fn status(events: &[RequestEvent]) -> Option<RequestStatus> {
    summarize(events).status
}

/// The actions a clerk may take now, in the order the UI offers them.
pub fn allowed_actions(events: &[RequestEvent]) -> Vec<ActionKind> {
    use ActionKind as A;
    let s = summarize(events);
    let Some(status) = s.status else {
        return vec![A::Registered];
    };
    let extension_left = extension_total(events) < clock::MAX_EXTENSION_WORKDAYS;
    let pending = pending_extension(events).is_some();
    // While a proposal waits, the 负责人 approves it (延期) or rejects it; otherwise an extension
    // is recorded directly (ledgers without accounts) or proposed.
    let extension_actions = |out: &mut Vec<ActionKind>| {
        if pending {
            out.extend([A::Extended, A::ExtensionRejected]);
        } else if extension_left {
            out.push(A::Extended);
        }
    };
    let mut out = Vec::new();
    match status {
        RequestStatus::AwaitingCorrection => out.extend([A::CorrectionReceived, A::CorrectionLapsed, A::Withdrawn]),
        RequestStatus::AwaitingFee => out.extend([A::FeePaid, A::FeeUnpaid, A::Withdrawn]),
        RequestStatus::Processing => {
            out.push(A::Replied);
            // Art. 30: the agency tells the applicant "一次性" what to correct.
            if !s.correction_asked {
                out.push(A::CorrectionRequested);
            }
            out.push(A::ConsultationStarted);
            extension_actions(&mut out);
            if !s.fee_notice_issued {
                out.push(A::FeeNoticeIssued);
            }
            out.extend([A::Deferred, A::Withdrawn]);
        }
        RequestStatus::Consulting => {
            out.extend([A::ConsultationEnded, A::ConsultationStarted]);
            extension_actions(&mut out);
            out.extend([A::Deferred, A::Withdrawn]);
        }
        RequestStatus::Replied => out.extend([A::Delivered, A::Archived]),
        RequestStatus::Delivered | RequestStatus::Closed | RequestStatus::Withdrawn => out.push(A::Archived),
        RequestStatus::Archived => {}
    }
    out
}

/// Checks that `new` may be appended to `events` now. Refusals of the action itself carry
/// `InvalidTransition` and name the current status; bad details carry `Validation`.
pub fn apply(events: &[RequestEvent], new: &RequestEvent) -> Result<(), AppError> {
    let kind = new.detail.kind();
    let s = summarize(events);
    if kind == ActionKind::LetterIssued {
        if s.status.is_none() {
            return Err(AppError::invalid_transition("该申请尚未登记，不能出具告知书"));
        }
        if let Some(last) = s.last_date.filter(|last| new.date < *last) {
            return Err(AppError::validation(format!(
                "告知书日期 {} 早于上一条办理记录的日期 {last}",
                new.date
            )));
        }
        return Ok(());
    }
    if kind == ActionKind::ClosedBeforeImport {
        match s.status {
            None => return Err(AppError::invalid_transition("该申请尚未登记，不能标记为导入前已办结")),
            Some(status) if !status.is_open() => {
                return Err(AppError::invalid_transition(format!(
                    "当前状态为“{status}”，已不在办理中，不能标记为导入前已办结"
                )));
            }
            Some(_) => {}
        }
        if let Some(last) = s.last_date.filter(|last| new.date < *last) {
            return Err(AppError::validation(format!(
                "办结标记日期 {} 早于上一条办理记录的日期 {last}",
                new.date
            )));
        }
        if let EventDetail::ClosedBeforeImport { reason } = &new.detail {
            required("办结理由", reason)?;
        }
        return Ok(());
    }
    // A proposal is allowed wherever an extension is, unless one already waits. Review and
    // sign-off follow the reply (offered by the ledger only where accounts ask for them).
    let allowed = allowed_actions(events);
    let stage = reply_stage(events);
    let permitted = match kind {
        ActionKind::ExtensionProposed => allowed.contains(&ActionKind::Extended) && pending_extension(events).is_none(),
        ActionKind::ReplyReviewed => stage == Some(ReplyStage::Drafted),
        ActionKind::ReplySigned => stage == Some(ReplyStage::Reviewed),
        ActionKind::ReplySentBack => matches!(stage, Some(ReplyStage::Drafted | ReplyStage::Reviewed)),
        _ => allowed.contains(&kind),
    };
    if !permitted && matches!(kind, ActionKind::ReplyReviewed | ActionKind::ReplySigned | ActionKind::ReplySentBack) {
        let now = match stage {
            None => "尚未答复".to_string(),
            Some(s) => s.label().to_string(),
        };
        return Err(AppError::invalid_transition(format!("不能{}：答复书当前{now}", kind.label())));
    }
    if !permitted {
        let message = match s.status {
            None => format!("该申请尚未登记，不能{}", kind.label()),
            Some(status) if kind == ActionKind::Registered => {
                format!("该申请已登记（当前状态：{status}），不能重复登记")
            }
            Some(status) => {
                let why = match (kind, status) {
                    (ActionKind::CorrectionRequested, RequestStatus::Processing) => {
                        "：补正应一次性告知，本申请已告知过补正".to_string()
                    }
                    (ActionKind::Extended, RequestStatus::Processing | RequestStatus::Consulting) => {
                        format!("：延期合计已达 {} 个工作日上限", clock::MAX_EXTENSION_WORKDAYS)
                    }
                    (ActionKind::FeeNoticeIssued, RequestStatus::Processing) => "：本申请已发出过收费通知".to_string(),
                    (ActionKind::Replied, RequestStatus::Consulting) => "：请先登记征求意见结束".to_string(),
                    (ActionKind::Withdrawn, _) if !status.is_open() => "：撤回只能在答复之前".to_string(),
                    (ActionKind::ConsultationEnded, _) => match &new.detail {
                        EventDetail::ConsultationEnded { consultation, .. } => {
                            format!("：没有正在进行的征求{}意见", consultation.label())
                        }
                        _ => String::new(),
                    },
                    _ => String::new(),
                };
                format!("当前状态为“{status}”，不能{}{why}", kind.label())
            }
        };
        return Err(AppError::invalid_transition(message));
    }
    if let Some(last) = s.last_date.filter(|last| new.date < *last) {
        return Err(AppError::validation(format!(
            "{}日期 {} 早于上一条办理记录的日期 {last}，办理记录须按时间顺序登记",
            kind.label(),
            new.date
        )));
    }
    validate_detail(events, &s, new)
}

fn required(what: &str, value: &str) -> Result<(), AppError> {
    if value.trim().is_empty() {
        return Err(AppError::validation(format!("请填写{what}")));
    }
    if value.chars().count() > 2000 {
        return Err(AppError::validation(format!("{what}不能超过 2000 字")));
    }
    Ok(())
}

fn optional(what: &str, value: &str) -> Result<(), AppError> {
    if value.chars().count() > 2000 {
        return Err(AppError::validation(format!("{what}不能超过 2000 字")));
    }
    Ok(())
}

fn validate_detail(events: &[RequestEvent], s: &Summary, new: &RequestEvent) -> Result<(), AppError> {
    match &new.detail {
        EventDetail::Registered {} | EventDetail::CorrectionReceived {} => Ok(()),
        EventDetail::CorrectionRequested { grounds, items, correct_by } => {
            if grounds.is_empty() {
                required("需要补正的内容", items)?;
            } else {
                optional("需要补正的内容", items)?;
            }
            match correct_by {
                Some(by) if *by <= new.date => Err(AppError::validation(format!(
                    "补正期限 {by} 应晚于告知补正日期 {}",
                    new.date
                ))),
                _ => Ok(()),
            }
        }
        EventDetail::CorrectionLapsed { note } | EventDetail::FeeUnpaid { note } => optional("说明", note),
        EventDetail::ConsultationStarted { party, .. } => required("征求意见的对象", party),
        EventDetail::ConsultationEnded { consultation, opinion } => {
            if !s.open_consultations.contains(consultation) {
                return Err(AppError::invalid_transition(format!(
                    "没有正在进行的征求{}意见，不能登记其结束",
                    consultation.label()
                )));
            }
            optional("意见", opinion)
        }
        EventDetail::Extended {
            workdays,
            approver,
            reason,
        } => {
            required("审批人（政府信息公开工作机构负责人）", approver)?;
            required("延期理由", reason)?;
            let clock_events = clock_events(events);
            clock::validate_extension(&clock_events, *workdays).map_err(|e| AppError::validation(e.to_string()))
        }
        EventDetail::ExtensionProposed { workdays, reason } => {
            required("延期理由", reason)?;
            let clock_events = clock_events(events);
            clock::validate_extension(&clock_events, *workdays).map_err(|e| AppError::validation(e.to_string()))
        }
        EventDetail::ExtensionRejected { reason } => optional("驳回理由", reason),
        EventDetail::ReplyReviewed { comment } | EventDetail::ReplySigned { comment } => optional("意见", comment),
        EventDetail::ReplySentBack { comment } => required("退回意见", comment),
        EventDetail::FeeNoticeIssued { amount, basis } => {
            if *amount == 0 {
                return Err(AppError::validation("收费金额应大于 0 元"));
            }
            optional("收费依据", basis)
        }
        EventDetail::FeePaid { amount } => {
            let issued = events.iter().rev().find_map(|e| match e.detail {
                EventDetail::FeeNoticeIssued { amount, .. } => Some(amount),
                _ => None,
            });
            match issued {
                Some(want) if want != *amount => Err(AppError::validation(format!(
                    "缴费金额 {amount} 元与收费通知金额 {want} 元不一致"
                ))),
                _ => Ok(()),
            }
        }
        EventDetail::Deferred { until, reason } => {
            required("延迟答复的理由", reason)?;
            if *until <= new.date {
                return Err(AppError::validation(format!(
                    "延迟答复期限 {until} 应晚于决定日期 {}",
                    new.date
                )));
            }
            Ok(())
        }
        EventDetail::Replied {
            method, result, note, ..
        } => {
            required("答复方式", method)?;
            optional("说明", note)?;
            match result {
                ReplyResult::CorrectionOverdue => {
                    Err(AppError::validation("逾期不补正的申请请登记“逾期未补正”，不作答复"))
                }
                ReplyResult::FeeUnpaid => Err(AppError::validation("逾期未缴费的申请请登记“逾期未缴费”，不作答复")),
                ReplyResult::StillUnclear if !s.correction_received => {
                    Err(AppError::validation("“补正后申请内容仍不明确”只适用于已收到补正的申请"))
                }
                _ => Ok(()),
            }
        }
        EventDetail::Delivered { method, proof } => {
            required("送达方式", method)?;
            optional("送达凭证", proof)
        }
        EventDetail::Archived { archive_number } => required("档号", archive_number),
        EventDetail::Withdrawn { reason } => optional("撤回原因", reason),
        EventDetail::LetterIssued { .. } | EventDetail::ClosedBeforeImport { .. } => Ok(()),
    }
}

/// Where the reply's 答复书 stands in review and sign-off (ledgers with accounts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ReplyStage {
    /// Recorded (or sent back): waits for the 审核人.
    Drafted,
    /// Reviewed: waits for the 负责人.
    Reviewed,
    /// Signed off: may be issued.
    Signed,
}

impl ReplyStage {
    pub fn label(self) -> &'static str {
        match self {
            ReplyStage::Drafted => "待审核",
            ReplyStage::Reviewed => "待签发",
            ReplyStage::Signed => "已签发",
        }
    }
}

/// The stage of the latest reply, None before any reply.
pub fn reply_stage(events: &[RequestEvent]) -> Option<ReplyStage> {
    let mut stage = None;
    for e in events {
        match &e.detail {
            EventDetail::Replied { .. } | EventDetail::ReplySentBack { .. } => stage = Some(ReplyStage::Drafted),
            EventDetail::ReplyReviewed { .. } if stage.is_some() => stage = Some(ReplyStage::Reviewed),
            EventDetail::ReplySigned { .. } if stage.is_some() => stage = Some(ReplyStage::Signed),
            _ => {}
        }
    }
    stage
}

/// The extension proposed and not yet approved or rejected: (working days, reason, proposed on).
pub fn pending_extension(events: &[RequestEvent]) -> Option<(u32, String, chrono::NaiveDate)> {
    let mut pending = None;
    for e in events {
        match &e.detail {
            EventDetail::ExtensionProposed { workdays, reason } => pending = Some((*workdays, reason.clone(), e.date)),
            EventDetail::Extended { .. } | EventDetail::ExtensionRejected { .. } => pending = None,
            _ => {}
        }
    }
    pending
}

/// Working days of 延期 recorded so far (the law caps the total at 20).
pub fn extension_total(events: &[RequestEvent]) -> u32 {
    events
        .iter()
        .filter_map(|e| match e.detail {
            EventDetail::Extended { workdays, .. } => Some(workdays),
            _ => None,
        })
        .fold(0u32, u32::saturating_add)
}

/// The events the statutory clock counts with. Replies, deliveries and the like do not move it.
pub fn clock_events(events: &[RequestEvent]) -> Vec<ClockEvent> {
    events
        .iter()
        .filter_map(|e| {
            let date = e.date;
            Some(match &e.detail {
                EventDetail::Registered {} => ClockEvent::Received { date },
                EventDetail::CorrectionRequested { .. } => ClockEvent::CorrectionRequested { date },
                EventDetail::CorrectionReceived {} => ClockEvent::CorrectionReceived { date },
                EventDetail::ConsultationStarted { consultation, .. } => ClockEvent::ConsultationStarted {
                    date,
                    kind: *consultation,
                },
                EventDetail::ConsultationEnded { consultation, .. } => ClockEvent::ConsultationEnded {
                    date,
                    kind: *consultation,
                },
                EventDetail::Extended { workdays, .. } => ClockEvent::Extended {
                    date,
                    workdays: *workdays,
                },
                EventDetail::Deferred { until, .. } => ClockEvent::Deferred { date, until: *until },
                _ => return None,
            })
        })
        .collect()
}
