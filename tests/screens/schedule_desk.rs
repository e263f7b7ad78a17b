//! The reception schedule at the desk (issue 15): booking from the Schedule step,
//! a clash refused with the input kept, an absence and a booking moved to a
//! substitute, the month and the session list in both languages.
use super::{app, key, render, typ};
use crate::common::{at, draft};
use crossterm::event::KeyCode;
use qabyldau::domain::lifecycle::Step;
use qabyldau::domain::Lang;
use qabyldau::store::{Actor, SessionRow};
use qabyldau::ui::action::{Action, ScreenId};
use qabyldau::ui::app::App;
use qabyldau::ui::screens::schedule::SF;
use qabyldau::ui::screens::step::StepField;

/// A future session of a desk official with at least three free slots.
fn free_session(a: &App) -> SessionRow {
    let today = a.ctx.today();
    a.ctx
        .store
        .sessions_between(
            today + chrono::Duration::days(1),
            today + chrono::Duration::days(30),
        )
        .unwrap()
        .into_iter()
        .find(|r| {
            !r.session.cancelled
                && r.booked + 3 <= r.slots
                && a.ctx
                    .officials
                    .iter()
                    .any(|o| o.id == r.session.official_id)
                && a.ctx
                    .store
                    .absences(Some(r.session.official_id), r.session.day, r.session.day)
                    .unwrap()
                    .is_empty()
        })
        .expect("the demo has a future session with free slots")
}

fn register(a: &mut App, surname: &str) -> (i64, String) {
    let today = a.ctx.today();
    let r = a
        .ctx
        .store
        .register_appeal(
            &Actor::system(),
            at(today, 9, 0),
            today,
            "KHR",
            &draft(surname, "Test", "Question"),
        )
        .unwrap();
    (r.appeal_id, r.reg_no)
}

/// Opens the appeal's card and its Schedule step with `s`'s official and day.
fn schedule_step(a: &mut App, reg_no: &str, s: &SessionRow, time: &str) {
    key(a, KeyCode::F(4));
    for _ in 0..40 {
        key(a, KeyCode::Backspace);
    }
    typ(a, reg_no);
    key(a, KeyCode::Enter);
    assert_eq!(a.screen, ScreenId::Card, "{:?}", a.ctx.status);
    a.update(Action::ChooseStep(Step::Schedule));
    assert_eq!(a.screen, ScreenId::Step, "{:?}", a.ctx.status);
    let f = &mut a.screens.step.form;
    f.set_text(
        StepField::Date,
        &qabyldau::domain::dates::format_date(s.session.day),
    );
    f.set_text(StepField::Time, time);
    f.set_choice(StepField::Official, &s.session.official_id.to_string());
}

#[test]
fn two_appeals_booked_into_a_session_and_a_clash_refused() {
    let (_d, mut a) = app(Lang::Ru);
    let s = free_session(&a);
    let (a1, r1) = register(&mut a, "First");
    let (a2, r2) = register(&mut a, "Second");
    // A chosen free slot: the booking is pinned to it.
    let slot = a.ctx.store.free_slots(s.session.id).unwrap()[0];
    schedule_step(&mut a, &r1, &s, &slot.format("%H:%M").to_string());
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, ScreenId::Card, "{:?}", a.ctx.status);
    let b1 = a.ctx.store.booking_of_appeal(a1).unwrap().unwrap();
    assert_eq!((b1.session_id, b1.slot_time), (s.session.id, slot));
    // The second at the first one's minute: refused, the form and its input stay.
    let taken = b1.slot_time.format("%H:%M").to_string();
    schedule_step(&mut a, &r2, &s, &taken);
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, ScreenId::Step);
    assert_eq!(a.screens.step.form.text(StepField::Time), taken);
    let (msg, is_error) = a.ctx.status.clone().unwrap();
    assert!(is_error && msg.contains(&taken), "{msg}");
    assert!(a.ctx.store.booking_of_appeal(a2).unwrap().is_none());
    // With the time emptied it gets the next free slot (the first one's stays).
    a.screens.step.form.set_text(StepField::Time, "");
    key(&mut a, KeyCode::F(5));
    assert_eq!(a.screen, ScreenId::Card, "{:?}", a.ctx.status);
    let b2 = a.ctx.store.booking_of_appeal(a2).unwrap().unwrap();
    assert_eq!(b2.session_id, s.session.id);
    assert_ne!(b2.slot_time, b1.slot_time);
    let listed = a.ctx.store.session_bookings(s.session.id).unwrap();
    assert!(listed.iter().any(|b| b.appeal_id == a1) && listed.iter().any(|b| b.appeal_id == a2));
}

