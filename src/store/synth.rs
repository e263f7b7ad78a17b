//! A synthetic database for `qabyldau bench`: years of a large district's appeals
//! with realistic Kazakh and Russian names, valid IINs, phones, topics of the
//! profile, settlements, daily queues, protocols and instructions on control.
//!
//! Written straight through SQL for speed (big transactions, statements prepared
//! once), but into the same tables, columns and codes the program reads; the
//! search index follows through its triggers. Audit rows are not written for
//! synthetic data. Deterministic for a given seed.
use super::{ts, Result, Store, StoreError};
use crate::domain::fold::fold;
use crate::domain::validate::check_digit;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rusqlite::params;

/// What to generate.
#[derive(Clone, Debug)]
pub struct SynthOptions {
    /// Number of appeals.
    pub rows: u64,
    /// The last day (its queue is "today's queue", half served).
    pub today: NaiveDate,
    /// Registration-number prefix.
    pub prefix: String,
    /// Appeals registered per working day (400 = 1M in ten years).
    pub per_day: u32,
    pub seed: u64,
    /// Checked every thousand appeals: a set flag stops with
    /// [`StoreError::Cancelled`] (what was committed stays: build into a temporary
    /// file and rename it when done, as `bench` does).
    pub cancel: crate::cancel::Cancel,
}

impl SynthOptions {
    pub fn new(rows: u64, today: NaiveDate) -> SynthOptions {
        SynthOptions {
            rows,
            today,
            prefix: "KHR".into(),
            per_day: 400,
            seed: 6,
            cancel: crate::cancel::Cancel::new(),
        }
    }
}

/// What was generated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SynthReport {
    pub appeals: u64,
    pub applicants: u64,
    pub queue_entries: u64,
    pub protocols: u64,
    pub instructions: u64,
    pub events: u64,
    /// Working days covered, the first one.
    pub days: u64,
    pub first_day: Option<NaiveDate>,
}

