//! Issue 11 through the services the desk and the command line call: the two-stage
//! answer of oblast-2025 as steps, a redirect with its letter and outgoing number,
//! rounds of control and executors from the office's list.
use crate::common;
use common::*;
use qabyldau::docs::letters::{LetterInput, LetterKind};
use qabyldau::domain::control::RoundProblem;
use qabyldau::domain::lifecycle::{NextAction, Status, Step, Transition};
use qabyldau::domain::{InstructionDraft, Lang, Official, ProtocolDraft};
use qabyldau::services::{self, Office, ServiceError};
use qabyldau::store::{Actor, StaffKind, Store};

fn office(profile: &str) -> Office {
    let mut o = Office::shipped();
    o.profile = qabyldau::assets::load_profile(None, Some(profile)).0;
    o.settings.prefix = "ALM".into();
    o
}

#[test]
fn oblast_2025_two_stage_answer_through_the_step_service() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let o = office("oblast-2025");
    let a = Actor::system();
    let r = services::register::register(
        &mut s,
        &o,
        &a,
        at(day(2026, 3, 2), 9, 0),
        &draft("Өмірбекова", "Айгүл", "Жер"),
    )
    .unwrap();
    assert_eq!(
        s.next_due_of(r.appeal_id).unwrap(),
        Some((Some(NextAction::NotifyInclusion), day(2026, 3, 27)))
    );
    let steps = services::lifecycle::available_steps(&s, &o, r.appeal_id).unwrap();
    assert_eq!(steps[0], Step::NotifyInclusion);
    let v = s.appeal(r.appeal_id).unwrap().version;
    let done = services::lifecycle::step(
        &mut s,
        &o,
        &a,
        at(day(2026, 3, 20), 10, 0),
        r.appeal_id,
        v,
        &Transition::NotifyInclusion {
            on: day(2026, 3, 20),
        },
    )
    .unwrap();
    assert_eq!(
        (done.from, done.to),
        (Status::Registered, Status::Registered)
    );
    // The date and time within 2 more working days (000 §25): 26, 27 March.
    assert_eq!(
        done.next,
        Some((NextAction::AnswerWithDate, day(2026, 3, 27)))
    );
    assert_eq!(
        s.next_due_of(r.appeal_id).unwrap(),
        Some((Some(NextAction::AnswerWithDate), day(2026, 3, 27)))
    );
    assert!(!services::lifecycle::available_steps(&s, &o, r.appeal_id)
        .unwrap()
        .contains(&Step::NotifyInclusion));
    // The 2023 model has no such stage.
    let m = office("model-2023");
    let r2 = services::register::register(
        &mut s,
        &m,
        &a,
        at(day(2026, 3, 2), 9, 5),
        &draft("Омаров", "Ерлан", "Жол"),
    )
    .unwrap();
    assert!(!services::lifecycle::available_steps(&s, &m, r2.appeal_id)
        .unwrap()
        .contains(&Step::NotifyInclusion));
}

