//! Table 三 counted by hand, the 勾稽 checks, and the CSV's shape.

use chrono::NaiveDate;
use gongkai_core::report::{
    check_wan_yuan, format_wan_yuan, reconcile, to_csv, AnnualFigures, ByApplicant, RequestFact, SectionTwo, TableThree,
};
use gongkai_core::taxonomy::{ApplicantType as A, ReplyResult as R};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn fact(a: A, received: &str, concluded: Option<(&str, R)>) -> RequestFact {
    RequestFact { id: 0, applicant: a, received: d(received), concluded: concluded.map(|(c, r)| (d(c), r)) }
}

fn story() -> Vec<RequestFact> {
    vec![
        fact(A::NaturalPerson, "2024-12-20", Some(("2025-01-10", R::Disclosed))), // carried in, concluded 2025
        fact(A::Business, "2025-03-01", Some(("2025-03-20", R::NotHeld))),        // new, concluded
        fact(A::NaturalPerson, "2025-12-25", None),                               // new, carried out
        fact(A::LegalService, "2025-06-01", Some(("2026-01-05", R::PartlyDisclosed))), // new, carried out
        fact(A::Other, "2024-05-01", Some(("2024-06-01", R::Disclosed))),          // all in 2024
        fact(A::NaturalPerson, "2024-12-31", Some(("2025-01-01", R::OtherReason))), // 撤回 on 2025-01-01
        fact(A::Research, "2026-01-02", None),                                    // next year
    ]
}

#[test]
fn table_three_for_2025_equals_the_hand_count() {
    let t = TableThree::compute(2025, story());
    assert_eq!(t.received, ByApplicant([1, 1, 0, 0, 1, 0]));
    assert_eq!(t.carried_in, ByApplicant([2, 0, 0, 0, 0, 0]));
    assert_eq!(t.result(R::Disclosed), ByApplicant([1, 0, 0, 0, 0, 0]));
    assert_eq!(t.result(R::NotHeld), ByApplicant([0, 1, 0, 0, 0, 0]));
    assert_eq!(t.result(R::OtherReason), ByApplicant([1, 0, 0, 0, 0, 0]));
    assert_eq!(t.result(R::PartlyDisclosed), ByApplicant::default());
    assert_eq!(t.results_total(), ByApplicant([2, 1, 0, 0, 0, 0]));
    assert_eq!(t.carried_out, ByApplicant([1, 0, 0, 0, 1, 0]));
    assert!(reconcile(&t, None).is_empty());
}

#[test]
fn last_years_carry_out_is_this_years_carry_in() {
    let t2024 = TableThree::compute(2024, story());
    let t2025 = TableThree::compute(2025, story());
    assert_eq!(t2024.carried_out, ByApplicant([2, 0, 0, 0, 0, 0]));
    assert!(reconcile(&t2025, Some(&t2024)).is_empty());
    let mut wrong = t2024.clone();
    wrong.carried_out = ByApplicant([1, 0, 0, 0, 0, 0]);
    let failures = reconcile(&t2025, Some(&wrong));
    assert_eq!(failures.len(), 2, "自然人 and 总计 columns: {failures:?}");
    assert!(failures[0].message.contains("自然人"));
}

#[test]
fn a_column_that_does_not_add_up_is_named() {
    let mut t = TableThree::compute(2025, story());
    t.received.add(A::Research);
    let failures = reconcile(&t, None);
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(failures[0].message.contains("科研机构"));
    assert!(failures[1].message.contains("总计"));
}

