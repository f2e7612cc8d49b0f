//! 工作要点 in the ledger: the units register, saving a plan all or nothing, pairs and their
//! progress, overdue pairs, the CSV, the audit trail and the roles.

mod common;

use common::{actor, d, ledger, outside};
use gongkai_core::account::Role;
use gongkai_core::workplan::{parse_plan, TaskState, UnitCategory};
use gongkai_ledger::plans::{self, PlanSaveOptions, ProgressInput};
use gongkai_ledger::units::{self, UnitInput};
use gongkai_ledger::{accounts, Error};

const PLAN_2019: &str = include_str!("../../core/tests/data/workplan-2019.txt");

fn opts(add_units: bool) -> PlanSaveOptions {
    PlanSaveOptions { source_name: "workplan-2019.txt".into(), add_units, ..Default::default() }
}

fn count(l: &gongkai_ledger::Ledger, table: &str) -> i64 {
    outside(l).query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn units_have_a_category_a_contact_a_due_date_and_are_retired_not_deleted() {
    let (_dir, mut l) = ledger();
    let u = units::add_unit(&mut l, &UnitInput::named("财政局", UnitCategory::Department)).unwrap();
    assert_eq!((u.category, u.report_due.as_deref(), u.report_due_effective.as_deref()), (UnitCategory::Department, None, Some("01-31")));
    let town = units::add_unit(&mut l, &UnitInput { name: "玉潭镇".into(), category: UnitCategory::Township, contact: "张三 8888".into(), report_due: "2月15日".into() }).unwrap();
    assert_eq!(town.report_due_effective.as_deref(), Some("02-15"));
    let other = units::add_unit(&mut l, &UnitInput::named("某中心", UnitCategory::Other)).unwrap();
    assert_eq!(other.report_due_effective, None);
    assert!(matches!(units::add_unit(&mut l, &UnitInput::named("财政局", UnitCategory::Department)), Err(Error::Conflict(_))));
    let bad = units::add_unit(&mut l, &UnitInput { report_due: "13-01".into(), ..UnitInput::named("乙局", UnitCategory::Department) }).unwrap_err();
    assert!(bad.to_string().contains("报送截止日"), "{bad}");
    units::set_unit_retired(&mut l, u.id, true).unwrap();
    assert!(outside(&l).execute("DELETE FROM department WHERE id = ?1", [u.id]).is_err(), "units are never deleted");
    let all = units::units(&l).unwrap();
    assert_eq!(all.last().unwrap().name, "财政局");
    assert!(all.last().unwrap().retired);
    // The departments of 设置 are the same register.
    let names: Vec<String> = gongkai_ledger::settings::departments(&l).unwrap().into_iter().map(|d| d.name).collect();
    assert_eq!(names, ["玉潭镇", "某中心", "财政局"]);
}

#[test]
fn the_2019_plan_saves_whole_with_its_pairs_and_unknown_units_refuse_it() {
    let (_dir, mut l) = ledger();
    units::add_unit(&mut l, &UnitInput::named("财政局", UnitCategory::Department)).unwrap();
    units::add_unit(&mut l, &UnitInput::named("玉潭街道", UnitCategory::Township)).unwrap();
    let parsed = parse_plan(PLAN_2019);
    let before = count(&l, "audit_log");
    let e = plans::save_plan(&mut l, 2019, &parsed, &opts(false), &actor("2019-07-10")).unwrap_err();
    assert!(e.to_string().contains("净月公安分局") && e.to_string().contains("未保存"), "{e}");
    assert_eq!((count(&l, "plan"), count(&l, "plan_task"), count(&l, "audit_log")), (0, 0, before), "nothing written");

    let (tasks, pairs) = plans::save_plan(&mut l, 2019, &parsed, &opts(true), &actor("2019-07-10")).unwrap();
    assert_eq!(tasks, 15);
    let all_units = units::units(&l).unwrap();
    let n = all_units.len();
    assert_eq!(all_units.iter().find(|u| u.name == "净月公安分局").unwrap().category, UnitCategory::Department);
    let view = plans::plan(&l, 2019, d("2019-07-10")).unwrap();
    assert_eq!(view.doc_number, "长净管办〔2019〕41号");
    assert_eq!(view.parts.len(), 5);
    // 各部门、各单位 tasks have every unit; 各镇、街道 only the townships.
    assert_eq!(view.tasks[0].pairs.len(), n);
    assert!(view.tasks[0].all_units);
    assert_eq!(view.tasks[8].pairs.iter().map(|p| p.unit_name.as_str()).collect::<Vec<_>>(), ["玉潭街道"]);
    assert_eq!(view.tasks[7].pairs.iter().map(|p| p.unit_name.as_str()).collect::<Vec<_>>(), ["财政局"]);
    assert_eq!(view.tasks.iter().map(|t| t.pairs.len()).sum::<usize>(), pairs);
    assert!(count(&l, "audit_log") > before + pairs as i64, "every row written is in the audit trail");

    // The same year again is refused, and nothing changes.
    let e = plans::save_plan(&mut l, 2019, &parsed, &opts(true), &actor("2019-07-10")).unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e}");
    assert_eq!(count(&l, "plan_task"), 15);
}

