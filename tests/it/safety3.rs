//! Issue 10 leftovers below the desk: a reset password's flag is cleared only
//! by the operator's own real change, and the first administrator is stored
//! with the one-time recovery code in one transaction.
use crate::common;
use common::*;
use qabyldau::auth::{self, ChangeError, PasswordError};
use qabyldau::domain::{Operator, Role};
use qabyldau::store::{Actor, Store, StoreError};

fn operator(login: &str, role: Role) -> Operator {
    Operator {
        id: 0,
        login: login.into(),
        full_name: format!("{login} test"),
        position_kk: String::new(),
        position_ru: String::new(),
        role,
    }
}

fn newest_audit_id(s: &Store) -> i64 {
    s.audit_recent(1).unwrap().first().map_or(0, |e| e.id)
}

#[test]
fn the_reset_flag_is_cleared_only_by_a_real_change_of_ones_own() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let t = at(day(2026, 3, 16), 9, 0);
    let (admin, _) = auth::create_first_admin(
        &mut s,
        &Actor::system(),
        t,
        &operator("admin", Role::Admin),
        "admin-password-1",
    )
    .unwrap();
    let admin_actor = Actor::operator(admin, "admin");
    let clerk = s
        .add_operator(
            &admin_actor,
            t,
            &operator("clerk", Role::Clerk),
            &auth::hash_password("clerk-password-1"),
        )
        .unwrap();
    assert!(!s.must_change_password(clerk).unwrap());
    // An administrator's reset sets it.
    auth::set_password(&mut s, &admin_actor, t, clerk, "given-by-admin").unwrap();
    assert!(s.must_change_password(clerk).unwrap());
    // Logging in with it does not clear it.
    let op = auth::login(&mut s, "clerk", "given-by-admin", t).unwrap();
    assert!(s.must_change_password(clerk).unwrap());
    // Refused changes write nothing and keep it.
    let before = newest_audit_id(&s);
    for (new, why) in [
        ("short", "too short"),
        ("clerk", "the login"),
        ("given-by-admin", "the reset one"),
    ] {
        let r = auth::change_own_password(&mut s, &op, t, new);
        assert!(r.is_err(), "{why}");
        assert!(s.must_change_password(clerk).unwrap(), "{why}");
    }
    assert!(matches!(
        auth::change_own_password(&mut s, &op, t, "short"),
        Err(ChangeError::Policy(PasswordError::TooShort))
    ));
    assert!(matches!(
        auth::change_own_password(&mut s, &op, t, "given-by-admin"),
        Err(ChangeError::Unchanged)
    ));
    assert_eq!(newest_audit_id(&s), before, "no audit row for a refusal");
    // The administrator setting another one keeps it set.
    auth::set_password(&mut s, &admin_actor, t, clerk, "given-again-2").unwrap();
    assert!(s.must_change_password(clerk).unwrap());
    // The operator's own real change clears it, with the new hash and one
    // audit row in the same transaction.
    let before = newest_audit_id(&s);
    let op = auth::login(&mut s, "clerk", "given-again-2", t).unwrap();
    let after_login = newest_audit_id(&s);
    assert!(after_login > before);
    auth::change_own_password(&mut s, &op, t, "my-own-password-3").unwrap();
    assert!(!s.must_change_password(clerk).unwrap());
    let rows = s.audit_recent(1).unwrap();
    assert_eq!(rows[0].id, after_login + 1, "one audit row");
    assert_eq!(
        (
            rows[0].action.as_str(),
            rows[0].actor.as_str(),
            rows[0].entity_id
        ),
        ("password", "op:clerk", Some(clerk))
    );
    assert!(auth::login(&mut s, "clerk", "my-own-password-3", t).is_ok());
    assert!(auth::login(&mut s, "clerk", "given-again-2", t).is_err());
}

