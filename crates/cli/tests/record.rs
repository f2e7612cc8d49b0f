//! The ledger as a record that holds up, tried as an outside examiner would (issue 16): each
//! attack below is what a person holding the file could do with sqlite3 and a short script, and
//! each must be caught by `gongkai audit verify` (or refused) once an anchor exists outside the
//! file. `audit verify` itself only reads.

use std::path::{Path, PathBuf};

use gongkai_cli::run_captured;
use gongkai_ledger::audit::entry_hash;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

mod common;
use common::{s, sample};

fn imported(dir: &Path) -> PathBuf {
    let db = dir.join("q.db");
    let (code, _, err) = run_captured(&["import", "requests", s(&sample()), "--db", s(&db), "--operator", "王五"]);
    assert_eq!(code, 0, "{err}");
    db
}

fn sha(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap()).iter().map(|b| format!("{b:02x}")).collect()
}

fn verify(db: &Path, extra: &[&str]) -> (u8, String, String) {
    let mut args = vec!["audit", "verify", "--db", s(db)];
    args.extend_from_slice(extra);
    run_captured(&args)
}

/// The forger's script: changes request 3's applicant, rewrites that row's logged states to
/// match, recomputes every hash of the chain with plain SHA-256 (the hash function is public),
/// and puts the append-only triggers back exactly as they were. The chain and the rows then agree.
fn forge(db: &Path) {
    let c = Connection::open(db).unwrap();
    let triggers: Vec<(String, String)> = {
        let mut st = c.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
    };
    for (name, _) in &triggers {
        c.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    let old: String = c.query_row("SELECT applicant_name FROM request WHERE id = 3", [], |r| r.get(0)).unwrap();
    c.execute("UPDATE request SET applicant_name = '篡改后的申请人' WHERE id = 3", []).unwrap();
    let from = format!("\"applicant_name\":\"{old}\"");
    let to = "\"applicant_name\":\"篡改后的申请人\"";
    c.execute(
        "UPDATE audit_log SET before = replace(before, ?1, ?2), after = replace(after, ?1, ?2) WHERE table_name = 'request' AND row_id = 3",
        [&from, to],
    )
    .unwrap();
    redigest(&c, 3);
    rehash(&c);
    for (_, sql) in &triggers {
        c.execute_batch(sql).unwrap();
    }
}

/// An import logs its rows compactly (issue 22: `import_batch` entries holding the first 32 hex
/// digits of the SHA-256 of each row's JSON): the forger recomputes request `id`'s digest too.
fn redigest(c: &Connection, id: i64) {
    let columns: Vec<String> = {
        let mut st = c.prepare("SELECT name FROM pragma_table_info('request') ORDER BY cid").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', \"{c}\"")).collect();
    let json: String =
        c.query_row(&format!("SELECT json_object({}) FROM request WHERE id = ?1", pairs.join(", ")), [id], |r| r.get(0)).unwrap();
    let digest: String = Sha256::digest(json.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>()[..32].to_string();
    let entries: Vec<(i64, String)> = {
        let mut st = c.prepare("SELECT id, after FROM audit_log WHERE table_name = 'import_batch'").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
    };
    for (entry, after) in entries {
        let mut v: serde_json::Value = serde_json::from_str(&after).unwrap();
        if v["table"] != "request" {
            continue;
        }
        let mut k = 0usize;
        let mut at = None;
        for run in v["rows"].as_array().unwrap() {
            let (first, count) = (run[0].as_i64().unwrap(), run[1].as_i64().unwrap());
            if (first..first + count).contains(&id) {
                at = Some(k + (id - first) as usize);
            }
            k += count as usize;
        }
        let Some(at) = at else { continue };
        let mut digests = v["digests"].as_str().unwrap().to_string();
        digests.replace_range(at * 32..at * 32 + 32, &digest);
        v["digests"] = serde_json::Value::String(digests);
        c.execute("UPDATE audit_log SET after = ?1 WHERE id = ?2", rusqlite::params![v.to_string(), entry]).unwrap();
    }
}

/// Recomputes every entry's prev_hash and hash in order.
fn rehash(c: &Connection) {
    type Entry = (i64, String, String, String, String, i64, Option<String>, Option<String>);
    let entries: Vec<Entry> = {
        let mut st = c.prepare("SELECT id, at, operator, action, table_name, row_id, before, after FROM audit_log ORDER BY id").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let mut prev = String::new();
    for (id, at, op, action, table, row, before, after) in entries {
        let hash = entry_hash(&prev, &at, &op, &action, &table, row, before.as_deref(), after.as_deref());
        c.execute("UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3", rusqlite::params![prev, hash, id]).unwrap();
        prev = hash;
    }
}

#[test]
fn verify_reads_only_and_the_file_stays_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let config = dir.path().join("config");
    let before = sha(&db);
    let (code, out, err) = verify(&db, &["--config-dir", s(&config)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("审计日志完好") && out.contains("校验码"), "{out}");
    assert_eq!(sha(&db), before, "verification changed the ledger");
    assert!(config.join("anchors.json").exists(), "a clean verification records the head for this workstation");

    // An older ledger is verified as it is: never migrated by verification.
    let raw = Connection::open(&db).unwrap();
    raw.execute_batch(&format!("PRAGMA user_version = {}", gongkai_ledger::LATEST_VERSION - 1)).unwrap();
    drop(raw);
    let before = sha(&db);
    let _ = verify(&db, &[]);
    assert_eq!(sha(&db), before);
}

#[test]
fn a_rewritten_and_rehashed_chain_passes_alone_but_not_against_any_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let config = dir.path().join("config");
    // Anchors recorded before the forgery: `audit head` printed by hand, the workstation's record
    // (written when a command that opened the ledger closes it), and a backup in backups/.
    let (code, head, err) = run_captured(&["audit", "head", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let head = head.trim().to_string();
    assert!(head.split_once(':').is_some_and(|(n, h)| n.parse::<i64>().is_ok() && h.len() == 64), "{head}");
    let code16 = {
        let (n, h) = head.split_once(':').unwrap();
        format!("{n}:{}-{}", &h[..8], &h[8..16])
    };

    let pristine = dir.path().join("pristine.db");
    std::fs::copy(&db, &pristine).unwrap();
    forge(&db);
    // The chain alone cannot tell: no anchor, no finding. This is the limit the anchors remove.
    let (code, _, err) = verify(&db, &["--config-dir", s(&dir.path().join("empty-config"))]);
    assert_eq!(code, 0, "the forged chain is self-consistent: {err}");

    for anchor in [&head, &code16] {
        let (code, _, err) = verify(&db, &["--anchor", anchor]);
        assert_eq!(code, 1, "{anchor}");
        assert!(err.contains("手工输入的锚点") && err.contains("被改写"), "{err}");
    }

    // The workstation's record: a command that wrote to the ledger recorded its head on closing.
    std::fs::copy(&pristine, &db).unwrap();
    assert_eq!(run_captured(&["check", "--db", s(&db), "--config-dir", s(&config)]).0, 0);
    forge(&db);
    let (code, _, err) = verify(&db, &["--config-dir", s(&config)]);
    assert_eq!(code, 1);
    assert!(err.contains("本机记录") && err.contains("被改写"), "{err}");

    // A backup in backups/ beside the ledger.
    std::fs::copy(&pristine, &db).unwrap();
    let (code, _, err) = run_captured(&["backup", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    forge(&db);
    let (code, _, err) = verify(&db, &["--config-dir", s(&dir.path().join("empty-config"))]);
    assert_eq!(code, 1);
    assert!(err.contains("备份“手动备份-") && err.contains("被改写"), "{err}");
}

#[test]
fn cutting_off_the_tail_past_an_anchor_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    {
        let mut l = gongkai_ledger::Ledger::open(&db).unwrap();
        l.set_workstation_dir(None);
        gongkai_ledger::settings::save_organ_name(&mut l, "某区人民政府办公室").unwrap();
    }
    let (_, head, _) = run_captured(&["audit", "head", "--db", s(&db)]);
    let head = head.trim().to_string();
    let n: i64 = head.split_once(':').unwrap().0.parse().unwrap();
    // Undo the last change and cut its entry off: rows and chain agree again.
    let c = Connection::open(&db).unwrap();
    c.execute_batch(
        "DROP TRIGGER audit_log_append_only_delete;
         DELETE FROM setting WHERE key = 'organ_name';",
    )
    .unwrap();
    c.execute("DELETE FROM audit_log WHERE id >= ?1", [n]).unwrap();
    c.execute_batch("CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log\nBEGIN\n    SELECT RAISE(ABORT, '审计日志只能追加，不能删除');\nEND").unwrap();
    drop(c);
    let (code, _, err) = verify(&db, &[]);
    assert_eq!(code, 0, "without the anchor the shorter chain is consistent: {err}");
    let (code, _, err) = verify(&db, &["--anchor", &head]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("审计日志第 {n} 条")) && err.contains("截去"), "{err}");
}

#[test]
fn a_dropped_append_only_trigger_fails_verification() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    for trigger in ["request_event_append_only_update", "audit_log_append_only_delete"] {
        let copy = dir.path().join(format!("{trigger}.db"));
        std::fs::copy(&db, &copy).unwrap();
        Connection::open(&copy).unwrap().execute_batch(&format!("DROP TRIGGER {trigger}")).unwrap();
        let (code, _, err) = verify(&copy, &[]);
        assert_eq!(code, 1, "{trigger}");
        assert!(err.contains(&format!("缺少触发器 {trigger}")), "{err}");
    }
    // Something foreign added is named too.
    Connection::open(&db).unwrap().execute_batch("CREATE TABLE notes (x TEXT)").unwrap();
    let (code, _, err) = verify(&db, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("多出表 notes"), "{err}");
}

/// The migration trick: edit a row, lower `user_version`, let the app reopen the file so that an
/// upgrade would "rebaseline" the edit into the log. The upgrade is refused and the edit stays
/// flagged.
#[test]
fn lowering_the_schema_version_does_not_launder_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let c = Connection::open(&db).unwrap();
    c.execute("UPDATE request SET applicant_name = '篡改' WHERE id = 3", []).unwrap();
    c.execute_batch(&format!("PRAGMA user_version = {}", gongkai_ledger::LATEST_VERSION - 1)).unwrap();
    drop(c);
    let before = sha(&db);
    let (code, _, err) = run_captured(&["check", "--db", s(&db)]);
    assert_ne!(code, 0);
    assert!(err.contains("版本号被绕过程序改低") && err.contains("未升级"), "{err}");
    assert_eq!(sha(&db), before, "the refused upgrade wrote nothing");
    let (code, _, err) = verify(&db, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("request 表第 3 行") && err.contains("改低"), "{err}");
}

/// An upgrade of a ledger edited out of band (before this version) records what it found and
/// leaves the edited row flagged: it logs only what the upgrade itself changed.
#[test]
fn an_upgrade_never_absorbs_an_edit_it_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let c = Connection::open(&db).unwrap();
    // As a version-10 program would have left it, plus an edit behind its back.
    c.execute_batch(
        "DROP TABLE account; DROP TABLE ledger_identity; DROP TABLE ledger_event;
         DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;
         PRAGMA user_version = 10;",
    )
    .unwrap();
    // … and without what 0013 added (`letter` as 0007 made it; no letters were issued here).
    let m7 = gongkai_ledger::MIGRATIONS[6].1;
    let letter = &m7[m7.find("CREATE TABLE letter (").unwrap()..m7.find("-- 工作台").unwrap()];
    let mut undo = format!("DROP TABLE letter;\n{letter}\nALTER TABLE document DROP COLUMN index_number;\n");
    for col in ["active", "requests", "management", "platform", "oversight"] {
        undo += &format!("ALTER TABLE report_year DROP COLUMN overview_{col};\n");
    }
    // … and without what 0014 added (the units' columns and the 工作要点 tables).
    // … and without what 0016 added (汇总's submissions).
    undo += "DROP TABLE submission;\n";
    // … and without what 0017 added (工作台's dismissals and backlog steps).
    undo += "DROP TABLE backlog_step; DROP TABLE letter_dismissal;\n";
    undo += "DROP TABLE plan_evidence; DROP TABLE plan_progress; DROP TABLE plan_assignment; DROP TABLE plan_task; DROP TABLE plan_part;
             DROP TABLE plan; DROP TRIGGER department_no_delete; ALTER TABLE department DROP COLUMN category;
             ALTER TABLE department DROP COLUMN contact; ALTER TABLE department DROP COLUMN report_due;\n";
    c.execute_batch(&undo).unwrap();
    c.execute("UPDATE request SET applicant_name = '篡改' WHERE id = 3", []).unwrap();
    drop(c);
    let (code, _, err) = run_captured(&["check", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = verify(&db, &[]);
    assert_eq!(code, 1, "the edit survived the upgrade as a finding");
    assert!(err.contains("request 表第 3 行与审计日志记录的最后状态不符"), "{err}");
    let l = gongkai_ledger::Ledger::open_read_only(&db).unwrap();
    let events = gongkai_ledger::audit::events::list(&l, Some(gongkai_ledger::audit::EventKind::Upgrade), 10).unwrap();
    assert!(events.iter().any(|e| e.detail.contains("\"from\":10") && e.detail.contains("request 表第 3 行")), "{events:?}");
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// One file holds ledger and attachments: lose the attachments folder, `check` names the missing
/// letter; restore the backup, the letter's PDF is back with its hash.
#[test]
fn a_backup_holds_the_attachments_and_restore_brings_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let text = std::fs::read_to_string(sample()).unwrap();
    let number = text.lines().nth(2).unwrap().split(',').next().unwrap().to_string();
    let pdf = dir.path().join("回执.pdf");
    assert_eq!(run_captured(&["settings", "set", "机关名称", "某区人民政府办公室", "--db", s(&db)]).0, 0);
    let (code, _, err) = run_captured(&["letter", &number, "登记回执", "--out", s(&pdf), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(run_captured(&["check", "--db", s(&db)]).0, 0);

    let bak = dir.path().join("全部.db");
    let (code, out, err) = run_captured(&["backup", "--out", s(&bak), "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("审计日志第"), "{out}");
    #[cfg(unix)]
    assert_eq!(mode(&bak), 0o600, "a backup is readable by its owner only");
    let (code, out, err) = run_captured(&["check", "--read-only", "--db", s(&bak)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("备份正常") && out.contains("附件 1 个"), "{out}");
    assert_eq!(run_captured(&["check", "--db", s(&bak)]).0, 0, "check on a backup checks it read-only");

    let folder = gongkai_ledger::backup::attachment_dir_of(&db);
    let stored: Vec<PathBuf> = walk(&folder);
    assert_eq!(stored.len(), 1, "{stored:?}");
    let original = std::fs::read(&stored[0]).unwrap();
    std::fs::remove_dir_all(&folder).unwrap();
    let (code, _, err) = run_captured(&["check", "--db", s(&db)]);
    assert_eq!(code, 1);
    assert!(err.contains("附件缺失") && err.contains(stored[0].file_name().unwrap().to_str().unwrap()), "{err}");

    let (code, out, err) = run_captured(&["restore", s(&bak), "--db", s(&db), "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("写回附件 1 个"), "{out}");
    let (code, _, err) = run_captured(&["check", "--db", s(&db)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&stored[0]).unwrap(), original, "the letter's PDF is back, byte for byte");
    // The restore is in the trail, and the ledger verifies against its backups afterwards.
    let l = gongkai_ledger::Ledger::open_read_only(&db).unwrap();
    let restores = gongkai_ledger::audit::events::list(&l, Some(gongkai_ledger::audit::EventKind::Restore), 10).unwrap();
    assert_eq!(restores.len(), 1);
    assert!(restores[0].detail.contains("全部.db") && restores[0].detail.contains("replaced_head"), "{}", restores[0].detail);
    drop(l);
    let (code, _, err) = verify(&db, &[]);
    assert_eq!(code, 0, "{err}");

    // A backup in another folder's ledger is another ledger's: refused without --yes's confirmation.
    let other = dir.path().join("other/o.db");
    assert_eq!(run_captured(&["demo", "--db", s(&other)]).0, 0);
    let l = gongkai_ledger::Ledger::open(&other).unwrap();
    let mut l = l;
    let e = gongkai_ledger::backup::restore_into(&mut l, &bak, false, "20260101-000000").unwrap_err();
    assert!(e.to_string().contains("属于另一本台账"), "{e}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Each ledger's backups are its own: two ledgers in one folder list and rotate only theirs.
#[test]
fn ledgers_sharing_a_folder_see_only_their_own_backups() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    assert_eq!(run_captured(&["demo", "--db", s(&a)]).0, 0);
    assert_eq!(run_captured(&["demo", "--db", s(&b)]).0, 0);
    assert_eq!(run_captured(&["backup", "--db", s(&a)]).0, 0);
    let listed_a = gongkai_ledger::backup::list(&a).unwrap();
    let listed_b = gongkai_ledger::backup::list(&b).unwrap();
    assert_eq!(listed_a.len(), 1);
    assert!(listed_b.is_empty(), "{listed_b:?}");
    #[cfg(unix)]
    {
        assert_eq!(mode(&gongkai_ledger::backup::backups_dir(&a)), 0o700);
        assert_eq!(mode(&gongkai_ledger::backup::backups_dir(&a).join(&listed_a[0].name)), 0o600);
    }
}
