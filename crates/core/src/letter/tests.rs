//! Unit tests of the letter templates (split out of letter.rs, which stays under the size limit).

use super::*;

fn all_values() -> Values {
    PLACEHOLDERS.iter().map(|(n, _)| (*n, Value::Text(format!("〈{n}〉")))).collect()
}

#[test]
fn a_person_is_addressed_as_nin_and_an_organisation_as_guidanwei() {
    for e in template_entries() {
        let t = default_template(&e.key).unwrap();
        let person = fill(e.kind, &addressed_to(&t, true), &all_values()).unwrap();
        assert!(!person.body.contains("（单位）"), "{}: {}", e.key, person.body);
        assert!(!person.body.contains("贵单位"), "{}: {}", e.key, person.body);
        let org = fill(e.kind, &addressed_to(&t, false), &all_values()).unwrap();
        assert!(!org.body.contains('您'), "{}: {}", e.key, org.body);
        if t.addressee == "{申请人}：" {
            assert!(person.body.starts_with("您于"), "{}: {}", e.key, person.body);
            assert!(org.body.starts_with("贵单位于"), "{}: {}", e.key, org.body);
        }
    }
    // What the applicant wrote is kept as written.
    let mut v = all_values();
    v.insert("申请内容", Value::Text("请告知您单位的预算".into()));
    let t = default_template("receipt").unwrap();
    let org = fill(LetterKind::Receipt, &addressed_to(&t, false), &v).unwrap();
    assert!(org.body.contains("请告知您单位的预算"), "{}", org.body);
    assert!(org.body.starts_with("贵单位于"), "{}", org.body);
}

#[test]
fn every_template_entry_has_a_valid_default_that_fills() {
    let entries = template_entries();
    assert_eq!(entries.len(), 8 + 21 + 2);
    for e in entries {
        let t = default_template(&e.key).unwrap_or_else(|| panic!("no default for {}", e.key));
        validate(&t).unwrap();
        let filled = fill(e.kind, &t, &all_values()).unwrap();
        assert!(!filled.body.contains('{'), "{}", e.key);
        assert!(filled.body.contains("〈受理编号〉"), "{} must name the request", e.key);
    }
}

#[test]
fn every_reply_cites_an_article() {
    // 要求确认或重新出具已获取信息 has no article of its own among Art. 36's seven items.
    let no_article = ["reply.other", "reply.confirm_or_reissue"];
    for e in template_entries().into_iter().filter(|e| e.kind == LetterKind::Reply && !no_article.contains(&e.key.as_str())) {
        let body = default_template(&e.key).unwrap().body;
        let middle = body.lines().nth(1).unwrap();
        assert!(middle.contains('第') && middle.contains('条'), "{}: {middle}", e.key);
    }
}

#[test]
fn reply_keys_follow_result_and_type() {
    use LetterKind::Reply;
    assert_eq!(template_key(Reply, Some(ReplyResult::Disclosed), Some(ReplyType::AlreadyPublic)), "reply.already_public");
    assert_eq!(template_key(Reply, Some(ReplyResult::Disclosed), Some(ReplyType::Provided)), "reply.disclosed");
    assert_eq!(template_key(Reply, Some(ReplyResult::NotHeld), Some(ReplyType::NotResponsible)), "reply.not_responsible");
    assert_eq!(template_key(Reply, Some(ReplyResult::NotHeld), None), "reply.not_held");
    assert_eq!(template_key(Reply, Some(ReplyResult::StateSecret), None), "reply.state_secret");
    assert_eq!(template_key(LetterKind::FeeNotice, None, None), "fee");
    for e in template_entries() {
        assert!(default_template(&e.key).is_some());
    }
}

#[test]
fn unknown_placeholder_is_refused_by_name() {
    let t = Template { title: "告知书".into(), addressee: "{申请人}：".into(), body: "请于{截止时间}前补正".into() };
    let e = validate(&t).unwrap_err();
    assert!(e.message.contains("{截止时间}"), "{}", e.message);
    let t = Template { body: "请于{补正期限前补正".into(), ..t };
    assert!(validate(&t).unwrap_err().message.contains("没有闭合"));
    let t = Template { body: "多余}括号".into(), ..t };
    assert!(validate(&t).unwrap_err().message.contains("多余"));
}

