//! Crash safety (issue 8, point 3): a child process registers requests as fast as it can and
//! reports each one on stdout after its commit; we kill it with SIGKILL at random moments, 20
//! times, and after each kill the ledger must pass `integrity_check`, hold every request the
//! child reported, and keep an intact audit chain.
//!
//! The child is this very test binary, re-run with `GONGKAI_CRASH_CHILD` set so that only
//! `crash_writer_child` runs: no extra binary to build, the same code as the app.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use gongkai_core::identity::IdKind;
use gongkai_core::request::Channel;
use gongkai_core::taxonomy::ApplicantType;
use gongkai_ledger::requests::{self, Actor, RequestInput};
use gongkai_ledger::{audit, Ledger};

mod common;
use common::outside;

const CHILD_ENV: &str = "GONGKAI_CRASH_CHILD";
const KILLS: usize = 20;

fn input(i: u64) -> RequestInput {
    RequestInput {
        number: String::new(),
        applicant_type: ApplicantType::NaturalPerson,
        applicant_name: format!("申请人{i}"),
        id_kind: IdKind::None,
        id_number: String::new(),
        contact: "13912345678".into(),
        address: String::new(),
        channel: Channel::InPerson,
        received_date: "2025-06-02".into(),
        content: format!("申请公开第 {i} 号文件的批复（崩溃测试）"),
        document_ref: String::new(),
        document_id: None,
        form_wanted: String::new(),
        delivery_wanted: String::new(),
    }
}

/// The writer. Does nothing in a normal test run; in the child it never returns.
#[test]
fn crash_writer_child() {
    let Ok(db) = std::env::var(CHILD_ENV) else { return };
    let mut ledger = Ledger::open(Path::new(&db)).expect("child opens the ledger");
    ledger.set_operator("崩溃测试").unwrap();
    let actor = Actor { operator: "崩溃测试".into(), now: NaiveDate::from_ymd_opt(2025, 6, 2).unwrap().and_hms_opt(10, 0, 0).unwrap() };
    let mut out = std::io::stdout().lock();
    for i in 0.. {
        let number = requests::register(&mut ledger, &input(i), &actor).expect("child registers a request");
        // One write of one short line: a pipe delivers it whole or not at all.
        out.write_all(format!("COMMITTED {number}\n").as_bytes()).unwrap();
        out.flush().unwrap();
    }
}

/// A small xorshift, seeded from the clock: a different set of kill moments on every run, and
/// the seed is printed so a failure can be reproduced.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn sigkill_at_random_moments_loses_no_committed_request() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    eprintln!("crash test seed {seed}");
    let mut rng = Rng(seed);
    let mut committed: HashSet<String> = HashSet::new();
    let started = Instant::now();
    for kill in 1..=KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["crash_writer_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (first_tx, first_rx) = std::sync::mpsc::channel::<()>();
        let reader = std::thread::spawn(move || {
            let mut seen = Vec::new();
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            loop {
                line.clear();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    // A line cut short by the kill was never fully reported: ignore it.
                    Ok(_) if !line.ends_with('\n') => break,
                    Ok(_) => {
                        if let Some(number) = line.trim_end().strip_prefix("COMMITTED ") {
                            if seen.is_empty() {
                                let _ = first_tx.send(());
                            }
                            seen.push(number.to_string());
                        }
                    }
                }
            }
            seen
        });
        // Kill while the child is inside its write loop: after its first commit, then at a
        // random moment 0–80 ms later, which lands anywhere in a transaction or between two.
        first_rx.recv_timeout(Duration::from_secs(30)).unwrap_or_else(|_| panic!("kill {kill}: the writer reported nothing"));
        std::thread::sleep(Duration::from_micros(rng.next() % 80_000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let seen = reader.join().unwrap();
        assert!(!seen.is_empty());
        committed.extend(seen);

        // Opened the way the app opens it after a crash: read-write, so SQLite recovers the WAL.
        let ledger = Ledger::open(&db).unwrap();
        let c = outside(&ledger);
        let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "kill {kill} (seed {seed}): integrity_check");
        assert!(ledger.check_integrity().unwrap().is_empty(), "kill {kill} (seed {seed}): foreign keys");
        let present: HashSet<String> = {
            let mut stmt = c.prepare("SELECT number FROM request").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
        };
        let lost: Vec<&String> = committed.iter().filter(|n| !present.contains(*n)).collect();
        assert!(lost.is_empty(), "kill {kill} (seed {seed}): committed requests lost: {lost:?}");
        let report = audit::verify(&ledger).unwrap();
        assert!(report.problems.is_empty(), "kill {kill} (seed {seed}): audit {:?}", report.problems);
    }
    eprintln!("{KILLS} kills, {} committed requests, {:?}", committed.len(), started.elapsed());
}
