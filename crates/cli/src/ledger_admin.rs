//! `gongkai audit verify|head`, `gongkai backup`, `gongkai restore` and `gongkai check`: the
//! ledger as a legal record.

use std::io::BufRead;
use std::path::Path;

use gongkai_ledger::audit::{self, Anchor, Head};
use gongkai_ledger::{anchors, backup, Ledger};

use crate::commands::{CmdResult, Failure, Io};

/// Opens the ledger at `db` read-only (it must exist): verification never creates, migrates or
/// writes a byte of it.
fn read_only(db: &Path) -> Result<Ledger, Failure> {
    Ledger::open_read_only(db).map_err(Failure::from)
}

/// `gongkai audit verify`: the chain, against every anchor found (the same ledger's backups, this
/// workstation's record in `--config-dir`) and given (`--anchor`), the schema and the rows. Reads
/// only; on success this workstation's record moves to the head.
pub fn audit_verify(db: &Path, given: &[String], io: &mut Io<'_>) -> CmdResult {
    let mut anchors_given = Vec::new();
    for text in given {
        anchors_given.push(Anchor { head: Head::parse(text)?, source: format!("手工输入的锚点 {}", text.trim()) });
    }
    let ledger = read_only(db)?;
    let report = anchors::verify_all(&ledger, anchors_given)?;
    if report.problems.is_empty() {
        let head = report.head.as_ref().map(|h| format!("；最新一条：{}", h.printed())).unwrap_or_default();
        let _ = writeln!(
            io.out,
            "审计日志完好：{} 条日志，{} 条记录均与日志一致，核对锚点 {} 个，台账结构无误{head}",
            report.entries, report.rows, report.anchors
        );
        return Ok(());
    }
    for p in &report.problems {
        let _ = writeln!(io.err, "{p}");
    }
    Err(Failure { message: format!("审计校验发现 {} 处问题，第一处：{}", report.problems.len(), report.problems[0]), exit_code: 1 })
}

/// `gongkai audit head`: `N:HASH` on one line (nothing for an empty log).
pub fn audit_head(db: &Path, io: &mut Io<'_>) -> CmdResult {
    let ledger = read_only(db)?;
    match audit::head(&ledger)? {
        Some(h) => {
            let _ = writeln!(io.out, "{h}");
            Ok(())
        }
        None => Err(Failure { message: "审计日志是空的，还没有锚点".into(), exit_code: 1 }),
    }
}

pub fn backup(db: &Path, out: Option<&Path>, io: &mut Io<'_>) -> CmdResult {
    if let Some(out) = out.filter(|o| o.exists()) {
        return Err(Failure { message: format!("文件“{}”已存在，不会覆盖；请换一个文件名", out.display()), exit_code: 1 });
    }
    let ledger = Ledger::open(db)?;
    let written = match out {
        Some(out) => backup::backup_to(&ledger, out)?,
        None => {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
            let path = backup::backup_now(&ledger, &stamp)?;
            backup::Written { head: audit::head(&ledger)?, attachments: 0, missing: Vec::new(), path }
        }
    };
    for m in &written.missing {
        let _ = writeln!(io.err, "警告：{m}");
    }
    let head = written.head.as_ref().map(|h| format!("（{}）", h.printed())).unwrap_or_default();
    let _ = writeln!(io.out, "已备份到 {}{head}", written.path.display());
    Ok(())
}

/// `gongkai backup --to DIR`: the ledger and its attachments into a new folder inside DIR (a USB
/// drive), read back and verified; progress on standard error, the folder on standard output.
pub fn backup_to_folder(db: &Path, to: &Path, io: &mut Io<'_>) -> CmdResult {
    let mut ledger = Ledger::open(db)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut last = (String::new(), u64::MAX);
    let err = &mut *io.err;
    let done = backup::backup_to_folder(&mut ledger, to, &stamp, &mut |p| {
        // One line per stage and per tenth of the way: enough for a long copy, quiet for a short one.
        let tenth = if p.total_bytes == 0 { 10 } else { p.done_bytes * 10 / p.total_bytes };
        if p.stage != last.0 || tenth != last.1 {
            let percent = if p.total_bytes == 0 { 100 } else { p.done_bytes * 100 / p.total_bytes };
            let _ = writeln!(err, "{}… {percent}%", p.stage);
            last = (p.stage.clone(), tenth);
        }
    })?;
    for m in &done.missing {
        let _ = writeln!(io.err, "警告：{m}");
    }
    let _ = writeln!(io.err, "已校验：台账完整，{} 个附件与登记时的 SHA-256 一致", done.attachments);
    let _ = writeln!(io.out, "已备份到 {}", done.folder);
    Ok(())
}

