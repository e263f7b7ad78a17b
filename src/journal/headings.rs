//! Finding the heading row of an office's journal and what each column holds.
//!
//! Offices head their columns as they like ("ФИО заявителя", "Т.А.Ә.", "Суть
//! вопроса", "Күні"), often under a title row or two and with a row of column
//! numbers below. Headings are compared after search folding, so "Тегі" and
//! "Теги" are the same word.
use crate::domain::fold::fold;
use crate::import::{canonical_column, ImportError, REQUIRED};

/// What a column of the journal is used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// One of the canonical import columns (`crate::import::COLUMNS`).
    Column(&'static str),
    /// Surname, name and patronymic in one cell.
    FullName,
    /// Not needed (a row number, a note, an executor...).
    NotUsed,
    /// The date the appeal was answered or done ("Дата ответа", "Исполнено").
    AnsweredOn,
    /// What came of it, as the journal words it ("Результат", "Нәтиже").
    Outcome,
}

impl Use {
    /// The name in a mapping file's `[columns]`: a column name, `full_name`
    /// or `not used`.
    pub fn key(self) -> &'static str {
        match self {
            Use::Column(c) => c,
            Use::FullName => "full_name",
            Use::NotUsed => "not used",
            Use::AnsweredOn => "answered_on",
            Use::Outcome => "outcome",
        }
    }
    pub fn from_key(s: &str) -> Option<Use> {
        match s.trim() {
            "full_name" => Some(Use::FullName),
            "answered_on" => Some(Use::AnsweredOn),
            "outcome" => Some(Use::Outcome),
            "" | "not used" | "not_used" => Some(Use::NotUsed),
            s => crate::import::COLUMNS
                .iter()
                .find(|c| **c == s)
                .map(|c| Use::Column(c)),
        }
    }
    /// The English name printed in "which column is used for what".
    pub fn describe(self) -> &'static str {
        match self {
            Use::Column(c) => c,
            Use::FullName => "full name (surname, name, patronymic)",
            Use::NotUsed => "not used",
            Use::AnsweredOn => "answered_on (the answer date)",
            Use::Outcome => "outcome (the journal's result)",
        }
    }
}

/// A rule: the use, heading phrases that mean it, and words that rule it out.
/// A phrase is folded words; a word ending in `*` matches any word it begins.
struct Rule {
    target: Use,
    phrases: &'static [&'static str],
    unless: &'static [&'static str],
}

/// Columns about somebody else than the applicant (the official, the executor).
const NOT_APPLICANT: &[&str] = &[
    "исполнит*",
    "орындаушы*",
    "ответствен*",
    "жауапты*",
    "должност*",
    "лауазым*",
    "принявш*",
    "принял*",
    "қабылдаған*",
    "қабылдаушы*",
    "руковод*",
    "басшы*",
];

