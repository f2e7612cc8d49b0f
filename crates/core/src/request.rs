//! 依申请公开的办理流程: a request's events, the status derived from them, which actions are
//! allowed now, and the checks an appended event must pass (条例 Art. 30–37, 42, 45).
//!
//! A request changes only by appending an event; nothing here stores a status or a deadline.
//! `apply` is the one gate every writer (window, IPC, command line) goes through, so a clerk
//! cannot reply to a request that is waiting for its correction, whatever the front end.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{self, ClockEvent, ConsultationKind};
use crate::letter::LetterKind;
use crate::taxonomy::ReplyResult;
use crate::AppError;

/// 申请方式 (Art. 29, 31). The channel decides which day counts as the receipt date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 当面
    InPerson,
    /// 邮寄
    Post,
    /// 网络 (网上申请平台、电子邮件)
    Online,
    /// 传真
    Fax,
    /// 其他
    Other,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::InPerson,
        Channel::Post,
        Channel::Online,
        Channel::Fax,
        Channel::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::InPerson => "in_person",
            Channel::Post => "post",
            Channel::Online => "online",
            Channel::Fax => "fax",
            Channel::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::InPerson => "当面",
            Channel::Post => "邮寄",
            Channel::Online => "网络",
            Channel::Fax => "传真",
            Channel::Other => "其他",
        }
    }

    /// Accepts the labels clerks write in old ledgers.
    pub fn from_label(label: &str) -> Option<Channel> {
        match label.trim() {
            "当面" | "当面提交" | "现场" | "窗口" => Some(Channel::InPerson),
            "邮寄" | "信函" | "邮政" | "快递" => Some(Channel::Post),
            "网络" | "网上" | "在线" | "互联网" | "电子邮件" | "邮件" | "网上申请" => {
                Some(Channel::Online)
            }
            "传真" => Some(Channel::Fax),
            "其他" | "其它" => Some(Channel::Other),
            _ => None,
        }
    }

    /// Art. 31: which day is 收到申请之日 for this channel.
    pub fn receipt_rule(self) -> &'static str {
        match self {
            Channel::InPerson => "当面提交的，以提交之日为收到申请之日（第三十一条第（一）项）",
            Channel::Post => "邮寄的，以签收之日为收到申请之日；平常信函等无需签收的，以与申请人确认之日为收到申请之日（第三十一条第（二）项）",
            Channel::Online | Channel::Fax => "通过互联网渠道或传真提交的，以双方确认之日为收到申请之日（第三十一条第（三）项）",
            Channel::Other => "以政府信息公开工作机构确认的收到日期为收到申请之日（第三十一条）",
        }
    }
}

/// Art. 36's seven kinds of reply, recorded where one applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReplyType {
    /// （一）已主动公开的，告知获取的方式和途径
    AlreadyPublic,
    /// （二）可以公开的，提供或告知获取的方式、途径和时间
    Provided,
    /// （三）决定不予公开的，告知并说明理由
    NotDisclosed,
    /// （四）经检索没有所申请公开信息的，告知该政府信息不存在
    NotExist,
    /// （五）不属于本机关负责公开的，告知并说明理由
    NotResponsible,
    /// （六）已就同一申请作出答复、申请人重复申请的，告知不予重复处理
    Repeated,
    /// （七）有关法律、行政法规对信息获取有特别规定的，告知依照规定办理
    SpecialLaw,
}

impl ReplyType {
    pub const ALL: [ReplyType; 7] = [
        ReplyType::AlreadyPublic,
        ReplyType::Provided,
        ReplyType::NotDisclosed,
        ReplyType::NotExist,
        ReplyType::NotResponsible,
        ReplyType::Repeated,
        ReplyType::SpecialLaw,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ReplyType::AlreadyPublic => "第三十六条第（一）项：已主动公开，告知获取方式和途径",
            ReplyType::Provided => "第三十六条第（二）项：可以公开，予以提供或告知获取方式",
            ReplyType::NotDisclosed => "第三十六条第（三）项：决定不予公开，说明理由",
            ReplyType::NotExist => "第三十六条第（四）项：经检索该政府信息不存在",
            ReplyType::NotResponsible => "第三十六条第（五）项：不属于本机关负责公开",
            ReplyType::Repeated => "第三十六条第（六）项：重复申请，不予重复处理",
            ReplyType::SpecialLaw => "第三十六条第（七）项：依照有关法律、行政法规的特别规定办理",
        }
    }
}

