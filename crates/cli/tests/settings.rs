//! `gongkai settings list` prints 名称=值 lines; `gongkai settings set 名称 值` saves through the
//! window's own setters, so the same values are refused with the same Chinese messages (exit 2)
//! and a refused value writes nothing.

use std::path::Path;

use gongkai_cli::run_captured;

mod common;
use common::s;

fn run(db: &Path, args: &[&str]) -> (u8, String, String) {
    let mut all = args.to_vec();
    all.extend(["--db", s(db)]);
    run_captured(&all)
}

fn list(db: &Path) -> Vec<String> {
    let (code, out, err) = run(db, &["settings", "list"]);
    assert_eq!(code, 0, "{err}");
    out.lines().map(str::to_string).collect()
}

#[test]
fn list_shows_every_setting_with_its_default() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(
        list(&db),
        ["机关名称=", "复议机关=", "人民法院=", "机关地址=", "联系电话=", "受理编号格式={year}-{seq:04}", "文书编号格式={机关代字}〔{year}〕{seq}号", "机关代字=", "盖章处圆圈=否", "缴费期限=20", "报告截止日期=01-31", "自动备份间隔=4", "无操作锁定=15", "答复须经审核签发=是"]
    );
}

#[test]
fn set_saves_what_the_window_would_and_list_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    for (name, value, shown) in [
        ("机关名称", "长春净月高新技术产业开发区管理委员会", "长春净月高新技术产业开发区管理委员会"),
        ("受理编号格式", "YSQ-{year}-{seq:04}", "YSQ-{year}-{seq:04}"),
        ("文书编号格式", "净管公开〔{year}〕第{seq}号", "净管公开〔{year}〕第{seq}号"),
        ("缴费期限", "15", "15"),
        ("报告截止日期", "3月31日", "03-31"),
        ("自动备份间隔", "8", "8"),
        ("无操作锁定", "30", "30"),
        ("答复须经审核签发", "否", "否"),
        ("机关代字", "净管公开", "净管公开"),
        ("盖章处圆圈", "是", "是"),
    ] {
        let (code, out, err) = run(&db, &["settings", "set", name, value]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(out.trim(), format!("{name}={shown}"));
    }
    let shown = list(&db);
    assert!(shown.contains(&"机关名称=长春净月高新技术产业开发区管理委员会".to_string()), "{shown:?}");
    assert!(shown.contains(&"文书编号格式=净管公开〔{year}〕第{seq}号".to_string()), "{shown:?}");
    assert!(shown.contains(&"缴费期限=15".to_string()) && shown.contains(&"自动备份间隔=8".to_string()), "{shown:?}");
    // Changing one letter setting keeps the other.
    let (code, _, err) = run(&db, &["settings", "set", "文书编号格式", "〔{year}〕{seq:03}号"]);
    assert_eq!(code, 0, "{err}");
    assert!(list(&db).contains(&"缴费期限=15".to_string()));
    assert!(list(&db).contains(&"机关代字=净管公开".to_string()) && list(&db).contains(&"盖章处圆圈=是".to_string()), "{:?}", list(&db));
    let (code, _, err) = run(&db, &["settings", "set", "盖章处圆圈", "也许"]);
    assert_ne!(code, 0);
    assert!(err.contains("盖章处圆圈") && err.contains("是"), "{err}");
    // A registration takes the new 受理编号格式.
    let (code, out, err) = run(&db, &["request", "register", "--type", "自然人", "--name", "王小明", "--channel", "当面", "--received", "2025-03-03", "--content", "申请公开某项政府信息"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "YSQ-2025-0001");
}

#[test]
fn bad_values_and_unknown_names_are_refused_in_chinese_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let (code, _, err) = run(&db, &["settings", "set", "机关名称", "某某区人民政府办公室"]);
    assert_eq!(code, 0, "{err}");
    // Nothing written: the audit chain's head (every write of the ledger adds to it) and the list.
    let head = || run(&db, &["audit", "head"]).1;
    let (before, listed) = (head(), list(&db));
    assert!(before.contains(':'), "N:HASH: {before}");
    let long = "甲".repeat(101);
    for (name, value, says) in [
        ("自动备份间隔", "0", "1 到 168 小时"),
        ("自动备份间隔", "两小时", "应为整数"),
        ("无操作锁定", "0", "1 到 120 分钟"),
        ("答复须经审核签发", "也许", "应为“是”或“否”"),
        ("缴费期限", "61", "1 至 60 个工作日"),
        ("受理编号格式", "没有序号", "受理编号格式"),
        ("文书编号格式", "没有序号", "文书编号格式"),
        ("报告截止日期", "06-30", "报告截止日期"),
        ("机关名称", long.as_str(), "机关名称不能超过 100 个字"),
        ("复印机", "1", "没有名为“复印机”的设置"),
    ] {
        let (code, out, err) = run(&db, &["settings", "set", name, value]);
        assert_eq!(code, 2, "{name}={value}: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains(says), "{name}={value}: {err}");
    }
    assert_eq!(head(), before, "nothing written");
    assert_eq!(list(&db), listed);
    assert_eq!(list(&db)[0], "机关名称=某某区人民政府办公室");
}
