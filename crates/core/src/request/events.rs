//! What can happen to a request: the 申请方式, the 答复类型, each event's detail, its action kind and label.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::clock::ConsultationKind;
use crate::letter::LetterKind;
use crate::taxonomy::ReplyResult;

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

/// What an application must contain (Art. 29 第二款) and a 补正告知 may say is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionGround {
    /// （一）身份证明
    Identity,
    /// （一）联系方式
    Contact,
    /// （二）所需信息的名称、文号或者便于查询的其他特征性描述
    Description,
    /// （三）获取信息的方式、途径
    Delivery,
}

impl CorrectionGround {
    pub const ALL: [CorrectionGround; 4] =
        [CorrectionGround::Identity, CorrectionGround::Contact, CorrectionGround::Description, CorrectionGround::Delivery];

    /// The short name the window's checkbox shows.
    pub fn label(self) -> &'static str {
        match self {
            CorrectionGround::Identity => "身份证明",
            CorrectionGround::Contact => "联系方式",
            CorrectionGround::Description => "所需信息的描述",
            CorrectionGround::Delivery => "获取信息的方式",
        }
    }

    /// What the 补正告知书 asks for, in the words of Art. 29 第二款.
    pub fn request_text(self) -> &'static str {
        match self {
            CorrectionGround::Identity => "请提供申请人的身份证明（公民提供身份证件，法人或者其他组织提供统一社会信用代码证明等）（第二十九条第二款第（一）项）",
            CorrectionGround::Contact => "请提供申请人的有效联系方式，包括联系电话和通信地址（第二十九条第二款第（一）项）",
            CorrectionGround::Description => "请写明申请公开的政府信息的名称、文号或者便于本机关查询的其他特征性描述（第二十九条第二款第（二）项）",
            CorrectionGround::Delivery => "请写明申请公开的政府信息的形式要求，包括获取信息的方式、途径（第二十九条第二款第（三）项）",
        }
    }

    pub fn from_label(label: &str) -> Option<CorrectionGround> {
        let l = label.trim();
        Self::ALL.into_iter().find(|g| g.label() == l).or(match l {
            "身份" | "身份证明材料" => Some(CorrectionGround::Identity),
            "联系电话" | "通信地址" | "联系地址" => Some(CorrectionGround::Contact),
            "描述" | "信息描述" | "名称文号" | "特征性描述" => Some(CorrectionGround::Description),
            "获取方式" | "获取信息方式" | "形式要求" => Some(CorrectionGround::Delivery),
            _ => None,
        })
    }
}