const RULES: &[Rule] = &[
    Rule {
        target: Use::FullName,
        phrases: &[
            "фио",
            "ф и о",
            "аты жөні",
            "аты жони",
            "т а ә",
            "т а ж",
            "фамилия имя*",
            "фамилия и о",
            "тегі аты*",
            "толық аты*",
            "заявител*",
            "өтініш беруші*",
            "обратившийся",
            "обратившегося",
        ],
        unless: NOT_APPLICANT,
    },
    Rule {
        target: Use::Column("patronymic"),
        phrases: &["отчество", "әкесінің аты*"],
        unless: NOT_APPLICANT,
    },
    Rule {
        target: Use::Column("surname"),
        phrases: &["фамилия", "тегі"],
        unless: NOT_APPLICANT,
    },
    Rule {
        target: Use::Column("name"),
        phrases: &["имя", "аты"],
        unless: NOT_APPLICANT,
    },
    Rule {
        target: Use::Column("iin"),
        phrases: &["иин", "жсн"],
        unless: &[],
    },
    Rule {
        target: Use::Column("phone"),
        phrases: &["телефон*", "тел", "моб*", "байланыс*", "контакт*"],
        unless: NOT_APPLICANT,
    },
    Rule {
        target: Use::Column("registered_on"),
        phrases: &["дата*", "күні", "күн"],
        unless: &[
            "рожд*",
            "туған*",
            "ответ*",
            "жауап*",
            "исполн*",
            "орында*",
            "срок*",
            "мерзім*",
            "контрол*",
            "бақылау*",
            "снят*",
            "приема",
            "приёма",
            "қабылдау*",
        ],
    },
    Rule {
        target: Use::Column("topic"),
        phrases: &["тема*", "тақыры*", "классификац*", "сфера*"],
        unless: &[],
    },
    Rule {
        target: Use::Column("essence"),
        phrases: &[
            "суть",
            "мәні",
            "содержан*",
            "мазмұн*",
            "вопрос*",
            "мәселе*",
            "просьба",
        ],
        unless: &[
            "результат*",
            "нәтиже*",
            "решени*",
            "шешім*",
            "ответ*",
            "жауап*",
            "принят*",
        ],
    },
    Rule {
        target: Use::Column("settlement"),
        phrases: &["населен* пункт*", "елді мекен*", "село", "ауыл*", "поселок"],
        unless: &[],
    },
    Rule {
        target: Use::Column("channel"),
        phrases: &[
            "форм*",
            "вид",
            "түрі",
            "канал*",
            "арна*",
            "нысан*",
            "способ*",
            "тәсіл*",
        ],
        unless: &["собствен*", "меншік*"],
    },
    Rule {
        target: Use::Column("language"),
        phrases: &["язык*", "тіл", "тілі"],
        unless: &[],
    },
    Rule {
        target: Use::Column("category"),
        phrases: &["категор*", "санат*", "льгот*", "жеңілдік*"],
        unless: &[],
    },
    // Historical rows (issue 16): when and how the appeal was answered.
    Rule {
        target: Use::AnsweredOn,
        phrases: &[
            "дата ответ*",
            "дата исполн*",
            "дата снят*",
            "дата закрыт*",
            "дата рассмотр*",
            "исполнено",
            "отметка об исполн*",
            "жауап күні",
            "жауап берілген күні",
            "жауап берген күні",
            "орындалған күні",
            "орындалды",
            "орындау күні",
            "қаралған күні",
        ],
        unless: &["срок*", "мерзім*", "мерзімі*"],
    },
    Rule {
        target: Use::Outcome,
        phrases: &[
            "результат*",
            "нәтиже*",
            "ответ",
            "жауап",
            "жауабы",
            "решение",
            "принятое решение",
            "принятые меры",
            "шешім*",
            "қабылданған шара*",
        ],
        unless: &["срок*", "мерзім*", "мерзімі*"],
    },
];

/// Headings of the date of the reception, used when no column gives the date
/// of the appeal.
const RECEPTION_DATE: &[&str] = &[
    "дата прием*",
    "дата приём*",
    "қабылдау күні",
    "қабылданған күні",
];

/// True when the folded phrase word `p` (maybe ending in `*`) matches word `w`.
fn word_matches(p: &str, w: &str) -> bool {
    match p.strip_suffix('*') {
        Some(stem) => w.starts_with(stem),
        None => p == w,
    }
}

/// Folds a phrase, keeping a trailing `*` on its words.
fn fold_phrase(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .map(|w| match w.strip_suffix('*') {
            Some(stem) => format!("{}*", fold(stem).replace(' ', "")),
            None => fold(w).replace(' ', ""),
        })
        .filter(|w| !w.is_empty() && w != "*")
        .collect()
}

/// True when the phrase's words appear one after another among `words`.
fn has_phrase(words: &[&str], phrase: &str) -> bool {
    let p = fold_phrase(phrase);
    if p.is_empty() || p.len() > words.len() {
        return false;
    }
    words
        .windows(p.len())
        .any(|win| win.iter().zip(&p).all(|(w, p)| word_matches(p, w)))
}

/// What a heading means: the canonical spellings of `crate::import::ALIASES`
/// first, then the journal rules. `None` when it is not recognised.
pub fn recognise(heading: &str) -> Option<Use> {
    let h = heading.trim().trim_start_matches('\u{feff}').trim();
    if h.is_empty() {
        return None;
    }
    if let Some(c) = canonical_column(h) {
        return Some(Use::Column(c));
    }
    let folded = fold(h);
    let words: Vec<&str> = folded.split_whitespace().collect();
    for rule in RULES {
        if rule.phrases.iter().any(|p| has_phrase(&words, p))
            && !rule.unless.iter().any(|p| has_phrase(&words, p))
        {
            return Some(rule.target);
        }
    }
    // "№", "№ п/п", "#": a row number.
    h.chars()
        .any(|c| c == '№' || c == '#')
        .then_some(Use::NotUsed)
}

