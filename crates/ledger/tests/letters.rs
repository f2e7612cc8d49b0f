//! 告知书 through the real store: every template renders for a request in a matching state, a
//! letter missing a value it cannot do without is refused by name, unset settings never block,
//! the per-year counter, the issued text and PDF kept with the request and on its timeline,
//! template editing and the letters still to issue.

use gongkai_core::clock::ConsultationKind;
use gongkai_core::identity::IdKind;
use gongkai_core::letter::{self, LetterKind, LetterPrint, Template, ORGAN_PLACEHOLDER};
use gongkai_core::request::{ActionKind, Channel, EventDetail, ReplyType, RequestEvent};
use gongkai_core::taxonomy::ReplyResult;
use gongkai_ledger::letters::{self, LetterSettings};
use gongkai_ledger::requests::{self, RequestInput};
use gongkai_ledger::{settings, Ledger};

mod common;
use common::{actor, d, ledger, outside, request_input};

fn render(p: &LetterPrint) -> Result<Vec<u8>, String> {
    gongkai_report::letter::render_letter(p)
}

fn register(l: &mut Ledger, name: &str, received: &str) -> String {
    let input = RequestInput {
        applicant_name: name.into(),
        id_kind: IdKind::None,
        id_number: String::new(),
        address: String::new(),
        channel: Channel::Post,
        ..request_input(received)
    };
    requests::register(l, &input, &actor(received)).unwrap()
}

fn event(l: &mut Ledger, number: &str, date: &str, detail: EventDetail) {
    requests::append_event(l, number, RequestEvent::new(d(date), detail), &actor(date)).unwrap();
}

fn reply(result: ReplyResult, reply_type: Option<ReplyType>) -> EventDetail {
    EventDetail::Replied { method: "书面答复".into(), result, reply_type, note: "详见附件".into() }
}

#[test]
fn a_receipt_is_refused_without_the_organ_name_and_then_needs_only_the_request() {
    let (_dir, mut l) = ledger();
    let no = register(&mut l, "王小明", "2025-03-03");
    // The preview works and shows the gap; issuing (numbered, kept for good) is refused by name.
    let draft = letters::draft(&l, &no, LetterKind::Receipt, d("2025-03-04")).unwrap();
    assert_eq!(draft.letter_number, "【机关代字】〔2025〕1号", "default pattern while none is set: never a bare 〔2025〕1号");
    assert!(draft.text.body.contains(ORGAN_PLACEHOLDER) || draft.organ.is_empty());
    let e = letters::issue(&mut l, &no, LetterKind::Receipt, None, &actor("2025-03-04"), &render).unwrap_err().to_string();
    assert!(e.contains("机关名称") && e.contains("gongkai settings set 机关名称"), "{e}");
    let detail = requests::get(&l, &no, d("2025-03-04")).unwrap();
    assert!(detail.attachments.is_empty() && detail.timeline.iter().all(|t| t.kind != ActionKind::LetterIssued), "nothing kept");
    settings::save_organ_name(&mut l, "某某高新区管委会").unwrap();
    assert!(draft.text.addressee.starts_with("王小明"));
    assert!(draft.text.body.contains(&no) && draft.text.body.contains("2025年3月3日") && draft.text.body.contains("邮寄"));
    let (issued, print) = letters::issue(&mut l, &no, LetterKind::Receipt, None, &actor("2025-03-04"), &render).unwrap();
    assert_eq!(print.organ, "某某高新区管委会");
    assert_eq!(issued.letter_number, "某某高新区管委会〔2025〕1号", "the refusal took no number; the organ stands in for its code");
    // the PDF is an intact attachment and the issue is on the timeline
    let detail = requests::get(&l, &no, d("2025-03-04")).unwrap();
    let att = detail.attachments.iter().find(|a| a.id == issued.attachment_id).unwrap();
    assert!(att.intact && att.file_name.ends_with(".pdf"));
    let (_, bytes) = requests::open_attachment(&l, issued.attachment_id).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let last = detail.timeline.last().unwrap();
    assert_eq!(last.kind, ActionKind::LetterIssued);
    assert!(last.summary.contains("登记回执") && last.summary.contains("某某高新区管委会〔2025〕1号"));
    assert!(!detail.allowed.iter().any(|a| a.kind == ActionKind::LetterIssued), "never offered as an action");
}

