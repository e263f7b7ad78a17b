//! One file per screen: its state, its handling of actions, its drawing, whether it
//! holds unsaved input, where "back" goes and which permission its actions need.
pub mod appeals;
pub mod card;
pub mod control;
pub mod import;
pub mod login;
pub mod officials;
pub mod operators;
pub mod reception;
pub mod register;
pub mod reports;
pub mod settings;
pub mod step;
pub mod survey;
pub mod today;

use super::action::ScreenId;
use super::ctx::Ctx;
use super::screen::Screen;

/// Every screen of the desk; each keeps its state while another is shown.
pub struct Screens {
    pub today: today::TodayView,
    pub register: register::RegisterForm,
    pub appeals: appeals::AppealsView,
    pub card: card::CardScreen,
    pub reception: reception::ReceptionForm,
    pub officials: officials::OfficialsView,
    pub official_form: officials::OfficialForm,
    pub operators: operators::OperatorsView,
    pub operator_form: operators::OperatorForm,
    pub settings: settings::SettingsScreen,
    pub step: step::StepForm,
    pub control: control::ControlView,
    pub control_form: control::ControlForm,
    pub reports: reports::ReportsView,
    pub import: import::ImportScreen,
    pub login: login::LoginView,
    pub survey: survey::SurveyView,
    pub survey_form: survey::SurveyForm,
}

impl Screens {
    pub fn new(ctx: &Ctx) -> Screens {
        let o = &ctx.office;
        Screens {
            today: today::TodayView::new(ctx.today()),
            register: register::RegisterForm::new(&o.profile, &ctx.officials, ctx.lang()),
            appeals: Default::default(),
            card: Default::default(),
            reception: Default::default(),
            officials: Default::default(),
            official_form: Default::default(),
            operators: Default::default(),
            operator_form: Default::default(),
            settings: Default::default(),
            step: Default::default(),
            control: Default::default(),
            control_form: Default::default(),
            reports: Default::default(),
            import: Default::default(),
            login: Default::default(),
            survey: Default::default(),
            survey_form: Default::default(),
        }
    }

    pub fn get(&self, id: ScreenId) -> &dyn Screen {
        match id {
            ScreenId::Today => &self.today,
            ScreenId::Register => &self.register,
            ScreenId::Appeals => &self.appeals,
            ScreenId::Card => &self.card,
            ScreenId::Reception => &self.reception,
            ScreenId::Officials => &self.officials,
            ScreenId::OfficialForm => &self.official_form,
            ScreenId::Operators => &self.operators,
            ScreenId::OperatorForm => &self.operator_form,
            ScreenId::Settings => &self.settings,
            ScreenId::Step => &self.step,
            ScreenId::Control => &self.control,
            ScreenId::ControlForm => &self.control_form,
            ScreenId::Reports => &self.reports,
            ScreenId::Import => &self.import,
            ScreenId::Login => &self.login,
            ScreenId::Survey => &self.survey,
            ScreenId::SurveyForm => &self.survey_form,
        }
    }

    pub fn get_mut(&mut self, id: ScreenId) -> &mut dyn Screen {
        match id {
            ScreenId::Today => &mut self.today,
            ScreenId::Register => &mut self.register,
            ScreenId::Appeals => &mut self.appeals,
            ScreenId::Card => &mut self.card,
            ScreenId::Reception => &mut self.reception,
            ScreenId::Officials => &mut self.officials,
            ScreenId::OfficialForm => &mut self.official_form,
            ScreenId::Operators => &mut self.operators,
            ScreenId::OperatorForm => &mut self.operator_form,
            ScreenId::Settings => &mut self.settings,
            ScreenId::Step => &mut self.step,
            ScreenId::Control => &mut self.control,
            ScreenId::ControlForm => &mut self.control_form,
            ScreenId::Reports => &mut self.reports,
            ScreenId::Import => &mut self.import,
            ScreenId::Login => &mut self.login,
            ScreenId::Survey => &mut self.survey,
            ScreenId::SurveyForm => &mut self.survey_form,
        }
    }

    /// Whether any screen holds unsaved input.
    pub fn any_unsaved(&self) -> bool {
        ScreenId::ALL.iter().any(|id| self.get(*id).has_unsaved())
    }
}
