//! Issue 10 leftovers at the desk: a reset password is changed before the desk
//! opens, the first administrator's one-time recovery code is shown once, and
//! every screen's write refuses a clock set back behind the newest audit row.
use super::{app, desk_as, key, now, render, typ};
use crossterm::event::KeyCode;
use qabyldau::domain::Lang;
use qabyldau::store::{Actor, Store};
use qabyldau::ui::action::ScreenId as Screen;
use qabyldau::ui::app::{App, Popup};
use qabyldau::ui::screens::login::Mode;
use qabyldau::ui::screens::officials::OfficialField;
use qabyldau::ui::screens::operators::OperatorField;
use qabyldau::ui::screens::settings::SettingsField;

const RESET: &str = "Reset-by-admin-7";

/// The demo desk locked, the clerk's password reset by the administrator.
fn reset_clerk(lang: Lang) -> (tempfile::TempDir, App, i64) {
    let (d, mut a) = app(lang);
    let clerk = a.ctx.store.operator_by_login("clerk").unwrap().unwrap();
    let admin = a.ctx.store.operator_by_login("admin").unwrap().unwrap();
    qabyldau::auth::set_password(
        &mut a.ctx.store,
        &Actor::operator(admin.id, &admin.login),
        now(),
        clerk.id,
        RESET,
    )
    .unwrap();
    assert!(a.ctx.store.must_change_password(clerk.id).unwrap());
    a.require_login();
    a.screens.login.form.set_text(OperatorField::Login, "clerk");
    a.screens.login.form.focus_on(OperatorField::Password);
    typ(&mut a, RESET);
    key(&mut a, KeyCode::Enter);
    (d, a, clerk.id)
}

fn type_new_password(a: &mut App, first: &str, again: &str) {
    let f = &mut a.screens.login.form;
    f.set_text(OperatorField::Password, first);
    f.set_text(OperatorField::Password2, again);
    key(a, KeyCode::F(5));
}

#[test]
fn a_reset_password_must_be_changed_before_the_desk_opens() {
    for (lang, title, short) in [
        (Lang::Kk, "Жаңа құпиясөз: clerk", "кемінде 8"),
        (Lang::Ru, "Новый пароль: clerk", "не короче 8"),
    ] {
        let (_d, mut a, clerk) = reset_clerk(lang);
        assert_eq!(a.screen, Screen::Login);
        assert_eq!(a.screens.login.mode, Mode::ChangePassword);
        assert_ne!(a.ctx.session.operator.id, clerk, "not logged in yet");
        let s = render(&mut a, 80, 24);
        assert!(s.contains(title), "{s}");
        assert!(!s.contains("Жұмабаева"), "the queue stays hidden: {s}");
        insta::assert_snapshot!(format!("change-password-{}", lang.code()), s);
        // Nothing else of the desk works meanwhile.
        key(&mut a, KeyCode::F(2));
        assert_eq!(a.screen, Screen::Login);
        // Refused: the two differ, too short, the reset one again.
        type_new_password(&mut a, "новый-пароль-1", "новый-пароль-2");
        assert_eq!(a.screens.login.mode, Mode::ChangePassword);
        type_new_password(&mut a, "short", "short");
        let s = render(&mut a, 80, 24);
        assert!(s.contains(short), "{s}");
        type_new_password(&mut a, RESET, RESET);
        assert_eq!(a.screens.login.mode, Mode::ChangePassword);
        let (status, is_err) = a.ctx.status.clone().unwrap_or_default();
        assert!(is_err, "{status}");
        assert!(a.ctx.store.must_change_password(clerk).unwrap());
        // A real change opens the desk as the clerk and clears the flag.
        type_new_password(&mut a, "өз-құпиясөзім-1", "өз-құпиясөзім-1");
        assert_eq!(a.screen, Screen::Today, "{:?}", a.ctx.status);
        assert_eq!(a.ctx.session.operator.id, clerk);
        assert!(!a.ctx.store.must_change_password(clerk).unwrap());
        let newest = &a.ctx.store.audit_recent(1).unwrap()[0];
        assert_eq!(
            (newest.action.as_str(), newest.actor.as_str()),
            ("password", "op:clerk")
        );
        assert!(qabyldau::auth::login(&mut a.ctx.store, "clerk", "өз-құпиясөзім-1", now()).is_ok());
    }
}

