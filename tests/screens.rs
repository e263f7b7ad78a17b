//! Every screen rendered through ratatui's TestBackend, in Kazakh and Russian, at
//! 80x24 and larger, driven by the same key events a clerk types.
mod common;
#[path = "screens/reception_desk.rs"]
mod reception_desk;
#[path = "screens/safety3_desk.rs"]
mod safety3_desk;
#[path = "screens/safety_desk.rs"]
mod safety_desk;
#[path = "screens/schedule_desk.rs"]
mod schedule_desk;
#[path = "screens/snapshots.rs"]
mod snapshots;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use qabyldau::domain::{Lang, QueueStatus};
use qabyldau::store::Store;
use qabyldau::ui::action::ScreenId as Screen;
use qabyldau::ui::app::{App, Clock, Popup};
use qabyldau::ui::screens::control::ControlField;
use qabyldau::ui::screens::import::ImportField;
use qabyldau::ui::screens::officials::OfficialField;
use qabyldau::ui::screens::operators::OperatorField;
use qabyldau::ui::screens::register::RegField;
use qabyldau::ui::screens::settings::SettingsField;
use qabyldau::ui::screens::survey::SurveyField;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn now() -> chrono::NaiveDateTime {
    at(day(2026, 3, 16), 11, 0)
}

fn app(lang: Lang) -> (tempfile::TempDir, App) {
    let (dir, path) = demo_db(now());
    let mut store = Store::open(&path).unwrap();
    let cal = qabyldau::assets::shipped_calendar();
    let op = qabyldau::ui::desk_operator(&mut store, now()).unwrap();
    let mut app = App::new(
        store,
        op,
        lang,
        Clock::Fixed(now()),
        qabyldau::assets::default_profile(),
        cal,
    )
    .unwrap();
    // Print keys write the documents here; tests/desk_print.rs sends them on.
    app.ctx.printing = qabyldau::ui::ctx::Printing::FileOnly;
    (dir, app)
}

/// The desk in Russian on `store` as an operator that is not in it.
fn desk_as(store: Store, login: &str, role: qabyldau::domain::Role) -> App {
    let op = qabyldau::domain::Operator {
        id: 0,
        login: login.into(),
        full_name: login.into(),
        position_kk: String::new(),
        position_ru: String::new(),
        role,
    };
    App::new(
        store,
        op,
        Lang::Ru,
        Clock::Fixed(now()),
        qabyldau::assets::default_profile(),
        qabyldau::assets::shipped_calendar(),
    )
    .unwrap()
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

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn today_screen_in_both_languages() {
    for (lang, title, waiting, hint) in [
        (Lang::Kk, "Бүгінгі кезек", "Күтуде: 5", "Келесіні шақыру"),
        (Lang::Ru, "Очередь дня", "Ожидают: 5", "Вызвать след."),
    ] {
        let (_d, mut a) = app(lang);
        let s = render(&mut a, 80, 24);
        assert!(s.contains(title), "{s}");
        assert!(s.contains(waiting), "{s}");
        assert!(s.contains(hint), "{s}");
        // The control panel: overdue, and due soon (19.03, within 3 days).
        let s100 = render(&mut a, 100, 30);
        assert!(
            s100.contains("19.03.2026") && s100.contains("11.03.2026"),
            "{s100}"
        );
        // Out-of-turn applicants first: the pregnant woman (ticket 4) heads the list.
        let first_row = s.lines().nth(4).unwrap();
        assert!(first_row.contains("Жұмабаева"), "{s}");
    }
}

#[test]
fn register_screen_shows_inline_errors_in_both_languages() {
    for (lang, essence_msg, iin_msg) in [
        (Lang::Kk, "Мәселенің мәні көрсетілмеген", "12 цифр"),
        (Lang::Ru, "Обращение без сути вопроса", "12 цифр"),
    ] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::F(2));
        assert_eq!(a.screen, Screen::Register);
        typ(&mut a, "Сейітов");
        key(&mut a, KeyCode::Tab);
        typ(&mut a, "Марат");
        key(&mut a, KeyCode::Tab);
        key(&mut a, KeyCode::Tab);
        typ(&mut a, "12345");
        key(&mut a, KeyCode::F(5));
        let s = render(&mut a, 80, 24);
        assert!(s.contains(iin_msg), "{s}");
        // The essence error is lower in the form; at 120x40 everything is visible.
        let s = render(&mut a, 120, 40);
        assert!(s.contains(essence_msg), "{s}");
        assert!(s.contains("Сейітов"), "typed text is kept: {s}");
        assert_eq!(
            a.ctx.store.appeal_count().unwrap(),
            18,
            "nothing was stored"
        );
    }
}

#[test]
fn registration_shows_talon_and_queues() {
    let (_d, mut a) = app(Lang::Ru);
    key(&mut a, KeyCode::F(2));
    typ(&mut a, "Ли");
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "Анна");
    a.screens.register.form.focus_on(RegField::Essence);
    typ(&mut a, "Ремонт крыши");
    key(&mut a, KeyCode::F(5));
    assert!(matches!(a.popups.last(), Some(Popup::Talon { .. })));
    let s = render(&mut a, 80, 24);
    assert!(s.contains("ТАЛОН"), "{s}");
    assert!(s.contains("Номер в очереди: 7"), "{s}");
    assert!(s.contains("KHR-2026-000019"), "{s}");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::F(3));
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Ли Анна"), "{s}");
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let (_d, mut a) = app(Lang::Kk);
    key(&mut a, KeyCode::F(2));
    typ(&mut a, "\u{1b}[2J");
    let s = render(&mut a, 80, 24);
    assert!(!s.contains('\u{1b}'));
    assert!(s.contains("\u{FFFD}[2J"), "{s}");
}

#[test]
fn queue_keys_call_hold_and_receive() {
    let (_d, mut a) = app(Lang::Kk);
    // Cyrillic "т" on the physical N key calls the next applicant.
    key(&mut a, KeyCode::Char('т'));
    let called: Vec<_> = a
        .screens
        .today
        .entries
        .iter()
        .filter(|e| e.status == QueueStatus::Called)
        .collect();
    assert_eq!(called.len(), 1);
    assert_eq!(called[0].ticket, 4, "out-of-turn first");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Reception);
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Қабылдау хаттамасы"), "{s}");
    assert!(s.contains("Жұмабаева"), "{s}");
    // Saving without a decision is refused with the reason.
    key(&mut a, KeyCode::F(5));
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Толтыру міндетті"), "{s}");
    typ(&mut a, "Көмек тағайындалды");
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "Құжаттарды тексеру");
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "Әлеуметтік бөлім");
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, Screen::Today);
    let e = a
        .screens
        .today
        .entries
        .iter()
        .find(|e| e.ticket == 4)
        .unwrap();
    assert_eq!(e.status, QueueStatus::Received);
    assert_eq!(a.ctx.store.on_control(None, 50).unwrap().len(), 5);
    // Hold and bring back with the Latin H.
    a.screens.today.select_id(
        a.screens
            .today
            .entries
            .iter()
            .find(|e| e.ticket == 6)
            .unwrap()
            .id,
    );
    key(&mut a, KeyCode::Char('h'));
    assert!(
        a.screens
            .today
            .entries
            .iter()
            .find(|e| e.ticket == 6)
            .unwrap()
            .on_hold
    );
    let s = render(&mut a, 80, 24);
    assert!(s.contains("күттірілді"), "{s}");
}

#[test]
fn reception_screen_in_russian_proposes_due_date() {
    let (_d, mut a) = app(Lang::Ru);
    key(&mut a, KeyCode::Char('n'));
    key(&mut a, KeyCode::Enter);
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Протокол приема"), "{s}");
    // 15 working days after Monday 16.03.2026 (weekends only here; the shipped
    // calendar adds Nauryz when the rules branch lands, so check the format only).
    assert!(s.contains(".2026"), "{s}");
    assert!(s.contains("Срок (ДД.ММ.ГГГГ)"), "{s}");
}

