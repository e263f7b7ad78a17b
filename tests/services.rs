//! The services against a real SQLite file: one transaction per use case, the desk
//! and the command line sharing every rule. Fixed dates throughout (2026 calendar:
//! 9 March and 21-25 March (Nauryz) are days off).
mod common;
use common::*;
use qabyldau::domain::lifecycle::{NextAction, Status, Transition};
use qabyldau::domain::register::RepeatQuery;
use qabyldau::domain::{InstructionDraft, Lang, Official, ProtocolDraft};
use qabyldau::i18n::services::service_error;
use qabyldau::services::{self, lifecycle, reception, register, Office, ServiceError};
use qabyldau::store::{verify_chain, Actor, OfficeSettings, Store};
use std::path::Path;
use std::sync::{Arc, Barrier};

fn office(prefix: &str) -> Office {
    let mut o = Office::shipped();
    o.settings.prefix = prefix.into();
    o
}

fn count(s: &Store, sql: &str) -> i64 {
    s.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// (status, next action, due date) as stored.
fn lifecycle_of(s: &Store, id: i64) -> (String, Option<(Option<NextAction>, chrono::NaiveDate)>) {
    (s.appeal(id).unwrap().status, s.next_due_of(id).unwrap())
}

#[test]
fn a_typed_in_appeal_gets_status_next_action_and_due_date_in_its_own_transaction() {
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let o = office("KHR");
    // Monday 2 March 2026: the answer with the reception date is due in 15 working
    // days, 9 March and Nauryz (21-25 March) not counted: 27 March.
    let now = at(day(2026, 3, 2), 10, 0);
    let r = register::register(
        &mut s,
        &o,
        &Actor::system(),
        now,
        &draft("Ахметов", "Асқар", "Жол"),
    )
    .unwrap();
    assert_eq!(r.registered_on, day(2026, 3, 2));
    assert!(r.reg_no.starts_with("KHR-2026-"));
    assert_eq!(r.ticket, None);
    assert_eq!(
        lifecycle_of(&s, r.appeal_id),
        (
            "registered".into(),
            Some((Some(NextAction::AnswerWithDate), day(2026, 3, 27)))
        )
    );
    // The due date is part of the audited creation, not a later unaudited write.
    let created = s.audit_of("appeal", r.appeal_id).unwrap();
    let create = created.iter().find(|e| e.action == "create").unwrap();
    assert!(create
        .after
        .as_deref()
        .unwrap()
        .contains("\"due_on\":\"2026-03-27\""));
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);

    // Received today: queued, scheduled for today, the reception itself is due today.
    let mut today = draft("Сейітова", "Гүлнар", "Су");
    today.receive_today = true;
    let r2 = register::register(&mut s, &o, &Actor::system(), now, &today).unwrap();
    assert_eq!(r2.ticket, Some(1));
    assert_eq!(
        lifecycle_of(&s, r2.appeal_id),
        (
            "scheduled".into(),
            Some((Some(NextAction::Reception), day(2026, 3, 2)))
        )
    );
}

#[test]
fn an_appeal_typed_in_on_a_day_off_is_registered_and_counted_from_the_next_working_day() {
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    // Saturday 21 March 2026, Nauryz until Wednesday 25: registered Thursday 26 March.
    let now = at(day(2026, 3, 21), 11, 0);
    let r = register::register(
        &mut s,
        &office("KHR"),
        &Actor::system(),
        now,
        &draft("Ахметов", "Асқар", "Жол"),
    )
    .unwrap();
    assert_eq!(r.registered_on, day(2026, 3, 26));
    let (_, due) = lifecycle_of(&s, r.appeal_id);
    assert_eq!(
        due,
        Some((Some(NextAction::AnswerWithDate), day(2026, 4, 16)))
    );
}