/// What happened, with what the clerk recorded about it. Stored as the event's JSON payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventDetail {
    /// 登记: the request was received (the event date is the Art. 31 receipt date).
    Registered {},
    /// 告知补正 (Art. 30): what to correct and, if set, by when.
    CorrectionRequested {
        items: String,
        #[ts(type = "string | null")]
        correct_by: Option<NaiveDate>,
    },
    /// 收到补正后的申请: the reply clock starts again.
    CorrectionReceived {},
    /// 逾期未补正: 视为放弃申请, the agency stops handling the request.
    CorrectionLapsed {
        note: String,
    },
    /// 征求第三方意见 / 征求其他机关意见 started (Art. 32, 34): the clock pauses.
    ConsultationStarted {
        consultation: ConsultationKind,
        party: String,
    },
    ConsultationEnded {
        consultation: ConsultationKind,
        opinion: String,
    },
    /// 延期 (Art. 33): approved by the head of the disclosure office and told to the applicant.
    Extended {
        workdays: u32,
        approver: String,
        reason: String,
    },
    /// 收费通知 (信息处理费, 国办函〔2020〕109号), amount in yuan.
    FeeNoticeIssued {
        amount: u32,
        basis: String,
    },
    FeePaid {
        amount: u32,
    },
    /// 逾期未缴费: the agency stops handling the request.
    FeeUnpaid {
        note: String,
    },
    /// 延迟答复 (Art. 35): a later reply date set by the agency.
    Deferred {
        #[ts(type = "string")]
        until: NaiveDate,
        reason: String,
    },
    /// 答复: how the reply was given, its statutory result and, where one applies, its Art. 36 type.
    Replied {
        method: String,
        result: ReplyResult,
        reply_type: Option<ReplyType>,
        note: String,
    },
    /// 送达
    Delivered {
        method: String,
        proof: String,
    },
    /// 归档
    Archived {
        archive_number: String,
    },
    /// 撤回: the applicant withdrew before the reply.
    Withdrawn {
        reason: String,
    },
    /// 出具告知书: a letter was issued (its text and PDF are kept with the request). Allowed in
    /// any state after 登记, never offered as a workflow action, and it does not move the clock.
    LetterIssued {
        letter: LetterKind,
        letter_number: String,
        title: String,
    },
}

/// The kinds of event, also the kinds of action a clerk can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Registered,
    CorrectionRequested,
    CorrectionReceived,
    CorrectionLapsed,
    ConsultationStarted,
    ConsultationEnded,
    Extended,
    FeeNoticeIssued,
    FeePaid,
    FeeUnpaid,
    Deferred,
    Replied,
    Delivered,
    Archived,
    Withdrawn,
    LetterIssued,
}

