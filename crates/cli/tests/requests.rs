//! The command-line contract of 依申请公开, in-process: `import requests` (the contract sample, the
//! same file in GBK, a generated 400-row ledger over two years), `export requests`, and walking a
//! request through the workflow with `request register/event/show`, refusals included.

use std::path::{Path, PathBuf};

use gongkai_cli::run_captured;

mod common;
use common::{ledger_bytes};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ledger/tests/data/requests-sample.csv");

fn run(args: &[&str], db: &Path) -> (u8, String, String) {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--db", db.to_str().unwrap()]);
    run_captured(&all)
}

fn data_rows(path: &str) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count()
}

#[test]
fn imports_the_contract_sample_and_refuses_it_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let (code, out, err) = run(&["import", "requests", SAMPLE], &db);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "one summary line: {out}");
    assert!(out.contains(&format!("已导入 {} 条申请", data_rows(SAMPLE))), "{out}");
    let (code, out, err) = run(&["import", "requests", SAMPLE], &db);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("已在台账中") && err.contains("未写入任何记录"), "{err}");
}

#[test]
fn imports_the_sample_saved_as_gbk() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = dir.path().join("gbk.csv");
    let converted = std::process::Command::new("iconv")
        .args(["-f", "utf-8", "-t", "gbk", SAMPLE])
        .output()
        .expect("iconv runs");
    assert!(converted.status.success());
    assert!(
        std::str::from_utf8(&converted.stdout).is_err(),
        "the converted file really is not UTF-8"
    );
    std::fs::write(&gbk, &converted.stdout).unwrap();
    let (code, out, err) = run(&["import", "requests", gbk.to_str().unwrap()], &dir.path().join("g.db"));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("已导入 {} 条申请", data_rows(SAMPLE))) && out.contains("GBK"),
        "{out}"
    );
}

const TYPES: [&str; 6] = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
const CHANNELS: [&str; 5] = ["当面", "邮寄", "网络", "传真", "其他"];
const RESULTS: [&str; 6] = [
    "予以公开",
    "部分公开（区分处理的，只计这一情形，不计其他情形）",
    "危及“三安全一稳定”",
    "本机关不掌握相关政府信息",
    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "其他",
];

/// 400 requests received over 2024 and 2025; every 7th is still open.
fn write_two_years(path: &Path) -> (usize, usize, usize) {
    let mut csv =
        String::from("受理编号,申请人类型,申请人,证件号码,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果\n");
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    let (mut in_2024, mut open) = (0, 0);
    for i in 0..400u32 {
        let received = start + chrono::Days::new(u64::from(i) * 730 / 400);
        if received.format("%Y").to_string() == "2024" {
            in_2024 += 1;
        }
        let concluded = if i % 7 == 0 {
            open += 1;
            String::new()
        } else {
            (received + chrono::Days::new(u64::from(i % 25)))
                .format("%Y-%m-%d")
                .to_string()
        };
        let result = if concluded.is_empty() {
            ""
        } else {
            RESULTS[i as usize % RESULTS.len()]
        };
        let applicant_type = TYPES[i as usize % TYPES.len()];
        // A resident ID for some natural persons, to exercise the checksum on import.
        let id = if applicant_type == "自然人" && i % 2 == 0 {
            "11010519491231002X"
        } else {
            ""
        };
        csv.push_str(&format!(
            "GEN-{i:04},{applicant_type},申请人{i},{id},1390000{i:04},{},{},\"申请公开第{i}号事项的文件，含逗号\",{concluded},{result}\n",
            CHANNELS[i as usize % CHANNELS.len()],
            received.format("%Y-%m-%d"),
        ));
    }
    std::fs::write(path, csv).unwrap();
    (400, in_2024, open)
}

