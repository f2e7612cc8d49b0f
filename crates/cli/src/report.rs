//! `gongkai report`: the annual report's figures. For now the 第二十条第（一）项 block as CSV,
//! counted from the register by `gongkai_ledger::documents::annual_figures`.

use gongkai_ledger::Ledger;

use crate::commands::{CmdResult, Failure, Io};
use crate::ReportArgs;

pub fn run(args: &ReportArgs, db: &std::path::Path, io: &mut Io<'_>) -> CmdResult {
    let year: i32 = args
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1949..=2100).contains(y))
        .ok_or_else(|| Failure::usage(format!("年度“{}”无效，应为四位数字，例如 2025", args.year)))?;
    match args.format.as_deref().map(str::trim) {
        Some("csv") | Some("CSV") => {}
        Some(other) => return Err(Failure::usage(format!("格式“{other}”无效，目前支持 csv"))),
        None => return Err(Failure::usage("请用 --format csv 指定输出格式")),
    }
    let ledger = Ledger::open(db)?;
    let figures = gongkai_ledger::documents::annual_figures(ledger.conn(), year)?;
    let _ = write!(io.out, "{}", section_two_item_one_csv(&figures));
    Ok(())
}

/// 第二十条第（一）项 as CSV: a header line, then one line per row.
pub fn section_two_item_one_csv(figures: &gongkai_core::document::AnnualFigures) -> String {
    let mut out = String::from("信息内容,本年制发件数,本年废止件数,现行有效件数\n");
    for (label, row) in figures.rows() {
        out.push_str(&format!("{label},{},{},{}\n", row.issued, row.repealed, row.in_force));
    }
    out
}