impl ActionKind {
    pub const ALL: [ActionKind; 16] = [
        ActionKind::Registered,
        ActionKind::CorrectionRequested,
        ActionKind::CorrectionReceived,
        ActionKind::CorrectionLapsed,
        ActionKind::ConsultationStarted,
        ActionKind::ConsultationEnded,
        ActionKind::Extended,
        ActionKind::FeeNoticeIssued,
        ActionKind::FeePaid,
        ActionKind::FeeUnpaid,
        ActionKind::Deferred,
        ActionKind::Replied,
        ActionKind::Delivered,
        ActionKind::Archived,
        ActionKind::Withdrawn,
        ActionKind::LetterIssued,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ActionKind::Registered => "registered",
            ActionKind::CorrectionRequested => "correction_requested",
            ActionKind::CorrectionReceived => "correction_received",
            ActionKind::CorrectionLapsed => "correction_lapsed",
            ActionKind::ConsultationStarted => "consultation_started",
            ActionKind::ConsultationEnded => "consultation_ended",
            ActionKind::Extended => "extended",
            ActionKind::FeeNoticeIssued => "fee_notice_issued",
            ActionKind::FeePaid => "fee_paid",
            ActionKind::FeeUnpaid => "fee_unpaid",
            ActionKind::Deferred => "deferred",
            ActionKind::Replied => "replied",
            ActionKind::Delivered => "delivered",
            ActionKind::Archived => "archived",
            ActionKind::Withdrawn => "withdrawn",
            ActionKind::LetterIssued => "letter_issued",
        }
    }

    pub fn from_code(code: &str) -> Option<ActionKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionKind::Registered => "登记",
            ActionKind::CorrectionRequested => "告知补正",
            ActionKind::CorrectionReceived => "收到补正",
            ActionKind::CorrectionLapsed => "逾期未补正",
            ActionKind::ConsultationStarted => "征求意见",
            ActionKind::ConsultationEnded => "征求意见结束",
            ActionKind::Extended => "延期",
            ActionKind::FeeNoticeIssued => "发出收费通知",
            ActionKind::FeePaid => "已缴费",
            ActionKind::FeeUnpaid => "逾期未缴费",
            ActionKind::Deferred => "延迟答复",
            ActionKind::Replied => "答复",
            ActionKind::Delivered => "送达",
            ActionKind::Archived => "归档",
            ActionKind::Withdrawn => "撤回",
            ActionKind::LetterIssued => "出具告知书",
        }
    }
}

impl EventDetail {
    pub fn kind(&self) -> ActionKind {
        match self {
            EventDetail::Registered {} => ActionKind::Registered,
            EventDetail::CorrectionRequested { .. } => ActionKind::CorrectionRequested,
            EventDetail::CorrectionReceived {} => ActionKind::CorrectionReceived,
            EventDetail::CorrectionLapsed { .. } => ActionKind::CorrectionLapsed,
            EventDetail::ConsultationStarted { .. } => ActionKind::ConsultationStarted,
            EventDetail::ConsultationEnded { .. } => ActionKind::ConsultationEnded,
            EventDetail::Extended { .. } => ActionKind::Extended,
            EventDetail::FeeNoticeIssued { .. } => ActionKind::FeeNoticeIssued,
            EventDetail::FeePaid { .. } => ActionKind::FeePaid,
            EventDetail::FeeUnpaid { .. } => ActionKind::FeeUnpaid,
            EventDetail::Deferred { .. } => ActionKind::Deferred,
            EventDetail::Replied { .. } => ActionKind::Replied,
            EventDetail::Delivered { .. } => ActionKind::Delivered,
            EventDetail::Archived { .. } => ActionKind::Archived,
            EventDetail::Withdrawn { .. } => ActionKind::Withdrawn,
            EventDetail::LetterIssued { .. } => ActionKind::LetterIssued,
        }
    }