#[test]
fn imports_four_hundred_rows_over_two_years_and_exports_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two-years.csv");
    let (rows, in_2024, open) = write_two_years(&file);
    let db = dir.path().join("big.db");
    let (code, out, err) = run(&["import", "requests", file.to_str().unwrap()], &db);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!(
            "已导入 {rows} 条申请（已办结 {} 条，未办结 {open} 条",
            rows - open
        )),
        "{out}"
    );

    let (code, out, _) = run(&["request", "list", "--year", "2024"], &db);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), in_2024);
    let (_, out, _) = run(&["request", "list", "--year", "2025"], &db);
    assert_eq!(out.lines().count(), rows - in_2024);
    let (_, out, _) = run(&["request", "list", "--due", "已办结"], &db);
    assert_eq!(out.lines().count(), rows - open);

    // the same file in GBK imports too
    let gbk = dir.path().join("two-years-gbk.csv");
    let converted = std::process::Command::new("iconv")
        .args(["-f", "utf-8", "-t", "gbk", file.to_str().unwrap()])
        .output()
        .unwrap();
    std::fs::write(&gbk, converted.stdout).unwrap();
    let (code, out, err) = run(
        &["import", "requests", gbk.to_str().unwrap()],
        &dir.path().join("big-gbk.db"),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("已导入 {rows} 条申请")) && out.contains("GBK"),
        "{out}"
    );

    let xlsx = dir.path().join("out.xlsx");
    let (code, out, err) = run(
        &["export", "requests", "--out", xlsx.to_str().unwrap(), "--year", "2025"],
        &db,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("已导出 {} 条申请", rows - in_2024)) && out.contains("已部分隐藏"),
        "{out}"
    );
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");
    // masked exports are not meant to round-trip, unmasked ones are
    let plain = dir.path().join("plain.xlsx");
    let (code, _, _) = run(
        &["export", "requests", "--out", plain.to_str().unwrap(), "--unmasked"],
        &db,
    );
    assert_eq!(code, 0);
    let (code, out, err) = run(
        &["import", "requests", plain.to_str().unwrap()],
        &dir.path().join("again.db"),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("已导入 {rows} 条申请")), "{out}");
}

#[test]
fn a_bad_row_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "受理编号,申请人类型,申请人,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果\n\
         A-1,自然人,张三,139,当面,2025-01-06,内容,2025-01-10,予以公开\n\
         A-2,自然人,李四,139,当面,2025-01-06,内容,2025-01-10,同意公开\n",
    )
    .unwrap();
    let db = dir.path().join("b.db");
    let (code, out, err) = run(&["import", "requests", file.to_str().unwrap()], &db);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("第3行“办理结果”：“同意公开”"), "{err}");
    // Its rows are checked before a new ledger file is made for them.
    assert!(!db.exists(), "a refused file creates no ledger");
    let (_, out, _) = run(&["request", "list"], &db);
    assert!(out.is_empty(), "nothing was written: {out}");
}

