//! The desk's state and the one place where it changes (`update`).
use super::action::{Action, Screen};
use super::keymap;
use super::screens::{
    appeals::AppealsView, card::CardView, officials::OfficialsView, reception::ReceptionForm,
    register::RegisterForm, today::TodayView,
};
use crate::docs::talon::Talon;
use crate::domain::calendar::Calendar;
use crate::domain::profile::Profile;
use crate::domain::{Lang, Official, Operator, QueueStatus};
use crate::i18n::ui::{t, Msg};
use crate::store::{Actor, Store, StoreError};
use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use std::path::PathBuf;

pub use crate::clock::Clock;

/// What a popup asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Popup {
    Help,
    Talon {
        talon: Talon,
        saved_to: Option<PathBuf>,
    },
    Confirm {
        text: Msg,
        yes: Action,
    },
    /// A one-line text answer; `then` builds the action from the text.
    Reason {
        entry: i64,
        value: String,
        cursor: usize,
        error: bool,
    },
    Conflict,
    /// Registration found the IIN under another name (`name`): same person with a
    /// new name (Y), or a typing error in the IIN (N / Esc: back to the form).
    IinBelongsTo {
        name: String,
    },
    /// The dry run of an import: its lines; Y imports `path` for real.
    ImportPreview {
        lines: Vec<String>,
        path: PathBuf,
    },
    /// The lifecycle steps possible now; `selected` indexes them.
    Steps {
        steps: Vec<crate::domain::lifecycle::Step>,
        selected: usize,
    },
    Message(String),
}

pub struct App {
    pub store: Store,
    pub lang: Lang,
    pub operator: Operator,
    pub profile: Profile,
    pub calendar: Calendar,
    pub clock: Clock,
    /// Registration-number prefix of the office.
    pub prefix: String,
    pub office_kk: String,
    pub office_ru: String,
    pub screen: Screen,
    pub back_to: Screen,
    pub officials: Vec<Official>,
    pub today: TodayView,
    pub register: RegisterForm,
    pub appeals: AppealsView,
    pub card: Option<CardView>,
    pub reception: ReceptionForm,
    pub officials_view: OfficialsView,
    pub operators_view: super::screens::operators::OperatorsView,
    pub settings_form: super::widgets::form::Form,
    pub step_form: super::screens::step::StepForm,
    pub control: super::screens::control::ControlView,
    pub reports: super::screens::reports::ReportsView,
    pub import_form: super::widgets::form::Form,
    pub login: super::screens::login::LoginView,
    pub survey: super::screens::survey::SurveyView,
    /// The screen to return to after the lock screen.
    locked_from: Screen,
    /// The last key press (for the idle lock).
    last_input: std::time::Instant,
    /// The background quick check of the database started after the first frame.
    quick_check: Option<std::sync::mpsc::Receiver<Vec<String>>>,
    pub popups: Vec<Popup>,
    /// Last message for the user, and whether it is an error.
    pub status: Option<(String, bool)>,
    pub quit: bool,
    /// Where printable documents are written.
    pub docs_dir: PathBuf,
}

impl App {
    pub fn new(
        store: Store,
        operator: Operator,
        lang: Lang,
        clock: Clock,
        profile: Profile,
        calendar: Calendar,
    ) -> anyhow::Result<App> {
        let prefix = store
            .setting("office_prefix")?
            .unwrap_or_else(|| "QBL".into());
        let office_kk = store
            .setting("office_name_kk")?
            .unwrap_or_else(|| "Әкім аппараты".into());
        let office_ru = store
            .setting("office_name_ru")?
            .unwrap_or_else(|| "Аппарат акима".into());
        let docs_dir = store
            .path()
            .parent()
            .map(|p| p.join("documents"))
            .unwrap_or_else(|| PathBuf::from("documents"));
        let officials = store.officials(true)?;
        let now = clock.now();
        let register = RegisterForm::new(&profile, &officials, lang);
        let reception = ReceptionForm::new(&profile, &officials);
        let mut app = App {
            store,
            lang,
            operator,
            profile,
            calendar,
            prefix,
            office_kk,
            office_ru,
            screen: Screen::Today,
            back_to: Screen::Today,
            officials,
            today: TodayView::new(now.date()),
            register,
            appeals: AppealsView::default(),
            card: None,
            reception,
            officials_view: OfficialsView::default(),
            operators_view: Default::default(),
            settings_form: Default::default(),
            step_form: Default::default(),
            control: Default::default(),
            reports: Default::default(),
            import_form: Default::default(),
            login: Default::default(),
            survey: Default::default(),
            locked_from: Screen::Today,
            last_input: std::time::Instant::now(),
            quick_check: None,
            popups: Vec::new(),
            status: None,
            quit: false,
            docs_dir,
            clock,
        };
        app.refresh_today()?;
        app.appeals.refresh(&app.store)?;
        Ok(app)
    }

    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    pub fn actor(&self) -> Actor {
        Actor::operator(self.operator.id, &self.operator.login)
    }

