//! `gongkai demo`: fills an empty ledger with a small office a newcomer can explore (issue 23), in
//! the current year and the year before it: settings, documents (one repealed), requests in every
//! state across both years (imported and concluded last year, registered and worked this year),
//! letters, a review. Everything goes through the ledger's own calls, so the data obeys every rule
//! the window does and the annual report's 勾稽 passes.

use chrono::{Datelike, Duration, NaiveDate};
use gongkai_core::clock::ConsultationKind;
use gongkai_core::identity::IdKind;
use gongkai_core::letter::LetterKind;
use gongkai_core::taxonomy::ApplicantType;
use gongkai_core::request::{Channel, EventDetail, RequestEvent, ReviewKind, ReviewOutcome};
use gongkai_core::taxonomy::ReplyResult;
use gongkai_ledger::letters::{self, LetterSettings};
use gongkai_ledger::requests::{self, Actor, RequestInput, ReviewInput};
use gongkai_ledger::documents::{InterpretationInput, ReturnInput, WriteSource};
use gongkai_ledger::{documents, settings, Ledger, Result};

const ORGAN: &str = "长春净月高新技术产业开发区管理委员会";

fn at(day: NaiveDate) -> Actor {
    Actor { operator: "演示数据".into(), now: day.and_hms_opt(10, 0, 0).expect("valid time") }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Last year's documents and requests (as an office's existing registers are imported), then this