/// How many cells of a row are recognised headings (row numbers not counted).
fn score(cells: &[String]) -> usize {
    let mut seen: Vec<Use> = Vec::new();
    for c in cells {
        if let Some(u) = recognise(c) {
            if u != Use::NotUsed && !seen.contains(&u) {
                seen.push(u);
            }
        }
    }
    seen.len()
}

/// How far down the heading row is looked for (title rows above it).
pub const HEADING_SEARCH_ROWS: usize = 15;

/// The index in `rows` of the heading row: among the first non-blank rows, the
/// one with the most recognised headings (at least two); else the first
/// non-blank row, so that a file without a heading is refused as before.
pub fn find_heading_row(rows: &[(usize, Vec<String>)]) -> Option<usize> {
    let nonblank = |r: &(usize, Vec<String>)| r.1.iter().any(|c| !c.trim().is_empty());
    let first = rows.iter().position(nonblank)?;
    let mut best: Option<(usize, usize)> = None;
    for (i, r) in rows
        .iter()
        .enumerate()
        .filter(|(_, r)| nonblank(r))
        .take(HEADING_SEARCH_ROWS)
    {
        let s = score(&r.1);
        if s >= 2 && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    Some(best.map(|(i, _)| i).unwrap_or(first))
}

/// True when `row` is the second line of a two-row heading: at least two
/// cells, every filled cell a recognised heading ("Фамилия | Имя | Отчество"
/// under a merged "Заявитель").
pub fn is_sub_heading(row: &[String]) -> bool {
    let filled: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
    filled.len() >= 2
        && filled
            .iter()
            .all(|c| matches!(recognise(c), Some(u) if u != Use::NotUsed))
}

/// A two-row heading made one: a cell of the lower row wins over the merged
/// cell above it.
pub fn merge_heading(top: &[String], sub: &[String]) -> Vec<String> {
    (0..top.len().max(sub.len()))
        .map(|i| {
            let lower = sub.get(i).map(|s| s.trim()).unwrap_or("");
            if lower.is_empty() {
                top.get(i).cloned().unwrap_or_default()
            } else {
                lower.to_string()
            }
        })
        .collect()
}

/// True for the row of column numbers printed under many official headings
/// ("1 | 2 | 3 | ..."): every filled cell a number, counting up from 1.
pub fn is_numbering_row(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    filled.len() >= 3
        && filled
            .iter()
            .enumerate()
            .all(|(i, c)| c.parse::<usize>().ok() == Some(i + 1))
}

/// A column of the journal: its position, heading and use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub heading: String,
    pub used_for: Use,
    /// Why a recognised heading is not used (e.g. a second date column).
    pub note: Option<String>,
}

/// The columns of a heading row. Unrecognised headings are not used; a use
/// found twice is taken from the first column, except two canonical spellings
/// of one column (an error, as before). Required columns must be there, the
/// full name standing for surname and name; `optional` required columns may be
/// absent (a mapping gives their value).
pub fn map_columns(header: &[String], optional: &[&str]) -> Result<Vec<Column>, ImportError> {
    map_columns_with(header, optional, &[])
}

/// [`map_columns`] with the office's own say for some headings (the mapping
/// file's `[columns]`: heading -> use, compared after folding).
pub fn map_columns_with(
    header: &[String],
    optional: &[&str],
    overrides: &[(String, Use)],
) -> Result<Vec<Column>, ImportError> {
    let cols = assign_columns(header, overrides)?;
    let has = |u: Use| cols.iter().any(|c| c.used_for == u);
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|r| {
            let full = has(Use::FullName) && (**r == "surname" || **r == "name");
            !full && !optional.contains(r) && !has(Use::Column(r))
        })
        .map(|r| r.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    Ok(cols)
}