#[test]
fn csv_has_every_statutory_row_with_seven_numbers() {
    let f = AnnualFigures { year: 2025, table_three: TableThree::compute(2025, story()), ..Default::default() };
    let csv = to_csv(&f);
    let line = |label: &str| csv.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("{label} missing"));
    assert_eq!(line("一、本年新收政府信息公开申请数量"), "一、本年新收政府信息公开申请数量,1,1,0,0,1,0,3");
    assert_eq!(line("二、上年结转"), "二、上年结转政府信息公开申请数量,2,0,0,0,0,0,2");
    assert_eq!(line("（七）总计"), "（七）总计,2,1,0,0,0,0,3");
    assert_eq!(line("四、结转下年度继续办理"), "四、结转下年度继续办理,1,0,0,0,1,0,2");
    assert_eq!(line("（三）不予公开"), "（三）不予公开", "group rows carry no numbers");
    assert_eq!(line("3.危及"), "3.危及“三安全一稳定”,0,0,0,0,0,0,0");
    assert_eq!(line("规章"), "规章,0,0,0");
    for r in R::ALL {
        assert!(csv.contains(r.label()), "{}", r.label());
    }
}

#[test]
fn the_fee_prints_as_entered_to_the_fen() {
    for (v, printed) in [(4166.241619, "4166.241619"), (12.5, "12.5"), (0.0, "0"), (0.038, "0.038"), (3.000001, "3.000001"), (99999999.999999, "99999999.999999")] {
        assert_eq!(check_wan_yuan(v), Ok(()), "{v}");
        assert_eq!(format_wan_yuan(v), printed);
    }
    let f = AnnualFigures {
        year: 2025,
        section_two: SectionTwo { fees_wan_yuan: Some(4166.241619), ..Default::default() },
        ..Default::default()
    };
    assert!(to_csv(&f).lines().any(|l| l == "行政事业性收费,4166.241619"), "{}", to_csv(&f));
}

#[test]
fn a_seventh_decimal_or_a_negative_fee_is_refused_naming_the_field() {
    for v in [4166.2416191, 0.0000001, -1.0, f64::NAN, 1e8] {
        let e = check_wan_yuan(v).unwrap_err();
        assert!(e.contains("本年收费金额（单位：万元）"), "{v}: {e}");
    }
    assert!(check_wan_yuan(4166.2416191).unwrap_err().contains("最多六位小数"));
}

fn arb_fact() -> impl Strategy<Value = RequestFact> {
    (0usize..6, 0i64..1500, proptest::option::of((0i64..400, 0usize..21))).prop_map(|(a, r, c)| {
        let received = d("2023-01-01") + chrono::Duration::days(r);
        RequestFact {
            id: 0,
            applicant: A::ALL[a],
            received,
            concluded: c.map(|(after, k)| (received + chrono::Duration::days(after), R::ALL[k])),
        }
    })
}

proptest! {
    #[test]
    fn every_year_reconciles_and_chains(facts in proptest::collection::vec(arb_fact(), 0..80)) {
        let mut last: Option<TableThree> = None;
        for year in 2023..=2027 {
            let t = TableThree::compute(year, facts.iter().copied());
            prop_assert!(reconcile(&t, last.as_ref()).is_empty(), "{:?}", reconcile(&t, last.as_ref()));
            last = Some(t);
        }
    }
}

proptest! {
    /// The drill-down lists exactly what each cell counts: both come from `RequestFact::rows_in`.
    #[test]
    fn every_cell_of_table_three_lists_as_many_requests_as_it_counts(facts in proptest::collection::vec(arb_fact(), 0..60), year in 2023i32..2026) {
        use gongkai_core::report::table_three_keyed_rows;
        let facts: Vec<RequestFact> = facts.into_iter().enumerate().map(|(i, f)| RequestFact { id: i as i64, ..f }).collect();
        let t = TableThree::compute(year, facts.iter().copied());
        for (row, label, numbers) in table_three_keyed_rows(&t) {
            let (Some(row), Some(numbers)) = (row, numbers) else { continue };
            for (i, n) in numbers.iter().enumerate() {
                let column = A::ALL.get(i).copied();
                let listed = facts.iter().filter(|f| f.counts_in(year, row, column)).count();
                prop_assert_eq!(listed as u32, *n, "{} column {}", label, i);
            }
        }
    }
}
