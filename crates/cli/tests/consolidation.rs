//! 汇总 (issue 20) through the command line: five units' report files made by the app from five
//! different ledgers add up, cell by cell, to the consolidated CSV; a hand-broken file is refused
//! naming the column and the rule, and accepted with a reason; an official-layout table 三 made
//! by another tool (openpyxl, half-width parentheses) reads as the app's own file.

use std::path::{Path, PathBuf};

use gongkai_cli::run_captured;
use gongkai_core::request::{ReviewKind, ReviewOutcome};
use gongkai_ledger::requests::{self, Actor, ReviewInput};
use gongkai_ledger::{report, Ledger};

mod common;
use common::{imported, ledger_bytes, s, sample};

const YEAR: &str = "2025";

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run_captured(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// Ledger `k` of five: every fifth request of the sample from the k-th, its own 第二十条 entries
/// and review, so that no two units' tables are alike.
fn unit_ledger(dir: &Path, k: usize) -> PathBuf {
    let text = std::fs::read_to_string(sample()).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.enumerate().filter(|(i, _)| i % 5 == k || (k == 4 && i % 7 == 0)).map(|(_, l)| l).collect();
    let csv = dir.join(format!("u{k}.csv"));
    std::fs::write(&csv, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    let db = dir.join(format!("u{k}.db"));
    ok(&["import", "requests", s(&csv), "--db", s(&db)]);
    let mut l = Ledger::open(&db).unwrap();
    let mut e = report::effective_entries(&l, 2025).unwrap().0;
    e.licensing = (k > 0).then_some(10 * k as u32 + 1);
    e.penalties = Some(k as u32);
    e.fees_wan_yuan = [None, Some(1.250001), None, Some(3.5), Some(0.000002)][k];
    report::save_year_entries(&mut l, 2025, &e).unwrap();
    let number = rows[0].split(',').next().unwrap();
    let actor = Actor { operator: "测试".into(), now: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap().and_hms_opt(9, 0, 0).unwrap() };
    let outcome = [ReviewOutcome::Upheld, ReviewOutcome::Corrected, ReviewOutcome::Other, ReviewOutcome::Pending, ReviewOutcome::Upheld][k];
    let kind = [ReviewKind::Reconsideration, ReviewKind::LawsuitDirect, ReviewKind::LawsuitAfterReconsideration][k % 3];
    let decided = if outcome == ReviewOutcome::Pending { String::new() } else { "2025-11-20".into() };
    requests::add_review(&mut l, number, &ReviewInput { kind, filed_date: "2025-10-09".into(), outcome, decided_date: decided, note: String::new() }, &actor)
        .unwrap();
    db
}

fn grid(csv: &str) -> Vec<Vec<String>> {
    csv.lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
}

/// The cell-wise sum of CSV grids of the same shape: labels must agree; numbers add; a cell empty
/// in every grid stays empty.
fn sum_grids(grids: &[Vec<Vec<String>>]) -> Vec<Vec<String>> {
    let mut out = grids[0].clone();
    for (r, row) in out.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            let cells: Vec<&str> = grids.iter().map(|g| g[r][c].as_str()).collect();
            if c == 0 || cells.iter().any(|x| x.parse::<f64>().is_err() && !x.is_empty()) {
                assert!(cells.iter().all(|x| *x == cells[0]), "row {r} column {c}: labels differ {cells:?}");
                continue;
            }
            if cells.iter().all(|x| x.is_empty()) {
                continue;
            }
            if cells.iter().any(|x| x.contains('.')) {
                let micro: i64 = cells.iter().map(|x| x.parse::<f64>().map(|f| (f * 1e6).round() as i64).unwrap_or(0)).sum();
                *cell = gongkai_core::report::format_wan_yuan(micro as f64 / 1e6);
            } else {
                *cell = cells.iter().map(|x| x.parse::<u64>().unwrap_or(0)).sum::<u64>().to_string();
            }
        }
    }
    out
}

fn district(dir: &Path, units: &[&str]) -> PathBuf {
    let db = dir.join("district.db");
    for u in units {
        ok(&["unit", "add", u, "--db", s(&db)]);
    }
    db
}

