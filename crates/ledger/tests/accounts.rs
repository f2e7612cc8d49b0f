//! Accounts (issue 17): the first account is a 管理员 made without signing in; later ones need a
//! signed-in 管理员; passwords are argon2id; wrong passwords, disabled accounts and five failures
//! in a row (locked five minutes) are refused in Chinese; a role's absence is `Forbidden`, naming
//! the role; every entry written while signed in names the account and the chain still verifies.

use chrono::NaiveDateTime;
use gongkai_core::account::Role;
use gongkai_ledger::{accounts, audit, requests, settings, Error, Ledger};

mod common;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

const T0: &str = "2026-03-02 09:00";

fn ledger_with_admin(dir: &tempfile::TempDir) -> Ledger {
    let mut l = Ledger::open(&dir.path().join("a.db")).unwrap();
    l.set_workstation_dir(None);
    assert!(!accounts::any(&l).unwrap());
    let e = accounts::create(&mut l, "wang", "王某", &[Role::Clerk], "password-1", at(T0)).unwrap_err();
    assert!(e.to_string().contains("第一个账户必须有管理员角色"), "{e}");
    accounts::create(&mut l, "admin", "管理员甲", &[Role::Admin], "admin-password", at(T0)).unwrap();
    assert!(accounts::any(&l).unwrap());
    l
}

fn forbidden(e: Error) -> String {
    match e {
        Error::Forbidden(m) => m,
        other => panic!("expected Forbidden, got {other:?}"),
    }
}

#[test]
fn after_the_first_account_writes_need_a_signed_in_account_with_the_role() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = ledger_with_admin(&dir);
    // Nobody signed in: adding an account is refused, naming the role.
    let m = forbidden(accounts::create(&mut l, "wang", "王某", &[Role::Clerk], "password-1", at(T0)).unwrap_err());
    assert!(m.contains("请先登录") && m.contains("管理员"), "{m}");
    accounts::sign_in(&mut l, "admin", "admin-password", at(T0)).unwrap();
    accounts::create(&mut l, "wang", "王某", &[Role::Clerk], "password-1", at(T0)).unwrap();
    accounts::create(&mut l, "li", "李某", &[Role::Head, Role::Reviewer], "password-2", at(T0)).unwrap();
    assert!(matches!(accounts::create(&mut l, "WANG", "另一个", &[Role::Clerk], "password-3", at(T0)), Err(Error::Conflict(_))));
    for (login, pw, want) in [("x1", "short", "至少要 8"), ("zhaoliu8", "ZhaoLiu8", "不能与登录名相同")] {
        let e = accounts::create(&mut l, login, "赵六", &[Role::Clerk], pw, at(T0)).unwrap_err();
        assert!(e.to_string().contains(want), "{e}");
    }
    let listed = accounts::list(&l).unwrap();
    assert_eq!(listed.iter().map(|a| a.login.as_str()).collect::<Vec<_>>(), ["admin", "li", "wang"]);

    accounts::sign_in(&mut l, "wang", "password-1", at(T0)).unwrap();
    assert!(accounts::require(&l, Role::Clerk).is_ok());
    let m = forbidden(accounts::require(&l, Role::Head).unwrap_err());
    assert!(m.contains("负责人") && m.contains("王某（wang）") && m.contains("登记员"), "{m}");
    let m = forbidden(accounts::set_enabled(&mut l, "li", false).unwrap_err());
    assert!(m.contains("管理员"), "{m}");

    // The ledger itself refuses what the role may not do: settings are the 管理员's.
    let m = forbidden(settings::save_organ_name(&mut l, "某区人民政府办公室").unwrap_err());
    assert!(m.contains("管理员"), "{m}");
    // Changes made now name the account; the chain verifies; the hash never shows in the log.
    requests::register(&mut l, &common::request_input("2026-03-02"), &common::actor("2026-03-02")).unwrap();
    let page = audit::list(&l, &audit::AuditFilter { limit: 500, ..Default::default() }).unwrap();
    assert!(page.entries.iter().filter(|e| e.table_name == "request").all(|e| e.operator == "王某（wang）"), "{:?}", page.entries[0]);
    assert!(page.entries.iter().filter(|e| e.table_name == "account").all(|e| {
        !e.after.as_deref().unwrap_or("").contains("$argon2id$") && !e.before.as_deref().unwrap_or("").contains("$argon2id$")
    }));
    assert!(audit::verify(&l).unwrap().problems.is_empty());
    let sign_ins = audit::events::list(&l, Some(audit::EventKind::SignIn), 10).unwrap();
    assert!(sign_ins[0].detail.contains("王某（wang） 登录"), "{sign_ins:?}");
}

