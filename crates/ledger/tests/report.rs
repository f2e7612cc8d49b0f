//! The annual report's drill-down and charts through the real store: every number of tables 二,
//! 三 and 四 lists exactly as many requests or documents as it counts; the monthly series add up
//! to the tables; 信息处理费 prefills section 六; a new year's draft starts from last year; the
//! report due date setting.

use gongkai_core::document::{Category, Status};
use gongkai_core::request::{EventDetail, RequestEvent, ReviewKind, ReviewOutcome};
use gongkai_core::taxonomy::ApplicantType;
use gongkai_ledger::documents::{self, DocumentInput, StatusChangeInput, WriteSource};
use gongkai_ledger::report::{self, YearEntries};
use gongkai_ledger::report_drill::{self, CellKey};
use gongkai_ledger::requests::{self, Actor, ReviewInput};
use gongkai_ledger::Ledger;

mod common;
use common::d;

const SAMPLE: &str = include_str!("data/requests-sample.csv");

fn actor() -> Actor {
    common::actor("2026-01-05")
}

fn cell(table: &str, row: &str, column: u32) -> CellKey {
    CellKey { table: table.into(), row: row.into(), column }
}

/// The sample request ledger, reviews of every kind and outcome, documents issued and repealed.
fn fixture() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::open(&dir.path().join("r.db")).unwrap();
    requests::exchange::import(&mut l, "requests.csv", SAMPLE.as_bytes(), &actor()).unwrap();
    let reviews = [
        ("YSQ-2025-0002", ReviewKind::Reconsideration, "2025-09-01", ReviewOutcome::Upheld, "2025-11-01"),
        ("YSQ-2025-0002", ReviewKind::LawsuitDirect, "2025-09-05", ReviewOutcome::Pending, ""),
        ("YSQ-2024-0001", ReviewKind::Reconsideration, "2025-02-01", ReviewOutcome::Corrected, "2026-01-03"),
        ("YSQ-2024-0004", ReviewKind::LawsuitAfterReconsideration, "2025-03-01", ReviewOutcome::Other, "2025-05-01"),
    ];
    for (number, kind, filed, outcome, decided) in reviews {
        let input = ReviewInput { kind, filed_date: filed.into(), outcome, decided_date: decided.into(), note: String::new() };
        requests::add_review(&mut l, number, &input, &actor()).unwrap();
    }
    for (i, (category, published)) in
        [(Category::Rule, "2024-05-01"), (Category::Rule, "2025-03-01"), (Category::Normative, "2025-03-15"), (Category::Normative, "2025-07-01"), (Category::OtherPolicy, "2025-07-01")]
            .into_iter()
            .enumerate()
    {
        let input = DocumentInput {
            title: format!("关于某某事项的规定{i}"),
            doc_number: format!("某政规〔2025〕{}号", i + 1),
            category: Some(category),
            issuer: "某某区人民政府".into(),
            published_on: Some(published.into()),
            ..Default::default()
        };
        let id = documents::create(&mut l, &input, WriteSource::Cli).unwrap();
        if i == 0 || i == 3 {
            let repeal = StatusChangeInput { status: Some(Status::Repealed), date: "2025-10-10".into(), reason: "清理".into(), by_doc_number: String::new() };
            documents::change_status(&mut l, id, &repeal, WriteSource::Cli).unwrap();
        }
    }
    (dir, l)
}

