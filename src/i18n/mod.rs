//! Every user-facing string, in Kazakh and Russian.
pub use crate::domain::Lang;

pub mod board;
pub mod control;
pub mod import;
pub mod rules;
pub mod schedule;
pub mod services;
pub mod ui;

/// Added to the name of a day off a holiday carried over to (both languages, as the
/// holiday names of the calendar).
pub const CARRIED_OVER: &str = "(ауыстыру / перенос)";

/// Column headers of the export for the unified register (both languages).
pub const EXPORT_HEADERS: &[&str] = &[
    "Тіркелген күні / Дата регистрации",
    "Тіркеу нөмірі / Регистрационный номер",
    "Түсу арнасы / Канал поступления",
    "Арыз иесі / Заявитель",
    "ЖСН / ИИН",
    "БСН / БИН",
    "Ұйым / Организация",
    "Мекенжайы / Адрес",
    "Телефон / Телефон",
    "Тілі / Язык",
    "Тақырып / Тема",
    "Елді мекен / Населенный пункт",
    "Мәні / Суть обращения",
];

/// Russian plural form: 1 заявление, 2 заявления, 5 заявлений, 21 заявление.
pub fn ru_plural<'a>(n: i64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n = n.abs();
    let (m10, m100) = (n % 10, n % 100);
    if m10 == 1 && m100 != 11 {
        one
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        few
    } else {
        many
    }
}

/// The office's name in `lang`: as set in the settings, else the generic name.
pub fn office_name(s: &crate::store::OfficeSettings, lang: Lang) -> String {
    let (set, generic) = match lang {
        Lang::Kk => (&s.name_kk, "Әкім аппараты"),
        Lang::Ru => (&s.name_ru, "Аппарат акима"),
    };
    if set.trim().is_empty() {
        generic.to_string()
    } else {
        set.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn russian_plurals() {
        let f = |n| ru_plural(n, "заявление", "заявления", "заявлений");
        assert_eq!(f(1), "заявление");
        assert_eq!(f(2), "заявления");
        assert_eq!(f(5), "заявлений");
        assert_eq!(f(11), "заявлений");
        assert_eq!(f(21), "заявление");
        assert_eq!(f(112), "заявлений");
        assert_eq!(f(104), "заявления");
    }
}