    /// One line for the timeline, e.g. "延期 10 个工作日（审批人：王主任；理由：…）".
    pub fn summary(&self) -> String {
        let opt = |label: &str, s: &str| {
            if s.trim().is_empty() {
                String::new()
            } else {
                format!("；{label}：{}", s.trim())
            }
        };
        match self {
            EventDetail::Registered {} => "登记收到申请".into(),
            EventDetail::CorrectionRequested { items, correct_by } => {
                let by = correct_by.map(|d| format!("；补正期限 {d}")).unwrap_or_default();
                format!("一次性告知补正{}{by}", opt("补正内容", items))
            }
            EventDetail::CorrectionReceived {} => "收到补正后的申请，答复期限重新计算".into(),
            EventDetail::CorrectionLapsed { note } => {
                format!("申请人无正当理由逾期不补正，视为放弃申请{}", opt("说明", note))
            }
            EventDetail::ConsultationStarted { consultation, party } => {
                format!("开始征求{}意见{}", consultation.label(), opt("对象", party))
            }
            EventDetail::ConsultationEnded { consultation, opinion } => {
                format!("征求{}意见结束{}", consultation.label(), opt("意见", opinion))
            }
            EventDetail::Extended {
                workdays,
                approver,
                reason,
            } => {
                format!(
                    "延期 {workdays} 个工作日（审批人：{}；理由：{}）",
                    approver.trim(),
                    reason.trim()
                )
            }
            EventDetail::FeeNoticeIssued { amount, basis } => {
                format!("发出收费通知，金额 {amount} 元{}", opt("依据", basis))
            }
            EventDetail::FeePaid { amount } => format!("申请人已缴纳信息处理费 {amount} 元"),
            EventDetail::FeeUnpaid { note } => format!("申请人逾期未按收费通知缴纳费用，不再处理{}", opt("说明", note)),
            EventDetail::Deferred { until, reason } => {
                format!("依第三十五条确定延迟答复，答复期限 {until}{}", opt("理由", reason))
            }
            EventDetail::Replied {
                method,
                result,
                reply_type,
                note,
            } => {
                let t = reply_type.map(|t| format!("；{}", t.label())).unwrap_or_default();
                format!("答复：{}（{}）{t}{}", result.label(), method.trim(), opt("说明", note))
            }
            EventDetail::Delivered { method, proof } => format!("送达（{}）{}", method.trim(), opt("送达凭证", proof)),
            EventDetail::Archived { archive_number } => format!("归档，档号 {}", archive_number.trim()),
            EventDetail::Withdrawn { reason } => format!("申请人撤回申请{}", opt("原因", reason)),
            EventDetail::LetterIssued { letter, letter_number, .. } => {
                format!("出具{}{}", letter.label(), opt("文书编号", letter_number))
            }
        }
    }
}

/// One event as the workflow sees it: when, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestEvent {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub detail: EventDetail,
}

impl RequestEvent {
    pub fn new(date: NaiveDate, detail: EventDetail) -> RequestEvent {
        RequestEvent { date, detail }
    }
}

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
            EventDetail::Extended { .. } | EventDetail::Deferred { .. } => {}
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
            if extension_left {
                out.push(A::Extended);
            }
            if !s.fee_notice_issued {
                out.push(A::FeeNoticeIssued);
            }
            out.extend([A::Deferred, A::Withdrawn]);
        }
        RequestStatus::Consulting => {
            out.extend([A::ConsultationEnded, A::ConsultationStarted]);
            if extension_left {
                out.push(A::Extended);
            }
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
    if !allowed_actions(events).contains(&kind) {
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
        EventDetail::CorrectionRequested { items, correct_by } => {
            required("需要补正的内容", items)?;
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
        EventDetail::LetterIssued { .. } => Ok(()),
    }
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

/// 行政复议 / 行政诉讼 recorded against a request (table 四 of the annual report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    /// 行政复议
    Reconsideration,
    /// 行政诉讼：未经复议直接起诉
    LawsuitDirect,
    /// 行政诉讼：复议后起诉
    LawsuitAfterReconsideration,
}

impl ReviewKind {
    pub const ALL: [ReviewKind; 3] = [
        ReviewKind::Reconsideration,
        ReviewKind::LawsuitDirect,
        ReviewKind::LawsuitAfterReconsideration,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReviewKind::Reconsideration => "reconsideration",
            ReviewKind::LawsuitDirect => "lawsuit_direct",
            ReviewKind::LawsuitAfterReconsideration => "lawsuit_after_reconsideration",
        }
    }

    pub fn from_code(code: &str) -> Option<ReviewKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewKind::Reconsideration => "行政复议",
            ReviewKind::LawsuitDirect => "行政诉讼（未经复议直接起诉）",
            ReviewKind::LawsuitAfterReconsideration => "行政诉讼（复议后起诉）",
        }
    }
}

/// The outcome columns of table 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// 结果维持
    Upheld,
    /// 结果纠正
    Corrected,
    /// 其他结果
    Other,
    /// 尚未审结
    Pending,
}