#[test]
fn every_number_of_the_report_lists_as_many_items_as_it_counts() {
    let (_dir, l) = fixture();
    let view = report::report_view(&l, 2025).unwrap();
    let mut checked = 0;
    for row in &view.table_three {
        let (Some(key), Some(numbers)) = (&row.key, &row.numbers) else { continue };
        for (column, n) in numbers.iter().enumerate() {
            let drill = report_drill::drill_down(&l, 2025, &cell("three", key, column as u32)).unwrap();
            assert_eq!(drill.requests.len() as u32, *n, "{} column {column}", row.label);
            checked += 1;
        }
    }
    assert_eq!(checked, 25 * 7);
    let two = &view.figures.section_two;
    for (row, figures) in [("rule", two.regulations), ("normative", two.normative)] {
        for (column, n) in [figures.issued, figures.repealed, figures.in_force].into_iter().enumerate() {
            let drill = report_drill::drill_down(&l, 2025, &cell("two", row, column as u32)).unwrap();
            assert_eq!(drill.documents.len() as u32, n, "{row} {column}");
        }
    }
    assert_eq!((two.regulations.issued, two.regulations.repealed, two.regulations.in_force), (1, 1, 1));
    let four = &view.figures.table_four;
    for (row, o) in [("reconsideration", four.reconsideration), ("lawsuit_direct", four.litigation_direct), ("lawsuit_after_reconsideration", four.litigation_after)] {
        for (column, n) in o.columns().into_iter().enumerate() {
            let drill = report_drill::drill_down(&l, 2025, &cell("four", row, column as u32)).unwrap();
            assert_eq!(drill.requests.len() as u32, n, "{row} {column}");
        }
    }
    // decided in 2026: still pending on 31 December 2025
    assert_eq!(four.reconsideration.columns(), [1, 0, 0, 1, 2]);
    let some = report_drill::drill_down(&l, 2025, &cell("three", "received", 6)).unwrap();
    assert!(some.title.contains("本年新收"), "{}", some.title);
    // Issue 23: every title names its row once ("（一）予以公开" was said twice).
    for row in &view.table_three {
        let Some(key) = &row.key else { continue };
        let title = report_drill::drill_down(&l, 2025, &cell("three", key, 0)).unwrap().title;
        let label = title.trim_start_matches("2025年 表三 ").split(" · ").next().unwrap().to_string();
        let words: Vec<&str> = label.split(' ').collect();
        assert!(words.iter().all(|w| label.matches(w).count() == 1), "{title}");
    }
    let disclosed = report_drill::drill_down(&l, 2025, &cell("three", "result:disclosed", 6)).unwrap();
    assert_eq!(disclosed.title, "2025年 表三 （一）予以公开 · 总计");
    assert!(report_drill::drill_down(&l, 2025, &cell("three", "nonsense", 0)).is_err());
    assert!(report_drill::drill_down(&l, 2025, &cell("three", "received", 7)).is_err());
}

#[test]
fn a_natural_persons_name_is_masked_in_the_drill_down() {
    let (_dir, l) = fixture();
    let drill = report_drill::drill_down(&l, 2025, &cell("month", "received", 8)).unwrap();
    let row = drill.requests.iter().find(|r| r.number == "YSQ-2025-0002").expect("received in August");
    assert_eq!((row.applicant.as_str(), row.applicant_type.as_str()), ("何**", "自然人"));
    assert_eq!(report_drill::mask_name("长春某某科技有限公司", ApplicantType::Business), "长春某某科技有限公司");
}

#[test]
fn monthly_series_add_up_to_the_tables_and_drill_by_month() {
    let (_dir, l) = fixture();
    let view = report::report_view(&l, 2025).unwrap();
    let charts = report_drill::charts(&l, 2025).unwrap();
    let sum = |code: &str| charts.monthly.iter().find(|s| s.code == code).unwrap().months.iter().sum::<u32>();
    let t = &view.figures.table_three;
    assert_eq!(sum("received"), t.received.total());
    assert_eq!(sum("concluded"), t.results_total().total());
    let two = &view.figures.section_two;
    assert_eq!(sum("issued"), two.regulations.issued + two.normative.issued);
    assert_eq!(sum("repealed"), two.regulations.repealed + two.normative.repealed);
    for s in &charts.monthly {
        for (m, n) in s.months.iter().enumerate() {
            let drill = report_drill::drill_down(&l, 2025, &cell("month", &s.code, m as u32 + 1)).unwrap();
            assert_eq!((drill.requests.len() + drill.documents.len()) as u32, *n, "{} {}月", s.label, m + 1);
        }
    }
    assert_eq!(charts.results.iter().map(|s| s.value).sum::<u32>(), t.results_total().total());
    assert_eq!(charts.applicants.iter().map(|s| s.value).sum::<u32>(), t.received.total());
    for s in charts.results.iter().chain(&charts.applicants) {
        assert_eq!(report_drill::drill_down(&l, 2025, &s.cell).unwrap().requests.len() as u32, s.value, "{}", s.label);
    }
    assert_eq!(charts.results[1].label, "（二）部分公开");
}

