//! Issue 15 at the desk, the leftovers: the same-day consent of a walk-in for a
//! unit head (001 §3), the reception figures on F7, Enter on a Today due line,
//! absent officials marked in the month.
use super::{app, key, render, typ};
use crossterm::event::KeyCode;
use qabyldau::domain::{Lang, OfficialCategory};
use qabyldau::ui::action::ScreenId;
use qabyldau::ui::app::{App, Popup};
use qabyldau::ui::screens::register::RegField;

/// The demo's unit head (Нұрғалиев) and a deputy akim.
fn official(a: &App, cat: OfficialCategory) -> i64 {
    a.ctx
        .officials
        .iter()
        .find(|o| o.category == Some(cat))
        .expect("the demo has this official")
        .id
}

/// Types a walk-in for `official` (received today) and presses F5.
fn walk_in(a: &mut App, surname: &str, official: i64) {
    key(a, KeyCode::F(2));
    typ(a, surname);
    key(a, KeyCode::Tab);
    typ(a, "Анна");
    a.screens.register.form.focus_on(RegField::Essence);
    typ(a, "Жер телімі");
    a.screens
        .register
        .form
        .set_choice(RegField::Official, &official.to_string());
    assert!(a.screens.register.form.check(RegField::ReceiveToday));
    key(a, KeyCode::F(5));
}

/// The appeal registered for "<surname> Анна", if any: (id, registration number).
fn appeal_row(a: &App, surname: &str) -> Option<(i64, String)> {
    a.ctx
        .store
        .search_appeals(&format!("{surname} Анна"), 50)
        .unwrap()
        .into_iter()
        .find(|r| r.applicant_name.starts_with(&format!("{surname} Анна")))
        .map(|r| (r.id, r.reg_no))
}

fn appeal_of(a: &App, surname: &str) -> Option<i64> {
    appeal_row(a, surname).map(|r| r.0)
}

fn queue_entry(a: &App, appeal: i64) -> Option<qabyldau::domain::QueueEntry> {
    a.ctx
        .store
        .queue_of(a.ctx.today())
        .unwrap()
        .into_iter()
        .find(|e| e.appeal_id == appeal)
}

#[test]
fn a_walk_in_for_a_unit_head_is_asked_consent_in_both_languages() {
    for lang in [Lang::Kk, Lang::Ru] {
        let (_d, mut a) = app(lang);
        let head = official(&a, OfficialCategory::UnitHead);
        walk_in(&mut a, "Ли", head);
        assert!(
            matches!(a.popups.last(), Some(Popup::SameDay { .. })),
            "{:?}",
            a.popups
        );
        let s = render(&mut a, 80, 24);
        assert!(s.contains("Нұрғалиев"), "{s}");
        insta::assert_snapshot!(format!("same-day-consent-{}", lang.code()), s);
    }
}