/// Goes to the schedule's month of `s` and selects it.
fn select_session(a: &mut App, s: &SessionRow) {
    key(a, KeyCode::F(3));
    key(a, KeyCode::Char('g'));
    assert_eq!(a.screen, ScreenId::Schedule, "{:?}", a.ctx.status);
    let today = a.ctx.today();
    use chrono::Datelike;
    let months = (s.session.day.year() - today.year()) * 12 + s.session.day.month() as i32
        - today.month() as i32;
    for _ in 0..months {
        key(a, KeyCode::Right);
    }
    let i = a
        .screens
        .schedule
        .rows
        .iter()
        .position(|r| r.session.id == s.session.id)
        .expect("the session is in its month");
    a.screens.schedule.state.select(Some(i));
}

#[test]
fn an_absence_lists_the_booking_and_it_moves_to_a_substitute() {
    let (_d, mut a) = app(Lang::Kk);
    let s = free_session(&a);
    let (a1, r1) = register(&mut a, "Moved");
    schedule_step(&mut a, &r1, &s, "");
    key(&mut a, KeyCode::F(5));
    assert!(a.ctx.store.booking_of_appeal(a1).unwrap().is_some());
    // Mark the official absent on the session's day.
    select_session(&mut a, &s);
    key(&mut a, KeyCode::Char('b'));
    let (_, f) = a.screens.schedule.form.as_mut().expect("absence form");
    let d = qabyldau::domain::dates::format_date(s.session.day);
    f.set_choice(SF::Official, &s.session.official_id.to_string());
    f.set_text(SF::From, &d);
    f.set_text(SF::To, &d);
    f.set_text(SF::Reason, "trip");
    key(&mut a, KeyCode::F(5));
    assert!(a.screens.schedule.form.is_none(), "{:?}", a.ctx.status);
    assert!(
        a.screens.schedule.notes.iter().any(|n| n.contains(&r1)),
        "{:?}",
        a.screens.schedule.notes
    );
    // Open the session, move the booking to another official's session.
    select_session(&mut a, &s);
    key(&mut a, KeyCode::Enter);
    let s_render = render(&mut a, 80, 24);
    assert!(s_render.contains(&r1), "{s_render}");
    let i = a
        .screens
        .schedule
        .bookings
        .iter()
        .position(|b| b.appeal_id == a1)
        .unwrap();
    a.screens.schedule.bstate.select(Some(i));
    key(&mut a, KeyCode::Char('m'));
    let today = a.ctx.today();
    let target = a
        .ctx
        .store
        .sessions_between(s.session.day, today + chrono::Duration::days(30))
        .unwrap()
        .into_iter()
        .find(|r| {
            r.session.official_id != s.session.official_id
                && !r.session.cancelled
                && r.booked < r.slots
                && a.ctx
                    .store
                    .absences(Some(r.session.official_id), r.session.day, r.session.day)
                    .unwrap()
                    .is_empty()
        })
        .expect("a substitute's session");
    let (_, f) = a.screens.schedule.form.as_mut().expect("move form");
    f.set_choice(SF::Target, &target.session.id.to_string());
    key(&mut a, KeyCode::F(5));
    assert!(a.screens.schedule.form.is_none(), "{:?}", a.ctx.status);
    let b = a.ctx.store.booking_of_appeal(a1).unwrap().unwrap();
    assert_eq!(b.session_id, target.session.id);
    assert!(b.moved_from.is_some());
}