fn register(l: &mut Ledger, received: &str) -> String {
    let input = common::request_input(received);
    requests::register(l, &input, &actor()).unwrap()
}

#[test]
fn section_six_starts_from_the_fees_and_a_new_year_from_last_years_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::open(&dir.path().join("f.db")).unwrap();
    let view = report::report_view(&l, 2025).unwrap();
    assert!(!view.saved);
    assert_eq!(view.entries.other, "2025年，本机关未收取政府信息公开信息处理费。");
    for (received, amount, paid) in [("2025-03-03", 120, "2025-03-20"), ("2025-05-06", 80, "2025-05-20"), ("2025-11-03", 50, "2026-01-04")] {
        let n = register(&mut l, received);
        let notice = EventDetail::FeeNoticeIssued { amount, basis: "国办函〔2020〕109号".into() };
        requests::append_event(&mut l, &n, RequestEvent::new(d(received) + chrono::Duration::days(3), notice), &actor()).unwrap();
        requests::append_event(&mut l, &n, RequestEvent::new(d(paid), EventDetail::FeePaid { amount }), &actor()).unwrap();
    }
    let view = report::report_view(&l, 2025).unwrap();
    assert_eq!((view.fees.requests, view.fees.yuan), (2, 200));
    assert_eq!(view.entries.other, "2025年，本机关对2件政府信息公开申请收取信息处理费，共计200元。");

    let saved = YearEntries {
        overview: "2025年总体情况。".into(),
        problems: "存在的问题。".into(),
        other: format!("{}\n另需报告的事项。", view.entries.other),
        licensing: Some(3),
        ..Default::default()
    };
    report::save_year_entries(&mut l, 2025, &saved).unwrap();
    let view = report::report_view(&l, 2025).unwrap();
    assert!(view.saved);
    assert_eq!(view.entries, saved);

    // 2026 has nothing saved: last year's narrative, this year's fee sentence, no numbers carried.
    let draft = report::report_view(&l, 2026).unwrap();
    assert_eq!((draft.saved, draft.draft_from), (false, Some(2025)));
    assert_eq!(draft.entries.overview, "2025年总体情况。");
    assert_eq!(draft.entries.problems, "存在的问题。");
    assert_eq!(draft.entries.other, "2026年，本机关对1件政府信息公开申请收取信息处理费，共计50元。\n另需报告的事项。");
    assert_eq!(draft.entries.licensing, None);
}

#[test]
fn the_fee_keeps_six_decimals_and_refuses_a_seventh() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::open(&dir.path().join("f.db")).unwrap();
    let entries = YearEntries { fees_wan_yuan: Some(4166.241619), ..Default::default() };
    report::save_year_entries(&mut l, 2025, &entries).unwrap();
    let (figures, _) = report::annual_figures(&l, 2025).unwrap();
    assert_eq!(figures.section_two.fees_wan_yuan, Some(4166.241619));
    assert_eq!(gongkai_core::report::format_wan_yuan(figures.section_two.fees_wan_yuan.unwrap()), "4166.241619");
    let seventh = YearEntries { fees_wan_yuan: Some(4166.2416191), ..Default::default() };
    let e = report::save_year_entries(&mut l, 2025, &seventh).unwrap_err().to_string();
    assert!(e.contains("本年收费金额（单位：万元）") && e.contains("六位小数"), "{e}");
    assert_eq!(report::annual_figures(&l, 2025).unwrap().0.section_two.fees_wan_yuan, Some(4166.241619), "nothing written");
}