#[test]
fn a_bad_draft_writes_nothing_and_names_its_fields() {
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let mut bad = draft("Ахметов", "Асқар", "");
    bad.applicant.iin = "123".into();
    let e = register::register(
        &mut s,
        &office("KHR"),
        &Actor::system(),
        at(day(2026, 3, 2), 10, 0),
        &bad,
    )
    .unwrap_err();
    match e {
        ServiceError::Fields(f) => assert!(f.len() >= 2, "{f:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&s, "SELECT count(*) FROM appeals"), 0);
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), 0);
}

fn import_csv(s: &mut Store, dir: &Path, rows: &str, now: chrono::NaiveDateTime) -> Vec<String> {
    let f = dir.join("in.csv");
    std::fs::write(
        &f,
        format!("registered_on,channel,surname,name,language,settlement,topic,essence\n{rows}"),
    )
    .unwrap();
    let checked = qabyldau::import::check_file(&f, now.date(), &mut |_, _| {}).unwrap();
    qabyldau::import::store_checked(
        s,
        &office("KHR"),
        &Actor::cli("import"),
        checked,
        false,
        now,
    )
    .unwrap()
    .lines()
}

#[test]
fn an_imported_appeal_gets_the_same_status_next_action_and_due_date_as_one_typed_in() {
    let now = at(day(2026, 3, 2), 10, 0);
    // Typed in at the desk on 2 March.
    let (_d1, db1) = temp_db();
    let mut desk = Store::open(&db1).unwrap();
    let typed = register::register(
        &mut desk,
        &office("KHR"),
        &Actor::system(),
        now,
        &draft("Ахметов", "Асқар", "Жол жөндеу"),
    )
    .unwrap();
    // The same appeal in a file, registered on 2 March, imported the same moment.
    let (d2, db2) = temp_db();
    let mut file = Store::open(&db2).unwrap();
    let lines = import_csv(
        &mut file,
        d2.path(),
        "2026-03-02,walk_in,Ахметов,Асқар,kk,Хромтау,land,Жол жөндеу\n",
        now,
    );
    assert_eq!(lines, vec!["imported: 1, rejected: 0"]);
    let imported = file.recent_appeals(1).unwrap()[0].id;
    let want = lifecycle_of(&desk, typed.appeal_id);
    assert_eq!(
        want,
        (
            "registered".into(),
            Some((Some(NextAction::AnswerWithDate), day(2026, 3, 27)))
        )
    );
    assert_eq!(lifecycle_of(&file, imported), want);
    // An older row counts from its own registration date (16 February: 15 working
    // days = 10 March, 9 March being off), and shows as overdue in the due list.
    let lines = import_csv(
        &mut file,
        d2.path(),
        "16.02.2026,paper,Сейітова,Гүлнар,kk,Хромтау,land,Су\n",
        at(day(2026, 3, 12), 9, 0),
    );
    assert_eq!(lines, vec!["imported: 1, rejected: 0"]);
    let due = file.due_appeals(day(2026, 3, 12), 10).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].due_on, day(2026, 3, 10));
    assert_eq!(due[0].next_action, Some(NextAction::AnswerWithDate));
}

