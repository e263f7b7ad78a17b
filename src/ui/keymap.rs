//! Key bindings as data: several keys per action (the F-key, the Latin letter and
//! the Cyrillic letter on the same physical key, since clerks type in the Russian or
//! Kazakh layout all day). Input handling, the status line and the help overlay are
//! all generated from this one list.
use super::action::{Action, ScreenId};
use crate::domain::QueueStatus;
use crate::i18n::ui::Msg;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctx {
    /// Everywhere (F-keys, Esc, Ctrl combinations): safe while typing.
    Global,
    Today,
    Appeals,
    Card,
    /// A form (register, edit, reception): letters are text, so only non-letter keys.
    Form,
    Reception,
    Officials,
    /// The operators list (admin).
    Operators,
    Control,
    Reports,
    /// The login screen: nothing but the form, language and quit.
    Login,
    Survey,
    /// The schedule's month view.
    Schedule,
    /// The applicants booked into one session.
    SessionList,
    /// Popups: each has its own keys; the screen under a popup gets none.
    PopupConfirm,
    PopupTalon,
    PopupConflict,
    PopupSteps,
    PopupReason,
    PopupImport,
    /// Help and messages: closed by Esc, Enter, F1 (and any letter).
    PopupDismiss,
    /// Long work in the background (export, backup, import): Esc cancels it.
    PopupTask,
    /// The one-time recovery code: closed only by its own key (Y/Д/И).
    PopupRecovery,
    /// The login screen asking a new password after a reset: Esc logs out.
    NewPassword,
    /// The applicant's consent to a same-day reception (001 §3): Y yes, N/Enter
    /// no (the safe default), Esc back to the form.
    PopupSameDay,
}

/// One key: code and the modifiers that must be held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const fn k(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}
const fn ch(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}
const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Key],
    pub action: fn() -> Action,
    pub hint: Msg,
    /// Shown in the status line (the rest only in the help overlay).
    pub in_status: bool,
}

macro_rules! bind {
    ($ctx:ident, [$($key:expr),+], $action:expr, $hint:ident, $status:expr) => {
        Binding { ctx: Ctx::$ctx, keys: &[$($key),+], action: || $action, hint: Msg::$hint, in_status: $status }
    };
}