#[test]
fn the_report_due_date_is_31_january_unless_set_to_31_march() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::open(&dir.path().join("d.db")).unwrap();
    let due = report::report_deadline(&l, d("2026-01-10")).unwrap();
    assert_eq!((due.setting.as_str(), due.report_year, due.due_date.as_str(), due.days_left), ("01-31", 2025, "2026-01-31", 21));
    let due = report::report_deadline(&l, d("2026-02-01")).unwrap();
    assert_eq!((due.report_year, due.due_date.as_str()), (2026, "2027-01-31"));
    report::save_report_due(&mut l, "03-31").unwrap();
    let due = report::report_deadline(&l, d("2026-02-01")).unwrap();
    assert_eq!((due.report_year, due.due_date.as_str(), due.days_left), (2025, "2026-03-31", 58));
    let e = report::save_report_due(&mut l, "02-30").unwrap_err().to_app_error();
    assert!(e.message.contains("报告截止日期"), "{}", e.message);
}

/// Issue 23: 年度报告 opens on the year being prepared: last year until 31 March (after either
/// due date), this year from 1 April.
#[test]
fn the_report_opens_on_last_year_until_the_end_of_march() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::open(&dir.path().join("d.db")).unwrap();
    for (today, year) in [("2026-01-01", 2025), ("2026-02-15", 2025), ("2026-03-31", 2025), ("2026-04-01", 2026), ("2026-12-31", 2026)] {
        assert_eq!(report::preparing_year(d(today)), year, "{today}");
        assert_eq!(report::report_deadline(&l, d(today)).unwrap().preparing_year, year, "{today}");
    }
    report::save_report_due(&mut l, "03-31").unwrap();
    assert_eq!(report::report_deadline(&l, d("2026-03-31")).unwrap().preparing_year, 2025);
    assert_eq!(report::report_deadline(&l, d("2026-04-01")).unwrap().preparing_year, 2026);
}

/// Issue 23: the sections the PDF prints as "（本节尚未填写）" are named, for the window's
/// warning before exporting and the CLI's.
#[test]
fn the_unfilled_sections_are_named_by_their_printed_headings() {
    let mut e = YearEntries::default();
    assert_eq!(e.unfilled(), ["五、存在的主要问题及改进情况", "六、其他需要报告的事项"], "five empty subheadings print the generated overview");
    e.overview_sections.active = "主动公开情况".into();
    e.problems = "问题".into();
    assert_eq!(
        e.unfilled(),
        [
            "一、总体情况（二）依申请公开",
            "一、总体情况（三）政府信息管理",
            "一、总体情况（四）政府信息公开平台建设",
            "一、总体情况（五）监督保障",
            "六、其他需要报告的事项"
        ]
    );
    e.overview_sections.requests = "x".into();
    e.overview_sections.management = "x".into();
    e.overview_sections.platform = "x".into();
    e.overview_sections.oversight = " ".into();
    e.other = "无".into();
    assert_eq!(e.unfilled(), ["一、总体情况（五）监督保障"], "blank is unfilled");
    e.overview_sections.oversight = "x".into();
    assert!(e.unfilled().is_empty());
}

/// Issue 18: 一、总体情况 under its five subheadings, prefilled from the ledger, kept as the clerk
/// edits them, and a new year starting from last year's text with this year's numbers.
#[test]
fn section_one_has_five_subheadings_prefilled_from_the_ledger() {
    let (_dir, mut l) = fixture();
    let view = report::report_view(&l, 2025).unwrap();
    let s = &view.entries.overview_sections;
    let t = &view.figures.table_three;
    assert!(s.active.starts_with("2025年") && s.active.contains(&format!("行政规范性文件{}件", view.figures.section_two.normative.issued)), "{}", s.active);
    assert!(s.requests.contains(&format!("新收政府信息公开申请{}件", t.received.total())), "{}", s.requests);
    assert!(s.requests.contains("被申请行政复议2件"), "{}", s.requests);
    assert_eq!((s.management.as_str(), s.platform.as_str(), s.oversight.as_str()), ("", "", ""), "left for the clerk");

    let mut edited = view.entries.clone();
    edited.overview_sections.active.push_str("\n本机关坚持以公开为常态、不公开为例外。");
    edited.overview_sections.platform = "门户网站政府信息公开专栏全年更新信息300余条。".into();
    report::save_year_entries(&mut l, 2025, &edited).unwrap();
    assert_eq!(report::report_view(&l, 2025).unwrap().entries.overview_sections, edited.overview_sections);

    // 2026: last year's text under the same headings, last year's numbers replaced by this year's.
    let draft = report::report_view(&l, 2026).unwrap();
    assert_eq!(draft.draft_from, Some(2025));
    let d = &draft.entries.overview_sections;
    assert!(d.active.starts_with("2026年") && d.active.ends_with("本机关坚持以公开为常态、不公开为例外。"), "{}", d.active);
    assert!(!d.active.contains("2025年"), "{}", d.active);
    assert_eq!(d.platform, "门户网站政府信息公开专栏全年更新信息300余条。");
}

