-- 0010: the request_tally triggers of 0009 as they are meant to be, for every ledger. 0009 first
-- landed with triggers that incremented a tally row in two statements (INSERT OR IGNORE a row with
-- n = 0, then UPDATE n = n + 1); it was later edited in place to one UPSERT, and both texts have
-- migrated real ledgers. A landed migration is history: 0009 stays as it is (editing it back would
-- be a second edit) and this migration replaces its triggers, so a ledger migrated with either text
-- of 0009 ends here with the same triggers.
-- The counts they keep are the same either way, so no row of request_tally (or of any table)
-- changes; only the schema does. request_tally_delete was never edited and stays as 0009 made it.
DROP TRIGGER request_tally_insert;
DROP TRIGGER request_tally_update;

CREATE TRIGGER request_tally_insert AFTER INSERT ON request
BEGIN
    INSERT INTO request_tally (status, applicant_type, year, concluded, n)
    VALUES (NEW.status, NEW.applicant_type, CAST(substr(NEW.received_date, 1, 4) AS INTEGER), NEW.concluded_date IS NOT NULL, 1)
    ON CONFLICT (status, applicant_type, year, concluded) DO UPDATE SET n = n + 1;
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
