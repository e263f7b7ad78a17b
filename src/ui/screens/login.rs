//! The login (and, on the first run, the creation of the administrator), and the
//! screen lock after an idle period.
use crate::i18n::ui::Msg;
use crate::services::ServiceError;
use crate::store::Actor;
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::screen::{Outcome, Screen};
use crate::ui::screens::operators::{check_operator_form, operator_of, OperatorField};
use crate::ui::widgets::form::{Field, Form};
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Login,
    /// No operator yet: create the administrator.
    FirstAdmin,
}

#[derive(Default)]
pub struct LoginView {
    pub mode: Mode,
    pub form: Form<OperatorField>,
    /// The screen to return to after the login (the lock keeps the work).
    pub return_to: Option<ScreenId>,
}

impl LoginView {
    pub fn login(prefill: &str) -> LoginView {
        let mut pw = Field::text(OperatorField::Password, Msg::FieldPassword);
        pw.secret = true;
        let mut form = Form::new(vec![Field::text(OperatorField::Login, Msg::FieldLogin), pw]);
        form.set_text(OperatorField::Login, prefill);
        form.focus_on(if prefill.is_empty() {
            OperatorField::Login
        } else {
            OperatorField::Password
        });
        form.dirty = false;
        LoginView {
            mode: Mode::Login,
            form,
            return_to: None,
        }
    }

    pub fn first_admin() -> LoginView {
        let mut pw = Field::text(OperatorField::Password, Msg::FieldPassword);
        pw.secret = true;
        let mut pw2 = Field::text(OperatorField::Password2, Msg::FieldPasswordAgain);
        pw2.secret = true;
        let form = Form::new(vec![
            Field::text(OperatorField::FullName, Msg::FieldFullName),
            Field::text(OperatorField::PositionKk, Msg::FieldPositionKk),
            Field::text(OperatorField::PositionRu, Msg::FieldPositionRu),
            Field::text(OperatorField::Login, Msg::FieldLogin),
            pw,
            pw2,
        ]);
        LoginView {
            mode: Mode::FirstAdmin,
            form,
            return_to: None,
        }
    }
}

fn draw(v: &LoginView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let (title, hint) = match v.mode {
        Mode::Login => (Msg::LoginTitle, Msg::LoginHint),
        Mode::FirstAdmin => (Msg::FirstAdminTitle, Msg::FirstAdminHint),
    };
    let w = area.width.min(76);
    let h = area.height.min(14);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title.text(lang));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(2)]).areas(inner);
    f.render_widget(
        Paragraph::new(hint.text(lang))
            .wrap(Wrap { trim: true })
            .style(Style::default().add_modifier(Modifier::ITALIC)),
        head,
    );
    v.form.draw(f, body, lang);
}

impl LoginView {
    fn log_in(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let login = self.form.text(OperatorField::Login).trim().to_string();
        let password = self.form.text(OperatorField::Password);
        let now = ctx.now();
        match crate::auth::login(&mut ctx.store, &login, &password, now) {
            Ok(op) => {
                ctx.session.operator = op;
                let back = self.return_to.unwrap_or(ScreenId::Today);
                *self = LoginView::default();
                ctx.changes.today = true;
                ctx.status = None;
                Ok(Outcome::Show(back))
            }
            Err(crate::auth::LoginError::Store(e)) => Err(e.into()),
            Err(crate::auth::LoginError::WrongCredentials) => {
                self.form.set_text(OperatorField::Password, "");
                ctx.error(ctx.t(Msg::ErrLogin));
                Ok(Outcome::Stay)
            }
            Err(crate::auth::LoginError::Locked { until }) => {
                self.form.set_text(OperatorField::Password, "");
                ctx.error(format!(
                    "{} {}",
                    ctx.t(Msg::ErrLocked),
                    until.format("%d.%m.%Y %H:%M")
                ));
                Ok(Outcome::Stay)
            }
        }
    }

    /// First run: creates the administrator and logs them in.
    fn create_admin(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some(input) = check_operator_form(&mut self.form, ctx.lang(), true) else {
            ctx.error(ctx.t(Msg::FormHasErrors));
            return Ok(Outcome::Stay);
        };
        let op = operator_of(0, &input);
        let hash = crate::auth::hash_password(input.password.as_deref().unwrap_or_default());
        let id = ctx
            .store
            .add_operator(&Actor::system(), ctx.now(), &op, &hash)?;
        ctx.session.operator = ctx.store.operator(id)?;
        *self = LoginView::default();
        ctx.changes.today = true;
        ctx.info(ctx.t(Msg::Saved));
        Ok(Outcome::Show(ScreenId::Today))
    }
}

impl Screen for LoginView {
    fn id(&self) -> ScreenId {
        ScreenId::Login
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        match action {
            Action::Save => {
                return match self.mode {
                    Mode::Login => self.log_in(ctx),
                    Mode::FirstAdmin => self.create_admin(ctx),
                }
            }
            Action::NextField => self.form.next(),
            Action::PrevField => self.form.prev(),
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    fn input(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> Result<(), ServiceError> {
        self.form.input(key);
        Ok(())
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw(self, f, area, ctx)
    }

    fn back(&self) -> Outcome {
        Outcome::Stay
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}
