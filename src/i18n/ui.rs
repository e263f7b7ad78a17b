//! Strings of the desk's screens. Every message has a Kazakh and a Russian text;
//! a missing translation does not compile.
use super::Lang;
use crate::domain::register::{Field, Problem};
use crate::domain::text::TextError;
use crate::domain::validate::{IdError, NameError, PhoneError};
use crate::domain::{Channel, QueueStatus};

macro_rules! messages {
    ($($key:ident => ($kk:expr, $ru:expr),)+) => {
        /// A user-facing message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),+ }
        impl Msg {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Kk) => $kk, (Msg::$key, Lang::Ru) => $ru,)+
                }
            }
        }
    };
}

messages! {
    AppTitle => ("Қабылдау", "Приемная"),
    ScreenToday => ("Бүгінгі кезек", "Очередь дня"),
    ScreenRegister => ("Тіркеу", "Регистрация"),
    ScreenEdit => ("Өтінішті түзету", "Правка обращения"),
    ScreenAppeals => ("Өтініштер", "Обращения"),
    ScreenCard => ("Өтініш", "Обращение"),
    ScreenReception => ("Қабылдау хаттамасы", "Протокол приема"),
    KeyHelp => ("Анықтама", "Справка"),
    KeyQuit => ("Шығу", "Выход"),
    KeyLang => ("Тіл", "Язык"),
    KeySave => ("Сақтау", "Сохранить"),
    KeyBack => ("Артқа", "Назад"),
    KeyNextField => ("Келесі өріс", "След. поле"),
    KeyPrevField => ("Алдыңғы өріс", "Пред. поле"),
    KeyChoose => ("Таңдау", "Выбор"),
    KeyCallNext => ("Келесіні шақыру", "Вызвать след."),
    KeyCallSelected => ("Кезектен тыс шақыру", "Вызвать вне очереди"),
    KeyRecall => ("Қайта шақыру", "Вызвать повторно"),
    KeyReturnToQueue => ("Кезекке қайтару", "Вернуть в очередь"),
    CalledAgain => ("Қайта шақырылды", "Вызван повторно"),
    KeyHold => ("Күттіру / қайтару", "Отложить / вернуть"),
    KeyNoShow => ("Келмеді", "Не явился"),
    KeyLeft => ("Кетіп қалды", "Ушел"),
    KeyReception => ("Қабылдау", "Прием"),
    KeyOpen => ("Ашу", "Открыть"),
    KeyEdit => ("Түзету", "Править"),
    KeyQueueToday => ("Бүгінгі кезекке", "В очередь дня"),
    KeyPrevDay => ("Алдыңғы күн", "Пред. день"),
    KeyNextDay => ("Келесі күн", "След. день"),
    KeyMove => ("Жылжу", "Перемещение"),
    KeyAddInstruction => ("Тапсырма қосу", "Добавить поручение"),
    KeyRemoveInstruction => ("Тапсырманы алып тастау", "Удалить поручение"),
    KeyPrint => ("Талонды басып шығару", "Печать талона"),
    KeyPrintProtocol => ("Хаттаманы басып шығару", "Печать протокола"),
    NoProtocol => ("Бұл өтініш бойынша хаттама жоқ.", "По этому обращению протокола нет."),
    KeySearch => ("Іздеу: аты, ЖСН, телефон, нөмір", "Поиск: ФИО, ИИН, телефон, номер"),
    KeyYes => ("Иә", "Да"),
    KeyNo => ("Жоқ", "Нет"),
    KeyHistory => ("Тарих", "История"),
    HelpTitle => ("Пернелер", "Клавиши"),
    HelpLayoutNote => ("Әріп пернелері латын және кирилл орналасуында бірдей жұмыс істейді.", "Буквенные клавиши работают и в латинской, и в кириллической раскладке."),
    ColTicket => ("№", "№"),
    ColArrived => ("Келді", "Пришел"),
    ColWaited => ("Күтті", "Ждет"),
    ColName => ("Арыз иесі", "Заявитель"),
    ColCategory => ("Санат", "Категория"),
    ColStatus => ("Күйі", "Статус"),
    ColRegNo => ("Тіркеу нөмірі", "Рег. номер"),
    ColDate => ("Күні", "Дата"),
    ColIin => ("ЖСН", "ИИН"),
    ColPhone => ("Телефон", "Телефон"),
    ColTopic => ("Тақырып", "Тема"),
    ColExecutor => ("Орындаушы", "Исполнитель"),
    ColDue => ("Мерзімі", "Срок"),
    ColInstruction => ("Тапсырма", "Поручение"),
    Minutes => ("мин", "мин"),
    OutOfTurn => ("кезексіз", "вне очереди"),
    Interpreter => ("аудармашы", "переводчик"),
    OnHold => ("күттірілді", "отложен"),
    QueueEmpty => ("Бұл күні кезек жоқ. F2 — жаңа өтініш.", "В этот день очереди нет. F2 — новое обращение."),
    QueueSummary => ("Күтуде", "Ожидают"),
    QueueReceived => ("Қабылданды", "Принято"),
    DueToday => ("Бүгін мерзімі", "Срок сегодня"),
    Overdue => ("Мерзімі өткен", "Просрочено"),
    ControlTitle => ("Бақылаудағы тапсырмалар", "Поручения на контроле"),
    NothingDue => ("Бүгінге мерзімі жеткен тапсырма жоқ.", "Поручений со сроком на сегодня нет."),
    NobodyWaiting => ("Кезекте ешкім жоқ.", "В очереди никого нет."),
    SelectCalled => ("Алдымен шақырылған арыз иесін таңдаңыз.", "Сначала выберите вызванного заявителя."),
    Called => ("Шақырылды", "Вызван"),
    ReasonPrompt => ("Кезектен тыс шақыру себебі:", "Причина вызова вне очереди:"),
    ReasonRequired => ("Себебін жазыңыз.", "Укажите причину."),
    ConfirmNoShow => ("Арыз иесі келмеді деп белгілеу керек пе?", "Отметить, что заявитель не явился?"),
    ConfirmLeft => ("Арыз иесі кетіп қалды деп белгілеу керек пе?", "Отметить, что заявитель ушел?"),
    ConfirmQuitUnsaved => ("Сақталмаған өзгерістер бар. Бәрібір шығу керек пе?", "Есть несохраненные изменения. Все равно выйти?"),
    ConfirmLeaveForm => ("Сақталмаған өзгерістер жоғалады. Жалғастыру керек пе?", "Несохраненные изменения пропадут. Продолжить?"),
    FieldChannel => ("Түсу жолы", "Канал"),
    FieldKind => ("Арыз иесі", "Заявитель"),
    FieldSurname => ("Тегі", "Фамилия"),
    FieldName => ("Аты", "Имя"),
    FieldPatronymic => ("Әкесінің аты", "Отчество"),
    FieldIin => ("ЖСН", "ИИН"),
    FieldBin => ("БСН", "БИН"),
    FieldOrgName => ("Ұйым", "Организация"),
    FieldAuthorityDoc => ("Өкілеттік құжаты", "Документ о полномочиях"),
    FieldPhone => ("Телефон", "Телефон"),
    FieldAddress => ("Мекенжайы", "Адрес"),
    FieldLanguage => ("Қабылдау тілі", "Язык приема"),
    FieldCategory => ("Кезектен тыс санат", "Категория вне очереди"),
    FieldInterpreter => ("Аудармашы керек", "Нужен переводчик"),
    FieldTopic => ("Тақырып", "Тема"),
    FieldSettlement => ("Елді мекен", "Населенный пункт"),
    FieldOfficial => ("Лауазымды адам", "Должностное лицо"),
    FieldEssence => ("Мәселенің мәні", "Суть вопроса"),
    FieldNationalRegNo => ("Ұлттық тізілім нөмірі", "Номер в нац. реестре"),
    FieldConsent => ("Дербес деректерге келісім", "Согласие на обработку ПД"),
    FieldReceiveToday => ("Бүгін қабылдау (кезекке)", "Принять сегодня (в очередь)"),
    FieldFromReception => ("Жеке қабылдаудан", "С личного приема"),
    FieldDecision => ("Шешім", "Решение"),
    FieldOutcome => ("Нәтиже", "Результат"),
    FieldHeldOn => ("Қабылдау күні", "Дата приема"),
    FieldInstruction => ("Тапсырма", "Поручение"),
    FieldExecutor => ("Орындаушы", "Исполнитель"),
    FieldDueOn => ("Мерзімі (КК.АА.ЖЖЖЖ)", "Срок (ДД.ММ.ГГГГ)"),
    None_ => ("— жоқ —", "— нет —"),
    Yes => ("иә", "да"),
    No => ("жоқ", "нет"),
    KindIndividual => ("Жеке тұлға", "Физическое лицо"),
    KindLegal => ("Заңды тұлғаның өкілі", "Представитель юрлица"),
    ErrRequired => ("Толтыру міндетті.", "Обязательное поле."),
    ErrEssence => ("Мәселенің мәні көрсетілмеген өтініш қаралмайды (регламент 5-т.).", "Обращение без сути вопроса не рассматривается (п. 5 регламента)."),
    ErrTooLong => ("Тым ұзын мәтін; шегі:", "Слишком длинный текст; предел:"),
    ErrControl => ("Басқару таңбалары рұқсат етілмейді.", "Управляющие символы недопустимы."),
    ErrNameChars => ("Тек әріптер, дефис, апостроф және бос орын.", "Только буквы, дефис, апостроф и пробел."),
    ErrNameMixed => ("Бір сөзде әртүрлі әліпби әріптері.", "В одном слове буквы разных алфавитов."),
    ErrIdLength => ("12 цифр болуы керек.", "Должно быть 12 цифр."),
    ErrIdDigits => ("Тек цифрлар.", "Только цифры."),
    ErrIdDate => ("Күні дұрыс емес.", "Неверная дата в номере."),
    ErrIdCentury => ("7-цифр (ғасыр мен жыныс) 1–6 болуы керек.", "7-я цифра (век и пол) должна быть 1–6."),
    ErrIdChecksum => ("Бақылау саны сәйкес емес — нөмірді тексеріңіз.", "Не сходится контрольная цифра — проверьте номер."),
    ErrBinType => ("БСН түрі дұрыс емес.", "Неверный тип БИН."),
    ErrPhoneChars => ("Телефон нөмірі емес.", "Это не номер телефона."),
    ErrPhoneLength => ("+7 немесе 8-ден кейін 10 цифр.", "10 цифр после +7 или 8."),
    ErrPhoneCountry => ("Қазақстан нөмірі +7 7.. немесе +7 6.. басталады.", "Номер Казахстана начинается с +7 7.. или +7 6.."),
    ErrUnknown => ("Тізімде жоқ мән.", "Значения нет в списке."),
    ErrDueInPast => ("Мерзім қабылдау күнінен бұрын.", "Срок раньше даты приема."),
    ErrDate => ("Күн КК.АА.ЖЖЖЖ пішімінде.", "Дата в формате ДД.ММ.ГГГГ."),
    FormHasErrors => ("Қателерді түзетіңіз (қызылмен белгіленген).", "Исправьте ошибки (отмечены красным)."),
    Saved => ("Сақталды.", "Сохранено."),
    SaveFailed => ("Сақтау мүмкін болмады:", "Не удалось сохранить:"),
    Conflict => ("Бұл жазбаны басқа көшірме өзгертті. R — қайта жүктеу, O — үстінен жазу, Esc — болдырмау.", "Запись изменена в другой копии. R — перечитать, O — перезаписать, Esc — отмена."),
    TalonTitle => ("ТАЛОН", "ТАЛОН"),
    TalonNumber => ("Тіркеу нөмірі", "Регистрационный номер"),
    TalonDate => ("Күні мен уақыты", "Дата и время"),
    TalonReceiver => ("Қабылдаған", "Принял"),
    TalonTicket => ("Кезек нөмірі", "Номер в очереди"),
    TalonApplicant => ("Арыз иесі", "Заявитель"),
    TalonSavedTo => ("Басып шығаруға файл:", "Файл для печати:"),
    TalonNote => ("ӘРПК 64-бабы", "ст. 64 АППК"),
    ProtocolNoAppeal => ("Алдымен кезектен арыз иесін шақырыңыз немесе өтінішті ашыңыз.", "Сначала вызовите заявителя из очереди или откройте обращение."),
    ProtocolSaved => ("Хаттама сақталды; тапсырмалар бақылауға алынды.", "Протокол сохранен; поручения поставлены на контроль."),
    DueProposed => ("ұсынылған мерзім", "предложенный срок"),
    Queued => ("Бүгінгі кезекке қойылды, талон №", "Поставлен в очередь дня, талон №"),
    AlreadyQueued => ("Бұл өтініш бүгінгі кезекте тұр.", "Это обращение уже в очереди дня."),
    HistoryTitle => ("Тарихы", "История"),
    ProtocolsTitle => ("Хаттамалар", "Протоколы"),
    SearchEmpty => ("Ештеңе табылмады.", "Ничего не найдено."),
    Registered => ("Тіркелді", "Зарегистрировано"),
    RegisteredOnNote => ("Демалыс күні түскен өтініш келесі жұмыс күні тіркеледі:", "Поступившее в выходной регистрируется следующим рабочим днем:"),
    LangName => ("Қазақша", "Русский"),
    Operator => ("Оператор", "Оператор"),
    DbNewer => ("Дерекқорды Қабылдаудың жаңа нұсқасы жасаған. Бағдарламаны жаңартыңыз.", "База создана более новой версией Qabyldau. Обновите программу."),
    Status => ("Күйі", "Статус"),
    Outcome => ("Нәтиже", "Результат"),
    Essence => ("Мәні", "Суть"),
    FromReceptionMark => ("жеке қабылдаудан", "с личного приема"),
    ScreenOfficials => ("Лауазымды адамдар", "Должностные лица"),
    OfficialsEmpty => ("Лауазымды адамдар тізімі бос. A немесе Insert — қосу.", "Список должностных лиц пуст. A или Insert — добавить."),
    FieldPositionKk => ("Лауазымы (қаз.)", "Должность (каз.)"),
    FieldPositionRu => ("Лауазымы (орыс.)", "Должность (рус.)"),
    FieldOfficialCategory => ("Санаты", "Категория"),
    FieldActive => ("Қабылдайды", "Ведет прием"),
    KeyAdd => ("Қосу", "Добавить"),
    ScreenSettings => ("Мекеме баптаулары", "Настройки учреждения"),
    FieldOfficePrefix => ("Тіркеу нөмірінің префиксі", "Префикс рег. номера"),
    FieldOfficeNameKk => ("Мекеме атауы (қаз.)", "Название (каз.)"),
    FieldOfficeNameRu => ("Мекеме атауы (орыс.)", "Название (рус.)"),
    FieldProfile => ("Регламент", "Регламент"),
    KeyStep => ("Қадам / күйі", "Шаг / статус"),
    StepsTitle => ("Келесі қадам", "Следующий шаг"),
    NoSteps => ("Бұл күйден қадам жоқ.", "Из этого статуса шагов нет."),
    ConfirmStep => ("Осы қадамды жазу керек пе?", "Записать этот шаг?"),
    StepDone => ("Қадам жазылды:", "Шаг записан:"),
    FieldFixBy => ("Түзету мерзімі", "Устранить до"),
    FieldGround => ("Негіз", "Основание"),
    FieldHearingSent => ("Тыңдау жобасы жіберілді", "Проект на заслушивание направлен"),
    FieldDecidedOn => ("Шешім күні", "Дата решения"),
    FieldReceptionDate => ("Қабылдау күні", "Дата приема"),
    FieldTime => ("Уақыты (СС:ММ)", "Время (ЧЧ:ММ)"),
    FieldNotifiedOn => ("Хабарланған күні", "Дата уведомления"),
    FieldAnsweredOn => ("Жауап күні", "Дата ответа"),
    FieldSentOn => ("Жіберілген күні", "Дата направления"),
    FieldLetterOn => ("Хат күні", "Дата письма"),
    FieldNewDue => ("Жаңа мерзім", "Новый срок"),
    ErrTime => ("Уақыт СС:ММ пішімінде.", "Время в формате ЧЧ:ММ."),
    NextDue => ("Келесі әрекет", "Следующее действие"),
    DueAppeals => ("Мерзімі жеткен өтініштер", "Обращения со сроком"),
    ScreenControl => ("Бақылау", "Контроль"),
    ScreenReports => ("Есептер", "Отчеты"),
    ScreenImport => ("Өтініштерді импорттау (CSV, XLSX)", "Импорт обращений (CSV, XLSX)"),
    FieldImportPath => ("Файл жолы", "Путь к файлу"),
    ImportHint => ("F5 — файлды тексеру (ештеңе жазылмайды), содан кейін Y — импорттау.", "F5 — проверить файл (ничего не записывается), затем Y — импортировать."),
    ImportPreview => ("Тексеру нәтижесі. Y — дұрыс жолдарды импорттау, Esc — болдырмау.", "Результат проверки. Y — импортировать верные строки, Esc — отмена."),
    ImportDone => ("Импортталды:", "Импортировано:"),
    Quarter => ("тоқсан", "квартал"),
    ReportTotal => ("Барлық өтініштер", "Всего обращений"),
    YearBefore => ("бір жыл бұрын", "год назад"),
    DeadlinesMet => ("Мерзімінде орындалды", "Исполнено в срок"),
    AvgWait => ("Кезекте орташа күту", "Среднее ожидание"),
    RepeatAppeals => ("Қайталама", "Повторные"),
    SurveyFigures => ("Сауалнама: қоңырау / жеткен / орташа баға", "Опрос: звонков / дозвонились / средняя оценка"),
    KeyPrevQuarter => ("Алдыңғы тоқсан", "Пред. квартал"),
    KeyNextQuarter => ("Келесі тоқсан", "След. квартал"),
    RepeatAppeal => ("Қайталама өтініш! Бұрын қаралған:", "Повторное обращение! Ранее рассмотрено:"),
    NothingOnControl => ("Бақылауда тапсырма жоқ.", "Поручений на контроле нет."),
    ColDaysLeft => ("Қалды (ж.к.)", "Осталось (р.д.)"),
    KeyAnswer => ("Түпкілікті жауап", "Окончательный ответ"),
    KeyReassign => ("Орындаушыны ауыстыру", "Сменить исполнителя"),
    ControlAnswerTitle => ("Түпкілікті дәлелді жауап", "Окончательный мотивированный ответ"),
    ControlReassignTitle => ("Жаңа орындаушы", "Новый исполнитель"),
    FieldAnswerSummary => ("Жауаптың қысқаша мазмұны", "Краткое содержание ответа"),
    FieldAnswerDocNo => ("Шығыс құжат нөмірі", "Исходящий номер"),
    AnswerSaved => ("Жауап тіркелді; тапсырма бақылаудан алынды.", "Ответ зарегистрирован; поручение снято с контроля."),
    ExecutorChanged => ("Орындаушы ауыстырылды.", "Исполнитель изменен."),
    ErrPrefix => ("2–8 латын бас әрпі немесе цифр, әріптен басталады (мыс. KHR).", "2–8 латинских заглавных букв или цифр, начиная с буквы (напр. KHR)."),
    NoOfficials => ("Алдымен лауазымды адамды қосыңыз (F8).", "Сначала добавьте должностное лицо (F8)."),
}

