-- 0016 (issue 20): 汇总. The units' own annual reports (报送), imported from their workbooks for
-- a year, so that the district's tables are the sum of the accepted ones without anyone retyping
-- a number. A submission is appended, never changed or deleted: a later one for the same unit
-- and year replaces the earlier one in the sum (the newest id counts) and the earlier one stays
-- viewable. One that fails the 勾稽 checks is stored only with the reason it was accepted anyway.
CREATE TABLE submission (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES department (id),
    year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    submitted_on  TEXT NOT NULL CHECK (submitted_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'), -- 报送日期
    imported_at   TEXT NOT NULL,
    operator      TEXT NOT NULL,
    source_name   TEXT NOT NULL DEFAULT '',
    figures       TEXT NOT NULL,                        -- the tables as read (JSON of AnnualFigures)
    failures      TEXT NOT NULL DEFAULT '[]',           -- 勾稽 failures, JSON array of messages
    warnings      TEXT NOT NULL DEFAULT '[]',           -- cross-year mismatches, tables not found
    accept_reason TEXT,                                 -- 勾稽未通过仍接收的理由
    CHECK (failures = '[]' OR length(trim(coalesce(accept_reason, ''))) > 0)
) STRICT;
CREATE INDEX submission_year_unit ON submission (year, unit_id, id);
CREATE TRIGGER submission_no_update BEFORE UPDATE ON submission
BEGIN SELECT RAISE(ABORT, '报送记录不能修改'); END;
CREATE TRIGGER submission_no_delete BEFORE DELETE ON submission
BEGIN SELECT RAISE(ABORT, '报送记录不能删除'); END;
