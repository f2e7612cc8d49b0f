//! 依申请公开 on the command line: `import requests`, `export requests`, and `request …` to register
//! a request and walk it through the workflow headless. Each function opens the ledger, makes
//! one domain call and prints the result; refusals come from the core workflow, in Chinese.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use gongkai_core::clock::ConsultationKind;
use gongkai_core::identity::{self, IdKind};
use gongkai_core::request::{ActionKind, Channel, EventDetail, ReplyType, RequestEvent, RequestStatus};
use gongkai_core::taxonomy::{ApplicantType, ReplyResult};
use gongkai_ledger::requests::{self, Actor, DueState, RequestFilter, RequestInput};
use gongkai_ledger::Ledger;

use crate::{Failure, Io, SUB_HELP_TEMPLATE};

type CmdResult = Result<(), Failure>;

macro_rules! out {
    ($io:expr, $($arg:tt)*) => { let _ = writeln!($io.out, $($arg)*); };
}

/// `gongkai request …`
#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// 登记一件政府信息公开申请，输出受理编号
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Register(RegisterArgs),
    /// 显示一件申请：登记信息、办理记录、期限及其推算、可进行的操作
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Show {
        #[arg(value_name = "受理编号")]
        number: String,
        /// 显示完整的证件号码和联系方式（默认部分隐藏）
        #[arg(long)]
        unmasked: bool,
    },
    /// 登记一条办理记录（告知补正、收到补正、逾期未补正、征求意见、征求意见结束、延期、发出收费通知、已缴费、逾期未缴费、延迟答复、答复、送达、归档、撤回）
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Event(EventArgs),
    /// 列出申请（证件号码和联系方式部分隐藏）
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    List(ListArgs),
    /// 列出五个工作日内到期和已逾期的申请，最紧急的在前
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Due,
    /// 审核答复书（审核人）
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Review(SignOffArgs),
    /// 签发答复书（负责人）；签发后才能出具答复书
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Sign(SignOffArgs),
    /// 退回答复书（审核人或负责人），须写明意见；修改后重新审核
    #[command(name = "send-back", help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    SendBack(SignOffArgs),
    /// 批准待审批的延期（负责人；条例第三十三条第二款），批准后答复期限顺延
    #[command(help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Approve {
        #[arg(value_name = "受理编号")]
        number: String,
        /// 批准日期，YYYY-MM-DD，默认今天；晚于当前答复期限的批准不予登记
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct SignOffArgs {
    #[arg(value_name = "受理编号")]
    pub number: String,
    /// 日期，YYYY-MM-DD，默认今天
    #[arg(long, value_name = "日期")]
    pub date: Option<String>,
    /// 意见（退回时必填）
    #[arg(long, value_name = "意见")]
    pub comment: Option<String>,
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// 申请人类型：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他
    #[arg(long = "type", value_name = "类型")]
    pub applicant_type: String,
    /// 申请人姓名或名称
    #[arg(long, value_name = "姓名或名称")]
    pub name: String,
    /// 申请方式：当面、邮寄、网络、传真、其他
    #[arg(long, value_name = "方式")]
    pub channel: String,
    /// 收到申请之日（第三十一条），YYYY-MM-DD，默认今天
    #[arg(long, value_name = "日期")]
    pub received: Option<String>,
    /// 申请内容
    #[arg(long, value_name = "内容")]
    pub content: String,
    /// 受理编号（默认按设置的格式生成）
    #[arg(long, value_name = "编号")]
    pub number: Option<String>,
    /// 证件号码（自然人按居民身份证、组织按统一社会信用代码校验；其他证件加 --other-id）
    #[arg(long = "id", value_name = "号码")]
    pub id_number: Option<String>,
    /// 证件号码是其他证件（护照等），不校验
    #[arg(long)]
    pub other_id: bool,
    /// 联系电话
    #[arg(long, value_name = "电话")]
    pub contact: Option<String>,
    /// 通讯地址
    #[arg(long, value_name = "地址")]
    pub address: Option<String>,
    /// 所需信息的文号或名称
    #[arg(long, value_name = "文号或名称")]
    pub document: Option<String>,
    /// 获取信息的形式（第二十九条第二款第（三）项），如 纸质、电子文档
    #[arg(long, value_name = "形式")]
    pub form: Option<String>,
    /// 获取信息的方式，如 邮寄、电子邮件、当面领取
    #[arg(long, value_name = "方式")]
    pub delivery: Option<String>,
}

