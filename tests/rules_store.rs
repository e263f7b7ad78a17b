//! Issue 11 against a real database, fixed dates: not-considered appeals, reception
//! details, the staff list and the conflict rule over the applicant's history, rework
//! and extension on control with report counts, redirect and missing national numbers
//! in the Today lists, the journal of oral appeals.
mod common;
use common::*;
use qabyldau::domain::control::{AnswerDraft, RoundKind, RoundProblem};
use qabyldau::domain::lifecycle::{self as lc, NextAction, Transition};
use qabyldau::domain::register::check_appeal;
use qabyldau::domain::{Channel, InstructionDraft, Official, ProtocolDraft};
use qabyldau::store::{verify_chain, Actor, AppealDetails, RulesError, StaffKind, Store};

fn official(s: &mut Store) -> i64 {
    s.add_official(
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

fn protocol(s: &mut Store, appeal: i64, off: i64, held: chrono::NaiveDate, executor: &str) {
    s.save_protocol(
        &Actor::system(),
        at(held, 10, 0),
        &ProtocolDraft {
            appeal_id: appeal,
            official_id: Some(off),
            held_on: Some(held),
            decision: "Тексеру".into(),
            outcome: Some("supported".into()),
            instructions: vec![InstructionDraft {
                text: "Тексерсін".into(),
                executor: executor.into(),
                due_on: Some(held + chrono::Duration::days(14)),
            }],
        },
    )
    .unwrap();
}

#[test]
fn paper_appeal_without_essence_is_registered_not_considered() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let profile = qabyldau::assets::default_profile();
    let mut d = draft("Өмірбекова", "Айгүл", "  ");
    d.channel = Some(Channel::Paper);
    d.receive_today = true;
    let d = check_appeal(&d, &profile).unwrap();
    let r = s
        .register_appeal(
            &Actor::system(),
            at(day(2026, 3, 2), 9, 0),
            day(2026, 3, 2),
            "KHR",
            &d,
        )
        .unwrap();
    let a = s.appeal(r.appeal_id).unwrap();
    assert_eq!(a.status, "not_considered");
    assert_eq!(r.ticket, None, "not queued");
    assert_eq!(
        lc::Status::from_code(&a.status).map(lc::Status::is_final),
        Some(true)
    );
    let steps = s.step_records(r.appeal_id).unwrap();
    assert_eq!(steps.last().unwrap().to_status, "not_considered");
    // Through the register service (the desk and the import): the same, with no next
    // due action; a walk-in appeal without the essence is refused with the field.
    let office = qabyldau::services::Office::shipped();
    let mut e = draft("Бекова", "Әсел", "");
    e.channel = Some(Channel::Electronic);
    let r2 = qabyldau::services::register::register(
        &mut s,
        &office,
        &Actor::system(),
        at(day(2026, 3, 2), 9, 30),
        &e,
    )
    .unwrap();
    assert_eq!(s.appeal(r2.appeal_id).unwrap().status, "not_considered");
    assert_eq!(s.next_due_of(r2.appeal_id).unwrap(), None);
    e.channel = Some(Channel::WalkIn);
    assert!(matches!(
        qabyldau::services::register::register(
            &mut s,
            &office,
            &Actor::system(),
            at(day(2026, 3, 2), 9, 31),
            &e
        ),
        Err(qabyldau::services::ServiceError::Fields(_))
    ));
    // The desk sets the next due action after registering: a finished appeal keeps none.
    s.set_next_due(
        r.appeal_id,
        Some((NextAction::AnswerWithDate, day(2026, 3, 23))),
    )
    .unwrap();
    assert_eq!(s.next_due_of(r.appeal_id).unwrap(), None);
    // Walk-in and phone still insist on the essence, in the domain and in the store.
    let mut w = draft("Өмірбекова", "Айгүл", " ");
    w.channel = Some(Channel::Phone);
    assert!(check_appeal(&w, &profile).is_err());
    assert!(s
        .register_appeal(
            &Actor::system(),
            at(day(2026, 3, 2), 9, 5),
            day(2026, 3, 2),
            "KHR",
            &w
        )
        .is_err());
    let rep = s
        .report(
            day(2026, 3, 1),
            day(2026, 3, 31),
            day(2026, 3, 31),
            &profile,
        )
        .unwrap();
    assert_eq!(rep.not_considered, 2);
}

#[test]
fn reception_details_and_collective_appeals_in_the_report() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let a = Actor::system();
    let day1 = day(2026, 3, 2);
    let r1 = s
        .register_appeal(
            &a,
            at(day1, 9, 0),
            day1,
            "KHR",
            &draft("Смит", "Джон", "Виза"),
        )
        .unwrap();
    let r2 = s
        .register_appeal(
            &a,
            at(day1, 9, 5),
            day1,
            "KHR",
            &draft("Омаров", "Ерлан", "Жол"),
        )
        .unwrap();
    assert_eq!(s.appeal_details(r1.appeal_id).unwrap().signatories, 1);
    let details = AppealDetails {
        citizenship: "Ұлыбритания".into(),
        interpreter_language: "English".into(),
        identity_shown: true,
        signatories: 1,
    };
    s.set_appeal_details(&a, at(day1, 9, 10), r1.appeal_id, &details)
        .unwrap();
    assert_eq!(s.appeal_details(r1.appeal_id).unwrap(), details);
    let collective = AppealDetails {
        signatories: 37,
        identity_shown: true,
        ..Default::default()
    };
    s.set_appeal_details(&a, at(day1, 9, 11), r2.appeal_id, &collective)
        .unwrap();
    assert!(matches!(
        s.set_appeal_details(
            &a,
            at(day1, 9, 12),
            r2.appeal_id,
            &AppealDetails {
                signatories: 0,
                ..Default::default()
            }
        ),
        Err(RulesError::Invalid("signatories"))
    ));
    let rep = s
        .report(
            day(2026, 3, 1),
            day(2026, 3, 31),
            day(2026, 3, 31),
            &qabyldau::assets::default_profile(),
        )
        .unwrap();
    assert_eq!((rep.collective_appeals, rep.signatories), (1, 37));
    let doc = qabyldau::docs::report::document(&rep, &qabyldau::docs::document::Bi::new("a", "b"));
    let html = qabyldau::docs::document::html(&doc);
    assert!(html.contains("Коллективных обращений"));
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
}