#[test]
fn appeals_search_and_card_in_both_languages() {
    for (lang, title, hist) in [
        (Lang::Kk, "Өтініштер", "Тарихы"),
        (Lang::Ru, "Обращения", "История"),
    ] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::F(4));
        typ(&mut a, "omirbekova");
        let s = render(&mut a, 80, 24);
        assert!(s.contains(title), "{s}");
        assert!(s.contains("Өмірбекова"), "{s}");
        assert!(!s.contains("850312"), "IIN masked in lists: {s}");
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.screen, Screen::Card);
        let s = render(&mut a, 80, 24);
        assert!(s.contains(hist), "{s}");
        // Edit from the card: the form is filled with the stored appeal.
        key(&mut a, KeyCode::Char('e'));
        assert_eq!(a.screen, Screen::Register);
        assert_eq!(
            a.screens.register.form.text(RegField::Surname),
            "Өмірбекова"
        );
        // Unticking the consent records its withdrawal.
        assert!(a.screens.register.form.check(RegField::Consent));
        a.screens.register.form.set_check(RegField::Consent, false);
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::Card);
        let aid = a
            .screens
            .card
            .card
            .as_ref()
            .unwrap()
            .appeal
            .applicant
            .id
            .unwrap();
        assert!(a.ctx.store.consent_withdrawn_at(aid).unwrap().is_some());
    }
}

#[test]
fn help_overlay_lists_live_keys() {
    let (_d, mut a) = app(Lang::Ru);
    key(&mut a, KeyCode::F(1));
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Клавиши"), "{s}");
    assert!(s.contains("n / т"), "{s}");
    assert!(s.contains("раскладке"), "{s}");
}

#[test]
fn language_switch_is_remembered() {
    let (_d, mut a) = app(Lang::Kk);
    key(&mut a, KeyCode::F(9));
    assert_eq!(a.ctx.session.lang, Lang::Ru);
    assert_eq!(
        a.ctx.store.setting("ui_lang").unwrap().as_deref(),
        Some("ru")
    );
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Очередь дня"), "{s}");
}

#[test]
fn quitting_with_unsaved_form_asks_first() {
    let (_d, mut a) = app(Lang::Kk);
    key(&mut a, KeyCode::F(2));
    typ(&mut a, "Ә");
    key(&mut a, KeyCode::F(10));
    assert!(!a.quit);
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Сақталмаған өзгерістер"), "{s}");
    key(&mut a, KeyCode::Char('n'));
    assert!(!a.quit);
    key(&mut a, KeyCode::F(10));
    key(&mut a, KeyCode::Char('y'));
    assert!(a.quit);
}

#[test]
fn card_prints_bilingual_protocol_and_talon() {
    let (dir, mut a) = app(Lang::Kk);
    a.ctx.docs_dir = dir.path().join("documents");
    key(&mut a, KeyCode::F(4));
    typ(&mut a, "KHR-2026-000001");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Card);
    key(&mut a, KeyCode::Char('в'));
    let html = std::fs::read_to_string(a.ctx.docs_dir.join(format!(
        "protocol-KHR-2026-000001-{}.html",
        a.screens.card.card.as_ref().unwrap().protocols[0].id
    )))
    .unwrap();
    assert!(html.contains("ЖЕКЕ ҚАБЫЛДАУ ХАТТАМАСЫ") && html.contains("ПРОТОКОЛ ЛИЧНОГО ПРИЕМА"));
    assert!(html.contains("Бекет Асқар Нұрланұлы"), "{html}");
    key(&mut a, KeyCode::Char('p'));
    assert!(a.ctx.docs_dir.join("talon-KHR-2026-000001.html").exists());
    // Printing is logged with the operator; the card's history reads the audit trail.
    let id = a.screens.card.card.as_ref().unwrap().appeal.id;
    let rows = a.ctx.store.audit_of("appeal", id).unwrap();
    assert!(rows.iter().any(|r| r.action == "print"), "{rows:?}");
    assert!(a
        .ctx
        .store
        .audit_of("talon", id)
        .unwrap()
        .iter()
        .any(|r| r.action == "print"));
    key(&mut a, KeyCode::Esc);
    let s = render(&mut a, 120, 40);
    assert!(
        s.contains("clerk") || s.contains("system"),
        "history shows who: {s}"
    );
}

#[test]
fn recall_and_return_to_queue() {
    let (_d, mut a) = app(Lang::Ru);
    key(&mut a, KeyCode::Char('n'));
    let called = a.screens.today.selected().unwrap().id;
    key(&mut a, KeyCode::Char('r'));
    assert!(a.ctx.status.as_ref().unwrap().0.contains("Вызван повторно"));
    key(&mut a, KeyCode::Char('г'));
    let e = a
        .screens
        .today
        .entries
        .iter()
        .find(|e| e.id == called)
        .unwrap();
    assert_eq!(e.status, QueueStatus::Waiting);
    // The audit trail has the recall.
    let n: i64 = a
        .ctx
        .store
        .audit_of("queue_entry", called)
        .unwrap()
        .iter()
        .filter(|r| r.action == "recall")
        .count() as i64;
    assert_eq!(n, 1);
}

#[test]
fn officials_and_office_settings_in_both_languages() {
    for (lang, title, settings) in [
        (Lang::Kk, "Лауазымды адамдар", "Мекеме баптаулары"),
        (Lang::Ru, "Должностные лица", "Настройки учреждения"),
    ] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::F(8));
        assert_eq!(a.screen, Screen::Officials);
        let s = render(&mut a, 80, 24);
        assert!(s.contains(title) && s.contains("Бекет Асқар"), "{s}");
        // Add one with a missing position: refused next to the field.
        key(&mut a, KeyCode::Char('a'));
        typ(&mut a, "Оспанов");
        key(&mut a, KeyCode::Tab);
        typ(&mut a, "Ерік");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::OfficialForm);
        let s = render(&mut a, 80, 24);
        assert!(s.contains(crate_msg_required(lang)), "{s}");
        a.screens
            .official_form
            .form
            .set_text(OfficialField::PositionKk, "Бөлім басшысы");
        a.screens
            .official_form
            .form
            .set_text(OfficialField::PositionRu, "Руководитель отдела");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::Officials);
        assert_eq!(a.ctx.officials.len(), 5);
        // Office settings: a Cyrillic prefix is refused, a Latin one is kept.
        key(&mut a, KeyCode::Char('s'));
        assert_eq!(a.screen, Screen::Settings);
        a.screens
            .settings
            .form
            .set_text(SettingsField::Prefix, "ХРМ");
        key(&mut a, KeyCode::F(5));
        let s = render(&mut a, 80, 24);
        assert!(
            s.contains(settings) && (s.contains("латын") || s.contains("латинских")),
            "{s}"
        );
        a.screens
            .settings
            .form
            .set_text(SettingsField::Prefix, "khr2");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.ctx.office.settings.prefix, "KHR2");
        assert_eq!(
            a.ctx.store.setting("office_prefix").unwrap().as_deref(),
            Some("KHR2")
        );
    }
}

fn crate_msg_required(lang: Lang) -> &'static str {
    qabyldau::i18n::ui::Msg::ErrRequired.text(lang)
}

#[test]
fn a_2000_character_name_is_refused_and_kept() {
    let (_d, mut a) = app(Lang::Ru);
    key(&mut a, KeyCode::F(2));
    let long = "Ә".repeat(2000);
    typ(&mut a, &long);
    // Characters beyond the name's limit are refused as they arrive, and the
    // field says why; what it took is kept.
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Слишком длинный текст; предел: 60"), "{s}");
    assert_eq!(
        a.screens.register.form.text(RegField::Surname),
        "Ә".repeat(60),
        "what fits is kept"
    );
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "Анна");
    a.screens.register.form.focus_on(RegField::Essence);
    typ(&mut a, "   ");
    key(&mut a, KeyCode::F(5));
    assert_eq!(
        a.screens.register.form.text(RegField::Surname),
        "Ә".repeat(60),
        "what was typed is kept"
    );
    let s = render(&mut a, 80, 24);
    assert_eq!(a.ctx.store.appeal_count().unwrap(), 18);
    // The cursor row never overflows the screen width.
    assert!(s
        .lines()
        .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80));
}

#[test]
fn lifecycle_steps_from_the_card_are_checked_and_recorded() {
    let (_d, mut a) = app(Lang::Ru);
    // An appeal registered on 2 March (not queued).
    let reg = day(2026, 3, 2);
    let r = a
        .ctx
        .store
        .register_appeal(
            &qabyldau::store::Actor::system(),
            at(reg, 10, 0),
            reg,
            "KHR",
            &draft("Тестов", "Тест", "Вопрос"),
        )
        .unwrap();
    key(&mut a, KeyCode::F(4));
    typ(&mut a, &r.reg_no);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Card);
    key(&mut a, KeyCode::Char('s'));
    let s = render(&mut a, 80, 24);
    assert!(
        s.contains("Следующий шаг") && s.contains("Проект отказа на заслушивание"),
        "{s}"
    );
    // Registered: [RequestFix, StartReview, ScreenOut, ...]
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Step);
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, Screen::Card);
    assert_eq!(
        a.ctx.store.appeal(r.appeal_id).unwrap().status,
        "screened_out"
    );
    // The refusal the same day is refused: 3 working days after the hearing draft.
    key(&mut a, KeyCode::Char('ы'));
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::F(5));
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Решение об отказе"), "{s}");
    assert_eq!(
        a.ctx.store.appeal(r.appeal_id).unwrap().status,
        "screened_out"
    );
    // The history shows both steps, read back from the store.
    let steps = a.ctx.store.steps_of(r.appeal_id).unwrap();
    assert_eq!(steps.len(), 1);
}

