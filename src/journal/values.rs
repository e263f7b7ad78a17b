//! Values as offices write them in their journals: a full name in one cell,
//! dates in several forms and as Excel day numbers, phones with prefixes and
//! labels, and classifier entries by their Kazakh or Russian wording.
use crate::domain::fold::fold;
use crate::domain::profile::Labelled;
use crate::domain::{Channel, Lang};
use chrono::NaiveDate;

/// A name split into its parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameParts {
    pub surname: String,
    pub name: String,
    pub patronymic: String,
}

/// Standalone Kazakh/Turkic patronymic words ("Серік ұлы").
const PATRONYMIC_WORDS: &[&str] = &["uli", "kizi", "ogli", "kizi"];
/// The folded form of a label or a known word, folded once per label and kept
/// (an import compares every row's values with every label of the lists:
/// folding them again for each row was most of the check's time).
fn folded_label(label: &str) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static FOLDED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    FOLDED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(f) = cache.get(label) {
            return f.clone();
        }
        let f = fold(label);
        // Labels are few; a bound keeps a long-running desk from growing it.
        if cache.len() >= 4096 {
            cache.clear();
        }
        cache.insert(label.to_string(), f.clone());
        f
    })
}

/// Whether `label` folds to `folded` (see [`folded_label`]).
fn same(label: &str, folded: &str) -> bool {
    folded_label(label) == folded
}

/// Endings of a patronymic written as one word (folded).
const PATRONYMIC_ENDINGS: &[&str] = &[
    "uli", "kizi", "ogli", "ovich", "evich", "ovna", "evna", "ichna", "inichna", "ich",
];

fn is_patronymic_word(w: &str) -> bool {
    PATRONYMIC_WORDS.contains(&fold(w).as_str())
}

fn looks_patronymic(w: &str) -> bool {
    let f = fold(w).replace(' ', "");
    // "Серік-ұлы" folds to "serik uli"; the hyphen is kept in the stored name.
    f.chars().count() >= 5 && PATRONYMIC_ENDINGS.iter().any(|e| f.ends_with(e))
}

/// "ИВАНОВ" -> "Иванов"; words already in mixed case are kept as typed.
fn tidy_case(w: &str) -> String {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
        return w.to_string();
    }
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == '-' || c == '\'' || c == '’';
    }
    out
}

/// Splits a full name written in one cell: "Surname Name Patronymic".
///
/// - a patronymic is recognised by its ending (-ович/-евич/-ич, -овна/-евна/
///   -ична, -ұлы/-қызы, also hyphenated) or as separate words "ұлы"/"қызы";
/// - without one, two words are surname and name, three are surname, name and
///   patronymic (the usual order), four are a two-part surname, name and
///   patronymic;
/// - with the patronymic in the middle of three words the order is taken as
///   "Name Patronymic Surname";
/// - words written all in capitals are put in the usual case.
pub fn split_full_name(full: &str) -> NameParts {
    let mut words: Vec<String> = full
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(tidy_case)
        .collect();
    // "Серік ұлы" -> one patronymic "Серік ұлы".
    if words.len() >= 3 && is_patronymic_word(&words[words.len() - 1]) {
        let last = words.pop().unwrap_or_default();
        let n = words.len();
        words[n - 1] = format!("{} {}", words[n - 1], last.to_lowercase());
    }
    let n = words.len();
    let join = |ws: &[String]| ws.join(" ");
    match n {
        0 => NameParts::default(),
        1 => NameParts {
            surname: words[0].clone(),
            ..Default::default()
        },
        2 => NameParts {
            surname: words[0].clone(),
            name: words[1].clone(),
            patronymic: String::new(),
        },
        3 if looks_patronymic(&words[1]) && !looks_patronymic(&words[2]) => NameParts {
            surname: words[2].clone(),
            name: words[0].clone(),
            patronymic: words[1].clone(),
        },
        _ => {
            if n >= 3 && (looks_patronymic(&words[n - 1]) || n == 3 || n == 4) {
                NameParts {
                    surname: join(&words[..n - 2]),
                    name: words[n - 2].clone(),
                    patronymic: words[n - 1].clone(),
                }
            } else {
                // Five words and more without a patronymic: everything after
                // the name is kept in the patronymic, the check names it.
                NameParts {
                    surname: words[0].clone(),
                    name: words[1].clone(),
                    patronymic: join(&words[2..]),
                }
            }
        }
    }
}

