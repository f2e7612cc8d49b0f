//! Chinese line breaking (避头尾 rules): where a run of text may be split into lines of a given width.
//!
//! Any two Chinese characters may be separated, except that closing punctuation never starts a
//! line and opening punctuation never ends one. Runs of Latin letters and digits ("2024",
//! "〔2021〕30号" keeps "30" whole) stay together unless a run alone is wider than the line.
//! Widths come from the caller, so this module knows nothing about fonts.

/// Characters that must not start a line (行首禁则).
const NO_START: &str = "，。、；：？！）》」』】〕〉〗］｝”’…—·％‰℃々〃～,.;:?!)]}%>";
/// Characters that must not end a line (行尾禁则).
const NO_END: &str = "（《「『【〔〈〖［｛“‘([{<";

pub fn is_no_start(c: char) -> bool {
    NO_START.contains(c)
}

pub fn is_no_end(c: char) -> bool {
    NO_END.contains(c)
}

/// Characters that stay glued to their neighbours of the same kind ("2024", "GB/T", "9704-2012").
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '.' | ',' | '-' | '/' | '_' | '@' | ':' | '#' | '&' | '=' | '+' | '%' | '\''
        )
        || ('\u{00C0}'..='\u{024F}').contains(&c)
}

/// Split `text` into lines: the first at most `first_width` wide, the others at most `width`.
///
/// `measure` gives the advance of one character in the same unit as the widths. Spaces at a
/// break are dropped. A unit wider than a whole line is split between characters rather than
/// overflowing. Returns at least one (possibly empty) line.
pub fn break_lines(
    text: &str,
    first_width: f32,
    width: f32,
    measure: impl Fn(char) -> f32,
) -> Vec<String> {
    const EPS: f32 = 0.01;
    let units = glue(units(text));
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0.0f32;
    let avail = |lines: &Vec<String>| if lines.is_empty() { first_width } else { width };

    for unit in units {
        let is_space = unit.chars().all(|c| c == ' ');
        let w: f32 = unit.chars().map(&measure).sum();
        if used + w <= avail(&lines) + EPS {
            if !(is_space && line.is_empty() && !lines.is_empty()) {
                line.push_str(&unit);
                used += w;
            }
            continue;
        }
        if is_space {
            // A break at a space swallows the space.
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0.0;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0.0;
        }
        if w <= avail(&lines) + EPS {
            line.push_str(&unit);
            used = w;
            continue;
        }
        // Wider than a whole line: split between characters, whatever the rules say.
        for c in unit.chars() {
            let cw = measure(c);
            if used + cw > avail(&lines) + EPS && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            line.push(c);
            used += cw;
        }
    }
    let last = line.trim_end().to_string();
    if !last.is_empty() || lines.is_empty() {
        lines.push(last);
    }
    lines
}

/// The smallest pieces of text: one Chinese character, one run of spaces, or one Latin word.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in text.chars() {
        let joins = match out.last().and_then(|u| u.chars().last()) {
            Some(prev) => (prev == ' ' && c == ' ') || (is_word_char(prev) && is_word_char(c)),
            None => false,
        };
        if joins {
            out.last_mut().unwrap().push(c);
        } else {
            out.push(c.to_string());
        }
    }
    out
}

/// Merge units so that no unit starts with a no-start character or ends with a no-end one.
fn glue(units: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending_open = false;
    for unit in units {
        let first = unit.chars().next().unwrap_or(' ');
        let attach = match out.last() {
            Some(prev) => pending_open || (is_no_start(first) && !prev.ends_with(' ')),
            None => false,
        };
        pending_open = unit.chars().last().is_some_and(is_no_end);
        if attach {
            out.last_mut().unwrap().push_str(&unit);
        } else {
            out.push(unit);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chinese characters are 1 wide, ASCII is ½.
    fn w(c: char) -> f32 {
        if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    fn check(text: &str, first: f32, width: f32, expect: &[&str]) {
        assert_eq!(break_lines(text, first, width, w), expect, "text: {text}");
    }

    #[test]
    fn fills_lines_character_by_character() {
        check(
            "一二三四五六七八九十",
            5.0,
            5.0,
            &["一二三四五", "六七八九十"],
        );
        check(
            "一二三四五六七八九十",
            3.0,
            5.0,
            &["一二三", "四五六七八", "九十"],
        );
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // "五" fits exactly; "，" would start line 2, so "五，" moves down together.
        check("一二三四五，六七", 5.0, 5.0, &["一二三四", "五，六七"]);
        check("一二三四五。", 5.0, 5.0, &["一二三四", "五。"]);
        check("一二三四五）》。", 5.0, 5.0, &["一二三四", "五）》。"]);
        for lines in [
            break_lines(
                "根据《条例》第三十三条规定，本机关应当自收到申请之日起二十个工作日内予以答复。",
                7.0,
                9.0,
                w,
            ),
            break_lines(
                "经审查，您申请的信息属于本机关公开范围；现告知如下：",
                4.0,
                4.0,
                w,
            ),
        ] {
            for line in &lines[1..] {
                let first = line.chars().next().unwrap();
                assert!(!is_no_start(first), "line starts with {first}: {lines:?}");
            }
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        check("一二三四《条例》", 5.0, 5.0, &["一二三四", "《条例》"]);
        check("一二三（一）", 4.0, 4.0, &["一二三", "（一）"]);
    }

    #[test]
    fn numbers_and_latin_words_stay_whole() {
        // "2024" is 2 wide: it moves to the next line rather than splitting.
        check("一二三四2024年", 5.0, 5.0, &["一二三四", "2024年"]);
        check(
            "依据GB/T 9704-2012排版",
            6.0,
            6.0,
            &["依据GB/T", "9704-2012排", "版"],
        );
    }

    #[test]
    fn spaces_at_a_break_disappear() {
        check("ab cd ef", 2.5, 2.5, &["ab cd", "ef"]);
        check("ab  cd", 1.0, 1.0, &["ab", "cd"]);
    }

    #[test]
    fn overlong_words_are_split_rather_than_overflowing() {
        check(
            "https://example.org/x",
            3.0,
            3.0,
            &["https:", "//exam", "ple.or", "g/x"],
        );
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        check("", 5.0, 5.0, &[""]);
    }

    #[test]
    fn every_character_survives() {
        let text = "本年新收政府信息公开申请数量（件），结转下年度继续办理：12件。";
        for width in [1.0, 2.0, 3.0, 5.0, 8.0, 13.0] {
            let lines = break_lines(text, width, width, w);
            assert_eq!(lines.concat(), text, "width {width}");
            for line in &lines {
                let lw: f32 = line.chars().map(w).sum();
                // Only a unit that cannot be split further may overflow; here none is wider than 1.
                assert!(
                    lw <= width.max(4.0) + 0.01,
                    "{line} is {lw} wide at width {width}"
                );
            }
        }
    }
}