#[test]
fn today_lists_overdue_answers() {
    let (_d, mut a) = app(Lang::Kk);
    let reg = day(2026, 2, 19);
    let r = a
        .ctx
        .store
        .register_appeal(
            &qabyldau::store::Actor::system(),
            at(reg, 10, 0),
            reg,
            "KHR",
            &draft("Мерзімов", "Нұр", "Сұрақ"),
        )
        .unwrap();
    // 15 working days from 19 February 2026 (9 March off) = 13 March: overdue on 16 March.
    let cal = qabyldau::assets::shipped_calendar();
    let due =
        qabyldau::domain::deadlines::due(&a.ctx.office.profile, "answer_reception_date", reg, &cal)
            .unwrap();
    assert_eq!(due, day(2026, 3, 13));
    a.ctx
        .store
        .set_next_due(
            r.appeal_id,
            Some((qabyldau::domain::lifecycle::NextAction::AnswerWithDate, due)),
        )
        .unwrap();
    a.refresh_today().unwrap();
    let s = render(&mut a, 100, 30);
    assert!(
        s.contains("Мерзімі өткен 13.03.2026") && s.contains("қабылдау күні туралы жауап"),
        "{s}"
    );
}

#[test]
fn conflict_rule_refuses_the_previous_executor() {
    let (_d, mut a) = app(Lang::Ru);
    // KHR-2026-000001 had an instruction to "Жер қатынастары бөлімі" in the demo.
    key(&mut a, KeyCode::F(4));
    typ(&mut a, "KHR-2026-000001");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('r'));
    assert_eq!(a.screen, Screen::Reception);
    typ(&mut a, "Повторный прием");
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "Проверить повторно");
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "жер катынастары болими");
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, Screen::Reception, "refused");
    let s = render(&mut a, 100, 30);
    assert!(s.contains("нельзя поручать работнику"), "{s}");
    assert_eq!(
        a.ctx
            .store
            .protocols_of(a.screens.reception.appeal.as_ref().unwrap().id)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn control_screen_answers_and_reassigns_in_both_languages() {
    for (lang, title) in [(Lang::Kk, "Бақылау"), (Lang::Ru, "Контроль")] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::F(6));
        assert_eq!(a.screen, Screen::Control);
        let s = render(&mut a, 80, 24);
        assert!(s.contains(title), "{s}");
        assert!(s.contains("KHR-2026-000001"), "{s}");
        assert_eq!(a.screens.control.rows.len(), 4);
        // Reassign the first (overdue) one to an executor of this appeal: refused.
        let first_exec = a.screens.control.rows[0].instruction.executor.clone();
        key(&mut a, KeyCode::Char('e'));
        assert_eq!(a.screen, Screen::ControlForm);
        // Not in the office's list: typed as a new entry below the list.
        a.screens.control_form.form.focus_on(ControlField::Executor);
        typ(&mut a, &first_exec.to_uppercase());
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::ControlForm, "conflict rule refuses");
        a.screens
            .control_form
            .form
            .set_text(ControlField::Executor, "Ахметов Бауыржан");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::Control);
        assert_eq!(
            a.screens.control.rows[0].instruction.executor,
            "Ахметов Бауыржан"
        );
        // The final answer without a summary is refused, with one it closes.
        key(&mut a, KeyCode::Enter);
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::ControlForm);
        typ(&mut a, "Жер телімі берілді / Участок выделен");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::Control);
        assert_eq!(a.screens.control.rows.len(), 3);
        let s = render(&mut a, 80, 24);
        assert!(!s.contains("KHR-2026-000001"), "{s}");
    }
}

#[test]
fn registration_warns_of_a_repeat_appeal() {
    let (_d, mut a) = app(Lang::Ru);
    // Demo appeal KHR-2026-000001 (received, on control): its applicant and topic.
    let first = a.ctx.store.appeal(1).unwrap();
    key(&mut a, KeyCode::F(2));
    typ(&mut a, &first.applicant.surname);
    key(&mut a, KeyCode::Tab);
    typ(&mut a, &first.applicant.name);
    a.screens.register.form.focus_on(RegField::Iin);
    typ(&mut a, &first.applicant.iin);
    a.screens.register.form.focus_on(RegField::Topic);
    // Type-ahead to the same topic by its Russian label's first letter, cycling.
    let label = a.ctx.office.profile.topic(&first.topic).unwrap().ru.clone();
    let c = label.chars().next().unwrap();
    for _ in 0..12 {
        if a.screens.register.form.choice(RegField::Topic) == first.topic {
            break;
        }
        key(&mut a, KeyCode::Char(c));
    }
    assert_eq!(a.screens.register.form.choice(RegField::Topic), first.topic);
    let s = render(&mut a, 80, 24);
    assert!(
        s.contains("Повторное обращение") && s.contains("KHR-2026-000001"),
        "{s}"
    );
    // Without the IIN, in capitals: found by the folded name, as a possible repeat.
    a.screens.register.form.set_text(RegField::Iin, "");
    a.screens
        .register
        .form
        .set_text(RegField::Surname, &first.applicant.surname.to_uppercase());
    a.screens.register.form.focus_on(RegField::Name);
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Backspace);
    let last = first.applicant.name.chars().last().unwrap().to_string();
    typ(&mut a, &last);
    let s = render(&mut a, 80, 24);
    assert!(
        s.contains("Возможно, повторное") && s.contains("KHR-2026-000001"),
        "{s}"
    );
    // Another name: no warning.
    typ(&mut a, "бек");
    let s = render(&mut a, 80, 24);
    assert!(!s.contains("повторное"), "{s}");
}

#[test]
fn reports_screen_in_both_languages() {
    for (lang, title, total) in [
        (Lang::Kk, "Есептер", "Барлық өтініштер: 18"),
        (Lang::Ru, "Отчеты", "Всего обращений: 18"),
    ] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::F(7));
        assert_eq!(a.screen, Screen::Reports);
        let s = render(&mut a, 120, 40);
        assert!(s.contains(title), "{s}");
        assert!(
            s.contains(total),
            "first quarter 2026 holds the 18 demo appeals (8 booked for reception days): {s}"
        );
        let s = render(&mut a, 80, 24);
        assert!(s.contains("01.01.2026"), "{s}");
        // Tab: the second page, by official, category and applicant kind.
        key(&mut a, KeyCode::Tab);
        let s = render(&mut a, 120, 40);
        assert!(s.contains("Бекет Асқар"), "by official: {s}");
        key(&mut a, KeyCode::Tab);
        // Written as HTML and XLSX, both languages in one document.
        a.ctx.docs_dir = _d.path().join("documents");
        key(&mut a, KeyCode::Char('x'));
        qabyldau::ui::task::settle(&mut a, std::time::Duration::from_secs(30));
        let html =
            std::fs::read_to_string(a.ctx.docs_dir.join("report-2026-01-01-2026-03-31.html"))
                .unwrap();
        assert!(html.contains("Жер қатынастары") && html.contains("Земельные отношения"));
        assert!(a
            .ctx
            .docs_dir
            .join("report-2026-01-01-2026-03-31.xlsx")
            .exists());
        assert!(a
            .ctx
            .docs_dir
            .join("report-2026-01-01-2026-03-31.pdf")
            .exists());
        // The previous quarter is empty.
        key(&mut a, KeyCode::Left);
        let s = render(&mut a, 80, 24);
        assert!(s.contains("01.10.2025") && s.contains(": 0"), "{s}");
    }
}

