//! The command-line contract of 工作要点 and the units register: `unit add|list`, `plan import`
//! (preview, --yes, --add-units; .txt, .docx and .xlsx), `plan list --format csv`, `plan progress`.

use std::io::Write;
use std::path::Path;

use gongkai_cli::run_captured;

const PLAN_2019: &str = include_str!("../../core/tests/data/workplan-2019.txt");

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn units_are_added_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let (code, out, err) = run_captured(&["--db", s(&db), "unit", "add", "财政局"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已添加单位 财政局（部门）"));
    assert_eq!(run_captured(&["--db", s(&db), "unit", "add", "玉潭镇", "--category", "乡镇街道", "--due", "2月15日", "--contact", "张三"]).0, 0);
    let (code, _, err) = run_captured(&["--db", s(&db), "unit", "add", "某局", "--category", "机关"]);
    assert_eq!(code, 2);
    assert!(err.contains("类别“机关”无效"), "{err}");
    let (code, _, err) = run_captured(&["--db", s(&db), "unit", "add", "财政局"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("已存在"));
    let (_, out, _) = run_captured(&["--db", s(&db), "unit", "list"]);
    assert_eq!(out, "财政局\t部门\t01-31\t\t在用\n玉潭镇\t乡镇街道\t02-15\t张三\t在用\n");
}

#[test]
fn the_2019_plan_previews_refuses_unknown_units_then_saves_lists_and_records_progress() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let file = dir.path().join("要点.txt");
    std::fs::write(&file, PLAN_2019).unwrap();
    run_captured(&["--db", s(&db), "unit", "add", "财政局"]);

    // Without --yes: the parse, nothing written.
    let (code, out, err) = run_captured(&["--db", s(&db), "plan", "import", "--year", "2019", s(&file)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("文号：长净管办〔2019〕41号"), "{out}");
    assert!(out.contains("共 5 个部分、15 项任务"), "{out}");
    assert!(out.contains("三、强化重点领域信息公开（4 项）"));
    assert!(out.contains("净月公安分局"));
    assert!(out.contains("单位名录中没有的单位"));
    assert!(err.contains("未保存"));
    let (code, _, err) = run_captured(&["--db", s(&db), "plan", "list", "--year", "2019"]);
    assert_eq!(code, 1);
    assert!(err.contains("还没有导入"), "{err}");

    // --yes with unknown units is refused whole.
    let (code, _, err) = run_captured(&["--db", s(&db), "plan", "import", "--year", "2019", s(&file), "--yes"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("不在单位名录中") && err.contains("新闻信息中心"), "{err}");
    assert_eq!(run_captured(&["--db", s(&db), "plan", "list", "--year", "2019"]).0, 1);

    let (code, out, err) = run_captured(&["--db", s(&db), "plan", "import", "--year", "2019", s(&file), "--yes", "--add-units"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已保存 2019 年工作要点：15 项任务"), "{out}");

    let (code, csv, _) = run_captured(&["--db", s(&db), "plan", "list", "--year", "2019", "--format", "csv"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 16);
    assert_eq!(lines[0], "部分,序号,任务,牵头单位,责任单位,全部单位,状态,完成时限");
    assert_eq!(lines[1], "一、加强解读回应工作力度,1,全面推进重要政策措施的解读,,各部门、各单位,是,未开始,");
    assert_eq!(lines[8], "三、强化重点领域信息公开,8,深化财政领域信息公开,,财政局,否,未开始,");
    assert_eq!(lines[11], "四、提升政务服务质量,11,推进政务新媒体建设与应用,,新闻信息中心、政务服务中心,否,未开始,");

    let (code, out, err) = run_captured(&["--db", s(&db), "plan", "progress", "--year", "2019", "8", "--unit", "财政局", "--state", "已完成", "--date", "2019-08-01", "--note", "已公开预决算", "--link", "https://example.gov.cn/czyjs"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已完成"));
    let (_, csv, _) = run_captured(&["--db", s(&db), "plan", "list", "--year", "2019", "--format", "csv"]);
    assert!(csv.contains("三、强化重点领域信息公开,8,深化财政领域信息公开,,财政局,否,已完成,"), "{csv}");
    let (code, _, err) = run_captured(&["--db", s(&db), "plan", "progress", "--year", "2019", "8", "--unit", "财政局", "--state", "完了"]);
    assert_eq!(code, 2);
    assert!(err.contains("状态“完了”无效"));
}

/// A Word file whose table holds the plan, and the same plan as an Excel sheet.
#[test]
fn docx_and_xlsx_plans_import() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        ["序号", "工作任务", "工作要求", "牵头单位", "配合单位"],
        ["一、主动公开", "", "", "", ""],
        ["1", "公开预决算", "按时公开", "", "区财政局"],
        ["2", "公开规划", "及时公开", "区发改局", "区财政局"],
        ["二、平台建设", "", "", "", ""],
        ["3", "办好网站", "集约化", "", "区政府办"],
    ];
    // .docx: the notice as paragraphs, then the table.
    let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#);
    xml.push_str("<w:p><w:r><w:t>某政办发〔2023〕3号</w:t></w:r></w:p><w:p><w:r><w:t>某区2023年政务公开工作要点</w:t></w:r></w:p><w:tbl>");
    for r in &rows {
        xml.push_str("<w:tr>");
        for c in r {
            xml.push_str(&format!("<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>"));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl></w:body></w:document>");
    let docx = dir.path().join("要点.docx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&docx).unwrap());
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    let xlsx = dir.path().join("要点.xlsx");
    {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (i, r) in rows.iter().enumerate() {
            for (j, c) in r.iter().enumerate() {
                sheet.write_string(i as u32, j as u16, *c).unwrap();
            }
        }
        book.save(&xlsx).unwrap();
    }
    for (year, file) in [("2023", &docx), ("2024", &xlsx)] {
        let db = dir.path().join(format!("{year}.db"));
        let (code, out, err) = run_captured(&["--db", s(&db), "plan", "import", "--year", year, s(file), "--yes", "--add-units"]);
        assert_eq!(code, 0, "{file:?}: {err}");
        assert!(out.contains("共 2 个部分、3 项任务"), "{file:?}: {out}");
        assert!(out.contains("一、主动公开（2 项）") && out.contains("二、平台建设（1 项）"), "{out}");
        let (_, csv, _) = run_captured(&["--db", s(&db), "plan", "list", "--year", year]);
        assert!(csv.contains("一、主动公开,2,公开规划,区发改局,区财政局,否,未开始,"), "{csv}");
    }
    let bad = dir.path().join("要点.docx.txt");
    std::fs::write(&bad, b"").unwrap();
    let (code, _, err) = run_captured(&["--db", s(&dir.path().join("x.db")), "plan", "import", "--year", "2023", s(&bad), "--yes"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有识别出任何任务"), "{err}");
}

/// `plan progress --attach FILE`: the file is kept as evidence with the note (in the attachments
/// folder, SHA-256 recorded), goes into a backup, and a missing file or unknown unit writes nothing.
#[test]
fn progress_takes_an_evidence_file_that_backups_carry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let file = dir.path().join("要点.txt");
    std::fs::write(&file, PLAN_2019).unwrap();
    let (code, _, err) = run_captured(&["--db", s(&db), "plan", "import", "--year", "2019", s(&file), "--yes", "--add-units"]);
    assert_eq!(code, 0, "{err}");
    let evidence = dir.path().join("财政预决算公开页面.pdf");
    std::fs::write(&evidence, b"%PDF-1.4 the published page").unwrap();
    let progress = |extra: &[&str]| {
        let mut args = vec!["--db", s(&db), "plan", "progress", "--year", "2019", "8", "--unit", "财政局", "--state", "已完成", "--date", "2019-08-01"];
        args.extend_from_slice(extra);
        run_captured(&args)
    };
    let (code, _, err) = progress(&["--attach", s(&dir.path().join("无此文件.pdf"))]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("无法读取佐证附件"), "{err}");
    let (code, _, err) = run_captured(&["--db", s(&db), "plan", "progress", "--year", "2019", "8", "--unit", "教育局", "--state", "已完成", "--attach", s(&evidence)]);
    assert_ne!(code, 0);
    assert!(err.contains("教育局"), "{err}");
    let raw = rusqlite::Connection::open(&db).unwrap();
    let n = |t: &str| -> i64 { raw.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap() };
    assert_eq!((n("plan_progress"), n("plan_evidence")), (0, 0), "nothing written");

    let (code, out, err) = progress(&["--attach", s(&evidence)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("佐证附件 财政预决算公开页面.pdf"), "{out}");
    assert_eq!((n("plan_progress"), n("plan_evidence")), (1, 1));
    let stored: String = raw.query_row("SELECT stored_path FROM plan_evidence", [], |r| r.get(0)).unwrap();
    let copy = dir.path().join("l.db-附件").join(&stored);
    assert_eq!(std::fs::read(&copy).unwrap(), b"%PDF-1.4 the published page");

    let bak = dir.path().join("b.db");
    let (code, out, err) = run_captured(&["backup", "--out", s(&bak), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}{out}");
    let b = rusqlite::Connection::open(&bak).unwrap();
    let data: Vec<u8> = b.query_row("SELECT data FROM sqlar WHERE name = ?1", [&stored], |r| r.get(0)).unwrap();
    assert_eq!(data, b"%PDF-1.4 the published page");
    let (code, out, err) = run_captured(&["check", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}{out}");
}
