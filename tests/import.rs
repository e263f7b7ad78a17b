//! Import of appeals from CSV / XLSX files.
mod common;
use common::{at, day, iin, temp_db};
use qabyldau::import::{import_file, ImportError};
use qabyldau::store::Store;
use std::path::{Path, PathBuf};

fn now() -> chrono::NaiveDateTime {
    at(day(2026, 3, 10), 10, 0)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM appeals", [], |r| r.get(0))
        .unwrap()
}

fn run(store: &mut Store, path: &Path, dry: bool) -> Result<Vec<String>, ImportError> {
    let mut calls = 0;
    let r = import_file(store, path, dry, now(), "KHR", &mut |_, _| calls += 1)?;
    assert!(calls > 0, "progress is reported");
    Ok(r.lines())
}

const HEADER: &str = "registered_on,channel,surname,name,patronymic,iin,phone,language,category,settlement,topic,essence";

#[test]
fn good_file_imports_every_row() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let csv = format!(
        "{HEADER}\n\
         2026-03-02,walk_in,Өмірбекова,Айгүл,Серікқызы,{},8 701 234 56 78,kk,,Хромтау,land,Жер телімі\n\
         05.03.2026,phone,Иванов,Петр,,,+7 702 000 11 22,ru,disability,Хромтау,Жилищные вопросы,\"Ремонт, крыша\"\n",
        iin("9005154")
    );
    let f = write(dir.path(), "a.csv", csv.as_bytes());
    let lines = run(&mut store, &f, false).unwrap();
    assert_eq!(lines, vec!["imported: 2, rejected: 0"]);
    assert_eq!(count(&store), 2);
    let rows = store.recent_appeals(10).unwrap();
    let ivanov = rows
        .iter()
        .find(|r| r.applicant_name == "Иванов Петр")
        .unwrap();
    let a = store.appeal(ivanov.id).unwrap();
    assert_eq!(a.registered_on, day(2026, 3, 5));
    assert_eq!(a.topic, "housing", "a topic label maps to its code");
    assert_eq!(a.essence, "Ремонт, крыша");
    assert_eq!(a.applicant.phone, "+7 702 000 11 22");
    assert_eq!(a.applicant.category.as_deref(), Some("disability"));
    assert!(a.reg_no.starts_with("KHR-2026-"));
    let first = rows
        .iter()
        .find(|r| r.applicant_name.starts_with("Өмірбекова"))
        .unwrap();
    assert_eq!(
        store.appeal(first.id).unwrap().applicant.phone,
        "+7 701 234 56 78"
    );
}

#[test]
fn bad_rows_are_named_with_their_reason() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let csv = format!(
        "{HEADER}\n\
         2026-03-02,walk_in,Иванов,Петр,,123,,ru,,,,Суть\n\
         2026-03-02,fax,Иванов,Петр,,,,ru,,,,Суть\n\
         2026-13-02,walk_in,Иванов,Петр,,,,ru,,,,Суть\n\
         2026-03-02,walk_in,,Петр,,,,ru,,,,Суть\n\
         2026-03-02,walk_in,Иванов,Петр,,,,ru,,,,\n\
         2026-03-02,walk_in,Иванов,Петр,,,,ru,,,weather,Суть\n\
         2026-03-02,walk_in,Иванов,Петр,,,,de,,,,Суть\n\
         2026-04-02,walk_in,Иванов,Петр,,,,ru,,,,Суть\n\
         2026-03-02,phone,Иванов,Петр,,,,ru,,,,Суть\n\
         2026-03-02,walk_in,Ивaнов,Петр,,,,ru,,,,Суть\n\
         2026-03-02,walk_in,Иванов,Петр,,{},,ru,veteran_of_nothing,,,Суть\n",
        iin("9005154")
    );
    let f = write(dir.path(), "bad.csv", csv.as_bytes());
    let lines = run(&mut store, &f, false).unwrap();
    assert_eq!(
        lines,
        vec![
            "row 2: iin: must be 12 digits",
            "row 4: registered_on: '2026-13-02' is not a date (YYYY-MM-DD or DD.MM.YYYY)",
            "row 5: surname: is required",
            "row 6: essence: is required (the essence of the question)",
            "row 9: registered_on: 2026-04-02 is in the future",
            "row 10: phone: is required",
            "row 11: surname: letters of different alphabets mixed in one word",
            // Values no classifier entry matched: each once, with its rows.
            "topic 'weather': not matched, 1 row (7)",
            "category 'veteran_of_nothing': not matched, 1 row (12)",
            "channel 'fax': not matched, 1 row (3)",
            "language 'de': not matched, 1 row (8)",
            qabyldau::journal::MAPPING_HINT,
            "imported: 0, rejected: 11",
        ]
    );
    assert_eq!(count(&store), 0);
}