#[test]
fn import_from_the_desk_checks_first_then_imports() {
    let (dir, mut a) = app(Lang::Ru);
    let csv = dir.path().join("old.csv");
    std::fs::write(
        &csv,
        "registered_on;channel;surname;name;essence\n2025-11-03;paper;Ахметов;Бауыржан;Жол жөндеу\n2025-11-04;walk_in;Ким;Ольга;\n2025-11-05;paper;Ли;Анна;Ремонт крыши\n",
    )
    .unwrap();
    key(&mut a, KeyCode::F(8));
    key(&mut a, KeyCode::Char('i'));
    assert_eq!(a.screen, Screen::Import);
    typ(&mut a, csv.to_str().unwrap());
    key(&mut a, KeyCode::F(5));
    let s = render(&mut a, 100, 30);
    assert!(
        s.contains("строка 3: Суть вопроса: Обращение без сути вопроса")
            && s.contains("Будет импортировано: 2, отклонено: 1"),
        "{s}"
    );
    // Rows of 2025, before the proposed day (two months before the import): brought in closed.
    assert!(
        s.contains("Открытыми: 0; закрытыми (ответ дан, без срока): 2 (до 16.01.2026)"),
        "{s}"
    );
    assert_eq!(
        a.ctx.store.appeal_count().unwrap(),
        18,
        "the check writes nothing"
    );
    key(&mut a, KeyCode::Char('y'));
    qabyldau::ui::task::settle(&mut a, std::time::Duration::from_secs(30));
    assert_eq!(a.ctx.store.appeal_count().unwrap(), 20);
    assert!(a
        .ctx
        .status
        .as_ref()
        .unwrap()
        .0
        .contains("Импортировано: 2"));
    for id in [19, 20] {
        let ap = a.ctx.store.appeal(id).unwrap();
        assert_eq!(ap.status, "closed", "{ap:?}");
    }
    assert!(
        a.ctx
            .store
            .due_appeals(day(2030, 1, 1), 100)
            .unwrap()
            .iter()
            .all(|d| d.appeal_id < 19),
        "nothing due for the closed rows"
    );
    // The same file again: the preview says the rows were imported before.
    key(&mut a, KeyCode::F(5));
    let s = render(&mut a, 100, 30);
    assert!(s.contains("Будет импортировано: 0, отклонено: 1"), "{s}");
    assert!(
        s.contains("Пропускаются (уже есть или ИИН другого лица): 2"),
        "{s}"
    );
    assert!(
        s.contains("строка 2: уже импортирована как KHR-2025-000001, пропускается"),
        "{s}"
    );
    key(&mut a, KeyCode::Esc);
    assert!(a.popups.is_empty());
    assert_eq!(a.ctx.store.appeal_count().unwrap(), 20);
    // A "closed before" that is not a date: marked, nothing checked.
    key(&mut a, KeyCode::Tab);
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    typ(&mut a, "31.02.2026");
    key(&mut a, KeyCode::F(5));
    assert!(a.ctx.status.as_ref().unwrap().1, "an error");
    assert!(a.popups.is_empty());
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    key(&mut a, KeyCode::BackTab);
    // A file that is not there: the message stays next to the path.
    a.screens
        .import
        .form
        .set_text(ImportField::Path, "/nonexistent/file.csv");
    key(&mut a, KeyCode::F(5));
    assert!(a.ctx.status.as_ref().unwrap().1, "an error");
}

#[test]
fn an_import_preview_with_many_bad_rows_keeps_its_totals_at_80x24() {
    let (dir, mut a) = app(Lang::Kk);
    let csv = dir.path().join("many.csv");
    let mut text =
        String::from("Күні;Аты-жөні;Мәні;Түрі\n02.03.2026;Ахметов Бауыржан;Жол;ауызша\n");
    for i in 0..30 {
        text.push_str(&format!("02.03.2026;Ким{i};;ауызша\n"));
    }
    std::fs::write(&csv, text).unwrap();
    key(&mut a, KeyCode::F(8));
    key(&mut a, KeyCode::Char('i'));
    typ(&mut a, csv.to_str().unwrap());
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.popups.len(), 1);
    let s = render(&mut a, 80, 24);
    assert!(s.contains("3-жол: Тегі:"), "the first rows: {s}");
    assert!(s.contains("… +"), "the others counted: {s}");
    assert!(s.contains("Импортталады: 1, қабылданбады: 30"), "{s}");
    assert!(s.contains("Тексеру нәтижесі"), "{s}");
}

#[test]
fn a_journal_without_a_channel_column_is_imported_with_the_channel_chosen_on_screen() {
    for (lang, missing, read) in [
        (Lang::Ru, "нет столбца канала", "Не удается прочитать файл"),
        (Lang::Kk, "түсу жолы бағаны жоқ", "Файлды оқу мүмкін емес"),
    ] {
        let (dir, mut a) = app(lang);
        // The journal of the issue: no column for the channel.
        let csv = dir.path().join("journal.csv");
        std::fs::write(
            &csv,
            "№;Дата;ФИО заявителя;ИИН;Телефон;Суть вопроса;Тема;Населенный пункт\n\
             1;16.03.2026;Иванов Иван Иванович;;8 701 123 45 67;Межа участка;Земельные отношения;Хромтау\n",
        )
        .unwrap();
        key(&mut a, KeyCode::F(8));
        key(&mut a, KeyCode::Char('i'));
        // A file that is not there: said in the clerk's language.
        typ(&mut a, "/nonexistent/journal.csv");
        key(&mut a, KeyCode::F(5));
        let s = render(&mut a, 80, 24);
        assert!(s.contains(read), "{s}");
        for _ in 0.."/nonexistent/journal.csv".chars().count() {
            key(&mut a, KeyCode::Backspace);
        }
        typ(&mut a, csv.to_str().unwrap());
        key(&mut a, KeyCode::F(5));
        let s = render(&mut a, 80, 24);
        assert!(s.contains(missing), "{s}");
        assert!(a.popups.is_empty(), "nothing to import yet");
        // The channel for every row, then the check goes through.
        a.screens
            .import
            .form
            .set_choice(ImportField::Channel, "walk_in");
        key(&mut a, KeyCode::F(5));
        assert!(
            matches!(a.popups.last(), Some(Popup::ImportPreview { .. })),
            "{:?}",
            a.ctx.status
        );
        key(&mut a, KeyCode::Char('y'));
        qabyldau::ui::task::settle(&mut a, std::time::Duration::from_secs(30));
        let id = a.ctx.store.recent_appeals(1).unwrap()[0].id;
        let appeal = a.ctx.store.appeal(id).unwrap();
        assert_eq!(appeal.applicant.surname, "Иванов");
        assert_eq!(appeal.channel, qabyldau::domain::Channel::WalkIn);
    }
}

#[test]
fn the_import_preview_says_which_open_rows_the_journal_answers() {
    let (dir, mut a) = app(Lang::Ru);
    let csv = dir.path().join("answered.csv");
    std::fs::write(
        &csv,
        "Дата;ФИО;Суть;Форма;Дата ответа;Результат\n\
         02.03.2026;Ахметов Бауыржан;Жол;устно;10.03.2026;Разъяснено\n\
         16.03.2026;Ли Анна;Свет;устно;;\n",
    )
    .unwrap();
    key(&mut a, KeyCode::F(8));
    key(&mut a, KeyCode::Char('i'));
    typ(&mut a, csv.to_str().unwrap());
    // "Closed before" cleared: every row open, the answered one pointed out.
    key(&mut a, KeyCode::Tab);
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    key(&mut a, KeyCode::F(5));
    let s = render(&mut a, 80, 24);
    assert!(s.contains("Будет импортировано: 2, отклонено: 0"), "{s}");
    assert!(s.contains("С ответом в журнале, но открытыми"), "{s}");
    assert!(
        !s.contains("Открытыми:"),
        "no day, no open/closed split: {s}"
    );
    key(&mut a, KeyCode::Char('y'));
    qabyldau::ui::task::settle(&mut a, std::time::Duration::from_secs(30));
    let ids = [19, 20];
    for id in ids {
        assert_eq!(a.ctx.store.appeal(id).unwrap().status, "registered");
    }
}

fn as_role(a: &mut App, login: &str) {
    a.ctx.session.operator = a.ctx.store.operator_by_login(login).unwrap().unwrap();
}

#[test]
fn roles_limit_what_an_operator_may_do_and_see() {
    let (_d, mut a) = app(Lang::Ru);
    as_role(&mut a, "viewer");
    key(&mut a, KeyCode::F(2));
    assert_eq!(a.screen, Screen::Today, "a viewer cannot register");
    assert!(a.ctx.status.as_ref().unwrap().0.contains("не разрешено"));
    key(&mut a, KeyCode::Char('n'));
    assert!(
        a.screens
            .today
            .entries
            .iter()
            .all(|e| e.status != QueueStatus::Called),
        "nor call"
    );
    // A viewer opens a card with the IIN and phone masked; nothing is logged as viewed.
    key(&mut a, KeyCode::F(4));
    typ(&mut a, "KHR-2026-000001");
    key(&mut a, KeyCode::Enter);
    let iin = &a.screens.card.card.as_ref().unwrap().appeal.applicant.iin;
    assert!(iin.contains('*'), "{iin}");
    // A clerk sees it whole, and the view is in the audit trail.
    as_role(&mut a, "clerk");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Enter);
    assert!(!a
        .screens
        .card
        .card
        .as_ref()
        .unwrap()
        .appeal
        .applicant
        .iin
        .contains('*'));
    let views = a
        .ctx
        .store
        .audit_of("appeal", a.screens.card.card.as_ref().unwrap().appeal.id)
        .unwrap();
    assert!(views
        .iter()
        .any(|r| r.action == "view" && r.actor == "op:clerk"));
    // A clerk may not manage officials; the control officer may not register.
    key(&mut a, KeyCode::F(8));
    assert_ne!(a.screen, Screen::Officials);
    as_role(&mut a, "control");
    key(&mut a, KeyCode::F(2));
    assert_ne!(a.screen, Screen::Register);
    key(&mut a, KeyCode::F(6));
    assert_eq!(a.screen, Screen::Control);
}

