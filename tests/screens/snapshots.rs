//! Every screen of the desk at 80x24 in Kazakh and Russian, on the demo data at a
//! fixed moment: a screen's snapshot is its assertion (review changes with
//! `cargo insta review`, or INSTA_UPDATE=always and `git diff`).
use super::{app, key, render, typ};
use crossterm::event::KeyCode;
use qabyldau::domain::lifecycle::Step;
use qabyldau::domain::Lang;
use qabyldau::ui::action::{Action, ScreenId};
use qabyldau::ui::app::App;

/// Brings a fresh desk to a screen the way a clerk would.
fn open(lang: Lang, screen: ScreenId) -> (tempfile::TempDir, App) {
    let (dir, mut a) = app(lang);
    let keys: &[KeyCode] = match screen {
        ScreenId::Today => &[],
        ScreenId::Register => &[KeyCode::F(2)],
        ScreenId::Appeals => &[KeyCode::F(4)],
        ScreenId::Card | ScreenId::Step => &[KeyCode::F(4), KeyCode::Enter],
        ScreenId::Reception => &[KeyCode::Char('n'), KeyCode::Enter],
        ScreenId::Officials => &[KeyCode::F(8)],
        ScreenId::OfficialForm => &[KeyCode::F(8), KeyCode::Enter],
        ScreenId::Operators => &[KeyCode::F(8), KeyCode::Char('o')],
        ScreenId::OperatorForm => &[KeyCode::F(8), KeyCode::Char('o'), KeyCode::Enter],
        ScreenId::Settings => &[KeyCode::F(8), KeyCode::Char('s')],
        ScreenId::Import => &[KeyCode::F(8), KeyCode::Char('i')],
        ScreenId::Control => &[KeyCode::F(6)],
        ScreenId::ControlForm => &[KeyCode::F(6), KeyCode::Enter],
        ScreenId::Reports => &[KeyCode::F(7)],
        ScreenId::Survey => &[KeyCode::F(7), KeyCode::Char('v')],
        ScreenId::SurveyForm => &[KeyCode::F(7), KeyCode::Char('v'), KeyCode::Char('d')],
        ScreenId::Login => &[],
    };
    for k in keys {
        key(&mut a, *k);
    }
    match screen {
        ScreenId::Step => a.update(Action::ChooseStep(Step::Schedule)),
        ScreenId::Login => a.require_login(),
        _ => {}
    }
    assert_eq!(a.screen, screen, "{:?}", a.ctx.status);
    (dir, a)
}

#[test]
fn every_screen_in_both_languages() {
    for screen in ScreenId::ALL.iter().copied() {
        for lang in [Lang::Kk, Lang::Ru] {
            let (_d, mut a) = open(lang, screen);
            let name = format!("{screen:?}-{}", lang.code());
            insta::assert_snapshot!(name, render(&mut a, 80, 24));
        }
    }
}

#[test]
fn popups_in_both_languages() {
    for lang in [Lang::Kk, Lang::Ru] {
        // The talon after a registration.
        let (_d, mut a) = open(lang, ScreenId::Register);
        typ(&mut a, "Ли");
        key(&mut a, KeyCode::Tab);
        typ(&mut a, "Анна");
        a.screens
            .register
            .form
            .focus_on(qabyldau::ui::screens::register::RegField::Essence);
        typ(&mut a, "Ремонт крыши");
        key(&mut a, KeyCode::F(5));
        insta::assert_snapshot!(format!("talon-{}", lang.code()), render(&mut a, 80, 24));
        // The steps of an appeal, and the help over the card.
        let (_d, mut a) = open(lang, ScreenId::Card);
        key(&mut a, KeyCode::Char('s'));
        insta::assert_snapshot!(format!("steps-{}", lang.code()), render(&mut a, 80, 24));
        key(&mut a, KeyCode::Esc);
        key(&mut a, KeyCode::F(1));
        insta::assert_snapshot!(format!("help-{}", lang.code()), render(&mut a, 80, 24));
        // Quitting with a typed form asks first.
        let (_d, mut a) = open(lang, ScreenId::Register);
        typ(&mut a, "Ли");
        key(&mut a, KeyCode::F(10));
        insta::assert_snapshot!(format!("quit-{}", lang.code()), render(&mut a, 80, 24));
    }
}
