//! `gongkai submission import|list|remind` (汇总: a unit's report tables imported from its
//! workbook; one line per unit with its state; the 催报单 PDF) and `gongkai report --consolidated` (the district's tables,
//! the sum of the counted submissions).

use std::path::{Path, PathBuf};

use clap::Subcommand;
use gongkai_app::consolidation::{self, ConsolidatedFormat};
use gongkai_ledger::requests::Actor;
use gongkai_ledger::submissions::{self, SubmissionInput};
use gongkai_ledger::Ledger;

use crate::commands::{CmdResult, Failure, Io};
use crate::ReportArgs;

/// `gongkai submission …`
#[derive(Debug, Subcommand)]
pub enum SubmissionCommand {
    /// 导入一个单位报送的年度报告表格（.xlsx：本软件导出的年度报告 Excel，或按 2021 年格式填写的表格），勾稽检查通过才写入
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Import {
        /// 报告年度
        #[arg(long, value_name = "年度")]
        year: i32,
        /// 报送单位（单位名录中的名称）
        #[arg(long, value_name = "名称")]
        unit: String,
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 报送日期（默认今天）
        #[arg(long, value_name = "日期", default_value = "")]
        date: String,
        /// 勾稽检查未通过仍接收（须同时用 --reason 说明理由，理由记入台账）
        #[arg(long)]
        accept_failed_check: bool,
        /// 勾稽检查未通过仍接收的理由
        #[arg(long, value_name = "理由")]
        reason: Option<String>,
    },
    /// 列出各单位某年度的报送情况，每行“单位<TAB>状态<TAB>截止日<TAB>剩余天数”；加 --unit 列出该单位历次报送
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    List {
        #[arg(long, value_name = "年度")]
        year: i32,
        /// 只列出该单位的历次报送（最新的计入汇总）
        #[arg(long, value_name = "名称")]
        unit: Option<String>,
    },
    /// 催报单：未报送单位的清单（PDF，可打印）
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Remind {
        #[arg(long, value_name = "年度")]
        year: i32,
        /// 写入的 PDF 文件
        #[arg(long, value_name = "文件")]
        out: PathBuf,
    },
}

fn actor() -> Actor {
    Actor { operator: gongkai_ledger::default_operator(), now: chrono::Local::now().naive_local() }
}

pub fn run(command: &SubmissionCommand, db: &Path, io: &mut Io<'_>) -> CmdResult {
    match command {
        SubmissionCommand::Import { year, unit, file, date, accept_failed_check, reason } => {
            let reason = reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
            if *accept_failed_check && reason.is_none() {
                return Err(Failure::usage("--accept-failed-check 须同时用 --reason 说明接收的理由"));
            }
            if reason.is_some() && !accept_failed_check {
                return Err(Failure::usage("--reason 只与 --accept-failed-check 同用"));
            }
            let bytes = std::fs::read(file).map_err(|e| Failure { message: format!("无法读取“{}”：{e}", file.display()), exit_code: 1 })?;
            let mut ledger = Ledger::open(db)?;
            let input = SubmissionInput {
                year: *year,
                unit: unit.clone(),
                source_name: file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                submitted_on: date.clone(),
                accept_reason: reason.map(str::to_string),
            };
            let done = submissions::import(&mut ledger, &input, &bytes, &actor())?;
            let s = &done.submission;
            for w in &s.warnings {
                let _ = writeln!(io.err, "提示：{w}");
            }
            for f in &s.failures {
                let _ = writeln!(io.err, "勾稽检查未通过：{f}");
            }
            let replaced = if done.replaced.is_some() { "，替换此前的报送（原报送仍保留）" } else { "" };
            let accepted = s.accept_reason.as_ref().map(|r| format!("；勾稽检查未通过，按理由“{r}”接收")).unwrap_or_default();
            let _ = writeln!(io.out, "已导入 {} {}年的报送表（报送日期 {}）{replaced}{accepted}", s.unit, s.year, s.submitted_on);
            Ok(())
        }
        SubmissionCommand::Remind { year, out } => {
            let ledger = Ledger::open(db)?;
            let bytes = consolidation::reminder_pdf(&ledger, *year, chrono::Local::now().date_naive())?;
            std::fs::write(out, &bytes).map_err(|e| Failure { message: format!("无法写入“{}”：{e}", out.display()), exit_code: 1 })?;
            let _ = writeln!(io.out, "已生成 {}（{} KB）", out.display(), bytes.len().div_ceil(1024));
            Ok(())
        }
        SubmissionCommand::List { year, unit } => {
            let ledger = Ledger::open(db)?;
            let today = chrono::Local::now().date_naive();
            if let Some(name) = unit {
                let all = submissions::submissions(&ledger, *year)?;
                let mine: Vec<_> = all.iter().filter(|s| s.unit == name.trim()).collect();
                if mine.is_empty() {
                    let _ = writeln!(io.err, "{} {}年尚无报送", name.trim(), year);
                }
                for s in mine {
                    let _ = writeln!(
                        io.out,
                        "{}\t{}\t{}\t{}\t{}",
                        s.submitted_on,
                        if s.current { "计入汇总" } else { "已被替换" },
                        s.source_name,
                        s.operator,
                        s.accept_reason.as_ref().map(|r| format!("勾稽未通过，接收理由：{r}")).unwrap_or_else(|| "勾稽检查通过".into())
                    );
                }
                return Ok(());
            }
            for st in submissions::statuses(&ledger, *year, today)? {
                let _ = writeln!(io.out, "{}\t{}\t{}\t{}", st.unit.name, st.label, st.due.as_deref().unwrap_or("未设置截止日"), st.days_text);
            }
            Ok(())
        }
    }
}

