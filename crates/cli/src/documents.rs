//! `gongkai import documents` and `gongkai export documents`: the register in and out of
//! Excel and CSV files, through the same ledger calls the window uses.

use std::path::Path;

use gongkai_ledger::documents::DocumentFilter;
use gongkai_ledger::{documents, ExportFormat, Ledger};

use crate::commands::{CmdResult, Failure, Io};

fn read(file: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(file)
        .map_err(|e| Failure { message: format!("无法读取文件“{}”：{e}", file.display()), exit_code: 1 })
}

/// Imports FILE; stdout gets "已导入 N 件文件", stderr the notes (incomplete documents, new
/// departments, ignored columns).
pub fn import(file: &Path, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let bytes = read(file)?;
    let mut progress = gongkai_ledger::progress::Progress::none();
    // Read and checked before the ledger is opened: a refused file never touches it.
    let parsed = documents::exchange::parse(&bytes, &mut progress)?;
    let mut ledger = Ledger::open(db)?;
    let summary = documents::exchange::apply(&mut ledger, &parsed, &mut progress)?;
    let mut lines = summary.lines().into_iter();
    if let Some(first) = lines.next() {
        let _ = writeln!(io.out, "{first}");
    }
    for line in lines {
        let _ = writeln!(io.err, "提示：{line}");
    }
    Ok(())
}

/// Writes the register (optionally one year's) or a blank template to OUT, as .xlsx or .csv by
/// its extension.
pub fn export(out: &Path, year: Option<&str>, template: bool, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let format = crate::commands::export_format(out)?;
    let (bytes, what) = if template {
        let bytes = match format {
            ExportFormat::Xlsx => documents::exchange::template_xlsx()?,
            ExportFormat::Csv => documents::exchange::template_csv()?,
        };
        (bytes, "已生成空白导入模板".to_string())
    } else {
        let year = match year {
            None => None,
            Some(y) => Some(
                y.trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (1949..=2100).contains(y))
                    .ok_or_else(|| Failure::usage(format!("年度“{y}”无效，应为四位数字，例如 2025")))?,
            ),
        };
        let ledger = Ledger::open(db)?;
        let filter = DocumentFilter { year, descending: false, ..DocumentFilter::default() };
        let n = gongkai_ledger::documents::list_all(&ledger, &filter)?.len();
        (documents::exchange::export(&ledger, &filter, format)?, format!("已导出 {n} 件文件"))
    };
    std::fs::write(out, &bytes)
        .map_err(|e| Failure { message: format!("无法写入文件“{}”：{e}", out.display()), exit_code: 1 })?;
    let _ = writeln!(io.out, "{what}：{}", out.display());
    Ok(())
}