/// The Excel day number range taken for a date (1954..2119): an IIN or a
/// count is never mistaken for one.
const EXCEL_DAYS: std::ops::RangeInclusive<i64> = 20_000..=80_000;

/// Parses a journal date: `YYYY-MM-DD`, `DD.MM.YYYY`, `DD.MM.YY`, `DD/MM/YYYY`,
/// `DD-MM-YYYY`, with a time or "г."/"ж." after it, or an Excel day number.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let first = s
        .trim()
        .split(|c: char| c.is_whitespace() || c == 'T')
        .next()?
        .trim_end_matches(['г', 'ж', '.']);
    let parts: Vec<&str> = first.split(['.', '/', '-']).collect();
    if parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        let num = |p: &str| p.parse::<u32>().ok();
        let (a, b, c) = (parts[0], parts[1], parts[2]);
        return match (a.len(), c.len()) {
            (4, 1..=2) => NaiveDate::from_ymd_opt(num(a)? as i32, num(b)?, num(c)?),
            (1..=2, 4) => NaiveDate::from_ymd_opt(num(c)? as i32, num(b)?, num(a)?),
            // DD.MM.YY is this century.
            (1..=2, 2) => NaiveDate::from_ymd_opt(2000 + num(c)? as i32, num(b)?, num(a)?),
            _ => None,
        };
    }
    excel_day(first)
}

/// An Excel day number ("46097" or "46097.0") as a date.
pub fn excel_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let whole = s.strip_suffix(".0").unwrap_or(s);
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i64 = whole.parse().ok()?;
    if !EXCEL_DAYS.contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(n))
}

/// An IIN as typed: spaces dropped, and the leading zero Excel drops from a
/// number put back (people born in the 2000s have IINs starting with 0).
pub fn clean_iin(s: &str) -> String {
    let d: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let d = d.strip_suffix(".0").unwrap_or(&d).to_string();
    if d.len() == 11 && d.chars().all(|c| c.is_ascii_digit()) {
        format!("0{d}")
    } else {
        d
    }
}

/// The first phone of a cell, without labels: "тел. 8 701 123 45 67, 8 7172 55 66 77"
/// -> "8 701 123 45 67". The registration check normalises it to `+7 7XX XXX XX XX`.
pub fn clean_phone(s: &str) -> String {
    let first = s.split([',', ';', '\n']).next().unwrap_or("").trim();
    let start = first
        .find(|c: char| c.is_ascii_digit() || c == '+' || c == '(')
        .unwrap_or(first.len());
    let label = &first[..start];
    // Only a label ("тел.", "моб:") is dropped; anything else stays for the check.
    if label
        .chars()
        .all(|c| c.is_alphabetic() || " .:".contains(c))
    {
        first[start..].trim().to_string()
    } else {
        first.to_string()
    }
}

/// An entry of a classifier list by its code or by its kk or ru label, compared
/// after search folding (case, Kazakh letters typed with Russian ones).
pub fn match_labelled(list: &[Labelled], value: &str) -> Option<String> {
    let t = value.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(l) = list.iter().find(|l| l.code == t) {
        return Some(l.code.clone());
    }
    let f = fold(t);
    list.iter()
        .find(|l| same(&l.code, &f) || same(&l.kk, &f) || same(&l.ru, &f))
        .map(|l| l.code.clone())
}

