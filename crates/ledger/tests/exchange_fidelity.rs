//! Issue 18, register exchange as real registers are written: a published normative-document
//! page's headers (标题 / 发文字号 / 发文机关 / 有效性 / 索引号) import, 索引号 and 状态变更依据 are
//! kept and exported; requests carry 获取形式 / 获取方式 both ways, read （六）1/2 written with "，",
//! and refuse an 证件号码 that Excel stored as a number, saying why; CSV exports cannot carry a
//! formula into a spreadsheet.

use gongkai_core::document::{Category, Status};
use gongkai_core::taxonomy::ReplyResult;
use gongkai_ledger::documents::{self, DocumentFilter};
use gongkai_ledger::requests::{self, RequestFilter};
use gongkai_ledger::ExportFormat;
use rust_xlsxwriter::Workbook;

mod common;
use common::{actor, d, ledger, outside};

const PUBLISHED_PAGE: &str = "\
标题,发文字号,发文机关,有效性,索引号,成文日期,发布日期,状态变更依据
某区政府信息公开工作规定,某政规〔2023〕1号,某区人民政府,有效,11220100MB1234567X/2023-00012,2023-02-01,2023-02-10,
某区旧办法,某政规〔2019〕4号,某区人民政府,废止,11220100MB1234567X/2019-00034,2019-05-01,2019-05-06,某政发[2023]7号
";

#[test]
fn a_published_page_with_its_own_headers_imports_and_keeps_the_index_number() {
    let (_dir, mut l) = ledger();
    // The repealing decision is in the register: the status row links to it.
    let decision = documents::DocumentInput {
        title: "关于废止部分文件的决定".into(),
        doc_number: "某政发〔2023〕7号".into(),
        category: Some(Category::OtherPolicy),
        issuer: "某区人民政府".into(),
        published_on: Some("2023-06-01".into()),
        ..Default::default()
    };
    let decision = documents::create(&mut l, &decision, documents::WriteSource::Window).unwrap();
    // 有效性 "废止" needs the date it took effect: refused by row and column first.
    let e = documents::exchange::import(&mut l, PUBLISHED_PAGE.as_bytes()).unwrap_err().to_string();
    assert!(e.contains("第3行“状态变更日期”"), "{e}");
    let with_date = PUBLISHED_PAGE.replace("有效性,索引号", "有效性,状态变更日期,索引号").replace("有效,11220100", "有效,,11220100").replace("废止,11220100", "废止,2023-06-01,11220100");
    let summary = documents::exchange::import(&mut l, with_date.as_bytes()).unwrap();
    assert_eq!(summary.imported, 2);
    assert!(summary.ignored_columns.is_empty(), "every header was understood: {:?}", summary.ignored_columns);
    assert_eq!(summary.default_category.as_deref(), Some("行政规范性文件"));
    assert!(summary.lines().iter().any(|s| s.contains("没有“类别”列")), "{:?}", summary.lines());

    let all = documents::list_all(&l, &DocumentFilter::default()).unwrap();
    let by_number = |n: &str| all.iter().map(|(d, _)| d).find(|d| d.doc_number == n).unwrap().clone();
    let current = by_number("某政规〔2023〕1号");
    assert_eq!((current.title.as_str(), current.issuer.as_str()), ("某区政府信息公开工作规定", "某区人民政府"));
    assert_eq!((current.category, current.status), (Category::Normative, Status::InForce));
    assert_eq!(current.index_number, "11220100MB1234567X/2023-00012");
    let old = by_number("某政规〔2019〕4号");
    assert_eq!(old.status, Status::Repealed);
    let cal = gongkai_ledger::calendar::effective(&l).unwrap();
    let history = documents::get(&l, old.id, &cal, d("2025-01-01")).unwrap().history;
    let last = history.last().unwrap();
    assert_eq!(last.by_doc_number, "某政发〔2023〕7号", "状态变更依据 is kept, its 文号 normalised");
    assert_eq!(last.by_document_id, Some(decision));

    // The export carries both, and imports back unchanged into an empty register.
    let csv = documents::exchange::export(&l, &DocumentFilter::default(), ExportFormat::Csv).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.contains("索引号") && header.contains("状态变更依据"), "{header}");
    assert!(text.contains("11220100MB1234567X/2019-00034") && text.contains("某政发〔2023〕7号"), "{text}");
    let (_dir2, mut l2) = ledger();
    assert_eq!(documents::exchange::import(&mut l2, &csv).unwrap().imported, 3);
}

#[test]
fn a_published_page_with_a_category_column_uses_it() {
    let (_dir, mut l) = ledger();
    let file = "标题,发文字号,发文机关,有效性,索引号,类别,发布日期\n某区规章,某区令第1号,某区人民政府,有效,X-1,规章,2024-01-02\n";
    let s = documents::exchange::import(&mut l, file.as_bytes()).unwrap();
    assert_eq!((s.imported, s.default_category), (1, None));
    let (doc, _) = documents::list_all(&l, &DocumentFilter::default()).unwrap().remove(0);
    assert_eq!((doc.category, doc.index_number.as_str()), (Category::Rule, "X-1"));
    // Without 类别 and without the published page's marks, 类别 is still required.
    let plain = "文件名称,文号,制发机关,发布日期\n某文件,某文〔2024〕1号,某区人民政府,2024-01-02\n";
    let e = documents::exchange::import(&mut l, plain.as_bytes()).unwrap_err().to_string();
    assert!(e.contains("缺少必需的列“类别”"), "{e}");
}