/// Stems of Kazakh surnames (mostly given names of forefathers); each gives several
/// surnames ("Нұрлан" -> Нұрланов, Нұрланбаев, Нұрланбеков, Нұрланұлы), so a
/// district's database has hundreds of distinct surnames, as a real one does.
#[rustfmt::skip]
const KK_STEMS: &[&str] = &[
    "Нұрлан", "Ерлан", "Асқар", "Қайрат", "Бауыржан", "Дәурен", "Ержан", "Серік", "Талғат",
    "Ғалым", "Мұрат", "Жандос", "Әли", "Айбек", "Болат", "Дархан", "Ербол", "Қуаныш", "Төлеген",
    "Ұлан", "Самат", "Алмас", "Бекзат", "Мейрам", "Омар", "Ахмет", "Қасым", "Есен", "Мұқан",
    "Сәрсен", "Оспан", "Төлеу", "Бекмұхан", "Құдайберген", "Әлім", "Ғабдулла", "Жақсылық",
    "Нұрпейіс", "Бейсен", "Дүйсен", "Шәріп", "Қали", "Мақсұт", "Үсен", "Ыбырай", "Іскақ",
    "Сұлтан", "Бөкей", "Әуез", "Тұрсын", "Ағыбай", "Ілияс", "Көшер", "Жанұзақ", "Рахымжан",
    "Смағұл", "Өтеп", "Нұрмағамбет", "Қожахмет", "Әмірхан", "Дәулет", "Ермек", "Шынтас", "Жұма",
    "Тоқтар", "Байжан", "Сейіт", "Әбен", "Өмір", "Абай", "Арман", "Бақыт", "Ғани", "Жәнібек",
    "Кенже", "Ләтіп", "Мағжан", "Нұржан", "Орал", "Рысбек", "Сағын", "Тәжібай", "Уәли", "Хасен",
    "Шаймерден", "Ыдырыс", "Әбдірахман", "Бердібек", "Дайыр", "Есқали", "Жолдас", "Зейнолла",
    "Ізбасар", "Қабдол", "Мырзағали", "Нұрғали", "Оразалы", "Сапар", "Темірбек", "Тілеу", "Ұзақ",
    "Шоқан", "Әбіл", "Көпжасар", "Қамбар", "Молдағали", "Сүлеймен", "Тайман", "Үмбетәлі",
];
/// Endings that make a (male) surname of a stem.
const KK_ENDINGS: &[&str] = &["ов", "ов", "ов", "баев", "беков", "жанов", "ұлы"];
#[rustfmt::skip]
const KK_MALE: &[&str] = &[
    "Нұрлан", "Ерлан", "Асқар", "Қайрат", "Бауыржан", "Дәурен", "Ержан", "Серік", "Талғат",
    "Ғалым", "Мұрат", "Жандос", "Әли", "Айбек", "Болат", "Дархан", "Ербол", "Еркебұлан",
    "Қуаныш", "Төлеген", "Ұлан", "Нұрсұлтан", "Самат", "Тимур", "Алмас", "Бекзат", "Мейрам",
];
#[rustfmt::skip]
const KK_FEMALE: &[&str] = &[
    "Айгүл", "Әсел", "Гүлнар", "Динара", "Жанар", "Сәуле", "Мәдина", "Ақмарал", "Айжан",
    "Гүлжан", "Ләззат", "Назгүл", "Қарлығаш", "Шынар", "Айнұр", "Бибігүл", "Жұлдыз", "Ұлжан",
    "Перизат", "Салтанат", "Үміт", "Әйгерім", "Аружан", "Меруерт",
];
#[rustfmt::skip]
const RU_SURNAMES: &[&str] = &[
    "Орлов", "Макаров", "Андреев", "Захаров", "Борисов", "Сорокин", "Виноградов", "Белов",
    "Тарасов", "Беляев", "Комаров", "Киселёв", "Ильин", "Кудрявцев", "Баранов", "Куликов",
    "Полякова", "Жуков", "Фролов", "Медведев", "Антонов", "Тимофеев", "Никитин", "Соловьёв",
    "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Ким", "Шевченко", "Бондаренко", "Пак", "Цой",
    "Ткаченко", "Гончаров", "Зайцев",
];
#[rustfmt::skip]
const RU_MALE: &[&str] = &[
    "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Владимир", "Николай", "Евгений",
    "Игорь", "Олег", "Пётр", "Юрий", "Виктор",
];
#[rustfmt::skip]
const RU_FEMALE: &[&str] = &[
    "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Анна", "Мария", "Людмила",
    "Галина", "Юлия", "Екатерина",
];
/// Russian patronymics (male, female).
const RU_PATRONYMICS: &[(&str, &str)] = &[
    ("Александрович", "Александровна"),
    ("Сергеевич", "Сергеевна"),
    ("Владимирович", "Владимировна"),
    ("Николаевич", "Николаевна"),
    ("Викторович", "Викторовна"),
    ("Петрович", "Петровна"),
    ("Юрьевич", "Юрьевна"),
    ("Игоревич", "Игоревна"),
];
#[rustfmt::skip]
const SETTLEMENTS: &[&str] = &[
    "Хромтау", "Абай", "Донское", "Қызылсу", "Тассай", "Коктау", "Копа", "Ақжар", "Дөң",
    "Бөгетсай", "Тасөткел", "Никельтау", "Майтөбе", "Көктөбе", "Тамды",
];
#[rustfmt::skip]
const STREETS: &[&str] = &[
    "Абай к-сі", "Әл-Фараби к-сі", "Мира ул.", "Школьная ул.", "Наурыз к-сі",
    "Тәуелсіздік к-сі", "Молодёжная ул.", "Құрманғазы к-сі",
];
#[rustfmt::skip]
const PHONE_CODES: &[&str] = &[
    "700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778",
];
/// Topic codes of the default profile with their share.
const TOPICS: &[(&str, u32)] = &[
    ("land", 18),
    ("housing", 16),
    ("utilities", 12),
    ("social", 14),
    ("education", 6),
    ("health", 5),
    ("roads", 8),
    ("agriculture", 5),
    ("gas_water", 7),
    ("business", 3),
    ("law_order", 2),
    ("other", 4),
];
const OUTCOMES: &[(&str, u32)] = &[
    ("supported", 30),
    ("partly_supported", 12),
    ("explained", 40),
    ("not_supported", 10),
    ("redirected", 8),
];
const CATEGORIES: &[&str] = &[
    "wwii_veteran",
    "combat_veteran",
    "labour_veteran",
    "disability",
    "disability",
    "pregnant",
];
const DETAILS_KK: &[&str] = &[
    "мәселесін қарауды сұраймын",
    "бойынша көмек көрсетуді сұраймын",
    "туралы түсініктеме беруді сұраймын",
    "мәселесін шешу туралы",
];
const DETAILS_RU: &[&str] = &[
    "прошу рассмотреть вопрос",
    "прошу оказать содействие",
    "прошу дать разъяснение",
    "о решении вопроса",
];
const EXECUTORS: &[&str] = &[
    "Жер қатынастары бөлімі",
    "ТКШ бөлімі",
    "Жұмыспен қамту бөлімі",
    "Білім бөлімі",
    "Отдел строительства",
    "Отдел сельского хозяйства",
];
/// Officials who receive: surname, name, patronymic, position kk/ru, category.
#[rustfmt::skip]
const OFFICIALS: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("Бекет", "Асқар", "Серікұлы", "Аудан әкімі", "Аким района", "akim"),
    ("Жұмабаева", "Гүлнар", "", "Аудан әкімінің орынбасары", "Заместитель акима района", "deputy_akim"),
    ("Смирнов", "Олег", "Петрович", "Аудан әкімінің орынбасары", "Заместитель акима района", "deputy_akim"),
    ("Оспанов", "Ерлан", "", "Аудан әкімінің орынбасары", "Заместитель акима района", "deputy_akim"),
    ("Қасымова", "Әсел", "", "Әкім аппаратының басшысы", "Руководитель аппарата акима", "apparatus_head"),
    ("Нұрланов", "Мұрат", "", "Жер қатынастары бөлімінің басшысы", "Руководитель отдела земельных отношений", "unit_head"),
    ("Ким", "Елена", "Викторовна", "ТКШ бөлімінің басшысы", "Руководитель отдела ЖКХ", "unit_head"),
    ("Сейітов", "Талғат", "", "Жұмыспен қамту бөлімінің басшысы", "Руководитель отдела занятости", "unit_head"),
];

