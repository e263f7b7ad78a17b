//! `--demo`: realistic sample data for an empty database, so a newcomer sees a
//! living desk: officials, a day's queue with out-of-turn applicants, protocols and
//! instructions on control (some overdue).
use crate::domain::calendar::Calendar;
use crate::domain::validate::check_digit;
use crate::domain::{
    AppealDraft, Applicant, Channel, InstructionDraft, Lang, Official, OfficialCategory,
    ProtocolDraft, QueueStatus,
};
use crate::store::{Actor, Result, Store};
use chrono::{Duration, NaiveDateTime};

/// A valid IIN for a birth date and serial.
fn iin(yymmdd: &str, century_sex: u32, serial: u32) -> String {
    for s in serial..serial + 100 {
        let first = format!("{yymmdd}{century_sex}{s:04}");
        let d: Vec<u32> = first.chars().filter_map(|c| c.to_digit(10)).collect();
        if let Some(c) = check_digit(&d) {
            return format!("{first}{c}");
        }
    }
    String::new()
}

struct Person(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    Lang,
    Option<&'static str>,
);

const PEOPLE: &[Person] = &[
    Person(
        "Өмірбекова",
        "Айгүл",
        "Серікқызы",
        "850312",
        4,
        Lang::Kk,
        None,
    ),
    Person(
        "Иванов",
        "Сергей",
        "Петрович",
        "620105",
        3,
        Lang::Ru,
        Some("labour_veteran"),
    ),
    Person(
        "Қайратов",
        "Нұрлан",
        "Болатұлы",
        "910721",
        3,
        Lang::Kk,
        None,
    ),
    Person(
        "Жұмабаева",
        "Гүлнар",
        "",
        "950930",
        4,
        Lang::Kk,
        Some("pregnant"),
    ),
    Person("Ким", "Ольга", "Викторовна", "780214", 4, Lang::Ru, None),
    Person(
        "Сәрсенбаев",
        "Ерлан",
        "Маратұлы",
        "700808",
        3,
        Lang::Kk,
        Some("disability"),
    ),
    Person(
        "Ахметова",
        "Сәуле",
        "Қанатқызы",
        "880101",
        4,
        Lang::Kk,
        None,
    ),
    Person(
        "Петренко",
        "Андрей",
        "Николаевич",
        "830517",
        3,
        Lang::Ru,
        None,
    ),
    Person("Бекова", "Әлия", "", "000229", 6, Lang::Kk, None),
    Person(
        "Тоқтаров",
        "Дәурен",
        "Асқарұлы",
        "760412",
        3,
        Lang::Kk,
        None,
    ),
];

const ESSENCES: &[(&str, &str)] = &[
    (
        "land",
        "Жеке тұрғын үй құрылысы үшін жер телімін беру мерзімі туралы",
    ),
    (
        "utilities",
        "Подача горячей воды в доме по ул. Абая, 12 прекращена две недели назад",
    ),
    ("roads", "Ауылдағы Бейбітшілік көшесінің жолын жөндеу"),
    (
        "social",
        "Назначение адресной социальной помощи многодетной семье",
    ),
    ("housing", "Постановка в очередь на арендное жилье"),
    ("gas_water", "Ауылды газбен жабдықтау кестесі туралы"),
    ("education", "Место в детском саду для ребенка 3 лет"),
    ("health", "Емханада дәрігер-педиатрдың жоқтығы"),
    ("agriculture", "Жайылымдық жерді пайдалану құқығы"),
    (
        "business",
        "Субсидирование ставки по кредиту для малого бизнеса",
    ),
];

const SETTLEMENTS: &[&str] = &[
    "Хромтау",
    "Абай ауылы",
    "Тассай ауылы",
    "Қызылсу ауылы",
    "Дон ауылы",
];

