//! Reception days against a real database: schedules, the appointment book, the
//! queue of each official, absences and substitutes, others invited (issue 15).
use crate::common;
use chrono::{NaiveTime, Weekday};
use common::*;
use qabyldau::domain::calendar::{Calendar, DayKind};
use qabyldau::domain::lifecycle::Transition;
use qabyldau::domain::profile::Profile;
use qabyldau::domain::schedule::{
    Recurrence, Rule, ScheduleError, SessionDraft, SessionFormat, SessionOrigin, Warning,
};
use qabyldau::domain::{Official, OfficialCategory, QueueStatus};
use qabyldau::store::{
    verify_chain, Actor, BookingRequest, BookingStatus, ScheduleDueKind, Store, StoreError,
};

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

fn profile() -> Profile {
    Profile::parse(include_str!("../../assets/profiles/model-2023.toml")).unwrap()
}

fn calendar() -> Calendar {
    let mut c = Calendar::weekdays_only();
    c.set(day(2026, 3, 23), DayKind::Off, "Наурыз");
    c
}

struct World {
    _dir: tempfile::TempDir,
    s: Store,
    cal: Calendar,
    a: Actor,
    deputy: i64,
    unit_head: i64,
}

fn official(s: &mut Store, surname: &str, cat: OfficialCategory) -> i64 {
    s.add_official(
        &Actor::system(),
        at(day(2026, 3, 2), 8, 0),
        &Official {
            surname: surname.into(),
            name: "Марат".into(),
            position_kk: "Орынбасар".into(),
            position_ru: "Заместитель".into(),
            category: Some(cat),
            active: true,
            ..Default::default()
        },
    )
    .unwrap()
}

impl World {
    fn new() -> World {
        let (dir, path) = temp_db();
        let mut s = Store::open(&path).unwrap();
        let deputy = official(&mut s, "Сейтқали", OfficialCategory::DeputyAkim);
        let unit_head = official(&mut s, "Нұрғалиев", OfficialCategory::UnitHead);
        World {
            _dir: dir,
            s,
            cal: calendar(),
            a: Actor::system(),
            deputy,
            unit_head,
        }
    }

    fn session(&mut self, official: i64, d: chrono::NaiveDate, a: &str, b: &str, slot: u32) -> i64 {
        self.s
            .add_session(
                &self.a,
                at(day(2026, 3, 2), 9, 0),
                &SessionDraft {
                    official_id: official,
                    day: d,
                    start: t(a),
                    end: t(b),
                    place: "каб. 210".into(),
                    format: SessionFormat::InPerson,
                    slot_minutes: slot,
                    origin: SessionOrigin::Schedule,
                    rule_id: None,
                    instruction_no: String::new(),
                    instruction_date: None,
                },
                &self.cal,
            )
            .unwrap()
    }

    fn appeal(&mut self, surname: &str, category: Option<&str>) -> i64 {
        let mut d = draft(surname, "Айгүл", "Жер телімі туралы");
        d.applicant.category = category.map(str::to_string);
        self.s
            .register_appeal(
                &self.a,
                at(day(2026, 3, 2), 10, 0),
                day(2026, 3, 2),
                "KHR",
                &d,
            )
            .unwrap()
            .appeal_id
    }

    fn book(
        &mut self,
        appeal: i64,
        session: i64,
        time: Option<&str>,
    ) -> Result<(i64, NaiveTime), StoreError> {
        self.s.book(
            &self.a,
            at(day(2026, 3, 3), 11, 0),
            &BookingRequest {
                appeal_id: appeal,
                session_id: session,
                time: time.map(t),
                video_consent: false,
            },
        )
    }

    fn audit_len(&self) -> i64 {
        self.s
            .conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    }
}

fn sched_err(r: Result<impl std::fmt::Debug, StoreError>) -> ScheduleError {
    match r {
        Err(StoreError::Schedule(e)) => e,
        other => panic!("expected a schedule error, got {other:?}"),
    }
}

#[test]
fn a_monthly_rule_generates_sessions_once_and_coverage_is_warned() {
    let mut w = World::new();
    let now = at(day(2026, 3, 2), 9, 0);
    // Fourth Monday: 23 March 2026 is Nauryz (off) -> skipped with a warning.
    w.s.add_rule(
        &w.a,
        now,
        &Rule {
            id: 0,
            official_id: w.deputy,
            recurrence: Recurrence::Monthly(Weekday::Mon, 4),
            start: t("15:00"),
            end: t("17:00"),
            place: "каб. 210".into(),
            format: SessionFormat::InPerson,
            slot_minutes: 20,
        },
    )
    .unwrap();
    let weekly =
        w.s.add_rule(
            &w.a,
            now,
            &Rule {
                id: 0,
                official_id: w.unit_head,
                recurrence: Recurrence::Weekly(Weekday::Thu),
                start: t("10:00"),
                end: t("12:00"),
                place: "каб. 105".into(),
                format: SessionFormat::InPerson,
                slot_minutes: 30,
            },
        )
        .unwrap();
    assert!(weekly > 0);
    let g = w.s.generate_month(&w.a, now, 2026, 3, &w.cal).unwrap();
    // Thursdays of March 2026: 5, 12, 19, 26.
    assert_eq!(g.created.len(), 4);
    assert_eq!(
        g.warnings,
        vec![Warning::SkippedDayOff {
            official_id: w.deputy,
            day: day(2026, 3, 23)
        }]
    );
    // Again: nothing new.
    let g2 = w.s.generate_month(&w.a, now, 2026, 3, &w.cal).unwrap();
    assert!(g2.created.is_empty());
    assert_eq!(g2.existing, 4);
    // The deputy has no session in March: warned.
    let warn = w.s.schedule_warnings(2026, 3, &w.cal).unwrap();
    assert_eq!(
        warn,
        vec![Warning::NoSessionInMonth {
            official_id: w.deputy,
            year: 2026,
            month: 3
        }]
    );
    // April: the fourth Monday is the 27th.
    let g3 = w.s.generate_month(&w.a, now, 2026, 4, &w.cal).unwrap();
    let april = w.s.sessions_of_month(2026, 4).unwrap();
    assert_eq!(g3.created.len(), april.len());
    assert!(april
        .iter()
        .any(|r| r.session.official_id == w.deputy && r.session.day == day(2026, 4, 27)));
    assert!(w.s.schedule_warnings(2026, 4, &w.cal).unwrap().is_empty());
}

