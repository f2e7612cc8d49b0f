//! Renders real documents and checks the PDFs with poppler (pdftotext, pdffonts, pdfinfo).
//!
//! Without poppler-utils the checks that need it print a SKIP note and return.
//! Set `GONGKAI_PDF_OUT=/some/dir` to keep the rendered files for a look.

use std::path::{Path, PathBuf};
use std::process::Command;

use gongkai_pdf::linebreak::is_no_start;
use gongkai_pdf::{render, Block, Cell, Doc, PdfError, Table};

// ---------------------------------------------------------------- helpers

fn poppler_present() -> bool {
    let ok = ["pdftotext", "pdffonts", "pdfinfo"]
        .iter()
        .all(|tool| Command::new(tool).arg("-v").output().is_ok());
    if !ok {
        eprintln!("SKIP: poppler-utils (pdftotext/pdffonts/pdfinfo) not installed; PDF content not checked");
    }
    ok
}

/// Write the PDF where poppler can read it (and where a person can look at it).
fn save(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::var_os("GONGKAI_PDF_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::temp_dir().join(format!("gongkai-pdf-test-{}", std::process::id()))
        });
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text of pages `first..=last` with all whitespace removed.
fn text(path: &Path, first: usize, last: usize) -> String {
    let p = path.to_str().unwrap();
    run(
        "pdftotext",
        &["-f", &first.to_string(), "-l", &last.to_string(), p, "-"],
    )
    .chars()
    .filter(|c| !c.is_whitespace())
    .collect()
}

fn pages(path: &Path) -> usize {
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    let line = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .expect("pdfinfo prints Pages:");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// Every font row of pdffonts: (name, embedded, subset).
fn fonts(path: &Path) -> Vec<(String, bool, bool)> {
    let out = run("pdffonts", &[path.to_str().unwrap()]);
    let header = out.lines().next().unwrap().to_string();
    let emb = header.find(" emb").unwrap() + 1;
    let sub = header.find(" sub").unwrap() + 1;
    out.lines()
        .skip(2)
        .map(|l| {
            let name = l.split_whitespace().next().unwrap().to_string();
            (name, &l[emb..emb + 3] == "yes", &l[sub..sub + 3] == "yes")
        })
        .collect()
}

fn assert_contains_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match haystack[from..].find(needle) {
            Some(i) => from += i + needle.len(),
            None => panic!("「{needle}」 not found (in order) in extracted text:\n{haystack}"),
        }
    }
}

// ---------------------------------------------------------------- sample documents

const LONG: &str =
    "2024年，本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，\
认真执行《中华人民共和国政府信息公开条例》（以下简称《条例》），围绕区委、区政府中心工作，\
持续深化政务公开，推进决策、执行、管理、服务、结果公开，着力提升政府透明度和公信力。\
全年通过政府门户网站主动公开政府信息1286条，其中机构职能、规范性文件、财政预决算、重大建设项目、\
公共资源配置、社会公益事业等重点领域信息占比超过六成；依申请公开工作规范有序，\
全年受理申请37件，均在法定期限内答复，未发生因答复超期被纠错的情形。";

const SHORT: &str = "现将本机关政府信息公开工作情况报告如下。";

const IMPROVE: &str = "存在的主要问题：一是主动公开的深度和广度仍需拓展，部分领域信息更新不够及时；\
二是政策解读形式较为单一，图解、视频等多元化解读占比不高；三是依申请公开答复文书的规范化水平有待进一步提高。\
改进措施：下一步，我们将健全信息发布审核机制，压实各科室公开责任，定期开展自查整改；\
丰富政策解读方式，提升解读的针对性和可读性；加强业务培训，严格按照《条例》规定的期限和程序办理，\
确保答复内容准确、依据充分、程序合法。";

fn n(v: u32) -> Cell {
    Cell::new(v.to_string()).center()
}

