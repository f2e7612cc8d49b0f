-- 0017 (issue 23): 工作台 in the order work can still be done. Two records it needs:
-- a 待出具告知书 item the office decides not to issue (the letter went out on paper before the
-- ledger was used, the applicant was told in person, …) is dismissed with a reason, stays visible
-- and can be restored once; and the one step that marks an import's old backlog as done
-- (documents 已上网, requests 导入前已办结) keeps its date, cut-off, reason and the rows it changed,
-- beside each row's own change in the audit trail.
CREATE TABLE letter_dismissal (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES request (id),
    kind         TEXT NOT NULL CHECK (length(kind) > 0),          -- the letter's kind (LetterKind code)
    since        TEXT NOT NULL CHECK (since GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'), -- the event calling for it
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),  -- 不出具的理由
    operator     TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    restored_at  TEXT,                                            -- 恢复: the item is proposed again
    restored_by  TEXT,
    CHECK ((restored_at IS NULL) = (restored_by IS NULL))
) STRICT;
CREATE INDEX letter_dismissal_request ON letter_dismissal (request_id, kind, since);
CREATE TRIGGER letter_dismissal_no_delete BEFORE DELETE ON letter_dismissal
BEGIN SELECT RAISE(ABORT, '不出具记录不能删除'); END;
CREATE TRIGGER letter_dismissal_restore_only BEFORE UPDATE ON letter_dismissal
WHEN OLD.restored_at IS NOT NULL OR NEW.request_id IS NOT OLD.request_id OR NEW.kind IS NOT OLD.kind
  OR NEW.since IS NOT OLD.since OR NEW.reason IS NOT OLD.reason OR NEW.operator IS NOT OLD.operator
  OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN SELECT RAISE(ABORT, '不出具记录只能恢复一次，不能修改'); END;

CREATE TABLE backlog_step (
    id           INTEGER PRIMARY KEY,
    register     TEXT NOT NULL CHECK (register IN ('documents', 'requests')),
    cutoff       TEXT NOT NULL CHECK (cutoff GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'), -- rows dated before it
    step_date    TEXT NOT NULL CHECK (step_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    row_ids      TEXT NOT NULL CHECK (json_valid(row_ids)),       -- JSON array of the changed rows' ids
    operator     TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE TRIGGER backlog_step_no_update BEFORE UPDATE ON backlog_step
BEGIN SELECT RAISE(ABORT, '积压处理记录不能修改'); END;
CREATE TRIGGER backlog_step_no_delete BEFORE DELETE ON backlog_step
BEGIN SELECT RAISE(ABORT, '积压处理记录不能删除'); END;
