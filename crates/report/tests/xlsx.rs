//! The report's Excel workbook read back with calamine: each table on its sheet, the statutory
//! labels and numbers in their cells, and the 2021 format's merged header cells.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use gongkai_core::report::{AnnualFigures, RequestFact, ReviewOutcomes, SectionTwo, TableFour, TableThree, YearFigures};
use gongkai_core::taxonomy::{ApplicantType as A, ReplyResult as R};
use gongkai_report::xlsx::{annual_report_xlsx, SHEETS, TABLE_FIRST_ROW};

fn figures() -> AnnualFigures {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let mut facts = Vec::new();
    for (i, r) in R::ALL.iter().enumerate() {
        facts.push(RequestFact {
            id: i as i64,
            applicant: A::ALL[i % 6],
            received: d("2025-03-01") + chrono::Duration::days(i as i64 * 9),
            concluded: Some((d("2025-04-01") + chrono::Duration::days(i as i64 * 9), *r)),
        });
    }
    facts.push(RequestFact { id: 90, applicant: A::NaturalPerson, received: d("2024-12-29"), concluded: None });
    facts.push(RequestFact { id: 91, applicant: A::Business, received: d("2025-12-29"), concluded: None });
    AnnualFigures {
        year: 2025,
        section_two: SectionTwo {
            regulations: YearFigures { issued: 1, repealed: 0, in_force: 2 },
            normative: YearFigures { issued: 4, repealed: 1, in_force: 8 },
            licensing: Some(1203),
            penalties: Some(56),
            enforcement: Some(0),
            fees_wan_yuan: Some(4166.241619),
        },
        table_three: TableThree::compute(2025, facts),
        table_four: TableFour {
            reconsideration: ReviewOutcomes { upheld: 2, corrected: 1, other: 0, pending: 1 },
            litigation_direct: ReviewOutcomes { upheld: 1, corrected: 0, other: 0, pending: 0 },
            litigation_after: ReviewOutcomes { upheld: 0, corrected: 0, other: 1, pending: 3 },
        },
    }
}

type Grid = Vec<Vec<Data>>;

fn read(bytes: Vec<u8>) -> (Vec<String>, Vec<Grid>, Vec<Vec<((u32, u32), (u32, u32))>>) {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names().to_vec();
    let mut grids = Vec::new();
    let mut merges = Vec::new();
    for name in &names {
        let range = book.worksheet_range(name).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "{name}");
        grids.push(range.rows().map(|r| r.to_vec()).collect());
        let mut m: Vec<_> = book.merge_cells_by_sheet_name(name).unwrap().into_iter().map(|d| (d.start, d.end)).collect();
        m.sort();
        merges.push(m);
    }
    (names, grids, merges)
}

fn text(g: &Grid, r: u32, c: usize) -> String {
    match &g[r as usize][c] {
        Data::String(s) => s.clone(),
        other => format!("{other}"),
    }
}

fn num(g: &Grid, r: u32, c: usize) -> f64 {
    match &g[r as usize][c] {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("row {r} col {c}: not a number: {other:?}"),
    }
}

/// The row whose first non-empty text cell in the label columns is `label`.
fn row_of(g: &Grid, label: &str, label_cols: usize) -> u32 {
    g.iter()
        .position(|row| row[..label_cols].iter().any(|c| matches!(c, Data::String(s) if s == label)))
        .unwrap_or_else(|| panic!("no row “{label}”")) as u32
}