#[test]
fn bad_sessions_and_bookings_are_refused_and_nothing_is_saved() {
    let mut w = World::new();
    let s1 = w.session(w.deputy, day(2026, 3, 10), "15:00", "16:00", 20);
    let before = w.audit_len();
    let mut bad = SessionDraft {
        official_id: w.deputy,
        day: day(2026, 3, 10),
        start: t("15:30"),
        end: t("16:30"),
        place: String::new(),
        format: SessionFormat::InPerson,
        slot_minutes: 20,
        origin: SessionOrigin::Schedule,
        rule_id: None,
        instruction_no: String::new(),
        instruction_date: None,
    };
    let now = at(day(2026, 3, 2), 9, 0);
    assert!(matches!(
        sched_err(w.s.add_session(&w.a, now, &bad, &w.cal)),
        ScheduleError::Overlap { .. }
    ));
    bad.day = day(2026, 3, 14);
    assert_eq!(
        sched_err(w.s.add_session(&w.a, now, &bad, &w.cal)),
        ScheduleError::DayOff(day(2026, 3, 14))
    );
    bad.day = day(2026, 3, 11);
    bad.end = t("15:00");
    assert_eq!(
        sched_err(w.s.add_session(&w.a, now, &bad, &w.cal)),
        ScheduleError::EndBeforeStart
    );
    bad.end = t("16:00");
    bad.slot_minutes = 45;
    assert_eq!(
        sched_err(w.s.add_session(&w.a, now, &bad, &w.cal)),
        ScheduleError::SlotDoesNotFit { minutes: 45 }
    );
    assert_eq!(w.audit_len(), before);
    assert_eq!(w.s.sessions_of_month(2026, 3).unwrap().len(), 1);

    // Bookings: a clash, a time outside, a full session.
    let a1 = w.appeal("Өмірбекова", None);
    let a2 = w.appeal("Иванов", None);
    let a3 = w.appeal("Ким", None);
    let a4 = w.appeal("Петренко", None);
    assert_eq!(w.book(a1, s1, Some("15:20")).unwrap().1, t("15:20"));
    let before = w.audit_len();
    assert_eq!(
        sched_err(w.book(a2, s1, Some("15:20"))),
        ScheduleError::SlotTaken(t("15:20"))
    );
    assert_eq!(
        sched_err(w.book(a2, s1, Some("16:00"))),
        ScheduleError::OutsideSession(t("16:00"))
    );
    assert_eq!(
        sched_err(w.book(a1, s1, None)),
        ScheduleError::AlreadyBooked
    );
    assert_eq!(w.audit_len(), before);
    w.book(a2, s1, None).unwrap();
    w.book(a3, s1, None).unwrap();
    assert_eq!(sched_err(w.book(a4, s1, None)), ScheduleError::SessionFull);
    assert_eq!(w.s.session_bookings(s1).unwrap().len(), 3);
    assert_eq!(verify_chain(w.s.conn()).unwrap().broken_at, None);
}

#[test]
fn slots_fill_in_order_with_out_of_turn_first() {
    let mut w = World::new();
    let s1 = w.session(w.deputy, day(2026, 3, 10), "15:00", "16:00", 15);
    let a1 = w.appeal("Өмірбекова", None);
    let a2 = w.appeal("Қайратов", None);
    let a3 = w.appeal("Сәрсенбаев", Some("disability"));
    let a4 = w.appeal("Жұмабаева", Some("pregnant"));
    for a in [a1, a2, a3] {
        w.book(a, s1, None).unwrap();
    }
    let order = |w: &World| -> Vec<(i64, NaiveTime)> {
        w.s.session_bookings(s1)
            .unwrap()
            .iter()
            .map(|b| (b.appeal_id, b.slot_time))
            .collect()
    };
    assert_eq!(
        order(&w),
        vec![(a3, t("15:00")), (a1, t("15:15")), (a2, t("15:30"))]
    );
    // a1 is told the time: it stays; the next out-of-turn applicant goes before a2.
    let b1 = w.s.booking_of_appeal(a1).unwrap().unwrap().id;
    w.s.record_booking_call(&w.a, at(day(2026, 3, 4), 10, 0), b1, true, "")
        .unwrap();
    w.book(a4, s1, None).unwrap();
    assert_eq!(
        order(&w),
        vec![
            (a3, t("15:00")),
            (a1, t("15:15")),
            (a4, t("15:30")),
            (a2, t("15:45"))
        ]
    );
}

#[test]
fn the_schedule_step_books_and_refuses_a_clash() {
    let mut w = World::new();
    let s1 = w.session(w.deputy, day(2026, 3, 17), "15:00", "17:00", 20);
    let a1 = w.appeal("Өмірбекова", None);
    let a2 = w.appeal("Иванов", None);
    let step = |time: &str, official_id| Transition::Schedule {
        date: day(2026, 3, 17),
        time: t(time),
        official_id,
    };
    let now = at(day(2026, 3, 3), 11, 0);
    w.s.record_step(&w.a, now, a1, "scheduled", &step("15:00", w.deputy), None)
        .unwrap();
    let b = w.s.booking_of_appeal(a1).unwrap().unwrap();
    assert_eq!(
        (b.session_id, b.slot_time, b.pinned),
        (s1, t("15:00"), true)
    );
    assert_eq!(w.s.appeal(a1).unwrap().status, "scheduled");
    // The same deputy at the same minute: refused, the appeal unchanged.
    assert_eq!(
        sched_err(w.s.record_step(&w.a, now, a2, "scheduled", &step("15:00", w.deputy), None)),
        ScheduleError::SlotTaken(t("15:00"))
    );
    assert_eq!(w.s.appeal(a2).unwrap().status, "registered");
    // A time when the official does not receive: refused.
    assert_eq!(
        sched_err(w.s.record_step(&w.a, now, a2, "scheduled", &step("10:00", w.deputy), None)),
        ScheduleError::OutsideSession(t("10:00"))
    );
    assert!(w.s.booking_of_appeal(a2).unwrap().is_none());
    // Rescheduling the first appeal moves its booking.
    w.s.record_step(&w.a, now, a1, "scheduled", &step("16:00", w.deputy), None)
        .unwrap();
    let b2 = w.s.booking_of_appeal(a1).unwrap().unwrap();
    assert_eq!(b2.slot_time, t("16:00"));
    assert_eq!(w.s.booking(b.id).unwrap().status, BookingStatus::Moved);
}