/// `gongkai report --year Y --consolidated --format csv|xlsx|pdf [--out F]`.
pub fn run_consolidated(args: &ReportArgs, year: i32, db: &Path, io: &mut Io<'_>) -> CmdResult {
    if args.archive || args.override_reason.is_some() {
        return Err(Failure::usage("--consolidated（汇总）不与 --archive、--override-reason 同用"));
    }
    let by_extension = args.out.as_ref().and_then(|p| p.extension()).map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match args.format.as_deref().map(|f| f.trim().to_ascii_lowercase()).or(by_extension).as_deref() {
        Some("csv") => ConsolidatedFormat::Csv,
        Some("xlsx") => ConsolidatedFormat::Xlsx,
        Some("pdf") => ConsolidatedFormat::Pdf,
        Some(other) => return Err(Failure::usage(format!("格式“{other}”无效，应为 csv、pdf 或 xlsx"))),
        None => return Err(Failure::usage("请用 --format csv、xlsx 或 pdf 指定汇总表的格式")),
    };
    if format != ConsolidatedFormat::Csv && args.out.is_none() {
        return Err(Failure::usage("输出 PDF 或 Excel 时请用 --out 指定文件"));
    }
    let ledger = Ledger::open(db)?;
    let today = chrono::Local::now().date_naive();
    let (bytes, c) = consolidation::render(&ledger, year, format, today)?;
    let missing: Vec<&str> =
        c.statuses.iter().filter(|s| s.state == submissions::SubmissionState::Missing).map(|s| s.unit.name.as_str()).collect();
    let _ = writeln!(io.err, "汇总 {} 个单位的报送表", c.contributions.len());
    if !missing.is_empty() {
        let _ = writeln!(io.err, "提示：{} 个单位未报送：{}", missing.len(), missing.join("、"));
    }
    for f in &c.failures {
        let _ = writeln!(io.err, "汇总后勾稽检查未通过：{}", f.message);
    }
    match &args.out {
        None => {
            let _ = io.out.write_all(&bytes);
        }
        Some(out) => {
            std::fs::write(out, &bytes).map_err(|e| Failure { message: format!("无法写入“{}”：{e}", out.display()), exit_code: 1 })?;
            let _ = writeln!(io.out, "已生成 {}（{} KB）", out.display(), bytes.len().div_ceil(1024));
        }
    }
    Ok(())
}