#[test]
fn the_workbook_holds_tables_two_three_four_with_labels_numbers_and_merged_headers() {
    let f = figures();
    let (names, grids, merges) = read(annual_report_xlsx("某某区人民政府办公室", &f).unwrap());
    assert_eq!(names, SHEETS.map(|(n, _)| n.to_string()).to_vec());

    // 二
    let two = &grids[0];
    assert!(text(two, 0, 0).contains("某某区人民政府办公室2025年政府信息公开工作年度报告"));
    assert_eq!(text(two, TABLE_FIRST_ROW, 0), "第二十条第（一）项");
    let r = row_of(two, "规章", 1);
    assert_eq!([num(two, r, 1), num(two, r, 2), num(two, r, 3)], [1.0, 0.0, 2.0]);
    let r = row_of(two, "行政规范性文件", 1);
    assert_eq!([num(two, r, 1), num(two, r, 2), num(two, r, 3)], [4.0, 1.0, 8.0]);
    assert_eq!(num(two, row_of(two, "行政许可", 1), 1), 1203.0);
    assert_eq!(num(two, row_of(two, "行政处罚", 1), 1), 56.0);
    assert_eq!(num(two, row_of(two, "行政事业性收费", 1), 1), 4166.241619);
    let f0 = TABLE_FIRST_ROW;
    for block in [f0, f0 + 4, f0 + 7, f0 + 11] {
        assert!(merges[0].contains(&((block, 0), (block, 3))), "第二十条 heading at row {block}: {:?}", merges[0]);
    }
    assert!(merges[0].contains(&((row_of(two, "行政许可", 1), 1), (row_of(two, "行政许可", 1), 3))));

    // 三: the three header rows merged as in the format, every labelled row with its seven numbers.
    let three = &grids[1];
    for m in [
        ((f0, 0), (f0 + 2, 2)),     // 勾稽关系 note
        ((f0, 3), (f0, 9)),         // 申请人情况
        ((f0 + 1, 3), (f0 + 2, 3)), // 自然人
        ((f0 + 1, 4), (f0 + 1, 8)), // 法人或其他组织
        ((f0 + 1, 9), (f0 + 2, 9)), // 总计
    ] {
        assert!(merges[1].contains(&m), "{m:?} in {:?}", merges[1]);
    }
    assert_eq!(text(three, f0, 3), "申请人情况");
    assert_eq!(text(three, f0 + 1, 4), "法人或其他组织");
    assert_eq!((f0 + 2..f0 + 3).map(|r| text(three, r, 4)).collect::<Vec<_>>(), ["商业企业"]);
    let t = &f.table_three;
    let check = |label: &str, cols: [u32; 7]| {
        let r = row_of(three, label, 3);
        let got: Vec<f64> = (3..10).map(|c| num(three, r, c)).collect();
        assert_eq!(got, cols.map(f64::from).to_vec(), "{label}");
    };
    check("一、本年新收政府信息公开申请数量", t.received.columns());
    check("二、上年结转政府信息公开申请数量", t.carried_in.columns());
    for r in R::ALL {
        check(&r.numbered_label(), t.result(r).columns());
    }
    check("（七）总计", t.results_total().columns());
    check("四、结转下年度继续办理", t.carried_out.columns());
    let results_row = row_of(three, "三、本年度办理结果", 1);
    let total_row = row_of(three, "（七）总计", 3);
    assert!(merges[1].contains(&((results_row, 0), (total_row, 0))), "三、本年度办理结果 spans its rows");
    let withheld = row_of(three, "（三）不予公开", 2);
    assert!(merges[1].contains(&((withheld, 1), (withheld + 7, 1))), "（三）不予公开 spans its eight leaves");

    // 四: 行政复议 one row over its five outcomes, each outcome down rows 2–3; 行政诉讼 over
    // 未经复议直接起诉 and 复议后起诉, the ten litigation outcomes in row 3.
    let four = &grids[2];
    let mut expected_merges = vec![((f0, 0), (f0, 4)), ((f0, 5), (f0, 14)), ((f0 + 1, 5), (f0 + 1, 9)), ((f0 + 1, 10), (f0 + 1, 14))];
    expected_merges.extend((0..5).map(|c| ((f0 + 1, c), (f0 + 2, c))));
    expected_merges.sort();
    assert_eq!(merges[2][1..], expected_merges[..], "the title row's merge first, then the header's");
    assert_eq!(text(four, f0, 0), "行政复议");
    assert_eq!(text(four, f0, 5), "行政诉讼");
    let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    assert_eq!((0..5).map(|c| text(four, f0 + 1, c)).collect::<Vec<_>>(), outcomes);
    assert_eq!(text(four, f0 + 1, 5), "未经复议直接起诉");
    assert_eq!(text(four, f0 + 1, 10), "复议后起诉");
    assert_eq!((5..15).map(|c| text(four, f0 + 2, c)).collect::<Vec<_>>(), [outcomes, outcomes].concat());
    let values: Vec<f64> = (0..15).map(|c| num(four, f0 + 3, c)).collect();
    let expected: Vec<f64> = [f.table_four.reconsideration, f.table_four.litigation_direct, f.table_four.litigation_after]
        .iter()
        .flat_map(|o| o.columns())
        .map(f64::from)
        .collect();
    assert_eq!(values, expected);
}

