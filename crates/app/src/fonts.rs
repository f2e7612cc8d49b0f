//! 正文字体: the font files installed on this computer that 设置 offers, and the one check a chosen
//! path passes before it is saved and again each time it is read: it must be a path the list
//! offers (a font file under a font folder), a regular file once links are followed (not a device
//! or a pipe), and at most [`MAX_FONT_BYTES`]. The size is checked before reading and the read is
//! limited, so a path sent by the page can never make the app read without end.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The largest font file accepted (full CJK fonts are 10–30 MB).
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// At most this many files are listed.
const MAX_FONTS: usize = 2000;

/// How deep under a font folder files are listed (and accepted).
const MAX_DEPTH: u32 = 4;

const EXTENSIONS: [&str; 3] = ["ttf", "otf", "ttc"];

/// The folders where Windows, macOS and Linux desktops keep installed fonts.
pub fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("/usr/share/fonts"),
        PathBuf::from("/usr/local/share/fonts"),
        PathBuf::from("/Library/Fonts"),
        PathBuf::from("/System/Library/Fonts"),
        PathBuf::from(r"C:\Windows\Fonts"),
    ];
    if let Some(home) = dirs::home_dir() {
        dirs.push(home.join(".fonts"));
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(local) = dirs::data_local_dir() {
        dirs.push(local.join(r"Microsoft\Windows\Fonts"));
    }
    dirs
}

fn has_font_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)))
}

fn collect(dir: &Path, depth: u32, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        if out.len() >= MAX_FONTS {
            return;
        }
        let path = e.path();
        if path.is_dir() {
            if depth > 0 {
                collect(&path, depth - 1, out);
            }
        } else if has_font_extension(&path) {
            out.push(path.display().to_string());
        }
    }
}

/// Installed font files, the likely Chinese ones (仿宋, 宋, 楷, 黑, CJK, SC) first.
pub fn candidates() -> Vec<String> {
    candidates_in(&font_dirs())
}

fn candidates_in(dirs: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for d in dirs {
        collect(d, MAX_DEPTH, &mut out);
    }
    let chinese = |p: &str| {
        let l = p.to_lowercase();
        ["fang", "song", "kai", "hei", "cjk", "sc", "仿宋", "宋", "楷", "黑", "simsun", "fz"].iter().any(|k| l.contains(k))
    };
    out.sort_by_key(|p| (!chinese(p), p.to_lowercase()));
    out.dedup();
    out
}

/// Whether the list would offer `path`: a font file at most [`MAX_DEPTH`] folders below one of
/// `dirs`, named without `.` or `..`.
fn is_offered(path: &Path, dirs: &[PathBuf]) -> bool {
    if !path.is_absolute() || !has_font_extension(path) {
        return false;
    }
    if path.components().any(|c| matches!(c, Component::CurDir | Component::ParentDir)) {
        return false;
    }
    dirs.iter().any(|d| {
        path.strip_prefix(d).is_ok_and(|rest| {
            let n = rest.components().count();
            n >= 1 && n <= MAX_DEPTH as usize + 1
        })
    })
}

/// Reads the font file at `path` after the checks above; a refusal says why, in Chinese.
pub fn read_offered(path: &Path) -> Result<Vec<u8>, String> {
    read_offered_in(path, &font_dirs())
}

fn read_offered_in(path: &Path, dirs: &[PathBuf]) -> Result<Vec<u8>, String> {
    let shown = path.display();
    if !is_offered(path, dirs) {
        return Err(format!("“{shown}”不是本机字体文件夹中列出的字体文件，请从列表中选择"));
    }
    let not_a_font = || format!("“{shown}”不是普通的字体文件，请从列表中另选一个");
    let too_big = || format!("字体文件“{shown}”超过 {} MB，不能用作正文字体", MAX_FONT_BYTES / (1024 * 1024));
    let unreadable = |e: std::io::Error| format!("无法读取字体文件“{shown}”（{e}）");
    // Follows links: what counts is the file the path ends at.
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(not_a_font());
    }
    if meta.len() > MAX_FONT_BYTES {
        return Err(too_big());
    }
    let file = open_no_wait(path).map_err(unreadable)?;
    // The same checks on what was opened: the path may have changed since.
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(not_a_font());
    }
    if meta.len() > MAX_FONT_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FONT_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FONT_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Opens for reading without waiting for a writer should the path have become a pipe.
