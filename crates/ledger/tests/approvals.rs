//! The approvals the statute and the office ask for, through the ledger API (issue 17): a
//! 登记员 proposes an extension, the deadline does not move, the 登记员 cannot approve it, the
//! 负责人 does and the deadline moves by exactly the working days `calendar::due` gives, the
//! derivation naming the 负责人; a reply's 答复书 cannot be issued before 审核 and 签发, and the
//! issued letter names both; 工作台's waiting list shows each step to the role that takes it.

use chrono::{NaiveDate, NaiveDateTime};
use gongkai_core::account::Role;
use gongkai_core::letter::{LetterKind, LetterPrint};
use gongkai_core::request::{EventDetail, ReplyStage, ReplyType, RequestEvent};
use gongkai_core::taxonomy::ReplyResult;
use gongkai_ledger::letters;
use gongkai_ledger::requests::{self, Actor};
use gongkai_ledger::{accounts, audit, calendar, settings, Error, Ledger};

mod common;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
fn at(s: &str) -> NaiveDateTime {
    d(s).and_hms_opt(10, 0, 0).unwrap()
}
fn actor(day: &str) -> Actor {
    Actor { operator: "键入的名字".into(), now: at(day) }
}
fn render(p: &LetterPrint) -> Result<Vec<u8>, String> {
    gongkai_report::letter::render_letter(p)
}
fn as_user(l: &mut Ledger, login: &str, password: &str) {
    accounts::sign_out(l).unwrap();
    accounts::sign_in(l, login, password, at("2026-03-02")).unwrap();
}
fn forbidden(e: Error) -> String {
    match e {
        Error::Forbidden(m) => m,
        other => panic!("expected Forbidden, got {other:?}"),
    }
}

/// A ledger with 管理员, 登记员 王, 审核人 赵 and 负责人 李 (accounts made 2026-03-02 09:00).
fn office(dir: &tempfile::TempDir) -> Ledger {
    let mut l = Ledger::open(&dir.path().join("o.db")).unwrap();
    l.set_workstation_dir(None);
    let t0 = d("2026-03-02").and_hms_opt(9, 0, 0).unwrap();
    accounts::create(&mut l, "admin", "管理员甲", &[Role::Admin], "admin-password", t0).unwrap();
    accounts::sign_in(&mut l, "admin", "admin-password", t0).unwrap();
    accounts::create(&mut l, "wang", "王某", &[Role::Clerk], "password-1", t0).unwrap();
    accounts::create(&mut l, "zhao", "赵某", &[Role::Reviewer], "password-3", t0).unwrap();
    accounts::create(&mut l, "li", "李某", &[Role::Head], "password-2", t0).unwrap();
    l
}

#[test]
fn an_extension_waits_for_the_head_and_the_derivation_names_who_agreed() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = office(&dir);
    as_user(&mut l, "wang", "password-1");
    let number = requests::register(&mut l, &common::request_input("2026-03-02"), &actor("2026-03-02")).unwrap();
    let before = requests::get(&l, &number, d("2026-03-10")).unwrap().clock.reply.unwrap().date;

    let proposal = RequestEvent::new(d("2026-03-10"), EventDetail::Extended { workdays: 10, approver: String::new(), reason: "需要调取档案".into() });
    requests::append_event(&mut l, &number, proposal, &actor("2026-03-10")).unwrap();
    let detail = requests::get(&l, &number, d("2026-03-10")).unwrap();
    assert!(detail.pending_extension.as_deref().unwrap().contains("延期待审批"), "{:?}", detail.pending_extension);
    assert_eq!(detail.clock.reply.as_ref().unwrap().date, before, "the deadline waits for the approval");
    let waiting = requests::signoff::waiting(&l, d("2026-03-10")).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!((waiting[0].stage_label.as_str(), waiting[0].role), ("延期待审批", Role::Head));
    assert_eq!(waiting[0].reply_due, before.to_string());

    // The 登记员 cannot approve it: the ledger refuses, naming the role.
    let m = forbidden(requests::approve_extension(&mut l, &number, d("2026-03-11"), &actor("2026-03-11")).unwrap_err());
    assert!(m.contains("负责人"), "{m}");

    as_user(&mut l, "li", "password-2");
    requests::approve_extension(&mut l, &number, d("2026-03-12"), &actor("2026-03-12")).unwrap();
    let detail = requests::get(&l, &number, d("2026-03-12")).unwrap();
    let reply = detail.clock.reply.unwrap();
    let expected = calendar::due(&l, &before.to_string(), 10).unwrap().date;
    assert_eq!(reply.date.to_string(), expected, "10 working days later, as `calendar due` computes it");
    assert!(reply.derivation.contains("经负责人李某（li） 2026-03-12 同意延期 10 个工作日"), "{}", reply.derivation);
    assert!(detail.pending_extension.is_none());
    assert!(requests::signoff::waiting(&l, d("2026-03-12")).unwrap().is_empty());
    assert!(audit::verify(&l).unwrap().problems.is_empty());
}