#[test]
fn every_template_renders_for_a_request_in_a_matching_state() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某高新区管委会").unwrap();
    settings::save_review_organ(&mut l, "某某市人民政府").unwrap();
    // correction, consultation, extension, fee: one request through them all
    let no = register(&mut l, "李四", "2025-03-03");
    event(&mut l, &no, "2025-03-05", EventDetail::CorrectionRequested { grounds: vec![], items: "请写明文件名称或文号".into(), correct_by: Some(d("2025-03-20")) });
    for (kind, needle) in [(LetterKind::CorrectionNotice, "请写明文件名称或文号"), (LetterKind::CorrectionNotice, "2025年3月20日")] {
        assert!(letters::draft(&l, &no, kind, d("2025-03-05")).unwrap().text.body.contains(needle));
    }
    event(&mut l, &no, "2025-03-10", EventDetail::CorrectionReceived {});
    event(&mut l, &no, "2025-03-11", EventDetail::ConsultationStarted { consultation: ConsultationKind::ThirdParty, party: "某某建设有限公司".into() });
    let c = letters::draft(&l, &no, LetterKind::ThirdPartyConsultation, d("2025-03-11")).unwrap();
    assert_eq!(c.text.addressee, "某某建设有限公司：");
    assert!(c.text.body.contains("2025年4月1日"), "15 working days after 2025-03-11: {}", c.text.body);
    assert!(!c.text.body.contains("李四"), "the third party is not told who asked");
    event(&mut l, &no, "2025-03-20", EventDetail::ConsultationEnded { consultation: ConsultationKind::ThirdParty, opinion: "不同意公开".into() });
    event(&mut l, &no, "2025-03-21", EventDetail::Extended { workdays: 10, approver: "王主任".into(), reason: "需要征求多个部门意见".into() });
    let ext = letters::draft(&l, &no, LetterKind::ExtensionNotice, d("2025-03-21")).unwrap();
    assert!(ext.text.body.contains("10个工作日") && ext.text.body.contains("需要征求多个部门意见"), "{}", ext.text.body);
    let fee_no = register(&mut l, "赵五", "2025-03-03");
    event(&mut l, &fee_no, "2025-03-06", EventDetail::FeeNoticeIssued { amount: 300, basis: "按件计收，每件100元".into() });
    let fee = letters::draft(&l, &fee_no, LetterKind::FeeNotice, d("2025-03-06")).unwrap();
    assert!(fee.text.body.contains("300元") && fee.text.body.contains("2025年4月3日"), "{}", fee.text.body);

    // every 答复书 template, each through a request replied with its result
    for entry in letter::template_entries().into_iter().filter(|e| e.kind == LetterKind::Reply) {
        let no = register(&mut l, "钱六", "2025-04-01");
        let (result, rt) = match entry.key.as_str() {
            "reply.already_public" => (ReplyResult::Disclosed, Some(ReplyType::AlreadyPublic)),
            "reply.not_responsible" => (ReplyResult::NotHeld, Some(ReplyType::NotResponsible)),
            key => (ReplyResult::from_code(key.strip_prefix("reply.").unwrap()).unwrap(), None),
        };
        match result {
            ReplyResult::CorrectionOverdue => {
                event(&mut l, &no, "2025-04-02", EventDetail::CorrectionRequested { grounds: vec![], items: "写明文号".into(), correct_by: None });
                event(&mut l, &no, "2025-04-20", EventDetail::CorrectionLapsed { note: String::new() });
            }
            ReplyResult::FeeUnpaid => {
                event(&mut l, &no, "2025-04-02", EventDetail::FeeNoticeIssued { amount: 100, basis: "按件".into() });
                event(&mut l, &no, "2025-04-18", EventDetail::FeeUnpaid { note: String::new() });
            }
            ReplyResult::StillUnclear => {
                event(&mut l, &no, "2025-04-02", EventDetail::CorrectionRequested { grounds: vec![], items: "写明文号".into(), correct_by: None });
                event(&mut l, &no, "2025-04-08", EventDetail::CorrectionReceived {});
                event(&mut l, &no, "2025-04-20", reply(result, rt));
            }
            _ => event(&mut l, &no, "2025-04-20", reply(result, rt)),
        }
        let draft = letters::draft(&l, &no, LetterKind::Reply, d("2025-04-21")).unwrap();
        assert_eq!(draft.template_key, entry.key);
        let (issued, print) = letters::issue(&mut l, &no, LetterKind::Reply, None, &actor("2025-04-21"), &render)
            .unwrap_or_else(|e| panic!("{}: {e}", entry.key));
        assert_eq!(print.organ, "某某高新区管委会");
        assert!(issued.title.contains("告知书") || issued.title.contains("答复书"));
    }
}

