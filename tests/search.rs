//! The search index (migration 0003): folding, numbers, and staying in sync with writes.
mod common;
use common::*;
use qabyldau::store::{Actor, Store};

fn register(s: &mut Store, surname: &str, name: &str, iin_: &str, phone: &str) -> (i64, String) {
    let d0 = day(2026, 3, 16);
    let mut d = draft(surname, name, "Жер телімі");
    d.applicant.iin = iin_.into();
    d.applicant.phone = phone.into();
    let r = s
        .register_appeal(&Actor::system(), at(d0, 9, 0), d0, "KHR", &d)
        .unwrap();
    (r.appeal_id, r.reg_no)
}

fn names(s: &Store, q: &str) -> Vec<String> {
    s.search_appeals(q, 10)
        .unwrap()
        .into_iter()
        .map(|r| r.applicant_name)
        .collect()
}

#[test]
fn kazakh_russian_latin_letters_find_the_same_person() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    register(&mut s, "Қайратов", "Нұрлан", "", "");
    register(&mut s, "Өмірбекова", "Айгүл", "", "");
    register(&mut s, "Кайыров", "Сергей", "", "");
    for q in [
        "Кайратов",
        "Қайратов",
        "ҚАЙРАТОВ",
        "Qairatov",
        "Kairatov",
        "қайр",
        "Qa",
    ] {
        assert!(
            names(&s, q).contains(&"Қайратов Нұрлан".to_string()),
            "{q}: {:?}",
            names(&s, q)
        );
    }
    assert_eq!(names(&s, "Омирбекова"), vec!["Өмірбекова Айгүл"]);
    assert_eq!(names(&s, "омір айгул"), vec!["Өмірбекова Айгүл"]);
    assert_eq!(names(&s, "Nurlan"), vec!["Қайратов Нұрлан"]);
    // A prefix of one word; every word of the query must match.
    assert_eq!(names(&s, "ка").len(), 2);
    assert_eq!(names(&s, "ка серг"), vec!["Кайыров Сергей"]);
    assert!(names(&s, "ратов").is_empty(), "words match by prefix only");
    assert!(names(&s, "zzz").is_empty());
    // Quotes and FTS syntax in the query are just text.
    assert!(names(&s, "\"Қай* OR NOT (").is_empty());
    assert!(names(&s, "AND").is_empty());
}