/// What each column is used for, required columns there or not (for a draft
/// mapping of a journal that lacks one).
pub fn assign_columns(
    header: &[String],
    overrides: &[(String, Use)],
) -> Result<Vec<Column>, ImportError> {
    let clean = |h: &String| h.trim().trim_start_matches('\u{feff}').trim().to_string();
    let said: Vec<Option<Use>> = header
        .iter()
        .map(|h| {
            let f = fold(&clean(h));
            overrides
                .iter()
                .find(|(k, _)| !f.is_empty() && fold(k) == f)
                .map(|(_, u)| *u)
        })
        .collect();
    let mut cols: Vec<Column> = Vec::new();
    for (index, h) in header.iter().enumerate() {
        let heading = clean(h);
        let mut used_for = recognise(&heading).unwrap_or(Use::NotUsed);
        let mut note = None;
        if let Some(u) = said[index] {
            used_for = u;
            if u != Use::NotUsed && cols.iter().any(|c| c.used_for == u) {
                return Err(ImportError::Map(format!(
                    "[columns]: two columns are given for {}",
                    u.describe()
                )));
            }
            note = Some("as the mapping says".into());
        } else if used_for != Use::NotUsed && said.contains(&Some(used_for)) {
            note = Some("the mapping gives it another column".into());
            used_for = Use::NotUsed;
        } else if used_for != Use::NotUsed {
            if let Some(prev) = cols.iter().find(|c| c.used_for == used_for) {
                let both_canonical = canonical_column(&prev.heading).is_some()
                    && canonical_column(&heading).is_some();
                if both_canonical {
                    return Err(ImportError::DuplicateColumn(used_for.describe().into()));
                }
                note = Some(format!("column {} is used for it", prev.index + 1));
                used_for = Use::NotUsed;
            }
        }
        cols.push(Column {
            index,
            heading,
            used_for,
            note,
        });
    }
    // No date of the appeal: the date of the reception is the next best
    // (a journal of personal reception often has only that one).
    if !cols
        .iter()
        .any(|c| c.used_for == Use::Column("registered_on"))
    {
        if let Some(c) = cols.iter_mut().find(|c| {
            c.used_for == Use::NotUsed && {
                let f = fold(&c.heading);
                let w: Vec<&str> = f.split_whitespace().collect();
                RECEPTION_DATE.iter().any(|p| has_phrase(&w, p))
            }
        }) {
            c.used_for = Use::Column("registered_on");
            c.note = Some("the date of the reception; no date of the appeal".into());
        }
    }
    // Separate name columns win over a full-name column.
    let has = |u: Use| cols.iter().any(|c| c.used_for == u);
    if has(Use::Column("surname")) && has(Use::Column("name")) {
        for c in cols.iter_mut().filter(|c| c.used_for == Use::FullName) {
            c.used_for = Use::NotUsed;
            c.note = Some("surname and name have their own columns".into());
        }
    }
    Ok(cols)
}

