//! `gongkai audit verify`, `gongkai backup`, `gongkai restore` and `gongkai check --read-only`:
//! the ledger as a legal record.

use std::io::BufRead;
use std::path::Path;

use gongkai_ledger::{audit, backup, Ledger};

use crate::commands::{CmdResult, Failure, Io};

pub fn audit_verify(db: &Path, io: &mut Io<'_>) -> CmdResult {
    let ledger = Ledger::open(db)?;
    let report = audit::verify(&ledger)?;
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

/// `gongkai check --read-only`: looks at a ledger (a backup, say) without creating, migrating or
/// writing anything, and says what it holds.
pub fn check_read_only(db: &Path, io: &mut Io<'_>) -> CmdResult {
    let s = backup::inspect(db)?;
    let version = if s.schema_version < s.supported_version {
        format!("{}（旧版本，打开或恢复时会升级到 {}）", s.schema_version, s.supported_version)
    } else {
        s.schema_version.to_string()
    };
    let counts = format!("依申请公开 {} 件，文件台账 {} 件，审计日志 {} 条", s.requests, s.documents, s.audit_entries);
    if s.problems.is_empty() {
        let _ = writeln!(io.out, "台账正常（只读检查）：结构版本 {version}，{counts}；完整性检查和外键检查均通过");
        return Ok(());
    }
    for p in &s.problems {
        let _ = writeln!(io.err, "{p}");
    }
    Err(Failure { message: format!("台账检查发现 {} 处问题（只读检查，文件未改动）", s.problems.len()), exit_code: 1 })
}