#[test]
fn iin_prefix_phone_fragment_and_reg_no() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let i1 = iin("9005154");
    let i2 = iin("8511203");
    register(&mut s, "Сейітов", "Ерлан", &i1, "+7 701 234 56 78");
    register(&mut s, "Иванова", "Ольга", &i2, "+7 777 900 11 22");
    let (_, reg3) = register(&mut s, "Ким", "Ольга", "", "");
    assert_eq!(reg3, "KHR-2026-000003");
    assert_eq!(names(&s, &i1[..6]), vec!["Сейітов Ерлан"]);
    assert_eq!(names(&s, &i1), vec!["Сейітов Ерлан"]);
    assert_eq!(names(&s, "851120"), vec!["Иванова Ольга"]);
    // Phone fragments anywhere in the number, typed with or without punctuation.
    assert_eq!(names(&s, "234-56"), vec!["Сейітов Ерлан"]);
    assert_eq!(names(&s, "5678"), vec!["Сейітов Ерлан"]);
    assert_eq!(names(&s, "8 701 234"), vec!["Сейітов Ерлан"]);
    assert_eq!(names(&s, "+7 777 900"), vec!["Иванова Ольга"]);
    assert_eq!(names(&s, "900 11"), vec!["Иванова Ольга"]);
    // Registration number: whole, lower case, or its sequence.
    assert_eq!(names(&s, "KHR-2026-000003"), vec!["Ким Ольга"]);
    assert_eq!(names(&s, "khr-2026-000003"), vec!["Ким Ольга"]);
    assert_eq!(names(&s, "000003"), vec!["Ким Ольга"]);
    assert_eq!(names(&s, "3"), vec!["Ким Ольга"]);
    assert_eq!(names(&s, "KHR-2026-00000"), names(&s, "KHR-"));
    assert_eq!(names(&s, "KHR-2026-00000").len(), 3);
    assert!(names(&s, "KHR-2025").is_empty());
    // Newest first, at most `limit`.
    let all = s.search_appeals("KHR-2026", 10).unwrap();
    assert_eq!(
        all.iter().map(|r| r.reg_no.as_str()).collect::<Vec<_>>(),
        vec!["KHR-2026-000003", "KHR-2026-000002", "KHR-2026-000001"]
    );
    assert_eq!(
        s.search_appeals("ольга", 1).unwrap()[0].applicant_name,
        "Ким Ольга"
    );
    // Digits that are both an IIN prefix and a phone fragment: one list, newest
    // first, an appeal found both ways listed once.
    let i5 = iin("7012054");
    register(&mut s, "Бекова", "Дана", &i5, "+7 701 205 40 00");
    assert_eq!(names(&s, "7012054"), vec!["Бекова Дана"]);
    assert_eq!(names(&s, "701"), vec!["Бекова Дана", "Сейітов Ерлан"]);
    assert_eq!(names(&s, "900515"), vec!["Сейітов Ерлан"]);
    register(&mut s, "Нұров", "Асқар", "", "+7 705 900 51 50");
    assert_eq!(names(&s, "900515"), vec!["Нұров Асқар", "Сейітов Ерлан"]);
    assert_eq!(
        s.search_appeals("900515", 1).unwrap()[0].applicant_name,
        "Нұров Асқар"
    );
}

#[test]
fn edits_keep_the_index_in_sync() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let i1 = iin("9005154");
    let (id, _) = register(&mut s, "Сейітов", "Ерлан", &i1, "+7 701 234 56 78");
    let mut a = s.appeal(id).unwrap();
    a.applicant.surname = "Әбенов".into();
    a.applicant.phone = "+7 705 111 22 33".into();
    a.national_reg_no = "ЖТ-55-2026".into();
    s.update_appeal(&Actor::system(), at(day(2026, 3, 16), 10, 0), &a, false)
        .unwrap();
    assert!(names(&s, "Сейітов").is_empty());
    assert!(names(&s, "234 56").is_empty());
    assert_eq!(names(&s, "Абенов"), vec!["Әбенов Ерлан"]);
    assert_eq!(names(&s, "111 22"), vec!["Әбенов Ерлан"]);
    assert_eq!(names(&s, "ЖТ-55"), vec!["Әбенов Ерлан"]);
    // The same IIN registered again updates the applicant: all their appeals follow.
    register(&mut s, "Абенов", "Ерлан", &i1, "+7 705 111 22 33");
    let hits = s.search_appeals("Абенов", 10).unwrap();
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.applicant_name == "Абенов Ерлан"));
    // An edit that changes nothing searchable leaves the index as it was.
    let mut a = s.appeal(id).unwrap();
    a.essence = "Басқа мәселе".into();
    s.update_appeal(&Actor::system(), at(day(2026, 3, 16), 11, 0), &a, false)
        .unwrap();
    assert_eq!(names(&s, "Абенов").len(), 2);
    // Rebuilding gives the same answers.
    s.rebuild_search_index().unwrap();
    assert_eq!(names(&s, "Абенов").len(), 2);
    assert_eq!(names(&s, "111 22").len(), 2);
    // The index survives reopening.
    drop(s);
    let s = Store::open(&path).unwrap();
    assert_eq!(names(&s, "ABENOV").len(), 2);
}