#[derive(Debug, Args)]
pub struct EventArgs {
    #[arg(value_name = "受理编号")]
    pub number: String,
    /// 办理记录的种类（中文名称，如 答复、告知补正；或英文代码，如 replied）
    #[arg(value_name = "种类")]
    pub kind: String,
    /// 日期，YYYY-MM-DD，默认今天
    #[arg(long, value_name = "日期")]
    pub date: Option<String>,
    /// 告知补正：需要补正的内容
    #[arg(long, value_name = "内容")]
    pub items: Option<String>,
    /// 告知补正：缺少的第二十九条事项，用“、”或“,”分隔：身份证明、联系方式、所需信息的描述、获取信息的方式
    #[arg(long, value_name = "事项")]
    pub grounds: Option<String>,
    /// 告知补正：补正期限
    #[arg(long, value_name = "日期")]
    pub correct_by: Option<String>,
    /// 征求意见：第三方 或 其他机关（默认第三方）
    #[arg(long, value_name = "对象类型")]
    pub consultation: Option<String>,
    /// 征求意见：征求意见的对象
    #[arg(long, value_name = "名称")]
    pub party: Option<String>,
    /// 征求意见结束：对方意见
    #[arg(long, value_name = "意见")]
    pub opinion: Option<String>,
    /// 延期：工作日数
    #[arg(long, value_name = "N")]
    pub workdays: Option<u32>,
    /// 延期：审批人（政府信息公开工作机构负责人）
    #[arg(long, value_name = "姓名")]
    pub approver: Option<String>,
    /// 延期、延迟答复、撤回：理由
    #[arg(long, value_name = "理由")]
    pub reason: Option<String>,
    /// 收费通知、缴费：金额（元）
    #[arg(long, value_name = "元")]
    pub amount: Option<u32>,
    /// 收费通知：依据
    #[arg(long, value_name = "依据")]
    pub basis: Option<String>,
    /// 延迟答复：答复期限
    #[arg(long, value_name = "日期")]
    pub until: Option<String>,
    /// 答复：办理结果（年报类别，如 予以公开、部分公开、本机关不掌握相关政府信息）
    #[arg(long, value_name = "结果")]
    pub result: Option<String>,
    /// 答复：第三十六条的答复类型，1 到 7
    #[arg(long, value_name = "项")]
    pub reply_type: Option<u8>,
    /// 答复、送达：方式（答复默认“书面答复”）
    #[arg(long, value_name = "方式")]
    pub method: Option<String>,
    /// 送达：送达凭证（如邮件号）
    #[arg(long, value_name = "凭证")]
    pub proof: Option<String>,
    /// 归档：档号
    #[arg(long, value_name = "档号")]
    pub archive_number: Option<String>,
    /// 说明
    #[arg(long, value_name = "说明")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// 搜索申请人、申请内容或受理编号
    #[arg(long, value_name = "文字")]
    pub query: Option<String>,
    /// 状态（如 办理中、待补正、已答复）
    #[arg(long, value_name = "状态")]
    pub status: Option<String>,
    /// 收到年度
    #[arg(long, value_name = "年")]
    pub year: Option<i32>,
    /// 到期状态：已逾期、即将到期、办理中、已办结
    #[arg(long, value_name = "到期状态")]
    pub due: Option<String>,
}

fn actor() -> Actor {
    Actor {
        operator: gongkai_ledger::default_operator(),
        now: chrono::Local::now().naive_local(),
    }
}

fn parse_date(what: &str, s: &str) -> Result<NaiveDate, Failure> {
    gongkai_core::dates::parse_field(what, s).map_err(Failure::usage)
}

fn read_file(file: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(file).map_err(|e| Failure {
        message: format!("无法读取文件“{}”：{e}", file.display()),
        exit_code: 1,
    })
}

/// `gongkai import requests FILE`
pub fn import(file: &Path, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let bytes = read_file(file)?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let actor = actor();
    let mut progress = gongkai_ledger::progress::Progress::none();
    // A file that cannot be read, or whose header lacks a column, is refused before the ledger is
    // opened; its rows are checked while they are written, and a bad one rolls all of them back.
    // A ledger file that does not exist yet is made only for rows that all passed a first check.
    if !db.exists() {
        requests::exchange::check(&name, bytes.clone(), actor.today())?;
    }
    let reader = requests::exchange::read(&name, bytes, actor.today())?;
    let mut ledger = Ledger::open(db)?;
    let summary = requests::exchange::apply(&mut ledger, reader, &actor, &mut progress)?;
    out!(io, "{}", summary.line());
    Ok(())
}

