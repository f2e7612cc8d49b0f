//! Rules of 文件台账: 文号 normalisation, 要件齐全, 解读同步, the Art. 26 portal deadline, status
//! transitions, dates as clerks write them, and the annual figures against hand counts.

use chrono::NaiveDate;
use gongkai_core::calendar::Calendar;
use gongkai_core::dates::parse_date;
use gongkai_core::document::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {s}"))
}

#[test]
fn doc_numbers_are_normalised_to_hexagonal_brackets() {
    for (raw, want) in [
        ("长净管办〔2019〕41号", "长净管办〔2019〕41号"),
        ("长净管办[2019]41号", "长净管办〔2019〕41号"),
        ("长净管办(2019)41号", "长净管办〔2019〕41号"),
        ("长净管办（2019）41号", "长净管办〔2019〕41号"),
        ("长净管办【2019】41号", "长净管办〔2019〕41号"),
        ("长净管办［2019］41号", "长净管办〔2019〕41号"),
        ("  长净管办 [2019] 41号 ", "长净管办〔2019〕41号"),
        // Only a four-digit year in brackets is touched.
        ("长净管办(试行)41号", "长净管办(试行)41号"),
        ("某某〔2019〕", "某某〔2019〕"),
        ("[2019", "[2019"),
        ("", ""),
    ] {
        assert_eq!(normalize_doc_number(raw), want, "{raw}");
    }
}

fn complete_elements() -> Elements {
    Elements {
        disclosure: Some(Disclosure::Full),
        disclosure_reason: String::new(),
        disclosure_mode: Some(DisclosureMode::Active),
        secrecy_reviewed: Some(true),
        interpretations: 1,
        no_interpretation_reason: None,
    }
}

#[test]
fn completeness_lists_what_is_missing() {
    let full = complete_elements();
    assert!(missing_items(Category::Rule, &full).is_empty());
    assert!(missing_items(Category::Normative, &full).is_empty());
    assert_eq!(
        missing_items(Category::Normative, &Elements::default()),
        vec!["公开属性", "公开方式", "解读材料", "保密审查"]
    );
    // Other policy documents carry no 要件 requirement.
    assert!(missing_items(Category::OtherPolicy, &Elements::default()).is_empty());
    let cases: Vec<(Elements, Vec<&str>)> = vec![
        (Elements { interpretations: 0, ..complete_elements() }, vec!["解读材料"]),
        (
            Elements {
                interpretations: 0, no_interpretation_reason: Some("内部事项".into()), ..complete_elements()
            },
            vec![],
        ),
        (
            Elements { interpretations: 0, no_interpretation_reason: Some("  ".into()), ..complete_elements() },
            vec!["解读材料"],
        ),
        (Elements { secrecy_reviewed: Some(false), ..complete_elements() }, vec!["保密审查"]),
        (Elements { secrecy_reviewed: None, ..complete_elements() }, vec!["保密审查"]),
        (Elements { disclosure: Some(Disclosure::Redacted), ..complete_elements() }, vec!["不予全文公开的理由"]),
        (
            Elements {
                disclosure: Some(Disclosure::Withheld),
                disclosure_reason: "涉及国家秘密".into(),
                ..complete_elements()
            },
            vec![],
        ),
        (Elements { disclosure_mode: None, ..complete_elements() }, vec!["公开方式"]),
    ];
    for (e, want) in cases {
        assert_eq!(missing_items(Category::Rule, &e), want, "{e:?}");
    }
}

#[test]
fn an_interpretation_published_after_its_document_is_not_in_sync() {
    assert!(interpretation_in_sync(d("2025-03-01"), Some(d("2025-03-01"))));
    assert!(interpretation_in_sync(d("2025-03-01"), Some(d("2025-02-28"))));
    assert!(!interpretation_in_sync(d("2025-03-01"), Some(d("2025-03-02"))));
    assert!(interpretation_in_sync(d("2025-03-01"), None));
}

