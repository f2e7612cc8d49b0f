//! The window's two figures (issues 9 and 22), measured in Xvfb against the minimal Tauri 2 app
//! (crates/bench/minimal-app) launched in the same run: start-up to the first answered IPC call,
//! and PSS with the request list open. Both lines also give the stack's floor: the minimal app
//! showing the request list's page made of Vue 3 and Element Plus alone (its floor/ page), which
//! bounds what any page built on that stack can reach.

use std::path::Path;
use std::time::{Duration, Instant};

use gongkai_ledger::Ledger;

use crate::{app, fmt_n, label, median, ms, not_measured, verdict, Args};

pub fn app_figures(big: &Path, scratch: &Path, args: &Args) -> Vec<String> {
    let (gongkai, minimal) = match app::find_binaries(args.app.as_deref(), args.minimal_app.as_deref()) {
        Ok(pair) => pair,
        Err(e) => return not_measured(&["start", "memory"], &e),
    };
    let display = match app::Display::get() {
        Ok(d) => d,
        Err(e) => return not_measured(&["start", "memory"], &e),
    };
    // An office's ledger has accounts since issue 17: the window is measured signed in, as a clerk
    // uses it, not under the dialog that creates the first account.
    if let Err(e) = ensure_account(big) {
        return not_measured(&["start", "memory"], &e);
    }
    // Which build was measured: the shipped program is the release one (scripts/package.sh).
    let built = match (app::profile(&gongkai), app::profile(&minimal)) {
        (Some(a), Some(m)) if a == m => format!("{a} 构建"),
        (a, m) => format!("gongkai {} 构建、最小应用 {} 构建", a.unwrap_or("未知"), m.unwrap_or("未知")),
    };
    eprintln!("  窗口：{}（显示 {}），最小应用：{}", gongkai.display(), display.name, minimal.display());
    let w = Window { gongkai: &gongkai, minimal: &minimal, display: &display, big, scratch, built: &built };
    vec![start_figure(&w, args), memory_figure(&w, args)]
}

/// What both figures launch, and where.
struct Window<'a> {
    gongkai: &'a Path,
    minimal: &'a Path,
    display: &'a app::Display,
    big: &'a Path,
    scratch: &'a Path,
    /// "release 构建", as printed.
    built: &'a str,
}

const BENCH_LOGIN: &str = "bench";
const BENCH_PASSWORD: &str = "bench-password-1";

/// The benchmark's own account on the big ledger (all four roles), made once.
fn ensure_account(big: &Path) -> Result<(), String> {
    use gongkai_core::account::Role;
    use gongkai_ledger::accounts;
    let mut ledger = Ledger::open(big).map_err(|e| format!("无法打开台账：{e}"))?;
    let list = accounts::list(&ledger).map_err(|e| e.to_string())?;
    if list.iter().any(|a| a.login == BENCH_LOGIN) {
        return Ok(());
    }
    if !list.is_empty() {
        return Err(format!("台账已有其他账户，没有基准账户 {BENCH_LOGIN}，窗口无法登录"));
    }
    let roles = [Role::Clerk, Role::Reviewer, Role::Head, Role::Admin];
    accounts::create(&mut ledger, BENCH_LOGIN, "基准测试", &roles, BENCH_PASSWORD, chrono::Local::now().naive_local())
        .map(|_| ())
        .map_err(|e| format!("无法创建基准账户：{e}"))
}