/// The demo operators' logins and passwords (README lists them). Demo data only.
pub const DEMO_PASSWORDS: &[(&str, &str)] = &[
    ("admin", "admin-demo-2026"),
    ("clerk", "clerk-demo-2026"),
    ("control", "control-demo-2026"),
    ("viewer", "viewer-demo-2026"),
];

/// Fills an empty database with sample data around `now`.
pub fn fill(store: &mut Store, now: NaiveDateTime, calendar: &Calendar) -> Result<()> {
    let sys = Actor::system();
    // The audit trail must read in time order (`check` flags a record dated well
    // before its predecessor, and the desk refuses a clock behind the newest
    // record): the office is set up before the oldest sample appeal, and nothing
    // is dated after `now`.
    let clamp = |t: NaiveDateTime| t.min(now);
    let setup = clamp(
        (now.date() - Duration::days(30))
            .and_hms_opt(8, 0, 0)
            .unwrap_or(now),
    );
    let now_real = now;
    let now = setup;
    store.set_setting(&sys, now, "office_prefix", "KHR")?;
    store.set_setting(
        &sys,
        now,
        "office_name_kk",
        "Хромтау ауданы әкімінің аппараты",
    )?;
    store.set_setting(
        &sys,
        now,
        "office_name_ru",
        "Аппарат акима Хромтауского района",
    )?;
    let officials = [
        (
            "Бекет",
            "Асқар",
            "Нұрланұлы",
            "Аудан әкімі",
            "Аким района",
            OfficialCategory::Akim,
        ),
        (
            "Сейтқали",
            "Марат",
            "Ержанұлы",
            "Аудан әкімінің орынбасары",
            "Заместитель акима района",
            OfficialCategory::DeputyAkim,
        ),
        (
            "Павлова",
            "Елена",
            "Игоревна",
            "Әкім аппаратының басшысы",
            "Руководитель аппарата акима",
            OfficialCategory::ApparatusHead,
        ),
        (
            "Нұрғалиев",
            "Бауыржан",
            "",
            "Жер қатынастары бөлімінің басшысы",
            "Руководитель отдела земельных отношений",
            OfficialCategory::UnitHead,
        ),
    ];
    let mut official_ids = Vec::new();
    for (s, n, p, kk, ru, cat) in officials {
        official_ids.push(store.add_official(
            &sys,
            now,
            &Official {
                id: 0,
                surname: s.into(),
                name: n.into(),
                patronymic: p.into(),
                position_kk: kk.into(),
                position_ru: ru.into(),
                category: Some(cat),
                active: true,
            },
        )?);
    }
    // The office's list of executors: units and some of their employees (001 §37).
    let staff_err = |e: crate::store::RulesError| match e {
        crate::store::RulesError::Store(s) => s,
        other => crate::store::StoreError::Invalid(other.to_string()),
    };
    for (unit, employees) in [
        ("Жер қатынастары бөлімі", &["Ахметов Асқар Болатұлы"][..]),
        ("ТКШ бөлімі", &["Жұмабаева Сәуле Қайратқызы"][..]),
        ("Әлеуметтік бөлім", &["Омаров Ерлан Серікұлы"][..]),
        ("Білім бөлімі", &[][..]),
    ] {
        let unit_id = store
            .add_staff(&sys, now, crate::store::StaffKind::Unit, unit, None)
            .map_err(staff_err)?;
        for e in employees {
            store
                .add_staff(
                    &sys,
                    now,
                    crate::store::StaffKind::Employee,
                    e,
                    Some(unit_id),
                )
                .map_err(staff_err)?;
        }
    }
    let clerk = crate::domain::Operator {
        id: 0,
        login: "clerk".into(),
        full_name: "Сейітова Гүлмира".into(),
        position_kk: "қабылдау бөлмесінің бас маманы".into(),
        position_ru: "главный специалист приемной".into(),
        role: crate::domain::Role::Clerk,
    };
    let clerk_id = store.add_operator(
        &sys,
        now,
        &clerk,
        &crate::auth::hash_password(DEMO_PASSWORDS[1].1),
    )?;
    for (login, full, kk, ru, role) in [
        (
            "admin",
            "Әкімші Демо",
            "жүйе әкімшісі",
            "администратор системы",
            crate::domain::Role::Admin,
        ),
        (
            "control",
            "Бақылаушы Демо",
            "бақылау бөлімінің маманы",
            "специалист отдела контроля",
            crate::domain::Role::Control,
        ),
        (
            "viewer",
            "Көруші Демо",
            "бақылаушы",
            "наблюдатель",
            crate::domain::Role::Viewer,
        ),
    ] {
        let pw = DEMO_PASSWORDS
            .iter()
            .find(|(l, _)| *l == login)
            .map(|(_, p)| *p)
            .unwrap_or("");
        let op = crate::domain::Operator {
            id: 0,
            login: login.into(),
            full_name: full.into(),
            position_kk: kk.into(),
            position_ru: ru.into(),
            role,
        };
        store.add_operator(&sys, now, &op, &crate::auth::hash_password(pw))?;
    }
    let actor = Actor::operator(clerk_id, "clerk");
    let now = now_real;
    let day = now.date();
    let draft = |i: usize, receive_today: bool| {
        let p = &PEOPLE[i % PEOPLE.len()];
        let (topic, essence) = ESSENCES[i % ESSENCES.len()];
        AppealDraft {
            applicant: Applicant {
                surname: p.0.into(),
                name: p.1.into(),
                patronymic: p.2.into(),
                iin: iin(p.3, p.4, 100 + i as u32 * 7),
                phone: format!(
                    "+7 70{} {}{}{} {}{} {}{}",
                    i % 8,
                    2,
                    3,
                    i % 10,
                    4,
                    5,
                    6,
                    i % 10
                ),
                language: p.5,
                category: p.6.map(str::to_string),
                consent: true,
                ..Default::default()
            },
            channel: Some(if i % 4 == 3 {
                Channel::Phone
            } else {
                Channel::WalkIn
            }),
            essence: essence.into(),
            topic: topic.into(),
            settlement: SETTLEMENTS[i % SETTLEMENTS.len()].into(),
            requested_official: Some(official_ids[i % official_ids.len()]),
            receive_today,
            ..Default::default()
        }
    };
    // Past days: received, with protocols and instructions (some already overdue).
    for (k, back) in [20i64, 12, 6, 3].iter().enumerate() {
        let d = calendar.working_day_on_or_after(day - Duration::days(*back));
        let at = clamp(d.and_hms_opt(10, 0, 0).unwrap_or(now));
        let r = store.register_appeal(&actor, at, d, "KHR", &draft(k + 6, true))?;
        let due = calendar.add_working_days(d, 10);
        store.save_protocol(
            &actor,
            clamp(at + Duration::minutes(40)),
            &ProtocolDraft {
                appeal_id: r.appeal_id,
                official_id: Some(official_ids[k % official_ids.len()]),
                held_on: Some(d),
                decision: "Мәселені тиісті бөлімге тапсыру, арыз иесіне жазбаша жауап беру".into(),
                outcome: Some(if k % 2 == 0 { "supported" } else { "explained" }.into()),
                instructions: vec![InstructionDraft {
                    text:
                        "Мәселені тексеріп, арыз иесіне жауап беру / Проверить и ответить заявителю"
                            .into(),
                    executor: [
                        "Жер қатынастары бөлімі",
                        "ТКШ бөлімі",
                        "Әлеуметтік бөлім",
                        "Білім бөлімі",
                    ][k]
                        .into(),
                    due_on: Some(due),
                }],
            },
        )?;
    }
    // Today's queue: six applicants, arrivals through the morning.
    let start = day.and_hms_opt(9, 0, 0).unwrap_or(now);
    let mut ids = Vec::new();
    for i in 0..6 {
        let at = clamp(start + Duration::minutes(i as i64 * 7));
        let r = store.register_appeal(
            &actor,
            at,
            calendar.working_day_on_or_after(day),
            "KHR",
            &draft(i, true),
        )?;
        ids.push(r.appeal_id);
    }
    // The first in order has been received already.
    let q = store.queue_of(day)?;
    if let Some(first) = q.first() {
        let at = clamp(start + Duration::minutes(50));
        store.move_queue_entry(&actor, at, first.id, QueueStatus::Called, None)?;
        store.move_queue_entry(&actor, at, first.id, QueueStatus::InReception, None)?;
        store.save_protocol(
            &actor,
            clamp(at + Duration::minutes(15)),
            &ProtocolDraft {
                appeal_id: first.appeal_id,
                official_id: Some(official_ids[0]),
                held_on: Some(day),
                decision: "Разъяснен порядок получения услуги".into(),
                outcome: Some("explained".into()),
                instructions: vec![],
            },
        )?;
    }
    schedules(store, &actor, now, calendar, &official_ids, &draft)?;
    Ok(())
}

