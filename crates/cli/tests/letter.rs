//! `gongkai letter`: for an imported request, a 登记回执 PDF whose text names the applicant, with
//! the letter recorded in the ledger; a letter the request cannot have is refused by name; a
//! bad kind is a usage error (exit 2); `--preview` records nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use gongkai_cli::run_captured;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ledger/tests/data/requests-sample.csv")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The second data row of the sample: (受理编号, 申请人).
fn second_row() -> (String, String) {
    let text = std::fs::read_to_string(sample()).unwrap();
    let line = text.lines().nth(2).unwrap();
    let cells: Vec<&str> = line.split(',').collect();
    (cells[0].to_string(), cells[2].to_string())
}

/// Letters kept in the ledger, counted as an outside program (sqlite3) would.
fn letters_in(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM letter", [], |r| r.get(0)).unwrap()
}

fn pdftotext(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).split_whitespace().collect())
}

#[test]
fn a_receipt_for_an_imported_request_names_the_applicant_and_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let (code, _, err) = run_captured(&["import", "requests", s(&sample()), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let (number, applicant) = second_row();
    let pdf = dir.path().join("回执.pdf");
    // Issue 23: a letter is numbered and kept for good, so none is issued without 机关名称.
    let (code, _, err) = run_captured(&["letter", &number, "登记回执", "--out", s(&pdf), "--db", s(&db), "--operator", "王五"]);
    assert_ne!(code, 0, "refused while 机关名称 is unset");
    assert!(err.contains("机关名称") && err.contains("gongkai settings set 机关名称"), "names the setting and how to set it: {err}");
    assert!(!pdf.exists() && letters_in(&db) == 0, "nothing written, nothing numbered");
    // the preview still works, showing the gap
    let preview = dir.path().join("预览.pdf");
    let (code, _, err) = run_captured(&["letter", &number, "登记回执", "--preview", "--out", s(&preview), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("尚未设置机关名称"), "{err}");
    if let Some(text) = pdftotext(&preview) {
        assert!(text.contains("【机关名称未设置】"), "{text}");
    }
    assert_eq!(letters_in(&db), 0);
    let (code, _, err) = run_captured(&["settings", "set", "机关名称", "某区人民政府办公室", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run_captured(&["letter", &number, "登记回执", "--out", s(&pdf), "--db", s(&db), "--operator", "王五"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已生成登记回执"), "{out}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(letters_in(&db), 1);
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains(&applicant), "{text}");
        assert!(text.contains("某区人民政府办公室") && !text.contains("【机关名称未设置】"), "{text}");
        assert!(text.contains(&number), "{text}");
    }
    // the ledger still verifies
    let (code, _, err) = run_captured(&["audit", "verify", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");

    // a preview writes the PDF and records nothing
    let (code, _, err) = run_captured(&["letter", &number, "登记回执", "--out", s(&pdf), "--db", s(&db), "--preview"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(letters_in(&db), 1);
}

#[test]
fn refusals_are_chinese_and_name_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let (code, _, err) = run_captured(&["import", "requests", s(&sample()), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let (number, _) = second_row();
    let pdf = dir.path().join("x.pdf");
    let (code, _, err) = run_captured(&["letter", &number, "延期答复告知书", "--out", s(&pdf), "--db", s(&db)]);
    assert_eq!(code, 2, "bad input exits 2, like every validation refusal");
    assert!(err.contains("新答复期限"), "{err}");
    assert!(!pdf.exists());
    let (code, _, err) = run_captured(&["letter", &number, "感谢信", "--out", s(&pdf), "--db", s(&db)]);
    assert_eq!(code, 2);
    assert!(err.contains("告知书种类") && err.contains("登记回执"), "{err}");
    let (code, _, err) = run_captured(&["letter", "NO-SUCH", "登记回执", "--out", s(&pdf), "--db", s(&db)]);
    assert_eq!(code, 1);
    assert!(err.contains("NO-SUCH"), "{err}");
    assert_eq!(letters_in(&db), 0);
}

fn pdffonts(pdf: &Path) -> Option<String> {
    let out = Command::new("pdffonts").arg(pdf).output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_body_font_chosen_in_settings_sets_letters_and_reports_and_a_missing_one_never_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let (code, _, err) = run_captured(&["import", "requests", s(&sample()), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let (number, _) = second_row();
    // The embedded sans face stands in for an installed 仿宋 file, in the user's font folder (HOME
    // is the scratch folder: a body font is read only from the folders 设置 lists fonts from).
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts/NotoSansSC-Bold.otf");
    std::env::set_var("HOME", dir.path());
    let font = dir.path().join(".fonts").join("NotoSansSC-Bold.otf");
    std::fs::create_dir_all(font.parent().unwrap()).unwrap();
    std::fs::copy(&shipped, &font).unwrap();
    let set = |value: &str| {
        let mut l = gongkai_ledger::Ledger::open(&db).unwrap();
        gongkai_ledger::settings::save_pdf_body_font(&mut l, value).unwrap();
        gongkai_ledger::settings::save_organ_name(&mut l, "某区人民政府办公室").unwrap();
    };
    set(font.to_str().unwrap());
    let (letter, report) = (dir.path().join("l.pdf"), dir.path().join("r.pdf"));
    let (code, _, err) = run_captured(&["letter", &number, "登记回执", "--out", s(&letter), "--db", s(&db), "--preview"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_captured(&["report", "--year", "2025", "--out", s(&report), "--db", s(&db), "--override-reason", "测试"]);
    assert_eq!(code, 0, "{err}");
    for pdf in [&letter, &report] {
        if let Some(fonts) = pdffonts(pdf) {
            assert!(!fonts.contains("NotoSerifCJKsc-Regular"), "body set in the chosen font: {fonts}");
        }
    }
    // A missing file, and a font outside the font folders (put in the ledger by other means), are
    // never read: the embedded fonts are used.
    for other in [Path::new("/nonexistent/仿宋.ttf"), shipped.as_path()] {
        set(other.to_str().unwrap());
        let (code, _, err) = run_captured(&["letter", &number, "登记回执", "--out", s(&letter), "--db", s(&db), "--preview"]);
        assert_eq!(code, 0, "falls back to the embedded fonts: {err}");
        if let Some(fonts) = pdffonts(&letter) {
            assert!(fonts.contains("NotoSerifCJKsc-Regular"), "{other:?}: {fonts}");
        }
    }
}

/// Issue 18: `gongkai settings set 复议机关 …` is what a 答复书's remedy paragraph names; without
/// it the 答复书 is refused naming the setting, and a preview shows the gap.
#[test]
fn the_review_organ_set_on_the_command_line_is_named_in_the_replys_remedy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let register = [
        "request", "register", "--type", "自然人", "--name", "张三", "--channel", "当面", "--content",
        "申请公开某道路工程的批复文件", "--other-id", "--form", "纸质", "--delivery", "邮寄", "--db", s(&db),
    ];
    let (code, out, err) = run_captured(&register);
    assert_eq!(code, 0, "{err}");
    let number = out.trim().to_string();
    let (code, _, err) = run_captured(&["request", "event", &number, "答复", "--result", "予以公开", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(run_captured(&["settings", "set", "机关名称", "某区人民政府办公室", "--db", s(&db)]).0, 0);

    let pdf = dir.path().join("答复书.pdf");
    let (code, _, err) = run_captured(&["letter", &number, "答复书", "--out", s(&pdf), "--db", s(&db)]);
    assert_eq!(code, 2, "refused while 复议机关 is unset: {err}");
    assert!(err.contains("复议机关") && err.contains("gongkai settings set 复议机关"), "{err}");
    assert!(!pdf.exists());
    assert_eq!(letters_in(&db), 0);
    let (code, _, err) = run_captured(&["letter", &number, "答复书", "--out", s(&pdf), "--db", s(&db), "--preview"]);
    assert_eq!(code, 0, "a preview still prints: {err}");
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains("【复议机关未设置】"), "{text}");
    }

    let (code, out, err) = run_captured(&["settings", "set", "复议机关", "长春市人民政府", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "复议机关=长春市人民政府");
    let (code, out, _) = run_captured(&["settings", "list", "--db", s(&db)]);
    assert_eq!(code, 0);
    assert!(out.contains("复议机关=长春市人民政府") && out.contains("人民法院="), "{out}");
    let (code, _, err) = run_captured(&["letter", &number, "答复书", "--out", s(&pdf), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(letters_in(&db), 1);
    let text = pdftotext(&pdf).expect("pdftotext (poppler-utils) is needed to read the letter back");
    assert!(text.contains("长春市人民政府申请行政复议"), "the remedy paragraph names the 复议机关: {text}");
    assert!(!text.contains("【复议机关未设置】"), "{text}");
    assert!(text.contains("提供方式：纸质，邮寄"), "{text}");
}

/// The three letters the 条例 requires besides, by their command-line names, and the 补正告知书's
/// ticked grounds from `--grounds`.
#[test]
fn the_new_kinds_issue_by_their_chinese_names_in_a_matching_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let register = ["request", "register", "--type", "自然人", "--name", "李四", "--channel", "邮寄", "--content", "某文件", "--other-id", "--db", s(&db)];
    let (code, out, err) = run_captured(&register);
    assert_eq!(code, 0, "{err}");
    let number = out.trim().to_string();
    assert_eq!(run_captured(&["settings", "set", "机关名称", "某区人民政府办公室", "--db", s(&db)]).0, 0);
    let pdf = dir.path().join("x.pdf");
    let letter = |kind: &str| run_captured(&["letter", &number, kind, "--out", s(&pdf), "--db", s(&db)]);
    let (code, _, err) = letter("征求其他机关意见函");
    assert_eq!(code, 2, "no consultation of another organ yet: {err}");
    let (code, _, err) = run_captured(&["request", "event", &number, "征求意见", "--consultation", "其他机关", "--party", "某区财政局", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = letter("征求其他机关意见函");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已生成征求其他机关意见函"), "{out}");
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains("某区财政局") && text.contains("第三十四条"), "{text}");
    }
    let (code, _, err) = letter("说明理由通知书");
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = letter("公开决定告知书");
    assert_eq!(code, 2, "no third party consulted: {err}");
    assert!(err.contains("第三方意见"), "{err}");
    assert_eq!(letters_in(&db), 2);

    let other = run_captured(&register).1.trim().to_string();
    let (code, _, err) = run_captured(&["request", "event", &other, "告知补正", "--grounds", "身份证明、联系方式", "--correct-by", "2099-01-01", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_captured(&["letter", &other, "补正告知书", "--out", s(&pdf), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains("身份证明") && text.contains("联系方式") && text.contains("2099年1月1日"), "{text}");
    }
    let (code, _, err) = run_captured(&["request", "event", &other, "告知补正", "--grounds", "照片", "--db", s(&db)]);
    assert_eq!(code, 2);
    assert!(err.contains("照片") && err.contains("身份证明"), "{err}");
}
