//! Issue 18, letters: the remedy paragraph names the 复议机关 and the 人民法院 (a 答复书 is refused
//! while the 复议机关 is unset, a draft shows the gap), 复议前置 for replies that withhold, the
//! three letters the 条例 requires besides (Art. 32, 34, 35) issued only in a matching state,
//! numbered, kept and rendered, the Art. 34 consultation pausing the clock, the 登记回执 in any
//! state, the 补正告知书's ticked Art. 29 grounds, and the 答复书 saying how information is provided.

use gongkai_core::clock::ConsultationKind;
use gongkai_core::identity::IdKind;
use gongkai_core::letter::{LetterKind, LetterPrint, REVIEW_ORGAN_PLACEHOLDER};
use gongkai_core::request::{Channel, CorrectionGround, EventDetail, RequestEvent};
use gongkai_core::taxonomy::ReplyResult;
use gongkai_ledger::letters;
use gongkai_ledger::requests::{self, RequestInput};
use gongkai_ledger::{settings, Ledger};

mod common;
use common::{actor, d, ledger, outside, request_input};

fn render(p: &LetterPrint) -> Result<Vec<u8>, String> {
    gongkai_report::letter::render_letter(p)
}

fn register(l: &mut Ledger, received: &str) -> String {
    let input = RequestInput { id_kind: IdKind::None, id_number: String::new(), channel: Channel::Post, ..request_input(received) };
    requests::register(l, &input, &actor(received)).unwrap()
}

fn event(l: &mut Ledger, number: &str, date: &str, detail: EventDetail) {
    requests::append_event(l, number, RequestEvent::new(d(date), detail), &actor(date)).unwrap();
}

fn replied(l: &mut Ledger, number: &str, date: &str, result: ReplyResult) {
    event(l, number, date, EventDetail::Replied { method: "书面答复".into(), result, reply_type: None, note: String::new() });
}

fn letters_kept(l: &Ledger) -> i64 {
    outside(l).query_row("SELECT count(*) FROM letter", [], |r| r.get(0)).unwrap()
}

fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).split_whitespace().collect())
}

#[test]
fn a_reply_is_refused_until_the_review_organ_is_set_and_then_names_it_and_the_court() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某区人民政府办公室").unwrap();
    let no = register(&mut l, "2025-03-03");
    replied(&mut l, &no, "2025-03-20", ReplyResult::Disclosed);

    // The draft (what a preview prints) shows the gap; issuing is refused naming the setting.
    let draft = letters::draft(&l, &no, LetterKind::Reply, d("2025-03-21")).unwrap();
    assert!(draft.text.body.contains(REVIEW_ORGAN_PLACEHOLDER), "{}", draft.text.body);
    let e = letters::issue(&mut l, &no, LetterKind::Reply, None, &actor("2025-03-21"), &render).unwrap_err().to_string();
    assert!(e.contains("复议机关") && e.contains("设置"), "{e}");
    assert_eq!(letters_kept(&l), 0, "nothing issued, no number used");
    // Nor can the clerk's own text smuggle the placeholder through once the setting exists.
    settings::save_review_organ(&mut l, "长春市人民政府").unwrap();
    let e = letters::issue(&mut l, &no, LetterKind::Reply, Some(&draft.text), &actor("2025-03-21"), &render).unwrap_err().to_string();
    assert!(e.contains(REVIEW_ORGAN_PLACEHOLDER), "{e}");

    settings::save_court(&mut l, "长春铁路运输法院").unwrap();
    let s = settings::organ_settings(&l).unwrap();
    assert_eq!((s.review_organ.as_str(), s.court.as_str()), ("长春市人民政府", "长春铁路运输法院"));
    let (issued, print) = letters::issue(&mut l, &no, LetterKind::Reply, None, &actor("2025-03-21"), &render).unwrap();
    let remedy = print.body.lines().find(|p| p.contains("行政复议")).unwrap();
    assert!(remedy.contains("向长春市人民政府申请行政复议") && remedy.contains("向长春铁路运输法院提起行政诉讼"), "{remedy}");
    assert!(remedy.contains("六十日") && remedy.contains("六个月"), "予以公开 keeps the either/or remedy: {remedy}");
    assert!(print.body.contains("提供方式：纸质，邮寄。"), "the reply says how it is provided: {}", print.body);
    let (_, bytes) = requests::open_attachment(&l, issued.attachment_id).unwrap();
    if let Some(text) = pdf_text(&bytes) {
        assert!(text.contains("长春市人民政府申请行政复议"), "{text}");
    }
    // A name with a line break is refused by name, like 机关名称.
    assert!(settings::save_review_organ(&mut l, "长春市\n人民政府").unwrap_err().to_string().contains("复议机关"));
}

