//! `gongkai report --year Y (--format csv | --out FILE.pdf | --format xlsx --out FILE) [--archive]`:
//! the annual report counted from the ledger, reconciled (勾稽) before it leaves; a failed check blocks it unless the clerk gives a
//! reason, which is recorded in the ledger and not printed. `--archive` makes the archived copy
//! (存档副本), which carries the audit chain's head and the time of export on every page. The gate and the layout are
//! `gongkai_app::report`'s, shared with the window; this file parses, calls and prints.

use gongkai_app::report::{self as app_report, ExportKind, Refused};
use gongkai_ledger::audit::Head;
use gongkai_ledger::{report, settings, Ledger};

use crate::commands::{CmdResult, Failure, Io};
use crate::ReportArgs;

enum Format {
    Csv,
    Pdf,
    Xlsx,
}

pub fn run(args: &ReportArgs, db: &std::path::Path, io: &mut Io<'_>) -> CmdResult {
    let year: i32 = args
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1949..=2100).contains(y))
        .ok_or_else(|| Failure::usage(format!("年度“{}”无效，应为四位数字，例如 2025", args.year)))?;
    if args.consolidated {
        return crate::submissions::run_consolidated(args, year, db, io);
    }
    let by_extension = args.out.as_ref().and_then(|p| p.extension()).map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match (args.format.as_deref().map(|f| f.trim().to_ascii_lowercase()), &args.out) {
        (Some(f), _) if f == "csv" => Format::Csv,
        (Some(f), Some(_)) if f == "pdf" => Format::Pdf,
        (Some(f), Some(_)) if f == "xlsx" => Format::Xlsx,
        (None, Some(_)) if by_extension.as_deref() == Some("xlsx") => Format::Xlsx,
        (None, Some(_)) => Format::Pdf,
        (Some(f), None) if f == "pdf" || f == "xlsx" => return Err(Failure::usage(format!("输出 {} 时请用 --out 指定文件", f.to_uppercase()))),
        (Some(other), _) => return Err(Failure::usage(format!("格式“{other}”无效，应为 csv、pdf 或 xlsx"))),
        (None, None) => return Err(Failure::usage("请用 --format csv 输出表格，或用 --out 文件.pdf / --format xlsx --out 文件.xlsx 输出报告")),
    };
    if matches!(format, Format::Csv) && args.out.is_some() {
        return Err(Failure::usage("--format csv 输出到标准输出，不能与 --out 同用"));
    }
    if matches!(format, Format::Csv) && args.archive {
        return Err(Failure::usage("--archive（存档副本）只用于 PDF 或 Excel 文件"));
    }
    let mut ledger = Ledger::open(db)?;
    let now = chrono::Local::now().naive_local();
    let today = now.date();
    if matches!(format, Format::Pdf) {
        // Refused before the gate records anything; CSV and Excel still go out.
        settings::require_organ_name(&ledger, "导出年度报告 PDF")?;
    }
    let cleared = match app_report::clear_for_export(&mut ledger, year, args.override_reason.as_deref()) {
        Ok(c) => c,
        Err(Refused::ChecksFailed { year, failures }) => {
            for f in &failures {
                let _ = writeln!(io.err, "勾稽检查未通过：{}", f.message);
            }
            return Err(Failure {
                message: format!("{year}年报告有 {} 项勾稽检查未通过，已停止导出；核对台账后重试，或用 --override-reason 说明理由", failures.len()),
                exit_code: 1,
            });
        }
        Err(Refused::Ledger(e)) => return Err(e.into()),
    };
    for f in &cleared.failures {
        let _ = writeln!(io.err, "勾稽检查未通过：{}", f.message);
    }
    if let Some(reason) = &cleared.override_reason {
        let _ = writeln!(io.err, "已按理由“{reason}”导出，理由已记入台账");
    }
    let figures = &cleared.figures;
    let kind = match format {
        Format::Csv => {
            let _ = write!(io.out, "{}", gongkai_core::report::to_csv(figures));
            return Ok(());
        }
        Format::Pdf => {
            let (entries, _, _) = report::effective_entries(&ledger, year)?;
            let unfilled = entries.unfilled();
            if !unfilled.is_empty() {
                let _ = writeln!(io.err, "提示：以下部分尚未填写，报告中标注为“本节尚未填写”：{}", unfilled.join("、"));
            }
            ExportKind::Pdf
        }
        Format::Xlsx => ExportKind::Xlsx,
    };
    let out = args.out.as_ref().expect("checked above");
    let bytes = if args.archive {
        app_report::render_archived(&ledger, &cleared, kind, today, now)?
    } else {
        app_report::render(&ledger, figures, kind, today)?
    };
    std::fs::write(out, &bytes).map_err(|e| Failure { message: format!("无法写入“{}”：{e}", out.display()), exit_code: 1 })?;
    let _ = writeln!(io.out, "已生成 {}（{} KB）", out.display(), bytes.len().div_ceil(1024));
    if args.archive {
        let anchor = cleared.head.as_ref().map_or_else(|| "审计日志尚无记录".to_string(), Head::printed);
        let _ = writeln!(io.out, "存档副本：{anchor}");
    }
    Ok(())
}