/// The whole keymap. Order matters for the status line.
pub static BINDINGS: &[Binding] = &[
    bind!(Global, [k(KeyCode::F(1))], Action::Help, KeyHelp, true),
    bind!(
        Global,
        [k(KeyCode::F(2))],
        Action::Go(ScreenId::Register),
        ScreenRegister,
        true
    ),
    bind!(
        Global,
        [k(KeyCode::F(3))],
        Action::Go(ScreenId::Today),
        ScreenToday,
        true
    ),
    bind!(
        Global,
        [k(KeyCode::F(4))],
        Action::Go(ScreenId::Appeals),
        ScreenAppeals,
        true
    ),
    bind!(
        Global,
        [k(KeyCode::F(6))],
        Action::Go(ScreenId::Control),
        ScreenControl,
        true
    ),
    bind!(
        Global,
        [k(KeyCode::F(7))],
        Action::Go(ScreenId::Reports),
        ScreenReports,
        true
    ),
    bind!(
        Login,
        [k(KeyCode::Enter), k(KeyCode::F(5))],
        Action::Save,
        LoginTitle,
        true
    ),
    bind!(
        Login,
        [k(KeyCode::Tab), k(KeyCode::Down)],
        Action::NextField,
        KeyNextField,
        false
    ),
    bind!(
        Login,
        [
            k(KeyCode::BackTab),
            Key(KeyCode::BackTab, KeyModifiers::SHIFT),
            k(KeyCode::Up)
        ],
        Action::PrevField,
        KeyPrevField,
        false
    ),
    bind!(Login, [k(KeyCode::F(9))], Action::ToggleLang, KeyLang, true),
    bind!(Login, [k(KeyCode::F(10))], Action::Quit, KeyQuit, true),
    bind!(Login, [k(KeyCode::F(1))], Action::Help, KeyHelp, false),
    bind!(
        Reports,
        [k(KeyCode::Left)],
        Action::PrevDay,
        KeyPrevQuarter,
        true
    ),
    bind!(
        Reports,
        [k(KeyCode::Right)],
        Action::NextDay,
        KeyNextQuarter,
        true
    ),
    bind!(
        Reports,
        [ch('x'), ch('ч')],
        Action::ExportReport,
        KeyExportReport,
        true
    ),
    bind!(
        Reports,
        [ch('v'), ch('м')],
        Action::Go(ScreenId::Survey),
        KeySurvey,
        true
    ),
    bind!(
        Reports,
        [k(KeyCode::Tab)],
        Action::NextField,
        KeyOtherCharts,
        true
    ),
    bind!(Reports, [k(KeyCode::Esc)], Action::Back, KeyBack, false),
    bind!(
        Survey,
        [ch('d'), ch('в')],
        Action::DrawSurvey,
        KeyDraw,
        true
    ),
    bind!(
        Survey,
        [k(KeyCode::Enter)],
        Action::RecordCall,
        KeyCall,
        true
    ),
    bind!(
        Survey,
        [
            k(KeyCode::Up),
            k(KeyCode::Down),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown)
        ],
        Action::Up,
        KeyMove,
        false
    ),
    bind!(
        Survey,
        [ch('p'), ch('з')],
        Action::PrintCallList,
        KeyPrintCallList,
        true
    ),
    bind!(Survey, [k(KeyCode::Esc)], Action::Back, KeyBack, true),
    bind!(Survey, [ch('?'), ch(',')], Action::Help, KeyHelp, false),
    bind!(Reports, [ch('?'), ch(',')], Action::Help, KeyHelp, false),
    bind!(
        Reports,
        [ch('j'), ch('о')],
        Action::PrintOralJournal,
        KeyOralJournal,
        true
    ),
    bind!(
        PopupTask,
        [k(KeyCode::Esc), ctrl('c')],
        Action::ClosePopup,
        KeyStopTask,
        false
    ),
    bind!(
        Global,
        [k(KeyCode::F(8))],
        Action::Go(ScreenId::Officials),
        ScreenOfficials,
        false
    ),
    bind!(
        Officials,
        [k(KeyCode::Enter), ch('e'), ch('у')],
        Action::OpenSelected,
        KeyEdit,
        true
    ),
    bind!(
        Officials,
        [ch('a'), ch('ф'), k(KeyCode::Insert)],
        Action::AddNew,
        KeyAdd,
        true
    ),
    bind!(Officials, [k(KeyCode::Esc)], Action::Back, KeyBack, true),
    bind!(
        Officials,
        [ch('i'), ch('ш')],
        Action::Go(ScreenId::Import),
        ScreenImport,
        true
    ),
    bind!(
        Control,
        [k(KeyCode::Enter)],
        Action::AnswerInstruction,
        KeyAnswer,
        true
    ),
    bind!(
        Control,
        [ch('e'), ch('у')],
        Action::ReassignExecutor,
        KeyReassign,
        true
    ),
    bind!(
        Control,
        [ch('o'), ch('щ')],
        Action::OpenSelected,
        KeyOpen,
        true
    ),
    bind!(Control, [k(KeyCode::Esc)], Action::Back, KeyBack, false),
    bind!(
        Control,
        [
            k(KeyCode::Up),
            k(KeyCode::Down),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown)
        ],
        Action::Up,
        KeyMove,
        false
    ),
    bind!(Control, [ch('?'), ch(',')], Action::Help, KeyHelp, false),
    bind!(
        Control,
        [ch('r'), ch('к')],
        Action::ReturnForRework,
        KeyRework,
        true
    ),
    bind!(
        Control,
        [ch('x'), ch('ч')],
        Action::ExtendDeadline,
        KeyExtend,
        true
    ),
    bind!(
        Control,
        [ch('a'), ch('ф')],
        Action::ToggleAnswered,
        KeyShowAnswered,
        true
    ),
    bind!(
        Officials,
        [ch('s'), ch('ы')],
        Action::Go(ScreenId::Settings),
        ScreenSettings,
        true
    ),
    bind!(
        Officials,
        [
            k(KeyCode::Up),
            k(KeyCode::Down),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown)
        ],
        Action::Up,
        KeyMove,
        false
    ),
    bind!(Officials, [ch('?'), ch(',')], Action::Help, KeyHelp, false),
    bind!(
        Officials,
        [ch('o'), ch('щ')],
        Action::Go(ScreenId::Operators),
        ScreenOperators,
        true
    ),
    bind!(
        Operators,
        [k(KeyCode::Enter), ch('e'), ch('у')],
        Action::OpenSelected,
        KeyEdit,
        true
    ),
    bind!(
        Operators,
        [ch('a'), ch('ф'), k(KeyCode::Insert)],
        Action::AddNew,
        KeyAdd,
        true
    ),
    bind!(
        Operators,
        [ch('x'), ch('ч')],
        Action::ToggleActive,
        KeyToggleActive,
        true
    ),
    bind!(Operators, [k(KeyCode::Esc)], Action::Back, KeyBack, true),
    bind!(
        Operators,
        [
            k(KeyCode::Up),
            k(KeyCode::Down),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown)
        ],
        Action::Up,
        KeyMove,
        false
    ),
    bind!(Operators, [ch('?'), ch(',')], Action::Help, KeyHelp, false),
    bind!(
        Global,
        [k(KeyCode::F(9))],
        Action::ToggleLang,
        KeyLang,
        true
    ),
    bind!(
        Global,
        [k(KeyCode::F(10)), ctrl('q'), ctrl('й')],
        Action::Quit,
        KeyQuit,
        true
    ),
    // Forms.
    bind!(
        Form,
        [k(KeyCode::F(5)), ctrl('s'), ctrl('ы')],
        Action::Save,
        KeySave,
        true
    ),
    bind!(
        Form,
        [k(KeyCode::Tab), k(KeyCode::Down)],
        Action::NextField,
        KeyNextField,
        false
    ),
    bind!(
        Form,
        [k(KeyCode::Enter)],
        Action::EnterField,
        KeyNextField,
        false
    ),
    bind!(
        Form,
        [
            k(KeyCode::BackTab),
            Key(KeyCode::BackTab, KeyModifiers::SHIFT),
            k(KeyCode::Up)
        ],
        Action::PrevField,
        KeyPrevField,
        false
    ),
    bind!(Form, [k(KeyCode::Esc)], Action::Back, KeyBack, true),
    bind!(
        Reception,
        [k(KeyCode::Insert)],
        Action::AddInstruction,
        KeyAddInstruction,
        true
    ),
    bind!(
        Reception,
        [Key(KeyCode::Delete, KeyModifiers::CONTROL)],
        Action::RemoveInstruction,
        KeyRemoveInstruction,
        true
    ),
    // Today's queue.
    bind!(
        Today,
        [ch('n'), ch('т')],
        Action::CallNext,
        KeyCallNext,
        true
    ),
    bind!(
        Today,
        [k(KeyCode::Enter)],
        Action::StartReception,
        KeyReception,
        true
    ),
    bind!(
        Today,
        [ch('p'), ch('з')],
        Action::CallSelected,
        KeyCallSelected,
        true
    ),
    bind!(Today, [ch('h'), ch('р')], Action::ToggleHold, KeyHold, true),
    bind!(Today, [ch('r'), ch('к')], Action::Recall, KeyRecall, false),
    bind!(
        Today,
        [ch('u'), ch('г')],
        Action::ReturnToQueue,
        KeyReturnToQueue,
        false
    ),
    bind!(
        Today,
        [ch('x'), ch('ч')],
        Action::Mark(QueueStatus::NoShow),
        KeyNoShow,
        false
    ),
    bind!(
        Today,
        [ch('l'), ch('д')],
        Action::Mark(QueueStatus::Left),
        KeyLeft,
        false
    ),
    bind!(
        Today,
        [ch('o'), ch('щ')],
        Action::OpenSelected,
        KeyOpen,
        false
    ),
    bind!(
        Today,
        [k(KeyCode::Left)],
        Action::PrevDay,
        KeyPrevDay,
        false
    ),
    bind!(
        Today,
        [k(KeyCode::Right)],
        Action::NextDay,
        KeyNextDay,
        false
    ),
    bind!(
        Today,
        [
            k(KeyCode::Up),
            k(KeyCode::Down),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown)
        ],
        Action::Up,
        KeyMove,
        false
    ),
    bind!(Today, [ch('?'), ch(',')], Action::Help, KeyHelp, false),
    // Appeals list: letters go to the search box.
    bind!(
        Appeals,
        [k(KeyCode::Enter)],
        Action::OpenSelected,
        KeyOpen,
        true
    ),
    bind!(Appeals, [k(KeyCode::Esc)], Action::Back, KeyBack, false),
    bind!(
        Appeals,
        [
            k(KeyCode::Up),
            k(KeyCode::Down),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown)
        ],
        Action::Up,
        KeyMove,
        false
    ),
    // Appeal card.
    bind!(
        Card,
        [ch('e'), ch('у'), k(KeyCode::Enter)],
        Action::EditAppeal,
        KeyEdit,
        true
    ),
    bind!(
        Card,
        [ch('t'), ch('е')],
        Action::QueueAppeal,
        KeyQueueToday,
        true
    ),
    bind!(
        Card,
        [ch('r'), ch('к')],
        Action::ReceptionForAppeal,
        KeyReception,
        true
    ),
    bind!(
        Card,
        [ch('p'), ch('з')],
        Action::PrintTalon,
        KeyPrint,
        false
    ),
    bind!(
        Card,
        [ch('d'), ch('в')],
        Action::PrintProtocol,
        KeyPrintProtocol,
        false
    ),
    bind!(Card, [ch('s'), ch('ы')], Action::StepMenu, KeyStep, true),
    bind!(
        Card,
        [ch('l'), ch('д')],
        Action::WriteLetter,
        KeyLetter,
        true
    ),
    bind!(Card, [k(KeyCode::Esc)], Action::Back, KeyBack, true),
    bind!(Card, [ch('?'), ch(',')], Action::Help, KeyHelp, false),
    // Popups.
    bind!(
        PopupConfirm,
        [ch('y'), ch('д'), ch('и')],
        Action::Confirm,
        KeyYes,
        false
    ),
    bind!(
        PopupConfirm,
        [
            ch('n'),
            ch('т'),
            ch('ж'),
            ch('н'),
            k(KeyCode::Esc),
            k(KeyCode::Enter)
        ],
        Action::ClosePopup,
        KeyNo,
        false
    ),
    bind!(
        PopupImport,
        [ch('y'), ch('д'), ch('и')],
        Action::Confirm,
        KeyYes,
        false
    ),
    bind!(
        PopupImport,
        [
            ch('n'),
            ch('т'),
            ch('ж'),
            ch('н'),
            k(KeyCode::Esc),
            k(KeyCode::Enter)
        ],
        Action::ClosePopup,
        KeyNo,
        false
    ),
    bind!(
        PopupTalon,
        [ch('p'), ch('з'), k(KeyCode::F(5))],
        Action::PrintTalon,
        KeyPrint,
        false
    ),
    bind!(
        PopupTalon,
        [
            k(KeyCode::Esc),
            k(KeyCode::Enter),
            k(KeyCode::Tab),
            k(KeyCode::BackTab),
            k(KeyCode::Up),
            k(KeyCode::Down),
            k(KeyCode::Left),
            k(KeyCode::Right),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown),
            k(KeyCode::Home),
            k(KeyCode::End)
        ],
        Action::ClosePopup,
        KeyBack,
        false
    ),
    // The next applicant straight from the talon, or the queue.
    bind!(
        PopupTalon,
        [k(KeyCode::F(2))],
        Action::Go(ScreenId::Register),
        ScreenRegister,
        false
    ),
    bind!(
        PopupTalon,
        [k(KeyCode::F(3))],
        Action::Go(ScreenId::Today),
        ScreenToday,
        false
    ),
    bind!(
        PopupConflict,
        [ch('r'), ch('к')],
        Action::ReloadAppeal,
        KeyBack,
        false
    ),
    bind!(
        PopupConflict,
        [ch('o'), ch('щ')],
        Action::OverwriteAppeal,
        KeySave,
        false
    ),
    bind!(
        PopupConflict,
        [k(KeyCode::Esc)],
        Action::ClosePopup,
        KeyBack,
        false
    ),
    bind!(PopupSteps, [k(KeyCode::Up)], Action::Up, KeyMove, false),
    bind!(PopupSteps, [k(KeyCode::Down)], Action::Down, KeyMove, false),
    bind!(
        PopupSteps,
        [k(KeyCode::Enter)],
        Action::Confirm,
        KeyChoose,
        false
    ),
    bind!(
        PopupSteps,
        [k(KeyCode::Esc)],
        Action::ClosePopup,
        KeyBack,
        false
    ),
    bind!(
        PopupReason,
        [k(KeyCode::Enter)],
        Action::Confirm,
        KeyChoose,
        false
    ),
    bind!(
        PopupReason,
        [k(KeyCode::Esc)],
        Action::ClosePopup,
        KeyBack,
        false
    ),
    bind!(
        PopupDismiss,
        [k(KeyCode::Esc), k(KeyCode::Enter), k(KeyCode::F(1))],
        Action::ClosePopup,
        KeyBack,
        false
    ),
    bind!(
        Today,
        [ch('g'), ch('п')],
        Action::Go(ScreenId::Schedule),
        KeySchedule,
        true
    ),
    bind!(
        Today,
        [k(KeyCode::Tab)],
        Action::NextField,
        KeyNextOfficial,
        true
    ),
    bind!(
        Today,
        [
            k(KeyCode::BackTab),
            Key(KeyCode::BackTab, KeyModifiers::SHIFT)
        ],
        Action::PrevField,
        KeyNextOfficial,
        false
    ),
    bind!(
        Today,
        [ch('i'), ch('ш')],
        Action::CheckIn,
        KeyCheckIn,
        false
    ),
    bind!(
        Officials,
        [ch('g'), ch('п')],
        Action::OfficialSchedule,
        KeySchedule,
        true
    ),
    bind!(
        Schedule,
        [k(KeyCode::Enter)],
        Action::OpenSelected,
        KeySessionList,
        true
    ),
    bind!(
        Schedule,
        [ch('a'), ch('ф')],
        Action::AddNew,
        KeyAddSession,
        true
    ),
    bind!(
        Schedule,
        [ch('r'), ch('к')],
        Action::AddRule,
        KeyAddRule,
        true
    ),
    bind!(
        Schedule,
        [ch('l'), ch('д')],
        Action::ShowRules,
        KeyRules,
        false
    ),
    bind!(
        Schedule,
        [ch('d'), ch('в')],
        Action::RetireRule,
        KeyRetireRule,
        false
    ),
    bind!(
        Schedule,
        [ch('g'), ch('п')],
        Action::GenerateMonth,
        KeyGenerate,
        true
    ),
    bind!(
        Schedule,
        [ch('c'), ch('с')],
        Action::CancelSession,
        KeyCancelSession,
        false
    ),
    bind!(
        Schedule,
        [ch('b'), ch('и')],
        Action::MarkAbsent,
        KeyAbsent,
        true
    ),
    bind!(
        Schedule,
        [ch('p'), ch('з')],
        Action::PrintPoster,
        KeyPoster,
        true
    ),
    bind!(
        Schedule,
        [k(KeyCode::Left)],
        Action::PrevDay,
        KeyPrevMonth,
        false
    ),
    bind!(
        Schedule,
        [k(KeyCode::Right)],
        Action::NextDay,
        KeyNextMonth,
        false
    ),
    bind!(
        Schedule,
        [
            k(KeyCode::Up),
            k(KeyCode::Down),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown)
        ],
        Action::Up,
        KeyMove,
        false
    ),
    bind!(Schedule, [k(KeyCode::Esc)], Action::Back, KeyBack, false),
    bind!(Schedule, [ch('?'), ch(',')], Action::Help, KeyHelp, false),
    bind!(
        SessionList,
        [ch('m'), ch('ь')],
        Action::MoveBooking,
        KeyMoveBooking,
        true
    ),
    bind!(
        SessionList,
        [ch('t'), ch('е')],
        Action::RecordBookingCall,
        KeyRecordCallBooking,
        true
    ),
    bind!(
        SessionList,
        [ch('i'), ch('ш')],
        Action::CheckIn,
        KeyCheckIn,
        true
    ),
    bind!(
        SessionList,
        [ch('f'), ch('а')],
        Action::ReferenceNote,
        KeyReferenceNote,
        false
    ),
    bind!(
        SessionList,
        [ch('p'), ch('з')],
        Action::PrintSessionList,
        KeyPrintSessionList,
        true
    ),
    bind!(
        SessionList,
        [ch('v'), ch('м')],
        Action::InviteParticipant,
        KeyInvite,
        false
    ),
    bind!(
        SessionList,
        [k(KeyCode::Tab)],
        Action::NextField,
        KeyParticipants,
        false
    ),
    bind!(
        SessionList,
        [ch('y'), ch('н')],
        Action::ParticipantTold,
        KeyParticipantTold,
        false
    ),
    bind!(
        SessionList,
        [ch('x'), ch('ч')],
        Action::ParticipantRefused,
        KeyParticipantRefused,
        false
    ),
    bind!(
        SessionList,
        [ch('w'), ch('ц')],
        Action::RefusalReported,
        KeyRefusalReported,
        false
    ),
    bind!(
        SessionList,
        [ch('o'), ch('щ')],
        Action::OpenSelected,
        KeyOpen,
        true
    ),
    bind!(
        SessionList,
        [
            k(KeyCode::Up),
            k(KeyCode::Down),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown)
        ],
        Action::Up,
        KeyMove,
        false
    ),
    bind!(SessionList, [k(KeyCode::Esc)], Action::Back, KeyBack, true),
    bind!(
        SessionList,
        [ch('?'), ch(',')],
        Action::Help,
        KeyHelp,
        false
    ),
    // Long work in the background: last on their screens' key lines.
    bind!(
        Reports,
        [ch('a'), ch('ф')],
        Action::ExportAppeals,
        KeyExportAppeals,
        true
    ),
    bind!(
        Officials,
        [ch('b'), ch('и')],
        Action::BackupNow,
        KeyBackupNow,
        true
    ),
    // The forced change of a reset password: Esc logs out.
    bind!(
        NewPassword,
        [k(KeyCode::Enter), k(KeyCode::F(5))],
        Action::Save,
        KeySave,
        true
    ),
    bind!(
        NewPassword,
        [k(KeyCode::Tab), k(KeyCode::Down)],
        Action::NextField,
        KeyNextField,
        false
    ),
    bind!(
        NewPassword,
        [
            k(KeyCode::BackTab),
            Key(KeyCode::BackTab, KeyModifiers::SHIFT),
            k(KeyCode::Up)
        ],
        Action::PrevField,
        KeyPrevField,
        false
    ),
    bind!(
        NewPassword,
        [k(KeyCode::Esc)],
        Action::Back,
        KeyLogout,
        true
    ),
    bind!(
        NewPassword,
        [k(KeyCode::F(9))],
        Action::ToggleLang,
        KeyLang,
        true
    ),
    bind!(
        NewPassword,
        [k(KeyCode::F(10))],
        Action::Quit,
        KeyQuit,
        true
    ),
    bind!(
        NewPassword,
        [k(KeyCode::F(1))],
        Action::Help,
        KeyHelp,
        false
    ),
    bind!(
        PopupRecovery,
        [ch('y'), ch('д'), ch('и')],
        Action::Confirm,
        RecoveryCodeWritten,
        false
    ),
    bind!(
        Reports,
        [
            k(KeyCode::Up),
            k(KeyCode::Down),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown)
        ],
        Action::Up,
        KeyMove,
        false
    ),
    bind!(
        PopupSameDay,
        [ch('y'), ch('д'), ch('и')],
        Action::SameDayConsent(true),
        KeyYes,
        false
    ),
    bind!(
        PopupSameDay,
        [ch('n'), ch('т'), ch('ж'), ch('н'), k(KeyCode::Enter)],
        Action::SameDayConsent(false),
        KeyNo,
        false
    ),
    bind!(
        PopupSameDay,
        [k(KeyCode::Esc)],
        Action::ClosePopup,
        KeyBack,
        false
    ),
];