#[test]
fn login_lock_out_and_idle_lock() {
    let (_d, mut a) = app(Lang::Kk);
    a.require_login();
    assert_eq!(a.screen, Screen::Login);
    // Nothing but the login works on the lock screen.
    key(&mut a, KeyCode::F(2));
    assert_eq!(a.screen, Screen::Login);
    let s = render(&mut a, 80, 24);
    assert!(
        s.contains("Кіру") && !s.contains("Жұмабаева"),
        "the queue is hidden: {s}"
    );
    a.screens.login.form.set_text(OperatorField::Login, "clerk");
    a.screens.login.form.focus_on(OperatorField::Password);
    typ(&mut a, "wrong-password");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Login);
    assert!(a.ctx.status.as_ref().unwrap().0.contains("қате"));
    let s = render(&mut a, 80, 24);
    assert!(!s.contains("wrong-password"), "the password is not shown");
    typ(&mut a, qabyldau::demo::DEMO_PASSWORDS[1].1);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Today);
    assert_eq!(a.ctx.session.operator.login, "clerk");
    // Idle for longer than the administrator's setting: the screen locks.
    a.ctx
        .store
        .set_setting(
            &qabyldau::store::Actor::system(),
            now(),
            "idle_lock_minutes",
            "1",
        )
        .unwrap();
    a.tick();
    assert_eq!(a.screen, Screen::Today);
    a.set_last_input(std::time::Instant::now() - std::time::Duration::from_secs(61));
    a.tick();
    assert_eq!(a.screen, Screen::Login);
    assert_eq!(a.screens.login.form.text(OperatorField::Login), "clerk");
}

/// Logs in on the login screen as one of the demo operators.
fn log_in_as(a: &mut App, who: usize) {
    let (login, password) = qabyldau::demo::DEMO_PASSWORDS[who];
    a.screens.login.form.set_text(OperatorField::Login, login);
    a.screens.login.form.focus_on(OperatorField::Password);
    typ(a, password);
    key(a, KeyCode::Enter);
}

#[test]
fn after_the_idle_lock_another_operator_starts_afresh() {
    let (_d, mut a) = app(Lang::Ru);
    a.require_login();
    log_in_as(&mut a, 1);
    assert_eq!(a.ctx.session.operator.login, "clerk");
    // The clerk starts a registration and walks away.
    key(&mut a, KeyCode::F(2));
    assert_eq!(a.screen, Screen::Register);
    typ(&mut a, "Жұмабекова");
    a.require_login();
    // The same clerk comes back to the form as it was.
    log_in_as(&mut a, 1);
    assert_eq!(a.screen, Screen::Register);
    assert_eq!(
        a.screens.register.form.text(RegField::Surname),
        "Жұмабекова"
    );
    // Another operator at the desk: the first screen, the clerk's input gone.
    a.require_login();
    log_in_as(&mut a, 2);
    assert_eq!(a.ctx.session.operator.login, "control");
    assert_eq!(a.screen, Screen::Today);
    assert_eq!(a.screens.register.form.text(RegField::Surname), "");
    assert!(!a.screens.any_unsaved());
}

#[test]
fn first_run_creates_the_administrator() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let mut a = desk_as(store, "", qabyldau::domain::Role::Viewer);
    a.require_first_admin();
    typ(&mut a, "Сейітова Гүлмира");
    a.screens
        .login
        .form
        .set_text(OperatorField::Login, "gulmira");
    a.screens
        .login
        .form
        .set_text(OperatorField::Password, "short");
    a.screens
        .login
        .form
        .set_text(OperatorField::Password2, "short");
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, Screen::Login);
    let s = render(&mut a, 80, 24);
    assert!(s.contains("не короче 8"), "{s}");
    a.screens
        .login
        .form
        .set_text(OperatorField::Password, "длинный-пароль-1");
    a.screens
        .login
        .form
        .set_text(OperatorField::Password2, "длинный-пароль-1");
    key(&mut a, KeyCode::F(5));
    // The one-time recovery code first (tests/screens/safety3_desk.rs), then the desk.
    assert!(matches!(a.popups.last(), Some(Popup::RecoveryCode(_))));
    key(&mut a, KeyCode::Char('y'));
    assert_eq!(a.screen, Screen::Today);
    assert_eq!(a.ctx.session.operator.role, qabyldau::domain::Role::Admin);
    assert!(qabyldau::auth::login(&mut a.ctx.store, "gulmira", "длинный-пароль-1", now()).is_ok());
}

#[test]
fn satisfaction_survey_from_the_reports_screen() {
    for (lang, title) in [(Lang::Kk, "Сауалнама"), (Lang::Ru, "Опрос")] {
        let (d, mut a) = app(lang);
        key(&mut a, KeyCode::F(7));
        key(&mut a, KeyCode::Char('v'));
        assert_eq!(a.screen, Screen::Survey);
        let s = render(&mut a, 80, 24);
        assert!(s.contains(title), "{s}");
        // Draw 100% of the eligible applicants of the quarter (consultations).
        key(&mut a, KeyCode::Char('d'));
        a.screens
            .survey_form
            .form
            .set_text(SurveyField::Size, "abc");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::SurveyForm, "a bad size is refused");
        a.screens
            .survey_form
            .form
            .set_text(SurveyField::Size, "100%");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::Survey);
        let n = a.screens.survey.calls.len();
        assert!(n >= 1, "consultations of the demo quarter are eligible");
        // Record a call: reached, score 4.
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.screen, Screen::SurveyForm);
        a.screens
            .survey_form
            .form
            .set_choice(SurveyField::Score, "4");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::Survey);
        let r = a.screens.survey.calls[0].result.clone().unwrap();
        assert!(r.reached && r.score == Some(4));
        // The call list for the caller: HTML, PDF and XLSX, the printing logged.
        a.ctx.docs_dir = d.path().join("documents");
        key(&mut a, KeyCode::Char('p'));
        let s = a.screens.survey.survey.clone().unwrap();
        let base = format!("survey-calls-{}-{}", s.period_from, s.period_to);
        let html = std::fs::read_to_string(a.ctx.docs_dir.join(format!("{base}.html"))).unwrap();
        assert!(html.contains("Опрос удовлетворенности") && html.contains("Қоңыраулар"));
        assert!(html.contains(&a.screens.survey.calls[0].phone));
        assert!(a.ctx.docs_dir.join(format!("{base}.pdf")).exists());
        assert!(a.ctx.docs_dir.join(format!("{base}.xlsx")).exists());
        let printed = a.ctx.store.audit_recent(5).unwrap();
        assert!(
            printed
                .iter()
                .any(|e| e.action == "print" && e.entity == "survey"),
            "{printed:?}"
        );
        // A score without reaching the applicant is refused.
        key(&mut a, KeyCode::Enter);
        a.screens
            .survey_form
            .form
            .set_check(SurveyField::Reached, false);
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::SurveyForm);
    }
}

#[test]
fn field_messages_follow_a_language_switch() {
    let (_d, mut a) = app(Lang::Kk);
    key(&mut a, KeyCode::F(2));
    a.screens.register.form.focus_on(RegField::Iin);
    typ(&mut a, "123");
    key(&mut a, KeyCode::Tab);
    let s = render(&mut a, 100, 30);
    assert!(s.contains("12 цифр болуы керек"), "{s}");
    key(&mut a, KeyCode::F(9));
    let s = render(&mut a, 100, 30);
    assert!(
        s.contains("Должно быть 12 цифр") && !s.contains("болуы керек"),
        "{s}"
    );
    assert_eq!(
        a.screens.register.form.text(RegField::Iin),
        "123",
        "input kept"
    );
}

