//! Issue 23, letters that print right: a 答复书 with a two-line 说明 fits one page (pdfinfo counts
//! the pages), a long one is numbered "— N —" page by page, and at least two body lines travel
//! with the signature.

use std::path::Path;
use std::process::Command;

use gongkai_cli::run_captured;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).unwrap_or_else(|| panic!("{text}"))
}

fn page_text(pdf: &Path, page: usize) -> String {
    let out = Command::new("pdftotext").args(["-f", &page.to_string(), "-l", &page.to_string()]).arg(pdf).arg("-").output().unwrap();
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect()
}

fn replied(db: &Path, note: &str) -> String {
    let (code, out, err) = run_captured(&[
        "request", "register", "--type", "自然人", "--name", "张三", "--channel", "当面", "--content",
        "申请公开某道路工程的批复文件", "--other-id", "--form", "纸质", "--delivery", "邮寄", "--db", s(db),
    ]);
    assert_eq!(code, 0, "{err}");
    let number = out.trim().to_string();
    let (code, _, err) = run_captured(&["request", "event", &number, "答复", "--result", "予以公开", "--note", note, "--db", s(db)]);
    assert_eq!(code, 0, "{err}");
    number
}

#[test]
fn a_short_reply_fits_one_page_and_a_long_one_is_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    for (k, v) in [("机关名称", "长春净月高新技术产业开发区管理委员会"), ("复议机关", "长春市人民政府")] {
        assert_eq!(run_captured(&["settings", "set", k, v, "--db", s(&db)]).0, 0);
    }
    let short = replied(&db, "经查，您申请的信息已于2025年3月主动公开。\n现将该文件复印件随本答复书一并提供。");
    let pdf = dir.path().join("short.pdf");
    let (code, _, err) = run_captured(&["letter", &short, "答复书", "--out", s(&pdf), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(pages(&pdf), 1, "a two-line 说明 fits one page");
    let text = page_text(&pdf, 1);
    assert!(text.contains("特此告知") && text.contains("长春净月高新技术产业开发区管理委员会"), "{text}");
    assert!(!text.contains("—1—"), "a one-page letter carries no page number: {text}");

    let long_note: Vec<String> = (1..=14).map(|i| format!("第{i}项：经查，该项信息由本机关制作并保存，现予以公开，具体内容见附件{i}。")).collect();
    let long = replied(&db, &long_note.join("\n"));
    let pdf = dir.path().join("long.pdf");
    let (code, _, err) = run_captured(&["letter", &long, "答复书", "--out", s(&pdf), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let n = pages(&pdf);
    assert!(n >= 2, "{n}");
    for p in 1..=n {
        assert!(page_text(&pdf, p).contains(&format!("—{p}—")), "page {p} is numbered");
    }
    // the signature never stands alone: the last page has at least two lines of body text above it
    let last = page_text(&pdf, n);
    let before_signature = last.split("长春净月高新技术产业开发区管理委员会").next().unwrap();
    assert!(before_signature.contains("特此告知") && before_signature.chars().count() > "特此告知。".chars().count() + 8, "{last}");
}