#[test]
fn the_fee_cell_shows_all_six_decimals() {
    // Excel's General format would round a long number; the cell carries a format with as many
    // decimals as the printed text, so it shows 4166.241619 as the PDF and CSV do.
    let bytes = annual_report_xlsx("某某区人民政府办公室", &figures()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains(r#"formatCode="0.000000""#), "{styles}");
}

#[test]
fn an_unset_organ_name_shows_the_placeholder() {
    let (_, grids, _) = read(annual_report_xlsx("  ", &figures()).unwrap());
    assert!(text(&grids[0], 0, 0).starts_with(gongkai_report::ORGAN_PLACEHOLDER));
}

/// The sheet XML of every sheet, in order, and the workbook XML.
fn sheet_xml(bytes: Vec<u8>) -> (Vec<String>, String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let read = |zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let sheets = (1..=SHEETS.len()).map(|i| read(&mut zip, &format!("xl/worksheets/sheet{i}.xml"))).collect();
    (sheets, read(&mut zip, "xl/workbook.xml"))
}

#[test]
fn each_sheet_prints_on_a4_landscape_one_page_wide_with_its_header_repeated() {
    let (sheets, workbook) = sheet_xml(annual_report_xlsx("某某区人民政府办公室", &figures()).unwrap());
    for (i, xml) in sheets.iter().enumerate() {
        let setup = xml.split("<pageSetup").nth(1).unwrap_or_else(|| panic!("sheet {i}: no pageSetup in {xml}"));
        let setup = &setup[..setup.find("/>").unwrap()];
        assert!(setup.contains(r#"paperSize="9""#), "sheet {i}: A4: {setup}");
        assert!(setup.contains(r#"orientation="landscape""#), "sheet {i}: {setup}");
        assert!(setup.contains(r#"fitToHeight="0""#), "sheet {i}: as many pages tall as needed: {setup}");
        // fitToWidth defaults to 1 in the schema, so rust_xlsxwriter may leave it out.
        assert!(!setup.contains("fitToWidth=") || setup.contains(r#"fitToWidth="1""#), "sheet {i}: {setup}");
        assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "sheet {i}: fit to page is on");
    }
    // The heading and the header rows of 表三 (three rows, from TABLE_FIRST_ROW) and 表四 (three).
    let mut titles: Vec<(usize, &str)> = workbook
        .split(r#"<definedName name="_xlnm.Print_Titles""#)
        .skip(1)
        .map(|d| {
            let d = &d[..d.find("</definedName>").unwrap()];
            let (attrs, value) = d.split_once('>').unwrap();
            let sheet = attrs.split('"').nth(1).unwrap().parse().unwrap();
            (sheet, value)
        })
        .collect();
    titles.sort();
    assert_eq!(titles.len(), SHEETS.len(), "{workbook}");
    let last = TABLE_FIRST_ROW + 3; // 1-based: rows 1 ..= TABLE_FIRST_ROW + 3
    assert_eq!(titles[0], (0, format!("'{}'!$1:$1", SHEETS[0].0).as_str()), "表二 repeats its heading");
    assert_eq!(titles[1], (1, format!("'{}'!$1:${last}", SHEETS[1].0).as_str()));
    assert_eq!(titles[2], (2, format!("'{}'!$1:${last}", SHEETS[2].0).as_str()));
}
