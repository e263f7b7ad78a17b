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
        ScreenId::Schedule => &[KeyCode::Char('g')],
        ScreenId::LetterForm => &[KeyCode::F(4), KeyCode::Enter, KeyCode::Char('l')],
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
        // An IIN held under another name: whose it is, and the question.
        let (_d, mut a) = open(lang, ScreenId::Register);
        let iin = a.ctx.store.appeal(1).expect("demo appeal").applicant.iin;
        typ(&mut a, "Ли");
        key(&mut a, KeyCode::Tab);
        typ(&mut a, "Анна");
        a.screens
            .register
            .form
            .focus_on(qabyldau::ui::screens::register::RegField::Iin);
        typ(&mut a, &iin);
        a.screens
            .register
            .form
            .focus_on(qabyldau::ui::screens::register::RegField::Essence);
        typ(&mut a, "Ремонт крыши");
        key(&mut a, KeyCode::F(5));
        insta::assert_snapshot!(format!("iin-{}", lang.code()), render(&mut a, 80, 24));
    }
}

#[test]
fn every_screen_at_160x48() {
    for screen in ScreenId::ALL.iter().copied() {
        for lang in [Lang::Kk, Lang::Ru] {
            let (_d, mut a) = open(lang, screen);
            let name = format!("{screen:?}-{}-160x48", lang.code());
            insta::assert_snapshot!(name, render(&mut a, 160, 48));
        }
    }
}

/// The frame in the monochrome theme: each line, then under it the marks that
/// replace colour (`#` reverse video, `b` bold, `u` underlined), so a snapshot
/// shows that the title, the keys, the focus and the errors stay visible.
fn render_mono(app: &mut App, w: u16, h: u16) -> String {
    use qabyldau::ui::theme::{Theme, ThemeKind};
    use ratatui::style::{Color, Modifier};
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| qabyldau::ui::draw::draw(f, app))
        .expect("draw");
    let mut buf = term.backend().buffer().clone();
    Theme::of(ThemeKind::Mono).apply(&mut buf);
    let mut out = String::new();
    for y in 0..h {
        let mut marks = String::new();
        for x in 0..w {
            let c = &buf[(x, y)];
            assert!(c.fg == Color::Reset && c.bg == Color::Reset, "colour left");
            out.push_str(c.symbol());
            marks.push(if c.modifier.contains(Modifier::REVERSED) {
                '#'
            } else if c.modifier.contains(Modifier::BOLD) {
                'b'
            } else if c.modifier.contains(Modifier::UNDERLINED) {
                'u'
            } else {
                ' '
            });
        }
        out.push('\n');
        if marks.trim().is_empty() {
            continue;
        }
        out.push_str(marks.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn every_screen_in_monochrome() {
    for screen in ScreenId::ALL.iter().copied() {
        for lang in [Lang::Kk, Lang::Ru] {
            let (_d, mut a) = open(lang, screen);
            let name = format!("{screen:?}-{}-mono", lang.code());
            insta::assert_snapshot!(name, render_mono(&mut a, 80, 24));
        }
    }
}
