//! 信息处理费 under 国办函〔2020〕109号 (statutes.md §2): charged 按件 (per request, counted per
//! applicant over one calendar month) or 按量 (per page of one request), each progressively on the
//! excess. One basis per request. The amounts feed the 收费通知 and the FeeNoticeIssued event.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the fee is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum FeeBasis {
    /// 按件: this request is the `nth` of the applicant in its calendar month (1-based).
    PerItem { nth: u32 },
    /// 按量: the request's pages.
    PerPage { pages: u32 },
}

/// A computed fee: yuan, and the wording of the basis for the notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeeQuote {
    pub amount: u32,
    pub basis: String,
}

/// Art. 4: the first 10 requests of a month are free, the 11th to 30th cost 100 yuan each, and
/// from the 31st the rate rises by 100 yuan for every further band of 10.
pub fn per_item_rate(nth: u32) -> u32 {
    match nth {
        0..=10 => 0,
        11..=30 => 100,
        n => 100 * (1 + (n - 31) / 10 + 1),
    }
}

/// Art. 5: up to 30 pages free; 31–100 at 10, 101–200 at 20, from 201 at 40 yuan a page.
const PAGE_BANDS: [(u32, u32, u32); 3] = [(31, 100, 10), (101, 200, 20), (201, u32::MAX, 40)];

pub fn quote(basis: FeeBasis) -> FeeQuote {
    match basis {
        FeeBasis::PerItem { nth } => {
            let rate = per_item_rate(nth);
            let basis = if rate == 0 {
                format!("按件计收，本申请为申请人本月第{nth}件，10件以内（含10件）不收费")
            } else {
                format!("按件计收，本申请为申请人本月第{nth}件，每件{rate}元")
            };
            FeeQuote { amount: rate, basis }
        }
        FeeBasis::PerPage { pages } => {
            let mut amount = 0;
            let mut parts = Vec::new();
            for (from, to, rate) in PAGE_BANDS {
                if pages < from {
                    break;
                }
                let upto = pages.min(to);
                let n = upto - from + 1;
                amount += n * rate;
                parts.push(format!("第{from}至{upto}页{n}页，每页{rate}元"));
            }
            let basis = if parts.is_empty() {
                format!("按量计收，共{pages}页，30页以内（含30页）不收费")
            } else {
                format!("按量计收，共{pages}页，30页以内（含30页）不收费，其中{}", parts.join("；"))
            };
            FeeQuote { amount, basis }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_item_bands() {
        for (nth, rate) in [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)] {
            assert_eq!(per_item_rate(nth), rate, "第{nth}件");
        }
        assert_eq!(quote(FeeBasis::PerItem { nth: 12 }).amount, 100);
        assert!(quote(FeeBasis::PerItem { nth: 3 }).basis.contains("不收费"));
    }

    #[test]
    fn per_page_is_progressive_on_the_excess() {
        for (pages, amount) in [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)] {
            assert_eq!(quote(FeeBasis::PerPage { pages }).amount, amount, "{pages}页");
        }
        let q = quote(FeeBasis::PerPage { pages: 120 });
        assert_eq!(q.amount, 700 + 20 * 20);
        assert!(q.basis.contains("第101至120页20页，每页20元"), "{}", q.basis);
    }
}