#[test]
fn escape_on_the_new_password_form_logs_out() {
    let (_d, mut a, clerk) = reset_clerk(Lang::Ru);
    assert_eq!(a.screens.login.mode, Mode::ChangePassword);
    a.screens
        .login
        .form
        .set_text(OperatorField::Password, "typed-but-left");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Login);
    assert_eq!(a.screens.login.mode, Mode::Login);
    assert_eq!(a.screens.login.form.text(OperatorField::Login), "");
    assert_eq!(a.ctx.session.operator.id, 0, "nobody is logged in");
    assert!(a.ctx.store.must_change_password(clerk).unwrap());
    key(&mut a, KeyCode::F(3));
    assert_eq!(a.screen, Screen::Login);
    // The next login with the reset password asks again.
    a.screens.login.form.set_text(OperatorField::Login, "clerk");
    a.screens.login.form.focus_on(OperatorField::Password);
    typ(&mut a, RESET);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screens.login.mode, Mode::ChangePassword);
}

/// The screen as text with the recovery code blanked (it is random).
fn without(s: &str, code: &str) -> String {
    s.replace(code, "XXXXX-XXXXX-XXXXX-XXXXX")
}

#[test]
fn the_first_administrator_gets_the_recovery_code_once() {
    for (lang, words) in [
        (Lang::Kk, "компьютерден алыс"),
        (Lang::Ru, "вдали от компьютера"),
    ] {
        let (_dir, path) = super::common::temp_db();
        let store = Store::open(&path).unwrap();
        let mut a = desk_as(store, "", qabyldau::domain::Role::Viewer);
        a.ctx.session.lang = lang;
        a.require_first_admin();
        typ(&mut a, "Сейітова Гүлмира");
        let f = &mut a.screens.login.form;
        f.set_text(OperatorField::Login, "gulmira");
        f.set_text(OperatorField::Password, "длинный-пароль-1");
        f.set_text(OperatorField::Password2, "длинный-пароль-1");
        key(&mut a, KeyCode::F(5));
        let code = match a.popups.last() {
            Some(Popup::RecoveryCode(c)) => c.0.clone(),
            other => panic!("{other:?} {:?}", a.ctx.status),
        };
        assert_eq!(code.len(), 23, "{code}");
        assert!(!format!("{:?}", a.popups).contains(&code), "Debug hides it");
        let s = render(&mut a, 80, 24);
        assert!(s.contains(&code), "{s}");
        assert!(s.contains(words), "{s}");
        insta::assert_snapshot!(format!("recovery-code-{}", lang.code()), without(&s, &code));
        // The admin and the code were stored together; the code is not.
        assert_eq!(a.ctx.store.operator_count().unwrap(), 1);
        assert!(qabyldau::auth::check_recovery_code(&a.ctx.store, &code).unwrap());
        let hash = a.ctx.store.recovery_code_hash().unwrap().unwrap();
        assert!(!hash.contains(&code));
        for e in a.ctx.store.audit_recent(50).unwrap() {
            assert!(!format!("{e:?}").contains(&code), "{e:?}");
        }
        // Only its own key closes it: not Enter, Esc, F-keys or other letters.
        for k in [
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::F(1),
            KeyCode::F(3),
            KeyCode::F(10),
            KeyCode::Char('x'),
            KeyCode::Char('n'),
        ] {
            key(&mut a, k);
            assert!(
                matches!(a.popups.last(), Some(Popup::RecoveryCode(_))),
                "{k:?} closed it"
            );
        }
        assert!(!a.quit);
        key(
            &mut a,
            KeyCode::Char(if lang == Lang::Kk { 'и' } else { 'д' }),
        );
        assert!(a.popups.is_empty());
        assert_eq!(a.screen, Screen::Today);
        assert_eq!(a.ctx.session.operator.login, "gulmira");
        // Never shown again.
        let s = render(&mut a, 80, 24);
        assert!(!s.contains(&code), "{s}");
    }
}

