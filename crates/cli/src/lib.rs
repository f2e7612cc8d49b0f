//! The headless half of the `gongkai` binary: parses the command line (clap) and runs a
//! subcommand against the ledger. Standard output carries only the result; logs, warnings and
//! notes go to standard error; every refusal is a Chinese message and a non-zero exit.

mod audit_log;
mod commands;
mod documents;
mod ledger_admin;
pub mod instance;
mod demo;
mod letter;
pub mod report;
mod requests;
mod users;
mod settings;
mod plans;
mod submissions;
mod backlog;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, Args, Parser, Subcommand};

pub use commands::{Failure, Io};

const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}{after-help}";
const SUB_HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// 政务公开台账：规章和行政规范性文件台账、依申请公开办理、政府信息公开工作年度报告。
/// 不带参数运行时打开窗口；带子命令时在命令行中工作。
#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "命令",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// 台账文件路径（默认在本机应用数据目录；也可用环境变量 GONGKAI_DB 指定）
    #[arg(long, global = true, env = "GONGKAI_DB", value_name = "路径")]
    pub db: Option<PathBuf>,
    /// 本机记录（审计锚点）所在文件夹（默认在用户配置目录；也可用环境变量 GONGKAI_CONFIG_DIR 指定）
    #[arg(long, global = true, env = "GONGKAI_CONFIG_DIR", value_name = "文件夹")]
    pub config_dir: Option<PathBuf>,
    /// 以该账户登录（台账启用账户后，写入类命令都需要）；密码取自环境变量 GONGKAI_PASSWORD
    #[arg(long, global = true, value_name = "登录名")]
    pub user: Option<String>,
    /// 操作人姓名，记入审计日志（默认取登录用户名；台账启用账户后不再接受，请用 --user）
    #[arg(long, global = true, value_name = "姓名")]
    pub operator: Option<String>,
    /// 显示帮助
    #[arg(short = 'h', long, global = true, action = ArgAction::Help)]
    help: Option<bool>,
    /// 显示版本号
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查台账：不存在则创建，升级结构，运行完整性和外键检查（--read-only 只读检查，不创建、不升级、不写入）
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Check {
        /// 只读检查（例如检查一个备份文件）：不创建、不升级、不写入，并列出件数
        #[arg(long)]
        read_only: bool,
    },
    /// 向空台账填入演示数据（台账已有数据时拒绝）
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Demo,
    /// 工作日历：计算期限、判断工作日、录入放假通知和本地调整
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE)]
    Calendar(CalendarCommand),
    /// 导入：从 Excel（.xlsx）或 CSV 文件导入台账，全部检查通过才写入
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE)]
    Import(ImportCommand),
    /// 导出：把台账写成 Excel（.xlsx）或 CSV（.csv）文件，按 --out 的扩展名
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE)]
    Export(ExportCommand),
    /// 政府信息公开工作年度报告
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Report(ReportArgs),
    /// 审计日志：校验哈希链和每条记录的最后状态
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE)]
    Audit(AuditCommand),
    /// 在线备份台账（含全部附件和审计锚点）到一个文件；不指定 --out 时写入台账旁 backups 文件夹的“手动备份”；--to 备份到选定的文件夹（如 U 盘），附件另存为普通文件，写完后逐一校验
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Backup {
        /// 备份文件路径（不会覆盖已有文件）
        #[arg(long, value_name = "文件", conflicts_with = "to")]
        out: Option<PathBuf>,
        /// 备份到这个文件夹（如 U 盘）：在其中新建“政务公开台账备份-日期时间-标识”文件夹，含台账备份、附件和校验清单
        #[arg(long, value_name = "文件夹")]
        to: Option<PathBuf>,
    },
    /// 用备份文件替换台账和附件（先校验备份，并把当前台账另存到 backups 文件夹）；窗口打开该台账时请在窗口中恢复
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Restore {
        /// 备份文件路径
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 不再询问，直接恢复（备份属于另一本台账时，也以此为确认）
        #[arg(long)]
        yes: bool,
    },
    /// 告知书：为申请生成登记回执、补正告知书、延期答复告知书、征求第三方意见书、公开决定告知书、征求其他机关意见函、说明理由通知书、收费通知或答复书（PDF），编号并记入台账
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Letter(LetterArgs),
    /// 依申请公开：登记申请、登记办理记录、查看期限
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Request(requests::RequestCommand),
    /// 账户：添加、列出、停用、启用、改密码、设置角色
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE, subcommand_help_heading = "命令")]
    User(users::UserCommand),
    /// 设置：列出或修改机关名称、编号格式、自动备份间隔等（与窗口中的“设置”相同的校验）
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Settings(settings::SettingsCommand),
    /// 报送单位：添加、列出（各部门、乡镇街道等，工作要点和汇总共用）
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Unit(plans::UnitCommand),
    /// 工作要点：导入年度政务公开工作要点、列出任务、登记各单位的进展
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Plan(plans::PlanCommand),
    /// 汇总：导入各单位报送的年度报告表格、列出报送情况（汇总表用 gongkai report --consolidated）
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Submission(submissions::SubmissionCommand),
    /// 积压：导入后把旧文件标记为已上网、旧申请标记为导入前已办结（不加 --yes 只列出件数）
    #[command(subcommand, help_template = SUB_HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Backlog(backlog::BacklogCommand),
}