#[test]
fn a_head_rejects_a_proposal_without_holding_the_clerks_role() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = office(&dir);
    as_user(&mut l, "wang", "password-1");
    let number = requests::register(&mut l, &common::request_input("2026-03-02"), &actor("2026-03-02")).unwrap();
    let proposal = RequestEvent::new(d("2026-03-10"), EventDetail::Extended { workdays: 5, approver: String::new(), reason: "材料多".into() });
    requests::append_event(&mut l, &number, proposal, &actor("2026-03-10")).unwrap();
    let reject = || RequestEvent::new(d("2026-03-11"), EventDetail::ExtensionRejected { reason: "期限内可以答复".into() });
    let m = forbidden(requests::append_event(&mut l, &number, reject(), &actor("2026-03-11")).unwrap_err());
    assert!(m.contains("负责人"), "{m}");
    as_user(&mut l, "li", "password-2");
    requests::append_event(&mut l, &number, reject(), &actor("2026-03-11")).unwrap();
    assert!(requests::get(&l, &number, d("2026-03-11")).unwrap().pending_extension.is_none());
}

#[test]
fn a_reply_is_reviewed_and_signed_before_its_letter_is_issued_and_the_letter_names_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = office(&dir);
    settings::save_organ_name(&mut l, "某某区人民政府办公室").unwrap();
    settings::save_review_organ(&mut l, "某某区人民政府").unwrap();
    as_user(&mut l, "wang", "password-1");
    let number = requests::register(&mut l, &common::request_input("2026-03-02"), &actor("2026-03-02")).unwrap();
    let replied = EventDetail::Replied { method: "书面答复".into(), result: ReplyResult::Disclosed, reply_type: Some(ReplyType::Provided), note: String::new() };
    requests::append_event(&mut l, &number, RequestEvent::new(d("2026-03-16"), replied), &actor("2026-03-16")).unwrap();
    assert_eq!(requests::get(&l, &number, d("2026-03-16")).unwrap().reply_stage, Some(ReplyStage::Drafted));

    let issue = |l: &mut Ledger, day: &str| letters::issue(l, &number, LetterKind::Reply, None, &actor(day), &render);
    let e = issue(&mut l, "2026-03-16").unwrap_err();
    assert!(e.to_string().contains("答复书须经审核人审核、负责人签发后才能出具（当前：待审核）"), "{e}");
    let waiting = requests::signoff::waiting(&l, d("2026-03-16")).unwrap();
    assert_eq!(waiting.iter().map(|w| (w.stage_label.as_str(), w.role)).collect::<Vec<_>>(), [("待审核", Role::Reviewer)]);
    // The 登记员 cannot review; the 审核人 cannot sign.
    let m = forbidden(requests::signoff::review_reply(&mut l, &number, d("2026-03-16"), "", &actor("2026-03-16")).unwrap_err());
    assert!(m.contains("审核人"), "{m}");

    as_user(&mut l, "zhao", "password-3");
    requests::signoff::send_back_reply(&mut l, &number, d("2026-03-16"), "依据条款写错", &actor("2026-03-16")).unwrap();
    assert_eq!(requests::get(&l, &number, d("2026-03-16")).unwrap().reply_stage, Some(ReplyStage::Drafted));
    requests::signoff::review_reply(&mut l, &number, d("2026-03-17"), "同意", &actor("2026-03-17")).unwrap();
    let m = forbidden(requests::signoff::sign_reply(&mut l, &number, d("2026-03-17"), "", &actor("2026-03-17")).unwrap_err());
    assert!(m.contains("负责人"), "{m}");
    let waiting = requests::signoff::waiting(&l, d("2026-03-17")).unwrap();
    assert_eq!(waiting.iter().map(|w| (w.stage_label.as_str(), w.role)).collect::<Vec<_>>(), [("待签发", Role::Head)]);
    as_user(&mut l, "wang", "password-1");
    let e = issue(&mut l, "2026-03-17").unwrap_err();
    assert!(e.to_string().contains("当前：待签发"), "{e}");

    as_user(&mut l, "li", "password-2");
    requests::signoff::sign_reply(&mut l, &number, d("2026-03-18"), "", &actor("2026-03-18")).unwrap();
    assert!(requests::signoff::waiting(&l, d("2026-03-18")).unwrap().is_empty());
    as_user(&mut l, "wang", "password-1");
    let (issued, print) = issue(&mut l, "2026-03-18").unwrap();
    // The printed letter names who reviewed and who signed it, on every reprint too.
    assert!(print.anchor.contains("审核 赵某（zhao）") && print.anchor.contains("签发 李某（li）"), "{}", print.anchor);
    let again = letters::issued_print(&l, issued.id).unwrap();
    assert!(again.anchor.contains("审核 赵某（zhao）") && again.anchor.contains("签发 李某（li）"), "{}", again.anchor);
    assert!(issued.title.contains("答复"));
    // Every event names its account, not the name the caller typed.
    let detail = requests::get(&l, &number, d("2026-03-18")).unwrap();
    assert!(detail.timeline.iter().all(|t| t.operator != "键入的名字"), "{:?}", detail.timeline);
    assert!(audit::verify(&l).unwrap().problems.is_empty());
}

