//! Issue 23, point 5: in the report PDF each table's header stays with its first rows. 表二 is
//! four small tables in one (第二十条第（一）（五）（六）（八）项), each with a title row and a
//! row of column heads: a page never ends on one of those (keep-with-next), so "第二十条第（六）项"
//! never sits alone at the foot of a page. Checked on the page break positions the layout reports
//! (`gongkai_pdf::table_segments`), not on pixels, with 一、总体情况 growing a line at a time so
//! that the page break sweeps through every row of 表二.

use chrono::NaiveDate;
use gongkai_core::overview::OverviewSections;
use gongkai_core::report::{AnnualFigures, SectionTwo, YearFigures};
use gongkai_pdf::{Block, Doc, TableSegment};
use gongkai_report::{annual_report, ReportTexts, SECTION_TWO_HEADS};

fn figures() -> AnnualFigures {
    AnnualFigures {
        year: 2025,
        section_two: SectionTwo {
            regulations: YearFigures { issued: 1, repealed: 0, in_force: 2 },
            normative: YearFigures { issued: 4, repealed: 1, in_force: 8 },
            licensing: Some(1203),
            penalties: Some(56),
            enforcement: Some(0),
            fees_wan_yuan: Some(12.5),
        },
        ..Default::default()
    }
}

/// The report with `lines` one-line paragraphs under （一）主动公开, so 表二 starts lower each time.
fn report(lines: usize) -> Doc {
    let active = (0..lines).map(|i| format!("第{i}项工作。")).collect::<Vec<_>>().join("\n");
    let texts = ReportTexts {
        overview_sections: OverviewSections { active, requests: "依申请公开情况。".into(), ..Default::default() },
        ..Default::default()
    };
    annual_report("某某区人民政府办公室", &figures(), &texts, NaiveDate::from_ymd_opt(2026, 1, 20).unwrap())
}

fn table_two(doc: &Doc) -> usize {
    doc.blocks.iter().position(|b| matches!(b, Block::Table(_))).expect("表二 is the first table")
}

/// 表二's segments, page by page.
fn two_segments(doc: &Doc) -> Vec<TableSegment> {
    let two = table_two(doc);
    gongkai_pdf::table_segments(doc, None).unwrap().into_iter().filter(|s| s.block == two).collect()
}

/// The rows that ended a page (the last row of every segment but the last).
fn page_ends(segments: &[TableSegment]) -> Vec<usize> {
    segments[..segments.len().saturating_sub(1)].iter().filter(|s| s.end_row > s.first_row).map(|s| s.end_row - 1).collect()
}

#[test]
fn no_page_of_the_report_ends_on_a_title_or_column_heads_of_table_two() {
    let mut breaks_seen = std::collections::BTreeSet::new();
    for lines in 0..=24 {
        let doc = report(lines);
        let segments = two_segments(&doc);
        assert!(!segments.is_empty(), "{lines}: 表二 is drawn");
        // Every row drawn once, in order, no empty segment after the first.
        assert_eq!(segments[0].first_row, 0);
        assert_eq!(segments.last().unwrap().end_row, 14, "{lines}: all 14 rows");
        assert!(segments.windows(2).all(|w| w[0].end_row == w[1].first_row && w[1].page == w[0].page + 1), "{lines}: {segments:?}");
        for end in page_ends(&segments) {
            assert!(!SECTION_TWO_HEADS.contains(&end), "{lines} lines: page {} ends on row {end} of 表二 (a title or column heads): {segments:?}", segments[0].page);
            breaks_seen.insert(end);
        }
    }
    // The sweep did split 表二 at several places, so the check above had something to check.
    assert!(breaks_seen.len() >= 3, "表二 split at rows {breaks_seen:?}");
    // 第（六）项's title (row 7) and heads (row 8) are always on the page of 行政处罚 (row 9).
    for lines in 0..=24 {
        let segments = two_segments(&report(lines));
        let page_of = |row: usize| segments.iter().find(|s| s.first_row <= row && row < s.end_row).map(|s| s.page);
        assert_eq!(page_of(7), page_of(9), "{lines}: {segments:?}");
        assert_eq!(page_of(8), page_of(9), "{lines}: {segments:?}");
    }
}

/// Without the rule the same sweep does leave a title or heads at the foot of a page: the test
/// above is about the rule, not about lucky text lengths.
#[test]
fn without_keep_with_next_the_same_sweep_strands_a_heading() {
    let mut stranded = Vec::new();
    for lines in 0..=24 {
        let mut doc = report(lines);
        let two = table_two(&doc);
        if let Block::Table(t) = &mut doc.blocks[two] {
            t.keep_with_next.clear();
        }
        for end in page_ends(&two_segments(&doc)) {
            if SECTION_TWO_HEADS.contains(&end) {
                stranded.push((lines, end));
            }
        }
    }
    assert!(!stranded.is_empty(), "the sweep never put a break after a heading row");
}

/// The heading 二、主动公开政府信息情况 stays with the table's first item (title, heads and first
/// row), never alone at the foot of a page.
#[test]
fn the_section_heading_stays_with_the_first_item_of_table_two() {
    for lines in 0..=24 {
        let doc = report(lines);
        let segments = two_segments(&doc);
        assert!(segments[0].end_row >= 3, "{lines}: the first page of 表二 holds at least its first item: {segments:?}");
    }
}