#[test]
fn an_import_is_all_or_nothing_through_the_register_service() {
    let (dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let now = at(day(2026, 3, 2), 10, 0);
    let good = draft("Ахметов", "Асқар", "Жол");
    let mut bad = draft("Сейітова", "Гүлнар", "Су");
    bad.applicant.iin = "123".into();
    let e = register::register_many(
        &mut s,
        &office("KHR"),
        &Actor::cli("import"),
        now,
        &[(day(2026, 3, 2), good.clone()), (day(2026, 3, 2), bad)],
    )
    .unwrap_err();
    assert!(matches!(e, ServiceError::Fields(_)), "{e:?}");
    assert_eq!(count(&s, "SELECT count(*) FROM appeals"), 0);
    let r = register::register_many(
        &mut s,
        &office("KHR"),
        &Actor::cli("import"),
        now,
        &[(day(2026, 3, 2), good)],
    )
    .unwrap();
    assert_eq!(r.len(), 1);
    drop(dir);
}

/// An appeal scheduled for a reception on 2 March 2026, and its current version.
fn scheduled(s: &mut Store, o: &Office) -> (i64, i64) {
    let now = at(day(2026, 3, 2), 9, 0);
    let mut d = draft("Ахметов", "Асқар", "Жол");
    d.receive_today = true;
    let r = register::register(s, o, &Actor::system(), now, &d).unwrap();
    (r.appeal_id, s.appeal(r.appeal_id).unwrap().version)
}

#[test]
fn a_step_is_checked_against_the_stored_status_and_a_stale_card_is_a_conflict() {
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let o = office("KHR");
    let (id, v) = scheduled(&mut s, &o);
    let now = at(day(2026, 3, 2), 11, 0);
    // A step the state machine refuses from `scheduled`.
    let e =
        lifecycle::step(&mut s, &o, &Actor::system(), now, id, v, &Transition::Close).unwrap_err();
    assert!(matches!(e, ServiceError::Step(_)), "{e:?}");
    // The reception took place.
    let done = lifecycle::step(
        &mut s,
        &o,
        &Actor::system(),
        now,
        id,
        v,
        &Transition::Receive,
    )
    .unwrap();
    assert_eq!(
        (done.from, done.to, done.next),
        (Status::Scheduled, Status::Received, None)
    );
    assert_eq!(lifecycle_of(&s, id), ("received".into(), None));
    // The same card again (its version is now stale): a conflict, nothing written.
    let events = count(&s, "SELECT count(*) FROM appeal_events");
    let e =
        lifecycle::step(&mut s, &o, &Actor::system(), now, id, v, &Transition::Close).unwrap_err();
    assert!(matches!(e, ServiceError::Conflict), "{e:?}");
    assert_eq!(count(&s, "SELECT count(*) FROM appeal_events"), events);
    // Read again, the step goes through.
    let v2 = s.appeal(id).unwrap().version;
    lifecycle::step(
        &mut s,
        &o,
        &Actor::system(),
        now,
        id,
        v2,
        &Transition::Close,
    )
    .unwrap();
    assert_eq!(s.appeal(id).unwrap().status, "closed");
    let e = lifecycle::step(
        &mut s,
        &o,
        &Actor::system(),
        now,
        999,
        1,
        &Transition::Close,
    )
    .unwrap_err();
    assert!(matches!(e, ServiceError::NotFound), "{e:?}");
}

#[test]
fn two_desks_racing_the_same_step_one_wins_the_other_is_told_of_the_conflict() {
    let (_dir, db) = temp_db();
    let o = office("KHR");
    let mut ids = Vec::new();
    for round in 0..3 {
        // Each round: a new appeal scheduled for today; both desks hold its card
        // and press "received" together.
        let (id, version) = {
            let mut s = Store::open(&db).unwrap();
            scheduled(&mut s, &o)
        };
        ids.push(id);
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = (0..2)
            .map(|desk| {
                let db = db.clone();
                let o = o.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    let mut s = Store::open(&db).unwrap();
                    barrier.wait();
                    lifecycle::step(
                        &mut s,
                        &o,
                        &Actor {
                            operator_id: None,
                            name: format!("op:desk{desk}"),
                        },
                        at(day(2026, 3, 2), 10, 0),
                        id,
                        version,
                        &Transition::Receive,
                    )
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let won = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(won, 1, "round {round}: {results:?}");
        let lost = results.into_iter().find_map(|r| r.err()).unwrap();
        assert!(
            matches!(lost, ServiceError::Conflict),
            "round {round}: {lost:?}"
        );
        // The loser is told in words, not given SQLITE_BUSY.
        let ru = service_error(Lang::Ru, &lost);
        assert!(ru.contains("изменено на другом рабочем месте"), "{ru}");
        let kk = service_error(Lang::Kk, &lost);
        assert!(kk.contains("басқа жұмыс орнында"), "{kk}");
    }
    let s = Store::open(&db).unwrap();
    // One "received" per appeal in the history, never two.
    for id in ids {
        assert_eq!(
            count(
                &s,
                &format!(
                    "SELECT count(*) FROM appeal_events WHERE appeal_id = {id} AND to_status = 'received'"
                )
            ),
            1
        );
    }
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
}

#[test]
fn every_transaction_of_a_store_connection_takes_the_write_lock_when_it_begins() {
    let (_dir, db) = temp_db();
    let s = Store::open(&db).unwrap();
    // A transaction begun the plain way (no behaviour named) ...
    let tx = s.conn().unchecked_transaction().unwrap();
    // ... already holds the write lock: another connection that will not wait
    // cannot begin a write. (A DEFERRED transaction would take no lock until its
    // first write, and then fail with SQLITE_BUSY instead of waiting.)
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .busy_timeout(std::time::Duration::from_millis(0))
        .unwrap();
    let e = other.execute_batch("BEGIN IMMEDIATE").unwrap_err();
    assert!(e.to_string().contains("locked"), "{e}");
    tx.rollback().unwrap();
    other.execute_batch("BEGIN IMMEDIATE; ROLLBACK").unwrap();
}

fn official(s: &mut Store) -> i64 {
    s.add_official(
        &Actor::system(),
        at(day(2026, 3, 2), 8, 0),
        &Official {
            surname: "Бекет".into(),
            name: "Асқар".into(),
            active: true,
            ..Default::default()
        },
    )
    .unwrap()
}

fn protocol(appeal_id: i64, official_id: i64, executors: &[&str]) -> ProtocolDraft {
    ProtocolDraft {
        appeal_id,
        official_id: Some(official_id),
        held_on: Some(day(2026, 3, 2)),
        decision: "Тексеру".into(),
        outcome: Some("supported".into()),
        instructions: executors
            .iter()
            .map(|e| InstructionDraft {
                text: "Тексерсін".into(),
                executor: e.to_string(),
                due_on: Some(day(2026, 3, 20)),
            })
            .collect(),
    }
}

#[test]
fn a_protocol_puts_instructions_on_control_and_refuses_an_earlier_executor() {
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let o = office("KHR");
    let off = official(&mut s);
    let (id, _) = scheduled(&mut s, &o);
    let now = at(day(2026, 3, 2), 10, 0);
    // A form with an empty middle row: the rows keep their form index.
    let mut first = protocol(id, off, &["Ахметов Асқар", "", "Сейітова Гүлнар"]);
    first.instructions[1].text.clear();
    first.instructions[1].due_on = None;
    reception::save_protocol(&mut s, &o, &Actor::system(), now, &first).unwrap();
    assert_eq!(s.appeal(id).unwrap().status, "on_control");
    assert_eq!(s.instructions_of(id).unwrap().len(), 2);
    // Reassigned away from Ахметов: he is an earlier executor of this appeal all the same.
    let ins = s.instructions_of(id).unwrap()[0].id;
    services::control::reassign(&mut s, &Actor::system(), now, ins, "Бекова Дана").unwrap();
    let protocols = count(&s, "SELECT count(*) FROM protocols");
    let e = reception::save_protocol(
        &mut s,
        &o,
        &Actor::system(),
        now,
        &protocol(id, off, &["Жаңа Адам", "ахметов асқар"]),
    )
    .unwrap_err();
    match &e {
        ServiceError::ExecutorConflict(v) => {
            assert_eq!(v, &vec![(Some(1), "Ахметов Асқар".to_string())])
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&s, "SELECT count(*) FROM protocols"), protocols);
    // The reassignment rule words its refusal through the same error.
    let e = services::control::reassign(&mut s, &Actor::system(), now, ins, "Сейітова Гүлнар")
        .unwrap_err();
    assert!(
        service_error(Lang::Ru, &e).contains("Сейітова Гүлнар"),
        "{e:?}"
    );
    // No official: the form's field errors, nothing written.
    let mut no_official = protocol(id, off, &["Жаңа Адам"]);
    no_official.official_id = None;
    let e = reception::save_protocol(&mut s, &o, &Actor::system(), now, &no_official).unwrap_err();
    assert!(matches!(e, ServiceError::Fields(_)), "{e:?}");
}

#[test]
fn answering_every_instruction_answers_the_appeal_and_a_bad_answer_says_why() {
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let o = office("KHR");
    let off = official(&mut s);
    let (id, _) = scheduled(&mut s, &o);
    let now = at(day(2026, 3, 2), 10, 0);
    reception::save_protocol(
        &mut s,
        &o,
        &Actor::system(),
        now,
        &protocol(id, off, &["Ахметов Асқар"]),
    )
    .unwrap();
    let ins = s.instructions_of(id).unwrap()[0].id;
    let later = at(day(2026, 3, 10), 10, 0);
    let e = services::control::answer(
        &mut s,
        &Actor::system(),
        later,
        ins,
        &qabyldau::domain::control::AnswerDraft {
            answered_on: Some(day(2026, 3, 10)),
            summary: String::new(),
            doc_no: String::new(),
        },
    )
    .unwrap_err();
    assert!(matches!(e, ServiceError::Answer(_)), "{e:?}");
    let done = services::control::answer(
        &mut s,
        &Actor::system(),
        later,
        ins,
        &qabyldau::domain::control::AnswerDraft {
            answered_on: Some(day(2026, 3, 10)),
            summary: "Жол жөнделді".into(),
            doc_no: "01-15/123".into(),
        },
    )
    .unwrap();
    assert!(done.appeal_answered);
    assert_eq!(s.appeal(id).unwrap().status, "answered");
}

#[test]
fn an_edit_with_consent_withdrawn_is_one_write_and_a_stale_edit_is_a_conflict() {
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let o = office("KHR");
    let now = at(day(2026, 3, 2), 10, 0);
    let d = draft("Ахметов", "Асқар", "Жол");
    let r = register::register(&mut s, &o, &Actor::system(), now, &d).unwrap();
    let loaded = s.appeal(r.appeal_id).unwrap();
    let mut edited = d.clone();
    edited.essence = "Жол мен көпір".into();
    edited.applicant.consent = false;
    register::update(&mut s, &o, &Actor::system(), now, &loaded, &edited, false).unwrap();
    let after = s.appeal(r.appeal_id).unwrap();
    assert_eq!(after.essence, "Жол мен көпір");
    assert!(!after.applicant.consent);
    assert!(s
        .consent_withdrawn_at(after.applicant.id.unwrap())
        .unwrap()
        .is_some());
    // The card read before that edit is stale now.
    let e = register::update(&mut s, &o, &Actor::system(), now, &loaded, &d, false).unwrap_err();
    assert!(matches!(e, ServiceError::Conflict), "{e:?}");
    register::update(&mut s, &o, &Actor::system(), now, &loaded, &d, true).unwrap();
    assert_eq!(s.appeal(r.appeal_id).unwrap().essence, "Жол");
}

#[test]
fn repeat_appeals_are_found_by_iin_or_by_folded_name_and_store_errors_are_returned() {
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let o = office("KHR");
    let now = at(day(2026, 3, 2), 10, 0);
    let mut d = draft("Өмірбекова", "Айгүл", "Жер");
    d.applicant.iin = iin("9005154");
    d.receive_today = true;
    let r = register::register(&mut s, &o, &Actor::system(), now, &d).unwrap();
    // Only an appeal that was received makes a new one a repeat.
    let by_iin = RepeatQuery::new(&d.applicant.iin, "", "", "", "land");
    assert!(register::find_repeats(&s, &by_iin, None)
        .unwrap()
        .appeals
        .is_empty());
    let v = s.appeal(r.appeal_id).unwrap().version;
    lifecycle::step(
        &mut s,
        &o,
        &Actor::system(),
        now,
        r.appeal_id,
        v,
        &Transition::Receive,
    )
    .unwrap();
    let by_iin = RepeatQuery::new(&format!(" {} ", d.applicant.iin), "", "", "", "land");
    let found = register::find_repeats(&s, &by_iin, None).unwrap();
    assert_eq!(found.appeals.len(), 1);
    assert!(!found.by_name);
    // Editing that very appeal: it is not its own repeat.
    assert!(register::find_repeats(&s, &by_iin, Some(r.appeal_id))
        .unwrap()
        .appeals
        .is_empty());
    let by_name = RepeatQuery::new("", "Омирбекова", "Айгул", "", "land");
    let found = register::find_repeats(&s, &by_name, None).unwrap();
    assert_eq!((found.appeals.len(), found.by_name), (1, true));
    assert_eq!(
        RepeatQuery::new(&d.applicant.iin, "", "", "", " "),
        RepeatQuery::Nothing
    );
    // Another topic: no repeat.
    let other = RepeatQuery::new(&d.applicant.iin, "", "", "", "housing");
    assert!(register::find_repeats(&s, &other, None)
        .unwrap()
        .appeals
        .is_empty());
    // A broken database is reported, not read as "no repeats".
    s.conn().execute_batch("DROP TABLE appeals_fts").ok();
    s.conn()
        .execute_batch("ALTER TABLE appeals RENAME TO appeals_gone")
        .unwrap();
    assert!(register::find_repeats(&s, &by_iin, None).is_err());
}

#[test]
fn office_settings_have_their_defaults_in_one_place_and_save_in_one_audited_write() {
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let d = s.office_settings().unwrap();
    assert_eq!(d, OfficeSettings::default());
    assert_eq!((d.prefix.as_str(), d.retention_years), ("QBL", 5));
    assert_eq!(
        qabyldau::i18n::office_name(&d, Lang::Ru),
        qabyldau::i18n::office_name(&OfficeSettings::default(), Lang::Ru)
    );
    // Saving the defaults writes nothing.
    s.save_office_settings(&Actor::system(), at(day(2026, 3, 2), 9, 0), &d)
        .unwrap();
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), 0);
    let mut x = d.clone();
    x.prefix = "KHR".into();
    x.name_ru = "Аппарат акима Хромтауского района".into();
    x.profile_id = Some("model-2020".into());
    s.save_office_settings(&Actor::system(), at(day(2026, 3, 2), 9, 0), &x)
        .unwrap();
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), 3);
    assert_eq!(s.office_settings().unwrap(), x);
    assert_eq!(
        qabyldau::i18n::office_name(&x, Lang::Ru),
        "Аппарат акима Хромтауского района"
    );
    // The office the services use follows the settings: the 2020 profile counts the
    // answer term in calendar days.
    let (o, warnings) = Office::load(&s, None).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(o.settings.prefix, "KHR");
    let r = register::register(
        &mut s,
        &o,
        &Actor::system(),
        at(day(2026, 3, 2), 10, 0),
        &draft("Ахметов", "Асқар", "Жол"),
    )
    .unwrap();
    assert!(r.reg_no.starts_with("KHR-"));
    assert_eq!(
        s.next_due_of(r.appeal_id).unwrap(),
        Some((Some(NextAction::AnswerWithDate), day(2026, 3, 17)))
    );
    // A bad stored value reads as the default.
    s.set_setting(
        &Actor::system(),
        at(day(2026, 3, 2), 9, 0),
        "retention_years",
        "many",
    )
    .unwrap();
    assert_eq!(s.office_settings().unwrap().retention_years, 5);
}