#[test]
fn a_letter_without_its_essential_value_is_refused_by_name() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某高新区管委会").unwrap();
    let no = register(&mut l, "王小明", "2025-03-03");
    for (kind, name) in [
        (LetterKind::ExtensionNotice, "新答复期限"),
        (LetterKind::CorrectionNotice, "补正事项"),
        (LetterKind::ThirdPartyConsultation, "第三方"),
        (LetterKind::FeeNotice, "收费金额"),
        (LetterKind::Reply, "答复结果"),
    ] {
        let e = letters::draft(&l, &no, kind, d("2025-03-04")).unwrap_err().to_string();
        assert!(e.contains(kind.label()) && e.contains(name), "{kind:?}: {e}");
        assert!(letters::issue(&mut l, &no, kind, None, &actor("2025-03-04"), &render).is_err());
    }
    // a 补正 without a deadline: the default template needs 补正期限
    event(&mut l, &no, "2025-03-05", EventDetail::CorrectionRequested { grounds: vec![], items: "写明文号".into(), correct_by: None });
    let e = letters::draft(&l, &no, LetterKind::CorrectionNotice, d("2025-03-05")).unwrap_err().to_string();
    assert!(e.contains("补正期限"), "{e}");
    let count: i64 = outside(&l).query_row("SELECT count(*) FROM letter", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 0, "nothing issued, no number used");
}

#[test]
fn numbers_count_per_year_in_the_configured_pattern_and_edits_are_kept() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某高新区管委会").unwrap();
    letters::save_letter_settings(&mut l, &LetterSettings { number_pattern: "净管公开〔{year}〕第{seq}号".into(), fee_payment_workdays: 20, organ_code: String::new(), seal_circle: false }).unwrap();
    let bad = letters::save_letter_settings(&mut l, &LetterSettings { number_pattern: "净管公开".into(), fee_payment_workdays: 20, organ_code: String::new(), seal_circle: false });
    assert!(bad.unwrap_err().to_string().contains("文书编号格式"));
    let a = register(&mut l, "甲", "2025-12-29");
    let b = register(&mut l, "乙", "2025-12-30");
    let one = letters::issue(&mut l, &a, LetterKind::Receipt, None, &actor("2025-12-30"), &render).unwrap().0;
    let mut text = letters::draft(&l, &b, LetterKind::Receipt, d("2025-12-31")).unwrap().text;
    text.body.push_str("\n联系电话：0571-12345678。");
    let two = letters::issue(&mut l, &b, LetterKind::Receipt, Some(&text), &actor("2025-12-31"), &render).unwrap();
    let three = letters::issue(&mut l, &a, LetterKind::Receipt, None, &actor("2026-01-04"), &render).unwrap().0;
    assert_eq!(one.letter_number, "净管公开〔2025〕第1号");
    assert_eq!(two.0.letter_number, "净管公开〔2025〕第2号");
    assert_eq!(three.letter_number, "净管公开〔2026〕第1号", "the counter starts again each year");
    assert!(two.1.body.ends_with("联系电话：0571-12345678。"), "the clerk's edit is what is issued");
    let stored: String = outside(&l).query_row("SELECT body FROM letter WHERE id = ?1", [two.0.id], |r| r.get(0)).unwrap();
    assert_eq!(stored, two.1.body);
    assert_eq!(letters::issued_for(&l, &a).unwrap().len(), 2);
    // issued letters are records
    assert!(outside(&l).execute("UPDATE letter SET body = 'x'", []).is_err());
    assert!(outside(&l).execute("DELETE FROM letter", []).is_err());
}

#[test]
fn templates_are_edited_validated_and_restored() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某高新区管委会").unwrap();
    let a = actor("2025-03-04");
    let mut t = letters::template(&l, "receipt").unwrap().template;
    t.body = "{申请人}的申请已于{收到日期}收到，编号{受理编号}。".into();
    letters::save_template(&mut l, "receipt", &t, &a).unwrap();
    let bad = Template { body: "请于{截止日期}前来取".into(), ..t.clone() };
    let e = letters::save_template(&mut l, "receipt", &bad, &a).unwrap_err().to_string();
    assert!(e.contains("{截止日期}"), "{e}");
    assert!(letters::save_template(&mut l, "no_such", &t, &a).is_err());
    let no = register(&mut l, "王小明", "2025-03-03");
    let draft = letters::draft(&l, &no, LetterKind::Receipt, d("2025-03-04")).unwrap();
    assert_eq!(draft.text.body, format!("王小明的申请已于2025年3月3日收到，编号{no}。"));
    assert!(letters::templates(&l).unwrap().iter().any(|v| v.key == "receipt" && v.customized));
    letters::restore_template(&mut l, "receipt").unwrap();
    let v = letters::template(&l, "receipt").unwrap();
    assert!(!v.customized && v.template == v.default);
}

