//! The desk: the screens, the popups over them, the permission gate and the
//! routing of what a screen asks for. What a screen does lives in its own file.
use super::action::{Action, ScreenId};
use super::ctx::{Changes, Ctx, Session};
use super::keymap;
use super::popup::PopupOutcome;
use super::screen::{Outcome, Screen as _};
use super::screens::login::LoginView;
use super::screens::Screens;
use crate::domain::calendar::Calendar;
use crate::domain::permissions::Permission;
use crate::domain::profile::Profile;
use crate::domain::{Lang, Operator};
use crate::i18n::ui::Msg;
use crate::services::{Office, ServiceError};
use crate::store::{Store, StoreError};
use chrono::NaiveDateTime;
use crossterm::event::{KeyEvent, KeyEventKind};

pub use super::ctx::Clock;
pub use super::popup::Popup;

pub struct App {
    pub ctx: Ctx,
    pub screens: Screens,
    /// The screen shown.
    pub screen: ScreenId,
    pub popups: Vec<Popup>,
    pub quit: bool,
    /// The last key press (for the idle lock).
    last_input: std::time::Instant,
    /// The background quick check of the database started after the first frame.
    quick_check: Option<std::sync::mpsc::Receiver<Vec<String>>>,
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
        let office = Office {
            settings: store.office_settings()?,
            profile,
            calendar,
        };
        let ctx = Ctx {
            officials: store.officials(true)?,
            docs_dir: super::ctx::docs_dir_of(&store),
            store,
            session: Session { operator, lang },
            office,
            clock,
            status: None,
            changes: Changes::default(),
            printing: super::ctx::Printing::from_env(),
        };
        let screens = Screens::new(&ctx);
        let mut app = App {
            ctx,
            screens,
            screen: ScreenId::Today,
            popups: Vec::new(),
            quit: false,
            last_input: std::time::Instant::now(),
            quick_check: None,
        };
        // A damaged file still opens (its first reads empty): the quick check names it.
        let first = app.refresh_today();
        if let Err(e) = first.and_then(|_| app.screens.appeals.refresh(&app.ctx)) {
            if !e.is_corrupt() {
                return Err(e.into());
            }
            app.ctx.error(app.ctx.t(Msg::DatabaseDamaged));
        }
        Ok(app)
    }

    pub fn now(&self) -> NaiveDateTime {
        self.ctx.now()
    }

    /// Starts the background quick check of the database (after the first frame).
    pub fn start_quick_check(&mut self) {
        self.quick_check = crate::store::quick_check_in_background(self.ctx.store.path());
    }

    /// The quick check's verdict once come: a damaged file is warned of; whether it warned.
    pub fn poll_quick_check(&mut self) -> bool {
        let Some(rx) = &self.quick_check else {
            return false;
        };
        let Ok(problems) = rx.try_recv() else {
            return false;
        };
        self.quick_check = None;
        if problems.is_empty() {
            return false;
        }
        let text = self
            .ctx
            .t(crate::i18n::ui::Msg::DatabaseDamaged)
            .to_string();
        self.popups.push(Popup::Message(text.clone()));
        self.error(text);
        true
    }

    pub fn info(&mut self, s: impl Into<String>) {
        self.ctx.info(s)
    }

    pub fn error(&mut self, s: impl Into<String>) {
        self.ctx.error(s)
    }

    /// Reads today's queue again.
    pub fn refresh_today(&mut self) -> Result<(), StoreError> {
        let today = self.ctx.today();
        self.screens.today.refresh(&self.ctx.store, today)?;
        self.screens
            .today
            .refresh_lines(&self.ctx.store, &self.ctx.office, today)?;
        if let Err(e) = self.screens.today.refresh_schedule(&self.ctx) {
            crate::log::log(crate::log::Level::Warn, &format!("schedule due: {e:?}"));
        }
        Ok(())
    }

    /// One key press: the top popup's keys, else the screen's keymap, else its typing.
    pub fn on_key(&mut self, key: KeyEvent) {
        // Windows terminals report press and release: act on press only.
        if key.kind != KeyEventKind::Press {
            return;
        }
        self.last_input = std::time::Instant::now();
        let (screen, status) = (self.screen, self.ctx.status.clone());
        self.key(key);
        // A message of the screen left behind does not follow to the next one.
        if self.screen != screen && self.ctx.status.is_some() && self.ctx.status == status {
            self.ctx.status = None;
        }
    }

    fn key(&mut self, key: KeyEvent) {
        if let Some(top) = self.popups.last_mut() {
            match top.key(&key) {
                PopupOutcome::Stay => {}
                PopupOutcome::Close => {
                    self.popups.pop();
                }
                PopupOutcome::CloseThen(a) => {
                    self.popups.pop();
                    self.update(a);
                }
                PopupOutcome::Then(a) => self.update(a),
            }
            return;
        }
        let keys = self.screens.get(self.screen).keys();
        if let Some(action) = keymap::resolve_in(keys, &key) {
            self.update(action);
            return;
        }
        if let Err(e) = self.screens.get_mut(self.screen).input(&key, &mut self.ctx) {
            self.ctx.service_error(&e);
        }
    }

    /// Shows the login screen (at start, and after the idle lock).
    pub fn require_login(&mut self) {
        let back = if self.screen == ScreenId::Login {
            self.screens.login.return_to
        } else {
            Some(self.screen)
        };
        self.popups.clear();
        self.screens.login = LoginView::login(&self.ctx.session.operator.login);
        self.screens.login.return_to = back;
        self.screen = ScreenId::Login;
    }

    /// First run: the administrator is created before anything else.
    pub fn require_first_admin(&mut self) {
        self.popups.clear();
        self.screens.login = LoginView::first_admin();
        self.screen = ScreenId::Login;
    }

    /// When the last key was pressed (tests move it back to check the idle lock).
    pub fn set_last_input(&mut self, t: std::time::Instant) {
        self.last_input = t;
    }

    /// Another desk or the command line committed to the database: reload what the
    /// queue shows (the rest reloads as the clerk moves between screens).
    pub fn on_data_changed(&mut self) {
        if self.screen == ScreenId::Login || self.ctx.session.operator.login.is_empty() {
            return;
        }
        if let Err(e) = self.refresh_today() {
            crate::log::log(crate::log::Level::Warn, &format!("queue refresh: {e}"));
        }
    }

    /// Called on every tick of the event loop: locks the screen after the idle
    /// period set by the administrator (setting `idle_lock_minutes`).
    pub fn tick(&mut self) {
        if self.screen == ScreenId::Login || self.ctx.session.operator.login.is_empty() {
            return;
        }
        let minutes = crate::auth::idle_lock_minutes(&self.ctx.store) as u64;
        if minutes > 0 && self.last_input.elapsed() >= std::time::Duration::from_secs(minutes * 60)
        {
            self.require_login();
            self.ctx.info(self.ctx.t(Msg::Locked));
        }
    }

    /// The permission an action needs (going to a screen here, the rest per screen).
    fn needs(&self, action: &Action) -> Option<Permission> {
        use Permission as P;
        Some(match action {
            Action::Go(ScreenId::Operators) => P::ManageOperators,
            Action::Go(ScreenId::Register) | Action::Go(ScreenId::Import) => P::RegisterAppeal,
            Action::Go(ScreenId::Officials) | Action::Go(ScreenId::Settings) => P::ManageProfile,
            Action::Go(ScreenId::Reports) | Action::Go(ScreenId::Survey) => P::ViewReports,
            Action::Go(ScreenId::Control) => P::ViewProtocol,
            Action::ExportReport
            | Action::PrintTalon
            | Action::PrintProtocol
            | Action::PrintCallList => P::Export,
            _ => return self.screens.get(self.screen).permission(action),
        })
    }

    /// Carries out one action: the permission gate, the screen, the routing of
    /// what it asks for, and the refresh of what changed.
    pub fn update(&mut self, action: Action) {
        if let Some(p) = self.needs(&action) {
            if !self.ctx.allows(p) {
                self.ctx.error(self.ctx.t(Msg::NotAllowed));
                return;
            }
        }
        let result = self.dispatch(action).and_then(|_| self.apply_changes());
        if let Err(e) = result {
            self.ctx.service_error(&e);
        }
    }

    fn dispatch(&mut self, action: Action) -> Result<(), ServiceError> {
        if action == Action::PrintTalon && matches!(self.popups.last(), Some(Popup::Talon { .. })) {
            self.print_shown_talon();
            return Ok(());
        }
        let outcome = self
            .screens
            .get_mut(self.screen)
            .handle(action, &mut self.ctx)?;
        self.route(outcome)
    }

    fn route(&mut self, outcome: Outcome) -> Result<(), ServiceError> {
        match outcome {
            Outcome::Stay => {}
            Outcome::Pass(Action::EnterField) => self.dispatch(Action::NextField)?,
            Outcome::Pass(a) => self.app_action(a)?,
            Outcome::Go(s) => self.go(s)?,
            Outcome::Show(s) => self.screen = s,
            Outcome::Open(what) => {
                let (id, from) = (what.target(), self.screen);
                if self.screens.get_mut(id).open(what, from, &mut self.ctx)? {
                    self.screen = id;
                }
            }
            Outcome::Popup(p) => self.popups.push(p),
            Outcome::Quit => self.quit = true,
        }
        Ok(())
    }

    /// The actions that are nobody's screen's: quitting, the language, the help,
    /// going to another screen and back.
    fn app_action(&mut self, action: Action) -> Result<(), ServiceError> {
        let current = self.screens.get(self.screen);
        match action {
            Action::Quit if self.screens.any_unsaved() => self.popups.push(Popup::Confirm {
                text: Msg::ConfirmQuitUnsaved,
                yes: Action::QuitNow,
            }),
            Action::Quit | Action::QuitNow => self.quit = true,
            Action::ToggleLang => self.toggle_lang()?,
            Action::Help => self.popups.push(Popup::Help),
            Action::ClosePopup => {
                self.popups.pop();
            }
            Action::Go(s)
                if s != self.screen && current.has_unsaved() && !current.keeps_input() =>
            {
                self.popups.push(Popup::Confirm {
                    text: Msg::ConfirmLeaveForm,
                    yes: Action::GoDiscard(s),
                })
            }
            Action::Go(s) => self.go(s)?,
            Action::StartOver => {
                self.screens = Screens::new(&self.ctx);
                self.go(ScreenId::Today)?
            }
            Action::GoDiscard(s) => {
                self.screens.get_mut(self.screen).discard(&self.ctx);
                self.go(s)?
            }
            Action::Back => {
                let target = current.back();
                let target_id = match target {
                    Outcome::Go(s) | Outcome::Show(s) => s,
                    _ => self.screen,
                };
                if current.has_unsaved() {
                    self.popups.push(Popup::Confirm {
                        text: Msg::ConfirmLeaveForm,
                        yes: Action::GoDiscard(target_id),
                    });
                } else {
                    self.screens.get_mut(self.screen).discard(&self.ctx);
                    self.route(target)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Goes to a screen, which reads its data on the way in (or refuses).
    fn go(&mut self, s: ScreenId) -> Result<(), ServiceError> {
        let from = self.screen;
        if self.screens.get_mut(s).enter(from, &mut self.ctx)? {
            self.screen = s;
        }
        Ok(())
    }

    fn toggle_lang(&mut self) -> Result<(), ServiceError> {
        let ctx = &mut self.ctx;
        ctx.session.lang = ctx.session.lang.toggle();
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        ctx.office.settings.ui_lang = Some(ctx.session.lang.code().into());
        ctx.store
            .save_office_settings(&actor, now, &ctx.office.settings)?;
        // Messages shown next to fields were written in the old language.
        for id in ScreenId::ALL {
            self.screens.get_mut(*id).language_changed(&self.ctx);
        }
        self.ctx.info(self.ctx.t(Msg::LangName));
        Ok(())
    }

    /// Refreshes what shows the data an action changed.
    fn apply_changes(&mut self) -> Result<(), ServiceError> {
        let c = std::mem::take(&mut self.ctx.changes);
        if c.officials {
            self.ctx.officials = self.ctx.store.officials(true)?;
        }
        if c.profile || (c.officials && !self.screens.register.has_unsaved()) {
            self.screens.register.reset_in(&self.ctx);
        }
        if c.today {
            self.refresh_today()?;
        }
        if c.appeals {
            self.screens.appeals.refresh(&self.ctx)?;
        }
        Ok(())
    }

    /// Writes the talon shown in the popup as a document (the printing is logged).
    fn print_shown_talon(&mut self) {
        let Some(Popup::Talon { talon, appeal, .. }) = self.popups.last().cloned() else {
            return;
        };
        let name = format!("talon-{}.html", talon.reg_no);
        let Some(path) = self
            .ctx
            .write_document(&name, crate::docs::talon::html(&talon))
        else {
            return;
        };
        self.ctx.print(&path, Some(&talon), "talon", appeal);
        if let Some(Popup::Talon { saved_to, .. }) = self.popups.last_mut() {
            *saved_to = Some(path);
        }
    }
}