#[test]
fn consent_given_queues_the_walk_in_with_the_consent_recorded() {
    let (_d, mut a) = app(Lang::Ru);
    let head = official(&a, OfficialCategory::UnitHead);
    walk_in(&mut a, "Ли", head);
    key(&mut a, KeyCode::Char('y'));
    assert!(
        matches!(a.popups.last(), Some(Popup::Talon { talon, .. }) if talon.ticket.is_some()),
        "{:?} {:?}",
        a.popups,
        a.ctx.status
    );
    let status = a.ctx.status.clone().unwrap().0;
    assert!(status.contains("Согласие записано"), "{status}");
    let id = appeal_of(&a, "Ли").expect("registered");
    let e = queue_entry(&a, id).expect("queued");
    assert_eq!(e.official_id, Some(head));
    assert!(a.ctx.store.same_day_consent(e.id).unwrap());
    // The queue shows the consent beside the entry.
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::F(3));
    let s = render(&mut a, 80, 24);
    let line = s
        .lines()
        .find(|l| l.contains("Ли Анна"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(line.contains("согласие"), "{line}");
    assert_eq!(s.matches("согласие").count(), 1, "{s}");
}

#[test]
fn no_consent_registers_without_queueing_and_esc_saves_nothing() {
    let (_d, mut a) = app(Lang::Kk);
    let head = official(&a, OfficialCategory::UnitHead);
    // Esc: back to the form as typed, nothing saved.
    walk_in(&mut a, "Ли", head);
    key(&mut a, KeyCode::Esc);
    assert!(a.popups.is_empty());
    assert_eq!(a.screen, ScreenId::Register);
    assert_eq!(a.screens.register.form.text(RegField::Surname), "Ли");
    assert!(appeal_of(&a, "Ли").is_none());
    // Enter is "no" (the safe default): registered, not queued, and told so.
    key(&mut a, KeyCode::F(5));
    assert!(matches!(a.popups.last(), Some(Popup::SameDay { .. })));
    key(&mut a, KeyCode::Enter);
    assert!(
        matches!(a.popups.last(), Some(Popup::Talon { talon, .. }) if talon.ticket.is_none()),
        "{:?}",
        a.popups
    );
    let status = a.ctx.status.clone().unwrap().0;
    assert!(status.contains("кезекке қойылмады"), "{status}");
    let (id, reg_no) = appeal_row(&a, "Ли").expect("registered");
    assert!(queue_entry(&a, id).is_none());
    // The card's "queue today" asks again; yes queues it for the unit head.
    key(&mut a, KeyCode::Esc);
    assert!(a.popups.is_empty());
    key(&mut a, KeyCode::F(4));
    for _ in 0..40 {
        key(&mut a, KeyCode::Backspace);
    }
    typ(&mut a, &reg_no);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, ScreenId::Card, "{:?}", a.ctx.status);
    key(&mut a, KeyCode::Char('t'));
    assert!(matches!(a.popups.last(), Some(Popup::SameDay { .. })));
    key(&mut a, KeyCode::Char('n'));
    assert!(queue_entry(&a, id).is_none());
    key(&mut a, KeyCode::Char('t'));
    key(&mut a, KeyCode::Char('д'));
    let e = queue_entry(&a, id).expect("queued from the card");
    assert_eq!(e.official_id, Some(head));
    assert!(a.ctx.store.same_day_consent(e.id).unwrap());
}

#[test]
fn a_walk_in_for_a_deputy_akim_is_queued_without_the_question() {
    let (_d, mut a) = app(Lang::Ru);
    let deputy = official(&a, OfficialCategory::DeputyAkim);
    walk_in(&mut a, "Ли", deputy);
    assert!(
        matches!(a.popups.last(), Some(Popup::Talon { talon, .. }) if talon.ticket.is_some()),
        "{:?}",
        a.popups
    );
    let id = appeal_of(&a, "Ли").unwrap();
    let e = queue_entry(&a, id).unwrap();
    assert!(!a.ctx.store.same_day_consent(e.id).unwrap());
}

#[test]
fn the_service_refuses_a_unit_head_walk_in_without_consent() {
    let (_d, mut a) = app(Lang::Ru);
    let head = official(&a, OfficialCategory::UnitHead);
    let mut d = crate::common::draft("Ли", "Анна", "Жер");
    d.receive_today = true;
    d.requested_official = Some(head);
    let now = a.ctx.now();
    let actor = a.ctx.actor();
    let before = a.ctx.store.queue_of(a.ctx.today()).unwrap().len();
    let e =
        qabyldau::services::register::register(&mut a.ctx.store, &a.ctx.office, &actor, now, &d)
            .unwrap_err();
    assert!(
        matches!(
            e,
            qabyldau::services::ServiceError::Schedule(
                qabyldau::domain::schedule::ScheduleError::SameDayConsentMissing
            )
        ),
        "{e:?}"
    );
    assert!(appeal_of(&a, "Ли").is_none());
    assert_eq!(a.ctx.store.queue_of(a.ctx.today()).unwrap().len(), before);
}

#[test]
fn reports_show_the_reception_figures_in_both_languages_and_scroll() {
    for lang in [Lang::Kk, Lang::Ru] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::F(7));
        assert_eq!(a.screen, ScreenId::Reports);
        key(&mut a, KeyCode::Tab);
        key(&mut a, KeyCode::Tab);
        assert_eq!(a.screens.reports.page, 2);
        let s = render(&mut a, 80, 24);
        let r = a.screens.reports.report.clone().unwrap().reception;
        // Every official of the figures, by name, with their sessions held.
        assert!(!r.per_official.is_empty());
        for o in &r.per_official {
            let line = s
                .lines()
                .find(|l| l.contains(&o.name))
                .unwrap_or_else(|| panic!("{} not on\n{s}", o.name));
            assert!(line.contains(&format!(" {} ", o.sessions_held)), "{line}");
        }
        insta::assert_snapshot!(format!("reports-reception-{}", lang.code()), s);
        // Scrolled to the end: the topic x settlement table; Tab back to the charts.
        for _ in 0..5 {
            key(&mut a, KeyCode::PageDown);
        }
        let s = render(&mut a, 80, 24);
        let topic = if lang == Lang::Kk {
            "Тақырыптар мен елді мекендер"
        } else {
            "Темы по населенным пунктам"
        };
        assert!(s.contains(topic), "{s}");
        insta::assert_snapshot!(format!("reports-reception-end-{}", lang.code()), s);
        let scroll = a.screens.reports.scroll;
        key(&mut a, KeyCode::Down);
        render(&mut a, 80, 24);
        assert_eq!(a.screens.reports.scroll, scroll, "the end stays the end");
        key(&mut a, KeyCode::Up);
        render(&mut a, 80, 24);
        assert_eq!(a.screens.reports.scroll, scroll - 1);
        key(&mut a, KeyCode::Tab);
        assert_eq!(a.screens.reports.page, 0);
    }
}