/// The section 三 table of the 2021 format: 3 label columns + 7 numbers, nested row spans.
fn section_three_table() -> Table {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let cov = Cell::covered;
    rows.push(
        [
            vec![
                Cell::new("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
                    .span(3, 3)
                    .center(),
                cov(),
                cov(),
                Cell::new("申请人情况").span(7, 1).center().bold(),
            ],
            (0..6).map(|_| cov()).collect(),
        ]
        .concat(),
    );
    rows.push(
        [
            vec![
                cov(),
                cov(),
                cov(),
                Cell::new("自然人").span(1, 2).center().bold(),
            ],
            vec![Cell::new("法人或其他组织").span(5, 1).center().bold()],
            (0..4).map(|_| cov()).collect(),
            vec![Cell::new("总计").span(1, 2).center().bold()],
        ]
        .concat(),
    );
    rows.push(
        [
            vec![cov(), cov(), cov(), cov()],
            [
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
            ]
            .iter()
            .map(|t| Cell::new(*t).center().bold())
            .collect(),
            vec![cov()],
        ]
        .concat(),
    );
    let numbers = |seed: u32| -> Vec<Cell> {
        let v: Vec<u32> = (0..6).map(|i| (seed * 7 + i * 3) % 11).collect();
        let total: u32 = v.iter().sum();
        v.into_iter().map(n).chain([n(total)]).collect()
    };
    let whole = |label: &str, seed| {
        [
            vec![Cell::new(label).span(3, 1), cov(), cov()],
            numbers(seed),
        ]
        .concat()
    };
    rows.push(whole("一、本年新收政府信息公开申请数量", 1));
    rows.push(whole("二、上年结转政府信息公开申请数量", 2));

    let groups: [(&str, &[&str]); 7] = [
        ("（一）予以公开", &[]),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            &[],
        ),
        (
            "（三）不予公开",
            &[
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息",
                "6.属于四类过程性信息",
                "7.属于行政执法案卷",
                "8.属于行政查询事项",
            ],
        ),
        (
            "（四）无法提供",
            &[
                "1.本机关不掌握相关政府信息",
                "2.没有现成信息需要另行制作",
                "3.补正后申请内容仍不明确",
            ],
        ),
        (
            "（五）不予处理",
            &[
                "1.信访举报投诉类申请",
                "2.重复申请",
                "3.要求提供公开出版物",
                "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息",
            ],
        ),
        (
            "（六）其他处理",
            &[
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "3.其他",
            ],
        ),
        ("（七）总计", &[]),
    ];
    let mut seed = 3;
    let mut first = true;
    for (group, items) in groups {
        let head = if first {
            Cell::new("三、本年度办理结果").span(1, 22).center()
        } else {
            cov()
        };
        first = false;
        if items.is_empty() {
            rows.push(
                [
                    vec![head, Cell::new(group).span(2, 1), cov()],
                    numbers(seed),
                ]
                .concat(),
            );
            seed += 1;
        } else {
            for (i, item) in items.iter().enumerate() {
                let g = if i == 0 {
                    Cell::new(group).span(1, items.len()).center()
                } else {
                    cov()
                };
                let h = if i == 0 { head.clone() } else { cov() };
                rows.push([vec![h, g, Cell::new(*item)], numbers(seed)].concat());
                seed += 1;
            }
        }
    }
    rows.push(whole("四、结转下年度继续办理", 9));
    Table {
        col_widths_mm: [vec![10.0, 18.0, 37.0], vec![13.0; 7]].concat(),
        rows,
        font_size_pt: 9.0,
        header_rows: 3,
        keep_with_next: vec![],
    }
}

