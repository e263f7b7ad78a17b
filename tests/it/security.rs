//! Operators, login lock-out, the audit trail's protections, personal data.
use crate::common;
use chrono::Duration;
use common::*;
use qabyldau::auth::{self, LoginError};
use qabyldau::domain::{Operator, Role};
use qabyldau::store::{verify_chain, Access, Actor, Store, StoreError};

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

fn add(store: &mut Store, login: &str, role: Role, password: &str) -> i64 {
    store
        .add_operator(
            &Actor::system(),
            at(day(2026, 3, 2), 8, 0),
            &operator(login, role),
            &auth::hash_password(password),
        )
        .unwrap()
}

#[test]
fn first_admin_needed_only_on_an_empty_database() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    assert!(auth::needs_first_admin(&s).unwrap());
    add(&mut s, "admin", Role::Admin, "бастапқы-пароль");
    assert!(!auth::needs_first_admin(&s).unwrap());
}

#[test]
fn login_locks_after_five_failures_and_unlocks_after_the_period() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let id = add(&mut s, "aigul", Role::Clerk, "дұрыс-пароль");
    let t0 = at(day(2026, 3, 16), 9, 0);

    let ok = auth::login(&mut s, "aigul", "дұрыс-пароль", t0).unwrap();
    assert_eq!((ok.id, ok.role), (id, Role::Clerk));

    for i in 0..4 {
        let e = auth::login(&mut s, "aigul", "қате", t0 + Duration::seconds(i)).unwrap_err();
        assert!(matches!(e, LoginError::WrongCredentials), "{e:?}");
    }
    // The fifth failure locks for 15 minutes.
    let e = auth::login(&mut s, "aigul", "қате", t0 + Duration::seconds(5)).unwrap_err();
    let until = match e {
        LoginError::Locked { until } => until,
        other => panic!("{other:?}"),
    };
    assert_eq!(until, t0 + Duration::seconds(5) + Duration::minutes(15));
    // While locked even the right password is refused.
    let e = auth::login(&mut s, "aigul", "дұрыс-пароль", t0 + Duration::minutes(10)).unwrap_err();
    assert!(matches!(e, LoginError::Locked { .. }), "{e:?}");
    // After the period the right password works and resets the count.
    auth::login(
        &mut s,
        "aigul",
        "дұрыс-пароль",
        until + Duration::seconds(1),
    )
    .unwrap();
    let st = s.login_state("aigul").unwrap().unwrap();
    assert_eq!((st.failed_attempts, st.locked_until), (0, None));
}

#[test]
fn lockout_policy_comes_from_settings() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    add(&mut s, "aigul", Role::Clerk, "дұрыс-пароль");
    let t0 = at(day(2026, 3, 16), 9, 0);
    s.set_setting(&Actor::system(), t0, "login_max_attempts", "2")
        .unwrap();
    s.set_setting(&Actor::system(), t0, "login_lock_minutes", "1")
        .unwrap();
    assert!(matches!(
        auth::login(&mut s, "aigul", "x", t0),
        Err(LoginError::WrongCredentials)
    ));
    match auth::login(&mut s, "aigul", "x", t0) {
        Err(LoginError::Locked { until }) => assert_eq!(until, t0 + Duration::minutes(1)),
        other => panic!("{other:?}"),
    }
    assert_eq!(auth::idle_lock_minutes(&s), 10);
    s.set_setting(&Actor::system(), t0, "idle_lock_minutes", "3")
        .unwrap();
    assert_eq!(auth::idle_lock_minutes(&s), 3);
}

#[test]
fn every_attempt_is_audited_without_the_password() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    add(&mut s, "aigul", Role::Clerk, "дұрыс-пароль");
    let t0 = at(day(2026, 3, 16), 9, 0);
    auth::login(&mut s, "aigul", "дұрыс-пароль", t0).unwrap();
    let _ = auth::login(&mut s, "aigul", "құпия-қате-1", t0);
    let _ = auth::login(&mut s, "nobody", "құпия-қате-2", t0);
    let rows = s.audit_recent(3).unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, vec!["login_failed", "login_failed", "login"]);
    // An unknown login is not stored as typed (it may be an IIN or a password
    // typed in the wrong field): the chained row cannot be purged (issue 10).
    assert!(rows[0].after.as_deref().unwrap().contains("unknown login"));
    assert!(!rows[0].after.as_deref().unwrap().contains("nobody"));
    assert!(rows[1].after.as_deref().unwrap().contains("aigul"));
    let everything = format!("{:?}", s.audit_recent(100).unwrap());
    assert!(
        !everything.contains("құпия"),
        "a password reached the audit trail"
    );
    assert!(!everything.contains("дұрыс-пароль"));
    assert!(
        !everything.contains("argon2"),
        "a hash reached the audit trail"
    );
}