pub fn restore(file: &Path, db: &Path, yes: bool, io: &mut Io<'_>) -> CmdResult {
    if crate::instance::window_holds(db) {
        return Err(Failure {
            message: format!("台账“{}”正在窗口中打开，命令行不能恢复；请在窗口的“设置 → 备份与恢复”中恢复，或先关闭窗口", db.display()),
            exit_code: 1,
        });
    }
    if !file.is_file() {
        return Err(Failure { message: format!("备份文件不存在：{}", file.display()), exit_code: 1 });
    }
    if !yes {
        let _ = write!(io.err, "将用“{}”替换台账“{}”及其附件（当前台账会先另存到 backups 文件夹）。确认恢复请输入 是：", file.display(), db.display());
        let _ = io.err.flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "是" | "y" | "yes" | "Y") {
            return Err(Failure { message: "已取消恢复，台账未改动".into(), exit_code: 1 });
        }
    }
    let mut ledger = Ledger::open(db)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let before_id = anchors::ledger_id(&ledger)?;
    let outcome = backup::restore_into(&mut ledger, file, yes, &stamp)?;
    let after_id = anchors::ledger_id(&ledger)?;
    if before_id != after_id {
        let short = |i: &Option<String>| backup::short_id(i.as_deref());
        let _ = writeln!(io.err, "注意：备份属于另一本台账（标识 {}），已替换原台账（标识 {}）", short(&after_id), short(&before_id));
    }
    let _ = writeln!(io.err, "原台账已另存为 backups/{}", outcome.safety_copy);
    let head = outcome.restored_head.as_ref().map(|h| format!("（{}）", h.printed())).unwrap_or_default();
    let _ = writeln!(io.out, "已从 {} 恢复台账{head}，写回附件 {} 个", file.display(), outcome.attachments);
    Ok(())
}

/// `gongkai check`: integrity, foreign keys and every attachment against its SHA-256. A backup
/// file is checked read-only, its attachments against the copies inside it.
pub fn check(db: &Path, io: &mut Io<'_>) -> CmdResult {
    if db.exists() && backup::is_backup_file(db).unwrap_or(false) {
        return check_read_only(db, io);
    }
    let existed = db.exists();
    let ledger = Ledger::open(db)?;
    let mut problems = ledger.check_integrity()?;
    problems.extend(backup::check_attachments(&ledger)?);
    let version = ledger.schema_version()?;
    if problems.is_empty() {
        let created = if existed { "" } else { "（新建）" };
        let _ = writeln!(io.out, "台账正常{created}：结构版本 {version}，完整性检查和外键检查均通过，附件均与登记时的 SHA-256 一致");
        return Ok(());
    }
    for p in &problems {
        let _ = writeln!(io.err, "{p}");
    }
    Err(Failure { message: format!("台账检查发现 {} 处问题，第一处：{}", problems.len(), problems[0]), exit_code: 1 })
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
    let what = if s.is_backup { "备份正常" } else { "台账正常" };
    let counts = format!("依申请公开 {} 件，文件台账 {} 件，附件 {} 个，审计日志 {} 条", s.requests, s.documents, s.attachments, s.audit_entries);
    let head = s.head.as_ref().map(|h| format!("；{}", h.printed())).unwrap_or_default();
    if s.problems.is_empty() {
        let _ = writeln!(io.out, "{what}（只读检查）：结构版本 {version}，{counts}；完整性检查和外键检查均通过{head}");
        return Ok(());
    }
    for p in &s.problems {
        let _ = writeln!(io.err, "{p}");
    }
    Err(Failure { message: format!("台账检查发现 {} 处问题（只读检查，文件未改动）", s.problems.len()), exit_code: 1 })
}