const REQUEST_HEAD: &str = "受理编号,申请人类型,申请人,证件号码,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果,获取形式,获取方式";

#[test]
fn requests_carry_the_form_of_delivery_and_read_results_written_with_a_comma() {
    let (_dir, mut l) = ledger();
    let file = format!(
        "{REQUEST_HEAD}\n\
         YSQ-2025-0001,自然人,张三,,13912345678,邮寄,2025-03-03,某文件,2025-03-20,申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请,纸质,邮寄\n\
         YSQ-2025-0002,自然人,李四,,,网络,2025-03-04,某文件,2025-03-21,2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请,电子文档,电子邮件\n\
         YSQ-2025-0003,自然人,王五,,,当面,2025-03-05,某文件,,,,\n"
    );
    let s = requests::exchange::import(&mut l, "r.csv", file.as_bytes(), &actor("2025-06-30")).unwrap();
    assert_eq!((s.imported, s.concluded), (3, 2));
    let one = requests::get(&l, "YSQ-2025-0001", d("2025-06-30")).unwrap().request;
    assert_eq!((one.form_wanted.as_str(), one.delivery_wanted.as_str()), ("纸质", "邮寄"));
    assert_eq!(one.result, Some(ReplyResult::CorrectionOverdue));
    let two = requests::get(&l, "YSQ-2025-0002", d("2025-06-30")).unwrap().request;
    assert_eq!((two.form_wanted.as_str(), two.delivery_wanted.as_str(), two.result), ("电子文档", "电子邮件", Some(ReplyResult::FeeUnpaid)));

    // The export carries both columns, in the import's order, and imports back.
    let (csv, n) = requests::exchange::export(&l, &RequestFilter::default(), d("2025-06-30"), true, ExportFormat::Csv).unwrap();
    assert_eq!(n, 3);
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.trim_start_matches('\u{feff}').starts_with(REQUEST_HEAD), "{text}");
    assert!(text.contains("电子文档,电子邮件"), "{text}");
    let (_dir2, mut l2) = ledger();
    let again = requests::exchange::import(&mut l2, "back.csv", &csv, &actor("2025-06-30")).unwrap();
    assert_eq!(again.imported, 3);
    assert_eq!(requests::get(&l2, "YSQ-2025-0002", d("2025-06-30")).unwrap().request.delivery_wanted, "电子邮件");
    // An older file without the columns still imports (they are optional).
    let old = "受理编号,申请人类型,申请人,申请方式,收到日期,申请内容\nYSQ-2025-0009,自然人,赵六,当面,2025-03-05,某文件\n";
    assert_eq!(requests::exchange::import(&mut l, "old.csv", old.as_bytes(), &actor("2025-06-30")).unwrap().imported, 1);
}

#[test]
fn an_id_number_stored_by_excel_as_a_number_is_refused_saying_why_and_how_to_fix_it() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in REQUEST_HEAD.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let row = ["YSQ-2025-0001", "自然人", "张三", "", "", "当面", "2025-03-03", "某文件"];
    for (c, v) in row.iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    // What Excel keeps of 110105194912310021 typed into a number cell.
    sheet.write_number(1, 3, 110105194912310021_f64).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (_dir, mut l) = ledger();
    let e = requests::exchange::import(&mut l, "r.xlsx", &bytes, &actor("2025-06-30")).unwrap_err().to_string();
    assert!(e.contains("第2行“证件号码”") && e.contains("数字单元格") && e.contains("文本") && e.contains("重新输入"), "{e}");
    assert!(!e.contains("校验"), "not (only) a checksum error: {e}");
    let count: i64 = outside(&l).query_row("SELECT count(*) FROM request", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 0, "nothing written");
}

#[test]
fn csv_exports_cannot_carry_a_formula_into_a_spreadsheet_and_still_import_back() {
    let (_dir, mut l) = ledger();
    let file = format!("{REQUEST_HEAD}\nYSQ-2025-0001,自然人,\"=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",,,当面,2025-03-03,-某文件,,,,\n");
    requests::exchange::import(&mut l, "r.csv", file.as_bytes(), &actor("2025-06-30")).unwrap();
    let (csv, _) = requests::exchange::export(&l, &RequestFilter::default(), d("2025-06-30"), false, ExportFormat::Csv).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains("'=HYPERLINK") && text.contains(",'-某文件,"), "{text}");
    for line in text.lines() {
        for cell in line.split(',') {
            assert!(!cell.trim_matches('"').starts_with(['=', '+', '@']), "unguarded cell {cell} in {line}");
        }
    }
    let (_dir2, mut l2) = ledger();
    requests::exchange::import(&mut l2, "back.csv", &csv, &actor("2025-06-30")).unwrap();
    let back = requests::get(&l2, "YSQ-2025-0001", d("2025-06-30")).unwrap().request;
    assert_eq!((back.applicant_name.as_str(), back.content.as_str()), ("=HYPERLINK(\"http://x\",\"点我\")", "-某文件"));
}