/// Launch to first answered call, alternating the minimal app and ours; one unmeasured warm-up
/// each so that both read their files from the page cache.
fn start_figure(w: &Window, args: &Args) -> String {
    let once = |bin: &Path, db: Option<&Path>, env: &[(&str, &str)]| -> Result<Duration, String> {
        let mut run = app::launch(bin, w.display, db, env, w.scratch)?;
        let d = run.wait_for("", Duration::from_secs(60))?;
        Ok(d)
    };
    let mut ours = Vec::new();
    let mut base = Vec::new();
    let mut floor = Vec::new();
    for round in 0..=args.starts {
        let m = once(w.minimal, None, &[]);
        // The stack's floor, as on the memory line: the minimal app's Vue 3 + Element Plus page.
        let f = once(w.minimal, None, &[("GONGKAI_BENCH_PAGE", "floor")]);
        let g = once(w.gongkai, Some(w.big), &[]);
        match (m, g) {
            (Ok(m), Ok(g)) if round > 0 => {
                base.push(m);
                ours.push(g);
                floor.extend(f.ok());
            }
            (Ok(_), Ok(_)) => {}
            (Err(e), _) => return format!("{}：未测（最小应用：{e}）", label("start")),
            (_, Err(e)) => return format!("{}：未测（gongkai：{e}）", label("start")),
        }
    }
    let spread = match (ours.iter().min(), ours.iter().max()) {
        (Some(lo), Some(hi)) if ours.len() > 1 => format!("（{}–{}）", ms(*lo), ms(*hi)),
        _ => String::new(),
    };
    let (g, m) = (median(ours), median(base));
    let ratio = g.as_secs_f64() / m.as_secs_f64().max(1e-6);
    let floor = if floor.is_empty() {
        "；最简页面未测".to_string()
    } else {
        let f = median(floor);
        format!(
            "；同一列表页的 Vue 3 + Element Plus 最简页面 {}（比值 {:.2}，所用技术栈本身的下限）",
            ms(f),
            f.as_secs_f64() / m.as_secs_f64().max(1e-6)
        )
    };
    format!(
        "{}（Xvfb，{}，{} 条申请的台账，{} 轮中位数）：{}{spread}，最小 Tauri 2 应用 {}{floor}，比值 {:.2}  目标：≤ 1.5 × 最小应用  {}",
        label("start"),
        w.built,
        fmt_n(args.requests),
        args.starts,
        ms(g),
        ms(m),
        ratio,
        verdict(ratio <= 1.5)
    )
}

/// One launch's memory, settled: Σ RSS and Σ PSS in KiB over the process tree, each process's
/// name with its PSS, and the calls answered by then.
struct Sample {
    rss: u64,
    pss: u64,
    names: Vec<String>,
    calls: usize,
}

/// Lets the page render and memory settle: two samples a second apart within 1 % (30 s at most).
fn settle(run: &app::Running) -> Sample {
    let deadline = Instant::now() + Duration::from_secs(30);
    std::thread::sleep(Duration::from_secs(2));
    let mut last = app::memory_kib(run.pid());
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = app::memory_kib(run.pid());
        let settled = now.0.abs_diff(last.0) * 100 <= last.0;
        last = now;
        if settled || Instant::now() > deadline {
            break;
        }
    }
    let (rss, pss, names) = last;
    Sample { rss, pss, names, calls: run.answers().len() }
}

fn screenshot(display: &app::Display, to: Option<&Path>) {
    if let Some(shot) = to {
        let _ = std::process::Command::new("import").args(["-window", "root"]).arg(shot).env("DISPLAY", &display.name).status();
    }
}

/// The minimal app on `page` (its index.html when `None`, else `GONGKAI_BENCH_PAGE`), once its one
/// call is answered and memory has settled.
fn minimal_once(w: &Window, page: Option<&str>, shot: Option<&Path>) -> Result<Sample, String> {
    let env: Vec<(&str, &str)> = page.map(|p| ("GONGKAI_BENCH_PAGE", p)).into_iter().collect();
    let mut run = app::launch(w.minimal, w.display, None, &env, w.scratch)?;
    run.wait_for("", Duration::from_secs(60))?;
    let sample = settle(&run);
    screenshot(w.display, shot);
    Ok(sample)
}