/// The contexts active on a screen, most specific first.
pub fn contexts(screen: ScreenId) -> &'static [Ctx] {
    match screen {
        ScreenId::Today => &[Ctx::Today, Ctx::Global],
        ScreenId::Register => &[Ctx::Form, Ctx::Global],
        ScreenId::Reception => &[Ctx::Reception, Ctx::Form, Ctx::Global],
        ScreenId::Appeals => &[Ctx::Appeals, Ctx::Global],
        ScreenId::Card => &[Ctx::Card, Ctx::Global],
        ScreenId::Officials => &[Ctx::Officials, Ctx::Global],
        ScreenId::Operators => &[Ctx::Operators, Ctx::Global],
        ScreenId::OfficialForm
        | ScreenId::OperatorForm
        | ScreenId::Settings
        | ScreenId::Step
        | ScreenId::ControlForm
        | ScreenId::Import => &[Ctx::Form, Ctx::Global],
        ScreenId::Control => &[Ctx::Control, Ctx::Global],
        ScreenId::Reports => &[Ctx::Reports, Ctx::Global],
        ScreenId::Login => &[Ctx::Login],
        ScreenId::Survey => &[Ctx::Survey, Ctx::Global],
        ScreenId::SurveyForm => &[Ctx::Form, Ctx::Global],
        ScreenId::Schedule => &[Ctx::Schedule, Ctx::Global],
        ScreenId::LetterForm => &[Ctx::Form, Ctx::Global],
    }
}

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    if key.0 != ev.code {
        // Letters: a terminal may deliver upper case with Shift or Caps Lock.
        return match (key.0, ev.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                key.1 == KeyModifiers::NONE
                    && !ev
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && a.is_alphabetic()
                    && b.to_lowercase().eq(std::iter::once(a))
            }
            _ => false,
        };
    }
    let relevant = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.0 {
        KeyCode::BackTab => true,
        KeyCode::Char(_) => relevant == key.1,
        _ => relevant == (key.1 & (KeyModifiers::CONTROL | KeyModifiers::ALT)),
    }
}

