//! Malformed plans never save a partial plan: the 2019 plan mutated line by line (lines dropped,
//! doubled, swapped, cut, garbage inserted) is saved whole or refused with nothing written, and
//! what is saved is exactly what was parsed (every task, every pair of a named unit).

mod common;

use common::{actor, ledger, outside};
use gongkai_core::workplan::parse_plan;
use gongkai_ledger::plans::{self, PlanSaveOptions};
use proptest::prelude::*;

const PLAN_2019: &str = include_str!("../../core/tests/data/workplan-2019.txt");
const GARBAGE: &[&str] = &["（一）", "责任单位：", "一、", "牵头单位：；配合单位：", "\t\t", "等相关部门", "各部门、各单位", "🙂\u{0}", "工作任务\t牵头单位\t配合单位", "1."];

#[derive(Debug, Clone)]
enum Edit {
    Drop(usize),
    Double(usize),
    Swap(usize, usize),
    Cut(usize, usize),
    Insert(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..200usize).prop_map(Edit::Drop),
        (0..200usize).prop_map(Edit::Double),
        (0..200usize, 0..200usize).prop_map(|(a, b)| Edit::Swap(a, b)),
        (0..200usize, 0..40usize).prop_map(|(a, b)| Edit::Cut(a, b)),
        (0..200usize, 0..GARBAGE.len()).prop_map(|(a, b)| Edit::Insert(a, b)),
    ]
}

fn count(l: &gongkai_ledger::Ledger, table: &str) -> i64 {
    outside(l).query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn a_mutated_plan_saves_whole_or_not_at_all(edits in prop::collection::vec(edit(), 1..6), add_units in any::<bool>()) {
        let mut lines: Vec<String> = PLAN_2019.lines().map(str::to_string).collect();
        for e in edits {
            let n = lines.len().max(1);
            match e {
                Edit::Drop(i) if !lines.is_empty() => { lines.remove(i % n); }
                Edit::Double(i) if !lines.is_empty() => { let l = lines[i % n].clone(); lines.insert(i % n, l); }
                Edit::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
                Edit::Cut(i, at) if !lines.is_empty() => {
                    let l: String = lines[i % n].chars().take(at).collect();
                    lines[i % n] = l;
                }
                Edit::Insert(i, g) => lines.insert(i % n, GARBAGE[g].to_string()),
                _ => {}
            }
        }
        let parsed = parse_plan(&lines.join("\n"));
        let (_dir, mut l) = ledger();
        let units_before = count(&l, "department");
        let opts = PlanSaveOptions { source_name: "fuzz".into(), add_units, ..Default::default() };
        match plans::save_plan(&mut l, 2019, &parsed, &opts, &actor("2019-03-01")) {
            Ok((tasks, _)) => {
                prop_assert!(parsed.unparsed.is_empty());
                prop_assert_eq!(tasks, parsed.tasks.len());
                prop_assert_eq!(count(&l, "plan_task") as usize, parsed.tasks.len());
                prop_assert_eq!(count(&l, "plan_part") as usize, parsed.parts.len());
                let view = plans::plan(&l, 2019, common::d("2019-03-01")).unwrap();
                for (t, p) in view.tasks.iter().zip(&parsed.tasks) {
                    prop_assert_eq!(&t.title, &p.title);
                    for name in p.lead.named.iter().chain(&p.responsible.named) {
                        prop_assert!(t.pairs.iter().any(|x| &x.unit_name == name), "task {} lacks {}", t.seq, name);
                    }
                }
            }
            Err(_) => {
                for table in ["plan", "plan_part", "plan_task", "plan_assignment", "plan_progress"] {
                    prop_assert_eq!(count(&l, table), 0, "{} after a refusal", table);
                }
                prop_assert_eq!(count(&l, "department"), units_before, "no unit added by a refused plan");
            }
        }
    }
}
