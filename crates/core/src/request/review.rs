//! 复议/诉讼 about a request: their kinds and outcomes as table 四 of the annual report counts them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