#[test]
fn conflict_rule_over_the_applicants_history_names_the_earlier_appeal() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let a = Actor::system();
    let off = official(&mut s);
    let now = at(day(2026, 3, 2), 8, 30);
    let unit = s
        .add_staff(&a, now, StaffKind::Unit, "Жер қатынастары бөлімі", None)
        .unwrap();
    let akhmetov = s
        .add_staff(&a, now, StaffKind::Employee, "Ахметов Асқар", Some(unit))
        .unwrap();
    let other = s
        .add_staff(&a, now, StaffKind::Employee, "Нұрланова Дана", Some(unit))
        .unwrap();
    // The same name again is the same entry (search folding).
    assert_eq!(
        s.add_staff(&a, now, StaffKind::Employee, "АХМЕТОВ АСКАР", Some(unit))
            .unwrap(),
        akhmetov
    );
    assert!(matches!(
        s.add_staff(&a, now, StaffKind::Employee, " ", None),
        Err(RulesError::Invalid("name"))
    ));
    assert_eq!(s.staff(false).unwrap().len(), 3);
    assert_eq!(s.staff(false).unwrap()[0].kind, StaffKind::Unit);

    // First appeal of the applicant on land: Akhmetov (chosen from the list) handled it.
    let person = || {
        let mut d = draft("Өмірбекова", "Айгүл", "Жер телімі");
        d.applicant.iin = iin("9005154");
        d
    };
    let d1 = day(2026, 3, 2);
    let first = s
        .register_appeal(&a, at(d1, 9, 0), d1, "KHR", &person())
        .unwrap();
    protocol(&mut s, first.appeal_id, off, d1, "Ахметов Асқар");
    let first_reg = s.appeal(first.appeal_id).unwrap().reg_no;
    // A second appeal of the same applicant on the same topic, from a reception.
    let d2 = day(2026, 4, 6);
    let second = s
        .register_appeal(&a, at(d2, 9, 0), d2, "KHR", &person())
        .unwrap();
    protocol(&mut s, second.appeal_id, off, d2, "Нұрланова Дана");
    let ins = s.instructions_of(second.appeal_id).unwrap()[0].id;
    match s.assign_executor(&a, at(d2, 11, 0), ins, akhmetov) {
        Err(RulesError::Conflict(hit)) => {
            assert_eq!(hit.name, "Ахметов Асқар");
            assert_eq!(hit.staff_id, Some(akhmetov));
            assert_eq!(hit.appeal, Some((first.appeal_id, first_reg.clone())));
            let msg = qabyldau::i18n::control::history_conflict(qabyldau::domain::Lang::Ru, &hit);
            assert!(msg.contains(&first_reg), "{msg}");
        }
        other => panic!("{other:?}"),
    }
    // The protocol service refuses it at the reception, naming the earlier appeal.
    let office = qabyldau::services::Office::shipped();
    let d3 = day(2026, 4, 7);
    let third = s
        .register_appeal(&a, at(d3, 9, 0), d3, "KHR", &person())
        .unwrap();
    let refused = qabyldau::services::reception::save_protocol(
        &mut s,
        &office,
        &a,
        at(d3, 10, 0),
        &ProtocolDraft {
            appeal_id: third.appeal_id,
            official_id: Some(off),
            held_on: Some(d3),
            decision: "Тексеру".into(),
            outcome: Some("supported".into()),
            instructions: vec![InstructionDraft {
                text: "Тексерсін".into(),
                executor: "Ахметов Асқар".into(),
                due_on: Some(day(2026, 4, 21)),
            }],
        },
    );
    match refused {
        Err(qabyldau::services::ServiceError::HistoryConflict(v)) => {
            assert_eq!(
                v,
                vec![(Some(0), "Ахметов Асқар".to_string(), first_reg.clone())]
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        s.instructions_of(third.appeal_id).unwrap().is_empty(),
        "nothing saved"
    );
    // The typed reassignment of the control screen follows the same rule.
    match s.reassign_executor(&a, at(d2, 11, 1), ins, "Akhmetov Askar") {
        Err(qabyldau::store::ControlError::Conflict {
            previous,
            earlier_appeal,
        }) => {
            assert_eq!(previous, "Ахметов Асқар");
            assert_eq!(earlier_appeal.as_deref(), Some(first_reg.as_str()));
        }
        other => panic!("{other:?}"),
    }
    // The check the protocol form runs before saving: free text matches by name too.
    let hit = s
        .executor_conflict(second.appeal_id, "Ахметов А.", None)
        .unwrap()
        .unwrap();
    assert_eq!(hit.appeal.map(|x| x.1), Some(first_reg));
    // Another topic or another applicant is no conflict.
    let mut third = person();
    third.topic = "housing".into();
    let t = s
        .register_appeal(&a, at(d2, 9, 30), d2, "KHR", &third)
        .unwrap();
    assert_eq!(
        s.executor_conflict(t.appeal_id, "Ахметов Асқар", Some(akhmetov))
            .unwrap(),
        None
    );
    // The appeal's own executor is a conflict with no earlier appeal named.
    let hit = s
        .executor_conflict(second.appeal_id, "Nurlanova Dana", Some(other))
        .unwrap()
        .unwrap();
    assert_eq!(hit.appeal, None);
    // A unit entry nobody used is fine, and is recorded with its id.
    let fresh = s
        .add_staff(&a, now, StaffKind::Unit, "Құрылыс бөлімі", None)
        .unwrap();
    s.assign_executor(&a, at(d2, 11, 5), ins, fresh).unwrap();
    assert_eq!(s.instruction(ins).unwrap().executor, "Құрылыс бөлімі");
    // Having handled it, the earlier executor now conflicts too.
    assert!(matches!(
        s.assign_executor(&a, at(d2, 11, 6), ins, other),
        Err(RulesError::Conflict(_))
    ));
    s.set_staff_active(&a, at(d2, 12, 0), fresh, false).unwrap();
    assert_eq!(s.staff(false).unwrap().len(), 3);
    assert_eq!(s.staff(true).unwrap().len(), 4);
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
}

#[test]
fn rework_and_extension_keep_every_round_and_are_counted() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let a = Actor::system();
    let off = official(&mut s);
    let d1 = day(2026, 3, 2);
    let r = s
        .register_appeal(
            &a,
            at(d1, 9, 0),
            d1,
            "KHR",
            &draft("Өмірбекова", "Айгүл", "Жер"),
        )
        .unwrap();
    protocol(&mut s, r.appeal_id, off, d1, "Ахметов Асқар");
    let ins = s.instructions_of(r.appeal_id).unwrap()[0].id;
    // Extended with a reason: 16 March -> 27 March.
    let round1 = s
        .extend_instruction(
            &a,
            at(day(2026, 3, 10), 9, 0),
            ins,
            "Қосымша сұрау салынды",
            day(2026, 3, 27),
        )
        .unwrap();
    assert_eq!(s.instruction(ins).unwrap().due_on, day(2026, 3, 27));
    assert!(matches!(
        s.extend_instruction(&a, at(day(2026, 3, 10), 9, 5), ins, "x", day(2026, 3, 20)),
        Err(RulesError::Round(p)) if p == vec![RoundProblem::DueNotLater]
    ));
    // Answered, then returned for rework with a reason and a new due date.
    s.answer_instruction(
        &a,
        at(day(2026, 3, 20), 10, 0),
        ins,
        &AnswerDraft {
            answered_on: Some(day(2026, 3, 20)),
            summary: "Жауап берілді".into(),
            doc_no: "01-12/7".into(),
        },
    )
    .unwrap();
    assert_eq!(s.appeal(r.appeal_id).unwrap().status, "answered");
    assert!(matches!(
        s.return_for_rework(&a, at(day(2026, 3, 26), 9, 0), ins, " ", day(2026, 4, 3)),
        Err(RulesError::Round(p)) if p == vec![RoundProblem::ReasonMissing]
    ));
    let round2 = s
        .return_for_rework(
            &a,
            at(day(2026, 3, 26), 9, 0),
            ins,
            "Жауап дәлелді емес",
            day(2026, 4, 3),
        )
        .unwrap();
    let i = s.instruction(ins).unwrap();
    assert_eq!(i.status.code(), "on_control");
    assert_eq!(i.due_on, day(2026, 4, 3));
    assert_eq!(i.answer_summary, "");
    assert_eq!(s.appeal(r.appeal_id).unwrap().status, "on_control");
    let rounds = s.instruction_rounds(ins).unwrap();
    assert_eq!(
        rounds.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![round1, round2]
    );
    assert_eq!(rounds[0].kind, RoundKind::Extended);
    assert_eq!(
        (rounds[0].old_due, rounds[0].new_due),
        (day(2026, 3, 16), day(2026, 3, 27))
    );
    assert_eq!(rounds[1].kind, RoundKind::Returned);
    assert_eq!(rounds[1].reason, "Жауап дәлелді емес");
    assert_eq!(
        rounds[1].returned_answer,
        Some((day(2026, 3, 20), "Жауап берілді".into(), "01-12/7".into()))
    );
    // Only an answered instruction goes back for rework.
    assert!(matches!(
        s.return_for_rework(&a, at(day(2026, 3, 27), 9, 0), ins, "x", day(2026, 4, 10)),
        Err(RulesError::Round(p)) if p == vec![RoundProblem::NotAnswered]
    ));
    let rep = s
        .report(
            day(2026, 3, 1),
            day(2026, 3, 31),
            day(2026, 3, 31),
            &qabyldau::assets::default_profile(),
        )
        .unwrap();
    assert_eq!(
        (rep.control.returned_for_rework, rep.control.extensions),
        (1, 1)
    );
    let april = s
        .report(
            day(2026, 4, 1),
            day(2026, 4, 30),
            day(2026, 4, 30),
            &qabyldau::assets::default_profile(),
        )
        .unwrap();
    assert_eq!(
        (april.control.returned_for_rework, april.control.extensions),
        (0, 0)
    );
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
}

