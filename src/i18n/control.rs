//! Messages of instruction control, surveys, import and export, in Kazakh and
//! Russian (a missing translation does not compile).
use super::Lang;
use crate::domain::control::{CloseProblem, Urgency};
use crate::domain::text::TextError;

fn pick(lang: Lang, kk: &'static str, ru: &'static str) -> &'static str {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
    }
}

/// Why an answer cannot take an instruction off control.
pub fn close_problem(lang: Lang, p: CloseProblem) -> String {
    let too_long = |max: usize| match lang {
        Lang::Kk => format!("мәтін {max} таңбадан ұзын"),
        Lang::Ru => format!("текст длиннее {max} символов"),
    };
    match p {
        CloseProblem::AlreadyAnswered => pick(
            lang,
            "Тапсырмаға жауап берілген, ол бақылаудан алынған",
            "На поручение уже дан ответ, оно снято с контроля",
        )
        .into(),
        CloseProblem::DateMissing => {
            pick(lang, "Жауап күнін енгізіңіз", "Укажите дату ответа").into()
        }
        CloseProblem::BeforeProtocol => pick(
            lang,
            "Жауап күні қабылдау хаттамасының күнінен бұрын болмауы керек",
            "Дата ответа не может быть раньше даты протокола приема",
        )
        .into(),
        CloseProblem::InFuture => pick(
            lang,
            "Жауап күні бүгіннен кейін болмауы керек",
            "Дата ответа не может быть позже сегодняшнего дня",
        )
        .into(),
        CloseProblem::SummaryMissing => pick(
            lang,
            "Жауаптың қысқаша мазмұнын жазыңыз",
            "Укажите краткое содержание ответа",
        )
        .into(),
        CloseProblem::SummaryText(TextError::TooLong { max })
        | CloseProblem::DocNoText(TextError::TooLong { max }) => too_long(max),
        CloseProblem::SummaryText(TextError::Control)
        | CloseProblem::DocNoText(TextError::Control) => pick(
            lang,
            "Мәтінде басқару таңбалары бар",
            "Текст содержит управляющие символы",
        )
        .into(),
    }
}

/// The conflict rule refused a reassignment (001 §24).
pub fn executor_conflict(lang: Lang, previous: &str) -> String {
    match lang {
        Lang::Kk => format!(
            "Жеке қабылдаудан түскен өтінішті бұрын қараған қызметкерге беруге болмайды ({previous})"
        ),
        Lang::Ru => format!(
            "Обращение с личного приема нельзя поручать работнику, ранее его рассматривавшему ({previous})"
        ),
    }
}

/// The executor's name is empty or invalid.
pub fn executor_invalid(lang: Lang) -> &'static str {
    pick(
        lang,
        "Орындаушының аты-жөнін жазыңыз",
        "Укажите ФИО исполнителя",
    )
}

/// A control error for the user; database failures keep their technical text.
/// Takes anything the services map to a [`ServiceError`](crate::services::ServiceError)
/// (the store's `ControlError` included), so the store's errors are not looked into here.
pub fn control_error(lang: Lang, e: impl Into<crate::services::ServiceError>) -> String {
    match e.into() {
        crate::services::ServiceError::Storage(technical) => technical,
        other => super::services::service_error(lang, &other),
    }
}

/// Label of an urgency class.
pub fn urgency(lang: Lang, u: Urgency) -> &'static str {
    match u {
        Urgency::Overdue => pick(lang, "Мерзімі өткен", "Просрочено"),
        Urgency::DueToday => pick(lang, "Мерзімі бүгін", "Срок сегодня"),
        Urgency::DueSoon => pick(lang, "Мерзімі жақын", "Срок скоро"),
        Urgency::Ok => pick(lang, "Мерзімінде", "В сроке"),
        Urgency::Answered => pick(lang, "Жауап берілді", "Дан ответ"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_close_problem_has_both_languages() {
        let all = [
            CloseProblem::AlreadyAnswered,
            CloseProblem::DateMissing,
            CloseProblem::BeforeProtocol,
            CloseProblem::InFuture,
            CloseProblem::SummaryMissing,
            CloseProblem::SummaryText(TextError::TooLong { max: 9 }),
            CloseProblem::DocNoText(TextError::Control),
        ];
        for p in all {
            let kk = close_problem(Lang::Kk, p);
            let ru = close_problem(Lang::Ru, p);
            assert!(!kk.is_empty() && !ru.is_empty() && kk != ru, "{p:?}");
        }
        assert!(executor_conflict(Lang::Ru, "Ахметов А.").contains("Ахметов А."));
    }
}