/// Label of an official's category.
pub fn official_category(lang: Lang, c: crate::domain::OfficialCategory) -> &'static str {
    use crate::domain::OfficialCategory::*;
    match (c, lang) {
        (Akim, Lang::Kk) => "әкім",
        (Akim, Lang::Ru) => "аким",
        (DeputyAkim, Lang::Kk) => "әкімнің орынбасары",
        (DeputyAkim, Lang::Ru) => "заместитель акима",
        (ApparatusHead, Lang::Kk) => "аппарат басшысы",
        (ApparatusHead, Lang::Ru) => "руководитель аппарата",
        (UnitHead, Lang::Kk) => "бөлім басшысы",
        (UnitHead, Lang::Ru) => "руководитель отдела",
        (Other, Lang::Kk) => "өзге уәкілетті",
        (Other, Lang::Ru) => "иное уполномоченное",
    }
}

pub fn t(lang: Lang, m: Msg) -> &'static str {
    m.text(lang)
}

/// The message for a field error, in the user's language.
pub fn problem(lang: Lang, p: Problem) -> String {
    let m = match p {
        Problem::Required => Msg::ErrRequired,
        Problem::EssenceMissing => Msg::ErrEssence,
        Problem::Text(TextError::TooLong { max }) => {
            return format!("{} {max}", Msg::ErrTooLong.text(lang));
        }
        Problem::Text(TextError::Control) => Msg::ErrControl,
        Problem::Name(NameError::Empty) => Msg::ErrRequired,
        Problem::Name(NameError::Chars) => Msg::ErrNameChars,
        Problem::Name(NameError::MixedScript) => Msg::ErrNameMixed,
        Problem::Name(NameError::TooLong) => {
            return format!(
                "{} {}",
                Msg::ErrTooLong.text(lang),
                crate::domain::text::limits::NAME
            );
        }
        Problem::Id(IdError::Length) => Msg::ErrIdLength,
        Problem::Id(IdError::NotDigits) => Msg::ErrIdDigits,
        Problem::Id(IdError::Date) => Msg::ErrIdDate,
        Problem::Id(IdError::Century) => Msg::ErrIdCentury,
        Problem::Id(IdError::Checksum) => Msg::ErrIdChecksum,
        Problem::Id(IdError::BinType) => Msg::ErrBinType,
        Problem::Phone(PhoneError::Chars) => Msg::ErrPhoneChars,
        Problem::Phone(PhoneError::Length) => Msg::ErrPhoneLength,
        Problem::Phone(PhoneError::Country) => Msg::ErrPhoneCountry,
        Problem::Unknown => Msg::ErrUnknown,
        Problem::DueInPast => Msg::ErrDueInPast,
    };
    m.text(lang).to_string()
}

