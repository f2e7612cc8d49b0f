//! 设置 → 关于: what the window tells a clerk or the office's IT person about this installation —
//! the program's version, where the ledger, its backups and this workstation's settings are, and
//! the fonts reports and letters are set in. The shell fills in the paths it alone knows.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use gongkai_ledger::{settings, Ledger};

/// One of the folders 关于 can show in the file manager. The page names a folder by kind, never
/// by path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Folder {
    /// The folder holding the ledger file (and its attachments folder).
    Ledger,
    /// `backups/` beside the ledger.
    Backups,
    /// This workstation's settings and audit anchors.
    Config,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FontInUse {
    /// What it sets, e.g. 正文和表格.
    pub use_for: String,
    pub name: String,
    /// Where it comes from: 程序内置, the chosen file's path, or why the chosen one is not used.
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AboutInfo {
    /// 程序版本 (the workspace version).
    pub app_version: String,
    pub ledger_path: String,
    /// Why this ledger is open: --db / GONGKAI_DB, remembered, the default place, chosen now.
    pub ledger_source: String,
    pub backups_dir: String,
    pub config_dir: String,
    pub fonts: Vec<FontInUse>,
}

const EMBEDDED: &str = "程序内置（SIL OFL 1.1）";

/// The fonts the PDFs of this ledger are set in: the body font chosen in 设置 → 文书字体 when it
/// still loads (else the embedded one, saying why), the embedded bold faces, and the window's own.
pub fn fonts_in_use(ledger: &Ledger) -> Vec<FontInUse> {
    let font = |use_for: &str, name: &str, origin: &str| FontInUse { use_for: use_for.into(), name: name.into(), origin: origin.into() };
    let serif = "Noto Serif CJK SC Regular（思源宋体）";
    let body = match settings::pdf_body_font(ledger).ok().flatten().filter(|p| !p.is_empty()) {
        None => font("正文、表格", serif, EMBEDDED),
        Some(path) => match crate::fonts::load(std::path::Path::new(&path)) {
            Ok(f) => font("正文、表格", f.name(), &format!("设置 → 文书字体所选：{path}")),
            Err(e) => font("正文、表格", serif, &format!("所选字体 {path} 不可用（{e}），改用程序内置字体")),
        },
    };
    vec![
        body,
        font("标题、加粗", "Noto Serif CJK SC Bold（思源宋体 粗体）", EMBEDDED),
        font("“一、”级标题", "Noto Sans CJK SC Bold（思源黑体 粗体）", EMBEDDED),
        font("窗口界面", "微软雅黑、苹方、Noto Sans CJK SC、文泉驿微米黑中本机有的第一种", "系统字体"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_font_is_the_embedded_one_until_a_chosen_one_loads() {
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::open(&dir.path().join("a.db")).unwrap();
        let fonts = fonts_in_use(&ledger);
        assert_eq!(fonts.len(), 4);
        assert!(fonts[0].name.contains("Noto Serif CJK SC Regular") && fonts[0].origin == EMBEDDED, "{fonts:?}");
        // A chosen file that has gone missing is named, and the embedded face is what is used.
        settings::save_pdf_body_font(&mut ledger, "/nonexistent/仿宋.ttf").unwrap();
        let fonts = fonts_in_use(&ledger);
        assert!(fonts[0].name.contains("Noto Serif") && fonts[0].origin.contains("/nonexistent/仿宋.ttf") && fonts[0].origin.contains("不可用"), "{fonts:?}");
    }
}
