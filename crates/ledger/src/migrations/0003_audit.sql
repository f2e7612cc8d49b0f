-- 0003: the audit trail (审计日志). Every change to a ledger table is appended here by TEMP triggers
-- that each connection installs at open (audit.rs), so no write path can forget it. Entries form a
-- SHA-256 hash chain: `hash` covers `prev_hash` and the entry's own content, so an entry edited or
-- removed behind the app's back breaks the chain, and a row edited behind its back no longer
-- matches the last state logged for it.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    operator   TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'baseline')),
    table_name TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    before     TEXT,
    after      TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_record ON audit_log (table_name, row_id, id);