#[test]
fn a_first_administrator_made_meanwhile_elsewhere_is_not_doubled() {
    let (_dir, path) = super::common::temp_db();
    let store = Store::open(&path).unwrap();
    let mut a = desk_as(store, "", qabyldau::domain::Role::Viewer);
    a.require_first_admin();
    // Another desk on the same file created its administrator first.
    let mut other = Store::open(&path).unwrap();
    qabyldau::auth::create_first_admin(
        &mut other,
        &Actor::system(),
        now(),
        &qabyldau::domain::Operator {
            id: 0,
            login: "first".into(),
            full_name: "First".into(),
            position_kk: String::new(),
            position_ru: String::new(),
            role: qabyldau::domain::Role::Admin,
        },
        "first-password-1",
    )
    .unwrap();
    let hash = other.recovery_code_hash().unwrap();
    typ(&mut a, "Сейітова Гүлмира");
    let f = &mut a.screens.login.form;
    f.set_text(OperatorField::Login, "gulmira");
    f.set_text(OperatorField::Password, "длинный-пароль-1");
    f.set_text(OperatorField::Password2, "длинный-пароль-1");
    key(&mut a, KeyCode::F(5));
    assert!(a.popups.is_empty(), "{:?}", a.popups);
    assert_eq!(a.screen, Screen::Login);
    assert_eq!(a.screens.login.mode, Mode::Login);
    let (status, is_err) = a.ctx.status.clone().unwrap_or_default();
    assert!(is_err && status.contains("уже создан"), "{status}");
    assert_eq!(a.ctx.store.operator_count().unwrap(), 1);
    assert_eq!(
        a.ctx.store.recovery_code_hash().unwrap(),
        hash,
        "not replaced"
    );
}

/// The id of the newest audit row (every write adds one).
fn newest(a: &App) -> i64 {
    a.ctx.store.audit_recent(1).unwrap()[0].id
}

