-- 0002: the user's own calendar entries. The national notices for 2019-2026 ship inside the binary;
-- a clerk adds a new year's notice (kind of source 'notice', which also marks the year as covered)
-- or a local adjustment ('local'). Rows here take precedence over the shipped data for the same date.
CREATE TABLE calendar_day (
    date   TEXT PRIMARY KEY NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind   TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name   TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('notice', 'local'))
) STRICT;

-- Years whose national notice the clerk has entered: deadlines across them no longer carry the
-- "节假日安排未录入" warning.
CREATE TABLE calendar_year (
    year INTEGER PRIMARY KEY NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    note TEXT NOT NULL DEFAULT ''
) STRICT;
