//! Messages of instruction control, surveys, import and export, in Kazakh and
//! Russian (a missing translation does not compile).
use super::Lang;
use crate::domain::control::{CloseProblem, EarlierExecutor, RoundProblem, Urgency};
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

/// The refusal of the conflict rule over the applicant's history (001 §37), naming the
/// earlier appeal the executor handled.
pub fn history_conflict(lang: Lang, hit: &EarlierExecutor) -> String {
    match (&hit.appeal, lang) {
        (Some((_, reg_no)), Lang::Kk) => format!(
            "{} осы арыз иесінің сол тақырыптағы бұрынғы № {reg_no} жолданымын қараған: оған тапсыруға болмайды (регламенттің 37-т.).",
            hit.name
        ),
        (Some((_, reg_no)), Lang::Ru) => format!(
            "{} рассматривал(а) прежнее обращение этого заявителя по той же теме № {reg_no}: поручать ему нельзя (п. 37 регламента).",
            hit.name
        ),
        (None, Lang::Kk) => format!(
            "{} бұл жолданымды бұрын қараған: оған тапсыруға болмайды (регламенттің 37-т.).",
            hit.name
        ),
        (None, Lang::Ru) => format!(
            "{} ранее рассматривал(а) это обращение: поручать ему нельзя (п. 37 регламента).",
            hit.name
        ),
    }
}

/// Why a return for rework or an extension of an instruction is refused.
pub fn round_problem(lang: Lang, p: RoundProblem) -> String {
    match p {
        RoundProblem::NotAnswered => pick(
            lang,
            "Пысықтауға тек жауап берілген тапсырманы қайтаруға болады",
            "На доработку можно вернуть только поручение с ответом",
        )
        .into(),
        RoundProblem::NotOnControl => pick(
            lang,
            "Тек бақылаудағы тапсырманың мерзімін ұзартуға болады",
            "Продлить можно только поручение на контроле",
        )
        .into(),
        RoundProblem::AppealClosed => pick(
            lang,
            "Жолданым жабылған: жауап қабылданған",
            "Обращение закрыто: ответ принят",
        )
        .into(),
        RoundProblem::ReasonMissing => pick(lang, "Себебін жазыңыз", "Укажите причину").into(),
        RoundProblem::ReasonText(e) => text_error(lang, e),
        RoundProblem::DueNotAfterToday => pick(
            lang,
            "Жаңа мерзім бүгіннен кейін болуы керек",
            "Новый срок должен быть позже сегодняшнего дня",
        )
        .into(),
        RoundProblem::DueNotLater => pick(
            lang,
            "Жаңа мерзім қазіргі мерзімнен кеш болуы керек",
            "Новый срок должен быть позже текущего",
        )
        .into(),
    }
}

fn text_error(lang: Lang, e: TextError) -> String {
    match (e, lang) {
        (TextError::TooLong { max }, Lang::Kk) => format!("мәтін {max} таңбадан ұзын"),
        (TextError::TooLong { max }, Lang::Ru) => format!("текст длиннее {max} символов"),
        (_, _) => pick(
            lang,
            "Мәтінде рұқсат етілмеген таңбалар бар",
            "В тексте недопустимые символы",
        )
        .into(),
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
