-- 0005: 依申请公开 (disclosure requests). A request changes only by appending to request_event; the
-- columns marked PROJECTION on `request` are derived from its events and rewritten in the same
-- transaction as each append, so that list filters and the annual report can count in plain SQL
-- without replaying events. Deadlines are not stored: they depend on today and the calendar.
CREATE TABLE request (
    id              INTEGER PRIMARY KEY,
    -- 受理编号: generated from the pattern setting, or kept exactly as written in an imported ledger.
    number          TEXT NOT NULL UNIQUE CHECK (length(trim(number)) > 0),
    applicant_name  TEXT NOT NULL CHECK (length(trim(applicant_name)) > 0),
    id_kind         TEXT NOT NULL DEFAULT 'none' CHECK (id_kind IN ('none', 'resident_id', 'credit_code', 'other')),
    id_number       TEXT NOT NULL DEFAULT '',
    contact         TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    -- 申请方式; the Art. 31 receipt date is received_date below (submission, signing-for or confirmation).
    channel         TEXT NOT NULL CHECK (channel IN ('in_person', 'post', 'online', 'fax', 'other')),
    content         TEXT NOT NULL CHECK (length(trim(content)) > 0),
    -- 文号或名称 of the information sought, and the register entry when it is there. No foreign key:
    -- the documents register is a separate migration and a request must not block its changes.
    document_ref    TEXT NOT NULL DEFAULT '',
    document_id     INTEGER,
    form_wanted     TEXT NOT NULL DEFAULT '',
    delivery_wanted TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    -- PROJECTION (kept by gongkai_ledger::requests in the append's transaction):
    status          TEXT NOT NULL CHECK (status IN ('processing', 'awaiting_correction', 'consulting', 'awaiting_fee',
                                                    'replied', 'delivered', 'closed', 'withdrawn', 'archived')),
    -- date of the 登记 event (收到申请之日, Art. 31)
    received_date   TEXT NOT NULL CHECK (received_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- date the request left the workflow: reply, 撤回, 逾期未补正 or 逾期未缴费; NULL while open
    concluded_date  TEXT CHECK (concluded_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- a ReplyResult code; 撤回 is 'other'; NULL exactly while open
    result_code     TEXT,
    -- an ApplicantType code (table 三's columns)
    applicant_type  TEXT NOT NULL CHECK (applicant_type IN ('natural_person', 'business', 'research',
                                                            'public_interest', 'legal_service', 'other')),
    imported        INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
    CHECK ((concluded_date IS NULL) = (result_code IS NULL)),
    CHECK (concluded_date IS NULL OR concluded_date >= received_date)
) STRICT;

CREATE INDEX request_received ON request (received_date);
CREATE INDEX request_concluded ON request (concluded_date);
CREATE INDEX request_status ON request (status, received_date);
CREATE INDEX request_applicant_type ON request (applicant_type, received_date);
CREATE INDEX request_result ON request (result_code, concluded_date);

-- The append-only log. seq runs 1, 2, … per request in the order events were recorded.
CREATE TABLE request_event (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES request (id),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    kind        TEXT NOT NULL,
    event_date  TEXT NOT NULL CHECK (event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    payload     TEXT NOT NULL CHECK (json_valid(payload)),
    operator    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    -- 1 for history brought in by an import: it did not pass the workflow's transition checks.
    imported    INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
    UNIQUE (request_id, seq)
) STRICT;

CREATE TRIGGER request_event_append_only_update BEFORE UPDATE ON request_event
BEGIN
    SELECT RAISE(ABORT, '办理记录只能追加，不能修改');
END;

CREATE TRIGGER request_event_append_only_delete BEFORE DELETE ON request_event
BEGIN
    SELECT RAISE(ABORT, '办理记录只能追加，不能删除');
END;

-- 行政复议 / 行政诉讼 against a request, for table 四 of the annual report. The outcome is updated
-- when the case is decided, so this is a plain record, not an event log.
CREATE TABLE review (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES request (id),
    kind         TEXT NOT NULL CHECK (kind IN ('reconsideration', 'lawsuit_direct', 'lawsuit_after_reconsideration')),
    filed_date   TEXT NOT NULL CHECK (filed_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    outcome      TEXT NOT NULL CHECK (outcome IN ('upheld', 'corrected', 'other', 'pending')),
    decided_date TEXT CHECK (decided_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    CHECK ((outcome = 'pending') = (decided_date IS NULL)),
    CHECK (decided_date IS NULL OR decided_date >= filed_date)
) STRICT;

CREATE INDEX review_request ON review (request_id);
CREATE INDEX review_filed ON review (filed_date);

-- Files attached to a request, copied into the folder next to the ledger; sha256 is checked on open.
CREATE TABLE attachment (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES request (id),
    file_name   TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
    stored_path TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
    operator    TEXT NOT NULL,
    added_at    TEXT NOT NULL
) STRICT;

CREATE INDEX attachment_request ON attachment (request_id);

-- Full-text search over applicant and content. trigram finds any 3-character run of Chinese text,
-- which a word tokenizer cannot split; shorter queries fall back to LIKE in requests.rs.
CREATE VIRTUAL TABLE request_fts USING fts5 (
    applicant_name, content, content = 'request', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER request_fts_insert AFTER INSERT ON request
BEGIN
    INSERT INTO request_fts (rowid, applicant_name, content) VALUES (new.id, new.applicant_name, new.content);
END;

CREATE TRIGGER request_fts_delete AFTER DELETE ON request
BEGIN
    INSERT INTO request_fts (request_fts, rowid, applicant_name, content)
    VALUES ('delete', old.id, old.applicant_name, old.content);
END;

CREATE TRIGGER request_fts_update AFTER UPDATE OF applicant_name, content ON request
BEGIN
    INSERT INTO request_fts (request_fts, rowid, applicant_name, content)
    VALUES ('delete', old.id, old.applicant_name, old.content);
    INSERT INTO request_fts (rowid, applicant_name, content) VALUES (new.id, new.applicant_name, new.content);
END;