fn section_two_table() -> Table {
    let h = |t: &str| Cell::new(t).center().bold();
    let row = |cells: Vec<Cell>| cells;
    Table {
        col_widths_mm: vec![39.0, 39.0, 39.0, 39.0],
        rows: vec![
            row(vec![
                h("第二十条第（一）项").span(4, 1),
                Cell::covered(),
                Cell::covered(),
                Cell::covered(),
            ]),
            row(vec![
                h("信息内容"),
                h("本年制发件数"),
                h("本年废止件数"),
                h("现行有效件数"),
            ]),
            row(vec![Cell::new("规章").center(), n(0), n(0), n(0)]),
            row(vec![
                Cell::new("行政规范性文件").center(),
                n(3),
                n(1),
                n(27),
            ]),
            row(vec![
                h("第二十条第（八）项").span(4, 1),
                Cell::covered(),
                Cell::covered(),
                Cell::covered(),
            ]),
            row(vec![
                h("信息内容"),
                h("本年收费金额（单位：万元）").span(3, 1),
                Cell::covered(),
                Cell::covered(),
            ]),
            row(vec![
                Cell::new("行政事业性收费").center(),
                Cell::new("12.5").center().span(3, 1),
                Cell::covered(),
                Cell::covered(),
            ]),
        ],
        font_size_pt: 10.5,
        header_rows: 0,
        keep_with_next: vec![],
    }
}

fn annual_report() -> Doc {
    let p = |s: &str| Block::Paragraph(s.to_string());
    Doc {
        title: "某某市某某区人民政府办公室\n2024年政府信息公开工作年度报告".into(),
        footer_page_numbers: true,
        blocks: vec![
            p("本报告由某某市某某区人民政府办公室根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"),
            p(SHORT),
            Block::Heading1("一、总体情况".into()),
            Block::Heading2("（一）主动公开".into()),
            p(LONG),
            Block::Heading2("（二）依申请公开".into()),
            p(LONG),
            Block::Heading1("二、主动公开政府信息情况".into()),
            Block::Table(section_two_table()),
            Block::Heading1("三、收到和处理政府信息公开申请情况".into()),
            Block::Table(section_three_table()),
            Block::Heading1("四、政府信息公开行政复议、行政诉讼情况".into()),
            p("本年度本机关未发生因政府信息公开被申请行政复议或者提起行政诉讼的情况。"),
            Block::Heading1("五、存在的主要问题及改进情况".into()),
            p(IMPROVE),
            Block::Heading1("六、其他需要报告的事项".into()),
            p("本年度本机关未收取信息处理费。"),
            Block::Spacer(10.0),
            Block::Signature { organ: "某某市某某区人民政府办公室".into(), date: "2025年1月20日".into() },
        ],
    }
}

// ---------------------------------------------------------------- tests

#[test]
fn annual_report_extracts_embeds_subset_fonts_and_stays_small() {
    let bytes = render(&annual_report()).expect("renders");
    let path = save("annual-report", &bytes);
    assert!(bytes.len() < 400 * 1024, "report is {} bytes", bytes.len());
    if !poppler_present() {
        return;
    }
    let all = text(&path, 1, 99);
    assert_contains_in_order(
        &all,
        &[
            "某某市某某区人民政府办公室2024年政府信息公开工作年度报告",
            "一、总体情况",
            "（一）主动公开",
            "着力提升政府透明度和公信力",
            "二、主动公开政府信息情况",
            "本年收费金额（单位：万元）",
            "三、收到和处理政府信息公开申请情况",
            "申请人情况",
            "本年新收政府信息公开申请数量",
            "上年结转政府信息公开申请数量",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "结转下年度继续办理",
            "五、存在的主要问题及改进情况",
            "确保答复内容准确、依据充分、程序合法。",
            "某某市某某区人民政府办公室",
            "2025年1月20日",
        ],
    );
    assert!(all.contains("—1—"), "page number missing: {all}");
    // 避头尾 on the printed page: no line (body text or table cell) starts with closing
    // punctuation. Page numbers ("— 1 —") are the one legitimate exception.
    let raw = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    let page_number = |l: &str| l.starts_with('—') && l.ends_with('—');
    for line in raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !page_number(l))
    {
        let first = line.chars().next().unwrap();
        assert!(!is_no_start(first), "a line starts with {first}: {line}");
    }

    let fonts = fonts(&path);
    assert!(
        fonts.len() >= 2,
        "expected the serif and the heading faces, got {fonts:?}"
    );
    for (name, emb, sub) in &fonts {
        assert!(
            *emb && *sub,
            "font {name} must be embedded and subset: {fonts:?}"
        );
    }
    let n = pages(&path);
    assert!((4..=6).contains(&n), "expected 4–6 pages, got {n}");
    assert!(text(&path, n, n).contains(&format!("—{n}—")));
}