#[test]
fn five_units_add_up_cell_by_cell_to_the_consolidated_csv() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["财政局", "教育局", "民政局", "城关镇", "东街街道"];
    let db = district(dir.path(), &names);
    ok(&["unit", "add", "审计局", "--db", s(&db)]);
    let mut csvs = Vec::new();
    for (k, name) in names.iter().enumerate() {
        let unit_db = unit_ledger(dir.path(), k);
        let xlsx = dir.path().join(format!("u{k}.xlsx"));
        ok(&["report", "--year", YEAR, "--format", "xlsx", "--out", s(&xlsx), "--db", s(&unit_db)]);
        csvs.push(grid(&ok(&["report", "--year", YEAR, "--format", "csv", "--db", s(&unit_db)])));
        let out = ok(&["submission", "import", "--year", YEAR, "--unit", name, s(&xlsx), "--date", "2026-01-20", "--db", s(&db)]);
        assert!(out.contains(&format!("已导入 {name} 2025年的报送表")), "{out}");
    }
    // The five are different.
    for a in 0..5 {
        for b in a + 1..5 {
            assert_ne!(csvs[a], csvs[b], "units {a} and {b} have the same tables");
        }
    }
    let consolidated = ok(&["report", "--year", YEAR, "--consolidated", "--format", "csv", "--db", s(&db)]);
    let expected = sum_grids(&csvs);
    let got = grid(&consolidated);
    assert_eq!(got.len(), expected.len(), "the consolidated CSV has the single-organ shape");
    for (r, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g, e, "row {r}");
    }
    // The title row is the single organ's, so the files are the same shape line for line.
    assert_eq!(got[0], vec!["2025年政府信息公开工作年度报告".to_string()]);
    // Table 四 and 第二十条 were not all zero: the sum was exercised there too.
    assert!(consolidated.contains("行政许可,"), "{consolidated}");
    assert_ne!(got.iter().find(|r| r[0] == "行政许可").unwrap()[1], "");

    let list = ok(&["submission", "list", "--year", YEAR, "--db", s(&db)]);
    assert!(list.contains("财政局\t已报送（2026-01-20）\t2026-01-31"), "{list}");
    // Days left count to the due date from today (the test runs after it: overdue).
    let overdue = (chrono::Local::now().date_naive() - chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()).num_days();
    assert!(list.lines().any(|l| l == format!("审计局\t未报送\t2026-01-31\t已逾期 {overdue} 天")), "{list}");
    let remind = dir.path().join("催报单.pdf");
    ok(&["submission", "remind", "--year", YEAR, "--out", s(&remind), "--db", s(&db)]);
    assert!(std::fs::read(&remind).unwrap().starts_with(b"%PDF"));

    // xlsx and pdf are written; the PDF carries the appendix of units.
    let xlsx = dir.path().join("汇总.xlsx");
    ok(&["report", "--year", YEAR, "--consolidated", "--format", "xlsx", "--out", s(&xlsx), "--db", s(&db)]);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let pdf = dir.path().join("汇总.pdf");
    ok(&["report", "--year", YEAR, "--consolidated", "--format", "pdf", "--out", s(&pdf), "--db", s(&db)]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // The consolidated workbook reads back as a submission with the same sum (its own format).
    let again = dir.path().join("again.db");
    ok(&["unit", "add", "全区", "--db", s(&again)]);
    ok(&["submission", "import", "--year", YEAR, "--unit", "全区", s(&xlsx), "--db", s(&again)]);
    assert_eq!(ok(&["report", "--year", YEAR, "--consolidated", "--format", "csv", "--db", s(&again)]), consolidated);
}