#[test]
fn appeals_list_reads_the_next_page_when_scrolled_to_its_end() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let opt = qabyldau::store::SynthOptions::new(150, day(2026, 3, 16));
    store.synthesize(&opt, &mut |_, _| {}).unwrap();
    let mut a = desk_as(store, "clerk", qabyldau::domain::Role::Clerk);
    key(&mut a, KeyCode::F(4));
    let page = qabyldau::ui::screens::appeals::PAGE;
    assert_eq!(a.screens.appeals.rows.len(), page);
    assert!(render(&mut a, 120, 40).contains(&format!("Обращения ({page}+)")));
    // Down past the last row read: the next page is read and the move goes on.
    for _ in 0..page {
        key(&mut a, KeyCode::Down);
    }
    assert_eq!(a.screens.appeals.state.selected(), Some(page));
    assert_eq!(a.screens.appeals.rows.len(), 2 * page);
    let ids: Vec<i64> = a.screens.appeals.rows.iter().map(|r| r.id).collect();
    assert!(
        ids.windows(2).all(|w| w[0] > w[1]),
        "no repeats, newest first"
    );
    // Pages of ten rows to the end: every appeal once, no "+" any more.
    for _ in 0..20 {
        key(&mut a, KeyCode::PageDown);
    }
    assert_eq!(a.screens.appeals.rows.len(), 150);
    assert_eq!(a.screens.appeals.state.selected(), Some(149));
    assert!(render(&mut a, 120, 40).contains("Обращения (150)"));
    // A new query starts from its first page again.
    typ(&mut a, "1");
    assert!(a.screens.appeals.rows.len() <= page);
    assert_eq!(a.screens.appeals.state.selected(), Some(0));
}

#[test]
fn the_administrator_manages_operators_from_the_desk() {
    let (_d, mut a) = app(Lang::Ru);
    as_role(&mut a, "admin");
    key(&mut a, KeyCode::F(8));
    typ(&mut a, "o");
    assert_eq!(a.screen, Screen::Operators);
    let s = render(&mut a, 100, 30);
    assert!(
        s.contains("Операторы") && s.contains("clerk") && s.contains("администратор"),
        "{s}"
    );
    // A new clerk: the password twice, not too short.
    typ(&mut a, "a");
    assert_eq!(a.screen, Screen::OperatorForm);
    typ(&mut a, "Нұрланова Айгерим");
    a.screens
        .operator_form
        .form
        .set_text(OperatorField::Login, "aigerim");
    a.screens
        .operator_form
        .form
        .set_text(OperatorField::Password, "short");
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, Screen::OperatorForm);
    assert!(render(&mut a, 100, 30).contains("не короче 8"));
    a.screens
        .operator_form
        .form
        .set_text(OperatorField::Password, "Aigerim-2026");
    a.screens
        .operator_form
        .form
        .set_text(OperatorField::Password2, "Aigerim-2026");
    key(&mut a, KeyCode::F(5));
    let s = render(&mut a, 100, 30);
    assert_eq!(a.screen, Screen::Operators, "{s}");
    let s = render(&mut a, 100, 30);
    assert!(
        s.contains("aigerim") && s.contains("специалист приемной"),
        "{s}"
    );
    let now = a.now();
    let op = qabyldau::auth::login(&mut a.ctx.store, "aigerim", "Aigerim-2026", now).unwrap();
    assert_eq!(op.role, qabyldau::domain::Role::Clerk);
    // The same login again is refused next to the field.
    typ(&mut a, "a");
    typ(&mut a, "Другой");
    a.screens
        .operator_form
        .form
        .set_text(OperatorField::Login, "aigerim");
    a.screens
        .operator_form
        .form
        .set_text(OperatorField::Password, "Another-2026");
    a.screens
        .operator_form
        .form
        .set_text(OperatorField::Password2, "Another-2026");
    key(&mut a, KeyCode::F(5));
    assert!(render(&mut a, 100, 30).contains("Такой логин уже есть"));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('y'));
    assert_eq!(a.screen, Screen::Operators);
    let select = |a: &mut App, login: &str| {
        let i = a
            .screens
            .operators
            .list
            .iter()
            .position(|x| x.operator.login == login)
            .unwrap();
        a.screens.operators.state.select(Some(i));
    };
    // The only admin can neither be switched off nor lose the role.
    select(&mut a, "admin");
    typ(&mut a, "x");
    assert!(render(&mut a, 100, 30).contains("Свою учетную запись"));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::OperatorForm);
    a.screens
        .operator_form
        .form
        .set_choice(OperatorField::Role, "viewer");
    key(&mut a, KeyCode::F(5));
    assert!(render(&mut a, 100, 30).contains("Последнего активного администратора"));
    assert_eq!(
        a.ctx
            .store
            .operator_by_login("admin")
            .unwrap()
            .unwrap()
            .role,
        qabyldau::domain::Role::Admin
    );
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('y'));
    // Edit the clerk: a new password (the old one stops working), the role.
    select(&mut a, "aigerim");
    key(&mut a, KeyCode::Enter);
    assert!(render(&mut a, 100, 30)
        .contains("Оператор (пароль оставьте пустым, чтобы не менять): aigerim"));
    a.screens
        .operator_form
        .form
        .set_choice(OperatorField::Role, "control");
    a.screens
        .operator_form
        .form
        .set_text(OperatorField::Password, "Fresh-pass-77");
    a.screens
        .operator_form
        .form
        .set_text(OperatorField::Password2, "Fresh-pass-77");
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, Screen::Operators);
    assert!(qabyldau::auth::login(&mut a.ctx.store, "aigerim", "Aigerim-2026", now).is_err());
    let op = qabyldau::auth::login(&mut a.ctx.store, "aigerim", "Fresh-pass-77", now).unwrap();
    assert_eq!(op.role, qabyldau::domain::Role::Control);
    // Switched off after a confirmation: no login; switched on again: login.
    select(&mut a, "aigerim");
    typ(&mut a, "x");
    key(&mut a, KeyCode::Char('y'));
    assert!(render(&mut a, 100, 30).contains("отключен"));
    assert!(qabyldau::auth::login(&mut a.ctx.store, "aigerim", "Fresh-pass-77", now).is_err());
    select(&mut a, "aigerim");
    typ(&mut a, "x");
    assert!(qabyldau::auth::login(&mut a.ctx.store, "aigerim", "Fresh-pass-77", now).is_ok());
    // Other roles may not open the screen.
    as_role(&mut a, "clerk");
    a.update(qabyldau::ui::action::Action::Go(Screen::Today));
    a.update(qabyldau::ui::action::Action::Go(Screen::Operators));
    assert_eq!(a.screen, Screen::Today);
    assert!(render(&mut a, 100, 30).contains("Вашей роли это действие не разрешено"));
}

#[test]
fn control_screen_extends_returns_for_rework_and_shows_rounds() {
    for lang in [Lang::Kk, Lang::Ru] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::F(6));
        let id = a.screens.control.rows[0].instruction.id;
        let old_due = a.screens.control.rows[0].instruction.due_on;
        // Extend: a reason is required, and a bad date is said next to its field.
        key(&mut a, KeyCode::Char('x'));
        assert_eq!(a.screen, Screen::ControlForm);
        a.screens
            .control_form
            .form
            .set_text(ControlField::NewDue, "31.02.2026");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::ControlForm, "bad date refused");
        a.screens
            .control_form
            .form
            .set_text(ControlField::NewDue, "10.04.2026");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::ControlForm, "reason missing refused");
        a.screens
            .control_form
            .form
            .set_text(ControlField::Reason, "Запрос в ЦОН / ХҚКО сұрау");
        key(&mut a, KeyCode::F(5));
        let shown = a.screen;
        assert_eq!(shown, Screen::Control, "{}", render(&mut a, 80, 24));
        let row = a
            .screens
            .control
            .rows
            .iter()
            .find(|r| r.instruction.id == id)
            .unwrap();
        assert_eq!(row.instruction.due_on, day(2026, 4, 10));
        assert_ne!(old_due, day(2026, 4, 10));
        // Rework is only for answered instructions: refused on the control list.
        let pos = a
            .screens
            .control
            .rows
            .iter()
            .position(|r| r.instruction.id == id)
            .unwrap();
        a.screens.control.state.select(Some(pos));
        key(&mut a, KeyCode::Char('r'));
        assert_eq!(a.screen, Screen::Control);
        // Answer it, then return the answer for rework from the answered list.
        key(&mut a, KeyCode::Enter);
        typ(&mut a, "Ответ дан / Жауап берілді");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::Control);
        key(&mut a, KeyCode::Char('a'));
        assert!(a.screens.control.answered);
        let pos = a
            .screens
            .control
            .rows
            .iter()
            .position(|r| r.instruction.id == id)
            .expect("answered instruction listed");
        a.screens.control.state.select(Some(pos));
        key(&mut a, KeyCode::Char('r'));
        assert_eq!(a.screen, Screen::ControlForm);
        let s = render(&mut a, 80, 24);
        let (extended, returned) = match lang {
            Lang::Kk => ("мерзімі ұзартылды", "пысықтауға қайтарылды"),
            Lang::Ru => ("срок продлен", "возвращено на доработку"),
        };
        assert!(s.contains(extended), "{s}");
        assert!(s.contains("10.04.2026"), "{s}");
        a.screens
            .control_form
            .form
            .set_text(ControlField::Reason, "Ответ неполный / Жауап толық емес");
        a.screens
            .control_form
            .form
            .set_text(ControlField::NewDue, "20.04.2026");
        key(&mut a, KeyCode::F(5));
        assert_eq!(a.screen, Screen::Control);
        assert!(!a
            .screens
            .control
            .rows
            .iter()
            .any(|r| r.instruction.id == id));
        // Back on the control list with the new due date; its form shows both rounds.
        key(&mut a, KeyCode::Char('a'));
        assert!(!a.screens.control.answered);
        let pos = a
            .screens
            .control
            .rows
            .iter()
            .position(|r| r.instruction.id == id)
            .expect("back on control");
        assert_eq!(
            a.screens.control.rows[pos].instruction.due_on,
            day(2026, 4, 20)
        );
        a.screens.control.state.select(Some(pos));
        key(&mut a, KeyCode::Char('x'));
        let s = render(&mut a, 80, 24);
        assert!(s.contains(returned), "{s}");
        assert_eq!(a.screens.control_form.rounds.len(), 2);
    }
}