#[test]
fn the_first_administrator_and_the_recovery_code_are_one_transaction() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let t = at(day(2026, 3, 16), 9, 0);
    // A fault in the second write (the code's hash) undoes the first (the admin).
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TRIGGER no_code BEFORE INSERT ON settings
             WHEN NEW.key = 'recovery_code_hash'
             BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        )
        .unwrap();
    }
    let r = auth::create_first_admin(
        &mut s,
        &Actor::system(),
        t,
        &operator("admin", Role::Admin),
        "admin-password-1",
    );
    assert!(r.is_err());
    assert_eq!(
        s.operator_count().unwrap(),
        0,
        "no administrator without a code"
    );
    assert_eq!(s.recovery_code_hash().unwrap(), None);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("DROP TRIGGER no_code;").unwrap();
    }
    let (id, code) = auth::create_first_admin(
        &mut s,
        &Actor::system(),
        t,
        &operator("admin", Role::Admin),
        "admin-password-1",
    )
    .unwrap();
    assert_eq!(s.operator(id).unwrap().role, Role::Admin);
    assert!(auth::check_recovery_code(&s, &code).unwrap());
    assert!(auth::check_recovery_code(&s, &code.to_lowercase().replace('-', " ")).unwrap());
    assert!(!auth::check_recovery_code(&s, "AAAAA-AAAAA-AAAAA-AAAAA").unwrap());
    let hash = s.recovery_code_hash().unwrap().unwrap();
    assert!(!hash.contains(&code) && hash.starts_with("$argon2id$"));
    // A second "first" administrator is refused, nothing written.
    let before = newest_audit_id(&s);
    let again = auth::create_first_admin(
        &mut s,
        &Actor::system(),
        t,
        &operator("other", Role::Admin),
        "other-password-1",
    );
    assert!(
        matches!(&again, Err(StoreError::Invalid(m)) if m == qabyldau::store::HAS_OPERATORS),
        "{again:?}"
    );
    assert_eq!(s.operator_count().unwrap(), 1);
    assert_eq!(s.recovery_code_hash().unwrap(), Some(hash));
    assert_eq!(newest_audit_id(&s), before);
}

#[test]
fn an_operator_edit_and_its_new_password_are_one_transaction() {
    use qabyldau::services::operators::save_operator;
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let t = at(day(2026, 3, 16), 9, 0);
    let (admin, _) = auth::create_first_admin(
        &mut s,
        &Actor::system(),
        t,
        &operator("admin", Role::Admin),
        "admin-password-1",
    )
    .unwrap();
    let by_admin = Actor::operator(admin, "admin");
    let new = operator("clerk", Role::Clerk);
    let clerk = save_operator(
        &mut s,
        &by_admin,
        t,
        &new,
        Some(&auth::hash_password("clerk-password-1")),
    )
    .unwrap();
    assert!(auth::login(&mut s, "clerk", "clerk-password-1", t).is_ok());
    // A fault in the password's write undoes the edit of the record.
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TRIGGER no_password BEFORE UPDATE OF password_hash ON operators
             BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        )
        .unwrap();
    }
    let mut renamed = s.operator(clerk).unwrap();
    renamed.full_name = "Renamed Clerk".into();
    let before = newest_audit_id(&s);
    let r = save_operator(
        &mut s,
        &by_admin,
        t,
        &renamed,
        Some(&auth::hash_password("new-password-2")),
    );
    assert!(r.is_err());
    assert_eq!(s.operator(clerk).unwrap().full_name, "clerk test");
    assert_eq!(newest_audit_id(&s), before);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("DROP TRIGGER no_password;").unwrap();
    }
    // The last admin giving up the role: refused, the new password not stored.
    let mut demoted = s.operator(admin).unwrap();
    demoted.role = Role::Clerk;
    let r = save_operator(
        &mut s,
        &by_admin,
        t,
        &demoted,
        Some(&auth::hash_password("admin-password-9")),
    );
    assert!(
        matches!(&r, Err(StoreError::Invalid(m)) if m == qabyldau::store::LAST_ADMIN),
        "{r:?}"
    );
    assert!(auth::login(&mut s, "admin", "admin-password-1", t).is_ok());
    assert_eq!(s.operator(admin).unwrap().role, Role::Admin);
    // Both together: the record and the password, the password to be changed
    // by its owner (an administrator set it).
    let before = newest_audit_id(&s);
    save_operator(
        &mut s,
        &by_admin,
        t,
        &renamed,
        Some(&auth::hash_password("new-password-2")),
    )
    .unwrap();
    assert_eq!(s.operator(clerk).unwrap().full_name, "Renamed Clerk");
    assert!(s.must_change_password(clerk).unwrap());
    let rows = s.audit_recent(2).unwrap();
    assert_eq!(
        rows.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["password", "update"]
    );
    assert_eq!(rows[1].id, before + 1);
    // Without a password only the record changes.
    renamed.full_name = "Clerk Again".into();
    save_operator(&mut s, &by_admin, t, &renamed, None).unwrap();
    assert!(auth::login(&mut s, "clerk", "new-password-2", t).is_ok());
}
