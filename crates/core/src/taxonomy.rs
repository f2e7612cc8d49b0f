//! The statutory categories the annual report counts by: applicant types (table 三's columns)
//! and the 21 leaf results of a request (table 三's rows), with stable codes and the exact
//! labels of the 2021 format (国办公开办函〔2021〕30号).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 申请人类型: exactly the seven numeric columns of table 三 minus 总计.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantType {
    /// 自然人
    NaturalPerson,
    /// 法人或其他组织：商业企业
    Business,
    /// 法人或其他组织：科研机构
    Research,
    /// 法人或其他组织：社会公益组织
    PublicInterest,
    /// 法人或其他组织：法律服务机构
    LegalService,
    /// 法人或其他组织：其他
    Other,
}

impl ApplicantType {
    pub const ALL: [ApplicantType; 6] = [
        ApplicantType::NaturalPerson,
        ApplicantType::Business,
        ApplicantType::Research,
        ApplicantType::PublicInterest,
        ApplicantType::LegalService,
        ApplicantType::Other,
    ];

    /// The column label in the report.
    pub fn label(self) -> &'static str {
        match self {
            ApplicantType::NaturalPerson => "自然人",
            ApplicantType::Business => "商业企业",
            ApplicantType::Research => "科研机构",
            ApplicantType::PublicInterest => "社会公益组织",
            ApplicantType::LegalService => "法律服务机构",
            ApplicantType::Other => "其他",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ApplicantType::NaturalPerson => "natural_person",
            ApplicantType::Business => "business",
            ApplicantType::Research => "research",
            ApplicantType::PublicInterest => "public_interest",
            ApplicantType::LegalService => "legal_service",
            ApplicantType::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<ApplicantType> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// Accepts the label as clerks write it (自然人, 商业企业, …, also 法人或其他组织-其他).
    pub fn from_label(label: &str) -> Option<ApplicantType> {
        let l = label.trim();
        let l = l.strip_prefix("法人或其他组织").map(|r| r.trim_start_matches(['-', '－', '—', '：', ':', '/', '（', '(']).trim_end_matches([')', '）'])).unwrap_or(l);
        Self::ALL.into_iter().find(|t| t.label() == l)
    }

    pub fn is_natural_person(self) -> bool {
        self == ApplicantType::NaturalPerson
    }
}

/// The group rows of 三、本年度办理结果 (they carry no numbers of their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ResultGroup {
    /// （一）予以公开
    Disclosed,
    /// （二）部分公开
    PartlyDisclosed,
    /// （三）不予公开
    Withheld,
    /// （四）无法提供
    Unavailable,
    /// （五）不予处理
    NotHandled,
    /// （六）其他处理
    OtherHandling,
}

impl ResultGroup {
    pub fn label(self) -> &'static str {
        match self {
            ResultGroup::Disclosed => "（一）予以公开",
            ResultGroup::PartlyDisclosed => "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            ResultGroup::Withheld => "（三）不予公开",
            ResultGroup::Unavailable => "（四）无法提供",
            ResultGroup::NotHandled => "（五）不予处理",
            ResultGroup::OtherHandling => "（六）其他处理",
        }
    }
}

macro_rules! results {
    ($( $variant:ident => ($code:literal, $group:ident, $num:literal, $label:literal, $basis:literal) ),* $(,)?) => {
        /// 办理结果: one of the 21 leaves of table 三, stored by its stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum ReplyResult { $( $variant ),* }

        impl ReplyResult {
            /// In the order of the report's rows.
            pub const ALL: [ReplyResult; 21] = [ $( ReplyResult::$variant ),* ];

            /// Stable code kept in the ledger.
            pub fn code(self) -> &'static str { match self { $( ReplyResult::$variant => $code ),* } }
            pub fn group(self) -> ResultGroup { match self { $( ReplyResult::$variant => ResultGroup::$group ),* } }
            /// The leaf's number within its group ("1." …), empty for （一） and （二）.
            pub fn number(self) -> &'static str { match self { $( ReplyResult::$variant => $num ),* } }
            /// The statutory label without numbering, e.g. "属于国家秘密".
            pub fn label(self) -> &'static str { match self { $( ReplyResult::$variant => $label ),* } }
            /// The article of the 条例 (2019) the result rests on, for letters.
            pub fn legal_basis(self) -> &'static str { match self { $( ReplyResult::$variant => $basis ),* } }
        }
    };
}

