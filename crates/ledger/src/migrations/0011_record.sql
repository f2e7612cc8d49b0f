-- 0011: the ledger as a record that holds up (issue 16).
-- 1. The audit log is append-only in the file itself, not only by convention: persistent triggers
--    refuse UPDATE and DELETE on audit_log (a restore replaces whole pages and is not affected).
-- 2. The ledger has an identity, created once: backups name it, and listing, rotation and restore
--    consider only the same ledger's backups.
-- 3. ledger_event: what happens to the ledger as a whole, or what is read out of it, rather than to
--    one of its records: each upgrade (with the verification run before it), each restore, each
--    unmasked export, saved attachment and change of 操作人. Its rows are audited like any other,
--    so they sit in the hash chain; the table is append-only.
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;

CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, '审计日志只能追加，不能删除');
END;

CREATE TABLE ledger_identity (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    ledger_id  TEXT NOT NULL CHECK (length(ledger_id) = 32),
    created_at TEXT NOT NULL
) STRICT;

INSERT INTO ledger_identity (id, ledger_id, created_at)
VALUES (1, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TRIGGER ledger_identity_fixed_update BEFORE UPDATE ON ledger_identity
BEGIN
    SELECT RAISE(ABORT, '台账标识创建后不能修改');
END;

CREATE TRIGGER ledger_identity_fixed_delete BEFORE DELETE ON ledger_identity
BEGIN
    SELECT RAISE(ABORT, '台账标识创建后不能删除');
END;

CREATE TABLE ledger_event (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    operator TEXT NOT NULL,
    -- upgrade, restore, export_unmasked, attachment_save, operator_change, … (audit/events.rs: EventKind)
    kind     TEXT NOT NULL CHECK (length(kind) > 0),
    detail   TEXT NOT NULL,
    records  INTEGER NOT NULL DEFAULT 0 CHECK (records >= 0)
) STRICT;

CREATE INDEX ledger_event_kind ON ledger_event (kind, id);

CREATE TRIGGER ledger_event_append_only_update BEFORE UPDATE ON ledger_event
BEGIN
    SELECT RAISE(ABORT, '台账事件只能追加，不能修改');
END;

CREATE TRIGGER ledger_event_append_only_delete BEFORE DELETE ON ledger_event
BEGIN
    SELECT RAISE(ABORT, '台账事件只能追加，不能删除');
END;
