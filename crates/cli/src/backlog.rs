//! `gongkai backlog …`: after an import, the one recorded step that marks the old backlog done
//! (`gongkai_ledger::backlog`), as 工作台 offers it. Without `--yes` it only says how many rows it
//! would change; with it, it changes them in one transaction recorded with its reason.

use std::path::Path;

use clap::{Args, Subcommand};
use gongkai_ledger::backlog::{self, BacklogOutcome, DEFAULT_DOCUMENT_REASON, DEFAULT_REQUEST_REASON};
use gongkai_ledger::documents::WriteSource;
use gongkai_ledger::requests::Actor;
use gongkai_ledger::Ledger;

use crate::commands::{CmdResult, Failure, Io};
use crate::SUB_HELP_TEMPLATE;

/// `gongkai backlog …`
#[derive(Debug, Subcommand)]
pub enum BacklogCommand {
    /// 把成文日期早于 --before、尚未标记上网的主动公开文件标记为已上网（上网日期记为各自的发布日期）
    #[command(name = "mark-published", help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    MarkPublished(StepArgs),
    /// 把收到日期早于 --before、导入后未再办理的未办结申请标记为“导入前已办结”（记入理由，不生成答复书，计入表三（六）3 其他）
    #[command(name = "close-old", help_template = SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    CloseOld(StepArgs),
}

#[derive(Debug, Args)]
pub struct StepArgs {
    /// 截止日期：只处理早于此日期的记录，YYYY-MM-DD
    #[arg(long, value_name = "日期")]
    pub before: String,
    /// 理由，记入台账（默认：文件“导入前已在门户网站发布”，申请“导入前已办结”）
    #[arg(long, value_name = "理由")]
    pub reason: Option<String>,
    /// 确认执行；不加时只列出将处理的件数，不写入
    #[arg(long)]
    pub yes: bool,
}

fn actor() -> Actor {
    Actor { operator: gongkai_ledger::default_operator(), now: chrono::Local::now().naive_local() }
}

pub fn run(command: &BacklogCommand, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let (args, documents) = match command {
        BacklogCommand::MarkPublished(a) => (a, true),
        BacklogCommand::CloseOld(a) => (a, false),
    };
    let cutoff = gongkai_core::dates::parse_field("--before", &args.before).map_err(Failure::usage)?;
    let reason = args.reason.clone().unwrap_or_else(|| {
        if documents { DEFAULT_DOCUMENT_REASON } else { DEFAULT_REQUEST_REASON }.to_string()
    });
    if !args.yes {
        // Only counting: the file is opened read-only and not a byte changes.
        let counts = backlog::counts(&Ledger::open_read_only(db)?, cutoff)?;
        let _ = if documents {
            writeln!(io.out, "将把 {} 件成文日期早于 {cutoff} 的未上网文件标记为已上网（理由：{reason}）", counts.documents)
        } else {
            writeln!(io.out, "将把 {} 件收到日期早于 {cutoff}、导入后未办理的申请标记为导入前已办结（理由：{reason}）", counts.requests)
        };
        let _ = writeln!(io.err, "未写入任何记录；确认无误后加 --yes 执行");
        return Ok(());
    }
    let mut ledger = Ledger::open(db)?;
    let actor = actor();
    let out: BacklogOutcome = if documents {
        backlog::mark_documents_published(&mut ledger, cutoff, &reason, WriteSource::Cli, &actor)?
    } else {
        backlog::close_requests_before_import(&mut ledger, cutoff, &reason, &actor)?
    };
    let what = if documents { "件文件标记为已上网" } else { "件申请标记为导入前已办结" };
    let _ = writeln!(io.out, "已把 {} {what}（积压处理记录 {}）", out.changed, out.step_id);
    for row in &out.rows {
        let _ = writeln!(io.err, "  {row}");
    }
    Ok(())
}