/// Moves the Today selection down onto the deadline line `pick` chooses.
fn focus_due(a: &mut App, pick: impl Fn(&qabyldau::store::ScheduleDue) -> bool) -> usize {
    let j = a
        .screens
        .today
        .schedule_due
        .iter()
        .position(pick)
        .expect("such a due line");
    for _ in 0..200 {
        if a.screens.today.due_focus == Some(j) {
            return j;
        }
        key(a, KeyCode::Down);
    }
    panic!("never reached due line {j}");
}

#[test]
fn enter_on_a_today_due_line_opens_that_session_with_the_booking_selected() {
    use qabyldau::store::ScheduleDueKind as K;
    for lang in [Lang::Kk, Lang::Ru] {
        let (_d, mut a) = app(lang);
        key(&mut a, KeyCode::F(3));
        let kinds: Vec<K> = a
            .screens
            .today
            .schedule_due
            .iter()
            .map(|d| d.kind)
            .collect();
        assert!(
            kinds
                .iter()
                .any(|k| matches!(k, K::ReferenceNote | K::DateTimeNotice)),
            "{kinds:?}"
        );
        let j = focus_due(&mut a, |d| {
            matches!(d.kind, K::ReferenceNote | K::DateTimeNotice)
        });
        let due = a.screens.today.schedule_due[j].clone();
        // No queue row is selected while a deadline line is; the status line
        // says what Enter does there.
        assert!(a.screens.today.selected().is_none());
        let hint = if lang == Lang::Kk {
            "қабылдауға жазылғандар"
        } else {
            "список записанных"
        };
        assert!(
            a.ctx.status.as_ref().is_some_and(|s| s.0.contains(hint)),
            "{:?}",
            a.ctx.status
        );
        insta::assert_snapshot!(
            format!("today-due-selected-{}", lang.code()),
            render(&mut a, 80, 24)
        );
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.screen, ScreenId::Schedule, "{:?}", a.ctx.status);
        let v = &a.screens.schedule;
        assert_eq!(
            v.session.as_ref().map(|s| s.session.id),
            Some(due.session_id)
        );
        let b = v.bstate.selected().and_then(|i| v.bookings.get(i)).unwrap();
        assert_eq!(Some(b.id), due.booking_id);
        // Up from the first deadline line goes back to the queue.
        key(&mut a, KeyCode::F(3));
        for _ in 0..200 {
            key(&mut a, KeyCode::Up);
        }
        assert_eq!(a.screens.today.due_focus, None);
        assert!(a.screens.today.selected().is_some());
    }
}

#[test]
fn enter_on_an_absence_line_not_yet_told_opens_the_booking_to_move() {
    use qabyldau::store::ScheduleDueKind as K;
    let (_d, mut a) = app(Lang::Ru);
    // An official with a booked future session goes absent that day.
    let today = a.ctx.today();
    let rows = a
        .ctx
        .store
        .sessions_between(
            today + chrono::Duration::days(1),
            today + chrono::Duration::days(30),
        )
        .unwrap();
    let (s, b) = rows
        .iter()
        .filter(|r| !r.session.cancelled && r.booked > 0)
        .find_map(|r| {
            let b = a.ctx.store.session_bookings(r.session.id).unwrap();
            b.first().cloned().map(|b| (r.clone(), b))
        })
        .expect("the demo has a booked future session");
    let (actor, now) = (a.ctx.actor(), a.ctx.now());
    qabyldau::services::schedule::mark_absent(
        &mut a.ctx.store,
        &a.ctx.office,
        &actor,
        now,
        s.session.official_id,
        s.session.day,
        s.session.day,
        "іссапар",
        today,
    )
    .unwrap();
    key(&mut a, KeyCode::F(3));
    key(&mut a, KeyCode::F(3));
    focus_due(&mut a, |d| {
        d.kind == K::ToMove && d.booking_id == Some(b.id)
    });
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, ScreenId::Schedule);
    let v = &a.screens.schedule;
    assert_eq!(v.session.as_ref().map(|x| x.session.id), Some(s.session.id));
    assert_eq!(
        v.bstate
            .selected()
            .and_then(|i| v.bookings.get(i))
            .map(|x| x.id),
        Some(b.id)
    );
    // The clerk can act on it: m opens the move form of that booking.
    key(&mut a, KeyCode::Char('m'));
    assert!(
        matches!(a.screens.schedule.form, Some((qabyldau::ui::screens::schedule::FormKind::Move(id), _)) if id == b.id)
    );
}