/// `gongkai export requests --out FILE`; with `--unmasked` the export is recorded in the ledger
/// (台账事件) once the file is written.
pub fn export(args: &ExportRequestsArgs, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let format = crate::commands::export_format(&args.out)?;
    let filter = filter_of(&args.filter)?;
    let mut ledger = Ledger::open(db)?;
    let today = chrono::Local::now().date_naive();
    let outgoing = gongkai_app::access::request_export_as(&ledger, &filter, today, args.unmasked, format)?;
    let n = outgoing.records;
    std::fs::write(&args.out, &outgoing.bytes).map_err(|e| Failure {
        message: format!("无法写入文件“{}”：{e}", args.out.display()),
        exit_code: 1,
    })?;
    outgoing.written(&mut ledger, &args.out)?;
    let masked = if args.unmasked {
        "证件号码和联系方式未隐藏"
    } else {
        "证件号码和联系方式已部分隐藏"
    };
    out!(io, "已导出 {n} 条申请到 {}（{masked}）", args.out.display());
    Ok(())
}

/// The options of `gongkai export requests`.
#[derive(Debug, Args)]
pub struct ExportRequestsArgs {
    /// 导出到的文件：.xlsx 为 Excel 工作簿，.csv 为 UTF-8（带 BOM）的 CSV 文件，列序与导入模板相同
    #[arg(long, value_name = "文件")]
    pub out: PathBuf,
    /// 导出完整的证件号码和联系方式（默认部分隐藏）
    #[arg(long)]
    pub unmasked: bool,
    #[command(flatten)]
    pub filter: ListArgs,
}

fn filter_of(args: &ListArgs) -> Result<RequestFilter, Failure> {
    let status = match &args.status {
        None => None,
        Some(s) => Some(
            RequestStatus::ALL
                .into_iter()
                .find(|st| st.label() == s.trim() || st.code() == s.trim())
                .ok_or_else(|| {
                    let all: Vec<&str> = RequestStatus::ALL.iter().map(|s| s.label()).collect();
                    Failure::usage(format!("状态“{s}”无效，应为 {}", all.join("、")))
                })?,
        ),
    };
    let due = match &args.due {
        None => None,
        Some(s) => Some(
            [
                DueState::Overdue,
                DueState::DueSoon,
                DueState::Running,
                DueState::Concluded,
            ]
            .into_iter()
            .find(|d| d.label() == s.trim())
            .ok_or_else(|| Failure::usage(format!("到期状态“{s}”无效，应为 已逾期、即将到期、办理中 或 已办结")))?,
        ),
    };
    Ok(RequestFilter {
        query: args.query.clone().unwrap_or_default(),
        status,
        year: args.year,
        due,
        page: 1,
        page_size: requests::MAX_PAGE_SIZE,
        ..Default::default()
    })
}

pub fn run(command: &RequestCommand, db: &Path, io: &mut Io<'_>) -> CmdResult {
    match command {
        RequestCommand::Register(args) => register(args, db, io),
        RequestCommand::Show { number, unmasked } => show(number, *unmasked, db, io),
        RequestCommand::Event(args) => event(args, db, io),
        RequestCommand::List(args) => list(args, db, io),
        RequestCommand::Due => due(db, io),
        RequestCommand::Approve { number, date } => approve(number, date.as_deref(), db, io),
        RequestCommand::Review(a) | RequestCommand::Sign(a) | RequestCommand::SendBack(a) => sign_off(command, a, db, io),
    }
}

fn register(args: &RegisterArgs, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let applicant_type = ApplicantType::from_label(&args.applicant_type).ok_or_else(|| {
        Failure::usage(format!(
            "申请人类型“{}”无效，应为 自然人、商业企业、科研机构、社会公益组织、法律服务机构 或 其他",
            args.applicant_type
        ))
    })?;
    let channel = Channel::from_label(&args.channel).ok_or_else(|| {
        Failure::usage(format!(
            "申请方式“{}”无效，应为 当面、邮寄、网络、传真 或 其他",
            args.channel
        ))
    })?;
    let actor = actor();
    let id_number = args.id_number.clone().unwrap_or_default();
    let id_kind = match (
        id_number.trim().is_empty(),
        args.other_id,
        applicant_type.is_natural_person(),
    ) {
        (true, _, _) => IdKind::None,
        (false, true, _) => IdKind::Other,
        (false, false, true) => IdKind::ResidentId,
        (false, false, false) => IdKind::CreditCode,
    };
    let input = RequestInput {
        number: args.number.clone().unwrap_or_default(),
        applicant_type,
        applicant_name: args.name.clone(),
        id_kind,
        id_number,
        contact: args.contact.clone().unwrap_or_default(),
        address: args.address.clone().unwrap_or_default(),
        channel,
        received_date: args.received.clone().unwrap_or_else(|| actor.today().to_string()),
        content: args.content.clone(),
        document_ref: args.document.clone().unwrap_or_default(),
        document_id: None,
        form_wanted: args.form.clone().unwrap_or_default(),
        delivery_wanted: args.delivery.clone().unwrap_or_default(),
    };
    let mut ledger = Ledger::open(db)?;
    let number = requests::register(&mut ledger, &input, &actor)?;
    out!(io, "{number}");
    Ok(())
}

