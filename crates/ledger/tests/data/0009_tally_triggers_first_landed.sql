-- The request_tally insert and update triggers as migration 0009 first landed (commit a3ad46c),
-- before 0009 was edited in place to the UPSERT form it has now. Ledgers migrated in between
-- still have these; migration 0010 replaces them. Test data only.
CREATE TRIGGER request_tally_insert AFTER INSERT ON request
BEGIN
    INSERT OR IGNORE INTO request_tally (status, applicant_type, year, concluded, n)
    VALUES (NEW.status, NEW.applicant_type, CAST(substr(NEW.received_date, 1, 4) AS INTEGER), NEW.concluded_date IS NOT NULL, 0);
    UPDATE request_tally SET n = n + 1
    WHERE status = NEW.status AND applicant_type = NEW.applicant_type
      AND year = CAST(substr(NEW.received_date, 1, 4) AS INTEGER) AND concluded = (NEW.concluded_date IS NOT NULL);
END;

CREATE TRIGGER request_tally_update AFTER UPDATE OF status, applicant_type, received_date, concluded_date ON request
BEGIN
    UPDATE request_tally SET n = n - 1
    WHERE status = OLD.status AND applicant_type = OLD.applicant_type
      AND year = CAST(substr(OLD.received_date, 1, 4) AS INTEGER) AND concluded = (OLD.concluded_date IS NOT NULL);
    INSERT OR IGNORE INTO request_tally (status, applicant_type, year, concluded, n)
    VALUES (NEW.status, NEW.applicant_type, CAST(substr(NEW.received_date, 1, 4) AS INTEGER), NEW.concluded_date IS NOT NULL, 0);
    UPDATE request_tally SET n = n + 1
    WHERE status = NEW.status AND applicant_type = NEW.applicant_type
      AND year = CAST(substr(NEW.received_date, 1, 4) AS INTEGER) AND concluded = (NEW.concluded_date IS NOT NULL);
END;