#[test]
fn month_rules_and_session_list_in_both_languages() {
    for lang in [Lang::Kk, Lang::Ru] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::Char('g'));
        assert_eq!(a.screen, ScreenId::Schedule);
        let month = qabyldau::i18n::schedule::month(lang, 3);
        let s = render(&mut a, 80, 24);
        assert!(s.contains(month), "{s}");
        insta::assert_snapshot!(format!("schedule-month-{}", lang.code()), s);
        key(&mut a, KeyCode::Char('l'));
        insta::assert_snapshot!(
            format!("schedule-rules-{}", lang.code()),
            render(&mut a, 80, 24)
        );
        key(&mut a, KeyCode::Char('l'));
        key(&mut a, KeyCode::Enter);
        insta::assert_snapshot!(
            format!("schedule-session-{}", lang.code()),
            render(&mut a, 80, 24)
        );
        key(&mut a, KeyCode::Esc);
        key(&mut a, KeyCode::Char('a'));
        insta::assert_snapshot!(
            format!("schedule-add-session-{}", lang.code()),
            render(&mut a, 80, 24)
        );
        // A session ending before it starts: refused beside the form, input kept.
        let f = &mut a.screens.schedule.form.as_mut().unwrap().1;
        f.set_text(SF::Start, "17:00");
        f.set_text(SF::End, "15:00");
        key(&mut a, KeyCode::F(5));
        assert!(a.screens.schedule.form.is_some());
        let (msg, err) = a.ctx.status.clone().unwrap();
        assert!(err, "{msg}");
        assert_eq!(
            a.screens.schedule.form.as_ref().unwrap().1.text(SF::Start),
            "17:00"
        );
    }
}

#[test]
fn officials_g_opens_the_officials_schedule_and_poster_prints() {
    let (_d, mut a) = app(Lang::Ru);
    key(&mut a, KeyCode::F(8));
    let s = render(&mut a, 80, 24);
    assert!(s.contains("ФИО") && s.contains("Кабинет"), "{s}");
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(a.screen, ScreenId::Schedule);
    let id = a.screens.officials.list[0].id;
    assert_eq!(a.screens.schedule.official, Some(id));
    assert!(a
        .screens
        .schedule
        .rows
        .iter()
        .all(|r| r.session.official_id == id));
    key(&mut a, KeyCode::Char('p'));
    let (msg, err) = a.ctx.status.clone().unwrap();
    assert!(!err, "{msg}");
    let html = a.ctx.docs_dir.join("poster-2026-03.html");
    assert!(html.exists() && a.ctx.docs_dir.join("poster-2026-03.pdf").exists());
}

#[test]
fn call_next_of_one_official_leaves_the_others_waiting() {
    use qabyldau::domain::QueueStatus;
    let (_d, mut a) = app(Lang::Ru);
    let today = a.ctx.today();
    let waiting = |a: &App| -> Vec<(Option<i64>, i64)> {
        a.ctx
            .store
            .official_queues(today)
            .unwrap()
            .iter()
            .flat_map(|q| {
                q.entries
                    .iter()
                    .filter(|e| e.status == QueueStatus::Waiting)
                    .map(move |e| (q.official_id, e.id))
            })
            .collect()
    };
    let before = waiting(&a);
    let queues = a.ctx.store.official_queues(today).unwrap();
    let (i, q) = queues
        .iter()
        .enumerate()
        .find(|(_, q)| q.official_id.is_some() && !q.entries.is_empty())
        .expect("an official with a queue today");
    let others: Vec<i64> = before
        .iter()
        .filter(|(o, _)| *o != q.official_id)
        .map(|(_, id)| *id)
        .collect();
    assert!(!others.is_empty(), "another queue waits: {before:?}");
    key(&mut a, KeyCode::F(3));
    for _ in 0..=i {
        key(&mut a, KeyCode::Tab);
    }
    assert_eq!(a.screens.today.official, Some(i));
    let shown = render(&mut a, 80, 24);
    assert!(shown.contains(&q.official_name), "{shown}");
    assert!(a
        .screens
        .today
        .entries
        .iter()
        .all(|e| e.official_id == q.official_id));
    key(&mut a, KeyCode::Char('n'));
    let (msg, err) = a.ctx.status.clone().unwrap();
    assert!(!err, "{msg}");
    let after = waiting(&a);
    // One of this official's applicants was called; every other queue still waits.
    assert!(after.len() + 1 == before.len() || before.iter().all(|(o, _)| *o != q.official_id));
    for id in others {
        assert!(after.iter().any(|(_, e)| *e == id), "{id} still waits");
    }
    insta::assert_snapshot!("queue-one-official-ru", render(&mut a, 80, 24));
}