fn open_no_wait(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The body font at `path`, checked and read as above, then checked to draw common Chinese.
pub fn load(path: &Path) -> Result<gongkai_pdf::BodyFont, String> {
    let bytes = read_offered(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    gongkai_pdf::BodyFont::from_bytes(&name, &bytes).map_err(|e| e.to_string())
}

/// A choice from 设置 before it is saved: one of [`candidates`] exactly, then [`load`]ed.
pub fn check_choice(path: &Path) -> Result<gongkai_pdf::BodyFont, String> {
    if !candidates().iter().any(|c| Path::new(c) == path) {
        return Err(format!("“{}”不是本机字体文件夹中列出的字体文件，请从列表中选择", path.display()));
    }
    load(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_regular_font_file_under_a_font_folder_and_under_64_mb_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let fonts = dir.path().join("fonts");
        std::fs::create_dir_all(fonts.join("子目录")).unwrap();
        let dirs = vec![fonts.clone()];
        let ok = fonts.join("子目录").join("仿宋.ttf");
        std::fs::write(&ok, b"font bytes").unwrap();
        assert_eq!(read_offered_in(&ok, &dirs).unwrap(), b"font bytes");
        assert!(candidates_in(&dirs).contains(&ok.display().to_string()), "what is read is what is offered");
        assert!(check_choice(&ok).is_err_and(|e| e.contains("列出的字体文件")), "not on this computer's list");

        // Not offered: outside every font folder, a relative path, a climb out, a non-font name.
        let outside = dir.path().join("仿宋.ttf");
        std::fs::write(&outside, b"font bytes").unwrap();
        for p in [
            outside.clone(),
            PathBuf::from("fonts/仿宋.ttf"),
            fonts.join("..").join("仿宋.ttf"),
            PathBuf::from("/etc/passwd"),
        ] {
            let e = read_offered_in(&p, &dirs).unwrap_err();
            assert!(e.contains("不是本机字体文件夹中列出的字体文件"), "{p:?}: {e}");
        }

        // A folder named like a font.
        std::fs::create_dir(fonts.join("目录.ttf")).unwrap();
        let e = read_offered_in(&fonts.join("目录.ttf"), &dirs).unwrap_err();
        assert!(e.contains("不是普通的字体文件"), "{e}");

        // A device behind a link named like a font: the link is followed, the device refused.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/dev/zero", fonts.join("zero.ttf")).unwrap();
            let e = read_offered_in(&fonts.join("zero.ttf"), &dirs).unwrap_err();
            assert!(e.contains("不是普通的字体文件"), "{e}");
            let e = read_offered_in(Path::new("/dev/zero"), &[PathBuf::from("/dev")]).unwrap_err();
            assert!(e.contains("不是本机字体文件夹中列出的字体文件"), "{e}");
        }

        // Over 64 MB (sparse: nothing is written).
        let big = fonts.join("大.otf");
        std::fs::File::create(&big).unwrap().set_len(MAX_FONT_BYTES + 1).unwrap();
        let e = read_offered_in(&big, &dirs).unwrap_err();
        assert!(e.contains("超过 64 MB"), "{e}");
    }

    #[test]
    fn only_files_a_few_folders_deep_are_offered() {
        let dirs = vec![PathBuf::from("/usr/share/fonts")];
        assert!(is_offered(Path::new("/usr/share/fonts/a/b/c/d/x.TTF"), &dirs));
        assert!(!is_offered(Path::new("/usr/share/fonts/a/b/c/d/e/x.ttf"), &dirs));
        assert!(!is_offered(Path::new("/usr/share/fonts"), &dirs));
        assert!(!is_offered(Path::new("/usr/share/fonts/x.pdf"), &dirs));
    }
}
