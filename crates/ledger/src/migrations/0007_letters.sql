-- 0007: 告知书. The templates a clerk edited (a key with no row here prints the shipped default
-- text, so restoring a default is removing the clerk's row), and every letter issued: its number
-- from a per-year counter, the exact text issued, and its PDF kept as an attachment of the request.
-- Issued letters are records of what the applicant was told: never changed, never deleted.
CREATE TABLE letter_template (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    addressee  TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (length(trim(body)) > 0),
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE letter (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL REFERENCES request (id),
    kind          TEXT NOT NULL CHECK (kind IN ('receipt', 'correction', 'extension', 'consultation', 'fee', 'reply')),
    template_key  TEXT NOT NULL,
    -- 文书编号 = the pattern setting applied to (year, seq); seq counts per year from 1.
    year          INTEGER NOT NULL,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    number        TEXT NOT NULL,
    issued_date   TEXT NOT NULL CHECK (issued_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    title         TEXT NOT NULL,
    addressee     TEXT NOT NULL,
    body          TEXT NOT NULL,
    organ         TEXT NOT NULL,
    attachment_id INTEGER NOT NULL REFERENCES attachment (id),
    operator      TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    UNIQUE (year, seq)
) STRICT;

CREATE INDEX letter_request ON letter (request_id);

CREATE TRIGGER letter_append_only_update BEFORE UPDATE ON letter
BEGIN
    SELECT RAISE(ABORT, '已出具的告知书不能修改');
END;

CREATE TRIGGER letter_append_only_delete BEFORE DELETE ON letter
BEGIN
    SELECT RAISE(ABORT, '已出具的告知书不能删除');
END;

-- 工作台's letters due: recent workflow events by kind, without scanning every request's log.
CREATE INDEX request_event_kind_date ON request_event (kind, event_date);
