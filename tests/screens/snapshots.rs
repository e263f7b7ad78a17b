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

/// The journal import at 80x24: the mapping screen with the columns used and the
/// two values to decide, then the preview with rows open and closed.
#[test]
fn journal_mapping_and_preview_in_both_languages() {
    for lang in [Lang::Kk, Lang::Ru] {
        let (d, mut a) = open(lang, ScreenId::Import);
        let path = d.path().join("j.csv");
        std::fs::write(
            &path,
            "Журнал приёма граждан;;;;;;;\n\
             №;Дата обращения;ФИО заявителя;Суть вопроса;Тема;Форма обращения;Дата ответа;Результат\n\
             1;12.05.2025;Жумабаев Нурлан Серикович;Яма на дороге;Дороги;устно;29.05.2025;Разъяснено\n\
             2;03.09.2025;Ким Анна;Газ в село;Газификация сёл;письменно;;\n\
             3;02.03.2026;Петров Пётр;Ремонт моста;ДОРОГИ;устно;;\n\
             4;04.03.2026;Ли Олег;;Дороги;устно;;\n",
        )
        .unwrap();
        let typed = path.to_str().unwrap().to_string();
        typ(&mut a, &typed);
        // The temporary folder's name differs per run: the file name stays.
        let stable = |s: String| {
            s.replace(
                &typed,
                &format!("{:<w$}", "j.csv", w = typed.chars().count()),
            )
        };
        key(&mut a, KeyCode::F(5));
        insta::assert_snapshot!(
            format!("journal-map-{}", lang.code()),
            stable(render(&mut a, 80, 24))
        );
        let profile = a.ctx.office.profile.clone();
        let roads = qabyldau::journal::mapping::Decision::To("roads".into());
        let other = qabyldau::journal::mapping::Decision::Other;
        assert!(a.screens.import.map[0].choose(&roads));
        assert!(a.screens.import.map[1].choose(&other));
        assert!(profile.topic("roads").is_some());
        key(&mut a, KeyCode::F(5));
        insta::assert_snapshot!(
            format!("journal-preview-{}", lang.code()),
            stable(render(&mut a, 80, 24))
        );
        key(&mut a, KeyCode::Char('y'));
        qabyldau::ui::task::settle(&mut a, std::time::Duration::from_secs(30));
        // The old row's card: closed, its outcome, the journal's own words.
        key(&mut a, KeyCode::F(4));
        typ(&mut a, "Жумабаев");
        key(&mut a, KeyCode::Enter);
        let s = render(&mut a, 80, 24);
        let (closed, outcome, journal) = match lang {
            Lang::Kk => ("жабылды", "Түсіндірілді", "Журналда: Нәтиже: «Разъяснено»"),
            Lang::Ru => (
                "закрыто",
                "Разъяснено",
                "В журнале: Результат: «Разъяснено»",
            ),
        };
        assert!(s.contains(closed) && s.contains(outcome), "{s}");
        assert!(s.contains(journal), "{s}");
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
