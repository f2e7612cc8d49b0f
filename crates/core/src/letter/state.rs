//! Which 告知书 a request's state still allows: the one rule behind issuing a letter
//! (`gongkai_ledger::letters`) and 工作台's 待出具告知书, so the list never proposes a letter the
//! ledger would refuse (a 补正告知书 for an archived request, a 延期答复告知书 after the reply).

use super::LetterKind;
use crate::clock::ConsultationKind;
use crate::request::{summarize, EventDetail, RequestEvent, RequestStatus};
use crate::taxonomy::ReplyResult;

/// `Ok` when a letter of `kind` still makes sense for a request with these events, else why not
/// (a sentence naming the current state, without the "不能出具…" prefix).
pub fn state_allows(kind: LetterKind, events: &[RequestEvent]) -> Result<(), String> {
    let s = summarize(events);
    let Some(status) = s.status else {
        return Err("该申请尚未登记".into());
    };
    let open = status.is_open();
    let closed_before_import = events.iter().any(|e| matches!(e.detail, EventDetail::ClosedBeforeImport { .. }));
    let now = format!("该申请当前为“{status}”");
    match kind {
        // A receipt only says the request arrived: true in every state.
        LetterKind::Receipt => Ok(()),
        LetterKind::CorrectionNotice => match status {
            RequestStatus::AwaitingCorrection => Ok(()),
            _ if s.correction_asked => Err(format!("{now}，补正已收到或已结束，不再告知补正")),
            _ => Err(format!("{now}，没有待补正的事项")),
        },
        LetterKind::ExtensionNotice => {
            if open {
                Ok(())
            } else {
                Err(format!("{now}，延期答复告知书只能在答复之前出具"))
            }
        }
        LetterKind::ThirdPartyConsultation => {
            if open {
                Ok(())
            } else {
                Err(format!("{now}，征求第三方意见只能在答复之前"))
            }
        }
        LetterKind::AgencyConsultation => {
            if s.open_consultations.contains(&ConsultationKind::OtherAgency) {
                Ok(())
            } else {
                Err("该申请没有正在进行的征求其他机关意见，请先在办理记录中登记“征求意见”（征求其他机关意见）".into())
            }
        }
        LetterKind::FeeNotice => match status {
            RequestStatus::AwaitingFee => Ok(()),
            _ => Err(format!("{now}，没有待缴的信息处理费")),
        },
        LetterKind::ReasonsRequest => match status {
            RequestStatus::Processing | RequestStatus::Consulting => Ok(()),
            _ => Err(format!("{now}，只有办理中的申请才能要求说明理由")),
        },
        LetterKind::DisclosureDecision => match s.result {
            Some(r) if !matches!(r, ReplyResult::Disclosed | ReplyResult::PartlyDisclosed) => {
                Err(format!("该申请的办理结果为“{}”，不是决定公开", r.label()))
            }
            _ => Ok(()),
        },
        LetterKind::Reply => {
            if closed_before_import {
                Err("该申请导入前已办结，本台账没有答复记录，不能补出答复书".into())
            } else if s.concluded.is_none() {
                Err(format!("{now}，尚未答复或办结，请先在办理记录中登记“答复”"))
            } else {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::CorrectionGround;
    use chrono::NaiveDate;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, day).unwrap()
    }
    fn ev(day: u32, detail: EventDetail) -> RequestEvent {
        RequestEvent::new(d(day), detail)
    }

    #[test]
    fn a_correction_notice_only_while_the_correction_is_awaited() {
        let mut events = vec![ev(3, EventDetail::Registered {})];
        assert!(state_allows(LetterKind::CorrectionNotice, &events).is_err());
        events.push(ev(4, EventDetail::CorrectionRequested { grounds: vec![CorrectionGround::Contact], items: String::new(), correct_by: None }));
        assert_eq!(state_allows(LetterKind::CorrectionNotice, &events), Ok(()));
        events.push(ev(5, EventDetail::CorrectionReceived {}));
        assert!(state_allows(LetterKind::CorrectionNotice, &events).unwrap_err().contains("办理中"));
        events.push(ev(6, EventDetail::Replied { method: "邮寄".into(), result: ReplyResult::Disclosed, reply_type: None, note: String::new() }));
        events.push(ev(7, EventDetail::Archived { archive_number: "A-1".into() }));
        let why = state_allows(LetterKind::CorrectionNotice, &events).unwrap_err();
        assert!(why.contains("已归档"), "{why}");
        assert_eq!(state_allows(LetterKind::Receipt, &events), Ok(()));
        assert_eq!(state_allows(LetterKind::Reply, &events), Ok(()));
    }

    #[test]
    fn an_extension_notice_only_before_the_reply_and_no_reply_for_a_request_closed_before_import() {
        let mut events = vec![
            ev(3, EventDetail::Registered {}),
            ev(4, EventDetail::Extended { workdays: 10, approver: "王".into(), reason: "量大".into() }),
        ];
        assert_eq!(state_allows(LetterKind::ExtensionNotice, &events), Ok(()));
        assert!(state_allows(LetterKind::Reply, &events).is_err());
        let mut replied = events.clone();
        replied.push(ev(6, EventDetail::Replied { method: "邮寄".into(), result: ReplyResult::NotHeld, reply_type: None, note: String::new() }));
        assert!(state_allows(LetterKind::ExtensionNotice, &replied).unwrap_err().contains("已答复"));
        events.push(ev(9, EventDetail::ClosedBeforeImport { reason: "导入前已办结".into() }));
        assert!(state_allows(LetterKind::ExtensionNotice, &events).unwrap_err().contains("已终止"));
        assert!(state_allows(LetterKind::Reply, &events).unwrap_err().contains("导入前已办结"));
    }
}