#[test]
fn withholding_replies_require_review_first_and_partial_ones_say_so_for_the_withheld_part() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某区人民政府办公室").unwrap();
    settings::save_review_organ(&mut l, "某市人民政府").unwrap();
    let cases = [
        (ReplyResult::StateSecret, true, false),
        (ReplyResult::ProcessInformation, true, false),
        (ReplyResult::PartlyDisclosed, true, true),
        (ReplyResult::NotHeld, false, true),
        (ReplyResult::Petition, false, true),
    ];
    for (result, review_first, either_or) in cases {
        let no = register(&mut l, "2025-04-01");
        replied(&mut l, &no, "2025-04-10", result);
        let body = letters::draft(&l, &no, LetterKind::Reply, d("2025-04-11")).unwrap().text.body;
        assert_eq!(body.contains("应当自收到本答复之日起六十日内先向某市人民政府申请行政复议，对行政复议决定不服的，可以依法向人民法院提起行政诉讼"), review_first, "{result:?}: {body}");
        assert_eq!(body.contains("或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼"), either_or, "{result:?}: {body}");
    }
}

#[test]
fn confirm_or_reissue_cites_no_bare_article_36() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某区人民政府办公室").unwrap();
    let no = register(&mut l, "2025-04-01");
    replied(&mut l, &no, "2025-04-10", ReplyResult::ConfirmOrReissue);
    let body = letters::draft(&l, &no, LetterKind::Reply, d("2025-04-11")).unwrap().text.body;
    let middle = body.lines().nth(1).unwrap();
    assert!(middle.contains("确认或者重新出具") && !middle.contains("第三十六条"), "{middle}");
}

#[test]
fn the_art_34_letter_goes_with_an_open_consultation_of_another_organ_which_pauses_the_clock() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某区人民政府办公室").unwrap();
    let no = register(&mut l, "2025-03-03");
    let before = requests::get(&l, &no, d("2025-03-10")).unwrap().clock.reply.unwrap().date;
    let e = letters::issue(&mut l, &no, LetterKind::AgencyConsultation, None, &actor("2025-03-10"), &render).unwrap_err().to_string();
    assert!(e.contains("征求其他机关意见函") && e.contains("其他机关"), "{e}");

    event(&mut l, &no, "2025-03-10", EventDetail::ConsultationStarted { consultation: ConsultationKind::OtherAgency, party: "某区财政局".into() });
    let (issued, print) = letters::issue(&mut l, &no, LetterKind::AgencyConsultation, None, &actor("2025-03-10"), &render).unwrap();
    assert_eq!(print.addressee, "某区财政局：");
    assert!(print.body.contains("第三十四条") && print.body.contains("2025年3月31日") && print.body.contains("视为同意公开"), "15 working days from 2025-03-10: {}", print.body);
    assert!(!print.body.contains("王小明"), "the other organ is not told who asked");
    assert_eq!(issued.letter_number, "某某区人民政府办公室〔2025〕1号");
    assert_eq!(issued.kind_label, "征求其他机关意见函");
    assert!(requests::open_attachment(&l, issued.attachment_id).unwrap().1.starts_with(b"%PDF"));

    // Paused: on 2025-03-20 the deadline has moved by the eight working days the consultation ran.
    let detail = requests::get(&l, &no, d("2025-03-20")).unwrap();
    assert_eq!(detail.request.status_label, "征求意见中");
    let paused = detail.clock.reply.unwrap().date;
    assert!(paused > before, "{paused} should be after {before}");
    event(&mut l, &no, "2025-03-24", EventDetail::ConsultationEnded { consultation: ConsultationKind::OtherAgency, opinion: "同意公开".into() });
    let after = requests::get(&l, &no, d("2025-03-25")).unwrap().clock.reply.unwrap();
    let paused_days = {
        let cal = gongkai_ledger::calendar::effective(&l).unwrap();
        let mut n = 0;
        let mut day = before;
        while day < after.date {
            day = day.succ_opt().unwrap();
            if cal.is_workday(day) {
                n += 1;
            }
        }
        n
    };
    assert_eq!(paused_days, 10, "2025-03-10 … 2025-03-21 and 03-24 are paused, as for a third party: {}", after.derivation);
    assert!(after.derivation.contains("其他机关"), "{}", after.derivation);
    // Once answered, the letter is no longer in a matching state.
    assert!(letters::issue(&mut l, &no, LetterKind::AgencyConsultation, None, &actor("2025-03-25"), &render).is_err());
    assert_eq!(letters::issued_for(&l, &no).unwrap().len(), 1);
}

