//! `gongkai audit list`: the 审计日志 as the window's 设置 → 审计日志 shows it, newest first, in
//! words (field names, values and the record's 受理编号 or 文号); `--json` prints the entries as
//! logged (personal data masked as in the window).

use std::path::Path;

use gongkai_ledger::audit::{self, AuditFilter};
use gongkai_ledger::Ledger;

use crate::commands::{CmdResult, Failure, Io};

/// The log keeps UTC; the clerk reads local time to the second.
fn local(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| at.to_string())
}

pub struct ListArgs<'a> {
    pub record: Option<&'a str>,
    pub table: Option<&'a str>,
    pub limit: i64,
    pub detail: bool,
    pub json: bool,
}

pub fn list(db: &Path, args: &ListArgs<'_>, io: &mut Io<'_>) -> CmdResult {
    if !(1..=500).contains(&args.limit) {
        return Err(Failure { message: format!("条数“{}”无效：应为 1 至 500", args.limit), exit_code: 2 });
    }
    let ledger = Ledger::open_read_only(db).map_err(Failure::from)?;
    // 表 as the clerk names it (依申请公开) or as logged (request).
    let table = args.table.map(|t| {
        let t = t.trim();
        audit::TABLE_LABELS.iter().find(|(_, l)| *l == t).map_or(t.to_string(), |(name, _)| name.to_string())
    });
    let filter = AuditFilter {
        table_name: table,
        record: args.record.map(str::to_string),
        limit: args.limit,
        ..AuditFilter::default()
    };
    let page = audit::list(&ledger, &filter)?;
    if args.json {
        let raw: Vec<serde_json::Value> = page
            .entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id, "at": e.at, "operator": e.operator, "action": e.action,
                    "table_name": e.table_name, "row_id": e.row_id, "before": e.before, "after": e.after,
                })
            })
            .collect();
        let _ = writeln!(io.out, "{}", serde_json::Value::Array(raw));
        return Ok(());
    }
    for e in &page.entries {
        let _ = writeln!(
            io.out,
            "第 {} 条\t{}\t{}\t{}\t{}\t{}\t{}",
            e.id,
            local(&e.at),
            e.operator,
            audit::action_label(&e.action),
            audit::table_label(&e.table_name),
            e.record,
            e.summary
        );
        if args.detail {
            for f in e.fields.iter().filter(|f| f.changed) {
                let line = match (f.before.is_empty(), f.after.is_empty()) {
                    (true, _) => format!("    {}：{}", f.field, f.after),
                    (false, true) => format!("    {}：{}（已删除）", f.field, f.before),
                    _ => format!("    {}：{} → {}", f.field, f.before, f.after),
                };
                let _ = writeln!(io.out, "{line}");
            }
        }
    }
    let _ = writeln!(io.err, "共 {} 条，显示最新的 {} 条", page.total, page.entries.len());
    Ok(())
}