#[test]
fn password_change_and_deactivation() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let admin = add(&mut s, "admin", Role::Admin, "админ-пароль");
    let clerk = add(&mut s, "aigul", Role::Clerk, "ескі-пароль");
    let actor = Actor::operator(admin, "admin");
    let t = at(day(2026, 3, 16), 9, 0);
    assert!(auth::set_password(&mut s, &actor, t, clerk, "қысқа").is_err());
    auth::set_password(&mut s, &actor, t, clerk, "жаңа-пароль").unwrap();
    assert!(auth::login(&mut s, "aigul", "ескі-пароль", t).is_err());
    auth::login(&mut s, "aigul", "жаңа-пароль", t).unwrap();

    s.set_operator_active(&actor, t, clerk, false).unwrap();
    assert!(matches!(
        auth::login(&mut s, "aigul", "жаңа-пароль", t),
        Err(LoginError::WrongCredentials)
    ));
    let accounts = s.accounts().unwrap();
    assert_eq!(accounts.len(), 2);
    assert!(
        !accounts
            .iter()
            .find(|a| a.operator.id == clerk)
            .unwrap()
            .active
    );
    // The last admin stays.
    assert!(matches!(
        s.set_operator_active(&actor, t, admin, false),
        Err(StoreError::Invalid(_))
    ));
    assert!(verify_chain(s.conn()).unwrap().broken_at.is_none());
}

#[test]
fn audit_triggers_refuse_update_and_delete() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let t = at(day(2026, 3, 16), 9, 0);
    s.register_appeal(
        &Actor::system(),
        t,
        t.date(),
        "KHR",
        &draft("Иванов", "Пётр", "Жол"),
    )
    .unwrap();
    let upd = s
        .conn()
        .execute("UPDATE audit_log SET actor = 'someone else'", []);
    assert!(
        upd.unwrap_err().to_string().contains("append-only"),
        "UPDATE of the audit trail went through"
    );
    let del = s.conn().execute("DELETE FROM audit_log", []);
    assert!(del.unwrap_err().to_string().contains("append-only"));
    assert!(verify_chain(s.conn()).unwrap().broken_at.is_none());
}

#[test]
fn chain_detects_a_row_altered_behind_the_triggers_back() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let t = at(day(2026, 3, 16), 9, 0);
    for (i, n) in ["Иванов", "Петров", "Сидоров"].iter().enumerate() {
        s.register_appeal(
            &Actor::system(),
            t + Duration::minutes(i as i64),
            t.date(),
            "KHR",
            &draft(n, "Пётр", "Жол"),
        )
        .unwrap();
    }
    let report = verify_chain(s.conn()).unwrap();
    assert!(report.broken_at.is_none() && report.rows >= 6);
    let victim: i64 = s
        .conn()
        .query_row(
            "SELECT id FROM audit_log WHERE action = 'create' AND entity = 'appeal' ORDER BY id LIMIT 1 OFFSET 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    s.conn()
        .execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
        .unwrap();
    s.conn()
        .execute(
            "UPDATE audit_log SET after = replace(after, 'Жол', 'Басқа') WHERE id = ?1",
            [victim],
        )
        .unwrap();
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, Some(victim));
    // A deleted row is found too (the next row's link no longer matches).
    let (_dir2, path2) = temp_db();
    let mut s2 = Store::open(&path2).unwrap();
    for n in ["Иванов", "Петров"] {
        s2.register_appeal(
            &Actor::system(),
            t,
            t.date(),
            "KHR",
            &draft(n, "Пётр", "Жол"),
        )
        .unwrap();
    }
    s2.conn()
        .execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;")
        .unwrap();
    assert_eq!(verify_chain(s2.conn()).unwrap().broken_at, Some(3));
    assert!(s2.health().unwrap().problem().unwrap().contains("audit"));
}

