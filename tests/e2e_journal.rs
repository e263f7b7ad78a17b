//! End to end (issue 16): an office's own journal brought in at the desk, driven
//! in a real terminal (tmux) at 80x24 as a clerk would: a Russian CSV journal
//! with a title row, full names in one column, dates as DD.MM.YYYY, two topics
//! spelled unlike the classifier and old rows with an answer date and a result;
//! both topics mapped on the one mapping screen, the old rows brought in closed.
//! Skipped (with a message) only when tmux is not installed.
use qabyldau::domain::lifecycle::Transition;
use qabyldau::domain::Lang;
use qabyldau::store::Store;
use std::path::Path;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_qabyldau");

#[path = "support/tmux.rs"]
mod tmux;
use tmux::Tmux;

/// The journal as an office keeps it: a title row, Russian headings, ФИО in one
/// column, DD.MM.YYYY, "Дороги" and "Газификация сёл" for topics the classifier
/// words otherwise, an answer date and a result for the old rows, one row
/// without the essence.
fn write_journal(dir: &Path) -> std::path::PathBuf {
    let csv = "Журнал регистрации обращений граждан;;;;;;;;\n\
         №;Дата обращения;ФИО заявителя;Телефон;Суть вопроса;Тема;Форма обращения;Дата ответа;Результат\n\
         1;12.05.2025;Жумабаев Нурлан Серикович;8 701 123 45 67;Яма на дороге у школы;Дороги;устно;29.05.2025;Разъяснено\n\
         2;03.09.2025;Сейітова Гүлмира Бекқызы;+7(702)2345678;Провести газ в село;Газификация сёл;письменно;;Дан ответ письмом\n\
         3;02.03.2026;Петров Пётр;;Ремонт моста;ДОРОГИ;устно;;\n\
         4;04.03.2026;Ким Анна Викторовна;87013334455;Земельный участок под ИЖС;Земельные отношения;устно;;\n\
         5;05.03.2026;Ахметов Ерлан Болатұлы;;Освещение улицы;дороги;устно;;\n\
         6;06.03.2026;Смагулова Дана;;;Дороги;устно;;\n";
    let p = dir.join("журнал.csv");
    std::fs::write(&p, csv).unwrap();
    p
}

