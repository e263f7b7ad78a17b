//! The login (and, on the first run, the creation of the administrator with its
//! one-time recovery code), the forced change of a password an administrator
//! reset, and the screen lock after an idle period.
use crate::domain::text::display;
use crate::domain::Operator;
use crate::i18n::ui::Msg;
use crate::services::ServiceError;
use crate::store::{Actor, StoreError};
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::popup::{OneTimeCode, Popup};
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
    /// Logged in with a password an administrator set (`operator reset`): a
    /// new one first; Esc logs out.
    ChangePassword,
}

#[derive(Default)]
pub struct LoginView {
    pub mode: Mode,
    pub form: Form<OperatorField>,
    /// The screen to return to after the login (the lock keeps the work).
    pub return_to: Option<ScreenId>,
    /// Who logged in with a reset password (`Mode::ChangePassword`): not the
    /// session's operator until the new password is stored.
    pub pending: Option<Operator>,
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
            ..LoginView::default()
        }
    }

    /// The new password (twice) of `op`, who logged in with a reset one.
    pub fn change_password(op: Operator) -> LoginView {
        let [pw, pw2] = super::operators::password_fields();
        LoginView {
            mode: Mode::ChangePassword,
            form: Form::new(vec![pw, pw2]),
            return_to: None,
            pending: Some(op),
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
            ..LoginView::default()
        }
    }
}

fn draw(v: &LoginView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let (title, hint) = match v.mode {
        Mode::Login => (Msg::LoginTitle, Msg::LoginHint),
        Mode::FirstAdmin => (Msg::FirstAdminTitle, Msg::FirstAdminHint),
        Mode::ChangePassword => (Msg::ChangePasswordTitle, Msg::ChangePasswordHint),
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
        .title(match &v.pending {
            Some(op) => format!("{}: {}", title.text(lang), display(&op.login)),
            None => title.text(lang).to_string(),
        });
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

/// The session passes to `op`: back to the screen the lock covered when it is
/// the same operator; another operator starts afresh, so the previous one's
/// open forms and cards (personal data among them) are not handed over.
fn take_over(ctx: &mut Ctx, op: Operator, back: ScreenId) -> Outcome {
    let previous = std::mem::replace(&mut ctx.session.operator, op);
    if previous.login.is_empty() || previous.id == ctx.session.operator.id {
        Outcome::Show(back)
    } else {
        Outcome::Pass(Action::StartOver)
    }
}

impl LoginView {
    fn log_in(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let login = self.form.text(OperatorField::Login).trim().to_string();
        let password = self.form.text(OperatorField::Password);
        // Every attempt is audited: not with a clock set back.
        let now = ctx.now_for_write()?;
        match crate::auth::login(&mut ctx.store, &login, &password, now) {
            Ok(op) if ctx.store.must_change_password(op.id)? => {
                let back = self.return_to;
                *self = LoginView::change_password(op);
                self.return_to = back;
                ctx.info(ctx.t(Msg::MustChangePassword));
                Ok(Outcome::Stay)
            }
            Ok(op) => {
                let back = self.return_to.unwrap_or(ScreenId::Today);
                *self = LoginView::default();
                ctx.changes.today = true;
                ctx.status = None;
                Ok(take_over(ctx, op, back))
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

    /// First run: creates the administrator and the one-time recovery code (one
    /// transaction), logs them in and shows the code once.
    fn create_admin(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some(input) = check_operator_form(&mut self.form, ctx.lang(), true) else {
            ctx.error(ctx.t(Msg::FormHasErrors));
            return Ok(Outcome::Stay);
        };
        let now = ctx.now_for_write()?;
        let op = operator_of(0, &input);
        let password = input.password.as_deref().unwrap_or_default();
        let created =
            crate::auth::create_first_admin(&mut ctx.store, &Actor::system(), now, &op, password);
        let (id, code) = match created {
            // Another desk on the same file was quicker: log in as usual.
            Err(StoreError::Invalid(m)) if m == crate::store::HAS_OPERATORS => {
                *self = LoginView::login("");
                ctx.error(ctx.t(Msg::ErrFirstAdminExists));
                return Ok(Outcome::Stay);
            }
            other => other?,
        };
        ctx.session.operator = ctx.store.operator(id)?;
        *self = LoginView::default();
        ctx.changes.today = true;
        ctx.info(ctx.t(Msg::Saved));
        // Closing the popup (its own key only) opens the desk.
        Ok(Outcome::Popup(Popup::RecoveryCode(OneTimeCode(code))))
    }

    /// The new password of the operator who logged in with a reset one: stored
    /// with the flag cleared in one transaction, then the desk opens.
    fn set_new_password(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some(op) = self.pending.clone() else {
            return Ok(Outcome::Stay);
        };
        let (password, again) = (
            self.form.text(OperatorField::Password),
            self.form.text(OperatorField::Password2),
        );
        self.form.clear_errors();
        let refused = if password != again {
            Some((OperatorField::Password2, Msg::ErrPasswordMismatch))
        } else {
            let now = ctx.now_for_write()?;
            use crate::auth::{ChangeError as E, PasswordError as P};
            match crate::auth::change_own_password(&mut ctx.store, &op, now, &password) {
                Ok(()) => None,
                Err(E::Policy(P::TooShort)) => {
                    Some((OperatorField::Password, Msg::ErrPasswordShort))
                }
                Err(E::Policy(P::SameAsLogin)) => {
                    Some((OperatorField::Password, Msg::ErrPasswordSame))
                }
                Err(E::Unchanged) => Some((OperatorField::Password, Msg::ErrPasswordUnchanged)),
                Err(E::Store(e)) => return Err(e.into()),
            }
        };
        if let Some((field, m)) = refused {
            self.form.set_error(field, ctx.t(m).into());
            self.form.focus_first_error();
            ctx.error(ctx.t(m));
            return Ok(Outcome::Stay);
        }
        let back = self.return_to.unwrap_or(ScreenId::Today);
        *self = LoginView::default();
        ctx.changes.today = true;
        ctx.info(ctx.t(Msg::PasswordChanged));
        Ok(take_over(ctx, op, back))
    }

    /// Esc while a reset password waits to be changed: nobody is logged in.
    fn log_out(&mut self, ctx: &mut Ctx) -> Outcome {
        if self.mode == Mode::ChangePassword {
            *self = LoginView::login("");
            ctx.session.operator = Operator {
                id: 0,
                login: String::new(),
                full_name: String::new(),
                position_kk: String::new(),
                position_ru: String::new(),
                role: crate::domain::Role::Viewer,
            };
            ctx.status = None;
        }
        Outcome::Stay
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
                    Mode::ChangePassword => self.set_new_password(ctx),
                }
            }
            Action::Back => return Ok(self.log_out(ctx)),
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

    fn keys(&self) -> &'static [crate::ui::keymap::Ctx] {
        match self.mode {
            Mode::ChangePassword => &[crate::ui::keymap::Ctx::NewPassword],
            _ => crate::ui::keymap::contexts(self.id()),
        }
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}