fn pick<'a, T>(rng: &mut SmallRng, v: &'a [T]) -> &'a T {
    &v[rng.random_range(0..v.len())]
}

fn pick_weighted<'a>(rng: &mut SmallRng, v: &'a [(&'a str, u32)]) -> &'a str {
    let total: u32 = v.iter().map(|x| x.1).sum();
    let mut r = rng.random_range(0..total);
    for (code, w) in v {
        if r < *w {
            return code;
        }
        r -= w;
    }
    v[0].0
}

/// A Kazakh surname from a stem and an ending ("Әли" + "ов" -> "Әлиев").
fn kk_surname(stem: &str, ending: &str) -> String {
    let vowel_end = stem.ends_with(['а', 'е', 'і', 'и', 'ы', 'о', 'ұ', 'ү', 'ә', 'у']);
    match ending {
        "ов" if vowel_end => format!("{stem}ев"),
        "жанов" if stem.ends_with("жан") => format!("{stem}ов"),
        "беков" if stem.ends_with("бек") => format!("{stem}ов"),
        e => format!("{stem}{e}"),
    }
}

/// Female form of a surname ("Қайратов" -> "Қайратова", "Нұрланұлы" ->
/// "Нұрланқызы", "Ким" stays).
fn female_surname(s: &str) -> String {
    if let Some(stem) = s.strip_suffix("ұлы") {
        return format!("{stem}қызы");
    }
    if s.ends_with("ов") || s.ends_with("ев") || s.ends_with("ин") || s.ends_with("ёв") {
        format!("{s}а")
    } else {
        s.to_string()
    }
}

/// A valid IIN for a birth date and sex (serial random, check digit computed).
pub fn synthetic_iin(rng: &mut SmallRng, birth: NaiveDate, female: bool) -> String {
    let century = match birth.year() {
        y if y < 1900 => 1,
        y if y < 2000 => 3,
        _ => 5,
    } + female as u32;
    let head = format!(
        "{:02}{:02}{:02}{}",
        birth.year() % 100,
        birth.month(),
        birth.day(),
        century
    );
    let mut serial = rng.random_range(0..10_000u32);
    loop {
        let s = format!("{head}{serial:04}");
        let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
        if let Some(cd) = check_digit(&d) {
            return format!("{s}{cd}");
        }
        serial = (serial + 1) % 10_000;
    }
}

struct Person {
    surname: String,
    name: String,
    patronymic: String,
    iin: String,
    phone: String,
    address: String,
    language: &'static str,
    category: Option<&'static str>,
    legal: bool,
}

fn person(rng: &mut SmallRng) -> Person {
    let female = rng.random_bool(0.52);
    let kazakh = rng.random_bool(0.72);
    let (surname, name, patronymic, language) = if kazakh {
        let (stem, ending) = (*pick(rng, KK_STEMS), *pick(rng, KK_ENDINGS));
        let s = kk_surname(stem, ending);
        let surname = if female { female_surname(&s) } else { s };
        let name = pick(rng, if female { KK_FEMALE } else { KK_MALE }).to_string();
        let father = pick(rng, KK_MALE);
        let patronymic = match rng.random_range(0..10) {
            0..=5 => format!("{father}{}", if female { "қызы" } else { "ұлы" }),
            6..=8 => {
                let (m, f) = pick(rng, RU_PATRONYMICS);
                (if female { f } else { m }).to_string()
            }
            _ => String::new(),
        };
        let lang = if rng.random_bool(0.8) { "kk" } else { "ru" };
        (surname, name, patronymic, lang)
    } else {
        let s = pick(rng, RU_SURNAMES);
        let surname = if female {
            female_surname(s)
        } else {
            s.to_string()
        };
        let name = pick(rng, if female { RU_FEMALE } else { RU_MALE }).to_string();
        let (m, f) = pick(rng, RU_PATRONYMICS);
        let patronymic = (if female { f } else { m }).to_string();
        (surname, name, patronymic, "ru")
    };
    let birth = NaiveDate::from_ymd_opt(1940, 1, 1).unwrap_or_default()
        + Duration::days(rng.random_range(0..65 * 365));
    let iin = if rng.random_bool(0.93) {
        synthetic_iin(rng, birth, female)
    } else {
        String::new()
    };
    let phone = if rng.random_bool(0.9) {
        let n = rng.random_range(0..10_000_000u32);
        format!(
            "+7 {} {:03} {:02} {:02}",
            pick(rng, PHONE_CODES),
            n / 10_000,
            (n / 100) % 100,
            n % 100
        )
    } else {
        String::new()
    };
    let address = format!(
        "{}, {}, {}",
        pick(rng, SETTLEMENTS),
        pick(rng, STREETS),
        rng.random_range(1..120)
    );
    let category = rng.random_bool(0.06).then(|| *pick(rng, CATEGORIES));
    Person {
        surname,
        name,
        patronymic,
        iin,
        phone,
        address,
        language,
        category,
        legal: rng.random_bool(0.04),
    }
}

/// Working days (Monday to Friday) ending with `today`, oldest first.
fn working_days(today: NaiveDate, n: u64) -> Vec<NaiveDate> {
    let mut v = Vec::with_capacity(n as usize);
    let mut d = today;
    while (v.len() as u64) < n {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            v.push(d);
        }
        d -= Duration::days(1);
    }
    v.reverse();
    v
}

impl Store {
    /// Fills an empty database with `opt.rows` synthetic appeals; `progress(done,
    /// total)` is called every few thousand appeals. Fails if appeals exist.
    pub fn synthesize(
        &mut self,
        opt: &SynthOptions,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<SynthReport> {
        if self.appeal_count()? > 0 {
            return Err(StoreError::Invalid(
                "synthetic data goes only into a database without appeals".into(),
            ));
        }
        // Bulk load: durability per chunk is not needed (a cut-off run is redone).
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        let r = self.synthesize_rows(opt, progress);
        if r.is_err() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        let r = r?;
        self.optimize_search_index()?;
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")?;
        Ok(r)
    }

    fn synthesize_rows(
        &mut self,
        opt: &SynthOptions,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<SynthReport> {
        const CHUNK: u64 = 20_000;
        let mut rng = SmallRng::seed_from_u64(opt.seed);
        let per_day = opt.per_day.max(1) as u64;
        let n_days = opt.rows.div_ceil(per_day).max(1);
        let days = working_days(opt.today, n_days);
        let mut rep = SynthReport {
            days: n_days,
            first_day: days.first().copied(),
            ..Default::default()
        };
        let conn = &self.conn;
        conn.execute_batch("BEGIN")?;
        let mut official_ids = Vec::new();
        for (s, n, p, pkk, pru, cat) in OFFICIALS {
            conn.execute(
                "INSERT INTO officials (uid, surname, name, patronymic, position_kk, position_ru, category)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![uuid::Uuid::now_v7().to_string(), s, n, p, pkk, pru, cat],
            )?;
            official_ids.push(conn.last_insert_rowid());
        }
        let mut ins_applicant = conn.prepare(
            "INSERT INTO applicants (uid, kind, surname, name, patronymic, iin, bin, org_name,
             authority_doc, phone, address, language, category, needs_interpreter, consent_at,
             name_fold, created_at, updated_at)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?15,?15)",
        )?;
        let mut ins_appeal = conn.prepare(
            "INSERT INTO appeals (uid, reg_no, registered_on, registered_at, channel, applicant_id,
             essence, topic, settlement, requested_official, national_reg_no,
             from_personal_reception, status, outcome, created_at, updated_at)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?4,?4)",
        )?;
        let mut ins_event = conn.prepare(
            "INSERT INTO appeal_events (appeal_id, at, from_status, to_status, data)
             VALUES (?1, ?2, ?3, ?4, '{}')",
        )?;
        let mut ins_queue = conn.prepare(
            "INSERT INTO queue_entries (day, ticket, appeal_id, official_id, category, arrived_at,
             status, on_hold, called_at, finished_at)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
        )?;
        let mut ins_protocol = conn.prepare(
            "INSERT INTO protocols (uid, appeal_id, official_id, held_on, decision, outcome, created_at)
             VALUES (?1,?2,?3,?4,?5,?6,?7)",
        )?;
        let mut ins_instruction = conn.prepare(
            "INSERT INTO instructions (uid, protocol_id, appeal_id, text, executor, due_on, status,
             answered_on, answer_summary, answer_doc_no)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
        )?;
        let mut set_counter = conn.prepare(
            "INSERT INTO counters (name, value) VALUES (?1, ?2)
             ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)",
        )?;
        let profile = crate::assets::default_profile();
        let topic_label = |code: &str, lang: &str| -> String {
            profile
                .topic(code)
                .map(|t| {
                    if lang == "kk" {
                        t.kk.clone()
                    } else {
                        t.ru.clone()
                    }
                })
                .unwrap_or_default()
        };
        let mut last_applicant: i64 = 0;
        let mut year = 0;
        let mut seq: u64 = 0;
        let mut done: u64 = 0;
        let first_count = opt.rows - per_day * (n_days - 1);
        for (di, &day) in days.iter().enumerate() {
            let n_today = if di == 0 { first_count } else { per_day };
            let is_today = day == opt.today;
            let day_s = day.to_string();
            let mut ticket = 0u32;
            let open_s = day.and_hms_opt(9, 0, 0).unwrap_or_default();
            for k in 0..n_today {
                let at = open_s + Duration::seconds((k * 9 * 3600 / n_today.max(1)) as i64);
                let at_s = ts(at);
                if day.year() != year {
                    if seq > 0 {
                        set_counter
                            .execute(params![format!("reg:{}:{year}", opt.prefix), seq as i64])?;
                    }
                    year = day.year();
                    seq = 0;
                }
                seq += 1;
                // The applicant: a new person, or one who came before.
                let (applicant_id, language, category) =
                    if last_applicant > 0 && rng.random_bool(0.22) {
                        let lang = if rng.random_bool(0.7) { "kk" } else { "ru" };
                        (rng.random_range(1..=last_applicant), lang, None)
                    } else {
                        let p = person(&mut rng);
                        let (kind, bin, org) = if p.legal {
                            (
                                "legal",
                                synthetic_iin(&mut rng, at.date() - Duration::days(4000), false),
                                format!("«{}» ЖШС", pick(&mut rng, SETTLEMENTS)),
                            )
                        } else {
                            ("individual", String::new(), String::new())
                        };
                        let full = [&p.surname, &p.name, &p.patronymic]
                            .iter()
                            .filter(|s| !s.is_empty())
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(" ");
                        ins_applicant.execute(params![
                            uuid::Uuid::now_v7().to_string(),
                            kind,
                            p.surname,
                            p.name,
                            p.patronymic,
                            p.iin,
                            bin,
                            org,
                            if p.legal { "Сенімхат" } else { "" },
                            p.phone,
                            p.address,
                            p.language,
                            p.category,
                            rng.random_bool(0.01) as i64,
                            at_s,
                            fold(&full),
                        ])?;
                        last_applicant = conn.last_insert_rowid();
                        rep.applicants += 1;
                        (last_applicant, p.language, p.category)
                    };
                let channel = pick_weighted(
                    &mut rng,
                    &[
                        ("walk_in", 35),
                        ("phone", 15),
                        ("paper", 20),
                        ("electronic", 30),
                    ],
                );
                let topic = pick_weighted(&mut rng, TOPICS);
                let settlement = *pick(&mut rng, SETTLEMENTS);
                let detail = if language == "kk" {
                    pick(&mut rng, DETAILS_KK)
                } else {
                    pick(&mut rng, DETAILS_RU)
                };
                let essence = format!("{}: {detail} ({settlement})", topic_label(topic, language));
                let age_days = (opt.today - day).num_days();
                let walk_in = channel == "walk_in";
                // What happened to it: reception (protocol) and instructions.
                let mut held_on: Option<NaiveDate> = None;
                let mut queue_status = "received";
                if walk_in {
                    ticket += 1;
                    if is_today {
                        // Today's queue: the first ones served, one in reception,
                        // one called, the rest waiting (a few on hold).
                        let share = k as f64 / n_today.max(1) as f64;
                        queue_status = if share < 0.4 {
                            "received"
                        } else if share < 0.45 {
                            "called"
                        } else {
                            "waiting"
                        };
                    } else {
                        queue_status = match rng.random_range(0..100) {
                            0..=87 => "received",
                            88..=95 => "no_show",
                            _ => "left",
                        };
                    }
                    if queue_status == "received" {
                        held_on = Some(day);
                    }
                } else if age_days > 20 && rng.random_bool(0.7) {
                    held_on = Some(day + Duration::days(rng.random_range(7..=20)));
                }
                let outcome = held_on.map(|_| pick_weighted(&mut rng, OUTCOMES));
                let n_instructions = match held_on {
                    Some(_) if rng.random_bool(0.35) => rng.random_range(1..=2),
                    _ => 0,
                };
                let mut on_control = false;
                let mut instructions = Vec::new();
                if let Some(h) = held_on {
                    for _ in 0..n_instructions {
                        let due = h + Duration::days(rng.random_range(15..=30));
                        let answered = due < opt.today - Duration::days(5) && rng.random_bool(0.9);
                        on_control |= !answered;
                        instructions.push((due, answered));
                    }
                }
                let status = match (held_on, on_control) {
                    (Some(_), true) => "on_control",
                    (Some(_), false) => "received",
                    (None, _) if walk_in => "scheduled",
                    (None, _) if age_days > 5 && rng.random_bool(0.5) => "scheduled",
                    _ => "registered",
                };
                let national = if age_days > 3 && rng.random_bool(0.6) {
                    format!("ЖТ-{year}-{:08}", rng.random_range(0..100_000_000u32))
                } else {
                    String::new()
                };
                let requested = rng.random_bool(0.5).then(|| *pick(&mut rng, &official_ids));
                ins_appeal.execute(params![
                    uuid::Uuid::now_v7().to_string(),
                    format!("{}-{year}-{seq:06}", opt.prefix),
                    day_s,
                    at_s,
                    channel,
                    applicant_id,
                    essence,
                    topic,
                    settlement,
                    requested,
                    national,
                    rng.random_bool(0.05) as i64,
                    status,
                    outcome,
                ])?;
                let appeal_id = conn.last_insert_rowid();
                rep.appeals += 1;
                ins_event.execute(params![appeal_id, at_s, None::<String>, "registered"])?;
                rep.events += 1;
                let mut last = "registered";
                if walk_in || status == "scheduled" {
                    ins_event.execute(params![appeal_id, at_s, last, "scheduled"])?;
                    rep.events += 1;
                    last = "scheduled";
                }
                if walk_in {
                    let official = requested.unwrap_or(official_ids[0]);
                    let end = at + Duration::minutes(rng.random_range(10..90));
                    let (called, finished) = match queue_status {
                        "received" => (Some(ts(end - Duration::minutes(8))), Some(ts(end))),
                        "no_show" | "left" => (None, Some(ts(end))),
                        "called" => (Some(at_s.clone()), None),
                        _ => (None, None),
                    };
                    ins_queue.execute(params![
                        day_s,
                        ticket,
                        appeal_id,
                        official,
                        category,
                        at_s,
                        queue_status,
                        (queue_status == "waiting" && rng.random_bool(0.05)) as i64,
                        called,
                        finished,
                    ])?;
                    rep.queue_entries += 1;
                }
                if let Some(h) = held_on {
                    let h_at = ts(h.and_hms_opt(16, 0, 0).unwrap_or_default());
                    let official = requested.unwrap_or(official_ids[rng.random_range(0..4)]);
                    let decision = if language == "kk" {
                        "Мәселе қаралып, өтініш иесіне жауап берілсін"
                    } else {
                        "Рассмотреть вопрос и дать ответ заявителю"
                    };
                    ins_protocol.execute(params![
                        uuid::Uuid::now_v7().to_string(),
                        appeal_id,
                        official,
                        h.to_string(),
                        decision,
                        outcome,
                        h_at
                    ])?;
                    let protocol_id = conn.last_insert_rowid();
                    rep.protocols += 1;
                    ins_event.execute(params![appeal_id, h_at, last, "received"])?;
                    rep.events += 1;
                    for (due, answered) in &instructions {
                        let executor = *pick(&mut rng, EXECUTORS);
                        ins_instruction.execute(params![
                            uuid::Uuid::now_v7().to_string(),
                            protocol_id,
                            appeal_id,
                            format!("{executor}: тексеріп, жауап берсін / проверить и ответить"),
                            executor,
                            due.to_string(),
                            if *answered { "answered" } else { "on_control" },
                            answered.then(|| (*due - Duration::days(2)).to_string()),
                            if *answered {
                                "Жауап берілді"
                            } else {
                                ""
                            },
                            if *answered {
                                format!("ЖТ-{}", protocol_id)
                            } else {
                                String::new()
                            },
                        ])?;
                        rep.instructions += 1;
                    }
                    if on_control {
                        ins_event.execute(params![appeal_id, h_at, "received", "on_control"])?;
                        rep.events += 1;
                    }
                }
                done += 1;
                if done.is_multiple_of(1000) && opt.cancel.is_cancelled() {
                    return Err(StoreError::Cancelled);
                }
                if done.is_multiple_of(CHUNK) {
                    conn.execute_batch("COMMIT; BEGIN")?;
                    progress(done, opt.rows);
                }
            }
        }
        if seq > 0 {
            set_counter.execute(params![format!("reg:{}:{year}", opt.prefix), seq as i64])?;
        }
        conn.execute_batch("COMMIT")?;
        progress(done, opt.rows);
        Ok(rep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate;

    #[test]
    fn synthetic_iins_are_valid_and_encode_birth_and_sex() {
        let mut rng = SmallRng::seed_from_u64(1);
        for (y, female) in [(1950, false), (1987, true), (2004, false)] {
            let b = NaiveDate::from_ymd_opt(y, 7, 14).unwrap();
            let i = synthetic_iin(&mut rng, b, female);
            let v = validate::iin(&i).unwrap();
            assert_eq!(v.birth_date, b);
            assert_eq!(v.female, female);
        }
    }

    #[test]
    fn kazakh_surnames_from_stems() {
        assert_eq!(kk_surname("Әли", "ов"), "Әлиев");
        assert_eq!(kk_surname("Қайрат", "ов"), "Қайратов");
        assert_eq!(kk_surname("Рахымжан", "жанов"), "Рахымжанов");
        assert_eq!(female_surname(&kk_surname("Нұрлан", "ұлы")), "Нұрланқызы");
        assert_eq!(female_surname("Сейітбаев"), "Сейітбаева");
        assert_eq!(female_surname("Ким"), "Ким");
    }

    #[test]
    fn working_days_skip_weekends_and_end_today() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap(); // Monday
        let d = working_days(today, 3);
        assert_eq!(d.last(), Some(&today));
        assert_eq!(d[0], NaiveDate::from_ymd_opt(2026, 3, 12).unwrap());
    }
}

