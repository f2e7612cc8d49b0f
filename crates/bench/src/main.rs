//! `gongkai-bench`: builds synthetic ledgers in a temporary folder, measures what clerks feel
//! (the request list, document search, an .xlsx import, the annual report and its PDF, the
//! window's start-up and memory) through the same functions the window and the command line call,
//! and prints one line per figure beside its target. It measures and never judges: exit 0
//! whatever the figures (only bad arguments exit 2).

mod app;
mod bundle;
mod synth;
mod window;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use clap::Parser;
use gongkai_core::request::RequestStatus;
use gongkai_core::taxonomy::ApplicantType;
use gongkai_ledger::documents::{self, DocumentFilter, DocumentSort, WriteSource};
use gongkai_ledger::requests::{self, Actor, DueState, RequestFilter, RequestSort};
use gongkai_ledger::{report, Ledger};

#[derive(Parser, Debug)]
#[command(name = "gongkai-bench", about = "政务公开台账性能基准：生成合成台账，逐项输出测量值与目标")]
struct Args {
    /// 大台账中的申请条数（列表、年度报告、窗口内存都用它）
    #[arg(long, default_value_t = 1_000_000)]
    requests: u64,
    /// 大台账中的文件条数（全文检索用）
    #[arg(long, default_value_t = 100_000)]
    documents: u64,
    /// 从 .xlsx 导入的申请条数
    #[arg(long, default_value_t = 100_000)]
    import: u64,
    /// 每种查询重复的次数（取中位数）
    #[arg(long, default_value_t = 5)]
    repeat: usize,
    /// 窗口启动测量的轮数（每轮先启动最小 Tauri 应用，再启动本程序）
    #[arg(long, default_value_t = 5)]
    starts: usize,
    /// 小规模冒烟运行：2,000 条申请、500 份文件、导入 500 条
    #[arg(long)]
    quick: bool,
    /// 不测窗口（启动时间和内存两项输出“未测”）
    #[arg(long)]
    no_app: bool,
    /// gongkai 可执行文件（以 custom-protocol 编译、内嵌前端）；缺省时在 cargo 目标目录中查找
    #[arg(long)]
    app: Option<PathBuf>,
    /// 最小 Tauri 2 应用（crates/bench/minimal-app）；缺省时在 cargo 目标目录中查找
    #[arg(long)]
    minimal_app: Option<PathBuf>,
    /// 内存测量时把屏幕截图保存到此文件（核对列表页确已打开）
    #[arg(long)]
    screenshot: Option<PathBuf>,
    /// 内存测量时把最简页面（Vue 3 + Element Plus 的列表页）的屏幕截图保存到此文件
    #[arg(long)]
    floor_screenshot: Option<PathBuf>,
    /// 内存测量中每个程序（最小应用、最简页面、本程序）启动的次数，各取 PSS 中位数（--quick 也不减少）
    #[arg(long, default_value_t = 3)]
    memory_runs: usize,
    /// 大台账保存在此路径并保留：文件已存在时直接使用（跳过生成），便于反复测量
    #[arg(long)]
    ledger: Option<PathBuf>,
    /// 已构建的前端（首页 JavaScript 大小从这里读）；缺省为工作区的 ui/dist
    #[arg(long)]
    ui_dist: Option<PathBuf>,
    /// 逐项输出每种列表查询的中位数（写到标准错误）
    #[arg(long)]
    detail: bool,
}

const SEED: u64 = 0x6B_6A_7A;