/// The signed-in account's password, for `--user`.
pub const PASSWORD_ENV: &str = "GONGKAI_PASSWORD";

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// 导入文件台账（.xlsx 或 .csv；CSV 可为 UTF-8 或 GBK 编码），输出导入件数
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Documents {
        #[arg(value_name = "文件")]
        file: PathBuf,
    },
    /// 导入依申请公开台账（.xlsx，或 UTF-8、GBK 编码的 .csv），全部通过检查才写入
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Requests {
        #[arg(value_name = "文件")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// 把文件台账导出为 Excel（.xlsx）或 CSV（.csv，按 --out 的扩展名），或用 --template 生成空白导入模板
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Documents {
        /// 写入的文件路径：.xlsx 或 .csv（UTF-8 带 BOM，列序与导入模板相同）
        #[arg(long, value_name = "文件")]
        out: PathBuf,
        /// 只导出该年度（按发布日期）发布的文件
        #[arg(long, value_name = "年度")]
        year: Option<String>,
        /// 生成空白导入模板，而不是导出台账
        #[arg(long)]
        template: bool,
    },
    /// 导出依申请公开台账到 .xlsx 或 .csv（按 --out 的扩展名；证件号码和联系方式默认部分隐藏）
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Requests(requests::ExportRequestsArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// 报告年度，例如 2025
    #[arg(long, value_name = "年度")]
    pub year: String,
    /// 输出格式：csv（输出到标准输出）、pdf 或 xlsx（写到 --out 文件）；给出 --out 时按扩展名，默认 pdf
    #[arg(long, value_name = "格式")]
    pub format: Option<String>,
    /// 把报告写成 PDF 或 Excel 文件
    #[arg(long, value_name = "文件")]
    pub out: Option<PathBuf>,
    /// 勾稽检查未通过仍要导出时的理由（记入台账，不打印在报告上）
    #[arg(long, value_name = "理由")]
    pub override_reason: Option<String>,
    /// 存档副本：每页页脚印审计日志条号、校验码和导出时间（对外公布的报告不要加）
    #[arg(long)]
    pub archive: bool,
    /// 汇总表：各单位报送的表格逐项相加（见 gongkai submission），--format csv、xlsx 或 pdf
    #[arg(long)]
    pub consolidated: bool,
}

#[derive(Debug, Args)]
pub struct LetterArgs {
    /// 受理编号
    #[arg(value_name = "受理编号")]
    pub number: String,
    /// 告知书种类：登记回执、补正告知书、延期答复告知书、征求第三方意见书、公开决定告知书、征求其他机关意见函、说明理由通知书、收费通知、答复书
    #[arg(value_name = "种类")]
    pub kind: String,
    /// 写入的 PDF 文件
    #[arg(long, value_name = "文件")]
    pub out: PathBuf,
    /// 只生成预览：不占用文书编号，不记入台账
    #[arg(long)]
    pub preview: bool,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 只读校验审计日志：哈希链、锚点（backups 中的备份、本机记录、--anchor）、台账结构和每条记录的最后状态；全部通过时退出码为 0
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Verify {
        /// 手工核对的锚点“条号:校验码”（报告存档副本或告知书上印的校验码，或 gongkai audit head 的输出），可多次给出
        #[arg(long = "anchor", value_name = "条号:校验码")]
        anchors: Vec<String>,
    },
    /// 输出审计日志的最新一条“条号:哈希”（锚点），供另行保存
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Head,
    /// 列出审计日志（最新的在前），与窗口“设置 → 审计日志”相同：中文字段名和取值，记录以受理编号或文号标明
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    List {
        /// 只列出某条记录的日志：受理编号、文号或行号
        #[arg(long, value_name = "受理编号或文号")]
        record: Option<String>,
        /// 只列出某张表的日志，例如 依申请公开、文件台账、导入批次
        #[arg(long, value_name = "表")]
        table: Option<String>,
        /// 最多列出多少条（1 至 500）
        #[arg(long, value_name = "条数", default_value_t = 50)]
        limit: i64,
        /// 每条下面逐项列出变化的字段
        #[arg(long)]
        detail: bool,
        /// 按原样输出日志条目（JSON），不翻译字段和取值
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// 计算自某日起 N 个工作日的期限（当日不计入），输出 YYYY-MM-DD
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Due {
        /// 起算日期，YYYY-MM-DD
        #[arg(value_name = "日期")]
        date: String,
        /// 工作日数
        #[arg(value_name = "N")]
        n: String,
    },
    /// 标记某年放假通知已录入完整（此后该年的期限不再是“预计”）
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Confirm {
        /// 年份，例如 2027
        #[arg(value_name = "年份")]
        year: String,
    },
    /// 判断某日是工作日还是休息日
    #[command(name = "is-workday", help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    IsWorkday {
        /// 日期，YYYY-MM-DD
        #[arg(value_name = "日期")]
        date: String,
    },
    /// 录入一天：放假（holiday）或调休上班（workday）
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Add {
        #[arg(value_name = "日期")]
        date: String,
        /// holiday / workday（或 放假 / 上班）
        #[arg(value_name = "类型")]
        kind: String,
        #[arg(value_name = "名称")]
        name: String,
        /// 作为国务院办公厅放假通知录入；默认作为本地调整（录完一年后用 calendar confirm 年份 标记已录入完整）
        #[arg(long)]
        notice: bool,
    },
    /// 从 TSV 或 CSV 文件导入（列：日期、类型、名称），全部成功才写入
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Import {
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 作为国务院办公厅放假通知导入；默认作为本地调整
        #[arg(long)]
        notice: bool,
    },
}

/// Parses `args`; on a usage error prints a Chinese message and returns the exit code to use.
pub fn parse<I, T>(args: I) -> Result<Cli, ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match Cli::try_parse_from(args) {
        Ok(cli) => Ok(cli),
        Err(e) => {
            use clap::error::ErrorKind as K;
            match e.kind() {
                K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    Err(ExitCode::SUCCESS)
                }
                kind => {
                    let what = match kind {
                        K::InvalidSubcommand => "未知的子命令",
                        K::UnknownArgument => "未知的参数",
                        K::MissingRequiredArgument => "缺少必需的参数",
                        K::MissingSubcommand => "缺少子命令",
                        K::InvalidValue | K::ValueValidation => "参数值无效",
                        K::TooManyValues | K::WrongNumberOfValues => "参数个数不对",
                        K::ArgumentConflict => "参数相互冲突",
                        _ => "命令行有误",
                    };
                    let detail = e.render().to_string();
                    let first = detail.lines().next().unwrap_or("").trim_start_matches("error: ");
                    eprintln!("错误：{what}（{first}）。运行 gongkai --help 查看用法。");
                    Err(ExitCode::from(2))
                }
            }
        }
    }
}

