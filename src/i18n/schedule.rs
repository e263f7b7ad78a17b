//! Kazakh and Russian texts of reception days: refusals of the schedule and the
//! appointment book, warnings, formats, origins, tracked deadlines.
use super::Lang;
use crate::domain::schedule::{ScheduleError, SessionFormat, SessionOrigin, Warning};
use crate::store::ScheduleDueKind;
use chrono::{Datelike, NaiveDate, Weekday};

fn pick(lang: Lang, kk: String, ru: String) -> String {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
    }
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A refusal of the schedule, the appointment book or an absence.
pub fn error(lang: Lang, e: &ScheduleError) -> String {
    use ScheduleError as E;
    let (kk, ru) = match e {
        E::EndBeforeStart => (
            "Қабылдаудың аяқталу уақыты басталуынан кейін болуы керек.".into(),
            "Время окончания приема должно быть позже начала.".into(),
        ),
        E::SlotDoesNotFit { minutes } => (
            format!("{minutes} минуттық уақыт аралығы қабылдауға сыймайды."),
            format!("Интервал записи {minutes} мин. не помещается в прием."),
        ),
        E::DayOff(d) => (
            format!("{} — демалыс күні, қабылдау жоспарлауға болмайды.", dmy(*d)),
            format!("{} — выходной день, прием назначить нельзя.", dmy(*d)),
        ),
        E::Overlap { day, start, end } => (
            format!(
                "Лауазымды адамның {} {}–{} қабылдауы бар, уақыттар қиылысады.",
                dmy(*day),
                start.format("%H:%M"),
                end.format("%H:%M")
            ),
            format!(
                "У должностного лица уже есть прием {} {}–{}, время пересекается.",
                dmy(*day),
                start.format("%H:%M"),
                end.format("%H:%M")
            ),
        ),
        E::InstructionMissing => (
            "Кестеден тыс қабылдауға әкімнің тапсырмасы (нөмірі мен күні) қажет (001 §9).".into(),
            "Для приема вне графика нужно поручение акима (номер и дата) (001 §9).".into(),
        ),
        E::OutsideSession(t) => (
            format!(
                "{} уақыты лауазымды адамның қабылдау уақытына кірмейді.",
                t.format("%H:%M")
            ),
            format!("Время {} вне приема должностного лица.", t.format("%H:%M")),
        ),
        E::NotASlot(t) => (
            format!("{} — жазылу уақыт аралығының басы емес.", t.format("%H:%M")),
            format!("{} — не начало интервала записи.", t.format("%H:%M")),
        ),
        E::SlotTaken(t) => (
            format!("{} уақытына басқа арыз иесі жазылған.", t.format("%H:%M")),
            format!("На {} уже записан другой заявитель.", t.format("%H:%M")),
        ),
        E::SessionFull => (
            "Бұл қабылдауда бос орын жоқ.".into(),
            "На этот прием свободных мест нет.".into(),
        ),
        E::SessionCancelled => (
            "Бұл қабылдау тоқтатылған.".into(),
            "Этот прием отменен.".into(),
        ),
        E::SlotPassed(t) => (
            format!(
                "{} уақыты өтіп кетті: келесі бос уақытты таңдаңыз.",
                t.format("%H:%M")
            ),
            format!(
                "Время {} уже прошло: выберите следующее свободное.",
                t.format("%H:%M")
            ),
        ),
        E::SessionInPast => (
            "Бұл қабылдау өтіп кеткен.".into(),
            "Этот прием уже прошел.".into(),
        ),
        E::OfficialAbsent(d) => (
            format!("{} лауазымды адам жоқ (қабылдай алмайды).", dmy(*d)),
            format!(
                "{} должностное лицо отсутствует (не может принять).",
                dmy(*d)
            ),
        ),
        E::VideoConsentMissing => (
            "Бейнебайланыс арқылы қабылдауға арыз иесінің келісімі қажет (001 §13).".into(),
            "Для приема по видеосвязи нужно согласие заявителя (001 §13).".into(),
        ),
        E::AlreadyBooked => (
            "Бұл өтініш қабылдауға жазылып қойған.".into(),
            "Это обращение уже записано на прием.".into(),
        ),
        E::AbsenceEndsBeforeStart => (
            "Болмау кезеңінің соңы басынан бұрын.".into(),
            "Период отсутствия заканчивается раньше, чем начинается.".into(),
        ),
        E::ToldInFuture => (
            "Хабарланған күн бүгіннен кейін болмауы керек.".into(),
            "Дата сообщения не может быть позже сегодняшней.".into(),
        ),
        E::BookingNotActive => (
            "Бұл жазылу енді күшінде емес.".into(),
            "Эта запись больше не действует.".into(),
        ),
        E::BadNth => (
            "Айдың апта күнінің реті 1–5 немесе соңғысы болуы керек.".into(),
            "Номер дня недели в месяце: 1–5 или последний.".into(),
        ),
        E::SameDayConsentMissing => (
            "Бөлім басшысының сол күні қабылдауына арыз иесінің келісімі қажет (001 §3).".into(),
            "Для приема руководителем отдела в день обращения нужно согласие заявителя (001 §3)."
                .into(),
        ),
        E::NotSessionDay(d) => (
            format!("Бұл жазылу {} күнге, бүгінге емес.", dmy(*d)),
            format!("Эта запись на {}, а не на сегодня.", dmy(*d)),
        ),
        E::ParticipantBodyMissing => (
            "Шақырылған органның атауын жазыңыз.".into(),
            "Укажите приглашенный орган.".into(),
        ),
    };
    pick(lang, kk, ru)
}