#[test]
fn today_lists_redirects_and_appeals_without_a_national_number() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let a = Actor::system();
    let cal = qabyldau::assets::shipped_calendar();
    let profile = qabyldau::assets::default_profile();
    let d1 = day(2026, 3, 2);
    let r = s
        .register_appeal(
            &a,
            at(d1, 9, 0),
            d1,
            "KHR",
            &draft("Өмірбекова", "Айгүл", "Виза"),
        )
        .unwrap();
    let mut numbered = draft("Омаров", "Ерлан", "Жол");
    numbered.national_reg_no = "ЖТ-2026-1".into();
    s.register_appeal(&a, at(d1, 9, 5), d1, "KHR", &numbered)
        .unwrap();
    // Screened out as outside the competence: the redirect is the next action.
    let t = Transition::ScreenOut {
        ground: lc::OUTSIDE_COMPETENCE.into(),
        hearing_sent_on: day(2026, 3, 3),
    };
    let today = day(2026, 3, 3);
    let ctx = lc::Ctx {
        today,
        registered_on: d1,
        calendar: &cal,
        profile: &profile,
        facts: lc::Facts::from_steps([&t]),
    };
    let to = lc::apply(lc::Status::Registered, &t, &ctx).unwrap();
    let next = lc::next_due(to, &ctx);
    assert_eq!(next, Some((NextAction::Redirect, day(2026, 3, 5))));
    s.record_step(&a, at(today, 10, 0), r.appeal_id, to.code(), &t, next)
        .unwrap();
    let due = s.due_by_action(NextAction::Redirect, 10).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].appeal_id, due[0].due_on),
        (r.appeal_id, day(2026, 3, 5))
    );
    // On Thursday 5 March it is due today in the Today data.
    let by = s.due_appeals(day(2026, 3, 5), 10).unwrap();
    assert_eq!(by[0].next_action, Some(NextAction::Redirect));
    // The redirect step records where and when, and its outgoing letter number.
    let redirect = Transition::Redirect {
        sent_on: day(2026, 3, 4),
        to: "Облыстық көші-қон қызметі".into(),
    };
    s.record_step(
        &a,
        at(day(2026, 3, 4), 10, 0),
        r.appeal_id,
        "closed",
        &redirect,
        None,
    )
    .unwrap();
    let steps = s.steps_of(r.appeal_id).unwrap();
    assert_eq!(
        lc::Facts::from_steps(&steps).redirected,
        Some(("Облыстық көші-қон қызметі".into(), day(2026, 3, 4)))
    );
    let ev = s
        .step_records(r.appeal_id)
        .unwrap()
        .last()
        .unwrap()
        .event_id;
    s.set_step_letter(
        &a,
        at(day(2026, 3, 4), 10, 5),
        r.appeal_id,
        ev,
        "01-15/88",
        day(2026, 3, 4),
    )
    .unwrap();
    let rec = s.step_records(r.appeal_id).unwrap();
    let last = rec.last().unwrap();
    assert_eq!(last.out_no.as_deref(), Some("01-15/88"));
    assert_eq!(last.out_date, Some(day(2026, 3, 4)));
    assert!(s
        .due_by_action(NextAction::Redirect, 10)
        .unwrap()
        .is_empty());

    // Appeals without a national-register number after the profile's days (1 working day).
    let open = s
        .register_appeal(
            &a,
            at(d1, 9, 10),
            d1,
            "KHR",
            &draft("Сейітова", "Гүлнар", "Су"),
        )
        .unwrap();
    let cutoff =
        qabyldau::domain::deadlines::national_register_cutoff(&profile, day(2026, 3, 3), &cal);
    assert_eq!(cutoff, day(2026, 3, 2));
    let missing = s.missing_national_no(cutoff, 10).unwrap();
    assert_eq!(
        missing.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![open.appeal_id]
    );
    // Registered that same day: not yet listed on the day itself.
    let cutoff_same_day = qabyldau::domain::deadlines::national_register_cutoff(&profile, d1, &cal);
    assert!(s
        .missing_national_no(cutoff_same_day, 10)
        .unwrap()
        .is_empty());
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
}

