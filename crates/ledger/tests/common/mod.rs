//! Fixtures shared by the ledger's test binaries: dates, an operator, a scratch ledger, and an
//! outside connection to its file (what a script or an examiner with sqlite3 would use).
#![allow(dead_code)] // each test binary uses its own subset

use chrono::NaiveDate;
use gongkai_core::identity::IdKind;
use gongkai_core::request::Channel;
use gongkai_core::taxonomy::ApplicantType;
use gongkai_ledger::requests::{Actor, RequestInput};
use gongkai_ledger::Ledger;
use rusqlite::Connection;

/// "2025-03-01" as a date.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The test operator, acting at 10:00 on `today`.
pub fn actor(today: &str) -> Actor {
    Actor { operator: "测试员".into(), now: d(today).and_hms_opt(10, 0, 0).unwrap() }
}

/// An empty ledger in a scratch folder (kept as long as the folder is).
pub fn ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let l = Ledger::open(&dir.path().join("l.db")).unwrap();
    (dir, l)
}

/// A second connection to the ledger's file from outside the app: no audit triggers, no
/// foreign keys, nothing of the `Ledger` API. Tests read with it what the API does not show and
/// tamper with it as someone editing the file behind the app's back would.
pub fn outside(l: &Ledger) -> Connection {
    let c = Connection::open(l.path()).unwrap();
    c.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    c
}

/// A natural person's request received in person on `received` (YYYY-MM-DD), with a checked ID
/// number; tests change what their story needs with `RequestInput { …, ..request_input(day) }`.
pub fn request_input(received: &str) -> RequestInput {
    RequestInput {
        number: String::new(),
        applicant_type: ApplicantType::NaturalPerson,
        applicant_name: "王小明".into(),
        id_kind: IdKind::ResidentId,
        id_number: "11010519491231002X".into(),
        contact: "13912345678".into(),
        address: "某市某区某路1号".into(),
        channel: Channel::InPerson,
        received_date: received.into(),
        content: "申请公开某某道路改造工程的立项批复文件".into(),
        document_ref: String::new(),
        document_id: None,
        form_wanted: "纸质".into(),
        delivery_wanted: "邮寄".into(),
    }
}

/// SQL taking a current ledger (with no letters) back to what migration 0013 found: `letter` as
/// 0007 made it, without `document.index_number` and the five `report_year.overview_*` columns.
/// Tests that stage an older ledger from a current one run it with their own undo of 0011–0012.
pub fn undo_0013_sql() -> String {
    let m7 = gongkai_ledger::MIGRATIONS[6].1;
    let letter = &m7[m7.find("CREATE TABLE letter (").unwrap()..m7.find("-- 工作台").unwrap()];
    let mut sql = format!("DROP TABLE letter;\n{letter}\nALTER TABLE document DROP COLUMN index_number;\n");
    for c in ["active", "requests", "management", "platform", "oversight"] {
        sql += &format!("ALTER TABLE report_year DROP COLUMN overview_{c};\n");
    }
    sql
}
