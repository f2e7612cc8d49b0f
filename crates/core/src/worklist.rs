//! 工作台's order: work that can still be done first. A deadline today (今天到期) or within a few
//! working days leads, nearest first; then what is overdue, most recently missed first (still
//! worth finishing soon); last the old backlog, folded under a count by the window.
//!
//! **积压 (backlog)** is an overdue item that can no longer be made timely by any step of the
//! statutory procedure: overdue by more than [`BACKLOG_WORKDAYS`] working days (the longest
//! extension Art. 33 allows, and the whole Art. 26 period of a document), or an imported request
//! that nobody has touched since the import. Both registers use this one rule.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An overdue item missed by more than this many working days is 积压.
pub const BACKLOG_WORKDAYS: i64 = 20;

/// Where an item sits on 工作台.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkGroup {
    /// Due today or later: can still be done in time.
    Workable,
    /// Overdue, recently.
    Overdue,
    /// 积压: overdue long ago, or imported and never touched (see the module's note).
    Backlog,
}

/// The group of an item with `workdays_left` (negative: overdue by that many working days);
/// `untouched_import` marks an imported request with no event recorded since the import.
pub fn group(workdays_left: i64, untouched_import: bool) -> WorkGroup {
    if workdays_left >= 0 {
        WorkGroup::Workable
    } else if untouched_import || -workdays_left > BACKLOG_WORKDAYS {
        WorkGroup::Backlog
    } else {
        WorkGroup::Overdue
    }
}

/// The sort key of 工作台's lists: group, then nearest to today (today's first, the least overdue
/// first).
pub fn order_key(workdays_left: i64, untouched_import: bool) -> (WorkGroup, i64) {
    (group(workdays_left, untouched_import), workdays_left.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_today_and_soon_lead_then_overdue_then_the_backlog() {
        let mut items = vec![(-1, false), (3, false), (-25, false), (0, false), (-2, true), (-20, false), (1, false)];
        items.sort_by_key(|&(left, untouched)| order_key(left, untouched));
        assert_eq!(items, vec![(0, false), (1, false), (3, false), (-1, false), (-20, false), (-2, true), (-25, false)]);
        assert_eq!(group(-20, false), WorkGroup::Overdue);
        assert_eq!(group(-21, false), WorkGroup::Backlog);
        assert_eq!(group(2, true), WorkGroup::Workable, "an untouched import still in time is workable");
    }
}