/// The label of a form field.
pub fn field(f: Field) -> Msg {
    match f {
        Field::Kind => Msg::FieldKind,
        Field::Surname => Msg::FieldSurname,
        Field::Name => Msg::FieldName,
        Field::Patronymic => Msg::FieldPatronymic,
        Field::Iin => Msg::FieldIin,
        Field::Bin => Msg::FieldBin,
        Field::OrgName => Msg::FieldOrgName,
        Field::AuthorityDoc => Msg::FieldAuthorityDoc,
        Field::Phone => Msg::FieldPhone,
        Field::Address => Msg::FieldAddress,
        Field::Category => Msg::FieldCategory,
        Field::Channel => Msg::FieldChannel,
        Field::Topic => Msg::FieldTopic,
        Field::Settlement => Msg::FieldSettlement,
        Field::Essence => Msg::FieldEssence,
        Field::NationalRegNo => Msg::FieldNationalRegNo,
        Field::Official => Msg::FieldOfficial,
        Field::Decision => Msg::FieldDecision,
        Field::Outcome => Msg::FieldOutcome,
        Field::InstructionText(_) => Msg::FieldInstruction,
        Field::Executor(_) => Msg::FieldExecutor,
        Field::DueOn(_) => Msg::FieldDueOn,
    }
}