/// What happened, with what the clerk recorded about it. Stored as the event's JSON payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventDetail {
    /// 登记: the request was received (the event date is the Art. 31 receipt date).
    Registered {},
    /// 告知补正 (Art. 30): the Art. 29 grounds the request lacks (ticked), what else to correct
    /// and, if set, by when.
    CorrectionRequested {
        #[serde(default)]
        grounds: Vec<CorrectionGround>,
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
    /// 提出延期 (on a ledger with accounts): a 登记员 proposes an extension; the deadline does not
    /// move until a 负责人 approves it (an `Extended` naming the approver) or rejects it.
    ExtensionProposed {
        workdays: u32,
        reason: String,
    },
    /// 驳回延期: the 负责人 refused the proposed extension.
    ExtensionRejected {
        reason: String,
    },
    /// 审核答复: a 审核人 reviewed the reply's 答复书 (ledgers with accounts).
    ReplyReviewed {
        comment: String,
    },
    /// 签发答复: a 负责人 signed the reviewed reply off; only now may its 答复书 be issued.
    ReplySigned {
        comment: String,
    },
    /// 退回答复: the 审核人 or the 负责人 sent the reply back with a comment; it is reviewed again.
    ReplySentBack {
        comment: String,
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
    /// 导入前已办结: an imported request the ledger still shows open was in fact concluded before
    /// the registers were imported, with no reply on record here. The office's recorded reason
    /// says so; no reply and no letter are invented. The request leaves the workflow as 已终止,
    /// counted (like 撤回) in table 三（六）3 其他 of the year of this event. Only the ledger's bulk
    /// step (`requests::close_before_import`) records it, never offered as a workflow action.
    ClosedBeforeImport {
        reason: String,
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
    ExtensionProposed,
    ExtensionRejected,
    ReplyReviewed,
    ReplySigned,
    ReplySentBack,
    ClosedBeforeImport,
}

impl ActionKind {
    pub const ALL: [ActionKind; 22] = [
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
        ActionKind::ExtensionProposed,
        ActionKind::ExtensionRejected,
        ActionKind::ReplyReviewed,
        ActionKind::ReplySigned,
        ActionKind::ReplySentBack,
        ActionKind::ClosedBeforeImport,
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
            ActionKind::ExtensionProposed => "extension_proposed",
            ActionKind::ExtensionRejected => "extension_rejected",
            ActionKind::ReplyReviewed => "reply_reviewed",
            ActionKind::ReplySigned => "reply_signed",
            ActionKind::ReplySentBack => "reply_sent_back",
            ActionKind::ClosedBeforeImport => "closed_before_import",
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
            ActionKind::ExtensionProposed => "提出延期",
            ActionKind::ExtensionRejected => "驳回延期",
            ActionKind::ReplyReviewed => "审核答复",
            ActionKind::ReplySigned => "签发答复",
            ActionKind::ReplySentBack => "退回答复",
            ActionKind::ClosedBeforeImport => "导入前已办结",
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
            EventDetail::ExtensionProposed { .. } => ActionKind::ExtensionProposed,
            EventDetail::ExtensionRejected { .. } => ActionKind::ExtensionRejected,
            EventDetail::ReplyReviewed { .. } => ActionKind::ReplyReviewed,
            EventDetail::ReplySigned { .. } => ActionKind::ReplySigned,
            EventDetail::ReplySentBack { .. } => ActionKind::ReplySentBack,
            EventDetail::FeeNoticeIssued { .. } => ActionKind::FeeNoticeIssued,
            EventDetail::FeePaid { .. } => ActionKind::FeePaid,
            EventDetail::FeeUnpaid { .. } => ActionKind::FeeUnpaid,
            EventDetail::Deferred { .. } => ActionKind::Deferred,
            EventDetail::Replied { .. } => ActionKind::Replied,
            EventDetail::Delivered { .. } => ActionKind::Delivered,
            EventDetail::Archived { .. } => ActionKind::Archived,
            EventDetail::Withdrawn { .. } => ActionKind::Withdrawn,
            EventDetail::LetterIssued { .. } => ActionKind::LetterIssued,
            EventDetail::ClosedBeforeImport { .. } => ActionKind::ClosedBeforeImport,
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
            EventDetail::CorrectionRequested { grounds, items, correct_by } => {
                let by = correct_by.map(|d| format!("；补正期限 {d}")).unwrap_or_default();
                let g: Vec<&str> = grounds.iter().map(|g| g.label()).collect();
                format!("一次性告知补正{}{}{by}", opt("缺少", &g.join("、")), opt("补正内容", items))
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
            EventDetail::ExtensionProposed { workdays, reason } => {
                format!("提出延期 {workdays} 个工作日，待负责人审批（理由：{}）", reason.trim())
            }
            EventDetail::ExtensionRejected { reason } => format!("负责人驳回延期{}", opt("理由", reason)),
            EventDetail::ReplyReviewed { comment } => format!("审核人审核答复书{}", opt("意见", comment)),
            EventDetail::ReplySigned { comment } => format!("负责人签发答复书{}", opt("意见", comment)),
            EventDetail::ReplySentBack { comment } => format!("退回答复书，待修改后重新审核{}", opt("意见", comment)),
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
            EventDetail::ClosedBeforeImport { reason } => {
                format!("导入前已办结，本台账无答复记录，不再办理{}", opt("理由", reason))
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
