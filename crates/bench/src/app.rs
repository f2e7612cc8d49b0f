//! The window's figures: start-up to the first answered IPC call (against a minimal Tauri 2 app
//! timed the same way in the same run) and resident memory with the request list open. Both apps
//! append a line to `GONGKAI_BENCH_READY_FILE` for each answered call ("<unix µs> <answer type>");
//! the app's hook is `src-tauri/src/bench_hook.rs`, the minimal app's is its only command.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// An X server for the windows: the caller's `DISPLAY`, or an Xvfb we start on a free display
/// (and stop when dropped).
pub struct Display {
    pub name: String,
    xvfb: Option<Child>,
}

impl Display {
    pub fn get() -> Result<Display, String> {
        if let Ok(d) = std::env::var("DISPLAY") {
            if !d.is_empty() {
                return Ok(Display { name: d, xvfb: None });
            }
        }
        let n = (90..140)
            .find(|n| !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .ok_or("没有空闲的显示编号")?;
        let name = format!(":{n}");
        let child = Command::new("Xvfb")
            .args([&name, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("无法启动 Xvfb（{e}）"))?;
        let display = Display { name: name.clone(), xvfb: Some(child) };
        let deadline = Instant::now() + Duration::from_secs(10);
        while !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
            if Instant::now() > deadline {
                return Err("Xvfb 10 秒内没有就绪".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(display)
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(child) = &mut self.xvfb {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn unix_micros() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_micros()).unwrap_or(0)
}

/// A launched window process; killed (with its WebKit children) when dropped.
pub struct Running {
    child: Child,
    ready_file: PathBuf,
    started_us: u128,
}

impl Running {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Answered calls so far: (µs since launch, answer type).
    pub fn answers(&self) -> Vec<(u128, String)> {
        let text = std::fs::read_to_string(&self.ready_file).unwrap_or_default();
        text.lines()
            .filter_map(|l| {
                let (t, ty) = l.split_once(' ')?;
                Some((t.parse::<u128>().ok()?.saturating_sub(self.started_us), ty.to_string()))
            })
            .collect()
    }

    /// Waits for an answer whose type contains `what` (any answer for ""); its time since launch.
    pub fn wait_for(&mut self, what: &str, timeout: Duration) -> Result<Duration, String> {
        self.wait_for_any(&[what], timeout).map(|(t, _)| t)
    }

    /// Waits for the first answer whose type contains one of `what`; its time since launch and type.
    pub fn wait_for_any(&mut self, what: &[&str], timeout: Duration) -> Result<(Duration, String), String> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some((t, ty)) = self.answers().into_iter().find(|(_, ty)| what.iter().any(|w| ty.contains(w))) {
                return Ok((Duration::from_micros(t as u64), ty));
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("程序提前退出（{status}）"));
            }
            if Instant::now() > deadline {
                return Err(format!("{} 秒内没有收到应答", timeout.as_secs()));
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // The WebKit processes are the app's children and leave when their parent's socket closes.
        let tree = process_tree(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
        let deadline = Instant::now() + Duration::from_secs(5);
        while tree.iter().any(|p| Path::new(&format!("/proc/{p}")).exists()) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = std::fs::remove_file(&self.ready_file);
    }
}

/// Starts `binary` on `display` with the ledger `db` (when given), the ready-file hook and `env`
/// (the app's start route, the minimal app's page).
pub fn launch(binary: &Path, display: &Display, db: Option<&Path>, env: &[(&str, &str)], scratch: &Path) -> Result<Running, String> {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let ready_file = scratch.join(format!("ready-{}", N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    let _ = std::fs::remove_file(&ready_file);
    let mut cmd = Command::new(binary);
    cmd.env("DISPLAY", &display.name)
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .env("GONGKAI_BENCH_READY_FILE", &ready_file)
        .env_remove("GONGKAI_START_ROUTE")
        .env_remove("GONGKAI_BENCH_PAGE")
        .envs(env.iter().copied())
        .current_dir(scratch)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(db) = db {
        cmd.env("GONGKAI_DB", db);
    }
    let started_us = unix_micros();
    let child = cmd.spawn().map_err(|e| format!("无法启动 {}（{e}）", binary.display()))?;
    Ok(Running { child, ready_file, started_us })
}

/// `pid` and all its descendants, from /proc.
pub fn process_tree(pid: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for entry in dir.flatten() {
            let Some(p) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else { continue };
            // The name in parentheses may hold spaces: the fields after the last ')' are fixed.
            let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else { continue };
            if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|s| s.parse().ok()) {
                parents.push((p, ppid));
            }
        }
    }
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(parents.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    tree
}

/// (Σ VmRSS, Σ Pss) in KiB over the process tree, and each process's name with its PSS (where
/// the memory is: the app's own process or WebKit's).
pub fn memory_kib(pid: u32) -> (u64, u64, Vec<String>) {
    let field = |text: &str, key: &str| -> u64 {
        text.lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let (mut rss, mut pss, mut names) = (0, 0, Vec::new());
    for p in process_tree(pid) {
        let status = std::fs::read_to_string(format!("/proc/{p}/status")).unwrap_or_default();
        rss += field(&status, "VmRSS:");
        let own = field(&std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).unwrap_or_default(), "Pss:");
        pss += own;
        let name = status.lines().next().and_then(|l| l.split_whitespace().nth(1)).unwrap_or("?");
        names.push(format!("{name} {:.0} MB", own as f64 / 1024.0));
    }
    (rss, pss, names)
}

/// The cargo profile a binary was built in, from its folder (`<target>/release/…`).
pub fn profile(binary: &Path) -> Option<&'static str> {
    match binary.parent()?.file_name()?.to_str()? {
        "release" => Some("release"),
        "debug" => Some("debug"),
        _ => None,
    }
}

/// The window and the minimal app: the flags' paths, else found in the first cargo target folder
/// that has them, in the same profile, release (what ships) before debug. With one flag given, the other is looked
/// for in that one's profile first.
pub fn find_binaries(app: Option<&Path>, minimal: Option<&Path>) -> Result<(PathBuf, PathBuf), String> {
    find_binaries_in(&target_roots(), app, minimal)
}

fn find_binaries_in(roots: &[PathBuf], app: Option<&Path>, minimal: Option<&Path>) -> Result<(PathBuf, PathBuf), String> {
    let given = |p: &Path| if p.is_file() { Ok(p.to_path_buf()) } else { Err(format!("找不到 {}", p.display())) };
    let app = app.map(given).transpose()?;
    let minimal = minimal.map(given).transpose()?;
    let found = |name: &str, first: Option<&str>| -> Result<PathBuf, String> {
        let mut profiles = ["release", "debug"];
        if first == Some("debug") {
            profiles.reverse();
        }
        roots
            .iter()
            .flat_map(|root| profiles.iter().map(move |profile| root.join(profile).join(name)))
            .find(|p| p.is_file())
            .ok_or_else(|| format!("找不到 {name}（先运行 scripts/bench.sh，或用参数指定路径）"))
    };
    match (app, minimal) {
        (Some(a), Some(m)) => Ok((a, m)),
        (Some(a), None) => {
            let m = found("gongkai-bench-minimal", profile(&a))?;
            Ok((a, m))
        }
        (None, Some(m)) => Ok((found("gongkai", profile(&m))?, m)),
        (None, None) => {
            // Both from one folder when a profile holds both: never release against debug.
            for root in roots {
                for profile in ["release", "debug"] {
                    let (a, m) = (root.join(profile).join("gongkai"), root.join(profile).join("gongkai-bench-minimal"));
                    if a.is_file() && m.is_file() {
                        return Ok((a, m));
                    }
                }
            }
            Ok((found("gongkai", None)?, found("gongkai-bench-minimal", None)?))
        }
    }
}

/// Where cargo puts binaries: `CARGO_TARGET_DIR`, the folder the bench itself was built in, and
/// the workspace's target/.
fn target_roots() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        roots.push(t.into());
    }
    // The bench itself lives in <target>/<profile>/: look beside it first.
    if let Some(dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)) {
        if let Some(target) = dir.parent() {
            roots.push(target.to_path_buf());
        }
    }
    roots.push(PathBuf::from("target"));
    roots
}

/// Signs the window in as a clerk would: types `login`, Tab, `password` and Enter into the login
/// dialog (which has the login field focused) with xdotool, until the signed-in window asks for its
/// idle-lock setting (`SecuritySettings`, asked only once an account is signed in).
pub fn sign_in(run: &mut Running, display: &Display, login: &str, password: &str) -> Result<(), String> {
    run.wait_for("AccountStatus", Duration::from_secs(60))?;
    let xdotool = |args: &[&str]| -> Result<String, String> {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &display.name)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .map_err(|e| format!("需要 xdotool 在窗口中登录（{e}）"))?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let pid = run.pid().to_string();
    for _ in 0..10 {
        // The dialog's chunk loads after the first answer: give it a moment, then type.
        std::thread::sleep(Duration::from_millis(1500));
        if let Some(window) = xdotool(&["search", "--onlyvisible", "--pid", &pid])?.split_whitespace().last() {
            let _ = xdotool(&["windowfocus", "--sync", window]);
        }
        xdotool(&["key", "--clearmodifiers", "ctrl+a", "BackSpace"])?;
        xdotool(&["type", "--delay", "20", login])?;
        xdotool(&["key", "Tab"])?;
        xdotool(&["type", "--delay", "20", password])?;
        xdotool(&["key", "Return"])?;
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if run.answers().iter().any(|(_, ty)| ty.contains("SecuritySettings")) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Err("窗口没有应答登录（10 次尝试）".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(root: &Path, profile: &str, name: &str) -> PathBuf {
        let p = root.join(profile).join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, b"").unwrap();
        p
    }

    #[test]
    fn both_binaries_come_from_one_profile_release_first() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let roots = [root.clone()];
        // Only debug has both: release's lone window is not paired with debug's minimal app.
        touch(&root, "debug", "gongkai");
        touch(&root, "debug", "gongkai-bench-minimal");
        let release_app = touch(&root, "release", "gongkai");
        let (a, m) = find_binaries_in(&roots, None, None).unwrap();
        assert_eq!((profile(&a), profile(&m)), (Some("debug"), Some("debug")));
        // Release has both: it is what ships, and is measured.
        let release_min = touch(&root, "release", "gongkai-bench-minimal");
        assert_eq!(find_binaries_in(&roots, None, None).unwrap(), (release_app.clone(), release_min.clone()));
        // One path given: the other is found in its profile.
        let debug_app = root.join("debug/gongkai");
        let (_, m) = find_binaries_in(&roots, Some(&debug_app), None).unwrap();
        assert_eq!(profile(&m), Some("debug"));
        let (a, _) = find_binaries_in(&roots, None, Some(&release_min)).unwrap();
        assert_eq!(a, release_app);
        assert!(find_binaries_in(&roots, Some(&root.join("nowhere/gongkai")), None).is_err());
        assert_eq!(profile(Path::new("/opt/gongkai")), None);
    }
}