pub fn channel(lang: Lang, c: Channel) -> &'static str {
    match (c, lang) {
        (Channel::WalkIn, Lang::Kk) => "Ауызша (келіп)",
        (Channel::WalkIn, Lang::Ru) => "Устно (лично)",
        (Channel::Phone, Lang::Kk) => "Телефон",
        (Channel::Phone, Lang::Ru) => "Телефон",
        (Channel::Paper, Lang::Kk) => "Қағаз",
        (Channel::Paper, Lang::Ru) => "Бумажное",
        (Channel::Electronic, Lang::Kk) => "Электрондық",
        (Channel::Electronic, Lang::Ru) => "Электронное",
    }
}

pub fn queue_status(lang: Lang, s: QueueStatus) -> &'static str {
    match (s, lang) {
        (QueueStatus::Waiting, Lang::Kk) => "күтуде",
        (QueueStatus::Waiting, Lang::Ru) => "ожидает",
        (QueueStatus::Called, Lang::Kk) => "шақырылды",
        (QueueStatus::Called, Lang::Ru) => "вызван",
        (QueueStatus::InReception, Lang::Kk) => "қабылдауда",
        (QueueStatus::InReception, Lang::Ru) => "на приеме",
        (QueueStatus::Received, Lang::Kk) => "қабылданды",
        (QueueStatus::Received, Lang::Ru) => "принят",
        (QueueStatus::NoShow, Lang::Kk) => "келмеді",
        (QueueStatus::NoShow, Lang::Ru) => "не явился",
        (QueueStatus::Left, Lang::Kk) => "кетіп қалды",
        (QueueStatus::Left, Lang::Ru) => "ушел",
    }
}