#[test]
fn mixed_file_imports_good_rows_and_lists_bad_ones() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    // Columns in another order, Russian and Kazakh headers, a blank line.
    let csv = "Суть обращения,Тегі,Имя,Дата,Канал\n\
               Дорога,Ахметов,Ерлан,02.03.2026,walk_in\n\
               \n\
               Свет,Ахметов,,02.03.2026,walk_in\n\
               Вода,Сериков,Болат,2026-03-03,paper\n";
    let f = write(dir.path(), "mixed.csv", csv.as_bytes());
    let lines = run(&mut store, &f, false).unwrap();
    assert_eq!(
        lines,
        vec!["row 4: name: is required", "imported: 2, rejected: 1"]
    );
    assert_eq!(count(&store), 2);
}

#[test]
fn dry_run_writes_nothing() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let csv = "surname,name,essence,registered_on,channel\n\
               Ахметов,Ерлан,Дорога,2026-03-02,walk_in\n\
               Ахметов,,Дорога,2026-03-02,walk_in\n";
    let f = write(dir.path(), "d.csv", csv.as_bytes());
    let audit_before: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    let lines = run(&mut store, &f, true).unwrap();
    assert_eq!(
        lines,
        vec!["row 3: name: is required", "imported: 1, rejected: 1"]
    );
    assert_eq!(count(&store), 0);
    let audit_after: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audit_before, audit_after);
}

#[test]
fn windows_1251_file_is_refused_with_advice() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let text = "фамилия;имя;суть;дата;канал\nИванов;Петр;Ремонт;2026-03-02;walk_in\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let f = write(dir.path(), "w.csv", &bytes);
    let e = run(&mut store, &f, false).unwrap_err();
    assert!(e.is_bad_input());
    assert_eq!(
        e.to_string(),
        "file is not UTF-8 (looks like Windows-1251): save it as CSV UTF-8"
    );
    assert_eq!(count(&store), 0);
}

#[test]
fn unusable_files_give_one_line_and_write_nothing() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty.csv", b"", "file is empty: no header row"),
        ("blank.csv", b"\n \n", "file is empty: no header row"),
        (
            "header.csv",
            b"surname,name,essence,registered_on,channel\n",
            "file has a header row but no data rows",
        ),
        (
            "missing.csv",
            b"surname,name\nA,B\n",
            "required column(s) missing: essence, registered_on, channel",
        ),
        (
            "twice.csv",
            "surname,фамилия,name,essence,registered_on,channel\nA,A,B,C,2026-03-02,walk_in\n"
                .as_bytes(),
            "column 'surname' appears twice",
        ),
    ];
    for (name, bytes, msg) in cases {
        let f = write(dir.path(), name, bytes);
        let e = run(&mut store, &f, false).unwrap_err();
        assert!(e.is_bad_input(), "{name}");
        assert_eq!(e.to_string(), *msg, "{name}");
        assert!(!e.to_string().contains('\n'));
    }
    assert_eq!(count(&store), 0);
}

#[test]
fn columns_not_needed_are_ignored_and_named() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let csv = "surname,name,essence,registered_on,channel,colour\nАхметов,Ерлан,Дорога,2026-03-02,walk_in,red\n";
    let f = write(dir.path(), "unknown.csv", csv.as_bytes());
    let r = import_file(&mut store, &f, false, now(), "KHR", &mut |_, _| {}).unwrap();
    assert_eq!(r.lines(), vec!["imported: 1, rejected: 0"]);
    assert_eq!(r.columns[5], "column 6 \"colour\": not used");
    assert_eq!(r.columns[0], "column 1 \"surname\": surname");
}

