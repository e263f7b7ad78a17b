//! Kazakh and Russian texts of the rules engine: lifecycle steps, next actions,
//! refusals of a step, due states.
use super::Lang;
use crate::domain::deadlines::DueState;
use crate::domain::lifecycle::{NextAction, Step, TransitionError};

fn pick(lang: Lang, kk: &str, ru: &str) -> String {
    match lang {
        Lang::Kk => kk.to_string(),
        Lang::Ru => ru.to_string(),
    }
}

pub fn step(lang: Lang, s: Step) -> String {
    let (kk, ru) = match s {
        Step::RequestFix => (
            "Түзетуге қайтару (ӘРПК 63-б.)",
            "Вернуть на доработку (ст. 63 АППК)",
        ),
        Step::Fixed => ("Кемшілік жойылды", "Недостатки устранены"),
        Step::Return => ("Қайтару (түзетілмеді)", "Возвратить (не устранено)"),
        Step::StartReview => (
            "Алдын ала қарауға жіберу",
            "Направить на предварительное рассмотрение",
        ),
        Step::ScreenOut => (
            "Бас тарту жобасын тыңдауға жіберу",
            "Проект отказа на заслушивание",
        ),
        Step::Refuse => ("Қабылдаудан бас тарту", "Отказать в приеме"),
        Step::ProposeDate => (
            "Қабылдау күнін ұсыну (анықтама)",
            "Предложить дату приема (справка)",
        ),
        Step::Schedule => (
            "Қабылдауға жазу (күні, уақыты, лауазымды адам)",
            "Записать на прием (дата, время, должностное лицо)",
        ),
        Step::Notify => ("Арыз иесіне хабарланды", "Заявитель уведомлен"),
        Step::Receive => ("Қабылданды", "Принят"),
        Step::PutOnControl => ("Бақылауға алу", "Поставить на контроль"),
        Step::Answer => (
            "Түпкілікті дәлелді жауап берілді",
            "Дан окончательный мотивированный ответ",
        ),
        Step::Close => ("Жабу", "Закрыть"),
        Step::Extend => (
            "Мерзімін ұзарту (30 күнге дейін)",
            "Продлить срок (до 30 дней)",
        ),
        Step::ExtendFurther => (
            "Әкімнің шешімімен қосымша ұзарту (2 айға дейін)",
            "Продлить решением акима (до 2 месяцев)",
        ),
        Step::Redirect => ("Құзыреті бойынша жіберу", "Направить по компетенции"),
        Step::Withdraw => ("Арыз иесі кері алды", "Отозвано заявителем"),
        Step::NotifyInclusion => (
            "Қабылдау тізіміне енгізілгені туралы хабарланды",
            "Заявитель уведомлен о включении в список на прием",
        ),
    };
    pick(lang, kk, ru)
}

pub fn next_action(lang: Lang, a: NextAction) -> String {
    let (kk, ru) = match a {
        NextAction::AnswerWithDate => ("қабылдау күні туралы жауап", "ответ о дате приема"),
        NextAction::FixBy => ("кемшілікті жою мерзімі", "срок устранения недостатков"),
        NextAction::DecideRefusal => ("бас тарту туралы шешім", "решение об отказе"),
        NextAction::NotifyApplicant => ("арыз иесіне хабарлау", "уведомить заявителя"),
        NextAction::Reception => ("қабылдау", "прием"),
        NextAction::Redirect => ("құзыреті бойынша жіберу", "направить по компетенции"),
        NextAction::NotifyInclusion => (
            "тізімге енгізілгені туралы хабарлау",
            "уведомить о включении в список",
        ),
    };
    pick(lang, kk, ru)
}

pub fn due_state(lang: Lang, s: DueState) -> String {
    match (s, lang) {
        (DueState::Overdue(n), Lang::Kk) => format!("мерзімі {n} жұмыс күнге өткен"),
        (DueState::Overdue(n), Lang::Ru) => format!(
            "просрочено на {n} {}",
            super::ru_plural(n, "рабочий день", "рабочих дня", "рабочих дней")
        ),
        (DueState::DueToday, Lang::Kk) => "мерзімі бүгін".into(),
        (DueState::DueToday, Lang::Ru) => "срок сегодня".into(),
        (DueState::DueSoon(n), Lang::Kk) | (DueState::Ok(n), Lang::Kk) => {
            format!("{n} жұмыс күні қалды")
        }
        (DueState::DueSoon(n), Lang::Ru) | (DueState::Ok(n), Lang::Ru) => format!(
            "осталось {n} {}",
            super::ru_plural(n, "рабочий день", "рабочих дня", "рабочих дней")
        ),
    }
}