#[test]
fn the_migration_indexes_existing_appeals() {
    let (_dir, path) = temp_db();
    {
        // A database of schema 1 with an appeal written before the index existed.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(include_str!("../src/store/migrations/0001_init.sql"))
            .unwrap();
        c.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO applicants (id, uid, surname, name, phone, name_fold, created_at, updated_at)
               VALUES (1, 'u1', 'Нұрғалиева', 'Әсел', '+7 702 555 44 33', '', '2025-01-10 09:00:00', '2025-01-10 09:00:00');
             INSERT INTO appeals (uid, reg_no, registered_on, registered_at, channel, applicant_id, essence, created_at, updated_at)
               VALUES ('a1', 'KHR-2025-000042', '2025-01-10', '2025-01-10 09:00:00', 'paper', 1, 'Су', '2025-01-10 09:00:00', '2025-01-10 09:00:00');",
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert!(s.schema_version().unwrap() >= 2);
    assert_eq!(names(&s, "Нургалиева"), vec!["Нұрғалиева Әсел"]);
    assert_eq!(names(&s, "555 44"), vec!["Нұрғалиева Әсел"]);
    assert_eq!(names(&s, "42"), vec!["Нұрғалиева Әсел"]);
}

#[test]
fn pages_continue_where_the_last_one_ended() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    // 23 appeals: Ivanovs (every third with one IIN), Petrovs in between.
    for i in 0..23 {
        let (surname, i_) = if i % 5 == 4 {
            ("Петров", String::new())
        } else if i % 3 == 0 {
            ("Иванов", iin("4405154"))
        } else {
            ("Иванов", String::new())
        };
        register(
            &mut s,
            surname,
            "Иван",
            &i_,
            &format!("+7 701 000 {:02} 55", i),
        );
    }
    let ids = |q: &str, page: usize| -> Vec<i64> {
        let mut all = Vec::new();
        let mut before = None;
        loop {
            let p = s.search_appeals_page(q, before, page).unwrap();
            assert!(p.len() <= page);
            all.extend(p.iter().map(|r| r.id));
            if p.len() < page {
                return all;
            }
            before = p.last().map(|r| r.id);
        }
    };
    for q in [
        "иван",
        "",
        "KHR-2026",
        "440515",
        "000",
        "701 000",
        "KHR-2026-00001",
    ] {
        let whole = ids(q, 1000);
        assert!(!whole.is_empty(), "{q}");
        assert!(whole.windows(2).all(|w| w[0] > w[1]), "{q}: newest first");
        for page in [1, 4, 7] {
            assert_eq!(ids(q, page), whole, "{q} in pages of {page}");
        }
    }
    assert_eq!(ids("иван", 1000).len(), 23);
    assert_eq!(ids("иванов", 1000).len(), 19);
    assert_eq!(ids("", 1000).len(), 23);
    assert_eq!(ids("000", 1000).len(), 23);
    assert_eq!(ids("440515", 1000).len(), 7);
    assert_eq!(ids("KHR-2026-00001", 1000).len(), 10);
}