#[test]
fn pending_letters_follow_events_and_a_batch_issues_them() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某高新区管委会").unwrap();
    let a = register(&mut l, "甲", "2025-03-03");
    let b = register(&mut l, "乙", "2025-03-04");
    event(&mut l, &b, "2025-03-05", EventDetail::Extended { workdays: 5, approver: "王主任".into(), reason: "情况复杂".into() });
    let p = letters::pending(&l, d("2025-03-05")).unwrap();
    let kinds: Vec<(String, LetterKind)> = p.iter().map(|p| (p.request_number.clone(), p.kind)).collect();
    assert_eq!(kinds, vec![(a.clone(), LetterKind::Receipt), (b.clone(), LetterKind::Receipt), (b.clone(), LetterKind::ExtensionNotice)]);
    letters::issue(&mut l, &a, LetterKind::Receipt, None, &actor("2025-03-05"), &render).unwrap();
    assert_eq!(letters::pending(&l, d("2025-03-05")).unwrap().len(), 2);
    let out = letters::issue_pending(&mut l, &actor("2025-03-05"), &render).unwrap();
    assert_eq!(out.issued.len(), 2);
    assert!(out.skipped.is_empty());
    assert!(letters::pending(&l, d("2025-03-05")).unwrap().is_empty());
    // old events are history, not work
    assert!(letters::pending(&l, d("2025-06-30")).unwrap().is_empty());
}

#[test]
fn a_letter_issued_today_does_not_block_recording_earlier_steps() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某高新区管委会").unwrap();
    let no = register(&mut l, "王小明", "2025-03-03");
    letters::issue(&mut l, &no, LetterKind::Receipt, None, &actor("2025-03-10"), &render).unwrap();
    requests::append_event(&mut l, &no, RequestEvent::new(d("2025-03-05"), reply(ReplyResult::Disclosed, None)), &actor("2025-03-10"))
        .unwrap();
    assert!(letters::draft(&l, &no, LetterKind::Reply, d("2025-03-10")).unwrap().text.body.contains("第三十六条第（二）项"));
}

fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn an_issued_letter_prints_the_code_of_the_audit_entry_that_recorded_it() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某高新区管委会").unwrap();
    let no = register(&mut l, "王小明", "2025-03-03");
    let (issued, print) = letters::issue(&mut l, &no, LetterKind::Receipt, None, &actor("2025-03-04"), &render).unwrap();
    // The entry that recorded the letter row, looked up from outside the app.
    let (entry, hash, after): (i64, String, String) = outside(&l)
        .query_row(
            "SELECT id, hash, after FROM audit_log WHERE table_name = 'letter' AND row_id = ?1 AND action = 'insert'",
            [issued.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let head = gongkai_ledger::audit::Head { entry, hash: hash.clone() };
    assert_eq!(print.anchor, head.printed());
    assert_eq!(letters::issued_anchor(&l, issued.id).unwrap(), Some(head.clone()));
    // The letter row names the very attachment its PDF was stored as (checked at commit).
    assert!(after.contains(&format!("\"attachment_id\":{}", issued.attachment_id)), "{after}");
    let (_, bytes) = requests::open_attachment(&l, issued.attachment_id).unwrap();
    if let Some(text) = pdf_text(&bytes) {
        let code = head.code();
        assert!(text.contains(&format!("审计日志第 {entry} 条")) && text.contains(&code), "{code} not in:\n{text}");
        // The printed code names the entry: parsed back, it matches the stored hash.
        let parsed = gongkai_ledger::audit::Head::parse(&format!("{entry}:{code}")).unwrap();
        assert!(hash.starts_with(&parsed.hash));
    } else {
        eprintln!("SKIP: pdftotext not installed; the letter's text was not checked");
    }
    // The chain still verifies, and a reprint is the stored PDF with the same code.
    assert!(gongkai_ledger::audit::verify(&l).unwrap().problems.is_empty());
    assert_eq!(letters::issued_pdf(&l, issued.id).unwrap().1, bytes);
    assert_eq!(letters::issued_print(&l, issued.id).unwrap().anchor, head.printed());
}

#[test]
fn a_person_is_addressed_as_nin_and_an_organisation_as_guidanwei() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某某高新区管委会").unwrap();
    let person = register(&mut l, "王小明", "2025-03-03");
    let input = RequestInput {
        applicant_type: gongkai_core::taxonomy::ApplicantType::Business,
        applicant_name: "某某科技有限公司".into(),
        id_kind: IdKind::None,
        id_number: String::new(),
        content: "请提供您机关的年度预算".into(),
        ..request_input("2025-03-03")
    };
    let company = requests::register(&mut l, &input, &actor("2025-03-03")).unwrap();
    event(&mut l, &company, "2025-03-05", EventDetail::CorrectionRequested { grounds: vec![], items: "请写明预算年度".into(), correct_by: Some(d("2025-03-20")) });

    let receipt = letters::draft(&l, &person, LetterKind::Receipt, d("2025-03-04")).unwrap().text.body;
    assert!(receipt.starts_with("您于2025年3月3日") && !receipt.contains("（单位）"), "{receipt}");

    let receipt = letters::draft(&l, &company, LetterKind::Receipt, d("2025-03-04")).unwrap().text.body;
    assert!(receipt.starts_with("贵单位于2025年3月3日"), "{receipt}");
    assert!(receipt.contains("请提供您机关的年度预算"), "the applicant's own words are kept: {receipt}");
    let correction = letters::draft(&l, &company, LetterKind::CorrectionNotice, d("2025-03-05")).unwrap().text.body;
    assert!(correction.starts_with("贵单位于") && correction.contains("贵单位的申请内容不够明确") && correction.contains("请贵单位对以下事项作出补正"), "{correction}");
    // The issued letter reads the same as its draft.
    let (_, print) = letters::issue(&mut l, &company, LetterKind::Receipt, None, &actor("2025-03-05"), &render).unwrap();
    assert!(print.body.starts_with("贵单位于") && !print.body.contains("您于"), "{}", print.body);
}

