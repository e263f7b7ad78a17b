//! Every change of the desk's state goes through one of these.
use crate::domain::QueueStatus;
use crate::i18n::ui::Msg;

/// The screens of the desk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenId {
    Today,
    Register,
    Appeals,
    Card,
    Reception,
    Officials,
    OfficialForm,
    Operators,
    OperatorForm,
    Settings,
    Step,
    Control,
    ControlForm,
    Reports,
    Import,
    Login,
    Survey,
    SurveyForm,
    Schedule,
    LetterForm,
}

impl ScreenId {
    /// The screen's name in the title bar.
    pub fn title(self) -> Msg {
        match self {
            ScreenId::Today => Msg::ScreenToday,
            ScreenId::Register => Msg::ScreenRegister,
            ScreenId::Appeals => Msg::ScreenAppeals,
            ScreenId::Card => Msg::ScreenCard,
            ScreenId::Reception => Msg::ScreenReception,
            ScreenId::Officials | ScreenId::OfficialForm => Msg::ScreenOfficials,
            ScreenId::Operators | ScreenId::OperatorForm => Msg::ScreenOperators,
            ScreenId::Settings => Msg::ScreenSettings,
            ScreenId::Step => Msg::KeyStep,
            ScreenId::Control | ScreenId::ControlForm => Msg::ScreenControl,
            ScreenId::Reports => Msg::ScreenReports,
            ScreenId::Import => Msg::ScreenImport,
            ScreenId::Login => Msg::LoginTitle,
            ScreenId::Survey | ScreenId::SurveyForm => Msg::ScreenSurvey,
            ScreenId::Schedule => Msg::ScreenSchedule,
            ScreenId::LetterForm => Msg::LetterTitle,
        }
    }

    pub const ALL: &'static [ScreenId] = &[
        ScreenId::Today,
        ScreenId::Register,
        ScreenId::Appeals,
        ScreenId::Card,
        ScreenId::Reception,
        ScreenId::Officials,
        ScreenId::OfficialForm,
        ScreenId::Operators,
        ScreenId::OperatorForm,
        ScreenId::Settings,
        ScreenId::Step,
        ScreenId::Control,
        ScreenId::ControlForm,
        ScreenId::Reports,
        ScreenId::Import,
        ScreenId::Login,
        ScreenId::Survey,
        ScreenId::SurveyForm,
        ScreenId::Schedule,
        ScreenId::LetterForm,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Quit without asking (confirmed).
    QuitNow,
    ToggleLang,
    Help,
    Go(ScreenId),
    /// Go to a screen after the user agreed to drop the unsaved form.
    GoDiscard(ScreenId),
    /// Another operator logged in after the idle lock: every screen starts afresh
    /// (nothing the previous operator typed or opened is handed over).
    StartOver,
    Back,
    Save,
    Up,
    Down,
    PageUp,
    PageDown,
    NextField,
    /// Enter in a form: the next field, or the form's own meaning (the register
    /// form saves on its last needed field). A screen that passes it on gets
    /// `NextField`.
    EnterField,
    PrevField,
    PrevDay,
    NextDay,
    CallNext,
    /// Ask for the reason, then call the selected entry out of order.
    CallSelected,
    CallOutOfOrder {
        entry: i64,
        reason: String,
    },
    /// Call the called applicant again (they did not come up yet).
    Recall,
    /// A called, no-show or left applicant goes back to waiting.
    ReturnToQueue,
    ToggleHold,
    /// Ask, then mark the selected entry.
    Mark(QueueStatus),
    MarkNow {
        entry: i64,
        status: QueueStatus,
    },
    StartReception,
    OpenSelected,
    EditAppeal,
    QueueAppeal,
    ReceptionForAppeal,
    /// Add a new record on a list screen.
    AddNew,
    /// Operators: ask, then deactivate the selected one (or reactivate it).
    ToggleActive,
    /// Deactivate the operator (confirmed).
    DeactivateNow(i64),
    AddInstruction,
    RemoveInstruction,
    PrintTalon,
    /// Print the latest protocol of the open appeal.
    PrintProtocol,
    /// After a row-version conflict: read the record again, or overwrite it.
    ReloadAppeal,
    OverwriteAppeal,
    /// The clerk confirmed that an IIN stored under another name is the same
    /// person with a new name: register the form's appeal so.
    RegisterNewName,
    ClosePopup,
    /// A popup's "yes" / "take this": confirm, choose the step, give the reason.
    Confirm,
    /// Open the menu of lifecycle steps possible for the open appeal.
    StepMenu,
    /// A step chosen in the menu: its form, or a confirmation.
    ChooseStep(crate::domain::lifecycle::Step),
    /// Check and record a step.
    ApplyStep(crate::domain::lifecycle::Transition),
    /// Control list: register the final answer of the selected instruction.
    AnswerInstruction,
    /// Control list: give the selected instruction to another executor.
    ReassignExecutor,
    /// Import the checked file for real.
    ImportNow(std::path::PathBuf),
    /// Reports: write the shown report as HTML and XLSX into the documents folder.
    ExportReport,
    /// Survey: draw a new sample of the shown quarter.
    DrawSurvey,
    /// Survey: record the result of the selected call.
    RecordCall,
    /// Survey: write the call list as HTML, PDF and XLSX (printing is logged).
    PrintCallList,
    /// Officials: the schedule of the selected official.
    OfficialSchedule,
    /// Schedule: add a rule of the selected official (form).
    AddRule,
    /// Schedule: show the rules (toggle), retire the selected one.
    ShowRules,
    RetireRule,
    RetireRuleNow(i64),
    /// Schedule: make the shown month's sessions from the rules.
    GenerateMonth,
    /// Schedule: ask, then cancel the selected session.
    CancelSession,
    CancelSessionNow(i64),
    /// Schedule: mark an official absent (form).
    MarkAbsent,
    /// Schedule: write the month's poster (HTML, PDF).
    PrintPoster,
    /// Session list: move the selected booking (form).
    MoveBooking,
    /// Session list: record a call to the applicant (form).
    RecordBookingCall,
    /// Session list / queue: the booked applicant arrived.
    CheckIn,
    /// Session list: the reference note before the reception was made today.
    ReferenceNote,
    /// Session list: write the list of the session (HTML, PDF; logged).
    PrintSessionList,
    /// Session list: invite another body's representative (form).
    InviteParticipant,
    /// Session list, on a participant: the applicant was told today.
    ParticipantTold,
    /// Session list, on a participant: the body refused (form).
    ParticipantRefused,
    /// Session list, on a participant: the refusal was reported today.
    RefusalReported,
    /// Control list: return the selected instruction's answer for rework.
    ReturnForRework,
    /// Control list: extend the selected instruction's deadline.
    ExtendDeadline,
    /// Control list: switch between instructions on control and answered ones.
    ToggleAnswered,
    /// Reports: write the journal of oral appeals of the shown period (HTML, PDF, XLSX).
    PrintOralJournal,
    /// Card: a letter to the applicant (choose the kind, print, record the outgoing number).
    WriteLetter,
    /// The applicant's answer to a same-day reception by a unit head (001 §3):
    /// yes queues the walk-in with the consent recorded, no leaves it registered.
    SameDayConsent(bool),
    /// The appeals of the quarter shown to an XLSX file (in the background, Esc cancels).
    ExportAppeals,
    /// A copy of the database into the backup folder (in the background, Esc cancels).
    BackupNow,
}