/// "Which column is used for what", one line per column:
/// `column 2 "ФИО заявителя": full name (surname, name, patronymic)`.
pub fn describe_columns(cols: &[Column]) -> Vec<String> {
    cols.iter()
        .filter(|c| !c.heading.is_empty())
        .map(|c| {
            let mut s = format!(
                "column {} \"{}\": {}",
                c.index + 1,
                c.heading,
                c.used_for.describe()
            );
            if let Some(n) = &c.note {
                s.push_str(&format!(" ({n})"));
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(h: &str) -> Option<Use> {
        recognise(h)
    }
    const C: fn(&'static str) -> Option<Use> = |c| Some(Use::Column(c));

    #[test]
    fn russian_journal_headings() {
        assert_eq!(r("№"), Some(Use::NotUsed));
        assert_eq!(r("№ п/п"), Some(Use::NotUsed));
        assert_eq!(r("Дата"), C("registered_on"));
        assert_eq!(r("Дата обращения"), C("registered_on"));
        assert_eq!(r("Дата поступления"), C("registered_on"));
        assert_eq!(r("ФИО"), Some(Use::FullName));
        assert_eq!(r("Ф.И.О. заявителя"), Some(Use::FullName));
        assert_eq!(r("ФИО заявителя"), Some(Use::FullName));
        assert_eq!(r("Фамилия, имя, отчество"), Some(Use::FullName));
        assert_eq!(r("ИИН"), C("iin"));
        assert_eq!(r("Телефон"), C("phone"));
        assert_eq!(r("Номер телефона"), C("phone"));
        assert_eq!(r("Контактный телефон"), C("phone"));
        assert_eq!(r("Суть вопроса"), C("essence"));
        assert_eq!(r("Краткое содержание"), C("essence"));
        assert_eq!(r("Тема"), C("topic"));
        assert_eq!(r("Тематика"), C("topic"));
        assert_eq!(r("Тема вопроса"), C("topic"));
        assert_eq!(r("Населенный пункт"), C("settlement"));
        assert_eq!(r("Населённый пункт"), C("settlement"));
        assert_eq!(r("Форма обращения"), C("channel"));
        assert_eq!(r("Вид обращения"), C("channel"));
        assert_eq!(r("Язык"), C("language"));
        assert_eq!(r("Язык обращения"), C("language"));
        assert_eq!(r("Категория"), C("category"));
    }

    #[test]
    fn kazakh_journal_headings() {
        assert_eq!(r("Күні"), C("registered_on"));
        assert_eq!(r("Өтініш түскен күні"), C("registered_on"));
        assert_eq!(r("Аты-жөні"), Some(Use::FullName));
        assert_eq!(r("Т.А.Ә."), Some(Use::FullName));
        assert_eq!(r("Өтініш берушінің аты-жөні"), Some(Use::FullName));
        assert_eq!(r("ЖСН"), C("iin"));
        assert_eq!(r("Мәні"), C("essence"));
        assert_eq!(r("Өтініштің мазмұны"), C("essence"));
        assert_eq!(r("Тақырып"), C("topic"));
        assert_eq!(r("Тақырыбы"), C("topic"));
        assert_eq!(r("Елді мекен"), C("settlement"));
        assert_eq!(r("Түрі"), C("channel"));
        assert_eq!(r("Тілі"), C("language"));
        assert_eq!(r("Санаты"), C("category"));
        // Kazakh headings typed with Russian letters.
        assert_eq!(r("Куни"), C("registered_on"));
        assert_eq!(r("Тили"), C("language"));
    }

    #[test]
    fn columns_about_others_are_not_the_applicant() {
        assert_eq!(r("ФИО исполнителя"), None);
        assert_eq!(r("Дата рождения"), None);
        assert_eq!(r("Срок исполнения"), None);
        assert_eq!(r("Срок ответа"), None);
        assert_eq!(r("Примечание"), None);
    }

    #[test]
    fn answer_date_and_outcome_headings() {
        let a = Some(Use::AnsweredOn);
        let o = Some(Use::Outcome);
        assert_eq!(r("Дата ответа"), a);
        assert_eq!(r("Дата исполнения"), a);
        assert_eq!(r("Исполнено"), a);
        assert_eq!(r("Жауап күні"), a);
        assert_eq!(r("Жауап берілген күні"), a);
        assert_eq!(r("Орындалды"), a);
        assert_eq!(r("Результат"), o);
        assert_eq!(r("Результат рассмотрения вопроса"), o);
        assert_eq!(r("Нәтиже"), o);
        assert_eq!(r("Нәтижесі"), o);
        assert_eq!(r("Ответ"), o);
        assert_eq!(r("Принятое решение"), o);
        // The appeal's own date and the essence are not taken for them.
        assert_eq!(r("Дата обращения"), C("registered_on"));
        assert_eq!(r("Суть вопроса"), C("essence"));
        assert_eq!(Use::from_key("answered_on"), a);
        assert_eq!(Use::from_key("outcome"), o);
    }

    #[test]
    fn canonical_headings_still_work() {
        for c in crate::import::COLUMNS {
            assert_eq!(r(c), C(c), "{c}");
        }
        assert_eq!(r("Фамилия"), C("surname"));
        assert_eq!(r("Әкесінің аты"), C("patronymic"));
        assert_eq!(r("Аты"), C("name"));
    }

    fn row(n: usize, cells: &[&str]) -> (usize, Vec<String>) {
        (n, cells.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn title_rows_are_skipped() {
        let rows = vec![
            row(1, &["Журнал регистрации обращений на личный прием", "", ""]),
            row(2, &["за 2025 год", "", ""]),
            row(3, &["", "", ""]),
            row(4, &["№", "Дата", "ФИО", "Суть вопроса"]),
            row(5, &["1", "2", "3", "4"]),
            row(6, &["1", "02.03.2026", "Иванов Иван", "Дорога"]),
        ];
        assert_eq!(find_heading_row(&rows), Some(3));
        assert!(is_numbering_row(&rows[4].1));
        assert!(!is_numbering_row(&rows[5].1));
        // No recognisable heading: the first non-blank row, as before.
        let plain = vec![row(1, &["", ""]), row(2, &["colour", "size"])];
        assert_eq!(find_heading_row(&plain), Some(1));
    }

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_mapping_has_the_last_word_on_columns() {
        let h = header(&["Дата", "ФИО", "Суть", "Вид обращения", "Способ подачи"]);
        let cols = map_columns(&h, &[]).unwrap();
        assert_eq!(cols[3].used_for, Use::Column("channel"));
        let said = vec![
            ("вид обращения".to_string(), Use::NotUsed),
            ("СПОСОБ ПОДАЧИ".to_string(), Use::Column("channel")),
        ];
        let cols = map_columns_with(&h, &[], &said).unwrap();
        assert_eq!(cols[3].used_for, Use::NotUsed);
        assert_eq!(cols[4].used_for, Use::Column("channel"));
        assert_eq!(
            describe_columns(&cols)[4],
            "column 5 \"Способ подачи\": channel (as the mapping says)"
        );
        let twice = vec![
            ("Дата".to_string(), Use::Column("essence")),
            ("Суть".to_string(), Use::Column("essence")),
        ];
        assert!(map_columns_with(&h, &[], &twice).is_err());
        assert_eq!(Use::from_key("full_name"), Some(Use::FullName));
        assert_eq!(Use::from_key("topic"), Some(Use::Column("topic")));
        assert_eq!(Use::from_key("colour"), None);
    }

    #[test]
    fn two_row_headings() {
        let top = header(&["№", "Дата", "Заявитель", "", "", "Суть", "Форма"]);
        let sub = header(&["", "", "Фамилия", "Имя", "Отчество", "", ""]);
        assert!(is_sub_heading(&sub));
        assert!(!is_sub_heading(&header(&[
            "1",
            "02.03.2026",
            "Иванов",
            "Иван"
        ])));
        assert!(!is_sub_heading(&header(&["", "Телефон", ""])));
        let merged = merge_heading(&top, &sub);
        let cols = map_columns(&merged, &[]).unwrap();
        let uses: Vec<&str> = cols.iter().map(|c| c.used_for.describe()).collect();
        assert_eq!(
            uses,
            [
                "not used",
                "registered_on",
                "surname",
                "name",
                "patronymic",
                "essence",
                "channel"
            ]
        );
    }

    #[test]
    fn columns_used_and_not_used() {
        let cols = map_columns(
            &header(&[
                "№",
                "Дата",
                "ФИО заявителя",
                "Суть вопроса",
                "Форма",
                "Примечание",
                "Дата обращения",
            ]),
            &[],
        )
        .unwrap();
        let lines = describe_columns(&cols);
        assert_eq!(
            lines,
            vec![
                "column 1 \"№\": not used",
                "column 2 \"Дата\": registered_on",
                "column 3 \"ФИО заявителя\": full name (surname, name, patronymic)",
                "column 4 \"Суть вопроса\": essence",
                "column 5 \"Форма\": channel",
                "column 6 \"Примечание\": not used",
                "column 7 \"Дата обращения\": not used (column 2 is used for it)",
            ]
        );
        assert_eq!(
            map_columns(&header(&["ФИО", "Дата", "Суть"]), &[])
                .unwrap_err()
                .to_string(),
            "required column(s) missing: channel"
        );
        assert!(map_columns(&header(&["ФИО", "Дата", "Суть"]), &["channel"]).is_ok());
        // The date of the reception stands in for the date of the appeal.
        let cols = map_columns(&header(&["ФИО", "Дата приёма", "Суть", "Форма"]), &[]).unwrap();
        assert_eq!(cols[1].used_for, Use::Column("registered_on"));
        let cols = map_columns(
            &header(&["ФИО", "Дата приема", "Дата обращения", "Суть", "Форма"]),
            &[],
        )
        .unwrap();
        assert_eq!(cols[1].used_for, Use::NotUsed);
        assert_eq!(cols[2].used_for, Use::Column("registered_on"));
        assert_eq!(
            map_columns(&header(&["surname", "Фамилия", "name"]), &[])
                .unwrap_err()
                .to_string(),
            "column 'surname' appears twice"
        );
    }
}