/// Issue 22: a year's report reads only the requests it can count (open, or concluded on or
/// after 1 January) and only last year's 结转下年度 for the cross-year check. Over four years of
/// requests concluded across year ends, every figure of table 三, the 勾稽 result and every
/// drill-down are what counting every request in the ledger gives.
#[test]
fn table_three_counts_what_counting_every_request_of_the_ledger_gives() {
    use gongkai_core::report::{reconcile, RequestFact, TableThree};
    use gongkai_core::taxonomy::ReplyResult;
    let (_dir, mut l) = common::ledger();
    let results: Vec<ReplyResult> = ReplyResult::ALL.into_iter().filter(|r| ReplyResult::from_label(r.label()) == Some(*r)).collect();
    assert!(results.len() > 10);
    let mut csv = "受理编号,申请人类型,申请人,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果\n".to_string();
    let mut seed = 22u64;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for i in 0..800 {
        let received = d("2022-03-01") + chrono::Days::new(next(4 * 365));
        let applicant = ApplicantType::ALL[next(6) as usize];
        let concluded = received + chrono::Days::new(next(420));
        let (c, r) = if next(8) == 0 || concluded > d("2026-12-31") {
            (String::new(), "")
        } else {
            (concluded.to_string(), results[next(results.len() as u64) as usize].label())
        };
        csv.push_str(&format!(
            "T-{i:04},{},申请人{i},1380000{:04},网络,{received},申请公开某项政府信息（{i}）,{c},{r}\n",
            applicant.label(),
            i
        ));
    }
    requests::exchange::import(&mut l, "requests.csv", csv.as_bytes(), &common::actor("2027-01-05")).unwrap();
    let conn = common::outside(&l);
    let mut stmt = conn.prepare("SELECT id, applicant_type, received_date, concluded_date, result_code FROM request").unwrap();
    let every: Vec<RequestFact> = stmt
        .query_map([], |r| {
            let concluded: Option<String> = r.get(3)?;
            let result: Option<String> = r.get(4)?;
            Ok(RequestFact {
                id: r.get(0)?,
                applicant: ApplicantType::from_code(&r.get::<_, String>(1)?).unwrap(),
                received: d(&r.get::<_, String>(2)?),
                concluded: concluded.map(|c| (d(&c), ReplyResult::from_code(&result.unwrap()).unwrap())),
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(every.len(), 800);
    let mut carried = 0;
    for year in 2021..=2027 {
        let (figures, failures) = report::annual_figures(&l, year).unwrap();
        let expected = TableThree::compute(year, every.iter().copied());
        assert_eq!(figures.table_three, expected, "{year}");
        let last = TableThree::compute(year - 1, every.iter().copied());
        let has_last = every.iter().any(|f| chrono::Datelike::year(&f.received) < year);
        assert_eq!(failures, reconcile(&expected, has_last.then_some(&last)), "{year}");
        carried += expected.carried_in.total();
        let view = report::report_view(&l, year).unwrap();
        assert_eq!(view.figures, figures);
        for row in &view.table_three {
            let (Some(key), Some(numbers)) = (&row.key, &row.numbers) else { continue };
            for (column, n) in numbers.iter().enumerate() {
                let drill = report_drill::drill_down(&l, year, &cell("three", key, column as u32)).unwrap();
                assert_eq!(drill.requests.len() as u32, *n, "{year} {} column {column}", row.label);
            }
        }
    }
    // The data crosses year ends: carried-over requests are counted, not only a year's own.
    assert!(carried > 100, "{carried}");
}