#[test]
fn a_table_that_breaks_repeats_its_header_and_keeps_every_row() {
    // Push the table down so that it has to break.
    let mut blocks: Vec<Block> = (0..14).map(|_| Block::Paragraph(SHORT.into())).collect();
    blocks.push(Block::Table(section_three_table()));
    let doc = Doc {
        title: String::new(),
        blocks,
        footer_page_numbers: false,
    };
    let path = save("table-break", &render(&doc).unwrap());
    if !poppler_present() {
        return;
    }
    assert_eq!(pages(&path), 2);
    let (p1, p2) = (text(&path, 1, 1), text(&path, 2, 2));
    for page in [&p1, &p2] {
        assert!(
            page.contains("申请人情况") && page.contains("社会公益组织"),
            "header missing on a page: {page}"
        );
    }
    assert!(p1.contains("本年新收政府信息公开申请数量"));
    assert!(p2.contains("结转下年度继续办理"));
    let both = p1 + &p2;
    for label in [
        "1.属于国家秘密",
        "8.属于行政查询事项",
        "3.补正后申请内容仍不明确",
        "（七）总计",
    ] {
        assert!(both.contains(label), "{label} lost");
    }
}

#[test]
fn twenty_two_body_lines_fill_a_page() {
    let one_line = "本行正好一行。".to_string();
    let page_of = |k: usize| Doc {
        title: String::new(),
        blocks: (0..k).map(|_| Block::Paragraph(one_line.clone())).collect(),
        footer_page_numbers: false,
    };
    let full = save("lines-22", &render(&page_of(22)).unwrap());
    let over = save("lines-23", &render(&page_of(23)).unwrap());
    if !poppler_present() {
        return;
    }
    assert_eq!(pages(&full), 1);
    assert_eq!(pages(&over), 2);
}

#[test]
fn a_full_line_holds_twenty_eight_characters() {
    // 26 characters after the two-character indent, then 28 on the next line.
    let text: String = "政务公开".chars().cycle().take(26 + 28 + 3).collect();
    let doc = Doc {
        title: String::new(),
        blocks: vec![Block::Paragraph(text)],
        footer_page_numbers: false,
    };
    let path = save("grid", &render(&doc).unwrap());
    if !poppler_present() {
        return;
    }
    let raw = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    let lines: Vec<usize> = raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().chars().count())
        .collect();
    assert_eq!(lines, vec![26, 28, 3]);
}

#[test]
fn letter_with_signature_fits_on_one_page() {
    let doc = Doc {
        title: "政府信息公开申请答复告知书".into(),
        footer_page_numbers: false,
        blocks: vec![
            Block::Addressee("张三：".into()),
            Block::Paragraph("本机关于2025年3月3日收到您提出的政府信息公开申请，要求获取“某某路道路改造工程立项批复文件”。经审查，现答复如下：".into()),
            Block::Paragraph("您申请获取的政府信息属于主动公开范围，已在某某区人民政府门户网站“政府信息公开”专栏公开，您可自行查阅。".into()),
            Block::Paragraph("如对本答复不服，可以自收到本告知书之日起六十日内向某某市人民政府申请行政复议，或者在六个月内向某某区人民法院提起行政诉讼。".into()),
            Block::Signature { organ: "某某市某某区人民政府办公室".into(), date: "2025年3月20日".into() },
        ],
    };
    let path = save("letter", &render(&doc).unwrap());
    if !poppler_present() {
        return;
    }
    assert_eq!(pages(&path), 1);
    assert_contains_in_order(
        &text(&path, 1, 1),
        &[
            "告知书",
            "张三：",
            "现答复如下：",
            "某某市某某区人民政府办公室",
            "2025年3月20日",
        ],
    );
}

