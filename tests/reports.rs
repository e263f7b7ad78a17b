//! The report of the reception room: every figure of a fixed data set.
mod common;
use common::{at, day, draft, iin, temp_db};
use qabyldau::domain::{
    AppealDraft, ApplicantKind, Channel, InstructionDraft, Official, ProtocolDraft, QueueStatus,
};
use qabyldau::store::{Actor, Count, Report, Store};

fn c(key: &str, count: i64) -> Count {
    Count {
        key: key.into(),
        count,
    }
}

fn official(store: &mut Store, surname: &str, name: &str) -> i64 {
    store
        .add_official(
            &Actor::system(),
            at(day(2025, 1, 1), 8, 0),
            &Official {
                id: 0,
                surname: surname.into(),
                name: name.into(),
                patronymic: String::new(),
                position_kk: "Әкім орынбасары".into(),
                position_ru: "Заместитель акима".into(),
                category: None,
                active: true,
            },
        )
        .unwrap()
}

fn appeal(store: &mut Store, on: chrono::NaiveDate, f: impl FnOnce(&mut AppealDraft)) -> i64 {
    let mut d = draft("Иванов", "Петр", "Суть");
    f(&mut d);
    store
        .register_appeal(&Actor::system(), at(on, 9, 0), on, "KHR", &d)
        .unwrap()
        .appeal_id
}

fn protocol(
    store: &mut Store,
    appeal_id: i64,
    official_id: i64,
    held: chrono::NaiveDate,
    outcome: &str,
    due: &[chrono::NaiveDate],
) -> i64 {
    store
        .save_protocol(
            &Actor::system(),
            at(held, 12, 0),
            &ProtocolDraft {
                appeal_id,
                official_id: Some(official_id),
                held_on: Some(held),
                decision: "Шешім".into(),
                outcome: Some(outcome.into()),
                instructions: due
                    .iter()
                    .map(|d| InstructionDraft {
                        text: "Тексеру".into(),
                        executor: "Жер бөлімі".into(),
                        due_on: Some(*d),
                    })
                    .collect(),
            },
        )
        .unwrap()
}

fn answer(store: &Store, protocol_id: i64, due: chrono::NaiveDate, on: chrono::NaiveDate) {
    let n = store
        .conn()
        .execute(
            "UPDATE instructions SET status = 'answered', answered_on = ?3
             WHERE protocol_id = ?1 AND due_on = ?2",
            rusqlite::params![protocol_id, due.to_string(), on.to_string()],
        )
        .unwrap();
    assert_eq!(n, 1);
}

fn queue(
    store: &mut Store,
    appeal_id: i64,
    arrived: chrono::NaiveDateTime,
    called: Option<chrono::NaiveDateTime>,
) {
    store
        .enqueue_appeal(&Actor::system(), arrived, appeal_id, None, None)
        .unwrap();
    if let Some(t) = called {
        let e = store
            .queue_of(arrived.date())
            .unwrap()
            .into_iter()
            .find(|e| e.appeal_id == appeal_id)
            .unwrap();
        store
            .move_queue_entry(&Actor::system(), t, e.id, QueueStatus::Called, None)
            .unwrap();
    }
}

/// The data set (period 2026-01-01..2026-03-31, today 2026-04-10):
/// - A1 2026-01-15 walk_in land Хромтау, IIN X, requested O1, received by O2
///   (supported), instruction due 02-10 answered 02-09 (met); queue 09:00 -> 09:30.
/// - A2 2026-02-03 phone housing Абай, IIN X, requested O1, no protocol;
///   queue 10:00 -> 10:12.
/// - A3 2026-02-20 paper land Хромтау, IIN X (repeat of A1), category disability;
///   queued 11:00, never called.
/// - A5 2025-12-31 walk_in land, IIN Y (outside both periods).
/// - A4 2026-03-05 electronic land Абай, IIN Y as a legal entity (repeat of A5),
///   received by O1 (explained), instructions due 03-20 answered 03-25 (late),
///   due 03-31 unanswered (overdue), due 05-01 unanswered.
/// - A6 2026-04-01 walk_in, outside; queue 09:00 -> 10:00 (outside).
/// - Last year: P1 2025-02-10, P2 2025-03-31 (individuals); P3 2025-04-01 outside.
fn data_set() -> (tempfile::TempDir, Store) {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let o1 = official(&mut store, "Серіков", "Бақыт");
    let o2 = official(&mut store, "Ахметова", "Дана");
    let x = iin("9005154");
    let y = iin("8501013");
    for (on, s) in [
        (day(2025, 2, 10), "7702013"),
        (day(2025, 3, 31), "7703023"),
        (day(2025, 4, 1), "7704033"),
    ] {
        let i = iin(s);
        appeal(&mut store, on, |d| d.applicant.iin = i);
    }
    let a1 = appeal(&mut store, day(2026, 1, 15), |d| {
        d.applicant.iin = x.clone();
        d.requested_official = Some(o1);
    });
    let a2 = appeal(&mut store, day(2026, 2, 3), |d| {
        d.applicant.iin = x.clone();
        d.applicant.phone = "+7 701 000 00 01".into();
        d.channel = Some(Channel::Phone);
        d.topic = "housing".into();
        d.settlement = "Абай".into();
        d.requested_official = Some(o1);
    });
    let a3 = appeal(&mut store, day(2026, 2, 20), |d| {
        d.applicant.iin = x.clone();
        d.applicant.category = Some("disability".into());
        d.channel = Some(Channel::Paper);
    });
    appeal(&mut store, day(2025, 12, 31), |d| {
        d.applicant.iin = y.clone()
    });
    let a4 = appeal(&mut store, day(2026, 3, 5), |d| {
        d.applicant.iin = y.clone();
        d.applicant.kind = Some(ApplicantKind::LegalRep);
        d.applicant.bin = "050140000656".into();
        d.applicant.org_name = "ТОО Дала".into();
        d.applicant.authority_doc = "Доверенность 1".into();
        d.channel = Some(Channel::Electronic);
        d.settlement = "Абай".into();
    });
    let a6 = appeal(&mut store, day(2026, 4, 1), |_| {});
    queue(
        &mut store,
        a1,
        at(day(2026, 1, 15), 9, 0),
        Some(at(day(2026, 1, 15), 9, 30)),
    );
    queue(
        &mut store,
        a2,
        at(day(2026, 2, 3), 10, 0),
        Some(at(day(2026, 2, 3), 10, 12)),
    );
    queue(&mut store, a3, at(day(2026, 2, 20), 11, 0), None);
    queue(
        &mut store,
        a6,
        at(day(2026, 4, 1), 9, 0),
        Some(at(day(2026, 4, 1), 10, 0)),
    );
    let p1 = protocol(
        &mut store,
        a1,
        o2,
        day(2026, 1, 15),
        "supported",
        &[day(2026, 2, 10)],
    );
    answer(&store, p1, day(2026, 2, 10), day(2026, 2, 9));
    let p4 = protocol(
        &mut store,
        a4,
        o1,
        day(2026, 3, 6),
        "explained",
        &[day(2026, 3, 20), day(2026, 3, 31), day(2026, 5, 1)],
    );
    answer(&store, p4, day(2026, 3, 20), day(2026, 3, 25));
    (dir, store)
}