#[test]
fn the_idle_lock_and_the_signoff_are_the_administrators_settings() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = office(&dir);
    assert_eq!(settings::security_settings(&l).unwrap(), settings::SecuritySettings { idle_lock_minutes: 15, reply_signoff: true });
    let e = settings::save_idle_lock_minutes(&mut l, 0).unwrap_err();
    assert!(e.to_string().contains("1 到 120 分钟"), "{e}");
    settings::save_security_settings(&mut l, &settings::SecuritySettings { idle_lock_minutes: 5, reply_signoff: false }).unwrap();
    assert_eq!(settings::idle_lock_minutes(&l).unwrap(), 5);
    assert!(!settings::reply_needs_signoff(&l).unwrap());
    as_user(&mut l, "wang", "password-1");
    let m = forbidden(settings::save_idle_lock_minutes(&mut l, 30).unwrap_err());
    assert!(m.contains("管理员"), "{m}");
    // Locked (signed out), the window's handle records nothing.
    accounts::sign_out(&mut l).unwrap();
    let m = forbidden(requests::register(&mut l, &common::request_input("2026-03-02"), &actor("2026-03-02")).unwrap_err());
    assert!(m.contains("请先登录"), "{m}");
}

/// A reply that came in with an imported register was issued outside this ledger: it never waits
/// for 审核 and 签发, whether the register was imported before or after the accounts were made.
#[test]
fn an_imported_reply_never_waits_for_signoff() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = office(&dir);
    as_user(&mut l, "wang", "password-1");
    let csv = "受理编号,申请人类型,申请人,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果
YSQ-OLD-1,自然人,张三,13912345678,当面,2026-01-06,申请公开旧事项一,2026-01-20,予以公开
";
    requests::exchange::import(&mut l, "old.csv", csv.as_bytes(), &actor("2026-03-16")).unwrap();
    assert!(requests::signoff::waiting(&l, d("2026-03-16")).unwrap().is_empty(), "nothing imported waits");
    // A reply recorded in this ledger still does.
    let number = requests::register(&mut l, &common::request_input("2026-03-02"), &actor("2026-03-02")).unwrap();
    let replied = EventDetail::Replied { method: "书面答复".into(), result: ReplyResult::Disclosed, reply_type: Some(ReplyType::Provided), note: String::new() };
    requests::append_event(&mut l, &number, RequestEvent::new(d("2026-03-16"), replied), &actor("2026-03-16")).unwrap();
    let waiting = requests::signoff::waiting(&l, d("2026-03-16")).unwrap();
    assert_eq!(waiting.iter().map(|w| w.number.as_str()).collect::<Vec<_>>(), [number.as_str()]);
}