#[test]
fn the_portal_deadline_is_twenty_working_days_after_the_written_date() {
    let cal = Calendar::shipped();
    let active = Some(DisclosureMode::Active);
    // 2025-03-03 (Mon) + 20 working days: 4–7, 10–14, 17–21, 24–28 March (19), 31 March (20).
    let p = portal_deadline(&cal, active, Some(d("2025-03-03")), d("2025-03-05"), None, d("2025-03-10")).unwrap();
    assert_eq!(p.due, d("2025-03-31"));
    assert_eq!(p.state, PortalState::Pending);
    assert_eq!(p.workdays_left, 15, "(03-10, 03-31]: 11–14, 17–21, 24–28, 31");
    assert!(p.derivation.contains("成文日期 2025-03-03"), "{}", p.derivation);
    // Across 国庆节 2024: the contract case 2024-09-27 + 20 = 2024-10-30.
    let p = portal_deadline(&cal, active, Some(d("2024-09-27")), d("2024-09-27"), None, d("2024-11-01")).unwrap();
    assert_eq!(p.due, d("2024-10-30"));
    assert_eq!(p.state, PortalState::Overdue);
    assert_eq!(p.workdays_left, -2, "10-31 and 11-01 are past the due date");
    // Published on the portal: on time, or late.
    let on_time =
        portal_deadline(&cal, active, Some(d("2025-03-03")), d("2025-03-03"), Some(d("2025-03-31")), d("2026-01-01"));
    assert_eq!(on_time.unwrap().state, PortalState::OnTime);
    let late =
        portal_deadline(&cal, active, Some(d("2025-03-03")), d("2025-03-03"), Some(d("2025-04-01")), d("2026-01-01"));
    assert_eq!(late.unwrap().state, PortalState::Late);
    // Due day itself is not overdue.
    let today = portal_deadline(&cal, active, Some(d("2025-03-03")), d("2025-03-03"), None, d("2025-03-31")).unwrap();
    assert_eq!((today.state, today.workdays_left), (PortalState::Pending, 0));
    // Without 成文日期 the 发布日期 is the start, and the derivation says so.
    let p = portal_deadline(&cal, active, None, d("2025-03-03"), None, d("2025-03-03")).unwrap();
    assert_eq!(p.due, d("2025-03-31"));
    assert!(p.derivation.contains("未录入成文日期"));
    assert!(p.estimate.is_none(), "2025 is a shipped year: exact");
    // Through a year whose notice is not confirmed (issue 23): 预计, beside the Monday–Friday date
    // (元旦 2030 predicted on a Tuesday).
    let p = portal_deadline(&cal.clone().with_covered_year(2029), active, Some(d("2029-12-04")), d("2029-12-04"), None, d("2029-12-05")).unwrap();
    assert_eq!(p.due, d("2030-01-02"));
    assert_eq!(p.estimate.expect("预计").weekday_date, d("2030-01-01"));
    // Only actively disclosed documents have an Art. 26 deadline.
    assert!(portal_deadline(
        &cal,
        Some(DisclosureMode::OnRequest),
        Some(d("2025-03-03")),
        d("2025-03-03"),
        None,
        d("2025-06-01")
    )
    .is_none());
    assert!(portal_deadline(&cal, None, Some(d("2025-03-03")), d("2025-03-03"), None, d("2025-06-01")).is_none());
}

#[test]
fn expiry_window_is_today_to_six_months_ahead() {
    let today = d("2025-03-15");
    assert!(expires_soon(Some(d("2025-03-15")), today));
    assert!(expires_soon(Some(d("2025-09-15")), today));
    assert!(!expires_soon(Some(d("2025-09-16")), today));
    assert!(!expires_soon(Some(d("2025-03-14")), today), "already expired is not 'soon'");
    assert!(!expires_soon(None, today));
}

#[test]
fn status_transitions() {
    use Status::*;
    for (from, to, ok) in [
        (Pending, InForce, true),
        (InForce, Amended, true),
        (Amended, Amended, true),
        (Amended, Repealed, true),
        (InForce, Expired, true),
        (InForce, InForce, false),
        (Amended, InForce, false),
        (InForce, Pending, false),
        (Repealed, InForce, false),
        (Repealed, Amended, false),
        (Expired, Repealed, false),
    ] {
        assert_eq!(check_transition(from, to).is_ok(), ok, "{} → {}", from.label(), to.label());
    }
    assert!(check_transition(Repealed, Amended).unwrap_err().contains("已废止"));
}

