-- 0009: the request list's totals without counting a million rows. `request_tally` holds how many
-- requests there are per 状态, 申请人类型, year received and open/concluded, kept by triggers in
-- the same transaction as every change of `request`; the list's total for a filter without search
-- words is the sum of a few of its rows (gongkai_ledger::requests::select). `n` may reach 0; a row
-- is never needed to be absent.
CREATE TABLE request_tally (
    status         TEXT NOT NULL,
    applicant_type TEXT NOT NULL,
    -- year of received_date
    year           INTEGER NOT NULL,
    -- concluded_date IS NOT NULL
    concluded      INTEGER NOT NULL,
    n              INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (status, applicant_type, year, concluded)
) STRICT, WITHOUT ROWID;

INSERT INTO request_tally (status, applicant_type, year, concluded, n)
SELECT status, applicant_type, CAST(substr(received_date, 1, 4) AS INTEGER), concluded_date IS NOT NULL, count(*)
FROM request GROUP BY 1, 2, 3, 4;

CREATE TRIGGER request_tally_insert AFTER INSERT ON request
BEGIN
    INSERT INTO request_tally (status, applicant_type, year, concluded, n)
    VALUES (NEW.status, NEW.applicant_type, CAST(substr(NEW.received_date, 1, 4) AS INTEGER), NEW.concluded_date IS NOT NULL, 1)
    ON CONFLICT (status, applicant_type, year, concluded) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER request_tally_delete AFTER DELETE ON request
BEGIN
    UPDATE request_tally SET n = n - 1
    WHERE status = OLD.status AND applicant_type = OLD.applicant_type
      AND year = CAST(substr(OLD.received_date, 1, 4) AS INTEGER) AND concluded = (OLD.concluded_date IS NOT NULL);
END;

CREATE TRIGGER request_tally_update AFTER UPDATE OF status, applicant_type, received_date, concluded_date ON request
BEGIN
    UPDATE request_tally SET n = n - 1
    WHERE status = OLD.status AND applicant_type = OLD.applicant_type
      AND year = CAST(substr(OLD.received_date, 1, 4) AS INTEGER) AND concluded = (OLD.concluded_date IS NOT NULL);
    INSERT INTO request_tally (status, applicant_type, year, concluded, n)
    VALUES (NEW.status, NEW.applicant_type, CAST(substr(NEW.received_date, 1, 4) AS INTEGER), NEW.concluded_date IS NOT NULL, 1)
    ON CONFLICT (status, applicant_type, year, concluded) DO UPDATE SET n = n + 1;
END;

-- The list sorted by 受理编号 or 办结日期 within one 状态 (e.g. 已答复, most of a ledger) pages
-- through these indices instead of sorting every request of that status.
CREATE INDEX request_status_number ON request (status, number);
CREATE INDEX request_status_concluded ON request (status, concluded_date, number);
-- 办结日期 ascending with open requests last (the first click on the column's header).
CREATE INDEX request_concluded_open_last ON request (ifnull(concluded_date, '9999-12-31'), number);