#[test]
fn a_broken_file_is_refused_naming_column_and_rule_then_accepted_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = district(dir.path(), &["财政局", "教育局"]);
    let good = imported(dir.path());
    let good_xlsx = dir.path().join("good.xlsx");
    ok(&["report", "--year", YEAR, "--format", "xlsx", "--out", s(&good_xlsx), "--db", s(&good)]);
    ok(&["submission", "import", "--year", YEAR, "--unit", "教育局", s(&good_xlsx), "--db", s(&db)]);
    let before_csv = ok(&["report", "--year", YEAR, "--consolidated", "--format", "csv", "--db", s(&db)]);

    // One number changed by hand: 自然人's 一、本年新收 one more (the workbook as a clerk retyped it).
    let mut figures = report::annual_figures(&Ledger::open(&good).unwrap(), 2025).unwrap().0;
    figures.table_three.received.0[0] += 1;
    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, gongkai_report::xlsx::annual_report_xlsx("财政局", &figures).unwrap()).unwrap();
    let bytes_before = ledger_bytes(&db);
    let (code, out, err) = run_captured(&["submission", "import", "--year", YEAR, "--unit", "财政局", s(&broken), "--db", s(&db)]);
    assert_ne!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("“自然人”列") && err.contains("一、本年新收") && err.contains("第一项加第二项之和，等于第三项加第四项之和"), "{err}");
    assert!(err.contains("未导入"), "{err}");
    assert_eq!(ledger_bytes(&db), bytes_before, "nothing was written");
    assert_eq!(ok(&["report", "--year", YEAR, "--consolidated", "--format", "csv", "--db", s(&db)]), before_csv);
    assert!(ok(&["submission", "list", "--year", YEAR, "--db", s(&db)]).contains("财政局\t未报送"));

    // --accept-failed-check needs its reason.
    let (code, _, err) = run_captured(&["submission", "import", "--year", YEAR, "--unit", "财政局", s(&broken), "--accept-failed-check", "--db", s(&db)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--reason"), "{err}");

    let reason = "该局书面说明自然人新收数含一件转办件，已核实";
    let (code, out, err) = run_captured(&[
        "submission", "import", "--year", YEAR, "--unit", "财政局", s(&broken), "--accept-failed-check", "--reason", reason, "--db", s(&db),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(reason), "{out}");
    let after = ok(&["report", "--year", YEAR, "--consolidated", "--format", "csv", "--db", s(&db)]);
    let new_row = |csv: &str| grid(csv).into_iter().find(|r| r[0].starts_with("一、本年新收")).unwrap();
    let (b, a) = (new_row(&before_csv), new_row(&after));
    let single = new_row(&ok(&["report", "--year", YEAR, "--format", "csv", "--db", s(&good)]));
    let n = |v: &str| v.parse::<u32>().unwrap();
    assert_eq!(n(&a[1]), n(&b[1]) + n(&single[1]) + 1, "counted, with the changed number");
    let list = ok(&["submission", "list", "--year", YEAR, "--db", s(&db)]);
    assert!(list.contains("财政局\t勾稽未通过（"), "{list}");
    let history = ok(&["submission", "list", "--year", YEAR, "--unit", "财政局", "--db", s(&db)]);
    assert!(history.contains(reason), "the reason is kept: {history}");
    // The sum is checked again and says so.
    let (_, _, err) = run_captured(&["report", "--year", YEAR, "--consolidated", "--format", "csv", "--db", s(&db)]);
    assert!(err.contains("汇总后勾稽检查未通过：“自然人”列"), "{err}");

    // A corrected file later replaces it; the earlier one is kept and listed.
    ok(&["submission", "import", "--year", YEAR, "--unit", "财政局", s(&good_xlsx), "--date", "2026-02-10", "--db", s(&db)]);
    let history = ok(&["submission", "list", "--year", YEAR, "--unit", "财政局", "--db", s(&db)]);
    assert_eq!(history.lines().count(), 2, "{history}");
    assert!(history.lines().next().unwrap().contains("2026-02-10\t计入汇总"), "{history}");
    assert!(history.contains("已被替换") && history.contains(reason), "{history}");
    let list = ok(&["submission", "list", "--year", YEAR, "--db", s(&db)]);
    assert!(list.contains("财政局\t逾期报送（2026-02-10）"), "{list}");
    let (_, _, err) = run_captured(&["report", "--year", YEAR, "--consolidated", "--format", "csv", "--db", s(&db)]);
    assert!(!err.contains("勾稽检查未通过"), "{err}");
}

#[test]
fn an_official_layout_table_three_reads_as_the_apps_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = district(dir.path(), &["本软件", "其他软件"]);
    let unit = imported(dir.path());
    let own = dir.path().join("own.xlsx");
    ok(&["report", "--year", YEAR, "--format", "xlsx", "--out", s(&own), "--db", s(&unit)]);
    ok(&["submission", "import", "--year", YEAR, "--unit", "本软件", s(&own), "--db", s(&db)]);
    let official = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/official-table-three-2025.xlsx");
    let (code, out, err) = run_captured(&["submission", "import", "--year", YEAR, "--unit", "其他软件", s(&official), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已导入 其他软件"), "{out}");
    assert!(err.contains("未找到表二") && err.contains("未找到表四"), "the missing tables are noted: {err}");
    let l = Ledger::open(&db).unwrap();
    let subs = gongkai_ledger::submissions::submissions(&l, 2025).unwrap();
    let of = |u: &str| subs.iter().find(|x| x.unit == u).unwrap().figures.table_three.clone();
    assert_eq!(of("其他软件"), of("本软件"));
    assert_eq!(of("本软件"), report::annual_figures(&Ledger::open(&unit).unwrap(), 2025).unwrap().0.table_three);
}

#[test]
fn a_carry_over_that_does_not_meet_last_years_is_a_warning_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = district(dir.path(), &["财政局", "教育局"]);
    let unit = imported(dir.path());
    let file = |year: &str| {
        let out = dir.path().join(format!("{year}.xlsx"));
        ok(&["report", "--year", year, "--format", "xlsx", "--out", s(&out), "--db", s(&unit)]);
        out
    };
    let (y2024, y2025) = (file("2024"), file("2025"));
    // Without a last-year submission the check is skipped.
    let (code, _, err) = run_captured(&["submission", "import", "--year", "2025", "--unit", "教育局", s(&y2025), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("与上年报送不衔接"), "{err}");
    // The same ledger's 2024 file: its 四 is 2025's 二.
    ok(&["submission", "import", "--year", "2024", "--unit", "财政局", s(&y2024), "--date", "2025-01-20", "--db", s(&db)]);
    let (code, _, err) = run_captured(&["submission", "import", "--year", "2025", "--unit", "财政局", s(&y2025), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("与上年报送不衔接"), "{err}");
    // Last year's file given for 教育局 is this year's: its 四 is not 2025's 二 — a warning, and imported.
    ok(&["submission", "import", "--year", "2024", "--unit", "教育局", s(&y2025), "--date", "2025-01-20", "--db", s(&db)]);
    let (code, out, err) = run_captured(&["submission", "import", "--year", "2025", "--unit", "教育局", s(&y2025), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已导入 教育局"), "{out}");
    assert!(err.contains("提示：与上年报送不衔接：“总计”列：本年“二、上年结转”"), "{err}");
}
