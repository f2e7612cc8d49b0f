//! `gongkai report --year Y (--format csv | --out FILE.pdf | --format xlsx --out FILE)`: the annual
//! report counted from the ledger, reconciled (勾稽) before it leaves; a failed check blocks it unless the clerk gives a
//! reason, which is recorded in the ledger and not printed.


use gongkai_ledger::{report, settings, Ledger};
use gongkai_report::{annual_report, ReportTexts};

use crate::commands::{CmdResult, Failure, Io};
use crate::ReportArgs;

enum Format {
    Csv,
    Pdf,
    Xlsx,
}

/// What the window exports: the same gate (勾稽, override reason) for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
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
    let mut ledger = Ledger::open(db)?;
    let (figures, failures) = report::annual_figures(&ledger, year)?;
    if !failures.is_empty() {
        for f in &failures {
            let _ = writeln!(io.err, "勾稽检查未通过：{}", f.message);
        }
        match args.override_reason.as_deref().filter(|r| !r.trim().is_empty()) {
            Some(reason) => {
                report::record_override(&mut ledger, year, reason, &failures)?;
                let _ = writeln!(io.err, "已按理由“{}”导出，理由已记入台账", reason.trim());
            }
            None => {
                return Err(Failure {
                    message: format!("{year}年报告有 {} 项勾稽检查未通过，已停止导出；核对台账后重试，或用 --override-reason 说明理由", failures.len()),
                    exit_code: 1,
                })
            }
        }
    }
    match format {
        Format::Csv => {
            let _ = write!(io.out, "{}", gongkai_core::report::to_csv(&figures));
        }
        Format::Pdf => {
            let out = args.out.as_ref().expect("checked above");
            if settings::organ_settings(&ledger)?.organ_name.trim().is_empty() {
                let _ = writeln!(io.err, "提示：尚未设置机关名称，报告中显示为占位文字");
            }
            let (entries, _, _) = report::effective_entries(ledger.conn(), year)?;
            if entries.problems.trim().is_empty() || entries.other.trim().is_empty() {
                let _ = writeln!(io.err, "提示：第五、六部分尚未填写，报告中标注为“本节尚未填写”");
            }
            let bytes = render_pdf(&ledger, &figures)?;
            std::fs::write(out, &bytes)
                .map_err(|e| Failure { message: format!("无法写入“{}”：{e}", out.display()), exit_code: 1 })?;
            let _ = writeln!(io.out, "已生成 {}（{} KB）", out.display(), bytes.len().div_ceil(1024));
        }
        Format::Xlsx => {
            let out = args.out.as_ref().expect("checked above");
            let bytes = render_xlsx(&ledger, &figures)?;
            std::fs::write(out, &bytes)
                .map_err(|e| Failure { message: format!("无法写入“{}”：{e}", out.display()), exit_code: 1 })?;
            let _ = writeln!(io.out, "已生成 {}（{} KB）", out.display(), bytes.len().div_ceil(1024));
        }
    }
    Ok(())
}

/// The report PDF for the window: the same checks as the command line; a failed 勾稽 check is
/// refused unless `override_reason` is given, which is recorded.
pub fn pdf_for_window(ledger: &mut Ledger, year: i32, override_reason: Option<&str>) -> Result<Vec<u8>, gongkai_core::AppError> {
    export_for_window(ledger, year, ExportKind::Pdf, override_reason)
}

/// The report PDF or workbook for the window, behind the 勾稽 gate.
pub fn export_for_window(
    ledger: &mut Ledger,
    year: i32,
    kind: ExportKind,
    override_reason: Option<&str>,
) -> Result<Vec<u8>, gongkai_core::AppError> {
    let (figures, failures) = report::annual_figures(ledger, year)?;
    if !failures.is_empty() {
        match override_reason.filter(|r| !r.trim().is_empty()) {
            Some(reason) => report::record_override(ledger, year, reason, &failures)?,
            None => {
                return Err(gongkai_core::AppError::validation(format!(
                    "{year}年报告有 {} 项勾稽检查未通过，请核对台账，或填写理由后导出",
                    failures.len()
                )))
            }
        }
    }
    match kind {
        ExportKind::Pdf => render_pdf(ledger, &figures),
        ExportKind::Xlsx => render_xlsx(ledger, &figures),
    }
}

/// The preview shown before saving: the very document the PDF lays out (title, blocks, tables
/// with their spans), for the page to draw; no 勾稽 gate, since nothing leaves the app. (WebKitGTK
/// shows no PDF inside the page, so the preview is drawn from the document, not the file.)
pub fn preview_doc(ledger: &Ledger, year: i32) -> Result<gongkai_pdf::Doc, gongkai_core::AppError> {
    let (figures, _) = report::annual_figures(ledger, year)?;
    report_doc(ledger, &figures)
}

fn render_xlsx(ledger: &Ledger, figures: &gongkai_core::report::AnnualFigures) -> Result<Vec<u8>, gongkai_core::AppError> {
    let organ = settings::organ_settings(ledger)?.organ_name;
    gongkai_report::xlsx::annual_report_xlsx(&organ, figures).map_err(gongkai_core::AppError::internal)
}

/// The PDF of `figures` with this ledger's organ name and texts, dated today: one layout for the
/// command line and the window.
pub fn render_pdf(ledger: &Ledger, figures: &gongkai_core::report::AnnualFigures) -> Result<Vec<u8>, gongkai_core::AppError> {
    let doc = report_doc(ledger, figures)?;
    gongkai_pdf::render_with(&doc, body_font(ledger).as_ref()).map_err(|e| gongkai_core::AppError::internal(format!("生成 PDF 失败：{e}")))
}

/// The report as a document: this ledger's organ name and texts, dated today.
fn report_doc(ledger: &Ledger, figures: &gongkai_core::report::AnnualFigures) -> Result<gongkai_pdf::Doc, gongkai_core::AppError> {
    let organ = settings::organ_settings(ledger)?.organ_name;
    // What the page shows: the saved entries, or the draft (last year's narrative, 信息处理费).
    let (e, _, _) = report::effective_entries(ledger.conn(), figures.year)?;
    let texts = ReportTexts { overview: e.overview, problems: e.problems, other: e.other };
    Ok(annual_report(&organ, figures, &texts, chrono::Local::now().date_naive()))
}

/// The body font chosen in 设置, if it is set and still loads. A font file that has gone missing
/// never blocks a report or a letter: the embedded fonts are used and the log says why.
pub fn body_font(ledger: &Ledger) -> Option<gongkai_pdf::BodyFont> {
    let path = settings::pdf_body_font(ledger.conn()).ok().flatten()?;
    match gongkai_pdf::BodyFont::from_file(std::path::Path::new(&path)) {
        Ok(font) => Some(font),
        Err(e) => {
            tracing::warn!(path, error = %e, "chosen body font unavailable; using the embedded fonts");
            None
        }
    }
}
