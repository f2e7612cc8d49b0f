//! `gongkai unit add|list` (the one register of units, 报送单位) and `gongkai plan
//! import|list|progress` (工作要点: the year's plan, tasks × units).

use std::path::{Path, PathBuf};

use clap::Subcommand;
use gongkai_core::workplan::{parse_plan, ParsedPlan, TaskState, UnitCategory};
use gongkai_ledger::plans::{self, PlanSaveOptions, ProgressInput};
use gongkai_ledger::requests::Actor;
use gongkai_ledger::units::{self, UnitInput};
use gongkai_ledger::Ledger;

use crate::commands::{CmdResult, Failure, Io};

/// `gongkai unit …`
#[derive(Debug, Subcommand)]
pub enum UnitCommand {
    /// 添加报送单位，例如：gongkai unit add 财政局 --category 部门
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Add {
        #[arg(value_name = "名称")]
        name: String,
        /// 类别：部门（默认）、乡镇街道、其他
        #[arg(long, value_name = "类别", default_value = "部门")]
        category: String,
        /// 联系人及电话
        #[arg(long, value_name = "联系人", default_value = "")]
        contact: String,
        /// 报送截止日（月-日，如 01-31；部门默认 1 月 31 日）
        #[arg(long, value_name = "月-日", default_value = "")]
        due: String,
    },
    /// 列出报送单位，每行“名称<TAB>类别<TAB>报送截止日<TAB>联系人<TAB>状态”
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    List,
}

/// `gongkai plan …`
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// 导入工作要点（.txt、.docx 或 .xlsx）：先列出识别结果；加 --yes 才保存
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Import {
        /// 年度
        #[arg(long, value_name = "年度")]
        year: i32,
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 确认保存（不加只列出识别结果，不写入）
        #[arg(long)]
        yes: bool,
        /// 把单位名录中没有的单位一并添加（类别按名称推断）
        #[arg(long)]
        add_units: bool,
        /// 工作要点中的名称对应名录中的单位，可重复，例如 --map 财政局=区财政局
        #[arg(long, value_name = "名称=单位")]
        map: Vec<String>,
    },
    /// 列出工作要点的任务（每个任务一行）
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    List {
        #[arg(long, value_name = "年度")]
        year: i32,
        /// 输出格式：csv（列：部分、序号、任务、牵头单位、责任单位、全部单位、状态、完成时限）
        #[arg(long, value_name = "格式", default_value = "csv")]
        format: String,
    },
    /// 登记一个单位对一项任务的进展，例如：gongkai plan progress --year 2019 8 --unit 财政局 --state 已完成
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Progress {
        #[arg(long, value_name = "年度")]
        year: i32,
        /// 任务序号
        #[arg(value_name = "序号")]
        seq: u32,
        #[arg(long, value_name = "名称")]
        unit: String,
        /// 状态：未开始、推进中、已完成、不适用
        #[arg(long, value_name = "状态")]
        state: String,
        /// 日期（默认今天）
        #[arg(long, value_name = "日期", default_value = "")]
        date: String,
        /// 进展说明
        #[arg(long, value_name = "说明", default_value = "")]
        note: String,
        /// 佐证链接（已发布的网页）
        #[arg(long, value_name = "链接", default_value = "")]
        link: String,
        /// 佐证附件：随这条进展保存的文件（复制到台账的附件文件夹，随备份一并保存）
        #[arg(long, value_name = "文件")]
        attach: Option<PathBuf>,
    },
}

fn actor() -> Actor {
    Actor { operator: gongkai_ledger::default_operator(), now: chrono::Local::now().naive_local() }
}

pub fn run_unit(command: &UnitCommand, db: &Path, io: &mut Io<'_>) -> CmdResult {
    match command {
        UnitCommand::Add { name, category, contact, due } => {
            let category = UnitCategory::parse(category)
                .ok_or_else(|| Failure::usage(format!("类别“{category}”无效，应为 部门、乡镇街道、其他 之一")))?;
            let mut ledger = Ledger::open(db)?;
            let u = units::add_unit(&mut ledger, &UnitInput { name: name.clone(), category, contact: contact.clone(), report_due: due.clone() })?;
            let _ = writeln!(io.out, "已添加单位 {}（{}）", u.name, u.category.label());
            Ok(())
        }
        UnitCommand::List => {
            let ledger = Ledger::open(db)?;
            for u in units::units(&ledger)? {
                let _ = writeln!(
                    io.out,
                    "{}\t{}\t{}\t{}\t{}",
                    u.name,
                    u.category.label(),
                    u.report_due_effective.unwrap_or_else(|| "未设置".into()),
                    u.contact,
                    if u.retired { "已停用" } else { "在用" }
                );
            }
            Ok(())
        }
    }
}

use std::io::Write;