results! {
    Disclosed => ("disclosed", Disclosed, "", "予以公开", "第三十六条第（二）项"),
    PartlyDisclosed => ("partly_disclosed", PartlyDisclosed, "", "部分公开", "第三十七条"),
    StateSecret => ("state_secret", Withheld, "1.", "属于国家秘密", "第十四条"),
    ProhibitedByLaw => ("prohibited_by_law", Withheld, "2.", "其他法律行政法规禁止公开", "第十四条"),
    ThreeSecurities => ("three_securities", Withheld, "3.", "危及“三安全一稳定”", "第十四条"),
    ThirdPartyRights => ("third_party_rights", Withheld, "4.", "保护第三方合法权益", "第十五条、第三十二条"),
    InternalAffairs => ("internal_affairs", Withheld, "5.", "属于三类内部事务信息", "第十六条第一款"),
    ProcessInformation => ("process_information", Withheld, "6.", "属于四类过程性信息", "第十六条第二款"),
    EnforcementFile => ("enforcement_file", Withheld, "7.", "属于行政执法案卷", "第十六条第二款"),
    AdministrativeQuery => ("administrative_query", Withheld, "8.", "属于行政查询事项", "第三十六条第（七）项"),
    NotHeld => ("not_held", Unavailable, "1.", "本机关不掌握相关政府信息", "第三十六条第（四）项、第（五）项"),
    NeedsCreation => ("needs_creation", Unavailable, "2.", "没有现成信息需要另行制作", "第三十八条"),
    StillUnclear => ("still_unclear", Unavailable, "3.", "补正后申请内容仍不明确", "第三十条"),
    Petition => ("petition", NotHandled, "1.", "信访举报投诉类申请", "第三十九条第一款"),
    Repeated => ("repeated", NotHandled, "2.", "重复申请", "第三十六条第（六）项"),
    Publication => ("publication", NotHandled, "3.", "要求提供公开出版物", "第三十九条第二款"),
    Excessive => ("excessive", NotHandled, "4.", "无正当理由大量反复申请", "第三十五条"),
    ConfirmOrReissue => ("confirm_or_reissue", NotHandled, "5.", "要求行政机关确认或重新出具已获取信息", ""),
    CorrectionOverdue => ("correction_overdue", OtherHandling, "1.", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "第三十条"),
    FeeUnpaid => ("fee_unpaid", OtherHandling, "2.", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "第四十二条"),
    OtherReason => ("other", OtherHandling, "3.", "其他", ""),
}

impl ReplyResult {
    pub fn from_code(code: &str) -> Option<ReplyResult> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Reads the label as clerks write it: numbering optional, straight or curly quotes,
    /// 部分公开 with or without its note.
    pub fn from_label(label: &str) -> Option<ReplyResult> {
        let mut l = label.trim().replace(['"', '＂', '“', '”'], "\"");
        // strip leading numbering such as "1." "（三）" "三、"
        for prefix in ["（一）", "（二）", "(一)", "(二)"] {
            if let Some(rest) = l.strip_prefix(prefix) {
                l = rest.to_string();
            }
        }
        let l = l.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '．' || c == '、').trim();
        let l = l.strip_suffix("（区分处理的，只计这一情形，不计其他情形）").unwrap_or(l);
        let l = l.strip_suffix("(区分处理的，只计这一情形，不计其他情形)").unwrap_or(l).trim();
        // （六）1 and 2 are written with "，" as often as with "、".
        let norm = |s: &str| s.replace(['“', '”'], "\"").replace(['，', ','], "、");
        let l = norm(l);
        Self::ALL.into_iter().find(|r| norm(r.label()) == l)
    }

    /// The label with its numbering, as printed in the report ("1.属于国家秘密").
    pub fn numbered_label(self) -> String {
        match self {
            ReplyResult::Disclosed => "（一）予以公开".into(),
            ReplyResult::PartlyDisclosed => ResultGroup::PartlyDisclosed.label().into(),
            r => format!("{}{}", r.number(), r.label()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_one_leaves_with_unique_codes_and_labels() {
        let mut codes: Vec<_> = ReplyResult::ALL.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 21);
        for r in ReplyResult::ALL {
            assert_eq!(ReplyResult::from_code(r.code()), Some(r));
            assert_eq!(ReplyResult::from_label(r.label()), Some(r), "{}", r.label());
            assert_eq!(ReplyResult::from_label(&r.numbered_label()), Some(r), "{}", r.numbered_label());
        }
    }

    #[test]
    fn labels_accept_clerks_variants() {
        assert_eq!(ReplyResult::from_label("危及\"三安全一稳定\""), Some(ReplyResult::ThreeSecurities));
        assert_eq!(ReplyResult::from_label("危及“三安全一稳定”"), Some(ReplyResult::ThreeSecurities));
        assert_eq!(
            ReplyResult::from_label("部分公开（区分处理的，只计这一情形，不计其他情形）"),
            Some(ReplyResult::PartlyDisclosed)
        );
        assert_eq!(ReplyResult::from_label(" 3.补正后申请内容仍不明确 "), Some(ReplyResult::StillUnclear));
        assert_eq!(ReplyResult::from_label("其他"), Some(ReplyResult::OtherReason));
        assert_eq!(ReplyResult::from_label("同意公开"), None);
        assert_eq!(
            ReplyResult::from_label("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"),
            Some(ReplyResult::CorrectionOverdue)
        );
        assert_eq!(
            ReplyResult::from_label("申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请"),
            Some(ReplyResult::FeeUnpaid)
        );
    }

    #[test]
    fn applicant_types_round_trip() {
        for t in ApplicantType::ALL {
            assert_eq!(ApplicantType::from_label(t.label()), Some(t));
            assert_eq!(ApplicantType::from_code(t.code()), Some(t));
        }
        assert_eq!(ApplicantType::from_label("法人或其他组织-商业企业"), Some(ApplicantType::Business));
        assert_eq!(ApplicantType::from_label("个人"), None);
    }
}