fn main() {
    let mut args = Args::parse();
    if args.quick {
        args.requests = args.requests.min(2_000);
        args.documents = args.documents.min(500);
        args.import = args.import.min(500);
        args.repeat = args.repeat.min(2);
        args.starts = args.starts.min(1);
    }
    let args = args;
    let scratch = tempfile::Builder::new().prefix("gongkai-bench-").tempdir().unwrap_or_else(|e| {
        eprintln!("错误：无法创建临时文件夹（{e}）");
        std::process::exit(1)
    });
    let now = chrono::Local::now().naive_local();
    let actor = Actor { operator: "基准测试".into(), now };
    let today = now.date();
    let year = today.year() - 1;
    eprintln!("临时文件夹：{}", scratch.path().display());

    let mut lines: Vec<String> = Vec::new();
    let big = args.ledger.clone().unwrap_or_else(|| scratch.path().join("big.db"));
    let built = if args.ledger.is_some() && big.exists() {
        eprintln!("  使用已有的大台账：{}", big.display());
        Ok(())
    } else {
        build_big_ledger(&big, &args, &actor)
    };
    let mut report_requests = 0;
    match &built {
        Ok(()) => match Ledger::open(&big) {
            Ok(ledger) => {
                lines.push(list_figure(&ledger, &args, today));
                lines.push(search_figure(&ledger, &args));
                report_requests = count_year(&ledger, year, today);
                let (r, p) = report_figures(&ledger, year, report_requests, &args);
                lines.push(r);
                lines.push(p);
            }
            Err(e) => lines.extend(not_measured(&["list", "search", "report", "pdf"], &format!("无法打开台账：{e}"))),
        },
        Err(e) => lines.extend(not_measured(&["list", "search", "report", "pdf"], e)),
    }
    lines.push(match &built {
        Ok(()) => size_figure(&big, &args),
        Err(e) => not_measured(&["size"], e).remove(0),
    });
    lines.push(import_figure(scratch.path(), &args, &actor));
    lines.push(first_page_figure(&args));
    lines.sort_by_key(|l| ORDER.iter().position(|k| l.starts_with(label(k))).unwrap_or(99));
    if args.no_app {
        lines.extend(not_measured(&["start", "memory"], "--no-app"));
    } else if built.is_err() {
        lines.extend(not_measured(&["start", "memory"], "大台账未能生成"));
    } else {
        lines.extend(window::app_figures(&big, scratch.path(), &args));
    }
    println!("政务公开台账性能基准（{} 条申请、{} 份文件；报告年度 {year} 有 {report_requests} 条申请）", fmt_n(args.requests), fmt_n(args.documents));
    for l in &lines {
        println!("{l}");
    }
}

const ORDER: [&str; 9] = ["list", "search", "import", "size", "report", "pdf", "js", "start", "memory"];

/// The figure's fixed label: the test and readers find a line by it.
fn label(key: &str) -> &'static str {
    match key {
        "list" => "申请列表一页",
        "search" => "文件全文检索",
        "import" => "导入申请（.xlsx）",
        "report" => "年度报告表格",
        "pdf" => "年度报告 PDF",
        "start" => "窗口启动到首个 IPC 应答",
        "size" => "台账大小",
        "js" => "首页 JavaScript",
        _ => "窗口常驻内存",
    }
}

fn not_measured(keys: &[&str], why: &str) -> Vec<String> {
    keys.iter().map(|k| format!("{}：未测（{why}）", label(k))).collect()
}

fn fmt_n(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1000.0;
    if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.0} ms")
    }
}

fn verdict(met: bool) -> &'static str {
    if met {
        "达标"
    } else {
        "未达标"
    }
}

/// On-CPU time of this thread: beside the wall clock it tells the code's own cost from waiting
/// for a busy machine's cores.
fn cpu_now() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own and reads nothing else.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Runs `f`, returning its result, wall time and on-CPU time.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (t, c) = (Instant::now(), cpu_now());
    let out = f();
    (out, t.elapsed(), cpu_now().saturating_sub(c))
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs.get(xs.len() / 2).copied().unwrap_or_default()
}

fn percentile(mut xs: Vec<Duration>, p: f64) -> Duration {
    xs.sort();
    let i = ((xs.len() as f64 - 1.0) * p).round() as usize;
    xs.get(i).copied().unwrap_or_default()
}