pub fn transition_error(lang: Lang, e: &TransitionError) -> String {
    let f = |d: &chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    match (e, lang) {
        (TransitionError::NotAllowed { .. }, Lang::Kk) => "Бұл күйден мұндай қадам регламентпен көзделмеген.".into(),
        (TransitionError::NotAllowed { .. }, Lang::Ru) => "Такой шаг из этого статуса регламентом не предусмотрен.".into(),
        (TransitionError::FixPeriodNotOver { fix_by }, Lang::Kk) => format!("Түзету мерзімі {} дейін; одан кейін ғана қайтаруға болады (регламент 6-т.).", f(fix_by)),
        (TransitionError::FixPeriodNotOver { fix_by }, Lang::Ru) => format!("Срок устранения до {}; возврат возможен только после него (п. 6 регламента).", f(fix_by)),
        (TransitionError::HearingTooShort { earliest }, Lang::Kk) => format!("Бас тарту туралы шешім тыңдау жобасынан кемінде 3 жұмыс күн өткен соң, {} бастап (ӘРПК 73-б.).", f(earliest)),
        (TransitionError::HearingTooShort { earliest }, Lang::Ru) => format!("Решение об отказе — не ранее чем через 3 рабочих дня после проекта на заслушивание, с {} (ст. 73 АППК).", f(earliest)),
        (TransitionError::ExtensionTooLong { max }, Lang::Kk) => format!("Жаңа мерзім {} кешірек болмауы керек (регламент 29-30-т.).", f(max)),
        (TransitionError::ExtensionTooLong { max }, Lang::Ru) => format!("Новый срок не может быть позже {} (пп. 29-30 регламента).", f(max)),
        (TransitionError::NoticeTooLate { latest }, Lang::Kk) => format!("Арыз иесіне ұзарту туралы {} дейін хабарлау керек (3 жұмыс күні).", f(latest)),
        (TransitionError::NoticeTooLate { latest }, Lang::Ru) => format!("Заявителя нужно уведомить о продлении до {} (3 рабочих дня).", f(latest)),
        (TransitionError::TooSoonForNote { earliest }, Lang::Kk) => format!("Анықтама қабылдаудан 5 жұмыс күн бұрын: ең ерте күн {}.", f(earliest)),
        (TransitionError::TooSoonForNote { earliest }, Lang::Ru) => format!("Справка — за 5 рабочих дней до приема: самая ранняя дата {}.", f(earliest)),
        (TransitionError::DateInPast, Lang::Kk) => "Күн өтіп кеткен.".into(),
        (TransitionError::DateInPast, Lang::Ru) => "Дата в прошлом.".into(),
        (TransitionError::DateInFuture, Lang::Kk) => "Күн әлі келмеген.".into(),
        (TransitionError::DateInFuture, Lang::Ru) => "Дата еще не наступила.".into(),
        (TransitionError::NotAWorkingDay(d), Lang::Kk) => format!("{} — жұмыс күні емес.", f(d)),
        (TransitionError::NotAWorkingDay(d), Lang::Ru) => format!("{} — нерабочий день.", f(d)),
        (TransitionError::UnknownGround, Lang::Kk) => "Негіз регламент тізімінде жоқ.".into(),
        (TransitionError::UnknownGround, Lang::Ru) => "Основания нет в перечне регламента.".into(),
        (TransitionError::NoFirstExtension, Lang::Kk) => "Алдымен мерзімді 30 күнге дейін ұзарту керек.".into(),
        (TransitionError::NoFirstExtension, Lang::Ru) => "Сначала нужно продление до 30 дней.".into(),
        (TransitionError::NotLater, Lang::Kk) => "Жаңа мерзім қазіргіден кеш болуы керек.".into(),
        (TransitionError::NotLater, Lang::Ru) => "Новый срок должен быть позже текущего.".into(),
        (TransitionError::RedirectToMissing, Lang::Kk) => "Жолданым жіберілетін құзыретті органды көрсетіңіз (ӘРПК 76-б.).".into(),
        (TransitionError::RedirectToMissing, Lang::Ru) => "Укажите компетентный орган, куда направляется обращение (ст. 76 АППК).".into(),
    }
}

/// The name of a letter to the applicant (menus of the desk).
pub fn letter_kind(lang: Lang, k: crate::docs::letters::LetterKind) -> String {
    use crate::docs::letters::LetterKind as K;
    let (kk, ru) = match k {
        K::ReceptionDate => (
            "Қабылдау күні мен уақыты туралы хат",
            "Письмо о дате и времени приема",
        ),
        K::Extension => ("Мерзімді ұзарту туралы хат", "Письмо о продлении срока"),
        K::DraftRefusal => ("Бас тарту жобасы (тыңдау)", "Проект отказа (заслушивание)"),
        K::NotConsidered => (
            "Жолданым қаралмайды (мәні жоқ)",
            "Обращение не рассматривается (нет сути)",
        ),
        K::FixDefects => (
            "Кемшіліктерді жою туралы (ӘРПК 63-б.)",
            "Об устранении недостатков (ст. 63 АППК)",
        ),
        K::Redirect => (
            "Құзыреті бойынша жіберу туралы",
            "О направлении по компетенции",
        ),
    };
    pick(lang, kk, ru)
}

/// Why a letter cannot be printed.
pub fn letter_error(lang: Lang, e: crate::docs::letters::LetterError) -> String {
    use crate::docs::letters::LetterError as E;
    let (kk, ru) = match e {
        E::NoStep => (
            "Жолданым тарихында бұл хатқа қадам жоқ.",
            "В истории обращения нет шага для этого письма.",
        ),
        E::DefectsMissing => (
            "Нені түзету керектігін жазыңыз.",
            "Укажите, что нужно устранить.",
        ),
    };
    pick(lang, kk, ru)
}
