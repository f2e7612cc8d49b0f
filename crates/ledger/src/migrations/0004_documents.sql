-- 0004: 文件台账, the register of 规章, 行政规范性文件 and other policy documents that the 2019
-- 政务公开工作要点 asks for ("建立行政规章和规范性文件公开台账，确保公开的政府信息底数清晰"), with
-- what a submission must carry (公开属性, 公开方式, 保密审查, 解读材料) and its returns (退文).
--
-- Nothing here is ever deleted: a document changes by appending status rows (已修改, 已废止, 失效),
-- interpretations, returns and edit records. `document.status` and `document.missing` are
-- projections kept by the store (status also by a trigger) so that list filters stay indexed at
-- 100,000 documents. Dates are TEXT YYYY-MM-DD; codes are the English identifiers of the glossary.
CREATE TABLE document (
    id                       INTEGER PRIMARY KEY,
    title                    TEXT NOT NULL CHECK (length(title) > 0),           -- 文件名称
    doc_number               TEXT NOT NULL CHECK (length(doc_number) > 0),      -- 文号, normalised 〔YYYY〕
    category                 TEXT NOT NULL CHECK (category IN ('rule', 'normative', 'other_policy')),
    issuer                   TEXT NOT NULL CHECK (length(issuer) > 0),          -- 制发机关
    drafting_department_id   INTEGER REFERENCES department (id),                -- 起草部门
    written_on               TEXT CHECK (written_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    published_on             TEXT NOT NULL CHECK (published_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    effective_on             TEXT CHECK (effective_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_until              TEXT CHECK (valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- Projection of the latest document_status row (maintained by the trigger below).
    status                   TEXT NOT NULL DEFAULT 'in_force'
                             CHECK (status IN ('pending', 'in_force', 'amended', 'repealed', 'expired')),
    status_since             TEXT,
    -- NULL means "not stated yet", which is what makes a submission incomplete.
    disclosure               TEXT CHECK (disclosure IN ('full', 'redacted', 'withheld')),
    disclosure_reason        TEXT NOT NULL DEFAULT '',
    disclosure_mode          TEXT CHECK (disclosure_mode IN ('active', 'on_request')),
    secrecy_reviewed         INTEGER CHECK (secrecy_reviewed IN (0, 1)),
    secrecy_reviewer         TEXT NOT NULL DEFAULT '',
    secrecy_reviewed_on      TEXT CHECK (secrecy_reviewed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- 无需解读 and why; NULL when interpretations are expected.
    no_interpretation_reason TEXT,
    portal_published_on      TEXT CHECK (portal_published_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    portal_url               TEXT NOT NULL DEFAULT '',
    note                     TEXT NOT NULL DEFAULT '',                           -- 备注
    -- What 要件齐全 still lacks, joined by '、' (empty = complete): written by the store from
    -- gongkai_core::document::missing_items on every write, so the completeness filter is indexed.
    missing                  TEXT NOT NULL DEFAULT '',
    complete                 INTEGER GENERATED ALWAYS AS (missing = '') VIRTUAL,
    source                   TEXT NOT NULL CHECK (source IN ('window', 'import', 'cli')),
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    UNIQUE (issuer, doc_number)
) STRICT;

CREATE INDEX document_category_published ON document (category, published_on);
CREATE INDEX document_published ON document (published_on);
CREATE INDEX document_by_status ON document (status, category);
CREATE INDEX document_department ON document (drafting_department_id, published_on);
CREATE INDEX document_complete ON document (complete, published_on);
CREATE INDEX document_doc_number ON document (doc_number);
CREATE INDEX document_portal_pending ON document (disclosure_mode, portal_published_on);
CREATE INDEX document_valid_until ON document (valid_until) WHERE valid_until IS NOT NULL;

-- 状态 history: the first row is the status a document was registered with; later rows are
-- changes. `by_document_id` links the amending or repealing document when it is in the register,
-- `by_doc_number` keeps its 文号 either way.
CREATE TABLE document_status (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES document (id),
    date           TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status         TEXT NOT NULL CHECK (status IN ('pending', 'in_force', 'amended', 'repealed', 'expired')),
    reason         TEXT NOT NULL DEFAULT '',
    by_document_id INTEGER REFERENCES document (id),
    by_doc_number  TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL CHECK (source IN ('window', 'import', 'cli')),
    recorded_at    TEXT NOT NULL
) STRICT;
CREATE INDEX document_status_document ON document_status (document_id, date);
-- 本年废止件数 counts rows by status and date.
CREATE INDEX document_status_status_date ON document_status (status, date);

CREATE TRIGGER document_status_project AFTER INSERT ON document_status
BEGIN
    UPDATE document
       SET (status, status_since) = (SELECT s.status, s.date FROM document_status s
                                      WHERE s.document_id = NEW.document_id
                                      ORDER BY s.date DESC, s.id DESC LIMIT 1)
     WHERE id = NEW.document_id;
END;

-- 解读材料: none or several per document.
CREATE TABLE document_interpretation (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES document (id),
    title        TEXT NOT NULL CHECK (length(title) > 0),
    form         TEXT NOT NULL CHECK (form IN ('text', 'graphic', 'video', 'qa', 'other')),
    published_on TEXT CHECK (published_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    url          TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL CHECK (source IN ('window', 'import', 'cli')),
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX document_interpretation_document ON document_interpretation (document_id);

-- 退文 and 重新报送: a submission missing 要件 is returned to its drafting department; the
-- resubmission is a second row. The latest row says whether the document is waiting to come back.
CREATE TABLE document_return (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document (id),
    kind        TEXT NOT NULL CHECK (kind IN ('returned', 'resubmitted')),
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason      TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL CHECK (source IN ('window', 'import', 'cli')),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX document_return_document ON document_return (document_id, date);

-- Every edit of a document's fields, with the fields it changed: the register's own history.
CREATE TABLE document_edit (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document (id),
    changed     TEXT NOT NULL,  -- field labels joined by '、'
    source      TEXT NOT NULL CHECK (source IN ('window', 'import', 'cli')),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX document_edit_document ON document_edit (document_id);

-- History is appended, never rewritten or removed.
CREATE TRIGGER document_no_delete BEFORE DELETE ON document
BEGIN SELECT RAISE(ABORT, '文件台账中的文件不能删除，请变更其状态'); END;
CREATE TRIGGER document_status_no_update BEFORE UPDATE ON document_status
BEGIN SELECT RAISE(ABORT, '状态记录不能修改'); END;
CREATE TRIGGER document_status_no_delete BEFORE DELETE ON document_status
BEGIN SELECT RAISE(ABORT, '状态记录不能删除'); END;
CREATE TRIGGER document_return_no_delete BEFORE DELETE ON document_return
BEGIN SELECT RAISE(ABORT, '退文记录不能删除'); END;
CREATE TRIGGER document_interpretation_no_delete BEFORE DELETE ON document_interpretation
BEGIN SELECT RAISE(ABORT, '解读材料记录不能删除'); END;

-- Chinese full-text search: the trigram tokenizer matches any substring of three or more
-- characters, which suits Chinese titles that have no spaces between words.
CREATE VIRTUAL TABLE document_fts USING fts5 (
    title, doc_number, note,
    content = 'document', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER document_fts_insert AFTER INSERT ON document
BEGIN
    INSERT INTO document_fts (rowid, title, doc_number, note) VALUES (NEW.id, NEW.title, NEW.doc_number, NEW.note);
END;
CREATE TRIGGER document_fts_update AFTER UPDATE OF title, doc_number, note ON document
BEGIN
    INSERT INTO document_fts (document_fts, rowid, title, doc_number, note)
        VALUES ('delete', OLD.id, OLD.title, OLD.doc_number, OLD.note);
    INSERT INTO document_fts (rowid, title, doc_number, note) VALUES (NEW.id, NEW.title, NEW.doc_number, NEW.note);
END;
