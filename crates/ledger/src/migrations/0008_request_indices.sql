-- 0008: indices for a ledger of a million requests (issue 9's benchmark). The list's sort orders
-- end in the 受理编号 tie-break, so the indices that serve them carry `number` and SQLite pages
-- through them instead of sorting the whole result; the annual report reads its four columns from
-- one index (concluded requests by 办结日期, open ones by 收到日期) instead of visiting every row
-- received before the year's end. The replaced single-column indices are prefixes of the new ones.
CREATE INDEX request_received_number ON request (received_date, number);
DROP INDEX request_received;

CREATE INDEX request_status_received ON request (status, received_date, number);
DROP INDEX request_status;

CREATE INDEX request_concluded_report ON request (concluded_date, received_date, applicant_type, result_code);
DROP INDEX request_concluded;
