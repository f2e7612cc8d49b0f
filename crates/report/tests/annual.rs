//! The annual report PDF: statutory labels extract as text, fonts are embedded and subset, and
//! the file stays small.

use std::process::Command;

use chrono::NaiveDate;
use gongkai_core::report::{AnnualFigures, YearFigures, RequestFact, SectionTwo, TableThree};
use gongkai_core::taxonomy::{ApplicantType as A, ReplyResult as R};
use gongkai_report::{annual_report, ReportTexts, ORGAN_PLACEHOLDER};

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
    facts.push(RequestFact { id: 99, applicant: A::NaturalPerson, received: d("2025-12-29"), concluded: None });
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
        ..Default::default()
    }
}

fn tool(name: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(name).args(args).output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_report_pdf_carries_the_statutory_labels_in_subset_fonts() {
    let doc = annual_report("某某区人民政府办公室", &figures(), &ReportTexts::default(), NaiveDate::from_ymd_opt(2026, 1, 20).unwrap());
    let bytes = gongkai_pdf::render(&doc).expect("renders");
    assert!(bytes.len() < 400 * 1024, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &bytes).unwrap();
    if let Ok(out) = std::env::var("GONGKAI_PDF_OUT") {
        std::fs::copy(&path, std::path::Path::new(&out).join("annual-report.pdf")).unwrap();
    }
    let Some(text) = tool("pdftotext", &[path.to_str().unwrap(), "-"]) else {
        panic!("pdftotext (poppler-utils) is required: scripts/deps.sh installs it");
    };
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for label in [
        "某某区人民政府办公室",
        "2025年政府信息公开工作年度报告",
        "第二十条第（一）项",
        "本年收费金额（单位：万元）",
        "4166.241619",
        "本年新收政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
        "属于国家秘密",
        "补正后申请内容仍不明确",
        "要求行政机关确认或重新出具已获取信息",
        "（七）总计",
        "结转下年度继续办理",
        "未经复议直接起诉",
        "复议后起诉",
        "尚未审结",
        "本年新收政府信息公开申请22件",
    ] {
        assert!(text.contains(label), "{label} not in the extracted text");
    }
    let fonts = tool("pdffonts", &[path.to_str().unwrap()]).unwrap();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!((cols[n - 5], cols[n - 4]), ("yes", "yes"), "font not embedded and subset: {row}");
    }
}

#[test]
fn table_four_has_the_official_three_header_rows() {
    let doc = annual_report("某某区人民政府办公室", &figures(), &ReportTexts::default(), NaiveDate::from_ymd_opt(2026, 1, 20).unwrap());
    let four = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            gongkai_pdf::Block::Table(t) if t.col_widths_mm.len() == 15 => Some(t),
            _ => None,
        })
        .expect("table 四");
    assert_eq!((four.rows.len(), four.header_rows), (4, 3));
    // (row, column) → (text, colspan, rowspan) of every cell that is not covered.
    let cells: Vec<(usize, usize, &str, usize, usize)> = four
        .rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, cell)| (r, c, cell)))
        .filter(|(_, _, cell)| !cell.is_covered())
        .map(|(r, c, cell)| (r, c, cell.text.as_str(), cell.colspan, cell.rowspan))
        .collect();
    let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut expected = vec![(0, 0, "行政复议", 5, 1), (0, 5, "行政诉讼", 10, 1)];
    expected.extend(outcomes.iter().enumerate().map(|(c, o)| (1, c, *o, 1, 2)));
    expected.extend([(1, 5, "未经复议直接起诉", 5, 1), (1, 10, "复议后起诉", 5, 1)]);
    expected.extend(outcomes.iter().chain(outcomes.iter()).enumerate().map(|(i, o)| (2, 5 + i, *o, 1, 1)));
    let header: Vec<_> = cells.iter().copied().filter(|c| c.0 < 3).collect();
    assert_eq!(header, expected);
    assert_eq!(cells.iter().filter(|c| c.0 == 3).count(), 15, "one row of fifteen numbers");
    // The layout accepts the grid (every position owned once, no header span into the body).
    gongkai_pdf::render(&doc).expect("renders");
}

#[test]
fn the_preamble_cites_the_notice_that_issued_the_format() {
    let doc = annual_report("某某区人民政府办公室", &figures(), &ReportTexts::default(), NaiveDate::from_ymd_opt(2026, 1, 20).unwrap());
    let gongkai_pdf::Block::Paragraph(preamble) = &doc.blocks[0] else { panic!("the preamble comes first") };
    assert_eq!(
        preamble,
        "本报告由某某区人民政府办公室根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发\
         〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制，\
         所列数据的统计期限自2025年1月1日起至2025年12月31日止。"
    );
}

#[test]
fn an_unset_organ_name_is_a_visible_placeholder() {
    let doc = annual_report("  ", &figures(), &ReportTexts::default(), NaiveDate::from_ymd_opt(2026, 1, 20).unwrap());
    assert!(doc.title.contains(ORGAN_PLACEHOLDER));
}

/// Issue 18: 一、总体情况 prints its five subheadings in order, each with its text (an empty one
/// says so), and an older report's one-piece 总体情况 still prints as written.
#[test]
fn section_one_prints_the_five_subheadings() {
    use gongkai_core::overview::{OverviewSections, OVERVIEW_HEADINGS};
    let sections = OverviewSections { active: "主动公开的情况。".into(), oversight: "监督保障的情况。".into(), ..Default::default() };
    let texts = ReportTexts { overview_sections: sections, ..Default::default() };
    let doc = annual_report("某某区人民政府办公室", &figures(), &texts, NaiveDate::from_ymd_opt(2026, 1, 20).unwrap());
    let mut seen = Vec::new();
    let mut after_first = Vec::new();
    for b in &doc.blocks {
        match b {
            gongkai_pdf::Block::Heading2(h) => seen.push(h.clone()),
            gongkai_pdf::Block::Paragraph(p) if seen.len() == 1 && after_first.is_empty() => after_first.push(p.clone()),
            _ => {}
        }
    }
    assert_eq!(seen[..5], OVERVIEW_HEADINGS.map(String::from));
    assert_eq!(after_first, ["主动公开的情况。"]);
    let bytes = gongkai_pdf::render(&doc).expect("renders");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &bytes).unwrap();
    if let Some(text) = tool("pdftotext", &[path.to_str().unwrap(), "-"]) {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains("（一）主动公开主动公开的情况。") && text.contains("（五）监督保障监督保障的情况。"), "{text}");
    }

    let legacy = ReportTexts { overview: "旧版的总体情况。".into(), ..Default::default() };
    let doc = annual_report("某某区人民政府办公室", &figures(), &legacy, NaiveDate::from_ymd_opt(2026, 1, 20).unwrap());
    assert!(doc.blocks.iter().any(|b| matches!(b, gongkai_pdf::Block::Paragraph(p) if p == "旧版的总体情况。")));
    assert!(!doc.blocks.iter().any(|b| matches!(b, gongkai_pdf::Block::Heading2(h) if h.contains("主动公开"))));
}