#[test]
fn one_queue_per_official_and_call_next() {
    let mut w = World::new();
    let today = day(2026, 3, 10);
    let s1 = w.session(w.deputy, today, "15:00", "17:00", 20);
    let _s2 = w.session(w.unit_head, today, "15:00", "17:00", 20);
    let a1 = w.appeal("Өмірбекова", None);
    let a2 = w.appeal("Сәрсенбаев", Some("disability"));
    let a3 = w.appeal("Ким", None);
    let a4 = w.appeal("Петренко", None);
    let b1 = w.book(a1, s1, None).unwrap().0;
    let b2 = w.book(a2, s1, None).unwrap().0;
    w.book(a3, s1, None).unwrap();
    // Expected before arrival, in slot order.
    let q = w.s.official_queues(today).unwrap();
    assert_eq!(q.len(), 2);
    let dq = q.iter().find(|q| q.official_id == Some(w.deputy)).unwrap();
    assert_eq!(
        dq.expected.iter().map(|b| b.appeal_id).collect::<Vec<_>>(),
        vec![a2, a1, a3]
    );
    // a1 arrives first, then a2 (out of turn); a walk-in for the unit head.
    w.s.check_in(&w.a, at(today, 14, 40), b1).unwrap();
    w.s.check_in(&w.a, at(today, 14, 50), b2).unwrap();
    assert_eq!(
        sched_err(w.s.walk_in_for(&w.a, at(today, 14, 45), a4, w.unit_head, false)),
        ScheduleError::SameDayConsentMissing
    );
    w.s.walk_in_for(&w.a, at(today, 14, 45), a4, w.unit_head, true)
        .unwrap();
    let walk_entry =
        w.s.queue_of(today)
            .unwrap()
            .into_iter()
            .find(|e| e.appeal_id == a4)
            .unwrap();
    assert!(w.s.same_day_consent(walk_entry.id).unwrap());
    let b1_entry = w.s.booking(b1).unwrap().queue_entry_id.unwrap();
    assert!(!w.s.same_day_consent(b1_entry).unwrap());
    w.s.record_same_day_consent(&w.a, at(today, 14, 46), b1_entry)
        .unwrap();
    assert!(w.s.same_day_consent(b1_entry).unwrap());
    let q = w.s.official_queues(today).unwrap();
    let dq = q.iter().find(|q| q.official_id == Some(w.deputy)).unwrap();
    assert_eq!(
        dq.entries.iter().map(|e| e.appeal_id).collect::<Vec<_>>(),
        vec![a2, a1]
    );
    assert_eq!(dq.expected.len(), 1);
    let uq = q
        .iter()
        .find(|q| q.official_id == Some(w.unit_head))
        .unwrap();
    assert_eq!(uq.entries.len(), 1);
    // Checking in on another day is refused.
    let b3 = w.s.booking_of_appeal(a3).unwrap().unwrap().id;
    assert!(w.s.check_in(&w.a, at(day(2026, 3, 9), 15, 0), b3).is_err());
    // Call next for the deputy: the out-of-turn applicant; the unit head's waits.
    let called =
        w.s.call_next_for(&w.a, at(today, 15, 0), Some(w.deputy))
            .unwrap()
            .unwrap();
    assert_eq!(called.appeal_id, a2);
    assert_eq!(called.status, QueueStatus::Called);
    let q = w.s.official_queues(today).unwrap();
    let uq = q
        .iter()
        .find(|q| q.official_id == Some(w.unit_head))
        .unwrap();
    assert_eq!(uq.entries[0].status, QueueStatus::Waiting);
    let next =
        w.s.call_next_for(&w.a, at(today, 15, 1), Some(w.deputy))
            .unwrap()
            .unwrap();
    assert_eq!(next.appeal_id, a1);
    assert!(w
        .s
        .call_next_for(&w.a, at(today, 15, 2), Some(w.deputy))
        .unwrap()
        .is_none());
}

#[test]
fn absence_moves_bookings_to_a_substitute_and_tracks_the_call() {
    let mut w = World::new();
    let p = profile();
    let d = day(2026, 3, 18);
    let s1 = w.session(w.deputy, d, "15:00", "16:00", 20);
    let s2 = w.session(w.unit_head, d, "15:00", "16:00", 20);
    let a1 = w.appeal("Өмірбекова", None);
    let a2 = w.appeal("Иванов", None);
    let b1 = w.book(a1, s1, None).unwrap().0;
    let b2 = w.book(a2, s1, None).unwrap().0;
    let now = at(day(2026, 3, 17), 9, 0);
    // An absence that ends before it starts: refused.
    assert_eq!(
        sched_err(w.s.mark_absent(
            &w.a,
            now,
            w.deputy,
            d,
            day(2026, 3, 16),
            "",
            day(2026, 3, 17),
            &p,
            &w.cal
        )),
        ScheduleError::AbsenceEndsBeforeStart
    );
    assert!(w.s.absences(None, d, d).unwrap().is_empty());
    // Told on the 17th for the 18th: later than 2 working days -> flagged.
    let (id, late, affected) =
        w.s.mark_absent(
            &w.a,
            now,
            w.deputy,
            d,
            d,
            "іссапар",
            day(2026, 3, 17),
            &p,
            &w.cal,
        )
        .unwrap();
    assert!(late);
    assert_eq!(
        affected.iter().map(|b| b.id).collect::<Vec<_>>(),
        vec![b1, b2]
    );
    assert_eq!(w.s.affected_bookings(id).unwrap().len(), 2);
    // No new bookings for the absent official.
    let a3 = w.appeal("Ким", None);
    assert_eq!(
        sched_err(w.book(a3, s1, None)),
        ScheduleError::OfficialAbsent(d)
    );
    // Move one to the substitute (the unit head's session the same day).
    let (nb, time) = w.s.move_booking(&w.a, now, b1, s2, None, false).unwrap();
    assert_eq!(time, t("15:00"));
    assert_eq!(w.s.booking(b1).unwrap().status, BookingStatus::Moved);
    assert_eq!(w.s.booking(nb).unwrap().moved_from, Some(b1));
    assert_eq!(w.s.affected_bookings(id).unwrap().len(), 1);
    let due =
        w.s.schedule_due(day(2026, 3, 17), day(2026, 3, 17), &p, &w.cal)
            .unwrap();
    let to_move: Vec<_> = due
        .iter()
        .filter(|x| x.kind == ScheduleDueKind::ToMove)
        .collect();
    assert_eq!(to_move.len(), 1);
    assert_eq!(to_move[0].booking_id, Some(b2));
    assert!(!due
        .iter()
        .any(|x| x.booking_id == Some(b2) && x.kind != ScheduleDueKind::ToMove));
    let due =
        w.s.schedule_due(day(2026, 3, 17), day(2026, 3, 17), &p, &w.cal)
            .unwrap();
    let moved: Vec<_> = due
        .iter()
        .filter(|x| x.kind == ScheduleDueKind::MovedNotTold)
        .collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].booking_id, Some(nb));
    assert_eq!(w.s.moved_not_told().unwrap().len(), 1);
    // The call: not reached, then reached.
    w.s.record_booking_call(&w.a, at(day(2026, 3, 17), 9, 30), nb, false, "жауап жоқ")
        .unwrap();
    assert_eq!(w.s.moved_not_told().unwrap().len(), 1);
    w.s.record_booking_call(&w.a, at(day(2026, 3, 17), 11, 0), nb, true, "")
        .unwrap();
    assert!(w.s.moved_not_told().unwrap().is_empty());
    assert_eq!(w.s.booking_calls(nb).unwrap().len(), 2);
    // Told on the day itself: not late.
    let (_, late2, _) =
        w.s.mark_absent(
            &w.a,
            at(day(2026, 3, 19), 8, 0),
            w.unit_head,
            day(2026, 3, 19),
            day(2026, 3, 19),
            "ауру",
            day(2026, 3, 19),
            &p,
            &w.cal,
        )
        .unwrap();
    assert!(!late2);
    assert_eq!(verify_chain(w.s.conn()).unwrap().broken_at, None);
}