/// Issue 23: the default 文书编号 carries the organ's code ({机关代字}〔{year}〕{seq}号). Until
/// 机关代字 is set the 机关名称 stands in, and the draft says what to set; a pattern of the
/// clerk's own is kept as it is.
#[test]
fn the_default_letter_number_carries_the_organ_code_and_says_what_to_set_until_it_is_set() {
    let (_dir, mut l) = ledger();
    settings::save_organ_name(&mut l, "某区人民政府办公室").unwrap();
    let no = register(&mut l, "王小明", "2025-03-03");
    let draft = letters::draft(&l, &no, LetterKind::Receipt, d("2025-03-04")).unwrap();
    assert_eq!(draft.letter_number, "某区人民政府办公室〔2025〕1号");
    let note = draft.warnings.iter().find(|w| w.contains("机关代字")).expect("the draft says what to set");
    assert!(note.contains("gongkai settings set 机关代字") && note.contains("设置 → 告知书"), "{note}");
    assert!(settings::first_start(&l, d("2025-03-04")).unwrap().letter_number_pattern == false, "the checklist item stays open");

    let mut s = letters::settings_view(&l).unwrap().settings;
    assert_eq!(s.number_pattern, letters::DEFAULT_LETTER_NUMBER_PATTERN);
    for bad in ["某 政", "某{政}", "某〔政", "一二三四五六七八九十一二三四五六七八九十一"] {
        let e = letters::save_letter_settings(&mut l, &letters::LetterSettings { organ_code: bad.into(), ..s.clone() }).unwrap_err().to_string();
        assert!(e.contains("机关代字"), "{bad}: {e}");
    }
    s.organ_code = "某政公".into();
    letters::save_letter_settings(&mut l, &s).unwrap();
    let draft = letters::draft(&l, &no, LetterKind::Receipt, d("2025-03-04")).unwrap();
    assert_eq!(draft.letter_number, "某政公〔2025〕1号");
    assert!(draft.warnings.iter().all(|w| !w.contains("机关代字")), "{:?}", draft.warnings);
    let (issued, print) = letters::issue(&mut l, &no, LetterKind::Receipt, None, &actor("2025-03-04"), &render).unwrap();
    assert_eq!((issued.letter_number.as_str(), print.letter_number.as_str()), ("某政公〔2025〕1号", "某政公〔2025〕1号"));
    assert!(!print.seal_circle, "no printed seal circle unless asked for");
    assert!(settings::first_start(&l, d("2025-03-04")).unwrap().letter_number_pattern);

    // A pattern of the clerk's own keeps its form; the code is not forced into it.
    s.number_pattern = "依申请〔{year}〕第{seq}号".into();
    s.seal_circle = true;
    letters::save_letter_settings(&mut l, &s).unwrap();
    let (issued, print) = letters::issue(&mut l, &no, LetterKind::Receipt, None, &actor("2025-03-05"), &render).unwrap();
    assert_eq!(issued.letter_number, "依申请〔2025〕第2号");
    assert!(print.seal_circle, "the setting 盖章处圆圈 reaches the printed letter");
    assert!(letters::issued_print(&l, issued.id).unwrap().seal_circle, "and a reprint");
}