#[test]
fn a_page_note_sits_below_the_body_on_its_pages_until_the_next_one() {
    let para = |n: usize| Block::Paragraph("本机关依据条例答复如下。".repeat(n));
    let doc = Doc {
        title: String::new(),
        footer_page_numbers: true,
        blocks: vec![
            Block::PageNote("审计日志第 7 条 校验码 0123abcd-4567ef01".into()),
            Block::Title("第一份告知书".into()),
            // Long enough to run onto a second page: the note follows it there.
            para(60),
            Block::PageBreak,
            Block::Title("第二份告知书".into()),
            Block::PageNote("审计日志第 9 条 校验码 89abcdef-01234567".into()),
            para(2),
            Block::PageBreak,
            Block::PageNote(String::new()),
            Block::Title("第三份告知书".into()),
        ],
    };
    let path = save("page_note", &render(&doc).unwrap());
    if !poppler_present() {
        return;
    }
    assert_eq!(pages(&path), 4);
    let first = "审计日志第7条校验码0123abcd-4567ef01";
    let second = "审计日志第9条校验码89abcdef-01234567";
    for page in 1..=2 {
        let t = text(&path, page, page);
        assert!(t.ends_with(first), "page {page}: {t}");
        assert!(t.contains(&format!("—{page}—")), "the page number stays: {t}");
    }
    assert!(text(&path, 3, 3).ends_with(second));
    let last = text(&path, 4, 4);
    assert!(!last.contains("校验码"), "an empty note ends it: {last}");
}

#[test]
fn inconsistent_tables_are_refused() {
    let doc = |rows: Vec<Vec<Cell>>| Doc {
        title: String::new(),
        footer_page_numbers: false,
        blocks: vec![Block::Table(Table {
            col_widths_mm: vec![50.0, 50.0],
            rows,
            font_size_pt: 10.5,
            header_rows: 0,
            keep_with_next: vec![],
        })],
    };
    let err = |rows| match render(&doc(rows)) {
        Err(PdfError::Table(m)) => m,
        other => panic!("expected a table error, got {other:?}"),
    };
    // A short row.
    assert!(err(vec![vec![Cell::new("a")]]).contains("应为2格"));
    // A span over a cell that is not marked covered.
    assert!(err(vec![vec![Cell::new("a").span(2, 1), Cell::new("b")]]).contains("Cell::covered()"));
    // A covered marker that nothing covers.
    assert!(err(vec![vec![Cell::new("a"), Cell::covered()]]).contains("没有单元格覆盖"));
    // A span past the edge.
    assert!(err(vec![vec![Cell::new("a"), Cell::new("b").span(1, 2)]]).contains("超出表格"));
}

#[test]
fn characters_no_face_can_draw_are_reported() {
    // U+20000 (CJK Extension B) is outside the embedded subset.
    let doc = Doc {
        title: String::new(),
        footer_page_numbers: false,
        blocks: vec![Block::Paragraph("申请人：王\u{20000}".into())],
    };
    match render(&doc) {
        Err(PdfError::MissingGlyphs(chars)) => assert_eq!(chars, "\u{20000}"),
        other => panic!("expected MissingGlyphs, got {other:?}"),
    }
}

#[test]
fn eight_hundred_distinct_characters_stay_under_the_size_limit() {
    // Government prose repeats itself: the 3,000 hanzi of the domain notes use 440 different
    // ones, and a 4–6 page report perhaps 600–800. Serif glyphs cost about 300 bytes each
    // in the PDF, so 800 different ones in the body plus 200 in headings must still fit.
    let chars: String = ('\u{4E00}'..='\u{9FA5}').step_by(25).take(800).collect();
    let doc = Doc {
        title: chars.chars().take(30).collect(),
        footer_page_numbers: true,
        blocks: vec![
            Block::Heading1(chars.chars().skip(600).collect()),
            Block::Paragraph(chars.clone()),
        ],
    };
    let bytes = render(&doc).unwrap();
    save("many-glyphs", &bytes);
    assert!(bytes.len() < 400 * 1024, "{} bytes", bytes.len());
}
