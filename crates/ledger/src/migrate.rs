//! Forward-only migrations, embedded in the binary and applied at open in one IMMEDIATE
//! transaction. A landed migration is history: never edit it, add the next number.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result, APPLICATION_ID};

/// (version, SQL). Versions are 1, 2, 3, … without gaps.
pub const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("migrations/0001_foundation.sql")),
    (2, include_str!("migrations/0002_calendar.sql")),
    (3, include_str!("migrations/0003_audit.sql")),
    (4, include_str!("migrations/0004_documents.sql")),
    (5, include_str!("migrations/0005_requests.sql")),
    (6, include_str!("migrations/0006_report.sql")),
    (7, include_str!("migrations/0007_letters.sql")),
    (8, include_str!("migrations/0008_request_indices.sql")),
    (9, include_str!("migrations/0009_request_tally.sql")),
    (10, include_str!("migrations/0010_request_tally_upsert.sql")),
    (11, include_str!("migrations/0011_record.sql")),
    (12, include_str!("migrations/0012_accounts.sql")),
    (13, include_str!("migrations/0013_fidelity.sql")),
    (14, include_str!("migrations/0014_workplan.sql")),
    (15, include_str!("migrations/0015_plan_evidence.sql")),
    (16, include_str!("migrations/0016_consolidation.sql")),
    (17, include_str!("migrations/0017_worklist.sql")),
];

pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// Applies what is missing; returns whether anything was applied.
pub(crate) fn apply(conn: &mut Connection) -> Result<bool> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| Error::sqlite("升级台账结构", e))?;
    let current: u32 = tx
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(|e| Error::sqlite("读取台账版本", e))? as u32;
    if current > LATEST_VERSION {
        return Err(Error::TooNew { found: current, supported: LATEST_VERSION });
    }
    if current == LATEST_VERSION {
        return Ok(false);
    }
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        tx.execute_batch(sql).map_err(|e| {
            tracing::error!(version, error = %e, "migration failed");
            Error::sqlite("升级台账结构", e)
        })?;
        tracing::info!(version, "migration applied");
    }
    tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {LATEST_VERSION};"))
        .map_err(|e| Error::sqlite("记录台账版本", e))?;
    tx.commit().map_err(|e| Error::sqlite("升级台账结构", e))?;
    Ok(true)
}