/// Label of an appeal lifecycle status code (falls back to the code itself).
pub fn appeal_status(lang: Lang, code: &str) -> String {
    let (kk, ru) = match code {
        "registered" => ("тіркелді", "зарегистрировано"),
        "needs_fixing" => ("түзетуге", "на доработке"),
        "returned" => ("қайтарылды", "возвращено"),
        "screened_out" => ("бас тарту жобасы", "проект отказа"),
        "refused" => ("бас тартылды", "отказано"),
        "preliminary_review" => ("алдын ала қарауда", "предв. рассмотрение"),
        "date_proposed" => ("күн ұсынылды", "дата предложена"),
        "scheduled" => ("қабылдауға жазылды", "записан на прием"),
        "notified" => ("хабарланды", "уведомлен"),
        "received" => ("қабылданды", "принят"),
        "on_control" => ("бақылауда", "на контроле"),
        "answered" => ("жауап берілді", "дан ответ"),
        "closed" => ("жабылды", "закрыто"),
        "extended" => ("мерзімі ұзартылды", "срок продлен"),
        "withdrawn" => ("кері алынды", "отозвано"),
        other => return other.to_string(),
    };
    match lang {
        Lang::Kk => kk.to_string(),
        Lang::Ru => ru.to_string(),
    }
}