#[test]
fn the_art_32_decision_goes_to_the_third_party_after_its_objection_and_only_when_disclosing() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某区人民政府办公室").unwrap();
    settings::save_review_organ(&mut l, "某市人民政府").unwrap();
    let no = register(&mut l, "2025-03-03");
    let e = letters::draft(&l, &no, LetterKind::DisclosureDecision, d("2025-03-04")).unwrap_err().to_string();
    assert!(e.contains("公开决定告知书") && e.contains("第三方意见"), "{e}");
    event(&mut l, &no, "2025-03-04", EventDetail::ConsultationStarted { consultation: ConsultationKind::ThirdParty, party: "某某建设有限公司".into() });
    event(&mut l, &no, "2025-03-14", EventDetail::ConsultationEnded { consultation: ConsultationKind::ThirdParty, opinion: "不同意公开，涉及商业秘密".into() });
    let (issued, print) = letters::issue(&mut l, &no, LetterKind::DisclosureDecision, None, &actor("2025-03-17"), &render).unwrap();
    assert_eq!(print.addressee, "某某建设有限公司：");
    for needle in ["第三十二条", "不同意公开，涉及商业秘密", "公共利益", "决定公开的政府信息内容", "某市人民政府"] {
        assert!(print.body.contains(needle), "{needle}: {}", print.body);
    }
    assert!(requests::open_attachment(&l, issued.attachment_id).unwrap().1.starts_with(b"%PDF"));
    // A request withheld for the third party's sake gets no such letter.
    let other = register(&mut l, "2025-03-03");
    event(&mut l, &other, "2025-03-04", EventDetail::ConsultationStarted { consultation: ConsultationKind::ThirdParty, party: "某公司".into() });
    event(&mut l, &other, "2025-03-10", EventDetail::ConsultationEnded { consultation: ConsultationKind::ThirdParty, opinion: "不同意".into() });
    replied(&mut l, &other, "2025-03-12", ReplyResult::ThirdPartyRights);
    let e = letters::issue(&mut l, &other, LetterKind::DisclosureDecision, None, &actor("2025-03-13"), &render).unwrap_err().to_string();
    assert!(e.contains("不是决定公开"), "{e}");
}

#[test]
fn the_art_35_request_for_reasons_goes_to_an_open_request_and_all_three_new_kinds_are_numbered_in_turn() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某区人民政府办公室").unwrap();
    settings::save_review_organ(&mut l, "某市人民政府").unwrap();
    let no = register(&mut l, "2025-03-03");
    let (first, print) = letters::issue(&mut l, &no, LetterKind::ReasonsRequest, None, &actor("2025-03-05"), &render).unwrap();
    assert!(print.addressee.starts_with("王小明") && print.body.contains("第三十五条") && print.body.contains("说明"), "{}", print.body);
    assert_eq!(first.kind, LetterKind::ReasonsRequest);
    event(&mut l, &no, "2025-03-06", EventDetail::ConsultationStarted { consultation: ConsultationKind::OtherAgency, party: "某区财政局".into() });
    let second = letters::issue(&mut l, &no, LetterKind::AgencyConsultation, None, &actor("2025-03-06"), &render).unwrap().0;
    event(&mut l, &no, "2025-03-07", EventDetail::ConsultationStarted { consultation: ConsultationKind::ThirdParty, party: "某公司".into() });
    event(&mut l, &no, "2025-03-12", EventDetail::ConsultationEnded { consultation: ConsultationKind::ThirdParty, opinion: String::new() });
    let third = letters::issue(&mut l, &no, LetterKind::DisclosureDecision, None, &actor("2025-03-12"), &render).unwrap();
    assert!(third.1.body.contains("未提出书面意见"), "{}", third.1.body);
    // GONGKAI_PDF_OUT=folder keeps the three PDFs, to look at them (pdftoppm -png -r 60).
    if let Ok(out) = std::env::var("GONGKAI_PDF_OUT") {
        for i in [&first, &second, &third.0] {
            let (_, bytes) = requests::open_attachment(&l, i.attachment_id).unwrap();
            std::fs::write(std::path::Path::new(&out).join(format!("{}.pdf", i.kind_label)), bytes).unwrap();
        }
    }
    let numbers: Vec<String> = [&first, &second, &third.0].iter().map(|i| i.letter_number.clone()).collect();
    assert_eq!(numbers, ["某某区人民政府办公室〔2025〕1号", "某某区人民政府办公室〔2025〕2号", "某某区人民政府办公室〔2025〕3号"]);
    let kept: Vec<LetterKind> = letters::issued_for(&l, &no).unwrap().into_iter().map(|i| i.kind).collect();
    assert_eq!(kept, [LetterKind::ReasonsRequest, LetterKind::AgencyConsultation, LetterKind::DisclosureDecision]);
    let codes: Vec<String> = outside(&l).prepare("SELECT kind FROM letter ORDER BY id").unwrap()
        .query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(codes, ["reasons", "agency_consultation", "disclosure_decision"]);

    // Once replied, an Art. 35 request for reasons no longer fits.
    event(&mut l, &no, "2025-03-19", EventDetail::ConsultationEnded { consultation: ConsultationKind::OtherAgency, opinion: "同意".into() });
    replied(&mut l, &no, "2025-03-20", ReplyResult::Excessive);
    let e = letters::issue(&mut l, &no, LetterKind::ReasonsRequest, None, &actor("2025-03-21"), &render).unwrap_err().to_string();
    assert!(e.contains("说明理由通知书") && e.contains("已答复"), "{e}");
    assert!(gongkai_ledger::audit::verify(&l).unwrap().problems.is_empty());
}