#[test]
fn the_search_list_follows_every_write_and_check_finds_a_stale_one() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let now = at(day(2026, 3, 16), 12, 0);
    let i1 = iin("9005154");
    let (id, _) = register(&mut s, "Сейітов", "Ерлан", &i1, "+7 701 234 56 78");
    register(&mut s, "Ким", "Ольга", "", "");
    let row = |s: &Store, q: &str| s.search_appeals(q, 10).unwrap().remove(0);
    assert_eq!(row(&s, "сейітов").status, "registered");
    // A lifecycle step: the list shows the new status.
    s.set_appeal_status(&Actor::system(), now, id, "closed", serde_json::json!({}))
        .unwrap();
    assert_eq!(row(&s, "сейітов").status, "closed");
    // An edit of the appeal and of the applicant.
    let mut a = s.appeal(id).unwrap();
    a.applicant.patronymic = "Асқарұлы".into();
    a.national_reg_no = "ЖТ-77".into();
    s.update_appeal(&Actor::system(), now, &a, false).unwrap();
    let r = row(&s, "ЖТ-77");
    assert_eq!(r.applicant_name, "Сейітов Ерлан Асқарұлы");
    assert_eq!(r.national_reg_no, "ЖТ-77");
    assert_eq!(r.phone, "+7 701 234 56 78");
    assert_eq!(s.check().unwrap().list_mismatches, 0);
    // Depersonalisation after the retention period reaches the list too.
    let purged = s
        .purge_personal_data(&Actor::system(), now, day(2030, 1, 1))
        .unwrap();
    assert_eq!(purged.len(), 1);
    let r = s
        .search_appeals("KHR-2026", 10)
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap();
    assert!(
        !r.applicant_name.contains("Сейітов"),
        "{}",
        r.applicant_name
    );
    assert_eq!((r.iin.as_str(), r.phone.as_str()), ("", ""));
    assert!(names(&s, "Сейітов").is_empty());
    assert!(names(&s, "234 56").is_empty());
    let report = s.check().unwrap();
    assert_eq!(report.list_mismatches, 0);
    assert!(report.is_ok());
    // A list written behind the triggers' back is found, and the rebuild repairs it.
    s.conn()
        .execute_batch(
            "DROP TRIGGER appeals_list_update;
             UPDATE appeals SET status = 'registered' WHERE id = 1;
             DELETE FROM appeal_list WHERE id = 2;",
        )
        .unwrap();
    let report = s.check().unwrap();
    assert_eq!(report.list_mismatches, 2);
    assert!(report.verdict().unwrap_err().contains("--rebuild-search"));
    s.rebuild_search_index().unwrap();
    assert_eq!(s.check().unwrap().list_mismatches, 0);
    assert_eq!(names(&s, "ким"), vec!["Ким Ольга"]);
}

#[test]
fn the_daily_tidy_folds_small_segments_and_leaves_the_large_one_alone() {
    use qabyldau::store::search::SearchTable;
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    // Years of appeals: a bulk load leaves one large segment (as the synthetic
    // generator, an import or `check --rebuild-search` do).
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    s.synthesize(
        &qabyldau::store::SynthOptions::new(3_000, today),
        &mut |_, _| {},
    )
    .unwrap();
    let shape = |s: &Store, t: SearchTable| s.search_index_levels(t).unwrap();
    let big = shape(&s, SearchTable::Words);
    let big: Vec<_> = big.iter().flatten().copied().collect();
    assert_eq!(big.len(), 1, "the rebuild leaves one segment: {big:?}");
    let big = big[0];
    // A day of registrations: a small segment each.
    for i in 0..12 {
        register(
            &mut s,
            "Иванов",
            &format!("Иван{i}"),
            "",
            &format!("+7 701 000 00 {i:02}"),
        );
    }
    let count = |s: &Store, t: SearchTable| shape(s, t).iter().map(Vec::len).sum::<usize>();
    assert!(
        count(&s, SearchTable::Words) > 2,
        "registrations leave small segments: {:?}",
        shape(&s, SearchTable::Words)
    );
    let before: Vec<String> = names(&s, "иванов");
    let phones = names(&s, "000 00");
    let old = names(&s, "а");
    assert!(s.tidy_search_index(10_000).unwrap() > 0);
    for t in [SearchTable::Words, SearchTable::Phone] {
        let levels = shape(&s, t);
        assert!(
            levels.iter().all(|l| l.len() <= 1),
            "at most one segment a level after the tidy: {levels:?}"
        );
    }
    let after: Vec<_> = shape(&s, SearchTable::Words)
        .into_iter()
        .flatten()
        .collect();
    assert!(after.len() <= 3, "the day folded: {after:?}");
    assert!(
        after.contains(&big),
        "the large segment is read, not rewritten: {big:?} in {after:?}"
    );
    assert_eq!(names(&s, "иванов"), before);
    assert_eq!(names(&s, "000 00"), phones);
    assert_eq!(names(&s, "а"), old);
    assert!(!old.is_empty() || !before.is_empty());
    assert_eq!(
        s.tidy_search_index(10_000).unwrap(),
        0,
        "nothing left to do"
    );
}