/// Words offices write for each channel (compared after folding).
const CHANNEL_WORDS: &[(Channel, &[&str])] = &[
    (
        Channel::WalkIn,
        &[
            "walk-in",
            "walk in",
            "лично",
            "личный",
            "личный прием",
            "личный приём",
            "на приеме",
            "устно",
            "устное",
            "устная",
            "очно",
            "жеке",
            "жеке қабылдау",
            "жеке келіп",
            "ауызша",
            "ауызша келіп",
            "келіп",
        ],
    ),
    (
        Channel::Phone,
        &[
            "телефон",
            "по телефону",
            "телефонмен",
            "телефон арқылы",
            "звонок",
            "телефонный звонок",
            "қоңырау",
        ],
    ),
    (
        Channel::Paper,
        &[
            "письменно",
            "письменное",
            "письменная",
            "бумажное",
            "бумага",
            "почта",
            "по почте",
            "нарочно",
            "нарочным",
            "жазбаша",
            "қағаз",
            "қағаз түрінде",
            "пошта",
        ],
    ),
    (
        Channel::Electronic,
        &[
            "электронно",
            "электронное",
            "электронная",
            "электронная почта",
            "эл почта",
            "эл",
            "email",
            "e-mail",
            "интернет",
            "портал",
            "egov",
            "e-otinish",
            "e-өтініш",
            "eotinish",
            "электронды",
            "электрондық",
            "электронды түрде",
            "электрондық пошта",
        ],
    ),
];

/// How the appeal arrived, from the codes, the desk's labels and the words
/// offices use ("устно", "ауызша", "письменно", "e-Өтініш").
pub fn match_channel(value: &str) -> Option<Channel> {
    let t = value.trim();
    if let Some(c) = Channel::from_code(&t.to_lowercase()) {
        return Some(c);
    }
    let f = fold(t);
    if f.is_empty() {
        return None;
    }
    for c in Channel::ALL {
        for lang in [Lang::Kk, Lang::Ru] {
            let label = crate::i18n::ui::channel(lang, *c);
            if same(label, &f) || same(label.split(" (").next().unwrap_or(""), &f) {
                return Some(*c);
            }
        }
    }
    CHANNEL_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| same(w, &f)))
        .map(|(c, _)| *c)
}

/// The applicant's language from codes and names of the language.
pub fn match_language(value: &str) -> Option<Lang> {
    if let Some(l) = Lang::from_code(value) {
        return Some(l);
    }
    let f = fold(value);
    const KK: &[&str] = &[
        "қазақ",
        "қазақша",
        "қазақ тілі",
        "қазақ тілінде",
        "казахский",
        "на казахском",
        "каз.",
        "қаз.",
        "мемлекеттік",
        "государственный",
    ];
    const RU: &[&str] = &[
        "русский",
        "на русском",
        "орыс",
        "орысша",
        "орыс тілі",
        "орыс тілінде",
        "рус.",
    ];
    if KK.iter().any(|w| same(w, &f)) {
        Some(Lang::Kk)
    } else if RU.iter().any(|w| same(w, &f)) {
        Some(Lang::Ru)
    } else {
        None
    }
}

/// Kinds of appeal (заявление, жалоба, ...), which a "Вид обращения" column
/// often holds instead of a channel.
pub fn is_kind_word(value: &str) -> bool {
    const KINDS: &[&str] = &[
        "заявление",
        "жалоба",
        "предложение",
        "запрос",
        "отклик",
        "ходатайство",
        "обращение",
        "өтініш",
        "шағым",
        "ұсыныс",
        "сұрау салу",
        "сұрау",
        "пікір",
    ];
    let f = fold(value);
    KINDS.iter().any(|k| same(k, &f))
}

/// Words a journal writes for "no category" ("нет", "жоқ", "-").
pub fn is_none_word(value: &str) -> bool {
    let t = value.trim();
    if t.chars().all(|c| "-–—/.".contains(c)) {
        return true;
    }
    let f = fold(t);
    ["нет", "жоқ", "не имеется", "отсутствует", "без категории"]
        .iter()
        .any(|w| same(w, &f))
}

/// A settlement spelled as it already is in the database when it is the same
/// after folding ("хромтау" -> "Хромтау"), else as typed.
pub fn match_settlement(known: &[String], value: &str) -> String {
    let t = value.trim();
    let f = fold(t);
    known
        .iter()
        .find(|k| same(k, &f))
        .cloned()
        .unwrap_or_else(|| t.to_string())
}

/// A date written in a cell with other words ("исполнено 12.03.2025", "ответ
/// от 05.02.25 №17"): the cell as a date, else its first word that is one.
pub fn find_date(s: &str) -> Option<NaiveDate> {
    parse_date(s).or_else(|| {
        s.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
            .map(|w| w.trim_matches(|c: char| !c.is_ascii_digit()))
            .filter(|w| w.contains(['.', '/', '-']))
            .find_map(parse_date)
    })
}