/// The action bound to a key on a screen, if any.
pub fn resolve(screen: ScreenId, ev: &KeyEvent) -> Option<Action> {
    resolve_in(contexts(screen), ev)
}

/// The action bound to a key in these contexts (most specific first), if any.
pub fn resolve_in(contexts: &[Ctx], ev: &KeyEvent) -> Option<Action> {
    for ctx in contexts {
        for b in BINDINGS.iter().filter(|b| b.ctx == *ctx) {
            if b.keys.iter().any(|key| matches(key, ev)) {
                let action = (b.action)();
                // Up/Down/PgUp/PgDn share one binding for the help text; tell them
                // apart here.
                if action == Action::Up {
                    match ev.code {
                        KeyCode::Down => return Some(Action::Down),
                        KeyCode::PageUp => return Some(Action::PageUp),
                        KeyCode::PageDown => return Some(Action::PageDown),
                        _ => {}
                    }
                }
                return Some(action);
            }
        }
    }
    None
}

/// How a key is written in hints: plain ASCII glyphs (symbols like ⏎ show as boxes
/// in Windows console fonts).
pub fn key_label(key: &Key) -> String {
    let base = match key.0 {
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::Delete => "Del".into(),
        other => format!("{other:?}"),
    };
    if key.1.contains(KeyModifiers::CONTROL) {
        format!("Ctrl+{}", base.to_uppercase())
    } else {
        base
    }
}