fn action_kind(s: &str) -> Result<ActionKind, Failure> {
    let s = s.trim();
    ActionKind::from_code(s)
        .or_else(|| ActionKind::ALL.into_iter().find(|k| k.label() == s))
        .ok_or_else(|| {
            let all: Vec<&str> = ActionKind::ALL.iter().skip(1).filter(|k| !matches!(**k, ActionKind::LetterIssued | ActionKind::ClosedBeforeImport)).map(|k| k.label()).collect();
            Failure::usage(format!("办理记录种类“{s}”无效，应为 {}", all.join("、")))
        })
}

fn consultation_kind(s: Option<&str>) -> Result<ConsultationKind, Failure> {
    match s.map(str::trim) {
        None | Some("第三方") | Some("third_party") => Ok(ConsultationKind::ThirdParty),
        Some("其他机关") | Some("other_agency") => Ok(ConsultationKind::OtherAgency),
        Some(other) => Err(Failure::usage(format!(
            "征求意见对象类型“{other}”无效，应为 第三方 或 其他机关"
        ))),
    }
}

fn need<T: Clone>(value: &Option<T>, option: &str, kind: ActionKind) -> Result<T, Failure> {
    value
        .clone()
        .ok_or_else(|| Failure::usage(format!("登记“{}”需要 {option}", kind.label())))
}

fn correction_grounds(text: Option<&str>) -> Result<Vec<gongkai_core::request::CorrectionGround>, Failure> {
    use gongkai_core::request::CorrectionGround;
    let mut out = Vec::new();
    for part in text.unwrap_or("").split(['、', ',', '，', ';', '；']).map(str::trim).filter(|p| !p.is_empty()) {
        let g = CorrectionGround::from_label(part).ok_or_else(|| {
            let names: Vec<&str> = CorrectionGround::ALL.iter().map(|g| g.label()).collect();
            Failure::usage(format!("补正事项“{part}”无效，应为：{}", names.join("、")))
        })?;
        if !out.contains(&g) {
            out.push(g);
        }
    }
    Ok(out)
}

