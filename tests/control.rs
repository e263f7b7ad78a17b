//! Control of instructions against a real database: final answers, the conflict
//! rule on reassignment, repeat appeals.
mod common;
use common::*;
use qabyldau::domain::control::{AnswerDraft, CloseProblem};
use qabyldau::domain::{InstructionDraft, InstructionStatus, Official, ProtocolDraft};
use qabyldau::store::{verify_chain, Actor, ControlError, Store};

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

/// An appeal received on 2026-03-02 with two instructions.
fn received_with_two_instructions(s: &mut Store) -> (i64, Vec<i64>) {
    let off = official(s);
    let held = day(2026, 3, 2);
    let mut d = draft("Өмірбекова", "Айгүл", "Жер телімі");
    d.applicant.iin = iin("9005154");
    let r = s
        .register_appeal(&Actor::system(), at(held, 9, 0), held, "KHR", &d)
        .unwrap();
    s.save_protocol(
        &Actor::system(),
        at(held, 10, 0),
        &ProtocolDraft {
            appeal_id: r.appeal_id,
            official_id: Some(off),
            held_on: Some(held),
            decision: "Тексеру".into(),
            outcome: Some("supported".into()),
            instructions: vec![
                InstructionDraft {
                    text: "Жер бөлімі тексерсін".into(),
                    executor: "Ахметов Асқар".into(),
                    due_on: Some(day(2026, 3, 20)),
                },
                InstructionDraft {
                    text: "Жауап дайындасын".into(),
                    executor: "Сейітова Гүлнар".into(),
                    due_on: Some(day(2026, 3, 25)),
                },
            ],
        },
    )
    .unwrap();
    let ids = s
        .instructions_of(r.appeal_id)
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    (r.appeal_id, ids)
}

fn answer(on: chrono::NaiveDate, summary: &str) -> AnswerDraft {
    AnswerDraft {
        answered_on: Some(on),
        summary: summary.into(),
        doc_no: "01-12/345".into(),
    }
}

#[test]
fn answers_take_instructions_off_control_and_answer_the_appeal() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let (appeal, ids) = received_with_two_instructions(&mut s);
    assert_eq!(s.appeal(appeal).unwrap().status, "on_control");
    let now = at(day(2026, 3, 16), 11, 0);
    let a = Actor::system();

    // Before the protocol date, after today, without summary: refused, nothing written.
    for (draft, problem) in [
        (
            answer(day(2026, 3, 1), "Жауап"),
            CloseProblem::BeforeProtocol,
        ),
        (answer(day(2026, 3, 17), "Жауап"), CloseProblem::InFuture),
        (answer(day(2026, 3, 10), "  "), CloseProblem::SummaryMissing),
    ] {
        match s.answer_instruction(&a, now, ids[0], &draft) {
            Err(ControlError::Rule(p)) => assert_eq!(p, vec![problem]),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        s.instruction(ids[0]).unwrap().status,
        InstructionStatus::OnControl
    );

    let r = s
        .answer_instruction(
            &a,
            now,
            ids[0],
            &answer(day(2026, 3, 10), " Жауап берілді "),
        )
        .unwrap();
    assert!(!r.appeal_answered);
    let i = s.instruction(ids[0]).unwrap();
    assert_eq!(i.status, InstructionStatus::Answered);
    assert_eq!(i.answered_on, Some(day(2026, 3, 10)));
    assert_eq!(i.answer_summary, "Жауап берілді");
    assert_eq!(i.answer_doc_no, "01-12/345");
    assert_eq!(s.appeal(appeal).unwrap().status, "on_control");
    assert_eq!(s.on_control(None, 10).unwrap().len(), 1);

    // Twice: refused.
    match s.answer_instruction(&a, now, ids[0], &answer(day(2026, 3, 11), "again")) {
        Err(ControlError::Rule(p)) => assert_eq!(p, vec![CloseProblem::AlreadyAnswered]),
        other => panic!("{other:?}"),
    }

    // The last one: the appeal is answered.
    let r = s
        .answer_instruction(&a, now, ids[1], &answer(day(2026, 3, 16), "Жауап"))
        .unwrap();
    assert!(r.appeal_answered);
    assert_eq!(s.appeal(appeal).unwrap().status, "answered");
    let events = s.appeal_events(appeal).unwrap();
    assert_eq!(events.last().unwrap().2, "answered");
    assert!(s.on_control(None, 10).unwrap().is_empty());
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
}

