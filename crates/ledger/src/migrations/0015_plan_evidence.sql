-- 0016 (issue 21): evidence for a (task, unit) pair may be a file (the notice as issued, a scan,
-- a screenshot of the published page) besides a link. The file is attached to the progress note
-- that records it, at most one per note, copied like a request's attachments into the ledger's
-- attachments folder (under 工作要点/<note>/), recorded with its SHA-256, and carried by every
-- backup (sqlar) and restore. Evidence is appended, never changed or deleted.
CREATE TABLE plan_evidence (
    id          INTEGER PRIMARY KEY,
    progress_id INTEGER NOT NULL UNIQUE REFERENCES plan_progress (id),
    file_name   TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
    stored_path TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes  INTEGER NOT NULL CHECK (size_bytes > 0),
    operator    TEXT NOT NULL,
    added_at    TEXT NOT NULL
) STRICT;

CREATE TRIGGER plan_evidence_no_update BEFORE UPDATE ON plan_evidence
BEGIN SELECT RAISE(ABORT, '佐证附件不能修改'); END;
CREATE TRIGGER plan_evidence_no_delete BEFORE DELETE ON plan_evidence
BEGIN SELECT RAISE(ABORT, '佐证附件不能删除'); END;
