//! The plan parser never panics: on text built from the pieces real plans are made of, on the
//! 2019 plan mutated line by line and byte by byte, and on arbitrary strings. Every result keeps
//! its own invariants (序号 1..n, every task in a part that exists).

use gongkai_core::workplan::{parse_plan, ParsedPlan};
use proptest::prelude::*;

const PLAN_2019: &str = include_str!("data/workplan-2019.txt");

const PIECES: &[&str] = &[
    "一、", "二、", "十一、", "（一）", "(二)", "（1）", "1.", "2．", "3、", "4.5%", "责任部门：", "责任单位:", "牵头单位：",
    "；配合单位：", "配合/责任单位", "完成时限：", "（责任单位：", "）", "(", "、", "，", ",", "；", "。", "\t", "\n", "\r\n",
    "\n\n", " ", "\u{3000}", "各部门、各单位", "各镇、街道", "区直各单位", "区直有关单位", "等相关部门", "财政局", "净月公",
    "安分局", "工作任务", "工作要求", "牵头单位", "配合单位", "责任单位", "序号", "〔2019〕41号", "长净管办", "**", "### ",
    "---", "\u{feff}", "年底前", "9月底", "13月", "0月", "2019年2月30日", "号", "〔", "〕", "é", "\u{0}", "🙂",
];

fn check(plan: &ParsedPlan) {
    for (i, t) in plan.tasks.iter().enumerate() {
        assert_eq!(t.seq as usize, i + 1);
        assert!(t.part < plan.parts.len(), "task {} in part {} of {}", i + 1, t.part, plan.parts.len());
    }
    assert_eq!(plan.tasks_per_part().iter().sum::<usize>(), plan.tasks.len());
    let _ = plan.unknown_units(&["财政局"]);
    for t in &plan.tasks {
        let _ = gongkai_core::workplan::deadline_date(&t.deadline, 2019);
    }
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn pieces_of_plans_never_panic(picks in prop::collection::vec(0..PIECES.len(), 0..120)) {
        let text: String = picks.iter().map(|i| PIECES[*i]).collect();
        check(&parse_plan(&text));
    }

    #[test]
    fn the_2019_plan_mutated_never_panics(ops in prop::collection::vec((0u8..5, any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0..PIECES.len()), 1..25)) {
        let mut lines = lines_of(PLAN_2019);
        for (op, a, b, piece) in ops {
            if lines.is_empty() {
                lines.push(String::new());
            }
            let i = a.index(lines.len());
            match op {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(i, l); }
                2 => { let j = b.index(lines.len()); lines.swap(i, j); }
                3 => {
                    // Insert a piece at a char boundary inside the line.
                    let chars: Vec<char> = lines[i].chars().collect();
                    let at = b.index(chars.len() + 1);
                    let mut s: String = chars[..at].iter().collect();
                    s.push_str(PIECES[piece]);
                    s.extend(&chars[at..]);
                    lines[i] = s;
                }
                _ => {
                    // Cut the line at a char boundary (a page break in the middle).
                    let chars: Vec<char> = lines[i].chars().collect();
                    let at = b.index(chars.len() + 1);
                    let (x, y): (String, String) = (chars[..at].iter().collect(), chars[at..].iter().collect());
                    lines[i] = x;
                    lines.insert(i + 1, y);
                }
            }
        }
        check(&parse_plan(&lines.join("\n")));
    }

    #[test]
    fn any_string_never_panics(text in ".{0,400}") {
        check(&parse_plan(&text));
    }

    #[test]
    fn tab_rows_never_panic(rows in prop::collection::vec(prop::collection::vec(0..PIECES.len(), 0..8), 0..30)) {
        let mut text = String::from("序号\t工作任务\t工作要求\t牵头单位\t配合单位\t完成时限\n");
        for row in rows {
            let cells: Vec<&str> = row.iter().map(|i| PIECES[*i]).collect();
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
        check(&parse_plan(&text));
    }
}

/// The mutations can fail: a line removed from the 2019 plan changes what is parsed.
#[test]
fn mutations_are_seen() {
    let whole = parse_plan(PLAN_2019);
    let without: String = PLAN_2019.lines().filter(|l| !l.starts_with("责任部门：财政局\n") && *l != "责任部门：财政局").collect::<Vec<_>>().join("\n");
    let cut = parse_plan(&without);
    assert_eq!(whole.tasks.len(), cut.tasks.len());
    assert!(cut.unparsed.len() > whole.unparsed.len() || cut.tasks[7].responsible.named != whole.tasks[7].responsible.named);
}
