//! Bringing an office's own journal in (issue 16): journals in the shapes offices
//! keep, made here by the tests themselves.
use crate::common;
use common::{at, day, iin, temp_db};
use qabyldau::import::import_file;
use qabyldau::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2026-03-20T10:00:00";

fn now() -> chrono::NaiveDateTime {
    at(day(2026, 3, 20), 10, 0)
}

fn qabyldau(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qabyldau"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("QABYLDAU_NOW", NOW)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(String::from)
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn count(db: &Path) -> i64 {
    Store::open(db)
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM appeals", [], |r| r.get(0))
        .unwrap()
}

/// Every stored appeal: (surname, name, patronymic) -> the appeal.
fn appeals(db: &Path) -> Vec<qabyldau::domain::Appeal> {
    let store = Store::open(db).unwrap();
    let mut out: Vec<_> = store
        .recent_appeals(100)
        .unwrap()
        .into_iter()
        .map(|r| store.appeal(r.id).unwrap())
        .collect();
    out.sort_by_key(|a| a.id);
    out
}

fn names(a: &qabyldau::domain::Appeal) -> [String; 3] {
    [
        a.applicant.surname.clone(),
        a.applicant.name.clone(),
        a.applicant.patronymic.clone(),
    ]
}

fn triple(s: &str, n: &str, p: &str) -> [String; 3] {
    [s.into(), n.into(), p.into()]
}

/// Exports March 2026 as CSV and returns (surname, name, patronymic) per row.
fn exported_names(db: &Path, dir: &Path) -> Vec<[String; 3]> {
    let out = dir.join("export.csv");
    let o = qabyldau(
        db,
        &[
            "export",
            "appeals",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(&bytes[3..]);
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (s, n, p) = (col("surname"), col("name"), col("patronymic"));
    let mut v: Vec<[String; 3]> = rows[1..]
        .iter()
        .map(|r| [r[s].clone(), r[n].clone(), r[p].clone()])
        .collect();
    v.sort();
    v
}

#[test]
fn russian_csv_journal_with_full_names_and_dotted_dates() {
    let (dir, db) = temp_db();
    let csv = format!(
        "Журнал регистрации обращений граждан на личный прием;;;;;;;;;\n\
         №;Дата обращения;ФИО заявителя;ИИН;Телефон;Суть вопроса;Тема;Населённый пункт;Форма обращения;Язык\n\
         1;16.03.2026;Иванов Пётр Сергеевич;{};8 701 234 56 78;Ремонт дороги;Дороги и транспорт;Хромтау;устно;русский\n\
         2;16.03.2026;Ахметов Ерлан Болатұлы;;+7(702)000-11-22;Земельный участок;Земельные отношения;хромтау;Ауызша;қазақша\n\
         3;17.03.26;Петрова-Водкина Анна Ивановна;;8 (705) 111 22 33;Пособие;Социальная защита и занятость;Тассай;письменно;рус\n\
         4;17.03.2026;СМИТ Джон;;;Вопрос о работе;;Тассай;электронно;\n\
         5;32.03.2026;Сидоров Иван;;;Свет;;;устно;\n",
        iin("9005154")
    );
    let f = write(dir.path(), "journal.csv", &csv);
    // The dry run says which column is used for what and writes nothing.
    let o = qabyldau(&db, &["import", f.to_str().unwrap(), "--dry-run"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines = stdout(&o);
    for expected in [
        "heading: row 2 (the rows above it are not read)",
        "column 1 \"№\": not used",
        "column 2 \"Дата обращения\": registered_on",
        "column 3 \"ФИО заявителя\": full name (surname, name, patronymic)",
        "column 8 \"Населённый пункт\": settlement",
        "column 9 \"Форма обращения\": channel",
        "column 10 \"Язык\": language",
    ] {
        assert!(lines.iter().any(|l| l == expected), "{expected}: {lines:?}");
    }
    assert_eq!(
        lines[lines.len() - 2..],
        [
            "row 7: registered_on: '32.03.2026' is not a date (YYYY-MM-DD or DD.MM.YYYY)",
            "imported: 4, rejected: 1"
        ]
    );
    assert_eq!(count(&db), 0);

    let o = qabyldau(&db, &["import", f.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).last().unwrap(), "imported: 4, rejected: 1");
    let a = appeals(&db);
    assert_eq!(a.len(), 4);
    assert_eq!(names(&a[0]), triple("Иванов", "Пётр", "Сергеевич"));
    assert_eq!(names(&a[1]), triple("Ахметов", "Ерлан", "Болатұлы"));
    assert_eq!(names(&a[2]), triple("Петрова-Водкина", "Анна", "Ивановна"));
    assert_eq!(names(&a[3]), triple("Смит", "Джон", ""));
    assert_eq!(a[0].registered_on, day(2026, 3, 16));
    assert_eq!(a[2].registered_on, day(2026, 3, 17), "DD.MM.YY");
    assert_eq!(a[0].applicant.iin, iin("9005154"));
    assert_eq!(a[0].applicant.phone, "+7 701 234 56 78");
    assert_eq!(a[1].applicant.phone, "+7 702 000 11 22");
    assert_eq!(a[2].applicant.phone, "+7 705 111 22 33");
    let topics: Vec<&str> = a.iter().map(|x| x.topic.as_str()).collect();
    assert_eq!(topics, ["roads", "land", "social", ""]);
    let channels: Vec<&str> = a.iter().map(|x| x.channel.code()).collect();
    assert_eq!(channels, ["walk_in", "walk_in", "paper", "electronic"]);
    let langs: Vec<&str> = a.iter().map(|x| x.applicant.language.code()).collect();
    assert_eq!(langs, ["ru", "kk", "ru", "kk"]);
    assert_eq!(a[1].settlement, "Хромтау", "spelled as first written");

    assert_eq!(
        exported_names(&db, dir.path()),
        vec![
            triple("Ахметов", "Ерлан", "Болатұлы"),
            triple("Иванов", "Пётр", "Сергеевич"),
            triple("Петрова-Водкина", "Анна", "Ивановна"),
            triple("Смит", "Джон", ""),
        ]
    );
}

#[test]
fn kazakh_xlsx_journal_with_title_rows_and_excel_day_numbers() {
    let (dir, db) = temp_db();
    let f = dir.path().join("журнал.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Азаматтарды жеке қабылдауға жазу журналы")
        .unwrap();
    ws.write_string(1, 0, "Хромтау ауданы әкімінің аппараты, 2026 жыл")
        .unwrap();
    let heading = [
        "Р/с №",
        "Күні",
        "Т.А.Ә.",
        "ЖСН",
        "Телефон",
        "Өтініштің мәні",
        "Тақырыбы",
        "Елді мекен",
        "Түрі",
        "Тілі",
        "Санаты",
    ];
    for (c, h) in heading.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
        // The row of column numbers under the heading.
        ws.write_number(3, c as u16, (c + 1) as f64).unwrap();
    }
    // Born in 2005: the IIN starts with 0, which Excel drops from a number.
    let young = iin("0503155");
    let rows: [[&str; 11]; 3] = [
        [
            "1",
            "46097",
            "Сәрсенбаева Гүлнұр Серікқызы",
            &young,
            "87011234567",
            "Жер телімі",
            "Жер қатынастары",
            "Хромтау",
            "Ауызша",
            "қазақ",
            "мүгедектігі бар адам",
        ],
        [
            "2",
            "46098",
            "ОМАРОВ Асқар Нұрлан ұлы",
            "",
            "8 702 000 11 22",
            "Жол жөндеу",
            "Жолдар және көлік",
            "Тассай",
            "Жазбаша",
            "орыс",
            "жоқ",
        ],
        [
            "3",
            "46098",
            "Бекова Айжан",
            "",
            "",
            "Мектеп",
            "Білім беру",
            "Хромтау",
            "Телефон",
            "",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (4 + r as u32, c as u16);
            // Numbers as Excel keeps them: row number, date, IIN, phone.
            if [0, 1, 3, 4].contains(&c) && !v.is_empty() && v.chars().all(|x| x.is_ascii_digit()) {
                ws.write_number(r, c, v.parse::<f64>().unwrap()).unwrap();
            } else {
                ws.write_string(r, c, *v).unwrap();
            }
        }
    }
    wb.save(&f).unwrap();

    let mut store = Store::open(&db).unwrap();
    let r = import_file(&mut store, &f, false, now(), "KHR", &mut |_, _| {}).unwrap();
    assert_eq!(
        r.lines(),
        vec!["row 7: phone: is required", "imported: 2, rejected: 1"]
    );
    assert_eq!(
        r.columns[2],
        "column 3 \"Т.А.Ә.\": full name (surname, name, patronymic)"
    );
    assert_eq!(r.columns[0], "column 1 \"Р/с №\": not used");
    drop(store);
    let a = appeals(&db);
    assert_eq!(a.len(), 2);
    assert_eq!(names(&a[0]), triple("Сәрсенбаева", "Гүлнұр", "Серікқызы"));
    assert_eq!(names(&a[1]), triple("Омаров", "Асқар", "Нұрлан ұлы"));
    assert_eq!(a[0].registered_on, day(2026, 3, 16));
    assert_eq!(a[1].registered_on, day(2026, 3, 17));
    assert_eq!(a[0].applicant.iin, young);
    assert_eq!(a[0].applicant.phone, "+7 701 123 45 67");
    assert_eq!(a[0].applicant.category.as_deref(), Some("disability"));
    assert_eq!(a[1].applicant.category, None);
    assert_eq!(a[0].topic, "land");
    assert_eq!(a[1].topic, "roads");
    assert_eq!(a[1].channel.code(), "paper");
    assert_eq!(a[1].applicant.language.code(), "ru");
    assert_eq!(
        exported_names(&db, dir.path()),
        vec![
            triple("Омаров", "Асқар", "Нұрлан ұлы"),
            triple("Сәрсенбаева", "Гүлнұр", "Серікқызы"),
        ]
    );
}

const MAPPED_HEADING: &str = "№;Күні;Аты-жөні;Мәні;Тақырып;Түрі\n";

#[test]
fn unknown_topic_wording_imported_through_a_mapping_file() {
    let (dir, db) = temp_db();
    let csv = format!(
        "{MAPPED_HEADING}\
         1;16.03.2026;Нұрланова Әйгерім Серікқызы;Жәрдемақы;Әлеуметтік көмек;ауызша\n\
         2;16.03.2026;Иванов Пётр;Газ жүргізу;Газификация;ауызша\n\
         3;17.03.2026;Омаров Асқар;Жәрдемақы;әлеуметтік КӨМЕК;ауызша\n\
         4;17.03.2026;Ким Алексей Сергеевич;Басқа мәселе;Разное;по почте\n\
         5;17.03.2026;Бекова Айжан;Жол;Жолдар және көлік;ауызша\n"
    );
    let f = write(dir.path(), "j.csv", &csv);
    let map = dir.path().join("map.toml");
    let o = qabyldau(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--dry-run",
            "--write-map",
            map.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines = stdout(&o);
    // Each unmatched value once with its rows, not one error per row.
    let tail: Vec<&str> = lines[lines.len() - 5..]
        .iter()
        .map(|s| s.as_str())
        .collect();
    assert_eq!(
        tail,
        [
            "topic 'Әлеуметтік көмек': not matched, 2 rows (2, 4)",
            "topic 'Газификация': not matched, 1 row (3)",
            "topic 'Разное': not matched, 1 row (5)",
            qabyldau::journal::MAPPING_HINT,
            "imported: 1, rejected: 4",
        ]
    );
    assert_eq!(count(&db), 0, "a dry run writes nothing");
    let draft = std::fs::read_to_string(&map).unwrap();
    assert!(
        draft.contains("\"Әлеуметтік көмек\" = \"\"   # 2 rows"),
        "{draft}"
    );
    assert!(draft.contains("# social = Әлеуметтік қорғау және жұмыспен қамту"));

    // The office decides once per value.
    let decided = draft
        .replace("\"Әлеуметтік көмек\" = \"\"", "\"Әлеуметтік көмек\" = \"social\"")
        .replace("\"Газификация\" = \"\"", "\"Газификация\" = { add = \"gasification\", kk = \"Газдандыру\", ru = \"Газификация\" }")
        .replace("\"Разное\" = \"\"", "\"Разное\" = \"other\"");
    // Saved by Notepad: with a byte-order mark.
    std::fs::write(&map, format!("\u{feff}{decided}")).unwrap();
    let o = qabyldau(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--map",
            map.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout(&o).last().unwrap(), "imported: 5, rejected: 0");
    let a = appeals(&db);
    let topics: Vec<&str> = a.iter().map(|x| x.topic.as_str()).collect();
    assert_eq!(
        topics,
        ["social", "gasification", "social", "other", "roads"]
    );
    assert_eq!(a[3].channel.code(), "paper");
    assert_eq!(names(&a[0]), triple("Нұрланова", "Әйгерім", "Серікқызы"));
    assert_eq!(names(&a[1]), triple("Иванов", "Пётр", ""));
    let store = Store::open(&db).unwrap();
    // "other" keeps the journal's wording; the added topic is in the classifier.
    assert_eq!(
        store.appeal_originals(a[3].id).unwrap(),
        vec![("topic".to_string(), "Разное".to_string())]
    );
    assert!(store.appeal_originals(a[0].id).unwrap().is_empty());
    let mut profile = qabyldau::assets::default_profile();
    store.extend_profile(&mut profile).unwrap();
    let added = profile.topic("gasification").unwrap();
    assert_eq!(
        (added.kk.as_str(), added.ru.as_str()),
        ("Газдандыру", "Газификация")
    );
    assert_eq!(
        qabyldau::store::verify_chain(store.conn())
            .unwrap()
            .broken_at,
        None
    );
    drop(store);

    // The next journal of the same shape needs no mapping file.
    let next = format!(
        "{MAPPED_HEADING}\
         1;18.03.2026;Сейтқали Нұрлан;Жәрдемақы;Әлеуметтік көмек;ауызша\n\
         2;18.03.2026;Жанова Сара;Газ;газификация;ауызша\n"
    );
    let f2 = write(dir.path(), "j2.csv", &next);
    let o = qabyldau(&db, &["import", f2.to_str().unwrap()]);
    let lines = stdout(&o);
    assert!(
        lines.contains(
            &"mapping: 3 value(s) remembered from an earlier import of this journal's shape"
                .to_string()
        ),
        "{lines:?}"
    );
    assert_eq!(lines.last().unwrap(), "imported: 2, rejected: 0");
    let a = appeals(&db);
    assert_eq!(a[5].topic, "social");
    assert_eq!(a[6].topic, "gasification");

    // A mapping to a code the classifier lacks is refused: exit 2, nothing written.
    let bad = write(
        dir.path(),
        "bad.toml",
        "[topic]\n\"Разное\" = \"weather\"\n",
    );
    let o = qabyldau(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--map",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("mapping: [topic] 'Разное': 'weather' is not a topic code"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = qabyldau(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--map",
            "/nonexistent/map.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(count(&db), 7);
}

#[test]
fn a_column_the_import_cannot_tell_is_named_in_the_mapping() {
    let (dir, db) = temp_db();
    let f = write(
        dir.path(),
        "who.csv",
        "Дата;Кто обратился;Суть;Форма\n02.03.2026;Иванов Иван Иванович;Дорога;устно\n",
    );
    let map = dir.path().join("who.toml");
    let o = qabyldau(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--dry-run",
            "--write-map",
            map.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("required column(s) missing: surname, name")
    );
    let draft = std::fs::read_to_string(&map).unwrap();
    assert!(
        draft.contains("# \"Кто обратился\" = \"not used\""),
        "{draft}"
    );
    let decided = draft.replace("# [columns]", "[columns]").replace(
        "# \"Кто обратился\" = \"not used\"",
        "\"Кто обратился\" = \"full_name\"",
    );
    std::fs::write(&map, decided).unwrap();
    let o = qabyldau(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--map",
            map.to_str().unwrap(),
        ],
    );
    let lines = stdout(&o);
    assert!(lines.contains(
        &"column 2 \"Кто обратился\": full name (surname, name, patronymic) (as the mapping says)"
            .to_string()
    ));
    assert_eq!(lines.last().unwrap(), "imported: 1, rejected: 0");
    assert_eq!(
        names(&appeals(&db)[0]),
        triple("Иванов", "Иван", "Иванович")
    );
}

/// An office's old journal: years of appeals answered long ago. Rows dated before
/// `--closed-before` come in answered (on the journal's answer date) and closed,
/// with the journal's outcome text; nothing due, not on Today; still found,
/// counted in reports by their dates, and audited.
#[test]
fn an_old_journal_comes_in_closed_before_the_given_day() {
    let (dir, db) = temp_db();
    let csv = "№;Дата обращения;ФИО заявителя;Суть вопроса;Тема;Форма обращения;Дата ответа;Результат\n\
         1;03.02.2025;Жумабаев Нурлан Серикович;Ремонт дороги;Дороги и транспорт;устно;20.02.2025;Разъяснено письмом №12\n\
         2;10.06.2025;Ким Ольга Викторовна;Земельный участок;Земельные отношения;письменно;;Дан ответ, вопрос снят\n\
         3;12.03.2026;Омарова Айгерим Болатқызы;Пособие;Социальная защита и занятость;устно;;\n\
         4;01.02.2025;Сидоров Иван;Свет;;устно;25.01.2025;Поддержано\n\
         5;02.02.2025;Петров Пётр;Газ;;устно;21.03.2026;\n";
    let f = write(dir.path(), "old.csv", csv);
    let file = f.to_str().unwrap();

    // Without the option every row would be open: the dry run says which would
    // already be overdue and how to bring them in finished.
    let o = qabyldau(&db, &["import", file, "--dry-run"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines = stdout(&o);
    assert!(
        lines.contains(&"column 7 \"Дата ответа\": answered_on (the answer date)".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"column 8 \"Результат\": outcome (the journal's result)".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(
            "2 open row(s) are past their answer term already (overdue on Today); to bring old rows in as finished: --closed-before"
        )),
        "{lines:?}"
    );
    assert!(
        lines.contains(
            &"2 open row(s) have an answer in the journal (a date or a result); a later --closed-before brings them in closed"
                .to_string()
        ),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"row 5: answered_on: 2025-01-25 is before the appeal's date".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"row 6: answered_on: 2026-03-21 is in the future".to_string()),
        "{lines:?}"
    );

    let o = qabyldau(
        &db,
        &["import", file, "--dry-run", "--closed-before", "2026-01-01"],
    );
    assert!(o.status.success());
    let lines = stdout(&o);
    assert_eq!(
        lines[lines.len() - 2..],
        [
            "open: 1, closed: 2 (dated before 2026-01-01: answered and closed, nothing due)",
            "imported: 3, rejected: 2"
        ],
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.contains("overdue")), "{lines:?}");
    assert!(
        !lines.iter().any(|l| l.contains("have an answer")),
        "{lines:?}"
    );
    assert_eq!(count(&db), 0, "a dry run writes nothing");

    let bad = qabyldau(&db, &["import", file, "--closed-before", "2026-13-01"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--closed-before"), "{err}");

    let o = qabyldau(&db, &["import", file, "--closed-before", "2026-01-01"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout(&o).last().unwrap(), "imported: 3, rejected: 2");

    let a = appeals(&db);
    assert_eq!(a.len(), 3);
    let statuses: Vec<&str> = a.iter().map(|x| x.status.as_str()).collect();
    assert_eq!(statuses, ["closed", "closed", "registered"]);
    assert_eq!(a[0].outcome.as_deref(), Some("explained"));
    assert_eq!(a[1].outcome, None, "free wording matches no outcome");
    assert_eq!(names(&a[0]), triple("Жумабаев", "Нурлан", "Серикович"));

    let store = Store::open(&db).unwrap();
    // The history: answered on the journal's date, then closed (no date: closed only).
    let steps = store.steps_of(a[0].id).unwrap();
    assert_eq!(
        steps,
        vec![
            qabyldau::domain::lifecycle::Transition::Answer {
                on: day(2025, 2, 20)
            },
            qabyldau::domain::lifecycle::Transition::Close
        ]
    );
    assert_eq!(
        store.steps_of(a[1].id).unwrap(),
        vec![qabyldau::domain::lifecycle::Transition::Close]
    );
    // The journal's wording of the outcome is kept.
    assert_eq!(
        store.appeal_originals(a[0].id).unwrap(),
        vec![("outcome".to_string(), "Разъяснено письмом №12".to_string())]
    );
    assert_eq!(
        store.appeal_originals(a[1].id).unwrap(),
        vec![("outcome".to_string(), "Дан ответ, вопрос снят".to_string())]
    );
    // Nothing due for the closed ones: not on Today, not on control.
    let due: Vec<i64> = store
        .due_appeals(day(2030, 1, 1), 100)
        .unwrap()
        .iter()
        .map(|d| d.appeal_id)
        .collect();
    assert_eq!(due, vec![a[2].id]);
    assert_eq!(store.next_due_of(a[0].id).unwrap(), None);
    let unnumbered: Vec<i64> = store
        .missing_national_no(day(2030, 1, 1), 100)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(unnumbered, vec![a[2].id], "Today's re-keying list neither");
    // Still found by name.
    let hits = store.search_appeals("Жумабаев", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].status, "closed");
    // Counted in reports by their dates: 2025 has the two, with their outcome.
    let profile = qabyldau::assets::default_profile();
    let r = store
        .report_figures(day(2025, 1, 1), day(2025, 12, 31), now().date(), &profile)
        .unwrap();
    assert_eq!(r.total, 2);
    let explained = r.by_outcome.iter().find(|l| l.code == "explained").unwrap();
    assert_eq!(explained.count, 1);
    let r26 = store
        .report_figures(day(2026, 1, 1), day(2026, 3, 31), now().date(), &profile)
        .unwrap();
    assert_eq!(r26.total, 1);
    // Audited: each step and the outcome, in an unbroken chain.
    let audit = store.audit_of("appeal", a[0].id).unwrap();
    let status_rows = audit.iter().filter(|e| e.action == "status").count();
    assert_eq!(status_rows, 2, "{audit:?}");
    let outcome = store.audit_of("appeal_outcome", a[0].id).unwrap();
    assert_eq!(outcome.len(), 1);
    assert!(outcome[0].after.as_deref().unwrap().contains("explained"));
    assert_eq!(
        qabyldau::store::verify_chain(store.conn())
            .unwrap()
            .broken_at,
        None
    );
}

/// A Kazakh XLSX journal of last year: the answer date as an Excel day number
/// under "Жауап күні", the result under "Нәтижесі"; brought in closed.
#[test]
fn kazakh_xlsx_old_journal_with_excel_answer_dates_comes_in_closed() {
    let (dir, db) = temp_db();
    let f = dir.path().join("ескі.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let heading = ["Күні", "Аты-жөні", "Мәні", "Түрі", "Жауап күні", "Нәтижесі"];
    for (c, h) in heading.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // 45700 = 2025-02-12, 45710 = 2025-02-22.
    ws.write_number(1, 0, 45700.0).unwrap();
    ws.write_string(1, 1, "Сәрсенбаева Гүлнұр Серікқызы")
        .unwrap();
    ws.write_string(1, 2, "Жер телімі").unwrap();
    ws.write_string(1, 3, "Ауызша").unwrap();
    ws.write_number(1, 4, 45710.0).unwrap();
    ws.write_string(1, 5, "Түсіндірілді").unwrap();
    wb.save(&f).unwrap();
    let o = qabyldau(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--closed-before",
            "01.01.2026",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines = stdout(&o);
    assert!(
        lines.contains(&"column 5 \"Жауап күні\": answered_on (the answer date)".to_string()),
        "{lines:?}"
    );
    assert_eq!(lines.last().unwrap(), "imported: 1, rejected: 0");
    let a = appeals(&db);
    assert_eq!(a[0].registered_on, day(2025, 2, 12));
    assert_eq!(a[0].status, "closed");
    assert_eq!(a[0].outcome.as_deref(), Some("explained"));
    assert_eq!(names(&a[0]), triple("Сәрсенбаева", "Гүлнұр", "Серікқызы"));
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.steps_of(a[0].id).unwrap()[0],
        qabyldau::domain::lifecycle::Transition::Answer {
            on: day(2025, 2, 22)
        }
    );
}