#[test]
fn notices_and_participants_are_tracked() {
    let mut w = World::new();
    let p = profile();
    let s1 = w.session(w.deputy, day(2026, 3, 24), "15:00", "16:00", 20);
    let a1 = w.appeal("Өмірбекова", None);
    let b1 = w.book(a1, s1, None).unwrap().0;
    // Reference note: 5 working days before 24 March (23rd off) = 16 March.
    let due =
        w.s.schedule_due(day(2026, 3, 3), day(2026, 3, 31), &p, &w.cal)
            .unwrap();
    let note = due
        .iter()
        .find(|d| d.kind == ScheduleDueKind::ReferenceNote)
        .unwrap();
    assert_eq!(note.due_on, day(2026, 3, 16));
    // The date-and-time notice: 15 working days from 2 March = 20 March (23rd off).
    let notice = due
        .iter()
        .find(|d| d.kind == ScheduleDueKind::DateTimeNotice)
        .unwrap();
    assert_eq!(notice.due_on, day(2026, 3, 20));
    // Not yet due by the 10th.
    assert!(w
        .s
        .schedule_due(day(2026, 3, 3), day(2026, 3, 10), &p, &w.cal)
        .unwrap()
        .is_empty());
    w.s.record_reference_note(&w.a, at(day(2026, 3, 12), 9, 0), b1, day(2026, 3, 12))
        .unwrap();
    w.s.record_booking_call(&w.a, at(day(2026, 3, 12), 9, 5), b1, true, "")
        .unwrap();
    assert!(w
        .s
        .schedule_due(day(2026, 3, 12), day(2026, 3, 31), &p, &w.cal)
        .unwrap()
        .is_empty());
    // The prosecutor's office invited on the 12th: the applicant told by the 16th.
    let now = at(day(2026, 3, 12), 10, 0);
    assert_eq!(
        sched_err(w.s.invite_participant(&w.a, now, s1, Some(a1), "  ", "", day(2026, 3, 12))),
        ScheduleError::ParticipantBodyMissing
    );
    let pid =
        w.s.invite_participant(
            &w.a,
            now,
            s1,
            Some(a1),
            "Аудан прокуратурасы",
            "Әлиев Б.",
            day(2026, 3, 12),
        )
        .unwrap();
    let due =
        w.s.schedule_due(day(2026, 3, 12), day(2026, 3, 31), &p, &w.cal)
            .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].kind, due[0].due_on),
        (ScheduleDueKind::ParticipationNotice, day(2026, 3, 16))
    );
    w.s.participant_applicant_told(&w.a, now, pid, day(2026, 3, 13))
        .unwrap();
    w.s.participant_refused(&w.a, now, pid, day(2026, 3, 13), "іссапар")
        .unwrap();
    let due =
        w.s.schedule_due(day(2026, 3, 13), day(2026, 3, 31), &p, &w.cal)
            .unwrap();
    assert_eq!(
        (due[0].kind, due[0].due_on),
        (ScheduleDueKind::RefusalReport, day(2026, 3, 17))
    );
    assert_eq!(
        w.s.participation_refusals(day(2026, 3, 1), day(2026, 3, 31))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(w.s.participants_for_appeal(a1).unwrap().len(), 1);
    w.s.participant_refusal_reported(&w.a, now, pid, day(2026, 3, 14))
        .unwrap();
    assert!(w
        .s
        .schedule_due(day(2026, 3, 13), day(2026, 3, 31), &p, &w.cal)
        .unwrap()
        .is_empty());
}

#[test]
fn a_video_session_needs_consent() {
    let mut w = World::new();
    let now = at(day(2026, 3, 2), 9, 0);
    let id =
        w.s.add_session(
            &w.a,
            now,
            &SessionDraft {
                official_id: w.deputy,
                day: day(2026, 3, 12),
                start: t("11:00"),
                end: t("12:00"),
                place: "Zoom".into(),
                format: SessionFormat::Video,
                slot_minutes: 15,
                origin: SessionOrigin::Instruction,
                rule_id: None,
                instruction_no: "15-ө".into(),
                instruction_date: Some(day(2026, 3, 2)),
            },
            &w.cal,
        )
        .unwrap();
    let a1 = w.appeal("Өмірбекова", None);
    assert_eq!(
        sched_err(w.book(a1, id, None)),
        ScheduleError::VideoConsentMissing
    );
    let (b, _) =
        w.s.book(
            &w.a,
            now,
            &BookingRequest {
                appeal_id: a1,
                session_id: id,
                time: None,
                video_consent: true,
            },
        )
        .unwrap();
    assert!(w.s.booking(b).unwrap().video_consent);
    let sess = w.s.session(id).unwrap();
    assert_eq!(sess.instruction_no, "15-ө");
    assert_eq!(sess.origin, SessionOrigin::Instruction);
}

fn demo_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let cal = qabyldau::assets::shipped_calendar();
    qabyldau::demo::fill(&mut s, at(day(2026, 3, 16), 8, 30), &cal).unwrap();
    (dir, path)
}

fn run(path: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_qabyldau"))
        .args(args)
        .arg("--db")
        .arg(path)
        .env("QABYLDAU_NOW", "2026-03-16T09:00:00")
        .output()
        .unwrap()
}

#[test]
fn the_demo_has_a_month_of_schedules_bookings_an_absence_and_a_video_session() {
    let (_dir, path) = demo_db();
    let s = Store::open(&path).unwrap();
    let march = s.sessions_of_month(2026, 3).unwrap();
    let april = s.sessions_of_month(2026, 4).unwrap();
    assert!(march.len() >= 8, "{}", march.len());
    assert!(!april.is_empty());
    assert!(march
        .iter()
        .any(|r| r.session.format == SessionFormat::Video && r.booked == 1));
    assert!(march
        .iter()
        .any(|r| r.session.format == SessionFormat::Field));
    assert!(march.iter().filter(|r| r.booked > 0).count() >= 3);
    let absences = s.absences(None, day(2026, 3, 1), day(2026, 4, 30)).unwrap();
    assert_eq!(absences.len(), 1);
    // Told on the 16th for Wednesday the 18th: 2 working days before, in time.
    assert!(!absences[0].late);
    assert_eq!(s.affected_bookings(absences[0].id).unwrap().len(), 1);
    assert_eq!(s.moved_not_told().unwrap().len(), 1);
    // Today: one queue per official with a session.
    let q = s.official_queues(day(2026, 3, 16)).unwrap();
    assert!(q.iter().filter(|q| !q.sessions.is_empty()).count() >= 4);
    assert!(s
        .schedule_warnings(2026, 3, &qabyldau::assets::shipped_calendar())
        .unwrap()
        .is_empty());
}

