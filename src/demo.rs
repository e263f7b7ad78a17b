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
    Ok(())
}