#[test]
fn semicolon_csv_with_bom() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let csv = "\u{feff}Фамилия;Имя;Отчество;ИИН;Суть;Дата регистрации;Канал;Тема\n\
               Ахметов;Ерлан;Болатович;;Дорога, мост;02.03.2026;walk_in;roads\n";
    let f = write(dir.path(), "s.csv", csv.as_bytes());
    let lines = run(&mut store, &f, false).unwrap();
    assert_eq!(lines, vec!["imported: 1, rejected: 0"]);
    let r = &store.recent_appeals(1).unwrap()[0];
    assert_eq!(r.applicant_name, "Ахметов Ерлан Болатович");
    let a = store.appeal(r.id).unwrap();
    assert_eq!(a.essence, "Дорога, мост");
    assert_eq!(a.topic, "roads");
}

#[test]
fn xlsx_input() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let f = dir.path().join("a.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "ТЕГІ",
        "АТЫ",
        "ЖСН",
        "МӘНІ",
        "registered_on",
        "channel",
        "телефон",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let good_iin = iin("8501013");
    ws.write_string(1, 0, "Сәрсенбаева").unwrap();
    ws.write_string(1, 1, "Гүлнұр").unwrap();
    // An IIN typed as a number and a date typed as an Excel date.
    ws.write_number(1, 2, good_iin.parse::<f64>().unwrap())
        .unwrap();
    ws.write_string(1, 3, "Жол жөндеу").unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 4).unwrap();
    ws.write_datetime_with_format(1, 4, &date, &fmt).unwrap();
    ws.write_string(1, 5, "walk_in").unwrap();
    ws.write_string(2, 0, "Бекov").unwrap();
    ws.write_string(2, 1, "Асқар").unwrap();
    ws.write_string(2, 3, "Су").unwrap();
    ws.write_string(2, 4, "2026-03-04").unwrap();
    ws.write_string(2, 5, "phone").unwrap();
    ws.write_string(2, 6, "12345").unwrap();
    wb.save(&f).unwrap();
    let lines = run(&mut store, &f, false).unwrap();
    assert_eq!(
        lines,
        vec![
            "row 3: surname: letters of different alphabets mixed in one word; phone: a Kazakhstan number has 10 digits after +7 / 8",
            "imported: 1, rejected: 1"
        ]
    );
    let r = &store.recent_appeals(1).unwrap()[0];
    assert_eq!(r.applicant_name, "Сәрсенбаева Гүлнұр");
    assert_eq!(r.iin, good_iin);
    assert_eq!(r.registered_on, day(2026, 3, 4));
}

#[test]
fn all_or_nothing_on_a_database_error() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    // A trigger makes the third insert fail inside the import's transaction.
    store
        .conn()
        .execute_batch(
            "CREATE TEMP TRIGGER boom BEFORE INSERT ON appeals WHEN NEW.essence = 'boom'
             BEGIN SELECT RAISE(ABORT, 'boom'); END;",
        )
        .unwrap();
    let csv = "surname,name,essence,registered_on,channel\n\
               Ахметов,Ерлан,Дорога,2026-03-02,walk_in\n\
               Сериков,Болат,Вода,2026-03-02,walk_in\n\
               Иванов,Петр,boom,2026-03-02,walk_in\n";
    let f = write(dir.path(), "x.csv", csv.as_bytes());
    let e = run(&mut store, &f, false).unwrap_err();
    assert!(!e.is_bad_input());
    assert_eq!(count(&store), 0);
    let applicants: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM applicants", [], |r| r.get(0))
        .unwrap();
    assert_eq!(applicants, 0);
    // The counter was rolled back too: the next registration gets number 1.
    store
        .conn()
        .execute_batch("DROP TRIGGER temp.boom")
        .unwrap();
    let lines = run(&mut store, &f, false).unwrap();
    assert_eq!(lines, vec!["imported: 3, rejected: 0"]);
    let mut nos: Vec<String> = store
        .recent_appeals(10)
        .unwrap()
        .into_iter()
        .map(|r| r.reg_no)
        .collect();
    nos.sort();
    assert_eq!(
        nos,
        vec!["KHR-2026-000001", "KHR-2026-000002", "KHR-2026-000003"]
    );
}