/// A warning about the schedule; `name` gives an official's name by id.
pub fn warning(lang: Lang, w: &Warning, name: &dyn Fn(i64) -> String) -> String {
    let (kk, ru) = match w {
        Warning::SkippedDayOff { official_id, day } => (
            format!("{}: {} демалыс күні, қабылдау жасалмады.", name(*official_id), dmy(*day)),
            format!("{}: {} выходной, прием не создан.", name(*official_id), dmy(*day)),
        ),
        Warning::NoSessionInMonth {
            official_id,
            year,
            month,
        } => (
            format!(
                "{}: {month:02}.{year} айында бірде-бір қабылдау жоқ (айына кемінде бір рет, 001 §7).",
                name(*official_id)
            ),
            format!(
                "{}: в {month:02}.{year} нет ни одного приема (не реже раза в месяц, 001 §7).",
                name(*official_id)
            ),
        ),
        Warning::SessionOnDayOff { day, .. } => (
            format!("{} қабылдау демалыс күніне түсті.", dmy(*day)),
            format!("Прием {} приходится на выходной.", dmy(*day)),
        ),
        Warning::Overlap { first, second } => (
            format!("№{first} және №{second} қабылдаулар уақыты қиылысады."),
            format!("Приемы №{first} и №{second} пересекаются по времени."),
        ),
    };
    pick(lang, kk, ru)
}

pub fn format_label(lang: Lang, f: SessionFormat) -> &'static str {
    match (f, lang) {
        (SessionFormat::InPerson, Lang::Kk) => "жеке қабылдау",
        (SessionFormat::InPerson, Lang::Ru) => "личный прием",
        (SessionFormat::Video, Lang::Kk) => "бейнебайланыс",
        (SessionFormat::Video, Lang::Ru) => "видеосвязь",
        (SessionFormat::Field, Lang::Kk) => "көшпелі қабылдау",
        (SessionFormat::Field, Lang::Ru) => "выездной прием",
    }
}

pub fn origin_label(lang: Lang, o: SessionOrigin) -> &'static str {
    match (o, lang) {
        (SessionOrigin::Schedule, Lang::Kk) => "кесте бойынша",
        (SessionOrigin::Schedule, Lang::Ru) => "по графику",
        (SessionOrigin::Instruction, Lang::Kk) => "әкімнің тапсырмасы бойынша",
        (SessionOrigin::Instruction, Lang::Ru) => "по поручению акима",
        (SessionOrigin::AfterMeeting, Lang::Kk) => "халықпен кездесуден кейін",
        (SessionOrigin::AfterMeeting, Lang::Ru) => "после встречи с населением",
    }
}