fn report() -> (tempfile::TempDir, Report) {
    let (dir, store) = data_set();
    let r = store
        .report(day(2026, 1, 1), day(2026, 3, 31), day(2026, 4, 10))
        .unwrap();
    (dir, r)
}

#[test]
fn totals_and_breakdowns_of_the_period() {
    let (_d, r) = report();
    let t = &r.current;
    assert_eq!((t.from, t.to), (day(2026, 1, 1), day(2026, 3, 31)));
    assert_eq!((t.appeals, t.individuals, t.legal_entities), (4, 3, 1));
    assert_eq!(
        t.by_channel,
        vec![
            c("electronic", 1),
            c("paper", 1),
            c("phone", 1),
            c("walk_in", 1)
        ]
    );
    assert_eq!(t.by_topic, vec![c("land", 3), c("housing", 1)]);
    // A1 received by O2 (not the requested O1), A2 requested O1, A3 nobody, A4 O1.
    assert_eq!(
        t.by_official,
        vec![c("Серіков Бақыт", 2), c("", 1), c("Ахметова Дана", 1)]
    );
    assert_eq!(
        t.by_outcome,
        vec![c("pending", 2), c("explained", 1), c("supported", 1)]
    );
    assert_eq!(t.by_settlement, vec![c("Абай", 2), c("Хромтау", 2)]);
    // The category belongs to the applicant (IIN X: A1, A2, A3).
    assert_eq!(t.by_category, vec![c("disability", 3)]);
}

#[test]
fn the_same_period_a_year_before_and_the_change() {
    let (_d, r) = report();
    let p = &r.previous_year;
    assert_eq!((p.from, p.to), (day(2025, 1, 1), day(2025, 3, 31)));
    assert_eq!((p.appeals, p.individuals, p.legal_entities), (2, 2, 0));
    assert_eq!(p.by_channel, vec![c("walk_in", 2)]);
    assert_eq!(p.by_topic, vec![c("land", 2)]);
    assert_eq!(p.by_outcome, vec![c("pending", 2)]);
    assert_eq!(p.by_official, vec![c("", 2)]);
    assert_eq!(p.by_settlement, vec![c("Хромтау", 2)]);
    assert!(p.by_category.is_empty());
    assert_eq!(
        (
            r.change.appeals,
            r.change.individuals,
            r.change.legal_entities
        ),
        (2, 1, 1)
    );
    assert_eq!(r.change.appeals_pct, Some(100.0));
}

#[test]
fn deadlines_waits_repeats_and_control() {
    let (_d, r) = report();
    assert_eq!(r.today, day(2026, 4, 10));
    // Due in the period: 02-10 (met), 03-20 (late), 03-31 (open).
    assert_eq!((r.instructions_due, r.instructions_met), (3, 1));
    assert!((r.deadlines_met_pct.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    // 30 and 12 minutes; A3 never called; A6 outside the period.
    assert_eq!(r.waits_counted, 2);
    assert_eq!(r.average_wait_minutes, Some(21.0));
    // A3 (X, land after A1) and A4 (Y, land after A5).
    assert_eq!(r.repeat_appeals, 2);
    // Open: 03-31 (overdue on 04-10) and 05-01.
    assert_eq!((r.on_control, r.overdue), (2, 1));
}

#[test]
fn an_empty_period_has_no_percentages() {
    let (_d, store) = data_set();
    let r = store
        .report(day(2030, 1, 1), day(2030, 3, 31), day(2030, 4, 1))
        .unwrap();
    assert_eq!(r.current.appeals, 0);
    assert_eq!(r.deadlines_met_pct, None);
    assert_eq!(r.average_wait_minutes, None);
    assert_eq!(r.change.appeals_pct, None);
    assert_eq!(
        r.overdue, 2,
        "as of 2030 both open instructions are overdue"
    );
}