#[test]
fn session_list_records_the_reference_note_and_prints() {
    let (_d, mut a) = app(Lang::Ru);
    let s = free_session(&a);
    let (a1, r1) = register(&mut a, "Noted");
    schedule_step(&mut a, &r1, &s, "");
    key(&mut a, KeyCode::F(5));
    select_session(&mut a, &s);
    key(&mut a, KeyCode::Enter);
    let i = a
        .screens
        .schedule
        .bookings
        .iter()
        .position(|b| b.appeal_id == a1)
        .unwrap();
    a.screens.schedule.bstate.select(Some(i));
    key(&mut a, KeyCode::Char('а'));
    let b = a.ctx.store.booking_of_appeal(a1).unwrap().unwrap();
    assert_eq!(b.note_on, Some(a.ctx.today()));
    key(&mut a, KeyCode::Char('p'));
    let (msg, err) = a.ctx.status.clone().unwrap();
    assert!(!err, "{msg}");
    let html = a
        .ctx
        .docs_dir
        .join(format!("session-{}.html", s.session.id));
    let text = std::fs::read_to_string(html).unwrap();
    assert!(text.contains(&r1), "{text}");
}

#[test]
fn participants_are_invited_told_and_their_refusal_reported() {
    let (_d, mut a) = app(Lang::Kk);
    let s = free_session(&a);
    let (a1, r1) = register(&mut a, "Invited");
    schedule_step(&mut a, &r1, &s, "");
    key(&mut a, KeyCode::F(5));
    select_session(&mut a, &s);
    key(&mut a, KeyCode::Enter);
    let i = a
        .screens
        .schedule
        .bookings
        .iter()
        .position(|b| b.appeal_id == a1)
        .unwrap();
    a.screens.schedule.bstate.select(Some(i));
    // A body without a name is refused beside the form.
    key(&mut a, KeyCode::Char('v'));
    key(&mut a, KeyCode::F(5));
    assert!(a.screens.schedule.form.is_some());
    let f = &mut a.screens.schedule.form.as_mut().unwrap().1;
    f.set_text(SF::Body, "Land office");
    f.set_text(SF::Person, "Expert");
    key(&mut a, KeyCode::F(5));
    assert!(a.screens.schedule.form.is_none(), "{:?}", a.ctx.status);
    let p = a.ctx.store.participants_for_appeal(a1).unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].appeal_id, Some(a1));
    key(&mut a, KeyCode::Tab);
    assert!(a.screens.schedule.on_participants);
    let at = a
        .screens
        .schedule
        .participants
        .iter()
        .position(|x| x.id == p[0].id)
        .unwrap();
    a.screens.schedule.pstate.select(Some(at));
    key(&mut a, KeyCode::Char('н'));
    key(&mut a, KeyCode::Char('x'));
    let f = &mut a.screens.schedule.form.as_mut().unwrap().1;
    f.set_text(SF::Reason, "busy");
    key(&mut a, KeyCode::F(5));
    key(&mut a, KeyCode::Char('w'));
    let p = &a.ctx.store.participants_of(s.session.id).unwrap()[at];
    let today = Some(a.ctx.today());
    assert_eq!(
        (p.applicant_told_on, p.refused_on, p.refusal_reported_on),
        (today, today, today)
    );
    assert_eq!(p.refusal_reason, "busy");
    insta::assert_snapshot!("schedule-participants-kk", render(&mut a, 80, 24));
}
