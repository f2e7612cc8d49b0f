-- 0012: accounts (issue 17). Each change is to be signed by an account, not a typed name: 登录名,
-- 姓名, roles (登记员 clerk, 审核人 reviewer, 负责人 head, 管理员 admin; several allowed, stored as
-- comma-separated codes), 启用/停用, the password as an argon2id PHC string, whether it must be
-- changed at next login (after a 管理员 reset it), and the count of failed logins in a row with the
-- time the account is locked until (five failures lock it for five minutes). Rows are audited like
-- any other, so a failed login, a lock, a reset or a change of roles is in the hash chain (the log
-- view masks the hash). An account is never deleted, only disabled.
CREATE TABLE account (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(login) BETWEEN 2 AND 32),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    roles         TEXT NOT NULL CHECK (length(roles) > 0),
    enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    must_change   INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),
    failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until  TEXT,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TRIGGER account_never_deleted BEFORE DELETE ON account
BEGIN
    SELECT RAISE(ABORT, '账户只能停用，不能删除');
END;
