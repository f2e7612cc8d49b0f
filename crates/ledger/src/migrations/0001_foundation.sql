-- 0001: the foundation. Settings (机关名称 and the like) as key/value rows, and the departments list (部门)
-- that later registers point at. Departments are retired, never deleted, so old records keep their names.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE department (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    sort    INTEGER NOT NULL DEFAULT 0,
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
) STRICT;
