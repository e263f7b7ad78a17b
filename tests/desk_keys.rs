//! The desk's keys as a clerk meets them (issue 13, items 1-4): a walk-in in six
//! keys, the talon and its F-keys, dialogs whose Enter is the safe answer, the
//! language of a new form, stale messages, and a key line and header that keep
//! their function keys and the language from 80x24 to 200x60.
mod common;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use qabyldau::domain::Lang;
use qabyldau::store::Store;
use qabyldau::ui::action::ScreenId;
use qabyldau::ui::app::{App, Clock, Popup};
use qabyldau::ui::screens::register::RegField;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn now() -> chrono::NaiveDateTime {
    at(day(2026, 3, 16), 11, 0)
}

fn app(lang: Lang) -> (tempfile::TempDir, App) {
    let (dir, path) = demo_db(now());
    let mut store = Store::open(&path).unwrap();
    let op = qabyldau::ui::desk_operator(&mut store, now()).unwrap();
    let app = App::new(
        store,
        op,
        lang,
        Clock::Fixed(now()),
        qabyldau::assets::default_profile(),
        qabyldau::assets::shipped_calendar(),
    )
    .unwrap();
    (dir, app)
}

fn render(app: &mut App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| qabyldau::ui::draw::draw(f, app)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// A desk that counts the keys pressed beyond the typed text.
struct Desk {
    app: App,
    keys: usize,
}

impl Desk {
    fn press(&mut self, code: KeyCode) {
        self.keys += 1;
        self.app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    /// Typed text: not counted.
    fn typ(&mut self, s: &str) {
        for c in s.chars() {
            self.app
                .on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }
}

#[test]
fn a_walk_in_is_registered_and_queued_in_six_keys() {
    let (_d, a) = app(Lang::Kk);
    let mut d = Desk { app: a, keys: 0 };
    let before = d.app.ctx.store.appeal_count().unwrap();
    d.press(KeyCode::F(2));
    d.typ("Сейітқали");
    d.press(KeyCode::Tab);
    d.typ("Айгүл");
    d.press(KeyCode::Tab);
    d.typ("Маратқызы");
    d.press(KeyCode::Tab);
    d.typ(&iin("9001154"));
    d.press(KeyCode::Tab);
    d.typ("Көшеге жарық қою");
    d.press(KeyCode::F(5));
    assert!(d.keys <= 6, "{} keys", d.keys);
    assert_eq!(d.keys, 6);
    assert_eq!(d.app.ctx.store.appeal_count().unwrap(), before + 1);
    assert!(
        matches!(d.app.popups.last(), Some(Popup::Talon { talon, .. }) if talon.ticket.is_some()),
        "registered and queued: {:?}",
        d.app.popups
    );
    // F2 from the talon: the next applicant, on an empty form at the surname.
    d.keys = 0;
    d.press(KeyCode::F(2));
    assert!(d.app.popups.is_empty());
    assert_eq!(d.app.screen, ScreenId::Register);
    let form = &d.app.screens.register.form;
    assert_eq!(form.text(RegField::Surname), "");
    assert_eq!(form.focused_id(), Some(RegField::Surname));
    // This one has a category: chosen by its letter (typed text), and Enter on
    // the category (the last field a walk-in needs) saves. Without a patronymic
    // the IIN's first digit, typed in the patronymic, goes on to the IIN field.
    d.typ("Жұмабаева");
    d.press(KeyCode::Tab);
    d.typ("Дана");
    d.press(KeyCode::Tab);
    d.typ(&iin("9203124"));
    let form = &d.app.screens.register.form;
    assert_eq!(form.text(RegField::Patronymic), "");
    assert_eq!(form.text(RegField::Iin), iin("9203124"));
    d.press(KeyCode::Tab);
    d.typ("Балабақшаға орын");
    d.press(KeyCode::Tab);
    d.typ("ж");
    assert_eq!(
        d.app.screens.register.form.choice(RegField::Category),
        "pregnant"
    );
    d.press(KeyCode::Enter);
    assert_eq!(d.keys, 6, "with a category and no patronymic");
    assert_eq!(d.app.ctx.store.appeal_count().unwrap(), before + 2);
    assert!(matches!(d.app.popups.last(), Some(Popup::Talon { .. })));
    // F3 from the talon: the queue, where both wait.
    d.press(KeyCode::F(3));
    assert!(d.app.popups.is_empty());
    assert_eq!(d.app.screen, ScreenId::Today);
    let s = render(&mut d.app, 120, 40);
    assert!(s.contains("Сейітқали"), "{s}");
    assert!(s.contains("Жұмабаева Д"), "{s}");
    // The queue names the out-of-turn category; at 80 columns a long name ends
    // with an ellipsis.
    assert!(s.contains("Жүкті әйел"), "{s}");
    let s = render(&mut d.app, 80, 24);
    assert!(s.contains("Сәрсенбаев Е…"), "{s}");
}

#[test]
fn a_walk_in_with_a_patronymic_and_a_category_takes_six_keys_in_both_languages() {
    for (lang, letter, code) in [(Lang::Ru, "б", "pregnant"), (Lang::Kk, "ж", "pregnant")] {
        let (_d, a) = app(lang);
        let mut d = Desk { app: a, keys: 0 };
        let before = d.app.ctx.store.appeal_count().unwrap();
        d.press(KeyCode::F(2));
        d.typ("Омарова");
        d.press(KeyCode::Tab);
        d.typ("Сауле");
        d.press(KeyCode::Tab);
        // The IIN typed straight after the patronymic: its first digit moves on
        // to the IIN field (a Tab there would count a seventh key).
        d.typ("Ерланқызы");
        d.typ(&iin("9104054"));
        let form = &d.app.screens.register.form;
        assert_eq!(form.text(RegField::Patronymic), "Ерланқызы");
        assert_eq!(form.text(RegField::Iin), iin("9104054"));
        d.press(KeyCode::Tab);
        d.typ("Жол жөндеу");
        d.press(KeyCode::Tab);
        d.typ(letter);
        assert_eq!(d.app.screens.register.form.choice(RegField::Category), code);
        d.press(KeyCode::Enter);
        assert_eq!(d.keys, 6, "{lang:?}");
        assert_eq!(d.app.ctx.store.appeal_count().unwrap(), before + 1);
        assert!(
            matches!(d.app.popups.last(), Some(Popup::Talon { talon, .. }) if talon.ticket.is_some()),
            "{lang:?}: registered and queued: {:?} {:?}",
            d.app.popups,
            d.app.ctx.status
        );
    }
}

#[test]
fn enter_moves_on_before_the_last_needed_field_and_any_navigation_key_closes_the_talon() {
    let (_d, mut a) = app(Lang::Ru);
    let before = a.ctx.store.appeal_count().unwrap();
    let k = |a: &mut App, c: KeyCode| a.on_key(KeyEvent::new(c, KeyModifiers::NONE));
    k(&mut a, KeyCode::F(2));
    for c in "Ли".chars() {
        k(&mut a, KeyCode::Char(c));
    }
    k(&mut a, KeyCode::Enter);
    assert_eq!(a.screens.register.form.focused_id(), Some(RegField::Name));
    assert_eq!(a.ctx.store.appeal_count().unwrap(), before);
    for c in "Анна".chars() {
        k(&mut a, KeyCode::Char(c));
    }
    a.screens.register.form.focus_on(RegField::Essence);
    for c in "Ремонт".chars() {
        k(&mut a, KeyCode::Char(c));
    }
    k(&mut a, KeyCode::Enter);
    assert_eq!(
        a.screens.register.form.focused_id(),
        Some(RegField::Category)
    );
    k(&mut a, KeyCode::Enter);
    assert_eq!(a.ctx.store.appeal_count().unwrap(), before + 1);
    assert!(matches!(a.popups.last(), Some(Popup::Talon { .. })));
    k(&mut a, KeyCode::Down);
    assert!(a.popups.is_empty());
    // After the form: Enter on the last needed field of an edited appeal saves too
    // (the rest of the form stays reachable with Tab and Down).
    assert_eq!(a.screen, ScreenId::Register);
}

#[test]
fn enter_in_a_confirmation_keeps_the_form() {
    for lang in [Lang::Kk, Lang::Ru] {
        let (_d, mut a) = app(lang);
        let k = |a: &mut App, c: KeyCode| a.on_key(KeyEvent::new(c, KeyModifiers::NONE));
        k(&mut a, KeyCode::F(2));
        for c in "Сейітов".chars() {
            k(&mut a, KeyCode::Char(c));
        }
        k(&mut a, KeyCode::Esc);
        assert!(matches!(a.popups.last(), Some(Popup::Confirm { .. })));
        let s = render(&mut a, 80, 24);
        assert!(s.contains("Y/Д/И"), "{s}");
        assert!(
            s.contains("Esc/Enter"),
            "the keys shown are the keys that work: {s}"
        );
        k(&mut a, KeyCode::Enter);
        assert!(a.popups.is_empty());
        assert_eq!(a.screen, ScreenId::Register);
        assert_eq!(
            a.screens.register.form.text(RegField::Surname),
            "Сейітов",
            "nothing lost"
        );
        // "н" (нет; the Y key in the Russian layout) is no "yes" either.
        k(&mut a, KeyCode::F(10));
        k(&mut a, KeyCode::Char('н'));
        assert!(!a.quit);
        k(&mut a, KeyCode::F(10));
        k(&mut a, KeyCode::Char('д'));
        assert!(a.quit);
    }
}

#[test]
fn after_f9_a_new_form_takes_the_interface_language() {
    let (_d, mut a) = app(Lang::Kk);
    let k = |a: &mut App, c: KeyCode| a.on_key(KeyEvent::new(c, KeyModifiers::NONE));
    k(&mut a, KeyCode::F(2));
    assert_eq!(a.screens.register.form.choice(RegField::Language), "kk");
    k(&mut a, KeyCode::F(9));
    assert_eq!(a.screens.register.form.choice(RegField::Language), "ru");
    // A form already being typed keeps what the clerk chose.
    k(&mut a, KeyCode::Char('Ә'));
    k(&mut a, KeyCode::F(9));
    assert_eq!(a.screens.register.form.choice(RegField::Language), "ru");
}

#[test]
fn a_message_does_not_follow_to_another_screen() {
    let (_d, mut a) = app(Lang::Ru);
    let k = |a: &mut App, c: KeyCode| a.on_key(KeyEvent::new(c, KeyModifiers::NONE));
    k(&mut a, KeyCode::F(2));
    k(&mut a, KeyCode::F(5));
    assert!(a.ctx.status.is_some(), "the form has errors");
    k(&mut a, KeyCode::F(4));
    assert_eq!(a.screen, ScreenId::Appeals);
    assert_eq!(a.ctx.status, None);
    let s = render(&mut a, 80, 24);
    assert!(!s.contains("Исправьте"), "{s}");
}

/// Opens a screen the way a clerk would.
fn open(lang: Lang, screen: ScreenId) -> Option<(tempfile::TempDir, App)> {
    let (dir, mut a) = app(lang);
    let keys: &[KeyCode] = match screen {
        ScreenId::Today => &[],
        ScreenId::Register => &[KeyCode::F(2)],
        ScreenId::Appeals => &[KeyCode::F(4)],
        ScreenId::Card => &[KeyCode::F(4), KeyCode::Enter],
        ScreenId::Reception => &[KeyCode::Char('n'), KeyCode::Enter],
        ScreenId::Officials => &[KeyCode::F(8)],
        ScreenId::Operators => &[KeyCode::F(8), KeyCode::Char('o')],
        ScreenId::Settings => &[KeyCode::F(8), KeyCode::Char('s')],
        ScreenId::Control => &[KeyCode::F(6)],
        ScreenId::Reports => &[KeyCode::F(7)],
        _ => return None,
    };
    for k in keys {
        a.on_key(KeyEvent::new(*k, KeyModifiers::NONE));
    }
    assert_eq!(a.screen, screen);
    Some((dir, a))
}

#[test]
fn the_key_line_and_the_header_keep_what_matters_from_80x24_to_200x60() {
    use unicode_width::UnicodeWidthStr;
    for screen in ScreenId::ALL.iter().copied() {
        for lang in [Lang::Kk, Lang::Ru] {
            let Some((_d, mut a)) = open(lang, screen) else {
                continue;
            };
            let fkeys: Vec<String> = qabyldau::ui::keymap::bindings_for(screen)
                .into_iter()
                .filter(|b| b.in_status)
                .map(|b| qabyldau::ui::keymap::key_label(&b.keys[0]))
                .filter(|k| k.starts_with('F') && k.len() > 1)
                .collect();
            for (w, h) in [(80, 24), (120, 40), (160, 48), (200, 60)] {
                let s = render(&mut a, w, h);
                let lines: Vec<&str> = s.lines().collect();
                let header = lines[0];
                let mark = format!("| {} ", lang.code().to_uppercase());
                assert!(header.contains(&mark), "{screen:?} {w}x{h}: {header}");
                // The key line: the last two lines.
                let keyline = format!("{} {}", lines[h as usize - 2], lines[h as usize - 1]);
                for f in &fkeys {
                    assert!(
                        keyline.split_whitespace().any(|t| t == f),
                        "{screen:?} {lang:?} {w}x{h}: {f} missing in {keyline}"
                    );
                }
                assert!(lines[h as usize - 1].width() <= w as usize);
            }
        }
    }
}

#[test]
fn printers_and_the_theme_are_chosen_in_the_settings() {
    use qabyldau::ui::screens::settings::SettingsField;
    let (_d, mut a) = app(Lang::Ru);
    let k = |a: &mut App, c: KeyCode| a.on_key(KeyEvent::new(c, KeyModifiers::NONE));
    k(&mut a, KeyCode::F(8));
    k(&mut a, KeyCode::Char('s'));
    assert_eq!(a.screen, ScreenId::Settings);
    let s = render(&mut a, 120, 40);
    assert!(
        s.contains("Цветовая тема") && s.contains("Чековый принтер"),
        "{s}"
    );
    let form = &mut a.screens.settings.form;
    form.set_text(SettingsField::ReceiptPrinter, "TM_T20");
    form.set_text(SettingsField::ReceiptWidth, "5");
    form.focus_on(SettingsField::Theme);
    render(&mut a, 120, 40);
    // A letter of the Russian label: "ч" for черно-белая.
    k(&mut a, KeyCode::Char('ч'));
    assert_eq!(a.screens.settings.form.choice(SettingsField::Theme), "mono");
    k(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, ScreenId::Settings, "refused");
    let s = render(&mut a, 120, 40);
    assert!(s.contains("Число от 16 до 80"), "{s}");
    assert_eq!(
        a.screens.settings.form.text(SettingsField::ReceiptPrinter),
        "TM_T20",
        "nothing lost"
    );
    a.screens
        .settings
        .form
        .set_text(SettingsField::ReceiptWidth, "32");
    k(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, ScreenId::Officials, "{:?}", a.ctx.status);
    let p = qabyldau::print::PrintSettings::from_store(&a.ctx.store);
    assert_eq!(p.receipt_printer.as_deref(), Some("TM_T20"));
    assert_eq!(p.receipt_width, 32);
    assert_eq!(
        a.ctx.store.setting("theme").unwrap().as_deref(),
        Some("mono")
    );
    if std::env::var_os("QABYLDAU_THEME").is_none() {
        assert!(qabyldau::ui::theme::current().is_mono());
    }
}

/// The demo desk with a few thousand more appeals of March 2026 (an export or a
/// backup long enough to be cancelled on its way).
fn big_app(lang: Lang) -> (tempfile::TempDir, App) {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let o = qabyldau::store::SynthOptions::new(4000, day(2026, 3, 13));
    store.synthesize(&o, &mut |_, _| {}).unwrap();
    let admin = qabyldau::domain::Operator {
        id: 0,
        login: "admin".into(),
        full_name: "Әкімші".into(),
        position_kk: "әкімші".into(),
        position_ru: "администратор".into(),
        role: qabyldau::domain::Role::Admin,
    };
    let hash = "not a password hash: this desk is opened without a login";
    let sys = qabyldau::store::Actor::system();
    let id = store
        .add_operator(&sys, at(day(2026, 3, 16), 8, 0), &admin, hash)
        .unwrap();
    let op = qabyldau::domain::Operator { id, ..admin };
    let app = App::new(
        store,
        op,
        lang,
        Clock::Fixed(now()),
        qabyldau::assets::default_profile(),
        qabyldau::assets::shipped_calendar(),
    )
    .unwrap();
    (dir, app)
}

fn audit_rows(a: &App) -> i64 {
    a.ctx
        .store
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn settle(a: &mut App) {
    qabyldau::ui::task::settle(a, std::time::Duration::from_secs(60));
    assert!(
        !a.popups.iter().any(|p| matches!(p, Popup::Task(_))),
        "the task ended"
    );
}

/// Item 10: the long work of the desk runs in the background with its progress
/// shown, Esc cancels it and nothing is left half written; let run, it writes.
#[test]
fn a_cancelled_export_leaves_no_file_and_no_audit_row() {
    let (d, mut a) = big_app(Lang::Ru);
    let k = |a: &mut App, c: KeyCode| a.on_key(KeyEvent::new(c, KeyModifiers::NONE));
    a.ctx.docs_dir = d.path().join("documents");
    k(&mut a, KeyCode::F(7));
    assert_eq!(a.screen, ScreenId::Reports);
    let audit = audit_rows(&a);
    // The quarter's appeals to XLSX: a progress popup; Esc cancels.
    k(&mut a, KeyCode::Char('a'));
    assert!(
        matches!(a.popups.last(), Some(Popup::Task(_))),
        "{:?}",
        a.popups
    );
    let s = render(&mut a, 80, 24);
    assert!(
        s.contains("Выгрузка обращений в XLSX") && s.contains("Esc"),
        "{s}"
    );
    k(&mut a, KeyCode::Esc);
    settle(&mut a);
    assert_eq!(files_in(&a.ctx.docs_dir), Vec::<String>::new());
    assert_eq!(audit_rows(&a), audit, "no audit row");
    assert_eq!(
        a.ctx.status.as_ref().map(|s| s.0.as_str()),
        Some("Отменено, ничего не записано.")
    );
    // Let run: the file and its audit row.
    k(&mut a, KeyCode::Char('ф'));
    settle(&mut a);
    assert_eq!(
        files_in(&a.ctx.docs_dir),
        vec!["appeals-2026-01-01-2026-03-31.xlsx".to_string()],
        "{:?}",
        a.ctx.status
    );
    assert_eq!(audit_rows(&a), audit + 1);
    let n = a.ctx.store.appeal_count().unwrap();
    assert!(
        a.ctx
            .status
            .as_ref()
            .unwrap()
            .0
            .contains(&format!("Выгружено: {n}")),
        "{:?}",
        a.ctx.status
    );
    // The report to files: cancelled, none of its three files.
    let dir = a.ctx.docs_dir.clone();
    std::fs::remove_file(dir.join("appeals-2026-01-01-2026-03-31.xlsx")).unwrap();
    k(&mut a, KeyCode::Char('x'));
    k(&mut a, KeyCode::Esc);
    settle(&mut a);
    assert_eq!(files_in(&dir), Vec::<String>::new());
    k(&mut a, KeyCode::Char('x'));
    settle(&mut a);
    assert_eq!(files_in(&dir).len(), 3, "{:?}", a.ctx.status);
    // A clock set back during the session: the export does not start.
    for f in files_in(&dir) {
        std::fs::remove_file(dir.join(f)).unwrap();
    }
    let audit = audit_rows(&a);
    a.ctx.clock = Clock::Fixed(now() - chrono::Duration::hours(2));
    k(&mut a, KeyCode::Char('a'));
    assert!(a.popups.is_empty(), "{:?}", a.popups);
    assert!(
        a.ctx.status.as_ref().is_some_and(|s| s.1),
        "{:?}",
        a.ctx.status
    );
    settle(&mut a);
    assert_eq!(files_in(&dir), Vec::<String>::new());
    assert_eq!(audit_rows(&a), audit);
}

#[test]
fn a_cancelled_import_leaves_no_rows() {
    let (d, mut a) = app(Lang::Kk);
    let k = |a: &mut App, c: KeyCode| a.on_key(KeyEvent::new(c, KeyModifiers::NONE));
    let csv = d.path().join("old.csv");
    std::fs::write(
        &csv,
        "registered_on;channel;surname;name;essence\n2025-11-03;paper;Ахметов;Бауыржан;Жол жөндеу\n2025-11-05;paper;Ли;Анна;Ремонт крыши\n",
    )
    .unwrap();
    let before = a.ctx.store.appeal_count().unwrap();
    let audit = audit_rows(&a);
    k(&mut a, KeyCode::F(8));
    k(&mut a, KeyCode::Char('i'));
    assert_eq!(a.screen, ScreenId::Import);
    for c in csv.to_str().unwrap().chars() {
        k(&mut a, KeyCode::Char(c));
    }
    k(&mut a, KeyCode::F(5));
    // Another desk holds the write lock: the import waits for it (as it would
    // behind a long write) and the clerk presses Esc meanwhile.
    let other = Store::open(a.ctx.store.path()).unwrap();
    other.conn().execute_batch("BEGIN IMMEDIATE").unwrap();
    k(&mut a, KeyCode::Char('y'));
    assert!(
        matches!(a.popups.last(), Some(Popup::Task(_))),
        "{:?}",
        a.popups
    );
    k(&mut a, KeyCode::Esc);
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Тоқтатылуда"), "{s}");
    other.conn().execute_batch("ROLLBACK").unwrap();
    settle(&mut a);
    assert_eq!(a.ctx.store.appeal_count().unwrap(), before, "no rows");
    assert_eq!(audit_rows(&a), audit);
    assert_eq!(
        a.ctx.status.as_ref().map(|s| s.0.as_str()),
        Some("Тоқтатылды, ештеңе жазылған жоқ.")
    );
    // The decisions stay: the same import again, let run.
    k(&mut a, KeyCode::F(5));
    k(&mut a, KeyCode::Char('y'));
    settle(&mut a);
    assert_eq!(a.ctx.store.appeal_count().unwrap(), before + 2);
}

#[test]
fn a_cancelled_backup_leaves_no_copy_and_no_audit_row() {
    // A copy of the database from F8 (b): cancelled, no file and no audit row.
    let (_d, mut a) = big_app(Lang::Kk);
    let k = |a: &mut App, c: KeyCode| a.on_key(KeyEvent::new(c, KeyModifiers::NONE));
    k(&mut a, KeyCode::F(8));
    assert_eq!(a.screen, ScreenId::Officials);
    let backups = qabyldau::paths::backup_dir(a.ctx.store.path());
    let audit = audit_rows(&a);
    k(&mut a, KeyCode::Char('b'));
    k(&mut a, KeyCode::Esc);
    settle(&mut a);
    assert_eq!(files_in(&backups), Vec::<String>::new());
    assert_eq!(audit_rows(&a), audit);
    k(&mut a, KeyCode::Char('и'));
    settle(&mut a);
    let copies: Vec<String> = files_in(&backups)
        .into_iter()
        .filter(|f| f.ends_with(".sqlite"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?} {:?}", a.ctx.status);
    assert!(qabyldau::store::check_file(&backups.join(&copies[0]))
        .unwrap()
        .is_ok());
    assert_eq!(audit_rows(&a), audit + 1);
}