#[test]
fn today_shows_appeals_to_redirect_and_without_national_number() {
    for (lang, redirect, national) in [
        (
            Lang::Kk,
            "Құзыреті бойынша жолдау керек: 1",
            "Ұлттық тізілім нөмірі жоқ:",
        ),
        (
            Lang::Ru,
            "Направить по компетенции: 1",
            "Нет номера в нац. реестре:",
        ),
    ] {
        let (_d, mut a) = app(lang);
        let s = render(&mut a, 100, 30);
        assert!(!s.contains(redirect), "{s}");
        assert!(s.contains(national), "{s}");
        let target = (1..=18)
            .filter_map(|id| a.ctx.store.appeal(id).ok())
            .find(|ap| ap.status == "registered")
            .expect("a registered demo appeal");
        let actor = a.ctx.actor();
        qabyldau::services::lifecycle::step(
            &mut a.ctx.store,
            &a.ctx.office,
            &actor,
            now(),
            target.id,
            target.version,
            &qabyldau::domain::lifecycle::Transition::ScreenOut {
                ground: "outside_competence".into(),
                hearing_sent_on: now().date(),
            },
        )
        .unwrap();
        a.refresh_today().unwrap();
        let s = render(&mut a, 100, 30);
        assert!(s.contains(redirect), "{s}");
        assert!(s.contains(&target.reg_no), "{s}");
    }
}

#[test]
fn import_maps_two_unknown_topic_spellings_on_the_screen_then_imports() {
    use qabyldau::journal::mapping::{Decision, ValueField};
    let (dir, mut a) = app(Lang::Ru);
    let csv = dir.path().join("journal.csv");
    std::fs::write(
        &csv,
        "№;Күні;Аты-жөні;Мәні;Тақырып;Түрі\n\
         1;16.03.2026;Нұрланова Әйгерім Серікқызы;Жәрдемақы;Әлеуметтік көмек;ауызша\n\
         2;16.03.2026;Иванов Пётр;Газ жүргізу;Газификация;ауызша\n\
         3;16.03.2026;Омаров Асқар;Жәрдемақы;әлеуметтік КӨМЕК;ауызша\n",
    )
    .unwrap();
    key(&mut a, KeyCode::F(8));
    key(&mut a, KeyCode::Char('i'));
    assert_eq!(a.screen, Screen::Import);
    typ(&mut a, csv.to_str().unwrap());
    key(&mut a, KeyCode::F(5));
    // One screen: the columns used and each unmatched value once with its count.
    let s = render(&mut a, 100, 30);
    assert!(s.contains("Несопоставленные значения"), "{s}");
    assert!(s.contains("Какой столбец"), "{s}");
    let map = &a.screens.import.map;
    assert_eq!(map.len(), 2, "{map:?}");
    let social = map
        .iter()
        .position(|r| r.value == "Әлеуметтік көмек")
        .unwrap();
    assert_eq!(map[social].count, 2);
    assert!(map.iter().all(|r| r.field == ValueField::Topic));
    assert_eq!(
        a.ctx.store.appeal_count().unwrap(),
        18,
        "nothing written yet"
    );
    // F5 with values undecided: refused, nothing imported.
    key(&mut a, KeyCode::F(5));
    assert!(a.ctx.status.as_ref().unwrap().1, "asks to decide first");
    assert!(a.popups.is_empty());
    // Map the social-help spelling to an existing topic, add the other as a new one.
    let gas = 1 - social;
    let first_topic = a.ctx.office.profile.topics[0].code.clone();
    a.screens.import.state.select(Some(social));
    for _ in 0..3 {
        key(&mut a, KeyCode::Right);
    }
    assert_eq!(
        *a.screens.import.map[social].decision(),
        Decision::To(first_topic.clone())
    );
    a.screens.import.state.select(Some(gas));
    key(&mut a, KeyCode::Right);
    key(&mut a, KeyCode::Right);
    assert!(matches!(
        a.screens.import.map[gas].decision(),
        Decision::Add { .. }
    ));
    let s = render(&mut a, 100, 30);
    assert!(s.contains("добавить как новую тему"), "{s}");
    // A letter jumps to the next choice beginning with it (Kazakh letters typed
    // with Russian ones too); the path is not touched.
    let path_before = a.screens.import.form.text(ImportField::Path);
    typ(&mut a, "з");
    assert_eq!(
        *a.screens.import.map[gas].decision(),
        Decision::To("land".into()),
        "Земельные отношения"
    );
    typ(&mut a, "д");
    assert_eq!(
        *a.screens.import.map[gas].decision(),
        Decision::To("roads".into()),
        "the next beginning with Д after it: Дороги и транспорт"
    );
    typ(&mut a, "д");
    assert!(
        matches!(a.screens.import.map[gas].decision(), Decision::Add { .. }),
        "round again: добавить как новую тему"
    );
    assert_eq!(a.screens.import.form.text(ImportField::Path), path_before);
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.popups.len(), 1, "the preview");
    let s = render(&mut a, 100, 30);
    assert!(s.contains("Будет импортировано: 3, отклонено: 0"), "{s}");
    // Dated the import day: all open.
    assert!(s.contains("Открытыми: 3;"), "{s}");
    key(&mut a, KeyCode::Char('y'));
    qabyldau::ui::task::settle(&mut a, std::time::Duration::from_secs(30));
    assert_eq!(a.ctx.store.appeal_count().unwrap(), 21);
    let topics: Vec<String> = (19..=21)
        .map(|id| a.ctx.store.appeal(id).unwrap().topic)
        .collect();
    assert_eq!(topics[0], first_topic);
    assert_eq!(topics[2], first_topic);
    assert_ne!(topics[1], first_topic);
    let mut profile = a.ctx.office.profile.clone();
    a.ctx.store.extend_profile(&mut profile).unwrap();
    let added = profile.topic(&topics[1]).expect("the new topic is listed");
    assert_eq!(added.ru, "Газификация");
}

#[test]
fn reports_print_the_journal_of_oral_appeals_of_the_period() {
    let (d, mut a) = app(Lang::Kk);
    key(&mut a, KeyCode::F(7));
    a.ctx.docs_dir = d.path().join("documents");
    key(&mut a, KeyCode::Char('j'));
    qabyldau::ui::task::settle(&mut a, std::time::Duration::from_secs(30));
    let base = a.ctx.docs_dir.join("oral-journal-2026-01-01-2026-03-31");
    let html = std::fs::read_to_string(base.with_extension("html")).unwrap();
    let oral = a
        .ctx
        .store
        .oral_journal(day(2026, 1, 1), day(2026, 3, 31))
        .unwrap();
    assert!(!oral.is_empty(), "the demo has walk-in appeals");
    assert!(oral.iter().all(|r| html.contains(&r.reg_no)), "{html}");
    assert!(base.with_extension("pdf").exists());
    assert!(base.with_extension("xlsx").exists());
    // The Cyrillic key does the same for the previous (empty) quarter.
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Char('о'));
    qabyldau::ui::task::settle(&mut a, std::time::Duration::from_secs(30));
    assert!(a
        .ctx
        .docs_dir
        .join("oral-journal-2025-10-01-2025-12-31.html")
        .exists());
}