/// Reception days around the demo's today: rooms, each official's recurring rule
/// with this month's and next month's sessions, today's sessions for the queues,
/// a video session by the akim's instruction, bookings, and an absence with one
/// booking moved to a substitute (the applicant not yet told) and one still to move.
fn schedules(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    calendar: &Calendar,
    officials: &[i64],
    draft: &dyn Fn(usize, bool) -> AppealDraft,
) -> Result<()> {
    use crate::domain::schedule::{
        Recurrence, Rule, SessionDraft, SessionFormat as F, SessionOrigin,
    };
    use crate::store::BookingRequest;
    use chrono::{Datelike, NaiveTime, Weekday};
    let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    let [akim, deputy, apparatus, unit] = [officials[0], officials[1], officials[2], officials[3]];
    let rooms = [
        (akim, "каб. 301"),
        (deputy, "каб. 210"),
        (apparatus, "каб. 205"),
        (unit, "каб. 105"),
    ];
    for (id, room) in rooms {
        store.set_official_room(actor, now, id, room)?;
    }
    let rules = [
        (
            akim,
            Recurrence::Monthly(Weekday::Fri, 2),
            (15, 0),
            (18, 0),
            "каб. 301",
            F::InPerson,
            20,
        ),
        (
            deputy,
            Recurrence::Weekly(Weekday::Tue),
            (15, 0),
            (17, 0),
            "каб. 210",
            F::InPerson,
            20,
        ),
        (
            apparatus,
            Recurrence::Monthly(Weekday::Wed, 3),
            (10, 0),
            (12, 0),
            "каб. 205",
            F::InPerson,
            30,
        ),
        (
            unit,
            Recurrence::Monthly(Weekday::Thu, -1),
            (10, 0),
            (13, 0),
            "Абай ауылы, клуб",
            F::Field,
            30,
        ),
    ];
    for (official_id, recurrence, a, b, place, format, slot) in rules {
        store.add_rule(
            actor,
            now,
            &Rule {
                id: 0,
                official_id,
                recurrence,
                start: hm(a.0, a.1),
                end: hm(b.0, b.1),
                place: place.into(),
                format,
                slot_minutes: slot,
            },
        )?;
    }
    let today = now.date();
    let next_month = today
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(today);
    for d in [today, next_month] {
        store.generate_month(actor, now, d.year(), d.month(), calendar)?;
    }
    let single = |official_id, day, a: (u32, u32), b: (u32, u32), place: &str, format, origin| {
        SessionDraft {
            official_id,
            day,
            start: hm(a.0, a.1),
            end: hm(b.0, b.1),
            place: String::from(place),
            format,
            slot_minutes: 20,
            origin,
            rule_id: None,
            instruction_no: if origin == SessionOrigin::Instruction {
                "47-ө".into()
            } else {
                String::new()
            },
            instruction_date: (origin == SessionOrigin::Instruction).then_some(today),
        }
    };
    // Today: the akim after a meeting with the population, the unit head by the
    // schedule, so the queue screen has one queue per official. Overlaps with a
    // generated session are simply not added.
    if calendar.is_working_day(today) {
        for d in [
            single(
                akim,
                today,
                (9, 0),
                (12, 0),
                "каб. 301",
                F::InPerson,
                SessionOrigin::AfterMeeting,
            ),
            single(
                deputy,
                today,
                (9, 0),
                (12, 0),
                "каб. 210",
                F::InPerson,
                SessionOrigin::Instruction,
            ),
            single(
                apparatus,
                today,
                (9, 0),
                (12, 0),
                "каб. 205",
                F::InPerson,
                SessionOrigin::Instruction,
            ),
            single(
                unit,
                today,
                (9, 0),
                (12, 0),
                "каб. 105",
                F::InPerson,
                SessionOrigin::Instruction,
            ),
        ] {
            let _ = store.add_session(actor, now, &d, calendar);
        }
    }
    // A video reception by the akim's instruction in three working days.
    let video_day = calendar.add_working_days(today, 3);
    let video = store
        .add_session(
            actor,
            now,
            &single(
                deputy,
                video_day,
                (11, 0),
                (12, 0),
                "Zoom",
                F::Video,
                SessionOrigin::Instruction,
            ),
            calendar,
        )
        .ok();
    // Bookings: new appeals booked into the coming sessions.
    let coming: Vec<_> = store
        .sessions_between(
            today + chrono::Duration::days(1),
            next_month + chrono::Duration::days(31),
        )?
        .into_iter()
        .filter(|r| r.session.format != F::Video)
        .collect();
    let first_of = |id: i64| {
        coming
            .iter()
            .find(|r| r.session.official_id == id)
            .map(|r| r.session.id)
    };
    let book =
        |store: &mut Store, i: usize, session: Option<i64>, consent: bool| -> Result<Option<i64>> {
            let Some(session_id) = session else {
                return Ok(None);
            };
            let r = store.register_appeal(actor, now, today, "KHR", &draft(i, false))?;
            match store.book(
                actor,
                now,
                &BookingRequest {
                    appeal_id: r.appeal_id,
                    session_id,
                    time: None,
                    video_consent: consent,
                },
            ) {
                Ok((id, _)) => Ok(Some(id)),
                Err(crate::store::StoreError::Schedule(_)) => Ok(None),
                Err(e) => Err(e),
            }
        };
    for i in 0..3 {
        book(store, 10 + i, first_of(deputy), false)?;
    }
    book(store, 13, first_of(akim), false)?;
    book(store, 14, first_of(unit), false)?;
    book(store, 15, video, true)?;
    // The head of the apparatus is away on the day of the next session: told late.
    let away = first_of(apparatus);
    let b1 = book(store, 16, away, false)?;
    book(store, 17, away, false)?;
    if let Some(sid) = away {
        let day = store.session(sid)?.day;
        let profile = crate::assets::default_profile();
        match store.mark_absent(
            actor,
            now,
            apparatus,
            day,
            day,
            "іссапар / командировка",
            today,
            &profile,
            calendar,
        ) {
            Ok(_) | Err(crate::store::StoreError::Schedule(_)) => {}
            Err(e) => return Err(e),
        }
        // One booking moved to the deputy's session (the applicant still to be called).
        if let (Some(b), Some(target)) = (b1, first_of(deputy)) {
            match store.move_booking(actor, now, b, target, None, false) {
                Ok(_) | Err(crate::store::StoreError::Schedule(_)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    // Others at the reception: the district prosecutor's office at the deputy's session.
    if let Some(sid) = first_of(deputy) {
        if let Some(b) = store.session_bookings(sid)?.first() {
            store.invite_participant(
                actor,
                now,
                sid,
                Some(b.appeal_id),
                "Аудан прокуратурасы / Прокуратура района",
                "",
                today,
            )?;
        }
    }
    Ok(())
}
