//! One function per subcommand: open the ledger, make one domain call, print the result.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use gongkai_core::calendar::{Calendar, DayEntry, DayKind};
use gongkai_core::{AppError, ErrorCode};
use gongkai_ledger::calendar::CalendarSource;
use gongkai_ledger::Ledger;

use crate::{CalendarCommand, Command, ExportCommand, GlobalArgs, ImportCommand};

/// A refusal: the Chinese message for standard error and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub exit_code: u8,
}

impl Failure {
    /// Bad input on the command line: exit code 2, as for a usage error.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), exit_code: 2 }
    }
}

/// The format an export's `--out` names by its extension; anything but .csv and .xlsx is refused
/// (exit 2) before anything is read or written.
pub fn export_format(out: &Path) -> Result<gongkai_ledger::ExportFormat, Failure> {
    gongkai_ledger::ExportFormat::of_path(out).ok_or_else(|| {
        Failure::usage(format!(
            "无法导出到“{}”：文件扩展名应为 .xlsx（Excel 工作簿）或 .csv（UTF-8 编码的 CSV 文件），未写入任何文件",
            out.display()
        ))
    })
}

/// Exit code of an action the request's current state does not allow (`InvalidTransition`),
/// so scripts can tell it from a missing request or a broken ledger (1).
pub const EXIT_INVALID_TRANSITION: u8 = 3;

/// Exit code of an action the signed-in account's roles do not allow (`Forbidden`), or a write
/// without an account on a ledger that has accounts.
pub const EXIT_FORBIDDEN: u8 = 4;

impl From<AppError> for Failure {
    fn from(e: AppError) -> Failure {
        match e.code {
            ErrorCode::Validation => Failure { message: e.message, exit_code: 2 },
            // The code travels with the message, as it does over IPC, for scripts that read it.
            ErrorCode::InvalidTransition => Failure {
                message: format!("{}（错误代码 InvalidTransition）", e.message),
                exit_code: EXIT_INVALID_TRANSITION,
            },
            ErrorCode::Forbidden => {
                Failure { message: format!("{}（错误代码 Forbidden）", e.message), exit_code: EXIT_FORBIDDEN }
            }
            _ => Failure { message: e.message, exit_code: 1 },
        }
    }
}

impl From<gongkai_ledger::Error> for Failure {
    fn from(e: gongkai_ledger::Error) -> Failure {
        tracing::debug!(error = ?e, "command failed");
        Failure::from(e.to_app_error())
    }
}

pub(crate) type CmdResult = Result<(), Failure>;

/// Where a subcommand writes: `out` for the result only, `err` for notes and warnings.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

// Writing to a closed pipe is not worth a second error message.
macro_rules! out {
    ($io:expr, $($arg:tt)*) => { let _ = writeln!($io.out, $($arg)*); };
}
macro_rules! note {
    ($io:expr, $($arg:tt)*) => { let _ = writeln!($io.err, $($arg)*); };
}

pub fn run(command: &Command, db: &Path, global: &GlobalArgs, io: &mut Io<'_>) -> CmdResult {
    // One operator rule for the whole process: events and audit rows both take it. Once the
    // ledger has accounts a typed name no longer signs anything: `--user` does.
    if let Some(op) = global.operator.as_deref() {
        if db.exists() && Ledger::open_read_only(db).ok().is_some_and(|l| gongkai_ledger::accounts::any(&l).unwrap_or(false)) {
            return Err(Failure {
                message: "该台账已启用账户，不再接受 --operator；请用 --user 登录名（密码放在环境变量 GONGKAI_PASSWORD 中）".into(),
                exit_code: EXIT_FORBIDDEN,
            });
        }
        gongkai_ledger::set_default_operator(op);
    }
    match command {
        Command::Check { read_only: false } => crate::ledger_admin::check(db, io),
        Command::Check { read_only: true } => crate::ledger_admin::check_read_only(db, io),
        Command::Demo => demo(db, io),
        Command::Calendar(c) => calendar(c, db, io),
        Command::Import(ImportCommand::Documents { file }) => crate::documents::import(file, db, io),
        Command::Export(ExportCommand::Documents { out, year, template }) => {
            crate::documents::export(out, year.as_deref(), *template, db, io)
        }
        Command::Report(args) => crate::report::run(args, db, io),
        Command::Audit(crate::AuditCommand::Verify { anchors }) => {
            crate::ledger_admin::audit_verify(db, anchors, io)
        }
        Command::Audit(crate::AuditCommand::Head) => crate::ledger_admin::audit_head(db, io),
        Command::Audit(crate::AuditCommand::List { record, table, limit, detail, json }) => {
            let args = crate::audit_log::ListArgs {
                record: record.as_deref(),
                table: table.as_deref(),
                limit: *limit,
                detail: *detail,
                json: *json,
            };
            crate::audit_log::list(db, &args, io)
        }
        Command::Backup { out, to: Some(to) } if out.is_none() => crate::ledger_admin::backup_to_folder(db, to, io),
        Command::Backup { out, .. } => crate::ledger_admin::backup(db, out.as_deref(), io),
        Command::Restore { file, yes } => crate::ledger_admin::restore(file, db, *yes, io),
        Command::Import(ImportCommand::Requests { file }) => crate::requests::import(file, db, io),
        Command::Export(ExportCommand::Requests(args)) => crate::requests::export(args, db, io),
        Command::Request(c) => crate::requests::run(c, db, io),
        Command::Letter(args) => crate::letter::run(args, db, io),
        Command::User(c) => crate::users::run(c, db, io),
        Command::Settings(c) => crate::settings::run(c, db, io),
        Command::Unit(c) => crate::plans::run_unit(c, db, io),
        Command::Plan(c) => crate::plans::run_plan(c, db, io),
        Command::Submission(c) => crate::submissions::run(c, db, io),
        Command::Backlog(c) => crate::backlog::run(c, db, io),
    }
}

