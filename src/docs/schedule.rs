//! The month's schedule of receptions as a poster for the reception room and the
//! website, in Kazakh and in Russian (001 §8), and each session's list of
//! applicants: `document::Document`s printed by `document::html` and `pdf`.
use super::document::{Bi, Cell, Document, Table};
use crate::domain::schedule::Session;
use crate::domain::Lang;
use crate::i18n::schedule as t;
use crate::store::{Absence, BookingRow, Participant, SessionRow};

fn hours(s: &Session) -> String {
    format!("{}–{}", s.start.format("%H:%M"), s.end.format("%H:%M"))
}

/// Whether the session's official is marked absent on its day.
fn absent(s: &Session, absences: &[Absence]) -> bool {
    absences
        .iter()
        .any(|a| a.official_id == s.official_id && a.from <= s.day && s.day <= a.to)
}

fn poster_table(rows: &[SessionRow], absences: &[Absence], lang: Lang) -> Table {
    let title = match lang {
        Lang::Kk => Bi::new("Қазақ тілінде", "На казахском языке"),
        Lang::Ru => Bi::new("Орыс тілінде", "На русском языке"),
    };
    Table {
        title,
        columns: vec![
            Bi::new("Күні", "Дата"),
            Bi::new("Апта күні", "День недели"),
            Bi::new("Уақыты", "Время"),
            Bi::new("Тегі, аты, әкесінің аты", "Фамилия, имя, отчество"),
            Bi::new("Лауазымы", "Должность"),
            Bi::new("Өтетін орны", "Место"),
            Bi::new("Нысаны", "Формат"),
        ],
        rows: rows
            .iter()
            .filter(|r| !r.session.cancelled)
            .map(|r| {
                let s = &r.session;
                // The official is away that day: the session does not take place
                // (the reason is not for the public poster).
                let (place, format) = if absent(s, absences) {
                    let none = match lang {
                        Lang::Kk => "Қабылдау болмайды",
                        Lang::Ru => "Приема не будет",
                    };
                    (none.to_string(), "—".to_string())
                } else {
                    (s.place.clone(), t::format_label(lang, s.format).to_string())
                };
                vec![
                    Cell::Text(s.day.format("%d.%m.%Y").to_string()),
                    Cell::Text(t::weekday(lang, chrono::Datelike::weekday(&s.day)).to_string()),
                    Cell::Text(hours(s)),
                    Cell::Text(r.official_name.clone()),
                    Cell::Text(match lang {
                        Lang::Kk => r.position_kk.clone(),
                        Lang::Ru => r.position_ru.clone(),
                    }),
                    Cell::Text(place),
                    Cell::Text(format),
                ]
            })
            .collect(),
    }
}

/// The poster of a month: the sessions (not cancelled) by day and time, one table
/// in Kazakh and one in Russian; a session of an official marked absent that day
/// (`absences`) says that it will not take place.
pub fn poster(
    rows: &[SessionRow],
    absences: &[Absence],
    office: &Bi,
    year: i32,
    month: u32,
) -> Document {
    Document {
        title: Bi::new(
            "Азаматтарды жеке қабылдау кестесі",
            "График личного приема граждан",
        ),
        header: vec![
            office.clone(),
            Bi::new(
                format!("{year} жылғы {}", t::month(Lang::Kk, month)),
                format!("{} {year} года", t::month(Lang::Ru, month)),
            ),
        ],
        tables: vec![
            poster_table(rows, absences, Lang::Kk),
            poster_table(rows, absences, Lang::Ru),
        ],
        // One printed line: the PDF does not wrap.
        note: Some(Bi::new(
            "Жазылу: қоғамдық қабылдау бөлмесі. Бейнебайланыс — келісіммен.",
            "Запись: общественная приемная. Видеосвязь — с согласия.",
        )),
    }
}