/// year's work up to `today`. Returns (documents, requests, letters).
pub fn fill(ledger: &mut Ledger, today: NaiveDate) -> Result<(usize, usize, usize)> {
    let (year, last) = (today.year(), today.year() - 1);
    settings::save_organ_name(ledger, ORGAN)?;
    settings::save_review_organ(ledger, "长春市人民政府")?;
    settings::save_court(ledger, "长春铁路运输法院")?;
    settings::save_address(ledger, "长春市净月区福祉大路 1 号 政务服务中心 3 楼")?;
    settings::save_telephone(ledger, "0431-8888 0000")?;
    let departments: Vec<String> = ["党政办公室", "社会发展局", "规划局", "建设局", "财政局", "经济发展局", "生态环境局", "信息中心"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    settings::save_departments(ledger, &departments)?;
    // The default 文书编号格式 ({机关代字}〔{year}〕{seq}号) with the organ's code.
    letters::save_letter_settings(
        ledger,
        &LetterSettings { number_pattern: letters::DEFAULT_LETTER_NUMBER_PATTERN.into(), fee_payment_workdays: 20, organ_code: "净管公开".into(), seal_circle: false },
    )?;

    // 文件台账: last year's and this year's documents, one repealed this year.
    let mut csv = String::from("文件名称,文号,类别,制发机关,起草部门,成文日期,发布日期,施行日期,状态,状态变更日期,公开属性,公开方式,保密审查\n");
    let docs = [
        ("关于印发净月区优化营商环境若干措施的通知", "长净管发", "行政规范性文件", "经济发展局", 3, "现行有效"),
        ("净月区城市道路挖掘管理办法", "长净管规", "规章", "建设局", 4, "现行有效"),
        ("关于进一步加强生态环境保护工作的意见", "长净管发", "行政规范性文件", "生态环境局", 5, "现行有效"),
        ("净月区老旧小区改造实施方案", "长净管办发", "行政规范性文件", "规划局", 6, "现行有效"),
        ("关于做好防汛工作的通知", "长净管办发", "其他政策文件", "党政办公室", 7, "现行有效"),
        ("净月区政府信息公开工作要点", "长净管办发", "其他政策文件", "信息中心", 3, "现行有效"),
    ];
    let mut n = 0;
    for y in [last, year] {
        for (i, (title, prefix, category, dept, month, status)) in docs.iter().enumerate() {
            // This year's documents only up to today.
            let day = NaiveDate::from_ymd_opt(y, *month, 10 + i as u32).expect("valid date");
            if day > today {
                continue;
            }
            n += 1;
            let (status, changed) = if y == last && i == 4 && today > NaiveDate::from_ymd_opt(year, 1, 5).expect("valid") {
                ("已废止", ymd(NaiveDate::from_ymd_opt(year, 1, 5).expect("valid")))
            } else {
                (*status, String::new())
            };
            csv.push_str(&format!(
                "{title}（{y}年）,{prefix}〔{y}〕{n}号,{category},{ORGAN},{dept},{d},{d},{d},{status},{changed},全文公开,主动公开,是\n",
                d = ymd(day)
            ));
        }
    }
    documents::exchange::import(ledger, csv.as_bytes())?;
    interpret_and_return(ledger, today)?;

    // Last year's requests, concluded, as an office imports its existing register.
    let results = [
        ("自然人", "予以公开", "当面"),
        ("自然人", "部分公开", "邮寄"),
        ("商业企业", "本机关不掌握相关政府信息", "网络"),
        ("自然人", "属于四类过程性信息", "网络"),
        ("科研机构", "予以公开", "网络"),
        ("自然人", "信访举报投诉类申请", "信函"),
        ("法律服务机构", "重复申请", "网络"),
        ("自然人", "予以公开", "网络"),
    ];
    let mut rcsv = String::from("受理编号,申请人类型,申请人,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果\n");
    let names = ["张伟", "王芳", "吉林某建设有限公司", "李娜", "某某大学城市规划研究院", "刘洋", "某律师事务所", "陈静"];
    for (i, (kind, result, channel)) in results.iter().enumerate() {
        let received = NaiveDate::from_ymd_opt(last, 3 + i as u32, 6).expect("valid date");
        let concluded = received + Duration::days(15);
        let channel = if *channel == "信函" { "邮寄" } else { channel };
        rcsv.push_str(&format!(
            "YSQ-{last}-{:03},{kind},{},1390431{:04},{channel},{},申请公开{}相关政府信息,{},{result}\n",
            i + 1,
            names[i],
            1000 + i,
            ymd(received),
            docs[i % docs.len()].0,
            ymd(concluded)
        ));
    }
    requests::exchange::import(ledger, "演示依申请公开台账.csv", rcsv.as_bytes(), &at(today))?;
    let mut count = results.len();

    // A review of one of last year's replies.
    requests::add_review(
        ledger,
        &format!("YSQ-{last}-004"),
        &ReviewInput {
            kind: ReviewKind::Reconsideration,
            filed_date: ymd(NaiveDate::from_ymd_opt(last, 7, 20).expect("valid date")),
            outcome: ReviewOutcome::Upheld,
            decided_date: ymd(NaiveDate::from_ymd_opt(last, 9, 10).expect("valid date")),
            note: "复议机关维持原答复".into(),
        },
        &at(today),
    )?;

    // This year's requests, each left in a different state, received over the last weeks (a
    // request received late last year is carried over into this one).
    let mut letters_issued = 0;
    let render = |p: &gongkai_core::letter::LetterPrint| gongkai_report::letter::render_letter(p);
    let story: [(&str, ApplicantType, i64); 7] = [
        ("赵磊", ApplicantType::NaturalPerson, 30),
        ("孙丽", ApplicantType::NaturalPerson, 26),
        ("长春某物业服务有限公司", ApplicantType::Business, 22),
        ("周强", ApplicantType::NaturalPerson, 18),
        ("吴敏", ApplicantType::NaturalPerson, 12),
        ("郑凯", ApplicantType::NaturalPerson, 6),
        ("某环保公益协会", ApplicantType::PublicInterest, 2),
    ];
    for (i, (name, applicant_type, ago)) in story.iter().enumerate() {
        // This year's, even in early January.
        let received = (today - Duration::days(*ago)).max(NaiveDate::from_ymd_opt(year, 1, 1).expect("valid date"));
        let person = *applicant_type == ApplicantType::NaturalPerson;
        let input = RequestInput {
            number: String::new(),
            applicant_type: *applicant_type,
            applicant_name: (*name).into(),
            id_kind: IdKind::None,
            id_number: String::new(),
            contact: format!("1380431{:04}", 2000 + i),
            address: "长春市净月区某某街道".into(),
            channel: if person { Channel::InPerson } else { Channel::Online },
            received_date: ymd(received),
            content: format!("申请公开{}的相关文件", docs[i % docs.len()].0),
            document_ref: String::new(),
            document_id: None,
            form_wanted: "纸质".into(),
            delivery_wanted: "邮寄".into(),
        };
        let number = requests::register(ledger, &input, &at(received))?;
        count += 1;
        letters::issue(ledger, &number, LetterKind::Receipt, None, &at(received), &render)?;
        letters_issued += 1;
        let event = |ledger: &mut Ledger, days: i64, detail: EventDetail| -> Result<()> {
            let day = (received + Duration::days(days)).min(today);
            requests::append_event(ledger, &number, RequestEvent::new(day, detail), &at(day))
        };
        let reply = |result| EventDetail::Replied { method: "书面答复".into(), result, reply_type: None, note: "详见答复书".into() };
        match i {
            // replied, delivered and archived
            0 => {
                event(ledger, 10, reply(ReplyResult::Disclosed))?;
                letters::issue(ledger, &number, LetterKind::Reply, None, &at((received + Duration::days(10)).min(today)), &render)?;
                letters_issued += 1;
                event(ledger, 12, EventDetail::Delivered { method: "邮寄".into(), proof: "EMS 1234567890".into() })?;
                event(ledger, 14, EventDetail::Archived { archive_number: format!("{year}-YSQ-01") })?;
            }
            // extended
            1 => event(ledger, 15, EventDetail::Extended { workdays: 20, approver: "李主任".into(), reason: "需调取多个部门的档案".into() })?,
            // third party consulted
            2 => event(ledger, 3, EventDetail::ConsultationStarted { consultation: ConsultationKind::ThirdParty, party: "长春某置业有限公司".into() })?,
            // asked to correct
            3 => event(ledger, 2, EventDetail::CorrectionRequested { grounds: vec![], items: "请写明所需文件的名称或文号".into(), correct_by: Some(received + Duration::days(17)) })?,
            // replied: does not hold
            4 => event(ledger, 5, reply(ReplyResult::NotHeld))?,
            // withdrawn
            5 => event(ledger, 1, EventDetail::Withdrawn { reason: "申请人已从网站获取".into() })?,
            // just registered
            _ => {}
        }
    }
    Ok((n, count, letters_issued))
}

/// 解读材料 for the 规章 and 规范性文件 (one published a few days late, so 同步 shows both ways),
/// and a 退文: the newest 规范性文件 went back to its drafting department once and was
/// submitted again.
fn interpret_and_return(ledger: &mut Ledger, today: NaiveDate) -> Result<()> {
    use gongkai_core::document::Category;
    let docs: Vec<_> = documents::list_all(ledger, &Default::default())?.into_iter().map(|(d, _)| d).collect();
    let mut late = true;
    for d in docs.iter().filter(|d| matches!(d.category, Category::Rule | Category::Normative)) {
        // The first one's 解读 came out three days after the document (not 同步).
        let published = if std::mem::take(&mut late) { (d.published_on + Duration::days(3)).min(today) } else { d.published_on };
        let short = d.title.split('（').next().unwrap_or(&d.title).trim_start_matches("关于印发").trim_end_matches("的通知");
        documents::add_interpretation(
            ledger,
            d.id,
            &InterpretationInput { title: format!("《{short}》政策解读"), form: None, published_on: Some(ymd(published)), url: String::new() },
            WriteSource::Cli,
        )?;
    }
    if let Some(d) = docs.iter().filter(|d| d.category == Category::Normative).max_by_key(|d| d.published_on) {
        let written = d.written_on.unwrap_or(d.published_on);
        let back = (written - Duration::days(6)).max(NaiveDate::from_ymd_opt(written.year(), 1, 1).expect("valid date"));
        documents::record_return(ledger, d.id, &ReturnInput { date: ymd(back), reason: "未附合法性审核意见".into() }, WriteSource::Cli)?;
        documents::record_resubmission(ledger, d.id, &ReturnInput { date: ymd(back + Duration::days(2)), reason: "已补附合法性审核意见".into() }, WriteSource::Cli)?;
    }
    Ok(())
}