#[test]
fn a_plan_with_unparsed_lines_or_no_tasks_is_refused_whole() {
    let (_dir, mut l) = ledger();
    let parsed = parse_plan("一、公开\n（一）任务甲\n责任单位：甲局\n孤立的一行\n（二）任务乙\n责任单位：乙局\n");
    assert_eq!(parsed.unparsed.len(), 1);
    let e = plans::save_plan(&mut l, 2020, &parsed, &opts(true), &actor("2020-03-01")).unwrap_err();
    assert!(e.to_string().contains("第 4 行"), "{e}");
    assert!(plans::save_plan(&mut l, 2020, &parse_plan("随便一段话"), &opts(true), &actor("2020-03-01")).is_err());
    assert_eq!((count(&l, "plan"), count(&l, "department")), (0, 0), "not even the units were added");
}

#[test]
fn progress_sets_the_state_overdue_is_derived_and_the_csv_follows() {
    let (_dir, mut l) = ledger();
    let text = "一、主动公开\n（一）公开预决算\n完成时限：2021年6月底前\n牵头单位：财政局；配合单位：审计局\n（二）办好网站\n责任单位：各部门、各单位\n二、监督保障\n（一）组织培训\n责任单位：审计局等相关部门\n";
    let parsed = parse_plan(text);
    assert!(parsed.unparsed.is_empty(), "{:?}", parsed.unparsed);
    plans::save_plan(&mut l, 2021, &parsed, &opts(true), &actor("2021-02-01")).unwrap();
    let today = d("2021-07-01");
    let view = plans::plan(&l, 2021, today).unwrap();
    assert_eq!(view.tasks[0].due_on, "2021-06-30");
    assert_eq!(view.tasks[1].due_on, "2021-12-31");
    assert!(view.tasks[0].pairs.iter().all(|p| p.overdue));
    assert_eq!(plans::overdue_pairs(&l, today).unwrap().len(), 2);

    let p = |unit: &str, state, date: &str| ProgressInput {
        year: 2021,
        seq: 1,
        unit_name: unit.into(),
        state,
        on_date: date.into(),
        note: "已在门户网站公开".into(),
        link: "https://example.gov.cn/yjs".into(),
    };
    assert_eq!(plans::record_progress(&mut l, &p("财政局", TaskState::Done, "2021-06-20"), &actor("2021-07-01")).unwrap(), TaskState::Done);
    // An older note recorded later does not move the state back.
    plans::record_progress(&mut l, &p("财政局", TaskState::InProgress, "2021-05-01"), &actor("2021-07-01")).unwrap();
    let overdue = plans::overdue_pairs(&l, today).unwrap();
    assert_eq!(overdue.iter().map(|o| o.unit_name.as_str()).collect::<Vec<_>>(), ["审计局"]);
    assert_eq!(overdue[0].days_late, 1);
    let view = plans::plan(&l, 2021, today).unwrap();
    let fin = &view.tasks[0].pairs[0];
    assert_eq!((fin.unit_name.as_str(), fin.role.as_str(), fin.state, fin.notes.len()), ("财政局", "牵头", TaskState::Done, 2));
    assert_eq!(view.tasks[0].state(), TaskState::InProgress);

    // Refusals name the field; nothing is written.
    let before = count(&l, "plan_progress");
    assert!(plans::record_progress(&mut l, &ProgressInput { link: "ftp://x".into(), ..p("审计局", TaskState::Done, "") }, &actor("2021-07-01")).unwrap_err().to_string().contains("链接"));
    assert!(plans::record_progress(&mut l, &ProgressInput { seq: 9, ..p("审计局", TaskState::Done, "") }, &actor("2021-07-01")).unwrap_err().to_string().contains("序号为 9"));
    assert!(plans::record_progress(&mut l, &p("教育局", TaskState::Done, ""), &actor("2021-07-01")).unwrap_err().to_string().contains("教育局"));
    assert!(plans::record_progress(&mut l, &p("审计局", TaskState::Done, "2021-08-01"), &actor("2021-07-01")).unwrap_err().to_string().contains("晚于今天"));
    assert_eq!(count(&l, "plan_progress"), before);
    assert!(outside(&l).execute("DELETE FROM plan_progress", []).is_err(), "progress notes are never deleted");
    assert!(outside(&l).execute("UPDATE plan_progress SET note = 'x'", []).is_err(), "nor changed");

    let csv = String::from_utf8(plans::plan_csv(&l, 2021, today).unwrap()).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "部分,序号,任务,牵头单位,责任单位,全部单位,状态,完成时限");
    assert_eq!(lines[1], "一、主动公开,1,公开预决算,财政局,审计局,否,推进中,2021年6月底前");
    assert_eq!(lines[2], "一、主动公开,2,办好网站,,各部门、各单位,是,未开始,");
    assert_eq!(lines[3], "二、监督保障,3,组织培训,,审计局,否,未开始,");
    assert!(plans::plan_xlsx(&l, 2021, today).unwrap().starts_with(b"PK"));

    plans::record_progress(&mut l, &p("审计局", TaskState::Done, "2021-06-30"), &actor("2021-07-01")).unwrap();
    let done = plans::completed_tasks(&l, 2021, today).unwrap();
    assert_eq!(done.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(), ["主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"]);
    assert_eq!(done[0].1.iter().map(|t| t.seq).collect::<Vec<_>>(), [1]);
    plans::set_report_subheading(&mut l, 2021, 1, "政府信息管理").unwrap();
    let done = plans::completed_tasks(&l, 2021, today).unwrap();
    assert!(done[0].1.is_empty() && done[2].1.len() == 1);
}