#[test]
fn a_backup_through_the_service_is_a_readable_copy() {
    let (dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    register::register(
        &mut s,
        &office("KHR"),
        &Actor::system(),
        at(day(2026, 3, 2), 10, 0),
        &draft("Ахметов", "Асқар", "Жол"),
    )
    .unwrap();
    let to = dir.path().join("copy.sqlite");
    services::backup::backup_to(&s, &to).unwrap();
    let copy = Store::open(&to).unwrap();
    assert_eq!(count(&copy, "SELECT count(*) FROM appeals"), 1);
    // Not over an existing file.
    assert!(services::backup::backup_to(&s, &to).is_err());
    let daily = services::backup::daily(&s, &db, day(2026, 3, 2)).unwrap();
    assert!(daily.is_some());
    assert_eq!(
        services::backup::daily(&s, &db, day(2026, 3, 2)).unwrap(),
        None
    );
}

#[test]
fn the_store_returns_report_figures_and_the_documents_word_them() {
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let o = office("KHR");
    let mut d = draft("Ахметов", "Асқар", "Жол");
    d.settlement = String::new();
    register::register(&mut s, &o, &Actor::system(), at(day(2026, 3, 2), 10, 0), &d).unwrap();
    let (from, to) = (day(2026, 1, 1), day(2026, 3, 31));
    let figures = s.report_figures(from, to, to, &o.profile).unwrap();
    let walk_in = figures
        .by_channel
        .iter()
        .find(|l| l.code == "walk_in")
        .unwrap();
    assert_eq!(
        (walk_in.count, walk_in.kk.as_str(), walk_in.ru.as_str()),
        (1, "", "")
    );
    let nowhere = &figures.by_settlement[0];
    assert_eq!((nowhere.code.as_str(), nowhere.ru.as_str()), ("", ""));
    // Profile labels are data: the store keeps them.
    let land = figures.by_topic.iter().find(|l| l.code == "land").unwrap();
    assert!(!land.ru.is_empty() && land.count == 1);
    let r = s.report(from, to, to, &o.profile).unwrap();
    let walk_in = r.by_channel.iter().find(|l| l.code == "walk_in").unwrap();
    assert!(!walk_in.kk.is_empty() && !walk_in.ru.is_empty() && walk_in.kk != walk_in.ru);
    assert_eq!(r.by_settlement[0].ru, "не указано");
    assert_eq!(r.by_official[0].ru, "не назначено");
    let person = r
        .by_applicant_kind
        .iter()
        .find(|l| l.code == "individual")
        .unwrap();
    assert_eq!((person.count, person.ru.as_str()), (1, "Физические лица"));
}

#[test]
fn a_survey_draws_inside_its_write_and_a_bad_call_result_says_why() {
    use qabyldau::domain::survey::{CallProblem, CallResult, SampleSize};
    let (_dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let o = office("KHR");
    let (from, to) = (day(2026, 3, 1), day(2026, 3, 31));
    let now = at(day(2026, 4, 2), 10, 0);
    let e = services::survey::draw(
        &mut s,
        &Actor::system(),
        now,
        from,
        to,
        SampleSize::Count(5),
    )
    .unwrap_err();
    assert!(matches!(e, ServiceError::NobodyEligible), "{e:?}");
    assert_eq!(count(&s, "SELECT count(*) FROM surveys"), 0);
    // A consultation (outcome "explained") with a phone number: eligible.
    let off = official(&mut s);
    let mut d = draft("Ахметов", "Асқар", "Жол");
    d.applicant.phone = "+7 701 234 56 78".into();
    d.receive_today = true;
    let r =
        register::register(&mut s, &o, &Actor::system(), at(day(2026, 3, 2), 9, 0), &d).unwrap();
    let mut p = protocol(r.appeal_id, off, &[]);
    p.outcome = Some("explained".into());
    reception::save_protocol(&mut s, &o, &Actor::system(), at(day(2026, 3, 2), 10, 0), &p).unwrap();
    let id = services::survey::draw(
        &mut s,
        &Actor::system(),
        now,
        from,
        to,
        SampleSize::Count(5),
    )
    .unwrap();
    let calls = s.survey_calls(id).unwrap();
    assert_eq!(calls.len(), 1);
    let bad = CallResult {
        reached: false,
        score: Some(5),
        comment: String::new(),
    };
    let e = services::survey::record_call(&mut s, &Actor::system(), now, calls[0].id, &bad)
        .unwrap_err();
    match e {
        ServiceError::Call(ps) => assert!(ps.contains(&CallProblem::ScoreWithoutReach)),
        other => panic!("{other:?}"),
    }
    let good = CallResult {
        reached: true,
        score: Some(5),
        comment: String::new(),
    };
    services::survey::record_call(&mut s, &Actor::system(), now, calls[0].id, &good).unwrap();
    assert!(s.survey_calls(id).unwrap()[0].called_at.is_some());
}