#[test]
fn a_clock_set_back_refuses_the_writes_of_every_screen_and_keeps_the_forms() {
    for (lang, words) in [
        (Lang::Kk, "Компьютер сағаты соңғы жазбадан ерте тұр"),
        (Lang::Ru, "Часы компьютера отстают от последней записи"),
    ] {
        let (_d, mut a) = app(lang);
        let before = newest(&a);
        let queue = a.ctx.store.queue_of(a.ctx.today()).unwrap();
        // Set back two hours on the same day (an hour is tolerated).
        let back = a.ctx.now() - chrono::Duration::hours(2);
        a.ctx.clock = qabyldau::ui::app::Clock::Fixed(back);
        let refused = |a: &App| {
            let (status, is_err) = a.ctx.status.clone().unwrap_or_default();
            assert!(is_err && status.contains(words), "{status}");
        };
        // The queue: calling the next applicant.
        key(&mut a, KeyCode::Char('n'));
        refused(&a);
        let after = a.ctx.store.queue_of(now().date()).unwrap();
        assert!(!queue.is_empty());
        assert_eq!(
            after.iter().map(|e| e.status).collect::<Vec<_>>(),
            queue.iter().map(|e| e.status).collect::<Vec<_>>()
        );
        // An official's form: the edit is refused and kept.
        a.ctx.status = None;
        key(&mut a, KeyCode::F(8));
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.screen, Screen::OfficialForm);
        let name = a.screens.official_form.form.text(OfficialField::Surname);
        a.screens
            .official_form
            .form
            .set_text(OfficialField::Surname, "Өзгертілген");
        key(&mut a, KeyCode::F(5));
        refused(&a);
        assert_eq!(a.screen, Screen::OfficialForm);
        assert_eq!(
            a.screens.official_form.form.text(OfficialField::Surname),
            "Өзгертілген"
        );
        assert!(a
            .ctx
            .store
            .officials(true)
            .unwrap()
            .iter()
            .any(|o| o.surname == name));
        // The office settings.
        a.screens.official_form.form.dirty = false;
        key(&mut a, KeyCode::Esc);
        a.ctx.status = None;
        key(&mut a, KeyCode::Char('s'));
        assert_eq!(a.screen, Screen::Settings);
        a.screens
            .settings
            .form
            .set_text(SettingsField::NameRu, "Другой акимат");
        key(&mut a, KeyCode::F(5));
        refused(&a);
        assert_eq!(a.screen, Screen::Settings);
        assert_ne!(
            a.ctx.store.office_settings().unwrap().name_ru,
            "Другой акимат"
        );
        // A card with full personal data cannot be opened unlogged.
        a.screens.settings.form.dirty = false;
        a.ctx.status = None;
        key(&mut a, KeyCode::F(4));
        key(&mut a, KeyCode::Enter);
        refused(&a);
        assert_eq!(a.screen, Screen::Appeals);
        assert_eq!(newest(&a), before, "no audit row written");
        // A login is audited: refused too, and no failure counted.
        a.require_login();
        a.screens.login.form.set_text(OperatorField::Login, "clerk");
        a.screens.login.form.focus_on(OperatorField::Password);
        typ(&mut a, qabyldau::demo::DEMO_PASSWORDS[1].1);
        key(&mut a, KeyCode::Enter);
        refused(&a);
        assert_eq!(a.screen, Screen::Login);
        assert_eq!(newest(&a), before, "no audit row written");
        a.ctx.clock = qabyldau::ui::app::Clock::Fixed(now());
        key(&mut a, KeyCode::Enter);
        // Another operator than the one the lock covered: the desk starts afresh.
        assert_eq!(a.screen, Screen::Today, "{:?}", a.ctx.status);
        key(&mut a, KeyCode::F(4));
        assert_eq!(a.screen, Screen::Appeals);
        // The clock put right: the same card opens.
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.screen, Screen::Card);
        assert!(newest(&a) > before);
        // A print could not be audited: no document is written.
        let docs = tempfile::tempdir().unwrap();
        a.ctx.docs_dir = docs.path().join("documents");
        a.ctx.clock = qabyldau::ui::app::Clock::Fixed(back);
        let before = newest(&a);
        key(&mut a, KeyCode::Char('p'));
        refused(&a);
        assert!(!a.ctx.docs_dir.exists(), "no file");
        assert_eq!(newest(&a), before);
        a.ctx.clock = qabyldau::ui::app::Clock::Fixed(now());
        key(&mut a, KeyCode::Char('p'));
        assert!(a.ctx.docs_dir.exists(), "{:?}", a.ctx.status);
    }
}

#[test]
fn the_operators_list_shows_who_has_a_temporary_password() {
    for (lang, words) in [
        (Lang::Kk, "Құпиясөзі уақытша"),
        (Lang::Ru, "Временный пароль"),
    ] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::F(8));
        key(&mut a, KeyCode::Char('o'));
        assert_eq!(a.screen, Screen::Operators);
        assert!(!render(&mut a, 80, 24).contains(words));
        let clerk = a.ctx.store.operator_by_login("clerk").unwrap().unwrap();
        let actor = a.ctx.actor();
        qabyldau::auth::set_password(&mut a.ctx.store, &actor, now(), clerk.id, RESET).unwrap();
        key(&mut a, KeyCode::F(3));
        key(&mut a, KeyCode::F(8));
        key(&mut a, KeyCode::Char('o'));
        let s = render(&mut a, 80, 24);
        let line = s.lines().find(|l| l.contains("clerk")).unwrap_or_default();
        assert!(line.contains(words), "{s}");
    }
}
