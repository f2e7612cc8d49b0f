-- 0006: what the annual report needs beyond the registers: per year, the 第二十条第（五）（六）（八）项
-- figures that come from other systems, the narrative sections (一、五、六) the clerk writes, and the
-- overrides of a failed reconciliation (勾稽) with their reasons, which are recorded, never printed.
CREATE TABLE report_year (
    year          INTEGER PRIMARY KEY NOT NULL CHECK (year BETWEEN 1949 AND 2100),
    licensing     INTEGER CHECK (licensing >= 0),
    penalties     INTEGER CHECK (penalties >= 0),
    enforcement   INTEGER CHECK (enforcement >= 0),
    fees_wan_yuan REAL CHECK (fees_wan_yuan >= 0),
    overview      TEXT NOT NULL DEFAULT '',
    problems      TEXT NOT NULL DEFAULT '',
    other         TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE report_override (
    id       INTEGER PRIMARY KEY,
    year     INTEGER NOT NULL,
    reason   TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    failures TEXT NOT NULL,
    at       TEXT NOT NULL
) STRICT;