#[test]
fn consent_withdrawal_and_access_log() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let t = at(day(2026, 3, 16), 9, 0);
    let mut d = draft("Өмірбекова", "Айгүл", "Жер");
    d.applicant.iin = iin("9005154");
    let r = s
        .register_appeal(&Actor::system(), t, t.date(), "KHR", &d)
        .unwrap();
    let applicant = s.appeal(r.appeal_id).unwrap().applicant;
    assert!(applicant.consent);
    let aid = applicant.id.unwrap();
    let clerk = Actor::operator(7, "aigul");
    s.withdraw_consent(&clerk, t + Duration::hours(1), aid)
        .unwrap();
    assert!(!s.appeal(r.appeal_id).unwrap().applicant.consent);
    assert_eq!(
        s.consent_withdrawn_at(aid).unwrap(),
        Some(t + Duration::hours(1))
    );
    // Consent given again at a new registration counts again.
    s.register_appeal(&Actor::system(), t + Duration::days(1), t.date(), "KHR", &d)
        .unwrap();
    assert!(s.appeal(r.appeal_id).unwrap().applicant.consent);

    // (After the registration above: the trail refuses times going backwards.)
    let t = t + Duration::days(1);
    s.log_access(&clerk, t, Access::View, "appeal", Some(r.appeal_id))
        .unwrap();
    s.log_access(&clerk, t, Access::Export, "appeals", None)
        .unwrap();
    s.log_access(&clerk, t, Access::Print, "appeal", Some(r.appeal_id))
        .unwrap();
    let recent = s.audit_recent(3).unwrap();
    let got: Vec<(&str, &str)> = recent
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("print", "op:aigul"),
            ("export", "op:aigul"),
            ("view", "op:aigul")
        ]
    );
    let history = s.audit_of("applicant", aid).unwrap();
    assert!(history.iter().any(|e| e.action == "consent_withdrawn"));
}

#[test]
fn audit_snapshots_keep_personal_values_outside_the_chain_and_purge_removes_them() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let d0 = day(2020, 3, 16);
    let who = iin("8511203");
    let mut d = draft("Өмірбекова", "Айгүл", "Жер телімі");
    d.applicant.iin = who.clone();
    d.applicant.phone = "+7 701 234 56 78".into();
    d.applicant.address = "Хромтау, Абай к-сі 5".into();
    let r = s
        .register_appeal(&Actor::system(), at(d0, 9, 0), d0, "KHR", &d)
        .unwrap();
    let mut a = s.appeal(r.appeal_id).unwrap();
    a.applicant.patronymic = "Серікқызы".into();
    s.update_appeal(&Actor::system(), at(d0, 10, 0), &a, false)
        .unwrap();
    let applicant_id = a.applicant.id.unwrap();
    let raw = |s: &Store, needle: &str| -> i64 {
        s.conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE instr(coalesce(before, ''), ?1) > 0
                 OR instr(coalesce(after, ''), ?1) > 0",
                [needle],
                |r| r.get(0),
            )
            .unwrap()
    };
    // The chained rows hold no personal value...
    for v in [who.as_str(), "234 56 78", "Өмірбекова", "Абай", "Серікқызы"] {
        assert_eq!(raw(&s, v), 0, "{v} in the audit rows");
    }
    // ...the history reads them back.
    let hist = s.audit_of("appeal", r.appeal_id).unwrap();
    let upd = hist.iter().find(|e| e.action == "update").unwrap();
    let after: serde_json::Value = serde_json::from_str(upd.after.as_deref().unwrap()).unwrap();
    assert_eq!(after["applicant"]["iin"], who.as_str());
    assert_eq!(after["applicant"]["patronymic"], "Серікқызы");
    assert_eq!(after["essence"], "Жер телімі");
    let created = s.audit_of("applicant", applicant_id).unwrap();
    assert!(created[0].after.as_deref().unwrap().contains("Өмірбекова"));
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
    // Purge after the retention period: the values are gone, the chain holds.
    s.set_appeal_status(
        &Actor::system(),
        at(d0, 11, 0),
        r.appeal_id,
        "closed",
        serde_json::json!({}),
    )
    .unwrap();
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM audit_personal", [], |r| r.get(0))
        .unwrap();
    assert!(n >= 3, "create applicant, update before/after: {n}");
    s.purge_personal_data(
        &Actor::system(),
        at(day(2026, 3, 16), 9, 0),
        day(2026, 1, 1),
    )
    .unwrap();
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM audit_personal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    let hist = s.audit_of("appeal", r.appeal_id).unwrap();
    let upd = hist.iter().find(|e| e.action == "update").unwrap();
    let after: serde_json::Value = serde_json::from_str(upd.after.as_deref().unwrap()).unwrap();
    assert_eq!(after["applicant"]["personal"], "removed");
    assert!(after["applicant"].get("iin").is_none());
    for v in [who.as_str(), "234 56 78", "Өмірбекова", "Абай"] {
        assert_eq!(raw(&s, v), 0, "{v} in the audit rows after purge");
    }
    assert!(s.check().unwrap().is_ok());
}