#[test]
fn a_unit_the_plan_spells_differently_maps_onto_the_register() {
    let (_dir, mut l) = ledger();
    units::add_unit(&mut l, &UnitInput::named("区财政局", UnitCategory::Department)).unwrap();
    let parsed = parse_plan("一、公开\n（一）预决算\n责任单位：财政局\n");
    let map = |to: &str| PlanSaveOptions { map: vec![("财政局".into(), to.into())], ..opts(false) };
    let e = plans::save_plan(&mut l, 2022, &parsed, &map("区审计局"), &actor("2022-01-05")).unwrap_err();
    assert!(e.to_string().contains("区审计局"), "{e}");
    plans::save_plan(&mut l, 2022, &parsed, &map("区财政局"), &actor("2022-01-05")).unwrap();
    let view = plans::plan(&l, 2022, d("2022-01-05")).unwrap();
    assert_eq!(view.tasks[0].responsible, "财政局", "as written");
    assert_eq!(view.tasks[0].pairs[0].unit_name, "区财政局");
    assert_eq!(units::units(&l).unwrap().len(), 1, "no unit added");
}

#[test]
fn plan_writes_need_a_clerk_on_a_ledger_with_accounts() {
    let (_dir, mut l) = ledger();
    let at = d("2021-01-05").and_hms_opt(9, 0, 0).unwrap();
    accounts::create(&mut l, "admin", "管理员甲", &[Role::Admin], "admin-password", at).unwrap();
    let parsed = parse_plan("一、公开\n（一）任务甲\n责任单位：甲局\n");
    let e = plans::save_plan(&mut l, 2021, &parsed, &opts(true), &actor("2021-01-05")).unwrap_err();
    assert!(matches!(e, Error::Forbidden(_)), "{e}");
    accounts::sign_in(&mut l, "admin", "admin-password", at).unwrap();
    let e = units::add_unit(&mut l, &UnitInput::named("甲局", UnitCategory::Department)).unwrap_err();
    assert!(matches!(e, Error::Forbidden(ref m) if m.contains("登记员")), "{e}");
    accounts::create(&mut l, "wang", "王某", &[Role::Clerk], "password-1", at).unwrap();
    accounts::sign_in(&mut l, "wang", "password-1", at).unwrap();
    plans::save_plan(&mut l, 2021, &parsed, &opts(true), &actor("2021-01-05")).unwrap();
    let op: String = outside(&l).query_row("SELECT operator FROM plan", [], |r| r.get(0)).unwrap();
    assert!(op.contains("王某"), "{op}");
}