/// A session's list of applicants in slot order, with who is still to be told and
/// the others invited.
pub fn session_list(
    row: &SessionRow,
    bookings: &[BookingRow],
    participants: &[Participant],
    office: &Bi,
) -> Document {
    let s = &row.session;
    let yes_no = |b: bool| {
        if b {
            Cell::Label(Bi::new("иә", "да"))
        } else {
            Cell::Label(Bi::new("жоқ", "нет"))
        }
    };
    let list = Table {
        title: Bi::new("Жазылғандар", "Записанные"),
        columns: vec![
            Bi::new("№", "№"),
            Bi::new("Уақыты", "Время"),
            Bi::new("Тіркеу нөмірі", "Рег. номер"),
            Bi::new("Арыз иесі", "Заявитель"),
            Bi::new("Кезектен тыс", "Вне очереди"),
            Bi::new("Хабарланды", "Уведомлен"),
        ],
        rows: bookings
            .iter()
            .enumerate()
            .map(|(i, b)| {
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::Text(b.slot_time.format("%H:%M").to_string()),
                    Cell::Text(b.reg_no.clone()),
                    Cell::Text(b.applicant_name.clone()),
                    yes_no(b.category.is_some()),
                    yes_no(b.told_at.is_some()),
                ]
            })
            .collect(),
    };
    let mut tables = vec![list];
    if !participants.is_empty() {
        tables.push(Table {
            title: Bi::new("Қатысатын органдар", "Участвующие органы"),
            columns: vec![
                Bi::new("Орган", "Орган"),
                Bi::new("Өкіл", "Представитель"),
                Bi::new("Бас тартты", "Отказ"),
            ],
            rows: participants
                .iter()
                .map(|p| {
                    vec![
                        Cell::Text(p.body.clone()),
                        Cell::Text(p.person.clone()),
                        match p.refused_on {
                            Some(d) => Cell::Text(d.format("%d.%m.%Y").to_string()),
                            None => Cell::Empty,
                        },
                    ]
                })
                .collect(),
        });
    }
    Document {
        title: Bi::new(
            "Жеке қабылдауға жазылғандар тізімі",
            "Список записанных на личный прием",
        ),
        header: vec![
            office.clone(),
            Bi::new(
                format!("{} ({})", row.official_name, row.position_kk),
                format!("{} ({})", row.official_name, row.position_ru),
            ),
            Bi::new(
                format!("{}, {}", t::day_label(Lang::Kk, s.day), hours(s)),
                format!("{}, {}", t::day_label(Lang::Ru, s.day), hours(s)),
            ),
            Bi::new(
                format!("{} — {}", s.place, t::format_label(Lang::Kk, s.format)),
                format!("{} — {}", s.place, t::format_label(Lang::Ru, s.format)),
            ),
        ],
        tables,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::{SessionFormat, SessionOrigin};
    use chrono::{NaiveDate, NaiveTime};

    fn row(id: i64, official_id: i64, day: u32, cancelled: bool) -> SessionRow {
        SessionRow {
            session: Session {
                id,
                official_id,
                day: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
                start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
                end: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
                place: format!("каб. {id}"),
                format: SessionFormat::InPerson,
                slot_minutes: 15,
                origin: SessionOrigin::Schedule,
                rule_id: None,
                instruction_no: String::new(),
                instruction_date: None,
                cancelled,
            },
            official_name: format!("Official {official_id}"),
            position_kk: String::new(),
            position_ru: String::new(),
            booked: 0,
            slots: 8,
        }
    }

    #[test]
    fn cancelled_sessions_are_left_out_and_absent_officials_sessions_say_so() {
        let rows = [
            row(1, 1, 17, false),
            row(2, 2, 17, false),
            row(3, 1, 18, true),
        ];
        let away = [Absence {
            id: 1,
            official_id: 2,
            from: NaiveDate::from_ymd_opt(2026, 3, 16).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 3, 17).unwrap(),
            reason: "ауру".into(),
            told_on: NaiveDate::from_ymd_opt(2026, 3, 16).unwrap(),
            late: false,
        }];
        let doc = poster(&rows, &away, &Bi::new("А", "А"), 2026, 3);
        let text = |c: &Cell| match c {
            Cell::Text(t) => t.clone(),
            _ => String::new(),
        };
        for (table, none) in doc
            .tables
            .iter()
            .zip(["Қабылдау болмайды", "Приема не будет"])
        {
            assert_eq!(table.rows.len(), 2, "the cancelled session is not posted");
            assert_eq!(text(&table.rows[0][5]), "каб. 1");
            assert_eq!(text(&table.rows[1][5]), none);
            assert!(table.rows.iter().flatten().all(|c| text(c) != "ауру"));
        }
    }
}
