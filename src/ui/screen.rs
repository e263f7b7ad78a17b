//! What every screen answers: how it handles an action, how it draws, whether it
//! holds unsaved input, where "back" goes, which permission each action needs and
//! which keys it shows. A screen returns an `Outcome`; the app routes it.
use super::action::{Action, ScreenId};
use super::ctx::Ctx;
use super::keymap;
use super::popup::Popup;
use crate::domain::permissions::Permission;
use crate::domain::Appeal;
use crate::services::ServiceError;

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

/// Opening a screen with what it is opened for.
#[derive(Clone, Debug, PartialEq)]
pub enum Open {
    /// The card of an appeal (its viewing is logged).
    Card(i64),
    /// The registration form filled with an appeal to edit; back goes to `from`.
    EditAppeal(Box<Appeal>),
    /// The protocol of a reception; back goes to `from`.
    Reception { appeal: i64, official: Option<i64> },
    /// The form of a lifecycle step of an appeal.
    Step(crate::domain::lifecycle::Step, Box<Appeal>),
    /// The official form: `None` for a new official.
    OfficialForm(Option<crate::domain::Official>),
    /// The operator form: `None` for a new operator.
    OperatorForm(Option<Box<crate::store::Account>>),
    /// The control form for an instruction on control.
    ControlForm(
        super::screens::control::FormMode,
        Box<crate::store::ControlRow>,
    ),
    /// The survey list of a period.
    Survey(chrono::NaiveDate, chrono::NaiveDate),
    /// The survey form: draw a sample of the period, or record a call.
    SurveyForm(super::screens::survey::FormRequest),
    /// The schedule, filtered to one official (or all).
    Schedule(Option<i64>),
    /// The letter form of an appeal.
    Letter(i64),
    /// One session's list in the schedule (from a Today due line), with the
    /// booking or the invited body of the line selected.
    Session {
        day: chrono::NaiveDate,
        session: i64,
        booking: Option<i64>,
        participant: Option<i64>,
    },
}

impl Open {
    /// The screen that opens.
    pub fn target(&self) -> ScreenId {
        match self {
            Open::Card(_) => ScreenId::Card,
            Open::EditAppeal(_) => ScreenId::Register,
            Open::Reception { .. } => ScreenId::Reception,
            Open::Step(..) => ScreenId::Step,
            Open::OfficialForm(_) => ScreenId::OfficialForm,
            Open::OperatorForm(_) => ScreenId::OperatorForm,
            Open::ControlForm(..) => ScreenId::ControlForm,
            Open::Survey(..) => ScreenId::Survey,
            Open::SurveyForm(_) => ScreenId::SurveyForm,
            Open::Schedule(_) | Open::Session { .. } => ScreenId::Schedule,
            Open::Letter(_) => ScreenId::LetterForm,
        }
    }
}

/// What a screen asks the app to do after an action.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Stay on this screen.
    Stay,
    /// Not this screen's action: the app's own (navigation, language, quit).
    Pass(Action),
    /// Go to a screen, which reads its data again.
    Go(ScreenId),
    /// Show a screen as it is (returning from its form).
    Show(ScreenId),
    /// Open a screen for something.
    Open(Open),
    /// Open a popup over the screen.
    Popup(Popup),
    Quit,
}

pub trait Screen {
    fn id(&self) -> ScreenId;

    /// Handles an action resolved from the keymap (or confirmed in a popup).
    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError>;

    /// A key no binding took: typing into the screen's form or search box.
    fn input(&mut self, _key: &KeyEvent, _ctx: &mut Ctx) -> Result<(), ServiceError> {
        Ok(())
    }

    /// Draws the screen into `area` (tables and forms keep their scroll position).
    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx);

    /// Whether leaving would lose typed input.
    fn has_unsaved(&self) -> bool {
        false
    }

    /// Whether the input stays when another screen is chosen (no question asked).
    fn keeps_input(&self) -> bool {
        false
    }

    /// Drops unsaved input (the user agreed, or left by "back").
    fn discard(&mut self, _ctx: &Ctx) {}

    /// Where "back" goes.
    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Today)
    }

    /// The permission an action on this screen needs, if any.
    fn permission(&self, _action: &Action) -> Option<Permission> {
        None
    }

    /// Reads the screen's data on the way in; `false` when it cannot open.
    fn enter(&mut self, _from: ScreenId, _ctx: &mut Ctx) -> Result<bool, ServiceError> {
        Ok(true)
    }

    /// Opens the screen for something (see `Open`).
    fn open(&mut self, _what: Open, _from: ScreenId, _ctx: &mut Ctx) -> Result<bool, ServiceError> {
        Ok(true)
    }

    /// The language changed: messages shown next to fields are redone or cleared.
    fn language_changed(&mut self, _ctx: &Ctx) {}

    /// The keys this screen shows (status line, help) and takes.
    fn keys(&self) -> &'static [keymap::Ctx] {
        keymap::contexts(self.id())
    }
}

/// How far Up, Down, PgUp and PgDn move a list's selection.
pub fn move_delta(action: &Action) -> Option<isize> {
    match action {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-10),
        Action::PageDown => Some(10),
        _ => None,
    }
}