fn demo(db: &Path, io: &mut Io<'_>) -> CmdResult {
    let mut ledger = Ledger::open(db)?;
    if !ledger.is_empty()? {
        return Err(Failure {
            message: "该台账已有数据，演示数据只能填入空台账；请用 --db 指定一个新文件".into(),
            exit_code: 1,
        });
    }
    let today = chrono::Local::now().date_naive();
    let (documents, requests, letters) = crate::demo::fill(&mut ledger, today)?;
    out!(
        io,
        "已填入演示数据：{}年和{}年的 {documents} 件文件、{requests} 件申请（各种办理状态）、{letters} 份告知书、1 件行政复议；机关名称和 8 个部门",
        chrono::Datelike::year(&today) - 1,
        chrono::Datelike::year(&today)
    );
    Ok(())
}

fn parse_date(s: &str) -> Result<NaiveDate, Failure> {
    gongkai_core::dates::parse_field("日期", s).map_err(Failure::usage)
}

fn parse_kind(s: &str) -> Result<DayKind, Failure> {
    match s.trim() {
        "holiday" | "放假" | "休息日" | "假日" => Ok(DayKind::Holiday),
        "workday" | "上班" | "调休上班" | "工作日" => Ok(DayKind::Workday),
        _ => Err(Failure::usage(format!("类型“{s}”无效，应为 holiday（放假）或 workday（上班）"))),
    }
}

fn effective_calendar(db: &Path) -> Result<Calendar, Failure> {
    let ledger = Ledger::open(db)?;
    Ok(gongkai_ledger::calendar::effective(&ledger)?)
}

fn calendar(c: &CalendarCommand, db: &Path, io: &mut Io<'_>) -> CmdResult {
    match c {
        CalendarCommand::Due { date, n } => {
            let from = parse_date(date)?;
            let n: u32 = n
                .trim()
                .parse()
                .ok()
                .filter(|n| *n <= 3650)
                .ok_or_else(|| Failure::usage(format!("工作日数“{n}”无效，应为 0 到 3650 之间的整数")))?;
            let cal = effective_calendar(db)?;
            let due = cal.due(from, n);
            if let Some(e) = &due.estimate {
                // Standard output stays the bare date; 预计 and its reason go to standard error.
                note!(io, "预计：{}（按周一至周五计算为 {}）；{}", due.date.format("%Y-%m-%d"), e.weekday_date.format("%Y-%m-%d"), e.reason);
            }
            for w in &due.warnings {
                note!(io, "提示：{w}");
            }
            out!(io, "{}", due.date.format("%Y-%m-%d"));
            Ok(())
        }
        CalendarCommand::Confirm { year } => {
            let y: i32 = year.trim().parse().map_err(|_| Failure::usage(format!("年份“{year}”无效，应为四位数字，例如 2027")))?;
            let mut ledger = Ledger::open(db)?;
            gongkai_ledger::calendar::confirm_year(&mut ledger, y)?;
            note!(io, "已标记 {y} 年放假通知已录入完整：该年的期限不再是预计");
            Ok(())
        }
        CalendarCommand::IsWorkday { date } => {
            let d = parse_date(date)?;
            let cal = effective_calendar(db)?;
            if !cal.covers(chrono::Datelike::year(&d)) {
                note!(io, "提示：{}年节假日安排未录入，按周一至周五计算", chrono::Datelike::year(&d));
            }
            out!(io, "{}", if cal.is_workday(d) { "工作日" } else { "休息日" });
            Ok(())
        }
        CalendarCommand::Add { date, kind, name, notice } => {
            let entry = DayEntry { date: parse_date(date)?, kind: parse_kind(kind)?, name: name.trim().to_string() };
            let mut ledger = Ledger::open(db)?;
            let source = if *notice { CalendarSource::Notice } else { CalendarSource::Local };
            gongkai_ledger::calendar::upsert(&mut ledger, &[entry], source)?;
            note!(io, "已录入 {date}");
            Ok(())
        }
        CalendarCommand::Import { file, notice } => {
            let bytes = std::fs::read(file)
                .map_err(|e| Failure { message: format!("无法读取文件“{}”：{e}", file.display()), exit_code: 1 })?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Failure::usage(format!("文件“{}”不是 UTF-8 编码的文本", file.display())))?;
            let parsed = Calendar::parse_table(&text).map_err(|e| Failure::usage(e.to_string()))?;
            let entries: Vec<DayEntry> = parsed.into_iter().map(|(e, _)| e).collect();
            let mut ledger = Ledger::open(db)?;
            let source = if *notice { CalendarSource::Notice } else { CalendarSource::Local };
            let n = gongkai_ledger::calendar::upsert(&mut ledger, &entries, source)?;
            note!(io, "已导入 {n} 条日历记录");
            Ok(())
        }
    }
}
