//! A body font chosen by the clerk: it sets the body text (and only falls back to the embedded
//! faces for what it lacks); a file that is not a Chinese font is refused in Chinese.

use std::path::Path;
use std::process::Command;

use gongkai_pdf::{render_with, Block, BodyFont, Doc};

fn asset(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts").join(name)
}

#[test]
fn a_chosen_font_sets_the_body_text() {
    // The embedded sans face stands in for an installed 黑体/仿宋 file.
    let font = BodyFont::from_file(&asset("NotoSansSC-Bold.otf")).unwrap();
    assert_eq!(font.name(), "NotoSansSC-Bold.otf");
    let doc = Doc {
        title: String::new(),
        blocks: vec![Block::Paragraph("本机关依据条例答复申请人。".into())],
        footer_page_numbers: false,
    };
    let bytes = render_with(&doc, Some(&font)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("x.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    if let Ok(out) = Command::new("pdffonts").arg(&pdf).output() {
        let fonts = String::from_utf8_lossy(&out.stdout);
        assert!(fonts.contains("Sans"), "{fonts}");
        assert!(!fonts.contains("NotoSerifCJKsc-Regular"), "the body is not set in the embedded serif: {fonts}");
    }
    let plain = render_with(&doc, None).unwrap();
    assert_ne!(plain, bytes);
}

#[test]
fn a_file_that_is_not_a_chinese_font_is_refused() {
    let e = BodyFont::from_bytes("说明.txt", b"not a font").err().unwrap().to_string();
    assert!(e.contains("不是可用的字体文件"), "{e}");
    let e = BodyFont::from_file(Path::new("/nonexistent/仿宋.ttf")).err().unwrap().to_string();
    assert!(e.contains("无法读取"), "{e}");
    if let Ok(bytes) = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") {
        let e = BodyFont::from_bytes("DejaVuSans.ttf", &bytes).err().unwrap().to_string();
        assert!(e.contains("不含常用汉字"), "{e}");
    }
}