/// Evidence as a file: stored with its progress note in the attachments folder (SHA-256 checked),
/// opened again, refused whole when the note is refused, audited, never changed or deleted,
/// carried by a backup and written back by a restore; a ledger with accounts needs a 登记员.
#[test]
fn an_evidence_file_is_kept_with_its_note_checked_backed_up_and_restored() {
    use gongkai_ledger::backup;
    let (dir, mut l) = ledger();
    let parsed = parse_plan("一、主动公开\n（一）公开预决算\n牵头单位：财政局；配合单位：审计局\n");
    plans::save_plan(&mut l, 2021, &parsed, &opts(true), &actor("2021-02-01")).unwrap();
    let input = |unit: &str| ProgressInput {
        year: 2021,
        seq: 1,
        unit_name: unit.into(),
        state: TaskState::Done,
        on_date: "2021-03-01".into(),
        note: "已公开".into(),
        link: String::new(),
    };
    let pdf = b"%PDF-1.4 evidence of the published budget".to_vec();
    let file = plans::EvidenceFile { file_name: "预决算公开截图.pdf", bytes: &pdf };
    plans::record_progress_with(&mut l, &input("财政局"), Some(file), &actor("2021-03-02")).unwrap();

    let view = plans::plan(&l, 2021, d("2021-03-02")).unwrap();
    let note = &view.tasks[0].pairs[0].notes[0];
    let ev = note.evidence.clone().expect("the note carries its file");
    assert_eq!((ev.file_name.as_str(), ev.size_bytes, ev.intact), ("预决算公开截图.pdf", pdf.len() as u64, true));
    assert_eq!(plans::open_evidence(&l, ev.id).unwrap(), ("预决算公开截图.pdf".to_string(), pdf.clone()));
    assert_eq!(plans::evidence_owner(&l, ev.id).unwrap(), "2021 年工作要点任务 1（财政局）");
    // 完成情况 names the pair's evidence files.
    {
        use calamine::Reader;
        let bytes = plans::plan_xlsx(&l, 2021, d("2021-03-02")).unwrap();
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        let col = rows[0].iter().position(|h| h == "佐证附件").expect("a 佐证附件 column");
        let fin = rows.iter().find(|r| r[3] == "财政局").unwrap();
        assert_eq!(fin[col], "预决算公开截图.pdf");
        assert_eq!(rows.iter().find(|r| r[3] == "审计局").unwrap()[col], "");
    }
    let stored: String = outside(&l).query_row("SELECT stored_path FROM plan_evidence", [], |r| r.get(0)).unwrap();
    assert!(stored.starts_with("工作要点/"), "{stored}");
    let copy = gongkai_ledger::requests::attachment_dir(&l).join(&stored);
    assert_eq!(std::fs::read(&copy).unwrap(), pdf);
    let audited: i64 = outside(&l).query_row("SELECT count(*) FROM audit_log WHERE table_name = 'plan_evidence' AND action = 'insert'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 1);
    assert!(outside(&l).execute("DELETE FROM plan_evidence", []).is_err(), "evidence is never deleted");
    assert!(outside(&l).execute("UPDATE plan_evidence SET file_name = 'x'", []).is_err(), "nor changed");

    // A refused note keeps neither the note nor its file; an empty file is refused by name.
    let (notes, files) = (count(&l, "plan_progress"), count(&l, "plan_evidence"));
    let other = b"another file".to_vec();
    let e = plans::record_progress_with(&mut l, &input("教育局"), Some(plans::EvidenceFile { file_name: "x.pdf", bytes: &other }), &actor("2021-03-02")).unwrap_err();
    assert!(e.to_string().contains("教育局"), "{e}");
    let e = plans::record_progress_with(&mut l, &input("审计局"), Some(plans::EvidenceFile { file_name: "空.pdf", bytes: b"" }), &actor("2021-03-02")).unwrap_err();
    assert!(e.to_string().contains("空.pdf") && e.to_string().contains("空文件"), "{e}");
    assert_eq!((count(&l, "plan_progress"), count(&l, "plan_evidence")), (notes, files));
    let folder = gongkai_ledger::requests::attachment_dir(&l).join("工作要点");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "no stray copy");

    // Altered outside the app: flagged and refused when opened.
    std::fs::write(&copy, b"changed").unwrap();
    assert!(!plans::plan(&l, 2021, d("2021-03-02")).unwrap().tasks[0].pairs[0].notes[0].evidence.as_ref().unwrap().intact);
    assert!(plans::open_evidence(&l, ev.id).unwrap_err().to_string().contains("SHA-256"));
    assert!(!backup::check_attachments(&l).unwrap().is_empty(), "check names the altered evidence");
    std::fs::write(&copy, &pdf).unwrap();
    assert!(backup::check_attachments(&l).unwrap().is_empty());

    // A backup holds it; the folder lost, a restore writes it back.
    let out = dir.path().join("备份.db");
    let written = backup::backup_to(&l, &out).unwrap();
    assert_eq!(written.attachments, 1);
    assert_eq!(backup::inspect(&out).unwrap().attachments, 1);
    std::fs::remove_dir_all(&folder).unwrap();
    assert!(plans::open_evidence(&l, ev.id).is_err());
    backup::restore_into(&mut l, &out, false, "20210302-120000").unwrap();
    let l = gongkai_ledger::Ledger::open(l.path()).unwrap();
    assert_eq!(plans::open_evidence(&l, ev.id).unwrap().1, pdf);
}