/// Runs a parsed subcommand on the process's standard output and error.
/// `default_db` is the ledger in the platform's app-data folder.
/// `default_config` is this workstation's config folder (its record of audit anchors).
pub fn run(cli: Cli, default_db: PathBuf, default_config: PathBuf) -> ExitCode {
    init_logging();
    let mut cli = cli;
    cli.global.config_dir.get_or_insert(default_config);
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    ExitCode::from(run_with(cli, default_db, &mut Io { out: &mut out, err: &mut err }))
}

/// Runs a parsed subcommand writing to `io`; returns the exit status. Tests call this in-process.
pub fn run_with(cli: Cli, default_db: PathBuf, io: &mut Io<'_>) -> u8 {
    let Some(command) = cli.command else {
        let _ = writeln!(io.err, "错误：缺少子命令。运行 gongkai --help 查看用法。");
        return 2;
    };
    let db = cli.global.db.clone().unwrap_or(default_db);
    // Ledgers opened by this command keep this workstation's record of anchors (none if unset).
    gongkai_ledger::anchors::set_thread_workstation_dir(cli.global.config_dir.clone());
    // …and sign in as `--user` with `GONGKAI_PASSWORD` (a wrong password fails the open).
    let credentials = match cli.global.user.as_deref().map(str::trim) {
        None => None,
        Some(login) => match std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty()) {
            Some(password) => Some((login.to_string(), password)),
            None => {
                let _ = writeln!(io.err, "错误：--user 需要在环境变量 {PASSWORD_ENV} 中提供该账户的密码（不会在命令行上询问）");
                return 2;
            }
        },
    };
    gongkai_ledger::accounts::set_thread_credentials(credentials);
    match commands::run(&command, &db, &cli.global, io) {
        Ok(()) => 0,
        Err(f) => {
            let _ = writeln!(io.err, "错误：{}", f.message);
            f.exit_code
        }
    }
}

/// Logs to standard error only, so standard output stays the result.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("GONGKAI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).without_time().try_init();
}

/// Parses and runs `args` (without the program name) in-process, capturing both streams:
/// `(exit status, stdout, stderr)`. For tests of the command-line contract.
pub fn run_captured(args: &[&str]) -> (u8, String, String) {
    let argv = std::iter::once("gongkai").chain(args.iter().copied());
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => return (2, String::new(), e.to_string()),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_with(cli, PathBuf::from("gongkai-test-default.db"), &mut Io { out: &mut out, err: &mut err });
    (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}