/// The big ledger: `requests` requests imported in chunks through the importer (one transaction
/// each, audit trail and full-text index written as in real use), then `documents` documents
/// through the register's own insert in one transaction.
fn build_big_ledger(path: &std::path::Path, args: &Args, actor: &Actor) -> Result<(), String> {
    let (t, c) = (Instant::now(), cpu_now());
    let mut ledger = Ledger::open(path).map_err(|e| format!("无法创建台账：{e}"))?;
    ledger.set_operator("基准测试").map_err(|e| e.to_string())?;
    // The report's PDF is refused while 机关名称 is unset (issue 23), as for any office.
    gongkai_ledger::settings::save_organ_name(&mut ledger, "基准测试区人民政府办公室").map_err(|e| e.to_string())?;
    const CHUNK: u64 = 50_000;
    let mut from = 0;
    while from < args.requests {
        let to = (from + CHUNK).min(args.requests);
        let csv = synth::requests_csv(from, to, args.requests, actor.today(), SEED);
        requests::exchange::import(&mut ledger, "申请台账.csv", csv.as_bytes(), actor)
            .map_err(|e| format!("生成申请失败（第 {from} 条起）：{e}"))?;
        from = to;
        eprintln!(
            "  已生成申请 {} / {}（{:.0} 秒，CPU {:.0} 秒）",
            fmt_n(to),
            fmt_n(args.requests),
            t.elapsed().as_secs_f64(),
            (cpu_now() - c).as_secs_f64()
        );
    }
    let mut rng = synth::Rng::new(SEED);
    let docs: Vec<_> = (0..args.documents)
        .map(|k| {
            let input = synth::document(&mut rng, k, args.documents, actor.today());
            documents::validate(&input).map_err(|e| format!("合成文件无效：{e:?}"))
        })
        .collect::<Result<_, _>>()?;
    documents::insert_all(&mut ledger, &docs, WriteSource::Import, true).map_err(|e| format!("生成文件失败：{e}"))?;
    // Hand the window a compact file: fold the write-ahead log back in.
    let _ = ledger.checkpoint();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "  大台账就绪：{} 条申请、{} 份文件，{:.0} MB，用时 {:.0} 秒",
        fmt_n(args.requests),
        fmt_n(args.documents),
        size as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Requests received in `year`, as the list's total counts them.
fn count_year(ledger: &Ledger, year: i32, today: NaiveDate) -> u64 {
    let filter = RequestFilter { year: Some(year), page: 1, page_size: 1, ..Default::default() };
    requests::list(ledger, &filter, today).map(|p| p.total).unwrap_or(0)
}

/// The list as `request_list` serves it: filters a clerk uses, sorts, pages of 50 near the
/// start and deep into the result.
fn list_figure(ledger: &Ledger, args: &Args, today: NaiveDate) -> String {
    let year = today.year();
    let base = RequestFilter { page: 1, page_size: 50, descending: true, ..Default::default() };
    let cases: Vec<(&str, RequestFilter)> = vec![
        ("全部，按收到日期倒序", base.clone()),
        ("全部，第 200 页", RequestFilter { page: 200, ..base.clone() }),
        ("上一年度", RequestFilter { year: Some(year - 1), ..base.clone() }),
        ("本年度办理中", RequestFilter { year: Some(year), status: Some(RequestStatus::Processing), ..base.clone() }),
        ("办理中，按编号", RequestFilter { status: Some(RequestStatus::Processing), sort: RequestSort::Number, descending: false, ..base.clone() }),
        ("商业企业，前年，第 3 页", RequestFilter { applicant_type: Some(ApplicantType::Business), year: Some(year - 2), page: 3, ..base.clone() }),
        ("已办结，按办结日期，第 10 页", RequestFilter { due: Some(DueState::Concluded), sort: RequestSort::Concluded, page: 10, ..base.clone() }),
        ("已逾期", RequestFilter { due: Some(DueState::Overdue), ..base.clone() }),
        ("已答复，按编号倒序", RequestFilter { status: Some(RequestStatus::Replied), sort: RequestSort::Number, ..base.clone() }),
        ("全部，按办结日期升序", RequestFilter { sort: RequestSort::Concluded, descending: false, ..base.clone() }),
        ("已答复，按办结日期倒序", RequestFilter { status: Some(RequestStatus::Replied), sort: RequestSort::Concluded, ..base.clone() }),
        ("已答复，按收到日期，第 100 页", RequestFilter { status: Some(RequestStatus::Replied), descending: false, page: 100, ..base.clone() }),
    ];
    let mut all = Vec::new();
    let mut cpu = Vec::new();
    let mut slowest = (Duration::ZERO, "");
    for (name, f) in &cases {
        let mut mine = Vec::new();
        for _ in 0..args.repeat {
            let (page, d, c) = timed(|| requests::list(ledger, f, today));
            cpu.push(c);
            if let Err(e) = page {
                return format!("{}：未测（{name}：{e}）", label("list"));
            }
            if d > slowest.0 {
                slowest = (d, name);
            }
            all.push(d);
            mine.push(d);
        }
        if args.detail {
            eprintln!("  {name}：中位数 {}，最慢 {}", ms(median(mine.clone())), ms(mine.iter().max().copied().unwrap_or_default()));
        }
    }
    let m = median(all.clone());
    format!(
        "{}（筛选+排序+每页 50 条，{} 条申请）：中位数 {}（CPU {}），p90 {}，最慢 {}（{}）；{} 次查询  目标：中位数 ≤ 10 ms  {}",
        label("list"),
        fmt_n(args.requests),
        ms(m),
        ms(median(cpu)),
        ms(percentile(all.clone(), 0.9)),
        ms(slowest.0),
        slowest.1,
        all.len(),
        verdict(m <= Duration::from_millis(10))
    )
}

/// `documents_list` with a query, as the register's search box sends it.
fn search_figure(ledger: &Ledger, args: &Args) -> String {
    let terms = ["生态环境", "营商环境", "义务教育", "安全生产监督", "[2019]", "区财发", "垃圾分类", "管理办法", "最低生活保障", "数字政府"];
    let mut all = Vec::new();
    let mut cpu = Vec::new();
    let mut hits = 0;
    for term in terms {
        let mut mine = Vec::new();
        let mut shown = String::new();
        for _ in 0..args.repeat {
            let f = DocumentFilter { query: term.into(), sort: DocumentSort::PublishedOn, descending: true, page: 1, page_size: 20, ..Default::default() };
            let (page, d, c) = timed(|| documents::list(ledger, &f));
            match page {
                Ok(p) => {
                    hits += p.total;
                    shown = format!("{}{}", fmt_n(p.total), if p.total_capped { "+" } else { "" });
                }
                Err(e) => return format!("{}：未测（“{term}”：{e}）", label("search")),
            }
            all.push(d);
            mine.push(d);
            cpu.push(c);
        }
        if args.detail {
            eprintln!("  “{term}”：中位数 {}，命中 {shown} 份", ms(median(mine)));
        }
    }
    let m = median(all.clone());
    format!(
        "{}（{} 份文件，{} 个检索词，每页 20 条，命中逾 1,000 份时显示“1,000+”）：中位数 {}（CPU {}），p90 {}；平均显示命中 {} 份  目标：中位数 ≤ 20 ms  {}",
        label("search"),
        fmt_n(args.documents),
        terms.len(),
        ms(m),
        ms(median(cpu)),
        ms(percentile(all.clone(), 0.9)),
        fmt_n(hits / all.len().max(1) as u64),
        verdict(m <= Duration::from_millis(20))
    )
}

/// Bytes per request of the big ledger, everything included (indices, full-text index, audit
/// trail, the write-ahead log if any), with its documents counted in: the figure errs high.
fn size_figure(big: &std::path::Path, args: &Args) -> String {
    let len = |p: std::path::PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let mut wal = big.as_os_str().to_owned();
    wal.push("-wal");
    let bytes = len(big.to_path_buf()) + len(wal.into());
    let per = bytes as f64 / args.requests.max(1) as f64;
    format!(
        "{}（{} 条申请、{} 份文件，含索引、全文索引、审计日志与预写日志）：{:.0} MB，每条申请 {:.0} 字节  目标：≤ 1.5 KB  {}",
        label("size"),
        fmt_n(args.requests),
        fmt_n(args.documents),
        bytes as f64 / 1e6,
        per,
        verdict(per <= 1536.0)
    )
}

/// `import requests` of a clerk's .xlsx into a fresh ledger: reading, checking and writing.
fn import_figure(scratch: &std::path::Path, args: &Args, actor: &Actor) -> String {
    let bytes = synth::requests_xlsx(args.import, actor.today(), SEED + 1);
    let path = scratch.join("import.db");
    let mut ledger = match Ledger::open(&path) {
        Ok(l) => l,
        Err(e) => return format!("{}：未测（{e}）", label("import")),
    };
    let (result, d, c) = timed(|| requests::exchange::import(&mut ledger, "申请台账.xlsx", &bytes, actor));
    drop(ledger);
    let _ = std::fs::remove_file(&path);
    match result {
        Ok(s) => format!(
            "{}（{} 条，文件 {:.1} MB）：{:.2} s，每秒 {} 条（CPU {:.2} s；已办结 {}，未办结 {}）  目标：≤ 5 s  {}",
            label("import"),
            fmt_n(s.imported as u64),
            bytes.len() as f64 / 1e6,
            d.as_secs_f64(),
            fmt_n((s.imported as f64 / d.as_secs_f64().max(1e-6)) as u64),
            c.as_secs_f64(),
            fmt_n(s.concluded as u64),
            fmt_n(s.open as u64),
            verdict(d <= Duration::from_secs(5))
        ),
        Err(e) => format!("{}：未测（{e}）", label("import")),
    }
}

/// `report_view` (the 年度报告 page) and the PDF the window and `gongkai report --out` write.
fn report_figures(ledger: &Ledger, year: i32, n: u64, args: &Args) -> (String, String) {
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut figures = None;
    for _ in 0..args.repeat.max(3) {
        let (view, d, c) = timed(|| report::report_view(ledger, year));
        match view {
            Ok(v) => figures = Some(v.figures),
            Err(e) => {
                let why = format!("{}：未测（{e}）", label("report"));
                return (why, format!("{}：未测（报告表格未能生成）", label("pdf")));
            }
        }
        times.push(d);
        cpu.push(c);
    }
    if args.detail {
        // Where the page's time goes: the register's figures, table 三 and 四 with the 勾稽, the
        // narrative's prefill from those figures.
        let (docs, d_docs, _) = timed(|| gongkai_ledger::documents::annual_figures(ledger, year));
        let (all, d_all, _) = timed(|| report::annual_figures(ledger, year));
        let entries = match (docs, all) {
            (Ok(_), Ok((f, _))) => timed(|| report::effective_entries_with(ledger, year, &f)).1,
            _ => Duration::ZERO,
        };
        eprintln!("  年度报告表格：第二项（文件台账）{}，全部表格与勾稽 {}，正文预填 {}", ms(d_docs), ms(d_all), ms(entries));
    }
    let m = median(times);
    let report_line = format!(
        "{}（{year} 年度，该年 {} 条申请，台账共 {} 条）：中位数 {}（CPU {}）  目标：≤ 200 ms  {}",
        label("report"),
        fmt_n(n),
        fmt_n(args.requests),
        ms(m),
        ms(median(cpu)),
        verdict(m <= Duration::from_millis(200))
    );
    let figures = figures.expect("set above");
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut size = 0;
    for _ in 0..3 {
        let (pdf, d, c) = timed(|| gongkai_app::report::render(ledger, &figures, gongkai_app::report::ExportKind::Pdf, chrono::Local::now().date_naive()));
        match pdf {
            Ok(b) => size = b.len(),
            Err(e) => return (report_line, format!("{}：未测（{}）", label("pdf"), e.message)),
        }
        times.push(d);
        cpu.push(c);
    }
    let m = median(times);
    let pdf_line = format!(
        "{}：中位数 {}（CPU {}），{} KB  目标：≤ 500 ms 且 ≤ 400 KB  {}",
        label("pdf"),
        ms(m),
        ms(median(cpu)),
        size.div_ceil(1024),
        verdict(m <= Duration::from_millis(500) && size <= 400 * 1024)
    );
    (report_line, pdf_line)
}

/// The first page's JavaScript, uncompressed (bundle.rs): 工作台's and, on a ledger with accounts,
/// the login's; the target holds for both.
fn first_page_figure(args: &Args) -> String {
    let dist = args.ui_dist.clone().unwrap_or_else(bundle::default_dist);
    match bundle::measure(&dist) {
        Ok(page) => {
            let kb = |b: u64| b as f64 / 1000.0;
            format!(
                "{}（ui/dist，未压缩，首屏解析的入口与静态依赖）：工作台 {:.0} KB，登录 {:.0} KB（其中入口及其依赖 {:.0} KB）  目标：≤ 400 KB  {}",
                label("js"),
                kb(page.dashboard),
                kb(page.login),
                kb(page.entry),
                verdict(page.dashboard.max(page.login) <= 400_000)
            )
        }
        Err(e) => format!("{}：未测（{e}）", label("js")),
    }
}