#[test]
fn journal_of_oral_appeals_for_a_period() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let a = Actor::system();
    let d1 = day(2026, 3, 2);
    s.register_appeal(
        &a,
        at(d1, 9, 0),
        d1,
        "KHR",
        &draft("Өмірбекова", "Айгүл", "Жер телімі"),
    )
    .unwrap();
    let mut phone = draft("Омаров", "Ерлан", "Жол жөндеу");
    phone.channel = Some(Channel::Phone);
    phone.applicant.phone = "+7 701 234 56 78".into();
    s.register_appeal(&a, at(d1, 9, 30), d1, "KHR", &phone)
        .unwrap();
    let mut paper = draft("Сейітова", "Гүлнар", "Су");
    paper.channel = Some(Channel::Paper);
    s.register_appeal(&a, at(d1, 10, 0), d1, "KHR", &paper)
        .unwrap();
    let d2 = day(2026, 4, 1);
    s.register_appeal(&a, at(d2, 9, 0), d2, "KHR", &draft("Бекова", "Әсел", "Газ"))
        .unwrap();
    let rows = s.oral_journal(day(2026, 3, 1), day(2026, 3, 31)).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].channel, Channel::Phone);
    let doc = qabyldau::docs::journal::document(
        &rows,
        day(2026, 3, 1),
        day(2026, 3, 31),
        &qabyldau::docs::document::Bi::new(
            "Хромтау аудандық әкімдігі",
            "Акимат Хромтауского района",
        ),
        &qabyldau::assets::default_profile(),
    );
    let html = qabyldau::docs::document::html(&doc);
    assert!(html.contains("Ауызша жолданымдар журналы"));
    assert!(html.contains("Өмірбекова Айгүл"));
    assert!(html.contains("Жол жөндеу"));
    assert!(!html.contains("Сейітова"), "paper appeals are not oral");
    assert!(html.contains("01.03.2026 – 31.03.2026"));
    let pdf = qabyldau::docs::document::pdf(&doc).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn demo_data_has_the_executor_list_and_links_its_instructions() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let cal = qabyldau::assets::shipped_calendar();
    qabyldau::demo::fill(&mut s, at(day(2026, 3, 16), 9, 0), &cal).unwrap();
    let staff = s.staff(false).unwrap();
    assert_eq!(
        staff.iter().filter(|m| m.kind == StaffKind::Unit).count(),
        4
    );
    assert_eq!(staff.len(), 7);
    // A demo instruction went to a unit of the list: that unit is linked, so giving the
    // instruction to it again is refused by the entry, whatever the spelling.
    let (appeal, unit) = s
        .recent_appeals(100)
        .unwrap()
        .iter()
        .find_map(|a| {
            let ins = s.instructions_of(a.id).unwrap();
            let first = ins.first()?;
            let unit = staff.iter().find(|m| m.name == first.executor)?;
            Some((a.id, unit.id))
        })
        .unwrap();
    let hit = s
        .executor_conflict(appeal, "другое написание", Some(unit))
        .unwrap()
        .unwrap();
    assert_eq!(hit.staff_id, Some(unit));
}

#[test]
fn purge_blanks_the_citizenship_of_a_not_considered_appeal() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let a = Actor::system();
    let d1 = day(2020, 3, 2);
    let mut d = draft("Смит", "Джон", "");
    d.channel = Some(Channel::Electronic);
    let r = s.register_appeal(&a, at(d1, 9, 0), d1, "KHR", &d).unwrap();
    s.set_appeal_details(
        &a,
        at(d1, 9, 1),
        r.appeal_id,
        &AppealDetails {
            citizenship: "Ұлыбритания".into(),
            signatories: 1,
            ..Default::default()
        },
    )
    .unwrap();
    // "Not considered" is finished: the applicant is purged after the retention period.
    let purged = s
        .purge_personal_data(&a, at(day(2026, 3, 2), 9, 0), day(2021, 1, 1))
        .unwrap();
    assert_eq!(purged.len(), 1);
    assert_eq!(s.appeal_details(r.appeal_id).unwrap().citizenship, "");
}