fn detail_of(args: &EventArgs, kind: ActionKind) -> Result<EventDetail, Failure> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    Ok(match kind {
        ActionKind::Registered => return Err(Failure::usage("登记申请请用 gongkai request register")),
        ActionKind::ReplyReviewed | ActionKind::ReplySigned | ActionKind::ReplySentBack => {
            return Err(Failure::usage("审核、签发、退回答复书请用 gongkai request review|sign|send-back 受理编号"))
        }
        ActionKind::LetterIssued => return Err(Failure::usage("出具告知书请用 gongkai letter 受理编号 种类 --out 文件.pdf")),
        ActionKind::ClosedBeforeImport => return Err(Failure::usage("导入前已办结请用 gongkai backlog close-old --before 日期（一次标记导入后未办理的旧申请）")),
        ActionKind::CorrectionRequested => EventDetail::CorrectionRequested {
            grounds: correction_grounds(args.grounds.as_deref())?,
            items: text(&args.items),
            correct_by: args
                .correct_by
                .as_deref()
                .map(|s| parse_date("补正期限", s))
                .transpose()?,
        },
        ActionKind::CorrectionReceived => EventDetail::CorrectionReceived {},
        ActionKind::CorrectionLapsed => EventDetail::CorrectionLapsed { note: text(&args.note) },
        ActionKind::ConsultationStarted => EventDetail::ConsultationStarted {
            consultation: consultation_kind(args.consultation.as_deref())?,
            party: text(&args.party),
        },
        ActionKind::ConsultationEnded => EventDetail::ConsultationEnded {
            consultation: consultation_kind(args.consultation.as_deref())?,
            opinion: text(&args.opinion),
        },
        ActionKind::Extended => EventDetail::Extended {
            workdays: need(&args.workdays, "--workdays 工作日数", kind)?,
            approver: text(&args.approver),
            reason: text(&args.reason),
        },
        ActionKind::ExtensionProposed => EventDetail::ExtensionProposed {
            workdays: need(&args.workdays, "--workdays 工作日数", kind)?,
            reason: text(&args.reason),
        },
        ActionKind::ExtensionRejected => EventDetail::ExtensionRejected { reason: text(&args.reason) },
        ActionKind::FeeNoticeIssued => EventDetail::FeeNoticeIssued {
            amount: need(&args.amount, "--amount 金额", kind)?,
            basis: text(&args.basis),
        },
        ActionKind::FeePaid => EventDetail::FeePaid {
            amount: need(&args.amount, "--amount 金额", kind)?,
        },
        ActionKind::FeeUnpaid => EventDetail::FeeUnpaid { note: text(&args.note) },
        ActionKind::Deferred => EventDetail::Deferred {
            until: parse_date("延迟答复期限", &need(&args.until, "--until 答复期限", kind)?)?,
            reason: text(&args.reason),
        },
        ActionKind::Replied => {
            let label = need(&args.result, "--result 办理结果", kind)?;
            let result = ReplyResult::from_label(&label)
                .or_else(|| ReplyResult::from_code(label.trim()))
                .ok_or_else(|| Failure::usage(format!("办理结果“{label}”不是年报“本年度办理结果”的类别")))?;
            let reply_type = match args.reply_type {
                None => None,
                Some(n @ 1..=7) => Some(ReplyType::ALL[usize::from(n) - 1]),
                Some(n) => {
                    return Err(Failure::usage(format!(
                        "答复类型“{n}”无效，应为第三十六条的第 1 到 7 项"
                    )))
                }
            };
            EventDetail::Replied {
                method: args.method.clone().unwrap_or_else(|| "书面答复".into()),
                result,
                reply_type,
                note: text(&args.note),
            }
        }
        ActionKind::Delivered => EventDetail::Delivered {
            method: text(&args.method),
            proof: text(&args.proof),
        },
        ActionKind::Archived => EventDetail::Archived {
            archive_number: text(&args.archive_number),
        },
        ActionKind::Withdrawn => EventDetail::Withdrawn {
            reason: text(&args.reason),
        },
    })
}

/// `request review|sign|send-back`: the reply's 审核 and 签发, as the signed-in account.
fn sign_off(command: &RequestCommand, a: &SignOffArgs, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let mut ledger = Ledger::open(db)?;
    let actor = actor();
    let date = match &a.date {
        Some(s) => parse_date("日期", s)?,
        None => actor.today(),
    };
    let comment = a.comment.clone().unwrap_or_default();
    let done = match command {
        RequestCommand::Review(_) => {
            requests::signoff::review_reply(&mut ledger, &a.number, date, &comment, &actor)?;
            "已审核答复书，待负责人签发"
        }
        RequestCommand::Sign(_) => {
            requests::signoff::sign_reply(&mut ledger, &a.number, date, &comment, &actor)?;
            "已签发答复书，可以出具"
        }
        _ => {
            requests::signoff::send_back_reply(&mut ledger, &a.number, date, &comment, &actor)?;
            "已退回答复书，修改后重新审核"
        }
    };
    out!(io, "{done}");
    Ok(())
}

/// `request approve`: the signed-in 负责人 approves the extension waiting on the request.
fn approve(number: &str, date: Option<&str>, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let mut ledger = Ledger::open(db)?;
    let actor = actor();
    let date = match date {
        Some(s) => parse_date("批准日期", s)?,
        None => actor.today(),
    };
    requests::approve_extension(&mut ledger, number, date, &actor)?;
    let d = requests::get(&ledger, number, actor.today())?;
    match &d.clock.reply {
        Some(reply) => {
            out!(io, "已批准延期；答复期限：{}（{}）", reply.date, reply.derivation);
        }
        None => {
            out!(io, "已批准延期");
        }
    }
    Ok(())
}