/// The parse as the clerk checks it before saving.
fn print_parse(plan: &ParsedPlan, unknown: &[String], io: &mut Io<'_>) {
    let w = &mut io.out;
    if !plan.doc_number.is_empty() {
        let _ = writeln!(w, "文号：{}", plan.doc_number);
    }
    if !plan.title.is_empty() {
        let _ = writeln!(w, "标题：{}", plan.title);
    }
    let counts = plan.tasks_per_part();
    let _ = writeln!(w, "共 {} 个部分、{} 项任务", plan.parts.len(), plan.tasks.len());
    for (i, part) in plan.parts.iter().enumerate() {
        let heading = if part.heading.is_empty() { "（未分部分）" } else { part.heading.as_str() };
        let _ = writeln!(w, "{heading}（{} 项）", counts[i]);
        for t in plan.tasks.iter().filter(|t| t.part == i) {
            let mut units = Vec::new();
            if !t.lead.written.is_empty() {
                units.push(format!("牵头：{}", t.lead.written_text()));
            }
            if !t.responsible.written.is_empty() {
                units.push(format!("责任：{}", t.responsible.written_text()));
            }
            let mut marks = String::new();
            if t.all_units() {
                marks.push_str("［全部单位］");
            }
            if t.incomplete() {
                marks.push_str("［等相关部门，待补全］");
            }
            if !t.deadline.is_empty() {
                marks.push_str(&format!("［时限：{}］", t.deadline));
            }
            let _ = writeln!(w, "  {}. {}{} {}{}", t.seq, t.label, t.title, units.join("；"), marks);
        }
    }
    if !unknown.is_empty() {
        let _ = writeln!(w, "单位名录中没有的单位（{} 个）：{}", unknown.len(), unknown.join("、"));
    }
    for u in &plan.unparsed {
        let _ = writeln!(w, "无法识别 第 {} 行（{}）：{}", u.line, u.reason, u.text);
    }
}

/// An evidence file's bytes, refused (before the ledger opens) when it is not a readable file or
/// larger than an attachment may be.
fn read_evidence(path: &Path) -> Result<Vec<u8>, Failure> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Failure { message: format!("无法读取佐证附件“{}”：{e}", path.display()), exit_code: 1 })?;
    if !meta.is_file() {
        return Err(Failure::usage(format!("佐证附件“{}”不是文件", path.display())));
    }
    if meta.len() > gongkai_ledger::requests::MAX_ATTACHMENT_BYTES as u64 {
        return Err(Failure::usage(format!("佐证附件“{}”超过 50 MB", path.display())));
    }
    std::fs::read(path).map_err(|e| Failure { message: format!("无法读取佐证附件“{}”：{e}", path.display()), exit_code: 1 })
}

pub fn run_plan(command: &PlanCommand, db: &Path, io: &mut Io<'_>) -> CmdResult {
    match command {
        PlanCommand::Import { year, file, yes, add_units, map } => {
            let mut pairs = Vec::new();
            for m in map {
                let (from, to) = m
                    .split_once(['=', '＝'])
                    .ok_or_else(|| Failure::usage(format!("--map “{m}”应为 名称=单位")))?;
                pairs.push((from.trim().to_string(), to.trim().to_string()));
            }
            let bytes = std::fs::read(file)
                .map_err(|e| Failure { message: format!("无法读取文件“{}”：{e}", file.display()), exit_code: 1 })?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let text = plans::plan_file_text(&name, &bytes)?;
            let mut parsed = parse_plan(&text);
            for (from, to) in &pairs {
                parsed.map_unit(from, to);
            }
            let mut ledger = Ledger::open(db)?;
            let known: Vec<String> = units::units(&ledger)?.into_iter().filter(|u| !u.retired).map(|u| u.name).collect();
            let unknown = parsed.unknown_units(&known.iter().map(String::as_str).collect::<Vec<_>>());
            print_parse(&parsed, &unknown, io);
            if !yes {
                let _ = writeln!(io.err, "未保存：核对无误后加 --yes 保存");
                return Ok(());
            }
            let (tasks, pairs) = plans::save_plan(&mut ledger, *year, &parsed, &PlanSaveOptions { source_name: name, add_units: *add_units, map: Vec::new(), new_units: Vec::new() }, &actor())?;
            let added = if *add_units && !unknown.is_empty() { format!("，新增单位 {} 个", unknown.len()) } else { String::new() };
            let _ = writeln!(io.out, "已保存 {year} 年工作要点：{tasks} 项任务，{pairs} 个任务单位{added}");
            Ok(())
        }
        PlanCommand::List { year, format } => {
            if format.trim().to_ascii_lowercase() != "csv" {
                return Err(Failure::usage(format!("格式“{format}”无效，目前只支持 csv")));
            }
            let ledger = Ledger::open(db)?;
            let bytes = plans::plan_csv(&ledger, *year, chrono::Local::now().date_naive())?;
            let _ = io.out.write_all(&bytes);
            Ok(())
        }
        PlanCommand::Progress { year, seq, unit, state, date, note, link, attach } => {
            let state = TaskState::parse(state)
                .ok_or_else(|| Failure::usage(format!("状态“{state}”无效，应为 未开始、推进中、已完成、不适用 之一")))?;
            let file = match attach {
                Some(path) => {
                    let bytes = read_evidence(path)?;
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    Some((name, bytes))
                }
                None => None,
            };
            let mut ledger = Ledger::open(db)?;
            let input = ProgressInput { year: *year, seq: *seq, unit_name: unit.clone(), state, on_date: date.clone(), note: note.clone(), link: link.clone() };
            let evidence = file.as_ref().map(|(name, bytes)| plans::EvidenceFile { file_name: name, bytes });
            let now = plans::record_progress_with(&mut ledger, &input, evidence, &actor())?;
            let attached = file.map(|(name, _)| format!("，佐证附件 {name}")).unwrap_or_default();
            let _ = writeln!(io.out, "已登记：{year} 年任务 {seq}，{unit}，{}{attached}", now.label());
            Ok(())
        }
    }
}