#[test]
fn a_receipt_is_reissued_in_any_state() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某区人民政府办公室").unwrap();
    settings::save_review_organ(&mut l, "某市人民政府").unwrap();
    let no = register(&mut l, "2025-03-03");
    replied(&mut l, &no, "2025-03-10", ReplyResult::Disclosed);
    event(&mut l, &no, "2025-03-11", EventDetail::Delivered { method: "邮寄".into(), proof: "EMS123".into() });
    event(&mut l, &no, "2025-03-12", EventDetail::Archived { archive_number: "2025-WS-1".into() });
    assert_eq!(requests::get(&l, &no, d("2025-03-13")).unwrap().request.status_label, "已归档");
    let (issued, _) = letters::issue(&mut l, &no, LetterKind::Receipt, None, &actor("2025-03-13"), &render).unwrap();
    assert_eq!(issued.kind, LetterKind::Receipt);
}

#[test]
fn a_correction_notice_prints_each_ticked_ground_and_the_deadline() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某区人民政府办公室").unwrap();
    let no = register(&mut l, "2025-03-03");
    let ticked = EventDetail::CorrectionRequested {
        grounds: vec![CorrectionGround::Identity, CorrectionGround::Description, CorrectionGround::Delivery],
        items: String::new(),
        correct_by: Some(d("2025-03-20")),
    };
    event(&mut l, &no, "2025-03-05", ticked);
    let (_, print) = letters::issue(&mut l, &no, LetterKind::CorrectionNotice, None, &actor("2025-03-05"), &render).unwrap();
    for needle in ["（1）请提供申请人的身份证明", "（2）请写明申请公开的政府信息的名称、文号", "（3）请写明申请公开的政府信息的形式要求", "2025年3月20日"] {
        assert!(print.body.contains(needle), "{needle}: {}", print.body);
    }
    assert!(!print.body.contains("联系方式"), "an unticked ground is not asked for: {}", print.body);
    // The timeline names the grounds too.
    let detail = requests::get(&l, &no, d("2025-03-05")).unwrap();
    assert!(detail.timeline.iter().any(|t| t.summary.contains("缺少：身份证明、所需信息的描述、获取信息的方式")), "{:?}", detail.timeline.iter().map(|t| &t.summary).collect::<Vec<_>>());
    // Neither a ground nor a text: refused.
    let other = register(&mut l, "2025-03-03");
    let empty = EventDetail::CorrectionRequested { grounds: vec![], items: String::new(), correct_by: None };
    assert!(requests::append_event(&mut l, &other, RequestEvent::new(d("2025-03-05"), empty), &actor("2025-03-05")).is_err());
}