#[test]
fn wrong_password_disabled_account_and_five_failures_lock_for_five_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = ledger_with_admin(&dir);
    accounts::sign_in(&mut l, "admin", "admin-password", at(T0)).unwrap();
    accounts::create(&mut l, "wang", "王某", &[Role::Clerk], "password-1", at(T0)).unwrap();
    accounts::sign_out(&mut l).unwrap();

    assert_eq!(forbidden(accounts::sign_in(&mut l, "nobody", "whatever-1", at(T0)).unwrap_err()), "登录名或密码不正确");
    for i in 1..=4 {
        let m = forbidden(accounts::sign_in(&mut l, "wang", "wrong-password", at(T0)).unwrap_err());
        assert_eq!(m, "登录名或密码不正确", "attempt {i}");
    }
    let m = forbidden(accounts::sign_in(&mut l, "wang", "wrong-password", at(T0)).unwrap_err());
    assert!(m.contains("锁定 5 分钟"), "{m}");
    // Even the right password is refused while locked; after five minutes it works again.
    let m = forbidden(accounts::sign_in(&mut l, "wang", "password-1", at("2026-03-02 09:03")).unwrap_err());
    assert!(m.contains("已锁定") && m.contains("2 分钟"), "{m}");
    let me = accounts::sign_in(&mut l, "wang", "password-1", at("2026-03-02 09:05")).unwrap();
    assert_eq!(me.locked_until, None);
    assert!(!me.must_change);
    accounts::sign_out(&mut l).unwrap();

    // A 管理员 disables the account, then resets another's password (must change at next login).
    accounts::sign_in(&mut l, "admin", "admin-password", at(T0)).unwrap();
    accounts::set_enabled(&mut l, "wang", false).unwrap();
    let e = accounts::set_enabled(&mut l, "admin", false).unwrap_err();
    assert!(e.to_string().contains("唯一启用的管理员"), "{e}");
    accounts::sign_out(&mut l).unwrap();
    let m = forbidden(accounts::sign_in(&mut l, "wang", "password-1", at(T0)).unwrap_err());
    assert!(m.contains("已停用"), "{m}");

    accounts::sign_in(&mut l, "admin", "admin-password", at(T0)).unwrap();
    accounts::set_enabled(&mut l, "wang", true).unwrap();
    let reset = accounts::reset_password(&mut l, "wang", "temporary-1").unwrap();
    assert!(reset.must_change);
    accounts::sign_out(&mut l).unwrap();
    let me = accounts::sign_in(&mut l, "wang", "temporary-1", at(T0)).unwrap();
    assert!(me.must_change, "the window asks for a new password");
    assert!(accounts::change_password(&mut l, "bad-old-pw", "brand-new-1").is_err());
    accounts::change_password(&mut l, "temporary-1", "brand-new-1").unwrap();
    assert!(!accounts::current(&l).unwrap().must_change);
    accounts::sign_out(&mut l).unwrap();
    assert!(accounts::sign_in(&mut l, "wang", "brand-new-1", at(T0)).is_ok());
    assert!(audit::verify(&l).unwrap().problems.is_empty());
}