impl ReviewOutcome {
    pub const ALL: [ReviewOutcome; 4] = [
        ReviewOutcome::Upheld,
        ReviewOutcome::Corrected,
        ReviewOutcome::Other,
        ReviewOutcome::Pending,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReviewOutcome::Upheld => "upheld",
            ReviewOutcome::Corrected => "corrected",
            ReviewOutcome::Other => "other",
            ReviewOutcome::Pending => "pending",
        }
    }

    pub fn from_code(code: &str) -> Option<ReviewOutcome> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewOutcome::Upheld => "结果维持",
            ReviewOutcome::Corrected => "结果纠正",
            ReviewOutcome::Other => "其他结果",
            ReviewOutcome::Pending => "尚未审结",
        }
    }
}

/// 受理编号 pattern: `{year}` and `{seq}` / `{seq:04}` (zero-padded to 4).
pub const DEFAULT_NUMBER_PATTERN: &str = "{year}-{seq:04}";

/// A checked 受理编号 pattern, split around its sequence number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberPattern {
    before: String,
    after: String,
    width: usize,
}

impl NumberPattern {
    pub fn parse(pattern: &str) -> Result<NumberPattern, AppError> {
        let bad = |why: &str| {
            AppError::validation(format!(
                "受理编号格式“{pattern}”无效：{why}；示例：{DEFAULT_NUMBER_PATTERN}"
            ))
        };
        let p = pattern.trim();
        let (before, rest) = p
            .split_once("{seq")
            .ok_or_else(|| bad("须包含序号 {seq} 或 {seq:04}"))?;
        let (spec, after) = rest.split_once('}').ok_or_else(|| bad("序号占位符没有闭合"))?;
        let width = match spec {
            "" => 0,
            s => s
                .strip_prefix(":0")
                .and_then(|w| w.parse::<usize>().ok())
                .filter(|w| (1..=9).contains(w))
                .ok_or_else(|| bad("序号宽度应写成 {seq:04} 这样的形式"))?,
        };
        for part in [before, after] {
            let without_year = part.replace("{year}", "");
            if without_year.contains(['{', '}']) {
                return Err(bad("只支持 {year} 和 {seq} 两个占位符"));
            }
            if without_year.chars().any(|c| c.is_control() || c == '%' || c == '_') {
                return Err(bad("不能包含控制字符、% 或 _"));
            }
        }
        Ok(NumberPattern {
            before: before.to_string(),
            after: after.to_string(),
            width,
        })
    }

    /// The text before and after the sequence number in `year`.
    pub fn affixes(&self, year: i32) -> (String, String) {
        let y = year.to_string();
        (self.before.replace("{year}", &y), self.after.replace("{year}", &y))
    }

    pub fn format(&self, date: NaiveDate, seq: u32) -> String {
        let (before, after) = self.affixes(date.year());
        format!("{before}{seq:0width$}{after}", width = self.width)
    }

    /// The sequence number of `number` if it was made by this pattern in `year`.
    pub fn seq_of(&self, year: i32, number: &str) -> Option<u32> {
        let (before, after) = self.affixes(year);
        let mid = number.strip_prefix(&before)?.strip_suffix(&after)?;
        if mid.is_empty() || !mid.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        mid.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_pattern_numbers_by_year() {
        let p = NumberPattern::parse(DEFAULT_NUMBER_PATTERN).unwrap();
        let d = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
        assert_eq!(p.format(d, 1), "2025-0001");
        assert_eq!(p.format(d, 12345), "2025-12345");
        assert_eq!(p.seq_of(2025, "2025-0042"), Some(42));
        assert_eq!(p.seq_of(2024, "2025-0042"), None);
        assert_eq!(p.seq_of(2025, "2025-00a2"), None);
        let q = NumberPattern::parse("净高依申〔{year}〕{seq}号").unwrap();
        assert_eq!(q.format(d, 7), "净高依申〔2025〕7号");
        assert_eq!(q.seq_of(2025, "净高依申〔2025〕17号"), Some(17));
    }

    #[test]
    fn bad_patterns_are_refused_in_chinese() {
        for p in ["{year}", "{seq:4}", "{year}-{seq:04", "{month}-{seq}", "A%{seq}"] {
            let e = NumberPattern::parse(p).unwrap_err();
            assert!(e.message.contains("受理编号格式"), "{p}: {}", e.message);
        }
    }
}
