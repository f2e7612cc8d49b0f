-- 0013: fidelity to the real documents (issue 18).
-- 1. Three letters the 条例 requires: 公开决定告知书 to a third party (Art. 32), 征求其他机关意见函
--    (Art. 34), 说明理由通知书 (Art. 35). SQLite cannot widen a CHECK in place, so `letter` is
--    rebuilt with the same columns, rows, row ids, index and append-only triggers; only the list of
--    kinds grows. The rows are copied unchanged, so their audited state stays as logged.
CREATE TABLE letter_0013 (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL REFERENCES request (id),
    kind          TEXT NOT NULL CHECK (kind IN ('receipt', 'correction', 'extension', 'consultation', 'fee', 'reply',
                                                'disclosure_decision', 'agency_consultation', 'reasons')),
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

INSERT INTO letter_0013 (id, request_id, kind, template_key, year, seq, number, issued_date, title, addressee,
                         body, organ, attachment_id, operator, issued_at)
SELECT id, request_id, kind, template_key, year, seq, number, issued_date, title, addressee,
       body, organ, attachment_id, operator, issued_at
  FROM letter ORDER BY id;

DROP TABLE letter;
ALTER TABLE letter_0013 RENAME TO letter;

CREATE INDEX letter_request ON letter (request_id);

CREATE TRIGGER letter_append_only_update BEFORE UPDATE ON letter
BEGIN
    SELECT RAISE(ABORT, '已出具的告知书不能修改');
END;

CREATE TRIGGER letter_append_only_delete BEFORE DELETE ON letter
BEGIN
    SELECT RAISE(ABORT, '已出具的告知书不能删除');
END;

-- 2. 索引号: the number a published normative document carries on the portal (标题 / 发文字号 /
--    发文机关 / 有效性 / 索引号 is how published registers are written). Kept as written.
ALTER TABLE document ADD COLUMN index_number TEXT NOT NULL DEFAULT '';

-- 3. 一、总体情况 as real reports write it: five subheadings, each its own text.
ALTER TABLE report_year ADD COLUMN overview_active     TEXT NOT NULL DEFAULT '';  -- （一）主动公开
ALTER TABLE report_year ADD COLUMN overview_requests   TEXT NOT NULL DEFAULT '';  -- （二）依申请公开
ALTER TABLE report_year ADD COLUMN overview_management TEXT NOT NULL DEFAULT '';  -- （三）政府信息管理
ALTER TABLE report_year ADD COLUMN overview_platform   TEXT NOT NULL DEFAULT '';  -- （四）政府信息公开平台建设
ALTER TABLE report_year ADD COLUMN overview_oversight  TEXT NOT NULL DEFAULT '';  -- （五）监督保障