#[test]
fn sessions_of_an_absent_official_are_marked_in_the_month() {
    for lang in [Lang::Kk, Lang::Ru] {
        let (_d, mut a) = app(lang);
        // A session of the unit head next week; he is then marked absent.
        let head = official(&a, OfficialCategory::UnitHead);
        let s = a
            .ctx
            .store
            .sessions_between(a.ctx.today(), a.ctx.today() + chrono::Duration::days(30))
            .unwrap()
            .into_iter()
            .find(|r| r.session.official_id == head && !r.session.cancelled)
            .expect("the demo's unit head receives this month");
        let (actor, now, today) = (a.ctx.actor(), a.ctx.now(), a.ctx.today());
        qabyldau::services::schedule::mark_absent(
            &mut a.ctx.store,
            &a.ctx.office,
            &actor,
            now,
            head,
            s.session.day,
            s.session.day,
            "ауру",
            today,
        )
        .unwrap();
        key(&mut a, KeyCode::Char('g'));
        assert_eq!(a.screen, ScreenId::Schedule);
        let out = render(&mut a, 80, 24);
        let word = if lang == Lang::Kk {
            "×болмайды"
        } else {
            "×отсутствует"
        };
        let day = qabyldau::domain::dates::format_date(s.session.day);
        let line = out
            .lines()
            .find(|l| l.contains(&day) && l.contains("Нұрғалиев"))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(line.contains(word) && line.contains("ауру"), "{line}");
        // Another official's session that day is not marked.
        assert!(
            out.lines()
                .filter(|l| l.contains(word))
                .all(|l| !l.contains("Сейтқали")),
            "{out}"
        );
        insta::assert_snapshot!(format!("schedule-absent-{}", lang.code()), out);
        // Its list says so in the title.
        let i = a
            .screens
            .schedule
            .rows
            .iter()
            .position(|r| r.session.id == s.session.id)
            .unwrap();
        a.screens.schedule.state.select(Some(i));
        key(&mut a, KeyCode::Enter);
        let out = render(&mut a, 80, 24);
        let title = out.lines().nth(1).unwrap();
        assert!(title.contains(word), "{out}");
    }
}

#[test]
fn the_consent_answer_carries_over_the_iin_question() {
    let (_d, mut a) = app(Lang::Ru);
    let head = official(&a, OfficialCategory::UnitHead);
    let iin = a.ctx.store.appeal(1).expect("demo appeal").applicant.iin;
    key(&mut a, KeyCode::F(2));
    typ(&mut a, "Ли");
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "Анна");
    a.screens.register.form.focus_on(RegField::Iin);
    typ(&mut a, &iin);
    a.screens.register.form.focus_on(RegField::Essence);
    typ(&mut a, "Жер телімі");
    a.screens
        .register
        .form
        .set_choice(RegField::Official, &head.to_string());
    key(&mut a, KeyCode::F(5));
    assert!(matches!(a.popups.last(), Some(Popup::SameDay { .. })));
    key(&mut a, KeyCode::Char('y'));
    // The IIN is someone else's name: asked next; yes registers under the new name.
    assert!(
        matches!(a.popups.last(), Some(Popup::IinBelongsTo { .. })),
        "{:?}",
        a.popups
    );
    key(&mut a, KeyCode::Char('y'));
    assert!(
        matches!(a.popups.last(), Some(Popup::Talon { talon, .. }) if talon.ticket.is_some()),
        "{:?} {:?}",
        a.popups,
        a.ctx.status
    );
    let id = appeal_of(&a, "Ли").expect("registered");
    let e = queue_entry(&a, id).expect("queued");
    assert!(a.ctx.store.same_day_consent(e.id).unwrap());
}