#[test]
fn a_missing_required_value_is_named_and_optional_ones_vanish() {
    let t = default_template("extension").unwrap();
    let mut v = all_values();
    v.insert("新答复期限", Value::Missing { hint: "请先登记延期".into() });
    let e = fill(LetterKind::ExtensionNotice, &t, &v).unwrap_err();
    assert!(e.message.contains("延期答复告知书") && e.message.contains("新答复期限") && e.message.contains("请先登记延期"), "{}", e.message);

    let t = default_template("reply.disclosed").unwrap();
    let mut v = all_values();
    v.insert("答复说明", Value::Text(String::new()));
    let filled = fill(LetterKind::Reply, &t, &v).unwrap();
    assert_eq!(filled.body.lines().count(), 5, "the empty 答复说明 paragraph is dropped: {}", filled.body);

    let t = default_template("reply.other").unwrap();
    let e = fill(LetterKind::Reply, &t, &v).unwrap_err();
    assert!(e.message.contains("答复说明"), "{}", e.message);
}

#[test]
fn kinds_read_their_chinese_names() {
    for k in LetterKind::ALL {
        assert_eq!(LetterKind::from_label(k.label()), Some(k));
        assert_eq!(LetterKind::from_code(k.code()), Some(k));
    }
    assert_eq!(LetterKind::from_label("回执"), None);
}

#[test]
fn confirm_or_reissue_cites_no_bare_article_36() {
    let body = default_template("reply.confirm_or_reissue").unwrap().body;
    let middle = body.lines().nth(1).unwrap();
    assert!(!middle.contains("第三十六条"), "{middle}");
    assert_eq!(ReplyResult::ConfirmOrReissue.legal_basis(), "");
}

#[test]
fn withholding_replies_require_review_first_and_the_others_give_a_choice() {
    use crate::taxonomy::ResultGroup;
    for r in ReplyResult::ALL {
        let key = template_key(LetterKind::Reply, Some(r), None);
        let body = default_template(&key).unwrap().body;
        let withholds = r.group() == ResultGroup::Withheld;
        assert_eq!(body.contains("应当自收到本答复之日起六十日内先向{复议机关}申请行政复议"), withholds || r == ReplyResult::PartlyDisclosed, "{key}: {body}");
        assert_eq!(body.contains("或者自收到本答复之日起六个月内依法向{人民法院}提起行政诉讼"), !withholds, "{key}: {body}");
        assert!(body.contains(remedy_for(Some(r))), "{key}");
    }
    let body = default_template("reply.partly_disclosed").unwrap().body;
    assert!(body.contains("对本答复中不予公开的部分不服，应当"), "{body}");
}

#[test]
fn the_remedy_names_the_review_organ_and_the_court() {
    let mut v = all_values();
    v.insert("复议机关", Value::Text("长春市人民政府".into()));
    v.insert("人民法院", Value::Text("长春铁路运输法院".into()));
    let filled = fill(LetterKind::Reply, &default_template("reply.disclosed").unwrap(), &v).unwrap();
    assert!(filled.body.contains("向长春市人民政府申请行政复议"), "{}", filled.body);
    assert!(filled.body.contains("向长春铁路运输法院提起行政诉讼"), "{}", filled.body);
    assert!(filled.body.contains("提供方式：〈提供方式〉"), "{}", filled.body);
}

#[test]
fn the_new_kinds_have_their_articles_and_addressees() {
    let d = default_template("disclosure_decision").unwrap();
    assert_eq!(d.addressee, "{第三方}：");
    assert!(d.body.contains("第三十二条") && d.body.contains("公共利益"), "{}", d.body);
    let a = default_template("agency_consultation").unwrap();
    assert_eq!(a.addressee, "{其他机关}：");
    assert!(a.body.contains("第三十四条") && a.body.contains("{复函期限}") && a.body.contains("视为同意公开"), "{}", a.body);
    let r = default_template("reasons").unwrap();
    assert!(r.body.contains("第三十五条") && r.body.contains("说明"), "{}", r.body);
    assert_eq!(LetterKind::from_label("公开决定告知书"), Some(LetterKind::DisclosureDecision));
    assert_eq!(LetterKind::from_label("征求其他机关意见函"), Some(LetterKind::AgencyConsultation));
    assert_eq!(LetterKind::from_label("说明理由通知书"), Some(LetterKind::ReasonsRequest));
}