fn event(args: &EventArgs, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let kind = action_kind(&args.kind)?;
    let detail = detail_of(args, kind)?;
    let actor = actor();
    let date = match &args.date {
        Some(s) => parse_date("日期", s)?,
        None => actor.today(),
    };
    let mut ledger = Ledger::open(db)?;
    requests::append_event(&mut ledger, &args.number, RequestEvent::new(date, detail), &actor)?;
    let detail = requests::get(&ledger, &args.number, actor.today())?;
    out!(
        io,
        "已登记“{}”：{} 当前状态：{}",
        kind.label(),
        detail.request.number,
        detail.request.status_label
    );
    Ok(())
}

fn show(number: &str, unmasked: bool, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let ledger = Ledger::open(db)?;
    let today = chrono::Local::now().date_naive();
    let d = requests::get(&ledger, number, today)?;
    let r = &d.request;
    let (id, phone) = if unmasked {
        (r.id_number.clone(), r.contact.clone())
    } else {
        (identity::mask_id(&r.id_number), identity::mask_phone(&r.contact))
    };
    out!(io, "受理编号：{}{}", r.number, if r.imported { "（导入）" } else { "" });
    out!(io, "申请人：{}（{}）", r.applicant_name, r.applicant_type_label);
    if !id.is_empty() {
        out!(io, "证件：{} {}", r.id_kind_label, id);
    }
    if !phone.is_empty() {
        out!(io, "联系方式：{phone}");
    }
    out!(io, "申请方式：{}；收到日期：{}", r.channel_label, r.received_date);
    out!(io, "申请内容：{}", r.content);
    out!(io, "状态：{}", r.status_label);
    if let (Some(date), Some(result)) = (&r.concluded_date, &r.result_label) {
        out!(io, "办结：{date} {result}");
    }
    if r.status.is_open() {
        match &d.clock.reply {
            Some(reply) => {
                let left = match d.clock.workdays_left {
                    Some(n) if n < 0 => format!("已逾期 {} 个工作日", -n),
                    Some(n) => format!("剩余 {n} 个工作日"),
                    None => String::new(),
                };
                out!(io, "答复期限：{}（{left}）", reply.date);
                out!(io, "  推算：{}", reply.derivation);
                if let Some(pending) = &d.pending_extension {
                    out!(io, "{pending}");
                }
                for w in &reply.warnings {
                    out!(io, "  提示：{w}");
                }
            }
            None => {
                out!(io, "答复期限：待申请人补正，自收到补正之日起计算");
            }
        }
        if d.correction_relevant {
            if let Some(c) = &d.clock.correction {
                out!(io, "补正告知期限：{}", c.date);
                out!(io, "  推算：{}", c.derivation);
            }
        }
    }
    out!(io, "办理记录：");
    for t in &d.timeline {
        let imported = if t.imported { "，导入" } else { "" };
        out!(
            io,
            "  {}. {} {}：{}（{}{imported}）",
            t.seq,
            t.date,
            t.label,
            t.summary,
            t.operator
        );
    }
    for rv in &d.reviews {
        let decided = rv
            .decided_date
            .as_deref()
            .map(|d| format!("，{d}审结"))
            .unwrap_or_default();
        out!(
            io,
            "{}：{} 提起{decided}，{}",
            rv.kind_label,
            rv.filed_date,
            rv.outcome_label
        );
    }
    let allowed: Vec<&str> = d.allowed.iter().map(|a| a.label.as_str()).collect();
    out!(
        io,
        "可进行的操作：{}",
        if allowed.is_empty() {
            "无".to_string()
        } else {
            allowed.join("、")
        }
    );
    Ok(())
}

fn list(args: &ListArgs, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let ledger = Ledger::open(db)?;
    let today = chrono::Local::now().date_naive();
    // One query for everything that matches: paging through OFFSET would grow quadratically.
    for r in requests::list_all(&ledger, &filter_of(args)?, today, false)? {
        out!(
            io,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.number,
            r.received_date,
            r.applicant_name,
            r.applicant_type_label,
            r.status_label,
            r.reply_due.as_deref().unwrap_or("-"),
            r.result_label.as_deref().unwrap_or("")
        );
    }
    Ok(())
}

fn due(db: &Path, io: &mut Io<'_>) -> CmdResult {
    let ledger = Ledger::open(db)?;
    let today = chrono::Local::now().date_naive();
    for item in requests::due_list(&ledger, today)? {
        let left = if item.workdays_left < 0 {
            format!("已逾期 {} 个工作日", -item.workdays_left)
        } else {
            format!("剩余 {} 个工作日", item.workdays_left)
        };
        out!(
            io,
            "{}\t{}\t{}\t{}\t{left}",
            item.number,
            item.applicant_name,
            item.status_label,
            item.reply_due
        );
    }
    Ok(())
}