#[test]
fn registration_records_citizenship_interpreter_identity_and_signatories() {
    let (_d, mut a) = app(Lang::Kk);
    key(&mut a, KeyCode::F(2));
    typ(&mut a, "Ли");
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "Анна");
    a.screens.register.form.focus_on(RegField::Essence);
    typ(&mut a, "Көше жарығы / Освещение улицы");
    // A bad number of signatories is said next to its field; nothing is lost.
    a.screens.register.form.focus_on(RegField::Citizenship);
    typ(&mut a, "Қазақстан");
    a.screens
        .register
        .form
        .focus_on(RegField::InterpreterLanguage);
    typ(&mut a, "корей тілі");
    a.screens.register.form.focus_on(RegField::IdentityShown);
    key(&mut a, KeyCode::Char(' '));
    a.screens.register.form.set_text(RegField::Signatories, "0");
    key(&mut a, KeyCode::F(5));
    assert!(a.popups.is_empty(), "refused");
    assert_eq!(a.ctx.store.appeal_count().unwrap(), 18);
    let s = render(&mut a, 80, 24);
    assert!(s.contains("1-ден бастап"), "{s}");
    assert_eq!(
        a.screens.register.form.text(RegField::Citizenship),
        "Қазақстан"
    );
    a.screens
        .register
        .form
        .set_text(RegField::Signatories, "12");
    key(&mut a, KeyCode::F(5));
    assert!(matches!(a.popups.last(), Some(Popup::Talon { .. })));
    let d = a.ctx.store.appeal_details(19).unwrap();
    assert_eq!(d.citizenship, "Қазақстан");
    assert_eq!(d.interpreter_language, "корей тілі");
    assert!(d.identity_shown);
    assert_eq!(d.signatories, 12);
    // Editing the appeal shows them, and a change is stored.
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::F(4));
    typ(&mut a, "KHR-2026-000019");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Card);
    key(&mut a, KeyCode::Char('e'));
    assert_eq!(a.screen, Screen::Register);
    assert_eq!(a.screens.register.form.text(RegField::Signatories), "12");
    a.screens.register.form.set_text(RegField::Signatories, "3");
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.ctx.store.appeal_details(19).unwrap().signatories, 3);
}

#[test]
fn a_paper_appeal_without_essence_is_not_considered_and_its_letter_printed_from_the_card() {
    use qabyldau::ui::screens::letter::LetterField;
    let (d, mut a) = app(Lang::Ru);
    a.ctx.docs_dir = d.path().join("documents");
    key(&mut a, KeyCode::F(2));
    a.screens
        .register
        .form
        .set_choice(RegField::Channel, "paper");
    a.screens.register.form.focus_on(RegField::Surname);
    typ(&mut a, "Ли");
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "Анна");
    a.screens
        .register
        .form
        .set_check(RegField::ReceiveToday, false);
    key(&mut a, KeyCode::F(5));
    assert!(
        matches!(a.popups.last(), Some(Popup::Talon { .. })),
        "{:?}",
        a.ctx.status
    );
    assert!(
        a.ctx
            .status
            .as_ref()
            .unwrap()
            .0
            .contains("не рассматривается"),
        "{:?}",
        a.ctx.status
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.ctx.store.appeal(19).unwrap().status, "not_considered");
    // The card: l opens the letter form; a letter with no step for it is refused.
    key(&mut a, KeyCode::F(4));
    typ(&mut a, "KHR-2026-000019");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('l'));
    assert_eq!(a.screen, Screen::LetterForm);
    a.screens
        .letter
        .form
        .set_choice(LetterField::Kind, "redirect");
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, Screen::LetterForm, "no redirect step");
    assert!(a.ctx.status.as_ref().unwrap().1);
    // The notice of "not considered", with its outgoing number and date.
    a.screens
        .letter
        .form
        .set_choice(LetterField::Kind, "not_considered");
    a.screens
        .letter
        .form
        .set_text(LetterField::OutNo, "01-12/345");
    a.screens
        .letter
        .form
        .set_text(LetterField::OutDate, "17.03.2026");
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, Screen::Card, "{:?}", a.ctx.status);
    let base = a
        .ctx
        .docs_dir
        .join("letter-not_considered-KHR-2026-000019-ru");
    let html = std::fs::read_to_string(base.with_extension("html")).unwrap();
    assert!(html.contains("KHR-2026-000019"), "{html}");
    assert!(base.with_extension("pdf").exists());
    let steps = a.ctx.store.step_records(19).unwrap();
    assert!(steps
        .iter()
        .any(|s| s.out_no.as_deref() == Some("01-12/345") && s.out_date == Some(day(2026, 3, 17))));
}

#[test]
fn control_reassigns_to_an_entry_of_the_office_list() {
    let (_d, mut a) = app(Lang::Ru);
    let staff = a.ctx.store.staff(false).unwrap();
    assert!(
        !staff.is_empty(),
        "the demo has a list of employees and units"
    );
    key(&mut a, KeyCode::F(6));
    let row = a.screens.control.rows[1].clone();
    a.screens.control.state.select(Some(1));
    key(&mut a, KeyCode::Char('e'));
    assert_eq!(a.screen, Screen::ControlForm);
    // Neither chosen nor typed: said next to the field.
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, Screen::ControlForm);
    // Right on the list field: the next entries of the office's list.
    let mut done = false;
    for _ in 0..staff.len() {
        key(&mut a, KeyCode::Right);
        let pick = a
            .screens
            .control_form
            .form
            .choice(ControlField::ExecutorPick);
        let name = &staff
            .iter()
            .find(|s| s.id.to_string() == pick)
            .unwrap()
            .name;
        if !qabyldau::domain::fold::fold(name)
            .contains(&qabyldau::domain::fold::fold(&row.instruction.executor))
        {
            key(&mut a, KeyCode::F(5));
            if a.screen == Screen::Control {
                let now = a
                    .screens
                    .control
                    .rows
                    .iter()
                    .find(|r| r.instruction.id == row.instruction.id)
                    .unwrap();
                assert_eq!(&now.instruction.executor, name);
                done = true;
                break;
            }
            key(&mut a, KeyCode::Up);
        }
    }
    assert!(done, "some entry of the list could take the instruction");
}

#[test]
fn redirect_step_shows_its_deadline_and_records_where_and_when() {
    use qabyldau::domain::lifecycle::Step;
    use qabyldau::ui::screens::step::StepField;
    let (_d, mut a) = app(Lang::Ru);
    let target = (1..=18)
        .filter_map(|id| a.ctx.store.appeal(id).ok())
        .find(|ap| ap.status == "registered")
        .expect("a registered demo appeal");
    let actor = a.ctx.actor();
    qabyldau::services::lifecycle::step(
        &mut a.ctx.store,
        &a.ctx.office,
        &actor,
        now(),
        target.id,
        target.version,
        &qabyldau::domain::lifecycle::Transition::ScreenOut {
            ground: "outside_competence".into(),
            hearing_sent_on: now().date(),
        },
    )
    .unwrap();
    key(&mut a, KeyCode::F(4));
    typ(&mut a, &target.reg_no);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Card);
    // The step menu offers the redirect (the office's regulation decides the steps).
    key(&mut a, KeyCode::Char('s'));
    match a.popups.last() {
        Some(Popup::Steps { steps, .. }) => assert!(steps.contains(&Step::Redirect), "{steps:?}"),
        other => panic!("{other:?}"),
    }
    key(&mut a, KeyCode::Esc);
    a.update(qabyldau::ui::action::Action::ChooseStep(Step::Redirect));
    assert_eq!(a.screen, Screen::Step);
    let due = qabyldau::domain::deadlines::due(
        &a.ctx.office.profile,
        "redirect_competence",
        target.registered_on,
        &a.ctx.office.calendar,
    )
    .unwrap();
    let s = render(&mut a, 80, 24);
    assert!(
        s.contains(&format!(
            "направить до: {}",
            qabyldau::domain::dates::format_date(due)
        )),
        "{s}"
    );
    a.screens
        .step
        .form
        .set_text(StepField::To, "Управление земельных отношений области");
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, Screen::Card, "{:?}", a.ctx.status);
    let steps = a.ctx.store.step_records(target.id).unwrap();
    let last = steps.last().unwrap();
    assert_eq!(last.to_status, "closed", "redirected: done here");
    assert!(last.data.contains("Управление земельных отношений области"));
    assert!(last.data.contains("2026-03-16"), "{}", last.data);
}