    pub fn t(&self, m: Msg) -> &'static str {
        t(self.lang, m)
    }

    pub fn info(&mut self, s: impl Into<String>) {
        self.status = Some((s.into(), false));
    }

    pub fn error(&mut self, s: impl Into<String>) {
        self.status = Some((s.into(), true));
    }

    /// Reports a store error in the user's language.
    pub fn store_error(&mut self, e: &StoreError) {
        let msg = match e {
            StoreError::SchemaTooNew { .. } => self.t(Msg::DbNewer).to_string(),
            StoreError::OnNetwork { .. } => self.t(Msg::DbOnNetwork).to_string(),
            StoreError::Conflict => self.t(Msg::Conflict).to_string(),
            StoreError::ClockBehind { .. } => self.t(Msg::ClockBehind).to_string(),
            StoreError::IinBelongsTo { name, .. } => format!(
                "{} {} {}",
                self.t(Msg::IinBelongsTo),
                name.as_str(),
                self.t(Msg::IinCheck)
            ),
            other => format!("{} {other}", self.t(Msg::SaveFailed)),
        };
        // Display, not Debug: no personal data in the log.
        crate::log::log(crate::log::Level::Warn, &format!("store: {e}"));
        self.error(msg);
    }

    pub fn refresh_today(&mut self) -> Result<(), StoreError> {
        let today = self.now().date();
        self.today.refresh(&self.store, today)
    }

    /// Whether a form holds unsaved input.
    pub fn has_unsaved(&self) -> bool {
        self.register.form.dirty
            || self.reception.form.dirty
            || self.officials_view.form.dirty
            || self.operators_view.form.dirty
    }

    fn form_dirty_on(&self, screen: Screen) -> bool {
        match screen {
            Screen::Register => self.register.form.dirty,
            Screen::Reception => self.reception.form.dirty,
            Screen::OfficialForm => self.officials_view.form.dirty,
            Screen::OperatorForm => self.operators_view.form.dirty,
            Screen::Settings => self.settings_form.dirty,
            Screen::ControlForm => self.control.form.dirty,
            _ => false,
        }
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) {
        // Windows terminals report press and release: act on press only.
        if key.kind != KeyEventKind::Press {
            return;
        }
        // Whoever is logged in now: a role that sees IIN and phone masked cannot
        // search by their digits either (no recovering them prefix by prefix).
        self.appeals.masked = !crate::domain::permissions::allows(
            self.operator.role,
            crate::domain::permissions::Permission::ViewFullPersonalData,
        );
        self.last_input = std::time::Instant::now();
        if !self.popups.is_empty() {
            self.popup_key(key);
            return;
        }
        if let Some(action) = keymap::resolve(self.screen, &key) {
            self.update(action);
            return;
        }
        match self.screen {
            Screen::Register if self.register.form.input(&key) => {
                self.register.after_edit(&self.profile, self.lang);
                self.register.check_repeat(&self.store);
            }
            Screen::Reception => {
                self.reception.form.input(&key);
            }
            Screen::OfficialForm => {
                self.officials_view.form.input(&key);
            }
            Screen::OperatorForm => {
                self.operators_view.form.input(&key);
            }
            Screen::Settings => {
                self.settings_form.input(&key);
            }
            Screen::Step => {
                self.step_form.form.input(&key);
            }
            Screen::ControlForm => {
                self.control.form.input(&key);
            }
            Screen::Import => {
                self.import_form.input(&key);
            }
            Screen::Login => {
                self.login.form.input(&key);
            }
            Screen::SurveyForm => {
                self.survey.form.input(&key);
            }
            Screen::Appeals if self.appeals.input(&key) => {
                if let Err(e) = self.appeals.refresh(&self.store) {
                    self.store_error(&e);
                }
            }
            _ => {}
        }
    }

    fn popup_key(&mut self, key: KeyEvent) {
        let Some(top) = self.popups.last_mut() else {
            return;
        };
        match top {
            Popup::Help | Popup::Message(_) => {
                if matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::Enter | KeyCode::F(1) | KeyCode::Char(_)
                ) {
                    self.popups.pop();
                }
            }
            Popup::Talon { .. } => match key.code {
                KeyCode::Char('p')
                | KeyCode::Char('з')
                | KeyCode::Char('P')
                | KeyCode::Char('З')
                | KeyCode::F(5) => self.update(Action::PrintTalon),
                KeyCode::Esc | KeyCode::Enter => {
                    self.popups.pop();
                }
                _ => {}
            },
            Popup::Confirm { yes, .. } => match key.code {
                KeyCode::Char('y' | 'Y' | 'н' | 'Н' | 'д' | 'Д' | 'и' | 'И') | KeyCode::Enter =>
                {
                    let a = yes.clone();
                    self.popups.pop();
                    self.update(a);
                }
                KeyCode::Char('n' | 'N' | 'т' | 'Т' | 'ж' | 'Ж') | KeyCode::Esc => {
                    self.popups.pop();
                }
                _ => {}
            },
            Popup::Reason {
                entry,
                value,
                cursor,
                error,
            } => match key.code {
                KeyCode::Esc => {
                    self.popups.pop();
                }
                KeyCode::Enter => {
                    match crate::domain::text::clean_line(
                        value,
                        crate::domain::text::limits::REASON,
                    ) {
                        Ok(r) if !r.is_empty() => {
                            let entry = *entry;
                            self.popups.pop();
                            self.update(Action::CallOutOfOrder { entry, reason: r });
                        }
                        _ => *error = true,
                    }
                }
                _ => {
                    super::widgets::form::edit_text(value, cursor, &key);
                }
            },
            Popup::Steps { steps, selected } => match key.code {
                KeyCode::Up => *selected = selected.saturating_sub(1),
                KeyCode::Down => *selected = (*selected + 1).min(steps.len().saturating_sub(1)),
                KeyCode::Enter => {
                    let step = steps.get(*selected).copied();
                    self.popups.pop();
                    if let Some(s) = step {
                        self.update(Action::ChooseStep(s));
                    }
                }
                KeyCode::Esc => {
                    self.popups.pop();
                }
                _ => {}
            },
            Popup::ImportPreview { path, .. } => match key.code {
                KeyCode::Char('y' | 'Y' | 'н' | 'Н' | 'д' | 'Д' | 'и' | 'И') => {
                    let p = path.clone();
                    self.popups.pop();
                    self.update(Action::ImportNow(p));
                }
                KeyCode::Esc | KeyCode::Char('n' | 'N' | 'т' | 'Т' | 'ж' | 'Ж') => {
                    self.popups.pop();
                }
                _ => {}
            },
            Popup::IinBelongsTo { .. } => match key.code {
                KeyCode::Char('y' | 'Y' | 'н' | 'Н' | 'д' | 'Д' | 'и' | 'И') => {
                    self.popups.pop();
                    self.update(Action::RegisterNewName);
                }
                KeyCode::Esc | KeyCode::Char('n' | 'N' | 'т' | 'Т' | 'ж' | 'Ж') => {
                    self.popups.pop();
                    self.register
                        .form
                        .set_error("iin", self.t(Msg::IinCheck).into());
                    self.register.form.focus_on("iin");
                }
                _ => {}
            },
            Popup::Conflict => match key.code {
                KeyCode::Char('r' | 'R' | 'к' | 'К') => {
                    self.popups.pop();
                    self.update(Action::ReloadAppeal);
                }
                KeyCode::Char('o' | 'O' | 'щ' | 'Щ') => {
                    self.popups.pop();
                    self.update(Action::OverwriteAppeal);
                }
                KeyCode::Esc => {
                    self.popups.pop();
                }
                _ => {}
            },
        }
    }

    /// Shows the login screen (at start, and after the idle lock).
    pub fn require_login(&mut self) {
        if self.screen != Screen::Login {
            self.locked_from = self.screen;
        }
        self.popups.clear();
        self.login = super::screens::login::LoginView::login(&self.operator.login);
        self.screen = Screen::Login;
    }

    /// First run: the administrator is created before anything else.
    pub fn require_first_admin(&mut self) {
        self.popups.clear();
        self.login = super::screens::login::LoginView::first_admin();
        self.screen = Screen::Login;
    }

    /// When the last key was pressed (tests move it back to check the idle lock).
    pub fn set_last_input(&mut self, t: std::time::Instant) {
        self.last_input = t;
    }

    /// Called on every tick of the event loop: locks the screen after the idle
    /// period set by the administrator (setting `idle_lock_minutes`).
    /// Starts SQLite's quick check of the database file on its own read-only
    /// connection in the background (the desk calls it after the first frame):
    /// damaged pages are reported on screen and in the log by [`App::tick`].
    pub fn start_quick_check(&mut self) {
        let path = self.store.path().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("quick-check".into())
            .spawn(move || {
                let problems = rusqlite::Connection::open_with_flags(
                    &path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
                )
                .map_err(crate::store::StoreError::from)
                .and_then(|c| crate::store::quick_check(&c))
                .unwrap_or_else(|e| vec![e.to_string()]);
                let _ = tx.send(problems);
            });
        if spawned.is_ok() {
            self.quick_check = Some(rx);
        }
    }

    /// Whether the background quick check has not reported yet.
    pub fn quick_check_running(&self) -> bool {
        self.quick_check.is_some()
    }

    /// The quick check's verdict, once it has come: a warning when the file is
    /// damaged. Returns whether one was shown.
    pub fn poll_quick_check(&mut self) -> bool {
        let Some(rx) = &self.quick_check else {
            return false;
        };
        match rx.try_recv() {
            Ok(problems) => {
                self.quick_check = None;
                if let Some(first) = problems.first() {
                    crate::log::log(
                        crate::log::Level::Error,
                        &format!(
                            "quick check: the database is damaged ({} problem(s)): {first}",
                            problems.len()
                        ),
                    );
                    self.popups
                        .push(Popup::Message(self.t(Msg::DatabaseDamaged).to_string()));
                    self.error(self.t(Msg::DatabaseDamaged));
                    return true;
                }
                crate::log::log(crate::log::Level::Info, "quick check: ok");
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.quick_check = None;
                false
            }
        }
    }

    /// Another desk or the command line committed to the database: reload what the
    /// queue shows (the rest reloads as the clerk moves between screens).
    pub fn on_data_changed(&mut self) {
        if self.screen == Screen::Login || self.operator.login.is_empty() {
            return;
        }
        if let Err(e) = self.refresh_today() {
            crate::log::log(crate::log::Level::Warn, &format!("queue refresh: {e}"));
        }
    }

    pub fn tick(&mut self) {
        self.poll_quick_check();
        if self.screen == Screen::Login || self.operator.login.is_empty() {
            return;
        }
        let minutes = crate::auth::idle_lock_minutes(&self.store) as u64;
        if minutes > 0 && self.last_input.elapsed() >= std::time::Duration::from_secs(minutes * 60)
        {
            self.require_login();
            self.info(self.t(Msg::Locked));
        }
    }

    /// Whether the operator's role allows `p`; says so when it does not.
    fn may(&mut self, p: crate::domain::permissions::Permission) -> bool {
        let ok = crate::domain::permissions::allows(self.operator.role, p);
        if !ok {
            self.error(self.t(Msg::NotAllowed));
        }
        ok
    }

    /// The permission an action needs, if any.
    fn needs(&self, action: &Action) -> Option<crate::domain::permissions::Permission> {
        use crate::domain::permissions::Permission as P;
        let on_operators = matches!(self.screen, Screen::Operators | Screen::OperatorForm);
        Some(match action {
            Action::Go(Screen::Operators) | Action::ToggleActive | Action::DeactivateNow(_) => {
                P::ManageOperators
            }
            Action::AddNew | Action::OpenSelected | Action::Save if on_operators => {
                P::ManageOperators
            }
            Action::Go(Screen::Register) => P::RegisterAppeal,
            Action::Go(Screen::Officials) | Action::Go(Screen::Settings) | Action::AddNew => {
                P::ManageProfile
            }
            Action::Go(Screen::Import) | Action::ImportNow(_) => P::RegisterAppeal,
            Action::Go(Screen::Reports) | Action::Go(Screen::Survey) => P::ViewReports,
            Action::DrawSurvey | Action::RecordCall => P::ManageControl,
            Action::Go(Screen::Control) => P::ViewProtocol,
            Action::CallNext
            | Action::CallSelected
            | Action::CallOutOfOrder { .. }
            | Action::Recall
            | Action::ReturnToQueue
            | Action::ToggleHold
            | Action::Mark(_)
            | Action::MarkNow { .. }
            | Action::StartReception
            | Action::QueueAppeal => P::ManageQueue,
            Action::ReceptionForAppeal => P::RecordProtocol,
            Action::EditAppeal
            | Action::StepMenu
            | Action::ChooseStep(_)
            | Action::ApplyStep(_) => P::EditAppeal,
            Action::AnswerInstruction | Action::ReassignExecutor => P::ManageControl,
            Action::ExportReport
            | Action::PrintTalon
            | Action::PrintProtocol
            | Action::PrintCallList => P::Export,
            Action::OpenSelected if self.screen == Screen::Officials => P::ManageProfile,
            _ => return None,
        })
    }

    /// The one place where state changes.
    pub fn update(&mut self, action: Action) {
        if let Some(p) = self.needs(&action) {
            if !self.may(p) {
                return;
            }
        }
        let result = self.apply(action);
        if let Err(e) = result {
            self.store_error(&e);
        }
    }

    fn apply(&mut self, action: Action) -> Result<(), StoreError> {
        let now = self.now();
        match action {
            Action::Quit => {
                if self.has_unsaved() {
                    self.popups.push(Popup::Confirm {
                        text: Msg::ConfirmQuitUnsaved,
                        yes: Action::QuitNow,
                    });
                } else {
                    self.quit = true;
                }
            }
            Action::QuitNow => self.quit = true,
            Action::ToggleLang => {
                self.lang = self.lang.toggle();
                let actor = self.actor();
                self.store
                    .set_setting(&actor, now, "ui_lang", self.lang.code())?;
                // Messages shown next to fields were written in the old language:
                // the registration form re-checks its visited fields, the others
                // show theirs again on the next F5.
                self.register.after_edit(&self.profile, self.lang);
                for f in [
                    &mut self.reception.form,
                    &mut self.officials_view.form,
                    &mut self.operators_view.form,
                    &mut self.settings_form,
                    &mut self.step_form.form,
                    &mut self.control.form,
                    &mut self.survey.form,
                    &mut self.import_form,
                    &mut self.login.form,
                ] {
                    f.clear_errors();
                }
                self.info(self.t(Msg::LangName));
            }
            Action::Help => self.popups.push(Popup::Help),
            Action::ClosePopup => {
                self.popups.pop();
            }
            Action::Go(s) => {
                if s != self.screen
                    && self.form_dirty_on(self.screen)
                    && self.screen != Screen::Register
                {
                    self.popups.push(Popup::Confirm {
                        text: Msg::ConfirmLeaveForm,
                        yes: Action::GoDiscard(s),
                    });
                } else {
                    self.go(s)?;
                }
            }
            Action::GoDiscard(s) => {
                if self.screen == Screen::Reception {
                    self.reception.form.dirty = false;
                }
                if self.screen == Screen::OfficialForm {
                    self.officials_view.form.dirty = false;
                }
                if self.screen == Screen::OperatorForm {
                    self.operators_view.form.dirty = false;
                }
                if self.screen == Screen::Settings {
                    self.settings_form.dirty = false;
                }
                if self.screen == Screen::ControlForm {
                    self.control.form.dirty = false;
                }
                if self.screen == Screen::Register {
                    self.register
                        .reset(&self.profile, &self.officials, self.lang);
                }
                self.go(s)?;
            }
            Action::Back => match self.screen {
                Screen::Register if self.register.form.dirty => {
                    self.popups.push(Popup::Confirm {
                        text: Msg::ConfirmLeaveForm,
                        yes: Action::GoDiscard(self.back_to),
                    });
                }
                Screen::Reception if self.reception.form.dirty => {
                    self.popups.push(Popup::Confirm {
                        text: Msg::ConfirmLeaveForm,
                        yes: Action::GoDiscard(self.back_to),
                    });
                }
                Screen::Register => {
                    self.register
                        .reset(&self.profile, &self.officials, self.lang);
                    self.go(self.back_to)?
                }
                Screen::OfficialForm if self.officials_view.form.dirty => {
                    self.popups.push(Popup::Confirm {
                        text: Msg::ConfirmLeaveForm,
                        yes: Action::GoDiscard(Screen::Officials),
                    });
                }
                Screen::OfficialForm => self.go(Screen::Officials)?,
                Screen::OperatorForm if self.operators_view.form.dirty => {
                    self.popups.push(Popup::Confirm {
                        text: Msg::ConfirmLeaveForm,
                        yes: Action::GoDiscard(Screen::Operators),
                    });
                }
                Screen::OperatorForm => self.go(Screen::Operators)?,
                Screen::Operators => self.go(Screen::Officials)?,
                Screen::Settings if self.settings_form.dirty => {
                    self.popups.push(Popup::Confirm {
                        text: Msg::ConfirmLeaveForm,
                        yes: Action::GoDiscard(Screen::Officials),
                    });
                }
                Screen::Settings => self.go(Screen::Officials)?,
                Screen::Step => self.screen = Screen::Card,
                Screen::ControlForm if self.control.form.dirty => {
                    self.popups.push(Popup::Confirm {
                        text: Msg::ConfirmLeaveForm,
                        yes: Action::GoDiscard(Screen::Control),
                    });
                }
                Screen::ControlForm => self.screen = Screen::Control,
                Screen::Control | Screen::Reports => self.go(Screen::Today)?,
                Screen::Import => self.go(Screen::Officials)?,
                Screen::Survey => self.go(Screen::Reports)?,
                Screen::SurveyForm => self.screen = Screen::Survey,
                Screen::Card => self.go(Screen::Appeals)?,
                Screen::Appeals => self.go(Screen::Today)?,
                _ => self.go(self.back_to)?,
            },
            Action::Save => match self.screen {
                Screen::Register => self.save_register(false)?,
                Screen::Reception => self.save_reception()?,
                Screen::OfficialForm => self.save_official()?,
                Screen::OperatorForm => self.save_operator()?,
                Screen::Settings => self.save_settings()?,
                Screen::Step => self.save_step()?,
                Screen::ControlForm => self.save_control()?,
                Screen::Import => self.check_import(),
                Screen::Login => self.save_login()?,
                Screen::SurveyForm => self.save_survey()?,
                _ => {}
            },
            Action::NextField => match self.screen {
                Screen::Register => {
                    self.register.leave_field(&self.profile, self.lang);
                    self.register.form.next()
                }
                Screen::Reception => self.reception.form.next(),
                Screen::OfficialForm => self.officials_view.form.next(),
                Screen::OperatorForm => self.operators_view.form.next(),
                Screen::Settings => self.settings_form.next(),
                Screen::Login => self.login.form.next(),
                Screen::Reports => self.reports.page ^= 1,
                Screen::SurveyForm => self.survey.form.next(),
                Screen::Step => self.step_form.form.next(),
                Screen::ControlForm => self.control.form.next(),
                _ => {}
            },
            Action::PrevField => match self.screen {
                Screen::Register => {
                    self.register.leave_field(&self.profile, self.lang);
                    self.register.form.prev()
                }
                Screen::Reception => self.reception.form.prev(),
                Screen::OfficialForm => self.officials_view.form.prev(),
                Screen::OperatorForm => self.operators_view.form.prev(),
                Screen::Settings => self.settings_form.prev(),
                Screen::Login => self.login.form.prev(),
                Screen::SurveyForm => self.survey.form.prev(),
                Screen::Step => self.step_form.form.prev(),
                Screen::ControlForm => self.control.form.prev(),
                _ => {}
            },
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let delta = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -10,
                    _ => 10,
                };
                match self.screen {
                    Screen::Today => self.today.step(delta),
                    Screen::Appeals => {
                        if let Err(e) = self.appeals.scroll(&self.store, delta) {
                            self.store_error(&e);
                        }
                    }
                    Screen::Officials => self.officials_view.step(delta),
                    Screen::Operators => self.operators_view.step(delta),
                    Screen::Control => self.control.step(delta),
                    Screen::Survey => self.survey.step(delta),
                    _ => {}
                }
            }
            Action::PrevDay | Action::NextDay if self.screen == Screen::Reports => {
                self.reports
                    .shift(if action == Action::PrevDay { -1 } else { 1 });
                self.reports
                    .refresh(&self.store, now.date(), &self.profile)?;
            }
            Action::PrevDay | Action::NextDay => {
                let d = if action == Action::PrevDay { -1 } else { 1 };
                self.today.day += chrono::Duration::days(d);
                let day = self.today.day;
                self.today.refresh(&self.store, day)?;
            }
            Action::CallNext => {
                self.ensure_today()?;
                match crate::domain::queue::next_to_call(&self.today.entries) {
                    Some(e) => {
                        let (id, ticket, name) = (e.id, e.ticket, e.applicant_name.clone());
                        let actor = self.actor();
                        self.store
                            .move_queue_entry(&actor, now, id, QueueStatus::Called, None)?;
                        self.refresh_today()?;
                        self.today.select_id(id);
                        self.info(format!(
                            "{}: №{ticket} {}",
                            self.t(Msg::Called),
                            crate::domain::text::display(&name)
                        ));
                    }
                    None => self.info(self.t(Msg::NobodyWaiting)),
                }
            }
            Action::CallSelected => {
                if let Some(e) = self.today.selected() {
                    if e.status == QueueStatus::Waiting {
                        self.popups.push(Popup::Reason {
                            entry: e.id,
                            value: String::new(),
                            cursor: 0,
                            error: false,
                        });
                    }
                }
            }
            Action::CallOutOfOrder { entry, reason } => {
                let actor = self.actor();
                self.store.move_queue_entry(
                    &actor,
                    now,
                    entry,
                    QueueStatus::Called,
                    Some(&reason),
                )?;
                self.refresh_today()?;
                self.today.select_id(entry);
                self.info(self.t(Msg::Called));
            }
            Action::Recall => {
                if let Some(e) = self
                    .today
                    .selected()
                    .filter(|e| e.status == QueueStatus::Called)
                {
                    let (id, ticket, name) = (e.id, e.ticket, e.applicant_name.clone());
                    let actor = self.actor();
                    self.store.recall_queue_entry(&actor, now, id)?;
                    self.info(format!(
                        "{}: №{ticket} {}",
                        self.t(Msg::CalledAgain),
                        crate::domain::text::display(&name)
                    ));
                }
            }
            Action::ReturnToQueue => {
                if let Some(e) = self.today.selected().filter(|e| {
                    matches!(
                        e.status,
                        QueueStatus::Called | QueueStatus::NoShow | QueueStatus::Left
                    )
                }) {
                    let id = e.id;
                    let actor = self.actor();
                    self.store
                        .move_queue_entry(&actor, now, id, QueueStatus::Waiting, None)?;
                    self.refresh_today()?;
                    self.today.select_id(id);
                }
            }
            Action::ToggleHold => {
                if let Some(e) = self
                    .today
                    .selected()
                    .filter(|e| matches!(e.status, QueueStatus::Waiting | QueueStatus::Called))
                {
                    let (id, hold) = (e.id, !e.on_hold);
                    let actor = self.actor();
                    self.store.hold_queue_entry(&actor, now, id, hold)?;
                    self.refresh_today()?;
                    self.today.select_id(id);
                }
            }
            Action::Mark(status) => {
                if let Some(e) = self.today.selected().filter(|e| !e.status.is_done()) {
                    let text = if status == QueueStatus::NoShow {
                        Msg::ConfirmNoShow
                    } else {
                        Msg::ConfirmLeft
                    };
                    self.popups.push(Popup::Confirm {
                        text,
                        yes: Action::MarkNow {
                            entry: e.id,
                            status,
                        },
                    });
                }
            }
            Action::MarkNow { entry, status } => {
                let actor = self.actor();
                self.store
                    .move_queue_entry(&actor, now, entry, status, None)?;
                self.refresh_today()?;
            }
            Action::StartReception => {
                let Some(e) = self.today.selected().cloned() else {
                    return Ok(());
                };
                match e.status {
                    QueueStatus::Called => {
                        let actor = self.actor();
                        self.store.move_queue_entry(
                            &actor,
                            now,
                            e.id,
                            QueueStatus::InReception,
                            None,
                        )?;
                        self.refresh_today()?;
                        self.open_reception(e.appeal_id, e.official_id)?;
                    }
                    QueueStatus::InReception => self.open_reception(e.appeal_id, e.official_id)?,
                    _ => self.info(self.t(Msg::SelectCalled)),
                }
            }
            Action::OpenSelected => {
                let id = match self.screen {
                    Screen::Today => self.today.selected().map(|e| e.appeal_id),
                    Screen::Appeals => self.appeals.selected().map(|r| r.id),
                    Screen::Control => self.control.selected().map(|r| r.instruction.appeal_id),
                    Screen::Officials => {
                        let sel = self.officials_view.selected().cloned();
                        if let Some(o) = sel {
                            self.officials_view.open_form(Some(&o));
                            self.screen = Screen::OfficialForm;
                        }
                        None
                    }
                    Screen::Operators => {
                        let sel = self.operators_view.selected().cloned();
                        if let Some(a) = sel {
                            self.operators_view.open_form(Some(&a));
                            self.screen = Screen::OperatorForm;
                        }
                        None
                    }
                    _ => None,
                };
                if let Some(id) = id {
                    self.open_card(id)?;
                }
            }
            Action::EditAppeal => {
                if let Some(card) = &self.card {
                    let appeal = card.appeal.clone();
                    self.register
                        .load(&appeal, &self.profile, &self.officials, self.lang);
                    self.back_to = Screen::Card;
                    self.screen = Screen::Register;
                }
            }
            Action::QueueAppeal => {
                if let Some(card) = &self.card {
                    let a = card.appeal.clone();
                    self.ensure_today()?;
                    if self
                        .today
                        .entries
                        .iter()
                        .any(|e| e.appeal_id == a.id && !e.status.is_done())
                    {
                        self.info(self.t(Msg::AlreadyQueued));
                    } else {
                        let actor = self.actor();
                        let ticket = self.store.enqueue_appeal(
                            &actor,
                            now,
                            a.id,
                            a.applicant.category.as_deref(),
                            a.requested_official,
                        )?;
                        self.refresh_today()?;
                        self.info(format!("{}{ticket}", self.t(Msg::Queued)));
                    }
                }
            }
            Action::ReceptionForAppeal => {
                if let Some(card) = &self.card {
                    let (id, off) = (card.appeal.id, card.appeal.requested_official);
                    self.back_to = Screen::Card;
                    self.open_reception(id, off)?;
                }
            }
            Action::AddNew => {
                if self.screen == Screen::Officials {
                    self.officials_view.open_form(None);
                    self.screen = Screen::OfficialForm;
                }
                if self.screen == Screen::Operators {
                    self.operators_view.open_form(None);
                    self.screen = Screen::OperatorForm;
                }
            }
            Action::ToggleActive => {
                let sel = self.operators_view.selected().cloned();
                if let (Screen::Operators, Some(a)) = (self.screen, sel) {
                    if a.active {
                        if a.operator.id == self.operator.id {
                            self.error(self.t(Msg::ErrSelf));
                        } else {
                            self.popups.push(Popup::Confirm {
                                text: Msg::ConfirmDeactivate,
                                yes: Action::DeactivateNow(a.operator.id),
                            });
                        }
                    } else {
                        let (actor, now) = (self.actor(), self.now());
                        self.store
                            .set_operator_active(&actor, now, a.operator.id, true)?;
                        self.operators_view.refresh(&self.store)?;
                        self.info(self.t(Msg::OperatorReactivated));
                    }
                }
            }
            Action::DeactivateNow(id) => {
                let (actor, now) = (self.actor(), self.now());
                match self.store.set_operator_active(&actor, now, id, false) {
                    Err(StoreError::Invalid(m)) if m == crate::store::LAST_ADMIN => {
                        self.error(self.t(Msg::ErrLastAdmin))
                    }
                    Err(e) => return Err(e),
                    Ok(()) => {
                        self.operators_view.refresh(&self.store)?;
                        self.info(self.t(Msg::OperatorDeactivated));
                    }
                }
            }
            Action::AddInstruction => {
                self.reception
                    .add_instruction(&self.calendar, &self.profile, now.date())
            }
            Action::RemoveInstruction => self.reception.remove_instruction(),
            Action::PrintTalon => self.print_talon(),
            Action::PrintProtocol => self.print_protocol(),
            Action::ReloadAppeal => {
                if let Some(edit) = &self.register.editing {
                    let fresh = self.store.appeal(edit.id)?;
                    self.register
                        .load(&fresh, &self.profile, &self.officials, self.lang);
                }
            }
            Action::OverwriteAppeal => self.save_register(true)?,
            Action::RegisterNewName => self.save_register_as(false, true)?,
            Action::StepMenu => {
                if let Some(card) = &self.card {
                    let status = crate::domain::lifecycle::Status::from_code(&card.appeal.status);
                    let steps = status
                        .map(crate::domain::lifecycle::steps_from)
                        .unwrap_or_default();
                    if steps.is_empty() {
                        self.info(self.t(Msg::NoSteps));
                    } else {
                        self.popups.push(Popup::Steps { steps, selected: 0 });
                    }
                }
            }
            Action::ChooseStep(step) => {
                let Some(card) = &self.card else {
                    return Ok(());
                };
                let appeal = card.appeal.clone();
                if super::screens::step::StepForm::needs_form(step) {
                    let facts = crate::domain::lifecycle::Facts::from_steps(
                        &self.store.steps_of(appeal.id)?,
                    );
                    self.step_form.open(
                        step,
                        appeal,
                        &facts,
                        now.date(),
                        &self.profile,
                        &self.calendar,
                        &self.officials,
                    );
                    self.screen = Screen::Step;
                } else {
                    let t = match step {
                        crate::domain::lifecycle::Step::Fixed => {
                            crate::domain::lifecycle::Transition::Fixed
                        }
                        crate::domain::lifecycle::Step::Return => {
                            crate::domain::lifecycle::Transition::Return
                        }
                        crate::domain::lifecycle::Step::StartReview => {
                            crate::domain::lifecycle::Transition::StartReview
                        }
                        crate::domain::lifecycle::Step::Receive => {
                            crate::domain::lifecycle::Transition::Receive
                        }
                        crate::domain::lifecycle::Step::PutOnControl => {
                            crate::domain::lifecycle::Transition::PutOnControl
                        }
                        crate::domain::lifecycle::Step::Withdraw => {
                            crate::domain::lifecycle::Transition::Withdraw
                        }
                        _ => crate::domain::lifecycle::Transition::Close,
                    };
                    self.popups.push(Popup::Confirm {
                        text: Msg::ConfirmStep,
                        yes: Action::ApplyStep(t),
                    });
                }
            }
            Action::ApplyStep(t) => self.apply_step(t)?,
            Action::ImportNow(path) => {
                let prefix = self.prefix.clone();
                match crate::import::import_file(
                    &mut self.store,
                    &path,
                    false,
                    now,
                    &prefix,
                    &mut |_, _| {},
                ) {
                    Ok(r) => {
                        self.refresh_today()?;
                        self.appeals.refresh(&self.store)?;
                        self.info(format!("{} {}", self.t(Msg::ImportDone), r.imported));
                    }
                    Err(e) => self.error(e.to_string()),
                }
            }
            Action::ExportReport => {
                let Some(report) = self.reports.report.clone() else {
                    return Ok(());
                };
                let office =
                    crate::docs::document::Bi::new(self.office_kk.clone(), self.office_ru.clone());
                let doc = crate::docs::report::document(&report, &office);
                self.write_document_set(&format!("report-{}-{}", report.from, report.to), &doc);
            }
            Action::PrintCallList => {
                let Some(survey) = self.survey.survey.clone() else {
                    self.info(self.t(Msg::NoSurvey));
                    return Ok(());
                };
                let office =
                    crate::docs::document::Bi::new(self.office_kk.clone(), self.office_ru.clone());
                let doc = crate::docs::survey::document(&survey, &self.survey.calls, &office);
                let base = format!("survey-calls-{}-{}", survey.period_from, survey.period_to);
                if self.write_document_set(&base, &doc) {
                    self.log_print(crate::store::Access::Print, "survey", Some(survey.id));
                }
            }
            Action::DrawSurvey => {
                self.survey.open_draw();
                self.screen = Screen::SurveyForm;
            }
            Action::RecordCall => {
                if self.survey.open_call() {
                    self.screen = Screen::SurveyForm;
                }
            }
            Action::AnswerInstruction => {
                if self.control.open_answer(now.date()) {
                    self.screen = Screen::ControlForm;
                }
            }
            Action::ReassignExecutor => {
                if self.control.open_reassign() {
                    self.screen = Screen::ControlForm;
                }
            }
        }
        Ok(())
    }

    fn ensure_today(&mut self) -> Result<(), StoreError> {
        let today = self.now().date();
        if self.today.day != today {
            self.today.refresh(&self.store, today)?;
        }
        Ok(())
    }

    fn go(&mut self, s: Screen) -> Result<(), StoreError> {
        match s {
            Screen::Today => self.refresh_today()?,
            Screen::Appeals => self.appeals.refresh(&self.store)?,
            Screen::Register => {
                if self.register.editing.is_some() && self.screen != Screen::Register {
                    self.register
                        .reset(&self.profile, &self.officials, self.lang);
                }
                self.back_to = if self.screen == Screen::Register {
                    self.back_to
                } else {
                    self.screen
                };
            }
            Screen::Reception => {
                if self.reception.appeal.is_none() {
                    // Open the reception of the applicant being served, if any.
                    let served = self
                        .today
                        .entries
                        .iter()
                        .find(|e| {
                            matches!(e.status, QueueStatus::InReception | QueueStatus::Called)
                        })
                        .map(|e| (e.appeal_id, e.official_id));
                    match served {
                        Some((id, off)) => {
                            self.back_to = self.screen;
                            return self.open_reception(id, off);
                        }
                        None => {
                            self.info(self.t(Msg::ProtocolNoAppeal));
                            return Ok(());
                        }
                    }
                }
            }
            Screen::Card
            | Screen::OfficialForm
            | Screen::OperatorForm
            | Screen::Step
            | Screen::ControlForm
            | Screen::Login
            | Screen::SurveyForm => {}
            Screen::Survey => {
                let today = self.now().date();
                self.reports.refresh(&self.store, today, &self.profile)?;
                if let Some(r) = &self.reports.report {
                    let (from, to) = (r.from, r.to);
                    self.survey.refresh(&self.store, from, to)?;
                }
            }
            Screen::Control => self.control.refresh(&self.store)?,
            Screen::Import => {
                let keep = self.import_form.text("path");
                self.import_form =
                    super::widgets::form::Form::new(vec![super::widgets::form::Field::text(
                        "path",
                        Msg::FieldImportPath,
                    )]);
                self.import_form.set_text("path", &keep);
            }
            Screen::Reports => {
                let today = self.now().date();
                self.reports.refresh(&self.store, today, &self.profile)?
            }
            Screen::Officials => self.officials_view.refresh(&self.store)?,
            Screen::Operators => self.operators_view.refresh(&self.store)?,
            Screen::Settings => self.settings_form = super::screens::settings::form(&self.store)?,
        }
        self.screen = s;
        Ok(())
    }

    fn open_card(&mut self, appeal_id: i64) -> Result<(), StoreError> {
        let mut card = CardView::load(&self.store, appeal_id)?;
        let role = self.operator.role;
        if crate::domain::permissions::allows(
            role,
            crate::domain::permissions::Permission::ViewFullPersonalData,
        ) {
            // Viewing a full record with personal data is logged (Law 94-V).
            let actor = self.actor();
            let now = self.now();
            self.store.log_access(
                &actor,
                now,
                crate::store::Access::View,
                "appeal",
                Some(appeal_id),
            )?;
        } else {
            let a = &mut card.appeal.applicant;
            a.iin = crate::domain::permissions::iin_for(role, &a.iin);
            a.phone = crate::domain::permissions::phone_for(role, &a.phone);
            a.address = String::new();
        }
        self.card = Some(card);
        self.screen = Screen::Card;
        Ok(())
    }

    fn open_reception(&mut self, appeal_id: i64, official: Option<i64>) -> Result<(), StoreError> {
        let appeal = self.store.appeal(appeal_id)?;
        let today = self.now().date();
        self.reception.start(
            appeal,
            official,
            today,
            &self.profile,
            &self.officials,
            &self.calendar,
        );
        if self.officials.is_empty() {
            self.error(self.t(Msg::NoOfficials));
        }
        if self.screen != Screen::Reception && self.screen != Screen::Card {
            self.back_to = self.screen;
        }
        self.screen = Screen::Reception;
        Ok(())
    }

    fn save_register(&mut self, force: bool) -> Result<(), StoreError> {
        self.save_register_as(force, false)
    }

    /// Saves the registration form; `new_name`: the clerk confirmed that the IIN,
    /// stored under another name, is the same person with a new name.
    fn save_register_as(&mut self, force: bool, new_name: bool) -> Result<(), StoreError> {
        let now = self.now();
        let draft = self.register.draft(&self.officials);
        let clean = match crate::domain::register::check_appeal(&draft, &self.profile) {
            Ok(c) => c,
            Err(errors) => {
                self.register.show_errors(&errors, self.lang);
                self.error(self.t(Msg::FormHasErrors));
                return Ok(());
            }
        };
        let actor = self.actor();
        if let Some(edit) = self.register.editing.clone() {
            let mut appeal = edit.clone();
            appeal.applicant = clean.applicant.clone();
            appeal.applicant.id = edit.applicant.id;
            appeal.applicant.consent = clean.applicant.consent;
            appeal.channel = clean.channel.unwrap_or(edit.channel);
            appeal.essence = clean.essence.clone();
            appeal.topic = clean.topic.clone();
            appeal.settlement = clean.settlement.clone();
            appeal.requested_official = clean.requested_official;
            appeal.national_reg_no = clean.national_reg_no.clone();
            appeal.from_personal_reception = clean.from_personal_reception;
            match self.store.update_appeal(&actor, now, &appeal, force) {
                Ok(()) => {
                    // Consent unticked on a record that had it: a withdrawal (Law 94-V).
                    if edit.applicant.consent && !clean.applicant.consent {
                        if let Some(aid) = edit.applicant.id {
                            self.store.withdraw_consent(&actor, now, aid)?;
                        }
                    }
                    self.register
                        .reset(&self.profile, &self.officials, self.lang);
                    self.open_card(appeal.id)?;
                    self.info(self.t(Msg::Saved));
                }
                Err(StoreError::Conflict) => self.popups.push(Popup::Conflict),
                Err(e) => return Err(e),
            }
            return Ok(());
        }
        let registered_on = self.calendar.working_day_on_or_after(now.date());
        let registered = if new_name {
            self.store
                .register_appeal_new_name(&actor, now, registered_on, &self.prefix, &clean)
        } else {
            self.store
                .register_appeal(&actor, now, registered_on, &self.prefix, &clean)
        };
        let r = match registered {
            Err(StoreError::IinBelongsTo { name, .. }) => {
                // Nothing was saved: ask whose IIN it is.
                self.popups.push(Popup::IinBelongsTo {
                    name: name.as_str().to_string(),
                });
                return Ok(());
            }
            r => r?,
        };
        {
            use crate::domain::lifecycle as lc;
            // Queued today: the reception is today, the applicant is here.
            let (status, facts) = if r.ticket.is_some() {
                (
                    lc::Status::Scheduled,
                    lc::Facts {
                        reception: Some(now.date()),
                        notified: true,
                        ..Default::default()
                    },
                )
            } else {
                (lc::Status::Registered, lc::Facts::default())
            };
            let ctx = lc::Ctx {
                today: now.date(),
                registered_on,
                calendar: &self.calendar,
                profile: &self.profile,
                facts,
            };
            let next = lc::next_due(status, &ctx);
            self.store.set_next_due(r.appeal_id, next)?;
        }
        let talon = Talon {
            reg_no: r.reg_no.clone(),
            at: now,
            receiver_name: self.operator.full_name.clone(),
            receiver_position_kk: self.operator.position_kk.clone(),
            receiver_position_ru: self.operator.position_ru.clone(),
            ticket: r.ticket,
            applicant_short: clean.applicant.short_name(),
            office_kk: self.office_kk.clone(),
            office_ru: self.office_ru.clone(),
        };
        self.register
            .reset(&self.profile, &self.officials, self.lang);
        self.refresh_today()?;
        self.appeals.refresh(&self.store)?;
        let mut msg = format!("{}: {}", self.t(Msg::Registered), r.reg_no);
        if registered_on != now.date() {
            msg = format!(
                "{msg}. {} {}",
                self.t(Msg::RegisteredOnNote),
                registered_on.format("%d.%m.%Y")
            );
        }
        self.info(msg);
        self.popups.push(Popup::Talon {
            talon,
            saved_to: None,
        });
        Ok(())
    }

    fn save_reception(&mut self) -> Result<(), StoreError> {
        let Some(appeal) = self.reception.appeal.clone() else {
            self.info(self.t(Msg::ProtocolNoAppeal));
            return Ok(());
        };
        let draft = match self.reception.draft(appeal.id) {
            Ok(d) => d,
            Err(bad_dates) => {
                for id in bad_dates {
                    self.reception
                        .form
                        .set_error(id, self.t(Msg::ErrDate).to_string());
                }
                self.reception.form.focus_first_error();
                self.error(self.t(Msg::FormHasErrors));
                return Ok(());
            }
        };
        let clean = match crate::domain::register::check_protocol(&draft, &self.profile) {
            Ok(c) => c,
            Err(errors) => {
                self.reception.show_errors(&errors, self.lang);
                self.error(self.t(Msg::FormHasErrors));
                return Ok(());
            }
        };
        // Conflict rule: not to an employee who handled this appeal before.
        let previous: Vec<String> = self
            .store
            .protocols_of(appeal.id)?
            .iter()
            .flat_map(|p| p.instructions.iter().map(|i| i.executor.clone()))
            .collect();
        let mut conflict = None;
        for (i, ins) in draft.instructions.iter().enumerate() {
            if let Some(prev) = crate::domain::control::executor_conflict(&ins.executor, &previous)
            {
                let msg = crate::i18n::control::executor_conflict(self.lang, prev);
                self.reception.set_executor_error(i, msg.clone());
                conflict = Some(msg);
            }
        }
        if let Some(msg) = conflict {
            self.reception.form.focus_first_error();
            self.error(msg);
            return Ok(());
        }
        let actor = self.actor();
        let now = self.now();
        self.store.save_protocol(&actor, now, &clean)?;
        self.reception.clear();
        self.refresh_today()?;
        self.info(self.t(Msg::ProtocolSaved));
        self.screen = if self.back_to == Screen::Card {
            self.open_card(appeal.id)?;
            Screen::Card
        } else {
            Screen::Today
        };
        Ok(())
    }

    /// The lifecycle context of an appeal: today, its registration date, the facts of
    /// its earlier steps.
    fn lifecycle_ctx(
        &self,
        appeal: &crate::domain::Appeal,
    ) -> Result<crate::domain::lifecycle::Ctx<'_>, StoreError> {
        let steps = self.store.steps_of(appeal.id)?;
        Ok(crate::domain::lifecycle::Ctx {
            today: self.now().date(),
            registered_on: appeal.registered_on,
            calendar: &self.calendar,
            profile: &self.profile,
            facts: crate::domain::lifecycle::Facts::from_steps(&steps),
        })
    }

    /// Checks a step against the regulation and records it with the next due action.
    fn apply_step(&mut self, t: crate::domain::lifecycle::Transition) -> Result<(), StoreError> {
        use crate::domain::lifecycle as lc;
        let Some(appeal) = self.card.as_ref().map(|c| c.appeal.clone()) else {
            return Ok(());
        };
        let from = lc::Status::from_code(&appeal.status).unwrap_or(lc::Status::Registered);
        let mut ctx = self.lifecycle_ctx(&appeal)?;
        let to = match lc::apply(from, &t, &ctx) {
            Ok(to) => to,
            Err(e) => {
                let msg = crate::i18n::rules::transition_error(self.lang, &e);
                self.error(msg);
                return Ok(());
            }
        };
        ctx.facts = lc::Facts::from_steps(
            self.store
                .steps_of(appeal.id)?
                .iter()
                .chain(std::iter::once(&t)),
        );
        let next = lc::next_due(to, &ctx);
        let actor = self.actor();
        let now = self.now();
        self.store
            .record_step(&actor, now, appeal.id, to.code(), &t, next)?;
        self.step_form = Default::default();
        self.open_card(appeal.id)?;
        self.refresh_today()?;
        let label = crate::i18n::rules::step(self.lang, t.step());
        self.info(format!("{} {label}", self.t(Msg::StepDone)));
        Ok(())
    }

    fn save_step(&mut self) -> Result<(), StoreError> {
        match self.step_form.transition() {
            Ok(t) => self.apply_step(t),
            Err(bad) => {
                self.step_form.form.clear_errors();
                for id in bad {
                    let m = match id {
                        "time" => Msg::ErrTime,
                        "official" => Msg::ErrRequired,
                        _ => Msg::ErrDate,
                    };
                    self.step_form.form.set_error(id, self.t(m).to_string());
                }
                self.step_form.form.focus_first_error();
                self.error(self.t(Msg::FormHasErrors));
                Ok(())
            }
        }
    }

    /// Checks the file named in the import form (a dry run: nothing is written) and
    /// shows what an import would do.
    fn check_import(&mut self) {
        let raw = self.import_form.text("path");
        let path = PathBuf::from(raw.trim());
        let now = self.now();
        let prefix = self.prefix.clone();
        match crate::import::import_file(&mut self.store, &path, true, now, &prefix, &mut |_, _| {})
        {
            Ok(r) => {
                let lines = r.lines();
                if r.imported > 0 {
                    self.popups.push(Popup::ImportPreview { lines, path });
                } else {
                    self.popups.push(Popup::Message(lines.join("\n")));
                }
            }
            Err(e) => {
                self.import_form.set_error("path", e.to_string());
                self.error(e.to_string());
            }
        }
    }

    fn save_login(&mut self) -> Result<(), StoreError> {
        use super::screens::login::Mode;
        let now = self.now();
        let f = self.login.form.clone();
        let login = f.text("login").trim().to_string();
        let password = f.text("password");
        match self.login.mode {
            Mode::Login => match crate::auth::login(&mut self.store, &login, &password, now) {
                Ok(op) => {
                    let must_change = self.store.must_change_password(op.id)?;
                    self.operator = op;
                    if must_change {
                        // A password someone else set: the operator's own first.
                        self.login = super::screens::login::LoginView::change_password();
                        self.info(self.t(Msg::ChangePasswordHint));
                        return Ok(());
                    }
                    self.login = Default::default();
                    let back = self.locked_from;
                    self.screen = back;
                    self.refresh_today()?;
                    self.status = None;
                }
                Err(crate::auth::LoginError::Store(e)) => return Err(e),
                Err(crate::auth::LoginError::WrongCredentials) => {
                    self.login.form.set_text("password", "");
                    self.error(self.t(Msg::ErrLogin));
                }
                Err(crate::auth::LoginError::Locked { until }) => {
                    self.login.form.set_text("password", "");
                    self.error(format!(
                        "{} {}",
                        self.t(Msg::ErrLocked),
                        until.format("%d.%m.%Y %H:%M")
                    ));
                }
            },
            Mode::ChangePassword => {
                let again = f.text("password2");
                let problem = if password != again {
                    Some(Msg::ErrPasswordMismatch)
                } else {
                    match crate::auth::check_new_password(&self.operator.login, &password) {
                        Err(crate::auth::PasswordError::TooShort) => Some(Msg::ErrPasswordShort),
                        Err(crate::auth::PasswordError::SameAsLogin) => Some(Msg::ErrPasswordSame),
                        Ok(()) => None,
                    }
                };
                if let Some(m) = problem {
                    self.login.form.set_error("password", self.t(m).into());
                    self.error(self.t(m));
                    return Ok(());
                }
                let op = self.operator.clone();
                // Set by the operator: the flag clears.
                self.store.set_password_hash(
                    &Actor::operator(op.id, &op.login),
                    now,
                    op.id,
                    &crate::auth::hash_password(&password),
                )?;
                self.login = Default::default();
                let back = self.locked_from;
                self.screen = back;
                self.refresh_today()?;
                self.info(self.t(Msg::Saved));
            }
            Mode::FirstAdmin => {
                let lang = self.lang;
                let Some(input) = super::screens::operators::check_operator_form(
                    &mut self.login.form,
                    lang,
                    true,
                ) else {
                    self.error(self.t(Msg::FormHasErrors));
                    return Ok(());
                };
                let op = super::screens::operators::operator_of(0, &input);
                let id = self.store.add_operator(
                    &Actor::system(),
                    now,
                    &op,
                    &crate::auth::hash_password(input.password.as_deref().unwrap_or_default()),
                )?;
                self.operator = self.store.operator(id)?;
                self.login = Default::default();
                self.screen = Screen::Today;
                self.refresh_today()?;
                self.info(self.t(Msg::Saved));
                // Shown once: the way back in if every admin password is lost.
                let code = crate::auth::new_recovery_code(&mut self.store, &Actor::system(), now)?;
                self.popups.push(Popup::Message(format!(
                    "{}\n\n{code}",
                    self.t(Msg::RecoveryCode)
                )));
            }
        }
        Ok(())
    }

    fn save_survey(&mut self) -> Result<(), StoreError> {
        use super::screens::survey::{parse_size, FormMode};
        use crate::store::SurveyError;
        let actor = self.actor();
        let now = self.now();
        let result = match self.survey.mode {
            FormMode::Draw => {
                let Some(size) = parse_size(&self.survey.form.text("size")) else {
                    self.survey
                        .form
                        .set_error("size", self.t(Msg::ErrSampleSize).into());
                    self.error(self.t(Msg::FormHasErrors));
                    return Ok(());
                };
                let Some((from, to)) = self.survey.period else {
                    return Ok(());
                };
                // The seed is recorded with the survey, so the draw can be repeated.
                let seed = now.and_utc().timestamp() as u64;
                self.store
                    .create_survey(&actor, now, from, to, size, seed)
                    .map(|_| ())
            }
            FormMode::Call => {
                let Some(id) = self.survey.call else {
                    return Ok(());
                };
                let r = self.survey.result();
                self.store.record_call(&actor, now, id, &r)
            }
        };
        match result {
            Ok(()) => {
                self.survey.form.dirty = false;
                if let Some((from, to)) = self.survey.period {
                    self.survey.refresh(&self.store, from, to)?;
                }
                self.screen = Screen::Survey;
                self.info(self.t(Msg::Saved));
            }
            Err(SurveyError::Store(e)) => return Err(e),
            Err(SurveyError::NobodyEligible) => self.error(self.t(Msg::ErrNobodyEligible)),
            Err(SurveyError::Invalid(_)) => {
                self.survey
                    .form
                    .set_error("score", self.t(Msg::ErrScoreWithoutReach).into());
                self.error(self.t(Msg::FormHasErrors));
            }
        }
        Ok(())
    }

    fn save_control(&mut self) -> Result<(), StoreError> {
        use super::screens::control::FormMode;
        let Some(id) = self.control.instruction else {
            return Ok(());
        };
        let actor = self.actor();
        let now = self.now();
        let result = match self.control.mode {
            FormMode::Answer => {
                let date_text = self.control.form.text("date");
                let answered_on = super::screens::reception::parse_date(&date_text);
                if answered_on.is_none() && !date_text.trim().is_empty() {
                    self.control
                        .form
                        .set_error("date", self.t(Msg::ErrDate).to_string());
                    self.error(self.t(Msg::FormHasErrors));
                    return Ok(());
                }
                let draft = crate::domain::control::AnswerDraft {
                    answered_on,
                    summary: self.control.form.text("summary"),
                    doc_no: self.control.form.text("doc_no"),
                };
                self.store
                    .answer_instruction(&actor, now, id, &draft)
                    .map(|_| Msg::AnswerSaved)
            }
            FormMode::Reassign => {
                let who = self.control.form.text("executor");
                self.store
                    .reassign_executor(&actor, now, id, &who)
                    .map(|_| Msg::ExecutorChanged)
            }
        };
        match result {
            Ok(m) => {
                self.control.form.dirty = false;
                self.control.refresh(&self.store)?;
                self.refresh_today()?;
                self.screen = Screen::Control;
                self.info(self.t(m));
            }
            Err(crate::store::ControlError::Store(e)) => return Err(e),
            Err(e) => {
                let msg = crate::i18n::control::control_error(self.lang, &e);
                let field = match (self.control.mode, &e) {
                    (FormMode::Reassign, _) => "executor",
                    (_, crate::store::ControlError::Rule(ps))
                        if ps.iter().any(|p| {
                            matches!(p, crate::domain::control::CloseProblem::SummaryMissing)
                        }) =>
                    {
                        "summary"
                    }
                    _ => "date",
                };
                self.control.form.set_error(field, msg.clone());
                self.error(msg);
            }
        }
        Ok(())
    }

    fn save_settings(&mut self) -> Result<(), StoreError> {
        let Some(s) = super::screens::settings::checked(&mut self.settings_form, self.lang) else {
            self.error(self.t(Msg::FormHasErrors));
            return Ok(());
        };
        let actor = self.actor();
        let now = self.now();
        self.store
            .set_setting(&actor, now, "office_prefix", &s.prefix)?;
        self.store
            .set_setting(&actor, now, "office_name_kk", &s.name_kk)?;
        self.store
            .set_setting(&actor, now, "office_name_ru", &s.name_ru)?;
        if self.store.setting("profile_id")?.as_deref() != Some(s.profile_id.as_str()) {
            self.store
                .set_setting(&actor, now, "profile_id", &s.profile_id)?;
            let (profile, _) = crate::assets::load_profile(
                crate::paths::config_dir().as_deref(),
                Some(&s.profile_id),
            );
            self.profile = profile;
            self.register
                .reset(&self.profile, &self.officials, self.lang);
        }
        self.prefix = s.prefix;
        self.office_kk = s.name_kk;
        self.office_ru = s.name_ru;
        self.settings_form.dirty = false;
        self.go(Screen::Officials)?;
        self.info(self.t(Msg::Saved));
        Ok(())
    }

    fn save_operator(&mut self) -> Result<(), StoreError> {
        use super::screens::operators::{check_operator_form, operator_of};
        let editing = self.operators_view.editing;
        let lang = self.lang;
        let Some(input) =
            check_operator_form(&mut self.operators_view.form, lang, editing.is_none())
        else {
            self.error(self.t(Msg::FormHasErrors));
            return Ok(());
        };
        let (actor, now) = (self.actor(), self.now());
        let refuse = |app: &mut App, field: &'static str, m: Msg| {
            app.operators_view.form.set_error(field, app.t(m).into());
            app.operators_view.form.focus_first_error();
            app.error(app.t(m));
        };
        match editing {
            Some(id) => {
                match self
                    .store
                    .update_operator(&actor, now, &operator_of(id, &input))
                {
                    Err(StoreError::Invalid(m)) if m == crate::store::LAST_ADMIN => {
                        refuse(self, "role", Msg::ErrLastAdmin);
                        return Ok(());
                    }
                    r => r?,
                }
                if let Some(pw) = &input.password {
                    self.store.set_password_hash(
                        &actor,
                        now,
                        id,
                        &crate::auth::hash_password(pw),
                    )?;
                }
                if id == self.operator.id {
                    self.operator = self.store.operator(id)?;
                }
            }
            None => {
                if self.store.operator_by_login(&input.login)?.is_some() {
                    refuse(self, "login", Msg::ErrLoginExists);
                    return Ok(());
                }
                let hash =
                    crate::auth::hash_password(input.password.as_deref().unwrap_or_default());
                self.store
                    .add_operator(&actor, now, &operator_of(0, &input), &hash)?;
            }
        }
        self.operators_view.form.dirty = false;
        // An admin who gave up their own admin role cannot manage operators any more.
        let back = if crate::domain::permissions::allows(
            self.operator.role,
            crate::domain::permissions::Permission::ManageOperators,
        ) {
            Screen::Operators
        } else {
            Screen::Today
        };
        self.go(back)?;
        self.info(self.t(Msg::Saved));
        Ok(())
    }

    fn save_official(&mut self) -> Result<(), StoreError> {
        let Some(o) = self.officials_view.checked(self.lang) else {
            self.error(self.t(Msg::FormHasErrors));
            return Ok(());
        };
        let actor = self.actor();
        let now = self.now();
        if self.officials_view.editing.is_some() {
            self.store.update_official(&actor, now, &o)?;
        } else {
            self.store.add_official(&actor, now, &o)?;
        }
        self.officials_view.form.dirty = false;
        self.officials = self.store.officials(true)?;
        if !self.register.form.dirty {
            self.register
                .reset(&self.profile, &self.officials, self.lang);
        }
        self.go(Screen::Officials)?;
        self.info(self.t(Msg::Saved));
        Ok(())
    }

    /// Writes a printable document into the documents folder and says where.
    fn write_document(&mut self, name: &str, content: impl AsRef<[u8]>) -> Option<PathBuf> {
        let path = self.docs_dir.join(name);
        // Private (0600/0700), atomic, never over the database; a document printed
        // again replaces its earlier copy.
        let result = crate::safe_file::write_file(&path, self.store.path(), true, content.as_ref());
        match result {
            Ok(()) => {
                self.info(format!("{} {}", self.t(Msg::TalonSavedTo), path.display()));
                Some(path)
            }
            Err(e) => {
                self.error(format!("{} {e}", self.t(Msg::SaveFailed)));
                None
            }
        }
    }

    /// Writes a tabular document as `<base>.html`, `.pdf` and `.xlsx` into the
    /// documents folder and says where; whether the HTML was written.
    fn write_document_set(&mut self, base: &str, doc: &crate::docs::document::Document) -> bool {
        let html = crate::docs::document::html(doc);
        let xlsx = crate::docs::document::xlsx(doc);
        if let Ok(pdf) = crate::docs::document::pdf(doc) {
            self.write_document(&format!("{base}.pdf"), pdf);
        }
        if self.write_document(&format!("{base}.html"), html).is_none() {
            return false;
        }
        match xlsx {
            Ok(bytes) => {
                if let Some(p) = self.write_document(&format!("{base}.xlsx"), bytes) {
                    let msg = format!(
                        "{} {} (+ .html, .pdf)",
                        self.t(Msg::TalonSavedTo),
                        p.display()
                    );
                    self.info(msg);
                }
            }
            Err(e) => self.error(format!("{} {e}", self.t(Msg::SaveFailed))),
        }
        true
    }

    /// Printing and exporting personal data is logged with the operator (Law 94-V).
    fn log_print(&mut self, what: crate::store::Access, entity: &str, id: Option<i64>) {
        let actor = self.actor();
        let now = self.now();
        if let Err(e) = self.store.log_access(&actor, now, what, entity, id) {
            self.store_error(&e);
        }
    }

    fn print_protocol(&mut self) {
        let Some(card) = &self.card else { return };
        let Some(p) = card.protocols.last() else {
            self.info(self.t(Msg::NoProtocol));
            return;
        };
        let html = crate::docs::protocol::html(&crate::docs::protocol::ProtocolDoc {
            office_kk: &self.office_kk,
            office_ru: &self.office_ru,
            appeal: &card.appeal,
            protocol: p,
            official: self.officials.iter().find(|o| o.id == p.official_id),
            profile: &self.profile,
        });
        let name = format!("protocol-{}-{}.html", card.appeal.reg_no, p.id);
        let id = card.appeal.id;
        if self.write_document(&name, &html).is_some() {
            self.log_print(crate::store::Access::Print, "appeal", Some(id));
        }
    }

    fn print_talon(&mut self) {
        let talon = match self.popups.last() {
            Some(Popup::Talon { talon, .. }) => Some(talon.clone()),
            _ => self.card.as_ref().map(|c| Talon {
                reg_no: c.appeal.reg_no.clone(),
                at: c.appeal.registered_at,
                receiver_name: c.registered_by.clone().unwrap_or_default(),
                receiver_position_kk: c.registered_by_position.0.clone(),
                receiver_position_ru: c.registered_by_position.1.clone(),
                ticket: c.ticket,
                applicant_short: c.appeal.applicant.short_name(),
                office_kk: self.office_kk.clone(),
                office_ru: self.office_ru.clone(),
            }),
        };
        let Some(talon) = talon else { return };
        let name = format!("talon-{}.html", talon.reg_no);
        let Some(path) = self.write_document(&name, crate::docs::talon::html(&talon)) else {
            return;
        };
        let appeal_id = self.card.as_ref().map(|c| c.appeal.id);
        self.log_print(crate::store::Access::Print, "talon", appeal_id);
        if let Some(Popup::Talon { saved_to, .. }) = self.popups.last_mut() {
            *saved_to = Some(path);
        } else {
            self.popups.push(Popup::Talon {
                talon,
                saved_to: Some(path),
            });
        }
    }
}
