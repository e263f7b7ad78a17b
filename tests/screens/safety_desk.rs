//! Issue 10 at the desk: an IIN under another name asks before anything is
//! saved, text fields refuse characters beyond their limit as they arrive, and a
//! role that sees IINs and phones masked cannot find appeals by their digits.
use super::{app, as_role, key, render, typ};
use crossterm::event::KeyCode;
use qabyldau::domain::Lang;
use qabyldau::ui::action::ScreenId as Screen;
use qabyldau::ui::app::Popup;
use qabyldau::ui::screens::register::RegField;

#[test]
fn an_iin_under_another_name_asks_and_no_goes_back_to_the_iin() {
    for (lang, question) in [
        (Lang::Kk, "басқа атпен тіркелген"),
        (Lang::Ru, "зарегистрирован на другое имя"),
    ] {
        let (_d, mut a) = app(lang);
        let first = a.ctx.store.appeal(1).unwrap();
        assert!(!first.applicant.iin.is_empty());
        key(&mut a, KeyCode::F(2));
        typ(&mut a, "Нұрланова");
        key(&mut a, KeyCode::Tab);
        typ(&mut a, "Сәуле");
        a.screens.register.form.focus_on(RegField::Iin);
        typ(&mut a, &first.applicant.iin);
        a.screens.register.form.focus_on(RegField::Essence);
        typ(&mut a, "Жол жөндеу");
        key(&mut a, KeyCode::F(5));
        assert!(
            matches!(a.popups.last(), Some(Popup::IinBelongsTo { .. })),
            "{:?}",
            a.popups.last()
        );
        let s = render(&mut a, 80, 24);
        assert!(s.contains(question), "{s}");
        assert!(s.contains(&first.applicant.surname), "whose IIN it is: {s}");
        assert_eq!(a.ctx.store.appeal_count().unwrap(), 18, "nothing saved yet");
        // N: back to the IIN field, the form as typed.
        key(&mut a, KeyCode::Char('n'));
        assert!(a.popups.is_empty());
        assert_eq!(a.screen, Screen::Register);
        assert_eq!(a.screens.register.form.focused_id(), Some(RegField::Iin));
        assert_eq!(a.screens.register.form.text(RegField::Surname), "Нұрланова");
        assert_eq!(
            a.screens.register.form.text(RegField::Essence),
            "Жол жөндеу"
        );
        assert_eq!(a.ctx.store.appeal_count().unwrap(), 18);
        assert_eq!(
            a.ctx.store.appeal(1).unwrap().applicant.surname,
            first.applicant.surname,
            "nobody renamed"
        );
    }
}

#[test]
fn an_iin_under_another_name_confirmed_registers_the_same_person() {
    let (_d, mut a) = app(Lang::Ru);
    let first = a.ctx.store.appeal(1).unwrap();
    key(&mut a, KeyCode::F(2));
    typ(&mut a, "Нұрланова");
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "Сәуле");
    a.screens.register.form.focus_on(RegField::Iin);
    typ(&mut a, &first.applicant.iin);
    a.screens.register.form.focus_on(RegField::Essence);
    typ(&mut a, "Жол жөндеу");
    key(&mut a, KeyCode::F(5));
    assert!(matches!(a.popups.last(), Some(Popup::IinBelongsTo { .. })));
    // Y (or its Cyrillic key): the same person with a new name.
    key(&mut a, KeyCode::Char('д'));
    assert!(
        matches!(a.popups.last(), Some(Popup::Talon { .. })),
        "{:?} {:?}",
        a.popups.last(),
        a.ctx.status
    );
    assert_eq!(a.ctx.store.appeal_count().unwrap(), 19);
    let new = a.ctx.store.appeal(19).unwrap();
    assert_eq!(new.applicant.surname, "Нұрланова");
    assert_eq!(new.applicant.iin, first.applicant.iin);
    assert_eq!(
        a.ctx.store.appeal(1).unwrap().applicant.surname,
        first.applicant.surname,
        "the earlier appeal keeps the name it was filed under"
    );
}