#[test]
fn evidence_needs_a_clerk_on_a_ledger_with_accounts() {
    let (_dir, mut l) = ledger();
    let parsed = parse_plan("一、公开\n（一）任务甲\n责任单位：甲局\n");
    plans::save_plan(&mut l, 2021, &parsed, &opts(true), &actor("2021-01-05")).unwrap();
    let at = d("2021-01-05").and_hms_opt(9, 0, 0).unwrap();
    accounts::create(&mut l, "admin", "管理员甲", &[Role::Admin], "admin-password", at).unwrap();
    accounts::sign_in(&mut l, "admin", "admin-password", at).unwrap();
    let input = ProgressInput { year: 2021, seq: 1, unit_name: "甲局".into(), state: TaskState::Done, on_date: String::new(), note: String::new(), link: String::new() };
    let e = plans::record_progress_with(&mut l, &input, Some(plans::EvidenceFile { file_name: "a.pdf", bytes: b"x" }), &actor("2021-01-05")).unwrap_err();
    assert!(matches!(e, Error::Forbidden(ref m) if m.contains("登记员")), "{e}");
    assert_eq!(count(&l, "plan_evidence"), 0);
}

/// The window's choices for unknown units: one added with the 类别 chosen, one mapped onto a unit
/// in the register; one left undecided refuses the whole plan.
#[test]
fn unknown_units_are_added_with_a_chosen_category_or_mapped_as_the_window_chooses() {
    use plans::UnknownUnitChoice;
    let (_dir, mut l) = ledger();
    units::add_unit(&mut l, &UnitInput::named("区财政局", UnitCategory::Department)).unwrap();
    let parsed = parse_plan("一、公开\n（一）预决算\n责任单位：财政局、城西片区、审计局\n");
    let choice = |name: &str, category, map_to: &str| UnknownUnitChoice { name: name.into(), category, map_to: map_to.into() };
    let partial = [choice("财政局", UnitCategory::Department, "区财政局"), choice("城西片区", UnitCategory::Township, "")];
    let e = plans::save_plan(&mut l, 2022, &parsed, &PlanSaveOptions::from_choices("粘贴文本".into(), false, &partial), &actor("2022-01-05")).unwrap_err();
    assert!(e.to_string().contains("审计局") && !e.to_string().contains("城西片区"), "{e}");
    assert_eq!((count(&l, "plan"), units::units(&l).unwrap().len()), (0, 1), "nothing saved");
    let all = [partial[0].clone(), partial[1].clone(), choice("审计局", UnitCategory::Other, "")];
    plans::save_plan(&mut l, 2022, &parsed, &PlanSaveOptions::from_choices("粘贴文本".into(), false, &all), &actor("2022-01-05")).unwrap();
    let register = units::units(&l).unwrap();
    let cat = |n: &str| register.iter().find(|u| u.name == n).map(|u| u.category);
    assert_eq!((cat("城西片区"), cat("审计局"), cat("财政局")), (Some(UnitCategory::Township), Some(UnitCategory::Other), None));
    let view = plans::plan(&l, 2022, d("2022-01-05")).unwrap();
    let names: Vec<&str> = view.tasks[0].pairs.iter().map(|p| p.unit_name.as_str()).collect();
    assert_eq!(names, ["区财政局", "城西片区", "审计局"]);
}