/// One row of a synthetic journal, as an office's file would give it (for the
/// import benchmark: the same rows through the import and as a plain insert).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalRow {
    pub registered_on: NaiveDate,
    pub surname: String,
    pub name: String,
    pub patronymic: String,
    pub iin: String,
    pub phone: String,
    pub language: &'static str,
    pub settlement: &'static str,
    pub topic: &'static str,
    pub essence: String,
}

/// `n` journal rows of the working days before `today`: distinct applicants with
/// an IIN for most of them, one in ten a returning one (same name and IIN).
pub fn journal_rows(n: usize, today: NaiveDate) -> Vec<JournalRow> {
    let mut rng = SmallRng::seed_from_u64(2026);
    let mut rows: Vec<JournalRow> = Vec::with_capacity(n);
    let mut seen_iins = std::collections::HashSet::new();
    let mut day = today;
    for i in 0..n {
        if i % 80 == 0 {
            day -= Duration::days(1);
            while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                day -= Duration::days(1);
            }
        }
        if i > 100 && rng.random_range(0..10) == 0 {
            let mut again = rows[rng.random_range(0..rows.len())].clone();
            again.registered_on = day;
            again.essence = format!("{} ({i})", again.essence);
            rows.push(again);
            continue;
        }
        let female = rng.random_bool(0.5);
        let kazakh = rng.random_range(0..10) < 7;
        let (surname, name, patronymic) = if kazakh {
            let stem = KK_STEMS[rng.random_range(0..KK_STEMS.len())];
            let end = KK_ENDINGS[rng.random_range(0..KK_ENDINGS.len())];
            let surname = match (female, end) {
                (true, "ұлы") => format!("{stem}қызы"),
                (true, e) => format!("{stem}{e}а"),
                (false, e) => format!("{stem}{e}"),
            };
            let names = if female { KK_FEMALE } else { KK_MALE };
            (
                surname,
                names[rng.random_range(0..names.len())].to_string(),
                String::new(),
            )
        } else {
            let base = RU_SURNAMES[rng.random_range(0..RU_SURNAMES.len())];
            let surname = if female && !base.ends_with('а') && base.ends_with('в') {
                format!("{base}а")
            } else {
                base.to_string()
            };
            let names = if female { RU_FEMALE } else { RU_MALE };
            let (m, f) = RU_PATRONYMICS[rng.random_range(0..RU_PATRONYMICS.len())];
            (
                surname,
                names[rng.random_range(0..names.len())].to_string(),
                if female { f } else { m }.to_string(),
            )
        };
        let iin = if rng.random_range(0..4) == 0 {
            String::new()
        } else {
            // Distinct applicants have distinct IINs (an IIN under two names is
            // refused by the import: it renames nobody).
            loop {
                let birth = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or(today)
                    + Duration::days(rng.random_range(0..20_000));
                let iin = synthetic_iin(&mut rng, birth, female);
                if seen_iins.insert(iin.clone()) {
                    break iin;
                }
            }
        };
        let code = PHONE_CODES[rng.random_range(0..PHONE_CODES.len())];
        rows.push(JournalRow {
            registered_on: day,
            surname,
            name,
            patronymic,
            iin,
            phone: format!(
                "+7 {code} {:03} {:02} {:02}",
                rng.random_range(0..1000),
                rng.random_range(0..100),
                rng.random_range(0..100)
            ),
            language: if kazakh { "kk" } else { "ru" },
            settlement: SETTLEMENTS[rng.random_range(0..SETTLEMENTS.len())],
            topic: TOPICS[rng.random_range(0..TOPICS.len())].0,
            essence: format!("{} {i}", if kazakh { DETAILS_KK[0] } else { DETAILS_RU[0] }),
        });
    }
    rows
}