#[test]
fn dates_as_clerks_write_them() {
    for s in ["2025-03-01", "2025/3/1", "2025.3.1", "2025年3月1日", "2025年03月01日", " 2025-3-01 "] {
        assert_eq!(parse_date(s), Some(d("2025-03-01")), "{s}");
    }
    for s in ["2025-02-30", "2025-13-01", "25-03-01", "2025-03", "2025年3月1", "三月一日", "", "2025-03-01x"] {
        let got = parse_date(s);
        // "2025年3月1" lacks the 日 but is unambiguous: accepted.
        if s == "2025年3月1" {
            assert_eq!(got, Some(d("2025-03-01")));
        } else {
            assert_eq!(got, None, "{s}");
        }
    }
}

#[test]
fn vocabularies_read_their_labels_and_codes() {
    for c in Category::ALL {
        assert_eq!(Category::from_label(c.label()), Some(*c));
        assert_eq!(Category::from_code(c.code()), Some(*c));
    }
    for s in Status::ALL {
        assert_eq!(Status::from_label(s.label()), Some(*s));
    }
    assert_eq!(Category::from_label("规范性文件"), Some(Category::Normative));
    assert_eq!(InterpretationForm::from_label("图解"), Some(InterpretationForm::Graphic));
    assert_eq!(Disclosure::from_label("公开"), None);
    assert!(Status::Amended.in_force() && !Status::Repealed.in_force());
}

fn facts(
    category: Category,
    published: &str,
    valid_until: Option<&str>,
    repealed: Option<&str>,
    expired: Option<&str>,
) -> AnnualFacts {
    AnnualFacts {
        category,
        published_on: d(published),
        valid_until: valid_until.map(d),
        repealed_on: repealed.map(d),
        expired_on: expired.map(d),
    }
}

#[test]
fn annual_figures_match_a_hand_count() {
    use Category::*;
    let docs = vec![
        facts(Rule, "2022-02-03", None, Some("2023-08-04"), None), // A
        facts(Rule, "2024-07-20", None, None, None),               // B
        facts(Rule, "2025-09-12", None, None, None),               // C
        facts(Normative, "2022-04-26", None, Some("2023-06-20"), None), // D
        facts(Normative, "2023-12-14", Some("2024-12-30"), None, None), // E: 有效期至 passes in 2024
        facts(Normative, "2023-03-19", Some("2025-12-31"), None, None), // F: valid through 2025-12-31
        facts(Normative, "2024-01-01", None, None, Some("2024-12-31")), // G: 失效 on 2024-12-31
        facts(Normative, "2025-12-31", None, None, None),          // H: published on the last day
        facts(Normative, "2024-05-05", None, Some("2025-12-31"), None), // I: repealed on the last day
        facts(OtherPolicy, "2025-01-01", None, None, None),        // not counted
    ];
    // (year, rules (issued, repealed, in force), normative (issued, repealed, in force)), by hand:
    let want = [
        (2021, (0, 0, 0), (0, 0, 0)),
        (2022, (1, 0, 1), (1, 0, 1)), // A; D
        (2023, (0, 1, 0), (2, 1, 2)), // A repealed; E, F issued, D repealed → E, F
        (2024, (1, 0, 1), (2, 0, 2)), // B; G, I issued; E expired 12-30, G 失效 12-31 → F, I
        (2025, (1, 0, 2), (1, 1, 2)), // C → B, C; H issued, I repealed 12-31 → F (until 12-31), H
        (2026, (0, 0, 2), (0, 0, 1)), // F ended 2025-12-31 → H only
    ];
    for (year, r, n) in want {
        let got = annual_figures(&docs, year);
        assert_eq!(got.year, year);
        assert_eq!((got.rules.issued, got.rules.repealed, got.rules.in_force), r, "{year} 规章");
        assert_eq!((got.normative.issued, got.normative.repealed, got.normative.in_force), n, "{year} 行政规范性文件");
    }
    let rows = annual_figures(&docs, 2025).rows();
    assert_eq!(rows[0].0, "规章");
    assert_eq!(rows[1].0, "行政规范性文件");
}