/// The profile outcome a journal's result text means: its code or label, or a
/// label the text begins with ("Разъяснено письмом №12" -> explained). The
/// profile's "pending" is never taken (the row is finished).
pub fn match_outcome(outcomes: &[Labelled], value: &str) -> Option<String> {
    if value.trim().is_empty() {
        return None;
    }
    let found = match_labelled(outcomes, value).or_else(|| {
        let f = fold(value);
        outcomes
            .iter()
            .filter(|l| {
                [folded_label(&l.kk), folded_label(&l.ru)]
                    .iter()
                    .any(|lab| {
                        !lab.is_empty()
                            && f.strip_prefix(lab.as_str()).is_some_and(|rest| {
                                rest.is_empty() || !rest.starts_with(char::is_alphanumeric)
                            })
                    })
            })
            // "Частично поддержано" before "Поддержано" when both could begin it.
            .max_by_key(|l| folded_label(&l.ru).len().max(folded_label(&l.kk).len()))
            .map(|l| l.code.clone())
    });
    found.filter(|c| c != "pending")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str, p: [&str; 3]) {
        assert_eq!(
            split_full_name(s),
            NameParts {
                surname: p[0].into(),
                name: p[1].into(),
                patronymic: p[2].into()
            },
            "{s}"
        );
    }

    #[test]
    fn full_names_split() {
        parts("Иванов Пётр Сергеевич", ["Иванов", "Пётр", "Сергеевич"]);
        parts("Иванова Анна Сергеевна", ["Иванова", "Анна", "Сергеевна"]);
        parts("Ковальчук Илья Саввич", ["Ковальчук", "Илья", "Саввич"]);
        parts("Петрова Ольга Ильинична", ["Петрова", "Ольга", "Ильинична"]);
        parts("Ахметов Ерлан Болатұлы", ["Ахметов", "Ерлан", "Болатұлы"]);
        parts(
            "Сәрсенбаева Гүлнұр Серікқызы",
            ["Сәрсенбаева", "Гүлнұр", "Серікқызы"],
        );
        // Kazakh letters typed with Russian ones; hyphenated and separate.
        parts("Ахметов Ерлан Болатулы", ["Ахметов", "Ерлан", "Болатулы"]);
        parts("Ахметов Ерлан Болат-ұлы", ["Ахметов", "Ерлан", "Болат-ұлы"]);
        parts("Ахметов Ерлан Болат ұлы", ["Ахметов", "Ерлан", "Болат ұлы"]);
        parts(
            "Нұрланова Әйгерім Серік қызы",
            ["Нұрланова", "Әйгерім", "Серік қызы"],
        );
        // No patronymic.
        parts("Смит Джон", ["Смит", "Джон", ""]);
        parts("  Ким   Алексей ", ["Ким", "Алексей", ""]);
        // Two-part surnames.
        parts(
            "Петрова-Водкина Анна Ивановна",
            ["Петрова-Водкина", "Анна", "Ивановна"],
        );
        parts(
            "Мамедова Кызы Айгуль Алиевна",
            ["Мамедова Кызы", "Айгуль", "Алиевна"],
        );
        parts(
            "Де Ла Круз Мария Хосеевна",
            ["Де Ла Круз", "Мария", "Хосеевна"],
        );
        // Name Patronymic Surname.
        parts("Ерлан Болатұлы Ахметов", ["Ахметов", "Ерлан", "Болатұлы"]);
        // Capitals.
        parts("ИВАНОВ Иван Иванович", ["Иванов", "Иван", "Иванович"]);
        parts(
            "ӨМІРБЕКОВА-ЖАНСАЯ АЙГҮЛ",
            ["Өмірбекова-Жансая", "Айгүл", ""],
        );
        parts("Иванов", ["Иванов", "", ""]);
        parts("", ["", "", ""]);
    }

    #[test]
    fn dates_as_offices_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 16);
        for s in [
            "2026-03-16",
            "16.03.2026",
            "16.3.2026",
            "16.03.26",
            "16/03/2026",
            "16-03-2026",
            "16.03.2026 10:15",
            "16.03.2026г.",
            "16.03.2026 ж.",
            "2026-03-16T10:00:00",
            "46097",
            "46097.0",
        ] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("31.02.26"), None);
        assert_eq!(parse_date("900515300123"), None, "an IIN is not a date");
        assert_eq!(parse_date("12"), None);
        assert_eq!(parse_date("вчера"), None);
    }

    #[test]
    fn iins_and_phones() {
        assert_eq!(clean_iin("50315300125"), "050315300125");
        assert_eq!(clean_iin("900 515 300 123"), "900515300123");
        assert_eq!(clean_iin("123"), "123");
        assert_eq!(
            clean_phone("тел. 8 701 123 45 67, 8 7172 55 66 77"),
            "8 701 123 45 67"
        );
        assert_eq!(clean_phone("+7(701)123-45-67"), "+7(701)123-45-67");
        assert_eq!(clean_phone("моб: 87011234567"), "87011234567");
        assert_eq!(clean_phone("нет"), "");
        for p in [
            "8 701 123 45 67",
            "+7(701)123-45-67",
            "8(701) 123 4567",
            "87011234567",
        ] {
            assert_eq!(
                crate::domain::validate::phone(&clean_phone(p)).unwrap(),
                "+7 701 123 45 67",
                "{p}"
            );
        }
    }

    #[test]
    fn classifier_values() {
        let p = crate::assets::default_profile();
        let t = |v| match_labelled(&p.topics, v);
        assert_eq!(t("Земельные отношения"), Some("land".into()));
        assert_eq!(t("земельные ОТНОШЕНИЯ"), Some("land".into()));
        assert_eq!(t("Жер катынастары"), Some("land".into()));
        assert_eq!(t("ЖКХ"), Some("utilities".into()));
        assert_eq!(t("roads"), Some("roads".into()));
        assert_eq!(t("Әлеуметтік көмек"), None);
        assert_eq!(match_channel("устно"), Some(Channel::WalkIn));
        assert_eq!(match_channel("Ауызша"), Some(Channel::WalkIn));
        assert_eq!(match_channel("ауызша (келіп)"), Some(Channel::WalkIn));
        assert_eq!(match_channel("Письменное"), Some(Channel::Paper));
        assert_eq!(match_channel("жазбаша"), Some(Channel::Paper));
        assert_eq!(match_channel("по телефону"), Some(Channel::Phone));
        assert_eq!(match_channel("e-Өтініш"), Some(Channel::Electronic));
        assert_eq!(match_channel("electronic"), Some(Channel::Electronic));
        assert_eq!(match_channel("голубиная почта"), None);
        assert_eq!(match_language("на русском"), Some(Lang::Ru));
        assert_eq!(match_language("Қазақша"), Some(Lang::Kk));
        assert_eq!(match_language("Казахский"), Some(Lang::Kk));
        assert_eq!(match_language("de"), None);
        assert!(is_none_word("нет"));
        assert!(is_none_word("-"));
        assert!(!is_none_word("инвалид"));
        let known = vec!["Хромтау".to_string(), "Тассай".to_string()];
        assert_eq!(match_settlement(&known, " хромтау "), "Хромтау");
        assert_eq!(match_settlement(&known, "Абай"), "Абай");
    }

    #[test]
    fn answer_dates_and_outcomes_as_journals_write_them() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(find_date("12.03.2025"), d(2025, 3, 12));
        assert_eq!(find_date("исполнено 12.03.2025"), d(2025, 3, 12));
        assert_eq!(find_date("ответ от 05.02.25 №17"), d(2025, 2, 5));
        assert_eq!(find_date("исполнено"), None);
        assert_eq!(find_date(""), None);
        let p = crate::assets::default_profile();
        let o = |s: &str| match_outcome(&p.outcomes, s);
        assert_eq!(o("Разъяснено"), Some("explained".into()));
        assert_eq!(o("РАЗЪЯСНЕНО письмом №12"), Some("explained".into()));
        assert_eq!(o("Түсіндірілді"), Some("explained".into()));
        assert_eq!(o("Частично поддержано"), Some("partly_supported".into()));
        assert_eq!(o("Поддержано, выделен участок"), Some("supported".into()));
        assert_eq!(o("На рассмотрении"), None);
        assert_eq!(o("Дан ответ письмом"), None);
    }
}
