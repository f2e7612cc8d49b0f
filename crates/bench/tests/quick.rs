//! The bench in a tiny smoke run (never the full size in CI): every figure of issues 9 and 22 gets its
//! line with a measured value beside its target, and the run exits 0.

use std::process::Command;

#[test]
fn quick_run_prints_every_figure_beside_its_target() {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai-bench"))
        .args(["--quick", "--requests", "300", "--documents", "60", "--import", "40", "--repeat", "1", "--no-app"])
        .output()
        .expect("the bench runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}\n{stdout}\n{stderr}", out.status);
    let measured = [
        ("申请列表一页", "目标：中位数 ≤ 10 ms"),
        ("文件全文检索", "目标：中位数 ≤ 20 ms"),
        ("导入申请（.xlsx）", "目标：≤ 5 s"),
        ("年度报告表格", "目标：≤ 200 ms"),
        ("年度报告 PDF", "目标：≤ 500 ms 且 ≤ 400 KB"),
    ];
    for (label, target) in measured {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no line for {label}\n{stdout}\n{stderr}"));
        assert!(line.contains(target), "{line}");
        assert!(!line.contains("未测"), "{line}\n{stderr}");
        assert!(line.ends_with("达标"), "a verdict closes the line: {line}");
    }
    assert!(stdout.contains("导入申请（.xlsx）（40 条"), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("导入申请（.xlsx）") && l.contains("每秒")), "rows per second: {stdout}");
    // Bytes per request (issue 22): measured; at 300 requests the schema's own pages dominate.
    let size = stdout.lines().find(|l| l.starts_with("台账大小")).unwrap_or_else(|| panic!("no size line\n{stdout}"));
    assert!(size.contains("每条申请") && size.contains("目标：≤ 1.5 KB") && !size.contains("未测"), "{size}");
    // The window's two figures are printed too, as not measured with --no-app.
    for label in ["窗口启动到首个 IPC 应答：未测（--no-app）", "窗口常驻内存：未测（--no-app）"] {
        assert!(stdout.lines().any(|l| l == label), "{label}\n{stdout}");
    }
    // The first page's JavaScript (issue 22), from ui/dist: measured when the UI is built.
    let js = stdout.lines().find(|l| l.starts_with("首页 JavaScript")).unwrap_or_else(|| panic!("no first-page line\n{stdout}"));
    assert!(js.contains("目标：≤ 400 KB") || js.contains("未测（没有"), "{js}");
    assert_eq!(stdout.lines().count(), 10, "a heading and nine figures:\n{stdout}");
}
