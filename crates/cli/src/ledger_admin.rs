//! `gongkai audit verify`, `gongkai backup` and `gongkai restore`: the ledger as a legal record.

use std::io::BufRead;
use std::path::Path;

use gongkai_ledger::{audit, backup, Ledger};

use crate::commands::{CmdResult, Failure, Io};

pub fn audit_verify(db: &Path, io: &mut Io<'_>) -> CmdResult {
    let ledger = Ledger::open(db)?;
    let report = audit::verify(ledger.conn())?;
    if report.problems.is_empty() {
        let _ = writeln!(io.out, "审计日志完好：{} 条日志，{} 条记录均与日志一致", report.entries, report.rows);
        return Ok(());
    }
    for p in &report.problems {
        let _ = writeln!(io.err, "{p}");
    }
    Err(Failure { message: format!("审计校验发现 {} 处问题，第一处：{}", report.problems.len(), report.problems[0]), exit_code: 1 })
}

pub fn backup(db: &Path, out: &Path, io: &mut Io<'_>) -> CmdResult {
    if out.exists() {
        return Err(Failure { message: format!("文件“{}”已存在，不会覆盖；请换一个文件名", out.display()), exit_code: 1 });
    }
    let ledger = Ledger::open(db)?;
    backup::backup_to(&ledger, out)?;
    let _ = writeln!(io.out, "已备份到 {}", out.display());
    Ok(())
}

pub fn restore(file: &Path, db: &Path, yes: bool, io: &mut Io<'_>) -> CmdResult {
    if !yes {
        let _ = write!(io.err, "将用“{}”替换台账“{}”（当前台账会先另存到 backups 文件夹）。确认恢复请输入 是：", file.display(), db.display());
        let _ = io.err.flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "是" | "y" | "yes" | "Y") {
            return Err(Failure { message: "已取消恢复，台账未改动".into(), exit_code: 1 });
        }
    }
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let safety = backup::restore(file, db, &stamp)?;
    if let Some(s) = safety {
        let _ = writeln!(io.err, "原台账已另存为 {}", s.display());
    }
    let _ = writeln!(io.out, "已从 {} 恢复台账", file.display());
    Ok(())
}