#[test]
fn reassignment_refuses_earlier_handlers() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let (appeal, ids) = received_with_two_instructions(&mut s);
    let now = at(day(2026, 3, 16), 11, 0);
    let a = Actor::system();
    // The executor of the other instruction, written in another script and case.
    match s.reassign_executor(&a, now, ids[0], "SEITOVA GULNAR") {
        Err(ControlError::Conflict {
            previous,
            earlier_appeal,
        }) => {
            assert_eq!(previous, "Сейітова Гүлнар");
            assert_eq!(earlier_appeal, None, "this appeal's own executor");
        }
        other => panic!("{other:?}"),
    }
    // Its own executor, by initial.
    assert!(matches!(
        s.reassign_executor(&a, now, ids[0], "Ахметов А."),
        Err(ControlError::Conflict { .. })
    ));
    assert!(matches!(
        s.reassign_executor(&a, now, ids[0], "  "),
        Err(ControlError::ExecutorInvalid)
    ));
    s.reassign_executor(&a, now, ids[0], "Омаров Берік")
        .unwrap();
    assert_eq!(s.instruction(ids[0]).unwrap().executor, "Омаров Берік");
    assert_eq!(
        s.previous_executors(appeal).unwrap(),
        vec!["Омаров Берік", "Сейітова Гүлнар", "Ахметов Асқар"]
    );
    // The replaced executor stays a previous handler.
    assert!(matches!(
        s.reassign_executor(&a, now, ids[1], "Ахметов Асқар"),
        Err(ControlError::Conflict { .. })
    ));
    // An answered instruction is not reassigned.
    s.answer_instruction(&a, now, ids[1], &answer(day(2026, 3, 16), "Жауап"))
        .unwrap();
    assert!(matches!(
        s.reassign_executor(&a, now, ids[1], "Жаңа Адам"),
        Err(ControlError::Rule(_))
    ));
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
}

#[test]
fn previous_appeals_find_received_or_answered_on_same_topic() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let (first, _) = received_with_two_instructions(&mut s);
    let who = iin("9005154");
    let d0 = day(2026, 3, 20);
    // Same person, other topic; same topic but only registered (not received).
    let mut other_topic = draft("Өмірбекова", "Айгүл", "Мектеп");
    other_topic.applicant.iin = who.clone();
    other_topic.topic = "education".into();
    s.register_appeal(&Actor::system(), at(d0, 9, 0), d0, "KHR", &other_topic)
        .unwrap();
    let mut pending = draft("Өмірбекова", "Айгүл", "Жер тағы");
    pending.applicant.iin = who.clone();
    s.register_appeal(&Actor::system(), at(d0, 9, 5), d0, "KHR", &pending)
        .unwrap();
    let hits = s.previous_appeals(&who, "land").unwrap();
    assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![first]);
    assert!(s.previous_appeals(&who, "education").unwrap().is_empty());
    assert!(s
        .previous_appeals(&iin("8001011"), "land")
        .unwrap()
        .is_empty());
    assert!(s.previous_appeals("", "land").unwrap().is_empty());
}

#[test]
fn previous_appeals_by_name_use_the_search_folding() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    // "Өмірбекова Айгүл" (no patronymic), received, topic "land".
    let (first, _) = received_with_two_instructions(&mut s);
    let by = |s: &Store, sn: &str, n: &str, p: &str, t: &str| -> Vec<i64> {
        s.previous_appeals_by_name(sn, n, p, t)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect()
    };
    // Typed on a Russian keyboard, in capitals, in Latin letters, with a patronymic.
    for (sn, n, p) in [
        ("Омирбекова", "Айгуль", ""),
        ("ӨМІРБЕКОВА", "АЙГҮЛ", ""),
        ("Omirbekova", "Aigul", ""),
        ("Омирбекова", "Айгуль", "Серикқызы"),
    ] {
        assert_eq!(by(&s, sn, n, p, "land"), vec![first], "{sn} {n} {p}");
    }
    assert!(by(&s, "Омирбекова", "Айгерим", "", "land").is_empty());
    assert!(by(&s, "Омирбекова", "Айгуль", "", "education").is_empty());
    assert!(by(&s, "Омирбекова", "", "", "land").is_empty());
    // With a patronymic stored, a different typed one is another person; none
    // typed still matches.
    let d0 = day(2026, 3, 20);
    let mut other = draft("Сейітов", "Ерлан", "Жер");
    other.applicant.patronymic = "Асқарұлы".into();
    let r = s
        .register_appeal(&Actor::system(), at(d0, 9, 0), d0, "KHR", &other)
        .unwrap();
    s.set_appeal_status(
        &Actor::system(),
        at(d0, 10, 0),
        r.appeal_id,
        "received",
        serde_json::json!({}),
    )
    .unwrap();
    assert_eq!(
        by(&s, "Сеитов", "Ерлан", "Аскарулы", "land"),
        vec![r.appeal_id]
    );
    assert_eq!(by(&s, "Сеитов", "Ерлан", "", "land"), vec![r.appeal_id]);
    assert!(by(&s, "Сеитов", "Ерлан", "Болатұлы", "land").is_empty());
    // "Сеитов Ерлан" must not catch "Сеитов Ерланбек".
    assert!(by(&s, "Сеитов", "Ерла", "", "land").is_empty());
}