#[test]
fn schedule_show_prints_one_tab_separated_line_per_session() {
    let (_dir, path) = demo_db();
    let out = run(&path, &["schedule", "show", "--month", "2026-03"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let s = Store::open(&path).unwrap();
    let rows = s.sessions_of_month(2026, 3).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), rows.len());
    for (line, r) in lines.iter().zip(&rows) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 7, "{line}");
        assert_eq!(f[0], r.session.day.format("%Y-%m-%d").to_string());
        assert!(chrono::NaiveDate::parse_from_str(f[0], "%Y-%m-%d").is_ok());
        assert_eq!(f[1].len(), 5);
        assert!(
            NaiveTime::parse_from_str(f[1], "%H:%M").is_ok()
                && NaiveTime::parse_from_str(f[2], "%H:%M").is_ok()
        );
        assert_eq!(f[3], r.official_name);
        assert!(["in_person", "video", "field"].contains(&f[4]));
        assert_eq!(f[6], format!("{}/{}", r.booked, r.slots));
    }
    // The deputy's Tuesday session: three booked and one moved from the absent
    // head of the apparatus; 15:00-17:00 in 20-minute slots = 6.
    assert!(
        lines.contains(
            &"2026-03-17\t15:00\t17:00\tСейтқали Марат Ержанұлы\tin_person\tкаб. 210\t4/6"
        ),
        "{text}"
    );
    let bad = run(&path, &["schedule", "show", "--month", "2026-3"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_poster_prints_in_kazakh_and_russian_as_html_and_pdf() {
    let (dir, path) = demo_db();
    let html = dir.path().join("poster.html");
    let out = run(
        &path,
        &[
            "schedule",
            "print",
            "--month",
            "2026-03",
            "--format",
            "html",
            "--out",
            html.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let h = std::fs::read_to_string(&html).unwrap();
    assert!(h.contains("Азаматтарды жеке қабылдау кестесі"));
    assert!(h.contains("<td>Сейтқали Марат Ержанұлы</td>"));
    assert!(h.contains("<td>сейсенбі</td>") && h.contains("<td>вторник</td>"));
    assert!(h.contains("<td>15:00–17:00</td>"));
    let pdf = dir.path().join("poster.pdf");
    let out = run(
        &path,
        &[
            "schedule",
            "print",
            "--month",
            "2026-03",
            "--format",
            "pdf",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(bytes.windows(6).any(|w| w == b"DejaVu"), "font embedded");
    // The text read back (poppler: pdftotext, or pdftohtml where only that is installed).
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .or_else(|| {
            std::process::Command::new("pdftohtml")
                .args(["-i", "-stdout", "-noframes"])
                .arg(&pdf)
                .output()
                .ok()
                .filter(|o| o.status.success())
        })
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if let Some(text) = text {
        eprintln!("poster pdf text read back: {} chars", text.chars().count());
        assert!(text.contains("Сейтқали Марат Ержанұлы"), "{text}");
        assert!(text.contains("Бекет Асқар Нұрланұлы"), "{text}");
        assert!(text.contains("сейсенбі"), "{text}");
        assert!(text.contains("жұма"), "{text}");
        assert!(text.contains("15:00–17:00"), "{text}");
        assert!(text.contains("График личного приема граждан"), "{text}");
    }
}

#[test]
fn reception_figures_on_a_hand_checked_set() {
    let mut w = World::new();
    let p = profile();
    let third = official(&mut w.s, "Ахметов", OfficialCategory::Other);
    // Retired, without sessions: not listed.
    w.s.update_official(
        &w.a,
        at(day(2026, 3, 2), 8, 0),
        &Official {
            id: third,
            surname: "Ахметов".into(),
            name: "Марат".into(),
            category: Some(OfficialCategory::Other),
            active: false,
            ..Default::default()
        },
    )
    .unwrap();
    // The deputy: in person on the 10th (3 slots), video on the 12th, the 17th
    // (absent: not held), the 19th (cancelled: not held).
    let s10 = w.session(w.deputy, day(2026, 3, 10), "15:00", "16:00", 20);
    let s12 =
        w.s.add_session(
            &w.a,
            at(day(2026, 3, 2), 9, 0),
            &SessionDraft {
                official_id: w.deputy,
                day: day(2026, 3, 12),
                start: t("11:00"),
                end: t("12:00"),
                place: "Zoom".into(),
                format: SessionFormat::Video,
                slot_minutes: 20,
                origin: SessionOrigin::Schedule,
                rule_id: None,
                instruction_no: String::new(),
                instruction_date: None,
            },
            &w.cal,
        )
        .unwrap();
    let s17 = w.session(w.deputy, day(2026, 3, 17), "15:00", "16:00", 20);
    let s19 = w.session(w.deputy, day(2026, 3, 19), "15:00", "16:00", 20);
    // The unit head: only in April (field).
    w.session(w.unit_head, day(2026, 4, 2), "10:00", "12:00", 30);
    let a: Vec<i64> = (0..8)
        .map(|i| w.appeal(&format!("Арыз{i}"), None))
        .collect();
    w.book(a[0], s10, None).unwrap();
    w.book(a[1], s10, None).unwrap();
    w.book(a[2], s10, None).unwrap();
    w.s.book(
        &w.a,
        at(day(2026, 3, 3), 11, 0),
        &BookingRequest {
            appeal_id: a[3],
            session_id: s12,
            time: None,
            video_consent: true,
        },
    )
    .unwrap();
    w.book(a[4], s17, None).unwrap();
    w.book(a[5], s19, None).unwrap();
    w.s.cancel_session(&w.a, at(day(2026, 3, 5), 9, 0), s19)
        .unwrap();
    w.s.mark_absent(
        &w.a,
        at(day(2026, 3, 5), 9, 0),
        w.deputy,
        day(2026, 3, 17),
        day(2026, 3, 17),
        "",
        day(2026, 3, 5),
        &p,
        &w.cal,
    )
    .unwrap();
    // The 10th: a0 received, a1 checked in and did not answer the call, a2 never came.
    let d10 = day(2026, 3, 10);
    let bid = |w: &World, appeal| w.s.booking_of_appeal(appeal).unwrap().unwrap().id;
    let (b0, b1) = (bid(&w, a[0]), bid(&w, a[1]));
    w.s.check_in(&w.a, at(d10, 14, 50), b0).unwrap();
    w.s.check_in(&w.a, at(d10, 14, 55), b1).unwrap();
    let receive = |w: &mut World, when, official| {
        let e =
            w.s.call_next_for(&w.a, when, Some(official))
                .unwrap()
                .unwrap();
        w.s.move_queue_entry(&w.a, when, e.id, QueueStatus::InReception, None)
            .unwrap();
        w.s.move_queue_entry(&w.a, when, e.id, QueueStatus::Received, None)
            .unwrap();
    };
    let (deputy, unit_head) = (w.deputy, w.unit_head);
    receive(&mut w, at(d10, 15, 0), deputy);
    let e1 =
        w.s.call_next_for(&w.a, at(d10, 15, 20), Some(w.deputy))
            .unwrap()
            .unwrap();
    w.s.move_queue_entry(&w.a, at(d10, 15, 25), e1.id, QueueStatus::NoShow, None)
        .unwrap();
    // A walk-in for the unit head the same day, received.
    let walk = w.appeal("Жаяу", None);
    w.s.walk_in_for(&w.a, at(d10, 10, 0), walk, w.unit_head, true)
        .unwrap();
    receive(&mut w, at(d10, 10, 5), unit_head);
    // The 12th by video: a3 received.
    let d12 = day(2026, 3, 12);
    let b3 = bid(&w, a[3]);
    w.s.check_in(&w.a, at(d12, 10, 55), b3).unwrap();
    receive(&mut w, at(d12, 11, 0), deputy);
    // Steps: a redirect, a return, a refusal.
    w.s.record_step(
        &w.a,
        at(day(2026, 3, 11), 9, 0),
        a[6],
        "closed",
        &Transition::Redirect {
            sent_on: day(2026, 3, 11),
            to: "Облыстық басқарма".into(),
        },
        None,
    )
    .unwrap();
    w.s.record_step(
        &w.a,
        at(day(2026, 3, 11), 9, 0),
        a[7],
        "needs_fixing",
        &Transition::RequestFix {
            fix_by: day(2026, 3, 18),
        },
        None,
    )
    .unwrap();
    w.s.record_step(
        &w.a,
        at(day(2026, 3, 20), 9, 0),
        a[7],
        "returned",
        &Transition::Return,
        None,
    )
    .unwrap();
    let r = w.appeal("Бас тарту", None);
    w.s.record_step(
        &w.a,
        at(day(2026, 3, 25), 9, 0),
        r,
        "refused",
        &Transition::Refuse {
            decided_on: day(2026, 3, 25),
        },
        None,
    )
    .unwrap();
    // A body refused to take part on the 9th.
    let pid =
        w.s.invite_participant(
            &w.a,
            at(day(2026, 3, 4), 9, 0),
            s10,
            None,
            "Полиция бөлімі",
            "",
            day(2026, 3, 4),
        )
        .unwrap();
    w.s.participant_refused(&w.a, at(day(2026, 3, 9), 9, 0), pid, day(2026, 3, 9), "")
        .unwrap();
    // Topics and settlements: two more appeals.
    for (topic, settlement) in [("roads", "Абай ауылы"), ("roads", " Хромтау ")] {
        let mut d = draft("Жол", "Ерлан", "Жол жөндеу");
        d.topic = topic.into();
        d.settlement = settlement.into();
        w.s.register_appeal(&w.a, at(day(2026, 3, 2), 10, 0), day(2026, 3, 2), "KHR", &d)
            .unwrap();
    }
    let mut d = draft("Жер", "Ерлан", "Жер");
    d.settlement = String::new();
    w.s.register_appeal(&w.a, at(day(2026, 3, 2), 10, 0), day(2026, 3, 2), "KHR", &d)
        .unwrap();

    let rep =
        w.s.report(day(2026, 3, 1), day(2026, 3, 31), day(2026, 4, 15), &p)
            .unwrap();
    let f = &rep.reception;
    assert_eq!(f.per_official.len(), 2, "{:?}", f.per_official);
    let dep = f
        .per_official
        .iter()
        .find(|o| o.official_id == w.deputy)
        .unwrap();
    assert_eq!(
        (
            dep.sessions_held,
            dep.received,
            dep.no_shows,
            dep.months_without.clone()
        ),
        (2, 2, 2, vec![])
    );
    let uh = f
        .per_official
        .iter()
        .find(|o| o.official_id == w.unit_head)
        .unwrap();
    assert_eq!(
        (
            uh.sessions_held,
            uh.received,
            uh.no_shows,
            uh.months_without.clone()
        ),
        (0, 1, 0, vec![(2026, 3)])
    );
    let fmt = |x: SessionFormat| {
        let l = f.by_format.iter().find(|l| l.format == x).unwrap();
        (l.sessions, l.received)
    };
    assert_eq!(fmt(SessionFormat::InPerson), (1, 2));
    assert_eq!(fmt(SessionFormat::Video), (1, 1));
    assert_eq!(fmt(SessionFormat::Field), (0, 0));
    assert_eq!(
        (
            f.refused,
            f.returned,
            f.redirected,
            f.participation_refusals
        ),
        (1, 1, 1, 1)
    );
    // Land in Хромтау: 8 + the walk-in + the refusal = 10; roads 1 + 1; land 1 unstated.
    let ts = &f.topic_settlement;
    assert_eq!(
        ts.settlements,
        vec!["Хромтау".to_string(), "Абай ауылы".into(), "".into()]
    );
    assert_eq!(ts.rows.len(), 2);
    assert_eq!(
        (ts.rows[0].0.as_str(), ts.rows[0].3.clone()),
        ("land", vec![10, 0, 1])
    );
    assert_eq!(
        (ts.rows[1].0.as_str(), ts.rows[1].3.clone()),
        ("roads", vec![1, 1, 0])
    );
    // As of the 11th: March has not ended, so no month is counted as without a
    // reception; the 10th's a2 (never came) and a1 (no-show) count, the 12th not yet.
    let early =
        w.s.reception_figures(day(2026, 3, 1), day(2026, 3, 31), day(2026, 3, 11), &p)
            .unwrap();
    let uh = early
        .per_official
        .iter()
        .find(|o| o.official_id == w.unit_head)
        .unwrap();
    assert!(uh.months_without.is_empty());
    // The quarter: January and February ended before the officials were added
    // (2 March), so only March counts as a month without a reception.
    let quarter =
        w.s.reception_figures(day(2026, 1, 1), day(2026, 3, 31), day(2026, 4, 15), &p)
            .unwrap();
    let uh = quarter
        .per_official
        .iter()
        .find(|o| o.official_id == w.unit_head)
        .unwrap();
    assert_eq!(uh.months_without, vec![(2026, 3)]);
    let dep = early
        .per_official
        .iter()
        .find(|o| o.official_id == w.deputy)
        .unwrap();
    assert_eq!((dep.sessions_held, dep.no_shows), (1, 2));
    // The printed report has the tables.
    let doc = qabyldau::docs::report::document(
        &rep,
        &qabyldau::docs::document::Bi::new("Әкімдік", "Акимат"),
    );
    let html = qabyldau::docs::document::html(&doc);
    assert!(html.contains("Прием должностными лицами"));
    assert!(html.contains("<td>03.2026</td>"));
    assert!(html.contains("Темы по населенным пунктам"));
}

#[test]
fn the_protocol_lists_participants_format_place_and_time() {
    let mut w = World::new();
    let s1 = w.session(w.deputy, day(2026, 3, 24), "15:00", "16:00", 20);
    let a1 = w.appeal("Өмірбекова", None);
    w.book(a1, s1, None).unwrap();
    let now = at(day(2026, 3, 12), 10, 0);
    w.s.invite_participant(
        &w.a,
        now,
        s1,
        Some(a1),
        "Аудан прокуратурасы",
        "Әлиев Б.",
        day(2026, 3, 12),
    )
    .unwrap();
    let pid =
        w.s.invite_participant(&w.a, now, s1, None, "Полиция бөлімі", "", day(2026, 3, 12))
            .unwrap();
    w.s.participant_refused(&w.a, now, pid, day(2026, 3, 13), "")
        .unwrap();
    w.s.save_protocol(
        &w.a,
        at(day(2026, 3, 24), 15, 30),
        &qabyldau::domain::ProtocolDraft {
            appeal_id: a1,
            official_id: Some(w.deputy),
            held_on: Some(day(2026, 3, 24)),
            decision: "Түсіндірілді".into(),
            outcome: Some("explained".into()),
            instructions: vec![],
        },
    )
    .unwrap();
    let appeal = w.s.appeal(a1).unwrap();
    let protocol = w.s.protocols_of(a1).unwrap().remove(0);
    let official = w.s.official(w.deputy).unwrap();
    let p = profile();
    let doc = qabyldau::docs::protocol::ProtocolDoc {
        office_kk: "Әкімдік",
        office_ru: "Акимат",
        appeal: &appeal,
        protocol: &protocol,
        official: Some(&official),
        profile: &p,
    };
    let rec = qabyldau::docs::protocol::Reception {
        session: w.s.session_of_appeal(a1).unwrap(),
        participants: w.s.participants_for_appeal(a1).unwrap(),
    };
    let h = qabyldau::docs::protocol::html_with_reception(&doc, &rec);
    assert!(h.contains("<td>жеке қабылдау / личный прием</td>"), "{h}");
    assert!(h.contains("<td>каб. 210</td>"));
    assert!(h.contains("<td>24.03.2026 15:00–16:00</td>"));
    assert!(h.contains("Аудан прокуратурасы (Әлиев Б.); Полиция бөлімі — қатысудан бас тартты / отказался от участия 13.03.2026"), "{h}");
    // Without the reception: the page as before.
    assert!(!qabyldau::docs::protocol::html(&doc).contains("Формат приема"));
}

#[test]
fn booking_with_the_step_and_the_lifecycle_keeps_the_book() {
    let mut w = World::new();
    let s1 = w.session(w.deputy, day(2026, 3, 17), "15:00", "16:00", 20);
    let a1 = w.appeal("Өмірбекова", None);
    let a2 = w.appeal("Сәрсенбаев", Some("disability"));
    let now = at(day(2026, 3, 3), 11, 0);
    let req = |appeal_id| BookingRequest {
        appeal_id,
        session_id: s1,
        time: None,
        video_consent: false,
    };
    assert_eq!(
        w.s.book_with_step(&w.a, now, &req(a1), "scheduled", None)
            .unwrap()
            .1,
        t("15:00")
    );
    assert_eq!(w.s.appeal(a1).unwrap().status, "scheduled");
    let steps = w.s.steps_of(a1).unwrap();
    assert!(matches!(
        steps.last(),
        Some(Transition::Schedule { date, time, official_id })
            if *date == day(2026, 3, 17) && *time == t("15:00") && *official_id == w.deputy
    ));
    // The out-of-turn applicant takes 15:00; the first moves to 15:20 (not told yet).
    w.s.book_with_step(&w.a, now, &req(a2), "scheduled", None)
        .unwrap();
    assert_eq!(
        w.s.booking_of_appeal(a1).unwrap().unwrap().slot_time,
        t("15:20")
    );
    assert_eq!(w.s.free_slots(s1).unwrap(), vec![t("15:40")]);
    // Notify pins the time and counts as told.
    w.s.record_step(
        &w.a,
        now,
        a1,
        "notified",
        &Transition::Notify {
            on: day(2026, 3, 3),
        },
        None,
    )
    .unwrap();
    let b1 = w.s.booking_of_appeal(a1).unwrap().unwrap();
    assert!(b1.pinned && b1.told_at.is_some());
    // Withdrawn: the slot is free again.
    w.s.record_step(&w.a, now, a2, "withdrawn", &Transition::Withdraw, None)
        .unwrap();
    assert!(w.s.booking_of_appeal(a2).unwrap().is_none());
    assert_eq!(w.s.free_slots(s1).unwrap(), vec![t("15:00"), t("15:40")]);
    assert_eq!(
        w.s.sessions_of_official_on(w.deputy, day(2026, 3, 17))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_sessions_list_prints_applicants_in_slot_order_with_who_is_to_be_told() {
    let (_dir, path) = demo_db();
    let s = Store::open(&path).unwrap();
    let row = s
        .sessions_of_month(2026, 3)
        .unwrap()
        .into_iter()
        .find(|r| r.booked >= 3)
        .unwrap();
    let bookings = s.session_bookings(row.session.id).unwrap();
    let participants = s.participants_of(row.session.id).unwrap();
    let doc = qabyldau::docs::schedule::session_list(
        &row,
        &bookings,
        &participants,
        &qabyldau::docs::document::Bi::new("Әкімдік", "Акимат"),
    );
    let h = qabyldau::docs::document::html(&doc);
    let mut last = 0;
    for b in &bookings {
        let at = h.find(&b.applicant_name).unwrap();
        assert!(at > last, "slot order");
        last = at;
    }
    assert!(h.contains("Уведомлен"));
    assert!(h.contains("<td>жоқ / нет</td>"));
    assert!(h.contains("Аудан прокуратурасы"));
    assert!(h.contains("сейсенбі, 17.03.2026, 15:00–17:00"));
    assert!(qabyldau::docs::document::pdf(&doc)
        .unwrap()
        .starts_with(b"%PDF"));
}

#[test]
fn the_booking_service_checks_the_step_and_the_book_in_one_transaction() {
    use qabyldau::services::{schedule as svc, Office, ServiceError};
    let mut w = World::new();
    let office = Office::shipped();
    let s1 = w.session(w.deputy, day(2026, 3, 17), "15:00", "15:40", 20);
    let a1 = w.appeal("Өмірбекова", None);
    let a2 = w.appeal("Сәрсенбаев", Some("disability"));
    let a3 = w.appeal("Ким", None);
    let now = at(day(2026, 3, 3), 11, 0);
    let v = |w: &World, id| w.s.appeal(id).unwrap().version;
    let actor = w.a.clone();
    let ver = v(&w, a1);
    let b1 = svc::book(&mut w.s, &office, &actor, now, a1, ver, s1, None, false).unwrap();
    assert_eq!(b1.time, t("15:00"));
    assert_eq!(b1.step.to.code(), "scheduled");
    assert!(b1.step.next.is_some());
    // A stale card: refused, nothing written.
    let stale = v(&w, a2) - 1;
    assert!(matches!(
        svc::book(&mut w.s, &office, &actor, now, a2, stale, s1, None, false),
        Err(ServiceError::Conflict)
    ));
    let ver = v(&w, a2);
    let b2 = svc::book(&mut w.s, &office, &actor, now, a2, ver, s1, None, false).unwrap();
    assert_eq!(b2.time, t("15:00"), "out of turn first");
    assert_eq!(
        w.s.booking_of_appeal(a1).unwrap().unwrap().slot_time,
        t("15:20")
    );
    // Full: the typed error, worded in both languages; the appeal unchanged.
    let ver = v(&w, a3);
    let e = svc::book(&mut w.s, &office, &actor, now, a3, ver, s1, None, false).unwrap_err();
    assert!(matches!(
        e,
        ServiceError::Schedule(ScheduleError::SessionFull)
    ));
    assert_eq!(
        qabyldau::i18n::services::service_error(qabyldau::domain::Lang::Ru, &e),
        "На этот прием свободных мест нет."
    );
    assert_eq!(w.s.appeal(a3).unwrap().status, "registered");
    // The step rules still apply: a session in the past.
    let later = at(day(2026, 3, 18), 9, 0);
    let ver = v(&w, a3);
    assert!(matches!(
        svc::book(&mut w.s, &office, &actor, later, a3, ver, s1, None, false),
        Err(ServiceError::Step(_))
    ));
    // The services' step with an explicit time goes through the book too.
    let s2 = w.session(w.deputy, day(2026, 3, 19), "15:00", "16:00", 20);
    assert!(s2 > 0);
    let ver = v(&w, a3);
    let clash = qabyldau::services::lifecycle::step(
        &mut w.s,
        &office,
        &actor,
        now,
        a3,
        ver,
        &Transition::Schedule {
            date: day(2026, 3, 17),
            time: t("15:00"),
            official_id: w.deputy,
        },
    );
    assert!(matches!(
        clash,
        Err(ServiceError::Schedule(ScheduleError::SessionFull))
    ));
    let ver = v(&w, a3);
    qabyldau::services::lifecycle::step(
        &mut w.s,
        &office,
        &actor,
        now,
        a3,
        ver,
        &Transition::Schedule {
            date: day(2026, 3, 19),
            time: t("15:20"),
            official_id: w.deputy,
        },
    )
    .unwrap();
    assert_eq!(w.s.booking_of_appeal(a3).unwrap().unwrap().session_id, s2);
}

#[test]
fn an_official_and_their_room_are_saved_together() {
    let (_dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let a = Actor::system();
    let now = at(day(2026, 3, 2), 8, 0);
    let o = Official {
        surname: "Серікбаев".into(),
        name: "Нұрлан".into(),
        category: Some(OfficialCategory::DeputyAkim),
        active: true,
        ..Default::default()
    };
    // A room the board has no place for: refused, and no official without a room.
    let long = "К".repeat(qabyldau::store::ROOM_MAX + 1);
    assert!(qabyldau::services::schedule::save_official(&mut s, &a, now, &o, &long).is_err());
    assert!(s.officials(false).unwrap().is_empty(), "nothing half saved");
    let id = qabyldau::services::schedule::save_official(&mut s, &a, now, &o, " 12 ").unwrap();
    assert_eq!(s.official_room(id).unwrap(), "12");
    // An edit and a room refused together: the name stays as it was.
    let renamed = Official {
        id,
        surname: "Серікбай".into(),
        ..o.clone()
    };
    assert!(qabyldau::services::schedule::save_official(&mut s, &a, now, &renamed, &long).is_err());
    assert_eq!(s.official(id).unwrap().surname, "Серікбаев");
    qabyldau::services::schedule::save_official(&mut s, &a, now, &renamed, "14").unwrap();
    assert_eq!(s.official(id).unwrap().surname, "Серікбай");
    assert_eq!(s.official_room(id).unwrap(), "14");
    assert_eq!(verify_chain(s.conn()).unwrap().broken_at, None);
}

#[test]
fn on_the_session_day_no_slot_that_is_over_is_offered_or_given() {
    let mut w = World::new();
    let d = day(2026, 3, 17);
    let s1 = w.session(w.deputy, d, "15:00", "16:20", 20);
    let (a1, a2, a3) = (
        w.appeal("Өмірбекова", None),
        w.appeal("Сәрсенбаев", None),
        w.appeal("Жұмабеков", Some("disability")),
    );
    // Booked the day before: from the session's start.
    w.book(a1, s1, None).unwrap();
    assert_eq!(
        w.s.booking_of_appeal(a1).unwrap().unwrap().slot_time,
        t("15:00")
    );
    // 15:25 on the day: 15:00-15:20 is over, 15:20 is under way.
    let now = at(d, 15, 25);
    assert_eq!(
        w.s.open_slots(s1, now).unwrap(),
        vec![t("15:20"), t("15:40"), t("16:00")]
    );
    let req = |appeal_id, time: Option<&str>| BookingRequest {
        appeal_id,
        session_id: s1,
        time: time.map(t),
        video_consent: false,
    };
    // A chosen slot that is over is refused, nothing saved.
    let s2 = w.session(w.unit_head, d, "15:00", "16:00", 20);
    let before = w.audit_len();
    let in_s2 = BookingRequest {
        session_id: s2,
        ..req(a2, Some("15:00"))
    };
    assert_eq!(
        sched_err(w.s.book(&w.a, now, &in_s2)),
        ScheduleError::SlotPassed(t("15:00"))
    );
    assert_eq!(w.audit_len(), before, "nothing saved");
    assert!(w.s.booking_of_appeal(a2).unwrap().is_none());
    // The next free slot still to come, even for an out-of-turn applicant; the
    // applicant booked earlier keeps 15:00.
    let (_, at3) = w.s.book(&w.a, now, &req(a3, None)).unwrap();
    assert_eq!(at3, t("15:20"));
    assert_eq!(
        w.s.booking_of_appeal(a1).unwrap().unwrap().slot_time,
        t("15:00")
    );
    let (_, at2) = w.s.book(&w.a, now, &req(a2, None)).unwrap();
    assert_eq!(at2, t("15:40"));
    // At 16:05 only 16:00 is left; at its end none.
    let late = at(d, 16, 5);
    let a4 = w.appeal("Ким", None);
    assert_eq!(w.s.open_slots(s1, late).unwrap(), vec![t("16:00")]);
    assert_eq!(w.s.open_slots(s1, at(d, 16, 20)).unwrap(), vec![]);
    assert!(matches!(
        sched_err(w.s.book(&w.a, at(d, 16, 20), &req(a4, None))),
        ScheduleError::SessionFull
    ));
}

#[test]
fn booked_into_a_later_session_the_applicant_leaves_todays_queue() {
    let mut w = World::new();
    let office = qabyldau::services::Office::shipped();
    let today = day(2026, 3, 16);
    let now = at(today, 10, 0);
    let s1 = w.session(w.deputy, day(2026, 3, 17), "15:00", "16:00", 20);
    // A walk-in queued today, then given a reception day instead.
    let mut d = draft("Өмірбекова", "Айгүл", "Жер телімі туралы");
    d.receive_today = true;
    let r = qabyldau::services::register::register(&mut w.s, &office, &w.a, now, &d).unwrap();
    let other = {
        let mut d = draft("Сәрсенбаев", "Ерлан", "Жол");
        d.receive_today = true;
        qabyldau::services::register::register(&mut w.s, &office, &w.a, now, &d).unwrap()
    };
    let waiting = |w: &World| {
        w.s.queue_of(today)
            .unwrap()
            .into_iter()
            .filter(|e| e.status == QueueStatus::Waiting)
            .map(|e| e.appeal_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(waiting(&w), vec![r.appeal_id, other.appeal_id]);
    let version = w.s.appeal(r.appeal_id).unwrap().version;
    qabyldau::services::schedule::book(
        &mut w.s,
        &office,
        &w.a,
        at(today, 10, 5),
        r.appeal_id,
        version,
        s1,
        None,
        false,
    )
    .unwrap();
    // `n` calls the next one: not the applicant told to come tomorrow.
    assert_eq!(waiting(&w), vec![other.appeal_id]);
    let left =
        w.s.queue_of(today)
            .unwrap()
            .into_iter()
            .find(|e| e.appeal_id == r.appeal_id)
            .unwrap();
    assert_eq!(left.status, QueueStatus::Left);
    assert_eq!(verify_chain(w.s.conn()).unwrap().broken_at, None);
}
