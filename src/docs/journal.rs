//! The journal of oral appeals (walk-in and phone) for a period (000 §21, 001 §25:
//! oral appeals are entered into a separate protocol and registered like the rest),
//! as a bilingual document printed by `document::html`, `xlsx` and `pdf`.
use super::document::{Bi, Cell, Document, Table};
use crate::domain::profile::Profile;
use crate::domain::{Channel, Lang};
use crate::i18n;
use crate::store::OralJournalRow;
use chrono::NaiveDate;

fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Builds the journal of `rows` (from `Store::oral_journal`) for `from`..=`to`.
pub fn document(
    rows: &[OralJournalRow],
    from: NaiveDate,
    to: NaiveDate,
    office: &Bi,
    profile: &Profile,
) -> Document {
    let both = |f: &dyn Fn(Lang) -> String| Bi::new(f(Lang::Kk), f(Lang::Ru));
    let table_rows: Vec<Vec<Cell>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let topic = profile
                .topic(&r.topic)
                .map(|t| Bi::new(t.kk.clone(), t.ru.clone()))
                .unwrap_or_else(|| Bi::new(r.topic.clone(), r.topic.clone()));
            vec![
                Cell::Int(i as i64 + 1),
                Cell::Text(r.reg_no.clone()),
                Cell::Text(r.registered_at.format("%d.%m.%Y %H:%M").to_string()),
                Cell::Label(both(&|l| i18n::ui::channel(l, r.channel).to_string())),
                Cell::Text(r.applicant_name.clone()),
                Cell::Text(r.essence.clone()),
                Cell::Label(topic),
                Cell::Label(both(&|l| i18n::ui::appeal_status(l, &r.status))),
            ]
        })
        .collect();
    let walk_in = rows.iter().filter(|r| r.channel == Channel::WalkIn).count();
    let phone = rows.iter().filter(|r| r.channel == Channel::Phone).count();
    Document {
        title: Bi::new("Ауызша жолданымдар журналы", "Журнал устных обращений"),
        header: vec![
            office.clone(),
            Bi::new(
                format!("Кезең: {} – {}", dmy(from), dmy(to)),
                format!("Период: {} – {}", dmy(from), dmy(to)),
            ),
        ],
        tables: vec![Table {
            title: Bi::new("Жолданымдар", "Обращения"),
            columns: vec![
                Bi::new("№", "№"),
                Bi::new("Тіркеу нөмірі", "Рег. номер"),
                Bi::new("Күні, уақыты", "Дата, время"),
                Bi::new("Арна", "Канал"),
                Bi::new("Арыз иесі", "Заявитель"),
                Bi::new("Мәселенің мәні", "Суть вопроса"),
                Bi::new("Тақырып", "Тема"),
                Bi::new("Күйі", "Статус"),
            ],
            rows: table_rows,
        }],
        note: Some(Bi::new(
            format!(
                "Барлығы: {}; жеке келгендер: {walk_in}; телефон арқылы: {phone}.",
                rows.len()
            ),
            format!(
                "Всего: {}; лично: {walk_in}; по телефону: {phone}.",
                rows.len()
            ),
        )),
    }
}
