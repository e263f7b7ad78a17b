//! The import's row-by-row report in the clerk's language (the desk's preview);
//! the command line prints the English `row N: reason` lines.
use super::ui::{field, problem};
use super::Lang;
use crate::domain::dates::format_date;
use crate::domain::register::Problem;
use crate::journal::RowProblem;
use crate::store::ImportedRow;

fn pick(lang: Lang, kk: String, ru: String) -> String {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
    }
}

/// "8-жол" / "строка 8".
pub fn row(lang: Lang, n: usize) -> String {
    pick(lang, format!("{n}-жол"), format!("строка {n}"))
}

/// True for a line about one row ("row 8: ...", "строка 8: ...", "8-жол: ..."),
/// not a total.
pub fn is_row_line(s: &str) -> bool {
    let first = s.split(':').next().unwrap_or("");
    s.starts_with("row ")
        || first
            .strip_prefix("строка ")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        || first
            .strip_suffix("-жол")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// One reason a row is rejected.
pub fn row_problem(lang: Lang, p: &RowProblem) -> String {
    match p {
        RowProblem::TooManyCells { cells, header } => pick(
            lang,
            format!("ұяшық саны {cells}, тақырып жолында {header} баған"),
            format!("ячеек {cells}, а в заголовке столбцов {header}"),
        ),
        RowProblem::DateMissing => pick(lang, "күні жоқ".into(), "нет даты".into()),
        RowProblem::NotADate(t) => pick(
            lang,
            format!("«{t}» — күн емес (КК.АА.ЖЖЖЖ)"),
            format!("«{t}» — не дата (ДД.ММ.ГГГГ)"),
        ),
        RowProblem::DateInFuture(d) => pick(
            lang,
            format!("күні {} — болашақта", format_date(*d)),
            format!("дата {} — в будущем", format_date(*d)),
        ),
        RowProblem::AnswerInFuture(d) => pick(
            lang,
            format!("жауап күні {} — болашақта", format_date(*d)),
            format!("дата ответа {} — в будущем", format_date(*d)),
        ),
        RowProblem::AnswerBeforeAppeal(d) => pick(
            lang,
            format!("жауап күні {} өтініш күнінен бұрын", format_date(*d)),
            format!("дата ответа {} раньше даты обращения", format_date(*d)),
        ),
        RowProblem::Field(f, p, value) => {
            let said = problem(lang, *p);
            let mut s = format!("{}: {}", field(*f).text(lang), said.trim_end_matches('.'));
            if *p == Problem::Unknown && !value.is_empty() {
                s.push_str(&format!(" («{value}»)"));
            }
            s
        }
        RowProblem::Unreadable => pick(lang, "оқылмайды".into(), "не читается".into()),
    }
}

/// A rejected row: "строка 8: Суть вопроса: ...; ...".
pub fn rejected(lang: Lang, n: usize, why: &[RowProblem]) -> String {
    let reasons: Vec<String> = why.iter().map(|p| row_problem(lang, p)).collect();
    format!("{}: {}", row(lang, n), reasons.join("; "))
}

/// A good row that will not be stored, or `None` for a new one. `rows` are the
/// file's row numbers of the good rows (a repeat names the earlier one).
pub fn skipped(lang: Lang, n: usize, what: &ImportedRow, rows: &[usize]) -> Option<String> {
    let why = match what {
        ImportedRow::New(_) => return None,
        ImportedRow::AlreadyImported { reg_no } => pick(
            lang,
            format!("бұрын {reg_no} болып импортталған, өткізіледі"),
            format!("уже импортирована как {reg_no}, пропускается"),
        ),
        ImportedRow::Repeats { earlier } => {
            let e = rows.get(*earlier).copied().unwrap_or(0);
            pick(
                lang,
                format!("{e}-жолмен бірдей, өткізіледі"),
                format!("повторяет строку {e}, пропускается"),
            )
        }
        ImportedRow::IinBelongsTo { .. } => pick(
            lang,
            "ЖСН басқа аты-жөнмен тіркелген, өткізіледі (тіркеу формасы арқылы енгізіңіз)".into(),
            "ИИН записан на другое имя, пропускается (внесите через форму регистрации)".into(),
        ),
    };
    Some(format!("{}: {why}", row(lang, n)))
}

/// The name of a canonical import column as the clerk knows it.
fn column(lang: Lang, c: &str) -> String {
    let (kk, ru) = match c {
        "surname" => ("тегі", "фамилия"),
        "name" => ("аты", "имя"),
        "essence" => ("мәселенің мәні", "суть вопроса"),
        "registered_on" => ("күні", "дата"),
        "channel" => ("түсу жолы", "канал (форма обращения)"),
        other => (other, other),
    };
    match lang {
        Lang::Kk => kk.to_string(),
        Lang::Ru => ru.to_string(),
    }
}

/// Why a file cannot be imported, in the clerk's language (the command line
/// keeps its English lines for scripts). Details from the file or the system
/// (a path, a library's message) are kept as they are, after the words.
pub fn file_error(lang: Lang, e: &crate::import::ImportError) -> String {
    use crate::import::ImportError as E;
    let kk = lang == Lang::Kk;
    let pick = |k: &str, r: &str| if kk { k.to_string() } else { r.to_string() };
    let safe = crate::domain::text::terminal_safe;
    match e {
        E::Read { path, message } => format!(
            "{} {}: {}",
            pick("Файлды оқу мүмкін емес:", "Не удается прочитать файл:"),
            safe(path),
            safe(message)
        ),
        E::Empty => pick(
            "Файл бос: тақырып жолы жоқ.",
            "Файл пуст: нет строки заголовков.",
        ),
        E::NoRows => pick(
            "Файлда тақырып бар, бірақ деректер жолы жоқ.",
            "В файле есть заголовки, но нет строк с данными.",
        ),
        E::Windows1251 | E::NotUtf8 => pick(
            "Файл UTF-8 емес: Excel-де «CSV UTF-8» ретінде сақтаңыз.",
            "Файл не в UTF-8: сохраните его в Excel как «CSV UTF-8».",
        ),
        E::Csv(m) | E::Xlsx(m) => format!(
            "{} {}",
            pick("Файлды оқу мүмкін емес:", "Файл не читается:"),
            safe(m)
        ),
        E::UnknownColumns(c) => format!(
            "{} {}",
            pick("Белгісіз бағандар:", "Неизвестные столбцы:"),
            safe(&c.join(", "))
        ),
        E::DuplicateColumn(c) => format!(
            "{} {}",
            pick("Баған екі рет кездеседі:", "Столбец встречается дважды:"),
            safe(c)
        ),
        E::MissingColumns(c) if c.iter().all(|c| c == "channel") => pick(
            "Журналда түсу жолы бағаны жоқ: оны «Түсу жолы (бағаны жоқ болса)» өрісінде барлық жолдар үшін таңдаңыз.",
            "В журнале нет столбца канала (формы обращения): выберите канал для всех строк в поле «Канал (если нет столбца)».",
        ),
        E::MissingColumns(c) => format!(
            "{} {}",
            pick("Журналда міндетті бағандар жоқ:", "В журнале нет обязательных столбцов:"),
            c.iter().map(|c| column(lang, c)).collect::<Vec<_>>().join(", ")
        ),
        // The file's own limits and mapping problems: their English detail
        // after the words (they name sizes, parts and headings).
        E::Map(m) => format!(
            "{} {}",
            pick("Сәйкестендіру файлы:", "Файл сопоставления:"),
            safe(m)
        ),
        E::Limit(l) => format!(
            "{} {}",
            pick("Файл қабылданбайды:", "Файл не принимается:"),
            safe(&l.to_string())
        ),
        E::Store(s) => format!(
            "{} {}",
            super::ui::Msg::SaveFailed.text(lang),
            safe(&s.to_string())
        ),
        E::Service(s) => crate::i18n::services::service_error(lang, s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::register::Field;

    #[test]
    fn rows_are_worded_in_both_languages_and_told_from_totals() {
        let why = [
            RowProblem::NotADate("32.03.2026".into()),
            RowProblem::Field(Field::Topic, Problem::Unknown, "Погода".into()),
        ];
        assert_eq!(
            rejected(Lang::Ru, 7, &why),
            "строка 7: «32.03.2026» — не дата (ДД.ММ.ГГГГ); Тема: Значения нет в списке («Погода»)"
        );
        assert!(rejected(Lang::Kk, 7, &why).starts_with("7-жол: «32.03.2026» — күн емес"));
        let again = ImportedRow::Repeats { earlier: 0 };
        assert_eq!(
            skipped(Lang::Ru, 9, &again, &[4, 9]).as_deref(),
            Some("строка 9: повторяет строку 4, пропускается")
        );
        for l in ["row 3: x", "строка 12: x", "12-жол: x"] {
            assert!(is_row_line(l), "{l}");
        }
        for l in [
            "Будет импортировано: 2, отклонено: 1",
            "Импортталады: 1, қабылданбады: 0",
            "Ашық: 0; жабық (жауап берілген, мерзімі жоқ): 1 (16.03.2026 дейін)",
        ] {
            assert!(!is_row_line(l), "{l}");
        }
    }
}