#[test]
fn redirect_step_letter_and_outgoing_number() {
    let (dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let o = office("model-2023");
    let a = Actor::system();
    let r = services::register::register(
        &mut s,
        &o,
        &a,
        at(day(2026, 3, 2), 9, 0),
        &draft("Өмірбекова", "Айгүл", "Виза"),
    )
    .unwrap();
    let mut v = s.appeal(r.appeal_id).unwrap().version;
    let screened = services::lifecycle::step(
        &mut s,
        &o,
        &a,
        at(day(2026, 3, 3), 10, 0),
        r.appeal_id,
        v,
        &Transition::ScreenOut {
            ground: "outside_competence".into(),
            hearing_sent_on: day(2026, 3, 3),
        },
    )
    .unwrap();
    assert_eq!(screened.next, Some((NextAction::Redirect, day(2026, 3, 5))));
    v = s.appeal(r.appeal_id).unwrap().version;
    // Without the body: refused with the reason.
    let e = services::lifecycle::step(
        &mut s,
        &o,
        &a,
        at(day(2026, 3, 4), 10, 0),
        r.appeal_id,
        v,
        &Transition::Redirect {
            sent_on: day(2026, 3, 4),
            to: String::new(),
        },
    )
    .unwrap_err();
    assert!(qabyldau::i18n::services::service_error(Lang::Ru, &e).contains("ст. 76 АППК"));
    services::lifecycle::step(
        &mut s,
        &o,
        &a,
        at(day(2026, 3, 4), 10, 0),
        r.appeal_id,
        v,
        &Transition::Redirect {
            sent_on: day(2026, 3, 4),
            to: "Көші-қон қызметі".into(),
        },
    )
    .unwrap();
    let input = LetterInput {
        office: "Аппарат акима".into(),
        ..Default::default()
    };
    let p = services::letters::make(
        &s,
        &o,
        Some(dir.path()),
        r.appeal_id,
        LetterKind::Redirect,
        Lang::Ru,
        &input,
    )
    .unwrap();
    assert!(p.html.contains("Көші-қон қызметі") && p.html.contains("04.03.2026"));
    services::letters::record_outgoing(
        &mut s,
        &a,
        at(day(2026, 3, 4), 11, 0),
        r.appeal_id,
        p.letter.event_id,
        "01-15/9",
        day(2026, 3, 4),
    )
    .unwrap();
    let again = services::letters::make(
        &s,
        &o,
        None,
        r.appeal_id,
        LetterKind::Redirect,
        Lang::Kk,
        &input,
    )
    .unwrap();
    assert!(
        again.html.contains("01-15/9"),
        "the number is on the step now"
    );
    assert!(matches!(
        services::letters::record_outgoing(
            &mut s,
            &a,
            at(day(2026, 3, 4), 11, 1),
            r.appeal_id,
            p.letter.event_id,
            " ",
            day(2026, 3, 4)
        ),
        Err(ServiceError::Invalid("out_no"))
    ));
    assert!(matches!(
        services::letters::make(
            &s,
            &o,
            None,
            r.appeal_id,
            LetterKind::Extension,
            Lang::Kk,
            &input
        ),
        Err(ServiceError::Letter(_))
    ));
}

#[test]
fn rounds_of_control_and_executors_from_the_list() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let o = office("model-2023");
    let a = Actor::system();
    let d1 = day(2026, 3, 2);
    let off = s
        .add_official(
            &a,
            at(d1, 8, 0),
            &Official {
                surname: "Бекет".into(),
                name: "Асқар".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
    let unit = services::control::add_to_list(
        &mut s,
        &a,
        at(d1, 8, 0),
        StaffKind::Unit,
        "Жер бөлімі",
        None,
    )
    .unwrap();
    let other = services::control::add_to_list(
        &mut s,
        &a,
        at(d1, 8, 0),
        StaffKind::Unit,
        "Құрылыс бөлімі",
        None,
    )
    .unwrap();
    let r = services::register::register(
        &mut s,
        &o,
        &a,
        at(d1, 9, 0),
        &draft("Өмірбекова", "Айгүл", "Жер"),
    )
    .unwrap();
    services::reception::save_protocol(
        &mut s,
        &o,
        &a,
        at(d1, 10, 0),
        &ProtocolDraft {
            appeal_id: r.appeal_id,
            official_id: Some(off),
            held_on: Some(d1),
            decision: "Тексеру".into(),
            outcome: None,
            instructions: vec![InstructionDraft {
                text: "Тексерсін".into(),
                executor: "Жер бөлімі".into(),
                due_on: Some(day(2026, 3, 16)),
            }],
        },
    )
    .unwrap();
    let ins = s.instructions_of(r.appeal_id).unwrap()[0].id;
    // The unit named in the protocol is linked to the list: giving it again is a conflict.
    assert!(matches!(
        services::control::assign(&mut s, &a, at(d1, 11, 0), ins, unit),
        Err(ServiceError::ExecutorConflict(_))
    ));
    // An executor typed in a protocol and not on the list, given the instruction
    // again as a new employee under another spelling: refused, and the name does not
    // join the list (adding it and assigning are one transaction).
    let r2 = services::register::register(
        &mut s,
        &o,
        &a,
        at(d1, 9, 5),
        &draft("Өмірбекова", "Айгүл", "Құрылыс"),
    )
    .unwrap();
    services::reception::save_protocol(
        &mut s,
        &o,
        &a,
        at(d1, 10, 5),
        &ProtocolDraft {
            appeal_id: r2.appeal_id,
            official_id: Some(off),
            held_on: Some(d1),
            decision: "Тексеру".into(),
            outcome: None,
            instructions: vec![InstructionDraft {
                text: "Тексерсін".into(),
                executor: "Ахметов Болат".into(),
                due_on: Some(day(2026, 3, 16)),
            }],
        },
    )
    .unwrap();
    let ins2 = s.instructions_of(r2.appeal_id).unwrap()[0].id;
    let listed = s.staff(true).unwrap().len();
    assert!(matches!(
        services::control::assign_new_employee(&mut s, &a, at(d1, 11, 0), ins2, "АХМЕТОВ Болат"),
        Err(ServiceError::ExecutorConflict(_))
    ));
    assert_eq!(s.staff(true).unwrap().len(), listed);
    services::control::assign_new_employee(&mut s, &a, at(d1, 11, 0), ins, "Серікова Дана")
        .unwrap();
    assert_eq!(s.staff(true).unwrap().len(), listed + 1);
    assert_eq!(
        s.instructions_of(r.appeal_id).unwrap()[0].executor,
        "Серікова Дана"
    );
    services::control::assign(&mut s, &a, at(d1, 11, 0), ins, other).unwrap();
    assert!(matches!(
        services::control::extend(
            &mut s,
            &a,
            at(day(2026, 3, 10), 9, 0),
            ins,
            "",
            day(2026, 3, 20)
        ),
        Err(ServiceError::Round(p)) if p == vec![RoundProblem::ReasonMissing]
    ));
    services::control::extend(
        &mut s,
        &a,
        at(day(2026, 3, 10), 9, 0),
        ins,
        "Сұрау салынды",
        day(2026, 3, 20),
    )
    .unwrap();
    assert!(matches!(
        services::control::return_for_rework(&mut s, &a, at(day(2026, 3, 11), 9, 0), ins, "x", day(2026, 3, 25)),
        Err(ServiceError::Round(p)) if p == vec![RoundProblem::NotAnswered]
    ));
    assert_eq!(s.instruction_rounds(ins).unwrap().len(), 1);
}

#[test]
fn details_and_the_missing_national_number_line() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let o = office("model-2023");
    let a = Actor::system();
    // Registered Friday 20 March 2026; Nauryz 23-25 March off.
    let d1 = day(2026, 3, 20);
    let details = qabyldau::store::AppealDetails {
        citizenship: "Ұлыбритания".into(),
        interpreter_language: "English".into(),
        identity_shown: true,
        signatories: 1,
    };
    // Details the store refuses (no signatory) leave nothing registered: the
    // appeal and its details are one transaction.
    let before = s.appeal_count().unwrap();
    let bad = qabyldau::store::AppealDetails {
        signatories: 0,
        ..details.clone()
    };
    let smith = draft("Смит", "Джон", "Виза");
    assert!(services::register::register_with(
        &mut s,
        &o,
        &a,
        at(d1, 9, 0),
        &smith,
        Some(&bad),
        false
    )
    .is_err());
    assert_eq!(s.appeal_count().unwrap(), before, "nothing half registered");
    let r = services::register::register_with(
        &mut s,
        &o,
        &a,
        at(d1, 9, 0),
        &smith,
        Some(&details),
        false,
    )
    .unwrap();
    assert_eq!(s.appeal_details(r.appeal_id).unwrap(), details);
    assert!(s.appeal_details(r.appeal_id).unwrap().identity_shown);
    // One working day after registration is Thursday 26 March.
    for (today, listed) in [
        (d1, false),
        (day(2026, 3, 25), false),
        (day(2026, 3, 26), true),
    ] {
        let rows = services::register::missing_national_no(&s, &o, today, 10).unwrap();
        assert_eq!(!rows.is_empty(), listed, "{today}");
    }
}
