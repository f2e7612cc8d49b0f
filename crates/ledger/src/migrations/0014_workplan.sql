-- 0013 (issue 21; issue 20 shares the units): the departments of 设置 become the app's one
-- register of units (报送单位), each with a 类别, a contact and its own reporting due date, and the
-- year's 政务公开工作要点 gets its register: the plan with its header, its parts, its tasks, the
-- (task, unit) pairs with a projected state, and the pairs' dated progress notes, which are
-- appended and never changed. Units stay retired, never deleted.
ALTER TABLE department ADD COLUMN category TEXT NOT NULL DEFAULT '部门'
    CHECK (category IN ('部门', '乡镇街道', '其他'));
ALTER TABLE department ADD COLUMN contact TEXT NOT NULL DEFAULT '';
-- 'MM-DD' of the year after the reported one; NULL: the category's default (部门 01-31).
ALTER TABLE department ADD COLUMN report_due TEXT
    CHECK (report_due IS NULL OR report_due GLOB '[01][0-9]-[0-3][0-9]');

CREATE TABLE plan (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    doc_number  TEXT NOT NULL DEFAULT '',                -- 文号 of the covering notice, if any
    title       TEXT NOT NULL DEFAULT '',
    header      TEXT NOT NULL DEFAULT '',                -- the covering notice's front matter as written
    footer      TEXT NOT NULL DEFAULT '',                -- 落款 and date after the last task
    layout      TEXT NOT NULL CHECK (layout IN ('text', 'table')),
    source_name TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    operator    TEXT NOT NULL
) STRICT;

CREATE TABLE plan_part (
    id       INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL REFERENCES plan (id),
    seq      INTEGER NOT NULL,
    heading  TEXT NOT NULL,                               -- as written, e.g. 一、加强解读回应工作力度
    UNIQUE (plan_id, seq)
) STRICT;

CREATE TABLE plan_task (
    id               INTEGER PRIMARY KEY,
    plan_id          INTEGER NOT NULL REFERENCES plan (id),
    part_id          INTEGER NOT NULL REFERENCES plan_part (id),
    seq              INTEGER NOT NULL CHECK (seq > 0),    -- 序号: 1, 2, … in the plan's order
    label            TEXT NOT NULL DEFAULT '',            -- the item's own number as written: （一）, 1.
    title            TEXT NOT NULL,
    requirement      TEXT NOT NULL DEFAULT '',
    lead_written     TEXT NOT NULL DEFAULT '',            -- 牵头单位 as written, joined with 、
    resp_written     TEXT NOT NULL DEFAULT '',            -- 责任/配合单位 as written, joined with 、
    all_units        INTEGER NOT NULL DEFAULT 0 CHECK (all_units IN (0, 1)),
    incomplete       INTEGER NOT NULL DEFAULT 0 CHECK (incomplete IN (0, 1)),   -- 等相关部门
    deadline_text    TEXT NOT NULL DEFAULT '',
    due_on           TEXT,                                -- YYYY-MM-DD; NULL: 31 December of the year
    -- the annual report's section 一 subheading the clerk assigned (NULL: prefilled from the part)
    report_subheading TEXT CHECK (report_subheading IS NULL OR report_subheading IN
                          ('主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障')),
    UNIQUE (plan_id, seq)
) STRICT;

CREATE TABLE plan_assignment (
    id       INTEGER PRIMARY KEY,
    task_id  INTEGER NOT NULL REFERENCES plan_task (id),
    unit_id  INTEGER NOT NULL REFERENCES department (id),
    role     TEXT NOT NULL CHECK (role IN ('牵头', '责任')),
    state    TEXT NOT NULL DEFAULT '未开始' CHECK (state IN ('未开始', '推进中', '已完成', '不适用')),
    state_on TEXT,                                        -- date of the progress note that set it
    UNIQUE (task_id, unit_id)
) STRICT;
CREATE INDEX plan_assignment_unit ON plan_assignment (unit_id);

CREATE TABLE plan_progress (
    id            INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES plan_assignment (id),
    on_date       TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('未开始', '推进中', '已完成', '不适用')),
    note          TEXT NOT NULL DEFAULT '',
    link          TEXT NOT NULL DEFAULT '',               -- evidence: the published page
    recorded_at   TEXT NOT NULL,
    operator      TEXT NOT NULL
) STRICT;
CREATE INDEX plan_progress_assignment ON plan_progress (assignment_id, on_date);

-- The pair's state is its latest progress note's (by date, then by entry).
CREATE TRIGGER plan_progress_project AFTER INSERT ON plan_progress
BEGIN
    UPDATE plan_assignment
       SET (state, state_on) = (SELECT p.state, p.on_date FROM plan_progress p
                                 WHERE p.assignment_id = NEW.assignment_id
                                 ORDER BY p.on_date DESC, p.id DESC LIMIT 1)
     WHERE id = NEW.assignment_id;
END;

CREATE TRIGGER plan_no_delete BEFORE DELETE ON plan
BEGIN SELECT RAISE(ABORT, '工作要点不能删除'); END;
CREATE TRIGGER plan_part_no_delete BEFORE DELETE ON plan_part
BEGIN SELECT RAISE(ABORT, '工作要点的部分不能删除'); END;
CREATE TRIGGER plan_task_no_delete BEFORE DELETE ON plan_task
BEGIN SELECT RAISE(ABORT, '工作要点的任务不能删除'); END;
CREATE TRIGGER plan_assignment_no_delete BEFORE DELETE ON plan_assignment
BEGIN SELECT RAISE(ABORT, '任务的责任单位不能删除'); END;
CREATE TRIGGER plan_progress_no_update BEFORE UPDATE ON plan_progress
BEGIN SELECT RAISE(ABORT, '进展记录不能修改'); END;
CREATE TRIGGER plan_progress_no_delete BEFORE DELETE ON plan_progress
BEGIN SELECT RAISE(ABORT, '进展记录不能删除'); END;
CREATE TRIGGER department_no_delete BEFORE DELETE ON department
BEGIN SELECT RAISE(ABORT, '单位不能删除，请停用'); END;