#[test]
fn a_journal_with_two_unknown_topics_is_mapped_and_imported_in_a_real_terminal() {
    if !tmux::installed() {
        eprintln!("skipped: tmux is not installed (apt-get install tmux)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.sqlite");
    let journal = write_journal(dir.path());
    {
        let t = Tmux::start(
            "journal",
            "a",
            (80, 24),
            &[
                "env",
                "QABYLDAU_NOW=2026-03-16T09:00:00",
                BIN,
                "--db",
                db.to_str().unwrap(),
                "--lang",
                "ru",
            ],
        );
        // A new office: the administrator first.
        t.wait("Первый запуск");
        t.typ("Сейітова Гүлмира");
        t.keys(&["Tab"]);
        t.typ("бас маман");
        t.keys(&["Tab"]);
        t.typ("главный специалист");
        t.keys(&["Tab"]);
        t.typ("gulmira");
        t.keys(&["Tab"]);
        t.typ("e2e-password-1");
        t.keys(&["Tab"]);
        t.typ("e2e-password-1");
        t.keys(&["F5"]);
        // The recovery code is shown once: written down, Y.
        t.wait("Код восстановления");
        t.keys(&["y"]);
        t.wait("Очередь дня");
        // F8 (officials), I: the import screen; "closed before" proposes two months before.
        t.keys(&["F8"]);
        t.keys(&["i"]);
        let s = t.wait("Путь к файлу");
        assert!(s.contains("16.01.2026"), "{s}");
        t.typ(journal.to_str().unwrap());
        // Old rows: those of 2025 come in closed, this year's open.
        t.keys(&["Tab"]);
        t.wait("пусто — все открытые");
        for _ in 0..10 {
            t.keys(&["BSpace"]);
        }
        t.typ("01.01.2026");
        t.keys(&["F5"]);
        // One screen: the columns used, each unknown spelling once with its count.
        let s = t.wait("Несопоставленные значения");
        assert!(s.contains("ФИО заявителя -> ФИО"), "{s}");
        assert!(s.contains("Дата ответа -> дата ответа"), "{s}");
        assert!(s.contains("Результат ->"), "{s}");
        let roads = s
            .lines()
            .find(|l| l.contains("Дороги "))
            .unwrap_or_else(|| panic!("{s}"));
        assert!(
            roads.contains(" 4 "),
            "four rows, one of them without the essence: {s}"
        );
        assert!(s.contains("Газификация сёл"), "{s}");
        assert!(s.contains("Выберите решение"), "{s}");
        // The most frequent first: "Дороги" -> the classifier's roads, by its first
        // letter (the first "д" is "добавить...", the second "Дороги и транспорт") ...
        t.typ("д");
        t.wait("< добавить как новую тему >");
        t.typ("д");
        t.wait("< Дороги и транспорт >");
        // ... "Газификация сёл" added as a new topic.
        t.keys(&["Down"]);
        t.press_until("Right", "< добавить как новую тему >", 40);
        t.keys(&["F5"]);
        let s = t.wait("Будет импортировано");
        assert!(s.contains("Будет импортировано: 5, отклонено: 1"), "{s}");
        assert!(s.contains("строка 8: Суть вопроса:"), "{s}");
        assert!(
            s.contains("Открытыми: 3; закрытыми (ответ дан, без срока): 2"),
            "{s}"
        );
        t.keys(&["y"]);
        let s = t.wait("Импортировано: 5");
        assert!(s.contains("закрытыми (ответ дан, без срока): 2"), "{s}");
        // The list of appeals shows them; the old ones closed.
        t.keys(&["F4"]);
        let s = t.wait("Обращения (5)");
        assert!(s.contains("Жумабаев Нурлан"), "{s}");
        assert!(s.contains("закрыто"), "{s}");
        // Today: the old rows are not there (nothing due); this year's are open.
        t.keys(&["F3"]);
        std::thread::sleep(Duration::from_millis(500));
        let s = t.screen();
        assert!(!s.contains("Жумабаев"), "{s}");
        t.keys(&["F10"]);
        std::thread::sleep(Duration::from_millis(500));
    }
    check_database(&db);
}

/// The same in Kazakh at 80x24, the expected texts taken from the desk's own
/// messages; the letter typed for a topic is the first of its Kazakh label.
#[test]
fn the_same_journal_in_kazakh_in_a_real_terminal() {
    use qabyldau::i18n::ui::Msg;
    if !tmux::installed() {
        eprintln!("skipped: tmux is not installed (apt-get install tmux)");
        return;
    }
    let kk = |m: Msg| m.text(Lang::Kk);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.sqlite");
    let journal = write_journal(dir.path());
    {
        let t = Tmux::start(
            "journal",
            "kk",
            (80, 24),
            &[
                "env",
                "QABYLDAU_NOW=2026-03-16T09:00:00",
                BIN,
                "--db",
                db.to_str().unwrap(),
                "--lang",
                "kk",
            ],
        );
        t.wait(kk(Msg::FirstAdminTitle));
        t.typ("Сейітова Гүлмира");
        t.keys(&["Tab"]);
        t.typ("бас маман");
        t.keys(&["Tab"]);
        t.typ("главный специалист");
        t.keys(&["Tab"]);
        t.typ("gulmira");
        t.keys(&["Tab"]);
        t.typ("e2e-password-1");
        t.keys(&["Tab"]);
        t.typ("e2e-password-1");
        t.keys(&["F5"]);
        t.wait(kk(Msg::RecoveryCodeTitle));
        t.keys(&["y"]);
        t.wait(kk(Msg::ScreenToday));
        t.keys(&["F8"]);
        t.keys(&["i"]);
        let s = t.wait(kk(Msg::FieldImportPath));
        assert!(s.contains("16.01.2026"), "{s}");
        t.typ(journal.to_str().unwrap());
        t.keys(&["Tab"]);
        for _ in 0..10 {
            t.keys(&["BSpace"]);
        }
        t.typ("01.01.2026");
        t.keys(&["F5"]);
        let s = t.wait(kk(Msg::MapColDecision));
        assert!(s.contains("ФИО заявителя -> Аты-жөні"), "{s}");
        assert!(
            s.contains(&format!("Дата ответа -> {}", kk(Msg::ImportAnswerDate))),
            "{s}"
        );
        let undecided = format!("< {} >", kk(Msg::MapUndecided));
        assert_eq!(s.matches(&undecided).count(), 2, "{s}");
        // "Жолдар және көлік" by its letter (after "жаңа..." and "Жер...").
        t.typ("ж");
        t.wait(&format!("< {} >", kk(Msg::MapAdd)));
        for _ in 0..5 {
            if t.screen().contains("< Жолдар және көлік >") {
                break;
            }
            t.typ("ж");
        }
        t.wait("< Жолдар және көлік >");
        t.keys(&["Down"]);
        t.press_until("Right", &format!("< {} >", kk(Msg::MapAdd)), 40);
        t.keys(&["F5"]);
        let s = t.wait(kk(Msg::ImportWillImport));
        assert!(
            s.contains(&format!(
                "{} 5, {} 1",
                kk(Msg::ImportWillImport),
                kk(Msg::ImportRejectedCount)
            )),
            "{s}"
        );
        assert!(s.contains("8-жол: Мәселенің мәні:"), "{s}");
        assert!(
            s.contains(&format!(
                "{} 3; {} 2",
                kk(Msg::ImportOpenCount),
                kk(Msg::ImportClosedCount)
            )),
            "{s}"
        );
        t.keys(&["y"]);
        t.wait(&format!("{} 5", kk(Msg::ImportDone)));
        t.keys(&["F10"]);
        std::thread::sleep(Duration::from_millis(500));
    }
    check_database(&db);
}

/// In the database: every valid row, the right topics and split names; the rows
/// of 2025 answered and closed with nothing due.
fn check_database(db: &Path) {
    let store = Store::open(db).unwrap();
    let mut appeals: Vec<_> = store
        .recent_appeals(100)
        .unwrap()
        .into_iter()
        .map(|r| store.appeal(r.id).unwrap())
        .collect();
    appeals.sort_by_key(|a| a.registered_on);
    assert_eq!(appeals.len(), 5);
    let names: Vec<[&str; 3]> = appeals
        .iter()
        .map(|a| {
            [
                a.applicant.surname.as_str(),
                a.applicant.name.as_str(),
                a.applicant.patronymic.as_str(),
            ]
        })
        .collect();
    assert_eq!(
        names,
        [
            ["Жумабаев", "Нурлан", "Серикович"],
            ["Сейітова", "Гүлмира", "Бекқызы"],
            ["Петров", "Пётр", ""],
            ["Ким", "Анна", "Викторовна"],
            ["Ахметов", "Ерлан", "Болатұлы"],
        ]
    );
    let mut profile = qabyldau::assets::default_profile();
    store.extend_profile(&mut profile).unwrap();
    let gas = profile
        .topics
        .iter()
        .find(|t| t.ru == "Газификация сёл")
        .expect("the new topic is in the classifier");
    let topics: Vec<&str> = appeals.iter().map(|a| a.topic.as_str()).collect();
    assert_eq!(
        topics,
        ["roads", gas.code.as_str(), "roads", "land", "roads"]
    );
    assert_eq!(appeals[0].applicant.phone, "+7 701 123 45 67");
    // The two rows of 2025: answered and closed, nothing due; this year's open.
    let statuses: Vec<&str> = appeals.iter().map(|a| a.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["closed", "closed", "registered", "registered", "registered"]
    );
    assert_eq!(appeals[0].outcome.as_deref(), Some("explained"));
    assert_eq!(
        store.steps_of(appeals[0].id).unwrap(),
        vec![
            Transition::Answer {
                on: chrono::NaiveDate::from_ymd_opt(2025, 5, 29).unwrap()
            },
            Transition::Close
        ]
    );
    assert_eq!(
        store.appeal_originals(appeals[1].id).unwrap(),
        vec![("outcome".to_string(), "Дан ответ письмом".to_string())]
    );
    let due: Vec<i64> = store
        .due_appeals(chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(), 100)
        .unwrap()
        .iter()
        .map(|d| d.appeal_id)
        .collect();
    assert_eq!(due.len(), 3);
    assert!(!due.contains(&appeals[0].id) && !due.contains(&appeals[1].id));
}
