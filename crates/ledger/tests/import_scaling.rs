//! Issue 22, point 1: an import's work must not grow with the ledger it goes into. Two equal
//! imports (same number of rows, same shape: hundreds of requests a day, as the benchmark's
//! million-request ledger has) go through one open `Ledger`; the second may not ask SQLite's pager
//! for many more pages than the first. Pages fetched are counted by SQLite, so the figure is the
//! same on every machine and at every load.

mod common;

use common::actor;
use gongkai_ledger::requests::exchange;

/// `n` import rows starting at `from`, `per_day` of them received each day from 2024-01-02 on,
/// nearly all concluded, in the benchmark's shape.
fn csv(from: usize, n: usize, per_day: usize) -> String {
    let mut out = exchange::COLUMNS[..10].join(",");
    out.push('\n');
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    for i in from..from + n {
        let day = start + chrono::Days::new((i / per_day) as u64);
        let concluded = day + chrono::Days::new(3);
        let (c, r) = if i % 10 == 0 { (String::new(), String::new()) } else { (concluded.to_string(), "予以公开".to_string()) };
        out.push_str(&format!(
            "{}-{:07},自然人,申请人{},,1380000{:04},网络,{day},申请公开第{}号地块的房屋征收补偿方案及附件,{c},{r}\n",
            day.format("%Y"),
            i + 1,
            i % 997,
            i % 10_000,
            i % 4001,
        ));
    }
    out
}

#[test]
fn the_second_of_two_equal_imports_costs_about_what_the_first_did() {
    let (_dir, mut ledger) = common::ledger();
    let actor = actor("2026-06-01");
    // 2,000 rows at 340 a day: the benchmark's density. Pages fetched per import, on the code
    // before issue 22 (events written row by row after their request): 378,497 then 528,897.
    const N: usize = 2_000;
    let mut costs = Vec::new();
    for k in 0..2 {
        let file = csv(k * N, N, 340);
        let before = ledger.pages_fetched();
        let summary = exchange::import(&mut ledger, "申请台账.csv", file.as_bytes(), &actor).unwrap();
        assert_eq!(summary.imported as usize, N);
        costs.push(ledger.pages_fetched() - before);
    }
    let (first, second) = (costs[0], costs[1]);
    assert!(first > 0, "the counter counts");
    assert!(
        second * 100 <= first * 120,
        "the second import fetched {second} pages against the first's {first}: an import's work grows with the ledger"
    );
}