pub fn due_kind(lang: Lang, k: ScheduleDueKind) -> &'static str {
    use ScheduleDueKind as K;
    match (k, lang) {
        (K::ReferenceNote, Lang::Kk) => "қабылдауға дейін анықтама (001 §26)",
        (K::ReferenceNote, Lang::Ru) => "справка до приема (001 §26)",
        (K::DateTimeNotice, Lang::Kk) => "күні мен уақытын хабарлау (001 §29)",
        (K::DateTimeNotice, Lang::Ru) => "сообщить дату и время (001 §29)",
        (K::MovedNotTold, Lang::Kk) => "қабылдау ауыстырылды — арыз иесіне хабарлау",
        (K::MovedNotTold, Lang::Ru) => "прием перенесен — сообщить заявителю",
        (K::ToMove, Lang::Kk) => "қабылдау болмайды — басқа қабылдауға ауыстыру",
        (K::ToMove, Lang::Ru) => "прием не состоится — перенести на другой прием",
        (K::ParticipationNotice, Lang::Kk) => "басқа органның қатысуы туралы хабарлау (001 §18)",
        (K::ParticipationNotice, Lang::Ru) => "сообщить об участии другого органа (001 §18)",
        (K::RefusalReport, Lang::Kk) => "органның қатысудан бас тартуы туралы хабарлау (001 §20)",
        (K::RefusalReport, Lang::Ru) => "сообщить об отказе органа от участия (001 §20)",
    }
}

/// Weekday names (for the poster and lists).
pub fn weekday(lang: Lang, w: Weekday) -> &'static str {
    use Weekday::*;
    match (w, lang) {
        (Mon, Lang::Kk) => "дүйсенбі",
        (Tue, Lang::Kk) => "сейсенбі",
        (Wed, Lang::Kk) => "сәрсенбі",
        (Thu, Lang::Kk) => "бейсенбі",
        (Fri, Lang::Kk) => "жұма",
        (Sat, Lang::Kk) => "сенбі",
        (Sun, Lang::Kk) => "жексенбі",
        (Mon, Lang::Ru) => "понедельник",
        (Tue, Lang::Ru) => "вторник",
        (Wed, Lang::Ru) => "среда",
        (Thu, Lang::Ru) => "четверг",
        (Fri, Lang::Ru) => "пятница",
        (Sat, Lang::Ru) => "суббота",
        (Sun, Lang::Ru) => "воскресенье",
    }
}

/// Month names in the nominative (poster titles).
pub fn month(lang: Lang, m: u32) -> &'static str {
    const KK: [&str; 12] = [
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ];
    const RU: [&str; 12] = [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ];
    let i = (m.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Kk => KK[i],
        Lang::Ru => RU[i],
    }
}

/// "сейсенбі, 10.03.2026" / "вторник, 10.03.2026".
pub fn day_label(lang: Lang, d: NaiveDate) -> String {
    format!("{}, {}", weekday(lang, d.weekday()), dmy(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let t = chrono::NaiveTime::from_hms_opt(15, 0, 0).unwrap();
        for e in [
            ScheduleError::EndBeforeStart,
            ScheduleError::SlotDoesNotFit { minutes: 45 },
            ScheduleError::DayOff(d),
            ScheduleError::Overlap {
                day: d,
                start: t,
                end: t,
            },
            ScheduleError::OutsideSession(t),
            ScheduleError::SlotTaken(t),
            ScheduleError::SlotPassed(t),
            ScheduleError::SessionFull,
            ScheduleError::AbsenceEndsBeforeStart,
            ScheduleError::VideoConsentMissing,
        ] {
            let kk = error(Lang::Kk, &e);
            let ru = error(Lang::Ru, &e);
            assert!(!kk.is_empty() && !ru.is_empty() && kk != ru, "{e:?}");
        }
        assert!(error(Lang::Ru, &ScheduleError::SlotTaken(t)).contains("15:00"));
        assert_eq!(day_label(Lang::Kk, d), "сейсенбі, 10.03.2026");
        assert_eq!(month(Lang::Ru, 12), "декабрь");
    }
}