/// The keys of an action in one context as shown in a dialog ("Y/Д/И"): exactly
/// the keys that work, letters in upper case.
pub fn keys_of(ctx: Ctx, action: &Action) -> String {
    BINDINGS
        .iter()
        .filter(|b| b.ctx == ctx && (b.action)() == *action)
        .flat_map(|b| b.keys.iter())
        .map(|k| key_label(k).to_uppercase())
        .map(|l| match l.as_str() {
            "ENTER" => "Enter".to_string(),
            "ESC" => "Esc".to_string(),
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The bindings of a screen, for the help overlay and the status line.
pub fn bindings_for(screen: ScreenId) -> Vec<&'static Binding> {
    bindings_in(contexts(screen))
}

/// The bindings of these contexts, most specific first.
pub fn bindings_in(contexts: &'static [Ctx]) -> Vec<&'static Binding> {
    contexts
        .iter()
        .flat_map(|ctx| BINDINGS.iter().filter(move |b| b.ctx == *ctx))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn latin_and_cyrillic_letters_act_alike() {
        for c in ['n', 'т', 'N', 'Т'] {
            assert_eq!(
                resolve(ScreenId::Today, &ev(KeyCode::Char(c), KeyModifiers::NONE)),
                Some(Action::CallNext),
                "{c}"
            );
        }
        assert_eq!(
            resolve(
                ScreenId::Register,
                &ev(KeyCode::Char('ы'), KeyModifiers::CONTROL)
            ),
            Some(Action::Save)
        );
    }

    #[test]
    fn letters_are_text_in_forms() {
        assert_eq!(
            resolve(
                ScreenId::Register,
                &ev(KeyCode::Char('n'), KeyModifiers::NONE)
            ),
            None
        );
        assert_eq!(
            resolve(
                ScreenId::Appeals,
                &ev(KeyCode::Char('т'), KeyModifiers::NONE)
            ),
            None
        );
        assert_eq!(
            resolve(ScreenId::Appeals, &ev(KeyCode::F(2), KeyModifiers::NONE)),
            Some(Action::Go(ScreenId::Register))
        );
    }

    #[test]
    fn every_screen_has_help_and_quit() {
        for s in ScreenId::ALL.iter().copied() {
            let b = bindings_for(s);
            assert!(b.iter().any(|b| (b.action)() == Action::Help));
            assert!(b.iter().any(|b| (b.action)() == Action::Quit));
        }
    }

    #[test]
    fn no_key_bound_twice_in_one_screen() {
        for s in ScreenId::ALL.iter().copied() {
            let mut seen = Vec::new();
            for b in bindings_for(s) {
                for key in b.keys {
                    assert!(!seen.contains(key), "{s:?}: {key:?} bound twice");
                    seen.push(*key);
                }
            }
        }
    }
}
