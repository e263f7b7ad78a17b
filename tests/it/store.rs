//! The store against a real SQLite file: write, reopen, read.
use crate::common;
use common::*;
use qabyldau::domain::{InstructionDraft, Official, ProtocolDraft, QueueStatus};
use qabyldau::store::{verify_chain, Actor, Store, StoreError};

fn official(store: &mut Store) -> i64 {
    store
        .add_official(
            &Actor::system(),
            at(day(2026, 3, 2), 8, 0),
            &Official {
                surname: "Бекет".into(),
                name: "Асқар".into(),
                position_kk: "Аудан әкімі".into(),
                position_ru: "Аким района".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap()
}

#[test]
fn register_queue_protocol_survive_reopen() {
    let (_dir, path) = temp_db();
    let today = day(2026, 3, 16);
    let actor = Actor::system();
    let (appeal_id, off);
    {
        let mut s = Store::open(&path).unwrap();
        assert!(s.created);
        off = official(&mut s);
        let mut d = draft("Өмірбекова", "Айгүл", "Жер телімі");
        d.applicant.iin = iin("9005154");
        d.receive_today = true;
        let r = s
            .register_appeal(&actor, at(today, 9, 0), today, "KHR", &d)
            .unwrap();
        assert_eq!(r.reg_no, "KHR-2026-000001");
        assert_eq!(r.ticket, Some(1));
        appeal_id = r.appeal_id;
        let mut d2 = draft("Иванов", "Пётр", "Дорога");
        d2.receive_today = true;
        d2.applicant.category = Some("disability".into());
        let r2 = s
            .register_appeal(&actor, at(today, 9, 5), today, "KHR", &d2)
            .unwrap();
        assert_eq!(r2.ticket, Some(2));
        assert_eq!(r2.reg_no, "KHR-2026-000002");
        // Out-of-turn first.
        let q = s.queue_of(today).unwrap();
        assert_eq!(q.iter().map(|e| e.ticket).collect::<Vec<_>>(), vec![2, 1]);
        let first = q.iter().find(|e| e.ticket == 1).unwrap().id;
        s.move_queue_entry(
            &actor,
            at(today, 9, 10),
            first,
            QueueStatus::Called,
            Some("urgent"),
        )
        .unwrap();
        s.move_queue_entry(
            &actor,
            at(today, 9, 11),
            first,
            QueueStatus::InReception,
            None,
        )
        .unwrap();
        s.save_protocol(
            &actor,
            at(today, 9, 30),
            &ProtocolDraft {
                appeal_id,
                official_id: Some(off),
                held_on: Some(today),
                decision: "Тексеру".into(),
                outcome: Some("supported".into()),
                instructions: vec![InstructionDraft {
                    text: "Жер бөлімі тексерсін".into(),
                    executor: "Ахметов Б.".into(),
                    due_on: Some(day(2026, 4, 6)),
                }],
            },
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert!(!s.created);
    let a = s.appeal(appeal_id).unwrap();
    assert_eq!(a.applicant.surname, "Өмірбекова");
    assert_eq!(a.status, "on_control");
    assert_eq!(a.outcome.as_deref(), Some("supported"));
    let q = s.queue_of(today).unwrap();
    let e = q.iter().find(|e| e.appeal_id == appeal_id).unwrap();
    assert_eq!(e.status, QueueStatus::Received);
    assert_eq!(e.out_of_order_reason.as_deref(), Some("urgent"));
    let p = s.protocols_of(appeal_id).unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].instructions[0].executor, "Ахметов Б.");
    let c = s.on_control(None, 10).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].reg_no, "KHR-2026-000001");
    // Tickets restart the next day; the history of the past day stays.
    let mut s = s;
    let next = day(2026, 3, 17);
    let mut d3 = draft("Сейіт", "Ерлан", "Су");
    d3.receive_today = true;
    let r3 = s
        .register_appeal(&actor, at(next, 9, 0), next, "KHR", &d3)
        .unwrap();
    assert_eq!(r3.ticket, Some(1));
    assert_eq!(s.queue_of(today).unwrap().len(), 2);
    assert_eq!(s.queue_days(10).unwrap().len(), 2);
    let events = s.appeal_events(appeal_id).unwrap();
    let statuses: Vec<&str> = events.iter().map(|e| e.2.as_str()).collect();
    assert_eq!(
        statuses,
        vec!["registered", "scheduled", "received", "on_control"]
    );
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
}

#[test]
fn search_folds_kazakh_russian_latin() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let d0 = day(2026, 3, 16);
    for (sn, n) in [
        ("Қайратов", "Нұрлан"),
        ("Өмірбекова", "Айгүл"),
        ("Иванов", "Пётр"),
    ] {
        s.register_appeal(
            &Actor::system(),
            at(d0, 9, 0),
            d0,
            "KHR",
            &draft(sn, n, "x"),
        )
        .unwrap();
    }
    for q in ["кайратов", "ҚАЙРАТ", "Qairatov", "нурлан"] {
        let hits = s.search_appeals(q, 10).unwrap();
        assert_eq!(hits.len(), 1, "{q}");
        assert_eq!(hits[0].applicant_name, "Қайратов Нұрлан");
    }
    assert_eq!(s.search_appeals("Омирбекова", 10).unwrap().len(), 1);
    assert_eq!(
        s.search_appeals("KHR-2026-000003", 10).unwrap()[0].applicant_name,
        "Иванов Пётр"
    );
    assert_eq!(s.search_appeals("zzz", 10).unwrap().len(), 0);
}

#[test]
fn concurrent_edit_is_detected() {
    let (_dir, path) = temp_db();
    let d0 = day(2026, 3, 16);
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    let id = a
        .register_appeal(
            &Actor::system(),
            at(d0, 9, 0),
            d0,
            "KHR",
            &draft("Ким", "Ольга", "x"),
        )
        .unwrap()
        .appeal_id;
    let mut ea = a.appeal(id).unwrap();
    let mut eb = b.appeal(id).unwrap();
    ea.essence = "first".into();
    a.update_appeal(&Actor::system(), at(d0, 9, 1), &ea, false)
        .unwrap();
    eb.essence = "second".into();
    assert!(matches!(
        b.update_appeal(&Actor::system(), at(d0, 9, 2), &eb, false),
        Err(StoreError::Conflict)
    ));
    b.update_appeal(&Actor::system(), at(d0, 9, 2), &eb, true)
        .unwrap();
    assert_eq!(a.appeal(id).unwrap().essence, "second");
}

#[test]
fn newer_schema_is_refused() {
    let (_dir, path) = temp_db();
    {
        let s = Store::open(&path).unwrap();
        s.conn().pragma_update(None, "user_version", 999).unwrap();
    }
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::SchemaTooNew { found: 999, .. })
    ));
}

#[test]
fn audit_log_is_append_only() {
    let (_dir, path) = temp_db();
    let d0 = day(2026, 3, 16);
    let mut s = Store::open(&path).unwrap();
    s.register_appeal(
        &Actor::system(),
        at(d0, 9, 0),
        d0,
        "KHR",
        &draft("Ким", "Ольга", "x"),
    )
    .unwrap();
    assert!(s
        .conn()
        .execute("UPDATE audit_log SET actor = 'x'", [])
        .is_err());
    assert!(s.conn().execute("DELETE FROM audit_log", []).is_err());
}