#[test]
fn a_100000_character_paste_into_the_essence_is_cut_at_its_limit_quickly() {
    let (_d, mut a) = app(Lang::Ru);
    key(&mut a, KeyCode::F(2));
    a.screens.register.form.focus_on(RegField::Essence);
    let t = std::time::Instant::now();
    for _ in 0..100_000 {
        key(&mut a, KeyCode::Char('ж'));
    }
    let limit = qabyldau::domain::text::limits::ESSENCE;
    assert_eq!(
        a.screens
            .register
            .form
            .text(RegField::Essence)
            .chars()
            .count(),
        limit
    );
    // Unoptimised test build; the release desk is far quicker.
    assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
    // Still editable at the limit.
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Char('x'));
    key(&mut a, KeyCode::Char('y'));
    assert!(a
        .screens
        .register
        .form
        .text(RegField::Essence)
        .ends_with("жx"));
}

#[test]
fn a_viewer_cannot_find_appeals_by_iin_or_phone_digits() {
    let (_d, mut a) = app(Lang::Ru);
    let first = a.ctx.store.appeal(1).unwrap();
    let iin = first.applicant.iin.clone();
    assert!(iin.len() == 12);
    // The administrator finds the appeal by the IIN's digits.
    key(&mut a, KeyCode::F(4));
    typ(&mut a, &iin);
    assert!(
        a.screens.appeals.rows.iter().any(|r| r.id == first.id),
        "found by IIN"
    );
    // A viewer sees IINs masked: the same digits find nothing, nor a prefix.
    as_role(&mut a, "viewer");
    key(&mut a, KeyCode::Backspace);
    assert!(a.screens.appeals.rows.is_empty(), "no rows by IIN digits");
    // Registration numbers and names are still found.
    for _ in 0..12 {
        key(&mut a, KeyCode::Backspace);
    }
    typ(&mut a, &first.reg_no);
    assert!(a.screens.appeals.rows.iter().any(|r| r.id == first.id));
}

#[test]
fn a_clock_started_by_qabyldau_now_is_marked_in_the_title_bar() {
    for (lang, mark) in [
        (Lang::Kk, "Сағат бекітілген"),
        (Lang::Ru, "Часы зафиксированы"),
    ] {
        let (_d, mut a) = app(lang);
        let s = render(&mut a, 80, 24);
        assert!(!s.contains(mark), "{s}");
        a.ctx.clock = qabyldau::ui::app::Clock::Running {
            start: a.ctx.now(),
            since: std::time::Instant::now(),
        };
        let s = render(&mut a, 80, 24);
        let title = s.lines().next().unwrap_or_default();
        assert!(title.contains(mark), "{title}");
        assert!(title
            .trim_end()
            .ends_with(lang.code().to_uppercase().as_str()));
    }
}

#[test]
fn a_clock_behind_the_newest_record_is_worded_and_nothing_is_saved() {
    for (lang, words) in [
        (Lang::Kk, "Компьютер сағаты соңғы жазбадан ерте тұр"),
        (Lang::Ru, "Часы компьютера отстают от последней записи"),
    ] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::F(2));
        typ(&mut a, "Ли");
        key(&mut a, KeyCode::Tab);
        typ(&mut a, "Анна");
        a.screens.register.form.focus_on(RegField::Essence);
        typ(&mut a, "Ремонт крыши");
        // The computer's clock set back a year before the demo's records.
        let back = a.ctx.now() - chrono::Duration::days(365);
        a.ctx.clock = qabyldau::ui::app::Clock::Fixed(back);
        key(&mut a, KeyCode::F(5));
        let (status, is_err) = a.ctx.status.clone().unwrap_or_default();
        assert!(is_err && status.contains(words), "{status}");
        assert_eq!(a.ctx.store.appeal_count().unwrap(), 18, "nothing saved");
        assert_eq!(a.screens.register.form.text(RegField::Surname), "Ли");
    }
}