#[test]
fn walks_a_request_through_the_workflow_headless() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let (code, out, err) = run(
        &[
            "request",
            "register",
            "--type",
            "自然人",
            "--name",
            "王小明",
            "--channel",
            "当面",
            "--received",
            "2025-03-03",
            "--content",
            "申请公开某道路改造工程立项批复",
            "--id",
            "11010519491231002X",
            "--contact",
            "13912345678",
        ],
        &db,
    );
    assert_eq!(code, 0, "{err}");
    let number = out.trim().to_string();
    assert_eq!(number, "2025-0001");

    let (code, _, err) = run(
        &[
            "request",
            "event",
            &number,
            "告知补正",
            "--date",
            "2025-03-05",
            "--items",
            "请写明文号",
        ],
        &db,
    );
    assert_eq!(code, 0, "{err}");
    // replying while the correction is awaited is refused, naming the status
    let (code, out, err) = run(
        &[
            "request",
            "event",
            &number,
            "答复",
            "--date",
            "2025-03-06",
            "--result",
            "予以公开",
        ],
        &db,
    );
    assert_eq!(code, 3, "an invalid transition has its own exit code");
    assert!(out.is_empty());
    assert!(err.contains("当前状态为“待补正”，不能答复"), "{err}");
    assert!(err.contains("InvalidTransition"), "{err}");
    let (code, _, err) = run(
        &[
            "request",
            "event",
            &number,
            "correction_received",
            "--date",
            "2025-03-10",
        ],
        &db,
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(&["request", "show", &number], &db);
    assert_eq!(code, 0);
    assert!(out.contains("状态：办理中"), "{out}");
    assert!(
        out.contains("110105********002X") && out.contains("139****5678"),
        "masked by default: {out}"
    );
    assert!(
        out.contains("2025-03-10 收到补正，答复期限自该日起重新计算"),
        "the derivation is shown: {out}"
    );

    let (code, _, err) = run(
        &[
            "request",
            "event",
            &number,
            "答复",
            "--date",
            "2025-03-20",
            "--result",
            "部分公开",
            "--reply-type",
            "2",
        ],
        &db,
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(
        &[
            "request",
            "event",
            &number,
            "送达",
            "--date",
            "2025-03-21",
            "--method",
            "邮寄",
            "--proof",
            "EMS1234",
        ],
        &db,
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["request", "event", &number, "撤回", "--date", "2025-03-22"], &db);
    assert_eq!(code, 3, "{out}");
    assert!(err.contains("已送达") && err.contains("撤回只能在答复之前"), "{err}");
    assert!(err.contains("InvalidTransition"), "{err}");
    let (code, out, err) = run(
        &[
            "request",
            "event",
            &number,
            "归档",
            "--date",
            "2025-03-24",
            "--archive-number",
            "WS-2025-1",
        ],
        &db,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已归档"), "{out}");

    let (_, out, _) = run(&["request", "show", &number, "--unmasked"], &db);
    assert!(out.contains("11010519491231002X"));
    for step in ["登记", "告知补正", "收到补正", "答复：部分公开", "送达", "归档"] {
        assert!(out.contains(step), "timeline has {step}: {out}");
    }
    assert!(out.contains("可进行的操作：无"), "{out}");

    // bad arguments are usage errors (exit 2), in Chinese
    let (code, _, err) = run(&["request", "event", &number, "盖章"], &db);
    assert_eq!(code, 2);
    assert!(err.contains("办理记录种类“盖章”无效"), "{err}");
    let (code, _, err) = run(&["request", "show", "2099-0001"], &db);
    assert_eq!(code, 1);
    assert!(err.contains("没有受理编号为“2099-0001”的申请"), "{err}");
}

/// `export requests --unmasked` leaves one 台账事件 in the ledger, under `--operator`, with the
/// count; a masked export and an export that could not be written leave none.
#[test]
fn an_unmasked_export_is_recorded_in_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let (code, _, err) = run(&["import", "requests", SAMPLE], &db);
    assert_eq!(code, 0, "{err}");
    let events = || -> Vec<(String, String, String, i64)> {
        let c = rusqlite::Connection::open(&db).unwrap();
        let mut s = c.prepare("SELECT operator, kind, detail, records FROM ledger_event WHERE kind <> 'upgrade' ORDER BY id").unwrap();
        s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
    };
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (code, _, err) = run(&["export", "requests", "--out", &out("masked.xlsx")], &db);
    assert_eq!(code, 0, "{err}");
    assert!(events().is_empty(), "a masked export is not recorded");
    let missing = dir.path().join("无此文件夹").join("x.xlsx");
    let (code, _, _) = run(&["export", "requests", "--unmasked", "--out", missing.to_str().unwrap()], &db);
    assert_ne!(code, 0);
    assert!(events().is_empty(), "an export that was not written is not recorded");
    let (code, _, err) = run(&["--operator", "赵六", "export", "requests", "--unmasked", "--out", &out("full.xlsx")], &db);
    assert_eq!(code, 0, "{err}");
    let events = events();
    assert_eq!(events.len(), 1);
    let (operator, kind, detail, records) = &events[0];
    assert_eq!((operator.as_str(), kind.as_str()), ("赵六", "export_unmasked"));
    assert_eq!(*records as usize, data_rows(SAMPLE));
    assert!(detail.contains("full.xlsx") && detail.contains("筛选：全部"), "{detail}");
}

#[test]
fn a_stray_value_in_xfd1048576_is_refused_and_nothing_changes() {
    // A clerk's accident: the request file with one value far away in XFD1048576 (issue 16).
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let (code, _, err) = run(&["import", "requests", SAMPLE], &db);
    assert_eq!(code, 0, "{err}");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let row = "受理编号,申请人类型,申请人,证件号码,联系方式,申请方式,收到日期,申请内容,办结日期,办理结果\nYSQ-2025-9001,自然人,王小明,,13912345678,当面,2025-03-03,申请公开某道路工程的批复,2025-03-20,予以公开";
    for (r, line) in row.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let file = dir.path().join("stray.xlsx");
    std::fs::write(&file, book.save_to_buffer().unwrap()).unwrap();
    let before = ledger_bytes(&db);
    let (code, out, err) = run(&["import", "requests", file.to_str().unwrap()], &db);
    assert_ne!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("工作表在 XFD1048576 有内容，超出导入范围（最多 200 列）；请删除多余的单元格后重试"),
        "{err}"
    );
    assert_eq!(ledger_bytes(&db), before, "the ledger changed");
}