#[test]
fn the_reply_says_how_information_is_provided_even_when_the_applicant_named_no_way() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某区人民政府办公室").unwrap();
    let input = RequestInput { form_wanted: String::new(), delivery_wanted: String::new(), ..request_input("2025-03-03") };
    let no = requests::register(&mut l, &input, &actor("2025-03-03")).unwrap();
    replied(&mut l, &no, "2025-03-10", ReplyResult::Disclosed);
    let body = letters::draft(&l, &no, LetterKind::Reply, d("2025-03-11")).unwrap().text.body;
    assert!(body.contains("提供方式：根据本机关保存该政府信息的实际情况确定提供形式（第四十条）。"), "{body}");
}

/// Migration 0013 widens the kinds `letter` accepts by rebuilding the table: a ledger of version 12
/// with issued letters upgrades with every letter row as it was (same id, same text), still
/// append-only, its audit trail intact, and then takes the new kinds.
#[test]
fn a_version_12_ledger_with_letters_upgrades_keeping_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let rows = |c: &rusqlite::Connection| -> Vec<String> {
        c.prepare("SELECT json_array(id, request_id, kind, number, body, attachment_id) FROM letter ORDER BY id").unwrap()
            .query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let no = "2025-0001";
    let before = {
        // A file as version 12 left it, with a request and two issued 登记回执.
        let c = rusqlite::Connection::open(&path).unwrap();
        for (_, sql) in &gongkai_ledger::MIGRATIONS[..12] {
            c.execute_batch(sql).unwrap();
        }
        c.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 12;
             INSERT INTO request (id, number, applicant_type, applicant_name, channel, content, created_at, status, received_date)
                 VALUES (1, '{no}', 'natural_person', '王小明', 'post', '某文件', '2025-03-03T10:00:00', 'processing', '2025-03-03');
             INSERT INTO attachment (id, request_id, file_name, stored_path, sha256, size_bytes, operator, added_at) VALUES
                 (1, 1, '回执1.pdf', 'a/1.pdf', '{h}', 1, '测试员', '2025-03-04T10:00:00'),
                 (2, 1, '回执2.pdf', 'a/2.pdf', '{h}', 1, '测试员', '2025-03-05T10:00:00');
             INSERT INTO letter (id, request_id, kind, template_key, year, seq, number, issued_date, title, addressee, body, organ,
                                 attachment_id, operator, issued_at) VALUES
                 (1, 1, 'receipt', 'receipt', 2025, 1, '〔2025〕1号', '2025-03-04', '登记回执', '王小明：', '第一份', '', 1, '测试员', '2025-03-04T10:00:00'),
                 (2, 1, 'receipt', 'receipt', 2025, 2, '〔2025〕2号', '2025-03-05', '登记回执', '王小明：', '第二份', '', 2, '测试员', '2025-03-05T10:00:00');",
            gongkai_ledger::APPLICATION_ID,
            h = "0".repeat(64),
        ))
        .unwrap();
        assert!(c.execute("INSERT INTO letter (request_id, kind, template_key, year, seq, number, issued_date, title, addressee, body, organ, attachment_id, operator, issued_at)
                           VALUES (1, 'reasons', 'reasons', 2025, 9, 'x', '2025-03-05', 't', 'a', 'b', '', 1, 'o', 'x')", []).is_err(),
                "version 12 does not know the new kinds");
        rows(&c)
    };
    assert_eq!(before.len(), 2);
    let l = Ledger::open(&path).unwrap();
    assert_eq!(l.schema_version().unwrap(), gongkai_ledger::LATEST_VERSION);
    let c = outside(&l);
    assert_eq!(rows(&c), before, "every letter row as it was");
    let sql: String = c.query_row("SELECT sql FROM sqlite_schema WHERE name = 'letter'", [], |r| r.get(0)).unwrap();
    assert!(sql.contains("agency_consultation"), "{sql}");
    assert!(c.execute("UPDATE letter SET body = 'x'", []).is_err(), "still append-only");
    assert!(c.execute("DELETE FROM letter", []).is_err(), "still append-only");
    c.execute(
        "INSERT INTO letter (request_id, kind, template_key, year, seq, number, issued_date, title, addressee, body, organ, attachment_id, operator, issued_at)
         VALUES (1, 'reasons', 'reasons', 2025, 3, '〔2025〕3号', '2025-03-06', 't', 'a', 'b', '', 1, 'o', 'x')",
        [],
    )
    .expect("the new kinds are accepted");
    assert_eq!(letters::issued_for(&l, no).unwrap().len(), 3);
}