/// The window opened on 依申请公开, signed in, once the list's page has been answered and memory
/// has settled.
fn gongkai_once(w: &Window, shot: Option<&Path>) -> Result<Sample, String> {
    let mut run = app::launch(w.gongkai, w.display, Some(w.big), &[("GONGKAI_START_ROUTE", "/requests")], w.scratch)?;
    app::sign_in(&mut run, w.display, BENCH_LOGIN, BENCH_PASSWORD)?;
    // A window that shows 工作台 asks for its cards (DueItem, WaitingItem…), never for a list
    // page: the start route was not followed, and memory left by another page must not count.
    let (_, first) = run
        .wait_for_any(&["RequestPage", "DueItem", "WaitingItem"], Duration::from_secs(120))
        .map_err(|e| format!("列表页没有收到数据：{e}"))?;
    if !first.contains("RequestPage") && run.wait_for("RequestPage", Duration::from_secs(5)).is_err() {
        return Err("窗口登录后停在工作台，没有打开起始页 /requests".into());
    }
    let sample = settle(&run);
    screenshot(w.display, shot);
    Ok(sample)
}

/// The launch with the median PSS, and the range of all launches' PSS; the first error if any.
fn median_of(samples: Vec<Result<Sample, String>>) -> Result<(Sample, String), String> {
    let mut samples = samples.into_iter().collect::<Result<Vec<_>, _>>()?;
    if samples.is_empty() {
        return Err("没有测量".into());
    }
    samples.sort_by_key(|s| s.pss);
    let (lo, hi) = (samples[0].pss, samples[samples.len() - 1].pss);
    let range = if samples.len() > 1 { format!("，{} 次启动 {:.0}–{:.0} MB", samples.len(), mb(lo), mb(hi)) } else { String::new() };
    let mid = samples.len() / 2;
    Ok((samples.swap_remove(mid), range))
}

fn mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// PSS of the window and its WebKit processes with the request list open (issue 22: the target is
/// a ratio of PSS, which counts shared pages once), against the minimal app in the same run; and
/// the stack's floor, the minimal app showing the same list page in Vue 3 and Element Plus alone.
/// Each is the median of `--memory-runs` launches, the three apps taking turns.
fn memory_figure(w: &Window, args: &Args) -> String {
    let runs = args.memory_runs.max(1);
    let mut minimal = Vec::new();
    let mut floor = Vec::new();
    let mut ours = Vec::new();
    for i in 0..runs {
        let first = i == 0;
        minimal.push(minimal_once(w, None, None));
        floor.push(minimal_once(w, Some("floor"), if first { args.floor_screenshot.as_deref() } else { None }));
        ours.push(gongkai_once(w, if first { args.screenshot.as_deref() } else { None }));
    }
    let (minimal, floor, ours) = (median_of(minimal), median_of(floor), median_of(ours));
    let (base, base_range) = match minimal {
        Ok(m) if m.0.pss > 0 => m,
        Ok(_) => return format!("{}：未测（最小应用的 PSS 未能测得）", label("memory")),
        Err(e) => return format!("{}：未测（最小应用：{e}）", label("memory")),
    };
    let (g, g_range) = match ours {
        Ok(s) => s,
        Err(e) => return format!("{}：未测（{e}）", label("memory")),
    };
    let floor = match floor {
        Ok((f, range)) => format!(
            "；同一列表页的 Vue 3 + Element Plus 最简页面 PSS {:.0} MB（{}{range}；比值 {:.2}，所用技术栈本身的下限）",
            mb(f.pss),
            f.names.join("、"),
            f.pss as f64 / base.pss as f64
        ),
        Err(e) => format!("；最简页面未测（{e}）"),
    };
    let ratio = g.pss as f64 / base.pss as f64;
    let median_note = if runs > 1 { format!("，各 {runs} 次启动取 PSS 中位数") } else { String::new() };
    format!(
        "{}（{}，{} 条申请，已登录，依申请公开列表页已打开{median_note}；{} 个进程：{}；已应答 {} 次调用）：PSS 合计 {:.0} MB{g_range}，RSS 合计 {:.0} MB；最小 Tauri 2 应用 PSS {:.0} MB（{}{base_range}），RSS {:.0} MB{floor}；PSS 比值 {ratio:.2}  目标：PSS ≤ 1.3 × 最小应用  {}",
        label("memory"),
        w.built,
        fmt_n(args.requests),
        g.names.len(),
        g.names.join("、"),
        g.calls,
        mb(g.pss),
        mb(g.rss),
        mb(base.pss),
        base.names.join("、"),
        mb(base.rss),
        verdict(ratio <= 1.3)
    )
}
